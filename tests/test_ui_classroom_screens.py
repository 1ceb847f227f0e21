"""The classroom screenshots of ``docs/classroom.md``, made by the real code.

Each test plays its way to a screen with real events through the real app and saves the
window. By default the pictures go to a temporary folder and the test checks what the
screen shows; with ``CYBERDIP_SCREENSHOTS=docs/images`` they replace the guide's pictures::

    CYBERDIP_SCREENSHOTS=docs/images python -m pytest tests/test_ui_classroom_screens.py
"""

from __future__ import annotations

import time
from pathlib import Path

import pygame
import pytest
from uidrive import click, key, post, screenshot_folder, shoot, spot, steps

from game.ai.driver import play_ai_turn
from game.engine.game import Game, Seat
from game.engine.interventions import AdjustTrust, InjectEvent
from game.scenario.catalog import load
from game.ui.app import App
from game.ui.scenes.briefing import BriefingScene
from game.ui.scenes.choice_dialog import ChoiceDialog
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.game_scene import GameScene
from game.ui.scenes.handoff import HandoffScene
from game.ui.scenes.turn_report import TurnReportScene
from game.ui.settings import Settings

TEAMS = ("coralia", "northreach")


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return screenshot_folder(tmp_path)


@pytest.fixture
def app() -> App:
    return App(Settings(), size=(1280, 720))


def away(app: App) -> None:
    """The pointer off every button (no hover, no tooltip in the picture)."""
    post(pygame.MOUSEMOTION, pos=(1, 719), rel=(0, 0), buttons=(0, 0, 0))
    steps(app, 3)


def archipelago() -> Game:
    seats = {n: Seat("human", "reciprocal", "normal") for n in TEAMS}
    game = Game.new(load("archipelago"), seats=seats)
    game.meta["facilitator"] = True
    return game


def test_briefing(app: App, out: Path) -> None:
    scene = GameScene(app, archipelago(), facilitator=True)
    app.push(scene)
    steps(app, 2)
    assert isinstance(app.scenes.top, HandoffScene)
    key(app, pygame.K_RETURN)
    brief = app.scenes.top
    assert isinstance(brief, BriefingScene) and brief.nation.id == "coralia"
    away(app)
    assert brief.kit.rendered("Secretly, your banks need")
    shoot(app, out, "briefing.png")


def test_facilitator(app: App, out: Path) -> None:
    game = archipelago()
    for _ in range(3):
        play_ai_turn(game, all_ai=True)
    game.meta["turn_timer"] = 300
    scene = GameScene(app, game, facilitator=True)
    app.push(scene)
    steps(app, 2)
    for _ in range(4):  # the hand-off, Coralia's report, a decision it leaves for later
        if isinstance(app.scenes.top, (HandoffScene, TurnReportScene)):
            key(app, pygame.K_RETURN)
        elif isinstance(app.scenes.top, ChoiceDialog):
            key(app, pygame.K_ESCAPE)
    assert app.scenes.top is scene and scene.phase == "planning"
    key(app, pygame.K_f, pygame.KMOD_CTRL | pygame.KMOD_SHIFT)
    assert scene.desk.open
    click(app, spot(scene, "fac:omniscient"))
    click(app, spot(scene, "fac:reason"))
    for ch in "the Forum is too comfortable":
        post(pygame.TEXTINPUT, text=ch)
    steps(app, 2)
    key(app, pygame.K_RETURN)
    steps(app, 30)  # the timer runs a little
    scene.map.prepare()
    away(app)
    assert scene.kit.rendered("FACILITATOR VIEW")
    assert scene.desk.panel.kit.rendered("Inject: a cyber weapon leaks")
    shoot(app, out, "facilitator.png")


def test_debrief(app: App, out: Path, tmp_path: Path) -> None:
    game = archipelago()
    for turn in range(1, game.state.last_turn + 1):
        if turn == 4:
            game.intervene(
                InjectEvent(reason="the room got comfortable", event="leak-inject"),
                note="the room got comfortable",
            )
        if turn == 6:
            game.set_seat(
                "northreach",
                Seat("ai", "aggressive", "normal"),
                by_facilitator=True,
                note="Northreach's team left early",
            )
            game.intervene(
                AdjustTrust(reason="a leaked memo", frm="coralia", to="northreach", by=-8),
                note="a leaked memo",
            )
        play_ai_turn(game, all_ai=True)
    game.set_seat("northreach", Seat("human", "aggressive", "normal"))
    assert game.over
    debrief = DebriefScene(app, game)
    app.push(debrief)
    start = time.perf_counter()
    while not debrief.ready:
        steps(app)
        time.sleep(0.002)
        assert time.perf_counter() - start < 30
    steps(app, 2)
    away(app)
    assert debrief.kit.rendered("Secret objectives, revealed")
    shoot(app, out, "debrief.png")
    # The trust chart with its slider, for the guide's text (not a doc picture).
    click(app, spot(debrief, "debrief:tab:charts"))
    click(app, spot(debrief, "debrief:chart:trust"))
    key(app, pygame.K_LEFT)
    start = time.perf_counter()
    while debrief.waiting():
        steps(app)
        time.sleep(0.002)
        assert time.perf_counter() - start < 30
    steps(app, 2)
    away(app)
    shoot(app, tmp_path, "debrief-trust.png")
    assert debrief.trust_turn == debrief.data.debrief.turns_played - 1  # type: ignore[union-attr]


def test_debrief_ai_decisions(app: App, out: Path) -> None:
    """ "Its moves come with a one-line reason (shown in the UI and the debrief)": the
    debrief's AI decisions tab lists every AI move with its reason, filtered by kind and
    by nation, a page at a time; secret moves are marked."""
    from uidrive import until

    game = Game.new(load("arms-race"), 3)
    while not game.over:
        play_ai_turn(game, all_ai=True)
    debrief = DebriefScene(app, game)
    app.push(debrief)
    until(app, lambda: debrief.ready, "the debrief data")
    click(app, spot(debrief, "debrief:tab:decisions"))
    assert debrief.tab == "decisions"
    decisions = debrief.data.debrief.decisions if debrief.data else ()
    actions = [x for x in decisions if x.group == "action"]
    assert actions and all(x.reason for x in decisions)
    away(app)
    first = actions[0]
    assert debrief.kit.rendered(first.action)
    assert debrief.kit.rendered(first.reason[:1].upper() + first.reason[1:])
    assert debrief.kit.rendered(f"{len(actions)} of {len(decisions)} AI decisions")
    shoot(app, out, "debrief-decisions.png")
    # Answers, with why each proposal was taken or refused.
    click(app, spot(debrief, "debrief:decisions:answers"))
    answer = next(x for x in decisions if x.group == "answer")
    away(app)
    assert debrief.kit.rendered(answer.action)
    # One nation at a time: Corvania's, and the next page of them.
    click(app, spot(debrief, "debrief:decisions:all"))
    click(app, spot(debrief, "debrief:decisions:nation:next"))
    assert debrief.decision_nation == "corvania"
    mine = [x for x in decisions if x.nation == "corvania"]
    away(app)
    assert debrief.kit.rendered(f"{len(mine)} of {len(decisions)} AI decisions")
    assert debrief.kit.rendered("secret")  # its budgets, and any covert operation
    key(app, pygame.K_PAGEDOWN)
    assert debrief.decision_page == 1
    away(app)
    assert debrief.kit.rendered(mine[14].action)
    # A row's nation is a filter too: click one to see every nation's again, and back.
    click(app, spot(debrief, "debrief:decision:14"))
    assert debrief.decision_nation is None and debrief.decision_page == 0
    click(app, spot(debrief, "debrief:decision:0"))
    assert debrief.decision_nation == decisions[0].nation
    key(app, pygame.K_ESCAPE)
