"""Which feed items ``tacitus watch`` has already handled, kept in the store across restarts.

``feed_items(feed, item_key)``: ``feed`` is the path or URL as given, ``item_key`` the
item's guid, else its link, else the hash id of its text (the Article's ``doc_id``).
An item is marked only after its outcome was committed with its batch, so a watcher
stopped or killed in between reads the item again and the store's duplicate checks
keep it from being stored twice.
"""
from __future__ import annotations

FEED_ITEMS_DDL = """CREATE TABLE IF NOT EXISTS feed_items (
    feed VARCHAR NOT NULL,
    item_key VARCHAR NOT NULL,
    status VARCHAR,
    doc_id VARCHAR,
    first_seen TIMESTAMP DEFAULT current_timestamp,
    PRIMARY KEY (feed, item_key)
)"""


def ensure_table(store) -> None:
    with store._connect(write=True) as con:
        con.execute(FEED_ITEMS_DDL)


def seen_keys(store, feed: str, keys: list[str]) -> set[str]:
    """The ``keys`` of ``feed`` already handled."""
    if not keys:
        return set()
    with store._connect() as con:
        rows = con.execute(
            "SELECT item_key FROM feed_items WHERE feed = ? AND list_contains(?, item_key)", [feed, list(keys)]
        ).fetchall()
    return {r[0] for r in rows}


def mark_seen(store, feed: str, items: list[tuple[str, str, str | None]]) -> int:
    """Record ``(item_key, status, doc_id)`` of ``feed`` as handled; returns how many were new."""
    if not items:
        return 0
    with store._connect(write=True) as con:
        before = con.execute("SELECT count(*) FROM feed_items").fetchone()[0]
        con.executemany(
            "INSERT OR IGNORE INTO feed_items (feed, item_key, status, doc_id) VALUES (?, ?, ?, ?)",
            [(feed, key, status, doc_id) for key, status, doc_id in items],
        )
        return con.execute("SELECT count(*) FROM feed_items").fetchone()[0] - before


def count_seen(store, feed: str | None = None) -> int:
    with store._connect() as con:
        if feed is None:
            return con.execute("SELECT count(*) FROM feed_items").fetchone()[0]
        return con.execute("SELECT count(*) FROM feed_items WHERE feed = ?", [feed]).fetchone()[0]
