"""How an AI nation reads its view: threats, grievances, friends, and the odds of its
operations — all computed from what the nation knows, with the engine's own formulas.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
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

_ATTACK_REASON = re.compile(r"^attacked us \((\w+), turn (\d+)\)$")
_OTHER, _TALKS, _FAVOUR, _GRIEVANCE = range(4)
_FAVOURS = (
    "shared intelligence with us",
    "helped build our cyber capacity",
    "agreed to our proposal",
)
_GRIEVANCES = ("attacked", "publicly accused us", "cheated", "violated norm", "left the")


@lru_cache(maxsize=4096)
def _category(reason: str) -> int:
    """What kind of memory a trust reason is, for the AI."""
    if reason == "talks":
        return _TALKS
    if reason in _FAVOURS:
        return _FAVOUR
    if reason.startswith(_GRIEVANCES):
        return _GRIEVANCE
    return _OTHER


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

    @property
    def threat_level(self) -> float:
        """0-1: the worst threat we face."""
        return float(self.threat[self.others].max()) if self.others.any() else 0.0

    def grievance_against(self, j: int) -> float:
        return float(self.grievance[j])

    def latest_blame(self, j: int) -> Blame | None:
        found = self.blames.get(j)
        return max(found, key=lambda b: b.turn) if found else None


def read_situation(view: NationView, forgiveness: float) -> Situation:
    """Everything the AI derives from its view before scoring actions."""
    return read_situations([view], [forgiveness])[0]


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
        return [read_situations([v], [f])[0] for v, f in zip(views, forgiveness, strict=True)]
    n = first.n
    count = len(views)
    rows = np.arange(count)
    me = np.array([v.nation for v in views], dtype=np.int64)
    others = np.ones((count, n), dtype=bool)
    others[rows, me] = False
    est = np.stack([v.estimates for v in views])  # (count, n, stats)

    # Alliances are public: one matrix for everybody; our allies are our row of it.
    allied_matrix = np.zeros((n, n), dtype=bool)
    for alliance in first.alliances:
        members = np.array(alliance.members)
        allied_matrix[np.ix_(members, members)] = True
    np.fill_diagonal(allied_matrix, False)
    allies = allied_matrix[me]

    # What each trust modifier we feel says about the nation it is about.
    talked = np.zeros((count, n))
    favours = np.zeros((count, n))
    grievance = np.zeros((count, n))
    blames: list[dict[int, list[Blame]]] = []
    for k, (view, forgive) in enumerate(zip(views, forgiveness, strict=True)):
        felt = view.trust_ledger
        category = np.array(
            [_category(felt.reasons[r]) for r in felt.reason.tolist()], dtype=np.int8
        )
        to = felt.to.astype(np.int64)
        chat = category == _TALKS
        talked[k] = np.bincount(to[chat], felt.value[chat], minlength=n)
        favour = (category == _FAVOUR) & (felt.value > 0)
        favours[k] = np.bincount(to[favour], felt.value[favour], minlength=n)
        hurt = (category == _GRIEVANCE) & (felt.value < 0)
        age = np.maximum(view.turn - felt.turn[hurt] - 1, 0)
        # Forgiving nations let old grievances weigh less than the ledger still shows.
        grievance[k] = np.bincount(
            to[hurt], -felt.value[hurt] * (1.0 - forgive) ** age, minlength=n
        )
        pinned: dict[int, list[Blame]] = {}
        for e in np.flatnonzero(hurt).tolist():
            match = _ATTACK_REASON.match(felt.reasons[int(felt.reason[e])])
            if match:
                pinned.setdefault(int(to[e]), []).append(Blame(match.group(1), int(match.group(2))))
        blames.append(pinned)

    tension = first.tension[me]  # (count, n): our row of the public tension
    hostile_posture = (first.posture == Posture.OFFENSIVE).astype(float)
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
    ally_mean = np.stack(
        [
            np.divide(
                allied_matrix @ e[:, DEFENSE],
                allied_counts,
                out=np.zeros(n),
                where=allied_counts > 0,
            )
            for e in est
        ]
    )
    shared = np.zeros((count, n))  # we cannot see others' shared intel; assume none
    defense = defense_strength(
        est[:, :, DEFENSE],
        ally_mean,
        shared,
        first.posture,
        partner_count(first.hotline, allied_matrix),
    )
    fresh = np.stack([v.intel_age for v in views]) < RULES.intel_fresh_turns
    forensics = np.minimum(
        est[:, :, ATTRIBUTION] + network_attribution(first.hotline, allied_matrix), 100.0
    )
    own_offense = np.array([float(v.own_stats[OFFENSE]) for v in views])
    attack = attack_strength(
        np.broadcast_to(own_offense[:, None], (count, n)),
        np.broadcast_to(first.posture[me][:, None], (count, n)),
        fresh,
    )
    hit_odds = [{} for _ in views]  # type: list[dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]]]
    for kind in OpKind:
        p = odds(attack, defense, forensics, np.full((count, n), int(kind)))
        for k in range(count):
            hit_odds[k][int(kind)] = (p[0][k], p[1][k], p[2][k])

    # Who seems to be winning, by the engine's score formula on our estimates.
    standing = _estimated_scores(views, est, me)
    rivals = standing[others].reshape(count, n - 1)
    middle = np.median(rivals, axis=1) if n > 1 else np.zeros(count)
    lead = clamp((standing - middle[:, None]) / 4.0, 0.0, 2.0)
    lead[rows, me] = 0.0

    return [
        Situation(
            view=view,
            me=int(me[k]),
            others=others[k],
            trust=view.trust_out,
            trust_in=view.trust_in,
            tension=view.tension[me[k]],
            level=view.level[me[k]],
            offense=est[k, :, OFFENSE],
            defense=est[k, :, DEFENSE],
            attribution=est[k, :, ATTRIBUTION],
            economy=est[k, :, ECONOMY],
            cohesion=est[k, :, COHESION],
            infrastructure=est[k, :, INFRASTRUCTURE],
            allies=allies[k],
            grievance=grievance[k],
            blames=blames[k],
            threat=threat[k],
            hit_odds=hit_odds[k],
            talked=talked[k],
            favours=favours[k],
            lead=lead[k],
        )
        for k, view in enumerate(views)
    ]


def same_public(a: NationView, b: NationView) -> bool:
    """Whether two views show the same public facts (the views of one turn do)."""
    arrays = ("posture", "hotline", "tension", "trust_public", "credibility", "level")
    return (
        a.world is b.world
        and a.turn == b.turn
        and a.alliances == b.alliances
        # Views made from one PublicInfo share these arrays: no need to compare them
        # (for 200 nations that is most of a turn's batching cost).
        and all(_same(getattr(a, k), getattr(b, k)) for k in arrays)
    )


def _same(x: np.ndarray, y: np.ndarray) -> bool:
    return x is y or np.array_equal(x, y)


def _estimated_scores(views: Sequence[NationView], est: np.ndarray, me: np.ndarray) -> np.ndarray:
    """(count, n): each view's estimate of every nation's score, computed together."""
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
    trust[np.arange(count), me] = np.stack([v.trust_out for v in views])
    influence = np.where(off, trust, 0.0).sum(axis=1) / max(n - 1, 1)
    return (security + prosperity + influence) / 3.0


def estimated_scores(view: NationView) -> np.ndarray:
    """Every nation's score as we can estimate it (security, prosperity and influence with
    the engine's weights, on our estimates and on public trust)."""
    me = np.array([view.nation], dtype=np.int64)
    return _estimated_scores([view], view.estimates[None, :, :], me)[0]


def in_crisis(situation: Situation) -> np.ndarray:
    return situation.level >= Level.CRISIS
