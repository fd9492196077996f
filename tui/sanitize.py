"""Text from articles is untrusted: keep control characters (escape sequences) away from the terminal."""
from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str | None, keep_newlines: bool = False) -> str:
    """The text with control characters removed (tabs and, if asked, newlines kept)."""
    if text is None:
        return ""
    text = _CONTROL.sub("", text)
    return text if keep_newlines else text.replace("\n", " ").replace("\t", " ")
