"""Rules of stability, scores and the end of the game.

DESIGN §1 Stability: "a documented formula of mean trust, share of pairs in crisis or
conflict, norms and arms control in force, total offense stockpiles, infrastructure and
recent incidents; the UI shows each term." Scores: "each nation's score combines
security, prosperity, influence (the trust others place in it) and scenario objectives,
with weights the scenario may set; the score breakdown is always visible. End: after the
scenario's turns the best score wins; a scenario may instead (or also) set a shared goal,
and a world whose stability stays below a collapse threshold ends with everyone losing."
"""

from __future__ import annotations

import numpy as np
import pytest
from test_engine_kit import (
    binomial_gap,
    finished,
    nation_ids,
    op,
    play,
    run_ops,
    scenario_dict,
    scenario_of,
    world,
)

from game.engine.game import Game
from game.engine.legal import context_for, legal_orders
from game.engine.orders import (
    Answer,
    Invest,
    ProposeNorm,
    Sabotage,
    Sanction,
    SetPosture,
    Talks,
)
from game.engine.resolve import resolve
from game.engine.scoring import final_result, scores, stability_terms
from game.engine.trust import trust_matrix

NORM = {
    "id": "protect",
    "name": "Protect critical infrastructure",
    "description": "No sabotage.",
    "forbids": ["sabotage"],
    "quorum": 3,
}


def _finished(name: str) -> Game:
    return finished(name)


# --------------------------------------------------------------------------- breakdowns


@pytest.mark.parametrize("name", ["tutorial", "great-powers", "symmetric"])
def test_stability_breakdown_sums_to_its_total(name: str) -> None:
    """ "the UI shows each term": every turn's stability is exactly the sum of the
    contributions of its named terms, each term 0–1."""
    game = _finished(name)
    for record in game.history:
        breakdown = record.report.stability
        assert set(breakdown.terms) == set(breakdown.weights)
        assert all(0.0 <= v <= 1.0 for v in breakdown.terms.values()), breakdown.terms
        total = sum(breakdown.contribution(k) for k in breakdown.terms)
        assert total == pytest.approx(breakdown.total, abs=1e-9)
        assert 0.0 <= breakdown.total <= 100.0
    assert game.state.stability == pytest.approx(game.history[-1].report.stability.total)


@pytest.mark.parametrize("name", ["tutorial", "great-powers", "symmetric"])
def test_score_breakdown_sums_to_its_total(name: str) -> None:
    """ "the score breakdown is always visible": each score is the weighted mean of its
    parts with the scenario's weights; objectives count only for nations that have
    some."""
    game = _finished(name)
    weights = game.scenario.scoring.weights
    for record in game.history[-3:]:
        for score, nation in zip(record.report.scores, game.scenario.nations, strict=True):
            parts = score.parts()
            has_goals = bool(nation.objectives or nation.secret_objectives)
            assert ("objectives" in parts) == has_goals
            w = {k: getattr(weights, k) for k in parts}
            expected = sum(w[k] * v for k, v in parts.items()) / sum(w.values())
            assert score.total == pytest.approx(expected, abs=1e-9)
            assert all(0.0 <= v <= 100.0 for v in parts.values()), parts


def test_reported_stability_and_scores_are_those_of_the_resulting_state() -> None:
    """Turn order: "decay, escalation update → scores, stability, end checks": the
    stability and scores a turn reports (and stores in the state, and checks for
    collapse) are those of the state the turn produced — also on the turn sanctions run
    out and the target's resentment ("sanctions against us", a standing trust term) ends."""
    state = world(3)
    state, _ = resolve(state, {"n0": [Sanction("n0", "n1")]})
    for _ in range(4):
        state, report = resolve(state, {})
        assert report.stability.total == pytest.approx(stability_terms(state).total), (
            f"turn {report.turn} (sanctions left {int(state.sanctions[0, 1])}): reported "
            f"stability {report.stability.total:.3f}, state's {stability_terms(state).total:.3f}"
        )
        assert state.stability == pytest.approx(stability_terms(state).total)
        for mine, fresh in zip(report.scores, scores(state), strict=True):
            assert mine.total == pytest.approx(fresh.total)


def test_influence_is_the_trust_others_place_in_a_nation() -> None:
    """ "influence (the trust others place in it)": the mean of the column of trust."""
    state = _finished("great-powers").state
    trust = trust_matrix(state)
    n = state.world.n
    for score in scores(state):
        j = score.nation
        others = [i for i in range(n) if i != j]
        assert score.influence == pytest.approx(trust[others, j].mean())


def test_stability_follows_its_terms() -> None:
    """Each named term moves stability the documented way: more trust, more calm, less
    offense, more infrastructure, fewer recent incidents each raise it."""
    base = world(4)
    start = stability_terms(base).total

    def changed(edit) -> float:
        state = world(4)
        edit(state)
        return stability_terms(state).total

    assert changed(lambda s: s.trust_base.__iadd__(10)) > start
    assert (
        changed(lambda s: s.level.__setitem__((0, 1), 2) or s.level.__setitem__((1, 0), 2)) < start
    )
    assert changed(lambda s: s.stats.__setitem__((slice(None), 2), 90)) < start
    assert changed(lambda s: s.stats.__setitem__((slice(None), 1), 20)) < start
    assert changed(lambda s: s.recent_incidents.__iadd__(1)) < start


# --------------------------------------------------------------------------- end


def test_the_game_ends_after_its_last_turn() -> None:
    """ "End: after the scenario's turns the best score wins"."""
    state = world(3, turns=4, stats={1: {"economy": 90}})
    for turn in range(1, 5):
        state, report = resolve(state, {})
        assert report.over == (turn == 4)
    assert state.over and state.outcome == "completed"
    result = final_result(state)
    totals = [s.total for s in result.scores]
    assert result.winners == (int(np.argmax(totals)),)
    assert list(result.ranking) == sorted(range(3), key=lambda i: (-totals[i], i))


def test_collapse_after_collapse_turns_below_the_threshold() -> None:
    """ "a world whose stability stays below a collapse threshold ends with everyone
    losing": below the threshold for ``collapse_turns`` turns in a row, the game ends in
    collapse, with no winner."""
    scenario = scenario_of(
        scenario_dict(3, scoring={"collapse_threshold": 100, "collapse_turns": 3})
    )
    from game.engine.state import initial_state

    state = initial_state(scenario)
    for turn in range(1, 4):
        state, report = resolve(state, {})
        assert state.low_stability_turns == turn
        assert report.over == (turn == 3)
    assert state.outcome == "collapse"
    result = final_result(state)
    assert result.winners == ()
    assert "collapse" in result.headline(state.world.names).lower()


def test_collapse_needs_consecutive_turns_below_the_threshold() -> None:
    """ "stays below": one turn above the threshold resets the count."""
    state = world(3, scoring={"collapse_threshold": 0, "collapse_turns": 2})
    state.low_stability_turns = 1
    state, report = resolve(state, {})
    assert state.low_stability_turns == 0 and not report.over


@pytest.mark.parametrize(
    "victory,stability,expected",
    [
        ("best_score", 10.0, "top"),
        ("shared_goal", 70.0, "all"),
        ("shared_goal", 50.0, "none"),
        ("both", 70.0, "top"),
        ("both", 50.0, "none"),
    ],
)
def test_shared_goal_victory_rules(victory: str, stability: float, expected: str) -> None:
    """ "a scenario may instead (or also) set a shared goal": ``shared_goal`` — everyone
    wins together if final stability reaches the goal, nobody otherwise; ``both`` — the
    best score wins, but only if the goal is reached."""
    scoring = {"victory": victory, "shared_goal": {"stability": 60}}
    state = world(3, turns=1, scoring=scoring, stats={1: {"economy": 90}})
    state, _ = resolve(state, {})
    state.stability = stability
    result = final_result(state)
    totals = [s.total for s in result.scores]
    top = (int(np.argmax(totals)),)
    assert result.winners == {"top": top, "all": (0, 1, 2), "none": ()}[expected]
    if victory != "best_score":
        assert result.shared_goal_met == (stability >= 60)
    headline = result.headline(state.world.names)
    assert headline


def test_collapse_beats_the_shared_goal() -> None:
    """A collapsed world has no winner, whatever the victory rule."""
    scoring = {
        "victory": "shared_goal",
        "shared_goal": {"stability": 0},
        "collapse_threshold": 100,
        "collapse_turns": 1,
    }
    state = world(3, scoring=scoring)
    state, _ = resolve(state, {})
    assert state.outcome == "collapse"
    assert final_result(state).winners == ()


# --------------------------------------------------------------------------- world claims


def _scripted_world(cooperative: bool, seed: int, n: int = 6, turns: int = 10) -> float:
    """Six identical nations playing fixed strategies for ten turns; final stability.

    Cooperative: defensive posture, talks with a different partner each turn, a hotline
    offered to someone without one, the norm tabled by n0, every proposal accepted.
    Aggressive: offensive posture, sabotage of a different victim each turn, offense."""
    ids = nation_ids(n)
    state = world(n, norms=[NORM], seed=seed)
    for turn in range(turns):
        orders = {}
        for k, me in enumerate(ids):
            partner = ids[(k + 1 + turn % (n - 1)) % n]
            if not cooperative:
                orders[me] = [
                    SetPosture(me, "offensive"),
                    Sabotage(me, partner),
                    Invest(me, offense=1.0),
                ]
                continue
            legal = legal_orders(context_for(state, k))
            mine = [
                SetPosture(me, "defensive"),
                Talks(me, partner),
                Invest(me, defense=1.0, resilience=1.0),
            ]
            mine += [Answer(me, proposal=p.id, accept=True) for p in legal.answers]
            if turn == 0 and k == 0:
                mine.append(ProposeNorm(me, subject="protect"))
            else:
                offers = [o for o in legal.of_kind("propose_hotline")]
                if offers:
                    mine.append(offers[turn % len(offers)])
            orders[me] = mine
        state, _ = resolve(state, orders, np.random.default_rng([seed, turn]))
    return state.stability


def test_a_cooperative_world_ends_more_stable_than_an_aggressive_one() -> None:
    """ "**A world of cooperative nations ends more stable than a world of aggressive
    ones.**" The mechanics alone, with fixed strategies (talks, hotlines, a norm,
    defense) against (offensive posture, sabotage, offense), over eight seeds. (The AI
    personalities' version of this claim is in tests/test_ai_behaviour.py.)"""
    calm = [_scripted_world(True, seed) for seed in range(8)]
    war = [_scripted_world(False, seed) for seed in range(8)]
    assert min(calm) > max(war), (calm, war)


def test_avoiding_diplomacy_is_not_safer() -> None:
    """ "**A nation that avoids diplomacy altogether is not safer: it suffers more
    successful operations and scores lower than an engaged one.**" Two nations with the
    same stats under the same attacks: the engaged one (hotlines and an alliance) suffers
    fewer successful operations, and scores higher. (The AI personalities' version is
    in tests/test_ai_behaviour.py.)"""
    relations = {
        "hotlines": [["n1", "n3"], ["n1", "n4"], ["n1", "n5"]],
        "alliances": [{"id": "club", "name": "Club", "members": ["n1", "n3", "n4"]}],
    }
    state = world(6, relations=relations)
    _, records = run_ops(state, [op(0, 1, "sabotage"), op(0, 2, "sabotage")], seed=6, count=1500)
    engaged = [r.success for r in records if r.target == 1]
    isolated = [r.success for r in records if r.target == 2]
    assert binomial_gap(sum(isolated), len(isolated), sum(engaged), len(engaged)) > 4
    totals = {s.nation: s.total for s in scores(state)}
    assert totals[1] > totals[2]
    after = play(state, {}, turns=3)
    totals = {s.nation: s.total for s in scores(after)}
    assert totals[1] > totals[2]
