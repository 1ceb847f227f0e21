"""Where the bundled content is, whether running from a checkout or an installed wheel.

In a checkout (and an editable install) scenarios and assets sit at the top of the
repository; a wheel carries copies inside the ``game`` package. Look inside the
package first, then beside it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name


@cache
def scenarios_dir() -> Path:
    """The folder of bundled scenario files."""
    return _bundled("scenarios")


@cache
def assets_dir() -> Path:
    """The folder of bundled assets (maps, fonts, UI theme)."""
    return _bundled("assets")


def asset(*parts: str) -> Path:
    """Path of one bundled asset, e.g. ``asset("maps", "world.npz")``."""
    return assets_dir().joinpath(*parts)
