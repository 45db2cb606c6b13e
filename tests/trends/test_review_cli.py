"""`cramplog trends` and `cramplog report` through the real entry point, on a journal in tmp_path."""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
import sys

import pytest

from cramplog.cli import main
from cramplog.domain import entries as E
from cramplog.domain.clock import Clock, diary_day
from cramplog.domain.settings import Settings
from cramplog.storage.repository import JournalRepository

from .helpers import TZ, checkin, cramp, drink, run, stretch

ANSI = re.compile(r"\x1b\[")


def diary_today() -> dt.date:
    """Today's diary day as the CLI reads it: its zone is `$TZ` (which the tests' own set-up
    chooses, so read it in the test, not at import) and the default 04:00 boundary."""
    clock = Clock()
    return diary_day(clock.now(), clock.tz, Settings().boundary)


def today_monday(weeks_back: int) -> dt.date:
    today = diary_today()
    return today - dt.timedelta(days=today.weekday(), weeks=weeks_back)


@pytest.fixture
def db(tmp_path):
    """A journal around the real today (the CLI runs on the machine's clock)."""
    path = tmp_path / "j.db"
    repo = JournalRepository.open(path)
    entries = []
    for week in (3, 2, 0):
        d = today_monday(week)
        entries += [checkin(d), cramp(d, severity=6, context="night"), drink(d, 1500), stretch(d, 15), run(d, 6.0)]
    repo.add_many(entries)
    repo.close()
    return path


def run_cli(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_trends_prints_the_summary_and_all_six_charts_as_plain_text(db, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "90")
    monkeypatch.setenv("LINES", "30")
    code, out, err = run_cli(capsys, "--db", str(db), "trends", "--weeks", "4")
    assert code == 0, err
    days = diary_today().weekday() + 1  # the diary days of this week so far
    assert out.startswith(f"This week so far ({days} of 7 days): 1 cramp" if days < 7 else "This week: 1 cramp")
    for title in (
        "Cramps per week",
        "Drinks per day",
        "Stretching per week",
        "Run distance per week",
        "Magnesium and potassium",
        "Distance on each shoe",
    ):
        assert title in out
    assert not ANSI.search(out)  # captured output is not a terminal
    chart_lines = [line for line in out.split("\n") if "┤" in line or "│" in line]
    assert max(len(line) for line in chart_lines) == 90


def test_a_one_bar_shoes_chart_prints_no_screen_of_empty_rows(db, capsys, monkeypatch):
    """At 80x40 a single shoe's bar was followed by about 17 blank lines (a new user's report)."""
    repo = JournalRepository.open(db)
    repo.add(E.Shoe(name="Pegasus 40", first_used=today_monday(3), tz=TZ))
    repo.close()
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "40")
    code, out, err = run_cli(capsys, "--db", str(db), "trends", "--chart", "shoes")
    assert code == 0, err
    lines = out.rstrip("\n").split("\n")
    assert "Pegasus 40" in out and "shoe life" in lines[-1]
    assert not any(not a.strip() and not b.strip() for a, b in zip(lines, lines[1:]))


def test_trends_one_chart_by_name_or_prefix(db, capsys):
    code, out, _ = run_cli(capsys, "--db", str(db), "trends", "--chart", "bev", "--no-color")
    assert code == 0
    assert "Drinks per day" in out and "Cramps per week" not in out


def test_trends_piped_through_a_subprocess_has_no_escape_codes(db, tmp_path):
    env = {"CRAMPLOG_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin", "TZ": TZ, "COLUMNS": "70", "LINES": "20"}
    done = subprocess.run(
        [sys.executable, "-m", "cramplog", "--db", str(db), "trends", "--chart", "cramps"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Cramps per week" in done.stdout and "\x1b" not in done.stdout


@pytest.mark.parametrize(
    "args, word",
    [
        (["trends", "--weeks", "0"], "--weeks"),
        (["trends", "--chart", "sleep"], "chart"),
        (["report", "--from", "2026-02-30"], "date"),
        (["report", "--from", "2026-03-10", "--to", "2026-03-01"], "after"),
    ],
)
def test_bad_input_exits_2_with_one_error_line(db, capsys, args, word):
    code, out, err = run_cli(capsys, "--db", str(db), *args)
    assert code == 2
    assert err.startswith("error:") and word in err and err.count("\n") == 1
    assert out == ""


def test_report_to_an_unwritable_place_writes_nothing(db, capsys, tmp_path):
    target = tmp_path / "missing" / "r.html"
    code, _, err = run_cli(capsys, "--db", str(db), "report", "-o", str(target))
    assert code == 2 and err.startswith("error: cannot write")
    assert not target.exists()
    folder = tmp_path / "a-folder"
    folder.mkdir()
    code, _, err = run_cli(capsys, "--db", str(db), "report", "-o", str(folder))
    assert code == 2 and "directory" in err and list(folder.iterdir()) == []


def seeded_report_journal(path):
    repo = JournalRepository.open(path)
    d = today_monday(1)
    repo.add_many(
        [
            checkin(d),
            cramp(d, severity=8, context="stretching", muscle="foot_arch", side="left", duration_s=95),
            cramp(
                d + dt.timedelta(days=1),
                severity=4,
                context="night",
                hour=3,
                minute=10,
                tingling=True,
                note="woke me up",
            ),
            E.Symptom(at=cramp(d + dt.timedelta(days=2)).at, tz=TZ, symptom="swelling_one_leg", side="left"),
            E.Medicine(
                name="Bendroflumethiazide",
                start=d - dt.timedelta(days=3),
                med_class="diuretic_thiazide",
                dose="2.5 mg",
                tz=TZ,
            ),
            E.Medicine(
                name="Old statin", start=dt.date(2020, 1, 1), stop=dt.date(2021, 1, 1), med_class="statin", tz=TZ
            ),
            E.Diet(day=d - dt.timedelta(days=1), pattern="vegan", b12=False, tz=TZ),
            drink(d, 1500),
        ]
    )
    repo.close()
    return d


def report_text(path) -> str:
    """What a reader sees in a report file: the Markdown, the HTML without its tags, the PDF's text."""
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(path).pages)
    text = path.read_text(encoding="utf-8")
    return html.unescape(re.sub(r"<[^>]+>", " ", text)) if path.suffix == ".html" else text


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_report_holds_every_section_a_clinician_needs(tmp_path, capsys, fmt):
    db = tmp_path / "r.db"
    d = seeded_report_journal(db)
    out_file = tmp_path / f"report.{fmt}"
    code, _, err = run_cli(
        capsys,
        "--db",
        str(db),
        "report",
        "--from",
        str(d - dt.timedelta(weeks=4)),
        "--to",
        str(diary_today()),
        "--format",
        fmt,
        "-o",
        str(out_file),
    )
    assert code == 0, err
    plain = " ".join(report_text(out_file).split())
    # episodes table: true date, time, the diary day where it differs, muscle, side, severity, ...
    for header in ("Date", "Time", "Diary day", "Muscle", "Side", "Severity", "Duration", "Context"):
        assert header in plain
    assert re.search(rf"{d:%a %d %b %Y}\W+\d\d:\d\d\W+foot arch\W+left\W+8\W+1:35\W+stretching", plain)
    # the 03:10 night cramp happened the next morning, and counts for the evening before (issue 24)
    night = d + dt.timedelta(days=1)
    assert re.search(rf"{night:%a %d %b %Y}\W+03:10\W+{d:%a %d %b}\W+calf", plain)
    assert f"{d:%a %d %b %Y} 03:10" not in plain, "a night cramp is never dated a day early"
    # page one: red flags first, the chart's period, counts, medicines, exposures, findings, disclaimer
    assert plain.index("Red flags") < plain.index("Cramps per week") < plain.index("Episodes")
    assert "URGENT (same day): Possible blood clot (DVT) signs" in plain
    assert "By muscle: foot arch 1, calf 1" in plain and "By context: stretching 1, night 1" in plain
    assert "By severity: 1–3: 0, 4–6: 1, 7–10: 1" in plain
    assert "swelling one leg" in plain and "tingling or numbness" in plain
    assert "Bendroflumethiazide 2.5 mg (diuretic thiazide): started" in plain and "started in period" in plain
    assert "Old statin" not in plain
    assert "vegan" in plain and "without a B12 supplement" in plain
    assert "not to stop or change a prescribed medicine" in plain
    assert "Beverages (all drinks): 1.5 L a day on average" in plain and "Sleep: not logged" in plain
    assert not re.search(r"(?i)\byour?\b", plain)  # a clinician reads it: this person, never "you"
    assert "Worth discussing" in plain and "Too little data yet" in plain
    assert "It can't diagnose conditions" in plain
    assert "not proof of a cause" in plain
    assert not re.search(r"\bp\s*[=<]", plain)  # ranges, never p-values
    assert not re.search(r"should drink|drink more water|try quinine", plain.lower())
    assert not re.findall(r"\b[a-z]+_[a-z_]+\b", plain), "no code name in the text"


def test_html_report_is_self_contained_and_print_ready(tmp_path, capsys):
    db = tmp_path / "r.db"
    seeded_report_journal(db)
    out_file = tmp_path / "report.html"
    code, _, _ = run_cli(capsys, "--db", str(db), "report", "-o", str(out_file))  # format from the suffix
    text = out_file.read_text(encoding="utf-8")
    assert code == 0 and text.startswith("<!DOCTYPE html>")
    assert not re.search(r"(src|href)\s*=|https?://|@import|url\(", text)
    assert "@media print" in text and "thead { display: table-header-group; }" in text
    assert text.count("<table>") >= 3


def test_report_without_output_prints_markdown(db, capsys):
    code, out, _ = run_cli(capsys, "--db", str(db), "report")
    assert code == 0
    assert out.startswith("# Muscle cramp diary: summary for a clinician")
    assert "## Episodes" in out


def test_html_escapes_what_the_user_typed(tmp_path, capsys):
    db = tmp_path / "x.db"
    repo = JournalRepository.open(db)
    repo.add(cramp(today_monday(0), note="<script>alert(1)</script>"))
    repo.close()
    out_file = tmp_path / "x.html"
    assert run_cli(capsys, "--db", str(db), "report", "-o", str(out_file))[0] == 0
    text = out_file.read_text(encoding="utf-8")
    assert "<script>" not in text and "&lt;script&gt;" in text


def test_a_format_the_files_name_contradicts_is_refused_and_nothing_written(tmp_path, capsys):
    """`report -o x.pdf --format md` wrote Markdown into a file called x.pdf, which no PDF reader
    opens; a name that names no format (x.txt) takes any --format."""
    db = tmp_path / "r.db"
    seeded_report_journal(db)
    code, out, err = run_cli(capsys, "--db", str(db), "report", "-o", str(tmp_path / "x.pdf"), "--format", "md")
    assert (code, out) == (2, "") and err.startswith("error: --format md but the file's name ends in .pdf")
    assert not (tmp_path / "x.pdf").exists()
    code, _, err = run_cli(capsys, "--db", str(db), "report", "-o", str(tmp_path / "x.txt"), "--format", "html")
    assert code == 0, err
    assert (tmp_path / "x.txt").read_text().lstrip().lower().startswith("<!doctype html")
