"""The form that records a passed exam (code, name, kind, date passed)."""

from __future__ import annotations

from typing import cast

from textual.app import ComposeResult
from textual.widgets import Input, Select

from ce_tui.domain.forms import NEW_ID, parse_exam
from ce_tui.domain.models import EXAM_KINDS, Exam, Ledger
from ce_tui.tui.dialogs.cert_form import RecordForm, new_record_id

KIND_LABELS = {
    "associate": "associate",
    "concentration": "concentration (professional level)",
    "core": "core (professional level)",
    "expert-lab": "expert lab",
}
"""How each exam kind is offered in the form."""


class ExamForm(RecordForm):
    """Record a passed exam; it counts toward every certification whose cycle it falls in."""

    heading = "Record a passed exam"
    choices = ("kind",)

    def compose_fields(self) -> ComposeResult:
        """Code, name, kind, passed (today by default)."""
        yield from self.field("code", "Code", Input(placeholder="350-701 (optional)"))
        yield from self.field("name", "Name", Input(placeholder="SCOR"))
        yield from self.field(
            "kind",
            "Kind",
            Select(
                [(KIND_LABELS[kind], kind) for kind in EXAM_KINDS],
                prompt="choose a kind",
            ),
        )
        yield from self.field(
            "passed",
            "Passed",
            Input(self.ce_app.today.isoformat(), placeholder="YYYY-MM-DD"),
        )

    def save(self) -> None:
        """Validate; then record the exam, with an undo that deletes it again."""
        text = self.values()
        exam = self.parsed(*parse_exam(text))
        if exam is None:
            return
        app = self.ce_app
        services = app.services
        before = [e.id for e in app.ledger.exams]
        created: list[str] = []

        def add() -> Ledger:
            """Add the exam and note the id the store gave it."""
            ledger = services.add_exam(exam)
            new_id = new_record_id(
                ledger,
                "exams",
                lambda r: cast(Exam, r).model_copy(update={"id": NEW_ID}) == exam,
                before,
            )
            created.append(new_id or "")
            return ledger

        label = f"{exam.code} {exam.name}".strip()
        if app.apply(f"Recorded exam {label}", add, lambda: services.delete_exam(created[-1])):
            self.dismiss(created[-1] or None)
