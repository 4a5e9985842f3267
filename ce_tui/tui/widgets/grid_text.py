"""Two columns of text, drawn as a Rich grid draws them but without the table.

The alerts and the history on the Progress screen are rows of a short first
column (a severity word, a date) and a second column that wraps under itself.
A Rich ``Table.grid(padding=(0, 1))`` draws that, but measuring and rendering
a table costs about 20 ms for 40 rows, and Textual renders a Rich renderable
once to learn its height and again to draw it, at every width it is laid out
at. :class:`GridText` lays the rows out the same way (the same column widths,
Rich's own wrapping and padding of each cell, the same segments) once per
width, and hands Textual the segments.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import RenderableType
from rich.segment import Segment, Segments
from rich.table import Table
from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.widgets import Static

GridRow = tuple[Text, Text]
"""(first column, second column) of one row; the first never wraps."""


def grid_table(rows: Sequence[GridRow]) -> Table:
    """The Rich grid that :class:`GridText` draws `rows` like (and falls back to)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for first, second in rows:
        grid.add_row(first, second)
    return grid


def _longest_line(text: Text) -> int:
    """Cells in the longest line of `text` (what Rich measures as its widest)."""
    return max((cell_len(line) for line in text.plain.splitlines()), default=0)


def _piece(text: Text) -> Text:
    """`text`, given the null style if it has none."""
    if not text.style:
        text.style = "none"
    return text


class GridText(Static):
    """Rows of two columns, the second wrapping under itself; or a note in their place."""

    def __init__(self, rows: Sequence[GridRow] | Text, *, id: str) -> None:
        """Show `rows` (or a note, when there are none)."""
        super().__init__(id=id)
        self._rows: list[GridRow] | None = None
        self._drawn: tuple[int, RenderableType, int] | None = None
        """(width, what is drawn at that width, its height)."""
        self.show(rows)

    @property
    def rows(self) -> list[GridRow] | None:
        """The rows shown (None while a note is shown instead)."""
        return self._rows

    def show(self, rows: Sequence[GridRow] | Text) -> None:
        """Show other rows, or a note."""
        self._drawn = None
        if isinstance(rows, Text):
            self._rows = None
            self.update(rows)
        else:
            self._rows = list(rows)
            self.refresh(layout=True)

    def _draw(self, width: int) -> tuple[int, RenderableType, int]:
        """The rows at `width`, computed once per width."""
        drawn = self._drawn
        if drawn is None or drawn[0] != width:
            drawn = self._drawn = self._layout(width)
        return drawn

    def _layout(self, width: int) -> tuple[int, RenderableType, int]:
        """Lay the rows out as a Rich grid would at `width`.

        The first column is as wide as its widest cell plus one cell of
        padding; the second as wide as its widest line, or what is left of
        `width`. Each cell is wrapped and padded by Rich itself (left-justified,
        long words cut with an ellipsis), so every line, space and style is
        the grid's. A width too narrow for both columns gets the grid itself.
        """
        rows = self._rows or []
        if width <= 0:
            return width, Segments([]), 0
        console = self.app.console
        first = max((_longest_line(left) for left, _right in rows), default=0) + 1
        second = max((_longest_line(right) for _left, right in rows), default=0) or 1
        if first + second > width:
            second = width - first
        if not rows or first < 2 or second < 1:
            table = grid_table(rows)
            options = self.app.console_options.update_width(width).update(highlight=False)
            return width, table, len(console.render_lines(table, options))
        # Each piece of a line is styled (at least "none") so that it stays a
        # segment of its own, as in the grid.
        padding = Text(" ", style="none")
        blank = Text(" " * first, style="none")
        segments: list[Segment] = []
        height = 0
        for left, right in rows:
            lefts = left.wrap(console, first - 1, justify="left", overflow="ellipsis", no_wrap=True)
            rights = right.wrap(console, second, justify="left", overflow="ellipsis")
            for index in range(max(len(lefts), len(rights))):
                line = Text()
                if index < len(lefts):
                    line.append_text(_piece(lefts[index]))
                    line.append_text(padding)
                else:
                    line.append_text(blank)
                if index < len(rights):
                    line.append_text(_piece(rights[index]))
                else:
                    line.append_text(Text(" " * second, style="none"))
                segments.extend(line.render(console))
                segments.append(Segment.line())
                height += 1
        return width, Segments(segments), height

    def render(self) -> RenderResult:
        """The rows at the current width (or the note)."""
        if self._rows is None:
            return super().render()
        return self._draw(self.size.width)[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """Lines of the rows at `width` (or of the note)."""
        if self._rows is None:
            return super().get_content_height(container, viewport, width)
        return self._draw(width)[2]
