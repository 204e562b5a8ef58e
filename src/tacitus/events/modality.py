"""Modality of an event (asserted, planned, negated, possible) and the code shifts it brings.

The cues sit on the chain of words that govern the trigger: auxiliaries ("will",
"could"), negations ("did not"), and governing verbs ("is set to", "is expected
to", "refused to", "seeks to", "threatened to"). Which word means what is data
(``modality_cues.tsv``); how an intent, a refusal or a threat moves the CAMEO code
is data too (``code_shifts.tsv``).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .lexicon import EventLexicon
from .syntax import chain_up, cue_words

COOPERATIVE_ROOTS = {"02", "03", "04", "05", "06", "07", "08"}


@dataclass(frozen=True)
class Modality:
    kind: str = "asserted"  # asserted, planned, negated, possible
    cue: str | None = None
    shift: str | None = None  # intent, reject, threat

    def apply(self, code: str, lexicon: EventLexicon) -> tuple[str, str]:
        """(code, modality) after the shift this modality implies."""
        if self.shift == "reject" and code[:2] in COOPERATIVE_ROOTS:
            return lexicon.shift("reject", code) or code, "asserted"
        if self.shift == "threat":
            return lexicon.shift("threat", code) or code, "asserted"
        if self.shift == "intent" and not code.startswith("03"):
            shifted = lexicon.shift("intent", code)
            if shifted:
                return shifted, "asserted"
        return code, self.kind


def _instrument(trigger: Token) -> bool:
    """A noun under a preposition ("isolate Russia *through sanctions*", "agreed *to a ceasefire*")
    names something that exists or is agreed, not only intended."""
    return trigger.dep_ == "pobj"


def read_modality(trigger: Token, lexicon: EventLexicon) -> Modality:
    effects: list[tuple[str, str]] = []
    for tok in cue_words(chain_up(trigger)):
        if tok.i == trigger.i:
            continue
        word = tok.lower_ if tok.dep_ in ("aux", "neg") else tok.lemma_.lower()
        effect = lexicon.cues.get(word) or lexicon.cues.get(tok.lower_)
        if effect:
            effects.append((effect, tok.text))
    # "Putin's decision to make China the destination for his trip": a planning noun above the trigger
    for anc in list(trigger.ancestors)[:6]:
        if anc.pos_ == "NOUN" and lexicon.cues.get(anc.lemma_.lower()) == "planned":
            effects.append(("planned", anc.text))
            break
    condition = _unless_condition(trigger)
    if condition is not None and any(e in ("planned", "possible", "intent") for e, _ in effects):
        # "will withdraw its force unless Chad arranges a ceasefire": a future act made
        # conditional on the other side's act is a threat (CAMEO 13)
        effects.append(("threat", condition.text))
    kinds = {e for e, _ in effects}
    cue = {e: t for e, t in reversed(effects)}
    if "negated" in kinds:
        if kinds & {"intent", "planned", "possible"} or any(t.lower() in ("refused", "refuses", "refuse", "declined") for _, t in effects):
            return Modality("negated", cue["negated"], "reject")
        return Modality("negated", cue["negated"])
    if "threat" in kinds:
        return Modality("asserted", cue["threat"], "threat")
    if "intent" in kinds and not _instrument(trigger):
        return Modality("asserted", cue["intent"], "intent")
    for kind in ("planned", "possible"):
        if kind in kinds:
            if cue[kind].lower() in FUTURE_AUX and _own_future_announced(trigger):
                return Modality("asserted", cue[kind], "intent")
            return Modality(kind, cue[kind])
    return Modality()


# "Israel announced *it would free* prisoners", "the US declared *it will deny* entry": a speaker's
# own future act, formally announced, is an expression of intent (CAMEO 03). A plain "said it
# would send" stays a report of the act itself (the project's gold codes it so).
FUTURE_AUX = {"will", "would", "'ll", "shall"}
ANNOUNCING_VERBS = {"announce", "declare", "confirm", "reiterate"}
SELF_PRONOUNS = {"it", "he", "she", "they", "we", "i"}


def _own_future_announced(trigger: Token) -> bool:
    clause = trigger
    while clause.dep_ in ("xcomp", "conj") and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in ANNOUNCING_VERBS:
        return False
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(s.lower_ in SELF_PRONOUNS for s in subjects) and not any(s.dep_ == "nsubjpass" for s in subjects)


CONDITION_MARKS = {"unless"}


def _unless_condition(trigger: Token) -> Token | None:
    """The "unless" that makes the trigger's clause conditional, if any."""
    for verb in [trigger, *list(trigger.ancestors)[:2]]:
        for clause in (c for c in verb.children if c.dep_ == "advcl"):
            mark = next((m for m in clause.children if m.dep_ == "mark" and m.lower_ in CONDITION_MARKS), None)
            if mark is not None:
                return mark
        if verb.dep_ not in ("xcomp", "conj"):
            break
    return None


CONDITION_WORDS = {"if", "unless"}


def in_condition(trigger: Token) -> bool:
    """The trigger is the condition of something else ("Hamas might release hostages *if Israel
    agrees* to extend the truce"): a supposition, not an event that happened or was announced."""
    tok = trigger
    for _ in range(4):
        if tok.dep_ == "advcl":
            return any(m.dep_ == "mark" and m.lower_ in CONDITION_WORDS for m in tok.children)
        if tok.dep_ in ("ROOT", "ccomp", "relcl", "acl", "parataxis") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False
