"""``Immutable``: the base of vpskit's small value classes (``Request``, ``Response``, ``Operation``,
``RetryPolicy``, ``Verdict``): fields in ``__slots__``, set once while the object is built, equal
and hashed by value, refusing any change afterwards. Lighter to import than ``dataclasses``."""

from __future__ import annotations

from typing import Any, Tuple

# Sets a field while the object is built (the class's own ``__setattr__`` refuses).
set_field = object.__setattr__


class Immutable:
    """Fields in ``__slots__``; ``_key()`` is what equality compares, ``_hash_key()`` what hashing
    uses (the hashable part of the key)."""

    __slots__ = ()

    def _key(self) -> Tuple[Any, ...]:
        raise NotImplementedError

    def _hash_key(self) -> Tuple[Any, ...]:
        return self._key()

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._hash_key())
