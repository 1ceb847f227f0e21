"""Load a scenario file: bytes -> YAML -> models -> cross-checks, every problem at once.

Public entry points:

- :func:`check_file` / :func:`check_text` return the scenario (or ``None``) and every
  diagnostic (errors and warnings); they never raise for a bad file.
- :func:`load_scenario` returns the scenario or raises :class:`ScenarioError`.
- :func:`scenario_hash` fingerprints a validated scenario for saves.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import stat
from pathlib import Path as FsPath
from typing import Any

from pydantic import ValidationError

from game.scenario.crossref import cross_check
from game.scenario.diagnostics import Diagnostic, ScenarioError
from game.scenario.messages import diagnostics_from
from game.scenario.models import Scenario
from game.scenario.yamlsource import MAX_BYTES, Document, decode, parse


def check_text(
    text: str | bytes, source: str = "<string>"
) -> tuple[Scenario | None, list[Diagnostic]]:
    """Validate scenario text; the scenario is ``None`` when there is any error.

    Never raises for bad input: every problem is a diagnostic. The garbage collector is
    paused meanwhile -- reading builds tens of thousands of small containers and
    nothing here makes reference cycles -- which saves about a fifth of the time.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _check_text(text, source)
    except ScenarioError as exc:  # pragma: no cover - _check_text returns these
        return None, exc.diagnostics
    except Exception as exc:  # pragma: no cover - a bug here must not become a traceback
        return None, [
            Diagnostic(
                "error",
                (),
                f"internal error while checking this file "
                f"({type(exc).__name__}: {exc}); please report it",
                1,
                1,
                source,
            )
        ]
    finally:
        if paused:
            gc.enable()


def _check_text(text: str | bytes, source: str) -> tuple[Scenario | None, list[Diagnostic]]:
    try:
        decoded = decode(text, source) if isinstance(text, bytes) else text
        doc = parse(decoded, source)
    except ScenarioError as exc:
        return None, exc.diagnostics
    # Problems YAML reading found in single values (duplicate keys, tags, NaN) come first;
    # a value it could not read is not reported again by the models or the cross-checks.
    diagnostics: list[Diagnostic] = list(doc.problems)
    found: list[Diagnostic] = []
    scenario: Scenario | None = None
    try:
        # strict: no quiet coercion of `yes` (true) or "10" (text) into numbers.
        scenario = Scenario.model_validate(doc.data, strict=True)
    except ValidationError as exc:
        found.extend(diagnostics_from(doc, Scenario, exc))
    found.extend(cross_check(doc))
    diagnostics.extend(d for d in found if not _under(d.path, doc.replaced))
    diagnostics.sort(key=lambda d: (d.line, d.column, d.severity != "error", d.message))
    if any(d.severity == "error" for d in diagnostics):
        scenario = None
    return scenario, diagnostics


def _under(path: tuple[str | int, ...], roots: set[tuple[str | int, ...]]) -> bool:
    return any(path[: len(root)] == root for root in roots)


def check_file(path: str | os.PathLike[str]) -> tuple[Scenario | None, list[Diagnostic]]:
    """Validate a scenario file; unreadable files become a diagnostic, never an exception."""
    source = os.fspath(path)
    try:
        raw = read_capped(path)
    except ScenarioError as exc:
        return None, exc.diagnostics
    return check_text(raw, source)


def refuse_unless_a_file(path: FsPath, source: str) -> None:
    """Raise ScenarioError if ``path`` exists but is a folder, or a device or pipe (a
    pipe would block for ever, a device never end); a missing path passes."""
    if path.is_dir():
        raise ScenarioError(
            [Diagnostic("error", (), "is a folder, not a scenario file", 1, 1, source)]
        )
    if path.exists() and not stat.S_ISREG(path.stat().st_mode):
        raise ScenarioError(
            [Diagnostic("error", (), "is not a regular file, so not a scenario", 1, 1, source)]
        )


def read_capped(path: str | os.PathLike[str]) -> bytes:
    """Read at most ``MAX_BYTES`` (+1 to notice more) without slurping a huge file."""
    source = os.fspath(path)
    fs_path = FsPath(path)
    try:
        refuse_unless_a_file(fs_path, source)
        with open(fs_path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ScenarioError([Diagnostic("error", (), "no such file", 1, 1, source)]) from None
    except PermissionError:
        raise ScenarioError([Diagnostic("error", (), "permission denied", 1, 1, source)]) from None
    except OSError as exc:
        raise ScenarioError(
            [Diagnostic("error", (), f"cannot read: {exc.strerror or exc}", 1, 1, source)]
        ) from None
    if len(raw) > MAX_BYTES:
        raise ScenarioError(
            [
                Diagnostic(
                    "error",
                    (),
                    f"file is larger than {MAX_BYTES:,} bytes (1 MiB), the limit for a scenario",
                    1,
                    1,
                    source,
                )
            ]
        )
    return raw


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """The validated scenario in ``path``; raises :class:`ScenarioError` on any error."""
    scenario, diagnostics = check_file(path)
    if scenario is None:
        raise ScenarioError(diagnostics)
    return scenario


def load_scenario_text(text: str | bytes, source: str = "<string>") -> Scenario:
    """Like :func:`load_scenario` for text already in memory."""
    scenario, diagnostics = check_text(text, source)
    if scenario is None:
        raise ScenarioError(diagnostics)
    return scenario


def canonical_json(scenario: Scenario) -> str:
    """A stable JSON form of the scenario (what saves embed and hash)."""
    return json.dumps(
        scenario.model_dump(mode="json", by_alias=True, exclude_none=True),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )


def scenario_hash(scenario: Scenario) -> str:
    """SHA-256 of :func:`canonical_json`, hex."""
    return hashlib.sha256(canonical_json(scenario).encode("utf-8")).hexdigest()


def scenario_from_json(text: str, source: str = "scenario") -> Scenario:
    """Rebuild a scenario from :func:`canonical_json` (as embedded in a save).

    Raises :class:`ScenarioError` (a ValueError whose ``str`` is one line) when the text
    is not JSON or not a valid scenario.
    """
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ScenarioError(
            [Diagnostic("error", (), f"not valid JSON ({exc})", 1, 1, source)]
        ) from None
    return scenario_from_data(data, source)


def scenario_from_data(data: Any, source: str = "scenario") -> Scenario:
    """Validate already-parsed scenario data (a save's embedded scenario, say).

    Unlike ``Scenario.model_validate``, a problem raises :class:`ScenarioError` with the
    same designer-friendly diagnostics as a file (without line numbers: ``1:1``), whose
    ``str`` is a single line -- what a one-line error message needs.
    """
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        doc = Document(data=data, source=source)
        raise ScenarioError(diagnostics_from(doc, Scenario, exc)) from None
    except RecursionError:
        raise ScenarioError([Diagnostic("error", (), "nested too deeply", 1, 1, source)]) from None
