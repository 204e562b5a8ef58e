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


# -- the fast paths give the answers of the full ones -----------------------------------------

import dataclasses  # noqa: E402
import json  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from tacitus.quantities import casualty_counts, quantities_with_anchors  # noqa: E402
from tacitus.quantities.detect import _candidate_at, _may_start_number  # noqa: E402
from tacitus.quantities.lexicon import lexicon as quantity_lexicon  # noqa: E402
from tacitus.timex import find_time_expressions, sentence_is_future  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def real_sentences(pipeline):
    """Sentences of the bundled examples and of the first 80 real-news gold items, parsed."""
    texts = [json.loads(line)["text"] for line in (REPO / "src/tacitus/data/examples/examples.jsonl").read_text().splitlines()]
    gold = [json.loads(line)["text"] for line in (REPO / "tests/data/realnews_gold.jsonl").read_text().splitlines() if line.strip()]
    return [s for doc in pipeline.nlp.pipe(texts + gold[:80]) for s in doc.sents]


def test_the_number_test_passes_every_token_that_starts_an_amount(real_sentences):
    lex = quantity_lexicon()
    starts = skipped = 0
    for sent in real_sentences:
        toks = list(sent)
        words = [t.lower_ for t in toks]
        for i in range(len(toks)):
            if _may_start_number(toks, words, i, lex):
                starts += _candidate_at(sent.doc, toks, words, i, lex) is not None
            else:
                skipped += 1
                assert _candidate_at(sent.doc, toks, words, i, lex) is None, (sent.text, toks[i].text)
    assert starts > 20 and skipped > 1000  # the corpus has amounts, and most words are skipped


def test_casualty_counts_from_the_sentence_quantities_equal_a_fresh_reading(real_sentences):
    stated = 0
    for si, sent in enumerate(real_sentences):
        fresh = casualty_counts(sent)
        assert casualty_counts(sent, quantities_with_anchors(sent, si)) == fresh, sent.text
        stated += any(v is not None for v in fresh.values())
    assert stated >= 5


def test_tense_is_read_only_for_sentences_with_a_time_expression(real_sentences):
    asked = 0
    with_times = 0
    for sent in real_sentences:
        calls = []

        def read(sent=sent):
            calls.append(1)
            return sentence_is_future(sent)

        eager = find_time_expressions(sent.text, date(2024, 5, 14), future=sentence_is_future(sent))
        lazy = find_time_expressions(sent.text, date(2024, 5, 14), future=read)
        assert lazy == eager, sent.text
        assert len(calls) <= 1
        if eager:
            assert calls, sent.text  # found expressions were read with the sentence's tense
        asked += len(calls)
        with_times += bool(eager)
    # sentences that name no time are never read for tense
    assert with_times > 10 and asked <= len(real_sentences) - 20


def test_parallel_results_equal_serial_ones_and_carry_the_callers_articles():
    arts = articles()
    serial = [dataclasses.asdict(r) for r in code_parallel(arts, processes=1)]
    parallel = list(code_parallel(arts, processes=2, batch_size=1))
    assert [dataclasses.asdict(r) for r in parallel] == serial
    assert all(r.article is a for r, a in zip(parallel, arts))  # put back in the parent, not copied


def test_a_long_stream_is_read_just_ahead_of_the_workers():
    consumed = []

    def stream():
        for i in range(40):
            consumed.append(i)
            yield Article(doc_id=f"s{i}", text=TEXTS[i % len(TEXTS)])

    results = code_parallel(stream(), processes=2, batch_size=1)
    first = next(results)
    assert first.article.doc_id == "s0"
    assert len(consumed) <= 4 * 2  # eight batches in flight at most, not the whole stream
    assert [r.article.doc_id for r in results] == [f"s{i}" for i in range(1, 40)]
