"""Checks across sections of a scenario: ids, references, the map, and warnings.

These run on the raw data from the file, not on the validated models, so that a designer
sees broken references in the same run as type errors. Every check therefore guards the
shape it reads and silently skips what the models will already report.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from game.scenario.diagnostics import Diagnostic, Path, Severity
from game.scenario.messages import suggest_id
from game.scenario.models import RESERVED_IDS, TALKS_TRUST_REASON
from game.scenario.yamlsource import Document


@dataclass
class _Ids:
    nations: dict[str, Path] = field(default_factory=dict)
    norms: dict[str, Path] = field(default_factory=dict)
    agreements: dict[str, Path] = field(default_factory=dict)
    alliances: dict[str, Path] = field(default_factory=dict)
    personalities: dict[str, str] = field(default_factory=dict)
    #: The valid ids suggested for invalid nation ids ('germany' for 'Germany'): a
    #: reference written that way is what the id error already asks for, not a new error.
    fixed_nations: set[str] = field(default_factory=set)


def _items(value: Any) -> Iterator[tuple[int, Any]]:
    if isinstance(value, list):
        yield from enumerate(value)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _int(value: Any) -> TypeGuard[int]:
    """A whole number as YAML gives it (``true`` is not 1 here)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _num(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


_ISO = re.compile(r"^[A-Z]{3}$")
_HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}\b")


class CrossChecker:
    """Collects cross-reference errors and design warnings for one document."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.data = _mapping(doc.data)
        self.found: list[Diagnostic] = []
        self.ids = _Ids()

    # ------------------------------------------------------------------ plumbing

    def report(self, severity: Severity, path: Path, message: str, *, at_key: bool = False) -> None:
        line, column = self.doc.locate(path, at_key=at_key)
        self.found.append(Diagnostic(severity, path, message, line, column, self.doc.source))

    def run(self) -> list[Diagnostic]:
        self.collect_ids()
        self.check_map()
        self.check_colours()
        self.check_relations()
        self.check_treaties()
        self.check_events()
        self.check_objectives()
        self.check_scoring()
        return self.found

    def _collect(self, section: Path, items: Any, kind: str, into: dict[str, Path]) -> None:
        for i, item in _items(items):
            ident = _mapping(item).get("id")
            if not isinstance(ident, str):
                continue
            path = (*section, i, "id")
            if ident in into:
                first = self.doc.locate(into[ident])[0]
                self.report("error", path, f"duplicate {kind} id '{ident}' (first at line {first})")
            else:
                into[ident] = path

    def collect_ids(self) -> None:
        self._collect(("nations",), self.data.get("nations"), "nation", self.ids.nations)
        for ident, path in self.ids.nations.items():
            fixed = suggest_id(ident)
            if fixed is not None:
                self.ids.fixed_nations.add(fixed)
            if ident in RESERVED_IDS:
                self.report(
                    "error", path, f"'{ident}' is a reserved word and cannot be a nation id"
                )
        for _, nation in _items(self.data.get("nations")):
            nation = _mapping(nation)
            if isinstance(nation.get("id"), str):
                self.ids.personalities[nation["id"]] = str(nation.get("personality", "reciprocal"))
        self._collect(("norms",), self.data.get("norms"), "norm", self.ids.norms)
        self._collect(
            ("arms_control",), self.data.get("arms_control"), "arms-control", self.ids.agreements
        )
        relations = _mapping(self.data.get("relations"))
        self._collect(
            ("relations", "alliances"), relations.get("alliances"), "alliance", self.ids.alliances
        )
        events: dict[str, Path] = {}
        self._collect(("events",), self.data.get("events"), "event", events)

    def nation_ref(self, path: Path, value: Any, *, allow: frozenset[str] = frozenset()) -> None:
        """Check that ``value`` names a nation (or one of the special words in ``allow``)."""
        if not isinstance(value, str) or value in self.ids.nations or value in allow:
            return
        if value in self.ids.fixed_nations:
            return  # the nation's own id is invalid and its error suggests this very value
        if not self.ids.nations:
            return  # the nations section is itself broken; that is reported already
        if value in RESERVED_IDS:
            if value == "all" and len(path) >= 3 and path[-3:-1] == ("news", "to"):
                message = "'all' cannot be a recipient: leave out 'to' to tell every nation"
            else:
                where = {
                    "self": "only in a nation's objectives or in the effects of a choice option",
                    "all": "only where an effect may apply to every nation (adjust, trust "
                    "'from', incident 'target') or in choice 'nations'",
                }.get(value, "not here: it is a reserved word, not a nation")
                message = f"'{value}' can be used {where}"
            self.report("error", path, message)
            return
        close = difflib.get_close_matches(value, list(self.ids.nations), n=1, cutoff=0.7)
        hint = f"; did you mean '{close[0]}'?" if close else self._known_nations()
        self.report("error", path, f"unknown nation '{value}'{hint}")

    def _known_nations(self) -> str:
        names = list(self.ids.nations)
        if not names:
            return ""
        shown = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
        return f" (nations are: {shown})"

    def nation_list(
        self, path: Path, values: Any, *, allow: frozenset[str] = frozenset(), what: str = "list"
    ) -> None:
        seen: set[str] = set()
        for i, value in _items(values):
            self.nation_ref((*path, i), value, allow=allow)
            if isinstance(value, str):
                if value in seen:
                    self.report("error", (*path, i), f"'{value}' appears twice in this {what}")
                seen.add(value)

    def id_ref(self, path: Path, value: Any, table: dict[str, Path], kind: str) -> None:
        if isinstance(value, str) and value not in table:
            known = ", ".join(table) or "none defined"
            self.report("error", path, f"unknown {kind} '{value}' (known: {known})")

    # ------------------------------------------------------------------ sections

    def check_map(self) -> None:
        map_data = _mapping(self.data.get("map"))
        kind = map_data.get("type")
        width, height = map_data.get("width", 1000), map_data.get("height", 600)
        owners: dict[str, str] = {}
        placed: list[tuple[int, object, tuple[float, float]]] = []  # generated-map capitals
        atlas = _atlas() if kind == "world" else None
        if kind == "world" and atlas is None:
            self.report(
                "warning",
                ("map", "type"),
                "the world map asset cannot be read, so "
                "ISO codes and capitals were not checked (is the game installed "
                "completely?)",
            )
        for i, nation in _items(self.data.get("nations")):
            if not isinstance(nation, dict):
                continue
            self.check_colour(("nations", i, "colour"), nation)
            ident = nation.get("id")
            countries = nation.get("countries")
            capital = nation.get("capital")
            capital_ok = (
                isinstance(capital, list)
                and len(capital) == 2
                and all(isinstance(c, int | float) and not isinstance(c, bool) for c in capital)
            )
            if kind == "generated":
                if countries is not None:
                    self.report(
                        "error",
                        ("nations", i, "countries"),
                        "'countries' needs the world map (map.type: world); a generated "
                        "map places nations by 'capital'",
                        at_key=True,
                    )
                if capital is None:
                    self.report(
                        "error",
                        ("nations", i),
                        "missing required key 'capital' "
                        "(a generated map places each nation by its capital [x, y])",
                    )
                elif capital_ok and _num(width) and _num(height):
                    x, y = capital
                    if not (0 <= x <= width and 0 <= y <= height):
                        self.report(
                            "error",
                            ("nations", i, "capital"),
                            f"capital ({x}, {y}) is outside the map (0-{width} x 0-{height})",
                        )
                    else:
                        placed.append((i, ident, (float(x), float(y))))
            elif kind == "world":
                if countries is None:
                    self.report(
                        "error",
                        ("nations", i),
                        "missing required key 'countries' "
                        "(on the world map each nation owns one or more countries)",
                    )
                elif isinstance(countries, list) and not countries:
                    self.report("error", ("nations", i, "countries"), "owns no country")
                for j, code in _items(countries):
                    if not isinstance(code, str) or not _ISO.match(code):
                        continue  # not a code at all: the models say so
                    if atlas is not None and not atlas.has(code):
                        self.report(
                            "error", ("nations", i, "countries", j), _unknown_country(code, atlas)
                        )
                    elif code in owners and isinstance(ident, str):
                        self.report(
                            "error",
                            ("nations", i, "countries", j),
                            f"country '{code}' is already owned by '{owners[code]}'",
                        )
                    elif isinstance(ident, str):
                        owners[code] = ident
                if capital_ok:
                    lon, lat = capital  # type: ignore[misc]  # capital_ok: two numbers
                    if not -180 <= lon <= 180:
                        self.report(
                            "error",
                            ("nations", i, "capital", 0),
                            f"longitude {lon} is not between -180 and 180 (on the world "
                            "map a capital is [longitude, latitude])",
                        )
                    elif not -90 <= lat <= 90:
                        self.report(
                            "error",
                            ("nations", i, "capital", 1),
                            f"latitude {lat} is not between -90 and 90 (on the world "
                            "map a capital is [longitude, latitude])",
                        )
                    elif atlas is not None and isinstance(countries, list):
                        owned = [c for c in countries if isinstance(c, str) and atlas.has(c)]
                        if owned and not any(_on_land(atlas, c, lon, lat) for c in owned):
                            swapped = -90 <= lon <= 90 and any(
                                _on_land(atlas, c, lat, lon) for c in owned
                            )
                            hint = (
                                f"; it looks like [latitude, longitude]: write [{lat}, {lon}]"
                                if swapped
                                else " (a capital is [longitude, latitude])"
                            )
                            self.report(
                                "warning",
                                ("nations", i, "capital"),
                                f"capital ({lon}, {lat}) is not inside any of this "
                                f"nation's countries ({', '.join(owned[:5])}){hint}",
                            )

        if placed and _num(width) and _num(height) and width > 0 and height > 0:
            self._check_capitals_apart(placed, float(width), float(height))

    def _check_capitals_apart(
        self, placed: list[tuple[int, object, tuple[float, float]]], width: float, height: float
    ) -> None:
        """Each capital seeds its own territory: two in one cell of the map's raster
        cannot both grow one."""
        from game.maps.generated import default_resolution, same_cell

        clash = same_cell([c for _, _, c in placed], width, height)
        if clash is not None:
            (_, a, _), (j, b, _) = placed[clash[0]], placed[clash[1]]
            cell = default_resolution(width, height)
            self.report(
                "error",
                ("nations", j, "capital"),
                f"the capitals of '{a}' and '{b}' are too close (less than {cell} map units "
                "apart): move them apart",
            )

    def check_colour(self, path: Path, nation: dict[str, Any]) -> None:
        """``colour: #ff0000`` is a YAML comment, so the colour is silently empty."""
        if "colour" not in nation or nation["colour"] is not None:
            return
        line, _ = self.doc.locate(path, at_key=True)
        text = self.doc.line_text(line)
        found = _HEX_COLOUR.search(text)
        if found is None:
            return
        self.found.append(
            Diagnostic(
                "error",
                path,
                f"'{found.group()}' is read as a comment, so the colour is empty; put "
                f'it in quotes: colour: "{found.group()}"',
                line,
                found.start() + 1,
                self.doc.source,
            )
        )

    def check_colours(self) -> None:
        """Warn about colours the map cannot tell apart from "not in play" grey."""
        for i, nation in _items(self.data.get("nations")):
            colour = _mapping(nation).get("colour")
            if not (isinstance(colour, str) and len(colour) == 7 and colour.startswith("#")):
                continue
            try:
                r, g, b = (int(colour[k : k + 2], 16) for k in (1, 3, 5))
            except ValueError:
                continue
            if max(r, g, b) - min(r, g, b) < 24:
                self.report(
                    "warning",
                    ("nations", i, "colour"),
                    f"{colour} is a grey: on the map it looks like a country not in "
                    "play; pick a colour with some hue",
                )

    def check_relations(self) -> None:
        relations = _mapping(self.data.get("relations"))
        base: Path = ("relations",)
        trust_set: dict[tuple[str, str], int] = {}
        for i, entry in _items(relations.get("trust")):
            entry = _mapping(entry)
            self.nation_ref((*base, "trust", i, "from"), entry.get("from"))
            self.nation_ref((*base, "trust", i, "to"), entry.get("to"))
            a, b = entry.get("from"), entry.get("to")
            if isinstance(a, str) and a == b:
                self.report(
                    "error",
                    (*base, "trust", i, "to"),
                    "a nation's trust in itself is not a relation",
                )
            elif isinstance(a, str) and isinstance(b, str):
                directions = [(a, b), (b, a)] if entry.get("mutual") is True else [(a, b)]
                self.warn_set_twice(
                    (*base, "trust", i), directions, trust_set, "trust from {} to {}"
                )
        tension_set: dict[tuple[str, str], int] = {}
        for i, entry in _items(relations.get("tension")):
            between = _mapping(entry).get("between")
            self.nation_list((*base, "tension", i, "between"), between, what="pair")
            if (
                isinstance(between, list)
                and len(between) == 2
                and all(isinstance(x, str) for x in between)
            ):
                pair = (min(between), max(between))
                self.warn_set_twice(
                    (*base, "tension", i), [pair], tension_set, "tension between {} and {}"
                )
        for i, alliance in _items(relations.get("alliances")):
            self.nation_list(
                (*base, "alliances", i, "members"),
                _mapping(alliance).get("members"),
                what="alliance",
            )
        pairs: dict[frozenset[str], int] = {}
        for i, pair in _items(relations.get("hotlines")):
            self.nation_list((*base, "hotlines", i), pair, what="hotline")
            if isinstance(pair, list) and all(isinstance(p, str) for p in pair):
                key = frozenset(pair)
                if key in pairs:
                    self.report(
                        "warning",
                        (*base, "hotlines", i),
                        f"hotline listed twice (also item {pairs[key]})",
                    )
                pairs[key] = i

    def warn_set_twice(
        self, path: Path, keys: list[tuple[str, str]], seen: dict[tuple[str, str], int], what: str
    ) -> None:
        """Warn when a starting relation in ``keys`` was already set by an earlier item.

        The game applies the items in order, so the later one silently replaces the
        earlier (a ``mutual`` entry sets both directions). ``what`` formats a key.
        """
        for key in keys:
            if key in seen:
                self.report(
                    "warning",
                    path,
                    f"{what.format(*key)} is already set by item {seen[key]} of this list; "
                    "the later item replaces it: keep one",
                )
                break
        for key in keys:
            seen[key] = int(path[-1])

    def check_treaties(self) -> None:
        nations = (
            len(self.data.get("nations") or []) if isinstance(self.data.get("nations"), list) else 0
        )
        engaged = sum(1 for p in self.ids.personalities.values() if p != "isolationist")
        for i, norm in _items(self.data.get("norms")):
            norm = _mapping(norm)
            self.nation_list(
                ("norms", i, "signatories"), norm.get("signatories"), what="signatory list"
            )
            path = ("norms", i, "quorum")
            self.reachable(path, norm.get("quorum", 3), nations, engaged, "sign", "norm")
        for i, deal in _items(self.data.get("arms_control")):
            deal = _mapping(deal)
            self.nation_list(("arms_control", i, "parties"), deal.get("parties"), what="party list")
            path = ("arms_control", i, "min_parties")
            needed = deal.get("min_parties", 2)
            self.reachable(path, needed, nations, engaged, "ratify", "agreement")

    def reachable(
        self, path: Path, needed: object, nations: int, engaged: int, verb: str, thing: str
    ) -> None:
        """Warn when the members a treaty needs (``path``'s value) are more than there are
        nations, or more than the nations who ever ``verb`` (isolationists never do)."""
        if not _int(needed) or not nations:
            return
        assert isinstance(needed, int)
        key = path[-1]
        if needed > nations:
            self.report(
                "warning",
                path,
                f"{key} {needed} is more than the number of nations ({nations}): "
                f"this {thing} can never come into force",
            )
        elif needed > engaged:
            self.report(
                "warning",
                path,
                f"{key} {needed} needs isolationist nations, who never {verb}: "
                f"this {thing} can only come into force with human players",
            )

    def check_events(self) -> None:
        turns = self.data.get("turns")
        ids: dict[str, Path] = {}
        for i, event in _items(self.data.get("events")):
            event = _mapping(event)
            base: Path = ("events", i)
            trigger = _mapping(event.get("trigger"))
            at_turn, every = trigger.get("at_turn"), trigger.get("every")
            if at_turn is not None and every is not None:
                self.report(
                    "error",
                    (*base, "trigger", "every"),
                    "give 'at_turn' or 'every', not both",
                    at_key=True,
                )
            if _int(turns) and turns >= 1:
                if _int(at_turn) and at_turn > turns:
                    self.report(
                        "warning",
                        (*base, "trigger", "at_turn"),
                        f"turn {at_turn} is after the last turn ({turns}): this event never fires",
                    )
                if _int(every) and every > turns:
                    self.report(
                        "warning",
                        (*base, "trigger", "every"),
                        f"every {every} turns is longer than the game ({turns} turns): "
                        "this event never fires",
                    )
                from_turn = trigger.get("from_turn")
                if _int(from_turn) and from_turn > turns:
                    self.report(
                        "warning",
                        (*base, "trigger", "from_turn"),
                        f"from turn {from_turn} is after the last turn ({turns}): "
                        "this event never fires",
                    )
                elif _int(from_turn):
                    self.check_turn_window(base, at_turn, every, from_turn, turns)
            if _num(trigger.get("chance")) and trigger.get("chance") == 0:
                self.report(
                    "warning", (*base, "trigger", "chance"), "chance 0: this event never fires"
                )
            if event.get("facilitator_only") is True and "trigger" in event:
                self.report(
                    "warning",
                    (*base, "trigger"),
                    "a facilitator-only event fires only when injected; its trigger is ignored",
                )
            self.condition(
                (*base, "trigger", "condition"), trigger.get("condition"), allow=frozenset()
            )
            self.effects((*base, "effects"), event.get("effects"), allow=frozenset({"all"}))
            choice = _mapping(event.get("choice"))
            if choice:
                self.nation_list(
                    (*base, "choice", "nations"),
                    choice.get("nations"),
                    allow=frozenset({"all"}),
                    what="list of nations",
                )
                option_ids: dict[str, Path] = {}
                self._collect(
                    (*base, "choice", "options"), choice.get("options"), "option", option_ids
                )
                default = choice.get("default")
                if isinstance(default, str) and option_ids and default not in option_ids:
                    self.report(
                        "error",
                        (*base, "choice", "default"),
                        f"default '{default}' is not one of the options ({', '.join(option_ids)})",
                    )
                for j, option in _items(choice.get("options")):
                    self.effects(
                        (*base, "choice", "options", j, "effects"),
                        _mapping(option).get("effects"),
                        allow=frozenset({"all", "self"}),
                    )
            if isinstance(event.get("id"), str):
                ids.setdefault(event["id"], base)

    def check_turn_window(
        self, base: Path, at_turn: Any, every: Any, from_turn: int, turns: int
    ) -> None:
        """Warn when ``at_turn`` or ``every`` selects no turn from ``from_turn`` to the end.

        Each part alone is within the game (checked before); together they can still
        exclude every turn, and the event then silently never fires.
        """
        if _int(at_turn) and from_turn > at_turn:
            self.report(
                "warning",
                (*base, "trigger", "from_turn"),
                f"from turn {from_turn} is after at_turn {at_turn}: this event never fires",
            )
        elif _int(every) and 1 <= every <= turns:
            first = -(-from_turn // every) * every  # the first multiple of every >= from_turn
            if first > turns:
                self.report(
                    "warning",
                    (*base, "trigger", "from_turn"),
                    f"every {every} turns from turn {from_turn} selects no turn of the game "
                    f"(the next would be turn {first}, after the last turn {turns}): "
                    "this event never fires",
                )

    def check_objectives(self) -> None:
        for i, nation in _items(self.data.get("nations")):
            nation = _mapping(nation)
            seen: dict[str, Path] = {}
            for section in ("objectives", "secret_objectives"):
                self._collect(("nations", i, section), nation.get(section), "objective", seen)
                for j, objective in _items(nation.get(section)):
                    self.condition(
                        ("nations", i, section, j, "condition"),
                        _mapping(objective).get("condition"),
                        allow=frozenset({"self"}),
                    )

    def check_scoring(self) -> None:
        scoring = _mapping(self.data.get("scoring"))
        goal = _mapping(scoring.get("shared_goal")).get("stability")
        threshold = scoring.get("collapse_threshold", 15)
        if _num(goal) and _num(threshold) and goal <= threshold:
            self.report(
                "warning",
                ("scoring", "shared_goal", "stability"),
                f"the shared goal ({goal}) is at or below the collapse threshold ({threshold})",
            )

    # ------------------------------------------------------------------ trees

    def condition(self, path: Path, node: Any, *, allow: frozenset[str]) -> None:
        node = _mapping(node)
        for key in ("stat", "trust", "tension", "stability", "turn"):
            if key in node:
                self.bounds((*path, key), _mapping(node[key]), key)
        for key in ("all", "any"):
            for i, child in _items(node.get(key)):
                self.condition((*path, key, i), child, allow=allow)
        if "not" in node:
            self.condition((*path, "not"), node["not"], allow=allow)
        leaf = _mapping(node.get("stat"))
        if "stat" in node:
            if leaf.get("nation") is None and "self" not in allow:
                self.report(
                    "error",
                    (*path, "stat"),
                    "missing required key 'nation' (only objectives default to their own nation)",
                )
            self.nation_ref((*path, "stat", "nation"), leaf.get("nation"), allow=allow)
        leaf = _mapping(node.get("trust"))
        self.nation_ref((*path, "trust", "from"), leaf.get("from"), allow=allow)
        self.nation_ref((*path, "trust", "to"), leaf.get("to"), allow=allow)
        for key in ("tension", "hotline"):
            self.nation_list(
                (*path, key, "between"),
                _mapping(node.get(key)).get("between"),
                allow=allow,
                what="pair",
            )
        self.id_ref(
            (*path, "norm_in_force", "norm"),
            _mapping(node.get("norm_in_force")).get("norm"),
            self.ids.norms,
            "norm",
        )
        self.id_ref(
            (*path, "arms_control_in_force", "agreement"),
            _mapping(node.get("arms_control_in_force")).get("agreement"),
            self.ids.agreements,
            "arms-control agreement",
        )
        leaf = _mapping(node.get("in_alliance"))
        if "in_alliance" in node and leaf.get("nation") is None and "self" not in allow:
            self.report("error", (*path, "in_alliance"), "missing required key 'nation'")
        self.nation_ref((*path, "in_alliance", "nation"), leaf.get("nation"), allow=allow)
        self.id_ref(
            (*path, "in_alliance", "alliance"), leaf.get("alliance"), self.ids.alliances, "alliance"
        )

    def bounds(self, path: Path, leaf: dict[str, Any], key: str) -> None:
        """Warn about a comparison that no value can pass: an objective that is never met.

        Stats, trust, tension and stability are 0-100, and the comparisons are strict, so
        ``above: 100`` or ``below: 0`` is never true; nor is ``above`` at or over ``below``.
        """
        below, above = leaf.get("below"), leaf.get("above")
        if _num(below) and _num(above) and above >= below:
            self.report(
                "warning",
                (*path, "above"),
                f"above {above} and below {below} are never both true; for 'outside "
                "the range' write two tests under 'any:'",
            )
            return
        if key == "turn":
            return  # the turn has no upper bound of its own here (turns may be changed)
        what = leaf["stat"] if key == "stat" and isinstance(leaf.get("stat"), str) else key
        if _num(above) and above >= 100:
            self.report(
                "warning",
                (*path, "above"),
                f"above {above} is never true: {what} is at most 100 (and 'above' is strict)",
            )
        if _num(below) and below <= 0:
            self.report(
                "warning",
                (*path, "below"),
                f"below {below} is never true: {what} is at least 0 (and 'below' is strict)",
            )

    def effects(self, path: Path, effects: Any, *, allow: frozenset[str]) -> None:
        single = allow - {"all"}
        for i, effect in _items(effects):
            effect = _mapping(effect)
            at: Path = (*path, i)
            self.nation_ref(
                (*at, "adjust", "nation"), _mapping(effect.get("adjust")).get("nation"), allow=allow
            )
            trust = _mapping(effect.get("trust"))
            self.nation_ref((*at, "trust", "from"), trust.get("from"), allow=allow)
            self.nation_ref((*at, "trust", "to"), trust.get("to"), allow=single)
            if isinstance(trust.get("from"), str) and trust.get("from") == trust.get("to"):
                self.report(
                    "error", (*at, "trust", "to"), "a nation's trust in itself is not a relation"
                )
            reason = trust.get("reason")
            if reason == TALKS_TRUST_REASON:
                self.report(
                    "warning",
                    (*at, "trust", "reason"),
                    f"'{TALKS_TRUST_REASON}' is the reason the game gives the trust talks earn: "
                    "this change would count as trust from talks (capped per pair, and what "
                    "every nation reads to decide where talks still pay); word it otherwise",
                )
            self.nation_list(
                (*at, "tension", "between"),
                _mapping(effect.get("tension")).get("between"),
                allow=single,
                what="pair",
            )
            incident = _mapping(effect.get("incident"))
            self.nation_ref((*at, "incident", "target"), incident.get("target"), allow=allow)
            self.nation_ref((*at, "incident", "attacker"), incident.get("attacker"), allow=single)
            if isinstance(incident.get("attacker"), str) and incident.get(
                "attacker"
            ) == incident.get("target"):
                self.report(
                    "error",
                    (*at, "incident", "attacker"),
                    "a nation cannot run an operation against itself",
                )
            self.nation_list(
                (*at, "news", "to"),
                _mapping(effect.get("news")).get("to"),
                allow=single,
                what="list of recipients",
            )
            proposal = _mapping(effect.get("proposal"))
            self.proposal_subject((*at, "proposal"), proposal)
            self.nation_ref((*at, "proposal", "from"), proposal.get("from"), allow=single)
            self.nation_ref((*at, "proposal", "to"), proposal.get("to"), allow=single)
            self.id_ref((*at, "proposal", "norm"), proposal.get("norm"), self.ids.norms, "norm")
            self.id_ref(
                (*at, "proposal", "agreement"),
                proposal.get("agreement"),
                self.ids.agreements,
                "arms-control agreement",
            )
            self.id_ref(
                (*at, "proposal", "alliance"),
                proposal.get("alliance"),
                self.ids.alliances,
                "alliance",
            )

    def proposal_subject(self, path: Path, proposal: dict[str, Any]) -> None:
        """Warn about a subject key that the proposal's kind does not use.

        ``{kind: talks, norm: x}`` reads like a proposal about norm x, but is plain talks;
        the engine takes the first subject given, so a stray one can even stand in for
        the one the kind needs.
        """
        kind = proposal.get("kind")
        if not isinstance(kind, str):
            return
        for key, wanted in _PROPOSAL_SUBJECTS.items():
            if proposal.get(key) is not None and kind != wanted:
                self.report(
                    "warning",
                    (*path, key),
                    f"'{key}' belongs to kind '{wanted}', not to this '{kind}' proposal; "
                    f"remove it (or set kind: {wanted})",
                    at_key=True,
                )


#: The subject key of each proposal kind that has one, and that kind.
_PROPOSAL_SUBJECTS = {"norm": "norm", "agreement": "arms_control", "alliance": "alliance"}


def _unknown_country(code: str, atlas: Any) -> str:
    """Why an upper-case three-letter code is not a country of the world map."""
    from game.maps import iso

    if iso.is_iso_alpha3(code):
        name = iso.NAMES.get(code)
        named = f" ({name})" if name else ""
        return (
            f"'{code}'{named} is an ISO code, but the world map has no outline for it "
            "(too small at this scale); give the nation a nearby country"
        )
    unknown = f"unknown ISO 3166 alpha-3 code '{code}' (not a country of the world map)"
    if code in _SPORTS_CODES and atlas.has(_SPORTS_CODES[code]):
        return (
            f"{unknown}; '{code}' is an Olympic or football code: the ISO code is "
            f"{_named_code(_SPORTS_CODES[code])}"
        )
    close = difflib.get_close_matches(code, list(atlas.codes), n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(_named_code(c) for c in close)}?" if close else ""
    return unknown + hint


def _named_code(code: str) -> str:
    """``'DEU' (Germany)``: a suggested code with its name, so the designer can tell."""
    from game.maps import iso

    name = iso.NAMES.get(code)
    return f"'{code}' ({name})" if name else f"'{code}'"


#: Olympic (IOC) and football (FIFA) codes that designers write for ISO ones; none of
#: them is an ISO alpha-3 code, and string similarity finds the wrong country for most
#: ('GER' is closest to Peru, Niger and Greenland).
# fmt: off
_SPORTS_CODES = {
    "ALG": "DZA", "ANG": "AGO", "BAN": "BGD", "BUL": "BGR", "CHI": "CHL", "CRC": "CRI",
    "CRO": "HRV", "DEN": "DNK", "ENG": "GBR", "GER": "DEU", "GRE": "GRC", "GUA": "GTM",
    "HAI": "HTI", "HON": "HND", "INA": "IDN", "IRI": "IRN", "KSA": "SAU", "KUW": "KWT",
    "LAT": "LVA", "LBA": "LBY", "LIB": "LBN", "MAS": "MYS", "MGL": "MNG", "MYA": "MMR",
    "NED": "NLD", "NEP": "NPL", "NGR": "NGA", "PAR": "PRY", "PHI": "PHL", "POR": "PRT",
    "ROM": "ROU", "RSA": "ZAF", "SCO": "GBR", "SIN": "SGP", "SLO": "SVN", "SRI": "LKA",
    "SUD": "SDN", "SUI": "CHE", "TAN": "TZA", "TPE": "TWN", "UAE": "ARE", "URU": "URY",
    "VIE": "VNM", "WAL": "GBR", "ZAM": "ZMB", "ZIM": "ZWE",
}
# fmt: on


#: How far (in degrees, about 10 km) a capital may lie off its country's outline. Real
#: coastal capitals (Stockholm, Copenhagen, Lisbon) fall just outside the simplified
#: 1:50m coastline, and a warning for the right coordinates teaches designers to ignore it.
_COAST_TOLERANCE = 0.1


def _on_land(atlas: Any, code: str, lon: float, lat: float) -> bool:
    """Whether ``(lon, lat)`` is inside ``code``'s outline or within the coast tolerance."""
    if atlas.contains(code, lon, lat):
        return True
    x0, y0, x1, y1 = atlas.bbox(code)
    t = _COAST_TOLERANCE
    if not (x0 - t <= lon <= x1 + t and y0 - t <= lat <= y1 + t):
        return False
    import numpy as np  # the atlas needs it anyway; imported as lazily as the atlas

    point = np.array([lon, lat])
    for ring in atlas.rings(code):
        a = ring.astype(np.float64)
        d = np.roll(a, -1, axis=0) - a
        # The nearest point of each edge: project onto the segment, clamped to its ends.
        s = np.clip(((point - a) * d).sum(1) / np.maximum((d * d).sum(1), 1e-12), 0.0, 1.0)
        if np.hypot(*(a + s[:, None] * d - point).T).min() <= t:
            return True
    return False


def _atlas() -> Any:
    """The world atlas, or None when the asset cannot be read (reported elsewhere)."""
    try:
        from game.maps.atlas import load_world_atlas
    except ImportError:
        return None
    try:
        return load_world_atlas()
    except (OSError, ValueError, KeyError):
        return None


def cross_check(doc: Document) -> list[Diagnostic]:
    """Every cross-reference error and design warning in ``doc``."""
    return CrossChecker(doc).run()
