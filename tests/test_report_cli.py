"""``cyberdip report SAVE --out DIR`` and the self-contained HTML page.

Issue 6: "the HTML has no external references"; "a missing or bad save: a clear error".
The command runs in a subprocess, as a teacher would run it.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from html import escape
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
#: The report's files, as the docs promise them (an oracle apart from REPORT_FILES).
FILES = "report.html turns.csv incidents.csv trust.csv decisions.csv summary.json".split()  # noqa: SIM905


def cyberdip(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("CYBERDIP_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=300,
    )


@pytest.fixture(scope="module")
def save(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six turns of great-powers (the facilitator's --turns shortens it), saved by the
    same program that reports on it."""
    path = tmp_path_factory.mktemp("saves") / "great-powers.json"
    done = cyberdip("run", "great-powers", "--turns", "6", "--save", str(path))
    assert done.returncode == 0, done.stderr
    return path


@pytest.fixture(scope="module")
def report(save: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("out") / "new" / "folder"
    done = cyberdip("report", str(save), "--out", str(out))
    assert done.returncode == 0, done.stderr
    return out, done.stdout


def test_report_writes_the_six_files_into_a_new_folder(report: tuple[Path, str]) -> None:
    out, stdout = report
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    for name in FILES:
        assert (out / name).stat().st_size > 0
        assert f"wrote {out / name}" in stdout


def test_report_lists_every_ai_decision_with_its_reason(report: tuple[Path, str]) -> None:
    """ "Its moves come with a one-line reason (shown ... in the debrief)": every order of
    the AI nations is in decisions.csv with its reason, and their actions and answers
    are in the page."""
    out, _ = report
    with (out / "decisions.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and all(r["reason"] and r["action"] for r in rows)
    assert {r["group"] for r in rows} >= {"action", "budget"}
    assert {r["turn"] for r in rows} == {str(t) for t in range(1, 7)}
    html = (out / "report.html").read_text(encoding="utf-8")
    action = next(r for r in rows if r["group"] == "action")
    assert '<section id="decisions">' in html
    assert escape(action["reason"], quote=True) in html
    # Who saw each move, as the engine tells it: nobody saw covert operations and
    # budgets; offers, intelligence shared and refusals only the nation they concerned.
    for r in rows:
        if r["kind"] in ("invest", "espionage", "sabotage", "disinformation"):
            expected = "nobody"
        elif r["kind"] in ("propose_hotline", "propose_alliance", "share_intel"):
            expected = "the other party"
        elif r["kind"] == "answer":
            expected = "everyone" if r["action"].startswith("Accepted") else "the other party"
        else:
            expected = "everyone"
        assert r["seen_by"] == expected, r
    assert {r["seen_by"] for r in rows} == {"everyone", "the other party", "nobody"}


def test_html_has_no_external_references(report: tuple[Path, str]) -> None:
    """Every src= and href= is a data: URI or an #anchor on the page, and nothing else in
    the page (once the embedded images are taken out) mentions http, a stylesheet link,
    an import or a url(...)."""
    html = (report[0] / "report.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, flags=re.DOTALL)
    frames = json.loads(scripts[0])  # the slider's frames: data URIs only
    assert frames and all(f.startswith("data:image/png;base64,") for f in frames)
    markup = re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.DOTALL)
    values = re.findall(
        r"""\b(?:src|href|srcset|action|poster|data)\s*=\s*["']?([^"'\s>]*)""",
        markup,
        flags=re.IGNORECASE,
    )
    assert values
    outside = [v for v in values if not (v.startswith("data:") or v.startswith("#"))]
    assert outside == []
    anchors = {v[1:] for v in values if v.startswith("#")}
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    assert anchors <= ids, anchors - ids
    text = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "data:", html)
    lowered = text.lower()
    for banned in (
        "http",
        "//www",
        "<link",
        "@import",
        "url(",
        "<iframe",
        "<object",
        "<embed",
        "fetch(",
        "xmlhttprequest",
    ):
        assert banned not in lowered, banned


def test_html_shows_the_sections_a_teacher_needs(report: tuple[Path, str]) -> None:
    html = (report[0] / "report.html").read_text(encoding="utf-8")
    for section in (
        "summary",
        "moments",
        "questions",
        "charts",
        "timeline",
        "turns",
        "facilitator",
        "glossary",
    ):
        assert f'<section id="{section}">' in html
    assert "@media print" in html and "size:A4" in html
    assert 'id="trust-turn"' in html and "<script>" in html
    assert html.count("data:image/png;base64,") >= 4 + 3 + 7  # charts, print heatmaps, frames
    assert "United States" in html  # names in the HTML, ids in the CSVs


def test_report_overwrites_only_its_own_files(save: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("my notes")
    (out / "turns.csv").write_text("old")
    done = cyberdip("report", str(save), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert (out / "notes.txt").read_text() == "my notes"
    assert (out / "turns.csv").read_text().startswith("turn,stability,")
    assert sorted(p.name for p in out.iterdir()) == sorted((*FILES, "notes.txt"))


def _one_line_error(done: subprocess.CompletedProcess[str], status: int) -> str:
    assert done.returncode == status, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_missing_save_is_a_one_line_error(tmp_path: Path) -> None:
    line = _one_line_error(
        cyberdip("report", str(tmp_path / "nope.json"), "--out", str(tmp_path / "out")), 1
    )
    assert "no such save file" in line
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "content", [b"", b"{not json", b'{"format": "something else"}', b"\x00\xff\xfe binary"]
)
def test_bad_save_is_a_one_line_error(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    line = _one_line_error(cyberdip("report", str(bad), "--out", str(tmp_path / "out")), 1)
    assert line.startswith("cyberdip: error: ")
    assert not (tmp_path / "out").exists()


def test_edited_save_is_refused(save: Path, tmp_path: Path) -> None:
    edited = tmp_path / "edited.json"
    edited.write_text(save.read_text().replace('"seed":2007', '"seed":2008'))
    line = _one_line_error(cyberdip("report", str(edited), "--out", str(tmp_path / "o")), 1)
    assert "modified or damaged" in line


def test_out_path_that_is_a_file_is_refused(save: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("keep me")
    line = _one_line_error(cyberdip("report", str(save), "--out", str(target)), 1)
    assert "is a file" in line
    assert target.read_text() == "keep me"


def test_out_is_required(save: Path) -> None:
    line = _one_line_error(cyberdip("report", str(save)), 2)
    assert "--out" in line


def test_report_needs_neither_pygame_nor_pyplot(save: Path, tmp_path: Path) -> None:
    """The report is engine-side: no pygame, and no pyplot global state (Figure API only)."""
    code = (
        "import sys\n"
        "from game.engine.saves import load_game\n"
        "from game.report.export import write_report\n"
        f"write_report(load_game({str(save)!r}), {str(tmp_path / 'r')!r})\n"
        "bad = [m for m in ('pygame', 'matplotlib.pyplot') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr
