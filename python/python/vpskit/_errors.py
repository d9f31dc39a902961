"""The exception hierarchy: one class per kind of error, all under :class:`VpskitError`."""

from __future__ import annotations

from typing import Any, Optional, Tuple


class VpskitError(Exception):
    """Base of every vpskit error.

    ``kind`` is the same word in every language (``"not_found"``); ``status`` is the HTTP status
    when the error came from a response; ``code`` names one of the six documented gateway
    messages; ``request_id`` is the gateway's ``X-Request-Id`` for the exchange (quote it to
    support); ``message`` never contains a key, password, console URL or credential.

    >>> err = NotFoundError("Server not found.", status=404, code="server_not_found")
    >>> (err.kind, err.status, str(err))
    ('not_found', 404, 'Server not found. (HTTP 404)')
    """

    kind: str = "error"

    def __init__(
        self,
        message: str,
        *,
        status: Optional[int] = None,
        code: Optional[str] = None,
        retry_after: Optional[float] = None,
        request_sent: Optional[bool] = None,
        request_id: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.retry_after = retry_after
        self.request_sent = request_sent
        self.request_id = request_id

    def __str__(self) -> str:
        text = self.message if self.status is None else f"{self.message} (HTTP {self.status})"
        return text if self.request_id is None else f"{text} [request id {self.request_id}]"

    def __repr__(self) -> str:
        parts = [repr(self.message)]
        for name in ("status", "code", "retry_after", "request_id"):
            value = getattr(self, name)
            if value is not None:
                parts.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(parts)})"

    def __reduce__(self) -> Tuple[Any, ...]:
        return (_rebuild, (type(self), self.message, self.status, self.code, self.retry_after, self.request_sent, self.request_id))


def _rebuild(
    cls: type,
    message: str,
    status: Optional[int],
    code: Optional[str],
    retry_after: Optional[float],
    request_sent: Optional[bool],
    request_id: Optional[str] = None,
) -> VpskitError:
    error: VpskitError = cls(
        message, status=status, code=code, retry_after=retry_after, request_sent=request_sent, request_id=request_id
    )
    return error


class AuthError(VpskitError):
    """Missing, invalid or expired key or token, or a caller IP not on the key's whitelist."""

    kind = "auth"


class NotFoundError(VpskitError):
    """The server or job does not exist for this key."""

    kind = "not_found"


class NotAllowedError(VpskitError):
    """The action is not allowed for this server (gateway answer or capability preflight)."""

    kind = "not_allowed"


class RateLimitedError(VpskitError):
    """Too many requests; ``retry_after`` is the wait the gateway asked for, in seconds."""

    kind = "rate_limited"


class ServerError(VpskitError):
    """The gateway or a proxy failed (5xx), or reported a failure vpskit does not recognise."""

    kind = "server"


class ValidationError(VpskitError):
    """Bad input, found before any request was sent (or refused by the gateway as invalid)."""

    kind = "validation"


class DecodeError(VpskitError):
    """The response was not the JSON vpskit expects; the message says what arrived."""

    kind = "decode"


class TransportError(VpskitError):
    """The HTTP transport failed. ``request_sent`` says whether the server may have seen it;
    the transport's own exception is kept as ``__cause__``."""

    kind = "transport"


class AbortedError(VpskitError):
    """The call was cancelled by its caller; nothing more was sent. (An asyncio task that is
    cancelled raises ``asyncio.CancelledError`` as usual.)"""

    kind = "aborted"


class InternalError(VpskitError):
    """A bug in vpskit: the Rust core panicked and the binding caught it at the boundary. It is
    never retried; please report it (see SECURITY.md)."""

    kind = "internal"


ERRORS_BY_KIND = {
    cls.kind: cls
    for cls in (
        AuthError,
        NotFoundError,
        NotAllowedError,
        RateLimitedError,
        ServerError,
        ValidationError,
        DecodeError,
        TransportError,
        AbortedError,
        InternalError,
    )
}
