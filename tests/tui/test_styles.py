"""Every screen and dialog but Progress loads screens.tcss, where its styles are."""

from __future__ import annotations

import importlib
import pkgutil

from textual.screen import Screen

import ce_tui.tui.dialogs
import ce_tui.tui.screens
from ce_tui.tui import SCREENS_CSS
from ce_tui.tui.screens.progress import ProgressScreen

ABSTRACT = {"FormDialog"}
"""Bases that are never shown themselves (FormDialog: each form names the file)."""


def ce_tui_screens() -> list[type[Screen[object]]]:
    """Every Screen subclass defined in ce_tui.tui.screens and ce_tui.tui.dialogs."""
    for package in (ce_tui.tui.screens, ce_tui.tui.dialogs):
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")
    found: list[type[Screen[object]]] = []
    pending: list[type[Screen[object]]] = [Screen]
    while pending:
        for sub in pending.pop().__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("ce_tui."):
                found.append(sub)
    return found


def test_every_screen_but_progress_loads_screens_css() -> None:
    """Progress's styles are in app.tcss; every other screen names screens.tcss."""
    screens = ce_tui_screens()
    assert len(screens) > 10
    for screen in screens:
        if screen is ProgressScreen:
            assert screen.CSS_PATH is None
        elif screen.__name__ not in ABSTRACT:
            assert screen.CSS_PATH == SCREENS_CSS, screen.__name__
    assert SCREENS_CSS.is_file()
