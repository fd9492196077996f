"""Typo-tolerant quote search: "hegemonic bulying" finds "hegemonic bullying".

Design (measured in the browser issue, see benchmarks/search_bench.py): a word-level index maps each
word of the vocabulary to the sorted ids of the statements that hold it. Each query word is matched
against the vocabulary within a small edit distance (the last word also as a prefix, since the user is
still typing it); statements are scored by the rarity of the query words they hold, and the best
candidates are re-ranked with rapidfuzz's ``partial_ratio`` on the whole quote.
"""
from __future__ import annotations

import math
import re
import unicodedata
from array import array
from dataclasses import dataclass

import sqlite_utils
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

_TOKEN = re.compile(r"\w+")
RERANK = 1000


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalise(text))


@dataclass
class SearchHit:
    statement_id: int
    score: float
    text: str


class QuoteIndex:
    """The word index over every statement of a database, held in memory."""

    def __init__(self) -> None:
        self.postings: dict[str, array] = {}
        self.texts: dict[int, str] = {}
        self.vocabulary: list[str] = []
        self.size = 0

    @classmethod
    def build(cls, db: sqlite_utils.Database) -> "QuoteIndex":
        index = cls()
        for sid, text in db.execute("SELECT id, text FROM statements ORDER BY id"):
            index.add(sid, text)
        index.vocabulary = sorted(index.postings)
        return index

    def add(self, statement_id: int, text: str) -> None:
        self.texts[statement_id] = text
        self.size += 1
        for word in set(tokens(text)):
            self.postings.setdefault(word, array("q")).append(statement_id)

    def _matching_words(self, word: str, prefix: bool) -> list[str]:
        if len(word) <= 2:
            max_edits = 0
        elif len(word) <= 5:
            max_edits = 1
        else:
            max_edits = 2
        matched = [w for w, _, _ in process.extract(
            word, self.vocabulary, scorer=Levenshtein.distance, score_cutoff=max_edits, limit=None)]
        if prefix:
            matched += [w for w in self.vocabulary if w.startswith(word) and w != word]
        return matched

    def search(self, query: str, limit: int = 10) -> list[SearchHit]:
        words = tokens(query)
        if not words or not self.size:
            return []
        scores: dict[int, float] = {}
        for n, word in enumerate(words):
            best_for_word: dict[int, float] = {}
            for match in self._matching_words(word, prefix=n == len(words) - 1):
                ids = self.postings[match]
                weight = math.log(1 + self.size / len(ids))
                if match != word and not match.startswith(word):
                    weight *= 0.8
                for sid in ids:
                    if best_for_word.get(sid, 0) < weight:
                        best_for_word[sid] = weight
            for sid, weight in best_for_word.items():
                scores[sid] = scores.get(sid, 0.0) + weight
        candidates = sorted(scores, key=scores.__getitem__, reverse=True)[:RERANK]
        q = " ".join(words)
        hits = [SearchHit(sid, scores[sid] + fuzz.partial_ratio(q, normalise(self.texts[sid])) / 10.0,
                          self.texts[sid]) for sid in candidates]
        hits.sort(key=lambda h: h.score, reverse=True)
        return hits[:limit]


def search_statements(db: sqlite_utils.Database, query: str, limit: int = 10) -> list[dict]:
    """Search a database's statements; rows with speaker, date, outlet and document for display."""
    hits = QuoteIndex.build(db).search(query, limit)
    rows = []
    for hit in hits:
        row = db.execute(
            'SELECT s.id, s.text, s.kind, sp.name, s.speaker_role, s.date, s.date_precision, d.outlet, '
            'd.title, d.url, d.published, s.document_id, s.start, s."end", s.cluster_id '
            "FROM statements s JOIN documents d ON d.id = s.document_id "
            "LEFT JOIN speakers sp ON sp.id = s.speaker_id WHERE s.id = ?", [hit.statement_id]).fetchone()
        keys = ("id", "text", "kind", "speaker", "speaker_role", "date", "date_precision", "outlet", "title",
                "url", "published", "document_id", "start", "end", "cluster_id")
        rows.append(dict(zip(keys, row), score=round(hit.score, 2)))
    return rows
