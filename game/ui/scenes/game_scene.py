"""The game screen: the map in the middle, the top bar, and the panel stack on the right.

One human nation at a time sees the game here (its :class:`~game.engine.views.NationView`,
never the true state) and puts its orders together in an
:class:`~game.ui.panels.orderbook.OrderBook`. The turn flow — hand-offs, reports, choices,
the AI in the background, the end — is :class:`~game.ui.panels.flow.TurnFlow`.

Keys: Enter end turn, Esc back/menu, 1–6 lenses, Tab next nation, Ctrl+Z undo the last
change to the orders, Ctrl+S save, B the team's briefing, F1 help, Ctrl+Shift+F the
facilitator console (:mod:`game.ui.facilitator`); the wheel zooms, dragging pans.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

import pygame

from game.engine.orders import ORDER_TYPES, Order
from game.ui import palettes as pal
from game.ui.facilitator.console import CONSOLE_MIN, CONSOLE_WIDTH
from game.ui.facilitator.desk import Desk
from game.ui.facilitator.overlays import draw_facilitator_view, draw_paused
from game.ui.mapview.facts import facts_from_view
from game.ui.mapview.lenses import LENS_KEYS
from game.ui.mapview.shapes import shapes_for_scenario
from game.ui.mapview.view import MapView
from game.ui.panels import links
from game.ui.panels import wording as w
from game.ui.panels.flow import TurnFlow
from game.ui.panels.kit import Hotspot, Kit
from game.ui.panels.news import collect_news
from game.ui.panels.orderbook import OrderBook
from game.ui.panels.pointer import Pointer
from game.ui.panels.sidebar import Sidebar
from game.ui.panels.toasts import Toast, draw_map_overlays
from game.ui.panels.topbar import TOP_BAR, TopBar
from game.ui.scene import Scene
from game.words import possessive

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.engine.records import NationReport, NewsItem
    from game.engine.views import NationView
    from game.ui.ai_worker import BackgroundTask
    from game.ui.app import App
    from game.ui.panels.flow import Resolved

SIDEBAR = 400  # pixels at UI scale 1 (at most 42% of the window)
TOAST_SECONDS = 3.5


class GameScene(TurnFlow, Scene):
    """A game being played. See the module docstring."""

    update_when_covered = True

    def __init__(
        self,
        app: App,
        game: Game,
        *,
        facilitator: bool = False,
        autoplay: int = 0,
        lens_key: str = "political",
    ) -> None:
        Scene.__init__(self, app)
        self.game = game
        # Facilitator mode (a classroom game) is kept with the game, so a save keeps it.
        self.facilitator = facilitator or bool(game.meta.get("facilitator"))
        if self.facilitator:
            game.meta["facilitator"] = True
        self.autoplay = autoplay > 0
        self.autoplay_left = max(0, autoplay)
        self.task: BackgroundTask[Resolved] | None = None
        self._init_flow()
        if game.history and not self.autoplay:
            # A game carried on (loaded, continued): each human sees where it stood.
            self.last_report = game.history[-1].report
            self.reports = {i: self.last_report.for_nation(i) for i in range(game.state.world.n)}
        importlib.import_module("game.content.cyberpedia")  # now, not on the first hover

        self.kit = Kit(app.fonts, app.ui_scale)
        self.kit.open_entry = self.open_entry
        self.pointer = Pointer(self.kit, on_click=lambda: app.sounds.play("click"))
        self.time = 0.0
        self.desk = Desk(self)
        self.data_version = 0
        self.news_version = 0
        self.unsaved = False
        self.toasts: list[Toast] = []
        humans = self.humans
        first = game.state.world.index[humans[0]] if humans else 0
        self.viewer = first
        self.view: NationView = game.view(first)
        self.names = w.Names.of_view(self.view)
        self.book: OrderBook | None = None
        self.sent: list[Order] = []  # what the viewer submitted this turn (shown meanwhile)
        self.selected: int | None = None
        self.tab = "nation"
        self.news: list[NewsItem] = collect_news(game.reports(), first)
        s = app.settings
        self.shapes = shapes_for_scenario(game.scenario, game.seed)
        self.map = MapView(
            self.shapes,
            facts_from_view(self.view),
            self._map_rect(),
            fonts=app.fonts,
            lens_key=lens_key,
            colourblind=s.colourblind_safe,
            ui_scale=s.ui_scale,
            animation_speed=s.animation_speed,
        )
        self.map.on_select = self._map_clicked
        self.map.on_lens = lambda key: self._bump()
        self._colours = self.map.political_colours()
        self.topbar = TopBar(self)
        self.sidebar = Sidebar(self)
        self._layout()

    # ------------------------------------------------------------------ layout

    @property
    def scale(self) -> float:
        return self.app.ui_scale

    def _sidebar_width(self) -> int:
        return min(self.kit.px(SIDEBAR), round(self.app.size[0] * 0.42))

    def _map_rect(self) -> pygame.Rect:
        w_, h = self.app.size
        top = self.kit.px(TOP_BAR)
        return pygame.Rect(0, top, w_ - self._sidebar_width(), h - top)

    def _layout(self) -> None:
        w_, h = self.app.size
        top = self.kit.px(TOP_BAR)
        side = self._sidebar_width()
        self.topbar.set_rect(pygame.Rect(0, 0, w_, top))
        self.sidebar.set_rect(pygame.Rect(w_ - side, top, side, h - top))
        console = min(
            self.kit.px(CONSOLE_WIDTH),
            max(self.kit.px(CONSOLE_MIN), round((w_ - side) * 0.45)),
            w_ - side - self.kit.px(160),
        )
        self.desk.panel.set_rect(pygame.Rect(0, top, console, h - top))
        rect = self._map_rect()
        if self.desk.open:  # the facilitator's console docks left of the map
            rect = pygame.Rect(console, rect.y, rect.width - console, rect.height)
        self.map.set_rect(rect)

    def on_enter(self) -> None:
        self.begin_turn(first=True)

    def on_resize(self, size: tuple[int, int]) -> None:
        super().on_resize(size)
        self.kit.set_scale(self.scale)
        self.map.set_ui_scale(self.scale)
        self._layout()
        self.sidebar.invalidate()
        self.topbar.invalidate()
        self.desk.panel.invalidate()

    def on_uncover(self) -> None:
        super().on_uncover()
        s = self.app.settings
        if s.colourblind_safe != self.map.colourblind:
            self.map.set_colourblind(s.colourblind_safe)
        self.map.animation_speed = s.animation_speed
        if self.kit.scale != s.ui_scale:
            self.on_resize(self.app.size)
        self._colours = self.map.political_colours()
        self.pointer.reset()
        self._bump()

    # ------------------------------------------------------------------ facts

    def _bump(self) -> None:
        self.data_version += 1

    def colour(self, j: int) -> tuple[int, int, int]:
        if 0 <= j < len(self._colours):
            c = self._colours[j]
            return (int(c[0]), int(c[1]), int(c[2]))
        return pal.INK_DIM

    @property
    def focus(self) -> int:
        return self.selected if self.selected is not None else self.viewer

    @property
    def inbox_waiting(self) -> int:
        if self.book is None:
            return 0
        view = self.view
        props = sum(1 for p in view.proposals_to_me if self.book.answer_of(p.id) is None)
        choices = sum(1 for c in view.choices if self.book.choice_of(c.event) is None)
        return props + choices

    @property
    def own_score(self) -> tuple[float, int] | None:
        report = self.reports.get(self.viewer)
        return (report.score, report.rank) if report is not None else None

    @property
    def objectives_met(self) -> tuple[str, ...] | None:
        if self.last_report is None:
            return None
        return self.last_report.scores[self.viewer].objectives_met

    @property
    def choice_labels(self) -> dict[tuple[str, str], str]:
        return w.choice_labels(self.game.scenario)

    def activate(self, nation: int) -> None:
        """Show the game as ``nation`` sees it, with a fresh order book."""
        self.viewer = nation
        self.selected = None
        self.map.select(None)
        self.book = None
        self.sent = []
        self.sidebar.orders.reset()
        self.sidebar.news.page = 0
        self.pointer.reset()
        self.toasts.clear()
        self.refresh()
        if self.game.turn == 1:
            self.tab = "nation"

    def refresh(self) -> None:
        """Take the viewer's view of the game again (after a turn, a load...); in the
        facilitator view, the truth."""
        self.view = self.desk.view()
        self.names = w.Names.of_view(self.view)
        self.map.set_facts(self.desk.facts(self.view))
        self.news = collect_news(self.game.reports(), self.viewer)
        self.news_version += 1
        self._bump()

    def on_planning(self) -> None:
        self.book = OrderBook.of_view(self.view)
        self.unsaved = True
        self.desk.start_timer()
        self._bump()

    def on_game_over(self) -> None:
        """The game ended: nothing more can be ordered, and what was said about the last
        turn's orders ("Queued: …", "Orders sent") is stale — it must not show on the end
        screen or on the map looked at afterwards."""
        self.book = None
        self.sent = []
        self.sidebar.orders.reset()
        self.toasts.clear()
        self._bump()

    # ------------------------------------------------------------------ briefings, facilitator

    def push_briefing(self, nation: int, first: bool = True) -> None:
        from game.ui.scenes.briefing import BriefingScene

        self.app.push(
            BriefingScene(
                self.app,
                self.game.view(nation),
                self.colour(nation),
                first=first,
                met=None if first else self.objectives_met,
            )
        )

    def open_briefing(self) -> None:
        """B or the Briefing button: the viewer's briefing, during its own turn only."""
        if self.phase != "planning" or self.book is None or self.spectating:
            self.toast("A team's briefing opens during its own turn.", error=True)
            return
        self.push_briefing(self.viewer, first=False)

    def before_handoff(self) -> None:
        self.desk.before_handoff()

    def before_resolve(self) -> None:
        self.desk.before_resolve()

    def flow_held(self) -> bool:
        return self.paused or self.desk.holds_flow

    def time_up(self) -> None:
        """The turn timer ran out: send what the team queued, and go on."""
        if self.book is None or self.phase != "planning":
            return
        while self.app.scenes.top is not None and self.app.scenes.top is not self:
            self.app.scenes.pop()  # the team's dialogs (a choice, a confirmation...)
        name = self.names.of(self.viewer)
        orders = self.book.orders()
        if not self.commit(orders):
            orders = []
            self.commit(orders)
        self.sent = orders
        self.book = None
        self.sidebar.orders.reset()
        self.toast(
            f"Time is up: {possessive(name)} {w.plural(len(orders), 'queued order')} went in."
        )
        self._bump()

    # ------------------------------------------------------------------ flow screens

    def push_handoff(self, nation: int) -> None:
        from game.ui.scenes.handoff import HandoffScene

        self.app.push(
            HandoffScene(
                self.app,
                self.names.of(nation),
                self.colour(nation),
                turn=self.view.turn,
                last_turn=self.view.last_turn,
                on_menu=self.open_menu,
            )
        )

    def push_report(self, nation: int, report: NationReport) -> None:
        from game.ui.scenes.turn_report import TurnReportScene

        hit = report.unexplained or any(i.role == "victim" for i in report.incidents)
        self.app.sounds.play("incident" if hit else "report")
        self.app.push(
            TurnReportScene(
                self.app,
                report,
                self.names,
                self._colours,
                view=self.view,
                open_news=lambda: self.show_tab("news"),
            )
        )

    def push_choices(self) -> None:
        if self.book is None:
            return
        for pending in self.view.choices:
            if self.book.choice_of(pending.event) is None:
                self.open_choice(pending.event)
                return

    def push_end_screen(self) -> None:
        from game.ui.scenes.end_screen import EndScreen

        self.toasts.clear()  # (the map shows beneath: no stale message over the results)
        self.app.sounds.play(_ending_cue(self.game))
        self.app.push(EndScreen(self.app, self.game, self._colours, humans=self.game.humans()))

    # ------------------------------------------------------------------ actions (panels)

    def show_tab(self, key: str) -> None:
        if key != self.tab:
            self.tab = key
            self.sidebar.page.scroll_to_top()
        self._bump()

    def set_lens(self, key: str) -> None:
        self.map.set_lens(key)
        self._bump()

    def select(self, nation: int | None) -> None:
        if nation is not None and not 0 <= nation < self.view.n:
            nation = None
        self.selected = None if nation == self.viewer else nation
        self.map.select(nation)
        self._bump()

    def _map_clicked(self, nation: int | None) -> None:
        if nation is not None:
            self.app.sounds.play("select")
        orders = self.sidebar.orders
        if self.tab == "orders" and orders.picking_target and nation is not None:
            if nation != self.viewer:
                reason = orders.pick_target(nation)
                if reason:
                    self.toast(f"{self.names.of(nation)}: {reason}", error=True)
            self.select(nation)
            return
        self.select(nation)
        if nation is not None and self.tab != "orders":
            self.show_tab("nation")

    def stage_action(self, kind: str, target: str) -> None:
        """Open the orders on ``kind`` aimed at ``target`` (quick actions)."""
        orders = self.sidebar.orders
        if self.book is None or not orders.open_for_orders:
            return
        orders.choose_kind(kind)
        order = ORDER_TYPES[kind](self.book.nation, target)  # type: ignore[call-arg]
        if self.book.why_not(order) is None:
            orders.stage(order)
        self.show_tab("orders")

    def set_posture(self, posture: str) -> None:
        if self.book is not None:
            self.book.set_posture(posture)
            self._bump()

    def nudge_invest(self, area: str, steps: int) -> None:
        if self.book is not None:
            self.book.nudge_invest(area, steps)
            self._bump()

    def remove_order(self, order: Order) -> None:
        if self.book is not None:
            self.book.remove(order)
            self._bump()

    def answer(self, proposal: int, accept: bool | None) -> None:
        if self.book is not None:
            self.book.answer(proposal, accept)
            self._bump()

    def choose(self, event: str, option: str | None) -> None:
        if self.book is not None:
            self.book.choose(event, option)
            self._bump()

    def undo(self) -> None:
        if self.book is not None and self.book.undo():
            self.toast("Undone.")
            self._bump()

    def open_choice(self, event_id: str) -> None:
        from game.ui.scenes.choice_dialog import ChoiceDialog

        event = next((e for e in self.game.scenario.events if e.id == event_id), None)
        if event is None or event.choice is None or self.book is None:
            return
        self.app.push(
            ChoiceDialog(
                self.app,
                event,
                self.book.choice_of(event_id),
                lambda option: self.choose(event_id, option),
            )
        )

    def open_entry(self, entry_id: str) -> None:
        links.open_cyberpedia(self.app, entry_id)

    def open_menu(self) -> None:
        from game.ui.scenes.ingame_menu import IngameMenu

        if not isinstance(self.app.scenes.top, IngameMenu):
            self.app.push(IngameMenu(self.app, self))

    def open_save(self) -> None:
        from game.ui.scenes.ingame_menu import SaveDialog

        if self.thinking:
            self.toast("Wait until the turn is resolved, then save.", error=True)
            return
        self.app.push(SaveDialog(self.app, self))

    def try_save(self, name: str | None) -> str | None:
        """Save now under ``name``; the problem as one line, or None (a toast says where)."""
        from game.engine.saves import SaveError
        from game.ui.savefiles import save_as

        if self.thinking:
            problem = "Wait until the turn is resolved, then save."
            self.toast(problem, error=True)
            return problem
        try:
            path = save_as(self.game, name or None)
        except (SaveError, OSError, ValueError) as exc:
            problem = f"Could not save: {exc}".splitlines()[0]
            self.toast(problem, error=True)
            return problem
        self.unsaved = False
        self.toast(f"Saved as {path.stem}")
        return None

    def open_debrief(self) -> None:
        if not links.debrief(self.app, self.game):
            self.toast("The debrief is coming in the classroom build.")

    def toast(self, text: str, error: bool = False) -> None:
        if error:
            self.app.sounds.play("error")
        self.toasts.append(Toast(text, error, TOAST_SECONDS))
        del self.toasts[:-3]

    # ------------------------------------------------------------------ end turn

    def end_turn_label(self) -> tuple[str, str, bool]:
        """(label, caption, enabled) of the End turn button."""
        if self.phase == "over":
            return ("Final results", "See the ranking and the scores", True)
        if self.phase == "error":
            return ("Try again", self.error or "", True)
        if self.phase == "watching":
            return ("Next turn", f"Watch the AI nations play turn {self.view.turn}", True)
        book = self.book
        if self.phase != "planning" or book is None:
            return ("End turn", "Waiting…", False)
        parts = []
        if book.slots_left:
            parts.append(w.plural(book.slots_left, "action slot") + " unused")
        waiting = self.inbox_waiting
        if waiting:
            parts.append(f"{waiting} in the inbox")
        if not parts:
            parts.append(f"Ready · {w.plural(len(book.orders()), 'order')}")
        return ("End turn", " · ".join(parts), True)

    def end_turn(self) -> None:
        """Enter or the button: end the turn (asking first when action slots are unused)."""
        if self.thinking or self.steps:
            return
        if self.phase == "over":
            self.push_end_screen()
            return
        if self.phase in ("watching", "error"):
            self.resolve()
            return
        book = self.book
        if self.phase != "planning" or book is None:
            return
        if book.slots_left or self.inbox_waiting:
            from game.ui.scenes.confirm import ConfirmDialog

            self.app.push(
                ConfirmDialog(
                    self.app,
                    "End the turn?",
                    _unfinished_text(book.slots_left, self.inbox_waiting),
                    yes="End turn",
                    no="Keep planning",
                    on_yes=self._commit,
                )
            )
            return
        self._commit()

    def _commit(self) -> None:
        if self.book is None or self.phase != "planning":
            return
        orders = self.book.orders()
        if self.commit(orders):
            self.app.sounds.play("end_turn")
            self.sent = orders
            self.book = None
            self.sidebar.orders.reset()
            self._bump()

    def spot_rect(self, spot_id: str) -> pygame.Rect | None:
        """Where a hotspot of the bar or the panels is on screen, scrolled into view."""
        panels = [self.topbar, self.sidebar.tabs, self.sidebar.page, self.sidebar.footer]
        if self.desk.open:
            panels.insert(0, self.desk.panel)
        for panel in panels:
            rect = panel.spot_rect(spot_id)
            if rect is not None:
                return rect
        return None

    # ------------------------------------------------------------------ events

    def process_event(self, event: pygame.event.Event) -> bool:
        if self.desk.process_event(event):
            return True
        if self.pointer.process_event(event):
            return True
        if self.paused:
            return True  # nothing but the facilitator's console while paused
        if event.type == pygame.KEYDOWN and self._key(event):
            return True
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEWHEEL) and self.pointer.hover:
            return True
        return self.map.process_event(event)

    def _key(self, event: pygame.event.Event) -> bool:
        key, mod = event.key, event.mod
        ctrl = bool(mod & (pygame.KMOD_CTRL | pygame.KMOD_META))
        if key == pygame.K_ESCAPE:
            self._escape()
            return True
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.end_turn()
            return True
        if ctrl and key == pygame.K_z:
            self.undo()
            return True
        if ctrl and key == pygame.K_s:
            self.open_save()
            return True
        if key == pygame.K_F1:
            links.open_help(self.app)
            return True
        if key == pygame.K_b and not mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
            self.open_briefing()
            return True
        if pygame.K_1 <= key <= pygame.K_6 and not mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            self.set_lens(LENS_KEYS[key - pygame.K_1])
            return True
        if key == pygame.K_TAB and self.view.n:
            back = bool(mod & pygame.KMOD_SHIFT)
            current = self.focus
            self._map_clicked((current + (-1 if back else 1)) % self.view.n)
            return True
        return False

    def _escape(self) -> None:
        orders = self.sidebar.orders
        if self.tab == "orders" and orders.staged is not None:
            orders.stage(None)
        elif self.tab == "orders" and orders.kind is not None:
            orders.choose_kind(None)
        else:
            self.open_menu()

    # ------------------------------------------------------------------ frame

    def update(self, dt: float) -> None:
        self.time += dt
        self.pointer.update(dt)
        self.map.update(dt)
        for t in self.toasts:
            t.left -= dt
        self.toasts = [t for t in self.toasts if t.left > 0]
        self.desk.update(dt)
        self.update_flow(dt)

    def draw(self, surface: pygame.Surface) -> None:
        hover = self.pointer.hover_id
        self.map.draw(surface)
        spots: list[Hotspot] = []
        spots += draw_map_overlays(self, surface)
        self.topbar.draw(surface, hover)
        self.sidebar.draw(surface, hover)
        spots = [
            Hotspot("topbar:area", pygame.Rect(self.topbar.rect)),
            *self.topbar.spots(hover),
            *self.sidebar.spots(hover),
            *spots,
        ]
        desk = self.desk
        if desk.omniscient:
            draw_facilitator_view(self, surface)
        if self.paused:
            draw_paused(self, surface)
            spots = [Hotspot("paused:area", surface.get_rect())]
        if desk.open:
            desk.panel.draw(surface, hover)
            spots += [Hotspot("console:area", pygame.Rect(desk.panel.rect))]
            spots += desk.panel.spots(hover)
        self.pointer.set_spots(spots)
        if self.app.scenes.top is self:
            self.pointer.draw_tip(surface)


def _unfinished_text(slots_left: int, inbox_waiting: int) -> str:
    """What ending the turn now leaves undone, for the confirmation."""
    parts = []
    if slots_left:
        parts.append(
            f"You have {w.plural(slots_left, 'action slot')} unused this turn. Unused slots "
            "are lost; unspent budget adds a little economy."
        )
    if inbox_waiting:
        parts.append(
            f"{w.plural(inbox_waiting, 'item')} in your inbox will go unanswered: an "
            "unanswered proposal lapses, and an open decision takes its default."
        )
    return " ".join(parts)


def _ending_cue(game: Game) -> str:
    """The sound of the end: victory when a human nation won, defeat when the humans all
    lost (or the world collapsed), a plain chime for a game of AIs only."""
    humans = set(game.humans())
    if not humans:
        return "report"
    winners = {game.ids[i] for i in game.result().winners}
    return "victory" if humans & winners else "defeat"
