"""The facilitator's desk: what the console shows and does, and the turn timer.

Opening: Ctrl+Shift+F on the game screen (or ``cyberdip play --facilitator``). If a PIN
was chosen at game start (``Game.check_facilitator_pin``) it is asked every time the
console opens; after three wrong PINs the console stays locked for half a minute.

Privacy: while the console is open (and not pinned) the game's next screens — the next
team's hand-off, its report — wait until it is closed, so a team never sees it. The
facilitator view (the truth, without fog) is on only while the console is open: closing
the console or a hand-off turns it off. A *pinned* console stays open across hand-offs
(for a facilitator whose screen the teams cannot see); the facilitator view still goes
off at every hand-off.

Every change to the game goes through the engine: ``Game.intervene`` (stats, trust,
injected events, the last turn, ending the game), ``Game.rollback`` and ``Game.set_seat``
(``by_facilitator=True``). Each is recorded in ``game.facilitator_log`` (and the
interventions in the turn's history), is saved, and shows in the debrief. Pausing, the
facilitator view and the timer change nothing in the game and are not logged.

The timer (off, 3, 5 or 8 minutes; kept in ``game.meta["turn_timer"]``) counts down while
a team plans — not during hand-offs, briefings, reports, a pause, or while the console
is open. At one minute left the top bar turns red and says so; at zero whatever the team
has queued is submitted and the game moves on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame

from game.engine.interventions import (
    AdjustStat,
    AdjustTrust,
    EndGame,
    InjectEvent,
    Intervention,
    InvalidIntervention,
    SetLastTurn,
)
from game.engine.types import STATS

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.engine.views import NationView
    from game.ui.mapview.facts import MapFacts
    from game.ui.scenes.game_scene import GameScene

#: Timer choices in seconds (0: no timer).
TIMER_CHOICES: tuple[int, ...] = (0, 180, 300, 480)
#: Seconds left when the timer warns.
WARNING_AT = 60.0
#: Wrong PINs allowed before the console locks, and for how long (seconds).
PIN_TRIES = 3
LOCKOUT_SECONDS = 30.0
#: The console's tabs.
TABS: tuple[tuple[str, str, str], ...] = (
    ("inject", "Inject", "Fire a scenario event now"),
    ("adjust", "Adjust", "Set a nation's stat, or change one nation's trust in another"),
    ("seats", "Seats", "Hand a team's seat to the AI (an absent team) and back"),
    ("turns", "Turns", "Roll back to the start of a turn; extend or end the game"),
    ("log", "Log", "Everything the facilitator did in this game"),
    ("ops", "Ops", "Every covert operation, with who really did it"),
)
REASON_MAX = 120


class TextField:
    """A one-line text field drawn by the console: click to type, Enter or Esc to finish."""

    def __init__(self, limit: int = REASON_MAX) -> None:
        self.text = ""
        self.focused = False
        self.limit = limit

    def handle(self, event: pygame.event.Event) -> bool:
        """Typing into the focused field; True when the event was used."""
        if not self.focused:
            return False
        if event.type == pygame.TEXTINPUT:
            room = self.limit - len(self.text)
            if room > 0:
                self.text += "".join(ch for ch in event.text if ch.isprintable())[:room]
            return True
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_BACKSPACE:
                self.text = self.text[:-1]
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE, pygame.K_TAB):
                self.focused = False
            return True  # every other key is typing, not a game shortcut
        return event.type == pygame.KEYUP


class Desk:
    """The facilitator's state and actions on one game screen. See the module docstring."""

    def __init__(self, scene: GameScene) -> None:
        from game.ui.facilitator.console import ConsolePanel

        self.scene = scene
        self.open = False
        self.pinned = False
        self.omniscient = False
        self.tab = "inject"
        self.version = 0
        self.message: tuple[str, bool] | None = None  # (text, error), shown in the console
        self.reason = TextField()
        meta_timer = scene.game.meta.get("turn_timer", 0)
        self.timer_seconds = int(meta_timer) if meta_timer in TIMER_CHOICES else 0
        self.time_left: float | None = None
        self.warned = False
        self.lockout = 0.0
        self._legend = True  # the map's legend as it was before the console opened
        # The forms of the Adjust and Turns tabs.
        n = scene.game.state.world.n
        self.stat_nation = 0
        self.stat_name = "infrastructure"
        self.stat_value: float | None = None  # None: the nation's value now
        self.trust_from = 0
        self.trust_to = 1 if n > 1 else 0
        self.trust_by = -10.0
        self.last_turn: int | None = None  # None: the game's last turn now
        self.panel = ConsolePanel(self)

    # ------------------------------------------------------------------ reading

    @property
    def game(self) -> Game:
        return self.scene.game

    @property
    def has_pin(self) -> bool:
        return self.game.has_facilitator_pin

    @property
    def holds_flow(self) -> bool:
        """The next screens wait while the console is open (unless it is pinned)."""
        return self.open and not self.pinned

    @property
    def busy(self) -> str | None:
        """Why the game cannot be changed now, or None."""
        if self.scene.thinking:
            return "Wait: the turn is being resolved."
        return None

    def changed(self) -> None:
        self.version += 1
        self.scene._bump()

    def say(self, text: str, error: bool = False) -> None:
        self.message = (text, error)
        self.changed()

    # ------------------------------------------------------------------ opening

    def request(self) -> None:
        """Ctrl+Shift+F: open the console (asking the PIN if there is one), or close it."""
        if self.open:
            self.close()
            return
        if self.lockout > 0:
            self.scene.toast(
                f"The facilitator console is locked for {self.lockout:.0f} s after wrong PINs.",
                error=True,
            )
            return
        if not self.has_pin:
            self.show()
            return
        from game.ui.scenes.facilitator import PinDialog

        self.scene.app.push(
            PinDialog(
                self.scene.app, self.game.check_facilitator_pin, self.show, on_refused=self.refused
            )
        )

    def refused(self) -> None:
        self.lockout = LOCKOUT_SECONDS
        self.scene.toast("Wrong PIN: the facilitator console stays closed.", error=True)

    def show(self) -> None:
        self.open = True
        self.message = None
        self.scene.pointer.reset()
        self.scene._layout()  # the map makes room for the console
        self._legend = self.scene.map.show_legend
        self.scene.map.show_legend = False  # (the map is small; the legend would hide it)
        self.changed()

    def close(self) -> None:
        self.open = False
        self.reason.focused = False
        self.scene.pointer.reset()
        self.scene._layout()
        self.scene.map.show_legend = self._legend
        if self.omniscient:
            self.set_omniscient(False)
        self.changed()

    def toggle_pinned(self) -> None:
        self.pinned = not self.pinned
        self.say(
            "Pinned: the console stays open when the next team takes the device."
            if self.pinned
            else "Unpinned: the game waits while the console is open."
        )

    def before_handoff(self) -> None:
        """A team is about to take the device: nothing of the facilitator's may show."""
        if self.omniscient:
            self.set_omniscient(False)
        if self.open and not self.pinned:
            self.close()

    def before_resolve(self) -> None:
        """The turn is about to be resolved in the background: the game may not be read
        until it is done, so the facilitator view goes off now, not halfway."""
        if self.omniscient:
            self.set_omniscient(False)

    # ------------------------------------------------------------------ session

    def toggle_pause(self) -> None:
        sc = self.scene
        sc.paused = not sc.paused
        sc.pointer.reset()
        self.game.log_facilitator("paused the game" if sc.paused else "resumed the game")
        self.say("The game is paused: nothing advances." if sc.paused else "The game goes on.")
        sc.topbar.invalidate()

    def set_omniscient(self, on: bool) -> None:
        if on and self.busy:
            self.say(self.busy, error=True)
            return
        if on == self.omniscient:
            return
        self.omniscient = on
        self.scene.refresh()
        self.changed()

    def set_timer(self, seconds: int) -> None:
        self.timer_seconds = seconds
        self.game.meta["turn_timer"] = seconds
        sc = self.scene
        if seconds and sc.phase == "planning" and sc.book is not None:
            self.start_timer()
        elif not seconds:
            self.time_left = None
        self.say(f"Turn timer: {seconds // 60} minutes a team." if seconds else "No turn timer.")
        self.game.log_facilitator(
            f"set a turn timer of {seconds // 60} minutes" if seconds else "removed the turn timer"
        )
        sc.topbar.invalidate()

    def start_timer(self) -> None:
        """A team starts planning: its time starts (when there is a timer)."""
        self.time_left = float(self.timer_seconds) if self.timer_seconds else None
        self.warned = self.timer_seconds <= WARNING_AT

    @property
    def timer_running(self) -> bool:
        sc = self.scene
        return (
            self.time_left is not None
            and sc.phase == "planning"
            and sc.book is not None
            and not sc.paused
            and not self.holds_flow
            and not getattr(sc.app.scenes.top, "holds_timer", False)
        )

    def update(self, dt: float) -> None:
        if self.lockout > 0:
            self.lockout = max(0.0, self.lockout - dt)
        sc = self.scene
        if self.time_left is not None and (sc.book is None or sc.phase != "planning"):
            self.time_left = None  # the team is done: the next one gets its own time
            sc.topbar.invalidate()
        if not self.timer_running:
            return
        assert self.time_left is not None
        before = self.time_left
        self.time_left -= dt
        if int(before) != int(max(self.time_left, 0.0)):
            self.scene.topbar.invalidate()
        if not self.warned and self.time_left <= WARNING_AT:
            self.warned = True
            self.scene.toast("One minute left to plan this turn!", error=True)
        if self.time_left <= 0:
            self.time_left = None
            team = self.scene.view.world.names[self.scene.viewer]
            self.game.log_facilitator(f"time ran out for {team}: its queued orders were sent")
            self.scene.time_up()

    # ------------------------------------------------------------------ events

    def process_event(self, event: pygame.event.Event) -> bool:
        """The chord, typing in the console's field, Esc closing the console."""
        if event.type == pygame.KEYDOWN and event.key == pygame.K_f:
            mod = event.mod
            if mod & (pygame.KMOD_CTRL | pygame.KMOD_META) and mod & pygame.KMOD_SHIFT:
                self.request()
                return True
        if not self.open:
            return False
        if self.reason.handle(event):
            self.changed()
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.close()
            return True
        return False

    def focus_reason(self) -> None:
        self.reason.focused = True
        self.changed()

    # ------------------------------------------------------------------ the view

    def view(self) -> NationView:
        """The viewer's view: the truth in the facilitator view, its fog otherwise."""
        sc = self.scene
        if self.omniscient:
            from game.engine.views import omniscient_view

            return omniscient_view(self.game.state, sc.viewer)
        return self.game.view(sc.viewer)

    def facts(self, view: NationView) -> MapFacts:
        """Map facts of ``view``; in the facilitator view every recent operation is drawn
        from its true attacker to its target."""
        from game.ui.mapview.facts import IncidentArc, facts_from_view

        facts = facts_from_view(view)
        if not self.omniscient:
            return facts
        arcs = tuple(
            IncidentArc(
                r.attacker if r.attacker >= 0 else None, r.target, r.kind, r.turn, "attacker"
            )
            for r in self.game.state.incident_log
            if view.turn - r.turn <= 2
        )
        return dataclasses.replace(facts, incidents=arcs, arcs_true=True)

    # ------------------------------------------------------------------ actions

    def _reason(self) -> str:
        return " ".join(self.reason.text.split())

    def _done(self, text: str) -> None:
        self.reason.text = ""
        self.reason.focused = False
        self.scene.unsaved = True
        self.scene.refresh()
        self.say(f"Done: {text}.")

    def intervene(self, iv: Intervention) -> bool:
        """Apply ``iv`` through the engine; an invalid one is said in the console."""
        if self.busy:
            self.say(self.busy, error=True)
            return False
        if self.game.over:
            self.say("The game is over: roll back to a turn first.", error=True)
            return False
        try:
            self.game.intervene(iv, note=iv.reason)
        except InvalidIntervention as exc:
            self.say(f"Not applied: {exc}.", error=True)
            return False
        self._done(self.game.facilitator_log[-1]["action"])
        if self.game.over:
            self.scene.book = None
            self.time_left = None
            self.scene.finish_now()
        return True

    def _confirm(
        self, title: str, text: str, yes: str, action: Callable[[], Any], danger: bool = False
    ) -> None:
        from game.ui.scenes.confirm import ConfirmDialog

        if self.busy:
            self.say(self.busy, error=True)
            return
        self.scene.app.push(
            ConfirmDialog(
                self.scene.app, title, text, yes=yes, no="Cancel", on_yes=action, danger=danger
            )
        )

    def ask_inject(self, event_id: str) -> None:
        event = self.game.state.world.event(event_id)
        text = (event.text or "").strip() or "This scenario event has no text."
        self._confirm(
            f"Fire '{event.title}' now?",
            f"{text} It happens at once, before this turn is resolved, and is "
            "recorded in the facilitator log.",
            "Fire now",
            lambda: self.inject(event_id),
        )

    def inject(self, event_id: str) -> bool:
        return self.intervene(InjectEvent(reason=self._reason(), event=event_id))

    def _need_reason(self) -> bool:
        if self._reason():
            return True
        self.reason.focused = True
        self.say("Give a reason first (it goes in the log and the debrief).", error=True)
        return False

    def stat_now(self) -> float:
        k = STATS.index(self.stat_name)
        return float(self.game.state.stats[self.stat_nation, k])

    def stat_target(self) -> float:
        return self.stat_now() if self.stat_value is None else self.stat_value

    def nudge_stat(self, by: float) -> None:
        self.stat_value = min(100.0, max(0.0, round(self.stat_target() + by)))
        self.changed()

    def adjust_stat(self) -> bool:
        if not self._need_reason():
            return False
        iv = AdjustStat(
            reason=self._reason(),
            nation=self.game.ids[self.stat_nation],
            stat=self.stat_name,
            value=float(self.stat_target()),
        )
        ok = self.intervene(iv)
        if ok:
            self.stat_value = None
        return ok

    def trust_now(self) -> float:
        from game.engine.trust import trust_matrix

        return float(trust_matrix(self.game.state)[self.trust_from, self.trust_to])

    def nudge_trust(self, by: float) -> None:
        self.trust_by = min(100.0, max(-100.0, self.trust_by + by))
        self.changed()

    def adjust_trust(self) -> bool:
        if not self._need_reason():
            return False
        ids = self.game.ids
        iv = AdjustTrust(
            reason=self._reason(),
            frm=ids[self.trust_from],
            to=ids[self.trust_to],
            by=float(self.trust_by),
        )
        return self.intervene(iv)

    def cycle(self, field: str, step: int) -> None:
        n = self.game.state.world.n
        setattr(self, field, (getattr(self, field) + step) % n)
        if field == "stat_nation":
            self.stat_value = None
        self.changed()

    def choose_stat(self, stat: str) -> None:
        self.stat_name = stat
        self.stat_value = None
        self.changed()

    # ------------------------------------------------------------------ seats

    def set_seat(self, nid: str, controller: str) -> bool:
        """Hand ``nid``'s seat to the AI (``"ai"``) or to a team (``"human"``)."""
        if self.busy:
            self.say(self.busy, error=True)
            return False
        sc = self.scene
        game = self.game
        seat = game.seats[nid]
        if seat.controller == controller:
            return False
        i = game.state.world.index[nid]
        game.set_seat(
            nid,
            dataclasses.replace(seat, controller=controller),
            by_facilitator=True,
            note=self._reason(),
        )
        was_planning = sc.viewer == i and sc.book is not None
        sc.seat_changed(nid)
        if was_planning and controller == "ai":
            sc.book = None
            sc.sent = []
            self.time_left = None
        self._done(game.facilitator_log[-1]["action"])
        return True

    # ------------------------------------------------------------------ turns

    def ask_rollback(self, turn: int) -> None:
        current = self.game.turn
        lost = current - turn
        what = (
            "the orders queued this turn and any intervention made during it"
            if lost == 0
            else "1 played turn and everything in it"
            if lost == 1
            else f"{lost} played turns and everything in them"
        )
        self._confirm(
            f"Roll back to the start of turn {turn}?",
            f"This undoes {what}. The game replays exactly to where turn {turn} began; every "
            "team plans it again. The rollback is kept in the facilitator log.",
            "Roll back",
            lambda: self.rollback(turn),
            danger=True,
        )

    def rollback(self, turn: int) -> bool:
        if self.busy:
            self.say(self.busy, error=True)
            return False
        sc = self.scene
        try:
            self.game.rollback(turn, note=self._reason())
        except ValueError as exc:
            self.say(f"Not rolled back: {exc}.", error=True)
            return False
        sc.book = None
        sc.sent = []
        self.time_left = None
        self.last_turn = None
        self.stat_value = None
        self._done(self.game.facilitator_log[-1]["action"])
        sc.restart_turn()
        return True

    def last_turn_value(self) -> int:
        return self.game.state.last_turn if self.last_turn is None else self.last_turn

    def nudge_last_turn(self, by: int) -> None:
        self.last_turn = max(1, self.last_turn_value() + by)
        self.changed()

    def set_last_turn(self) -> bool:
        value = self.last_turn_value()
        ok = self.intervene(SetLastTurn(reason=self._reason(), last_turn=value))
        if ok:
            self.last_turn = None
        return ok

    def ask_end(self) -> None:
        if not self._need_reason():
            return
        self._confirm(
            "End the game now?",
            "The game ends at once with the scores as they stand; this turn's orders are "
            "dropped. Every team then sees its last report and the final results.",
            "End the game",
            lambda: self.intervene(EndGame(reason=self._reason())),
            danger=True,
        )
