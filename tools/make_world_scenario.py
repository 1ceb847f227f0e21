"""Generate ``scenarios/world.yaml``: every UN member and observer state on the world map.

    python tools/make_world_scenario.py            # (re)write scenarios/world.yaml
    python tools/make_world_scenario.py --check    # exit 1 if the committed file is stale
    python tools/make_world_scenario.py --out FILE # write somewhere else

The world scenario is a sandbox and the engine's scale test, not a model of real
states. Everything in it is derived by the simple, documented rules below from facts
that do not judge anyone's behaviour:

* **Which nations.** Every country of the world map (``assets/maps/world.npz``) whose
  code is a UN member state or a UN observer state (``UN_MEMBERS``, ``UN_OBSERVERS``).
  Dependent territories, Antarctica and areas whose status is disputed stay unowned on
  the map. Ids are the lower-case ISO alpha-3 codes; names come from the atlas.
* **Capital.** The atlas's label point, which is always inside the country's largest
  polygon (so the validator never warns); it marks the nation on the map, it is not the
  real capital city.
* **Economy.** ``18 + 3.5 × log10(area in km²)``, plus 18 for members of the G20 and
  14 for members of the OECD (membership lists below), plus seeded noise of ±4; clipped
  to 15-88. Crude on purpose: bigger and richer-club countries get bigger economies.
* **Other stats.** Infrastructure, defense, attribution and offense grow with the
  economy (linear rules in :func:`stats_for`) with seeded noise; cohesion is 60 with
  noise. Offense follows capability (economy) only — never a state's reputation.
* **Personality.** Drawn for each nation from a fixed mix with a seeded generator
  (``PERSONALITY_MIX``), in alphabetical order of codes. It says nothing about the real
  state.

The output is deterministic: the same atlas and this file give the same YAML, byte for
byte (``--check`` relies on it).
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.maps.atlas import WorldAtlas, load_world_atlas  # noqa: E402

OUT = ROOT / "scenarios" / "world.yaml"
SEED = 20240101


def _codes(text: str) -> frozenset[str]:
    """A set of codes from whitespace-separated text."""
    return frozenset(text.split())


# The 193 UN member states (ISO 3166-1 alpha-3).
UN_MEMBERS = _codes("""
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH
BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP
CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU
GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ
KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS
MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN
PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC
SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN
TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
""")
# The two UN observer states.
UN_OBSERVERS = frozenset({"VAT", "PSE"})

# Members of the G20 (the European Union, also a member, is not a country on the map).
G20 = _codes("ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA")
# The 38 members of the OECD.
OECD = _codes("""
AUS AUT BEL CAN CHL COL CRI CZE DNK EST FIN FRA DEU GRC HUN ISL IRL ISR ITA JPN KOR LVA
LTU LUX MEX NLD NZL NOR POL PRT SVK SVN ESP SWE CHE TUR GBR USA
""")

PERSONALITY_MIX: tuple[tuple[str, float], ...] = (
    ("cooperative", 0.22),
    ("reciprocal", 0.26),
    ("defensive", 0.20),
    ("opportunist", 0.16),
    ("aggressive", 0.08),
    ("isolationist", 0.05),
    ("random", 0.03),
)


def _r(value: float) -> float:
    return float(round(float(np.clip(value, 0.0, 100.0))))


def stats_for(economy: float, rng: np.random.Generator) -> dict[str, float]:
    """The six stats of a nation with this economy (noise from ``rng``)."""
    noise = rng.normal(0.0, 1.0, 5)
    return {
        "economy": _r(economy),
        "infrastructure": _r(40 + 0.4 * economy + 4 * noise[0]),
        "offense": _r(12 + 0.45 * economy + 7 * noise[1]),
        "defense": _r(20 + 0.45 * economy + 4 * noise[2]),
        "attribution": _r(15 + 0.5 * economy + 4 * noise[3]),
        "cohesion": _r(60 + 5 * noise[4]),
    }


def nations(atlas: WorldAtlas) -> list[dict[str, object]]:
    rng = np.random.default_rng(SEED)
    names, weights = zip(*PERSONALITY_MIX, strict=True)
    p = np.array(weights) / sum(weights)
    out = []
    for code in sorted(atlas.codes):
        if code not in UN_MEMBERS and code not in UN_OBSERVERS:
            continue
        area = max(atlas.area(code), 1.0)
        economy = 18 + 3.5 * math.log10(area) + 18 * (code in G20) + 14 * (code in OECD)
        economy = float(np.clip(economy + rng.uniform(-4, 4), 15, 88))
        lon, lat = atlas.label_point(code)
        out.append(
            {
                "id": code.lower(),
                "name": atlas.name(code),
                "countries": [code],
                "capital": [round(lon, 2), round(lat, 2)],
                "personality": str(names[int(rng.choice(len(names), p=p))]),
                "stats": stats_for(economy, rng),
            }
        )
    return out


HEADER = """\
# yaml-language-server: $schema=../docs/scenario.schema.json
# GENERATED by tools/make_world_scenario.py — do not edit by hand; change the generator
# and run `python tools/make_world_scenario.py` (a test checks this file is up to date).
id: world
title: "The Whole World"
summary: >-
  Every UN member and observer state on the world map ({count} nations), all played by the
  AI, for 24 turns: a sandbox to watch norms, arms control and incidents spread through a
  crowded world, and the engine's scale test. Stats follow crude public facts (size, G20
  and OECD membership) with noise; AI personalities are drawn at random from a seeded mix
  and say nothing about the real states. With this many nations the win rates are not
  balanced — most nations win no game — so read the stability and mechanics, not the
  ranking.
author: Cyber Diplomacy team (generated)
learning_objectives:
  - Watch how norms and an arms-control agreement gather signatures when quorums are counted in dozens of states.
  - See how a global incident (a ransomware worm, a breached software vendor) is attributed differently by every victim.
  - Compare how nations with different personalities fare in a crowded world.
turns: 24
seed: 2024
actions_per_turn: 2
map:
  type: world
  show_unowned: true
"""

FOOTER = """\
relations:
  default_trust: 50
norms:
  - id: protect-infrastructure
    name: Protect critical infrastructure
    description: >-
      States do not conduct or knowingly support cyber operations that damage critical
      infrastructure providing services to the public. It forbids sabotage.
    forbids: [sabotage]
    quorum: {q_infra}
  - id: no-election-interference
    name: No interference in elections
    description: >-
      States do not use cyber operations or influence campaigns to interfere in other
      states' elections. It forbids disinformation.
    forbids: [disinformation]
    quorum: {q_elections}
  - id: cert-cooperation
    name: CERT-to-CERT cooperation
    description: >-
      States do not harm each other's emergency response teams, and their CERTs help
      each other during incidents. It forbids sabotage.
    forbids: [sabotage]
    quorum: {q_cert}
arms_control:
  - id: global-restraint
    name: Global Cyber Restraint
    description: >-
      Parties keep their cyber offense at or below 55, and accept that espionage by
      fellow parties is how the cap is checked.
    offense_cap: 55
    min_parties: {q_arms}
events:
  - id: world-online
    title: A world online
    text: >-
      Every state now depends on networks for its power, water, money and elections. The
      drafts of three norms and one arms-control agreement circulate among diplomats.
    trigger: {{at_turn: 1}}
  - id: ransomware-worm
    title: A ransomware worm
    text: >-
      A self-spreading ransomware worm built on a leaked exploit locks computers in
      hospitals, ports and factories around the world. Every government's forensics
      reach a different conclusion about who is behind it.
    trigger: {{from_turn: 5, chance: 0.35}}
    effects:
      - incident: {{kind: sabotage, target: all, strength: 55, always_succeeds: false}}
  - id: vendor-breach
    title: A software vendor is breached
    text: >-
      Intruders hid a backdoor in an update of widely used network-management software;
      thousands of government and company networks installed it. Who had access, and
      what they took, is unclear.
    trigger: {{from_turn: 10, chance: 0.3}}
    effects:
      - incident: {{kind: espionage, target: all, strength: 65, always_succeeds: false}}
      - adjust: {{nation: all, stat: defense, by: -2}}
    choice:
      nations: [all]
      prompt: Order every agency to rebuild its networks now, at a cost, or patch and move on?
      default: patch
      options:
        - id: rebuild
          label: Rebuild the networks
          effects:
            - adjust: {{nation: self, stat: defense, by: 4}}
            - adjust: {{nation: self, stat: economy, by: -2}}
          ai_weight: 1
        - id: patch
          label: Patch and move on
          effects:
            - adjust: {{nation: self, stat: defense, by: 1}}
          ai_weight: 1
  - id: cloud-outage
    title: A global cloud outage
    text: >-
      A faulty update takes down a large cloud provider for a day; airlines, banks and
      hospitals everywhere fall back on paper. It was not an attack, but it shows how
      much depends on a few companies.
    trigger: {{from_turn: 8, chance: 0.2}}
    effects:
      - adjust: {{nation: all, stat: economy, by: -1}}
  - id: global-summit
    title: A global cyber summit
    text: >-
      With stability holding, states gather to take stock of the norms in force and the
      arms-control agreement.
    trigger:
      at_turn: 16
      condition: {{stability: {{above: 50}}}}
    effects:
      - adjust: {{nation: all, stat: cohesion, by: 1}}
scoring:
  weights: {{security: 1, prosperity: 1, influence: 1, objectives: 1}}
  collapse_threshold: 15
  victory: best_score
"""


def _flow(stats: dict[str, float]) -> str:
    return "{" + ", ".join(f"{k}: {v:g}" for k, v in stats.items()) + "}"


def render(atlas: WorldAtlas) -> str:
    found = nations(atlas)
    n = len(found)
    lines = [HEADER.replace("{count}", str(n)), "nations:\n"]
    for nation in found:
        name = str(nation["name"]).replace('"', '\\"')
        lon, lat = nation["capital"]  # type: ignore[misc]
        lines.append(
            f'  - {{id: {nation["id"]}, name: "{name}", countries: [{nation["countries"][0]}], '  # type: ignore[index]
            f"capital: [{lon:g}, {lat:g}], personality: {nation['personality']},\n"
            f"     stats: {_flow(nation['stats'])}}}\n"  # type: ignore[arg-type]
        )
    lines.append(
        FOOTER.format(
            q_infra=round(0.45 * n),
            q_elections=round(0.5 * n),
            q_cert=round(0.35 * n),
            q_arms=round(0.2 * n),
        )
    )
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 if the file differs from what would be generated",
    )
    args = parser.parse_args(argv)
    text = render(load_world_atlas())
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(
                f"{args.out} is out of date: run python tools/make_world_scenario.py",
                file=sys.stderr,
            )
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
