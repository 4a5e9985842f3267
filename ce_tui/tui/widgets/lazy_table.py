"""A read-only table that renders only the rows on screen.

Textual's `DataTable` builds every row up front (seconds for 10,000 rows).
:class:`LazyTable` keeps a plain sequence of records and a function that turns
one record into its cells, and formats just the lines being drawn (Line API),
so replacing the rows or moving the cursor costs the same for 10 or 100,000
records. Columns have fixed widths; one may stretch; when the table is too
narrow, the columns of lowest priority are hidden rather than scrolled.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

Cell = Text | str
"""A cell's content; a `str` is shown literally (never parsed as markup)."""


@dataclass(frozen=True)
class Column:
    """One column: its key, header label, width and how it gives way when space is short."""

    key: str
    label: str
    width: int
    align: Literal["left", "right"] = "left"
    stretch: bool = False
    """Takes the width left over by the other columns (at least `width`)."""
    priority: int = 0
    """Columns of lower priority are hidden first when the table is too narrow."""
    cut: Literal["end", "middle"] = "end"
    """Where a text too long for the column is cut: "middle" keeps its start and its end
    (titles that share a long start stay told apart)."""


def cut_middle(value: str, width: int) -> Text:
    """`value` in `width` cells: its start, "…", and its end (two fifths, then the rest)."""
    if width < 8:
        return Text(value)
    head = width * 2 // 5
    tail = width - head - 1
    return Text(f"{value[:head]}…{value[-tail:]}")


class LazyTable(ScrollView, can_focus=True, inherit_bindings=False):
    """A table of `rows` formatted on demand by `cells(row)`, one cell per column."""

    COMPONENT_CLASSES = {
        "lazy-table--header",
        "lazy-table--cursor",
        "lazy-table--empty",
    }

    DEFAULT_CSS = """
    LazyTable {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        background: $surface;
        & > .lazy-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        & > .lazy-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .lazy-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .lazy-table--empty {
            color: $text-muted;
            text-style: italic;
        }
        &:nocolor > .lazy-table--cursor {
            text-style: reverse;
        }
        &:nocolor:focus > .lazy-table--cursor {
            text-style: reverse bold;
        }
    }
    """

    BINDINGS = [
        Binding(key, action, label, show=False, id=f"table.{name}", tooltip=tip)
        for key, action, label, name, tip in (
            ("up,k", "move(-1)", "Up", "up", "Previous row"),
            ("down,j", "move(1)", "Down", "down", "Next row"),
            ("pageup", "page(-1)", "Page up", "page_up", "A screenful up"),
            ("pagedown", "page(1)", "Page down", "page_down", "A screenful down"),
            ("home", "jump(0)", "First", "first", "First row"),
            ("end", "jump(-1)", "Last", "last", "Last row"),
        )
    ]

    class Highlighted(Message):
        """The cursor moved to another row."""

        def __init__(self, table: LazyTable, index: int) -> None:
            """`index` is the row's position in the table's rows."""
            super().__init__()
            self.table = table
            self.index = index

        @property
        def control(self) -> LazyTable:
            """The table."""
            return self.table

    class Selected(Highlighted):
        """A row was chosen (enter or double click)."""

    class HeaderClicked(Message):
        """A column header was clicked."""

        def __init__(self, table: LazyTable, key: str) -> None:
            """`key` is the clicked column's key."""
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> LazyTable:
            """The table."""
            return self.table

    def __init__(
        self,
        columns: Sequence[Column],
        cells: Callable[[Any], Sequence[Cell]],
        *,
        empty: str = "Nothing to show",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """`cells(row)` returns one cell per column of `columns`, in that order."""
        super().__init__(id=id, classes=classes)
        self.columns = tuple(columns)
        """Every column, visible or not."""
        self._cells = cells
        self.empty = empty
        """Shown in place of rows when there are none."""
        self.rows: Sequence[Any] = ()
        """The records shown, in display order."""
        self._cursor = 0
        self.sort_key: str | None = None
        """Key of the column the rows are sorted by (marked in the header)."""
        self.sort_reverse = False
        """True when sorted in descending order."""
        self._layout: tuple[int, list[Column], list[int], list[int]] | None = None

    # Data -----------------------------------------------------------------

    @property
    def current(self) -> Any | None:
        """The highlighted record, or None when the table is empty."""
        return self.rows[self._cursor] if self.rows else None

    def set_rows(self, rows: Sequence[Any], cursor: int | None = None) -> None:
        """Show `rows`; put the cursor on `cursor` (default: keep its position)."""
        self.rows = rows
        self.virtual_size = Size(self.size.width, len(rows) + 1)
        self.move_to(self._cursor if cursor is None else cursor, force=True)
        self.refresh()

    def set_sort(self, key: str | None, reverse: bool) -> None:
        """Mark `key` as the sort column in the header (the caller sorts the rows)."""
        self.sort_key, self.sort_reverse = key, reverse
        self.refresh()

    def move_to(self, index: int, force: bool = False) -> None:
        """Put the cursor on row `index` (clamped) and scroll it into view."""
        index = max(0, min(index, len(self.rows) - 1)) if self.rows else 0
        old = self._cursor
        self._cursor = index
        if not self._scroll_to_cursor() and old != index:
            self._refresh_row(old)
            self._refresh_row(index)
        if (old != index or force) and self.rows:
            self.post_message(self.Highlighted(self, index))

    def _refresh_row(self, index: int) -> None:
        """Redraw just the line of row `index` (if on screen)."""
        y = index - round(self.scroll_y) + 1
        if 0 < y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def _page_rows(self) -> int:
        """How many rows fit below the header."""
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self) -> bool:
        """Scroll just enough to show the cursor's row; True if the view moved."""
        top = round(self.scroll_y)
        page = self._page_rows()
        if self._cursor < top:
            top = self._cursor
        elif self._cursor >= top + page:
            top = self._cursor - page + 1
        if top != round(self.scroll_y):
            self.scroll_to(y=top, animate=False, force=True)
            return True
        return False

    # Actions ----------------------------------------------------------------

    def action_move(self, delta: int) -> None:
        """Move the cursor by `delta` rows."""
        self.move_to(self._cursor + delta)

    def action_page(self, direction: int) -> None:
        """Move the cursor by a screenful."""
        self.move_to(self._cursor + direction * self._page_rows())

    def action_jump(self, index: int) -> None:
        """Move to the first (0) or last (-1) row."""
        self.move_to(len(self.rows) - 1 if index < 0 else index)

    def action_select(self) -> None:
        """Announce the highlighted row as chosen (screens bind `enter` to what that means)."""
        if self.rows:
            self.post_message(self.Selected(self, self._cursor))

    # Mouse ------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        """Header: sort by that column; row: move there (double click chooses it)."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            _, columns, widths, _ = self._fit()
            left = 0
            for column, width in zip(columns, widths, strict=True):
                if left <= offset.x < left + width + 1:
                    self.post_message(self.HeaderClicked(self, column.key))
                    return
                left += width + 1
            return
        index = round(self.scroll_y) + offset.y - 1
        if 0 <= index < len(self.rows):
            self.move_to(index)
            if event.chain >= 2:
                self.action_select()

    def _on_focus(self, event: events.Focus) -> None:
        """Redraw the cursor in its focused colours."""
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        """Redraw the cursor in its unfocused colours."""
        self.refresh()

    def _on_resize(self, event: events.Resize) -> None:
        """Keep the virtual size and the cursor's visibility in step with the size."""
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)
        self._scroll_to_cursor()

    # Rendering --------------------------------------------------------------

    def _fit(self) -> tuple[int, list[Column], list[int], list[int]]:
        """(width, visible columns, their widths, their indexes) for the current width, cached.

        Columns of lowest priority are dropped until the rest fit; the
        stretching column (else the first) takes the spare room.
        """
        width = self.scrollable_content_region.width
        if self._layout is not None and self._layout[0] == width:
            return self._layout
        room = width - 1
        shown = list(self.columns)
        while len(shown) > 1 and sum(c.width + 1 for c in shown) > room:
            shown.remove(min(shown, key=lambda c: c.priority))
        spare = max(0, room - sum(c.width + 1 for c in shown))
        widths = [c.width + (spare if c.stretch else 0) for c in shown]
        if not any(c.stretch for c in shown) and widths:
            widths[0] += spare
        self._layout = (width, shown, widths, [self.columns.index(c) for c in shown])
        return self._layout

    def _line(self, cells: Sequence[Cell], columns: list[Column], widths: list[int]) -> Text:
        """One line of fitted cells with a one-cell gap before each."""
        line = Text()
        for cell, column, width in zip(cells, columns, widths, strict=True):
            text = cell.copy() if isinstance(cell, Text) else Text(cell)
            if column.cut == "middle" and text.cell_len > width:
                text = cut_middle(text.plain, width)
            text.truncate(width, overflow="ellipsis")
            gap = width - text.cell_len
            line.append(" ")
            if column.align == "right":
                line.append(" " * gap)
                line.append_text(text)
            else:
                line.append_text(text)
                line.append(" " * gap)
        return line

    def render_line(self, y: int) -> Strip:
        """Line `y` of the view: the header on line 0, then the rows from the scroll position."""
        width, columns, widths, keep = self._fit()
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("lazy-table--header")
            labels = [self._label(c) for c in columns]
            return self._strip(self._line(labels, columns, widths), width, style)
        index = round(self.scroll_y) + y - 1
        if not self.rows:
            if y == 1:
                style = base + self.get_component_rich_style("lazy-table--empty")
                return self._strip(Text(" " + self.empty), width, style)
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        every = self._cells(self.rows[index])
        cells = [every[i] for i in keep]
        style = base
        if index == self._cursor:
            style = base + self.get_component_rich_style("lazy-table--cursor")
        return self._strip(self._line(cells, columns, widths), width, style)

    def _label(self, column: Column) -> Text:
        """A header label, with an arrow on the sort column."""
        if column.key != self.sort_key:
            return Text(column.label)
        return Text(f"{column.label}{'▼' if self.sort_reverse else '▲'}")

    def _strip(self, line: Text, width: int, style: Style) -> Strip:
        """`line` drawn over `style`, cut or padded to `width` cells."""
        segments = [
            Segment(text, style + seg_style if seg_style else style, control)
            for text, seg_style, control in line.render(self.app.console)
        ]
        return Strip(segments).adjust_cell_length(width, style)
