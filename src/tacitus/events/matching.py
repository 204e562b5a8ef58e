"""Which trigger frames apply to the words of a sentence.

A word the event lexicon knows ("visit", "sanctions") may have several frames; a light-verb
frame ("lift" + curfew) applies only when its object is one of the frame's words, and then
consumes that object. Modifiers of the trigger refine the code ("military ties" -> 062).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .lexicon import EventLexicon, Frame
from .syntax import direct_object, direct_subject, prep_objects
from .words import words_of


# nouns whose "of" object names what is meant: "dozens of drones", "a state of emergency",
# "a shipment of weapons", "a barrage of rockets"
QUANTITY_HEADS = {"dozen", "hundred", "thousand", "million", "number", "group", "batch", "range", "set", "couple", "pair", "part",
                  "most", "all", "state", "shipment", "consignment", "ton", "tonne", "barrage", "volley", "package", "supply", "delivery", "kind", "type",
                  "control", "mission", "team", "contingent",
                  # spans of time: "launched 10 days of war games", "after two weeks of talks"
                  "day", "week", "month",
                  # amounts: "5.1 million dollars of aid", "700 kg of medicine", "$50,000 worth of goods"
                  "dollar", "euro", "pound", "kg", "kilogram", "kilo", "worth", "load", "truckload", "planeload", "shipload", "crate", "carton", "sack", "litre", "liter", "gallon"}

# nouns of movement whose "of" object is what a light verb acts on: "allow *the return of* inspectors",
# "permit the entry of aid"
MOVEMENT_HEADS = {"return", "entry", "deployment", "arrival", "passage", "presence"}


def object_words(verb: Token) -> set[str]:
    """Lemmas a light-verb frame may match: the object, its conjuncts, its compound
    modifiers ("emergency measures", "aid deliveries"), the noun after "dozens of", a
    "with" object ("supplied Russia with drones") and, as "to:street", a prepositional object."""
    obj = direct_object(verb)
    heads = ([obj] if obj is not None else []) + prep_objects(verb, {"with"})
    # "took 200 people hostage" (a second object), "let aid enter Gaza" (the subject of the clause let happen)
    heads += [c for c in verb.children if c.dep_ in ("dobj", "oprd") and c is not obj]
    heads += [s for c in verb.children if c.dep_ == "ccomp" for s in c.children if s.dep_ == "nsubj"]
    heads += [o for h in heads if h.lemma_.lower() in QUANTITY_HEADS | MOVEMENT_HEADS for o in prep_objects(h, {"of"})]
    words = set()
    # "took to the streets": a frame's object may be a prepositional one, written "to:street"
    words.update(f"{o.head.lower_}:{o.lemma_.lower()}" for o in prep_objects(verb, {"to", "into", "onto", "on"}))
    for h in heads:
        words.update((h.lemma_.lower(), h.lower_))  # "evacuated the wounded": the lemma of a participle is the verb's
        # "launched artillery, mortar, and rocket fire": every conjunct, however deep the list
        words.update(c.lemma_.lower() for c in (*h.conjuncts, *(c for c in h.children if c.dep_ == "compound")))
    return words


def frame_matches(token: Token, frame: Frame) -> bool:
    if frame.objects:
        return bool(object_words(token) & frame.objects)
    return True


def _pos_key(pos: str, dep: str) -> str | None:
    if pos in ("VERB",) or (pos == "AUX" and dep == "ROOT"):
        return "V"
    if pos in ("NOUN", "PROPN"):
        return "N"
    return None


def in_a_name(token: Token) -> bool:
    """A capitalised noun inside a multi-word name after another capitalised word of it
    ("Asia-Pacific Economic *Cooperation*", "Chemical Weapons *Convention*"): part of a name."""
    return (token.is_title and token.ent_iob_ == "I" and not token.is_sent_start
            and token.nbor(-1).is_title and token.nbor(-1).ent_iob_ in ("B", "I"))


def triggers_in(sent: Span, lexicon: EventLexicon) -> tuple[list[tuple[Token, Frame]], set[int]]:
    """Each (token, frame) pair whose frame applies; a light-verb frame consumes its object."""
    found: list[tuple[Token, Frame]] = []
    consumed: set[int] = set()
    doc = sent.doc
    words = words_of(doc)
    for i in range(sent.start, sent.end):
        key = _pos_key(words.pos[i], words.dep[i])
        if key is None:
            continue
        lemma = words.lemma[i]
        frames = lexicon.frames_for(lemma, key)
        if not frames and key == "N" and lemma.endswith("s"):
            frames = lexicon.frames_for(lemma[:-1], key)
        if not frames:
            continue  # most words: no frame, nothing more to read
        token = doc[i]
        if key == "N" and in_a_name(token):
            continue  # "the Asia-Pacific Economic *Cooperation* summit": a name, not an event
        particles = {c.lower_ for c in token.children if c.dep_ in ("prep", "dative", "prt")}
        specific = [f for f in frames if f.objects and frame_matches(token, f) and not (f.needprep and not set(f.preps) & particles)]
        if specific:
            # "sought refuge *in* Germany" (0233, 'in'), not "sought help *from*" (020): the frame whose
            # preposition the sentence uses
            found.append((token, ([f for f in specific if set(f.preps) & particles] or specific)[0]))
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


INVESTIGATE_ROOT = "09"
INTENT_ROOT = "03"


def qualifier_codes(token: Token, frame: Frame) -> list[tuple[str, str]]:
    """Codes refined by modifiers ("economic and military ties" -> 061 and 062)."""
    if not frame.qualifiers:
        return _subject_hits(token, frame) or _ultimatum_hit(token, frame)
    quals = dict(frame.qualifiers)
    mods: list[Token] = []
    obj = direct_object(token) if frame.pos == "V" else None
    if obj is not None:
        # a light verb's object, and what is investigated ("investigate alleged rights abuses": 092),
        # carry the refining modifiers
        if frame.objects or frame.code.startswith(INVESTIGATE_ROOT):
            mods.extend(c for c in obj.children if c.dep_ in ("amod", "compound", "nmod"))
        for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in prep.children:
                mods.extend(t for t in pobj.subtree if t.i - pobj.i < 4)
    if frame.pos == "V" and frame.code.startswith(INTENT_ROOT):
        # "agreed to restore *military* communications": the kind of cooperation promised
        for comp in (c for c in token.children if c.dep_ == "xcomp"):
            comp_obj = direct_object(comp)
            if comp_obj is not None:
                mods.extend(c for c in comp_obj.children if c.dep_ in ("amod", "compound"))
    for child in token.children:
        if child.dep_ in ("amod", "compound", "nmod", "advmod"):
            mods.extend([child, *[c for c in child.children if c.dep_ == "conj"]])
    for conj in (c for c in token.children if c.dep_ == "conj"):
        mods.extend(c for c in conj.children if c.dep_ in ("amod", "compound"))
    # "accused X of genocide", "spoke by telephone", "attacked Kyiv with drones", "an inquiry into
    # war crimes": the object of 'of'/'by'/'with'/'for'/'into' qualifies too
    # "asked NATO for weapons": so does a 'for' object
    # "attacked *by drones*": a passive verb's 'by' agent that is a weapon
    for prep in (c for c in token.children if c.dep_ in ("prep", "agent") and c.lower_ in ("of", "by", "with", "for", "into")):
        for obj in prep.children:
            near = [t for t in obj.subtree if t.i - obj.i < 4]
            # "by dozens of drones *and missiles*": a conjoined weapon counts however far it stands
            mods.extend([*near, *(c for t in near for c in t.children if c.dep_ == "conj")])
    # "U.S. warplanes struck Iranian sites": the weapon that strikes qualifies an attack
    # (read only when nothing else refines the code)
    weapons: list[Token] = []
    if frame.pos == "V" and frame.code[:2] in ("18", "19", "20"):
        for subj in [*_doers(token), *_used(token)]:
            weapons.extend([subj, *(c for c in subj.children if c.dep_ in ("compound", "amod"))])
    # "its trade and military cooperation": the modifiers may hang off a conjoined noun
    if token.dep_ == "conj":
        mods.extend(c for c in token.head.children if c.dep_ in ("amod", "compound"))
    # "rejected an *order* of the court", "struck Iran's nuclear *facilities*": what the act is
    # done to refines it too, when nothing closer does
    objects: list[Token] = []
    if obj is not None and not frame.objects:
        objects.extend([obj, *(c for c in obj.children if c.dep_ == "compound")])
    if token.dep_ == "acl" and token.tag_ == "VBN":  # "a barrage of *rockets* fired at a base": what was fired
        objects.extend([token.head, *(o for c in token.head.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children)])
    if frame.pos == "V" and frame.preps and not frame.objects:  # "strikes on Iranian nuclear *sites*"
        objects.extend(o for c in token.children if c.dep_ == "prep" and c.lower_ in frame.preps for o in c.children)
    return (_hits(mods, quals) or _hits(objects, quals)[:1] or _hits(weapons, quals)[:1]
            or _subject_hits(token, frame) or _ultimatum_hit(token, frame))


def _ultimatum_hit(token: Token, frame: Frame) -> list[tuple[str, str]]:
    return [(ULTIMATUM, "a deadline in the condition")] if ultimatum(token, frame.code) else [(frame.code, "")]


def _used(verb: Token) -> list[Token]:
    """What is used to do it: "used *drones* to attack", "the *drones* that Moscow has used to attack"."""
    user = verb.head
    if verb.dep_ not in ("xcomp", "advcl") or user.lemma_.lower() not in ("use", "employ"):
        return []
    obj = direct_object(user)
    if obj is not None and obj.lower_ not in ("that", "which"):
        return [obj]
    return [user.head, *prep_objects(user.head, {"of"})] if user.dep_ == "relcl" else []  # "hundreds *of drones* that"


def _doers(verb: Token) -> list[Token]:
    """Who or what does a violent verb: its subject, the noun a relative clause hangs on ("two
    suicide bombings *that killed*"), or the subject of the verb a participle follows ("a suicide
    bomber struck crowds, *killing* 13")."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects and not (verb.dep_ == "relcl" and subjects[0].tag_ in ("WDT", "WP")):
        return subjects
    if verb.dep_ == "relcl":
        return [verb.head]
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":
        return [c for c in verb.head.children if c.dep_ == "nsubj"]
    return []


# a threat whose condition sets a deadline is an ultimatum (CAMEO 139)
ULTIMATUM = "139"
GENERIC_THREAT = "130"
CONDITION_WORDS = {"if", "unless"}
DEADLINE_ENTS = {"DATE", "TIME"}


def ultimatum(token: Token, code: str) -> bool:
    """"warned Hamas that all hell would break out *if it did not release the hostages by
    Saturday*": a threat whose if/unless condition carries a deadline."""
    if code != GENERIC_THREAT:
        return False
    clauses = [token, *(c for c in token.children if c.dep_ in ("ccomp", "xcomp"))]
    for clause in (c for v in clauses for c in v.children if c.dep_ == "advcl"):
        if any(m.dep_ == "mark" and m.lower_ in CONDITION_WORDS for m in clause.children) and any(
                t.ent_type_ in DEADLINE_ENTS for t in clause.subtree):
            return True
    return False


def _subject_hits(token: Token, frame: Frame) -> list[tuple[str, str]]:
    """A code refined by what the verb's subject is: "peacekeeping troops arrived in Bosnia",
    "hundreds of Kenyan police officers arrived in Haiti" (074, not a visit)."""
    if not frame.subject_codes or frame.pos != "V":
        return []
    subj, passive = direct_subject(token)
    if subj is None or passive:
        return []
    return _hits(_noun_phrase(subj), dict(frame.subject_codes))[:1]


def _noun_phrase(head: Token) -> list[Token]:
    """The words of a noun phrase and its 'of' phrases ("a first batch *of* Bangladeshi
    peacekeeping troops"), without its clauses and appositions."""
    out = [head]
    for child in head.children:
        if child.dep_ in ("amod", "compound", "nmod", "conj"):
            out.extend(_noun_phrase(child))
        elif child.dep_ == "prep" and child.lower_ == "of":
            out.extend(t for pobj in child.children if pobj.dep_ == "pobj" for t in _noun_phrase(pobj))
    return out


def _hits(mods: list[Token], quals: dict[str, str]) -> list[tuple[str, str]]:
    hits: list[tuple[str, str]] = []
    for mod in mods:
        code = quals.get(mod.lemma_.lower()) or quals.get(mod.lower_)
        if code and code not in [c for c, _ in hits]:
            hits.append((code, mod.text))
    # "attacked by drones and missiles": one aerial attack (195), not also its drone form (1952);
    # a code is dropped when a broader code of its own branch is hit too
    return [(c, w) for c, w in hits if not any(c != o and c.startswith(o) for o, _ in hits)]
