"""Provides `SettingsScreen`: targets, units, day boundary, theme, and shoes with their mileage.

Every setting has a plain label, what it does in the words of its declaration in
`domain/settings.py` (its `doc`, as `cramplog config` and the docs say it, and the app's `hint`)
and the values it takes (the range read from the same declaration, shown in the user's units),
and is checked on the spot (`Settings.with_value`). A valid value is applied at once and written
to the config file in a worker (`config.set_value`); a refused one gets one plain message under
the field, what was typed stays, and nothing is written. Escape with unsaved typing asks first.
Shoes are entries: added and edited (renamed) through the shoe form, retired by an update.
Where the shoe table's five columns don't fit (a phone), it has two: the shoe (name, first
used, state) and its distance against its life.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import DataTable, Input, Label, Select, Static

from ...domain import entries as E
from ...domain.fields import printable
from ...domain.quantities import format_distance
from ...domain.references import REFERENCE_BY_SEX
from ...domain.reminder import REMINDER_AT, REMINDER_TIMER, WHAT, installed_at, turned_on
from ...domain.settings import Settings
from ...domain.shoes import in_use, wear_of
from ...domain.summary import contradiction_note
from ...domain.zones import local_zone_name
from ...errors import CramplogError, InvalidInput
from .. import loaders
from ..base import CramplogScreen
from ..fit import PHRASE_BREAK, clauses, pack
from ..keys import key_line, own_bindings
from ..messages import JournalFailed, SettingRefused, SettingSaved, ShoesLoaded
from ..setting_words import LABELS, choices, hint, meaning, read_setting, shown_value, unit_of
from ..widgets.key_bar import KeyBar
from ..widgets.packed import Packed
from ..widgets.scroll_body import ScrollBody
from ..widgets.title_bar import TitleBar

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Daily targets", ("targets.beverage_ml", "targets.magnesium_mg", "targets.potassium_mg", "targets.sex")),
    ("Display", ("display.units", "display.theme", "display.week_start")),
    ("Diary days", ("journal.day_boundary", "journal.timezone")),
    ("Shoes", ("shoes.life_km",)),
)
"""The settings shown here, by section (the rest stay with `cramplog config`)."""

REMINDER_DOC = f"{WHAT}, at this time. Enter installs it; systemctl --user disable --now {REMINDER_TIMER} turns it off."


def reminder_doc(written_at: str | None, on: bool) -> str:
    """The reminder's words under its field, after what is on the machine: the time the timer
    rings at, written but not turned on, or none installed (the field showed 21:00 each way),
    as its unit files say (`reminder.installed_at`, `turned_on`, read in a worker)."""
    if written_at is None:
        state = "Not installed."
    elif on:
        state = f"Installed: it rings at {written_at}."
    else:
        state = f"Written for {written_at} but not turned on: systemctl --user enable --now {REMINDER_TIMER}."
    return f"{state} {REMINDER_DOC}"


NO_SHOES = "No shoes yet: press + to add one"


class SettingInput(Input):
    """An Input that also owns `+` (Textual maps no character to `plus`, so without this the
    footer would offer "+ Add shoe" while a `+` typed here goes into the field)."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return key == "plus" or super().check_consume_key(key, character)


def _dom_id(key: str) -> str:
    return key.replace(".", "-")


class SettingsScreen(CramplogScreen[None]):
    """Change a value and press Enter or Tab (or pick from a list): it is saved at once."""

    DEFAULT_CLASSES = "-toasts-top"
    """Toasts over the title lines, not the rows (app.tcss)."""

    HELP_TITLE = "Settings"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "back",
            "Back",
            id="settings-back",
            tooltip="back to the dashboard (asks first if a value is typed and not saved)",
        ),
        Binding("plus", "add_shoe", "Add shoe", id="shoe-add", key_display="+", tooltip="add a shoe"),
        Binding(
            "e",
            "edit",
            "Edit shoe",
            id="shoe-edit",
            tooltip="edit the selected shoe (rename it, or give it its own life)",
        ),
        Binding(
            "x",
            "retire_shoe",
            "Retire shoe",
            id="shoe-retire",
            tooltip="retire the selected shoe: its past runs keep it, new runs no longer offer it",
        ),
    ]
    """The one statement of Settings' keys: the footer's word (`description`), what each does
    (`tooltip`: the footer's hover, the line over the shoes, Help and docs/tui.md's table read it)."""

    def __init__(self) -> None:
        super().__init__()
        self.shoes: list[E.Shoe] = []
        self.filled = False
        """The fields are mounted (they come one frame after the screen; see `_rows`)."""
        self.reminder: tuple[str | None, bool] = (None, False)
        """The written reminder's time (or None) and whether it is turned on: read from its unit
        files in a worker when the screen opens (`read_reminder`), and again after an install."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with ScrollBody(id="settings-body"):
            yield Static("Loading settings…", id="settings-loading")
        yield KeyBar()

    def _rows(self) -> list[Widget]:
        """The body: about 90 widgets, mounted after the first frame so that the screen shows at
        once (building them takes a quarter of a second on a slow machine)."""
        settings = self.cramplog.journal.settings
        units = settings.units
        rows: list[Widget] = [
            Static("Type a value and press Enter or Tab to save it; Esc goes back.", id="settings-intro")
        ]
        for title, keys in SECTIONS:
            rows.append(Label(title, classes="settings-section"))
            for key in keys:
                dom = _dom_id(key)
                line = Horizontal(
                    Label(LABELS[key], classes="setting-label"),
                    self._field(key, settings),
                    Label(unit_of(key, units), classes="setting-unit", id=f"unit-{dom}"),
                    classes="setting-line",
                )
                rows.append(
                    Vertical(
                        line,
                        Static("", classes="setting-error", id=f"error-{dom}", markup=False),
                        Static(hint(key, units), classes="setting-doc", id=f"doc-{dom}", markup=False),
                        classes="setting",
                        id=f"row-{dom}",
                    )
                )
        return rows + [
            Label("Evening reminder", classes="settings-section"),
            Horizontal(
                Label("Remind me at", classes="setting-label"),
                SettingInput(self.reminder[0] or "", placeholder=REMINDER_AT, compact=True, id="reminder-at"),
                classes="reminder-line",
            ),
            Static(reminder_doc(*self.reminder), id="reminder-doc", markup=False),
            Label("Your shoes", classes="settings-section"),
            Packed([(shoe_keys(), " ", "")], id="shoe-keys"),
            DataTable(id="shoes-table", cursor_type="row"),
            Static(
                "Backups and the analysis thresholds are set in a terminal: cramplog config list shows them all.",
                id="settings-more",
                markup=False,
            ),
        ]

    def _field(self, key: str, settings: Settings) -> Input | Select[str]:
        wid = f"setting-{_dom_id(key)}"
        if key == "display.theme":
            themes = sorted(self.app.available_themes)
            return Select([(t, t) for t in themes], value=self.app.theme, allow_blank=False, compact=True, id=wid)
        if key == "journal.timezone":
            return SettingInput(
                shown_value(key, settings),
                compact=True,
                id=wid,
                placeholder=local_zone_name(),
                suggester=SuggestFromList(choices(key), case_sensitive=False),
            )
        if picked := choices(key):
            return Select(
                [(c, c) for c in picked], value=str(settings.get(key)), allow_blank=False, compact=True, id=wid
            )
        return SettingInput(shown_value(key, settings), compact=True, id=wid)

    def on_mount(self) -> None:
        self.sub_title = self.HELP_TITLE
        self._fill_later()
        self.read_reminder()

    @work(
        thread=True, exclusive=True, group="settings-reminder", exit_on_error=False, description="Reading the reminder"
    )
    def read_reminder(self) -> None:
        """What the reminder's unit files say, off the UI thread; shown by `_reminder_read`."""
        self.app.call_from_thread(self._reminder_read, (installed_at(), turned_on()))

    def _reminder_read(self, reminder: tuple[str | None, bool]) -> None:
        """Show the reminder as its files say, in the rows if they are mounted (else they are
        built from it); a time typed meanwhile stays."""
        self.reminder = reminder
        for field in self.query("#reminder-at").results(Input):
            if not field.value:
                field.value = reminder[0] or ""
        for doc in self.query("#reminder-doc").results(Static):
            doc.update(reminder_doc(*reminder))

    def _fill_later(self) -> None:
        self.call_after_refresh(self._fill)

    async def _fill(self) -> None:
        body = self.query_one("#settings-body")
        with self.app.batch_update():
            await body.mount_all(self._rows())
            await self.query_one("#settings-loading").remove()
        self.filled = True
        self.reload()

    def reload(self) -> None:
        if self.filled:
            self.load_shoes()

    # -- settings --------------------------------------------------------------------------------

    @on(Input.Submitted, ".setting-line Input")
    def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        key = self._key(event.input.id)
        if event.value.strip() == shown_value(key, self.cramplog.journal.settings):
            # As shown: nothing to write. Writing it would pin a target that follows "Targets
            # based on" to today's value; a mark left by a refused value goes.
            self.mark(key, "")
            return
        self.change(key, event.value)

    @on(Input.Submitted, "#reminder-at")
    def _reminder_submitted(self, event: Input.Submitted) -> None:
        """Enter on the reminder's time installs it (`loaders.install_reminder`)."""
        event.stop()
        try:
            typed = event.value.strip() or REMINDER_AT  # the field empty: its placeholder, the default
            at = dt.time.fromisoformat(typed.rjust(5, "0")).strftime("%H:%M")
        except ValueError:
            self.query_one("#reminder-doc", Static).update(
                f"Can't use “{printable(event.value).strip()}”: type a time of day like 21:00. "
                f"{reminder_doc(*self.reminder)}"
            )
            return
        self.query_one("#reminder-doc", Static).update(reminder_doc(*self.reminder))
        self.notify(f"Installing the reminder for {at}…", markup=False, timeout=3)
        self.install_reminder(at)

    @work(thread=True, group="config", exit_on_error=False, description="Installing the reminder")
    def install_reminder(self, at: str) -> None:
        journal = self.cramplog.journal
        db = journal.db_path if isinstance(journal.db_path, Path) else None
        try:
            said = loaders.install_reminder(db, at, journal.config_path)
        except CramplogError as exc:
            self.post_message(JournalFailed(f"{str(exc)[0].upper()}{str(exc)[1:]}"))
            return
        self.app.call_from_thread(self._reminder_read, (installed_at(), turned_on()))
        self.app.call_from_thread(self.notify, said, markup=False, timeout=10)

    @on(Input.Blurred, ".setting-line Input")
    def _input_blurred(self, event: Input.Blurred) -> None:
        if self.app.screen is not self:
            return  # leaving, or asking whether to: what was typed is not saved behind the user's back
        key = self._key(event.input.id)
        if event.value.strip() != shown_value(key, self.cramplog.journal.settings):
            self.change(key, event.value)

    @on(Select.Changed, ".setting-line Select")
    def _select_changed(self, event: Select.Changed) -> None:
        key = self._key(event.select.id)
        if key == "display.theme":
            if event.value != self.app.theme:
                self.app.theme = str(event.value)  # the app saves the theme when it changes
            return
        if str(event.value) != shown_value(key, self.cramplog.journal.settings):
            self.change(key, str(event.value))

    def _key(self, dom_id: str | None) -> str:
        return (dom_id or "").removeprefix("setting-").replace("-", ".", 1)

    def unsaved(self) -> list[str]:
        """The settings whose field holds typing that is not saved."""
        if not self.filled:
            return []
        settings = self.cramplog.journal.settings
        return [
            key
            for key in LABELS
            if isinstance(field := self.query_one(f"#setting-{_dom_id(key)}"), Input)
            and field.value.strip() != shown_value(key, settings)
        ]

    def change(self, key: str, raw: str) -> None:
        """Check `raw` for `key` at once; if valid, apply it and save it in a worker."""
        try:
            updated = read_setting(self.cramplog.journal.settings, key, raw)
        except InvalidInput as exc:
            self.mark(key, str(exc))
            return
        self.mark(key, "")
        self.cramplog.live_settings.apply(updated)
        self.save_setting(key, str(updated.get(key)))

    def mark(self, key: str, reason: str) -> None:
        """Show `reason` under the setting (or clear it)."""
        if not self.filled:
            return
        self.query_one(f"#row-{_dom_id(key)}").set_class(bool(reason), "-invalid")
        error = self.query_one(f"#error-{_dom_id(key)}", Static)
        error.update(reason)
        error.set_class(bool(reason), "-shown")
        # The message says the values it takes; the hint below need not say them twice.
        doc = meaning(key) if reason else hint(key, self.cramplog.journal.settings.units)
        self.query_one(f"#doc-{_dom_id(key)}", Static).update(doc)

    def show_values(self) -> None:
        """Fields, units and hints from the current settings (after a units or targets change);
        a field holding a refused value keeps it."""
        if not self.filled:
            return  # the fields will be built from the settings as they are then
        settings = self.cramplog.journal.settings
        for key in LABELS:
            dom = _dom_id(key)
            self.query_one(f"#unit-{dom}", Label).update(unit_of(key, settings.units))
            field = self.query_one(f"#setting-{dom}")
            if not self.query_one(f"#row-{dom}").has_class("-invalid"):
                self.query_one(f"#doc-{dom}", Static).update(hint(key, settings.units))
                if isinstance(field, Input):
                    field.value = shown_value(key, settings)

    @work(thread=True, group="config", exit_on_error=False, description="Saving a setting")
    def save_setting(self, key: str, raw: str) -> None:
        from ...config import set_value

        try:
            saved, _moved = set_value(key, raw, self.cramplog.journal.config_path)
        except CramplogError as exc:
            self.post_message(SettingRefused(key, str(exc)))
            return
        note = ""
        if key == "journal.day_boundary":  # the app's journal already reads the new boundary
            try:
                note = contradiction_note(self.cramplog.journal.repo.contradictions(), in_app=True)
            except CramplogError:
                pass  # saved all the same; the note is a courtesy
        self.post_message(SettingSaved(key, saved, note))

    @on(SettingSaved)
    def _saved(self, message: SettingSaved) -> None:
        if message.key == "targets.sex":
            # Targets not typed by the user follow the references for the new choice.
            names = REFERENCE_BY_SEX[message.settings.sex]
            current = self.cramplog.journal.settings
            self.cramplog.live_settings.apply(
                dataclasses.replace(current, **{name: getattr(message.settings, name) for name in names})
            )
        settings = self.cramplog.journal.settings
        unit = unit_of(message.key, settings.units)
        self.notify(
            f"Saved · {LABELS.get(message.key, message.key)}: "
            f"{shown_value(message.key, settings)}{' ' + unit if unit else ''}",
            markup=False,
        )
        if message.note:
            self.notify(message.note, severity="warning", timeout=12, markup=False)
        self.show_values()
        self.load_shoes()

    @on(SettingRefused)
    def _refused(self, message: SettingRefused) -> None:
        self.mark(message.key, f"Not saved: {message.error}")

    def action_back(self) -> None:
        """Back to the dashboard; with typing not yet saved, ask first (as forms do)."""
        pending = self.unsaved()
        if not pending:
            self.cramplog.navigation.dashboard()
            return
        from ..modals.confirm import ConfirmModal

        def answered(discard: bool | None) -> None:
            if discard:
                self.cramplog.navigation.dashboard()

        # The same question as a changed form asks; the field keeps its mark or its typing.
        self.app.push_screen(
            ConfirmModal("Discard what you typed?", "d discard and leave · esc keep editing"), answered
        )

    # -- shoes -----------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="db-shoes", exit_on_error=False, description="Loading shoes")
    def load_shoes(self) -> None:
        try:
            shoes, distances = loaders.load_shoes(self.cramplog.journal.repo)
        except CramplogError as exc:
            self.post_message(JournalFailed(str(exc), read=True))
            return
        self.post_message(ShoesLoaded(shoes, distances))

    shoes_shown: ShoesLoaded | None = None
    """The shoes last loaded (laid out again at a new width)."""

    def on_resize(self) -> None:
        if self.shoes_shown is not None:
            self._shoes_loaded(self.shoes_shown)

    @on(ShoesLoaded)
    def _shoes_loaded(self, message: ShoesLoaded) -> None:
        self.shoes_shown = message
        settings = self.cramplog.journal.settings
        units = settings.units
        table = self.query_one("#shoes-table", DataTable)
        keep = table.cursor_row
        today = loaders.current_day(self.cramplog.journal.clock, settings)

        def retired(shoe: E.Shoe) -> bool:
            return not in_use(shoe, today)

        def order(shoe: E.Shoe) -> tuple[bool, int]:
            """The shoes in use first (newest first), then the retired ones, latest retired first."""
            day = shoe.retired if shoe.retired is not None and retired(shoe) else shoe.first_used
            return retired(shoe), -day.toordinal()

        self.shoes = sorted((s for s in message.shoes if isinstance(s, E.Shoe)), key=order)
        rows = []
        for shoe in self.shoes:
            wear = wear_of(shoe, message.distances, settings.life_km)
            state = "worn out" if wear.worn_out else "in use"
            if shoe.retired is not None:
                state = f"retired {shoe.retired}" if retired(shoe) else f"{state}, retires {shoe.retired}"
            rows.append(
                (
                    printable(shoe.name),
                    str(shoe.first_used),
                    format_distance(wear.km, units),
                    f"{wear.fraction:.0%} of {format_distance(wear.life, units)}",
                    state,
                )
            )
        titles = ("Shoe", "First used", "Distance", "Life used", "State")
        room = self.query_one("#settings-body").scrollable_content_region.width  # the table never scrolls itself
        shown = rows or [(NO_SHOES, "", "", "", "")]
        widths = [max([len(title)] + [cell_len(row[k]) for row in shown]) for k, title in enumerate(titles)]
        stacked = sum(widths) + 2 * table.cell_padding * len(titles) > room
        table.clear(columns=True)
        name_w = 0
        if stacked:  # the shoe, when and its state over each other; the distance and its life
            distance_w = max([len("Distance")] + [cell_len(row[3]) for row in rows])
            name_w = max(10, room - distance_w - 4 * table.cell_padding)
            table.add_column("Shoe", key="shoe", width=name_w)
            table.add_column("Distance", key="distance", width=distance_w)
        else:
            for title, width in zip(titles, widths, strict=True):  # widths given: a DataTable that
                table.add_column(title, key=title.lower(), width=width)  # sizes itself lagged a resize
        for shoe, (name, first, km, life, state) in zip(self.shoes, rows, strict=True):
            if stacked:
                lines = [*pack(name.split(" "), name_w, " "), f"from {first}", *pack(clauses(state, ", "), name_w, " ")]
                table.add_row(Text("\n".join(lines)), f"{km}\n{life}", key=str(shoe.id), height=len(lines))
            else:
                table.add_row(Text(name), first, km, life, state, key=str(shoe.id))
        if self.shoes:
            table.move_cursor(row=min(keep, table.row_count - 1))
        else:
            lines = pack(NO_SHOES.split(" "), name_w, " ") if stacked else [NO_SHOES]
            table.add_row("\n".join(lines), *[""] * (len(table.columns) - 1), key="none", height=len(lines))

    def selected_shoe(self) -> E.Shoe | None:
        if not self.filled:
            return None
        table = self.query_one("#shoes-table", DataTable)
        if not self.shoes or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((s for s in self.shoes if str(s.id) == key), None)

    def action_add_shoe(self) -> None:
        self.cramplog.forms.open("shoe")

    def action_edit(self) -> None:
        if not self.filled:
            return
        shoe = self.selected_shoe()
        if shoe is None:
            self.notify("No shoe to edit yet: press + to add one.")
            return
        self.cramplog.forms.open("shoe", shoe)

    def action_retire_shoe(self) -> None:
        if not self.filled:
            return
        shoe = self.selected_shoe()
        if shoe is None:
            self.notify("No shoe to retire yet: press + to add one.")
            return
        today = loaders.current_day(self.cramplog.journal.clock, self.cramplog.journal.settings)
        if shoe.retired is not None and shoe.retired <= today:
            self.notify(
                f"{printable(shoe.name)} was retired on {shoe.retired}. To use it again, "
                "press e and empty its Retired field.",
                markup=False,
            )
            return
        self.cramplog.writes.save(shoe.replace(retired=max(today, shoe.first_used)))


def shoe_keys() -> list[str]:
    """The line over the shoes, from the screen's keys: each key with what it does, in phrases a
    narrow screen breaks between (a key stays with its first words)."""
    return PHRASE_BREAK.split(key_line(own_bindings(SettingsScreen.BINDINGS)))
