"""The sans-IO layer, for users who bring their own HTTP stack.

>>> from vpskit import operations, Config
>>> op = operations.reboot("fsrv_111")
>>> request = operations.build_request(op, Config("faithserver", "fs_live_example"))
>>> request.method, request.url
('POST', 'https://api.faithserver.com/api/v1/servers/fsrv_111/reboot')
>>> request
Request(method='POST', url='https://api.faithserver.com/api/v1/servers/fsrv_111/reboot', headers=[('Authorization', 'Bearer [redacted]'), ('Accept', 'application/json'), ('User-Agent', 'vpskit/0.1.0 (python)')], body=None, idempotent=False)
"""

from ._ops import (
    Operation, build_request, disable_rescue, enable_rescue, get_account, get_console, get_credential, get_job,
    get_monitor, get_overview, get_rescue_status, get_server, get_status, get_traffic, list_credentials, list_images,
    list_ips, list_jobs, list_logs, list_server_actions, list_servers, list_tasks, parse_json, parse_response, raw,
    reboot, reinstall, reset_password, start, stop, wake_on_lan,
)
from ._transport import Request, Response

__all__ = [
    "Operation", "Request", "Response", "build_request", "parse_response", "parse_json",
    "list_servers", "get_server", "get_status", "get_overview", "start", "stop", "reboot", "wake_on_lan",
    "get_console", "get_rescue_status", "enable_rescue", "disable_rescue", "list_images", "reinstall",
    "reset_password", "list_credentials", "get_credential", "get_traffic", "list_ips", "get_monitor",
    "list_tasks", "list_server_actions", "list_logs", "list_jobs", "get_job", "get_account", "raw",
]
