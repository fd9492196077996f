"""`dateline import` of a folder holding pages, feeds and JSON in one run, through the real entry point."""
import json
import re
import shutil
from pathlib import Path

from tests.conftest import SAMPLES

FIXTURES = Path(__file__).parent / "fixtures"


def test_mixed_folder_imports_in_one_run_with_per_format_counts(run_cli, db_path, tmp_path):
    folder = tmp_path / "inbox"
    shutil.copytree(FIXTURES / "mixed", folder)
    shutil.copy(SAMPLES / "02_header_courier.txt", folder)
    shutil.copy(FIXTURES / "unreadable" / "no_article.html", folder)
    result = run_cli("import", folder, "--db", db_path)
    summary = result.stdout.strip().splitlines()[-1]
    counts = dict((name, int(n)) for n, name in re.findall(r"(\d+) (feed|html|json|text)\b", summary))
    assert counts == {"feed": 2, "html": 4, "json": 5, "text": 1}, summary
    # The page without an article is named, reported in one line and not stored; the others import.
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "no_article.html" in errors[0] and "no article text" in errors[0]
    assert "1 failed" in summary and result.returncode == 1
    exported = run_cli("export", "--db", db_path)
    documents = [json.loads(line) for line in exported.stdout.splitlines() if '"type": "document"' in line]
    assert not any("Sign in" in (d["title"] or "") for d in documents)
    formats_titles = {d["title"] for d in documents}
    assert "Night trains return to the coast line" in formats_titles  # html
    assert "Tug crews agree new rosters" in formats_titles  # feed
    assert "Island votes to buy its own ferry" in formats_titles  # json


def test_field_option_maps_an_unknown_json_shape(run_cli, db_path):
    custom = FIXTURES / "json_custom" / "custom_shape.json"
    refused = run_cli("import", custom, "--db", db_path)
    assert refused.returncode == 1 and "--field text=KEY" in refused.stderr
    mapped = run_cli("import", custom, "--db", db_path, "--field", "text=story_html", "--field",
                     "title=headline_text", "--field", "date=when", "--field", "outlet=publication.label")
    assert mapped.returncode == 0, mapped.stderr
    assert "1 documents" in mapped.stdout
    exported = [json.loads(line) for line in run_cli("export", "--db", db_path).stdout.splitlines()]
    doc = next(r for r in exported if r["type"] == "document")
    assert (doc["outlet"], doc["published"]) == ("Coast and Country", "2022-06-01")
    bad = run_cli("import", custom, "--db", db_path, "--field", "body")
    assert bad.returncode == 2 and "NAME=KEY" in bad.stderr
