"""Changes as values: a patch between two ledgers applies, reverses, refuses stale data."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ce_tui.domain.changes import Patch, apply_patch, diff
from ce_tui.domain.models import Ledger, Profile
from ce_tui.domain.validation import InvalidInput
from tests.domain.strategies import claims, ledgers


@st.composite
def edited(draw: st.DrawFn) -> tuple[Ledger, Ledger]:
    """A ledger and the same ledger after deletes, edits and additions (kept records in order)."""
    old = draw(ledgers(max_claims=12))
    kept = [c for c in old.claims if draw(st.booleans())]
    kept = [
        replace(c, activity=f"{c.activity} (edited)") if draw(st.booleans()) else c for c in kept
    ]
    extra = draw(st.lists(claims(100), max_size=3, unique_by=lambda c: c.activity))
    added = [replace(c, id=f"new{i}") for i, c in enumerate(extra)]
    at = draw(st.integers(0, len(kept)))
    new_claims = (*kept[:at], *added, *kept[at:])
    profile = draw(st.sampled_from([old.profile, Profile(terms_accepted=None)]))
    exams = old.exams[1:] if draw(st.booleans()) else old.exams
    return old, replace(old, claims=new_claims, exams=exams, profile=profile)


@given(edited())
def test_a_patch_turns_old_into_new_and_its_inverse_brings_old_back(pair) -> None:
    """diff(old, new) applied to old gives new; its inverse applied to new gives old exactly."""
    old, new = pair
    patch = diff(old, new)
    assert apply_patch(old, patch) == new
    assert apply_patch(new, patch.inverse()) == old
    assert patch.inverse().inverse() == patch
    assert set(patch.created()) == {c.id for c in new.claims} - {c.id for c in old.claims}


@given(ledgers(max_claims=6))
def test_no_change_is_an_empty_patch(ledger) -> None:
    """A ledger compared with itself gives a patch that changes nothing."""
    patch = diff(ledger, ledger)
    assert patch.empty
    assert apply_patch(ledger, patch) == ledger


def test_a_stale_undo_is_refused() -> None:
    """An undo of a record changed elsewhere since is refused, naming what changed."""
    from tests.tui.helpers import claim

    old = Ledger(claims=(claim("c1", "A"),))
    new = Ledger(claims=(claim("c1", "A", credits=8),))
    undo = diff(old, new).inverse()
    elsewhere = Ledger(claims=(claim("c1", "A", credits=40),))
    with pytest.raises(InvalidInput, match="changed elsewhere"):
        apply_patch(elsewhere, undo)
    gone = diff(Ledger(), old).inverse()
    with pytest.raises(InvalidInput, match="deleted elsewhere"):
        apply_patch(Ledger(), diff(old, Ledger()))
    assert apply_patch(old, gone) == Ledger()
    with pytest.raises(InvalidInput, match="exists again"):
        apply_patch(old, diff(Ledger(), old))


def test_a_stale_profile_is_refused() -> None:
    """Undoing a profile change made elsewhere since is refused."""
    from datetime import date

    old = Ledger()
    new = Ledger(profile=Profile(terms_accepted=date(2026, 1, 1)))
    other = Ledger(profile=Profile(terms_accepted=date(2026, 2, 1)))
    with pytest.raises(InvalidInput, match="profile"):
        apply_patch(other, diff(old, new).inverse())
    assert apply_patch(new, diff(old, new).inverse()) == old
    assert Patch().empty
