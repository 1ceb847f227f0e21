"""The benchmark harness's command line and report writer (no measuring here: benchmarks
run by hand, never in CI)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks.harness import Measurement, write_reports

REPO = Path(__file__).resolve().parent.parent


def _bench(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "benchmarks", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_an_unknown_benchmark_module_is_an_error_and_writes_nothing() -> None:
    reports = [REPO / "docs" / "benchmarks.md", REPO / "benchmarks" / "results.json"]
    before = [p.read_bytes() for p in reports]
    done = _bench("bench_nothing")
    assert done.returncode == 2
    assert "unknown benchmark module 'bench_nothing'" in done.stderr
    assert "Traceback" not in done.stderr
    assert [p.read_bytes() for p in reports] == before


def test_help_lists_the_modules() -> None:
    done = _bench("--help")
    assert done.returncode == 0
    assert "bench_engine" in done.stdout and "bench_sim" in done.stdout


def test_a_partial_run_keeps_the_rows_of_the_other_modules(tmp_path: Path) -> None:
    json_path, md_path = tmp_path / "results.json", tmp_path / "benchmarks.md"
    first = [
        ("bench_engine", Measurement("engine", "resolve", 2.5, "ms", 2.0)),
        ("bench_sim", Measurement("simulate", "1000 games", 200.0, "s", 60.0)),
    ]
    write_reports(first, json_path, md_path)
    again = [("bench_engine", Measurement("engine", "resolve", 1.5, "ms", 2.0))]
    write_reports(again, json_path, md_path, keep_other_modules=True)
    rows = json.loads(json_path.read_text())["results"]
    assert [(r["module"], r["value"]) for r in rows] == [
        ("bench_engine", 1.5),
        ("bench_sim", 200.0),
    ]
    table = md_path.read_text()
    assert "| engine | resolve | 1.5 ms | ≤ 2 ms | yes |" in table
    assert "| simulate | 1000 games | 200 s | ≤ 60 s | **no** |" in table
    # A whole run replaces everything.
    write_reports(again, json_path, md_path)
    assert len(json.loads(json_path.read_text())["results"]) == 1
