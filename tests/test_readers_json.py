"""The JSON reader: every shape, common field names, --field mapping, records without text."""
from pathlib import Path

import pytest

from importers.extract import extract
from importers.readers import ReadError, read_file
from importers.readers.json import read as read_json

JSON = Path(__file__).parent / "fixtures" / "mixed" / "json"
CUSTOM = Path(__file__).parent / "fixtures" / "json_custom" / "custom_shape.json"


def test_single_object():
    reader, result = read_file(JSON / "single_object.json")
    assert reader.name == "json"
    (doc,) = result.documents
    assert (doc.title, doc.outlet, doc.author, doc.section, doc.published) == (
        "Glassworks museum wins heritage grant", "Fenwick Review", "Odile Brandt", "Culture", "2022-09-15")
    assert "\n\n" not in doc.text or doc.text.count("\n") >= 2


def test_array_with_html_body_garbage_date_and_a_record_without_text():
    reader, result = read_file(JSON / "scraper_array.json")
    tram, market = result.documents
    assert tram.title == "Tram line extension opens to the university"
    assert tram.published == "2023-10-03" and tram.author == "Juno Castellanos" and tram.outlet == "City Desk"
    assert "<p>" not in tram.text and "“Students no longer" in tram.text
    assert market.published is None and market.outlet == "citydesk.example"  # the URL's host
    assert any("record 2" in w and "not understood" in w for w in result.warnings)
    assert any("record 3" in w and "no text" in w for w in result.warnings)


def test_jsonl_reads_line_by_line_and_takes_dates_from_urls():
    reader, result = read_file(JSON / "wire_records.jsonl")
    assert reader.name == "json"
    reservoir, school, bridges = result.documents
    # A record with only url and text: the date comes from the URL when the text gives none.
    assert reservoir.published is None
    assert (extract(reservoir).published, extract(reservoir).published_from) == ("2023-10-03", "url")
    assert extract(school).published == "2021-03-03"
    assert bridges.published == "2023-10-02" and bridges.author == "Nadia Sorensen, Piet Vos"
    assert any(w.startswith("line 3: not JSON") for w in result.warnings)
    assert any(w.startswith("line 4: no text") for w in result.warnings)


def test_news_api_response_shapes():
    _, newsapi = read_file(JSON / "newsapi_response.json")
    assert [d.outlet for d in newsapi.documents] == ["Keld Valley Echo", "Keld Valley Echo"]
    assert newsapi.documents[0].published == "2023-07-08"
    _, guardian = read_file(JSON / "guardian_style.json")
    (doc,) = guardian.documents
    assert (doc.title, doc.section, doc.author, doc.published) == (
        "Island votes to buy its own ferry", "World news", "Anouk Verbeek", "2024-03-05")
    assert doc.text.startswith("Residents of the island of Sule")


def test_unknown_shape_is_refused_until_fields_are_mapped():
    with pytest.raises(ReadError, match="--field text=KEY"):
        read_file(CUSTOM)
    fields = {"text": "story_html", "title": "headline_text", "date": "when", "outlet": "publication.label",
              "url": "permalink"}
    result = read_json(str(CUSTOM), CUSTOM.read_bytes(), fields)
    (doc,) = result.documents
    assert doc.title == "Lighthouse keeper's cottage to become a hostel"
    assert (doc.outlet, doc.published, doc.url) == (
        "Coast and Country", "2022-06-01", "https://coastandcountry.example/lighthouse-hostel")
    assert "<p>" not in doc.text and "Ilse Rautio" in doc.text


def test_large_jsonl_is_read_record_by_record(tmp_path):
    path = tmp_path / "big.jsonl"
    line = ('{"url": "https://example.org/2020/01/%02d/item", "text": "Record number %d says the river rose '
            'again overnight and the ferry stayed in port."}\n')
    with path.open("w") as out:
        for n in range(5000):
            out.write(line % (n % 28 + 1, n))
    reader, result = read_file(path)
    assert len(result.documents) == 5000
    assert result.documents[-1].source_index == 4999 and "4999" in result.documents[-1].text


def test_large_files_are_streamed_into_the_database_never_read_whole(tmp_path, monkeypatch):
    import importers.pipeline as pipeline
    from importers.pipeline import import_paths
    from store import open_db

    monkeypatch.setattr(pipeline, "STREAM_BYTES", 1)  # every JSON file counts as large
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} was read whole"))
    db = open_db(tmp_path / "s.db")
    report = import_paths(db, [str(JSON / "wire_records.jsonl"), str(CUSTOM)])
    assert report.documents == 3 and dict(report.formats) == {"json": 1}
    warnings = [w for _, w in report.warnings]
    assert any(w.startswith("line 3: not JSON") for w in warnings)
    assert any(w.startswith("line 4: no text") for w in warnings)
    # A file with no usable record fails whole: nothing of it is stored.
    assert [name for name, _ in report.failed] == [str(CUSTOM)]
    assert db.execute("SELECT COUNT(*) FROM sources").fetchone()[0] == 1
    dated = dict(db.execute("SELECT url, published FROM documents"))
    assert dated["https://valleywire.example/2023-10-03/reservoir-levels-recover"] == "2023-10-03"
    again = import_paths(db, [str(JSON / "wire_records.jsonl")])
    assert again.unchanged == 1 and again.documents == 0
