"""The command line, through the installed `dateline` entry point."""
import csv
import io
import json
import re

import pytest

from tests.conftest import SAMPLES


def test_every_command_has_help(run_cli):
    for command in ([], ["import"], ["export"], ["search"], ["stats"], ["browse"], ["demo"], ["explain"]):
        result = run_cli(*command, "--help")
        assert result.returncode == 0, result.stderr
        assert "Usage: dateline" in result.stdout


def test_import_prints_summary_and_second_import_changes_nothing(run_cli, db_path):
    first = run_cli("import", SAMPLES, "--db", db_path)
    assert first.returncode == 0, first.stderr
    line = first.stdout.strip().splitlines()[-1]
    assert "0 failed" in line and "0 unchanged" in line
    documents = int(line.split(" documents")[0].rsplit(" ", 1)[-1])
    assert documents >= 20

    second = run_cli("import", SAMPLES, "--db", db_path)
    assert second.returncode == 0
    summary = second.stdout.strip().splitlines()[-1]
    assert " 0 documents, 0 statements, 0 events" in summary
    files = int(summary.split(" files")[0])
    assert f"{files} unchanged" in summary


def test_one_bad_file_is_reported_and_the_others_import(run_cli, db_path, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "Harbour talks resume\n\nNegotiators met on 3 March 2024 in Port Adelin. "
        "\u201cWe are close,\u201d said envoy Mara Lind, who leads the delegation for the coastal towns.\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = run_cli("import", folder, "--db", db_path)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert any("empty.txt" in e and "empty" in e for e in errors)
    assert any("image.txt" in e and "binary" in e for e in errors)
    assert "1 documents" in result.stdout and "2 failed" in result.stdout
    exported = run_cli("export", "--db", db_path)
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    assert [r["title"] for r in records if r["type"] == "document"] == ["Harbour talks resume"]


def test_missing_path_fails_with_exit_1(run_cli, db_path):
    result = run_cli("import", "no/such/folder", "--db", db_path)
    assert result.returncode == 1
    assert "no/such/folder: no such file or folder" in result.stderr


def test_usage_errors_exit_2(run_cli, db_path):
    assert run_cli("import").returncode == 2
    assert run_cli("export", "--format", "xml", "--db", db_path).returncode == 2
    bad_date = run_cli("import", SAMPLES, "--published", "someday", "--db", db_path)
    assert bad_date.returncode == 2
    assert "--published" in bad_date.stderr


def test_commands_on_a_missing_database_say_how_to_fix_it(run_cli, tmp_path):
    for command in ("export", "stats"):
        result = run_cli(command, "--db", tmp_path / "absent.db")
        assert result.returncode == 1
        assert "dateline import" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_export_jsonl_contract(run_cli, db_path):
    run_cli("import", SAMPLES, "--db", db_path)
    result = run_cli("export", "--db", db_path, "--format", "jsonl")
    assert result.returncode == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    docs = {r["id"]: r for r in records if r["type"] == "document"}
    assert docs
    for doc in docs.values():
        assert set(doc) >= {"id", "source", "source_index", "title", "outlet", "author", "section", "url",
                            "published", "text"}
        assert doc["published"] is None or len(doc["published"]) == 10
    statements = [r for r in records if r["type"] == "statement"]
    events = [r for r in records if r["type"] == "event"]
    assert statements and events
    for st in statements:
        assert set(st) >= {"id", "document_id", "text", "speaker", "speaker_role", "start", "end", "date",
                           "date_precision", "cluster_id"}
        assert docs[st["document_id"]]["text"][st["start"]:st["end"]] == st["text"]
    for ev in events:
        text = docs[ev["document_id"]]["text"]
        assert text[ev["date_start"]:ev["date_end"]] == ev["date_text"]
        assert text[ev["start"]:ev["end"]] == ev["text"]
        assert ev["date"] is None or re.fullmatch(r"\d{4}(-(\d\d|Q[1-4]|H[12]|SP|SU|FA|WI)(-\d\d)?)?", ev["date"])


def _first_month(written: str) -> str:
    """Where a written date begins: "2021-Q4" -> "2021-10", "2021-H2" -> "2021-07", "2021-SU" -> "2021-06"."""
    year, _, rest = written.partition("-")
    first = {"Q1": "01", "Q2": "04", "Q3": "07", "Q4": "10", "H1": "01", "H2": "07", "WI": "01", "SP": "03",
             "SU": "06", "FA": "09"}.get(rest[:2])
    return f"{year}-{first}" if first else written


def test_export_csv_and_markdown_to_a_file(run_cli, db_path, tmp_path):
    run_cli("import", SAMPLES, "--db", db_path)
    out = tmp_path / "chronology.csv"
    result = run_cli("export", "--db", db_path, "--format", "csv", "--output", out)
    assert result.returncode == 0 and "wrote" in result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    dates = [r["date"] for r in rows if r["date"]]
    assert any("-Q" in d for d in dates), "a quarter is written as one (2021-Q4)"
    starts = [_first_month(d) for d in dates]
    assert starts == sorted(starts), "the CSV is the chronology, in date order"
    md = run_cli("export", "--db", db_path, "--format", "md").stdout
    assert md.startswith("# Chronology")
    assert "\n## 2024-03\n" in md


def test_search_tolerates_a_typo(run_cli, db_path):
    run_cli("import", SAMPLES, "--db", db_path)
    exported = [json.loads(line) for line in run_cli("export", "--db", db_path).stdout.splitlines()]
    quote = max((r["text"] for r in exported if r["type"] == "statement"), key=lambda t: len(t.split()))
    words = quote.split()[1:5]
    typo = words[:-2] + [words[-2][:-2] + words[-2][-1] if len(words[-2]) > 3 else words[-2], words[-1]]
    result = run_cli("search", " ".join(typo), "--db", db_path, "--json")
    assert result.returncode == 0
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert hits and hits[0]["text"] == quote


def test_search_without_results_exits_1(run_cli, db_path):
    run_cli("import", SAMPLES, "--db", db_path)
    result = run_cli("search", "zzqxv wqqpt", "--db", db_path)
    assert result.returncode == 1
    assert "no quotes match" in result.stderr


def test_stats_and_default_database_from_environment(run_cli, tmp_path):
    env_db = tmp_path / "from-env.db"
    assert run_cli("import", SAMPLES, env={"DATELINE_DB": str(env_db)}).returncode == 0
    assert env_db.exists()
    result = run_cli("stats", "--json", env={"DATELINE_DB": str(env_db)})
    figures = json.loads(result.stdout)
    assert figures["files"] == len([p for p in SAMPLES.iterdir() if p.suffix == ".txt"])
    assert figures["statements"] > 0 and figures["events"] > 0


def test_published_option_overrides_the_text(run_cli, db_path, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Ferry service restored\n\nThe ferry between the two ports ran again on Friday, "
                       "officials said, after a week of storms closed the crossing.\n")
    run_cli("import", article, "--db", db_path, "--published", "2024-02-09")
    records = [json.loads(line) for line in run_cli("export", "--db", db_path).stdout.splitlines()]
    assert records[0]["published"] == "2024-02-09"
    friday = [r for r in records if r["type"] == "event" and r["date_text"].endswith("Friday")]
    assert friday and friday[0]["date"] == "2024-02-09"


def test_demo_builds_its_database(run_cli, tmp_path):
    demo_db = tmp_path / "demo.db"
    result = run_cli("demo", "--no-browse", "--db", demo_db)
    assert result.returncode == 0, result.stderr
    assert "0 failed" in result.stderr
    stats = json.loads(run_cli("stats", "--json", "--db", demo_db).stdout)
    assert stats["documents"] >= 20


def test_explain_marks_spans(run_cli):
    result = run_cli("explain", SAMPLES / "02_header_courier.txt")
    assert result.returncode == 0
    assert "published 2023-04-24" in " ".join(result.stdout.split())
    assert "⟦" in result.stdout and "«" in result.stdout


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_parallel_import_gives_the_same_result(run_cli, tmp_path, jobs):
    db = tmp_path / f"jobs{jobs}.db"
    assert run_cli("import", SAMPLES, "--db", db, "--jobs", jobs).returncode == 0
    stats = json.loads(run_cli("stats", "--json", "--db", db).stdout)
    reference = tmp_path / "reference.db"
    run_cli("import", SAMPLES, "--db", reference)
    assert stats == json.loads(run_cli("stats", "--json", "--db", reference).stdout)


def test_chronology_exports_say_how_many_outlets_carried_a_quote_and_which_was_first(run_cli, db_path):
    run_cli("import", SAMPLES / "05_tag_page_wire_reprints.txt", "--db", db_path)
    md = run_cli("export", "--db", db_path, "--format", "md").stdout
    assert "3 outlets, first Eastline Daily (2024-03-14)" in md
    rows = list(csv.DictReader(io.StringIO(run_cli("export", "--db", db_path, "--format", "csv").stdout)))
    carried = [r for r in rows if r["outlets"] == "3"]
    assert carried and all(r["first_outlet"] == "Eastline Daily" for r in carried)


def test_explain_reports_an_extraction_failure_in_one_line(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import cli.explain
    from cli.main import cli as dateline_cli

    def broken(doc, published=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli.explain, "extract", broken)
    path = tmp_path / "a.txt"
    path.write_text("Talks\n\nThe ministers met on Friday and agreed to meet again.\n", encoding="utf-8")
    result = CliRunner().invoke(dateline_cli, ["explain", str(path)])
    assert result.exit_code == 1
    assert "could not be extracted (RuntimeError: boom)" in result.output
    assert "Traceback" not in result.output
