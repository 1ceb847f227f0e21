"""Rules of consequences: attributed operations, spillover, norms, hotlines, denunciation.

DESIGN §1 Consequences: "**an attributed hostile operation lowers the victim's trust in
the nation it blames, raises tension, and spills over: the victim's allies lose trust
too, and if the operation breaks a norm in force that the attacker signed, every
signatory does.** A public denunciation tells everyone; if it was wrong, the accuser's
credibility pays. **A hotline lets the accused and the accuser talk: it corrects
misattributions more often and caps how far a single incident escalates, so hotlines
reduce escalation spirals.**"
"""

from __future__ import annotations

import numpy as np
import pytest
from test_engine_kit import binomial_gap, first_seed, nation_ids, op, run_ops, world

from game.engine.orders import Denounce, Espionage, Sabotage
from game.engine.records import OperationRecord
from game.engine.resolve import resolve
from game.engine.rules import RULES
from game.engine.trust import trust_matrix
from game.engine.types import Level

SHARP = {"attribution": 95, "defense": 90}  # a victim that detects and attributes well

PROTECT = {
    "id": "protect",
    "name": "Protect critical infrastructure",
    "description": "No sabotage.",
    "forbids": ["sabotage"],
    "quorum": 2,
}


def _single(state, planned, predicate):
    """Resolve one operation, trying seeds until its record satisfies ``predicate``."""
    _, (ctx, records) = first_seed(
        lambda seed: run_ops(state, planned, seed=seed), lambda out: predicate(out[1][0])
    )
    return ctx, records[0]


def _attributed_to(blamed: int):
    return lambda r: r.detected and r.blamed == blamed


def _reasons(ctx, frm: int, to: int) -> list[str]:
    ledger = ctx.state.ledger
    return [
        ledger.reasons[ledger.reason[e]]
        for e in ledger.felt_by(frm, ctx.state.norm_signed)
        if ledger.to[e] == to
    ]


# --------------------------------------------------------------------------- victim


@pytest.mark.parametrize("kind", ["espionage", "sabotage", "disinformation"])
def test_attributed_operation_lowers_victims_trust_in_the_blamed_and_raises_tension(
    kind: str,
) -> None:
    """ "**an attributed hostile operation lowers the victim's trust in the nation it
    blames, raises tension**" — with a named reason the victim can read."""
    state = world(4, stats={1: SHARP})
    before = world(4, stats={1: SHARP})
    ctx, record = _single(state, op(0, 1, kind), _attributed_to(0))
    trust = ctx.trust()
    assert trust[1, 0] < before.trust_base[1, 0]
    assert ctx.state.tension[1, 0] > before.tension[1, 0]
    assert ctx.state.tension[0, 1] == ctx.state.tension[1, 0], "tension is symmetric"
    assert any(f"attacked us ({kind}" in reason for reason in _reasons(ctx, 1, 0))
    # Nobody else's trust in the attacker moved: no allies, no norms.
    for observer in (2, 3):
        assert trust[observer, 0] == pytest.approx(before.trust_base[observer, 0])
    assert record.correct


def test_a_misattributed_operation_costs_the_blamed_nation_not_the_attacker() -> None:
    """ "lowers the victim's trust in the nation **it blames**": when the victim blames an
    innocent, the innocent pays in trust and tension and the true attacker does not."""
    state = world(4, stats={1: {"attribution": 5, "defense": 90}})
    ctx, record = _single(state, op(0, 1, "sabotage"), lambda r: r.misattributed)
    innocent = record.blamed
    assert innocent in (2, 3)
    trust = ctx.trust()
    assert trust[1, innocent] < state.trust_base[1, innocent]
    assert trust[1, 0] == pytest.approx(state.trust_base[1, 0])
    assert ctx.state.tension[1, innocent] > 0
    assert ctx.state.tension[1, 0] == 0


def test_an_undetected_operation_costs_no_trust() -> None:
    """Only *attributed* operations have these consequences: one nobody detected changes
    no trust and no tension."""
    state = world(4, stats={1: {"attribution": 0, "defense": 0}, 0: {"offense": 100}})
    ctx, record = _single(state, op(0, 1, "espionage"), lambda r: not r.detected)
    assert record.blamed is None
    assert len(ctx.state.ledger) == 0
    assert not ctx.state.tension.any()


# --------------------------------------------------------------------------- spillover


def test_attributed_operation_spills_over_to_the_victims_allies() -> None:
    """ "spills over: **the victim's allies lose trust too**" — and only they."""
    alliance = {"alliances": [{"id": "bloc", "name": "Bloc", "members": ["n1", "n2"]}]}
    state = world(4, stats={1: SHARP}, relations=alliance)
    ctx, _ = _single(state, op(0, 1, "sabotage"), _attributed_to(0))
    trust = ctx.trust()
    before = world(4, relations=alliance)
    start = trust_matrix(before)
    assert trust[2, 0] < start[2, 0], "the ally loses trust in the attacker"
    assert any("attacked our ally" in reason for reason in _reasons(ctx, 2, 0))
    assert trust[3, 0] == pytest.approx(start[3, 0]), "a bystander does not"
    assert start[1, 0] - trust[1, 0] > start[2, 0] - trust[2, 0] > 0, (
        "the victim feels it more than its ally"
    )
    # The ally is told why: the victim's news of the attribution reaches it, not a bystander.
    told = [item.to for item in ctx.news if item.category == "incident" and "blames" in item.text]
    assert told and all(to is not None and 2 in to and 3 not in to for to in told)


def test_breaking_a_norm_in_force_that_the_blamed_signed_costs_trust_with_every_signatory() -> None:
    """ "**if the operation breaks a norm in force that the attacker signed, every
    signatory does**" (lose trust). n0 (the attacker), n2 and n3 signed; n4 did not."""
    norm = dict(PROTECT, signatories=["n0", "n2", "n3"])
    state = world(5, stats={1: SHARP}, norms=[norm])
    assert state.norm_in_force[0]
    start = trust_matrix(state)
    ctx, record = _single(state, op(0, 1, "sabotage"), _attributed_to(0))
    trust = ctx.trust()
    assert record.norms_broken == ("protect",) or "protect" in _norms_broken(ctx)
    for signatory in (2, 3):
        assert trust[signatory, 0] < start[signatory, 0]
        assert any("violated norm" in reason for reason in _reasons(ctx, signatory, 0))
    assert trust[4, 0] == pytest.approx(start[4, 0]), "a non-signatory does not care"
    assert ctx.state.credibility[0] < state.credibility[0], "the violator's word is worth less"


def _norms_broken(ctx) -> set[str]:
    return {norm for r in ctx.operations for norm in r.norms_broken}


@pytest.mark.parametrize("case", ["not in force", "blamed did not sign", "not forbidden"])
def test_no_norm_violation_without_a_norm_in_force_signed_by_the_blamed(case: str) -> None:
    """The norm spillover needs all three: the norm is **in force**, the blamed nation
    **signed** it, and it forbids this kind of operation."""
    signatories = ["n0", "n2", "n3"]
    kind = "sabotage"
    norm = dict(PROTECT)
    if case == "not in force":
        norm["quorum"] = 4
    elif case == "blamed did not sign":
        signatories = ["n2", "n3"]
    else:
        kind = "espionage"
    norm["signatories"] = signatories
    state = world(5, stats={1: SHARP}, norms=[norm])
    start = trust_matrix(state)
    ctx, record = _single(state, op(0, 1, kind), _attributed_to(0))
    assert record.norms_broken == ()
    for signatory in (2, 3):
        assert ctx.trust()[signatory, 0] == pytest.approx(start[signatory, 0])


def test_norm_violation_news_is_public() -> None:
    """Breaking a norm is made public ("makes violations costly"): everyone reads it."""
    state = world(4, stats={1: SHARP}, norms=[dict(PROTECT, signatories=["n0", "n2"])])
    ctx, _ = _single(state, op(0, 1, "sabotage"), _attributed_to(0))
    public = [item for item in ctx.news if item.to is None and "norm" in item.text]
    assert public


# --------------------------------------------------------------------------- hotlines


def _hotline_worlds(count: int = 3000) -> tuple[list[OperationRecord], list[OperationRecord]]:
    """Attacker n0, victim n1, the only possible scapegoat n2. Both worlds give the victim
    exactly one hotline (so the same partner bonuses); only its partner differs: the
    scapegoat (who can then clear itself) or the attacker."""
    stats = {1: {"attribution": 10, "defense": 80}}
    to_scapegoat = world(3, stats=stats, relations={"hotlines": [["n1", "n2"]]})
    to_attacker = world(3, stats=stats, relations={"hotlines": [["n1", "n0"]]})
    _, with_line = run_ops(to_scapegoat, op(0, 1, "sabotage"), seed=17, count=count)
    _, without = run_ops(to_attacker, op(0, 1, "sabotage"), seed=17, count=count)
    return with_line, without


def test_hotline_corrects_misattributions_more_often() -> None:
    """ "**A hotline lets the accused and the accuser talk: it corrects misattributions
    more often**": the innocent nation at the other end of a hotline is blamed far less
    often, and most of its wrong blames are cleared on the hotline."""
    with_line, without = _hotline_worlds()
    wrong_with = sum(r.misattributed for r in with_line)
    wrong_without = sum(r.misattributed for r in without)
    corrected = sum(r.corrected_by_hotline for r in with_line)
    assert wrong_without > 300
    assert binomial_gap(wrong_without, len(without), wrong_with, len(with_line)) > 8
    assert corrected > 0 and not any(r.corrected_by_hotline for r in without)
    # The same dice: every operation cleared on the hotline was one the victim would
    # otherwise have pinned on the innocent.
    for mine, theirs in zip(with_line, without, strict=True):
        if mine.corrected_by_hotline:
            assert theirs.misattributed
    assert corrected / (corrected + wrong_with) > 0.5, "corrects more often than not"


def test_a_hotline_call_tells_both_ends_who_was_cleared() -> None:
    """The victim and the nation it first blamed talked on the hotline: both hear that
    the innocent was cleared, by name, and whether the real attacker is known."""
    stats = {1: {"attribution": 10, "defense": 80}}
    state = world(3, stats=stats, relations={"hotlines": [["n1", "n2"]]})
    ctx, record = _single(state, op(0, 1, "sabotage"), lambda r: r.corrected_by_hotline)
    assert record.first_blamed == 2
    [call] = [d for d in ctx.diplomacy if d.kind == "hotline_clarification"]
    assert call.actors == (1, 2) and not call.public
    [item] = [x for x in ctx.news if "hotline call" in x.text]
    assert item.to == (1, 2)
    assert f"cleared {state.world.nation_name(2)} of the sabotage operation" in item.text
    if record.blamed == 0:
        assert item.text.endswith(f"; {state.world.nation_name(0)} was behind it.")
    else:
        assert item.text.endswith("; who was behind it is still unknown.")


def test_hotline_caps_how_far_a_single_incident_escalates() -> None:
    """ "**[a hotline] caps how far a single incident escalates**": a correctly attributed
    sabotage raises tension less between nations with a hotline, and never beyond a cap
    smaller than one step of the escalation ladder."""
    plain = world(3, stats={1: SHARP})
    linked = world(3, stats={1: SHARP}, relations={"hotlines": [["n0", "n1"]]})
    rises = {}
    for name, state in (("plain", plain), ("linked", linked)):
        ctx, _ = _single(
            state, op(0, 1, "sabotage"), lambda r: r.detected and r.blamed == 0 and r.success
        )
        rises[name] = ctx.state.tension[0, 1] - state.tension[0, 1]
    assert 0 < rises["linked"] < rises["plain"]
    assert rises["linked"] <= RULES.hotline_tension_cap
    thresholds = RULES.level_thresholds
    step = min(b - a for a, b in zip((0.0, *thresholds), thresholds, strict=False))
    assert RULES.hotline_tension_cap < step


def test_hotline_halves_what_a_small_incident_adds() -> None:
    """Below the cap, a hotline still damps an incident: the two sides explain themselves,
    and only a share of the usual tension rise is felt."""
    rises = {}
    for name, relations in (("plain", None), ("linked", {"hotlines": [["n0", "n1"]]})):
        state = world(3, stats={1: SHARP}, relations=relations)
        ctx, _ = _single(
            state, op(0, 1, "espionage"), lambda r: r.detected and r.blamed == 0 and r.success
        )
        rises[name] = ctx.state.tension[0, 1] - state.tension[0, 1]
    assert rises["plain"] < RULES.hotline_tension_cap  # the cap alone would not bind
    assert 0 < rises["linked"] < rises["plain"]
    assert rises["linked"] == pytest.approx(RULES.hotline_tension_share * rises["plain"])


def test_hotline_damps_the_tension_of_a_denunciation() -> None:
    """A public accusation between nations with a hotline is damped the same way: a
    share of the usual rise, at most the cap (measured against a quiet turn, so that
    the turn's own drift of tension cancels out)."""
    rises = {}
    for name, relations in (("plain", None), ("linked", {"hotlines": [["n0", "n1"]]})):
        state = world(3, relations=relations)
        quiet = resolve(state, {})[0].tension[0, 1]
        loud = resolve(state, {"n0": [Denounce("n0", "n1")]})[0].tension[0, 1]
        rises[name] = loud - quiet
    assert rises["plain"] > 0
    damped = RULES.hotline_damped(RULES.denounce_tension)
    assert rises["linked"] == pytest.approx(rises["plain"] * damped / RULES.denounce_tension)


def _spiral(hotlines: bool, seed: int, n: int = 8, turns: int = 8) -> tuple[int, float]:
    """Eight nations with weak forensics; n0 hits n1, n2 hits n3, ... on turn 1. From then
    on every nation sabotages the last nation it has come to blame (grudges persist): the
    escalation spiral of DESIGN §1. Returns (pair-turns at crisis or worse, final mean
    tension)."""
    ids = nation_ids(n)
    relations = None
    if hotlines:
        relations = {"hotlines": [[a, b] for k, a in enumerate(ids) for b in ids[k + 1 :]]}
    state = world(
        n,
        relations=relations,
        stats={
            i: {"attribution": 30, "defense": 50, "offense": 50, "economy": 70} for i in range(n)
        },
    )
    grudges: dict[int, list[int]] = {i: [i + 1] for i in range(0, n, 2)}
    upper = np.triu_indices(n, 1)
    crisis_turns = 0
    for turn in range(turns):
        orders = {
            ids[i]: [Sabotage(ids[i], ids[j]) for j in targets[-1:]]
            for i, targets in grudges.items()
        }
        state, report = resolve(state, orders, np.random.default_rng([seed, turn]))
        for r in report.operations:
            if r.detected and r.blamed is not None and r.blamed >= 0:
                mine = grudges.setdefault(r.target, [])
                if r.blamed not in mine:
                    mine.append(r.blamed)
        crisis_turns += int((state.level[upper] >= Level.CRISIS).sum())
    return crisis_turns, float(state.tension[upper].mean())


def test_hotlines_reduce_escalation_spirals() -> None:
    """ "**... so hotlines reduce escalation spirals.**" The same tit-for-tat spiral over
    20 seeds, with hotlines between every pair or none: clearly fewer pair-turns in crisis
    or conflict overall, and less tension at the end in (nearly) every seed."""
    without = np.array([_spiral(False, seed) for seed in range(20)])
    with_lines = np.array([_spiral(True, seed) for seed in range(20)])
    assert without[:, 0].sum() > 0, "the spiral never reached a crisis: test is vacuous"
    assert with_lines[:, 0].sum() < 0.75 * without[:, 0].sum(), (with_lines[:, 0], without[:, 0])
    calmer = int((with_lines[:, 1] < without[:, 1]).sum())
    assert calmer >= 18, f"final tension lower with hotlines in only {calmer} of 20 seeds"


# --------------------------------------------------------------------------- denunciation


def _unexposed(state, orders):
    """Resolve ``orders`` with the first seed whose false accusation is not exposed."""
    _, (new, report) = first_seed(
        lambda seed: resolve(state, orders, np.random.default_rng(seed)),
        lambda out: not any(d.kind == "false_accusation" for d in out[1].diplomacy),
    )
    return new, report


def test_a_public_denunciation_tells_everyone() -> None:
    """ "A public denunciation tells everyone": it is in everyone's news, and third parties
    trust the accused less (while the accusation stands)."""
    state = world(4)
    new, report = _unexposed(state, {"n0": [Denounce("n0", "n1")]})
    assert any(item.to is None and "accused" in item.text for item in report.news)
    before, after = trust_matrix(state), trust_matrix(new)
    for third in (2, 3):
        assert after[third, 1] < before[third, 1]
    assert after[1, 0] < before[1, 0], "the accused resents the accuser"


def test_a_wrong_public_denunciation_costs_the_accuser_credibility() -> None:
    """ "if it was wrong, the accuser's credibility pays." Thirty nations denounce one that
    did nothing, in one turn: no accuser gains credibility, a good share are exposed and
    lose it (and everyone's trust), and the average accuser ends less credible."""
    n = 31
    state = world(n)
    orders = {f"n{i}": [Denounce(f"n{i}", "n0")] for i in range(1, n)}
    new, report = resolve(state, orders, np.random.default_rng(3))
    change = new.credibility[1:] - state.credibility[1:]
    assert (change <= 1e-12).all(), "a false accusation never raises credibility"
    exposed = np.flatnonzero(change < 0) + 1
    assert 5 <= exposed.size <= 25, exposed.size
    assert change.mean() < 0
    trust = trust_matrix(new)
    honest = [i for i in range(1, n) if i not in set(exposed)]
    assert trust[0, exposed].mean() < trust[0, honest].mean()
    assert any(d.kind == "false_accusation" for d in report.diplomacy)


def test_a_true_denunciation_does_not_cost_credibility() -> None:
    """The other side of the rule: an accusation against the nation that really attacked
    (even undetected) never costs the accuser credibility."""
    for seed in range(30):
        state = world(3)
        orders = {"n1": [Espionage("n1", "n0")], "n0": [Denounce("n0", "n1")]}
        new, _ = resolve(state, orders, np.random.default_rng(seed))
        assert new.credibility[0] >= state.credibility[0]


def test_credibility_scales_the_harm_of_a_denunciation() -> None:
    """A denunciation hurts the accused "in proportion to the accuser's credibility":
    a discredited accuser harms less."""
    credible = world(4)
    discredited = world(4)
    discredited.credibility[0] = 0.1
    orders = {"n0": [Denounce("n0", "n1")]}
    harm = []
    for state in (credible, discredited):
        new, _ = _unexposed(state, orders)
        harm.append(trust_matrix(state)[2, 1] - trust_matrix(new)[2, 1])
    assert harm[0] > harm[1] > 0
