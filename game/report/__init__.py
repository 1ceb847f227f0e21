"""The debrief and the after-action report: everything revealed, as data, charts and files.

- :func:`build` (:mod:`game.report.debrief`): one replay of a game into a :class:`Debrief`
  of plain data and numpy arrays, what the in-game debrief screen shows;
- :func:`key_moments` and :func:`discussion_questions`: the turns worth stopping at, with
  plain explanations, and questions for the class;
- :mod:`game.report.charts`: matplotlib figures of a debrief (imported only when drawing);
- :func:`write_report` (:mod:`game.report.export`): ``report.html``, ``turns.csv``,
  ``incidents.csv``, ``trust.csv`` and ``summary.json``.

Nothing here imports pygame; matplotlib is imported only by the charts.
"""

from __future__ import annotations

from game.report.debrief import Debrief, DebriefError, build
from game.report.export import REPORT_FILES, write_report
from game.report.moments import Moment, key_moments
from game.report.questions import Question, discussion_questions

__all__ = [
    "REPORT_FILES",
    "Debrief",
    "DebriefError",
    "Moment",
    "Question",
    "build",
    "discussion_questions",
    "key_moments",
    "write_report",
]
