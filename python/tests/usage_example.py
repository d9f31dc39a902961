"""A usage example that ``mypy --strict`` checks against the package's types."""

from __future__ import annotations

import asyncio
from typing import List, Optional

import vpskit
from vpskit import operations


def fleet_report(client: vpskit.FaithServerClient) -> List[str]:
    lines: List[str] = []
    for server in client.list_servers():
        verdict: vpskit.Verdict = server.can(vpskit.Action.CONSOLE)
        lines.append(f"{server.id} {server.product.value} console={verdict.allowed} ({verdict.reason})")
    return lines


def reinstall_budget(client: vpskit.FaithServerClient, server_id: str, password: str) -> vpskit.Job:
    images: vpskit.ImageList = client.list_images(server_id)
    result: vpskit.ActionResult = client.reinstall(server_id, os_id=images.images[0].id, password=password)
    job_id: Optional[str] = result.job_id
    assert job_id is not None
    return client.wait_for_job(job_id, timeout=300)


def console_url(client: vpskit.FaithServerClient, server_id: str) -> str:
    session: vpskit.ConsoleSession = client.get_console(server_id)
    return session.url.expose()


def token_warning(client: vpskit.VpsOrgClient) -> Optional[str]:
    me: vpskit.AccountInfo = client.get_account()
    if me.token.expires_within(days=7):
        return f"token {me.token.name} of {me.account.email} expires soon"
    return None


def sans_io(config: vpskit.Config, body: bytes) -> vpskit.PowerStatus:
    op: operations.Operation[vpskit.PowerStatus] = operations.get_status("fsrv_111")
    request: vpskit.Request = operations.build_request(op, config)
    assert request.method == "GET"
    return operations.parse_response(op, vpskit.Response(200, [], body))


async def async_fleet(client: vpskit.AsyncFaithServerClient) -> int:
    servers: List[vpskit.Server] = await client.list_servers()
    traffic: vpskit.Traffic = await client.get_traffic(servers[0].id, period="month")
    return (traffic.total_bytes or 0) + len(servers)


def handle(client: vpskit.FaithServerClient) -> None:
    try:
        client.reboot("fsrv_111")
    except vpskit.RateLimitedError as e:
        wait: Optional[float] = e.retry_after
        print(wait)
    except vpskit.VpskitError as e:
        print(e.kind, e.status, e.message)


if __name__ == "__main__":
    print(asyncio.run(async_fleet(vpskit.AsyncFaithServerClient("fs_live_example"))))
