"""The Path screen: the options of one certification's level, and the program steps.

It shows `app.selected_cert` (by default the target, else the first): every
option of its level with what is met and what is missing, a bar toward the
chosen path, and the CE program steps as a checklist. Here the person
chooses a path, records certifications and exams, retires, deletes and
accepts the program terms. Every figure comes from the evaluation; every
write goes through `app.apply` with an undo.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from ce_tui.domain.evaluation import CertStatus, OptionStatus
from ce_tui.domain.models import Certification
from ce_tui.domain.timeline import credit_timeline
from ce_tui.tui import SCREENS_CSS
from ce_tui.tui.dialogs.cert_form import CertForm
from ce_tui.tui.dialogs.confirm import confirm_delete
from ce_tui.tui.dialogs.exam_form import ExamForm, exam_label
from ce_tui.tui.dialogs.exams_dialog import ExamsDialog
from ce_tui.tui.widgets.cert_card import dates_text
from ce_tui.tui.widgets.cert_switch import cycle_cert, shown_cert, switch_bindings, switch_heading
from ce_tui.tui.widgets.credit_bar import CreditBar
from ce_tui.tui.widgets.credit_timeline import CreditTimeline, pace_text
from ce_tui.tui.widgets.footer import KeyFooter
from ce_tui.tui.widgets.option_table import OptionTable, requirement_text
from ce_tui.tui.widgets.program_steps import ProgramSteps

if TYPE_CHECKING:
    from ce_tui.tui.app import CeApp

NO_CERT = (
    "No certification recorded yet. Press a to add one; x records a passed exam "
    "(X lists them), t records that you accepted the CE program terms today."
)
"""Shown instead of the options when there is no certification."""

CERT_ACTIONS = frozenset({"cycle", "edit", "retire", "delete", "set_path", "timeline"})
"""Actions that need a certification on screen."""


def _binding(key: str, action: str, text: str, name: str, tip: str) -> Binding:
    """A Path screen binding with its id and tooltip."""
    return Binding(key, action, text, id=f"path.{name}", tooltip=tip)


class PathScreen(Screen[None]):
    """One certification's options, path and program steps."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        *switch_bindings("path"),
        _binding(
            "g",
            "timeline",
            "Timeline",
            "timeline",
            "Show the credit timeline of this cycle in place of the program steps, or back",
        ),
        _binding("a", "add", "Add", "add", "Add a certification"),
        _binding("e", "edit", "Edit", "edit", "Edit this certification"),
        _binding("r", "retire", "Retire", "retire", "Retire this certification, or unretire it"),
        _binding("delete", "delete", "Delete", "delete", "Delete this certification (undoable)"),
        _binding("x", "exam", "Exam", "exam", "Record a passed exam"),
        _binding("X", "exams", "Exams", "exams", "List the recorded exams: edit or delete them"),
        _binding("t", "terms", "Terms", "terms", "Record that you accepted the CE terms today"),
    ]

    timeline_shown = False
    """True while the credit timeline takes the place of the program steps."""

    @property
    def ce_app(self) -> CeApp:
        """The app, typed."""
        return cast("CeApp", self.app)

    def compose(self) -> ComposeResult:
        """Heading, bar, options, program steps."""
        yield Header()
        with VerticalScroll(id="path-main", can_focus=False):
            yield Static(id="path-head")
            yield Static(id="path-dates", markup=False)
            yield CreditBar(id="path-bar")
            yield Static(id="options-title", classes="section-title", markup=False)
            yield OptionTable(id="options")
            yield Static(id="option-detail")
            yield Static("Program steps", id="steps-title", classes="section-title", markup=False)
            yield ProgramSteps(id="steps")
            yield CreditTimeline(id="timeline")
            yield Static(NO_CERT, id="path-empty", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        """Redraw whenever the evaluation, the selection or the ledger's profile changes.

        The ledger is watched too because some steps (terms accepted, drafts)
        change the ledger without changing the evaluation.
        """
        self.watch(self.app, "evaluation", self._show, init=False)
        self.watch(self.app, "ledger", self._show, init=False)
        self.watch(self.app, "selected_cert", self._show, init=True)

    def current(self) -> CertStatus | None:
        """The certification on screen: the selected one, else the target, else the first."""
        return shown_cert(self.ce_app)

    def _pinned(self) -> CertStatus | None:
        """The certification on screen, kept there even if a change makes another the target."""
        status = self.current()
        if status is not None:
            self.ce_app.selected_cert = status.id
        return status

    def _record(self, status: CertStatus) -> Certification | None:
        """The stored certification behind `status`."""
        return next((c for c in self.ce_app.ledger.certifications if c.id == status.id), None)

    def _show(self, _value: object = None) -> None:
        """Redraw everything for the current certification."""
        evaluation = self.ce_app.evaluation
        status = self.current()
        self.query_one("#path-empty").display = status is None
        for widget in self.query("#path-main > *").exclude("#path-empty"):
            widget.display = status is not None
        self.refresh_bindings()
        if status is not None:
            self.query_one(ProgramSteps).display = not self.timeline_shown
            self.query_one(CreditTimeline).display = self.timeline_shown
        if status is None or evaluation is None:
            if isinstance(self.focused, OptionTable):
                self.set_focus(None)
            return
        if self.focused is None:
            self.query_one(OptionTable).focus()
        self.query_one("#path-head", Static).update(switch_heading(status, evaluation))
        dates = f"{dates_text(status)} · cycle from {status.cycle_start.isoformat()}"
        counted = dict.fromkeys(e for o in status.options for e in o.exams_passed)
        if counted:
            names = self._exam_names()
            dates += "\nexams counted in this cycle: " + ", ".join(names.get(e, e) for e in counted)
        self.query_one("#path-dates", Static).update(dates)
        option = status.path_option
        self.query_one(CreditBar).show(option.ce_approved, option.ce_pending, option.ce_required)
        title = f"Options of the {status.level} level (any one recertifies)"
        self.query_one("#options-title", Static).update(title)
        self.query_one(OptionTable).fill(status)
        self._show_detail()
        self.query_one(ProgramSteps).show(status, self.ce_app.ledger, evaluation)
        title = "Program steps (g: credit timeline)"
        if self.timeline_shown:
            timeline = credit_timeline(self.ce_app.ledger, status, self.ce_app.today)
            self.query_one(CreditTimeline).show(timeline)
            title = f"Credit timeline · {pace_text(timeline)} (g: steps)"
        self.query_one("#steps-title", Static).update(title)

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        """Describe the highlighted option in full."""
        self._show_detail()

    def _highlighted(self) -> OptionStatus | None:
        """The option under the table's cursor."""
        return self.query_one(OptionTable).highlighted

    def _exam_names(self) -> dict[str, str]:
        """Each recorded exam's id and its name as a person reads it (code and name)."""
        return {e.id: exam_label(e) for e in self.ce_app.ledger.exams}

    def _show_detail(self) -> None:
        """The full wording of the highlighted option and the exams that count."""
        status, option = self.current(), self._highlighted()
        if status is None or option is None:
            return
        names = self._exam_names()
        detail = f"{option.id}: {option.label or requirement_text(option)}"
        if option.exams_passed:
            detail += " · exams counted: " + ", ".join(names.get(e, e) for e in option.exams_passed)
        detail += " · your path" if option.id == status.path else " · enter: make it your path"
        self.query_one("#option-detail", Static).update(Content(detail))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the certification actions when there is no certification (none to act on)."""
        return not (action in CERT_ACTIONS and self.current() is None)

    # Actions ----------------------------------------------------------------

    def action_timeline(self) -> None:
        """Show the credit timeline in place of the program steps, or the steps again."""
        self.timeline_shown = not self.timeline_shown
        self._show()

    def action_cycle(self, delta: int) -> None:
        """Show the previous or next certification (wrapping around)."""
        cycle_cert(self.ce_app, delta)

    def action_set_path(self) -> None:
        """Make the highlighted option the path; undo restores the old one."""
        status, option = self._pinned(), self._highlighted()
        if status is None or option is None:
            return
        record = self._record(status)
        if record is None or record.path == option.id:
            self.notify(f"{option.id} is already the path", markup=False, timeout=2)
            return
        services = self.ce_app.services
        self.ce_app.apply(
            f"{status.name}: path set to {option.id}",
            lambda: services.set_path(status.id, option.id),
        )

    def _select(self, cert_id: str | None) -> None:
        """After a form: show the certification it saved."""
        if cert_id is not None:
            self.ce_app.selected_cert = cert_id

    def action_add(self) -> None:
        """Open the form for a new certification."""
        self.app.push_screen(CertForm(), self._select)

    def action_edit(self) -> None:
        """Open the form on this certification."""
        status = self.current()
        record = self._record(status) if status else None
        if record is not None:
            self.app.push_screen(CertForm(record), self._select)

    def action_exam(self) -> None:
        """Open the form for a passed exam."""
        self.app.push_screen(ExamForm())

    def action_exams(self) -> None:
        """List the recorded exams, to record, edit or delete them."""
        self.app.push_screen(ExamsDialog())

    def action_retire(self) -> None:
        """Retire this certification, or unretire it."""
        status = self._pinned()
        if status is None:
            return
        services, retired = self.ce_app.services, status.retired
        word = "Unretired" if retired else "Retired"
        self.ce_app.apply(
            f"{word} {status.name}", lambda: services.set_retired(status.id, not retired)
        )

    def action_delete(self) -> None:
        """Delete this certification after confirmation; undo puts it back."""
        status = self.current()
        record = self._record(status) if status else None
        if record is None:
            return
        services = self.ce_app.services

        def show_target() -> None:
            """After the delete the screen shows the target."""
            self.ce_app.selected_cert = None

        confirm_delete(
            self.ce_app,
            f"Delete {record.name}? Its exams and claims stay. ctrl+z undoes it.",
            f"Deleted {record.name}",
            lambda: services.delete_certification(record.id, expected=record),
            then=show_target,
        )

    def action_terms(self) -> None:
        """Record that the CE program terms were accepted today."""
        app = self.ce_app
        today = app.today
        app.apply(
            f"CE program terms accepted on {today.isoformat()}",
            lambda: app.services.accept_terms(today),
        )
