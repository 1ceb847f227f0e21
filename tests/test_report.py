"""The debrief data, key moments, discussion questions and the report's CSV/JSON files.

Issue 6: "the report of a seeded game matches golden values, and its CSVs agree with the
save". Golden values live in ``tests/golden/report_tutorial.json``; after an intended
change to the engine, the AI or the report, regenerate them with
``UPDATE_GOLDEN=1 pytest tests/test_report.py`` and review the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from game.ai.driver import play_ai_turn
from game.engine.game import Game
from game.engine.interventions import AdjustTrust, InjectEvent
from game.engine.saves import load_game, save_game
from game.engine.trust import trust_matrix
from game.engine.types import STATS
from game.report.debrief import MISATTRIBUTED, UNDETECTED, Debrief, Incident, build
from game.report.export import report_files, summary, turns_columns
from game.report.moments import all_moments, key_moments
from game.report.questions import all_questions, discussion_questions
from game.scenario import load_scenario_text
from game.scenario.catalog import load

GOLDEN = Path(__file__).resolve().parent / "golden" / "report_tutorial.json"
SYMMETRIC = Path(__file__).resolve().parent / "data" / "symmetric.yaml"


def _play(game: Game, until: int | None = None) -> Game:
    while not game.over and (until is None or game.turn <= until):
        play_ai_turn(game, all_ai=True)
    return game


def _saved(game: Game, folder: Path, name: str) -> Game:
    """The game as the report command sees it: saved, then loaded (and so replayed)."""
    return load_game(save_game(game, folder / name))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("report")


@pytest.fixture(scope="module")
def tutorial(folder: Path) -> Game:
    """The bundled tutorial played to the end by the AI with its own seed."""
    return _saved(_play(Game.new(load("tutorial"))), folder, "tutorial.json")


def rich_scenario() -> str:
    text = SYMMETRIC.read_text()
    personalities = [
        "aggressive",
        "isolationist",
        "reciprocal",
        "opportunist",
        "cooperative",
        "aggressive",
    ]
    lines = []
    k = 0
    for line in text.splitlines():
        if line.startswith("  - {id: ") and "capital" in line:
            line = line.replace("}", f", personality: {personalities[k]}}}")
            k += 1
        lines.append(line.replace("turns: 20", "turns: 12"))
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def rich(folder: Path) -> Game:
    """An eventful game: aggressive and isolationist AIs, facilitator interventions and a
    rollback."""
    game = Game.new(load_scenario_text(rich_scenario()), 3)
    _play(game, until=2)
    game.intervene(AdjustTrust(frm="a", to="b", by=-20, reason="border dispute"))
    _play(game, until=4)
    game.intervene(InjectEvent(event="vendor-breach"))
    _play(game, until=7)
    game.rollback(6)
    _play(game)
    return _saved(game, folder, "rich.json")


@pytest.fixture(scope="module")
def rich_debrief(rich: Game) -> Debrief:
    return build(rich)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# --------------------------------------------------------------------------- debrief


def test_debrief_has_a_row_per_turn_plus_the_start(rich: Game, rich_debrief: Debrief) -> None:
    d = rich_debrief
    played = len(rich.history)
    n = len(rich.ids)
    assert d.turns_played == played
    assert d.turns.tolist() == list(range(played + 1))
    assert d.stability.shape == (played + 1,)
    assert d.scores.shape == (played + 1, n)
    assert d.stats.shape == (played + 1, n, len(STATS))
    assert d.trust.shape == (played + 1, n, n)
    assert np.all(d.trust[:, np.arange(n), np.arange(n)] == 100.0)
    assert np.all((d.trust >= 0) & (d.trust <= 100))
    assert d.stability[0] == pytest.approx(rich.initial.stability)


def test_debrief_matches_the_recorded_reports(rich: Game, rich_debrief: Debrief) -> None:
    """Every turn's stability, terms and scores are those the game recorded."""
    d = rich_debrief
    for record in rich.history:
        t = record.turn
        assert d.stability[t] == record.report.stability.total
        for term, value in record.report.stability.terms.items():
            assert d.stability_terms[term][t] == value
        for s in record.report.scores:
            assert d.scores[t, s.nation] == s.total
            assert d.score_parts["influence"][t, s.nation] == s.influence


def test_stability_points_add_up_to_stability(rich_debrief: Debrief) -> None:
    d = rich_debrief
    total = sum(d.stability_points(t) for t in d.stability_weights)
    np.testing.assert_allclose(total, d.stability, atol=1e-9)


def test_final_turn_matches_the_final_state(rich: Game, rich_debrief: Debrief) -> None:
    np.testing.assert_array_equal(rich_debrief.trust[-1], trust_matrix(rich.state))
    np.testing.assert_array_equal(rich_debrief.stats[-1], rich.state.stats)


def test_incidents_are_every_operation_with_the_truth(rich: Game, rich_debrief: Debrief) -> None:
    ops = [op for record in rich.history for op in record.report.operations]
    assert len(rich_debrief.incidents) == len(ops) > 0
    ids = rich.ids
    for op, r in zip(ops, rich_debrief.incidents, strict=True):
        assert r.turn == op.turn and r.kind == op.kind and r.target == ids[op.target]
        assert r.attacker == (ids[op.attacker] if op.attacker >= 0 else None)
        assert r.misattributed == op.misattributed
        assert (r.attribution == UNDETECTED) == (not op.detected)


def test_facilitator_log_and_interventions_are_kept(rich_debrief: Debrief) -> None:
    actions = [x.action for x in rich_debrief.facilitator_log]
    assert any("border dispute" in a for a in actions)
    assert any("injected the event" in a for a in actions)
    assert any("rolled back to the start of turn 6" in a for a in actions)
    assert any(e.injected for e in rich_debrief.events)


def test_trust_reasons_explain_the_facilitators_adjustment(rich_debrief: Debrief) -> None:
    reasons = dict(rich_debrief.trust_reasons(3, "a", "b"))
    assert reasons.get("facilitator: border dispute") == -20


def test_isolationist_gives_no_diplomatic_orders(rich_debrief: Debrief) -> None:
    assert rich_debrief.diplomatic_orders["b"] == 0
    assert rich_debrief.diplomatic_orders["e"] > 0


def test_build_is_deterministic(rich: Game) -> None:
    a, b = build(rich), build(rich)
    np.testing.assert_array_equal(a.trust, b.trust)
    assert a.incidents == b.incidents
    assert key_moments(a) == key_moments(b)
    assert discussion_questions(a) == discussion_questions(b)


def test_a_game_not_yet_played_and_one_in_progress(folder: Path) -> None:
    fresh = _saved(Game.new(load("tutorial")), folder, "fresh.json")
    d = build(fresh)
    assert d.turns_played == 0 and d.incidents == ()
    files = report_files(d)
    assert files["turns.csv"].decode().strip() == ",".join(turns_columns(d))
    half = _saved(_play(Game.new(load("tutorial")), until=4), folder, "half.json")
    d = build(half)
    assert d.turns_played == 4
    assert d.result.outcome == "in progress" and d.result.winners == ()
    assert d.result.headline.startswith("In progress after turn 4 of 8")
    assert len(discussion_questions(d)) >= 5


# --------------------------------------------------------------------------- moments


def test_every_moment_has_two_sentences_and_known_glossary(rich_debrief: Debrief) -> None:
    from game.content import cyberpedia

    known = set(cyberpedia.ids())
    moments = all_moments(rich_debrief)
    assert moments
    for m in moments:
        assert m.title.startswith(f"Turn {m.turn}: ")
        assert 2 <= m.explanation.count(". ") + 1 <= 3, m.explanation
        assert set(m.glossary) <= known


def test_key_moments_are_few_varied_and_in_turn_order(rich_debrief: Debrief) -> None:
    moments = key_moments(rich_debrief, limit=6)
    assert 0 < len(moments) <= 6
    assert [m.turn for m in moments] == sorted(m.turn for m in moments)
    kinds = {m.kind for m in all_moments(rich_debrief)}
    assert len({m.kind for m in moments}) == min(6, len(kinds))


def _misattributed(d: Debrief, *, hotline: bool) -> Debrief:
    """``d`` with one made-up incident on turn 2: a blamed for c's sabotage against e."""
    fake = Incident(
        id=999,
        turn=2,
        kind="sabotage",
        attacker="c",
        target="e",
        success=True,
        detected=True,
        blamed="a",
        attribution=MISATTRIBUTED,
        correct=False,
        corrected_by_hotline=False,
        scripted=False,
        damage={},
        norms_broken=(),
        exposed_cheating=(),
        hotline=hotline,
    )
    return replace(d, incidents=(fake,), escalations=(), happenings=())


def test_misattribution_without_hotline_asks_what_a_hotline_would_change(
    rich_debrief: Debrief,
) -> None:
    """The issue's example: "Turn 7: Borealis was blamed for an operation Meridia carried
    out. What would a hotline have changed?"."""
    d = _misattributed(rich_debrief, hotline=False)
    moment = next(m for m in all_moments(d) if m.kind == "misattribution")
    assert moment.title == "Turn 2: Arden blamed for Corvo's sabotage"
    assert "had no hotline" in moment.explanation
    texts = [q.text for q in discussion_questions(d)]
    assert (
        "Turn 2: Arden was blamed for an operation Corvo carried out. What would a "
        "hotline have changed?"
    ) in texts


def test_misattribution_despite_a_hotline_is_asked_differently(rich_debrief: Debrief) -> None:
    d = _misattributed(rich_debrief, hotline=True)
    moment = next(m for m in all_moments(d) if m.kind == "misattribution")
    assert "Even their hotline" in moment.explanation
    question = next(q for q in discussion_questions(d) if q.kind == "misattribution")
    assert "had a hotline with Arden and still blamed it" in question.text


def test_two_misattributions_are_asked_in_different_words(rich_debrief: Debrief) -> None:
    d = _misattributed(rich_debrief, hotline=False)
    second = replace(d.incidents[0], id=1000, turn=3, attacker="d", blamed="f")
    d = replace(d, incidents=(*d.incidents, second))
    texts = [q.text for q in all_questions(d) if q.kind == "misattribution"]
    assert len(texts) == 2
    assert texts[0].split(": ", 1)[1][:20] != texts[1].split(": ", 1)[1][:20]


def test_cheating_escalation_and_collapse_are_key_moments(rich_debrief: Debrief) -> None:
    """Treaties broken, escalations to crisis and a collapse each get a moment and a
    question; a collapse always makes the key moments."""
    from game.report.debrief import CORRECT, Escalation

    spy = Incident(
        id=998,
        turn=4,
        kind="espionage",
        attacker="c",
        target="a",
        success=True,
        detected=False,
        blamed=None,
        attribution=UNDETECTED,
        correct=False,
        corrected_by_hotline=False,
        scripted=False,
        damage={},
        norms_broken=(),
        exposed_cheating=("offense-cap",),
        hotline=False,
    )
    blamed = replace(
        spy,
        id=997,
        turn=5,
        kind="sabotage",
        attacker="d",
        target="e",
        detected=True,
        blamed="d",
        attribution=CORRECT,
        correct=True,
        exposed_cheating=(),
    )
    d = replace(
        rich_debrief,
        incidents=(spy, blamed),
        happenings=(),
        escalations=(Escalation(5, "d", "e", "friction", "crisis", 57.0),),
        result=replace(rich_debrief.result, outcome="collapse"),
    )
    moments = {m.kind: m for m in key_moments(d, limit=5)}
    assert moments["cheating"].title == "Turn 4: Arden caught cheating on 'Offense cap'"
    assert "past the cap of 45" in moments["cheating"].explanation
    assert moments["escalation"].title == "Turn 5: Dunmere and Estra reach crisis"
    assert "after Estra blamed Dunmere for a sabotage operation" in (
        moments["escalation"].explanation
    )
    assert moments["collapse"].weight > max(m.weight for m in all_moments(rich_debrief))
    kinds = {q.kind for q in discussion_questions(d)}
    assert {"cheating", "escalation", "collapse"} <= kinds


def test_questions_are_five_to_eight_varied_and_ordered(rich_debrief: Debrief) -> None:
    questions = discussion_questions(rich_debrief)
    assert 5 <= len(questions) <= 8
    turns = [q.turn for q in questions if q.turn is not None]
    assert turns == sorted(turns)
    assert all(q.turn is not None for q in questions[: len(turns)])
    kinds = [q.kind for q in questions]
    assert all(kinds.count(k) <= 2 for k in kinds)


def test_a_nation_that_never_used_diplomacy_is_asked_about(rich_debrief: Debrief) -> None:
    """Design: "a nation that avoids diplomacy altogether is not safer"."""
    question = next(q for q in discussion_questions(rich_debrief) if q.kind == "no_diplomacy")
    assert question.text.startswith("Belmar never used diplomacy in 12 turns.")


# --------------------------------------------------------------------------- CSV and JSON


def test_turns_csv_agrees_with_the_save(rich: Game, rich_debrief: Debrief) -> None:
    rows = _rows(report_files(rich_debrief)["turns.csv"].decode())
    assert len(rows) == len(rich.history)
    for row, record in zip(rows, rich.history, strict=True):
        assert int(row["turn"]) == record.turn
        assert float(row["stability"]) == pytest.approx(record.report.stability.total, abs=5e-4)
        points = sum(float(row[f"{t}_points"]) for t in record.report.stability.terms)
        assert points == pytest.approx(record.report.stability.total, abs=5e-3)
        for s in record.report.scores:
            nid = rich.ids[s.nation]
            assert float(row[f"{nid}_score"]) == pytest.approx(s.total, abs=5e-4)
            assert float(row[f"{nid}_security"]) == pytest.approx(s.security, abs=5e-4)
            assert row[f"{nid}_objectives"] == ""  # no objectives in this scenario
    last = rows[-1]
    for i, nid in enumerate(rich.ids):
        for k, stat in enumerate(STATS):
            assert float(last[f"{nid}_{stat}"]) == pytest.approx(rich.state.stats[i, k], abs=5e-4)


def test_incidents_csv_is_every_operation_in_the_history(rich: Game, rich_debrief: Debrief) -> None:
    rows = _rows(report_files(rich_debrief)["incidents.csv"].decode())
    ops = [op for record in rich.history for op in record.report.operations]
    ids = rich.ids

    def name(k: int | None) -> str:
        return "" if k is None else "unknown" if k < 0 else ids[k]

    expected = [
        {
            "turn": str(op.turn),
            "kind": op.kind,
            "true_attacker": name(op.attacker),
            "target": ids[op.target],
            "success": str(op.success).lower(),
            "detected": str(op.detected).lower(),
            "blamed": name(op.blamed),
            "correct": str(op.correct).lower(),
        }
        for op in ops
    ]
    keys = list(expected[0])
    assert [{k: row[k] for k in keys} for row in rows] == expected


def test_trust_csv_is_every_pair_every_turn_and_ends_at_the_final_state(
    rich: Game, rich_debrief: Debrief
) -> None:
    rows = _rows(report_files(rich_debrief)["trust.csv"].decode())
    n = len(rich.ids)
    assert len(rows) == len(rich.history) * n * (n - 1)
    final = trust_matrix(rich.state)
    index = {nid: i for i, nid in enumerate(rich.ids)}
    last = [r for r in rows if int(r["turn"]) == len(rich.history)]
    assert len(last) == n * (n - 1)
    for r in last:
        assert float(r["trust"]) == pytest.approx(final[index[r["from"]], index[r["to"]]], abs=5e-4)


def test_summary_json_has_ids_counts_and_no_timestamp(rich: Game, rich_debrief: Debrief) -> None:
    data = json.loads(report_files(rich_debrief)["summary.json"])
    result = rich.result()
    assert data["scenario"]["id"] == "symmetric"
    assert data["seed"] == 3 and data["turns_played"] == len(rich.history)
    assert data["outcome"] == result.outcome
    assert [x["nation"] for x in data["ranking"]] == [rich.ids[i] for i in result.ranking]
    assert data["final_stability"] == pytest.approx(rich.state.stability, abs=5e-4)
    counts = data["counts"]
    assert counts["incidents"] == len(rich_debrief.incidents)
    assert counts["misattributed"] == sum(r.misattributed for r in rich_debrief.incidents)
    assert counts["facilitator_actions"] == 3
    assert "saved_at" not in json.dumps(data)


def test_report_files_are_byte_for_byte_deterministic(rich: Game) -> None:
    first, second = report_files(build(rich)), report_files(build(rich))
    assert first == second


# --------------------------------------------------------------------------- golden


def _golden(game: Game) -> dict[str, object]:
    d = build(game)
    data = summary(d)
    rows = _rows(report_files(d)["incidents.csv"].decode())
    return {
        "turns_played": data["turns_played"],
        "outcome": data["outcome"],
        "winners": data["winners"],
        "start_stability": data["start_stability"],
        "final_stability": data["final_stability"],
        "stability": [round(float(x), 3) for x in d.stability],
        "ranking": data["ranking"],
        "counts": data["counts"],
        "first_incidents": rows[:5],
        "key_moments": [[m.turn, m.kind] for m in key_moments(d)],
        "questions": [[q.turn, q.kind] for q in discussion_questions(d)],
    }


def test_tutorial_report_matches_golden_values(tutorial: Game) -> None:
    actual = json.loads(json.dumps(_golden(tutorial)))
    if os.environ.get("UPDATE_GOLDEN") or not GOLDEN.exists():
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(json.dumps(actual, indent=2) + "\n")
        if not os.environ.get("UPDATE_GOLDEN"):
            pytest.fail(f"wrote missing golden file {GOLDEN}; check it in")
    expected = json.loads(GOLDEN.read_text())
    assert actual.keys() == expected.keys()
    for key in expected:
        assert actual[key] == expected[key], f"{key} differs from {GOLDEN.name}"


def test_report_of_a_shared_goal_game_with_treaties_writes_plain_json(folder: Path) -> None:
    """The Norms Summit has norms, agreements and a shared goal: its stability, treaty
    terms and whether the goal was met are plain Python numbers, so the summary's JSON
    writes (numpy scalars once made the report fail)."""
    game = _saved(_play(Game.new(load("norms-summit"))), folder, "summit.json")
    breakdown = game.history[-1].report.stability
    assert type(breakdown.total) is float and type(game.state.stability) is float
    assert all(type(v) is float for v in breakdown.terms.values())
    assert "norms" in breakdown.terms
    result = game.result()
    assert type(result.shared_goal_met) is bool
    files = report_files(build(game))
    data = json.loads(files["summary.json"])
    assert data["shared_goal_met"] is result.shared_goal_met


def test_the_debrief_gives_each_ai_move_its_reason_and_no_person_s_moves() -> None:
    """Every order an AI seat gave is in the debrief with its reason, worded as a third
    party reads it (an answer names whose proposal it was); a person's orders are not
    (a seat's controller is read turn by turn, so a team that took over is left out)."""
    from game.engine.game import Seat
    from game.scenario.catalog import load

    game = Game.new(load("arms-race"), 3)
    for _ in range(3):
        play_ai_turn(game, all_ai=True)
    game.set_seat("corvania", Seat("human", "aggressive", "normal"))
    while not game.over:
        play_ai_turn(game, all_ai=True)  # the AI still fills in the person's orders
    d = build(game)
    given = sum(len(o) for r in game.history for nid, o in r.orders.items() if nid != "corvania")
    early = sum(len(r.orders.get("corvania", ())) for r in game.history[:3])
    assert len(d.decisions) == given + early
    assert all(x.turn <= 3 for x in d.decisions if x.nation == "corvania")
    assert all(x.reason for x in d.decisions)
    answers = [x for x in d.decisions if x.group == "answer"]
    assert answers and all(x.action.startswith(("Accepted ", "Declined ")) for x in answers)
    assert all("'s " in x.action for x in answers)  # whose proposal it was


def test_the_scores_chart_of_a_crowded_world_shows_the_best_nations() -> None:
    """A panel per nation for 194 nations took most of a minute to draw and could not be
    read: the chart shows the best, says so, and turns.csv keeps every nation."""
    from game.report import charts
    from game.scenario.catalog import load

    game = Game.new(load("world"), 1)
    play_ai_turn(game, all_ai=True)
    d = build(game)
    fig = charts.scores_chart(d)
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert len(panels) == charts.MAX_SCORE_PANELS
    best = d.nations[d.index(d.result.ranking[0].nation)].name
    assert panels[0].get_title(loc="left").startswith(f"1. {best}")
    assert f"the best {charts.MAX_SCORE_PANELS} of 194" in fig._suptitle.get_text()
    header = turns_columns(d)
    assert sum(1 for c in header if c.endswith("_score")) == 194
