"""The clients drive the core's flow against the mock: progress while waiting, cancellation of a
request in flight and of a wait, and clear errors for bad wait options."""

from __future__ import annotations

import asyncio
import time
import logging
from typing import Any, List

import pytest

import vpskit
from vpskit import AsyncFaithServerClient, FaithServerClient, Job, RetryPolicy

from conftest import KEY, Mock


def _reinstall_job(c: FaithServerClient) -> str:
    job_id = c.reinstall("fsrv_111", image_id="UBUNTU_24_04_64BIT").job_id
    assert job_id is not None
    return job_id


def test_wait_for_job_reports_each_unfinished_poll(mock: Mock) -> None:
    c = FaithServerClient(KEY, base_url=mock.base_url)
    job_id = _reinstall_job(c)
    seen: List[Job] = []
    done = c.wait_for_job(job_id, timeout=10, poll_interval=0.01, on_update=seen.append)
    assert [str(j.status) for j in seen] == ["running"]
    assert done.status is vpskit.JobStatus.COMPLETED
    assert mock.sent("GET", f"/jobs/{job_id}") == 2


async def test_async_wait_for_job_reports_progress_to_a_coroutine(mock: Mock) -> None:
    c = AsyncFaithServerClient(KEY, base_url=mock.base_url)
    job_id = (await c.reinstall("fsrv_111", image_id="UBUNTU_24_04_64BIT")).job_id
    assert job_id is not None
    seen: List[Any] = []

    async def on_update(job: Job) -> None:
        seen.append(job.progress)

    done = await c.wait_for_job(job_id, timeout=10, poll_interval=0.01, on_update=on_update)
    assert done.status is vpskit.JobStatus.COMPLETED
    assert seen == [50]


@pytest.mark.parametrize("bad", [0, -1.0, float("nan")])
def test_wait_options_must_be_positive(mock: Mock, bad: float) -> None:
    c = FaithServerClient(KEY, base_url=mock.base_url)
    with pytest.raises(vpskit.ValidationError, match="timeout must be a positive number"):
        c.wait_for_job("job_1", timeout=bad)
    assert mock.requests() == []


async def test_cancelling_a_call_mid_request_sends_nothing_more(mock: Mock) -> None:
    mock.fault(kind="slow", delay_ms=3000, path_prefix="/servers/fsrv_111/reboot")
    c = AsyncFaithServerClient(KEY, base_url=mock.base_url, retry=RetryPolicy(base_delay_ms=10))
    task = asyncio.ensure_future(c.reboot("fsrv_111"))
    for _ in range(200):  # until the reboot is in flight (after the preflight)
        await asyncio.sleep(0.01)
        if mock.sent("POST", "/servers/fsrv_111/reboot"):
            break
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await asyncio.sleep(0.2)
    assert [(r.method, r.path) for r in mock.requests()] == [
        ("GET", "/api/v1/servers/fsrv_111"),
        ("POST", "/api/v1/servers/fsrv_111/reboot"),
    ]


async def test_cancelling_a_wait_between_polls_sends_nothing_more(mock: Mock) -> None:
    c = AsyncFaithServerClient(KEY, base_url=mock.base_url)
    job_id = (await c.reinstall("fsrv_111", image_id="UBUNTU_24_04_64BIT")).job_id
    assert job_id is not None
    polled = asyncio.Event()
    task = asyncio.ensure_future(c.wait_for_job(job_id, poll_interval=5, on_update=lambda job: polled.set()))
    await asyncio.wait_for(polled.wait(), timeout=5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert mock.sent("GET", f"/jobs/{job_id}") == 1


def test_a_server_already_read_is_checked_without_reading_it_again(mock: Mock) -> None:
    c = FaithServerClient(KEY, base_url=mock.base_url)
    servers = {s.id: s for s in c.list_servers()}
    mock.clear_requests()
    assert c.reboot(servers["fsrv_111"]).message == "Reboot command accepted."
    with pytest.raises(vpskit.NotAllowedError):
        c.get_console(servers["fsrv_158"])  # Budget VPS: refused by the matrix, nothing sent
    assert [(r.method, r.path) for r in mock.requests()] == [("POST", "/api/v1/servers/fsrv_111/reboot")]


def test_a_short_detail_falls_back_to_the_server_list(mock: Mock) -> None:
    mock.fault(kind="short_detail")
    assert FaithServerClient(KEY, base_url=mock.base_url).reboot("fsrv_111").message == "Reboot command accepted."
    assert [(r.method, r.path) for r in mock.requests()] == [
        ("GET", "/api/v1/servers/fsrv_111"),
        ("GET", "/api/v1/servers"),
        ("POST", "/api/v1/servers/fsrv_111/reboot"),
    ]


def test_request_ids_and_rate_limit_state_surface(mock: Mock) -> None:
    c = FaithServerClient(KEY, base_url=mock.base_url)
    assert c.rate_limit is None
    c.list_servers()
    assert c.rate_limit is not None and c.rate_limit.limit == 600 and c.rate_limit.reset_seconds == 60
    with pytest.raises(vpskit.NotFoundError) as raised:
        c.get_server("fsrv_900")
    request_id = raised.value.request_id
    assert request_id is not None and request_id.startswith("req_")
    assert request_id in str(raised.value) and request_id in repr(raised.value)
    mock.fault(kind="rate_limit", retry_after=3600, path_prefix="/servers")
    with pytest.raises(vpskit.RateLimitedError):
        c.list_servers()
    assert c.rate_limit.remaining == 0


async def test_async_client_reports_the_rate_limit(mock: Mock) -> None:
    c = AsyncFaithServerClient(KEY, base_url=mock.base_url)
    await c.list_servers()
    assert c.rate_limit is not None and c.rate_limit.limit == 600


def test_debug_events_follow_each_exchange_and_never_show_a_secret(mock: Mock, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="vpskit")
    c = FaithServerClient(KEY, base_url=mock.base_url)
    c.reboot("fsrv_111")
    console = c.get_console("fsrv_111").url.expose()
    job = c.reinstall("fsrv_158", os_id="1109", password="PasswordKuat123!")
    assert job.job_id is not None
    c.wait_for_job(job.job_id, poll_interval=0.01)
    c.reset_password("fsrv_158", password="AnotherPass456!")
    generated = c.reset_password("fsrv_111").generated_password
    assert generated is not None
    credentials = [cred.password.expose() for cred in c.list_credentials("fsrv_111") if cred.password is not None]
    events = [r.vpskit_event for r in caplog.records if r.name == "vpskit"]  # type: ignore[attr-defined]
    assert [(e["method"], e["path"], e["purpose"], e["decision"]) for e in events[:2]] == [
        ("GET", "/api/v1/servers/fsrv_111", "preflight_detail", "continue"),
        ("POST", "/api/v1/servers/fsrv_111/reboot", "call", "done"),
    ]
    assert all(e["request_id"].startswith("req_") and e["duration_ms"] >= 0 for e in events)
    assert any(e["decision"] == "poll_again" for e in events)
    logged = "\n".join(r.getMessage() for r in caplog.records) + repr(events)
    for secret in [KEY, console, "PasswordKuat123!", "AnotherPass456!", generated.expose(), *credentials]:
        assert secret not in logged


IDS = ["fsrv_111", "fsrv_112", "fsrv_158", "fsrv_900", "..", "fsrv_220"]


def _max_in_flight(mock: Mock) -> int:
    stats: int = mock.stats().max_in_flight
    return stats


def test_bulk_runs_one_action_over_many_servers_within_the_cap(mock: Mock) -> None:
    mock.fault(kind="slow", delay_ms=150, count=100)
    c = FaithServerClient(KEY, base_url=mock.base_url, preflight=False)
    outcomes = c.bulk("reboot", IDS, concurrency=2)
    assert [o.server_id for o in outcomes] == IDS
    assert outcomes[0].ok and outcomes[0].result.message == "Reboot command accepted."
    assert isinstance(outcomes[3].error, vpskit.NotFoundError)
    assert isinstance(outcomes[4].error, vpskit.ValidationError)
    assert 1 < _max_in_flight(mock) <= 2
    assert mock.sent("POST", "/servers/fsrv_111/reboot") == 1


def test_max_concurrency_holds_across_threads(mock: Mock) -> None:
    mock.fault(kind="slow", delay_ms=100, count=100)
    c = FaithServerClient(KEY, base_url=mock.base_url, preflight=False, max_concurrency=1)
    c.bulk("get_status", IDS[:3], concurrency=3)
    assert _max_in_flight(mock) == 1


async def test_async_bulk_and_cap(mock: Mock) -> None:
    mock.fault(kind="slow", delay_ms=100, count=100)
    c = AsyncFaithServerClient(KEY, base_url=mock.base_url, preflight=False, max_concurrency=2)
    outcomes = await c.bulk("get_status", IDS[:3] + ["fsrv_221"], concurrency=4)
    assert [o.ok for o in outcomes] == [True, True, True, True]
    assert _max_in_flight(mock) == 2


def test_a_429_slows_every_call_of_the_client(mock: Mock) -> None:
    import threading

    c = FaithServerClient(KEY, base_url=mock.base_url, preflight=False)
    mock.fault(kind="rate_limit", retry_after=1, path_prefix="/servers/fsrv_111/status")
    first = threading.Thread(target=c.get_status, args=("fsrv_111",))
    first.start()
    time.sleep(0.2)
    started = time.monotonic()
    c.get_status("fsrv_112")  # never met a 429, waits for the client's pause
    assert time.monotonic() - started >= 0.6
    first.join()


def test_max_requests_per_second_spaces_requests(mock: Mock) -> None:
    c = FaithServerClient(KEY, base_url=mock.base_url, preflight=False, max_requests_per_second=10)
    started = time.monotonic()
    for _ in range(4):
        c.get_status("fsrv_111")
    assert time.monotonic() - started >= 0.29


@pytest.mark.parametrize(
    "make",
    [
        lambda c: c.bulk("reboot", IDS, concurrency=0),
        lambda c: c.bulk("reboot", IDS, concurrency=-2),
        lambda c: c.bulk("list_servers", IDS),
        lambda c: c.bulk("shutdown_everything", IDS),
    ],
)
def test_bad_bulk_input_is_refused_before_anything_is_sent(mock: Mock, make: Any) -> None:
    with pytest.raises(vpskit.ValidationError):
        make(FaithServerClient(KEY, base_url=mock.base_url))
    assert mock.requests() == []


@pytest.mark.parametrize("options", [{"max_concurrency": 0}, {"max_concurrency": -1}, {"max_concurrency": 1.5},
                                     {"max_requests_per_second": 0}, {"max_requests_per_second": -1.0}])
def test_bad_limits_are_refused(options: Any) -> None:
    with pytest.raises(vpskit.ValidationError):
        FaithServerClient(KEY, **options)


@pytest.mark.parametrize("make", [vpskit.UrllibTransport, vpskit.RequestsTransport, vpskit.HttpxTransport])
def test_with_options_shares_the_transport_with_another_timeout(mock: Mock, make: Any) -> None:
    c = FaithServerClient(KEY, base_url=mock.base_url, transport=make(timeout=10), retry=RetryPolicy.never())
    quick = c.with_options(timeout=0.2)
    mock.fault(kind="slow", delay_ms=1500, path_prefix="/servers")
    with pytest.raises(vpskit.TransportError, match="timed out"):
        quick.list_servers()
    assert len(c.list_servers()) == 6  # the original keeps its own timeout
    assert quick._transport is not c._transport
    with pytest.raises(vpskit.ValidationError):
        c.with_options(timeout=0)


async def test_async_with_options_timeout(mock: Mock) -> None:
    c = AsyncFaithServerClient(KEY, base_url=mock.base_url, retry=RetryPolicy.never())
    mock.fault(kind="slow", delay_ms=1500, path_prefix="/servers")
    with pytest.raises(vpskit.TransportError, match="timed out"):
        await c.with_options(timeout=0.2).list_servers()
    assert c.with_options(preflight=False)._preflight is False


def test_with_options_needs_a_transport_that_takes_a_timeout(mock: Mock) -> None:
    class Plain:
        def send(self, request: vpskit.Request) -> vpskit.Response:
            raise AssertionError("not sent")

    with pytest.raises(vpskit.ValidationError, match="with_timeout"):
        FaithServerClient(KEY, transport=Plain()).with_options(timeout=1)


def test_wait_for_jobs_shares_one_schedule(mock: Mock) -> None:
    c = FaithServerClient(KEY, base_url=mock.base_url)
    first = c.reinstall("fsrv_111", image_id="UBUNTU_24_04_64BIT").job_id
    second = c.reinstall("fsrv_158", os_id="1109", password="PasswordKuat123!").job_id
    assert first is not None and second is not None
    seen: List[str] = []
    outcomes = c.wait_for_jobs([first, "job_missing", second], poll_interval=0.01, on_update=lambda j: seen.append(j.id))
    assert [o.job_id for o in outcomes] == [first, "job_missing", second]
    assert outcomes[0].ok and outcomes[0].job is not None and outcomes[0].job.status is vpskit.JobStatus.COMPLETED
    assert isinstance(outcomes[1].error, vpskit.NotFoundError)
    assert outcomes[2].ok
    assert seen == [first, second]


async def test_async_wait_for_jobs(mock: Mock) -> None:
    c = AsyncFaithServerClient(KEY, base_url=mock.base_url)
    job_id = (await c.reinstall("fsrv_111", image_id="UBUNTU_24_04_64BIT")).job_id
    assert job_id is not None
    outcomes = await c.wait_for_jobs([job_id], poll_interval=0.01)
    assert outcomes[0].job is not None and outcomes[0].job.status is vpskit.JobStatus.COMPLETED
