"""Build a synthetic, news-like Dateline database of N timeline rows, made entirely by code.

    .venv/bin/python benchmarks/generate_db.py 1000000 /tmp/dateline-1m.db

Every document is a short article whose text holds its quotes and dated sentences at the offsets stored,
so the source view and citations work on it as on real imports. About 60% of rows are statements, the
rest events; 4% are undated; a tenth of quotes are carried by several outlets (shared cluster_id and
story_id), as wire copy is. Deterministic for a given N and --seed.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from store import open_db  # noqa: E402
from store import search, timeline, writes  # noqa: E402

_SYLLABLES = ("ka", "ro", "vel", "mar", "to", "lin", "dra", "sen", "or", "bel", "nik", "sa", "tor", "ven",
              "li", "gor", "an", "mi", "dus", "ker", "pal", "rin", "zo", "ha", "quel", "ste", "bru", "ly")
_SUBJECTS = ("the government", "our ministry", "the coalition", "the central bank", "the opposition",
             "the committee", "the regional council", "our negotiators", "the union", "the navy",
             "the treaty", "the pipeline", "the budget", "the inquiry", "the ceasefire", "the tariff plan")
_VERBS = ("will not accept", "is ready to discuss", "strongly rejects", "has always supported", "cannot ignore",
          "will review", "must reconsider", "welcomes", "is deeply concerned about", "fully backs",
          "will challenge", "refuses to comment on", "is studying", "firmly condemns", "has postponed")
_OBJECTS = ("any unilateral change to the border", "the proposed transit fees", "hegemonic bullying",
            "the survey of the estuary", "new sanctions on grain exports", "the fishing quota",
            "a snap election", "the reform of the pension system", "talks without preconditions",
            "the detention of the crews", "the price cap on gas", "foreign interference in the vote",
            "the closure of the consulate", "the independent audit", "the plan for the new harbour",
            "the expulsion of the diplomats", "a second round of negotiations", "the withdrawal of troops")
_TAILS = ("", " at this stage", " under any circumstances", " in the coming weeks", " before the summit",
          " without a vote in parliament", " as a matter of principle", " for the time being")
_ROLES = ("foreign minister", "spokesperson", "prime minister", "president", "opposition leader",
          "senior official", "analyst", "central bank governor", "ambassador", "trade union leader")
_OUTLET_WORDS = ("Courier", "Herald", "Post", "Gazette", "Observer", "Daily", "Times", "Tribune",
                 "Chronicle", "Wire", "Ledger", "Monitor")
_PLACES = ("Valdor", "Kestrel", "Port Adelin", "Lessa", "Marrow", "Eastline", "Rivermark", "Atlas", "Solby",
           "Tarn")
_EVENTS = ("parliament voted on the measure", "the talks resumed in the capital", "the two sides signed a memorandum",
           "protesters gathered outside the ministry", "the coast guard detained two trawlers",
           "the court ruled against the government", "the central bank raised its key rate",
           "the ambassador was recalled for consultations", "the pipeline consortium announced delays",
           "a joint survey of the river was published")


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def _quote(rng: random.Random) -> str:
    text = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}{rng.choice(_TAILS)}"
    return text[0].upper() + text[1:]


def _date(rng: random.Random, start: date, span_days: int) -> tuple[str | None, str | None, date | None]:
    roll = rng.random()
    day = start + timedelta(days=rng.randrange(span_days))
    if roll < 0.04:
        return None, None, None
    if roll < 0.10:
        return f"{day.year}", "year", day
    if roll < 0.20:
        return f"{day.year}-{day.month:02d}", "month", day
    return day.isoformat(), "day", day


def generate(path: Path, rows: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = open_db(path)
    conn = db.conn
    conn.execute("PRAGMA synchronous=OFF")
    speakers = sorted({f"{_name(rng, 2)} {_name(rng, rng.choice((2, 3)))}" for _ in range(3000)})
    outlets = sorted({f"The {rng.choice(_PLACES)} {w}" for w in _OUTLET_WORDS for _ in range(4)})
    start, span = date(2000, 1, 1), 26 * 365
    started = time.perf_counter()
    with conn:
        conn.executemany("INSERT INTO speakers (id, name, kind) VALUES (?, ?, 'person')",
                         [(i + 1, n) for i, n in enumerate(speakers)])
        conn.execute("INSERT INTO sources (path, given_path, content_hash, format, imported_at) "
                     "VALUES ('synthetic', 'synthetic', '-', 'text', '2026-01-01T00:00:00+00:00')")
        made = doc_id = statement_id = event_id = 0
        documents, statements, events, recent = [], [], [], []
        while made < rows:
            doc_id += 1
            published_day = start + timedelta(days=rng.randrange(span))
            outlet = rng.choice(outlets)
            title = f"{rng.choice(_PLACES)}: {_quote(rng)[:60]}"
            parts, offset = [f"{title}\n\n"], len(title) + 2
            for _ in range(rng.randint(6, 14)):
                if made >= rows:
                    break
                value, precision, _day = _date(rng, start, span)
                if rng.random() < 0.6:
                    statement_id += 1
                    speaker = rng.randrange(len(speakers)) + 1 if rng.random() < 0.85 else None
                    quote = _quote(rng)
                    # Every quote has a cluster, as after an import's clustering: its own statement id, or for a
                    # wire copy the id of the statement that first carried the words.
                    shared = statement_id
                    if rng.random() < 0.1:  # wire copy: often the words another outlet already ran
                        if recent and rng.random() < 0.6:
                            quote, shared = rng.choice(recent)
                        else:
                            recent.append((quote, shared))
                            del recent[:-50]
                    lead = "“"
                    who = f"”, said {speakers[speaker - 1]}, the {rng.choice(_ROLES)}. " if speaker else "”, a statement said. "
                    q_start = offset + len(lead)
                    statements.append((statement_id, doc_id, quote, "statement", speaker,
                                       rng.choice(_ROLES) if speaker else None, q_start, q_start + len(quote),
                                       value, precision, shared))
                    sentence = lead + quote + who
                else:
                    event_id += 1
                    when = value or "recently"
                    sentence = f"On {when}, {rng.choice(_EVENTS)}. "
                    events.append((event_id, doc_id, value, precision, when, offset + 3, offset + 3 + len(when),
                                   sentence.strip(), offset, offset + len(sentence.strip())))
                parts.append(sentence)
                offset += len(sentence)
                made += 1
            documents.append((doc_id, f"synthetic-{doc_id}", "synthetic", "synthetic", doc_id, "text", title,
                              outlet, f"{_name(rng, 2)} {_name(rng, 2)}", f"https://example.org/{doc_id}",
                              published_day.isoformat(), "header", "".join(parts)))
            if len(documents) >= 2000:
                _flush(conn, documents, statements, events)
        _flush(conn, documents, statements, events)
        copies = conn.execute("SELECT COUNT(*) FROM statements WHERE cluster_id IN (SELECT cluster_id FROM statements "
                              "GROUP BY cluster_id HAVING COUNT(*) > 1)").fetchone()[0]
    n = timeline.rebuild(db)
    search.refresh(db)  # as an import does: the quote index follows the statements written
    writes.index_full_text(db)  # and the full-text indexes Datasette searches
    conn.execute("ANALYZE")
    conn.close()
    return {"rows": n, "documents": doc_id, "statements": statement_id, "events": event_id,
            "clustered": copies, "seconds": round(time.perf_counter() - started, 1)}


def _flush(conn, documents: list, statements: list, events: list) -> None:
    conn.executemany(
        "INSERT INTO documents (id, doc_key, source, source_path, source_index, format, title, outlet, author, url, "
        "published, published_from, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", documents)
    conn.executemany(
        'INSERT INTO statements (id, document_id, text, kind, speaker_id, speaker_role, start, "end", date, '
        "date_precision, cluster_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", statements)
    conn.executemany(
        "INSERT INTO events (id, document_id, date, date_precision, date_text, date_start, date_end, text, start, "
        '"end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', events)
    documents.clear()
    statements.clear()
    events.clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int)
    parser.add_argument("path", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(generate(args.path, args.rows, args.seed))


if __name__ == "__main__":
    main()
