"""An event candidate found in a sentence, and a trigger word that was not coded (with why)."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from .lexicon import Frame
from .modality import Modality
from .participants import ActorRef


@dataclass
class Candidate:
    trigger: Token
    frame: Frame
    code: str
    source: ActorRef
    target: ActorRef | None
    modality: Modality
    notes: list[str] = field(default_factory=list)
    confidence: float = 0.9
    place_token: Token | None = None  # a place tied to the event by the parse
    chain: list[Token] = field(default_factory=list)
    untargeted: bool = False  # coded with no target although the frame usually takes one


@dataclass
class Rejection:
    trigger: Token
    frame: Frame
    reason: str


def via_note(ref: ActorRef) -> str:
    """How an actor that was not named in the sentence was found, for an explanation."""
    return "" if ref.via in ("named", "unattributed") else f" (resolved from {ref.via})"
