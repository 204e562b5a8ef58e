"""Second-choice places for a trigger's participants, tried after the parse's own ones.

:mod:`.roles` lists the usual places (subject, object, possessor, prepositions); the
readings here cover phrasings where the doer stands one step away from the trigger.
"""
from __future__ import annotations

from spacy.tokens import Token

from .syntax import subject_of

# nouns that speak for whoever issued them: "issued a declaration *demanding* that Turkey ..."
AUTHORED_NOUNS = {"declaration", "statement", "communique", "communiqué", "resolution", "letter", "message",
                  "decree", "note", "memorandum", "report", "appeal", "manifesto", "ultimatum", "order", "law", "bill",
                  "plan", "measure", "decision"}

# passive verbs whose subject takes part in the act named after "in": "Serb forces were engaged
# *in ethnic cleansing*", "soldiers were involved in the killings"
PARTICIPATION_PASSIVES = {"engage", "involve", "implicate"}


def document_author(verb: Token) -> tuple[list[Token], str]:
    """The issuer of the document (or adopter of the plan) a clause hangs from, as a source option.

    "The Kurdistan Workers' Party issued a declaration demanding that ...": the demand is
    the party's, who issued the declaration; "the cabinet approved a plan that will not allow
    ...": the cabinet's. ([], "") when the clause hangs from no such noun.
    """
    noun = verb.head
    if verb.dep_ not in ("acl", "relcl") or noun.lemma_.lower() not in AUTHORED_NOUNS or noun.dep_ not in ("dobj", "obj"):
        return [], ""
    subj, passive, how = subject_of(noun.head)
    if subj is None or passive:
        return [], ""
    return [subj], f"who issued the '{noun.text}' ({how} of '{noun.head.text}')"


def taking_part(verb: Token, noun: Token) -> bool:
    """The noun is what the passive verb's subject takes part in ("were engaged in cleansing")."""
    return (verb.lemma_.lower() in PARTICIPATION_PASSIVES and noun.dep_ == "pobj" and noun.head.lower_ == "in"
            and noun.head.head.i == verb.i)


def clause_subjects(noun: Token) -> list[Token]:
    """Who must act in the clause a demand or appeal noun governs: "its demands *that Burundi's
    government* grant the majority more rights"."""
    clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp")]  # the parse may tag the verb a noun
    return [s for c in clauses if any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            for s in c.children if s.dep_ == "nsubj"]


def judged_as_object(verb: Token) -> list[Token]:
    """The owners of what a verb judges when the parse hangs it on the 'as' phrase: "denounced as
    an ugly crime *Serbia's* suppression of the unrest" (the suppression is Serbia's)."""
    judged = [a for p in verb.children if p.dep_ == "prep" and p.lower_ == "as"
              for o in p.children if o.dep_ == "pobj" for a in o.children if a.dep_ == "appos"]
    return [c for a in judged for c in a.children if c.dep_ == "poss" and c.tag_ != "PRP$"]
