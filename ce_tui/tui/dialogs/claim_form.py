"""The claim form, and :class:`FormDialog`, the base of every record form.

A form holds text. On every change it asks the domain to parse that text
(:func:`~ce_tui.domain.forms.parse_claim`) and shows each problem next to its
field; `ctrl+s` hands the parsed record to the `on_save` callback it was given
and closes only when that callback reports success, so a store error leaves
the form open with what was typed. The form itself writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from ce_tui.domain.alerts import credits_text
from ce_tui.domain.forms import FieldErrors, parse_claim
from ce_tui.domain.models import CLAIM_STATUSES, Activity, Claim
from ce_tui.domain.rules import Rules


@dataclass(frozen=True)
class Field:
    """One field of a form: a text box, or a choice when `options` is given."""

    name: str
    label: str
    placeholder: str = ""
    options: tuple[tuple[str, str], ...] = ()
    """(label, value) pairs of a choice field."""


class FormDialog(ModalScreen[None]):
    """A modal form of :attr:`FIELDS` with inline errors, `ctrl+s` to save, `escape` to cancel."""

    FIELDS: tuple[Field, ...] = ()
    """The fields, in Tab order."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save", tooltip="Save (only when valid)"),
        Binding("escape", "cancel", "Cancel", id="form.cancel", tooltip="Close without saving"),
    ]

    def __init__(
        self, heading: str, values: Mapping[str, str], on_save: Callable[[Any], bool]
    ) -> None:
        """Open with `values` typed in; `on_save(record)` writes it and returns success."""
        super().__init__()
        self.heading = heading
        """The title of the form."""
        self.initial = dict(values)
        """What the fields held when the form opened."""
        self.on_save = on_save
        """Writes a valid record; False keeps the form open."""
        self.touched: set[str] = set()
        """Fields changed since the form opened (only their errors are shown until a save)."""
        self.show_all = False
        """True after a save attempt: every error is shown."""

    # Layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """The heading, a row and an error line per field, then the buttons."""
        with VerticalScroll(classes="form-box", can_focus=False) as box:
            box.border_title = self.heading
            yield Static(self.hint(), classes="form-hint", markup=False)
            for field in self.FIELDS:
                with Horizontal(classes="form-row"):
                    yield Label(field.label, classes="form-label", markup=False)
                    yield self.make_input(field)
                yield Static("", id=f"error-{field.name}", classes="form-error", markup=False)
            yield from self.compose_extra()
            yield Static("", id="error-form", classes="form-error", markup=False)
            with Horizontal(classes="form-buttons"):
                yield Button("Save (ctrl+s)", id="form-save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="form-cancel", compact=True)

    def hint(self) -> str:
        """The line under the heading."""
        return "ctrl+s saves, escape cancels."

    def compose_extra(self) -> ComposeResult:
        """Widgets shown after the fields (none by default)."""
        yield from ()

    def make_input(self, field: Field) -> Widget:
        """The widget that edits `field`."""
        value = self.initial.get(field.name, "")
        if field.options:
            return Select(
                field.options,
                value=value or field.options[0][1],
                allow_blank=False,
                compact=True,
                id=f"field-{field.name}",
                classes="form-input",
            )
        return Input(
            value,
            placeholder=field.placeholder,
            compact=True,
            id=f"field-{field.name}",
            classes="form-input",
            suggester=self.suggester(field),
        )

    def suggester(self, field: Field) -> SuggestFromList | None:
        """Completions for a text field (none by default)."""
        return None

    def on_mount(self) -> None:
        """Focus a field; show the errors of the values given (none until touched)."""
        self.query_one(f"#field-{self.first_focus()}").focus()
        self.check()

    def first_focus(self) -> str:
        """The field focused on opening: the first empty one of a new record."""
        if self.initial.get("id"):
            return self.FIELDS[0].name
        empty = [f.name for f in self.FIELDS if not f.options and not self.initial.get(f.name)]
        return empty[0] if empty else self.FIELDS[0].name

    # Values and errors ----------------------------------------------------------

    def values(self) -> dict[str, str]:
        """What each field holds now, as text."""
        result: dict[str, str] = {}
        for field in self.FIELDS:
            widget = self.query_one(f"#field-{field.name}")
            if isinstance(widget, Select):
                result[field.name] = "" if widget.is_blank() else str(widget.value)
            elif isinstance(widget, Input):
                result[field.name] = widget.value
        return result

    def parse(self, values: dict[str, str]) -> tuple[Any | None, FieldErrors]:
        """Turn the text into a record, or errors by field name."""
        raise NotImplementedError

    def check(self) -> Any | None:
        """Parse the fields and show their errors; the record when valid."""
        record, errors = self.parse(self.values())
        names = {field.name for field in self.FIELDS}
        loose = [msg for name, msg in errors.items() if name not in names]
        for field in self.FIELDS:
            message = errors.get(field.name, "")
            shown = self.show_all or field.name in self.touched
            error = self.query_one(f"#error-{field.name}", Static)
            error.update(Text(f"↳ {message}") if message and shown else "")
            error.display = bool(message and shown)
            self.query_one(f"#field-{field.name}").set_class(bool(message and shown), "-invalid")
        general = self.query_one("#error-form", Static)
        general.update(Text("\n".join(loose)) if loose and self.show_all else "")
        general.display = bool(loose and self.show_all)
        return record

    def field_changed(self, name: str) -> None:
        """React to an edit of field `name` (subclasses adjust dependent fields)."""

    def on_input_changed(self, event: Input.Changed) -> None:
        """Validate on every keystroke."""
        self._changed(event.input.id)

    def on_select_changed(self, event: Select.Changed) -> None:
        """Validate when a choice changes."""
        self._changed(event.select.id)

    def _changed(self, widget_id: str | None) -> None:
        """Mark a field touched, let the subclass react, re-validate."""
        if not widget_id or not widget_id.startswith("field-"):
            return
        name = widget_id.removeprefix("field-")
        if self.values().get(name, "") != self.initial.get(name, ""):
            self.touched.add(name)
        self.field_changed(name)
        self.check()

    # Actions ----------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a text box moves to the next field."""
        event.stop()
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The Save and Cancel buttons."""
        event.stop()
        if event.button.id == "form-save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        """Save when valid; otherwise show every error and focus the first bad field."""
        self.show_all = True
        record = self.check()
        if record is None:
            bad = self.query(".form-input.-invalid")
            if bad:
                bad.first().focus()
            return
        if self.on_save(record):
            self.dismiss(None)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)


STATUS_OPTIONS = tuple((status, status) for status in CLAIM_STATUSES)
"""The claim statuses as choices."""


def default_status(submitted: str) -> str:
    """The status a claim takes unless chosen by hand: pending once submitted, else draft."""
    return "pending" if submitted.strip() else "draft"


class ClaimForm(FormDialog):
    """Fields of one claim; the status follows the submitted date until set by hand."""

    FIELDS = (
        Field("activity", "Activity", "title of the activity"),
        Field("credits", "Credits", "e.g. 16 or 2.5"),
        Field("completed", "Completed", "YYYY-MM-DD"),
        Field("submitted", "Submitted", "YYYY-MM-DD, empty if not yet"),
        Field("status", "Status", options=STATUS_OPTIONS),
    )

    def __init__(
        self,
        heading: str,
        values: Mapping[str, str],
        rules: Rules,
        catalog: Sequence[Activity],
        on_save: Callable[[Claim], bool],
    ) -> None:
        """`values` may also hold `id` and `catalog_id`; `catalog` feeds the completion."""
        base = {"submitted": "", "catalog_id": "", **values}
        base.setdefault("status", default_status(base["submitted"]))
        super().__init__(heading, base, on_save)
        self.rules = rules
        """The rules the claim window comes from."""
        self.catalog_id = base["catalog_id"]
        """The catalog activity the claim is for ("" for none)."""
        self.titles = {a.title.casefold(): a for a in reversed(catalog)}
        """Catalog activities by title (the first of each title), to link a typed title."""
        self.by_id = {a.id: a for a in catalog}
        """Catalog activities by id."""
        self.status_by_hand = base["status"] != default_status(base["submitted"])
        """True once the status was chosen by hand: it no longer follows the submitted date."""
        self._auto_status = base["status"]

    def hint(self) -> str:
        """How to type the fields."""
        return "Dates as YYYY-MM-DD. Tab moves, ctrl+s saves, escape cancels."

    def compose_extra(self) -> ComposeResult:
        """The catalog activity the claim is linked to."""
        yield Static(self._link_text(), id="claim-link", classes="form-note", markup=False)

    def suggester(self, field: Field) -> SuggestFromList | None:
        """Complete the activity from catalog titles (→ accepts)."""
        if field.name != "activity" or not self.titles:
            return None
        return SuggestFromList([a.title for a in self.titles.values()], case_sensitive=False)

    def _link_text(self) -> str:
        """Which catalog activity the claim counts as."""
        if not self.catalog_id:
            return "Catalog: not linked (a catalog title links it)"
        return f"Catalog: {self.catalog_id}"

    def parse(self, values: dict[str, str]) -> tuple[Claim | None, FieldErrors]:
        """A claim from the fields plus its id and catalog link."""
        text = {
            **values,
            "id": self.initial.get("id", ""),
            "catalog_id": self.catalog_id,
        }
        return parse_claim(text, self.rules)

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
            self.catalog_id = self.initial.get("catalog_id", "")
        elif (match := self.titles.get(text)) is not None:
            self.catalog_id = match.id
            credits = self.query_one("#field-credits", Input)
            if not credits.value.strip():
                credits.value = credits_text(match.credits)
        else:
            self.catalog_id = ""
        self.query_one("#claim-link", Static).update(self._link_text())


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
    }
