"""Small numeric helpers for hot paths."""

from __future__ import annotations

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
