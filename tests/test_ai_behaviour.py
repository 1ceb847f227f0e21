"""Behaviour the AI personalities must show, over enough seeded games to be sound.

Each test states the rule it checks (from the AI issue and DESIGN.md §1). The batches are
deterministic (fixed seeds), and large enough that the margins below are not luck: the
effects measured are several times bigger than their game-to-game noise.
"""

from __future__ import annotations

import numpy as np
import pytest
from simhelp import batch, variant

from game.engine.views import view_for

pytestmark = pytest.mark.slow

MIXED = ["cooperative", "aggressive", "defensive", "opportunist", "isolationist", "reciprocal"]


def test_cooperative_world_ends_more_stable_than_aggressive_world() -> None:
    """ "A world of cooperative nations ends more stable than a world of aggressive ones.\""""
    cooperative = batch(variant(["cooperative"], turns=12), 16)
    aggressive = batch(variant(["aggressive"], turns=12), 16)
    calm = [s.stability[-1] for s in cooperative.summaries]
    stormy = [s.stability[-1] for s in aggressive.summaries]
    assert min(calm) > max(stormy)
    assert np.mean(calm) - np.mean(stormy) > 20


def _slot(test: str) -> list[str]:
    return ["aggressive", "aggressive", "opportunist", "cooperative", "reciprocal", test]


def test_isolationist_suffers_more_and_scores_lower_than_reciprocal() -> None:
    """ "A nation that avoids diplomacy altogether is not safer: it suffers more successful
    operations and scores lower than an engaged one." The same seat, the same seeds, once
    isolationist and once reciprocal."""
    alone = batch(variant(_slot("isolationist"), turns=16), 60, seed=3)
    engaged = batch(variant(_slot("reciprocal"), turns=16), 60, seed=3)
    hit_alone = np.mean([s.ops_succeeded_against[5] for s in alone.summaries])
    hit_engaged = np.mean([s.ops_succeeded_against[5] for s in engaged.summaries])
    score_alone = np.mean([s.scores[5] for s in alone.summaries])
    score_engaged = np.mean([s.scores[5] for s in engaged.summaries])
    assert hit_alone > hit_engaged
    assert score_alone < score_engaged - 1.0


def test_no_personality_dominates_a_mixed_field() -> None:
    """ "In a symmetric scenario no single personality wins more than ~45% against a mixed
    field.\""""
    result = batch(variant(MIXED), 60, seed=1)
    rates = result.win_rates()
    assert max(rates) <= 0.47, dict(zip(MIXED, rates, strict=True))
    assert sum(r > 0 for r in rates) >= 3  # several personalities can win


def test_hard_beats_easy() -> None:
    """ "hard beats easy": the same personalities, alternating difficulty seat by seat."""
    result = batch(
        variant(["reciprocal", "cooperative", "opportunist"], ["hard", "easy"]), 60, seed=2
    )
    hard = sum(1 for s in result.summaries for w in s.winners if w % 2 == 0)
    easy = sum(1 for s in result.summaries for w in s.winners if w % 2 == 1)
    assert hard > 1.3 * easy
    hard_scores = np.mean([s.scores[i] for s in result.summaries for i in (0, 2, 4)])
    easy_scores = np.mean([s.scores[i] for s in result.summaries for i in (1, 3, 5)])
    assert hard_scores > easy_scores


def test_hotlines_reduce_escalations_that_began_with_a_misattribution() -> None:
    """ "With hotlines between everyone, escalations that began with a misattribution are
    fewer than without." Weak forensics and an aggressive field make misattribution common.
    Nations agree hotlines during play, so the world "without" has isolationists in it:
    they never take one, and their pairs stay without."""
    field = ["aggressive", "isolationist", "reciprocal"]
    weak = {"attribution": 20, "offense": 45}
    without = batch(variant(field, stats=weak, turns=20), 60, seed=4)
    with_lines = batch(variant(field, stats=weak, turns=20, hotlines_everywhere=True), 60, seed=4)
    spirals_without = sum(s.misattribution_escalations for s in without.summaries)
    spirals_with = sum(s.misattribution_escalations for s in with_lines.summaries)
    assert spirals_with < spirals_without
    wrong_without = sum(s.misattributed for s in without.summaries)
    wrong_with = sum(s.misattributed for s in with_lines.summaries)
    assert wrong_with < wrong_without


def test_every_action_type_is_used_by_some_personality() -> None:
    """ "it uses the whole game": every order type appears in the AI's play."""
    from game.engine.orders import ORDER_TYPES
    from game.scenario import canonical_json
    from game.scenario.catalog import load

    used: set[str] = set()
    for result in (
        batch(variant(MIXED), 60, seed=1),
        batch(canonical_json(load("great-powers")), 12, seed=1),
        # Arms control under strain: parties leave agreements others cheat on.
        batch(canonical_json(load("arms-race")), 12, seed=1),
        # An alliance with an aggressive member: its partners leave once it turns on them.
        batch(variant(MIXED, alliances=[["a", "b", "f"]]), 30, seed=1),
    ):
        for summary in result.summaries:
            used.update(kind for kind, count in summary.actions.items() if count)
    assert set(ORDER_TYPES) <= used, sorted(set(ORDER_TYPES) - used)


def test_isolationist_never_uses_diplomacy() -> None:
    """An isolationist "never uses diplomacy": no diplomatic order, no answers."""
    from game.engine.orders import ORDER_TYPES

    result = batch(variant(MIXED), 60, seed=1)
    diplomatic = {k for k, cls in ORDER_TYPES.items() if cls.diplomatic}
    isolationists = [i for i, p in enumerate(result.personalities) if p == "isolationist"]
    assert isolationists
    for summary in result.summaries:
        for i in isolationists:
            used = summary.actions_by_nation[i]
            assert not diplomatic & {k for k, n in used.items() if n}


class _BudgetPlan:
    """A scripted plan with no judgement: a defensive posture, three tenths of the budget
    on defense and a fifth on resilience every turn (the rest grows the economy), and
    nothing else: no diplomacy, no operations, no proposal answered."""

    name = "budget plan"

    def decide(self, view, rng):  # the Policy protocol (view, rng) -> orders
        from game.engine.orders import Invest, SetPosture

        budget = view.budget
        return [
            SetPosture(view.me, posture="defensive"),
            Invest(view.me, defense=round(0.3 * budget, 2), resilience=round(0.2 * budget, 2)),
        ]


class _TalkAndAcceptPlan(_BudgetPlan):
    """The fixed budget split, plus diplomacy with no judgement: accept every proposal,
    and spend every action slot on talks with the nations that trust us least."""

    name = "talk-and-accept plan"

    def decide(self, view, rng):  # the Policy protocol (view, rng) -> orders
        from game.engine.legal import check_orders
        from game.engine.orders import Answer, Talks

        orders = super().decide(view, rng)
        orders += [Answer(view.me, proposal=p.id, accept=True) for p in view.proposals_to_me]
        others = sorted(
            (j for j in range(view.n) if j != view.nation), key=lambda j: view.trust_in[j]
        )
        talks = [Talks(view.me, target=view.world.ids[j]) for j in others]
        for talk in talks[: view.orders_context.slots]:
            try:
                check_orders(view.orders_context, [*orders, talk])
            except ValueError:
                continue
            orders.append(talk)
        return orders


def _play_seat(scenario_json: str, seat: int, policy, games: int) -> tuple[float, float]:
    """(win rate, mean rank) of ``policy`` playing ``seat`` against AIs in every other."""
    from game.ai.driver import play_ai_turn
    from game.engine.game import Game, Seat
    from game.scenario.loader import scenario_from_json

    scenario = scenario_from_json(scenario_json)
    plan = {scenario.nations[seat].id: policy}
    wins = 0.0
    ranks = []
    for seed in range(games):
        game = Game.new(scenario, seed)
        for nation in scenario.nations:
            game.seats[nation.id] = Seat("ai", nation.personality, nation.difficulty, None)
        while not game.over:
            play_ai_turn(game, all_ai=True, policies=plan)
        result = game.result()
        if seat in result.winners:
            wins += 1 / len(result.winners)
        ranks.append(result.ranking.index(seat) + 1)
    return wins / games, float(np.mean(ranks))


def test_a_fixed_budget_plan_does_not_outscore_the_ai() -> None:
    """ "Opponents that play well": a fixed split of the budget (see _BudgetPlan), with
    no diplomacy at all, must not beat nations that choose where their budget goes. It
    did before the AI valued infrastructure and savings by what they add to the score:
    in the reciprocal seat of the mixed field it won 16 of these 30 games (mean rank
    1.7), ahead of every personality. Now it wins none (mean rank 5.0)."""
    wins, rank = _play_seat(variant(MIXED), MIXED.index("reciprocal"), _BudgetPlan(), 30)
    assert wins <= 0.15, (wins, rank)
    assert rank >= 3.0, (wins, rank)


def test_ais_do_not_waste_talks_on_trust_already_at_the_cap() -> None:
    """Talks earn a nation's trust only up to a cap per pair: an AI talks to nations that
    have room left. Before it read the (public) credit, a third of its talks went to a
    nation within 2 of the cap, where a talk earns little; now almost none."""
    from game.ai.driver import ai_orders
    from game.engine.game import Game
    from game.engine.rules import RULES
    from game.scenario.loader import scenario_from_json

    scenario = scenario_from_json(variant(MIXED, ["hard"]))
    near_cap = total = 0
    for seed in range(4):
        game = Game.new(scenario, seed)
        while not game.over:
            orders = ai_orders(game, list(game.ids))
            credit = view_for(game.state, 0).talks_credit  # public: any view shows it
            for nid, given in orders.items():
                me = game.state.world.index[nid]
                for order in given:
                    if order.kind == "talks":
                        total += 1
                        target = game.state.world.index[order.target]
                        near_cap += credit[target, me] >= RULES.talks_cap - 2
                game.submit(nid, given)
            game.advance()
    assert total > 200
    assert near_cap / total < 0.1, (near_cap, total)


def test_talking_and_accepting_everything_does_not_beat_hard_ais() -> None:
    """ "Opponents that play well", at their best: the talk-and-accept plan (see
    _TalkAndAcceptPlan), in the defensive seat of a mixed field of *hard* AIs, won 20 of
    these 30 games (mean rank 1.3) when the AIs bought forensics on principle, denounced
    at face value and kept talking to nations whose trust from talks was already at the
    cap. Now it wins 10 (mean rank 2.1): over 100 games, 25 against 38 for the defensive
    AI itself in that seat, whose mean rank is better (2.05 against 2.24)."""
    hard = variant(MIXED, ["hard"])
    wins, rank = _play_seat(hard, MIXED.index("defensive"), _TalkAndAcceptPlan(), 30)
    assert wins <= 0.45, (wins, rank)
    assert rank >= 1.8, (wins, rank)


_HOSTILE = {"espionage", "sabotage", "disinformation", "denounce", "sanction"}
_FRIENDLY = {"talks", "propose_hotline", "share_intel", "build_capacity", "propose_alliance"}
#: The turns the aggressive seat sabotages the seat under test (answers come a turn later).
_ATTACKS = (3, 4)


def _acts_toward_a_saboteur(personality: str, games: int = 16) -> tuple[np.ndarray, np.ndarray]:
    """(hostile, friendly): per turn, the acts per game that the last seat of the mixed
    field, playing ``personality``, aims at the aggressive seat, which plays its own AI
    but spends its turns 3 and 4 sabotaging that seat."""
    from game.ai.driver import ai_orders
    from game.engine.game import Game
    from game.engine.orders import Sabotage
    from game.scenario.loader import scenario_from_json

    seats = [*MIXED[:5], personality]
    scenario = scenario_from_json(variant(seats, turns=14))
    attacker, victim = scenario.nations[1].id, scenario.nations[5].id
    hostile, friendly = np.zeros(15), np.zeros(15)
    for seed in range(games):
        game = Game.new(scenario, seed)
        while not game.over:
            orders = ai_orders(game, list(game.ids))
            if game.turn in _ATTACKS:
                # Its own posture, answers and (when the budget allows) investments, and
                # the sabotage in place of its slot actions.
                kept = [o for o in orders[attacker] if not o.uses_slot]
                strike = Sabotage(attacker, victim, reason="scripted for the test")
                try:
                    game.submit(attacker, [*kept, strike])
                except ValueError:
                    kept = [o for o in kept if o.kind != "invest"]
                orders[attacker] = [*kept, strike]
            for order in orders[victim]:
                if getattr(order, "target", None) == attacker:
                    hostile[game.turn] += order.kind in _HOSTILE
                    friendly[game.turn] += order.kind in _FRIENDLY
            for nid, given in orders.items():
                game.submit(nid, given)
            game.advance()
    return hostile / games, friendly / games


def test_reciprocal_answers_like_with_like_then_forgives() -> None:
    """ "reciprocal (answers like with like, forgives after a while)": sabotaged twice, it
    turns on the saboteur in the two turns that follow, where a cooperative nation in the
    same seat never does; then it returns to talks and offers, where an aggressive one
    stays hostile for the rest of the game."""
    answer = [a + 1 for a in _ATTACKS]  # the turns that follow the attacks
    later = slice(max(answer) + 2, 15)
    hostile, friendly = _acts_toward_a_saboteur("reciprocal")
    coop_hostile, coop_friendly = _acts_toward_a_saboteur("cooperative")
    aggr_hostile, _ = _acts_toward_a_saboteur("aggressive")
    assert hostile[answer].sum() >= 0.8, hostile
    assert coop_hostile[answer].sum() <= 0.25 * hostile[answer].sum(), coop_hostile
    assert friendly[answer].sum() < 0.5 * coop_friendly[answer].sum(), (friendly, coop_friendly)
    # Forgiven: friendly again, and hardly hostile, once the answer is given.
    assert friendly[later].mean() >= 0.4, friendly
    assert hostile[later].mean() <= 0.4 * aggr_hostile[later].mean(), (hostile, aggr_hostile)


def test_ais_do_not_spend_a_slot_on_what_an_accepted_proposal_does() -> None:
    """Accepting a call to ratify an agreement ratifies it, and accepting a hotline offer
    opens the line: an AI does not also spend an action slot on the same thing in the
    same turn. (Before, 18 of 638 slot actions in these arms-race games were wasted so.)"""
    from game.ai.driver import ai_orders
    from game.engine.game import Game
    from game.scenario.catalog import load

    covers = {
        "endorse_norm": "norm",
        "propose_norm": "norm",
        "ratify_arms_control": "arms_control",
        "propose_arms_control": "arms_control",
        "propose_hotline": "hotline",
        "propose_alliance": "alliance",
    }
    scenario = load("arms-race")
    wasted = accepted = 0
    for seed in range(6):
        game = Game.new(scenario, seed)
        while not game.over:
            pending = {p.id: p for p in game.state.proposals}
            for nid, given in ai_orders(game, list(game.ids)).items():
                done = set()
                for order in given:
                    if order.kind == "answer" and order.accept and order.proposal in pending:
                        p = pending[order.proposal]
                        on = p.subject if p.kind in ("norm", "arms_control") else game.ids[p.frm]
                        done.add((p.kind, on))
                accepted += len(done)
                for order in given:
                    on = getattr(order, "subject", None) or getattr(order, "target", None)
                    wasted += (covers.get(order.kind), on) in done
                game.submit(nid, given)
            game.advance()
    assert accepted > 30
    assert wasted == 0
