"""PETRARCH-1's comma-clause removal, on spaCy's dependency parse.

PETRARCH-1 (after TABARI) drops short comma-delimited stretches of a sentence before coding:
an internal stretch between two commas of `min`..`max` words, a terminal one after the last
comma of `emin`..`emax` words and, if switched on, an initial one before the first comma of
`bmin`..`bmax` words. A maximum of 0 switches that kind off. Words are counted as PETRARCH
counted them: tokens that begin with a letter. Only complete phrases inside a stretch are
dropped; a phrase that runs on past the stretch stays. Commas inside a noun phrase ("Osgiliath,
the state's fiercest foe,", "complete, full ties") do not delimit clauses.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

# dependents that stand inside a verb phrase before its verb; anything else to the left of a
# verb (its subject, a fronted clause) is outside the phrase
_VP_LEFT = {"aux", "auxpass", "neg", "advmod", "prt"}
_CONFIG_KEYS = ("comma_min", "comma_max", "comma_bmin", "comma_bmax", "comma_emin", "comma_emax")


@dataclass(frozen=True)
class CommaLimits:
    """Lengths (in words) of comma-delimited stretches that are removed; PETRARCH's defaults."""

    min: int = 2
    max: int = 8
    bmin: int = 0
    bmax: int = 0
    emin: int = 2
    emax: int = 8

    def with_config(self, config: dict) -> "CommaLimits":
        """These limits changed by PETRARCH config options ('comma_max': '0', ...)."""
        changes = {}
        for key in _CONFIG_KEYS:
            if key in config:
                try:
                    changes[key[len("comma_"):]] = int(str(config[key]).strip())
                except ValueError:
                    raise ValueError(f"config option {key} must be a whole number, "
                                     f"not {config[key]!r}") from None
        return replace(self, **changes)


def _counted(token) -> bool:
    return token.text[:1].isalpha()


def _inside_noun_phrase(comma) -> bool:
    """A comma between words of one noun's phrase (apposition, adjectives, a list of nouns)."""
    doc = comma.doc
    if comma.i == 0 or comma.i + 1 >= len(doc):
        return False
    token = comma.head
    for _ in range(8):
        if token.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and (
                token.left_edge.i < comma.i < token.right_edge.i):
            return True
        if token.head.i == token.i or token.pos_ in ("VERB", "AUX"):
            return False
        token = token.head
    return False


def _phrase_span(token) -> tuple[int, int]:
    """First and last index of the phrase a token heads: a noun its whole subtree, a verb its
    verb phrase (no subject, nothing fronted before it but auxiliaries and adverbs)."""
    words = [t for t in token.subtree if not t.is_punct]
    if token.pos_ in ("VERB", "AUX"):
        left = [c for c in token.lefts if c.dep_ not in _VP_LEFT]
        skipped = {t.i for c in left for t in c.subtree}
        words = [t for t in words if t.i not in skipped]
    return min(t.i for t in words + [token]), max(t.i for t in words + [token])


def _complete_phrases(sent, low: int, high: int) -> set[int]:
    """Indices of tokens in [low, high) whose phrase lies wholly inside that stretch."""
    out = set()
    for token in sent.doc[low:high]:
        first, last = _phrase_span(token)
        if low <= first and last < high:
            out.add(token.i)
    return out


def removed_tokens(sent, limits: CommaLimits | None) -> set[int]:
    """Token indices (in the Doc) that PETRARCH-1's comma-clause removal drops from `sent`."""
    if limits is None:
        return set()
    commas = [t.i for t in sent if t.text == "," and not _inside_noun_phrase(t)]
    if not commas:
        return set()
    end = sent.end
    while end > sent.start and sent.doc[end - 1].is_punct:
        end -= 1

    def words(low: int, high: int) -> int:
        return sum(1 for t in sent.doc[low:high] if _counted(t))

    removed: set[int] = set()
    if limits.bmax and limits.bmin <= words(sent.start, commas[0]) <= limits.bmax:
        removed |= _complete_phrases(sent, sent.start, commas[0])
    if limits.emax and commas[-1] < end and (
            limits.emin <= words(commas[-1] + 1, end) <= limits.emax):
        removed |= _complete_phrases(sent, commas[-1] + 1, end)
    if limits.max:
        for left, right in zip(commas, commas[1:]):
            if limits.min <= words(left + 1, right) <= limits.max:
                removed |= _complete_phrases(sent, left + 1, right)
    return removed
