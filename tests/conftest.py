"""Test setup shared by the whole suite.

SDL must never try to open a real window or sound device in CI: the dummy drivers are set
before anything imports pygame.
"""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("MPLBACKEND", "Agg")

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saves and settings go to a temporary folder, never the developer's real ones."""
    home = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("CYBERDIP_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("CYBERDIP_CONFIG_DIR", str(home / "config"))
