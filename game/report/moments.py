"""Key moments of a game, each with a short plain explanation for students.

A :class:`Moment` is something a teacher would stop and point at: a misattribution, a
slide into crisis, a norm coming into force, a treaty broken, the largest single drops of
trust, a collapse. Every moment has a one-line title and two plain sentences, and names
the Cyberpedia entries (ids) that explain the idea behind it.

:func:`all_moments` finds every candidate; :func:`key_moments` picks the most instructive
few, in turn order. The same debrief always gives the same moments in the same order.
Discussion questions built from these are in :mod:`game.report.questions`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from game.engine.types import Level
from game.report.debrief import MISATTRIBUTED, Debrief, Happening, Incident
from game.words import indefinite, possessive

#: Moment kinds in the order used to break ties (most instructive first).
KINDS: tuple[str, ...] = (
    "collapse",
    "misattribution",
    "hotline_correction",
    "escalation",
    "norm_violation",
    "cheating",
    "trust_drop",
    "false_accusation",
    "norm_in_force",
    "arms_in_force",
    "norm_lapsed",
    "arms_lapsed",
    "withdrawal",
    "alliance_left",
    "unattributed",
)

#: At most this many moments of one kind among the key moments.
PER_KIND = 3

#: A single-turn drop of at least this many trust points is a candidate moment.
TRUST_DROP_THRESHOLD = 8.0


@dataclass(frozen=True, slots=True)
class Moment:
    """A key moment: a title, two plain sentences, and Cyberpedia entries to read."""

    turn: int
    kind: str
    title: str
    explanation: str
    nations: tuple[str, ...]  # nation ids involved, the main ones first
    weight: float  # how instructive (higher first); used to pick
    glossary: tuple[str, ...]  # Cyberpedia entry ids
    subject: str | None = None  # the norm or agreement id, when there is one


def key_moments(debrief: Debrief, limit: int = 10) -> list[Moment]:
    """The ``limit`` most instructive moments, in turn order.

    The best moment of every kind comes first (so a game full of misattributions still
    shows its one escalation), then the rest by weight, at most PER_KIND of a kind.
    """
    return sorted(pick_varied(all_moments(debrief), limit, PER_KIND), key=_chronological)


def pick_varied(moments: list[Moment], limit: int, per_kind: int) -> list[Moment]:
    """Up to ``limit`` moments: the best of each kind, then by weight (``per_kind`` cap)."""
    ranked = sorted(moments, key=_rank)
    chosen: list[Moment] = []
    kinds_seen: set[str] = set()
    for moment in ranked:
        if moment.kind not in kinds_seen:
            kinds_seen.add(moment.kind)
            chosen.append(moment)
    chosen = chosen[:limit]
    count = Counter(m.kind for m in chosen)
    for moment in ranked:
        if len(chosen) >= limit:
            break
        if moment in chosen or count[moment.kind] >= per_kind:
            continue
        count[moment.kind] += 1
        chosen.append(moment)
    return chosen


def all_moments(debrief: Debrief) -> list[Moment]:
    """Every candidate moment, in turn order."""
    d = debrief
    found: list[Moment] = []
    for incident in d.incidents:
        found.extend(_incident_moments(d, incident))
    for escalation in d.escalations:
        if escalation.rising and Level[escalation.after.upper()] >= Level.CRISIS:
            found.append(
                _escalation(
                    d,
                    escalation.turn,
                    escalation.a,
                    escalation.b,
                    escalation.before,
                    escalation.after,
                    escalation.tension,
                )
            )
    for happening in d.happenings:
        moment = _treaty_moment(d, happening)
        if moment is not None:
            found.append(moment)
    found.extend(trust_drops(d))
    if d.result.outcome == "collapse":
        found.append(_collapse(d))
    return sorted(found, key=_chronological)


def _rank(moment: Moment) -> tuple[float, int, int, str]:
    return (-moment.weight, moment.turn, KINDS.index(moment.kind), moment.title)


def _chronological(moment: Moment) -> tuple[int, int, float, str]:
    return (moment.turn, KINDS.index(moment.kind), -moment.weight, moment.title)


# --------------------------------------------------------------------------- incidents

_KIND_WEIGHT = {"sabotage": 2.0, "disinformation": 1.0, "espionage": 0.0}


def _incident_moments(d: Debrief, r: Incident) -> list[Moment]:
    out: list[Moment] = []
    victim = d.name(r.target)
    weight_extra = _KIND_WEIGHT.get(r.kind, 0.0) + (1.0 if r.success else 0.0)
    if r.attribution == MISATTRIBUTED and r.blamed is not None:
        blamed = d.name(r.blamed)
        doer = d.name(r.attacker)
        if r.attacker is None:
            title = f"Turn {r.turn}: {blamed} blamed for an attack nobody ordered"
            text = (
                f"{victim} blamed {blamed} for {indefinite(r.kind)} operation that was really "
                f"the work of an unknown actor, not a government. {blamed} lost "
                f"{possessive(victim)} trust for something no government had done."
            )
        else:
            title = f"Turn {r.turn}: {blamed} blamed for {possessive(doer)} {r.kind}"
            if r.hotline:
                second = (
                    f"Even their hotline did not clear it up this time, so {blamed} "
                    f"took the blame, and the loss of trust, for {possessive(doer)} operation."
                )
            else:
                second = (
                    f"{victim} and {blamed} had no hotline to talk it through, so "
                    f"{blamed} took the blame, and the loss of trust, while {doer} "
                    "got away with it."
                )
            text = (
                f"{victim} detected {indefinite(r.kind)} operation and blamed {blamed}, but it "
                f"was really carried out by {doer}. {second}"
            )
        nations = tuple(x for x in (r.blamed, r.attacker, r.target) if x is not None)
        out.append(
            Moment(
                r.turn,
                "misattribution",
                title,
                text,
                nations,
                8.0 + weight_extra + (0.0 if r.hotline else 1.0),
                ("misattribution", "attribution", "hotlines"),
            )
        )
    if r.detected and r.blamed is None and not r.corrected_by_hotline and r.success:
        if r.attacker is None:
            title = f"Turn {r.turn}: {victim} hit by an unknown actor"
            text = (
                f"{victim} suffered {indefinite(r.kind)} operation by a group that no government "
                f"had ordered, and its forensics could not pin it on anyone. {victim} "
                "blamed nobody, which was right: not every attack comes from a state."
            )
        else:
            title = f"Turn {r.turn}: {victim} cannot tell who attacked it"
            text = (
                f"{victim} detected {indefinite(r.kind)} operation but could not tell who was "
                f"behind it; it was really {d.name(r.attacker)}. Attribution is hard: "
                f"{d.name(r.attacker)} paid nothing for it."
            )
        out.append(
            Moment(
                r.turn,
                "unattributed",
                title,
                text,
                tuple(x for x in (r.target, r.attacker) if x is not None),
                4.0 + weight_extra / 2,
                ("attribution", "non-state-actors"),
            )
        )
    if r.corrected_by_hotline:
        if r.blamed is not None and r.blamed == r.attacker:
            after = f"{victim} now rightly blames {d.name(r.attacker)}."
        else:
            after = "It still could not name the real culprit, but no innocent nation was blamed."
        out.append(
            Moment(
                r.turn,
                "hotline_correction",
                f"Turn {r.turn}: a hotline call stops a wrong accusation",
                f"{victim} first suspected the wrong nation for {indefinite(r.kind)} operation against "
                f"it, but a call on a hotline cleared it up. {after}",
                tuple(x for x in (r.target, r.attacker) if x is not None),
                7.0 + weight_extra / 2,
                ("hotlines", "misattribution"),
            )
        )
    if r.norms_broken and r.blamed is not None:
        blamed = d.name(r.blamed)
        for norm_id in r.norms_broken:
            norm = d.norms.get(norm_id, norm_id)
            really = ""
            if r.attribution == MISATTRIBUTED and r.attacker is None:
                really = ", although it was really the work of an unknown actor"
            elif r.attribution == MISATTRIBUTED:
                really = f", although the operation was really {possessive(d.name(r.attacker))}"
            out.append(
                Moment(
                    r.turn,
                    "norm_violation",
                    f"Turn {r.turn}: {blamed} accused of breaking '{norm}'",
                    f"{victim} blamed {blamed} for {indefinite(r.kind)} operation, which the norm "
                    f"'{norm}' forbids and {blamed} had signed. Every other signatory trusted "
                    f"{blamed} less and its credibility fell{really}.",
                    (r.blamed, r.target),
                    7.0 + weight_extra / 2,
                    ("norms", "trust"),
                    norm_id,
                )
            )
    for agreement_id in r.exposed_cheating:
        if r.attacker is None:
            continue
        name = d.agreements.get(agreement_id, agreement_id)
        cap = d.agreement_caps.get(agreement_id)
        cap_text = f" of {cap:g}" if cap is not None else ""
        out.append(
            Moment(
                r.turn,
                "cheating",
                f"Turn {r.turn}: {victim} caught cheating on '{name}'",
                f"{possessive(d.name(r.attacker))} spies found that {victim} had built its cyber weapons "
                f"past the cap{cap_text} it agreed to in '{name}'. Every party to the agreement "
                f"lost trust in {victim}, and tension with them rose.",
                (r.target, r.attacker),
                8.5,
                ("arms-control", "espionage"),
                agreement_id,
            )
        )
    return out


# --------------------------------------------------------------------------- escalation

_ESCALATION_AFTERMATH = {
    "crisis": "At crisis level one more incident can tip them into conflict, and world "
    "stability counts every pair in crisis.",
    "conflict": "Conflict is the top of the escalation ladder: it drags down world "
    "stability and the security of both nations.",
}


def _escalation(
    d: Debrief, turn: int, a: str, b: str, before: str, after: str, tension: float
) -> Moment:
    cause = _escalation_cause(d, turn, a, b)
    hotline = bool(d.hotline[turn, d.index(a), d.index(b)])
    line = "" if hotline else " They had no hotline."
    text = (
        f"Tension between {d.name(a)} and {d.name(b)} reached {tension:.0f} of 100, "
        f"moving them from {before} to {after}{cause}. "
        f"{_ESCALATION_AFTERMATH.get(after, '')}{line}"
    )
    weight = 9.0 if after == "conflict" else 7.5
    return Moment(
        turn,
        "escalation",
        f"Turn {turn}: {d.name(a)} and {d.name(b)} reach {after}",
        text,
        (a, b),
        weight,
        ("tension", "hotlines"),
    )


def _escalation_cause(d: Debrief, turn: int, a: str, b: str) -> str:
    """A short ' after ...' clause naming what pushed the pair up the ladder."""
    pair = {a, b}
    for r in reversed([x for x in d.incidents if turn - 2 <= x.turn <= turn]):
        if r.blamed is not None and {r.target, r.blamed} == pair:
            wrongly = " wrongly" if r.attribution == MISATTRIBUTED else ""
            when = "" if r.turn == turn else f" on turn {r.turn}"
            return (
                f" after {d.name(r.target)}{wrongly} blamed {d.name(r.blamed)} for "
                f"{indefinite(r.kind)} operation{when}"
            )
    for h in reversed([x for x in d.happenings if turn - 1 <= x.turn <= turn]):
        if h.kind in ("denunciation", "sanction", "cheating_exposed") and set(h.actors) >= pair:
            verb = {
                "denunciation": "publicly accused",
                "sanction": "sanctioned",
                "cheating_exposed": "exposed cheating by",
            }[h.kind]
            return f" after {d.name(h.actors[0])} {verb} {d.name(h.actors[1])}"
    postures = d.postures_at(turn)
    offensive = [x for x in (a, b) if postures[d.index(x)] == "offensive"]
    if offensive:
        return f" as {' and '.join(d.name(x) for x in offensive)} kept an offensive posture"
    return " as distrust between them grew"


# --------------------------------------------------------------------------- treaties


def _treaty_moment(d: Debrief, h: Happening) -> Moment | None:
    t = h.turn
    if h.kind in ("norm_in_force", "norm_lapsed"):
        norm = d.norms.get(h.subject or "", h.subject or "a norm")
        if h.kind == "norm_in_force":
            who = names_list(d, h.actors)
            return Moment(
                t,
                h.kind,
                f"Turn {t}: the norm '{norm}' comes into force",
                f"Enough nations endorsed it ({who}) to reach its quorum. From now "
                "on a signatory caught breaking it loses the trust of every other "
                "signatory, and world stability counts it.",
                h.actors,
                5.5,
                ("norms", "stability"),
                h.subject,
            )
        return Moment(
            t,
            h.kind,
            f"Turn {t}: the norm '{norm}' lapses",
            f"Too many signatories withdrew from '{norm}', so it lost its quorum "
            "and binds nobody any more. Its boost to world stability is gone.",
            h.actors,
            6.0,
            ("norms", "stability"),
            h.subject,
        )
    if h.kind in ("arms_in_force", "arms_lapsed"):
        name = d.agreements.get(h.subject or "", h.subject or "an agreement")
        cap = d.agreement_caps.get(h.subject or "")
        if h.kind == "arms_in_force":
            limit = f" at or below {cap:g}" if cap is not None else ""
            return Moment(
                t,
                h.kind,
                f"Turn {t}: '{name}' comes into force",
                f"{names_list(d, h.actors)} agreed to keep their offense{limit}. Arms "
                "control slows the arms race and raises world stability, as long "
                "as cheaters can be caught.",
                h.actors,
                5.5,
                ("arms-control", "stability"),
                h.subject,
            )
        return Moment(
            t,
            h.kind,
            f"Turn {t}: '{name}' lapses",
            f"Too few parties were left in '{name}', so nobody is bound by its cap "
            "any more. Arms racing is open again.",
            h.actors,
            6.0,
            ("arms-control", "stability"),
            h.subject,
        )
    if h.kind in ("norm_withdrawn", "arms_withdrawn") and h.actors:
        if h.kind == "norm_withdrawn":
            treaty = f"the norm '{d.norms.get(h.subject or '', h.subject)}'"
        else:
            treaty = f"'{d.agreements.get(h.subject or '', h.subject)}'"
        lapsed = any(
            x.turn == t and x.subject == h.subject and x.kind in ("norm_lapsed", "arms_lapsed")
            for x in d.happenings
        )
        second = (
            "With that, it lost its quorum and stopped binding anyone."
            if lapsed
            else "Leaving a treaty is allowed, but it tells everyone what its word is worth."
        )
        who = d.name(h.actors[0])
        return Moment(
            t,
            "withdrawal",
            f"Turn {t}: {who} withdraws from {treaty}",
            f"{who} left {treaty}, which it had signed, and the remaining "
            f"signatories trusted it less. {second}",
            h.actors,
            5.0,
            ("norms" if h.kind == "norm_withdrawn" else "arms-control", "trust"),
            h.subject,
        )
    if h.kind == "alliance_left" and h.actors:
        who = d.name(h.actors[0])
        return Moment(
            t,
            "alliance_left",
            f"Turn {t}: {who} leaves an alliance",
            f"{h.text} Its former allies trusted it less, and an attack on them is "
            f"no longer felt as an attack on {who}.",
            h.actors,
            5.0,
            ("alliances", "trust"),
        )
    if h.kind == "false_accusation" and len(h.actors) >= 2:
        a, b = d.name(h.actors[0]), d.name(h.actors[1])
        return Moment(
            t,
            "false_accusation",
            f"Turn {t}: {possessive(a)} accusation proves false",
            f"{a} publicly blamed {b} for hostile operations, and evidence showed "
            f"{b} had not carried them out. A false accusation costs credibility: "
            f"the next time {a} accuses anyone, fewer will believe it.",
            h.actors,
            6.0,
            ("denunciation", "misattribution"),
        )
    return None


def names_list(d: Debrief, ids: tuple[str, ...] | list[str]) -> str:
    names = [d.name(x) for x in ids]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# --------------------------------------------------------------------------- trust drops

_ATTACK = re.compile(r"^attacked us \((\w+), turn (\d+)\)$")


def trust_drops(d: Debrief, limit: int = 3) -> list[Moment]:
    """The largest single-turn drops of one nation's trust in another (at most one per
    turn and trusting nation, and one per reason and turn), explained from the ledger."""
    if d.turns_played < 1:
        return []
    delta = d.trust[1:] - d.trust[:-1]  # (T, n, n)
    n = len(d.nations)
    delta[:, np.arange(n), np.arange(n)] = 0.0
    order = np.argsort(delta, axis=None, kind="stable")
    out: list[Moment] = []
    seen: set[tuple[int, object]] = set()
    for flat in order[: 20 * limit + 20]:
        k, i, j = np.unravel_index(int(flat), delta.shape)
        drop = -float(delta[k, i, j])
        if drop < TRUST_DROP_THRESHOLD or len(out) >= limit:
            break
        turn = int(k) + 1
        frm, to = d.ids[int(i)], d.ids[int(j)]
        reasons = [(r, v) for r, v in d.trust_reasons(turn, frm, to) if v < 0]
        main = reasons[0][0] if reasons else ""
        if (turn, frm) in seen or (turn, main) in seen:
            continue
        seen.update({(turn, frm), (turn, main)})
        before, after = float(d.trust[k, i, j]), float(d.trust[k + 1, i, j])
        out.append(
            Moment(
                turn,
                "trust_drop",
                f"Turn {turn}: {possessive(d.name(frm))} trust in {d.name(to)} falls {drop:.0f} points",
                f"{possessive(d.name(frm))} trust in {d.name(to)} fell from {before:.0f} to {after:.0f} "
                f"in one turn. {_why(d, turn, frm, to, reasons)}",
                (frm, to),
                4.0 + drop / 4.0,
                ("trust",),
            )
        )
    return out


def _why(d: Debrief, turn: int, frm: str, to: str, reasons: list[tuple[str, float]]) -> str:
    if not reasons:
        return "No single event explains it: older goodwill faded and tension wore it down."
    phrases = [_reason_phrase(d, turn, frm, to, r) for r, _ in reasons[:2]]
    text = (
        "The reason: " + phrases[0]
        if len(phrases) == 1
        else (f"The reasons: {phrases[0]}, and {phrases[1]}")
    )
    return text + "."


_LEDGER_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), phrase)
    for pattern, phrase in (
        (r"^violated norm: (.+)$", "{b} was blamed for breaking the norm '{0}'"),
        (r"^attacked our ally (.+) \(turn \d+\)$", "{b} was blamed for attacking {0}, {a_s} ally"),
        (r"^accused by (.+) \(turn \d+\)$", "{0} publicly accused {b}"),
        (r"^publicly accused us \(turn \d+\)$", "{b} publicly accused {a}"),
        (r"^made a false accusation \(turn \d+\)$", "{b} made a false accusation"),
        (r"^cheated on (.+) \(turn \d+\)$", "{b} was caught cheating on '{0}'"),
        (r"^left the (.+) \(turn \d+\)$", "{b} left the {0}"),
        (r"^withdrew from (.+)$", "{b} withdrew from {0}"),
        (r"^declined our proposal$", "{b} turned down {a_s} proposal"),
        (r"^facilitator: (.+)$", "the facilitator stepped in ({0})"),
        (r"^facilitator adjustment$", "the facilitator stepped in"),
    )
)


def _reason_phrase(d: Debrief, turn: int, frm: str, to: str, reason: str) -> str:
    a, b = d.name(frm), d.name(to)
    match = _ATTACK.match(reason)
    if match:
        kind, when = match.group(1), int(match.group(2))
        for r in d.incidents:
            if (
                r.turn == when
                and r.kind == kind
                and r.target == frm
                and r.blamed == to
                and r.attribution == MISATTRIBUTED
            ):
                really = (
                    "the work of an unknown actor"
                    if r.attacker is None
                    else possessive(d.name(r.attacker))
                )
                return f"{a} blamed {b} for {indefinite(kind)} operation that was really {really}"
        return f"{a} blamed {b} for {indefinite(kind)} operation against it"
    for pattern, phrase in _LEDGER_PHRASES:
        found = pattern.match(reason)
        if found:
            return phrase.format(*found.groups(), a=a, b=b, a_s=possessive(a))
    if reason.startswith("their posture"):
        return f"{b} switched to {indefinite(d.postures_at(turn)[d.index(to)])} posture"
    if reason.startswith("allies"):
        return f"{a} and {b} are no longer allies"
    if reason.startswith("sanctions against us"):
        return f"{b} imposed sanctions on {a}"
    if reason.startswith("norms we both keep"):
        return "a norm they both kept lapsed or lost a signatory"
    if reason.startswith("arms control partners"):
        return "an arms-control agreement between them lapsed or lost a party"
    if reason.startswith("hotline"):
        return "their hotline stopped counting"
    return f"“{reason}”"


# --------------------------------------------------------------------------- collapse


def _collapse(d: Debrief) -> Moment:
    t = d.turns_played
    return Moment(
        t,
        "collapse",
        f"Turn {t}: the world order collapses",
        f"World stability stayed below {d.collapse_threshold:g} for too long, so "
        "the game ended in collapse. Every nation lost, even the ones with the best "
        "scores: stability is a shared fate.",
        (),
        100.0,
        ("stability",),
    )
