"""The five seed articles this product was conceived from (../shared, when it is beside the repository)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, SHARED


def test_seed_documents_titles_and_dates(run_cli, shared_seeds, tmp_path):
    db = tmp_path / "seeds.db"
    first = run_cli("import", shared_seeds, "--db", db)
    assert first.returncode == 0, first.stderr
    gold = json.loads((SHARED / "corpus" / "seeds-gold.json").read_text(encoding="utf-8"))["files"]
    records = [json.loads(line) for line in run_cli("export", "--db", db).stdout.splitlines()]
    docs = {(r["source"].rsplit("/", 1)[-1], r["source_index"]): r for r in records if r["type"] == "document"}
    assert len(docs) == sum(len(f["documents"]) for f in gold.values()) == 9
    for name, annotations in gold.items():
        for i, expected in enumerate(annotations["documents"]):
            doc = docs[(name, i)]
            assert doc["published"] == expected["published"], (name, i)
            if expected.get("title"):
                assert doc["title"].replace("\u2018", "'") == expected["title"].replace("\u2018", "'"), (name, i)
    second = run_cli("import", shared_seeds, "--db", db)
    assert "0 documents, 0 statements, 0 events, 5 unchanged" in second.stdout


def test_seed_boilerplate_is_kept_in_text_but_out_of_extraction(run_cli, shared_seeds, tmp_path):
    db = tmp_path / "seeds.db"
    run_cli("import", shared_seeds, "--db", db)
    records = [json.loads(line) for line in run_cli("export", "--db", db).stdout.splitlines()]
    docs = {r["id"]: r for r in records if r["type"] == "document"}
    assert any("Related posts" in d["text"] for d in docs.values())
    for r in records:
        if r["type"] in ("statement", "event"):
            text = docs[r["document_id"]]["text"]
            around = text[max(0, r["start"] - 300): r["end"]]
            assert "TAGS:" not in around[-len(r["text"]) - 5:]
            assert "consent" not in r["text"].lower() and "donation" not in r["text"].lower()


def _scores(run_cli, files, gold, tmp_path) -> dict:
    scorer = SHARED / "tools" / "score_extraction.py"
    if not scorer.is_file():
        pytest.skip("../shared/tools/score_extraction.py is not beside the repository")
    db, export = tmp_path / "scored.db", tmp_path / "export.jsonl"
    assert run_cli("import", files, "--db", db).returncode == 0
    export.write_text(run_cli("export", "--db", db).stdout, encoding="utf-8")
    result = subprocess.run([sys.executable, scorer, "--gold", gold, "--export", export, "--json"],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_seed_extraction_meets_the_issue_targets(run_cli, shared_seeds, tmp_path):
    fig = _scores(run_cli, shared_seeds, SHARED / "corpus" / "seeds-gold.json", tmp_path)
    assert fig["statement_recall_pct"] >= 98 and fig["quote_precision_pct"] >= 95, fig
    assert fig["speaker_right_statements_pct"] >= 95 and fig["event_recall_pct"] >= 90, fig
    assert fig["event_date_right_pct"] >= 95 and fig["published_right_pct"] == 100, fig
    assert fig["invented_dates"] == 0, fig


def test_our_sample_corpus_scores_against_its_hand_gold(run_cli, tmp_path):
    fig = _scores(run_cli, SAMPLES, Path(__file__).parent / "sample_gold.json", tmp_path)
    assert fig["statement_recall_pct"] >= 98 and fig["quote_precision_pct"] >= 95, fig
    assert fig["speaker_right_statements_pct"] >= 95 and fig["event_recall_pct"] >= 95, fig
    assert fig["event_date_right_pct"] >= 95 and fig["published_right_pct"] == 100, fig
