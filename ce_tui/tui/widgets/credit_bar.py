"""A one-line bar of CE credit toward a path: approved, pending and missing.

The three parts use different characters (``█`` approved, ``▒`` pending,
``░`` missing) so the bar reads the same without colour; colour only adds
emphasis. The figures come from the evaluation; nothing is computed here but
the number of cells each part takes.
"""

from __future__ import annotations

from decimal import Decimal

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from ce_tui.domain.alerts import credits_text

APPROVED = "█"
"""Cell of approved credit."""
PENDING = "▒"
"""Cell of credit claimed and waiting for approval."""
MISSING = "░"
"""Cell of credit still to earn."""

MIN_BAR = 8
"""The bar never gets narrower than this many cells."""


def bar_cells(
    approved: Decimal, pending: Decimal, required: Decimal, width: int
) -> tuple[int, int, int]:
    """Cells of (approved, pending, missing) in a bar `width` cells wide.

    Credit beyond `required` is not drawn. Any non-zero part gets at least one
    cell, so a little credit never looks like none.
    """
    if width <= 0:
        return 0, 0, 0
    if required <= 0:
        return width, 0, 0
    done = min(approved, required)
    claimed = min(approved + pending, required)
    full = int(done * width / required)
    if done > 0 and full == 0:
        full = 1
    both = max(int(claimed * width / required), full)
    if claimed > done and both == full:
        both = full + 1
    if claimed < required:
        both = min(both, width - 1)
        full = min(full, both)
    both = min(both, width)
    return full, both - full, width - both


def bar_label(approved: Decimal, pending: Decimal, required: Decimal) -> str:
    """The figures beside the bar: ``56/80 CE +46 pending``."""
    label = f"{credits_text(approved)}/{credits_text(required)} CE"
    if pending:
        label += f" +{credits_text(pending)} pending"
    return label


def bar_content(
    approved: Decimal, pending: Decimal, required: Decimal | int, width: int
) -> Content:
    """The bar and its figures, fitted to `width` cells."""
    required = Decimal(required)
    label = bar_label(approved, pending, required)
    cells = max(MIN_BAR, width - len(label) - 1)
    full, waiting, missing = bar_cells(approved, pending, required, cells)
    return Content.assemble(
        (APPROVED * full, "$success"),
        (PENDING * waiting, "$warning"),
        (MISSING * missing, "$foreground-muted"),
        " ",
        label,
    )


class CreditBar(Widget):
    """A bar of approved, pending and missing CE credit with its figures."""

    DEFAULT_CSS = """
    CreditBar {
        height: 1;
        width: 1fr;
    }
    """

    approved: reactive[Decimal] = reactive(Decimal(0))
    """Credits approved toward the path."""
    pending: reactive[Decimal] = reactive(Decimal(0))
    """Credits claimed and waiting for approval."""
    required: reactive[Decimal] = reactive(Decimal(0))
    """Credits the path needs (0: an exam-only path)."""

    def show(self, approved: Decimal, pending: Decimal, required: Decimal | int) -> None:
        """Set the three figures at once."""
        self.approved = Decimal(approved)
        self.pending = Decimal(pending)
        self.required = Decimal(required)

    def render(self) -> Content:
        """The bar at the widget's width, or a note for an exam-only path."""
        if self.required <= 0:
            return Content("no CE credits needed on this path")
        return bar_content(self.approved, self.pending, self.required, self.size.width)
