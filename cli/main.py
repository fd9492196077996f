"""``dateline``: import articles, export or search what was found, browse the chronology.

Exit codes: 0 success; 1 the work ran but something failed (a file, a missing database); 2 bad usage.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from tui.sanitize import clean


def _db_option(f):
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help="Database file. Default: $DATELINE_DB, else dateline.db in your user data directory.",
    )(f)


def _resolve_db(db_path: Path | None) -> Path:
    from store import default_db_path

    return db_path if db_path is not None else default_db_path()


def _open_existing(db_path: Path | None):
    from store import open_db

    path = _resolve_db(db_path)
    if not path.exists():
        raise click.ClickException(f"no database at {path}: run `dateline import PATH` first, or pass --db FILE")
    try:
        return open_db(path, create=False)
    except Exception as exc:  # not SQLite, newer schema, unreadable
        raise click.ClickException(f"cannot open database {path}: {exc}") from None


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@_db_option
@click.version_option(package_name="dateline")
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None) -> None:
    """Dateline turns news articles into a chronology you can browse, search and cite.

    Without a command, opens the browser on the default database.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(browse, db_path=db_path)


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@_db_option
@click.option("--published", metavar="DATE", default=None,
              help="Publication date for every imported document (e.g. 2023-04-24), overriding the text's own.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for extraction.")
@click.option("--quiet", "-q", is_flag=True, help="Only print failures and the summary.")
@click.option("--field", "field_map", multiple=True, metavar="NAME=KEY",
              help="JSON input: take document field NAME (text, title, url, date, author, outlet, section) from "
                   "KEY, a dotted path such as fields.bodyText. Repeatable. See docs/json-fields.md.")
def import_command(paths: tuple[str, ...], db_path: Path | None, published: str | None, jobs: int,
                   quiet: bool, field_map: tuple[str, ...]) -> None:
    """Import article files and folders (recursively) into the database.

    Prints one line per file that could not be imported and a summary. Exit code 0 when every file was
    imported, 1 when some failed.
    """
    from importers.extract.dates import parse_date_string
    from importers.pipeline import import_paths
    from store import open_db

    if published is not None:
        parsed = parse_date_string(published)
        if not parsed or parsed[1] != "day":
            raise click.BadParameter(f"{published!r} is not a calendar date; write it as YYYY-MM-DD",
                                     param_hint="--published")
        published = parsed[0]
    fields = _parse_fields(field_map)
    missing = [p for p in paths if not Path(p).exists()]
    for p in missing:
        click.echo(f"error: {p}: no such file or folder", err=True)
    existing = [p for p in paths if Path(p).exists()]
    path = _resolve_db(db_path)
    try:
        db = open_db(path)
    except Exception as exc:
        raise click.ClickException(f"cannot open database {path}: {exc}") from None

    progress = None
    on_file = None
    if sys.stderr.isatty() and not quiet:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        progress = Progress(TextColumn("importing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                            TextColumn("{task.description}"), transient=True)
        task = progress.add_task("", total=None)

        def on_file(name: str, done: int, total: int) -> None:
            progress.update(task, completed=done, total=total, description=clean(Path(name).name)[:40])

        progress.start()
    try:
        report = import_paths(db, existing, published=published, jobs=jobs, on_file=on_file,
                              fields=fields)
    finally:
        if progress:
            progress.stop()
    for name, reason in report.failed:
        click.echo(f"error: {clean(name)}: {clean(reason)}", err=True)
    if not quiet:
        for name, warning in report.warnings:
            click.echo(f"warning: {clean(name)}: {clean(warning)}", err=True)
    failed = len(report.failed) + len(missing)
    report_line = report.summary()
    if missing:
        report_line = report_line.replace(f"{len(report.failed)} failed", f"{failed} failed")
    click.echo(f"{report_line} -> {path}")
    sys.exit(1 if failed else 0)


def _parse_fields(pairs: tuple[str, ...]) -> dict[str, str] | None:
    from importers.readers.json import FIELD_NAMES

    fields = {}
    for pair in pairs:
        name, sep, key = pair.partition("=")
        name, key = name.strip(), key.strip()
        if not sep or not key or name not in FIELD_NAMES:
            raise click.BadParameter(f"{pair!r}: write NAME=KEY with NAME one of {', '.join(FIELD_NAMES)}",
                                     param_hint="--field")
        fields[name] = key
    return fields or None


@cli.command("export")
@_db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "md"]), default="jsonl", show_default=True,
              help="jsonl: documents, statements and events (the export contract); csv, md: the chronology.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write. Default: standard output.")
def export_command(db_path: Path | None, fmt: str, output: Path | None) -> None:
    """Export the database as JSONL, CSV or Markdown."""
    from store.export import WRITERS

    db = _open_existing(db_path)
    if output is None:
        WRITERS[fmt](db, sys.stdout)
        return
    try:
        with open(output, "w", encoding="utf-8", newline="") as out:
            n = WRITERS[fmt](db, out)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from None
    click.echo(f"wrote {n} records to {output}", err=True)


@cli.command("search")
@click.argument("query")
@_db_option
@click.option("--limit", "-n", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per result.")
def search_command(query: str, db_path: Path | None, limit: int, as_json: bool) -> None:
    """Find quotes by a few remembered words, tolerating typos; best first."""
    from store.search import search_statements

    db = _open_existing(db_path)
    results = search_statements(db, query, limit)
    if as_json:
        for row in results:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    if not results:
        click.echo(f"no quotes match {query!r}", err=True)
        sys.exit(1)
    for row in results:
        who = row["speaker"] or "unattributed"
        carried = f"{row['outlets']} outlets" if row.get("outlets", 1) > 1 else None
        meta = " · ".join(x for x in (row["date"], row["outlet"], carried) if x)
        click.echo(f"“{clean(row['text'])}”\n    {clean(who)}{' · ' + clean(meta) if meta else ''}")


@cli.command("stats")
@_db_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def stats_command(db_path: Path | None, as_json: bool) -> None:
    """Counts of what the database holds."""
    from store.stats import stats

    figures = stats(_open_existing(db_path))
    if as_json:
        click.echo(json.dumps(figures))
        return
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        click.echo(f"{key.replace('_', ' '):<{width}}  {value if value is not None else '-'}")


@cli.command("explain")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--published", metavar="DATE", default=None, help="Publication date to resolve against.")
def explain_command(file: Path, published: str | None) -> None:
    """Show what extraction finds in one article file, spans marked in its text."""
    from cli.explain import explain

    sys.exit(explain(file, published))


def _web_options(default_port: int):
    def wrap(f):
        f = click.option("--port", type=click.IntRange(1, 65535), default=default_port, show_default=True)(f)
        return click.option("--host", default="127.0.0.1", show_default=True,
                            help="Address to listen on. The default lets only this machine connect.")(f)
    return wrap


@cli.command("datasette")
@_db_option
@_web_options(8001)
@click.option("--open", "open_browser", is_flag=True, help="Open a web browser on it.")
def datasette_command(db_path: Path | None, host: str, port: int, open_browser: bool) -> None:
    """Explore the database in Datasette: tables, facets, and a searchable list of quotes.

    Needs the web extra: pip install 'dateline[web]'.
    """
    import importlib.util
    import subprocess
    import tempfile

    from cli.web import datasette_command as command, datasette_metadata, exposure_note

    path = _resolve_db(db_path)
    _open_existing(db_path).conn.close()  # creates nothing; migrates an older schema first
    if importlib.util.find_spec("datasette") is None:
        raise click.ClickException("Datasette is not installed: pip install 'dateline[web]'")
    with tempfile.TemporaryDirectory() as tmp:
        metadata = Path(tmp) / "metadata.json"
        metadata.write_text(json.dumps(datasette_metadata(path)), encoding="utf-8")
        click.echo(f"Datasette on {path} at {exposure_note(host, port)}; Ctrl+C stops it", err=True)
        try:
            sys.exit(subprocess.call(command(path, metadata, host, port, open_browser)))
        except KeyboardInterrupt:
            sys.exit(0)


@cli.command("serve")
@_db_option
@_web_options(8000)
@click.option("--public-url", default=None, metavar="URL",
              help="The address visitors use, when it differs from --host/--port (a proxy, or --host 0.0.0.0).")
def serve_command(db_path: Path | None, host: str, port: int, public_url: str | None) -> None:
    """Run the chronology browser in a web page (textual-serve): each visitor gets their own browser.

    Needs the web extra: pip install 'dateline[web]'.
    """
    from cli.web import browser_command, exposure_note

    path = _resolve_db(db_path)
    _open_existing(db_path).conn.close()
    try:
        from textual_serve.server import Server
    except ImportError:
        raise click.ClickException("textual-serve is not installed: pip install 'dateline[web]'") from None
    click.echo(f"Serving the Dateline browser on {path} at {exposure_note(host, port)}; Ctrl+C stops it",
               err=True)
    Server(browser_command(path), host=host, port=port, title="Dateline", public_url=public_url).serve()


@cli.command("browse")
@_db_option
def browse(db_path: Path | None) -> None:
    """Open the chronology browser (the default command)."""
    from store import open_db

    path = _resolve_db(db_path)
    try:
        open_db(path).conn.close()
    except Exception as exc:
        raise click.ClickException(f"cannot open database {path}: {exc}") from None
    from tui.app import run

    run(path)


@cli.command("demo")
@_db_option
@click.option("--no-browse", is_flag=True, help="Build the demo database and print its path; do not open it.")
def demo(db_path: Path | None, no_browse: bool) -> None:
    """Import the bundled sample corpus into a fresh database and open the browser on it."""
    from importers.pipeline import import_paths
    from importers import sample_files
    from store import open_db

    if db_path is None:
        import platformdirs

        db_path = Path(platformdirs.user_data_dir("dateline", appauthor=False)) / "demo.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    db = open_db(db_path)
    report = import_paths(db, sample_files())
    db.conn.close()
    click.echo(f"demo: {report.summary()} -> {db_path}", err=True)
    if no_browse:
        return
    from tui.app import run

    run(db_path)


def main() -> None:
    try:
        cli.main(prog_name="dateline", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
