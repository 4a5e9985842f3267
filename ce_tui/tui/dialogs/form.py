"""The base of every record form: labelled fields, live inline errors, save and cancel.

A form holds text. On every change it asks the domain to parse that text (each
form's :meth:`FormDialog.parse`, built on :mod:`ce_tui.domain.forms`) and shows
each problem next to its field once that field was edited; `ctrl+s` shows every
problem and hands only a valid record to the `on_save` callback the form was
given. The callback answers True (done: close), False (stay open) or the
:class:`~ce_tui.tui.writes.Write` it queued through :meth:`CeApp.apply`: the
form then waits for it, ignoring another `ctrl+s`, and closes once it has
landed (with the id of the record the service created or saved), or stays
open with what was typed if it failed. `escape` closes without saving. The
form itself writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import events
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static
from textual.widgets.input import Selection

from ce_tui.domain.changes import Change
from ce_tui.domain.forms import FieldErrors
from ce_tui.tui.widgets.choice import ChoiceSelect
from ce_tui.tui.writes import Waiting, Write

if TYPE_CHECKING:
    from ce_tui.tui.app import CeApp

Saved = bool | Write
"""What an `on_save` callback answers: done, refused, or the write it queued."""

HINT = "Dates as YYYY-MM-DD. Tab moves, ctrl+s saves, escape cancels."
"""The line under a form's title, unless the form says otherwise."""


@dataclass(frozen=True)
class Field:
    """One field of a form: a text box, or a choice when it has `options` or a `prompt`."""

    name: str
    label: str
    placeholder: str = ""
    options: tuple[tuple[str, str], ...] = ()
    """(label, value) pairs of a choice field."""
    prompt: str | None = None
    """What a choice shows while nothing is chosen; None: it starts on its first option."""

    @property
    def is_choice(self) -> bool:
        """True for a choice field (a Select), False for a text box."""
        return bool(self.options) or self.prompt is not None


def mark_focused_row(screen: ModalScreen[object] | Widget, focused: Widget) -> None:
    """Give the `-focused` class to the form row holding `focused`, and take it from the rest.

    A class set on focus, rather than the `:focus-within` pseudo-class, which can
    stay on the first row when a form moves the focus while it opens.
    """
    for row in screen.query(".form-row"):
        row.set_class(row in focused.ancestors, "-focused")


def show_start(box: Input) -> None:
    """Put the cursor of `box`, all of whose text focus selected, at its start (in view).

    Only while nothing was typed since: the text stays selected, so typing
    still replaces it, and a key typed meanwhile is never undone.
    """
    if box.has_focus and box.selection == Selection(0, len(box.value)):
        box.selection = Selection(len(box.value), 0)


class FormDialog(ModalScreen[str | None]):
    """A modal form of :attr:`FIELDS` with inline errors, `ctrl+s` to save, `escape` to cancel.

    It dismisses with :attr:`saved_id` once saved (the id of the record written,
    when the form knows it), or None when cancelled.
    """

    FIELDS: tuple[Field, ...] = ()
    """The fields, in Tab order."""

    ENTER_SAVES: ClassVar[bool] = False
    """True: Enter in the last field saves; otherwise Enter always moves to the next widget."""

    AUTO_FOCUS = None
    """The form chooses its first field itself (see :meth:`first_focus`)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save", tooltip="Save (only when valid)"),
        Binding("escape", "cancel", "Cancel", id="form.cancel", tooltip="Close without saving"),
        Binding(
            "tab",
            "move(1)",
            "Next field",
            show=False,
            priority=True,
            id="form.next",
            tooltip="Move to the next field",
        ),
        Binding(
            "shift+tab",
            "move(-1)",
            "Previous field",
            show=False,
            priority=True,
            id="form.previous",
            tooltip="Move to the previous field",
        ),
        Binding(
            "enter",
            "enter",
            "Next field",
            show=False,
            priority=True,
            id="form.enter",
            tooltip="Move to the next field (on a button: press it)",
        ),
    ]
    """Tab, shift+tab and enter are priority keys: the app runs them as it reads them,
    so the focus has moved before it routes the next key of a burst (a non-priority
    key is handled only after the field it was sent to has read it, by which time
    the keys after it were sent to that same field)."""

    def __init__(
        self, heading: str, values: Mapping[str, str], on_save: Callable[[Any], Saved]
    ) -> None:
        """Open with `values` typed in; `on_save(record)` saves it (see :data:`Saved`)."""
        super().__init__()
        self.heading = heading
        """The title of the form."""
        self.initial = dict(values)
        """What the fields held when the form opened (an `id` marks an existing record)."""
        self.on_save = on_save
        """Writes a valid record; False keeps the form open."""
        self.saved_id: str | None = None
        """What the form dismisses with after a save: the record's id, where `on_save` sets it."""
        self.waiting = Waiting(self)
        """The write the form asked for, while it is waiting or running."""
        self.touched: set[str] = set()
        """Fields changed since the form opened (only their errors are shown until a save)."""
        self.show_all = False
        """True after a save attempt: every error is shown."""

    @property
    def ce_app(self) -> CeApp:
        """The app, typed."""
        return cast("CeApp", self.app)

    # Layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """The heading, a row and an error line per field, then the buttons."""
        with VerticalScroll(classes="form-box", can_focus=False) as box:
            box.border_title = Content(self.heading)  # the heading holds data: never markup
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
        return HINT

    def compose_extra(self) -> ComposeResult:
        """Widgets shown after the fields (none by default)."""
        yield from ()

    def make_input(self, field: Field) -> Widget:
        """The widget that edits `field`, holding its initial value."""
        value = self.initial.get(field.name, "")
        if field.is_choice:
            blank = field.prompt is not None
            return ChoiceSelect(
                field.options,
                prompt=field.prompt or "Select",
                value=value or (Select.NULL if blank else field.options[0][1]),
                allow_blank=blank,
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
        """Focus a field; check the values given (their errors wait until a field is edited)."""
        first = self.query_one(f"#field-{self.first_focus()}")
        for box in self.query(Input):
            if box is not first:
                box.cursor_position = 0  # a long text shows its start
        self.set_focus(first)  # at once: keys already waiting are routed from this field on
        self.check()

    def on_key(self, event: events.Key) -> None:
        """Route a key that reached the form before its fields were there (the start of a burst).

        The app sends a key to the focused widget; keys read while the form was
        still opening went to the form itself and wait here until it is ready.
        They are handled in order as its fields would: a character is typed
        into the focused field, tab, shift+tab and enter move. (A field reads
        its own characters and the app runs tab and enter at once, so these
        keys reach the form only this way.)
        """
        field = self.focused
        if not isinstance(field, Input | ChoiceSelect):
            return
        char = event.character
        if event.key in ("tab", "shift+tab"):
            self.action_move(-1 if event.key == "shift+tab" else 1)
        elif event.key == "enter":
            self.action_enter()
        elif char is not None and char.isprintable() and event.is_printable:
            if isinstance(field, Input):
                field.insert_text_at_cursor(char)
            else:
                field.choose_letter(char)
        else:
            return
        event.stop()
        event.prevent_default()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Mark the row of the focused field; a long text in it shows its start, not its end."""
        mark_focused_row(self, event.widget)
        if isinstance(event.widget, Input) and event.widget.value:
            self.call_after_refresh(show_start, event.widget)

    def first_focus(self) -> str:
        """The field focused on opening: the first empty text field of a new record."""
        if self.initial.get("id"):
            return self.FIELDS[0].name
        empty = [f.name for f in self.FIELDS if not f.is_choice and not self.initial.get(f.name)]
        return empty[0] if empty else self.FIELDS[0].name

    # Values and errors ----------------------------------------------------------

    def values(self) -> dict[str, str]:
        """What each field holds now, as text (a choice left blank gives "")."""
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
        """Parse the fields and show their errors; the record when valid.

        A choice left blank with a problem says "choose one". Problems of no
        field on the form go under the fields, once a save was tried.
        """
        values = self.values()
        record, errors = self.parse(values)
        names = {field.name for field in self.FIELDS}
        loose = [
            f"{name}: {msg}" if name else msg for name, msg in errors.items() if name not in names
        ]
        for field in self.FIELDS:
            message = errors.get(field.name, "")
            if message and field.is_choice and not values[field.name]:
                message = "choose one"
            shown = bool(message) and (self.show_all or field.name in self.touched)
            error = self.query_one(f"#error-{field.name}", Static)
            error.update(Text(f"↳ {message}") if shown else "")
            error.display = shown
            self.query_one(f"#field-{field.name}").set_class(shown, "-invalid")
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

    def action_move(self, delta: int) -> None:
        """Move the focus `delta` widgets on (tab: 1, shift+tab: -1)."""
        if self.focused is None:
            raise SkipAction()
        if delta > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def action_enter(self) -> None:
        """Enter in a field moves to the next widget (or saves, see :attr:`ENTER_SAVES`).

        On anything else (a button, an open list) enter does what that widget does.
        """
        focused = self.focused
        if isinstance(focused, ChoiceSelect) and not focused.expanded:
            self.focus_next()
        elif not isinstance(focused, Input):
            raise SkipAction()
        elif self.ENTER_SAVES and focused.id == f"field-{self.FIELDS[-1].name}":
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
        """Save when valid; otherwise show every error and focus the first bad field."""
        self.show_all = True
        record = self.check()
        if record is None:
            bad = self.query(".form-input.-invalid")
            if bad:
                bad.first().focus()
            return
        if not self.waiting.busy:
            self.waiting.start(self.on_save(record), self._saved_id)

    def _saved_id(self, change: Change | None) -> str | None:
        """What the form closes with: the id of the record created, else :attr:`saved_id`."""
        return change.created[0] if change is not None and change.created else self.saved_id

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
