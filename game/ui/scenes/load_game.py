"""Load a saved game: every save and autosave, newest first.

Each is listed with its scenario, the turn it reached out of the total, when it was
saved, and an autosave marker. A damaged save is listed with its problem and cannot be
loaded. Loading replays the save and checks it (``load_game``); if that fails, the one
line it says is shown in the footer and nothing changes.

"Debrief" opens the after-action debrief of the selected save (finished or not) without
playing it (:mod:`game.ui.scenes.debrief`); a classroom game still in progress with a
facilitator PIN asks for the PIN first, so teams cannot peek at the truth.

Keys: ↑/↓ choose, Enter load, Esc back. Double-click loads.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import pygame

from game.ui import palettes as pal
from game.ui.scenes.frontend import (
    ERROR,
    ROW_HOVER,
    SELECTED,
    FrontScene,
    ListBox,
    ListRow,
    blit_lines,
    ellipsize,
    panel,
    start_game,
    wrap,
)

if TYPE_CHECKING:
    from pathlib import Path

    from game.scenario.models import Scenario
    from game.ui.app import App
    from game.ui.savefiles import SaveEntry

log = logging.getLogger(__name__)


def problem_text(entry: SaveEntry) -> str:
    """Why a save cannot be loaded, naming the file by its name (the folder is known)."""
    return (entry.problem or "").replace(str(entry.path), entry.path.name)


class LoadGameScene(FrontScene):
    """The saved games. See the module docstring."""

    overline = "Saved games"
    heading = "Load game"
    dim = 0.8

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.entries: list[SaveEntry] = []
        self.list: ListBox | None = None
        self._scenarios: dict[str, tuple[Path, Scenario] | None] = {}
        self._wanted: tuple[Path, Scenario, tuple[int, int]] | None = None
        self.refresh()

    def refresh(self) -> None:
        from game.ui.savefiles import list_saves

        try:
            self.entries = list_saves()
        except OSError as exc:
            self.entries = []
            self.say(f"Cannot read the saves folder: {exc}")

    @property
    def current(self) -> SaveEntry | None:
        return self.list.current if self.list is not None else None

    # ------------------------------------------------------------------ layout

    def left_rect(self) -> pygame.Rect:
        c = self.content_rect()
        return pygame.Rect(c.x, c.y, round(c.width * 0.58), c.height)

    def right_rect(self) -> pygame.Rect:
        c = self.content_rect()
        left = self.left_rect()
        x = left.right + self.px(16)
        return pygame.Rect(x, c.y, c.right - x, c.height)

    def layout(self) -> None:
        left = self.left_rect()
        pad = self.px(10)
        keep = self.current
        self.list = ListBox(left.inflate(-2 * pad, -2 * pad), self.draw_row, self.s)
        self.list.on_select = self.on_select
        self.list.on_activate = lambda entry: self.load()
        self.fill_list(keep)
        self.add("back", "Back", self.footer_button_rect(0, 130, left=True))
        self.add("load", "Load", self.footer_button_rect(0, 190), style="primary")
        self.add("debrief", "Debrief", self.footer_button_rect(1, 150))
        self.on_select(self.current)

    def fill_list(self, keep: Any = None) -> None:
        assert self.list is not None
        saves = [e for e in self.entries if not e.autosave]
        autos = [e for e in self.entries if e.autosave]
        rows: list[ListRow] = []
        for label, group in (("Saved games", saves), ("Autosaves", autos)):
            if group:
                rows.append(ListRow(None, self.px(30 if not rows else 38), label))
                rows += [ListRow(e, self.px(66)) for e in group]
        self.list.set_rows(rows, keep)
        if self.list.selected is None:
            # The newest save that can be loaded (a broken file is often the newest).
            loadable = next((e for e in self.list.items if e.problem is None), None)
            if loadable is None or not self.list.select_item(loadable, notify=False):
                self.list.move(1)

    def on_select(self, entry: SaveEntry | None) -> None:
        b = self.button("load")
        if b is not None:
            b.enabled = entry is not None and entry.problem is None
            b.hint = (
                ("This save cannot be loaded: " + problem_text(entry))
                if entry and entry.problem
                else "Choose a saved game"
            )
        d = self.button("debrief")
        if d is not None:
            d.enabled = entry is not None and entry.problem is None
            d.hint = "Everything that happened in this game, revealed: for the class debrief"

    # ------------------------------------------------------------------ actions

    def handle(self, event: pygame.event.Event) -> bool:
        return self.list is not None and self.list.process_event(event)

    def on_button(self, key: str) -> None:
        if key == "back":
            self.back()
        elif key == "load":
            self.load()
        elif key == "debrief":
            self.debrief()

    def load(self) -> None:
        from game.engine.saves import SaveError, load_game

        entry = self.current
        if entry is None:
            self.say("There is no saved game to load")
            return
        if entry.problem:
            self.say(problem_text(entry))
            return
        try:
            game = load_game(entry.path)
        except SaveError as exc:
            self.refuse(entry, str(exc))
            return
        except Exception as exc:  # load_game promises SaveError; never crash the menu
            log.exception("loading %s", entry.path)
            self.say(f"{entry.path.name}: cannot be loaded ({type(exc).__name__}: {exc})")
            return
        error = start_game(self.app, game)
        if error:
            self.say(error)

    def refuse(self, entry: SaveEntry, message: str) -> None:
        """A save that failed to load (only a full replay finds some problems) is shown
        from now on like any save that cannot be loaded: the whole message in the details
        panel, Load and Debrief disabled. The footer says it too."""
        broken = replace(entry, problem=message)
        self.entries = [broken if e == entry else e for e in self.entries]
        self.fill_list(broken)
        self.on_select(self.current)
        self.say(problem_text(broken))

    def debrief(self) -> None:
        """The debrief of the selected save (the PIN first, for a classroom game in progress)."""
        from game.engine.saves import SaveError, load_game

        entry = self.current
        if entry is None or entry.problem:
            self.say(problem_text(entry) if entry else "There is no saved game to debrief")
            return
        try:
            game = load_game(entry.path)
        except SaveError as exc:
            self.refuse(entry, str(exc))
            return
        except Exception as exc:  # load_game promises SaveError; never crash the menu
            log.exception("loading %s", entry.path)
            self.say(f"{entry.path.name}: cannot be loaded ({type(exc).__name__}: {exc})")
            return
        from game.ui.scenes.debrief import DebriefScene

        def show() -> None:
            self.app.push(DebriefScene(self.app, game))

        if game.has_facilitator_pin and not game.over:
            from game.ui.scenes.facilitator import PinDialog

            self.app.push(
                PinDialog(
                    self.app,
                    game.check_facilitator_pin,
                    show,
                    on_refused=lambda: self.say("Wrong PIN: the debrief stays closed"),
                    title="Debrief of a game in progress",
                    purpose="This classroom game is not over: enter the facilitator PIN to "
                    "see everything that happened.",
                )
            )
            return
        show()

    # ------------------------------------------------------------------ thumbnails

    def bundled_scenario(self, scenario_id: str) -> tuple[Path, Scenario] | None:
        """The bundled scenario a save was made from (by id), if it is one."""
        if scenario_id not in self._scenarios:
            from game.scenario.catalog import bundled_paths
            from game.scenario.loader import check_file

            found = None
            for path in bundled_paths():
                if path.stem == scenario_id:
                    scenario, _ = check_file(path)
                    if scenario is not None and scenario.id == scenario_id:
                        found = (path, scenario)
                    break
            self._scenarios[scenario_id] = found
        return self._scenarios[scenario_id]

    def thumbnail_for(self, e: SaveEntry, size: tuple[int, int]) -> pygame.Surface | None:
        """The map of the save's scenario if it is ready; asks for it otherwise."""
        from game.ui.scenes.browser import cached_thumbnail

        known = self.bundled_scenario(e.scenario_id)
        if known is None:
            return None
        path, scenario = known
        made = cached_thumbnail(path, scenario, size, self.app.settings.colourblind_safe)
        if made is None:
            self._wanted = (path, scenario, size)
            plate = pygame.Surface(size)
            plate.fill(pal.OCEAN)
            return plate
        return made[0]

    def update(self, dt: float) -> None:
        super().update(dt)
        if self._wanted is not None:
            from game.ui.scenes.browser import thumbnail

            path, scenario, size = self._wanted
            self._wanted = None
            thumbnail(path, scenario, size, self.app.settings.colourblind_safe)

    # ------------------------------------------------------------------ drawing

    def draw_body(self, surface: pygame.Surface) -> None:
        panel(surface, self.left_rect(), self.s)
        panel(surface, self.right_rect(), self.s)
        if self.list is not None and self.list.rows:
            self.list.draw(surface)
        else:
            self.draw_empty(surface)
        self.draw_detail(surface)

    def draw_empty(self, surface: pygame.Surface) -> None:
        from game.ui.savefiles import saves_dir

        area = self.left_rect().inflate(-self.px(64), -self.px(64))
        y = area.y + area.height // 3
        head = self.texts.render("No saved games yet", 22, "bold", pal.INK)
        surface.blit(head, (area.x, y))
        text = (
            f"Save during a game with Ctrl+S or from the game menu; the game also saves "
            f"itself every turn. Saves are kept in {saves_dir()}."
        )
        blit_lines(
            surface,
            self.texts,
            wrap(self.texts.font(14), text, area.width),
            (area.x, y + self.px(40)),
            14,
            "regular",
            pal.INK_DIM,
            1.4,
        )

    def draw_row(
        self, surface: pygame.Surface, rect: pygame.Rect, row: ListRow, selected: bool, hover: bool
    ) -> None:
        if row.item is None:
            label = self.texts.render(row.label.upper(), 11, "semibold", pal.INK_DIM)
            surface.blit(
                label, (rect.x + self.px(8), rect.bottom - label.get_height() - self.px(6))
            )
            return
        e: SaveEntry = row.item
        card = rect.inflate(0, -self.px(6))
        if selected:
            pygame.draw.rect(surface, SELECTED, card, border_radius=self.px(7))
            pygame.draw.rect(surface, pal.ACCENT, card, 1, border_radius=self.px(7))
        elif hover:
            pygame.draw.rect(surface, ROW_HOVER, card, border_radius=self.px(7))
        x = card.x + self.px(14)
        right = card.right - self.px(14)
        when = self.texts.render(e.when, 12.5, "regular", pal.INK_DIM)
        surface.blit(when, (right - when.get_width(), card.y + self.px(11)))
        title_w = right - when.get_width() - self.px(16) - x
        if e.problem:
            title = ellipsize(self.texts.font(16, "semibold"), e.path.name, title_w)
            surface.blit(
                self.texts.render(title, 16, "semibold", pal.INK_DIM), (x, card.y + self.px(8))
            )
            problem = ellipsize(self.texts.font(12.5), "⚠ " + problem_text(e), right - x)
            surface.blit(
                self.texts.render(problem, 12.5, "regular", ERROR), (x, card.y + self.px(34))
            )
            return
        title = ellipsize(self.texts.font(16, "semibold"), e.title, title_w)
        surface.blit(self.texts.render(title, 16, "semibold", pal.INK), (x, card.y + self.px(8)))
        turn = min(e.turn, e.turns) if e.turns else e.turn
        status = f"Turn {turn} of {e.turns}" if e.turn <= e.turns else f"Finished ({e.turns} turns)"
        line = self.texts.render(status, 12.5, "semibold", pal.INK)
        y = card.y + self.px(34)
        surface.blit(line, (x, y))
        lx = x + line.get_width() + self.px(10)
        if e.autosave:
            tag = self.texts.render("AUTOSAVE", 10, "bold", pal.ACCENT)
            tr = tag.get_rect(midleft=(lx + self.px(5), y + line.get_height() // 2))
            pygame.draw.rect(
                surface,
                pal.ACCENT,
                tr.inflate(self.px(10), self.px(4)),
                1,
                border_radius=self.px(4),
            )
            surface.blit(tag, tr)
            lx = tr.right + self.px(14)
        name = ellipsize(self.texts.font(12.5), e.path.name, right - lx)
        surface.blit(self.texts.render(name, 12.5, "regular", pal.INK_FAINT), (lx, y))
        # Progress through the game, along the bottom of the card.
        if e.turns:
            bar = pygame.Rect(x, card.bottom - self.px(8), right - x, max(2, self.px(3)))
            pygame.draw.rect(surface, (28, 44, 70), bar, border_radius=2)
            done = bar.copy()
            done.width = round(bar.width * min(1.0, (e.turn - 1) / e.turns))
            if done.width:
                pygame.draw.rect(surface, pal.ACCENT, done, border_radius=2)

    def draw_detail(self, surface: pygame.Surface) -> None:
        r = self.right_rect()
        area = r.inflate(-self.px(48), -self.px(44))
        e = self.current
        x, y = area.topleft
        if e is None:
            empty = self.texts.render("Choose a saved game", 15, "regular", pal.INK_DIM)
            surface.blit(empty, empty.get_rect(center=area.center))
            return
        if e.problem:
            over = self.texts.render("THIS SAVE CANNOT BE LOADED", 11.5, "semibold", ERROR)
            surface.blit(over, (x, y))
            y += self.px(24)
            for line in wrap(self.texts.font(22, "bold"), e.path.name, area.width)[:2]:
                surface.blit(self.texts.render(line, 22, "bold", pal.INK), (x, y))
                y += self.px(29)
            y += self.px(8)
            y = blit_lines(
                surface,
                self.texts,
                wrap(self.texts.font(14, "semibold"), problem_text(e), area.width),
                (x, y),
                14,
                "semibold",
                ERROR,
            )
            y += self.px(12)
            text = (
                "The file is kept as it is. If it came from an older or newer version of "
                "the game, open it with that version."
            )
            blit_lines(
                surface,
                self.texts,
                wrap(self.texts.font(13.5), text, area.width),
                (x, y),
                13.5,
                "regular",
                pal.INK_DIM,
                1.4,
            )
            return
        over = self.texts.render(
            "AUTOSAVE" if e.autosave else "SAVED GAME", 11.5, "semibold", pal.ACCENT
        )
        surface.blit(over, (x, y))
        y += self.px(24)
        for line in wrap(self.texts.font(22, "bold"), e.title, area.width)[:3]:
            surface.blit(self.texts.render(line, 22, "bold", pal.INK), (x, y))
            y += self.px(29)
        y += self.px(10)
        # The scenario's map, when it is a bundled one (made on the frame after this).
        thumb_h = min(self.px(204), area.height - self.px(300))
        if thumb_h >= self.px(90):
            thumb_w = min(area.width, round(thumb_h * 5 / 3))
            frame = pygame.Rect(x, y, thumb_w, thumb_h)
            made = self.thumbnail_for(e, frame.size)
            if made is not None:
                surface.blit(made, frame)
                pygame.draw.rect(surface, pal.PANEL_EDGE, frame, 1)
                y = frame.bottom + self.px(18)
        turn = min(e.turn, e.turns) if e.turns else e.turn
        big = self.texts.render(f"Turn {turn}", 34, "bold", pal.INK)
        surface.blit(big, (x, y))
        of = self.texts.render(f"of {e.turns}", 16, "regular", pal.INK_DIM)
        surface.blit(
            of,
            (
                x + big.get_width() + self.px(10),
                y + big.get_height() - of.get_height() - self.px(6),
            ),
        )
        y += big.get_height() + self.px(8)
        if e.turns:
            bar = pygame.Rect(x, y, area.width, self.px(6))
            pygame.draw.rect(surface, (28, 44, 70), bar, border_radius=3)
            done = bar.copy()
            done.width = round(bar.width * min(1.0, (e.turn - 1) / e.turns))
            if done.width:
                pygame.draw.rect(surface, pal.ACCENT, done, border_radius=3)
            y += self.px(24)
        for label, value in (("Saved", e.when), ("File", str(e.path))):
            surface.blit(self.texts.render(label.upper(), 11, "semibold", pal.INK_DIM), (x, y))
            y += self.px(18)
            for line in wrap(self.texts.font(13.5), value, area.width)[:3]:
                surface.blit(self.texts.render(line, 13.5, "regular", pal.INK), (x, y))
                y += self.px(19)
            y += self.px(10)
