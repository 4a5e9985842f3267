"""A one-line search bar: a search box that filters as you type, and a status text.

Used by the Catalog and Claims screens. The screen owns the keys (`/` focuses
the box, `escape` leaves it) and the filtering; the bar lays out the box and
the status beside it. :func:`words` and :func:`matching` do the matching for
screens whose rows carry a precomputed, casefolded search text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Static

T = TypeVar("T")


def words(text: str) -> list[str]:
    """The casefolded words of a search text (none for a blank one)."""
    return text.casefold().split()


def matching(rows: Sequence[T], haystacks: Sequence[str], text: str) -> Sequence[T]:
    """The rows whose haystack (same position, casefolded) contains every word of `text`.

    Blank `text` gives `rows` itself; the order is kept.
    """
    wanted = words(text)
    if not wanted:
        return rows
    if len(wanted) == 1:
        word = wanted[0]
        return [row for row, hay in zip(rows, haystacks, strict=True) if word in hay]
    return [
        row for row, hay in zip(rows, haystacks, strict=True) if all(word in hay for word in wanted)
    ]


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

    @property
    def box(self) -> Input:
        """The search box."""
        return self.query_one(f"#{self._box_id}", Input)

    def leave(self, table: Widget) -> bool:
        """If the box has the focus, hand it to `table` and say so (True)."""
        if self.box.has_focus:
            table.focus()
            return True
        return False

    @property
    def status(self) -> Static:
        """The status text."""
        return self.query_one(f"#{self._status_id}", Static)
