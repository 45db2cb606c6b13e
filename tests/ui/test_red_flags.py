"""Red flags are calm and dated: the banner says since when and which entries fired it; once read
(`!`), a routine flag shrinks to one line, remembered across restarts in a private file; an
urgent flag keeps the full banner."""

from __future__ import annotations

import stat

from cramplog.domain import entries as E
from cramplog.ui.modals.red_flag import RedFlagModal
from cramplog.ui.widgets.red_flag_banner import RedFlagBanner

from .conftest import TZ_NAME, at, settle


def _night_cramps() -> list[E.Entry]:
    return [E.Cramp(at=at(d, 3), tz=TZ_NAME, muscle="calf", side="left", severity=5, context="night")
            for d in (1, 3, 5, 7, 9)]


def _banner(app) -> str:
    banner = app.screen.query_one(RedFlagBanner)
    return str(banner.render()) if banner.display else ""


async def test_a_read_routine_flag_shrinks_to_one_dated_line_and_stays_read(make, seed, config_path):
    seed(_night_cramps())
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = _banner(app)
        assert "Consider booking a GP appointment" in text and "since Thu 05 Mar" in text
        assert "entries #" in text and len(text.splitlines()) >= 3
        await pilot.press("exclamation_mark")
        await settle(pilot)
        assert isinstance(app.screen, RedFlagModal)
        await pilot.press("escape")
        await settle(pilot)
        text = _banner(app)
        assert text.startswith("Read: ") and len(text.splitlines()) == 1
    read_file = config_path.parent / "red_flags_read.json"
    assert stat.S_IMODE(read_file.stat().st_mode) == 0o600
    again = make()
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert _banner(again).startswith("Read: ")


async def test_an_urgent_flag_stays_prominent_after_reading(make, seed):
    seed([E.Symptom(at=at(0, 9), tz=TZ_NAME, symptom="swelling_one_leg", side="left")])
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        text = _banner(app)
        assert text.startswith("⚠") and "Read:" not in text and len(text.splitlines()) >= 3
