"""Game content that is plain data: texts the UI shows, with no engine state and no pygame.

- :mod:`game.content.cyberpedia`: the in-game encyclopedia of cyber-diplomacy concepts.
"""
