"""Claims of responsibility: who claimed an act did it, and the claim is aimed at its victims.

"Hezbollah claimed responsibility for a barrage of rockets fired at an Israeli base": the
claimer (Hezbollah) is the source of the claimed act (the firing, whatever the parse names
as its subject), and the claim itself (CAMEO 015) is aimed at whoever the act hit. "Islamic
State claimed the attack in which gunmen killed 130 people" reads the same way.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from .candidate import Candidate, via_note
from .lexicon import EventLexicon, Frame
from .modality import read_modality
from .participants import ActorRef
from .syntax import direct_object, prep_objects

CLAIM_CODE = "015"
# the words that name the claim itself, not the act claimed
CLAIM_WORDS = {"responsibility", "credit", "role"}


@dataclass
class Claim:
    """A claim-of-responsibility trigger and the tokens of the act it claims."""

    trigger: Token
    frame: Frame
    act_tokens: set[int] = field(default_factory=set)


def claimed_acts(triggers: list[tuple[Token, Frame]]) -> dict[int, Claim]:
    """The claims among the triggers, keyed by the claim word's index."""
    claims: dict[int, Claim] = {}
    for token, frame in triggers:
        if frame.code != CLAIM_CODE or frame.pos != "V":
            continue
        obj = direct_object(token)
        heads = prep_objects(token, {"for"})
        if obj is not None:
            if obj.lemma_.lower() in CLAIM_WORDS:
                heads += prep_objects(obj, {"for"})
            else:  # "claimed the attack"
                heads.append(obj)
        act = {t.i for h in heads for t in h.subtree}
        if act:
            claims[token.i] = Claim(token, frame, act)
    return claims


def claim_for(token: Token, claims: dict[int, Claim]) -> Claim | None:
    """The claim whose claimed act contains this trigger, if any."""
    for claim in claims.values():
        if token.i in claim.act_tokens and token.i != claim.trigger.i:
            return claim
    return None


def aimed_claims(unaimed: list[tuple[Token, Frame, list[ActorRef], str]], claims: dict[int, Claim], cands: list[Candidate],
                 lexicon: EventLexicon) -> list[Candidate]:
    """Claims that found no target of their own, aimed at whoever the claimed act hit (its target,
    or the place it hit); ``unaimed`` holds each claim word with its frame, sources and how they were found."""
    out = []
    for token, frame, sources, source_how in unaimed:
        acts = [c for c in cands if c.trigger.i in claims[token.i].act_tokens and (c.target is not None or c.place_token is not None)]
        seen: set[str] = set()
        for act in acts:
            key = act.target.code if act.target else f"place {act.place_token.i}"
            if key in seen:
                continue
            seen.add(key)
            for src in sources:
                notes = [frame.describe(), f"source '{src.text}' ({src.code}): {source_how}" + via_note(src),
                         f"target: who the claimed '{act.trigger.text}' was aimed at" + (f", '{act.target.text}' ({act.target.code})" if act.target else "")]
                out.append(Candidate(token, frame, frame.code, src, act.target, read_modality(token, lexicon), notes, 0.7,
                                     None if act.target else act.place_token))
    return out
