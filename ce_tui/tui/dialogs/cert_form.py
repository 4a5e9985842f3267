"""The certification form (add or edit), and the form base the exam form shares.

A form holds typed text. On `ctrl+s` it parses the text with the domain's
form parsers; each problem is shown next to its field and nothing is saved
until every field is valid. Then it saves through :meth:`CeApp.apply` (with
an undo) and closes; if the store refuses, the form stays open with what was
typed. `escape` closes without saving.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from ce_tui.domain.forms import NEW_ID, FieldErrors, parse_certification
from ce_tui.domain.models import LEVELS, Certification, Ledger

if TYPE_CHECKING:
    from ce_tui.tui.app import CeApp

R = TypeVar("R")

HINT = "Dates as YYYY-MM-DD. Tab moves, ctrl+s saves, escape cancels."
"""The keys of every form, shown under its title."""

FIELD_WIDGETS = ".form-row > .form-input"
"""Selects the fields of a form, in Tab order."""


class RecordForm(ModalScreen[str | None]):
    """Base of the record forms: labelled fields with an inline error under each.

    Subclasses yield their rows with :meth:`field` and implement :meth:`save`.
    The form dismisses with the saved record's id, or None when cancelled. It
    uses the same layout classes as the app's other forms, so all look alike.
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save", tooltip="Check the fields and save"),
        Binding("escape", "cancel", "Cancel", id="form.cancel", tooltip="Close without saving"),
    ]

    heading = "Record"
    """The form's title."""

    choices: tuple[str, ...] = ()
    """Choice fields that must not be left blank."""

    @property
    def ce_app(self) -> CeApp:
        """The app, typed."""
        return cast("CeApp", self.app)

    def compose(self) -> ComposeResult:
        """Title, hint, fields, a line for record-wide problems, the buttons."""
        with VerticalScroll(classes="form-box") as box:
            box.border_title = self.heading
            yield Static(HINT, classes="form-hint", markup=False)
            yield from self.compose_fields()
            yield Static("", id="error-form", classes="form-error", markup=False)
            with Horizontal(classes="form-buttons"):
                yield Button("Save (ctrl+s)", id="form-save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="form-cancel", compact=True)

    def compose_fields(self) -> ComposeResult:
        """The form's rows (see :meth:`field`)."""
        yield from ()

    def field(self, name: str, label: str, widget: Widget) -> ComposeResult:
        """One labelled field with its (hidden until needed) error line."""
        widget.id = f"field-{name}"
        widget.add_class("form-input")
        if isinstance(widget, Input | Select):
            widget.compact = True
        with Horizontal(classes="form-row"):
            yield Label(label, classes="form-label", markup=False)
            yield widget
        yield Static("", id=f"error-{name}", classes="form-error", markup=False)

    def on_mount(self) -> None:
        """Start in the first field; no error shows yet."""
        for line in self.query(".form-error"):
            line.display = False
        self.query(FIELD_WIDGETS).first().focus()

    def values(self) -> dict[str, str]:
        """Every field's text, by field name (an empty Select gives "")."""
        text: dict[str, str] = {}
        for widget in self.query(FIELD_WIDGETS):
            name = (widget.id or "").removeprefix("field-")
            if isinstance(widget, Input):
                text[name] = widget.value
            elif isinstance(widget, Select):
                text[name] = "" if widget.is_blank() else str(widget.value)
        return text

    def parsed(self, record: R | None, errors: FieldErrors) -> R | None:
        """Show every problem (a blank field is "required"); the record when there is none."""
        values = self.values()
        errors = dict(errors)
        for name in self.choices:
            if not values.get(name):
                errors[name] = "choose one"
        for name, text in values.items():
            if name in errors and not text.strip() and name not in self.choices:
                errors[name] = "is required"
        self.show_errors(errors)
        return None if errors else record

    def show_errors(self, errors: FieldErrors) -> None:
        """Show each problem next to its field; problems of other fields go to the foot."""
        fields = list(self.values())
        general = [
            f"{name}: {msg}" if name else msg for name, msg in errors.items() if name not in fields
        ]
        for name in fields:
            message = errors.get(name, "")
            widget = self.query_one(f"#field-{name}")
            line = self.query_one(f"#error-{name}", Static)
            line.update(Text(f"↳ {message}") if message else "")
            line.display = bool(message)
            widget.set_class(bool(message), "-invalid")
        foot = self.query_one("#error-form", Static)
        foot.update(Text("\n".join(general)))
        foot.display = bool(general)
        bad = [name for name in fields if name in errors]
        if bad:
            self.query_one(f"#field-{bad[0]}").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; on the last one it saves."""
        event.stop()
        fields = list(self.query(FIELD_WIDGETS))
        if event.input is fields[-1]:
            self.action_save()
        else:
            self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The Save and Cancel buttons."""
        event.stop()
        if event.button.id == "form-save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        """Validate and save; stay open on any problem."""
        self.save()

    def save(self) -> None:
        """Parse the fields, show the problems or save and dismiss (subclasses)."""
        raise NotImplementedError

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)


def new_record_id(
    ledger: Ledger, key: str, matches: Callable[[object], bool], before: Iterable[str]
) -> str | None:
    """The id the store gave a record just added: new since `before` and like the one sent."""
    known = set(before)
    found = [r.id for r in getattr(ledger, key) if r.id not in known and matches(r)]
    return found[-1] if found else None


class CertForm(RecordForm):
    """Add a certification, or edit one (`cert`)."""

    choices = ("level",)

    def __init__(self, cert: Certification | None = None) -> None:
        """An empty form, or one filled from `cert`."""
        super().__init__()
        self.original = cert
        """The certification being edited, or None for a new one."""
        self.heading = f"Edit {cert.name}" if cert else "Add a certification"

    def compose_fields(self) -> ComposeResult:
        """Name, level, earned, expires, path."""
        cert = self.original
        years = self.ce_app.rules.cycle_years
        yield from self.field(
            "name", "Name", Input(cert.name if cert else "", placeholder="CCNP Enterprise")
        )
        yield from self.field(
            "level",
            "Level",
            Select(
                [(level, level) for level in LEVELS],
                prompt="choose a level",
                value=cert.level if cert else Select.NULL,
            ),
        )
        earned = cert.earned.isoformat() if cert else ""
        yield from self.field("earned", "Earned", Input(earned, placeholder="YYYY-MM-DD"))
        expires = cert.expires.isoformat() if cert and cert.expires else ""
        yield from self.field(
            "expires",
            "Expires",
            Input(expires, placeholder=f"YYYY-MM-DD (blank: earned + {years} years)"),
        )
        yield from self.field(
            "path",
            "Path",
            Select(
                self._path_options(cert.level if cert else None),
                prompt="default (ce)",
                value=(cert.path or Select.NULL) if cert else Select.NULL,
            ),
        )

    def _path_options(self, level: str | None) -> list[tuple[str, str]]:
        """(label, id) of the options of `level` (none before a level is chosen)."""
        if level not in LEVELS:
            return []
        rules = self.ce_app.rules
        return [(f"{o.id}: {o.label or o.id}", o.id) for o in rules.options(level)]

    def on_select_changed(self, event: Select.Changed) -> None:
        """A new level offers its own options as paths."""
        if event.select.id != "field-level":
            return
        path = self.query_one("#field-path", Select)
        keep = path.value
        options = self._path_options(None if event.value is Select.NULL else str(event.value))
        path.set_options(options)
        if any(value == keep for _label, value in options):
            path.value = keep

    def save(self) -> None:
        """Validate; then add or replace the certification, with an undo."""
        text = self.values()
        text["id"] = self.original.id if self.original else NEW_ID
        text["retired"] = "yes" if self.original and self.original.retired else "no"
        cert = self.parsed(*parse_certification(text, self.ce_app.rules))
        if cert is None:
            return
        app = self.ce_app
        services = app.services
        original = self.original
        if original is not None:
            if app.apply(
                f"Saved {cert.name}",
                lambda: services.edit_certification(cert),
                lambda: services.put_certification(original),
            ):
                self.dismiss(cert.id)
            return
        before = [c.id for c in app.ledger.certifications]
        created: list[str] = []

        def add() -> Ledger:
            """Add the certification and note the id the store gave it."""
            ledger = services.add_certification(cert)
            new_id = new_record_id(
                ledger,
                "certifications",
                lambda r: cast("Certification", r).model_copy(update={"id": NEW_ID}) == cert,
                before,
            )
            created.append(new_id or "")
            return ledger

        if app.apply(f"Added {cert.name}", add, lambda: services.delete_certification(created[-1])):
            self.dismiss(created[-1] or None)
