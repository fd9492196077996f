"""The README's Quickstart is what CI runs."""
import re

from tests.conftest import REPO


def test_quickstart_has_two_commands_and_ci_runs_the_test_one():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quickstart = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.+?)\n```", quickstart, re.S)
    assert len(commands) == 2 and all("\n" not in c for c in commands)
    assert "dateline demo" in commands[0]
    assert commands[1] in (REPO / ".ci" / "run").read_text(encoding="utf-8")
