"""The `?` screen: every key of the screen underneath and of the app."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static


class HelpScreen(ModalScreen[None]):
    """A table of the keys active where `?` was pressed, built from their `Binding`s."""

    BINDINGS = [
        Binding(
            "escape,question_mark,q", "dismiss", "Close", id="help.close", tooltip="Close the help"
        ),
    ]

    def compose(self) -> ComposeResult:
        """A title and the table of keys."""
        with VerticalScroll(id="help-box"):
            yield Static("Keys", id="help-title")
            yield DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)
            yield Static(
                "Number keys switch screens from anywhere outside a text field. "
                "ctrl+p opens the command palette.",
                id="help-note",
                markup=False,
            )

    def on_mount(self) -> None:
        """Fill the table from the bindings active on the screen below."""
        table = self.query_one(DataTable)
        table.add_columns("Key", "Action", "Where")
        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else self.app.screen
        seen: set[str] = set()
        for key, active in below.active_bindings.items():
            binding = active.binding
            if not binding.description or (binding.action in seen and key in seen):
                continue
            seen.add(key)
            where = "app" if active.node is self.app else type(active.node).__name__
            table.add_row(
                Text(binding.key_display or self.app.get_key_display(binding)),
                Text(binding.tooltip or binding.description),
                Text(where.removesuffix("Screen")),
            )
        table.focus()
