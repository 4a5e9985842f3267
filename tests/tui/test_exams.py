"""The Exams dialog (X on Path): list, record, edit, delete with undo; exam names on Path."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from ce_tui.domain.models import Certification, Exam, Ledger
from ce_tui.services import Services
from ce_tui.store import TinyDBStore
from ce_tui.tui.app import CeApp
from ce_tui.tui.dialogs.confirm import ConfirmDialog
from ce_tui.tui.dialogs.exam_form import ExamForm
from ce_tui.tui.dialogs.exams_dialog import ExamsDialog
from ce_tui.tui.screens.help import HelpScreen
from ce_tui.tui.screens.path import PathScreen
from ce_tui.tui.widgets.lazy_table import LazyTable
from tests.tui.helpers import settle

MakeApp = Callable[..., CeApp]
"""The `make_app(ledger=None)` fixture of tests/tui/conftest.py."""

SMALL = (80, 24)
"""The smallest terminal the app supports."""

CCNP = Certification(
    id="ccnp",
    name="CCNP Enterprise",
    level="professional",
    earned=date(2025, 3, 1),
    path="ce",
)
"""A professional certification whose cycle runs from 2025-03-01."""

CCNA = Exam(id="ccna", code="200-301", name="CCNA", kind="associate", passed=date(2021, 5, 4))
"""An old exam, before the CCNP's cycle."""

ENSLD = Exam(
    id="ensld", code="300-420", name="ENSLD", kind="concentration", passed=date(2026, 6, 1)
)
"""A concentration exam inside the CCNP's cycle (one of the two its exam option needs)."""

ENCOR = Exam(id="encor", code="350-401", name="ENCOR", kind="core", passed=date(2024, 9, 9))
"""A core exam passed before the CCNP's cycle."""

LEDGER = Ledger(certifications=(CCNP,), exams=(CCNA, ENSLD, ENCOR))
"""One certification and three exams, in no particular order."""


def table(app: CeApp) -> LazyTable:
    """The exams table of the open dialog."""
    assert isinstance(app.screen, ExamsDialog)
    return app.screen.query_one("#exams-table", LazyTable)


def table_text(app: CeApp) -> str:
    """The exams table as drawn, one line per screen line."""
    widget = table(app)
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


def text_of(app: CeApp, selector: str) -> str:
    """The plain text of a Static on the current screen."""
    return str(app.screen.query_one(selector, Static).render())


def field(app: CeApp, name: str) -> str:
    """What a form field holds (a choice's value as text)."""
    widget = app.screen.query_one(f"#field-{name}")
    if isinstance(widget, Select):
        return "" if widget.is_blank() else str(widget.value)
    assert isinstance(widget, Input)
    return widget.value


async def open_exams(pilot: Pilot[None]) -> None:
    """Go to the Path screen and open the Exams dialog with X."""
    await pilot.press("2")
    await settle(pilot)
    await pilot.press("X")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ExamsDialog)


async def test_x_lists_every_exam_newest_first_and_escape_closes(make_app: MakeApp) -> None:
    """Date, code, name and kind of each exam, the latest first; where the highlighted counts."""
    app = make_app(LEDGER)
    async with app.run_test(size=SMALL) as pilot:
        await open_exams(pilot)
        assert [e.id for e in table(app).rows] == ["ensld", "encor", "ccna"]
        lines = table_text(app).splitlines()
        assert lines[0].split() == ["Passed", "Code", "Name", "Kind"]
        assert lines[1].split() == ["2026-06-01", "300-420", "ENSLD", "concentration"]
        assert lines[3].split() == ["2021-05-04", "200-301", "CCNA", "associate"]
        assert app.focused is table(app)
        detail = text_of(app, "#exams-detail")
        assert "300-420 ENSLD · concentration · passed 2026-06-01" in detail
        assert "in the current cycle of CCNP Enterprise" in detail
        await pilot.press("down")
        await settle(pilot)
        assert "in no certification's current cycle" in text_of(app, "#exams-detail")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PathScreen)


async def test_empty_list_says_how_to_record_one(make_app: MakeApp, store: TinyDBStore) -> None:
    """No exam: a line naming `n`; edit and delete only say there is nothing to act on."""
    app = make_app(Ledger(certifications=(CCNP,)))
    async with app.run_test(size=SMALL) as pilot:
        await open_exams(pilot)
        assert "No exam recorded yet: press n to record one." in table_text(app)
        await pilot.press("e", "delete")
        await settle(pilot)
        assert isinstance(app.screen, ExamsDialog)
        assert store.load().exams == ()


async def test_n_records_an_exam_and_ctrl_z_removes_it(
    make_app: MakeApp, store: TinyDBStore
) -> None:
    """`n` opens the exam form; the saved exam is listed and highlighted; undo works here."""
    app = make_app(LEDGER)
    async with app.run_test(size=SMALL) as pilot:
        await open_exams(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ExamForm)
        assert field(app, "passed") == "2026-11-28"
        await pilot.press(*"300-410", "tab", *"ENARSI", "tab", "down", "down")
        assert field(app, "kind") == "concentration"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExamsDialog)
        added = [e for e in store.load().exams if e.code == "300-410"]
        assert [(e.name, e.kind, e.passed) for e in added] == [
            ("ENARSI", "concentration", date(2026, 11, 28))
        ]
        assert table(app).current == added[0]
        assert table_text(app).splitlines()[1].split()[:3] == ["2026-11-28", "300-410", "ENARSI"]
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.load().exams == LEDGER.exams
        assert "ENARSI" not in table_text(app)


async def test_edit_saves_with_the_same_id_and_ctrl_z_restores(
    make_app: MakeApp, store: TinyDBStore
) -> None:
    """`e` (or enter) opens the form prefilled; the edit replaces the exam; undo puts it back."""
    app = make_app(LEDGER)
    async with app.run_test(size=SMALL) as pilot:
        await open_exams(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ExamForm)
        assert app.screen.heading == "Edit exam 350-401 ENCOR"
        values = {name: field(app, name) for name in ("code", "name", "kind", "passed")}
        assert values == {
            "code": "350-401",
            "name": "ENCOR",
            "kind": "core",
            "passed": "2024-09-09",
        }
        await pilot.press("tab")
        app.screen.query_one("#field-name", Input).value = "ENCOR v1.2"
        await pilot.press("tab", "tab")
        app.screen.query_one("#field-passed", Input).value = "2020-02-03"
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExamsDialog)
        edited = replace(ENCOR, name="ENCOR v1.2", passed=date(2020, 2, 3))
        assert store.load().exams == (CCNA, ENSLD, edited)
        assert table(app).current == edited
        assert [e.id for e in table(app).rows] == ["ensld", "ccna", "encor"]
        assert "350-401 ENCOR v1.2 · core · passed 2020-02-03" in text_of(app, "#exams-detail")

        # The same exam again, unchanged: saving writes nothing and adds no undo.
        await pilot.press("e")
        await settle(pilot)
        undo_depth = len(app.history.undo)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExamsDialog)
        assert len(app.history.undo) == undo_depth

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.load().exams == LEDGER.exams
        assert "ENCOR v1.2" not in table_text(app)


async def test_an_edit_of_an_exam_changed_elsewhere_is_refused(
    make_app: MakeApp, services: Services
) -> None:
    """Another window changed the exam after the form opened: the form stays, nothing is lost."""
    app = make_app(LEDGER)
    async with app.run_test(size=SMALL) as pilot:
        await open_exams(pilot)
        await pilot.press("e")
        await settle(pilot)
        other = replace(ENSLD, name="ENSLD (other window)")
        services.edit_exam(other)
        app.screen.query_one("#field-name", Input).value = "ENSLD (this window)"
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExamForm)
        assert [e for e in services.load().exams if e.id == "ensld"] == [other]


async def test_delete_asks_and_ctrl_z_restores(make_app: MakeApp, store: TinyDBStore) -> None:
    """`delete` asks first; `n` keeps the exam, `y` deletes it; undo brings it back."""
    app = make_app(LEDGER)
    async with app.run_test(size=SMALL) as pilot:
        await open_exams(pilot)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert '"300-420 ENSLD"' in text_of(app, "#confirm-question")
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ExamsDialog)
        assert store.load().exams == LEDGER.exams
        await pilot.press("delete", "y")
        await settle(pilot)
        assert isinstance(app.screen, ExamsDialog)
        assert store.load().exams == (CCNA, ENCOR)
        assert "ENSLD" not in table_text(app)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.load().exams == LEDGER.exams  # back in its place
        assert "ENSLD" in table_text(app)


async def test_markup_looking_names_are_shown_literally(make_app: MakeApp) -> None:
    """Brackets in a name are text, in the table, the detail line and the confirmation."""
    odd = Exam(
        id="odd", code="[red]", name="[bold]Lab[/bold] \\[x]", kind="core", passed=date(2026, 1, 2)
    )
    app = make_app(Ledger(certifications=(CCNP,), exams=(odd,)))
    async with app.run_test(size=SMALL) as pilot:
        await open_exams(pilot)
        assert "[bold]Lab[/bold] \\[x]" in table_text(app)
        assert "[red]" in table_text(app)
        assert "[red] [bold]Lab[/bold] \\[x]" in text_of(app, "#exams-detail")
        await pilot.press("delete")
        await settle(pilot)
        assert "[red] [bold]Lab[/bold] \\[x]" in text_of(app, "#confirm-question")


async def test_question_mark_lists_the_dialog_keys(make_app: MakeApp) -> None:
    """`?` works inside the dialog and lists its keys."""
    app = make_app(LEDGER)
    async with app.run_test(size=SMALL) as pilot:
        await open_exams(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = {key: tip for key, tip, group in app.screen.rows if group == "This dialog"}
        assert shown["n"] == "Record a passed exam"
        assert shown["e"] == "Edit the highlighted exam"
        assert shown["^z"] == "Undo the last change"
        assert shown["esc"] == "Back to the Path screen"


async def test_path_names_the_exams_counted_in_this_cycle(make_app: MakeApp) -> None:
    """The Path screen names the exams of the current cycle, and those of the option."""
    app = make_app(LEDGER)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("2")
        await settle(pilot)
        assert "exams counted in this cycle: 300-420 ENSLD" in text_of(app, "#path-dates")
        assert "ENCOR" not in text_of(app, "#path-dates")
        await pilot.press("down")
        await settle(pilot)
        assert "exams counted: 300-420 ENSLD" in text_of(app, "#option-detail")
