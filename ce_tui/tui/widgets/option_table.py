"""The table of a certification's options on the Path screen.

One row per option of the level: what it requires, the credit and exams
already counted, what is missing, whether it is met. The chosen path is
marked ``●``. Every figure comes from the evaluation's
:class:`~ce_tui.domain.evaluation.OptionStatus`.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from ce_tui.domain.alerts import credits_text
from ce_tui.domain.evaluation import CertStatus, OptionStatus
from ce_tui.domain.models import EXAM_KINDS, ExamKind

COLUMNS = ("Option", "CE", "Pending", "Exams", "Missing", "Met")
"""The table's columns."""


def kinds_word(kinds: tuple[ExamKind, ...]) -> str:
    """Which exams qualify, in a word: '' (any), 'prof.', 'core', 'expert-lab'."""
    if set(kinds) == set(EXAM_KINDS):
        return ""
    if set(kinds) == {"core", "concentration"}:
        return "prof."
    return "/".join(kinds)


def requirement_text(option: OptionStatus) -> str:
    """What an option asks for, short: '40 CE + 2 prof. exams'."""
    parts = []
    if option.ce_required:
        parts.append(f"{option.ce_required} CE")
    if option.exams_required:
        word = kinds_word(option.exam_kinds)
        plural = "s" if option.exams_required > 1 else ""
        parts.append(" ".join(filter(None, [str(option.exams_required), word, f"exam{plural}"])))
    return " + ".join(parts)


def missing_text(option: OptionStatus) -> str:
    """What an option still lacks: '24 CE + 1 exam', or a dash."""
    parts = []
    if option.ce_missing:
        parts.append(f"{credits_text(option.ce_missing)} CE")
    if option.exams_missing:
        parts.append(f"{option.exams_missing} exam{'s' if option.exams_missing > 1 else ''}")
    return " + ".join(parts) or "—"


def option_row(option: OptionStatus, chosen: bool) -> list[Text]:
    """The table cells of one option (`chosen`: it is the path)."""
    ce, pending, exams = "—", "", "—"
    if option.ce_required:
        ce = f"{credits_text(option.ce_approved)}/{option.ce_required}"
        if option.ce_pending:
            pending = f"+{credits_text(option.ce_pending)}"
    if option.exams_required:
        exams = f"{len(option.exams_passed)}/{option.exams_required}"
    name = Text(("● " if chosen else "  ") + requirement_text(option))
    if chosen:
        name.stylize("bold")
    met = Text("✓ yes", style="bold") if option.met else Text("no")
    return [name, Text(ce), Text(pending), Text(exams), Text(missing_text(option)), met]


class OptionTable(DataTable[Text]):
    """The options of one certification; enter makes the highlighted one the path."""

    BINDINGS = [
        Binding(
            "enter",
            "screen.set_path",
            "Set path",
            id="path.set",
            tooltip="Make the highlighted option this certification's path",
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        """A row-cursor table with the option columns."""
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.cert_id: str | None = None
        """The certification the rows belong to."""
        self.options: tuple[OptionStatus, ...] = ()
        """The options shown, in row order."""

    def on_mount(self) -> None:
        """Add the columns."""
        self.add_columns(*COLUMNS)

    def fill(self, status: CertStatus) -> None:
        """Show `status`'s options; the cursor stays on the same option when redrawing."""
        keep = self.highlighted.id if self.highlighted and self.cert_id == status.id else None
        self.cert_id = status.id
        self.options = status.options
        self.clear()
        for option in status.options:
            self.add_row(*option_row(option, option.id == status.path), key=option.id)
        ids = [o.id for o in status.options]
        self.move_cursor(row=ids.index(keep if keep in ids else status.path), animate=False)

    @property
    def highlighted(self) -> OptionStatus | None:
        """The option under the cursor."""
        row = self.cursor_row
        return self.options[row] if self.row_count and 0 <= row < len(self.options) else None
