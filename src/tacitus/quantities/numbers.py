"""Reading the number at a token: "240.1 billion", "£2bn", "a dozen", "hundreds of thousands".

Works on a list of spaCy tokens and knows nothing about what the number counts; ``detect``
decides that. Values are fully scaled floats. Indefinite plurals ("dozens", "thousands") get
the lower-bound convention of ``number_words.tsv`` and the kind ``vague``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tacitus.quantities.lexicon import QuantityLexicon

# "2023", "1,000", "240.1", "2bn", "3.5m", "R$5", "HK$3", "£2bn", "10k"
FUSED = re.compile(
    r"^(?P<cur>[A-Za-z]{0,3}\$|[£€¥₹₽₴₩₺₪₦])?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<scale>[A-Za-z]{1,3})?\.?$"
)
UNITS_AND_TENS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                  "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                  "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
                  "sixty", "seventy", "eighty", "ninety"}
BIG_SCALES = {"thousand", "million", "billion", "trillion", "mln", "mn", "bn", "bln", "tn", "trn",
              "lakh", "lakhs", "crore", "crores"}
VAGUE_SCALES = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}
ARTICLE_NEXT = {"dozen", "hundred", "thousand", "million", "billion", "trillion", "third",
                "quarter", "half", "score", "fifth"}


@dataclass(frozen=True)
class NumberPhrase:
    """Tokens ``start..end`` (exclusive, indices into the token list) read as ``value``."""

    start: int
    end: int
    value: float
    kind: str  # exact, vague, fraction
    currency: str | None = None  # a currency symbol fused to the digits ("R$5" -> BRL)


def _word(tok) -> str:
    return tok.lower_


def parse_digits(text: str, lex: QuantityLexicon) -> tuple[float, str | None] | None:
    """Value and fused currency of one token like ``2bn``, ``R$5`` or ``1,000``; None otherwise."""
    m = FUSED.match(text)
    if not m:
        return None
    value = float(m["num"].replace(",", ""))
    if m["scale"]:
        scale = lex.scales.get(m["scale"].lower())
        if scale is None:  # "75th", "5G", "F16"
            return None
        value *= scale
    currency = lex.currency_prefix.get(m["cur"].lower()) if m["cur"] else None
    if m["cur"] and currency is None:
        return None
    return value, currency


def parse_number(tokens, i: int, lex: QuantityLexicon, words: list[str] | None = None) -> NumberPhrase | None:
    """The longest number phrase starting at ``tokens[i]``, or None when none starts there.

    ``words`` (the lower-cased token texts) may be passed in to save recomputing them.
    """
    n = len(tokens)
    w = words if words is not None else [_word(t) for t in tokens]
    j = i
    multiplier = 1.0
    if w[j] in ("a", "an") and j + 1 < n and w[j + 1] in ARTICLE_NEXT:
        j += 1
    elif w[j] in ("a",) and j + 2 < n and w[j + 1] == "few" and w[j + 2] in BIG_SCALES | {"hundred", "dozen"}:
        j += 1
    value: float | None = None
    kind = "exact"
    currency = None
    first = w[j]
    if w[j] in ARTICLE_NEXT and j > i:  # "a dozen", "a third"
        value = 1.0
    elif (parsed := parse_digits(tokens[j].text, lex)) is not None:
        value, currency = parsed
        j += 1
    elif first in UNITS_AND_TENS:
        value, j = _word_number(w, j, lex)
    elif first in lex.number_words and lex.number_words[first][1] == "vague":
        value, kind = lex.number_words[first][0], "vague"
        j += 1
        if first in ("tens", "hundreds", "dozens") and j + 1 < n and w[j] == "of" and w[j + 1] in VAGUE_SCALES:
            value *= VAGUE_SCALES[w[j + 1]]
            j += 2
        elif first in ("several", "few"):
            if j < n and w[j] in ("hundred", "thousand", "million", "billion", "dozen"):
                value *= lex.scales.get(w[j], 12.0)
                j += 1
            else:
                return None
    elif first == "half":  # "cut by half"
        return NumberPhrase(i, j + 1, 50.0, "fraction")
    else:
        return None
    # fractions: "a third", "two-thirds", "three quarters"
    k = j + 1 if j < n and w[j] == "-" else j
    if k < n and lex.number_words.get(w[k], (0, ""))[1] == "fraction" and value is not None and value <= 10:
        share = lex.number_words[w[k]][0] * value
        return NumberPhrase(i, k + 1, round(share, 2), "fraction")
    # scales after the number: "240.1 billion", "two dozen", "1.5 million"
    while j < n:
        word = w[j]
        if word == "dozen":
            multiplier *= 12
        elif word in ("hundred",) or word in BIG_SCALES:
            multiplier *= lex.scales[word]
        elif word in ("m", "k", "b") and _currency_follows(w, j + 1, lex):
            multiplier *= lex.scales[word]
        else:
            break
        j += 1
    if j == i:
        return None
    return NumberPhrase(i, j, value * multiplier, kind, currency)


def _word_number(w: list[str], j: int, lex: QuantityLexicon) -> tuple[float, int]:
    """'one hundred and twenty-five' -> (125, index after it). Stops before big scales."""
    total = 0.0
    current = 0.0
    n = len(w)
    while j < n:
        word = w[j]
        if word in UNITS_AND_TENS:
            current += lex.number_words[word][0]
        elif word == "-" and j + 1 < n and w[j + 1] in UNITS_AND_TENS:
            pass
        elif word == "hundred" and current:
            current *= 100
        elif word == "and" and j + 1 < n and w[j + 1] in UNITS_AND_TENS and current >= 100:
            pass
        else:
            break
        j += 1
    return total + current, j


def _currency_follows(w: list[str], j: int, lex: QuantityLexicon) -> bool:
    return any(tuple(w[j:j + size]) in lex.currency_suffix for size in (1, 2, 3))
