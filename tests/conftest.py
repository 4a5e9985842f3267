"""Fixtures for every test: no user data touched, no clock read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ce_tui import clock


@pytest.fixture(autouse=True)
def _isolated(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Point the default store at a temp folder and reset any `--today` override afterwards."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("CE_TUI_DB", str(Path(home) / "ce-tui.json"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(Path(home) / ".local" / "share"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield
    clock.set_today(None)
