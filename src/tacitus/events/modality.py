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
            return Modality(kind, cue[kind])
    return Modality()
