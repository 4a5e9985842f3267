"""Import a spreadsheet's CSV export from the app: choose a file, preview, then confirm.

The preview is a dry run of the same service the command line's ``import
--csv`` uses: the rows read, what would be added, updated and left unchanged,
or every problem by row and column. Nothing is written until `ctrl+s`, which
imports through :meth:`CeApp.apply` (validated again, under the store's lock)
as one change: one `ctrl+z` undoes the whole import.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from ce_tui.domain.changes import Change, ImportCounts
from ce_tui.domain.csv_import import SYNONYMS, CsvSheet
from ce_tui.domain.text import counted
from ce_tui.domain.validation import KINDS, InvalidInput, short
from ce_tui.services import Services
from ce_tui.store.base import StoreError
from ce_tui.tui import SCREENS_CSS
from ce_tui.tui.writes import Waiting

if TYPE_CHECKING:
    from ce_tui.tui.app import CeApp

MAX_SHOWN = 50
"""Most records listed by name in the preview (the counts cover all of them)."""


def read_sheet(services: Services, path_text: str, kind: str, date_format: str) -> CsvSheet:
    """Read and parse the file named in the dialog; InvalidInput says what is wrong."""
    if not path_text.strip():
        raise InvalidInput(["type the path of a CSV file"])
    path = Path(path_text.strip()).expanduser()
    return services.read_sheet_file(path, kind, None, date_format.strip() or None)


def preview_text(sheet: CsvSheet, counts: ImportCounts) -> Text:
    """The preview of a valid sheet: rows, what changes, the records added or updated."""
    name_field = KINDS[sheet.kind][2]
    names = {str(r["id"]): str(r.get(name_field, "")) for r in sheet.records}
    text = Text(
        f"{counted(len(sheet.records), 'row')} of {sheet.kind} ({sheet.separated}): "
        f"{counts.added} to add, "
        f"{counts.updated} to update, {counts.unchanged} unchanged.\n"
    )
    if sheet.ignored:
        text.append(f"Ignored columns: {', '.join(sheet.ignored)}\n")
    listed = [("add", i) for i in counts.added_ids] + [("update", i) for i in counts.updated_ids]
    for word, record_id in listed[:MAX_SHOWN]:
        text.append(f"  {word:<6} {short(names.get(record_id, record_id), 70)}\n")
    if len(listed) > MAX_SHOWN:
        text.append(f"  ... and {len(listed) - MAX_SHOWN} more\n")
    text.append("ctrl+s imports them; escape cancels." if listed else "Nothing to change.")
    return text


def problems_text(problems: list[str]) -> Text:
    """Every problem, one line each; nothing will be imported."""
    text = Text("Not importable; nothing will be changed:\n", style="bold")
    for problem in problems:
        text.append(f"  - {short(problem, 200)}\n")
    return text


class ImportDialog(ModalScreen[None]):
    """File, kind and date layout; a preview; `ctrl+s` imports what the preview showed."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding(
            "ctrl+s",
            "commit",
            "Import",
            id="import.commit",
            tooltip="Import the previewed rows (only when the preview shows no problem)",
        ),
        Binding("escape", "cancel", "Cancel", id="import.cancel", tooltip="Close, import nothing"),
    ]

    def __init__(self) -> None:
        """Nothing previewed yet."""
        super().__init__()
        self.ready: CsvSheet | None = None
        """The sheet the preview shows (its evidence files read and hashed)."""
        self.waiting = Waiting(self)
        """The import asked for, while it is waiting or running."""

    @property
    def ce_app(self) -> CeApp:
        """The app, typed."""
        return cast("CeApp", self.app)

    def compose(self) -> ComposeResult:
        """The file, kind and date layout, a Preview button, the preview."""
        with Vertical(id="import-box") as box:
            box.border_title = "Import a CSV file"
            kinds = [(kind, kind) for kind in SYNONYMS]
            rows: list[tuple[str, Input | Select[str]]] = [
                (
                    "File",
                    Input(placeholder="path of the .csv file (enter previews)", id="import-path"),
                ),
                ("Rows are", Select(kinds, value="claims", allow_blank=False, id="import-kind")),
                (
                    "Dates",
                    Input(placeholder="YYYY-MM-DD, or a layout like %d/%m/%Y", id="import-dates"),
                ),
            ]
            for label, widget in rows:
                widget.compact = True
                widget.add_class("form-input")
                with Horizontal(classes="form-row"):
                    yield Label(label, classes="form-label")
                    yield widget
            with VerticalScroll(id="import-preview-box"):
                yield Static("Type a path and press enter to preview.", id="import-preview")
            with Horizontal(classes="form-buttons"):
                yield Button("Preview (enter)", id="import-run", compact=True)
                yield Button("Import (ctrl+s)", id="import-save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="import-cancel", compact=True)

    def on_mount(self) -> None:
        """Focus the path."""
        self.query_one("#import-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a box previews."""
        self.preview()

    def on_select_changed(self, event: Select.Changed) -> None:
        """Another kind: the old preview no longer holds."""
        self._forget()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Another file or date layout: the old preview no longer holds."""
        self._forget()

    def _forget(self) -> None:
        """Drop the preview: ctrl+s imports only what was previewed."""
        self.ready = None

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The buttons: preview, import, cancel."""
        if event.button.id == "import-run":
            self.preview()
        elif event.button.id == "import-save":
            self.action_commit()
        else:
            self.dismiss(None)

    def preview(self) -> None:
        """Read and check the file, and show what importing it would do (a dry run)."""
        kind = str(self.query_one("#import-kind", Select).value)
        shown = self.query_one("#import-preview", Static)
        try:
            sheet = read_sheet(
                self.ce_app.services,
                self.query_one("#import-path", Input).value,
                kind,
                self.query_one("#import-dates", Input).value,
            )
            _ledger, counts = self.ce_app.services.import_sheet(sheet, dry_run=True)
        except InvalidInput as exc:
            self.ready = None
            shown.update(problems_text(exc.problems))
            return
        except StoreError as exc:
            # The store itself cannot be read (changed behind the app's back).
            self.ready = None
            shown.update(problems_text(str(exc).splitlines()))
            return
        self.ready = sheet
        shown.update(preview_text(sheet, counts))

    def action_commit(self) -> None:
        """Import what the preview showed (checked again under the store's lock)."""
        if self.ready is None:
            self.notify("Preview a valid file first (enter)", markup=False, timeout=3)
            return
        if self.waiting.busy:
            return
        sheet = self.ready
        services = self.ce_app.services

        def run() -> Change:
            """Import the sheet: one change, undone in one step."""
            return services.import_sheet(sheet)[0]

        description = f"Imported {counted(len(sheet.records), 'row')} of {sheet.kind}"
        self.waiting.start(self.ce_app.apply(description, run), lambda _change: None)

    def action_cancel(self) -> None:
        """Close without importing."""
        self.dismiss(None)
