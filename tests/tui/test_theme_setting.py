"""The theme chosen is kept in a small settings file beside the store, and used next time."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from ce_tui.store.settings import settings_path
from tests.tui.conftest import MakeApp
from tests.tui.helpers import settle


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
