"""Rules of the fog of war: what ``view_for`` shows and what it must hide.

DESIGN §1 Fog of war: "a nation sees its own state exactly, others' capabilities as
estimates (sharp after espionage, blurring with age), only the operations it detected,
and attributions as it believes them. **The AI plays from the same view — it never reads
the true state.**"

The hiding is tested as an invariance: change a hidden part of the true state and the
whole view (every field, compared by value) must stay the same.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from itertools import pairwise
from typing import Any

import numpy as np
import pytest
from test_engine_kit import symmetric, world

from game.ai.base import RandomPolicy, ai_rng
from game.ai.driver import play_ai_turn
from game.ai.personalities import make_policy
from game.engine.game import Game
from game.engine.orders import Denounce
from game.engine.records import OperationRecord
from game.engine.resolve import resolve
from game.engine.state import GameState
from game.engine.trust import SINGLE
from game.engine.views import NationView, view_for
from game.engine.world import World

#: A public world index computed from the true state by design (its trust term is the mean
#: of true trust); compared separately.
PUBLIC_AGGREGATES = frozenset({"stability"})


def fingerprint(value: Any) -> Any:
    """A comparable form of anything a view holds (arrays by dtype, shape and bytes)."""
    if isinstance(value, np.ndarray):
        return ("array", value.dtype.str, value.shape, value.tobytes())
    if isinstance(value, World):
        return ("world", value.hash)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__name__,
            tuple((f.name, fingerprint(getattr(value, f.name))) for f in dataclasses.fields(value)),
        )
    if isinstance(value, dict):
        return ("dict", tuple((k, fingerprint(v)) for k, v in sorted(value.items(), key=repr)))
    if isinstance(value, list | tuple):
        return (type(value).__name__, tuple(fingerprint(v) for v in value))
    if isinstance(value, frozenset | set):
        return ("set", tuple(sorted(repr(v) for v in value)))
    if isinstance(value, float):
        return ("float", value.hex())
    return value


def view_parts(view: NationView, *, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    return {
        f.name: fingerprint(getattr(view, f.name))
        for f in dataclasses.fields(view)
        if f.name not in skip
    }


def assert_same_view(
    a: NationView,
    b: NationView,
    *,
    skip: frozenset[str] = frozenset(),
) -> None:
    pa, pb = view_parts(a, skip=skip), view_parts(b, skip=skip)
    differ = sorted(k for k in pa if pa[k] != pb[k])
    assert not differ, f"nation {a.nation}'s view reveals a hidden change through: {differ}"


@cache
def _busy_game() -> Game:
    """Ten AI turns of the symmetric world: incidents, treaties, ledger entries."""
    game = Game.new(symmetric(), 8)
    for _ in range(10):
        play_ai_turn(game, all_ai=True)
    return game


def _with_log(state: GameState, records: tuple[OperationRecord, ...]) -> GameState:
    other = state.copy()
    other.incident_log = records
    return other


# --------------------------------------------------------------------------- invariance


def test_view_hides_the_true_attacker_of_undetected_operations() -> None:
    """A nation sees "only the operations it detected": who really ran an undetected
    operation (against it or anyone else) changes nothing in its view, unless it ran it."""
    state = world(5)
    state.turn = 3
    undetected = OperationRecord(
        id=0,
        turn=2,
        kind="sabotage",
        attacker=0,
        target=1,
        success=True,
        detected=False,
        blamed=None,
        correct=False,
        corrected_by_hotline=False,
        scripted=False,
        damage={"infrastructure": -9.0},
    )
    a = _with_log(state, (undetected,))
    b = _with_log(state, (dataclasses.replace(undetected, attacker=2),))
    for viewer in (1, 3, 4):  # the victim and bystanders; not n0 or n2, who know
        assert_same_view(view_for(a, viewer), view_for(b, viewer))
    assert view_for(a, 0).incidents and not view_for(b, 0).incidents


def test_view_shows_attributions_as_believed_not_the_true_attacker() -> None:
    """ "attributions as it believes them": a victim who blamed n3 sees n3 whoever really
    attacked."""
    state = world(5)
    state.turn = 3
    wrong = OperationRecord(
        id=0,
        turn=2,
        kind="disinformation",
        attacker=0,
        target=1,
        success=True,
        detected=True,
        blamed=3,
        correct=False,
        corrected_by_hotline=False,
        scripted=False,
        damage={"cohesion": -8.0},
    )
    a = _with_log(state, (wrong,))
    b = _with_log(state, (dataclasses.replace(wrong, attacker=2),))
    for viewer in (1, 3, 4):
        assert_same_view(view_for(a, viewer), view_for(b, viewer))
    (seen,) = view_for(a, 1).incidents
    assert seen.other == 3 and seen.role == "victim"


def test_view_hides_others_cheating() -> None:
    """The view never contains "hidden cheating": whether another nation is cheating on
    an arms-control agreement changes nothing another nation sees."""
    state = _busy_game().state
    if not state.arms_party.shape[0]:
        pytest.skip("scenario without arms control")
    for cheat in range(state.world.n):
        flipped = state.copy()
        flipped.arms_cheating[:, cheat] = ~flipped.arms_cheating[:, cheat]
        for viewer in range(state.world.n):
            if viewer != cheat:
                assert_same_view(view_for(state, viewer), view_for(flipped, viewer))


def _private_entries(state: GameState) -> list[int]:
    ledger = state.ledger
    ledger.arrays()
    return [
        e for e in range(ledger.value.size) if not ledger.public[e] and ledger.audience[e] == SINGLE
    ]


def test_view_hides_the_values_of_others_private_trust_modifiers() -> None:
    """The view never contains "others' private trust modifiers": changing how much k's
    private grudge against j weighs changes nothing a third nation sees (but the world
    stability index, a public aggregate of true trust)."""
    state = _busy_game().state
    entries = _private_entries(state)
    assert entries, "the game produced no private modifier: test is vacuous"
    for e in entries[:6]:
        k, j = int(state.ledger.frm[e]), int(state.ledger.to[e])
        changed = state.copy()
        changed.ledger.arrays()
        changed.ledger.value[e] *= 0.5
        for viewer in range(state.world.n):
            if viewer not in (k, j):
                assert_same_view(
                    view_for(state, viewer), view_for(changed, viewer), skip=PUBLIC_AGGREGATES
                )


def test_view_does_not_reveal_others_private_trust_reasons() -> None:
    """ "It never contains ... others' private trust modifiers": a private grievance
    between two other nations (a new detected incident, with its own named reason) must
    not show up anywhere in a third nation's view — not even as a reason text."""
    state = world(5)
    changed = state.copy()
    changed.ledger.add(3, 4, -20.0, "attacked us (espionage, turn 1)", 1, decay=0.16)
    for viewer in (0, 1, 2):
        assert_same_view(view_for(state, viewer), view_for(changed, viewer), skip=PUBLIC_AGGREGATES)


def test_view_stability_is_the_public_world_index() -> None:
    """World stability is public ("the UI shows each term"): every view shows the same
    breakdown as the engine computed."""
    state = _busy_game().state
    for i in range(state.world.n):
        assert view_for(state, i).stability.total == pytest.approx(state.stability)


def test_a_denunciation_does_not_reveal_who_ran_an_undetected_operation() -> None:
    """A nation sees "only the operations it detected" and the view "never contains true
    attackers": so what anyone can see after a public accusation (credibility is public)
    must not depend on who really ran an operation that nobody detected. n0 accuses n1;
    in one world n1 really spied on n0 last turn, undetected, in the other n2 did."""
    state = world(4)
    state.turn = 2
    secret = OperationRecord(
        id=0,
        turn=1,
        kind="espionage",
        attacker=1,
        target=0,
        success=True,
        detected=False,
        blamed=None,
        correct=False,
        corrected_by_hotline=False,
        scripted=False,
        damage={"economy": -0.8},
    )
    guilty = _with_log(state, (secret,))
    innocent = _with_log(state, (dataclasses.replace(secret, attacker=2),))
    orders = {"n0": [Denounce("n0", "n1")]}
    for seed in range(6):
        after_guilty, _ = resolve(guilty, orders, np.random.default_rng(seed))
        after_innocent, report = resolve(innocent, orders, np.random.default_rng(seed))
        if any(d.kind == "false_accusation" for d in report.diplomacy):
            continue  # exposed as false: a public verdict, different by design
        for viewer in (0, 3):
            assert_same_view(view_for(after_guilty, viewer), view_for(after_innocent, viewer))


# --------------------------------------------------------------------------- estimates


def test_own_state_exact_others_estimated_unless_fresh_espionage() -> None:
    """ "a nation sees its own state exactly, others' capabilities as estimates (sharp
    after espionage, blurring with age)"."""
    state = _busy_game().state.copy()
    from game.engine.state import NEVER

    state.intel_turn[:] = NEVER
    view = view_for(state, 0)
    np.testing.assert_array_equal(view.own_stats, state.stats[0])
    np.testing.assert_array_equal(view.estimates[0], state.stats[0])
    assert (view.uncertainty[0] == 0).all()
    for j in range(1, state.world.n):
        assert (view.uncertainty[j] > 0).all()
        assert not np.array_equal(view.estimates[j], state.stats[j]), f"exact estimate of {j}"
    state.intel_turn[0, 2] = state.turn - 1
    view = view_for(state, 0)
    np.testing.assert_array_equal(view.estimates[2], state.stats[2])
    assert (view.uncertainty[2] == 0).all()
    assert not np.array_equal(view.estimates[3], state.stats[3])


def test_estimates_blur_with_the_age_of_intel() -> None:
    """ "blurring with age": the uncertainty grows with the turns since the last intel."""
    state = world(4, turns=60)
    state.turn = 40
    sigmas = []
    for age in (1, 4, 6, 10, 20):
        state.intel_turn[0, 1] = state.turn - age
        sigmas.append(float(view_for(state, 0).uncertainty[1].max()))
    assert sigmas[0] == 0
    assert all(b >= a for a, b in pairwise(sigmas)) and sigmas[-1] > sigmas[1]


def test_view_is_a_pure_function_of_the_state() -> None:
    """Views are reproducible: the same state gives the same view (noise is seeded by the
    game, the turn and the nation)."""
    state = _busy_game().state
    for i in range(state.world.n):
        assert_same_view(view_for(state, i), view_for(state.copy(), i))


# --------------------------------------------------------------------------- the AI


@pytest.mark.parametrize(
    "personality",
    [
        "cooperative",
        "aggressive",
        "defensive",
        "opportunist",
        "isolationist",
        "reciprocal",
        "random",
    ],
)
def test_the_ai_never_reads_the_true_state(personality: str) -> None:
    """ "**The AI plays from the same view — it never reads the true state.**" Two true
    states that differ only in what nation n0 cannot see (another's cheating, the true
    author of an undetected operation) give n0's AI the very same orders."""
    state = _busy_game().state
    hidden = state.copy()
    if hidden.arms_party.shape[0]:
        hidden.arms_cheating[:, 3] = ~hidden.arms_cheating[:, 3]
    hidden.incident_log = (
        *hidden.incident_log,
        OperationRecord(
            id=999,
            turn=state.turn - 1,
            kind="espionage",
            attacker=4,
            target=5,
            success=True,
            detected=False,
            blamed=None,
            correct=False,
            corrected_by_hotline=False,
            scripted=False,
            damage={"economy": -0.8},
        ),
    )
    policy = RandomPolicy() if personality == "random" else make_policy(personality)
    view_a, view_b = view_for(state, 0), view_for(hidden, 0)
    assert_same_view(view_a, view_b)
    orders_a = policy.decide(view_a, ai_rng(state.seed, state.turn, 0))
    orders_b = policy.decide(view_b, ai_rng(state.seed, state.turn, 0))
    assert [o.to_dict() for o in orders_a] == [o.to_dict() for o in orders_b]
