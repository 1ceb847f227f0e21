"""Running engine work (AI turns) off the UI thread, so the window never freezes.

While a :class:`BackgroundTask` runs, the UI must not read or change the game it works
on: scenes keep showing the facts they took before it started and poll ``done`` every
frame. An exception in the task is kept and re-raised by :meth:`BackgroundTask.result`
on the UI thread, where it can be reported.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class BackgroundTask(Generic[T]):
    """Run ``work()`` in a daemon thread; poll :attr:`done`, then call :meth:`result`."""

    def __init__(self, work: Callable[[], T], name: str = "cyberdip-worker") -> None:
        self._work = work
        self._result: T | None = None
        self._error: BaseException | None = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self.started_at = 0.0

    def start(self) -> BackgroundTask[T]:
        self.started_at = time.perf_counter()
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            self._result = self._work()
        except BaseException as exc:  # handed to the UI thread by result()
            self._error = exc
        finally:
            self._done.set()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started_at if self.started_at else 0.0

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)

    def result(self) -> T:
        """The work's return value; re-raises its exception. Only once ``done``."""
        if not self.done:
            raise RuntimeError("the task is still running")
        if self._error is not None:
            raise self._error
        return self._result  # type: ignore[return-value]


def ai_turn_task(game, all_ai: bool = True) -> BackgroundTask[None]:
    """A task that plays one turn: AI orders (for every seat when ``all_ai``), then resolve."""
    from game.ai.driver import play_ai_turn

    return BackgroundTask(lambda: play_ai_turn(game, all_ai=all_ai), name="cyberdip-ai-turn")
