"""Near-duplicate stories in the store: each coded document's MinHash signature, and the
copies that were skipped because they near-duplicate a stored document.

Two tables beside the store's own (created with ``CREATE TABLE IF NOT EXISTS`` on the
store's connection, so any store file gains them on its first ingest):

* ``doc_signatures(doc_id, signature)``: the ``NearDuplicateIndex.signature`` of every
  coded document, so a later run rebuilds the index and still catches copies.
* ``near_duplicates``: one row per skipped copy, keyed by the copy's content hash (a
  re-run links the same copy again without adding a row), naming the document it
  belongs to (``original_id``), its estimated similarity and its own source/url/title.

The view ``document_copies`` gives every stored document its number of copies
(1 + linked near-duplicates) and the copies' sources: weight event counts by it to
count how widely a story ran, or ignore it to count each story once.

Writes here are separate transactions from ``Store.add_batch``; ``ingest`` writes the
batch first and these rows after it, and repairs a crash between the two on its next
start (``missing_signatures`` recomputes them from the stored text; the copies are
linked again when they are read again).
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

DUPLICATES_DDL = [
    """CREATE TABLE IF NOT EXISTS doc_signatures (
    doc_id VARCHAR PRIMARY KEY,
    signature BLOB NOT NULL
)""",
    """CREATE TABLE IF NOT EXISTS near_duplicates (
    copy_hash VARCHAR PRIMARY KEY,
    copy_id VARCHAR,
    original_id VARCHAR NOT NULL,
    similarity DOUBLE,
    input VARCHAR,
    title VARCHAR,
    url VARCHAR,
    source VARCHAR,
    published DATE,
    linked_at TIMESTAMP DEFAULT current_timestamp
)""",
    """CREATE OR REPLACE VIEW document_copies AS
SELECT d.doc_id, d.source,
       1 + count(n.copy_hash) AS copies,
       list(n.source) FILTER (WHERE n.source IS NOT NULL) AS copy_sources
FROM documents d LEFT JOIN near_duplicates n ON n.original_id = d.doc_id
GROUP BY d.doc_id, d.source""",
]


def ensure_tables(store) -> None:
    """Create the near-duplicate tables and view in a writable store (idempotent)."""
    with store._connect(write=True) as con:
        for statement in DUPLICATES_DDL:
            con.execute(statement)


def _has_table(con, name: str) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
    ).fetchone()[0])


def missing_signatures(store) -> Iterator[tuple[str, str]]:
    """``(doc_id, text)`` of stored documents without a signature (after a crash, or older stores)."""
    with store._connect() as con:
        rows = con.execute(
            "SELECT d.doc_id, d.text FROM documents d ANTI JOIN doc_signatures s ON s.doc_id = d.doc_id"
        ).fetchall()
    yield from rows


def load_signatures(store) -> Iterator[tuple[str, bytes]]:
    """``(doc_id, signature)`` of stored documents (signatures of documents never stored are left out)."""
    with store._connect() as con:
        if not _has_table(con, "doc_signatures"):
            return
        rows = con.execute(
            "SELECT s.doc_id, s.signature FROM doc_signatures s SEMI JOIN documents d ON d.doc_id = s.doc_id "
            "ORDER BY s.doc_id"
        ).fetchall()
    yield from rows


def save_signatures(store, pairs: list[tuple[str, bytes]]) -> int:
    """Store ``(doc_id, signature)`` pairs; pairs already stored are left as they are."""
    pairs = [(d, s) for d, s in pairs if s]
    if not pairs:
        return 0
    with store._connect(write=True) as con:
        before = con.execute("SELECT count(*) FROM doc_signatures").fetchone()[0]
        con.executemany("INSERT OR IGNORE INTO doc_signatures VALUES (?, ?)", pairs)
        return con.execute("SELECT count(*) FROM doc_signatures").fetchone()[0] - before


_LINK_COLUMNS = ("copy_hash", "copy_id", "original_id", "similarity", "input", "title", "url", "source", "published")


def link_near_duplicates(store, links: list[dict[str, Any]]) -> int:
    """Record skipped copies (dicts with ``_LINK_COLUMNS`` keys); a copy already linked is kept as it is."""
    if not links:
        return 0
    rows = [tuple(link.get(c) for c in _LINK_COLUMNS) for link in links]
    placeholders = ", ".join("?" for _ in _LINK_COLUMNS)
    with store._connect(write=True) as con:
        before = con.execute("SELECT count(*) FROM near_duplicates").fetchone()[0]
        con.executemany(
            f"INSERT OR IGNORE INTO near_duplicates ({', '.join(_LINK_COLUMNS)}) VALUES ({placeholders})", rows
        )
        return con.execute("SELECT count(*) FROM near_duplicates").fetchone()[0] - before


def near_duplicate_counts(store) -> dict[str, int]:
    """``{"near_duplicates": copies linked, "with_copies": documents that have at least one}``."""
    with store._connect() as con:
        if not _has_table(con, "near_duplicates"):
            return {"near_duplicates": 0, "with_copies": 0}
        copies, originals = con.execute(
            "SELECT count(*), count(DISTINCT original_id) FROM near_duplicates"
        ).fetchone()
    return {"near_duplicates": copies, "with_copies": originals}


def near_duplicates_of(store, doc_id: str) -> list[dict[str, Any]]:
    """The copies linked to ``doc_id``, oldest link first."""
    with store._connect() as con:
        if not _has_table(con, "near_duplicates"):
            return []
        cursor = con.execute(
            f"SELECT {', '.join(_LINK_COLUMNS)} FROM near_duplicates WHERE original_id = ? ORDER BY linked_at, copy_id",
            [doc_id],
        )
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def copies_per_document(store) -> dict[str, int]:
    """``{doc_id: copies}`` for every stored document (1 + its linked near-duplicates)."""
    with store._connect() as con:
        if not _has_table(con, "near_duplicates"):
            return {d: 1 for (d,) in con.execute("SELECT doc_id FROM documents").fetchall()}
        return dict(con.execute("SELECT doc_id, copies FROM document_copies").fetchall())
