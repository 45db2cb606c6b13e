"""Provides `cramplog insights`: what goes with your cramps, red flags first, as text or JSON."""

from __future__ import annotations

import json
import textwrap

import click

from ..domain import vocab
from ..domain.when import parse_date
from .context import AppContext, pass_app

WIDTH = 88


@click.command("insights")
@click.option("--json", "as_json", is_flag=True, help="JSON in the documented schema (docs/insights-json.md).")
@click.option("--from", "since", metavar="DATE", help="Only diary days from this date on.")
@click.option("--to", "until", metavar="DATE", help="Only diary days up to and including this date.")
@click.option("--context", metavar="CONTEXT", help=f"Only cramps in this context: {', '.join(vocab.CONTEXTS)}.")
@pass_app
def insights(app: AppContext, as_json: bool, since: str | None, until: str | None, context: str | None) -> None:
    """What goes with your cramps in your own diary: counts, ranges, plain words.

    Red flags come first and never depend on the statistics. This is a journal, not a
    diagnostic tool.

    \b
    Examples:
      cramplog insights
      cramplog insights --context night --from 2026-01-01
      cramplog insights --json
    """
    # pandas + scipy + statsmodels: about 1 s to import, so only here.
    from ..analysis.insights import analyse_repository, to_json

    today = app.today
    ctx = vocab.choose(context, vocab.CONTEXTS, "context", "context") if context else None
    start = parse_date(since, today, field="from", latest=app.clock.today()) if since else None
    end = parse_date(until, today, field="to", latest=app.clock.today()) if until else None
    result = analyse_repository(app.repo, app.settings, today, app.clock.now(), context=ctx,
                                start=start, end=end)
    if as_json:
        click.echo(json.dumps(to_json(result), indent=2, ensure_ascii=False))
        return
    click.echo(render(result))


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent)


def render(result) -> str:  # noqa: ANN001 - Insights, imported lazily
    """The readable report: red flags, the period, each finding with its caveats, shoes, method."""
    from ..analysis.wording import STATUS_LABELS
    from ..domain.redflags import format_notice

    out: list[str] = []
    for flag in result.red_flags:
        out += [format_notice(flag, WIDTH), ""]
    ctx = f", {vocab.label(result.context)} cramps only" if result.context else ""
    out.append(f"Insights from {result.logged_days} logged days ({result.completeness:.0%} complete), "
               f"{result.cramp_days} with cramps{ctx}; {result.first_day} to {result.last_day}.")
    out.append("")
    order = ("consistent_pattern", "early_hint", "no_clear_link", "not_enough_data")
    for finding in sorted(result.findings, key=lambda f: order.index(f.status)):
        subject = f" ({finding.subject})" if finding.subject else ""
        out.append(f"{finding.title}{subject} — {STATUS_LABELS[finding.status]}  [{finding.article_section}]")
        out.append(_wrap(finding.sentence))
        for caveat in finding.caveats[1:]:
            out.append(_wrap(f"- {caveat}", "    "))
        out.append("")
    if result.shoes:
        out.append("Shoes")
        out += [_wrap(s.sentence) for s in result.shoes]
        out.append("")
    from ..analysis.wording import INSIGHT_DISCLAIMER

    out.append(textwrap.fill(INSIGHT_DISCLAIMER, WIDTH))
    out.append("")
    out.append("How this is calculated")
    out.append(textwrap.fill(result.method_note, WIDTH))
    return "\n".join(out)
