"""Event clusters in the store: ``event_clusters`` (one row per real-world event) and
``event_mentions`` (one row per coded event, naming its cluster), rebuilt from ``events``.

The rules are those of ``tacitus.clusters`` (read its module doc). ``rebuild_clusters``
lets DuckDB do the bulk of the work: it finds the (dyad, root, negated) groups with more
than one mention in SQL, fetches only those mentions' date/place columns, assigns them to
clusters with ``tacitus.clusters.assign_clusters``, and then computes representatives,
ids and counts in SQL. Every other event is a cluster of one. Both tables are replaced in
one transaction.

Counts in ``event_clusters`` (GDELT's meanings):

* ``num_articles``: distinct (document, outlet) pairs. A stored document's outlet is its
  ``source``, else its URL host, else its doc_id; each near-duplicate copy the ingest
  skipped and linked to it (table ``near_duplicates``, when present) adds its own outlet,
  and copies from an outlet already counted for that document count once.
* ``num_sources``: distinct outlets over those pairs.
* ``num_mentions``: each stored mention counted once per (document, outlet) pair of its
  document, so a story reprinted by three outlets gives each of its mentions weight 3.
* ``first_seen``/``last_seen``: earliest and latest publication date of the articles
  (copies included). ``avg_tone``: the mean over the cluster's stored documents of the
  document's tone, else the mean tone of its mentions.

Events added after the last rebuild have no ``event_mentions`` row; the GDELT export
treats them as clusters of one until the next ``rebuild_clusters``.
"""
from __future__ import annotations

import time
from typing import Any

import pyarrow as pa

from tacitus.clusters import LOOSE, PRECISE, UNDATED, PlaceKey, _check_window, cluster_sorted_group

DEFAULT_WINDOW_DAYS = 2

# The article's outlet in SQL, mirroring tacitus.clusters.outlet_of.
_HOST_SQL = "nullif(regexp_replace(regexp_extract(lower({url}), '^[a-z][a-z0-9+.-]*://(?:[^@/]*@)?([^/:?#]+)', 1), '^www\\.', ''), '')"
_OUTLET_SQL = "coalesce(nullif(trim({source}), ''), " + _HOST_SQL + ", {doc_id})"

_GROUP_SQL = (
    "coalesce(left(source_code, 6), ''), coalesce(left(target_code, 6), ''), cameo_root, "
    "coalesce(modality = 'negated', false)"
)

def _has_table(con, name: str) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchall()[0][0])


# Day numbers (days since 1970-01-01) and kinds of tacitus.clusters.date_span, in SQL.
_DAY0 = "DATE '1970-01-01'"
_SPAN_SQL = f"""
SELECT *, CASE WHEN kind = 0 AND end_day IS NOT NULL THEN greatest(first_day, end_day) ELSE last_raw END AS last_day
FROM (
  SELECT event_id, grp, published, doc_id, sentence_index,
         CASE WHEN event_date IS NULL THEN (CASE WHEN published IS NULL THEN {UNDATED} ELSE {PRECISE} END)
              WHEN length(event_date) = 10 THEN {PRECISE}
              WHEN length(event_date) IN (4, 7) THEN {LOOSE} END AS kind,
         CASE WHEN length(event_date) IN (4, 7) THEN event_date END AS period,
         date_diff('day', {_DAY0}, CASE WHEN event_date IS NULL THEN published
              WHEN length(event_date) = 10 THEN try_cast(event_date AS DATE)
              WHEN length(event_date) = 7 THEN try_cast(event_date || '-01' AS DATE)
              WHEN length(event_date) = 4 THEN try_cast(event_date || '-01-01' AS DATE) END) AS first_day,
         date_diff('day', {_DAY0}, CASE WHEN event_date IS NULL THEN published
              WHEN length(event_date) = 10 THEN try_cast(event_date AS DATE)
              WHEN length(event_date) = 7 THEN last_day(try_cast(event_date || '-01' AS DATE))
              WHEN length(event_date) = 4 THEN try_cast(event_date || '-12-31' AS DATE) END) AS last_raw,
         CASE WHEN length(event_date_end) = 10
              THEN date_diff('day', {_DAY0}, try_cast(event_date_end AS DATE)) END AS end_day,
         event_date, lower(trim(location_name)) AS place_name, location_country, location_precision,
         location_geonames_id
  FROM (SELECT *, dense_rank() OVER (ORDER BY {_GROUP_SQL}) AS grp,
               count(*) OVER (PARTITION BY {_GROUP_SQL}) AS n FROM events)
  WHERE n > 1)
ORDER BY grp, kind, first_day, last_day, coalesce(strftime(published, '%Y-%m-%d'), '9999'), doc_id,
         coalesce(sentence_index, 0), event_id"""


def _cluster_keys(con, window_days: int) -> pa.Table:
    """(event_id, cluster_key) for mentions in groups of two or more; cluster_key is its first mention's id."""
    _check_window(window_days)
    table = con.sql(_SPAN_SQL).to_arrow_table()
    col = {name: table.column(name).to_pylist() for name in (
        "event_id", "grp", "kind", "first_day", "last_day", "period", "place_name", "location_country",
        "location_precision", "location_geonames_id", "event_date")}
    ids, grps, kinds, firsts = col["event_id"], col["grp"], col["kind"], col["first_day"]
    for i, kind in enumerate(kinds):
        if kind is None or (kind != UNDATED and firsts[i] is None):
            raise ValueError(f"event {ids[i]!r}: event_date {col['event_date'][i]!r}: "
                             "expected YYYY-MM-DD, YYYY-MM or YYYY")
    places = [None if name is None else PlaceKey(name, country, precision, gid) for name, country, precision, gid
              in zip(col["place_name"], col["location_country"], col["location_precision"],
                     col["location_geonames_id"])]
    keys: list[str] = [""] * len(ids)
    start = 0
    while start < len(ids):
        end = start
        while end < len(ids) and grps[end] == grps[start]:
            end += 1
        numbers = cluster_sorted_group(kinds[start:end], firsts[start:end], col["last_day"][start:end],
                                       col["period"][start:end], places[start:end], window_days)
        for offset, n in enumerate(numbers):
            keys[start + offset] = ids[start + n]
        start = end
    return pa.table({"event_id": pa.array(ids, pa.string()), "cluster_key": pa.array(keys, pa.string())})


def _units_sql(con) -> str:
    """(doc_id, outlet, published) of every stored document and of its linked near-duplicate copies."""
    own = (f"SELECT e.doc_id, {_OUTLET_SQL.format(source='d.source', url='d.url', doc_id='e.doc_id')} AS outlet, "
           "coalesce(d.published, e.published) AS published "
           "FROM (SELECT doc_id, min(published) AS published FROM events GROUP BY doc_id) e "
           "LEFT JOIN documents d USING (doc_id)")
    if not _has_table(con, "near_duplicates"):
        return own
    copies = (f"SELECT n.original_id, {_OUTLET_SQL.format(source='n.source', url='n.url', doc_id='coalesce(n.copy_id, n.copy_hash)')}, "
              "n.published FROM near_duplicates n")
    return f"{own} UNION ALL {copies}"


def rebuild_clusters(store, window_days: int = DEFAULT_WINDOW_DAYS) -> dict[str, Any]:
    """(Re)build ``event_clusters`` and ``event_mentions`` from all stored events.

    Returns ``{"events", "clusters", "merged" (clusters of 2+ mentions), "seconds"}``.
    """
    started = time.perf_counter()
    with store._connect(write=True) as con:
        keys = _cluster_keys(con, window_days)
        units = _units_sql(con)
        outlet = _OUTLET_SQL.format(source="d.source", url="d.url", doc_id="e.doc_id")
        con.register("_cluster_keys", keys)
        con.begin()
        try:
            con.execute(f"""
CREATE OR REPLACE TEMP TABLE _mention_base AS
SELECT e.event_id, coalesce(k.cluster_key, e.event_id) AS cluster_key, e.doc_id, e.sentence_index,
       e.sentence, e.char_start, e.char_end, e.cameo, e.confidence, e.published, e.tone, e.event_day,
       d.tone AS doc_tone, {outlet} AS outlet,
       struct_pack(spec := -length(coalesce(e.cameo, '')), conf := -coalesce(e.confidence, 0),
                   pub := coalesce(strftime(e.published, '%Y-%m-%d'), '9999'), doc := e.doc_id,
                   sent := coalesce(e.sentence_index, 0), id := e.event_id) AS rep_rank
FROM events e LEFT JOIN _cluster_keys k USING (event_id) LEFT JOIN documents d USING (doc_id)""")
            con.execute("""
CREATE OR REPLACE TEMP TABLE _reps AS
SELECT cluster_key, arg_min(event_id, rep_rank) AS representative_event_id
FROM _mention_base GROUP BY cluster_key""")
            con.execute("""
CREATE OR REPLACE TABLE event_mentions AS
SELECT (('0x' || left(sha256(r.representative_event_id), 16))::UBIGINT >> 11)::BIGINT AS cluster_id,
       m.event_id, m.doc_id, m.sentence_index, m.sentence, m.char_start, m.char_end, m.outlet,
       m.published, m.confidence, m.tone, m.event_id = r.representative_event_id AS is_representative
FROM _mention_base m JOIN _reps r USING (cluster_key)
ORDER BY cluster_id, m.published, m.doc_id, m.sentence_index, m.event_id""")
            con.execute(f"""
CREATE OR REPLACE TABLE event_clusters AS
WITH units AS (SELECT DISTINCT * FROM ({units}) u(doc_id, outlet, published)),
docs AS (SELECT cluster_key, doc_id, any_value(doc_tone) AS doc_tone, avg(tone) AS mention_tone,
                count(*) AS mentions
         FROM _mention_base GROUP BY cluster_key, doc_id),
doc_units AS (SELECT doc_id, count(DISTINCT outlet) AS n_units FROM units GROUP BY doc_id),
unit_stats AS (SELECT d.cluster_key, count(DISTINCT (u.doc_id, u.outlet)) AS num_articles,
                      count(DISTINCT u.outlet) AS num_sources, min(u.published) AS first_seen,
                      max(u.published) AS last_seen
               FROM docs d JOIN units u USING (doc_id) GROUP BY d.cluster_key),
doc_stats AS (SELECT d.cluster_key, sum(d.mentions * coalesce(n.n_units, 1))::BIGINT AS num_mentions,
                     avg(coalesce(d.doc_tone, d.mention_tone)) AS avg_tone
              FROM docs d LEFT JOIN doc_units n USING (doc_id) GROUP BY d.cluster_key),
spans AS (SELECT cluster_key, count(*) AS stored_mentions, min(event_day) AS first_event_day,
                 max(event_day) AS last_event_day
          FROM _mention_base GROUP BY cluster_key)
SELECT (('0x' || left(sha256(r.representative_event_id), 16))::UBIGINT >> 11)::BIGINT AS cluster_id,
       r.representative_event_id, left(e.source_code, 6) AS source_key, left(e.target_code, 6) AS target_key,
       e.cameo_root, e.cameo, s.first_event_day, s.last_event_day, s.stored_mentions,
       ds.num_mentions, us.num_sources, us.num_articles, us.first_seen, us.last_seen, ds.avg_tone,
       {int(window_days)} AS window_days
FROM _reps r JOIN events e ON e.event_id = r.representative_event_id
JOIN spans s USING (cluster_key) JOIN doc_stats ds USING (cluster_key) JOIN unit_stats us USING (cluster_key)""")
            counts = con.execute(
                "SELECT count(*), count(*) FILTER (WHERE stored_mentions > 1), coalesce(sum(stored_mentions), 0) "
                "FROM event_clusters").fetchall()[0]
            con.execute("DROP TABLE _mention_base")
            con.execute("DROP TABLE _reps")
            con.commit()
        except BaseException:
            con.rollback()
            raise
        finally:
            con.unregister("_cluster_keys")
    return {"events": int(counts[2]), "clusters": counts[0], "merged": counts[1],
            "seconds": round(time.perf_counter() - started, 3)}


def _rows(cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def cluster_of(store, event_id: str) -> dict[str, Any] | None:
    """The ``event_clusters`` row of the cluster holding ``event_id`` (None if unclustered or unknown)."""
    with store._connect() as con:
        if not _has_table(con, "event_clusters"):
            return None
        rows = _rows(con.execute(
            "SELECT c.* FROM event_clusters c JOIN event_mentions m USING (cluster_id) WHERE m.event_id = ?",
            [event_id]))
    return rows[0] if rows else None


def mentions_of(store, cluster_id: int) -> list[dict[str, Any]]:
    """The ``event_mentions`` rows of a cluster (event_id, doc_id, sentence, offsets, outlet...), earliest first."""
    with store._connect() as con:
        if not _has_table(con, "event_mentions"):
            return []
        return _rows(con.execute(
            "SELECT * FROM event_mentions WHERE cluster_id = ? "
            "ORDER BY published, doc_id, sentence_index, event_id", [int(cluster_id)]))


def gdelt_join(con, kind: str) -> tuple[str, str, str]:
    """(extra select columns, extra join, extra where) for the GDELT export over ``events e``.

    kind ``events``: one row per cluster (its representative; events added since the last
    rebuild stand alone) with ``global_event_id``, ``num_mentions``, ``num_sources``,
    ``num_articles`` and ``avg_tone``. kind ``mentions``: every event, with its cluster's
    ``global_event_id``. Empty strings when the store has no clusters.
    """
    if not _has_table(con, "event_mentions") or not _has_table(con, "event_clusters"):
        return "", "", ""
    if kind == "mentions":
        return (", cm.cluster_id AS global_event_id",
                "LEFT JOIN event_mentions cm ON cm.event_id = e.event_id", "")
    if kind == "events":
        return (", cc.cluster_id AS global_event_id, cc.num_mentions, cc.num_sources, cc.num_articles, "
                "cc.avg_tone",
                "LEFT JOIN event_mentions cm ON cm.event_id = e.event_id "
                "LEFT JOIN event_clusters cc ON cc.cluster_id = cm.cluster_id",
                "cm.event_id IS NULL OR cm.is_representative")
    raise ValueError(f"kind={kind!r}: expected 'events' or 'mentions'")
