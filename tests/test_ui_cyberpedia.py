"""The Cyberpedia screen and the glossary helpers, through real events
(game/ui/scenes/cyberpedia.py, game/ui/glossary.py)."""

from __future__ import annotations

import pygame
import pytest
from uidrive import click, key, move, non_blank, post, steps, type_text

from game.content import cyberpedia as pedia
from game.ui.app import App
from game.ui.glossary import (
    entry_for,
    linked_terms,
    tooltip_for,
    tooltip_for_text,
    tooltip_html,
)
from game.ui.scenes.cyberpedia import GROUPS, CyberpediaScene, build_page, grouped
from game.ui.scenes.frontend import Texts
from game.ui.scenes.main_menu import MainMenuScene
from game.ui.settings import Settings


@pytest.fixture
def app() -> App:
    made = App(Settings())
    yield made
    made.scenes.clear()


def open_pedia(app: App, entry_id: str | None = None) -> CyberpediaScene:
    app.push(MainMenuScene(app))
    scene = app.push(CyberpediaScene(app, entry_id))
    steps(app, 2)
    assert isinstance(scene, CyberpediaScene)
    return scene


def test_search_finds_hotline_and_enter_opens_it(app: App) -> None:
    scene = open_pedia(app)
    assert scene.entry_id == pedia.ids()[0]
    click(app, scene.search_entry.get_abs_rect().center)
    type_text(app, "hotline")
    assert scene.results is not None
    assert scene.results[0].id == "hotlines"
    # The list shows the matches, best first, under a count.
    assert scene.list.items[0].id == "hotlines"
    assert "match" in scene.list.rows[0].label
    key(app, pygame.K_RETURN, frames=3)
    assert scene.entry_id == "hotlines"
    assert non_blank(app.window)


def test_search_with_no_match_says_so(app: App) -> None:
    scene = open_pedia(app, "trust")
    click(app, scene.search_entry.get_abs_rect().center)
    type_text(app, "zzqx")
    assert scene.results == [] and scene.list.items == []
    assert "Nothing matches" in scene.list.rows[0].label
    key(app, pygame.K_RETURN, frames=2)
    assert scene.entry_id == "trust"


def test_clicking_an_entry_in_the_list_opens_it(app: App) -> None:
    scene = open_pedia(app)
    row = next(i for i, r in enumerate(scene.list.rows) if r.item and r.item.id == "sabotage")
    scene.list.reveal(row)
    click(app, scene.list.row_rect(row))
    assert scene.entry_id == "sabotage"
    key(app, pygame.K_DOWN, frames=1)
    assert scene.entry_id == "disinformation"


def test_following_a_see_also_link_changes_the_entry_and_back_returns(app: App) -> None:
    scene = open_pedia(app, "hotlines")
    first = pedia.entry("hotlines").see_also[0]
    # Scroll to the end of the page with the wheel, over the page.
    move(app, scene.page_area().center)
    for _ in range(20):
        post(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False, precise_x=0.0, precise_y=-1.0)
    steps(app, 2)
    assert scene.scroll > 0
    rect = scene.link_rect(first)
    assert rect is not None, "the see-also chip is on screen"
    click(app, rect)
    assert scene.entry_id == first
    assert scene.history == ["hotlines"] and scene.scroll == 0
    assert scene.button("previous").enabled
    # Backspace (with the search box not focused) goes back.
    key(app, pygame.K_BACKSPACE, frames=2)
    assert scene.entry_id == "hotlines" and scene.history == []


def test_a_term_in_the_text_is_a_link_too(app: App) -> None:
    scene = open_pedia(app, "misattribution")
    scene.ensure_page()
    targets = [t for _, t in scene._page.links]
    see_also = set(pedia.entry("misattribution").see_also)
    in_text = [t for t in targets if t not in see_also]
    assert in_text, "some term in the text links to another entry"
    assert "misattribution" not in targets  # never to itself
    target = in_text[0]
    rect = scene.link_rect(target)
    if rect is None:  # further down the page
        scene.scroll_page(400)
        rect = scene.link_rect(target)
    assert rect is not None
    move(app, rect.center)
    assert scene.hover_link == target
    click(app, rect)
    assert scene.entry_id == target


def test_opened_at_an_entry_and_esc_returns_to_the_previous_scene(app: App) -> None:
    scene = open_pedia(app, "arms-control")
    assert scene.entry_id == "arms-control"
    assert scene.list.current.id == "arms-control"
    key(app, pygame.K_ESCAPE, frames=2)
    assert isinstance(app.scenes.top, MainMenuScene)
    # An unknown id opens the first entry and says so, never crashes.
    other = app.push(CyberpediaScene(app, "no-such-entry"))
    steps(app, 2)
    assert other.entry_id == pedia.ids()[0] and other.message


def test_every_entry_is_grouped_and_lays_out_at_any_width(app: App) -> None:
    listed = [e.id for _, members in grouped() for e in members]
    assert sorted(listed) == sorted(pedia.ids())
    named = {i for _, members in GROUPS for i in members}
    assert named == set(pedia.ids()), "every entry has a theme in the list"
    texts = Texts(app.fonts)
    for e in pedia.entries():
        for width in (360, 780):
            page = build_page(texts, e, width, 1.0)
            assert page.surface.get_width() == width and page.surface.get_height() > 200
            chips = {t for _, t in page.links}
            assert set(e.see_also) <= chips
            assert all(r.right <= width + 1 for r, _ in page.links)


# --------------------------------------------------------------------------- glossary


def test_linked_terms_find_entries_in_ui_text() -> None:
    text = "Open a hotline to lower tension after the misattribution."
    found = linked_terms(text)
    ids = [i for _, _, i in found]
    assert ids == ["hotlines", "tension", "misattribution"]
    start, end, _ = found[0]
    assert text[start:end] == "hotline"
    # Part of a hyphenated word is not the term.
    assert all(i != "covert-operations" for _, _, i in linked_terms("Co-operation helps."))
    assert linked_terms("") == []
    assert entry_for("Hotlines") == "hotlines"
    assert entry_for("nothing here") is None


def test_tooltips_use_the_summary() -> None:
    e = pedia.entry("attribution")
    tip = tooltip_for("attribution")
    assert tip.startswith(e.title) and e.summary in tip
    assert tooltip_for("no-such-entry") == ""
    assert tooltip_html("attribution").startswith(f"<b>{e.title}</b>")
    combined = tooltip_for_text("Sabotage may be blamed on the wrong nation: attribution.")
    assert combined is not None and pedia.entry("sabotage").summary in combined
    assert tooltip_for_text("Nothing to explain") is None


@pytest.mark.parametrize("size", [12.5, 13, 13.5])
def test_a_link_in_running_text_keeps_the_space_before_it(app: App, size: float) -> None:
    """A linked term starts a word's space after the text before it is drawn, not where
    the widths of that text's words add up to (drawn as one string, a run of words is a
    few pixels wider: "its quorum" read "itsquorum")."""
    from game.ui.panels.kit import Canvas
    from game.ui.panels.text import Kit

    kit = Kit(app.fonts, 1.0)
    before = (
        "Enough nations endorsed it (United States, European Union, United Kingdom, China, "
        "India, Japan, South Korea, Iran, Israel and Brazil) to reach its"
    )
    canvas = Canvas(pygame.Surface((4000, 200)), kit)
    canvas.para(0, 0, 4000, before + " quorum. From now on", size, links=True)
    term = next(s for s in canvas.spots if ":term:" in s.id)
    drawn = kit.text(before, size, "regular", (0, 0, 0)).get_width()
    space = kit.font(size, "regular").size(" ")[0]
    assert term.rect.left >= drawn + space - 1, (term.rect.left, drawn, space)


def test_part_of_a_hyphenated_word_is_not_linked_in_running_text() -> None:
    """ "Co-operation" in a paragraph is one word, not a link to "operations"."""
    from game.ui.panels.text import _terms

    assert [t[2] for t in _terms("Organization for Security and Co-operation")] == []
    assert [t[2] for t in _terms("an operation against us")] == ["covert-operations"]
