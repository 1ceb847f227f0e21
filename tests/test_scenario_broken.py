"""The corpus of broken scenarios: each file's errors, where they point, and what they say.

``tests/data/broken/EXPECTED.yaml`` lists, for every file, the complete list of errors
(line, column, dotted path, message fragment). Each file goes through the real loader
(``check_file``) and, in one subprocess for the whole corpus, through the real CLI
(``python -m game validate``), whose stdout lines must be
``path:line:col: error: dotted.path: message``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.scenario import ScenarioError, check_file, check_text, load_scenario
from game.scenario.diagnostics import dotted
from game.scenario.yamlsource import MAX_BYTES

REPO = Path(__file__).resolve().parent.parent
BROKEN = REPO / "tests" / "data" / "broken"
SCENARIOS = REPO / "tests" / "data" / "scenarios"
EXPECTED: dict[str, list[dict[str, Any]]] = yaml.safe_load(
    (BROKEN / "EXPECTED.yaml").read_text(encoding="utf-8")
)
LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): "
    r"(?P<path>\S+): (?P<message>.+)$"
)
JARGON = (
    "Input should be",
    "model_type",
    "union_tag",
    "pydantic",
    "Value error",
    "Traceback",
    "literal_error",
    "[type=",
    "errors.pydantic.dev",
)


def _fragments(expected: dict[str, Any]) -> list[str]:
    message = expected["message"]
    return list(message) if isinstance(message, list) else [message]


def _run_cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_corpus_is_complete() -> None:
    files = sorted(p.name for p in BROKEN.iterdir() if p.name != "EXPECTED.yaml")
    assert files == sorted(EXPECTED), "every broken file needs an EXPECTED.yaml entry"
    assert len(files) >= 24
    required = {
        "missing-required-key",
        "misspelled-key",
        "wrong-type",
        "out-of-range",
        "duplicate-key",
        "duplicate-nation-id",
        "unknown-nation-in-event",
        "unknown-iso-code",
        "tab-indentation",
        "unclosed-quote",
        "empty",
        "top-level-list",
        "binary-garbage",
        "alias-bomb",
        "norway-nation-id",
        "norway-controller",
        "deep-nesting",
        "capital-outside-map",
        "countries-on-generated-map",
        "choice-default-not-option",
        "bad-colour",
        "self-outside-choice",
        "at-turn-and-every",
        "unknown-personality",
        "trust-to-itself",
        "country-owned-twice",
        "non-utf8",
        "multiple-documents",
    }
    assert required <= {Path(f).stem for f in files}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_loader_reports_expected_errors(name: str) -> None:
    path = BROKEN / name
    scenario, diagnostics = check_file(path)
    assert scenario is None
    errors = [d for d in diagnostics if d.severity == "error"]
    got = [(d.line, d.column, dotted(d.path), d.message) for d in errors]
    want = EXPECTED[name]
    assert len(got) == len(want), f"{name}: expected {len(want)} error(s), got:\n" + "\n".join(
        d.format() for d in errors
    )
    for (line, col, dpath, message), exp in zip(got, want, strict=True):
        assert (line, col) == (exp["line"], exp["col"]), f"{name}: {message}"
        assert dpath == exp["path"], f"{name}: {message}"
        for fragment in _fragments(exp):
            assert fragment in message, f"{name}: {fragment!r} not in {message!r}"
        for word in JARGON:
            assert word not in message
    # load_scenario raises the loader's own error, carrying the same diagnostics.
    with pytest.raises(ScenarioError) as raised:
        load_scenario(path)
    assert [d.format() for d in raised.value.errors] == [d.format() for d in errors]


@pytest.fixture(scope="module")
def cli_corpus_run() -> dict[str, list[re.Match[str]]]:
    """One `python -m game validate` over the whole corpus, its lines grouped by file."""
    names = sorted(EXPECTED)
    result = _run_cli("validate", *(f"tests/data/broken/{n}" for n in names))
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr == ""
    assert "Traceback" not in result.stdout
    grouped: dict[str, list[re.Match[str]]] = {n: [] for n in names}
    for line in result.stdout.splitlines():
        match = LINE.match(line)
        assert match, f"not a diagnostic line: {line!r}"
        grouped[Path(match["file"]).name].append(match)
    return grouped


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cli_reports_expected_errors(name: str, cli_corpus_run: dict[str, list[Any]]) -> None:
    errors = [m for m in cli_corpus_run[name] if m["severity"] == "error"]
    want = EXPECTED[name]
    assert len(errors) == len(want), [m.group(0) for m in errors]
    for match, exp in zip(errors, want, strict=True):
        assert match["file"] == f"tests/data/broken/{name}"
        assert (int(match["line"]), int(match["col"])) == (exp["line"], exp["col"])
        assert match["path"] == exp["path"]
        for fragment in _fragments(exp):
            assert fragment in match["message"]


def test_cli_exit_1_for_single_broken_file() -> None:
    result = _run_cli("validate", "tests/data/broken/misspelled-key.yaml")
    assert result.returncode == 1
    assert result.stdout.strip().splitlines() == [
        "tests/data/broken/misspelled-key.yaml:4:1: error: sumary: unknown key 'sumary'; "
        "did you mean 'summary'?"
    ]
    assert result.stderr == ""


def test_oversize_file_is_rejected_fast(tmp_path: Path) -> None:
    """A file over 1 MiB is refused before it is parsed, in well under a second."""
    big = tmp_path / "huge.yaml"
    pad = "# " + "x" * 77 + "\n"
    text = (REPO / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
    big.write_text(text + pad * (MAX_BYTES // len(pad) + 10), encoding="utf-8")
    assert big.stat().st_size > MAX_BYTES
    start = time.perf_counter()
    scenario, diagnostics = check_file(big)
    assert time.perf_counter() - start < 1.0
    assert scenario is None
    assert [(d.line, d.column) for d in diagnostics] == [(1, 1)]
    assert "1 MiB" in diagnostics[0].message
    # the same text in memory, as str and as bytes
    for data in (big.read_text(encoding="utf-8"), big.read_bytes()):
        scenario, diagnostics = check_text(data, "huge.yaml")
        assert scenario is None and "1 MiB" in diagnostics[0].message
    result = _run_cli("validate", str(big))
    assert result.returncode == 1
    assert re.match(rf"^{re.escape(str(big))}:1:1: error: <document>: .*1 MiB", result.stdout)


def test_file_of_exactly_one_mib_is_not_rejected_for_size(tmp_path: Path) -> None:
    path = tmp_path / "exact.yaml"
    text = (REPO / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
    raw = text.encode("utf-8")
    raw += b"#" * (MAX_BYTES - len(raw) - 1) + b"\n"
    assert len(raw) == MAX_BYTES
    path.write_bytes(raw)
    scenario, diagnostics = check_file(path)
    assert scenario is not None, [d.format() for d in diagnostics]


def test_alias_bomb_is_rejected_fast() -> None:
    text = (BROKEN / "alias-bomb.yaml").read_text(encoding="utf-8")
    start = time.perf_counter()
    scenario, diagnostics = check_text(text, "bomb.yaml")
    elapsed = time.perf_counter() - start
    assert scenario is None
    assert "alias bomb" in diagnostics[0].message
    assert elapsed < 1.0, f"alias bomb took {elapsed:.2f} s"


def test_deep_nesting_is_rejected_fast() -> None:
    for text in ("id: " + "[" * 100_000 + "]" * 100_000, "id: " + "{a: " * 5000 + "1" + "}" * 5000):
        start = time.perf_counter()
        scenario, diagnostics = check_text(text)
        assert time.perf_counter() - start < 1.0
        assert scenario is None
        assert "nested deeper than 64 levels" in diagnostics[0].message


def test_every_error_of_a_file_is_reported_at_once() -> None:
    scenario, diagnostics = check_file(SCENARIOS / "several-errors.yaml")
    assert scenario is None
    got = [(d.line, d.column, dotted(d.path), d.severity) for d in diagnostics]
    assert got == [
        (2, 5, "id", "error"),
        (5, 8, "turns", "error"),
        (8, 3, "map.widht", "error"),
        (13, 22, "nations.0.stats.economy", "error"),
        (16, 18, "nations.1.personality", "error"),
        (18, 9, "nations.2.id", "error"),
        (23, 28, "relations.trust.0.to", "error"),
        (29, 41, "events.0.effects.0.adjust.stat", "error"),
    ], "\n".join(d.format() for d in diagnostics)
    result = _run_cli("validate", "tests/data/scenarios/several-errors.yaml")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 8 and all(LINE.match(line) for line in lines)


def test_warnings_are_printed_and_do_not_fail() -> None:
    scenario, diagnostics = check_file(SCENARIOS / "warnings-only.yaml")
    assert scenario is not None
    assert {d.severity for d in diagnostics} == {"warning"}
    messages = " | ".join(d.message for d in diagnostics)
    assert "never come into force" in messages  # a norm quorum nobody can reach
    assert "after the last turn" in messages  # an event after the end of the game
    assert "[latitude, longitude]" in messages  # a capital with its numbers swapped
    result = _run_cli("validate", "tests/data/scenarios/warnings-only.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    warnings = [line for line in lines if ": warning: " in line]
    assert len(warnings) == 3 and all(LINE.match(line) for line in warnings)
    assert any(
        line.startswith(
            "tests/data/scenarios/warnings-only.yaml:24:24: warning: events.0.trigger.at_turn: "
        )
        for line in warnings
    )
    assert lines[-1].startswith("ok: tests/data/scenarios/warnings-only.yaml — ")
    quiet = _run_cli("validate", "--quiet", "tests/data/scenarios/warnings-only.yaml")
    assert quiet.returncode == 0
    assert ": warning: " not in quiet.stdout


def test_unreadable_paths_are_diagnostics_not_exceptions(tmp_path: Path) -> None:
    scenario, diagnostics = check_file(tmp_path / "missing.yaml")
    assert scenario is None and diagnostics[0].message == "no such file"
    scenario, diagnostics = check_file(tmp_path)
    assert scenario is None and "folder" in diagnostics[0].message


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="libyaml is not available")
def test_pure_python_parser_gives_the_same_diagnostics(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libyaml the loader falls back to PyYAML's parser: same lines, same words."""
    from game.scenario import yamlsource

    fast = {name: [d.format() for d in check_file(BROKEN / name)[1]] for name in EXPECTED}
    monkeypatch.setattr(yamlsource, "_Loader", yaml.SafeLoader)
    slow = {name: [d.format() for d in check_file(BROKEN / name)[1]] for name in EXPECTED}
    assert slow == fast
