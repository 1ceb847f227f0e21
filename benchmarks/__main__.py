"""Run every benchmark module and write the reports: ``python -m benchmarks [NAME...]``."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from benchmarks.harness import Measurement, write_reports

ROOT = Path(__file__).resolve().parent.parent
MODULES = ("bench_scenario", "bench_engine", "bench_sim", "bench_ui", "bench_report")


def main(argv: list[str]) -> int:
    wanted = set(argv)
    results: list[Measurement] = []
    for name in MODULES:
        if wanted and name not in wanted:
            continue
        try:
            module = importlib.import_module(f"benchmarks.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"benchmarks.{name}":
                continue
            raise
        for bench in getattr(module, "BENCHMARKS", []):
            print(f"running {name}.{bench.__name__} ...", file=sys.stderr, flush=True)
            for measurement in bench():
                results.append(measurement)
                flag = "" if measurement.met is not False else "   <-- over target"
                print(
                    f"  {measurement.name}: {measurement.value:.3g} {measurement.unit}{flag}",
                    file=sys.stderr,
                    flush=True,
                )
    write_reports(results, ROOT / "benchmarks" / "results.json", ROOT / "docs" / "benchmarks.md")
    print(f"wrote {ROOT / 'docs' / 'benchmarks.md'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
