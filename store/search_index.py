"""The quote search's word index, kept in SQLite: every normalised word of the statements and the sorted
ids of the statements that hold it (tables ``search_words`` and ``search_postings``, in chunks so an import
appends to a common word's list without rewriting it). Beside each id, the word's places in that statement,
one bit per place modulo 16: enough to tell that two query words stand next to each other, in order, without
reading the text ("said at is" among the thousands of quotes holding all three words).

Triggers on ``statements`` queue every insert, change and delete in ``search_pending``; ``refresh`` applies
the queue (after each import, and when a search index is opened), so the index follows whoever writes
statements. ``rebuild_index`` builds it from scratch (also what ``refresh`` does when most is new).
"""
from __future__ import annotations

import re
import sqlite3
import unicodedata
from array import array
from bisect import bisect_right
from collections import defaultdict

import numpy as np
import sqlite_utils

WORD = re.compile(r"\w+")  # a word: what the index keys and a query matches
CHUNK = 4096  # statement ids per stored postings chunk
PLACES = 16  # a word's places in a statement are kept modulo this, one bit each (a little-endian uint16)
PLACE_BITS = np.dtype("<u2")


def normalise(text: str) -> str:
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def tokens(text: str) -> list[str]:
    return WORD.findall(normalise(text))


def places(text: str) -> dict[str, int]:
    """Each word of the text, with the bits of the places it stands at (modulo PLACES)."""
    found: dict[str, int] = {}
    for at, word in enumerate(tokens(text)):
        found[word] = found.get(word, 0) | 1 << at % PLACES
    return found


def _pack(ids) -> bytes:
    return np.asarray(ids, dtype="<u4").tobytes()


def _pack_places(bits) -> bytes:
    return np.asarray(bits, dtype=PLACE_BITS).tobytes()


def rebuild_index(db: sqlite_utils.Database) -> int:
    """Build the word index from every statement; returns the vocabulary size."""
    # Changes queued from here on stay queued for refresh (applying one twice does no harm).
    queued = db.conn.execute("SELECT coalesce(max(seq), 0) FROM search_pending").fetchone()[0]
    unsorted: dict[str, tuple[array, array]] = {}  # word -> (statement ids, places in each)
    for sid, text in db.conn.execute("SELECT id, text FROM statements ORDER BY id"):
        for word, bits in places(text).items():
            held = unsorted.get(word)
            if held is None:
                held = unsorted[word] = (array("I"), array("H"))
            held[0].append(sid)
            held[1].append(bits)
    postings = {word: unsorted[word] for word in sorted(unsorted)}  # ids in word order: opening is quicker
    conn = db.conn
    with conn:
        conn.execute("DELETE FROM search_pending WHERE seq <= ?", [queued])
        conn.execute("DELETE FROM search_postings")
        conn.execute("DELETE FROM search_words")
        conn.executemany("INSERT INTO search_words (id, word, df) VALUES (?, ?, ?)",
                         ((wid, word, len(ids)) for wid, (word, (ids, _)) in enumerate(postings.items(), 1)))
        conn.executemany(
            "INSERT INTO search_postings (word_id, first_id, ids, places) VALUES (?, ?, ?, ?)",
            ((wid, ids[i], _pack(ids[i:i + CHUNK]), _pack_places(bits[i:i + CHUNK]))
             for wid, (ids, bits) in enumerate(postings.values(), 1) for i in range(0, len(ids), CHUNK)))
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
        # a delete the text it had, so any order of inserts, updates and deletes ends right. A change is the
        # word's places in the statement, or 0 for a removal.
        changes: dict[str, dict[int, int]] = defaultdict(dict)
        for _, sid, old_text in rows:
            if old_text is not None:
                for word in set(tokens(old_text)):
                    changes[word][sid] = 0
            elif current.get(sid) is not None:
                for word, bits in places(current[sid]).items():
                    changes[word][sid] = bits
        words = list(changes)
        known: dict[str, tuple[int, int]] = {}
        last_chunks: dict[int, tuple[bytes, bytes]] = {}
        for at in range(0, len(words), 500):
            batch = words[at:at + 500]
            found = conn.execute(
                f"SELECT word, id, df FROM search_words WHERE word IN ({','.join('?' * len(batch))})", batch
            ).fetchall()
            known.update((w, (i, df)) for w, i, df in found)
            ids = [i for _, i, _ in found]
            last_chunks.update((wid, (blob, bits)) for wid, blob, bits in conn.execute(
                "SELECT p.word_id, p.ids, p.places FROM search_postings p JOIN (SELECT word_id, max(first_id) "
                f"AS first FROM search_postings WHERE word_id IN ({','.join('?' * len(ids))}) GROUP BY word_id) "
                "m ON p.word_id = m.word_id AND p.first_id = m.first", ids))
        chunks: list[tuple[int, int, bytes, bytes]] = []
        counts: list[tuple[int, int]] = []
        for word, ops in changes.items():
            added = sorted((sid, bits) for sid, bits in ops.items() if bits)
            adds = np.array([sid for sid, _ in added], dtype=np.uint32)
            removes = [sid for sid, bits in ops.items() if not bits]
            if word in known:
                wid, df = known[word]
            elif len(adds):
                wid, df = conn.execute("INSERT INTO search_words (word, df) VALUES (?, 0)", [word]).lastrowid, 0
            else:
                continue
            last = last_chunks.get(wid)
            tail = np.frombuffer(last[0], dtype="<u4") if last else np.zeros(0, dtype=np.uint32)
            if not removes and (not len(tail) or adds[0] > tail[-1]):
                # New statements have the largest ids: they go at the end of the last chunk (which keeps
                # its key, so the first row written replaces it).
                tail_bits = np.frombuffer(last[1], dtype=PLACE_BITS) if last else np.zeros(0, dtype=PLACE_BITS)
                chunks += _chunks(wid, np.concatenate([tail, adds]),
                                  np.concatenate([tail_bits, np.array([b for _, b in added], dtype=PLACE_BITS)]))
                df += len(adds)
            else:
                df += _rewrite(conn, wid, dict(added), removes)
            counts.append((df, wid))
        conn.executemany("INSERT OR REPLACE INTO search_postings (word_id, first_id, ids, places) "
                         "VALUES (?, ?, ?, ?)", chunks)
        conn.executemany("UPDATE search_words SET df = ? WHERE id = ?", counts)
        conn.execute("DELETE FROM search_pending WHERE seq <= ?", [rows[-1][0]])
    return len(rows)


def _chunks(wid: int, ids: np.ndarray, bits: np.ndarray) -> list[tuple[int, int, bytes, bytes]]:
    return [(wid, int(ids[i]), _pack(ids[i:i + CHUNK]), _pack_places(bits[i:i + CHUNK]))
            for i in range(0, len(ids), CHUNK)]


def _rewrite(conn: sqlite3.Connection, wid: int, adds: dict[int, int], removes: list[int]) -> int:
    """Add and remove ids anywhere in a word's chunks (a statement deleted, or an id used again); ``adds``
    maps an id to its places. Returns the change in the word's statement count."""
    firsts = [r[0] for r in conn.execute(
        "SELECT first_id FROM search_postings WHERE word_id = ? ORDER BY first_id", [wid])]
    if not firsts:
        ids = sorted(adds)
        conn.executemany("INSERT INTO search_postings (word_id, first_id, ids, places) VALUES (?, ?, ?, ?)",
                         _chunks(wid, np.array(ids, dtype=np.uint32), np.array([adds[i] for i in ids], dtype=PLACE_BITS)))
        return len(adds)
    # An id belongs to the last chunk starting at or before it (the first chunk for smaller ones).
    touched = sorted({firsts[max(0, bisect_right(firsts, sid) - 1)] for sid in [*adds, *removes]})
    change = 0
    for n, first in enumerate(touched):
        blob, bits = conn.execute("SELECT ids, places FROM search_postings WHERE word_id = ? AND first_id = ?",
                                  [wid, first]).fetchone()
        conn.execute("DELETE FROM search_postings WHERE word_id = ? AND first_id = ?", [wid, first])
        held = dict(zip(np.frombuffer(blob, dtype="<u4").tolist(), np.frombuffer(bits, dtype=PLACE_BITS).tolist()))
        before = len(held)
        low = first if n else 0
        high = touched[n + 1] if n + 1 < len(touched) else 1 << 32
        held.update((i, b) for i, b in adds.items() if low <= i < high)
        for i in removes:
            if low <= i < high:
                held.pop(i, None)
        change += len(held) - before
        ids = sorted(held)
        conn.executemany("INSERT INTO search_postings (word_id, first_id, ids, places) VALUES (?, ?, ?, ?)",
                         _chunks(wid, np.array(ids, dtype=np.uint32), np.array([held[i] for i in ids], dtype=PLACE_BITS)))
    return change
