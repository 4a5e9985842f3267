"""The Path screen (placeholder until built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class PathScreen(Screen[None]):
    """Placeholder."""

    def compose(self) -> ComposeResult:
        """Header, a note, footer."""
        yield Header()
        yield Static("Path")
        yield Footer()
