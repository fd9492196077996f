"""The store side of an import, without extraction: saving, story and quote clustering, timeline, search index.

    .venv/bin/python benchmarks/store_bench.py                      # 10,000 articles, then 1,000 more
    .venv/bin/python benchmarks/store_bench.py --articles 30000     # a base of ~100,000 statements

Writes the corpus of benchmarks/import_bench.py (made by code; one article in ten reprints an earlier one),
reads and extracts it once (cached under the temporary folder, so runs that change only the store are quick),
then saves it into a fresh database as `dateline import` does (files batched into transactions, each in its
own savepoint) and prints, per
stage, milliseconds per article and the store's articles/s (saving plus clustering). A second import of
--more articles of another seed into the now full database shows how the cost grows with what is stored:
it should stay flat, since an import reads only the rows its own quotes and documents can match.
"""
from __future__ import annotations

import argparse
import os
import pickle
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import import_bench  # noqa: E402
from importers.pipeline import BULK_CHECKPOINT_PAGES, IMPORT_CACHE_KB, prepare  # noqa: E402
from importers.readers import iter_files  # noqa: E402
from store import open_db, search_index, stories, timeline  # noqa: E402
from store.writes import FileBatches, Speakers, forget_missing_speakers, index_full_text, save_file  # noqa: E402


def _prepare(args):
    return prepare(*args)


def prepared_corpus(work: Path, articles: int, seed: int, jobs: int) -> list:
    """The corpus read and extracted, from the cache when an earlier run made it."""
    cache = work / f"prepared-{articles}-{seed}.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    folder = work / f"corpus-{articles}-{seed}"
    folder.mkdir(parents=True, exist_ok=True)
    import_bench.write_corpus(folder, articles, seed)
    args = [(str(p.resolve()), given, f"{seed}:{given}", None, None) for p, given in iter_files([str(folder)])]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        prepared = list(pool.map(_prepare, args, chunksize=16))
    cache.write_bytes(pickle.dumps(prepared))
    return prepared


class Stopwatch:
    """Wall-clock and CPU time of one stage: on a shared machine the CPU time is the figure that repeats."""

    def __init__(self):
        self.wall = self.cpu = 0.0

    def __enter__(self):
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall += time.perf_counter() - self._wall
        self.cpu += time.process_time() - self._cpu


def store_import(db, prepared: list) -> dict:
    """What import_paths does after extraction, each stage timed."""
    timings = {name: Stopwatch() for name in ("save", "stories", "quotes", "timeline", "search")}
    db.execute(f"PRAGMA wal_autocheckpoint = {BULK_CHECKPOINT_PAGES}")  # as import_paths does
    db.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KB}")
    db.execute("PRAGMA temp_store = MEMORY")  # savepoint journals in memory while saving, as import_paths does
    speakers = Speakers(db)
    statements = 0
    with timings["save"]:
        with FileBatches(db) as batches:
            for p in prepared:
                saved = save_file(db, source_path=p.path, given_path=p.given_path, digest=p.digest,
                                  format=p.format or "text", encoding=p.encoding, warnings=p.warnings,
                                  results=p.results, speakers=speakers)
                statements += saved.statements
                batches.saved()
        db.execute("PRAGMA temp_store = DEFAULT")
        forget_missing_speakers(db)
        index_full_text(db)
    for name, stage in (("stories", stories.cluster_documents), ("quotes", stories.cluster_statements),
                        ("timeline", timeline.rebuild), ("search", search_index.refresh)):
        with timings[name]:
            stage(db)
    with timings["save"]:  # the log copied back into the database: part of saving
        db.execute("PRAGMA wal_autocheckpoint = 1000")
        db.execute("PRAGMA wal_checkpoint(PASSIVE)")
    return {"statements": statements, **timings}


def report(label: str, db, n: int, t: dict) -> None:
    stored = db.execute("SELECT COUNT(*) FROM statements").fetchone()[0]
    store = [t["save"], t["stories"], t["quotes"]]
    wall, cpu = sum(w.wall for w in store), sum(w.cpu for w in store)
    stages = ", ".join(f"{k} {1000 * t[k].cpu / n:.2f}" for k in ("save", "stories", "quotes"))
    print(f"{label}: {n} articles, {t['statements']} statements (db now {stored}); CPU ms/article: {stages} "
          f"-> store {n / cpu:.0f} articles/s on CPU time ({n / wall:.0f}/s wall-clock); "
          f"timeline rebuild {t['timeline'].cpu:.2f} s CPU ({t['timeline'].wall:.2f} wall), "
          f"search refresh {t['search'].cpu:.2f} s CPU; load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--more", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2, help="processes for the one-off extraction")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "dateline-store-bench")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    base = prepared_corpus(args.work, args.articles, args.seed, args.jobs)
    more = prepared_corpus(args.work, args.more, args.seed + 1000, args.jobs)
    db_path = args.work / "bench.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    db = open_db(db_path)
    report("fresh db", db, len(base), store_import(db, base))
    report("import into it", db, len(more), store_import(db, more))


if __name__ == "__main__":
    main()
