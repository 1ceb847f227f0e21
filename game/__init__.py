"""Cyber Diplomacy: a turn-based cyber-diplomacy strategy game.

Layers, imports pointing one way: ``ui`` -> ``report``/``sim``/``ai`` -> ``engine`` ->
``scenario``. The engine, AI and scenario packages never import pygame.
"""

__version__ = "0.1.0"
