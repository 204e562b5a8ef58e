"""A cached front for spaCy's rule lemmatizer, with the same output.

spaCy's lemmatizer walks every token in Python and looks its lemma up by (word, POS,
morphology). Here a document's tokens are read as one array and each distinct (word, POS,
morphology) asks the stock lemmatizer once per process; the rest are dict lookups.
Tokens that already carry a lemma (set by the attribute ruler) keep it, as in the stock
component without ``overwrite``. ``tests/test_attribute_rules.py`` checks the output equals
the stock pipeline's.
"""
from __future__ import annotations

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language

FACTORY = "tacitus_cached_lemmatizer"


class CachedLemmatizer:
    """Wraps a stock Lemmatizer; see the module docstring."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.stock = None
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc):
        if not len(doc):
            return doc
        stock, cache, strings = self.stock, self.cache, self.vocab.strings
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma:
                continue
            key = (orth, pos, morph)
            found = cache.get(key)
            if found is None:
                found = cache[key] = strings.add(stock.lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


@Language.factory(FACTORY)
def _make_cached_lemmatizer(nlp, name):
    return CachedLemmatizer(nlp.vocab)


def install(nlp, name: str = "lemmatizer") -> bool:
    """Put the cache in front of the pipeline's rule lemmatizer; False if left as it was."""
    if name not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe(name)
    if getattr(stock, "mode", None) != "rule" or getattr(stock, "overwrite", True):
        return False
    if not stock._validated:
        stock._validate_tables()
    nlp.replace_pipe(name, FACTORY)
    nlp.get_pipe(name).stock = stock
    return True
