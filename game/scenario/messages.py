"""Turn pydantic validation errors into diagnostics a scenario designer can act on.

Pydantic reports a location tuple and a terse message. Here the location is mapped back
to the line and column written in the file, union branch tags are dropped from the path,
unknown keys get a "did you mean" from the keys the model accepts, and a value that YAML
silently converted (``NO`` -> false, ``1.10`` -> 1.1) is called out with the fix.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from game.scenario.diagnostics import Diagnostic, Path
from game.scenario.yamlsource import Document


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types an annotation may hold (Annotated, Optional, unions removed)."""
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        out: list[Any] = []
        for arg in get_args(annotation):
            out.extend(_unwrap(arg))
        return out
    return [annotation]


def _models_at(root: type[BaseModel], loc: Path) -> list[type[BaseModel]]:
    """Models that could sit at ``loc`` in a document validated by ``root``."""
    current: list[Any] = [root]
    for part in loc:
        nxt: list[Any] = []
        for typ in current:
            for concrete in _unwrap(typ):
                origin = get_origin(concrete)
                if isinstance(part, int) and origin is list:
                    nxt.extend(_unwrap(get_args(concrete)[0]))
                elif isinstance(part, str) and isinstance(concrete, type) and issubclass(
                    concrete, BaseModel
                ):
                    for name, info in concrete.model_fields.items():
                        if (info.alias or name) == part:
                            nxt.extend(_unwrap(info.annotation))
        current = nxt
    return [t for t in current if isinstance(t, type) and issubclass(t, BaseModel)]


def accepted_keys(root: type[BaseModel], loc: Path) -> list[str]:
    """The keys a mapping at ``loc`` may have."""
    keys: list[str] = []
    for model in _models_at(root, loc):
        for name, info in model.model_fields.items():
            key = info.alias or name
            if key not in keys:
                keys.append(key)
    return keys


def _clean_loc(doc: Document, loc: tuple[Any, ...]) -> Path:
    """Drop union-branch tags that pydantic inserts into locations (they are not keys)."""
    out: list[str | int] = []
    node: Any = doc.data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            out.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            out.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and not _is_tag(part):
            # A missing or unknown key: keep it, nothing deeper can exist.
            out.append(part)
            node = None
        # else: a union tag such as 'generated' or 'list[...]' -- skip it.
    return tuple(out)


def _is_tag(part: str) -> bool:
    return "[" in part or part in {"world", "generated", "str", "int", "float", "bool"}


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing (null)"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _yaml_surprise(doc: Document, path: Path, value: Any) -> str | None:
    scalar = doc.scalars.get(path)
    if scalar is None or not scalar.plain:
        return None
    return (
        f"YAML read `{scalar.text}` as {_describe(value)}; put it in quotes: \"{scalar.text}\""
    )


def _message(doc: Document, root: type[BaseModel], err: Any, path: Path) -> tuple[str, bool]:
    """The message for one pydantic error, and whether it points at the key."""
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return f"missing required key '{path[-1]}'", True
    if kind == "extra_forbidden":
        key = str(path[-1])
        keys = accepted_keys(root, path[:-1])
        close = difflib.get_close_matches(key, keys, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else (
            f"; expected one of: {', '.join(keys)}" if keys else ""
        )
        return f"unknown key '{key}'{hint}", True
    if kind in ("string_type", "string_pattern_mismatch") and not isinstance(value, str):
        surprise = _yaml_surprise(doc, path, value)
        if surprise:
            return f"expected text, but {surprise}", False
        return f"expected text, got {_describe(value)}", False
    if kind == "string_pattern_mismatch":
        return _pattern_message(path, value, ctx.get("pattern", "")), False
    if kind == "literal_error":
        surprise = _yaml_surprise(doc, path, value)
        expected = ctx.get("expected", "")
        if surprise:
            return f"must be one of {expected}, but {surprise}", False
        return f"must be one of {expected} (got {_describe(value)})", False
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        words = {
            "greater_than_equal": "at least",
            "greater_than": "more than",
            "less_than_equal": "at most",
            "less_than": "less than",
        }[kind]
        bound = next(iter(ctx.values()), "?")
        return f"must be {words} {_number(bound)} (got {_describe(value)})", False
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {_describe(value)}", False
    if kind in ("float_type", "float_parsing"):
        return f"expected a number, got {_describe(value)}", False
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {_describe(value)}", False
    if kind == "list_type":
        return f"expected a list, got {_describe(value)}", False
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of keys, got {_describe(value)}", False
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s), has {ctx.get('actual_length')}", False
    if kind == "too_long":
        return f"allows at most {ctx.get('max_length')} item(s), has {ctx.get('actual_length')}", False
    if kind == "string_too_short":
        return "must not be empty", False
    if kind == "string_too_long":
        return f"text longer than {ctx.get('max_length')} characters", False
    if kind == "union_tag_invalid":
        return f"'type' must be one of {ctx.get('expected_tags')} (got {ctx.get('tag')!r})", False
    if kind == "union_tag_not_found":
        return f"missing required key '{ctx.get('discriminator', 'type').strip(chr(39))}'", False
    if kind == "value_error":
        text = str(err.get("msg", "")).removeprefix("Value error, ")
        return text, False
    return str(err.get("msg", kind)), False


def _pattern_message(path: Path, value: Any, pattern: str) -> str:
    field = str(path[-1]) if path else ""
    if "#[0-9A-Fa-f]" in pattern:
        return f"colour must look like '#1f77b4' (got {_describe(value)})"
    if "[A-Z]{3}" in pattern:
        return f"expected a 3-letter upper-case ISO code like 'FRA' (got {_describe(value)})"
    if "a-z][a-z0-9_-]" in pattern:
        return (
            f"'{value}' is not a valid id: use lower-case letters, digits, '-' or '_', "
            "starting with a letter"
            + (f" (for {field})" if field and not isinstance(path[-1], int) else "")
        )
    return f"does not match the expected form {pattern}"


def diagnostics_from(
    doc: Document, root: type[BaseModel], error: ValidationError
) -> list[Diagnostic]:
    """One diagnostic per pydantic error, placed at the key or value in the file."""
    out: list[Diagnostic] = []
    seen: set[tuple[Path, str]] = set()
    for err in error.errors(include_url=False):
        path = _clean_loc(doc, err["loc"])
        message, at_key = _message(doc, root, err, path)
        if (path, message) in seen:
            continue
        seen.add((path, message))
        if err["type"] == "missing":
            line, column = doc.locate(path[:-1], at_key=True)
        else:
            line, column = doc.locate(path, at_key=at_key)
        out.append(Diagnostic("error", path, message, line, column, doc.source))
    return out
