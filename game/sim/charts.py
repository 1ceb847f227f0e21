"""The balance sheet of a batch: one figure a scenario designer reads at a glance.

``cyberdip simulate ... --chart PATH`` draws it from the same :class:`BatchResult` as the
balance table, so the two always agree. Four panels:

* world stability by turn over all games: the median, the middle half and the middle
  80% of games, with the collapse threshold (and the shared goal, if any);
* who wins: each nation's share of the games, with its personality;
* final scores: how each nation's score spreads over the games (box: middle half,
  whiskers: middle 90%, dot: mean), which shows whether a gap is bigger than chance;
* what the mean score is made of: the weighted points of security, prosperity, influence
  and objectives, which add up to the mean score.

Nations keep their scenario colours, score parts the colours of the debrief charts. Big
scenarios show their best-scoring :data:`MAX_NATIONS` nations (the table has them all).
Drawn with matplotlib's object API on the Agg renderer (no pyplot, no rcParams changed),
and written without timestamps: the same batch gives the same bytes.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator

from game.chartstyle import BASE_FONT, PART_COLOURS, png, quiet_drawing
from game.sim.batch import BatchResult
from game.words import counted

#: The file types ``--chart`` writes, by suffix.
CHART_FORMATS = (".png", ".svg", ".pdf")
#: Most nations the per-nation panels show (the best mean scores).
MAX_NATIONS = 16
PARTS = ("security", "prosperity", "influence", "objectives")
_BAND_COLOUR = "#4477AA"
_THRESHOLD_COLOUR = "#CC3311"
_GOAL_COLOUR = "#228833"


def balance_figure(result: BatchResult, scenario: Any) -> Figure:
    """The balance sheet of ``result``, a batch of ``scenario`` (for colours and rules)."""
    from game.engine.world import World

    colours = World(scenario).colours
    shown = _shown(result)
    rows = len(shown)
    height = 3.2 + max(3.4, 0.26 * rows + 1.0)
    fig = Figure(figsize=(12.0, height), layout="constrained")
    grid = fig.add_gridspec(
        2, 3, height_ratios=[3.0, max(3.4, 0.26 * rows + 1.0)], width_ratios=[1.15, 1.0, 1.0]
    )
    _stability_panel(fig.add_subplot(grid[0, :]), result, scenario)
    wins = fig.add_subplot(grid[1, 0])
    _wins_panel(wins, result, shown, colours)
    _parts_panel(fig.add_subplot(grid[1, 1], sharey=wins), result, shown, scenario)
    _spread_panel(fig.add_subplot(grid[1, 2], sharey=wins), result, shown, colours)
    fig.suptitle(
        f"{scenario.title} — balance over {counted(result.games, 'game')} "
        f"(seed {result.seed}, {counted(result.turns, 'turn')}, every seat played by the AI)",
        fontsize=BASE_FONT + 3,
        fontweight="bold",
        x=0.01,
        ha="left",
    )
    return fig


def chart_bytes(fig: Figure, suffix: str) -> bytes:
    """``fig`` as the bytes of a PNG, SVG or PDF file, with no date or version in them."""
    suffix = suffix.lower()
    if suffix == ".png":
        return png(fig, dpi=144)  # a 256-colour palette: the same look, a third of the bytes
    buffer = io.BytesIO()
    if suffix == ".svg":
        from matplotlib import rc_context

        # (SVG element ids are hashed with a salt that is random unless set)
        with rc_context({"svg.hashsalt": "cyberdip"}), quiet_drawing():
            fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    elif suffix == ".pdf":
        with quiet_drawing():
            fig.savefig(
                buffer,
                format="pdf",
                metadata={"CreationDate": None, "ModDate": None, "Creator": None},
            )
    else:
        raise ValueError(f"a chart is {', '.join(CHART_FORMATS)}, not '{suffix}'")
    return buffer.getvalue()


def chart_format_error(path: str) -> str | None:
    """Why ``path`` cannot take a chart (checked before a batch is played), or None."""
    if Path(path).suffix.lower() not in CHART_FORMATS:
        return (
            f"--chart {path}: the file name must end in {', '.join(CHART_FORMATS)} "
            "(the chart's format)"
        )
    return None


# --------------------------------------------------------------------------- panels


def _shown(result: BatchResult) -> list[int]:
    """The nations the per-nation panels show, best mean score first."""
    means = [
        float(np.mean([s.scores[i] for s in result.summaries])) for i in range(len(result.nations))
    ]
    order = sorted(range(len(means)), key=lambda i: (-means[i], i))
    return order[:MAX_NATIONS]


def _clean(ax: Axes) -> None:
    ax.tick_params(labelsize=BASE_FONT - 1)
    ax.grid(True, color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _title(ax: Axes, text: str) -> None:
    ax.set_title(text, fontsize=BASE_FONT + 1.5, loc="left", fontweight="bold")


def _beside(ax: Axes, title: str, xlabel: str) -> None:
    """A panel to the right of the wins panel: its rows are the wins panel's (no labels
    of its own), with only vertical grid lines."""
    ax.tick_params(axis="y", left=False, labelleft=False)
    ax.set_xlabel(xlabel, fontsize=BASE_FONT)
    _title(ax, title)
    _clean(ax)
    ax.grid(False, axis="y")


def _stability_panel(ax: Axes, result: BatchResult, scenario: Any) -> None:
    longest = max((len(s.stability) for s in result.summaries), default=0)
    turns = np.arange(1, longest + 1)
    # A game that collapsed early has no later turns: each turn's spread is over the
    # games still being played.
    bands = np.array(
        [
            np.percentile(
                [s.stability[t] for s in result.summaries if len(s.stability) > t],
                [10, 25, 50, 75, 90],
            )
            for t in range(longest)
        ]
    ).reshape(longest, 5)
    for low, high, alpha, label in (
        (0, 4, 0.18, "middle 80% of games"),
        (1, 3, 0.35, "middle half"),
    ):
        ax.fill_between(
            turns,
            bands[:, low],
            bands[:, high],
            color=_BAND_COLOUR,
            alpha=alpha,
            linewidth=0,
            label=label,
        )
    ax.plot(
        turns,
        bands[:, 2],
        color="black",
        linewidth=2.0,
        marker="o",
        markersize=3,
        label="median game",
    )
    rules = scenario.scoring
    ax.axhline(
        rules.collapse_threshold,
        color=_THRESHOLD_COLOUR,
        linestyle="--",
        linewidth=1.3,
        label=f"collapse below {rules.collapse_threshold:g} for {rules.collapse_turns} turns",
    )
    if rules.shared_goal is not None:
        ax.axhline(
            rules.shared_goal.stability,
            color=_GOAL_COLOUR,
            linestyle=":",
            linewidth=1.6,
            label=f"shared goal: end at {rules.shared_goal.stability:g} or more",
        )
    data = result.to_dict()
    st = data["stability"]
    collapse = 100 * data["outcomes"]["collapse_rate"]
    _title(
        ax,
        f"World stability by turn — ends at {st['final_mean']:.1f} ± {st['final_std']:.1f}, "
        f"collapse in {collapse:.0f}% of games",
    )
    ax.set_ylim(0, 100)
    ax.set_xlim(0.8, max(longest, 1) + 0.2)
    ax.set_xticks(turns if longest <= 30 else turns[:: int(np.ceil(longest / 30))])
    ax.set_xlabel("turn", fontsize=BASE_FONT)
    ax.set_ylabel("stability (0-100)", fontsize=BASE_FONT)
    _clean(ax)
    # (beside the panel: inside, it would hide the band or the threshold)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=BASE_FONT - 1, frameon=False)


def _label(result: BatchResult, i: int) -> str:
    return f"{result.names[i]} · {result.personalities[i]}"


def _wins_panel(ax: Axes, result: BatchResult, shown: list[int], colours: tuple[str, ...]) -> None:
    rates = result.win_rates()
    y = np.arange(len(shown))
    values = [100 * rates[i] for i in shown]
    ax.barh(y, values, color=[colours[i] for i in shown], edgecolor="#333333", linewidth=0.5)
    for k, value in enumerate(values):
        ax.text(value + 1.0, k, f"{value:.1f}%", va="center", fontsize=BASE_FONT - 1)
    ax.set_yticks(y, [_label(result, i) for i in shown], fontsize=BASE_FONT)
    ax.invert_yaxis()
    top = max(values, default=0.0)
    # (room right of the longest bar for its label, even at 100%)
    ax.set_xlim(0, min(118.0, max(10.0, top * 1.25 + 5)))
    ax.xaxis.set_major_locator(FixedLocator([t for t in range(0, 101, 20) if t <= top * 1.25 + 5]))
    ax.set_xlabel("share of games won (%)", fontsize=BASE_FONT)
    games = max(len(result.summaries), 1)
    nobody = sum(1 for s in result.summaries if not s.winners) / games
    tied = sum(1 for s in result.summaries if len(s.winners) > 1) / games
    note = []
    if nobody:
        note.append(f"no winner in {100 * nobody:.0f}%")
    if tied:
        note.append(f"a tie in {100 * tied:.0f}%")
    _title(ax, "Who wins" + (f" ({', '.join(note)})" if note else ""))
    _clean(ax)
    ax.grid(False, axis="y")
    if len(shown) < len(result.nations):
        ax.text(
            0.99,
            0.01,
            f"the best {len(shown)} of {len(result.nations)} nations by score",
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=BASE_FONT - 1,
            color="#555555",
        )


def _contributions(result: BatchResult, i: int, scenario: Any) -> dict[str, float]:
    """The points each score part adds to nation ``i``'s mean score (they sum to it)."""
    weights = scenario.scoring.weights
    means = {}
    for part in PARTS:
        values = [s.score_parts[i][part] for s in result.summaries if part in s.score_parts[i]]
        if values:
            means[part] = float(np.mean(values))
    total_weight = sum(getattr(weights, p) for p in means)
    if total_weight <= 0:
        return {p: 0.0 for p in means}
    return {p: getattr(weights, p) * v / total_weight for p, v in means.items()}


def _parts_panel(ax: Axes, result: BatchResult, shown: list[int], scenario: Any) -> None:
    """Each nation's mean score as the stacked weighted points of its parts."""
    y = np.arange(len(shown))
    left = np.zeros(len(shown))
    each = [_contributions(result, i, scenario) for i in shown]
    for part in PARTS:
        points = np.array([parts.get(part, 0.0) for parts in each])
        if not points.any():
            continue
        ax.barh(y, points, left=left, color=PART_COLOURS[part], label=part, height=0.62)
        left += points
    for k, total in enumerate(left):
        ax.text(total + 1.0, k, f"{total:.1f}", va="center", fontsize=BASE_FONT - 1)
    ax.set_xlim(0, 100)
    _beside(ax, "What the scores are made of", "mean score: weighted points of each part")
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.16),
        fontsize=BASE_FONT - 1,
        frameon=False,
        ncols=4,
        handlelength=1.0,
        columnspacing=1.0,
    )


def _spread_panel(
    ax: Axes, result: BatchResult, shown: list[int], colours: tuple[str, ...]
) -> None:
    """How each nation's final score spreads over the games, zoomed to where they lie."""
    scores = [[s.scores[i] for s in result.summaries] for i in shown]
    box = ax.boxplot(
        scores,
        positions=np.arange(len(shown)),
        orientation="horizontal",
        widths=0.55,
        whis=(5, 95),
        showfliers=False,
        showmeans=True,
        patch_artist=True,
        manage_ticks=False,
        meanprops={
            "marker": "o",
            "markersize": 4,
            "markerfacecolor": "black",
            "markeredgecolor": "white",
        },
        medianprops={"color": "black", "linewidth": 1.4},
    )
    for patch, i in zip(box["boxes"], shown, strict=True):
        patch.set_facecolor(colours[i])
        patch.set_edgecolor("#333333")
    low = min(float(np.percentile(v, 5)) for v in scores)
    high = max(float(np.percentile(v, 95)) for v in scores)
    pad = max(1.0, 0.08 * (high - low))
    ax.set_xlim(max(0.0, low - pad), min(100.0, high + pad))
    _beside(ax, "How scores spread over games", "final score (zoomed)")
    ax.text(
        0.5,
        -0.16,
        "box: middle half of games, line: median\nwhiskers: middle 90% of games, dot: mean",
        transform=ax.transAxes,
        ha="center",
        va="top",
        fontsize=BASE_FONT - 1,
        color="#333333",
    )
