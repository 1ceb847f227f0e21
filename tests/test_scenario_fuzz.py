"""Property tests: whatever a file holds, the loader answers with diagnostics, never a crash.

Random mutations of a valid scenario, at the text level (characters, lines, bytes,
indentation) and at the structure level (values of other types, missing and extra keys,
deep nesting), must never make ``load_scenario_text`` raise anything but
:class:`ScenarioError`, and ``check_text`` must never raise at all. Every diagnostic
it returns is well formed and free of pydantic jargon.
"""

from __future__ import annotations

import copy
import math
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, currently_in_test_context, event, given, settings
from hypothesis import strategies as st

from game.scenario import Scenario, ScenarioError, check_text, load_scenario_text, yamlsource
from game.scenario.diagnostics import Diagnostic

REPO = Path(__file__).resolve().parent.parent
TUTORIAL = (REPO / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
TUTORIAL_DATA: dict[str, Any] = yaml.safe_load(TUTORIAL)
JARGON = (
    "Input should be",
    "model_type",
    "union_tag",
    "pydantic",
    "Value error",
    "internal error",
    "Traceback",
    "[type=",
)

FUZZ = settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _check_well_formed(text: str | bytes) -> tuple[Scenario | None, list[Diagnostic]]:
    """Run both entry points on ``text`` and check the contract between them."""
    scenario, diagnostics = check_text(text, "fuzz.yaml")
    errors = [d for d in diagnostics if d.severity == "error"]
    assert (scenario is None) == bool(errors)
    for d in diagnostics:
        assert d.severity in ("error", "warning")
        assert isinstance(d.line, int) and d.line >= 1
        assert isinstance(d.column, int) and d.column >= 1
        assert d.source == "fuzz.yaml"
        assert d.message
        line = d.format()
        assert "\n" not in line and "\r" not in line
        assert line.startswith(f"fuzz.yaml:{d.line}:{d.column}: {d.severity}: ")
        for word in JARGON:
            assert word not in d.message, line
    if currently_in_test_context():
        event(
            "valid"
            if scenario is not None
            else "unreadable YAML"
            if errors and errors[0].path == ()
            else "invalid scenario"
        )
    try:
        loaded = load_scenario_text(text, "fuzz.yaml")
    except ScenarioError as exc:
        assert scenario is None
        assert exc.errors, "a ScenarioError always carries at least one error"
    else:
        assert scenario is not None and loaded == scenario
    return scenario, diagnostics


# --------------------------------------------------------------------------- text level


@st.composite
def text_mutations(draw: st.DrawFn) -> str | bytes:
    """The tutorial with 1-4 random edits to its characters, lines or bytes."""
    text = TUTORIAL
    for _ in range(draw(st.integers(1, 4))):
        op = draw(
            st.sampled_from(
                [
                    "delete",
                    "duplicate",
                    "swap",
                    "insert_text",
                    "delete_line",
                    "duplicate_line",
                    "swap_lines",
                    "indent",
                    "dedent",
                    "tab",
                    "truncate",
                ]
            )
        )
        n = len(text)
        if n == 0:
            break
        i = draw(st.integers(0, n - 1))
        j = min(n, i + draw(st.integers(1, 40)))
        lines = text.split("\n")
        k = draw(st.integers(0, len(lines) - 1))
        m = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif op == "swap":
            chars = list(text)
            chars[i], chars[j - 1] = chars[j - 1], chars[i]
            text = "".join(chars)
        elif op == "insert_text":
            alphabet = st.sampled_from([*":-[]{}&*!|>'\"#%@`,? \n\tabcNOyes01.~", "\x00"])
            text = text[:i] + "".join(draw(st.lists(alphabet, max_size=8))) + text[i:]
        elif op == "delete_line":
            del lines[k]
            text = "\n".join(lines)
        elif op == "duplicate_line":
            lines.insert(k, lines[k])
            text = "\n".join(lines)
        elif op == "swap_lines":
            lines[k], lines[m] = lines[m], lines[k]
            text = "\n".join(lines)
        elif op == "indent":
            lines[k] = " " * draw(st.integers(1, 6)) + lines[k]
            text = "\n".join(lines)
        elif op == "dedent":
            lines[k] = lines[k].lstrip(" ")
            text = "\n".join(lines)
        elif op == "tab":
            lines[k] = "\t" + lines[k]
            text = "\n".join(lines)
        elif op == "truncate":
            text = text[:i]
    if draw(st.integers(0, 4)) == 0:
        # As bytes, sometimes with random bytes spliced in (invalid UTF-8, NULs, BOMs).
        raw = text.encode("utf-8")
        at = draw(st.integers(0, len(raw)))
        return raw[:at] + draw(st.binary(max_size=12)) + raw[at:]
    return text


@FUZZ
@given(text_mutations())
def test_text_mutations_never_crash(text: str | bytes) -> None:
    _check_well_formed(text)


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_never_crash(raw: bytes) -> None:
    scenario, _ = _check_well_formed(raw)
    assert scenario is None


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_random_text_never_crashes(text: str) -> None:
    scenario, _ = _check_well_formed(text)
    assert scenario is None


# --------------------------------------------------------------------------- structure level


def _scalars() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=30),
        st.sampled_from(
            [
                "no",
                "NO",
                "yes",
                "on",
                "off",
                "~",
                "null",
                "1.10",
                "0o17",
                "2020-01-01",
                "all",
                "self",
                "meridia",
                "borealis",
                "#ff0000",
                "FRA",
                "XYZ",
                "",
                " ",
            ]
        ),
    )


def _values() -> st.SearchStrategy[Any]:
    return st.recursive(
        _scalars(),
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(st.text(max_size=10), inner, max_size=4),
        ),
        max_leaves=12,
    )


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``data`` (the root excluded)."""
    out: list[tuple[Any, ...]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            out.append((*prefix, key))
            out.extend(_paths(value, (*prefix, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            out.append((*prefix, index))
            out.extend(_paths(value, (*prefix, index)))
    return out


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


@st.composite
def structure_mutations(draw: st.DrawFn) -> Any:
    """The tutorial's data with 1-4 random structural edits."""
    data = copy.deepcopy(TUTORIAL_DATA)
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(data)
        op = draw(st.sampled_from(["replace", "delete", "add_key", "deep_nest", "replace_root"]))
        if op == "replace_root":
            if draw(st.integers(0, 9)) == 0:
                data = draw(_values())
            continue
        if not isinstance(data, dict) or not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _get(data, path[:-1])
        if op == "replace":
            parent[path[-1]] = draw(_values())
        elif op == "delete":
            del parent[path[-1]]
        elif op == "add_key":
            mappings = [p for p in [(), *paths] if isinstance(_get(data, p), dict)]
            target = _get(data, draw(st.sampled_from(mappings)))
            target[draw(st.text(min_size=1, max_size=12))] = draw(_values())
        elif op == "deep_nest":
            value = parent[path[-1]]
            for _ in range(draw(st.integers(1, 80))):
                value = [value] if draw(st.booleans()) else {"k": value}
            parent[path[-1]] = value
    return data


def _dump(data: Any) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=120)
    assert isinstance(text, str)
    return text


@FUZZ
@given(structure_mutations())
def test_structure_mutations_never_crash(data: Any) -> None:
    _check_well_formed(_dump(data))


@settings(FUZZ, max_examples=120)
@given(structure_mutations())
def test_structure_mutations_are_located_in_the_file(data: Any) -> None:
    """Every diagnostic of a dumped document points at a line that exists."""
    text = _dump(data)
    _, diagnostics = _check_well_formed(text)
    lines = text.count("\n") + 1
    for d in diagnostics:
        assert d.line <= lines, d.format()


def test_unmutated_tutorial_is_valid() -> None:
    scenario, diagnostics = _check_well_formed(TUTORIAL)
    assert scenario is not None, [d.format() for d in diagnostics]
    scenario, diagnostics = _check_well_formed(_dump(TUTORIAL_DATA))
    assert scenario is not None, [d.format() for d in diagnostics]


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, 10**400, "9" * 5000])
def test_extreme_numbers_are_errors(value: Any) -> None:
    data = copy.deepcopy(TUTORIAL_DATA)
    data["nations"][0]["stats"]["economy"] = value
    text = (
        _dump(data)
        if not isinstance(value, str)
        else TUTORIAL.replace("economy: 55,", f"economy: {value},", 1)
    )
    scenario, diagnostics = _check_well_formed(text)
    assert scenario is None
    assert any(d.path[:3] == ("nations", 0, "stats") for d in diagnostics)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text_mutations())
def test_text_mutations_never_crash_without_libyaml(text: str | bytes) -> None:
    """The pure-Python YAML parser (used when libyaml is missing) keeps the same contract."""
    with mock.patch.object(yamlsource, "_Loader", yaml.SafeLoader):
        _check_well_formed(text)
