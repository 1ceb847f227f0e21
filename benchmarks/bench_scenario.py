"""Benchmarks of the scenario loader (issue 2's performance bars).

Targets (see ``docs/benchmarks.md``):

- load and validate a generated 200-nation scenario: <= 100 ms;
- reject a file over 1 MiB: <= 1 s;
- reject an alias bomb ("billion laughs"): <= 1 s.

Each ``bench_*`` function is plain: it builds its input, times the real entry points
(``game.scenario.check_text`` / ``check_file``) and returns a dict of timings in
milliseconds plus what was measured. Nothing here asserts; the harness
(``python -m benchmarks``) or a person reads the numbers. Run this file directly for a
quick report::

    python benchmarks/bench_scenario.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TARGET_LOAD_200_MS = 100.0
TARGET_REJECT_MS = 1000.0

_PERSONALITIES = (
    "cooperative",
    "aggressive",
    "defensive",
    "opportunist",
    "isolationist",
    "reciprocal",
    "random",
)
_STATS = ("economy", "infrastructure", "offense", "defense", "attribution", "cohesion")


def _world_countries(count: int) -> list[tuple[str, float, float]]:
    """``count`` atlas countries with a label point inside each (code, lon, lat)."""
    from game.maps.atlas import load_world_atlas

    atlas = load_world_atlas()
    codes = [c for c in atlas.codes if c != "ATA"]
    if len(codes) < count:
        raise ValueError(f"the world map has only {len(codes)} countries")
    return [(c, *atlas.label_point(c)) for c in codes[:count]]


def generate_scenario(nations: int = 200, *, world: bool = True, events: int = 60) -> str:
    """The YAML text of a valid, busy scenario with ``nations`` nations.

    On the world map each nation owns one real country and has its capital inside it;
    otherwise capitals are spread over a generated map. Every section is used: stats,
    objectives, trust, tension, alliances, hotlines, norms, arms control, events with
    conditions and choices, scoring.
    """
    ids = [f"n{i:03d}" for i in range(nations)]
    out: list[str] = [
        "# yaml-language-server: $schema=../docs/scenario.schema.json",
        "id: bench-big",
        f"title: Benchmark with {nations} nations",
        "summary: >-",
        "  A generated scenario used to time the loader. Every section of the format is",
        "  used so that the timing covers the whole validation.",
        "author: benchmarks/bench_scenario.py",
        "learning_objectives:",
        "  - Load fast.",
        "turns: 40",
        "seed: 7",
        "actions_per_turn: 3",
    ]
    if world:
        places = _world_countries(nations)
        out += ["map:", "  type: world", "  show_unowned: true"]
    else:
        places = [("", 50 + (i * 37) % 1900, 50 + (i * 53) % 1100) for i in range(nations)]
        out += ["map:", "  type: generated", "  width: 2000", "  height: 1200", "  land: 0.5"]
    out.append("nations:")
    for i, ident in enumerate(ids):
        code, x, y = places[i]
        stats = ", ".join(f"{s}: {20 + (i * 7 + k * 11) % 70}" for k, s in enumerate(_STATS))
        out += [
            f"  - id: {ident}",
            f'    name: "Nation {i}"',
            f'    colour: "#{(i * 2654435761) % 0xFFFFFF:06x}"',
            f"    controller: {'human' if i == 0 else 'ai'}",
            f"    personality: {_PERSONALITIES[i % len(_PERSONALITIES)]}",
            f"    stats: {{{stats}}}",
        ]
        if world:
            out.append(f"    countries: [{code}]")
        out += [
            f"    capital: [{x:.3f}, {y:.3f}]",
            f"    briefing: Nation {i} wants security and a quiet neighbourhood.",
            "    objectives:",
            f"      - id: strong-{i}",
            "        text: Keep defense above 40.",
            "        points: 10",
            "        condition: {stat: {stat: defense, above: 40}}",
            "    secret_objectives:",
            f"      - id: friend-{i}",
            f"        text: Be trusted by {ids[(i + 1) % nations]}.",
            f"        condition: {{trust: {{from: {ids[(i + 1) % nations]}, to: self, above: 60}}}}",
        ]
    out += ["relations:", "  default_trust: 50", "  trust:"]
    for i in range(nations * 2):
        a, b = ids[i % nations], ids[(i * 7 + 3) % nations]
        if a != b:
            out.append(
                f"    - {{from: {a}, to: {b}, value: {30 + i % 50}, mutual: {str(i % 3 == 0).lower()}}}"
            )
    out.append("  tension:")
    for i in range(0, nations, 4):
        out.append(f"    - {{between: [{ids[i]}, {ids[(i + 5) % nations]}], value: {i % 60}}}")
    out.append("  alliances:")
    for k in range(10):
        members = ", ".join(ids[k * 10 : k * 10 + 10])
        out.append(f"    - {{id: bloc-{k}, name: Bloc {k}, members: [{members}]}}")
    out.append("  hotlines:")
    for i in range(0, nations - 1, 3):
        out.append(f"    - [{ids[i]}, {ids[i + 1]}]")
    out.append("norms:")
    for k, kind in enumerate(("sabotage", "espionage", "disinformation", "sabotage", "espionage")):
        signatories = ", ".join(ids[k : k + 20 : 2])
        out += [
            f"  - id: norm-{k}",
            f"    name: Norm {k}",
            f"    description: Do not use {kind} against critical services (norm {k}).",
            f"    forbids: [{kind}]",
            f"    quorum: {10 + k}",
            f"    signatories: [{signatories}]",
        ]
    out.append("arms_control:")
    for k in range(2):
        out += [
            f"  - id: cap-{k}",
            f"    name: Cap {k}",
            "    description: Parties keep their offense below the cap.",
            f"    offense_cap: {50 + 10 * k}",
            "    min_parties: 5",
            f"    parties: [{ids[k]}, {ids[k + 2]}]",
        ]
    out.append("events:")
    for k in range(events):
        a, b = ids[k % nations], ids[(k * 13 + 1) % nations]
        out += [
            f"  - id: event-{k}",
            f"    title: Event {k}",
            f"    text: Something happens between {a} and {b}.",
            "    trigger:",
            f"      every: {2 + k % 5}",
            f"      from_turn: {1 + k % 10}",
            "      chance: 0.5",
            "      once: false",
            "      condition:",
            "        all:",
            f"          - tension: {{between: [{a}, {b}], above: 20}}",
            f"          - any: [{{norm_in_force: {{norm: norm-{k % 5}}}}}, {{not: {{hotline: {{between: [{a}, {b}]}}}}}}]",
            f"          - in_alliance: {{nation: {a}, alliance: bloc-{k % 10}}}",
            "    effects:",
            f"      - adjust: {{nation: {a}, stat: economy, by: -2}}",
            f"      - trust: {{from: {b}, to: {a}, by: -5, reason: Event {k}, decay: 0.2}}",
            f"      - incident: {{kind: espionage, target: {a}, attacker: {b}}}",
            f"      - news: {{text: Event {k} is in the news., to: [{a}, {b}]}}",
            f"      - proposal: {{from: {b}, to: {a}, kind: norm, norm: norm-{k % 5}}}",
            "    choice:",
            f"      nations: [{a}, {b}]",
            "      prompt: How do you answer?",
            "      default: calm",
            "      options:",
            "        - id: calm",
            "          label: Stay calm",
            "          effects: [{adjust: {nation: self, stat: cohesion, by: 2}}]",
            "          ai_weight: 2",
            "        - id: hit-back",
            "          label: Hit back",
            f"          effects: [{{tension: {{between: [self, {b if a != b else ids[0]}], by: 10}}}}]",
        ]
    out += [
        "scoring:",
        "  weights: {security: 1, prosperity: 1, influence: 1.5, objectives: 1}",
        "  collapse_threshold: 15",
        "  collapse_turns: 2",
        "  victory: both",
        "  shared_goal: {stability: 60}",
    ]
    return "\n".join(out) + "\n"


def alias_bomb(levels: int = 9, fan_out: int = 9) -> str:
    """A "billion laughs" document: each anchor repeats the previous one ``fan_out`` times."""
    lines = [f"a0: &a0 [{', '.join(['lol'] * fan_out)}]"]
    for k in range(1, levels + 1):
        lines.append(f"a{k}: &a{k} [{', '.join([f'*a{k - 1}'] * fan_out)}]")
    return "\n".join(lines) + "\n"


def oversize_text(size: int = 1024 * 1024 + 1024) -> str:
    """A plausible-looking scenario padded past the 1 MiB limit with long briefings."""
    head = generate_scenario(4, world=False, events=1)
    pad = "# " + "x" * 78 + "\n"
    return head + pad * (size // len(pad) + 1)


def _time(fn: Callable[[], Any], repeat: int) -> tuple[list[float], Any]:
    """Wall times in ms of ``repeat`` calls, and the last result."""
    times: list[float] = []
    result: Any = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000.0)
    return times, result


def _cpu_ms(fn: Callable[[], Any], repeat: int) -> float:
    """Least CPU time in ms of ``repeat`` calls: steadier than wall time on a busy machine."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, (time.process_time() - start) * 1000.0)
    return best


def _summary(times: list[float]) -> dict[str, float]:
    return {
        "min_ms": round(min(times), 2),
        "median_ms": round(statistics.median(times), 2),
        "max_ms": round(max(times), 2),
    }


def bench_load_200(repeat: int = 15, *, world: bool = True) -> dict[str, Any]:
    """Load and validate a 200-nation scenario from a file (the whole ``check_file`` path).

    The first run (``first_ms``) includes one-off costs such as reading the world atlas;
    the summary is over the runs after it.
    """
    from game.scenario import check_file

    text = generate_scenario(200, world=world)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.yaml"
        path.write_text(text, encoding="utf-8")
        first, _ = _time(lambda: check_file(path), 1)
        times, (scenario, diagnostics) = _time(lambda: check_file(path), repeat)
        cpu = _cpu_ms(lambda: check_file(path), repeat)
    errors = [d.format() for d in diagnostics if d.severity == "error"]
    return {
        "name": f"load+validate 200 nations ({'world' if world else 'generated'} map)",
        "bytes": len(text.encode("utf-8")),
        "valid": scenario is not None,
        "errors": errors[:5],
        "first_ms": round(first[0], 2),
        **_summary(times),
        "cpu_min_ms": round(cpu, 2),
        "target_ms": TARGET_LOAD_200_MS,
        "ok": scenario is not None and min(times) <= TARGET_LOAD_200_MS,
    }


def bench_reject_oversize(repeat: int = 5) -> dict[str, Any]:
    """Reject a file just over 1 MiB (read from disk)."""
    from game.scenario import check_file

    text = oversize_text()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "huge.yaml"
        path.write_text(text, encoding="utf-8")
        times, (scenario, diagnostics) = _time(lambda: check_file(path), repeat)
    return {
        "name": "reject a file over 1 MiB",
        "bytes": len(text.encode("utf-8")),
        "rejected": scenario is None,
        "message": diagnostics[0].format() if diagnostics else "",
        **_summary(times),
        "target_ms": TARGET_REJECT_MS,
        "ok": scenario is None and max(times) <= TARGET_REJECT_MS,
    }


def bench_reject_alias_bomb(repeat: int = 5) -> dict[str, Any]:
    """Reject a billion-laughs document (9 levels of 9: 387 million values expanded)."""
    from game.scenario import check_text

    text = alias_bomb()
    times, (scenario, diagnostics) = _time(lambda: check_text(text, "bomb.yaml"), repeat)
    return {
        "name": "reject an alias bomb",
        "bytes": len(text),
        "rejected": scenario is None,
        "message": diagnostics[0].format() if diagnostics else "",
        **_summary(times),
        "target_ms": TARGET_REJECT_MS,
        "ok": scenario is None and max(times) <= TARGET_REJECT_MS,
    }


TIMINGS: dict[str, Callable[[], dict[str, Any]]] = {
    "scenario.load_200_world": lambda: bench_load_200(world=True),
    "scenario.load_200_generated": lambda: bench_load_200(world=False),
    "scenario.reject_oversize": bench_reject_oversize,
    "scenario.reject_alias_bomb": bench_reject_alias_bomb,
}


def run_all() -> dict[str, dict[str, Any]]:
    """Every benchmark of this module, by name, as plain dicts."""
    return {name: fn() for name, fn in TIMINGS.items()}


def bench_scenario_loader() -> list[Any]:
    """The same numbers as :func:`run_all`, as ``benchmarks.harness.Measurement`` rows."""
    from benchmarks.harness import Measurement

    world = bench_load_200(world=True)
    generated = bench_load_200(world=False)
    oversize = bench_reject_oversize()
    bomb = bench_reject_alias_bomb()
    kb = round(world["bytes"] / 1024)
    return [
        Measurement(
            "scenario",
            f"load+validate 200 nations, world map ({kb} KB; best of 15)",
            world["min_ms"],
            "ms",
            TARGET_LOAD_200_MS,
            f"median {world['median_ms']:.0f} ms, CPU {world['cpu_min_ms']:.0f} ms; "
            f"first load {world['first_ms']:.0f} ms reads the world atlas",
        ),
        Measurement(
            "scenario",
            "load+validate 200 nations, generated map (best of 15)",
            generated["min_ms"],
            "ms",
            TARGET_LOAD_200_MS,
            f"median {generated['median_ms']:.0f} ms, CPU {generated['cpu_min_ms']:.0f} ms",
        ),
        Measurement(
            "scenario",
            "reject a file over 1 MiB (worst of 5)",
            oversize["max_ms"],
            "ms",
            TARGET_REJECT_MS,
        ),
        Measurement(
            "scenario",
            "reject an alias bomb (worst of 5)",
            bomb["max_ms"],
            "ms",
            TARGET_REJECT_MS,
        ),
    ]


#: What ``python -m benchmarks`` runs (each returns a list of Measurement).
BENCHMARKS = [bench_scenario_loader]


def main() -> int:
    import json

    results = run_all()
    print(json.dumps(results, indent=2, ensure_ascii=False))
    return 0 if all(r.get("ok") for r in results.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
