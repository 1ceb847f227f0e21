"""The loader on valid files and on the finer points: positions, YAML features, strictness."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from game.scenario import (
    Scenario,
    ScenarioError,
    check_file,
    check_text,
    crossref,
    load_scenario,
    load_scenario_text,
)
from game.scenario.diagnostics import dotted

REPO = Path(__file__).resolve().parent.parent
BUNDLED = sorted((REPO / "scenarios").glob("*.yaml"))
TUTORIAL = (REPO / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")

MINIMAL = """\
id: tiny
title: Tiny
summary: The smallest valid scenario.
turns: 3
map: {type: generated}
nations:
  - {id: a, name: A, capital: [100, 100]}
  - {id: b, name: B, capital: [300, 200]}
"""


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_scenario", REPO / "benchmarks" / "bench_scenario.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_scenarios_are_valid_without_warnings(path: Path) -> None:
    scenario, diagnostics = check_file(path)
    assert scenario is not None, "\n".join(d.format() for d in diagnostics)
    assert diagnostics == [], "\n".join(d.format() for d in diagnostics)
    assert load_scenario(path) == scenario


def test_minimal_scenario_and_defaults() -> None:
    scenario = load_scenario_text(MINIMAL)
    assert isinstance(scenario, Scenario)
    assert scenario.format == 1 and scenario.seed == 1 and scenario.actions_per_turn == 2
    assert scenario.nations[0].personality == "reciprocal"
    assert scenario.nations[0].stats.economy == 50
    assert scenario.relations.default_trust == 50
    assert scenario.scoring.victory == "best_score"


@pytest.mark.parametrize("world", [True, False], ids=["world", "generated"])
def test_generated_200_nation_scenario_is_valid(world: bool) -> None:
    """The benchmark's 200-nation scenario is a real, valid scenario on either map."""
    text = _bench().generate_scenario(200, world=world)
    scenario, diagnostics = check_text(text, "big.yaml")
    assert scenario is not None, "\n".join(d.format() for d in diagnostics[:10])
    assert len(scenario.nations) == 200
    assert [d for d in diagnostics if d.severity == "error"] == []


def test_benchmark_functions_run() -> None:
    """The benchmark module stays runnable (timings are not asserted here)."""
    bench = _bench()
    load = bench.bench_load_200(repeat=1, world=False)
    assert load["valid"] is True and load["min_ms"] > 0
    assert bench.bench_reject_oversize(repeat=1)["rejected"] is True
    assert bench.bench_reject_alias_bomb(repeat=1)["rejected"] is True


def test_bom_and_crlf_are_fine() -> None:
    assert check_text("\ufeff" + MINIMAL)[0] is not None
    assert check_text(MINIMAL.replace("\n", "\r\n"))[0] is not None
    assert check_text(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))[0] is not None


def test_utf16_is_refused_with_a_hint() -> None:
    scenario, diagnostics = check_text(MINIMAL.encode("utf-16"))
    assert scenario is None and "UTF-16" in diagnostics[0].message


def test_anchors_and_merge_keys_work() -> None:
    text = MINIMAL.replace(
        "nations:\n",
        "x-stats: &strong {economy: 80, defense: 70}\nnations:\n",
    )
    # an unknown top-level key is still an error, even if only used as an anchor holder
    scenario, diagnostics = check_text(text)
    assert scenario is None and dotted(diagnostics[0].path) == "x-stats"
    text = MINIMAL.replace(
        "  - {id: a, name: A, capital: [100, 100]}",
        "  - {id: a, name: A, capital: [100, 100], stats: &strong {economy: 80, defense: 70}}",
    ).replace(
        "  - {id: b, name: B, capital: [300, 200]}",
        "  - {id: b, name: B, capital: [300, 200], stats: {<<: *strong, defense: 20}}",
    )
    scenario = load_scenario_text(text)
    assert scenario.nations[1].stats.economy == 80
    assert scenario.nations[1].stats.defense == 20  # an explicit key beats the merge


def test_errors_point_at_keys_or_values() -> None:
    text = MINIMAL.replace("turns: 3", "turns: 300").replace("summary:", "sumary:")
    _, diagnostics = check_text(text)
    where = {dotted(d.path): (d.line, d.column) for d in diagnostics}
    assert where["turns"] == (4, 8)  # the value 300
    assert where["sumary"] == (3, 1)  # the key
    assert "summary" not in where  # a typo is one error, not also "missing summary"


def test_duplicate_key_does_not_hide_other_errors() -> None:
    text = MINIMAL.replace("turns: 3\n", "turns: 3\nturns: 4\n").replace("name: B", "name: 7")
    _, diagnostics = check_text(text)
    paths = [dotted(d.path) for d in diagnostics]
    assert paths == ["turns", "nations.1.name"], [d.format() for d in diagnostics]


def test_numbers_are_strict() -> None:
    for bad in ("turns: yes", 'turns: "3"', "turns: 3.0", "turns: 3.5"):
        scenario, diagnostics = check_text(MINIMAL.replace("turns: 3", bad))
        assert scenario is None, bad
        assert dotted(diagnostics[0].path) == "turns"
    # an integer where a number is expected is fine
    assert load_scenario_text(MINIMAL.replace("[100, 100]", "[100.5, 99]")).nations[0].capital == [
        100.5,
        99.0,
    ]


def test_yaml_surprises_suggest_quotes_only_when_that_helps() -> None:
    _, d = check_text(MINIMAL.replace("name: A", "name: 1.10"))
    assert 'put it in quotes: "1.10"' in d[0].message
    _, d = check_text(MINIMAL.replace("id: b,", "id: 123,"))
    assert "YAML reads `123` as 123" in d[0].message and "quotes" not in d[0].message
    _, d = check_text(MINIMAL.replace("turns: 3", "turns: 3\nformat: 2"))
    assert d[0].message == "this game reads scenario format 1 (got 2)"


def test_scenario_error_says_its_first_error() -> None:
    with pytest.raises(ScenarioError) as raised:
        load_scenario_text(
            MINIMAL.replace("turns: 3", "turns: 0").replace("name: B", "nme: B"), "x.yaml"
        )
    text = str(raised.value)
    assert text.startswith("x.yaml:") and "(and 1 more)" in text
    assert len(raised.value.errors) == 2


def test_missing_world_atlas_is_a_warning_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crossref, "_atlas", lambda: None)
    text = (
        MINIMAL.replace("map: {type: generated}", "map: {type: world}")
        .replace("capital: [100, 100]", "countries: [FRA]")
        .replace("capital: [300, 200]", "countries: [XYZ]")
    )
    scenario, diagnostics = check_text(text)
    assert scenario is not None
    assert [d.severity for d in diagnostics] == ["warning"]
    assert "cannot be read" in diagnostics[0].message


def test_real_iso_code_without_outline_gets_a_specific_message() -> None:
    from game.maps import iso
    from game.maps.atlas import load_world_atlas

    atlas = load_world_atlas()
    missing = sorted(c for c in iso.ALPHA3_TO_NUMERIC if not atlas.has(c))
    if not missing:
        pytest.skip("every ISO code has an outline on this map")
    text = (
        MINIMAL.replace("map: {type: generated}", "map: {type: world}")
        .replace("capital: [100, 100]", "countries: [FRA]")
        .replace("capital: [300, 200]", f"countries: [{missing[0]}]")
    )
    _, diagnostics = check_text(text)
    assert "is an ISO code, but the world map has no outline for it" in diagnostics[0].message


def test_embedded_scenario_round_trips_and_fails_in_one_line() -> None:
    """What saves embed: canonical JSON back to the same scenario; damage is one line."""
    import json

    from game.scenario import canonical_json, scenario_from_data, scenario_from_json

    for path in BUNDLED:
        scenario = load_scenario(path)
        assert scenario_from_json(canonical_json(scenario)) == scenario
    data = json.loads(canonical_json(load_scenario(BUNDLED[0])))
    data["nations"][0]["stats"]["economy"] = -3
    data["turns"] = "x"
    with pytest.raises(ScenarioError) as raised:
        scenario_from_data(data, "save.json")
    text = str(raised.value)
    assert "\n" not in text and text.startswith("save.json:1:1: error: ")
    assert {dotted(d.path) for d in raised.value.errors} == {"turns", "nations.0.stats.economy"}
    with pytest.raises(ScenarioError, match="not valid JSON"):
        scenario_from_json("{broken")
    with pytest.raises(ValueError):  # ScenarioError is a ValueError, as pydantic's was
        scenario_from_json("[]")
