"""Start an app and quit as soon as its first screen has been painted with its content.

    python bench/first_frame.py ce-tui STORE YYYY-MM-DD
    python bench/first_frame.py minimal ROWS

`ce-tui` starts the real command line (`ce-tui --db STORE --today DAY`), which
reads the store, evaluates it and opens the Progress screen; `minimal` starts a
plain Textual app of a header, a footer and one DataTable of ROWS rows, the
floor of the comparison. Both are started the same way by `bench/run.py` (in a
pseudo-terminal of the same size) and both quit the same way: once their
content is on screen (Progress: the evaluation shown and its cards mounted;
minimal: the rows added), they wait for one more repaint and exit. The
benchmark times the whole process.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any


def _quit_once_painted(app: Any, ready: Any) -> None:
    """Exit `app` after the first repaint that follows `ready()` becoming true."""

    def check() -> None:
        if ready():
            app.call_after_refresh(app.exit)
        else:
            app.call_after_refresh(check)

    app.call_after_refresh(check)


def run_ce_tui(store: str, day: str) -> int:
    """The real `ce-tui` start, on an app that quits after its first full frame."""
    import ce_tui.tui.app as app_module
    from ce_tui.cli import main
    from ce_tui.tui.screens.progress import ProgressScreen
    from ce_tui.tui.widgets.cert_card import CertCard

    class FirstFrame(app_module.CeApp):
        """ce-tui, quitting once the Progress screen shows the evaluation."""

        # Textual reads a relative CSS_PATH beside the module of the class.
        CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))

        def on_mount(self) -> None:
            """Runs before CeApp's own on_mount (which reads the store)."""

            def ready() -> bool:
                screen = self.screen
                return (
                    isinstance(screen, ProgressScreen)
                    and self.evaluation is not None
                    and (not self.evaluation.certifications or bool(screen.query(CertCard)))
                )

            _quit_once_painted(self, ready)

    app_module.CeApp = FirstFrame  # type: ignore[misc]
    return main(["--db", store, "--today", day])


def run_minimal(rows: int) -> int:
    """A minimal Textual app: Header, Footer and one DataTable of `rows` rows."""
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Footer, Header

    class Minimal(App[None]):
        """The floor: as little as a table app can be."""

        def compose(self) -> ComposeResult:
            yield Header()
            yield DataTable()
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("Activity", "Credits", "Completed", "Submitted", "Status")
            table.add_rows(
                (f"Cisco Live session {n}", str(n % 8 + 1), "2026-01-02", "2026-01-09", "approved")
                for n in range(rows)
            )
            _quit_once_painted(self, lambda: table.row_count == rows)

    Minimal().run()
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "ce-tui":
        raise SystemExit(run_ce_tui(sys.argv[2], sys.argv[3]))
    if len(sys.argv) == 3 and sys.argv[1] == "minimal":
        raise SystemExit(run_minimal(int(sys.argv[2])))
    raise SystemExit(__doc__)
