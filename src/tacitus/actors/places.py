"""Places the actor lexicon does not list, read through the gazetteer to give role words a country.

Cities, provinces and regions are not actors in their own right, but they say whose a role word
is: "Kharkiv officials" and "the government of Sindh province" are Ukrainian and Pakistani
government, "authorities in Kano state" Nigerian, and "civilians sheltering in a theatre in
Mariupol" Ukrainian civilians. The gazetteer (:mod:`tacitus.geo`) is read, never changed; each
name is looked up once per process.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from .lexicon import ActorLexicon

# entity labels a place name may carry; spaCy also tags some towns PRODUCT or ORG ("Bucha")
PLACE_LABELS = {"GPE", "LOC", "FAC"}
LOOSE_LABELS = PLACE_LABELS | {"ORG", "PRODUCT", ""}
# words after a name that say it is a place: "Sindh province", "Kano state", "Kherson region"
PLACE_NOUNS = {"province", "state", "region", "oblast", "district", "city", "town", "village", "county",
               "governorate", "prefecture", "territory", "area", "municipality", "capital", "port"}
MODIFIER_DEPS = {"compound", "nmod", "poss", "amod"}


@lru_cache(maxsize=4096)
def _lookup(name: str) -> tuple[str, str] | None:
    from ..geo.resolve import place_for

    try:
        place = place_for(name)
    except (TypeError, ValueError):
        return None
    return (place.country, place.precision) if place and place.country else None


def _name_span(tok: Token) -> str:
    """The whole entity a token belongs to ("West Darfur", "El Geneina")."""
    doc, start, end = tok.doc, tok.i, tok.i + 1
    if tok.ent_type_:
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
    return doc[start:end].text


def place_country(tok: Token, lexicon: ActorLexicon, covered: set[int], loose: bool = False) -> str | None:
    """The CAMEO country of the place a capitalised token names, or None.

    A token tagged as a place (GPE, LOC, FAC) is looked up. With ``loose`` (after a location
    preposition, or before a place noun such as "province"), a capitalised token with another
    label or none is looked up too. Words that the lexicon already matched are not places here.
    """
    if tok.i in covered or not tok.text[:1].isupper() or tok.pos_ not in ("PROPN", "NOUN"):
        return None
    label = tok.ent_type_
    if label in ("PERSON", "NORP"):
        return None
    before_place_noun = tok.head.lower_ in PLACE_NOUNS and tok.dep_ == "compound"
    if label not in PLACE_LABELS and not ((loose or before_place_noun) and label in LOOSE_LABELS):
        return None
    found = _lookup(_name_span(tok))
    if found is None:
        return None
    iso3, precision = found
    if label not in PLACE_LABELS and precision == "city" and not (loose or before_place_noun):
        return None
    return lexicon.iso3_codes.get(iso3, iso3)


def modifier_place(head: Token, lexicon: ActorLexicon, covered: set[int]) -> str | None:
    """A place named inside a role word's own noun phrase: "Kharkiv officials", "the Kano state
    government", "the government of Sindh province", "civilians in the town of Bucha"."""
    for child in head.children:
        if child.dep_ in MODIFIER_DEPS:
            found = place_country(child, lexicon, covered, loose=True)
            if found:
                return found
    return None


def object_place(obj: Token, lexicon: ActorLexicon, covered: set[int]) -> str | None:
    """The place a prepositional object names: the object itself ("in Mariupol"), a name before
    a place noun ("in Kano state") or after "of" ("in the town of Bucha")."""
    found = place_country(obj, lexicon, covered, loose=True)
    if found:
        return found
    if obj.pos_ != "NOUN":
        return None
    for child in obj.children:
        if child.dep_ in ("compound", "nmod") and child.pos_ == "PROPN":
            found = place_country(child, lexicon, covered, loose=True)
            if found:
                return found
    for prep in obj.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for inner in prep.children:
                if inner.dep_ == "pobj":
                    found = place_country(inner, lexicon, covered, loose=True)
                    if found:
                        return found
    return None


def phrase_place(head: Token, lexicon: ActorLexicon, covered: set[int]) -> str | None:
    """"protesters in Zahedan", "the government of Sindh province", "Kharkiv officials"."""
    found = modifier_place(head, lexicon, covered)
    if found:
        return found
    preps = lexicon.cue("location_preps") | {"of", "from"}
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    found = object_place(obj, lexicon, covered)
                    if found:
                        return found
    return None


def sentence_places(sent, lexicon: ActorLexicon, covered: set[int]) -> set[str]:
    """Countries of the places where a sentence happens: objects of location prepositions
    ("killed in Mariupol", "a theatre in Mariupol where civilians were sheltering")."""
    preps = lexicon.cue("location_preps")
    found = set()
    for tok in sent:
        if tok.dep_ == "pobj" and tok.head.lower_ in preps and tok.i not in covered:
            country = object_place(tok, lexicon, covered)
            if country:
                found.add(country)
    return found
