"""The schema, versioned with ``PRAGMA user_version`` and migrated forward by code.

Each migration is a function that takes the database from version N to N+1. Never edit a released
migration: add the next one.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable

import sqlite_utils


def _v1_initial(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE sources (
            path TEXT PRIMARY KEY,          -- the file's resolved path: what identifies it across imports
            given_path TEXT NOT NULL,       -- the path as the user gave it to import
            content_hash TEXT NOT NULL,
            format TEXT NOT NULL,
            encoding TEXT,
            warnings TEXT,
            imported_at TEXT NOT NULL
        );
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            doc_key TEXT NOT NULL UNIQUE,   -- hash of the source path and the text: re-imports find it again
            source TEXT NOT NULL,           -- the path as given to import
            source_path TEXT NOT NULL REFERENCES sources(path) ON DELETE CASCADE,
            source_index INTEGER NOT NULL,  -- position of the document in its file
            format TEXT NOT NULL,
            title TEXT,
            outlet TEXT,
            author TEXT,
            section TEXT,
            url TEXT,
            published TEXT,                 -- YYYY-MM-DD
            published_from TEXT,            -- header, dateline, url, option
            body_start INTEGER NOT NULL DEFAULT 0,
            story_id INTEGER,               -- near-duplicate documents (one wire story, many outlets) share it
            text TEXT NOT NULL              -- the document's original text; every span points into it
        );
        CREATE INDEX documents_story ON documents(story_id);
        CREATE INDEX documents_source_path ON documents(source_path);
        CREATE INDEX documents_published ON documents(published);
        CREATE TABLE speakers (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            kind TEXT                       -- person or institution
        );
        CREATE TABLE speaker_aliases (
            alias TEXT PRIMARY KEY,         -- casefolded name form ("zelenskyy") that means this speaker
            speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE
        );
        CREATE TABLE statements (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            text TEXT NOT NULL,             -- the quoted words without their marks
            kind TEXT NOT NULL,             -- statement or phrase
            speaker_id INTEGER REFERENCES speakers(id),
            speaker_role TEXT,
            start INTEGER NOT NULL,         -- offsets of the quoted words in documents.text
            "end" INTEGER NOT NULL,
            sentence_start INTEGER,
            sentence_end INTEGER,
            date TEXT,                      -- YYYY, YYYY-MM or YYYY-MM-DD
            date_precision TEXT,
            cluster_id INTEGER              -- statements with the same normalised words share it
        );
        CREATE INDEX statements_document ON statements(document_id);
        CREATE INDEX statements_speaker ON statements(speaker_id);
        CREATE INDEX statements_date ON statements(date);
        CREATE INDEX statements_cluster ON statements(cluster_id);
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            date TEXT,
            date_precision TEXT,
            date_text TEXT NOT NULL,        -- the date expression as written
            date_start INTEGER NOT NULL,
            date_end INTEGER NOT NULL,
            text TEXT NOT NULL,             -- the sentence that reports the event
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL
        );
        CREATE INDEX events_document ON events(document_id);
        CREATE INDEX events_date ON events(date);
        -- The chronology in display order, numbered densely so a view can page by position, never OFFSET.
        -- Rebuilt by store.timeline.rebuild() after each import.
        CREATE TABLE timeline (
            position INTEGER PRIMARY KEY,
            item_type TEXT NOT NULL,        -- event or statement
            item_id INTEGER NOT NULL,
            document_id INTEGER NOT NULL,
            date TEXT,
            date_precision TEXT,
            kind TEXT,                      -- event, statement or phrase: filtering by kind needs no join
            -- A quote carried more than once (wire copy in several outlets): its cluster, how many statements
            -- and outlets carry it, and the statement that came first (earliest published, then lowest id).
            cluster_id INTEGER,
            copies INTEGER,
            outlets INTEGER,
            first_statement INTEGER,
            -- Dense numbering of the rows shown with copies collapsed (each cluster at its earliest row);
            -- NULL for a later copy. The collapsed view pages by it as the full view pages by position.
            collapsed_position INTEGER
        );
        CREATE INDEX timeline_date ON timeline(date);
        CREATE INDEX timeline_item ON timeline(item_type, item_id);
        CREATE UNIQUE INDEX timeline_collapsed ON timeline(collapsed_position) WHERE collapsed_position IS NOT NULL;
        -- Where each date's run of rows begins in the timeline (rebuilt with it): the browser lays out its
        -- date headings from these few thousand rows instead of grouping a million.
        CREATE TABLE timeline_runs (
            first_position INTEGER PRIMARY KEY,
            first_collapsed INTEGER,        -- its first collapsed_position (NULL: every row of it is a copy)
            date TEXT
        );
        -- What the user marked in the browser: starred rows and free tags.
        CREATE TABLE marks (
            item_type TEXT NOT NULL,        -- event or statement
            item_id INTEGER NOT NULL,
            starred INTEGER NOT NULL DEFAULT 0,
            tags TEXT,                      -- comma-separated
            PRIMARY KEY (item_type, item_id)
        );
        CREATE VIEW chronology AS
            SELECT t.position, t.date, t.date_precision, t.item_type,
                   COALESCE(s.text, e.text) AS text,
                   sp.name AS speaker, s.speaker_role, d.outlet, d.title, d.published, d.url, d.source,
                   t.document_id, t.item_id,
                   COALESCE(t.outlets, 1) AS outlets,  -- how many outlets carried this quote
                   fd.outlet AS first_outlet, fd.published AS first_published
            FROM timeline t
            JOIN documents d ON d.id = t.document_id
            LEFT JOIN statements s ON t.item_type = 'statement' AND s.id = t.item_id
            LEFT JOIN events e ON t.item_type = 'event' AND e.id = t.item_id
            LEFT JOIN speakers sp ON sp.id = s.speaker_id
            LEFT JOIN statements fs ON fs.id = t.first_statement
            LEFT JOIN documents fd ON fd.id = fs.document_id;
        -- Story clustering (store/stories.py): the LSH band keys of each document's MinHash signature, so a new
        -- import finds near-duplicates among stored documents with an indexed lookup.
        CREATE TABLE story_bands (
            band_key INTEGER NOT NULL,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            PRIMARY KEY (band_key, document_id)
        ) WITHOUT ROWID;
        CREATE INDEX story_bands_document ON story_bands(document_id);
        -- The signature scheme the band keys were made with; another scheme means they are recomputed.
        CREATE TABLE story_index (scheme TEXT NOT NULL);
        -- Quote clustering (store/stories.py): each statement's candidate keys (hashes of its normalised words, of
        -- their trimmed forms and of forms with one word left out), so a new quote meets only the few stored
        -- quotes that could be the same, with an indexed lookup.
        CREATE TABLE statement_keys (
            key INTEGER NOT NULL,
            statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
            PRIMARY KEY (key, statement_id)
        ) WITHOUT ROWID;
        CREATE INDEX statement_keys_statement ON statement_keys(statement_id);
        -- One row per quote cluster: how many documents and outlets carried it, and which came first.
        CREATE VIEW quote_clusters AS
            SELECT s.cluster_id,
                   COUNT(*) AS statements,
                   COUNT(DISTINCT s.document_id) AS documents,
                   COUNT(DISTINCT COALESCE(d.outlet, d.source)) AS outlets,
                   MIN(d.published) AS first_published,
                   (SELECT s2.id FROM statements s2 JOIN documents d2 ON d2.id = s2.document_id
                    WHERE s2.cluster_id = s.cluster_id
                    ORDER BY d2.published IS NULL, d2.published, s2.id LIMIT 1) AS first_statement_id
            FROM statements s JOIN documents d ON d.id = s.document_id
            GROUP BY s.cluster_id;
        -- One row per story: near-duplicate documents (one wire story reprinted by several outlets).
        CREATE VIEW stories AS
            SELECT story_id, COUNT(*) AS documents, COUNT(DISTINCT COALESCE(outlet, source)) AS outlets,
                   MIN(published) AS first_published, GROUP_CONCAT(DISTINCT outlet) AS outlet_names
            FROM documents GROUP BY story_id;
        -- Statements with their speaker, outlet and how many outlets carried the quote: what Datasette
        -- shows and searches (through statements_fts, keyed on id).
        CREATE VIEW quotes AS
            SELECT s.id, s.text, sp.name AS speaker, s.speaker_role, s.date, s.date_precision, s.kind,
                   d.outlet, d.title, d.published, d.url, s.cluster_id,
                   (SELECT COUNT(DISTINCT COALESCE(d2.outlet, d2.source)) FROM statements s2
                    JOIN documents d2 ON d2.id = s2.document_id WHERE s2.cluster_id = s.cluster_id) AS outlets,
                   s.document_id
            FROM statements s JOIN documents d ON d.id = s.document_id
            LEFT JOIN speakers sp ON sp.id = s.speaker_id;
        -- The word index of the quote search (store/search.py): every word of the statements and the sorted
        -- ids of the statements that hold it, in chunks, so an import appends to a common word's list
        -- without rewriting it.
        CREATE TABLE search_words (
            id INTEGER PRIMARY KEY,
            word TEXT NOT NULL UNIQUE,      -- normalised: casefolded, accents removed
            df INTEGER NOT NULL             -- how many statements hold it
        );
        CREATE TABLE search_postings (
            word_id INTEGER NOT NULL,
            first_id INTEGER NOT NULL,      -- the smallest statement id in the chunk
            ids BLOB NOT NULL,              -- sorted statement ids, little-endian uint32
            PRIMARY KEY (word_id, first_id)
        );
        -- Statements written or deleted since the word index was brought up to date (search.refresh, run
        -- after each import and when the index is opened): whoever writes statements, the index follows.
        CREATE TABLE search_pending (
            seq INTEGER PRIMARY KEY,
            statement_id INTEGER NOT NULL,
            old_text TEXT                   -- for a deleted or changed statement: the words to take it out of
        );
        CREATE TRIGGER statements_search_insert AFTER INSERT ON statements BEGIN
            INSERT INTO search_pending (statement_id) VALUES (new.id);
        END;
        CREATE TRIGGER statements_search_delete AFTER DELETE ON statements BEGIN
            INSERT INTO search_pending (statement_id, old_text) VALUES (old.id, old.text);
        END;
        CREATE TRIGGER statements_search_update AFTER UPDATE OF text ON statements BEGIN
            INSERT INTO search_pending (statement_id, old_text) VALUES (old.id, old.text);
            INSERT INTO search_pending (statement_id) VALUES (new.id);
        END;
        """
    )
    db["statements"].enable_fts(["text", "speaker_role"], create_triggers=True, tokenize="unicode61")
    db["documents"].enable_fts(["title", "text"], create_triggers=True, tokenize="unicode61")
    _deferred_fts(db, "statements", ("text", "speaker_role"))
    _deferred_fts(db, "documents", ("title", "text"))


def _deferred_fts(db: sqlite_utils.Database, table: str, columns: tuple[str, ...]) -> None:
    """Replace sqlite-utils' triggers on ``table``'s full-text index: a new row waits in ``{table}_fts_pending``
    and is indexed after the import, in one batch (store.writes.index_full_text); indexing it in each file's
    own transaction wrote one small FTS segment per commit, merged again and again (a third of the save time).
    A pending row is never taken out of an index it was not put into, and only a change to an indexed column
    re-indexes a row (clustering updates story_id and cluster_id on every imported row)."""
    cols = ", ".join(columns)
    old = ", ".join(f"old.{c}" for c in columns)
    take_out = (f"INSERT INTO {table}_fts ({table}_fts, rowid, {cols}) SELECT 'delete', old.rowid, {old} "
                f"WHERE NOT EXISTS (SELECT 1 FROM {table}_fts_pending WHERE row_id = old.rowid);")
    db.executescript(
        f"""
        CREATE TABLE {table}_fts_pending (row_id INTEGER PRIMARY KEY);
        DROP TRIGGER {table}_ai;
        CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN
          INSERT OR IGNORE INTO {table}_fts_pending (row_id) VALUES (new.rowid);
        END;
        DROP TRIGGER {table}_ad;
        CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN
          {take_out}
          DELETE FROM {table}_fts_pending WHERE row_id = old.rowid;
        END;
        DROP TRIGGER {table}_au;
        CREATE TRIGGER {table}_au AFTER UPDATE OF {cols} ON {table} BEGIN
          {take_out}
          INSERT OR IGNORE INTO {table}_fts_pending (row_id) VALUES (new.rowid);
        END;
        """
    )


def _v2_search_places(db: sqlite_utils.Database) -> None:
    """The quote search keeps, beside each statement id of a word, the word's places in the statement
    (store/search_index.py). The index is emptied, and one change queued, so the next refresh (an import,
    or opening the search) builds it again with them."""
    db.execute("ALTER TABLE search_postings ADD COLUMN places BLOB")  # little-endian uint16 bits, one per id
    db.execute("DELETE FROM search_postings")
    db.execute("DELETE FROM search_words")
    db.execute("DELETE FROM search_pending")
    db.execute("INSERT INTO search_pending (statement_id) SELECT id FROM statements ORDER BY id DESC LIMIT 1")


def _v3_timeline_changes(db: sqlite_utils.Database) -> None:
    """What changed since the chronology was last numbered, written by triggers whoever writes: an import
    then renumbers the chronology only from the first date it touched (store/timeline.py)."""
    _in_transaction(db,
        """
        CREATE TABLE timeline_changes (
            seq INTEGER PRIMARY KEY,
            item_type TEXT NOT NULL,        -- statement, event, or document (a change that reorders everything)
            item_id INTEGER NOT NULL,
            moved INTEGER NOT NULL,         -- 1: added, removed or re-dated (renumbered from its date); 0: cluster
            date TEXT,                      -- the item's date then (NULL: undated)
            cluster_id INTEGER              -- a statement's quote cluster then: its copies are counted again
        );
        CREATE TRIGGER statements_timeline_insert AFTER INSERT ON statements BEGIN
            INSERT INTO timeline_changes (item_type, item_id, moved, date, cluster_id)
            VALUES ('statement', new.id, 1, new.date, new.cluster_id);
        END;
        CREATE TRIGGER statements_timeline_delete AFTER DELETE ON statements BEGIN
            INSERT INTO timeline_changes (item_type, item_id, moved, date, cluster_id)
            VALUES ('statement', old.id, 1, old.date, old.cluster_id);
        END;
        CREATE TRIGGER statements_timeline_move AFTER UPDATE OF date, date_precision, kind, document_id, start
        ON statements BEGIN
            INSERT INTO timeline_changes (item_type, item_id, moved, date, cluster_id)
            VALUES ('statement', old.id, 1, old.date, old.cluster_id),
                   ('statement', new.id, 1, new.date, new.cluster_id);
        END;
        CREATE TRIGGER statements_timeline_cluster AFTER UPDATE OF cluster_id ON statements
        WHEN old.cluster_id IS NOT new.cluster_id BEGIN
            INSERT INTO timeline_changes (item_type, item_id, moved, date, cluster_id)
            VALUES ('statement', new.id, 0, NULL, old.cluster_id), ('statement', new.id, 0, NULL, new.cluster_id);
        END;
        CREATE TRIGGER events_timeline_insert AFTER INSERT ON events BEGIN
            INSERT INTO timeline_changes (item_type, item_id, moved, date) VALUES ('event', new.id, 1, new.date);
        END;
        CREATE TRIGGER events_timeline_delete AFTER DELETE ON events BEGIN
            INSERT INTO timeline_changes (item_type, item_id, moved, date) VALUES ('event', old.id, 1, old.date);
        END;
        CREATE TRIGGER events_timeline_move AFTER UPDATE OF date, date_precision, document_id, start ON events BEGIN
            INSERT INTO timeline_changes (item_type, item_id, moved, date)
            VALUES ('event', old.id, 1, old.date), ('event', new.id, 1, new.date);
        END;
        -- A document's publication date orders its items within a date, its outlet counts its quotes' outlets.
        CREATE TRIGGER documents_timeline_change AFTER UPDATE OF published, outlet, source ON documents BEGIN
            INSERT INTO timeline_changes (item_type, item_id, moved) VALUES ('document', new.id, 1);
        END;
        -- An import broken off before numbering left rows out, which version 2 numbered at the next import
        -- and no change here records: the first import after the upgrade numbers everything.
        INSERT INTO timeline_changes (item_type, item_id, moved) VALUES ('document', 0, 1);
        """
    )


def _in_transaction(db: sqlite_utils.Database, script: str) -> None:
    """A script's statements run one by one, in the migration's transaction (executescript commits it first,
    then runs each statement on its own)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""


def _v4_timeline_added(db: sqlite_utils.Database) -> None:
    """Rows added to events and statements are found by their ids, above the largest the chronology took in
    when it was last numbered, instead of by a trigger per row: an event's trigger cost more than writing the
    event (a trigger program per row, and a statement journal for every insert). Every other change is still
    noted by its trigger in ``timeline_changes``."""
    _in_transaction(db,
        """
        CREATE TABLE timeline_numbered (
            item_type TEXT PRIMARY KEY,     -- event or statement
            last_id INTEGER NOT NULL        -- rows with a larger id were added since the chronology was numbered
        );
        -- Rows added before the upgrade and not yet numbered were noted in timeline_changes.
        INSERT INTO timeline_numbered (item_type, last_id) SELECT 'event', coalesce(max(id), 0) FROM events;
        INSERT INTO timeline_numbered (item_type, last_id) SELECT 'statement', coalesce(max(id), 0) FROM statements;
        DROP TRIGGER events_timeline_insert;
        DROP TRIGGER statements_timeline_insert;
        -- A new row takes the largest id plus one: once the largest rows are deleted, ids at or below last_id
        -- come round again, so last_id comes down with them.
        CREATE TRIGGER events_timeline_ids AFTER DELETE ON events BEGIN
            UPDATE timeline_numbered SET last_id = (SELECT coalesce(max(id), 0) FROM events)
            WHERE item_type = 'event' AND last_id > (SELECT coalesce(max(id), 0) FROM events);
        END;
        CREATE TRIGGER statements_timeline_ids AFTER DELETE ON statements BEGIN
            UPDATE timeline_numbered SET last_id = (SELECT coalesce(max(id), 0) FROM statements)
            WHERE item_type = 'statement' AND last_id > (SELECT coalesce(max(id), 0) FROM statements);
        END;
        """
    )


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1_initial, _v2_search_places, _v3_timeline_changes,
                                                              _v4_timeline_added]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: sqlite_utils.Database) -> int:
    """Bring the database up to SCHEMA_VERSION; returns the version it was at."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise RuntimeError(
            f"{db.conn.execute('PRAGMA database_list').fetchone()[2]} was written by a newer Dateline "
            f"(schema {version}, this one knows {SCHEMA_VERSION}): upgrade dateline"
        )
    for target in range(version, SCHEMA_VERSION):
        with db.conn:
            # Begun before the migration's first statement, so its DDL (committed at once outside a
            # transaction) goes with it: a migration broken off leaves the version it started from.
            db.execute("BEGIN IMMEDIATE")
            if db.execute("PRAGMA user_version").fetchone()[0] > target:
                continue  # another process (the browser, an import) applied it while this one waited
            MIGRATIONS[target](db)
            db.execute(f"PRAGMA user_version = {target + 1}")
    return version
