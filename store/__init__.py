"""The store: one SQLite file any SQLite tool (sqlite-utils, Datasette) can open.

``open_db`` opens and migrates it; ``writes`` saves imports; ``timeline`` pages the chronology by key;
``search`` finds quotes despite typos; ``export`` writes what is stored. Nothing here imports textual.
"""
from store.db import default_db_path, open_db

__all__ = ["default_db_path", "open_db"]
