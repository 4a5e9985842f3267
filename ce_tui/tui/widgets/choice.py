"""A choice field that is chosen in place: arrows and letters change it, space opens its list.

Textual's `Select` opens its list on ↑/↓/enter and moves the focus into that
list. Keys that arrive in one burst (a paste, a fast typist, a slow SSH link)
were already routed to the field before the list took the focus, so the list
stayed open and the rest of the burst was lost. Here ↑/↓ and the first letter
of an option change the value without opening anything, so every key is
handled by the field it was sent to, in order; space (or a click) still opens
the list to browse. ↑/↓ are priority keys (see :class:`~ce_tui.tui.dialogs.form.FormDialog`);
a letter is read by the field itself, like a character by a text box.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual.actions import SkipAction
from textual.binding import Binding
from textual.widgets import Select


class ChoiceSelect(Select[str]):
    """A `Select` of text values chosen in place with ↑/↓ or a letter; space opens the list."""

    BINDINGS = [
        Binding(
            "down",
            "step(1)",
            "Next choice",
            show=False,
            priority=True,
            id="choice.next",
            tooltip="Choose the next option",
        ),
        Binding(
            "up",
            "step(-1)",
            "Previous choice",
            show=False,
            priority=True,
            id="choice.previous",
            tooltip="Choose the previous option",
        ),
        Binding(
            "space",
            "show_overlay",
            "List choices",
            show=False,
            id="choice.list",
            tooltip="Open the list of options",
        ),
    ]

    def __init__(
        self, options: Iterable[tuple[str, str]], *, allow_blank: bool = True, **kwargs: object
    ) -> None:
        """Like `Select`; the (label, value) options are kept to step through them."""
        self.choices: tuple[tuple[str, str], ...] = tuple(options)
        """The (label, value) options, in order."""
        super().__init__(self.choices, allow_blank=allow_blank, **kwargs)  # type: ignore[arg-type]
        self.blank_allowed = allow_blank
        """True when the field may hold no value (the first step is then blank)."""

    def set_options(self, options: Iterable[tuple[str, str]]) -> None:  # type: ignore[override]
        """Replace the options (and remember them for stepping)."""
        self.choices = tuple(options)
        super().set_options(self.choices)

    def _values(self) -> list[object]:
        """The values stepped through: blank first when allowed, then the options."""
        blank: list[object] = [Select.NULL] if self.blank_allowed else []
        return blank + [value for _label, value in self.choices]

    def action_step(self, delta: int) -> None:
        """Choose the option `delta` places after the current one (stopping at either end).

        A priority key, run as the app reads it (while this field has the focus),
        not once the field has read it; with the list open, the list moves instead.
        """
        values = self._values()
        if self.expanded:
            raise SkipAction()
        if not values:
            return
        index = values.index(self.value) if self.value in values else -1
        self.value = values[max(0, min(len(values) - 1, index + delta))]  # type: ignore[assignment]

    def on_key(self, event: events.Key) -> None:
        """A letter or digit chooses the next option whose label starts with it."""
        char = event.character
        if self.expanded or char is None or not char.isprintable() or char == " ":
            return
        event.stop()
        event.prevent_default()
        self.choose_letter(char)

    def choose_letter(self, char: str) -> None:
        """Choose the next option (wrapping around) whose label starts with `char`."""
        labels = [label.casefold() for label, _value in self.choices]
        values = [value for _label, value in self.choices]
        start = values.index(self.value) + 1 if self.value in values else 0
        order = list(range(start, len(labels))) + list(range(start))
        match = next((i for i in order if labels[i].startswith(char.casefold())), None)
        if match is not None:
            self.value = values[match]
