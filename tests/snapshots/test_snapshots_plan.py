"""Snapshots of the Plan screen and of Progress showing a what-if projection (demo data).

The demo profile as of 2026-11-28, at 80x24 and 120x40. Regenerate after an
intended change with `pytest --snapshot-update` and look at the SVGs under
`__snapshots__/` before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.snapshots.demo_app import SIZES, demo_app, steady


async def what_if_on_progress(pilot: Pilot[None]) -> None:
    """Add the target's planned activity (from approved credits) as a what-if; show Progress."""
    await pilot.press("5")
    await steady(pilot)
    await pilot.press("v")  # from approved credits: the path's gap is planned
    await steady(pilot)
    await pilot.press("home", "tab", "w")
    await steady(pilot)
    pilot.app.clear_notifications()
    await pilot.press("1")
    await steady(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_plan(snap_compare: object, tmp_path: Path, size: tuple[int, int]) -> None:
    """The Plan screen of the target: the options compared, the best plan's steps."""

    async def run_before(pilot: Pilot[None]) -> None:
        """Drive the app to the state photographed."""
        await pilot.press("5")
        await steady(pilot)

    assert snap_compare(demo_app(tmp_path), terminal_size=size, run_before=run_before)  # type: ignore[operator]


@pytest.mark.parametrize("size", SIZES)
def test_plan_path_option_with_a_what_if(
    snap_compare: object, tmp_path: Path, size: tuple[int, int]
) -> None:
    """The Plan screen from approved credits on the path's option, its activity a what-if."""

    async def run_before(pilot: Pilot[None]) -> None:
        """Drive the app to the state photographed."""
        await pilot.press("5")
        await steady(pilot)
        await pilot.press("v")  # from approved credits: the path's gap is planned
        await steady(pilot)
        await pilot.press("home", "tab", "w")
        await steady(pilot)
        pilot.app.clear_notifications()
        await steady(pilot)

    assert snap_compare(demo_app(tmp_path), terminal_size=size, run_before=run_before)  # type: ignore[operator]


@pytest.mark.parametrize("size", SIZES)
def test_progress_projected(snap_compare: object, tmp_path: Path, size: tuple[int, int]) -> None:
    """Progress with a what-if: the PROJECTED banner and projected cards."""

    async def run_before(pilot: Pilot[None]) -> None:
        """Drive the app to the state photographed."""
        await what_if_on_progress(pilot)

    assert snap_compare(demo_app(tmp_path), terminal_size=size, run_before=run_before)  # type: ignore[operator]


def test_what_if_exam_form(snap_compare: object, tmp_path: Path) -> None:
    """The what-if exam form, opened from an exam step of the plan."""

    async def run_before(pilot: Pilot[None]) -> None:
        """Drive the app to the state photographed."""
        await pilot.press("5")
        await steady(pilot)
        await pilot.press("down", "tab", "end", "w")  # the ce+exam option's exam step, last
        await steady(pilot)

    assert snap_compare(demo_app(tmp_path), terminal_size=(80, 24), run_before=run_before)  # type: ignore[operator]
