"""The fuzzy quote search through the store's API and the CLI: typos, prefixes, highlights, clusters,
and an index that follows imports (added, changed and removed quotes) without a rebuild."""
import json
import random
from array import array

import pytest

from importers.pipeline import import_paths
from store import open_db
from store.search import QuoteIndex, rebuild_index, refresh, search_statements

# Fictional articles, written for these tests.
QUOTA_ARTICLE = """Date: 3 May 2024 Author: Petra Lind

Valdor Rejects New Fishing Quotas

The foreign minister of Valdor, Anika Varga, rejected the new quota rules on Friday. "We will not bow to hegemonic bullying from any neighbour," Varga told reporters in the capital.

Harbour officials were calmer. "The boats will sail on Monday as planned," said port director Emil Sorel.
"""

REPRINT_ARTICLE = """Date: 4 May 2024 Author: Jonas Berg

Quota Row Deepens Between Neighbours

Anika Varga, the foreign minister of Valdor, spoke after the talks. "We will not bow to hegemonic bullying from any neighbour," Varga told reporters in the capital.
"""

BRIDGE_ARTICLE = """Date: 9 June 2024 Author: Petra Lind

Bridge Opening Delayed Again

The new bridge over the Sarn will open in the autumn, city engineers said. "The cables need another inspection before anyone drives across," said chief engineer Mara Quist.
"""

CAFE_ARTICLE = """Date: 10 June 2024 Author: Petra Lind

Old Town Businesses Count the Cost

Owners in the old town say the roadworks drove customers away. "Our café lost half its regulars this spring," said owner Lena Hart.
"""


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "quota.txt").write_text(QUOTA_ARTICLE, encoding="utf-8")
    (folder / "bridge.txt").write_text(BRIDGE_ARTICLE, encoding="utf-8")
    db = open_db(tmp_path / "search.db")
    import_paths(db, [str(folder)])
    return db, folder


def texts(hits):
    return [h.text for h in hits]


def test_a_typo_finds_the_quote_first(corpus):
    db, _ = corpus
    hits = QuoteIndex.build(db).search("hegemonic bulying", 5)
    assert hits and "hegemonic bullying" in hits[0].text
    assert hits == sorted(hits, key=lambda h: -h.score)


def test_two_typos_in_a_long_word_are_tolerated(corpus):
    db, _ = corpus
    hits = QuoteIndex.build(db).search("bulyign", 5)  # a letter dropped, two swapped
    assert hits and "hegemonic bullying" in hits[0].text


def test_the_last_word_is_matched_as_a_prefix(corpus):
    db, _ = corpus
    index = QuoteIndex.build(db)
    assert "hegemonic bullying" in index.search("hegemonic bul", 5)[0].text
    assert "inspection" in index.search("another insp", 5)[0].text


def test_matches_are_the_spans_of_the_matched_words(corpus):
    db, _ = corpus
    hit = QuoteIndex.build(db).search("not bow to hegemonic bulying", 1)[0]
    assert [hit.text[start:end] for start, end in hit.matches] == ["not", "bow", "to", "hegemonic", "bullying"]


def test_accents_and_case_do_not_matter(tmp_path, corpus):
    db, folder = corpus
    (folder / "cafe.txt").write_text(CAFE_ARTICLE, encoding="utf-8")
    import_paths(db, [str(folder)])
    hit = QuoteIndex.build(db).search("our CAFE lost", 1)[0]
    assert [hit.text[start:end] for start, end in hit.matches] == ["Our", "café", "lost"]


def test_no_match_gives_no_results(corpus):
    db, _ = corpus
    assert QuoteIndex.build(db).search("zzqxv wqqpt", 10) == []
    assert QuoteIndex.build(db).search("   ", 10) == []


def test_an_import_updates_the_index_without_a_rebuild(corpus):
    db, folder = corpus
    index = QuoteIndex.build(db)
    assert not any("regulars" in t for t in texts(index.search("lost half its regulars", 5)))
    (folder / "cafe.txt").write_text(CAFE_ARTICLE, encoding="utf-8")
    import_paths(db, [str(folder)])
    assert db.execute("SELECT count(*) FROM search_pending").fetchone()[0] == 0  # the import refreshed it
    assert "regulars" in QuoteIndex.build(db).search("lost half its regulars", 5)[0].text


def test_an_open_index_sees_what_a_later_import_adds(corpus):
    db, folder = corpus
    index = QuoteIndex.build(db)
    assert not any("regulars" in t for t in texts(index.search("lost half its regulars", 5)))
    (folder / "cafe.txt").write_text(CAFE_ARTICLE, encoding="utf-8")
    import_paths(db, [str(folder)])
    assert "regulars" in index.search("lost half its regulars", 5)[0].text
    index.close()


def test_a_changed_file_takes_its_old_quotes_out_of_the_index(corpus):
    db, folder = corpus
    (folder / "bridge.txt").write_text(BRIDGE_ARTICLE.replace("another inspection", "a fresh survey"),
                                       encoding="utf-8")
    import_paths(db, [str(folder)])
    index = QuoteIndex.build(db)
    assert not any("inspection" in t for t in texts(index.search("cables need another inspection", 10)))
    assert "fresh survey" in index.search("cables need a fresh survey", 1)[0].text


def test_one_result_per_quote_cluster_with_its_outlet_count(corpus):
    db, folder = corpus
    (folder / "reprint.txt").write_text(REPRINT_ARTICLE, encoding="utf-8")
    import_paths(db, [str(folder)])
    stored = db.execute("SELECT count(*) FROM statements WHERE text LIKE '%hegemonic bullying%'").fetchone()[0]
    assert stored == 2
    hits = [h for h in QuoteIndex.build(db).search("hegemonic bullying", 10) if "hegemonic" in h.text]
    assert len(hits) == 1 and hits[0].outlets == 2


def test_incremental_refresh_matches_a_full_build(tmp_path):
    """Random inserts, text changes and deletes, refreshed in several steps, leave the same index as a build
    from scratch (the triggers queue every change, whoever makes it)."""
    db = open_db(tmp_path / "random.db")
    rng = random.Random(3)
    words = ["storm", "harbour", "minister", "said", "the", "bridge", "cables", "quota", "talks", "boats"]
    with db.conn:
        db.execute("INSERT INTO sources (path, given_path, content_hash, format, imported_at) "
                   "VALUES ('s', 's', '-', 'text', 'now')")
        db.execute("INSERT INTO documents (doc_key, source, source_path, source_index, format, text) "
                   "VALUES ('k', 's', 's', 0, 'text', 'x')")

    def quote():
        return " ".join(rng.choice(words) for _ in range(rng.randint(2, 6)))

    for step in range(6):
        with db.conn:
            for _ in range(40):
                db.execute("INSERT INTO statements (document_id, text, kind, start, \"end\") "
                           "VALUES (1, ?, 'statement', 0, 1)", [quote()])
            ids = [r[0] for r in db.execute("SELECT id FROM statements")]
            for sid in rng.sample(ids, 10):
                db.execute("UPDATE statements SET text = ? WHERE id = ?", [quote(), sid])
            for sid in rng.sample(ids, 15):
                db.execute("DELETE FROM statements WHERE id = ?", [sid])
        refresh(db)

    def snapshot():
        """Each word's statement ids and its places in them, as the index tables hold them (and its count
        agrees)."""
        held = {}
        for word, df in db.execute("SELECT word, df FROM search_words WHERE df > 0"):
            rows = db.execute("SELECT p.ids, p.places FROM search_postings p JOIN search_words w "
                              "ON w.id = p.word_id WHERE w.word = ? ORDER BY p.first_id", [word]).fetchall()
            ids = [i for blob, _ in rows for i in array("I", blob)]
            places = [bits for _, blob in rows for bits in array("H", blob)]
            assert len(ids) == df == len(places) and ids == sorted(set(ids)) and all(places)
            held[word] = list(zip(ids, places))
        return held

    incremental = snapshot()
    rebuild_index(db)
    assert incremental == snapshot()
    assert incremental  # the comparison compared something


def test_search_statements_rows_for_display(corpus):
    db, _ = corpus
    row = search_statements(db, "boats will sail", 1)[0]
    assert row["speaker"] and "boats will sail" in row["text"].lower()
    assert row["outlets"] == 1
    assert [row["text"][s:e].lower() for s, e in row["matches"]] == ["boats", "will", "sail"]


def test_cli_search_json_has_matches_and_outlets(run_cli, tmp_path, corpus):
    db, _ = corpus
    db_file = db.conn.execute("PRAGMA database_list").fetchone()[2]
    result = run_cli("search", "hegemonic bulying", "--db", db_file, "--json")
    assert result.returncode == 0, result.stderr
    first = json.loads(result.stdout.splitlines()[0])
    assert "hegemonic bullying" in first["text"]
    assert first["outlets"] >= 1 and first["matches"]


def test_an_index_built_in_one_thread_searches_from_another(corpus):
    """The browser builds the index once and searches from worker threads."""
    import threading

    db, _ = corpus
    index = QuoteIndex.build(db)
    found = []
    worker = threading.Thread(target=lambda: found.extend(index.search("boats will sail", 1)))
    worker.start()
    worker.join()
    index.close()
    assert found and "boats will sail" in found[0].text.lower()


def test_a_half_typed_last_word_is_highlighted_whole(corpus):
    db, _ = corpus
    hit = QuoteIndex.build(db).search("hegemonic bul", 1)[0]
    assert [hit.text[start:end] for start, end in hit.matches] == ["hegemonic", "bullying"]


def _add_statements(db, quotes):
    with db.conn:
        if not db.execute("SELECT 1 FROM documents").fetchone():
            db.execute("INSERT INTO sources (path, given_path, content_hash, format, imported_at) "
                       "VALUES ('s', 's', '-', 'text', 'now')")
            db.execute("INSERT INTO documents (doc_key, source, source_path, source_index, format, text) "
                       "VALUES ('k', 's', 's', 0, 'text', 'x')")
        db.conn.executemany("INSERT INTO statements (document_id, text, kind, start, \"end\") "
                            "VALUES (1, ?, 'statement', 0, 1)", [(q,) for q in quotes])


def test_common_words_next_to_each_other_beat_the_same_words_apart(tmp_path):
    """Among thousands of quotes holding all three common words, the one holding them as typed, in that
    order, comes first: the index knows where each word stands."""
    db = open_db(tmp_path / "phrase.db")
    rng = random.Random(5)
    filler = ["harbour", "quota", "bridge", "cables", "boats", "storm", "council", "budget", "ferry", "rain"]
    wanted = "the council said at its meeting that the budget is final"
    decoys = []
    for _ in range(3000):  # "said", "at" and "is" in every one, never "said at is" in a row
        words = rng.sample(filler, 6) + ["said", "at", "is"]
        rng.shuffle(words)
        if "said at is" not in " ".join(words):
            decoys.append(" ".join(words))
    _add_statements(db, [wanted.replace("said at its", "said at is its")] + decoys)
    hits = QuoteIndex.build(db).search("said at is", 3)
    assert "said at is" in hits[0].text


def test_a_version_1_database_is_upgraded_and_its_index_rebuilt(tmp_path):
    """A database from before the index kept word places: opening it migrates the schema, and the next
    refresh builds the index again (a v1 index held ids only)."""
    import sqlite_utils

    from store import schema

    path = tmp_path / "v1.db"
    old = sqlite_utils.Database(path)
    schema.MIGRATIONS[0](old)
    old.execute("PRAGMA user_version = 1")
    _add_statements(old, ["We will not bow to hegemonic bullying from any neighbour."])
    with old.conn:
        old.execute("DELETE FROM search_pending")  # as a v1 refresh left it
        old.execute("INSERT INTO search_words (id, word, df) VALUES (1, 'bullying', 1)")
        old.execute("INSERT INTO search_postings (word_id, first_id, ids) VALUES (1, 1, ?)",
                    [array("I", [1]).tobytes()])
    old.conn.close()

    db = open_db(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    hits = QuoteIndex.build(db).search("hegemonic bulying", 1)
    assert hits and "hegemonic bullying" in hits[0].text
    assert db.execute("SELECT count(*) FROM search_postings WHERE places IS NULL").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM search_words").fetchone()[0] > 1
