"""The Cyberpedia: the in-game encyclopedia of cyber diplomacy.

On the left a search box and the entries, grouped by theme in reading order (or, while
searching, the matches best first). On the right the entry: title, summary, the
real-world explanation, an "In this game" box with the rules' own numbers, and see-also
links. Terms in the text that have an entry of their own are links too (the first time
each appears). Following a link remembers where you were: Backspace (or the "‹" button)
goes back through the entries read; Esc leaves the Cyberpedia for the screen it was
opened from.

Keys: ↑/↓ entries, PgUp/PgDn scroll, Enter in the search box opens the best match,
Backspace previous entry, Esc back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pygame

from game.content import cyberpedia as pedia
from game.ui import palettes as pal
from game.ui.glossary import linked_terms
from game.ui.scenes.frontend import (
    ROW_HOVER,
    SELECTED,
    FrontScene,
    ListBox,
    ListRow,
    Texts,
    edge_fade,
    ellipsize,
    panel,
    wrap,
)

if TYPE_CHECKING:
    from game.ui.app import App

#: Themes of the entry list, in reading order; entries not named here go under "More".
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Foundations", ("cyber-diplomacy", "digital-diplomacy", "cyberspace", "postures")),
    (
        "Operations",
        (
            "covert-operations",
            "espionage",
            "sabotage",
            "disinformation",
            "critical-infrastructure",
            "non-state-actors",
        ),
    ),
    ("Who did it?", ("detection", "attribution", "misattribution", "fog-of-war")),
    ("Relations", ("trust", "tension", "talks", "hotlines")),
    (
        "Agreements",
        (
            "norms",
            "international-law",
            "arms-control",
            "alliances",
            "intelligence-sharing",
            "capacity-building",
            "cybercrime-conventions",
        ),
    ),
    ("Responses", ("denunciation", "sanctions")),
    ("The game", ("stability", "scores")),
    ("History", ("timeline",)),
)

LINK = (120, 200, 255)
LINK_LINE = (60, 120, 180)
YEAR = re.compile(r"^(\d{4}(?:[–-]\d{2,4})?\s+—\s+)")


def group_of(entry_id: str) -> str:
    for name, members in GROUPS:
        if entry_id in members:
            return name
    return "More"


def grouped() -> list[tuple[str, list[pedia.Entry]]]:
    """The entries by theme, each theme in reading order; unknown entries last."""
    by_group: dict[str, list[pedia.Entry]] = {}
    for e in pedia.entries():
        by_group.setdefault(group_of(e.id), []).append(e)
    names = [g for g, _ in GROUPS] + ["More"]
    return [(g, by_group[g]) for g in names if g in by_group]


# --------------------------------------------------------------------------- page layout


@dataclass
class Page:
    """An entry laid out at one width: the picture, and where its links are."""

    entry_id: str
    surface: pygame.Surface
    links: list[tuple[pygame.Rect, str]] = field(default_factory=list)


@dataclass
class _Run:
    x: int
    y: int
    text: str
    size: float
    weight: str
    colour: tuple[int, int, int]
    link: str | None = None


def _spans(text: str, exclude: set[str], used: set[str]) -> list[tuple[str, str | None]]:
    """``text`` cut into (piece, entry linked or None); each entry linked once a page."""
    out: list[tuple[str, str | None]] = []
    pos = 0
    for start, end, entry_id in linked_terms(text):
        if entry_id in exclude or entry_id in used:
            continue
        if text[start].isupper() and not _sentence_start(text, start):
            continue  # a proper name ("the Organization for Security and ..."), not the term
        if start > pos:
            out.append((text[pos:start], None))
        out.append((text[start:end], entry_id))
        used.add(entry_id)
        pos = end
    if pos < len(text):
        out.append((text[pos:], None))
    return out


def _sentence_start(text: str, at: int) -> bool:
    before = text[:at].rstrip()
    return not before or before[-1] in ".:;!?—(\"'‘“"


class PageBuilder:
    """Lays out rich text (with links) into runs, then paints them on one surface."""

    def __init__(self, texts: Texts, width: int, s: float) -> None:
        self.texts = texts
        self.width = width
        self.s = s
        self.y = 0
        self.runs: list[_Run] = []
        self.shapes: list[tuple[str, pygame.Rect, Any]] = []

    def px(self, v: float) -> int:
        return round(v * self.s)

    def line_height(self, size: float, leading: float) -> int:
        return round(self.texts.font(size).get_linesize() * leading)

    def text(
        self,
        text: str,
        size: float,
        weight: str = "regular",
        colour: tuple[int, int, int] = pal.INK,
        *,
        x0: int = 0,
        width: int | None = None,
        leading: float = 1.45,
        exclude: set[str] | None = None,
        used: set[str] | None = None,
    ) -> None:
        """A paragraph; ``used`` collects linked entries (None: no links)."""
        width = self.width - x0 if width is None else width
        step = self.line_height(size, leading)
        for raw_line in text.split("\n"):
            indent = 0
            pieces: list[tuple[str, str | None, str, tuple[int, int, int]]] = []
            year = YEAR.match(raw_line)
            if year:
                head = year.group(1)
                pieces.append((head, None, "bold", pal.INK))
                indent = self.texts.font(size, "bold").size(head)[0]
                raw_line = raw_line[len(head) :]
            spans = (
                _spans(raw_line, exclude or set(), used) if used is not None else [(raw_line, None)]
            )
            for piece, link in spans:
                pieces.append((piece, link, weight, LINK if link else colour))
            x = 0
            for piece, link, w8, ink in pieces:
                font = self.texts.font(size, w8)
                for token in re.findall(r"\S+\s*|\s+", piece):
                    word_w = font.size(token.rstrip())[0]
                    if x + word_w > width and x > indent:
                        self.y += step
                        x = indent
                        if not token.strip():
                            continue
                    self.runs.append(_Run(x0 + x, self.y, token, size, w8, ink, link))
                    x += font.size(token)[0]
            self.y += step

    def gap(self, v: float) -> None:
        self.y += self.px(v)

    def paint(self, height_extra: int = 0) -> tuple[pygame.Surface, list[tuple[pygame.Rect, str]]]:
        height = max(1, self.y + height_extra)
        surface = pygame.Surface((self.width, height), pygame.SRCALPHA)
        for kind, rect, data in self.shapes:
            if kind == "box":
                pygame.draw.rect(surface, (15, 34, 60), rect, border_radius=self.px(8))
                pygame.draw.rect(surface, (36, 70, 110), rect, 1, border_radius=self.px(8))
                bar = pygame.Rect(
                    rect.x, rect.y + self.px(10), self.px(3), rect.height - self.px(20)
                )
                pygame.draw.rect(surface, pal.ACCENT, bar, border_radius=2)
            elif kind == "rule":
                pygame.draw.line(surface, pal.PANEL_EDGE, rect.topleft, rect.topright)
            elif kind == "chip":  # data: (title, entry id)
                pygame.draw.rect(surface, (22, 48, 82), rect, border_radius=rect.height // 2)
                pygame.draw.rect(surface, (58, 110, 170), rect, 1, border_radius=rect.height // 2)
                label = self.texts.render(data[0], 13.5, "semibold", pal.INK)
                surface.blit(label, label.get_rect(center=rect.center))
            elif kind == "blit":
                surface.blit(data, rect)
        links: list[tuple[pygame.Rect, str]] = []
        for run in self.runs:
            shown = run.text.rstrip() if run.link else run.text
            if not shown:
                continue
            img = self.texts.render(shown, run.size, run.weight, run.colour)
            surface.blit(img, (run.x, run.y))
            if run.link:
                base = run.y + img.get_height() - self.px(3)
                pygame.draw.line(surface, LINK_LINE, (run.x, base), (run.x + img.get_width(), base))
                links.append(
                    (pygame.Rect(run.x, run.y, img.get_width(), img.get_height()), run.link)
                )
        for kind, rect, data in self.shapes:
            if kind == "chip":
                links.append((rect.copy(), data[1]))
        return surface, links


def build_page(texts: Texts, entry: pedia.Entry, width: int, s: float) -> Page:
    """The entry laid out at ``width`` (links to other entries are clickable)."""
    b = PageBuilder(texts, width, s)
    used: set[str] = set()
    exclude = {entry.id}
    over = texts.spaced(
        group_of(entry.id).upper() + "  ·  CYBERPEDIA", 11, "semibold", pal.ACCENT, 2.0
    )
    b.shapes.append(("blit", pygame.Rect(0, 0, *over.get_size()), over))
    b.gap(24)
    for line in wrap(texts.font(30, "bold"), entry.title, width):
        b.shapes.append(("blit", pygame.Rect(0, b.y, 0, 0), texts.render(line, 30, "bold")))
        b.y += b.px(38)
    b.gap(6)
    b.text(entry.summary, 17, "italic", (168, 200, 236), leading=1.4)
    b.gap(12)
    b.shapes.append(("rule", pygame.Rect(0, b.y, width, 1), None))
    b.gap(18)
    for para in entry.paragraphs:
        b.text(para, 15.5, "regular", pal.INK, exclude=exclude, used=used)
        b.gap(10)
    # In this game.
    b.gap(8)
    top = b.y
    b.gap(16)
    head = texts.spaced("IN THIS GAME", 11.5, "semibold", pal.ACCENT, 2.0)
    b.shapes.append(("blit", pygame.Rect(b.px(22), b.y, 0, 0), head))
    b.gap(26)
    for para in entry.in_game_paragraphs:
        b.text(
            para,
            14.5,
            "regular",
            (214, 226, 242),
            x0=b.px(22),
            width=width - b.px(44),
            leading=1.45,
            exclude=exclude,
            used=used,
        )
        b.gap(8)
    b.gap(8)
    b.shapes.insert(0, ("box", pygame.Rect(0, top, width, b.y - top), None))
    # See also.
    if entry.see_also:
        b.gap(22)
        head = texts.spaced("SEE ALSO", 11.5, "semibold", pal.INK_DIM, 2.0)
        b.shapes.append(("blit", pygame.Rect(0, b.y, 0, 0), head))
        b.gap(26)
        x = 0
        h = b.px(32)
        for target in entry.see_also:
            try:
                title = pedia.entry(target).title
            except KeyError:
                continue
            title = ellipsize(texts.font(13.5, "semibold"), title, width - b.px(30))
            w = texts.font(13.5, "semibold").size(title)[0] + b.px(30)
            if x + w > width and x > 0:
                x = 0
                b.y += h + b.px(8)
            b.shapes.append(("chip", pygame.Rect(x, b.y, w, h), (title, target)))
            x += w + b.px(8)
        b.y += h
    b.gap(24)
    surface, links = b.paint()
    return Page(entry.id, surface, links)


# --------------------------------------------------------------------------- the screen


class CyberpediaScene(FrontScene):
    """The Cyberpedia, opened at ``entry_id`` (or the first entry). See the module docstring."""

    overline = "Help"
    heading = "Cyberpedia"
    dim = 0.82

    def __init__(self, app: App, entry_id: str | None = None) -> None:
        super().__init__(app)
        self.entry_id = pedia.ids()[0]
        if entry_id is not None:
            if entry_id in pedia.ids():
                self.entry_id = entry_id
            else:
                self.say(f"There is no entry '{entry_id}'", "info")
        self.history: list[str] = []
        self.query = ""
        self.results: list[pedia.Entry] | None = None
        self.list: ListBox | None = None
        self.search_entry: Any = None
        self.scroll = 0
        self._page: Page | None = None
        self._page_key: tuple[Any, ...] | None = None
        self.hover_link: str | None = None

    # ------------------------------------------------------------------ layout

    def left_rect(self) -> pygame.Rect:
        c = self.content_rect()
        return pygame.Rect(c.x, c.y, self.px(340), c.height)

    def right_rect(self) -> pygame.Rect:
        c = self.content_rect()
        left = self.left_rect()
        x = left.right + self.px(16)
        return pygame.Rect(x, c.y, c.right - x, c.height)

    def page_area(self) -> pygame.Rect:
        r = self.right_rect()
        width = min(r.width - self.px(64), self.px(780))
        return pygame.Rect(r.x + self.px(32), r.y + self.px(26), width, r.height - self.px(40))

    def layout(self) -> None:
        import pygame_gui

        left = self.left_rect()
        pad = self.px(14)
        self.search_entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(left.x + pad, left.y + self.px(36), left.width - 2 * pad, self.px(36)),
            manager=self.app.ui,
            container=self.ui_root,
        )
        self.search_entry.set_text_length_limit(60)
        self.search_entry.set_text(self.query)
        top = left.y + self.px(36 + 36 + 10)
        self.list = ListBox(
            pygame.Rect(
                left.x + self.px(8), top, left.width - self.px(16), left.bottom - top - self.px(8)
            ),
            self.draw_row,
            self.s,
        )
        self.list.on_select = lambda e: self._open_quietly(e.id)
        self.fill_list()
        self.add("back", "Back", self.footer_button_rect(0, 130, left=True))
        self.add(
            "previous",
            "‹  Previous entry",
            self.footer_button_rect(0, 200),
            enabled=bool(self.history),
            hint="Follow a link first: this goes back to the entry you came from",
        )
        self._page_key = None

    def fill_list(self) -> None:
        assert self.list is not None
        rows: list[ListRow] = []
        if self.results is None:
            for name, members in grouped():
                rows.append(ListRow(None, self.px(30 if not rows else 36), name))
                rows += [ListRow(e, self.px(32)) for e in members]
        else:
            count = len(self.results)
            label = (
                f"{count} match{'es' if count != 1 else ''}"
                if count
                else f"Nothing matches “{self.query.strip()}”"
            )
            rows.append(ListRow(None, self.px(30), label))
            rows += [ListRow(e, self.px(32)) for e in self.results]
        self.list.set_rows(rows)
        self.list.select_item(self.current_entry, notify=False)

    @property
    def current_entry(self) -> pedia.Entry:
        return pedia.entry(self.entry_id)

    # ------------------------------------------------------------------ navigation

    def open(self, entry_id: str, remember: bool = True) -> bool:
        """Show an entry; False if there is none with that id."""
        if entry_id not in pedia.ids():
            self.say(f"There is no entry '{entry_id}'", "info")
            return False
        if entry_id == self.entry_id:
            return True
        if remember:
            self.history.append(self.entry_id)
            del self.history[:-50]
        self.entry_id = entry_id
        self.scroll = 0
        self._page_key = None
        self.hover_link = None
        if self.list is not None:
            self.list.select_item(self.current_entry, notify=False)
        prev = self.button("previous")
        if prev is not None:
            prev.enabled = bool(self.history)
        return True

    def _open_quietly(self, entry_id: str) -> None:
        self.open(entry_id)

    def go_back(self) -> None:
        if self.history:
            self.open(self.history.pop(), remember=False)
            prev = self.button("previous")
            if prev is not None:
                prev.enabled = bool(self.history)

    def set_query(self, text: str) -> None:
        self.query = text
        self.results = pedia.search(text) if text.strip() else None
        if self.list is not None:
            self.fill_list()
            self.list.scroll = 0
            if self.results:
                self.list.select_item(self.current_entry, notify=False)

    # ------------------------------------------------------------------ events

    def handle(self, event: pygame.event.Event) -> bool:
        import pygame_gui

        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.search_entry:
            self.set_query(self.search_entry.get_text())
            return True
        if (
            event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED
            and event.ui_element is self.search_entry
        ):
            self.set_query(self.search_entry.get_text())
            if self.results:
                self.open(self.results[0].id)
            return True
        typing = self.search_entry is not None and self.search_entry.is_focused
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
                self.scroll_page(
                    (1 if event.key == pygame.K_PAGEDOWN else -1)
                    * (self.page_area().height - self.px(60))
                )
                return True
            if event.key == pygame.K_BACKSPACE and not typing:
                self.go_back()
                return True
            if (event.key == pygame.K_LEFT and event.mod & pygame.KMOD_ALT) and not typing:
                self.go_back()
                return True
        if event.type == pygame.MOUSEWHEEL and self.right_rect().collidepoint(self.pointer):
            self.scroll_page(-event.y * self.px(60))
            return True
        if event.type == pygame.MOUSEMOTION:
            self.hover_link = self.link_at(event.pos)
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            target = self.link_at(event.pos)
            if target is not None:
                self.open(target)
                return True
        return bool(self.list is not None and self.list.process_event(event))

    def link_at(self, pos: tuple[int, int]) -> str | None:
        page = self._page
        area = self.page_area()
        if page is None or not area.collidepoint(pos):
            return None
        local = (pos[0] - area.x, pos[1] - area.y + self.scroll)
        for rect, target in page.links:
            if rect.collidepoint(local):
                return target
        return None

    def link_rect(self, target: str) -> pygame.Rect | None:
        """Where the (last) link to ``target`` is on the screen now, if it is visible."""
        self.ensure_page()
        assert self._page is not None
        area = self.page_area()
        for rect, t in reversed(self._page.links):
            if t == target:
                on_screen = rect.move(area.x, area.y - self.scroll)
                if area.contains(on_screen):
                    return on_screen
        return None

    def scroll_page(self, dy: int) -> None:
        self.ensure_page()
        assert self._page is not None
        top = max(0, self._page.surface.get_height() - self.page_area().height)
        self.scroll = min(max(0, self.scroll + dy), top)

    def on_button(self, key: str) -> None:
        if key == "back":
            self.back()
        elif key == "previous":
            self.go_back()

    # ------------------------------------------------------------------ drawing

    def ensure_page(self) -> None:
        area = self.page_area()
        key = (self.entry_id, area.width, self.s)
        if self._page is None or self._page_key != key:
            self._page = build_page(self.texts, self.current_entry, area.width, self.s)
            self._page_key = key

    def draw_body(self, surface: pygame.Surface) -> None:
        left = self.left_rect()
        panel(surface, left, self.s)
        panel(surface, self.right_rect(), self.s)
        caption = self.texts.render("SEARCH", 11, "semibold", pal.INK_DIM)
        surface.blit(caption, (left.x + self.px(16), left.y + self.px(14)))
        tip = self.texts.render("e.g. hotline, attribution, norms", 11.5, "regular", pal.INK_FAINT)
        surface.blit(tip, (left.right - self.px(16) - tip.get_width(), left.y + self.px(14)))
        if self.list is not None:
            self.list.draw(surface)
        self.ensure_page()
        assert self._page is not None
        area = self.page_area()
        clip = surface.get_clip()
        surface.set_clip(area)
        surface.blit(self._page.surface, (area.x, area.y - self.scroll))
        if self.hover_link is not None:
            for rect, target in self._page.links:
                if target == self.hover_link:
                    r = rect.move(area.x, area.y - self.scroll)
                    pygame.draw.line(
                        surface,
                        LINK,
                        (r.x, r.bottom - self.px(3)),
                        (r.right, r.bottom - self.px(3)),
                        max(1, self.px(2)),
                    )
        surface.set_clip(clip)
        height = self._page.surface.get_height()
        # Soft edges where the text runs on under the panel's edge.
        fade = self.px(18)
        if self.scroll > 0:
            surface.blit(edge_fade(area.width, fade, True), (area.x, area.y))
        if self.scroll < height - area.height:
            surface.blit(edge_fade(area.width, fade, False), (area.x, area.bottom - fade))
        if height > area.height:
            r = self.right_rect()
            track = pygame.Rect(r.right - self.px(12), area.y, self.px(4), area.height)
            pygame.draw.rect(surface, (24, 40, 64), track, border_radius=2)
            h = max(self.px(30), round(track.height * area.height / height))
            y = track.y + round((track.height - h) * self.scroll / max(1, height - area.height))
            pygame.draw.rect(surface, pal.INK_FAINT, (track.x, y, track.width, h), border_radius=2)

    def draw_header(self, surface: pygame.Surface) -> None:
        super().draw_header(surface)
        if self.hover_link is not None:
            try:
                e = pedia.entry(self.hover_link)
            except KeyError:
                return
            text = f"{e.title}: {e.summary}"
            width = self.width - self.px(32) - self.px(380)
            line = ellipsize(self.texts.font(13), text, width)
            label = self.texts.render(line, 13, "regular", pal.INK_DIM)
            surface.blit(label, (self.width - self.px(32) - label.get_width(), self.px(56)))

    def draw_row(
        self, surface: pygame.Surface, rect: pygame.Rect, row: ListRow, selected: bool, hover: bool
    ) -> None:
        if row.item is None:
            label = self.texts.render(row.label.upper(), 11, "semibold", pal.INK_DIM)
            surface.blit(
                label, (rect.x + self.px(10), rect.bottom - label.get_height() - self.px(6))
            )
            return
        e: pedia.Entry = row.item
        r = rect.inflate(0, -self.px(2))
        if selected:
            pygame.draw.rect(surface, SELECTED, r, border_radius=self.px(6))
            pygame.draw.rect(
                surface,
                pal.ACCENT,
                (r.x, r.y + self.px(6), self.px(3), r.height - self.px(12)),
                border_radius=2,
            )
        elif hover:
            pygame.draw.rect(surface, ROW_HOVER, r, border_radius=self.px(6))
        title = ellipsize(
            self.texts.font(14.5, "semibold" if selected else "regular"),
            e.title,
            r.width - self.px(28),
        )
        label = self.texts.render(
            title,
            14.5,
            "semibold" if selected else "regular",
            (255, 255, 255) if selected else pal.INK,
        )
        surface.blit(label, (r.x + self.px(14), r.centery - label.get_height() // 2))
