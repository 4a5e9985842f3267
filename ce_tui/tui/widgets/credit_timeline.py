"""The credit timeline chart of the Path screen, drawn in text cells.

Columns are days from the cycle's start to its deadline; rows are credit
levels. Approved credit is ``█``, pending credit on top of it ``▒``, the
option's need a ``─`` line, the evaluation day a ``┊`` column; so it reads
the same without colour (``NO_COLOR``), and colour only adds emphasis. Every
figure comes from :func:`~ce_tui.domain.timeline.credit_timeline`; the widget
only decides which character each cell gets.
"""

from __future__ import annotations

from decimal import Decimal

from textual.content import Content
from textual.widget import Widget

from ce_tui.domain.alerts import credits_text
from ce_tui.domain.timeline import Timeline, column_days, column_of, scale_top

APPROVED = "█"
"""Cell of approved credit."""
PENDING = "▒"
"""Cell of pending credit."""
NEED = "─"
"""Cell of the need line."""
TODAY = "┊"
"""Cell of the evaluation day's column."""

ROWS = 4
"""Rows of the plot on a small terminal (80x24)."""

TALL_ROWS = 8
"""Rows of the plot when the terminal has room (at least :data:`TALL_SCREEN` lines)."""

TALL_SCREEN = 32
"""Terminal height from which the plot takes :data:`TALL_ROWS` rows."""

AXIS = 5
"""Width of the credit labels on the left."""

STYLES = {APPROVED: "$success", PENDING: "$warning", NEED: "$error", TODAY: "$accent"}
"""How each character is coloured (shapes carry the meaning; colour only adds emphasis)."""


def need_row(timeline: Timeline, rows: int) -> int | None:
    """The plot row (0 at the top) the need line is drawn in (None without a need)."""
    if timeline.need <= 0:
        return None
    top = scale_top(timeline)
    filled = -(-(Decimal(timeline.need) * rows) // top)  # ceiling: the row holding the need
    return max(0, min(rows - 1, rows - int(filled)))


def plot_lines(timeline: Timeline, width: int, rows: int = ROWS) -> list[list[str]]:
    """The plot's characters, `rows` lines of `width` cells, top line first."""
    top = scale_top(timeline)
    days = column_days(timeline, width)
    today_col = column_of(timeline, timeline.today, width)
    line_row = need_row(timeline, rows)
    grid = [[" "] * width for _ in range(rows)]
    for x, day in enumerate(days):
        if day > timeline.today:
            approved = pending = None
        else:
            approved, pending = timeline.totals_on(day)
        for r in range(rows):
            level = top * (2 * (rows - r) - 1) / (2 * rows)  # the middle of the row's band
            cell = " "
            if approved is not None and pending is not None and approved >= level:
                cell = APPROVED
            elif approved is not None and pending is not None and approved + pending >= level:
                cell = PENDING
            elif r == line_row:
                cell = NEED
            elif x == today_col:
                cell = TODAY
            grid[r][x] = cell
    return grid


def _styled(cells: list[str]) -> Content:
    """One line of cells, each run of a character in its style."""
    parts: list[tuple[str, str] | str] = []
    run = ""
    for cell in cells:
        if run and cell != run[0]:
            parts.append((run, STYLES.get(run[0], "")))
            run = ""
        run += cell
    if run:
        parts.append((run, STYLES.get(run[0], "")))
    return Content.assemble(*parts)


def chart_content(timeline: Timeline, width: int, rows: int = ROWS) -> Content:
    """The chart: plot with its credit axis, date axis and legend, in `width` cells."""
    plot = max(10, width - AXIS - 2)
    grid = plot_lines(timeline, plot, rows)
    line_row = need_row(timeline, len(grid))
    top_label = credits_text(scale_top(timeline))
    lines: list[Content] = []
    for r, cells in enumerate(grid):
        label = top_label if r == 0 else str(timeline.need) if r == line_row else ""
        lines.append(Content.assemble(f"{label:>{AXIS - 1}} │", _styled(cells)))
    axis = ["─"] * plot
    today_col = column_of(timeline, timeline.today, plot)
    if today_col is not None:
        axis[today_col] = "┴"
    lines.append(Content.assemble(f"{'0':>{AXIS - 1}} └", "".join(axis), "┤"))
    lines.append(Content(date_line(timeline, plot, today_col)))
    lines.append(legend(timeline))
    return Content("\n").join(lines)


def date_line(timeline: Timeline, plot: int, today_col: int | None) -> str:
    """The cycle's start under the axis's left end, the deadline at its right, today between."""
    start, end = timeline.start.isoformat(), f"{timeline.deadline.isoformat()} deadline"
    cells = list(" " * (AXIS + 1) + start + end.rjust(max(1, plot - len(start) + 1)))
    if today_col is not None:
        at = AXIS + 1 + today_col - len("today") // 2
        span = range(at - 1, at + len("today") + 1)
        if span.start >= 0 and span.stop <= len(cells) and all(cells[i] == " " for i in span):
            cells[at : at + len("today")] = "today"
    return "".join(cells).rstrip()


def legend(timeline: Timeline) -> Content:
    """What each shape means, with the figures."""
    parts: list[tuple[str, str] | str] = [
        (APPROVED, STYLES[APPROVED]),
        f" approved {credits_text(timeline.approved)}  ",
        (PENDING, STYLES[PENDING]),
        f" pending {credits_text(timeline.pending)}  ",
    ]
    if timeline.need:
        parts += [(NEED, STYLES[NEED]), f" need {timeline.need}  "]
    parts += [(TODAY, STYLES[TODAY]), f" today {timeline.today.isoformat()}"]
    return Content.assemble(*parts)


def pace_text(timeline: Timeline) -> str:
    """The credits still needed (beyond approved and pending) and the pace that asks for."""
    if timeline.need <= 0:
        return "no CE credits needed on this path"
    if timeline.still_needed <= 0:
        waiting = Decimal(timeline.need) - timeline.approved
        if waiting > 0:
            return f"need met once {credits_text(waiting)} pending CE are approved"
        return "need met"
    still = f"{credits_text(timeline.still_needed)} CE still to earn"
    if timeline.per_month is None:
        return f"{still}; the deadline has passed"
    months = timeline.months_left
    plural = "month" if months == 1 else "months"
    return f"{still}: {credits_text(timeline.per_month)} a month for {months} {plural}"


class CreditTimeline(Widget):
    """The chart of one certification's current cycle (set with :meth:`show`)."""

    DEFAULT_CSS = """
    CreditTimeline {
        height: auto;
        width: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        """Nothing to draw yet."""
        super().__init__(id=id)
        self.timeline: Timeline | None = None
        """What is drawn."""

    def show(self, timeline: Timeline) -> None:
        """Draw `timeline`."""
        self.timeline = timeline
        self.refresh()

    def render(self) -> Content:
        """The chart at the widget's width; taller on a tall terminal."""
        if self.timeline is None:
            return Content("")
        rows = TALL_ROWS if self.app.size.height >= TALL_SCREEN else ROWS
        return chart_content(self.timeline, self.size.width, rows)
