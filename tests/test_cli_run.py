"""``cyberdip run``: one headless all-AI game, printed; and its bad input.

Issue 3: "`cyberdip run SCENARIO [--seed S] [--turns T] [--save PATH]` plays one game with
every seat on its AI policy and prints a short per-turn line (turn, stability, incidents
seen, notable diplomacy) and the final ranking with score breakdown; the same seed prints
the same thing." DESIGN §5: "Bad input — ... a wrong CLI argument — gets a clear one-line
error and a non-zero exit, never a traceback."
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from test_engine_kit import REPO

from game.cli import main
from game.engine.saves import load_game

TURN_LINE = re.compile(r"^T\s*\d+ \| stability\s+\d+\.\d \([+-]\d+\.\d\) \| \d+ incidents? seen")


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_run_prints_the_same_text_twice_for_the_same_seed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """ "the same seed prints the same thing", and the run exits 0."""
    first = _run(["run", "tutorial", "--seed", "3"], capsys)
    second = _run(["run", "tutorial", "--seed", "3"], capsys)
    assert first == second
    code, out, err = first
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("Tutorial: Three Harbours — 3 nations, seed 3, 8 turns")
    turn_lines = [line for line in lines if TURN_LINE.match(line)]
    assert len(turn_lines) == 8
    assert turn_lines[-1].endswith("[completed]")
    assert any(line.startswith("Game over (completed) after turn 8") for line in lines)
    ranking = [line for line in lines if re.match(r"^\s*\d+\. ", line)]
    assert len(ranking) == 3
    for line in ranking:
        assert "security" in line and "prosperity" in line and "influence" in line


def test_run_with_reasons_adds_every_ai_move_and_why(capsys: pytest.CaptureFixture[str]) -> None:
    """``--reasons`` prints, under each turn's line, every AI move with the reason it gave
    (secret ones marked), so a designer reads intent, not noise; the game is the same."""
    args = ["run", "arms-race", "--seed", "3", "--turns", "3"]
    code, plain, _ = _run(args, capsys)
    code_r, told, err = _run([*args, "--reasons"], capsys)
    assert code == code_r == 0 and err == ""
    moves = [line for line in told.splitlines() if line.startswith("      ")]
    assert [line for line in told.splitlines() if line not in moves] == plain.splitlines()
    assert len(moves) >= 3 * 4 * 2  # four nations, each a posture and a budget at least
    assert all(" — " in line for line in moves)
    names = ("Corvania", "Drachmark", "Elyria", "Fennmoor")
    assert {line.split()[0] for line in moves} == set(names)
    assert any("(secret) Invest:" in line for line in moves)
    assert not any("(secret) Talks" in line for line in moves)  # talks are public
    assert any(re.search(r"Talks with \w+ — building trust with", line) for line in moves)


def test_run_with_another_seed_tells_another_story(capsys: pytest.CaptureFixture[str]) -> None:
    a = _run(["run", "great-powers", "--seed", "1", "--turns", "4"], capsys)[1]
    b = _run(["run", "great-powers", "--seed", "2", "--turns", "4"], capsys)[1]
    assert a != b


def test_run_turns_and_save(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--turns`` plays that many turns; ``--save`` writes a save that replays exactly."""
    path = tmp_path / "run.json"
    code, out, err = _run(
        ["run", "great-powers", "--seed", "7", "--turns", "3", "--save", str(path)], capsys
    )
    assert code == 0 and err == ""
    assert len([line for line in out.splitlines() if TURN_LINE.match(line)]) == 3
    assert out.rstrip().endswith(f"saved to {path}")
    assert len(load_game(path).history) == 3
    code, out, err = _run(["replay", str(path), "--verify"], capsys)
    assert code == 0 and out.startswith("ok: 3 turns replayed")


def test_run_from_a_scenario_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """SCENARIO "is a path or a bundled scenario's id": both give the same game."""
    by_id = _run(["run", "tutorial", "--seed", "9"], capsys)
    by_path = _run(["run", str(REPO / "scenarios" / "tutorial.yaml"), "--seed", "9"], capsys)
    assert by_id == by_path


@pytest.mark.parametrize(
    "args,code,words",
    [
        (["run", "atlantis"], 1, "no such file or bundled scenario"),
        (["run", "no/such/file.yaml"], 1, "no such file"),
        (["run", "tutorial", "--turns", "0"], 2, "--turns"),
        (["run", "tutorial", "--turns", "-2"], 2, "--turns"),
        (["run", "tutorial", "--turns", "many"], 2, "--turns"),
        (["run", "tutorial", "--turns", "201"], 2, "at most 200 turns"),
        (["simulate", "tutorial", "--turns", "99999"], 2, "at most 200 turns"),
        (["run", "tutorial", "--seed", "-1"], 2, "--seed"),
        (["run", "tutorial", "--seed", "x"], 2, "--seed"),
        (["run", "tutorial", "--seed", str(2**63)], 2, "--seed"),
        (["run", "tutorial", "--bogus"], 2, "--bogus"),
        (["run"], 2, "SCENARIO"),
    ],
)
def test_bad_cli_input_gives_one_line_and_a_non_zero_exit(
    args: list[str], code: int, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "a wrong CLI argument — gets a clear one-line error and a non-zero exit, never a
    traceback"."""
    got, out, err = _run(args, capsys)
    assert got == code, (got, err)
    lines = err.splitlines()
    assert len(lines) == 1, lines
    assert words in lines[0]
    assert "Traceback" not in err and out == ""


def test_run_save_into_a_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(["run", "tutorial", "--save", str(tmp_path)], capsys)
    assert out == ""
    assert code == 1 and len(err.splitlines()) == 1 and "folder" in err
    assert list(tmp_path.iterdir()) == []


def _cyberdip(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("CYBERDIP_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
        check=False,
    )


def test_the_real_command_prints_the_same_as_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    """``python -m game run`` (the program a user runs) prints the same text, exit 0; and
    a bad argument gives one line, exit 2, no traceback."""
    expected = _run(["run", "tutorial", "--seed", "5"], capsys)[1]
    done = _cyberdip("run", "tutorial", "--seed", "5")
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout == expected
    bad = _cyberdip("run", "tutorial", "--turns", "0")
    assert bad.returncode == 2 and len(bad.stderr.splitlines()) == 1
    assert "Traceback" not in bad.stderr and bad.stdout == ""


@pytest.mark.parametrize("verb", ["run", "replay", "simulate"])
def test_every_argument_of_the_headless_verbs_says_what_it_is(verb: str) -> None:
    """`cyberdip simulate --help` is where a designer learns what --seed and --workers do."""
    import argparse

    from game.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    undocumented = [
        action.dest
        for action in sub.choices[verb]._actions
        if action.help in (None, "") and action.dest != "help"
    ]
    assert undocumented == []


def test_alliances_are_named_in_the_turn_lines(capsys: pytest.CaptureFixture[str]) -> None:
    """A nation joining an alliance reads "joins the Northern Pact", by the alliance's
    name (the scenario's, or the one the engine gave it when it formed), never its id."""
    joined: list[str] = []
    for seed in ("5", "23"):
        _, out, _ = _run(["run", "norms-summit", "--seed", seed], capsys)
        joined += re.findall(r"\w[\w ]* (?:joins|leaves) the [^,\n]+", out)
    assert any(j.endswith("Hesper Islands joins the Northern Pact") for j in joined), joined
    assert any(j.endswith("Falkreach joins the Aurelia–Dunmere Pact") for j in joined), joined
    assert not any("-pact" in j or "northern" in j for j in joined)


def test_alike_answers_to_calls_about_one_treaty_read_as_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """When several nations call on one nation to sign the same treaty in a turn and it
    answers them alike, the transcript says it once ("Declined the calls of India and
    Brazil to endorse ..."), not once per caller."""
    _, out, _ = _run(["run", "great-powers", "--seed", "1", "--turns", "3", "--reasons"], capsys)
    moves = [line.strip() for line in out.splitlines() if line.startswith("      ")]
    merged = [m for m in moves if re.search(r"(Accepted|Declined) the calls of .+ and ", m)]
    assert merged
    per_turn: list[list[str]] = []
    for line in out.splitlines():
        if TURN_LINE.match(line):
            per_turn.append([])
        elif line.startswith("      ") and per_turn:
            per_turn[-1].append(line.strip())
    for moves_of_turn in per_turn:
        answers = [m for m in moves_of_turn if re.search(r"(Accepted|Declined) \w", m)]
        assert len(answers) == len(set(answers))  # no answer printed twice
