"""The in-game debrief: everything that happened, revealed, for the class to discuss.

Opened from the end screen (at the end of a game) and from the load screen (any save).
Tabs:

- **Summary** — the outcome, the ranking with every score's breakdown, the secret
  objectives revealed, what happened in numbers, the scenario's learning objectives;
- **Timeline** — every covert operation: turn, kind, who really did it, the target, who
  was blamed, and whether that was correct, a misattribution or cleared by a hotline
  (filters, pages of rows; PgUp/PgDn);
- **Charts** — stability over time with its terms, the trust matrix as a heatmap with a
  turn slider (drag it, or ←/→), scores over time with their parts, offense stockpiles,
  and operations by attribution;
- **Key moments** — each with a short plain explanation and Cyberpedia links;
- **Questions** — discussion questions built from what happened;
- **Facilitator log** — every facilitator action (interventions, rollbacks, seats).

"Export report…" writes ``report.html`` and the CSV/JSON files into
``data_dir()/reports/<scenario>-<date>`` and says where.

Nothing here freezes the window: the debrief data (one replay of the game,
:func:`game.report.debrief.build`) is made in a background task while a spinner turns,
and each chart is drawn by matplotlib (Agg, no pyplot) in the background the first time
its tab is shown, then kept. Jobs run one at a time (matplotlib is not thread-safe).
Keys: Esc close, Tab / Shift+Tab next / previous tab, ←/→ the trust slider (or the pages
of the timeline), PgUp/PgDn the timeline's pages, the wheel scrolls.
"""

from __future__ import annotations

import io
import logging
import re
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pygame

from game.ui import palettes as pal
from game.ui.ai_worker import BackgroundTask
from game.ui.panels import links, wording
from game.ui.panels.kit import BAD, GOLD, GOOD, Canvas, Kit, Tip, mix, stability_colour
from game.ui.panels.panel import Panel
from game.ui.panels.pointer import Pointer
from game.ui.scene import Scene
from game.ui.widgets import spinner
from game.words import possessive

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.report.debrief import Debrief, Decision, Incident
    from game.report.moments import Moment
    from game.report.questions import Question
    from game.ui.app import App

log = logging.getLogger(__name__)

TABS: tuple[tuple[str, str, str], ...] = (
    ("summary", "Summary", "The outcome, the ranking and every score's breakdown"),
    ("timeline", "Timeline", "Every covert operation: who really did it, who was blamed"),
    ("decisions", "AI decisions", "Every move of the AI nations, with the reason each gave"),
    ("charts", "Charts", "Stability, trust, scores, offense and operations over time"),
    ("moments", "Key moments", "The moments to stop and talk about, explained"),
    ("questions", "Questions", "Discussion questions built from this game"),
    ("log", "Facilitator log", "Everything the facilitator did in this game"),
)
CHARTS: tuple[tuple[str, str], ...] = (
    ("stability", "Stability"),
    ("trust", "Trust"),
    ("scores", "Scores"),
    ("offense", "Offense"),
    ("operations", "Operations"),
)
TIMELINE_FILTERS: tuple[tuple[str, str], ...] = (
    ("all", "All"),
    ("misattributed", "Misattributed"),
    ("cleared", "Cleared by hotline"),
    ("undetected", "Undetected"),
    ("success", "Succeeded"),
)
DECISION_FILTERS: tuple[tuple[str, str], ...] = (
    ("actions", "Actions"),
    ("answers", "Answers"),
    ("budget", "Posture and budget"),
    ("all", "All"),
)
_DECISION_GROUPS = {
    "actions": {"action"},
    "answers": {"answer", "choice"},
    "budget": {"budget"},
    "all": {"action", "answer", "choice", "budget"},
}
#: What a table page needs besides its rows (header, tabs, filters, captions, margins),
#: and each row's pitch, at UI scale 1.
TABLE_CHROME_H = 256
TABLE_ROW_H = 32
HEADER_H = 118  # pixels at UI scale 1
ATTRIBUTION_LOOK: dict[str, tuple[tuple[int, int, int], str]] = {
    "correct": (GOOD, "correct"),
    "misattributed": (BAD, "misattributed"),
    "cleared": ((120, 220, 255), "cleared by hotline"),
    "unattributed": (GOLD, "nobody blamed"),
    "undetected": (pal.INK_FAINT, "undetected"),
}


def attribution_key(r: Incident) -> str:
    """How an operation ended up attributed, hotline corrections apart."""
    if r.corrected_by_hotline:
        return "cleared"
    return r.attribution


@dataclass
class DebriefData:
    """What the screen shows, made once in the background."""

    debrief: Debrief
    moments: list[Moment]
    questions: list[Question]
    seconds: float


def prepare(game: Game) -> DebriefData:
    """The debrief data of ``game``: one replay, key moments, discussion questions."""
    from game.report.debrief import build
    from game.report.moments import key_moments
    from game.report.questions import discussion_questions

    start = time.perf_counter()
    d = build(game)
    return DebriefData(d, key_moments(d), discussion_questions(d), time.perf_counter() - start)


def report_folder(scenario_id: str, root: Path | None = None, day: date | None = None) -> Path:
    """A new folder for a report: ``<data dir>/reports/<scenario>-<date>`` (with -2, -3...
    if that one exists already, so an earlier report is never overwritten)."""
    from game.ui.settings import data_dir

    base = root if root is not None else data_dir() / "reports"
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", scenario_id).strip("-") or "game"
    stem = f"{slug}-{(day or date.today()).isoformat()}"
    folder = base / stem
    k = 2
    while folder.exists():
        folder = base / f"{stem}-{k}"
        k += 1
    return folder


# --------------------------------------------------------------------------- background jobs


class Jobs:
    """Background work one job at a time (charts, the export): never two matplotlib
    figures drawn at once, never the window frozen. Results are kept by key."""

    def __init__(self) -> None:
        self.results: dict[Hashable, Any] = {}
        self.errors: dict[Hashable, str] = {}
        self.pending: list[tuple[Hashable, Callable[[], Any], Callable[[Any], Any] | None]] = []
        self.task: BackgroundTask[Any] | None = None
        self.running: tuple[Hashable, Callable[[Any], Any] | None] | None = None
        self.version = 0

    def want(
        self,
        key: Hashable,
        work: Callable[[], Any],
        finish: Callable[[Any], Any] | None = None,
        *,
        first: bool = True,
    ) -> Any:
        """The result of ``key`` if made; otherwise queue ``work`` (first in line, unless
        ``first`` is False) and return None. ``finish`` turns the worker's result into the
        kept one on the UI thread (a surface)."""
        if key in self.results:
            return self.results[key]
        if key in self.errors or (self.running is not None and self.running[0] == key):
            return None
        for k, job in enumerate(self.pending):
            if job[0] == key:
                if first and k:
                    self.pending.insert(0, self.pending.pop(k))
                return None
        job = (key, work, finish)
        if first:
            self.pending.insert(0, job)
        else:
            self.pending.append(job)
        self.poll()
        return None

    def busy(self, key: Hashable) -> bool:
        return key not in self.results and key not in self.errors

    def poll(self) -> None:
        if self.task is not None and self.task.done:
            task, self.task = self.task, None
            assert self.running is not None
            key, finish = self.running
            self.running = None
            try:
                value = task.result()
                self.results[key] = finish(value) if finish is not None else value
            except Exception as exc:  # a chart that fails is said, never a crash
                log.exception("debrief job %r failed", key)
                self.errors[key] = f"{type(exc).__name__}: {exc}"
            self.version += 1
        if self.task is None and self.pending:
            key, work, finish = self.pending.pop(0)
            self.running = (key, finish)
            self.task = BackgroundTask(work, name="cyberdip-debrief").start()


def _figure_rgba(fig: Any, area: tuple[int, int]) -> tuple[bytes, tuple[int, int]]:
    """Draw a matplotlib figure with Agg at the dpi that fits ``area``: RGBA bytes, size."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    w_in, h_in = fig.get_size_inches()
    dpi = max(40.0, min(200.0, area[0] / w_in, area[1] / h_in))
    fig.set_dpi(dpi)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return bytes(canvas.buffer_rgba()), canvas.get_width_height()


def _surface_rgba(value: tuple[bytes, tuple[int, int]]) -> pygame.Surface:
    data, size = value
    return pygame.image.frombuffer(data, size, "RGBA").copy()


def _surface_png(data: bytes) -> pygame.Surface:
    return pygame.image.load(io.BytesIO(data), "frame.png").copy()


# --------------------------------------------------------------------------- panels


class _Header(Panel):
    scrollable = False
    background = (11, 22, 40)

    def __init__(self, scene: DebriefScene) -> None:
        super().__init__(scene.kit)
        self.scene = scene

    def key(self) -> Hashable:
        sc = self.scene
        exporting = sc.exporting
        return (
            sc.tab,
            sc.data is not None,
            sc.export_message,
            exporting,
            int(sc.time * 12) if exporting else 0,
        )

    def render(self, c: Canvas, width: int) -> int:
        sc = self.scene
        px = c.px
        h = self.rect.height
        pad = px(24)
        y = px(14)
        c.text((pad, y), "DEBRIEF  ·  EVERYTHING REVEALED", 11.5, "bold", GOLD)
        y += px(18)
        title = sc.game.scenario.title
        headline = sc.data.debrief.result.headline if sc.data is not None else ""
        r = c.text((pad, y), title, 20, "bold", pal.INK, max_width=width // 2)
        if headline:
            c.text(
                (r.right + px(14), y + px(6)),
                headline,
                14,
                "semibold",
                pal.INK_DIM,
                max_width=width - r.right - px(14) - px(360),
            )
        # Buttons.
        close = pygame.Rect(width - pad - px(110), px(16), px(110), px(38))
        c.button("debrief:close", close, "Close", sc.close, size=14, tip=Tip("Close", "Esc"))
        export = pygame.Rect(close.x - px(10) - px(170), close.y, px(170), px(38))
        ready = sc.data is not None and not sc.exporting
        c.button(
            "debrief:export",
            export,
            "Export report…",
            sc.export,
            enabled=ready,
            style="primary",
            size=14,
            tip=Tip(
                "Export report",
                "report.html (charts embedded, prints well), "
                "turns.csv, incidents.csv, trust.csv and summary.json, into a new "
                "folder under your data folder.",
            )
            if ready
            else Tip("Export report", "Working…", warning=True),
        )
        if sc.exporting:
            spinner(c.surface, (export.x - px(18), export.centery), px(8), sc.time)
        # Tabs.
        tab_y = h - px(44)
        x = pad
        for key, label, hint in TABS:
            tw = c.kit.width(label, 14, "semibold") + px(30)
            rect = pygame.Rect(x, tab_y, tw, px(44))
            active = sc.tab == key
            hovered = c.spot(
                f"debrief:tab:{key}", rect, partial(sc.show_tab, key), Tip(label, hint)
            )
            ink = pal.INK if active or hovered else pal.INK_DIM
            c.text(rect.center, label, 14, "semibold", ink, anchor="center")
            if active:
                pygame.draw.rect(
                    c.surface,
                    GOLD,
                    (rect.x + px(10), rect.bottom - px(4), rect.width - px(20), px(3)),
                    border_radius=px(2),
                )
            x = rect.right + px(4)
        pygame.draw.line(c.surface, pal.PANEL_EDGE, (0, h - 1), (width, h - 1))
        return h


class _Body(Panel):
    background = pal.BACKDROP

    def __init__(self, scene: DebriefScene) -> None:
        super().__init__(scene.kit)
        self.scene = scene

    def key(self) -> Hashable:
        sc = self.scene
        waiting = sc.waiting()
        return (
            sc.tab,
            sc.data is not None,
            sc.error,
            sc.chart,
            sc.trust_turn,
            sc.page,
            sc.filter,
            sc.decision_page,
            sc.decision_filter,
            sc.decision_nation,
            sc.rows_per_page(),
            sc.jobs.version,
            sc.area_key(),
            int(sc.time * 12) if waiting else 0,
        )

    def render(self, c: Canvas, width: int) -> int:
        return self.scene.render_tab(c, width)


# --------------------------------------------------------------------------- the scene


class DebriefScene(Scene):
    """The debrief of ``game``. See the module docstring."""

    opaque = True

    def __init__(self, app: App, game: Game) -> None:
        super().__init__(app)
        self.game = game
        self.kit = Kit(app.fonts, app.ui_scale)
        self.kit.open_entry = self.open_entry
        self.pointer = Pointer(self.kit, on_click=lambda: app.sounds.play("click"))
        self.time = 0.0
        self.tab = "summary"
        self.chart = "stability"
        self.trust_turn = 0
        self.page = 0
        self.filter = "all"
        self.decision_page = 0
        self.decision_filter = "actions"
        self.decision_nation: str | None = None  # None: every AI nation
        self.data: DebriefData | None = None
        self.error: str | None = None
        self.opened_at = time.perf_counter()
        self.ready_seconds: float | None = None  # from opening to the data on screen
        self.jobs = Jobs()
        self.export_key: tuple[str, str] | None = None  # the export job, while it runs
        self.export_folder: Path | None = None
        self.export_message: tuple[str, bool] | None = None
        self.exported: list[Path] = []
        self.slider: pygame.Rect | None = None  # in body coordinates
        self.dragging = False
        self._heatmaps: dict[tuple[int, int], Any] = {}
        self.header = _Header(self)
        self.body = _Body(self)
        self.task: BackgroundTask[DebriefData] | None = BackgroundTask(
            partial(prepare, game), name="cyberdip-debrief-data"
        ).start()

    # ------------------------------------------------------------------ state

    @property
    def ready(self) -> bool:
        return self.data is not None

    @property
    def exporting(self) -> bool:
        return self.export_key is not None

    def waiting(self) -> bool:
        """Something on this tab is still being made (a spinner turns)."""
        if self.data is None:
            return self.error is None
        if self.tab != "charts":
            return False
        return self.jobs.busy(self._chart_key())

    def area_key(self) -> tuple[int, int]:
        return self._chart_area()

    def show_tab(self, key: str) -> None:
        if key != self.tab:
            self.tab = key
            self.body.scroll_to_top()

    def next_tab(self, step: int) -> None:
        keys = [k for k, _, _ in TABS]
        self.show_tab(keys[(keys.index(self.tab) + step) % len(keys)])

    def show_chart(self, key: str) -> None:
        self.chart = key

    def set_trust_turn(self, turn: int) -> None:
        if self.data is None:
            return
        last = self.data.debrief.turns_played
        self.trust_turn = min(max(int(turn), 0), last)

    def set_filter(self, key: str) -> None:
        self.filter = key
        self.page = 0

    def turn_page(self, step: int) -> None:
        """The next (``step`` 1) or previous (-1) page of the timeline or the decisions."""
        pages = self._pages()
        if self.tab == "decisions":
            self.decision_page = min(max(self.decision_page + step, 0), max(0, pages - 1))
        else:
            self.page = min(max(self.page + step, 0), max(0, pages - 1))
        self.body.scroll_to_top()

    def set_decision_filter(self, key: str) -> None:
        self.decision_filter = key
        self.decision_page = 0

    def show_decisions_of(self, nation: str | None) -> None:
        """Show one nation's decisions (None: every AI nation's), from the first page."""
        self.decision_nation = nation
        self.decision_page = 0
        self.body.scroll_to_top()

    def cycle_decision_nation(self, step: int) -> None:
        """Show the decisions of the next (or previous) AI nation; after the last, all."""
        if self.data is None:
            return
        choices: list[str | None] = [None, *self._ai_nations()]
        at = choices.index(self.decision_nation) if self.decision_nation in choices else 0
        self.decision_nation = choices[(at + step) % len(choices)]
        self.decision_page = 0

    def close(self) -> None:
        if self.app.scenes.top is self:
            self.app.scenes.pop()

    def open_entry(self, entry_id: str) -> None:
        links.open_cyberpedia(self.app, entry_id)

    # ------------------------------------------------------------------ export

    def export(self) -> None:
        """Write the report (HTML and CSV/JSON) into a new folder, in the background."""
        if self.data is None or self.exporting:
            return
        from game.report.export import write_report

        folder = report_folder(self.game.scenario.id)
        self.export_folder = folder
        game = self.game
        self.export_message = ("Writing the report…", False)
        # Through the job queue: its charts are never drawn alongside the screen's.
        self.export_key = ("export", str(folder))
        self.jobs.want(self.export_key, lambda: write_report(game, folder))

    def _finish_export(self) -> None:
        key = self.export_key
        assert key is not None
        self.export_key = None
        if key in self.jobs.errors:
            problem = self.jobs.errors[key].split(": ", 1)[-1]
            self.export_message = (f"Could not write the report: {problem}".splitlines()[0], True)
            return
        self.exported = list(self.jobs.results[key])
        self.export_message = (f"Report written to {self.export_folder}", False)

    # ------------------------------------------------------------------ layout

    def _layout(self) -> None:
        w, h = self.app.size
        head = self.kit.px(HEADER_H)
        strip = self.kit.px(40) if self.export_message is not None else 0
        self.header.set_rect(pygame.Rect(0, 0, w, head))
        self.body.set_rect(pygame.Rect(0, head, w, h - head - strip))

    def on_enter(self) -> None:
        self._layout()

    def on_resize(self, size: tuple[int, int]) -> None:
        super().on_resize(size)
        self.kit.set_scale(self.app.ui_scale)
        self._layout()
        self.header.invalidate()
        self.body.invalidate()

    def on_uncover(self) -> None:
        super().on_uncover()
        self.pointer.reset()

    def spot_rect(self, spot_id: str) -> pygame.Rect | None:
        """Where a hotspot is on screen, scrolled into view (tests click there)."""
        self._layout()
        for panel in (self.header, self.body):
            rect = panel.spot_rect(spot_id)
            if rect is not None:
                return rect
        return None

    def slider_rect(self) -> pygame.Rect | None:
        """The trust slider's track on screen, or None when it is not shown."""
        if self.slider is None or self.tab != "charts" or self.chart != "trust":
            return None
        return self.slider.move(self.body.rect.x, self.body.rect.y - self.body.scroll)

    # ------------------------------------------------------------------ events

    def process_event(self, event: pygame.event.Event) -> bool:
        if self._slider_event(event):
            return True
        if self.pointer.process_event(event):
            return True
        if event.type == pygame.MOUSEWHEEL:
            self.body.scroll_by(int(event.y))
            return True
        if event.type == pygame.KEYDOWN:
            self._key(event)
        return True  # the debrief is modal

    def _slider_event(self, event: pygame.event.Event) -> bool:
        track = self.slider_rect()
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            if track is not None and track.inflate(0, self.kit.px(20)).collidepoint(event.pos):
                self.dragging = True
                self._slide_to(event.pos[0], track)
                return True
        elif event.type == pygame.MOUSEMOTION and self.dragging:
            if track is not None:
                self._slide_to(event.pos[0], track)
            return True
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.dragging:
            self.dragging = False
            return True
        return False

    def _slide_to(self, x: int, track: pygame.Rect) -> None:
        if self.data is None:
            return
        last = self.data.debrief.turns_played
        frac = (x - track.x) / max(1, track.width)
        self.set_trust_turn(round(min(max(frac, 0.0), 1.0) * last))

    def _key(self, event: pygame.event.Event) -> None:
        key = event.key
        if key == pygame.K_ESCAPE:
            self.close()
        elif key == pygame.K_TAB:
            self.next_tab(-1 if event.mod & pygame.KMOD_SHIFT else 1)
        elif key in (pygame.K_LEFT, pygame.K_RIGHT):
            step = -1 if key == pygame.K_LEFT else 1
            if self.tab == "charts" and self.chart == "trust":
                self.set_trust_turn(self.trust_turn + step)
            elif self.tab in ("timeline", "decisions"):
                self.turn_page(step)
        elif key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN) and self.tab in ("timeline", "decisions"):
            self.turn_page(-1 if key == pygame.K_PAGEUP else 1)
        elif key == pygame.K_HOME:
            self.body.scroll_to_top()
        elif key == pygame.K_F1:
            links.open_help(self.app)

    # ------------------------------------------------------------------ frame

    def update(self, dt: float) -> None:
        self.time += dt
        self.pointer.update(dt)
        if self.task is not None and self.task.done:
            task, self.task = self.task, None
            try:
                self.data = task.result()
            except Exception as exc:
                log.exception("building the debrief")
                self.error = f"{type(exc).__name__}: {exc}".splitlines()[0]
            else:
                self.trust_turn = self.data.debrief.turns_played
                self.ready_seconds = time.perf_counter() - self.opened_at
        self.jobs.poll()
        if self.export_key is not None and not self.jobs.busy(self.export_key):
            self._finish_export()
        if self.data is not None and self.tab == "charts":
            self._want_chart()

    def draw(self, surface: pygame.Surface) -> None:
        self._layout()
        surface.fill(pal.BACKDROP)
        hover = self.pointer.hover_id
        self.header.draw(surface, hover)
        self.body.draw(surface, hover)
        spots = self.header.spots(hover) + self.body.spots(hover)
        if self.export_message is not None:
            spots += self._export_strip(surface)
        self.pointer.set_spots(spots)
        self.pointer.draw_tip(surface)

    def _export_strip(self, surface: pygame.Surface) -> list[Any]:
        """Where the report went (or why not), on a strip at the bottom of the window."""
        from game.ui.panels.kit import Hotspot

        assert self.export_message is not None
        text, error = self.export_message
        px = self.kit.px
        w, h = surface.get_size()
        strip = pygame.Rect(0, h - px(40), w, px(40))
        colour = BAD if error else (GOOD if not self.exporting else pal.ACCENT)
        pygame.draw.rect(surface, mix((10, 20, 38), colour, 0.14), strip)
        pygame.draw.line(surface, colour, strip.topleft, strip.topright)
        x = px(24)
        if self.exporting:
            spinner(surface, (x + px(8), strip.centery), px(8), self.time)
            x += px(26)
        room = w - x - px(24)
        font = self.kit.font(13, "semibold")
        if font.size(text)[0] > room and self.export_folder is not None and not error:
            # A long folder loses its beginning, never the report's own folder name.
            parts = self.export_folder.parts
            for k in range(1, len(parts)):
                text = "Report written to …/" + "/".join(parts[k:])
                if font.size(text)[0] <= room:
                    break
        ink = mix(colour, pal.INK, 0.55)
        surface.blit(self.kit.text(text, 13, "semibold", ink), (x, strip.centery - px(9)))
        tip = (
            Tip(
                "The report",
                "report.html (open it in any browser; it prints well), "
                "turns.csv, incidents.csv, trust.csv and summary.json, in the folder shown.",
            )
            if self.exported and not error
            else Tip("The report", self.export_message[0], warning=error)
        )
        return [Hotspot("debrief:export-message", strip, None, tip)]

    # ------------------------------------------------------------------ tab bodies

    def render_tab(self, c: Canvas, width: int) -> int:
        px = c.px
        if self.error is not None:
            return c.para(
                px(32),
                px(32),
                width - px(64),
                f"This game cannot be debriefed: {self.error}",
                15,
                "semibold",
                BAD,
            )
        if self.data is None:
            h = self.body.rect.height
            spinner(c.surface, (width // 2, h // 2 - px(20)), px(18), self.time)
            c.text(
                (width // 2, h // 2 + px(12)),
                "Replaying the game…",
                14,
                "semibold",
                pal.INK_DIM,
                anchor="midtop",
            )
            return h
        render = {
            "summary": self._summary,
            "timeline": self._timeline,
            "decisions": self._decisions,
            "charts": self._charts,
            "moments": self._moments,
            "questions": self._questions,
            "log": self._log,
        }[self.tab]
        pad = px(32)
        return render(c, pad, px(22), min(width - 2 * pad - px(8), px(1500))) + px(28)

    # ------------------------------------------------------------------ summary

    def _summary(self, c: Canvas, x: int, y: int, width: int) -> int:
        assert self.data is not None
        d = self.data.debrief
        px = c.px
        res = d.result
        c.text((x, y), res.headline, 24, "bold", pal.INK, max_width=width)
        y += px(38)
        bits = [
            f"{d.title}",
            f"{res.turns_played} of {res.last_turn} turns played",
            _outcome(res.outcome),
            f"world stability {float(d.stability[0]):.0f} → {res.stability:.0f}",
        ]
        if res.shared_goal_met is not None:
            bits.append("shared goal " + ("met" if res.shared_goal_met else "missed"))
        y = c.para(x, y, width, "  ·  ".join(bits), 13.5, "regular", pal.INK_DIM) + px(14)
        y = self._ranking(c, x, y, width) + px(12)
        y = self._secrets(c, x, y, width) + px(6)
        y = self._counts(c, x, y, width) + px(10)
        if d.learning_objectives:
            y = c.heading(x, y, width, "What this scenario teaches", id="sum")
            for objective in d.learning_objectives:
                c.text((x, y), "•", 13, "bold", GOLD)
                y = c.para(
                    x + px(18),
                    y,
                    width - px(18),
                    objective,
                    13,
                    "regular",
                    pal.INK,
                    links=True,
                    id="obj",
                ) + px(4)
        return y

    def _ranking(self, c: Canvas, x: int, y: int, width: int) -> int:
        assert self.data is not None
        d = self.data.debrief
        px = c.px
        has_obj = any(s.objectives is not None for s in d.result.ranking)
        parts = [
            ("security", "Security"),
            ("prosperity", "Prosperity"),
            ("influence", "Influence"),
        ] + ([("objectives", "Objectives")] if has_obj else [])
        y = c.heading(x, y, width, "Ranking", right="score and its parts (0–100)", id="sum")
        name_w = px(250)
        score_w = px(200)
        part_w = px(96)
        met_x = x + name_w + score_w + part_w * len(parts)
        hx = x + name_w
        c.text((x + px(40), y), "NATION", 10.5, "bold", pal.INK_FAINT)
        c.text((hx, y), "SCORE", 10.5, "bold", pal.INK_FAINT)
        for k, (_key, label) in enumerate(parts):
            c.text(
                (hx + score_w + k * part_w + part_w // 2, y),
                label.upper(),
                10.5,
                "bold",
                pal.INK_FAINT,
                anchor="midtop",
            )
        if has_obj:
            c.text((met_x + px(8), y), "OBJECTIVES MET", 10.5, "bold", pal.INK_FAINT)
        y += px(20)
        best = max((s.score for s in d.result.ranking), default=1.0) or 1.0
        for s in d.result.ranking:
            i = d.index(s.nation)
            info = d.nations[i]
            row = pygame.Rect(x - px(8), y - px(3), width + px(16), px(34))
            fill = (
                mix((18, 32, 56), GOLD, 0.14)
                if s.winner
                else ((22, 38, 64) if s.place % 2 else (18, 32, 56))
            )
            c.box(row, fill, GOLD if s.winner else None, radius=6)
            c.text(
                (x + px(4), y + px(4)), f"{s.place}", 15, "bold", GOLD if s.winner else pal.INK_DIM
            )
            sw = px(12)
            c.swatch(pygame.Rect(x + px(40), y + px(8), sw, sw), _hex(info.colour))
            nr = c.text(
                (x + px(60), y + px(4)),
                info.name,
                14,
                "semibold",
                pal.INK,
                max_width=name_w - px(130),
            )
            label = "team" if info.controller == "human" else "AI"
            c.pill(
                (nr.right + px(8), y + px(6)),
                label,
                pal.ACCENT if info.controller == "human" else pal.INK_DIM,
                9.5,
            )
            bar = pygame.Rect(hx, y + px(11), score_w - px(66), px(8))
            c.bar(bar, s.score, GOLD if s.winner else pal.ACCENT, maximum=max(100.0, best))
            c.text(
                (hx + score_w - px(12), y + px(3)),
                f"{s.score:.1f}",
                15,
                "bold",
                pal.INK,
                anchor="topright",
            )
            for k, (key, _label) in enumerate(parts):
                value = getattr(s, key)
                text = "—" if value is None else f"{value:.0f}"
                colour = (
                    pal.INK_DIM if value is None else mix(stability_colour(value), pal.INK, 0.45)
                )
                c.text(
                    (hx + score_w + k * part_w + part_w // 2, y + px(5)),
                    text,
                    13.5,
                    "semibold",
                    colour,
                    anchor="midtop",
                )
            if has_obj:
                met = wording.objectives_met_text(self.game.scenario, s.nation, s.objectives_met)
                c.text(
                    (met_x + px(8), y + px(6)),
                    met,
                    12,
                    "regular",
                    pal.INK_DIM,
                    max_width=x + width - met_x - px(8),
                )
            c.spot(
                f"debrief:rank:{s.nation}",
                row,
                None,
                Tip(
                    f"{s.place}. {info.name}: {s.score:.1f}",
                    f"Played by {'a team' if info.controller == 'human' else 'the AI'}"
                    f" ({info.personality}).",
                    tuple(
                        (label, "—" if getattr(s, key) is None else f"{getattr(s, key):.1f}", None)
                        for key, label in parts
                    ),
                ),
            )
            y += px(38)
        return y

    def _secrets(self, c: Canvas, x: int, y: int, width: int) -> int:
        assert self.data is not None
        d = self.data.debrief
        px = c.px
        standings = {s.nation: s for s in d.result.ranking}
        rows = [(n, goal) for n in self.game.scenario.nations for goal in n.secret_objectives]
        if not rows:
            return y
        y = c.heading(x, y, width, "Secret objectives, revealed", id="sum")
        for nation, goal in rows:
            s = standings.get(nation.id)
            met = s is not None and goal.id in s.objectives_met
            i = d.index(nation.id)
            sw = px(10)
            c.swatch(pygame.Rect(x, y + px(5), sw, sw), _hex(d.nations[i].colour))
            c.text((x + px(18), y), nation.name, 13, "semibold", pal.INK, max_width=px(150))
            mark = "✓ met" if met else "✗ missed"
            ms = c.kit.text(mark, 12.5, "bold", GOOD if met else BAD)
            c.surface.blit(ms, ms.get_rect(topright=(x + width, y)))
            y = c.para(
                x + px(170),
                y,
                width - px(170) - ms.get_width() - px(16),
                goal.text.strip(),
                13,
                "regular",
                GOLD,
            ) + px(6)
        return y

    def _counts(self, c: Canvas, x: int, y: int, width: int) -> int:
        assert self.data is not None
        d = self.data.debrief
        px = c.px
        n = d.counts()
        y = c.heading(x, y, width, "What happened", id="sum")
        tiles = [
            (
                "Covert operations",
                n["incidents"],
                f"{n['successful']} succeeded, {n['detected']} detected",
                pal.INK,
            ),
            ("Misattributed", n["misattributed"], "an innocent nation was blamed", BAD),
            (
                "Cleared by a hotline",
                n["corrected_by_hotline"],
                "a wrong blame corrected",
                (120, 220, 255),
            ),
            (
                "Escalations to crisis",
                n["escalations"],
                "pairs that rose to crisis or conflict",
                (238, 134, 40),
            ),
            ("Treaties in force", n["treaties"], f"{n['treaties_broken']} broken or left", GOOD),
            (
                "Talks and hotlines",
                n["talks"] + n["hotlines"],
                f"{n['talks']} talks, {n['hotlines']} hotlines opened",
                pal.ACCENT,
            ),
            ("Events", n["events"], "scripted or injected", GOLD),
            (
                "Facilitator actions",
                n["facilitator_actions"],
                "see the Facilitator log",
                (214, 110, 190),
            ),
        ]
        cols = 4
        gap = px(12)
        tw = (width - gap * (cols - 1)) // cols
        th = px(76)
        for k, (label, value, sub, colour) in enumerate(tiles):
            rect = pygame.Rect(x + (k % cols) * (tw + gap), y + (k // cols) * (th + gap), tw, th)
            c.box(rect, (16, 30, 52), pal.PANEL_EDGE, radius=8)
            c.text(
                (rect.x + px(14), rect.y + px(8)),
                label.upper(),
                10,
                "bold",
                pal.INK_FAINT,
                max_width=tw - px(28),
            )
            c.text((rect.x + px(14), rect.y + px(22)), str(value), 24, "bold", colour)
            c.text(
                (rect.x + px(14), rect.bottom - px(20)),
                sub,
                11.5,
                "regular",
                pal.INK_DIM,
                max_width=tw - px(28),
            )
        rows = (len(tiles) + cols - 1) // cols
        return y + rows * (th + gap)

    # ------------------------------------------------------------------ timeline

    def _incidents(self) -> list[Incident]:
        assert self.data is not None
        out = list(self.data.debrief.incidents)
        f = self.filter
        if f == "misattributed":
            out = [r for r in out if r.attribution == "misattributed"]
        elif f == "cleared":
            out = [r for r in out if r.corrected_by_hotline]
        elif f == "undetected":
            out = [r for r in out if not r.detected]
        elif f == "success":
            out = [r for r in out if r.success]
        return out

    def _pages(self) -> int:
        if self.data is None:
            return 1
        rows = self._shown_decisions() if self.tab == "decisions" else self._incidents()
        return max(1, -(-len(rows) // self.rows_per_page()))

    def rows_per_page(self) -> int:
        """The rows of a timeline or decisions page: as many as the window's height
        holds (14 at 720 pixels and UI scale 1), at least 8."""
        px = self.kit.px
        return max(8, (self.app.size[1] - px(TABLE_CHROME_H)) // px(TABLE_ROW_H))

    def _filters(
        self,
        c: Canvas,
        x: int,
        y: int,
        prefix: str,
        filters: tuple[tuple[str, str], ...],
        current: str,
        pick: Callable[[str], None],
    ) -> int:
        """A row of filter buttons (``prefix:key``) from ``x``; returns where it ends."""
        px = c.px
        for key, label in filters:
            fw = c.kit.width(label, 12.5, "semibold") + px(26)
            c.button(
                f"{prefix}:{key}",
                pygame.Rect(x, y, fw, px(30)),
                label,
                partial(pick, key),
                selected=current == key,
                size=12.5,
            )
            x += fw + px(6)
        return x

    def _pager(self, c: Canvas, x: int, y: int, width: int, page: int, pages: int) -> None:
        """Previous / "Page k of n" / Next, at the right end of a row starting at ``x``."""
        px = c.px
        nx = pygame.Rect(x + width - px(90), y, px(90), px(30))
        c.button(
            "debrief:page:next",
            nx,
            "Next ›",
            partial(self.turn_page, 1),
            enabled=page < pages - 1,
            size=12.5,
            tip=Tip("Next page", "PgDn or →"),
        )
        label = f"Page {page + 1} of {pages}"
        c.text((nx.x - px(12), nx.centery), label, 12.5, "semibold", pal.INK_DIM, anchor="midright")
        label_w = c.kit.width(label, 12.5, "semibold")
        pv = pygame.Rect(nx.x - px(24) - label_w - px(90), y, px(90), px(30))
        c.button(
            "debrief:page:prev",
            pv,
            "‹ Previous",
            partial(self.turn_page, -1),
            enabled=page > 0,
            size=12.5,
            tip=Tip("Previous page", "PgUp or ←"),
        )

    def _timeline(self, c: Canvas, x: int, y: int, width: int) -> int:
        assert self.data is not None
        d = self.data.debrief
        px = c.px
        rows = self._incidents()
        pages = self._pages()
        self.page = min(self.page, pages - 1)
        self._filters(c, x, y, "debrief:filter", TIMELINE_FILTERS, self.filter, self.set_filter)
        self._pager(c, x, y, width, self.page, pages)
        y += px(44)
        total = len(d.incidents)
        c.text(
            (x, y),
            f"{len(rows)} of {total} operations · the truth: who really did it, "
            "and whom the victim blamed",
            12.5,
            "regular",
            pal.INK_DIM,
            max_width=width,
        )
        y += px(26)
        cols = [
            ("TURN", 0.0),
            ("OPERATION", 0.06),
            ("REALLY DONE BY", 0.2),
            ("AGAINST", 0.38),
            ("RESULT", 0.53),
            ("BLAMED", 0.65),
            ("ATTRIBUTION", 0.81),
        ]
        for label, at in cols:
            c.text((x + round(at * width), y), label, 10.5, "bold", pal.INK_FAINT)
        y += px(20)
        if not rows:
            return c.para(
                x,
                y + px(8),
                width,
                "No operation of this kind in this game.",
                13,
                "italic",
                pal.INK_DIM,
            )
        per = self.rows_per_page()
        shown = rows[self.page * per : (self.page + 1) * per]
        for k, r in enumerate(shown):
            row = pygame.Rect(x - px(8), y - px(2), width + px(16), px(30))
            if k % 2 == 0:
                c.box(row, (14, 26, 46), None, radius=4)
            cy = y + px(4)
            c.text((x, cy), f"{r.turn}", 13, "bold", pal.INK_DIM)
            c.text(
                (x + round(0.06 * width), cy),
                r.kind.capitalize() + (" (scripted)" if r.scripted else ""),
                13,
                "semibold",
                pal.INK,
                max_width=round(0.14 * width) - px(6),
            )
            self._who(c, x + round(0.2 * width), cy, round(0.18 * width) - px(8), r.attacker, d)
            self._who(c, x + round(0.38 * width), cy, round(0.15 * width) - px(8), r.target, d)
            result = ("succeeded" if r.success else "failed") + ("" if r.detected else " · unseen")
            c.text(
                (x + round(0.53 * width), cy),
                result,
                12.5,
                "regular",
                mix(BAD if r.success else GOOD, pal.INK, 0.4),
                max_width=round(0.12 * width) - px(6),
            )
            if r.detected and r.blamed is not None:
                self._who(c, x + round(0.65 * width), cy, round(0.16 * width) - px(8), r.blamed, d)
            else:
                blamed = "—"
                if r.detected:
                    blamed = "an unknown actor" if r.attribution == "correct" else "nobody"
                c.text(
                    (x + round(0.65 * width), cy),
                    blamed,
                    12.5,
                    "italic",
                    pal.INK_DIM,
                    max_width=round(0.16 * width) - px(8),
                )
            key = attribution_key(r)
            colour, label = ATTRIBUTION_LOOK[key]
            c.pill((x + round(0.81 * width), cy), label, colour, 11)
            c.spot(f"debrief:op:{r.id}", row, None, self._op_tip(r, d))
            y += px(32)
        return y + px(6)

    # ------------------------------------------------------------------ AI decisions

    def _ai_nations(self) -> list[str]:
        """The nations that gave AI decisions, in the scenario's order."""
        assert self.data is not None
        d = self.data.debrief
        deciding = {x.nation for x in d.decisions}
        return [nid for nid in d.ids if nid in deciding]

    def _shown_decisions(self) -> list[Decision]:
        assert self.data is not None
        groups = _DECISION_GROUPS[self.decision_filter]
        return [
            x
            for x in self.data.debrief.decisions
            if x.group in groups and self.decision_nation in (None, x.nation)
        ]

    def _decisions(self, c: Canvas, x: int, y: int, width: int) -> int:
        assert self.data is not None
        d = self.data.debrief
        px = c.px
        if not d.decisions:
            return c.para(
                x,
                y,
                width,
                "No AI nation played in this game: every move was a person's.",
                14,
                "italic",
                pal.INK_DIM,
            )
        rows = self._shown_decisions()
        pages = self._pages()
        self.decision_page = min(self.decision_page, pages - 1)
        fx = self._filters(
            c,
            x,
            y,
            "debrief:decisions",
            DECISION_FILTERS,
            self.decision_filter,
            self.set_decision_filter,
        )
        # Whose decisions: every AI nation, or one at a time.
        fx += px(10)
        who = "Every AI nation" if self.decision_nation is None else d.name(self.decision_nation)
        nw = max(px(170), c.kit.width(who, 12.5, "semibold") + px(40))
        for step, label, rect in (
            (-1, "‹", pygame.Rect(fx, y, px(30), px(30))),
            (1, "›", pygame.Rect(fx + px(34) + nw, y, px(30), px(30))),
        ):
            c.button(
                f"debrief:decisions:nation:{'next' if step > 0 else 'prev'}",
                rect,
                label,
                partial(self.cycle_decision_nation, step),
                size=13,
                tip=Tip("Whose decisions", "One AI nation at a time, or every AI nation"),
            )
        box = pygame.Rect(fx + px(32), y, nw, px(30))
        c.text(box.center, who, 12.5, "semibold", pal.INK, anchor="center", max_width=nw)
        self._pager(c, x, y, width, self.decision_page, pages)
        y += px(44)
        c.text(
            (x, y),
            f"{len(rows)} of {len(d.decisions)} AI decisions · each with the reason the AI "
            "gave · secret: seen by no other nation · private: only by the one it concerned",
            12.5,
            "regular",
            pal.INK_DIM,
            max_width=width,
        )
        y += px(26)
        cols = [("TURN", 0.0), ("NATION", 0.06), ("DID", 0.22), ("WHY", 0.56)]
        for label, at in cols:
            c.text((x + round(at * width), y), label, 10.5, "bold", pal.INK_FAINT)
        y += px(20)
        if not rows:
            return c.para(
                x, y + px(8), width, "No decision of this kind.", 13, "italic", pal.INK_DIM
            )
        per = self.rows_per_page()
        start = self.decision_page * per
        for k, r in enumerate(rows[start : start + per]):
            row = pygame.Rect(x - px(8), y - px(2), width + px(16), px(30))
            if k % 2 == 0:
                c.box(row, (14, 26, 46), None, radius=4)
            cy = y + px(4)
            c.text((x, cy), f"{r.turn}", 13, "bold", pal.INK_DIM)
            self._who(c, x + round(0.06 * width), cy, round(0.16 * width) - px(8), r.nation, d)
            did_w = round(0.34 * width) - px(8)
            tag = r.tag
            if tag is not None:
                end = (x + round(0.56 * width) - px(12), cy)
                colour = GOLD if r.seen_by == wording.NOBODY_SEES else (120, 220, 255)
                did_w -= c.pill(end, tag, colour, 10.5, anchor="topright").width + px(8)
            c.text(
                (x + round(0.22 * width), cy),
                r.action,
                12.5,
                "semibold",
                pal.INK,
                max_width=did_w,
            )
            c.text(
                (x + round(0.56 * width), cy),
                r.reason[:1].upper() + r.reason[1:],
                12.5,
                "italic",
                pal.INK_DIM,
                max_width=round(0.44 * width),
            )
            why = f"{r.action}. Why: {r.reason}."
            if r.seen_by == wording.NOBODY_SEES:
                why += " No other nation saw this."
            elif r.seen_by == wording.ONE_SEES:
                why += " Only the nation it concerned saw this."
            only = self.decision_nation is None
            c.spot(
                f"debrief:decision:{start + k}",
                row,
                partial(self.show_decisions_of, r.nation if only else None),
                Tip(
                    f"Turn {r.turn}: {d.name(r.nation)}",
                    why,
                    footer=f"Click to show only {possessive(d.name(r.nation))} decisions"
                    if only
                    else "Click to show every AI nation's decisions",
                ),
            )
            y += px(32)
        return y + px(6)

    def _who(self, c: Canvas, x: int, y: int, width: int, nation: str | None, d: Debrief) -> None:
        if nation is None:
            c.text((x, y), "an unknown actor", 12.5, "italic", pal.INK_DIM, max_width=width)
            return
        i = d.index(nation)
        sw = c.px(10)
        c.swatch(pygame.Rect(x, y + c.px(4), sw, sw), _hex(d.nations[i].colour))
        c.text(
            (x + sw + c.px(6), y),
            d.nations[i].name,
            12.5,
            "semibold",
            pal.INK,
            max_width=width - sw - c.px(6),
        )

    def _op_tip(self, r: Incident, d: Debrief) -> Tip:
        rows: list[tuple[str, str, Any]] = [
            ("Really done by", d.name(r.attacker), None),
            ("Against", d.name(r.target), None),
            ("Succeeded", "yes" if r.success else "no", None),
            ("Detected", "yes" if r.detected else "no", None),
        ]
        if r.detected:
            rows.append(("Blamed", d.name(r.blamed) if r.blamed else "nobody", None))
        if r.damage:
            rows.append(("Damage", ", ".join(f"{k} {v:+.1f}" for k, v in r.damage.items()), None))
        if r.norms_broken:
            rows.append(("Norms broken", ", ".join(d.norms.get(n, n) for n in r.norms_broken), BAD))
        text = {
            "correct": "The victim blamed the right nation.",
            "misattributed": "The victim blamed an innocent nation: a misattribution.",
            "cleared": "First blamed on the wrong nation; a hotline call cleared it.",
            "unattributed": "Detected, but nobody could be blamed.",
            "undetected": "Nobody noticed this operation.",
        }[attribution_key(r)]
        if r.hotline and attribution_key(r) == "misattributed":
            text += " There was a hotline between them."
        return Tip(f"Turn {r.turn}: {r.kind}", text, tuple(rows))

    # ------------------------------------------------------------------ charts

    def _chart_area(self) -> tuple[int, int]:
        """Pixels a chart may fill: about two thirds of the width, the body's height."""
        px = self.kit.px
        width = min(self.app.size[0] - 2 * px(32) - px(8), px(1500))
        h = max(px(200), self.app.size[1] - px(HEADER_H) - px(22) - px(44) - px(70))
        if self.chart == "trust":
            h -= px(64)  # room for the turn slider under the heatmap
        if self.export_message is not None:
            h -= px(40)  # the strip saying where the report went
        return (max(px(320), round(width * 0.64)), h)

    def _chart_key(self) -> Hashable:
        area = self._chart_area()
        if self.chart == "trust":
            return ("trust", area, self.trust_turn)
        return (self.chart, area)

    def _want_chart(self) -> None:
        assert self.data is not None
        d = self.data.debrief
        area = self._chart_area()
        if self.chart == "trust":
            self.jobs.want(
                ("trust", area, self.trust_turn),
                partial(self._heat_frame, d, area, self.trust_turn),
                _surface_png,
            )
            # Then every other turn, so that the slider glides.
            for turn in range(d.turns_played + 1):
                self.jobs.want(
                    ("trust", area, turn),
                    partial(self._heat_frame, d, area, turn),
                    _surface_png,
                    first=False,
                )
            return
        from game.report import charts

        makers = {
            "stability": charts.stability_chart,
            "scores": charts.scores_chart,
            "offense": charts.offense_chart,
            "operations": charts.incidents_chart,
        }
        maker = makers[self.chart]
        self.jobs.want((self.chart, area), lambda: _figure_rgba(maker(d), area), _surface_rgba)

    def _heat_frame(self, d: Debrief, area: tuple[int, int], turn: int) -> bytes:
        """One turn of the trust heatmap as PNG bytes (the heatmap is laid out once)."""
        from game.report.charts import TrustHeatmap

        heat = self._heatmaps.get(area)
        if heat is None:
            probe = TrustHeatmap(d, dpi=72)
            w_in, h_in = probe.fig.get_size_inches()
            dpi = max(40.0, min(200.0, area[0] / w_in, area[1] / h_in))
            heat = TrustHeatmap(d, dpi=dpi)
            self._heatmaps[area] = heat
        return heat.frames([turn], colours=None)[0]

    def _nearest_frame(self, area: tuple[int, int]) -> pygame.Surface | None:
        best = None
        for key, value in self.jobs.results.items():
            if isinstance(key, tuple) and key[0] == "trust" and key[1] == area:
                gap = abs(key[2] - self.trust_turn)
                if best is None or gap < best[0]:
                    best = (gap, value)
        return best[1] if best else None

    def _charts(self, c: Canvas, x: int, y: int, width: int) -> int:
        assert self.data is not None
        d = self.data.debrief
        px = c.px
        cx = x
        for key, label in CHARTS:
            bw = c.kit.width(label, 13, "semibold") + px(30)
            c.button(
                f"debrief:chart:{key}",
                pygame.Rect(cx, y, bw, px(32)),
                label,
                partial(self.show_chart, key),
                selected=self.chart == key,
                size=13,
            )
            cx += bw + px(6)
        y += px(46)
        area = self._chart_area()
        chart_key = self._chart_key()
        image = self.jobs.results.get(chart_key)
        if image is None and self.chart == "trust":
            image = self._nearest_frame(area)
        chart_rect = pygame.Rect(x, y, area[0], area[1])
        if image is not None:
            c.surface.blit(image, (x, y))
            chart_rect.size = image.get_size()
        if self.jobs.busy(chart_key):
            if image is None:
                c.box(chart_rect, (14, 26, 46), pal.PANEL_EDGE, radius=8)
                spinner(c.surface, chart_rect.center, px(16), self.time)
                c.text(
                    (chart_rect.centerx, chart_rect.centery + px(28)),
                    "Drawing the chart…",
                    13,
                    "semibold",
                    pal.INK_DIM,
                    anchor="midtop",
                )
            else:
                spinner(
                    c.surface, (chart_rect.right - px(20), chart_rect.y + px(20)), px(9), self.time
                )
        if chart_key in self.jobs.errors:
            c.para(
                x,
                y + px(8),
                area[0],
                f"This chart could not be drawn: {self.jobs.errors[chart_key]}",
                13,
                "semibold",
                BAD,
            )
        bottom = chart_rect.bottom
        self.slider = None
        if self.chart == "trust":
            bottom = self._slider(c, x, bottom + px(12), chart_rect.width, d)
        side_x = x + (chart_rect.width if image is not None else area[0]) + px(24)
        side_w = x + width - side_x
        if side_w > px(180):
            side = {
                "stability": self._side_stability,
                "trust": self._side_trust,
                "scores": self._side_scores,
                "offense": self._side_offense,
                "operations": self._side_operations,
            }[self.chart]
            bottom = max(bottom, side(c, side_x, y, side_w, d))
        return bottom

    def _slider(self, c: Canvas, x: int, y: int, width: int, d: Debrief) -> int:
        px = c.px
        last = d.turns_played
        label = "Start" if self.trust_turn == 0 else f"After turn {self.trust_turn}"
        c.text((x, y), label, 13, "bold", pal.INK)
        c.text((x + width, y), "drag, or ← →", 11.5, "italic", pal.INK_FAINT, anchor="topright")
        track = pygame.Rect(x + px(8), y + px(30), width - px(16), px(6))
        self.slider = track
        c.spot(
            "debrief:slider",
            track.inflate(0, px(20)),
            None,
            Tip("Trust over time", "Drag along the track, or press ← and →."),
        )
        pygame.draw.rect(c.surface, (30, 48, 78), track, border_radius=track.height // 2)
        frac = self.trust_turn / max(1, last)
        done = pygame.Rect(track.x, track.y, round(frac * track.width), track.height)
        pygame.draw.rect(c.surface, GOLD, done, border_radius=track.height // 2)
        for t in range(last + 1):
            tx = track.x + round(t / max(1, last) * track.width)
            pygame.draw.line(
                c.surface, pal.INK_FAINT, (tx, track.bottom + px(3)), (tx, track.bottom + px(6))
            )
        knob = (track.x + round(frac * track.width), track.centery)
        pygame.draw.circle(c.surface, GOLD, knob, px(9))
        pygame.draw.circle(c.surface, pal.INK, knob, px(9), max(1, px(2)))
        return track.bottom + px(18)

    def _side_stability(self, c: Canvas, x: int, y: int, width: int, d: Debrief) -> int:
        px = c.px
        from game.report.charts import TERM_NAMES

        y = c.heading(x, y, width, "Stability", entry="stability", id="dchart")
        start, end = float(d.stability[0]), float(d.stability[-1])
        low = int(np.argmin(d.stability))
        y = c.para(
            x,
            y,
            width,
            f"From {start:.0f} at the start to {end:.0f} at the end; lowest "
            f"{float(d.stability[low]):.0f} (turn {low}). Below {d.collapse_threshold:g} "
            "for too long, the world order collapses.",
            12.5,
            "regular",
            pal.INK_DIM,
        )
        y = c.heading(x, y + px(8), width, "Its terms at the end", right="points", id="dchart")
        terms = sorted(d.stability_weights, key=lambda t: -float(d.stability_points(t)[-1]))
        for term in terms:
            points = d.stability_points(term)
            delta = float(points[-1] - points[0])
            c.text(
                (x, y),
                TERM_NAMES.get(term, d.term_label(term)),
                12.5,
                "regular",
                pal.INK,
                max_width=width - px(110),
            )
            c.text(
                (x + width - px(50), y),
                w_signed(delta),
                11.5,
                "regular",
                GOOD if delta >= 0 else BAD,
                anchor="topright",
            )
            c.text(
                (x + width, y), f"{float(points[-1]):.1f}", 12.5, "bold", pal.INK, anchor="topright"
            )
            y += px(22)
        return y

    def _side_trust(self, c: Canvas, x: int, y: int, width: int, d: Debrief) -> int:
        px = c.px
        t = self.trust_turn
        y = c.heading(x, y, width, "Trust", entry="trust", id="dchart")
        y = c.para(
            x,
            y,
            width,
            "Row: who trusts; column: whom. 50 is neutral; red is distrust, blue trust.",
            12,
            "regular",
            pal.INK_DIM,
        ) + px(6)
        if t == 0:
            return c.para(
                x,
                y,
                width,
                "Move the slider to see how trust changed turn by turn.",
                12.5,
                "italic",
                pal.INK_DIM,
            )
        y = c.heading(x, y, width, f"Biggest changes in turn {t}", id="dchart")
        delta = d.trust[t] - d.trust[t - 1]
        np.fill_diagonal(delta, 0.0)
        order = np.dstack(np.unravel_index(np.argsort(-np.abs(delta), axis=None), delta.shape))[0]
        shown = 0
        for i, j in order:
            value = float(delta[i, j])
            if abs(value) < 0.5 or shown >= 6:
                break
            frm, to = d.ids[int(i)], d.ids[int(j)]
            reasons = d.trust_reasons(t, frm, to)
            why = reasons[0][0] if value < 0 and reasons else (reasons[-1][0] if reasons else "")
            c.text(
                (x, y),
                f"{d.name(frm)} → {d.name(to)}",
                12.5,
                "semibold",
                pal.INK,
                max_width=width - px(60),
            )
            c.text(
                (x + width, y),
                w_signed(value),
                12.5,
                "bold",
                GOOD if value > 0 else BAD,
                anchor="topright",
            )
            y += px(18)
            if why:
                y = c.para(
                    x + px(10), y, width - px(10), why, 11.5, "italic", pal.INK_DIM, max_lines=2
                )
            y += px(6)
            shown += 1
        if not shown:
            y = c.para(x, y, width, "Hardly any change this turn.", 12.5, "italic", pal.INK_DIM)
        return y

    def _side_scores(self, c: Canvas, x: int, y: int, width: int, d: Debrief) -> int:
        px = c.px
        y = c.heading(x, y, width, "Final scores", entry="scores", id="dchart")
        y = c.para(
            x,
            y,
            width,
            "Each score combines security, prosperity, influence (the "
            "trust others place in you) and objectives.",
            12,
            "regular",
            pal.INK_DIM,
        ) + px(6)
        for s in d.result.ranking:
            i = d.index(s.nation)
            sw = px(10)
            c.swatch(pygame.Rect(x, y + px(4), sw, sw), _hex(d.nations[i].colour))
            c.text(
                (x + px(16), y),
                f"{s.place}. {d.nations[i].name}",
                12.5,
                "semibold",
                pal.INK,
                max_width=width - px(70),
            )
            c.text((x + width, y), f"{s.score:.1f}", 12.5, "bold", pal.INK, anchor="topright")
            y += px(18)
            parts = f"sec {s.security:.0f} · pros {s.prosperity:.0f} · infl {s.influence:.0f}"
            if s.objectives is not None:
                parts += f" · obj {s.objectives:.0f}"
            c.text((x + px(16), y), parts, 11.5, "regular", pal.INK_DIM, max_width=width - px(16))
            y += px(22)
        return y

    def _side_offense(self, c: Canvas, x: int, y: int, width: int, d: Debrief) -> int:
        px = c.px
        y = c.heading(x, y, width, "Offense stockpiles", entry="arms-control", id="dchart")
        y = c.para(
            x,
            y,
            width,
            "Cyber weapons each nation built (0–100). Arms control slows "
            "the race; caps hold only while in force.",
            12,
            "regular",
            pal.INK_DIM,
        ) + px(6)
        off = d.offense
        for i in np.argsort(-off[-1]):
            info = d.nations[int(i)]
            sw = px(10)
            c.swatch(pygame.Rect(x, y + px(4), sw, sw), _hex(info.colour))
            c.text((x + px(16), y), info.name, 12.5, "semibold", pal.INK, max_width=width - px(90))
            c.text(
                (x + width, y),
                f"{float(off[0, i]):.0f} → {float(off[-1, i]):.0f}",
                12.5,
                "bold",
                pal.INK,
                anchor="topright",
            )
            y += px(22)
        if d.agreements:
            y = c.heading(x, y + px(6), width, "Arms control at the end", id="dchart")
            for k, (aid, name) in enumerate(d.agreements.items()):
                live = bool(d.arms_in_force[-1, k]) if d.arms_in_force.shape[1] > k else False
                c.text(
                    (x, y),
                    f"{name} (cap {d.agreement_caps[aid]:g})",
                    12,
                    "regular",
                    pal.INK,
                    max_width=width - px(80),
                )
                c.text(
                    (x + width, y),
                    "in force" if live else "not in force",
                    12,
                    "semibold",
                    GOOD if live else pal.INK_FAINT,
                    anchor="topright",
                )
                y += px(20)
        return y

    def _side_operations(self, c: Canvas, x: int, y: int, width: int, d: Debrief) -> int:
        px = c.px
        y = c.heading(x, y, width, "Operations", entry="attribution", id="dchart")
        counts: dict[str, int] = {}
        for r in d.incidents:
            key = attribution_key(r)
            counts[key] = counts.get(key, 0) + 1
        for key in ("correct", "misattributed", "cleared", "unattributed", "undetected"):
            colour, label = ATTRIBUTION_LOOK[key]
            c.pill((x, y), label, colour, 11)
            c.text((x + width, y), str(counts.get(key, 0)), 13, "bold", pal.INK, anchor="topright")
            y += px(26)
        return c.para(
            x,
            y + px(6),
            width,
            "Attribution is hard: a detected operation can be "
            "pinned on the wrong nation, and a hotline call can set it right.",
            12,
            "regular",
            pal.INK_DIM,
            links=True,
            id="dops",
        )

    # ------------------------------------------------------------------ moments, questions

    def _moments(self, c: Canvas, x: int, y: int, width: int) -> int:
        assert self.data is not None
        px = c.px
        moments = self.data.moments
        y = c.heading(x, y, width, "Key moments", right=f"{len(moments)} · in turn order", id="mom")
        if not moments:
            return c.para(
                x, y, width, "A quiet game: nothing stood out.", 13, "italic", pal.INK_DIM
            )
        for k, m in enumerate(moments):
            card = pygame.Rect(x, y, width, 0)
            inner_x = x + px(18)
            inner_w = width - px(36)
            ty = y + px(14)
            kind = m.kind.replace("_", " ")
            c.pill((inner_x, ty), kind[:1].upper() + kind[1:], pal.ACCENT, 11)
            ty += px(28)
            ty = c.para(inner_x, ty, inner_w, m.title, 15.5, "bold", pal.INK) + px(4)
            ty = c.para(
                inner_x,
                ty,
                inner_w,
                m.explanation,
                13.5,
                "regular",
                pal.INK_DIM,
                links=True,
                id=f"mom{k}",
            ) + px(6)
            ty = self._glossary(c, inner_x, ty, inner_w, m.glossary, f"mom{k}")
            card.height = ty - y + px(8)
            pygame.draw.rect(c.surface, pal.PANEL_EDGE, card, 1, border_radius=px(8))
            pygame.draw.line(
                c.surface,
                GOLD,
                (card.x, card.y + px(8)),
                (card.x, card.bottom - px(8)),
                max(2, px(3)),
            )
            y = card.bottom + px(12)
        return y

    def _glossary(
        self, c: Canvas, x: int, y: int, width: int, entries: tuple[str, ...], id: str
    ) -> int:
        px = c.px
        if not entries:
            return y
        from game.content.cyberpedia import entry

        bx = x
        c.text((bx, y + px(6)), "Read more:", 11.5, "italic", pal.INK_FAINT)
        bx += px(78)
        for entry_id in entries:
            try:
                title = entry(entry_id).title
            except KeyError:
                continue
            bw = c.kit.width(title, 11.5, "semibold") + px(20)
            if bx + bw > x + width:
                break
            c.button(
                f"debrief:{id}:see:{entry_id}",
                pygame.Rect(bx, y, bw, px(26)),
                title,
                partial(self.open_entry, entry_id),
                size=11.5,
                tip=Tip(title, "Open it in the Cyberpedia."),
            )
            bx += bw + px(6)
        return y + px(30)

    def _questions(self, c: Canvas, x: int, y: int, width: int) -> int:
        assert self.data is not None
        px = c.px
        questions = self.data.questions
        y = c.heading(x, y, width, "Discussion questions", right="for the last 15 minutes", id="q")
        y = c.para(
            x,
            y,
            width,
            "Ask one question to the teams it is about, then open it to "
            "everyone. Have the Timeline or the Charts ready to show what really "
            "happened.",
            13,
            "italic",
            pal.INK_DIM,
        ) + px(12)
        if not questions:
            return c.para(x, y, width, "No questions for this game.", 13, "italic", pal.INK_DIM)
        for k, q in enumerate(questions, start=1):
            c.text((x, y), f"{k}.", 20, "bold", GOLD)
            qx = x + px(40)
            if q.turn is None:
                c.pill((qx, y + px(2)), "About the whole game", pal.ACCENT, 11)
                y += px(26)
            y = c.para(
                qx,
                y + px(2),
                width - px(40),
                q.text,
                15.5,
                "regular",
                pal.INK,
                links=True,
                id=f"q{k}",
            ) + px(4)
            y = self._glossary(c, qx, y, width - px(40), q.glossary, f"q{k}") + px(10)
        return y

    def _log(self, c: Canvas, x: int, y: int, width: int) -> int:
        assert self.data is not None
        d = self.data.debrief
        px = c.px
        entries = d.facilitator_log
        y = c.heading(
            x,
            y,
            width,
            "Facilitator log",
            right=f"{len(entries)} action{'s' if len(entries) != 1 else ''}",
            id="log",
        )
        if not entries:
            return c.para(
                x,
                y,
                width,
                "The facilitator did not intervene in this game.",
                13,
                "italic",
                pal.INK_DIM,
            )
        c.text((x, y), "TURN", 10.5, "bold", pal.INK_FAINT)
        c.text((x + px(70), y), "WHAT THE FACILITATOR DID", 10.5, "bold", pal.INK_FAINT)
        c.text((x + round(width * 0.62), y), "REASON / NOTE", 10.5, "bold", pal.INK_FAINT)
        y += px(22)
        for k, e in enumerate(entries):
            if k % 2 == 0:
                c.box(
                    pygame.Rect(x - px(8), y - px(3), width + px(16), px(28)),
                    (14, 26, 46),
                    None,
                    radius=4,
                )
            c.text((x, y), f"{e.turn}", 13, "bold", (214, 110, 190))
            action = e.action[:1].upper() + e.action[1:]
            y1 = c.para(x + px(70), y, round(width * 0.62) - px(80), action, 13, "regular", pal.INK)
            y2 = c.para(
                x + round(width * 0.62),
                y,
                width - round(width * 0.62),
                e.note or "—",
                13,
                "italic",
                pal.INK_DIM if e.note else pal.INK_FAINT,
            )
            y = max(y1, y2, y + px(22)) + px(6)
        return y


# --------------------------------------------------------------------------- helpers


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    try:
        return (int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16))
    except (ValueError, IndexError):
        return (150, 150, 160)


def _outcome(outcome: str) -> str:
    return {
        "completed": "played to the end",
        "collapse": "the world order collapsed",
        "ended by facilitator": "ended by the facilitator",
        "in progress": "still in progress",
    }.get(outcome, outcome)


def w_signed(value: float) -> str:
    return f"{value:+.1f}".replace("-", "−")
