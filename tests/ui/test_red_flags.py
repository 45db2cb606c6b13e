"""Red flags are calm and dated: the banner says since when and which entries fired it; once read
(`!`), a routine flag shrinks to one line, remembered across restarts in a private file; an
urgent flag keeps the full banner."""

from __future__ import annotations

import stat

from textual.geometry import Region

from cramplog.domain import entries as E
from cramplog.ui.modals.red_flag import RedFlagModal
from cramplog.ui.widgets.red_flag_banner import RedFlagBanner

from .conftest import TZ_NAME, at, settle


def _night_cramps() -> list[E.Entry]:
    return [
        E.Cramp(at=at(d, 3), tz=TZ_NAME, muscle="calf", side="left", severity=5, context="night")
        for d in (1, 3, 5, 7, 9)
    ]


def _banner(app) -> str:
    """The banner's lines as the dashboard shows them (wrapped at its width), or "" when hidden."""
    banner = app.screen_stack[0].query_one(RedFlagBanner)
    if not banner.display:
        return ""
    gutter, (width, height) = banner.styles.gutter, banner.outer_size
    strips = banner.render_lines(Region(0, 0, width, height))
    strips = [strip.crop(gutter.left, width - gutter.right) for strip in strips]
    return "\n".join(strip.text.rstrip() for strip in strips)


async def _read(pilot, close: str) -> str:
    """Open the notice with `!`, close it with `close`; the banner then."""
    await settle(pilot)
    await pilot.press("exclamation_mark")
    await settle(pilot)
    await pilot.press(close)
    await settle(pilot)
    return _banner(pilot.app)


async def test_a_read_routine_flag_shrinks_to_one_dated_line_and_stays_read(make, seed, config_path):
    seed(_night_cramps())
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = _banner(app)
        # The oldest cramp, 03:00 on Thu 5 March, belongs to the night of the 4th (diary day).
        assert "Consider booking a GP appointment" in text and "since Wed 04 Mar" in text
        assert "#3, #4, #5" in text and len(text.splitlines()) >= 3
        # At 80 columns the line wraps between its parts, indented under its text.
        assert "\n    · entries #3, #4, #5\n" in text, text
        await pilot.press("exclamation_mark")
        await settle(pilot)
        assert isinstance(app.screen, RedFlagModal)
        # Opening the notice is not reading it: the banner behind it stays as it was.
        assert "Read" not in _banner(app) and not app.feed.flags_read
        await pilot.press("escape")
        await settle(pilot)
        # One line at 80 columns: the title, since when, and how to open it again.
        text = _banner(app)
        assert text == "Read: Frequent cramps or cramps that disturb sleep · since 04 Mar · ! opens"
        assert app.screen.query_one(RedFlagBanner).size.height == 1
    read_file = config_path.parent / "red_flags_read.json"
    assert stat.S_IMODE(read_file.stat().st_mode) == 0o600
    again = make()
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert _banner(again).startswith("Read: ")


async def test_several_read_routine_flags_still_take_one_line_naming_how_many_more(make, seed):
    seed([*_night_cramps(), *(E.Symptom(at=at(d, 9), tz=TZ_NAME, symptom="tingling") for d in (2, 4, 6))])
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        text = await _read(pilot, "enter")
        assert len(text.splitlines()) == 1 and app.screen.query_one(RedFlagBanner).size.height == 1
        assert text.startswith("Read: Frequent cramps") and text.endswith("… and 2 more · since 04 Mar · ! opens")
        assert len(text) == 77  # the title takes all the room left


def test_the_read_line_gives_the_title_the_room_left():
    from cramplog.ui.widgets.red_flag_banner import read_line

    day = at(9).date()
    assert (
        read_line("Cramps after starting a medicine", 0, day, 200)
        == "Read: Cramps after starting a medicine · since 05 Mar · ! opens"
    )
    assert (
        read_line("Persistent tingling, numbness or balance problems", 1, day, 77)
        == "Read: Persistent tingling, numbness or b… and 1 more · since 05 Mar · ! opens"
    )


def test_on_a_phone_a_read_flag_keeps_its_title_on_a_line_of_its_own():
    from cramplog.ui.widgets.red_flag_banner import read_line, read_lines

    day = at(9).date()
    title = "Persistent tingling, numbness or balance problems"
    assert read_lines(title, 1, day, 48) == [f"Read: {title[:41]}…", "  and 1 more · since 05 Mar · ! opens"]
    assert read_lines("Cramps after starting a medicine", 0, day, 48) == [
        "Read: Cramps after starting a medicine",
        "  since 05 Mar · ! opens",
    ]
    assert read_lines(title, 1, day, 77) == [read_line(title, 1, day, 77)]  # room enough: one line


async def test_an_urgent_flag_stays_prominent_after_reading(make, seed):
    seed([E.Symptom(at=at(0, 9), tz=TZ_NAME, symptom="swelling_one_leg", side="left")])
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        text = await _read(pilot, "escape")
        assert text.startswith("⚠") and "Read:" not in text and len(text.splitlines()) >= 3


async def test_the_banner_dates_a_flag_by_its_diary_day(make, seed):
    """Swelling logged at 01:00 on Saturday belongs to Friday's diary day, as "today" does."""
    seed([E.Symptom(at=at(0, 1, 0), tz=TZ_NAME, symptom="swelling_one_leg", side="left")])
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = _banner(app)
        assert "Urgent" in text and "since Fri 13 Mar" in text
