"""Events reported through a claim, an allegation or a denial.

"The US claimed that ISIL had attacked Iraq" is, for the coder, the US accusing ISIL
(112), not an attack the writer vouches for; "the rebels claimed they had attacked the
base" is a claim of responsibility (015); "the ministry denied that its forces had carried
out the strike" is a denial of responsibility (016). Which verbs report in which way is
data (``modality_cues.tsv``: effects ``claims``, ``alleges``, ``denies``).
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from .lexicon import EventLexicon, Frame
from .syntax import subject_of

# kinds of event whose report is a claim, an allegation or a denial: threats, protests,
# force, coercion, assault, fighting and mass violence
HOSTILE_ROOTS = {"13", "14", "15", "16", "17", "18", "19", "20"}
REPORT_KINDS = {"claims", "alleges", "denies"}
CLIMB_DEPS = {"dobj", "obj", "conj", "xcomp", "pobj", "prep", "pcomp", "advcl", "nsubjpass", "attr"}


def reporting_verb(trigger: Token, lexicon: EventLexicon) -> tuple[Token, str] | None:
    """The claim/allege/deny verb whose clause holds ``trigger``, with its kind."""
    tok = trigger
    for _ in range(5):
        head = tok.head
        if head.i == tok.i:
            return None
        if tok.dep_ == "ccomp":
            kind = lexicon.cues.get(head.lemma_.lower())
            return (head, kind) if kind in REPORT_KINDS else None
        if tok.dep_ not in CLIMB_DEPS:
            return None
        tok = head
    return None


def fold_reports(cands: list, actors, lexicon: EventLexicon) -> list:
    """Replace hostile events under a claim, allegation or denial by what the speaker did."""
    out = []
    made: set[tuple] = set()
    for c in cands:
        found = reporting_verb(c.trigger, lexicon) if c.code[:2] in HOSTILE_ROOTS else None
        if found is None:
            out.append(c)
            continue
        verb, kind = found
        subj, _, how = subject_of(verb)
        speakers = actors.resolve(subj) if subj is not None else []
        if not speakers:
            out.append(c)
            continue
        speaker = speakers[0]
        own = speaker.code == c.source.code or (speaker.country and speaker.country == c.source.country and kind != "alleges")
        if kind == "denies" or (kind == "claims" and own):
            code, target = ("016" if kind == "denies" else "015"), c.target
            what = "a denial of responsibility" if kind == "denies" else "a claim of responsibility"
        elif not own:
            code, target, what = "112", c.source, "an accusation"
        else:
            out.append(c)
            continue
        place = c.place_token if target is None else None  # "the strike on the station in Kharkiv"
        if target is None and place is None:
            continue
        key = (speaker.code, target.code if target else place.i, code)
        if key in made:
            continue
        made.add(key)
        frame = Frame(verb.lemma_.lower(), "V", code, file="reported.py")
        notes = [f"'{verb.text}' reports '{c.trigger.text}' ({c.code}) -> {code} ({what})",
                 f"source '{speaker.text}' ({speaker.code}): {how}",
                 f"target '{target.text}' ({target.code}): of the reported '{c.trigger.text}'" if target else
                 f"target: the place of the reported '{c.trigger.text}'"]
        out.append(replace(c, trigger=verb, frame=frame, code=code, source=speaker, target=target, notes=notes,
                           confidence=0.7, place_token=place, untargeted=False))
    return out
