"""A phone-sized headless Chromium (390x844 CSS px) against the real `cramplog serve`.

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
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}"):
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


async def _regions(size: tuple[int, int], tmp: Path) -> list:
    """Where the four taps go, from the same app at the same size on an empty journal."""
    from cramplog.domain.settings import Settings
    from cramplog.ui.app import make_app

    app = make_app(tmp / "layout.db", settings=Settings(), config_path=tmp / "layout.toml", poll_interval=None)
    found = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        for target in ("#quick-log-cramp", "#quick-muscle-calf", "#quick-severity-7", "#quick-save"):
            found.append(app.screen.query_one(target).region)
            await pilot.click(target)
            await pilot.pause()
    return found


def tap(driver, x: float, y: float) -> None:
    from selenium.webdriver.common.actions import interaction
    from selenium.webdriver.common.actions.action_builder import ActionBuilder
    from selenium.webdriver.common.actions.pointer_input import PointerInput

    actions = ActionBuilder(driver, mouse=PointerInput(interaction.POINTER_TOUCH, "finger"))
    actions.pointer_action.move_to_location(int(x), int(y)).pointer_down().pause(0.05).pointer_up()
    actions.perform()


async def test_a_phone_logs_calf_seven_just_now_in_four_taps(tmp_path, browser):
    served = start(tmp_path)
    try:
        browser.get(f"{served.url}#key={served.key}")
        assert wait_for(lambda: "-first-byte" in browser.execute_script("return document.body.className")), \
            "the app never painted"
        assert "#key" not in browser.current_url and served.key not in browser.current_url
        cols, rows = app_size(served)
        screen = json.loads(browser.execute_script(
            "var r = document.querySelector('.xterm-screen').getBoundingClientRect();"
            "return JSON.stringify([r.left, r.top, r.width, r.height, window.innerWidth, window.innerHeight]);"))
        left, top, width, height, view_w, view_h = screen
        assert (view_w, view_h) == (390, 844)
        assert width <= view_w and height <= view_h, "the terminal is larger than the phone's screen"
        cell_w, cell_h = width / cols, height / rows
        time.sleep(1.0)  # the dashboard's quick buttons mount on its first resize
        for region in await _regions((cols, rows), tmp_path):
            assert region.right <= cols and region.bottom <= rows, f"{region} is off the phone's screen"
            tap(browser, left + (region.x + region.width / 2) * cell_w, top + (region.y + region.height / 2) * cell_h)
            time.sleep(0.6)

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
