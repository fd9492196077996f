"""What importing one small article into a big database costs, and how much of it is renumbering the chronology.
Prints figures.

    .venv/bin/python benchmarks/timeline_bench.py                # a copy of /tmp/dateline-1m.db (made if missing)
    .venv/bin/python benchmarks/timeline_bench.py /path/to/a.db  # a copy of the database given

The database is copied first (the imports change it). Then, each in turn, one short article is imported
through the real pipeline (``import_paths``): dated late in the chronology, dated early in it, and undated.
For each: wall and CPU time of the whole import and of ``timeline.rebuild`` within it (which renumbers from
the first date the article touched), and how many rows it renumbered. Last, the full renumbering from
scratch (``rebuild(full=True)``): what every import paid before.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from importers.pipeline import import_paths  # noqa: E402
from store import open_db, search, stories, timeline, writes  # noqa: E402

# A fictional article, written for this benchmark.
ARTICLE = """Ferry service to the outer islands resumes

{dateline}The ferry between Port Adelin and the outer islands will run again from {when}, the harbour office said,
after a winter without a crossing. \u201cWe kept our promise to the islanders,\u201d said harbour master Ines Kalvo.
The last crossing ran on {last}, before the storms damaged the pier.
"""

CASES = [  # (what, published, the dates in the text)
    ("dated late (2025)", "2025-03-02", "PORT ADELIN, 2 March 2025 \u2014 ", "14 March 2025", "3 November 2024"),
    ("dated early (2001)", "2001-03-02", "PORT ADELIN, 2 March 2001 \u2014 ", "14 March 2001", "3 November 2000"),
    ("undated", None, "", "the spring", "the autumn"),
]


def timed(fn, *args, **kwargs):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/dateline-1m.db")
    if not source.exists():
        sys.path.insert(0, str(REPO / "benchmarks"))
        from generate_db import generate

        print(f"generating {source} (1,000,000 rows)…", flush=True)
        generate(source, 1_000_000)
    with tempfile.TemporaryDirectory(dir="/tmp") as tmp:
        path = Path(tmp) / "bench.db"
        open_db(source).conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the copy holds every page
        shutil.copyfile(source, path)
        db = open_db(path)
        # What an import does after saving, for anything written since: so each case pays only its own.
        writes.index_full_text(db)
        stories.cluster_new(db)
        timeline.rebuild(db)
        search.refresh(db)
        print(f"{source.name} (copied): {timeline.count(db):,} rows in the chronology")
        rebuilds: list[tuple[float, float, int]] = []
        original = timeline.rebuild

        def recording_rebuild(db, full=False):
            before = db.conn.total_changes
            result, wall, cpu = timed(original, db, full)
            rebuilds.append((wall, cpu, db.conn.total_changes - before))
            return result

        timeline.rebuild = recording_rebuild
        for n, (what, published, dateline, when, last) in enumerate(CASES):
            article = Path(tmp) / f"ferry{n}.txt"
            article.write_text(ARTICLE.format(dateline=dateline, when=when, last=last), encoding="utf-8")
            rebuilds.clear()
            report, wall, cpu = timed(import_paths, db, [str(article)], published=published)
            r_wall, r_cpu, written = rebuilds[0]
            print(f"  import 1 article {what}: {report.statements} quote(s), {report.events} event(s); "
                  f"import {wall:.2f} s wall, {cpu:.2f} s CPU; of which the chronology {r_wall:.2f} s wall, "
                  f"{r_cpu:.2f} s CPU ({written:,} rows written)")
        timeline.rebuild = original
        _, wall, cpu = timed(timeline.rebuild, db, full=True)
        print(f"  the whole chronology numbered from scratch (what each import paid before): {wall:.2f} s wall, "
              f"{cpu:.2f} s CPU")
        print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs while measuring")
        db.conn.close()


if __name__ == "__main__":
    main()
