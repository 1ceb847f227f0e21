"""How an AI nation reads its view: threats, grievances, friends, and the odds of its
operations — all computed from what the nation knows, with the engine's own formulas.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from game.engine.numeric import clamp
from game.engine.ops import (
    attack_strength,
    defense_strength,
    network_attribution,
    odds,
    partner_count,
)
from game.engine.rules import RULES
from game.engine.types import (
    ATTRIBUTION,
    COHESION,
    DEFENSE,
    ECONOMY,
    INFRASTRUCTURE,
    OFFENSE,
    Level,
    OpKind,
    Posture,
)
from game.engine.views import NationView
from game.scenario.models import TALKS_TRUST_REASON

_ATTACK_REASON = re.compile(r"^attacked us \((\w+), turn (\d+)\)$")
_OTHER, _TALKS, _FAVOUR, _GRIEVANCE = range(4)
_KINDS = np.array([int(kind) for kind in OpKind])
_OFFENSIVE = int(Posture.OFFENSIVE)  # (numpy compares a plain int much faster than an IntEnum)
_FAVOURS = (
    "shared intelligence with us",
    "helped build our cyber capacity",
    "agreed to our proposal",
)
_GRIEVANCES = ("attacked", "publicly accused us", "cheated", "violated norm", "left the")


@lru_cache(maxsize=4096)
def _category(reason: str) -> int:
    """What kind of memory a trust reason is, for the AI."""
    if reason == TALKS_TRUST_REASON:
        return _TALKS
    if reason in _FAVOURS:
        return _FAVOUR
    if reason.startswith(_GRIEVANCES):
        return _GRIEVANCE
    return _OTHER


@lru_cache(maxsize=4096)
def _attack(reason: str) -> tuple[str, int] | None:
    """(kind, turn) of the operation an "attacked us (kind, turn N)" reason is about."""
    match = _ATTACK_REASON.match(reason)
    return (match.group(1), int(match.group(2))) if match else None


@dataclass(frozen=True, eq=False)
class Blame:
    """An operation we suffered and pin on someone (as we believe it)."""

    kind: str
    turn: int


@dataclass(eq=False)
class Situation:
    """One nation's reading of the world at the start of a turn (arrays over nations)."""

    view: NationView
    me: int
    others: np.ndarray  # bool mask: every nation but us
    trust: np.ndarray  # our trust toward each
    trust_in: np.ndarray  # our estimate of their trust in us
    tension: np.ndarray  # our tension with each
    level: np.ndarray
    offense: np.ndarray  # estimated
    defense: np.ndarray
    attribution: np.ndarray
    economy: np.ndarray
    cohesion: np.ndarray
    infrastructure: np.ndarray
    allies: np.ndarray  # bool
    grievance: np.ndarray  # trust points lost to their attacks and accusations, now
    blames: dict[int, list[Blame]]  # recent operations we pin on each nation
    threat: np.ndarray  # 0-1: how dangerous each looks to us
    hit_odds: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]]  # kind -> odds per target
    talked: np.ndarray  # trust we hold from talks with each (how recent the ties are)
    favours: np.ndarray  # trust they earned by helping us (intel, capacity, agreements)
    lead: np.ndarray  # 0-2: how far each nation seems ahead of the field (estimated score)
    threat_level: float  # 0-1: the worst threat we face

    def grievance_against(self, j: int) -> float:
        return float(self.grievance[j])

    def latest_blame(self, j: int) -> Blame | None:
        found = self.blames.get(j)
        return max(found, key=lambda b: b.turn) if found else None


class Situations(list[Situation]):
    """Situations read together, with the (count, n) arrays their rows are taken from.

    ``arrays`` maps a :class:`Situation` field to the array whose row ``k`` is that field
    of situation ``k`` (the same values), and ``odds`` does the same for ``hit_odds``:
    code working on all the situations at once (the targeted utilities) reads them
    instead of stacking the rows again. See :func:`stacked`.
    """

    def __init__(
        self,
        items: Iterable[Situation],
        arrays: dict[str, np.ndarray],
        odds: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]],
    ) -> None:
        super().__init__(items)
        self.arrays = arrays
        self.odds = odds


def stacked(situations: Sequence[Situation], name: str) -> np.ndarray:
    """(count, n): the array field ``name`` of every situation, one row each."""
    if isinstance(situations, Situations) and name in situations.arrays:
        return situations.arrays[name]
    return np.stack([getattr(x, name) for x in situations])


def stacked_odds(
    situations: Sequence[Situation], kind: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(count, n) each: the odds of success, detection and correct blame of an operation
    of ``kind`` for every situation (rows of ``hit_odds[kind]``)."""
    if isinstance(situations, Situations):
        return situations.odds[kind]
    rows = [x.hit_odds[kind] for x in situations]
    return (
        np.stack([r[0] for r in rows]),
        np.stack([r[1] for r in rows]),
        np.stack([r[2] for r in rows]),
    )


def read_situation(view: NationView, forgiveness: float) -> Situation:
    """Everything the AI derives from its view before scoring actions."""
    return read_situations([view], [forgiveness])[0]


def _sums(bins: np.ndarray, values: np.ndarray, count: int, n: int) -> np.ndarray:
    """(count, n) float sums of ``values`` by bin ``k * n + j``. Always float64: numpy's
    ``bincount`` gives integer zeros when no value is given, so a view with nothing to
    sum would otherwise get another dtype than in a batch with others."""
    return np.bincount(bins, values, minlength=count * n).astype(np.float64).reshape(count, n)


def read_situations(views: Sequence[NationView], forgiveness: Sequence[float]) -> list[Situation]:
    """:func:`read_situation` for the views of several nations of one turn, at once.

    The arithmetic runs over (nations, nations) arrays instead of once per nation, with
    the same operations element by element, so each nation's reading is exactly what it
    would be alone. Each nation still reads only its own view. Views that do not share
    their public facts (not from one turn's ``PublicInfo``) are read one by one.
    """
    if not views:
        return []
    first = views[0]
    if len(views) > 1 and any(not same_public(first, v) for v in views[1:]):
        # (a plain list: its situations share no arrays)
        return [read_situations([v], [f])[0] for v, f in zip(views, forgiveness, strict=True)]
    n = first.n
    count = len(views)
    rows = np.arange(count)
    me = np.array([v.nation for v in views], dtype=np.int64)
    others = np.ones((count, n), dtype=bool)
    others[rows, me] = False
    # (np.array stacks rows of one shape as np.stack does, with less overhead)
    est = np.array([v.estimates for v in views])  # (count, n, stats)

    # Alliances are public: one matrix for everybody; our allies are our row of it.
    allied_matrix = np.zeros((n, n), dtype=bool)
    for alliance in first.alliances:
        members = np.array(alliance.members)
        allied_matrix[members[:, None], members] = True
    np.fill_diagonal(allied_matrix, False)
    allies = allied_matrix[me]

    # What each trust modifier we feel says about the nation it is about. The modifiers
    # felt by every view are read in one run, view k's about nation j counted in the
    # bin k * n + j: each bin sums the same values in the same order as view by view.
    ledgers = [v.trust_ledger for v in views]
    sizes = [len(felt.to) for felt in ledgers]
    owner = np.repeat(np.arange(count), sizes)  # the view that feels each modifier
    to = np.concatenate([felt.to.astype(np.int64) for felt in ledgers])
    reason = np.concatenate([felt.reason for felt in ledgers])
    category = np.array(
        [_category(felt.reasons[r]) for felt in ledgers for r in felt.reason.tolist()],
        dtype=np.int8,
    )
    value = np.concatenate([felt.value for felt in ledgers])
    bins = owner * n + to
    chat = category == _TALKS
    talked = _sums(bins[chat], value[chat], count, n)
    favour = (category == _FAVOUR) & (value > 0)
    favours = _sums(bins[favour], value[favour], count, n)
    hurt = (category == _GRIEVANCE) & (value < 0)
    age = np.maximum(first.turn - np.concatenate([felt.turn for felt in ledgers])[hurt] - 1, 0)
    # Forgiving nations let old grievances weigh less than the ledger still shows.
    kept = np.repeat(1.0 - np.array(forgiveness, dtype=np.float64), sizes)[hurt] ** age
    grievance = _sums(bins[hurt], -value[hurt] * kept, count, n)
    blames: list[dict[int, list[Blame]]] = [{} for _ in views]
    for k, j, r in zip(owner[hurt].tolist(), to[hurt].tolist(), reason[hurt].tolist(), strict=True):
        operation = _attack(ledgers[k].reasons[r])
        if operation is not None:
            blames[k].setdefault(j, []).append(Blame(*operation))

    tension = first.tension[me]  # (count, n): our row of the public tension
    hostile_posture = (first.posture == _OFFENSIVE).astype(float)
    threat = clamp(
        0.35 * est[:, :, OFFENSE] / 60.0
        + 0.25 * tension / 50.0
        + 0.25 * np.minimum(grievance / 25.0, 1.5)
        + 0.15 * hostile_posture
        - 0.25 * allies,
        0.0,
        1.0,
    )
    threat[rows, me] = 0.0

    # Odds of our operations against each nation, with the engine's formulas.
    allied_counts = allied_matrix.sum(axis=1)
    # (one matrix-vector product per view, as alone: a product of stacks could sum
    # in another order)
    ally_sum = np.array([allied_matrix @ e[:, DEFENSE] for e in est])
    ally_mean = np.divide(
        ally_sum, allied_counts, out=np.zeros((count, n)), where=allied_counts > 0
    )
    shared = np.zeros((count, n))  # we cannot see others' shared intel; assume none
    defense = defense_strength(
        est[:, :, DEFENSE],
        ally_mean,
        shared,
        first.posture,
        partner_count(first.hotline, allied_matrix),
    )
    fresh = np.array([v.intel_age for v in views]) < RULES.intel_fresh_turns
    forensics = np.minimum(
        est[:, :, ATTRIBUTION] + network_attribution(first.hotline, allied_matrix), 100.0
    )
    own_offense = np.array([float(v.own_stats[OFFENSE]) for v in views])
    # (count, 1) columns: each row's strength broadcasts over its targets
    attack = attack_strength(own_offense[:, None], first.posture[me][:, None], fresh)
    # Every kind at once: (kinds, count, n) odds of success and detection; the odds of
    # correct blame do not depend on the kind: (count, n), the same for all of them.
    p_success, p_detect, p_correct = odds(attack, defense, forensics, _KINDS[:, None, None])
    all_odds = {
        kind: (p_success[x], p_detect[x], p_correct) for x, kind in enumerate(_KINDS.tolist())
    }
    hit_odds = [
        {kind: (s[k], d[k], p_correct[k]) for kind, (s, d, _) in all_odds.items()}
        for k in range(count)
    ]

    # Who seems to be winning, by the engine's score formula on our estimates.
    trust_out = np.array([v.trust_out for v in views])
    standing = _estimated_scores(views, est, me, trust_out)
    rivals = standing[others].reshape(count, n - 1)
    middle = median_rows(rivals) if n > 1 else np.zeros(count)
    lead = clamp((standing - middle[:, None]) / 4.0, 0.0, 2.0)
    lead[rows, me] = 0.0
    # The worst threat from any other nation (none without others).
    worst = np.where(others, threat, -np.inf).max(axis=1)
    threat_level = np.where(others.any(axis=1), worst, 0.0).tolist()

    arrays = {
        "others": others,
        "trust": trust_out,
        "tension": tension,
        "level": first.level[me],
        "offense": est[:, :, OFFENSE],
        "defense": est[:, :, DEFENSE],
        "attribution": est[:, :, ATTRIBUTION],
        "economy": est[:, :, ECONOMY],
        "cohesion": est[:, :, COHESION],
        "infrastructure": est[:, :, INFRASTRUCTURE],
        "allies": allies,
        "grievance": grievance,
        "threat": threat,
        "talked": talked,
        "favours": favours,
        "lead": lead,
    }
    # Each situation's arrays are its rows of these (and its view's own trust).
    situations = (
        Situation(
            view=view,
            me=i,
            others=others[k],
            trust=view.trust_out,
            trust_in=view.trust_in,
            tension=arrays["tension"][k],
            level=arrays["level"][k],
            offense=arrays["offense"][k],
            defense=arrays["defense"][k],
            attribution=arrays["attribution"][k],
            economy=arrays["economy"][k],
            cohesion=arrays["cohesion"][k],
            infrastructure=arrays["infrastructure"][k],
            allies=allies[k],
            grievance=grievance[k],
            blames=blames[k],
            threat=threat[k],
            hit_odds=hit_odds[k],
            talked=talked[k],
            favours=favours[k],
            lead=lead[k],
            threat_level=threat_level[k],
        )
        for k, (view, i) in enumerate(zip(views, me.tolist(), strict=True))
    )
    return Situations(situations, arrays, all_odds)


def median_rows(x: np.ndarray) -> np.ndarray:
    """``np.median(x, axis=1)`` of a (rows, m > 0) array without NaN: the same values,
    without np.median's layers of Python. It is the mean of the middle element of each
    sorted row (or of the two middle ones), and np.mean sums from 0.0 then divides by the
    count: ``0.0 + a`` (so -0.0 comes out +0.0) or ``(0.0 + a + b) / 2``."""
    m = x.shape[1]
    half = m // 2
    if m % 2:
        return 0.0 + np.partition(x, half, axis=1)[:, half]
    part = np.partition(x, (half - 1, half), axis=1)
    return (0.0 + part[:, half - 1] + part[:, half]) / 2.0


def same_public(a: NationView, b: NationView) -> bool:
    """Whether two views show the same public facts (the views of one turn do)."""
    arrays = (
        "posture",
        "hotline",
        "tension",
        "trust_public",
        "talks_credit",
        "credibility",
        "level",
    )
    return (
        a.world is b.world
        and a.turn == b.turn
        and a.last_turn == b.last_turn
        and a.alliances == b.alliances
        # Views made from one PublicInfo share these arrays: no need to compare them
        # (for 200 nations that is most of a turn's batching cost).
        and all(_same(getattr(a, k), getattr(b, k)) for k in arrays)
    )


def _same(x: np.ndarray, y: np.ndarray) -> bool:
    return x is y or np.array_equal(x, y)


def _estimated_scores(
    views: Sequence[NationView], est: np.ndarray, me: np.ndarray, trust_out: np.ndarray
) -> np.ndarray:
    """(count, n): each view's estimate of every nation's score, computed together
    (``trust_out``: each view's ``trust_out``, stacked)."""
    first = views[0]
    n = first.n
    count = len(views)
    off = ~np.eye(n, dtype=bool)
    tension = np.where(off, first.tension, 0.0).sum(axis=1) / max(n - 1, 1)
    w_infra, w_def, w_off, w_calm = RULES.security_weights
    security = (
        w_infra * est[:, :, INFRASTRUCTURE]
        + w_def * est[:, :, DEFENSE]
        + w_off * est[:, :, OFFENSE]
        + w_calm * (100.0 - tension)
    )
    w_econ, w_coh = RULES.prosperity_weights
    prosperity = w_econ * est[:, :, ECONOMY] + w_coh * est[:, :, COHESION]
    trust = np.repeat(np.asarray(first.trust_public)[None, :, :], count, axis=0)
    trust[np.arange(count), me] = trust_out
    influence = np.where(off, trust, 0.0).sum(axis=1) / max(n - 1, 1)
    return (security + prosperity + influence) / 3.0


def estimated_scores(view: NationView) -> np.ndarray:
    """Every nation's score as we can estimate it (security, prosperity and influence with
    the engine's weights, on our estimates and on public trust)."""
    me = np.array([view.nation], dtype=np.int64)
    return _estimated_scores([view], view.estimates[None, :, :], me, view.trust_out[None, :])[0]


def in_crisis(situation: Situation) -> np.ndarray:
    return situation.level >= Level.CRISIS
