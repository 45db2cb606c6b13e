"""The clinician report as files a GP is given: the PDF read back, the HTML in a real browser.

The year's journal is not made for these tests: it is `tests/support/null_diaries`, written from
docs/analysis.md (night cramps up to 03:55, drinks, runs, stretching, check-ins), with a planted
low-fluid effect so that a finding exists, plus a medicine, a diet change and a swollen leg.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
from collections import Counter

import pytest
from pypdf import PdfReader

from cramplog.analysis.report import build_report
from cramplog.analysis.report_chart import Bin, Timeline, cramp_chart
from cramplog.analysis.report_format import write
from cramplog.analysis.vector import Label, Line, Rect, to_svg
from cramplog.cli import main
from cramplog.domain import entries as E
from cramplog.domain.clock import FixedClock, diary_day
from cramplog.domain.describe import moment
from cramplog.domain.paper import paper_for
from cramplog.domain.settings import Settings
from cramplog.storage.repository import JournalRepository
from tests.support.null_diaries import Plan, diary

A4 = (595, 842)
LETTER = (612, 792)
PLAN = Plan(days=365, seed=3, planted="low_fluid", odds_ratio=4.0)
"""Seed 3: Europe/Berlin, so A4; the planted effect and one more factor come out as findings."""


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    """(journal path, diary, first and last day) of a year of diary."""
    d = diary(PLAN)
    path = tmp_path_factory.mktemp("year") / "year.db"
    first = PLAN.start
    last = first + dt.timedelta(days=PLAN.days - 1)
    extra: list[E.Entry] = [
        E.Medicine(name="Amlodipine", start=first + dt.timedelta(days=150), dose="5 mg", tz=d.tz, med_class="other"),
        E.Medicine(
            name="Magnesium",
            start=first - dt.timedelta(days=40),
            stop=first + dt.timedelta(days=60),
            tz=d.tz,
            med_class="magnesium",
        ),
        E.Diet(day=first + dt.timedelta(days=200), pattern="vegan", b12=True, tz=d.tz),
        E.Symptom(
            at=dt.datetime.combine(first + dt.timedelta(days=300), dt.time(9, 30), tzinfo=_zone(d.tz)),
            tz=d.tz,
            symptom="swelling_one_leg",
            side="left",
        ),
    ]
    repo = JournalRepository.open(path)
    repo.add_many(d.entries + extra)
    repo.close()
    return path, d, first, last


def _zone(name: str):
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def _report(year, fmt: str, paper: str = "a4") -> bytes:
    path, d, first, last = year
    repo = JournalRepository.open(path)
    try:
        clock = FixedClock(d.tz, dt.datetime.combine(last + dt.timedelta(days=3), dt.time(12), tzinfo=dt.timezone.utc))
        doc = build_report(repo, Settings(units=d.units), clock, first, last, paper=paper)
        return write(doc, fmt)
    finally:
        repo.close()


@pytest.fixture(scope="module")
def pdf(year, tmp_path_factory) -> PdfReader:
    target = tmp_path_factory.mktemp("pdf") / "year.pdf"
    target.write_bytes(_report(year, "pdf"))
    return PdfReader(target)


def _words(text: str) -> str:
    return " ".join(text.split())


def test_page_one_of_a_years_pdf_is_the_whole_summary(pdf):
    """A GP given page one sees the red flags, the trend with its context and the findings."""
    assert 3 <= len(pdf.pages) <= 8
    assert tuple(round(x) for x in pdf.pages[0].mediabox.upper_right) == A4
    one = _words(pdf.pages[0].extract_text())
    order = [
        "Muscle cramp diary: summary for a clinician",
        "Period",
        "Red flags",
        "URGENT (same day): Possible blood clot (DVT) signs",
        "Cramps per week",
        "night cramps",
        "nothing logged that week (a gap, not zero)",
        "Amlodipine",
        "Diet changes",
        "By muscle:",
        "By context:",
        "By severity:",
        "Medicines, supplements and diet",
        "Around the cramps",
        "Beverages (all drinks):",
        "Running:",
        "Stretching:",
        "Sleep:",
        "Worth discussing",
        "About this report",
        "page 1 of",
    ]
    places = [one.find(text) for text in order]
    assert -1 not in places, [t for t, p in zip(order, places) if p == -1]
    assert places == sorted(places), "in the order a GP reads them"
    assert "Low fluid intake" in one, "the planted effect is worth discussing"
    assert "Episodes" not in one and "How this report was made" not in one
    two = _words(pdf.pages[1].extract_text())
    assert two.startswith(("Red-flag symptoms logged", "Episodes"))


def test_every_night_cramp_reads_at_its_true_time_with_its_diary_day(year, pdf):
    """03:10 on Thursday is printed as Thursday 03:10, counted in Wednesday's diary (issue 24)."""
    _, d, first, last = year
    text = _words(" ".join(page.extract_text() for page in pdf.pages[1:]))
    nights = [
        m
        for e in d.entries
        if isinstance(e, E.Cramp) and first <= (m := moment(e, Settings().boundary)).day <= last and m.shifted
    ]
    assert len(nights) > 20
    for m in nights:
        assert f"{m.date:%a %d %b %Y} {m.local:%H:%M} {m.day:%a %d %b}" in text
        assert f"{m.day:%a %d %b %Y} {m.local:%H:%M}" not in text, "never a day early"


def test_the_appendix_is_short_plain_words_without_code_names(year, pdf):
    text = _words(" ".join(page.extract_text() for page in pdf.pages))
    page = _report(year, "html").decode("utf-8")
    appendix = page[page.index('<section id="method">') :]
    assert 2 <= appendix[appendix.index("Caveats:") :].count("<li>") <= 8
    assert not re.findall(r"\b[a-z]+_[a-z_]+\b", text), "no identifier (load_spike, hard_streak)"
    assert not re.search(r"(?i)\byour?\b", text)


def test_html_and_pdf_hold_the_same_words(year, pdf):
    page = _report(year, "html").decode("utf-8")
    visible = re.sub(r"<title>.*?</title>", " ", page.split("<body>")[1])  # the chart's accessible name
    html_words = Counter(html.unescape(re.sub(r"<[^>]+>", " ", visible)).split())
    pdf_words = Counter(" ".join(p.extract_text() for p in pdf.pages).split())
    # The footer's words, and the bullet (the HTML's list shows it as a marker, not text).
    footer = {"page", "of", "Muscle", "cramp", "diary,", "•"} | {str(n) for n in range(1, 10)}
    missing = {w for w in html_words if w not in pdf_words}
    extra = {w for w in pdf_words if w not in html_words and w not in footer}
    assert not missing and not extra, (sorted(missing)[:20], sorted(extra)[:20])


def test_the_html_is_one_self_contained_file_with_a_vector_chart(year):
    page = _report(year, "html").decode("utf-8")
    assert page.count("<svg ") == 1 and "<img" not in page and "<script" not in page
    assert not re.search(r"(src|href)\s*=|https?://|@import|url\(", page)
    assert "@page { size: A4; margin: 15mm; }" in page
    assert "@page { size: letter;" in _report(year, "html", paper="letter").decode("utf-8")
    markdown = _report(year, "md").decode("utf-8")
    assert "<svg" not in markdown and "| Week of | Days with a cramp or check-in | Cramps | At night |" in markdown


def test_a_letter_pdf_is_letter_sized(year, tmp_path):
    target = tmp_path / "letter.pdf"
    target.write_bytes(_report(year, "pdf", paper="letter"))
    assert tuple(round(x) for x in PdfReader(target).pages[0].mediabox.upper_right) == LETTER


@pytest.mark.parametrize(
    ("setting", "zone", "env", "paper"),
    [
        ("auto", "America/Chicago", {}, "letter"),
        ("auto", "America/Toronto", {"LANG": "de_DE.UTF-8"}, "letter"),
        ("auto", "Europe/Berlin", {"LANG": "en_US.UTF-8"}, "a4"),
        ("auto", "America/Sao_Paulo", {}, "a4"),
        ("auto", "UTC", {"LANG": "en_US.UTF-8"}, "letter"),
        ("auto", "UTC", {"LC_ALL": "fr_CA"}, "letter"),
        ("auto", "UTC", {}, "a4"),
        ("auto", "Not/AZone", {"LANG": "C"}, "a4"),
        ("a4", "America/Chicago", {}, "a4"),
        ("letter", "Europe/Berlin", {}, "letter"),
    ],
)
def test_the_paper_follows_the_setting_else_the_zones_then_the_locales_country(setting, zone, env, paper):
    assert paper_for(setting, zone, env) == paper


def _bins() -> list[Bin]:
    monday = dt.date(2026, 1, 5)
    week = dt.timedelta(days=7)
    return [
        Bin(monday, monday + dt.timedelta(days=6), 2, 1, 7),
        Bin(monday + week, monday + week + dt.timedelta(days=6), 0, 0, 5),  # logged, no cramp
        Bin(monday + 2 * week, monday + 2 * week + dt.timedelta(days=6), None, None, 0),  # nothing logged
        Bin(monday + 3 * week, monday + 3 * week + dt.timedelta(days=6), 0, 4, 3),
    ]


def test_a_week_without_cramps_is_marked_apart_from_a_week_with_nothing_logged():
    chart = cramp_chart(_bins(), "week", Timeline())
    from cramplog.analysis.report_chart import LEFT, RIGHT, WIDTH

    slot = (WIDTH - LEFT - RIGHT) / 4

    def inside(i: int, x: float) -> bool:
        return LEFT + i * slot - 0.01 <= x <= LEFT + (i + 1) * slot + 0.01

    bars = [s for s in chart.shapes if isinstance(s, Rect) and s.y > 20]
    zeros = [s for s in chart.shapes if isinstance(s, Label) and s.text == "0" and s.y > 20 and s.x > LEFT]
    hatching = [
        s for s in chart.shapes if isinstance(s, Line) and s.y1 > 20 and s.y1 != s.y2 and not s.dash and s.x1 > LEFT
    ]
    assert [z for z in zeros if inside(1, z.x)] and not [z for z in zeros if not inside(1, z.x)]
    assert hatching and all(inside(2, h.x1) and inside(2, h.x2) for h in hatching)
    assert not [b for b in bars if inside(2, b.x + 0.1) and b.w > 1]
    assert len([b for b in bars if inside(0, b.x)]) == 2, "night and other cramps stacked"


def test_the_charts_title_counts_weeks_in_words_that_agree():
    """ "4 in 1 weeks with entries" was the title of a one-week report."""
    one = cramp_chart(_bins()[:1], "week", Timeline()).title
    assert "3 in 1 week with entries, 0 weeks with nothing logged" in one
    four = cramp_chart(_bins(), "week", Timeline()).title
    assert "7 in 3 weeks with entries, 1 week with nothing logged" in four


def test_the_chart_is_black_white_and_grey_only():
    """It must read the same on a black-and-white printer: no colour carries meaning."""
    svg = to_svg(cramp_chart(_bins(), "week", Timeline()))
    colours = set(re.findall(r'(?:fill|stroke)="(#[0-9a-f]{6})"', svg))
    assert colours and all(c[1:3] == c[3:5] == c[5:7] for c in colours), colours


def run_cli(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_name_and_birth_date_only_when_asked(tmp_path, capsys):
    db = tmp_path / "j.db"
    repo = JournalRepository.open(db)
    repo.add(E.CheckIn(day=dt.date(2026, 1, 5), tz="Europe/Berlin", no_cramps=True))
    repo.close()
    out = tmp_path / "r.pdf"
    code, _, err = run_cli(capsys, "--db", str(db), "report", "--identify", "-o", str(out))
    assert code == 2 and err.startswith("error: --identify needs your name") and err.count("\n") == 1
    assert not out.exists()
    assert run_cli(capsys, "config", "set", "report.name", "Ada Lovelace")[0] == 0
    assert run_cli(capsys, "config", "set", "report.birth_date", "1970-05-31")[0] == 0
    assert run_cli(capsys, "--db", str(db), "report", "-o", str(out))[0] == 0
    assert out.read_bytes().startswith(b"%PDF")
    plain = PdfReader(out).pages[0].extract_text()
    assert "Ada" not in plain and "1970" not in plain and "Name" in plain
    code, _, err = run_cli(capsys, "--db", str(db), "report", "--identify", "-o", str(out))
    assert code == 0, err
    first = _words(PdfReader(out).pages[0].extract_text())
    assert "Name Ada Lovelace" in first and "Date of birth 31 May 1970" in first
    export = tmp_path / "all.json"
    assert run_cli(capsys, "--db", str(db), "export", "-o", str(export))[0] == 0
    assert "Ada" not in export.read_text() and "1970-05-31" not in export.read_text()
    code, _, err = run_cli(capsys, "config", "set", "report.birth_date", "31/05/1970")
    assert code == 2 and "birth_date must be a date like 1970-05-31" in err


def test_days_with_entries_counts_every_kind_of_entry(tmp_path, capsys):
    """Issue 24: a day with only a drink is a day with an entry (3 of 7, not 2)."""
    db = tmp_path / "j.db"
    z = _zone("Europe/Berlin")
    day = dt.date(2026, 1, 5)
    repo = JournalRepository.open(db)
    repo.add_many(
        [
            E.CheckIn(day=day, tz="Europe/Berlin", no_cramps=True),
            E.Drink(
                at=dt.datetime.combine(day + dt.timedelta(days=1), dt.time(10), tzinfo=z),
                tz="Europe/Berlin",
                amount_ml=300,
            ),
            E.Cramp(
                at=dt.datetime.combine(day + dt.timedelta(days=3), dt.time(2), tzinfo=z),
                tz="Europe/Berlin",
                muscle="calf",
                severity=4,
                context="night",
            ),
        ]
    )
    repo.close()
    code, out, _ = run_cli(
        capsys, "--db", str(db), "report", "--from", str(day), "--to", str(day + dt.timedelta(days=6)), "--format", "md"
    )
    assert code == 0
    assert "**Days with entries:** 3 of 7 (43%)" in out
    assert "Thu 08 Jan 2026 | 02:00 | Wed 07 Jan |" in out


# -- the HTML in a real browser -------------------------------------------------------------------

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def _browser() -> str | None:
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


@pytest.mark.slow
@pytest.mark.skipif(
    _browser() is None,
    reason="no headless Chromium on this machine (Debian: apt-get install chromium; .ci/run installs it)",
)
def test_the_html_printed_by_a_real_browser_keeps_the_summary_on_page_one_at_a4(year, pdf, tmp_path):
    page = tmp_path / "year.html"
    page.write_bytes(_report(year, "html"))
    printed = tmp_path / "printed.pdf"
    done = subprocess.run(
        [
            _browser(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={printed}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and printed.exists(), done.stderr[-2000:]
    reader = PdfReader(printed)
    assert tuple(round(x) for x in reader.pages[0].mediabox.upper_right) == A4
    assert abs(len(reader.pages) - len(pdf.pages)) <= 1, (len(reader.pages), len(pdf.pages))
    one = _words(reader.pages[0].extract_text())
    for text in (
        "Red flags",
        "Cramps per week",
        "night cramps",
        "By severity:",
        "Around the cramps",
        "Worth discussing",
        "About this report",
        "In an emergency",
    ):
        assert text in one, text
    assert "Episodes" not in one
    assert _words(reader.pages[1].extract_text()).startswith(("Red-flag symptoms logged", "Episodes"))


def test_the_night_in_the_fixture_is_real(year):
    """Guard: the year holds night cramps after midnight, or the true-time test tests nothing."""
    _, d, _, _ = year
    after_midnight = [
        e for e in d.entries if isinstance(e, E.Cramp) and diary_day(e.at, e.tz) != e.at.astimezone(_zone(e.tz)).date()
    ]
    assert len(after_midnight) > 20


def test_no_two_labels_of_the_time_axis_overlap_when_the_period_starts_midweek():
    """A report from Sunday 1 Nov: its first week is one day, and its label "1 Nov" was drawn on
    top of the next Monday's "2 Nov" ("1 No2vNov")."""
    from cramplog.analysis.report_chart import LEFT
    from cramplog.analysis.vector import text_width

    sunday = dt.date(2026, 11, 1)
    bins = [Bin(sunday, sunday, 0, 1, 1)] + [
        Bin(sunday + dt.timedelta(days=1 + 7 * n), sunday + dt.timedelta(days=7 + 7 * n), 0, 1, 7) for n in range(4)
    ]
    chart = cramp_chart(bins, "week", Timeline())
    axis = sorted(
        (s for s in chart.shapes if isinstance(s, Label) and s.text.endswith("Nov") and s.x >= LEFT), key=lambda s: s.x
    )
    assert [s.text for s in axis] == ["2 Nov", "9 Nov", "16 Nov", "23 Nov"]
    assert all(a.x + text_width(a.text, a.size) < b.x for a, b in zip(axis, axis[1:]))
