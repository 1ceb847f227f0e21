"""How an AI nation reads its view: threats, grievances, friends, and the odds of its
operations — all computed from what the nation knows, with the engine's own formulas.
"""

from __future__ import annotations

import re
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
    n = view.n
    me = view.nation
    others = np.ones(n, dtype=bool)
    others[me] = False
    est = view.estimates
    allies = np.zeros(n, dtype=bool)
    for j in view.allies():
        allies[j] = True

    # What each trust modifier we feel says about the nation it is about.
    felt = view.trust_ledger
    kinds = {rid: _category(text) for rid, text in felt.reasons.items()}
    category = np.array([kinds[int(r)] for r in felt.reason], dtype=np.int8)
    to = felt.to.astype(np.int64)
    talked = np.bincount(to[category == _TALKS], felt.value[category == _TALKS], minlength=n)
    favour = (category == _FAVOUR) & (felt.value > 0)
    favours = np.bincount(to[favour], felt.value[favour], minlength=n)
    hurt = (category == _GRIEVANCE) & (felt.value < 0)
    age = np.maximum(view.turn - felt.turn[hurt] - 1, 0)
    # Forgiving nations let old grievances weigh less than the ledger still shows.
    grievance = np.bincount(to[hurt], -felt.value[hurt] * (1.0 - forgiveness) ** age, minlength=n)
    blames: dict[int, list[Blame]] = {}
    for e in np.flatnonzero(hurt):
        match = _ATTACK_REASON.match(felt.reasons[int(felt.reason[e])])
        if match:
            blames.setdefault(int(to[e]), []).append(Blame(match.group(1), int(match.group(2))))

    hostile_posture = (view.posture == Posture.OFFENSIVE).astype(float)
    threat = clamp(
        0.35 * est[:, OFFENSE] / 60.0
        + 0.25 * view.tension[me] / 50.0
        + 0.25 * np.minimum(grievance / 25.0, 1.5)
        + 0.15 * hostile_posture
        - 0.25 * allies,
        0.0,
        1.0,
    )
    threat[me] = 0.0

    # Odds of our operations against each nation, with the engine's formulas.
    allied_matrix = np.zeros((n, n), dtype=bool)
    for alliance in view.alliances:
        members = np.array(alliance.members)
        allied_matrix[np.ix_(members, members)] = True
    np.fill_diagonal(allied_matrix, False)
    allied_counts = allied_matrix.sum(axis=1)
    ally_mean = np.divide(
        allied_matrix @ est[:, DEFENSE], allied_counts, out=np.zeros(n), where=allied_counts > 0
    )
    shared = np.zeros(n)  # we cannot see others' shared intel; assume none
    defense = defense_strength(
        est[:, DEFENSE], ally_mean, shared, view.posture, partner_count(view.hotline, allied_matrix)
    )
    fresh = view.intel_age < RULES.intel_fresh_turns
    forensics = np.minimum(
        est[:, ATTRIBUTION] + network_attribution(view.hotline, allied_matrix), 100.0
    )
    hit_odds = {}
    for kind in OpKind:
        attack = attack_strength(
            np.full(n, view.own_stats[OFFENSE]), np.full(n, view.posture[me]), fresh
        )
        hit_odds[int(kind)] = odds(attack, defense, forensics, np.full(n, int(kind)))

    # Who seems to be winning, by the engine's score formula on our estimates.
    standing = estimated_scores(view)
    rivals = standing[others]
    middle = float(np.median(rivals)) if rivals.size else 0.0
    lead = clamp((standing - middle) / 4.0, 0.0, 2.0)
    lead[me] = 0.0

    return Situation(
        view=view,
        me=me,
        others=others,
        trust=view.trust_out,
        trust_in=view.trust_in,
        tension=view.tension[me],
        level=view.level[me],
        offense=est[:, OFFENSE],
        defense=est[:, DEFENSE],
        attribution=est[:, ATTRIBUTION],
        economy=est[:, ECONOMY],
        cohesion=est[:, COHESION],
        infrastructure=est[:, INFRASTRUCTURE],
        allies=allies,
        grievance=grievance,
        blames=blames,
        threat=threat,
        hit_odds=hit_odds,
        talked=talked,
        favours=favours,
        lead=lead,
    )


def estimated_scores(view: NationView) -> np.ndarray:
    """Every nation's score as we can estimate it (security, prosperity and influence with
    the engine's weights, on our estimates and on public trust)."""
    n = view.n
    est = view.estimates
    off = ~np.eye(n, dtype=bool)
    tension = np.where(off, view.tension, 0.0).sum(axis=1) / max(n - 1, 1)
    w_infra, w_def, w_off, w_calm = RULES.security_weights
    security = (
        w_infra * est[:, INFRASTRUCTURE]
        + w_def * est[:, DEFENSE]
        + w_off * est[:, OFFENSE]
        + w_calm * (100.0 - tension)
    )
    w_econ, w_coh = RULES.prosperity_weights
    prosperity = w_econ * est[:, ECONOMY] + w_coh * est[:, COHESION]
    trust = np.array(view.trust_public)
    trust[view.nation] = view.trust_out
    influence = np.where(off, trust, 0.0).sum(axis=0) / max(n - 1, 1)
    return (security + prosperity + influence) / 3.0


def in_crisis(situation: Situation) -> np.ndarray:
    return situation.level >= Level.CRISIS
