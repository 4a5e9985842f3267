"""The form for an activity of the user's own, added to the catalog.

Each field is checked on every change with
:func:`~ce_tui.domain.forms.parse_activity` and its problem shown under it;
`ctrl+s` hands the activity to the `on_save` callback (which writes it through
the app) and closes only when that succeeds.
"""

from __future__ import annotations

from collections.abc import Callable

from ce_tui.domain.alerts import credits_text
from ce_tui.domain.forms import FieldErrors, parse_activity
from ce_tui.domain.models import ACTIVITY_TYPES, TECHNOLOGIES, Activity
from ce_tui.tui import SCREENS_CSS
from ce_tui.tui.dialogs.form import Field, FormDialog, Saved

OPTIONAL = frozenset({"hours", "sessions", "format", "code", "source"})
"""Fields left to the model's default when empty."""


class ActivityForm(FormDialog):
    """Title, provider, type, technology, credits and the optional details of an activity."""

    CSS_PATH = SCREENS_CSS

    FIELDS = (
        Field("title", "Title", "what the activity is called"),
        Field("provider", "Provider", "e.g. Cisco, a learning partner"),
        Field("type", "Type", options=tuple((label, key) for key, label in ACTIVITY_TYPES.items())),
        Field("technology", "Technology", options=tuple((t, t) for t in TECHNOLOGIES)),
        Field("credits", "CE credits", "e.g. 16 or 2.5"),
        Field("hours", "Hours", "optional, e.g. 8"),
        Field("format", "Format", "optional, e.g. 5-day class"),
        Field("price_clc", "Price (CLC)", "optional, Cisco Learning Credits"),
        Field("sessions", "Sessions", "optional: YYYY-MM-DD, YYYY-MM-DD ..."),
        Field("code", "Code", "optional, e.g. ENCOR"),
        Field("source", "Source", "optional: where the credit value is published"),
    )

    def __init__(
        self, on_save: Callable[[Activity], Saved], activity: Activity | None = None
    ) -> None:
        """An empty form, or one filled from `activity`; `on_save(activity)` writes it."""
        heading = f"Edit {activity.title}" if activity else "New activity"
        super().__init__(heading, activity_values(activity) if activity else {}, on_save)

    def hint(self) -> str:
        """How to fill the form."""
        return "Your own activity joins the catalog. ctrl+s saves, escape cancels."

    def parse(self, values: dict[str, str]) -> tuple[Activity | None, FieldErrors]:
        """An activity from the fields (empty optional fields take their defaults)."""
        text = {
            name: value for name, value in values.items() if value.strip() or name not in OPTIONAL
        }
        return parse_activity({**text, "id": self.initial.get("id", "")})


def activity_values(activity: Activity) -> dict[str, str]:
    """The form text of an existing activity (with its id)."""
    price = activity.price_clc
    return {
        "id": activity.id,
        "title": activity.title,
        "provider": activity.provider,
        "type": activity.type,
        "technology": activity.technology,
        "credits": credits_text(activity.credits),
        "hours": f"{activity.hours:g}" if activity.hours else "",
        "format": activity.format,
        "price_clc": "" if price is None else credits_text(price),
        "sessions": " ".join(day.isoformat() for day in activity.sessions),
        "code": activity.code,
        "source": activity.source,
    }
