"""Article -> CodedArticle: the only place that knows the order of the stages.

parse (spaCy) -> actors -> times -> places -> quantities -> events -> tone.
Each stage is a function of the parsed Doc, the Article and what earlier stages
found; nothing reaches back. :class:`Pipeline` loads the models and lexicons once
(per process) and codes articles one by one or in parallel.
"""
from __future__ import annotations

import gc
import multiprocessing as mp
import os
import signal
import threading
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .model import Article, CodedArticle, Entity
from .nlp import MAX_SENTENCE_TOKENS, chunk_text, get_nlp

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}


# An article that takes longer than this to code is recorded as failed, so that no single
# input (or a bug it triggers) can hold up a batch.
ARTICLE_TIME_LIMIT = 120


class ArticleTimeout(Exception):
    pass


@contextmanager
def time_limit(seconds: int):
    """Raise ArticleTimeout after ``seconds`` (main thread on Unix only; elsewhere no limit)."""
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise ArticleTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Failure:
    """An article the pipeline could not code, with the reason."""

    article: Article
    reason: str


class Pipeline:
    """The coder: ``Pipeline().code(article)``.

    ``dictionaries`` (a folder of PETRARCH-format dictionaries) replaces Tacitus's own
    actor and verb lexicons with the given ones for event coding; places, dates,
    quantities and tone are unchanged.
    """

    def __init__(self, dictionaries: str | Path | None = None):
        from .actors import get_actor_finder
        from .events.lexicon import get_event_lexicon

        self.nlp = get_nlp()
        self.actors = get_actor_finder()
        self.lexicon = get_event_lexicon()
        self.dictionaries = Path(dictionaries) if dictionaries else None
        self.petrarch = None
        if self.dictionaries is not None:
            from .petrarch import Dictionaries, PetrarchCoder

            self.petrarch = PetrarchCoder(Dictionaries.load(self.dictionaries))

    # -- one article -------------------------------------------------------
    def parse(self, text: str):
        chunks = chunk_text(text)
        if len(chunks) == 1:
            return self.nlp(text)
        from spacy.tokens import Doc

        return Doc.from_docs(list(self.nlp.pipe(c for _, c in chunks)), ensure_whitespace=False)

    @staticmethod
    def parse_text(article: Article) -> str:
        """The text the parser sees: the dateline blanked out (same length, so offsets hold).

        "MOSCOW, July 8 (Reuters) - Modi visited Russia" would otherwise be parsed as one
        noun phrase headed by MOSCOW, and the sentence's events lost.
        """
        end = article.dateline.end if article.dateline else 0
        if end <= 0:
            return article.text
        return "".join(c if c in "\n" else " " for c in article.text[:end]) + article.text[end:]

    def code(self, article: Article, doc=None) -> CodedArticle:
        doc = doc if doc is not None else self.parse(self.parse_text(article))
        return self._code_doc(article, doc)

    def _code_doc(self, article: Article, doc) -> CodedArticle:
        from .events.coder import build_events, find_candidates
        from .geo import resolve_places
        from .quantities import casualty_counts, quantities_with_anchors
        from .timex import find_time_expressions, sentence_is_future
        from .tone import tone

        anchor = article.published
        body_start = article.dateline.end if article.dateline else 0
        sents = list(doc.sents)
        text = doc.text  # built once: a Span's .text joins its tokens again each time
        entities = [
            Entity(text[e.start_char:e.end_char], e.label_, e.start_char, e.end_char)
            for e in doc.ents
            if e.label_ in ENTITY_LABELS and e.start_char >= body_start
        ]
        mentions = [m for m in self.actors.find(doc, on=anchor) if doc[m.start].idx >= body_start]
        by_sentence: list[list] = [[] for _ in sents]
        sent_of_token = [0] * len(doc)
        for si, s in enumerate(sents):
            sent_of_token[s.start:s.end] = [si] * (s.end - s.start)
        for m in mentions:
            by_sentence[sent_of_token[m.start]].append(m)

        times_by_sentence = []
        for s in sents:
            if s.end_char <= body_start:
                times_by_sentence.append([])
                continue
            # the tense is read from the parse only when the sentence holds a time expression
            future = (lambda s=s: sentence_is_future(s)) if len(s) <= MAX_SENTENCE_TOKENS else False
            times_by_sentence.append(
                [t for t in find_time_expressions(text[s.start_char:s.end_char], anchor, future=future, offset=s.start_char) if t.start >= body_start]
            )
        context = [m.country for m in mentions if m.country and len(m.country) == 3]
        dateline_place = article.dateline.place if article.dateline else None
        places = resolve_places(article.text, entities, context, dateline_place)
        quantities = []
        anchored_quantities: dict[int, list] = {}  # sentence index -> (Quantity, anchor token) pairs
        for si, s in enumerate(sents):
            if s.end_char > body_start and len(s) <= MAX_SENTENCE_TOKENS:
                found = anchored_quantities[si] = quantities_with_anchors(s, si)
                quantities.extend(q for q, _ in found)

        if self.petrarch is not None:
            from .events.dictionary_events import petrarch_events

            events = petrarch_events(self.petrarch, article, doc, sents, places, times_by_sentence)
        else:
            results = find_candidates(doc, by_sentence, self.lexicon, skip_before=body_start)
            events = build_events(article.doc_id, doc, results, anchor, places, times_by_sentence, self.lexicon, skip_before=body_start, text=text)
        article_tone = tone(article.text)
        per_sentence: dict[int, tuple[dict, float]] = {}  # casualties and tone, once per sentence
        for ev in events:
            if ev.sentence_index not in per_sentence:
                s = sents[ev.sentence_index]
                counts = casualty_counts(s, anchored_quantities.get(ev.sentence_index))
                per_sentence[ev.sentence_index] = (counts, tone(ev.sentence))
            counts, ev.tone = per_sentence[ev.sentence_index]
            ev.dead, ev.injured, ev.size = counts.get("dead"), counts.get("injured"), counts.get("size")
        return CodedArticle(
            article=article,
            events=events,
            places=places,
            times=[t for ts in times_by_sentence for t in ts],
            quantities=quantities,
            entities=entities,
            tone=article_tone,
        )

    # -- many articles -----------------------------------------------------
    def code_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[CodedArticle | Failure]:
        """Code articles in order in this process; a failing article becomes a Failure."""
        for batch in batches(articles, batch_size):
            yield from self._code_batch(batch)

    def _code_batch(self, batch: list[Article]) -> Iterator[CodedArticle | Failure]:
        short = [a for a in batch if len(a.text) <= 200_000]
        docs = {}
        try:
            for a, doc in zip(short, self.nlp.pipe((self.parse_text(a) for a in short), batch_size=len(short) or 1)):
                docs[id(a)] = doc
        except Exception:  # one bad text must not sink the batch: parse one by one below
            docs = {}
        for a in batch:
            try:
                with time_limit(ARTICLE_TIME_LIMIT):
                    yield_value = self.code(a, docs.get(id(a)))
            except ArticleTimeout:
                yield Failure(a, f"coding failed: gave up after {ARTICLE_TIME_LIMIT} s")
                continue
            except Exception as exc:  # noqa: BLE001 - recorded as this article's failure
                yield Failure(a, f"coding failed: {type(exc).__name__}: {exc}")
                continue
            yield yield_value


# -- process pool ---------------------------------------------------------
_WORKER: Pipeline | None = None


def _init_worker(dictionaries):
    global _WORKER
    _WORKER = Pipeline(dictionaries)


def _work(batch: list[Article]) -> list[CodedArticle | Failure]:
    """Code one batch in a worker. The results go back without their articles (the parent
    holds them already; sending the texts back would double the traffic): see ``_rejoin``."""
    assert _WORKER is not None
    results = list(_WORKER.code_many(batch, batch_size=len(batch)))
    for result in results:
        result.article = None
    return results


def _rejoin(batch: list[Article], results: list) -> Iterator[CodedArticle | Failure]:
    """A worker's results with their articles put back (one result per article, in order)."""
    if len(results) != len(batch):  # pragma: no cover - code_many yields one result per article
        raise RuntimeError(f"a worker returned {len(results)} results for {len(batch)} articles")
    for article, result in zip(batch, results):
        result.article = article
        yield result


def batches(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of at most ``size`` items, in order."""
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def default_processes() -> int:
    return max(1, os.cpu_count() or 1)


def code_parallel(
    articles: Iterable[Article],
    processes: int | None = None,
    dictionaries: str | Path | None = None,
    batch_size: int = 16,
) -> Iterator[CodedArticle | Failure]:
    """Code articles with ``processes`` workers, each loading the models once; order is kept.

    At most ``4 * processes`` batches are in flight: the input is read just ahead of the
    workers (a long stream is not read into memory first), and the parent's share of the
    work stays small (it sends articles and receives compact results, see ``_work``).
    """
    processes = processes or default_processes()
    if processes <= 1:
        yield from Pipeline(dictionaries).code_many(articles, batch_size=batch_size)
        return

    ctx = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
    # Forked workers share the parent's loaded models page by page; freezing the objects that
    # exist now keeps the workers' garbage collector from touching (and so copying) those pages.
    freeze = gc.get_freeze_count() == 0  # a caller's own freeze is left alone
    if freeze:
        gc.freeze()
    try:
        pool = ctx.Pool(processes, initializer=_init_worker, initargs=(dictionaries,))
    finally:
        if freeze:
            gc.unfreeze()
    with pool:
        in_flight: deque = deque()
        for batch in batches(articles, batch_size):
            in_flight.append((batch, pool.apply_async(_work, (batch,))))
            if len(in_flight) >= 4 * processes:
                done, pending = in_flight.popleft()
                yield from _rejoin(done, pending.get())
        while in_flight:
            done, pending = in_flight.popleft()
            yield from _rejoin(done, pending.get())
