"""The palette's screenshot works without a Downloads folder and is private."""

from __future__ import annotations

import asyncio
import stat
from pathlib import Path

import pytest

from tests.tui.conftest import MakeApp
from tests.tui.helpers import settle


async def test_screenshot_without_downloads_goes_to_the_current_folder_privately(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No ~/Downloads (as on most SSH servers): saved in the current folder, mode 0600."""
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    monkeypatch.setenv("HOME", str(tmp_path / "home-without-downloads"))
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Screenshot")
        await asyncio.sleep(0.3)
        await pilot.press("enter")
        for _ in range(20):
            await asyncio.sleep(0.1)
            if list(here.glob("*.svg")):
                break
    pictures = list(here.glob("ce-tui-*.svg"))
    assert len(pictures) == 1
    assert stat.S_IMODE(pictures[0].stat().st_mode) == 0o600
    assert "CCDE" in pictures[0].read_text("utf-8")
