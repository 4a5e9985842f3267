"""The claim form, and :class:`CatalogTitleForm`, the base of forms about a catalog activity.

A form holds text. On every change it asks the domain to parse that text
(:func:`~ce_tui.domain.forms.parse_claim`) and shows each problem next to its
field; `ctrl+s` hands the parsed record to the `on_save` callback it was given
and closes only when that callback reports success, so a store error leaves
the form open with what was typed (see :class:`~ce_tui.tui.dialogs.form.FormDialog`).
The form itself writes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from textual.app import ComposeResult
from textual.suggester import SuggestFromList
from textual.widgets import Input, Select, Static

from ce_tui.domain.alerts import credits_text
from ce_tui.domain.forms import FieldErrors, parse_claim, parse_date
from ce_tui.domain.models import CLAIM_STATUSES, Activity, Claim, Evidence
from ce_tui.domain.rules import Rules
from ce_tui.evidence import EvidenceError, attach
from ce_tui.tui import SCREENS_CSS
from ce_tui.tui.dialogs.form import Field, FormDialog, Saved


class CatalogTitleForm(FormDialog):
    """A form whose `activity` field completes catalog titles and links the activity named.

    The link (`catalog_id`) is shown under the fields; linking an activity
    types in its credits when none are typed yet.
    """

    CSS_PATH = SCREENS_CSS

    UNLINKED = "Catalog: not linked"
    """The link line when no catalog activity is linked."""

    def __init__(
        self,
        heading: str,
        values: Mapping[str, str],
        catalog: Sequence[Activity],
        on_save: Callable[[Any], Saved],
    ) -> None:
        """Open with `values` typed in (`catalog_id` among them, if linked already)."""
        super().__init__(heading, values, on_save)
        self.catalog_id = self.initial.get("catalog_id", "")
        """The catalog activity linked ("" for none)."""
        self.titles = {a.title.casefold(): a for a in reversed(catalog)}
        """Catalog activities by title (the first of each title), to link a typed title."""

    def compose_extra(self) -> ComposeResult:
        """The catalog activity linked."""
        yield Static(self._link_text(), id="catalog-link", classes="form-note", markup=False)

    def suggester(self, field: Field) -> SuggestFromList | None:
        """Complete the activity from catalog titles (→ accepts)."""
        if field.name != "activity" or not self.titles:
            return None
        return SuggestFromList([a.title for a in self.titles.values()], case_sensitive=False)

    def _link_text(self) -> str:
        """Which catalog activity is linked, in words."""
        return f"Catalog: {self.catalog_id}" if self.catalog_id else self.UNLINKED

    def link(self, catalog_id: str, activity: Activity | None = None) -> None:
        """Link `catalog_id` ("" for none); a linked `activity` types in its credits if none are."""
        self.catalog_id = catalog_id
        if activity is not None:
            credits = self.query_one("#field-credits", Input)
            if not credits.value.strip():
                credits.value = credits_text(activity.credits)
        self.query_one("#catalog-link", Static).update(self._link_text())


FUTURE_NOTE = (
    "Completed after today ({today}): it counts only from that day, and cannot be approved before."
)
"""The warning under a claim dated after today."""

STATUS_OPTIONS = tuple((status, status) for status in CLAIM_STATUSES)
"""The claim statuses as choices."""


def default_status(submitted: str) -> str:
    """The status a claim takes unless chosen by hand: pending once submitted, else draft."""
    return "pending" if submitted.strip() else "draft"


class ClaimForm(CatalogTitleForm):
    """Fields of one claim; the status follows the submitted date until set by hand."""

    UNLINKED = "Catalog: not linked (a catalog title links it)"
    """The link line of an unlinked claim, saying how to link it."""

    FIELDS = (
        Field("activity", "Activity", "title of the activity"),
        Field("credits", "Credits", "e.g. 16 or 2.5"),
        Field("completed", "Completed", "YYYY-MM-DD"),
        Field("submitted", "Submitted", "YYYY-MM-DD, empty if not yet"),
        Field("status", "Status", options=STATUS_OPTIONS),
        Field("evidence", "Evidence", "certificate file (path), empty if none"),
    )

    def __init__(
        self,
        heading: str,
        values: Mapping[str, str],
        rules: Rules,
        catalog: Sequence[Activity],
        on_save: Callable[[Claim], Saved],
        evidence: Evidence | None = None,
    ) -> None:
        """`values` may also hold `id` and `catalog_id`; `catalog` feeds the completion.

        `evidence` is the claim's evidence as attached: kept (size and hash as
        they were) while its path is left as it is.
        """
        base = {"submitted": "", "catalog_id": "", "evidence": "", **values}
        base.setdefault("status", default_status(base["submitted"]))
        super().__init__(heading, base, catalog, on_save)
        self.rules = rules
        """The rules the claim window comes from."""
        self.by_id = {a.id: a for a in catalog}
        """Catalog activities by id."""
        self.status_by_hand = base["status"] != default_status(base["submitted"])
        """True once the status was chosen by hand: it no longer follows the submitted date."""
        self._auto_status = base["status"]
        self.evidence = evidence
        """The evidence the claim had when the form opened."""
        self._attached: dict[tuple[str, int, int], Evidence] = {}
        """Files hashed so far, by (path, size, modification time): each is read once."""

    def compose_extra(self) -> ComposeResult:
        """The catalog link, then a note when the activity is dated after today."""
        yield from super().compose_extra()
        yield Static("", id="claim-note", classes="form-note", markup=False)

    def parse(self, values: dict[str, str]) -> tuple[Claim | None, FieldErrors]:
        """A claim from the fields plus its id, catalog link and evidence file (as of today)."""
        values = dict(values)
        path = values.pop("evidence", "").strip()
        text = {
            **values,
            "id": self.initial.get("id", ""),
            "catalog_id": self.catalog_id,
        }
        claim, errors = parse_claim(text, self.rules, self.ce_app.today)
        try:
            evidence = self.evidence_of(path)
        except EvidenceError as exc:
            errors["evidence"] = str(exc)
            return None, errors
        if claim is None:
            return None, errors
        return replace(claim, evidence=evidence), errors

    def evidence_of(self, path: str) -> Evidence | None:
        """The evidence of the file at `path`: the one attached before when the path is kept."""
        if not path:
            return None
        if self.evidence is not None and path == self.evidence.path:
            return self.evidence
        try:
            info = os.stat(os.path.expanduser(path))
        except OSError:
            info = None
        key = (path, info.st_size, info.st_mtime_ns) if info is not None else None
        if key is not None and key in self._attached:
            return self._attached[key]
        evidence = attach(path)
        if key is not None:
            self._attached[key] = evidence
        return evidence

    def check(self) -> Claim | None:
        """Validate, and warn when the activity is completed after today."""
        record = super().check()
        note = self.query_one("#claim-note", Static)
        today = self.ce_app.today
        try:
            completed = parse_date(self.values()["completed"])
        except ValueError:
            completed = None
        future = completed is not None and completed > today
        note.update(FUTURE_NOTE.format(today=today.isoformat()) if future else "")
        note.display = future
        return record

    def field_changed(self, name: str) -> None:
        """Link the activity to the catalog; keep the automatic status in step."""
        values = self.values()
        if name == "activity":
            self._relink(values["activity"])
        elif name == "submitted" and not self.status_by_hand:
            wanted = default_status(values["submitted"])
            if wanted != values["status"]:
                self._auto_status = wanted
                self.query_one("#field-status", Select).value = wanted
        elif name == "status" and values["status"] != self._auto_status:
            self.status_by_hand = True

    def _relink(self, title: str) -> None:
        """Keep the link while the title is its activity's; else link by exact title."""
        text = title.strip().casefold()
        linked = self.by_id.get(self.catalog_id)
        if linked is not None and linked.title.casefold() == text:
            return
        if text == self.initial.get("activity", "").strip().casefold():
            self.link(self.initial.get("catalog_id", ""))
        elif (match := self.titles.get(text)) is not None:
            self.link(match.id, match)
        else:
            self.link("")


def claim_values(claim: Claim) -> dict[str, str]:
    """The form text of an existing claim."""
    return {
        "id": claim.id,
        "activity": claim.activity,
        "catalog_id": claim.catalog_id or "",
        "credits": credits_text(claim.credits),
        "completed": claim.completed.isoformat(),
        "submitted": claim.submitted.isoformat() if claim.submitted else "",
        "status": claim.status,
        "evidence": claim.evidence.path if claim.evidence else "",
    }
