"""The certification form (add or edit).

It parses its text with :func:`~ce_tui.domain.forms.parse_certification` as it
is typed and shows each problem next to its field (see
:class:`~ce_tui.tui.dialogs.form.FormDialog`). A valid certification is saved
through :meth:`CeApp.apply` (undoable with `ctrl+z`), and the form closes
with its id once the write has landed; if the store refuses, the form stays
open with what was typed. The paths offered are the options of the level
chosen.
"""

from __future__ import annotations

from dataclasses import replace

from textual.widget import Widget
from textual.widgets import Select

from ce_tui.domain.forms import FieldErrors, parse_certification
from ce_tui.domain.models import LEVELS, Certification
from ce_tui.tui import SCREENS_CSS
from ce_tui.tui.dialogs.form import Field, FormDialog, Saved


def cert_values(cert: Certification) -> dict[str, str]:
    """The form text of an existing certification (with its id and retired flag)."""
    return {
        "id": cert.id,
        "name": cert.name,
        "level": cert.level,
        "earned": cert.earned.isoformat(),
        "expires": cert.expires.isoformat() if cert.expires else "",
        "path": cert.path or "",
        "retired": "yes" if cert.retired else "no",
    }


class CertForm(FormDialog):
    """Add a certification, or edit one (`cert`)."""

    CSS_PATH = SCREENS_CSS

    FIELDS = (
        Field("name", "Name", "e.g. CCNP Enterprise"),
        Field(
            "level",
            "Level",
            options=tuple((level, level) for level in LEVELS),
            prompt="choose a level",
        ),
        Field("earned", "Earned", "YYYY-MM-DD"),
        Field("expires", "Expires", "YYYY-MM-DD (blank: earned + {years} years)"),
        Field("path", "Path", prompt="default (ce)"),
    )

    def __init__(self, cert: Certification | None = None) -> None:
        """An empty form, or one filled from `cert`."""
        heading = f"Edit {cert.name}" if cert else "Add a certification"
        super().__init__(heading, cert_values(cert) if cert else {}, self._store)
        self.original = cert
        """The certification being edited, or None for a new one."""

    def make_input(self, field: Field) -> Widget:
        """The fields; expires names the cycle length, path offers the level's options."""
        if field.name == "expires":
            years = self.ce_app.rules.cycle_years
            field = replace(field, placeholder=field.placeholder.format(years=years))
        elif field.name == "path":
            field = replace(field, options=self._path_options(self.initial.get("level")))
        return super().make_input(field)

    def _path_options(self, level: str | None) -> tuple[tuple[str, str], ...]:
        """(label, id) of the options of `level` (none before a level is chosen)."""
        if level not in LEVELS:
            return ()
        rules = self.ce_app.rules
        return tuple((f"{o.id}: {o.label or o.id}", o.id) for o in rules.options(level))

    def field_changed(self, name: str) -> None:
        """A new level offers its own options as paths (keeping the path if it is one)."""
        if name != "level":
            return
        path = self.query_one("#field-path", Select)
        keep = path.value
        options = self._path_options(self.values()["level"] or None)
        path.set_options(options)
        if any(value == keep for _label, value in options):
            path.value = keep

    def parse(self, values: dict[str, str]) -> tuple[Certification | None, FieldErrors]:
        """A certification from the fields plus its id and retired flag."""
        text = {
            **values,
            "id": self.initial.get("id", ""),
            "retired": self.initial.get("retired", "no"),
        }
        return parse_certification(text, self.ce_app.rules)

    def _store(self, cert: Certification) -> Saved:
        """Add the certification, or replace the one edited (the form waits for the write)."""
        app = self.ce_app
        services = app.services
        original = self.original
        if original is None:
            return app.apply(f"Added {cert.name}", lambda: services.add_certification(cert))
        self.saved_id = cert.id
        return app.apply(
            f"Saved {cert.name}", lambda: services.edit_certification(cert, expected=original)
        )
