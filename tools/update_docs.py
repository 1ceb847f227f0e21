"""Regenerate the generated parts of the docs: the rules table and the scenario schema.

    python tools/update_docs.py

Tests fail when these parts are out of date; this script brings them back in step.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.engine.rules import rules_table  # noqa: E402
from game.scenario.schema import schema_text  # noqa: E402

START, END = "<!-- rules-table:start -->", "<!-- rules-table:end -->"


def with_rules_table(text: str) -> str:
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    return pattern.sub(lambda _: f"{START}\n{rules_table()}{END}", text)


def main() -> int:
    rules = ROOT / "docs" / "rules.md"
    rules.write_text(with_rules_table(rules.read_text()))
    (ROOT / "docs" / "scenario.schema.json").write_text(schema_text())
    print("updated docs/rules.md and docs/scenario.schema.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
