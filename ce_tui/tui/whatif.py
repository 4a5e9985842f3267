"""What-ifs in the app: adding, listing, clearing and saving them as draft claims.

What-ifs (the app's :attr:`CeApp.hypotheses`) are never stored: Progress shows
the projection they give, the Plan screen adds them, and
:func:`commit_hypotheses` turns the activities among them into draft claims
only when the person asks. Kept apart from the screens, so the app and
Progress need not load the Plan screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich.text import Text

from ce_tui.domain.alerts import credits_text
from ce_tui.domain.forms import NEW_ID
from ce_tui.domain.models import Claim
from ce_tui.domain.whatif import (
    HYPOTHETICAL_EXAM,
    Hypothesis,
    HypotheticalClaim,
    Outlook,
)

if TYPE_CHECKING:
    from ce_tui.tui.app import CeApp

WHATIF_MARK = "◇"
"""Marks a what-if, and a planned activity that is already one."""

SHOWN_WHATIFS = 3
"""What-ifs listed by name under the plan; the rest are counted."""


def hypothesis_text(item: Hypothesis) -> Text:
    """One what-if in words, e.g. '+24 CE Designing … · completed 2026-12-01'."""
    if isinstance(item, HypotheticalClaim):
        line = Text(f"+{credits_text(item.credits)} CE ")
        line.append(item.activity)
        line.append(f" · completed {item.completed.isoformat()}")
        return line
    line = Text(f"{item.kind} exam")
    if item.name != HYPOTHETICAL_EXAM:
        line.append(" ")
        line.append(item.name)
    line.append(f" · passed {item.passed.isoformat()}")
    return line


def hypothesis_lines(items: Sequence[Hypothesis], limit: int = SHOWN_WHATIFS) -> list[Text]:
    """The first `limit` what-ifs marked ◇, then how many more there are."""
    lines = [Text(f"{WHATIF_MARK} ").append_text(hypothesis_text(h)) for h in items[:limit]]
    if len(items) > limit:
        lines.append(Text(f"  … and {len(items) - limit} more", style="italic"))
    return lines


def outlook_text(seen: Outlook) -> Text:
    """In one line: when the what-ifs renew a certification, its new expiry, what waiting gives."""
    line = Text("→ ")
    line.append(seen.name)
    if seen.renewed_on is None:
        line.append(f": not renewed by the what-ifs (expires {seen.new_expires.isoformat()})")
        return line
    day = seen.renewed_on.isoformat()
    line.append(f" recertifies {day} via {seen.renewed_by}" if seen.own else f" renewed {day}")
    line.append(f": expires {seen.new_expires.isoformat()} (now {seen.expires_now.isoformat()})")
    if seen.ends_sooner and seen.expires_before is not None:
        line.append(
            f", {seen.days_given_up} days sooner than completing on "
            f"{seen.expires_before.isoformat()} would give"
        )
    return line


def add_hypotheses(app: CeApp, items: Iterable[Hypothesis]) -> int:
    """Add what-ifs not already there; say how many were added. Nothing is stored."""
    fresh = [h for h in dict.fromkeys(items) if h not in app.hypotheses]
    if not fresh:
        app.notify("Already a what-if", markup=False, timeout=2)
        return 0
    word = "what-if" if len(fresh) == 1 else "what-ifs"
    app.set_hypotheses(f"added {len(fresh)} {word}", (*app.hypotheses, *fresh))
    app.notify(
        f"Added {len(fresh)} {word} (not saved): Progress shows the projection",
        markup=False,
        timeout=3,
    )
    return len(fresh)


def clear_hypotheses(app: CeApp) -> None:
    """Forget every what-if (none was ever stored); `ctrl+y` brings them back."""
    count = len(app.hypotheses)
    if not count:
        app.notify("No what-ifs to clear", markup=False, timeout=2)
        return
    app.set_hypotheses(f"cleared {count} what-if{'s' if count > 1 else ''}", ())
    app.notify(f"Cleared {count} what-if{'s' if count > 1 else ''}", markup=False, timeout=3)


def draft_of(item: HypotheticalClaim) -> Claim:
    """The draft claim for a hypothetical activity (a draft has no submitted date)."""
    return Claim(
        id=NEW_ID,
        activity=item.activity,
        catalog_id=item.catalog_id,
        credits=item.credits,
        completed=item.completed,
        submitted=None,
        status="draft",
    )


def commit_hypotheses(app: CeApp) -> None:
    """Save the what-if activities as draft claims in one write; what-if exams stay what-ifs.

    One `ctrl+z` deletes the drafts and brings the what-ifs back.
    """
    claims = [h for h in app.hypotheses if isinstance(h, HypotheticalClaim)]
    rest = tuple(h for h in app.hypotheses if not isinstance(h, HypotheticalClaim))
    if not claims:
        app.notify(
            "No what-if activity to save. Exams are recorded on Path (x) once passed.",
            markup=False,
            timeout=4,
        )
        return
    services, drafts = app.services, [draft_of(item) for item in claims]
    count = len(claims)
    words = "a draft claim" if count == 1 else f"{count} draft claims"
    write = app.apply(
        f"Saved what-ifs as {words}",
        lambda: services.add_claims(drafts),
        whatifs=(app.hypotheses, rest),
    )
    if rest:
        write.when_saved(
            lambda _change: app.notify(
                "What-if exams stay what-ifs: record them on Path (x) once passed.",
                markup=False,
                timeout=4,
            )
        )
