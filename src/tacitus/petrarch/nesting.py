"""PETRARCH-2's nested codes on spaCy's parse: an act under a verb of appeal or intent takes
that verb's kind through the coding ontology ('wants to help' -> 033, intend to aid)."""

from __future__ import annotations

from dataclasses import replace


def nest_under_upper(verb, coded: list, upper_code, ontology) -> list:
    """'X wants to help Y': the act of a verb's open complement (sharing the upper verb's
    subject) takes the kind of the verb above it (its own code, not a pattern's): 030 over
    070 is 033. `coded`: the lower verb's events; unchanged when nothing combines."""
    if ontology is None or verb.dep_ != "xcomp" or upper_code is None or not upper_code.forward:
        return coded
    return [replace(e, code=ontology.combine(upper_code.forward, e.code) or e.code)
            for e in coded]


def controlled_complement(verb):
    """"asking Obama to help Iran": the verb's open complement whose subject is the verb's own
    object (spaCy: an object and an 'xcomp'); None when there is none."""
    for child in verb.children:
        if child.i < verb.i:
            continue
        if child.dep_ == "xcomp" and any(c.dep_ in ("dobj", "obj") for c in verb.children):
            return child
        # spaCy also reads "want Obama to head back" as a clause with its own subject
        if child.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to"
                                         for c in child.children) and any(
                c.dep_ == "nsubj" and c.i < child.i for c in child.children):
            return child
    return None


def fold_object_control(doc, by_verb: dict, verb_codes: dict, ontology) -> None:
    """"Congress is asking Obama to help Iran": PETRARCH-2 codes the appeal to Obama with the
    kind of what is asked (020 over 070: 023, appeal for aid), not a separate act of Obama's.
    The upper verb's events take the combined code and the lower verb's are dropped; when
    the codes do not combine both stand; when the lower verb (one the dictionary knows)
    coded no event, neither does the upper ("wants Obama to head back": nothing is done to
    anyone). Changes `by_verb` in place."""
    if ontology is None:
        return
    for index in list(by_verb):
        upper_events = by_verb[index]
        if not upper_events:
            continue
        lower = controlled_complement(doc[index])
        if lower is None or lower.i not in verb_codes:
            continue
        upper = verb_codes.get(index)
        lower_events = by_verb.get(lower.i) or []
        if not lower_events:  # "want Obama to head back": what is wanted is no act on anyone
            by_verb[index] = []
            continue
        lower_code = lower_events[0].code
        if upper is None or not upper.forward or not lower_code:
            continue
        combined = ontology.combine(upper.forward, lower_code)
        if combined is None:
            continue
        by_verb[index] = [replace(e, code=combined) for e in upper_events
                          if e.code == upper_events[0].code]
        by_verb[lower.i] = []
