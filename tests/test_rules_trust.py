"""Rules of trust: named modifiers, decay and forgiveness, and the explanation.

DESIGN §1 Relations: "trust i→j, 0–100 (50 neutral) = scenario baseline + a ledger of
**named modifiers**, each with a value and its own decay rate ... **The player can always
see why i distrusts j.** Modifiers decay, so trust recovers: forgiveness takes on the
order of 10–20 turns for a serious incident."
"""

from __future__ import annotations

import math
from functools import cache
from itertools import pairwise

import numpy as np
import pytest
from test_engine_kit import bundled, first_seed, op, play, run_ops, symmetric, world

from game.ai.driver import play_ai_turn
from game.engine.game import Game
from game.engine.state import GameState
from game.engine.trust import explain, explain_row, trust_matrix
from game.engine.views import public_trust, view_for

SHARP = {"attribution": 95, "defense": 90}
NORM = {
    "id": "protect",
    "name": "Protect critical infrastructure",
    "description": "No sabotage.",
    "forbids": ["sabotage"],
    "quorum": 2,
}


def _after_sabotage(norms=()) -> tuple[GameState, np.ndarray]:
    """A successful sabotage by n0 on n1, correctly attributed; and trust before it."""
    state = world(3, stats={1: SHARP}, norms=norms, turns=60)
    before = trust_matrix(state)
    _, (ctx, _records) = first_seed(
        lambda seed: run_ops(state, op(0, 1, "sabotage"), seed=seed),
        lambda out: out[1][0].detected and out[1][0].blamed == 0 and out[1][0].success,
    )
    return ctx.state, before


def _turns_to_forgive(
    state: GameState, before: np.ndarray, frm: int, to: int, limit: int = 45
) -> tuple[int, list[float]]:
    """Quiet turns until trust frm -> to is back within one point of ``before``."""
    gaps = [float(before[frm, to] - trust_matrix(state)[frm, to])]
    for turn in range(1, limit + 1):
        state = play(state, {})
        gaps.append(float(before[frm, to] - trust_matrix(state)[frm, to]))
        if gaps[-1] < 1.0:
            return turn, gaps
    return limit + 1, gaps


def test_modifiers_decay_so_trust_recovers() -> None:
    """ "Modifiers decay, so trust recovers: forgiveness takes on the order of 10–20 turns
    for a serious incident." A successful, correctly attributed sabotage: the victim's
    trust climbs back every quiet turn and is within one point after 10–20 turns."""
    state, before = _after_sabotage()
    turns, gaps = _turns_to_forgive(state, before, 1, 0)
    assert gaps[0] > 15, "a sabotage is a serious incident"
    assert all(b < a for a, b in pairwise(gaps)), "recovers every turn"
    assert 10 <= turns <= 20, f"forgiven after {turns} turns"


@pytest.mark.parametrize("observer", [1, 2], ids=["victim", "bystander-signatory"])
def test_a_norm_breaking_sabotage_is_forgiven_in_10_to_20_turns(observer: int) -> None:
    """ "forgiveness takes on the order of 10–20 turns for a serious incident" — also when
    the sabotage broke a norm in force (the most serious incident there is): every trust
    loss it caused, the victim's and the other signatories', fades within 20 turns."""
    state, before = _after_sabotage(norms=[dict(NORM, signatories=["n0", "n1", "n2"])])
    turns, gaps = _turns_to_forgive(state, before, observer, 0)
    assert gaps[0] > 5
    assert turns <= 20, (
        f"trust of n{observer} in the norm breaker is still "
        f"{gaps[20]:.1f} below its old value after 20 turns "
        f"(forgiven after {turns})"
    )


def test_every_modifier_fades_and_the_ledger_empties() -> None:
    """Every ledger modifier decays ("each with a value and its own decay rate"): after a
    busy game, long enough quietly, the ledger is empty and trust is back to its
    baseline plus the standing terms."""
    game = _played("symmetric")
    state = game.state.copy()
    assert len(state.ledger) > 0
    state.last_turn = state.turn + 200
    state.over = False
    values = np.abs(state.ledger.value).copy()
    state = play(state, {})
    assert len(state.ledger) <= values.size
    state = play(state, {}, turns=120)
    assert len(state.ledger) == 0


# --------------------------------------------------------------------------- explanations


@cache
def _played(name: str, turns: int = 10) -> Game:
    scenario = symmetric() if name == "symmetric" else bundled(name)
    game = Game.new(scenario, 3)
    for _ in range(min(turns, scenario.turns - 1)):
        play_ai_turn(game, all_ai=True)
    return game


def _states() -> list[GameState]:
    states = []
    for name in ("tutorial", "great-powers", "symmetric"):
        game = _played(name)
        states.append(game.state)
    clipped, _ = _after_sabotage()
    clipped.trust_base[1, 0] = 5.0  # 5 - 26: clipped at 0
    states.append(clipped)
    return states


def _check_sum(explanation, unclipped_total: float) -> None:
    assert explanation.value == pytest.approx(min(100.0, max(0.0, unclipped_total)), abs=1e-9)


@pytest.mark.parametrize("which", range(4))
def test_the_player_can_always_see_why_i_distrusts_j(which: int) -> None:
    """ "**The player can always see why i distrusts j.**" For every pair, the explanation
    lists named reasons which, with the baseline, add up to the trust value (before
    clipping to 0–100)."""
    state = _states()[which]
    n = state.world.n
    trust = trust_matrix(state)
    for i in range(n):
        row = explain_row(state, i)
        for j, explanation in row.items():
            assert explanation.value == pytest.approx(trust[i, j])
            total = explanation.baseline + sum(r.value for r in explanation.reasons)
            _check_sum(explanation, total)
            for reason in explanation.reasons:
                assert reason.label.strip(), "every reason has a name"
                assert reason.standing or 0 < reason.decay < 1, "ledger reasons fade"
                assert math.isfinite(reason.value)
            assert explanation.lines()[0].startswith(f"{explanation.value:.0f} = baseline")


@pytest.mark.parametrize("which", range(4))
def test_view_explain_trust_is_the_same_explanation(which: int) -> None:
    """The view's ``explain_trust`` (what the UI and AI read) gives the same named reasons
    as the engine, adding up to the trust value the view shows."""
    state = _states()[which]
    for i in range(state.world.n):
        view = view_for(state, i)
        for j in range(state.world.n):
            if j == i:
                continue
            mine = view.explain_trust(j)
            truth = explain(state, i, j)
            assert mine.value == pytest.approx(view.trust_out[j])
            assert sorted((r.label, round(r.value, 9)) for r in mine.reasons) == sorted(
                (r.label, round(r.value, 9)) for r in truth.reasons
            )
            _check_sum(mine, mine.baseline + sum(r.value for r in mine.reasons))


def test_public_explanation_adds_up_to_public_trust() -> None:
    """Trust between others "as far as public modifiers reveal it": the public-only
    explanation adds up to the public trust every view shows."""
    state = _played("great-powers").state
    public = public_trust(state)
    for i in range(state.world.n):
        for j, explanation in explain_row(state, i, public_only=True).items():
            assert all(r.public for r in explanation.reasons)
            total = explanation.baseline + sum(r.value for r in explanation.reasons)
            assert public[i, j] == pytest.approx(min(100.0, max(0.0, total)), abs=1e-9)


def test_an_attack_is_named_in_the_victims_explanation() -> None:
    """After an attack the victim reads it among its reasons: what, when, how much, and
    how long it takes to fade."""
    state, _ = _after_sabotage()
    explanation = explain(state, 1, 0)
    attacks = [r for r in explanation.reasons if r.label.startswith("attacked us (sabotage")]
    assert len(attacks) == 1
    (attack,) = attacks
    assert attack.value < 0 and attack.turn == 1 and not attack.standing
    assert attack.turns_to_fade is not None and 10 <= attack.turns_to_fade <= 20
    assert "fades in" in attack.describe()
    assert explanation.reasons[0] is attack or abs(explanation.reasons[0].value) >= abs(
        attack.value
    )
