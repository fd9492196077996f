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
