"""Provides the review commands: `trends` (weekly charts in the terminal) and `report` (for a clinician).

pandas is imported inside the commands (about 250 ms), so other commands
never pay for it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..analysis.trends import DEFAULT_WEEKS, RANGES, weeks_back
from ..domain.fields import printable
from ..domain.paper import paper_for
from ..errors import InvalidInput
from ..paths import file_path
from .context import AppContext, pass_app
from .fields import optional

if TYPE_CHECKING:
    from ..analysis.report import Person
    from ..domain.settings import Settings

MAX_WEEKS = RANGES[-1]
REPORT_FORMATS = ("md", "html", "pdf")


def _weeks(text: str | int) -> int:
    from ..domain.fields import parse_int

    value = parse_int(text, "weeks", "--weeks")  # ASCII digits only, as every number
    if not 1 <= value <= MAX_WEEKS:
        raise InvalidInput(f"--weeks must be between 1 and {MAX_WEEKS}, got {value}", "weeks")
    return value


def _use_color(no_color: bool) -> bool:
    """Colour only on a terminal, and never with --no-color or NO_COLOR set."""
    return not no_color and not os.environ.get("NO_COLOR") and sys.stdout.isatty()


@click.command()
@click.option(
    "--weeks",
    default=str(DEFAULT_WEEKS),
    show_default=True,
    metavar="N",
    help="How many weeks to show, ending with this one.",
)
@click.option(
    "--chart",
    "chart",
    metavar="NAME",
    help="Only this chart: cramps, beverages, stretching, running, minerals or shoes.",
)
@click.option("--no-color", is_flag=True, help="Plain text without colours (also when piped or NO_COLOR is set).")
@click.option("--json", "as_json", is_flag=True, help="The weekly figures as JSON (docs/json.md).")
@pass_app
def trends(app: AppContext, weeks: str, chart: str | None, no_color: bool, as_json: bool) -> None:
    """Weekly charts of cramps, drinks, stretching, runs, minerals and shoes.

    A week with nothing logged is shown as a gap (·), not as zero. Charts fit the terminal.

    \b
    Examples:
      cramplog trends
      cramplog trends --weeks 26 --chart cramps
      cramplog trends --no-color > trends.txt
    """
    from ..analysis.trends import CHARTS
    from ..domain.vocab import choose

    count = _weeks(weeks)
    chart = optional(chart, "chart")
    names = [choose(chart, CHARTS, "chart", "chart")] if chart else list(CHARTS)
    from ..analysis.chart_render import render_chart
    from ..analysis.trends import load_trends

    data = load_trends(app.repo, app.settings, app.clock, count)
    if as_json:
        from .jsonout import emit

        emit(
            "trends",
            {
                "today": data.today.isoformat(),
                "summary": data.summary,
                "weeks": [
                    {
                        "start": w.start.isoformat(),
                        "logged_days": w.logged_days,
                        "cramps": w.cramps,
                        "mean_severity": w.mean_severity,
                        "beverages_ml": w.beverages_ml,
                        "stretch_min": w.stretch_min,
                        "run_km": w.run_km,
                        "spike": bool(w.spike),
                    }
                    for w in data.weeks
                ],
            },
        )
        return
    columns, lines = shutil.get_terminal_size()
    width, height = max(columns, 24), max(lines - 2, 12)
    color = _use_color(no_color)
    click.echo(textwrap.fill(data.summary, width=width))
    for name in names:
        click.echo()
        click.echo(_printed(render_chart(data.charts[name], width, height, color=color)), color=color)


def _printed(chart: str) -> str:
    """A chart as printed: a run of blank lines is one (a shoes chart with one bar, drawn for a
    terminal's whole height, was mostly empty rows), and none at the end."""
    lines = chart.rstrip().split("\n")
    return "\n".join(line for i, line in enumerate(lines) if line.strip() or (i and lines[i - 1].strip()))


@click.command()
@click.option("--from", "since", metavar="DATE", help=f"First diary day (default: {DEFAULT_WEEKS} weeks before --to).")
@click.option("--to", "until", metavar="DATE", help="Last diary day (default: today).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(REPORT_FORMATS),
    default=None,
    help="md, html or pdf (default: from the -o file's extension, else md).",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), metavar="FILE", help="Write the report here (default: print it)."
)
@click.option(
    "--identify", is_flag=True, help="Put your name and date of birth (report.name, report.birth_date) on page one."
)
@pass_app
def report(
    app: AppContext, since: str | None, until: str | None, fmt: str | None, output: str | None, identify: bool
) -> None:
    """A summary of a period for a doctor, physiotherapist or pharmacist.

    Page one is the summary: red flags, cramps per week with medicines and diet changes on the
    same time axis, counts, drinks, running, stretching and sleep, and at most three findings
    worth discussing. Then every episode (at its true local time), the medicines, and how the
    figures were made. HTML is one self-contained file; PDF is laid out for A4 or Letter
    (report.paper). Your name and date of birth are left blank unless you pass --identify.

    \b
    Examples:
      cramplog report --from 2026-01-01 --to 2026-03-31 -o cramps.pdf
      cramplog report --from "90 days ago" -o cramps.html
      cramplog report --format md
    """
    from ..domain.when import parse_date

    since, until = optional(since, "from"), optional(until, "to")
    today = app.today
    end = parse_date(until, today, field="to", latest=app.clock.today()) if until else today
    start = parse_date(since, today, field="from", latest=app.clock.today()) if since else weeks_back(end)
    if start > end:
        raise InvalidInput(f"--from {start} is after --to {end}", "from")
    target = file_path(output, "output") if output else None
    from ..analysis.report_format import format_for, named_format

    suffix = target.suffix if target is not None else ""
    if fmt is not None and (named := named_format(suffix)) not in (None, fmt):  # Markdown called x.pdf
        raise InvalidInput(
            f"--format {fmt} but the file's name ends in {printable(suffix)}, for {named}: name the file "
            f"for {fmt}, or leave --format out",
            "format",
        )
    fmt = fmt or format_for(suffix)
    if target is None and fmt == "pdf" and sys.stdout.isatty():
        raise InvalidInput("a PDF is not for the terminal: add -o FILE (or redirect the output to a file)", "output")
    person = report_person(app.settings) if identify else None
    if target is not None:
        _check_writable(target)
    from ..analysis.report import build_report
    from ..analysis.report_format import write

    paper = paper_for(app.settings.paper, app.clock.tz_name)
    doc = build_report(app.repo, app.settings, app.clock, start, end, person=person, paper=paper)
    data = write(doc, fmt)
    if target is None:
        if fmt == "pdf":  # bytes, to a file or a pipe (a terminal was refused above)
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            click.echo(data.decode("utf-8"), nl=False)
        return
    app.write_output(target, data)
    click.echo(f"report for {start} to {end} written to {printable(str(target))}", err=True)


def report_person(settings: Settings) -> Person:
    """Name and date of birth from the settings, for `--identify` (refused when no name is set)."""
    from ..analysis.report import Person

    if not settings.name:
        raise InvalidInput('--identify needs your name: cramplog config set report.name "Your Name"', "identify")
    born = dt.date.fromisoformat(settings.birth_date) if settings.birth_date else None
    return Person(settings.name, born)


def _check_writable(target: Path) -> None:
    """Refuse before any work: a missing folder, a folder in the way, or no write permission."""
    parent = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise InvalidInput(f"cannot write {target}: it is a directory", "output")
    if not parent.is_dir():
        raise InvalidInput(f"cannot write {target}: folder {parent} does not exist", "output")
    if not os.access(parent, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise InvalidInput(f"cannot write {target}: permission denied", "output")
