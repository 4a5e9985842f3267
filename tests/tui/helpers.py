"""Small builders shared by the TUI tests."""

from __future__ import annotations

from contextlib import suppress
from datetime import date

from textual.pilot import Pilot
from textual.worker import WorkerFailed

from ce_tui.domain.models import Claim
from ce_tui.domain.schema import validate
from ce_tui.tui.screens.plan import PlanScreen


def claim(cid: str, title: str, **fields: object) -> Claim:
    """A claim with sensible defaults."""
    data: dict[str, object] = {
        "id": cid,
        "activity": title,
        "credits": 16,
        "completed": date(2026, 5, 1),
        "submitted": date(2026, 5, 10),
        "status": "approved",
    }
    return validate(Claim, data | fields)


async def settle(pilot: Pilot[None]) -> None:
    """Wait until every store write the app queued has landed and the screen caught up."""
    app = pilot.app
    await pilot.pause()
    while True:
        # A refused write fails its worker: the app has said why; the test looks at that.
        with suppress(WorkerFailed):
            await app.workers.wait_for_complete()
        await pilot.pause()
        if getattr(app, "writing", None) is None and not getattr(app, "writes", ()):
            return


async def open_plan(pilot: Pilot[None]) -> PlanScreen:
    """Press 5 and wait for the planner's answer."""
    await pilot.press("5")
    return await planned(pilot)


async def planned(pilot: Pilot[None]) -> PlanScreen:
    """Let the planner worker finish and the screen draw its answer."""
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PlanScreen)
    return screen
