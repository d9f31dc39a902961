"""The vpskit mock gateway for your own tests: no account, no network beyond loopback.

Install the mock with ``pip install vpskit-mock`` (or point ``VPSKIT_MOCK_BIN`` at a
``vpskit-mock`` binary). pytest loads this module as a plugin by itself; its fixtures are:

- ``vpskit_mock``: a :class:`MockGateway` started once per test session on a free loopback port
  and reset before each test (sample fleet back, faults and request log cleared);
- ``faithserver_client`` and ``vpsorg_client``: clients configured for it (retries fast).

>>> def test_a_503_is_retried(vpskit_mock, faithserver_client):      # doctest: +SKIP
...     vpskit_mock.fault("status", status=503, path_prefix="/servers", method="GET")
...     assert len(faithserver_client.list_servers()) == 6
...     assert [r.status for r in vpskit_mock.requests()] == [503, 200]

Without pytest, use the class itself: ``with MockGateway.start() as mock: ...``.
"""

from __future__ import annotations

import json
import os
import selectors
import shutil
import subprocess
import sysconfig
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Dict, Iterator, List, Optional

from ._client import FaithServerClient, RetryPolicy, VpsOrgClient

__all__ = ["LoggedRequest", "MockGateway", "MockNotFound", "MockStats"]

#: Retries that wait milliseconds, not seconds, so tests of retried faults stay fast.
FAST_RETRY = RetryPolicy(max_attempts=4, base_delay_ms=5, max_delay_ms=20)


class MockNotFound(RuntimeError):
    """No mock binary: ``pip install vpskit-mock``, or set ``VPSKIT_MOCK_BIN``."""


@dataclass(frozen=True)
class LoggedRequest:
    """One API request the mock received, as its log keeps it (never a key's value).

    >>> LoggedRequest(seq=1, method="GET", path="/api/v1/servers", query=None, has_body=False,
    ...               authorization="bearer", fault=None, status=200).method
    'GET'
    """

    #: Order of arrival, from 1.
    seq: int
    #: The HTTP method.
    method: str
    #: The path, query excluded (``/api/v1/servers``).
    path: str
    #: The query, with the values of key-like parameters masked.
    query: Optional[str]
    #: Whether a body was sent.
    has_body: bool
    #: ``bearer``, ``none`` or ``malformed``: how a key travelled, never the key.
    authorization: str
    #: The kind of the fault injected into this request, if any.
    fault: Optional[str]
    #: The status the mock answered (None when it dropped the connection).
    status: Optional[int]
    #: Whether a key-like parameter travelled in the query string.
    key_in_query: bool = False
    #: Whether a key-like field travelled in the body.
    key_in_body: bool = False
    #: Whether a key the mock knows appears anywhere in the URL.
    known_key_in_url: bool = False

    @classmethod
    def _of(cls, record: Dict[str, Any]) -> LoggedRequest:
        fault = record.get("fault")
        return cls(
            seq=record["seq"], method=record["method"], path=record["path"], query=record.get("query"),
            has_body=record["has_body"], authorization=record["authorization"],
            fault=fault.get("kind") if isinstance(fault, dict) else None, status=record.get("status"),
            key_in_query=record["key_in_query"], key_in_body=record["key_in_body"],
            known_key_in_url=record["known_key_in_url"],
        )


@dataclass(frozen=True)
class MockStats:
    """The mock's load: requests in flight now, and the most at once since the last reset."""

    #: Requests being answered now (a cancelled client's request leaves this count).
    in_flight: int
    #: The most requests in flight at once since the last reset.
    max_in_flight: int


def _end(process: subprocess.Popen[str]) -> None:
    """Stops a mock process, killing it if it does not stop in time, and closes its pipe."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stdout is not None:
        process.stdout.close()


def _binary(explicit: Optional[str]) -> str:
    """The mock binary: ``explicit``, ``VPSKIT_MOCK_BIN``, the one the ``vpskit-mock`` wheel put in
    this interpreter's environment (found without activating it), or ``vpskit-mock`` on ``PATH``."""
    installed = os.path.join(sysconfig.get_path("scripts"), "vpskit-mock")
    candidate = (explicit or os.environ.get("VPSKIT_MOCK_BIN")
                 or (installed if os.path.isfile(installed) else None) or shutil.which("vpskit-mock"))
    if not candidate or not os.path.isfile(candidate):
        raise MockNotFound(
            "vpskit-mock was not found: `pip install vpskit-mock`, or set VPSKIT_MOCK_BIN to the binary"
            + (f" (looked at {candidate!r})" if candidate else "")
        )
    return candidate


class MockGateway:
    """A running mock gateway: both APIs under :attr:`base_url`, and its admin surface.

    >>> with MockGateway.start() as mock:                                 # doctest: +SKIP
    ...     mock.fault("rate_limit", retry_after=1, count=1)
    ...     servers = mock.faithserver_client().list_servers()
    """

    #: The sample FaithServer key the mock accepts.
    faithserver_key = "fs_test_mock_valid_key_0001"
    #: A sample VPS.org token (seed permissions).
    vpsorg_token = "vps_test_mock_deploy_0002"

    def __init__(self, process: subprocess.Popen[str], origin: str) -> None:
        self._process = process
        #: ``http://127.0.0.1:PORT``: where the admin surface is.
        self.origin = origin
        #: ``http://127.0.0.1:PORT/api/v1``: the base URL of both APIs.
        self.base_url = origin + "/api/v1"

    @classmethod
    def start(cls, binary: Optional[str] = None, *, timeout: float = 10.0) -> MockGateway:
        """Starts the mock on a free loopback port: ``binary``, else ``VPSKIT_MOCK_BIN``, else the
        ``vpskit-mock`` the wheel installed into this interpreter's environment, else ``vpskit-mock``
        on ``PATH``. Raises :class:`RuntimeError` with the mock's own words if it does not start
        within ``timeout`` seconds."""
        errors = tempfile.TemporaryFile()
        process = subprocess.Popen(
            [_binary(binary), "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE, stderr=errors, text=True,
        )
        assert process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            first = process.stdout.readline().strip() if selector.select(timeout) else ""
        if not first.startswith("listening on "):
            _end(process)
            errors.seek(0)
            said = errors.read().decode(errors="replace").strip()[-2000:]
            errors.close()
            raise RuntimeError(f"vpskit-mock did not start: {first or said or 'no output within the timeout'}")
        errors.close()
        return cls(process, first[len("listening on "):])

    def stop(self) -> None:
        """Stops the mock (killed if it does not stop within five seconds)."""
        _end(self._process)

    def __enter__(self) -> MockGateway:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"MockGateway({self.base_url!r})"

    def _admin(self, method: str, path: str, body: Any = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.origin + path, data=data, method=method)
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return json.loads(answer.read())
        except urllib.error.HTTPError as refused:
            said = refused.read().decode(errors="replace")
            raise ValueError(f"the mock refused {method} {path}: HTTP {refused.code} {said}") from None

    def reset(self) -> None:
        """Back to the sample state: the fleet as it started, no faults queued, an empty log."""
        self._admin("POST", "/__mock/reset")

    def fault(self, kind: str, *, count: Optional[int] = None, path_prefix: Optional[str] = None,
              method: Optional[str] = None, **params: Any) -> None:
        """Queues a fault for the next ``count`` (default 1) API requests that match
        ``path_prefix`` (after ``/api/v1``) and ``method``. ``kind`` is one of ``rate_limit``,
        ``status``, ``html``, ``slow``, ``drop``, ``truncate``, ``short_detail`` or ``redirect``
        (the mock refuses any other with a :class:`ValueError` that lists its kinds); their
        parameters: ``retry_after`` (rate_limit, seconds), ``status`` (status), ``delay_ms``
        (slow), ``location`` (redirect)."""
        fault: Dict[str, Any] = {"kind": kind, **params}
        for name, value in (("count", count), ("path_prefix", path_prefix), ("method", method)):
            if value is not None:
                fault[name] = value
        self._admin("POST", "/__mock/faults", fault)

    def clear_faults(self) -> None:
        """Drops every queued fault."""
        self._admin("DELETE", "/__mock/faults")

    def requests(self) -> List[LoggedRequest]:
        """The API requests received since the last reset, in order."""
        return [LoggedRequest._of(r) for r in self._admin("GET", "/__mock/requests")["requests"]]

    def clear_requests(self) -> None:
        """Empties the request log."""
        self._admin("DELETE", "/__mock/requests")

    def sent(self, method: str, path: str) -> int:
        """How many ``method`` requests reached ``path`` (after ``/api/v1``: ``/servers``)."""
        return sum(1 for r in self.requests() if r.method == method and r.path == "/api/v1" + path)

    def stats(self) -> MockStats:
        """Requests the mock is answering now, and the most at once since the last reset."""
        stats = self._admin("GET", "/__mock/stats")
        return MockStats(in_flight=int(stats["in_flight"]), max_in_flight=int(stats["max_in_flight"]))

    def faithserver_client(self, **options: Any) -> FaithServerClient:
        """A FaithServer client for this mock (the sample key unless ``api_key=``; fast retries
        unless ``retry=``)."""
        options.setdefault("retry", FAST_RETRY)
        key = options.pop("api_key", self.faithserver_key)
        return FaithServerClient(key, base_url=self.base_url, **options)

    def vpsorg_client(self, **options: Any) -> VpsOrgClient:
        """A VPS.org client for this mock (a sample token unless ``token=``; fast retries unless
        ``retry=``)."""
        options.setdefault("retry", FAST_RETRY)
        token = options.pop("token", self.vpsorg_token)
        return VpsOrgClient(token, base_url=self.base_url, **options)


try:
    import pytest
except ImportError:  # pragma: no cover - the fixtures need pytest; the class does not
    pytest = None  # type: ignore[assignment]

if pytest is not None:

    @pytest.fixture(scope="session")
    def _vpskit_mock_process() -> Iterator[MockGateway]:
        with MockGateway.start() as mock:
            yield mock

    @pytest.fixture()
    def vpskit_mock(_vpskit_mock_process: MockGateway) -> MockGateway:
        """The mock gateway, reset for this test."""
        _vpskit_mock_process.reset()
        return _vpskit_mock_process

    @pytest.fixture()
    def faithserver_client(vpskit_mock: MockGateway) -> FaithServerClient:
        """A FaithServer client for the mock (fast retries)."""
        return vpskit_mock.faithserver_client()

    @pytest.fixture()
    def vpsorg_client(vpskit_mock: MockGateway) -> VpsOrgClient:
        """A VPS.org client for the mock (fast retries)."""
        return vpskit_mock.vpsorg_client()
