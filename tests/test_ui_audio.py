"""Sound effects (game.ui.audio): the cues, the volume setting, and the sounds the real
screens play — through the real mixer on SDL's dummy audio device."""

from __future__ import annotations

import json

import numpy as np
import pygame
import pytest
from uidrive import capital_click, click, key, past_the_report, spot, steps, top, tutorial, until

from game.ai.driver import play_ai_turn
from game.ui.app import App
from game.ui.audio import CUES, Sounds, synthesise
from game.ui.scenes.game_scene import GameScene
from game.ui.scenes.settings_scene import SettingsScene
from game.ui.settings import Settings, settings_path


@pytest.mark.parametrize("cue", sorted(CUES))
def test_every_cue_is_a_short_clean_sound(cue: str) -> None:
    """Finite, within [-1, 1], audible, at most 1.5 s, ending in silence (no click), and
    the same samples every time (so the game sounds the same for everyone)."""
    x = synthesise(cue)
    assert np.isfinite(x).all() and np.abs(x).max() <= 1.0
    assert np.abs(x).max() > 0.15, "audible"
    assert len(x) <= 1.5 * 44_100
    assert abs(x[-1]) < 1e-3
    assert np.array_equal(x, synthesise(cue))
    slower = synthesise(cue, 22_050)
    assert abs(len(slower) - len(x) / 2) <= 2, "durations do not depend on the sample rate"


def test_sound_off_never_opens_the_audio_device() -> None:
    sounds = Sounds(0.0)
    assert sounds.play("click") is False
    assert sounds.available is None and not sounds.recent
    with pytest.raises(KeyError):
        sounds.play("fanfare")


def test_a_cue_plays_through_the_mixer() -> None:
    sounds = Sounds(0.5)
    assert sounds.play("report") is True
    assert sounds.available and list(sounds.recent) == ["report"]
    sounds.set_volume(7)
    assert sounds.volume == 1.0


def test_the_settings_screen_sets_the_volume_and_keeps_it() -> None:
    app = App(Settings())
    screen = app.push(SettingsScene(app))
    steps(app, 2)
    assert screen.button("sound:0.6").selected  # the default
    click(app, screen.button("sound:1.0").rect)
    assert app.settings.sound_volume == 1.0 == app.sounds.volume
    assert json.loads(settings_path().read_text())["sound_volume"] == 1.0
    assert app.sounds.recent[-1] == "queued"  # a sample at the new volume
    click(app, screen.button("sound:0.0").rect)
    assert app.sounds.volume == 0.0 and Settings.load().sound_volume == 0.0
    heard = len(app.sounds.recent)
    click(app, screen.button("colourblind").rect)
    assert len(app.sounds.recent) == heard, "sound off: the click is silent"
    click(app, screen.button("defaults").rect, frames=3)
    assert Settings.load().sound_volume == Settings().sound_volume == app.sounds.volume


def test_a_bad_volume_in_the_settings_file_falls_back() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"sound_volume": 5, "animation_speed": 2.0}))
    s = Settings.load()
    assert s.sound_volume == Settings().sound_volume and s.animation_speed == 2.0


def test_the_game_screen_sounds_what_happens() -> None:
    """Clicks click, a nation picked on the map, an order queued, a refusal, the end of
    the turn and the report each have their sound, played as they happen."""
    app = App(Settings())
    game = tutorial("meridia")
    play_ai_turn(game, all_ai=True)
    scene = GameScene(app, game)
    app.push(scene)
    past_the_report(app)
    heard = app.sounds.recent
    heard.clear()
    click(app, capital_click(scene, 1))
    assert list(heard) == ["select"]
    click(app, spot(scene, "tab:orders"))
    assert heard[-1] == "click"
    click(app, spot(scene, "kind:talks"))
    click(app, spot(scene, "target:kind=talks|nation=meridia|target=borealis"))
    click(app, spot(scene, "orders:confirm"))
    assert "queued" in heard
    scene.toast("refused", error=True)
    assert heard[-1] == "error"
    heard.clear()
    key(app, pygame.K_RETURN)  # a slot unused: the game asks
    click(app, spot(top(app), "confirm:yes"))
    assert heard[0] in ("click",) and "end_turn" in heard
    until(app, lambda: type(top(app)).__name__ == "TurnReportScene", "the next report")
    assert heard[-1] in ("report", "incident")
