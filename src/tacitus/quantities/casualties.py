"""What counted people are (killed, wounded, arrested, protesters ...) and the casualty summary.

The category of a count comes first from the word that says what happened to the people
("killing 34", "12 were killed", "30 wounded", "12 dead", "arresting 12"), then from the noun
itself ("protesters", "troops", "refugees"). Both lists are data: ``casualty_words.tsv`` and
``people.tsv``.

``casualty_counts`` folds a sentence's counts into the three PLOVER fields:

- ``dead``: killed + dead. Counts under "including"/"among" are parts of another count and
  are not added; a stated death toll ("the death toll rose to 40") wins over the parts.
- ``injured``: injured + wounded, the same way.
- ``size``: the number of people the event involved other than the dead and injured: a crowd
  or protesters, people arrested, detained, displaced, deported, expelled, kidnapped, and
  "killed or wounded" totals. The largest such count; attackers ("two bombers") are not a size.
  A plain count of people ("500,000 workers") is a size when nothing more specific is stated.
"""
from __future__ import annotations

from tacitus.quantities.lexicon import QuantityLexicon, lexicon

DEAD = {"killed", "dead"}
INJURED = {"injured", "wounded"}
NOT_SIZE = DEAD | INJURED | {"attackers"}
PART_OF = {"including", "among", "include"}


def _casualty_word(tok, lex: QuantityLexicon):
    return lex.casualty_words.get(tok.lemma_.lower()) or lex.casualty_words.get(tok.lower_)


def _category_from_words(tok, lex: QuantityLexicon) -> str | None:
    """Category from the words around ``tok`` (the counted noun, or the bare number)."""
    while tok.dep_ == "conj" and tok.head.i != tok.i and tok.head.pos_ in ("NOUN", "NUM", "PRON", "PROPN"):
        tok = tok.head
    for child in tok.children:  # "12 people killed", "five missing", "12 dead"
        entry = _casualty_word(child, lex)
        if entry and child.dep_ in ("acl", "amod", "relcl", "oprd") and child.i > tok.i:
            return entry[1]
    head = tok.head
    dep = tok.dep_
    if dep == "pobj" and head.lower_ == "to" and head.i > 0 and tok.doc[head.i - 1].lower_ == "up":
        head, dep = head.head, "dobj"  # "kidnapped up to 16 advisers" parsed as a prepositional phrase
    entry = _casualty_word(head, lex) if head.i != tok.i else None
    if entry is None:
        if _is_toll(tok):
            return "dead"  # "the death toll rose to 40"
        return None
    slot, category = entry
    if slot == "adjective" and dep in ("nummod", "nsubj", "amod", "npadvmod"):
        return category
    if slot == "object":
        has_object = any(c.dep_ == "dobj" for c in head.children)
        elliptic_passive = dep == "nsubj" and head.tag_ == "VBN" and not has_object  # "30 wounded"
        if dep in ("dobj", "nsubjpass") or elliptic_passive:
            other = _coordinated_casualty(head, lex)
            return f"{other} or {category}" if other else category
    if slot == "subject" and dep == "nsubj":
        return category
    return None


def _is_toll(tok) -> bool:
    """'the death toll rose to 40', 'a toll of 40'."""
    head = tok.head
    if head.lemma_ == "toll":
        return True
    if head.lower_ in ("to", "at", "of"):
        if head.head.lemma_ == "toll":
            return True
        return any(c.lemma_ == "toll" for c in head.head.children if c.dep_.startswith("nsubj"))
    return False


def _coordinated_casualty(verb, lex: QuantityLexicon) -> str | None:
    """'killing or wounding 50': the other verb of an 'or' pair, if it is a casualty word."""
    if verb.dep_ == "conj" and any(c.lower_ == "or" for c in verb.head.children):
        entry = _casualty_word(verb.head, lex)
        return entry[1] if entry else None
    return None


def count_category(anchor, noun, lex: QuantityLexicon) -> tuple[str | None, bool]:
    """(category, counts people?) for a count whose syntactic head is ``anchor``."""
    category = _category_from_words(anchor, lex)
    is_person = category is not None
    for word in (noun, *(noun.conjuncts if noun is not None else ())):
        if word is None:
            continue
        entry = person_entry(word, lex)
        if entry is not None:
            is_person = True
            category = category or entry[0]
            break
        if word.ent_type_ == "NORP" or (word.pos_ == "PRON" and word.lower_ in ("them", "us", "whom")):
            is_person = True
            break
    return category, is_person


def person_entry(word, lex: QuantityLexicon):
    """(category, is_actor) when ``word`` names people, else None."""
    return lex.people.get(word.lemma_.lower()) or lex.people.get(word.lower_)


def _is_part(tok) -> bool:
    """True when the count sits under 'including'/'among' (a part of another count)."""
    t = tok
    while t.head.i != t.i:
        if t.lower_ in PART_OF or t.lemma_ in PART_OF:
            return True
        if t.dep_ in ("ROOT",):
            break
        t = t.head
    return False


def _coordination_root(anchor, anchors: set[int]):
    """The first of a run of counts joined by 'and' (also when the parser gave both the same role)."""
    root = anchor
    while root.dep_ == "conj" and root.head.i in anchors:
        root = root.head
    doc = anchor.doc
    for other in sorted(anchors):
        tok = doc[other]
        if other < root.i and tok.head.i == root.head.i and tok.dep_ == root.dep_ and any(
            doc[k].lower_ == "and" for k in range(other + 1, root.i)
        ):
            return _coordination_root(tok, anchors)
    return root


def summarise(counts) -> dict:
    """{"dead", "injured", "size"} from counts (Quantity objects with kind 'count')."""
    dead: list[int] = []
    injured: list[int] = []
    sizes: dict[int, int] = {}  # coordinated counts ("three children and a dozen women") add up
    toll: list[int] = []
    anchors = {a.i for _, a in counts}
    for q, anchor in counts:
        if q.value is None or q.unit != "people":
            continue
        value = int(q.value)
        category = q.category or ""
        part = _is_part(anchor)
        if category in DEAD:
            if _is_toll(anchor):
                toll.append(value)
            elif not part:
                dead.append(value)
        elif category in INJURED:
            if not part:
                injured.append(value)
        elif category not in NOT_SIZE and not part:
            root = _coordination_root(anchor, anchors)
            sizes[root.i] = sizes.get(root.i, 0) + value
    return {
        "dead": max(toll) if toll else (sum(dead) if dead else None),
        "injured": sum(injured) if injured else None,
        "size": max(sizes.values()) if sizes else None,
    }


def casualty_counts(sent, quantities: list | None = None) -> dict:
    """Dead, injured and crowd/target size stated in one sentence (a spaCy Span); None when unstated.

    ``quantities``: the sentence's (Quantity, anchor token) pairs from ``find_with_anchors``,
    when the caller has them already (they are found again otherwise).
    """
    lex = lexicon()
    if quantities is None:
        from tacitus.quantities.attach import find_with_anchors

        quantities = find_with_anchors(sent, 0, lex)
    found = [(q, a) for q, a in quantities if q.kind == "count"]
    result = summarise(found)
    counted = {a.i for _, a in found}
    verbs = None  # read once, for both fields, only when a field is unstated
    for field, categories in (("dead", DEAD), ("injured", INJURED)):
        if result[field] is None:
            verbs = verbs if verbs is not None else [t for t in sent if t.pos_ == "VERB"]
            result[field] = _single_victims(verbs, categories, counted, lex) or None
    return result


def _single_victims(verbs, categories, counted: set[int], lex: QuantityLexicon) -> int:
    """People named one by one with no number: "a journalist has been killed" counts 1.
    ``verbs``: the sentence's verbs."""
    total = 0
    for verb in verbs:
        entry = _casualty_word(verb, lex)
        if entry is None or entry[1] not in categories:
            continue
        slot = entry[0]
        deps = ("dobj", "nsubjpass") if slot == "object" else ("nsubj",)
        for victim in verb.children:
            if victim.dep_ not in deps:
                continue
            for person in (victim, *victim.conjuncts):
                singular = person.tag_ in ("NN", "NNP")
                numbered = any(c.like_num for c in person.children) or person.i in counted
                named = person_entry(person, lex) is not None or person.ent_type_ == "PERSON"
                if singular and named and not numbered and (person_entry(person, lex) or (None, False))[1] is False:
                    total += 1
    return total
