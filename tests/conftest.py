import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLES = REPO / "importers" / "samples"


def dateline_command() -> list[str]:
    """The installed console script: the entry point a user runs."""
    script = Path(sys.executable).parent / "dateline"
    if script.exists():
        return [str(script)]
    found = shutil.which("dateline")
    return [found] if found else [sys.executable, "-m", "cli"]


@pytest.fixture
def run_cli(tmp_path):
    """Run `dateline ARGS...` in a subprocess; returns the CompletedProcess (text mode)."""

    def run(*args, env=None, cwd=None):
        full_env = {**os.environ, "DATELINE_DB": str(tmp_path / "default.db"), "NO_COLOR": "1"}
        full_env.update(env or {})
        return subprocess.run(dateline_command() + [str(a) for a in args], capture_output=True, text=True,
                              env=full_env, cwd=cwd or tmp_path, timeout=300)

    return run


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "test.db"


@pytest.fixture
def shared_seeds():
    seeds = SHARED / "corpus" / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/corpus/seeds is not beside the repository")
    return seeds
