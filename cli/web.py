"""The database in a web browser: Datasette over the tables, or the terminal browser through textual-serve.

Both are optional (``pip install 'dateline[web]'``) and bind to this machine only unless told otherwise.
"""
from __future__ import annotations

import ipaddress
import json
import shlex
import sys
from importlib import resources
from pathlib import Path


def datasette_metadata(db_path: Path) -> dict:
    """The shipped metadata, keyed by the name Datasette gives this database (its file name's stem)."""
    metadata = json.loads(resources.files("store").joinpath("datasette-metadata.json").read_text("utf-8"))
    metadata["databases"] = {db_path.stem: metadata["databases"]["dateline"]}
    return metadata


def datasette_command(db_path: Path, metadata_path: Path, host: str, port: int, open_browser: bool) -> list[str]:
    command = [sys.executable, "-m", "datasette", "serve", str(db_path), "--metadata", str(metadata_path),
               "--host", host, "--port", str(port)]
    return command + (["--open"] if open_browser else [])


def browser_command(db_path: Path) -> str:
    """The command textual-serve runs for each visitor: the terminal browser on this database."""
    return shlex.join([sys.executable, "-m", "cli", "browse", "--db", str(db_path.resolve())])


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def exposure_note(host: str, port: int) -> str:
    """One line that says who can reach the server."""
    where = f"http://{host}:{port}/"
    if is_loopback(host):
        return f"{where} (this machine only; pass --host 0.0.0.0 to let others on the network reach it)"
    return f"{where} (reachable from other machines: anyone who can reach port {port} can read this database)"
