"""Frozen dataclass class -> a cheaper constructor for it (for records made by the thousand), a
cheaper dataclasses.replace of one field, and cheaper pickling.

A frozen dataclass's __init__ sets each field through object.__setattr__, which costs about five
times what the record's own attribute stores would. The constructor made here fills a plain
twin class with the same slots and then gives the object the record's class: the result is the
same record (equal, hashed and printed alike, of exactly that type).
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def fast_constructor(cls: type[T]) -> Callable[..., T]:
    """Return a function that builds cls from every field's value, positionally, in field order.

    Only for frozen dataclasses with slots and no __post_init__; any other class, or one whose
    layout Python refuses to share, gets a function that calls cls itself.
    """
    names = tuple(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]
    slots = getattr(cls, "__slots__", None)
    if tuple(slots or ()) != names or hasattr(cls, "__post_init__"):
        return _calling(cls, names)
    twin = type(f"{cls.__name__}Twin", (), {"__slots__": names})
    params = ", ".join(names)
    stores = "".join(f"    _record.{name} = {name}\n" for name in names)
    source = (
        f"def build({params}):\n    _record = _twin()\n{stores}"
        "    _record.__class__ = _cls\n    return _record\n"
    )
    namespace: dict[str, Any] = {"_twin": twin, "_cls": cls}
    exec(source, namespace)  # the same technique dataclasses uses to write __init__
    build: Callable[..., T] = namespace["build"]
    try:
        build(*([None] * len(names)))
    except TypeError:  # "object layout differs": Python will not share it
        return _calling(cls, names)
    return build


def fast_pickled(cls: type[T]) -> type[T]:
    """Class decorator: pickle a frozen dataclass's records as their class and their fields'
    values, rebuilt by fast_constructor's function.

    dataclasses pickles a frozen class with slots through a __getstate__ and a __setstate__ that
    look its fields up anew for every record: a 10-K pair's comparison took 88 ms to pickle and
    64 ms to unpickle, 59 and 25 ms this way (the reports kept between runs, compare.caches, and
    what series' process pool sends between processes).
    """
    names = tuple(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]
    getter = operator.attrgetter(*names)
    values_of = getter if len(names) > 1 else lambda record: (getter(record),)
    _BUILDERS[cls] = fast_constructor(cls)

    def __reduce__(self: T) -> tuple[Callable[..., T], tuple[type[T], tuple[object, ...]]]:
        return rebuilt, (cls, values_of(self))

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls


# The constructor of each fast_pickled class, by class
_BUILDERS: dict[type, Callable[..., Any]] = {}


def rebuilt(cls: type[T], values: tuple[object, ...]) -> T:
    """Return the record of a fast_pickled class with these field values (what unpickling one
    calls)."""
    return _BUILDERS[cls](*values)  # type: ignore[no-any-return]


def _calling(cls: type[T], names: tuple[str, ...]) -> Callable[..., T]:
    """Return a function that builds cls from positional field values by calling cls."""

    def build(*values: object) -> T:
        return cls(**dict(zip(names, values, strict=True)))

    return build


def fast_replacer(cls: type[T], name: str) -> Callable[[T, object], T]:
    """Return a function (record, value) -> dataclasses.replace(record, name=value), for a class
    fast_constructor serves: the fields are read at once and the record built by it."""
    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    index = names.index(name)
    values_of = operator.attrgetter(*names)
    build = fast_constructor(cls)

    def replaced(record: T, value: object) -> T:
        values = list(values_of(record))
        values[index] = value
        return build(*values)

    return replaced
