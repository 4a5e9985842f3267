"""Every recorded exam, newest first: record, edit and delete them.

Opened from the Path screen with `X`. The list follows the app's ledger, so
it redraws after every write, undo or reload. Writes go through
:meth:`CeApp.apply` with an undo; an edit or a delete is refused when another
window changed the exam since it was shown (the services' `expected`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ce_tui.domain.models import Exam, Ledger
from ce_tui.tui import SCREENS_CSS
from ce_tui.tui.dialogs.confirm import confirm_delete
from ce_tui.tui.dialogs.exam_form import ExamForm, exam_label
from ce_tui.tui.widgets.lazy_table import Cell, Column, LazyTable

if TYPE_CHECKING:
    from ce_tui.tui.app import CeApp

COLUMNS = (
    Column("passed", "Passed", 10, priority=90),
    Column("code", "Code", 8, priority=60),
    Column("name", "Name", 20, stretch=True, priority=100),
    Column("kind", "Kind", 13, priority=80),
)
"""The exams table's columns."""

EMPTY = "No exam recorded yet: press n to record one."
"""Shown in place of the rows when there is no exam."""

HINT = "n new · e/enter edit · del delete · ctrl+z undo · ? keys · esc close"
"""The keys, under the table."""


def exam_cells(exam: Exam) -> Sequence[Cell]:
    """One exam as table cells (plain strings: never read as markup)."""
    return (exam.passed.isoformat(), exam.code, exam.name, exam.kind)


def newest_first(exams: Sequence[Exam]) -> list[Exam]:
    """The exams by date passed, the latest first (ties by id, also descending)."""
    return sorted(exams, key=lambda e: (e.passed, e.id), reverse=True)


class ExamsDialog(ModalScreen[None]):
    """A table of the recorded exams with keys to record, edit and delete them."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding("n", "new", "New", id="exams.new", tooltip="Record a passed exam"),
        Binding("e,enter", "edit", "Edit", id="exams.edit", tooltip="Edit the highlighted exam"),
        Binding(
            "delete,d",
            "delete",
            "Delete",
            id="exams.delete",
            tooltip="Delete the highlighted exam (asks first; ctrl+z brings it back)",
        ),
        Binding("ctrl+z", "undo", "Undo", id="exams.undo", tooltip="Undo the last change"),
        Binding("ctrl+y", "redo", "Redo", id="exams.redo", tooltip="Redo the last change undone"),
        Binding("escape", "close", "Close", id="exams.close", tooltip="Back to the Path screen"),
        Binding("question_mark", "help", "Help", id="exams.help", tooltip="List these keys"),
    ]

    @property
    def ce_app(self) -> CeApp:
        """The app, typed."""
        return cast("CeApp", self.app)

    def compose(self) -> ComposeResult:
        """The table, the highlighted exam in full, the keys."""
        with Vertical(id="exams-box") as box:
            box.border_title = "Exams"
            yield LazyTable(COLUMNS, exam_cells, empty=EMPTY, id="exams-table")
            yield Static("", id="exams-detail", markup=False)
            yield Static(HINT, id="exams-hint", markup=False)

    def on_mount(self) -> None:
        """Follow the app's ledger (every write, undo or reload replaces it)."""
        self.table.focus()
        self.watch(self.app, "ledger", self._show, init=True)

    @property
    def table(self) -> LazyTable:
        """The exams table."""
        return self.query_one("#exams-table", LazyTable)

    def _show(self, _ledger: Ledger | None = None) -> None:
        """Redraw from the ledger, keeping the cursor on the same exam."""
        current = self.table.current
        exams = newest_first(self.ce_app.ledger.exams)
        count = len(exams)
        box = self.query_one("#exams-box")
        box.border_title = f"Exams ({count})" if count else "Exams"
        self.table.set_rows(exams, cursor=self._index_of(exams, current.id if current else None))
        self._detail()

    @staticmethod
    def _index_of(exams: Sequence[Exam], exam_id: str | None) -> int | None:
        """The position of `exam_id` in `exams`, or None."""
        if exam_id is None:
            return None
        return next((i for i, e in enumerate(exams) if e.id == exam_id), None)

    def _counts_toward(self, exam: Exam) -> list[str]:
        """The certifications that count `exam` toward an option in their current cycle."""
        evaluation = self.ce_app.evaluation
        if evaluation is None:
            return []
        return [
            status.name
            for status in evaluation.certifications
            if any(exam.id in option.exams_passed for option in status.options)
        ]

    def _detail(self) -> None:
        """The highlighted exam in full, and where it counts."""
        exam = self.table.current
        detail = self.query_one("#exams-detail", Static)
        if exam is None:
            detail.update("")
            return
        line = Text(exam_label(exam))
        line.append(f" · {exam.kind} · passed {exam.passed.isoformat()} · ")
        names = self._counts_toward(exam)
        if names:
            line.append("in the current cycle of " + ", ".join(names))
        else:
            line.append("in no certification's current cycle")
        detail.update(line)

    def on_lazy_table_highlighted(self, _event: LazyTable.Highlighted) -> None:
        """Show the highlighted exam in full."""
        self._detail()

    def on_lazy_table_selected(self, _event: LazyTable.Selected) -> None:
        """A double click edits the exam."""
        self.action_edit()

    # Actions ----------------------------------------------------------------

    def _current(self) -> Exam | None:
        """The highlighted exam, or None (with a hint) when there is none."""
        exam = cast("Exam | None", self.table.current)
        if exam is None:
            self.notify("No exam recorded: press n to record one", markup=False, timeout=2)
        return exam

    def _select(self, exam_id: str | None) -> None:
        """After a form: put the cursor on the exam it saved (if listed)."""
        index = self._index_of(self.table.rows, exam_id)
        if index is not None:
            self.table.move_to(index)

    def action_new(self) -> None:
        """Open the form for a new exam."""
        self.app.push_screen(ExamForm(), self._select)

    def action_edit(self) -> None:
        """Open the form on the highlighted exam; saving replaces it (undo puts it back)."""
        exam = self._current()
        if exam is not None:
            self.app.push_screen(ExamForm(exam), self._select)

    def action_delete(self) -> None:
        """Delete the highlighted exam after asking; undo puts it back."""
        old = self._current()
        if old is None:
            return
        app = self.ce_app

        question = (
            f'Delete the exam "{exam_label(old)}" passed {old.passed.isoformat()}? '
            "It stops counting toward any certification. ctrl+z brings it back."
        )
        confirm_delete(
            app,
            question,
            f"Deleted exam {exam_label(old)}",
            lambda: app.services.delete_exam(old.id, expected=old),
        )

    def action_undo(self) -> None:
        """Undo the last change (the app's own keys do not reach a dialog)."""
        self.ce_app.action_undo()

    def action_redo(self) -> None:
        """Redo the last change undone (the app's own keys do not reach a dialog)."""
        self.ce_app.action_redo()

    def action_help(self) -> None:
        """List this dialog's keys."""
        self.ce_app.action_help()

    def action_close(self) -> None:
        """Back to the Path screen."""
        self.dismiss(None)
