"""Where the commands write and read: bad paths are refused early, in one line, and
nothing the user had is replaced (DESIGN §5: "nothing the user had is lost or
overwritten"). Real subprocesses, real files."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def _cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.getcwd(), "SDL_VIDEODRIVER": "dummy"}
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


def _one_line_error(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode != 0
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr
    for word in words:
        assert word in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["run", "tutorial", "--turns", "1", "--save", "{pipe}"],
        ["simulate", "tutorial", "--games", "1", "--turns", "1", "--json", "{pipe}"],
        ["simulate", "tutorial", "--games", "1", "--turns", "1", "--chart", "{pipe}.png"],
        ["schema", "--out", "{pipe}"],
    ],
)
def test_a_pipe_or_device_is_never_replaced_by_a_file(tmp_path: Path, args: list[str]) -> None:
    """A rename into place would turn ``/dev/null`` or a named pipe into a plain file:
    such targets are refused (a pipe stands in for a device here)."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    os.mkfifo(tmp_path / "pipe.png")
    done = _cli(*[a.format(pipe=pipe) for a in args])
    _one_line_error(done, "not a regular file")
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert stat.S_ISFIFO(os.stat(tmp_path / "pipe.png").st_mode)


def test_a_symbolic_link_is_written_through(tmp_path: Path) -> None:
    target = tmp_path / "kept" / "batch.json"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    done = _cli(
        "simulate", "tutorial", "--games", "1", "--turns", "1", "--quiet", "--json", str(link)
    )
    assert done.returncode == 0, done.stderr
    assert link.is_symlink()
    assert target.read_text().startswith("{")


def test_a_path_under_a_file_is_refused_before_the_batch_and_keeps_the_other_output(
    tmp_path: Path,
) -> None:
    """``--chart keep.txt/c.png`` cannot be written: that is said before any game is
    played, and the ``--json`` file from an earlier run is left as it was."""
    (tmp_path / "keep.txt").write_text("keep")
    old = tmp_path / "sim.json"
    old.write_text("old")
    done = _cli(
        "simulate",
        "tutorial",
        "--games",
        "2",
        "--json",
        str(old),
        "--chart",
        str(tmp_path / "keep.txt" / "c.png"),
    )
    _one_line_error(done, "keep.txt is a file, not a folder")
    assert old.read_text() == "old"
    assert done.stdout == ""  # no table: the batch was not played


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "tutorial", "--save", ""], "give a file name"),
        (["simulate", "tutorial", "--games", "1", "--json", "out/"], "give a file name"),
        (["report", "{save}", "--out", ""], "give a folder"),
    ],
)
def test_empty_or_folder_like_output_names_are_refused(
    tmp_path: Path, args: list[str], message: str
) -> None:
    save = tmp_path / "a.save"
    made = _cli("run", "tutorial", "--turns", "1", "--save", str(save))
    assert made.returncode == 0, made.stderr
    before = set(os.listdir(tmp_path))
    done = subprocess.run(
        [sys.executable, "-m", "game", *[a.format(save=save) for a in args]],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": os.getcwd(), "SDL_VIDEODRIVER": "dummy"},
        timeout=120,
    )
    _one_line_error(done, message)
    assert set(os.listdir(tmp_path)) == before  # nothing written where we stand


@pytest.mark.parametrize(
    "args",
    [
        ["replay", "{pipe}.save"],
        ["validate", "{pipe}.yaml"],
        ["run", "{pipe}.yaml"],
        ["report", "{pipe}.save", "--out", "r"],
    ],
)
def test_reading_a_pipe_is_refused_instead_of_waiting_for_ever(
    tmp_path: Path, args: list[str]
) -> None:
    for suffix in (".save", ".yaml"):
        os.mkfifo(tmp_path / f"in{suffix}")
    done = _cli(*[a.format(pipe=tmp_path / "in") for a in args], timeout=60)
    said = (done.stdout + done.stderr).strip()  # (validate reports on stdout)
    assert done.returncode != 0
    assert len(said.splitlines()) == 1 and "not a regular file" in said, said


def test_a_report_that_cannot_write_one_file_writes_none_and_names_it(tmp_path: Path) -> None:
    save = tmp_path / "a.save"
    assert _cli("run", "tutorial", "--turns", "2", "--save", str(save)).returncode == 0
    out = tmp_path / "report"
    (out / "trust.csv").mkdir(parents=True)
    (out / "report.html").write_text("the old report")
    done = _cli("report", str(save), "--out", str(out))
    _one_line_error(done, "trust.csv", "it is a folder")
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "trust.csv"]
    assert (out / "report.html").read_text() == "the old report"


def test_a_folder_given_as_the_scenario_is_called_a_folder(tmp_path: Path) -> None:
    """`run .` said "no such file"; a bundled id still wins over a folder of its name."""
    (tmp_path / "tutorial").mkdir()
    env = {**os.environ, "PYTHONPATH": os.getcwd(), "SDL_VIDEODRIVER": "dummy"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "game", "run", *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=60,
        )

    _one_line_error(run("."), "is a folder, not a scenario file")
    bundled = run("tutorial", "--turns", "1")
    assert bundled.returncode == 0, bundled.stderr
