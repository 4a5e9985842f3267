"""The form that records a passed exam (code, name, kind, date passed)."""

from __future__ import annotations

from textual.app import ComposeResult

from ce_tui.domain.forms import FieldErrors, parse_exam
from ce_tui.domain.models import EXAM_KINDS, Exam
from ce_tui.tui.dialogs.form import Field, FormDialog

KIND_LABELS = {
    "associate": "associate",
    "concentration": "concentration (professional level)",
    "core": "core (professional level)",
    "expert-lab": "expert lab",
}
"""How each exam kind is offered in the form."""

KIND_OPTIONS = tuple((KIND_LABELS[kind], kind) for kind in EXAM_KINDS)
"""The exam kinds as choices."""


class ExamForm(FormDialog):
    """Record a passed exam; it counts toward every certification whose cycle it falls in."""

    FIELDS = (
        Field("code", "Code", "350-701 (optional)"),
        Field("name", "Name", "SCOR"),
        Field("kind", "Kind", options=KIND_OPTIONS, prompt="choose a kind"),
        Field("passed", "Passed", "YYYY-MM-DD"),
    )
    ENTER_SAVES = True

    def __init__(self) -> None:
        """An empty form; the date passed is today's."""
        super().__init__("Record a passed exam", {}, self._store)

    def compose(self) -> ComposeResult:
        """The form, with today typed in as the date passed."""
        self.initial.setdefault("passed", self.ce_app.today.isoformat())
        return super().compose()

    def parse(self, values: dict[str, str]) -> tuple[Exam | None, FieldErrors]:
        """An exam from the fields."""
        return parse_exam(values)

    def _store(self, exam: Exam) -> bool:
        """Record the exam, with an undo that deletes it again."""
        services = self.ce_app.services
        label = f"{exam.code} {exam.name}".strip()
        return self.add_record(
            f"Recorded exam {label}", "exams", exam, services.add_exam, services.delete_exam
        )
