"""The Cyberpedia: the in-game encyclopedia of cyber-diplomacy concepts.

Plain data and a few lookups, with no pygame and no engine state, so the UI, the report
and the tests can all read it. Every :class:`Entry` has

- ``summary``: one sentence (at most 140 characters) for tooltips;
- ``body``: two to four short paragraphs (separated by a blank line) about the real-world
  concept, written for a student or a teacher who never played;
- ``in_game``: one or two paragraphs on how the concept works in this game. Its numbers
  are formatted in from :data:`game.engine.rules.RULES` each time the entries are built,
  so the text stays true when the rules are tuned;
- ``see_also``: ids of related entries;
- ``terms``: lower-case words and phrases of UI text that should link to the entry.

Lookups: :func:`entries` (reading order), :func:`entry` (by id), :func:`find_term` (which
entry explains a word in a piece of UI text), :func:`find_terms` (every linkable term in a
text, for tooltips) and :func:`search` (a simple ranked search).

Historical facts follow the project's ``FACTS.md``: attributions are stated as made
publicly by governments, and nothing beyond it is added as a dated fact.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from game.engine import rules as _rules_module
from game.engine.rules import Rules
from game.engine.types import OpKind, Posture

__all__ = ["Entry", "entries", "entry", "find_term", "find_terms", "ids", "search"]


@dataclass(frozen=True, slots=True)
class Entry:
    """One Cyberpedia article."""

    id: str
    title: str
    summary: str  # one sentence, <= 140 characters (tooltips)
    body: str  # 2-4 paragraphs separated by blank lines: the real-world concept
    in_game: str  # 1-2 paragraphs: how it works in this game, numbers from RULES
    see_also: tuple[str, ...]
    terms: tuple[str, ...]  # lower-case words and phrases that link here

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The body's paragraphs."""
        return tuple(self.body.split("\n\n"))

    @property
    def in_game_paragraphs(self) -> tuple[str, ...]:
        """The in-game explanation's paragraphs."""
        return tuple(self.in_game.split("\n\n"))


# --------------------------------------------------------------------------- number helpers


def _n(x: float) -> str:
    """A rule number as a player reads it: 7, 0.45, 1.2 (at most two decimals)."""
    x = float(x)
    if abs(x - round(x)) < 1e-9:
        return str(round(x))
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _a(x: float) -> str:
    """The size of a rule number, without its sign (a loss of 26 points)."""
    return _n(abs(x))


def _s(x: float) -> str:
    """A signed rule number: +3, -7, 0."""
    if abs(x) < 1e-9:
        return "0"
    return ("+" if x > 0 else "-") + _a(x)


def _pct(share: float) -> str:
    """A share as a percentage: 0.45 -> 45%."""
    return _n(round(100.0 * share, 2)) + "%"


def _chance(p: float) -> str:
    """A probability as a rounded percentage."""
    return f"{round(100.0 * p):d}%"


def _logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _fade_turns(value: float, decay: float) -> int:
    """Turns until a ledger modifier drops below one point (as the trust panel counts)."""
    if abs(value) < 1 or decay <= 0:
        return 0
    return math.ceil(math.log(1 / abs(value)) / math.log(1 - decay))


def _cost(r: Rules, kind: str) -> str:
    """What a diplomatic order of this kind costs, as a phrase: 'costs 0.5 budget points'."""
    points = r.diplomacy_cost.get(kind, 0.0)
    if points <= 0:
        return "costs no budget"
    return f"costs {_n(points)} budget point{'' if points == 1 else 's'}"


def _turns(count: float) -> str:
    """'1 turn', '3 turns'."""
    return f"{_n(count)} turn{'' if count == 1 else 's'}"


def _paras(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


_ESP, _SAB, _DIS = OpKind.ESPIONAGE, OpKind.SABOTAGE, OpKind.DISINFORMATION
_OFF, _BAL, _DEF = Posture.OFFENSIVE, Posture.BALANCED, Posture.DEFENSIVE

#: Names of the stability terms as the interface shows them.
_STABILITY_NAMES: dict[str, str] = {
    "trust": "mean trust between nations",
    "calm": "pairs of nations at calm",
    "norms": "norms in force",
    "arms_control": "arms-control agreements in force",
    "restraint": "restraint in offense stockpiles",
    "infrastructure": "critical infrastructure intact",
    "quiet": "few recent incidents",
}


# --------------------------------------------------------------------------- the texts


@dataclass(frozen=True, slots=True)
class _Text:
    """An entry before its in-game text is formatted from the rules."""

    id: str
    title: str
    summary: str
    body: str
    in_game: Callable[[Rules], str]
    see_also: tuple[str, ...]
    terms: tuple[str, ...]


def _cyber_diplomacy(r: Rules) -> str:
    return _paras(
        "Every diplomatic order in the game is a cyber-diplomacy tool: talks, hotlines, "
        "alliances, norms, arms control, intelligence sharing, capacity building, public "
        "denunciation and sanctions. Most cost a little budget (talks "
        f"{_n(r.diplomacy_cost.get('talks', 0.0))}, tabling a norm "
        f"{_n(r.diplomacy_cost.get('propose_norm', 0.0))}, capacity building "
        f"{_n(r.diplomacy_cost.get('build_capacity', 0.0))} points). Diplomacy is resolved "
        "before the turn's covert "
        "operations, so a hotline agreed this turn already damps the tension of this turn's "
        f"incidents (to {_pct(r.hotline_tension_share)}, at most {_n(r.hotline_tension_cap)} "
        "points).",
        "Staying out of diplomacy does not make a nation safer. Every ally or hotline "
        f"partner adds {_s(r.partner_defense)} defense (up to {_s(r.partner_defense_max)}) "
        f"and {_s(r.partner_attribution)} attribution (up to "
        f"{_s(r.partner_attribution_max)}); allies also lend "
        f"{_pct(r.ally_defense_share)} of their average defense; a partner sharing "
        f"intelligence adds {_s(r.shared_intel_defense)} defense; and without a hotline a "
        f"single sabotage blamed on a nation can add {_n(r.incident_tension[_SAB])} "
        f"tension instead of {_n(r.hotline_damped(r.incident_tension[_SAB]))}. A loner "
        "also forgoes the trust that "
        f"talks ({_s(r.talks_trust)} to {_s(r.mutual_talks_trust)}) and cooperation earn — "
        "and that trust is exactly what the influence score measures.",
    )


def _digital_diplomacy(r: Rules) -> str:
    return (
        "This game is about cyber diplomacy, not digital diplomacy: no order says 'post on "
        "social media'. The closest thing is a public denunciation, a message every nation "
        f"hears. It lowers everyone's trust in the accused by {_a(r.denounce_trust)} points "
        "times your credibility, and if it is exposed as false your credibility drops by "
        f"{_a(r.false_accusation_credibility)} (on a 0–1 scale)."
    )


def _cyberspace(r: Rules) -> str:
    example = r.budget_base + r.budget_per_economy * 60
    return _paras(
        "Each nation has six stats from 0 to 100: economy, infrastructure (the integrity of "
        "its critical infrastructure), offense (cyber weapons), defense (network "
        "protection), attribution (forensics) and cohesion (public trust at home). Its "
        f"budget each turn is {_n(r.budget_base)} points plus {_n(r.budget_per_economy)} per "
        f"point of economy, so economy 60 gives {_n(round(example, 2))} points to spend.",
        f"Investing buys {_n(r.invest_gain)} points of offense, defense or attribution per "
        "budget point, less as the stat rises (growth is scaled by 1 − level / "
        f"{_n(r.invest_ceiling)}). Resilience repairs {_n(r.resilience_infrastructure)} "
        f"infrastructure and {_n(r.resilience_cohesion)} cohesion per point, and every "
        f"unspent point adds {_n(r.unspent_to_economy)} to the economy. Capabilities wear "
        f"out: offense loses {_pct(r.offense_upkeep)} a turn and defense "
        f"{_pct(r.defense_upkeep)}.",
    )


def _postures(r: Rules) -> str:
    trust = r.posture_trust
    return _paras(
        "Every turn each nation chooses an offensive, balanced or defensive posture. The "
        "choice is public and takes effect before the turn's operations. Offensive "
        f"multiplies the strength of your operations by ×{_n(r.posture_attack[_OFF])} and "
        f"your defense by ×{_n(r.posture_defense[_OFF])}; balanced by "
        f"×{_n(r.posture_attack[_BAL])} and ×{_n(r.posture_defense[_BAL])}; defensive by "
        f"×{_n(r.posture_attack[_DEF])} and ×{_n(r.posture_defense[_DEF])}.",
        "Others react to your posture with a standing trust term that lasts as long as you "
        f"keep it: {_s(trust[_DEF])} toward a defensive nation, {_s(trust[_BAL])} toward a "
        f"balanced one and {_s(trust[_OFF])} toward an offensive one. An offensive posture "
        f"also adds {_n(r.offensive_posture_tension)} tension per turn with every other "
        "nation, slowly pushing pairs up the escalation ladder.",
    )


def _covert_operations(r: Rules) -> str:
    base = r.op_base
    return _paras(
        f"Operations cost budget: espionage {_n(r.op_cost[_ESP])}, sabotage "
        f"{_n(r.op_cost[_SAB])} and disinformation {_n(r.op_cost[_DIS])} points. All "
        "operations of a turn are resolved together, after diplomacy. Success follows a "
        f"logistic curve of (attack − defense) / {_n(r.op_scale)} plus a base for the kind: "
        "when attack equals defense, espionage succeeds about "
        f"{_chance(_logistic(base[_ESP]))} of the time, disinformation "
        f"{_chance(_logistic(base[_DIS]))} and sabotage {_chance(_logistic(base[_SAB]))}.",
        "Attack is the attacker's offense times its posture factor, plus "
        f"{_n(r.intel_attack_bonus)} if it spied on the target in the last "
        f"{_n(r.intel_fresh_turns)} turns. Defense is the target's own defense plus "
        f"{_pct(r.ally_defense_share)} of its allies' average defense, plus "
        f"{_n(r.partner_defense)} for each nation it has a hotline or alliance with (up to "
        f"{_n(r.partner_defense_max)}), plus {_n(r.shared_intel_defense)} while a partner "
        "shares intelligence with it, all times its posture factor. Stronger attacks do "
        "more damage. Whether the victim notices, and whom it blames, is decided next: see "
        "Detection and Attribution.",
    )


def _espionage(r: Rules) -> str:
    return _paras(
        f"A successful spy gains {_n(r.espionage_economy_gain)} economy and the target loses "
        f"{_n(r.espionage_economy_loss)}. More importantly, the spy's estimates of the "
        "target's stats become exact while the intel is fresh (less than "
        f"{_n(r.intel_fresh_turns)} turns old), and its operations against that target get "
        f"{_s(r.intel_attack_bonus)} attack. A spy that is party to an arms-control agreement "
        "in force also exposes its target if the target is a fellow party cheating on it.",
        f"Espionage is the quietest operation (loudness {_s(r.loudness[_ESP])}), so it is "
        "the hardest to detect. If it is detected and blamed on someone, the victim's trust "
        f"in them drops by {_a(r.incident_trust[_ESP])} points and their tension rises by "
        f"{_n(r.incident_tension[_ESP])} (less if the operation failed).",
    )


def _sabotage(r: Rules) -> str:
    hit = r.incident_trust[_SAB]
    return _paras(
        f"Sabotage costs {_n(r.op_cost[_SAB])} budget points and is the hardest operation to "
        f"pull off (base {_s(r.op_base[_SAB])}). When it succeeds the target loses up to "
        f"{_n(r.sabotage_infrastructure)} infrastructure and {_n(r.sabotage_economy)} "
        "economy, scaled by the attacker's strength. It is also the loudest operation "
        f"(loudness {_s(r.loudness[_SAB])}): when the attack is as strong as the victim's "
        f"watch, it is detected about {_chance(_logistic(r.loudness[_SAB]))} of the time.",
        f"Blame for a sabotage is heavy. The victim's trust in whoever it blames falls by "
        f"{_a(hit)} points, fading by {_pct(r.incident_decay)} a turn (about "
        f"{_fade_turns(hit, r.incident_decay)} turns to fade away); tension rises by "
        f"{_n(r.incident_tension[_SAB])} (only {_n(r.hotline_damped(r.incident_tension[_SAB]))} "
        "with a hotline); "
        f"and the victim's allies feel {_pct(r.ally_spillover)} of the trust loss. If a norm "
        "in force forbids sabotage and the blamed nation signed it, every signatory loses "
        f"{_a(r.norm_violation_trust)} trust in it as well.",
    )


def _disinformation(r: Rules) -> str:
    return _paras(
        f"Disinformation costs {_n(r.op_cost[_DIS])} budget points (base "
        f"{_s(r.op_base[_DIS])}), and a success lowers the target's cohesion by up to "
        f"{_n(r.disinformation_cohesion)} points. Cohesion recovers by only "
        f"{_n(r.cohesion_recovery)} a turn, and it matters: the economy grows more slowly "
        f"when cohesion is low, and cohesion is {_pct(r.prosperity_weights[1])} of the "
        "prosperity score.",
        f"It is moderately loud (loudness {_s(r.loudness[_DIS])}). If it is detected and "
        f"blamed, the victim's trust falls by {_a(r.incident_trust[_DIS])} and tension rises "
        f"by {_n(r.incident_tension[_DIS])}. A scenario's norms may forbid it — for example "
        "a norm against election interference.",
    )


def _critical_infrastructure(r: Rules) -> str:
    return _paras(
        "Infrastructure is one of the six stats. A successful sabotage knocks off up to "
        f"{_n(r.sabotage_infrastructure)} points, every pair in open conflict costs both "
        f"sides {_n(r.conflict_damage)} a turn, and it repairs itself by only "
        f"{_n(r.infrastructure_recovery)} a turn. Investing in resilience repairs "
        f"{_n(r.resilience_infrastructure)} points per budget point.",
        f"Infrastructure is {_pct(r.security_weights[0])} of a nation's security score, the "
        "economy grows more slowly when it is damaged, and the world's average "
        f"infrastructure is {_pct(_stability_share(r, 'infrastructure'))} of stability.",
    )


def _non_state_actors(r: Rules) -> str:
    return _paras(
        "The nations in the game are states, but a scenario can stage an operation by an "
        "unknown actor — criminals or a proxy — as a scripted event. It is resolved like "
        "any other operation, with a strength the scenario sets instead of a nation's "
        "offense, and the victim still tries to detect and attribute it.",
        "That is where the danger lies. Against an unknown actor, the victim's chance of "
        "the right conclusion ('we cannot tell who') is pulled "
        f"{_pct(1 - r.unknown_actor_attribution_penalty)} of the way toward a coin toss, "
        f"and a wrong conclusion pins the attack on a nation {_pct(r.misattribute_share)} of "
        "the time — most likely one the victim already distrusts. A hotline with the wrongly "
        f"blamed nation clears it {_pct(r.hotline_correction)} of the time.",
    )


def _detection(r: Rules) -> str:
    loud = r.loudness
    return _paras(
        "Each victim rolls to detect every operation against it: a logistic curve of "
        f"(watch − attack) / {_n(r.detect_scale)} plus the kind's loudness, where watch is "
        "the average of the victim's effective defense and its forensics (attribution plus "
        f"{_n(r.partner_attribution)} per hotline or alliance partner, up to "
        f"{_n(r.partner_attribution_max)}). Loudness is "
        f"{_s(loud[_ESP])} for espionage, {_s(loud[_DIS])} for disinformation and "
        f"{_s(loud[_SAB])} for sabotage, and a failed operation is "
        f"{_s(r.failed_op_loudness)} louder.",
        "When attack and watch are equal, a successful espionage is noticed about "
        f"{_chance(_logistic(loud[_ESP]))} of the time, disinformation "
        f"{_chance(_logistic(loud[_DIS]))} and sabotage {_chance(_logistic(loud[_SAB]))}. An "
        "undetected operation never appears in the victim's reports and costs the attacker "
        "no trust, though the damage of a sabotage is still felt.",
    )


def _attribution(r: Rules) -> str:
    hit, tension = r.incident_trust, r.incident_tension
    return _paras(
        "Once a victim detects an operation it names the right culprit with a chance that "
        "rises with its forensics and falls with the attacker's strength (a "
        f"logistic curve with scale {_n(r.attrib_scale)} and base {_s(r.attrib_base)}). "
        "Otherwise the case either stays open or, "
        f"{_pct(r.misattribute_share)} of the time, is pinned on someone else (see "
        "Misattribution). Forensics are the attribution stat plus "
        f"{_n(r.partner_attribution)} for each nation you share a hotline or alliance with "
        f"(up to {_n(r.partner_attribution_max)}), since partners pool evidence. Investing "
        "in attribution, gaining partners or receiving capacity building improves your "
        "aim.",
        "Whoever is blamed pays: the victim's trust in them falls by "
        f"{_a(hit[_ESP])}, {_a(hit[_SAB])} or {_a(hit[_DIS])} points for espionage, sabotage "
        f"or disinformation, tension rises by {_n(tension[_ESP])}, {_n(tension[_SAB])} or "
        f"{_n(tension[_DIS])} (less for a failed operation), the victim's allies lose "
        f"{_pct(r.ally_spillover)} as much trust, and if the operation broke a norm in force "
        f"that the blamed nation signed, every signatory loses {_a(r.norm_violation_trust)}.",
    )


def _misattribution(r: Rules) -> str:
    ratio = math.exp(20.0 / r.misattribution_distrust)
    return _paras(
        "When a detected operation is not attributed correctly, the victim blames an "
        f"innocent nation {_pct(r.misattribute_share)} of the time and stays unsure "
        "otherwise. The scapegoat is drawn at random, weighted toward nations the victim "
        "already distrusts: a nation it trusts at 30 is about "
        f"{_n(round(ratio, 1))} times as likely to be blamed as one at 50. The innocent "
        "nation pays the full price of the incident: lost trust, tension, allied anger, "
        "even norm-violation penalties.",
        "A hotline between the victim and the wrongly blamed nation lets them talk: "
        f"{_pct(r.hotline_correction)} of the time the call clears the innocent, and the "
        "victim then either finds the real attacker (more likely with good attribution) or "
        "leaves the case open. Even when the call fails, the hotline damps the incident's "
        f"tension: {_pct(r.hotline_tension_share)} of it, at most "
        f"{_n(r.hotline_tension_cap)}. There is no 'plant a false flag' order: "
        "the deception is built into the odds.",
    )


def _fog_of_war(r: Rules) -> str:
    return _paras(
        "You see your own nation exactly. Other nations' stats are estimates with an "
        "uncertainty σ (the typical size of the error): zero while your intel from "
        f"espionage is fresh (less than {_n(r.intel_fresh_turns)} turns old), then "
        f"{_n(r.estimate_noise)} points plus {_n(r.estimate_noise_per_turn)} for every "
        f"further turn, up to {_n(r.estimate_noise_max)}. Allies are easier to read (σ × "
        f"{_n(r.ally_noise_factor)}), and stats that are partly public, such as the "
        "economy, are estimated more sharply.",
        "You see only the operations you detected, blamed on whoever you believe did them, "
        "and you can only estimate how much others trust you (σ "
        f"{_n(r.trust_in_me_noise)}). Computer players get exactly the same view — the AI "
        "never reads the true state. The debrief after the game shows what really happened.",
    )


def _trust(r: Rules) -> str:
    posture = r.posture_trust.values()
    sab, esp = r.incident_trust[_SAB], r.incident_trust[_ESP]
    return _paras(
        "Trust from one nation toward another runs from 0 to 100, with 50 neutral. It is "
        "the scenario's baseline, plus standing terms that last as long as the relation "
        f"(allies {_s(r.ally_trust)}, a hotline {_s(r.hotline_trust)}, the other's posture "
        f"{_s(min(posture))} to {_s(max(posture))}, {_s(r.norm_partner_trust)} per norm in "
        f"force both signed, {_s(r.arms_partner_trust)} per arms-control agreement both "
        f"ratified, {_s(r.sanction_trust)} while they sanction us), plus a ledger of named "
        "events that fade at their own pace: 'attacked us (sabotage, turn 7)' loses "
        f"{_pct(r.incident_decay)} a turn, 'talks' {_pct(r.talks_decay)}, 'helped build our "
        f"cyber capacity' {_pct(r.capacity_decay)}. The trust panel lists every reason and "
        "when it will fade.",
        f"A blamed sabotage ({_s(sab)}) takes about {_fade_turns(sab, r.incident_decay)} "
        f"turns to fade, a blamed espionage ({_s(esp)}) about "
        f"{_fade_turns(esp, r.incident_decay)}. Trust matters: your influence score is the "
        "average trust others place in you, the world's mean trust is "
        f"{_pct(_stability_share(r, 'trust'))} of stability, victims tend to blame nations "
        "they distrust, and when two nations' mutual trust is below "
        f"{_n(r.distrust_threshold)} their tension grows by {_n(r.distrust_tension)} a turn.",
    )


def _tension(r: Rules) -> str:
    friction, crisis, conflict = r.level_thresholds
    t = r.incident_tension
    return _paras(
        "Every pair of nations has a tension from 0 to 100 that everyone can see. It sets "
        f"their rung on the ladder: calm below {_n(friction)}, friction from {_n(friction)}, "
        f"crisis from {_n(crisis)} and conflict from {_n(conflict)}. Blamed operations push "
        f"it up (sabotage {_s(t[_SAB])}, disinformation {_s(t[_DIS])}, espionage "
        f"{_s(t[_ESP])}), as do denunciations ({_s(r.denounce_tension)}), sanctions "
        f"({_s(r.sanction_tension)}) and exposed cheating; talks bring it down "
        f"({_s(r.talks_tension)}, or {_s(r.mutual_talks_tension)} when both sides choose "
        f"them). A hotline passes on only {_pct(r.hotline_tension_share)} of what any single "
        f"incident adds, and at most {_n(r.hotline_tension_cap)}.",
        f"At the end of each turn a pair keeps {_pct(r.tension_decay)} of its tension, plus "
        f"{_n(r.distrust_tension)} if their mutual trust is below {_n(r.distrust_threshold)} "
        f"and {_n(r.offensive_posture_tension)} if either has an offensive posture. In "
        f"conflict both nations lose {_n(r.conflict_damage)} infrastructure a turn. Pairs "
        "above calm pull down the 'calm' term of stability "
        f"({_pct(_stability_share(r, 'calm'))}).",
    )


def _talks(r: Rules) -> str:
    return (
        f"Holding talks {_cost(r, 'talks')}. Choosing talks with a nation makes it trust you "
        f"{_n(r.talks_trust)} points more and you trust it {_n(r.talks_trust_back)} more, "
        f"and lowers your tension by {_a(r.talks_tension)}. If both nations choose talks "
        f"with each other in the same turn, both gain {_n(r.mutual_talks_trust)} trust and "
        f"tension falls by {_a(r.mutual_talks_tension)}. The goodwill fades by "
        f"{_pct(r.talks_decay)} a turn, so keep talking — but one nation's goodwill from "
        f"talks holds at most {_n(r.talks_cap)} points, so past that talks only bring calm. "
        "How much goodwill talks hold is public: the nation panel shows it, and the AI "
        "nations read it too."
    )


def _hotlines(r: Rules) -> str:
    return _paras(
        f"Proposing a hotline {_cost(r, 'propose_hotline')}. If the other nation proposes "
        "one to you in the same turn, the "
        f"line opens at once; otherwise it has {_turns(r.proposal_lifetime)} to answer "
        "before the offer lapses. "
        f"A hotline adds {_s(r.hotline_trust)} standing trust both ways. It damps the "
        "tension that any single incident (or denunciation) between the two adds: "
        f"{_pct(r.hotline_tension_share)} of the usual rise, and never more than "
        f"{_n(r.hotline_tension_cap)} points — a blamed sabotage adds "
        f"{_n(r.hotline_damped(r.incident_tension[_SAB]))} instead of "
        f"{_n(r.incident_tension[_SAB])}.",
        "It also corrects mistakes: when a victim wrongly blames a nation it shares a "
        f"hotline with, the call clears the innocent {_pct(r.hotline_correction)} of the "
        "time. And partners warn each other and pool evidence: each hotline or alliance "
        f"partner adds {_s(r.partner_defense)} defense (up to {_s(r.partner_defense_max)}) "
        f"and {_s(r.partner_attribution)} attribution (up to "
        f"{_s(r.partner_attribution_max)}) against operations. Hotlines are agreed during "
        "diplomacy, before the turn's operations are resolved, so a new line protects both "
        "sides from its very first turn.",
    )


def _norms(r: Rules) -> str:
    return _paras(
        "Each scenario lists the norms on offer. A norm forbids one or more kinds of "
        "operation and has a quorum: the number of signatories it needs. Tabling a norm "
        f"{_cost(r, 'propose_norm')}; it signs the norm and asks every nation to endorse "
        f"it, and endorsing {_cost(r, 'endorse_norm')}. The norm comes into force as soon "
        "as its "
        "signatories reach the quorum, and lapses if withdrawals drop them below it. "
        f"Withdrawing costs {_a(r.withdraw_treaty_trust)} trust with the remaining "
        "signatories.",
        "While a norm is in force it adds to stability (norms are "
        f"{_pct(_stability_share(r, 'norms'))} of it), and signatories trust each other "
        f"{_n(r.norm_partner_trust)} more for each norm they share. A signatory blamed for "
        f"an operation the norm forbids loses {_a(r.norm_violation_trust)} trust with every "
        f"signatory (fading {_pct(r.norm_violation_decay)} a turn) and "
        f"{_n(r.norm_violation_credibility)} credibility. Blame decides, not truth: a "
        "misattributed attack can make an innocent signatory look like a violator.",
    )


def _international_law(r: Rules) -> str:
    return _paras(
        "The game has no courts: law appears through the agreements nations make. Norms "
        "and arms-control agreements are the game's shared rules, and breaking one that is "
        f"in force costs trust with every party — {_a(r.norm_violation_trust)} points for a "
        f"norm violation, {_a(r.arms_cheating_trust)} for cheating on arms control once it "
        "is exposed.",
        "Public accusations play the part of legal claims. A true accusation raises your "
        f"credibility by {_n(r.true_accusation_credibility)}; a false one that is exposed "
        f"lowers it by {_a(r.false_accusation_credibility)} and costs you "
        f"{_a(r.false_accusation_trust)} trust with everyone.",
    )


def _arms_control(r: Rules) -> str:
    return _paras(
        "A scenario may offer arms-control agreements, each with a cap on the parties' "
        "offense and a minimum number of parties to come into force; tabling one "
        f"{_cost(r, 'propose_arms_control')} and ratifying "
        f"{_cost(r, 'ratify_arms_control')}. While one is in "
        "force it adds to stability (arms control is "
        f"{_pct(_stability_share(r, 'arms_control'))} of it), its parties trust each other "
        f"{_n(r.arms_partner_trust)} more, and honest parties above the cap shed "
        f"{_pct(r.arms_offense_drift)} of their excess offense each turn.",
        "A party that invests in offense while above the cap is cheating, and nobody sees "
        "it — until a fellow party's espionage against the cheater succeeds. Then every "
        f"party loses {_a(r.arms_cheating_trust)} trust in the cheater, tension rises by "
        f"{_n(r.arms_cheating_tension)} between spy and cheater (half that with each other "
        "party), and the cheater's credibility suffers. Withdrawing openly costs only "
        f"{_a(r.withdraw_treaty_trust)} trust.",
    )


def _alliances(r: Rules) -> str:
    return _paras(
        f"Proposing an alliance {_cost(r, 'propose_alliance')}. If the other nation "
        "proposes one to you in the same turn it "
        f"forms at once, otherwise it has {_turns(r.proposal_lifetime)} to answer; a nation "
        "already in an alliance "
        f"brings the new partner into it. Members trust each other {_s(r.ally_trust)} while "
        f"allied, read each other's stats more clearly (σ × {_n(r.ally_noise_factor)}), and "
        f"each adds {_pct(r.ally_defense_share)} of its allies' average defense to its own, "
        f"plus {_n(r.partner_defense)} defense and {_n(r.partner_attribution)} attribution "
        "per partner (hotlines count too, up to "
        f"{_n(r.partner_defense_max)} and {_n(r.partner_attribution_max)}).",
        "An attack on one is felt by all: when a member blames a nation for an operation, "
        f"every other member loses {_pct(r.ally_spillover)} as much trust in that nation. "
        f"Leaving costs {_a(r.leave_alliance_trust)} trust with every remaining member, and "
        "an alliance left with a single member dissolves.",
    )


def _intelligence_sharing(r: Rules) -> str:
    return (
        f"Sharing intelligence {_cost(r, 'share_intel')}. It gives the partner "
        f"{_s(r.shared_intel_defense)} defense "
        f"against every operation for {_n(r.shared_intel_turns)} turns, and passes on what "
        "you learned by espionage: your fresh intel about other nations becomes theirs too. "
        f"The partner's trust in you rises by {_n(r.intel_sharing_trust)}. Sharing is one-way; "
        "for both sides to benefit, both must share."
    )


def _capacity_building(r: Rules) -> str:
    return (
        f"Building capacity with a partner {_cost(r, 'build_capacity')}. The partner gains "
        f"up to {_n(r.capacity_gain)} defense and "
        f"{_n(r.capacity_gain)} attribution (less when it is already strong), and its trust "
        f"in you rises by {_n(r.capacity_trust)}, fading only {_pct(r.capacity_decay)} a "
        "turn — one of the longest-lasting kinds of goodwill in the game."
    )


def _denunciation(r: Rules) -> str:
    return _paras(
        f"Denouncing a nation lowers every other nation's trust in it by "
        f"{_a(r.denounce_trust)} points times your credibility (0–1). The accused trusts "
        f"you {_a(r.denounce_accused_trust)} less, and tension between you rises by "
        f"{_n(r.denounce_tension)} (only {_n(r.hotline_damped(r.denounce_tension))} with a "
        "hotline). You "
        "may denounce anyone, but the game then checks the truth, not your belief.",
        f"If the accused really attacked you or an ally in the last {_n(r.denounce_window)} "
        f"turns, your credibility grows by {_n(r.true_accusation_credibility)}. If not, "
        f"there is a {_pct(r.false_accusation_exposure)} chance the accusation is shown to "
        f"be false: your credibility falls by {_a(r.false_accusation_credibility)}, every "
        f"nation trusts you {_a(r.false_accusation_trust)} less, and the accused's lost "
        "trust is given back.",
    )


def _sanctions(r: Rules) -> str:
    return (
        f"Imposing sanctions {_cost(r, 'sanction')} up front, but a sanction lasts "
        f"{_n(r.sanction_turns)} turns and each turn the target loses "
        f"{_n(r.sanction_target_economy)} economy and the sender "
        f"{_n(r.sanction_sender_economy)}. While it runs, the target trusts the sender "
        f"{_a(r.sanction_trust)} less, and imposing it raises tension between them by "
        f"{_n(r.sanction_tension)}. A nation cannot sanction the same target again until its "
        "current sanctions end."
    )


def _cybercrime_conventions(r: Rules) -> str:
    return (
        "There is no police-and-courts mechanic in the game. Criminal groups appear as "
        "unknown actors in scripted events, and the tools against them are the ones such "
        "treaties aim to strengthen: defense, attribution and help between partners. "
        f"Capacity building adds up to {_n(r.capacity_gain)} defense and attribution to a "
        f"partner; sharing intelligence adds {_n(r.shared_intel_defense)} defense for "
        f"{_n(r.shared_intel_turns)} turns."
    )


def _stability(r: Rules) -> str:
    parts = ", ".join(
        f"{_STABILITY_NAMES.get(name, name.replace('_', ' '))} ({_pct(_stability_share(r, name))})"
        for name in r.stability_weights
    )
    return _paras(
        "World stability, from 0 to 100, is a weighted mean of terms that the interface "
        f"shows one by one: {parts}. A term a scenario cannot have (no norms, or no "
        "arms-control options) drops out and the others are re-weighted.",
        "The 'few recent incidents' term reaches zero when recent incidents average "
        f"{_n(r.incidents_for_zero_quiet)} per nation; the count keeps "
        f"{_pct(r.incident_memory)} of itself each turn. A scenario can set a collapse "
        "threshold — if stability stays below it, every nation loses — and a shared goal "
        "of stability that the whole world wins together.",
    )


def _scores(r: Rules) -> str:
    w_infra, w_def, w_off, w_calm = r.security_weights
    w_econ, w_coh = r.prosperity_weights
    return _paras(
        f"Security = {_pct(w_infra)} infrastructure + {_pct(w_def)} defense + "
        f"{_pct(w_off)} offense (deterrence) + {_pct(w_calm)} calm (100 minus the nation's "
        "average tension with others). "
        f"Prosperity = {_pct(w_econ)} economy + {_pct(w_coh)} cohesion. Influence = the "
        "average trust other nations place in it. Objectives = the share of the "
        "scenario's objective points, public and secret, it has met. The score is a "
        "weighted mean of these parts with weights the scenario sets, and the breakdown is "
        "always visible.",
        "At the end the best score wins, unless the scenario sets a shared goal instead "
        "(or as well); and if world stability collapses, everyone loses.",
    )


def _timeline(r: Rules) -> str:
    return (
        "Several mechanics echo these milestones. The 2013 US–Russia link is the game's "
        f"hotline, which passes on {_pct(r.hotline_tension_share)} of the tension one "
        f"incident adds, and never more than {_n(r.hotline_tension_cap)}. "
        "The 2015 norms are the model for the norm catalog: a signatory blamed for breaking "
        f"a norm in force loses {_a(r.norm_violation_trust)} trust with every signatory. "
        "Grid attacks like the one in Ukraine are sabotage, costing up to "
        f"{_n(r.sabotage_infrastructure)} infrastructure. Public attributions are "
        f"denunciations, worth {_a(r.denounce_trust)} trust points times the accuser's "
        "credibility."
    )


def _stability_share(r: Rules, name: str) -> float:
    """A stability term's share of all the weights (when every term is present)."""
    total = sum(r.stability_weights.values())
    return r.stability_weights.get(name, 0.0) / total if total else 0.0


_TEXTS: tuple[_Text, ...] = (
    _Text(
        id="cyber-diplomacy",
        title="Cyber diplomacy",
        summary="Using diplomacy's tools — talks, hotlines, norms, treaties, aid — to manage "
        "conflicts that arise from states' use of cyberspace.",
        body=_paras(
            "Cyber diplomacy is diplomacy whose subject is cyberspace. When states spy on "
            "each other through networks, disrupt each other's systems or disagree about "
            "how the internet should be run, diplomats reach for the tools they use in any "
            "other dispute: they negotiate, open lines of communication, agree rules of "
            "conduct, build confidence and help weaker partners.",
            "The key word is 'about'. Cyber diplomacy is diplomacy about cyber problems. "
            "Digital diplomacy is something else: diplomacy done with digital tools, such as "
            "an embassy's social-media account. A diplomat can do cyber diplomacy entirely "
            "in meeting rooms, and digital diplomacy about trade or culture without touching "
            "a cyber issue.",
            "It became a job of its own only recently. In 2011 the US State Department set "
            "up an office to coordinate cyber issues, and the man who first led it, "
            "Christopher Painter, is often described as the first cyber diplomat. Since "
            "then cyber questions have become a regular topic for foreign ministries and at "
            "the United Nations.",
        ),
        in_game=_cyber_diplomacy,
        see_also=("digital-diplomacy", "talks", "hotlines", "norms", "capacity-building"),
        terms=("cyber diplomacy", "cyber diplomat"),
    ),
    _Text(
        id="digital-diplomacy",
        title="Digital diplomacy",
        summary="Doing ordinary diplomacy with digital tools such as social media; not the "
        "same thing as cyber diplomacy.",
        body=_paras(
            "Digital diplomacy means using digital tools for everyday diplomatic work: a "
            "foreign ministry explaining its policy on social media, an ambassador taking "
            "questions in a livestream, an embassy reaching its citizens abroad online. The "
            "topic can be anything — trade, climate, culture, visas.",
            "A quick test tells the two apart. Ask what the diplomacy is about, and what it "
            "is done with. If it is about conflict in cyberspace — hacking, cyber norms, "
            "attribution — it is cyber diplomacy. If it uses digital tools but is about "
            "something else, it is digital diplomacy. A ministry's post condemning a "
            "cyberattack is both at once.",
            "A well-known example: in 2017 Denmark appointed the first 'tech ambassador', "
            "based in Silicon Valley, home of many of the biggest technology companies. "
            "This is diplomacy adapting to a world shaped by technology — digital "
            "diplomacy — rather than diplomacy about cyber conflict.",
        ),
        in_game=_digital_diplomacy,
        see_also=("cyber-diplomacy", "denunciation"),
        terms=("digital diplomacy", "tech ambassador", "e-diplomacy"),
    ),
    _Text(
        id="cyberspace",
        title="Cyberspace and cyber power",
        summary="Cyberspace is the global web of networks and data; cyber power is what a "
        "state can do there, to protect itself or to press others.",
        body=_paras(
            "Cyberspace is the world of connected computers: the internet and private "
            "networks, the data that flows through them, and the people and companies who "
            "run them. Most of it is privately owned and it crosses borders constantly, so "
            "no single state controls it.",
            "Cyber power is what a state can do in cyberspace. It has an offensive side — "
            "the ability to spy, disrupt or influence through networks — and a defensive "
            "side: protecting networks, recovering quickly from attacks (resilience), "
            "responding to incidents and finding out who was responsible (attribution). A "
            "strong economy and skilled people feed both.",
            "Offence and defence are linked. Tools for breaking into networks lose value "
            "once defenders fix the weaknesses they rely on, while good defence makes every "
            "attacker's job harder. Most states invest in both, and how they use them is "
            "shaped by politics as much as by technology.",
        ),
        in_game=_cyberspace,
        see_also=("postures", "covert-operations", "critical-infrastructure", "scores"),
        terms=(
            "cyberspace",
            "cyber power",
            "capability",
            "capabilities",
            "offense",
            "offence",
            "defense",
            "defence",
            "economy",
            "cohesion",
            "budget",
            "resilience",
            "investment",
            "invest",
        ),
    ),
    _Text(
        id="postures",
        title="Cyber postures",
        summary="A posture is the public stance a nation takes in cyberspace: offensive, "
        "balanced or defensive.",
        body=_paras(
            "States publish strategies and doctrines that say how they intend to use their "
            "cyber capabilities. Some stress deterring and disrupting adversaries; others "
            "stress protecting their own networks and working with partners. This stance "
            "is their posture, and other states read it as a signal of intent.",
            "Choosing a posture is a trade-off. Leaning forward can make operations more "
            "effective and may deter rivals, but it also worries neighbours, who may arm or "
            "distrust in return. This is the security dilemma: steps one state takes to feel "
            "safer make others feel less safe. A defensive posture reassures others but "
            "gives up some reach.",
            "Being open about one's posture is itself a confidence-building measure: when "
            "states know each other's doctrine, they are less likely to misread a move.",
        ),
        in_game=_postures,
        see_also=("cyberspace", "trust", "tension", "hotlines"),
        terms=(
            "posture",
            "offensive posture",
            "balanced posture",
            "defensive posture",
            "offensive",
            "balanced",
            "defensive",
            "security dilemma",
        ),
    ),
    _Text(
        id="covert-operations",
        title="Covert operations",
        summary="Secret actions in another state's networks — espionage, sabotage or "
        "influence — meant to stay hidden or deniable.",
        body=_paras(
            "A covert operation is an action a state carries out in secret, hoping the "
            "target will not notice, or at least will not be able to prove who did it. In "
            "cyberspace there are three broad families: stealing information (espionage), "
            "damaging or disrupting systems (sabotage), and manipulating what a public "
            "believes (influence operations).",
            "Cyber operations are tempting because they are cheap compared with military "
            "force, can be run from far away and are often deniable. But they carry risks: "
            "they can be discovered, they can spread beyond their target, and a victim who "
            "feels attacked may respond in ways the attacker never expected.",
            "Whether an operation works depends on the attacker's tools and skill against "
            "the defender's protection. Whether it causes a diplomatic crisis depends on "
            "something else: whether it is detected, and whom the victim blames.",
        ),
        in_game=_covert_operations,
        see_also=("espionage", "sabotage", "disinformation", "detection", "attribution"),
        terms=(
            "covert operation",
            "covert action",
            "operation",
            "cyber operation",
            "cyberattack",
            "cyber attack",
            "hack",
            "hacking",
            "attack",
            "incident",
        ),
    ),
    _Text(
        id="espionage",
        title="Espionage",
        summary="Cyber espionage is secretly getting into networks to steal information, "
        "from state secrets to business plans.",
        body=_paras(
            "Espionage is the oldest kind of cyber operation, and probably the most common. "
            "Intruders "
            "get into a network, keep quiet and copy what they find: diplomatic messages, "
            "military plans, research, trade secrets. The best spying leaves no visible "
            "damage, so a victim may not learn about it for a long time.",
            "States generally treat spying on governments as unfriendly but an expected "
            "part of international life. Stealing companies' secrets to help one's own "
            "industry is more contested: in 2015 the United States and China pledged that "
            "neither government would carry out, or knowingly back, the cyber theft of "
            "intellectual property to give its companies a commercial edge.",
            "Spying can even help keep the peace. Knowing what a rival really has can calm "
            "exaggerated fears, and agreements to limit weapons are only worth much if each "
            "side has some way to check that the others keep their word.",
        ),
        in_game=_espionage,
        see_also=("covert-operations", "fog-of-war", "arms-control", "detection"),
        terms=("espionage", "spying", "spy", "spies", "intelligence", "intel", "cyber espionage"),
    ),
    _Text(
        id="sabotage",
        title="Sabotage",
        summary="Cyber sabotage uses access to networks to damage, disrupt or destroy "
        "systems, sometimes with effects in the physical world.",
        body=_paras(
            "Sabotage goes beyond watching: it breaks things. It can wipe data, lock "
            "computers, or send false commands to the machines that run physical processes, "
            "such as pumps, power switches or centrifuges.",
            "Two cases show what is possible. Stuxnet, discovered in 2010, was malicious "
            "code built to damage centrifuges enriching uranium in Iran — an early example "
            "of software causing physical harm. In 2015 a cyberattack left about 225,000 "
            "customers in Ukraine without electricity, the first grid outage publicly "
            "confirmed to have been caused this way.",
            "Sabotage is loud. Damage is hard to hide, it alarms the public, and it can "
            "spread far beyond its intended target, as the destructive NotPetya malware did "
            "in 2017. That is why attacks on critical infrastructure are widely seen as a "
            "line that should not be crossed in peacetime.",
        ),
        in_game=_sabotage,
        see_also=("critical-infrastructure", "covert-operations", "norms", "tension"),
        terms=("sabotage", "destructive malware", "wiper", "malware", "stuxnet"),
    ),
    _Text(
        id="disinformation",
        title="Disinformation and influence operations",
        summary="Influence operations try to shape what another country's public believes, "
        "often by spreading false or misleading information.",
        body=_paras(
            "Not every cyber operation targets machines; some target minds. An influence "
            "operation uses fake accounts, leaked documents, misleading stories or "
            "amplified rumours to change how people in another country think, vote or feel "
            "about their own government. Disinformation is false information spread on "
            "purpose.",
            "One method is 'hack and leak': stealing private emails and publishing them at "
            "a chosen moment. In January 2017 the US intelligence community publicly "
            "attributed to Russia a campaign to interfere in the 2016 US presidential "
            "election that paired leaks of stolen emails with influence efforts on social "
            "media. "
            "Extremist groups also use online propaganda; ISIS, for example, recruited "
            "followers abroad this way.",
            "The harm is hard to measure and slow to heal. Often the aim is not to sell one "
            "story but to deepen divisions until people trust nothing at all. Defences "
            "include media literacy, fact-checking, platform rules and openly exposing "
            "campaigns when they are found.",
        ),
        in_game=_disinformation,
        see_also=("covert-operations", "non-state-actors", "norms", "scores"),
        terms=(
            "disinformation",
            "influence operation",
            "influence campaign",
            "propaganda",
            "hack and leak",
            "election interference",
            "misinformation",
        ),
    ),
    _Text(
        id="critical-infrastructure",
        title="Critical infrastructure",
        summary="Critical infrastructure is the systems a society cannot do without: power, "
        "water, health care, banking, transport.",
        body=_paras(
            "Critical infrastructure means the services everything else depends on: "
            "electricity, water, hospitals, telecommunications, finance and transport. More "
            "and more of it is run by computers linked to networks, which makes it "
            "efficient — and exposed.",
            "Attacks on these systems hurt ordinary people directly. When the WannaCry "
            "ransomware spread in 2017 it disrupted UK hospitals among many other victims; "
            "the US and UK governments publicly attributed it to North Korea. The 2015 "
            "blackout in Ukraine showed that a power grid can be switched off from afar.",
            "Because the stakes are so high, protecting critical infrastructure sits at the "
            "centre of international norms. The 2015 report of UN government experts asks "
            "states not to carry out or knowingly back cyber activity that damages critical "
            "infrastructure, and not to attack the emergency response teams (CERTs) that "
            "defend it.",
        ),
        in_game=_critical_infrastructure,
        see_also=("sabotage", "norms", "capacity-building", "stability"),
        terms=("critical infrastructure", "infrastructure", "power grid", "blackout"),
    ),
    _Text(
        id="non-state-actors",
        title="Non-state actors",
        summary="Criminal gangs, hacktivists and proxies act in cyberspace too, and they make "
        "it harder to know who is behind an attack.",
        body=_paras(
            "States are not the only players. Criminal groups run ransomware, locking "
            "victims' files and demanding payment. Hacktivists attack for a cause, defacing "
            "websites or leaking data. Companies, researchers and volunteers defend networks "
            "and are often the first to spot an attack.",
            "Some groups work, openly or quietly, on behalf of a state. Such proxies give a "
            "government deniability: if they are caught, it can claim they were independent "
            "criminals or patriots. The same tools and people may serve both crime and state "
            "goals, which blurs attribution.",
            "Non-state actors also reach across borders with words. Extremist "
            "organisations such as ISIS used online propaganda to recruit people in other "
            "countries — a problem no single state can handle alone.",
        ),
        in_game=_non_state_actors,
        see_also=("attribution", "misattribution", "cybercrime-conventions", "disinformation"),
        terms=(
            "non-state actor",
            "ransomware",
            "hacktivist",
            "proxy",
            "proxies",
            "criminal group",
            "cybercriminal",
            "unknown actor",
        ),
    ),
    _Text(
        id="detection",
        title="Detection",
        summary="Detection is noticing that an operation happened at all — the first step "
        "before anyone can respond.",
        body=_paras(
            "Many cyber operations are never noticed. Defenders look for signs of "
            "intrusion — odd traffic, unknown programs, unexplained failures — but a careful "
            "intruder can hide among normal activity for a long time.",
            "How likely detection is depends on the defender's monitoring and skill, and on "
            "what the attacker does. Quiet data theft may go unseen; wiped computers or a "
            "blackout announce themselves, even if the culprit stays hidden.",
            "Detection is not the same as attribution. A victim can be certain it was hit "
            "and still have no idea who did it.",
        ),
        in_game=_detection,
        see_also=("attribution", "covert-operations", "fog-of-war"),
        terms=("detection", "detect", "detected", "undetected", "loudness"),
    ),
    _Text(
        id="attribution",
        title="Attribution",
        summary="Attribution is working out who is behind a cyber operation — a mix of "
        "forensics, intelligence and political judgement.",
        body=_paras(
            "After an incident, investigators study the traces: the malicious code, the "
            "servers used, working hours, language settings, the choice of targets. "
            "Intelligence services add what they know from other sources. Then political "
            "leaders decide whether they are confident enough to name someone in public.",
            "Each step takes time and can go wrong. Attackers route their traffic through "
            "other countries' computers, reuse tools others have used and sometimes plant "
            "misleading clues. A public attribution is a judgement, not a proof, which is "
            "why governments often make one together to add weight — as several did in "
            "2018, when they publicly attributed the NotPetya malware to Russia's military.",
            "Attribution matters because responses depend on it. Sanctions or public "
            "condemnation aimed at the wrong party create a new injustice and a new dispute.",
        ),
        in_game=_attribution,
        see_also=("misattribution", "detection", "denunciation", "hotlines"),
        terms=("attribution", "attribute", "attributed", "forensics", "blame", "blamed"),
    ),
    _Text(
        id="misattribution",
        title="Misattribution and false flags",
        summary="Misattribution is blaming the wrong party for an attack; a false flag is an "
        "attacker's trick to make that happen.",
        body=_paras(
            "Because attribution is uncertain, victims sometimes blame the wrong state or "
            "group. An honest mistake is most likely when evidence is thin and suspicion is "
            "high: people tend to see the hand of the rival they already fear.",
            "Sometimes the mistake is engineered. In a false-flag operation the attackers "
            "deliberately leave clues pointing at someone else — words in another "
            "country's language in the code, tools known to belong to a different group — "
            "so that the blame, and any retaliation, lands elsewhere.",
            "Misattribution is dangerous because it can start a spiral: the wrongly "
            "accused state denies it, feels wronged and may strike back, while the real "
            "attacker looks on. Direct lines between governments, patient investigation and "
            "sharing evidence with partners are the main ways to catch mistakes before they "
            "escalate.",
        ),
        in_game=_misattribution,
        see_also=("attribution", "hotlines", "denunciation", "tension", "trust"),
        terms=(
            "misattribution",
            "misattributed",
            "false flag",
            "wrongly blamed",
            "scapegoat",
            "wrong culprit",
        ),
    ),
    _Text(
        id="fog-of-war",
        title="Fog of war",
        summary="Fog of war is the uncertainty of not knowing what other nations really "
        "have, intend or did.",
        body=_paras(
            "Governments never see the whole picture. They estimate rivals' capabilities "
            "from partial and ageing information, and they know only about the incidents "
            "they detected — with the culprits they believe to be responsible.",
            "Decisions made in fog are risky. Overestimating a rival fuels arms races; "
            "underestimating one invites surprises. Intelligence, transparency and the "
            "exchange of information between states all thin the fog, which is one reason "
            "confidence-building measures matter.",
            "Good decision-makers treat estimates as ranges rather than facts, and always "
            "ask how old their information is.",
        ),
        in_game=_fog_of_war,
        see_also=("espionage", "intelligence-sharing", "detection", "hotlines"),
        terms=("fog of war", "estimate", "estimated", "uncertainty", "σ"),
    ),
    _Text(
        id="trust",
        title="Trust",
        summary="Trust is how far one nation expects another to act in good faith; in this "
        "game it is a ledger of named reasons that fade.",
        body=_paras(
            "Trust between states grows slowly, through kept promises, regular contact and "
            "shared interests, and it can collapse in a day. It shapes everything else: "
            "states that trust each other share information, sign agreements and give each "
            "other the benefit of the doubt after an incident.",
            "Trust is not always mutual. One country may trust its neighbour while the "
            "neighbour stays suspicious. And it has a memory: a serious betrayal is "
            "remembered for years, though usually not forever.",
            "Diplomats build trust on purpose, starting with small steps that are easy to "
            "check — meetings, hotlines, exchanges of information — before trying for big "
            "agreements.",
        ),
        in_game=_trust,
        see_also=("talks", "tension", "scores", "misattribution"),
        terms=(
            "trust",
            "distrust",
            "mistrust",
            "ledger",
            "trust modifier",
            "forgiveness",
            "goodwill",
        ),
    ),
    _Text(
        id="tension",
        title="Tension and the escalation ladder",
        summary="Tension measures how close two nations are to open conflict; it climbs a "
        "ladder from calm to friction, crisis and conflict.",
        body=_paras(
            "Escalation is how a dispute grows: an incident leads to a response, the "
            "response to a counter-response, and each step raises the stakes. Strategists "
            "picture it as a ladder, where every rung is harder to climb down from.",
            "In cyberspace escalation is especially hard to control. Operations can be "
            "misread, their effects can spread further than intended, and each side may "
            "believe it is only answering the other. Leaders may feel pushed to respond "
            "fast, before the facts are clear.",
            "Stepping back down needs ways to talk, to signal restraint and to check the "
            "facts: hotlines, talks, and agreed rules that make clear which moves are out of "
            "bounds.",
        ),
        in_game=_tension,
        see_also=("hotlines", "talks", "stability", "trust"),
        terms=(
            "tension",
            "escalation",
            "escalation ladder",
            "escalate",
            "de escalation",
            "calm",
            "friction",
            "crisis",
            "crises",
            "conflict",
            "spiral",
        ),
    ),
    _Text(
        id="talks",
        title="Talks",
        summary="Talks are direct negotiations between governments, the basic tool for "
        "building trust and lowering tension.",
        body=_paras(
            "Most of diplomacy is talking. Officials meet, explain their positions, listen "
            "to complaints and look for compromises. In cyber diplomacy, regular talks help "
            "each side understand how the other sees cyberspace, which operations it finds "
            "most threatening, and whom to call in an emergency.",
            "Talks work best when both sides want them. A one-sided effort still signals "
            "goodwill, but trust grows much faster when both are engaged. Talks do not "
            "require friendship: rivals often talk precisely because the risk of a "
            "misunderstanding is high.",
        ),
        in_game=_talks,
        see_also=("trust", "tension", "hotlines", "cyber-diplomacy"),
        terms=("talks", "negotiation", "negotiate", "dialogue", "envoy"),
    ),
    _Text(
        id="hotlines",
        title="Hotlines and confidence-building measures",
        summary="Hotlines and other confidence-building measures help states talk in a "
        "crisis, so that misunderstandings do not escalate.",
        body=_paras(
            "Confidence-building measures (CBMs) are practical steps that make states more "
            "predictable to each other: named points of contact, hotlines, exchanges of "
            "information about threats and policies, openness about military doctrine. "
            "They do not settle disputes; they keep disputes from getting out of hand by "
            "mistake.",
            "In 2013 the United States and Russia agreed a package of cyber CBMs that "
            "included a direct line of communication between their cybersecurity "
            "coordinators. The same year the Organization for Security and Co-operation in "
            "Europe (OSCE) adopted its first set of cyber CBMs for its participating "
            "states.",
            "A hotline proves its value when things go wrong. If a state believes it has "
            "been attacked, a call can reveal a misunderstanding, let the accused show "
            "evidence, or at least signal that neither side wants the situation to spiral.",
        ),
        in_game=_hotlines,
        see_also=("misattribution", "tension", "talks", "trust"),
        terms=(
            "hotline",
            "confidence building measure",
            "confidence building",
            "cbm",
            "point of contact",
            "communication link",
        ),
    ),
    _Text(
        id="norms",
        title="Norms of responsible state behaviour",
        summary="Norms are voluntary rules that states agree to follow in cyberspace in "
        "peacetime, such as leaving critical infrastructure alone.",
        body=_paras(
            "A norm is a shared expectation of how a responsible state behaves. Cyber norms "
            "are voluntary and not legally binding: no court enforces them. Their force "
            "comes from states committing to them in public, so that breaking one costs "
            "reputation and the trust of partners.",
            "The best-known set comes from the UN Group of Governmental Experts (GGE). Its "
            "2015 report listed eleven voluntary norms — among them: do not damage critical "
            "infrastructure or knowingly support activity that does; leave alone the "
            "emergency response teams (CERTs) that handle incidents; disclose software "
            "flaws responsibly; protect human rights online.",
            "Norms grow stronger as more supporters sign up. The Paris Call for Trust and "
            "Security in Cyberspace, launched in 2018, won backing not only from governments "
            "but also from companies and civil-society groups; and in 2021 the UN "
            "Open-Ended Working Group, where every member "
            "state can take part, agreed a consensus report on responsible behaviour.",
        ),
        in_game=_norms,
        see_also=("international-law", "critical-infrastructure", "arms-control", "stability"),
        terms=(
            "norm",
            "norms of responsible state behaviour",
            "responsible state behaviour",
            "responsible state behavior",
            "quorum",
            "signatory",
            "signatories",
            "endorse",
            "group of governmental experts",
            "gge",
            "open ended working group",
            "oewg",
            "paris call",
            "in force",
        ),
    ),
    _Text(
        id="international-law",
        title="International law in cyberspace",
        summary="States agree that existing international law, including the UN Charter, "
        "applies in cyberspace; exactly how is still debated.",
        body=_paras(
            "International law is the set of rules that states accept as binding, through "
            "treaties and long-standing practice. A key question for cyberspace was whether "
            "those rules, written long before the internet, apply there at all.",
            "In 2013 the UN Group of Governmental Experts said yes: international law, and "
            "the UN Charter in particular, applies to what states do in cyberspace. So the "
            "Charter's principles, such as settling disputes peacefully and not using "
            "force against other states, matter online too. The details — for instance, "
            "when a cyber operation counts as a use of force — are still argued over.",
            "Experts have also tried to spell out how the law works in practice. The "
            "Tallinn Manual, published in 2013, sets out how a group of international "
            "lawyers read the law applicable to cyber warfare; Tallinn Manual 2.0 followed "
            "in 2017. It is influential but not binding: it records experts' views, not "
            "states' commitments.",
        ),
        in_game=_international_law,
        see_also=("norms", "cybercrime-conventions", "denunciation", "timeline"),
        terms=("international law", "un charter", "tallinn manual", "use of force"),
    ),
    _Text(
        id="arms-control",
        title="Arms control and verification",
        summary="Arms control limits weapons by agreement; verification lets each side check "
        "that the others keep their word.",
        body=_paras(
            "Arms control means agreeing limits on weapons — how many, of what kind, where "
            "— so that rivals can stop racing each other. It has worked best for weapons "
            "that can be counted, and it has always needed verification: inspections, data "
            "exchanges or other ways of checking.",
            "Cyber weapons are hard to count. Code can be copied, hidden or rewritten "
            "overnight, and the same tools serve defenders and attackers. That is one reason "
            "cyber diplomacy has so far leaned on norms and confidence-building more than on "
            "treaties that cap capabilities.",
            "Any such agreement faces an old dilemma: it builds confidence only if cheating "
            "is likely to be caught, and checking often relies on the very intelligence "
            "gathering that the parties find threatening.",
        ),
        in_game=_arms_control,
        see_also=("espionage", "norms", "stability", "trust"),
        terms=(
            "arms control",
            "verification",
            "verify",
            "cheating",
            "cheat",
            "offense cap",
            "stockpile",
            "arms race",
            "ratify",
            "ratified",
            "treaty",
        ),
    ),
    _Text(
        id="alliances",
        title="Alliances and collective defence",
        summary="An alliance is a pact whose members help defend each other, so an attack on "
        "one is felt by all.",
        body=_paras(
            "Collective defence is the promise that an attack on one member is treated as an "
            "attack on all. NATO is the best-known example. A year after the 2007 cyber "
            "attacks on Estonia, NATO's Cooperative Cyber Defence Centre of Excellence was "
            "established in Tallinn.",
            "In cyberspace allies help each other in practical ways: sharing warnings about "
            "threats, lending experts after an incident, training together and agreeing "
            "common positions. A joint public attribution by several allies carries more "
            "weight than one state's accusation.",
            "Alliances have costs too. Outsiders may see a bloc as a threat, and partners "
            "left behind treat a member's departure as a betrayal.",
        ),
        in_game=_alliances,
        see_also=("intelligence-sharing", "trust", "attribution", "denunciation"),
        terms=(
            "alliance",
            "collective defence",
            "collective defense",
            "ally",
            "allies",
            "allied",
            "pact",
            "bloc",
            "nato",
        ),
    ),
    _Text(
        id="intelligence-sharing",
        title="Intelligence sharing",
        summary="Intelligence sharing means passing threat information to partners so they "
        "can spot and stop attacks.",
        body=_paras(
            "No defender sees everything. When one state learns about a piece of malware, a "
            "hacking group's methods or a planned campaign, passing that knowledge on lets "
            "partners block the same attack before it reaches them.",
            "Sharing needs trust. Intelligence can reveal sources and methods, and a "
            "partner who leaks it can do real harm. So states share most with close "
            "partners and build up sharing step by step, often through their CERTs and "
            "with private security companies.",
        ),
        in_game=_intelligence_sharing,
        see_also=("alliances", "capacity-building", "fog-of-war", "espionage"),
        terms=(
            "intelligence sharing",
            "intel sharing",
            "share intelligence",
            "shared intelligence",
            "share intel",
            "shared intel",
            "threat intelligence",
        ),
    ),
    _Text(
        id="capacity-building",
        title="Capacity building",
        summary="Capacity building is helping less-resourced states build cyber defences, "
        "laws, skills and response teams (CERTs).",
        body=_paras(
            "Many countries lack the money, trained people or laws to protect their "
            "networks. Capacity building means states, companies and organisations with "
            "more experience helping them: training staff, setting up a national Computer "
            "Emergency Response Team (CERT), drafting cybercrime laws, providing equipment.",
            "It is partly generosity and partly self-interest. Networks are connected, so a "
            "poorly defended country can become a stepping stone for attacks on others. "
            "Helping partners also builds lasting relationships and trust.",
            "Good capacity building starts from what the partner needs, and strengthens "
            "institutions that keep working after the trainers have gone home.",
        ),
        in_game=_capacity_building,
        see_also=(
            "intelligence-sharing",
            "critical-infrastructure",
            "attribution",
            "cybercrime-conventions",
        ),
        terms=(
            "capacity building",
            "build capacity",
            "cert",
            "computer emergency response team",
            "csirt",
            "incident response",
        ),
    ),
    _Text(
        id="denunciation",
        title="Public denunciation and credibility",
        summary="A public denunciation names a state as responsible for an attack; it works "
        "only if the accuser is believed.",
        body=_paras(
            "When a government is confident about who attacked it, it can say so publicly. "
            "A denunciation, or public attribution, tells the world what happened, warns "
            "other possible targets and shows the attacker that its deniability has limits. "
            "For example, the US government publicly attributed the 2014 hack of Sony "
            "Pictures Entertainment to North Korea.",
            "A denunciation is only as strong as the accuser's credibility. If evidence "
            "later shows the accusation was wrong, the accuser loses face and its next "
            "claims are doubted. That is why governments often wait, gather evidence and "
            "accuse together with allies.",
            "Denouncing raises tension with the accused, who usually denies everything. It "
            "shapes opinion; it does not by itself settle the dispute.",
        ),
        in_game=_denunciation,
        see_also=("attribution", "misattribution", "sanctions", "trust"),
        terms=(
            "denunciation",
            "denounce",
            "denounced",
            "public attribution",
            "accusation",
            "accuse",
            "accused",
            "credibility",
            "naming and shaming",
            "false accusation",
        ),
    ),
    _Text(
        id="sanctions",
        title="Sanctions",
        summary="Sanctions are economic penalties one state imposes on another to punish or "
        "deter it, at some cost to itself.",
        body=_paras(
            "Sanctions restrict trade, freeze assets or bar named people and companies from "
            "doing business. After serious cyber incidents, governments can use them to "
            "show that hostile operations have a price beyond a strongly worded statement.",
            "Sanctions are a blunt tool. They hurt the target's economy but also businesses "
            "in the country that imposes them, and they seldom change a government's "
            "behaviour quickly. They tend to work better when many states act together and "
            "when the evidence behind them is convincing.",
        ),
        in_game=_sanctions,
        see_also=("denunciation", "attribution", "tension", "scores"),
        terms=("sanction", "sanctions", "sanctioned", "embargo"),
    ),
    _Text(
        id="cybercrime-conventions",
        title="The Budapest Convention and the UN cybercrime convention",
        summary="Two treaties help countries fight crime online together: the Budapest "
        "Convention (2001) and the UN Convention against Cybercrime (2024).",
        body=_paras(
            "Cybercrime crosses borders easily: a fraudster in one country can empty bank "
            "accounts in another through servers in a third. Police can act only in their "
            "own country, so they need similar laws and ways to ask for evidence from abroad.",
            "The Council of Europe's Convention on Cybercrime, usually called the Budapest "
            "Convention, was opened for signature in 2001. It was the first international "
            "treaty dealing with crimes committed through the internet.",
            "In 2024 the UN Convention against Cybercrime was adopted by the UN General "
            "Assembly. Treaties like these deal with crime; they are separate from the "
            "norms and the international-law debates about how states themselves behave.",
        ),
        in_game=_cybercrime_conventions,
        see_also=("non-state-actors", "capacity-building", "international-law", "timeline"),
        terms=(
            "budapest convention",
            "convention on cybercrime",
            "convention against cybercrime",
            "cybercrime",
            "cybercrime convention",
        ),
    ),
    _Text(
        id="stability",
        title="World stability",
        summary="Stability is the health of the whole international system, scored from 0 "
        "to 100 for the world rather than for one nation.",
        body=_paras(
            "International stability means a world where disputes are handled without "
            "sliding into conflict: states talk, keep their agreements, avoid dangerous "
            "surprises and can recover from shocks. It is a shared good — every country "
            "benefits from it, and any country can damage it.",
            "Because it is shared, stability faces a classic trap: each state is tempted to "
            "grab an advantage for itself, even though all would be better off if everyone "
            "showed restraint. Rules, cooperation and trust are ways out of that trap.",
        ),
        in_game=_stability,
        see_also=("scores", "norms", "arms-control", "tension", "trust"),
        terms=("stability", "world stability", "collapse", "collapse threshold", "shared goal"),
    ),
    _Text(
        id="scores",
        title="Scores: security, prosperity, influence, objectives",
        summary="Each nation's score blends its security, prosperity, influence and the "
        "objectives its scenario gives it.",
        body=_paras(
            "Real foreign policy juggles several goals at once: keeping the country safe, "
            "keeping it prosperous, being respected and listened to abroad, and achieving "
            "particular aims. Success in one can cost another — spending heavily on cyber "
            "weapons may make a state feel safer while making its neighbours trust it less.",
            "The game's score mirrors that balance, so there is no single winning strategy. "
            "A nation that looks only at its own defences, or only at its economy, usually "
            "ends up behind one that also invests in its relationships.",
        ),
        in_game=_scores,
        see_also=("stability", "trust", "critical-infrastructure", "disinformation"),
        terms=("score", "prosperity", "influence", "objective", "secret objective"),
    ),
    _Text(
        id="timeline",
        title="Timeline: cyber diplomacy 2001–2024",
        summary="Key public milestones of cyber conflict and cyber diplomacy, from the "
        "Budapest Convention to the UN cybercrime convention.",
        body=_paras(
            "2001 — The Council of Europe's Convention on Cybercrime (the Budapest "
            "Convention) opens for signature: the first international treaty on internet "
            "crime.\n"
            "2007 — For several weeks, waves of DDoS attacks disrupt the websites of "
            "Estonia's government, banks and media during a row with Russia about a Soviet-era war "
            "memorial. In 2008 NATO's Cooperative Cyber Defence Centre of Excellence opens "
            "in Tallinn.\n"
            "2010 — Stuxnet is discovered: malicious code that had damaged centrifuges "
            "enriching uranium in Iran.",
            "2011 — The US publishes its International Strategy for Cyberspace, the first "
            "national strategy devoted to the international side of cyberspace. The State "
            "Department opens an Office of the Coordinator for Cyber Issues, first led by "
            "Christopher Painter.\n"
            "2013 — UN government experts (the GGE) agree that international law, the UN "
            "Charter included, applies in cyberspace. Washington and Moscow set up cyber "
            "confidence-building measures with a direct line between their cybersecurity "
            "coordinators, and the OSCE adopts its first cyber CBMs. Experts publish the "
            "Tallinn Manual; its second edition, Tallinn Manual 2.0, appears in 2017.\n"
            "2014 — Sony Pictures Entertainment is hacked; the US government publicly "
            "attributes the attack to North Korea.\n"
            "2015 — A new GGE report lists eleven voluntary norms for how states should "
            "behave in cyberspace. The US and China pledge not to support cyber theft of "
            "intellectual property for commercial gain. An attack on Ukraine's grid leaves "
            "about 225,000 customers without power.",
            "2016 — Hack-and-leak operations and social-media campaigns target the US "
            "presidential election; in January 2017 the US intelligence community publicly "
            "attributes them to Russia.\n"
            "2017 — The WannaCry ransomware worm infects computers in about 150 countries — "
            "hundreds of thousands of them, including machines in UK hospitals; the US and UK "
            "governments publicly attribute it to North Korea. The same year NotPetya, "
            "destructive malware dressed up as ransomware, spreads from Ukraine around the "
            "world, with damage estimated at about ten billion dollars; in 2018 several "
            "governments publicly attribute it "
            "to Russia's military. Denmark names the first tech ambassador, posted to "
            "Silicon Valley.\n"
            "2018 — Launch of the Paris Call for Trust and Security in Cyberspace, supported "
            "by governments, companies and civil-society groups.",
            "2021 — At the UN, the Open-Ended Working Group, in which every member state can "
            "take part, agrees a consensus report on responsible behaviour by states.\n"
            "2024 — The UN Convention against Cybercrime is adopted by the UN General "
            "Assembly.",
        ),
        in_game=_timeline,
        see_also=(
            "cyber-diplomacy",
            "norms",
            "hotlines",
            "international-law",
            "cybercrime-conventions",
        ),
        terms=(
            "timeline",
            "milestone",
            "history",
            "wannacry",
            "notpetya",
            "sony pictures",
            "estonia",
        ),
    ),
)


# --------------------------------------------------------------------------- lookups

_cache: tuple[Rules, tuple[Entry, ...], dict[str, Entry]] | None = None


def _current_rules(rules: Rules | None) -> Rules:
    # Read the module attribute at call time, so a patched RULES is honoured.
    return rules if rules is not None else _rules_module.RULES


def _build(rules: Rules) -> tuple[tuple[Entry, ...], dict[str, Entry]]:
    global _cache
    if _cache is not None and _cache[0] is rules:
        return _cache[1], _cache[2]
    built = tuple(
        Entry(t.id, t.title, t.summary, t.body, t.in_game(rules), t.see_also, t.terms)
        for t in _TEXTS
    )
    by_id = {e.id: e for e in built}
    _cache = (rules, built, by_id)
    return built, by_id


def entries(rules: Rules | None = None) -> tuple[Entry, ...]:
    """Every entry, in reading order, with in-game numbers from ``rules`` (default RULES)."""
    return _build(_current_rules(rules))[0]


def ids() -> tuple[str, ...]:
    """Every entry id, in reading order."""
    return tuple(t.id for t in _TEXTS)


def entry(entry_id: str, rules: Rules | None = None) -> Entry:
    """The entry with this id; ``KeyError`` naming the known ids when there is none."""
    by_id = _build(_current_rules(rules))[1]
    try:
        return by_id[entry_id]
    except KeyError:
        raise KeyError(f"no Cyberpedia entry '{entry_id}' (known: {', '.join(by_id)})") from None


def _normalise(text: str) -> str:
    """Lower case, with hyphens as spaces."""
    return _dehyphen(text.lower())


def _dehyphen(text: str) -> str:
    """Hyphens as spaces; the length is kept, so match positions stay valid."""
    return text.replace("-", " ").replace("\u2011", " ")


def _term_index() -> tuple[re.Pattern[str], dict[str, str]]:
    owner: dict[str, str] = {}
    for t in _TEXTS:
        for term in t.terms:
            owner.setdefault(_normalise(term), t.id)
    # Longest first, so at any position the most specific term wins.
    ordered = sorted(owner, key=lambda s: (-len(s), s))
    alternation = "|".join(r"\s+".join(re.escape(w) for w in term.split()) for term in ordered)
    pattern = re.compile(rf"(?<!\w)(?:{alternation})(?:e?s)?(?!\w)", re.IGNORECASE)
    return pattern, owner


_TERMS_RE, _TERM_OWNER = _term_index()


def _owner_of(matched: str) -> str | None:
    key = re.sub(r"\s+", " ", matched.lower())
    for candidate in (key, key[:-1], key[:-2]):
        if candidate in _TERM_OWNER:
            return _TERM_OWNER[candidate]
    return None


def find_terms(text: str, rules: Rules | None = None) -> list[tuple[int, int, Entry]]:
    """Every linkable term in ``text``: (start, end, entry), left to right, not overlapping.

    Matching ignores case, treats hyphens as spaces, accepts a plural 's' or 'es', and
    prefers the longest term at a position ("digital diplomacy" over "diplomacy").
    """
    by_id = _build(_current_rules(rules))[1]
    found = []
    for m in _TERMS_RE.finditer(_dehyphen(text)):
        owner = _owner_of(m.group(0))
        if owner is not None:
            found.append((m.start(), m.end(), by_id[owner]))
    return found


def find_term(text: str, rules: Rules | None = None) -> Entry | None:
    """The entry that explains the first Cyberpedia term in ``text``, or None.

    For a single word or a UI label this is the entry about it; for a sentence, the
    first term in it (the longest one where several start at the same place).
    """
    found = find_terms(text, rules)
    return found[0][2] if found else None


_FIELD_WEIGHTS = (("title", 6.0), ("terms", 5.0), ("summary", 3.0), ("body", 1.0), ("in_game", 0.5))


def search(query: str, rules: Rules | None = None) -> list[Entry]:
    """Entries matching ``query``, best first (case-insensitive, words match by prefix).

    Each query word scores where it appears (title > terms > summary > body > in-game
    text); the whole query as a phrase scores extra, and entries that contain every word
    rank above those that miss some. Ties keep reading order.
    """
    words = re.findall(r"\w+", _normalise(query))
    if not words:
        return []
    phrase = " ".join(words)
    patterns = [re.compile(rf"(?<!\w){re.escape(w)}") for w in words]
    scored: list[tuple[int, float, int, Entry]] = []
    for order, e in enumerate(entries(rules)):
        fields = {
            "title": _normalise(e.title),
            "terms": " | ".join(_normalise(t) for t in e.terms),
            "summary": _normalise(e.summary),
            "body": _normalise(e.body),
            "in_game": _normalise(e.in_game),
        }
        score = 0.0
        matched = 0
        for pattern in patterns:
            hit = False
            for name, weight in _FIELD_WEIGHTS:
                count = len(pattern.findall(fields[name]))
                if count:
                    hit = True
                    score += weight * min(count, 3)
            matched += hit
        if matched == 0:
            continue
        for name, weight in _FIELD_WEIGHTS:
            if len(words) > 1 and phrase in re.sub(r"\s+", " ", fields[name]):
                score += 2 * weight
        if phrase in (_normalise(t) for t in e.terms) or phrase == fields["title"]:
            score += 20.0
        scored.append((matched, score, -order, e))
    scored.sort(key=lambda x: (x[0], x[1], x[2]), reverse=True)
    return [e for *_, e in scored]
