"""A one-line search bar: a search box that filters as you type, and a status text.

Used by the Catalog and Claims screens. The screen owns the keys (`/` focuses
the box, `escape` leaves it) and the filtering, on :class:`SearchBar.Changed`;
the bar lays out the box and the status beside it; `enter` or `down` in the box
moves to the results (the widget after the bar), and leaving the box with
`escape` clears the search. The matching itself is
:func:`ce_tui.domain.catalog.matching`.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static


class SearchBar(Horizontal):
    """A compact search box taking the free width and a muted status text after it."""

    DEFAULT_CSS = """
    SearchBar {
        height: 1;
        margin: 1 1 0 1;
    }
    SearchBar > Input {
        width: 1fr;
    }
    SearchBar > Static {
        width: auto;
        padding-left: 2;
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding(
            "down",
            "results",
            "Results",
            show=False,
            id="search.results",
            tooltip="Move to the results",
        ),
    ]

    class Changed(Message):
        """The search text changed (posted as each letter is typed)."""

        def __init__(self, text: str) -> None:
            """Carry the new search text."""
            super().__init__()
            self.text = text
            """What the box holds now."""

    def __init__(self, placeholder: str, *, box_id: str, status_id: str, id: str) -> None:
        """A bar `id` holding the box `box_id` and the status `status_id`."""
        super().__init__(id=id)
        self._placeholder = placeholder
        self._box_id = box_id
        self._status_id = status_id

    def compose(self) -> ComposeResult:
        """The search box, then the status (never read as markup)."""
        yield Input(placeholder=self._placeholder, id=self._box_id, compact=True)
        yield Static("", id=self._status_id, markup=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Tell the screen the search text changed."""
        event.stop()
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the box moves to the results."""
        event.stop()
        self.action_results()

    def action_results(self) -> None:
        """Move to the results: the next widget after the bar."""
        self.screen.focus_next()

    @property
    def box(self) -> Input:
        """The search box."""
        return self.query_one(f"#{self._box_id}", Input)

    def leave(self, table: Widget) -> bool:
        """If the box has the focus, clear the search, hand the focus to `table`, say so (True)."""
        if self.box.has_focus:
            self.box.value = ""
            self.screen.set_focus(table)  # at once: the next keys of a burst go to the table
            return True
        return False

    @property
    def status(self) -> Static:
        """The status text."""
        return self.query_one(f"#{self._status_id}", Static)
