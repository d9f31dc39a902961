"""The sans-IO layer, for users who bring their own HTTP stack.

>>> from vpskit import operations, Config
>>> op = operations.reboot("fsrv_111")
>>> request = operations.build_request(op, Config("faithserver", "fs_live_example"))
>>> request.method, request.url
('POST', 'https://api.faithserver.com/api/v1/servers/fsrv_111/reboot')
>>> request
Request(method='POST', url='https://api.faithserver.com/api/v1/servers/fsrv_111/reboot', headers=[('Authorization', 'Bearer [redacted]'), ('Accept', 'application/json'), ('User-Agent', 'vpskit/0.1.0 (python)')], body=None, idempotent=False)
"""

from ._ops import Operation, build_request, parse_json, parse_response, raw
from ._transport import Request, Response

__all__ = ["Operation", "Request", "Response", "build_request", "parse_response", "parse_json", "raw"]

# <generated from the core's operation table (tests/generated.rs)>
from ._ops import (
    list_servers as list_servers,
    get_server as get_server,
    get_status as get_status,
    get_overview as get_overview,
    start as start,
    stop as stop,
    reboot as reboot,
    wake_on_lan as wake_on_lan,
    get_console as get_console,
    get_rescue_status as get_rescue_status,
    enable_rescue as enable_rescue,
    disable_rescue as disable_rescue,
    list_images as list_images,
    reinstall as reinstall,
    reset_password as reset_password,
    list_credentials as list_credentials,
    get_credential as get_credential,
    get_traffic as get_traffic,
    list_ips as list_ips,
    get_monitor as get_monitor,
    list_tasks as list_tasks,
    list_server_actions as list_server_actions,
    list_logs as list_logs,
    list_jobs as list_jobs,
    get_job as get_job,
    get_account as get_account,
)

__all__ += [
    "list_servers", "get_server", "get_status", "get_overview", "start", "stop",
    "reboot", "wake_on_lan", "get_console", "get_rescue_status", "enable_rescue", "disable_rescue",
    "list_images", "reinstall", "reset_password", "list_credentials", "get_credential", "get_traffic",
    "list_ips", "get_monitor", "list_tasks", "list_server_actions", "list_logs", "list_jobs",
    "get_job", "get_account",
]
# </generated>
