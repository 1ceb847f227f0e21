"""The game screen's panels, their drawing kit and the turn flow behind them.

- :mod:`.kit`, :mod:`.pointer`, :mod:`.panel`: hand-drawn widgets (text, buttons, bars),
  hotspots with tooltips, and cached, scrollable panels;
- :mod:`.wording`: how orders, proposals, incidents and reasons read to a player;
- :mod:`.orderbook`: the orders a nation is putting together this turn (pure logic);
- :mod:`.topbar`, :mod:`.sidebar`, :mod:`.nation`, :mod:`.orders`, :mod:`.inbox`,
  :mod:`.news`: what the game screen shows;
- :mod:`.flow`: the order of screens in a turn (hand-offs, reports, AI in the background);
- :mod:`.dialog`: the base of the small modal cards; :mod:`.links`: screens owned by the
  menus (Cyberpedia, help, settings, load, main menu), imported lazily with fallbacks.
"""
