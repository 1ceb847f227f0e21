"""The JSON Schema of the scenario format, for editors (yaml-language-server) and docs."""

from __future__ import annotations

import json
from typing import Any

from game.scenario.models import Scenario

SCHEMA_ID = "https://cyber-diplomacy.example/scenario.schema.json"


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a scenario file."""
    schema = Scenario.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "Cyber Diplomacy scenario",
    }


def schema_text() -> str:
    """The schema as the exact text committed at docs/scenario.schema.json."""
    return json.dumps(scenario_schema(), indent=2, sort_keys=False, ensure_ascii=False) + "\n"
