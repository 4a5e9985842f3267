"""Import from the command palette: a file, a preview (rows, changes, errors), then ctrl+s."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, Static

from ce_tui.tui.app import CeApp
from ce_tui.tui.dialogs.import_dialog import ImportDialog
from tests.tui.helpers import settle

MakeApp = Callable[..., CeApp]

SHEET = (
    "\ufeffCourse;CE Credits;Date Completed;Date Submitted;Status\r\n"
    '"ENCOR; e-learning";64;2025-01-10;2025-02-01;Accepted\r\n'
    "Cisco Live;2;2025-06-10;;\r\n"
)


async def open_import(pilot) -> ImportDialog:  # type: ignore[no-untyped-def]
    """Open the dialog the way a person does: ctrl+p, type, enter."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*"import a csv")
    await pilot.pause(0.3)
    await pilot.press("enter")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ImportDialog)
    return dialog


async def preview(pilot, path: Path) -> str:  # type: ignore[no-untyped-def]
    """Type the path, press enter; the preview's text."""
    box = pilot.app.screen.query_one("#import-path", Input)
    box.value = str(path)
    box.focus()
    await pilot.press("enter")
    await settle(pilot)
    return str(pilot.app.screen.query_one("#import-preview", Static).render())


async def test_preview_then_import_then_nothing_twice(make_app: MakeApp, tmp_path: Path) -> None:
    good = tmp_path / "claims.csv"
    good.write_bytes(SHEET.encode())
    bad = tmp_path / "bad.csv"
    bad.write_bytes(SHEET.replace(";64;", ";lots;").encode())
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_import(pilot)
        text = await preview(pilot, bad)
        assert "Not importable" in text and "row 2, column 'CE Credits'" in text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ImportDialog)
        assert app.services.load().claims == ()
        text = await preview(pilot, good)
        assert "2 rows of claims (semicolon-separated): 2 to add, 0 to update, 0 unchanged" in text
        assert app.services.load().claims == ()  # a preview writes nothing
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ImportDialog)
        stored = app.services.load().claims
        assert sorted(c.activity for c in stored) == ["Cisco Live", "ENCOR; e-learning"]
        await open_import(pilot)
        text = await preview(pilot, good)
        assert "0 to add, 0 to update, 2 unchanged" in text
        assert "Nothing to change." in text


async def test_a_named_pipe_is_refused_in_the_preview(make_app: MakeApp, tmp_path: Path) -> None:
    """The dialog reads the file as the command line does: a FIFO is refused, not waited on."""
    import os

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_import(pilot)
        text = await preview(pilot, fifo)
        assert "Not importable" in text and "is not a regular file" in text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ImportDialog)


async def test_a_store_broken_behind_the_app_is_reported_in_the_preview(
    make_app: MakeApp, tmp_path: Path
) -> None:
    """The preview reads the store: a store damaged meanwhile is a problem shown, not a crash."""
    good = tmp_path / "claims.csv"
    good.write_bytes(SHEET.encode())
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_import(pilot)
        app.services.store.path.write_text("{not json")
        text = await preview(pilot, good)
        assert "Not importable" in text and "not valid JSON" in text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ImportDialog)
        assert app.services.store.path.read_text() == "{not json"


async def test_a_sheet_of_one_row_says_one_row(make_app: MakeApp, tmp_path: Path) -> None:
    """One row is "1 row", not "1 rows", in the preview as on the command line."""
    one = tmp_path / "one.csv"
    one.write_bytes("\n".join(SHEET.splitlines()[:2]).encode())
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_import(pilot)
        text = await preview(pilot, one)
        assert "1 row of claims (semicolon-separated): 1 to add" in text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [done.description for done in app.history.undo] == ["Imported 1 row of claims"]
