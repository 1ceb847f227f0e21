"""English for names, shared by the AI's reasons, the transcript, the UI and the reports.

Pure text (no pygame, no engine): anything that words a sentence about a nation may use it.
"""

from __future__ import annotations


def indefinite(word: str) -> str:
    """``word`` with "a" or "an" by its first letter: "an espionage", "a sabotage"."""
    return f"an {word}" if word[:1].lower() in "aeiou" else f"a {word}"


def counted(count: int, word: str) -> str:
    """'1 game', '200 games' (a plural in -s)."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def possessive(name: str) -> str:
    """``name`` with its possessive ending: "Borealis'", "Kestrel Isles'", "Meridia's".

    A name ending in *s* takes a bare apostrophe, the style for names of places that are
    plural in form (the United States', the Kestrel Isles'), and it keeps one rule for
    every scenario's invented names.
    """
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"
