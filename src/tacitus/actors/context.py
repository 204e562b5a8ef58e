"""Actors read from their sentence: what the lexicon alone cannot say.

After the lexicon's phrases are matched and composed (:mod:`.finder`), three passes
use the parse and the named entities around them:

1. Appositions: a person the lexicon does not know takes the office the sentence gives
   them ("Kenzo Oshima, the United Nations relief coordinator" -> IGOUNO,
   "Hoshyar Zebari, the Iraqi foreign minister" -> IRQGOV).
2. The same person later: once "U.S. negotiator Paul Nitze" is coded, a later
   "Nitze" in the same text is the same actor.
3. Grounding: a role word with no country ("police", "protesters", "President Dos
   Santos") takes one from its own phrase ("protesters *in Minsk*", "civilians *in the
   Ethiopian city of Axum*"), else from its sentence when the sentence names exactly one
   country (or exactly one place where things happen: "*in* Hong Kong"), else from the
   text when one country dominates it. A country that another actor with the same role
   holds is not taken ("President Mitterrand welcomed South African leader de Klerk":
   the president is not South African). "ethnic Albanians in Serbia" are coded with the
   country the sentence places them in.

Cities, provinces and regions the lexicon does not list are read through the gazetteer
(:mod:`.places`): "Kharkiv officials", "authorities in Kano state".

The cue words (former, not_local, ethnic, location_preps) live in ``data/actors/cues.tsv``.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import lru_cache

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, IS_TITLE, LENGTH, POS
from spacy.tokens import Doc, Span, Token

from .lexicon import ActorLexicon
from .people import follower_code
from .places import phrase_place, sentence_places

# mentions that can give a country to a role word near them
OWNER_KINDS = {"country", "capital", "adjective", "metonym", "group", "igo", "role", "person"}
PLACE_KINDS = {"country", "capital"}
# mentions whose country is that of an actor of the sentence (not a polity named as a party)
ACTOR_KINDS = {"role", "person", "adjective", "metonym"}
# armed actors often act abroad: where the sentence happens does not say whose they are
ARMED_ROLES = {"MIL", "REB", "UAF", "SPY"}
NON_COUNTRIES = {"IGO", "NGO", "IMG", "MNC"}
# roles whose country is that of the government they oppose
DOMESTIC_OPPONENTS = {"REB", "OPP", "PTY"}


def read_context(doc: Doc, mentions: list, lexicon: ActorLexicon, lo: int = 0, hi: int | None = None) -> list:
    """The mentions, with unknown persons added and bare roles given a country."""
    hi = len(doc) if hi is None else hi
    mentions = sorted(mentions, key=lambda m: m.start)
    ents = _entity_spans(doc, ("PERSON", "ORG"), lo, hi)
    mentions = _appositions(doc, mentions, lo, hi)
    mentions = _same_person_later(doc, mentions, ents)
    return _ground(doc, mentions, lexicon)


def _entity_spans(doc: Doc, labels: tuple[str, ...], lo: int, hi: int) -> list:
    """Named-entity spans with these labels, read from token arrays (``doc.ents`` is slow)."""
    wanted = [doc.vocab.strings[label] for label in labels]
    attrs = doc.to_array([ENT_IOB, ENT_TYPE])[lo:hi]
    # 1 = inside, 2 = outside, 3 = begin: an entity runs from its "begin" over the "inside" tokens
    starts = numpy.flatnonzero((attrs[:, 0] == 3) & _any_of(attrs[:, 1], wanted)).tolist()
    if not starts:
        return []
    iobs = attrs[:, 0].tolist()
    spans = []
    for k in starts:
        end = k + 1
        while end < len(iobs) and iobs[end] == 1:
            end += 1
        spans.append(Span(doc, lo + k, lo + end, label=int(attrs[k, 1])))
    return spans


def _any_of(values, wanted: list):
    """Element-wise: whether each of ``values`` is one of the few ``wanted`` (faster than numpy.isin)."""
    out = values == wanted[0]
    for w in wanted[1:]:
        out |= values == w
    return out


def _index(mentions: list) -> dict[int, object]:
    return {i: m for m in mentions for i in range(m.start, m.end)}


def _country(m) -> str | None:
    c = m.country
    return c if c and len(c) == 3 and c not in NON_COUNTRIES and not m.code.startswith(("IGO", "NGO", "IMG")) else None


# -- unknown persons -----------------------------------------------------------
def _appositions(doc: Doc, mentions: list, lo: int, hi: int) -> list:
    """A person named beside their office takes it: an unknown name ("Kenzo Oshima, the United
    Nations relief coordinator", even when spaCy tags the name as a place), or a name known only
    by a title with no country ("The US commander in Iraq, General David Petraeus" -> USAMIL)."""
    from .finder import ActorMention

    arcs = numpy.flatnonzero(doc.to_array([DEP])[lo:hi] == doc.vocab.strings["appos"])
    if not len(arcs):
        return mentions
    by_token = _index(mentions)
    replaced: dict[int, object] = {}
    added = []
    for i in arcs:
        tok = doc[lo + int(i)]
        for name_tok, desc_tok in ((tok.head, tok), (tok, tok.head)):
            desc = _description(desc_tok, by_token)
            if desc is None or name_tok.pos_ != "PROPN":
                continue
            code = desc.code if (desc.role or desc.kind in ("igo", "group", "metonym")) else (_country(desc) or desc.code)
            current = by_token.get(name_tok.i)
            if current is not None:
                # a title with no country ("General David Petraeus") takes the office beside it
                if current.kind == "person" and current.code.startswith("---") and not code.startswith("---") and current is not desc:
                    replaced[id(current)] = replace(current, code=code, country=desc.country, role=desc.role or current.role)
                # a known person out of office, described by an office of their own country ("Qassem
                # Soleimani, the commander of Iran's Quds Force" -> IRNMIL)
                elif (current.kind == "person" and current.role is None and desc.role and current is not desc
                      and desc.country and desc.country == current.country and not code.startswith("---")):
                    replaced[id(current)] = replace(current, code=code, role=desc.role)
                continue
            span = _unknown_name(name_tok, by_token)
            if span is not None:
                added.append(ActorMention(span.start, span.end, name_tok.i, span.text, code, desc.country, desc.role, span.text, "person", False))
                by_token.update({k: added[-1] for k in range(span.start, span.end)})
    if not added and not replaced:
        return mentions
    return sorted([replaced.get(id(m), m) for m in mentions] + added, key=lambda m: m.start)


def _description(tok: Token, by_token: dict):
    """The actor a describing noun phrase names ("the Iraqi foreign minister", "the United
    Nations relief coordinator"), or None; a named person is no description."""
    m = by_token.get(tok.i) or next((by_token[c.i] for c in tok.children
                                     if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i in by_token), None)
    if m is None or (m.kind == "person" and m.name) or m.kind not in OWNER_KINDS:
        return None
    return m


def _unknown_name(tok: Token, by_token: dict) -> Span | None:
    """The name a proper noun heads when the lexicon does not know it: a PERSON entity, or two or
    more capitalised proper nouns that spaCy tagged otherwise ("Kenzo Oshima")."""
    doc = tok.doc
    if tok.ent_type_ == "PERSON":
        start, end = tok.i, tok.i + 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
    else:
        if tok.ent_type_ not in ("", "GPE", "ORG", "LOC"):
            return None
        start = tok.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == tok.i and doc[start - 1].pos_ == "PROPN":
            start -= 1
        end = tok.i + 1
        if end - start < 2 or not all(t.is_title for t in doc[start:end]):
            return None
    if any(k in by_token for k in range(start, end)):
        return None
    return doc[start:end]


def _same_person_later(doc: Doc, mentions: list, ents: list) -> list:
    """"U.S. negotiator Paul Nitze ... Nitze said": a surname seen earlier with a code."""
    from .finder import ActorMention

    known: dict[str, object] = {}
    for m in mentions:
        if m.kind == "person" and m.code and not m.code.startswith("---") and doc[m.end - 1].pos_ == "PROPN":
            known.setdefault(doc[m.end - 1].text, m)
    if not known:
        return mentions
    by_token = _index(mentions)
    added = []
    for ent in ents:
        if any(i in by_token for i in range(ent.start, ent.end)):
            continue
        last = ent[-1] if ent[-1].tag_ != "POS" or len(ent) == 1 else ent[-2]
        first = known.get(last.text)
        if first is None or first.start >= ent.start or len(ent) > 3:
            continue
        span = doc[ent.start : last.i + 1]
        added.append(ActorMention(span.start, span.end, last.i, span.text, first.code, first.country, first.role, first.name, "person", False))
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


def misspelt_countries(doc: Doc, taken: set[int], lexicon: ActorLexicon, lo: int, hi: int) -> list:
    """"Ethopia has agreed", "Quatar's emir": a capitalised name one letter away from exactly one
    country or demonym (same first and last letter) that is no place the gazetteer knows.
    Returns (start, end, entry) matches for the words outside ``taken``."""
    found_matches = []
    attrs = doc.to_array([POS, ENT_TYPE, IS_TITLE, LENGTH])[lo:hi]
    propn, labels = doc.vocab.strings["PROPN"], [doc.vocab.strings[x] for x in ("GPE", "NORP", "ORG", "LOC")]
    # capitalised names of six letters or more, proper nouns or in a place/group entity
    candidates = (attrs[:, 2] != 0) & (attrs[:, 3] >= 6) & ((attrs[:, 0] == propn) | _any_of(attrs[:, 1], labels))
    for k in numpy.flatnonzero(candidates).tolist():
        i = lo + k
        if i in taken:
            continue
        tok = doc[i]
        word = tok.lower_
        if not word.isalpha():
            continue
        entry = lexicon.misspelt_country(word)
        if entry is not None and not _is_place(tok.text):
            found_matches.append((i, i + 1, entry))
    return found_matches


@lru_cache(maxsize=65536)
def _is_place(name: str) -> bool:
    from ..geo.gazetteer import get_gazetteer

    return bool(get_gazetteer().matches(name))


# -- grounding -------------------------------------------------------------------
def _needs_country(m, ethnic: frozenset[str], doc: Doc) -> bool:
    if m.kind in ("role", "person") and m.role and m.code.startswith("---"):
        return True
    return (m.kind in ("adjective", "role") and m.start > 0 and doc[m.start - 1].lower_ in ethnic) or _people_of_place(m, doc)


def _people_of_place(m, doc: Doc) -> bool:
    """"The Albanians of southern Serbia", "Turks in Germany": a people named with the country it lives in."""
    head = doc[m.head]
    return m.kind == "adjective" and head.pos_ in ("NOUN", "PROPN") and head.tag_ in ("NNS", "NNPS") and any(
        c.dep_ == "prep" and c.lower_ in ("of", "in") for c in head.children)


def _ground(doc: Doc, mentions: list, lexicon: ActorLexicon) -> list:
    ethnic = lexicon.cue("ethnic")
    todo = [k for k, m in enumerate(mentions) if _needs_country(m, ethnic, doc)]
    if not todo:
        return mentions
    not_local = lexicon.cue("not_local")
    places = lexicon.cue("location_preps")
    by_token = _index(mentions)
    covered = set(by_token)
    local_words = lexicon.cue("local")
    settings: dict[int, set[str]] = {}  # sentence start -> countries of the places it happens in
    dominant = _dominant_country(doc, mentions)
    out = list(mentions)
    for k in todo:
        m = mentions[k]
        head = doc[m.head]
        if any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in head.children):
            continue  # "its troops": the pronoun's owner, found by the event reader
        own = _country(m) if not m.code.startswith("---") else None  # an ethnic group's own country
        owner = (_phrase_owner(head, by_token, m, lexicon.cue("based_in"), lexicon.cue("affiliated"))
                 or _named_body_owner(head, by_token, m))
        base = _owner_base(owner) if owner is not None else phrase_place(head, lexicon, covered)
        if base is None and (any(t.lower_ in not_local for t in doc[m.start : m.end]) or any(c.lower_ in not_local for c in head.children)):
            continue  # "foreign journalists" are not of the country they are in ("exiled leaders of X" are X's)
        if base is None and _people_of_place(m, doc) and not (m.start > 0 and doc[m.start - 1].lower_ in ethnic):
            continue  # "Albanians" alone are Albanian; only their own phrase places them elsewhere
        if base is None:
            local = any(c.lower_ in local_words for c in head.children)
            base = _sentence_country(doc, head, m, mentions, places, own, lexicon, covered, settings, local) or (dominant if dominant != own else None)
        if base is None or base == own:
            continue
        role = m.role or ""
        if owner is not None and lexicon.role_use(head.text) == "follower":
            # "supporters of former President Bolsonaro" -> BRAOPP, "supporters of Hamas" -> PSEREBHMS
            followed = follower_code(owner.kind, owner.code, owner.country, owner.role, role)
            if followed is not None:
                out[k] = replace(m, code=followed[0], country=owner.country, role=followed[1])
            continue
        group_code = owner is not None and owner.kind in ("group", "igo") and (role in ("UAF", "REB", "MIL", "GOV") or owner.code.endswith(role))
        code = base if group_code or not role or base.endswith(role) else base + role
        out[k] = replace(m, code=code, country=base[:3] if base[:3] not in NON_COUNTRIES else owner.country if owner else None)
    return out


def _owner_base(owner) -> str | None:
    if owner.kind in ("group", "igo"):
        return owner.code
    return _country(owner)


def _phrase_owner(head: Token, by_token: dict, m, based: frozenset[str] = frozenset(), affiliated: frozenset[str] = frozenset()):
    """"protesters in Minsk", "dissidents from Egypt", "civilians in the Ethiopian city of Axum",
    "a terror group based in Trinidad" (a ``based`` participle's place), "workers affiliated with
    the Serbian Workers' Union" (an ``affiliated`` participle's object, whatever its preposition)."""
    preps = [c for c in head.children if c.dep_ == "prep"]
    preps += [p for c in head.children if c.dep_ == "acl" and c.lower_ in based for p in c.children if p.dep_ == "prep"]
    tied = [p for c in head.children if c.dep_ in ("acl", "amod") and c.lower_ in affiliated for p in c.children if p.dep_ == "prep"]
    for prep in preps + tied:
        if prep.dep_ != "prep" or (prep.lower_ not in ("in", "of", "from", "across", "throughout", "inside") and prep not in tied):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            for tok in [obj, *[c for c in obj.children if c.dep_ in ("compound", "amod", "poss", "nmod")]]:
                o = by_token.get(tok.i)
                if o is not None and o is not m and o.kind in OWNER_KINDS and (_country(o) or o.kind in ("group", "igo")):
                    return o
    return None


def _named_body_owner(head: Token, by_token: dict, m):
    """"Montenegro Municipality Association officials": a body the lexicon lacks, named after a
    country, lends that country to the role word it modifies."""
    for name in head.children:
        if name.dep_ not in ("compound", "nmod") or name.pos_ != "PROPN" or name.i in range(m.start, m.end):
            continue
        for tok in name.subtree:
            o = by_token.get(tok.i)
            if tok.i < name.i and o is not None and o is not m and o.kind in ("country", "adjective") and _country(o):
                return o
    return None


def _sentence_country(doc: Doc, head: Token, m, mentions: list, places: frozenset[str], own: str | None,
                      lexicon: ActorLexicon, covered: set[int], settings: dict[int, set[str]], local: bool = False) -> str | None:
    """The one country the sentence's other actors belong to ("Iranian security forces opened
    fire on protesters"), else, for a role that is not armed, the one place where the sentence
    happens ("people blocked streets in Hong Kong", "civilians sheltering in a theatre in
    Mariupol"; cities and regions through the gazetteer). A "local" role ("local officials")
    takes the place first. A country named on its own as a party ("appreciation for China's
    assistance") is not taken: it is an actor, not the setting."""
    sent = head.sent
    others = [o for o in mentions if o is not m and sent.start <= o.start < sent.end and _country(o)]
    taken = {_country(o) for o in others if o.role and o.role == m.role} | {own}  # another actor with this role
    # an armed actor's country says nothing about the people it acts on ("Russian troops killed
    # civilians" abroad), so only unarmed actors lend theirs to an unarmed role
    # a news outlet that reports ("the Washington Post said") says nothing about whose the actors are
    actors = {_country(o) for o in others if o.kind in ACTOR_KINDS and o.role != "MED"
              and (m.role in ARMED_ROLES or o.role not in ARMED_ROLES)} - taken
    if m.kind == "person" and m.role == "GOV":
        # "Rwandan rebels demanded the removal of President X", "President X conceded to UNITA":
        # a country's rebels and opposition face its own government
        actors |= {_country(o) for o in others if o.kind in ("role", "group") and o.role in DOMESTIC_OPPONENTS} - taken
    located = set()
    if m.role not in ARMED_ROLES:
        located = {_country(o) for o in others if o.kind in PLACE_KINDS and _in_place(doc[o.head], places)}
        if sent.start not in settings:
            settings[sent.start] = sentence_places(sent, lexicon, covered)
        located = (located | settings[sent.start]) - taken
    if local and len(located) == 1:
        return next(iter(located))
    both = actors | located
    if len(both) == 1:
        return both.pop()
    if len(located) == 1:
        return located.pop()
    return None


def _in_place(tok: Token, places: frozenset[str]) -> bool:
    """The object of a location preposition ("in Gaza"), or of "of" inside one ("in the east of
    the Gaza Strip", "in the city of Aleppo")."""
    if tok.dep_ != "pobj":
        return False
    prep = tok.head
    return prep.lower_ in places or (prep.lower_ == "of" and prep.head.dep_ == "pobj" and prep.head.head.lower_ in places)


def _dominant_country(doc: Doc, mentions: list) -> str | None:
    """The country a text is about: more than half of its country mentions, at least twice,
    in a text of more than one sentence."""
    counts = Counter(c for c in (_country(m) for m in mentions) if c)
    if not counts or not any(s.start > 0 for s in doc.sents):
        return None
    (top, n), total = counts.most_common(1)[0], sum(counts.values())
    return top if n >= 2 and n * 2 > total else None
