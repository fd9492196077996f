"""Saving imports: the full-text indexes of documents and statements follow imports and re-imports, without
corruption."""
from importers.pipeline import import_paths
from store import open_db


def fts_hits(db, word):
    return [r[0] for r in db.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?", [word])]


def integrity(db):
    for table in ("documents", "statements"):
        db.execute(f"INSERT INTO {table}_fts ({table}_fts, rank) VALUES ('integrity-check', 1)")


def test_imported_documents_are_searchable_and_a_changed_file_leaves_no_stale_entry(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    article = folder / "harbour.txt"
    article.write_text("Harbour dues rise\n\nThe port of Velmar raised its quayside dues on Monday, "
                       "the harbourmaster said. \u201cWe had no choice at all,\u201d she added.\n", encoding="utf-8")
    db = open_db(tmp_path / "t.db")
    import_paths(db, [str(folder)])
    first = db.execute("SELECT id FROM documents").fetchone()[0]
    assert fts_hits(db, "quayside") == [first]
    assert len(db.execute("SELECT rowid FROM statements_fts WHERE statements_fts MATCH 'choice'").fetchall()) == 1
    assert db.execute("SELECT COUNT(*) FROM documents_fts_pending").fetchone()[0] == 0
    article.write_text("Harbour dues frozen\n\nThe port of Velmar froze its berthing dues on Tuesday "
                       "after complaints from ferry operators.\n", encoding="utf-8")
    import_paths(db, [str(folder)])
    second = db.execute("SELECT id FROM documents").fetchone()[0]
    assert second != first
    assert fts_hits(db, "quayside") == [] and fts_hits(db, "berthing") == [second]
    assert db.execute("SELECT rowid FROM statements_fts WHERE statements_fts MATCH 'choice'").fetchall() == []
    integrity(db)


def test_a_document_deleted_before_it_was_indexed_is_not_taken_out_of_the_index(tmp_path):
    db = open_db(tmp_path / "t.db")
    with db.conn:
        db.execute("INSERT INTO sources (path, given_path, content_hash, format, imported_at) "
                   "VALUES ('/a', 'a', '-', 'text', 'now')")
        db.execute("INSERT INTO documents (doc_key, source, source_path, source_index, format, text) "
                   "VALUES ('k', 'a', '/a', 0, 'text', 'A lighthouse keeper retired.')")
        db.execute("DELETE FROM documents")
    integrity(db)
    assert fts_hits(db, "lighthouse") == []
    assert db.execute("SELECT COUNT(*) FROM documents_fts_pending").fetchone()[0] == 0


def _saved(db, path, texts, fail_after=None, speakers=None):
    """Save one file through the store API; ``fail_after`` documents in, its reading breaks. ``speakers``: an
    import's copy of the speakers, kept across files."""
    from importers.extract import extract
    from importers.model import Document
    from store.writes import save_file

    def results():
        for i, text in enumerate(texts):
            if i == fail_after:
                raise OSError("the disk went away")
            doc = Document(source=path, source_index=i, text=text)
            yield doc, extract(doc)

    return save_file(db, source_path=path, given_path=path, digest=f"hash of {path}", format="text",
                     encoding="utf-8", warnings=[], results=results(), speakers=speakers)


def test_a_file_that_breaks_while_saved_leaves_nothing_and_takes_nothing_else(tmp_path):
    import pytest
    from store.writes import FileBatches

    db = open_db(tmp_path / "t.db")
    first = "Ferry fares cut\n\n\u201cWe are cutting fares from Monday,\u201d said operator Ilse Varga on 4 May 2024.\n"
    broken = "Dock strike\n\nDock workers walked out on 2 May 2024 over the new rosters.\n"
    after = "Canal reopens\n\nThe canal reopened on 6 May 2024 after the lock gates were repaired.\n"
    with FileBatches(db, files=10) as batches:  # all three in one transaction
        assert _saved(db, "/in/first.txt", [first]).documents_added == 1
        batches.saved()
        with pytest.raises(OSError):
            _saved(db, "/in/broken.txt", [broken, broken + "More.\n"], fail_after=1)  # one document in
        batches.saved()
        _saved(db, "/in/after.txt", [after])
        batches.saved()
    reopened = open_db(tmp_path / "t.db")  # what was committed, seen from another connection
    assert [r[0] for r in reopened.execute("SELECT path FROM sources ORDER BY path")] == ["/in/after.txt",
                                                                                          "/in/first.txt"]
    assert sorted(r[0] for r in reopened.execute("SELECT source FROM documents")) == ["/in/after.txt",
                                                                                      "/in/first.txt"]
    assert reopened.execute("SELECT COUNT(*) FROM events e JOIN documents d ON d.id = e.document_id "
                            "WHERE d.source = '/in/broken.txt'").fetchone()[0] == 0
    assert reopened.execute("SELECT COUNT(*) FROM statements").fetchone()[0] == 1


def test_a_failing_save_keeps_the_files_saved_before_it_in_its_batch(tmp_path):
    import pytest
    from store.writes import FileBatches

    db = open_db(tmp_path / "t.db")
    with pytest.raises(OSError):
        with FileBatches(db, files=10) as batches:
            _saved(db, "/in/kept.txt", ["Quay repaired\n\nThe quay was repaired on 1 June 2024.\n"])
            batches.saved()
            _saved(db, "/in/broken.txt", ["Storm\n\nA storm hit on 2 June 2024.\n"], fail_after=0)
    reopened = open_db(tmp_path / "t.db")
    assert [r[0] for r in reopened.execute("SELECT source FROM documents")] == ["/in/kept.txt"]


def test_an_import_batch_holds_the_write_lock_for_a_bounded_time(tmp_path):
    """The browser saves stars and tags while an import runs: a batch commits after its time is up, so a
    writer waits for a fraction of a second, not for the whole batch of files."""
    import sqlite3

    import pytest
    from store.writes import FileBatches

    db = open_db(tmp_path / "t.db")
    other = sqlite3.connect(tmp_path / "t.db", timeout=0)
    star = "INSERT OR REPLACE INTO marks (item_type, item_id, starred) VALUES ('event', 1, 1)"
    article = "Quay repaired\n\nThe quay was repaired on 1 June 2024.\n"
    with FileBatches(db, files=500, seconds=3600) as batches:
        _saved(db, "/in/first.txt", [article])
        batches.saved()
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute(star)  # the batch is open and its time is not up
    with FileBatches(db, files=500, seconds=0) as batches:
        _saved(db, "/in/second.txt", [article.replace("1 June", "2 June")])
        batches.saved()
        other.execute(star)  # its time was up: committed, the lock is free
        other.commit()
    assert other.execute("SELECT COUNT(*) FROM marks").fetchone()[0] == 1


def test_an_imports_copy_of_the_speakers_follows_rollbacks_and_other_writers(tmp_path):
    """An import keeps the speakers in memory across files: a speaker a broken file added is gone with its
    rollback, and one another connection deleted is made again, never referred to by a stale id."""
    import sqlite3

    import pytest
    from store.writes import FileBatches, Speakers

    db = open_db(tmp_path / "t.db")
    speakers = Speakers(db)
    quote = "Ferry fares cut\n\n\u201cWe are cutting fares from Monday,\u201d said operator Ilse Varga on {}.\n"
    with FileBatches(db, files=10) as batches:
        with pytest.raises(OSError):
            _saved(db, "/in/broken.txt", [quote.format("4 May 2024"), "More."], fail_after=1, speakers=speakers)
        _saved(db, "/in/kept.txt", [quote.format("5 May 2024")], speakers=speakers)
        batches.saved()
    other = sqlite3.connect(tmp_path / "t.db")
    other.execute("PRAGMA foreign_keys = ON")
    other.execute("DELETE FROM sources")  # its documents, statements and then their speaker go
    other.execute("DELETE FROM speakers")
    other.commit()
    with FileBatches(db, files=10) as batches:
        _saved(db, "/in/later.txt", [quote.format("6 May 2024")], speakers=speakers)
        batches.saved()
    rows = db.execute("SELECT d.source, sp.name FROM statements s JOIN documents d ON d.id = s.document_id "
                      "JOIN speakers sp ON sp.id = s.speaker_id").fetchall()
    assert rows == [("/in/later.txt", "Ilse Varga")]
    assert db.execute("SELECT COUNT(*) FROM speaker_aliases a LEFT JOIN speakers sp ON sp.id = a.speaker_id "
                      "WHERE sp.id IS NULL").fetchone()[0] == 0
