"""Story clusters (reprints of one article) and quote clusters (one quote in many documents), at import."""
import shutil
from pathlib import Path

from importers.pipeline import import_paths
from store import open_db
from store.stories import compatible_speakers, same_quote, normalised_words

MIXED = Path(__file__).parent / "fixtures" / "mixed"


def story_of(db, **where):
    (key, value), = where.items()
    return db.execute(f"SELECT story_id FROM documents WHERE {key} = ?", [value]).fetchone()[0]


def test_seed_tag_page_three_wire_copies_are_one_story_the_others_are_not(shared_seeds, tmp_path):
    db = open_db(tmp_path / "seeds.db")
    page = shared_seeds / "003_a218d2e8ed53251a.txt"
    import_paths(db, [str(page)])
    stories = dict(db.execute("SELECT source_index, story_id FROM documents ORDER BY source_index"))
    assert len(stories) == 5
    assert stories[0] == stories[1] == stories[2]
    assert len({stories[0], stories[3], stories[4]}) == 3
    # The defence spokesman's quote is carried by the three copies: one cluster, three outlets.
    row = db.execute(
        "SELECT q.outlets, q.documents FROM quote_clusters q JOIN statements s ON s.cluster_id = q.cluster_id "
        "WHERE s.text LIKE '%stands ready to work with the Russian side%' LIMIT 1").fetchone()
    assert row == (3, 3)


def test_reprint_in_another_format_joins_the_story_in_a_later_import(tmp_path):
    db = open_db(tmp_path / "t.db")
    first = tmp_path / "first"
    first.mkdir()
    shutil.copy(MIXED / "pages" / "ferry_strike_jsonld.html", first)
    import_paths(db, [str(first)])
    html_story = story_of(db, format="html")
    report = import_paths(db, [str(MIXED / "json")])
    assert report.documents >= 7
    # The news-API record carries the same wire story, trimmed, with other quote marks and headline.
    echo = db.execute("SELECT story_id FROM documents WHERE title = ?",
                      ["Port Calder ferry crews strike over night pay"]).fetchone()[0]
    assert echo == html_story
    others = [r[0] for r in db.execute("SELECT story_id FROM documents WHERE title != ? AND format = 'json'",
                                       ["Port Calder ferry crews strike over night pay"])]
    assert html_story not in others and len(set(others)) == len(others)
    # The minister's quote in both: one quote cluster, two outlets.
    clusters = {r[0] for r in db.execute("SELECT cluster_id FROM statements WHERE text LIKE '%boats stay tied up%'")}
    assert len(clusters) == 1
    outlets = db.execute("SELECT outlets FROM quote_clusters WHERE cluster_id = ?", [clusters.pop()]).fetchone()[0]
    assert outlets == 2


def test_reimport_keeps_clusters(tmp_path):
    db = open_db(tmp_path / "t.db")
    import_paths(db, [str(MIXED)])
    before = db.execute("SELECT id, story_id FROM documents ORDER BY id").fetchall()
    quotes_before = db.execute("SELECT id, cluster_id FROM statements ORDER BY id").fetchall()
    report = import_paths(db, [str(MIXED)])
    assert report.unchanged == report.files
    assert db.execute("SELECT id, story_id FROM documents ORDER BY id").fetchall() == before
    assert db.execute("SELECT id, cluster_id FROM statements ORDER BY id").fetchall() == quotes_before
    assert all(story is not None for _, story in before)


ARTICLE = """{title}

{place} — The regional water board met on {day} to discuss the summer restrictions. {lead}

{quote}

The board will publish its decision next week, officials said. {tail}
"""


def write_article(folder: Path, name: str, **parts) -> None:
    (folder / name).write_text(ARTICLE.format(**parts), encoding="utf-8")


def test_same_quote_with_other_marks_a_trimmed_word_and_a_short_speaker_name(tmp_path):
    folder = tmp_path / "quotes"
    folder.mkdir()
    words = "We will not ration drinking water while the reservoirs are above half full"
    write_article(folder, "a.txt", title="Water board rules out rationing", place="ALDERTON", day="3 June 2024",
                  lead="Farmers had asked for clarity.", tail="Anglers welcomed the news.",
                  quote=f"\u201c{words},\u201d board chair Ruth Okafor said.")
    write_article(folder, "b.txt", title="No rationing yet, says board", place="KESTON", day="3 June 2024",
                  lead="Residents packed the hall.", tail="A petition has 400 names.",
                  quote=f"\"{words},\" said Okafor.")  # straight marks, the short name
    write_article(folder, "c.txt", title="Reservoirs and rationing", place="BRINDLE", day="4 June 2024",
                  lead="The debate went on for hours.", tail="The next meeting is in July.",
                  quote=f"'{words.rsplit(' ', 1)[0]}', Ruth Okafor told the meeting.")  # last word trimmed
    write_article(folder, "d.txt", title="Opposition attacks water plan", place="ALDERTON", day="5 June 2024",
                  lead="The opposition was unimpressed.", tail="The row continues.",
                  quote="\u201cThe board is gambling with the summer and it knows it,\u201d said councillor Ivo Brandt.")
    db = open_db(tmp_path / "q.db")
    import_paths(db, [str(folder)])
    rows = db.execute("SELECT s.text, s.cluster_id, d.source FROM statements s JOIN documents d "
                      "ON d.id = s.document_id WHERE s.kind = 'statement'").fetchall()
    rationing = {cluster for text, cluster, _ in rows if "ration drinking water" in text}
    gambling = {cluster for text, cluster, _ in rows if "gambling" in text}
    assert len([r for r in rows if "ration drinking water" in r[0]]) == 3
    assert len(rationing) == 1 and len(gambling) == 1 and rationing != gambling


def test_quote_matching_rules():
    words = normalised_words("“The Chinese military stands ready to work with the Russian side,” he said")
    assert same_quote(words, normalised_words("'The Chinese military stands ready to work with the Russian side'"))
    assert same_quote(words, words[1:])  # a word trimmed
    assert not same_quote(normalised_words("dear friend"), normalised_words("dear friends"))
    assert not same_quote(words, normalised_words("The Russian military stands ready to leave the Chinese side"))
    assert compatible_speakers("Jiang", "Jiang Bin") and compatible_speakers(None, "Jiang Bin")
    assert not compatible_speakers("Jiang Bin", "Wang Yi")


def test_search_over_the_seeds_gives_one_result_per_quote_cluster_with_its_outlets(shared_seeds, run_cli, db_path):
    assert run_cli("import", shared_seeds, "--db", db_path).returncode == 0
    import json

    # The spokesman's words are in all three wire copies; the CNA copy ends before the last two paragraphs.
    carried_by = {"stands ready to work with the Russian side": 3, "hegemonic bullying": 2, "dear friend": 2}
    for query, outlets_expected in carried_by.items():
        result = run_cli("search", query, "--db", db_path, "--json", "--limit", "20")
        hits = [json.loads(line) for line in result.stdout.splitlines()]
        assert hits, query
        clusters = [h["cluster_id"] for h in hits]
        assert len(clusters) == len(set(clusters)), query
        db = open_db(db_path)
        for hit in hits:
            outlets = db.execute("SELECT outlets FROM quote_clusters WHERE cluster_id = ?",
                                 [hit["cluster_id"]]).fetchone()[0]
            assert hit["outlets"] == outlets
        assert hits[0]["outlets"] == outlets_expected, query


def test_quotes_with_a_word_changed_or_two_words_trimmed_join_across_stories(tmp_path):
    folder = tmp_path / "edits"
    folder.mkdir()
    words = "The reservoirs will stay open to anglers for the whole of the summer season"
    articles = {  # three different articles quoting the chair, each subedited its own way
        "a.txt": ("Fishing allowed all summer\n\nALDERTON, 3 June 2024 - Anglers had feared a ban after the dry "
                  f"spring. \u201c{words},\u201d board chair Ruth Okafor said at the annual meeting.\n"),
        "b.txt": ("Reservoir rules eased\n\nKESTON, 4 June 2024 - A petition signed by four hundred club members "
                  "was handed in last week. \u201c" + words.replace("whole", "rest") + ",\u201d said Okafor, "
                  "who chairs the water board.\n"),
        "c.txt": ("Good news for the tackle shops\n\nBRINDLE, 5 June 2024 - Shop owners in the market square "
                  "expect a busy July. '" + " ".join(words.split()[2:]) + "', according to Ruth Okafor.\n"),
    }
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = open_db(tmp_path / "e.db")
    import_paths(db, [str(folder)])
    assert len({r[0] for r in db.execute("SELECT story_id FROM documents")}) == 3  # not copies of one story
    rows = db.execute("SELECT cluster_id FROM statements WHERE text LIKE '%anglers%'").fetchall()
    assert len(rows) == 3 and len(set(rows)) == 1
