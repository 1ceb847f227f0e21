"""New game, step 1: choose a scenario.

The bundled scenarios, then every ``*.yaml`` (and ``*.yml``) in a folder the player
chooses (typed in, or picked from the recent ones; remembered in the settings). On the
left the list; on the right the chosen scenario: a map thumbnail (rendered once per
scenario file and cached), title, author, turns, summary, nations in their map colours
and learning objectives. A file that does not validate is listed with its first error
(``check_file``) and cannot be started.

Keys: ↑/↓ choose, Enter set up the game, Esc back. Enter in the folder field scans it.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from game.ui import palettes as pal
from game.ui.scenes.frontend import (
    ERROR,
    OK,
    ROW_HOVER,
    SELECTED,
    FrontScene,
    ListBox,
    ListRow,
    blit_lines,
    edge_fade,
    ellipsize,
    expand_up,
    panel,
    swatch,
    wrap,
)

if TYPE_CHECKING:
    from game.scenario.models import Scenario
    from game.ui.app import App

log = logging.getLogger(__name__)

MAX_FILES = 200  # scenario files read from one folder
THUMB = (340, 204)  # thumbnail size at UI scale 1


# --------------------------------------------------------------------------- the catalogue


@dataclass(frozen=True)
class ScenarioItem:
    """One scenario in the list: loaded, or with the reason it cannot be."""

    path: Path
    scenario: Scenario | None
    source: str  # "bundled" or "folder"
    error: str | None = None  # the first error line, when it does not validate
    warnings: int = 0

    @property
    def ok(self) -> bool:
        return self.scenario is not None

    @property
    def title(self) -> str:
        return self.scenario.title if self.scenario is not None else self.path.name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ScenarioItem) and other.path == self.path

    def __hash__(self) -> int:
        return hash(self.path)


def first_error(diagnostics: list[Any], path: Path) -> str:
    """The first error as one line, naming the file by its name only."""
    errors = [d for d in diagnostics if getattr(d, "severity", "error") == "error"]
    if not errors:
        return f"{path.name}: does not validate"
    d = errors[0]
    try:
        return str(replace(d, source=path.name).format())
    except (TypeError, AttributeError):
        return str(d)


_CHECKED: dict[tuple[str, str, int, int], ScenarioItem] = {}


def check_item(path: Path, source: str) -> ScenarioItem:
    """The file checked, once per version of it (a file that changes is checked again)."""
    try:
        stat = path.stat()
        key = (str(path), source, stat.st_mtime_ns, stat.st_size)
    except OSError:
        return _check_item(path, source)
    item = _CHECKED.get(key)
    if item is None:
        item = _check_item(path, source)
        if len(_CHECKED) > 512:
            _CHECKED.clear()
        _CHECKED[key] = item
    return item


def _check_item(path: Path, source: str) -> ScenarioItem:
    from game.scenario.loader import check_file

    try:
        scenario, diagnostics = check_file(path)
    except Exception as exc:  # check_file should not raise; a list must never break
        log.exception("checking %s", path)
        return ScenarioItem(path, None, source, f"{path.name}: cannot be read ({exc})")
    if scenario is None:
        return ScenarioItem(path, None, source, first_error(diagnostics, path))
    warnings = sum(1 for d in diagnostics if getattr(d, "severity", "") == "warning")
    return ScenarioItem(path, scenario, source, None, warnings)


def bundled_items() -> list[ScenarioItem]:
    """The bundled scenarios, the tutorial first, then by title."""
    from game.scenario.catalog import bundled_paths

    items = [check_item(p, "bundled") for p in bundled_paths()]
    return sorted(items, key=lambda i: (i.path.stem != "tutorial", i.title.lower()))


def folder_items(folder: str) -> tuple[list[ScenarioItem], str | None]:
    """Every scenario file in ``folder`` (not its sub-folders), and a problem if any."""
    if not folder.strip():
        return [], None
    path = Path(os.path.expanduser(folder.strip()))
    if not path.exists():
        return [], f"No such folder: {path}"
    if not path.is_dir():
        return [], f"Not a folder: {path}"
    try:
        files = sorted(
            (p for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml") and p.is_file()),
            key=lambda p: p.name.lower(),
        )
    except OSError as exc:
        return [], f"Cannot read {path}: {exc.strerror or exc}"
    note = None
    if len(files) > MAX_FILES:
        note = f"Only the first {MAX_FILES} of {len(files)} files are listed"
        files = files[:MAX_FILES]
    return [check_item(p, "folder") for p in files], note


# --------------------------------------------------------------------------- thumbnails

_THUMBS: dict[tuple[Any, ...], tuple[pygame.Surface, list[tuple[int, int, int]]]] = {}


def _thumb_key(
    path: Path | None, scenario: Scenario, size: tuple[int, int], colourblind: bool
) -> tuple[Any, ...]:
    try:
        stamp = path.stat().st_mtime_ns if path is not None else 0
    except OSError:
        stamp = 0
    return (str(path) if path else scenario.id, stamp, size, colourblind)


def cached_thumbnail(
    path: Path | None, scenario: Scenario, size: tuple[int, int], colourblind: bool = False
):
    """The thumbnail if it was made already, else None."""
    return _THUMBS.get(_thumb_key(path, scenario, size, colourblind))


def thumbnail(
    path: Path | None, scenario: Scenario, size: tuple[int, int], colourblind: bool = False
) -> tuple[pygame.Surface, list[tuple[int, int, int]]]:
    """The scenario's map at ``size`` and the nations' map colours; made once and cached.

    Never raises: a map that cannot be drawn gives a plain plate (and the log says why).
    """
    key = _thumb_key(path, scenario, size, colourblind)
    made = _THUMBS.get(key)
    if made is not None:
        return made
    try:
        made = _render_thumbnail(scenario, size, colourblind)
    except Exception:
        log.exception("could not draw the map of %s", scenario.id)
        plate = pygame.Surface(size)
        plate.fill(pal.OCEAN)
        made = (
            plate,
            [pal.OKABE_ITO[i % len(pal.OKABE_ITO)] for i in range(len(scenario.nations))],
        )
    if len(_THUMBS) > 64:
        _THUMBS.clear()
    _THUMBS[key] = made
    return made


def _render_thumbnail(
    scenario: Scenario, size: tuple[int, int], colourblind: bool
) -> tuple[pygame.Surface, list[tuple[int, int, int]]]:
    from game.engine.game import Game
    from game.ui.mapview.facts import facts_from_view
    from game.ui.mapview.shapes import shapes_for_scenario
    from game.ui.mapview.view import MapView
    from game.ui.theme import Fonts

    game = Game.new(scenario)
    facts = replace(facts_from_view(game.view(0)), viewer=None)
    shapes = shapes_for_scenario(scenario, game.seed)
    scale = max(0.7, min(1.0, size[0] / 420))
    view = MapView(
        shapes,
        facts,
        pygame.Rect((0, 0), size),
        fonts=Fonts(scale),
        colourblind=colourblind,
        ui_scale=scale,
        animation_speed=0.0,
    )
    view.show_legend = False
    view.show_overlays = False
    view.prepare()
    surface = pygame.Surface(size)
    view.draw(surface)
    return surface, [tuple(c) for c in view.political_colours()]  # type: ignore[misc]


# --------------------------------------------------------------------------- the screen


class ScenarioBrowserScene(FrontScene):
    """Choose a scenario. See the module docstring."""

    overline = "New game · step 1 of 2"
    heading = "Choose a scenario"
    dim = 0.8

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.folder = app.settings.scenario_folder
        self.bundled = bundled_items()
        self.user: list[ScenarioItem] = []
        self.folder_problem: str | None = None
        self.folder_note: str | None = None
        self.list: ListBox | None = None
        self.detail_scroll = 0
        self._detail: tuple[tuple[Any, ...], pygame.Surface, pygame.Rect] | None = None
        self._thumb_shown: ScenarioItem | None = None
        self.folder_entry: Any = None
        self.recent_menu: Any = None
        if self.folder:
            self.scan(self.folder, remember=False)

    # ------------------------------------------------------------------ content

    @property
    def items(self) -> list[ScenarioItem]:
        return [*self.bundled, *self.user]

    @property
    def current(self) -> ScenarioItem | None:
        return self.list.current if self.list is not None else None

    def scan(self, folder: str, remember: bool = True) -> None:
        """List the scenarios of ``folder`` (and remember it when it is one)."""
        folder = folder.strip()
        self.folder = folder
        self.user, problem = folder_items(folder)
        self.folder_problem = problem if not self.user or problem else None
        self.folder_note = problem if self.user else None
        if problem and not self.user:
            self.say(problem)
        elif folder:
            bad = sum(1 for i in self.user if not i.ok)
            found = f"Found {len(self.user)} scenario file{'s' if len(self.user) != 1 else ''}"
            self.say(found + (f", {bad} with errors" if bad else ""), "info" if bad else "ok")
        if remember and (not problem or self.user):
            settings = self.app.settings
            settings.remember_scenario_folder(folder)
            try:
                settings.save()
            except OSError as exc:
                self.say(f"Could not save the settings: {exc}")
        if self.list is not None:
            self.kill_ui()
            self.build()

    def fill_list(self, keep: ScenarioItem | None = None) -> None:
        assert self.list is not None
        rows = [ListRow(None, self.px(30), "Bundled scenarios")]
        rows += [ListRow(i, self.px(64)) for i in self.bundled]
        if self.user:
            rows.append(ListRow(None, self.px(38), "From your folder"))
            rows += [ListRow(i, self.px(64)) for i in self.user]
        self.list.set_rows(rows, keep)
        if self.list.selected is None:
            self.list.move(1)
        self.on_select(self.list.current)

    # ------------------------------------------------------------------ layout

    def left_rect(self) -> pygame.Rect:
        c = self.content_rect()
        return pygame.Rect(c.x, c.y, self.px(430), c.height)

    def right_rect(self) -> pygame.Rect:
        c = self.content_rect()
        left = self.left_rect()
        x = left.right + self.px(16)
        return pygame.Rect(x, c.y, c.right - x, c.height)

    def folder_in_header(self) -> bool:
        """The folder controls go in the header, beside the title, when there is room."""
        title_w = self.texts.font(26, "bold").size(self.heading)[0]
        return self.width - self.px(32 + 32 + 48) - title_w >= self.px(600)

    def folder_rect(self) -> pygame.Rect:
        """Where the folder controls go: a label row, then the field and buttons."""
        if self.folder_in_header():
            w = min(
                self.px(720),
                self.width - self.px(64 + 48) - self.texts.font(26, "bold").size(self.heading)[0],
            )
            return pygame.Rect(self.width - self.px(32) - w, self.px(14), w, self.px(70))
        left = self.left_rect()
        h = self.px(104)
        return pygame.Rect(left.x, left.bottom - h, left.width, h)

    def layout(self) -> None:
        import pygame_gui

        left = self.left_rect()
        pad = self.px(10)
        inline = self.folder_in_header()
        f = self.folder_rect()
        bottom = left.bottom - pad if inline else f.y - pad
        list_rect = pygame.Rect(
            left.x + pad, left.y + pad, left.width - 2 * pad, bottom - left.y - pad
        )
        keep = self.current
        self.list = ListBox(list_rect, self.draw_row, self.s)
        self.list.on_select = self.on_select
        self.list.on_activate = lambda item: self.on_button("setup")
        self.fill_list(keep)

        recent = list(self.app.settings.recent_scenario_folders)
        gap = self.px(8)
        scan_w = self.px(76)
        recent_w = self.px(180) if (inline and recent) else 0
        if inline:
            x, y = f.x, f.y + self.px(22)
            entry_w = f.width - scan_w - gap - (recent_w + gap if recent_w else 0)
        else:
            x, y = f.x + self.px(16), f.y + self.px(34)
            entry_w = f.width - self.px(32) - scan_w - gap
        self.folder_entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(x, y, entry_w, self.px(34)),
            manager=self.app.ui,
            container=self.ui_root,
        )
        self.folder_entry.set_text(self.folder)
        self.add("scan", "Scan", pygame.Rect(x + entry_w + gap, y, scan_w, self.px(34)), size=14)
        self.recent_menu = None
        if recent:
            options: list[str | tuple[str, str]] = [("Recent folders…", "")]
            options += [(_short(p, 60), p) for p in recent]
            if inline:
                rect = pygame.Rect(x + entry_w + gap + scan_w + gap, y, recent_w, self.px(34))
            else:
                rect = pygame.Rect(x, y + self.px(40), f.width - self.px(32), self.px(28))
            self.recent_menu = pygame_gui.elements.UIDropDownMenu(
                options,
                ("Recent folders…", ""),
                rect,
                manager=self.app.ui,
                container=self.ui_root,
                expansion_height_limit=self.px(200),
            )
            if not inline:
                expand_up(self.recent_menu)

        self.add("back", "Back", self.footer_button_rect(0, 130, left=True))
        item = self.current
        self.add(
            "setup",
            "Set up game  →",
            self.footer_button_rect(0, 190),
            style="primary",
            enabled=bool(item and item.ok),
            hint="This scenario has errors: fix the file, then press Scan",
        )

    # ------------------------------------------------------------------ events

    def on_select(self, item: ScenarioItem | None) -> None:
        self.detail_scroll = 0
        self._detail = None
        b = self.button("setup")
        if b is not None:
            b.enabled = bool(item and item.ok)

    def handle(self, event: pygame.event.Event) -> bool:
        import pygame_gui

        if (
            event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED
            and event.ui_element is self.folder_entry
        ):
            self.scan(self.folder_entry.get_text())
            return True
        if (
            event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED
            and event.ui_element is self.recent_menu
        ):
            chosen = getattr(event, "selected_option_id", None)
            if chosen is None:
                chosen = dict((label, fid) for label, fid in self._recent_options()).get(
                    event.text, ""
                )
            if chosen:
                self.scan(chosen)
            return True
        if self.list is not None:
            typing = self.folder_entry is not None and self.folder_entry.is_focused
            if self.list.process_event(event, keys=not typing):
                return True
        if event.type == pygame.MOUSEWHEEL and self.right_rect().collidepoint(self.pointer):
            self.scroll_detail(-event.y * self.px(48))
            return True
        return False

    def _recent_options(self) -> list[tuple[str, str]]:
        return [(_short(p, 60), p) for p in self.app.settings.recent_scenario_folders]

    def scroll_detail(self, dy: int) -> None:
        if self._detail is None:
            return
        _, surface, area = self._detail
        top = max(0, surface.get_height() - area.height)
        self.detail_scroll = min(max(0, self.detail_scroll + dy), top)

    def on_button(self, key: str) -> None:
        if key == "back":
            self.back()
        elif key == "scan":
            text = self.folder_entry.get_text() if self.folder_entry is not None else self.folder
            self.scan(text)
        elif key == "setup":
            item = self.current
            if item is None:
                return
            if not item.ok:
                self.say(item.error or "This scenario cannot be started")
                return
            from game.ui.scenes.new_game import NewGameScene

            assert item.scenario is not None
            self.app.push(NewGameScene(self.app, item.scenario, item.path))

    # ------------------------------------------------------------------ frame

    def thumb_size(self) -> tuple[int, int]:
        return (self.px(THUMB[0]), self.px(THUMB[1]))

    def update(self, dt: float) -> None:
        super().update(dt)
        item = self.current
        # The thumbnail is made on the frame after the placeholder was shown.
        if item is not None and item.ok and self._thumb_shown is item:
            assert item.scenario is not None
            self._thumb_shown = None
            thumbnail(
                item.path, item.scenario, self.thumb_size(), self.app.settings.colourblind_safe
            )
            self._detail = None

    def draw_body(self, surface: pygame.Surface) -> None:
        panel(surface, self.left_rect(), self.s)
        panel(surface, self.right_rect(), self.s)
        if self.list is not None:
            self.list.draw(surface)
        self.draw_folder(surface)
        self.draw_detail(surface)

    def draw_row(
        self, surface: pygame.Surface, rect: pygame.Rect, row: ListRow, selected: bool, hover: bool
    ) -> None:
        s = self.s
        if row.item is None:
            label = self.texts.render(row.label.upper(), 11, "semibold", pal.INK_DIM)
            surface.blit(
                label, (rect.x + self.px(8), rect.bottom - label.get_height() - self.px(6))
            )
            if row.label.startswith("From"):
                folder = ellipsize(
                    self.texts.font(11),
                    "  " + self.folder,
                    rect.width - label.get_width() - self.px(16),
                )
                surface.blit(
                    self.texts.render(folder, 11, "regular", pal.INK_FAINT),
                    (
                        rect.x + self.px(8) + label.get_width(),
                        rect.bottom - label.get_height() - self.px(6),
                    ),
                )
            return
        item: ScenarioItem = row.item
        card = rect.inflate(0, -self.px(6))
        if selected:
            pygame.draw.rect(surface, SELECTED, card, border_radius=self.px(7))
            pygame.draw.rect(surface, pal.ACCENT, card, 1, border_radius=self.px(7))
        elif hover:
            pygame.draw.rect(surface, ROW_HOVER, card, border_radius=self.px(7))
        x = card.x + self.px(14)
        width = card.width - self.px(28)
        badge = "BUNDLED" if item.source == "bundled" else ("ERROR" if not item.ok else "YOURS")
        colour = ERROR if not item.ok else (pal.INK_DIM if item.source == "bundled" else OK)
        tag = self.texts.render(badge, 10, "bold", colour)
        tag_rect = tag.get_rect(topright=(card.right - self.px(12), card.y + self.px(10)))
        pygame.draw.rect(
            surface, colour, tag_rect.inflate(self.px(10), self.px(4)), 1, border_radius=self.px(4)
        )
        surface.blit(tag, tag_rect)
        title_w = tag_rect.x - self.px(16) - x
        title = ellipsize(self.texts.font(16, "semibold"), item.title, title_w)
        surface.blit(self.texts.render(title, 16, "semibold", pal.INK), (x, card.y + self.px(7)))
        y = card.y + self.px(32)
        if item.ok:
            sc = item.scenario
            assert sc is not None
            kind = "world map" if sc.map.type == "world" else "generated map"
            humans = sum(1 for n in sc.nations if n.controller == "human")
            meta = f"{len(sc.nations)} nations · {sc.turns} turns · {kind}"
            if humans:
                meta += f" · {humans} human"
            if item.warnings:
                meta += f" · {item.warnings} warning{'s' if item.warnings != 1 else ''}"
            surface.blit(
                self.texts.render(
                    ellipsize(self.texts.font(12.5), meta, width), 12.5, "regular", pal.INK_DIM
                ),
                (x, y),
            )
        else:
            text = ellipsize(self.texts.font(12.5), item.error or "", width)
            surface.blit(self.texts.render(text, 12.5, "regular", ERROR), (x, y))
        del s

    def draw_folder(self, surface: pygame.Surface) -> None:
        f = self.folder_rect()
        inline = self.folder_in_header()
        x = f.x if inline else f.x + self.px(16)
        y = f.y if inline else f.y + self.px(12)
        if not inline:
            pygame.draw.line(
                surface, pal.PANEL_EDGE, (f.x + self.px(12), f.y), (f.right - self.px(12), f.y)
            )
        label = self.texts.render("YOUR SCENARIOS FOLDER", 11, "semibold", pal.INK_DIM)
        surface.blit(label, (x, y))
        right = f.right if inline else f.right - self.px(16)
        room = right - x - label.get_width() - self.px(16)
        if self.folder_problem:
            text = ellipsize(self.texts.font(11.5), self.folder_problem, room)
            note = self.texts.render(text, 11.5, "regular", ERROR)
        else:
            text = ellipsize(
                self.texts.font(11.5), "every .yaml in it is listed below the bundled ones", room
            )
            note = self.texts.render(text, 11.5, "regular", pal.INK_FAINT)
        surface.blit(note, (right - note.get_width(), y))

    # ------------------------------------------------------------------ the details

    def draw_detail(self, surface: pygame.Surface) -> None:
        item = self.current
        area = self.right_rect().inflate(-self.px(48), -self.px(40))
        if item is None:
            text = self.texts.render("No scenario to show", 16, "regular", pal.INK_DIM)
            surface.blit(text, text.get_rect(center=area.center))
            return
        colourblind = self.app.settings.colourblind_safe
        thumb = None
        if item.ok:
            assert item.scenario is not None
            thumb = cached_thumbnail(item.path, item.scenario, self.thumb_size(), colourblind)
        key = (item.path, area.size, self.s, colourblind, thumb is not None)
        if self._detail is None or self._detail[0] != key:
            self._detail = (key, self.detail_surface(item, area.width, thumb), area)
            self.scroll_detail(0)
        _, content, _ = self._detail
        clip = surface.get_clip()
        surface.set_clip(area)
        surface.blit(content, (area.x, area.y - self.detail_scroll))
        surface.set_clip(clip)
        if item.ok and thumb is None:
            self._thumb_shown = item
        fade = self.px(22)
        if self.detail_scroll > 0:
            surface.blit(edge_fade(area.width, fade, True), area.topleft)
        if self.detail_scroll < content.get_height() - area.height:
            surface.blit(edge_fade(area.width, fade, False), (area.x, area.bottom - fade))
            hint = self.texts.render("Scroll for more  ↓", 11.5, "regular", pal.INK_DIM)
            surface.blit(hint, (area.right - hint.get_width(), area.bottom + self.px(3)))

    def detail_surface(
        self, item: ScenarioItem, width: int, thumb: tuple[pygame.Surface, list[Any]] | None
    ) -> pygame.Surface:
        """Everything about the scenario, laid out once per (scenario, width, scale)."""
        surface = pygame.Surface((width, self.px(3000)), pygame.SRCALPHA)
        if not item.ok:
            return self._error_detail(surface, item, width)
        sc = item.scenario
        assert sc is not None
        tw, th = self.thumb_size()
        narrow = width < tw + self.px(260)
        # The map.
        frame = pygame.Rect(0, 0, tw, th)
        if thumb is not None:
            surface.blit(thumb[0], frame)
        else:
            pygame.draw.rect(surface, pal.OCEAN, frame)
            wait = self.texts.render("Drawing the map…", 13, "regular", pal.INK_DIM)
            surface.blit(wait, wait.get_rect(center=frame.center))
        pygame.draw.rect(surface, pal.PANEL_EDGE, frame, 1)
        # Beside it: title, author, facts.
        x = 0 if narrow else tw + self.px(24)
        y = th + self.px(16) if narrow else 0
        side = width - x
        for line in wrap(self.texts.font(24, "bold"), sc.title, side)[:3]:
            surface.blit(self.texts.render(line, 24, "bold", pal.INK), (x, y))
            y += self.px(31)
        if sc.author:
            y += self.px(2)
            by = ellipsize(self.texts.font(13, "italic"), f"by {sc.author}", side)
            surface.blit(self.texts.render(by, 13, "italic", pal.INK_DIM), (x, y))
            y += self.px(24)
        y += self.px(8)
        kind = "World map" if sc.map.type == "world" else "Generated map"
        facts = [
            f"{sc.turns} turns",
            f"{sc.actions_per_turn} actions a turn",
            f"{len(sc.nations)} nations",
            kind,
        ]
        if item.source == "folder":
            facts.append(item.path.name)
        y = self._chips(surface, facts, x, y, side)
        if item.warnings:
            note = f"{item.warnings} warning{'s' if item.warnings != 1 else ''} (it still plays)"
            surface.blit(self.texts.render(note, 12, "regular", pal.WARNING), (x, y + self.px(4)))
            y += self.px(22)
        y = max(y, th) + self.px(20)
        # Summary.
        y = blit_lines(
            surface,
            self.texts,
            wrap(self.texts.font(15), sc.summary.strip(), width),
            (0, y),
            15,
            "regular",
            pal.INK,
            1.45,
        )
        y += self.px(14)
        # Nations | learning objectives.
        col = (width - self.px(24)) // 2
        left_y = self._heading(surface, "Nations", 0, y)
        colours = thumb[1] if thumb is not None else [pal.INK_FAINT] * len(sc.nations)
        for i, nation in enumerate(sc.nations):
            chip = pygame.Rect(0, left_y + self.px(4), self.px(14), self.px(14))
            swatch(surface, chip, colours[i] if i < len(colours) else pal.INK_FAINT, self.s)
            name = ellipsize(self.texts.font(14, "semibold"), nation.name, col - self.px(130))
            surface.blit(self.texts.render(name, 14, "semibold", pal.INK), (self.px(24), left_y))
            role = "Human" if nation.controller == "human" else f"AI · {nation.personality}"
            role_s = self.texts.render(
                role, 12.5, "regular", pal.ACCENT if nation.controller == "human" else pal.INK_DIM
            )
            surface.blit(role_s, (col - role_s.get_width(), left_y + self.px(1)))
            left_y += self.px(24)
        right_y = self._heading(surface, "Learning objectives", col + self.px(24), y)
        objectives = sc.learning_objectives or ["(none given)"]
        font = self.texts.font(14)
        for objective in objectives:
            lines = wrap(font, objective.strip(), col - self.px(18))
            pygame.draw.circle(
                surface, pal.ACCENT, (col + self.px(28), right_y + self.px(10)), max(2, self.px(3))
            )
            right_y = blit_lines(
                surface,
                self.texts,
                lines,
                (col + self.px(40), right_y),
                14,
                "regular",
                pal.INK,
                1.35,
            )
            right_y += self.px(6)
        bottom = max(left_y, right_y) + self.px(8)
        return surface.subsurface((0, 0, width, min(bottom, surface.get_height()))).copy()

    def _error_detail(
        self, surface: pygame.Surface, item: ScenarioItem, width: int
    ) -> pygame.Surface:
        y = 0
        over = self.texts.render("THIS SCENARIO CANNOT BE STARTED", 11.5, "semibold", ERROR)
        surface.blit(over, (0, y))
        y += self.px(22)
        for line in wrap(self.texts.font(24, "bold"), item.path.name, width)[:2]:
            surface.blit(self.texts.render(line, 24, "bold", pal.INK), (0, y))
            y += self.px(31)
        y += self.px(10)
        box_lines = wrap(self.texts.font(14, "semibold"), item.error or "", width - self.px(32))
        box = pygame.Rect(0, y, width, self.px(24) + len(box_lines) * self.px(20))
        pygame.draw.rect(surface, (60, 22, 28), box, border_radius=self.px(8))
        pygame.draw.rect(surface, ERROR, box, 1, border_radius=self.px(8))
        blit_lines(
            surface,
            self.texts,
            box_lines,
            (self.px(16), y + self.px(12)),
            14,
            "semibold",
            (255, 214, 206),
            1.2,
        )
        y = box.bottom + self.px(16)
        help_text = (
            "The file does not validate, so it cannot be played. The line above is the first "
            "problem the checker found; fix it in your editor, then press Scan to read the "
            f"folder again. For every problem at once, run:  cyberdip validate {item.path}"
        )
        y = blit_lines(
            surface,
            self.texts,
            wrap(self.texts.font(14), help_text, width),
            (0, y),
            14,
            "regular",
            pal.INK_DIM,
            1.4,
        )
        return surface.subsurface((0, 0, width, y + self.px(8))).copy()

    def _heading(self, surface: pygame.Surface, text: str, x: int, y: int) -> int:
        label = self.texts.render(text.upper(), 11.5, "semibold", pal.INK_DIM)
        surface.blit(label, (x, y))
        return y + self.px(24)

    def _chips(self, surface: pygame.Surface, labels: list[str], x: int, y: int, width: int) -> int:
        cx = x
        h = self.px(26)
        for label in labels:
            text = self.texts.render(label, 12.5, "semibold", pal.INK)
            w = text.get_width() + self.px(20)
            if cx + w > x + width and cx > x:
                cx = x
                y += h + self.px(8)
            rect = pygame.Rect(cx, y, w, h)
            pygame.draw.rect(surface, (24, 44, 74), rect, border_radius=h // 2)
            pygame.draw.rect(surface, pal.PANEL_EDGE, rect, 1, border_radius=h // 2)
            surface.blit(text, text.get_rect(center=rect.center))
            cx += w + self.px(8)
        return y + h + self.px(8)


def _short(path: str, limit: int) -> str:
    """A long path shortened in the middle, keeping its end (the folder's own name)."""
    home = os.path.expanduser("~")
    if home and home != "~" and path.startswith(home):
        path = "~" + path[len(home) :]
    if len(path) <= limit:
        return path
    return path[: limit // 3] + "…" + path[-(limit - limit // 3 - 1) :]
