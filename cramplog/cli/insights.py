"""Provides `cramplog insights`: what goes with your cramps, red flags first, as text or JSON."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import click

from ..domain import vocab
from ..domain.when import parse_date
from .context import AppContext, pass_app
from .fields import optional
from .jsonout import dumps

if TYPE_CHECKING:
    from ..analysis.experiment import Reading
    from ..analysis.insights import Insights

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
    # pandas and NumPy: about 0.4 s to import, so only here.
    from ..analysis.insights import insights_for_repository, to_json

    since, until, context = optional(since, "from"), optional(until, "to"), optional(context, "context")
    today = app.today
    ctx = vocab.choose(context, vocab.CONTEXTS, "context", "context") if context else None
    start = parse_date(since, today, field="from", latest=app.clock.today()) if since else None
    end = parse_date(until, today, field="to", latest=app.clock.today()) if until else None
    result = insights_for_repository(app.repo, app.settings, today, app.clock.now(), context=ctx, start=start, end=end)
    trial = _experiment(app)
    if as_json:
        doc = to_json(result)
        doc["experiment"] = (
            None if trial is None else {"id": trial.plan.id, "state": trial.state, "summary": trial.summary}
        )
        click.echo(dumps(doc))
        return
    experiment = (
        ""
        if trial is None
        else (f"Planned experiment #{trial.plan.id} ({trial.plan.about.title}): {trial.summary} (cramplog experiment)")
    )
    click.echo(render(result, experiment))


def _experiment(app: AppContext) -> Reading | None:
    """The current experiment's reading (a planned one reads as "planned"), or None."""
    from ..analysis.experiment import read_from
    from ..domain.experiment import current

    plan = current(app.repo.experiments(), app.today)
    if plan is None:
        return None
    return read_from(app.repo, plan, app.clock.tz_name, app.settings.boundary, app.today)


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent)


def render(result: Insights, experiment: str = "") -> str:
    """Lays out `analysis.present` for a terminal: flags, summary, overlaps, cards, shoes, method."""
    from ..analysis.present import SHOWN, present

    view = present(result)
    out: list[str] = []
    for flag in view.flags:
        out += [flag.line, _wrap(flag.text), ""]
    if experiment:  # after the red flags (they come first), before the findings
        out += [textwrap.fill(experiment, WIDTH), ""]
    out += [textwrap.fill(view.summary, WIDTH), ""]
    if view.progress:
        # A young journal: its progress toward the gates, not a card of "not enough data" per factor.
        out += [
            textwrap.fill(
                f"Toward the first insights: {view.progress}. Log every cramp, and check in "
                "on days without one (cramplog checkin --no-cramps).",
                WIDTH,
            ),
            "",
        ]
    for sentence in view.overlaps:
        out += [textwrap.fill(sentence, WIDTH), ""]
    for card in view.cards:
        if view.progress and card.status not in SHOWN:
            continue
        out.append(f"{card.heading} — {card.status_label}  [{card.section}]")
        out.append(_wrap(card.sentence))
        out += [_wrap(f"- {caveat}", "    ") for caveat in card.caveats]
        out.append("")
    if not result.logged_days:
        return "\n".join([*out, textwrap.fill(view.disclaimer, WIDTH)])
    if view.progress and view.others:
        out += [textwrap.fill(view.others, WIDTH), ""]
    if view.shoes:
        out.append("Shoes")
        out += [_wrap(s) for s in view.shoes]
        out.append("")
    out += [textwrap.fill(view.disclaimer, WIDTH), "", "How this is calculated", textwrap.fill(view.method_note, WIDTH)]
    return "\n".join(out)
