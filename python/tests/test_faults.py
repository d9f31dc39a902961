"""The mock's faults end to end: retried GETs, POSTs never sent twice, timeouts, broken connections."""

from __future__ import annotations

import time
from typing import Any, Callable

import pytest

import vpskit
from vpskit import AsyncFaithServerClient, FaithServerClient, HttpxTransport, RequestsTransport, RetryPolicy, UrllibTransport

from conftest import KEY, Mock

FAST = RetryPolicy(base_delay_ms=10, max_delay_ms=40)
TRANSPORTS = [UrllibTransport, RequestsTransport, HttpxTransport]
IDS = ["urllib", "requests", "httpx"]


def client(mock: Mock, make: Callable[..., Any], **kwargs: Any) -> FaithServerClient:
    return FaithServerClient(KEY, base_url=mock.base_url, transport=make(), retry=FAST, preflight=False, **kwargs)


@pytest.mark.parametrize("make", TRANSPORTS, ids=IDS)
def test_get_is_retried_through_429_503_and_html(mock: Mock, make: Callable[..., Any]) -> None:
    mock.fault(kind="rate_limit", retry_after=1, path_prefix="/servers")
    mock.fault(kind="status", status=503, path_prefix="/servers")
    mock.fault(kind="html", path_prefix="/servers")
    started = time.monotonic()
    assert len(client(mock, make).list_servers()) == 6
    assert time.monotonic() - started >= 1.0, "Retry-After honoured"
    assert mock.sent("GET", "/servers") == 4


@pytest.mark.parametrize("make", TRANSPORTS, ids=IDS)
def test_post_is_never_sent_twice_after_5xx_drop_or_truncation(mock: Mock, make: Callable[..., Any]) -> None:
    c = client(mock, make)
    mock.fault(kind="status", status=502, method="POST")
    with pytest.raises(vpskit.ServerError) as err:
        c.reboot("fsrv_111")
    assert err.value.status == 502
    mock.fault(kind="drop", method="POST")
    with pytest.raises(vpskit.TransportError) as dropped:
        c.reboot("fsrv_111")
    assert dropped.value.__cause__ is not None
    mock.fault(kind="truncate", method="POST")
    with pytest.raises((vpskit.TransportError, vpskit.DecodeError)):
        c.reboot("fsrv_111")
    assert mock.sent("POST", "/servers/fsrv_111/reboot") == 3


@pytest.mark.parametrize("make", TRANSPORTS, ids=IDS)
def test_post_is_resent_after_429_with_retry_after(mock: Mock, make: Callable[..., Any]) -> None:
    mock.fault(kind="rate_limit", retry_after=1, method="POST")
    assert client(mock, make).reboot("fsrv_111").message == "Reboot command accepted."
    assert mock.sent("POST", "/servers/fsrv_111/reboot") == 2


@pytest.mark.parametrize("make", TRANSPORTS, ids=IDS)
def test_get_recovers_from_drop_and_truncation(mock: Mock, make: Callable[..., Any]) -> None:
    mock.fault(kind="drop", path_prefix="/jobs")
    mock.fault(kind="truncate", path_prefix="/jobs")
    assert client(mock, make).list_jobs() == []
    assert mock.sent("GET", "/jobs") == 3


@pytest.mark.parametrize("make", TRANSPORTS, ids=IDS)
def test_5xx_and_html_errors_when_retries_run_out(mock: Mock, make: Callable[..., Any]) -> None:
    mock.fault(kind="html", count=10)
    with pytest.raises(vpskit.ServerError) as err:
        client(mock, make).list_servers()
    assert err.value.status == 502 and "text/html" in err.value.message
    assert mock.sent("GET", "/servers") == 4
    mock.clear_faults()
    mock.fault(kind="status", status=500)
    with pytest.raises(vpskit.ServerError):
        client(mock, make).list_servers()
    assert mock.sent("GET", "/servers") == 5, "500 is not retried"


@pytest.mark.parametrize("make", TRANSPORTS, ids=IDS)
def test_slow_answer_times_out(mock: Mock, make: Callable[..., Any]) -> None:
    mock.fault(kind="slow", delay_ms=1500)
    c = FaithServerClient(KEY, base_url=mock.base_url, transport=make(timeout=0.3), retry=RetryPolicy.never())
    with pytest.raises(vpskit.TransportError, match="timed out") as err:
        c.list_servers()
    assert err.value.__cause__ is not None


async def test_async_faults(mock: Mock) -> None:
    mock.fault(kind="status", status=503, path_prefix="/servers")
    c = AsyncFaithServerClient(KEY, base_url=mock.base_url, retry=FAST, preflight=False)
    assert len(await c.list_servers()) == 6
    mock.fault(kind="drop", method="POST")
    with pytest.raises(vpskit.TransportError):
        await c.stop("fsrv_111")
    assert mock.sent("POST", "/servers/fsrv_111/stop") == 1
    mock.fault(kind="slow", delay_ms=1500)
    slow = AsyncFaithServerClient(KEY, base_url=mock.base_url, transport=vpskit.AsyncHttpxTransport(timeout=0.3), retry=RetryPolicy.never())
    with pytest.raises(vpskit.TransportError, match="timed out"):
        await slow.list_servers()


def test_a_custom_transport_failure_keeps_its_cause(mock: Mock) -> None:
    class Broken:
        def send(self, request: vpskit.Request) -> vpskit.Response:
            raise ConnectionResetError("boom")

    with pytest.raises(vpskit.TransportError) as err:
        FaithServerClient(KEY, base_url=mock.base_url, transport=Broken(), retry=FAST, preflight=False).reboot("fsrv_111")
    assert isinstance(err.value.__cause__, ConnectionResetError)


@pytest.mark.parametrize("make", TRANSPORTS, ids=IDS)
def test_redirects_to_another_host_are_not_followed(mock: Mock, make: Callable[..., Any]) -> None:
    mock.fault(kind="redirect", count=10)
    with pytest.raises(vpskit.ServerError) as err:
        client(mock, make).list_servers()
    assert err.value.status == 302, "followed, the key would have gone to 127.0.0.2"
    assert mock.sent("GET", "/servers") == 1


def test_a_rust_panic_arrives_as_internal_error() -> None:
    """No panic crosses into Python: the binding catches it and raises ``vpskit.InternalError``,
    a :class:`vpskit.VpskitError` that is never retried."""
    from vpskit import _native

    with pytest.raises(vpskit.InternalError) as caught:
        _native._panic_for_tests()
    assert isinstance(caught.value, vpskit.VpskitError)
    assert caught.value.kind == "internal"
    assert "this is a bug" in str(caught.value)
    assert _native.retry_decide(True, 1, "internal") is None
    # The module still works after the panic.
    assert _native.product_support("Budget VPS", "console") == "no"
