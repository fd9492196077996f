"""The database in Datasette: the shipped metadata, searchable quotes, facets, hidden internals."""
from pathlib import Path

import pytest
from datasette.app import Datasette

from cli.web import datasette_metadata, exposure_note
from importers.pipeline import import_paths
from store import open_db

MIXED = Path(__file__).parent / "fixtures" / "mixed"


@pytest.fixture
def datasette(tmp_path):
    path = tmp_path / "newsroom.db"
    db = open_db(path)
    import_paths(db, [str(MIXED)])
    db.conn.close()
    return Datasette([str(path)], metadata=datasette_metadata(path))


async def test_quotes_are_searchable_with_speaker_outlet_and_outlet_count(datasette):
    response = await datasette.client.get("/newsroom/quotes.json?_search=boats&_shape=array")
    assert response.status_code == 200
    rows = response.json()
    assert rows and all("boats" in row["text"] for row in rows)
    assert {row["outlet"] for row in rows} == {"The Estuary Herald", "Keld Valley Echo"}
    assert all(row["outlets"] == 2 for row in rows)
    assert {row["speaker"] for row in rows} <= {"Venn", "Oskar Venn", None}


async def test_statements_table_is_searchable_through_its_full_text_index(datasette):
    response = await datasette.client.get("/newsroom/statements.json?_search=patience&_shape=array")
    assert response.status_code == 200
    assert len(response.json()) == 2


async def test_metadata_facets_and_hidden_tables(datasette):
    page = (await datasette.client.get("/newsroom/quotes.json")).json()
    assert {"outlet", "speaker", "date_precision"} <= set(page["facet_results"])
    database = (await datasette.client.get("/newsroom.json")).json()
    visible = {t["name"] for t in database["tables"] if not t["hidden"]}
    assert {"documents", "statements", "events", "speakers"} <= visible
    assert not visible & {"story_bands", "story_index", "timeline", "speaker_aliases"}
    assert {"chronology", "quotes", "quote_clusters", "stories"} <= {v["name"] for v in database["views"]}
    chronology = (await datasette.client.get("/newsroom/chronology.json?_shape=array&_size=5")).json()
    assert [r["position"] for r in chronology] == sorted(r["position"] for r in chronology)


def test_web_commands_say_who_can_reach_them(run_cli, tmp_path):
    assert "this machine only" in exposure_note("127.0.0.1", 8001)
    assert "reachable from other machines" in exposure_note("0.0.0.0", 8001)
    for command in ("datasette", "serve"):
        result = run_cli(command, "--help")
        assert result.returncode == 0 and "127.0.0.1" in result.stdout
        missing = run_cli(command, "--db", tmp_path / "absent.db")
        assert missing.returncode == 1 and "no database" in missing.stderr
