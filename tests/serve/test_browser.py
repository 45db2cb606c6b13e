"""A phone-sized headless Chromium (390x844 CSS px) against the real `cramplog serve`: a cramp
logged in four taps (after skipping a new journal's questions with a tap), every screen opened
by its key and fitting the phone, a wrong or missing key starting nothing.

Taps land where the buttons are: the app's layout at the browser's terminal size (the size
textual-serve gave the app process, read from its environment) is taken from the same app
under Textual's Pilot, and each tap is a touch at that cell's centre on the terminal's canvas.
Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them) and selenium; skips
saying which is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from .conftest import Served, start, stop

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
PHONE = {"width": 390, "height": 844, "pixelRatio": 1.0, "touch": True}

pytestmark = pytest.mark.slow


def _skip_reason() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install '.[test]')"
    for path, package in ((CHROMIUM, "chromium"), (DRIVER, "chromium-driver")):
        if not os.access(path, os.X_OK):
            return f"{path} is missing: apt-get install {package}"
    return None


if _skip_reason():
    pytest.skip(_skip_reason() or "", allow_module_level=True)


@pytest.fixture
def browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(dir=tmp_path)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": PHONE})
    os.environ.setdefault("SE_OFFLINE", "true")  # selenium-manager must not look for a driver online
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(check, timeout: float = 20.0, step: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(step)
    return check()


def still(browser, quiet: float = 0.8, timeout: float = 30.0) -> set[bytes]:
    """The pictures of the page once no new one has appeared for `quiet` seconds: the app has drawn
    what the last key or tap asked for (on a busy machine that takes longer, and this waits longer).
    A blinking cursor's two pictures are one still page, so this is a set."""
    deadline = time.monotonic() + timeout
    last_seen: dict[bytes, float] = {}
    since = time.monotonic()
    while time.monotonic() < deadline:
        shot, now = browser.get_screenshot_as_png(), time.monotonic()
        if shot not in last_seen:
            since = now
        last_seen[shot] = now
        if now - since >= quiet:
            return {picture for picture, seen in last_seen.items() if now - seen <= quiet}
        time.sleep(0.1)
    raise AssertionError(f"the page never stopped changing in {timeout:.0f} s")


def app_size(served: Served) -> tuple[int, int]:
    """The terminal size textual-serve started the app with (the browser's, in cells)."""
    for pid in served.descendants():
        try:
            raw = Path(f"/proc/{pid}/environ").read_bytes()
        except OSError:
            continue
        values = dict(item.split("=", 1) for item in raw.decode(errors="replace").split("\0") if "=" in item)
        if "COLUMNS" in values and "ROWS" in values and values.get("TEXTUAL_DRIVER"):
            return int(values["COLUMNS"]), int(values["ROWS"])
    raise AssertionError("no app process")


async def _regions(size: tuple[int, int], tmp: Path, targets: tuple[str, ...]) -> list:
    """Where the taps go, from the same app at the same size on a new journal: the first-run
    questions first (a phone skips them with a tap, having no Escape), then `targets`."""
    from cramplog.domain.settings import Settings
    from cramplog.ui.app import make_app

    app = make_app(
        tmp / "layout.db", settings=Settings(), config_path=tmp / "layout.toml", poll_interval=None, first_run=True
    )
    found = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        for target in (SKIP, *targets):
            found.append(app.screen.query_one(target).region)
            await pilot.click(target)
            await pilot.pause()
    return found


SKIP = "#tap-1"
"""The first-run questions' Skip button (`TapBar`)."""


def tap(driver, x: float, y: float) -> None:
    from selenium.webdriver.common.actions import interaction
    from selenium.webdriver.common.actions.action_builder import ActionBuilder
    from selenium.webdriver.common.actions.pointer_input import PointerInput

    actions = ActionBuilder(driver, mouse=PointerInput(interaction.POINTER_TOUCH, "finger"))
    actions.pointer_action.move_to_location(int(x), int(y)).pointer_down().pause(0.05).pointer_up()
    actions.perform()


def open_app(served: Served, browser) -> tuple[int, int, float, float, float, float]:
    """Open the app with the key; its terminal's size in cells, where it is on the page, and a
    cell's size in CSS px. The terminal fits the phone's screen."""
    browser.get(f"{served.url}#key={served.key}")
    assert wait_for(lambda: "-first-byte" in browser.execute_script("return document.body.className")), (
        "the app never painted"
    )
    assert "#key" not in browser.current_url and served.key not in browser.current_url
    cols, rows = app_size(served)
    left, top, width, height, view_w, view_h = terminal_box(browser)
    assert (view_w, view_h) == (390, 844)
    assert width <= view_w and height <= view_h, "the terminal is larger than the phone's screen"
    still(browser)  # drawn at the browser's size (the dashboard's quick buttons mount on its first resize)
    return cols, rows, left, top, width / cols, height / rows


def terminal_box(browser) -> list[float]:
    """The terminal's box on the page and the page's size, in CSS px."""
    return json.loads(
        browser.execute_script(
            "var r = document.querySelector('.xterm-screen').getBoundingClientRect();"
            "return JSON.stringify([r.left, r.top, r.width, r.height, window.innerWidth, window.innerHeight]);"
        )
    )


async def test_a_phone_logs_calf_seven_just_now_in_four_taps(tmp_path, browser):
    """A new journal: the first visit's questions are skipped with a tap (once per journal), then
    four taps log the cramp."""
    served = start(tmp_path, first_run=True)
    try:
        cols, rows, left, top, cell_w, cell_h = open_app(served, browser)
        targets = (SKIP, "#quick-log-cramp", "#quick-muscle-calf", "#quick-severity-7", "#quick-save")
        for target, region in zip(targets, await _regions((cols, rows), tmp_path, targets[1:])):
            assert region.right <= cols and region.bottom <= rows, f"{region} is off the phone's screen"
            before = still(browser)
            tap(browser, left + (region.x + region.width / 2) * cell_w, top + (region.y + region.height / 2) * cell_h)
            changed = wait_for(lambda shots=before: browser.get_screenshot_as_png() not in shots, timeout=30)
            assert changed, f"a tap on {target} did nothing"

        def logged():
            done = served.cramplog("list", "--json", "--kind", "cramp")
            return json.loads(done.stdout)["entries"] if done.returncode == 0 else None

        entries = wait_for(logged, timeout=15, step=0.5)
        browser.save_screenshot(str(tmp_path / "phone.png"))
        assert entries, f"no cramp logged; screenshot in {tmp_path / 'phone.png'}"
        [cramp] = entries
        assert (cramp["muscle"], cramp["severity"]) == ("calf", 7)
        log = served.log()
        assert served.key not in log, "the key reached the server's log"
    finally:
        stop(served)


SCREENS = (
    ("h", "HistoryScreen"),
    ("t", "TrendsScreen"),
    ("a", "InsightsScreen"),
    ("o", "SettingsScreen"),
    ("?", "HelpScreen"),
    ("c", "EntryFormModal"),
    ("enter", "CrampContextScreen"),
)
"""Each screen's key from the dashboard, and the screen it opens."""


async def test_every_screen_opens_in_the_phones_browser_and_fits_it(tmp_path, browser):
    """Each screen opened by its key in the browser (the picture changes, and Escape brings the
    dashboard back); at the size the browser gave the app, each fits (tests/ui/test_phone.py's
    check: nothing cut, nothing wider than its place). The canvas can't be read as text, so the
    fit is read from the same app at the same size under Pilot."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    from cramplog.storage.repository import JournalRepository
    from tests.ui.test_phone import journal

    repo = JournalRepository.open(tmp_path / "journal.db")
    repo.add_many(journal())
    repo.close()
    served = start(tmp_path)
    try:
        cols, rows, left, top, cell_w, cell_h = open_app(served, browser)
        assert cols < 60, f"{cols} columns: the page gave a phone a desktop's width"
        tap(browser, left + cell_w * cols / 2, top + cell_h * (rows - 1))  # the key bar: focus the terminal
        home = still(browser)
        for key, _name in SCREENS:
            ActionChains(browser).send_keys(Keys.ENTER if key == "enter" else key).perform()
            assert wait_for(lambda: browser.get_screenshot_as_png() not in home, timeout=30), f"{key} opened nothing"
            still(browser)  # Insights and Trends load in a worker (a spinner till then)
            browser.save_screenshot(str(tmp_path / f"{_name}.png"))
            box = terminal_box(browser)
            assert box[2] <= box[4] and box[3] <= box[5], f"{_name} is larger than the phone's screen"
            ActionChains(browser).send_keys(Keys.ESCAPE).perform()
            assert wait_for(lambda: browser.get_screenshot_as_png() in home, timeout=30), (
                f"Escape on {_name} didn't bring the dashboard back; see {tmp_path}"
            )
    finally:
        stop(served)
    await _fits((cols, rows), tmp_path / "journal.db", tmp_path)


async def _fits(size: tuple[int, int], db: Path, tmp: Path) -> None:
    """Each screen of `SCREENS` fits at `size`, on the journal the browser used."""
    from cramplog.domain.settings import Settings
    from cramplog.ui.app import make_app
    from tests.ui.conftest import settle
    from tests.ui.test_phone import assert_fits

    app = make_app(db, settings=Settings(), config_path=tmp / "layout.toml", poll_interval=None)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert_fits(app)
        for key, name in SCREENS:
            await pilot.press(key)
            await settle(pilot)
            assert type(app.screen).__name__ == name
            assert_fits(app)
            await pilot.press("escape")
            await settle(pilot)


def test_a_wrong_or_missing_key_starts_no_app(tmp_path, browser):
    served = start(tmp_path)
    try:
        browser.get(served.url)
        assert wait_for(lambda: browser.find_elements("id", "key"))
        assert browser.title == "cramplog · sign in"
        browser.get(f"{served.url}?from-a-qr-code#key=not-the-key-{served.key[:10]}")  # a new page, not a new fragment
        assert wait_for(lambda: "not right" in browser.page_source)
        time.sleep(1.0)
        assert served.descendants() == [], "a browser without the key started an app process"
        assert served.key not in served.log() and served.key[:10] not in served.log()
    finally:
        stop(served)
