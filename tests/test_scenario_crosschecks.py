"""Cross-section checks found by writing a scenario from the docs alone.

Each test is a mistake (or a correct file) a designer wrote, and the one message, or the
silence, that it deserves.
"""

from __future__ import annotations

import pytest

from game.scenario import check_text
from game.scenario.diagnostics import Diagnostic, dotted

GENERATED = """\
id: crossed
title: Crossed
summary: Three nations and what can go wrong between them.
turns: 10
map: {type: generated}
nations:
  - {id: a, name: A, capital: [100, 100]}
  - {id: b, name: B, capital: [300, 200]}
  - {id: c, name: C, capital: [500, 300]}
"""

WORLD = """\
id: baltic
title: Baltic
summary: Capitals on the coast.
turns: 5
map: {type: world}
nations:
  - {id: sweden, name: Sweden, countries: [SWE], capital: CAPITAL}
  - {id: germany, name: Germany, countries: [DEU], capital: [13.4, 52.52]}
"""


def _check(text: str) -> list[Diagnostic]:
    scenario, diagnostics = check_text(text)
    errors = [d.format() for d in diagnostics if d.severity == "error"]
    assert scenario is not None, errors
    return diagnostics


def _warnings(text: str) -> list[tuple[str, str]]:
    return [(dotted(d.path), d.message) for d in _check(text) if d.severity == "warning"]


# ---------------------------------------------------------------------------- the map


@pytest.mark.parametrize(
    "capital",
    ["[18.07, 59.33]", "[18.2, 59.3]"],
    ids=["stockholm", "stockholm-harbour"],
)
def test_a_coastal_capital_just_off_the_outline_is_not_a_warning(capital: str) -> None:
    """Stockholm's real coordinates fall in the sea of the simplified 1:50m coastline."""
    assert _warnings(WORLD.replace("CAPITAL", capital)) == []


def test_a_capital_far_from_its_countries_still_warns() -> None:
    warnings = _warnings(WORLD.replace("CAPITAL", "[19.5, 58.5]"))  # the open Baltic
    assert [p for p, _ in warnings] == ["nations.0.capital"]
    assert "not inside any of this nation's countries" in warnings[0][1]


def test_a_swapped_capital_is_still_reported_as_swapped() -> None:
    warnings = _warnings(WORLD.replace("CAPITAL", "[59.33, 18.07]"))
    assert "write [18.07, 59.33]" in warnings[0][1]


def test_a_sports_code_points_to_the_iso_code() -> None:
    text = WORLD.replace("CAPITAL", "[18.07, 59.33]").replace("[DEU]", "[GER]")
    _, diagnostics = check_text(text)
    assert [d.message for d in diagnostics] == [
        "unknown ISO 3166 alpha-3 code 'GER' (not a country of the world map); 'GER' is an "
        "Olympic or football code: the ISO code is 'DEU' (Germany)"
    ]


@pytest.mark.parametrize(
    "written, meant",
    [("DE", "'DEU' (Germany)"), ("UK", "'GBR' (United Kingdom)"), ("se", "'SWE' (Sweden)")],
)
def test_a_two_letter_code_points_to_the_three_letter_code(written: str, meant: str) -> None:
    text = WORLD.replace("CAPITAL", "[18.07, 59.33]").replace("[DEU]", f"[{written}]")
    _, diagnostics = check_text(text)
    [message] = [d.message for d in diagnostics]
    assert f"'{written.upper()}' is a 2-letter code" in message
    assert message.endswith(f"did you mean {meant}?")


def test_suggested_codes_carry_their_country_names() -> None:
    text = WORLD.replace("CAPITAL", "[18.07, 59.33]").replace("[DEU]", "[DEX]")
    _, diagnostics = check_text(text)
    assert "'DEU' (Germany)" in diagnostics[0].message


# ---------------------------------------------------------------------------- relations


def test_trust_set_twice_warns_at_the_later_entry() -> None:
    text = GENERATED + (
        "relations:\n"
        "  trust:\n"
        "    - {from: a, to: b, value: 70, mutual: true}\n"
        "    - {from: b, to: a, value: 20}\n"
        "    - {from: a, to: c, value: 20}\n"
    )
    assert _warnings(text) == [
        (
            "relations.trust.1",
            "trust from b to a is already set by item 0 of this list; the later item "
            "replaces it: keep one",
        )
    ]


def test_tension_set_twice_warns_whatever_the_order_of_the_pair() -> None:
    text = GENERATED + (
        "relations:\n"
        "  tension:\n"
        "    - {between: [a, b], value: 30}\n"
        "    - {between: [b, a], value: 80}\n"
    )
    assert [p for p, _ in _warnings(text)] == ["relations.tension.1"]


# ---------------------------------------------------------------------------- treaties


def test_arms_control_needing_isolationists_warns_like_a_norm() -> None:
    text = GENERATED.replace("name: C,", "name: C, personality: isolationist,") + (
        "arms_control:\n"
        "  - {id: cap, name: Cap, description: Offense at most 50., offense_cap: 50, "
        "min_parties: 3}\n"
    )
    warnings = _warnings(text)
    assert [p for p, _ in warnings] == ["arms_control.0.min_parties"]
    assert "needs isolationist nations, who never ratify" in warnings[0][1]


# ---------------------------------------------------------------------------- events


def _event(trigger: str) -> str:
    return GENERATED + (
        "events:\n"
        f"  - {{id: e, title: E, trigger: {trigger}, "
        "effects: [{news: {text: hello}}]}\n"
    )


@pytest.mark.parametrize(
    ("trigger", "message"),
    [
        ("{at_turn: 3, from_turn: 5}", "from turn 5 is after at_turn 3: this event never fires"),
        (
            "{every: 4, from_turn: 9}",
            "every 4 turns from turn 9 selects no turn of the game (the next would be "
            "turn 12, after the last turn 10): this event never fires",
        ),
        ("{from_turn: 11}", "from turn 11 is after the last turn (10): this event never fires"),
    ],
)
def test_a_trigger_that_selects_no_turn_warns(trigger: str, message: str) -> None:
    assert _warnings(_event(trigger)) == [("events.0.trigger.from_turn", message)]


@pytest.mark.parametrize(
    "trigger", ["{at_turn: 5, from_turn: 5}", "{every: 4, from_turn: 5}", "{from_turn: 10}"]
)
def test_a_trigger_with_a_turn_left_is_fine(trigger: str) -> None:
    assert _warnings(_event(trigger)) == []


def test_a_proposal_subject_of_another_kind_warns() -> None:
    text = GENERATED + (
        "norms:\n"
        "  - {id: n, name: N, description: No sabotage., forbids: [sabotage], quorum: 2}\n"
        "events:\n"
        "  - id: e\n"
        "    title: E\n"
        "    effects:\n"
        "      - proposal: {from: a, to: b, kind: talks, norm: n}\n"
        "      - proposal: {from: a, to: b, kind: norm, norm: n}\n"
    )
    assert _warnings(text) == [
        (
            "events.0.effects.0.proposal.norm",
            "'norm' belongs to kind 'norm', not to this 'talks' proposal; remove it "
            "(or set kind: norm)",
        )
    ]


def test_an_event_borrowing_the_reason_of_trust_from_talks_warns() -> None:
    """Talks earn trust under the reason 'talks', capped per pair and read by every
    nation (and the AI) as trust from talks: an event's trust change named so would
    merge into it. Any other wording is fine."""
    text = GENERATED + (
        "events:\n"
        "  - id: e\n"
        "    title: E\n"
        "    effects:\n"
        "      - trust: {from: a, to: b, by: 5, reason: talks}\n"
        "      - trust: {from: b, to: a, by: 5, reason: talks at the summit}\n"
    )
    warnings = _warnings(text)
    assert [p for p, _ in warnings] == ["events.0.effects.0.trust.reason"]
    assert warnings[0][1].startswith("'talks' is the reason the game gives the trust talks earn")


# ---------------------------------------------------------------------------- conditions


def _objective(condition: str) -> str:
    return GENERATED.replace(
        "capital: [100, 100]}",
        "capital: [100, 100], objectives: [{id: o, text: O, condition: " + condition + "}]}",
    )


@pytest.mark.parametrize(
    ("condition", "path", "message"),
    [
        (
            "{stat: {stat: economy, above: 100}}",
            "nations.0.objectives.0.condition.stat.above",
            "above 100 is never true: economy is at most 100 (and 'above' is strict)",
        ),
        (
            "{not: {trust: {from: b, to: self, below: 0}}}",
            "nations.0.objectives.0.condition.not.trust.below",
            "below 0 is never true: trust is at least 0 (and 'below' is strict)",
        ),
        (
            "{tension: {between: [a, b], above: 60, below: 40}}",
            "nations.0.objectives.0.condition.tension.above",
            "above 60 and below 40 are never both true; for 'outside the range' write two "
            "tests under 'any:'",
        ),
    ],
)
def test_a_comparison_nothing_passes_warns(condition: str, path: str, message: str) -> None:
    assert _warnings(_objective(condition)) == [(path, message)]


@pytest.mark.parametrize(
    "condition",
    ["{stat: {stat: economy, above: 99.5}}", "{stability: {above: 40, below: 60}}"],
)
def test_a_comparison_something_passes_is_fine(condition: str) -> None:
    assert _warnings(_objective(condition)) == []
