"""Rules of scripted events: triggers, conditions, chance, once, choices, facilitator.

DESIGN §3: "scripted events (turn, condition, chance, once; effects; optional choices for
a nation, with AI weights; facilitator-only injects)"; issue 3: "Scripted events from the
scenario: conditions, chance, once, effects, choices (each nation answers; a default and
AI weights)." Turn order: scripted events come after public responses.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from test_engine_kit import play, scenario_dict, scenario_of, world

from game.ai.base import ai_rng
from game.ai.personalities import make_policy
from game.engine.game import Game
from game.engine.interventions import InjectEvent
from game.engine.legal import legal_orders
from game.engine.orders import Choose, IllegalOrder
from game.engine.resolve import resolve
from game.engine.types import COHESION, ECONOMY
from game.engine.views import view_for


def _fired(state, turns: int, orders=None) -> dict[str, list[int]]:
    """Which events fired on which turns over ``turns`` turns."""
    out: dict[str, list[int]] = {}
    for _ in range(turns):
        state, report = resolve(state, orders or {})
        for record in report.events:
            out.setdefault(record.event, []).append(report.turn)
    return out


def _event(ident: str, trigger: dict, effects: list | None = None, **more) -> dict:
    return {
        "id": ident,
        "title": ident.replace("-", " ").title(),
        "trigger": trigger,
        "effects": effects or [],
        **more,
    }


def test_at_turn_fires_on_that_turn_only() -> None:
    """ "turn": an event with ``at_turn: 3`` fires on turn 3 and no other, and its effects
    apply."""
    state = world(
        3,
        events=[
            _event(
                "on-three",
                {"at_turn": 3},
                [{"adjust": {"nation": "n0", "stat": "economy", "by": -20}}],
            )
        ],
    )
    fired = _fired(state, 6)
    assert fired == {"on-three": [3]}
    before, _ = resolve(play(state, turns=2), {})
    control = world(3)
    control, _ = resolve(play(control, turns=2), {})
    assert before.stats[0, ECONOMY] < control.stats[0, ECONOMY] - 15


def test_every_fires_on_multiples_and_once_limits_it() -> None:
    """ "every" fires on turns N, 2N, ...; "once" (the default) lets it fire only the
    first time; "from_turn" delays the first time."""
    state = world(
        3,
        events=[
            _event("every-two", {"every": 2, "once": False}),
            _event("every-two-once", {"every": 2}),
            _event("from-five", {"from_turn": 5, "every": 1, "once": False}),
        ],
    )
    fired = _fired(state, 9)
    assert fired["every-two"] == [2, 4, 6, 8]
    assert fired["every-two-once"] == [2]
    assert fired["from-five"] == [5, 6, 7, 8, 9]


def test_condition_gates_an_event() -> None:
    """ "condition": an event fires only in the turns its condition holds."""
    event = _event(
        "poor-n1",
        {"condition": {"stat": {"nation": "n1", "stat": "economy", "below": 30}}, "once": False},
    )
    assert _fired(world(3, events=[event]), 5) == {}
    poor = _fired(world(3, events=[event], stats={1: {"economy": 20}}), 5)
    assert poor["poor-n1"][0] == 1
    combined = _event(
        "both",
        {
            "condition": {
                "all": [{"turn": {"above": 2}}, {"not": {"hotline": {"between": ["n0", "n1"]}}}]
            },
            "once": False,
        },
    )
    assert _fired(world(3, events=[combined]), 5) == {"both": [3, 4, 5]}
    linked = world(3, events=[combined], relations={"hotlines": [["n0", "n1"]]})
    assert _fired(linked, 5) == {}


@pytest.mark.parametrize("chance", [0.0, 0.3, 1.0])
def test_chance_is_the_probability_per_eligible_turn(chance: float) -> None:
    """ "chance": an eligible event fires with that probability each turn. Twenty copies
    over thirty turns: 600 independent rolls."""
    events = [_event(f"maybe-{k}", {"chance": chance, "once": False}) for k in range(20)]
    state = world(3, events=events, turns=30)
    fired = _fired(state, 30)
    count = sum(len(turns) for turns in fired.values())
    share = count / 600
    if chance in (0.0, 1.0):
        assert share == chance
    else:
        assert abs(share - chance) < 4 * (chance * (1 - chance) / 600) ** 0.5, share


# --------------------------------------------------------------------------- choices


CHOICE = _event(
    "dilemma",
    {"at_turn": 1},
    [],
    choice={
        "nations": ["n0"],
        "prompt": "Pay or not?",
        "default": "keep",
        "options": [
            {
                "id": "pay",
                "label": "Pay",
                "ai_weight": 0,
                "effects": [{"adjust": {"nation": "self", "stat": "cohesion", "by": -10}}],
            },
            {
                "id": "keep",
                "label": "Keep",
                "ai_weight": 1,
                "effects": [{"adjust": {"nation": "self", "stat": "economy", "by": 10}}],
            },
        ],
    },
)


def test_a_choice_waits_for_its_nation_and_defaults_when_unanswered() -> None:
    """ "choices for a nation ... a default": the chosen nation is asked the next turn;
    with no answer the default option is applied to it."""
    state = world(3, events=[CHOICE])
    state, report = resolve(state, {})
    assert report.for_nation(0).choices_pending == ("dilemma",)
    assert legal_orders(view_for(state, 0)).choices == {"dilemma": ("pay", "keep")}
    assert legal_orders(view_for(state, 1)).choices == {}
    before = state.stats.copy()
    state, report = resolve(state, {})
    (record,) = report.choices
    assert (record.nation, record.option, record.defaulted) == (0, "keep", True)
    said = [item.text for item in report.news if "chose" in item.text]
    assert len(said) == 1 and "(no answer came: the default)" in said[0], said
    assert state.stats[0, ECONOMY] > before[0, ECONOMY] + 9
    assert state.pending_choices == ()
    with pytest.raises(IllegalOrder, match="no choice"):
        resolve(state, {"n0": [Choose("n0", event="dilemma", option="pay")]})


def test_an_answered_choice_applies_the_chosen_option() -> None:
    state = world(3, events=[CHOICE])
    state, _ = resolve(state, {})
    before = state.stats.copy()
    state, report = resolve(state, {"n0": [Choose("n0", event="dilemma", option="pay")]})
    (record,) = report.choices
    assert (record.option, record.defaulted) == ("pay", False)
    assert not any("default" in item.text for item in report.news if "chose" in item.text)
    assert state.stats[0, COHESION] < before[0, COHESION] - 5
    with pytest.raises(IllegalOrder, match="not an option"):
        resolve(
            resolve(world(3, events=[CHOICE]), {})[0],
            {"n0": [Choose("n0", event="dilemma", option="maybe")]},
        )


def test_a_choice_for_all_asks_every_nation_for_itself() -> None:
    """``nations: [all]``: each nation answers, and "self" is the answering nation."""
    event = dict(CHOICE, choice=dict(CHOICE["choice"], nations=["all"]))
    state = world(3, events=[event])
    state, _ = resolve(state, {})
    before = state.stats.copy()
    state, report = resolve(state, {"n1": [Choose("n1", event="dilemma", option="pay")]})
    by_nation = {r.nation: (r.option, r.defaulted) for r in report.choices}
    assert by_nation == {0: ("keep", True), 1: ("pay", False), 2: ("keep", True)}
    assert state.stats[1, COHESION] < before[1, COHESION] - 5
    assert state.stats[0, ECONOMY] > before[0, ECONOMY] + 9


def test_ai_answers_choices_by_their_weights() -> None:
    """ "with AI weights": an option with weight 0 is never picked by the AI."""
    state = world(3, events=[CHOICE])
    state, _ = resolve(state, {})
    view = view_for(state, 0)
    picked = Counter()
    for name in ("cooperative", "aggressive", "reciprocal"):
        policy = make_policy(name)
        for seed in range(4):
            for order in policy.decide(view, ai_rng(seed, state.turn, 0)):
                if isinstance(order, Choose):
                    picked[order.option] += 1
    assert picked["keep"] == 12 and picked["pay"] == 0


# --------------------------------------------------------------------------- facilitator


def test_facilitator_only_events_never_fire_on_their_own() -> None:
    """ "facilitator-only injects": such an event never fires by itself, whatever its
    trigger says — only when the facilitator injects it."""
    inject = _event(
        "grid-down",
        {"once": False, "chance": 1.0},
        [{"adjust": {"nation": "n1", "stat": "infrastructure", "by": -30}}],
        facilitator_only=True,
    )
    state = world(3, events=[inject], turns=30)
    assert _fired(state, 25) == {}
    game = Game.new(scenario_of(scenario_dict(3, events=[inject])), 1)
    game.advance()
    infrastructure = game.state.stats[1, 1]
    game.intervene(InjectEvent(event="grid-down", reason="exercise"))
    assert game.state.stats[1, 1] == pytest.approx(infrastructure - 30)
    report = game.advance()
    assert [(e.event, e.injected) for e in report.events] == [("grid-down", True)]


def test_events_are_deterministic_given_the_seed() -> None:
    """Chance rolls come from the game's seeded stream: the same seed fires the same
    events."""
    events = [_event(f"maybe-{k}", {"chance": 0.5, "once": False}) for k in range(5)]
    a = _fired(world(3, events=events, seed=5), 10)
    b = _fired(world(3, events=events, seed=5), 10)
    c = _fired(world(3, events=events, seed=6), 10)
    assert a == b and a != c
    assert np.all([len(v) > 0 for v in a.values()])


def test_a_scripted_proposal_offers_the_subject_its_kind_uses() -> None:
    """A scripted alliance offer that also names a norm (a designer's slip the loader warns
    about) is an alliance offer with no norm in it: the subject follows the kind."""
    norm = {"id": "protect", "name": "Protect", "description": "d", "forbids": ["sabotage"]}
    offer = {"proposal": {"from": "n0", "to": "n1", "kind": "alliance", "norm": "protect"}}
    state = world(3, norms=[norm], events=[_event("offer", {"at_turn": 1}, [offer])])
    state, _ = resolve(state, {})
    (p,) = [p for p in state.proposals if p.kind == "alliance"]
    assert (p.frm, p.to) == (0, 1) and p.subject != "protect"
    assert not state.norm_signed[0, 0], "an alliance offer does not sign the norm"
