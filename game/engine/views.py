"""Fog of war: what one nation can see of the game (``view_for``).

A :class:`NationView` holds exactly what a nation knows, and nothing else:

- its own state exactly: stats, budget, posture, its trust toward everyone with every
  reason, the proposals and choices waiting for it;
- other nations' stats only as *estimates* with an uncertainty (σ) that is zero right
  after espionage, grows with the age of the intel, and is smaller for allies;
- public facts: postures, alliances, hotlines, treaty signatures, tension and escalation,
  sanctions, credibility, world stability, and trust between others as far as public
  modifiers (talks, accusations, treaties...) reveal it;
- only the operations it suffered and detected (with the attacker it *believes*), and
  the ones it launched itself.

Arrays shared between the views of one state are read-only. It never contains true attackers, undetected operations, others' private trust
modifiers or hidden cheating. The AI decides from this view alone; the UI shows it.
The noise of estimates is seeded by (game seed, turn, nation), so a view is a pure
function of the state.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from game.engine.legal import OrderContext, SharedContext, context_for
from game.engine.numeric import clamp
from game.engine.records import IncidentSeen
from game.engine.rules import RULES
from game.engine.scoring import StabilityBreakdown, stability_terms
from game.engine.seeding import generator
from game.engine.state import AllianceState, GameState, PendingChoice, Proposal, proposals_for
from game.engine.trust import (
    STANDING_LABELS,
    TrustExplanation,
    TrustReason,
    standing_terms,
    trust_matrix,
)
from game.engine.types import STATS
from game.engine.world import World
from game.scenario.models import TALKS_TRUST_REASON, Nation

#: Stats that are partly public (economic data, outages, polls): estimated more sharply.
_PUBLICNESS = np.array([0.5, 0.6, 1.0, 1.0, 1.0, 0.6])


@dataclass(frozen=True, eq=False)
class NationView:
    """Everything nation ``nation`` may know at the start of turn ``turn``."""

    world: World
    nation: int
    turn: int
    last_turn: int
    over: bool
    own_stats: np.ndarray  # (6,) exact
    budget: float
    estimates: np.ndarray  # (n, 6): own row exact
    uncertainty: np.ndarray  # (n, 6) σ of each estimate; own row 0
    intel_age: np.ndarray  # (n,) turns since our last fresh intel (large when never)
    posture: np.ndarray  # (n,) public
    trust_out: np.ndarray  # (n,) our trust toward each nation, exact
    trust_in: np.ndarray  # (n,) estimate of each nation's trust toward us
    trust_public: np.ndarray  # (n, n) trust as public information shows it (own row: see trust_out)
    talks_credit: np.ndarray  # (n, n) public: trust row holds toward column from talks
    trust_ledger: FeltModifiers  # the ledger modifiers we feel, toward anyone
    trust_standing: dict[str, np.ndarray]  # standing terms of our trust toward each nation
    trust_baseline: np.ndarray  # (n,) scenario baseline of our trust
    tension: np.ndarray  # (n, n) public
    level: np.ndarray  # (n, n) escalation ladder, public
    hotline: np.ndarray  # (n, n) public
    alliances: tuple[AllianceState, ...]
    norm_signed: np.ndarray
    norm_in_force: np.ndarray
    norm_tabled: np.ndarray
    arms_party: np.ndarray
    arms_in_force: np.ndarray
    arms_tabled: np.ndarray
    arms_exposed: np.ndarray
    sanctions: np.ndarray  # (n, n) turns left, public
    credibility: np.ndarray  # (n,) public
    stability: StabilityBreakdown
    incidents: tuple[IncidentSeen, ...]
    proposals_to_me: tuple[Proposal, ...]
    my_proposals: tuple[Proposal, ...]
    choices: tuple[PendingChoice, ...]
    orders_context: OrderContext
    shared_intel: int
    my_cheating: np.ndarray  # (agreements,) bool: we built offense past a cap we ratified
    private_nation: Nation  # our own scenario entry, secrets included
    extras: dict[str, object] = field(default_factory=dict)

    @property
    def me(self) -> str:
        return self.world.ids[self.nation]

    @property
    def my_nation(self) -> Nation:
        """Our own nation as the scenario describes it, briefing and secret objectives
        included (``world`` is the public world: others' secrets are not in it)."""
        return self.private_nation

    @property
    def n(self) -> int:
        return self.world.n

    def allies(self) -> list[int]:
        return sorted(
            {m for a in self.alliances if self.nation in a.members for m in a.members}
            - {self.nation}
        )

    def explain_trust(self, j: int) -> TrustExplanation:
        """Why we trust nation ``j`` as much as we do: every reason, largest first."""
        reasons = [
            TrustReason(STANDING_LABELS[name], float(row[j]), 0.0, None, True, True)
            for name, row in self.trust_standing.items()
            if abs(float(row[j])) >= 0.05
        ]
        reasons.extend(self.trust_ledger.toward(j))
        reasons.sort(key=lambda r: -abs(r.value))
        return TrustExplanation(
            self.nation, j, float(self.trust_out[j]), float(self.trust_baseline[j]), tuple(reasons)
        )

    def grievances(self, j: int) -> list[TrustReason]:
        """Our ledger modifiers toward ``j`` that lower trust (attacks, accusations...)."""
        return [r for r in self.trust_ledger.toward(j) if r.value < 0]

    def estimate(self, j: int, stat: str) -> tuple[float, float]:
        """(estimate, σ) of nation j's stat."""
        k = STATS.index(stat)
        return float(self.estimates[j, k]), float(self.uncertainty[j, k])


def _sigmas(
    state: GameState, nations: np.ndarray, allied: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(σ, intel age) as each of ``nations`` sees every nation: (k, n, stats) and (k, n).

    ``allied`` is the state's (n, n) alliance matrix. Every element is computed as it
    would be for one nation alone (elementwise operations only).
    """
    age = state.turn - state.intel_turn[nations]
    fresh = RULES.intel_fresh_turns
    sigma = np.where(
        age < fresh,
        0.0,
        np.minimum(
            RULES.estimate_noise_max,
            RULES.estimate_noise + RULES.estimate_noise_per_turn * np.maximum(age - fresh, 0),
        ),
    )
    sigma = np.where(allied[nations], sigma * RULES.ally_noise_factor, sigma)
    sigma[np.arange(len(nations)), nations] = 0.0  # we know ourselves exactly
    return sigma[:, :, None] * _PUBLICNESS, age


def _noise(state: GameState, nation: int, salt: int, shape: tuple[int, ...]) -> np.ndarray:
    """Standard normal noise of ``nation``'s view, from its own generator seeded by
    (game seed, turn, nation, salt): salt 1 for the estimates, 2 for trust in us."""
    return generator(state.seed, state.turn, nation, salt).standard_normal(shape)


def _estimates(
    state: GameState, nations: np.ndarray, allied: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(estimates, σ, intel age) of every nation's stats as each of ``nations`` sees
    them: (k, n, stats), (k, n, stats) and (k, n)."""
    sigma, age = _sigmas(state, nations, allied)
    noise = np.stack([_noise(state, int(i), 1, state.stats.shape) for i in nations])
    return clamp(state.stats + sigma * noise, 0.0, 100.0), sigma, age


def estimates_for(state: GameState, nation: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(estimates, σ, intel age) of every nation's stats as ``nation`` sees them."""
    estimates, sigma, age = _estimates(state, np.array([nation]), state.allied_matrix())
    return estimates[0], sigma[0], age[0]


@dataclass(frozen=True, eq=False)
class PublicInfo:
    """What every view of one state shares; computed once when making many views."""

    terms: dict[str, np.ndarray]
    trust: np.ndarray
    public_trust: np.ndarray
    talks_credit: np.ndarray  # (n, n) trust from talks, row toward column (public)
    stability: StabilityBreakdown
    allied: np.ndarray
    facts: dict[str, np.ndarray]  # read-only copies of the public arrays of the state
    orders: SharedContext  # what every nation's order context shares

    @classmethod
    def of(cls, state: GameState) -> PublicInfo:
        terms = standing_terms(state)
        trust = trust_matrix(state, terms)
        facts = {name: _frozen(getattr(state, name)) for name in _PUBLIC_ARRAYS}
        return cls(
            terms,
            trust,
            _frozen(public_trust(state, terms)),
            _frozen(
                state.ledger.matrix(
                    state.world.n, state.norm_signed, only_public=True, reason=TALKS_TRUST_REASON
                )
            ),
            stability_terms(state, trust),
            state.allied_matrix(),
            facts,
            SharedContext.of(state),
        )


_PUBLIC_ARRAYS = (
    "posture",
    "tension",
    "level",
    "hotline",
    "norm_signed",
    "norm_in_force",
    "norm_tabled",
    "arms_party",
    "arms_in_force",
    "arms_tabled",
    "arms_exposed",
    "sanctions",
    "credibility",
)


def _frozen(array: np.ndarray) -> np.ndarray:
    out = np.array(array, copy=True)
    out.flags.writeable = False
    return out


def public_trust(state: GameState, terms: dict[str, np.ndarray] | None = None) -> np.ndarray:
    """Trust as anyone can infer it: baseline, standing terms and public modifiers."""
    n = state.world.n
    total = state.trust_base.copy()
    for term in (terms if terms is not None else standing_terms(state)).values():
        total += term
    total += state.ledger.matrix(n, state.norm_signed, only_public=True)
    np.clip(total, 0.0, 100.0, out=total)
    np.fill_diagonal(total, 100.0)
    return total


@dataclass(frozen=True, eq=False)
class FeltModifiers:
    """The trust-ledger modifiers one nation feels, as arrays (reasons built on demand)."""

    to: np.ndarray
    value: np.ndarray
    decay: np.ndarray
    turn: np.ndarray
    public: np.ndarray
    reason: np.ndarray
    reasons: dict[int, str]  # only the reasons of the modifiers this nation feels

    def toward(self, j: int) -> list[TrustReason]:
        return [
            TrustReason(
                self.reasons[int(self.reason[e])],
                float(self.value[e]),
                float(self.decay[e]),
                int(self.turn[e]),
                bool(self.public[e]),
                False,
            )
            for e in np.flatnonzero(self.to == j)
        ]


def _felt(state: GameState, i: int) -> FeltModifiers:
    ledger = state.ledger
    rows = ledger.felt_by(i, state.norm_signed)
    ids = ledger.reason[rows]
    return FeltModifiers(
        ledger.to[rows],
        ledger.value[rows],
        ledger.decay[rows],
        ledger.turn[rows],
        ledger.public[rows],
        ids,
        {r: ledger.reasons[r] for r in sorted(set(ids.tolist()))},
    )


def incidents_seen(state: GameState, nation: int) -> tuple[IncidentSeen, ...]:
    """Recent operations this nation knows of: suffered and detected, or launched."""
    out = []
    for r in state.incident_log:
        if r.target == nation and r.detected:
            out.append(
                IncidentSeen(
                    r.id,
                    r.turn,
                    r.kind,
                    "victim",
                    r.blamed,
                    r.success if r.kind != "espionage" else None,
                    r.corrected_by_hotline,
                )
            )
        elif r.attacker == nation:
            out.append(IncidentSeen(r.id, r.turn, r.kind, "attacker", r.target, r.success))
    return tuple(out)


def view_for(
    state: GameState,
    nation: int | str,
    *,
    shared: PublicInfo | None = None,
) -> NationView:
    """What ``nation`` sees now. Pass ``shared`` (``PublicInfo.of(state)``) when making the
    views of many nations of the same state, or make them together with :func:`views_for`."""
    return views_for(state, [nation], shared=shared)[0]


def views_for(
    state: GameState,
    nations: Sequence[int | str],
    *,
    shared: PublicInfo | None = None,
) -> list[NationView]:
    """What each of ``nations`` sees now: ``[view_for(state, x) for x in nations]``, the
    same views (bit for bit), made together.

    The fog arithmetic runs once over (nations, n) arrays, element by element as for one
    nation, and each view's noise still comes from its own generators (see
    :func:`_noise`). A view's arrays are its own rows of those arrays: no two views
    share an element, only the read-only public facts (as with ``shared``).
    """
    world = state.world
    idx = [world.index[x] if isinstance(x, str) else int(x) for x in nations]
    if not idx:
        return []
    info = shared if shared is not None else PublicInfo.of(state)
    rows = np.array(idx, dtype=np.intp)
    estimates, sigma, age = _estimates(state, rows, info.allied)
    # Our estimate of each nation's trust in us: their true trust, blurred.
    noise = np.stack([_noise(state, i, 2, (world.n,)) for i in idx])
    trust_in = clamp(info.trust.T[rows] + RULES.trust_in_me_noise * noise, 0.0, 100.0)
    trust_in[np.arange(len(idx)), rows] = 100.0  # (we know our own trust)
    intel_age = age.astype(np.int64)
    own_stats = state.stats[rows]
    trust_out = info.trust[rows]
    baseline = state.trust_base[rows]
    standing = {name: term[rows] for name, term in info.terms.items()}
    facts = info.facts
    public = world.public
    nations_private = world.scenario.nations
    return [
        NationView(
            world=public,
            nation=i,
            turn=state.turn,
            last_turn=state.last_turn,
            over=state.over,
            own_stats=own_stats[k],
            budget=info.orders.budgets[i],
            estimates=estimates[k],
            uncertainty=sigma[k],
            intel_age=intel_age[k],
            posture=facts["posture"],
            trust_out=trust_out[k],
            trust_in=trust_in[k],
            trust_public=info.public_trust,
            talks_credit=info.talks_credit,
            trust_ledger=_felt(state, i),
            trust_standing={name: term[k] for name, term in standing.items()},
            trust_baseline=baseline[k],
            tension=facts["tension"],
            level=facts["level"],
            hotline=facts["hotline"],
            alliances=state.alliances,
            norm_signed=facts["norm_signed"],
            norm_in_force=facts["norm_in_force"],
            norm_tabled=facts["norm_tabled"],
            arms_party=facts["arms_party"],
            arms_in_force=facts["arms_in_force"],
            arms_tabled=facts["arms_tabled"],
            arms_exposed=facts["arms_exposed"],
            sanctions=facts["sanctions"],
            credibility=facts["credibility"],
            stability=info.stability,
            incidents=incidents_seen(state, i),
            proposals_to_me=proposals_for(state, i),
            my_proposals=tuple(p for p in state.proposals if p.frm == i),
            choices=tuple(
                c for c in state.pending_choices if c.nation == i and c.turn < state.turn
            ),
            orders_context=context_for(state, i, info.orders),
            shared_intel=int(state.shared_intel[i]),
            my_cheating=state.arms_cheating[:, i].copy(),
            private_nation=nations_private[i],
        )
        for k, i in enumerate(idx)
    ]


def omniscient_view(state: GameState, nation: int | str = 0) -> NationView:
    """The facilitator's view, centred on ``nation``: the truth, with no fog at all.

    Estimates are the true stats (σ 0), ``trust_public`` is the true trust matrix, and
    the operations are all of them, each nation's as it really happened. Never give this
    to a player or an AI; the facilitator console and the debrief use it.
    """
    view = view_for(state, nation)
    i = view.nation
    info = PublicInfo.of(state)
    truth = np.array(info.trust)
    truth.flags.writeable = False
    everything = tuple(
        IncidentSeen(
            r.id,
            r.turn,
            r.kind,
            "victim" if r.target == i else "attacker",
            r.attacker if r.target == i else r.target,
            r.success,
            r.corrected_by_hotline,
        )
        for r in state.incident_log
    )
    return replace(
        view,
        estimates=state.stats.copy(),
        uncertainty=np.zeros_like(state.stats),
        intel_age=np.zeros(state.world.n, dtype=np.int64),
        trust_in=info.trust[:, i].copy(),
        trust_public=truth,
        incidents=everything,
        extras={"omniscient": True, "true_incidents": state.incident_log},
    )
