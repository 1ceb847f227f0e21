"""Player settings: defaults, round trip, and a corrupt file that never crashes (game.ui.settings)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from game.ui.settings import MIN_WINDOW, Settings, config_dir, data_dir, settings_path


def test_env_vars_choose_the_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """CYBERDIP_CONFIG_DIR and CYBERDIP_DATA_DIR override the platform folders."""
    monkeypatch.setenv("CYBERDIP_CONFIG_DIR", str(tmp_path / "c"))
    monkeypatch.setenv("CYBERDIP_DATA_DIR", str(tmp_path / "d"))
    assert config_dir() == tmp_path / "c"
    assert data_dir() == tmp_path / "d"
    assert settings_path() == tmp_path / "c" / "settings.json"


def test_missing_file_gives_defaults() -> None:
    s = Settings.load()
    assert s == Settings()
    assert s.window_size == (1280, 720)


def test_round_trip() -> None:
    s = Settings(
        window_size=(1600, 900),
        fullscreen=True,
        ui_scale=1.5,
        colourblind_safe=True,
        animation_speed=2.0,
    )
    path = s.save()
    assert path.is_file()
    assert Settings.load() == s


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "",
        "[1, 2, 3]",
        "\x00\x01garbage",
        '"a string"',
    ],
)
def test_corrupt_file_gives_defaults_and_a_warning(
    content: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A settings file that cannot be read is replaced by defaults, with a warning."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content)
    with caplog.at_level(logging.WARNING, logger="game.ui.settings"):
        s = Settings.load()
    assert s == Settings()
    assert caplog.records, "a warning must say the settings were reset"


def test_bad_values_fall_back_one_by_one(caplog: pytest.LogCaptureFixture) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(
            {
                "window_size": [200, 100],  # too small: clamped to the minimum
                "fullscreen": "yes",  # not a bool: default
                "ui_scale": 99,  # out of range: default
                "colourblind_safe": True,  # fine
                "animation_speed": 0.5,
                "volume": 3,  # unknown: ignored
            }
        )
    )
    with caplog.at_level(logging.WARNING, logger="game.ui.settings"):
        s = Settings.load()
    assert s.window_size == MIN_WINDOW
    assert s.fullscreen is False
    assert s.ui_scale == 1.0
    assert s.colourblind_safe is True
    assert s.animation_speed == 0.5
    messages = " ".join(r.getMessage() for r in caplog.records)
    assert "fullscreen" in messages and "ui_scale" in messages and "volume" in messages


@pytest.mark.parametrize(
    ("size", "scale"), [((1280, 720), 1.5), ((1024, 600), 1.25), ((1920, 1080), 2.0)]
)
def test_every_setting_is_inside_its_panel_at_a_large_ui_scale(
    size: tuple[int, int], scale: float
) -> None:
    """At 150% in a 720-pixel window the sound and music rows ran under the footer,
    where nothing could reach them. The rows close up (their descriptions go first) so
    that every control stays inside the panel."""
    from uidrive import steps

    from game.ui.app import App
    from game.ui.scenes.main_menu import MainMenuScene
    from game.ui.scenes.settings_scene import SettingsScene

    app = App(Settings(window_size=size, ui_scale=scale), size=size)
    app.running = True
    try:
        app.push(MainMenuScene(app))
        scene = app.push(SettingsScene(app))
        steps(app, 2)
        panel = scene.panel_rect()
        controls = [b for b in scene.buttons if b.key not in ("back", "defaults")]
        assert {b.key.split(":")[0] for b in controls} >= {"fullscreen", "speed", "music"}
        for b in controls:
            assert panel.contains(b.rect), (b.key, b.rect, panel)
    finally:
        app.scenes.clear()
