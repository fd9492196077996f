"""Typo-tolerant quote search: "hegemonic bulying" finds "hegemonic bullying", best first.

It reads the word index that store/search_index.py keeps in SQLite. Opening a ``QuoteIndex`` reads only
the vocabulary; postings are read when a query needs them, and the recent ones are cached.

A query runs in two stages (figures in benchmarks/search_bench.py):
1. Each query word is matched to the vocabulary: itself, every word one edit away (generated, then looked
   up: no scan of the vocabulary), and for the last word, which is still being typed, its completions.
   Candidates are the statements holding the rarest query word (any of its forms when they are rare
   too), and those holding the second rarest, in case the rarest is a typo that made another real word.
   Every query word then scores them by its rarity (a lookup of the candidates in sorted postings,
   vectorised with numpy), and two query words standing next to each other in the order typed score
   again (the index keeps each word's places in a statement): a phrase of common words, "said at is",
   stands out among the thousands of quotes holding the three words apart.
2. The best few hundred candidates are re-ranked on their text with rapidfuzz's ``partial_ratio``, so the
   words in the order remembered, typo and all, come first. Copies of one quote (``cluster_id``) give one
   result, with the number of outlets that carried it, and the matched words' spans for highlighting.
"""
from __future__ import annotations

import math
import sqlite3
import threading
from bisect import bisect_left
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field, replace

import numpy as np
import sqlite_utils
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from store.search_index import PLACE_BITS, PLACES, WORD, normalise, rebuild_index, refresh, tokens

__all__ = ["QuoteIndex", "SearchHit", "normalise", "rebuild_index", "refresh", "search_statements", "tokens"]

CANDIDATES = 20_000  # most statements scored word by word in stage 1
RERANK = 200  # best stage-1 candidates re-ranked on their text
POOL = 400  # most of them when many tie
REFINE = 40  # best of them scored again, whole words apart from completions
COMMON_SHARE = 500  # a word in one statement out of this many or more is a common word
FEW = 2000  # candidates few enough to test every form of every word against
SUSPECT = 10  # a word this many times commoner one edit away makes the typed word a possible typo
COMPLETIONS = 50  # most completions of the last (unfinished) word, the commonest first
MMAP_BYTES = 1 << 30  # of the database file mapped for reading: quote texts read without a copy per page
CACHE_BYTES = 24_000_000  # postings kept in memory between keystrokes
EXACT, COMPLETION, ONE_EDIT, TWO_EDITS = 1.0, 0.9, 0.75, 0.55  # how much a matched form of a word counts
PHRASE = 1.0  # how much two query words next to each other count, times the mean of their weights


@dataclass
class SearchHit:
    statement_id: int
    score: float
    text: str
    matches: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of matched words in text
    cluster_id: int | None = None
    outlets: int = 1  # how many outlets carried the quote (its cluster's)


@dataclass
class _QueryWord:
    text: str
    forms: dict[int, float]  # word id -> how much a statement holding it counts (rarity x closeness)
    spelled: set[str]  # the same forms, as words
    df: int  # statements the seeds bring in (an upper bound)
    seeds: list[int]  # the forms whose statements are candidates
    common: bool  # typed as a word found in many statements: its neighbours are not worth the work
    suspect: bool  # typed as a rare word one edit away from a far commoner one: maybe a typo of it


def _places_in(candidates: np.ndarray, posting: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """A word's places in each of the sorted candidates (0 where it is absent): the shorter of the two
    sorted arrays looked up in the longer."""
    ids, bits = posting
    found = np.zeros(len(candidates), dtype=PLACE_BITS)
    if not len(ids):
        return found
    if len(ids) < len(candidates):
        at = np.searchsorted(candidates, ids)
        inside = at < len(candidates)
        at, ids, bits = at[inside], ids[inside], bits[inside]
        held = candidates[at] == ids
        found[at[held]] = bits[held]
        return found
    at = np.searchsorted(ids, candidates)
    np.minimum(at, len(ids) - 1, out=at)
    held = ids[at] == candidates
    found[held] = bits[at[held]]
    return found


def _follows(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """Where a word with places ``after`` stands right after one with places ``before`` (bits are places
    modulo PLACES, so the next place of the last bit is bit 0)."""
    return ((before << PLACE_BITS.type(1)) | (before >> PLACE_BITS.type(PLACES - 1))) & after != 0


def _union(parts: list[np.ndarray], size: int) -> np.ndarray:
    """The sorted union of sorted id arrays: through a bitmap of every id when they are long."""
    parts = [p for p in parts if len(p)]
    if len(parts) <= 1:
        return parts[0] if parts else np.zeros(0, dtype=np.uint32)
    total = sum(len(p) for p in parts)
    if total * 64 < size:
        ids = np.sort(np.concatenate(parts))
        return ids[np.concatenate(([True], ids[1:] != ids[:-1]))]
    seen = np.zeros(max(size, *(int(p[-1]) for p in parts)) + 1, dtype=bool)  # ids may be newer than size
    for part in parts:
        seen[part] = True
    return np.flatnonzero(seen).astype(np.uint32)


class QuoteIndex:
    """The open word index of a database: the vocabulary in memory, postings read on demand."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        self._own_conn = False
        self._load()

    def _state(self) -> tuple:
        """Changes whenever a refresh writes to the index (a replaced chunk gets a new rowid)."""
        return self._conn.execute("SELECT (SELECT max(rowid) FROM search_postings), "
                                  "(SELECT max(id) FROM search_words)").fetchone()

    def _load(self) -> None:
        conn = self._conn
        self._loaded = self._state()
        self._cache: OrderedDict[int, np.ndarray] = OrderedDict()
        self._cache_bytes = 0
        self._forms_cache: dict[tuple[str, bool], _QueryWord] = {}
        # Three strings in one row load far faster than a row per word (the browser opens on this). A build
        # numbers the words in sorted order, so the sort below only places the words added since.
        words, ids, dfs = conn.execute(
            "SELECT group_concat(word, char(10)), group_concat(id), group_concat(df) FROM search_words "
            "WHERE df > 0").fetchone()
        words = words.split("\n") if words else []
        ids = np.fromiter(map(int, ids.split(",")), dtype=np.int64, count=len(words)) if words else np.zeros(0, int)
        dfs = np.fromiter(map(int, dfs.split(",")), dtype=np.int64, count=len(words)) if words else np.zeros(0, int)
        self.word_ids: dict[str, int] = dict(zip(words, ids.tolist()))
        self.df = np.zeros(int(ids.max(initial=0)) + 1, dtype=np.int64)
        self.df[ids] = dfs
        # Sorted, for completions: a prefix is a range of it.
        if all(a < b for a, b in zip(words, words[1:])):
            self.vocabulary, self._vocabulary_df = words, dfs
        else:
            self.vocabulary = sorted(words)
            self._vocabulary_df = self.df[[self.word_ids[w] for w in self.vocabulary]]
        # The rarity of a word is relative to the number of statements; the largest id stands in for it.
        self.size = conn.execute("SELECT coalesce(max(id), 0) FROM statements").fetchone()[0]
        counts: dict[str, int] = defaultdict(int)
        for word in self.vocabulary[:: max(1, len(self.vocabulary) // 5000)]:
            for char in word:
                counts[char] += 1
        # The letters a typo may have replaced or dropped: the commonest of the vocabulary's.
        self.alphabet = "".join(sorted(counts, key=counts.__getitem__, reverse=True)[:40])
        self._letters = "".join(c for c in self.alphabet if not c.isdigit())  # for words without digits
        self._by_ends: dict[tuple[int, str, bool], list[str]] | None = None  # for words two edits away
        self._scratch = np.zeros(0, dtype=PLACE_BITS)  # by statement id, all zero between uses (_places_of_candidates)

    @classmethod
    def build(cls, db: sqlite_utils.Database) -> "QuoteIndex":
        """Bring the database's index up to date and open it (safe to search from a worker thread)."""
        if not db["search_words"].exists():
            raise RuntimeError("this database was made before the quote search index: import into a new one")
        try:
            refresh(db)
        except sqlite3.OperationalError:  # read-only or locked: search what is indexed
            pass
        path = db.conn.execute("PRAGMA database_list").fetchone()[2]
        if not path:  # an in-memory database: only its own connection sees it
            return cls(db.conn)
        conn = sqlite3.connect(path, check_same_thread=False)
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        index = cls(conn)
        index._own_conn = True
        return index

    # -- the vocabulary -------------------------------------------------------------------------------

    def _one_edit(self, word: str) -> set[str]:
        alphabet = self.alphabet if any(c.isdigit() for c in word) else self._letters
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        edits = {a + b[1:] for a, b in splits if b}
        edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        edits |= {a + c + b[1:] for a, b in splits if b for c in alphabet}
        edits |= {a + c + b for a, b in splits for c in alphabet}
        edits.discard(word)
        return edits

    def _forms(self, word: str, last: bool) -> _QueryWord:
        """The vocabulary words a query word may stand for, each with its weight (remembered between
        keystrokes: the words before the last one do not change)."""
        key = (word, last)
        found = self._forms_cache.get(key)
        if found is None:
            found = self._forms_cache[key] = self._find_forms(word, last)
            if len(self._forms_cache) > 512:
                self._forms_cache.pop(next(iter(self._forms_cache)))
        return found

    def _find_forms(self, word: str, last: bool) -> _QueryWord:
        exact = word if word in self.word_ids else None
        completions: list[str] = []
        if last:
            lo = bisect_left(self.vocabulary, word)
            hi = bisect_left(self.vocabulary, word + "\U0010ffff")
            # A word already complete, or one or two letters, is less likely the start of a rarer one.
            wanted = COMPLETIONS if len(word) > 2 and exact is None else COMPLETIONS // 5
            if hi - lo > wanted:  # the commonest ones: what the user is most likely typing
                commonest = np.argpartition(-self._vocabulary_df[lo:hi], wanted)[:wanted]
                completions = [self.vocabulary[lo + int(j)] for j in commonest]
            else:
                completions = self.vocabulary[lo:hi]
            completions = [w for w in completions if w != word]
        neighbours: list[str] = []
        closeness = ONE_EDIT
        if len(word) >= 2 and not word.isdigit():
            taken = set(completions)
            neighbours = [w for w in self._one_edit(word) if w in self.word_ids and w not in taken]
            if not neighbours and exact is None and not completions and len(word) >= 6:
                neighbours, closeness = self._two_edits(word), TWO_EDITS
        df = lambda w: int(self.df[self.word_ids[w]])  # noqa: E731
        idf = lambda n: math.log(1 + self.size / max(1, n))  # noqa: E731
        # A completion or a neighbour counts at most as much as the word typed (or, for a word not in the
        # vocabulary, as all its forms together): a rare one must not outweigh what the user wrote.
        cap = idf(df(exact)) if exact is not None else idf(sum(map(df, completions + neighbours)))
        weights = {w: closeness * min(idf(df(w)), cap) for w in neighbours}
        weights.update((w, COMPLETION * min(idf(df(w)), cap)) for w in completions)
        if exact is not None:
            weights[exact] = EXACT * cap
        # The statements a word brings in as candidates: the word as typed when it is in the vocabulary
        # (a typo that made another real word is covered by a second query word), else all its forms.
        seeds = ([exact] if exact is not None else []) + completions if exact is not None else list(weights)
        if exact is not None and sum(map(df, weights)) <= CANDIDATES // 4:  # all its forms are rare: take them
            seeds = list(weights)
        return _QueryWord(word, {self.word_ids[w]: weight for w, weight in weights.items()}, set(weights),
                          sum(map(df, seeds)), [self.word_ids[w] for w in seeds],
                          exact is not None and df(exact) * COMMON_SHARE >= self.size,
                          exact is not None and max(map(df, neighbours), default=0) >= SUSPECT * df(exact))

    def _as_typed(self, word: _QueryWord) -> _QueryWord:
        """The word as typed alone, without its other forms."""
        wid = self.word_ids[word.text]
        return _QueryWord(word.text, {wid: word.forms[wid]}, {word.text}, int(self.df[wid]), [wid], word.common, False)

    def _two_edits(self, word: str) -> list[str]:
        """Vocabulary words two edits away (a transposition is one), among those of a near length that
        share the word's first or last letter: two typos seldom change both ends, and a scan of the
        whole vocabulary would cost tens of milliseconds."""
        if self._by_ends is None:
            self._by_ends = defaultdict(list)
            for w in self.vocabulary:
                self._by_ends[len(w), w[0], True].append(w)
                self._by_ends[len(w), w[-1], False].append(w)
        nearby = {w for n in range(len(word) - 2, len(word) + 3)
                  for w in self._by_ends.get((n, word[0], True), []) + self._by_ends.get((n, word[-1], False), [])}
        return [w for w, _, _ in process.extract(word, nearby, scorer=OSA.distance, score_cutoff=2, limit=20)]

    # -- postings -------------------------------------------------------------------------------------

    def _posting(self, wid: int) -> tuple[np.ndarray, np.ndarray]:
        """The sorted ids of the statements holding a word, and the word's places in each."""
        cached = self._cache.get(wid)
        if cached is not None:
            self._cache.move_to_end(wid)
            return cached
        self._read_postings([wid])
        return self._cache[wid]

    def _postings(self, wids: list[int]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Several words' postings; those not cached read in one query (a word's forms are many)."""
        missing = [w for w in wids if w not in self._cache]
        if len(missing) > 1:
            self._read_postings(missing)
        return [self._posting(w) for w in wids]

    def _read_postings(self, wids: list[int]) -> None:
        chunks: dict[int, list[tuple[bytes, bytes]]] = defaultdict(list)
        for wid, ids, bits in self._conn.execute(
                f"SELECT word_id, ids, places FROM search_postings WHERE word_id IN ({','.join('?' * len(wids))}) "
                "ORDER BY word_id, first_id", wids):
            chunks[wid].append((ids, bits))
        for wid in wids:
            rows = chunks.get(wid, [])
            found = (np.frombuffer(b"".join(r[0] for r in rows), dtype="<u4"),
                     np.frombuffer(b"".join(r[1] for r in rows), dtype=PLACE_BITS))
            self._cache[wid] = found
            self._cache_bytes += found[0].nbytes + found[1].nbytes
        while self._cache_bytes > CACHE_BYTES and len(self._cache) > len(wids):
            _, dropped = self._cache.popitem(last=False)
            self._cache_bytes -= dropped[0].nbytes + dropped[1].nbytes

    def _candidates(self, words: list[_QueryWord]) -> np.ndarray:
        """Statements holding the rarest query word (narrowed by the others when there are too many), and
        in case the rarest is a typo that made another real word (when it may be, or when it costs little),
        statements holding all the others."""
        ranked = sorted((w for w in words if w.forms), key=lambda w: w.df)
        rarest = self._narrow(self._postings_union(ranked[0].seeds), ranked[1:], CANDIDATES)
        # The second rarest word's statements too, when the rarest may be a typo, or when they are few.
        if len(ranked) == 1 or not (ranked[0].suspect or ranked[1].df <= 4 * CANDIDATES):
            return rarest[-CANDIDATES:]
        # Narrowed first by every form of the rarest word, as typed or not (a word none holds is passed over).
        every_form = replace(ranked[0], common=False)
        others = self._narrow(self._postings_union(self._scored_forms(ranked[1])), [every_form, *ranked[2:]],
                              CANDIDATES // 2)
        return _union([rarest[-CANDIDATES:], others[-CANDIDATES // 2:]], self.size)

    def _postings_union(self, forms: list[int]) -> np.ndarray:
        parts = [ids for ids, _ in self._postings(forms)]
        if sum(len(p) for p in parts) > 4 * CANDIDATES:  # common words only: the newest of them will do
            parts = [p[-max(1000, 4 * CANDIDATES // len(parts)):] for p in parts]
        return _union(parts, self.size)

    def _narrow(self, candidates: np.ndarray, words: list[_QueryWord], enough: int) -> np.ndarray:
        """Keep the candidates that hold each of the words in turn, until no more than ``enough`` are left
        (a word none of them holds is passed over)."""
        for word in words:
            if len(candidates) <= enough:
                break
            mask = np.zeros(len(candidates), dtype=bool)
            for posting in self._postings(self._scored_forms(word)):
                mask |= self._places_of_candidates(candidates, posting) != 0
            if mask.any():
                candidates = candidates[mask]
        return candidates

    def _places_of_candidates(self, candidates: np.ndarray, posting: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        """A word's places in each of the sorted candidates (0 where it is absent). A posting not many
        times longer than the candidates is spread over an array indexed by statement id and read at the
        candidates: passes in id order, cheaper then than a binary search (a few cache misses) a candidate."""
        ids, bits = posting
        if not len(candidates) or not (len(candidates) < len(ids) <= 5 * len(candidates)):
            return _places_in(candidates, posting)
        top = max(int(ids[-1]), int(candidates[-1])) + 1
        if len(self._scratch) < top:  # statements added since the index was opened
            self._scratch = np.zeros(top + 1024, dtype=PLACE_BITS)
        self._scratch[ids] = bits
        found = self._scratch[candidates]
        self._scratch[ids] = 0  # left empty for the next word
        return found

    def close(self) -> None:
        """Close the index's own connection to the database (not the one it was built from)."""
        if self._own_conn:
            self._conn.close()

    @property
    def cached_bytes(self) -> int:
        return self._cache_bytes

    @staticmethod
    def _scored_forms(word: _QueryWord, candidates: int = CANDIDATES) -> list[int]:
        """A common word is taken as typed when there are many candidates (its neighbours would cost much,
        and the re-ranking on the text catches its typos); otherwise a word with all its forms."""
        return word.seeds if word.common and candidates > FEW else list(word.forms)

    def search(self, query: str, limit: int = 10) -> list[SearchHit]:
        with self._lock:
            if self._state() != self._loaded:  # an import (maybe in another process) refreshed the index
                self._load()
            return self._search(query, limit)

    def _search(self, query: str, limit: int) -> list[SearchHit]:
        typed = tokens(query)
        if not typed or not self.size:
            return []
        last_open = not query[-1:].isspace()  # the last word is still being typed
        words = [self._forms(w, last_open and n == len(typed) - 1) for n, w in enumerate(typed)]
        # The first letter or two of a new word say little and cost much (their completions are the
        # commonest words): the text re-ranking alone weighs them.
        # A short word standing as typed still counts, next to the word before it ("mou so").
        scoring = words
        if last_open and len(words) > 1 and len(typed[-1]) <= 2:
            scoring = words[:-1] + [self._as_typed(words[-1])] if typed[-1] in self.word_ids else words[:-1]
        if not any(w.forms for w in scoring):
            return []
        candidates = self._candidates(scoring)
        if last_open and len(typed) == 1 and len(typed[0]) <= 2:  # a first letter or two: any quotes will do
            candidates = candidates[-FEW:]
        if not len(candidates):
            return []
        scores = np.zeros(len(candidates))
        before = None  # the previous query word's places and weight in each candidate
        for word in scoring:
            best = np.zeros(len(candidates))
            held = np.zeros(len(candidates), dtype=PLACE_BITS)
            forms = self._scored_forms(word, len(candidates))
            short: list[tuple[int, tuple[np.ndarray, np.ndarray]]] = []  # looked up together, below
            for i, posting in zip(forms, self._postings(forms)):
                if len(posting[0]) < len(candidates):
                    short.append((i, posting))
                    continue
                bits = self._places_of_candidates(candidates, posting)
                hit = bits != 0
                best[hit] = np.maximum(best[hit], word.forms[i])
                held |= bits
            if short:  # the rare forms in one search of the candidates
                ids = np.concatenate([p[0] for _, p in short])
                at = np.searchsorted(candidates, ids)
                np.minimum(at, len(candidates) - 1, out=at)
                found = candidates[at] == ids
                at = at[found]
                np.maximum.at(best, at, np.concatenate([np.full(len(p[0]), word.forms[i]) for i, p in short])[found])
                np.bitwise_or.at(held, at, np.concatenate([p[1] for _, p in short])[found])
            scores += best
            # Two query words next to each other in the text, in the order typed: a phrase remembered.
            if before is not None:
                scores += PHRASE * _follows(before[0], held) * (before[1] + best) / 2
            before = held, best
        # Re-rank the best candidates on their text; a run of equal scores at the cut is taken whole (up to
        # POOL), so which of them are re-ranked does not depend on the order numpy left them in.
        keep = min(len(scores), POOL + 1)
        order = np.argpartition(-scores, keep - 1)[:keep] if keep < len(scores) else np.arange(len(scores))
        order = order[np.argsort(-scores[order], kind="stable")]
        pool = min(RERANK, len(order))
        if len(words) > 1:  # never cut a run of equal scores short at its end (up to POOL)
            pool += int(np.count_nonzero(scores[order[pool:POOL]] >= scores[order[pool - 1]] - 1e-9))
        order = order[:pool]
        stage1 = {int(candidates[j]): float(scores[j]) for j in order}
        tops = [max(w.forms.values(), default=0.0) for w in scoring]
        possible = (sum(tops) + PHRASE * sum(a + b for a, b in zip(tops, tops[1:])) / 2) or 1.0
        ids = list(stage1)
        rows = self._conn.execute(
            f"SELECT id, text, cluster_id FROM statements WHERE id IN ({','.join('?' * len(ids))})", ids
        ).fetchall()
        said = " ".join(typed)
        padded = f" {said} "  # whole words typed beat completions of them ("of dree" is not "of dreecloss")
        ranked = sorted(((fuzz.partial_ratio(padded, f" {normalise(text)} "), 15 * stage1[sid] / possible, sid, text,
                          cluster) for sid, text, cluster in rows), key=lambda r: (-r[0] - r[1], -r[2]))
        if last_open:  # among the best, the last word may also be the start of a longer one: weigh that too
            ranked[:REFINE] = sorted(
                (((whole + fuzz.partial_ratio(said, normalise(text))) / 2, bonus, sid, text, cluster)
                 for whole, bonus, sid, text, cluster in ranked[:REFINE]), key=lambda r: (-r[0] - r[1], -r[2]))
        owners: dict[str, set[int]] = defaultdict(set)  # form -> the query words it stands for
        for n, word in enumerate(words):
            for form in word.spelled:
                owners[form].add(n)
        hits: list[SearchHit] = []
        seen_clusters: set[int] = set()
        for closeness, bonus, sid, text, cluster in ranked:
            if cluster is not None:
                if cluster in seen_clusters:
                    continue
                seen_clusters.add(cluster)
            hits.append(SearchHit(sid, round(closeness + bonus, 2), text, self._matches(text, words, owners), cluster))
            if len(hits) == limit:
                break
        self._count_outlets(hits)
        return hits

    @staticmethod
    def _matches(text: str, words: list[_QueryWord], owners: dict[str, set[int]]) -> list[tuple[int, int]]:
        """Spans of the text's words that match the query's, in the run that matches the most of them."""
        folded = text.lower() if text.isascii() else None  # same offsets as the text
        spans = [(m.start(), m.end(), m.group() if folded is not None else normalise(m.group()))
                 for m in WORD.finditer(folded if folded is not None else text)]
        unmatched = [(n, w.text) for n, w in enumerate(words) if not w.spelled]
        run_starts: dict[int, int] = defaultdict(int)  # where the query's first word would be -> words found
        found: list[tuple[int, int]] = []
        for at, (_, _, token) in enumerate(spans):
            owned = owners.get(token, ())
            for n, typed in unmatched:  # a word not in the vocabulary: a typo in a half-typed word
                if token.startswith(typed) or Levenshtein.distance(token, typed) <= 1:
                    owned = {*owned, n}
            for n in owned:
                run_starts[at - n] += 1
                found.append((at, n))
        if not found:
            return []
        best = max(run_starts, key=lambda start: (run_starts[start], -start))
        return [spans[at][:2] for at, n in found if at - n == best]

    def _count_outlets(self, hits: list[SearchHit]) -> None:
        clusters = [h.cluster_id for h in hits if h.cluster_id is not None]
        if not clusters:
            return
        counts = dict(self._conn.execute(
            "SELECT s.cluster_id, COUNT(DISTINCT COALESCE(d.outlet, d.source)) FROM statements s "
            f"JOIN documents d ON d.id = s.document_id WHERE s.cluster_id IN ({','.join('?' * len(clusters))}) "
            "GROUP BY s.cluster_id", clusters))
        for hit in hits:
            if hit.cluster_id is not None:
                hit.outlets = max(1, counts.get(hit.cluster_id, 1))


def search_statements(db: sqlite_utils.Database, query: str, limit: int = 10,
                      index: QuoteIndex | None = None) -> list[dict]:
    """Search a database's statements; rows with speaker, date, outlet, document and matched spans."""
    if index is None:
        index = QuoteIndex.build(db)
        try:
            hits = index.search(query, limit)
        finally:
            index.close()
    else:
        hits = index.search(query, limit)
    keys = ("id", "text", "kind", "speaker", "speaker_role", "date", "date_precision", "outlet", "title",
            "url", "published", "document_id", "start", "end", "cluster_id")
    rows = []
    for hit in hits:
        row = db.execute(
            'SELECT s.id, s.text, s.kind, sp.name, s.speaker_role, s.date, s.date_precision, d.outlet, '
            'd.title, d.url, d.published, s.document_id, s.start, s."end", s.cluster_id '
            "FROM statements s JOIN documents d ON d.id = s.document_id "
            "LEFT JOIN speakers sp ON sp.id = s.speaker_id WHERE s.id = ?", [hit.statement_id]).fetchone()
        if row:
            rows.append(dict(zip(keys, row), score=hit.score, outlets=hit.outlets,
                             matches=[list(span) for span in hit.matches]))
    return rows
