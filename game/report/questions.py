"""Discussion questions for the debrief, built from what happened in the game.

Each kind of moment has several wordings; the n-th question of a kind uses the n-th
wording, so a debrief full of misattributions does not ask the same thing five times.
Besides moments, questions come from the whole game: a nation that never used
diplomacy, the stability trend, operations nobody detected, and what the winner did
differently. :func:`discussion_questions` picks the 5-8 most instructive, in a fixed order
(by turn, then the questions about the whole game).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from game.report.debrief import Debrief, Incident
from game.report.moments import KINDS, Moment, all_moments, names_list
from game.words import possessive

#: Kinds of questions about the whole game, in the order they are asked.
GAME_KINDS: tuple[str, ...] = (
    "no_diplomacy",
    "stability_trend",
    "undetected",
    "winner",
    "influence",
    "hotlines_unused",
)

#: At most this many questions of one kind.
PER_KIND = 2


@dataclass(frozen=True, slots=True)
class Question:
    """A discussion question; ``turn`` is None for a question about the whole game."""

    turn: int | None
    kind: str
    text: str
    weight: float
    glossary: tuple[str, ...]


def discussion_questions(debrief: Debrief, limit: int = 8, minimum: int = 5) -> list[Question]:
    """The most instructive 5-8 questions (fewer only if the game offers fewer)."""
    ranked = sorted(all_questions(debrief), key=lambda q: (-q.weight, _order(q)))
    # The best question of every kind first, then the rest by weight.
    chosen: list[Question] = []
    for q in ranked:
        if q.kind not in {c.kind for c in chosen}:
            chosen.append(q)
    chosen = chosen[:limit]
    per_kind = Counter(q.kind for q in chosen)
    for q in ranked:
        if len(chosen) >= limit:
            break
        if q in chosen or per_kind[q.kind] >= PER_KIND:
            continue
        per_kind[q.kind] += 1
        chosen.append(q)
    if len(chosen) < minimum:  # relax the per-kind cap rather than ask too little
        for q in ranked:
            if len(chosen) >= minimum:
                break
            if q not in chosen:
                chosen.append(q)
    return sorted(chosen, key=_order)


def all_questions(debrief: Debrief) -> list[Question]:
    """Every candidate question (about moments, event choices and the whole game)."""
    return _from_moments(debrief) + _from_choices(debrief) + _about_the_game(debrief)


def _order(q: Question) -> tuple[int, int, int, str]:
    if q.turn is None:
        return (1, 0, GAME_KINDS.index(q.kind) if q.kind in GAME_KINDS else 99, q.text)
    kind = KINDS.index(q.kind) if q.kind in KINDS else 99
    return (0, q.turn, kind, q.text)


# --------------------------------------------------------------------------- from moments


def _from_moments(d: Debrief) -> list[Question]:
    out: list[Question] = []
    used: Counter[str] = Counter()
    incidents = {(r.turn, r.target, r.blamed, r.attacker): r for r in d.incidents}
    for m in sorted(all_moments(d), key=lambda m: (-m.weight, m.turn, m.title)):
        variant = used[m.kind]
        text = _moment_question(d, m, variant, incidents)
        if text is None:
            continue
        used[m.kind] += 1
        out.append(Question(m.turn, m.kind, text, m.weight, m.glossary))
    return out


def _pick(options: list[str], variant: int) -> str:
    return options[variant % len(options)]


def _moment_question(
    d: Debrief,
    m: Moment,
    variant: int,
    incidents: dict[tuple[int, str, str | None, str | None], Incident],
) -> str | None:
    t = m.turn
    names = [d.name(x) for x in m.nations]
    if m.kind == "misattribution":
        blamed, attacker_id, victim_id = m.nations[0], None, m.nations[-1]
        if len(m.nations) == 3:
            attacker_id = m.nations[1]
        r = incidents.get((t, victim_id, blamed, attacker_id))
        victim, b = d.name(victim_id), d.name(blamed)
        if attacker_id is None:
            return _pick(
                [
                    f"Turn {t}: {victim} blamed {b} for an operation that no government carried "
                    "out. How should a country respond when it cannot be sure who attacked it?",
                    f"Turn {t}: {b} was blamed for the work of an unknown group. Why might a "
                    "criminal group or a proxy want a government to be blamed?",
                ],
                variant,
            )
        a = d.name(attacker_id)
        if r is not None and r.hotline:
            return _pick(
                [
                    f"Turn {t}: {victim} had a hotline with {b} and still blamed it for {possessive(a)} "
                    f"operation. Why can even a hotline fail, and what else could {victim} have "
                    "checked before reacting?",
                    f"Turn {t}: despite a hotline, {b} took the blame for {possessive(a)} {r.kind}. If you "
                    f"were {b}, what would you say on that hotline call?",
                ],
                variant,
            )
        return _pick(
            [
                f"Turn {t}: {b} was blamed for an operation {a} carried out. What would a "
                "hotline have changed?",
                f"Turn {t}: {victim} blamed {b}, but it was really {a}. What did {a} gain from "
                f"the confusion, and what did it cost {b}?",
                f"Turn {t}: another wrong attribution: {b} blamed for {possessive(a)} operation against "
                f"{victim}. What evidence would you want before accusing a country?",
            ],
            variant,
        )
    if m.kind == "hotline_correction":
        return _pick(
            [
                f"Turn {t}: a hotline call stopped {names[0]} from blaming the wrong nation. "
                "What might have happened over the following turns without it?",
                f"Turn {t}: a hotline cleared up another mix-up. Why do rivals, not only "
                "friends, set up hotlines?",
            ],
            variant,
        )
    if m.kind == "escalation":
        a, b = names[0], names[1]
        level = m.title.rsplit(" ", 1)[-1]
        return _pick(
            [
                f"Turn {t}: {a} and {b} slid into {level}. Which decision, by either side, "
                "could have stopped the slide, and when?",
                f"Turn {t}: {a} and {b} reached {level}. What could a third nation have done to "
                "calm them down?",
            ],
            variant,
        )
    if m.kind == "norm_violation":
        return _pick(
            [
                f"Turn {t}: {names[0]} was accused of breaking a norm it had signed. Is a norm "
                "worth signing if it can be broken? What made keeping it worthwhile?",
                f"Turn {t}: another norm was broken, by {names[0]}. Who should punish a norm "
                "violation, and how, when there is no world police?",
            ],
            variant,
        )
    if m.kind == "cheating":
        return _pick(
            [
                f"Turn {t}: {names[0]} was caught cheating on an arms-control agreement by "
                f"{possessive(names[1])} spies. Spying helped enforce the treaty: is that a paradox?",
                f"Turn {t}: {names[0]} cheated on arms control. How can nations check that "
                "others keep a cyber arms limit, when cyber weapons are invisible?",
            ],
            variant,
        )
    if m.kind == "trust_drop":
        return _pick(
            [
                f"Turn {t}: {possessive(names[0])} trust in {names[1]} fell sharply. What could "
                f"{names[1]} do to win it back, and how long should that take?",
                f"Turn {t}: {names[0]} lost trust in {names[1]}. Was {possessive(names[0])} reaction "
                "fair, given what it knew at the time?",
            ],
            variant,
        )
    if m.kind in ("norm_in_force", "arms_in_force"):
        signed = set(m.nations)
        outside = [n.id for n in d.nations if n.id not in signed]
        if m.kind == "norm_in_force":
            what = f"the norm '{d.norms.get(m.subject or '', m.subject)}'"
        else:
            what = f"'{d.agreements.get(m.subject or '', m.subject)}'"
        if outside:
            stay = (
                names_list(d, outside)
                if len(outside) <= 3
                else ", ".join(d.name(x) for x in outside[:3]) + " and others"
            )
            return _pick(
                [
                    f"Turn {t}: {what} came into force without {stay}. Why might a nation "
                    "refuse to sign, and did staying out help it?",
                    f"Turn {t}: {what} came into force. What would have made the holdouts "
                    f"({stay}) sign?",
                ],
                variant,
            )
        return (
            f"Turn {t}: {what} came into force with every nation signed. What made "
            "everyone agree, and what could still break it?"
        )
    if m.kind in ("norm_lapsed", "arms_lapsed", "withdrawal"):
        return _pick(
            [
                f"Turn {t}: {m.title.split(': ', 1)[-1]}. What did the nations that left gain, "
                "and what did everyone lose?",
                f"Turn {t}: {m.title.split(': ', 1)[-1]}. What would have kept it alive?",
            ],
            variant,
        )
    if m.kind == "alliance_left":
        return (
            f"Turn {t}: {names[0]} left its alliance. What does an alliance give in "
            "cyberspace, and what does it cost?"
        )
    if m.kind == "false_accusation":
        return (
            f"Turn {t}: {names[0]} publicly accused {names[1]} and was proved wrong. "
            "When should a government go public with an accusation?"
        )
    if m.kind == "unattributed":
        if len(m.nations) == 1:
            return _pick(
                [
                    f"Turn {t}: {names[0]} was attacked by an unknown group and blamed nobody. "
                    "How should a government respond when it cannot name its attacker?",
                    f"Turn {t}: another attack by an unknown group, on {names[0]}. Who should "
                    "deal with criminal groups and proxies: the victim, or all nations together?",
                ],
                variant,
            )
        return _pick(
            [
                f"Turn {t}: {names[0]} could not tell that {names[1]} had attacked it. What "
                f"would {names[0]} have needed to find out, and would it have changed anything?",
                f"Turn {t}: {names[1]} got away with an operation against {names[0]}. Does an "
                "attack that nobody can attribute make the world more or less dangerous?",
            ],
            variant,
        )
    if m.kind == "collapse":
        return (
            f"The world order collapsed on turn {t}. Was one nation responsible, or "
            "everyone? What would you have done differently?"
        )
    return None


def _from_choices(d: Debrief) -> list[Question]:
    """One question per event choice that nations answered (not just defaulted)."""
    out: list[Question] = []
    by_event: dict[tuple[int, str], list[tuple[str, str]]] = {}
    for c in d.choices:
        by_event.setdefault((c.turn, c.event), []).append((c.nation, c.label))
    titles = {c.event: c.title for c in d.choices}
    for (turn, event), answers in sorted(by_event.items()):
        labels = sorted({label for _, label in answers})
        groups = []
        for label in labels:
            who = [d.name(n) for n, x in answers if x == label]
            shown = ", ".join(who[:3]) + (f" and {len(who) - 3} more" if len(who) > 3 else "")
            groups.append(f"{shown} chose “{label}”")
        title = titles.get(event, event)
        split = len(labels) > 1
        out.append(
            Question(
                turn,
                "choice",
                f"Turn {turn}: “{title}” asked for a decision: {'; '.join(groups)}. "
                + ("Who chose better, and why?" if split else "Was there a better choice?"),
                5.0 if split else 3.5,
                (),
            )
        )
    return out


# --------------------------------------------------------------------------- whole game


def _about_the_game(d: Debrief) -> list[Question]:
    out: list[Question] = []
    played = d.turns_played
    if played < 1:
        return out
    suffered = Counter(r.target for r in d.incidents if r.success)
    engaged = [n.id for n in d.nations if d.diplomatic_orders.get(n.id, 0) > 0]
    place = {s.nation: s.place for s in d.result.ranking}
    for nation in d.nations:
        if d.diplomatic_orders.get(nation.id, 0) or not engaged:
            continue
        others = float(np.mean([suffered[x] for x in engaged]))
        out.append(
            Question(
                None,
                "no_diplomacy",
                f"{nation.name} never used diplomacy in {played} turns. It suffered "
                f"{suffered[nation.id]} successful operations (nations that used diplomacy "
                f"averaged {others:.1f}) and finished {_ordinal(place[nation.id])}. Did staying "
                "out make it safer?",
                8.5,
                ("cyber-diplomacy", "talks"),
            )
        )
    start, end = float(d.stability[0]), float(d.stability[-1])
    changes = {
        t: float(d.stability_points(t)[-1] - d.stability_points(t)[0]) for t in d.stability_weights
    }
    term = max(changes, key=lambda t: (abs(changes[t]), t))
    steps = np.diff(d.stability)
    worst = int(np.argmin(steps)) + 1
    if steps.size and steps[worst - 1] <= -3.0:
        out.append(
            Question(
                None,
                "stability_trend",
                f"Stability went from {start:.0f} to {end:.0f}, and fell most on turn {worst} "
                f"({steps[worst - 1]:+.1f} points). What happened that turn, and who could have "
                "prevented it?",
                6.5,
                ("stability",),
            )
        )
    else:
        verb = "rose" if end >= start else "fell"
        out.append(
            Question(
                None,
                "stability_trend",
                f"Stability {verb} from {start:.0f} to {end:.0f}; the part that changed most was "
                f"'{d.term_label(term)}' ({changes[term]:+.1f} points). Which decisions, by "
                "which nations, drove that?",
                6.0,
                ("stability",),
            )
        )
    undetected = [r for r in d.incidents if not r.detected and r.attacker is not None]
    if undetected:
        out.append(
            Question(
                None,
                "undetected",
                f"{len(undetected)} of {len(d.incidents)} operations were never detected by "
                "their victims. If nobody can see an attack, can the threat of punishment "
                "still deter it?",
                5.0,
                ("detection", "attribution"),
            )
        )
    if d.result.ranking and len(d.result.ranking) >= 2:
        first, last = d.result.ranking[0], d.result.ranking[-1]
        lead = max(
            ("security", "prosperity", "influence"),
            key=lambda p: getattr(first, p) - getattr(last, p),
        )
        verb = "won" if d.result.winners else "finished first"
        out.append(
            Question(
                None,
                "winner",
                f"{d.name(first.nation)} {verb} with {first.score:.0f} points, "
                f"{d.name(last.nation)} came last with {last.score:.0f}; the biggest gap was in "
                f"{lead}. What did {d.name(first.nation)} do differently?",
                4.5,
                ("scores",),
            )
        )
    influence = d.score_parts["influence"][-1]
    best = int(np.argmax(influence))
    out.append(
        Question(
            None,
            "influence",
            f"{d.nations[best].name} ended with the most influence: the other nations' trust in "
            f"it averaged {influence[best]:.0f}. What did {d.nations[best].name} do to earn that "
            "trust, and did it pay off in its score?",
            4.0,
            ("trust", "scores"),
        )
    )
    used_hotline = any(r.hotline or r.corrected_by_hotline for r in d.incidents)
    if d.hotline[-1].any() and not used_hotline and any(r.detected for r in d.incidents):
        out.append(
            Question(
                None,
                "hotlines_unused",
                "Hotlines were set up, but no incident ever involved two nations linked by one. "
                "Were they built in the right places?",
                3.0,
                ("hotlines",),
            )
        )
    return out


def _ordinal(k: int) -> str:
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


__all__ = ["Question", "all_questions", "discussion_questions"]
