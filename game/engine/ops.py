"""Covert operations: success, effects, detection, attribution, hotlines, consequences.

All operations of a phase are resolved together, vectorised over operations. Every
operation consumes the same fixed row of random numbers whatever happens to it, so the
outcome of one never shifts the dice of another.

The causal contract (DESIGN.md §1):
- success rises with the attacker's offense and falls with the target's effective
  defense (own defense, a share of allies', shared intel, posture);
- detection rises with the victim's defense and attribution, falls with the attacker's
  offense, and depends on how loud the kind is (sabotage loud, espionage quiet);
- a detected operation is attributed correctly with a chance that rises with the
  victim's attribution capability; otherwise it stays unattributed or is pinned on an
  innocent nation, preferably one the victim already distrusts;
- a hotline between victim and the wrongly blamed nation lets them talk: it clears the
  innocent more often than not, and damps (halves, then caps) the tension one incident adds;
- an attributed operation lowers the victim's trust in whoever it blames, raises their
  tension, and spills over to the victim's allies and, when it breaks a norm in force
  that the blamed nation signed, to every signatory.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.context import TurnContext
from game.engine.numeric import clamp, rule_table
from game.engine.records import OperationRecord
from game.engine.rules import RULES
from game.engine.types import (
    ATTRIBUTION,
    COHESION,
    DEFENSE,
    ECONOMY,
    INFRASTRUCTURE,
    NOBODY,
    OFFENSE,
    STATS,
    OpKind,
)
from game.words import indefinite

_ROLLS = 7  # success, detect, attribute, misattribute-or-unknown, pick, hotline, hotline-who


@dataclass(frozen=True, slots=True)
class PlannedOp:
    """An operation about to be resolved."""

    attacker: int  # NOBODY for an unknown actor
    target: int
    kind: OpKind
    strength: float | None = None  # fixed attack strength (scripted unknown actors)
    forced: bool = False  # skip the success roll
    scripted: bool = False


_ESPIONAGE, _SABOTAGE, _DISINFORMATION = (
    int(OpKind.ESPIONAGE),
    int(OpKind.SABOTAGE),
    int(OpKind.DISINFORMATION),
)


def logistic(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def odds(
    attack: np.ndarray, defense: np.ndarray, attribution: np.ndarray, kind: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(p_success, p_detect, p_attribute_correctly) of operations, vectorised.

    ``attack`` is the attacker's strength (offense with posture and intel), ``defense``
    the target's effective defense, ``attribution`` the target's forensics. This is the
    resolution's own formula; the AI uses it on what it believes.
    """
    base = rule_table(RULES.op_base)[kind]
    p_success = logistic((attack - defense) / RULES.op_scale + base)
    watch = 0.5 * (defense + attribution)
    loud = rule_table(RULES.loudness)[kind]
    # Expected over success and failure (failures are louder).
    p_detect_ok = logistic((watch - attack) / RULES.detect_scale + loud)
    p_detect_fail = logistic(
        (watch - attack) / RULES.detect_scale + loud + RULES.failed_op_loudness
    )
    p_detect = p_success * p_detect_ok + (1 - p_success) * p_detect_fail
    p_correct = logistic((attribution - 0.6 * attack) / RULES.attrib_scale + RULES.attrib_base)
    return p_success, p_detect, p_correct


def attack_strength(
    offense: np.ndarray,
    posture: np.ndarray,
    fresh_intel: np.ndarray,
) -> np.ndarray:
    """An attacker's strength from its offense, posture and whether its intel is fresh."""
    factor = rule_table(RULES.posture_attack)
    return offense * factor[posture] + RULES.intel_attack_bonus * fresh_intel


def defense_strength(
    defense: np.ndarray,
    ally_mean_defense: np.ndarray,
    shared_intel: np.ndarray,
    posture: np.ndarray,
    partners: np.ndarray,
) -> np.ndarray:
    """A target's effective defense: its own, a share of its allies', early warning from
    partners (hotlines and allies), shared intel, and its posture."""
    factor = rule_table(RULES.posture_defense)
    total = defense + RULES.ally_defense_share * ally_mean_defense
    total = total + np.minimum(RULES.partner_defense * partners, RULES.partner_defense_max)
    total = total + RULES.shared_intel_defense * (shared_intel > 0)
    return total * factor[posture]


def partner_count(hotline: np.ndarray, allied: np.ndarray) -> np.ndarray:
    """(n,) how many nations each one has a hotline or an alliance with."""
    return (hotline | allied).sum(axis=1)


def network_attribution(hotline: np.ndarray, allied: np.ndarray) -> np.ndarray:
    """(n,) attribution bonus from partners who pool forensics (hotlines and allies)."""
    partners = partner_count(hotline, allied)
    return np.minimum(RULES.partner_attribution * partners, RULES.partner_attribution_max)


def effective_defense(ctx: TurnContext) -> np.ndarray:
    """(n,) defense each nation brings against an operation this turn."""
    s = ctx.state
    allied = s.allied_matrix()
    counts = allied.sum(axis=1)
    ally_mean = np.divide(
        allied @ s.stats[:, DEFENSE], counts, out=np.zeros(ctx.n), where=counts > 0
    )
    return defense_strength(
        s.stats[:, DEFENSE], ally_mean, s.shared_intel, s.posture, partner_count(s.hotline, allied)
    )


def resolve_operations(ctx: TurnContext, planned: list[PlannedOp]) -> list[OperationRecord]:
    """Resolve ``planned`` operations together; returns their records (also in ``ctx``)."""
    if not planned:
        return []
    s = ctx.state
    rng = ctx.rng["operations"]
    k = len(planned)
    rolls = rng.random((k, _ROLLS))
    attacker = np.array([p.attacker for p in planned], dtype=np.int64)
    target = np.array([p.target for p in planned], dtype=np.int64)
    kind = np.array([int(p.kind) for p in planned], dtype=np.int64)
    known = attacker >= 0
    safe_attacker = np.where(known, attacker, 0)

    fresh = (s.turn - s.intel_turn[safe_attacker, target]) < RULES.intel_fresh_turns
    attack = attack_strength(
        s.stats[safe_attacker, OFFENSE], s.posture[safe_attacker], fresh & known
    )
    fixed = np.array([np.nan if p.strength is None else p.strength for p in planned])
    attack = np.where(np.isnan(fixed), attack, fixed)

    defense = effective_defense(ctx)[target]
    forensics = s.stats[:, ATTRIBUTION] + network_attribution(s.hotline, s.allied_matrix())
    forensics = np.minimum(forensics, 100.0)[target]
    p_success, _, p_correct = odds(attack, defense, forensics, kind)
    forced = np.array([p.forced for p in planned])
    success = forced | (rolls[:, 0] < p_success)

    watch = 0.5 * (defense + forensics)
    loud = rule_table(RULES.loudness)[kind]
    loud = loud + RULES.failed_op_loudness * ~success
    detected = rolls[:, 1] < logistic((watch - attack) / RULES.detect_scale + loud)

    p_correct = np.where(
        known,
        p_correct,
        p_correct * RULES.unknown_actor_attribution_penalty
        + (1 - RULES.unknown_actor_attribution_penalty) * 0.5,
    )
    correct = detected & (rolls[:, 2] < p_correct)
    misattributed = detected & ~correct & (rolls[:, 3] < RULES.misattribute_share)
    blamed = np.where(correct, attacker, NOBODY)
    if misattributed.any():
        blamed = np.where(misattributed, _scapegoats(ctx, target, attacker, rolls[:, 4]), blamed)
    # A nation with nobody else to blame cannot misattribute.
    misattributed &= blamed >= 0
    corrected = np.zeros(k, dtype=bool)
    first_blamed = blamed.copy()
    wrong = misattributed & (blamed != attacker)
    if wrong.any():
        line = s.hotline[target, np.maximum(blamed, 0)] & wrong
        corrected = line & (rolls[:, 5] < RULES.hotline_correction)
        found = known & (rolls[:, 6] < forensics / 100.0)
        blamed = np.where(corrected, np.where(found, attacker, NOBODY), blamed)
    blamed_out = np.where(detected, blamed, -2)  # -2: undetected (None in the record)
    is_correct = detected & (blamed == attacker)

    damage = _apply_effects(ctx, attacker, target, kind, attack, success)
    records: list[OperationRecord] = []
    for x in range(k):
        record = OperationRecord(
            id=s.next_incident,
            turn=s.turn,
            kind=OpKind(int(kind[x])).label,
            attacker=int(attacker[x]),
            target=int(target[x]),
            success=bool(success[x]),
            detected=bool(detected[x]),
            blamed=None if blamed_out[x] == -2 else int(blamed_out[x]),
            correct=bool(is_correct[x]),
            corrected_by_hotline=bool(corrected[x]),
            scripted=planned[x].scripted,
            damage=damage[x],
            first_blamed=int(first_blamed[x]) if corrected[x] else None,
        )
        s.next_incident += 1
        records.append(record)
    records = _consequences(ctx, records)
    _expose_cheating(ctx, records)
    ctx.operations.extend(records)
    noticed = detected | (success & (kind != _ESPIONAGE))
    np.add.at(s.recent_incidents, target[noticed], 1.0)
    ctx.relations_changed()
    return records


def _scapegoats(
    ctx: TurnContext, target: np.ndarray, attacker: np.ndarray, roll: np.ndarray
) -> np.ndarray:
    """For each operation, a nation the victim might wrongly blame (NOBODY if none).

    Weighted toward nations the victim already distrusts: weight = exp(-(trust - 50) / s).
    """
    n = ctx.n
    trust = ctx.trust()[target]  # (k, n)
    weights = np.exp(-(trust - 50.0) / RULES.misattribution_distrust)
    rows = np.arange(target.size)
    weights[rows, target] = 0.0
    valid_attacker = attacker >= 0
    weights[rows[valid_attacker], attacker[valid_attacker]] = 0.0
    totals = weights.sum(axis=1)
    cumulative = np.cumsum(weights, axis=1)
    pick = (cumulative < (roll * totals)[:, None]).sum(axis=1)
    pick = np.minimum(pick, n - 1)
    return np.where(totals > 0, pick, NOBODY)


def _apply_effects(
    ctx: TurnContext,
    attacker: np.ndarray,
    target: np.ndarray,
    kind: np.ndarray,
    attack: np.ndarray,
    success: np.ndarray,
) -> list[dict[str, float]]:
    """Stat effects of successful operations; returns each operation's damage to its target."""
    s = ctx.state
    strength = 0.6 + 0.4 * clamp(attack, 0, 100) / 100.0
    # What is already broken breaks less: damage shrinks with what is left of the stat.
    left = RULES.damage_floor + (1 - RULES.damage_floor) * s.stats[target] / 100.0
    # (plain ints: comparing an array with an IntEnum member is many times slower)
    spy = success & (kind == _ESPIONAGE)
    sab = success & (kind == _SABOTAGE)
    dis = success & (kind == _DISINFORMATION)
    hits = np.zeros((kind.size, s.stats.shape[1]))
    hits[spy, ECONOMY] = -RULES.espionage_economy_loss
    hits[sab, INFRASTRUCTURE] = (
        -RULES.sabotage_infrastructure * strength[sab] * left[sab, INFRASTRUCTURE]
    )
    hits[sab, ECONOMY] = -RULES.sabotage_economy * strength[sab] * left[sab, ECONOMY]
    hits[dis, COHESION] = -RULES.disinformation_cohesion * strength[dis] * left[dis, COHESION]
    delta = np.zeros_like(s.stats)
    np.add.at(delta, target, hits)
    own_gain = spy & (attacker >= 0)
    np.add.at(delta[:, ECONOMY], attacker[own_gain], RULES.espionage_economy_gain)
    s.stats += delta
    np.clip(s.stats, 0.0, 100.0, out=s.stats)
    spies = np.flatnonzero(own_gain)
    s.intel_turn[attacker[spies], target[spies]] = s.turn
    return [{STATS[k]: round(v, 3) for k, v in enumerate(row) if v != 0.0} for row in hits.tolist()]


def _consequences(ctx: TurnContext, records: list[OperationRecord]) -> list[OperationRecord]:
    """Trust, tension, alliance spillover and norm violations of attributed operations."""
    s = ctx.state
    world = s.world
    allied = s.allied_matrix()
    out: list[OperationRecord] = []
    for r in records:
        if not r.detected or r.blamed is None or r.blamed < 0:
            if r.detected:
                ctx.say(
                    f"{ctx.name(r.target)} detected {indefinite(r.kind)} operation but could not "
                    "tell who was behind it.",
                    "incident",
                    (r.target,),
                )
            out.append(r)
            continue
        op = OpKind.parse(r.kind)
        victim, blamed = r.target, r.blamed
        scale = 1.0 if r.success else 0.5
        hit = RULES.incident_trust[op] * scale
        ctx.add_trust(
            victim,
            blamed,
            hit,
            f"attacked us ({r.kind}, turn {r.turn})",
            decay=RULES.incident_decay,
        )
        tension = RULES.incident_tension[op] * scale
        if s.hotline[victim, blamed]:
            tension = RULES.hotline_damped(tension)
        ctx.add_tension(victim, blamed, tension)
        friends = np.flatnonzero(allied[victim])
        friends = friends[friends != blamed]
        if friends.size:
            ctx.add_trust(
                friends,
                blamed,
                hit * RULES.ally_spillover,
                f"attacked our ally {ctx.name(victim)} (turn {r.turn})",
                decay=RULES.incident_decay,
            )
        broken = []
        for k in np.flatnonzero(
            s.norm_in_force & world.norm_forbids[:, op] & s.norm_signed[:, blamed]
        ):
            ctx.add_trust(
                blamed,
                blamed,
                RULES.norm_violation_trust,
                f"violated norm: {world.norm_name(int(k))}",
                decay=RULES.norm_violation_decay,
                cap=RULES.norm_violation_cap,
                public=True,
                audience=int(k),
            )
            s.credibility[blamed] = max(
                0.0, s.credibility[blamed] - RULES.norm_violation_credibility
            )
            broken.append(world.norm_ids[int(k)])
            ctx.say(
                f"{ctx.name(victim)} says {ctx.name(blamed)} broke the norm "
                f"'{world.norm_name(int(k))}'.",
                "treaty",
            )
        text = (
            f"{ctx.name(victim)} blames {ctx.name(blamed)} for {indefinite(r.kind)} operation"
            + (" (cleared up on the hotline)" if r.corrected_by_hotline else "")
            + "."
        )
        # Allies hear it from the victim: they feel the spillover, so they know why.
        told = (victim, blamed, *(int(f) for f in friends))
        ctx.say(text, "incident", told if not broken else None)
        out.append(_with(r, norms_broken=tuple(broken)) if broken else r)
    for r in out:
        if r.corrected_by_hotline and r.first_blamed is not None:
            # The call clears the nation first blamed; it names the attacker only when
            # forensics found it (the incident's own line says the rest).
            victim_name, cleared = ctx.name(r.target), ctx.name(r.first_blamed)
            found = (
                f"; {ctx.name(r.blamed)} was behind it"
                if r.blamed is not None and r.blamed >= 0
                else "; who was behind it is still unknown"
            )
            ctx.record(
                "hotline_clarification",
                (r.target, r.first_blamed),
                None,
                f"A hotline call cleared {cleared} of the {r.kind} operation against "
                f"{victim_name}{found}.",
                public=False,
            )
    return out


def _with(record: OperationRecord, **changes: object) -> OperationRecord:
    from dataclasses import replace

    return replace(record, **changes)  # type: ignore[arg-type]


def _expose_cheating(ctx: TurnContext, records: list[OperationRecord]) -> None:
    """A successful spy who is party to an agreement exposes a fellow party cheating on it."""
    s = ctx.state
    world = s.world
    if not s.arms_party.shape[0]:
        return
    for index, r in enumerate(records):
        if r.kind != "espionage" or not r.success or r.attacker < 0:
            continue
        caught = np.flatnonzero(
            s.arms_cheating[:, r.target] & s.arms_party[:, r.attacker] & s.arms_in_force
        )
        if not caught.size:
            continue
        names = []
        for k in caught:
            s.arms_cheating[k, r.target] = False
            s.arms_exposed[k, r.target] = True
            parties = np.flatnonzero(s.arms_party[k])
            name = world.agreement_name(int(k))
            ctx.add_trust(
                parties,
                r.target,
                RULES.arms_cheating_trust,
                f"cheated on {name} (turn {s.turn})",
                decay=RULES.arms_cheating_decay,
                public=True,
            )
            for p in parties:
                if p != r.target:
                    ctx.add_tension(int(p), r.target, RULES.arms_cheating_tension / 2)
            ctx.add_tension(r.attacker, r.target, RULES.arms_cheating_tension / 2)
            s.credibility[r.target] = max(0.0, s.credibility[r.target] + RULES.cheating_credibility)
            names.append(world.agreement_ids[int(k)])
            ctx.record(
                "cheating_exposed",
                (r.attacker, r.target),
                world.agreement_ids[int(k)],
                f"{ctx.name(r.attacker)} exposed {ctx.name(r.target)} cheating on {name}.",
                news="treaty",
            )
        records[index] = _with(r, exposed_cheating=tuple(names))
