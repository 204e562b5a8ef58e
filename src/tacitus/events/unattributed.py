"""Attacks whose attacker the text does not name: "were killed in a car bombing",
"a roadside bomb killed one soldier", "killed by an improvised explosive device".

PLOVER codes such an assault with the attacker unknown; Tacitus gives it the source
code ``---`` (no country, no role) and says so in the event's explanation. Only frames
that list ``doer:`` words in the trigger lexicon (killing, wounding) are read this way,
and only when one of those words (a bomb, a blast, an air strike) is what did it: a
storm or a riot that "killed 28 people" is no attack. "Killed in an *Israeli* air
strike" names the attacker after all: the attack noun's own frame codes it.
"""
from __future__ import annotations

from spacy.tokens import Token

from .lexicon import Frame
from .participants import ActorRef, SentenceActors
from .syntax import prep_objects

UNKNOWN_SOURCE = "---"
# named things may be an actor the actor lexicon lacks ("killed by Kamal Hassan"): not unknown
NAMED_ENTITY_TYPES = {"PERSON", "NORP", "ORG", "GPE"}


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _names_doer(word: Token, frame: Frame) -> bool:
    """The doer's phrase holds one of the frame's weapon or blast words ("roadside *bombing*")."""
    return any(t.lemma_.lower() in frame.unknown_doers or t.lower_ in frame.unknown_doers
               for t in word.subtree if t.head.i == word.i or t.i == word.i)


def _ref(verb: Token, word: Token | None) -> ActorRef:
    if word is None:
        return ActorRef(UNKNOWN_SOURCE, "", None, None, None, "unknown", verb.i, verb.idx, verb.idx, via="unattributed")
    span = verb.doc[word.left_edge.i: word.i + 1]
    return ActorRef(UNKNOWN_SOURCE, span.text, None, None, None, "unknown", word.i, span.start_char, span.end_char, via="unattributed")


def unattributed_source(verb: Token, frame: Frame, source_words: list[Token],
                        actors: SentenceActors) -> tuple[ActorRef, str] | None:
    """An unknown source for an attack whose doer is a weapon or blast, with how it was found.

    ``source_words``: where the parse found the doer (the subject, or a passive's "by"
    object), none of them a known actor. A passive with no doer looks at its "in" phrase:
    "were killed in a suicide car bombing" has an unknown attacker.
    Background killings in a relative clause ("where 24 people were killed") are not coded.
    """
    if not frame.unknown_doers or verb.pos_ != "VERB" or verb.tag_ == "VBG" or verb.dep_ == "relcl":
        return None
    if source_words:
        word = source_words[0]
        if word.ent_type_ in NAMED_ENTITY_TYPES or word.pos_ in ("PRON", "PROPN") or not _names_doer(word, frame):
            return None
        return _ref(verb, word), f"'{word.text}' names no actor; the attacker is not known ({UNKNOWN_SOURCE})"
    if not _passive(verb):
        return None
    for attack in prep_objects(verb, {"in"}):
        if not _names_doer(attack, frame):
            continue
        if any(actors.resolve(t) for t in [*attack.children, *prep_objects(attack, {"by"})] if t.dep_ in ("amod", "compound", "poss", "pobj")):
            return None  # "killed in an Israeli air strike": the attack's own frame codes who did it
        return _ref(verb, attack), f"the passive names no attacker ('{attack.text}'); the attacker is not known ({UNKNOWN_SOURCE})"
    return None
