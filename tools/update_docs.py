"""Regenerate the generated parts of the docs: the rules table, the AI tables and the
scenario schema.

    python tools/update_docs.py

Tests fail when these parts are out of date; this script brings them back in step.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.ai.weights import difficulties_table, personalities_table  # noqa: E402
from game.engine.rules import rules_table  # noqa: E402
from game.scenario.schema import schema_text  # noqa: E402

START, END = "<!-- rules-table:start -->", "<!-- rules-table:end -->"


def with_rules_table(text: str) -> str:
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    return pattern.sub(lambda _: f"{START}\n{rules_table()}{END}", text)


def with_ai_tables(text: str) -> str:
    """docs/ai.md with its personality and difficulty tables as the code has them."""
    for name, table in (
        ("ai-personalities", personalities_table()),
        ("ai-difficulties", difficulties_table()),
    ):
        start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
        pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
        text = pattern.sub(lambda _, s=start, e=end, t=table: f"{s}\n{t}{e}", text)
    return text


def main() -> int:
    rules = ROOT / "docs" / "rules.md"
    rules.write_text(with_rules_table(rules.read_text()))
    ai = ROOT / "docs" / "ai.md"
    ai.write_text(with_ai_tables(ai.read_text()))
    (ROOT / "docs" / "scenario.schema.json").write_text(schema_text())
    print("updated docs/rules.md, docs/ai.md and docs/scenario.schema.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
