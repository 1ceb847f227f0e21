"""The classroom build through the real UI: briefings, the facilitator console, the debrief.

Everything is driven with real pygame events posted to the queue and taken by
``App.step`` with a fixed ``DT`` (see ``tests/uidrive.py``), through the real scenes. The
AI resolves turns in a background thread; tests step frames until it is done.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from uidrive import DT, click, key, post, spot, stack, steps, top, type_text, until

from game.ai.driver import play_ai_turn
from game.engine.game import Game, Seat
from game.engine.interventions import AdjustStat, AdjustTrust, InjectEvent, SetLastTurn
from game.engine.saves import load_game
from game.engine.state import state_hash
from game.engine.trust import trust_matrix
from game.engine.types import STATS
from game.report.debrief import build
from game.report.export import REPORT_FILES
from game.scenario.catalog import load
from game.ui.app import App
from game.ui.savefiles import save_as
from game.ui.scenes.briefing import BriefingScene
from game.ui.scenes.confirm import ConfirmDialog
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.end_screen import EndScreen
from game.ui.scenes.facilitator import PinDialog
from game.ui.scenes.game_scene import GameScene
from game.ui.scenes.handoff import HandoffScene
from game.ui.scenes.turn_report import TurnReportScene
from game.ui.settings import Settings, data_dir

CHORD = pygame.KMOD_CTRL | pygame.KMOD_SHIFT


@pytest.fixture
def app() -> App:
    return App(Settings(), size=(1280, 720))


def classroom(
    scenario: str = "tutorial",
    humans: tuple[str, ...] = ("meridia", "borealis"),
    pin: str | None = None,
) -> Game:
    seats = {h: Seat("human", "reciprocal", "normal") for h in humans}
    game = Game.new(load(scenario), seats=seats)
    if pin:
        game.set_facilitator_pin(pin)
    return game


def start(app: App, game: Game, **kw: object) -> GameScene:
    scene = GameScene(app, game, facilitator=True, **kw)  # type: ignore[arg-type]
    app.push(scene)
    steps(app, 2)
    return scene


def to_planning(app: App, scene: GameScene) -> None:
    """Through the hand-off, briefing and report screens to the next team's planning."""
    until(app, lambda: top(app) is not scene or scene.phase == "planning", "a screen")
    for _ in range(6):
        if top(app) is scene and scene.phase == "planning":
            return
        if isinstance(top(app), (HandoffScene, BriefingScene, TurnReportScene)):
            key(app, pygame.K_RETURN)
        else:
            steps(app)
    assert top(app) is scene and scene.phase == "planning", stack(app)


def open_console(app: App, scene: GameScene, pin: str | None = None) -> None:
    key(app, pygame.K_f, CHORD)
    if pin is not None:
        assert isinstance(top(app), PinDialog)
        type_text(app, pin)
        key(app, pygame.K_RETURN)
    assert top(app) is scene and scene.desk.open


def reason(app: App, scene: GameScene, text: str) -> None:
    click(app, spot(scene, "fac:reason"))
    type_text(app, text)
    key(app, pygame.K_RETURN)  # done typing


def tab(app: App, scene: GameScene, name: str) -> None:
    click(app, spot(scene, f"fac:tab:{name}"))
    assert scene.desk.tab == name


def confirm(app: App) -> None:
    dialog = top(app)
    assert isinstance(dialog, ConfirmDialog), stack(app)
    click(app, spot(dialog, "confirm:yes"))


def end_turn(app: App, scene: GameScene) -> None:
    key(app, pygame.K_RETURN)
    if isinstance(top(app), ConfirmDialog):  # unused action slots
        confirm(app)


# --------------------------------------------------------------------------- briefings


def test_briefings_are_private_behind_hand_offs_and_reopen_during_the_turn(app: App) -> None:
    game = classroom("archipelago", ("coralia", "northreach"))
    scene = start(app, game)
    nations = {n.id: n for n in game.scenario.nations}
    secret = {
        nid: nations[nid].secret_objectives[0].text.strip()[:40]
        for nid in ("coralia", "northreach")
    }
    seen = []
    for nid, other in (("coralia", "northreach"), ("northreach", "coralia")):
        handoff = top(app)
        assert isinstance(handoff, HandoffScene) and handoff.nation == nations[nid].name
        key(app, pygame.K_RETURN)
        brief = top(app)
        assert isinstance(brief, BriefingScene) and brief.first
        seen.append(brief.nation.id)
        # The briefing belongs to the team at the device; the game below is its own view.
        assert brief.nation.id == nid and game.ids[scene.viewer] == nid
        assert brief.kit.rendered(secret[nid]) and not brief.kit.rendered(secret[other])
        assert brief.kit.rendered(nations[nid].briefing.strip()[:30])
        key(app, pygame.K_RETURN)
        assert top(app) is scene and scene.phase == "planning"
        # B reopens it during the team's own turn, and so does the top bar's button.
        key(app, pygame.K_b)
        again = top(app)
        assert isinstance(again, BriefingScene) and again.nation.id == nid and not again.first
        key(app, pygame.K_ESCAPE)
        click(app, spot(scene, "bar:briefing"))
        assert isinstance(top(app), BriefingScene) and top(app).nation.id == nid
        key(app, pygame.K_ESCAPE)
        end_turn(app, scene)
        if nid == "coralia":
            assert isinstance(top(app), HandoffScene)  # not a briefing: the hand-off first
    assert seen == ["coralia", "northreach"]
    # Turn 2: the hand-off, then the report, no briefing unless asked for.
    until(app, lambda: isinstance(top(app), HandoffScene), "the next hand-off")
    key(app, pygame.K_RETURN)
    assert isinstance(top(app), TurnReportScene)
    key(app, pygame.K_RETURN)
    assert top(app) is scene and scene.phase == "planning" and game.turn == 2
    # Not while the AI resolves or before a team plans: B only says so.
    scene.phase = "resolving"
    key(app, pygame.K_b)
    assert top(app) is scene
    scene.phase = "planning"
    key(app, pygame.K_b)
    assert isinstance(top(app), BriefingScene)


# --------------------------------------------------------------------------- opening


def test_the_console_opens_with_the_chord_and_refuses_a_wrong_pin(app: App) -> None:
    game = classroom(humans=("meridia",), pin="2468")
    scene = start(app, game)
    to_planning(app, scene)
    key(app, pygame.K_f, CHORD)
    pin = top(app)
    assert isinstance(pin, PinDialog)
    for attempt in range(3):
        type_text(app, "1111")
        key(app, pygame.K_RETURN)
        if attempt < 2:
            assert top(app) is pin and "Wrong PIN" in (pin.error or "")
    assert top(app) is scene and not scene.desk.open  # refused after three tries
    assert scene.desk.lockout > 0
    key(app, pygame.K_f, CHORD)
    assert top(app) is scene and not scene.desk.open  # locked for a while
    steps(app, 130, dt=0.25)
    assert scene.desk.lockout == 0
    key(app, pygame.K_f, CHORD)
    type_text(app, "2468")
    key(app, pygame.K_RETURN)
    assert top(app) is scene and scene.desk.open
    key(app, pygame.K_f, CHORD)  # the chord closes it too
    assert not scene.desk.open


def test_play_facilitator_opens_the_console_and_asks_a_saved_pin(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from game.cli import main

    seen: dict[str, object] = {}

    def run(self: App, max_frames: int | None = None) -> int:
        self.step(DT)
        seen["stack"] = [type(s).__name__ for s in self.scenes]
        scene = next(s for s in self.scenes if isinstance(s, GameScene))
        seen["open"] = scene.desk.open
        seen["facilitator"] = scene.facilitator
        self.close()
        return 0

    monkeypatch.setattr(App, "run", run)
    assert main(["play", "tutorial", "--facilitator"]) == 0
    assert seen["open"] is True and seen["facilitator"] is True
    game = classroom(humans=("meridia",), pin="1357")
    path = save_as(game, "pinned")
    assert main(["play", "--load", str(path), "--facilitator"]) == 0
    assert seen["stack"][-1] == "PinDialog" and seen["open"] is False
    assert main(["play", "--facilitator"]) == 2  # needs a game


# --------------------------------------------------------------------------- actions


def test_every_action_goes_through_the_engine_survives_a_save_and_reaches_the_debrief(
    app: App,
) -> None:
    game = classroom(humans=("meridia", "borealis"), pin="1234")
    scene = start(app, game)
    to_planning(app, scene)
    open_console(app, scene, "1234")
    # Inject an event.
    event = game.scenario.events[-1]
    reason(app, scene, "a storm for the class")
    click(app, spot(scene, f"fac:inject:{event.id}"))
    confirm(app)
    # Set a stat (a reason is required).
    tab(app, scene, "adjust")
    click(app, spot(scene, "fac:stat:defense"))
    click(app, spot(scene, "fac:stat-value:-10"))
    click(app, spot(scene, "fac:apply-stat"))
    assert scene.desk.message is not None and scene.desk.message[1]  # no reason: refused
    assert len(game.facilitator_log) == 1
    before_defense = float(game.state.stats[0, STATS.index("defense")])
    reason(app, scene, "absent forensics team")
    click(app, spot(scene, "fac:apply-stat"))
    assert float(game.state.stats[0, STATS.index("defense")]) == before_defense - 10
    # Trust: the same nation twice is refused by the engine, inline.
    click(app, spot(scene, "fac:trust-to:prev"))  # meridia -> meridia
    reason(app, scene, "oops")
    click(app, spot(scene, "fac:apply-trust"))
    assert scene.desk.message == ("Not applied: trust is between two different nations.", True)
    assert scene.desk.panel._ensure(None) is None and scene.desk.panel.kit.rendered(
        "trust is between two different nations"
    )
    click(app, spot(scene, "fac:trust-to:next"))  # meridia -> borealis
    trust_before = float(trust_matrix(game.state)[0, 1])
    click(app, spot(scene, "fac:apply-trust"))
    assert float(trust_matrix(game.state)[0, 1]) == pytest.approx(trust_before - 10, abs=0.01)
    # Extend the game by two turns.
    tab(app, scene, "turns")
    last = game.state.last_turn
    reason(app, scene, "more time for the Forum")
    click(app, spot(scene, "fac:last-turn:+1"))
    click(app, spot(scene, "fac:last-turn:+1"))
    click(app, spot(scene, "fac:set-last-turn"))
    assert game.state.last_turn == last + 2

    expected = [
        InjectEvent(reason="a storm for the class", event=event.id),
        AdjustStat(
            reason="absent forensics team",
            nation="meridia",
            stat="defense",
            value=before_defense - 10,
        ),
        AdjustTrust(reason="oops", frm="meridia", to="borealis", by=-10.0),
        SetLastTurn(reason="more time for the Forum", last_turn=last + 2),
    ]
    assert game.pending_interventions == expected
    assert [e["note"] for e in game.facilitator_log] == [iv.reason for iv in expected]
    assert [e["action"] for e in game.facilitator_log] == [
        iv.describe(game.state.world) for iv in expected
    ]
    # Hand Borealis to the AI and back (logged, not an intervention).
    tab(app, scene, "seats")
    click(app, spot(scene, "fac:seat:borealis"))
    assert game.seats["borealis"].controller == "ai"
    click(app, spot(scene, "fac:seat:borealis"))
    assert game.seats["borealis"].controller == "human"
    assert [e["action"] for e in game.facilitator_log[-2:]] == [
        "handed Borealis' seat to the AI",
        "handed Borealis' seat to a human team",
    ]
    log = [dict(e) for e in game.facilitator_log]

    # The turn resolves: the interventions are in its history record.
    key(app, pygame.K_f, CHORD)
    end_turn(app, scene)
    to_planning(app, scene)  # Borealis
    end_turn(app, scene)
    until(app, lambda: len(game.history) == 1, "the turn")
    assert list(game.history[0].interventions) == expected
    assert any(e.injected and e.event == event.id for e in game.history[0].report.events)

    # Saved and loaded: the same log, history and state.
    loaded = load_game(save_as(game, "classroom"))
    assert loaded.facilitator_log == log
    assert list(loaded.history[0].interventions) == expected
    assert state_hash(loaded.state) == state_hash(game.state)

    # The debrief shows them.
    d = build(loaded)
    assert [(e.turn, e.action, e.note) for e in d.facilitator_log] == [
        (e["turn"], e["action"], e["note"]) for e in log
    ]
    assert any(e.injected for e in d.events)
    debrief = DebriefScene(app, loaded)
    app.push(debrief)
    until(app, lambda: debrief.ready, "the debrief data")
    steps(app, 2)
    meridia = next(n for n in loaded.scenario.nations if n.id == "meridia")
    goals = len(meridia.objectives) + len(meridia.secret_objectives)
    assert debrief.kit.rendered(f" of {goals} met"), "objectives met: counted, and by text"
    click(app, spot(debrief, "debrief:tab:log"))
    steps(app, 2)
    assert debrief.kit.rendered("absent forensics team")
    assert debrief.kit.rendered("Handed Borealis' seat to the AI")


def test_rollback_restores_the_hash_recorded_when_the_turn_started(app: App) -> None:
    game = classroom(humans=("meridia",))
    scene = start(app, game)
    hashes = {1: state_hash(game.state)}
    for turn in (1, 2):
        to_planning(app, scene)
        assert game.turn == turn
        hashes[turn] = state_hash(game.state)
        end_turn(app, scene)
        until(app, lambda t=turn: len(game.history) == t, f"turn {turn}")
    to_planning(app, scene)
    assert game.turn == 3 and game.history[0].hash == hashes[2]
    open_console(app, scene)
    tab(app, scene, "turns")
    click(app, spot(scene, "fac:rollback:2"))
    confirm(app)
    assert game.turn == 2 and state_hash(game.state) == hashes[2]
    assert len(game.history) == 1 and game.facilitator_log[-1]["action"] == (
        "rolled back to the start of turn 2"
    )
    # The turn starts again for the team once the console closes.
    assert scene.book is None
    key(app, pygame.K_ESCAPE)
    to_planning(app, scene)
    assert scene.view.turn == 2 and scene.book is not None
    # Back to the very beginning.
    open_console(app, scene)
    tab(app, scene, "turns")
    click(app, spot(scene, "fac:rollback:1"))
    confirm(app)
    assert game.turn == 1 and state_hash(game.state) == hashes[1] and not game.history
    key(app, pygame.K_ESCAPE)
    until(app, lambda: top(app) is not scene or scene.phase == "planning", "the restart")
    assert isinstance(top(app), BriefingScene)  # turn 1 again: the briefing again


def test_a_seat_handed_to_the_ai_plays_by_ai_and_comes_back(app: App) -> None:
    game = classroom(humans=("meridia", "borealis"))
    scene = start(app, game)
    to_planning(app, scene)
    assert game.ids[scene.viewer] == "meridia"
    open_console(app, scene)
    tab(app, scene, "seats")
    reason(app, scene, "Borealis team at lunch")
    click(app, spot(scene, "fac:seat:borealis"))
    key(app, pygame.K_ESCAPE)
    end_turn(app, scene)
    # No hand-off to Borealis: the AI plays it with the resolution.
    until(app, lambda: len(game.history) == 1, "turn 1")
    assert "borealis" in game.history[0].orders  # the AI gave orders for it
    to_planning(app, scene)
    assert game.ids[scene.viewer] == "meridia" and game.turn == 2
    assert game.facilitator_log[-1]["note"] == "Borealis team at lunch"
    # Back to the team: it plans the next turn itself.
    open_console(app, scene)
    tab(app, scene, "seats")
    click(app, spot(scene, "fac:seat:borealis"))
    key(app, pygame.K_ESCAPE)
    end_turn(app, scene)
    until(app, lambda: isinstance(top(app), HandoffScene), "Borealis's hand-off")
    assert top(app).nation == "Borealis"
    # Handing the team that is planning to the AI moves the game on.
    to_planning(app, scene)
    assert game.ids[scene.viewer] == "borealis"
    open_console(app, scene)
    tab(app, scene, "seats")
    click(app, spot(scene, "fac:seat:borealis"))
    assert scene.book is None
    key(app, pygame.K_ESCAPE)
    until(app, lambda: len(game.history) == 2, "turn 2 resolved by the AI for Borealis")
    assert "borealis" in game.history[1].orders


# --------------------------------------------------------------------------- timer and pause


def test_the_timer_warns_then_sends_the_queued_orders(app: App) -> None:
    game = classroom(humans=("meridia", "borealis"))
    scene = start(app, game)
    to_planning(app, scene)
    open_console(app, scene)
    click(app, spot(scene, "fac:timer:180"))
    assert game.meta["turn_timer"] == 180
    key(app, pygame.K_ESCAPE)
    click(app, spot(scene, "tab:orders"))
    click(app, spot(scene, "posture:defensive"))
    queued = scene.book.orders() if scene.book else []
    assert scene.desk.time_left is not None
    steps(app, 4 * 121, dt=0.25)  # a little over two minutes
    assert scene.desk.time_left is not None and scene.desk.time_left <= 60
    assert scene.topbar._ensure(None) is None and scene.kit.rendered("1 MINUTE LEFT!")
    steps(app, 4 * 61, dt=0.25)
    # Time is up: Meridia's orders went in as queued, and Borealis's hand-off is next.
    assert game.submitted["meridia"] == tuple(queued)
    assert isinstance(top(app), HandoffScene) and top(app).nation == "Borealis"


def test_pause_stops_the_flow_and_the_class_sees_it(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from game.ui.panels import flow

    game = classroom(humans=("meridia",))
    scene = start(app, game)
    to_planning(app, scene)
    open_console(app, scene)
    click(app, spot(scene, "fac:pause"))
    key(app, pygame.K_ESCAPE)  # close the console: still paused
    assert scene.paused and not scene.desk.open
    assert scene.kit.rendered("PAUSED")
    key(app, pygame.K_RETURN)  # a team cannot end its turn
    click(app, spot(scene, "footer:end"))
    steps(app, 30)
    assert not game.submitted and scene.phase == "planning" and not scene.thinking
    open_console(app, scene)
    click(app, spot(scene, "fac:pause"))
    key(app, pygame.K_ESCAPE)
    assert not scene.paused
    # A resolution that finishes while paused is not shown until the game goes on.
    gate = threading.Event()
    real = flow.play_turn

    def slow(game: Game, all_ai: bool) -> flow.Resolved:
        gate.wait(30)
        return real(game, all_ai)

    monkeypatch.setattr(flow, "play_turn", slow)
    end_turn(app, scene)
    assert scene.thinking
    open_console(app, scene)
    click(app, spot(scene, "fac:pause"))
    key(app, pygame.K_ESCAPE)
    gate.set()
    assert scene.task is not None and scene.task.wait(30)
    steps(app, 30)
    assert scene.phase == "resolving" and top(app) is scene and len(game.history) == 1
    open_console(app, scene)
    click(app, spot(scene, "fac:pause"))
    key(app, pygame.K_ESCAPE)
    until(app, lambda: isinstance(top(app), TurnReportScene), "the report")


def test_the_console_never_shows_behind_a_hand_off(app: App) -> None:
    game = classroom(humans=("meridia", "borealis"))
    scene = start(app, game)
    to_planning(app, scene)
    open_console(app, scene)
    click(app, spot(scene, "fac:omniscient"))
    assert scene.desk.omniscient and scene.view.extras.get("omniscient")
    end_turn(app, scene)  # the team ends its turn while the console is open
    steps(app, 10)
    assert top(app) is scene and scene.desk.open  # the hand-off waits for the console
    key(app, pygame.K_ESCAPE)
    assert not scene.desk.omniscient and not scene.view.extras.get("omniscient")
    assert isinstance(top(app), HandoffScene)
    to_planning(app, scene)  # Borealis: its briefing, then its planning
    assert not scene.desk.open
    # Pinned: it stays open across the hand-off, but the facilitator view goes off.
    open_console(app, scene)
    click(app, spot(scene, "fac:pin"))
    click(app, spot(scene, "fac:omniscient"))
    end_turn(app, scene)
    until(app, lambda: isinstance(top(app), HandoffScene), "the hand-off back to Meridia")
    assert scene.desk.open and not scene.desk.omniscient


def test_the_facilitator_view_goes_off_before_the_turn_resolves(app: App) -> None:
    game = classroom(humans=("meridia",))
    scene = start(app, game)
    to_planning(app, scene)
    open_console(app, scene)
    click(app, spot(scene, "fac:omniscient"))
    assert scene.desk.omniscient
    end_turn(app, scene)  # the last team: the AI plays and the turn resolves
    assert not scene.desk.omniscient and not scene.view.extras.get("omniscient")
    until(app, lambda: len(game.history) == 1 and not scene.thinking, "the turn")
    key(app, pygame.K_ESCAPE)
    to_planning(app, scene)


# --------------------------------------------------------------------------- ending, debrief


def finished(humans: tuple[str, ...] = ("meridia",)) -> Game:
    game = classroom(humans=humans)
    while game.turn < game.state.last_turn:
        play_ai_turn(game, all_ai=True)
    return game


def test_ending_the_game_goes_to_the_end_and_the_debrief(app: App) -> None:
    game = classroom(humans=("meridia",))
    scene = start(app, game)
    to_planning(app, scene)
    open_console(app, scene)
    tab(app, scene, "turns")
    click(app, spot(scene, "fac:end"))
    assert scene.desk.message is not None and scene.desk.message[1]  # a reason first
    reason(app, scene, "the bell rang")
    click(app, spot(scene, "fac:end"))
    confirm(app)
    assert game.over and game.result().outcome == "ended by facilitator"
    key(app, pygame.K_ESCAPE)
    until(app, lambda: isinstance(top(app), EndScreen), "the end screen")
    end = top(app)
    click(app, spot(end, "end:debrief"))
    debrief = top(app)
    assert isinstance(debrief, DebriefScene)
    until(app, lambda: debrief.ready, "the debrief data")
    click(app, spot(debrief, "debrief:tab:log"))
    assert debrief.kit.rendered("the bell rang")
    key(app, pygame.K_ESCAPE)
    assert top(app) is end
    # Ended by mistake: back to the map, and the turn restarts.
    click(app, spot(end, "end:map"))
    open_console(app, scene)
    tab(app, scene, "turns")
    click(app, spot(scene, "fac:rollback:1"))
    confirm(app)
    assert not game.over and game.turn == 1
    key(app, pygame.K_ESCAPE)
    to_planning(app, scene)
    assert scene.book is not None


def test_the_debrief_opens_from_the_end_screen_switches_tabs_and_slides(app: App) -> None:
    game = finished()
    scene = GameScene(app, game)
    app.push(scene)
    steps(app, 2)
    to_planning(app, scene)
    end_turn(app, scene)
    until(app, lambda: isinstance(top(app), TurnReportScene), "the last report")
    key(app, pygame.K_RETURN)
    end = top(app)
    assert isinstance(end, EndScreen)
    click(app, spot(end, "end:debrief"))
    d = top(app)
    assert isinstance(d, DebriefScene)
    until(app, lambda: d.ready, "the debrief data")
    assert d.ready_seconds is not None and d.ready_seconds < 5  # measured: well under 1 s
    steps(app, 2)
    assert d.kit.rendered(game.result().headline(game.state.world.names))
    for name in ("timeline", "charts", "moments", "questions", "log", "summary"):
        click(app, spot(d, f"debrief:tab:{name}"))
        assert d.tab == name
    key(app, pygame.K_TAB)
    assert d.tab == "timeline"
    assert d.kit.rendered("REALLY DONE BY")
    click(app, spot(d, "debrief:tab:charts"))
    until(app, lambda: not d.waiting(), "the stability chart")
    assert ("stability", d._chart_area()) in d.jobs.results
    click(app, spot(d, "debrief:chart:trust"))
    last = d.data.debrief.turns_played if d.data else 0
    assert d.trust_turn == last
    key(app, pygame.K_LEFT)
    key(app, pygame.K_LEFT)
    assert d.trust_turn == last - 2
    key(app, pygame.K_RIGHT)
    assert d.trust_turn == last - 1
    until(app, lambda: not d.waiting(), "the heatmap")
    track = d.slider_rect()
    assert track is not None
    post(pygame.MOUSEMOTION, pos=track.midleft, rel=(0, 0), buttons=(0, 0, 0))
    post(pygame.MOUSEBUTTONDOWN, pos=(track.x + 2, track.centery), button=1)
    steps(app)
    assert d.trust_turn == 0
    post(pygame.MOUSEMOTION, pos=(track.centerx, track.centery), rel=(0, 0), buttons=(1, 0, 0))
    steps(app)
    post(pygame.MOUSEBUTTONUP, pos=(track.centerx, track.centery), button=1)
    steps(app)
    assert d.trust_turn == round(last / 2)
    until(app, lambda: ("trust", d._chart_area(), d.trust_turn) in d.jobs.results, "a frame")
    key(app, pygame.K_ESCAPE)
    assert top(app) is end


def test_the_debrief_of_a_save_from_the_load_screen_and_its_export(app: App) -> None:
    from game.ui.scenes.load_game import LoadGameScene

    game = finished()
    save_as(game, "finished-class")
    loader = LoadGameScene(app)
    app.push(loader)
    steps(app, 3)
    assert loader.current is not None and loader.current.path.stem == "finished-class"
    button = loader.button("debrief")
    assert button is not None and button.enabled
    click(app, button.rect)
    d = top(app)
    assert isinstance(d, DebriefScene)
    until(app, lambda: d.ready, "the debrief data")
    click(app, spot(d, "debrief:export"))
    until(app, lambda: not d.exporting, "the export", timeout=40)
    assert d.export_folder is not None
    assert d.export_folder.parent == data_dir() / "reports"
    assert d.export_folder.name.startswith("tutorial-")
    assert sorted(p.name for p in d.export_folder.iterdir()) == sorted(REPORT_FILES)
    steps(app, 2)
    assert d.export_message == (f"Report written to {d.export_folder}", False)
    assert d.kit.rendered("Report written to") and d.kit.rendered(d.export_folder.name)
    # A second export never overwrites the first.
    click(app, spot(d, "debrief:export"))
    until(app, lambda: not d.exporting, "the second export", timeout=40)
    assert d.export_folder.name.endswith("-2")
    key(app, pygame.K_ESCAPE)
    assert top(app) is loader


def test_a_classroom_save_in_progress_asks_the_pin_before_its_debrief(app: App) -> None:
    from game.ui.scenes.load_game import LoadGameScene

    game = classroom(humans=("meridia",), pin="4321")
    play_ai_turn(game, all_ai=True)
    save_as(game, "in-progress")
    loader = LoadGameScene(app)
    app.push(loader)
    steps(app, 3)
    button = loader.button("debrief")
    assert button is not None
    click(app, button.rect)
    assert isinstance(top(app), PinDialog)
    type_text(app, "4321")
    key(app, pygame.K_RETURN)
    assert isinstance(top(app), DebriefScene)


@pytest.mark.parametrize(("height", "rows"), [(600, 10), (720, 14), (1080, 25)])
def test_a_debrief_table_page_holds_as_many_rows_as_the_window_does(height: int, rows: int) -> None:
    """The AI decisions (and the timeline) came 14 rows a page in every window: a large
    screen stayed 40% empty, the smallest needed scrolling inside a page."""
    game = Game.new(load("arms-race"), 3)
    while not game.over:
        play_ai_turn(game, all_ai=True)
    size = (1280 if height < 1080 else 1920, height)
    app = App(Settings(window_size=size), size=size)
    app.running = True
    try:
        debrief = app.push(DebriefScene(app, game))
        until(app, lambda: debrief.ready, "the debrief data")
        click(app, spot(debrief, "debrief:tab:decisions"))
        assert debrief.rows_per_page() == rows
        actions = [x for x in debrief.data.debrief.decisions if x.group == "action"]
        assert debrief.kit.rendered(f"Page 1 of {-(-len(actions) // rows)}")
        last = actions[rows - 1]
        assert debrief.kit.rendered(last.reason[:1].upper() + last.reason[1:])
        # The whole page is in view without scrolling.
        assert debrief.body.content_h <= debrief.body.rect.height
    finally:
        app.scenes.clear()
