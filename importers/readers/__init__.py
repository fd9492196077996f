"""The registry of readers: one module per input format, each turning one file into documents.

A reader is chosen by sniffing the first bytes of a file, then by its extension; plain text is the
fallback for anything that decodes. A reader reports what it could not parse as warnings (or raises
``ReadError`` for a file it cannot use at all) rather than stopping an import.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from importers.model import Document

SNIFF_BYTES = 4096


class ReadError(Exception):
    """A file that a reader cannot turn into any document; the message says why, in one line."""


@dataclass
class ReadResult:
    documents: list[Document]
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Reader:
    name: str
    extensions: tuple[str, ...]
    sniff: Callable[[bytes], bool]
    read: Callable[[str, bytes], ReadResult]
    # For formats that can be large (JSONL): ``stream(source, file, warnings, fields)`` yields documents as
    # it reads an open binary file, appending to ``warnings``; the pipeline uses it for large files.
    stream: Callable[[str, BinaryIO, list[str], dict[str, str] | None], Iterator[Document]] | None = None


_READERS: list[Reader] = []


def register(reader: Reader) -> Reader:
    """Add a reader; readers registered first are sniffed first, so register specific formats before text."""
    _READERS.append(reader)
    return reader


def reader_for(path: Path, head: bytes) -> Reader | None:
    for reader in _READERS:
        if reader.sniff(head):
            return reader
    suffix = path.suffix.lower()
    for reader in _READERS:
        if suffix in reader.extensions:
            return reader
    return None


def read_file(path: Path, source: str | None = None) -> tuple[Reader, ReadResult]:
    """Read one file with the reader that fits it. Raises ReadError or OSError."""
    data = path.read_bytes()
    reader = reader_for(path, data[:SNIFF_BYTES])
    if reader is None:
        raise ReadError("not a format Dateline reads (text, HTML, feed or JSON)")
    return reader, reader.read(source or str(path), data)


SKIPPED_NAMES = {".DS_Store", "Thumbs.db"}


def iter_files(paths: list[str]) -> Iterator[tuple[Path, str]]:
    """Files under the given paths (folders recursively, sorted), with the path as the user gave it."""
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                rel = child.relative_to(p)
                if child.is_file() and not any(part.startswith(".") for part in rel.parts) \
                        and child.name not in SKIPPED_NAMES:
                    yield child, str(Path(given) / rel)
        else:
            yield p, given


# Registration order is sniffing order: the text reader goes last, it accepts anything that decodes.
from importers.readers import html as _html  # noqa: E402,F401  (sniffs markup at the very start only)
from importers.readers import feed as _feed  # noqa: E402,F401
from importers.readers import json as _json  # noqa: E402,F401
from importers.readers import text as _text  # noqa: E402,F401
