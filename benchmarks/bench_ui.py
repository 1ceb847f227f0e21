"""UI benchmarks: frame time while panning and zooming, startup, headless render, memory.

Plain functions returning dicts of numbers (``python benchmarks/bench_ui.py`` prints
them); ``BENCHMARKS`` wraps them as :class:`~benchmarks.harness.Measurement` for
``python -m benchmarks``. Run under the dummy video driver; no test asserts on these.

Targets (issue 5): frame time p95 <= 8 ms while panning and zooming the world map at
1280x720; startup <= 1.5 s; ``render`` of the world map <= 1 s; resident memory
<= 300 MB.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SIZE = (1280, 720)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def _rss_mb() -> float:
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _isolated_settings() -> None:
    import tempfile

    if "CYBERDIP_CONFIG_DIR" not in os.environ:
        os.environ["CYBERDIP_CONFIG_DIR"] = tempfile.mkdtemp(prefix="cyberdip-bench-")


def frame_times(scenario: str = "great-powers", frames: int = 900) -> dict[str, float]:
    """Per-frame time (ms) of the real app loop while the map is dragged and wheel-zoomed.

    The script: drag across the map in long strokes, zooming in a level every 45 frames
    up to level 5 and back out, with the pointer at different places; every frame is
    one ``App.step`` (events, update, draw, flip) with a fixed ``dt``.
    """
    _isolated_settings()
    import pygame

    from game.engine.game import Game
    from game.scenario.catalog import load
    from game.ui.app import App
    from game.ui.scenes.map_scene import MapScene

    app = App(size=SIZE)
    scene = MapScene(app, Game.new(load(scenario)))
    app.push(scene)
    for _ in range(30):  # first frame and settling
        app.step(1 / 60)
    view = scene.map
    rect = view.rect
    times: list[float] = []
    cpu_times: list[float] = []  # CPU time of this process: less noisy on a busy machine
    post = pygame.event.post
    x, y = rect.centerx, rect.centery
    direction = 1
    zoom_dir = 1
    pressed = False
    for f in range(frames):
        if f % 45 == 0:
            if pressed:
                post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(x, y), button=1))
                pressed = False
            if view.level_index >= 5:
                zoom_dir = -1
            elif view.level_index <= 0:
                zoom_dir = 1
            wx = rect.x + rect.width * (0.3 + 0.4 * ((f // 45) % 3) / 2)
            wy = rect.y + rect.height * 0.45
            post(
                pygame.event.Event(
                    pygame.MOUSEMOTION, pos=(int(wx), int(wy)), rel=(0, 0), buttons=(0, 0, 0)
                )
            )
            post(
                pygame.event.Event(
                    pygame.MOUSEWHEEL,
                    x=0,
                    y=zoom_dir,
                    flipped=False,
                    precise_x=0.0,
                    precise_y=float(zoom_dir),
                )
            )
            x, y = int(wx), int(wy)
        elif f % 45 == 2:
            post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(x, y), button=1))
            pressed = True
        elif pressed:
            if not rect.x + 80 < x + 9 * direction < rect.right - 80:
                direction = -direction
            x += 9 * direction
            y += 2 if (f // 20) % 2 else -2
            post(
                pygame.event.Event(
                    pygame.MOUSEMOTION, pos=(x, y), rel=(9 * direction, 0), buttons=(1, 0, 0)
                )
            )
        start, cpu = time.perf_counter(), time.process_time()
        app.step(1 / 60)
        times.append((time.perf_counter() - start) * 1000.0)
        cpu_times.append((time.process_time() - cpu) * 1000.0)
    out = {
        "frame_p50_ms": _percentile(times, 50),
        "frame_p95_ms": _percentile(times, 95),
        "frame_p99_ms": _percentile(times, 99),
        "frame_max_ms": max(times),
        "frame_cpu_p50_ms": _percentile(cpu_times, 50),
        "frame_cpu_p95_ms": _percentile(cpu_times, 95),
        "frames": float(len(times)),
        "tiles_made": float(view.tiles_made),
        "rss_mb": _rss_mb(),
    }
    app.close()
    return out


def startup(scenario: str = "great-powers", runs: int = 3) -> dict[str, float]:
    """Seconds from starting a fresh Python process to the first frame of the map screen."""
    code = (
        "import time, os;"
        "from game.engine.game import Game;"
        "from game.scenario.catalog import load;"
        "from game.ui.app import App;"
        "from game.ui.scenes.map_scene import MapScene;"
        "app = App();"
        f"app.push(MapScene(app, Game.new(load({scenario!r}))));"
        "app.step(1/60);"
        "print('FIRST_FRAME', flush=True);"
        "os._exit(0)"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    _isolated_settings()
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", code], check=True, env=env, cwd=ROOT, capture_output=True
        )
        best = min(best, time.perf_counter() - start)
    return {"startup_to_first_frame_s": best}


def render(scenario: str = "great-powers", runs: int = 3) -> dict[str, float]:
    """``render`` of the world map at 1280x720: the drawing alone (a warm process, new
    caches each time) and the whole ``cyberdip render`` command in a fresh process."""
    from game.scenario.catalog import load
    from game.ui.render import render_map

    scenario_model = load(scenario)
    render_map(scenario_model, SIZE)  # load the atlas and the fonts once
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        render_map(scenario_model, SIZE, "political")
        best = min(best, time.perf_counter() - start)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out_png = Path(os.environ.get("TMPDIR", "/tmp")) / "cyberdip-bench-render.png"
    command = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "game", "render", scenario, "--out", str(out_png)],
            check=True,
            env=env,
            cwd=ROOT,
            capture_output=True,
        )
        command = min(command, time.perf_counter() - start)
    return {"render_world_s": best, "render_command_s": command}


def memory(scenario: str = "great-powers") -> dict[str, float]:
    """Resident memory (MB) of a process that has started the game and panned/zoomed."""
    code = (
        "import json, sys; sys.path.insert(0, '.');"
        "from benchmarks.bench_ui import frame_times;"
        f"print(json.dumps(frame_times({scenario!r}, frames=600)))"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, env=env, cwd=ROOT, capture_output=True, text=True
    )
    import json

    result = json.loads(done.stdout.strip().splitlines()[-1])
    return {"rss_mb": float(result["rss_mb"])}


def _measurements():  # type: ignore[no-untyped-def]
    from benchmarks.harness import Measurement

    frames = frame_times()
    yield Measurement(
        "ui",
        "frame time p95, pan and zoom the world map at 1280x720",
        frames["frame_p95_ms"],
        "ms",
        8.0,
        f"p50 {frames['frame_p50_ms']:.1f}, p99 {frames['frame_p99_ms']:.1f}, "
        f"max {frames['frame_max_ms']:.0f} ms",
    )
    yield Measurement(
        "ui",
        "startup to the first frame of the map",
        startup()["startup_to_first_frame_s"],
        "s",
        1.5,
    )
    r = render()
    yield Measurement(
        "ui",
        "render the world map at 1280x720",
        r["render_world_s"],
        "s",
        1.0,
        f"whole command {r['render_command_s']:.2f} s",
    )
    yield Measurement(
        "ui", "resident memory after panning and zooming", memory()["rss_mb"], "MB", 300.0
    )


def bench_ui():  # type: ignore[no-untyped-def]
    return list(_measurements())


BENCHMARKS = [bench_ui]


if __name__ == "__main__":
    print("frame_times", frame_times())
    print("startup", startup())
    print("render", render())
    print("memory", memory())
