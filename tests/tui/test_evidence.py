"""Evidence in the app: the claim form attaches a file; Claims shows and flags evidence."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, Static

from ce_tui.domain.models import Ledger
from ce_tui.tui.app import CeApp
from ce_tui.tui.dialogs.claim_form import ClaimForm
from ce_tui.tui.widgets.lazy_table import LazyTable
from tests.tui.helpers import claim, settle

MakeApp = Callable[..., CeApp]
SIZE = (110, 30)


def table_text(app: CeApp) -> str:
    """The claims table as drawn."""
    widget = app.screen.query_one("#claims-table", LazyTable)
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


async def test_claims_flags_submitted_claims_without_evidence(make_app: MakeApp) -> None:
    ledger = Ledger(
        claims=(
            claim("c1", "Approved without", status="approved"),
            claim("c2", "Draft without", status="draft", submitted=None),
        )
    )
    app = make_app(ledger)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        lines = table_text(app).splitlines()
        assert "Evidence" in lines[0]
        approved = next(line for line in lines if "Approved without" in line)
        draft = next(line for line in lines if "Draft without" in line)
        assert "MISSING" in approved and "MISSING" not in draft
        detail = app.screen.query_one("#claims-detail", Static)
        assert "evidence" not in str(detail.render())  # the draft is highlighted first
        await pilot.press("down")
        await settle(pilot)
        assert "no evidence: attach its certificate" in str(detail.render())


async def test_the_form_attaches_a_file_and_keeps_its_hash(
    make_app: MakeApp, tmp_path: Path
) -> None:
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(b"%PDF certificate of completion")
    app = make_app(Ledger(claims=(claim("c1", "ENCOR e-learning"),)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ClaimForm)
        box = app.screen.query_one("#field-evidence", Input)
        box.value = str(tmp_path / "nope.pdf")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ClaimForm)  # a missing file is refused
        error = str(app.screen.query_one("#error-evidence", Static).render())
        assert "does not exist" in error
        box.value = str(pdf)
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ClaimForm)
        stored = app.services.load().claims[0].evidence
        assert stored is not None
        assert stored.path == str(pdf)
        assert stored.sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()
        assert "yes" in table_text(app)
        # The file changes behind the app's back; saving the form again keeps the old hash.
        pdf.write_bytes(b"something else")
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#field-activity", Input).value = "ENCOR e-learning (labs)"
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        again = app.services.load().claims[0]
        assert again.activity == "ENCOR e-learning (labs)"
        assert again.evidence == stored
