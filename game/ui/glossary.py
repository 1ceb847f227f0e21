"""Cyberpedia terms in interface text: which words link to an entry, and their tooltips.

For panels and tooltips anywhere in the game (no pygame needed):

- :func:`linked_terms` — every term in a text that has a Cyberpedia entry, as
  ``(start, end, entry_id)``, left to right, not overlapping ("digital diplomacy" wins
  over "diplomacy"; plurals and hyphens are understood, but a part of a hyphenated word
  is not a term: "co-operation" is not "operation");
- :func:`entry_for` — the entry a single word or label is about (``None`` if none);
- :func:`tooltip_for` — the plain-text tooltip of an entry: its title and one-sentence
  summary, and where to read more;
- :func:`tooltip_html` — the same for pygame_gui tool tips (which take a little HTML);
- :func:`tooltip_for_text` — one tooltip for every distinct term in a piece of text
  (the first few), or ``None`` when it holds none;
- :func:`open_cyberpedia` — push the Cyberpedia at an entry (what a click on a term does).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from game.content import cyberpedia as pedia

if TYPE_CHECKING:
    from game.ui.app import App

MORE = "More in the Cyberpedia (F1)"


def linked_terms(text: str) -> list[tuple[int, int, str]]:
    """Every Cyberpedia term in ``text`` as (start, end, entry id), left to right."""
    if not text:
        return []
    out = []
    for start, end, e in pedia.find_terms(text):
        # Part of a hyphenated word ("co-operation", "state-backed") is not the term.
        if (start > 0 and text[start - 1] in "-\u2011") or (
            end < len(text) and text[end] in "-\u2011"
        ):
            continue
        out.append((start, end, e.id))
    return out


def entry_for(text: str) -> str | None:
    """The id of the entry that explains ``text`` (a word, a label), or None."""
    if not text:
        return None
    found = pedia.find_term(text)
    return found.id if found is not None else None


def _entry(entry_id: str) -> pedia.Entry | None:
    try:
        return pedia.entry(entry_id)
    except KeyError:
        return None


def tooltip_for(entry_id: str) -> str:
    """ "Title: summary" for a tooltip; "" for an id that has no entry."""
    e = _entry(entry_id)
    if e is None:
        return ""
    return f"{e.title}: {e.summary}"


def tooltip_html(entry_id: str) -> str:
    """The tooltip as pygame_gui markup (bold title, summary, a hint to read more)."""
    e = _entry(entry_id)
    if e is None:
        return ""
    return f"<b>{escape(e.title)}</b><br>{escape(e.summary)}<br><i>{escape(MORE)}</i>"


def tooltip_for_text(text: str, limit: int = 3) -> str | None:
    """A tooltip explaining the distinct terms of ``text`` (at most ``limit``), or None."""
    seen: list[str] = []
    for _, _, entry_id in linked_terms(text):
        if entry_id not in seen:
            seen.append(entry_id)
    if not seen:
        return None
    return "\n".join(tooltip_for(i) for i in seen[:limit])


def open_cyberpedia(app: App, entry_id: str | None = None) -> None:
    """Open the Cyberpedia over the current screen, at ``entry_id``."""
    from game.ui.scenes.cyberpedia import CyberpediaScene

    app.push(CyberpediaScene(app, entry_id))
