"""``cyberdip simulate --chart``: the balance sheet shows the batch's own numbers."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from game.scenario import canonical_json
from game.scenario.catalog import load
from game.sim.batch import BatchResult, simulate
from game.sim.charts import MAX_NATIONS, balance_figure, chart_bytes


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    return subprocess.run(
        [sys.executable, "-m", "game", *args], capture_output=True, text=True, env=env, timeout=300
    )


@pytest.fixture(scope="module")
def arms_race() -> tuple[BatchResult, object]:
    scenario = load("arms-race")
    return simulate(canonical_json(scenario), games=12, seed=5, turns=8), scenario


def _panel(fig: Figure, title: str):
    return next(ax for ax in fig.axes if ax.get_title(loc="left").startswith(title))


def _bars(ax) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle) and p.get_height() > 0]


def _row_labels(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def test_wins_panel_shows_each_nations_win_rate_with_its_personality(arms_race) -> None:
    result, scenario = arms_race
    fig = balance_figure(result, scenario)
    wins = _panel(fig, "Who wins")
    labels = _row_labels(wins)
    rates = result.win_rates()
    assert sorted(labels) == sorted(
        f"{name} · {p}" for name, p in zip(result.names, result.personalities, strict=True)
    )
    widths = [bar.get_width() for bar in _bars(wins)]
    expected = [100 * rates[result.names.index(label.split(" · ")[0])] for label in labels]
    assert widths == pytest.approx(expected)


def test_score_parts_add_up_to_each_nations_mean_score(arms_race) -> None:
    """The stacked weighted points of security, prosperity, influence and objectives end
    at the nation's mean score, row by row in the order of the wins panel."""
    result, scenario = arms_race
    fig = balance_figure(result, scenario)
    parts = _panel(fig, "What the scores are made of")
    ends: dict[float, float] = {}
    for bar in _bars(parts):
        y = round(bar.get_y() + bar.get_height() / 2, 6)
        ends[y] = max(ends.get(y, 0.0), bar.get_x() + bar.get_width())
    labels = _row_labels(_panel(fig, "Who wins"))
    means = {
        name: float(np.mean([s.scores[i] for s in result.summaries]))
        for i, name in enumerate(result.names)
    }
    got = [ends[y] for y in sorted(ends)]
    assert got == pytest.approx([means[label.split(" · ")[0]] for label in labels], abs=1e-9)
    assert got == sorted(got, reverse=True)  # best mean score first


def test_stability_panel_shows_the_median_game_and_the_collapse_threshold(arms_race) -> None:
    result, scenario = arms_race
    fig = balance_figure(result, scenario)
    panel = _panel(fig, "World stability by turn")
    median = next(line for line in panel.get_lines() if line.get_label() == "median game")
    expected = np.median(np.array([s.stability for s in result.summaries]), axis=0)
    assert list(median.get_xdata()) == list(range(1, result.turns + 1))
    assert median.get_ydata() == pytest.approx(expected)
    threshold = next(line for line in panel.get_lines() if "collapse below" in line.get_label())
    assert threshold.get_ydata()[0] == scenario.scoring.collapse_threshold


def test_big_scenarios_show_only_the_best_nations() -> None:
    scenario = load("world")
    result = simulate(canonical_json(scenario), games=1, seed=1, turns=1)
    fig = balance_figure(result, scenario)
    wins = _panel(fig, "Who wins")
    assert len(_row_labels(wins)) == MAX_NATIONS
    assert any(f"the best {MAX_NATIONS} of" in t.get_text() for t in wins.texts)


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_chart_files_have_no_dates_so_a_batch_gives_the_same_bytes(arms_race, suffix) -> None:
    result, scenario = arms_race
    first = chart_bytes(balance_figure(result, scenario), suffix)
    time.sleep(1.1)  # a timestamp in seconds would now differ
    assert chart_bytes(balance_figure(result, scenario), suffix) == first
    magic = {".png": b"\x89PNG", ".svg": b"<?xml", ".pdf": b"%PDF"}[suffix]
    assert first.startswith(magic)


def test_cli_writes_the_chart_and_says_so(tmp_path: Path) -> None:
    out = tmp_path / "charts" / "tutorial.png"
    done = _cli("simulate", "tutorial", "--games", "3", "--turns", "3", "--chart", str(out))
    assert done.returncode == 0, done.stderr
    assert f"wrote {out}" in done.stdout
    from PIL import Image

    with Image.open(out) as image:
        assert image.width > 1000 and image.height > 600


@pytest.mark.parametrize(
    ("name", "message"),
    [("table.txt", "must end in .png, .svg, .pdf"), ("folder", "is a folder")],
)
def test_bad_chart_path_is_refused_before_any_game_is_played(
    tmp_path: Path, name: str, message: str
) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "table.txt").write_text("keep me")
    json_out = tmp_path / "batch.json"
    done = _cli(
        "simulate",
        "tutorial",
        "--games",
        "2",
        "--json",
        str(json_out),
        "--chart",
        str(tmp_path / name),
    )
    assert done.returncode != 0
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr
    assert not json_out.exists()  # nothing was played, nothing written
    assert (tmp_path / "table.txt").read_text() == "keep me"


def test_a_name_the_chart_font_lacks_draws_without_warnings_on_the_terminal(
    tmp_path: Path,
) -> None:
    """An emoji in a nation's name has no glyph in the chart font: it draws as a box,
    and the command that worked prints nothing on stderr (no library source lines)."""
    import json

    import yaml

    data = json.loads(canonical_json(load("tutorial")))
    data["nations"][0]["name"] = "Meridia 💥"
    scenario = tmp_path / "emoji.yaml"
    scenario.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "sheet.png"
    done = _cli(
        "simulate", str(scenario), "--games", "1", "--turns", "2", "--quiet", "--chart", str(out)
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert out.stat().st_size > 0
