"""The Pygame interface: pygame-ce and pygame_gui, reading the engine through views.

Layers: ``app`` (window, frame loop, scene stack) → ``scenes`` (screens) → widgets such
as ``mapview.MapView`` (the map, engine-free: geometry and facts in, pixels out).
``events.poll`` is the only reader of the pygame event queue. Importing this package
does not import pygame.
"""
