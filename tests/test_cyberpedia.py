"""The Cyberpedia: complete, consistent, linked, true to the rules and written in our own words."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import game.engine.rules as rules_module
from game.content import cyberpedia
from game.content.cyberpedia import Entry, entries, entry, find_term, find_terms, search
from game.engine.rules import RULES, Rules
from game.engine.types import OpKind, Posture

REPO = Path(__file__).resolve().parent.parent

#: Every concept the brief asks for, and the entry that explains it.
REQUIRED = {
    "cyber diplomacy": "cyber-diplomacy",
    "digital diplomacy": "digital-diplomacy",
    "cyberspace and cyber power": "cyberspace",
    "postures": "postures",
    "espionage": "espionage",
    "sabotage": "sabotage",
    "disinformation": "disinformation",
    "covert operations": "covert-operations",
    "detection": "detection",
    "attribution": "attribution",
    "misattribution and false flags": "misattribution",
    "hotlines and CBMs": "hotlines",
    "norms": "norms",
    "arms control and verification": "arms-control",
    "alliances and collective defence": "alliances",
    "intelligence sharing": "intelligence-sharing",
    "capacity building": "capacity-building",
    "sanctions": "sanctions",
    "public denunciation and credibility": "denunciation",
    "trust": "trust",
    "tension and escalation": "tension",
    "stability": "stability",
    "scores": "scores",
    "fog of war": "fog-of-war",
    "non-state actors": "non-state-actors",
    "critical infrastructure": "critical-infrastructure",
    "international law": "international-law",
    "cybercrime conventions": "cybercrime-conventions",
    "timeline": "timeline",
}


def _text(e: Entry) -> str:
    return "\n".join((e.title, e.summary, e.body, e.in_game))


# --------------------------------------------------------------------------- structure


def test_every_required_concept_has_an_entry() -> None:
    have = {e.id for e in entries()}
    missing = {concept: i for concept, i in REQUIRED.items() if i not in have}
    assert not missing


def test_ids_are_unique_and_entry_finds_each() -> None:
    all_ids = [e.id for e in entries()]
    assert len(all_ids) == len(set(all_ids))
    assert tuple(all_ids) == cyberpedia.ids()
    for i in all_ids:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", i), i
        assert entry(i).id == i
    with pytest.raises(KeyError, match="no Cyberpedia entry 'nope'"):
        entry("nope")


def test_entries_are_frozen_with_the_agreed_fields() -> None:
    assert [f.name for f in dataclasses.fields(Entry)] == [
        "id",
        "title",
        "summary",
        "body",
        "in_game",
        "see_also",
        "terms",
    ]
    e = entries()[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.title = "changed"  # type: ignore[misc]
    assert isinstance(e.see_also, tuple) and isinstance(e.terms, tuple)


def test_see_also_points_to_other_existing_entries() -> None:
    have = {e.id for e in entries()}
    for e in entries():
        assert e.see_also, e.id
        assert len(set(e.see_also)) == len(e.see_also), e.id
        assert e.id not in e.see_also, e.id
        assert set(e.see_also) <= have, (e.id, set(e.see_also) - have)


def test_every_entry_is_reachable_from_another() -> None:
    linked = {i for e in entries() for i in e.see_also}
    assert {e.id for e in entries()} - linked == set()


def test_summaries_are_one_sentence_for_tooltips() -> None:
    for e in entries():
        s = e.summary
        assert len(s) <= 140, (e.id, len(s))
        assert s[0].isupper() and s.endswith("."), e.id
        assert "\n" not in s, e.id
        # Exactly one sentence end: the final full stop.
        assert len(re.findall(r"[.!?](?:\s|$)", s)) == 1, e.id


def test_body_and_in_game_have_the_agreed_shape() -> None:
    for e in entries():
        paragraphs = e.body.split("\n\n")
        assert 2 <= len(paragraphs) <= 4, (e.id, len(paragraphs))
        assert all(p.strip() == p and p for p in paragraphs), e.id
        in_game = e.in_game.split("\n\n")
        assert 1 <= len(in_game) <= 2, (e.id, len(in_game))
        assert all(p.strip() == p and p for p in in_game), e.id
        assert "{" not in _text(e) and "}" not in _text(e), e.id  # no unformatted field


def test_terms_are_lower_case_and_link_to_one_entry_only() -> None:
    owner: dict[str, str] = {}
    for e in entries():
        assert e.terms, e.id
        for term in e.terms:
            assert term == term.lower() and term.strip() == term and term, (e.id, term)
            key = term.replace("-", " ")
            assert key not in owner, f"'{term}' links to both {owner[key]} and {e.id}"
            owner[key] = e.id


def test_every_term_finds_its_own_entry() -> None:
    for e in entries():
        for term in e.terms:
            assert find_term(term) is e, (term, e.id, find_term(term))
            assert find_term(term.upper()) is e, term


def test_cyber_and_digital_diplomacy_are_told_apart() -> None:
    cyber, digital = entry("cyber-diplomacy"), entry("digital-diplomacy")
    assert "digital diplomacy" in cyber.body.lower()
    assert "cyber diplomacy" in digital.body.lower()
    assert "Denmark" in digital.body and "tech ambassador" in digital.body
    assert "Denmark" not in cyber.body


def test_key_facts_are_present() -> None:
    assert "2013" in entry("hotlines").body and "OSCE" in entry("hotlines").body
    assert "2015" in entry("norms").body and "eleven" in entry("norms").body
    law = entry("international-law").body
    assert "2013" in law and "UN Charter" in law and "Tallinn Manual" in law
    conventions = entry("cybercrime-conventions").body
    assert "Budapest" in conventions and "2001" in conventions and "2024" in conventions
    timeline = entry("timeline").body
    years = [int(y) for y in re.findall(r"^(\d{4}) —", timeline, flags=re.M)]
    assert years == sorted(years) and years[0] == 2001 and years[-1] == 2024
    # Attributions are stated as made publicly by governments.
    assert timeline.count("publicly attribute") >= 4


# --------------------------------------------------------------------------- lookups


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The misattribution of the attack pushed both nations into crisis.", "misattribution"),
        ("Vesper and Aldora opened a hotline.", "hotlines"),
        ("The norm 'Protect critical infrastructure' is now in force.", "norms"),
        ("Denmark's embassy tweets are an example of digital diplomacy.", "digital-diplomacy"),
        ("Is this cyber diplomacy?", "cyber-diplomacy"),
        ("Someone planted a false-flag in the code.", "misattribution"),
        ("Confidence-building measures lower the risk.", "hotlines"),
        ("Two HOTLINES were opened this turn.", "hotlines"),
        ("Offer intelligence sharing to an ally", "intelligence-sharing"),
        ("Norms in force: 2", "norms"),
    ],
)
def test_find_term_in_sample_sentences(sentence: str, expected: str) -> None:
    found = find_term(sentence)
    assert found is not None and found.id == expected, (sentence, found and found.id)


def test_find_term_respects_word_boundaries() -> None:
    assert find_term("") is None
    assert find_term("An enormous, perfectly normal sentence.") is None  # not 'norm'
    assert find_term("uncertain concert") is None  # not 'cert'


def test_find_terms_lists_every_link_in_order() -> None:
    text = "After the sabotage, a hotline call cleared the misattribution."
    found = find_terms(text)
    assert [e.id for _, _, e in found] == ["sabotage", "hotlines", "misattribution"]
    for start, end, e in found:
        assert text[start:end].lower().replace("-", " ").rstrip("s") in {
            t.replace("-", " ") for t in e.terms
        }


def test_search_ranks_the_obvious_entry_first() -> None:
    assert search("hotline")[0].id == "hotlines"
    assert search("False FLAG")[0].id == "misattribution"
    assert search("digital diplomacy")[0].id == "digital-diplomacy"
    assert search("Tallinn Manual")[0].id == "international-law"
    assert search("budapest")[0].id == "cybercrime-conventions"
    assert search("ransomware")[0].id == "non-state-actors"
    assert search("") == [] and search("  ?! ") == []
    assert search("zzqxj") == []
    everything = search("the")
    assert len(everything) == len(set(e.id for e in everything))


def test_the_module_imports_no_pygame() -> None:
    code = (
        "import sys; import game.content.cyberpedia as c; c.entries(); "
        "assert 'pygame' not in sys.modules, 'pygame imported'"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO), "PATH": ""},
    )
    assert done.returncode == 0, done.stderr


# --------------------------------------------------------------------------- numbers


@pytest.fixture
def patched_rules(monkeypatch: pytest.MonkeyPatch):
    """Replace RULES in its module, as a rules change would."""

    def patch(**changes: Any) -> Rules:
        new = dataclasses.replace(RULES, **changes)
        monkeypatch.setattr(rules_module, "RULES", new)
        return new

    return patch


def test_hotline_damping_is_quoted_from_the_rules(patched_rules) -> None:
    before = entry("hotlines").in_game
    assert f"never more than {RULES.hotline_tension_cap:g} points" in before
    assert f"{RULES.hotline_tension_share:.0%} of the usual rise" in before
    patched_rules(hotline_tension_cap=9.5, hotline_tension_share=0.8)
    after = entry("hotlines").in_game
    assert "never more than 9.5 points" in after and "80% of the usual rise" in after
    # a denunciation adds 8: 80% of it is 6.4, under the cap
    assert "only 6.4 with a hotline" in entry("denunciation").in_game


@pytest.mark.parametrize(
    ("entry_id", "changes", "expected"),
    [
        (
            "sabotage",
            {"incident_tension": {**RULES.incident_tension, OpKind.SABOTAGE: 31.0}},
            "tension rises by 31",
        ),
        ("tension", {"level_thresholds": (20.0, 45.0, 80.0)}, "crisis from 45"),
        (
            "postures",
            {"posture_trust": {**RULES.posture_trust, Posture.OFFENSIVE: -9.0}},
            "-9 toward an offensive one",
        ),
        ("misattribution", {"hotline_correction": 0.6}, "60% of the time the call clears"),
        ("norms", {"norm_violation_trust": -17.0}, "loses 17 trust with every signatory"),
        ("arms-control", {"arms_cheating_trust": -44.0}, "loses 44 trust in the cheater"),
        ("talks", {"mutual_talks_trust": 11.0}, "both gain 11 trust"),
        ("fog-of-war", {"estimate_noise_max": 30.0}, "up to 30"),
        (
            "stability",
            {"stability_weights": {**RULES.stability_weights, "trust": 0.5}},
            "mean trust between nations (40%)",
        ),
        ("sanctions", {"sanction_turns": 5}, "lasts 5 turns"),
        (
            "capacity-building",
            {"diplomacy_cost": {**RULES.diplomacy_cost, "build_capacity": 4.0}},
            "costs 4 budget points",
        ),
    ],
)
def test_in_game_numbers_follow_the_rules(
    patched_rules, entry_id: str, changes: dict[str, Any], expected: str
) -> None:
    assert expected not in entry(entry_id).in_game
    patched_rules(**changes)
    assert expected in entry(entry_id).in_game


def _perturbed(rules: Rules) -> Rules:
    """Every number of the rules changed (scaled by 1.5 or bumped by one)."""

    def bump(value: Any) -> Any:
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return value + 1
        if isinstance(value, float):
            return value * 1.5 if value else 0.7
        if isinstance(value, dict):
            return {k: bump(v) for k, v in value.items()}
        if isinstance(value, tuple):
            return tuple(bump(v) for v in value)
        return value

    return dataclasses.replace(
        rules, **{f.name: bump(getattr(rules, f.name)) for f in dataclasses.fields(rules)}
    )


def test_every_in_game_text_is_built_from_the_rules() -> None:
    normal = {e.id: e.in_game for e in entries(RULES)}
    changed = {e.id: e.in_game for e in entries(_perturbed(RULES))}
    same = [i for i in normal if normal[i] == changed[i]]
    assert not same, f"in-game text ignores the rules: {same}"
    # Everything else comes from the hand-written texts.
    for a, b in zip(entries(RULES), entries(_perturbed(RULES)), strict=True):
        assert (a.id, a.title, a.summary, a.body) == (b.id, b.title, b.summary, b.body)


def test_entries_are_rebuilt_when_rules_change_and_cached_otherwise(patched_rules) -> None:
    first = entries()
    assert entries() is first
    patched_rules(talks_trust=4.5)
    assert entries() is not first
    assert "trust you 4.5 points more" in entry("talks").in_game


# --------------------------------------------------------------------------- our own words


def _facts_path() -> Path | None:
    for candidate in (REPO / "docs" / "FACTS.md", REPO / "FACTS.md", Path("/work/shared/FACTS.md")):
        if candidate.is_file():
            return candidate
    return None


def _words(text: str) -> list[str]:
    text = text.lower().replace("\u2019", "'").replace("-", " ")
    return re.findall(r"[a-z0-9']+", text)


def _fact_sentences(markdown: str) -> list[str]:
    text = re.sub(r"^#+ .*$", " ", markdown, flags=re.M)  # headings
    text = re.sub(r"^\s*- ", " ", text, flags=re.M)  # bullets
    text = text.replace("**", "")
    text = re.sub(r"\b(19|20)\d\d: ", ". ", text)  # "2013: ..." starts a sentence
    text = re.sub(r"\s+", " ", text)
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\s+—\s+|:\s+", text) if s.strip()]


def test_no_sentence_of_facts_md_is_copied() -> None:
    path = _facts_path()
    if path is None:
        pytest.skip("FACTS.md is not available in this checkout")
    ours = " ".join(" ".join(_words(_text(e))) for e in entries())
    copied = []
    for sentence in _fact_sentences(path.read_text(encoding="utf-8")):
        words = _words(sentence)
        if len(words) >= 6 and " ".join(words) in ours:
            copied.append(sentence)
    assert not copied, copied


def test_no_long_passage_of_facts_md_is_copied() -> None:
    """Stricter than whole sentences: no run of 10 words from FACTS.md appears in an entry."""
    path = _facts_path()
    if path is None:
        pytest.skip("FACTS.md is not available in this checkout")
    facts = _words(path.read_text(encoding="utf-8"))
    size = 10
    runs = {" ".join(facts[k : k + size]) for k in range(len(facts) - size + 1)}
    copied = []
    for e in entries():
        words = _words(_text(e))
        for k in range(len(words) - size + 1):
            run = " ".join(words[k : k + size])
            if run in runs:
                copied.append((e.id, run))
    assert not copied, copied
