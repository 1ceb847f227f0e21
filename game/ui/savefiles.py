"""Where the player's games are kept, and listing them for the load screen.

Saves live in ``data_dir()/saves`` (named by the player or by scenario and turn),
autosaves in ``data_dir()/autosaves`` (rotating, newest first: see
:func:`game.engine.saves.autosave`). Listing reads only each file's envelope, never
replays it, so the load screen opens fast; a damaged file is listed with its problem
instead of breaking the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from game.engine.game import Game
from game.engine.saves import SaveError, autosave, save_game, save_summary
from game.ui.settings import data_dir

AUTOSAVES_KEPT = 5


def saves_dir() -> Path:
    return data_dir() / "saves"


def autosaves_dir() -> Path:
    return data_dir() / "autosaves"


@dataclass(frozen=True)
class SaveEntry:
    """One file on the load screen."""

    path: Path
    title: str
    scenario_id: str
    turn: int
    turns: int
    saved_at: str  # ISO time from the save, or the file's time
    autosave: bool
    problem: str | None = None  # why it cannot be loaded, if it cannot

    @property
    def when(self) -> str:
        """A short local date and time for display."""
        try:
            moment = datetime.fromisoformat(self.saved_at)
        except ValueError:
            return self.saved_at or "?"
        return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _entry(path: Path, is_auto: bool) -> SaveEntry:
    try:
        info = save_summary(path)
    except SaveError as exc:
        stamp = datetime.fromtimestamp(path.stat().st_mtime).astimezone().isoformat()
        return SaveEntry(path, path.stem, "?", 0, 0, stamp, is_auto, str(exc))
    return SaveEntry(
        path,
        str(info["title"]),
        str(info["scenario_id"]),
        int(info["turn"]),
        int(info["turns"]),
        str(info["saved_at"]),
        is_auto,
    )


def list_saves() -> list[SaveEntry]:
    """Every save and autosave, newest first."""
    found: list[SaveEntry] = []
    for folder, is_auto in ((saves_dir(), False), (autosaves_dir(), True)):
        if folder.is_dir():
            found.extend(
                _entry(p, is_auto)
                for p in folder.glob("*.json")
                if p.is_file() and not p.name.startswith(".")
            )
    return sorted(found, key=lambda e: e.saved_at, reverse=True)


def latest_save() -> SaveEntry | None:
    """The most recent loadable save or autosave ("Continue")."""
    return next((e for e in list_saves() if e.problem is None), None)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")[:50] or "game"


def save_as(game: Game, name: str | None = None) -> Path:
    """Save into the saves folder; the default name is the scenario id and the turn.

    Raises SaveError (nothing written) if the folder cannot be written.
    """
    stem = _slug(name) if name else f"{_slug(game.scenario.id)}-turn{game.turn:02d}"
    return save_game(game, saves_dir() / f"{stem}.json")


def autosave_now(game: Game) -> Path:
    """The rotating autosave taken at the start of every turn."""
    return autosave(game, autosaves_dir(), keep=AUTOSAVES_KEPT)
