"""The Plan screen: every option of a certification's level compared, and a plan's steps.

It plans for `app.selected_cert` (by default the target): the planner's
:func:`~ce_tui.domain.planner.compare_options` gives one plan per option,
shown side by side (CE still needed, exams, cost, hours, finish); the
highlighted option's plan is listed step by step below. The planner runs in
a named thread worker, so keys never wait for it; its result comes back as a
:class:`PlanScreen.Planned` message, and a failure is reported in one place.

From here a planned activity becomes a draft claim (written through
:meth:`CeApp.apply`, undoable) or a what-if. What-ifs (the app's
:attr:`CeApp.hypotheses`) are never stored: Progress shows the projection they
give, and :func:`commit_hypotheses` turns the activities among them into
draft claims only when the person asks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Header, Static
from textual.worker import Worker, WorkerState, get_current_worker

from ce_tui.domain.catalog import full_catalog
from ce_tui.domain.evaluation import CertStatus
from ce_tui.domain.models import Ledger
from ce_tui.domain.planner import (
    DEFAULT_HOURS_PER_DAY,
    Objective,
    Plan,
    PlanStep,
    compare_options,
)
from ce_tui.domain.whatif import Hypothesis, HypotheticalClaim, HypotheticalExam
from ce_tui.plan_text import best_plan, format_plans
from ce_tui.tui import SCREENS_CSS
from ce_tui.tui.dialogs.hypothesis_form import WhatIfActivityForm, WhatIfExamForm
from ce_tui.tui.whatif import (
    add_hypotheses,
    clear_hypotheses,
    commit_hypotheses,
    draft_of,
    hypothesis_lines,
    outlook_text,
)
from ce_tui.tui.widgets.cert_card import dates_text
from ce_tui.tui.widgets.cert_switch import cycle_cert, shown_cert, switch_bindings, switch_heading
from ce_tui.tui.widgets.footer import KeyFooter
from ce_tui.tui.widgets.lazy_table import Cell, LazyTable
from ce_tui.tui.widgets.plan_table import (
    BEST_MARK,
    OPTION_COLUMNS,
    PATH_MARK,
    STEP_COLUMNS,
    option_cells,
    step_cells,
    totals_text,
)

if TYPE_CHECKING:
    from ce_tui.tui.app import CeApp

NO_CERT = "No certification recorded yet: add one on the Progress or Path screen (key a)."
"""Shown instead of the plan when there is no certification."""

OTHER: dict[Objective, Objective] = {"price": "hours", "hours": "price"}
"""The objective the `o` key switches to."""

HOURS_CHOICES = (1.0, 2.0, 3.0, 4.0, 6.0, 8.0)
"""The hours of study a day the `h` key steps through (2, the planner's default, first shown)."""

CERT_ACTIONS = frozenset(
    {"cycle", "objective", "hours", "approved_only", "whatif_step", "whatif_plan", "draft_step"}
)
"""Actions that need a certification on screen."""

WHATIF_ACTIONS = frozenset({"commit", "clear", "drop_last"})
"""Actions that need at least one what-if."""


def _binding(key: str, action: str, text: str, name: str, tip: str, show: bool = True) -> Binding:
    """A Plan screen binding with its id and tooltip."""
    return Binding(key, action, text, show=show, id=f"plan.{name}", tooltip=tip)


def add_draft(app: CeApp, step: PlanStep) -> None:
    """File a planned activity as a draft claim (`ctrl+z` deletes it)."""
    item = HypotheticalClaim(
        activity=step.title,
        credits=step.credits,
        completed=step.finish,
        catalog_id=step.activity_id,
    )
    draft = draft_of(item)
    app.apply(f"Draft claim filed: {step.title}", lambda: app.services.add_claim(draft))


def step_hypothesis(step: PlanStep) -> Hypothesis:
    """A planned step as a what-if: the activity finished on its day, or the exam on its date."""
    if step.kind == "exam":
        kind = step.exam_kinds[0] if step.exam_kinds else "core"
        return HypotheticalExam(kind=kind, passed=step.date, name=f"planned {kind} exam")
    return HypotheticalClaim(
        activity=step.title,
        credits=step.credits,
        completed=step.finish,
        catalog_id=step.activity_id,
    )


# The screen --------------------------------------------------------------------


class PlanScreen(Screen[None]):
    """Options compared, the highlighted option's plan, and the what-ifs."""

    CSS_PATH = SCREENS_CSS

    AUTO_FOCUS = "#plan-options"

    BINDINGS = [
        _binding(
            "o", "objective", "Objective", "objective", "Plan by hours instead of price, or back"
        ),
        _binding(
            "h",
            "hours",
            "Hours/day",
            "hours",
            "Change the hours of study a day the plans assume (1, 2, 3, 4, 6 or 8; kept for next "
            "time)",
        ),
        _binding(
            "v",
            "approved_only",
            "Approved only",
            "approved_only",
            "Plan from approved credits alone, or count pending claims and drafts as expected",
        ),
        _binding("w", "whatif_step", "What-if", "whatif", "Add the highlighted step as a what-if"),
        _binding(
            "d", "draft_step", "Draft", "draft", "File the highlighted activity as a draft claim"
        ),
        *switch_bindings("plan"),
        _binding("s", "commit", "Save", "commit", "Save the what-if activities as draft claims"),
        _binding("c", "clear", "Clear", "clear", "Clear every what-if (nothing is stored)"),
        _binding(
            "y",
            "copy",
            "Copy",
            "copy",
            "Copy the highlighted option's plan as text (OSC 52: works over SSH)",
            show=False,
        ),
        _binding(
            "p",
            "whatif_plan",
            "Plan what-if",
            "whatif_plan",
            "Add every step of the highlighted plan as what-ifs",
            show=False,
        ),
        _binding(
            "a",
            "whatif_activity",
            "What-if activity",
            "whatif_activity",
            "Add a what-if activity by hand",
            show=False,
        ),
        _binding(
            "e",
            "whatif_exam",
            "What-if exam",
            "whatif_exam",
            "Add a what-if exam by hand",
            show=False,
        ),
        _binding(
            "backspace",
            "drop_last",
            "Drop what-if",
            "drop_last",
            "Remove the last what-if",
            show=False,
        ),
    ]

    objective: var[Objective] = var("price", init=False)
    """What the plans minimise first."""
    hours_per_day: var[float] = var(DEFAULT_HOURS_PER_DAY, init=False)
    """Hours of on-demand study or exam preparation a day the plans assume."""
    approved_only: var[bool] = var(False, init=False)
    """True to plan from approved credits alone (pending claims and drafts not counted)."""

    class Planned(Message):
        """The planner finished: one plan per option of `cert_id`'s level."""

        def __init__(
            self, token: int, cert_id: str, objective: Objective, plans: tuple[Plan, ...]
        ) -> None:
            """`token` tells the latest request from older ones."""
            super().__init__()
            self.token = token
            self.cert_id = cert_id
            self.objective = objective
            self.plans = plans

    def __init__(self) -> None:
        """A screen waiting for its first plans."""
        super().__init__()
        self.plans: tuple[Plan, ...] = ()
        """The plans shown, one per option, in the rules' order."""
        self.shown_for: tuple[str, Objective] | None = None
        """(certification, objective) of the plans shown."""
        self._token = 0

    @property
    def ce_app(self) -> CeApp:
        """The app, typed."""
        return cast("CeApp", self.app)

    def compose(self) -> ComposeResult:
        """Heading, options compared, the plan's steps, totals, what-ifs."""
        yield Header()
        with Vertical(id="plan-main"):
            yield Static(id="plan-head")
            yield Static(id="plan-dates", markup=False)
            yield Static(id="plan-model", markup=False)
            yield Static(id="plan-options-title", classes="section-title", markup=False)
            yield LazyTable(
                OPTION_COLUMNS, self._option_cells, empty="Planning…", id="plan-options"
            )
            yield Static(id="plan-steps-title", classes="section-title", markup=False)
            yield LazyTable(STEP_COLUMNS, self._step_cells, empty="", id="plan-steps")
            yield Static(id="plan-totals", markup=False)
            yield Static(id="plan-whatif")
        yield Static(NO_CERT, id="plan-empty", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        """Plan again whenever the ledger or the selection changes; redraw the what-ifs.

        The hours a day are the ones saved last time (`h` changes and saves them).
        """
        self.set_reactive(
            PlanScreen.hours_per_day, self.ce_app.settings.hours_per_day or DEFAULT_HOURS_PER_DAY
        )
        self.watch(self.app, "ledger", self._replan, init=False)
        self.watch(self.app, "selected_cert", self._replan, init=True)
        self.watch(self.app, "projection", self._show_whatif, init=True)

    @property
    def options_table(self) -> LazyTable:
        """The comparison of the options."""
        return self.query_one("#plan-options", LazyTable)

    @property
    def steps_table(self) -> LazyTable:
        """The steps of the highlighted option's plan."""
        return self.query_one("#plan-steps", LazyTable)

    def current(self) -> CertStatus | None:
        """The certification planned for: the selected one, else the target, else the first."""
        return shown_cert(self.ce_app)

    @property
    def plan(self) -> Plan | None:
        """The highlighted option's plan."""
        current = self.options_table.current
        return current if isinstance(current, Plan) else None

    @property
    def step(self) -> PlanStep | None:
        """The highlighted step of the plan."""
        current = self.steps_table.current
        return current if isinstance(current, PlanStep) else None

    # Planning ---------------------------------------------------------------

    def watch_objective(self) -> None:
        """Plan again by the other objective."""
        self._replan()

    def watch_hours_per_day(self) -> None:
        """Plan again with the new hours a day."""
        self._replan()

    def watch_approved_only(self) -> None:
        """Plan again, counting the claims in flight or not."""
        self._replan()

    def _replan(self, _value: object = None) -> None:
        """Show the certification's heading now and ask the planner for its plans."""
        status = self.current()
        self.query_one("#plan-empty").display = status is None
        self.query_one("#plan-main").display = status is not None
        self.refresh_bindings()
        if status is None:
            self.plans, self.shown_for = (), None
            return
        self._show_head(status)
        self._token += 1
        self._show_titles(planning=True)
        app = self.ce_app
        model = (self.hours_per_day, self.approved_only)
        self.run_planner(self._token, app.ledger, status.id, self.objective, model)

    @work(thread=True, exclusive=True, name="planner", exit_on_error=False)
    def run_planner(
        self,
        token: int,
        ledger: Ledger,
        cert_id: str,
        objective: Objective,
        model: tuple[float, bool],
    ) -> None:
        """Compare the options in a thread and post the plans back to the screen.

        `model` is (hours a day, approved only)."""
        app = self.ce_app
        catalog = full_catalog(ledger)
        hours, approved_only = model
        plans = compare_options(
            ledger,
            app.rules,
            app.today,
            catalog,
            cert_id,
            objective,
            hours_per_day=hours,
            approved_only=approved_only,
        )
        if not get_current_worker().is_cancelled:
            self.post_message(self.Planned(token, cert_id, objective, tuple(plans)))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place planner failures are reported."""
        worker = event.worker
        if worker.name != "planner" or event.state != WorkerState.ERROR:
            return
        self.notify(
            f"Could not plan: {worker.error}", title="Planner", severity="error", markup=False
        )
        self.query_one("#plan-options-title", Static).update("Options: the planner failed")

    def on_plan_screen_planned(self, message: Planned) -> None:
        """Show the newest plans (older answers are dropped)."""
        message.stop()
        if message.token != self._token:
            return
        same = self.shown_for is not None and self.shown_for[0] == message.cert_id
        keep = self.plan.option_id if same and self.plan else None
        self.plans = message.plans
        self.shown_for = (message.cert_id, message.objective)
        best = best_plan(self.plans)
        status = self.current()
        ids = [p.option_id for p in self.plans]
        wanted = keep or (best.option_id if best else status.path if status else None)
        self.options_table.set_rows(self.plans, cursor=ids.index(wanted) if wanted in ids else 0)
        self.options_table.styles.height = len(self.plans) + 1
        self._show_model()
        self._show_titles()
        self._show_steps()

    # Drawing ----------------------------------------------------------------

    def _option_cells(self, plan: Plan) -> Sequence[Cell]:
        """A row of the comparison, with the best plan and the path marked."""
        best = best_plan(self.plans)
        status = self.current()
        path = status is not None and status.path == plan.option_id
        return option_cells(plan, best is not None and best.option_id == plan.option_id, path)

    def _step_cells(self, step: PlanStep) -> Sequence[Cell]:
        """A row of the steps, marked when the activity is already a what-if."""
        return step_cells(step, step.kind == "activity" and self._is_whatif(step))

    def _is_whatif(self, step: PlanStep) -> bool:
        """True when the planned activity is among the what-ifs."""
        return any(
            isinstance(h, HypotheticalClaim)
            and h.catalog_id == step.activity_id
            and h.completed == step.finish
            for h in self.ce_app.hypotheses
        )

    def _show_head(self, status: CertStatus) -> None:
        """Which certification, where it stands, and by what the plans are made."""
        evaluation = self.ce_app.evaluation
        assert evaluation is not None
        self.query_one("#plan-head", Static).update(switch_heading(status, evaluation))
        self.query_one("#plan-dates", Static).update(
            f"{dates_text(status)} · path {status.path} · "
            f"by {self.objective} (o: by {OTHER[self.objective]})"
        )
        self._show_model()

    def _show_model(self) -> None:
        """The time model and counting the plans assume, with the keys that change them."""
        counting = "approved credits only" if self.approved_only else "pending + drafts expected"
        shown = self.plans[0].assumptions if self.plans else None
        days = (
            f"Study {shown.study_from.isoformat()} to {shown.deadline.isoformat()}"
            if shown is not None
            else "Study from tomorrow to the deadline"
        )
        self.query_one("#plan-model", Static).update(
            f"{days} · {self.hours_per_day:g} h a day (h) · {counting} (v)"
        )

    def _show_titles(self, planning: bool = False) -> None:
        """The titles of the two tables."""
        status = self.current()
        if status is None:
            return
        busy = " · planning…" if planning else ""
        self.query_one("#plan-options-title", Static).update(
            f"Options of the {status.level} level by {self.objective}: "
            f"{BEST_MARK} best, {PATH_MARK} your path{busy}"
        )
        plan = self.plan
        if plan is None:
            self.query_one("#plan-steps-title", Static).update("Plan")
            return
        finish = f" · finish by {plan.deadline.isoformat()}" if plan.ce_missing > 0 else ""
        self.query_one("#plan-steps-title", Static).update(
            f"Plan for {plan.option_id}: {plan.option_label}{finish} (tab: steps)"
        )

    def _show_steps(self) -> None:
        """The highlighted plan's steps and totals, keeping the cursor on the same step."""
        plan = self.plan
        table = self.steps_table
        if plan is None:
            table.set_rows(())
            self.query_one("#plan-totals", Static).update("")
            return
        old = self.step
        steps = plan.steps
        index = next((i for i, s in enumerate(steps) if old is not None and s == old), 0)
        table.empty = "Nothing to plan." if plan.feasible else "Not possible (see below)."
        table.set_rows(steps, cursor=index)
        self.query_one("#plan-totals", Static).update(totals_text(plan))
        self._show_titles()

    def _show_whatif(self, _value: object = None) -> None:
        """The what-ifs, and what they would do to this certification."""
        app = self.ce_app
        items = app.hypotheses
        panel = self.query_one("#plan-whatif", Static)
        self.steps_table.refresh()
        self.refresh_bindings()
        if not items:
            panel.update(
                Text(
                    "No what-ifs. w adds the highlighted step, p the whole plan, "
                    "a an activity, e an exam.",
                    style="italic",
                )
            )
            return
        plural = "s" if len(items) > 1 else ""
        head = Text.assemble(
            (" WHAT-IF ", "bold reverse"),
            f" {len(items)} item{plural}, not saved · s saves activities as drafts · c clears",
        )
        lines = [head, *hypothesis_lines(items)]
        status = self.current()
        seen = next((o for o in app.outlooks if status and o.cert_id == status.id), None)
        if seen is not None:
            lines.append(outlook_text(seen))
        panel.update(Text("\n").join(lines))

    def on_lazy_table_highlighted(self, event: LazyTable.Highlighted) -> None:
        """Another option highlighted: show its plan."""
        if event.table.id == "plan-options":
            self._show_steps()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dim what needs a certification, or a what-if, when there is none."""
        if action in CERT_ACTIONS and self.current() is None:
            return None
        if action in WHATIF_ACTIONS and not self.ce_app.hypotheses:
            return None
        return True

    # Actions ----------------------------------------------------------------

    def action_copy(self) -> None:
        """Copy the highlighted option's plan as text, as `ce-tui plan --option` prints it."""
        plan = self.plan
        if plan is None:
            self.notify("No plan to copy yet", markup=False, timeout=2)
            return
        self.app.copy_to_clipboard(format_plans([plan], self.current()))
        self.notify(
            f"Copied the plan for option {plan.option_id} as text "
            f"({len(plan.steps)} step{'' if len(plan.steps) == 1 else 's'})",
            markup=False,
            timeout=4,
        )

    def action_cycle(self, delta: int) -> None:
        """Plan for the previous or next certification (wrapping around)."""
        cycle_cert(self.ce_app, delta)

    def action_objective(self) -> None:
        """Switch between planning by price and by hours."""
        self.objective = OTHER[self.objective]

    def action_hours(self) -> None:
        """Step to the next choice of hours a day (after 8, back to 1)."""
        choices = HOURS_CHOICES
        now = self.hours_per_day
        self.hours_per_day = next((h for h in choices if h > now), choices[0])
        app = self.ce_app
        app.keep_settings(replace(app.settings, hours_per_day=self.hours_per_day))

    def action_approved_only(self) -> None:
        """Plan from approved credits alone, or count the claims in flight again."""
        self.approved_only = not self.approved_only

    def action_whatif_step(self) -> None:
        """Add the highlighted step as a what-if (an exam opens a form to set its date)."""
        step = self.step
        if step is None:
            self.notify("No step to add: this option needs nothing", markup=False, timeout=2)
            return
        if step.kind == "exam":
            kind = step.exam_kinds[0] if step.exam_kinds else "core"
            self._exam_form({"kind": kind, "passed": step.date.isoformat()})
            return
        if step.kind == "claim":
            self.notify("This draft is already recorded: submit it on Claims.", timeout=3)
            return
        add_hypotheses(self.ce_app, [step_hypothesis(step)])

    def action_whatif_plan(self) -> None:
        """Add every step of the highlighted plan (exams on their due date) as what-ifs."""
        plan = self.plan
        if plan is None or not plan.steps:
            self.notify("This option has no steps to add", markup=False, timeout=2)
            return
        steps = [s for s in plan.steps if s.kind != "claim"]
        add_hypotheses(self.ce_app, [step_hypothesis(s) for s in steps])

    def action_draft_step(self) -> None:
        """File the highlighted planned activity as a draft claim (ctrl+z undoes it)."""
        step = self.step
        if step is None or step.kind != "activity":
            self.notify(
                "Only a planned activity becomes a claim; an exam is recorded on Path (x).",
                markup=False,
                timeout=3,
            )
            return
        add_draft(self.ce_app, step)

    def action_whatif_activity(self) -> None:
        """Open the form for a what-if activity."""
        app = self.ce_app

        def save(item: HypotheticalClaim) -> bool:
            """Add the what-if; the form closes."""
            add_hypotheses(app, [item])
            return True

        self.app.push_screen(
            WhatIfActivityForm({"completed": app.today.isoformat()}, app.catalog, save)
        )

    def action_whatif_exam(self) -> None:
        """Open the form for a what-if exam (the kind this plan needs, if any)."""
        plan = self.plan
        kind = plan.exam_kinds[0] if plan and plan.exam_kinds else "core"
        self._exam_form({"kind": kind, "passed": self.ce_app.today.isoformat()})

    def _exam_form(self, values: dict[str, str]) -> None:
        """Open the what-if exam form with `values`."""
        app = self.ce_app

        def save(item: HypotheticalExam) -> bool:
            """Add the what-if; the form closes."""
            add_hypotheses(app, [item])
            return True

        self.app.push_screen(WhatIfExamForm(values, save))

    def action_commit(self) -> None:
        """Save the what-if activities as draft claims."""
        commit_hypotheses(self.ce_app)

    def action_clear(self) -> None:
        """Forget every what-if."""
        clear_hypotheses(self.ce_app)

    def action_drop_last(self) -> None:
        """Remove the last what-if added."""
        app = self.ce_app
        if app.hypotheses:
            app.set_hypotheses("removed the last what-if", app.hypotheses[:-1])
