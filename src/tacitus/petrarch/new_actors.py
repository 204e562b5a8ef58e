"""PETRARCH's `new_actor_length` option: an uncoded noun phrase of at most that many words,
standing where the verb's source or target should be, becomes an actor of its own whose code
is its quoted upper-case text ('"THE MINISTRY OF MAGIC"'). 0 switches this off."""

from __future__ import annotations

from .matcher import Entity, Mention

_OBJECTS = {"dobj", "obj", "pobj", "attr", "dative"}
_LIST_GLUE = {"and", "or", ",", "nor"}


def _words(tokens) -> list:
    """The words PETRARCH keeps in a noun phrase: no punctuation, no possessive 's."""
    return [t for t in tokens if not t.is_punct and t.tag_ != "POS" and t.lower_ not in ("'s", "'")]


def _new_actor(tokens, limit: int, coded: set[int]) -> Entity | None:
    words = _words(tokens)
    if not words or len(words) > limit or any(t.i in coded for t in tokens):
        return None
    head = max(words, key=lambda t: (t.pos_ in ("NOUN", "PROPN"), t.i))
    code = '"' + " ".join(w.text.upper() for w in words) + '"'
    return Entity(head, code, [Mention(words[0].i, words[-1].i + 1)])


def coded_tokens(entities: list[Entity]) -> set[int]:
    return {i for e in entities for m in e.mentions for i in range(m.start, m.end)}


def subject_actor(subjects, limit: int, entities: list[Entity]) -> Entity | None:
    """The verb's subject phrase as a new actor, if it is short enough and names no actor."""
    if limit <= 0:
        return None
    coded = coded_tokens(entities)
    for subject in subjects:
        found = _new_actor(list(subject.subtree), limit, coded)
        if found:
            return found
    return None


def listed_subject_actors(subjects, limit: int, entities: list[Entity]) -> list[Entity]:
    """'Eriador's death and injury toll': the uncoded items of a written list in the subject
    phrase that also names a coded actor become new actors beside it."""
    if limit <= 0 or not subjects:
        return []
    coded = coded_tokens(entities)
    tokens = sorted({t for s in subjects for t in s.subtree}, key=lambda t: t.i)
    if not any(t.i in coded for t in tokens):
        return []
    items, current = [], []
    for token in tokens:
        if token.lower_ in _LIST_GLUE:
            items.append(current)
            current = []
        else:
            current.append(token)
    items.append(current)
    if len(items) < 2:
        return []
    return [e for e in (_new_actor(item, limit, coded) for item in items) if e is not None]


def object_actor(region, limit: int, entities: list[Entity]) -> Entity | None:
    """The first noun phrase after the verb ("left for the Ministry of Magic") as a new actor."""
    if limit <= 0:
        return None
    coded = coded_tokens(entities)
    for token in region:
        if token.dep_ in _OBJECTS and token.pos_ in ("NOUN", "PROPN"):
            return _new_actor(list(token.subtree), limit, coded)
    return None
