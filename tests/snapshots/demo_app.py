"""What every snapshot test shares: the day, the sizes, the demo app, a steady screen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from ce_tui.demo import demo_store
from ce_tui.domain.rules import default_rules
from ce_tui.services import Services
from ce_tui.tui.app import CeApp

TODAY = date(2026, 11, 28)
"""The evaluation day of the demo snapshots."""

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
"""The terminal sizes every screen is checked at."""


def demo_app(folder: Path) -> CeApp:
    """The app on a fresh store holding the demo profile as of TODAY."""
    return CeApp(
        Services(demo_store(folder / "demo.json", TODAY), default_rules()), TODAY, demo=True
    )


async def steady(pilot: Pilot[None]) -> None:
    """Let background work (the planner) finish, stop text cursors blinking, let it settle."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()
