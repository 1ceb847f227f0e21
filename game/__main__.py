"""``python -m game`` is the same program as ``cyberdip``."""

from game.cli import main

raise SystemExit(main())
