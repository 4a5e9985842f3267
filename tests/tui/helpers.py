"""Small builders shared by the TUI tests."""

from __future__ import annotations

from contextlib import suppress
from datetime import date

from textual.pilot import Pilot
from textual.worker import WorkerFailed

from ce_tui.domain.models import Claim
from ce_tui.domain.schema import validate


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
