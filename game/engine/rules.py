"""Every number of the game rules, in one place.

``docs/rules.md`` explains each of them to players; the balance was tuned with batch
simulation (``cyberdip simulate``). Change a number here and the documentation test
will ask you to update the rules page too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.types import OpKind, Posture


@dataclass(frozen=True)
class Rules:
    """The tunable constants of the mechanics. Units: stat points (0-100) unless noted."""

    # --- budget and investment -------------------------------------------------------
    budget_base: float = 2.0  # budget points per turn, plus ...
    budget_per_economy: float = 0.08  # ... this much per point of economy
    #: points of capability bought per budget point, before diminishing returns
    invest_gain: float = 1.6
    #: capability growth is scaled by (1 - level / invest_ceiling)
    invest_ceiling: float = 115.0
    resilience_infrastructure: float = 1.5  # infrastructure repaired per resilience point
    resilience_cohesion: float = 0.5  # cohesion restored per resilience point
    unspent_to_economy: float = 0.25  # economy gained per unspent budget point
    economy_growth: float = 0.4  # per turn, scaled by cohesion and infrastructure
    offense_upkeep: float = 0.025  # share of offense lost per turn (stockpiles age)
    defense_upkeep: float = 0.012
    infrastructure_recovery: float = 0.6  # natural repair per turn
    cohesion_recovery: float = 0.5  # drift of cohesion back toward 60 per turn

    # --- postures ---------------------------------------------------------------------
    #: multiplier on the strength of a nation's operations, by posture
    posture_attack: dict[Posture, float] = field(
        default_factory=lambda: {
            Posture.DEFENSIVE: 0.85,
            Posture.BALANCED: 1.0,
            Posture.OFFENSIVE: 1.2,
        }
    )
    #: multiplier on a nation's defense against operations, by posture
    posture_defense: dict[Posture, float] = field(
        default_factory=lambda: {
            Posture.DEFENSIVE: 1.2,
            Posture.BALANCED: 1.0,
            Posture.OFFENSIVE: 0.9,
        }
    )
    #: standing trust everyone has toward a nation because of its posture
    posture_trust: dict[Posture, float] = field(
        default_factory=lambda: {
            Posture.DEFENSIVE: 3.0,
            Posture.BALANCED: 0.0,
            Posture.OFFENSIVE: -7.0,
        }
    )
    offensive_posture_tension: float = 1.0  # tension added per turn with offensive nations

    # --- action slots and costs ---------------------------------------------------------
    op_cost: dict[OpKind, float] = field(
        default_factory=lambda: {
            OpKind.ESPIONAGE: 1.0,
            OpKind.SABOTAGE: 3.0,
            OpKind.DISINFORMATION: 2.0,
        }
    )
    #: budget points a diplomatic action costs (envoys, experts, conferences)
    diplomacy_cost: dict[str, float] = field(
        default_factory=lambda: {
            "talks": 0.5,
            "propose_hotline": 0.5,
            "propose_alliance": 0.5,
            "propose_norm": 1.0,
            "propose_arms_control": 1.0,
            "share_intel": 0.5,
            "build_capacity": 3.0,
        }
    )

    # --- covert operations --------------------------------------------------------------
    #: success: logistic((attack - defense) / op_scale + op_base[kind])
    op_scale: float = 18.0
    op_base: dict[OpKind, float] = field(
        default_factory=lambda: {
            OpKind.ESPIONAGE: 0.6,
            OpKind.SABOTAGE: -0.4,
            OpKind.DISINFORMATION: 0.2,
        }
    )
    ally_defense_share: float = 0.25  # share of allies' mean defense added to one's own
    intel_attack_bonus: float = 8.0  # attack bonus against a target spied on recently
    intel_fresh_turns: int = 3  # how long espionage counts as "recent intel"
    shared_intel_defense: float = 6.0  # defense bonus while a partner shares intel
    shared_intel_turns: int = 3
    #: effects of a successful operation
    espionage_economy_gain: float = 1.8
    espionage_economy_loss: float = 0.8
    sabotage_infrastructure: float = 12.0
    sabotage_economy: float = 3.0
    disinformation_cohesion: float = 9.0
    #: damage is scaled by (floor + (1 - floor) * stat / 100): what is broken breaks less
    damage_floor: float = 0.3
    #: detection: logistic((victim watch - attack) / detect_scale + loudness[kind])
    detect_scale: float = 20.0
    loudness: dict[OpKind, float] = field(
        default_factory=lambda: {
            OpKind.ESPIONAGE: -0.6,
            OpKind.SABOTAGE: 1.6,
            OpKind.DISINFORMATION: 0.5,
        }
    )
    failed_op_loudness: float = 0.6
    #: attribution: logistic((attribution - 0.6 * attacker offense) / attrib_scale + base)
    attrib_scale: float = 15.0
    attrib_base: float = 0.3
    misattribute_share: float = 0.65  # when not correct: blamed on someone vs left unknown
    misattribution_distrust: float = 12.0  # trust scale of "blame whom we already distrust"
    hotline_correction: float = 0.75  # chance a hotline call clears a wrongly blamed nation
    #: partners (hotlines and allies) pool forensics: attribution bonus per partner, capped
    partner_attribution: float = 3.0
    partner_attribution_max: float = 15.0
    #: partners also warn each other of threats (CERT-to-CERT): defense per partner, capped
    partner_defense: float = 2.0
    partner_defense_max: float = 10.0
    unknown_actor_attribution_penalty: float = 0.5

    # --- consequences -------------------------------------------------------------------
    #: trust lost by the victim toward the nation it blames, by kind
    incident_trust: dict[OpKind, float] = field(
        default_factory=lambda: {
            OpKind.ESPIONAGE: -10.0,
            OpKind.SABOTAGE: -26.0,
            OpKind.DISINFORMATION: -16.0,
        }
    )
    incident_decay: float = 0.18  # per turn; a sabotage fades below one point in ~17 turns
    incident_tension: dict[OpKind, float] = field(
        default_factory=lambda: {
            OpKind.ESPIONAGE: 6.0,
            OpKind.SABOTAGE: 22.0,
            OpKind.DISINFORMATION: 12.0,
        }
    )
    hotline_tension_cap: float = 7.0  # a hotline caps the tension one incident adds
    hotline_tension_share: float = 0.5  # ... and passes on only this share of it
    ally_spillover: float = 0.45  # share of the victim's trust loss felt by its allies
    norm_violation_trust: float = -12.0  # every signatory toward a violator
    norm_violation_decay: float = 0.15
    norm_violation_cap: float = 40.0
    norm_violation_credibility: float = 0.05

    # --- diplomacy ----------------------------------------------------------------------
    talks_trust: float = 3.0  # target toward the proposer, unilateral talks
    talks_trust_back: float = 1.0  # proposer toward target
    mutual_talks_trust: float = 5.0  # both ways, when both chose talks with each other
    talks_decay: float = 0.1
    talks_cap: float = 12.0  # most trust talks between one pair can hold
    talks_tension: float = -6.0
    mutual_talks_tension: float = -12.0
    hotline_trust: float = 3.0  # standing, both ways
    ally_trust: float = 8.0  # standing, between members of an alliance
    norm_partner_trust: float = 1.0  # standing, per norm in force both signed (max 3)
    arms_partner_trust: float = 2.0  # standing, per agreement in force both ratified
    accept_trust: float = 2.0  # ledger, when a proposal is accepted
    accept_cap: float = 6.0
    accept_decay: float = 0.15
    decline_trust: float = -2.0  # ledger, proposer toward a nation that declined
    decline_decay: float = 0.2
    decline_cap: float = 8.0
    leave_alliance_trust: float = -15.0
    leave_alliance_decay: float = 0.14
    withdraw_treaty_trust: float = -6.0
    withdraw_treaty_decay: float = 0.12
    intel_sharing_trust: float = 4.0
    intel_sharing_cap: float = 10.0
    intel_sharing_decay: float = 0.12
    capacity_trust: float = 6.0
    capacity_cap: float = 12.0
    capacity_gain: float = 5.0  # defense and attribution the partner gains
    capacity_decay: float = 0.06
    sanction_turns: int = 3
    sanction_target_economy: float = 2.2  # per turn
    sanction_sender_economy: float = 0.8  # per turn
    sanction_stack_max: int = 2  # sanctions from more nations than this hurt no more
    sanction_trust: float = -10.0  # standing, target toward sender while it lasts
    sanction_tension: float = 8.0
    denounce_trust: float = -6.0  # everyone toward the accused, times the accuser's credibility
    denounce_accused_trust: float = -10.0  # the accused toward the accuser
    denounce_tension: float = 8.0
    denounce_decay: float = 0.15
    denounce_cap: float = 30.0
    denounce_accused_decay: float = 0.12
    denounce_window: int = 3  # turns back a denunciation may refer to
    false_accusation_exposure: float = 0.5  # chance a false accusation is shown to be false
    false_accusation_credibility: float = -0.2
    false_accusation_trust: float = -6.0  # everyone toward a false accuser
    false_accusation_decay: float = 0.12
    true_accusation_credibility: float = 0.05
    proposal_lifetime: int = 1  # turns a proposal waits for an answer
    arms_cheating_trust: float = -30.0  # every party toward a cheater once exposed
    arms_cheating_tension: float = 15.0
    arms_cheating_decay: float = 0.15
    arms_offense_drift: float = 0.04  # share of excess offense parties shed per turn

    # --- tension and escalation ----------------------------------------------------------
    tension_decay: float = 0.9  # tension keeps this share each turn ...
    distrust_tension: float = 3.0  # ... plus this much when mutual trust is low
    distrust_threshold: float = 30.0
    #: tension thresholds of friction, crisis and conflict
    level_thresholds: tuple[float, float, float] = (25.0, 50.0, 75.0)
    conflict_damage: float = 1.5  # infrastructure both lose per turn in conflict

    # --- trust ledger -------------------------------------------------------------------
    prune_below: float = 0.25  # modifiers smaller than this disappear

    # --- stability (world, 0-100) -------------------------------------------------------
    stability_weights: dict[str, float] = field(
        default_factory=lambda: {
            "trust": 0.25,
            "calm": 0.20,
            "norms": 0.10,
            "arms_control": 0.10,
            "restraint": 0.10,
            "infrastructure": 0.15,
            "quiet": 0.10,
        }
    )
    incident_memory: float = 0.6  # share of the recent-incident count kept each turn
    incidents_for_zero_quiet: float = 1.0  # recent incidents per nation that zero "quiet"

    # --- scores ---------------------------------------------------------------------------
    #: security = infrastructure, defense, offense (deterrence), calm (100 - mean tension)
    security_weights: tuple[float, float, float, float] = (0.4, 0.25, 0.15, 0.2)
    prosperity_weights: tuple[float, float] = (0.7, 0.3)  # economy, cohesion

    # --- fog of war -----------------------------------------------------------------------
    estimate_noise: float = (
        5.0  # σ of an estimate once intel stops being fresh (σ is 0 while fresh)
    )
    estimate_noise_per_turn: float = 2.0  # extra σ per turn since the last intel
    estimate_noise_max: float = 22.0
    ally_noise_factor: float = 0.6  # allies are easier to read
    trust_in_me_noise: float = 8.0

    # --- credibility ----------------------------------------------------------------------
    starting_credibility: float = 0.8
    cheating_credibility: float = -0.15

    # --- facilitator ----------------------------------------------------------------------
    facilitator_trust_decay: float = 0.1  # decay of a trust change a facilitator makes

    def hotline_damped(self, rise: float) -> float:
        """What a tension rise of ``rise`` from one incident (or denunciation) becomes
        between the two ends of a hotline."""
        return min(rise * self.hotline_tension_share, self.hotline_tension_cap)


RULES = Rules()

#: The revision of the rules that decide how a turn comes out. Saves record it. Bump it
#: with every change that can make a recorded game replay differently (a number above, a
#: formula, the order of random draws), so that a save made under older rules is
#: recognised as such instead of looking edited. Revisions:
#: 1 - the rules up to 2026-11-27 (saves without a revision);
#: 2 - a hotline halves an incident's tension rise (2026-11-27).
RULES_REVISION = 2


def rules_table(rules: Rules = RULES) -> str:
    """Every rule number as a markdown table (the appendix of docs/rules.md)."""
    from dataclasses import fields

    lines = ["| rule | value |", "|---|---|"]
    for f in fields(rules):
        value = getattr(rules, f.name)
        if isinstance(value, dict):
            shown = ", ".join(f"{getattr(k, 'label', k)} {v:g}" for k, v in value.items())
        elif isinstance(value, tuple):
            shown = ", ".join(f"{v:g}" for v in value)
        else:
            shown = f"{value:g}"
        lines.append(f"| `{f.name}` | {shown} |")
    return "\n".join(lines) + "\n"
