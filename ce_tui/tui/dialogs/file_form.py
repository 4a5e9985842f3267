"""Ask for a file name (export to it, import from it), and do it from the app.

The palette's "Export claims as CSV", "Export the calendar (ICS)" and
"Import a ce-tui/1 document" ask for a path here. The name is checked as it is
typed (an export needs an existing folder, an import an existing file); the
work is done by the same code as the command line's (`ce_tui.exports`, the
import services), and an import is undone by ctrl+z like any change.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ce_tui.domain.forms import FieldErrors
from ce_tui.tui import SCREENS_CSS
from ce_tui.tui.dialogs.form import Field, FormDialog, Saved

if TYPE_CHECKING:
    from ce_tui.tui.app import CeApp


class FileForm(FormDialog):
    """One field: a file name; `ctrl+s` or enter runs `on_save(path)`."""

    CSS_PATH = SCREENS_CSS
    FIELDS = (Field("path", "File", "a file name, e.g. ~/ce-claims.csv"),)
    ENTER_SAVES = True

    def __init__(
        self, heading: str, must_exist: bool, on_save: Callable[[Path], Saved], hint: str
    ) -> None:
        """`must_exist`: the file is read (import); otherwise its folder must exist (export)."""
        super().__init__(heading, {}, on_save)
        self.must_exist = must_exist
        """True when the file is to be read."""
        self._hint = hint

    def hint(self) -> str:
        """What the file is for."""
        return self._hint

    def parse(self, values: dict[str, str]) -> tuple[Path | None, FieldErrors]:
        """The path typed (with `~` expanded), or why it cannot be used."""
        text = values["path"].strip()
        if not text:
            return None, {"path": "type a file name"}
        if any(not ch.isprintable() for ch in text):
            return None, {"path": "a file name cannot hold control characters"}
        path = Path(text).expanduser()
        if self.must_exist and not path.is_file():
            return None, {"path": "no such file"}
        if not self.must_exist and (path.is_dir() or not path.parent.is_dir()):
            return None, {"path": "the folder does not exist" if not path.is_dir() else "a folder"}
        return path, {}


def export_file(app: CeApp, kind: str) -> None:
    """Ask for a file and write the claims transcript (`csv`) or the calendar (`ics`) to it."""
    from ce_tui import exports
    from ce_tui.domain.text import safe, safe_lines
    from ce_tui.store.base import StoreError
    from ce_tui.store.files import write_atomic

    def save(path: Path) -> bool:
        """Write the export; say where, or why not."""
        if kind == "csv":
            text = exports.to_csv(app.ledger, app.rules)
        elif app.evaluation is not None:
            text = exports.to_ics(app.evaluation, app.ledger, app.rules)
        else:
            return False
        try:
            write_atomic(path, text.encode("utf-8"))
        except StoreError as exc:
            app.notify(safe_lines(exc), severity="error", markup=False)
            return False
        app.notify(f"Wrote {safe(path)}", title="Exported", markup=False)
        return True

    what = "claims transcript (CSV)" if kind == "csv" else "calendar of deadlines (ICS)"
    app.push_screen(FileForm(f"Export the {what}", False, save, "Where to write it."))


def import_file(app: CeApp) -> None:
    """Ask for a `ce-tui/1` document and merge it into the store (ctrl+z undoes it)."""
    from ce_tui.domain.jsondoc import load_json
    from ce_tui.domain.text import safe_lines
    from ce_tui.store.base import StoreError
    from ce_tui.store.files import read_input

    def save(path: Path) -> Saved:
        """Read, validate and merge the document (one change); nothing changed on a problem."""
        try:
            data = load_json(read_input(path, "a document"), str(path))
        except (StoreError, ValueError) as exc:
            app.notify(f"Not imported: {safe_lines(exc)}", severity="error", markup=False)
            return False
        services = app.services
        return app.apply(f"Imported {path.name}", lambda: services.import_document(data)[0])

    app.push_screen(
        FileForm(
            "Import a ce-tui/1 document",
            True,
            save,
            "Its records are merged by id into yours; ctrl+z undoes it.",
        )
    )
