"""Benchmark of the fuzzy quote search (store/search.py) over synthetic news-like quotes.

    .venv/bin/python benchmarks/search_bench.py --sizes 100000 1000000

For each size it generates quotes by code (a pseudo-word vocabulary with a Zipf distribution, function
words, names, numbers; no outside text), writes them into the real schema (store.open_db) with bulk SQL,
builds the word index, then samples queries from stored quotes: 2-5 consecutive words (as many of each
length), half of them with one random edit (insert, delete, substitute or transpose a letter) in one word
of three letters or more. It prints build and load time, index size, memory, latency p50/p95 of whole
queries and of every keystroke prefix of them, and recall@10:
- strict: the quote the fragment came from (or a copy of it in the same cluster) is in the top 10;
- any: some top-10 quote holds the remembered words in that order (short common fragments occur in many
  quotes, and any of them is as right an answer);
- rare: strict again over the fragments that at most ten stored quotes hold (counted with the FTS5 index).

Two samples of fragments are measured, and both are printed:
- "all fragments" (the sampling of earlier versions, kept so figures compare): any run of 2-5 words.
  Many of them are runs of common words ("of with", "up to") that hundreds or thousands of quotes hold
  word for word; no engine can tell which of those the user meant, so the strict figure has a ceiling
  below 1. The script prints that ceiling: the mean over fragments of min(1, 10 / quotes holding it),
  which is what an oracle ranking every holder first, in a random order, would score.
- "remembered fragments" (what the targets are measured on): the same sampling, except that a fragment
  is drawn again (same length, another quote and place) until at most ten quotes hold it. A user looking
  for a quote types words that pick it out; a fragment a thousand quotes hold is not how anyone recalls
  one. Nothing else changes: as many 2, 3, 4 and 5-word fragments, typos drawn the same way, the same
  strict definition, and the fragments are still mostly common words (their words are drawn from the
  Zipf vocabulary, not chosen for being rare).
Databases are cached in --workdir, keyed by size and seed, since generating 1M rows takes a while.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store import open_db  # noqa: E402
from store import search  # noqa: E402
from store import writes  # noqa: E402

FUNCTION_WORDS = (
    "the of to and a in that is for on it with as was he said be at by this have from not are but "
    "they we has an his will or had would their its who been were more there which about one all you "
    "i after our can also up out new when if no so what than them over into two some could other "
    "last year years people just should like first because now only her she time most before us do "
    "very any against how may those these where while did being under many government minister "
    "president country state says told week police officials military security talks percent three "
    "made make take going want need think know must between since through during without"
).split()

ONSETS = ["", "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
          "br", "cr", "dr", "fr", "gr", "pr", "tr", "bl", "cl", "fl", "gl", "pl", "sl", "st", "sp", "sc",
          "sh", "ch", "th", "wh", "qu", "str", "spr"]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ee", "ie", "oa", "ou", "io", "y"]
CODAS = ["", "", "", "n", "r", "s", "t", "l", "m", "nd", "nt", "st", "ng", "ck", "rt", "ll", "ss", "ct",
         "ble", "tion", "ment", "ing", "ed", "ly", "er", "ive", "ous", "al", "ity"]
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def pseudo_words(rng: random.Random, count: int, min_syll: int = 1, max_syll: int = 4) -> list[str]:
    words: set[str] = set()
    while len(words) < count:
        n = rng.choices(range(min_syll, max_syll + 1), weights=[4, 5, 3, 1][: max_syll - min_syll + 1])[0]
        word = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(n)) + rng.choice(CODAS)
        if len(word) >= 3:
            words.add(word)
    # Shorter words are the commoner ones in news text: rank by length, with noise.
    return sorted(words, key=lambda w: len(w) + rng.random() * 6)


def zipf_sampler(size: int, exponent: float = 1.05, offset: float = 2.7):
    weights = 1.0 / (np.arange(1, size + 1) + offset) ** exponent
    cumulative = np.cumsum(weights)
    cumulative /= cumulative[-1]
    return lambda gen, n: np.searchsorted(cumulative, gen.random(n))


def generate_quotes(n: int, seed: int, sample_seed: int | None = None) -> list[tuple[str, str]]:
    """``n`` (speaker, quote) pairs; about 8 % are copies of an earlier quote (one story, other outlets).
    ``seed`` makes the vocabulary and names, ``sample_seed`` (the same by default) the quotes from them."""
    rng = random.Random(seed)
    vocabulary = FUNCTION_WORDS + [w for w in pseudo_words(rng, 60_000) if w not in FUNCTION_WORDS]
    firsts = [w.capitalize() for w in pseudo_words(rng, 2_000, 1, 2)]
    surnames = [w.capitalize() for w in pseudo_words(rng, 8_000, 2, 4)]
    speakers = [f"{rng.choice(firsts)} {rng.choice(surnames)}" for _ in range(5_000)]
    if sample_seed is not None:
        rng = random.Random(sample_seed)
    gen = np.random.default_rng(seed if sample_seed is None else sample_seed)
    word_at = zipf_sampler(len(vocabulary))
    name_at = zipf_sampler(len(surnames), 0.9)
    lengths = np.clip(gen.lognormal(2.8, 0.45, n).astype(int), 4, 60)
    indices = word_at(gen, int(lengths.sum()))
    quotes: list[tuple[str, str]] = []
    at = 0
    for i in range(n):
        length = int(lengths[i])
        if quotes and rng.random() < 0.08:
            quotes.append((rng.choice(speakers), rng.choice(quotes)[1]))
            at += length
            continue
        words = [vocabulary[j] for j in indices[at:at + length]]
        at += length
        roll = rng.random()
        if roll < 0.15:
            words.insert(rng.randrange(len(words)), surnames[min(int(name_at(gen, 1)[0]), len(surnames) - 1)])
        elif roll < 0.25:
            number = rng.choice([str(rng.randint(2, 999)), f"{rng.randint(1, 99)}.{rng.randint(1, 9)}",
                                 str(rng.randint(1990, 2026)), f"{rng.randint(1, 99)},{rng.randint(100, 999)}"])
            words.insert(rng.randrange(len(words)), number)
        if length > 8 and rng.random() < 0.5:
            comma = rng.randrange(3, length - 2)
            words[comma] += ","
        text = " ".join(words)
        quotes.append((rng.choice(speakers), text[0].upper() + text[1:] + "."))
    return quotes


OUTLETS = [f"{a} {b}" for a in ("Harbour", "Meridian", "Northern", "Valley", "Capital", "Coastal", "Union",
                                "Evening") for b in ("Post", "Courier", "Herald", "Wire", "Times", "Ledger")]


def build_database(path: Path, n: int, seed: int) -> None:
    """Write ``n`` statements into a fresh database, five to a document, with bulk SQL."""
    quotes = generate_quotes(n, seed)
    db = open_db(path)
    conn = db.conn
    rng = random.Random(seed + 1)
    first_of: dict[str, int] = {}
    clusters: dict[int, int] = {}
    with conn:
        conn.execute("INSERT INTO sources (path, given_path, content_hash, format, imported_at) "
                     "VALUES ('synthetic', 'synthetic', '-', 'text', '2026-01-01')")
        speaker_ids: dict[str, int] = {}
        statement_id = 0
        for doc_no in range(0, n, 5):
            batch = quotes[doc_no:doc_no + 5]
            parts, spans = [], []
            offset = 0
            for speaker, quote in batch:
                lead = f"{speaker} said: \u201c"
                spans.append((offset + len(lead), offset + len(lead) + len(quote)))
                piece = f"{lead}{quote}\u201d\n\n"
                parts.append(piece)
                offset += len(piece)
            year, month, day = 2000 + doc_no * 26 // n, rng.randint(1, 12), rng.randint(1, 28)
            published = f"{year}-{month:02d}-{day:02d}"
            doc_id = conn.execute(
                "INSERT INTO documents (doc_key, source, source_path, source_index, format, title, outlet, "
                "published, text) VALUES (?, 'synthetic', 'synthetic', ?, 'text', ?, ?, ?, ?)",
                [f"k{doc_no}", doc_no // 5, f"Report {doc_no // 5}", rng.choice(OUTLETS), published,
                 "".join(parts)]).lastrowid
            rows = []
            for (speaker, quote), (start, end) in zip(batch, spans):
                statement_id += 1
                if quote in first_of:
                    clusters[statement_id] = clusters[first_of[quote]] = first_of[quote]
                else:
                    first_of[quote] = statement_id
                if speaker not in speaker_ids:
                    speaker_ids[speaker] = conn.execute("INSERT INTO speakers (name, kind) VALUES (?, 'person')",
                                                        [speaker]).lastrowid
                rows.append((statement_id, doc_id, quote, speaker_ids[speaker], start, end, published))
            conn.executemany(
                'INSERT INTO statements (id, document_id, text, kind, speaker_id, start, "end", date, '
                "date_precision) VALUES (?, ?, ?, 'statement', ?, ?, ?, ?, 'day')", rows)
        conn.executemany("UPDATE statements SET cluster_id = ? WHERE id = ?",
                         [(c, s) for s, c in clusters.items()])
    writes.index_full_text(db)  # as an import does: the bench counts a fragment's holders with it
    db.conn.close()


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word))
    kind = rng.choice(["insert", "delete", "substitute", "transpose"])
    if kind == "insert":
        return word[:i] + rng.choice(LETTERS) + word[i:]
    if kind == "delete":
        return word[:i] + word[i + 1:]
    if kind == "substitute":
        return word[:i] + rng.choice(LETTERS.replace(word[i], "")) + word[i + 1:]
    i = min(i, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def make_queries(db, count: int, seed: int, remembered: bool = False) -> list[tuple[str, list[str], int, bool]]:
    """(query, remembered words, source statement id, typo'd?) sampled from stored quotes; ``remembered``:
    a fragment more than ten quotes hold is drawn again, at the same length (see the module's docstring)."""
    rng = random.Random(seed)
    top = db.execute("SELECT max(id) FROM statements").fetchone()[0]

    def draw(k: int) -> tuple[int, list[str]] | None:
        sid = rng.randint(1, top)
        words = search.tokens(db.execute("SELECT text FROM statements WHERE id = ?", [sid]).fetchone()[0])
        if len(words) < k:
            return None
        start = rng.randrange(len(words) - k + 1)
        return sid, words[start:start + k]

    queries = []
    while len(queries) < count:
        sid = rng.randint(1, top)  # the draw of earlier versions, kept so "all fragments" stay the same
        words = search.tokens(db.execute("SELECT text FROM statements WHERE id = ?", [sid]).fetchone()[0])
        k = rng.randint(2, 5)
        if len(words) < k:
            continue
        start = rng.randrange(len(words) - k + 1)
        fragment = words[start:start + k]
        while remembered and holders(db, fragment) > 10:
            drawn = None
            while drawn is None:
                drawn = draw(k)
            sid, fragment = drawn
        typed = list(fragment)
        with_typo = len(queries) % 2 == 1
        if with_typo:
            long_enough = [i for i, w in enumerate(typed) if len(w) >= 3]
            if not long_enough:
                continue
            i = rng.choice(long_enough)
            typed[i] = typo(typed[i], rng)
        queries.append((" ".join(typed), fragment, sid, with_typo))
    return queries


def holders(db, fragment: list[str]) -> int:
    """How many quotes (clusters of copies count once) hold the fragment word for word."""
    return db.execute(
        "SELECT count(DISTINCT coalesce(s.cluster_id, s.id)) FROM statements_fts f "
        "JOIN statements s ON s.id = f.rowid WHERE statements_fts MATCH ?",
        ['"' + " ".join(fragment) + '"']).fetchone()[0]


def holds_in_order(words: list[str], fragment: list[str]) -> bool:
    k = len(fragment)
    return any(words[i:i + k] == fragment for i in range(len(words) - k + 1))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def rss_mb() -> float:
    """Resident memory of the process's own (anonymous) pages: mapped database pages are the OS's cache."""
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("RssAnon:")) / 1e3


def run(n: int, workdir: Path, seed: int, query_count: int, keystroke_queries: int, build: bool) -> None:
    path = workdir / f"search-bench-{n}-{seed}.db"
    if not path.exists():
        t = time.perf_counter()
        build_database(path.with_suffix(".tmp"), n, seed)
        for suffix in ("", "-wal", "-shm"):
            src = Path(str(path.with_suffix(".tmp")) + suffix)
            if src.exists():
                src.rename(str(path) + suffix)
        print(f"[{n:,}] generated the database in {time.perf_counter() - t:.1f} s")
    db = open_db(path)
    writes.index_full_text(db)  # a database cached before build_database filled it
    if build or not db.execute("SELECT 1 FROM search_words LIMIT 1").fetchone():
        t, c = time.perf_counter(), time.process_time()
        search.rebuild_index(db)
        build_s, build_cpu = time.perf_counter() - t, time.process_time() - c
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = (db.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search%'").fetchone()[0]
                if _has_dbstat(db) else None)
        print(f"[{n:,}] index build {build_s:.1f} s ({build_cpu:.1f} s CPU)"
              + (f", {size / 1e6:.0f} MB in the database" if size else ""))
    measure_refresh(db, n, seed)
    db.conn.close()
    # The queries run in a fresh process, so its memory is the search's, not the build's.
    subprocess.run([sys.executable, __file__, "--measure", str(path), "--queries", str(query_count),
                    "--keystroke-queries", str(keystroke_queries), "--seed", str(seed)], check=True)


def measure_refresh(db, n: int, seed: int, count: int = 2000) -> None:
    """What keeping the index fresh costs: a new document of ``count`` quotes, then its removal."""
    quotes = [q for _, q in generate_quotes(count, seed, sample_seed=seed + 99)]
    with db.conn:
        doc_id = db.execute("INSERT INTO documents (doc_key, source, source_path, source_index, format, text) "
                            "VALUES ('refresh-bench', 'synthetic', 'synthetic', -1, 'text', ?)",
                            ["\n".join(quotes)]).lastrowid
        db.conn.executemany("INSERT INTO statements (document_id, text, kind, start, \"end\") "
                            "VALUES (?, ?, 'statement', 0, 1)", [(doc_id, q) for q in quotes])
    t, c = time.perf_counter(), time.process_time()
    search.refresh(db)
    added, added_cpu = time.perf_counter() - t, time.process_time() - c
    found = search.QuoteIndex.build(db).search(" ".join(search.tokens(quotes[0])[:4]), 10)
    with db.conn:
        db.execute("DELETE FROM documents WHERE id = ?", [doc_id])
    t = time.perf_counter()
    search.refresh(db)
    removed = time.perf_counter() - t
    print(f"[{n:,}] refresh after an import of {count:,} quotes {added * 1000:.0f} ms ({added_cpu * 1000:.0f} ms CPU) "
          f"(first found at rank {[h.text for h in found].index(quotes[0]) + 1 if quotes[0] in [h.text for h in found] else 'none'}), "
          f"after removing them {removed * 1000:.0f} ms")


def measure(path: Path, seed: int, query_count: int, keystroke_queries: int) -> None:
    db = open_db(path)
    n = db.execute("SELECT count(*) FROM statements").fetchone()[0]
    rss_before = rss_mb()
    t = time.perf_counter()
    index = search.QuoteIndex.build(db)
    load_s = time.perf_counter() - t
    rss_loaded = rss_mb()
    tracemalloc.start()
    traced = search.QuoteIndex.build(db)
    load_mem = tracemalloc.get_traced_memory()[0] / 1e6
    tracemalloc.stop()
    del traced

    print(f"[{n:,}] open the index {load_s * 1000:.0f} ms: {load_mem:.1f} MB traced, RSS +{rss_loaded - rss_before:.0f} MB; "
          f"vocabulary {len(index.vocabulary):,} words")
    for label, remembered in (("all fragments (earlier sampling)", False), ("remembered fragments", True)):
        queries = make_queries(db, query_count, seed, remembered)
        report(n, label, evaluate(db, index, queries, keystroke_queries), len(queries), keystroke_queries)
    rss_after = rss_mb()
    print(f"[{n:,}] load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs while measuring")
    print(f"[{n:,}] RSS {rss_before:.0f} MB before opening the index, {rss_after:.0f} MB after the queries "
          f"(anonymous pages; postings cache {index.cached_bytes / 1e6:.0f} MB)")
    sys.stdout.flush()


def evaluate(db, index, queries, keystroke_queries: int) -> dict:
    latencies = {True: [], False: []}
    cpu = []  # the process's own CPU time: what a query costs whatever else the machine runs
    strict = {True: 0, False: 0}
    lenient = {True: 0, False: 0}
    ceiling = {True: 0.0, False: 0.0}  # what an oracle ranking every holder of the fragment first would score
    rare = {True: [0, 0], False: [0, 0]}  # [queries, found] among fragments ten quotes or fewer hold
    for query, fragment, sid, with_typo in queries:
        t, c = time.perf_counter(), time.process_time()
        hits = index.search(query, 10)
        latencies[with_typo].append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        source_cluster = db.execute("SELECT coalesce(cluster_id, id) FROM statements WHERE id = ?",
                                    [sid]).fetchone()[0]
        ids = [h.statement_id for h in hits]
        clusters = {row[0] for row in db.execute(
            f"SELECT coalesce(cluster_id, id) FROM statements WHERE id IN ({','.join('?' * len(ids))})", ids)}
        strict[with_typo] += source_cluster in clusters
        held = holders(db, fragment)
        ceiling[with_typo] += min(1.0, 10 / max(1, held))
        if held <= 10:
            rare[with_typo][0] += 1
            rare[with_typo][1] += source_cluster in clusters
        lenient[with_typo] += any(holds_in_order(search.tokens(h.text), fragment) for h in hits)

    keystrokes, keystrokes_cpu = [], []
    for query, *_ in queries[:keystroke_queries]:
        for end in range(1, len(query) + 1):
            t, c = time.perf_counter(), time.process_time()
            index.search(query[:end], 10)
            keystrokes.append((time.perf_counter() - t) * 1000)
            keystrokes_cpu.append((time.process_time() - c) * 1000)
    return dict(latencies=latencies, cpu=cpu, strict=strict, lenient=lenient, ceiling=ceiling, rare=rare,
                keystrokes=keystrokes, keystrokes_cpu=keystrokes_cpu)


def report(n: int, label: str, r: dict, count: int, keystroke_queries: int) -> None:
    every = r["latencies"][True] + r["latencies"][False]
    half = count // 2
    keys, strict, lenient, rare, ceiling = r["keystrokes"], r["strict"], r["lenient"], r["rare"], r["ceiling"]
    print(f"[{n:,}] {label}, whole queries ({count}): p50 {percentile(every, .5):.1f} ms, "
          f"p95 {percentile(every, .95):.1f} ms, max {max(every):.1f} ms "
          f"(exact p95 {percentile(r['latencies'][False], .95):.1f}, typo'd p95 {percentile(r['latencies'][True], .95):.1f}); "
          f"CPU time p50 {percentile(r['cpu'], .5):.1f} ms, p95 {percentile(r['cpu'], .95):.1f} ms")
    print(f"[{n:,}] {label}, every keystroke ({len(keys)} prefixes of {keystroke_queries} queries): "
          f"p50 {percentile(keys, .5):.1f} ms, p95 {percentile(keys, .95):.1f} ms, "
          f"max {max(keys):.1f} ms; CPU time p50 {percentile(r['keystrokes_cpu'], .5):.1f} ms, "
          f"p95 {percentile(r['keystrokes_cpu'], .95):.1f} ms")
    print(f"[{n:,}] {label}, recall@10 exact: strict {strict[False] / half:.3f} (ceiling {ceiling[False] / half:.3f}), "
          f"any {lenient[False] / half:.3f}, rare {rare[False][1] / max(1, rare[False][0]):.3f} ({rare[False][0]} queries); "
          f"typo'd: strict {strict[True] / half:.3f} (ceiling {ceiling[True] / half:.3f}), any {lenient[True] / half:.3f}, "
          f"rare {rare[True][1] / max(1, rare[True][0]):.3f} ({rare[True][0]} queries)")
    sys.stdout.flush()


def _has_dbstat(db) -> bool:
    try:
        db.execute("SELECT 1 FROM dbstat LIMIT 1").fetchall()
        return True
    except Exception:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--keystroke-queries", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--reuse-index", action="store_true", help="keep an index built by an earlier run")
    parser.add_argument("--workdir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")))
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.seed, args.queries, args.keystroke_queries)
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    for n in args.sizes:
        run(n, args.workdir, args.seed, args.queries, args.keystroke_queries, not args.reuse_index)


if __name__ == "__main__":
    main()
