"""The clients: ``FaithServerClient`` / ``VpsOrgClient`` (blocking) and their asyncio twins.

Every request is built, parsed, checked and retried by the core; the clients only move bytes
through a transport and sleep when the core says so.
"""

from __future__ import annotations

import json as _pyjson
import logging
import os
import threading
import time
from collections.abc import Awaitable
from types import TracebackType
from typing import Any, Callable, Iterable, List, Mapping, Optional, Tuple, Type, TypeVar, Union, cast

from . import _json, _native, _ops
from ._immutable import Immutable, set_field
from ._outcomes import BulkOutcome, JobOutcome, RateLimit
from ._errors import AuthError, TransportError, ValidationError, VpskitError
from ._models import (
    AccountInfo, ActionResult, ConsoleSession, Credential, ImageList, IpAddress, Job, LogEntry, Monitor,
    Overview, PowerStatus, RawResponse, RescueStatus, Server, Traffic,
)
from ._ops import Operation
from ._secret import to_plain
from ._transport import AsyncHttpxTransport, Request, Response, UrllibTransport

T = TypeVar("T")

_DEFAULT = _native.DEFAULT_RETRY_POLICY


class RetryPolicy(Immutable):
    """How the clients retry (the rules are the core's: GETs on 429/502/503/504 and connection
    failures; a POST only after 429 with ``Retry-After`` or a failure before sending).
    Immutable; equal by value."""

    __slots__ = ("max_attempts", "base_delay_ms", "max_delay_ms", "max_retry_after_ms")

    max_attempts: int
    base_delay_ms: int
    max_delay_ms: int
    max_retry_after_ms: int

    def __init__(
        self,
        max_attempts: int = _DEFAULT[0],
        base_delay_ms: int = _DEFAULT[1],
        max_delay_ms: int = _DEFAULT[2],
        max_retry_after_ms: int = _DEFAULT[3],
    ) -> None:
        for name, value in zip(self.__slots__, (max_attempts, base_delay_ms, max_delay_ms, max_retry_after_ms)):
            set_field(self, name, value)

    def _key(self) -> Tuple[int, int, int, int]:
        return self._tuple()

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"RetryPolicy({shown})"

    @classmethod
    def never(cls) -> "RetryPolicy":
        """A policy that never retries."""
        return cls(max_attempts=1)

    def _tuple(self) -> Tuple[int, int, int, int]:
        return (self.max_attempts, self.base_delay_ms, self.max_delay_ms, self.max_retry_after_ms)


def _key(given: Optional[str], env_var: str, what: str, argument: str) -> str:
    key = given if given is not None else os.environ.get(env_var)
    if not key:
        raise AuthError(f"no {what}: pass {argument}=... or set {env_var}")
    return key


class _Core:
    """What both blocking and async clients share: configuration, preflight and retry decisions."""

    _transport: Any
    _owns_transport: bool

    def __init__(self, api: str, key: str, base_url: Optional[str], preflight: bool, retry: Optional[RetryPolicy],
                 limits: _Limits = (None, None)) -> None:
        max_concurrency, max_requests_per_second = limits
        if max_concurrency is not None and (type(max_concurrency) is not int or max_concurrency < 1):
            raise ValidationError(f"max_concurrency must be a positive integer, got {max_concurrency!r}")
        self._max_concurrency = max_concurrency
        self._pace = _native.Throttle(max_requests_per_second)
        # The throttle is asked only when it can make a request wait: a rate, or a 429 seen.
        self._paced = max_requests_per_second is not None
        self._pace_lock = threading.Lock()
        self._config = _native.Config(api, key, base_url, "python")
        self._preflight = preflight
        self._retry = retry or RetryPolicy()
        self._seed = int.from_bytes(os.urandom(8), "little")
        self._rate_limit: Optional[RateLimit] = None

    @property
    def base_url(self) -> str:
        """The base URL requests go to."""
        return self._config.base_url

    @property
    def rate_limit(self) -> Optional[RateLimit]:
        """The last rate-limit state the gateway reported (``RateLimit-*`` / ``X-RateLimit-*``
        headers), or ``None`` before any answer reported one."""
        return self._rate_limit

    def _saw(self, state: Optional[Tuple[Optional[int], Optional[int], Optional[int]]]) -> None:
        if state is not None:
            self._rate_limit = RateLimit(*state)

    def _fed(self, flow: "_native.Flow", sent: Union[Response, Exception],
             started: float) -> Tuple[str, Any, Optional[VpskitError]]:
        """Feeds the flow what one send gave (the response, or what the transport raised) and logs
        the exchange's event: the next step, and the failure to raise instead of the core's
        transport error should the flow end in one (its cause kept)."""
        try:
            if isinstance(sent, Exception):
                failure = _as_transport_error(sent)
                try:
                    return (*flow.failed(str(failure), _sent(failure)), failure)
                except TransportError:
                    raise failure
            try:
                return (*flow.received(sent), None)
            finally:
                self._saw(flow.rate_limit)
        finally:
            _emit(flow, started)

    def with_options(self: _C, *, timeout: Optional[float] = None, retry: Optional[RetryPolicy] = None,
                     preflight: Optional[bool] = None) -> _C:
        """A client sharing this one's transport (its connections), key, limits and throttle,
        with other options: ``client.with_options(timeout=5).list_servers()``. Closing it leaves
        the shared transport open. A transport without ``with_timeout`` cannot take a
        ``timeout`` here (``ValidationError``)."""
        other = object.__new__(type(self))  # not copy.copy: a client refuses to be pickled
        other.__dict__.update(self.__dict__)
        other._owns_transport = False
        if timeout is not None:
            if not timeout > 0:
                raise ValidationError(f"timeout must be a positive number of seconds, got {timeout!r}")
            with_timeout = getattr(self._transport, "with_timeout", None)
            if not callable(with_timeout):
                raise ValidationError(f"{type(self._transport).__name__} has no with_timeout: pass timeout to the transport")
            other._transport = with_timeout(timeout)
        if retry is not None:
            other._retry = retry
        if preflight is not None:
            other._preflight = preflight
        return other

    def _admit(self) -> float:
        """Seconds to wait before the next request (the client's rate, a 429's pause); reserves its slot."""
        if not self._paced:
            return 0.0
        with self._pace_lock:
            return self._pace.admit(_now_ms()) / 1000

    def _observe(self, response: Response) -> None:
        """A 429 slows every call of the client (the throttle ignores every other answer)."""
        if response.status == 429:
            with self._pace_lock:
                self._pace.observe(response, _now_ms())
                self._paced = True

    def _next_seed(self) -> int:
        self._seed = (self._seed + 1) % (1 << 64)
        return self._seed

    def _flow(self, op: Operation[Any], held: Optional[str] = None) -> "_native.Flow":
        """The core's flow for ``op``: it decides the preflight and every retry. ``held``: the JSON
        of a server the caller passed, checked instead of read."""
        return op._flow(self._config, self._preflight, self._retry._tuple(), self._next_seed(), held)

    def _jobs_flow(self, job_ids: List[str], timeout: float, poll_interval: float, max_interval: float) -> "_native.Flow":
        """The core's wait for several jobs on one poll schedule."""
        schedule = _schedule(timeout, poll_interval, max_interval)
        op = _ops.get_job(job_ids[0] if job_ids else "job")
        return op._jobs_flow(self._config, self._retry._tuple(), self._next_seed(), schedule, job_ids)

    def _job_flow(self, job_id: str, timeout: float, poll_interval: float, max_interval: float) -> "_native.Flow":
        """The core's wait for ``job_id``: it decides each poll, its retries and the deadline."""
        schedule = _schedule(timeout, poll_interval, max_interval)
        return _ops.get_job(job_id)._job_flow(self._config, self._retry._tuple(), self._next_seed(), schedule)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, preflight={self._preflight!r})"

    def __reduce__(self) -> Any:
        raise TypeError(f"refusing to pickle a {type(self).__name__}: it holds an API key")


def _isawaitable(value: Any) -> bool:
    """``inspect.isawaitable`` without importing ``inspect`` (it slows ``import vpskit``)."""
    return isinstance(value, Awaitable)


_Limits = Tuple[Optional[int], Optional[float]]
_C = TypeVar("_C", bound="_Core")


def _now_ms() -> int:
    return int(time.monotonic() * 1000)


def _schedule(timeout: float, poll_interval: float, max_interval: float) -> Tuple[int, int, int]:
    for name, value in (("timeout", timeout), ("poll_interval", poll_interval), ("max_interval", max_interval)):
        if not value > 0:
            raise ValidationError(f"{name} must be a positive number of seconds, got {value!r}")
    return (int(timeout * 1000), int(poll_interval * 1000), int(max_interval * 1000))


ServerRef = Union[str, Server]
"""A server named by its Service ID, or a ``Server`` already read (from ``list_servers``, say):
the preflight then checks it without reading it again."""


def _id_of(server: ServerRef) -> str:
    return server.id if isinstance(server, Server) else server


def _held(server: ServerRef) -> Optional[str]:
    return _json.dumps(to_plain(server._raw)) if isinstance(server, Server) else None


_log = logging.getLogger("vpskit")


def _emit(flow: "_native.Flow", started: float) -> None:
    """Logs the flow's event of the exchange just decided at DEBUG on the ``vpskit`` logger:
    operation, method, path, status, attempt, duration, request id, decision; never a key, a
    password, a console URL, a credential, a query or a body. The event's fields are in the
    record's ``vpskit_event``."""
    if not _log.isEnabledFor(logging.DEBUG):
        return  # the event stays in the core, replaced by the next one: nothing crosses
    text = flow.take_event()
    if text is None:
        return
    event = _pyjson.loads(text)
    event["duration_ms"] = round((time.monotonic() - started) * 1000, 1)
    status = "transport failure" if event["status"] is None else event["status"]
    decision = event["decision"] + (f" after {event['after_ms']} ms" if event["after_ms"] is not None else "")
    _log.debug(
        "%s: %s %s -> %s in %.1f ms (attempt %d%s): %s",
        event["operation"], event["method"], event["path"], status, event["duration_ms"], event["attempt"],
        f", request id {event['request_id']}" if event["request_id"] else "", decision,
        extra={"vpskit_event": event},
    )


def _as_transport_error(e: Exception) -> VpskitError:
    if isinstance(e, VpskitError):
        return e
    error = TransportError(f"the transport raised {type(e).__name__}", request_sent=True)
    error.__cause__ = e
    return error


def _sent(error: BaseException) -> bool:
    """Whether a failed request may have reached the server (unknown counts as yes)."""
    sent = getattr(error, "request_sent", None)
    return True if sent is None else bool(sent)


class _SyncClient(_Core):
    def __init__(self, api: str, key: str, base_url: Optional[str], timeout: float, transport: Any,
                 preflight: bool, retry: Optional[RetryPolicy], limits: _Limits = (None, None)) -> None:
        super().__init__(api, key, base_url, preflight, retry, limits)
        self._owns_transport = transport is None
        self._transport = transport if transport is not None else UrllibTransport(timeout)
        self._slots = None if self._max_concurrency is None else threading.BoundedSemaphore(self._max_concurrency)

    def _send(self, request: Request) -> Response:
        """Sends one request within the client's limits (its turn, a place in flight)."""
        wait = self._admit()
        if wait > 0:
            time.sleep(wait)
        if self._slots is None:
            response: Response = self._transport.send(request)
        else:
            with self._slots:
                response = self._transport.send(request)
        self._observe(response)
        return response

    def _bulk(self, action: str, server_ids: Iterable[ServerRef], concurrency: int) -> List[BulkOutcome]:
        ids = list(server_ids)
        _native.check_bulk(action, concurrency)
        run = getattr(self, action)
        from concurrent.futures import ThreadPoolExecutor

        def one(server: ServerRef) -> BulkOutcome:
            try:
                return BulkOutcome(_id_of(server), run(server), None)
            except VpskitError as error:
                return BulkOutcome(_id_of(server), None, error)

        with ThreadPoolExecutor(max_workers=max(1, min(concurrency, len(ids)))) as pool:
            return list(pool.map(one, ids))

    def _execute(self, op: Operation[T], held: Optional[str] = None) -> T:
        result: T = self._drive(self._flow(op, held))
        return result

    def _drive(self, flow: "_native.Flow", on_update: Optional[Callable[[Job], Any]] = None) -> Any:
        """Performs the flow's steps with the transport and the clock until it is done."""
        failure: Optional[BaseException] = None
        try:
            step, value = flow.step()
            while step != "done":
                if step == "send":
                    started = time.monotonic()
                    try:
                        sent: Union[Response, Exception] = self._send(value)
                    except Exception as raised:
                        sent = raised
                    step, value, failure = self._fed(flow, sent, started)
                elif step == "sleep":
                    time.sleep(value / 1000)
                    step, value = flow.step()
                else:
                    if on_update is not None:
                        on_update(value)
                    step, value = flow.step()
        except TransportError:
            if failure is not None:
                raise failure
            raise
        return value

    def close(self) -> None:
        """Closes the transport, if the client made it."""
        close = getattr(self._transport, "close", None)
        if self._owns_transport and callable(close):
            close()

    def __enter__(self: T) -> T:
        return self

    def __exit__(self, kind: Optional[Type[BaseException]], value: Optional[BaseException], tb: Optional[TracebackType]) -> None:
        self.close()


class _AsyncClient(_Core):
    def __init__(self, api: str, key: str, base_url: Optional[str], timeout: float, transport: Any,
                 preflight: bool, retry: Optional[RetryPolicy], limits: _Limits = (None, None)) -> None:
        super().__init__(api, key, base_url, preflight, retry, limits)
        self._owns_transport = transport is None
        self._transport = transport if transport is not None else AsyncHttpxTransport(timeout)
        self._slots: Any = None  # an asyncio.Semaphore, made on first use (in the running loop)

    async def _send(self, request: Request) -> Response:
        """Sends one request within the client's limits (its turn, a place in flight)."""
        import asyncio

        wait = self._admit()
        if wait > 0:
            await asyncio.sleep(wait)
        if self._max_concurrency is not None and self._slots is None:
            self._slots = asyncio.Semaphore(self._max_concurrency)
        if self._slots is None:
            response = await self._send_now(request)
        else:
            async with self._slots:
                response = await self._send_now(request)
        self._observe(response)
        return response

    async def _send_now(self, request: Request) -> Response:
        sent = self._transport.send(request)
        return cast(Response, await sent if _isawaitable(sent) else sent)

    async def _bulk(self, action: str, server_ids: Iterable[ServerRef], concurrency: int) -> List[BulkOutcome]:
        import asyncio

        ids = list(server_ids)
        _native.check_bulk(action, concurrency)
        run = getattr(self, action)
        gate = asyncio.Semaphore(concurrency)

        async def one(server: ServerRef) -> BulkOutcome:
            async with gate:
                try:
                    return BulkOutcome(_id_of(server), await run(server), None)
                except VpskitError as error:
                    return BulkOutcome(_id_of(server), None, error)

        return list(await asyncio.gather(*(one(server) for server in ids)))

    async def _execute(self, op: Operation[T], held: Optional[str] = None) -> T:
        result: T = await self._drive(self._flow(op, held))
        return result

    async def _drive(self, flow: "_native.Flow", on_update: Optional[Callable[[Job], Any]] = None) -> Any:
        """Performs the flow's steps with the transport and the event loop until it is done.
        Cancelling the task cancels the request in flight or the sleep, and nothing more is sent."""
        import asyncio

        failure: Optional[BaseException] = None
        try:
            step, value = flow.step()
            while step != "done":
                if step == "send":
                    started = time.monotonic()
                    try:
                        sent: Union[Response, Exception] = await self._send(value)
                    except Exception as raised:
                        sent = raised
                    step, value, failure = self._fed(flow, sent, started)
                elif step == "sleep":
                    await asyncio.sleep(value / 1000)
                    step, value = flow.step()
                else:
                    if on_update is not None:
                        update = on_update(value)
                        if _isawaitable(update):
                            await update
                    step, value = flow.step()
        except TransportError:
            if failure is not None:
                raise failure
            raise
        except asyncio.CancelledError:
            flow.cancel()
            raise
        return value

    async def aclose(self) -> None:
        """Closes the transport, if the client made it."""
        close = getattr(self._transport, "aclose", None) or getattr(self._transport, "close", None)
        if self._owns_transport and callable(close):
            result = close()
            if _isawaitable(result):
                await result

    async def __aenter__(self: T) -> T:
        return self

    async def __aexit__(self, kind: Optional[Type[BaseException]], value: Optional[BaseException], tb: Optional[TracebackType]) -> None:
        await self.aclose()


class FaithServerClient(_SyncClient):
    """A blocking FaithServer Gateway client.

    >>> client = FaithServerClient("fs_live_example")
    >>> client
    FaithServerClient(base_url='https://api.faithserver.com/api/v1', preflight=True)

    ``api_key`` defaults to ``$FAITHSERVER_API_KEY``. Before an action (power, console, rescue,
    reinstall, reset-password) and before traffic the client reads the server and runs the core's
    capability preflight; ``preflight=False`` switches it off.
    """

    def __init__(self, api_key: Optional[str] = None, *, base_url: Optional[str] = None, timeout: float = 30.0,
                 transport: Any = None, preflight: bool = True, retry: Optional[RetryPolicy] = None,
                 max_concurrency: Optional[int] = None, max_requests_per_second: Optional[float] = None) -> None:
        key = _key(api_key, "FAITHSERVER_API_KEY", "FaithServer API key", "api_key")
        super().__init__("faithserver", key, base_url, timeout, transport, preflight, retry,
                         (max_concurrency, max_requests_per_second))

    # <generated faithserver methods (tests/generated.rs)>
    def list_servers(self) -> List[Server]:
        """See :func:`vpskit.operations.list_servers`."""
        return self._execute(_ops.list_servers())

    def get_server(self, id: ServerRef) -> Server:
        """See :func:`vpskit.operations.get_server`."""
        return self._execute(_ops.get_server(_id_of(id)), _held(id))

    def get_status(self, id: ServerRef) -> PowerStatus:
        """See :func:`vpskit.operations.get_status`."""
        return self._execute(_ops.get_status(_id_of(id)), _held(id))

    def get_overview(self, id: ServerRef) -> Overview:
        """See :func:`vpskit.operations.get_overview`."""
        return self._execute(_ops.get_overview(_id_of(id)), _held(id))

    def start(self, id: ServerRef) -> ActionResult:
        """See :func:`vpskit.operations.start`."""
        return self._execute(_ops.start(_id_of(id)), _held(id))

    def stop(self, id: ServerRef) -> ActionResult:
        """See :func:`vpskit.operations.stop`."""
        return self._execute(_ops.stop(_id_of(id)), _held(id))

    def reboot(self, id: ServerRef) -> ActionResult:
        """See :func:`vpskit.operations.reboot`."""
        return self._execute(_ops.reboot(_id_of(id)), _held(id))

    def wake_on_lan(self, id: ServerRef) -> ActionResult:
        """See :func:`vpskit.operations.wake_on_lan`."""
        return self._execute(_ops.wake_on_lan(_id_of(id)), _held(id))

    def get_console(self, id: ServerRef) -> ConsoleSession:
        """See :func:`vpskit.operations.get_console`."""
        return self._execute(_ops.get_console(_id_of(id)), _held(id))

    def get_rescue_status(self, id: ServerRef) -> RescueStatus:
        """See :func:`vpskit.operations.get_rescue_status`."""
        return self._execute(_ops.get_rescue_status(_id_of(id)), _held(id))

    def enable_rescue(self, id: ServerRef) -> ActionResult:
        """See :func:`vpskit.operations.enable_rescue`."""
        return self._execute(_ops.enable_rescue(_id_of(id)), _held(id))

    def disable_rescue(self, id: ServerRef) -> ActionResult:
        """See :func:`vpskit.operations.disable_rescue`."""
        return self._execute(_ops.disable_rescue(_id_of(id)), _held(id))

    def list_images(self, id: ServerRef) -> ImageList:
        """See :func:`vpskit.operations.list_images`."""
        return self._execute(_ops.list_images(_id_of(id)), _held(id))

    def reinstall(self, id: ServerRef, *, image_id: Optional[str] = None, os_id: Union[str, int, None] = None, password: Optional[str] = None) -> ActionResult:
        """See :func:`vpskit.operations.reinstall`."""
        return self._execute(_ops.reinstall(_id_of(id), image_id=image_id, os_id=os_id, password=password), _held(id))

    def reset_password(self, id: ServerRef, *, password: Optional[str] = None) -> ActionResult:
        """See :func:`vpskit.operations.reset_password`."""
        return self._execute(_ops.reset_password(_id_of(id), password=password), _held(id))

    def list_credentials(self, id: ServerRef) -> List[Credential]:
        """See :func:`vpskit.operations.list_credentials`."""
        return self._execute(_ops.list_credentials(_id_of(id)), _held(id))

    def get_credential(self, id: ServerRef, type: str, username: str) -> Credential:
        """See :func:`vpskit.operations.get_credential`."""
        return self._execute(_ops.get_credential(_id_of(id), type, username), _held(id))

    def get_traffic(self, id: ServerRef, *, period: Optional[str] = None, month: Union[str, int, None] = None) -> Traffic:
        """See :func:`vpskit.operations.get_traffic`."""
        return self._execute(_ops.get_traffic(_id_of(id), period=period, month=month), _held(id))

    def list_ips(self, id: ServerRef) -> List[IpAddress]:
        """See :func:`vpskit.operations.list_ips`."""
        return self._execute(_ops.list_ips(_id_of(id)), _held(id))

    def get_monitor(self, id: ServerRef) -> Monitor:
        """See :func:`vpskit.operations.get_monitor`."""
        return self._execute(_ops.get_monitor(_id_of(id)), _held(id))

    def list_tasks(self, id: ServerRef) -> List[LogEntry]:
        """See :func:`vpskit.operations.list_tasks`."""
        return self._execute(_ops.list_tasks(_id_of(id)), _held(id))

    def list_server_actions(self, id: ServerRef) -> List[LogEntry]:
        """See :func:`vpskit.operations.list_server_actions`."""
        return self._execute(_ops.list_server_actions(_id_of(id)), _held(id))

    def list_logs(self) -> List[LogEntry]:
        """See :func:`vpskit.operations.list_logs`."""
        return self._execute(_ops.list_logs())

    def list_jobs(self) -> List[Job]:
        """See :func:`vpskit.operations.list_jobs`."""
        return self._execute(_ops.list_jobs())

    def get_job(self, job_id: str) -> Job:
        """See :func:`vpskit.operations.get_job`."""
        return self._execute(_ops.get_job(job_id))

    # </generated faithserver methods>

    def wait_for_job(self, job_id: str, *, timeout: float = 600.0, poll_interval: float = 1.0, max_interval: float = 10.0,
                     on_update: Optional[Callable[[Job], Any]] = None) -> Job:
        """Polls ``/jobs/{job_id}`` until it is done (returns the job), failed (``ServerError``) or
        ``timeout`` seconds of waiting have passed (``TransportError`` naming the last status seen).
        ``on_update`` is called with each polled job that is not finished yet."""
        job: Job = self._drive(self._job_flow(job_id, timeout, poll_interval, max_interval), on_update)
        return job

    def bulk(self, action: str, server_ids: Iterable[ServerRef], *, concurrency: int = 4) -> List[BulkOutcome]:
        """Runs ``action`` (a method that takes one server: ``"reboot"``, ``"start"``, …) on every
        server of ``server_ids``, ``concurrency`` at a time (the client's ``max_concurrency`` and
        ``max_requests_per_second`` apply too): one :class:`BulkOutcome` per server, in order.
        Each action is one call of the core's flow, so a POST that may have arrived is never sent
        again. An unknown action or a ``concurrency`` outside 1..64 raises ``ValidationError``
        before anything is sent."""
        return self._bulk(action, server_ids, concurrency)

    def wait_for_jobs(self, job_ids: Iterable[str], *, timeout: float = 600.0, poll_interval: float = 1.0,
                      max_interval: float = 10.0, on_update: Optional[Callable[[Job], Any]] = None) -> List[JobOutcome]:
        """Waits for several jobs on one poll schedule (each round polls every unfinished job,
        then sleeps once): one :class:`JobOutcome` per job, in order. ``on_update`` sees each
        unfinished poll; a job that fails or runs out of time has its error, the others go on."""
        ids = list(job_ids)
        done: List[Tuple[Optional[Job], Optional[VpskitError]]] = self._drive(
            self._jobs_flow(ids, timeout, poll_interval, max_interval), on_update)
        return [JobOutcome(i, job, error) for i, (job, error) in zip(ids, done)]

    def raw(self, method: str, path: str, *, query: Optional[Mapping[str, str]] = None, body: Any = None) -> RawResponse:
        """Any method and path under the base URL (see :func:`vpskit.operations.raw`)."""
        return self._execute(_ops.raw(method, path, query=query, body=body))


class AsyncFaithServerClient(_AsyncClient):
    """The asyncio FaithServer client: the same methods as :class:`FaithServerClient`, awaited.

    The default transport is :class:`AsyncHttpxTransport` (``pip install 'vpskit[httpx]'``).
    """

    def __init__(self, api_key: Optional[str] = None, *, base_url: Optional[str] = None, timeout: float = 30.0,
                 transport: Any = None, preflight: bool = True, retry: Optional[RetryPolicy] = None,
                 max_concurrency: Optional[int] = None, max_requests_per_second: Optional[float] = None) -> None:
        key = _key(api_key, "FAITHSERVER_API_KEY", "FaithServer API key", "api_key")
        super().__init__("faithserver", key, base_url, timeout, transport, preflight, retry,
                         (max_concurrency, max_requests_per_second))

    # <generated async faithserver methods (tests/generated.rs)>
    async def list_servers(self) -> List[Server]:
        """See :func:`vpskit.operations.list_servers`."""
        return await self._execute(_ops.list_servers())

    async def get_server(self, id: ServerRef) -> Server:
        """See :func:`vpskit.operations.get_server`."""
        return await self._execute(_ops.get_server(_id_of(id)), _held(id))

    async def get_status(self, id: ServerRef) -> PowerStatus:
        """See :func:`vpskit.operations.get_status`."""
        return await self._execute(_ops.get_status(_id_of(id)), _held(id))

    async def get_overview(self, id: ServerRef) -> Overview:
        """See :func:`vpskit.operations.get_overview`."""
        return await self._execute(_ops.get_overview(_id_of(id)), _held(id))

    async def start(self, id: ServerRef) -> ActionResult:
        """See :func:`vpskit.operations.start`."""
        return await self._execute(_ops.start(_id_of(id)), _held(id))

    async def stop(self, id: ServerRef) -> ActionResult:
        """See :func:`vpskit.operations.stop`."""
        return await self._execute(_ops.stop(_id_of(id)), _held(id))

    async def reboot(self, id: ServerRef) -> ActionResult:
        """See :func:`vpskit.operations.reboot`."""
        return await self._execute(_ops.reboot(_id_of(id)), _held(id))

    async def wake_on_lan(self, id: ServerRef) -> ActionResult:
        """See :func:`vpskit.operations.wake_on_lan`."""
        return await self._execute(_ops.wake_on_lan(_id_of(id)), _held(id))

    async def get_console(self, id: ServerRef) -> ConsoleSession:
        """See :func:`vpskit.operations.get_console`."""
        return await self._execute(_ops.get_console(_id_of(id)), _held(id))

    async def get_rescue_status(self, id: ServerRef) -> RescueStatus:
        """See :func:`vpskit.operations.get_rescue_status`."""
        return await self._execute(_ops.get_rescue_status(_id_of(id)), _held(id))

    async def enable_rescue(self, id: ServerRef) -> ActionResult:
        """See :func:`vpskit.operations.enable_rescue`."""
        return await self._execute(_ops.enable_rescue(_id_of(id)), _held(id))

    async def disable_rescue(self, id: ServerRef) -> ActionResult:
        """See :func:`vpskit.operations.disable_rescue`."""
        return await self._execute(_ops.disable_rescue(_id_of(id)), _held(id))

    async def list_images(self, id: ServerRef) -> ImageList:
        """See :func:`vpskit.operations.list_images`."""
        return await self._execute(_ops.list_images(_id_of(id)), _held(id))

    async def reinstall(self, id: ServerRef, *, image_id: Optional[str] = None, os_id: Union[str, int, None] = None, password: Optional[str] = None) -> ActionResult:
        """See :func:`vpskit.operations.reinstall`."""
        return await self._execute(_ops.reinstall(_id_of(id), image_id=image_id, os_id=os_id, password=password), _held(id))

    async def reset_password(self, id: ServerRef, *, password: Optional[str] = None) -> ActionResult:
        """See :func:`vpskit.operations.reset_password`."""
        return await self._execute(_ops.reset_password(_id_of(id), password=password), _held(id))

    async def list_credentials(self, id: ServerRef) -> List[Credential]:
        """See :func:`vpskit.operations.list_credentials`."""
        return await self._execute(_ops.list_credentials(_id_of(id)), _held(id))

    async def get_credential(self, id: ServerRef, type: str, username: str) -> Credential:
        """See :func:`vpskit.operations.get_credential`."""
        return await self._execute(_ops.get_credential(_id_of(id), type, username), _held(id))

    async def get_traffic(self, id: ServerRef, *, period: Optional[str] = None, month: Union[str, int, None] = None) -> Traffic:
        """See :func:`vpskit.operations.get_traffic`."""
        return await self._execute(_ops.get_traffic(_id_of(id), period=period, month=month), _held(id))

    async def list_ips(self, id: ServerRef) -> List[IpAddress]:
        """See :func:`vpskit.operations.list_ips`."""
        return await self._execute(_ops.list_ips(_id_of(id)), _held(id))

    async def get_monitor(self, id: ServerRef) -> Monitor:
        """See :func:`vpskit.operations.get_monitor`."""
        return await self._execute(_ops.get_monitor(_id_of(id)), _held(id))

    async def list_tasks(self, id: ServerRef) -> List[LogEntry]:
        """See :func:`vpskit.operations.list_tasks`."""
        return await self._execute(_ops.list_tasks(_id_of(id)), _held(id))

    async def list_server_actions(self, id: ServerRef) -> List[LogEntry]:
        """See :func:`vpskit.operations.list_server_actions`."""
        return await self._execute(_ops.list_server_actions(_id_of(id)), _held(id))

    async def list_logs(self) -> List[LogEntry]:
        """See :func:`vpskit.operations.list_logs`."""
        return await self._execute(_ops.list_logs())

    async def list_jobs(self) -> List[Job]:
        """See :func:`vpskit.operations.list_jobs`."""
        return await self._execute(_ops.list_jobs())

    async def get_job(self, job_id: str) -> Job:
        """See :func:`vpskit.operations.get_job`."""
        return await self._execute(_ops.get_job(job_id))

    # </generated async faithserver methods>

    async def wait_for_job(self, job_id: str, *, timeout: float = 600.0, poll_interval: float = 1.0,
                           max_interval: float = 10.0, on_update: Optional[Callable[[Job], Any]] = None) -> Job:
        """Awaits ``/jobs/{job_id}`` until it is done, failed (``ServerError``) or timed out
        (``TransportError`` naming the last status seen). ``on_update`` (a function or a coroutine
        function) is called with each polled job that is not finished yet; cancelling the task
        stops the wait at once."""
        job: Job = await self._drive(self._job_flow(job_id, timeout, poll_interval, max_interval), on_update)
        return job

    async def bulk(self, action: str, server_ids: Iterable[ServerRef], *, concurrency: int = 4) -> List[BulkOutcome]:
        """The asyncio :meth:`FaithServerClient.bulk`: ``concurrency`` actions at a time."""
        return await self._bulk(action, server_ids, concurrency)

    async def wait_for_jobs(self, job_ids: Iterable[str], *, timeout: float = 600.0, poll_interval: float = 1.0,
                            max_interval: float = 10.0, on_update: Optional[Callable[[Job], Any]] = None) -> List[JobOutcome]:
        """The asyncio :meth:`FaithServerClient.wait_for_jobs`."""
        ids = list(job_ids)
        done: List[Tuple[Optional[Job], Optional[VpskitError]]] = await self._drive(
            self._jobs_flow(ids, timeout, poll_interval, max_interval), on_update)
        return [JobOutcome(i, job, error) for i, (job, error) in zip(ids, done)]

    async def raw(self, method: str, path: str, *, query: Optional[Mapping[str, str]] = None, body: Any = None) -> RawResponse:
        """Any method and path under the base URL (see :func:`vpskit.operations.raw`)."""
        return await self._execute(_ops.raw(method, path, query=query, body=body))


class VpsOrgClient(_SyncClient):
    """A blocking VPS.org client; ``token`` defaults to ``$VPSORG_API_TOKEN``."""

    def __init__(self, token: Optional[str] = None, *, base_url: Optional[str] = None, timeout: float = 30.0,
                 transport: Any = None, retry: Optional[RetryPolicy] = None,
                 max_concurrency: Optional[int] = None, max_requests_per_second: Optional[float] = None) -> None:
        key = _key(token, "VPSORG_API_TOKEN", "VPS.org API token", "token")
        super().__init__("vpsorg", key, base_url, timeout, transport, False, retry,
                         (max_concurrency, max_requests_per_second))

    # <generated vpsorg methods (tests/generated.rs)>
    def get_account(self) -> AccountInfo:
        """See :func:`vpskit.operations.get_account`."""
        return self._execute(_ops.get_account())

    # </generated vpsorg methods>

    def raw(self, method: str, path: str, *, query: Optional[Mapping[str, str]] = None, body: Any = None) -> RawResponse:
        """Any method and path under the VPS.org base URL."""
        return self._execute(_ops.raw(method, path, query=query, body=body, api="vpsorg"))


class AsyncVpsOrgClient(_AsyncClient):
    """The asyncio VPS.org client."""

    def __init__(self, token: Optional[str] = None, *, base_url: Optional[str] = None, timeout: float = 30.0,
                 transport: Any = None, retry: Optional[RetryPolicy] = None,
                 max_concurrency: Optional[int] = None, max_requests_per_second: Optional[float] = None) -> None:
        key = _key(token, "VPSORG_API_TOKEN", "VPS.org API token", "token")
        super().__init__("vpsorg", key, base_url, timeout, transport, False, retry,
                         (max_concurrency, max_requests_per_second))

    # <generated async vpsorg methods (tests/generated.rs)>
    async def get_account(self) -> AccountInfo:
        """See :func:`vpskit.operations.get_account`."""
        return await self._execute(_ops.get_account())

    # </generated async vpsorg methods>

    async def raw(self, method: str, path: str, *, query: Optional[Mapping[str, str]] = None, body: Any = None) -> RawResponse:
        """Any method and path under the VPS.org base URL."""
        return await self._execute(_ops.raw(method, path, query=query, body=body, api="vpsorg"))
