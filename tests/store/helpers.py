"""Helpers of the store tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from ce_tui.domain.models import Claim, Ledger


def make_claim(number: int, prefix: str = "c") -> Claim:
    """A valid approved claim with id `<prefix><number>`."""
    return Claim(
        id=f"{prefix}{number}",
        activity=f"Course {number}",
        credits=Decimal(8) if number % 2 else Decimal("12.5"),
        completed=date(2025, 1, 2),
        submitted=date(2025, 2, 2),
        status="approved",
    )


def add_claim(claim: Claim) -> Callable[[Ledger], Ledger]:
    """A change appending `claim`."""
    return lambda ledger: replace(ledger, claims=(*ledger.claims, claim))


def temp_files(folder: Path) -> list[str]:
    """Temporary files a write left in `folder`."""
    return sorted(p.name for p in folder.iterdir() if ".tmp-" in p.name)
