"""The `?` screen: the app's own keys, grouped by screen, with a filter.

The keys of the screen (or dialog) where `?` was pressed come first, then
every other screen's, then the keys that work everywhere. Each key is
described by its binding's tooltip, one sentence in the imperative; Textual's
generic keys (focus moves, copy) are left out. Typing filters the list.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Static

from ce_tui.tui import SCREENS_CSS

if TYPE_CHECKING:
    from ce_tui.tui.app import CeApp

KeyRow = tuple[str, str, str]
"""(key as shown, what it does, the group it is listed under)."""

EVERYWHERE = "Everywhere"
"""The group of the app's own keys."""


def _screen_bindings(mode: str) -> list[Binding]:
    """The bindings of the screen shown in `mode` (and of its cards, on Progress)."""
    if mode == "progress":
        from ce_tui.tui.screens.progress import ProgressScreen
        from ce_tui.tui.widgets.cert_card import CertCard

        return [*CertCard.BINDINGS, *ProgressScreen.BINDINGS]  # type: ignore[list-item]
    if mode == "path":
        from ce_tui.tui.screens.path import PathScreen

        return list(PathScreen.BINDINGS)  # type: ignore[arg-type]
    if mode == "catalog":
        from ce_tui.tui.screens.catalog import CatalogScreen

        return list(CatalogScreen.BINDINGS)  # type: ignore[arg-type]
    if mode == "claims":
        from ce_tui.tui.screens.claims import ClaimsScreen

        return list(ClaimsScreen.BINDINGS)  # type: ignore[arg-type]
    from ce_tui.tui.screens.plan import PlanScreen

    return list(PlanScreen.BINDINGS)  # type: ignore[arg-type]


def _rows(app: CeApp, bindings: Iterable[Binding], group: str) -> list[KeyRow]:
    """One row per key of the app's own `bindings` (those with an id), once each."""
    rows: list[KeyRow] = []
    seen: set[tuple[str, str]] = set()
    for binding in Binding.make_bindings(bindings):
        if not binding.id or not binding.description:
            continue
        shown = binding.key_display or app.get_key_display(binding)
        if (shown, binding.action) in seen:
            continue
        seen.add((shown, binding.action))
        rows.append((shown, binding.tooltip or binding.description, group))
    return rows


def help_rows(app: CeApp, screen: Screen[object]) -> list[KeyRow]:
    """Every key of the app: `screen`'s first, then each other screen's, then the app's."""
    from ce_tui.tui.app import SCREENS, CeApp

    titles = {mode: title for _key, mode, title in SCREENS}
    current = app.current_mode if not isinstance(screen, ModalScreen) else None
    here = f"{titles[current]} (this screen)" if current in titles else "This dialog"
    own = [a.binding for a in screen.active_bindings.values() if a.node is not app]
    rows = _rows(app, own, here)
    for _key, mode, title in SCREENS:
        if mode != current:
            rows += _rows(app, _screen_bindings(mode), title)
    return rows + _rows(app, CeApp.BINDINGS, EVERYWHERE)  # type: ignore[arg-type]


def matching(rows: Sequence[KeyRow], text: str) -> list[KeyRow]:
    """The rows holding every word of `text` (any case) in their key, words or group."""
    words = text.casefold().split()
    return [row for row in rows if all(w in " ".join(row).casefold() for w in words)]


def key_table(rows: Sequence[KeyRow]) -> Table | Text:
    """The rows as a table, a bold heading before each group."""
    if not rows:
        return Text("No key matches the filter.", style="italic")
    table = Table(box=None, show_header=False, expand=True, pad_edge=False)
    table.add_column("Key", no_wrap=True, style="bold", min_width=9)
    table.add_column("What it does", ratio=1)
    group = None
    for shown, action, row_group in rows:
        if row_group != group:
            if group is not None:
                table.add_row("", "")
            table.add_row(Text(row_group, style="bold underline"), "")
            group = row_group
        table.add_row(Text(shown), Text(action))
    return table


class HelpScreen(ModalScreen[None]):
    """The app's keys by screen, filtered as you type.

    The rows are gathered before this screen opens, so keys the app holds back
    while a dialog is open (screen switches, undo) are still listed.
    """

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding(
            "escape,question_mark", "dismiss", "Close", id="help.close", tooltip="Close the help"
        ),
        Binding("down", "scroll(1)", "Down", id="help.down", tooltip="Scroll down", show=False),
        Binding("up", "scroll(-1)", "Up", id="help.up", tooltip="Scroll up", show=False),
        Binding(
            "pagedown", "scroll(10)", "Page down", id="help.pagedown", tooltip="Scroll a page down"
        ),
        Binding("pageup", "scroll(-10)", "Page up", id="help.pageup", tooltip="Scroll a page up"),
    ]

    def __init__(self, rows: Sequence[KeyRow]) -> None:
        """Show `rows` (see :func:`help_rows`)."""
        super().__init__()
        self.rows = list(rows)
        """The keys to list."""

    def compose(self) -> ComposeResult:
        """A title, the filter, the table of keys (wrapping at any width), a note."""
        with VerticalScroll(id="help-box", can_focus=False):
            yield Static("Keys", id="help-title")
            yield Input(placeholder="type to filter the keys", id="help-filter", compact=True)
            yield Static(key_table(self.rows), id="help-keys")
            yield Static(
                "Number keys switch screens from anywhere outside a text field. "
                "ctrl+p opens the command palette. escape closes this help.",
                id="help-note",
                markup=False,
            )

    def on_mount(self) -> None:
        """Typing filters at once."""
        self.query_one("#help-filter", Input).focus(scroll_visible=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Show only the keys matching the filter."""
        self.query_one("#help-keys", Static).update(key_table(matching(self.rows, event.value)))

    def action_scroll(self, lines: int) -> None:
        """Scroll the list by `lines`."""
        box = self.query_one("#help-box", VerticalScroll)
        box.scroll_relative(y=lines, animate=False)
