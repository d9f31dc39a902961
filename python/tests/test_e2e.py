"""Every operation against the mock, through each transport: urllib, requests, httpx, and asyncio httpx."""

from __future__ import annotations

from typing import Any, Callable, List

import pytest

import vpskit
from vpskit import (
    AsyncFaithServerClient, AsyncHttpxTransport, AsyncVpsOrgClient, FaithServerClient, HttpxTransport,
    RequestsTransport, RetryPolicy, UrllibTransport, VpsOrgClient,
)

from conftest import KEY, TOKEN, Mock

FAST = RetryPolicy(base_delay_ms=10, max_delay_ms=40)
TRANSPORTS: List[Callable[[], Any]] = [UrllibTransport, RequestsTransport, HttpxTransport]


@pytest.mark.parametrize("make_transport", TRANSPORTS, ids=["urllib", "requests", "httpx"])
def test_every_operation(mock: Mock, make_transport: Callable[[], Any]) -> None:
    with FaithServerClient(KEY, base_url=mock.base_url, transport=make_transport(), retry=FAST) as c:
        servers = c.list_servers()
        assert [s.id for s in servers][:3] == ["fsrv_111", "fsrv_112", "fsrv_158"]
        assert servers[0].product is vpskit.Product.PREMIUM_VPS
        assert vpskit.Action.CONSOLE in servers[0].allowed_actions
        assert c.get_server("fsrv_111").name == "VPS AMD 1"
        assert c.get_status("fsrv_111").status is vpskit.ServerStatus.RUNNING
        assert c.get_overview("fsrv_220").plan == "Flexible DS E3"
        assert c.stop("fsrv_111").message == "Stop command accepted."
        assert c.start("fsrv_111").message == "Start command accepted."
        budget = c.reboot("fsrv_158").budget_output
        assert budget is not None and budget.succeeded
        assert c.wake_on_lan("fsrv_221").action is vpskit.Action.WOL
        console = c.get_console("fsrv_111")
        assert "token=" in console.url.expose() and "token=" not in repr(console)
        c.enable_rescue("fsrv_111")
        assert c.get_rescue_status("fsrv_111").pending_reboot is True
        c.disable_rescue("fsrv_111")
        assert [i.id for i in c.list_images("fsrv_158").images] == ["1109", "1024", "1056", "100001"]
        job_id = c.reinstall("fsrv_111", image_id="UBUNTU_24_04_64BIT").job_id
        assert job_id is not None
        assert c.wait_for_job(job_id, timeout=10, poll_interval=0.01).status is vpskit.JobStatus.COMPLETED
        c.reinstall("fsrv_158", os_id=1109, password="PasswordKuat123!")
        generated = c.reset_password("fsrv_111").generated_password
        assert generated is not None and generated.expose().startswith("Gen-")
        c.reset_password("fsrv_158", password="PasswordKuat123!")
        credentials = c.list_credentials("fsrv_111")
        assert credentials[0].password == generated
        assert c.get_credential("fsrv_111", "panel", "admin").username == "admin"
        assert c.get_traffic("fsrv_111", period="month").period == "month"
        assert c.get_traffic("fsrv_158", month="202605").month == "202605"
        assert c.list_ips("fsrv_158")[0].version == 4
        assert c.get_monitor("fsrv_158").cpu_percent is not None
        assert any(t.action == "reboot" for t in c.list_tasks("fsrv_158"))
        assert any(e.action == "reinstall" for e in c.list_server_actions("fsrv_111"))
        assert c.list_logs()
        assert len(c.list_jobs()) == 2
        assert c.get_job(job_id).id == job_id
        assert c.raw("GET", "/servers/fsrv_111").body["data"]["id"] == "fsrv_111"
    for record in mock.requests():
        assert record.authorization == "bearer"
        assert not record.key_in_query and not record.key_in_body and not record.known_key_in_url


@pytest.mark.parametrize("make_transport", TRANSPORTS, ids=["urllib", "requests", "httpx"])
def test_errors_and_preflight(mock: Mock, make_transport: Callable[[], Any]) -> None:
    c = FaithServerClient(KEY, base_url=mock.base_url, transport=make_transport(), retry=FAST)
    with pytest.raises(vpskit.NotAllowedError, match="console is not available for Budget VPS"):
        c.get_console("fsrv_158")
    with pytest.raises(vpskit.ValidationError, match="Budget VPS reinstalls from an OS template"):
        c.reinstall("fsrv_158", image_id="UBUNTU_24_04_64BIT")
    with pytest.raises(vpskit.NotFoundError) as found:
        c.get_server("fsrv_900")
    assert (found.value.status, found.value.code) == (404, "server_not_found")
    raw = FaithServerClient(KEY, base_url=mock.base_url, transport=make_transport(), preflight=False)
    with pytest.raises(vpskit.NotAllowedError) as refused:
        raw.get_console("fsrv_158")
    assert refused.value.code == "console_not_available"
    with pytest.raises(vpskit.AuthError) as revoked:
        FaithServerClient("fs_test_mock_revoked_key_0002", base_url=mock.base_url, transport=make_transport()).list_servers()
    assert revoked.value.code == "invalid_api_key"
    with pytest.raises(vpskit.ValidationError):
        c.get_server("")
    assert mock.sent("GET", "/servers/") == 0


@pytest.mark.parametrize("make_transport", TRANSPORTS, ids=["urllib", "requests", "httpx"])
def test_vpsorg(mock: Mock, make_transport: Callable[[], Any]) -> None:
    me = VpsOrgClient(TOKEN, base_url=mock.base_url, transport=make_transport()).get_account()
    assert me.account.email == "john@example.com"
    assert me.token.permissions.allows("dns:create")
    assert not me.token.permissions.allows("servers:delete")
    assert me.token.expires_within(days=7) is False
    expiring = VpsOrgClient("vps_test_mock_expiring_0003", base_url=mock.base_url, transport=make_transport()).get_account()
    assert expiring.token.expires_within(days=7) is True
    with pytest.raises(vpskit.AuthError, match="Token has expired."):
        VpsOrgClient("vps_test_mock_expired_0004", base_url=mock.base_url, transport=make_transport()).get_account()


async def test_async_every_operation(mock: Mock) -> None:
    async with AsyncFaithServerClient(KEY, base_url=mock.base_url, retry=FAST) as c:
        assert len(await c.list_servers()) == 6
        assert (await c.get_server("fsrv_111")).name == "VPS AMD 1"
        assert (await c.get_status("fsrv_112")).status is vpskit.ServerStatus.STOPPED
        assert (await c.get_overview("fsrv_111")).ip_address == "203.0.113.111"
        await c.start("fsrv_112")
        await c.stop("fsrv_112")
        await c.reboot("fsrv_111")
        await c.wake_on_lan("fsrv_220")
        assert (await c.get_console("fsrv_111")).url.expose().startswith("https://")
        await c.enable_rescue("fsrv_158")
        assert (await c.get_rescue_status("fsrv_158")).enabled is True
        await c.disable_rescue("fsrv_158")
        assert (await c.list_images("fsrv_111")).images[0].id == "UBUNTU_24_04_64BIT"
        job_id = (await c.reinstall("fsrv_158", os_id="1056", password="PasswordKuat123!")).job_id
        assert job_id is not None
        assert (await c.wait_for_job(job_id, timeout=10, poll_interval=0.01)).status is vpskit.JobStatus.COMPLETED
        await c.reset_password("fsrv_111")
        await c.reset_password("fsrv_158", password="PasswordKuat123!")
        assert len(await c.list_credentials("fsrv_158")) == 2
        assert (await c.get_credential("fsrv_158", "ssh", "root")).password == vpskit.Secret("PasswordKuat123!")
        assert (await c.get_traffic("fsrv_158", month="202605")).total_bytes
        assert await c.list_ips("fsrv_111")
        assert await c.get_monitor("fsrv_111")
        assert await c.list_tasks("fsrv_111")
        assert await c.list_server_actions("fsrv_158")
        assert await c.list_logs()
        assert await c.list_jobs()
        assert (await c.get_job(job_id)).id == job_id
        assert (await c.raw("GET", "/jobs")).status == 200
        with pytest.raises(vpskit.NotAllowedError):
            await c.stop("fsrv_220")
    me = await AsyncVpsOrgClient(TOKEN, base_url=mock.base_url, transport=AsyncHttpxTransport()).get_account()
    assert me.token.name == "Production Deploy Key"


def test_keys_come_from_the_environment(monkeypatch: pytest.MonkeyPatch, mock: Mock) -> None:
    monkeypatch.setenv("FAITHSERVER_API_KEY", KEY)
    monkeypatch.setenv("VPSORG_API_TOKEN", TOKEN)
    assert FaithServerClient(base_url=mock.base_url).list_servers()
    assert VpsOrgClient(base_url=mock.base_url).get_account().token.name == "Production Deploy Key"
    monkeypatch.delenv("FAITHSERVER_API_KEY")
    with pytest.raises(vpskit.AuthError, match="FAITHSERVER_API_KEY"):
        FaithServerClient()
    with pytest.raises(vpskit.ValidationError, match="https"):
        FaithServerClient(KEY, base_url="http://api.faithserver.com/api/v1")
