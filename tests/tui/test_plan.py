"""The Plan screen: options compared, the objective, switching, drafts, forms, failures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from textual.widgets import Static

from ce_tui.domain.models import Activity, Certification, Ledger
from ce_tui.services import Services
from ce_tui.tui.app import CeApp
from ce_tui.tui.dialogs.hypothesis_form import WhatIfActivityForm, WhatIfExamForm
from ce_tui.tui.screens import plan as plan_module
from ce_tui.tui.screens.help import HelpScreen
from ce_tui.tui.screens.plan import PlanScreen
from ce_tui.tui.widgets.lazy_table import LazyTable
from tests.tui.helpers import open_plan, planned, settle

MakeApp = Callable[..., CeApp]

FAST = Activity(
    id="my-fast",
    title="Fast track bootcamp",
    provider="Acme training",
    type="elearning",
    technology="Security",
    credits=Decimal(80),
    hours=1,
    price_clc=Decimal(500),
)
"""A user's own activity: every credit needed in one hour, at a high price."""


def fresh_professional() -> Ledger:
    """One professional certification with its whole cycle ahead, and FAST in the catalog."""
    return Ledger(
        certifications=(
            Certification(
                id="ccnp", name="CCNP Test", level="professional", earned=date(2025, 1, 10)
            ),
        ),
        catalog=(FAST,),
    )


def text_of(screen: PlanScreen, selector: str) -> str:
    """The plain text a Static shows."""
    return str(screen.query_one(selector, Static).render())


def row_ids(screen: PlanScreen) -> list[str]:
    """The option ids in the comparison, in order."""
    return [p.option_id for p in screen.plans]


async def test_key_5_compares_the_targets_options(make_app: MakeApp) -> None:
    """The target's five options side by side; the best marked; its steps below."""
    app = make_app(demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_plan(pilot)
        assert app.current_mode == "plan"
        assert "CCNP Security" in text_of(screen, "#plan-head")
        assert row_ids(screen) == ["ce", "ce+exam", "core", "two-concentration", "lab"]
        options = screen.query_one("#plan-options", LazyTable)
        assert app.focused is options
        cells = [
            c.plain if hasattr(c, "plain") else c for c in screen._option_cells(options.rows[0])
        ]
        assert cells[0].strip() == "★ ce ●"
        # 24 CE missing; the 46 CE pending and two drafts in flight cover them.
        assert cells[1] == "0"
        assert "your path" in cells[-1]
        best = screen.plan
        assert best is not None and best.option_id == "ce"
        assert "best by price" in str(screen._option_cells(best)[-1])
        step = screen.step
        assert step is not None and step.kind == "claim"
        assert step.title.startswith("Submit claim Cisco Live: Zero Trust")
        totals = text_of(screen, "#plan-totals")
        assert "Submitting the drafts is enough. · 46 CE pending expected" in totals
        assert "2 h a day (h) · pending + drafts expected (v)" in text_of(screen, "#plan-model")
        await pilot.press("down")
        await settle(pilot)
        assert screen.plan is not None and screen.plan.option_id == "ce+exam"
        assert "pass 1 concentration exam" in screen.plan.steps[-1].title
        assert "~3 CLC for 1 exam, 40 h of preparation" in text_of(screen, "#plan-totals")


async def test_v_plans_from_approved_credits_and_h_changes_the_hours(make_app: MakeApp) -> None:
    """v: the 24 CE missing are planned (the free Cisco U. course); h: 3 h a day, then 4."""
    app = make_app(demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_plan(pilot)
        await pilot.press("v")
        screen = await planned(pilot)
        assert screen.approved_only and screen.plan is not None
        assert screen.plan.option_id == "ce" and screen.plan.ce_to_plan == 24
        assert screen.plan.assumptions.expected == ("approved",)
        step = screen.step
        assert step is not None and step.activity_id == "CU-ENTEIT"
        assert "Total 24 CE for 24 to plan · ~0 CLC" in text_of(screen, "#plan-totals")
        assert "approved credits only (v)" in text_of(screen, "#plan-model")
        # 18 h at 2 h a day from 2026-11-29: done on 2026-12-07.
        assert step.finish == date(2026, 12, 7)
        await pilot.press("h")
        screen = await planned(pilot)
        assert screen.plan is not None and screen.plan.assumptions.hours_per_day == 3
        assert screen.step is not None and screen.step.finish == date(2026, 12, 4)
        assert "3 h a day (h)" in text_of(screen, "#plan-model")
        await pilot.press("h", "v")
        screen = await planned(pilot)
        assert screen.hours_per_day == 4 and not screen.approved_only
        assert screen.plan is not None and screen.plan.ce_to_plan == 0


async def test_objective_switch_changes_the_plan(make_app: MakeApp) -> None:
    """By price the free catalog items; by hours the one-hour bootcamp; o switches back."""
    app = make_app(fresh_professional())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_plan(pilot)
        await pilot.press("home")
        await settle(pilot)
        assert screen.plan is not None and screen.plan.option_id == "ce"
        by_price = [s.activity_id for s in screen.plan.activities]
        assert "my-fast" not in by_price and screen.plan.objective == "price"
        await pilot.press("o")
        screen = await planned(pilot)
        assert screen.plan is not None and screen.plan.option_id == "ce"
        assert screen.plan.objective == "hours"
        assert [s.activity_id for s in screen.plan.activities] == ["my-fast"]
        assert "by hours" in text_of(screen, "#plan-dates")
        await pilot.press("o")
        screen = await planned(pilot)
        assert screen.plan is not None
        assert [s.activity_id for s in screen.plan.activities] == by_price


async def test_brackets_switch_the_certification(make_app: MakeApp) -> None:
    """] plans for the next certification: the specialist's two options."""
    app = make_app(demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_plan(pilot)
        await pilot.press("right_square_bracket")
        screen = await planned(pilot)
        assert app.selected_cert == "spec-scor"
        assert row_ids(screen) == ["ce", "exam"]
        assert "Security Core" in text_of(screen, "#plan-head")
        await pilot.press("left_square_bracket", "left_square_bracket")
        screen = await planned(pilot)
        assert app.selected_cert == "ccde"
        assert screen.plan is not None and not screen.plan.feasible
        assert "Not possible" in text_of(screen, "#plan-totals")


async def test_draft_from_a_planned_activity_is_stored_and_undone(
    make_app: MakeApp, services: Services
) -> None:
    """d files the highlighted activity as a draft (no submitted date); ctrl+z deletes it."""
    app = make_app(demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_plan(pilot)
        await pilot.press("v")  # from approved credits: the 24 CE missing are planned
        screen = await planned(pilot)
        await pilot.press("home", "tab")
        step = screen.step
        assert step is not None and step.activity_id == "CU-ENTEIT"
        before = {c.id for c in services.load().claims}
        await pilot.press("d")
        screen = await planned(pilot)
        new = [c for c in services.load().claims if c.id not in before]
        assert len(new) == 1
        draft = new[0]
        assert draft.status == "draft" and draft.submitted is None
        assert draft.catalog_id == "CU-ENTEIT" and draft.credits == Decimal(24)
        assert draft.completed == step.finish
        assert app.hypotheses == ()
        # The planner no longer suggests what is already drafted.
        assert screen.plan is not None
        assert "CU-ENTEIT" not in [s.activity_id for s in screen.plan.activities]
        await pilot.press("ctrl+z")
        await planned(pilot)
        assert {c.id for c in services.load().claims} == before


async def test_draft_refuses_an_exam_step(make_app: MakeApp, services: Services) -> None:
    """An exam is not a claim: d on an exam step writes nothing."""
    app = make_app(demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_plan(pilot)
        await pilot.press("v")  # no drafts to submit: ce+exam's only step is the exam
        screen = await planned(pilot)
        await pilot.press("down")
        await settle(pilot)
        assert screen.step is not None and screen.step.kind == "exam"
        before = services.load()
        await pilot.press("tab", "d")
        await settle(pilot)
        assert services.load() == before


async def test_forms_add_what_ifs_by_hand(make_app: MakeApp, store_path: Path) -> None:
    """a and e open the small what-if forms; saving adds a what-if and stores nothing."""
    app = make_app(demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_plan(pilot)
        stored = store_path.read_bytes()
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, WhatIfActivityForm)
        await pilot.press(*"Lab week", "tab", *"12.5", "tab")
        await pilot.press("ctrl+a", "ctrl+k", *"2026-12-10", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)
        assert len(app.hypotheses) == 1
        item = app.hypotheses[0]
        assert getattr(item, "credits", None) == Decimal("12.5")
        assert getattr(item, "completed", None) == date(2026, 12, 10)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, WhatIfExamForm)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)
        assert [h.type for h in app.hypotheses] == ["claim", "exam"]
        assert store_path.read_bytes() == stored


async def test_form_shows_errors_and_stays_open(make_app: MakeApp) -> None:
    """A bad credit value keeps the what-if form open with its error."""
    app = make_app(demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_plan(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Lab week", "tab", *"-3", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, WhatIfActivityForm)
        assert app.screen.query_one("#error-credits", Static).display
        assert app.hypotheses == ()


async def test_planner_failure_is_reported_once(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A planner error becomes a notification; the app keeps running."""

    def broken(*_args: object, **_kwargs: object) -> list[object]:
        raise ValueError("catalog exploded")

    monkeypatch.setattr(plan_module, "compare_options", broken)
    app = make_app(demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_plan(pilot)
        assert app.is_running
        assert "planner failed" in text_of(screen, "#plan-options-title")
        messages = [n.message for n in app._notifications]
        assert any("catalog exploded" in m for m in messages)


async def test_plan_keys_are_in_help_and_the_palette(make_app: MakeApp) -> None:
    """? lists the Plan keys with their tooltips; the palette offers the Plan screen."""
    app = make_app(demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_plan(pilot)
        names = [c.title for c in app.get_system_commands(screen)]
        assert "Show Plan" in names
        assert "Save what-ifs as drafts" not in names
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        rows = [action for _key, action, _app_key in app.screen.rows]
        assert "Plan by hours instead of price, or back" in rows
        assert "File the highlighted activity as a draft claim" in rows
        assert "Add a what-if exam by hand" in rows


async def test_every_plan_binding_has_an_id_and_tooltip() -> None:
    """The footer and help are built from complete bindings."""
    for binding in PlanScreen.BINDINGS:
        assert binding.id and binding.id.startswith("plan.")  # type: ignore[union-attr]
        assert binding.tooltip and binding.description  # type: ignore[union-attr]


async def test_no_certification_says_so(make_app: MakeApp) -> None:
    """An empty store: no plan, a pointer to where certifications are added."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_plan(pilot)
        assert screen.query_one("#plan-empty").display
        assert not screen.query_one("#plan-main").display
