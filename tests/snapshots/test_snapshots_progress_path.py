"""Snapshots of the Progress and Path screens on the demo profile, at 80x24 and 120x40.

Regenerate after an intended change with `pytest --snapshot-update` and look at
the SVGs under `__snapshots__/` before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.snapshots.demo_app import SIZES, demo_app, steady


@pytest.mark.parametrize("size", SIZES)
def test_progress(snap_compare: object, tmp_path: Path, size: tuple[int, int]) -> None:
    """The Progress screen on the demo profile."""

    async def run_before(pilot: Pilot[None]) -> None:
        """Drive the app to the state photographed."""
        await steady(pilot)

    assert snap_compare(demo_app(tmp_path), terminal_size=size, run_before=run_before)  # type: ignore[operator]


@pytest.mark.parametrize("size", SIZES)
def test_path(snap_compare: object, tmp_path: Path, size: tuple[int, int]) -> None:
    """The Path screen of the target on the demo profile."""

    async def run_before(pilot: Pilot[None]) -> None:
        """Drive the app to the state photographed."""
        await pilot.press("2")
        await steady(pilot)

    assert snap_compare(demo_app(tmp_path), terminal_size=size, run_before=run_before)  # type: ignore[operator]


def test_cert_form_with_an_inline_error(snap_compare: object, tmp_path: Path) -> None:
    """The certification form after saving with a bad date and no level."""

    async def run_before(pilot: Pilot[None]) -> None:
        """Drive the app to the state photographed."""
        await pilot.press("2", "a")
        await steady(pilot)
        await pilot.press(*"CCNP Enterprise", "tab", "tab", *"2025-02-30", "ctrl+s")
        await steady(pilot)

    assert snap_compare(demo_app(tmp_path), terminal_size=(80, 24), run_before=run_before)  # type: ignore[operator]


@pytest.mark.parametrize("size", SIZES)
def test_path_credit_timeline(snap_compare: object, tmp_path: Path, size: tuple[int, int]) -> None:
    """The credit timeline (g) of the target on the demo profile: approved, pending, need, today."""

    async def run_before(pilot: Pilot[None]) -> None:
        """Drive the app to the state photographed."""
        await pilot.press("2", "g")
        await steady(pilot)

    assert snap_compare(demo_app(tmp_path), terminal_size=size, run_before=run_before)  # type: ignore[operator]


def test_path_credit_timeline_no_color(
    snap_compare: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The timeline without colour: shapes alone tell approved, pending, need and today apart."""
    monkeypatch.setenv("NO_COLOR", "1")

    async def run_before(pilot: Pilot[None]) -> None:
        """Drive the app to the state photographed: the next certification's timeline."""
        await pilot.press("2", "g", "right_square_bracket")
        await steady(pilot)

    assert snap_compare(demo_app(tmp_path), terminal_size=(80, 24), run_before=run_before)  # type: ignore[operator]
