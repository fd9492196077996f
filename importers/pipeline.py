"""Importing files: read each with its reader, extract every document, save each file all or nothing.

Reading and extraction are pure work on one file, done in worker processes when ``jobs > 1``; the parent
process alone writes to the database. A file that fails is reported and skipped: it never stops the others.
A large file whose reader can stream (JSONL) is never held whole: the parent reads, extracts and saves its
documents one at a time, still all or nothing. Many files share a transaction (store.writes.FileBatches).
"""
from __future__ import annotations

import hashlib
import os
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from importers.extract import extract
from importers.model import Document, Extraction
from importers.readers import ReadError, reader_for, iter_files, SNIFF_BYTES
from store import search_index, stories, timeline
from store.writes import (FileBatches, SavedFile, Speakers, forget_missing_speakers, index_full_text, is_unchanged,
                          save_file)


@dataclass
class PreparedFile:
    """One file read and extracted, ready to save (or the reason it could not be)."""

    path: str
    given_path: str
    digest: str
    format: str | None = None
    encoding: str | None = None
    results: list[tuple[Document, Extraction]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass
class ImportReport:
    files: int = 0
    documents: int = 0
    statements: int = 0
    events: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    formats: Counter = field(default_factory=Counter)

    def add(self, saved: SavedFile, format: str) -> None:
        self.documents += saved.documents_added
        self.statements += saved.statements
        self.events += saved.events
        self.formats[format] += 1

    def summary(self) -> str:
        formats = ", ".join(f"{n} {name}" for name, n in sorted(self.formats.items()))
        return (f"{self.files} files{f' ({formats})' if formats else ''}, {self.documents} documents, "
                f"{self.statements} statements, {self.events} events, {self.unchanged} unchanged, "
                f"{len(self.failed)} failed")


def prepare(path: str, given_path: str, digest: str, published: str | None,
            fields: dict[str, str] | None = None) -> PreparedFile:
    """Read and extract one file: a pure function of its bytes, safe to run in another process."""
    prepared = PreparedFile(path=path, given_path=given_path, digest=digest)
    try:
        data = Path(path).read_bytes()
        reader = reader_for(Path(path), data[:SNIFF_BYTES])
        if reader is None:
            raise ReadError("not a format Dateline reads (text, HTML, feed or JSON)")
        # ``fields`` maps JSON keys to document fields (--field NAME=KEY); only the JSON reader has keys.
        result = reader.read(given_path, data, fields) if fields and reader.name == "json" \
            else reader.read(given_path, data)
        prepared.format = reader.name
        prepared.warnings = list(result.warnings)
        if not result.documents:
            raise ReadError("no article found in it")
        for doc in result.documents:
            ex = extract(doc, published)
            prepared.warnings += ex.warnings
            prepared.results.append((doc, ex))
        prepared.encoding = "cp1252" if any("Windows-1252" in w for w in prepared.warnings) else "utf-8"
    except ReadError as exc:
        prepared.error = str(exc)
    except OSError as exc:
        prepared.error = exc.strerror or str(exc)
    except Exception as exc:  # a bug or a malformed file must not stop the import of the others
        prepared.error = f"could not be read ({type(exc).__name__}: {exc})"
    return prepared


BULK_CHECKPOINT_PAGES = 16384
IN_FLIGHT_PER_WORKER = 8
SAVE_BATCH = 32  # files read and extracted before they are saved, one after the other
IMPORT_CACHE_KB = 65536
STREAM_BYTES = 16 * 1024 * 1024  # from this size a file whose reader can stream (JSONL) is never held whole


def _file_digest(path: Path, extra: bytes) -> tuple[str, bytes, int]:
    """The content hash of a file and ``extra``, read in blocks (the value of hashing them whole), with the
    file's first bytes and its size."""
    h = hashlib.sha256()
    head = b""
    size = 0
    with path.open("rb") as file:
        while block := file.read(1 << 20):
            head = head or block[:SNIFF_BYTES]
            size += len(block)
            h.update(block)
    h.update(extra)
    return h.hexdigest(), head, size


def _resolved(path: Path, folders: dict[Path, Path]) -> str:
    """The file's resolved path (what identifies it across imports), each folder resolved once: resolving a
    path looks up every folder above it, which cost as much as saving a small article's statements."""
    if path.is_symlink():
        return str(path.resolve())
    folder = folders.get(path.parent)
    if folder is None:
        folder = folders[path.parent] = path.parent.resolve()
    return str(folder / path.name)


def _extracted(documents: Iterator[Document], published: str | None,
               warnings: list[str]) -> Iterator[tuple[Document, Extraction]]:
    """Extraction of a streamed file's documents, one at a time; a file without any fails (and rolls back)."""
    found = False
    for doc in documents:
        ex = extract(doc, published)
        warnings += ex.warnings
        found = True
        yield doc, ex
    if not found:
        raise ReadError("no article found in it")


def import_paths(db: sqlite_utils.Database, paths: list[str], *, published: str | None = None, jobs: int = 1,
                 fields: dict[str, str] | None = None,
                 on_file: Callable[[str, int, int], None] | None = None) -> ImportReport:
    """Import files and folders (recursively). ``on_file(path, done, total)`` reports progress."""
    report = ImportReport()
    files = list(iter_files(paths))
    total = len(files)
    pending = []
    streamed = []  # large files whose reader streams: read, extracted and saved as they are read
    done = 0
    folders: dict[Path, Path] = {}
    for path, given in files:
        report.files += 1
        try:
            digest, head, size = _file_digest(
                path, (f"\0published={published}".encode() if published else b"")
                + (f"\0fields={sorted(fields.items())}".encode() if fields else b""))
        except OSError as exc:
            report.failed.append((given, exc.strerror or str(exc)))
            done += 1
            on_file and on_file(given, done, total)
            continue
        resolved = _resolved(path, folders)
        if is_unchanged(db, resolved, digest):
            report.unchanged += 1
            done += 1
            on_file and on_file(given, done, total)
            continue
        reader = reader_for(path, head) if size >= STREAM_BYTES else None
        (streamed if reader and reader.stream else pending).append((resolved, given, digest, published, fields))

    speakers = Speakers(db)  # read once for the whole import, not looked up name by name

    # Files are saved SAVE_BATCH at a time, each in its own savepoint as before: saving a file right after
    # extracting it found the database's pages and the saving code out of the processor's caches, which the
    # extraction had filled with its own (saving cost ~40% more than in a run of saves).
    queued: list[PreparedFile] = []

    def save(prepared: PreparedFile) -> None:
        queued.append(prepared)
        if len(queued) >= SAVE_BATCH:
            save_queued()

    def save_queued() -> None:
        nonlocal done
        for prepared in queued:
            done += 1
            for w in prepared.warnings:
                report.warnings.append((prepared.given_path, w))
            if prepared.error:
                report.failed.append((prepared.given_path, prepared.error))
            else:
                saved = save_file(db, source_path=prepared.path, given_path=prepared.given_path,
                                  digest=prepared.digest, format=prepared.format or "text",
                                  encoding=prepared.encoding, warnings=prepared.warnings,
                                  results=prepared.results, speakers=speakers)
                report.add(saved, prepared.format or "text")
            on_file and on_file(prepared.given_path, done, total)
            batches.saved()
        queued.clear()

    def save_streamed(path: str, given_path: str, digest: str, published: str | None,
                      fields: dict[str, str] | None) -> None:
        nonlocal done
        done += 1
        warnings: list[str] = []
        try:
            with open(path, "rb") as file:
                reader = reader_for(Path(path), file.read(SNIFF_BYTES))
                file.seek(0)
                results = _extracted(reader.stream(given_path, file, warnings, fields), published, warnings)
                saved = save_file(db, source_path=path, given_path=given_path, digest=digest, format=reader.name,
                                  encoding="utf-8", warnings=warnings, results=results, speakers=speakers)
        except ReadError as exc:
            report.failed.append((given_path, str(exc)))
        except OSError as exc:
            report.failed.append((given_path, exc.strerror or str(exc)))
        except Exception as exc:  # a bug or a malformed file must not stop the import of the others
            report.failed.append((given_path, f"could not be read ({type(exc).__name__}: {exc})"))
        else:
            report.add(saved, reader.name)
        report.warnings += [(given_path, w) for w in warnings]
        on_file and on_file(given_path, done, total)

    # Let the write-ahead log grow to 64 MB before it is copied back, rather than every 4 MB.
    db.execute(f"PRAGMA wal_autocheckpoint = {BULK_CHECKPOINT_PAGES}")
    # Clustering keys and content hashes land anywhere in their indexes: a 64 MB page cache instead of 2 MB
    # keeps those writes off the disk as the database grows.
    db.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KB}")
    # Each file's savepoint keeps the first state of every page the file changes, for a rollback: in a
    # temporary file that was a write call per page, a hundred per article (a fifth of the import's CPU time,
    # in the kernel). In memory while files are saved; the renumbering's large sorts still go to disk after.
    # The setting deletes the connection's temporary tables and triggers: a caller that has some keeps it.
    temp_store = None if db.execute("SELECT 1 FROM temp.sqlite_master LIMIT 1").fetchone() \
        else db.execute("PRAGMA temp_store").fetchone()[0]
    if temp_store is not None:
        db.execute("PRAGMA temp_store = MEMORY")
    with FileBatches(db) as batches:
        if jobs > 1 and len(pending) > 1:
            workers = min(jobs, os.cpu_count() or 1)
            with ProcessPoolExecutor(max_workers=workers) as pool:
                # A bounded window of files in flight, saved in order: memory stays flat however many files.
                in_flight: deque = deque()
                for args in pending:
                    in_flight.append(pool.submit(prepare, *args))
                    if len(in_flight) >= IN_FLIGHT_PER_WORKER * workers:
                        save(in_flight.popleft().result())
                while in_flight:
                    save(in_flight.popleft().result())
        else:
            for args in pending:
                save(prepare(*args))
        save_queued()
        for args in streamed:
            save_streamed(*args)
            batches.saved()
    if temp_store is not None:
        db.execute(f"PRAGMA temp_store = {temp_store}")
    # Also when nothing was saved but the chronology is behind: an import broken off after saving its files
    # (Ctrl-C while clustering or numbering) is finished by the next one, which finds every file unchanged.
    if pending or streamed or timeline.behind(db):
        forget_missing_speakers(db)
        index_full_text(db)  # documents and statements, searchable in Datasette
        stories.cluster_new(db)  # reprints join a story, repeated quotes a cluster: before the timeline uses them
        timeline.rebuild(db)
        search_index.refresh(db)  # the quote search's word index takes in what this import added or removed
    db.execute("PRAGMA wal_autocheckpoint = 1000")
    db.execute("PRAGMA wal_checkpoint(PASSIVE)")
    return report
