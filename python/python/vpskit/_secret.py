"""Secret values: never shown by repr, str, format, logging or pickling."""

from __future__ import annotations

from typing import Any, NoReturn

REDACTED = "[redacted]"


class Secret:
    """A value that is never printed. Read it with :meth:`expose`.

    >>> s = Secret("PasswordKuat123!")
    >>> s, str(s), f"{s}"
    (Secret('[redacted]'), '[redacted]', '[redacted]')
    >>> s.expose()
    'PasswordKuat123!'
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        object.__setattr__(self, "_value", value)

    def expose(self) -> str:
        """The secret value itself."""
        value: str = object.__getattribute__(self, "_value")
        return value

    def __repr__(self) -> str:
        return f"Secret({REDACTED!r})"

    def __str__(self) -> str:
        return REDACTED

    def __format__(self, spec: str) -> str:
        return format(REDACTED, spec)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other.expose() == self.expose()

    def __hash__(self) -> int:
        return hash(("vpskit.Secret", self.expose()))

    def __setattr__(self, name: str, value: Any) -> NoReturn:
        raise AttributeError("Secret is immutable")

    def __reduce__(self) -> NoReturn:
        raise TypeError("refusing to pickle a vpskit.Secret: it would write the secret out")

    def __getstate__(self) -> NoReturn:
        raise TypeError("refusing to pickle a vpskit.Secret: it would write the secret out")


def reveal_markers(value: Any) -> Any:
    """Turns the core's ``{"$secret": v}`` markers into :class:`Secret` objects, recursively."""
    if isinstance(value, dict):
        if len(value) == 1 and "$secret" in value:
            inner = value["$secret"]
            return Secret(inner if isinstance(inner, str) else str(inner))
        return {k: reveal_markers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [reveal_markers(v) for v in value]
    return value


def to_plain(value: Any, *, expose: bool = False) -> Any:
    """A JSON-ready copy: secrets as ``{"$secret": "[redacted]"}``, or their value with ``expose``."""
    if isinstance(value, Secret):
        return value.expose() if expose else {"$secret": REDACTED}
    if isinstance(value, dict):
        return {k: to_plain(v, expose=expose) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v, expose=expose) for v in value]
    return value
