"""The five seed articles this product was conceived from (../shared, when it is beside the repository)."""
import json

from tests.conftest import SHARED


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
