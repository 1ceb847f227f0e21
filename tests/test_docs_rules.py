"""docs/rules.md stays true to the code."""

from __future__ import annotations

import importlib.util
from dataclasses import fields

from conftest import REPO

from game.engine.rules import RULES, Rules, rules_table


def _tool():
    spec = importlib.util.spec_from_file_location("update_docs", REPO / "tools" / "update_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rules_table_in_docs_matches_the_code() -> None:
    text = (REPO / "docs" / "rules.md").read_text()
    assert _tool().with_rules_table(text) == text, "run: python tools/update_docs.py"


def test_every_rule_number_is_in_the_table() -> None:
    table = rules_table()
    for f in fields(Rules):
        assert f"`{f.name}`" in table


def test_prose_quotes_the_current_numbers() -> None:
    """Spot checks of numbers the prose quotes, so that a retune forces a reword."""
    from game.engine.types import OpKind

    text = (REPO / "docs" / "rules.md").read_text()
    trust = {k: -v for k, v in RULES.incident_trust.items()}
    share = {0.5: "half the usual rise"}.get(
        RULES.hotline_tension_share, f"{RULES.hotline_tension_share:.0%} of the usual rise"
    )
    phrases = [
        f"{share}, and never more than {RULES.hotline_tension_cap:g}",
        f"clears it {RULES.hotline_correction:.0%}",
        f"drops by {trust[OpKind.ESPIONAGE]:g} (espionage), {trust[OpKind.DISINFORMATION]:g}",
        f"or {trust[OpKind.SABOTAGE]:g} (sabotage)",
        f"fades {RULES.incident_decay:.0%} a turn",
        f"Budget** per turn = {RULES.budget_base:g} + {RULES.budget_per_economy:g} × economy",
        f"allies +{RULES.ally_trust:g}, a hotline +{RULES.hotline_trust:g}",
        f"adds\n{RULES.partner_defense:g} to your defense".replace("\\n", "\n"),
    ]
    for phrase in phrases:
        assert phrase.replace("\n", " ") in text.replace("\n", " "), phrase


def test_ai_tables_in_docs_match_the_code() -> None:
    """docs/ai.md's personality and difficulty tables are the code's."""
    text = (REPO / "docs" / "ai.md").read_text()
    assert _tool().with_ai_tables(text) == text, "run: python tools/update_docs.py"
    from game.ai.weights import DIFFICULTIES, PERSONALITIES

    for name in [*PERSONALITIES, *DIFFICULTIES]:
        assert f"| `{name}` |" in text


def test_ai_prose_quotes_the_current_numbers() -> None:
    """Numbers the AI page quotes in prose, so that a retune forces a reword."""
    from game.ai.lookahead import MAX_LOOKAHEAD_NATIONS
    from game.ai.personalities import LOOKAHEAD_WEIGHT

    text = " ".join((REPO / "docs" / "ai.md").read_text().split())
    assert f"It counts for {LOOKAHEAD_WEIGHT:g} of a point of utility per point of score" in text
    assert f"Above {MAX_LOOKAHEAD_NATIONS} nations the lookahead is skipped" in text
    assert "aggression × (1 − risk aversion) × (1 − norm respect)" in text
