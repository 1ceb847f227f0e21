"""read_situations reads a turn's views together: every situation is bit for bit the one
its view gives alone, and its shortcuts agree with the numpy functions they replace."""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from test_rules_fog import fingerprint
from test_views_batch import _states

from game.ai.assess import median_rows, read_situation, read_situations, stacked, stacked_odds
from game.engine.views import views_for


def _parts(situation: object) -> dict[str, object]:
    """Every field but the view, with its dtype (a view that feels no favour gets float
    zeros alone as in a batch)."""
    return {
        f.name: fingerprint(getattr(situation, f.name))
        for f in dataclasses.fields(situation)  # type: ignore[arg-type]
        if f.name != "view"
    }


def test_situations_read_together_are_the_situations_read_alone() -> None:
    for state in _states():
        views = views_for(state, range(state.world.n))
        forgiveness = [0.1 * k for k in range(len(views))]
        together = read_situations(views, forgiveness)
        for view, f, situation in zip(views, forgiveness, together, strict=True):
            assert _parts(situation) == _parts(read_situation(view, f))
        for name in ("offense", "attribution", "threat", "tension", "lead"):
            rows = np.stack([getattr(x, name) for x in together])
            assert stacked(together, name).tobytes() == rows.tobytes()
        for kind in (0, 1, 2):
            batch = stacked_odds(together, kind)
            alone = stacked_odds(list(together), kind)
            assert [p.tobytes() for p in batch] == [p.tobytes() for p in alone]


@settings(max_examples=300, deadline=None)
@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 6), st.integers(1, 12)),
        elements=st.one_of(st.floats(-1e6, 1e6), st.integers(-3, 3).map(float)),
    )
)
def test_median_rows_is_numpy_median(x: np.ndarray) -> None:
    assert median_rows(x).tobytes() == np.median(x, axis=1).tobytes()
