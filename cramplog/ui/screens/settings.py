"""Provides `SettingsScreen`: targets, units, day boundary, theme, and shoes with their mileage.

A setting is checked on the spot (`Settings.with_value`) and, if valid, written to the config
file in a worker (`config.set_value`); a refused value is marked with its reason and nothing
is written. Shoes are entries: added through the shoe form, retired by an update.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, Select, Static

from ...domain import entries as E
from ...domain.fields import printable
from ...domain.quantities import format_distance, format_volume
from ...errors import CramplogError, InvalidInput
from .. import loaders
from ..messages import JournalFailed, SettingRefused, SettingSaved, ShoesLoaded
from ..widgets.scroll_body import ScrollBody

if TYPE_CHECKING:
    from ..app import CramplogApp

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Targets", ("targets.beverage_ml", "targets.magnesium_mg", "targets.potassium_mg", "targets.sex")),
    ("Display", ("display.units", "display.theme")),
    ("Journal", ("journal.day_boundary",)),
    ("Shoes", ("shoes.life_km",)),
)
"""The settings shown here, by section (the rest stay with `cramplog config`)."""

LABELS = {
    "targets.beverage_ml": "Beverages (ml/day)",
    "targets.magnesium_mg": "Magnesium (mg/day)",
    "targets.potassium_mg": "Potassium (mg/day)",
    "targets.sex": "References for",
    "display.units": "Units",
    "display.theme": "Theme",
    "journal.day_boundary": "Day starts at",
    "shoes.life_km": "Shoe life (km)",
}


def _dom_id(key: str) -> str:
    return key.replace(".", "-")


class SettingsScreen(Screen[None]):
    """Change a value and press Enter (or pick from a list): it is saved at once."""

    HELP_TITLE = "Settings"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.dashboard", "Dashboard", id="settings-back"),
        Binding("plus", "add_shoe", "Add shoe", id="shoe-add", key_display="+"),
        Binding("x", "retire_shoe", "Retire shoe", id="shoe-retire"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shoes: list[E.Shoe] = []

    @property
    def cramplog(self) -> CramplogApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        settings = self.cramplog.settings
        fields = {f"{f.metadata['section']}.{f.name}": f for f in dataclasses.fields(settings)}
        yield Header(show_clock=False, icon="≡")
        with ScrollBody(id="settings-body"):
            for title, keys in SECTIONS:
                yield Label(title, classes="settings-section")
                for key in keys:
                    f = fields[key]
                    with Horizontal(classes="setting-row", id=f"row-{_dom_id(key)}"):
                        yield Label(LABELS[key], classes="setting-label")
                        value = str(settings.get(key))
                        if key == "display.theme":
                            themes = sorted(self.app.available_themes)
                            yield Select([(t, t) for t in themes], value=self.app.theme,
                                         allow_blank=False, compact=True, id=f"setting-{_dom_id(key)}")
                        elif f.metadata["choices"]:
                            yield Select([(c, c) for c in f.metadata["choices"]], value=value,
                                         allow_blank=False, compact=True, id=f"setting-{_dom_id(key)}")
                        else:
                            shown = f"{settings.get(key):g}" if isinstance(settings.get(key), float) else value
                            yield Input(shown, compact=True, id=f"setting-{_dom_id(key)}")
                        yield Label(f.metadata["doc"], classes="setting-doc")
                    yield Static("", classes="setting-error", id=f"error-{_dom_id(key)}", markup=False)
            yield Label("Shoes", classes="settings-section")
            yield DataTable(id="shoes-table", cursor_type="row")
            yield Static("+ add a shoe · x retire the selected shoe · Esc back", id="shoe-keys")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = self.HELP_TITLE
        table = self.query_one("#shoes-table", DataTable)
        for name in ("Shoe", "First used", "Distance", "Of its life", "State"):
            table.add_column(name, key=name.lower())
        self.reload()

    def reload(self) -> None:
        self.load_shoes()

    # -- settings --------------------------------------------------------------------------------

    @on(Input.Submitted, ".setting-row Input")
    def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.change(self._key(event.input.id), event.value)

    @on(Input.Blurred, ".setting-row Input")
    def _input_blurred(self, event: Input.Blurred) -> None:
        key = self._key(event.input.id)
        if event.value.strip() != self._shown(key):
            self.change(key, event.value)

    @on(Select.Changed, ".setting-row Select")
    def _select_changed(self, event: Select.Changed) -> None:
        key = self._key(event.select.id)
        if key == "display.theme":
            if event.value != self.app.theme:
                self.app.theme = str(event.value)  # the app saves the theme when it changes
            return
        if str(event.value) != self._shown(key):
            self.change(key, str(event.value))

    def _key(self, dom_id: str | None) -> str:
        return (dom_id or "").removeprefix("setting-").replace("-", ".", 1)

    def _shown(self, key: str) -> str:
        value = self.cramplog.settings.get(key)
        return f"{value:g}" if isinstance(value, float) else str(value)

    def change(self, key: str, raw: str) -> None:
        """Check `raw` for `key` at once; if valid, apply it and save it in a worker."""
        try:
            updated = self.cramplog.settings.with_value(key, raw)
        except InvalidInput as exc:
            self.mark(key, str(exc))
            return
        self.mark(key, "")
        self.cramplog.apply_settings(updated)
        self.save_setting(key, str(updated.get(key)))

    def mark(self, key: str, reason: str) -> None:
        """Show `reason` under the setting (or clear it)."""
        self.query_one(f"#row-{_dom_id(key)}").set_class(bool(reason), "-invalid")
        error = self.query_one(f"#error-{_dom_id(key)}", Static)
        error.update(f"↑ {reason}" if reason else "")
        error.set_class(bool(reason), "-shown")

    @work(thread=True, group="config", exit_on_error=False, description="Saving a setting")
    def save_setting(self, key: str, raw: str) -> None:
        from ...config import set_value

        try:
            set_value(key, raw, self.cramplog.config_path)
        except CramplogError as exc:
            self.post_message(SettingRefused(key, str(exc)))
            return
        self.post_message(SettingSaved(key, self.cramplog.settings))

    @on(SettingSaved)
    def _saved(self, message: SettingSaved) -> None:
        self.notify(f"Saved {LABELS.get(message.key, message.key).lower()}: "
                    f"{self._shown(message.key)}", markup=False)
        self.load_shoes()

    @on(SettingRefused)
    def _refused(self, message: SettingRefused) -> None:
        self.mark(message.key, message.error)

    # -- shoes -----------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="db-shoes", exit_on_error=False, description="Loading shoes")
    def load_shoes(self) -> None:
        try:
            shoes, distances = loaders.load_shoes(self.cramplog.repo)
        except CramplogError as exc:
            self.post_message(JournalFailed(str(exc)))
            return
        self.post_message(ShoesLoaded(shoes, distances))

    @on(ShoesLoaded)
    def _shoes_loaded(self, message: ShoesLoaded) -> None:
        settings = self.cramplog.settings
        units = settings.units
        table = self.query_one("#shoes-table", DataTable)
        keep = table.cursor_row
        table.clear()
        self.shoes = [s for s in message.shoes if isinstance(s, E.Shoe)]
        for shoe in self.shoes:
            km = message.distances.get(shoe.id or 0, shoe.start_km)
            life = shoe.life_km or settings.life_km
            state = f"retired {shoe.retired}" if shoe.retired else ("worn" if km > life else "in use")
            table.add_row(Text(printable(shoe.name)), str(shoe.first_used), format_distance(km, units),
                          f"{km / life:.0%} of {format_distance(life, units)}", state, key=str(shoe.id))
        if self.shoes:
            table.move_cursor(row=min(keep, table.row_count - 1))
        else:
            table.add_row("no shoes yet: press n to add one", "", "", "", "", key="none")
        # Keep the beverage target's unit honest in imperial: show the ml target as you'd read it.
        row = self.query_one("#row-targets-beverage_ml")
        row.tooltip = format_volume(settings.beverage_ml, units)

    def selected_shoe(self) -> E.Shoe | None:
        table = self.query_one("#shoes-table", DataTable)
        if not self.shoes or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((s for s in self.shoes if str(s.id) == key), None)

    def action_add_shoe(self) -> None:
        self.cramplog.open_form("shoe")

    def action_retire_shoe(self) -> None:
        shoe = self.selected_shoe()
        if shoe is None:
            self.notify("Select a shoe first.")
            return
        if shoe.retired is not None:
            self.notify(f"{printable(shoe.name)} was retired on {shoe.retired}.", markup=False)
            return
        today = loaders.current_day(self.cramplog.clock, self.cramplog.settings)
        self.cramplog.save_entry(shoe.replace(retired=max(today, shoe.first_used)))
