"""A plain (non-editable) install works: the wheel carries the bundled content.

Builds a wheel with ``pip wheel . --no-deps``, installs it into a fresh venv made in a
temporary folder, and runs ``cyberdip`` from outside the repository: the bundled
scenarios, the world map and the schema must be found inside the installed package.

To stay fast and offline, the venv gets the wheel alone (``--no-deps``) and borrows the
third-party dependencies from the interpreter running the tests, through a ``.pth`` file
listing that interpreter's site-packages folders. ``.pth`` lines that are plain paths do
not run that folder's own ``.pth`` files, so an editable install of the game there (the
``make test`` venv has one) is *not* picked up: ``import game`` must come from the wheel,
and the test checks that it does. The wheel's declared dependencies are checked against
``pyproject.toml`` so that a real ``pip install`` would pull them.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _run(
    cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=timeout
    )
    assert result.returncode == 0, f"{cmd}\n{result.stdout}\n{result.stderr}"
    return result


def _clean_env() -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")
    }
    env["PYTHONIOENCODING"] = "utf-8"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _dependency_folders() -> list[str]:
    """site-packages folders of this interpreter (where numpy, pydantic... live)."""
    folders = []
    for entry in sys.path:
        path = Path(entry or ".").resolve()
        if path.name in ("site-packages", "dist-packages") and path.is_dir():
            folders.append(str(path))
    return folders


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    cmd = [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "-w", str(out), "-q"]
    if importlib.util.find_spec("hatchling") is not None:
        cmd.append("--no-build-isolation")  # offline when the backend is already here
    _run(cmd, cwd=out, env=_clean_env())
    wheels = list(out.glob("cyber_diplomacy-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("venv") / "venv"
    env = _clean_env()
    _run([sys.executable, "-m", "venv", str(root)], cwd=root.parent, env=env)
    python = _bin(root, "python")
    _run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
        cwd=root.parent,
        env=env,
    )
    purelib = _run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        cwd=root.parent,
        env=env,
    ).stdout.strip()
    (Path(purelib) / "zz_test_dependencies.pth").write_text(
        "\n".join(_dependency_folders()) + "\n", encoding="utf-8"
    )
    return root


def _bin(venv: Path, name: str) -> Path:
    folder = venv / ("Scripts" if os.name == "nt" else "bin")
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.exists():
            return candidate
    raise AssertionError(f"{name} not found in {folder}")


def test_wheel_contents(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in (REPO / "scenarios").glob("*.yaml"):
        assert f"game/scenarios/{path.name}" in names
    assert "game/assets/maps/world.npz" in names
    assert "game/scenario/scenario.schema.json" in names
    assert "game/__main__.py" in names and "game/cli.py" in names
    assert not any(n.startswith(("tests/", "benchmarks/")) for n in names)
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)
    dist_info = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    entry_points = zipfile.ZipFile(wheel).read(dist_info).decode("utf-8")
    assert "cyberdip = game.cli:main" in entry_points


def _normalise(requirement: str) -> str:
    """'pygame_gui >= 0.6' -> 'pygame-gui>=0.6' (PEP 503 names, no spaces)."""
    text = requirement.replace(" ", "")
    match = re.match(r"[A-Za-z0-9._-]+", text)
    assert match, requirement
    name = re.sub(r"[-_.]+", "-", match.group()).lower()
    return name + text[match.end() :]


def test_wheel_declares_the_dependencies(wheel: Path) -> None:
    metadata_name = next(
        n for n in zipfile.ZipFile(wheel).namelist() if n.endswith(".dist-info/METADATA")
    )
    metadata = zipfile.ZipFile(wheel).read(metadata_name).decode("utf-8")
    declared = {
        _normalise(line.split(":", 1)[1].split(";")[0])
        for line in metadata.splitlines()
        if line.startswith("Requires-Dist:")
    }
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for requirement in project["dependencies"]:
        assert _normalise(requirement) in declared, requirement
    assert "Requires-Python: >=3.11" in metadata


def test_installed_game_uses_its_own_bundled_content(venv: Path, tmp_path: Path) -> None:
    python = _bin(venv, "python")
    probe = _run(
        [
            str(python),
            "-c",
            (
                "import game, game.paths as p\n"
                "print(game.__file__)\n"
                "print(p.scenarios_dir())\n"
                "print(p.asset('maps', 'world.npz'))\n"
                "from game.maps.atlas import load_world_atlas\n"
                "print(len(load_world_atlas()))\n"
            ),
        ],
        cwd=tmp_path,
        env=_clean_env(),
    ).stdout.splitlines()
    package_file, scenarios, world, countries = probe
    venv_root = venv.resolve()
    assert venv_root in Path(package_file).resolve().parents, "game imported from elsewhere"
    assert Path(scenarios).resolve() == Path(package_file).resolve().parent / "scenarios"
    assert Path(world).is_file() and venv_root in Path(world).resolve().parents
    assert int(countries) > 200
    assert sorted(p.name for p in Path(scenarios).glob("*.yaml")) == sorted(
        p.name for p in (REPO / "scenarios").glob("*.yaml")
    )


def test_installed_cyberdip_lists_and_validates(venv: Path, tmp_path: Path) -> None:
    cyberdip = str(_bin(venv, "cyberdip"))
    env = _clean_env()
    listing = _run([cyberdip, "list"], cwd=tmp_path, env=env).stdout
    ids = {line.split()[0] for line in listing.splitlines()[1:]}
    assert {"tutorial", "great-powers"} <= ids

    python = str(_bin(venv, "python"))
    scenarios = Path(
        _run(
            [python, "-c", "from game.paths import scenarios_dir; print(scenarios_dir())"],
            cwd=tmp_path,
            env=env,
        ).stdout.strip()
    )
    for path in sorted(scenarios.glob("*.yaml")):
        result = _run([cyberdip, "validate", str(path)], cwd=tmp_path, env=env)
        assert result.stdout.startswith(f"ok: {path} — "), result.stdout
    by_id = _run([cyberdip, "validate", "great-powers"], cwd=tmp_path, env=env)
    assert by_id.stdout.startswith("ok: ") and "12 nations" in by_id.stdout
    same = _run([python, "-m", "game", "list"], cwd=tmp_path, env=env).stdout
    assert same == listing

    # ISO codes are really checked against the installed world map (not skipped).
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        (REPO / "tests" / "data" / "broken" / "unknown-iso-code.yaml").read_text("utf-8"),
        encoding="utf-8",
    )
    result = subprocess.run(
        [cyberdip, "validate", str(broken)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 1
    assert "unknown ISO 3166 alpha-3 code 'XYZ'" in result.stdout
    assert "cannot be read" not in result.stdout

    schema = _run([cyberdip, "schema"], cwd=tmp_path, env=env).stdout
    packaged = Path(package_dir := str(scenarios.parent)) / "scenario" / "scenario.schema.json"
    assert packaged.read_text(encoding="utf-8") == schema, package_dir
