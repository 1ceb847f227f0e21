"""New game, step 2: who plays each nation, the seed, and facilitator mode.

For every nation of the scenario: human or AI, the AI's personality and difficulty
(the scenario's choices to start with). The seed (a whole number; "Random" draws one).
Facilitator mode, for a teacher running the game, with an optional PIN that the
classroom build asks for (kept in ``Game.set_facilitator_pin``: only a salted hash).

Start makes the game (``Game.new``) and opens the game screen over the main menu. No
human nation is allowed: the AI plays every seat and the player watches (spectator).
A bad seed or PIN is said in one line under the field and in the footer; nothing crashes.

Keys: Enter start, Esc back.
"""

from __future__ import annotations

import logging
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

import pygame

from game.ui import palettes as pal
from game.ui.scenes.browser import THUMB, thumbnail
from game.ui.scenes.frontend import (
    ERROR,
    FrontScene,
    blit_lines,
    draw_button,
    draw_toggle,
    ellipsize,
    expand_up,
    panel,
    start_game,
    swatch,
    wrap,
)

if TYPE_CHECKING:
    from game.engine.game import Seat
    from game.scenario.models import Scenario
    from game.ui.app import App

log = logging.getLogger(__name__)

SEED_MAX = 2**63 - 1
PIN_DIGITS = (4, 8)
DIFFICULTY_ORDER = ("easy", "normal", "hard")


def personalities() -> list[str]:
    """Every AI personality a seat may have: the scenario format's list."""
    from game.scenario.models import Personality

    return list(get_args(Personality))


def difficulties() -> list[str]:
    from game.ai.weights import DIFFICULTIES

    return sorted(
        DIFFICULTIES, key=lambda d: (DIFFICULTY_ORDER.index(d) if d in DIFFICULTY_ORDER else 9, d)
    )


def personality_hint(name: str) -> str:
    from game.ai.weights import PERSONALITIES

    if name == "random":
        return "picks uniformly among legal orders (a baseline)"
    p = PERSONALITIES.get(name)
    return p.description if p is not None else ""


def parse_seed(text: str) -> tuple[int | None, str | None]:
    """(seed, None) or (None, why not)."""
    text = text.strip()
    if not text:
        return None, "Enter a seed (a whole number), or press Random"
    if not text.isdigit():
        return None, f"The seed must be a whole number, not {text!r}"
    value = int(text)
    if value > SEED_MAX:
        return None, "The seed is too large (at most 9223372036854775807)"
    return value, None


def parse_pin(text: str) -> tuple[str | None, str | None]:
    """("" for none, or the PIN) or (None, why not)."""
    text = text.strip()
    if not text:
        return "", None
    lo, hi = PIN_DIGITS
    if not text.isdigit() or not lo <= len(text) <= hi:
        return None, f"The PIN must be {lo} to {hi} digits (or left empty)"
    return text, None


class NewGameScene(FrontScene):
    """Set up a game of ``scenario`` (read from ``path``). See the module docstring."""

    overline = "New game · step 2 of 2"
    dim = 0.8

    def __init__(self, app: App, scenario: Scenario, path: Path | str | None = None) -> None:
        super().__init__(app)
        from game.engine.game import default_seats

        self.scenario = scenario
        self.path = Path(path) if path is not None else None
        self.heading = scenario.title
        self.defaults = default_seats(scenario)
        self.seats: dict[str, dict[str, Any]] = {
            nid: {
                "controller": s.controller,
                "personality": s.personality,
                "difficulty": s.difficulty,
            }
            for nid, s in self.defaults.items()
        }
        self.seed_text = str(scenario.seed)
        self.pin_text = ""
        self.facilitator = False
        self.page = 0
        self.seed_error: str | None = None
        self.pin_error: str | None = None
        self.widgets: dict[Any, tuple[str, str]] = {}
        self.seed_entry: Any = None
        self.pin_entry: Any = None
        s = app.settings
        self.colours = thumbnail(
            self.path,
            scenario,
            (round(THUMB[0] * s.ui_scale), round(THUMB[1] * s.ui_scale)),
            s.colourblind_safe,
        )[1]

    # ------------------------------------------------------------------ the model

    def make_seats(self) -> dict[str, Seat]:
        from game.engine.game import Seat

        out = {}
        for nid, seat in self.seats.items():
            default = self.defaults[nid]
            # The scenario's own weights tune its personality; another one starts clean.
            weights = default.weights if seat["personality"] == default.personality else None
            out[nid] = Seat(seat["controller"], seat["personality"], seat["difficulty"], weights)
        return out

    def humans(self) -> list[str]:
        return [nid for nid, seat in self.seats.items() if seat["controller"] == "human"]

    def set_controller(self, nid: str, controller: str) -> None:
        self.seats[nid]["controller"] = controller
        self.kill_ui()
        self.build()

    def set_all(self, controller: str) -> None:
        for seat in self.seats.values():
            seat["controller"] = controller
        self.kill_ui()
        self.build()

    def validate(self) -> tuple[int | None, str | None, str | None]:
        """(seed, pin, first problem) from the fields as they are now."""
        self.read_fields()
        seed, self.seed_error = parse_seed(self.seed_text)
        pin, self.pin_error = parse_pin(self.pin_text) if self.facilitator else ("", None)
        problem = self.seed_error or self.pin_error
        return seed, pin, problem

    def read_fields(self) -> None:
        if self.seed_entry is not None:
            self.seed_text = self.seed_entry.get_text()
        if self.pin_entry is not None:
            self.pin_text = self.pin_entry.get_text()

    def start(self) -> None:
        from game.engine.game import Game

        seed, pin, problem = self.validate()
        if problem:
            self.say(problem)
            return
        try:
            game = Game.new(self.scenario, seed, self.make_seats())
        except Exception as exc:  # a bad combination must not crash the menu
            log.exception("Game.new failed")
            self.say(f"Could not start: {exc}")
            return
        if self.facilitator and pin:
            game.set_facilitator_pin(pin)
        error = start_game(self.app, game, facilitator=self.facilitator)
        if error:
            self.say(error)

    # ------------------------------------------------------------------ layout

    def side_width(self) -> int:
        """The options panel: narrower in a small window, so the table keeps its room."""
        c = self.content_rect()
        return max(self.px(280), min(self.px(360), round(c.width * 0.3)))

    def left_rect(self) -> pygame.Rect:
        c = self.content_rect()
        return pygame.Rect(c.x, c.y, c.width - self.side_width() - self.px(16), c.height)

    def right_rect(self) -> pygame.Rect:
        c = self.content_rect()
        w = self.side_width()
        return pygame.Rect(c.right - w, c.y, w, c.height)

    def row_height(self) -> int:
        return self.px(42)

    def per_page(self) -> int:
        left = self.left_rect()
        room = left.height - self.px(20 + 34 + 52)
        return max(1, room // self.row_height())

    def columns(self) -> dict[str, tuple[int, int]]:
        """x and width of each column of the nations table."""
        left = self.left_rect()
        x = left.x + self.px(20)
        widths = {
            "nation": 0,
            "player": self.px(156),
            "personality": self.px(178),
            "difficulty": self.px(116),
        }
        gap = self.px(14)
        fixed = widths["player"] + widths["personality"] + widths["difficulty"] + 3 * gap
        room = left.width - self.px(40) - self.px(170)  # names keep at least this much
        if fixed > room:
            f = max(0.6, room / fixed)
            for key in ("player", "personality", "difficulty"):
                widths[key] = round(widths[key] * f)
            gap = round(gap * f)
            fixed = widths["player"] + widths["personality"] + widths["difficulty"] + 3 * gap
        widths["nation"] = left.width - self.px(40) - fixed
        out = {}
        for key in ("nation", "player", "personality", "difficulty"):
            out[key] = (x, widths[key])
            x += widths[key] + gap
        return out

    def layout(self) -> None:
        import pygame_gui

        self.read_fields()
        self.widgets = {}
        nations = self.scenario.nations
        per = self.per_page()
        pages = max(1, -(-len(nations) // per))
        self.page = min(self.page, pages - 1)
        cols = self.columns()
        left = self.left_rect()
        top = left.y + self.px(20 + 34)
        rh = self.row_height()
        ch = self.px(32)
        shown = nations[self.page * per : (self.page + 1) * per]
        for row, nation in enumerate(shown):
            y = top + row * rh + (rh - ch) // 2
            seat = self.seats[nation.id]
            human = seat["controller"] == "human"
            px_, pw = cols["player"]
            half = pw // 2
            self.add(
                f"human:{nation.id}",
                "Human",
                pygame.Rect(px_, y, half, ch),
                style="seg-left",
                selected=human,
                size=13.5,
            )
            self.add(
                f"ai:{nation.id}",
                "AI",
                pygame.Rect(px_ + half, y, pw - half, ch),
                style="seg-right",
                selected=not human,
                size=13.5,
                muted=True,
            )
            up = row >= len(shown) / 2 and row > 2
            for field_, options in (
                ("personality", personalities()),
                ("difficulty", difficulties()),
            ):
                x, w = cols[field_]
                value = seat[field_]
                choices: list[str | tuple[str, str]] = list(options)
                if value not in options:
                    choices.append(value)
                menu = pygame_gui.elements.UIDropDownMenu(
                    choices,
                    value,
                    pygame.Rect(x, y, w, ch),
                    manager=self.app.ui,
                    container=self.ui_root,
                    expansion_height_limit=self.px(240),
                )
                if up:
                    expand_up(menu)
                if human:
                    menu.disable()
                self.widgets[menu] = (nation.id, field_)
        if pages > 1:
            by = left.bottom - self.px(46)
            self.add(
                "prev",
                "‹",
                pygame.Rect(left.x + self.px(20), by, self.px(40), self.px(32)),
                enabled=self.page > 0,
                size=16,
            )
            self.add(
                "next",
                "›",
                pygame.Rect(left.x + self.px(20 + 40 + 160), by, self.px(40), self.px(32)),
                enabled=self.page < pages - 1,
                size=16,
            )
        by = left.bottom - self.px(46)
        self.add(
            "all_ai",
            "All AI",
            pygame.Rect(left.right - self.px(20 + 110), by, self.px(110), self.px(32)),
            size=13.5,
        )
        self.add(
            "all_human",
            "All human",
            pygame.Rect(left.right - self.px(20 + 110 + 10 + 120), by, self.px(120), self.px(32)),
            size=13.5,
        )

        r = self.right_rect()
        seed_w = r.width - self.px(44 + 110 + 10)
        x = r.x + self.px(22)
        y = r.y + self.px(46)
        self.seed_entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(x, y, seed_w, self.px(36)),
            manager=self.app.ui,
            container=self.ui_root,
        )
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.set_text_length_limit(19)
        self.seed_entry.set_text(self.seed_text)
        self.add(
            "random",
            "Random",
            pygame.Rect(x + seed_w + self.px(10), y, self.px(110), self.px(36)),
            size=14,
        )
        fy = self.facilitator_top()
        self.add(
            "facilitator",
            "",
            pygame.Rect(r.right - self.px(22 + 52), fy, self.px(52), self.px(28)),
            style="toggle",
            selected=self.facilitator,
        )
        self.pin_entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(x, self.pin_top(), self.px(150), self.px(34)),
            manager=self.app.ui,
            container=self.ui_root,
        )
        self.pin_entry.set_allowed_characters("numbers")
        self.pin_entry.set_text_length_limit(PIN_DIGITS[1])
        self.pin_entry.set_text(self.pin_text)
        if not self.facilitator:
            self.pin_entry.disable()

        self.add("back", "Back", self.footer_button_rect(0, 130, left=True))
        label = "Start game" if self.humans() else "Watch the game"
        self.add("start", label, self.footer_button_rect(0, 190), style="primary")

    def facilitator_top(self) -> int:
        return self.right_rect().y + self.px(46 + 36 + 66 + 28)

    def pin_top(self) -> int:
        return self.facilitator_top() + self.px(28 + 58 + 22)

    # ------------------------------------------------------------------ events

    def handle(self, event: pygame.event.Event) -> bool:
        import pygame_gui

        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element in self.widgets:
            nid, field_ = self.widgets[event.ui_element]
            value = getattr(event, "selected_option_id", None) or event.text
            self.seats[nid][field_] = value
            if field_ == "personality":
                name = next(n.name for n in self.scenario.nations if n.id == nid)
                self.say(f"{name}, {value}: {personality_hint(value)}", "info")
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element in (
            self.seed_entry,
            self.pin_entry,
        ):
            self.read_fields()
            if self.seed_error or self.pin_error:
                self.validate()
                if not (self.seed_error or self.pin_error):
                    self.say(None)
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element in (
            self.seed_entry,
            self.pin_entry,
        ):
            self.start()
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            self.on_button("next" if event.key == pygame.K_PAGEDOWN else "prev")
            return True
        return False

    def on_button(self, key: str) -> None:
        if key == "back":
            self.back()
        elif key == "start":
            self.start()
        elif key == "random":
            self.read_fields()
            self.seed_text = str(secrets.randbelow(1_000_000_000))
            if self.seed_entry is not None:
                self.seed_entry.set_text(self.seed_text)
            self.seed_error = None
            if not self.pin_error:
                self.say(None)
        elif key == "facilitator":
            self.read_fields()
            self.facilitator = not self.facilitator
            if not self.facilitator:
                self.pin_error = None
            self.kill_ui()
            self.build()
        elif key in ("prev", "next"):
            per = self.per_page()
            pages = max(1, -(-len(self.scenario.nations) // per))
            self.page = min(max(0, self.page + (1 if key == "next" else -1)), pages - 1)
            self.kill_ui()
            self.build()
        elif key == "all_ai":
            self.set_all("ai")
        elif key == "all_human":
            self.set_all("human")
        elif ":" in key:
            controller, nid = key.split(":", 1)
            if nid in self.seats:
                self.set_controller(nid, controller)

    # ------------------------------------------------------------------ drawing

    def draw_body(self, surface: pygame.Surface) -> None:
        panel(surface, self.left_rect(), self.s)
        panel(surface, self.right_rect(), self.s)
        self.draw_table(surface)
        self.draw_options(surface)

    def draw_buttons(self, surface: pygame.Surface) -> None:
        for b in self.buttons:
            if b.style == "toggle":
                draw_toggle(surface, b.rect, b.selected, self.s, hover=b is self.hover)
        for b in self.buttons:
            if b.style != "toggle":
                draw_button(
                    surface,
                    self.texts,
                    b,
                    self.s,
                    hover=b is self.hover and b.enabled,
                    focus=b is self.focus,
                    pressed=b is self.pressed,
                )

    def draw_table(self, surface: pygame.Surface) -> None:
        left = self.left_rect()
        cols = self.columns()
        y = left.y + self.px(20)
        for key, title in (
            ("nation", "Nation"),
            ("player", "Played by"),
            ("personality", "AI personality"),
            ("difficulty", "AI difficulty"),
        ):
            x, _ = cols[key]
            surface.blit(
                self.texts.render(title.upper(), 11, "semibold", pal.INK_DIM), (x, y + self.px(8))
            )
        y += self.px(34)
        pygame.draw.line(
            surface,
            pal.PANEL_EDGE,
            (left.x + self.px(12), y - self.px(4)),
            (left.right - self.px(12), y - self.px(4)),
        )
        per = self.per_page()
        nations = self.scenario.nations
        shown = list(enumerate(nations))[self.page * per : (self.page + 1) * per]
        rh = self.row_height()
        humans = self.humans()
        x, w = cols["nation"]
        for row, (i, nation) in enumerate(shown):
            ry = y + row * rh
            if row % 2 == 1:
                stripe = pygame.Rect(left.x + self.px(8), ry, left.width - self.px(16), rh)
                pygame.draw.rect(surface, (16, 31, 54), stripe, border_radius=self.px(6))
            colour = self.colours[i] if i < len(self.colours) else pal.INK_FAINT
            swatch(
                surface,
                pygame.Rect(x, ry + (rh - self.px(16)) // 2, self.px(16), self.px(16)),
                colour,
                self.s,
            )
            tag = None
            if nation.id in humans:
                tag = self.texts.render(f"P{humans.index(nation.id) + 1}", 10.5, "bold", pal.ACCENT)
            room = w - self.px(28) - (tag.get_width() + self.px(18) if tag else 0)
            name = ellipsize(self.texts.font(15, "semibold"), nation.name, room)
            label = self.texts.render(name, 15, "semibold", pal.INK)
            ly = ry + (rh - label.get_height()) // 2
            surface.blit(label, (x + self.px(26), ly))
            if tag is not None:
                box = tag.get_rect(
                    midleft=(x + self.px(26) + label.get_width() + self.px(14), ry + rh // 2)
                )
                pygame.draw.rect(
                    surface,
                    pal.ACCENT,
                    box.inflate(self.px(10), self.px(4)),
                    1,
                    border_radius=self.px(4),
                )
                surface.blit(tag, box)
        pages = max(1, -(-len(nations) // per))
        if pages > 1:
            first = self.page * per + 1
            last = min(len(nations), first + per - 1)
            text = self.texts.render(
                f"Nations {first}–{last} of {len(nations)}", 13, "regular", pal.INK_DIM
            )
            by = left.bottom - self.px(46)
            surface.blit(
                text, (left.x + self.px(20 + 40 + 12), by + (self.px(32) - text.get_height()) // 2)
            )

    def draw_options(self, surface: pygame.Surface) -> None:
        r = self.right_rect()
        x = r.x + self.px(22)
        width = r.width - self.px(44)
        y = r.y + self.px(20)
        surface.blit(self.texts.render("SEED", 11, "semibold", pal.INK_DIM), (x, y))
        y = r.y + self.px(46 + 36 + 8)
        if self.seed_error:
            for line in wrap(self.texts.font(12.5, "semibold"), self.seed_error, width)[:2]:
                surface.blit(self.texts.render(line, 12.5, "semibold", ERROR), (x, y))
                y += self.px(17)
        else:
            blit_lines(
                surface,
                self.texts,
                wrap(
                    self.texts.font(12.5),
                    "The same seed and the same orders always give the same game.",
                    width,
                ),
                (x, y),
                12.5,
                "regular",
                pal.INK_FAINT,
            )
        # Facilitator mode.
        fy = self.facilitator_top()
        pygame.draw.line(
            surface,
            pal.PANEL_EDGE,
            (x, fy - self.px(18)),
            (r.right - self.px(22), fy - self.px(18)),
        )
        label = self.texts.render("Facilitator mode", 16, "semibold", pal.INK)
        surface.blit(label, (x, fy + (self.px(28) - label.get_height()) // 2))
        text = (
            "For a teacher running the game: see every nation, pause, inject events and "
            "roll back a turn."
        )
        blit_lines(
            surface,
            self.texts,
            wrap(self.texts.font(12.5), text, width),
            (x, fy + self.px(36)),
            12.5,
            "regular",
            pal.INK_DIM,
        )
        py = self.pin_top()
        ink = pal.INK_DIM if self.facilitator else pal.INK_FAINT
        surface.blit(
            self.texts.render("PIN  (optional, 4–8 digits)", 11, "semibold", ink),
            (x, py - self.px(20)),
        )
        if self.pin_error:
            lines = wrap(self.texts.font(12.5, "semibold"), self.pin_error, width)
            blit_lines(
                surface, self.texts, lines[:2], (x, py + self.px(40)), 12.5, "semibold", ERROR
            )
        elif self.facilitator:
            tip_x = x + self.px(162)
            lines = wrap(
                self.texts.font(12),
                "Asked before the facilitator tools open.",
                r.right - self.px(22) - tip_x,
            )
            top = py + (self.px(1) if len(lines) > 1 else self.px(9))
            blit_lines(
                surface, self.texts, lines[:2], (tip_x, top), 12, "regular", pal.INK_FAINT, 1.2
            )
        # Who plays.
        self.draw_players(surface, x, py + self.px(34 + 44), width)

    def draw_players(self, surface: pygame.Surface, x: int, y: int, width: int) -> None:
        r = self.right_rect()
        pygame.draw.line(
            surface, pal.PANEL_EDGE, (x, y - self.px(16)), (r.right - self.px(22), y - self.px(16))
        )
        humans = self.humans()
        names = {n.id: n.name for n in self.scenario.nations}
        ai = len(self.seats) - len(humans)
        if not humans:
            head, text = "Spectator", "Every nation is played by the AI: you watch the game unfold."
        elif len(humans) == 1:
            head = f"You play {names[humans[0]]}"
            text = f"against {ai} AI nation{'s' if ai != 1 else ''}." if ai else "."
        else:
            head = f"Hot-seat: {len(humans)} players"
            text = f"{', '.join(names[h] for h in humans)} take turns on this computer" + (
                f", with {ai} AI nation{'s' if ai != 1 else ''}." if ai else "."
            )
        surface.blit(self.texts.render(head, 15, "semibold", pal.ACCENT), (x, y))
        bottom = r.bottom - self.px(16)
        lines = wrap(self.texts.font(12.5), text, width)
        room = max(1, (bottom - y - self.px(22)) // self.px(17))
        if len(lines) > room:  # (a cut sentence ends in an ellipsis, not mid-air)
            lines = [
                *lines[: room - 1],
                ellipsize(self.texts.font(12.5), " ".join(lines[room - 1 :]), width),
            ]
        y = blit_lines(
            surface, self.texts, lines, (x, y + self.px(22)), 12.5, "regular", pal.INK_DIM
        )
        sc = self.scenario
        kind = "world map" if sc.map.type == "world" else "generated map"
        facts = f"{sc.turns} turns · {sc.actions_per_turn} actions a turn · {kind}"
        if y + self.px(30) < bottom:
            surface.blit(
                self.texts.render(
                    ellipsize(self.texts.font(12.5), facts, width), 12.5, "regular", pal.INK_FAINT
                ),
                (x, y + self.px(8)),
            )
