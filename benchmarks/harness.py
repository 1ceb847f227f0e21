"""The benchmark harness: measurements, timing helpers, and the report writers."""

from __future__ import annotations

import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True)
class Measurement:
    """One measured number and the target it must meet (lower is better)."""

    group: str
    name: str
    value: float
    unit: str
    target: float | None = None
    note: str = ""

    @property
    def met(self) -> bool | None:
        return None if self.target is None else self.value <= self.target


def best_of(fn: Callable[[], object], repeat: int = 5, number: int = 1) -> float:
    """Best wall time in seconds of ``number`` calls, over ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return min(times)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def write_reports(
    results: list[tuple[str, Measurement]],
    json_path: Path,
    md_path: Path,
    *,
    keep_other_modules: bool = False,
) -> None:
    """Write the JSON results and the markdown table.

    ``results`` pairs each measurement with the benchmark module that took it. With
    ``keep_other_modules`` (a partial run), rows of modules not run now are kept from the
    previous JSON, each with the date it was measured.
    """
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    rows = [{"module": module, "measured": now, **asdict(m)} for module, m in results]
    if keep_other_modules and json_path.exists():
        fresh = {module for module, _ in results}
        try:
            previous = json.loads(json_path.read_text())
            old_date = previous.get("date", "")
            kept = [
                {"measured": old_date, **row}
                for row in previous.get("results", [])
                if row.get("module") not in fresh and row.get("module")
            ]
        except (OSError, ValueError, AttributeError):
            kept = []
        order = {name: k for k, name in enumerate(MODULE_ORDER)}
        rows = sorted(kept + rows, key=lambda r: order.get(str(r["module"]), len(order)))
    payload = {"date": now, "machine": machine(), "results": rows}
    json_path.write_text(json.dumps(payload, indent=2) + "\n")
    dates = sorted({str(r["measured"])[:10] for r in rows})
    lines = [
        "# Benchmarks",
        "",
        "Measured by `make bench` (`python -m benchmarks`); run by hand, never in CI.",
        "",
        f"- Date: {now}" + (f" (rows measured {', '.join(dates)})" if len(dates) > 1 else ""),
        f"- Machine: {machine()}",
        "",
        "| group | measurement | value | target | met |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        r = Measurement(
            str(row["group"]),
            str(row["name"]),
            float(row["value"]),
            str(row["unit"]),
            None if row["target"] is None else float(row["target"]),
            str(row["note"]),
        )
        target = "—" if r.target is None else f"≤ {r.target:g} {r.unit}"
        met = "—" if r.met is None else ("yes" if r.met else "**no**")
        note = f" ({r.note})" if r.note else ""
        lines.append(f"| {r.group} | {r.name}{note} | {r.value:.3g} {r.unit} | {target} | {met} |")
    notes = Path(__file__).with_name("notes.md")
    if notes.exists():  # hand-written context for the table (methods, known gaps)
        lines += ["", notes.read_text().strip()]
    md_path.write_text("\n".join(lines) + "\n")


#: The benchmark modules, in report order.
MODULE_ORDER = ("bench_scenario", "bench_engine", "bench_sim", "bench_ui", "bench_report")
