"""Saves (game/engine/saves.py): continue identically, rotate, refuse bad files cleanly.

Issue 3: "save and load as versioned JSON with the scenario embedded and its hash; atomic
writes; an autosave-rotation helper ... A corrupt, truncated, tampered or newer-version
save gives a clear one-line error, never a traceback, and the file is left as it was."
DESIGN §5: "nothing the user had is overwritten or lost (saves are written atomically,
autosaves rotate)." Performance bar: "a 30-turn 8-nation save <= 1 MB".
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from test_engine_kit import symmetric

from game.ai.driver import ai_orders, play_ai_turn
from game.cli import main
from game.engine.game import Game
from game.engine.interventions import AdjustStat, AdjustTrust
from game.engine.orders import Talks
from game.engine.rules import RULES_REVISION
from game.engine.saves import (
    SAVE_VERSION,
    SaveError,
    _checksum,
    autosave,
    load_game,
    save_bytes,
    save_game,
    save_summary,
)
from game.engine.state import state_hash


@cache
def _game_bytes() -> bytes:
    """A symmetric game after six AI turns, with a facilitator intervention on turn 3."""
    game = Game.new(symmetric(), 12)
    for turn in range(1, 7):
        if turn == 3:
            game.intervene(AdjustStat(nation="c", stat="economy", value=20.0, reason="test"))
        play_ai_turn(game, all_ai=True)
    return save_bytes(game)


def _saved(tmp_path: Path, name: str = "game.json") -> Path:
    path = tmp_path / name
    path.write_bytes(_game_bytes())
    return path


def _payload(path: Path) -> dict:
    return json.loads(path.read_bytes())


def _write(path: Path, payload: dict, *, fix_checksum: bool) -> None:
    if fix_checksum:
        payload["checksum"] = _checksum(payload)
    path.write_text(json.dumps(payload, ensure_ascii=False))


def _edit_an_order(payload: dict, turn_index: int = 2) -> int:
    """Change one recorded posture (still a legal order); returns the edited turn."""
    entry = payload["turns"][turn_index]
    for orders in entry["orders"].values():
        for order in orders:
            if order["kind"] == "posture":
                order["posture"] = "offensive" if order["posture"] != "offensive" else "defensive"
                return int(entry["turn"])
    raise AssertionError("no posture order to edit")


# --------------------------------------------------------------------------- round trip


def test_load_of_save_continues_identically(tmp_path: Path) -> None:
    """ "`load(save(g))` continues identically to `g`": the loaded game has the same
    history and state, and advancing both with the same orders gives the same hashes."""
    game = Game.new(symmetric(), 21)
    for _ in range(4):
        play_ai_turn(game, all_ai=True)
    game.intervene(AdjustTrust(frm="a", to="b", by=-15.0, reason="a rumour"))
    game.submit("a", [Talks("a", "c")])
    path = save_game(game, tmp_path / "mid.json")
    loaded = load_game(path)
    assert loaded.hashes() == game.hashes()
    assert state_hash(loaded.state) == state_hash(game.state)
    assert loaded.submitted == game.submitted
    assert loaded.pending_interventions == game.pending_interventions
    assert loaded.seats == game.seats and loaded.seed == game.seed
    for step in range(3):
        orders = ai_orders(game, list(game.ids))
        if step == 0:
            del orders["a"]  # a's order was submitted before saving: keep it
        a = game.advance(orders)
        b = loaded.advance(orders)
        assert a.state_hash == b.state_hash
    assert game.hashes() == loaded.hashes()


def test_save_then_load_then_save_is_stable(tmp_path: Path) -> None:
    """A loaded game saves to the same content (but for the time it was saved)."""
    path = _saved(tmp_path)
    again = save_game(load_game(path), tmp_path / "again.json")
    first, second = _payload(path), _payload(again)
    for payload in (first, second):
        payload.pop("saved_at"), payload.pop("checksum")
        payload["meta"].pop("saved_at", None)
    assert first == second


def test_saving_is_atomic_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    """ "saves are written atomically": overwriting a save replaces it whole, and nothing
    else is left in the folder."""
    path = _saved(tmp_path)
    game = load_game(path)
    game.advance()
    save_game(game, path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["game.json"]
    assert len(load_game(path).history) == 7


def test_saving_into_an_unwritable_place_is_a_save_error(tmp_path: Path) -> None:
    game = load_game(_saved(tmp_path))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(SaveError) as caught:
        save_game(game, blocker / "sub" / "game.json")
    assert "\n" not in str(caught.value)


# --------------------------------------------------------------------------- autosave


def test_autosave_rotation_keeps_n_files_newest_first(tmp_path: Path) -> None:
    """ "autosaves rotate": with keep=3, after five autosaves there are exactly three, the
    newest as -1, and each older by one turn."""
    game = Game.new(symmetric(), 5)
    folder = tmp_path / "autosaves"
    for _ in range(5):
        play_ai_turn(game, all_ai=True)
        newest = autosave(game, folder, keep=3)
        assert newest.name == "symmetric-autosave-1.json"
    names = sorted(p.name for p in folder.iterdir())
    assert names == [f"symmetric-autosave-{k}.json" for k in (1, 2, 3)]
    turns = [save_summary(folder / f"symmetric-autosave-{k}.json")["turn"] for k in (1, 2, 3)]
    assert turns == [6, 5, 4]
    assert load_game(folder / "symmetric-autosave-1.json").hashes() == game.hashes()


# --------------------------------------------------------------------------- bad saves


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _corrupt_json(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 4] = b"}}]{"
    path.write_bytes(bytes(data))


def _not_json(path: Path) -> None:
    path.write_text("This is my shopping list:\n- eggs\n- milk\n")


def _binary(path: Path) -> None:
    path.write_bytes(bytes((k * 167 + 13) % 256 for k in range(4096)))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _json_not_an_object(path: Path) -> None:
    path.write_text("[1, 2, 3]")


def _edited_order(path: Path) -> None:
    payload = _payload(path)
    _edit_an_order(payload)
    _write(path, payload, fix_checksum=False)


def _edited_order_checksum_fixed(path: Path) -> None:
    payload = _payload(path)
    _edit_an_order(payload)
    _write(path, payload, fix_checksum=True)


def _illegal_order_checksum_fixed(path: Path) -> None:
    payload = _payload(path)
    nation, orders = next(iter(payload["turns"][1]["orders"].items()))
    orders.append({"kind": "invest", "nation": nation, "offense": 1000.0})
    _write(path, payload, fix_checksum=True)


def _malformed_order_checksum_fixed(path: Path) -> None:
    payload = _payload(path)
    nation, orders = next(iter(payload["turns"][1]["orders"].items()))
    orders.append({"kind": "talks", "nation": nation, "target": nation})
    _write(path, payload, fix_checksum=True)


def _newer_version(path: Path) -> None:
    payload = _payload(path)
    payload["version"] = SAVE_VERSION + 1
    payload["game_version"] = "9.9.9"
    _write(path, payload, fix_checksum=True)


def _older_rules(path: Path) -> None:
    """A save from older rules, standing in for one whose turns those rules decided
    differently: it names an older rules revision and does not replay."""
    payload = _payload(path)
    payload["rules_revision"] = RULES_REVISION - 1
    _edit_an_order(payload)
    _write(path, payload, fix_checksum=True)


def _newer_rules(path: Path) -> None:
    payload = _payload(path)
    payload["rules_revision"] = RULES_REVISION + 1
    _edit_an_order(payload)
    _write(path, payload, fix_checksum=True)


def _wrong_format(path: Path) -> None:
    payload = _payload(path)
    payload["format"] = "some-other-game-save"
    _write(path, payload, fix_checksum=True)


def _scenario_edited(path: Path) -> None:
    payload = _payload(path)
    payload["scenario"]["nations"][0]["stats"]["offense"] = 99
    _write(path, payload, fix_checksum=True)


def _scenario_invalid(path: Path) -> None:
    payload = _payload(path)
    payload["scenario"]["turns"] = -3
    _write(path, payload, fix_checksum=True)


def _seats_wrong(path: Path) -> None:
    payload = _payload(path)
    payload["seats"].pop(next(iter(payload["seats"])))
    _write(path, payload, fix_checksum=True)


def _turns_missing(path: Path) -> None:
    payload = _payload(path)
    del payload["turns"]
    _write(path, payload, fix_checksum=True)


def _turn_skipped(path: Path) -> None:
    payload = _payload(path)
    del payload["turns"][2]
    _write(path, payload, fix_checksum=True)


BAD: dict[str, tuple[Callable[[Path], None], str]] = {
    "truncated": (_truncated, "truncated|damaged"),
    "corrupt JSON": (_corrupt_json, "damaged"),
    "not JSON": (_not_json, "not a Cyber Diplomacy save|damaged"),
    "binary garbage": (_binary, "not a Cyber Diplomacy save"),
    "empty": (_empty, "empty"),
    "JSON but not a save": (_json_not_an_object, "not a Cyber Diplomacy save"),
    "edited order": (_edited_order, "checksum"),
    "edited order, checksum recomputed": (_edited_order_checksum_fixed, "turn 3"),
    "illegal order, checksum recomputed": (_illegal_order_checksum_fixed, "order"),
    "malformed order, checksum recomputed": (_malformed_order_checksum_fixed, "order"),
    "newer version": (_newer_version, "newer version"),
    "older rules, no longer replays": (_older_rules, "older rules .*cannot be continued"),
    "newer rules": (_newer_rules, "newer rules .*update the game"),
    "wrong format marker": (_wrong_format, "not a Cyber Diplomacy save"),
    "scenario edited": (_scenario_edited, "scenario"),
    "scenario invalid": (_scenario_invalid, "scenario"),
    "seats wrong": (_seats_wrong, "seats"),
    "turns missing": (_turns_missing, "damaged"),
    "a turn skipped": (_turn_skipped, "turn"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_saves_are_refused_with_one_line_and_left_untouched(tmp_path: Path, case: str) -> None:
    """ "A corrupt, truncated, tampered or newer-version save gives a clear one-line error,
    never a traceback, and the file is left as it was." """
    spoil, words = BAD[case]
    path = _saved(tmp_path)
    spoil(path)
    before = path.read_bytes()
    stamp = path.stat().st_mtime_ns
    with pytest.raises(SaveError) as caught:
        load_game(path)
    message = str(caught.value).replace(str(path), "<save>")
    assert "\n" not in message and message.strip() == message and message
    assert len(message) < 400, message
    assert re.search(words, message, re.IGNORECASE), message
    assert path.read_bytes() == before and path.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in tmp_path.iterdir()) == ["game.json"]


def test_a_save_records_its_rules_revision_and_older_saves_that_still_replay_load(
    tmp_path: Path,
) -> None:
    """Saves name the rules revision they were made under. A save from before revisions
    were recorded loads as long as its turns still replay the same."""
    path = _saved(tmp_path)
    payload = _payload(path)
    assert payload["rules_revision"] == RULES_REVISION
    del payload["rules_revision"]
    _write(path, payload, fix_checksum=True)
    assert load_game(path).hashes() == load_game(_saved(tmp_path, "fresh.json")).hashes()


def test_a_truncated_save_is_called_truncated(tmp_path: Path) -> None:
    """ "A ... truncated ... save gives a clear one-line error": a save cut short (a full
    disk, an interrupted copy) is reported as truncated wherever the cut falls — not as
    "damaged: invalid JSON at column N", which reads like an edit in the middle."""
    path = _saved(tmp_path)
    data = path.read_bytes()
    wrong = {}
    for keep in (0.1, 0.3, 0.5, 0.7, 0.9, 0.999):
        path.write_bytes(data[: int(len(data) * keep)])
        with pytest.raises(SaveError) as caught:
            load_game(path)
        message = str(caught.value).replace(str(path), "<save>")
        if "truncated" not in message:
            wrong[keep] = message
    assert not wrong, f"cut saves not called truncated: {wrong}"


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "saves"
    folder.mkdir()
    with pytest.raises(SaveError, match="folder") as caught:
        load_game(folder)
    assert "\n" not in str(caught.value)
    assert list(folder.iterdir()) == []


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="no such save file") as caught:
        load_game(tmp_path / "nothing.json")
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "nothing.json").exists()


def test_an_unreadable_file_is_refused(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads everything")
    path = _saved(tmp_path)
    path.chmod(0)
    try:
        with pytest.raises(SaveError) as caught:
            load_game(path)
        assert "\n" not in str(caught.value)
    finally:
        path.chmod(0o644)


# --------------------------------------------------------------------------- replay --verify


def test_replay_verify_accepts_a_good_save(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "`cyberdip replay SAVE --verify` ... (exit 0 if identical ...)"."""
    path = _saved(tmp_path)
    assert main(["replay", str(path), "--verify"]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("ok: 6 turns replayed") and out.err == ""


def test_replay_verify_names_the_first_differing_turn(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "... 1 with the first differing turn otherwise": a save whose turn-3 orders were
    edited (and its checksum forged) fails at turn 3."""
    path = _saved(tmp_path)
    payload = _payload(path)
    turn = _edit_an_order(payload, turn_index=2)
    _write(path, payload, fix_checksum=True)
    before = path.read_bytes()
    assert main(["replay", str(path), "--verify"]) == 1
    out = capsys.readouterr()
    assert f"turn {turn}" in out.out + out.err and turn == 3
    assert "Traceback" not in out.out + out.err
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "case",
    [
        "edited order",
        "truncated",
        "newer version",
        "illegal order, checksum recomputed",
        "malformed order, checksum recomputed",
        "scenario invalid",
    ],
)
def test_replay_verify_refuses_bad_saves_with_one_line(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad input "gets a clear one-line error and a non-zero exit, never a traceback":
    ``replay --verify`` of a damaged or tampered save exits 1 with one line on stderr
    (or the MISMATCH line), never an internal error."""
    spoil, _words = BAD[case]
    path = _saved(tmp_path)
    spoil(path)
    code = main(["replay", str(path), "--verify"])
    out = capsys.readouterr()
    assert code == 1, (code, out.err)
    assert "internal error" not in out.err and "Traceback" not in out.err
    lines = [line for line in (out.out + out.err).splitlines() if line.strip()]
    assert len(lines) == 1, lines


def test_replay_without_verify_retells_the_game(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _saved(tmp_path)
    assert main(["replay", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len([line for line in lines if line.startswith("T")]) == 6


# --------------------------------------------------------------------------- size


def test_a_30_turn_8_nation_save_is_at_most_1_mb(tmp_path: Path) -> None:
    """Issue 3 performance bar: "a 30-turn 8-nation save <= 1 MB"."""
    game = Game.new(symmetric(8, turns=30), 1)
    while not game.over:
        play_ai_turn(game, all_ai=True)
    assert len(game.history) == 30 and game.state.world.n == 8
    path = save_game(game, tmp_path / "big.json")
    assert path.stat().st_size <= 1_000_000, path.stat().st_size
    assert load_game(path).hashes() == game.hashes()


def test_replay_verify_names_the_turn_that_does_not_replay_whatever_the_file_is_called(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The MISMATCH line names the turn from the replay itself, not from the words of
    the message (a file called "my turn 5.save" once made it say "turn 5.save")."""
    path = _saved(tmp_path, "my turn 5.save")
    _edited_order_checksum_fixed(path)
    assert main(["replay", str(path), "--verify"]) == 1
    assert capsys.readouterr().out.strip() == (
        "MISMATCH: turn 3 does not reproduce the saved state hash"
    )


def test_a_number_too_long_to_read_is_a_damaged_save(tmp_path: Path) -> None:
    path = _saved(tmp_path)
    path.write_bytes(path.read_bytes().replace(b'"version":1', b'"version":' + b"9" * 5000, 1))
    with pytest.raises(SaveError, match="damaged: a number in it is far too long"):
        load_game(path)


@pytest.mark.parametrize("version", [0, -5, True, "1", None])
def test_a_save_version_that_is_not_a_positive_whole_number_is_refused(
    tmp_path: Path, version: object
) -> None:
    path = _saved(tmp_path)
    payload = _payload(path)
    payload["version"] = version
    _write(path, payload, fix_checksum=True)
    with pytest.raises(SaveError, match="no valid save version"):
        load_game(path)


def test_replay_verify_also_checks_that_the_game_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every hash matching is not enough: a save whose seats do not match its nations
    cannot be continued, and ``--verify`` says so (it said "ok")."""
    path = _saved(tmp_path)
    payload = _payload(path)
    payload["seats"].pop(next(iter(payload["seats"])))
    _write(path, payload, fix_checksum=True)
    assert main(["replay", str(path), "--verify"]) == 1
    err = capsys.readouterr().err
    assert "seats do not match" in err and len(err.strip().splitlines()) == 1
