"""Tying each amount to what it measures, its period, its change and its source.

All of it reads spaCy's dependency parse of the sentence:

- ``measures``: the noun the amount is "of"/"in" ("300 tonnes of grain", "a 24% surge in oil
  shipments to China"), else the noun it modifies ("a $5 billion loan", "a six-year term",
  "a deal worth $5 billion"), else, when the verb states a level or a change ("hit", "rose",
  see ``level_verbs.tsv``), the verb's subject ("Trade between the two nations hit ...").
  Counts of people name the people ("Afghan civilians").
- ``period``: a date phrase (spaCy DATE) hanging from the amount, the noun or verb it hangs
  from, or a linked change, through "in/during/for/over/since/on/by/until" or directly
  ("last year"). "from the previous year" and "than ..." are baselines, not periods.
- ``change``/``direction``: a percentage is a change when it modifies a change word
  ("a 26.3% increase"), is the amount of a change verb ("rose 5 percent", "fell by a third"),
  or follows "up"/"down". Any other amount takes the change stated for the same verb
  ("hit $240.1 billion ..., a 26.3% increase"), else the direction of its own verb
  ("rose to $3 billion" -> up). ``change`` is a magnitude; ``direction`` carries the sign.
- ``attributed_to``: "according to X" -> X, else the subject of a reporting verb
  ("officials said" -> "officials") whose clause holds the amount. Leading articles are dropped.
"""
from __future__ import annotations

from tacitus.model import Quantity
from tacitus.quantities.detect import Candidate, scan
from tacitus.quantities.lexicon import QuantityLexicon

TIME_PREPS = {"in", "during", "for", "over", "through", "throughout", "since", "on", "by", "until", "within"}
MODIFIER_DEPS = {"compound", "nummod", "amod", "nmod", "npadvmod", "quantmod"}
CUT_DEPS = {"relcl", "acl", "appos", "punct", "advcl", "cc", "conj", "parataxis"}


BARE_UNITS = {"year", "month", "quarter", "week", "day"}  # "2.4% year on year" names no period


def _date_text(tok) -> str | None:
    """Text of the DATE entity holding ``tok``, if any."""
    if tok.ent_type_ != "DATE":
        return None
    doc = tok.doc
    start = tok.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    text = doc[start:end].text
    return None if text.lower() in BARE_UNITS else text


def _lift(tok):
    """Step over 'year on year' style modifiers: '2.4% year on year' hangs from the verb."""
    if tok.dep_ in MODIFIER_DEPS and tok.head.ent_type_ == "DATE" and tok.head.head.i != tok.head.i:
        return tok.head
    return tok


def _is_time_prep(prep) -> bool:
    return any(c.ent_type_ == "DATE" for c in prep.children if c.dep_ == "pobj")


def _phrase(tok, skip: range | None = None, keep_preps: bool = True) -> str:
    """The words of ``tok``'s subtree, cut at clauses, commas and time phrases; no leading article."""
    picked: list = []

    def walk(t):
        if skip is not None and t.i in skip:
            return
        picked.append(t)
        for child in t.children:
            if child.dep_ in CUT_DEPS:
                continue
            if child.dep_ == "prep" and (not keep_preps or _is_time_prep(child)):
                continue
            walk(child)

    walk(tok)
    picked.sort(key=lambda t: t.i)
    while picked and picked[0].dep_ in ("det", "poss", "case") and picked[0].lower_ in ("a", "an", "the"):
        picked.pop(0)
    while picked and (picked[-1].is_punct or picked[-1].dep_ == "case"):
        picked.pop()
    if not picked:
        return ""
    # keep the longest contiguous run that holds the head word
    run = [t for t in picked]
    out = []
    for t in run:
        if out and t.i != out[-1].i + 1:
            if tok.i <= out[-1].i:
                break
            out = []
        out.append(t)
    return "".join(t.text_with_ws for t in out).strip()


def predicate(tok):
    """The verb an amount hangs from (or the sentence root)."""
    t = tok
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        t = t.head
    return t


def _subject(verb):
    for v in (verb, verb.head if verb.dep_ in ("conj", "xcomp") else None):
        if v is None:
            continue
        for child in v.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ != "PRON":
                return child
    return None


def _change_noun(cand: Candidate, lex: QuantityLexicon):
    a = cand.anchor
    if a.dep_ in MODIFIER_DEPS and a.head.pos_ == "NOUN" and a.head.lemma_.lower() in lex.change_words:
        return a.head  # "a 26.3% increase"
    if a.dep_ == "pobj" and a.head.lower_ == "of" and a.head.head.lemma_.lower() in lex.change_words:
        return a.head.head  # "an increase of 26.3%"
    return None


def _percent_change(cand: Candidate, doc, lex: QuantityLexicon):
    """Mark a percentage as a change when the words say so; returns the change noun if any."""
    noun = _change_noun(cand, lex)
    if noun is not None:
        cand.is_change, cand.direction = True, lex.change_words[noun.lemma_.lower()]
    a = _lift(cand.anchor)
    head = a.head
    if noun is None and not cand.is_change:
        verb = head.head if (a.dep_ == "pobj" and head.lower_ == "by") else head
        if verb.pos_ == "VERB" and verb.lemma_.lower() in lex.change_words and (
            a.dep_ in ("npadvmod", "dobj", "advmod", "attr") or head.lower_ == "by"
        ):
            cand.is_change, cand.direction = True, lex.change_words[verb.lemma_.lower()]
        elif a.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() in lex.change_words:
            cand.direction = lex.change_words[head.head.lemma_.lower()]  # "rose to 5%": a level
    if cand.start > 0 and doc[cand.start - 1].lower_ in ("up", "down"):
        cand.is_change, cand.direction = True, doc[cand.start - 1].lower_
    if cand.is_change and cand.direction is None and cand.anchor.head.lemma_.lower() in lex.change_words:
        cand.direction = lex.change_words[cand.anchor.head.lemma_.lower()]
    if cand.is_change and cand.direction is None:
        verb = predicate(cand.anchor)
        cand.direction = lex.change_words.get(verb.lemma_.lower())
    if cand.is_change:
        cand.change = cand.value
    return noun


def _measures(cand: Candidate, change_noun, lex: QuantityLexicon) -> str | None:
    span = range(cand.start, cand.end)
    a = cand.anchor
    if cand.kind == "count":
        if cand.noun is None:
            return None
        return _phrase(cand.noun, skip=range(cand.start, cand.noun.i), keep_preps=False) or None
    if change_noun is not None:
        return _of_phrase(change_noun, ("in", "of")) or _subject_phrase(change_noun, lex)
    own = _of_phrase(a, ("of", "in"))
    if own:
        return own
    if cand.noun is not None:  # durations: "a six-year term"
        return _phrase(cand.noun, skip=span, keep_preps=False) or None
    head = a.head
    if head.lower_ == "worth":
        if head.head.pos_ == "NOUN":
            return _phrase(head.head, skip=range(head.i, cand.end)) or None
        return _subject_phrase(head, lex)
    if a.dep_ in MODIFIER_DEPS and head.pos_ == "NOUN" and head.i > a.i and head.ent_type_ != "DATE":
        return _phrase(head, skip=span) or None
    return _subject_phrase(a, lex)


def _of_phrase(tok, preps) -> str | None:
    """'surge in oil shipments to China': the in/of object plus the prepositions right after it."""
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ not in preps or prep.i < tok.i or _is_time_prep(prep):
            continue
        pobj = [c for c in prep.children if c.dep_ == "pobj"]
        if not pobj:
            continue
        text = _phrase(pobj[0])
        end = pobj[0].right_edge.i
        for sibling in tok.children:
            if sibling.dep_ == "prep" and sibling.i == end + 1 and not _is_time_prep(sibling):
                text += " " + _phrase(sibling)
                end = sibling.right_edge.i
        return text
    return None


def _subject_phrase(tok, lex: QuantityLexicon) -> str | None:
    verb = predicate(tok)
    lemma = verb.lemma_.lower()
    if lemma not in lex.level_verbs and lemma not in lex.change_words:
        return None
    if lemma in lex.change_words:  # "raised rates by 25 basis points": the object changed
        for child in verb.children:
            if child.dep_ == "dobj" and not (tok.i in {t.i for t in child.subtree}):
                return _phrase(child) or None
    subject = _subject(verb)
    return _phrase(subject) if subject is not None else None


def _period(tokens) -> str | None:
    for tok in tokens:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in TIME_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and (text := _date_text(pobj)):
                        return text
            elif child.dep_ in ("npadvmod", "tmod", "advmod") and (text := _date_text(child)):
                return text
    return None


def _chain(tok) -> list:
    out = [tok]
    while out[-1].pos_ not in ("VERB", "AUX") and out[-1].head.i != out[-1].i:
        out.append(out[-1].head)
    return out


def attribution_cues(sent, lex: QuantityLexicon) -> tuple[list, list]:
    """The sentence's 'according' tokens and reporting verbs, found once for all its amounts."""
    according = []
    reporting = []
    for tok in sent:
        if tok.lower_ == "according":
            according.append(tok)
        if tok.pos_ == "VERB" and tok.lemma_.lower() in lex.attribution_verbs:
            reporting.append(tok)
    return according, reporting


def attribution(sent, anchor, lex: QuantityLexicon, cues: tuple[list, list] | None = None) -> str | None:
    """'according to X' -> X; else the subject of a reporting verb over the amount's clause.

    ``cues`` is :func:`attribution_cues` of ``sent``, when already at hand."""
    according, reporting = cues if cues is not None else attribution_cues(sent, lex)
    for tok in according:
        for prep in tok.children:
            pobj = [c for c in prep.children if c.dep_ == "pobj"]
            if prep.lower_ == "to" and pobj:
                return _phrase(pobj[0]) or None
    ancestors = {t.i for t in anchor.ancestors} | {anchor.i}
    best = None
    for tok in reporting:
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        if not subjects or anchor.i in {t.i for t in subjects[0].subtree}:
            continue
        over = tok.i in ancestors or (tok.dep_ in ("parataxis", "ccomp", "conj") and tok.head.i in ancestors)
        if over and (best is None or abs(tok.i - anchor.i) < abs(best[0].i - anchor.i)):
            best = (tok, subjects[0])
    if best is None:
        return None
    return _phrase(best[1]) or None


def find_with_anchors(sent, sentence_index: int, lex: QuantityLexicon) -> list[tuple[Quantity, object]]:
    """Quantities of one sentence, each with the token it hangs from in the parse."""
    doc = sent.doc
    cands = scan(sent, lex)
    change_nouns = {}
    for cand in cands:
        if cand.kind == "percent":
            change_nouns[id(cand)] = _percent_change(cand, doc, lex)
    changes = [c for c in cands if c.is_change]
    measured = {}
    for cand in cands:
        measured[id(cand)] = _measures(cand, change_nouns.get(id(cand)), lex)
    linked: dict[int, Candidate] = {}
    for cand in cands:
        if cand.kind == "percent":
            continue
        verb = predicate(cand.anchor)
        near = [c for c in changes if predicate(c.anchor).i == verb.i and (change_nouns.get(id(c)) is not None or c.anchor.head.i == verb.i or c.kind == "percent")]
        if near:
            chosen = min(near, key=lambda c: abs(c.start - cand.start))
            cand.change, cand.direction = chosen.change, chosen.direction
            linked[id(chosen)] = cand
            if measured[id(chosen)] is None:
                measured[id(chosen)] = measured[id(cand)]
        elif verb.lemma_.lower() in lex.change_words and cand.kind != "count":
            cand.direction = lex.change_words[verb.lemma_.lower()]
    out = []
    cues = attribution_cues(sent, lex) if cands else ([], [])
    for cand in cands:
        tokens = _chain(cand.anchor)
        extra = change_nouns.get(id(cand))
        if extra is not None:
            tokens = [extra, *tokens]
        period = _period(tokens)
        partner = linked.get(id(cand))
        if period is None and partner is not None:
            period = _period(_chain(partner.anchor))
        if period is None and cand.kind != "percent":
            for c in changes:
                if linked.get(id(c)) is cand and change_nouns.get(id(c)) is not None:
                    period = _period([change_nouns[id(c)]])
        words = doc[cand.start:cand.end]  # its text, without rebuilding the whole Doc's text
        start_char, end_char = words.start_char, words.end_char
        q = Quantity(
            text=words.text,
            start=start_char,
            end=end_char,
            kind=cand.kind,
            value=cand.value,
            unit=cand.unit,
            measures=measured[id(cand)],
            category=cand.category,
            period=period,
            change=cand.change,
            direction=cand.direction,
            attributed_to=attribution(sent, cand.anchor, lex, cues),
            sentence_index=sentence_index,
        )
        out.append((q, cand.anchor))
    return out
