"""Reading who-did-what-to-whom off spaCy's dependency parse.

Small functions over tokens: where a verb's subject is (also when it is inherited
from a governing verb: "Putin is set to embark", "seeking to deepen"), which
words are its objects, and the chain of governing words that carries modality.
"""
from __future__ import annotations

from spacy.tokens import Token

SUBJECT_DEPS = {"nsubj", "csubj"}
# "accuse X of doing", "thank X for doing": X does the deed
GERUND_OBJECT_VERBS = {"accuse", "blame", "charge", "thank", "praise", "criticize", "criticise", "condemn", "commend", "congratulate", "punish", "sanction", "fault"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
OBJECT_DEPS = {"dobj", "obj", "attr"}
# A clause that takes its subject from the word it hangs from.
INHERITS_SUBJECT = {"xcomp", "conj", "advcl", "pcomp", "ccomp", "acomp"}  # acomp: "Syria is willing to withdraw"
APPEAL_VERBS = {"appeal", "call", "plead"}  # "called on Israel to allow": the 'on'/'to' object acts
# Verbs whose object, not subject, does the complement's action ("urged Iran to", "wants Putin to").
OBJECT_CONTROL = {"urge", "ask", "want", "call", "appeal", "plead", "press", "pressure", "push", "order", "tell", "force", "allow", "invite", "encourage", "persuade", "help"}


def conjuncts(token: Token) -> list[Token]:
    """The token and the words conjoined with it ("Russia and China")."""
    out = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN", "PRON", "ADJ", "NUM", "X"):
            out.extend(conjuncts(child))
        # "The US, Russia, and Switzerland": the parser makes the middle of a list an apposition
        elif child.dep_ == "appos" and child.pos_ == "PROPN" and any(g.dep_ in ("conj", "cc") for g in child.children):
            out.extend(conjuncts(child))
    return out


def direct_subject(verb: Token) -> tuple[Token | None, bool]:
    """(subject, passive) among the verb's own children."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child, False
        if child.dep_ in PASSIVE_SUBJECT_DEPS:
            return child, True
    return None, False


def agent_of(verb: Token) -> Token | None:
    """The 'by' object of a passive verb ("was attacked by militants")."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def direct_object(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "obj"):
            return child
    return None


def prep_objects(head: Token, preps: tuple[str, ...] | set[str]) -> list[Token]:
    """Objects of the given prepositions hanging from ``head`` ("talks *with* X")."""
    out = []
    for child in head.children:
        if child.dep_ in ("prep", "dative", "agent") and child.lower_ in preps:
            out.extend(g for g in child.children if g.dep_ in ("pobj", "pcomp"))
    return out


def dative(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "dative" and child.pos_ != "ADP":
            return child
    return None


def subject_of(verb: Token, depth: int = 0) -> tuple[Token | None, bool, str]:
    """Find who performs ``verb``: (token, passive, how).

    ``how`` says where it was found ("subject", "subject of 'set'", "object of 'urged'"),
    which the event explanation repeats.
    """
    if depth > 6:
        return None, False, ""
    subj, passive = direct_subject(verb)
    if subj is not None:
        if subj.dep_ == "nsubj" and subj.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":  # "which", "that", "who"
            return verb.head, False, f"noun modified by '{verb.text}'"
        return subj, passive, "subject"
    dep, head = verb.dep_, verb.head
    if head.i == verb.i:
        return None, False, ""
    if dep in ("xcomp", "ccomp") and head.lemma_ in OBJECT_CONTROL:
        obj = direct_object(head)
        if obj is not None and obj.i < verb.i:
            return obj, False, f"object of '{head.text}'"
        # "appealed to both sides to return", "called on Israel to allow"
        objs = [o for o in prep_objects(head, {"to", "on", "upon"}) if o.i < verb.i]
        if objs and head.lemma_ in APPEAL_VERBS:
            return objs[0], False, f"object of '{head.text} {objs[0].head.text}'"
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)  # not "..., warning that"
    if dep == "advcl" and head.lemma_ in APPEAL_VERBS and verb.i > head.i and infinitive:
        # "called on Arabs to unite and mobilize": the parse may hang the asked act as an adverbial clause
        objs = [o for o in prep_objects(head, {"to", "on", "upon"}) if o.i < verb.i]
        if objs:
            return objs[0], False, f"object of '{head.text} {objs[0].head.text}'"
    if dep in INHERITS_SUBJECT:
        tok, passive, how = subject_of(head, depth + 1)
        if tok is not None:
            # a passive governing verb ("Putin is set to embark") still has Putin doing the action
            # "has been indicted ... and will resign": a conjoined verb with its own tense is active
            own_tense = dep == "conj" and verb.tag_ != "VBN"
            return tok, False if dep in ("xcomp", "advcl", "pcomp") or own_tense else passive, _inherited(how, head)
    if dep == "relcl":
        return head, False, f"noun modified by '{verb.text}'"
    if dep == "acl" and (verb.tag_ in ("VBG", "VBD") or (head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN"))):
        # a past-tense "acl", or one on a noun the parse made the root, is a main verb hung on its
        # subject ("youths resorted to", "An official Syrian newspaper called on Arabs to")
        return head, False, f"noun modified by '{verb.text}'"
    if dep in ("pcomp", "pobj") and head.dep_ == "prep":
        governor = head.head
        if governor.pos_ == "ADJ" and governor.dep_ == "acomp":  # "are guilty of violating": the subject of "are"
            return subject_of(governor, depth + 1)
        if governor.pos_ not in ("VERB", "AUX"):
            return None, False, ""
        # "accused Washington of prolonging the war": the accused does the deed
        if head.lower_ in ("of", "for") and governor.lemma_ in GERUND_OBJECT_VERBS:
            obj = direct_object(governor)
            if obj is not None:
                return obj, False, f"object of '{governor.text}'"
        return subject_of(governor, depth + 1)
    return None, False, ""


def _inherited(how: str, head: Token) -> str:
    return how if "of '" in how else f"{how} of '{head.text}'"


def governing_verb(noun: Token) -> Token | None:
    """The verb a nominal trigger hangs from ("imposed *sanctions*", "*with* a visit")."""
    tok = noun
    for _ in range(4):
        dep, head = tok.dep_, tok.head
        if head.i == tok.i:
            return None
        if dep in ("dobj", "obj", "nsubjpass", "attr", "oprd", "npadvmod"):
            return head if head.pos_ in ("VERB", "AUX") else None
        if dep == "pobj" and head.dep_ in ("prep", "agent"):
            tok = head.head
            if tok.pos_ in ("VERB", "AUX"):
                return tok
            continue
        if dep == "conj":
            tok = head
            continue
        return None
    return None


ADJUNCT_PREPS = {"during", "after", "before", "amid", "since", "despite", "following", "at", "in", "on", "over", "throughout", "ahead"}


def chain_up(token: Token, limit: int = 6) -> list[Token]:
    """The trigger and the words it hangs from, up to the main clause.

    Stops at reporting verbs' boundaries only when the trigger is the reporting
    verb itself; "said he would not provide" keeps "provide"'s own auxiliaries.
    """
    chain = [token]
    tok = token
    for _ in range(limit):
        head = tok.head
        if head.i == tok.i:
            break
        if tok.dep_ == "pobj" and head.lower_ in ADJUNCT_PREPS:
            break  # "during a phone call", "after four days of strikes": not governed by the main verb's modality
        if tok.dep_ in ("xcomp", "conj", "acl", "advcl", "dobj", "pobj", "prep", "pcomp", "nsubjpass", "attr", "oprd", "auxpass", "aux", "nsubj", "acomp") or (tok.dep_ == "ccomp" and tok.pos_ == "VERB" and _is_raising(head)):
            chain.append(head)
            tok = head
            continue
        break
    return chain


def _is_raising(head: Token) -> bool:
    return head.lemma_ in {"expect", "set", "schedule", "plan", "want", "seek", "intend", "likely", "due"}


def cue_words(chain: list[Token]) -> list[Token]:
    """Auxiliaries, negations and the chain's own verbs: where modality cues sit."""
    out: list[Token] = []
    for tok in chain:
        out.append(tok)
        for child in tok.children:
            if child.dep_ in ("aux", "auxpass", "neg", "advmod") :
                out.append(child)
    return out


OWNER_PREPS = {"of", "for", "in"}


def thing_owners(thing: Token, depth: int = 4, adjectives: bool = False) -> list[Token]:
    """Names that own or hold a thing, nearest first: its possessor and name modifiers, then the
    same for the nouns of its 'of'/'for'/'in' phrases, down ``depth`` levels. Nationality
    adjectives count only with ``adjectives`` ("an *Israeli* base" is Israel's; "the *Russian*
    language" is not Russia's)."""
    owners: list[Token] = []
    level = [thing]
    for _ in range(depth):
        nxt = []
        for tok in level:
            owners += [c for c in tok.children if (c.dep_ == "poss" and c.tag_ != "PRP$") or
                       (c.dep_ in ("compound", "nmod") and (c.pos_ == "PROPN" or c.ent_type_ in ("GPE", "ORG"))) or
                       (adjectives and c.dep_ == "amod" and c.ent_type_ in ("GPE", "NORP"))]
            if tok is not thing and (tok.pos_ == "PROPN" or tok.ent_type_ in ("GPE", "NORP", "ORG")):
                owners.append(tok)
            nxt += prep_objects(tok, OWNER_PREPS)
        level = nxt
    return owners


# how a parse may hang the first of two comma-joined names in a headline ("Biden, Xi agree")
HEADLINE_PARTNER_DEPS = {"dep", "advcl", "advmod", "npadvmod", "nsubj", "appos", "compound"}


def headline_partner(subj: Token) -> Token | None:
    """The first subject of a headline's comma coordination: "*Biden*, Xi agree to restore ...",
    "*Trump*, Putin to meet in Alaska" (a headline's comma stands for "and").

    Only a capitalised word that opens the sentence, is followed by nothing but the comma and is
    attached to the same verb counts (and only if it names an actor does it become a source).
    """
    i = subj.left_edge.i
    sent = subj.sent
    doc = subj.doc
    if i == sent.start and subj.right_edge.i + 2 < sent.end and doc[subj.right_edge.i + 1].text == ",":
        # "Macron, Scholz agree": the parse may take the first name as the subject and the second too
        second = doc[subj.right_edge.i + 2]
        if second.dep_ == "nsubj" and second.head.i == subj.head.i and second.i == second.left_edge.i:
            return second
        return None
    if i - 2 != sent.start or doc[i - 1].text != ",":
        return None
    first = doc[i - 2]
    if first.head.i != subj.head.i or first.dep_ not in HEADLINE_PARTNER_DEPS:
        return None
    if not first.is_title:
        return None
    return first
