"""Random generators seeded by a few integers, made cheaply.

The engine and the AI derive many short-lived generators from (game seed, turn, nation,
salt...) — over a thousand per game — so that every random choice is reproducible.
"""

from __future__ import annotations

import operator

import numpy as np

_MASK32 = 0xFFFFFFFF


def generator(*words: int) -> np.random.Generator:
    """``np.random.default_rng([w0, w1, ...])``: the same generator, the same stream.

    numpy seeds a :class:`~numpy.random.SeedSequence` from a list of non-negative ints
    by splitting each into 32-bit words, least significant first (0 gives the single
    word 0, a larger value ``x & 0xFFFFFFFF`` then ``x >> 32`` until nothing is left),
    and concatenating the words of all of them. Coercing the Python list that way costs
    most of the ~13 µs of ``default_rng``; handing numpy the very same words as a
    ``uint32`` array skips that and makes an identical generator in ~8 µs.

    Each word must be an integer (``operator.index``: a TypeError otherwise) and not
    negative (a ValueError, as numpy raises).
    """
    entropy: list[int] = []
    for word in words:
        x = operator.index(word)
        if x < 0:
            raise ValueError(f"seed words must be non-negative, got {x}")
        entropy.append(x & _MASK32)
        x >>= 32
        while x:
            entropy.append(x & _MASK32)
            x >>= 32
    return np.random.default_rng(np.array(entropy, dtype=np.uint32))
