"""Opening the database: where it lives, the connection settings, forward migrations."""
from __future__ import annotations

import os
from pathlib import Path

import sqlite_utils

from store.schema import migrate


def default_db_path() -> Path:
    """``$DATELINE_DB``, else ``dateline.db`` in the user data directory."""
    env = os.environ.get("DATELINE_DB")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("dateline", appauthor=False)) / "dateline.db"


def open_db(path: str | os.PathLike | None = None, *, create: bool = True) -> sqlite_utils.Database:
    """Open (and create or migrate) a Dateline database. ``create=False`` refuses a missing file."""
    path = Path(path) if path is not None else default_db_path()
    if not create and not path.exists():
        raise FileNotFoundError(f"no database at {path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.conn.execute("PRAGMA journal_mode=WAL")
    db.conn.execute("PRAGMA foreign_keys=ON")
    db.conn.execute("PRAGMA synchronous=NORMAL")
    db.conn.execute("PRAGMA busy_timeout=5000")
    migrate(db)
    return db
