"""The store's API: schema, idempotent imports, paging the chronology by position."""
import sqlite3

import sqlite_utils

from importers.pipeline import import_paths
from store import open_db
from store import timeline
from store.schema import SCHEMA_VERSION
from tests.conftest import SAMPLES

ARTICLE = """Bridge reopens after repairs

The Lessa road bridge reopened on 12 June 2024 after eight months of repairs, the transport office said.
Engineers first closed it on 4 October 2023. \u201cIt is safer than the day it was built,\u201d said engineer Ada Brun.
"""


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_schema_is_versioned_with_wal_and_foreign_keys(db_path):
    db = open_db(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert {"documents", "statements", "events", "speakers", "sources", "timeline"} <= set(db.table_names())
    db.conn.close()
    # Reopening migrates nothing and keeps the version.
    assert open_db(db_path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_database_from_a_newer_dateline_is_refused(db_path):
    open_db(db_path).conn.close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    try:
        open_db(db_path)
    except RuntimeError as exc:
        assert "newer Dateline" in str(exc)
    else:
        raise AssertionError("a newer schema must not be opened")


def test_import_is_idempotent_and_a_changed_file_replaces_its_documents(db_path, tmp_path):
    db = open_db(db_path)
    article = write(tmp_path / "bridge.txt", ARTICLE)
    first = import_paths(db, [article])
    assert (first.documents, len(first.failed)) == (1, 0)
    ids = [r[0] for r in db.execute("SELECT id FROM documents")]
    again = import_paths(db, [article])
    assert (again.documents, again.unchanged) == (0, 1)
    assert [r[0] for r in db.execute("SELECT id FROM documents")] == ids

    write(tmp_path / "bridge.txt", ARTICLE.replace("Ada Brun", "Ada Brunner"))
    changed = import_paths(db, [article])
    assert changed.documents == 1
    assert db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1
    assert db.execute("SELECT text FROM documents").fetchone()[0].count("Ada Brunner") == 1
    # The replaced document's statements went with it; the speaker no one quotes any more is gone.
    names = [r[0] for r in db.execute("SELECT name FROM speakers")]
    assert "Ada Brun" not in names


def test_the_same_text_in_two_files_is_two_documents(db_path, tmp_path):
    db = open_db(db_path)
    a = write(tmp_path / "a.txt", ARTICLE)
    b = write(tmp_path / "b.txt", ARTICLE)
    assert import_paths(db, [a, b]).documents == 2


def test_timeline_pages_by_position_in_date_order(db_path):
    db = open_db(db_path)
    import_paths(db, [str(SAMPLES)])
    total = timeline.count(db)
    assert total > 100
    rows = []
    position = 1
    while position <= total:
        chunk = timeline.page(db, position, 37)
        assert [r.position for r in chunk] == list(range(position, position + len(chunk)))
        rows += chunk
        position += len(chunk)
    assert len(rows) == total
    dated = [r.date for r in rows if r.date]
    assert dated == sorted(dated)
    first_undated = next(i for i, r in enumerate(rows) if r.date is None)
    assert all(r.date is None for r in rows[first_undated:]), "undated items sit in their own section, last"
    assert timeline.page(db, total, 5)[0].position == total
    assert timeline.page(db, total + 1, 5) == []


def test_jump_to_a_date(db_path):
    db = open_db(db_path)
    import_paths(db, [str(SAMPLES)])
    position = timeline.position_on_or_after(db, "2024-03")
    row = timeline.page(db, position, 1)[0]
    assert row.date >= "2024-03"
    before = timeline.page(db, position - 1, 1)[0]
    assert before.date < "2024-03"


def test_order_is_stable_across_rebuilds(db_path):
    db = open_db(db_path)
    import_paths(db, [str(SAMPLES)])
    first = [(r.item_type, r.item_id) for r in timeline.page(db, 1, 10_000)]
    timeline.rebuild(db)
    assert [(r.item_type, r.item_id) for r in timeline.page(db, 1, 10_000)] == first


def test_full_text_search_works_with_sqlite_utils(db_path):
    db = open_db(db_path)
    import_paths(db, [str(SAMPLES)])
    db.conn.close()
    plain = sqlite_utils.Database(db_path)
    assert plain["statements"].detect_fts() == "statements_fts"
    assert plain["documents"].detect_fts() == "documents_fts"
    word = plain.execute("SELECT text FROM statements ORDER BY length(text) DESC").fetchone()[0].split()[2]
    assert list(plain["statements"].search(word.strip(",.;:")))


def test_chronology_view_for_datasette(db_path):
    db = open_db(db_path)
    import_paths(db, [str(SAMPLES)])
    rows = list(db.query("SELECT * FROM chronology ORDER BY position LIMIT 5"))
    assert rows and {"date", "item_type", "text", "speaker", "outlet"} <= set(rows[0])


def test_a_migration_broken_off_applies_nothing_and_runs_again(db_path):
    """A version 1 database whose upgrade fails half-way (here its search index refuses to be emptied, as a
    Ctrl-C or a full disk would stop it) stays a version 1 database that the next opening upgrades."""
    from array import array

    from store import schema

    old = sqlite_utils.Database(db_path)
    schema.MIGRATIONS[0](old)
    with old.conn:
        old.execute("PRAGMA user_version = 1")
        old.execute("INSERT INTO search_words (id, word, df) VALUES (1, 'bridge', 1)")
        old.execute("INSERT INTO search_postings (word_id, first_id, ids) VALUES (1, 1, ?)",
                    [array("I", [1]).tobytes()])
        old.execute("CREATE TRIGGER interrupt BEFORE DELETE ON search_postings BEGIN SELECT RAISE(ABORT, 'stop'); END")
    old.conn.close()
    try:
        open_db(db_path)
    except sqlite3.DatabaseError:
        pass
    else:
        raise AssertionError("the trigger should have broken the upgrade off")
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.execute("DROP TRIGGER interrupt")
    conn.commit()
    conn.close()
    db = open_db(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert "places" in db["search_postings"].columns_dict


def test_an_import_broken_off_after_saving_is_finished_by_the_next(db_path, tmp_path):
    """Ctrl-C while the chronology is numbered: the files are saved, the timeline is behind. Importing the
    same files again finds them unchanged and still brings the chronology up to date."""
    article = write(tmp_path / "bridge.txt", ARTICLE)
    db = open_db(db_path)
    db.execute("CREATE TEMP TRIGGER interrupt BEFORE INSERT ON timeline BEGIN SELECT RAISE(ABORT, 'stop'); END")
    try:
        import_paths(db, [article])
    except sqlite3.DatabaseError:
        pass
    else:
        raise AssertionError("the trigger should have broken the import off")
    db.execute("DROP TRIGGER temp.interrupt")
    assert timeline.count(db) == 0 and db.execute("SELECT COUNT(*) FROM events").fetchone()[0] > 0
    report = import_paths(db, [article])
    assert report.unchanged == 1
    assert timeline.count(db) == db.execute("SELECT (SELECT COUNT(*) FROM events) + "
                                            "(SELECT COUNT(*) FROM statements)").fetchone()[0]
