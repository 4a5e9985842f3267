"""The form that records a passed exam (code, name, kind, date passed), or edits one.

A new exam is added; an edited one replaces the stored exam only if that is
still the one the form was opened on (another window may have changed it
meanwhile). Both go through :meth:`CeApp.apply`, so `ctrl+z` undoes them.
"""

from __future__ import annotations

from textual.app import ComposeResult

from ce_tui.domain.forms import FieldErrors, parse_exam
from ce_tui.domain.models import EXAM_KINDS, Exam
from ce_tui.tui import SCREENS_CSS
from ce_tui.tui.dialogs.form import Field, FormDialog, Saved

KIND_LABELS = {
    "associate": "associate",
    "concentration": "concentration (professional level)",
    "core": "core (professional level)",
    "expert-lab": "expert lab",
}
"""How each exam kind is offered in the form."""

KIND_OPTIONS = tuple((KIND_LABELS[kind], kind) for kind in EXAM_KINDS)
"""The exam kinds as choices."""


def exam_label(exam: Exam) -> str:
    """An exam as a person names it: '350-701 SCOR', or just the name without a code."""
    return f"{exam.code} {exam.name}".strip()


def exam_values(exam: Exam) -> dict[str, str]:
    """The form text of a recorded exam (with its id)."""
    return {
        "id": exam.id,
        "code": exam.code,
        "name": exam.name,
        "kind": exam.kind,
        "passed": exam.passed.isoformat(),
    }


class ExamForm(FormDialog):
    """Record a passed exam, or edit one (`exam`); it counts toward every cycle it falls in."""

    CSS_PATH = SCREENS_CSS

    FIELDS = (
        Field("code", "Code", "optional, e.g. 350-701"),
        Field("name", "Name", "e.g. SCOR"),
        Field("kind", "Kind", options=KIND_OPTIONS, prompt="choose a kind"),
        Field("passed", "Passed", "YYYY-MM-DD"),
    )
    ENTER_SAVES = True

    def __init__(self, exam: Exam | None = None) -> None:
        """An empty form dated today, or one filled from `exam`."""
        heading = f"Edit exam {exam_label(exam)}" if exam else "Record a passed exam"
        super().__init__(heading, exam_values(exam) if exam else {}, self._store)
        self.original = exam
        """The exam being edited, or None for a new one."""

    def compose(self) -> ComposeResult:
        """The form; a new exam has today typed in as the date passed."""
        self.initial.setdefault("passed", self.ce_app.today.isoformat())
        return super().compose()

    def parse(self, values: dict[str, str]) -> tuple[Exam | None, FieldErrors]:
        """An exam from the fields (keeping the id of the exam edited)."""
        return parse_exam({**values, "id": self.initial.get("id", "")})

    def _store(self, exam: Exam) -> Saved:
        """Add the exam, or replace the one edited (the form waits for the write)."""
        app = self.ce_app
        services = app.services
        original = self.original
        if original is None:
            return app.apply(f"Recorded exam {exam_label(exam)}", lambda: services.add_exam(exam))
        self.saved_id = exam.id
        if exam == original:
            return True
        return app.apply(
            f"Saved exam {exam_label(exam)}",
            lambda: services.edit_exam(exam, expected=original),
        )
