"""Turn pydantic validation errors into diagnostics a scenario designer can act on.

Pydantic reports a location tuple and a terse message ("Input should be ..."). Here the
location is mapped back to the line and column written in the file, union branch tags are
dropped from the path, unknown keys get a "did you mean" from the keys the model accepts
(for the map, from the keys of its ``type``), and a value that YAML silently converted
(``NO`` -> false, ``1.10`` -> 1.1, ``yes`` -> true) is called out -- with the fix when
quoting would make it valid. No pydantic wording reaches the designer.
"""

from __future__ import annotations

import datetime
import difflib
import re
import types
import typing
from functools import cache
from typing import Annotated, Any, Literal, Union, cast, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

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


def _is_model(typ: Any) -> bool:
    return isinstance(typ, type) and issubclass(typ, BaseModel)


def _field_annotation(model: type[BaseModel], key: str) -> Any | None:
    """The full annotation (constraints included) of the field written as ``key``."""
    for name, info in model.model_fields.items():
        if (info.alias or name) == key:
            if info.metadata:
                return Annotated[(info.annotation, *info.metadata)]
            return info.annotation
    return None


def _annotations_at(root: type[BaseModel], loc: Path) -> list[Any]:
    """Annotations of what may sit at ``loc`` in a document validated by ``root``."""
    current: list[Any] = [root]
    for part in loc:
        nxt: list[Any] = []
        for typ in current:
            for concrete in _unwrap(typ):
                if isinstance(part, int) and get_origin(concrete) is list:
                    nxt.append(get_args(concrete)[0])
                elif isinstance(part, str) and _is_model(concrete):
                    found = _field_annotation(concrete, part)
                    if found is not None:
                        nxt.append(found)
        current = nxt
    return current


def _models_at(root: type[BaseModel], loc: Path) -> list[type[BaseModel]]:
    """Models that could sit at ``loc`` in a document validated by ``root``."""
    out: list[type[BaseModel]] = []
    for annotation in _annotations_at(root, loc):
        out.extend(t for t in _unwrap(annotation) if _is_model(t) and t not in out)
    return out


def _literal_values(model: type[BaseModel], key: str) -> tuple[Any, ...]:
    annotation = _field_annotation(model, key)
    values: list[Any] = []
    for typ in _unwrap(annotation) if annotation is not None else []:
        if get_origin(typ) is Literal:
            values.extend(get_args(typ))
    return tuple(values)


def _branch(models: list[type[BaseModel]], data: Any) -> list[type[BaseModel]]:
    """Of a tagged union's models, the one the data's ``type`` selects (all if none does)."""
    if not isinstance(data, dict) or len(models) < 2:
        return models
    chosen = [m for m in models if data.get("type") in _literal_values(m, "type")]
    return chosen or models


def _data_at(doc: Document, path: Path) -> Any:
    node: Any = doc.data
    for part in path:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            node = cast(Any, node)[part]
        else:
            return None
    return node


def accepted_keys(root: type[BaseModel], loc: Path, data: Any = None) -> list[str]:
    """The keys a mapping at ``loc`` may have (for a tagged union, those of its type)."""
    keys: list[str] = []
    for model in _branch(_models_at(root, loc), data):
        for name, info in model.model_fields.items():
            key = info.alias or name
            if key not in keys:
                keys.append(key)
    return keys


@cache
def _adapter(annotation_repr: str, annotation: Any) -> TypeAdapter[Any]:
    return TypeAdapter(annotation)


def _accepts_text(root: type[BaseModel], path: Path, text: str) -> bool:
    """Would ``text``, written as a quoted string, be a valid value at ``path``?"""
    for annotation in _annotations_at(root, path):
        try:
            _adapter(repr(annotation), annotation).validate_python(text, strict=True)
        except (ValidationError, TypeError):
            continue
        except Exception:  # pragma: no cover - an odd annotation: do not guess
            continue
        return True
    return False


def _clean_loc(doc: Document, loc: tuple[Any, ...]) -> Path:
    """Drop union-branch tags that pydantic inserts into locations (they are not keys)."""
    out: list[str | int] = []
    node: Any = doc.data
    for part in loc:
        if (isinstance(node, dict) and isinstance(part, str) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            out.append(part)
            node = cast(Any, node)[part]
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
    if isinstance(value, datetime.datetime | datetime.date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, bytes):
        return "binary data"
    if isinstance(value, float):
        return _number(value) if abs(value) < 1e15 else repr(value)
    text = repr(value)
    return text if len(text) <= 40 else text[:36] + "...'"


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _plural(count: Any, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _read_as(doc: Document, path: Path, value: Any) -> str | None:
    """'YAML reads `NO` as false' when a plain scalar became a non-text value."""
    scalar = doc.scalars.get(path)
    if scalar is None or not scalar.plain:
        return None
    return f"YAML reads `{scalar.text}` as {_describe(value)}"


_ID_PATTERN = "a-z][a-z0-9_-]"


def _expected_text(root: type[BaseModel], path: Path) -> str:
    """What kind of text a field wants, in words."""
    text = " ".join(repr(a) for a in _annotations_at(root, path))
    if "[A-Z]{3}" in text:
        return "a 3-letter upper-case ISO code like 'FRA'"
    if "#[0-9A-Fa-f]" in text:
        return "a colour like '#1f77b4'"
    if _ID_PATTERN in text:
        return "an id (lower-case letters, digits, '-' or '_', starting with a letter)"
    return "text"


def _is_pair(path: Path) -> bool:
    if not path:
        return False
    if path[-1] == "between":
        return True
    return len(path) >= 2 and path[-2] == "hotlines" and isinstance(path[-1], int)


def _text_value(doc: Document, root: type[BaseModel], path: Path, value: Any) -> str:
    """A text field got something else (a number, a boolean, nothing, a list...)."""
    scalar = doc.scalars.get(path)
    expected = _expected_text(root, path)
    if value is None and scalar is not None and scalar.text == "":
        return f"no value given; expected {expected}"
    read_as = _read_as(doc, path, value)
    if read_as and scalar is not None:
        if _accepts_text(root, path, scalar.text):
            return f'expected {expected}, but {read_as}; put it in quotes: "{scalar.text}"'
        if scalar.text.upper() == "NO" and "ISO" in expected:
            return f"expected {expected}, but {read_as} (Norway is 'NOR')"
        return f"expected {expected}, but {read_as}"
    return f"expected {expected}, got {_describe(value)}"


def _number_value(doc: Document, path: Path, value: Any, whole: bool) -> str:
    what = "a whole number" if whole else "a number"
    if whole and isinstance(value, float):
        return f"expected {what}, got {value!r}"
    read_as = _read_as(doc, path, value)
    if read_as:
        return f"expected {what}, but {read_as}"
    if isinstance(value, str):
        try:
            float(value)
        except ValueError:
            return f"expected {what}, got {_describe(value)}"
        line, column = doc.locate(path)
        if doc.line_text(line)[column - 1 : column] in ("'", '"'):
            return f"expected {what}, got the text {value!r} (remove the quotes)"
        # (unquoted: YAML 1.1 reads 1e5 as text; its numbers with exponents need a point
        # and a sign, as in 1.0e+5)
        return (
            f"expected {what}, got {value!r}, which YAML reads as text "
            "(write an exponent as 1.0e+5, or the plain number)"
        )
    return f"expected {what}, got {_describe(value)}"


def _message(doc: Document, root: type[BaseModel], err: Any, path: Path) -> tuple[str, bool]:
    """The message for one pydantic error, and whether it points at the key."""
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return f"missing required key '{path[-1]}'", True
    if kind == "extra_forbidden":
        return _unknown_key(doc, root, path), True
    if kind in ("string_type", "string_pattern_mismatch") and not isinstance(value, str):
        message = _text_value(doc, root, path, value)
        return message, message.startswith("no value given")
    if kind == "string_pattern_mismatch":
        return _pattern_message(path, value, ctx.get("pattern", "")), False
    if kind == "literal_error":
        return _literal_message(doc, root, path, value, str(ctx.get("expected", ""))), False
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
        return _number_value(doc, path, value, whole=True), False
    if kind in ("float_type", "float_parsing", "finite_number"):
        return _number_value(doc, path, value, whole=False), False
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {_describe(value)}", False
    if kind == "list_type":
        return _list_message(doc, path, value), False
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return _mapping_message(root, path, value), False
    if kind == "too_short":
        if _is_pair(path):
            return f"a pair needs exactly 2 nation ids, has {ctx.get('actual_length')}", False
        return (
            f"needs at least {_plural(ctx.get('min_length'), 'item')}, "
            f"has {ctx.get('actual_length')}"
        ), False
    if kind == "too_long":
        if _is_pair(path):
            return f"a pair needs exactly 2 nation ids, has {ctx.get('actual_length')}", False
        if path and path[-1] == "capital":
            return (
                f"a capital is [x, y] (or [longitude, latitude]): 2 numbers, "
                f"has {ctx.get('actual_length')}"
            ), False
        return (
            f"allows at most {_plural(ctx.get('max_length'), 'item')}, "
            f"has {ctx.get('actual_length')}"
        ), False
    if kind == "string_too_short":
        return "must not be empty", False
    if kind == "string_too_long":
        return (
            f"text longer than {ctx.get('max_length')} characters (has {len(str(value))})"
        ), False
    if kind == "union_tag_invalid":
        return _tag_message(value, str(ctx.get("expected_tags", ""))), False
    if kind == "union_tag_not_found":
        tags = _tags_of(root, path)
        return f"missing required key 'type' ({tags})", True
    if kind == "value_error":
        text = str(err.get("msg", "")).removeprefix("Value error, ")
        return _one_key_message(text, value), True
    # Anything else: pydantic's wording, minus its jargon.
    msg = str(err.get("msg", kind)).replace("Input should be", "must be")
    return f"{msg} (got {_describe(value)})", False


def _one_key_message(text: str, value: Any) -> str:
    """Say which keys an effect or a condition was given when it needs exactly one."""
    for what, advice in (
        ("an effect", "split it into separate list items, each starting with '-'"),
        ("a condition", "combine tests with 'all: [...]' or 'any: [...]'"),
    ):
        if not text.startswith(f"{what} has exactly one key") or not isinstance(value, dict):
            continue
        choices = text.split("one of: ", 1)[-1]
        given = [str(k) for k in value]
        if not given:
            return f"{what} cannot be empty: give one key, one of: {choices}"
        return (
            f"{what} has exactly one key, this one has {len(given)} ({', '.join(given)}): {advice}"
        )
    return text


def _tags_of(root: type[BaseModel], path: Path) -> str:
    tags: list[str] = []
    for model in _models_at(root, path):
        tags.extend(repr(v) for v in _literal_values(model, "type"))
    return " or ".join(tags) if tags else "see the format"


def _tag_message(value: Any, expected: str) -> str:
    tag = value.get("type") if isinstance(value, dict) else None
    expected = expected.replace("', '", "' or '")
    if tag is None:
        return f"no value given; must be {expected}"
    return f"must be {expected} (got {_describe(tag)})"


def _unknown_key(doc: Document, root: type[BaseModel], path: Path) -> str:
    key = str(path[-1])
    parent = path[:-1]
    data = _data_at(doc, parent)
    keys = accepted_keys(root, parent, data)
    if key not in keys:
        other = [
            m
            for m in _models_at(root, parent)
            if key in (info.alias or name for name, info in m.model_fields.items())
        ]
        kinds = [v for m in other for v in _literal_values(m, "type")]
        if kinds and isinstance(data, dict) and "type" in data:
            return (
                f"unknown key '{key}' for type '{data.get('type')}' (only "
                f"type '{kinds[0]}' has '{key}')"
            )
    close = difflib.get_close_matches(key, keys, n=1, cutoff=0.6)
    if close:
        return f"unknown key '{key}'; did you mean '{close[0]}'?"
    if keys:
        return f"unknown key '{key}'; expected one of: {', '.join(keys)}"
    return f"unknown key '{key}'"


def _literal_message(
    doc: Document, root: type[BaseModel], path: Path, value: Any, expected: str
) -> str:
    if path == ("format",):
        return f"this game reads scenario format 1 (got {_describe(value)})"
    single = " or " not in expected and "," not in expected
    must = f"must be {expected}" if single else f"must be one of {expected}"
    scalar = doc.scalars.get(path)
    read_as = _read_as(doc, path, value)
    if read_as and scalar is not None:
        if _accepts_text(root, path, scalar.text):
            return f'{must}, but {read_as}; put it in quotes: "{scalar.text}"'
        return f"{must} (got `{scalar.text}`, which YAML reads as {_describe(value)})"
    return f"{must} (got {_describe(value)})"


def _list_message(doc: Document, path: Path, value: Any) -> str:
    if len(path) >= 2 and path[-2] == "hotlines" and isinstance(path[-1], int):
        return (
            f"each hotline is a pair of nation ids like [a, b], got {_describe(value)} "
            "(write hotlines: [[a, b], [c, d]])"
        )
    if path and path[-1] == "capital":
        return f"a capital is a pair of numbers like [120, 340], got {_describe(value)}"
    if (
        isinstance(value, str)
        and len(path) > 1  # not the top-level 'nations', a list of mappings
        and path[-1]
        in ("countries", "members", "nations", "signatories", "parties", "to", "forbids", "between")
    ):
        return f"expected a list like [{value}], got {_describe(value)}"
    return f"expected a list, got {_describe(value)}"


def _mapping_message(root: type[BaseModel], path: Path, value: Any) -> str:
    tags = [t for m in _models_at(root, path) for t in _literal_values(m, "type")]
    if isinstance(value, str) and value in tags and path:
        return (
            f"expected a mapping of keys, got {_describe(value)} (write {path[-1]}: "
            f"{{type: {value}}})"
        )
    if (
        isinstance(value, str)
        and path
        and isinstance(path[-1], int)
        and len(path) >= 2
        and path[-2] in ("effects",)
    ):
        return f"expected a mapping like '{value}: {{...}}', got {_describe(value)}"
    return f"expected a mapping of keys, got {_describe(value)}"


def suggest_id(value: str) -> str | None:
    """The valid id a designer most likely meant by ``value`` ('Germany' -> 'germany').

    None when ``value`` is already valid or no simple rewrite makes it valid. The cross
    checks use it too, so that references written the fixed way are not reported again.
    """
    fixed = re.sub(r"[^a-z0-9_-]+", "-", value.lower()).strip("-")
    if fixed and fixed != value and re.fullmatch(r"[a-z][a-z0-9_-]{0,39}", fixed):
        return fixed
    return None


def _alpha2_hint(code: str) -> str:
    """For a 2-letter code: the 3-letter code the map uses for it, by name."""
    from game.maps import iso

    alpha3 = iso.ALPHA2_TO_ALPHA3.get(code)
    if alpha3 is None:
        return "; that looks like a 2-letter code, the map uses 3-letter codes"
    name = iso.NAMES.get(alpha3)
    named = f"'{alpha3}' ({name})" if name else f"'{alpha3}'"
    return f"; '{code}' is a 2-letter code, the map uses 3-letter ones: did you mean {named}?"


def _pattern_message(path: Path, value: Any, pattern: str) -> str:
    if "#[0-9A-Fa-f]" in pattern:
        return f"colour must look like '#1f77b4' (got {_describe(value)})"
    if "[A-Z]{3}" in pattern:
        hint = ""
        if isinstance(value, str) and re.fullmatch(r"[A-Za-z]{3}", value):
            hint = f"; did you mean '{value.upper()}'?"
        elif isinstance(value, str) and re.fullmatch(r"[A-Za-z]{2}", value):
            hint = _alpha2_hint(value.upper())
        return f"expected a 3-letter upper-case ISO code like 'FRA' (got {_describe(value)}){hint}"
    if _ID_PATTERN in pattern:
        hint = ""
        if isinstance(value, str):
            fixed = suggest_id(value)
            if fixed is not None:
                hint = f"; e.g. '{fixed}'"
            elif len(value) > 40:
                hint = " (at most 40 characters)"
        return (
            f"{_describe(value)} is not a valid id: use lower-case letters, digits, '-' or '_', "
            f"starting with a letter{hint}"
        )
    return f"does not have the expected form (got {_describe(value)})"


#: Checks across the keys of one mapping, and the key each one is really about.
_VALUE_ERROR_KEYS = (
    ("victory '", "victory"),
    ("a 'norm' proposal", "kind"),
    ("an 'arms_control' proposal", "kind"),
)


def _value_error_path(doc: Document, path: Path, msg: str) -> Path:
    text = msg.removeprefix("Value error, ")
    for prefix, key in _VALUE_ERROR_KEYS:
        data = _data_at(doc, path)
        if text.startswith(prefix) and isinstance(data, dict) and key in data:
            return (*path, key)
    return path


def diagnostics_from(
    doc: Document, root: type[BaseModel], error: ValidationError
) -> list[Diagnostic]:
    """One diagnostic per pydantic error, placed at the key or value in the file.

    A required key that is "missing" only because it was misspelled is reported once, as
    the unknown key with its "did you mean".
    """
    found: list[tuple[Path, str, str, int, int]] = []
    seen: set[tuple[Path, str]] = set()
    for err in error.errors(include_url=False):
        path = _clean_loc(doc, err["loc"])
        if err["type"] == "union_tag_invalid":
            path = (*path, "type")
        elif err["type"] == "value_error":
            path = _value_error_path(doc, path, str(err.get("msg", "")))
        message, at_key = _message(doc, root, err, path)
        if (path, message) in seen:
            continue
        seen.add((path, message))
        if err["type"] == "missing":
            line, column = doc.locate(path[:-1], at_key=True)
        else:
            line, column = doc.locate(path, at_key=at_key)
        found.append((path, err["type"], message, line, column))
    misspelled = {
        (*path[:-1], m.group(1))
        for path, kind, message, _, _ in found
        if kind == "extra_forbidden" and (m := re.search(r"did you mean '([^']+)'", message))
    }
    out: list[Diagnostic] = []
    for path, kind, message, line, column in found:
        if kind == "missing" and path in misspelled:
            continue
        out.append(Diagnostic("error", path, message, line, column, doc.source))
    return out
