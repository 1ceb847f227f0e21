"""Run the benchmarks and write the reports: ``python -m benchmarks [MODULE...]``.

Without arguments every module runs and the reports are rewritten. With module names
(e.g. ``bench_engine``) only those run, and the other rows are kept from the last run.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from benchmarks.harness import MODULE_ORDER, Measurement, write_reports

ROOT = Path(__file__).resolve().parent.parent
MODULES = MODULE_ORDER
USAGE = f"usage: python -m benchmarks [MODULE...]   (modules: {', '.join(MODULES)})"


def main(argv: list[str]) -> int:
    if any(arg in ("-h", "--help") for arg in argv):
        print(USAGE)
        return 0
    unknown = [arg for arg in argv if arg not in MODULES]
    if unknown:
        print(f"error: unknown benchmark module '{unknown[0]}'\n{USAGE}", file=sys.stderr)
        return 2
    wanted = set(argv)
    results: list[tuple[str, Measurement]] = []
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
                results.append((name, measurement))
                flag = "" if measurement.met is not False else "   <-- over target"
                print(
                    f"  {measurement.name}: {measurement.value:.3g} {measurement.unit}{flag}",
                    file=sys.stderr,
                    flush=True,
                )
    write_reports(
        results,
        ROOT / "benchmarks" / "results.json",
        ROOT / "docs" / "benchmarks.md",
        keep_other_modules=bool(wanted),
    )
    print(f"wrote {ROOT / 'docs' / 'benchmarks.md'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
