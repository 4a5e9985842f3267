"""Every field of one catalog activity, including where its values come from."""

from __future__ import annotations

from datetime import date

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ce_tui.domain.alerts import credits_text
from ce_tui.domain.catalog import next_session
from ce_tui.domain.models import ACTIVITY_TYPES, Activity
from ce_tui.tui import SCREENS_CSS


def detail_rows(activity: Activity, today: date) -> list[tuple[str, str]]:
    """(label, value) for every field of `activity`, as a person reads them."""
    credits = credits_text(activity.credits)
    if activity.credits_estimated:
        credits += " (estimated)"
    if activity.price_clc is None:
        price = "unknown"
    else:
        price = f"{credits_text(activity.price_clc)} CLC" if activity.price_clc else "free"
        if activity.price_estimated:
            price += " (estimated)"
    upcoming = next_session(activity, today)
    sessions = ", ".join(day.isoformat() for day in sorted(activity.sessions))
    return [
        ("Title", activity.title),
        ("Id", activity.id),
        ("Code", activity.code or "—"),
        ("Provider", activity.provider),
        ("Type", f"{ACTIVITY_TYPES.get(activity.type, activity.type)} ({activity.type})"),
        ("Technology", activity.technology),
        ("CE credits", credits),
        ("Format", activity.format or "—"),
        ("Hours", f"{activity.hours:g}" if activity.hours else "—"),
        ("Price", price),
        ("Next session", upcoming.isoformat() if upcoming else "none scheduled"),
        ("Sessions", sessions or "on demand"),
        ("Source", activity.source or "—"),
    ]


class ActivityDetail(ModalScreen[str | None]):
    """A read-only card of one activity; dismisses with "claim" when `c` is pressed."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding("c", "claim", "Claim", id="detail.claim", tooltip="File a claim for this activity"),
        Binding(
            "escape,enter,q", "close", "Close", id="detail.close", tooltip="Back to the catalog"
        ),
    ]

    def __init__(self, activity: Activity, today: date) -> None:
        """Show `activity`; `today` picks the next session."""
        super().__init__()
        self.activity = activity
        """The activity shown."""
        self.today = today
        """The evaluation day."""

    def compose(self) -> ComposeResult:
        """A two-column table of labels and values (values never read as markup)."""
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column(overflow="fold")
        for label, value in detail_rows(self.activity, self.today):
            table.add_row(Text(label), Text(value))
        with VerticalScroll(classes="form-box", id="detail-box") as box:
            box.border_title = "Activity"
            yield Static(table, id="detail-table")
            yield Static(
                "c files a claim for it · escape closes", classes="form-hint", markup=False
            )

    def on_mount(self) -> None:
        """Focus the box so long details scroll with the arrows."""
        self.query_one("#detail-box").focus()

    def action_claim(self) -> None:
        """Close and ask the catalog to file a claim."""
        self.dismiss("claim")

    def action_close(self) -> None:
        """Close."""
        self.dismiss(None)
