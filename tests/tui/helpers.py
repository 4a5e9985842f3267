"""Small builders shared by the TUI tests."""

from __future__ import annotations

from datetime import date

from textual.pilot import Pilot

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
    """Wait for the app's store writes to land, then for the screen to catch up."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
