"""Re-run the balance simulations of the bundled scenarios and refresh docs/scenarios.md.

    python tools/balance_tables.py [ID ...] [--games N] [--workers K]

For each scenario, the fenced block that starts with ``$ cyberdip simulate <id> ...`` is
replaced by the new table, and the paragraph after it that starts with "Mechanics" by
the counts of the same run, and the balance sheet of the same run is drawn to
``docs/images/balance-<id>.png`` (linked after that paragraph). Everything else (the
prose) is left for a human to reread.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.scenario import canonical_json  # noqa: E402
from game.scenario.catalog import bundled  # noqa: E402
from game.sim.batch import simulate  # noqa: E402
from game.sim.charts import balance_figure, chart_bytes  # noqa: E402
from game.sim.table import balance_table  # noqa: E402

SHOWN_ROWS = 20  # big scenarios: the first and last rows of the table


def mechanics_line(data: dict[str, object]) -> str:
    """The per-game counts a scenario designer checks, in one paragraph."""
    per_game = data["mechanics_per_game"]
    assert isinstance(per_game, dict)

    def count(key: str) -> float:
        return float(per_game.get(key, 0.0))

    parts = [
        f"talks {count('talks'):.1f}",
        f"hotlines opened {count('hotline'):.1f}",
        f"alliances formed {count('alliance_formed'):.1f}",
        f"norms coming into force {count('norm_in_force'):.1f}",
        f"arms-control agreements coming into force {count('arms_in_force'):.1f}",
        f"cheating exposed {count('cheating_exposed'):.2f}",
        f"misattributions {count('misattribution'):.2f}",
        f"hotline corrections {count('hotline_correction'):.2f}",
        f"denunciations {count('denunciation'):.1f}",
        f"sanctions {count('sanction'):.1f}",
        f"capacity building {count('capacity_built'):.2f}",
    ]
    events = sorted((k.split(":", 1)[1], v) for k, v in per_game.items() if k.startswith("event:"))
    text = "Mechanics per game (same run): " + ", ".join(parts) + "."
    if events:
        text += (
            " Scripted events fired: "
            + ", ".join(f"{name} {float(v):.2f}" for name, v in events)
            + "."
        )
    return text


def refresh(text: str, scenario_id: str, games: int, workers: int, seed: int) -> str:
    entry = next(e for e in bundled() if e.id == scenario_id)
    result = simulate(canonical_json(entry.scenario), games=games, seed=seed, workers=workers)
    lines = balance_table(result)
    table_start = next(k for k, line in enumerate(lines) if line.startswith("-")) + 1
    # The nation rows end at the rule before the key (or at a blank line).
    table_end = next(
        (k for k in range(table_start, len(lines)) if not lines[k] or lines[k].startswith("-")),
        len(lines),
    )
    rows = lines[table_start:table_end]
    if len(rows) > SHOWN_ROWS + 5:
        omitted = (
            f"... ({len(rows) - SHOWN_ROWS - 5} rows omitted: the command prints all "
            f"{len(rows)}) ..."
        )
        shown = [*rows[:SHOWN_ROWS], omitted, *rows[-5:]]
        lines = lines[:table_start] + shown + lines[table_end:]
    command = f"$ cyberdip simulate {scenario_id} --games {games} --seed {seed} --workers {workers}"
    block = "```\n" + command + "\n" + "\n".join(lines) + "\n```"
    pattern = re.compile(
        r"```\n\$ cyberdip simulate " + re.escape(scenario_id) + r" .*?\n```", re.S
    )
    if not pattern.search(text):
        raise SystemExit(f"docs/scenarios.md has no simulate block for {scenario_id}")
    text = pattern.sub(lambda _: block, text, count=1)
    after = text.index(block) + len(block)
    paragraph = re.compile(r"\n\nMechanics[^\n]*(?:\n[^\n]+)*")
    match = paragraph.match(text, after)
    if match:
        text = text[:after] + "\n\n" + mechanics_line(result.to_dict()) + text[match.end() :]
        after = text.index("\n\nMechanics", after) + 2
        after = text.index("\n\n", after) if "\n\n" in text[after:] else len(text.rstrip("\n"))
    chart = f"images/balance-{scenario_id}.png"
    (ROOT / "docs" / chart).write_bytes(chart_bytes(balance_figure(result, entry.scenario), ".png"))
    link = f"![balance of {scenario_id} over {games} games]({chart})"
    existing = re.compile(r"\n\n!\[balance of [^\n]*\]\(" + re.escape(chart) + r"\)")
    found = existing.match(text, after)
    if found:
        text = text[:after] + "\n\n" + link + text[found.end() :]
    else:
        text = text[:after] + "\n\n" + link + text[after:]
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*")
    parser.add_argument("--games", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    ids = args.ids or [e.id for e in bundled()]
    path = ROOT / "docs" / "scenarios.md"
    for scenario_id in ids:
        text = path.read_text(encoding="utf-8")
        path.write_text(
            refresh(text, scenario_id, args.games, args.workers, args.seed), encoding="utf-8"
        )
        print(f"refreshed {scenario_id}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
