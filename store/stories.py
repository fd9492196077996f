"""One story, many outlets: near-duplicate documents share ``documents.story_id``, repeated quotes share
``statements.cluster_id``.

Documents. Each body becomes a set of word 3-grams (casefolded, punctuation dropped, so quote marks and
re-wrapped lines do not matter) and a MinHash signature (rensa: measured against datasketch in
benchmarks/minhash_bench.py, ~30x faster signatures, same accuracy, no numpy/scipy). The signature is cut
into LSH bands whose keys are stored in ``story_bands``: a new import finds its candidates among every stored
document with an indexed lookup, so clustering is incremental without keeping an index in memory. Each
candidate is verified on the exact 3-gram sets: a copy whose ending was trimmed is mostly contained in the
longer one, so the test is containment, not Jaccard.

Statements. Quotes are compared on their normalised words: the same quote with other quote marks, with a word
trimmed at either end, or with a few words changed, by speakers whose names are compatible ("Jiang" and
"Jiang Bin") or in copies of one story, joins one cluster. Candidates come from keys stored per quote in
``statement_keys`` (see ``quote_keys``) and from the other copies of its story: an import into a database of
any size reads a handful of stored quotes per new one (measured in benchmarks/store_bench.py).

A cluster's id is the smallest id among its members; singletons carry their own id, so every row can be
grouped by it.
"""
from __future__ import annotations

import gc
import json
import re
import zlib
import unicodedata
from bisect import bisect_left
from collections import Counter, OrderedDict
from contextlib import contextmanager
from itertools import chain
from functools import lru_cache

import numpy as np
import rensa
import sqlite_utils
from rapidfuzz import fuzz

# 42 bands of 3 rows: a pair of documents at Jaccard 0.4 (a copy trimmed to 40%) collides with probability
# 0.94, at 0.5 with 0.996; two unrelated articles (Jaccard ~0.02) with 0.0003, so a new document meets a
# few dozen false candidates in a database of 100,000.
NUM_PERM = 126
BAND_ROWS = 3
SHINGLE = 3
SEED = 1
SCHEME = f"rensa-{rensa.RMinHash.ALGORITHM_VERSION}-{NUM_PERM}x{BAND_ROWS}-w{SHINGLE}-s{SEED}-crc"

MIN_CONTAINMENT = 0.6  # share of the shorter document's 3-grams found in the other
MIN_SHINGLES = 20  # below this a document is too short to call a reprint unless nearly identical
SHORT_DOC_JACCARD = 0.8
PER_BAND = 20  # newest documents read per band key: a band that common is boilerplate or one big story
MAX_VERIFIED = 12  # candidates sharing two bands or more, most shared first
SINGLE_BAND_TRIES = 2  # candidates sharing one band (a copy trimmed to 40% shares one in five cases)
RECENT_GRAMS = 1024  # 3-gram sets of the documents last met, kept for the copies that follow

_WORD = re.compile(r"\w+")


_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


# How the combining marks above begin in UTF-8 (and a few neighbours): a text without any of these byte
# sequences has no mark to drop, found by C substring searches instead of a character-class scan (most
# English news is not ASCII only for its curly quotes and dashes).
_COMBINING_UTF8 = (b"\xcc", b"\xcd", b"\xe1\xaa", b"\xe1\xab", b"\xe1\xb7", b"\xe2\x83", b"\xef\xb8")


# Punctuation that keeps most English news from being ASCII: never part of a word.
_COMMON_NON_ASCII = "“”‘’—–«»„"
# ASCII as the word pattern reads it: letters lower-cased, digits and "_" kept, everything else a space.
_ASCII_WORDS = bytes(c + 32 if 65 <= c <= 90 else c if chr(c).isalnum() or c == 95 else 32 for c in range(128)) \
    + b" " * 128


def normalised_words(text: str) -> list[str]:
    """Words casefolded, accents dropped ("Zürich" and "Zurich" compare equal)."""
    if not text.isascii():
        # Most news is ASCII but for its curly quotes and dashes, which decomposition leaves alone: dropped first,
        # such a text needs neither decomposing nor a search for combining marks.
        plain = text
        for mark in _COMMON_NON_ASCII:
            if mark in plain:
                plain = plain.replace(mark, " ")
        if plain.isascii():
            return plain.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split()
        text = unicodedata.normalize("NFKD", text)
        data = text.encode("utf-8", "surrogatepass")
        if any(lead in data for lead in _COMBINING_UTF8):
            text = _COMBINING.sub("", text)
        for mark in _COMMON_NON_ASCII:
            if mark in text:
                text = text.replace(mark, " ")
        if not text.isascii():
            return _WORD.findall(text.casefold())
    # The same words as the pattern finds, by C string methods (a regex match per word costs ten times more).
    return text.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split()


def shingles(text: str) -> frozenset[str]:
    words = normalised_words(text)
    if len(words) < SHINGLE:
        return frozenset([" ".join(words)] if words else [])
    return frozenset(map(" ".join, zip(*(words[i:] for i in range(SHINGLE)))))


def stable_hash(text: str) -> int:
    """A 64-bit hash that is the same in every process and Python version (two CRC-32s: a few times cheaper
    than a cryptographic digest, and a rare collision only costs one more candidate to verify)."""
    data = text.encode("utf-8", "surrogatepass")
    return (zlib.crc32(data) << 32 | zlib.crc32(data, 0x9E3779B9)) - (1 << 63)


_BAND_NUMBERS = np.arange(1, NUM_PERM // BAND_ROWS + 1, dtype=np.uint64)
_FNV = np.uint64(0x100000001B3)
_SIGN = np.uint64(1 << 63)


def band_keys(grams: set[str]) -> list[int]:
    """The LSH band keys of a 3-gram set: documents sharing one are candidates."""
    if not grams:
        return []
    minhash = rensa.RMinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update(list(grams))  # a MinHash does not depend on the order
    rows = np.array(minhash.digest(), dtype=np.uint64).reshape(-1, BAND_ROWS)
    keys = _BAND_NUMBERS.copy()
    for row in rows.T:
        keys = (keys ^ row) * _FNV  # FNV-style mixing of the band's rows (wrapping at 64 bits)
    # Stored as signed 64-bit integers: the key minus 2**63.
    return (keys ^ _SIGN).view(np.int64).tolist()


def same_story(a: set[str], b: set[str]) -> bool:
    if not a or not b:
        return False
    common = len(a & b)
    if min(len(a), len(b)) < MIN_SHINGLES:
        return common / len(a | b) >= SHORT_DOC_JACCARD
    return common / min(len(a), len(b)) >= MIN_CONTAINMENT


def _body(db: sqlite_utils.Database, doc_id: int) -> str:
    text, body_start = db.execute("SELECT text, body_start FROM documents WHERE id = ?", [doc_id]).fetchone()
    return text[body_start:]


def _check_scheme(db: sqlite_utils.Database) -> None:
    """Band keys from another signature scheme cannot be compared with ours: drop them to be recomputed."""
    row = db.execute("SELECT scheme FROM story_index").fetchone()
    if row and row[0] == SCHEME:
        return
    db.execute("DELETE FROM story_bands")
    db.execute("UPDATE documents SET story_id = NULL")  # every document is clustered again
    db.execute("DELETE FROM story_index")
    db.execute("INSERT INTO story_index (scheme) VALUES (?)", [SCHEME])


CHUNK_DOCUMENTS = 256  # new documents clustered at a time: their 3-gram sets are held meanwhile


def _newest_per_key(db: sqlite_utils.Database, table: str, key: str, item: str, keys: list[int],
                    limit: int) -> dict[int, list[int]]:
    """For each key, the ``limit`` largest item ids stored under it in ``table``, ascending, in one query
    for many keys (a query per document or quote cost more than its other SQL)."""
    held: dict[int, list[int]] = {}
    rows = db.execute(
        f"SELECT {key}, {item} FROM (SELECT {key}, {item}, row_number() OVER "
        f"(PARTITION BY {key} ORDER BY {item} DESC) AS n FROM {table} "
        f"WHERE {key} IN (SELECT value FROM json_each(?))) WHERE n <= ? ORDER BY {key}, {item}",
        [json.dumps(keys), limit])
    for k, i in rows:
        ids = held.get(k)
        if ids is None:
            held[k] = [i]
        else:
            ids.append(i)
    return held


@contextmanager
def _without_cycle_collection():
    """The cycle collector paused: clustering makes many objects that live for a chunk and hold no cycles,
    and each full collection they set off walked every 3-gram set held (a tenth of clustering's time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _add_newest(held: dict[int, list[int]], keys: list[int], item: int) -> None:
    """Hold ``item`` under each of its keys, in id order, once."""
    for k in keys:
        ids = held.get(k)
        if ids is None:
            held[k] = [item]
        elif ids[-1] < item:  # (new items come in id order: the usual case)
            ids.append(item)
        else:
            at = bisect_left(ids, item)
            if ids[at] != item:
                ids.insert(at, item)


def cluster_documents(db: sqlite_utils.Database) -> int:
    """Give every document without a story its band keys and a story; returns how many joined another story.

    New documents are taken in chunks: the stored band keys of all a chunk's keys are read in one query, its
    own are kept in memory while it is clustered and written when it is done (with its stories). Each
    document meets what a lookup of its keys in the table would: the newest PER_BAND documents of each key.
    """
    joined = 0
    recent: OrderedDict[int, frozenset[str]] = OrderedDict()  # candidates recur (copies meet each other)

    def grams(doc_id: int) -> frozenset[str]:
        found = recent.get(doc_id)
        if found is None:
            found = shingles(_body(db, doc_id))
            remember(doc_id, found)
        else:
            recent.move_to_end(doc_id)
        return found

    def remember(doc_id: int, found: frozenset[str]) -> None:
        recent[doc_id] = found
        if len(recent) > RECENT_GRAMS:
            recent.popitem(last=False)

    merged_into: dict[int, int] = {}  # stories this run merged: followed when read

    def current(story: int) -> int:
        while story in merged_into:
            story = merged_into[story]
        return story

    with db.conn, _without_cycle_collection():
        _check_scheme(db)
        after = 0
        while True:
            # A document without a story is new (an index lookup: the stored ones are never read).
            chunk = [(doc_id, shingles(text[body_start:])) for doc_id, text, body_start in db.execute(
                "SELECT id, text, body_start FROM documents WHERE story_id IS NULL AND id > ? ORDER BY id LIMIT ?",
                [after, CHUNK_DOCUMENTS])]
            if not chunk:
                break
            after = chunk[-1][0]
            chunk_keys = [band_keys(own) for _, own in chunk]
            counts = Counter(chain.from_iterable(chunk_keys))
            held = _newest_per_key(db, "story_bands", "band_key", "document_id", list(counts), PER_BAND)
            # Keys another document can meet: stored ones and those two of the chunk share (most are neither).
            shared = held.keys() | {k for k, n in counts.items() if n > 1}
            assigned: dict[int, int] = {}  # this chunk's stories, written when it is done
            for (doc_id, own), keys in zip(chunk, chunk_keys):
                keys = [k for k in keys if k in shared]
                # Shared bands per document, the likeliest copies first; each key's newest first, as a lookup of
                # the table read them (ties keep that order).
                hits = Counter([i for k in keys if k in held for i in reversed(held[k][-PER_BAND:])])
                hits.pop(doc_id, None)
                # A copy shares several bands; one shared band is mostly chance (boilerplate, stock phrases), so
                # only the first few of those are verified: each verification reads and shingles a stored document.
                ranked = [other for other, n in hits.most_common(MAX_VERIFIED) if n > 1]
                ranked += [other for other, n in hits.items() if n == 1][:SINGLE_BAND_TRIES]
                stored = [other for other in ranked if other not in assigned]
                story_of = dict(db.execute(
                    f"SELECT id, story_id FROM documents WHERE id IN ({','.join('?' * len(stored))})", stored)) \
                    if stored else {}
                story_of.update(assigned)
                stories = {doc_id}
                for other in ranked:
                    story = current(story_of.get(other) or other)
                    # One verified copy is enough to join a story.
                    if story not in stories and same_story(own, grams(other)):
                        stories.add(story)
                story_id = min(stories)
                if len(stories) > 1:
                    joined += 1
                    merged = sorted(stories - {doc_id, story_id})
                    if merged:  # this document bridges stories: they become one
                        db.execute(f"UPDATE documents SET story_id = ? WHERE story_id IN "
                                   f"({','.join('?' * len(merged))})", [story_id, *merged])
                        merged_into.update(dict.fromkeys(merged, story_id))
                assigned[doc_id] = story_id
                remember(doc_id, own)
                _add_newest(held, keys, doc_id)
            db.conn.executemany("UPDATE documents SET story_id = ? WHERE id = ?",
                                [(current(s), d) for d, s in assigned.items()])
            db.conn.executemany("INSERT OR IGNORE INTO story_bands (band_key, document_id) VALUES (?, ?)",
                                [(k, d) for (d, _), keys in zip(chunk, chunk_keys) for k in keys])
    return joined


# --- statements -----------------------------------------------------------------------------------------

MIN_FUZZY_WORDS = 6  # shorter quotes must match word for word
MAX_TRIMMED_WORDS = 2
MIN_RATIO = 90


def same_quote(a: list[str], b: list[str]) -> bool:
    """Two quotes' normalised words: equal, one trimmed by a word or two at an end, or nearly the same."""
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < MIN_FUZZY_WORDS:
        return False
    if len(long) - len(short) <= MAX_TRIMMED_WORDS:
        for start in range(len(long) - len(short) + 1):
            if long[start:start + len(short)] == short:
                return True
    return fuzz.ratio(" ".join(a), " ".join(b)) >= MIN_RATIO


def compatible_speakers(a: str | None, b: str | None) -> bool:
    """"Jiang" and "Jiang Bin" may be one person; "Jiang" and "Wang" are not. Unknown fits anyone."""
    if not a or not b:
        return True
    wa, wb = _name_words(a), _name_words(b)
    return wa <= wb or wb <= wa


@lru_cache(maxsize=4096)  # a run compares the same few names again and again
def _name_words(name: str) -> frozenset[str]:
    return frozenset(normalised_words(name))


_STATEMENT_ROW = ("SELECT s.id, s.text, s.kind, s.cluster_id, sp.name, d.story_id FROM statements s "
                  "JOIN documents d ON d.id = s.document_id LEFT JOIN speakers sp ON sp.id = s.speaker_id ")
PER_KEY = 16  # newest quotes read per key: a key shared by more is a stock phrase, not one quote
PER_STORY = 300  # quotes read from the other copies of a story
MAX_EDIT_KEYS = 16  # quotes up to this long get a key per word left out (a word changed, added or dropped)
ANCHOR_WORDS = 5  # longer ones: the words from two content-chosen anchors, which few edits reach
_ANCHOR_MULTIPLIERS = (1, 0x9E3779B1)  # two orders of the 3-gram hashes: two anchors
CHUNK_STATEMENTS = 20_000  # new statements clustered at a time


def quote_keys(words: list[str]) -> list[int]:
    """Keys two matching quotes share, stored for each quote and looked up for a new one: its words; their
    forms trimmed by a word or two at either end (a trimmed copy); for a short quote each form with one word
    left out (one word changed, added or dropped: both copies leave it out); for a longer one the run of words
    at each of two anchors chosen by content, not position (the smallest hash of a word 3-gram), which
    trimming does not move and a few scattered edits rarely reach. Each key is specific to one quote, so a
    lookup reads a handful of rows however common its words are."""
    n = len(words)
    if not n:
        return []
    forms = [words]
    if n >= MIN_FUZZY_WORDS:
        forms += [words[i:n - j] for i in range(MAX_TRIMMED_WORDS + 1) for j in range(MAX_TRIMMED_WORDS + 1 - i)
                  if i + j and n - i - j >= MIN_FUZZY_WORDS]
        if n <= MAX_EDIT_KEYS:
            forms += [words[:i] + words[i + 1:] for i in range(n)]
    keys = [stable_hash(" ".join(form)) for form in forms]
    if n > MAX_EDIT_KEYS:
        grams = [zlib.crc32(f"{a} {b} {c}".encode("utf-8", "surrogatepass"))
                 for a, b, c in zip(words, words[1:], words[2:n - ANCHOR_WORDS + 3])]
        for multiplier in _ANCHOR_MULTIPLIERS:
            order = [g * multiplier & 0xFFFFFFFF for g in grams]
            start = order.index(min(order))
            keys.append(stable_hash("@" + " ".join(words[start:start + ANCHOR_WORDS])))
    return list(dict.fromkeys(keys))


def _story_quotes(db: sqlite_utils.Database, stories: list[int]) -> dict[int, list[tuple]]:
    """The newest PER_STORY quotes of each story, in one query for many."""
    found: dict[int, list[tuple]] = {story: [] for story in stories}
    for row in db.execute(
            "SELECT id, text, kind, cluster_id, name, story_id FROM (SELECT s.id, s.text, s.kind, s.cluster_id, "
            "sp.name, d.story_id, row_number() OVER (PARTITION BY d.story_id ORDER BY s.id DESC) AS n "
            "FROM statements s JOIN documents d ON d.id = s.document_id LEFT JOIN speakers sp ON sp.id = s.speaker_id "
            "WHERE d.story_id IN (SELECT value FROM json_each(?))) WHERE n <= ?", [json.dumps(stories), PER_STORY]):
        found[row[5]].append(row)
    return found


def _statement_rows(db: sqlite_utils.Database, ids: list[int]) -> dict[int, tuple]:
    return {row[0]: row for row in db.execute(_STATEMENT_ROW + "WHERE s.id IN (SELECT value FROM json_each(?))",
                                              [json.dumps(ids)])}


def cluster_statements(db: sqlite_utils.Database) -> int:
    """Give every statement without a cluster one, joining matching quotes; returns how many joined one.

    Candidates are the quotes that share a key with it (an indexed lookup in ``statement_keys``, a few rows
    each) and the quotes of the other copies of its story, so an import into a large database reads only the
    quotes that could match, never all of them. Short quoted terms (phrases) are matched only within a story
    and keep no keys.

    New statements are taken in chunks, each read with what it needs in a few queries: the stored quotes of
    its stories, the newest stored quotes under each of its keys. The chunk's own keys are held in memory
    while it is clustered and written with its clusters when it is done; a quote meets what a lookup of the
    table would give, the newest PER_KEY quotes under each key, stored or new.
    """
    assigned: dict[int, int] = {}  # this chunk's statements: written in one batch when it is done
    merged_into: dict[int, int] = {}  # clusters this run merged: followed when read, never rewritten in bulk

    def current(cluster: int | None) -> int | None:
        while cluster in merged_into:
            cluster = merged_into[cluster]
        return cluster

    joined = 0
    with db.conn, _without_cycle_collection():
        # New statements in chunks, so a large import is clustered in bounded memory: each chunk's clusters
        # are written before the next, whose rows read from the database then carry them.
        after = db.execute("SELECT min(id) - 1 FROM statements WHERE cluster_id IS NULL").fetchone()[0]
        while after is not None:
            new = db.execute(_STATEMENT_ROW + "WHERE s.id > ? AND s.cluster_id IS NULL ORDER BY s.id LIMIT ?",
                             [after, CHUNK_STATEMENTS]).fetchall()
            if not new:
                break
            after = new[-1][0]
            # This chunk's rows as read: what the database holds for them until the chunk is written (their
            # clusters so far are in ``assigned``; rows read before a merge are followed to its cluster).
            chunk_rows = {row[0]: row for row in new}
            by_story = _story_quotes(db, list({row[5] for row in new if row[5] is not None}))
            words_of: dict[str, list[str]] = {}  # candidates recur: normalise each text once
            chunk_words = [normalised_words(row[1]) for row in new]
            chunk_keys = [quote_keys(words) if row[2] != "phrase" else [] for row, words in zip(new, chunk_words)]
            counts = Counter(chain.from_iterable(chunk_keys))
            held = _newest_per_key(db, "statement_keys", "key", "statement_id", list(counts), PER_KEY)
            # Keys another quote can meet: stored ones and those two of the chunk share.
            shared = held.keys() | {k for k, n in counts.items() if n > 1}
            stored_rows = _statement_rows(db, list({i for ids in held.values() for i in ids}))
            for (sid, text, kind, _, speaker, story), words, keys in zip(new, chunk_words, chunk_keys):
                rows = by_story.get(story, ())
                candidates = {row[0]: row for row in rows}
                if keys:
                    keys = [k for k in keys if k in shared]
                    for k in keys:
                        ids = held.get(k)
                        if ids:
                            for o_id in ids[-PER_KEY:]:
                                if o_id not in candidates:
                                    row = chunk_rows.get(o_id) or stored_rows.get(o_id)
                                    if row is not None:  # (a key left by a statement deleted without its keys)
                                        candidates[o_id] = row
                candidates.pop(sid, None)
                found = {sid}
                for o_id, o_text, o_kind, o_cluster, o_speaker, o_story in candidates.values():
                    o_cluster = current(assigned.get(o_id, o_cluster))
                    if o_cluster is None or o_cluster in found:
                        continue  # a later statement of this run (it will find this one), or a cluster already joined
                    # A short quoted term ("dear friend") is only the same quote within one story.
                    if (kind == "phrase" or o_kind == "phrase") and story != o_story:
                        continue
                    # Within one story the copies' attributions may differ (extraction is not perfect on
                    # every copy); the story link is the stronger evidence. Across stories speakers must fit.
                    if ((story == o_story or compatible_speakers(speaker, o_speaker))
                            and same_quote(words, words_of.get(o_text) or words_of.setdefault(
                                o_text, normalised_words(o_text)))):
                        found.add(o_cluster)
                target = min(found)
                if len(found) > 1:
                    joined += 1
                    merged = found - {sid, target}
                    if merged:  # this quote bridges clusters: they become one
                        db.execute(f"UPDATE statements SET cluster_id = ? WHERE cluster_id IN "
                                   f"({','.join('?' * len(merged))})", [target, *sorted(merged)])
                        merged_into.update(dict.fromkeys(merged, target))
                assigned[sid] = target
                if keys:
                    _add_newest(held, keys, sid)
            db.conn.executemany("INSERT OR IGNORE INTO statement_keys (key, statement_id) VALUES (?, ?)",
                                [(k, row[0]) for row, keys in zip(new, chunk_keys) for k in keys])
            db.conn.executemany("UPDATE statements SET cluster_id = ? WHERE id = ?",
                                [(current(c), s) for s, c in assigned.items()])
            assigned.clear()
    return joined


def cluster_new(db: sqlite_utils.Database) -> tuple[int, int]:
    """After an import: stories for new documents, then quote clusters for new statements."""
    return cluster_documents(db), cluster_statements(db)
