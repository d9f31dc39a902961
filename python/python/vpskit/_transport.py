"""HTTP for the clients: plain request/response values and the ready transports.

Any object with ``send(request) -> Response`` (or ``async def send``) is a transport. Every ready
transport: follows no redirects (so the ``Authorization`` header never reaches another host),
reads at most ``MAX_RESPONSE_BYTES`` + 1 bytes, and reports failures as :class:`TransportError`
saying whether the request may have reached the server, with the original exception as
``__cause__``.
"""

from __future__ import annotations

import copy
from typing import Any, Awaitable, List, Optional, Protocol, Tuple, TypeVar, Union, runtime_checkable

from . import _json, _native
from ._errors import TransportError
from ._immutable import Immutable, set_field
from ._secret import REDACTED

MAX_RESPONSE_BYTES: int = _native.MAX_RESPONSE_BYTES
_T = TypeVar("_T")


class Request(_native.RequestFields, Immutable):
    """A request built by the core, for a transport to send.

    ``headers`` and ``body`` hold the real values (the ``Authorization`` header carries the key);
    ``repr`` hides the key and secret body fields, and the class has no ``__dict__`` for ``vars``.
    The fields live in the native base class, so the core builds a request without running
    Python code. Immutable; equal by value.
    """

    __slots__ = ()

    method: str
    url: str
    headers: List[Tuple[str, str]]
    body: Optional[bytes]
    idempotent: bool

    def header(self, name: str) -> Optional[str]:
        """The first header with this name (case-insensitive)."""
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def _key(self) -> Tuple[Any, ...]:
        return (self.method, self.url, self.headers, self.body, self.idempotent)

    def _hash_key(self) -> Tuple[Any, ...]:
        return (self.method, self.url, self.body)  # headers are a list

    def __repr__(self) -> str:
        headers = [(k, f"Bearer {REDACTED}" if k.lower() == "authorization" else v) for k, v in self.headers]
        return (
            f"Request(method={self.method!r}, url={self.url!r}, headers={headers!r}, "
            f"body={_redacted_body(self.body)}, idempotent={self.idempotent!r})"
        )

    def __reduce__(self) -> Any:
        raise TypeError("refusing to pickle a vpskit Request: it carries the API key")


def _redacted_body(body: Optional[bytes]) -> str:
    if body is None:
        return "None"
    try:
        value = _json.loads(body)
    except ValueError:
        return f"<{len(body)} bytes>"

    def hide(v: Any) -> Any:
        if isinstance(v, dict):
            return {k: (REDACTED if _native.is_sensitive_key(k) and x is not None else hide(x)) for k, x in v.items()}
        if isinstance(v, list):
            return [hide(x) for x in v]
        return v

    return _json.dumps(hide(value))


class Response(Immutable):
    """What a transport received. Immutable; equal by value."""

    __slots__ = ("status", "headers", "body")

    status: int
    headers: List[Tuple[str, str]]
    body: bytes

    def __init__(self, status: int, headers: Optional[List[Tuple[str, str]]] = None, body: bytes = b"") -> None:
        set_field(self, "status", status)
        set_field(self, "headers", [] if headers is None else headers)
        set_field(self, "body", body)

    def _key(self) -> Tuple[Any, ...]:
        return (self.status, self.headers, self.body)

    def _hash_key(self) -> Tuple[Any, ...]:
        return (self.status, self.body)  # headers are a list

    def __repr__(self) -> str:
        return f"Response(status={self.status!r}, headers={self.headers!r}, body={self.body!r})"


@runtime_checkable
class Transport(Protocol):
    """A blocking transport."""

    def send(self, request: Request) -> Response:
        """Sends ``request`` and returns the answer, whatever its status; raises only when no answer came."""


@runtime_checkable
class AsyncTransport(Protocol):
    """An asyncio transport."""

    def send(self, request: Request) -> Awaitable[Response]:
        """Sends ``request`` and returns the answer, whatever its status; raises only when no answer came."""


def _failure(message: str, *, sent: bool, cause: BaseException) -> TransportError:
    error = TransportError(message, request_sent=sent)
    error.__cause__ = cause
    return error


def _complete(body: bytes, headers: Any) -> bytes:
    """``body`` if it is as long as ``Content-Length`` says; a cut body is a broken transfer.

    ``http.client`` returns a short read without complaint when the connection closes early.
    """
    from http.client import IncompleteRead

    expected = headers.get("Content-Length")
    if expected is not None and expected.isdigit() and len(body) < int(expected) <= MAX_RESPONSE_BYTES:
        error = TransportError(f"the connection closed after {len(body)} of {expected} bytes", request_sent=True)
        error.__cause__ = IncompleteRead(body, int(expected) - len(body))
        raise error
    return body


class UrllibTransport:
    """The default transport: the standard library only (``pip install vpskit`` has no dependencies)."""

    def __init__(self, timeout: float = 30.0) -> None:
        import urllib.request  # imported here: `import vpskit` stays fast for other transports

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args: Any, **kwargs: Any) -> None:
                return None

        self.timeout = timeout
        self._opener = urllib.request.build_opener(NoRedirect())

    def with_timeout(self: _T, timeout: float) -> _T:
        """The same transport (its connections shared) with another timeout, in seconds."""
        other = copy.copy(self)
        setattr(other, "timeout", timeout)
        return other

    def send(self, request: Request) -> Response:
        """Sends ``request`` with urllib (redirects not followed, at most ``MAX_RESPONSE_BYTES`` + 1 bytes read)."""
        import socket
        import urllib.error
        import urllib.request
        from http.client import HTTPException, IncompleteRead, RemoteDisconnected

        http_request = urllib.request.Request(request.url, data=request.body, method=request.method)
        for name, value in request.headers:
            http_request.add_header(name, value)
        try:
            with self._opener.open(http_request, timeout=self.timeout) as answer:
                headers = list(answer.headers.items())
                return Response(answer.status, headers, _complete(answer.read(MAX_RESPONSE_BYTES + 1), answer.headers))
        except urllib.error.HTTPError as answer:
            try:
                body = answer.read(MAX_RESPONSE_BYTES + 1)
            except (HTTPException, OSError) as e:
                raise _failure(f"reading the error body failed: {e}", sent=True, cause=e) from e
            return Response(answer.code, list(answer.headers.items()), _complete(body, answer.headers))
        except urllib.error.URLError as e:
            reason = e.reason
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise _failure("the request timed out", sent=True, cause=e) from e
            sent = not isinstance(reason, (ConnectionRefusedError, socket.gaierror))
            raise _failure(f"connection failed: {reason}", sent=sent, cause=e) from e
        except (socket.timeout, TimeoutError) as e:
            raise _failure("the request timed out", sent=True, cause=e) from e
        except (RemoteDisconnected, IncompleteRead, ConnectionError, HTTPException) as e:
            raise _failure(f"the connection broke: {type(e).__name__}", sent=True, cause=e) from e


class RequestsTransport:
    """A transport on ``requests`` (``pip install vpskit[requests]``)."""

    def __init__(self, timeout: float = 30.0, session: Any = None) -> None:
        try:
            import requests
        except ImportError as e:  # pragma: no cover - exercised only without the extra
            raise ImportError("RequestsTransport needs requests: pip install 'vpskit[requests]'") from e
        self._requests = requests
        self.timeout = timeout
        self.session = session if session is not None else requests.Session()

    def with_timeout(self: _T, timeout: float) -> _T:
        """The same transport (its connections shared) with another timeout, in seconds."""
        other = copy.copy(self)
        setattr(other, "timeout", timeout)
        return other

    def send(self, request: Request) -> Response:
        """Sends ``request`` with the session (redirects not followed, at most ``MAX_RESPONSE_BYTES`` + 1 bytes read)."""
        exceptions = self._requests.exceptions
        try:
            answer = self.session.request(
                request.method, request.url, headers=dict(request.headers), data=request.body,
                timeout=self.timeout, allow_redirects=False, stream=True,
            )
            body = answer.raw.read(MAX_RESPONSE_BYTES + 1, decode_content=True)
            return Response(answer.status_code, list(answer.headers.items()), body)
        except exceptions.ConnectTimeout as e:
            raise _failure("connecting timed out", sent=False, cause=e) from e
        except exceptions.Timeout as e:
            raise _failure("the request timed out", sent=True, cause=e) from e
        except exceptions.ConnectionError as e:
            refused = "refused" in str(e).lower() or "failed to establish" in str(e).lower()
            raise _failure("connection failed" if refused else "the connection broke", sent=not refused, cause=e) from e
        except Exception as e:  # urllib3 protocol errors surface as various types
            raise _failure(f"the connection broke: {type(e).__name__}", sent=True, cause=e) from e

    def close(self) -> None:
        """Closes the session and its pooled connections."""
        self.session.close()


def _httpx() -> Any:
    try:
        import httpx
    except ImportError as e:
        raise ImportError("this transport needs httpx: pip install 'vpskit[httpx]'") from e
    return httpx


def _httpx_failure(httpx: Any, e: Exception) -> TransportError:
    if isinstance(e, (httpx.ConnectError, httpx.ConnectTimeout)):
        return _failure(f"connection failed: {type(e).__name__}", sent=False, cause=e)
    if isinstance(e, httpx.TimeoutException):
        return _failure("the request timed out", sent=True, cause=e)
    return _failure(f"the connection broke: {type(e).__name__}", sent=True, cause=e)


class _Httpx:
    """What both httpx transports share: the client (or one made with ``timeout``) and a
    per-request timeout set by ``with_timeout``."""

    def __init__(self, timeout: float, client: Any, kind: str) -> None:
        self._httpx = _httpx()
        self.client = client if client is not None else getattr(self._httpx, kind)(timeout=timeout, follow_redirects=False)
        self.timeout: Optional[float] = None  # None: the client's own

    def with_timeout(self: _T, timeout: float) -> _T:
        """The same transport (its connection pool shared) with another timeout, in seconds."""
        other = copy.copy(self)
        setattr(other, "timeout", timeout)
        return other

    def _timeout(self) -> Any:
        return self._httpx.USE_CLIENT_DEFAULT if self.timeout is None else self.timeout


class HttpxTransport(_Httpx):
    """A blocking transport on ``httpx`` (``pip install vpskit[httpx]``)."""

    def __init__(self, timeout: float = 30.0, client: Any = None) -> None:
        super().__init__(timeout, client, "Client")

    def send(self, request: Request) -> Response:
        """Sends ``request`` with the httpx client (redirects not followed, at most ``MAX_RESPONSE_BYTES`` + 1 bytes read)."""
        httpx = self._httpx
        try:
            with self.client.stream(request.method, request.url, headers=request.headers, content=request.body,
                                    timeout=self._timeout()) as answer:
                body = bytearray()
                for chunk in answer.iter_bytes():
                    body.extend(chunk)
                    if len(body) > MAX_RESPONSE_BYTES:
                        break
                return Response(answer.status_code, list(answer.headers.items()), bytes(body))
        except httpx.HTTPError as e:
            raise _httpx_failure(httpx, e) from e

    def close(self) -> None:
        """Closes the httpx client and its pooled connections."""
        self.client.close()


class AsyncHttpxTransport(_Httpx):
    """An asyncio transport on ``httpx``: the async clients' default."""

    def __init__(self, timeout: float = 30.0, client: Any = None) -> None:
        super().__init__(timeout, client, "AsyncClient")

    async def send(self, request: Request) -> Response:
        """Sends ``request`` with the async httpx client (redirects not followed, at most ``MAX_RESPONSE_BYTES`` + 1 bytes read)."""
        httpx = self._httpx
        try:
            async with self.client.stream(request.method, request.url, headers=request.headers, content=request.body,
                                          timeout=self._timeout()) as answer:
                body = bytearray()
                async for chunk in answer.aiter_bytes():
                    body.extend(chunk)
                    if len(body) > MAX_RESPONSE_BYTES:
                        break
                return Response(answer.status_code, list(answer.headers.items()), bytes(body))
        except httpx.HTTPError as e:
            raise _httpx_failure(httpx, e) from e

    async def aclose(self) -> None:
        """Closes the async httpx client and its pooled connections."""
        await self.client.aclose()


AnyTransport = Union[Transport, AsyncTransport]
