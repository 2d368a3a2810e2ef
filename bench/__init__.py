"""`make bench`: the figures the issues ask for, measured on this machine."""

from pathlib import Path

ROOT = Path(__file__).parents[1]
"""The checkout: where the bench starts the desk's own processes."""
