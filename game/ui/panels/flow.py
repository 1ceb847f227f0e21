"""The order of screens in a turn, and the AI's work in the background.

A turn, with humans H1..Hk (hot-seat when k > 1):

1. *Start of turn*: autosave (rotating). Humans who have not yet submitted orders queue up.
2. For each human: a **hand-off** screen (hot-seat only: "Pass the device to the team of
   …", nothing of the previous nation visible), on turn 1 its private **briefing** (in
   hot-seat and classroom games), then that nation's **report** of the last turn, then
   its planning, then an **event choice** dialog if one is pending. The nation ends its
   turn (Enter); its orders go to the engine (``Game.submit``).
3. When every human has submitted: the AI nations' orders and the resolution run in a
   :class:`~game.ui.ai_worker.BackgroundTask`; the screen keeps the last view and shows
   a thinking indicator (it never freezes). The task also takes the next autosave.
4. Back to 1 — or, when the game is over, each human's last report (with hand-offs) and
   the **end screen**. From then on no orders can be given (:meth:`TurnFlow.on_game_over`
   drops whatever was being planned, and the messages about it).

With no human seat (or ``autoplay``) every nation is the AI: End turn (or the autoplay
timer) plays the next turn while the screen watches from the first nation's view.

Steps are small callables run one at a time by :meth:`TurnFlow.run_steps`, only while the
game screen itself is on top — so a step that opens a screen waits for it to close. The
UI never touches the game while the task runs.

The facilitator (:mod:`game.ui.facilitator`) can hold the flow: while the game is
*paused* nothing advances (no step, no resolution shown, no autoplay), and while the
console is open (unpinned) the next screens wait for it to close (:meth:`flow_held`).
A rollback restarts the turn (:meth:`restart_turn`), a seat handed to the AI or back
changes who still plans this turn (:meth:`seat_changed`), and an ended game goes to the
end (:meth:`finish_now`).
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from game.engine.orders import IllegalOrder
from game.ui.ai_worker import BackgroundTask

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.engine.records import NationReport, TurnReport
    from game.ui.app import App

log = logging.getLogger(__name__)

AUTOPLAY_PAUSE = 0.6  # seconds between autoplayed turns at animation speed 1


class Resolved:
    """What the background turn hands back to the UI thread."""

    def __init__(self, report: TurnReport, autosave_error: str | None, seconds: float) -> None:
        self.report = report
        self.autosave_error = autosave_error
        self.seconds = seconds


def play_turn(game: Game, all_ai: bool) -> Resolved:
    """AI orders for the AI seats (every seat when ``all_ai``), resolve, autosave.

    Runs in the worker thread; the UI does not touch ``game`` meanwhile.
    """
    from game.ai.driver import ai_orders

    start = time.perf_counter()
    nations = list(game.ids) if all_ai else None
    for nid, orders in ai_orders(game, nations).items():
        game.submit(nid, orders)
    report = game.advance()
    error = None
    if not game.over:
        error = autosave(game)
    return Resolved(report, error, time.perf_counter() - start)


def autosave(game: Game) -> str | None:
    """Take the rotating autosave; the problem as one line, or None."""
    from game.engine.saves import SaveError
    from game.ui.savefiles import autosave_now

    try:
        autosave_now(game)
    except (SaveError, OSError) as exc:
        return f"Autosave failed: {exc}"
    return None


class TurnFlow:
    """The turn flow, mixed into the game screen. See the module docstring."""

    app: App
    game: Game
    autoplay: bool
    autoplay_left: int
    task: BackgroundTask[Resolved] | None
    viewer: int
    facilitator: bool

    def _init_flow(self) -> None:
        self.steps: deque[Callable[[], None]] = deque()
        self.queue: list[str] = []  # humans still to plan this turn
        self.reports: dict[int, NationReport] = {}  # last turn's reports, by nation
        self.last_report: TurnReport | None = None
        self.phase = "starting"
        self.turns_played = 0
        self.error: str | None = None
        self.resolve_seconds: list[float] = []
        self._autoplay_wait = 0.0
        self._end_shown = False
        self.paused = False  # the facilitator paused the game: nothing advances
        self.briefed: set[int] = set()  # nations shown their briefing at the start

    # ------------------------------------------------------------------ hooks (the scene)

    def activate(self, nation: int) -> None: ...
    def refresh(self) -> None: ...
    def toast(self, text: str, error: bool = False) -> None: ...
    def push_handoff(self, nation: int) -> None: ...
    def push_report(self, nation: int, report: NationReport) -> None: ...
    def push_choices(self) -> None: ...
    def push_end_screen(self) -> None: ...
    def on_planning(self) -> None: ...
    def on_game_over(self) -> None: ...
    def push_briefing(self, nation: int) -> None: ...
    def before_handoff(self) -> None: ...
    def before_resolve(self) -> None: ...

    def briefings_at_start(self) -> bool:
        """Each team is shown its briefing card when the game starts: in hot-seat and in
        classroom (facilitator) games. A lone player reads it in the Nation tab (open on
        turn 1) and can open the card with B."""
        return self.hotseat or self.facilitator

    def flow_held(self) -> bool:
        """True while the next screens must wait (the facilitator is at work)."""
        return self.paused

    # ------------------------------------------------------------------ state

    @property
    def thinking(self) -> bool:
        return self.task is not None

    @property
    def humans(self) -> list[str]:
        return [] if self.autoplay else self.game.humans()

    @property
    def hotseat(self) -> bool:
        return len(self.humans) > 1

    @property
    def spectating(self) -> bool:
        return not self.humans

    # ------------------------------------------------------------------ the turn

    def begin_turn(self, first: bool = False) -> None:
        """Start of a turn: autosave (the first one; later ones come with the resolution),
        then queue the humans' hand-offs, reports, planning and choices."""
        game = self.game
        if game.over:
            self._finish_game()
            return
        if first and not self.autoplay:
            problem = autosave(game)
            if problem:
                self.toast(problem, error=True)
        self.queue = [nid for nid in self.humans if nid not in game.submitted]
        if not self.queue and self.humans:
            # Everyone had already submitted (a save taken at the very end of a turn).
            self.resolve()
            return
        if not self.queue:
            self.phase = "watching"
            return
        self._queue_next_human()

    def _queue_next_human(self) -> None:
        nid = self.queue.pop(0)
        i = self.game.state.world.index[nid]
        self.phase = "handoff"
        if self.hotseat:
            self.steps.append(lambda: self._handoff(i))
        else:
            self.steps.append(lambda: self.activate(i))
        if self.game.turn == 1 and i not in self.briefed and self.briefings_at_start():
            self.briefed.add(i)
            self.steps.append(lambda: self.push_briefing(i))
        report = self.reports.get(i)
        if report is not None:
            self.steps.append(lambda: self.push_report(i, report))
        self.steps.append(self._plan)
        self.steps.append(self.push_choices)

    def _handoff(self, nation: int) -> None:
        # Switch first: the opaque hand-off screen covers the new nation's view.
        self.before_handoff()
        self.activate(nation)
        self.push_handoff(nation)

    def _plan(self) -> None:
        self.phase = "planning"
        self.on_planning()

    def commit(self, orders: list[Any]) -> bool:
        """Submit the active human's orders; then the next human, or the resolution."""
        nid = self.game.ids[self.viewer]
        try:
            self.game.submit(nid, orders)
        except IllegalOrder as exc:
            self.toast(f"Orders refused: {exc}", error=True)
            return False
        if self.queue:
            self._queue_next_human()
        else:
            self.resolve()
        return True

    def resolve(self) -> bool:
        """Start the AI orders and the resolution in the background."""
        if self.task is not None or self.game.over:
            return False
        self.before_resolve()  # (the last moment the UI may read the game this turn)
        self.phase = "resolving"
        self.error = None
        all_ai = self.autoplay
        game = self.game
        self.task = BackgroundTask(lambda: play_turn(game, all_ai), name="cyberdip-turn").start()
        return True

    def _finish_resolve(self) -> None:
        assert self.task is not None
        task, self.task = self.task, None
        try:
            done = task.result()
        except Exception as exc:  # the engine failed: say so, keep the game as it was
            log.exception("the turn could not be resolved")
            self.error = f"{type(exc).__name__}: {exc}"
            self.toast(f"The turn could not be resolved: {self.error}", error=True)
            self.phase = "error"  # End turn tries again with the same orders
            self.autoplay_left = 0
            return
        self.resolve_seconds.append(done.seconds)
        if done.autosave_error:
            self.toast(done.autosave_error, error=True)
        report = done.report
        self.last_report = report
        self.reports = {i: report.for_nation(i) for i in range(len(report.nations))}
        self.turns_played += 1
        self.refresh()
        self.begin_turn()

    def _finish_game(self) -> None:
        self.phase = "over"
        self.on_game_over()
        if self.autoplay:
            return
        for nid in self.humans:
            i = self.game.state.world.index[nid]
            if self.hotseat:
                self.steps.append(partial(self._handoff, i))
            elif i != self.viewer:
                self.steps.append(partial(self.activate, i))
            report = self.reports.get(i)
            if report is not None:
                self.steps.append(partial(self.push_report, i, report))
        self.steps.append(self._show_end)

    def _show_end(self) -> None:
        self._end_shown = True
        self.push_end_screen()

    # ------------------------------------------------------------------ every frame

    def run_steps(self) -> None:
        """Run queued steps while the game screen is on top (a step may cover it)."""
        while self.steps and self.app.scenes.top is self and not self.flow_held():
            self.steps.popleft()()

    def update_flow(self, dt: float) -> None:
        if self.paused:
            return
        if self.task is not None and self.task.done:
            self._finish_resolve()
        self.run_steps()
        if self.autoplay and self.task is None and not self.steps:
            if self.autoplay_left <= 0 or self.game.over or self.error:
                self.app.quit(1 if self.error else 0)
                return
            self._autoplay_wait += dt
            speed = self.app.settings.animation_speed
            if speed <= 0 or self._autoplay_wait >= AUTOPLAY_PAUSE / speed:
                self._autoplay_wait = 0.0
                if self.resolve():
                    self.autoplay_left -= 1

    # ------------------------------------------------------------------ the facilitator

    def restart_turn(self) -> None:
        """After a rollback: forget the turn in progress and start the game's current turn
        again (hand-offs, the last report, planning), as if it had just begun."""
        self.steps.clear()
        self.queue = []
        self.error = None
        self._end_shown = False
        self.last_report = self.game.history[-1].report if self.game.history else None
        report = self.last_report
        self.reports = (
            {i: report.for_nation(i) for i in range(len(report.nations))} if report else {}
        )
        if self.game.turn == 1:
            self.briefed.clear()
        self.phase = "starting"
        self.refresh()
        self.begin_turn()

    def seat_changed(self, nid: str) -> None:
        """Nation ``nid`` changed hands this turn: a nation given to the AI no longer plans
        (if it was planning, the next team goes on); one given back to a team plans."""
        if self.autoplay or self.task is not None or self.game.over:
            return
        i = self.game.state.world.index[nid]
        human = self.game.seats[nid].controller == "human"
        if not human:
            if nid in self.queue:
                self.queue.remove(nid)
            if self.phase in ("planning", "handoff") and self.viewer == i:
                self.steps.clear()
                if self.queue:
                    self._queue_next_human()
                elif self.humans:
                    self.resolve()
                else:
                    self.phase = "watching"
            return
        if nid in self.game.submitted or nid in self.queue:
            return
        if self.phase == "watching":
            self.begin_turn()
        elif self.phase in ("planning", "handoff") and self.viewer != i:
            self.queue.append(nid)

    def finish_now(self) -> None:
        """The game was ended (by the facilitator): drop the turn in progress, go to the end."""
        self.steps.clear()
        self.queue = []
        if not self._end_shown:
            self._finish_game()
