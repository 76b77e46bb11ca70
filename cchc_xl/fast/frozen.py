"""Plain data frozen into exact, hashable keys, for the caches of the quicker
xlsxwriter paths (:mod:`cchc_xl.fast.sheet`, :mod:`cchc_xl.fast.book`, the cells of
:mod:`cchc_xl.consolidated.write`: :func:`exact_key`): a part written once is reused
only for inputs that are the same data."""

from __future__ import annotations

from datetime import date, datetime, time
from enum import Enum

from xlsxwriter.color import Color


class Unfrozen(Exception):
    """A value :func:`freeze` does not know how to compare exactly."""


# Compared by value: equal values of these types are the same data. Not float:
# 0.0 == -0.0, but they print differently.
_ATOMS = frozenset({str, int, bool, type(None), date})


def freeze(value: object) -> object:
    """A hashable key equal for two values exactly when they are the same plain data
    (the type is part of it: 1, 1.0 and True differ); Unfrozen for anything else
    (objects, aware datetimes)."""
    cls = value.__class__
    if cls in _ATOMS:
        return cls, value
    if cls is float:
        return cls, value.hex()
    if cls is list or cls is tuple:
        return cls, tuple([freeze(v) for v in value])
    if cls is dict:
        return cls, frozen_items(value)
    if (cls is datetime or cls is time) and value.tzinfo is None:
        return cls, value
    if cls is Color:
        return cls, frozen_items(vars(value))
    if isinstance(value, Enum):
        return cls, value.name
    raise Unfrozen(cls.__name__)


def frozen_items(mapping: dict, skip: frozenset[str] = frozenset()) -> tuple:
    """:func:`freeze` of a dict's items, in their order, leaving out the keys ``skip``."""
    return tuple([(k, v.__class__, v) if v.__class__ in _ATOMS else (k, freeze(v))
                  for k, v in mapping.items() if k not in skip])


class Cache(dict):
    """A dict that forgets everything past ``limit`` entries (a long-lived process,
    the web app, splits many plans)."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def put(self, key, value):
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value


class Recent(Cache):
    """A Cache that keeps what is still in use: past ``limit`` entries it starts
    afresh, the entries before kept one more round, each brought back when asked for
    again (:meth:`recall`, after ``get`` missed). Values are never None."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.older: dict = {}

    def put(self, key, value):
        if len(self) >= self.limit:
            self.older = dict(self)  # then Cache.put starts afresh
        return super().put(key, value)

    def recall(self, key):
        """The value kept for ``key`` a round before (kept again), or None."""
        value = self.older.pop(key, None)
        if value is not None:
            self.put(key, value)
        return value


def exact_key(value: object) -> tuple | None:
    """A key for a cell's value that equals another's only for a value written the same:
    its type with it (1, 1.0 and True are equal), a zero float by its sign (0.0 and -0.0,
    equal, are written apart), a moment without a time zone (two equal moments in two
    zones are written apart); None for any other value (not kept)."""
    kind = value.__class__
    if kind is str or kind is int or kind is date or value is None:
        return kind, value
    if kind is float:
        return (kind, value) if value else (kind, repr(value))
    if kind is datetime and value.tzinfo is None:
        return kind, value
    return None
