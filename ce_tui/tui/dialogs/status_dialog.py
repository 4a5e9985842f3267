"""Move a claim to another status; submitting a draft asks for the submitted date.

The arrows (or `d`, `p`, `a`, `r`) pick the status, `enter` or `ctrl+s` saves,
`escape` cancels. The resulting claim is checked with
:func:`~ce_tui.domain.forms.parse_claim` as the choice and date change, and
the problem is shown in the dialog; nothing is saved until it is valid.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ce_tui.domain.forms import parse_claim, parse_date
from ce_tui.domain.models import CLAIM_STATUSES, Claim, ClaimStatus
from ce_tui.domain.rules import Rules
from ce_tui.tui import SCREENS_CSS
from ce_tui.tui.dialogs.claim_form import claim_values
from ce_tui.tui.writes import Waiting, Write

SaveStatus = Callable[[ClaimStatus, date | None], "bool | Write"]
"""Writes the new status (and submitted date): done, refused (stay open), or the write queued."""


class StatusDialog(ModalScreen[None]):
    """Pick draft, pending, approved or rejected for one claim."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding("d", "pick('draft')", "Draft", id="status.draft", tooltip="Not yet submitted"),
        Binding("p", "pick('pending')", "Pending", id="status.pending", tooltip="Submitted"),
        Binding("a", "pick('approved')", "Approved", id="status.approved", tooltip="Approved"),
        Binding("r", "pick('rejected')", "Rejected", id="status.rejected", tooltip="Rejected"),
        Binding("ctrl+s", "save", "Save", id="status.save", tooltip="Save the new status"),
        Binding("escape", "cancel", "Cancel", id="status.cancel", tooltip="Keep the status"),
    ]

    def __init__(self, claim: Claim, today: date, rules: Rules, on_save: SaveStatus) -> None:
        """`today` is the submitted date offered when a draft is submitted."""
        super().__init__()
        self.claim = claim
        """The claim as it is now."""
        self.today = today
        """The default submitted date."""
        self.rules = rules
        """The rules the claim window comes from."""
        self.on_save = on_save
        """Writes the change."""
        self.waiting = Waiting(self)
        """The write asked for, while it is waiting or running."""
        self.status: ClaimStatus = claim.status
        """The status picked."""

    def compose(self) -> ComposeResult:
        """The claim, the statuses, the submitted date and the problem line."""
        with Vertical(classes="form-box", id="status-box") as box:
            box.border_title = "Change status"
            yield Static(Text(self.claim.activity), id="status-claim")
            yield OptionList(
                *(
                    Option(
                        Text(f"{s}  (current)" if s == self.claim.status else s),
                        id=s,
                    )
                    for s in CLAIM_STATUSES
                ),
                id="status-options",
            )
            with Horizontal(classes="form-row", id="status-date-row"):
                yield Label("Submitted", classes="form-label")
                yield Input(
                    self.today.isoformat(),
                    placeholder="YYYY-MM-DD",
                    compact=True,
                    id="status-submitted",
                    classes="form-input",
                )
            yield Static("", id="status-note", classes="form-note", markup=False)
            yield Static("", id="status-error", classes="form-error", markup=False)
            yield Static(
                "↑↓ or d/p/a/r pick · enter saves · escape cancels",
                classes="form-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        """Highlight the current status."""
        options = self.query_one(OptionList)
        options.highlighted = CLAIM_STATUSES.index(self.claim.status)
        options.focus()
        self.check()

    def _asks_date(self) -> bool:
        """True when the change submits a draft: the date must be given."""
        return self.status != "draft" and self.claim.submitted is None

    def submitted(self) -> date | None:
        """The submitted date the change would record (None if unreadable)."""
        if self.status == "draft":
            return None
        if self.claim.submitted is not None:
            return self.claim.submitted
        try:
            return parse_date(self.query_one("#status-submitted", Input).value)
        except ValueError:
            return None

    def check(self) -> Claim | None:
        """Show what the change would do, or why it cannot be saved."""
        self.query_one("#status-date-row").display = self._asks_date()
        note = self.query_one("#status-note", Static)
        if self.status != "draft" and self.claim.submitted is not None:
            note.update(f"Submitted {self.claim.submitted.isoformat()} (kept)")
        elif self.status == "draft" and self.claim.submitted is not None:
            note.update("A draft has no submitted date: it will be cleared.")
        else:
            note.update("")
        values = claim_values(self.claim) | {"status": self.status}
        if self.status == "draft":
            values["submitted"] = ""
        elif self.claim.submitted is None:
            values["submitted"] = self.query_one("#status-submitted", Input).value
        claim, errors = parse_claim(values, self.rules, self.today)
        error = self.query_one("#status-error", Static)
        message = "; ".join(errors.values())
        error.update(Text(f"↳ {message}") if message else "")
        error.display = bool(message)
        return claim

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The highlighted status is the one picked."""
        if event.option.id in CLAIM_STATUSES:
            self.status = CLAIM_STATUSES[CLAIM_STATUSES.index(event.option.id)]
            self.check()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a status saves it."""
        event.stop()
        self.action_save()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Re-check as the date is typed."""
        self.check()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the date saves."""
        event.stop()
        self.action_save()

    def action_pick(self, status: str) -> None:
        """Pick a status by its key."""
        self.query_one(OptionList).highlighted = CLAIM_STATUSES.index(status)

    def action_save(self) -> None:
        """Save the new status when the result is valid (no change just closes)."""
        if self.status == self.claim.status:
            self.dismiss(None)
            return
        if self.check() is None:
            if self._asks_date():
                self.query_one("#status-submitted", Input).focus()
            return
        if not self.waiting.busy:
            self.waiting.start(self.on_save(self.status, self.submitted()), lambda _change: None)

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)
