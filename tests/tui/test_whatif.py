"""What-ifs: projected on Progress, never stored unless committed as drafts; clearing them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from ce_tui.domain.whatif import HypotheticalClaim, HypotheticalExam
from ce_tui.services import Services
from ce_tui.tui.app import CeApp
from ce_tui.tui.screens.plan import PlanScreen
from ce_tui.tui.screens.progress import ProgressScreen
from ce_tui.tui.widgets.cert_card import CertCard
from tests.tui.helpers import open_plan, settle

MakeApp = Callable[..., CeApp]


async def what_if_the_planned_activity(pilot: Pilot[None]) -> None:
    """On Plan from approved credits, highlight the target's own path (ce) and add its
    activity as a what-if."""
    await pilot.press("5")
    await settle(pilot)
    await pilot.press("v")  # otherwise the claims in flight cover the path: nothing to add
    await settle(pilot)
    await pilot.press("up", "tab", "w")
    await settle(pilot)


def card_texts(app: CeApp) -> dict[str, str]:
    """What each Progress card says, by certification."""
    screen = app.screen
    assert isinstance(screen, ProgressScreen)
    return {c.cert_id: c.lines(76).plain for c in screen.query(CertCard)}


def banner(app: CeApp) -> Static:
    """The PROJECTED banner of the Progress screen."""
    return app.screen.query_one("#projection", Static)


async def test_a_what_if_projects_on_progress_and_stores_nothing(
    make_app: MakeApp, store_path: Path
) -> None:
    """PROJECTED with the projected expiry and the cost of recertifying early; same file."""
    app = make_app(demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        stored = store_path.read_bytes()
        await what_if_the_planned_activity(pilot)
        assert len(app.hypotheses) == 1
        item = app.hypotheses[0]
        assert isinstance(item, HypotheticalClaim) and item.catalog_id == "CU-ENTEIT"
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        panel = str(screen.query_one("#plan-whatif", Static).render())
        assert "WHAT-IF" in panel and "not saved" in panel
        assert "CCNP Security recertifies 2026-12-07 via ce: expires 2029-12-07" in panel
        assert "◇" in str(screen._step_cells(screen.plan.activities[0])[1])  # type: ignore[union-attr]

        await pilot.press("1")
        await settle(pilot)
        assert banner(app).display
        head = str(banner(app).render())
        assert "PROJECTED" in head and "to 2026-12-07 with 1 what-if, not saved" in head
        assert "+24 CE Implementing and Troubleshooting" in head
        texts = card_texts(app)
        ccnp = texts["ccnp-sec"]
        assert "PROJECTED" in ccnp
        assert "projected: expires 2029-12-07 (now 2027-02-02)" in ccnp
        assert "recertifies 2026-12-07 via ce" in ccnp
        assert "ends 57 days sooner than completing on 2027-02-02" in ccnp
        assert "(2030-02-02)" in ccnp
        assert "renewed 2026-12-07" in texts["ccna"]
        assert all("PROJECTED" in t for t in texts.values())
        assert app.projection is not None and app.evaluation is not None
        assert app.evaluation.cert("ccnp-sec").expires == date(2027, 2, 2)  # type: ignore[union-attr]
        assert store_path.read_bytes() == stored


async def test_commit_writes_drafts_and_undo_brings_the_what_ifs_back(
    make_app: MakeApp, services: Services
) -> None:
    """s on Progress files the what-if activity as a draft; ctrl+z deletes it again."""
    app = make_app(demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = {c.id for c in services.load().claims}
        await what_if_the_planned_activity(pilot)
        kept = app.hypotheses
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        new = [c for c in services.load().claims if c.id not in before]
        assert [(c.status, c.submitted, c.catalog_id) for c in new] == [
            ("draft", None, "CU-ENTEIT")
        ]
        assert new[0].credits == Decimal(24) and new[0].completed == date(2026, 12, 7)
        assert app.hypotheses == () and app.projection is None
        assert not banner(app).display
        assert not any("PROJECTED" in t for t in card_texts(app).values())
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert {c.id for c in services.load().claims} == before
        assert app.hypotheses == kept and app.projection is not None
        assert banner(app).display


async def test_clearing_removes_the_projection(make_app: MakeApp, store_path: Path) -> None:
    """c forgets every what-if: the cards show the recorded state again."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        stored = store_path.read_bytes()
        await what_if_the_planned_activity(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert banner(app).display
        await pilot.press("c")
        await settle(pilot)
        assert app.hypotheses == () and app.projection is None and app.outlooks == ()
        assert not banner(app).display
        texts = card_texts(app)
        assert not any("PROJECTED" in t for t in texts.values())
        assert "expires 2027-02-02 · 66 days left" in texts["ccnp-sec"]
        assert store_path.read_bytes() == stored


async def test_whole_plan_as_what_ifs_then_commit_keeps_the_exam(
    make_app: MakeApp, services: Services
) -> None:
    """p adds every step (the exam on its due date); s saves only the activities."""
    app = make_app(demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_plan(pilot)
        await pilot.press("v")  # from approved credits: ce+exam is the exam alone
        await settle(pilot)
        await pilot.press("down")  # ce+exam: the best option is now the free ce path
        await settle(pilot)
        assert screen.plan is not None and screen.plan.option_id == "ce+exam"
        await pilot.press("p")
        await settle(pilot)
        assert [type(h) for h in app.hypotheses] == [HypotheticalExam]
        exam = app.hypotheses[0]
        assert isinstance(exam, HypotheticalExam) and exam.passed == date(2027, 2, 2)
        assert app.projection is not None
        ccnp = app.projection.cert("ccnp-sec")
        assert ccnp is not None and ccnp.expires == date(2030, 2, 2)
        await pilot.press("p")  # already there: nothing added twice
        await pilot.press("up")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert len(app.hypotheses) == 2
        before = services.load()
        await pilot.press("s")
        await settle(pilot)
        drafts = [c for c in services.load().claims if c not in before.claims]
        assert len(drafts) == 1 and drafts[0].status == "draft"
        assert [type(h) for h in app.hypotheses] == [HypotheticalExam]
        assert services.load().exams == before.exams


async def test_backspace_drops_the_last_what_if(make_app: MakeApp) -> None:
    """backspace removes the newest what-if; with none left the projection goes."""
    app = make_app(demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await what_if_the_planned_activity(pilot)
        assert len(app.hypotheses) == 1
        await pilot.press("backspace")
        await settle(pilot)
        assert app.hypotheses == () and app.projection is None


async def test_what_if_keys_on_progress_only_with_what_ifs(make_app: MakeApp) -> None:
    """s and c are not offered on Progress until there is a what-if."""
    app = make_app(demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        keys = {b.binding.action for b in app.screen.active_bindings.values()}
        assert "commit_whatifs" not in keys and "clear_whatifs" not in keys
        app.hypotheses = (HypotheticalExam(kind="core", passed=date(2026, 12, 15), name="SCOR"),)
        await settle(pilot)
        keys = {b.binding.action for b in app.screen.active_bindings.values()}
        assert {"commit_whatifs", "clear_whatifs"} <= keys
        names = [c.title for c in app.get_system_commands(app.screen)]
        assert "Save what-ifs as drafts" in names and "Clear what-ifs" in names
        assert "core exam SCOR · passed 2026-12-15" in str(banner(app).render())


async def test_user_text_in_a_what_if_is_not_markup(make_app: MakeApp) -> None:
    """A title that looks like markup is shown as typed."""
    app = make_app(demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.hypotheses = (
            HypotheticalClaim(
                activity="[bold]Lab[/bold] [link=x]week[/link]",
                credits=Decimal(4),
                completed=date(2026, 12, 2),
            ),
        )
        await settle(pilot)
        assert "[bold]Lab[/bold] [link=x]week[/link]" in str(banner(app).render())
