"""The pipeline's guarantees over a batch: order kept, one bad article never sinks the rest."""
from __future__ import annotations

import time

from tacitus import pipeline as pipeline_module
from tacitus.model import Article
from tacitus.pipeline import Failure, Pipeline, code_parallel

TEXTS = [
    "Russian forces attacked the Ukrainian city of Kharkiv on Tuesday.",
    "China and Russia signed a trade agreement in Beijing.",
    "The European Union imposed sanctions on Iran.",
    "Israel said it would not release Palestinian prisoners.",
]


def articles():
    return [Article(doc_id=f"a{i}", text=t) for i, t in enumerate(TEXTS)]


def test_order_is_kept_across_processes():
    serial = [r.article.doc_id for r in code_parallel(articles(), processes=1)]
    parallel = [(r.article.doc_id, len(r.events)) for r in code_parallel(articles(), processes=2, batch_size=1)]
    assert [d for d, _ in parallel] == serial == ["a0", "a1", "a2", "a3"]
    assert all(n > 0 for _, n in parallel)


def test_an_article_that_breaks_the_coder_is_a_failure_with_its_reason(pipeline, monkeypatch):
    original = pipeline.code

    def code(article, doc=None):
        if article.doc_id == "a1":
            raise ValueError("simulated bug")
        return original(article, doc)

    monkeypatch.setattr(pipeline, "code", code)
    results = list(pipeline.code_many(articles()))
    assert [type(r).__name__ for r in results] == ["CodedArticle", "Failure", "CodedArticle", "CodedArticle"]
    assert "ValueError: simulated bug" in results[1].reason


def test_an_article_that_hangs_is_given_up_after_the_time_limit(pipeline, monkeypatch):
    original = pipeline.code

    def code(article, doc=None):
        if article.doc_id == "a2":
            time.sleep(5)
        return original(article, doc)

    monkeypatch.setattr(pipeline, "code", code)
    monkeypatch.setattr(pipeline_module, "ARTICLE_TIME_LIMIT", 1)
    started = time.monotonic()
    results = list(pipeline.code_many(articles()))
    assert time.monotonic() - started < 4.5
    assert isinstance(results[2], Failure) and "gave up after 1 s" in results[2].reason
    assert sum(1 for r in results if not isinstance(r, Failure)) == 3


def test_megabyte_article_is_coded_in_chunks(pipeline):
    body = " ".join(TEXTS) + "\n\n"
    text = body * (300_000 // len(body) + 1)
    coded = pipeline.code(Article(doc_id="big", text=text))
    assert len(coded.events) > 100
    assert all(text[e.char_span[0]:e.char_span[1]] == e.sentence for e in coded.events[:50])
