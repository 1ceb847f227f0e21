"""Sound effects: short cues synthesised with numpy the first time one plays (no audio
files, so nothing to license or ship), played through pygame's mixer at the volume the
player chose in Settings.

The cues: ``click`` (a button), ``select`` (a nation on the map), ``queued`` (an order
added), ``error`` (something refused), ``end_turn``, ``report`` (a turn's report),
``incident`` (the report has an operation against you), ``victory`` and ``defeat``.

No audio device — a server, a classroom PC without speakers — means no sound and no
error: :meth:`Sounds.play` just returns False.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable

import numpy as np
import pygame

log = logging.getLogger(__name__)

RATE = 44_100  # samples a second, asked of the mixer (it may choose another)


# --------------------------------------------------------------------------- synthesis


def _time(seconds: float, rate: int) -> np.ndarray:
    return np.arange(round(seconds * rate)) / rate


def _bell(
    freq: float,
    seconds: float,
    rate: int,
    decay: float,
    partials: tuple[tuple[float, float], ...] = ((1.0, 1.0),),
) -> np.ndarray:
    """A struck tone: sine partials (ratio, level) under an exponential decay."""
    t = _time(seconds, rate)
    out = np.zeros_like(t)
    for ratio, level in partials:
        out += level * np.sin(2 * np.pi * freq * ratio * t) * np.exp(-t * ratio / decay)
    return _fade_out(out, rate)


def _fade_out(x: np.ndarray, rate: int) -> np.ndarray:
    """Fade the last 6 ms to silence: a sound cut off mid-wave clicks."""
    fade = min(len(x), round(0.006 * rate))
    x[len(x) - fade :] *= np.linspace(1.0, 0.0, fade)
    return x


def _noise(seconds: float, rate: int, seed: int, smooth: int = 1) -> np.ndarray:
    """White noise (the same every time), smoothed by a moving average of ``smooth``."""
    x = np.random.default_rng(seed).standard_normal(round(seconds * rate))
    if smooth > 1:
        x = np.convolve(x, np.ones(smooth) / smooth, mode="same")
    return x / max(float(np.abs(x).max()), 1e-9)


def _at(parts: list[tuple[float, np.ndarray]], rate: int) -> np.ndarray:
    """Mix sounds, each starting at its time in seconds."""
    length = max(round(start * rate) + len(x) for start, x in parts)
    out = np.zeros(length)
    for start, x in parts:
        k = round(start * rate)
        out[k : k + len(x)] += x
    return out


def _finish(x: np.ndarray, rate: int, peak: float) -> np.ndarray:
    """Scale to ``peak`` and fade the last 6 ms, so no cue ends with a click."""
    return _fade_out(x * (peak / max(float(np.abs(x).max()), 1e-9)), rate)


def _click(rate: int) -> np.ndarray:
    t = _time(0.035, rate)
    tick = np.sin(2 * np.pi * 2200 * t) * np.exp(-t / 0.006)
    return _finish(tick + 0.25 * _noise(0.035, rate, 1) * np.exp(-t / 0.002), rate, 0.30)


def _select(rate: int) -> np.ndarray:
    t = _time(0.07, rate)
    glide = 900 + 400 * t / t[-1]
    phase = 2 * np.pi * np.cumsum(glide) / rate
    return _finish(np.sin(phase) * np.exp(-t / 0.02), rate, 0.22)


def _queued(rate: int) -> np.ndarray:
    partials = ((1.0, 1.0), (2.0, 0.3))
    first = _bell(659.3, 0.09, rate, 0.05, partials)
    second = _bell(880.0, 0.16, rate, 0.07, partials)
    return _finish(_at([(0.0, first), (0.07, second)], rate), rate, 0.28)


def _error(rate: int) -> np.ndarray:
    t = _time(0.16, rate)
    buzz = sum(
        level * np.sin(2 * np.pi * 170 * k * t) for k, level in ((1, 1.0), (2, 0.5), (3, 0.25))
    )
    tremolo = 0.75 + 0.25 * np.sin(2 * np.pi * 30 * t)
    return _finish(buzz * tremolo * np.exp(-t / 0.06), rate, 0.30)


def _end_turn(rate: int) -> np.ndarray:
    seconds = 0.45
    t = _time(seconds, rate)
    swell = np.sin(np.pi * t / seconds) ** 2
    whoosh = _noise(seconds, rate, 2, smooth=24) * swell
    glide = 220 + 110 * t / seconds
    tone = np.sin(2 * np.pi * np.cumsum(glide) / rate) * swell
    return _finish(0.6 * whoosh + 0.5 * tone, rate, 0.24)


def _report(rate: int) -> np.ndarray:
    partials = ((1.0, 1.0), (2.76, 0.35), (5.4, 0.12))
    return _finish(_bell(523.25, 0.9, rate, 0.45, partials), rate, 0.28)


def _incident(rate: int) -> np.ndarray:
    def pulse() -> np.ndarray:
        return _bell(98.0, 0.22, rate, 0.09, ((1.0, 1.0), (2.0, 0.6), (3.0, 0.2)))

    return _finish(_at([(0.0, pulse()), (0.25, pulse())], rate), rate, 0.42)


def _arpeggio(notes: tuple[float, ...], rate: int, gap: float, peak: float) -> np.ndarray:
    partials = ((1.0, 1.0), (2.0, 0.25), (3.0, 0.08))
    parts = [(k * gap, _bell(f, 0.7, rate, 0.3, partials)) for k, f in enumerate(notes)]
    return _finish(_at(parts, rate), rate, peak)


def _victory(rate: int) -> np.ndarray:
    return _arpeggio((523.25, 659.25, 783.99, 1046.5), rate, 0.11, 0.32)


def _defeat(rate: int) -> np.ndarray:
    return _arpeggio((440.0, 349.23, 293.66), rate, 0.16, 0.26)


CUES: dict[str, Callable[[int], np.ndarray]] = {
    "click": _click,
    "select": _select,
    "queued": _queued,
    "error": _error,
    "end_turn": _end_turn,
    "report": _report,
    "incident": _incident,
    "victory": _victory,
    "defeat": _defeat,
}


def synthesise(cue: str, rate: int = RATE) -> np.ndarray:
    """The cue as mono samples in [-1, 1] at ``rate`` (the same every time)."""
    return CUES[cue](rate)


# --------------------------------------------------------------------------- playing


class Sounds:
    """The game's sound effects at one volume (0: silent). One per app.

    The mixer is opened on the first :meth:`play` with the volume above 0 (so a player who
    turned sound off never opens an audio device), and each cue is made the first time
    it plays.
    """

    def __init__(self, volume: float) -> None:
        self.volume = volume_of(volume)
        self.available: bool | None = None  # None: not tried yet
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self._format: tuple[int, int, int] = (RATE, -16, 2)  # the mixer's, once open
        #: the last cues played (newest last): what the player just heard
        self.recent: deque[str] = deque(maxlen=32)

    def set_volume(self, volume: float) -> None:
        self.volume = volume_of(volume)

    def play(self, cue: str) -> bool:
        """Play ``cue`` now; False when sound is off or there is no audio device."""
        if cue not in CUES:
            raise KeyError(f"no sound cue {cue!r}")
        if self.volume <= 0.0 or not self._ready():
            return False
        sound = self._sounds.get(cue)
        if sound is None:  # made on first use: a few milliseconds each
            rate, size, channels = self._format
            sound = self._sounds[cue] = to_sound(synthesise(cue, rate), size, channels)
        sound.set_volume(self.volume)
        sound.play()
        self.recent.append(cue)
        return True

    def _ready(self) -> bool:
        if self.available is None:
            self.available = self._open()
        return self.available

    def _open(self) -> bool:
        if not open_mixer():
            return False
        init = pygame.mixer.get_init()
        if not init:
            return False
        try:
            self._format = init
            to_sound(np.zeros(16), init[1], init[2])  # a format we cannot feed: no sound
        except (pygame.error, ValueError) as exc:
            log.info("no sound: %s", exc)
            return False
        return True


def volume_of(value: float) -> float:
    """A volume held within 0 (silent) and 1 (full)."""
    return min(max(float(value), 0.0), 1.0)


def open_mixer() -> bool:
    """Open pygame's mixer (once) for the game's sound; False when there is no device."""
    try:
        if not pygame.mixer.get_init():
            pygame.mixer.init(RATE, -16, 2, 512)
    except pygame.error as exc:
        log.info("no sound: %s", exc)
        return False
    return bool(pygame.mixer.get_init())


def to_sound(samples: np.ndarray, size: int, channels: int) -> pygame.mixer.Sound:
    """A mixer Sound from samples in [-1, 1] — mono ``(n,)`` or stereo ``(n, 2)`` — in
    the mixer's sample format (``size`` and ``channels`` from ``mixer.get_init()``).
    ValueError for a format the game cannot feed."""
    if size == -16:
        data = np.round(samples * 32767).astype(np.int16)
    elif size == 32:
        data = samples.astype(np.float32)
    else:
        raise ValueError(f"unsupported mixer format {size}")
    if data.ndim == 2 and channels == 1:
        data = data.mean(axis=1).astype(data.dtype)
    elif data.ndim == 1 and channels > 1:
        data = np.repeat(data[:, None], channels, axis=1)
    return pygame.mixer.Sound(buffer=np.ascontiguousarray(data).tobytes())
