"""Rules of diplomacy: proposals, talks, sanctions, norms, arms control, cooperation.

Each test quotes DESIGN.md §1 (or issue 3) and checks the causal direction on small
worlds resolved through the real ``resolve``.
"""

from __future__ import annotations

import numpy as np
import pytest
from test_engine_kit import first_seed, op, play, run_ops, world

from game.engine.legal import context_for, legal_orders
from game.engine.orders import (
    Answer,
    BuildCapacity,
    Espionage,
    IllegalOrder,
    Invest,
    ProposeAlliance,
    ProposeArmsControl,
    ProposeHotline,
    ProposeNorm,
    RatifyArmsControl,
    Sanction,
    ShareIntel,
    Talks,
)
from game.engine.resolve import resolve
from game.engine.scoring import stability_terms
from game.engine.trust import trust_matrix
from game.engine.types import ATTRIBUTION, DEFENSE, ECONOMY, OFFENSE
from game.engine.views import view_for

CAP = {
    "id": "cap",
    "name": "Offense cap",
    "description": "Offense at most 45.",
    "offense_cap": 45,
    "min_parties": 2,
}
NORM = {
    "id": "protect",
    "name": "Protect critical infrastructure",
    "description": "No sabotage.",
    "forbids": ["sabotage"],
    "quorum": 2,
}


def _answers(state, nation: int) -> list[int]:
    return [p.id for p in legal_orders(context_for(state, nation)).answers]


# --------------------------------------------------------------------------- proposals


@pytest.mark.parametrize("kind", ["hotline", "alliance"])
def test_mutual_proposals_in_the_same_turn_agree_at_once(kind: str) -> None:
    """Turn order: "diplomacy (**mutual proposals in the same turn agree at once**;
    otherwise a proposal waits one turn for an answer)"."""
    cls = ProposeHotline if kind == "hotline" else ProposeAlliance
    state = world(3)
    new, _ = resolve(state, {"n0": [cls("n0", "n1")], "n1": [cls("n1", "n0")]})
    if kind == "hotline":
        assert new.hotline[0, 1] and new.hotline[1, 0]
    else:
        assert new.allied_matrix()[0, 1]
    assert new.proposals == (), "nothing is left waiting"


@pytest.mark.parametrize("kind", ["hotline", "alliance"])
def test_a_proposal_waits_one_turn_for_an_answer(kind: str) -> None:
    """ "otherwise a proposal waits one turn for an answer": the recipient cannot answer
    in the turn it was made, can the next turn, and accepting carries it out."""
    cls = ProposeHotline if kind == "hotline" else ProposeAlliance
    state = world(3)
    state, report = resolve(state, {"n0": [cls("n0", "n1")]})
    assert not state.hotline[0, 1] and not state.allied_matrix()[0, 1]
    (waiting,) = state.proposals
    assert report.for_nation(1).proposals_received == (waiting.id,)
    assert _answers(state, 1) == [waiting.id], "the recipient may answer it next turn"
    assert _answers(state, 2) == [], "nobody else may"
    state, _ = resolve(state, {"n1": [Answer("n1", proposal=waiting.id, accept=True)]})
    assert state.hotline[0, 1] or state.allied_matrix()[0, 1]
    assert state.proposals == ()


def test_offering_back_the_next_turn_is_a_yes() -> None:
    """A proposal answered by the same offer the next turn is agreed ("mutual")."""
    state = world(3)
    state, _ = resolve(state, {"n0": [ProposeHotline("n0", "n1")]})
    state, _ = resolve(state, {"n1": [ProposeHotline("n1", "n0")]})
    assert state.hotline[0, 1]
    assert state.proposals == ()


def test_an_unanswered_proposal_expires_after_one_turn() -> None:
    """ "otherwise a proposal waits **one turn** for an answer **and then expires**"
    (issue 3 brief). Made on turn 1, answerable on turn 2; on turn 3 it is gone: no
    longer listed for an answer, and an answer to it is illegal."""
    state = world(3)
    state, _ = resolve(state, {"n0": [ProposeHotline("n0", "n1")]})  # turn 1
    (waiting,) = state.proposals
    state, _ = resolve(state, {})  # turn 2: left unanswered
    assert state.turn == 3
    assert waiting.id not in _answers(state, 1), (
        f"proposal #{waiting.id} made on turn {waiting.turn} can still be answered on "
        f"turn {state.turn}"
    )
    assert view_for(state, 1).proposals_to_me == ()
    with pytest.raises(IllegalOrder):
        resolve(state, {"n1": [Answer("n1", proposal=waiting.id, accept=True)]})


def test_declining_a_proposal_costs_a_little_trust_and_agrees_nothing() -> None:
    """A declined offer forms nothing; the proposer remembers the refusal."""
    state = world(3)
    state, _ = resolve(state, {"n0": [ProposeAlliance("n0", "n1")]})
    (waiting,) = state.proposals
    before = trust_matrix(state)[0, 1]
    state, _ = resolve(state, {"n1": [Answer("n1", proposal=waiting.id, accept=False)]})
    assert not state.allied_matrix()[0, 1]
    assert trust_matrix(state)[0, 1] < before
    assert state.proposals == ()


def test_a_tabled_norm_comes_into_force_at_its_quorum() -> None:
    """Norms in force: "catalog from the scenario, each with signatories and a quorum".
    Tabling signs it and asks everyone; it is in force once enough have endorsed."""
    state = world(4, norms=[dict(NORM, quorum=3)])
    state, _ = resolve(state, {"n0": [ProposeNorm("n0", subject="protect")]})
    assert state.norm_signed[0, 0] and not state.norm_in_force[0]
    call = state.proposals[0]
    assert _answers(state, 1) == [call.id] and _answers(state, 2) == [call.id]
    state, report = resolve(
        state,
        {
            "n1": [Answer("n1", proposal=call.id, accept=True)],
            "n2": [Answer("n2", proposal=call.id, accept=True)],
        },
    )
    assert state.norm_in_force[0]
    assert any(d.kind == "norm_in_force" for d in report.diplomacy)


def test_a_call_to_every_nation_is_reported_to_each_nation() -> None:
    """Tabling a norm "asks every nation to endorse it": each nation that may answer the
    call finds it among the proposals its turn report says it received (as a hotline
    offer is), not only in its order context."""
    state = world(3, norms=[dict(NORM, quorum=3)])
    state, report = resolve(state, {"n0": [ProposeNorm("n0", subject="protect")]})
    (call,) = state.proposals
    for nation in (1, 2):
        assert _answers(state, nation) == [call.id]
        assert call.id in report.for_nation(nation).proposals_received, (
            f"n{nation}'s report does not mention the call #{call.id} it can answer"
        )
    assert call.id not in report.for_nation(0).proposals_received


# --------------------------------------------------------------------------- talks


def _trust_after(orders) -> np.ndarray:
    state = world(3, relations={"tension": [{"between": ["n0", "n1"], "value": 40}]})
    new, _ = resolve(state, orders)
    return trust_matrix(new), new.tension


def test_talks_build_trust_more_if_mutual_and_lower_tension() -> None:
    """ "**talks build trust (more if mutual) and lower tension**"."""
    quiet_trust, quiet_tension = _trust_after({})
    one_trust, one_tension = _trust_after({"n0": [Talks("n0", "n1")]})
    both_trust, both_tension = _trust_after({"n0": [Talks("n0", "n1")], "n1": [Talks("n1", "n0")]})
    for a, b in ((0, 1), (1, 0)):
        assert one_trust[a, b] > quiet_trust[a, b], (a, b)
        assert both_trust[a, b] > one_trust[a, b], (a, b)
    assert one_tension[0, 1] < quiet_tension[0, 1]
    assert both_tension[0, 1] < one_tension[0, 1]
    # Talks between n0 and n1 are nobody else's business.
    assert one_trust[2, 0] == quiet_trust[2, 0] and one_trust[2, 1] == quiet_trust[2, 1]


def test_repeated_talks_do_not_build_trust_without_bound() -> None:
    """Talks build trust up to a cap between one pair: twenty turns of mutual talks do
    not make two nations trust each other blindly."""
    state = world(3)
    orders = {"n0": [Talks("n0", "n1")], "n1": [Talks("n1", "n0")]}
    state = play(state, orders, turns=20)
    assert trust_matrix(state)[0, 1] < 50 + 20


def test_every_view_shows_the_trust_talks_have_earned() -> None:
    """Talks are public, and so is the trust they earn: every nation's view shows it, row
    toward column, held within the cap and fading like any modifier (the AI reads it to
    see where talks still pay)."""
    from game.engine.rules import RULES

    kept = 1.0 - RULES.talks_decay  # a turn's fading, at the end of the turn
    state = world(3)
    new, _ = resolve(state, {"n0": [Talks("n0", "n1")]})
    for viewer in range(3):
        credit = view_for(new, viewer).talks_credit
        assert credit[1, 0] == pytest.approx(RULES.talks_trust * kept)  # the target toward n0
        assert credit[0, 1] == pytest.approx(RULES.talks_trust_back * kept)
        assert credit[2].sum() == 0 and credit[:, 2].sum() == 0
    often = play(state, {"n0": [Talks("n0", "n1")], "n1": [Talks("n1", "n0")]}, turns=10)
    assert view_for(often, 2).talks_credit[1, 0] == pytest.approx(RULES.talks_cap * kept)


# --------------------------------------------------------------------------- sanctions


def test_sanctions_hurt_both_sides_target_more() -> None:
    """ "**sanctions hurt both sides**" (the target more, issue 3: "hurts both economies,
    the target's more"). Compared with the same three turns without sanctions."""
    start = world(3)
    quiet = play(start, {}, turns=3)
    sanctioned = resolve(start, {"n0": [Sanction("n0", "n1")]})[0]
    sanctioned = play(sanctioned, {}, turns=2)
    sender_loss = quiet.stats[0, ECONOMY] - sanctioned.stats[0, ECONOMY]
    target_loss = quiet.stats[1, ECONOMY] - sanctioned.stats[1, ECONOMY]
    assert sender_loss > 0
    assert target_loss > sender_loss
    assert sanctioned.stats[2, ECONOMY] == pytest.approx(quiet.stats[2, ECONOMY])


def test_sanctions_last_a_few_turns_and_the_target_resents_them() -> None:
    """Sanctions run for a few turns, during which the target trusts the sender less;
    then they end on their own."""
    state = resolve(world(3), {"n0": [Sanction("n0", "n1")]})[0]
    assert trust_matrix(state)[1, 0] < 50
    with pytest.raises(IllegalOrder, match="still run"):
        resolve(state, {"n0": [Sanction("n0", "n1")]})
    state = play(state, {}, turns=5)
    assert state.sanctions[0, 1] == 0
    assert trust_matrix(state)[1, 0] == pytest.approx(50, abs=1.0)


# --------------------------------------------------------------------------- norms


def test_norms_in_force_raise_stability() -> None:
    """ "**norms in force raise stability**": the same world with a norm in force is more
    stable than with the norm signed by too few to be in force."""
    below = world(4, norms=[dict(NORM, quorum=3, signatories=["n0", "n1"])])
    above = world(4, norms=[dict(NORM, quorum=2, signatories=["n0", "n1"])])
    assert not below.norm_in_force[0] and above.norm_in_force[0]
    assert stability_terms(above).total > stability_terms(below).total
    assert stability_terms(above).terms["norms"] > stability_terms(below).terms["norms"]


def test_norms_in_force_make_violations_costly() -> None:
    """ "**norms in force ... make violations costly**": the same attributed sabotage by a
    signatory costs it more trust among third parties when the norm is in force."""
    costs = {}
    for quorum in (2, 4):  # in force / not in force
        state = world(
            5,
            stats={1: {"attribution": 95, "defense": 90}},
            norms=[dict(NORM, quorum=quorum, signatories=["n0", "n2", "n3"])],
        )
        start = trust_matrix(state)
        _, (ctx, _records) = first_seed(
            lambda seed, state=state: run_ops(state, op(0, 1, "sabotage"), seed=seed),
            lambda out: out[1][0].detected and out[1][0].blamed == 0,
        )
        after = ctx.trust()
        costs[quorum] = float((start[[2, 3], 0] - after[[2, 3], 0]).sum())
    assert costs[2] > 0
    assert costs[4] == pytest.approx(0.0)


# --------------------------------------------------------------------------- arms control


def test_arms_control_slows_the_arms_race() -> None:
    """ "**arms control slows the arms race (offense stockpiles)**": with the same orders
    for ten turns, parties to an agreement in force end with smaller stockpiles than the
    same nations without it."""
    stats = {i: {"offense": 75} for i in range(4)}
    without = world(4, stats=stats, arms=[CAP])
    party = world(4, stats=stats, arms=[dict(CAP, parties=["n0", "n1", "n2"])])
    assert party.arms_in_force[0] and not without.arms_in_force[0]
    without = play(without, {}, turns=10)
    party = play(party, {}, turns=10)
    for i in (0, 1, 2):
        assert party.stats[i, OFFENSE] < without.stats[i, OFFENSE] - 1
    assert party.stats[3, OFFENSE] == pytest.approx(without.stats[3, OFFENSE])


def test_arms_control_raises_stability() -> None:
    """ "**arms control ... raises stability**": an agreement in force adds to world
    stability, other things equal."""
    tabled = world(4, arms=[dict(CAP, min_parties=3, parties=["n0", "n1"])])
    in_force = world(4, arms=[dict(CAP, min_parties=2, parties=["n0", "n1"])])
    assert stability_terms(in_force).total > stability_terms(tabled).total


def test_arms_control_comes_into_force_by_ratification() -> None:
    """Arms-control agreements have "parties and an offense cap" and come into force
    when enough have ratified."""
    state = world(3, arms=[CAP])
    state, _ = resolve(state, {"n0": [ProposeArmsControl("n0", subject="cap")]})
    assert not state.arms_in_force[0]
    state, _ = resolve(state, {"n1": [RatifyArmsControl("n1", subject="cap")]})
    assert state.arms_in_force[0]


def _cheater_world():
    """n0, n1, n2 party to a cap of 45 in force; n2 sits just under the cap."""
    state = world(
        4,
        arms=[dict(CAP, parties=["n0", "n1", "n2"])],
        stats={2: {"offense": 44, "defense": 0, "attribution": 0}, 0: {"offense": 90}},
    )
    return state


def test_building_offense_past_a_cap_is_cheating() -> None:
    """A party that builds its offense past the cap of an agreement in force is cheating
    (hidden until found by espionage); building under the cap is not."""
    state = _cheater_world()
    honest = resolve(state, {"n1": [Invest("n1", offense=1.0)]})[0]
    assert not honest.arms_cheating.any()
    cheat = resolve(state, {"n2": [Invest("n2", offense=3.0)]})[0]
    assert cheat.stats[2, OFFENSE] > 45
    assert cheat.arms_cheating[0, 2] and not cheat.arms_exposed[0, 2]
    assert not view_for(cheat, 0).my_cheating.any(), "others cannot see it"
    assert view_for(cheat, 2).my_cheating[0], "the cheat knows"


def test_cheating_found_by_espionage_is_punished() -> None:
    """ "cheating found by espionage is punished hard": a party's successful espionage on
    a cheat exposes it; every party trusts it much less, tension rises, its credibility
    falls, and everyone hears of it."""
    state = resolve(_cheater_world(), {"n2": [Invest("n2", offense=3.0)]})[0]
    start = trust_matrix(state)
    _, (caught, report) = first_seed(
        lambda seed: resolve(state, {"n0": [Espionage("n0", "n2")]}, np.random.default_rng(seed)),
        lambda out: out[1].operations[0].success,
    )
    assert caught.arms_exposed[0, 2] and not caught.arms_cheating[0, 2]
    assert report.operations[0].exposed_cheating == ("cap",)
    after = trust_matrix(caught)
    for party in (0, 1):
        assert after[party, 2] < start[party, 2] - 10
    assert caught.tension[0, 2] > state.tension[0, 2]
    assert caught.credibility[2] < state.credibility[2]
    assert any(item.to is None and "cheating" in item.text for item in report.news)


def test_only_a_party_can_expose_cheating() -> None:
    """Verification is a right of the parties: a non-party's successful espionage does not
    expose the cheat."""
    state = resolve(_cheater_world(), {"n2": [Invest("n2", offense=3.0)]})[0]
    state.stats[3, OFFENSE] = 90
    _, (after, _) = first_seed(
        lambda seed: resolve(state, {"n3": [Espionage("n3", "n2")]}, np.random.default_rng(seed)),
        lambda out: out[1].operations[0].success,
    )
    assert after.arms_cheating[0, 2] and not after.arms_exposed[0, 2]


# --------------------------------------------------------------------------- cooperation


def test_intel_sharing_helps_the_partner_and_earns_trust() -> None:
    """ "intel sharing and capacity building help the partner and earn trust"."""
    state = world(3)
    new, _ = resolve(state, {"n0": [ShareIntel("n0", "n1")]})
    assert new.shared_intel[1] > 0
    assert trust_matrix(new)[1, 0] > trust_matrix(state)[1, 0]
    k_before = sum(r.success for r in run_ops(state, op(2, 1), seed=3, count=1500)[1])
    k_after = sum(r.success for r in run_ops(new, op(2, 1), seed=3, count=1500)[1])
    assert k_after < k_before, "the partner defends better"


def test_capacity_building_helps_the_partner_and_earns_trust() -> None:
    """ "intel sharing and **capacity building help the partner and earn trust**"."""
    state = world(3)
    new, _ = resolve(state, {"n0": [BuildCapacity("n0", "n1")]})
    quiet, _ = resolve(state, {})
    assert new.stats[1, DEFENSE] > quiet.stats[1, DEFENSE]
    assert new.stats[1, ATTRIBUTION] > quiet.stats[1, ATTRIBUTION]
    assert trust_matrix(new)[1, 0] > trust_matrix(quiet)[1, 0]


def test_alliances_share_defense_and_trust() -> None:
    """ "alliances share defense and make an attack on one felt by all": an ally with
    strong defense makes its partner harder to hit, and allies trust each other more."""
    strong = {2: {"defense": 90}}
    alone = world(3, stats=strong)
    allied = world(
        3,
        stats=strong,
        relations={"alliances": [{"id": "b", "name": "B", "members": ["n1", "n2"]}]},
    )
    k_alone = sum(r.success for r in run_ops(alone, op(0, 1), seed=2, count=1500)[1])
    k_allied = sum(r.success for r in run_ops(allied, op(0, 1), seed=2, count=1500)[1])
    assert k_allied < k_alone
    assert trust_matrix(allied)[1, 2] > trust_matrix(alone)[1, 2]


def test_an_offer_already_made_to_every_nation_is_not_made_again_to_one() -> None:
    """Rule: "an offer is not made twice" — when a nation tables a norm (an offer to every
    nation) and a scripted event has it offer the same norm to one nation in the same
    turn, that nation gets one offer to answer, not two."""
    from game.engine.game import Game
    from game.scenario.catalog import load

    game = Game.new(load("archipelago"), 1)  # turn 1's event: Coralia offers Tidewater the norm
    game.submit("coralia", [ProposeNorm("coralia", subject="protect-cables")])
    game.advance()
    offers = [p for p in game.state.proposals if p.kind == "norm" and p.subject == "protect-cables"]
    assert [(p.frm, p.to) for p in offers] == [(0, -1)]
    tidewater = game.state.world.index["tidewater"]
    waiting = [p for p in context_for(game.state, tidewater).proposals_to_me if p.kind == "norm"]
    assert [p.subject for p in waiting].count("protect-cables") == 1
