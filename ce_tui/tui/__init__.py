"""The terminal app (Textual)."""

from pathlib import Path

SCREENS_CSS = Path(__file__).with_name("screens.tcss")
"""Styles of every screen and dialog but Progress (whose are in app.tcss).

Each of those screens names this file in its ``CSS_PATH``, so Textual reads it
when the first of them is shown, not while the app opens.
"""
