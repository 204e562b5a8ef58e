"""Small rules about neighbouring matches, used by :mod:`.finder` while it composes actors:
peoples named by two demonyms ("Bosnian Serbs") or by a demonym and a people without a state
("Syrian Kurds"), a role shared by a list of owners ("US and
British activists"), and owners that lead a force ("the Saudi-led coalition", "U.S.-led forces")."""
from __future__ import annotations

from dataclasses import replace

from spacy.attrs import ORTH
from spacy.tokens import Doc

from .lexicon import Entry

# what "the Saudi-led coalition" stands for: the leader's armed forces (the words are cue led_forces)
LED_FORCES = Entry("coalition", "---MIL", None, "MIL", None, "role")


def merge_peoples(doc: Doc, raw: list[tuple[int, int, Entry]], stateless: frozenset[str] = frozenset()) -> list[tuple[int, int, Entry]]:
    """"Bosnian Serbs", "Croatian Serb refugees": a people named by the country they live in;
    the first word's country codes the pair. A people with no state of its own (``stateless``,
    lower-case forms from peoples.tsv) joins the demonym before it: "Iraqi Kurds" -> IRQ."""
    out: list[tuple[int, int, Entry]] = []
    starts = {s for s, _, _ in raw}
    for start, end, entry in raw:
        if (stateless and entry.kind == "adjective" and end < len(doc) and end not in starts
                and doc[end].lower_ in stateless and doc[end].text[:1].isupper()):
            end += 1
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


# word hash (ORTH, the same in every vocabulary) -> whether the word ends in "-led"
_LED_WORDS: dict[int, bool] = {}


def led_owners(doc: Doc, raw: list, entries: dict[str, list[Entry]], owner_kinds: set[str], lo: int, hi: int) -> list:
    """"U.S.-led forces": owners written as one token with "-led" (spaCy keeps "U.S.-led" whole),
    as (start, end, entries) matches; ``entries`` is the finder's phrase index ("E:"/"L:" keys)."""
    strings = doc.vocab.strings
    orths = doc.to_array(ORTH)[lo:hi].tolist()
    # the distinct words of the text that end in "-led", read once each (not token by token)
    led_words = set()
    for o in set(orths):
        led = _LED_WORDS.get(o)
        if led is None:
            led = _LED_WORDS[o] = len(strings[o]) >= 6 and strings[o].lower().endswith("-led")
        if led:
            led_words.add(o)
    if not led_words:
        return []
    taken = {i for s, e, _ in raw for i in range(s, e)}
    found = []
    for i in range(lo, hi):
        if i in taken or orths[i - lo] not in led_words:
            continue
        text = doc[i].text
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


def head_and_text(doc: Doc, start: int, end: int) -> tuple[int, str]:
    """The syntactic head and text of tokens start..end; a one-word span is its own head
    (read without building a Span, which finds its root by walking the parse)."""
    if end - start == 1:
        return start, doc[start].text
    span = doc[start:end]
    return span.root.i, span.text
