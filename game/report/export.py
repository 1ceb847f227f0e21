"""Writing the after-action report: ``report.html``, four CSVs and ``summary.json``.

The CSV and JSON files name nations by id and hold no timestamps, so the same save always
gives the same bytes; the HTML names nations and may show the save's date. Each file is
written atomically, and nothing else in the folder is touched.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from game.engine.fileio import write_atomically
from game.engine.game import Game
from game.engine.types import STATS
from game.report.debrief import SCORE_PARTS, Debrief, build

#: The files a report consists of (and the only ones :func:`write_report` writes).
REPORT_FILES: tuple[str, ...] = (
    "report.html",
    "turns.csv",
    "incidents.csv",
    "trust.csv",
    "decisions.csv",
    "summary.json",
)

#: Resolution of the charts in the HTML (dots per inch); the slider's frames use less.
CHART_DPI = 144
FRAME_DPI = 96


def write_report(game: Game, out_dir: str | os.PathLike[str]) -> list[Path]:
    """Build the report of ``game`` and write its six files into ``out_dir`` (created if
    needed). Returns the paths written. Raises OSError if the folder cannot be written,
    or if one of the files could not take its place (a folder or a device of that name:
    the error's ``filename`` says which); then none of them has been written."""
    from game.engine.fileio import check_writable_target

    folder = Path(out_dir)
    for name in REPORT_FILES:
        check_writable_target(folder / name)  # (before the work, and before any file)
    debrief = build(game)
    contents = report_files(debrief)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in REPORT_FILES:
        path = folder / name
        write_atomically(path, contents[name])
        written.append(path)
    return written


def report_files(d: Debrief) -> dict[str, bytes]:
    """Every report file's bytes, by name."""
    return {
        "report.html": report_html(d).encode("utf-8"),
        "turns.csv": turns_csv(d).encode("utf-8"),
        "incidents.csv": incidents_csv(d).encode("utf-8"),
        "trust.csv": trust_csv(d).encode("utf-8"),
        "decisions.csv": decisions_csv(d).encode("utf-8"),
        "summary.json": (json.dumps(summary(d), indent=2, ensure_ascii=False) + "\n").encode(
            "utf-8"
        ),
    }


# --------------------------------------------------------------------------- HTML


def report_html(d: Debrief) -> str:
    """The self-contained HTML page (charts rendered here)."""
    from game.chartstyle import png
    from game.report import charts
    from game.report.html import ChartImages, render
    from game.report.moments import key_moments
    from game.report.questions import discussion_questions

    last = d.turns_played
    shown = heatmap_turns(last)
    heatmap = charts.TrustHeatmap(d, dpi=CHART_DPI)
    static = dict(zip(shown, heatmap.frames(shown), strict=True))
    frames = heatmap.frames(scale=FRAME_DPI / CHART_DPI, colours=96) if last >= 1 else []
    images = ChartImages(
        stability=png(charts.stability_chart(d), CHART_DPI),
        incidents=png(charts.incidents_chart(d), CHART_DPI),
        scores=png(charts.scores_chart(d), CHART_DPI),
        offense=png(charts.offense_chart(d), CHART_DPI),
        trust_static=static,
        trust_frames=frames,
    )
    return render(d, key_moments(d), discussion_questions(d), images)


def heatmap_turns(last: int) -> list[int]:
    """The turns whose trust heatmaps are printed: the first, the middle and the last."""
    if last < 1:
        return [0]
    return sorted({1, (1 + last) // 2, last})


# --------------------------------------------------------------------------- CSV


def _num(value: float | None, places: int = 3) -> str:
    """A number for a CSV cell: fixed decimals, '' for None or NaN, never '-0.000'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = f"{float(value):.{places}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _flag(value: bool) -> str:
    return "true" if value else "false"


def turns_columns(d: Debrief) -> list[str]:
    """Column names of ``turns.csv``."""
    columns = ["turn", "stability"]
    columns += [f"{term}_points" for term in d.stability_weights]
    for nation in d.ids:
        columns += [f"{nation}_score"] + [f"{nation}_{part}" for part in SCORE_PARTS]
        columns += [f"{nation}_{stat}" for stat in STATS]
    return columns


def turns_csv(d: Debrief) -> str:
    """A row per played turn: stability and the points each term adds, then per nation its
    score, score parts (objectives empty when it has none) and its six stats."""
    rows = []
    points = {term: d.stability_points(term) for term in d.stability_weights}
    for turn in range(1, d.turns_played + 1):
        row = [str(turn), _num(d.stability[turn])]
        row += [_num(points[term][turn]) for term in d.stability_weights]
        for i in range(len(d.nations)):
            row.append(_num(d.scores[turn, i]))
            row += [_num(d.score_parts[part][turn, i]) for part in SCORE_PARTS]
            row += [_num(d.stats[turn, i, k]) for k in range(len(STATS))]
        rows.append(row)
    return _csv(turns_columns(d), rows)


INCIDENT_COLUMNS: tuple[str, ...] = (
    "turn",
    "kind",
    "true_attacker",
    "target",
    "success",
    "detected",
    "blamed",
    "correct",
    "attribution",
    "corrected_by_hotline",
    "scripted",
    "norms_broken",
    "id",
)


def incidents_csv(d: Debrief) -> str:
    """Every operation: ``true_attacker`` is ``unknown`` for an unknown actor; ``blamed`` is
    empty when undetected and ``unknown`` when the victim blamed nobody."""
    rows = []
    for r in d.incidents:
        if not r.detected:
            blamed = ""
        elif r.blamed is None:
            blamed = "unknown"
        else:
            blamed = r.blamed
        rows.append(
            [
                r.turn,
                r.kind,
                r.attacker or "unknown",
                r.target,
                _flag(r.success),
                _flag(r.detected),
                blamed,
                _flag(r.correct),
                r.attribution,
                _flag(r.corrected_by_hotline),
                _flag(r.scripted),
                ";".join(r.norms_broken),
                r.id,
            ]
        )
    return _csv(INCIDENT_COLUMNS, rows)


DECISION_COLUMNS = ("turn", "nation", "kind", "group", "seen_by", "action", "reason")


def decisions_csv(d: Debrief) -> str:
    """Every order an AI nation gave, with its reason; ``group`` is action, answer,
    choice or budget, and ``seen_by`` says who saw it during the game: everyone, the
    other party (an offer, intelligence shared, a refusal) or nobody (covert operations
    and budgets)."""
    rows = [[x.turn, x.nation, x.kind, x.group, x.seen_by, x.action, x.reason] for x in d.decisions]
    return _csv(DECISION_COLUMNS, rows)


def trust_csv(d: Debrief) -> str:
    """Long format: every ordered pair of different nations, every played turn."""
    ids = d.ids
    rows = [
        [turn, ids[i], ids[j], _num(d.trust[turn, i, j])]
        for turn in range(1, d.turns_played + 1)
        for i in range(len(ids))
        for j in range(len(ids))
        if i != j
    ]
    return _csv(("turn", "from", "to", "trust"), rows)


# --------------------------------------------------------------------------- JSON


def _round(value: float | None, places: int = 3) -> float | None:
    if value is None or math.isnan(value):
        return None
    return round(float(value), places) + 0.0


def summary(d: Debrief) -> dict[str, Any]:
    """The headline facts of the game (ids, no timestamps)."""
    r = d.result
    return {
        "scenario": {"id": d.scenario_id, "title": d.title},
        "seed": d.seed,
        "turns_played": d.turns_played,
        "last_turn": r.last_turn,
        "outcome": r.outcome,
        "winners": list(r.winners),
        "shared_goal_met": r.shared_goal_met,
        "start_stability": _round(float(d.stability[0])),
        "final_stability": _round(r.stability),
        "ranking": [
            {
                "place": s.place,
                "nation": s.nation,
                "score": _round(s.score),
                "security": _round(s.security),
                "prosperity": _round(s.prosperity),
                "influence": _round(s.influence),
                "objectives": _round(s.objectives),
                "objectives_met": list(s.objectives_met),
                "winner": s.winner,
            }
            for s in r.ranking
        ],
        "counts": d.counts(),
    }
