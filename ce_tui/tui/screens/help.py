"""The `?` screen: every key of the screen underneath and of the app."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ce_tui.tui import SCREENS_CSS

KeyRow = tuple[str, str, bool]
"""(key as shown, what it does, True for the app's keys that work everywhere)."""


def key_rows(bindings: dict[str, ActiveBinding], key_display: object) -> list[KeyRow]:
    """The rows of the help from a screen's active bindings: its own keys, then the app's.

    `key_display` is the app's `get_key_display`. Keys bound to one action
    under several names (`down,j`) are listed once per name.
    """
    rows: list[KeyRow] = []
    seen: set[tuple[str, str]] = set()
    for active in bindings.values():
        binding = active.binding
        if not binding.description:
            continue
        shown = binding.key_display or key_display(binding)  # type: ignore[operator]
        if (shown, binding.action) in seen:
            continue
        seen.add((shown, binding.action))
        app_key = active.node is active.node.app
        rows.append((shown, binding.tooltip or binding.description, app_key))
    rows.sort(key=lambda row: row[2])
    return rows


class HelpScreen(ModalScreen[None]):
    """The keys active where `?` was pressed, built from their `Binding`s.

    The rows are gathered before this screen opens, so keys the app holds back
    while a dialog is open (screen switches, undo) are still listed.
    """

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding(
            "escape,question_mark,q", "dismiss", "Close", id="help.close", tooltip="Close the help"
        ),
    ]

    def __init__(self, rows: Sequence[KeyRow]) -> None:
        """Show `rows` (see :func:`key_rows`)."""
        super().__init__()
        self.rows = list(rows)
        """The keys to list."""

    def compose(self) -> ComposeResult:
        """A title, the table of keys (wrapping at any width), a note."""
        table = Table(box=None, show_header=True, expand=True, pad_edge=False)
        table.add_column("Key", no_wrap=True, style="bold")
        table.add_column("What it does", ratio=1)
        previous: bool | None = None
        for shown, action, app_key in self.rows:
            if previous is not None and app_key != previous:
                table.add_row("", "")
                table.add_row(Text("Everywhere", style="bold"), "")
            previous = app_key
            table.add_row(Text(shown), Text(action))
        with VerticalScroll(id="help-box"):
            yield Static("Keys", id="help-title")
            yield Static(table, id="help-keys")
            yield Static(
                "Number keys switch screens from anywhere outside a text field. "
                "ctrl+p opens the command palette. escape closes this help.",
                id="help-note",
                markup=False,
            )

    def on_mount(self) -> None:
        """Focus the scrolling box so arrows and page keys scroll it."""
        self.query_one("#help-box").focus()
