"""Snapshots of the Catalog and Claims screens on the demo profile, at 80x24 and 120x40.

Regenerate after an intended change with `pytest tests/snapshots --snapshot-update`
and look at the report before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.snapshots.demo_app import SIZES, demo_app


def keys(*pressed: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Press `pressed`, with every text cursor steady (no blink)."""

    async def run(pilot: Pilot[Any]) -> None:
        for key in pressed:
            await pilot.press(key)
            for box in pilot.app.screen.query(Input):
                box.cursor_blink = False
        await pilot.pause()

    return run


@pytest.mark.parametrize("size", SIZES)
def test_catalog(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(demo_app(tmp_path), terminal_size=size, run_before=keys("3"))


@pytest.mark.parametrize("size", SIZES)
def test_catalog_searched_and_filtered(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int]
) -> None:
    steps = keys("3", "slash", *"scor", "enter", "g", "g", "s", "s", "S")
    assert snap_compare(demo_app(tmp_path), terminal_size=size, run_before=steps)


@pytest.mark.parametrize("size", SIZES)
def test_claims(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(demo_app(tmp_path), terminal_size=size, run_before=keys("4", "down"))


@pytest.mark.parametrize("size", SIZES)
def test_claim_form_with_an_inline_error(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int]
) -> None:
    steps = keys(
        "4",
        "n",
        *"Cisco Live",
        "tab",
        "4",
        "tab",
        *"2025-06-01",
        "tab",
        *"2026-06-03",
    )
    assert snap_compare(demo_app(tmp_path), terminal_size=size, run_before=steps)


def test_status_dialog_submitting_a_draft(snap_compare: Any, tmp_path: Path) -> None:
    steps = keys("4", "s", "p")
    assert snap_compare(demo_app(tmp_path), terminal_size=(80, 24), run_before=steps)


def test_activity_detail(snap_compare: Any, tmp_path: Path) -> None:
    steps = keys("3", "slash", *"scor", "enter", "enter")
    assert snap_compare(demo_app(tmp_path), terminal_size=(80, 24), run_before=steps)


def test_activity_form(snap_compare: Any, tmp_path: Path) -> None:
    steps = keys("3", "a", *"Lab", "tab", "tab", "tab", "tab", *"x")
    assert snap_compare(demo_app(tmp_path), terminal_size=(80, 24), run_before=steps)
