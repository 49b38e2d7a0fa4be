"""kyivcli: interrogate a markdown article about a military campaign from the terminal."""

__version__ = "0.1.0"
