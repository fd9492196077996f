"""HTML import throughput: pages per second through `import_paths` (read, extract, save, cluster).

Generates synthetic saved pages (site chrome, JSON-LD, a few hundred words of article with quotes; some pages
are reprints of others, so story clustering has work to do) in a temporary folder and imports them into a
fresh database, then reports the figures. Also times the HTML reader alone, to show where the time goes.

    .venv/bin/python benchmarks/html_bench.py [--pages 500] [--jobs 1]
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

WORDS = ("harbour council ferry crews union minister budget river bridge school station market reservoir "
         "talks vote strike rise weather road board plan report week month spokesman officials residents "
         "commuters farmers pay night shift timetable repairs survey grant museum library festival").split()
NAMES = ["Marta Ilves", "Oskar Venn", "Agnes Moravec", "Ben Oduya", "Hanne Solberg", "Lena Fairbrook"]

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<meta property="og:site_name" content="{outlet}">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{title}",
 "datePublished": "2023-{month:02d}-{day:02d}T{hour:02d}:10:00+02:00", "author": {{"name": "{author}"}}}}</script>
</head><body>
<header><a href="/">{outlet}</a><nav><ul>{nav}</ul></nav></header>
<main><article><h1>{title}</h1>
{paragraphs}
</article></main>
<aside><h3>Most read</h3><ul>{nav}</ul></aside>
<footer><p>&copy; {outlet}</p><p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></p></footer>
</body></html>
"""


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(12, 24))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def article(rng: random.Random) -> list[str]:
    paragraphs = []
    for _ in range(rng.randint(6, 10)):
        if rng.random() < 0.35:
            quote = " ".join(rng.choices(WORDS, k=rng.randint(8, 16))).capitalize()
            paragraphs.append(f"\u201c{quote},\u201d said {rng.choice(NAMES)} on {rng.randint(1, 28)} May.")
        else:
            paragraphs.append(" ".join(sentence(rng) for _ in range(rng.randint(2, 4))))
    return paragraphs


def write_pages(folder: Path, n: int, seed: int = 3) -> int:
    rng = random.Random(seed)
    nav = "".join(f'<li><a href="/{w}">{w.title()}</a></li>' for w in WORDS[:12])
    stories: list[list[str]] = []
    total = 0
    for i in range(n):
        if stories and rng.random() < 0.25:  # a reprint, trimmed
            paragraphs = rng.choice(stories)
            paragraphs = paragraphs[: max(3, int(len(paragraphs) * rng.uniform(0.6, 1.0)))]
        else:
            paragraphs = article(rng)
            stories.append(paragraphs)
        page = PAGE.format(title=sentence(rng)[:60].rstrip("."), outlet=f"Outlet {i % 17}", nav=nav,
                           author=rng.choice(NAMES), month=rng.randint(1, 12), day=rng.randint(1, 28),
                           hour=rng.randint(0, 23), paragraphs="\n".join(f"<p>{p}</p>" for p in paragraphs))
        data = page.encode("utf-8")
        total += len(data)
        (folder / f"page_{i:05d}.html").write_bytes(data)
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()

    from importers.pipeline import import_paths
    from importers.readers.html import read as read_html
    from store import open_db

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        size = write_pages(folder, args.pages)
        files = sorted(folder.iterdir())

        read_html(str(files[0]), files[0].read_bytes())  # warm up: imports, trafilatura's first-call setup
        t = time.perf_counter()
        for f in files:
            read_html(str(f), f.read_bytes())
        reader_seconds = time.perf_counter() - t

        db = open_db(Path(tmp) / "bench.db")
        t = time.perf_counter()
        report = import_paths(db, [str(folder)], jobs=args.jobs)
        import_seconds = time.perf_counter() - t
        stories = db.execute("SELECT COUNT(DISTINCT story_id) FROM documents").fetchone()[0]

    print(f"{args.pages} pages, {size / 1e6:.1f} MB, jobs={args.jobs}")
    print(f"HTML reader alone (trafilatura + metadata): {args.pages / reader_seconds:.1f} pages/s "
          f"({reader_seconds * 1000 / args.pages:.1f} ms/page)")
    print(f"full import (read, extract, save, cluster, index): {args.pages / import_seconds:.1f} pages/s "
          f"({import_seconds * 1000 / args.pages:.1f} ms/page, {size / 1e6 / import_seconds:.2f} MB/s)")
    print(f"{report.summary()}; {stories} stories")


if __name__ == "__main__":
    main()
