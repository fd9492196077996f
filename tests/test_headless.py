"""store/ and importers/ run headless: importing every module of them loads no textual."""
import subprocess
import sys

from tests.conftest import REPO

PROGRAM = """
import importlib, pkgutil, sys
for top in ("store", "importers"):
    pkg = importlib.import_module(top)
    for module in pkgutil.walk_packages(pkg.__path__, top + "."):
        importlib.import_module(module.name)
import cli.main
leaked = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(",".join(leaked))
"""


def test_store_and_importers_do_not_import_textual():
    result = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
