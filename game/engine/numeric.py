"""Small numeric helpers for hot paths."""

from __future__ import annotations

from typing import Any

import numpy as np


def clamp(x: Any, lo: Any, hi: Any) -> Any:
    """``np.clip(x, lo, hi)`` with the same values (NaN stays NaN), as two ufunc calls.

    ``np.clip`` goes through several Python layers before its ufunc; on the small arrays
    of an 8-nation game that overhead is most of its cost, and the AI clips dozens of
    vectors per decision.
    """
    return np.minimum(np.maximum(x, lo), hi)
