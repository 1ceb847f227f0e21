"""The JSON Schema of the scenario format: committed copy, editor hook-up, validity."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.scenario.schema import scenario_schema, schema_text

REPO = Path(__file__).resolve().parent.parent
COMMITTED = REPO / "docs" / "scenario.schema.json"
BUNDLED = sorted((REPO / "scenarios").glob("*.yaml"))
HEADER = "# yaml-language-server: $schema=../docs/scenario.schema.json"


def test_committed_schema_equals_generated() -> None:
    committed = COMMITTED.read_text(encoding="utf-8")
    assert committed == schema_text(), (
        "docs/scenario.schema.json is out of date: run "
        "`cyberdip schema --out docs/scenario.schema.json` (or `make schema`)"
    )


def test_schema_is_draft_2020_12_and_describes_the_top_level() -> None:
    schema = scenario_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert {"id", "title", "summary", "turns", "map", "nations"} <= set(schema["required"])
    assert set(schema["properties"]) >= {"nations", "relations", "norms", "events", "scoring"}
    # aliases, not Python names: the file says `from:` and `not:`
    text = schema_text()
    assert '"from"' in text and '"not"' in text
    assert '"from_"' not in text and '"not_"' not in text


def test_schema_cli_prints_and_writes_the_same_text(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
    printed = subprocess.run(
        [sys.executable, "-m", "game", "schema"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout == schema_text()
    json.loads(printed.stdout)
    out = tmp_path / "sub" / "schema.json"
    written = subprocess.run(
        [sys.executable, "-m", "game", "schema", "--out", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert written.returncode == 0, written.stderr
    assert out.read_text(encoding="utf-8") == schema_text()


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_scenarios_point_editors_at_the_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == HEADER
    target = (path.parent / first.split("$schema=", 1)[1]).resolve()
    assert target == COMMITTED.resolve()


def _validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    cls = jsonschema.validators.validator_for(scenario_schema())
    cls.check_schema(scenario_schema())
    return cls(scenario_schema())


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_scenarios_validate_against_the_schema(path: Path) -> None:
    validator = _validator()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize(
    "name",
    [
        "misspelled-key.yaml",
        "wrong-type.yaml",
        "out-of-range.yaml",
        "yes-as-number.yaml",
        "unknown-personality.yaml",
        "effect-with-two-keys.yaml",
        "at-turn-and-every.yaml",
        "victory-without-goal.yaml",
        "map-key-of-other-type.yaml",
        "quoted-number.yaml",
        "reserved-nation-id.yaml",
    ],
)
def test_schema_rejects_what_the_loader_rejects(name: str) -> None:
    """Mistakes of shape are underlined by the editor, not only by `validate`."""
    validator = _validator()
    data = yaml.safe_load((REPO / "tests" / "data" / "broken" / name).read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)), f"the schema accepts {name}"
