"""Bytes to text: UTF-8 (with or without a BOM), else Windows-1252, which never fails, reported."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Decoded:
    text: str
    encoding: str
    warning: str | None = None


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so offsets mean the same whatever system wrote the file."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes) -> Decoded:
    if data.startswith(b"\xef\xbb\xbf"):
        return Decoded(normalise_newlines(data[3:].decode("utf-8", errors="replace")), "utf-8-sig")
    try:
        return Decoded(normalise_newlines(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError as exc:
        where = exc.start
    # cp1252 leaves five bytes undefined; map them through latin-1 rather than fail on one stray byte.
    text = data.decode("cp1252", errors="replace")
    if "\ufffd" in text:
        text = data.decode("latin-1")
    return Decoded(
        normalise_newlines(text),
        "cp1252",
        f"not valid UTF-8 (byte {where}); read as Windows-1252",
    )
