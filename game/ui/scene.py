"""Scenes and the scene stack (after Tuxemon's ``state.py``).

A scene is one screen or overlay: it gets events (``process_event``), advances with the
clock (``update(dt)``) and paints itself (``draw(surface)``). The :class:`SceneStack`
gives the top scene the events; every scene from the topmost opaque one upwards is
drawn, so a dialog (``opaque = False``) shows the screen beneath it. Only the top scene
is updated unless a scene below sets ``update_when_covered``.

Scenes build their pygame_gui widgets in ``on_enter`` inside ``self.ui_root`` (a
container covering the window) and lose them when popped; a covered scene's widgets
are hidden.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    import pygame_gui

    from game.ui.app import App


class Scene:
    """Base class of every screen. Subclasses override the hooks they need."""

    #: False for overlays and dialogs: the scene below is drawn first.
    opaque: bool = True
    #: True to keep updating (animations, background work) while covered.
    update_when_covered: bool = False

    def __init__(self, app: App) -> None:
        self.app = app
        self._ui_root: pygame_gui.core.UIContainer | None = None

    # ------------------------------------------------------------------ widgets

    @property
    def ui_root(self) -> pygame_gui.core.UIContainer:
        """A container as big as the window for this scene's pygame_gui widgets."""
        if self._ui_root is None:
            from pygame_gui.core import UIContainer

            self._ui_root = UIContainer(
                pygame.Rect((0, 0), self.app.size),
                manager=self.app.ui,
                anchors={"left": "left", "right": "right", "top": "top", "bottom": "bottom"},
            )
        return self._ui_root

    def kill_ui(self) -> None:
        if self._ui_root is not None:
            self._ui_root.kill()
            self._ui_root = None

    # ------------------------------------------------------------------ lifecycle hooks

    def on_enter(self) -> None:
        """Pushed onto the stack (build widgets here)."""

    def on_exit(self) -> None:
        """Popped or replaced; the base class removes this scene's widgets."""
        self.kill_ui()

    def on_cover(self) -> None:
        """Another scene was pushed on top of this one."""
        if (
            self._ui_root is not None
            and self.app.scenes.top is not None
            and self.app.scenes.top.opaque
        ):
            self._ui_root.hide()

    def on_uncover(self) -> None:
        """The scene above was popped."""
        if self._ui_root is not None:
            self._ui_root.show()

    def on_resize(self, size: tuple[int, int]) -> None:
        """The window changed size."""
        if self._ui_root is not None:
            self._ui_root.set_dimensions(size)

    # ------------------------------------------------------------------ the frame

    def process_event(self, event: pygame.event.Event) -> bool:
        """Handle one event; True if it was used up."""
        return False

    def update(self, dt: float) -> None:
        """Advance by ``dt`` seconds."""

    def draw(self, surface: pygame.Surface) -> None:
        """Paint the scene."""


class SceneStack:
    """The stack of scenes; the top one is active."""

    def __init__(self) -> None:
        self._scenes: list[Scene] = []

    def __len__(self) -> int:
        return len(self._scenes)

    def __iter__(self):
        return iter(list(self._scenes))

    @property
    def top(self) -> Scene | None:
        return self._scenes[-1] if self._scenes else None

    def push(self, scene: Scene) -> Scene:
        below = self.top
        self._scenes.append(scene)
        if below is not None:
            below.on_cover()
        scene.on_enter()
        return scene

    def pop(self) -> Scene | None:
        if not self._scenes:
            return None
        scene = self._scenes.pop()
        scene.on_exit()
        if self.top is not None:
            self.top.on_uncover()
        return scene

    def replace(self, scene: Scene) -> Scene:
        """Swap the top scene for ``scene``."""
        if self._scenes:
            old = self._scenes.pop()
            old.on_exit()
        self._scenes.append(scene)
        scene.on_enter()
        return scene

    def clear(self) -> None:
        while self._scenes:
            self.pop()

    def visible(self) -> list[Scene]:
        """Scenes to draw, bottom first: from the topmost opaque one upwards."""
        start = 0
        for i in range(len(self._scenes) - 1, -1, -1):
            if self._scenes[i].opaque:
                start = i
                break
        return self._scenes[start:]

    def active(self) -> list[Scene]:
        """Scenes to update: the top one, and covered ones that ask for it."""
        if not self._scenes:
            return []
        out = [s for s in self._scenes[:-1] if s.update_when_covered]
        out.append(self._scenes[-1])
        return out
