"""Trust: a scenario baseline, standing terms, and a ledger of named, fading modifiers.

``trust[i, j]`` (how much nation i trusts nation j, 0-100, 50 neutral) is

    clip(baseline[i, j] + standing terms + sum of ledger modifiers (i -> j), 0, 100)

*Standing terms* follow the current relations and last while they do (allies, hotline,
j's posture, norms and treaties both signed, sanctions). *Ledger modifiers* are events
("attacked us (sabotage, turn 7)", "talks") with a value that shrinks by its own decay
rate every turn, so trust recovers. Every term has a name, so :func:`explain` can always
answer "why does i trust j this much?".

The ledger is a set of parallel numpy arrays; modifiers with the same pair and reason
merge (up to a cap), so repeated talks do not grow the ledger without bound.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from game.engine.numeric import clamp, pair_masks, rule_table
from game.engine.rules import RULES

if TYPE_CHECKING:
    from game.engine.state import GameState


#: Audience codes of a ledger entry: one observer, everyone, or a norm's signatories (>= 0).
SINGLE = -1
EVERYONE = -2

_FIELDS = ("audience", "frm", "to", "value", "decay", "cap", "reason", "turn", "public")
_DTYPES = {
    "audience": np.int32,
    "frm": np.int32,
    "to": np.int32,
    "value": np.float64,
    "decay": np.float64,
    "cap": np.float64,
    "reason": np.int32,
    "turn": np.int32,
    "public": bool,
}


class Ledger:
    """Named trust modifiers, with their own decay rates.

    An entry is felt by its *audience*: a single observer (``frm``), everyone, or every
    signatory of a norm (the code is the norm's index). For audiences, ``frm`` is a
    nation left out (the accuser of a denunciation), or -1. Broadcast entries keep the
    ledger small in big worlds: one entry instead of one per observer.

    Additions are buffered and merged when the ledger is next read, so a turn's many
    small additions cost one merge.
    """

    __slots__ = (
        "_pending",
        "_reason_ids",
        "audience",
        "cap",
        "decay",
        "frm",
        "public",
        "reason",
        "reasons",
        "to",
        "turn",
        "value",
    )

    audience: np.ndarray
    frm: np.ndarray
    to: np.ndarray
    value: np.ndarray
    decay: np.ndarray
    cap: np.ndarray
    reason: np.ndarray
    turn: np.ndarray
    public: np.ndarray

    def __init__(self) -> None:
        for name in _FIELDS:
            setattr(self, name, np.zeros(0, dtype=_DTYPES[name]))
        self.reasons: list[str] = []
        self._reason_ids: dict[str, int] = {}
        self._pending: list[tuple[Any, ...]] = []

    def __len__(self) -> int:
        self._flush()
        return int(self.value.size)

    def copy(self) -> Ledger:
        self._flush()
        other = Ledger()
        for name in _FIELDS:
            setattr(other, name, getattr(self, name).copy())
        other.reasons = list(self.reasons)
        other._reason_ids = dict(self._reason_ids)
        return other

    def reason_id(self, text: str) -> int:
        found = self._reason_ids.get(text)
        if found is None:
            found = len(self.reasons)
            self.reasons.append(text)
            self._reason_ids[text] = found
        return found

    def add(
        self,
        frm: Any,
        to: Any,
        value: Any,
        reason: str,
        turn: int,
        *,
        decay: float,
        cap: float = 100.0,
        public: bool = False,
        audience: int = SINGLE,
    ) -> None:
        """Add modifiers (``frm``/``to``/``value`` scalars or equal-length arrays).

        A modifier whose audience, observer, target and reason already exist is merged
        into it (values add, the newest turn is kept) and held within ``±cap``.
        """
        rows = modifier_rows(frm, to, value, audience)
        self.add_rows(rows, reason, turn, decay=decay, cap=cap, public=public, audience=audience)

    def add_rows(
        self,
        rows: list[tuple[int, int, float]],
        reason: str,
        turn: int,
        *,
        decay: float,
        cap: float = 100.0,
        public: bool = False,
        audience: int = SINGLE,
    ) -> None:
        """:meth:`add` for rows as :func:`modifier_rows` makes them (Python numbers, the
        empty ones already left out)."""
        rid = self.reason_id(reason)
        for f, t, v in rows:
            self._pending.append(
                (audience, f, t, min(max(v, -cap), cap), decay, cap, rid, turn, public)
            )

    def flush(self) -> None:
        """Merge buffered additions now (a finished state is flushed, so reading it never
        changes it — views may be built from another thread)."""
        self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        rows = self._pending
        self._pending = []
        columns = list(zip(*rows, strict=True))
        for k, name in enumerate(_FIELDS):
            fresh = np.array(columns[k], dtype=_DTYPES[name])
            setattr(self, name, np.concatenate([getattr(self, name), fresh]))
        self._merge()

    def _merge(self) -> None:
        key = (
            ((self.audience.astype(np.int64) + 2) * 1_000_003 + self.frm + 1) * 1_000_003 + self.to
        ) * 100_003 + self.reason
        uniq, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        if uniq.size == key.size:
            return
        summed = np.bincount(inverse, weights=self.value, minlength=uniq.size)
        newest = np.zeros(uniq.size, dtype=np.int32)
        np.maximum.at(newest, inverse, self.turn)
        # Groups keep the position of their first entry, so the ledger order is stable.
        groups = np.argsort(first, kind="stable")
        keep = first[groups]
        for name in ("audience", "frm", "to", "decay", "cap", "reason", "public"):
            setattr(self, name, getattr(self, name)[keep])
        self.value = clamp(summed[groups], -self.cap, self.cap)
        self.turn = newest[groups]

    def decay_step(self) -> None:
        """One turn passes: every modifier shrinks by its decay; tiny ones vanish."""
        self._flush()
        self.value = self.value * (1.0 - self.decay)
        keep = np.abs(self.value) >= RULES.prune_below
        if not keep.all():
            for name in _FIELDS:
                setattr(self, name, getattr(self, name)[keep])

    def matrix(
        self,
        n: int,
        norm_signed: np.ndarray,
        *,
        only_public: bool = False,
        reason: str | None = None,
    ) -> np.ndarray:
        """(n, n) sum of modifiers felt by the row nation toward the column nation (only
        the public ones, or only those named ``reason``, when asked)."""
        self._flush()
        out = np.zeros(n * n)
        keep: np.ndarray | None = None
        if only_public:
            keep = self.public
        if reason is not None:
            named = self.reason == self._reason_ids.get(reason, -1)
            keep = named if keep is None else keep & named

        def scoped(mask: np.ndarray) -> np.ndarray:
            return mask if keep is None else mask & keep

        is_single = self.audience == SINGLE
        single = scoped(is_single)
        if single.any():
            out += np.bincount(
                self.frm[single].astype(np.int64) * n + self.to[single],
                weights=self.value[single],
                minlength=n * n,
            )
        grouped = scoped(~is_single)
        if grouped.any():
            excluded = grouped & (self.frm >= 0)
            if excluded.any():
                out -= np.bincount(
                    self.frm[excluded].astype(np.int64) * n + self.to[excluded],
                    weights=self.value[excluded],
                    minlength=n * n,
                )
        matrix = out.reshape(n, n)
        everyone = scoped(self.audience == EVERYONE)
        if everyone.any():
            matrix += np.bincount(self.to[everyone], weights=self.value[everyone], minlength=n)[
                None, :
            ]
        by_norm = scoped(self.audience >= 0)
        if by_norm.any() and norm_signed.shape[0]:
            felt = np.zeros((norm_signed.shape[0], n))
            np.add.at(felt, (self.audience[by_norm], self.to[by_norm]), self.value[by_norm])
            matrix += norm_signed.T.astype(np.float64) @ felt
        return matrix

    def felt_by(self, i: int, norm_signed: np.ndarray) -> np.ndarray:
        """Indices of the entries that nation ``i`` feels (toward anyone)."""
        self._flush()
        single = (self.audience == SINGLE) & (self.frm == i)
        everyone = (self.audience == EVERYONE) & (self.frm != i)
        by_norm = self.audience >= 0
        if by_norm.any() and norm_signed.shape[0]:
            signed = norm_signed[:, i][np.maximum(self.audience, 0)]
            by_norm &= signed & (self.frm != i)
        else:
            by_norm[:] = False
        return np.flatnonzero((single | everyone | by_norm) & (self.to != i))

    def to_dict(self) -> dict[str, Any]:
        self._flush()
        out: dict[str, Any] = {name: getattr(self, name).tolist() for name in _FIELDS}
        out["reasons"] = list(self.reasons)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Ledger:
        ledger = cls()
        for name in _FIELDS:
            setattr(ledger, name, np.asarray(data[name], dtype=_DTYPES[name]))
        ledger.reasons = [str(r) for r in data["reasons"]]
        ledger._reason_ids = {r: k for k, r in enumerate(ledger.reasons)}
        sizes = {getattr(ledger, name).size for name in _FIELDS}
        if len(sizes) > 1 or (
            ledger.reason.size
            and (ledger.reason.max() >= len(ledger.reasons) or ledger.reason.min() < 0)
        ):
            raise ValueError("trust ledger arrays disagree")
        return ledger

    def arrays(self) -> dict[str, np.ndarray]:
        """The merged arrays (for hashing)."""
        self._flush()
        return {name: getattr(self, name) for name in _FIELDS}


def talk_gain(credit: Any) -> Any:
    """The trust one more round of talks (opened by one side) would earn, given the trust
    talks already hold between the pair: the cap cuts off what would go past it."""
    return np.clip(RULES.talks_cap - np.asarray(credit, dtype=np.float64), 0.0, RULES.talks_trust)


# --------------------------------------------------------------------------- standing terms


def standing_terms(state: GameState) -> dict[str, np.ndarray]:
    """Named (n, n) trust terms that hold while the relation they describe lasts."""
    off = pair_masks(state.world.n).off
    # (np.where keeps every off-diagonal value as it is, -0.0 included)
    return {name: np.where(off, term, 0.0) for name, term in _standing_terms(state).items()}


def _standing_terms(state: GameState) -> dict[str, np.ndarray]:
    """The standing terms as :func:`standing_terms` names them, but with their diagonals
    left as they come (trust toward oneself is fixed at 100 anyway), and the posture term
    as one (1, n) row that broadcasts over the observers."""
    toward = rule_table(RULES.posture_trust)[state.posture]  # everyone's trust toward j
    terms: dict[str, np.ndarray] = {
        "posture": toward[None, :],
        "ally": RULES.ally_trust * state.allied_matrix(),
        "hotline": RULES.hotline_trust * state.hotline,
    }
    if state.norm_signed.shape[0]:
        live = state.norm_signed & state.norm_in_force[:, None]
        shared = live.T.astype(np.float64) @ live.astype(np.float64)
        terms["norms"] = RULES.norm_partner_trust * np.minimum(shared, 3.0)
    if state.arms_party.shape[0]:
        live = state.arms_party & state.arms_in_force[:, None]
        shared = live.T.astype(np.float64) @ live.astype(np.float64)
        terms["arms_control"] = RULES.arms_partner_trust * np.minimum(shared, 2.0)
    terms["sanctions"] = RULES.sanction_trust * (state.sanctions.T > 0)
    return terms


STANDING_LABELS: dict[str, str] = {
    "posture": "their posture",
    "ally": "allies",
    "hotline": "hotline",
    "norms": "norms we both keep",
    "arms_control": "arms control partners",
    "sanctions": "sanctions against us",
}


def trust_matrix(state: GameState, terms: dict[str, np.ndarray] | None = None) -> np.ndarray:
    """The full (n, n) trust matrix, 0-100, with the diagonal at 100.

    ``terms`` may be passed when :func:`standing_terms` is already at hand for this state.
    """
    n = state.world.n
    total = state.trust_base + state.ledger.matrix(n, state.norm_signed)
    for term in (_standing_terms(state) if terms is None else terms).values():
        total += term
    np.clip(total, 0.0, 100.0, out=total)
    np.fill_diagonal(total, 100.0)
    return total


# --------------------------------------------------------------------------- explanation


def modifier_rows(frm: Any, to: Any, value: Any, audience: int) -> list[tuple[int, int, float]]:
    """``(frm, to, value)`` rows of Python numbers from scalars or equal-length arrays,
    without the ones that change nothing: a zero value, no target, or (for a single
    observer) no observer or an observer's trust in itself."""
    if is_scalar(frm) and is_scalar(to) and is_scalar(value):
        rows = [(int(frm), int(to), float(value))]
    else:
        fa, ta, va = np.broadcast_arrays(
            np.atleast_1d(np.asarray(frm, dtype=np.int64)),
            np.atleast_1d(np.asarray(to, dtype=np.int64)),
            np.atleast_1d(np.asarray(value, dtype=np.float64)),
        )
        rows = list(zip(fa.tolist(), ta.tolist(), va.tolist(), strict=True))
    return [
        (f, t, v)
        for f, t, v in rows
        if v != 0 and t >= 0 and (audience != SINGLE or (f != t and f >= 0))
    ]


def is_scalar(x: Any) -> bool:
    """Whether ``x`` is one number (the common case, checked without numpy's overhead)."""
    return isinstance(x, _SCALAR_TYPES) or np.ndim(x) == 0


_SCALAR_TYPES = (int, float, np.integer, np.floating)


@dataclass(frozen=True, slots=True)
class TrustReason:
    """One named contribution to a nation's trust in another."""

    label: str
    value: float
    #: share lost each turn (0 for standing terms, which last while the relation does)
    decay: float
    turn: int | None
    public: bool
    standing: bool

    @property
    def turns_to_fade(self) -> int | None:
        """Turns until the modifier drops below one point (None for standing terms)."""
        if self.standing or self.decay <= 0:
            return None
        if abs(self.value) < 1:
            return 0
        return math.ceil(math.log(1 / abs(self.value)) / math.log(1 - self.decay))

    def describe(self) -> str:
        sign = "+" if self.value >= 0 else ""
        if self.standing:
            return f"{sign}{self.value:.0f} {self.label} (while it lasts)"
        fade = self.turns_to_fade
        return f"{sign}{self.value:.0f} {self.label} (fades in ~{fade} turns)"


@dataclass(frozen=True, slots=True)
class TrustExplanation:
    """Why nation ``i`` trusts nation ``j`` as much as it does."""

    frm: int
    to: int
    value: float
    baseline: float
    reasons: tuple[TrustReason, ...]

    def lines(self) -> list[str]:
        out = [f"{self.value:.0f} = baseline {self.baseline:.0f}"]
        out.extend("  " + r.describe() for r in self.reasons)
        return out


def explain(
    state: GameState,
    i: int,
    j: int,
    *,
    public_only: bool = False,
    terms: dict[str, np.ndarray] | None = None,
    trust: np.ndarray | None = None,
) -> TrustExplanation:
    """Every reason behind trust i -> j, largest first; ``public_only`` hides private ones.

    ``terms`` and ``trust`` may be passed when already computed for this state.
    """
    if terms is None:
        terms = standing_terms(state)
    if trust is None:
        trust = trust_matrix(state, terms)
    return explain_row(state, i, [j], public_only=public_only, terms=terms, trust=trust)[j]


def explain_row(
    state: GameState,
    i: int,
    others: list[int] | None = None,
    *,
    public_only: bool = False,
    terms: dict[str, np.ndarray] | None = None,
    trust: np.ndarray | None = None,
) -> dict[int, TrustExplanation]:
    """Explanations of i's trust toward each of ``others`` (default: everyone else)."""
    n = state.world.n
    if others is None:
        others = [j for j in range(n) if j != i]
    if terms is None:
        terms = standing_terms(state)
    if trust is None:
        trust = trust_matrix(state, terms)
    ledger = state.ledger
    by_target: dict[int, list[TrustReason]] = {}
    for e in ledger.felt_by(i, state.norm_signed):
        if public_only and not ledger.public[e]:
            continue
        by_target.setdefault(int(ledger.to[e]), []).append(
            TrustReason(
                ledger.reasons[ledger.reason[e]],
                float(ledger.value[e]),
                float(ledger.decay[e]),
                int(ledger.turn[e]),
                bool(ledger.public[e]),
                False,
            )
        )
    out: dict[int, TrustExplanation] = {}
    for j in others:
        reasons = [
            TrustReason(STANDING_LABELS[name], float(term[i, j]), 0.0, None, True, True)
            for name, term in terms.items()
            if abs(float(term[i, j])) >= 0.05
        ]
        reasons.extend(by_target.get(j, []))
        reasons.sort(key=lambda r: -abs(r.value))
        value = 100.0 if i == j else float(trust[i, j])
        out[j] = TrustExplanation(i, j, value, float(state.trust_base[i, j]), tuple(reasons))
    return out
