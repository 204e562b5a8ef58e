"""Regenerate ``src/tacitus/data/cameo_codes.tsv`` from the reference tables in ``../shared``.

The committed TSV is what the package reads; this script only exists so that the facts in it
can be rebuilt and checked against their sources:

* code and name: CAMEO 1.1b3 manual names, via ``shared/data/cameo/cameo_eventcodes.tsv``
  (all 20 roots, every 3- and 4-digit code);
* goldstein: GDELT's ``CAMEO.goldsteinscale.txt`` (left empty where GDELT has no value; the
  loader then falls back to the parent code, see ``tacitus.codebook``);
* quad_class: GDELT convention, 1 = roots 01-05, 2 = 06-09, 3 = 10-14, 4 = 15-20;
* plover_event, plover_mode, plover_context: the CAMEO to PLOVER table of PLOVER manual draft 0.8
  (``shared/data/plover/CAMEO2PLOVER-2021.txt``); ``plover_context`` is ';'-separated.

Usage: ``python tools/build_codebook.py [--shared PATH] [--out PATH]``
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO_ROOT.parent / "shared"
DEFAULT_OUT = REPO_ROOT / "src" / "tacitus" / "data" / "cameo_codes.tsv"
COLUMNS = ["code", "name", "goldstein", "quad_class", "plover_event", "plover_mode", "plover_context"]


def quad_class_for_root(root: str) -> int:
    """GDELT QuadClass of a two-digit CAMEO root."""
    number = int(root)
    if not 1 <= number <= 20:
        raise ValueError(f"CAMEO root {root!r} is not between 01 and 20")
    if number <= 5:
        return 1
    if number <= 9:
        return 2
    if number <= 14:
        return 3
    return 4


def read_codes(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [(row["code"], row["name"].strip()) for row in rows]


def read_goldstein(path: Path) -> dict[str, float]:
    values: dict[str, float] = {}
    with path.open(encoding="utf-8") as handle:
        next(handle)  # header
        for line in handle:
            if line.strip():
                code, value = line.rstrip("\n").split("\t")
                values[code.strip()] = float(value)
    return values


def read_plover(path: Path) -> dict[str, tuple[str, str, str]]:
    """Map CAMEO code -> (event, mode, context) from the CAMEO2PLOVER table; first entry wins."""
    mapping: dict[str, tuple[str, str, str]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            body = line.split("#", 1)[0].strip()
            if not body or ":" not in body:
                continue
            code, rest = (part.strip() for part in body.split(":", 1))
            if not code.isdigit():
                continue
            fields = [field.strip() for field in rest.split(",")] + ["", ""]
            event, mode, context = fields[0], fields[1], fields[2]
            contexts = ";".join(c.strip() for c in context.split(";") if c.strip())
            mapping.setdefault(code, (event, mode, contexts))
    return mapping


def build_rows(shared: Path) -> list[dict[str, str]]:
    codes = read_codes(shared / "data" / "cameo" / "cameo_eventcodes.tsv")
    goldstein = read_goldstein(shared / "data" / "cameo" / "gdelt_lookups" / "CAMEO.goldsteinscale.txt")
    plover = read_plover(shared / "data" / "plover" / "CAMEO2PLOVER-2021.txt")
    rows = []
    for code, name in codes:
        event, mode, context = plover.get(code, ("", "", ""))
        value = goldstein.get(code)
        rows.append(
            {
                "code": code,
                "name": name,
                "goldstein": "" if value is None else f"{value:.1f}",
                "quad_class": str(quad_class_for_root(code[:2])),
                "plover_event": event,
                "plover_mode": mode,
                "plover_context": context,
            }
        )
    return rows


def write_tsv(rows: list[dict[str, str]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# CAMEO event codebook. Names: CAMEO manual 1.1b3. goldstein: GDELT CAMEO.goldsteinscale.txt "
            "(empty = no GDELT value; tacitus.codebook falls back to the parent code). quad_class: GDELT "
            "(1 = 01-05, 2 = 06-09, 3 = 10-14, 4 = 15-20). plover_*: CAMEO2PLOVER table, PLOVER manual "
            "draft 0.8 (2021-09-17). Regenerate with tools/build_codebook.py.\n"
        )
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="path of the shared/ folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="TSV to write")
    args = parser.parse_args(argv)
    if not (args.shared / "data" / "cameo").is_dir():
        parser.error(f"{args.shared} has no data/cameo folder; pass --shared")
    rows = build_rows(args.shared)
    write_tsv(rows, args.out)
    print(f"wrote {len(rows)} codes to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
