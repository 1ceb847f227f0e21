"""``docs/scenario-format.md`` documents every key of the format, truthfully.

Every pydantic model reachable from :class:`Scenario` has a table in the doc, introduced by
``<!-- fields: ModelName -->``; its first column lists the model's keys (YAML names, i.e.
aliases) -- all of them, and nothing else -- and its default column matches the model.
The complete example in the doc is a valid scenario without warnings.
"""

from __future__ import annotations

import re
import types
import typing
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import pytest
import yaml
from pydantic import BaseModel

from game.scenario import check_text
from game.scenario.models import Scenario

REPO = Path(__file__).resolve().parent.parent
DOC_PATH = REPO / "docs" / "scenario-format.md"
DOC = DOC_PATH.read_text(encoding="utf-8")
MARKER = re.compile(r"<!-- fields: (\w+) -->\n((?:\|.*\n)+)")


def _concrete(annotation: Any) -> list[Any]:
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _concrete(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return [t for arg in get_args(annotation) for t in _concrete(arg)]
    if origin is list:
        return _concrete(get_args(annotation)[0])
    return [annotation]


def reachable_models(root: type[BaseModel] = Scenario) -> list[type[BaseModel]]:
    """Every model a scenario file can contain, root first."""
    found: list[type[BaseModel]] = []
    todo: list[type[BaseModel]] = [root]
    while todo:
        model = todo.pop(0)
        if model in found:
            continue
        found.append(model)
        for info in model.model_fields.values():
            for typ in _concrete(info.annotation):
                if isinstance(typ, type) and issubclass(typ, BaseModel):
                    todo.append(typ)
    return found


def yaml_keys(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def doc_tables() -> dict[str, list[list[str]]]:
    """Model name -> rows of its table (cells stripped), header and ruler excluded."""
    tables: dict[str, list[list[str]]] = {}
    for match in MARKER.finditer(DOC):
        name, body = match.group(1), match.group(2)
        assert name not in tables, f"two tables for {name}"
        lines = body.strip("\n").splitlines()
        assert lines[0].replace(" ", "") == "|key|type|range|default|meaning|", name
        rows = []
        for line in lines[2:]:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            assert len(cells) == 5, f"{name}: a row needs 5 cells: {line}"
            rows.append(cells)
        tables[name] = rows
    return tables


TABLES = doc_tables()
MODELS = reachable_models()


def test_every_reachable_model_is_found() -> None:
    names = {m.__name__ for m in MODELS}
    # a sanity check of the walk itself: deep models are found
    assert {
        "Scenario",
        "Nation",
        "Stats",
        "Condition",
        "TrustCondition",
        "ProposalEffect",
        "ChoiceOption",
        "SharedGoal",
        "GeneratedMap",
        "WorldMap",
    } <= names


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_key_is_documented(model: type[BaseModel]) -> None:
    assert model.__name__ in TABLES, f"docs/scenario-format.md has no table for {model.__name__}"
    documented = [row[0] for row in TABLES[model.__name__]]
    for cell in documented:
        assert re.fullmatch(r"`[a-z_]+`", cell), f"{model.__name__}: key cell {cell!r}"
    keys = [cell.strip("`") for cell in documented]
    missing = [k for k in yaml_keys(model) if k not in keys]
    stale = [k for k in keys if k not in yaml_keys(model)]
    assert not missing, f"{model.__name__}: keys missing from the doc: {missing}"
    assert not stale, f"{model.__name__}: documented keys the format does not have: {stale}"
    assert len(keys) == len(set(keys)), f"{model.__name__}: a key is documented twice"


def test_no_table_for_a_model_that_does_not_exist() -> None:
    assert set(TABLES) <= {m.__name__ for m in MODELS}


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_documented_defaults_match_the_models(model: type[BaseModel]) -> None:
    for key, _type, _range, default, meaning in TABLES.get(model.__name__, []):
        name = key.strip("`")
        field = next(f for n, f in model.model_fields.items() if (f.alias or n) == name)
        assert meaning, f"{model.__name__}.{name}: no meaning"
        where = f"{model.__name__}.{name}: documented default {default!r}"
        if field.is_required():
            assert default == "required", where
        elif field.default_factory is not None:
            made = field.default_factory()  # type: ignore[call-arg]
            if isinstance(made, BaseModel):
                assert default == f"see {type(made).__name__}", where
            else:
                assert default == f"`{yaml.safe_dump(made, default_flow_style=True).strip()}`", (
                    where
                )
        elif field.default is None:
            assert default == "—", where
        else:
            assert re.fullmatch(r"`[^`]+`", default), where
            value = yaml.safe_load(default.strip("`"))
            assert (value == field.default and type(value) is type(field.default)) or (
                isinstance(field.default, float) and value == field.default
            ), where


def _example() -> str:
    section = DOC.split("## A complete example", 1)[1]
    match = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert match, "no yaml block under '## A complete example'"
    return match.group(1)


def test_complete_example_is_valid_without_warnings() -> None:
    scenario, diagnostics = check_text(_example(), "docs/scenario-format.md#example")
    assert scenario is not None, "\n".join(d.format() for d in diagnostics)
    assert diagnostics == [], "\n".join(d.format() for d in diagnostics)


def test_complete_example_uses_every_section_and_kind() -> None:
    """The example is 'complete': every top-level key, every effect and condition kind."""
    text = _example()
    data = yaml.safe_load(text)
    assert set(data) == set(yaml_keys(Scenario))
    for key in (
        "adjust:",
        "trust:",
        "tension:",
        "incident:",
        "news:",
        "proposal:",
        "all:",
        "not:",
        "stat:",
        "hotline:",
        "choice:",
        "facilitator_only:",
        "secret_objectives:",
        "ai_weights:",
        "every:",
        "at_turn:",
        "chance:",
        "shared_goal:",
        "self",
        "all,",
    ):
        assert key in text, f"the example does not use {key!r}"


def test_inline_snippets_parse() -> None:
    """Every other yaml block of the doc is at least well-formed YAML."""
    for block in re.findall(r"```yaml\n(.*?)```", DOC, re.S):
        yaml.safe_load(block)


def test_special_ids_and_messages_are_explained() -> None:
    for phrase in (
        "`all`",
        "`self`",
        "warning:",
        "error:",
        "yaml-language-server",
        "cyberdip validate",
        "cyberdip schema",
        "path:line:col",
    ):
        assert phrase in DOC, phrase
