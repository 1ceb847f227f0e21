"""Screenshots of the front end for the docs, made by the real scenes through real events.

    SDL_VIDEODRIVER=dummy python tools/menu_screenshots.py [--out docs/images] [--size 1280x720]

Writes menu.png (the title screen, with a saved game to continue), browser.png (the
scenario browser with a folder of the player's own scenarios, one of them broken),
new-game.png (the setup of a hot-seat game in facilitator mode) and cyberpedia.png
(an entry). Settings and saves go to a temporary folder: the player's own are untouched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "images"))
    parser.add_argument("--size", default="1280x720")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cyberdip-shots-") as tmp:
        home = Path(tmp)
        os.environ["CYBERDIP_CONFIG_DIR"] = str(home / "config")
        os.environ["CYBERDIP_DATA_DIR"] = str(home / "data")
        shoot(out, (width, height), home)
    return 0


def shoot(out: Path, size: tuple[int, int], home: Path) -> None:
    import pygame
    from uidrive import choose, click, key, move, steps, type_text

    from game.ai.driver import play_ai_turn
    from game.engine.game import Game
    from game.scenario.catalog import bundled_paths
    from game.scenario.loader import load_scenario
    from game.ui.app import App
    from game.ui.savefiles import save_as
    from game.ui.scenes.cyberpedia import CyberpediaScene
    from game.ui.scenes.main_menu import MainMenuScene
    from game.ui.settings import Settings

    paths = {p.stem: p for p in bundled_paths()}

    def save(name: str, app: App) -> None:
        path = out / name
        pygame.image.save(app.window, str(path))
        print(f"wrote {path}")

    # A game in progress, for Continue.
    great = load_scenario(paths["great-powers"])
    game = Game.new(great, 2026)
    for _ in range(3):
        play_ai_turn(game, all_ai=True)
    save_as(game)

    app = App(Settings(window_size=size))
    app.running = True
    menu = app.push(MainMenuScene(app))
    steps(app, 3)
    move(app, menu.button("new").rect.center)
    steps(app, 30)  # the network's pulses move along
    save("menu.png", app)

    # The browser, with a folder of the player's own scenarios (one does not validate).
    folder = home / "my-scenarios"
    folder.mkdir()
    own = paths["tutorial"].read_text(encoding="utf-8")
    own = own.replace("id: tutorial", "id: harbours-classroom", 1)
    own = own.replace('title: "Tutorial: Three Harbours"', 'title: "Three Harbours, class 4B"', 1)
    (folder / "harbours-classroom.yaml").write_text(own, encoding="utf-8")
    broken = ROOT / "tests" / "data" / "broken" / "unknown-personality.yaml"
    shutil.copy(broken, folder / "draft-alliance-game.yaml")
    click(app, menu.button("new").rect)
    browser = app.scenes.top
    click(app, browser.folder_entry.get_abs_rect().center)
    type_text(app, str(folder))
    key(app, pygame.K_RETURN, frames=2)
    browser.list.select_item(next(i for i in browser.items if i.path.stem == "great-powers"))
    browser.list.scroll = browser.list.max_scroll  # show the player's own folder too
    steps(app, 4)
    move(app, (size[0] // 2, size[1] - 20))
    save("browser.png", app)

    # New game: a hot-seat game of Great Powers, facilitated.
    click(app, browser.button("setup").rect)
    setup = app.scenes.top
    steps(app, 2)
    for nid in ("eu", "chn"):
        if setup.button(f"human:{nid}") is not None:
            click(app, setup.button(f"human:{nid}").rect)
    menus = {v: k for k, v in setup.widgets.items()}
    if ("rus", "difficulty") in menus:
        choose(app, menus[("rus", "difficulty")], "hard")
    click(app, setup.button("facilitator").rect)
    click(app, setup.pin_entry.get_abs_rect().center)
    type_text(app, "2468")
    click(app, (size[0] // 2, size[1] - 20))
    steps(app, 3)
    save("new-game.png", app)

    # The Cyberpedia at the entry on hotlines, pointing at a link.
    app.scenes.clear()
    app.push(MainMenuScene(app))
    pedia = app.push(CyberpediaScene(app, "hotlines"))
    steps(app, 2)
    pedia.ensure_page()
    area = pedia.page_area()
    visible = [(r, t) for r, t in pedia._page.links if r.bottom < area.height // 2]
    if visible:  # point at the first link in the text: its summary shows in the header
        rect, _ = visible[0]
        move(app, (area.x + rect.centerx, area.y + rect.centery))
    steps(app, 2)
    save("cyberpedia.png", app)
    app.scenes.clear()


if __name__ == "__main__":
    raise SystemExit(main())
