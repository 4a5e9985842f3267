"""Switching between certifications on a screen that shows one at a time (Path, Plan).

Such a screen shows :attr:`CeApp.selected_cert` (by default the target, else
the first certification); `[` and `]` move to the previous and next one,
wrapping around, and its heading names it with its place among them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content

from ce_tui.domain.evaluation import CertStatus, Evaluation
from ce_tui.tui.widgets.cert_card import TARGET_MARK, badge

if TYPE_CHECKING:
    from ce_tui.tui.app import CeApp

SWITCH = Binding.Group("Cert")
"""Previous and next certification share one footer entry."""


def switch_bindings(screen: str) -> list[Binding]:
    """The `[` and `]` keys of `screen` (the prefix of their binding ids)."""
    return [
        Binding(
            "left_square_bracket",
            "cycle(-1)",
            "Prev",
            id=f"{screen}.previous",
            tooltip="Previous cert",
            key_display="[",
            group=SWITCH,
        ),
        Binding(
            "right_square_bracket",
            "cycle(1)",
            "Next",
            id=f"{screen}.next",
            tooltip="Next cert",
            key_display="]",
            group=SWITCH,
        ),
    ]


def shown_cert(app: CeApp) -> CertStatus | None:
    """The certification on screen: the selected one, else the target, else the first."""
    evaluation = app.evaluation
    if evaluation is None or not evaluation.certifications:
        return None
    for wanted in (app.selected_cert, evaluation.target):
        found = evaluation.cert(wanted) if wanted else None
        if found is not None:
            return found
    return evaluation.certifications[0]


def cycle_cert(app: CeApp, delta: int) -> None:
    """Select the certification `delta` places after the one on screen (wrapping around)."""
    evaluation, status = app.evaluation, shown_cert(app)
    if evaluation is None or status is None:
        return
    ids = [c.id for c in evaluation.certifications]
    app.selected_cert = ids[(ids.index(status.id) + delta) % len(ids)]


def switch_heading(status: CertStatus, evaluation: Evaluation) -> Content:
    """'‹ name · level BADGE ★ target  2 of 5 ›  ([ ] switch)' for the certification shown."""
    place = [c.id for c in evaluation.certifications].index(status.id) + 1
    head = Content.assemble("‹ ", (status.name, "bold"), f" · {status.level} ", badge(status))
    if status.id == evaluation.target:
        head = Content.assemble(head, " ", (TARGET_MARK, "bold $accent"))
    count = len(evaluation.certifications)
    return Content.assemble(head, f"  {place} of {count} ›  ([ ] switch)")
