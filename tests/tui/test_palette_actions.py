"""The command palette runs the app's actions: forms, exports and an import asking a path."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from textual.pilot import Pilot

from ce_tui.demo import demo_ledger
from ce_tui.domain.validation import to_document
from ce_tui.store import TinyDBStore
from ce_tui.tui.app import CeApp
from ce_tui.tui.dialogs.claim_form import ClaimForm
from ce_tui.tui.dialogs.exam_form import ExamForm
from ce_tui.tui.dialogs.file_form import FileForm
from ce_tui.tui.screens.claims import ClaimsScreen
from tests.tui.conftest import TODAY, MakeApp
from tests.tui.helpers import settle


async def palette(pilot: Pilot[None], app: CeApp, command: str) -> None:
    """Open the palette, type `command`, run the best match, let it draw."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*command)
    await asyncio.sleep(0.3)
    await pilot.press("enter")
    for _ in range(10):
        await settle(pilot)
        await asyncio.sleep(0.05)


async def test_new_claim_and_record_exam_open_their_forms(make_app: MakeApp) -> None:
    """ "New claim" opens the claim form over Claims; "Record a passed exam" the exam form."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await palette(pilot, app, "New claim")
        assert isinstance(app.screen, ClaimForm)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ClaimsScreen)
        await palette(pilot, app, "Record a passed exam")
        assert isinstance(app.screen, ExamForm)


async def test_export_csv_asks_a_path_and_writes_it(make_app: MakeApp, tmp_path: Path) -> None:
    """The path typed is where the transcript goes; a missing folder is refused inline."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await palette(pilot, app, "Export claims as CSV")
        assert isinstance(app.screen, FileForm)
        await pilot.press(*str(tmp_path / "nowhere" / "x.csv"), "enter")
        await settle(pilot)
        assert isinstance(app.screen, FileForm) and not (tmp_path / "nowhere").exists()
        await pilot.press("ctrl+u", *str(tmp_path / "claims.csv"), "enter")
        await settle(pilot)
        assert not isinstance(app.screen, FileForm)
    text = (tmp_path / "claims.csv").read_text("utf-8")
    assert text.splitlines()[0].startswith("id,") and len(text.splitlines()) == 9


async def test_import_asks_a_path_merges_and_undoes(
    make_app: MakeApp, store: TinyDBStore, tmp_path: Path
) -> None:
    """A valid document is merged into the store; ctrl+z puts the store back as it was."""
    source = tmp_path / "doc.json"
    source.write_text(json.dumps(to_document(demo_ledger(TODAY))), "utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await palette(pilot, app, "Import a ce-tui/1")
        assert isinstance(app.screen, FileForm)
        await pilot.press(*str(source), "enter")
        await settle(pilot)
        assert len(store.load().certifications) == 5
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.load().certifications == ()
