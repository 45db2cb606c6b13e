"""`record` behaves as `dataclass(frozen=True, slots=True)` does: ==, hash, repr, frozen, slots."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from cramplog.domain import entries as E
from cramplog.domain.record import record


def _pair(**options: bool) -> tuple[type, type]:
    """The same class made a record and made a standard frozen, slotted dataclass."""

    def body() -> type:
        class Point:
            x: int
            y: str = "a"
            hidden: int = dataclasses.field(default=0, repr=False)

        return Point

    return (record(**options)(body()) if options else record(body()),
            dataclasses.dataclass(frozen=True, slots=True, **options)(body()))


@pytest.mark.parametrize("options", [{}, {"kw_only": True}])
def test_a_record_compares_hashes_and_prints_as_a_dataclass_does(options: dict[str, bool]) -> None:
    ours, theirs = _pair(**options)
    for a, b in [((1, "a", 0), (1, "a", 0)), ((1, "a", 0), (1, "b", 0)), ((1, "a", 0), (1, "a", 5)),
                 ((2, "a", 0), (1, "a", 0))]:
        mine = [ours(**dict(zip(("x", "y", "hidden"), v))) for v in (a, b)]
        standard = [theirs(**dict(zip(("x", "y", "hidden"), v))) for v in (a, b)]
        assert (mine[0] == mine[1]) == (standard[0] == standard[1])
        assert (mine[0] != mine[1]) == (standard[0] != standard[1])
        assert (hash(mine[0]) == hash(mine[1])) == (mine[0] == mine[1])
        assert repr(mine[0]) == repr(standard[0])
    assert "hidden" not in repr(ours(x=1))


def test_a_record_is_frozen_and_slotted() -> None:
    ours, _ = _pair()
    point = ours(x=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        del point.y
    assert not hasattr(point, "__dict__")
    assert dataclasses.replace(point, y="b") == ours(x=1, y="b")


def test_a_kind_equals_only_its_own_kind() -> None:
    """Two kinds with the same values are not equal (as two dataclasses are not)."""
    at = dt.datetime(2026, 3, 1, 8, tzinfo=dt.timezone.utc)
    drink = E.Drink(at=at, amount_ml=250)
    assert drink == E.Drink(at=at, amount_ml=250)
    assert drink != E.Drink(at=at, amount_ml=330)
    assert drink != E.Entry(at=at)
    assert E.Entry(at=at) != drink
    assert len({drink, E.Drink(at=at, amount_ml=250), E.Drink(at=at, amount_ml=330)}) == 2
    assert repr(drink).startswith("Drink(at=datetime.datetime(2026, 3, 1, 8, 0, tzinfo=datetime.timezone.utc), "
                                  "tz='UTC', id=None, note='', uid=None, amount_ml=250")


def test_a_record_builds_as_a_dataclass_does_and_copies() -> None:
    """The `__init__` a record writes takes what a frozen dataclass's takes: positional and
    keyword-only fields, defaults and factories, fields left out of `__init__`, `__post_init__`."""
    import copy
    import pickle

    made: list[str] = []

    def body() -> type:
        class Thing:
            a: int
            b: list[int] = dataclasses.field(default_factory=list)
            c: str = dataclasses.field(default="c", init=False)
            d: tuple[int, ...] = dataclasses.field(default_factory=tuple, init=False)
            e: int = dataclasses.field(default=5, kw_only=True)

            def __post_init__(self) -> None:
                made.append("post")

        return Thing

    ours, theirs = record(body()), dataclasses.dataclass(frozen=True, slots=True)(body())
    for cls in (ours, theirs):
        thing = cls(1, [2], e=6)
        assert (thing.a, thing.b, thing.c, thing.d, thing.e) == (1, [2], "c", (), 6)
        assert cls(1).b is not cls(1).b  # a factory's value per instance
        with pytest.raises(TypeError):
            cls(1, [2], 6)  # `e` is keyword-only
        with pytest.raises(TypeError):
            cls()
    assert made == ["post"] * 6
    thing = ours(1, [2], e=6)
    assert thing == copy.deepcopy(thing) == copy.copy(thing)
    drink = E.Drink(at=dt.datetime(2026, 3, 1, 8, tzinfo=dt.timezone.utc), amount_ml=250)
    assert pickle.loads(pickle.dumps(drink)) == drink
    assert dataclasses.replace(thing, a=3).a == 3 and dataclasses.replace(thing, a=3).e == 6
    assert ours.__init__.__qualname__.endswith("Thing.__init__")
