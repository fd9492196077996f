"""The chronology renumbered after each import from the first date the import touched (store API): after any
sequence of imports the tables are exactly those a numbering from scratch gives, and the rows before the first
date touched keep their positions."""
from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from importers.model import Document, Event, Extraction, Statement
from store import open_db, schema, stories, timeline
from store.writes import save_file

# Fictional quotes; the wire ones are reprinted by several outlets, so they cluster.
HARBOUR = "The harbour will stay open through the winter whatever the council decides"
FERRY = "We have asked for the ferry timetable to be restored before the spring"
SCHOOL = "No school on the island will close while I hold this office"


def save(db, name: str, outlet: str, published: str | None, items: list[tuple]) -> None:
    """One article in a file of its own. Items: ("quote", words, speaker, date) or ("event", date); a date of
    None is undated. The article's text holds every item at the offsets stored."""
    parts, statements, events = [f"{outlet} report\n\n"], [], []
    for n, item in enumerate(items):
        offset = sum(map(len, parts))
        if item[0] == "quote":
            _, words, speaker, date = item
            parts.append(f"\u201c{words},\u201d said {speaker}. ")
            statements.append(Statement(words, offset + 1, offset + 1 + len(words), speaker=speaker,
                                        speaker_role="official", date=date,
                                        date_precision=_precision(date)))
        else:
            _, date = item
            sentence = f"Workers met the board on day {n} ({date or 'some time'}). "
            parts.append(sentence)
            events.append(Event(sentence.strip(), offset, offset + len(sentence) - 1, date, _precision(date),
                                date or "some time", offset, offset + 4))
    text = "".join(parts)
    document = Document(source=name, source_index=0, text=text, title=f"{outlet} report", outlet=outlet,
                        published=published)
    save_file(db, source_path=f"/fixture/{name}", given_path=name, digest=f"{name}:{text}", format="text",
              encoding="utf-8", warnings=[], results=[(document, Extraction(published=published,
                                                                            statements=statements,
                                                                            events=events))])


def _precision(date: str | None) -> str | None:
    return None if date is None else {4: "year", 7: "month"}.get(len(date), "day")


def after_import(db) -> None:
    """What an import does once its files are saved: cluster, then number the chronology."""
    stories.cluster_new(db)
    timeline.rebuild(db)


def tables(db) -> tuple[list, list]:
    return (db.execute("SELECT * FROM timeline ORDER BY position").fetchall(),
            db.execute("SELECT * FROM timeline_runs ORDER BY first_position").fetchall())


def assert_same_as_from_scratch(db) -> None:
    incremental = tables(db)
    assert not db.execute("SELECT COUNT(*) FROM timeline_changes").fetchone()[0]
    timeline.rebuild(db, full=True)
    assert tables(db) == incremental


def as_version_2(path) -> None:
    """Make the database what version 2 wrote: the same tables, numbered, without the table of changes, the
    ids numbered and their triggers."""
    old = sqlite3.connect(path)
    for (trigger,) in old.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                  "AND (sql LIKE '%timeline_changes%' OR sql LIKE '%timeline_numbered%')").fetchall():
        old.execute(f"DROP TRIGGER {trigger}")
    old.execute("DROP TABLE timeline_changes")
    old.execute("DROP TABLE timeline_numbered")
    old.execute("PRAGMA user_version = 2")
    old.commit()
    old.close()


def test_each_import_gives_the_table_a_numbering_from_scratch_gives(tmp_path):
    db = open_db(tmp_path / "t.db")
    # Older news first, so that what follows lands in the later half (a change to the earlier half of the
    # chronology renumbers it all: that costs less than renumbering most of it from the middle).
    save(db, "old.txt", "Harbour Post", "2010-02-01", [("event", f"2010-01-{day:02d}") for day in range(1, 29)])
    save(db, "a.txt", "Solby Courier", "2022-03-02", [
        ("event", "2022-03-01"), ("quote", HARBOUR, "Mara Velt", "2022-03-01"), ("event", "2021"),
        ("quote", SCHOOL, "Ilse Marovic", None), ("event", None)])
    save(db, "b.txt", "Tarn Ledger", "2022-03-03", [
        ("quote", HARBOUR, "Mara Velt", "2022-03-01"), ("event", "2022-03"), ("quote", FERRY, "Oren Talbeck",
                                                                              "2022-09-14")])
    save(db, "c.txt", "Kestrel Herald", None, [("event", "2023-01-10"), ("event", None)])
    after_import(db)
    assert_same_as_from_scratch(db)
    assert db.execute("SELECT COUNT(*) FROM timeline WHERE copies = 2").fetchone()[0] == 2

    # In the middle: a third copy of the harbour quote (its early rows counted again) and a dated event.
    early = db.execute("SELECT * FROM timeline WHERE date < '2022-03' ORDER BY position").fetchall()
    save(db, "d.txt", "Atlas Observer", "2022-03-05", [
        ("event", "2022-06-30"), ("quote", HARBOUR, "Mara Velt", "2022-03-01"), ("event", None)])
    after_import(db)
    assert db.execute("SELECT * FROM timeline WHERE date < '2022-03' ORDER BY position").fetchall() == early
    assert db.execute("SELECT DISTINCT copies, outlets FROM timeline WHERE cluster_id IS NOT NULL").fetchall() == \
        [(3, 3)]
    assert_same_as_from_scratch(db)

    # Before the articles (after the old news), with an earlier copy of the ferry quote: the later copy stops
    # being its cluster's shown row.
    save(db, "e.txt", "Eastline Daily", "2019-05-01", [
        ("quote", FERRY, "Oren Talbeck", "2019-04-30"), ("event", "2019-04-29"), ("quote", SCHOOL, "Ilse Marovic",
                                                                                  "2019")])
    after_import(db)
    assert timeline.page(db, 29, 1)[0].date == "2019"
    assert_same_as_from_scratch(db)

    # Only undated items.
    save(db, "f.txt", "Regional Digest", "2024-01-01", [("event", None), ("quote", SCHOOL, "Ilse Marovic", None)])
    after_import(db)
    assert_same_as_from_scratch(db)

    # A changed file: its old article goes (rows removed mid-chronology), the new one lands later.
    save(db, "d.txt", "Atlas Observer", "2022-03-05", [("event", "2024-02-02")])
    after_import(db)
    assert db.execute("SELECT DISTINCT copies FROM timeline WHERE cluster_id IS NOT NULL AND kind = 'statement' "
                      "AND item_id IN (SELECT id FROM statements WHERE text = ?)", [HARBOUR]).fetchall() == [(2,)]
    assert_same_as_from_scratch(db)

    # Clusters merged by another writer (a quote bridging two clusters): only counts and folding change.
    harbour, ferry = (db.execute("SELECT cluster_id FROM statements WHERE text = ?", [t]).fetchone()[0]
                      for t in (HARBOUR, FERRY))
    positions = db.execute("SELECT position, item_type, item_id FROM timeline ORDER BY position").fetchall()
    db.execute("UPDATE statements SET cluster_id = ? WHERE cluster_id = ?", [harbour, ferry])
    db.conn.commit()
    timeline.rebuild(db)
    assert db.execute("SELECT position, item_type, item_id FROM timeline ORDER BY position").fetchall() == positions
    assert_same_as_from_scratch(db)

    # A whole article removed: its clusters lose a copy.
    db.execute("DELETE FROM documents WHERE source_path = '/fixture/a.txt'")
    db.conn.commit()
    timeline.rebuild(db)
    assert_same_as_from_scratch(db)

    # Before everything: numbered from the start.
    save(db, "g.txt", "Tarn Ledger", "2005-06-01", [("event", "2005-05-31"), ("quote", FERRY, "Oren Talbeck", "2005")])
    after_import(db)
    assert timeline.page(db, 1, 1)[0].date == "2005"
    assert_same_as_from_scratch(db)


def test_a_later_import_keeps_the_positions_before_its_first_date(tmp_path):
    db = open_db(tmp_path / "t.db")
    for n in range(12):
        save(db, f"m{n}.txt", "Solby Courier", f"2020-{n + 1:02d}-15",
             [("event", f"2020-{n + 1:02d}-{d:02d}") for d in range(1, 9)])
    after_import(db)
    before = tables(db)[0]
    save(db, "late.txt", "Tarn Ledger", "2020-11-20", [("event", "2020-11-03"), ("event", None)])
    stories.cluster_new(db)
    written = db.conn.total_changes
    timeline.rebuild(db)
    incremental = db.conn.total_changes - written
    after = tables(db)[0]
    first_new = next(n for n, row in enumerate(after) if row[1:] != before[n][1:])
    assert after[:first_new] == before[:first_new] and after[first_new][4] >= "2020-11"
    written = db.conn.total_changes
    assert_same_as_from_scratch(db)
    # From 3 November on renumbered (a sixth of the rows), not the whole year.
    assert incremental * 4 < db.conn.total_changes - written


def test_a_version_2_database_is_upgraded_and_its_chronology_kept(tmp_path):
    path = tmp_path / "v2.db"
    db = open_db(path)
    save(db, "a.txt", "Solby Courier", "2022-03-02", [("event", "2022-03-01"), ("quote", FERRY, "Oren Talbeck",
                                                                                     "2022-03-01")])
    after_import(db)
    numbered = tables(db)
    db.conn.close()
    as_version_2(path)

    db = open_db(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION  # upgraded to the latest
    timeline.rebuild(db)
    assert tables(db) == numbered  # nothing written since: nothing renumbered
    save(db, "b.txt", "Tarn Ledger", "2022-03-04", [("event", "2022-02-01"), ("quote", FERRY, "Oren Talbeck",
                                                                              "2022-03-01")])
    after_import(db)
    assert len(tables(db)[0]) == 4 and timeline.page(db, 1, 1)[0].date == "2022-02-01"
    assert db.execute("SELECT DISTINCT copies FROM timeline WHERE kind = 'statement'").fetchall() == [(2,)]
    assert_same_as_from_scratch(db)


def test_an_interrupted_numbering_leaves_the_chronology_and_its_indexes_as_they_were(tmp_path):
    db = open_db(tmp_path / "t.db")
    save(db, "a.txt", "Solby Courier", "2022-03-02", [("event", "2022-03-01"), ("quote", FERRY, "Oren Talbeck",
                                                                                     "2022-03-01")])
    after_import(db)
    indexes = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'timeline' ORDER BY name"
    before = tables(db), db.execute(indexes).fetchall()
    # The renumbering breaks off once the old rows are gone (as a Ctrl-C or a full disk would).
    db.execute("CREATE TEMP TRIGGER interrupt BEFORE INSERT ON timeline BEGIN SELECT RAISE(ABORT, 'stop'); END")
    with pytest.raises(sqlite3.DatabaseError):
        timeline.rebuild(db, full=True)
    db.conn.close()
    reopened = open_db(tmp_path / "t.db")
    assert (tables(reopened), reopened.execute(indexes).fetchall()) == before


def test_a_chronology_a_version_2_import_left_unnumbered_is_numbered_after_the_upgrade(tmp_path):
    """A version 2 import broken off after saving its files and before numbering the chronology left rows out
    of it (version 2 numbered everything at the next import; no change was noted). The first import after the
    upgrade numbers it all."""
    path = tmp_path / "v2.db"
    db = open_db(path)
    save(db, "a.txt", "Solby Courier", "2022-03-02", [("event", "2022-03-01")])
    after_import(db)
    save(db, "early.txt", "Tarn Ledger", "2010-05-02", [("event", "2010-05-01")])  # saved, never numbered
    db.conn.close()
    as_version_2(path)

    db = open_db(path)
    save(db, "late.txt", "Kestrel Herald", "2023-01-02", [("event", "2023-01-01")])
    after_import(db)
    assert [row.date for row in timeline.page(db, 1, 3)] == ["2010-05-01", "2022-03-01", "2023-01-01"]
    assert_same_as_from_scratch(db)


def as_version_3(path) -> None:
    """Make the database what version 3 wrote: the same tables, its added events and statements noted in
    timeline_changes by a trigger each (taken from a database that version 3's migrations made)."""
    scratch = sqlite_utils.Database(memory=True)
    for migration in schema.MIGRATIONS[:3]:
        migration(scratch)
    triggers = [sql for (sql,) in scratch.execute(
        "SELECT sql FROM sqlite_master WHERE name IN ('events_timeline_insert', 'statements_timeline_insert')")]
    assert len(triggers) == 2
    old = sqlite3.connect(path)
    for (trigger,) in old.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                  "AND sql LIKE '%timeline_numbered%'").fetchall():
        old.execute(f"DROP TRIGGER {trigger}")
    old.execute("DROP TABLE timeline_numbered")
    for sql in triggers:
        old.execute(sql)
    old.execute("PRAGMA user_version = 3")
    old.commit()
    old.close()


def test_a_version_3_database_with_rows_not_yet_numbered_is_upgraded_and_numbers_them(tmp_path):
    path = tmp_path / "v3.db"
    db = open_db(path)
    save(db, "a.txt", "Solby Courier", "2022-03-02", [("event", f"2022-03-{d:02d}") for d in range(1, 20)])
    after_import(db)
    db.conn.close()
    as_version_3(path)
    old = sqlite_utils.Database(path)
    old.execute("PRAGMA foreign_keys = ON")
    # Saved by version 3 and never numbered (an import broken off): its rows noted by the triggers.
    save(old, "b.txt", "Tarn Ledger", "2022-03-21", [("event", "2022-03-20"), ("quote", FERRY, "Oren Talbeck",
                                                                              "2022-03-20")])
    assert old.execute("SELECT COUNT(*) FROM timeline_changes").fetchone()[0] == 2
    old.conn.close()

    db = open_db(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert timeline.behind(db)
    before = tables(db)[0]
    save(db, "c.txt", "Kestrel Herald", "2022-03-23", [("event", "2022-03-22"), ("quote", FERRY, "Oren Talbeck",
                                                                                 "2022-03-20")])
    after_import(db)
    assert tables(db)[0][:19] == before  # the earlier dates kept their rows
    assert [row.date for row in timeline.page(db, 20, 4)] == ["2022-03-20", "2022-03-20", "2022-03-20", "2022-03-22"]
    assert db.execute("SELECT DISTINCT copies FROM timeline WHERE kind = 'statement'").fetchall() == [(2,)]
    assert not timeline.behind(db)
    assert_same_as_from_scratch(db)


def test_rows_another_program_adds_or_deletes_are_numbered(tmp_path):
    """Datasette, sqlite-utils or the sqlite3 shell write rows without Dateline: the next numbering finds
    them, also when a deleted last row's id is given again to a new one."""
    db = open_db(tmp_path / "t.db")
    for n in range(4):
        save(db, f"m{n}.txt", "Solby Courier", f"2020-0{n + 1}-15", [("event", f"2020-0{n + 1}-0{d}") for d in (1, 2)])
    after_import(db)
    other = sqlite3.connect(tmp_path / "t.db")
    document = other.execute("SELECT MAX(id) FROM documents").fetchone()[0]
    insert = ('INSERT INTO events (document_id, date, date_precision, date_text, date_start, date_end, text, start, '
              '"end") VALUES (?, ?, \'day\', \'then\', 0, 4, \'Workers met.\', 0, 12)')
    other.execute(insert, [document, "2020-01-10"])
    other.commit()
    assert timeline.behind(db)
    timeline.rebuild(db)
    assert [row.date for row in timeline.page(db, 1, 4)] == ["2020-01-01", "2020-01-02", "2020-01-10", "2020-02-01"]
    assert_same_as_from_scratch(db)

    last = other.execute("SELECT MAX(id) FROM events").fetchone()[0]
    other.execute("DELETE FROM events WHERE id = ?", [last])
    other.commit()
    timeline.rebuild(db)
    other.execute(insert, [document, "2020-03-20"])  # takes the deleted row's id
    other.commit()
    assert other.execute("SELECT MAX(id) FROM events").fetchone()[0] == last
    timeline.rebuild(db)
    assert "2020-03-20" in [row.date for row in timeline.page(db, 1, 9)]
    assert_same_as_from_scratch(db)
