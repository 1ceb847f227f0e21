"""What every chart of the game shares: its base font size, the score parts' colours, and
PNG output without timestamps.

Kept apart from :mod:`game.report` (which imports the debrief and its wording) so that
the balance sheet of ``cyberdip simulate`` (:mod:`game.sim.charts`) can draw in the same
style without importing anything of the UI.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from matplotlib.figure import Figure

#: Score parts: Tol "bright" blue, red, green, purple.
PART_COLOURS: dict[str, str] = {
    "security": "#4477AA",
    "prosperity": "#EE6677",
    "influence": "#228833",
    "objectives": "#AA3377",
}

BASE_FONT = 9.0


@contextmanager
def quiet_drawing() -> Iterator[None]:
    """Draw without matplotlib's warnings on the terminal: a glyph missing from the
    font (an emoji in a nation's name draws as a box) or a layout it could not fit
    is no reason to print a library's source lines after a command that worked."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # (attributed to our line, not theirs)
        yield


def png(fig: Figure, dpi: float = 144, colours: int | None = 256) -> bytes:
    """The figure as PNG bytes (deterministic: no timestamp in the metadata), reduced to a
    palette of ``colours`` (None: full colour). 256 colours look the same for these
    charts and take about a quarter of the bytes."""
    buffer = io.BytesIO()
    with quiet_drawing():
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    if colours is None:
        return buffer.getvalue()
    from PIL import Image

    buffer.seek(0)
    return encode_png(Image.open(buffer).convert("RGB"), colours)


def encode_png(image: Any, colours: int | None) -> bytes:
    """A PIL image as PNG bytes, optionally reduced to a palette."""
    from PIL import Image

    if colours is not None:
        image = image.quantize(colors=colours, method=Image.Quantize.FASTOCTREE)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
