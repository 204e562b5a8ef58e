"""Where a verb's clause begins and ends on spaCy's parse: which verb's event stands when
clauses nest, and where a verb's target may be looked for."""

from __future__ import annotations

_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_COMPLEMENTS = {"ccomp"}  # clauses whose verb an upper coded verb takes over
_CLAUSES = {"advcl", "conj", "parataxis", "relcl", "acl", "csubj", "cc"}


def hands_over_to_xcomp(verb, by_verb) -> bool:
    """A verb whose open complement (same subject, no object of its own) coded an event."""
    if any(c.dep_ in ("dobj", "obj") for c in verb.children):
        return False
    return any(c.dep_ == "xcomp" and by_verb.get(c.i) for c in verb.children)


def inside_coded_clause(verb, by_verb, linear: bool = True) -> bool:
    """A verb of an adverbial clause after a verb that coded an event ("... after crowds
    burned down its embassy"): PETRARCH codes the main verb's phrase only."""
    head = verb.head
    before = False
    if verb.dep_ == "pcomp" and head.dep_ == "prep":  # "... after leaving Eriador"
        head = head.head
        # "Before leaving for X, Bush was to meet Y": the main clause's event stands too
        before = not linear and verb.i < head.i
    elif verb.dep_ != "advcl":
        return False
    if (verb.i < head.i and not before) or head.pos_ not in ("VERB", "AUX"):
        return False
    chain = [head]  # "Arnor is about to restore ...": 'is' -> 'about' -> 'restore'
    while len(chain) < 4:
        nxt = [c for c in chain[-1].children if c.dep_ in ("xcomp", "acomp")
               and (before or c.i < verb.i)]
        if not nxt:
            break
        chain.append(nxt[0])
    return any(by_verb.get(t.i) for t in chain)


def governed_by_coded_verb(verb, by_verb, targets) -> bool:
    """True when an upper verb coded an event whose target it took from this verb's clause."""
    clause = {t.i for t in verb.subtree}
    token = verb
    while token.dep_ in _COMPLEMENTS and token.head.i != token.i:
        if token.i < token.head.i:  # "X attacked Y, officials said": X's event stands
            return False
        token = token.head
        if by_verb.get(token.i) and targets.get(token.i, set()) & clause:
            return True
    return False


def governing_verbs(verb) -> list:
    """'Ethiopia indicated it would act': the verbs whose complement this verb's clause is
    come before it, as in PETRARCH-1's linear patterns ('INDICATED WOULD * NOW')."""
    out = []
    while verb.dep_ in ("ccomp", "xcomp") and verb.head.i < verb.i and len(out) < 2:
        verb = verb.head
        out.append(verb)
    return out


def object_region(verb) -> list:
    out = []
    for child in verb.children:
        if child.i < verb.i or child.dep_ in _CLAUSES or child.dep_ in _SUBJECTS:
            continue
        out.extend(child.subtree)
    return sorted(out, key=lambda t: t.i)


def adverbial_region(verb) -> list:
    """Words of the adverbial clauses after a verb (and after the verbs it hangs from
    through 'is about to'): where PETRARCH's verb phrase still finds a target when the
    object itself names none."""
    out, token = [], verb
    for _ in range(3):
        out += [t for c in token.children if c.dep_ == "advcl" and c.i > verb.i
                for t in c.subtree]
        if token.dep_ not in ("xcomp", "acomp") or token.head.i == token.i:
            break
        token = token.head
    return sorted(out, key=lambda t: t.i)


def has_noun_phrase(region) -> bool:
    """A noun phrase (coded or not) in `region`; a bare time word ('said today') is not one."""
    return any(t.pos_ in ("NOUN", "PROPN", "PRON") and t.dep_ not in ("npadvmod", "tmod")
               for t in region)


def reports_a_clause(verb) -> bool:
    """"Gondor and Osgiliath said (that) ...": a verb with a clause of its own reports
    something; its conjoined subjects do not act on each other."""
    return any(c.dep_ in ("ccomp", "parataxis") for c in verb.children) or verb.dep_ == "ccomp"


def complement_clause(verb) -> set[int]:
    """Token indices of the verb's clausal complements ("alleged that X was aware of the
    killings"). PETRARCH-2 matches a verb's patterns against its own phrase (its noun and
    prepositional phrases), not against the words of a clause it reports."""
    return {t.i for c in verb.children if c.dep_ in _COMPLEMENTS for t in c.subtree}


def complement_subjects(verb) -> set[int]:
    """Token indices of the subjects of the verb's clausal complements: "Arnor believes
    Dagolath can cope" (Dagolath); the one place in such a clause where a reporting verb's
    target may be found."""
    return {t.i for c in verb.children if c.dep_ in _COMPLEMENTS
            for s in c.children if s.dep_ in _SUBJECTS for t in s.subtree}


def clauses_in_object(verb) -> set[int]:
    """Token indices of clauses with a subject of their own inside the verb's object ("comes
    a day before Sarkozy heads to Beijing"): another verb's phrase, where PETRARCH-2 looks
    for neither the verb's pattern words nor its target."""
    out: set[int] = set()
    for child in verb.children:
        if child.i < verb.i or child.dep_ in _CLAUSES or child.dep_ in _SUBJECTS:
            continue
        for token in child.subtree:
            if (token.dep_ == "relcl" and token.i not in out
                    and any(c.dep_ in _SUBJECTS for c in token.children)):
                out |= {t.i for t in token.subtree}
    return out
