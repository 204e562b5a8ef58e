"""Who does a verb's action on spaCy's parse: its subject (own or inherited through 'is about
to', 'urged X to'), its 'by' agents, and whether it is passive."""

from __future__ import annotations

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_PRONOUNS = {"it", "they", "he", "she", "we"}
# a verb without its own subject takes the subject of the word it hangs from through these
_INHERIT = {"xcomp", "conj", "advcl", "acl", "acomp", "prep", "pcomp", "pobj", "oprd"}


def _by_agents(verb) -> list:
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children
            if g.dep_ == "pobj"]


def is_reduced_passive(verb) -> bool:
    """"(there were) ten soldiers killed in X": a participle hanging from its noun."""
    return (verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD")
            and verb.head.pos_ in ("NOUN", "PROPN"))


def verb_subjects(verb):
    """(subject tokens, by-agent tokens, passive?) for a verb, inherited if needed.

    "Arnor is about to restore ...": restore takes the subject of 'is';
    "urged Eriador to respond": respond takes urge's object (object control).
    """
    if is_reduced_passive(verb):
        return [verb.head], _by_agents(verb), True
    seen = 0
    start = verb
    while verb is not None and seen < 6:
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        if verb is not start and start.dep_ == "xcomp" and start.head.i == verb.i:
            objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
            if objects:
                return objects, [], False
        agents = _by_agents(verb)
        if subjects or agents:
            # "Obama is scheduled to attend": attend is active though 'scheduled' is not
            passive = verb.i == start.i and any(
                c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
            return resolve_pronouns(verb, subjects), agents, passive
        if verb.dep_ in _INHERIT and verb.head.i != verb.i and not _unjoined_conjunct(verb):
            verb = verb.head
            seen += 1
        else:
            break
    return [], [], False


def _unjoined_conjunct(verb) -> bool:
    """A verb spaCy calls a conjunct though no 'and', 'or' or comma joins it to the verb
    before it ("jailed X for helping militants join a group"): not a verb that shares its
    subject."""
    if verb.dep_ != "conj" or verb.head.i > verb.i:
        return False
    between = verb.doc[verb.head.i + 1: verb.i]
    return not any(t.dep_ in ("cc", "punct") and t.head.i in (verb.i, verb.head.i)
                   for t in between)


def has_own_subject(verb) -> bool:
    """A subject (or 'by' agent) in the verb's own clause, not one taken from a verb above it
    ("the leader prepared to attend X": 'attend' has none; "the leader attended X" has)."""
    return is_reduced_passive(verb) or any(
        c.dep_ in SUBJECTS or c.dep_ == "agent" for c in verb.children)


def resolve_pronouns(verb, subjects):
    """'Ethiopia indicated it would act': a pronoun subject stands for the subject of the
    verb whose clause this is."""
    out = []
    for subject in subjects:
        if subject.pos_ == "PRON" and subject.lower_ in _PRONOUNS:
            up = verb
            while up.dep_ in ("ccomp", "advcl", "conj", "xcomp") and up.head.i != up.i:
                up = up.head
                found = [c for c in up.children if c.dep_ in ("nsubj", "nsubjpass")]
                if found:
                    subject = found[0]
                    break
        out.append(subject)
    return out


def phrases_of(head, prepositions: set[str]) -> set[int]:
    """Token indices of the prepositional phrases on a noun whose preposition is one of
    `prepositions` ("the statement by the French presidency": 'by the French presidency')."""
    return {t.i for c in head.children if c.dep_ in ("prep", "agent")
            and c.lower_ in prepositions for t in c.subtree}
