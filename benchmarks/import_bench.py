"""Import throughput with full extraction: articles/s, words/s and peak memory, on one core and with --jobs.

    .venv/bin/python benchmarks/import_bench.py                 # 10,000 articles, --jobs 1 and 2
    .venv/bin/python benchmarks/import_bench.py --articles 20000 --jobs 1 4

Writes a corpus of plain-text articles made entirely by code (wire copy with datelines, British and American
dates, header lines, live blogs with timestamps, opinion pieces with scare quotes; every article carries
quotes with attributions and a dozen date expressions) into a temporary folder, then runs
`dateline import` on it in a fresh process per setting (so peak memory is that run's own) and prints one
line per setting, after a first line for reading and extraction alone (no database), which shows how the
time divides. Each line gives wall-clock time and CPU time (of the process and its workers: on a shared
machine wall time varies with the load, printed with each line), and articles/s by each.
Deterministic for a given --seed. The target is 500 articles/s on one core.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_SYLLABLES = ("ka", "ro", "vel", "mar", "to", "lin", "dra", "sen", "or", "bel", "nik", "sa", "tor", "ven",
              "li", "gor", "an", "mi", "dus", "ker", "pal", "rin", "zo", "ha", "quel", "ste", "bru", "ly")
_ROLES = ("Foreign Minister", "Defence Minister", "President", "Prime Minister", "government spokesman",
          "opposition leader", "central bank governor", "Trade Envoy")
_INSTITUTIONS = ("the defence ministry", "the foreign ministry", "state television", "the central bank",
                 "the port authority", "the election commission")
_TOPICS = ("the pipeline treaty", "the fishing quota", "the border survey", "the grain deal", "the tariff plan",
           "the ceasefire talks", "the harbour expansion", "the pension reform", "the river commission")
_VERBS_PAST = ("signed", "rejected", "postponed", "approved", "criticised", "welcomed", "suspended", "reviewed")
_SUBJECTS = ("we", "our government", "the coalition", "this ministry", "nobody in this room", "the navy",
             "our negotiators", "the other side", "the committee", "my party", "the union", "the treaty")
_QUOTE_VERBS = ("will not accept", "is ready to discuss", "rejects", "has always supported", "cannot ignore",
                "will review", "must reconsider", "welcomes", "is worried about", "backs", "will challenge",
                "is studying", "condemns", "has postponed", "will defend", "never promised")
_OBJECTS = ("any change to the border", "the transit fees", "the survey of the estuary", "new sanctions on grain",
            "the fishing quota", "a snap election", "the pension reform", "talks without preconditions",
            "the detention of the crews", "the price cap on gas", "the closure of the consulate",
            "the independent audit", "the plan for the new harbour", "a second round of talks")
_TAILS = ("", " at this stage", " under any circumstances", " in the coming weeks", " before the summit",
          " without a vote in parliament", " as a matter of principle", " for the time being")
# Filler vocabulary: real articles differ in most of their words, which story clustering relies on.
_VOCABULARY = """harbour freight tariff quota survey estuary ballot coalition budget cabinet ministry envoy
treaty strait ferry radar inquiry pension subsidy wheat barley tanker pipeline customs border patrol
trawler crew court appeal ruling deficit inflation export import levy council mayor province district
village island bridge tunnel railway depot warehouse terminal convoy drought harvest flood storm levee
dike reservoir turbine grid outage strike union wage contract tender audit scandal resignation reshuffle
summit communique memorandum protocol annex clause amendment veto quorum motion hearing verdict""".split()
_SAY = ("said", "told reporters", "added", "warned", "insisted", "said on {weekday}", "told parliament")


def _name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    return f"{word()} {word()}"


def _place(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _day_uk(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def _day_us(d: date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


def _paragraphs(rng: random.Random, published: date, us: bool) -> list[str]:
    """Body paragraphs: dated sentences in many forms, quotes with attributions, some numbers that are not dates."""
    people = [(_name(rng), rng.choice(_ROLES)) for _ in range(3)]
    weekday = (published - timedelta(days=rng.randint(0, 6))).strftime("%A")
    past = published - timedelta(days=rng.randint(20, 400))
    ahead = published + timedelta(days=rng.randint(10, 200))
    write = _day_us if us else _day_uk
    out = []
    for i in range(rng.randint(6, 10)):
        name, role = people[i % 3]
        topic = rng.choice(_TOPICS)
        kind = rng.randrange(8)
        if kind == 0:
            text = (f"{role} {name} {rng.choice(_VERBS_PAST)} {topic} on {weekday}, saying talks that began in "
                    f"{past:%B %Y} had run their course.")
        elif kind == 1:
            text = (f"\u201c{_quote(rng)},\u201d {name} " + rng.choice(_SAY).format(weekday=weekday)
                    + f". The agreement of {write(past)} was meant to settle the matter for {rng.randint(3, 9)} years.")
        elif kind == 2:
            text = (f"{rng.choice(_INSTITUTIONS).capitalize()} said a summit would be held on {write(ahead)}, "
                    f"and that a draft would be ready next month.")
        elif kind == 3:
            text = (f"The dispute has simmered since {rng.randint(1990, 2015)}, when {rng.randint(2, 40)} boats "
                    f"were seized; costs have risen {rng.randint(5, 60)}% to ${rng.randint(2, 90)} million since the "
                    f"mid-{rng.choice(('1990s', '2000s'))}.")
        elif kind == 4:
            text = (f"Last week {name}, {rng.randint(30, 75)}, met envoys in {_place(rng)}; yesterday the "
                    f"{rng.choice(('upper house', 'cabinet', 'committee'))} voted {rng.randint(60, 120)} to "
                    f"{rng.randint(10, 59)} to back {topic}.")
        elif kind == 5:
            numeric = f"{past:%m/%d/%Y}" if us else f"{past:%d/%m/%Y}"
            text = (f"A report dated {numeric} found that {topic} would cost more than planned, "
                    f"according to {name}, who called it \u2018a warning, not a verdict\u2019.")
        elif kind == 6:
            text = (f"In early {ahead:%B}, the commission will publish its findings; {name} said two weeks ago "
                    f"that the 2019 rules still applied.")
        else:
            text = (f"\u201c{_quote(rng)}. {_quote(rng)},\u201d said {name}, the {role.lower()}, "
                    f"who has held the post since {past.year - rng.randint(1, 8)}.")
        out.append(text + " " + _filler(rng))
    return out


def _quote(rng: random.Random) -> str:
    a, b = rng.sample(_VOCABULARY, 2)
    text = (f"{rng.choice(_SUBJECTS)} {rng.choice(_QUOTE_VERBS)} {rng.choice(_OBJECTS)} and the {a} {b}"
            f"{rng.choice(_TAILS)}")
    return text[0].upper() + text[1:]


def _filler(rng: random.Random) -> str:
    """Background in words drawn at random: real articles share few word sequences unless one reprints another."""
    sentences = []
    for _ in range(rng.randint(1, 3)):
        words = rng.choices(_VOCABULARY, k=rng.randint(10, 22))
        sentences.append(f"{words[0].capitalize()} {' '.join(words[1:])}.")
    return " ".join(sentences)


def article(rng: random.Random, n: int) -> str:
    published = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
    title = f"{_place(rng)} and {_place(rng)} clash over {rng.choice(_TOPICS)}"
    shape = n % 4
    us = rng.random() < 0.5
    body = _paragraphs(rng, published, us)
    if shape == 0:  # wire copy: the dateline gives day and month, the body gives the year
        place = _place(rng).upper()
        month_day = f"{published:%b} {published.day}" if us else f"{published.day} {published:%B}"
        body[0] = f"{place}, {month_day} (Meridian) - {body[0]}"
        return f"{title}\n\n" + "\n\n".join(body) + "\n"
    if shape == 1:  # header line
        return f"Date: {_day_uk(published)} Author: {_name(rng)}\n\n{title}\n\n" + "\n\n".join(body) + "\n"
    if shape == 2:  # live blog: a day heading, then timestamped entries
        entries = [f"{9 + i}:{rng.randint(0, 59):02d} {p}" for i, p in enumerate(body)]
        return f"Live: {title}\n\n{published:%A} {_day_uk(published)}\n\n" + "\n\n".join(entries) + "\n"
    # opinion: a byline and a date line under the headline, scare quotes
    return (f"Opinion | {title}\n\nBy {_name(rng)}\n{_day_us(published) if us else _day_uk(published)}\n\n"
            + "\n\n".join(body) + "\n\nThe so-called \u201cframework\u201d is nothing of the kind.\n")


def write_corpus(folder: Path, n: int, seed: int) -> tuple[int, int]:
    """N article files; one in ten reprints an earlier article under another headline, as wire copy is."""
    rng = random.Random(seed)
    words = 0
    recent: list[str] = []
    for i in range(n):
        if i % 10 == 9 and recent:
            body = rng.choice(recent).split("\n", 1)[1]
            text = f"{_place(rng)} {rng.choice(_TOPICS)} row: reprint\n{body}"
        else:
            text = article(rng, i)
            recent = (recent + [text])[-50:]
        words += len(text.split())
        (folder / f"{i // 1000:03d}").mkdir(exist_ok=True)
        (folder / f"{i // 1000:03d}" / f"article_{i:06d}.txt").write_text(text, encoding="utf-8")
    return n, words


def run_import(folder: str, db: str, jobs: int) -> dict:
    """One import in this process; what the parent prints."""
    sys.path.insert(0, str(ROOT))
    from importers.pipeline import import_paths
    from store import open_db

    database = open_db(Path(db))
    started, cpu = time.perf_counter(), _cpu_seconds()
    report = import_paths(database, [folder], jobs=jobs)
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": seconds, "cpu": cpu, "documents": report.documents, "events": report.events,
            "statements": report.statements, "failed": len(report.failed),
            "peak_mb": (rss_kb + (children_kb * jobs if jobs > 1 else 0)) / 1024}


def run_extract_only(folder: str) -> dict:
    """Reading and extraction alone, on one core, without the store: what the importer's workers do."""
    sys.path.insert(0, str(ROOT))
    from importers.extract import extract
    from importers.readers import SNIFF_BYTES, reader_for

    started, cpu = time.perf_counter(), _cpu_seconds()
    documents = 0
    for path in sorted(Path(folder).rglob("*.txt")):
        data = path.read_bytes()
        for doc in reader_for(path, data[:SNIFF_BYTES]).read(str(path), data).documents:
            extract(doc)
            documents += 1
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    return {"seconds": seconds, "cpu": cpu, "documents": documents,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _cpu_seconds() -> float:
    """User and system time of this process and of its finished workers."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--run", nargs=3, metavar=("FOLDER", "DB", "JOBS"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.run:
        jobs = int(a.run[2])
        print(json.dumps(run_extract_only(a.run[0]) if jobs == 0 else run_import(a.run[0], a.run[1], jobs)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        started = time.perf_counter()
        n, words = write_corpus(corpus, a.articles, a.seed)
        print(f"corpus: {n} articles, {words} words, written in {time.perf_counter() - started:.1f} s")
        for jobs in [0] + a.jobs:  # 0: reading and extraction only, no store
            db = Path(tmp) / f"bench-{jobs}.db"
            out = subprocess.run([sys.executable, __file__, "--run", str(corpus), str(db), str(jobs)],
                                 capture_output=True, text=True, check=True)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            label = "extract only" if jobs == 0 else f"--jobs {jobs}"
            counts = "" if jobs == 0 else (f", {r['statements']} statements, {r['events']} events, "
                                           f"{r['failed']} failed")
            print(f"{label:>12}: {r['documents'] / r['seconds']:7.0f} articles/s  "
                  f"{words / r['seconds']:9.0f} words/s  peak {r['peak_mb']:6.0f} MB  "
                  f"({r['documents']} documents{counts}, {r['seconds']:.1f} s)")
            print(f"{'':>12}  CPU {r['cpu']:.1f} s: {r['documents'] / r['cpu']:.0f} articles/s per CPU second, "
                  f"{1000 * r['cpu'] / r['documents']:.2f} ms/article; load average {os.getloadavg()[0]:.1f} "
                  f"on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
