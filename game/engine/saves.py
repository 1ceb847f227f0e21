"""Saving and loading games as versioned JSON.

A save holds the scenario (canonical JSON) and its hash, the seed, the seats, and the
history: every turn's orders and facilitator interventions with the state hash that turn
produced. Loading rebuilds the game by replaying that history and checks every hash, so
a save cannot silently load into a different game. A checksum over the whole payload
catches edits and damage before any replaying.

Every problem is a :class:`SaveError` with a one-line message; the file is only read.
Writes are atomic (a temporary file renamed into place), so a crash never leaves half a
save, and autosaves rotate through a fixed number of files.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game import __version__
from game.engine.fileio import write_atomically
from game.engine.game import Game, ReplayMismatch, Seat, TurnRecord, replay_history
from game.engine.interventions import InvalidIntervention, intervention_from_dict
from game.engine.orders import IllegalOrder, InvalidOrder, order_from_dict
from game.engine.rules import RULES_REVISION
from game.engine.state import initial_state
from game.scenario.loader import canonical_json, scenario_hash
from game.scenario.models import Scenario

SAVE_FORMAT = "cyber-diplomacy-save"
SAVE_VERSION = 1
MAX_SAVE_BYTES = 64 * 1024 * 1024


class SaveError(ValueError):
    """A save file cannot be loaded (or written); the message is one line for the user.

    ``mismatch_turn`` is the turn whose replay did not reproduce its recorded state
    (``replay --verify`` names it), or None for any other problem.
    """

    mismatch_turn: int | None = None


# --------------------------------------------------------------------------- writing


def _payload(game: Game) -> dict[str, Any]:
    if not game.full_reports:
        # (its turns have no state hashes: a load could not tell it from an edited save)
        raise SaveError("a game simulated without full turn reports cannot be saved")
    return {
        "format": SAVE_FORMAT,
        "version": SAVE_VERSION,
        "game_version": __version__,
        "rules_revision": RULES_REVISION,
        "saved_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "scenario": json.loads(canonical_json(game.scenario)),
        "scenario_hash": scenario_hash(game.scenario),
        "seed": game.seed,
        "seats": {nid: seat.to_dict() for nid, seat in game.seats.items()},
        "turns": [
            {
                "turn": record.turn,
                "orders": {
                    nid: [o.to_dict() for o in orders] for nid, orders in record.orders.items()
                },
                "interventions": [iv.to_dict() for iv in record.interventions],
                "hash": record.hash,
                "controllers": dict(record.controllers),
            }
            for record in game.history
        ],
        "pending": {
            "orders": {
                nid: [o.to_dict() for o in orders] for nid, orders in game.submitted.items()
            },
            "interventions": [iv.to_dict() for iv in game.pending_interventions],
        },
        "facilitator_log": list(game.facilitator_log),
        "meta": dict(game.meta),
    }


def _checksum(payload: dict[str, Any]) -> str:
    body = {k: v for k, v in payload.items() if k != "checksum"}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def save_bytes(game: Game) -> bytes:
    """The save file's bytes."""
    payload = _payload(game)
    payload["checksum"] = _checksum(payload)
    return (json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def save_game(game: Game, path: str | os.PathLike[str]) -> Path:
    """Write ``game`` to ``path`` atomically; raises SaveError if the folder is unwritable."""
    target = Path(path)
    try:
        write_atomically(target, save_bytes(game))
    except OSError as exc:
        raise SaveError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target


def autosave(game: Game, folder: str | os.PathLike[str], keep: int = 5) -> Path:
    """Save into ``folder`` as the newest of ``keep`` rotating autosaves.

    Files are named ``<scenario>-autosave-1.json`` (newest) to ``-<keep>.json`` (oldest);
    older ones shift down one place and the oldest is dropped. The new save is written
    completely before anything is renamed.
    """
    folder = Path(folder)
    stem = _safe(game.scenario.id)
    names = [folder / f"{stem}-autosave-{k}.json" for k in range(1, keep + 1)]
    fresh = folder / f".{stem}-autosave-new.json"
    save_game(game, fresh)
    try:
        for older, newer in zip(reversed(names[1:]), reversed(names[:-1]), strict=True):
            if newer.exists():
                os.replace(newer, older)
        os.replace(fresh, names[0])
    except OSError as exc:
        raise SaveError(f"cannot rotate autosaves in {folder}: {exc.strerror or exc}") from None
    return names[0]


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text)[:60] or "game"


# --------------------------------------------------------------------------- reading


def read_save_payload(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The checked JSON payload of a save (no replay); raises SaveError."""
    target = Path(path)
    try:
        if target.is_dir():
            raise SaveError(f"{target} is a folder, not a save file")
        if not stat.S_ISREG(target.stat().st_mode):
            # (a pipe would block for ever, a device never end)
            raise SaveError(f"{target} is not a regular file, so not a save file")
        with open(target, "rb") as handle:
            raw = handle.read(MAX_SAVE_BYTES + 1)  # (a file may grow after its stat)
        if len(raw) > MAX_SAVE_BYTES:
            raise SaveError(f"{target} is over {MAX_SAVE_BYTES:,} bytes, too large to be a save")
    except FileNotFoundError:
        raise SaveError(f"{target}: no such save file") from None
    except OSError as exc:
        raise SaveError(f"cannot read {target}: {exc.strerror or exc}") from None
    return parse_save(raw, str(target))


def parse_save(raw: bytes, name: str = "save") -> dict[str, Any]:
    """Decode and check a save's JSON envelope; raises SaveError."""
    if not raw.strip():
        raise SaveError(f"{name} is empty")
    try:
        payload = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SaveError(f"{name} is not a Cyber Diplomacy save (not text)") from None
    except json.JSONDecodeError as exc:
        body = raw.strip()
        if not body.startswith(b"{"):
            raise SaveError(f"{name} is not a Cyber Diplomacy save (not JSON)") from None
        if exc.pos >= len(body) - 1 or not body.endswith(b"}"):
            raise SaveError(f"{name} is truncated (it ends in the middle of the data)") from None
        raise SaveError(
            f"{name} is damaged: invalid JSON at line {exc.lineno} column {exc.colno}"
        ) from None
    except RecursionError:
        raise SaveError(f"{name} is damaged: nested too deeply") from None
    except ValueError:  # (a number of thousands of digits, past Python's limit)
        raise SaveError(f"{name} is damaged: a number in it is far too long") from None
    if not isinstance(payload, dict) or payload.get("format") != SAVE_FORMAT:
        raise SaveError(f"{name} is not a Cyber Diplomacy save")
    version = payload.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SaveError(f"{name} has no valid save version")
    if version > SAVE_VERSION:
        made_by = payload.get("game_version", "a newer version")
        raise SaveError(
            f"{name} was made by a newer version of the game ({made_by}, save "
            f"format {version}); this version reads format {SAVE_VERSION}. "
            "Please update the game."
        )
    if payload.get("checksum") != _checksum(payload):
        raise SaveError(f"{name} was modified or damaged (checksum mismatch)")
    return payload


def load_game(path: str | os.PathLike[str]) -> Game:
    """Load and fully verify a save; raises SaveError and never touches the file."""
    payload = read_save_payload(path)
    return game_from_payload(payload, str(path))


RecordedTurns = list[tuple[int, dict[str, tuple[Any, ...]], tuple[Any, ...], str]]


def history_from_payload(
    payload: dict[str, Any],
    name: str = "save",
) -> tuple[Scenario, int, RecordedTurns]:
    """The scenario, seed and recorded turns of a checked payload; raises SaveError."""
    try:
        scenario = Scenario.model_validate(payload["scenario"])
        if scenario_hash(scenario) != payload["scenario_hash"]:
            raise SaveError(f"{name}: the embedded scenario does not match its hash")
        seed = payload["seed"]
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise SaveError(f"{name}: the seed is not a whole number")
        turns: RecordedTurns = []
        for entry in payload["turns"]:
            orders = {
                str(nid): tuple(order_from_dict(o) for o in given)
                for nid, given in entry["orders"].items()
            }
            interventions = tuple(intervention_from_dict(iv) for iv in entry["interventions"])
            turns.append((int(entry["turn"]), orders, interventions, str(entry["hash"])))
        return scenario, seed, turns
    except SaveError:
        raise
    except Exception as exc:  # every other problem is damage to the file
        raise _damaged(exc, name) from None


def _damaged(exc: Exception, name: str) -> SaveError:
    if isinstance(exc, ReplayMismatch):
        return SaveError(
            f"{name} is inconsistent: {exc} (edited, or made by an incompatible version)"
        )
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        return SaveError(f"{name}: the embedded scenario is invalid ({where}: {first['msg']})")
    if isinstance(exc, InvalidOrder | IllegalOrder | InvalidIntervention):
        text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return SaveError(f"{name}: a recorded order is invalid ({text})")
    text = str(exc).splitlines()[0] if str(exc) else ""
    return SaveError(f"{name} is damaged: {type(exc).__name__} {text}".rstrip())


def replay_payload(payload: dict[str, Any], name: str = "save") -> tuple[Scenario, int, Any]:
    """Replay a checked payload turn by turn, checking every hash; raises SaveError."""
    scenario, seed, turns = history_from_payload(payload, name)
    try:
        start = initial_state(scenario, seed)
        return scenario, seed, (start, replay_history(start, seed, turns, check=True))
    except ReplayMismatch as exc:
        other = _other_rules(payload, name)
        if other is not None:
            raise other from None
        error = _damaged(exc, name)
        error.mismatch_turn = exc.turn
        raise error from None
    except Exception as exc:
        raise _damaged(exc, name) from None


def _other_rules(payload: dict[str, Any], name: str) -> SaveError | None:
    """The error for a save that does not replay because other rules made it, if so."""
    revision = payload.get("rules_revision", 1)  # saves before revisions were recorded
    if not isinstance(revision, int) or isinstance(revision, bool) or revision == RULES_REVISION:
        return None
    if revision < RULES_REVISION:
        return SaveError(
            f"{name} was saved under older rules (revision {revision}; this version plays "
            f"revision {RULES_REVISION}) and no longer replays the same: it cannot be "
            "continued with this version of the game"
        )
    return SaveError(
        f"{name} was saved under newer rules (revision {revision}; this version plays "
        f"revision {RULES_REVISION}): update the game to continue it"
    )


def game_from_payload(payload: dict[str, Any], name: str = "save") -> Game:
    """Rebuild a game from a checked payload by replaying its history."""
    scenario, seed, (start, replayed) = replay_payload(payload, name)
    try:
        seats = {str(k): Seat.from_dict(v) for k, v in payload["seats"].items()}
        game = Game(scenario, seed, seats, start, replayed.state, replayed.history)
        for record, entry in zip(game.history, payload["turns"], strict=True):
            record.controllers = {
                str(k): str(v) for k, v in (entry.get("controllers") or {}).items()
            }
        if set(seats) != set(game.ids):
            raise SaveError(f"{name}: the seats do not match the scenario's nations")
        pending = payload.get("pending", {})
        for iv in pending.get("interventions", []):
            game.intervene(intervention_from_dict(iv))
        game.facilitator_log = [dict(x) for x in payload.get("facilitator_log", [])]
        for nid, given in pending.get("orders", {}).items():
            game.submit(str(nid), [order_from_dict(o) for o in given])
        game.meta = dict(payload.get("meta", {}))
        game.meta["saved_at"] = payload.get("saved_at", "")
        return game
    except SaveError:
        raise
    except Exception as exc:
        raise _damaged(exc, name) from None


def save_summary(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Scenario title, turn and date of a save, without replaying it (for load menus)."""
    payload = read_save_payload(path)
    scenario = payload.get("scenario", {})
    return {
        "path": str(path),
        "scenario_id": scenario.get("id", "?"),
        "title": scenario.get("title", "?"),
        "turn": len(payload.get("turns", [])) + 1,
        "turns": scenario.get("turns", 0),
        "saved_at": payload.get("saved_at", ""),
    }


__all__ = [
    "SaveError",
    "TurnRecord",
    "autosave",
    "load_game",
    "save_bytes",
    "save_game",
    "save_summary",
]
