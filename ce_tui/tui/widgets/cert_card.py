"""A focusable card summarising one certification on the Progress screen.

The card shows what the evaluation says about the certification: a state
badge, expiry, a credit bar toward its path, what is still needed. Every
figure comes from :class:`~ce_tui.domain.evaluation.CertStatus`; the badge
words are chosen so the card reads without colour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

from ce_tui.domain.alerts import credits_text
from ce_tui.tui.widgets.credit_bar import bar_content

if TYPE_CHECKING:
    from ce_tui.domain.evaluation import CertStatus
    from ce_tui.domain.whatif import Outlook

TARGET_MARK = "★ target"
"""Marks the certification the credits are presented as working toward."""

MOVE = Binding.Group("Move")
"""Next and previous card share one footer entry."""

BADGE_STYLE = {
    "UPCOMING": "bold reverse $primary",
    "RETIRED": "bold reverse $foreground-muted",
    "EXPIRED": "bold reverse $error",
    "EXPIRING": "bold reverse $warning",
    "ACTIVE": "bold reverse $success",
}
"""Style of each badge; the word itself carries the meaning."""

PROJECTED = Content.styled(" PROJECTED ", "bold reverse $warning")
"""Marks a card that shows the what-if projection, not the recorded state."""


def badge(status: CertStatus) -> Content:
    """The state badge, padded and styled."""
    word = status.badge
    return Content.styled(f" {word} ", BADGE_STYLE[word])


def _days(n: int) -> str:
    """'1 day', '5 days'."""
    return f"{n} day" if n == 1 else f"{n} days"


def dates_text(status: CertStatus) -> str:
    """Expiry and days left, in words."""
    if status.state == "upcoming":
        return f"to be earned {status.earned.isoformat()} · expires {status.expires.isoformat()}"
    if status.state == "expired":
        return f"expired {status.expires.isoformat()} · {_days(-status.days_left)} ago"
    text = f"expires {status.expires.isoformat()} · {_days(status.days_left)} left"
    if status.renewed_on is not None:
        text += f" · renewed {status.renewed_on.isoformat()}"
    return text


def needs_text(status: CertStatus) -> str:
    """What the path still needs, and the path itself."""
    option = status.path_option
    path = f"path {option.id}"
    if status.state == "upcoming":
        return f"not held yet · {path}"
    if status.retired:
        return f"retired: never recertifies · {path}"
    if option.met:
        return f"✓ requirements met · {path}"
    parts = []
    if option.ce_required:
        verb = "short at expiry" if status.state == "expired" else "to go"
        parts.append(f"{credits_text(status.remaining)} CE {verb}")
    if status.exams_missing:
        plural = "s" if status.exams_missing > 1 else ""
        parts.append(f"{status.exams_missing} exam{plural} to pass")
    else:
        parts.append("no exam needed")
    return " · ".join([*parts, path])


def projected_text(status: CertStatus, seen: Outlook) -> str:
    """The projected expiry, against today's, and how the what-ifs renew it."""
    if status.state == "upcoming":
        return dates_text(status)
    word = "expired" if status.state == "expired" else "expires"
    text = f"projected: {word} {status.expires.isoformat()}"
    if seen.expires_now != status.expires:
        text += f" (now {seen.expires_now.isoformat()})"
    if seen.renewed_on is not None:
        day = seen.renewed_on.isoformat()
        how = f"recertifies {day} via {seen.renewed_by}" if seen.own else f"renewed {day}"
        text += f" · {how}"
    return text


def sooner_text(seen: Outlook) -> str | None:
    """When recertifying early gives a term ending sooner than waiting would; else None."""
    if not seen.ends_sooner or seen.expires_before is None or seen.expires_if_waiting is None:
        return None
    return (
        f"early: the new term ends {_days(seen.days_given_up)} sooner than completing on "
        f"{seen.expires_before.isoformat()} would give ({seen.expires_if_waiting.isoformat()})"
    )


def exams_text(status: CertStatus) -> str:
    """The exam count of an exam-only path, in place of a credit bar."""
    option = status.path_option
    passed, needed = len(option.exams_passed), option.exams_required
    return f"exam-only path · {passed} of {needed} exam{'s' if needed > 1 else ''} passed"


class CertCard(Widget, can_focus=True):
    """One certification: badge, expiry, credit bar, what is still needed."""

    DEFAULT_CSS = """
    CertCard {
        height: auto;
        border: round $panel;
        padding: 0 1;
    }
    CertCard:focus {
        border: heavy $accent;
    }
    """

    BINDINGS = [
        Binding(
            "enter",
            "open",
            "Open",
            id="progress.open",
            tooltip="Show this certification's options on the Path screen",
        ),
        Binding(
            "down,j",
            "move(1)",
            "Next",
            id="progress.next",
            tooltip="Move to the next certification",
            group=MOVE,
        ),
        Binding(
            "up,k",
            "move(-1)",
            "Previous",
            id="progress.previous",
            tooltip="Move to the previous certification",
            group=MOVE,
        ),
    ]

    class Opened(Message):
        """The person asked to see this certification's path."""

        def __init__(self, cert_id: str) -> None:
            """`cert_id` is the certification to show."""
            super().__init__()
            self.cert_id = cert_id
            """The certification to show."""

    def __init__(self, status: CertStatus, target: bool, outlook: Outlook | None = None) -> None:
        """A card for `status`; `target` marks the certification credits work toward.

        With an `outlook` the card shows a what-if projection and says so.
        """
        super().__init__()
        self.status = status
        """What the evaluation says about the certification."""
        self.target = target
        """True for the target certification."""
        self.outlook = outlook
        """What the what-ifs do to it; None when the card shows the recorded state."""
        self._text: tuple[int, Content, int] | None = None
        """(width, text, wrapped height) last drawn: layout and render ask for both often."""

    @property
    def cert_id(self) -> str:
        """The id of the certification shown."""
        return self.status.id

    def show(self, status: CertStatus, target: bool, outlook: Outlook | None = None) -> None:
        """Show new figures for the same (or another) certification."""
        if status == self.status and target == self.target and outlook == self.outlook:
            return
        self.status = status
        self.target = target
        self.outlook = outlook
        self._text = None
        self.refresh(layout=True)

    def lines(self, width: int) -> Content:
        """The card's text for a content area `width` cells wide."""
        status = self.status
        width = max(width, 20)
        right = badge(status)
        if self.target:
            right = Content.assemble(right, " ", (TARGET_MARK, "bold $accent"))
        if self.outlook is not None:
            right = Content.assemble(PROJECTED, " ", right)
        title = Content.assemble((status.name, "bold"), (f" · {status.level}", "$text-muted"))
        room = width - right.cell_length - 1
        if title.cell_length > room:
            title = title.truncate(max(room, 1), ellipsis=True)
        head = Content.assemble(title, " " * max(1, width - title.cell_length - right.cell_length))
        head = Content.assemble(head, right)
        if status.required > 0:
            bar = bar_content(
                status.approved, status.pending, status.path_option.ce_required, width
            )
        else:
            bar = Content(exams_text(status))
        seen = self.outlook
        dates = dates_text(status) if seen is None else projected_text(status, seen)
        lines = [head, Content(dates), bar, Content(needs_text(status))]
        sooner = sooner_text(seen) if seen is not None else None
        if sooner:
            lines.append(Content(sooner))
        return Content("\n").join(lines)

    def _text_at(self, width: int) -> tuple[int, Content, int]:
        """The card's text at `width` and its wrapped height, computed once per width."""
        text = self._text
        if text is None or text[0] != width:
            lines = self.lines(width)
            text = self._text = (width, lines, len(lines.wrap(width)))
        return text

    def render(self) -> Content:
        """The card at its current width."""
        return self._text_at(self.size.width)[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """Height of the text at `width`, wrapped."""
        return self._text_at(width)[2]

    def action_open(self) -> None:
        """Ask for this certification's path."""
        self.post_message(self.Opened(self.cert_id))

    def action_move(self, delta: int) -> None:
        """Focus the neighbouring card (no wrapping at either end)."""
        if self.parent is None:
            return
        cards = list(self.parent.query_children(CertCard))
        index = cards.index(self) + delta
        if 0 <= index < len(cards):
            cards[index].focus()
