"""What the class sees of the facilitator: the PAUSED screen and the FACILITATOR VIEW frame."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui import palettes as pal
from game.ui.facilitator.console import FACILITATOR
from game.ui.panels.kit import scrim

if TYPE_CHECKING:
    from game.ui.scenes.game_scene import GameScene


def draw_facilitator_view(scene: GameScene, surface: pygame.Surface) -> None:
    """A magenta frame round the map and the panels, and a banner over the map: this is
    the truth, not a team's view."""
    px = scene.kit.px
    rect = scene.map.rect
    pygame.draw.rect(surface, FACILITATOR, rect.union(scene.sidebar.rect), max(3, px(4)))
    text = scene.kit.text(
        "FACILITATOR VIEW  ·  the truth, not what any team sees", 13, "bold", (20, 6, 20)
    )
    box = text.get_rect()
    box.inflate_ip(px(28), px(12))
    console = scene.desk.panel.rect if scene.desk.open else pygame.Rect(rect.x, rect.y, 0, 0)
    left = max(rect.x, console.right)
    box.midtop = ((left + rect.right) // 2, rect.y + px(10))
    pygame.draw.rect(surface, FACILITATOR, box, border_radius=box.height // 2)
    surface.blit(text, text.get_rect(center=box.center))


def draw_paused(scene: GameScene, surface: pygame.Surface) -> None:
    """Everything dimmed, and PAUSED in large letters for the class."""
    scrim(surface, 150)
    px = scene.kit.px
    w, h = surface.get_size()
    title = scene.kit.text("PAUSED", 64, "bold", pal.INK)
    sub = scene.kit.text(
        "The facilitator has paused the game. Nothing moves until it goes on.",
        16,
        "regular",
        pal.INK_DIM,
    )
    box_w = max(title.get_width(), sub.get_width()) + px(80)
    box_h = title.get_height() + sub.get_height() + px(56)
    box = pygame.Rect(0, 0, box_w, box_h)
    left = scene.desk.panel.rect.right if scene.desk.open else 0
    box.center = ((left + w) // 2, h // 2)
    pygame.draw.rect(surface, (18, 24, 46), box, border_radius=px(14))
    pygame.draw.rect(surface, FACILITATOR, box, max(2, px(3)), border_radius=px(14))
    surface.blit(title, title.get_rect(midtop=(box.centerx, box.y + px(20))))
    surface.blit(sub, sub.get_rect(midtop=(box.centerx, box.y + px(28) + title.get_height())))
