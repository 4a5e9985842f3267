"""The Progress screen: one card per certification, the alerts and the history.

It reads the app's evaluation and redraws whenever it changes; it computes no
rule. Cards are focusable (up/down or j/k); enter opens a card's Path. On a
wide terminal the alerts and history sit beside the cards, on a narrow one
below them, and everything scrolls.

While there are what-ifs (see the Plan screen) the cards show the app's
projection instead, each badged PROJECTED, under a banner that lists the
what-ifs; alerts and history stay those of the recorded data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from ce_tui.tui.widgets.cert_card import CertCard
from ce_tui.tui.widgets.cert_switch import shown_cert
from ce_tui.tui.widgets.footer import KeyFooter
from ce_tui.tui.widgets.grid_text import GridRow, GridText

if TYPE_CHECKING:
    from ce_tui.domain.evaluation import Alert, Evaluation, HistoryEvent
    from ce_tui.tui.app import CeApp

WIDE = 100
"""From this many columns the alerts and history sit beside the cards."""

FIRST_RUN = (
    "No certifications recorded yet.\n\n"
    "Press a to add your first certification: its name, level and the day you earned it. "
    "ce-tui then shows when it expires and what it takes to recertify.\n\n"
    "To look around first, start ce-tui with --demo for a sample profile."
)
"""Shown instead of the cards when the store holds no certification."""

SEVERITY_MARK = {
    "critical": ("CRIT", "bold red"),
    "warning": ("WARN", "bold yellow"),
    "info": ("INFO", "cyan"),
}
"""How each alert severity is marked: a word (readable without colour) and a style."""

EVENT_WORD = {"earned": "earned", "recertified": "recertified", "renewed": "renewed"}
"""How each history event is written."""


SHOWN = 40
"""At most this many alerts, and history events, are drawn; the rest are counted."""


def _more(rows: list[GridRow], hidden: int, what: str) -> None:
    """A last row saying how many older rows were left out."""
    if hidden > 0:
        rows.append((Text(""), Text(f"... and {hidden} older {what}", style="italic")))


def top_alert_line(alerts: tuple[Alert, ...]) -> Text:
    """The most urgent alert on one line, after a count of the others (empty without any)."""
    if not alerts:
        return Text("")
    word, style = SEVERITY_MARK[alerts[0].severity]
    line = Text.assemble((word, style), " ")
    if len(alerts) > 1:
        line.append(f"+{len(alerts) - 1} more below · ", style="italic")
    line.append(alerts[0].message)
    return line


def alert_rows(alerts: tuple[Alert, ...]) -> list[GridRow] | Text:
    """The most urgent alerts (the engine's order), each marked by severity."""
    if not alerts:
        return Text("Nothing needs your attention.", style="italic")
    rows: list[GridRow] = []
    for alert in alerts[:SHOWN]:
        word, style = SEVERITY_MARK[alert.severity]
        rows.append((Text(word, style=style), Text(alert.message)))
    if len(alerts) > SHOWN:
        rows.append((Text(""), Text(f"... and {len(alerts) - SHOWN} more", style="italic")))
    return rows


def history_rows(evaluation: Evaluation) -> list[GridRow] | Text:
    """Earnings, recertifications and renewals, newest first."""
    if not evaluation.history:
        return Text("No recertification or renewal yet.", style="italic")
    names = {c.id: c.name for c in evaluation.certifications}
    newest = evaluation.history[::-1]
    rows: list[GridRow] = [
        (Text(event.date.isoformat()), history_line(event, names)) for event in newest[:SHOWN]
    ]
    _more(rows, len(newest) - SHOWN, "events (ce-tui status --json lists them all)")
    return rows


def history_line(event: HistoryEvent, names: dict[str, str]) -> Text:
    """One history event in words: who, what, and by what."""
    line = Text(names.get(event.certification, event.certification), style="bold")
    line.append(f" {EVENT_WORD[event.event]}")
    if event.by and event.event == "recertified":
        line.append(f" via path {event.by}")
    elif event.by:
        line.append(f" by {names.get(event.by, event.by)}")
    return line


class ProgressScreen(Screen[None]):
    """Where every certification stands; the app opens here."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
    AUTO_FOCUS = None
    """The card focused on showing the screen is the selected certification's (see
    :meth:`on_screen_resume`), so Path and Plan open on the card highlighted here."""

    def __init__(self) -> None:
        """A screen with no cards until the evaluation arrives."""
        super().__init__()
        self._cards: list[CertCard] = []
        self._composed_with: Evaluation | None = None
        """The evaluation the screen was composed with, if the app had one by then."""
        self._whatif_keys = False
        """Whether the bindings were last refreshed with what-ifs (their keys shown)."""

    BINDINGS = [
        Binding(
            "a",
            "add_cert",
            "Add",
            id="progress.add",
            tooltip="Add a certification you hold",
        ),
        Binding(
            "s",
            "commit_whatifs",
            "Save what-ifs",
            id="progress.commit_whatifs",
            tooltip="Save the what-if activities as draft claims",
        ),
        Binding(
            "c",
            "clear_whatifs",
            "Clear what-ifs",
            id="progress.clear_whatifs",
            tooltip="Clear every what-if (nothing is stored)",
        ),
    ]

    @property
    def ce_app(self) -> CeApp:
        """The app, typed."""
        return cast("CeApp", self.app)

    def compose(self) -> ComposeResult:
        """Cards on one side, alerts and history on the other (or below).

        The app evaluates before its first screen is composed, so the cards,
        alerts and history are usually composed at once, filled in, and laid
        out once; without an evaluation yet (or with what-ifs) they are
        filled in on mount.
        """
        evaluation = self.ce_app.evaluation
        if self.ce_app.projection is not None:
            evaluation = None
        self._composed_with = evaluation
        projection = Static(id="projection")
        projection.display = False
        first_run = Static(FIRST_RUN, id="first-run", markup=False)
        first_run.display = evaluation is not None and not evaluation.certifications
        yield Header()
        alerts = () if evaluation is None else evaluation.alerts
        top = Static(top_alert_line(alerts), id="top-alert")
        top.set_class(not alerts, "-empty")
        yield top
        with ScrollableContainer(id="progress-body", can_focus=False):
            with VerticalScroll(id="cards", can_focus=False):
                yield projection
                yield first_run
                if evaluation is not None:
                    self._cards = [
                        CertCard(s, s.id == evaluation.target) for s in evaluation.certifications
                    ]
                    yield from self._cards
            with VerticalScroll(id="side"):
                yield Static("Alerts", classes="section-title", markup=False)
                yield GridText(
                    Text("") if evaluation is None else alert_rows(evaluation.alerts), id="alerts"
                )
                yield Static("History", classes="section-title", markup=False)
                yield GridText(
                    Text("") if evaluation is None else history_rows(evaluation), id="history"
                )
        yield KeyFooter()

    def on_mount(self) -> None:
        """Redraw whenever the evaluation changes (the first-run note waits for one)."""
        composed = self._composed_with is not None
        if composed and self.ce_app.evaluation is not self._composed_with:
            composed = False  # changed since compose: show it now
        self.watch(self.app, "evaluation", self._show, init=not composed)
        self.watch(self.app, "projection", self._show, init=False)

    def _show(self, _value: object = None) -> None:
        """Bring cards, alerts and history up to date (cards: the projection, if any)."""
        evaluation = self.ce_app.evaluation
        if evaluation is None:
            return
        self._show_projection()
        self._show_cards(self.ce_app.projection or evaluation)
        self.query_one("#alerts", GridText).show(alert_rows(evaluation.alerts))
        top = self.query_one("#top-alert", Static)
        top.update(top_alert_line(evaluation.alerts))
        top.set_class(not evaluation.alerts, "-empty")
        self.query_one("#history", GridText).show(history_rows(evaluation))
        # The what-if keys come and go with the what-ifs: only then is the
        # footer worth composing again.
        whatif_keys = bool(self.ce_app.hypotheses)
        if whatif_keys != self._whatif_keys:
            self._whatif_keys = whatif_keys
            self.refresh_bindings()

    def _show_projection(self) -> None:
        """The PROJECTED banner: the day projected to and the what-ifs; hidden without any."""
        app = self.ce_app
        banner = self.query_one("#projection", Static)
        banner.display = app.projection is not None
        if app.projection is None:
            return
        from ce_tui.tui.whatif import hypothesis_lines

        count = len(app.hypotheses)
        head = Text.assemble(
            (" PROJECTED ", "bold reverse"),
            f" to {app.projection.today.isoformat()} with {count} what-if"
            f"{'s' if count > 1 else ''}, not saved · s saves activities as drafts · c clears",
        )
        banner.update(Text("\n").join([head, *hypothesis_lines(app.hypotheses)]))

    def _show_cards(self, evaluation: Evaluation) -> None:
        """Update the cards in place, or rebuild them when the certifications changed."""
        self.query_one("#first-run").display = not evaluation.certifications
        statuses = evaluation.certifications
        app = self.ce_app
        seen = {o.cert_id: o for o in app.outlooks} if app.projection is not None else {}
        if [c.cert_id for c in self._cards] == [s.id for s in statuses]:
            for card, status in zip(self._cards, statuses, strict=True):
                card.show(status, status.id == evaluation.target, seen.get(status.id))
            return
        focused = self.focused
        keep = focused.cert_id if isinstance(focused, CertCard) else None
        for card in self._cards:
            card.remove()
        self._cards = [CertCard(s, s.id == evaluation.target, seen.get(s.id)) for s in statuses]
        self.query_one("#cards", VerticalScroll).mount_all(self._cards)
        if self._cards and (focused is None or keep is not None):
            self.call_after_refresh(self.focus_card, keep)

    def on_screen_resume(self) -> None:
        """Highlight the card of the certification Path and Plan show (the target by default)."""
        status = shown_cert(self.ce_app)
        # Without scrolling: the first (most urgent) cards stay in view.
        self.call_after_refresh(self.focus_card, status.id if status else None, False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The card highlighted here (while this screen is shown) is the one Path and Plan show."""
        if isinstance(event.widget, CertCard) and self.is_current:
            self.ce_app.selected_cert = event.widget.cert_id

    def focus_card(self, cert_id: str | None, scroll: bool = True) -> None:
        """Focus the card of `cert_id` (the first card if there is none); `scroll` it into view."""
        chosen = next((c for c in self._cards if c.cert_id == cert_id), None)
        if chosen is None and self._cards:
            chosen = self._cards[0]
        if chosen is not None:
            chosen.focus(scroll_visible=scroll)

    def on_cert_card_opened(self, message: CertCard.Opened) -> None:
        """Show the chosen certification on the Path screen."""
        message.stop()
        self.ce_app.selected_cert = message.cert_id
        self.ce_app.switch_mode("path")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The what-if keys show only while there are what-ifs."""
        if action in ("commit_whatifs", "clear_whatifs"):
            return bool(self.ce_app.hypotheses)
        return True

    def action_commit_whatifs(self) -> None:
        """Save the what-if activities as draft claims (ctrl+z undoes it)."""
        from ce_tui.tui.whatif import commit_hypotheses

        commit_hypotheses(self.ce_app)

    def action_clear_whatifs(self) -> None:
        """Forget every what-if."""
        from ce_tui.tui.whatif import clear_hypotheses

        clear_hypotheses(self.ce_app)

    def action_add_cert(self) -> None:
        """Open the form for a new certification; its card gets the focus once saved."""
        from ce_tui.tui.dialogs.cert_form import CertForm

        def added(cert_id: str | None) -> None:
            """Select and focus the new certification once saved."""
            if cert_id is not None:
                self.ce_app.selected_cert = cert_id
                self.call_after_refresh(self.focus_card, cert_id)

        self.app.push_screen(CertForm(), added)
