"""The Claims screen (placeholder until built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class ClaimsScreen(Screen[None]):
    """Placeholder."""

    def compose(self) -> ComposeResult:
        """Header, a note, footer."""
        yield Header()
        yield Static("Claims")
        yield Footer()
