"""The after-action report as one self-contained HTML page.

Everything is inline: the stylesheet, the charts (PNG data URIs), the small script of the
trust slider and the glossary text. The page makes no request of any kind (no fonts, no
scripts, no links outside itself), so it works offline and from a USB stick, and its print
stylesheet lays it out on A4.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape

from game import __version__
from game.content import cyberpedia
from game.report.debrief import (
    CORRECT,
    MISATTRIBUTED,
    UNATTRIBUTED,
    UNDETECTED,
    Debrief,
    Incident,
)
from game.report.moments import Moment
from game.report.questions import Question

#: Glossary entries always included (more are added when a moment or question names them).
CORE_GLOSSARY: tuple[str, ...] = (
    "cyber-diplomacy",
    "attribution",
    "misattribution",
    "hotlines",
    "norms",
    "trust",
    "tension",
    "stability",
    "scores",
)


@dataclass(frozen=True)
class ChartImages:
    """PNG bytes of the report's charts."""

    stability: bytes
    incidents: bytes
    scores: bytes
    offense: bytes
    trust_static: Mapping[int, bytes]  # a few chosen turns, for print
    trust_frames: Sequence[bytes]  # every turn 0..T, for the slider


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def e(text: object) -> str:
    return escape(str(text), quote=True)


def render(
    d: Debrief, moments: Sequence[Moment], questions: Sequence[Question], charts: ChartImages
) -> str:
    """The whole page."""
    glossary = _glossary_ids(moments, questions)
    parts = [
        _head(d),
        "<body>",
        _header(d),
        "<main>",
        _summary(d),
        _moments(moments, glossary),
        _questions(questions),
        _charts(d, charts),
        _timeline(d),
        _decisions(d),
        _turn_by_turn(d),
        _facilitator(d),
        _glossary(glossary),
        "</main>",
        _footer(d),
        _SCRIPT,
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


# --------------------------------------------------------------------------- frame


def _head(d: Debrief) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>After-action report: {e(d.title)}</title>\n<style>{_CSS}</style>\n"
        "</head>"
    )


def _header(d: Debrief) -> str:
    played = d.turns_played
    facts = [
        f"Scenario <code>{e(d.scenario_id)}</code>",
        f"seed {d.seed}",
        f"{played} turn{'s' if played != 1 else ''} played of {d.result.last_turn}",
        f"{len(d.nations)} nations",
    ]
    if d.saved_at:
        facts.append(f"saved {e(d.saved_at.replace('T', ' ').split('+')[0])} UTC")
    links = [
        ("summary", "Summary"),
        ("moments", "Key moments"),
        ("questions", "Questions"),
        ("charts", "Charts"),
        ("timeline", "Operations"),
        ("decisions", "AI decisions"),
        ("turns", "Turn by turn"),
        ("facilitator", "Facilitator"),
        ("glossary", "Glossary"),
    ]
    nav = " ".join(f'<a href="#{k}">{v}</a>' for k, v in links)
    return (
        f'<header><p class="kicker">Cyber Diplomacy · after-action report</p>'
        f'<h1>{e(d.title)}</h1><p class="facts">{" · ".join(facts)}</p>'
        f'<nav aria-label="Sections">{nav}</nav></header>'
    )


def _footer(d: Debrief) -> str:
    return (
        f"<footer><p>Made by Cyber Diplomacy {e(__version__)} from the game's save. "
        "Everything is revealed here: true attackers, hidden operations and who "
        "misjudged whom, which no player could see during the game. The same data is "
        "in <code>turns.csv</code>, <code>incidents.csv</code>, <code>trust.csv</code>, "
        "<code>decisions.csv</code> "
        "and <code>summary.json</code> next to this page.</p></footer>"
    )


# --------------------------------------------------------------------------- summary


def _swatch(d: Debrief, nation: str | None) -> str:
    if nation is None:
        return '<span class="who unknown">an unknown actor</span>'
    colour = d.nations[d.index(nation)].colour
    return (
        f'<span class="who"><span class="swatch" style="background:{e(colour)}">'
        f"</span>{e(d.name(nation))}</span>"
    )


def _summary(d: Debrief) -> str:
    r = d.result
    counts = d.counts()
    start, end = float(d.stability[0]), r.stability
    outcome_class = "collapse" if r.outcome == "collapse" else "outcome"
    glance = [
        (f"{start:.0f} → {end:.0f}", "world stability (start → end)"),
        (counts["incidents"], "covert operations"),
        (counts["detected"], "detected by their victims"),
        (counts["misattributed"], "blamed on the wrong nation"),
        (counts["corrected_by_hotline"], "mix-ups cleared up by a hotline"),
        (counts["escalations"], "slides into crisis or conflict"),
        (counts["treaties"], "norms and treaties put in force"),
        (counts["treaties_broken"], "treaties broken or left"),
    ]
    cells = "".join(f'<div class="stat"><b>{e(v)}</b><span>{e(k)}</span></div>' for v, k in glance)
    has_objectives = any(s.objectives is not None for s in r.ranking)
    head = (
        "<tr><th>#</th><th>Nation</th><th>Played by</th><th>Score</th><th>Security</th>"
        "<th>Prosperity</th><th>Influence</th>"
        + ("<th>Objectives</th>" if has_objectives else "")
        + "</tr>"
    )
    rows = []
    for s in r.ranking:
        nation = d.nations[d.index(s.nation)]
        seat = "human seat" if nation.controller == "human" else f"AI ({nation.personality})"
        objective = ""
        if has_objectives:
            if s.objectives is None:
                objective = "<td>—</td>"
            else:
                met = f" ({len(s.objectives_met)} met)" if s.objectives_met else " (none met)"
                objective = f"<td>{s.objectives:.0f}{e(met)}</td>"
        crown = ' <span class="tag win">winner</span>' if s.winner else ""
        rows.append(
            f"<tr><td>{s.place}</td><td>{_swatch(d, s.nation)}{crown}</td><td>{e(seat)}</td>"
            f"<td><b>{s.score:.1f}</b></td><td>{s.security:.1f}</td><td>{s.prosperity:.1f}"
            f"</td><td>{s.influence:.1f}</td>{objective}</tr>"
        )
    objectives = ""
    if d.learning_objectives:
        items = "".join(f"<li>{e(x)}</li>" for x in d.learning_objectives)
        objectives = f"<h3>What this scenario teaches</h3><ul>{items}</ul>"
    return (
        f'<section id="summary"><h2>Summary</h2>'
        f'<p class="{outcome_class}">{e(r.headline)}</p>'
        f"<p>{e(d.summary)}</p>"
        f'<div class="glance">{cells}</div>'
        f"<h3>Final ranking</h3>"
        f'<p class="note">A score is the weighted mean of security, prosperity, '
        f"influence (the trust other nations place in you) and, where a nation has them, "
        f"its objectives; each part is 0–100.</p>"
        f'<table class="ranking"><thead>{head}</thead><tbody>{"".join(rows)}</tbody>'
        f"</table>{objectives}</section>"
    )


# --------------------------------------------------------------------------- moments


def _moments(moments: Sequence[Moment], glossary: Sequence[str]) -> str:
    if not moments:
        body = "<p>A quiet game: nothing stood out enough to be called a key moment.</p>"
    else:
        items = []
        titles = {x.id: x.title for x in cyberpedia.entries()}
        for m in moments:
            links = ", ".join(
                f'<a href="#g-{e(g)}">{e(titles[g])}</a>'
                for g in m.glossary
                if g in titles and g in glossary
            )
            more = f'<p class="more">Read: {links}</p>' if links else ""
            items.append(
                f'<li class="moment {e(m.kind)}"><span class="turn">Turn {m.turn}'
                f"</span><h3>{e(_capital(m.title.split(': ', 1)[-1]))}</h3>"
                f"<p>{e(m.explanation)}</p>{more}</li>"
            )
        body = f'<ol class="moments">{"".join(items)}</ol>'
    return (
        f'<section id="moments"><h2>Key moments</h2><p class="note">The turns worth '
        f"stopping at, in order. Each says what happened and why it mattered.</p>{body}"
        "</section>"
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _questions(questions: Sequence[Question]) -> str:
    items = "".join(f"<li>{e(q.text)}</li>" for q in questions)
    return (
        f'<section id="questions"><h2>Discussion questions</h2><p class="note">Built '
        f"from what happened in this game. Give each team a few minutes, then compare "
        f'answers.</p><ol class="questions">{items}</ol></section>'
    )


# --------------------------------------------------------------------------- charts


def _figure(png: bytes, alt: str, caption: str, css: str = "", style: str = "") -> str:
    extra = f' style="{e(style)}"' if style else ""
    return (
        f'<figure class="{css}"{extra}><img src="{data_uri(png)}" alt="{e(alt)}">'
        f"<figcaption>{caption}</figcaption></figure>"
    )


def _charts(d: Debrief, charts: ChartImages) -> str:
    last = d.turns_played
    heat = []
    # Printed size grows with the number of nations: small worlds fit two to a row.
    width = f"width:{min(145, 60 + 10 * len(d.nations))}mm"
    for turn, png in sorted(charts.trust_static.items()):
        when = "at the start" if turn == 0 else f"after turn {turn}"
        heat.append(
            _figure(png, f"Trust between nations {when}", f"Trust {e(when)}.", "heat", width)
        )
    slider = ""
    if charts.trust_frames:
        frames = json.dumps([data_uri(png) for png in charts.trust_frames])
        slider = (
            f'<div class="slider screen-only" id="trust-slider"><p><b>Every turn:</b> drag '
            f"the slider or press play to watch trust change.</p>"
            f'<div class="controls"><button type="button" id="trust-play">▶ Play</button>'
            f'<input type="range" id="trust-turn" min="0" max="{last}" value="{last}" '
            f'step="1" aria-label="Turn"><output id="trust-label">after turn {last}'
            f"</output></div>"
            f'<img id="trust-frame" src="{data_uri(charts.trust_frames[-1])}" '
            f'alt="Trust between nations, turn by turn">'
            f'<script type="application/json" id="trust-frames">{frames}</script></div>'
        )
    return (
        '<section id="charts"><h2>Charts</h2>'
        + _figure(
            charts.stability,
            "World stability over time, stacked by its terms",
            "<b>World stability</b> (black line) is the sum of the coloured layers: the "
            "points each part of the formula adds. A layer that thins is a part of the "
            "world that got worse. Below the red dashed line for too long, the world "
            "order collapses and everyone loses.",
        )
        + _figure(
            charts.incidents,
            "Covert operations per turn by attribution",
            "<b>Covert operations</b> each turn, by what the victim concluded. Orange-red "
            "bars are operations blamed on a nation that did not carry them out.",
        )
        + '<h3>Trust between nations</h3><p class="note">Read a row across: how much that '
        "nation trusts each other nation (0–100). Blue is trust, red distrust, white "
        "neutral (50). Trust need not be mutual: compare a row with the matching column."
        '</p><div class="heatmaps print-only">'
        + "".join(heat)
        + "</div>"
        + slider
        + _figure(
            charts.scores,
            "Each nation's score over time with its parts",
            "<b>Scores</b> over time (black) with security, prosperity, influence and "
            "objectives, one panel per nation in final ranking order.",
        )
        + _figure(
            charts.offense,
            "Offense stockpiles over time",
            "<b>The arms race</b>: each nation's offense (its stock of cyber weapons). "
            "Dashed lines are arms-control caps while an agreement is in force.",
        )
        + "</section>"
    )


# --------------------------------------------------------------------------- timeline

_VERDICT = {
    CORRECT: ("correct", "right"),
    MISATTRIBUTED: ("wrong nation blamed", "wrong"),
    UNATTRIBUTED: ("nobody blamed", "open"),
    UNDETECTED: ("never detected", "hidden"),
}


def _timeline(d: Debrief) -> str:
    if not d.incidents:
        return (
            '<section id="timeline"><h2>Every covert operation</h2><p>No covert '
            "operation was carried out in this game.</p></section>"
        )
    rows = [_incident_row(d, r) for r in d.incidents]
    return (
        '<section id="timeline"><h2>Every covert operation</h2><p class="note">Who '
        "really did it, who the victim blamed, and whether it was right. During the game "
        "each nation saw only the operations it detected, and believed its own "
        "attribution. Failed operations are marked; the rest did damage (or, for "
        'espionage, stole secrets).</p><table class="incidents"><thead><tr>'
        "<th>Turn</th><th>Operation</th><th>Really by</th><th>Against</th>"
        "<th>Blamed</th><th>Verdict</th><th>Notes</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></section>"
    )


def _incident_row(d: Debrief, r: Incident) -> str:
    verdict, css = _VERDICT[r.attribution]
    if r.attribution == CORRECT and r.attacker is None:
        verdict = "correct (no state)"
    if r.attribution == UNDETECTED:
        blamed = '<span class="dim">—</span>'
    elif r.blamed is None:
        blamed = '<span class="dim">unknown</span>'
    else:
        blamed = _swatch(d, r.blamed)
    notes = []
    if r.corrected_by_hotline:
        notes.append("cleared up on a hotline")
    for norm in r.norms_broken:
        notes.append(
            f"counted as breaking the norm '{d.norms.get(norm, norm)}'"
            + (f" by {d.name(r.blamed)}" if r.misattributed else "")
        )
    for deal in r.exposed_cheating:
        notes.append(f"exposed cheating on '{d.agreements.get(deal, deal)}'")
    if r.scripted:
        notes.append("scripted event")
    if r.damage:
        notes.append(", ".join(f"{k} {v:+.0f}" for k, v in r.damage.items()))
    outcome = "" if r.success else '<br><span class="dim">failed</span>'
    return (
        f"<tr><td>{r.turn}</td><td>{e(r.kind)}{outcome}</td>"
        f"<td>{_swatch(d, r.attacker)}</td><td>{_swatch(d, r.target)}</td>"
        f'<td>{blamed}</td><td class="verdict {css}">{e(verdict)}</td>'
        f'<td class="notes">{e("; ".join(notes))}</td></tr>'
    )


#: At most this many AI decisions are listed in the page (all of them are in the CSV).
HTML_DECISIONS = 3000


def _decisions(d: Debrief) -> str:
    """The AI nations' actions and answers, each with the reason the AI gave (posture
    and budget decisions, one per nation and turn, are left to ``decisions.csv``)."""
    shown = [x for x in d.decisions if x.group != "budget"]
    if not d.decisions:
        return (
            '<section id="decisions"><h2>AI decisions</h2><p>No AI nation played in this '
            "game: every move was a person's.</p></section>"
        )
    note = (
        "Every action an AI nation took and every proposal it answered, with the reason "
        "it gave. Secret moves were seen by no other nation, private ones only by the "
        "nation they concerned. Postures and budgets are in <code>decisions.csv</code>."
    )
    if len(shown) > HTML_DECISIONS:
        note += f" The first {HTML_DECISIONS:,} of {len(shown):,} are listed here; all of them are in the CSV."
    rows = "".join(
        f"<tr><td>{x.turn}</td><td>{_swatch(d, x.nation)}</td><td>{e(x.action)}"
        + (f' <span class="dim">({x.tag})</span>' if x.tag else "")
        + f'</td><td class="notes">{e(x.reason)}</td></tr>'
        for x in shown[:HTML_DECISIONS]
    )
    return (
        f'<section id="decisions"><h2>AI decisions</h2><p class="note">{note}</p>'
        '<table class="decisions"><thead><tr><th>Turn</th><th>Nation</th><th>Did</th>'
        f"<th>Why</th></tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _turn_by_turn(d: Debrief) -> str:
    if d.turns_played < 1:
        return ""
    notable = {
        "hotline",
        "alliance_formed",
        "alliance_joined",
        "alliance_left",
        "norm_in_force",
        "norm_lapsed",
        "arms_in_force",
        "arms_lapsed",
        "cheating_exposed",
        "denunciation",
        "false_accusation",
        "sanction",
        "norm_withdrawn",
        "arms_withdrawn",
    }
    rows = []
    for turn in range(1, d.turns_played + 1):
        change = float(d.stability[turn] - d.stability[turn - 1])
        lines = [
            f"<b>Event:</b> {e(ev.title)}"
            + (" (injected by the facilitator)" if ev.injected else "")
            for ev in d.events
            if ev.turn == turn
        ]
        answers: dict[str, dict[str, list[str]]] = {}
        for c in d.choices:
            if c.turn == turn:
                answers.setdefault(c.title, {}).setdefault(c.label, []).append(
                    d.name(c.nation) + (" (by default)" if c.defaulted else "")
                )
        lines += [
            f"<b>Choice</b> on “{e(t)}”: "
            + "; ".join(f"<i>{e(label)}</i>: {e(', '.join(who))}" for label, who in options.items())
            for t, options in answers.items()
        ]
        lines += [e(h.text) for h in d.happenings if h.turn == turn and h.kind in notable]
        lines += [
            f"{e(d.name(x.a))} and {e(d.name(x.b))}: {e(x.before)} → {e(x.after)}"
            for x in d.escalations
            if x.turn == turn and (x.rising and x.after in ("crisis", "conflict"))
        ]
        talks = sum(1 for h in d.happenings if h.turn == turn and h.kind == "talks")
        ops = len(d.incidents_in(turn))
        counts = f"{ops} operation{'s' if ops != 1 else ''}, {talks} talks"
        body = "<br>".join(lines) if lines else '<span class="dim">—</span>'
        rows.append(
            f"<tr><td>{turn}</td><td>{d.stability[turn]:.1f} "
            f'<span class="delta">({change:+.1f})</span></td><td>{counts}</td>'
            f"<td>{body}</td></tr>"
        )
    return (
        '<section id="turns"><h2>Turn by turn</h2><table class="turns"><thead><tr>'
        "<th>Turn</th><th>Stability</th><th>Activity</th><th>What happened</th></tr>"
        "</thead><tbody>" + "".join(rows) + "</tbody></table></section>"
    )


def _facilitator(d: Debrief) -> str:
    if not d.facilitator_log:
        body = "<p>The facilitator did not step in during this game.</p>"
    else:
        items = "".join(
            f"<li><b>Turn {x.turn}:</b> {e(x.action)}"
            + (f' <span class="dim">— {e(x.note)}</span>' if x.note else "")
            + "</li>"
            for x in d.facilitator_log
        )
        body = f"<ol>{items}</ol>"
    return (
        f'<section id="facilitator"><h2>Facilitator log</h2><p class="note">Every '
        f"change the facilitator made, in order, including rollbacks.</p>{body}</section>"
    )


# --------------------------------------------------------------------------- glossary


def _glossary_ids(moments: Iterable[Moment], questions: Iterable[Question]) -> list[str]:
    wanted = set(CORE_GLOSSARY)
    for moment in moments:
        wanted.update(moment.glossary)
    for question in questions:
        wanted.update(question.glossary)
    return [x.id for x in cyberpedia.entries() if x.id in wanted]


def _glossary(ids: Sequence[str]) -> str:
    items = []
    for entry_id in ids:
        entry = cyberpedia.entry(entry_id)
        body = entry.paragraphs[0]
        game = entry.in_game_paragraphs[0]
        items.append(
            f'<div class="term" id="g-{e(entry.id)}"><h3>{e(entry.title)}</h3>'
            f'<p class="lead">{e(entry.summary)}</p><p>{e(body)}</p>'
            f'<p class="ingame"><b>In the game:</b> {e(game)}</p></div>'
        )
    return (
        '<section id="glossary"><h2>Glossary</h2><p class="note">From the Cyberpedia, '
        'the game\'s encyclopedia.</p><div class="terms">' + "".join(items) + "</div></section>"
    )


# --------------------------------------------------------------------------- style, script

_CSS = """
:root { --ink:#1d232a; --dim:#5d6b78; --rule:#d5dbe1; --band:#f3f5f7; --accent:#0a5a8a; }
* { box-sizing:border-box; }
body { margin:0; color:var(--ink); background:#fff;
  font:15px/1.5 "Segoe UI", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }
header, main, footer { max-width:1000px; margin:0 auto; padding:0 24px; }
header { padding-top:28px; border-bottom:3px solid var(--accent); }
.kicker { margin:0; text-transform:uppercase; letter-spacing:.08em; font-size:12px;
  color:var(--accent); font-weight:600; }
h1 { margin:4px 0 2px; font-size:30px; line-height:1.2; }
.facts { margin:0 0 10px; color:var(--dim); }
nav { display:flex; flex-wrap:wrap; gap:6px 16px; padding:8px 0 12px; }
nav a { color:var(--accent); text-decoration:none; font-weight:600; }
h2 { margin:36px 0 8px; font-size:23px; border-bottom:1px solid var(--rule);
  padding-bottom:4px; }
h3 { font-size:17px; margin:20px 0 6px; }
.note { color:var(--dim); margin-top:0; }
.outcome, .collapse { font-size:20px; font-weight:700; margin:8px 0; }
.collapse { color:#b3261e; }
.glance { display:grid; grid-template-columns:repeat(4, 1fr); gap:8px; margin:14px 0; }
.stat { background:var(--band); border-radius:6px; padding:8px 10px; }
.stat b { display:block; font-size:22px; }
.stat span { color:var(--dim); font-size:13px; }
table { border-collapse:collapse; width:100%; font-size:14px; }
th, td { text-align:left; padding:5px 8px; border-bottom:1px solid var(--rule);
  vertical-align:top; }
th { background:var(--band); }
thead { display:table-header-group; }
.ranking td:nth-child(n+4), .ranking th:nth-child(n+4) { text-align:right; }
.swatch { display:inline-block; width:.8em; height:.8em; border-radius:2px;
  margin-right:.35em; vertical-align:-.05em; border:1px solid rgba(0,0,0,.35); }
.who { white-space:nowrap; }
.unknown, .dim { color:var(--dim); font-style:italic; }
.tag { font-size:11px; padding:1px 6px; border-radius:8px; font-weight:700; }
.win { background:#1b7f3b; color:#fff; }
ol.moments { list-style:none; padding:0; }
.moment { border-left:4px solid var(--accent); background:var(--band); margin:10px 0;
  padding:8px 14px; border-radius:0 6px 6px 0; break-inside:avoid; }
.moment h3 { margin:2px 0 4px; }
.moment p { margin:4px 0; }
.moment .turn { font-size:12px; font-weight:700; color:var(--dim); text-transform:uppercase; }
.moment.misattribution, .moment.collapse, .moment.escalation { border-color:#d55e00; }
.moment.norm_in_force, .moment.arms_in_force, .moment.hotline_correction {
  border-color:#009e73; }
.more { font-size:13px; }
.more a { color:var(--accent); }
ol.questions li { margin:8px 0; font-size:16px; }
figure { margin:18px 0; break-inside:avoid; }
figure img { max-width:100%; height:auto; display:block; }
figcaption { color:var(--dim); font-size:13px; margin-top:4px; }
.heatmaps figure { margin:6px 0; }
.slider { background:var(--band); border-radius:6px; padding:10px 14px; margin:12px 0; }
.slider p { margin:0 0 6px; }
.controls { display:flex; align-items:center; gap:12px; }
.controls input { flex:1; }
.controls output { min-width:8em; font-weight:700; }
.slider img { max-width:100%; height:auto; display:block; margin-top:8px; }
button { font:inherit; padding:3px 12px; border-radius:4px; border:1px solid var(--dim);
  background:#fff; cursor:pointer; }
.incidents td, .turns td, .decisions td { font-size:13px; }
.verdict { font-weight:600; white-space:nowrap; }
.print-only { display:none; }
.verdict.right { color:#006b4f; }
.verdict.wrong { color:#fff; background:#c2410c; }
.verdict.open { color:#8a5a00; }
.verdict.hidden { color:var(--dim); font-weight:400; font-style:italic; }
.delta { color:var(--dim); }
.term { break-inside:avoid; }
.term .lead { font-weight:600; }
.ingame { color:#33414e; }
footer { color:var(--dim); font-size:13px; border-top:1px solid var(--rule);
  margin-top:36px; padding-top:8px; padding-bottom:28px; }
code { font-size:.92em; }
@media (max-width:700px) { .glance { grid-template-columns:repeat(2, 1fr); } }
@page { size:A4; margin:14mm 12mm 16mm; }
@media print {
  body { font-size:10pt; -webkit-print-color-adjust:exact; print-color-adjust:exact; }
  header, main, footer { max-width:none; padding:0; }
  nav, .screen-only { display:none !important; }
  .print-only { display:block; }
  .heatmaps.print-only { display:flex; flex-wrap:wrap; gap:0 6mm; }
  .heatmaps figure img { width:100%; max-height:none; }
  h1 { font-size:20pt; } h2 { font-size:15pt; break-after:avoid; } h3 { break-after:avoid; }
  h2 + .note { break-after:avoid; }
  #charts, #timeline, #glossary { break-before:page; }
  table { font-size:8.5pt; } .incidents td, .turns td, .decisions td { font-size:8pt; padding:3px 5px; }
  .incidents td.notes { width:34%; }
  tr { break-inside:avoid; }
  figure img { max-height:120mm; width:auto; margin:0 auto; }
  a { color:inherit; text-decoration:none; }
  .glance { grid-template-columns:repeat(4, 1fr); }
  .stat b { font-size:14pt; }
  .terms { column-count:2; column-gap:8mm; font-size:9pt; }
  .term h3 { margin-top:0; padding-top:8px; }
}
"""

_SCRIPT = """<script>
(function () {
  var data = document.getElementById("trust-frames");
  if (!data) { return; }
  var frames = JSON.parse(data.textContent);
  var range = document.getElementById("trust-turn");
  var image = document.getElementById("trust-frame");
  var label = document.getElementById("trust-label");
  var play = document.getElementById("trust-play");
  var timer = null;
  function show(k) {
    range.value = k;
    image.src = frames[k];
    label.textContent = k === 0 ? "at the start" : "after turn " + k;
  }
  function stop() { clearInterval(timer); timer = null; play.textContent = "\\u25B6 Play"; }
  range.addEventListener("input", function () { stop(); show(Number(range.value)); });
  play.addEventListener("click", function () {
    if (timer) { stop(); return; }
    var k = Number(range.value) >= frames.length - 1 ? 0 : Number(range.value);
    show(k);
    play.textContent = "\\u275A\\u275A Pause";
    timer = setInterval(function () {
      if (k >= frames.length - 1) { stop(); return; }
      k += 1; show(k);
    }, 700);
  });
})();
</script>"""
