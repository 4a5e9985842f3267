"""The theme chosen is kept in a small settings file beside the store, and used next time."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from ce_tui.store.settings import settings_path
from tests.tui.conftest import MakeApp
from tests.tui.helpers import open_plan, settle


async def test_the_theme_chosen_is_used_next_time(make_app: MakeApp, store_path: Path) -> None:
    """Chosen in one session: saved (mode 0600) and in force in the next."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "nord"
        await settle(pilot)
    saved = settings_path(store_path)
    assert saved.parent == store_path.parent
    assert json.loads(saved.read_text("utf-8")) == {"theme": "nord"}
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


async def test_a_bad_settings_file_is_ignored_and_left_alone(
    make_app: MakeApp, store_path: Path
) -> None:
    """Not our settings: the default theme, the file unchanged."""
    saved = settings_path(store_path)
    saved.write_text('{"theme": "nord", "evil": 1}', "utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme != "nord"
    assert saved.read_text("utf-8") == '{"theme": "nord", "evil": 1}'


async def test_the_hours_a_day_chosen_on_plan_are_used_next_time(
    make_app: MakeApp, store_path: Path
) -> None:
    """h on Plan saves the hours a day beside the theme; the next session plans with them."""
    app = make_app(demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = "nord"
        await open_plan(pilot)
        await pilot.press("h")
        await settle(pilot)
    saved = json.loads(settings_path(store_path).read_text("utf-8"))
    assert saved == {"theme": "nord", "hours_per_day": 3.0}
    again = make_app(demo=True)
    async with again.run_test(size=(100, 30)) as pilot:
        screen = await open_plan(pilot)
        assert screen.hours_per_day == 3
        assert screen.plan is not None and screen.plan.assumptions.hours_per_day == 3


@pytest.mark.parametrize("hours", ["0", "-2", "25", "true", '"3"', "1e999"])
async def test_hours_a_day_out_of_range_in_the_settings_are_ignored(
    make_app: MakeApp, store_path: Path, hours: str
) -> None:
    """Hours a day that the planner would refuse: the default (2 h), the file left alone."""
    saved = settings_path(store_path)
    text = f'{{"hours_per_day": {hours}}}'
    saved.write_text(text, "utf-8")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_plan(pilot)
        assert screen.hours_per_day == 2
    assert saved.read_text("utf-8") == text
