"""Small numeric helpers for hot paths."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np


def clamp(x: Any, lo: Any, hi: Any) -> Any:
    """``np.clip(x, lo, hi)`` as two ufunc calls: the same values (NaN stays NaN), except
    that -0.0 comes out as +0.0 (the engine never makes a -0.0 to clip).

    ``np.clip`` goes through several Python layers before its ufunc; on the small arrays
    of an 8-nation game that overhead is most of its cost, and the AI clips dozens of
    vectors per decision.
    """
    return np.minimum(np.maximum(x, lo), hi)


_TABLES: dict[int, tuple[object, np.ndarray]] = {}


def rule_table(mapping: Mapping[Any, float]) -> np.ndarray:
    """A rule keyed by an IntEnum (0, 1, 2, ...) as a float array indexed by the enum's
    value; made once per mapping and rebuilt if the rules are replaced (read-only).

    The cache knows a mapping by identity: rules are changed by replacing them (as tests
    do with ``dataclasses.replace``), never by editing a rule's dict in place, which
    would keep the old table.
    """
    cached = _TABLES.get(id(mapping))
    if cached is None or cached[0] is not mapping:
        table = np.array([mapping[k] for k in sorted(mapping)], dtype=np.float64)
        table.flags.writeable = False
        cached = (mapping, table)
        _TABLES[id(mapping)] = cached
    return cached[1]


@dataclass(frozen=True, eq=False)
class PairMasks:
    """Masks of (n, n) pair arrays, made once per world size (read-only, shared).

    The engine needs the same few masks every turn; building them with ``np.eye`` and
    ``np.triu`` each time costs more than the arithmetic they select.
    """

    #: (n, n) bool: every pair but the diagonal (i != j)
    off: np.ndarray
    #: (n, n) bool: the pairs i < j, each unordered pair once
    upper: np.ndarray


@cache
def pair_masks(n: int) -> PairMasks:
    """The shared :class:`PairMasks` of an ``n``-nation world."""
    off = ~np.eye(n, dtype=bool)
    upper = np.triu(off)
    off.flags.writeable = False
    upper.flags.writeable = False
    return PairMasks(off, upper)
