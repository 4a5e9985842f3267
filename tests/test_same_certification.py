"""A certification recorded twice (same name, same day earned) is refused, not kept twice."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ce_tui.domain.models import Certification
from ce_tui.domain.rules import default_rules
from ce_tui.domain.validation import InvalidInput
from ce_tui.services import Services
from ce_tui.store import TinyDBStore

CCNP = Certification(
    id="new", name="CCNP Enterprise", level="professional", earned=date(2024, 3, 1)
)


def test_adding_the_same_certification_again_is_refused(tmp_path: Path) -> None:
    """Same name in another case and spacing, same day: refused, the file unchanged."""
    services = Services(TinyDBStore(tmp_path / "s.json"), default_rules())
    services.add_certification(CCNP)
    before = (tmp_path / "s.json").read_bytes()
    with pytest.raises(InvalidInput, match="already recorded"):
        services.add_certification(replace(CCNP, name="ccnp  enterprise"))
    assert (tmp_path / "s.json").read_bytes() == before


def test_the_same_name_earned_another_day_is_another_certification(tmp_path: Path) -> None:
    """Earned again later (after it expired): a second record is accepted."""
    services = Services(TinyDBStore(tmp_path / "s.json"), default_rules())
    services.add_certification(CCNP)
    ledger = services.add_certification(replace(CCNP, earned=date(2028, 5, 1))).ledger
    assert len(ledger.certifications) == 2
