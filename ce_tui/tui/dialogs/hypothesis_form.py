"""Small forms that add a what-if: an activity one might complete, an exam one might pass.

A what-if lives only in the app's state (:attr:`CeApp.hypotheses`); these
forms write nothing. They parse their text with the domain's form helpers
into a :class:`~ce_tui.domain.whatif.HypotheticalClaim` or
:class:`~ce_tui.domain.whatif.HypotheticalExam`, show each problem next to
its field, and hand the valid record to their `on_save` callback.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from ce_tui.domain.forms import FieldErrors, build, parse_date, parse_number
from ce_tui.domain.models import Activity
from ce_tui.domain.whatif import HypotheticalClaim, HypotheticalExam
from ce_tui.tui import SCREENS_CSS
from ce_tui.tui.dialogs.claim_form import CatalogTitleForm
from ce_tui.tui.dialogs.exam_form import KIND_OPTIONS
from ce_tui.tui.dialogs.form import Field, FormDialog, Saved

WHATIF_HINT = "Only the projection changes; nothing is saved. Dates as YYYY-MM-DD."
"""The line under the title of both forms."""


class WhatIfActivityForm(CatalogTitleForm):
    """A hypothetical activity: title (a catalog title links it), credits, completion date."""

    FIELDS = (
        Field("activity", "Activity", "title (catalog titles complete with →)"),
        Field("credits", "Credits", "e.g. 16 or 2.5"),
        Field("completed", "Completed", "YYYY-MM-DD"),
    )

    def __init__(
        self,
        values: Mapping[str, str],
        catalog: Sequence[Activity],
        on_save: Callable[[HypotheticalClaim], Saved],
    ) -> None:
        """Open with `values` typed in; a typed catalog title links the activity."""
        super().__init__("What-if: an activity", values, catalog, on_save)

    def hint(self) -> str:
        """How to fill the form."""
        return WHATIF_HINT

    def field_changed(self, name: str) -> None:
        """Link a catalog title and fill in its credits when none are typed."""
        if name != "activity":
            return
        match = self.titles.get(self.values()["activity"].strip().casefold())
        self.link(match.id if match else "", match)

    def parse(self, values: dict[str, str]) -> tuple[HypotheticalClaim | None, FieldErrors]:
        """A hypothetical claim from the fields and the catalog link."""
        return build(
            HypotheticalClaim,
            {**values, "catalog_id": self.catalog_id},
            {"credits": parse_number, "completed": parse_date},
            optional=frozenset({"catalog_id"}),
        )


class WhatIfExamForm(FormDialog):
    """A hypothetical exam: its kind, the day it would be passed, an optional name."""

    CSS_PATH = SCREENS_CSS

    FIELDS = (
        Field("kind", "Kind", options=KIND_OPTIONS),
        Field("passed", "Passed", "YYYY-MM-DD"),
        Field("name", "Name", "optional, e.g. SCOR"),
    )

    def __init__(
        self, values: Mapping[str, str], on_save: Callable[[HypotheticalExam], Saved]
    ) -> None:
        """Open with `values` (kind, passed, name) typed in."""
        super().__init__("What-if: an exam", values, on_save)

    def hint(self) -> str:
        """How to fill the form."""
        return WHATIF_HINT

    def first_focus(self) -> str:
        """Start on the kind."""
        return "kind"

    def parse(self, values: dict[str, str]) -> tuple[HypotheticalExam | None, FieldErrors]:
        """A hypothetical exam from the fields (a blank name takes the default)."""
        text = {k: v for k, v in values.items() if k != "name" or v.strip()}
        return build(HypotheticalExam, text, {"passed": parse_date})
