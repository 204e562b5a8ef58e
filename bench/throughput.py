"""Words per second of Tacitus against bare spaCy (same model, same process count), in one run.

    .venv/bin/python bench/throughput.py [--articles 300] [--processes 2] [--spark]

Prints, for each configuration: words/s (median of alternating rounds, so that bare spaCy and
Tacitus see the same machine) and the ratio to bare spaCy with one process; for one process also
the ratio in CPU seconds, which time stolen by other jobs on a shared machine does not blur; then the peak
resident memory of this process and of the largest worker (MB). The corpus is the bundled example articles and the
project's real-news gold sentences, shuffled into articles of ~300 words, repeated to size.

Bare spaCy is the model exactly as shipped (tok2vec, tagger, parser, attribute_ruler,
lemmatizer, ner: the coder reads tags, parses, lemmas and entities, so none is disabled on
either side), batches of 16 texts, the same process count. Tacitus runs the same model with
its attribute ruler and lemmatizer swapped for cached equivalents of identical output
(src/tacitus/attribute_rules.py, lemma_cache.py). So that the reader can tell what those
swaps buy from what Tacitus's own coding costs, the bench also times bare spaCy with the same
swaps ("bare spaCy, cached rules") and prints Tacitus against it.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def corpus(n_articles: int) -> list:
    from tacitus.model import Article

    texts = []
    for line in (REPO / "src/tacitus/data/examples/examples.jsonl").read_text().splitlines():
        texts.append(json.loads(line)["text"])
    gold = REPO / "tests/data/realnews_gold.jsonl"
    sentences = []
    if gold.exists():
        sentences = [json.loads(l)["text"] for l in gold.read_text().splitlines() if l.strip()]
    rng = random.Random(7)
    articles = []
    from datetime import date

    for i in range(n_articles):
        if sentences and i % 2:
            body = " ".join(rng.sample(sentences, min(12, len(sentences))))
        else:
            body = texts[i % len(texts)]
        articles.append(Article(doc_id=f"a{i}", text=body, published=date(2024, 5, 14)))
    return articles


def peak_mb(children: bool = False) -> float:
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024


_STOCK = []


def bare_spacy(articles, processes: int, cached_rules: bool = False) -> tuple[float, int]:
    """Parse only: the shipped model, or (cached_rules) the one Tacitus runs."""
    from tacitus.nlp import get_nlp, load_stock_model

    if cached_rules:
        nlp = get_nlp()
    else:
        if not _STOCK:
            _STOCK.append(load_stock_model())
        nlp = _STOCK[0]
    t0 = time.perf_counter()
    words = sum(len(d) for d in nlp.pipe((a.text for a in articles), batch_size=16, n_process=processes))
    return time.perf_counter() - t0, words


def tacitus_code(articles, processes: int) -> tuple[float, int]:
    from tacitus.pipeline import code_parallel

    t0 = time.perf_counter()
    n_events = 0
    for r in code_parallel(articles, processes=processes):
        n_events += len(getattr(r, "events", []))
    return time.perf_counter() - t0, n_events


def spark_code(articles, processes: int) -> float:
    """Spark local[N], warm: the session and each worker's pipeline are started before timing."""
    from tacitus.spark import code_with_spark, get_spark  # optional extra

    spark = get_spark(f"local[{processes}]")
    try:
        code_with_spark(articles[: processes * 4], spark=spark, partitions=processes * 2)  # warm the workers
        t0 = time.perf_counter()
        code_with_spark(articles, spark=spark, partitions=processes * 2)
        return time.perf_counter() - t0
    finally:
        spark.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--processes", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--rounds", type=int, default=3, help="alternating timing rounds; medians are reported")
    ap.add_argument("--spark", action="store_true", help="also time Spark local[N] (needs pyspark)")
    args = ap.parse_args()
    articles = corpus(args.articles)
    from tacitus.nlp import get_nlp
    from tacitus.pipeline import Pipeline

    get_nlp()
    Pipeline()  # load lexicons and gazetteer once, outside the timings
    bare_spacy(articles[:10], 1)  # warm up
    bare_spacy(articles[:10], 1, cached_rules=True)
    words = 0
    # each round times bare spaCy and Tacitus back to back, so both see the same machine
    times: dict[str, list[float]] = {}
    cpu_ratios: list[float] = []  # one process: CPU seconds of bare spaCy / of Tacitus, per round
    n_events = 0
    for _ in range(args.rounds):
        for procs in sorted({1, args.processes}):
            cpu0 = time.process_time()
            t, w = bare_spacy(articles, procs)
            cpu_spacy = time.process_time() - cpu0
            words = w
            times.setdefault(f"bare spaCy, {procs} process{'es' if procs > 1 else ''}", []).append(t)
            cpu0 = time.process_time()
            t, n_events = tacitus_code(articles, procs)
            cpu_tacitus = time.process_time() - cpu0
            times.setdefault(f"tacitus code --processes {procs}", []).append(t)
            if procs == 1:  # both run in this process, so its CPU time is theirs alone
                cpu_ratios.append(cpu_spacy / cpu_tacitus)
                t, _ = bare_spacy(articles, 1, cached_rules=True)
                times.setdefault("bare spaCy, cached rules, 1 process", []).append(t)
    if args.spark:
        times[f"spark local[{args.processes}]"] = [spark_code(articles, args.processes)]
    med = {name: statistics.median(ts) for name, ts in times.items()}
    base = med["bare spaCy, 1 process"]
    print(f"corpus: {len(articles)} articles, {words} words, {n_events} events (Tacitus); {args.rounds} alternating rounds, medians")
    print(f"{'configuration':<34} {'words/s':>9} {'vs bare spaCy x1':>17}")
    for name, t in med.items():
        print(f"{name:<34} {words / t:>9.0f} {base / t:>17.2f}")
    ratios = [b / t for b, t in zip(times["bare spaCy, 1 process"], times["tacitus code --processes 1"])]
    print(f"tacitus / bare spaCy, 1 process, per round: {', '.join(f'{r:.2f}' for r in ratios)}")
    print(f"tacitus / bare spaCy, 1 process, in CPU time (not blurred by other jobs): median "
          f"{statistics.median(cpu_ratios):.2f}; per round {', '.join(f'{r:.2f}' for r in cpu_ratios)}")
    own = med["bare spaCy, cached rules, 1 process"] / med["tacitus code --processes 1"]
    print(f"tacitus / bare spaCy with the same cached rules, 1 process (Tacitus's own coding cost): {own:.2f}")
    if args.processes > 1:
        n = args.processes
        print(f"tacitus --processes {n} / --processes 1: {med['tacitus code --processes 1'] / med[f'tacitus code --processes {n}']:.2f}x")
        print(f"tacitus / bare spaCy at {n} processes: {med[f'bare spaCy, {n} processes'] / med[f'tacitus code --processes {n}']:.2f}")
    print(f"peak resident memory: this process {peak_mb():.0f} MB, largest worker {peak_mb(children=True):.0f} MB")


if __name__ == "__main__":
    main()
