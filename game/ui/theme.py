"""Fonts and the pygame_gui theme, both from the bundled assets and scaled by the UI scale.

The typeface is Inter (SIL Open Font License, ``assets/fonts/OFL.txt``). Map labels and
hand-drawn parts of the interface use :class:`Fonts`; pygame_gui widgets use the theme
``assets/ui/theme.json``, whose font paths are relative to the assets folder and whose
sizes are multiplied by the UI scale when loaded (:func:`gui_theme`).
"""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

import pygame

from game.paths import asset

WEIGHTS = {
    "regular": "Inter-Regular.ttf",
    "italic": "Inter-Italic.ttf",
    "semibold": "Inter-SemiBold.ttf",
    "bold": "Inter-Bold.ttf",
    "bold_italic": "Inter-BoldItalic.ttf",
}

_PATH_KEYS = ("regular_path", "bold_path", "italic_path", "bold_italic_path")


def font_path(weight: str = "regular") -> str:
    return str(asset("fonts", WEIGHTS[weight]))


class Fonts:
    """Inter at any size and weight, loaded once each; sizes are in points at UI scale 1."""

    def __init__(self, scale: float = 1.0) -> None:
        self.scale = scale
        self._cache: dict[tuple[str, int], pygame.font.Font] = {}

    def get(self, size: float, weight: str = "regular") -> pygame.font.Font:
        px = max(6, round(size * self.scale))
        key = (weight, px)
        font = self._cache.get(key)
        if font is None:
            if not pygame.font.get_init():
                pygame.font.init()
            font = pygame.font.Font(font_path(weight), px)
            self._cache[key] = font
        return font

    def set_scale(self, scale: float) -> None:
        if scale != self.scale:
            self.scale = scale
            self._cache.clear()


@cache
def _theme_file() -> dict[str, Any]:
    with open(asset("ui", "theme.json"), encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def gui_theme(scale: float = 1.0) -> dict[str, Any]:
    """The pygame_gui theme as a dict: absolute font paths, sizes times ``scale``."""
    theme = copy.deepcopy(_theme_file())
    for block in theme.values():
        if not isinstance(block, dict):
            continue
        font = block.get("font")
        if isinstance(font, dict):
            for key in _PATH_KEYS:
                if key in font:
                    font[key] = str(asset(*font[key].split("/")))
            font["size"] = str(max(6, round(float(font["size"]) * scale)))
        misc = block.get("misc")
        if isinstance(misc, dict):
            for key in ("shape_corner_radius", "title_bar_height", "list_item_height"):
                if key in misc:
                    misc[key] = str(max(1, round(float(misc[key]) * scale)))
    return theme
