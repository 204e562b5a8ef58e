"""Amounts stated in news text: money, percentages, counts of people and measures.

    >>> from tacitus.quantities import find_quantities, casualty_counts
    >>> doc = nlp("Trade hit $240.1 billion in 2023, a 26.3% increase, according to customs data.")
    >>> [(q.text, q.kind, q.value, q.unit) for q in find_quantities(next(doc.sents))]
    [('$240.1 billion', 'money', 240100000000.0, 'USD'), ('26.3%', 'percent', 26.3, '%')]

Conventions (the word lists are in ``tacitus/data/quantities/``):

- ``value`` is fully scaled ("$240.1 billion" -> 240100000000.0; "£2bn" -> 2e9). Percentages
  keep their number (24.0, unit "%"); percentage points have unit "pp", basis points "bp".
- Indefinite plurals get a lower-bound value: "dozens" 24, "scores" 40, "hundreds" 200,
  "thousands" 2,000, "tens of thousands" 20,000, "hundreds of thousands" 200,000,
  "millions" 2,000,000, "several hundred" 300. The quantity's text keeps the words, so a
  reader can tell "thousands" (2,000) from "2,000".
- Changes: "a 26.3% increase", "rose 5 percent", "up 24%" are percent quantities with
  ``change`` = the number and a ``direction``; "fell by a third" is 33.33 down; "doubled" is
  +100 %, "tripled" +200 %, "halved" 50 down. ``change`` is a magnitude, ``direction`` the sign.
- Counts: a number on a word for people ("12 people", "thousands of protesters", "a crowd of
  5,000") or the object of a casualty verb ("killing 34") is a count with unit "people" and a
  category (killed, dead, wounded, injured, arrested, detained, displaced, protesters, troops,
  refugees, hostages, missing, deported, expelled, attackers ...). Numbers on other nouns are
  counts with the noun as unit ("3,000 Web sites" -> unit "sites").
- Not quantities: dates and years, times, ordinals ("75th"), labels ("Resolution 2231"),
  ages, bare durations ("for three days", the time module's job), and references back to
  people already named ("the two leaders"). A duration that modifies a noun is a measure:
  "a six-year term" is kind "measure", value 6, unit "year", measures "term".
- Currency: "$" alone is USD, "¥" is JPY, "Rs" is INR; three-letter ISO codes count only in
  upper case ("USD 5 million").
"""
from __future__ import annotations

from tacitus.model import Quantity
from tacitus.quantities.attach import find_with_anchors
from tacitus.quantities.casualties import casualty_counts
from tacitus.quantities.lexicon import lexicon

__all__ = ["find_quantities", "quantities_with_anchors", "casualty_counts"]


def find_quantities(sent, sentence_index: int = 0) -> list[Quantity]:
    """The amounts stated in one sentence (a spaCy Span of a parsed Doc), left to right.

    Offsets are character offsets in the Doc's text.
    """
    if not hasattr(sent, "doc") or not hasattr(sent, "start"):
        raise TypeError(
            f"find_quantities needs a spaCy Span (a sentence of a parsed Doc), got {type(sent).__name__}"
        )
    return [q for q, _ in quantities_with_anchors(sent, sentence_index)]


def quantities_with_anchors(sent, sentence_index: int = 0) -> list[tuple[Quantity, object]]:
    """:func:`find_quantities` with the token each amount hangs from in the parse, as
    (Quantity, Token) pairs; :func:`casualty_counts` takes them to spare a second pass."""
    if not hasattr(sent, "doc") or not hasattr(sent, "start"):
        raise TypeError(
            f"quantities_with_anchors needs a spaCy Span (a sentence of a parsed Doc), got {type(sent).__name__}"
        )
    return find_with_anchors(sent, sentence_index, lexicon())
