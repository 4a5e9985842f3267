"""What the Cisco CE portal's claim form asks for, as text to paste into it."""

from __future__ import annotations

from ce_tui.domain.alerts import credits_text
from ce_tui.domain.models import Claim
from ce_tui.domain.text import safe

PORTAL_FIELDS = ("title", "catalog id", "completion date", "credits")
"""The portal's fields, in the order they are copied."""


def portal_text(claim: Claim) -> str:
    """The claim's title, catalog id, completion date and credits, one labelled line each."""
    values = (
        claim.activity,
        claim.catalog_id or "",
        claim.completed.isoformat(),
        credits_text(claim.credits),
    )
    return "".join(
        f"{name.capitalize()}: {safe(value)}\n"
        for name, value in zip(PORTAL_FIELDS, values, strict=True)
    )
