"""The screens of the game, each a Scene (see game.ui.scene)."""
