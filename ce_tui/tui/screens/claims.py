"""The Claims screen: every CE claim, filed, edited, moved through its statuses.

The table lists the claims newest first; `/` searches them as you type (every
word, in the activity, catalog id, status or dates; `escape` in the table
clears it). Every write goes through :meth:`CeApp.apply`, whose change
`ctrl+z` undoes and `ctrl+y` redoes. The screen redraws whenever
the app's ledger changes; it computes no rule itself (the claim window comes
from :func:`~ce_tui.domain.alerts.window_closes`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static

from ce_tui.domain.alerts import credits_text, window_closes
from ce_tui.domain.catalog import matching
from ce_tui.domain.counting import ClaimNote, claim_notes
from ce_tui.domain.evaluation import Evaluation
from ce_tui.domain.models import Claim, ClaimStatus, Ledger
from ce_tui.portal import PORTAL_FIELDS, portal_text
from ce_tui.tui import SCREENS_CSS
from ce_tui.tui.dialogs.claim_form import ClaimForm, claim_values
from ce_tui.tui.dialogs.confirm import confirm_delete
from ce_tui.tui.dialogs.form import Saved
from ce_tui.tui.dialogs.status_dialog import StatusDialog
from ce_tui.tui.widgets.footer import KeyFooter
from ce_tui.tui.widgets.lazy_table import Cell, Column, LazyTable
from ce_tui.tui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from ce_tui.tui.app import CeApp

COLUMNS = (
    Column("activity", "Activity", 20, stretch=True, priority=100),
    Column("credits", "Credits", 7, align="right", priority=90),
    Column("completed", "Completed", 10, priority=80),
    Column("submitted", "Submitted", 10, priority=60),
    Column("status", "Status", 8, priority=95),
    Column("window", "Window", 9, priority=70),
    Column("evidence", "Evidence", 8, priority=65),
)
"""The claims table's columns."""

STATUS_STYLE = {"draft": "italic", "pending": "bold", "approved": "", "rejected": "strike"}
"""How each status is drawn (styles survive NO_COLOR)."""


def claim_haystack(claim: Claim) -> str:
    """The casefolded text a search matches: activity, catalog id, status, dates."""
    return "\n".join(
        (
            claim.activity,
            claim.catalog_id or "",
            claim.status,
            claim.completed.isoformat(),
            claim.submitted.isoformat() if claim.submitted else "",
        )
    ).casefold()


def summary_text(shown: Sequence[Claim], total: int) -> str:
    """The summary: "N claims" ("N of M claims" when searched) and the shown ones' statuses."""
    counts = Counter(c.status for c in shown)
    parts = [f"{counts[s]} {s}" for s in ("draft", "pending", "approved", "rejected")]
    noun = "claim" if total == 1 else "claims"
    count = f"{len(shown)} of {total}" if len(shown) != total else f"{total}"
    return f"{count} {noun}: " + ", ".join(parts)


def window_text(claim: Claim, app: CeApp) -> str:
    """Days left to submit a draft ("closed" once past); empty for other statuses."""
    if claim.status != "draft":
        return ""
    left = (window_closes(claim, app.rules) - app.today).days
    if left < 0:
        return "closed"
    if left == 0:
        return "today"
    return f"{left} day" if left == 1 else f"{left} days"


def evidence_cell(claim: Claim) -> Text:
    """ "yes" when evidence is attached; "MISSING" (bold) for a submitted claim without it."""
    if claim.evidence is not None:
        return Text("yes")
    if claim.status != "draft":
        return Text("MISSING", style="bold")
    return Text("")


def file_claim(
    app: CeApp, values: Mapping[str, str], after: Callable[[str], None] | None = None
) -> None:
    """Open the form for a new claim with `values` filled in; saving adds it (undo deletes it).

    `after` is called with the new claim's id once it is saved.
    """

    def save(claim: Claim) -> Saved:
        """File the claim; once saved, `after` gets the id the service gave it."""
        write = app.apply(f"Claim filed: {claim.activity}", lambda: app.services.add_claim(claim))
        if after is not None:
            write.when_saved(lambda change: after(change.created[0]))
        return write

    app.push_screen(ClaimForm("New claim", values, app.rules, app.catalog, save))


def note_text(note: ClaimNote, app: CeApp) -> str:
    """'counts toward CCNP Security', or 'not counted toward CCNP Security: <why>'."""
    status = (
        app.evaluation.cert(note.certification) if app.evaluation and note.certification else None
    )
    name = status.name if status else note.certification
    if note.counts:
        return f"counts toward {name}"
    if note.reason.startswith(("pending", "draft")):
        return f"{name}: {note.reason}"
    return f"not counted toward {name}: {note.reason}"


NO_CLAIMS = "No claims yet: press n to file one."
"""What the empty table says when there are no claims at all."""
NO_MATCH = "No claim matches the search: escape clears it."
"""What the empty table says when claims exist but the search matches none."""


class ClaimsScreen(Screen[None]):
    """A table of the claims with keys to file, edit, re-status and delete them."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding("n", "new", "New", id="claims.new", tooltip="File a new claim"),
        Binding("e,enter", "edit", "Edit", id="claims.edit", tooltip="Edit the highlighted claim"),
        Binding(
            "s",
            "status",
            "Status",
            id="claims.status",
            tooltip="Change the highlighted claim's status (draft, pending, approved, rejected)",
        ),
        Binding(
            "delete,d",
            "delete",
            "Delete",
            id="claims.delete",
            tooltip="Delete the highlighted claim (asks first; ctrl+z brings it back)",
        ),
        Binding(
            "y",
            "copy",
            "Copy",
            id="claims.copy",
            tooltip="Copy the title, catalog id, completion date and credits for the CE portal",
        ),
        Binding(
            "slash",
            "search",
            "Search",
            id="claims.search",
            tooltip="Search the claims as you type (activity, catalog id, status, dates)",
        ),
        Binding(
            "escape",
            "leave_search",
            "Clear",
            id="claims.clear",
            tooltip="Clear the search and go back to the table",
            show=False,
        ),
    ]

    def __init__(self) -> None:
        """No search yet."""
        super().__init__()
        self.query_text = ""
        """The search box's text."""
        self._source: tuple[Ledger, list[Claim], list[str]] | None = None
        """The ledger, its claims newest first and their search texts."""
        self._notes_of: tuple[Evaluation, dict[str, ClaimNote]] | None = None
        """The evaluation the claim notes were computed for, and the notes by claim id."""

    @property
    def ce_app(self) -> CeApp:
        """The app, typed."""
        return cast("CeApp", self.app)

    def compose(self) -> ComposeResult:
        """Header, a summary line, the table, the highlighted claim in full, footer."""
        yield Header()
        yield SearchBar(
            "/ search claims",
            box_id="claims-search",
            status_id="claims-count",
            id="claims-bar",
        )
        yield LazyTable(COLUMNS, self._cells, empty=NO_CLAIMS, id="claims-table")
        yield Static("", id="claims-detail", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        """Follow the app's ledger (every write replaces it, even one the evaluation ignores)."""
        self.query_one(LazyTable).focus()
        self.watch(self.app, "ledger", self._show, init=True)

    @property
    def table(self) -> LazyTable:
        """The claims table."""
        return self.query_one("#claims-table", LazyTable)

    def _cells(self, claim: Claim) -> Sequence[Cell]:
        """One claim as table cells (text is never read as markup)."""
        return (
            claim.activity,
            credits_text(claim.credits),
            claim.completed.isoformat(),
            claim.submitted.isoformat() if claim.submitted else "",
            Text(claim.status, style=STATUS_STYLE[claim.status]),
            window_text(claim, self.ce_app),
            evidence_cell(claim),
        )

    def _claims(self) -> tuple[list[Claim], list[str]]:
        """Every claim newest first and its search text, recomputed only when the ledger changes."""
        ledger = self.ce_app.ledger
        if self._source is None or self._source[0] is not ledger:
            claims = sorted(ledger.claims, key=lambda c: (c.completed, c.id), reverse=True)
            self._source = (ledger, claims, [claim_haystack(c) for c in claims])
        return self._source[1], self._source[2]

    def _show(self, ledger: Ledger | None = None) -> None:
        """Redraw the claims matching the search, keeping the cursor on the same claim."""
        table = self.table
        current = table.current
        everything, haystacks = self._claims()
        claims = matching(everything, haystacks, self.query_text)
        index = self._index_of(claims, current.id if current else None)
        if index is None and claims is not everything:
            index = 0  # a search that drops the highlighted claim starts at the top
        table.empty = NO_MATCH if everything else NO_CLAIMS
        table.set_rows(claims, cursor=index)
        self.query_one(SearchBar).status.update(summary_text(claims, len(everything)))
        self._detail()

    @staticmethod
    def _index_of(claims: Sequence[Claim], claim_id: str | None) -> int | None:
        """The position of `claim_id` in `claims`, or None."""
        if claim_id is None:
            return None
        return next((i for i, c in enumerate(claims) if c.id == claim_id), None)

    def _detail(self) -> None:
        """The highlighted claim's full title and catalog link."""
        claim = self.table.current
        detail = self.query_one("#claims-detail", Static)
        if claim is None:
            detail.update("", layout=False)
            return
        line = Text(f"{claim.id} ")
        line.append(claim.activity)
        if claim.catalog_id:
            line.append(f"  [catalog {claim.catalog_id}]")
        if claim.evidence is not None:
            line.append(f"  evidence: {claim.evidence.path}")
        elif claim.status != "draft":
            line.append("  no evidence: attach its certificate (e) in case of an audit")
        note = self._notes().get(claim.id)
        if note is not None and note.certification is not None:
            line.append("\n")
            line.append(note_text(note, self.ce_app), style="italic")
        detail.update(line, layout=False)

    def _notes(self) -> dict[str, ClaimNote]:
        """Why each claim counts or not, computed once per evaluation."""
        evaluation = self.ce_app.evaluation
        if evaluation is None:
            return {}
        if self._notes_of is None or self._notes_of[0] is not evaluation:
            notes = claim_notes(self.ce_app.ledger, evaluation)
            self._notes_of = (evaluation, {n.claim: n for n in notes})
        return self._notes_of[1]

    def on_search_bar_changed(self, event: SearchBar.Changed) -> None:
        """Filter as the search text is typed."""
        self.query_text = event.text
        self._show()

    def on_lazy_table_highlighted(self, event: LazyTable.Highlighted) -> None:
        """Show the highlighted claim in full."""
        self._detail()

    def on_lazy_table_selected(self, event: LazyTable.Selected) -> None:
        """Enter or a double click edits the claim."""
        self.action_edit()

    # Actions ----------------------------------------------------------------

    def _current(self) -> Claim | None:
        """The highlighted claim, or None (with a hint) when there is none."""
        claim = self.table.current
        if claim is None:
            self.notify("No claim selected", markup=False, timeout=2)
        return cast("Claim | None", claim)

    def action_copy(self) -> None:
        """Copy what the CE portal's claim form asks for (OSC 52: works over SSH too)."""
        claim = self._current()
        if claim is None:
            return
        self.app.copy_to_clipboard(portal_text(claim))
        self.notify(
            f'Copied for the CE portal: {", ".join(PORTAL_FIELDS)} of "{claim.activity}"',
            markup=False,
            timeout=4,
        )

    def action_search(self) -> None:
        """Focus the search box."""
        self.set_focus(self.query_one(SearchBar).box)  # at once: the next keys of a burst go in

    def action_leave_search(self) -> None:
        """Clear the search; from the search box, back to the table."""
        bar = self.query_one(SearchBar)
        if bar.leave(self.table) or not self.query_text:
            return
        bar.box.value = ""
        self.query_text = ""
        self._show()

    def action_new(self) -> None:
        """File a new claim."""
        file_claim(self.ce_app, {}, after=self.select_claim)

    def select_claim(self, claim_id: str) -> None:
        """Put the cursor on the claim with `claim_id`; clear a search that hides it first."""
        index = self._index_of(self.table.rows, claim_id)
        if index is None and self.query_text:
            self.query_one(SearchBar).box.value = ""
            self.query_text = ""
            self._show()
            self.notify("Search cleared to show the claim", markup=False, timeout=3)
            index = self._index_of(self.table.rows, claim_id)
        if index is not None:
            self.table.move_to(index)

    def action_edit(self) -> None:
        """Edit the highlighted claim; undo puts the old one back."""
        old = self._current()
        if old is None:
            return
        app = self.ce_app

        def save(claim: Claim) -> Saved:
            """Replace the claim, if it is still the one the form was opened on."""
            if claim == old:
                return True
            return app.apply(
                f"Claim edited: {claim.activity}",
                lambda: app.services.edit_claim(claim, expected=old),
            )

        app.push_screen(
            ClaimForm(
                "Edit claim", claim_values(old), app.rules, app.catalog, save, evidence=old.evidence
            )
        )

    def action_status(self) -> None:
        """Change the highlighted claim's status; undo puts the old one back."""
        old = self._current()
        if old is None:
            return
        app = self.ce_app

        def save(status: ClaimStatus, submitted: date | None) -> Saved:
            """Move the claim to `status`."""
            return app.apply(
                f"Claim {status}: {old.activity}",
                lambda: app.services.set_claim_status(old.id, status, submitted),
            )

        app.push_screen(StatusDialog(old, app.today, app.rules, save))

    def action_delete(self) -> None:
        """Delete the highlighted claim after asking; undo puts it back."""
        old = self._current()
        if old is None:
            return
        app = self.ce_app

        question = (
            f'Delete the claim "{old.activity}" ({credits_text(old.credits)} CE, '
            f"{old.status})? ctrl+z brings it back."
        )
        confirm_delete(
            app,
            question,
            f"Claim deleted: {old.activity}",
            lambda: app.services.delete_claim(old.id, expected=old),
        )
