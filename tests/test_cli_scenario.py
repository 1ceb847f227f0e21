"""``cyberdip validate | schema | list`` as a user runs them: real subprocesses.

Exit statuses: 0 ok, 1 bad input (a broken scenario), 2 a wrong command line -- with one
line on stderr and never a traceback.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.scenario import ScenarioError, load_scenario
from game.scenario.catalog import bundled, bundled_paths, load, resolve

REPO = Path(__file__).resolve().parent.parent
BUNDLED = sorted((REPO / "scenarios").glob("*.yaml"))
OK_LINE = re.compile(r"^ok: (?P<file>.+) — (?P<title>.+), (?P<n>\d+) nations, (?P<t>\d+) turns$")


def cyberdip(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
    env.pop("CYBERDIP_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_validate_every_bundled_scenario() -> None:
    assert len(BUNDLED) >= 2
    names = [f"scenarios/{p.name}" for p in BUNDLED]
    result = cyberdip("validate", *names)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    ok_lines = [OK_LINE.match(line) for line in result.stdout.splitlines()]
    assert all(ok_lines), result.stdout  # no errors and no warnings either
    for match, path in zip(ok_lines, BUNDLED, strict=True):
        assert match is not None
        scenario = load_scenario(path)
        assert match["file"] == f"scenarios/{path.name}"
        assert match["title"] == scenario.title
        assert int(match["n"]) == len(scenario.nations)
        assert int(match["t"]) == scenario.turns


def test_validate_exit_1_and_keeps_going_after_a_bad_file() -> None:
    result = cyberdip("validate", "tests/data/broken/wrong-type.yaml", "scenarios/tutorial.yaml")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "tests/data/broken/wrong-type.yaml:5:8: error: turns: expected a whole number, got 'ten'"
    )
    assert OK_LINE.match(lines[1]) and "tutorial.yaml" in lines[1]
    assert result.stderr == ""


def test_validate_missing_file_is_an_input_error() -> None:
    result = cyberdip("validate", "no/such/file.yaml")
    assert result.returncode == 1
    assert result.stdout == "no/such/file.yaml:1:1: error: <document>: no such file\n"


def test_validate_accepts_a_bundled_id() -> None:
    result = cyberdip("validate", "tutorial")
    assert result.returncode == 0, result.stdout + result.stderr
    match = OK_LINE.match(result.stdout.strip())
    assert match and Path(match["file"]).name == "tutorial.yaml"


def test_validate_from_another_directory(tmp_path: Path) -> None:
    broken = REPO / "tests" / "data" / "broken" / "duplicate-key.yaml"
    result = cyberdip("validate", str(broken), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{broken}:6:1: error: turns: duplicate key 'turns'")


@pytest.mark.parametrize(
    "args",
    [
        ("validate",),  # no file
        ("validate", "--frobnicate", "scenarios/tutorial.yaml"),  # unknown flag
        ("--frobnicate",),
        ("frobnicate",),  # unknown command
        ("list", "extra"),
        ("schema", "--out"),  # --out without a file
    ],
    ids=lambda a: " ".join(a),
)
def test_usage_errors_exit_2_with_one_line(args: tuple[str, ...]) -> None:
    result = cyberdip(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("cyberdip: error: ")
    assert result.stdout == ""


def test_no_command_shows_help() -> None:
    result = cyberdip()
    assert result.returncode == 0
    assert "Traceback" not in result.stderr + result.stdout
    assert "validate" in result.stdout and "schema" in result.stdout and "list" in result.stdout


def test_schema_prints_json() -> None:
    result = cyberdip("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Cyber Diplomacy scenario"
    assert "nations" in schema["properties"]


def test_schema_out_to_unwritable_place_is_an_input_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = cyberdip("schema", "--out", str(blocker / "schema.json"))
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1 and "cannot write" in result.stderr
    assert "Traceback" not in result.stderr


def test_list_shows_every_bundled_scenario() -> None:
    result = cyberdip("list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "nations", "turns", "title"]
    rows = {line.split()[0]: line.split(None, 3) for line in lines[1:]}
    for path in BUNDLED:
        scenario = load_scenario(path)
        assert scenario.id in rows, result.stdout
        _, nations, turns, title = rows[scenario.id]
        assert (int(nations), int(turns), title) == (
            len(scenario.nations),
            scenario.turns,
            scenario.title,
        )
    assert {"tutorial", "great-powers"} <= set(rows)


def test_bundled_ids_match_file_names() -> None:
    """`cyberdip play ID` finds a bundled scenario by file name: the two must agree."""
    entries = bundled()
    assert [e.path for e in entries] == bundled_paths()
    for entry in entries:
        assert entry.id == entry.path.stem


def test_resolve_accepts_a_path_or_a_bundled_id(tmp_path: Path) -> None:
    tutorial = REPO / "scenarios" / "tutorial.yaml"
    assert resolve(str(tutorial)) == tutorial
    assert resolve("tutorial").resolve() == tutorial.resolve()
    assert load("great-powers").id == "great-powers"
    copy = tmp_path / "tutorial.yaml"
    copy.write_text(tutorial.read_text(encoding="utf-8"), encoding="utf-8")
    assert resolve(str(copy)) == copy  # a path wins over an id
    with pytest.raises(ScenarioError) as raised:
        resolve("no-such-scenario")
    message = raised.value.diagnostics[0].message
    assert "no such file or bundled scenario id" in message and "tutorial" in message
    with pytest.raises(ScenarioError) as raised:
        resolve("missing/file.yaml")
    assert raised.value.diagnostics[0].message.startswith("no such file (")


def test_validate_lists_at_most_a_screenful_of_problems_and_says_how_many_more(
    tmp_path: Path,
) -> None:
    """Every problem at once, but not 30,000 lines for 30,000 copies of one mistake."""
    from game.cli import MAX_SHOWN_PROBLEMS

    lines = ["format: 1", "id: x", "title: X", "summary: y", "turns: 3"]
    lines += [f"extra{i}: {i}" for i in range(MAX_SHOWN_PROBLEMS + 300)]
    bad = tmp_path / "many.yaml"
    bad.write_text("\n".join(lines) + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "game", "validate", str(bad)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
        timeout=120,
    )
    out = done.stdout.splitlines()
    assert done.returncode == 1
    assert len(out) == MAX_SHOWN_PROBLEMS + 1
    assert out[-1].endswith("more problems not shown")
    hidden = int(out[-1].split("and ")[1].split(" more")[0].replace(",", ""))
    assert hidden >= 300
