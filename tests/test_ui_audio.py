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


def test_the_music_loop_is_seamless_and_bounded() -> None:
    """The ambient loop: stereo, within its peak, the same every time, and its end runs
    into its start without a jump (it repeats for as long as the game is open)."""
    from game.ui.music import CHORD_SECONDS, CHORDS, PEAK, ambient_loop

    rate = 8_000  # (a low rate keeps the test quick; the shape does not depend on it)
    x = ambient_loop(rate)
    assert x.shape == (round(CHORD_SECONDS * len(CHORDS) * rate), 2)
    assert np.isfinite(x).all() and np.abs(x).max() <= PEAK + 1e-6
    steps_between = np.abs(np.diff(x, axis=0)).max()
    assert np.abs(x[0] - x[-1]).max() <= steps_between, "a click at the loop's seam"
    assert not np.array_equal(x[:, 0], x[:, 1]), "stereo"
    assert np.array_equal(x, ambient_loop(rate))


def test_music_plays_stops_and_comes_back_with_its_volume() -> None:
    from game.ui.music import Music

    silent = Music(0.0)
    silent.start()
    assert not silent.wait() and silent.channel is None
    music = Music(0.3)
    music.start()
    assert music.wait(), "the loop is made and playing"
    assert music.channel is not None and music.channel.get_busy()
    music.set_volume(0.0)
    assert not music.playing and not music.channel.get_busy()
    music.set_volume(0.15)
    assert music.playing and music.channel.get_busy()  # the loop is kept: no wait
    assert abs(music.channel.get_volume() - 0.15) < 0.01
    music.stop()


def test_the_settings_screen_sets_the_music_volume() -> None:
    app = App(Settings())
    screen = app.push(SettingsScene(app))
    steps(app, 2)
    assert screen.button("music:0.3").selected  # the default
    click(app, screen.button("music:0.0").rect)
    assert app.settings.music_volume == 0.0 == app.music.volume
    assert Settings.load().music_volume == 0.0
    click(app, screen.button("music:0.6").rect)
    assert Settings.load().music_volume == 0.6 == app.music.volume
    app.music.stop()
