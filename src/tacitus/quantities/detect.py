"""Finding the amounts in a sentence and what kind each is: money, percent, count or measure.

A scan over the sentence's tokens: a number phrase (``numbers.parse_number``) plus what is
written around it (a currency symbol before, a currency word, a percent sign or a unit after,
the noun it counts). What the amount measures, its period and its change come later, from the
dependency parse (``attach``).

Not quantities: dates and years ("in 2023", "May 16-17"), times, ordinals ("75th"), labels
("Resolution 2231", "Article 5"), ages ("a 25-year-old"), bare durations ("for three days",
left to the time module), and counts that refer back to people already named ("the two
leaders", "the two nations"). A duration that modifies a noun is a measure: "a six-year
term" is 6 "year" measuring "term", never a count of people.
"""
from __future__ import annotations

from dataclasses import dataclass

from tacitus.quantities.casualties import count_category
from tacitus.quantities.lexicon import QuantityLexicon
from tacitus.quantities.numbers import ARTICLE_NEXT, FUSED, NumberPhrase, parse_number

DURATION_UNITS = {"year", "month", "week", "day", "hour"}
NOT_A_COUNT_ENTS = {"DATE", "TIME", "ORDINAL", "ORG", "PRODUCT", "LAW", "FAC", "EVENT",
                    "WORK_OF_ART", "PERSON", "GPE"}
ANAPHORIC = {"the", "these", "those", "both", "its", "their", "his", "her", "our", "all", "my"}
NOT_UNITS = {"time", "times", "percent", "way", "ways"}  # "5 times": a multiplier, not a count of times
QUALIFIERS = {"at", "least", "more", "than", "some", "about", "around", "nearly", "almost", "over",
              "up", "to", "under", "fewer", "less", "an", "estimated", "roughly", "approximately",
              "just", "as", "many", "much", "only", "another", "further"}


@dataclass
class Candidate:
    """An amount found in the sentence, before attachment. Token indices are Doc indices."""

    start: int
    end: int  # exclusive
    kind: str
    value: float | None
    unit: str | None
    anchor: object  # the span's syntactic head (spaCy Token)
    noun: object | None = None  # the counted noun, for counts
    vague: bool = False
    category: str | None = None
    change: float | None = None
    direction: str | None = None
    is_change: bool = False  # a percentage that states a change ("a 26.3% increase")


def _longest(words: list[str], j: int, table: dict, limit: int = 4):
    for size in range(limit, 0, -1):
        key = tuple(words[j:j + size])
        if len(key) == size and key in table:
            return key, table[key]
    return None, None


def _span_root(doc, start: int, end: int):
    roots = [doc[k] for k in range(start, end) if not (start <= doc[k].head.i < end) or doc[k].head.i == k]
    return roots[-1] if roots else doc[end - 1]


def _is_iso_form(form: str) -> bool:
    return len(form) == 3 and form.isalpha()


def scan(sent, lex: QuantityLexicon) -> list[Candidate]:
    """Every amount in the sentence, left to right, without overlaps."""
    doc = sent.doc
    toks = list(sent)
    words = [t.lower_ for t in toks]
    n = len(toks)
    found: list[Candidate] = []
    i = 0
    while i < n:
        if not _may_start_number(toks, words, i, lex):
            i += 1
            continue
        cand = _candidate_at(doc, toks, words, i, lex)
        if cand is None:
            i += 1
            continue
        found.append(cand)
        i = cand.end - toks[0].i
    return found


def _may_start_number(toks, words, i: int, lex: QuantityLexicon) -> bool:
    """A cheap test that ``toks[i]`` may start an amount (``_candidate_at`` decides)."""
    word = words[i]
    if word in lex.number_words or word in lex.currency_prefix:
        return True
    if word in ("a", "an"):  # "a dozen", "a third", "a few hundred"; any other "a" starts nothing
        return i + 1 < len(words) and (words[i + 1] in ARTICLE_NEXT or words[i + 1] == "few")
    # a word of letters only holds no digit
    return toks[i].like_num or (not word.isalpha() and any(ch.isdigit() for ch in word))


def _prefix_currency(tok, lex: QuantityLexicon) -> str | None:
    form = tok.lower_
    iso = lex.currency_prefix.get(form)
    if iso and _is_iso_form(form) and not tok.text.isupper():
        return None  # "try 5", "rub 2": only upper-case ISO codes count
    return iso


def _candidate_at(doc, toks, words, i, lex: QuantityLexicon) -> Candidate | None:
    tok = toks[i]
    base = toks[0].i
    entry = lex.number_words.get(words[i])
    if entry and entry[1] == "multiple" and tok.pos_ in ("VERB", "AUX", "NOUN"):
        direction = "down" if words[i].startswith("halv") else "up"
        return Candidate(tok.i, tok.i + 1, "percent", entry[0], "%", tok, change=entry[0],
                         direction=direction, is_change=True)
    currency = None
    j0 = i
    if (iso := _prefix_currency(tok, lex)) and i + 1 < len(toks):
        currency, j0 = iso, i + 1
    num = parse_number(toks, j0, lex, words)
    if num is None:
        return None
    currency = currency or num.currency
    j = num.end
    if num.kind == "fraction":
        if i == 0 or words[i - 1] != "by":
            return None
        return Candidate(base + i, base + j, "percent", num.value, "%", _span_root(doc, base + i, base + j),
                         change=num.value, is_change=True)
    key, unit = _longest(words, j, lex.percent_markers, 2)
    if key:
        end = j + len(key)
        return Candidate(base + i, base + end, "percent", num.value, unit, _span_root(doc, base + i, base + end))
    key, iso = _longest(words, j, lex.currency_suffix, 3)
    if key and _is_iso_form(" ".join(key)) and not toks[j].text.isupper():
        key, iso = None, None
    if key and key[0] in ("pounds", "pound") and j + 1 < len(words) and words[j + 1] == "of":
        key, iso = None, None
    if key and not currency:
        currency = iso
        j += len(key)
    if currency:
        return Candidate(base + i, base + j, "money", num.value, currency, _span_root(doc, base + i, base + j))
    hyphen = 1 if j < len(words) and words[j] == "-" else 0
    key, unit = _longest(words, j + hyphen, lex.units, 4)
    if key:
        end = j + hyphen + len(key)
        if unit in DURATION_UNITS:
            return _duration(doc, toks, words, base, i, end, num, unit)
        return Candidate(base + i, base + end, "measure", num.value, unit, _span_root(doc, base + i, base + end))
    return _count(doc, toks, words, base, i, num, lex)


def _duration(doc, toks, words, base, i, end, num: NumberPhrase, unit: str) -> Candidate | None:
    """'a six-year term' -> measure; 'a 25-year-old', 'for three days' -> not a quantity."""
    if end < len(words) and words[end] == "-":  # "25-year-old"
        return None
    unit_tok = toks[end - 1]
    head = unit_tok.head
    if head.i > unit_tok.i and head.pos_ in ("NOUN", "PROPN") and unit_tok.dep_ in ("compound", "amod", "nmod", "npadvmod"):
        return Candidate(base + i, base + end, "measure", num.value, unit, unit_tok, noun=head)
    return None


def _count(doc, toks, words, base, i, num: NumberPhrase, lex: QuantityLexicon) -> Candidate | None:
    first = toks[num.start]
    last = toks[num.end - 1]
    if any(toks[k].ent_type_ in NOT_A_COUNT_ENTS for k in range(num.start, num.end)):
        return None
    text = first.text
    if num.end - num.start == 1 and FUSED.match(text) and "," not in text and "." not in text:
        if len(text) == 4 and 1000 <= num.value <= 2100:
            return None  # a year
    if last.head.i < last.i and last.head.pos_ in ("NOUN", "PROPN") and last.dep_ in (
        "nummod", "appos", "npadvmod", "compound", "nmod"
    ) and last.head.i < first.i:
        return None  # a label: "Resolution 2231", "Article 5"
    if num.end + 1 < len(toks) and words[num.end] in ("-", "–") and toks[num.end + 1].like_num:
        return None  # a score or a range: "a 2-1 victory"
    noun = _counted_noun(toks, words, num, lex)
    after = noun is not None and noun.i > last.i  # "12 people", "thousands of protesters"
    end = noun.i - base + 1 if after else num.end
    anchor = _span_root(doc, base + i, base + end)
    category, is_person = count_category(anchor, noun, lex)
    before = words[i - 1] if i > 0 else ""
    k = i - 1
    while k >= 0 and words[k] in QUALIFIERS:
        k -= 1
    if (before in ANAPHORIC or (k >= 0 and words[k] in ANAPHORIC and k == i - 1)) and category in (None, "troops", "attackers"):
        return None  # "the two leaders": a reference back, not a new amount
    if category is None and (noun is None or num.value == 1):
        return None  # a bare number we cannot place; "one of the officials"
    if noun is not None and not is_person and category is None:
        if noun.pos_ != "NOUN" or noun.lower_ in NOT_UNITS:
            return None
        unit = noun.lower_
    else:
        unit = "people"
    return Candidate(base + i, base + end, "count", num.value, unit, anchor, noun=noun,
                     vague=num.kind == "vague", category=category)


def _counted_noun(toks, words, num: NumberPhrase, lex: QuantityLexicon):
    """The noun a number counts: '12 people', 'thousands of protesters', 'a crowd of 5,000'."""
    last = toks[num.end - 1]
    j = num.end
    if j + 1 < len(toks) and words[j] == "of":
        pobj = [c for c in toks[j].children if c.dep_ == "pobj"]
        if pobj and pobj[0].pos_ in ("NOUN", "PROPN", "PRON"):
            return pobj[0]
    head = last.head
    if last.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and head.head.lemma_.lower() in lex.people:
        return head.head  # "a crowd of 5,000"
    if last.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and head.pos_ in ("NOUN", "PROPN") and head.i > last.i:
        return head
    return None
