"""game.engine.seeding.generator makes exactly numpy's default_rng([...]) generator."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.seeding import generator

# Small values, values around the 32-bit word boundaries, and huge ones.
_WORD = st.one_of(
    st.integers(0, 8),
    st.integers(0, 2**32 + 8),
    st.integers(2**32 - 8, 2**32 + 8),
    st.integers(2**63 - 8, 2**64 + 8),
    st.integers(0, 2**200),
    st.sampled_from([0, 2**32 - 1, 2**32, 2**63 - 1, 2**63, 2**64 - 1, 2**64]),
)


def _same_stream(a: np.random.Generator, b: np.random.Generator) -> None:
    assert a.integers(0, 2**63, size=16).tolist() == b.integers(0, 2**63, size=16).tolist()
    assert a.standard_normal(16).tolist() == b.standard_normal(16).tolist()
    assert a.bit_generator.state == b.bit_generator.state


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORD, min_size=0, max_size=6))
def test_same_stream_as_default_rng(words: list[int]) -> None:
    _same_stream(generator(*words), np.random.default_rng(words))


@pytest.mark.parametrize(
    "words",
    [(0,), (0, 0, 0, 0), (2**32,), (2**63, 5, 3, 1), (7, 2**64 + 3), (2**63 - 1, 30, 7, 4242)],
)
def test_same_stream_on_edges(words: tuple[int, ...]) -> None:
    _same_stream(generator(*words), np.random.default_rng(list(words)))


def test_numpy_integers_are_words() -> None:
    words = (np.int64(5), np.uint64(2**63 + 1), np.int32(3))
    _same_stream(generator(*words), np.random.default_rng([int(w) for w in words]))


def test_negative_words_raise_like_numpy() -> None:
    with pytest.raises(ValueError):
        np.random.default_rng([1, -1])
    with pytest.raises(ValueError):
        generator(1, -1)


def test_non_integers_raise() -> None:
    with pytest.raises(TypeError):
        generator(1.5)  # type: ignore[arg-type]
