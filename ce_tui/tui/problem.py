"""The screen shown instead of the app when the store is refused.

The store could not be read or failed validation (every problem is in the
message): the app does not open on it, and nothing is written. The message is
shown as plain text (already made safe for a terminal) until the person
leaves, and ce-tui exits with status 3, as the command line does.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

EXIT_REFUSED = 3
"""Exit status after the problem was shown (the store could not be used)."""


class StoreProblemApp(App[None]):
    """One screen: why the store was refused, and how to leave."""

    TITLE = "ce-tui: the store was not opened"

    BINDINGS = [
        Binding(
            "q,escape",
            "leave",
            "Quit",
            id="problem.quit",
            tooltip="Leave ce-tui; the store is left as it is",
        ),
    ]

    def __init__(self, message: str) -> None:
        """Show `message` (one or more lines, safe for a terminal)."""
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        """The title, the message and what to do next, the keys."""
        yield Header()
        text = Text(self.message)
        text.append(
            "\n\nNothing was changed. Fix or restore the file (ce-tui doctor lists its "
            "backups; ce-tui doctor --restore NAME puts one back), then start ce-tui again."
        )
        yield VerticalScroll(Static(text, id="problem"))
        yield Footer()

    def action_leave(self) -> None:
        """Quit with the refused store's exit status."""
        self.exit(return_code=EXIT_REFUSED)
