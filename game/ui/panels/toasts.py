"""What floats over the map: the AI's thinking pill, the target-picking banner, toasts.

A toast is a short message at the bottom of the map that fades away ("Saved as …",
"Queued: talks with Borealis", a one-line error); the scene keeps at most three.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.ui import palettes as pal
from game.ui.panels import wording as w
from game.ui.panels.kit import BAD, Hotspot, Tip, mix
from game.ui.widgets import status_pill

if TYPE_CHECKING:
    from game.ui.scenes.game_scene import GameScene


@dataclass
class Toast:
    """A short message over the bottom of the map that fades away."""

    text: str
    error: bool
    left: float  # seconds


def draw_map_overlays(scene: GameScene, surface: pygame.Surface) -> list[Hotspot]:
    """Draw what floats over the map; returns the hotspots of the toasts (their tips)."""
    px = scene.kit.px
    rect = scene.map.rect
    spots: list[Hotspot] = []
    if scene.thinking:
        status_pill(
            surface,
            scene.app.fonts,
            "AI nations are thinking…",
            (rect.right - px(12), rect.y + px(12)),
            scene.time,
            scene.scale,
        )
    orders = scene.sidebar.orders
    if scene.tab == "orders" and orders.picking_target and orders.kind is not None:
        title = w.action_info(orders.kind).title
        text = f"{title}: click a nation to choose the target  ·  Esc to go back"
        surf = scene.kit.text(text, 13, "semibold", pal.INK)
        box = surf.get_rect(midtop=(rect.centerx, rect.y + px(12))).inflate(px(28), px(14))
        pygame.draw.rect(surface, (16, 44, 78), box, border_radius=box.height // 2)
        pygame.draw.rect(surface, pal.ACCENT, box, 1, border_radius=box.height // 2)
        surface.blit(surf, surf.get_rect(center=box.center))
    y = rect.bottom - px(16)
    for toast in reversed(scene.toasts):
        text, error = toast.text, toast.error
        surf = scene.kit.text(text, 13, "semibold", pal.INK).copy()  # (a cached surface)
        box = surf.get_rect(midbottom=(rect.centerx, y)).inflate(px(30), px(16))
        alpha = min(1.0, toast.left / 0.4)
        plate = pygame.Surface(box.size, pygame.SRCALPHA)
        edge = BAD if error else pal.ACCENT
        pygame.draw.rect(
            plate,
            (*mix((10, 20, 38), edge, 0.12), round(240 * alpha)),
            plate.get_rect(),
            border_radius=px(8),
        )
        pygame.draw.rect(
            plate, (*edge, round(255 * alpha)), plate.get_rect(), 1, border_radius=px(8)
        )
        surface.blit(plate, box)
        surf.set_alpha(round(255 * alpha))
        surface.blit(surf, surf.get_rect(center=box.center))
        spots.append(
            Hotspot(
                f"toast:{text}",
                box,
                None,
                Tip("Could not do that" if error else "Done", str(text), warning=bool(error)),
            )
        )
        y = box.top - px(6)
    return spots
