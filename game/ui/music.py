"""Background music: a slow ambient loop, synthesised with numpy (no audio files).

Four soft chords in A minor — Am, Fmaj7, C, G — each about 16 seconds, crossfading into
the next, with a low drone and a breath of filtered noise. The loop's end runs into its
start, so it repeats without a seam. It is made once, in a background thread (about a
second of work), and played on a channel of its own at the music volume from Settings.
"""

from __future__ import annotations

import logging
import threading

import numpy as np
import pygame

from game.ui.audio import open_mixer, to_sound, volume_of

log = logging.getLogger(__name__)

#: (root of the drone, voices) of each chord, in Hz
CHORDS: tuple[tuple[float, tuple[float, ...]], ...] = (
    (110.00, (220.00, 261.63, 329.63, 440.00)),  # A minor
    (87.31, (174.61, 261.63, 329.63, 440.00)),  # F major 7
    (130.81, (196.00, 261.63, 329.63, 392.00)),  # C major
    (98.00, (196.00, 246.94, 293.66, 392.00)),  # G major
)
CHORD_SECONDS = 16.0
FADE_SECONDS = 4.0  # each chord fades in and out over this long, overlapping the next
PEAK = 0.5


def ambient_loop(rate: int) -> np.ndarray:
    """The loop as (samples, 2) float32 in [-PEAK, PEAK]; the same every time."""
    length = round(CHORD_SECONDS * len(CHORDS) * rate)
    out = np.zeros((length, 2), dtype=np.float32)
    span = CHORD_SECONDS + FADE_SECONDS  # a chord sounds from fade-in start to fade-out end
    t = (np.arange(round(span * rate), dtype=np.float32) / rate).astype(np.float32)
    window = _window(t, span)
    for k, (root, voices) in enumerate(CHORDS):
        mono = 0.8 * _voice(root / 2, t, 0.0) + 0.5 * _voice(root, t, 0.3)
        for v, freq in enumerate(voices):
            mono += _voice(freq, t, 0.7 * v) * (0.42 - 0.05 * v)
        # A slow swell, different for each chord, keeps the pad breathing.
        mono *= 1.0 + 0.12 * np.sin(2 * np.pi * (0.05 + 0.01 * k) * t + k)
        mono *= window
        left, right = mono, np.roll(mono, round(0.013 * rate))  # 13 ms apart: width
        start = round((k * CHORD_SECONDS - FADE_SECONDS / 2) * rate)
        _add_wrapped(out, start, np.stack([left, right], axis=1))
    air = _air(length, rate)
    out += 0.04 * np.stack([air, np.roll(air, rate // 3)], axis=1)
    return (out * (PEAK / max(float(np.abs(out).max()), 1e-9))).astype(np.float32)


def _add_wrapped(out: np.ndarray, start: int, x: np.ndarray) -> None:
    """Add ``x`` into ``out`` from ``start``, wrapping past either end (a loop)."""
    length = len(out)
    start %= length
    first = min(len(x), length - start)
    out[start : start + first] += x[:first]
    if first < len(x):
        out[: len(x) - first] += x[first:]


def _voice(freq: float, t: np.ndarray, phase: float) -> np.ndarray:
    """A soft tone: a sine with a little of its octave and twelfth."""
    w = np.float32(2 * np.pi * freq)
    return (
        np.sin(w * t + phase) + 0.12 * np.sin(2 * w * t + phase) + 0.04 * np.sin(3 * w * t)
    ).astype(np.float32)


def _window(t: np.ndarray, span: float) -> np.ndarray:
    """Raised-cosine fade in over FADE_SECONDS, hold, fade out over FADE_SECONDS."""
    rise = np.clip(t / FADE_SECONDS, 0.0, 1.0)
    fall = np.clip((span - t) / FADE_SECONDS, 0.0, 1.0)
    return (0.5 - 0.5 * np.cos(np.pi * np.minimum(rise, fall))).astype(np.float32)


def _air(length: int, rate: int) -> np.ndarray:
    """Quiet, dark noise (smoothed twice), the same every time, looping without a seam."""
    x = np.random.default_rng(7).standard_normal(length).astype(np.float32)
    kernel = np.ones(rate // 400, dtype=np.float32) / (rate // 400)
    for _ in range(2):  # circular smoothing, so the end meets the start
        x = np.real(np.fft.ifft(np.fft.fft(x) * np.fft.fft(kernel, length))).astype(np.float32)
    return x / max(float(np.abs(x).max()), 1e-9)


class Music:
    """The background loop at one volume (0: off). :meth:`start` once the mixer is open."""

    def __init__(self, volume: float) -> None:
        self.volume = volume_of(volume)
        self.channel: pygame.mixer.Channel | None = None
        self._sound: pygame.mixer.Sound | None = None
        self._thread: threading.Thread | None = None
        self.playing = False

    def set_volume(self, volume: float) -> None:
        """Change the volume now; 0 stops the music, more starts it again."""
        self.volume = volume_of(volume)
        if self.volume <= 0:
            self.stop()
        elif self.channel is not None and self.playing:
            self.channel.set_volume(self.volume)
        else:
            self.start()

    def start(self) -> None:
        """Make the loop in the background (once) and play it; nothing when off or when
        there is no audio device."""
        if self.volume <= 0 or self.playing or (self._thread and self._thread.is_alive()):
            return
        if self._sound is not None:
            self._play()
            return
        if not self.open():
            return
        init = pygame.mixer.get_init()
        self._thread = threading.Thread(target=self._make, args=(init,), daemon=True)
        self._thread.start()

    def open(self) -> bool:
        """Open the mixer if it is not (the sound effects may have); False if it cannot."""
        return open_mixer()

    def wait(self, timeout: float = 30.0) -> bool:
        """Wait for the loop to be made (tests); True when it plays."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self.playing

    def _make(self, init: tuple[int, int, int]) -> None:
        rate, size, channels = init
        try:
            self._sound = to_sound(ambient_loop(rate), size, channels)
            if self.volume > 0:
                self._play()
        except (pygame.error, ValueError) as exc:  # no device any more, or a format we lack
            log.info("no music: %s", exc)

    def _play(self) -> None:
        assert self._sound is not None
        pygame.mixer.set_reserved(1)
        self.channel = pygame.mixer.Channel(0)
        self.channel.set_volume(self.volume)
        self.channel.play(self._sound, loops=-1)
        self.playing = True

    def stop(self) -> None:
        if self.channel is not None:
            self.channel.stop()
        self.playing = False
