"""Headless map pictures: a scenario's map, in a lens, after some all-AI turns, as a Surface.

Used by ``cyberdip render`` (designers' previews, the docs) and by the tests. Needs no
window: it draws into an off-screen Surface with the same :class:`MapView` the game uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui import palettes as pal
from game.ui.mapview.facts import facts_from_view
from game.ui.mapview.shapes import shapes_for_scenario
from game.ui.mapview.view import MapView
from game.ui.theme import Fonts

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.scenario.models import Scenario


def play_turns(scenario: Scenario, seed: int | None, turns: int) -> Game:
    """A new game with ``turns`` turns played by the AI for every nation (fewer if it ends)."""
    from game.ai.driver import play_ai_turn
    from game.engine.game import Game

    game = Game.new(scenario, seed)
    for _ in range(turns):
        if game.over:
            break
        play_ai_turn(game, all_ai=True)
    return game


def render_map(
    scenario: Scenario,
    size: tuple[int, int] = (1280, 720),
    lens_key: str = "political",
    *,
    seed: int | None = None,
    turns: int = 0,
    viewer: int = 0,
    selected: int | None = None,
    ui_scale: float = 1.0,
    caption: bool = True,
    game: Game | None = None,
) -> pygame.Surface:
    """The map of ``scenario`` as ``viewer`` sees it after ``turns`` all-AI turns."""
    if not pygame.font.get_init():
        pygame.font.init()
    if game is None:
        game = play_turns(scenario, seed, turns)
    facts = facts_from_view(game.view(viewer))
    shapes = shapes_for_scenario(scenario, game.seed)
    fonts = Fonts(ui_scale)
    view = MapView(
        shapes,
        facts,
        pygame.Rect((0, 0), size),
        fonts=fonts,
        lens_key=lens_key,
        ui_scale=ui_scale,
        animation_speed=0.0,
    )
    view.select(selected)
    view.prepare()
    surface = pygame.Surface(size)
    view.draw(surface)
    if caption:
        draw_caption(
            surface,
            fonts,
            scenario.title,
            f"Turn {game.turn} of {game.state.last_turn} · seen by {facts.names[viewer]}",
            ui_scale,
        )
    return surface


def draw_caption(
    surface: pygame.Surface, fonts: Fonts, title: str, detail: str, ui_scale: float = 1.0
) -> None:
    """A title plate in the top-left corner."""
    s = ui_scale
    head = fonts.get(16, "bold").render(title, True, pal.INK)
    sub = fonts.get(12, "regular").render(detail, True, pal.INK_DIM)
    pad = round(10 * s)
    w = max(head.get_width(), sub.get_width()) + 2 * pad
    h = head.get_height() + sub.get_height() + 2 * pad - round(2 * s)
    plate = pygame.Surface((w, h), pygame.SRCALPHA)
    radius = round(8 * s)
    pygame.draw.rect(plate, (*pal.PANEL, 232), plate.get_rect(), border_radius=radius)
    pygame.draw.rect(plate, pal.PANEL_EDGE, plate.get_rect(), 1, border_radius=radius)
    plate.blit(head, (pad, pad - round(2 * s)))
    plate.blit(sub, (pad, pad - round(2 * s) + head.get_height()))
    margin = round(12 * s)
    surface.blit(plate, (margin, margin))
