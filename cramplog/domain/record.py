"""Provides `record`: a frozen, slotted dataclass whose `==`, hash and repr are shared code.

`dataclasses.dataclass` writes each method it adds as source and compiles it (on Python 3.11,
one `exec` per method, six for a frozen class). For the 29 classes the app defines before its
first paint that was 46 ms of its 78 ms of imports. A record lets dataclasses write only
`__init__` and the frozen guards, and takes `==`, the hash and the repr from here: the same
behaviour (every field in order; equal only to the same class) at about half the cost.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, cast, dataclass_transform, overload

T = TypeVar("T", bound=type)


@overload
def record(cls: T, /) -> T: ...
@overload
def record(*, kw_only: bool = False) -> Callable[[T], T]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def record(cls: T | None = None, /, *, kw_only: bool = False) -> T | Callable[[T], T]:
    """Make `cls` a frozen dataclass with slots (`@record` or `@record(kw_only=True)`)."""

    def wrap(cls: T) -> T:
        made: type[Any] = dataclasses.dataclass(cls, frozen=True, slots=True, eq=False, repr=False, kw_only=kw_only)
        fields = dataclasses.fields(made)
        shared = {"_record_values": _getter(f.name for f in fields),
                  "_record_shown": tuple(f.name for f in fields if f.repr),
                  "__eq__": _eq, "__hash__": _hash, "__repr__": _repr}
        for name, value in shared.items():
            setattr(made, name, value)
        return cast(T, made)

    return wrap if cls is None else wrap(cls)


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
