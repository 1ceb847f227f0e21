"""Every bundled scenario: valid, playable to the end by the AI, and teaching what it claims.

The list of scenarios is ``scenarios/*.yaml``, so a scenario added later is checked too.
Big scenarios (more than ``BIG`` nations, i.e. the world sandbox) are played for two
turns only, to keep this file fast; the small ones also run a short seeded batch and must
show the mechanics their learning objectives talk about (``CLAIMS``).
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from game.ai.driver import play_ai_turn
from game.engine.game import Game, Seat
from game.engine.interventions import SetLastTurn
from game.scenario import canonical_json, load_scenario
from game.scenario.loader import check_file
from game.scenario.models import Scenario
from game.sim.batch import GameSummary, simulate

REPO = Path(__file__).resolve().parent.parent
SCENARIOS = sorted((REPO / "scenarios").glob("*.yaml"))
IDS = [p.stem for p in SCENARIOS]

#: More nations than this: played for two turns and not batch-simulated here.
BIG = 40
#: Scenarios run by students or a class: every nation needs a briefing.
CLASSROOM = {"tutorial", "archipelago", "arms-race", "norms-summit"}
#: The mechanics each scenario claims to teach, as ``mechanics`` keys of a game summary
#: (diplomacy record kinds, ``event:<id>``, operation kinds, ``misattribution``,
#: ``hotline_correction``). Each must happen in at least one game of a 20-game batch.
CLAIMS: dict[str, tuple[str, ...]] = {
    "tutorial": ("talks", "hotline", "norm_in_force", "event:lesson-attribution"),
    "archipelago": (
        "talks",
        "hotline",
        "hotline_correction",
        "misattribution",
        "norm_in_force",
        "alliance_formed",
        "intel_shared",
        "capacity_built",
    ),
    "arms-race": ("arms_in_force", "cheating_exposed", "espionage", "hotline", "talks"),
    "norms-summit": ("norm_in_force", "norm_endorsed", "hotline", "talks", "event:capacity-pledge"),
    "great-powers": ("norm_in_force", "arms_in_force", "misattribution", "hotline"),
}
BATCH_GAMES = 20


@cache
def _scenario(path: Path) -> Scenario:
    return load_scenario(path)


def _small() -> list[Path]:
    return [p for p in SCENARIOS if len(_scenario(p).nations) <= BIG]


def test_there_are_bundled_scenarios() -> None:
    assert {"tutorial", "great-powers", "archipelago", "arms-race", "norms-summit", "world"} <= set(
        IDS
    )


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
def test_validates_without_errors_or_warnings(path: Path) -> None:
    scenario, found = check_file(path)
    assert scenario is not None, [d.message for d in found]
    problems = [f"{d.severity}: {'.'.join(map(str, d.path))}: {d.message}" for d in found]
    assert problems == []


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
def test_file_starts_with_the_schema_line(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../docs/scenario.schema.json"


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
def test_id_matches_file_name(path: Path) -> None:
    assert _scenario(path).id == path.stem


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
def test_plays_to_the_end_with_ai(path: Path) -> None:
    scenario = _scenario(path)
    game = Game.new(scenario, scenario.seed)
    for nation in scenario.nations:
        weights = None
        if nation.ai_weights is not None:
            weights = {
                k: v for k, v in nation.ai_weights.model_dump().items() if v is not None
            } or None
        game.seats[nation.id] = Seat("ai", nation.personality, nation.difficulty, weights)
    last = scenario.turns
    if len(scenario.nations) > BIG:
        last = 2
        game.intervene(SetLastTurn(last_turn=last))
    for _ in range(last + 1):
        if game.over:
            break
        play_ai_turn(game, all_ai=True)
    assert game.over
    assert len(game.history) == last or game.state.outcome == "collapse"
    result = game.result()
    assert len(result.scores) == len(scenario.nations)


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
def test_has_learning_objectives_and_a_summary(path: Path) -> None:
    scenario = _scenario(path)
    assert scenario.learning_objectives
    assert all(text.strip() for text in scenario.learning_objectives)
    assert len(scenario.summary.split()) >= 20


@pytest.mark.parametrize(
    "path",
    [p for p in SCENARIOS if p.stem in CLASSROOM],
    ids=[p.stem for p in SCENARIOS if p.stem in CLASSROOM],
)
def test_classroom_nations_have_briefings(path: Path) -> None:
    missing = [n.id for n in _scenario(path).nations if not (n.briefing or "").strip()]
    assert missing == []


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
def test_scenarios_with_objectives_brief_every_nation(path: Path) -> None:
    """A role-play scenario (one with objectives) is a classroom one: it needs briefings."""
    scenario = _scenario(path)
    if any(n.objectives or n.secret_objectives for n in scenario.nations):
        assert scenario.id in CLASSROOM, "add it to CLASSROOM (and give every nation a briefing)"


def test_new_classroom_scenarios_have_secret_objectives_and_injects() -> None:
    for ident in ("archipelago",):
        scenario = _scenario(REPO / "scenarios" / f"{ident}.yaml")
        assert all(n.secret_objectives for n in scenario.nations)
        assert any(e.facilitator_only for e in scenario.events)
        assert any(e.choice is not None for e in scenario.events)
        assert scenario.relations.alliances and scenario.norms


@cache
def _batch(path: Path) -> list[GameSummary]:
    scenario = _scenario(path)
    return simulate(canonical_json(scenario), games=BATCH_GAMES, seed=1, workers=1).summaries


@pytest.mark.parametrize(
    "path",
    [p for p in SCENARIOS if p.stem in CLAIMS],
    ids=[p.stem for p in SCENARIOS if p.stem in CLAIMS],
)
def test_batch_shows_the_claimed_mechanics(path: Path) -> None:
    seen: Counter[str] = Counter()
    for summary in _batch(path):
        seen.update(k for k, v in summary.mechanics.items() if v)
    missing = [m for m in CLAIMS[path.stem] if not seen[m]]
    assert missing == [], f"never happened in {BATCH_GAMES} games: {missing}"


def test_every_small_scenario_claims_some_mechanics() -> None:
    assert {p.stem for p in _small()} <= set(CLAIMS)


@pytest.mark.parametrize(
    "path",
    [p for p in SCENARIOS if p.stem in CLAIMS],
    ids=[p.stem for p in SCENARIOS if p.stem in CLAIMS],
)
def test_batch_rarely_collapses(path: Path) -> None:
    summaries = _batch(path)
    assert sum(s.collapsed for s in summaries) < len(summaries) / 2


def test_arms_race_agreements_hold_in_most_games() -> None:
    summaries = _batch(REPO / "scenarios" / "arms-race.yaml")
    in_force = sum(s.arms_in_force_final > 0 for s in summaries)
    exposed = sum(s.mechanics.get("cheating_exposed", 0) > 0 for s in summaries)
    assert in_force >= len(summaries) // 2
    assert exposed >= 1


def test_norms_summit_shared_goal_is_neither_certain_nor_hopeless() -> None:
    """Victory 'both': nobody wins when the goal is missed, and it is missed sometimes."""
    path = REPO / "scenarios" / "norms-summit.yaml"
    scenario = _scenario(path)
    assert scenario.scoring.victory in ("both", "shared_goal")
    summaries = _batch(path)
    assert any(s.norms_in_force_final > 0 for s in summaries)
    goal = scenario.scoring.shared_goal
    assert goal is not None
    met = [not s.collapsed and s.stability[-1] >= goal.stability for s in summaries]
    assert 0 < sum(met) <= len(met)
    for summary, ok in zip(summaries, met, strict=True):
        assert bool(summary.winners) == ok


def test_world_has_every_un_member_on_the_map() -> None:
    scenario = _scenario(REPO / "scenarios" / "world.yaml")
    ids = {n.id for n in scenario.nations}
    assert len(ids) >= 170
    for major in ("usa", "chn", "ind", "bra", "rus", "deu", "jpn", "nga", "zaf", "aus", "idn"):
        assert major in ids
    assert all(n.controller == "ai" for n in scenario.nations)
    assert all(n.countries == [n.id.upper()] for n in scenario.nations)


def test_world_yaml_is_what_the_generator_makes() -> None:
    run = subprocess.run(
        [sys.executable, "tools/make_world_scenario.py", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr


def test_docs_have_a_section_per_bundled_scenario() -> None:
    text = (REPO / "docs" / "scenarios.md").read_text(encoding="utf-8")
    for path in SCENARIOS:
        scenario = _scenario(path)
        assert f"`{scenario.id}`" in text, f"docs/scenarios.md has no section for {scenario.id}"
        assert f"![map](images/{scenario.id}.png)" in text
