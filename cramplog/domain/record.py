"""Provides `record`: a frozen, slotted dataclass whose methods but `__init__` are shared code.

`dataclasses.dataclass` writes each method it adds as source and compiles it (on Python 3.11,
one `exec` per method, six for a frozen class). For the 29 classes the app defines before its
first paint that was 46 ms of its 78 ms of imports, and the 30 a quick log defines cost it
about 18 ms. A record finds its fields as `dataclasses` does and records them where it looks
(so `dataclasses.fields`, `replace` and `is_dataclass` work), and adds the slots. Its first
`COMPILE_AFTER` instances bind their arguments in shared code; then its own `__init__` is
written here in one `exec` (both store through `object.__setattr__`, as a frozen dataclass's
does). `==`, the hash, the repr and the frozen guards are shared functions: the same behaviour
(every field in order; equal only to the same class) at about a fifth of the cost.
`tests/domain/test_record.py` holds it to a frozen, slotted dataclass.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import attrgetter
from typing import Any, ClassVar, TypeVar, cast, dataclass_transform, overload

T = TypeVar("T", bound=type)


@overload
def record(cls: T, /) -> T: ...
@overload
def record(*, kw_only: bool = False) -> Callable[[T], T]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def record(cls: T | None = None, /, *, kw_only: bool = False) -> T | Callable[[T], T]:
    """Make `cls` a frozen dataclass with slots (`@record` or `@record(kw_only=True)`)."""

    def wrap(cls: T) -> T:
        made = _slotted(cls, _collect(cls, kw_only))
        fields = dataclasses.fields(made)
        shared = {
            "_record_values": _getter(f.name for f in fields),
            "_record_shown": tuple(f.name for f in fields if f.repr),
            "__init__": _first_init(made, fields),
            "__eq__": _eq,
            "__hash__": _hash,
            "__repr__": _repr,
            "__setattr__": _frozen_set,
            "__delattr__": _frozen_delete,
            "__getstate__": _getstate,
            "__setstate__": _setstate,
        }
        for name, value in shared.items():
            setattr(made, name, value)
        return cast(T, made)

    return wrap if cls is None else wrap(cls)


_CLASSVAR = ("ClassVar", "typing.ClassVar", "t.ClassVar")
"""How a `ClassVar` annotation reads as text (`from __future__ import annotations`)."""


def _params() -> object:
    """What `dataclasses` records of a frozen dataclass's options, made without making one (its
    slots differ between Python versions): a dataclass made from a record reads them."""
    kind = dataclasses._DataclassParams  # type: ignore[attr-defined]
    params = object.__new__(kind)
    for name in kind.__slots__:
        object.__setattr__(params, name, name in ("init", "repr", "eq", "frozen", "match_args"))
    return params


_PARAMS = _params()


def _collect(cls: type, kw_only: bool) -> dict[str, dataclasses.Field[Any]]:
    """The fields of `cls`, as `dataclasses` finds them: its bases' first (a field redeclared
    keeps its place), then its own annotations in order; `ClassVar`s are not fields. Each is the
    `dataclasses.Field` that `dataclasses.fields` and `replace` read."""
    fields: dict[str, dataclasses.Field[Any]] = {}
    for base in reversed(cls.__mro__[1:]):
        fields.update(getattr(base, "__dataclass_fields__", {}))
    for name, kind in cls.__dict__.get("__annotations__", {}).items():
        written = kind.split("[", 1)[0].strip() if isinstance(kind, str) else None
        if written in _CLASSVAR or getattr(kind, "__origin__", None) is ClassVar:
            continue
        default = cls.__dict__.get(name, dataclasses.MISSING)
        if isinstance(default, dataclasses.Field):
            f = default
        else:
            if isinstance(default, (list, dict, set)):
                raise ValueError(f"mutable default {type(default)} for field {name}: use default_factory")
            f = dataclasses.field(default=default)
        f.name, f.type = name, kind
        f._field_type = dataclasses._FIELD  # type: ignore[attr-defined]  # what dataclasses.fields() keeps
        if f.kw_only is dataclasses.MISSING:
            f.kw_only = kw_only
        fields[name] = f
    return fields


def _slotted(cls: type, fields: dict[str, dataclasses.Field[Any]]) -> type[Any]:
    """`cls` made again with `__slots__` for its own fields (a class's slots are fixed when it is
    made), its fields recorded where `dataclasses` looks for them."""
    inherited = {slot for base in cls.__mro__[1:-1] for slot in base.__dict__.get("__slots__", ())}
    namespace = dict(cls.__dict__)
    for name in fields:
        namespace.pop(name, None)
    namespace.pop("__dict__", None)
    namespace.pop("__weakref__", None)
    namespace["__slots__"] = tuple(name for name in fields if name not in inherited)
    namespace["__dataclass_fields__"] = fields
    namespace["__dataclass_params__"] = _PARAMS
    namespace["__match_args__"] = tuple(f.name for f in fields.values() if f.init and not f.kw_only)
    made: type[Any] = type(cls)(cls.__name__, cls.__bases__, namespace)
    made.__qualname__ = cls.__qualname__
    return made


COMPILE_AFTER = 16
"""Instances a class builds through the shared `__init__` before its own is compiled: compiling
costs ~0.1 ms, the shared one ~2 µs a call more than a compiled one."""


def _first_init(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> Callable[..., None]:
    """An `__init__` that binds arguments in shared code for a class's first `COMPILE_AFTER`
    instances, then writes the real one (`_init`): most classes a command uses it builds once or
    twice (a quick log builds ten record classes, most of them once), and compiling ten of them
    was 1.1 ms of a quick log. A call it does not take plainly (a missing, unknown or repeated
    argument, too many positional ones) goes to the compiled one, which raises as a dataclass's
    does."""
    taken = tuple(f for f in fields if f.init)
    positional = tuple(f.name for f in taken if not f.kw_only)
    names = frozenset(f.name for f in taken)
    required = frozenset(
        f.name for f in taken if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )
    rest = tuple(f for f in fields if not f.init)
    post = hasattr(cls, "__post_init__")
    built = 0

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        nonlocal built
        built += 1
        if (
            built > COMPILE_AFTER
            or len(args) > len(positional)
            or not names.issuperset(kwargs)
            or not kwargs.keys().isdisjoint(positional[: len(args)])
            or not required <= {*positional[: len(args)], *kwargs}
        ):
            real = _init(cls, fields)
            real.__qualname__ = f"{cls.__qualname__}.__init__"
            type.__setattr__(cls, "__init__", real)
            real(self, *args, **kwargs)
            return
        given = dict(zip(positional, args), **kwargs)
        for f in taken:
            if f.name in given:
                value = given[f.name]
            elif f.default is not dataclasses.MISSING:
                value = f.default
            else:
                value = f.default_factory()  # type: ignore[operator]
            object.__setattr__(self, f.name, value)
        for f in rest:
            if f.default_factory is not dataclasses.MISSING:
                object.__setattr__(self, f.name, f.default_factory())
            elif f.default is not dataclasses.MISSING:
                object.__setattr__(self, f.name, f.default)
        if post:
            self.__post_init__()

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return __init__


_NOTHING = object()
"""Stands for a field's default factory in a generated `__init__`'s signature."""


def _init(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> Callable[..., None]:
    """`__init__` as `dataclass(frozen=True)` writes it: the fields in order (keyword-only ones
    after `*`), defaults and default factories, `__post_init__` last; compiled in one `exec`."""
    defaults: dict[str, Any] = {"_set": object.__setattr__, "_NOTHING": _NOTHING}
    positional: list[str] = []
    keyword: list[str] = []
    body: list[str] = []
    for f in fields:
        if not f.init:
            continue
        if f.default is not dataclasses.MISSING:
            defaults[f"_d_{f.name}"] = f.default
            param = f"{f.name}=_d_{f.name}"
            body.append(f"_set(self, {f.name!r}, {f.name})")
        elif f.default_factory is not dataclasses.MISSING:
            defaults[f"_f_{f.name}"] = f.default_factory
            param = f"{f.name}=_NOTHING"
            body.append(f"_set(self, {f.name!r}, _f_{f.name}() if {f.name} is _NOTHING else {f.name})")
        else:
            param = f.name
            body.append(f"_set(self, {f.name!r}, {f.name})")
        (keyword if f.kw_only else positional).append(param)
    for f in fields:
        if not f.init and f.default_factory is not dataclasses.MISSING:
            defaults[f"_f_{f.name}"] = f.default_factory
            body.append(f"_set(self, {f.name!r}, _f_{f.name}())")
        elif not f.init and f.default is not dataclasses.MISSING:
            defaults[f"_d_{f.name}"] = f.default
            body.append(f"_set(self, {f.name!r}, _d_{f.name})")
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    params = ", ".join(["self", *positional, *(["*", *keyword] if keyword else [])])
    source = f"def __init__({params}):\n" + "".join(f"    {line}\n" for line in body or ["pass"])
    namespace: dict[str, Any] = {}
    exec(source, defaults, namespace)  # our own source, written from the field names
    init: Callable[..., None] = namespace["__init__"]
    return init


def _getstate(self: Any) -> list[Any]:
    """For pickle and `copy`, as a frozen slotted dataclass has."""
    return [getattr(self, f.name) for f in dataclasses.fields(self)]


def _setstate(self: Any, state: list[Any]) -> None:
    for f, value in zip(dataclasses.fields(self), state):
        object.__setattr__(self, f.name, value)


def _frozen_set(self: Any, name: str, value: Any) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delete(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def _getter(names: Any) -> Callable[[Any], tuple[Any, ...]]:
    """A function returning an instance's values of `names` as one tuple (even of one or none)."""
    names = tuple(names)
    if len(names) > 1:
        return attrgetter(*names)
    return lambda obj: tuple(getattr(obj, name) for name in names)


def _eq(self: Any, other: Any) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented  # type: ignore[no-any-return]
    values = self.__class__._record_values
    return bool(values(self) == values(other))


def _hash(self: Any) -> int:
    return hash(self.__class__._record_values(self))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__class__._record_shown)
    return f"{self.__class__.__qualname__}({shown})"
