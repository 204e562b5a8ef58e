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

The cue words (former, not_local, ethnic, location_preps) live in ``data/actors/cues.tsv``.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.attrs import ENT_IOB, ENT_TYPE, IS_TITLE, LENGTH, POS
from spacy.tokens import Doc, Span, Token

from .lexicon import ActorLexicon

# mentions that can give a country to a role word near them
OWNER_KINDS = {"country", "capital", "adjective", "metonym", "group", "igo", "role", "person"}
PLACE_KINDS = {"country", "capital"}
# mentions whose country is that of an actor of the sentence (not a polity named as a party)
ACTOR_KINDS = {"role", "person", "adjective", "metonym"}
# armed actors often act abroad: where the sentence happens does not say whose they are
ARMED_ROLES = {"MIL", "REB", "UAF", "SPY"}
NON_COUNTRIES = {"IGO", "NGO", "IMG", "MNC"}


def read_context(doc: Doc, mentions: list, lexicon: ActorLexicon, lo: int = 0, hi: int | None = None) -> list:
    """The mentions, with unknown persons added and bare roles given a country."""
    hi = len(doc) if hi is None else hi
    mentions = sorted(mentions, key=lambda m: m.start)
    ents = _entity_spans(doc, ("PERSON", "ORG"), lo, hi)
    mentions = _appositions(doc, mentions, ents)
    mentions = _same_person_later(doc, mentions, ents)
    return _ground(doc, mentions, lexicon)


def _entity_spans(doc: Doc, labels: tuple[str, ...], lo: int, hi: int) -> list:
    """Named-entity spans with these labels, read from token arrays (``doc.ents`` is slow)."""
    wanted = {doc.vocab.strings[label] for label in labels}
    attrs = doc.to_array([ENT_IOB, ENT_TYPE])
    spans, start, kind = [], None, 0
    for i in range(lo, hi + 1):
        iob, label = (attrs[i] if i < hi else (2, 0))
        if start is not None and iob != 1:  # 1 = inside, 2 = outside, 3 = begin
            spans.append(Span(doc, start, i, label=kind))
            start = None
        if i < hi and iob == 3 and label in wanted:
            start, kind = i, label
    return spans


def _index(mentions: list) -> dict[int, object]:
    return {i: m for m in mentions for i in range(m.start, m.end)}


def _country(m) -> str | None:
    c = m.country
    return c if c and len(c) == 3 and c not in NON_COUNTRIES and not m.code.startswith(("IGO", "NGO", "IMG")) else None


# -- unknown persons -----------------------------------------------------------
def _appositions(doc: Doc, mentions: list, ents: list) -> list:
    by_token = _index(mentions)
    from .finder import ActorMention

    added = []
    for ent in ents:
        if ent.label_ != "PERSON" or any(i in by_token for i in range(ent.start, ent.end)):
            continue
        root = ent.root
        links = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            links.append(root.head)
        for tok in links:
            m = by_token.get(tok.i) or next((by_token[c.i] for c in tok.children
                                             if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i in by_token), None)
            if m is None or (m.kind == "person" and m.name) or m.kind not in OWNER_KINDS:
                continue
            code = m.code if (m.role or m.kind in ("igo", "group", "metonym")) else (_country(m) or m.code)
            added.append(ActorMention(ent.start, ent.end, root.i, ent.text, code, m.country, m.role, ent.text, "person", False))
            break
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


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
    index = lexicon.spelling_index()
    found_matches = []
    attrs = doc.to_array([POS, ENT_TYPE, IS_TITLE, LENGTH])
    propn, labels = doc.vocab.strings["PROPN"], {doc.vocab.strings[x] for x in ("GPE", "NORP", "ORG", "LOC")}
    for i in range(lo, hi):
        pos, ent_type, title, length = attrs[i]
        if not title or length < 6 or i in taken or (pos != propn and ent_type not in labels):
            continue
        tok = doc[i]
        word = tok.lower_
        if not word.isalpha():
            continue
        found = {e.country: e for form in {word, *(word[:k] + word[k + 1:] for k in range(len(word)))}
                 for e in index.get(form, ()) if e.phrase.lower() != word and e.phrase[0].lower() == word[0]
                 and e.phrase[-1].lower() == word[-1]}
        if len(found) == 1 and not _is_place(tok.text):
            found_matches.append((tok.i, tok.i + 1, next(iter(found.values()))))
    return found_matches


def _is_place(name: str) -> bool:
    from ..geo.gazetteer import get_gazetteer

    return bool(get_gazetteer().matches(name))


# -- grounding -------------------------------------------------------------------
def _needs_country(m, ethnic: frozenset[str], doc: Doc) -> bool:
    if m.kind in ("role", "person") and m.role and m.code.startswith("---"):
        return True
    return m.kind in ("adjective", "role") and m.start > 0 and doc[m.start - 1].lower_ in ethnic


def _ground(doc: Doc, mentions: list, lexicon: ActorLexicon) -> list:
    ethnic = lexicon.cue("ethnic")
    todo = [k for k, m in enumerate(mentions) if _needs_country(m, ethnic, doc)]
    if not todo:
        return mentions
    not_local = lexicon.cue("not_local")
    places = lexicon.cue("location_preps")
    by_token = _index(mentions)
    dominant = _dominant_country(doc, mentions)
    out = list(mentions)
    for k in todo:
        m = mentions[k]
        head = doc[m.head]
        if any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in head.children):
            continue  # "its troops": the pronoun's owner, found by the event reader
        if any(t.lower_ in not_local for t in doc[m.start : m.end]) or any(c.lower_ in not_local for c in head.children):
            continue  # "foreign journalists" are not of the country they are in
        own = _country(m) if not m.code.startswith("---") else None  # an ethnic group's own country
        owner = _phrase_owner(head, by_token, m)
        base = _owner_base(owner) if owner is not None else _phrase_place(head, lexicon)
        if base is None:
            base = _sentence_country(doc, head, m, mentions, places, own) or (dominant if dominant != own else None)
        if base is None or base == own:
            continue
        role = m.role or ""
        group_code = owner is not None and owner.kind in ("group", "igo") and (role in ("UAF", "REB", "MIL", "GOV") or owner.code.endswith(role))
        code = base if group_code or not role or base.endswith(role) else base + role
        out[k] = replace(m, code=code, country=base[:3] if base[:3] not in NON_COUNTRIES else owner.country if owner else None)
    return out


def _owner_base(owner) -> str | None:
    if owner.kind in ("group", "igo"):
        return owner.code
    return _country(owner)


def _phrase_owner(head: Token, by_token: dict, m):
    """"protesters in Minsk", "dissidents from Egypt", "civilians in the Ethiopian city of Axum"."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "of", "from", "across", "throughout", "inside"):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            for tok in [obj, *[c for c in obj.children if c.dep_ in ("compound", "amod", "poss", "nmod")]]:
                o = by_token.get(tok.i)
                if o is not None and o is not m and o.kind in OWNER_KINDS and (_country(o) or o.kind in ("group", "igo")):
                    return o
    return None


def _place_country(tok: Token, lexicon: ActorLexicon) -> str | None:
    """The country of a place name the lexicon does not know ("Zahedan", "the town of Bucha"),
    from the gazetteer; None when the word is no place or an ambiguous one."""
    if tok.ent_type_ not in ("GPE", "LOC", "FAC"):
        inner = [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
        # "the town of Bucha": the name after "of" may carry any entity label
        if not inner or inner[0].pos_ != "PROPN" or tok.pos_ != "NOUN":
            return None
        tok = inner[0]
    from ..geo.resolve import country_of_place

    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    name = doc[start:end].text
    try:
        iso3 = country_of_place(name)
    except (TypeError, ValueError):
        return None
    return lexicon.iso3_codes.get(iso3, iso3) if iso3 else None


def _phrase_place(head: Token, lexicon: ActorLexicon) -> str | None:
    """"protesters in Zahedan", "civilians in the town of Bucha": the place's country."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in lexicon.cue("location_preps"):
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    found = _place_country(obj, lexicon)
                    if found:
                        return found
    return None


def _sentence_country(doc: Doc, head: Token, m, mentions: list, places: frozenset[str], own: str | None) -> str | None:
    """The one country the sentence's other actors belong to ("Iranian security forces opened
    fire on protesters"), else, for a role that is not armed, the one place where the sentence
    happens ("people blocked streets in Hong Kong"). A country named on its own as a party
    ("appreciation for China's assistance") is not taken: it is an actor, not the setting."""
    sent = head.sent
    others = [o for o in mentions if o is not m and sent.start <= o.start < sent.end and _country(o)]
    taken = {_country(o) for o in others if o.role and o.role == m.role} | {own}  # another actor with this role
    # an armed actor's country says nothing about the people it acts on ("Russian troops killed
    # civilians" abroad), so only unarmed actors lend theirs to an unarmed role
    actors = {_country(o) for o in others if o.kind in ACTOR_KINDS
              and (m.role in ARMED_ROLES or o.role not in ARMED_ROLES)} - taken
    located = set()
    if m.role not in ARMED_ROLES:
        located = {_country(o) for o in others if o.kind in PLACE_KINDS and doc[o.head].dep_ == "pobj"
                   and doc[o.head].head.lower_ in places} - taken
    both = actors | located
    if len(both) == 1:
        return both.pop()
    if len(located) == 1:
        return located.pop()
    return None


def _dominant_country(doc: Doc, mentions: list) -> str | None:
    """The country a text is about: more than half of its country mentions, at least twice,
    in a text of more than one sentence."""
    counts = Counter(c for c in (_country(m) for m in mentions) if c)
    if not counts or not any(s.start > 0 for s in doc.sents):
        return None
    (top, n), total = counts.most_common(1)[0], sum(counts.values())
    return top if n >= 2 and n * 2 > total else None
