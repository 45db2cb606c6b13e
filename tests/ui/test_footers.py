"""Every screen is findable and consistent at 80 columns: a title bar, a footer whose keys all
fit, `?` listing that screen's keys, and no key that means two different things."""

from __future__ import annotations

import importlib
import inspect
import io
import pkgutil

import pytest
from rich.console import Console
from textual.binding import Binding
from textual.screen import ModalScreen, Screen

import cramplog.ui.screens
from cramplog.domain import entries as E
from cramplog.ui.app import CramplogApp
from cramplog.ui.keys import key_names, own_keys
from cramplog.ui.modals.entry_form import EntryFormModal
from cramplog.ui.screens.help import HelpScreen

from .conftest import TZ_NAME, at, settle

SIZE = (80, 24)

SCREENS = (("", "Dashboard"), ("h", "History"), ("t", "Trends"), ("a", "Insights"), ("o", "Settings"), ("?", "Help"))
"""The key that opens each screen from the dashboard, and the title its bar shows."""


def rendered_lines(app) -> list[str]:
    """The screen as the terminal shows it, one string per row."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text().splitlines()


def _journal() -> list[E.Entry]:
    return [
        E.Shoe(name="Pegasus 40", first_used=at(200).date(), tz=TZ_NAME, start_km=50),
        E.Drink(at=at(0, 8), tz=TZ_NAME, amount_ml=500),
        E.Run(at=at(2, 7), tz=TZ_NAME, distance_km=8.5, duration_s=2900, effort=6, shoe_id=1),
        E.Cramp(at=at(0, 3, 10), tz=TZ_NAME, muscle="calf", side="left", severity=7, context="night"),
        *(E.Stretch(at=at(d, 21), tz=TZ_NAME, minutes=10) for d in range(1, 40, 3)),
    ]


@pytest.mark.parametrize("journal", ["empty", "with entries"])
async def test_every_screen_has_a_title_and_a_footer_with_all_its_keys_at_80_columns(make, seed, journal):
    if journal == "with entries":
        seed(_journal())
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        for key, title in SCREENS:
            await settle(pilot)
            if key:
                await pilot.press(key)
                await settle(pilot)
            screen = app.screen
            lines = rendered_lines(app)
            assert f"cramplog — {title if key else 'cramp journal'}" in lines[0], title
            shown = [b.binding for b in screen.active_bindings.values() if b.binding.show]
            assert shown, f"{title} shows no keys"
            # A binding with two keys (`d,delete`) shows its first in the footer.
            groups: dict[tuple[str, str], list[str]] = {}
            for binding in shown:
                groups.setdefault((binding.action, binding.description), []).append(app.get_key_display(binding))
            for (_action, description), keys in groups.items():
                assert any(f"{k} {description}" in lines[-1] for k in keys), (
                    f"{title}: {description!r} is cut from the footer {lines[-1]!r}"
                )
            if key != "?":
                # `?` shows this screen's keys first.
                await pilot.press("?")
                await settle(pilot)
                assert isinstance(app.screen, HelpScreen)
                listed = str(app.screen.query_one("#help-screen-keys").render())
                assert f"On {getattr(screen, 'HELP_TITLE', title)}" in listed
                for binding in type(screen).BINDINGS:
                    assert isinstance(binding, Binding)
                    assert " ".join((binding.tooltip or binding.description).split()) in " ".join(listed.split())
            await pilot.press("escape")
            await settle(pilot)
            assert not isinstance(app.screen, HelpScreen)
            if key:
                await pilot.press("escape")


async def test_a_form_shows_its_title_and_keys_at_80_columns(make, seed):
    seed(_journal())
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("c", "w", "r"):
            await pilot.press(key)
            await settle(pilot)
            form = app.screen
            assert isinstance(form, EntryFormModal)
            text = "\n".join(rendered_lines(app))
            assert form.title_text in text and "Enter saves · Esc cancels" in text
            await pilot.press("escape")
            await settle(pilot)


def _screen_classes() -> list[type]:
    """The app and every full screen (dialogs answer their own question and are left out: the
    app's keys are off while one is open)."""
    found: list[type] = [CramplogApp]
    for info in pkgutil.iter_modules(cramplog.ui.screens.__path__):
        module = importlib.import_module(f"cramplog.ui.screens.{info.name}")
        found += [
            cls
            for _, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, Screen) and not issubclass(cls, ModalScreen) and cls.__module__ == module.__name__
        ]
    return found


SAME_MEANING = {"escape": "go back", "enter": "open what the cursor is on"}
"""Keys whose action is named per screen but that mean one thing to the person pressing them."""


def _meanings() -> dict[str, dict[str, set[str]]]:
    """key -> action -> the classes binding it."""
    out: dict[str, dict[str, set[str]]] = {}
    for cls in _screen_classes():
        for binding in cls.BINDINGS:
            assert isinstance(binding, Binding)
            for key in binding.key.split(","):
                action = binding.action.removeprefix("app.")
                out.setdefault(key.strip(), {}).setdefault(action, set()).add(cls.__name__)
    return out


def test_no_key_means_two_different_things_across_screens():
    clashes = {key: actions for key, actions in _meanings().items() if len(actions) > 1 and key not in SAME_MEANING}
    assert clashes == {}


async def test_the_palette_shows_each_action_with_the_key_that_does_it(make):
    from functools import partial

    from cramplog.ui.keys import GLOBAL_KEYS, command_callbacks

    names = {"?": "question_mark", "esc": "escape"}
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        checked = 0
        for title, _help, callback, key in command_callbacks(app):
            if not key or key == "esc":
                continue
            if isinstance(callback, partial):
                action = f"{callback.func.__name__.removeprefix('action_')}({callback.args[0]!r})"
            else:
                action = callback.__name__.removeprefix("action_")
            assert GLOBAL_KEYS[names.get(key, key)] == action, title
            checked += 1
        assert checked >= 14


async def test_help_says_history_and_settings_keys_in_the_words_of_their_bindings(make, seed, monkeypatch):
    """Help (from the dashboard) lists History's and Settings' own keys after the key that opens
    each, read from the screens' bindings: a key's words changed there change Help."""
    from cramplog.ui.screens.settings import SettingsScreen

    retire = next(b for b in SettingsScreen.BINDINGS if isinstance(b, Binding) and b.key == "x")
    changed = [b for b in SettingsScreen.BINDINGS if b is not retire]
    changed.append(Binding("x", retire.action, retire.description, tooltip="put the shoe away: it keeps its runs"))
    monkeypatch.setattr(SettingsScreen, "BINDINGS", changed)
    seed(_journal())
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("?")
        await settle(pilot)
        listed = " ".join(str(app.screen.query_one("#help-keys").render()).split())
        assert "h history: entries by diary day (Enter opens one). e edit the entry in the form it was logged with" in (
            listed
        )
        assert "[ older entries · ] newer entries" in listed
        settings = "o settings and shoes. + add a shoe · e edit the selected shoe · x put the shoe away ? this help"
        assert settings in listed


@pytest.mark.parametrize(
    ("action", "module", "name"),
    [
        ("trends", "trends", "TrendsScreen"),
        ("insights", "insights", "InsightsScreen"),
        ("last_cramp", "cramp_context", "CrampContextScreen"),
    ],
)
def test_help_says_each_screens_keys_after_the_key_that_opens_it(monkeypatch, action, module, name):
    """Help's line for `t`, `a` and the dashboard's Enter ends with that screen's own keys in the
    words of its bindings: a binding's tooltip changed in code changes Help."""
    from cramplog.domain.settings import Settings
    from cramplog.ui.keys import BY_ACTION
    from cramplog.ui.screens import help as help_screen

    screen = getattr(importlib.import_module(f"cramplog.ui.screens.{module}"), name)
    *rest, last = screen.BINDINGS
    changed = [*rest, Binding(last.key, last.action, last.description, tooltip="does something new")]
    monkeypatch.setattr(screen, "BINDINGS", changed)
    lines = {key: said for _, group in help_screen.keys(Settings()) for line in group for key, said in line}
    said = lines[BY_ACTION[action].shown]
    assert said.endswith(f"{BY_ACTION[action].help}. {own_keys(changed)}")
    assert said.endswith(f"{key_names(last)[0]} does something new")


@pytest.mark.parametrize(("opens", "own"), [("o", "add a shoe"), ("h", "older entries")])
async def test_help_on_a_screen_lists_its_keys_once(make, seed, opens, own):
    """Help opened on Settings (or History) lists that screen's keys first ("On Settings"); the
    line for the key that opens it no longer says them again."""
    seed(_journal())
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(opens)
        await settle(pilot)
        await pilot.press("?")
        await settle(pilot)
        first = " ".join(str(app.screen.query_one("#help-screen-keys").render()).split())
        listed = " ".join(str(app.screen.query_one("#help-keys").render()).split())
        assert own in first
        assert own not in listed
