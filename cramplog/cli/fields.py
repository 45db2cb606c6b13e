"""Provides how command-line words become entry fields, for logging and for `edit` alike.

`FIELDS[kind][option]` gives the dataclass field an option sets; how its text is read, its
bounds and its messages come from the field's declaration in `domain/fields.py`, so
`cramplog cramp --severity 7`, `cramplog edit 12 --severity 7` and the app's form share one
rule. Parsers raise `InvalidInput` naming the field; nothing is written before all fields parse.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from ..domain import entries as E
from ..domain import fields as F
from ..domain import reading as R
from ..errors import InvalidInput

if TYPE_CHECKING:
    from .context import AppContext

Function = TypeVar("Function", bound=Callable[..., Any])

OPTIONS: dict[str, dict[str, str]] = {
    "cramp": {
        "muscle": "muscle",
        "side": "side",
        "severity": "severity",
        "context": "context",
        "duration": "duration_s",
        "relief": "relief",
        "swelling": "swelling",
        "tingling": "tingling",
        "persistent-pain": "persistent_pain",
    },
    "drink": {"amount": "amount_ml", "kind": "drink_kind"},
    "stretch": {"minutes": "minutes", "muscles": "muscles", "style": "style", "cramped": "cramped"},
    "run": {
        "distance": "distance_km",
        "time": "duration_s",
        "effort": "effort",
        "shoe": "shoe",
        "surface": "surface",
        "kind": "workout",
        "comfort": "comfort",
    },
    "shoe": {"name": "name", "first-used": "first_used", "retired": "retired", "start": "start_km", "life": "life_km"},
    "food": {"food": "food", "servings": "servings", "text": "text"},
    "diet": {"pattern": "pattern", "date": "day", "b12": "b12"},
    "med": {"name": "name", "class": "med_class", "start": "start", "stop": "stop", "dose": "dose"},
    "injury": {"site": "site", "severity": "severity", "date": "day", "resolved": "resolved"},
    "symptom": {"symptom": "symptom", "side": "side"},
    "checkin": {
        "date": "day",
        "no-cramps": "no_cramps",
        "hot-day": "hot_day",
        "sleep": "sleep_hours",
        "soreness": "soreness",
    },
}
"""Command-line option -> entry field, per kind (every field is declared in `domain.fields`)."""

COMMON: dict[str, str] = {"at": "at", "note": "note"}

SHOE = F.declaration("run", "shoe_id")
"""`run --shoe` is kept as typed: the writer resolves it in the run's own transaction, and adds
the shoe when the name is new (`JournalRepository.add_run`)."""

FIELDS: dict[str, dict[str, tuple[str, F.Field]]] = {
    kind: {
        option: (name, SHOE if name == "shoe" else F.declaration(kind, name))
        for option, name in {**options, **COMMON}.items()
        if not (name == "at" and E.KINDS[kind].date_field)
    }
    for kind, options in OPTIONS.items()
}
"""Option -> (field, its declaration), per kind. A dated kind (a check-in, a shoe, ...) has no
`--at`: its day places it, so `edit ID --at` on one is refused instead of ignored."""


NEGATED: dict[str, str] = {"hot-day": "not-hot"}
"""A yes/no option whose "off" word is not `no-` + its name (`checkin --hot-day/--not-hot`)."""


def flags(kind: str) -> dict[str, tuple[str, bool]]:
    """The yes/no options of `kind` as `edit` reads them: word -> (option, value it means).

    `--tingling` turns tingling on and `--no-tingling` off; `--no-cramps` says "no cramps" (and
    `--no-cramps no` takes it back); `--hot-day` / `--not-hot`. Every other option needs a value.
    """
    out: dict[str, tuple[str, bool]] = {}
    for option, (_, declaration) in FIELDS[kind].items():
        if declaration.type == "bool":
            out[option] = (option, True)
            if not option.startswith("no-"):
                out[NEGATED.get(option, f"no-{option}")] = (option, False)
    return out


def unknown(kind: str, option: str) -> InvalidInput:
    """The refusal of an option `kind` doesn't have, listing those it has."""
    known = ", ".join(f"--{o}" for o in FIELDS[kind])
    return InvalidInput(f"{kind} entries have no option --{F.printable(option)[:40]} (use {known})", option)


def span(kind: str, field: str) -> str:
    """A field's range for `--help` (`1-10`), from its declaration."""
    return F.declaration(kind, field).span


def choices(kind: str, field: str) -> str:
    """A word field's words for `--help`, from its declaration, the default marked:
    `none (default), one_leg or both`."""
    import dataclasses

    default = next((f.default for f in dataclasses.fields(E.KINDS[kind]) if f.name == field), None)
    words = [f"{w} (default)" if w == default else w for w in F.declaration(kind, field).bounds.words or ()]
    return f"{', '.join(words[:-1])} or {words[-1]}."


def listing(argument: str, kind: str, field: str) -> Callable[[Function], Function]:
    """Decorator: the command's help says, after its first line, which words `argument` takes,
    from the field's declaration (`choices`), so no help lists them by hand."""

    def add(command: Function) -> Function:
        import inspect

        first, _, rest = inspect.cleandoc(command.__doc__ or "").partition("\n\n")
        command.__doc__ = f"{first}\n\n{argument} is one of: {choices(kind, field)}\n\n{rest}".rstrip()
        return command

    return add


def reading(app: AppContext) -> R.Reading:
    """What reading a field needs, from the command's context (the clock, units, the shoe hook)."""
    return R.Reading(now=app.clock.now(), tz=app.clock.tz, today=app.today, units=app.settings.units)


def given(text: str, option: str) -> str:
    """A value typed for `--option` that shows something once escapes and blanks are dropped.

    An empty value (`--date "$D"` with D unset), blanks, or escapes alone were taken as the option
    left out (`--at ""` logged now, `edit 4 --at ""` moved a drink to now); now refused, exit 2.
    (Escapes around a value are dropped, as in every field: `--side $'\\e[31mleft'` is left.)
    """
    if not F.printable(F.utf8(text, f"--{option}", option)).strip():
        none = ", none for no value," if option in CLEARABLE else ""
        raise InvalidInput(f"--{option} is empty; give a value{none} or leave the option out", option)
    return text


def optional(text: str | None, option: str) -> str | None:
    """`given` for an option that may be left out (None)."""
    return None if text is None else given(text, option)


CLEARABLE = frozenset(
    option
    for table in FIELDS.values()
    for option, (_, d) in table.items()
    if d.optional and d.type not in ("text", "name")
)
"""Options whose value `none` clears (for `edit`): the optional fields that are not free text."""


COMMAND_WORDS = frozenset({"add", "new", "list", "ls", "show", "remove", "rm", "delete", "del", "edit", "help"})
"""Words typed where a name goes that mean a command: `cramplog shoe list` added a shoe called
"list", and `cramplog med add` a medicine called "add"."""
LISTED_BY = {"shoe": "cramplog shoe lists your shoes", "med": "cramplog list --kind med lists them"}
"""Where a person who typed a command word finds what they were after."""


def _not_a_command(kind: str, name: str) -> None:
    """Refuse a name that is one of `COMMAND_WORDS` (for the kinds named on the command line)."""
    if name.strip().casefold() in COMMAND_WORDS:
        what = "a shoe's" if kind == "shoe" else "a medicine's"
        raise InvalidInput(
            f"“{name.strip()}” is a command word, not {what} name: {LISTED_BY[kind]}; "
            f"to {'add' if kind == 'shoe' else 'log'} one, cramplog {kind} NAME (a name of several words in quotes)",
            "name",
        )


def parse_fields(kind: str, raw: dict[str, Any], app: AppContext) -> dict[str, Any]:
    """Dataclass keyword arguments for `kind` from option values (None means not given)."""
    table = FIELDS[kind]
    ctx: R.Reading | None = None
    out: dict[str, Any] = {}
    for option, value in raw.items():
        if value is None:
            continue
        option = option.replace("_", "-")
        if option not in table:
            raise unknown(kind, option)
        field, declaration = table[option]
        if isinstance(value, str) and declaration.type not in ("text", "name"):  # (a name's own check
            given(value, option)  # refuses it empty)
        if field == "shoe":
            out[field] = F.clean_name(str(value)) or None
            continue
        if field == "name" and kind in LISTED_BY:
            _not_a_command(kind, str(value))
        ctx = ctx or reading(app)
        out[field] = R.read_field(declaration, value, ctx)
    return out
