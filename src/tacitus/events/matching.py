"""Which trigger frames apply to the words of a sentence.

A word the event lexicon knows ("visit", "sanctions") may have several frames; a light-verb
frame ("lift" + curfew) applies only when its object is one of the frame's words, and then
consumes that object. Modifiers of the trigger refine the code ("military ties" -> 062).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .lexicon import EventLexicon, Frame
from .syntax import direct_object, prep_objects


# nouns whose "of" object names what is meant: "dozens of drones", "a state of emergency",
# "a shipment of weapons", "a barrage of rockets"
QUANTITY_HEADS = {"dozen", "hundred", "thousand", "million", "number", "group", "batch", "range", "set", "couple", "pair", "part",
                  "most", "all", "state", "shipment", "consignment", "ton", "tonne", "barrage", "volley", "package", "supply", "delivery", "kind", "type",
                  "control", "mission", "team", "contingent"}


def object_words(verb: Token) -> set[str]:
    """Lemmas a light-verb frame may match: the object, its conjuncts, its compound
    modifiers ("emergency measures", "aid deliveries"), the noun after "dozens of", and a
    "with" object ("supplied Russia with drones")."""
    obj = direct_object(verb)
    heads = [obj] if obj is not None else []
    if obj is not None and obj.lemma_.lower() in QUANTITY_HEADS:
        heads += prep_objects(obj, {"of"})
    heads += prep_objects(verb, {"with"})
    words = set()
    for h in heads:
        words.add(h.lemma_.lower())
        words.update(c.lemma_.lower() for c in h.children if c.dep_ in ("conj", "compound"))
    return words


def frame_matches(token: Token, frame: Frame) -> bool:
    if frame.objects:
        return bool(object_words(token) & frame.objects)
    return True


def _pos_key(token: Token) -> str | None:
    if token.pos_ in ("VERB",) or (token.pos_ == "AUX" and token.dep_ == "ROOT"):
        return "V"
    if token.pos_ in ("NOUN", "PROPN"):
        return "N"
    return None


def triggers_in(sent: Span, lexicon: EventLexicon) -> tuple[list[tuple[Token, Frame]], set[int]]:
    """Each (token, frame) pair whose frame applies; a light-verb frame consumes its object."""
    found: list[tuple[Token, Frame]] = []
    consumed: set[int] = set()
    for token in sent:
        key = _pos_key(token)
        if key is None:
            continue
        lemma = token.lemma_.lower()
        frames = lexicon.frames_for(lemma, key)
        if not frames and key == "N" and lemma.endswith("s"):
            frames = lexicon.frames_for(lemma[:-1], key)
        if not frames:
            continue  # most words: no frame, nothing more to read
        particles = {c.lower_ for c in token.children if c.dep_ in ("prep", "dative", "prt")}
        specific = [f for f in frames if f.objects and frame_matches(token, f) and not (f.needprep and not set(f.preps) & particles)]
        if specific:
            found.append((token, specific[0]))
            obj = direct_object(token)
            if obj is not None:
                consumed.add(obj.i)
            continue
        preps = {c.lower_ for c in token.children if c.dep_ in ("prep", "dative")}
        clause = any(c.dep_ in ("xcomp", "ccomp") for c in token.children)
        general = [f for f in frames if not f.objects and not (f.needprep and not set(f.preps) & particles) and not (f.noclause and clause)]
        if general:
            with_prep = [f for f in general if f.preps and set(f.preps) & preps]
            found.append((token, (with_prep or general)[0]))
    return [(t, f) for t, f in found if t.i not in consumed], consumed


def qualifier_codes(token: Token, frame: Frame) -> list[tuple[str, str]]:
    """Codes refined by modifiers ("economic and military ties" -> 061 and 062)."""
    if not frame.qualifiers:
        return [(frame.code, "")]
    quals = dict(frame.qualifiers)
    mods: list[Token] = []
    obj = direct_object(token) if frame.pos == "V" else None
    if obj is not None:
        if frame.objects:
            mods.extend(c for c in obj.children if c.dep_ in ("amod", "compound", "nmod"))
        for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in prep.children:
                mods.extend(t for t in pobj.subtree if t.i - pobj.i < 4)
    for child in token.children:
        if child.dep_ in ("amod", "compound", "nmod", "advmod"):
            mods.extend([child, *[c for c in child.children if c.dep_ == "conj"]])
    for conj in (c for c in token.children if c.dep_ == "conj"):
        mods.extend(c for c in conj.children if c.dep_ in ("amod", "compound"))
    # "accused X of genocide", "spoke by telephone", "attacked Kyiv with drones": the object of
    # 'of'/'by'/'with' qualifies too
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "by", "with")):
        for obj in prep.children:
            mods.extend(t for t in obj.subtree if t.i - obj.i < 4)
    # "its trade and military cooperation": the modifiers may hang off a conjoined noun
    if token.dep_ == "conj":
        mods.extend(c for c in token.head.children if c.dep_ in ("amod", "compound"))
    hits: list[tuple[str, str]] = []
    for mod in mods:
        code = quals.get(mod.lemma_.lower()) or quals.get(mod.lower_)
        if code and code not in [c for c, _ in hits]:
            hits.append((code, mod.text))
    return hits or [(frame.code, "")]
