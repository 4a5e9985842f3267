"""The floor of the first-paint benchmark: a bare Textual app of a Header, a Footer and
one DataTable of ROWS rows.

    python bench/bare_app.py ROWS

It runs until it is stopped. `bench/run.py` starts it and the real `ce-tui` the same
way, in a pseudo-terminal of the same size, and times each until its content is drawn:
here the first row's activity, there the first certification's name.
"""

from __future__ import annotations

import sys

FIRST_ROW = "Cisco Live session 0"
"""The activity of the table's first row: drawn once the rows are on screen."""


def run_bare(rows: int) -> None:
    """Run the bare app with `rows` rows until it is stopped."""
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Footer, Header

    class Bare(App[None]):
        """The floor: as little as a table app can be."""

        def compose(self) -> ComposeResult:
            """A header, the table and a footer."""
            yield Header()
            yield DataTable()
            yield Footer()

        def on_mount(self) -> None:
            """Fill the table."""
            table = self.query_one(DataTable)
            table.add_columns("Activity", "Credits", "Completed", "Submitted", "Status")
            table.add_rows(
                (f"Cisco Live session {n}", str(n % 8 + 1), "2026-01-02", "2026-01-09", "approved")
                for n in range(rows)
            )

    Bare().run()


if __name__ == "__main__":
    if len(sys.argv) != 2 or not sys.argv[1].isdigit():
        raise SystemExit(__doc__)
    run_bare(int(sys.argv[1]))
