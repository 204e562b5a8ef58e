"""The CAMEO codebook shipped with Tacitus, checked against known facts and the shared tables."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tacitus.codebook import CameoCode, Codebook, get_codebook, plover_for

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="module")
def book() -> Codebook:
    return get_codebook()


def test_make_a_visit_is_verbal_cooperation(book):
    visit = book.get("042")
    assert visit == CameoCode(
        code="042", name="Make a visit", goldstein=1.9, quad_class=1, root="04",
        plover_event="CONSULT", plover_mode="visit", plover_context=(),
    )
    assert visit.level == "base"


def test_sanctions_are_material_conflict(book):
    sanctions = book.get("163")
    assert sanctions.name == "Impose embargo, boycott, or sanctions"
    assert sanctions.quad_class == 4
    assert sanctions.goldstein == -8.0


def test_all_twenty_roots_with_their_quad_class(book):
    roots = [code for code in book.codes() if code.level == "root"]
    assert [r.code for r in roots] == [f"{n:02d}" for n in range(1, 21)]
    expected_quad = {**dict.fromkeys(range(1, 6), 1), **dict.fromkeys(range(6, 10), 2),
                     **dict.fromkeys(range(10, 15), 3), **dict.fromkeys(range(15, 21), 4)}
    for root in roots:
        assert root.quad_class == expected_quad[int(root.code)], root.code
    assert book.root_name("19") == "FIGHT"
    assert book.root_name("193") == "FIGHT"


def test_every_code_shares_its_roots_quad_class(book):
    for code in book.codes():
        assert code.quad_class == book.get(code.root).quad_class, code.code


def test_codes_keep_leading_zeros_and_count(book):
    assert "010" in book and "10" in book
    assert book.get("010").name.startswith("Make statement")
    assert book.get("10").name == "DEMAND"
    assert len(book) == 316


def test_unknown_codes_are_none(book):
    for bad in ("999", "21", "0422", "", "abc", "42"):
        assert book.get(bad) is None, bad
        assert bad not in book
    assert book.get(42) is None
    assert plover_for("999") is None
    with pytest.raises(KeyError, match="'99'"):
        book.root_name("99")


def test_goldstein_falls_back_to_parent_then_root(book):
    # GDELT gives no value for these codes (see shared/data/cameo/README.md)
    assert book.get("1951").goldstein == book.get("195").goldstein == -10.0
    assert book.get("1834").goldstein == book.get("183").goldstein
    assert book.get("155").goldstein == book.get("15").goldstein
    assert book.get("106").goldstein == book.get("10").goldstein == -5.0


def test_plover_mapping(book):
    assert plover_for("042") == {"event_type": "CONSULT", "mode": "visit", "context": []}
    assert plover_for("1121") == {"event_type": "ACCUSE", "mode": "allege", "context": ["crime", "corruption"]}
    assert plover_for("163")["event_type"] == "COERCE"
    assert plover_for("0871") == {"event_type": "RETREAT", "mode": "ceasefire", "context": ["military"]}
    assert plover_for("190")["event_type"] == "ASSAULT"
    assert plover_for("010") is None  # PLOVER has no "make statement" event


def test_get_codebook_is_cached():
    assert get_codebook() is get_codebook()


def test_bad_table_is_reported_with_its_name():
    from tacitus.codebook import _parse

    with pytest.raises(ValueError, match="my.tsv: expected columns"):
        _parse("code\tname\n010\tx\n", "my.tsv")


def _shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


def test_every_shared_cameo_code_is_in_the_codebook(book):
    with _shared("data", "cameo", "cameo_eventcodes.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) == 316
    for row in rows:
        entry = book.get(row["code"])
        assert entry is not None, row["code"]
        assert entry.name == row["name"]
        assert entry.quad_class == int(row["quad_class_gdelt"])
        if row["goldstein_gdelt"]:
            assert entry.goldstein == float(row["goldstein_gdelt"]), row["code"]


def test_goldstein_matches_gdelt_lookup(book):
    path = _shared("data", "cameo", "gdelt_lookups", "CAMEO.goldsteinscale.txt")
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    for line in filter(None, lines):
        code, value = line.split("\t")
        assert book.get(code).goldstein == float(value), code


@pytest.mark.parametrize("code", ["036", "041", "0841", "1124", "1385", "173", "183", "2042"])
def test_plover_matches_shared_table(code):
    table = _shared("data", "plover", "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8")
    line = next(line for line in table.splitlines() if line.startswith(f"{code}:"))
    event, mode, context = (part.strip() for part in line.split("#")[0].split(":", 1)[1].split(","))
    assert plover_for(code) == {
        "event_type": event,
        "mode": mode or None,
        "context": [c.strip() for c in context.split(";") if c.strip()],
    }
