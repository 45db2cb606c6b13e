"""Provides the fields of every entry form: how each field's text is shown, parsed and checked.

Pure Python (no Textual), so the rules are testable on their own and the modal stays a thin
view. A form turns the texts typed into an entry in two steps: each field's parser (the field's
declaration in `domain/fields.py`, which the command line reads with too) and then the entry
dataclass's own validation. Both raise `InvalidInput` naming a field, which the modal marks
inline; nothing is saved until all pass.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import field
from typing import Any

from ..domain import entries as E
from ..domain import fields as F
from ..domain import foods, units, vocab
from ..domain import reading as R
from ..domain.days import DEFAULT_DAY_BOUNDARY
from ..domain.quantities import ML_PER, format_duration
from ..domain.record import record
from ..domain.shoes import ShoeMatch, in_use, resolve
from ..errors import InvalidInput, NotFound

METRIC_CUPS_ML: tuple[int, ...] = (150, 250, 330, 500, 750)
"""Quick-cup sizes for the drink form (metric)."""
IMPERIAL_CUPS_OZ: tuple[int, ...] = (5, 8, 12, 16, 24)
"""Quick-cup sizes for the drink form in fluid ounces (imperial)."""


@record
class FormContext:
    """What parsing a form needs to know: now, where, which units, which shoes, last values."""

    now: dt.datetime
    tz_name: str
    tz: dt.tzinfo
    today: dt.date
    """The current diary day (dates default to it)."""
    units: str = "metric"
    shoes: Sequence[E.Shoe] = ()
    last: dict[str, E.Entry] = field(default_factory=dict)
    """The newest entry of each kind, for "as last used" defaults."""
    cramp_today: bool = False
    """A cramp is logged on `today`: the check-in's "no cramps" then starts unticked."""
    boundary: dt.time = DEFAULT_DAY_BOUNDARY
    """The day boundary (`journal.day_boundary`): a night may run on to it (`at_night`)."""


Parser = Callable[[str, FormContext], Any]
Shower = Callable[[Any, FormContext], str]


@record
class FieldSpec:
    """One field of a form."""

    name: str
    """The entry dataclass field it fills (errors name the same field)."""
    label: str
    parse: Parser
    show: Shower
    choices: tuple[str, ...] = ()
    """Words offered as suggestions (and named in the hint)."""
    hint: str = ""
    check: bool = False
    """A yes/no field, shown as a checkbox (its text is "yes" or "")."""
    suggest: Callable[[FormContext], tuple[str, ...]] | None = None
    """Words suggested as you type that come from the journal (the shoes in use), not a vocabulary."""


@record
class Submitted:
    """What a form hands the app to save: the entry, and the name of a shoe the journal does not
    know yet for a run in it (the save adds that shoe, as `cramplog run --shoe NAME` does)."""

    entry: E.Entry
    new_shoe: str | None = None


@record
class KindForm:
    """The form of one entry kind."""

    kind: str
    title: str
    fields: tuple[FieldSpec, ...]
    defaults: Callable[[FormContext], dict[str, str]]
    notes: Callable[[FormContext], dict[str, str]] = lambda ctx: {}
    """Why a default is what it is, by field ("last": as last logged; "night": `at_night`),
    shown beside the field's label until it is changed."""

    @property
    def cls(self) -> type[E.Entry]:
        return E.KINDS[self.kind]

    def initial(self, ctx: FormContext, entry: E.Entry | None = None) -> dict[str, str]:
        """Texts to prefill: the entry's values when editing, else the defaults."""
        if entry is None:
            return self.defaults(ctx)
        return {f.name: f.show(getattr(entry, f.name), ctx) for f in self.fields}

    def parse(
        self, texts: dict[str, str], ctx: FormContext, entry: E.Entry | None = None
    ) -> tuple[E.Entry | None, dict[str, str]]:
        """Build the entry from `texts`; return `(entry, {})` or `(None, {field: reason})`.

        Every field is parsed so that all bad fields are reported at once; the dataclass's own
        validation (ranges, cross-field rules) runs only when each field parsed. Editing, a
        field whose text is still the text `entry`'s value is shown as keeps that value exactly
        (a time shown to the minute keeps its seconds); only a changed text is parsed.
        """
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        shown = self.initial(ctx, entry) if entry is not None else {}
        for spec in self.fields:
            text = texts.get(spec.name, "")
            if entry is not None and spec.name in shown and text == shown[spec.name]:
                values[spec.name] = getattr(entry, spec.name)
                continue
            try:
                values[spec.name] = spec.parse(text, ctx)
            except InvalidInput as exc:
                errors[spec.name] = str(exc)
        if errors:
            return None, errors
        try:
            values.update(_derived(self.kind, values, entry))
            if entry is not None:
                built = entry.replace(**values)
            else:
                if self.cls.date_field is None:
                    values.setdefault("at", ctx.now)
                built = self.cls(tz=ctx.tz_name, **values)
        except InvalidInput as exc:
            name = exc.field if exc.field in {f.name for f in self.fields} else "_form"
            return None, {name or "_form": str(exc)}
        return built, {}

    def submit(
        self, texts: dict[str, str], ctx: FormContext, entry: E.Entry | None = None
    ) -> tuple[Submitted | None, dict[str, str]]:
        """`parse`, with the new shoe a run's shoe field names (if it names one)."""
        built, errors = self.parse(texts, ctx, entry)
        if built is None:
            return None, errors
        shoe = texts.get("shoe_id", "") if self.kind == "run" else ""
        return Submitted(built, new_shoe_name(shoe, ctx)), {}


# -- parsers and formatters -----------------------------------------------------------------


def _blank(text: str) -> bool:
    return F.blank(text)


def reading(ctx: FormContext) -> R.Reading:
    """The form's context as the field declarations read text with."""
    return R.Reading(now=ctx.now, tz=ctx.tz, today=ctx.today, units=ctx.units, shoe_id=lambda name: _shoe_id(name, ctx))


def p_field(kind: str, name: str) -> Parser:
    """The parser of field `name` of `kind`, as declared in the domain."""
    declaration = F.declaration(kind, name)
    return lambda text, ctx: R.read_field(declaration, text, reading(ctx))


def p_at(text: str, ctx: FormContext) -> dt.datetime:
    at: dt.datetime = R.read_field(F.COMMON["at"], text, reading(ctx))
    return at


def s_at(value: dt.datetime, ctx: FormContext) -> str:
    return value.astimezone(ctx.tz).strftime("%Y-%m-%d %H:%M")


def p_date(name: str, optional: bool = False) -> Parser:
    declaration = F.Field(name, "date", name, F.Bounds(earliest=F.MIN_DATE, nullable=optional))
    return lambda text, ctx: R.read_field(declaration, text, reading(ctx))


def s_date(value: dt.date | None, ctx: FormContext) -> str:
    return value.isoformat() if value else ""


def p_word(allowed: tuple[str, ...], what: str, name: str, optional: bool = False) -> Parser:
    def parse(text: str, ctx: FormContext) -> str | None:
        if not optional and not text.strip():
            raise InvalidInput(f"choose a {what} ({', '.join(allowed)})", name)
        if optional and F.blank(text):
            return None
        return vocab.choose(F.printable(text), allowed, what, name)

    return parse


def s_text(value: Any, ctx: FormContext) -> str:
    return "" if value is None else str(value)


def p_text(text: str, ctx: FormContext) -> str:
    return F.clean_text(text)


def s_number(value: float | None, ctx: FormContext) -> str:
    return "" if value is None else f"{value:g}"


def p_severity(text: str, ctx: FormContext) -> int:
    """Cramp severity 1-10; a lone `0` means 10, so every severity is one keystroke."""
    raw = text.strip()
    if not raw:
        raise InvalidInput("type a severity from 1 (mild) to 10 (worst); 0 means 10", "severity")
    if raw == "0":
        return 10
    severity: int = p_field("cramp", "severity")(raw, ctx)
    return severity


def p_check(text: str, ctx: FormContext) -> bool:
    return text == "yes"


def s_check(value: bool | None, ctx: FormContext) -> str:
    return "yes" if value else ""


def p_yes_no(name: str) -> Parser:
    """An optional yes/no answer (None when left empty)."""
    word = p_word(("yes", "no"), "answer", name, optional=True)

    def parse(text: str, ctx: FormContext) -> bool | None:
        chosen = word(text, ctx)
        return None if chosen is None else chosen == "yes"

    return parse


def s_yes_no(value: bool | None, ctx: FormContext) -> str:
    return {True: "yes", False: "no"}.get(value, "") if value is not None else ""


def p_amount(text: str, ctx: FormContext) -> int:
    """Millilitres; a bare number means the unit the form shows (fl oz in imperial units)."""
    ml: int = p_field("drink", "amount_ml")(text, ctx)
    return ml


def s_amount(value: int, ctx: FormContext) -> str:
    return cup_text(value, ctx.units)


def cup_text(ml: float, system: str) -> str:
    """How an amount is written in the form: `250 ml`, or `8 fl oz` in imperial units."""
    return f"{units.volume(ml, system):.0f} {units.volume_unit(system)}"


def cups(system: str) -> list[tuple[str, int]]:
    """Quick cups as (label, millilitres) in the user's units."""
    if units.imperial(system):
        return [(f"{oz} fl oz", round(oz * ML_PER["oz"])) for oz in IMPERIAL_CUPS_OZ]
    return [(f"{ml} ml", ml) for ml in METRIC_CUPS_ML]


def s_distance(value: float | None, ctx: FormContext) -> str:
    if value is None:
        return ""
    if units.imperial(ctx.units):
        return f"{units.distance(value, ctx.units):.2f} mi"
    return f"{value:g} km"


def s_duration(value: int | None, ctx: FormContext) -> str:
    return format_duration(value)


def s_muscles(value: tuple[str, ...], ctx: FormContext) -> str:
    return ", ".join(value)


def _shoe_match(name: str, ctx: FormContext) -> ShoeMatch:
    """The shoe `name` names (`shoes.resolve`, the one matcher): a known one, or a new name."""
    return resolve(name, [(s.id, s.name) for s in ctx.shoes if s.id is not None])


def _shoe_id(name: str, ctx: FormContext) -> int:
    match = _shoe_match(name, ctx)
    if match.id is None:
        raise NotFound(f"no shoe called {match.name!r}", "shoe_id")
    return match.id


def p_shoe(text: str, ctx: FormContext) -> int | None:
    """A known shoe by name (ignoring case and spacing) or #ID; None for none, or for a new name
    (`new_shoe_name`: the save adds it). A name close to a known one is refused ("did you mean")."""
    if _blank(text):
        return None
    return _shoe_match(text, ctx).id


def new_shoe_name(text: str, ctx: FormContext) -> str | None:
    """The name of the new shoe `text` names, or None (empty, or a shoe the journal has)."""
    if _blank(text):
        return None
    try:
        match = _shoe_match(text, ctx)
    except InvalidInput:
        return None
    return match.name if match.is_new else None


def shoes_in_use(ctx: FormContext) -> tuple[str, ...]:
    """The names suggested as you type a run's shoe: those not retired, newest first."""
    shoes = sorted((s for s in ctx.shoes if in_use(s, ctx.today)), key=lambda s: s.first_used, reverse=True)
    return tuple(s.name for s in shoes)


def s_shoe(value: int | None, ctx: FormContext) -> str:
    for shoe in ctx.shoes:
        if shoe.id == value:
            return shoe.name
    return "" if value is None else str(value)


def p_food(text: str, ctx: FormContext) -> str:
    key: str = p_field("food", "food")(text, ctx)
    return key


def _derived(kind: str, values: dict[str, Any], entry: Any = None) -> dict[str, Any]:
    """Fields computed from others: a food's minerals (`foods.minerals`: an edit keeps its own)."""
    if kind == "food":
        return foods.minerals(values.get("food") or "", values.get("servings") or 1.0, before=entry)
    return {}


def _choices(words: tuple[str, ...]) -> str:
    return ", ".join(vocab.label(w) for w in words)


AT = FieldSpec("at", "When", p_at, s_at, hint="now, 20 min ago, 03:10, yesterday 22:30")
NOTE = FieldSpec("note", "Note", p_field("cramp", "note"), s_text)


def _date(name: str, label: str, optional: bool = False) -> FieldSpec:
    hint = "today, yesterday, 3 days ago, 2026-11-20" + (" or empty" if optional else "")
    return FieldSpec(name, label, p_date(name, optional), s_date, hint=hint)


def _word(name: str, label: str, allowed: tuple[str, ...], what: str, optional: bool = False) -> FieldSpec:
    return FieldSpec(
        name,
        label,
        p_word(allowed, what, name, optional),
        s_text,
        choices=allowed,
        hint=_choices(allowed) + (" (or empty)" if optional else ""),
    )


def _check(name: str, label: str, question: str) -> FieldSpec:
    return FieldSpec(name, label, p_check, s_check, hint=question, check=True)


# -- defaults -------------------------------------------------------------------------------


def _last(ctx: FormContext, kind: str) -> Any:
    return ctx.last.get(kind)


NIGHT_STARTS = dt.time(22)
NIGHT_ENDS = dt.time(6)


def at_night(at: dt.datetime, ctx: FormContext) -> bool:
    """The night rule for a new cramp's context: from 22:00 to 06:00 local time, or on to the
    day boundary when that is later (a 07:00 boundary: to 07:00)."""
    clock = at.astimezone(ctx.tz).time()
    return clock >= NIGHT_STARTS or clock < max(NIGHT_ENDS, ctx.boundary)


def cramp_context(at: dt.datetime, ctx: FormContext) -> tuple[str, str]:
    """A new cramp's context and why: "night" at night (`at_night`), else the last cramp's
    (a last night cramp's is "other" by day), else "other"."""
    if at_night(at, ctx):
        return "night", "night"
    last = _last(ctx, "cramp")
    if last is not None and last.context != "night":
        return last.context, "last"
    return "other", ""


def _cramp_defaults(ctx: FormContext) -> dict[str, str]:
    last = _last(ctx, "cramp")
    return {
        "severity": "",
        "at": "now",
        "muscle": last.muscle if last else "calf",
        "side": last.side if last else "both",
        "context": cramp_context(ctx.now, ctx)[0],
        "swelling": "none",
    }


def _cramp_notes(ctx: FormContext) -> dict[str, str]:
    last = "last" if _last(ctx, "cramp") is not None else ""
    return {
        name: why
        for name, why in (("muscle", last), ("side", last), ("context", cramp_context(ctx.now, ctx)[1]))
        if why
    }


def _drink_defaults(ctx: FormContext) -> dict[str, str]:
    return {"amount_ml": cup_text(units.default_cup_ml(ctx.units), ctx.units), "drink_kind": "water", "at": "now"}


def _stretch_defaults(ctx: FormContext) -> dict[str, str]:
    last = _last(ctx, "stretch")
    return {
        "minutes": str(last.minutes) if last else "10",
        "muscles": ", ".join(last.muscles) if last else "calf",
        "style": last.style if last else "static",
        "at": "now",
    }


def _run_defaults(ctx: FormContext) -> dict[str, str]:
    last = _last(ctx, "run")
    shoe = ""
    if last is not None and last.shoe_id is not None:
        active = [s for s in ctx.shoes if s.id == last.shoe_id and s.retired is None]
        shoe = active[0].name if active else ""
    return {
        "distance_km": "",
        "at": "now",
        "workout": last.workout if last else "run",
        "surface": (last.surface or "") if last else "",
        "shoe_id": shoe,
    }


FORMS: dict[str, KindForm] = {
    form.kind: form
    for form in (
        KindForm(
            "cramp",
            "Log a cramp",
            (
                FieldSpec("severity", "Severity", p_severity, s_number, hint="1 mild … 9, 0 = 10 worst; Enter saves"),
                _word("muscle", "Muscle", vocab.MUSCLES, "muscle"),
                _word("side", "Side", vocab.SIDES, "side"),
                _word("context", "Context", vocab.CONTEXTS, "context"),
                AT,
                FieldSpec(
                    "duration_s",
                    "Lasted",
                    p_field("cramp", "duration_s"),
                    s_duration,
                    hint="90s, 2min, 1:30 (optional)",
                ),
                _word("swelling", "Swelling", vocab.SWELLING, "swelling"),
                _check("tingling", "Tingling", "tingling or numbness came with it"),
                _check("persistent_pain", "Pain after", "pain persisted after the cramp eased"),
                FieldSpec("relief", "Relieved by", p_field("cramp", "relief"), s_text),
                NOTE,
            ),
            _cramp_defaults,
            _cramp_notes,
        ),
        KindForm(
            "drink",
            "Log a drink",
            (
                FieldSpec(
                    "amount_ml",
                    "Amount",
                    p_amount,
                    s_amount,
                    hint="500 (ml, or fl oz in imperial), 0.5l, 16oz; ↑/↓ or a cup below",
                ),
                _word("drink_kind", "Kind", vocab.DRINK_KINDS, "drink kind"),
                AT,
                NOTE,
            ),
            _drink_defaults,
        ),
        KindForm(
            "stretch",
            "Log stretching",
            (
                FieldSpec("minutes", "Minutes", p_field("stretch", "minutes"), s_number, hint="10, 10min, 1h"),
                FieldSpec(
                    "muscles",
                    "Muscles",
                    p_field("stretch", "muscles"),
                    s_muscles,
                    choices=vocab.STRETCH_MUSCLES,
                    hint=_choices(vocab.STRETCH_MUSCLES) + " (comma-separated)",
                ),
                _word("style", "Style", vocab.STRETCH_STYLES, "style"),
                AT,
                _check("cramped", "Cramped", "a cramp happened during this session"),
                NOTE,
            ),
            _stretch_defaults,
        ),
        KindForm(
            "run",
            "Log a run or workout",
            (
                FieldSpec(
                    "distance_km",
                    "Distance",
                    p_field("run", "distance_km"),
                    s_distance,
                    hint="5.2 (km, or mi in imperial), 3.1mi, 5000m",
                ),
                FieldSpec(
                    "duration_s",
                    "Time",
                    p_field("run", "duration_s"),
                    s_duration,
                    hint="31:00, 1:05:30, 45min (optional)",
                ),
                FieldSpec(
                    "effort",
                    "Effort",
                    p_field("run", "effort"),
                    s_number,
                    hint=f"session RPE {F.FIELDS['run']['effort'].span}: 0 rest … 10 maximal (optional)",
                ),
                FieldSpec(
                    "shoe_id",
                    "Shoe",
                    p_shoe,
                    s_shoe,
                    suggest=shoes_in_use,
                    hint="a shoe's name or #ID (optional); a new name adds that shoe, → takes a suggestion",
                ),
                _word("surface", "Surface", vocab.SURFACES, "surface", optional=True),
                _word("workout", "Kind", vocab.WORKOUT_KINDS, "workout kind"),
                AT,
                FieldSpec(
                    "comfort",
                    "Shoe comfort",
                    p_field("run", "comfort"),
                    s_number,
                    hint=f"{F.FIELDS['run']['comfort'].span} (optional)",
                ),
                NOTE,
            ),
            _run_defaults,
        ),
        KindForm(
            "food",
            "Log food",
            (
                FieldSpec(
                    "food",
                    "Food",
                    p_food,
                    s_text,
                    choices=tuple(foods.FOODS),
                    hint="banana, almonds, spinach … or leave empty and describe it",
                ),
                FieldSpec("servings", "Servings", p_field("food", "servings"), s_number),
                FieldSpec("text", "Description", p_field("food", "text"), s_text),
                AT,
                NOTE,
            ),
            lambda ctx: {"servings": "1", "at": "now"},
        ),
        KindForm(
            "symptom",
            "Log a symptom",
            (
                _word("symptom", "Symptom", vocab.SYMPTOMS, "symptom"),
                _word("side", "Side", vocab.SIDES, "side", optional=True),
                AT,
                NOTE,
            ),
            lambda ctx: {"at": "now"},
        ),
        KindForm(
            "injury",
            "Log an injury",
            (
                _word("site", "Site", vocab.INJURY_SITES, "injury site"),
                FieldSpec(
                    "severity",
                    "Severity",
                    p_field("injury", "severity"),
                    s_number,
                    hint=F.FIELDS["injury"]["severity"].span,
                ),
                _date("day", "Date"),
                _date("resolved", "Resolved", optional=True),
                NOTE,
            ),
            lambda ctx: {"severity": "5", "day": "today"},
        ),
        KindForm(
            "checkin",
            "Daily check-in",
            (
                _date("day", "Day"),
                _check("no_cramps", "No cramps", "no cramps this day"),
                _check("hot_day", "Hot day", "it was a hot day"),
                FieldSpec(
                    "sleep_hours",
                    "Sleep (hours)",
                    p_field("checkin", "sleep_hours"),
                    s_number,
                    hint=f"{F.FIELDS['checkin']['sleep_hours'].span} (optional)",
                ),
                FieldSpec(
                    "soreness",
                    "Soreness",
                    p_field("checkin", "soreness"),
                    s_number,
                    hint=f"muscle soreness {F.FIELDS['checkin']['soreness'].span} (optional)",
                ),
                NOTE,
            ),
            lambda ctx: {"day": "today", "no_cramps": "no" if ctx.cramp_today else "yes"},
        ),
        KindForm(
            "shoe",
            "Add a shoe",
            (
                FieldSpec("name", "Name", p_field("shoe", "name"), s_text),
                _date("first_used", "First used"),
                FieldSpec(
                    "start_km",
                    "Already on it",
                    p_field("shoe", "start_km"),
                    s_distance,
                    hint=f"0, 120km (up to {F.CHECKS['shoe']['start_km'].high:g} km)",
                ),
                FieldSpec("life_km", "Its life", p_field("shoe", "life_km"), s_distance, hint="empty = the setting"),
                _date("retired", "Retired", optional=True),
                NOTE,
            ),
            lambda ctx: {"first_used": "today", "start_km": "0"},
        ),
        KindForm(
            "diet",
            "Diet change",
            (
                _word("pattern", "Diet", vocab.DIET_PATTERNS, "diet pattern"),
                _date("day", "Changed on"),
                FieldSpec(
                    "b12", "B12 supplement", p_yes_no("b12"), s_yes_no, choices=("yes", "no"), hint="yes, no or empty"
                ),
                NOTE,
            ),
            lambda ctx: {"day": "today"},
        ),
        KindForm(
            "med",
            "Medicine or supplement",
            (
                FieldSpec("name", "Name", p_field("med", "name"), s_text),
                _word("med_class", "Class", vocab.MED_CLASSES, "medicine class"),
                _date("start", "Started"),
                _date("stop", "Stopped", optional=True),
                FieldSpec("dose", "Dose", p_field("med", "dose"), s_text, hint="as prescribed, e.g. 20 mg daily"),
                NOTE,
            ),
            lambda ctx: {"start": "today", "med_class": "other"},
        ),
    )
}
"""Every entry kind's form, by kind name."""
