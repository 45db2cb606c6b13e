"""Provides how a shoe is named (the one matcher from what a person types to a shoe's ID) and
its life (`life_of`: its own, else the setting), its wear (`wear_of`), whether it is in use
(`in_use`) and which shoes in use are near the end of their life (`wearing_out`).

`resolve` is called by the writer for `run --shoe NAME` and by the app's run form. A name
matches a shoe when it is the same ignoring case and extra spaces (`pegasus  40` is `Pegasus 40`);
`#ID` names a shoe by its ID. A name close to a known one (a space left out or put in, a small
typo or the start of it) is refused with "did you mean", so a typo never creates a second shoe; any other
name is new, and the writer creates that shoe. Names are unique ignoring case (`name_key`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from ..errors import InvalidInput, NotFound
from .fields import clean_name, is_id_text, parse_id
from .record import record
from .settings import WORN_NOTICE

if TYPE_CHECKING:
    from .entries import Shoe


@record
class ShoeMatch:
    """The shoe a text names: `id` of a known shoe, or None for a new shoe called `name`."""

    id: int | None
    name: str

    @property
    def is_new(self) -> bool:
        return self.id is None


def in_use(shoe: Shoe, day: dt.date) -> bool:
    """Not retired on `day` (a retire date still ahead leaves the shoe in use until then)."""
    return shoe.retired is None or shoe.retired > day


def life_of(own_km: float | None, default_km: float) -> float:
    """The kilometres a shoe is meant to last: its own life (`Shoe.life_km`), else the
    `shoes.life_km` setting."""
    return own_km or default_km


@record
class Wear:
    """How far a shoe has gone and how far it is meant to go, in km."""

    km: float
    life: float

    @property
    def fraction(self) -> float:
        return self.km / self.life

    @property
    def worn_out(self) -> bool:
        """Past its life (what Settings says and the analysis' worn-shoe factor counts)."""
        return self.km > self.life


def wear_of(shoe: Shoe, distances: Mapping[int, float], default_life_km: float) -> Wear:
    """A shoe's wear: the distance on it (`distances`, from storage; its start km when no run is
    logged on it) against its life (`life_of`)."""
    return Wear(distances.get(shoe.id or 0, shoe.start_km or 0.0), life_of(shoe.life_km, default_life_km))


def wearing_out(
    shoes: Iterable[Shoe], distances: Mapping[int, float], default_life_km: float, day: dt.date
) -> list[tuple[Shoe, Wear]]:
    """Shoes in use on `day` with at least `WORN_NOTICE` of their life behind them, with their
    wear: the ones the dashboard mentions, before they are worn out."""
    return [
        (shoe, wear)
        for shoe in shoes
        if in_use(shoe, day) and (wear := wear_of(shoe, distances, default_life_km)).fraction >= WORN_NOTICE
    ]


def name_key(name: str) -> str:
    """What two names are compared by: Unicode's compatibility caseless match (D146, with NFKC
    for NFKD: the same equality) of the cleaned name, spacing collapsed. "Äro" is "äro" and
    "A" with a combining diaeresis + "ro"; "Straße" is "STRASSE"; "Ｐｅｇａｓｕｓ" is "Pegasus".
    Storage keeps it beside each shoe (`shoe.name_key`, unique), so the database holds this rule
    too."""
    import unicodedata  # a shared library: loaded by the commands that name a shoe, not every log

    folded = unicodedata.normalize("NFD", clean_name(name)).casefold()
    return " ".join(unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", folded).casefold()).split())


def resolve(text: str, shoes: Iterable[tuple[int, str]]) -> ShoeMatch:
    """The shoe `text` names among `shoes` (ID, name); see the module docstring.

    Raises:
        NotFound: an unknown `#ID`, or a name close to a known shoe's ("did you mean").
        InvalidInput: an empty or over-long name.
    """
    known = [(shoe_id, name) for shoe_id, name in shoes]
    name = clean_name(str(text))
    if not name:
        raise InvalidInput("name the shoe (or give its #ID)", "shoe_id")
    if is_id_text(name):
        wanted = parse_id(name, "shoe_id", "shoe ID")
        by_id = [(i, n) for i, n in known if i == wanted]
        by_name = [(i, n) for i, n in known if name_key(n) == name_key(name)] if not name.startswith("#") else []
        found = by_name or by_id
        if not found:
            raise NotFound(f"no shoe with ID {wanted}", "shoe_id")
        return ShoeMatch(found[0][0], found[0][1])
    if name.startswith("#"):
        raise InvalidInput(f"a shoe ID is # and digits, e.g. #3; got {name!r}", "shoe_id")
    if len(name) > 80:
        raise InvalidInput(f"shoe name must be 1 to 80 characters, got {len(name)}", "shoe_id")
    key = name_key(name)
    for shoe_id, shoe_name in known:
        if name_key(shoe_name) == key:
            return ShoeMatch(shoe_id, shoe_name)
    close = closest(name, [n for _, n in known])
    if close is not None:
        raise NotFound(f"no shoe called {name!r}; did you mean {close!r}?", "shoe_id")
    return ShoeMatch(None, name)


def closest(name: str, names: Iterable[str]) -> str | None:
    """A known name `name` is probably a slip for, or None.

    Close means: equal without spaces, a start of it (3+ characters), or an edit distance of at
    most 1 (names up to 5 characters) or 2 (longer names), ignoring case.
    """
    key = name_key(name)
    squeezed = key.replace(" ", "")
    best: tuple[int, str] | None = None
    for candidate in names:
        other = name_key(candidate)
        if other.replace(" ", "") == squeezed or (len(key) >= 3 and other.startswith(key)):
            distance = 0
        else:
            limit = 0 if len(key) < 3 else 1 if min(len(key), len(other)) <= 5 else 2
            distance = _edits(key, other, limit)
            if distance > limit:
                continue
        if best is None or (distance, candidate) < best:
            best = (distance, candidate)
    return best[1] if best else None


def _edits(a: str, b: str, limit: int) -> int:
    """Levenshtein distance between `a` and `b`, or `limit + 1` once it is surely larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def check_new_name(name: str, shoes: Iterable[tuple[int, str]]) -> str:
    """The cleaned `name` for a new shoe, refused if a shoe of that name exists (ignoring case)."""
    cleaned = clean_name(name)
    key = name_key(cleaned)
    for _, existing in shoes:
        if name_key(existing) == key:
            raise InvalidInput(f"a shoe called {existing!r} already exists (names ignore case)", "name")
    return cleaned
