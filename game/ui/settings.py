"""Player settings, kept as JSON in the user's config folder, and where user files live.

``config_dir()`` and ``data_dir()`` follow the platform's conventions (platformdirs), but
the environment variables ``CYBERDIP_CONFIG_DIR`` and ``CYBERDIP_DATA_DIR`` win, so tests
and classroom machines can point them anywhere.

A settings file that is missing gives the defaults silently; one that is corrupt, of the
wrong shape or holds out-of-range values gives the defaults for what is wrong and a
warning, never a crash. Saving writes atomically.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

APP_NAME = "cyber-diplomacy"
SETTINGS_FILE = "settings.json"

DEFAULT_WINDOW = (1280, 720)
MIN_WINDOW = (1024, 600)
MAX_WINDOW = (7680, 4320)
UI_SCALES = (0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)
ANIMATION_SPEEDS = (0.0, 0.5, 1.0, 2.0)
SOUND_VOLUMES = (0.0, 0.3, 0.6, 1.0)  # off, quiet, normal, loud
MUSIC_VOLUMES = (0.0, 0.15, 0.3, 0.6)  # off, quiet, normal, loud
RECENT_FOLDERS = 6
MAX_PATH_CHARS = 4096

log = logging.getLogger(__name__)


def config_dir() -> Path:
    """Folder of the settings file (``CYBERDIP_CONFIG_DIR`` overrides the platform's)."""
    override = os.environ.get("CYBERDIP_CONFIG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """Folder of saves and autosaves (``CYBERDIP_DATA_DIR`` overrides the platform's)."""
    override = os.environ.get("CYBERDIP_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


@dataclass
class Settings:
    """What the player can set. Every field has a safe default."""

    window_size: tuple[int, int] = DEFAULT_WINDOW
    fullscreen: bool = False
    ui_scale: float = 1.0
    colourblind_safe: bool = False
    animation_speed: float = 1.0  # 0 = no animation, 1 = normal, 2 = fast
    sound_volume: float = 0.6  # sound effects, 0 (off) to 1
    music_volume: float = 0.3  # background music, 0 (off) to 1
    scenario_folder: str = ""  # the player's own scenarios (the scenario browser), "" for none
    recent_scenario_folders: tuple[str, ...] = ()  # newest first, at most RECENT_FOLDERS

    # ------------------------------------------------------------------ validation

    @staticmethod
    def clamp_window(size: tuple[int, int]) -> tuple[int, int]:
        w = min(max(int(size[0]), MIN_WINDOW[0]), MAX_WINDOW[0])
        h = min(max(int(size[1]), MIN_WINDOW[1]), MAX_WINDOW[1])
        return (w, h)

    @classmethod
    def from_dict(cls, data: Any, source: str = "settings") -> Settings:
        """Settings from parsed JSON; bad or unknown entries fall back with a warning."""
        out = cls()
        if not isinstance(data, dict):
            log.warning("%s: expected a JSON object, using default settings", source)
            return out
        known = {f.name for f in fields(cls)}
        for key in sorted(set(data) - known):
            log.warning("%s: ignoring unknown setting %r", source, key)
        for key in sorted(set(data) & known):
            try:
                setattr(out, key, _parse(key, data[key]))
            except (TypeError, ValueError) as exc:
                log.warning("%s: %s: %s; using the default", source, key, exc)
        return out

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["window_size"] = list(self.window_size)
        out["recent_scenario_folders"] = list(self.recent_scenario_folders)
        return out

    def remember_scenario_folder(self, folder: str) -> None:
        """Make ``folder`` the scenario folder and the first of the recent ones."""
        folder = folder.strip()
        self.scenario_folder = folder
        if folder:
            rest = [f for f in self.recent_scenario_folders if f != folder]
            self.recent_scenario_folders = tuple([folder, *rest][:RECENT_FOLDERS])

    # ------------------------------------------------------------------ files

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """Read the settings file; defaults (and a warning) when it is unreadable."""
        path = settings_path() if path is None else Path(path)
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls()
        except (OSError, UnicodeDecodeError) as exc:
            log.warning("cannot read %s (%s); using default settings", path, exc)
            return cls()
        try:
            data = json.loads(raw)
        except ValueError as exc:
            log.warning("%s is not valid JSON (%s); using default settings", path, exc)
            return cls()
        return cls.from_dict(data, str(path))

    def save(self, path: Path | None = None) -> Path:
        """Write the settings atomically; returns the path. OSError if it cannot."""
        from game.engine.fileio import write_atomically

        path = settings_path() if path is None else Path(path)
        text = json.dumps(self.to_dict(), indent=2, sort_keys=True) + "\n"
        write_atomically(path, text.encode("utf-8"))
        return path


def _parse(key: str, value: Any) -> Any:
    if key == "window_size":
        if (
            not isinstance(value, (list, tuple))
            or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        ):
            raise ValueError(f"expected [width, height] in pixels, got {value!r}")
        return Settings.clamp_window((value[0], value[1]))
    if key in ("fullscreen", "colourblind_safe"):
        if not isinstance(value, bool):
            raise ValueError(f"expected true or false, got {value!r}")
        return value
    if key == "ui_scale":
        number = _number(value)
        if not UI_SCALES[0] <= number <= UI_SCALES[-1]:
            raise ValueError(f"must be between {UI_SCALES[0]} and {UI_SCALES[-1]}, got {number}")
        return number
    if key == "animation_speed":
        number = _number(value)
        if not 0.0 <= number <= 4.0:
            raise ValueError(f"must be between 0 and 4, got {number}")
        return number
    if key in ("sound_volume", "music_volume"):
        number = _number(value)
        if not 0.0 <= number <= 1.0:
            raise ValueError(f"must be between 0 and 1, got {number}")
        return number
    if key == "scenario_folder":
        return _path_text(value)
    if key == "recent_scenario_folders":
        if not isinstance(value, (list, tuple)):
            raise ValueError(f"expected a list of folders, got {value!r}")
        folders = [_path_text(v) for v in value]
        unique = [f for i, f in enumerate(folders) if f and f not in folders[:i]]
        return tuple(unique[:RECENT_FOLDERS])
    raise ValueError("unknown setting")


def _path_text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a folder path as text, got {value!r}")
    if len(value) > MAX_PATH_CHARS or "\x00" in value:
        raise ValueError("not a usable folder path")
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"expected a number, got {value!r}")
    number = float(value)
    if number != number:  # NaN
        raise ValueError("expected a number, got NaN")
    return number
