"""The map renderer: geometry (``shapes``) and what a nation knows (``facts``) in, pixels out.

``MapView`` is the widget; ``lenses`` say how nations are coloured; ``tiles`` rasterise and
cache; ``labels``, ``overlays`` and ``legend`` draw on top. Nothing here reads the engine's
state: ``facts.facts_from_view`` is the one bridge, from a ``NationView``.
"""
