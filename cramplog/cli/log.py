"""Provides the logging commands: one per entry kind, quick to type right after a cramp.

Every command parses all of its input first (see `fields.py`), then writes one entry in one
transaction, prints one line, and then any red-flag notice the entry fires.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import click

from ..domain import entries as E
from ..domain.describe import describe
from ..domain.fields import CHECKS
from ..domain.shoes import wear_of
from ..errors import CramplogError, InvalidInput, JournalError
from .context import AppContext, pass_app
from .fields import choices, listing, parse_fields, span
from .jsonout import JSON_FLAG, emit

AT = click.option(
    "--at",
    "at",
    metavar="WHEN",
    help='When it happened: now (default), "20 min ago", 03:10, "yesterday 22:30", ISO 8601.',
)
NOTE = click.option("--note", help="A note of your own.")
DATE = click.option("--date", "date", metavar="DATE", help="today (default), yesterday, '3 days ago', 2026-11-20.")


def save(app: AppContext, kind: str, raw: dict[str, Any], **fixed: Any) -> E.Entry:
    """Parse `raw` options for `kind`, store the entry, print it and any red flag."""
    as_json = bool(raw.pop("as_json", False))
    values = parse_fields(kind, raw, app)
    values.update(fixed)
    shoe = values.pop("shoe", None)
    cls = E.KINDS[kind]
    if cls.date_field is None:
        values.setdefault("at", app.clock.now())
    else:
        values.setdefault(cls.date_field, app.today)
    entry = cls(tz=app.clock.tz_name, **values)
    saved = app.repo.add_run(entry, shoe) if isinstance(entry, E.Run) else app.repo.save(entry)
    stored, new_shoe = saved.entry, saved.new_shoe
    if new_shoe is not None and not as_json:
        click.echo(
            f"added shoe #{new_shoe.id} {new_shoe.name!r} (first used "
            f"{new_shoe.first_used}); see it with: cramplog shoe",
            err=True,
        )
    tell_saved("logged", stored, app, as_json=as_json, new_shoe=new_shoe, cleared=saved.cleared)
    return stored


def tell_saved(verb: str, entry: E.Entry, app: AppContext, *, flags: bool = True, **shown: Any) -> None:
    """The saved entry's line and any red flag it fires; if that fails (a journal changed by
    another program, stdout full or closed), the one error line says the entry IS stored: it
    said "logged drink #15", then exit 1 with no word of it, and a retry logged it twice."""
    try:
        echo_saved(verb, entry, app, **shown)
        if flags:
            app.warn_red_flags(entry)
        sys.stdout.flush()
    except (CramplogError, OSError) as exc:
        why = str(exc) if isinstance(exc, CramplogError) else f"it could not be shown ({exc.strerror or exc})"
        raise JournalError(f"{entry.kind} #{entry.id} is {verb}, but then: {why}") from exc


def echo_saved(
    verb: str,
    entry: E.Entry,
    app: AppContext,
    *,
    as_json: bool = False,
    new_shoe: E.Shoe | None = None,
    cleared: dt.date | None = None,
) -> None:
    units = app.settings.units
    text = describe(entry, units, app.repo.shoe_names([entry]))
    if as_json:
        day = E.entry_day(entry, app.settings.boundary)
        emit(
            "saved",
            {
                "action": verb,
                "diary_day": day.isoformat(),
                "entry": E.to_dict(entry),
                "text": text,
                "new_shoe": E.to_dict(new_shoe) if new_shoe is not None else None,
                "no_cramps_turned_off": cleared.isoformat() if cleared is not None else None,
            },
        )
        return
    if entry.date_field is None:
        day = E.entry_day(entry, app.settings.boundary)
        when = f"{entry.at:%H:%M} (diary day {day:%a %d %b})"
    else:
        when = f"{getattr(entry, entry.date_field)}"
    if cleared is not None:
        from ..domain.summary import turned_off_note

        click.echo(turned_off_note(cleared), err=True)
    click.echo(f"{verb} {entry.kind} #{entry.id} {when}: {text}")


@click.command()
@click.argument("muscle")
@click.option(
    "-s", "--severity", required=True, metavar=span("cramp", "severity"), help="How bad, 1 (mild) to 10 (worst)."
)
@click.option("--side", metavar="SIDE", help=choices("cramp", "side"))
@click.option("--context", metavar="CONTEXT", help=choices("cramp", "context"))
@click.option("--duration", metavar="DURATION", help="How long it lasted: 90s, 2min, 1:30.")
@click.option("--relief", metavar="TEXT", help="What relieved it.")
@click.option("--swelling", metavar="SWELLING", help=choices("cramp", "swelling"))
@click.option("--tingling", is_flag=True, default=None, help="Tingling or numbness came with it.")
@click.option("--persistent-pain", is_flag=True, default=None, help="Pain persisted after the cramp eased.")
@AT
@NOTE
@JSON_FLAG
@pass_app
@listing("MUSCLE", "cramp", "muscle")
def cramp(app: AppContext, muscle: str, **raw: Any) -> None:
    """Log a cramp in MUSCLE.

    \b
    Example:
      cramplog cramp calf --side left -s 7 --context stretching --at "20 min ago"
    """
    save(app, "cramp", {"muscle": muscle, **raw})


@click.command()
@click.argument("amount")
@click.option("--kind", metavar="KIND", help=choices("drink", "drink_kind"))
@AT
@NOTE
@JSON_FLAG
@pass_app
def drink(app: AppContext, amount: str, **raw: Any) -> None:
    """Log a drink of AMOUNT: 500 (ml, or fl oz with imperial units), 500ml, 0.5l, 16oz, 1cup.

    \b
    Examples:
      cramplog drink 500
      cramplog drink 16oz --kind water --at 08:30
    """
    save(app, "drink", {"amount": amount, **raw})


@click.command()
@click.argument("minutes")
@click.option("--muscles", metavar="LIST", help="Comma-separated: calf,hamstring,foot,... (default calf).")
@click.option("--style", metavar="STYLE", help=choices("stretch", "style"))
@click.option("--cramped", is_flag=True, default=None, help="A cramp happened during this session.")
@AT
@NOTE
@JSON_FLAG
@pass_app
def stretch(app: AppContext, minutes: str, **raw: Any) -> None:
    """Log MINUTES of stretching (10, 10min, 1h).

    \b
    Example:
      cramplog stretch 10 --muscles calf,hamstring
    """
    save(app, "stretch", {"minutes": minutes, **raw})


@click.command()
@click.argument("distance", required=False)
@click.option("--time", metavar="DURATION", help="Moving time: 31:00, 1:05:30, 45min.")
@click.option("--effort", metavar=span("run", "effort"), help="Session effort (RPE), 0 rest to 10 maximal.")
@click.option("--shoe", metavar="NAME", help="Shoe name (as added with `cramplog shoe`) or ID.")
@click.option("--surface", metavar="SURFACE", help=choices("run", "surface"))
@click.option("--kind", metavar="KIND", help=choices("run", "workout"))
@click.option("--comfort", metavar=span("run", "comfort"), help="How comfortable the shoes felt.")
@AT
@NOTE
@JSON_FLAG
@pass_app
def run(app: AppContext, distance: str | None, **raw: Any) -> None:
    """Log a run or high-impact workout of DISTANCE (km, or mi with imperial units; 3.1mi, 5000m work).

    A workout other than a run (--kind jump_rope, aerobics, ...) may leave DISTANCE out.

    \b
    Examples:
      cramplog run 5.2 --time 31:00 --effort 6 --shoe "Pegasus 40"
      cramplog run --kind jump_rope --time 15min
    """
    save(app, "run", {"distance": distance, **raw})


@click.command()
@click.argument("name", required=False)
@click.option("--first-used", metavar="DATE", help="When you started running in it (default today).")
@click.option(
    "--start",
    metavar="DISTANCE",
    help=f"Distance already on it when added (up to {CHECKS['shoe']['start_km'].high:g} km).",
)
@click.option(
    "--life",
    metavar="DISTANCE",
    help=f"Its life, if not the setting (default 640 km; up to {CHECKS['shoe']['life_km'].high:g} km).",
)
@click.option("--retired", metavar="DATE", help="When it was retired.")
@NOTE
@JSON_FLAG
@pass_app
def shoe(app: AppContext, name: str | None, **raw: Any) -> None:
    """Add a shoe called NAME; without NAME, list shoes with their distance against life.

    \b
    Examples:
      cramplog shoe "Pegasus 40" --first-used 2026-09-01 --start 120
      cramplog shoe
    """
    if name is None:
        given = [key for key, value in raw.items() if key != "as_json" and value is not None]
        if given:  # `shoe --retired today` would otherwise list the shoes and change nothing
            option = "--" + given[0].replace("_", "-")
            raise InvalidInput(
                f"{option} needs the shoe's NAME (cramplog shoe NAME {option} ...); to change "
                "a shoe you have: cramplog edit ID " + option,
                "name",
            )
        _list_shoes(app, bool(raw.get("as_json")))
        return
    save(app, "shoe", {"name": name, **raw})


def _list_shoes(app: AppContext, as_json: bool = False) -> None:
    from ..domain.fields import printable
    from ..domain.quantities import format_distance

    distances = app.repo.shoe_distances()
    shoes = app.repo.entries(["shoe"])
    if as_json:
        listed = []
        for s in shoes:
            assert isinstance(s, E.Shoe)
            wear = wear_of(s, distances, app.settings.life_km)
            life, km = wear.life, wear.km
            listed.append(
                {
                    "id": s.id,
                    "name": s.name,
                    "first_used": s.first_used.isoformat(),
                    "retired": s.retired.isoformat() if s.retired else None,
                    "start_km": s.start_km,
                    "life_km": life,
                    "km": km,
                    "fraction_of_life": round(wear.fraction, 4),
                }
            )
        emit("shoes", {"shoes": listed})
        return
    if not shoes:
        click.echo('no shoes yet; add one with: cramplog shoe "Pegasus 40"')
        return
    for s in shoes:
        assert isinstance(s, E.Shoe)
        wear = wear_of(s, distances, app.settings.life_km)
        life, km = wear.life, wear.km
        state = f"retired {s.retired}" if s.retired else f"{wear.fraction:.0%} of life"
        click.echo(
            f"#{s.id:<5} {printable(s.name):<24} {format_distance(km, app.settings.units):>10} of "
            f"{format_distance(life, app.settings.units)}  {state}"
        )


@click.command()
@click.argument("food", required=False)
@click.option("--servings", metavar="N", help="How many servings (default 1).")
@click.option("--text", metavar="TEXT", help="Free text, for a food not in the table (or a detail).")
@click.option("--list", "show_table", is_flag=True, help="Show the built-in food table.")
@AT
@NOTE
@JSON_FLAG
@pass_app
def food(app: AppContext, food: str | None, show_table: bool, **raw: Any) -> None:
    """Log FOOD rich in magnesium or potassium, from the built-in table.

    \b
    Examples:
      cramplog food banana
      cramplog food almonds --servings 2
      cramplog food --text "lentil soup"
      cramplog food --list
    """
    from ..domain import foods

    if show_table and raw.get("as_json"):
        emit(
            "foods",
            {
                "foods": [
                    {
                        "key": i.key,
                        "serving": i.serving,
                        "magnesium_mg": i.magnesium_mg,
                        "potassium_mg": i.potassium_mg,
                        "source": i.source,
                    }
                    for i in foods.FOODS.values()
                ],
                "sources": [foods.ODS_MG, foods.ODS_K],
            },
        )
        return
    if show_table:
        for item in foods.FOODS.values():
            click.echo(
                f"{item.key:<16} {item.serving:<28} Mg {item.magnesium_mg:>4.0f} mg  K {item.potassium_mg:>4.0f} mg"
            )
        click.echo(f"sources: {foods.ODS_MG}; {foods.ODS_K}")
        return
    values = parse_fields("food", {"food": food, **{k: v for k, v in raw.items() if k != "as_json"}}, app)
    minerals = foods.minerals(values.get("food", ""), values.get("servings", 1.0))
    save(app, "food", {"food": food, **raw}, **minerals)


@click.command()
@click.argument("pattern")
@DATE
@click.option("--b12/--no-b12", default=None, help="Whether you take a vitamin B12 supplement.")
@NOTE
@JSON_FLAG
@pass_app
@listing("PATTERN", "diet", "pattern")
def diet(app: AppContext, pattern: str, **raw: Any) -> None:
    """Log a change of diet to PATTERN.

    \b
    Example:
      cramplog diet plant_based --date 2026-10-01 --b12
    """
    from ..domain.redflags import B12_QUESTION, UNSUPPLEMENTED_DIETS

    saved = save(app, "diet", {"pattern": pattern, **raw})
    if isinstance(saved, E.Diet) and saved.pattern in UNSUPPLEMENTED_DIETS and saved.b12 is None:
        click.echo(f"{B12_QUESTION} Say it with: cramplog edit {saved.id} --b12 (or --no-b12)", err=True)


@click.command()
@click.argument("name")
@click.option(
    "--class",
    "class_",
    metavar="CLASS",
    help=choices("med", "med_class"),
)
@click.option("--start", metavar="DATE", help="When you started it (default today).")
@click.option("--stop", metavar="DATE", help="When you stopped it.")
@click.option("--dose", metavar="TEXT", help="Dose as prescribed, e.g. '20 mg daily'.")
@NOTE
@JSON_FLAG
@pass_app
def med(app: AppContext, name: str, class_: str | None, **raw: Any) -> None:
    """Log a medicine or supplement NAME, with its class and start date.

    \b
    Examples:
      cramplog med atorvastatin --class statin --start 2026-10-01 --dose "20 mg daily"
      cramplog edit 12 --stop 2026-11-30     (stopped: the medicine you logged as #12)
    """
    if raw.get("stop") is not None and raw.get("start") is None:  # "NAME stopped", of one logged?
        from ..domain.fields import printable
        from ..domain.shoes import name_key  # names equal ignoring case, as shoes' are

        key = name_key(name)
        logged = [m for m in app.repo.entries(["med"]) if isinstance(m, E.Medicine) and name_key(m.name) == key]
        if logged:
            raise InvalidInput(
                f"{printable(logged[-1].name)} is logged already (#{logged[-1].id}); to say it stopped: "
                f"cramplog edit {logged[-1].id} --stop DATE (--stop here logs another one, started today)",
                "stop",
            )
    try:
        save(app, "med", {"name": name, "class": class_, **raw})
    except InvalidInput as exc:
        if exc.field != "stop" or raw.get("start") is not None:
            raise
        # `med NAME --stop DATE` reads as "NAME stopped", but logs a new medicine started today
        raise InvalidInput(
            f"{exc} (today, as --start was not given); to say that a medicine you logged has "
            "stopped: cramplog edit ID --stop DATE (cramplog list --kind med shows its ID)",
            "stop",
        ) from None


@click.command()
@click.argument("site")
@click.option("-s", "--severity", metavar=span("injury", "severity"), help="How bad (default 5).")
@DATE
@click.option("--resolved", metavar="DATE", help="When it resolved.")
@NOTE
@JSON_FLAG
@pass_app
@listing("SITE", "injury", "site")
def injury(app: AppContext, site: str, **raw: Any) -> None:
    """Log an injury at SITE.

    \b
    Example:
      cramplog injury ankle -s 4 --date yesterday
    """
    save(app, "injury", {"site": site, **raw})


@click.command()
@click.argument("symptom")
@click.option("--side", metavar="SIDE", help=choices("symptom", "side"))
@AT
@NOTE
@JSON_FLAG
@pass_app
@listing("SYMPTOM", "symptom", "symptom")
def symptom(app: AppContext, symptom: str, **raw: Any) -> None:
    """Log a SYMPTOM.

    \b
    Example:
      cramplog symptom tingling --side left
    """
    save(app, "symptom", {"symptom": symptom, **raw})


@click.command()
@click.option("--no-cramps", is_flag=True, default=None, help="No cramps on this day.")
@DATE
@click.option("--hot-day/--not-hot", default=None, help="It was a hot day.")
@click.option("--sleep", metavar="HOURS", help=f"Hours slept ({span('checkin', 'sleep_hours')}).")
@click.option("--soreness", metavar=span("checkin", "soreness"), help="Muscle soreness (DOMS), 0 to 10.")
@NOTE
@JSON_FLAG
@pass_app
def checkin(app: AppContext, **raw: Any) -> None:
    """Check in a diary day, so a day without cramps counts as such (not as unlogged).

    Checking in the same day again updates that day's check-in.

    \b
    Example:
      cramplog checkin --no-cramps --date "2 days ago"
    """
    as_json = bool(raw.pop("as_json", False))
    values = parse_fields("checkin", raw, app)
    day = values.pop("day", app.today)
    stored, created = app.repo.check_in(day, app.clock.tz_name, **values)
    tell_saved("logged" if created else "updated", stored, app, as_json=as_json, flags=False)
