"""The README's example for every command runs as written (a smaller batch for simulate)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow


def _examples() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `[a-z]+.*?\| `(cyberdip [^`]+)` \|$", text, re.M)
    return rows


def test_the_readme_lists_an_example_for_every_command() -> None:
    verbs = {example.split()[1] for example in _examples()}
    assert verbs == {
        "play",
        "validate",
        "schema",
        "list",
        "run",
        "replay",
        "simulate",
        "render",
        "report",
    }


def test_every_readme_example_runs(tmp_path: Path) -> None:
    (tmp_path / "scenarios").symlink_to(REPO / "scenarios")
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
    }
    for example in _examples():
        args = example.split()[1:]
        if args[0] == "play":
            args += ["--autoplay", "1"]  # the real window, one all-AI turn, then exit
        if args[0] == "simulate":
            args = [a if a != "200" else "4" for a in args]  # a smaller batch, same command
        run = subprocess.run(
            [sys.executable, "-m", "game", *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode == 0, f"{example}: {run.stderr}"
        assert "Traceback" not in run.stderr
    assert (tmp_path / "game.json").is_file()
    assert (tmp_path / "map.png").is_file()
    assert (tmp_path / "debrief" / "report.html").is_file()
    assert (tmp_path / "scenario.schema.json").is_file()
