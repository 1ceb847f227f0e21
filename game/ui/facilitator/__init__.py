"""The facilitator's tools on the game screen (a teacher running a classroom exercise).

:class:`~game.ui.facilitator.desk.Desk` holds the state (console open or pinned, pause,
the facilitator view, the turn timer) and does every action through the engine
(``Game.intervene``, ``Game.rollback``, ``Game.set_seat``), so each one is recorded in the
game's history and ``facilitator_log``, survives save and load, and shows in the
debrief. :mod:`~game.ui.facilitator.console` draws the console; :mod:`.overlays` the
banners the class sees (PAUSED, FACILITATOR VIEW). The PIN dialog is
:mod:`game.ui.scenes.facilitator`.
"""
