"""Text for the game screen: fonts at the UI scale, a cache of rendered text, wrapping,
and the Cyberpedia terms found in a piece of text (for links and tooltips)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import lru_cache

import pygame

from game.ui import palettes as pal
from game.ui.panels.style import RGB, Tip
from game.ui.theme import Fonts


class Kit:
    """Fonts at the UI scale and a cache of rendered text; one per scene."""

    def __init__(self, fonts: Fonts, scale: float, limit: int = 4000) -> None:
        self.fonts = fonts
        self.scale = scale
        self.limit = limit
        self._text: OrderedDict[tuple[str, float, str, RGB], pygame.Surface] = OrderedDict()
        #: what a click on a Cyberpedia term does (the scene sets it)
        self.open_entry: Callable[[str], None] | None = None

    def set_scale(self, scale: float) -> None:
        if scale != self.scale:
            self.scale = scale
            self._text.clear()

    def px(self, value: float) -> int:
        return round(value * self.scale)

    def font(self, size: float, weight: str = "regular") -> pygame.font.Font:
        return self.fonts.get(size, weight)

    def text(
        self, text: str, size: float = 13, weight: str = "regular", colour: Sequence[int] = pal.INK
    ) -> pygame.Surface:
        rgb = (int(colour[0]), int(colour[1]), int(colour[2]))
        key = (text, size, weight, rgb)
        surf = self._text.get(key)
        if surf is None:
            surf = self.font(size, weight).render(text, True, rgb)
            self._text[key] = surf
            if len(self._text) > self.limit:
                self._text.popitem(last=False)
        else:
            self._text.move_to_end(key)
        return surf

    def rendered(self, fragment: str) -> bool:
        """Whether text containing ``fragment`` was drawn (and is still cached): tests
        ask what a screen showed."""
        needle = fragment.lower()
        return any(needle in key[0].lower() for key in self._text)

    def width(self, text: str, size: float = 13, weight: str = "regular") -> int:
        return int(self.font(size, weight).size(text)[0])

    def line_height(self, size: float = 13, weight: str = "regular") -> int:
        return int(self.font(size, weight).get_linesize())

    def ellipsize(self, text: str, width: int, size: float = 13, weight: str = "regular") -> str:
        """``text``, cut with '…' to fit ``width`` pixels."""
        if width <= 0:
            return ""
        font = self.font(size, weight)
        if font.size(text)[0] <= width:
            return text
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if font.size(text[:mid].rstrip() + "…")[0] <= width:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + "…"

    def wrap(self, text: str, width: int, size: float = 13, weight: str = "regular") -> list[str]:
        return _wrap(self.font(size, weight), text, max(8, width))


def _wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    lines: list[str] = []
    for para in text.split("\n"):
        words = para.split(" ")
        line = ""
        for word in words:
            trial = word if not line else line + " " + word
            if font.size(trial)[0] <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


@lru_cache(maxsize=512)
def _terms(text: str) -> tuple[tuple[int, int, str, str, str], ...]:
    """Cyberpedia terms in ``text``: (start, end, entry id, title, summary), first each
    (the terms :func:`game.ui.glossary.linked_terms` finds: not part of a hyphenated
    word, so "Co-operation" links no "operation")."""
    from game.content.cyberpedia import entry
    from game.ui.glossary import linked_terms

    seen: set[str] = set()
    out = []
    for start, end, entry_id in linked_terms(text):
        if entry_id not in seen:
            seen.add(entry_id)
            e = entry(entry_id)
            out.append((start, end, e.id, e.title, e.summary))
    return tuple(out)


def term_entry(text: str) -> tuple[str, str] | None:
    """(id, title) of the Cyberpedia entry of the first term in ``text``, or None."""
    found = _terms(text)
    return (found[0][2], found[0][3]) if found else None


def entry_tip(entry_id: str) -> Tip:
    """The tooltip of a Cyberpedia term."""
    from game.content.cyberpedia import entry

    try:
        e = entry(entry_id)
    except KeyError:
        return Tip(entry_id)
    return Tip(e.title, e.summary, footer="Click to read more in the Cyberpedia")


def _tokens(
    text: str,
    terms: Sequence[tuple[int, int, str, str, str]],
) -> list[tuple[str, str | None, bool]]:
    """Words of ``text`` with their Cyberpedia entry (or None) and whether they are glued
    to the word before (no space between, as for punctuation after a term)."""
    out: list[tuple[str, str | None, bool]] = []
    spans: list[tuple[int, int, str | None]] = [(s, e, i) for s, e, i, _t, _m in terms]
    spans.append((len(text), len(text), None))
    pos = 0
    space_before = True

    def split(segment: str, entry_id: str | None) -> None:
        nonlocal space_before
        if not segment:
            return
        parts = segment.split(" ")
        for k, part in enumerate(parts):
            if part:
                glue = k == 0 and bool(out) and not space_before
                out.append((part, entry_id, glue))
        space_before = segment.endswith(" ")

    for start, end, entry_id in spans:
        split(text[pos:start], None)
        if entry_id is not None:
            split(text[start:end], entry_id)
        pos = end
    return out
