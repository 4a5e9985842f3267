"""Every service operation returns a Change whose undo, applied by the services, restores the store.

Each operation runs on a store holding the demo profile plus one activity of
the user's own; its change's undo patch, applied through `Services.apply`
(the same locked write path), must give back the stored ledger exactly, and
the undo's own undo (a redo) must give back the ledger after the operation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ce_tui.demo import demo_ledger
from ce_tui.domain.changes import Change
from ce_tui.domain.models import Activity, Certification, Claim, Exam, Ledger
from ce_tui.domain.rules import default_rules
from ce_tui.domain.validation import InvalidInput, to_document
from ce_tui.services import Services
from ce_tui.store import TinyDBStore

TODAY = date(2026, 11, 28)

Operation = Callable[[Services, Ledger], Change]


def _draft(title: str) -> Claim:
    """A new draft claim."""
    return Claim(id="new", activity=title, credits=Decimal(4), completed=TODAY, status="draft")


def _exam() -> Exam:
    """A new passed exam."""
    return Exam(id="new", code="350-701", name="SCOR", kind="core", passed=date(2026, 6, 1))


def _cert() -> Certification:
    """A new certification."""
    return Certification(id="new", name="CCNA again", level="associate", earned=date(2026, 3, 1))


def _activity(title: str) -> Activity:
    """An activity of the user's own."""
    return Activity(
        id="new",
        title=title,
        provider="Me",
        type="elearning",
        technology="Security",
        credits=Decimal(3),
    )


def _document(ledger: Ledger) -> object:
    """The ledger as a document with one claim edited and one added (ids kept)."""
    claims = (replace(ledger.claims[0], credits=Decimal(45)), *ledger.claims[1:])
    extra = replace(_draft("Imported draft"), id="c99")
    return to_document(replace(ledger, claims=(*claims, extra)))


OPERATIONS: dict[str, Operation] = {
    "add_claim": lambda s, _led: s.add_claim(_draft("Lab day")),
    "add_claims": lambda s, _led: s.add_claims([_draft("A"), _draft("B")]),
    "delete_claims": lambda s, _led: s.delete_claims(["c2", "c5", "c7"]),
    "edit_claim": lambda s, led: s.edit_claim(
        replace(led.claims[2], credits=Decimal(20)), expected=led.claims[2]
    ),
    "delete_claim": lambda s, led: s.delete_claim("c1", expected=led.claims[0]),
    "set_claim_status": lambda s, _led: s.set_claim_status("c5", "pending", TODAY),
    "add_certification": lambda s, _led: s.add_certification(_cert()),
    "edit_certification": lambda s, led: s.edit_certification(
        replace(led.certifications[3], name="CCNA (edited)"), expected=led.certifications[3]
    ),
    "delete_certification": lambda s, led: s.delete_certification(
        "ccnp-sec", expected=led.certifications[1]
    ),
    "set_path": lambda s, _led: s.set_path("ccnp-sec", "ce+exam"),
    "set_retired": lambda s, _led: s.set_retired("ccna", True),
    "add_exam": lambda s, _led: s.add_exam(_exam()),
    "edit_exam": lambda s, led: s.edit_exam(replace(led.exams[0], name="CCNA v1.1")),
    "delete_exam": lambda s, _led: s.delete_exam("ccde-written"),
    "add_activity": lambda s, _led: s.add_activity(_activity("Second")),
    "delete_activity": lambda s, led: s.delete_activity(led.catalog[0].id),
    "accept_terms": lambda s, _led: s.accept_terms(TODAY),
    "import_document": lambda s, led: s.import_document(_document(led))[0],
    "import_sheet": lambda s, _led: s.import_sheet(
        s.read_sheet(b"activity,credits,completed,status\nFrom a sheet,2,2026-11-01,draft\n")
    )[0],
}


@pytest.fixture
def services(tmp_path: Path) -> Services:
    """Services on a store holding the demo profile and one activity of the user's own."""
    services = Services(TinyDBStore(tmp_path / "s.json"), default_rules())
    services.import_document(to_document(demo_ledger(TODAY)))
    services.add_activity(_activity("Mine"))
    return services


@pytest.mark.parametrize("name", OPERATIONS)
def test_undo_restores_the_store_exactly_and_redo_repeats(services: Services, name: str) -> None:
    """The change's undo gives back the stored ledger; the undo's undo gives the change again."""
    before = services.load()
    change = OPERATIONS[name](services, before)
    after = services.load()
    assert change.ledger == after != before
    assert set(change.created) == _ids(after) - _ids(before)
    undone = services.apply(change.undo)
    assert services.load() == undone.ledger == before
    redone = services.apply(undone.undo)
    assert services.load() == redone.ledger == after


def test_additions_name_the_ids_they_created(services: Services) -> None:
    """An add says which id the store gave; nobody needs to look for the last record."""
    assert services.add_claim(_draft("One")).created == ("c9",)
    assert services.add_claims([_draft("Two"), _draft("Three")]).created == ("c10", "c11")
    assert services.add_exam(_exam()).created == ("exam1",)
    assert services.add_certification(_cert()).created == ("cert1",)
    assert services.add_activity(_activity("Another")).created == ("my2",)
    assert services.set_path("ccna", "exam").created == ()


def test_an_undo_of_a_record_changed_elsewhere_is_refused_and_writes_nothing(
    services: Services,
) -> None:
    """Undoing an edit after another window changed the record again: refused, file untouched."""
    ledger = services.load()
    change = services.edit_claim(replace(ledger.claims[2], credits=Decimal(20)))
    services.edit_claim(replace(ledger.claims[2], credits=Decimal(12)))
    data = services.store.path.read_bytes()
    with pytest.raises(InvalidInput, match="changed elsewhere"):
        services.apply(change.undo)
    assert services.store.path.read_bytes() == data


def test_a_dry_run_import_writes_nothing_and_says_what_it_would_do(services: Services) -> None:
    """A dry run's change is what the import would give; the file is not touched."""
    data = services.store.path.read_bytes()
    sheet = services.read_sheet(b"activity,credits,completed,status\nX,2,2026-11-01,draft\n")
    would, counts = services.import_sheet(sheet, dry_run=True)
    assert services.store.path.read_bytes() == data
    assert counts.added == 1 and would.created == counts.added_ids


def _ids(ledger: Ledger) -> set[str]:
    """Every record id of a ledger, tagged with its table."""
    return {
        r.id
        for table in (ledger.certifications, ledger.exams, ledger.claims, ledger.catalog)
        for r in table
    }
