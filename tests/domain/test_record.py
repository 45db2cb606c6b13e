"""`record` behaves as `dataclass(frozen=True, slots=True)` does: ==, hash, repr, frozen, slots."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import ClassVar

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

    return (
        record(**options)(body()) if options else record(body()),
        dataclasses.dataclass(frozen=True, slots=True, **options)(body()),
    )


@pytest.mark.parametrize("options", [{}, {"kw_only": True}])
def test_a_record_compares_hashes_and_prints_as_a_dataclass_does(options: dict[str, bool]) -> None:
    ours, theirs = _pair(**options)
    for a, b in [
        ((1, "a", 0), (1, "a", 0)),
        ((1, "a", 0), (1, "b", 0)),
        ((1, "a", 0), (1, "a", 5)),
        ((2, "a", 0), (1, "a", 0)),
    ]:
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


def test_an_entry_kind_has_the_fields_a_dataclass_would_give_it() -> None:
    """Inherited fields first, a kind's own after; `ClassVar`s are no fields."""

    @dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
    class Base:
        kind: ClassVar[str] = "base"
        at: int = 0
        note: str = ""

    @dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
    class Kind(Base):
        kind: ClassVar[str] = "kind"
        amount: int
        note: str = "redeclared"

    names = [(f.name, f.default) for f in dataclasses.fields(E.Drink)]
    assert names[:5] == [("at", None), ("tz", "UTC"), ("id", None), ("note", ""), ("uid", None)]
    assert "kind" not in dict(names) and "date_field" not in dict(names)
    assert [(f.name, f.default) for f in dataclasses.fields(record(kw_only=True)(_plain(Kind)))] == [
        (f.name, f.default) for f in dataclasses.fields(Kind)
    ]


def _plain(cls: type) -> type:
    """`cls`'s body again as a plain class on a record base (what `record` is given)."""
    base = record(kw_only=True)(
        type(
            "Base",
            (),
            {
                "__annotations__": {"kind": "ClassVar[str]", "at": "int", "note": "str"},
                "kind": "base",
                "at": 0,
                "note": "",
            },
        )
    )
    return type(
        "Kind",
        (base,),
        {
            "__annotations__": {"kind": "ClassVar[str]", "amount": "int", "note": "str"},
            "kind": "kind",
            "note": "redeclared",
        },
    )


def test_a_kind_equals_only_its_own_kind() -> None:
    """Two kinds with the same values are not equal (as two dataclasses are not)."""
    at = dt.datetime(2026, 3, 1, 8, tzinfo=dt.timezone.utc)
    drink = E.Drink(at=at, amount_ml=250)
    assert drink == E.Drink(at=at, amount_ml=250)
    assert drink != E.Drink(at=at, amount_ml=330)
    assert drink != E.Entry(at=at)
    assert E.Entry(at=at) != drink
    assert len({drink, E.Drink(at=at, amount_ml=250), E.Drink(at=at, amount_ml=330)}) == 2
    assert repr(drink).startswith(
        "Drink(at=datetime.datetime(2026, 3, 1, 8, 0, tzinfo=datetime.timezone.utc), "
        "tz='UTC', id=None, note='', uid=None, amount_ml=250"
    )


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

    def described(cls: type) -> list[tuple[object, ...]]:
        return [
            (f.name, f.type, f.default, f.default_factory, f.init, f.kw_only, f.repr) for f in dataclasses.fields(cls)
        ]

    assert described(ours) == described(theirs) and dataclasses.is_dataclass(ours)
    assert ours.__match_args__ == theirs.__match_args__ and ours.__slots__ == theirs.__slots__
    thing = ours(1, [2], e=6)
    assert thing == copy.deepcopy(thing) == copy.copy(thing)
    drink = E.Drink(at=dt.datetime(2026, 3, 1, 8, tzinfo=dt.timezone.utc), amount_ml=250)
    assert pickle.loads(pickle.dumps(drink)) == drink
    assert dataclasses.replace(thing, a=3).a == 3 and dataclasses.replace(thing, a=3).e == 6
    assert ours.__init__.__qualname__.endswith("Thing.__init__")


CALLS: list[tuple[tuple[object, ...], dict[str, object]]] = [
    ((1,), {}),
    ((1, [2]), {"e": 6}),
    ((), {"a": 1, "b": [3]}),
    ((1,), {"e": 7}),
    ((), {}),
    ((1, [2], 6), {}),
    ((1,), {"a": 2}),
    ((1,), {"c": "x"}),
    ((1,), {"zz": 0}),
    ((), {"b": []}),
]
"""Calls a record takes (positional, keyword, defaults, factories) and ones it refuses (missing,
too many positional, repeated, not in `__init__`, unknown)."""


def _outcome(cls: type, args: tuple[object, ...], kwargs: dict[str, object]) -> object:
    try:
        thing = cls(*args, **kwargs)
    except TypeError as exc:
        return ("TypeError", str(exc))
    return tuple(getattr(thing, f.name) for f in dataclasses.fields(thing))


def _thing(made: list[str]) -> type:
    class Thing:
        a: int
        b: list[int] = dataclasses.field(default_factory=list)
        c: str = dataclasses.field(default="c", init=False)
        d: tuple[int, ...] = dataclasses.field(default_factory=tuple, init=False)
        e: int = dataclasses.field(default=5, kw_only=True)

        def __post_init__(self) -> None:
            made.append("post")

    return Thing


@pytest.mark.parametrize(("args", "kwargs"), CALLS)
def test_a_records_first_instances_build_and_refuse_as_its_compiled_init_does(
    args: tuple[object, ...], kwargs: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shared `__init__` of a class's first instances gives the fields, `__post_init__` and the
    TypeError (message and all) that the compiled one gives, and a standard dataclass's values."""
    from cramplog.domain import record as R

    made: list[str] = []
    shared = _outcome(record(_thing(made)), args, kwargs)
    monkeypatch.setattr(R, "COMPILE_AFTER", 0)
    compiled = _outcome(record(_thing(made)), args, kwargs)
    standard = _outcome(dataclasses.dataclass(frozen=True, slots=True)(_thing(made)), args, kwargs)
    assert shared == compiled
    assert made.count("post") == (3 if compiled[0] != "TypeError" else 0)
    if compiled[0] == "TypeError":
        assert standard[0] == "TypeError"
    else:
        assert standard == compiled


def test_a_record_built_often_gets_its_compiled_init() -> None:
    """After `COMPILE_AFTER` instances a class has its own compiled `__init__` (the fast one for
    a class the app builds by the thousand), named as a dataclass's is."""
    from cramplog.domain.record import COMPILE_AFTER

    cls = record(_thing([]))
    shared = cls.__init__
    things = [cls(n) for n in range(COMPILE_AFTER + 1)]
    assert cls.__init__ is not shared and cls.__init__.__code__.co_filename == "<string>"
    assert cls.__init__.__qualname__.endswith("Thing.__init__")
    assert [t.a for t in things] == list(range(COMPILE_AFTER + 1)) and cls(7) == things[7]
