"""The game screen and its turn flow, driven with real pygame events through the real app.

Events are posted to pygame's queue and taken by ``App.step`` (fixed ``DT``), so they go
through pygame_gui and the scene stack as a player's would. The AI resolves turns in a
background thread; tests step frames until it is done.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pygame
import pytest
from uidrive import (
    capital_click,
    click,
    key,
    move,
    non_blank,
    past_the_report,
    post,
    spot,
    stack,
    steps,
    top,
    tutorial,
    until,
)

from game.engine.game import Game, Seat
from game.engine.orders import Talks
from game.engine.saves import load_game
from game.scenario.catalog import load
from game.ui.app import App
from game.ui.panels import links
from game.ui.scene import Scene
from game.ui.scenes.choice_dialog import ChoiceDialog
from game.ui.scenes.confirm import ConfirmDialog, InfoDialog
from game.ui.scenes.end_screen import EndScreen
from game.ui.scenes.facilitator import PinDialog
from game.ui.scenes.game_scene import GameScene
from game.ui.scenes.handoff import HandoffScene
from game.ui.scenes.ingame_menu import IngameMenu, SaveDialog
from game.ui.scenes.turn_report import TurnReportScene
from game.ui.settings import Settings

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def app() -> App:
    return App(Settings())


# --------------------------------------------------------------------------- every scene


def test_every_scene_of_the_game_is_built_updated_and_drawn(app: App) -> None:
    game = tutorial()
    scene = GameScene(app, game)
    app.push(scene)
    steps(app, 5)
    assert stack(app) == ["GameScene"] and scene.phase == "planning"
    assert non_blank(app.window)
    for tab in ("nation", "orders", "inbox", "news"):
        click(app, spot(scene, f"tab:{tab}"))
        assert scene.tab == tab
        assert non_blank(app.window)
    view = scene.view
    report = None
    from game.ai.driver import play_ai_turn

    probe = tutorial()
    play_ai_turn(probe, all_ai=True)
    report = probe.history[-1].report.for_nation(0)
    event = next(e for e in load("archipelago").events if e.choice is not None)
    dialogs: list[Scene] = [
        HandoffScene(app, "Borealis", (86, 180, 233), turn=1, last_turn=8),
        TurnReportScene(app, report, scene.names, scene._colours, view=view),
        ChoiceDialog(app, event, None, lambda option: None),
        EndScreen(app, probe, scene._colours, humans=["meridia"]),
        IngameMenu(app, scene),
        SaveDialog(app, scene),
        ConfirmDialog(app, "End the turn?", "A question about hotlines and norms."),
        InfoDialog.for_entry(app, "hotlines"),
        InfoDialog.keys(app),
    ]
    for dialog in dialogs:
        app.push(dialog)
        steps(app, 3)
        assert app.scenes.top is dialog
        assert non_blank(app.window), type(dialog).__name__
        if not dialog.opaque:
            assert scene in app.scenes.visible()
        app.scenes.pop()
        steps(app)
    assert stack(app) == ["GameScene"]


def test_the_screen_reflows_from_the_smallest_window_to_4k(app: App) -> None:
    scene = GameScene(app, tutorial())
    app.push(scene)
    steps(app, 2)
    for size, scale in (((1024, 600), 1.0), ((1280, 720), 1.0), ((3840, 2160), 2.0)):
        app.set_ui_scale(scale)
        post(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size)
        steps(app, 3)
        assert app.size == size
        window = pygame.Rect((0, 0), size)
        assert window.contains(scene.sidebar.rect) and window.contains(scene.topbar.rect)
        assert scene.map.rect.width > size[0] // 2 and scene.map.rect.height > size[1] // 2
        assert not scene.map.rect.colliderect(scene.sidebar.rect)
        end = spot(scene, "footer:end")
        assert window.contains(end)
        assert non_blank(app.window)


# --------------------------------------------------------------------------- a scripted turn


def test_a_scripted_turn_of_talks_reaches_the_engine_and_the_report(app: App) -> None:
    """Select a nation on the map, choose talks, pick the target, confirm, end the turn,
    hand off, read the report: the order reached the engine and the report shows it."""
    game = tutorial("meridia", "borealis")
    scene = GameScene(app, game)
    app.push(scene)
    steps(app, 2)
    assert isinstance(top(app), HandoffScene) and top(app).nation == "Meridia"
    key(app, pygame.K_RETURN)
    assert type(top(app)).__name__ == "BriefingScene"  # turn 1: the team's briefing
    key(app, pygame.K_RETURN)
    assert top(app) is scene and scene.phase == "planning" and scene.viewer == 0

    click(app, capital_click(scene, 1))  # Borealis, on the map
    assert scene.selected == 1 and scene.tab == "nation"
    click(app, spot(scene, "tab:orders"))
    click(app, spot(scene, "kind:talks"))
    assert scene.sidebar.orders.kind == "talks"
    click(app, spot(scene, "target:kind=talks|nation=meridia|target=borealis"))
    click(app, spot(scene, "orders:confirm"))
    assert scene.book is not None
    assert scene.book.orders() == [Talks("meridia", "borealis")]

    key(app, pygame.K_RETURN)  # one action slot is unused: the game asks
    confirm = top(app)
    assert isinstance(confirm, ConfirmDialog) and "unused" in confirm.text
    click(app, spot(confirm, "confirm:yes"))
    assert isinstance(top(app), HandoffScene) and top(app).nation == "Borealis"
    key(app, pygame.K_RETURN)
    assert type(top(app)).__name__ == "BriefingScene"
    key(app, pygame.K_RETURN)
    assert scene.viewer == 1 and scene.phase == "planning"
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)  # Borealis ends its turn without actions
    until(app, lambda: isinstance(top(app), HandoffScene), "the hand-off back to Meridia")
    assert top(app).nation == "Meridia"

    record = game.history[-1]
    assert Talks("meridia", "borealis") in record.orders["meridia"]

    key(app, pygame.K_RETURN)
    report = top(app)
    assert isinstance(report, TurnReportScene) and report.report.nation == 0
    changes = [c for c in report.report.trust_changes if c.to == 1 and c.reason == "talks"]
    assert changes and changes[0].value > 0
    assert report.kit.rendered("talks with Borealis")  # the news line was drawn
    assert report.kit.rendered("Talks")  # the trust reason was drawn
    key(app, pygame.K_RETURN)
    assert top(app) is scene and scene.phase == "planning" and scene.view.turn == 2


def test_hot_seat_passes_through_private_hand_offs(app: App) -> None:
    game = tutorial("meridia", "borealis")
    scene = GameScene(app, game)
    app.push(scene)
    handoffs: list[str] = []

    def through_handoff() -> None:
        handoff = top(app)
        assert isinstance(handoff, HandoffScene)
        handoffs.append(handoff.nation)
        # Nothing of the game screen is drawn under it, and the map is already the
        # next nation's: the previous one's orders are gone.
        assert scene not in app.scenes.visible()
        assert scene.book is None and scene.sent == []
        assert handoff.nation == scene.names.of(scene.viewer)
        key(app, pygame.K_RETURN)
        if game.turn == 1:  # on turn 1 the team's private briefing comes first
            assert type(top(app)).__name__ == "BriefingScene"
            key(app, pygame.K_RETURN)

    def end_turn() -> None:
        key(app, pygame.K_RETURN)
        if isinstance(top(app), ConfirmDialog):
            key(app, pygame.K_RETURN)

    steps(app, 2)
    through_handoff()
    scene.nudge_invest("defense", 2)  # Meridia invests 1 point
    assert scene.book is not None and scene.book.invest("defense") == 1.0
    end_turn()
    through_handoff()
    assert scene.book is not None and scene.book.invest("defense") == 0.0
    end_turn()
    until(app, lambda: isinstance(top(app), HandoffScene), "the next turn's hand-off")
    through_handoff()
    assert isinstance(top(app), TurnReportScene) and top(app).report.nation == 0
    key(app, pygame.K_RETURN)
    end_turn()
    through_handoff()
    assert isinstance(top(app), TurnReportScene) and top(app).report.nation == 1
    assert handoffs == ["Meridia", "Borealis", "Meridia", "Borealis"]
    assert game.history[0].orders["meridia"][0].defense == 1.0  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- orders


def test_illegal_actions_are_greyed_out_with_the_reason(app: App) -> None:
    scene = GameScene(app, tutorial())
    app.push(scene)
    steps(app, 2)
    click(app, spot(scene, "tab:orders"))
    # The tutorial has no arms-control agreement: that kind is greyed out, and says why.
    spot(scene, "kind:ratify_arms_control")
    steps(app)
    grey = next(s for s in scene.pointer.spots if s.id == "kind:ratify_arms_control")
    assert not grey.enabled and grey.tip is not None and grey.tip.warning
    assert "no arms-control" in grey.tip.text
    click(app, grey.rect)
    assert scene.sidebar.orders.kind is None  # a greyed button does nothing
    # Sabotage, then build capacity: the budget no longer allows another 3 points.
    scene.stage_action("sabotage", "borealis")
    steps(app)
    click(app, spot(scene, "orders:confirm"))
    click(app, spot(scene, "invest:defense:+"))
    click(app, spot(scene, "invest:defense:+"))
    spot(scene, "kind:build_capacity")
    steps(app)
    capacity = next(s for s in scene.pointer.spots if s.id == "kind:build_capacity")
    assert not capacity.enabled and "budget" in capacity.tip.text  # type: ignore[union-attr]
    # Ctrl+Z undoes the last change; the × takes back one order.
    key(app, pygame.K_z, pygame.KMOD_CTRL)
    assert scene.book is not None and scene.book.invest_total == 0.5
    click(app, spot(scene, "undo:kind=sabotage|nation=meridia|target=borealis"))
    assert all(o.kind != "sabotage" for o in scene.book.orders())


def test_posture_investment_and_answers_go_into_the_orders(app: App) -> None:
    game = tutorial()
    from game.ai.driver import play_ai_turn

    play_ai_turn(game, all_ai=True)  # the AI nations offer Meridia hotlines
    scene = GameScene(app, game)
    app.push(scene)
    past_the_report(app)
    click(app, spot(scene, "tab:orders"))
    assert scene.book is not None
    other = next(p for p in ("defensive", "offensive") if p != scene.book.current_posture)
    click(app, spot(scene, f"posture:{other}"))
    click(app, spot(scene, "invest:resilience:+"))
    click(app, spot(scene, "tab:inbox"))
    proposals = scene.view.proposals_to_me
    assert proposals and scene.inbox_waiting >= len(proposals)
    click(app, spot(scene, f"answer:{proposals[0].id}:yes"))
    kinds = [o.kind for o in scene.book.orders()]  # type: ignore[union-attr]
    assert kinds[:2] == ["posture", "invest"] and "answer" in kinds


def test_end_turn_asks_when_the_inbox_would_go_unanswered(app: App) -> None:
    """Every slot used but proposals still unanswered: Enter asks first (they lapse), and
    says nothing about unused slots."""
    game = tutorial()
    from game.ai.driver import play_ai_turn

    play_ai_turn(game, all_ai=True)  # the AI nations offer Meridia hotlines
    scene = GameScene(app, game)
    app.push(scene)
    past_the_report(app)
    assert scene.inbox_waiting
    click(app, spot(scene, "tab:orders"))
    others = [nid for nid in game.ids if nid != "meridia"]
    for target in others[:2]:
        click(app, spot(scene, "kind:talks"))
        click(app, spot(scene, f"target:kind=talks|nation=meridia|target={target}"))
        click(app, spot(scene, "orders:confirm"))
    assert scene.book is not None and scene.book.slots_left == 0
    key(app, pygame.K_RETURN)
    confirm = top(app)
    assert isinstance(confirm, ConfirmDialog), stack(app)
    assert "unanswered" in confirm.text and "unused" not in confirm.text
    key(app, pygame.K_ESCAPE)
    assert top(app) is scene and scene.phase == "planning"


# --------------------------------------------------------------------------- save and load


def test_ctrl_s_saves_and_the_save_loads_back(app: App) -> None:
    game = tutorial()
    from game.ai.driver import play_ai_turn

    play_ai_turn(game, all_ai=True)
    scene = GameScene(app, game)
    app.push(scene)
    past_the_report(app)
    key(app, pygame.K_s, pygame.KMOD_CTRL)
    dialog = top(app)
    assert isinstance(dialog, SaveDialog) and dialog.name() == "tutorial-turn02"
    for ch in "-mine":
        post(pygame.TEXTINPUT, text=ch)
    steps(app, 2)
    key(app, pygame.K_RETURN, frames=3)
    assert top(app) is scene
    from game.ui.savefiles import list_saves, saves_dir

    path = saves_dir() / "tutorial-turn02-mine.json"
    assert path.is_file(), list(saves_dir().glob("*"))
    assert any(e.path == path for e in list_saves())
    loaded = load_game(path)
    assert loaded.turn == game.turn and loaded.hashes() == game.hashes()
    # The loaded game opens in the game screen where it was left.
    app.scenes.clear()
    again = GameScene(app, loaded)
    app.push(again)
    past_the_report(app)
    steps(app, 2)
    assert again.phase == "planning" and again.view.turn == 2 and non_blank(app.window)


def test_a_failed_save_is_a_one_line_message_not_a_crash(
    app: App, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("CYBERDIP_DATA_DIR", str(blocker))
    scene = GameScene(app, tutorial())
    app.push(scene)
    steps(app, 2)
    key(app, pygame.K_s, pygame.KMOD_CTRL)
    key(app, pygame.K_RETURN, frames=3)
    dialog = top(app)
    assert isinstance(dialog, SaveDialog) and dialog.error and "\n" not in dialog.error
    assert any(t.error for t in scene.toasts)  # an error toast on the game screen too
    key(app, pygame.K_ESCAPE)
    assert top(app) is scene


def test_autosave_at_the_start_of_every_turn(app: App) -> None:
    from game.ui.savefiles import autosaves_dir

    scene = GameScene(app, tutorial(), autoplay=2)
    app.push(scene)
    until(app, lambda: scene.turns_played >= 2, "two autoplayed turns")
    until(app, lambda: scene.task is None, "the last turn")
    assert len(list(autosaves_dir().glob("*.json"))) >= 2


# --------------------------------------------------------------------------- menu, keys, end


def test_escape_opens_the_menu_and_quitting_asks_first(app: App) -> None:
    scene = GameScene(app, tutorial())
    app.push(scene)
    steps(app, 2)
    scene.stage_action("talks", "borealis")
    key(app, pygame.K_ESCAPE)  # Esc first backs out of the action being prepared...
    assert scene.sidebar.orders.staged is None
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_ESCAPE)  # ...then opens the menu
    menu = top(app)
    assert isinstance(menu, IngameMenu)
    click(app, spot(menu, "menu:quit"))
    confirm = top(app)
    assert isinstance(confirm, ConfirmDialog) and confirm.danger
    click(app, spot(confirm, "confirm:no"))
    assert top(app) is scene
    key(app, pygame.K_F1)
    assert type(top(app)).__name__ in ("HelpOverlay", "InfoDialog")


def test_the_end_screen_ranks_everyone_and_the_debrief_waits(app: App) -> None:
    game = tutorial()
    from game.ai.driver import play_ai_turn

    while game.turn < game.state.last_turn:
        play_ai_turn(game, all_ai=True)
    scene = GameScene(app, game)
    app.push(scene)
    past_the_report(app)
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)
    until(app, lambda: isinstance(top(app), TurnReportScene), "the last report")
    key(app, pygame.K_RETURN)
    end = top(app)
    assert isinstance(end, EndScreen) and game.over
    assert end.kit.rendered(end.result.headline(game.state.world.names))
    debrief = end.spot_rect("end:debrief")
    assert debrief is not None
    steps(app)
    button = next(s for s in end.pointer.spots if s.id == "end:debrief")
    if links.available(links.DEBRIEF):
        assert button.enabled
    else:
        assert not button.enabled and button.tip is not None
        assert button.tip.text == "coming in the classroom build"
    click(app, spot(end, "end:map"))
    assert top(app) is scene and scene.phase == "over"


def test_nothing_is_queued_or_toasted_once_the_game_is_over(app: App) -> None:
    """An order queued on the last turn: its "Queued: …" toast does not follow the player
    onto the end screen, and back on the map nothing more can be staged or queued."""
    game = tutorial("meridia")
    from game.ai.driver import play_ai_turn

    while game.turn < game.state.last_turn:
        play_ai_turn(game, all_ai=True)
    scene = GameScene(app, game)
    app.push(scene)
    past_the_report(app)
    click(app, spot(scene, "tab:orders"))
    click(app, spot(scene, "kind:talks"))
    click(app, spot(scene, "target:kind=talks|nation=meridia|target=borealis"))
    click(app, spot(scene, "orders:confirm"))
    assert [t.text for t in scene.toasts] == ["Queued: Talks with Borealis"]
    key(app, pygame.K_RETURN)  # one action slot is unused: the game asks
    click(app, spot(top(app), "confirm:yes"))
    until(app, lambda: isinstance(top(app), TurnReportScene), "the last report")
    key(app, pygame.K_RETURN)
    end = top(app)
    assert isinstance(end, EndScreen) and game.over
    assert scene.toasts == []  # (the toast would show on the map beneath the results)
    assert map_beside(app, scene, end) is not None

    click(app, spot(end, "end:map"))
    assert top(app) is scene and scene.phase == "over" and scene.book is None
    assert scene.tab == "orders"
    assert scene.kit.rendered("The game is over. End turn shows the final results.")
    assert scene.spot_rect("kind:talks") is None and scene.spot_rect("orders:confirm") is None
    click(app, spot(scene, "tab:nation"))
    click(app, capital_click(scene, 1))  # Borealis: its page has no quick actions now
    assert scene.selected == 1 and scene.spot_rect("quick:talks") is None
    key(app, pygame.K_TAB)
    assert scene.toasts == [] and len(game.history) == game.state.last_turn
    key(app, pygame.K_RETURN)  # End turn brings the results back
    assert isinstance(top(app), EndScreen)


def map_beside(app: App, scene: GameScene, dialog: Scene) -> pygame.Surface:
    """The part of the map left of ``dialog``'s card, as the window shows it: asserts that
    the map was drawn there (dimmed), not left blank."""
    card = dialog.card_rect  # type: ignore[attr-defined]
    area = scene.map.rect.clip(pygame.Rect(0, card.top, card.left, card.height))
    assert area.width > 40, area
    beside = app.window.subsurface(area)
    assert non_blank(beside), f"the map is blank under {type(dialog).__name__}"
    return beside


def test_the_map_is_drawn_under_every_dialog_from_its_first_frame(app: App) -> None:
    """Whatever opens over the game — the report a carried-on game opens on (in the same
    frame as the view changes), a confirmation, the menu, the PIN card — the map shows
    beneath it, dimmed, from the first frame."""
    game = Game.new(load("great-powers"), seats={"usa": Seat("human", "reciprocal", "normal")})
    from game.ai.driver import play_ai_turn

    play_ai_turn(game, all_ai=True)
    game.set_facilitator_pin("2468")
    scene = GameScene(app, game)
    app.push(scene)
    steps(app)
    report = top(app)
    assert isinstance(report, TurnReportScene), stack(app)
    map_beside(app, scene, report)
    key(app, pygame.K_RETURN)
    assert top(app) is scene and scene.phase == "planning"
    for k, mod, kind in (
        (pygame.K_RETURN, 0, ConfirmDialog),
        (pygame.K_ESCAPE, 0, IngameMenu),
        (pygame.K_f, pygame.KMOD_CTRL | pygame.KMOD_SHIFT, PinDialog),
    ):
        key(app, k, mod, frames=1)
        dialog = top(app)
        assert isinstance(dialog, kind), stack(app)
        map_beside(app, scene, dialog)
        key(app, pygame.K_ESCAPE)
        assert top(app) is scene, stack(app)


def test_a_spectated_all_ai_game_plays_in_the_background(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The AI's turn runs in a thread: while it works, frames go on (the window never
    freezes). The AI is held until the test lets it go, so how fast it is cannot matter."""
    import threading

    import game.ai.driver as driver

    release = threading.Event()
    real = driver.ai_orders

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        assert release.wait(30), "never released"
        return real(*args, **kwargs)

    monkeypatch.setattr(driver, "ai_orders", held)
    game = Game.new(load("arms-race"))
    assert not game.humans()
    scene = GameScene(app, game)
    app.push(scene)
    steps(app, 2)
    assert scene.phase == "watching" and scene.book is None
    key(app, pygame.K_RETURN)
    frames = app.frames
    steps(app, 10)
    assert scene.thinking and app.frames >= frames + 10 and not game.history
    release.set()
    until(app, lambda: not scene.thinking, "the AI turn")
    assert len(game.history) == 1


# --------------------------------------------------------------------------- command line


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
    )


def test_play_autoplay_exits_0() -> None:
    done = _cli("play", "tutorial", "--autoplay", "2")
    assert done.returncode == 0, done.stderr
    assert "2 turn(s) played" in done.stdout


def test_play_with_a_bad_save_is_one_line_and_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "cyber-diplomacy-save", "trunc')
    done = _cli("play", "--load", str(bad))
    assert done.returncode == 1
    assert done.stderr.strip() and len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_the_top_bar_shows_the_scenario_and_the_nation_whole_at_1280() -> None:
    """At the default 1280x720 the top bar narrows its gauges before it cuts the
    scenario's title or the player's nation short ("Great Powers in Cy…")."""
    app = App(Settings(window_size=(1280, 720)))
    game = Game.new(load("great-powers"), seats={"usa": Seat("human", "reciprocal", "normal")})
    scene = GameScene(app, game)
    app.push(scene)
    steps(app, 3)
    assert app.window.get_size() == (1280, 720)
    kit = scene.kit
    assert kit.rendered("Great Powers in Cyberspace"), "the title was cut short"
    assert kit.rendered("United States"), "the nation's name was cut short"


def test_the_map_legend_never_hides_a_nation() -> None:
    """The Archipelago's islands fill every corner of the map: the legend rests folded to
    its title, so Saltmarsh (bottom-left, under where the full key would go) is in sight
    and named; pointing at the folded legend unfolds the key, moving away folds it."""
    app = App(Settings(window_size=(1280, 720)))
    game = Game.new(load("archipelago"), seats={"coralia": Seat("human", "reciprocal", "normal")})
    scene = GameScene(app, game)
    app.push(scene)
    steps(app, 3)
    view = scene.map
    capitals = view._capitals_on_screen()

    def covered() -> list[int]:
        box = view.legend_shown()[1].move(view.rect.topleft)
        return [n for n, (x, y) in enumerate(capitals) if box.collidepoint(x, y)]

    assert covered() == []
    saltmarsh = game.ids.index("saltmarsh")
    labels = view._place_labels(0, view.style(), unowned=False)
    assert any(label.nation == saltmarsh for label in labels), "Saltmarsh is not named"
    folded = view.legend_shown()[1]
    move(app, folded.move(view.rect.topleft).center)
    steps(app, 2)
    unfolded = view.legend_shown()[1]
    assert unfolded.height > 3 * folded.height  # the whole key, under the pointer
    move(app, view.rect.center)
    steps(app, 2)
    assert view.legend_shown()[1] == folded and covered() == []


def test_the_inbox_shows_a_norm_proposal_whole_and_each_open_offer_once() -> None:
    """Turn 2 of the Archipelago: Tidewater's call to endorse "No interference in
    elections" is shown whole (it wraps, not "No in…"), and Coralia's own call to every
    nation to endorse its norm is listed once, in plain words."""
    from game.ai.driver import play_ai_turn
    from game.engine.orders import ProposeNorm, Talks

    app = App(Settings(window_size=(1280, 720)))
    game = Game.new(load("archipelago"), seats={"coralia": Seat("human", "reciprocal", "normal")})
    game.submit(
        "coralia", [Talks("coralia", "northreach"), ProposeNorm("coralia", "protect-cables")]
    )
    play_ai_turn(game)
    scene = GameScene(app, game)
    app.push(scene)
    past_the_report(app)
    click(app, spot(scene, "tab:inbox"))
    steps(app, 2)
    norm = next(p for p in scene.view.proposals_to_me if p.kind == "norm")
    assert scene.sidebar.page.spot_rect(f"answer:{norm.id}:yes") is not None
    kit = scene.kit
    assert kit.rendered("Tidewater asks you to endorse “No"), "the title is missing"
    assert kit.rendered("elections”"), "the norm's name was cut off"
    mine = [p for p in scene.view.my_proposals if p.subject == "protect-cables"]
    assert mine and any(p.to < 0 for p in mine)
    assert kit.rendered("• “Protect cables and grids”: you asked every nation to")
    assert not kit.rendered("offer to every nation waits for an answer.")


def test_a_kind_greyed_out_for_every_option_says_so_of_all_of_them() -> None:
    """ "Propose a norm" when every norm is signed reads "you have signed every norm", not
    the single order's "we have already signed this norm"."""
    from game.ui.panels.orderbook import OrderBook

    game = Game.new(load("archipelago"), 1)
    coralia = game.state.world.index["coralia"]
    game.state.norm_signed[0, coralia] = True
    book = OrderBook.of_view(game.view(coralia))
    assert book.kind_reason("propose_norm") is None  # the other norm can still be proposed
    game.state.norm_signed[:, coralia] = True
    book = OrderBook.of_view(game.view(coralia))
    assert book.kind_reason("propose_norm") == "you have signed every norm in this scenario"
    assert book.kind_reason("withdraw_norm") is None


def test_objectives_met_are_named_by_their_text_not_their_ids() -> None:
    """The end screen's tooltip and the debrief's "objectives met" column say "2 of 3
    met: <what they were>", never the scenario's internal ids."""
    from game.ui.panels.wording import objectives_met, objectives_met_text

    scenario = load("archipelago")
    coralia = next(n for n in scenario.nations if n.id == "coralia")
    goals = [*coralia.objectives, *coralia.secret_objectives]
    head, texts = objectives_met(scenario, "coralia", [goals[0].id])
    assert head == f"1 of {len(goals)} met"
    assert texts == [" ".join(goals[0].text.split()).rstrip(".")]
    line = objectives_met_text(scenario, "coralia", [g.id for g in goals])
    assert line == f"{len(goals)} of {len(goals)} met: " + "; ".join(
        " ".join(g.text.split()).rstrip(".") for g in goals
    )
    assert objectives_met_text(scenario, "coralia", []) == f"0 of {len(goals)} met"


def test_the_nation_panel_shows_the_trust_talks_have_earned(app: App) -> None:
    """Talks earn a nation's trust only up to a cap, and that credit is public: picking a
    nation shows how much of its trust in you talks hold and what another round would
    add (the AI reads the same number); with no talks yet, the line is not there."""
    from game.engine.rules import RULES

    game = tutorial("meridia")
    meridia, borealis, austral = (
        game.state.world.index[x] for x in ("meridia", "borealis", "austral")
    )
    game.submit("meridia", [Talks("meridia", target="borealis")])
    game.advance()
    scene = GameScene(app, game)
    app.push(scene)
    past_the_report(app)
    click(app, capital_click(scene, borealis))
    credit = float(scene.view.talks_credit[borealis, meridia])
    assert credit == pytest.approx(RULES.talks_trust * (1 - RULES.talks_decay))
    line = spot(scene, f"nation:talks-credit:{borealis}")
    steps(app)
    hot = next(s for s in scene.pointer.spots if s.id == f"nation:talks-credit:{borealis}")
    assert hot.tip is not None and f"up to {RULES.talks_cap:.0f}" in hot.tip.text
    assert ("Now", f"{credit:.1f}") == hot.tip.rows[0][:2]
    click(app, line)  # opens the Cyberpedia on talks
    assert top(app).__class__.__name__ == "CyberpediaScene"
    key(app, pygame.K_ESCAPE)
    click(app, capital_click(scene, austral))
    steps(app)
    assert float(scene.view.talks_credit[austral, meridia]) < 0.5
    assert scene.spot_rect(f"nation:talks-credit:{austral}") is None


def test_the_nation_panel_gives_an_ai_nation_s_moves_we_saw_in_its_own_words(
    app: App,
) -> None:
    """ "Its moves come with a one-line reason (shown in the UI ...)": picking an AI
    nation shows the moves of its last turn that we saw, each with the reason it gave.
    Its budget and covert operations stay hidden, and so do its private dealings with
    others (a hotline offer to another nation, which only that nation hears of); a
    person's nation says nothing."""
    from game.ai.driver import play_ai_turn
    from game.engine.game import Seat

    private = ("propose_hotline", "propose_alliance", "share_intel")
    hidden = ("invest", "espionage", "sabotage", "disinformation")
    scenario = load("arms-race")
    game = Game.new(scenario, 16)
    for n in scenario.nations:
        game.seats[n.id] = Seat(
            "human" if n.id in ("fennmoor", "elyria") else "ai", n.personality, n.difficulty
        )
    shown: list = []
    unseen: list = []
    talks_to_us = False
    # A turn with a move we saw (talks with us among them) and one we did not.
    while not (shown and unseen and talks_to_us):
        play_ai_turn(game, all_ai=True)
        given = game.history[-1].orders["drachmark"]
        shown = [
            o
            for o in given
            if o.uses_slot
            and o.kind not in hidden
            and (o.kind not in private or o.target == "fennmoor")
        ]
        unseen = [o for o in given if o.kind in private and o.target != "fennmoor"]
        talks_to_us = any(o.kind == "talks" and o.target == "fennmoor" for o in shown)
    # Elyria's team leaves; the AI takes over from the next turn (one person remains).
    game.seats["elyria"] = Seat("ai", "opportunist", "normal")
    scene = GameScene(app, game)
    app.push(scene)
    past_the_report(app)
    drachmark = game.state.world.index["drachmark"]
    click(app, capital_click(scene, drachmark))
    steps(app, 2)
    page = scene.sidebar.page
    assert page.kit.rendered(f"Turn {game.history[-1].turn}, in their words")
    for order in shown:  # (the start of each: a long reason wraps)
        assert page.kit.rendered(order.reason[:1].upper() + order.reason[1:24])
    assert page.kit.rendered("Talks with you")  # (a move aimed at us)
    said = [k for k in range(8) if scene.spot_rect(f"nation:said:{drachmark}:{k}") is not None]
    assert said == list(range(len(shown)))  # nothing else: no offer to others, no budget
    for order in unseen:
        assert not page.kit.rendered(order.reason[:1].upper() + order.reason[1:])
    # Elyria was played by a person last turn: nothing is said for it (its orders carry
    # reasons here only because the test let the AI fill them in).
    click(app, capital_click(scene, game.state.world.index["elyria"]))
    steps(app, 2)
    assert scene.spot_rect(f"nation:said:{game.state.world.index['elyria']}:0") is None


def test_the_inbox_gives_an_ai_proposal_s_reason() -> None:
    """An AI nation's proposal says why it is made — the reason on the order that made
    it — under the offer; a person's proposal carries no such line, even with a note."""
    from game.ai.driver import play_ai_turn
    from game.engine.game import Seat
    from game.engine.orders import ProposeAlliance

    scenario = load("arms-race")
    game = Game.new(scenario, 1)
    for n in scenario.nations:
        human = n.id in ("fennmoor", "elyria")
        game.seats[n.id] = Seat("human" if human else "ai", n.personality, n.difficulty)
    me = game.state.world.index["fennmoor"]
    by_person = by_ai = []
    while not (by_person and by_ai) and not game.over:
        # Elyria's team invites Fennmoor into an alliance itself (the order even carries
        # a note); the AI nations play; Fennmoor's team does nothing.
        invite = ProposeAlliance("elyria", target="fennmoor", reason="a note from a team")
        with contextlib.suppress(ValueError):  # (while its last offer waits)
            game.submit("elyria", [invite])
        play_ai_turn(game)
        pending = game.view(me).proposals_to_me
        by_person = [p for p in pending if game.ids[p.frm] == "elyria"]
        by_ai = [p for p in pending if game.seats[game.ids[p.frm]].controller == "ai"]
    assert by_person and by_ai
    game.seats["elyria"] = Seat("ai", "opportunist", "normal")  # one person remains
    made = game.history[-1].orders
    app = App(Settings(), size=(1280, 720))
    scene = GameScene(app, game)
    app.push(scene)
    past_the_report(app)
    click(app, spot(scene, "tab:inbox"))
    steps(app, 2)
    page = scene.sidebar.page
    for p in by_ai:
        # The order that made it: from the proposer, of its kind, to us or to all.
        order = next(
            o
            for o in made[game.ids[p.frm]]
            if o.kind == f"propose_{p.kind}"
            and getattr(o, "target", "fennmoor") == "fennmoor"
            and getattr(o, "subject", p.subject) == p.subject
        )
        why = order.reason
        assert page.kit.rendered("“" + why[:1].upper() + why[1:24])  # (it may wrap)
        assert page.spot_rect(f"answer:{p.id}:why") is not None
    assert page.spot_rect(f"answer:{by_person[0].id}:why") is None
    assert not page.kit.rendered("A note from a team")


@pytest.mark.parametrize(("size", "scale"), [((1280, 720), 1.5), ((1024, 640), 1.25)])
def test_the_map_legend_stays_inside_the_map_at_a_large_ui_scale(
    size: tuple[int, int], scale: float
) -> None:
    """A wide legend (incident arcs, at a large UI scale) in a right-hand corner kept its
    right edge only when its corner lay right of the map's middle: it slid under the
    side panel. It stays inside the map, whatever its size."""
    from game.ai.driver import play_ai_turn

    game = Game.new(load("great-powers"), seats={"usa": Seat("human", "reciprocal", "normal")})
    for _ in range(8):
        play_ai_turn(game, all_ai=True)
    app = App(Settings(window_size=size, ui_scale=scale), size=size)
    app.running = True
    try:
        scene = GameScene(app, game)
        app.push(scene)
        steps(app, 3)
        past_the_report(app)
        _, box = scene.map.legend_shown()
        assert pygame.Rect((0, 0), scene.map.rect.size).contains(box), (box, scene.map.rect)
    finally:
        app.scenes.clear()


def test_a_trust_change_that_rounds_to_nothing_reads_as_no_change() -> None:
    """Trust that went up and down by as much shows '±0.0' in the neutral colour, not a
    green '+0.0' (nor a red '−0.0')."""
    from game.ui.panels import wording as w

    assert w.signed(0.04) == w.signed(-0.04) == "±0.0"
    assert w.signed(2.46) == "+2.5" and w.signed(-1.0) == "−1.0"
    assert w.sign_colour(0.04, "good", "bad", "none") == "none"
    assert w.sign_colour(-0.04, "good", "bad", "none") == "none"
    assert w.sign_colour(0.06, "good", "bad", "none") == "good"
    assert w.sign_colour(-0.06, "good", "bad", "none") == "bad"


def test_a_long_report_and_the_end_screen_keep_their_buttons_in_the_smallest_window() -> None:
    """In the smallest window (1024x600) a long turn report and a 12-nation end screen
    scroll their body, and their buttons stay pinned inside the window."""
    from game.ai.driver import play_ai_turn

    size = (1024, 600)
    app = App(Settings(window_size=size), size=size)
    app.running = True
    window = pygame.Rect((0, 0), size)
    try:
        game = Game.new(load("great-powers"), seats={"usa": Seat("human", "reciprocal", "normal")})
        for _ in range(8):
            play_ai_turn(game, all_ai=True)
        app.push(GameScene(app, game))
        steps(app, 4)
        report = app.scenes.top
        assert isinstance(report, TurnReportScene)
        assert report.body.content_h > report.body.rect.height  # the body scrolls
        # What the pointer can reach as the report opens (the body not scrolled).
        shown = {spot.id: spot.rect for spot in report.pointer.spots}
        for spot in ("report:continue", "report:news"):
            assert spot in shown and window.contains(shown[spot]), (spot, shown.get(spot))
        click(app, report.spot_rect("report:continue"))
        assert app.scenes.top is not report  # the pinned button works
        while not game.over:
            play_ai_turn(game, all_ai=True)
        end = app.push(EndScreen(app, game, [(200, 120, 40)] * game.state.world.n))
        steps(app, 2)
        shown = {spot.id: spot.rect for spot in end.pointer.spots}
        for spot in ("end:debrief", "end:map", "end:menu"):
            assert spot in shown and window.contains(shown[spot]), (spot, shown.get(spot))
    finally:
        app.scenes.clear()


def test_nation_names_on_the_map_keep_air_between_them() -> None:
    """In Europe the names "European Union" and "Israel" were set edge to edge and read
    as one: every two names keep a few pixels apart."""
    from game.ai.driver import play_ai_turn
    from game.ui.mapview.labels import LABEL_GAP

    app = App(Settings(window_size=(1280, 720)), size=(1280, 720))
    app.running = True
    try:
        game = Game.new(load("great-powers"), seats={"usa": Seat("human", "reciprocal", "normal")})
        for _ in range(8):
            play_ai_turn(game, all_ai=True)
        scene = GameScene(app, game)
        app.push(scene)
        steps(app, 3)
        past_the_report(app)
        g = LABEL_GAP - 1
        for level in (0, 1, 2):
            named = [
                label.box
                for label in scene.map._place_labels(level, scene.map.style(), unowned=False)
                if label.nation is not None
            ]
            for i, a in enumerate(named):
                for b in named[i + 1 :]:
                    apart = not (
                        a[0] < b[2] + g and b[0] < a[2] + g and a[1] < b[3] + g and b[1] < a[3] + g
                    )
                    assert apart, (level, a, b)
    finally:
        app.scenes.clear()
