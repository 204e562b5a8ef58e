"""Small rules about neighbouring matches, used by :mod:`.finder` while it composes actors:
peoples named by two demonyms ("Bosnian Serbs"), a role shared by a list of owners ("US and
British activists"), and owners that lead a force ("the Saudi-led coalition", "U.S.-led forces")."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from .lexicon import Entry

# what "the Saudi-led coalition" stands for: the leader's armed forces (the words are cue led_forces)
LED_FORCES = Entry("coalition", "---MIL", None, "MIL", None, "role")


def merge_peoples(doc: Doc, raw: list[tuple[int, int, Entry]]) -> list[tuple[int, int, Entry]]:
    """"Bosnian Serbs", "Croatian Serb refugees": a people named by the country they live in;
    the first word's country codes the pair."""
    out: list[tuple[int, int, Entry]] = []
    for start, end, entry in raw:
        if out:
            s0, e0, prev = out[-1]
            if (prev.kind == "adjective" and entry.kind == "adjective" and e0 == start and prev.country != entry.country
                    and doc[end - 1].pos_ in ("PROPN", "NOUN")):
                out[-1] = (s0, end, prev)
                continue
        out.append((start, end, entry))
    return out


def share_roles(doc: Doc, mentions: list) -> list:
    """"US and British activists": the role word applies to both owners."""
    for k in range(1, len(mentions)):
        prev, cur = mentions[k - 1], mentions[k]
        if cur.kind != "role" or not cur.role or prev.role or prev.kind not in ("country", "adjective", "region"):
            continue
        between = doc[prev.end : cur.start]
        # a comma is a list's or a clause's edge ("near its border with Bulgaria, Macedonian officials said")
        if len(between) == 1 and between[0].lower_ in ("and", "or"):
            mentions[k - 1] = replace(prev, head=cur.head, code=(prev.country or prev.code) + cur.role, role=cur.role,
                                      name=None, kind="role", is_place_name=False)
    return mentions


def led_owners(doc: Doc, raw: list, entries: dict[str, list[Entry]], owner_kinds: set[str], lo: int, hi: int) -> list:
    """"U.S.-led forces": owners written as one token with "-led" (spaCy keeps "U.S.-led" whole),
    as (start, end, entries) matches; ``entries`` is the finder's phrase index ("E:"/"L:" keys)."""
    taken = {i for s, e, _ in raw for i in range(s, e)}
    found = []
    for i in range(lo, hi):
        text = doc[i].text
        if i in taken or len(text) < 6 or not text.lower().endswith("-led"):
            continue
        prefix = text[:-4]
        hits = [e for e in entries.get("E:" + prefix) or entries.get("L:" + prefix.lower()) or [] if e.kind in owner_kinds]
        if hits:
            found.append((i, i + 1, hits))
    return found


def led_end(doc: Doc, start: int, end: int) -> int | None:
    """The token after "X-led" when the owner at start..end is followed by "-led", else None."""
    if end - start == 1 and doc[start].lower_.endswith("-led") and len(doc[start]) > 4:
        return end
    if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ == "led":
        return end + 2
    return None
