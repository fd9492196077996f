"""The quote search's word index, kept in SQLite: every normalised word of the statements and the sorted
ids of the statements that hold it (tables ``search_words`` and ``search_postings``, in chunks so an import
appends to a common word's list without rewriting it).

Triggers on ``statements`` queue every insert, change and delete in ``search_pending``; ``refresh`` applies
the queue (after each import, and when a search index is opened), so the index follows whoever writes
statements. ``rebuild_index`` builds it from scratch (also what ``refresh`` does when most is new).
"""
from __future__ import annotations

import re
import sqlite3
import unicodedata
from bisect import bisect_right
from collections import defaultdict

import numpy as np
import sqlite_utils

WORD = re.compile(r"\w+")  # a word: what the index keys and a query matches
CHUNK = 4096  # statement ids per stored postings chunk


def normalise(text: str) -> str:
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def tokens(text: str) -> list[str]:
    return WORD.findall(normalise(text))


def _pack(ids) -> bytes:
    return np.asarray(ids, dtype="<u4").tobytes()


def rebuild_index(db: sqlite_utils.Database) -> int:
    """Build the word index from every statement; returns the vocabulary size."""
    # Changes queued from here on stay queued for refresh (applying one twice does no harm).
    queued = db.conn.execute("SELECT coalesce(max(seq), 0) FROM search_pending").fetchone()[0]
    unsorted: dict[str, list[int]] = defaultdict(list)
    for sid, text in db.conn.execute("SELECT id, text FROM statements ORDER BY id"):
        for word in set(tokens(text)):
            unsorted[word].append(sid)
    postings = {word: unsorted[word] for word in sorted(unsorted)}  # ids in word order: opening is quicker
    conn = db.conn
    with conn:
        conn.execute("DELETE FROM search_pending WHERE seq <= ?", [queued])
        conn.execute("DELETE FROM search_postings")
        conn.execute("DELETE FROM search_words")
        conn.executemany("INSERT INTO search_words (id, word, df) VALUES (?, ?, ?)",
                         ((wid, word, len(ids)) for wid, (word, ids) in enumerate(postings.items(), 1)))
        conn.executemany(
            "INSERT INTO search_postings (word_id, first_id, ids) VALUES (?, ?, ?)",
            ((wid, ids[i], _pack(ids[i:i + CHUNK]))
             for wid, ids in enumerate(postings.values(), 1) for i in range(0, len(ids), CHUNK)))
    return len(postings)


def refresh(db: sqlite_utils.Database) -> int:
    """Apply the statements written or deleted since the last refresh; returns how many changes."""
    conn = db.conn
    pending = conn.execute("SELECT count(*) FROM search_pending").fetchone()[0]
    if not pending:
        return 0
    statements = conn.execute("SELECT coalesce(max(id), 0) FROM statements").fetchone()[0]
    if pending > max(50_000, statements // 4) or not conn.execute("SELECT 1 FROM search_words LIMIT 1").fetchone():
        rebuild_index(db)
        return pending
    with conn:
        if not conn.in_transaction:  # read the queue under the write lock: two refreshes take turns
            conn.execute("BEGIN IMMEDIATE")
        rows = conn.execute("SELECT seq, statement_id, old_text FROM search_pending ORDER BY seq").fetchall()
        if not rows:  # another connection applied them meanwhile
            return 0
        current = {}
        added = list({sid for _, sid, old_text in rows if old_text is None})
        for at in range(0, len(added), 500):
            batch = added[at:at + 500]
            current.update(conn.execute(
                f"SELECT id, text FROM statements WHERE id IN ({','.join('?' * len(batch))})", batch))
        # The last change to a (word, statement) pair wins: an insert reads the statement's current text,
        # a delete the text it had, so any order of inserts, updates and deletes ends right.
        changes: dict[str, dict[int, bool]] = defaultdict(dict)
        for _, sid, old_text in rows:
            text, add = (old_text, False) if old_text is not None else (current.get(sid), True)
            for word in set(tokens(text)) if text is not None else ():
                changes[word][sid] = add
        words = list(changes)
        known: dict[str, tuple[int, int]] = {}
        last_chunks: dict[int, tuple[int, bytes]] = {}
        for at in range(0, len(words), 500):
            batch = words[at:at + 500]
            found = conn.execute(
                f"SELECT word, id, df FROM search_words WHERE word IN ({','.join('?' * len(batch))})", batch
            ).fetchall()
            known.update((w, (i, df)) for w, i, df in found)
            ids = [i for _, i, _ in found]
            last_chunks.update((wid, (first, blob)) for wid, first, blob in conn.execute(
                "SELECT p.word_id, p.first_id, p.ids FROM search_postings p JOIN (SELECT word_id, max(first_id) "
                f"AS first FROM search_postings WHERE word_id IN ({','.join('?' * len(ids))}) GROUP BY word_id) "
                "m ON p.word_id = m.word_id AND p.first_id = m.first", ids))
        chunks: list[tuple[int, int, bytes]] = []
        counts: list[tuple[int, int]] = []
        for word, ops in changes.items():
            adds = np.array(sorted(sid for sid, add in ops.items() if add), dtype=np.uint32)
            removes = np.array(sorted(sid for sid, add in ops.items() if not add), dtype=np.uint32)
            if word in known:
                wid, df = known[word]
            elif len(adds):
                wid, df = conn.execute("INSERT INTO search_words (word, df) VALUES (?, 0)", [word]).lastrowid, 0
            else:
                continue
            last = last_chunks.get(wid)
            tail = np.frombuffer(last[1], dtype="<u4") if last else np.zeros(0, dtype=np.uint32)
            if not len(removes) and (not len(tail) or adds[0] > tail[-1]):
                # New statements have the largest ids: they go at the end of the last chunk (which keeps
                # its key, so the first row written replaces it).
                chunks += _chunks(wid, np.concatenate([tail, adds]))
                df += len(adds)
            else:
                df += _rewrite(conn, wid, adds.tolist(), removes.tolist(), set(ops))
            counts.append((df, wid))
        conn.executemany("INSERT OR REPLACE INTO search_postings (word_id, first_id, ids) VALUES (?, ?, ?)", chunks)
        conn.executemany("UPDATE search_words SET df = ? WHERE id = ?", counts)
        conn.execute("DELETE FROM search_pending WHERE seq <= ?", [rows[-1][0]])
    return len(rows)


def _chunks(wid: int, ids: np.ndarray) -> list[tuple[int, int, bytes]]:
    return [(wid, int(ids[i]), _pack(ids[i:i + CHUNK])) for i in range(0, len(ids), CHUNK)]


def _rewrite(conn: sqlite3.Connection, wid: int, adds: list[int], removes: list[int], touched_ids: set[int]) -> int:
    """Add and remove ids anywhere in a word's chunks (a statement deleted, or an id used again);
    returns the change in the word's statement count."""
    firsts = [r[0] for r in conn.execute(
        "SELECT first_id FROM search_postings WHERE word_id = ? ORDER BY first_id", [wid])]
    if not firsts:
        conn.executemany("INSERT INTO search_postings (word_id, first_id, ids) VALUES (?, ?, ?)",
                         _chunks(wid, np.array(adds, dtype=np.uint32)))
        return len(adds)
    # An id belongs to the last chunk starting at or before it (the first chunk for smaller ones).
    touched = sorted({firsts[max(0, bisect_right(firsts, sid) - 1)] for sid in touched_ids})
    change = 0
    for n, first in enumerate(touched):
        blob = conn.execute("SELECT ids FROM search_postings WHERE word_id = ? AND first_id = ?",
                            [wid, first]).fetchone()[0]
        conn.execute("DELETE FROM search_postings WHERE word_id = ? AND first_id = ?", [wid, first])
        ids = set(np.frombuffer(blob, dtype="<u4").tolist())
        before = len(ids)
        low = first if n else 0
        high = touched[n + 1] if n + 1 < len(touched) else 1 << 32
        ids |= {i for i in adds if low <= i < high}
        ids -= {i for i in removes if low <= i < high}
        change += len(ids) - before
        conn.executemany("INSERT INTO search_postings (word_id, first_id, ids) VALUES (?, ?, ?)",
                         _chunks(wid, np.array(sorted(ids), dtype=np.uint32)))
    return change
