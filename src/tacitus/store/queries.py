"""Reading events back: filters, single records, timelines, actors, the network.

``EventReader`` holds every read; ``Store`` (a DuckDB file) and the Parquet
reader (``open_parquet``) both inherit it and only say how to get a connection.
Every value a caller gives reaches SQL as a bound parameter; the only text
spliced into SQL comes from fixed whitelists (order keys, intervals).
"""
from __future__ import annotations

import calendar
import json
import re
from contextlib import AbstractContextManager
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from tacitus.store.schema import EVENT_RECORD_SQL, LOG_STATUSES

MODALITIES = ("asserted", "planned", "negated", "possible")
ORDERS = {
    "event_date": "event_day",
    "published": "published",
    "goldstein": "goldstein",
    "confidence": "confidence",
}
INTERVALS = ("day", "week", "month", "quarter", "year")
_ACTOR_CODE = re.compile(r"^[A-Za-z0-9]{1,30}$")
_CAMEO_PREFIX = re.compile(r"^[0-9]{1,4}$")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def _actor_prefix(name: str, value: str) -> str:
    if not isinstance(value, str) or not _ACTOR_CODE.match(value):
        raise ValueError(f"{name}={value!r}: expected a CAMEO actor code prefix such as RUS or RUSGOV")
    return value.upper()


def _date_bound(name: str, value: date | str, *, end: bool) -> date:
    """A date filter value: a date, or ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``.

    A partial date stands for its whole period: ``since='2024-05'`` starts on May 1,
    ``until='2024-05'`` ends on May 31.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    m = _PARTIAL_DATE.match(str(value).strip())
    if not m:
        raise ValueError(f"{name}={value!r}: expected a date YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = int(m[1]), m[2], m[3]
    try:
        if day:
            return date(year, int(month), int(day))
        if month:
            last = calendar.monthrange(year, int(month))[1]
            return date(year, int(month), last if end else 1)
        return date(year, 12, 31) if end else date(year, 1, 1)
    except ValueError as err:
        raise ValueError(f"{name}={value!r}: {err}") from None


def event_filters(
    *,
    source: str | None = None,
    target: str | None = None,
    actor: str | None = None,
    code: str | None = None,
    root: str | int | None = None,
    quad_class: int | None = None,
    modality: str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    country: str | None = None,
    q: str | None = None,
    doc_id: str | None = None,
) -> tuple[str, list[Any]]:
    """The WHERE clause (``"TRUE"`` when empty) and its parameters for the event filters.

    source/target/actor match actor code prefixes (``RUS`` matches ``RUSGOV``);
    actor matches either side. code is a CAMEO code prefix (``04`` matches 042),
    root a CAMEO root (4 or ``"04"``). since/until bound the event day (the event
    date, else the publication date), inclusive. country is the ISO3 code of the
    event's location. q is a case-insensitive substring of the sentence.
    """
    clauses: list[str] = []
    params: list[Any] = []
    if source is not None:
        clauses.append("starts_with(source_code, ?)")
        params.append(_actor_prefix("source", source))
    if target is not None:
        clauses.append("starts_with(target_code, ?)")
        params.append(_actor_prefix("target", target))
    if actor is not None:
        prefix = _actor_prefix("actor", actor)
        clauses.append("(starts_with(source_code, ?) OR starts_with(target_code, ?))")
        params += [prefix, prefix]
    if code is not None:
        if not _CAMEO_PREFIX.match(str(code)):
            raise ValueError(f"code={code!r}: expected a CAMEO event code prefix of 1-4 digits, e.g. 04 or 042")
        clauses.append("starts_with(cameo, ?)")
        params.append(str(code))
    if root is not None:
        text = str(root).strip()
        if not text.isdigit() or not 1 <= int(text) <= 20:
            raise ValueError(f"root={root!r}: expected a CAMEO root code 01-20")
        clauses.append("cameo_root = ?")
        params.append(f"{int(text):02d}")
    if quad_class is not None:
        if str(quad_class) not in ("1", "2", "3", "4"):
            raise ValueError(f"quad_class={quad_class!r}: expected 1, 2, 3 or 4")
        clauses.append("quad_class = ?")
        params.append(int(quad_class))
    if modality is not None:
        if modality not in MODALITIES:
            raise ValueError(f"modality={modality!r}: expected one of {', '.join(MODALITIES)}")
        clauses.append("modality = ?")
        params.append(modality)
    if since is not None:
        clauses.append("event_day >= ?")
        params.append(_date_bound("since", since, end=False))
    if until is not None:
        clauses.append("event_day <= ?")
        params.append(_date_bound("until", until, end=True))
    if country is not None:
        if not isinstance(country, str) or not country.isalpha():
            raise ValueError(f"country={country!r}: expected an ISO 3166-1 alpha-3 code such as RUS")
        clauses.append("location_country = ?")
        params.append(country.upper())
    if q:
        clauses.append("contains(lower(sentence), lower(?))")
        params.append(str(q))
    if doc_id is not None:
        clauses.append("doc_id = ?")
        params.append(doc_id)
    return (" AND ".join(clauses) or "TRUE"), params


def _order_sql(order: str) -> str:
    key = order.lstrip("-")
    if key not in ORDERS:
        raise ValueError(f"order={order!r}: expected one of {', '.join(ORDERS)} (prefix - for descending)")
    direction = "DESC" if order.startswith("-") else "ASC"
    return f"{ORDERS[key]} {direction} NULLS LAST, doc_id {direction}, sentence_index {direction}, event_id {direction}"


def _rows(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


class EventReader:
    """Queries over an ``events`` table or view (and ``documents``, ``ingest_log``)."""

    def _connect(self, write: bool = False) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
        raise NotImplementedError

    # -- events -----------------------------------------------------------
    def events(self, *, limit: int | None = 100, offset: int = 0, order: str = "event_date", **filters: Any) -> list[dict[str, Any]]:
        """Events matching the filters (see ``event_filters``), as schema records."""
        where, params = event_filters(**filters)
        sql = f"SELECT {EVENT_RECORD_SQL} FROM events WHERE {where} ORDER BY {_order_sql(order)}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [int(limit), int(offset)]
        with self._connect() as con:
            return _rows(con.execute(sql, params))

    def count_events(self, **filters: Any) -> int:
        where, params = event_filters(**filters)
        with self._connect() as con:
            return con.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()[0]

    def event(self, event_id: str) -> dict[str, Any] | None:
        with self._connect() as con:
            rows = _rows(con.execute(f"SELECT {EVENT_RECORD_SQL} FROM events WHERE event_id = ?", [event_id]))
        return rows[0] if rows else None

    def article(self, doc_id: str) -> dict[str, Any] | None:
        """The stored document in ``CodedArticle.to_dict()`` form, plus text and ingest fields."""
        with self._connect() as con:
            docs = _rows(con.execute("SELECT * FROM documents WHERE doc_id = ?", [doc_id]))
        if not docs:
            return None
        d = docs[0]
        dateline = None
        if d["dateline_text"] is not None:
            dateline = {"text": d["dateline_text"], "place": d["dateline_place"], "date": _iso(d["dateline_date"])}
        return {
            "doc_id": d["doc_id"],
            "title": d["title"],
            "url": d["url"],
            "source": d["source"],
            "published": _iso(d["published"]),
            "dateline": dateline,
            "tone": d["tone"],
            "events": self.events(doc_id=doc_id, limit=None, order="event_date"),
            "places": json.loads(d["places"] or "[]"),
            "times": json.loads(d["times"] or "[]"),
            "quantities": json.loads(d["quantities"] or "[]"),
            "entities": json.loads(d["entities"] or "[]"),
            "text": d["text"],
            "content_hash": d["content_hash"],
            "lang": d["lang"],
            "origin": d["origin"],
            "added_at": _iso(d["added_at"]),
        }

    # -- ingest bookkeeping ----------------------------------------------
    def status(self) -> dict[str, int]:
        """Counts: stored documents and events, and ingest-log rows by status (``inputs`` = all rows)."""
        with self._connect() as con:
            documents = con.execute("SELECT count(*) FROM documents").fetchone()[0]
            events = con.execute("SELECT count(*) FROM events").fetchone()[0]
            by_status = dict(con.execute("SELECT status, count(*) FROM ingest_log GROUP BY status").fetchall())
        counts = {"documents": documents, "events": events}
        counts.update({s: by_status.get(s, 0) for s in LOG_STATUSES})
        counts["inputs"] = sum(by_status.values())
        return counts

    def ingest_log(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Ingest-log rows, oldest first (the last ``limit`` rows when given)."""
        sql = "SELECT seq, logged_at, input, status, reason, events, doc_id FROM ingest_log ORDER BY seq"
        params: list[Any] = []
        if limit is not None:
            sql = f"SELECT * FROM ({sql} DESC LIMIT ?) ORDER BY seq"
            params.append(int(limit))
        with self._connect() as con:
            rows = _rows(con.execute(sql, params))
        for row in rows:
            row["logged_at"] = _iso(row["logged_at"])
        return rows

    # -- aggregates -------------------------------------------------------
    def dyad_timeseries(self, a: str, b: str, interval: str = "day") -> list[dict[str, Any]]:
        """Events between actor prefixes a and b per period, direction and quad class.

        Rows: ``{"period", "source", "target", "quad_class", "events", "goldstein"}``
        where source/target are ``a``/``b`` (a->b) or ``b``/``a`` (b->a) and goldstein
        is the sum of Goldstein scores. Periods start on their first day (ISO date).
        """
        if interval not in INTERVALS:
            raise ValueError(f"interval={interval!r}: expected one of {', '.join(INTERVALS)}")
        a, b = _actor_prefix("a", a), _actor_prefix("b", b)
        sql = f"""
            SELECT date_trunc('{interval}', event_day)::DATE AS period,
                   CASE WHEN starts_with(source_code, $a) AND starts_with(target_code, $b) THEN $a ELSE $b END AS source,
                   CASE WHEN starts_with(source_code, $a) AND starts_with(target_code, $b) THEN $b ELSE $a END AS target,
                   quad_class, count(*) AS events, sum(goldstein) AS goldstein
            FROM events
            WHERE event_day IS NOT NULL
              AND ((starts_with(source_code, $a) AND starts_with(target_code, $b))
                OR (starts_with(source_code, $b) AND starts_with(target_code, $a)))
            GROUP BY ALL ORDER BY period, source, quad_class"""
        with self._connect() as con:
            rows = _rows(con.execute(sql, {"a": a, "b": b}))
        for row in rows:
            row["period"] = _iso(row["period"])
        return rows

    def top_actors(self, limit: int = 20) -> list[dict[str, Any]]:
        """Actor codes by number of event mentions (as source or target)."""
        with self._connect() as con:
            rows = _rows(con.execute(
                "SELECT code, mentions AS events, as_source, as_target, name, country, first_seen, last_seen "
                "FROM actors ORDER BY mentions DESC, code LIMIT ?", [int(limit)]))
        for row in rows:
            row["first_seen"], row["last_seen"] = _iso(row["first_seen"]), _iso(row["last_seen"])
        return rows

    def network(self, limit: int = 200) -> dict[str, list[dict[str, Any]]]:
        """The ``limit`` heaviest directed source->target edges and the actors they join.

        Edges: ``{"source", "target", "events", "goldstein"}`` (goldstein = mean score);
        nodes: ``{"id", "events"}`` with events = all events the actor takes part in.
        """
        with self._connect() as con:
            edges = _rows(con.execute(
                "SELECT source_code AS source, target_code AS target, count(*) AS events, "
                "avg(goldstein) AS goldstein FROM events WHERE target_code IS NOT NULL "
                "GROUP BY ALL ORDER BY events DESC, source, target LIMIT ?", [int(limit)]))
            ids = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
            nodes = _rows(con.execute(
                "SELECT code AS id, mentions AS events FROM actors WHERE list_contains(?, code) "
                "ORDER BY mentions DESC, code", [ids])) if ids else []
        return {"nodes": nodes, "edges": edges}

    # -- exports ----------------------------------------------------------
    def export(self, fmt: str, output: str | Path, **filters: Any) -> int:
        """Write the (filtered) events or documents to ``output``; returns rows written.

        fmt: jsonl, csv, parquet (events), gdelt (GDELT 2.0 events), gdelt-mentions,
        gkg (GDELT GKG 2.1, one row per document).
        """
        from tacitus.store import export_gdelt, export_gkg, export_tabular

        writers = {
            "jsonl": export_tabular.write_jsonl,
            "csv": export_tabular.write_csv,
            "parquet": export_tabular.write_parquet_file,
            "gdelt": export_gdelt.write_events,
            "gdelt-mentions": export_gdelt.write_mentions,
            "gkg": export_gkg.write_gkg,
        }
        if fmt not in writers:
            raise ValueError(f"export format {fmt!r}: expected one of {', '.join(writers)}")
        output = Path(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as con:
            return writers[fmt](con, output, **filters)

    def write_parquet(self, directory: str | Path, partition_by: str | None = "published", **filters: Any) -> int:
        """Events as Parquet in ``EVENT_COLUMNS`` form, hive-partitioned by ``partition_by``."""
        from tacitus.store.export_tabular import write_parquet_dir

        with self._connect() as con:
            return write_parquet_dir(con, Path(directory), partition_by, **filters)
