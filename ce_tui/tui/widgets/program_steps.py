"""The CE program steps of one certification, as a checklist.

Each tick is read from the ledger or the evaluation, never computed from the
rules: terms accepted (the profile), path chosen (the stored record names
one), activities completed (approved and pending credit cover the path, its
exams are passed), claims filed (that, and no claim left in draft),
recertified (a `recertified` event in the history).
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ce_tui.domain.alerts import credits_text
from ce_tui.domain.evaluation import CertStatus, Evaluation
from ce_tui.domain.models import Ledger

TICK = "[x] "
"""A step done (reads without colour)."""
OPEN = "[ ] "
"""A step still open."""


def steps(status: CertStatus, ledger: Ledger, evaluation: Evaluation) -> list[tuple[bool, str]]:
    """(done, text) of each program step for the certification `status`."""
    option = status.path_option
    record = next((c for c in ledger.certifications if c.id == status.id), None)
    accepted = ledger.profile.terms_accepted
    covered = option.ce_approved + option.ce_pending >= option.ce_required
    done = covered and option.exams_missing == 0
    drafts = sum(1 for claim in ledger.claims if claim.status == "draft")
    recerts = [
        e for e in evaluation.history if e.certification == status.id and e.event == "recertified"
    ]
    work = []
    if option.ce_required:
        work.append(
            f"{credits_text(option.ce_approved)} approved + {credits_text(option.ce_pending)} "
            f"pending of {option.ce_required} CE"
        )
    if option.exams_required:
        plural = "s" if option.exams_required > 1 else ""
        work.append(f"{len(option.exams_passed)} of {option.exams_required} exam{plural} passed")
    chosen = record is not None and record.path is not None
    terms = (
        f"CE program terms accepted on {accepted.isoformat()}"
        if accepted
        else "CE program terms not accepted yet (t accepts them today)"
    )
    path = (
        f"Path chosen: {option.id} ({option.label or option.id})"
        if chosen
        else f"Path not chosen: following {option.id} (enter on an option chooses one)"
    )
    filed = "Claims filed"
    if drafts:
        filed += f": {drafts} draft claim{'s' if drafts > 1 else ''} not submitted yet"
    recertified = (
        f"Recertified on {recerts[-1].date.isoformat()} via path {recerts[-1].by}"
        if recerts
        else "Not recertified yet"
    )
    return [
        (accepted is not None, terms),
        (chosen, path),
        (done, "Activities completed: " + ", ".join(work)),
        (done and drafts == 0, filed),
        (bool(recerts), recertified),
    ]


class ProgramSteps(Static):
    """The checklist of the CE program steps."""

    def show(self, status: CertStatus, ledger: Ledger, evaluation: Evaluation) -> None:
        """Tick the steps for `status`."""
        self.update(
            Content("\n").join(
                Content.assemble((TICK if ok else OPEN, "bold $success" if ok else "bold"), text)
                for ok, text in steps(status, ledger, evaluation)
            )
        )
