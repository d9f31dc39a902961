"""Operations as values: the call the core understands, and the model its result becomes."""

from __future__ import annotations

from typing import Any, Callable, Dict, Generic, List, Mapping, Optional, Tuple, Type, TypeVar, Union

from . import _json, _native
from ._immutable import Immutable
from ._models import (
    AccountInfo, Model, ActionResult, ConsoleSession, Credential, ImageList, IpAddress, Job, LogEntry, Monitor,
    Overview, PowerStatus, RawResponse, RescueStatus, Server, Traffic,
)
from ._secret import Secret
from ._transport import Request, Response

T = TypeVar("T")
M = TypeVar("M", bound=Model)


class Operation(_native.OperationFields, Immutable, Generic[T]):
    """One operation with its arguments. ``repr`` hides passwords. Immutable; equal by value.

    The fields, and the call the core reads from them on first use (``native_call()``), live in
    the native base class, so making an operation runs no Python code.
    """

    __slots__ = ()

    name: str
    args: Mapping[str, Any]
    convert: Callable[[Any], T]
    api: str

    def _key(self) -> Tuple[Any, ...]:
        return (self.name, self.args, self.convert, self.api)

    def _hash_key(self) -> Tuple[Any, ...]:
        return (self.name, self.api, self.convert)  # args may be a dict

    def call_json(self) -> str:
        """The call as the core reads it: ``{"operation": …, "args": {…}}`` (secrets exposed)."""
        return _json.dumps({"operation": self.name, "args": dict(self.args)}, default=_expose)

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.args.items())
        return f"Operation({self.name!r}{', ' if shown else ''}{shown})"

    def __reduce__(self) -> Any:
        raise TypeError("refusing to pickle a vpskit Operation: it may carry a password")


def _expose(value: Any) -> Any:
    if isinstance(value, Secret):
        return value.expose()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def build_request(operation: Operation[Any], config: "_native.Config") -> Request:
    """The HTTP request for ``operation`` (validation errors raise before anything is built)."""
    return operation._request(config)


def parse_response(operation: Operation[T], response: Response) -> T:
    """The typed result of ``response``, or the matching :class:`VpskitError`.

    The core parses and writes the result into Python objects; a single model is made in Rust
    with its plain fields set (the others on first use), each model of a list with every field
    set, and any other result is ``operation.convert`` applied to the core's Python data.
    """
    result: T = operation._parse(response)
    return result


def parse_json(operation: Operation[Any], response: Response) -> Any:
    """The result as JSON data with secrets wrapped in :class:`Secret` (no model)."""
    return operation.native_call().parse(response.status, list(response.headers), bytes(response.body))


def _one(cls: Callable[[Any], T]) -> Callable[[Any], T]:
    return cls


class _Many(Generic[M]):
    """Converts a list of JSON objects into models (``parse_response`` has the core build them)."""

    def __init__(self, cls: Type[M]) -> None:
        self._cls = cls

    def __call__(self, items: List[Dict[str, Any]]) -> List[M]:
        return self._cls._many(items)


def _many(cls: Type[M]) -> _Many[M]:
    return _Many(cls)


def _args(**given: Any) -> Dict[str, Any]:
    """A call's arguments, those not given (``None``) left out."""
    return {name: value for name, value in given.items() if value is not None}


def _text(value: Union[str, int, None]) -> Optional[str]:
    """A text argument; a whole number (``os_id=1109``) is sent as its digits."""
    return str(value) if isinstance(value, int) else value


def _secret(value: Optional[str]) -> Optional[Secret]:
    return None if value is None else Secret(value)


# <generated from the core's operation table (tests/generated.rs)>
def list_servers() -> Operation[List[Server]]:
    """``GET /servers``: every active server the key can reach."""
    return Operation("list_servers", {}, _many(Server))


def get_server(id: str) -> Operation[Server]:
    """``GET /servers/{id}``: one server (its short detail)."""
    return Operation("get_server", _args(id=id), _one(Server))


def get_status(id: str) -> Operation[PowerStatus]:
    """``GET /servers/{id}/status``: the power state, read live from the backend."""
    return Operation("get_status", _args(id=id), _one(PowerStatus))


def get_overview(id: str) -> Operation[Overview]:
    """``GET /servers/{id}/overview``: name, region, IP address, status, plan and capabilities."""
    return Operation("get_overview", _args(id=id), _one(Overview))


def start(id: str) -> Operation[ActionResult]:
    """``POST /servers/{id}/start``: powers the server on (checked by the preflight)."""
    return Operation("start", _args(id=id), _one(ActionResult))


def stop(id: str) -> Operation[ActionResult]:
    """``POST /servers/{id}/stop``: powers the server off (checked by the preflight)."""
    return Operation("stop", _args(id=id), _one(ActionResult))


def reboot(id: str) -> Operation[ActionResult]:
    """``POST /servers/{id}/reboot``: reboots the server (a hardware reboot on dedicated servers; checked by the preflight)."""
    return Operation("reboot", _args(id=id), _one(ActionResult))


def wake_on_lan(id: str) -> Operation[ActionResult]:
    """``POST /servers/{id}/wol``: Wake-on-LAN (Flexible Dedicated Servers)."""
    return Operation("wake_on_lan", _args(id=id), _one(ActionResult))


def get_console(id: str) -> Operation[ConsoleSession]:
    """``GET /servers/{id}/console``: a temporary noVNC URL, a secret (it carries a token; Premium VPS, running servers only)."""
    return Operation("get_console", _args(id=id), _one(ConsoleSession))


def get_rescue_status(id: str) -> Operation[RescueStatus]:
    """``GET /servers/{id}/rescue/status``: whether rescue mode is on or waits for a reboot."""
    return Operation("get_rescue_status", _args(id=id), _one(RescueStatus))


def enable_rescue(id: str) -> Operation[ActionResult]:
    """``POST /servers/{id}/rescue/enable``: rescue mode from the next reboot."""
    return Operation("enable_rescue", _args(id=id), _one(ActionResult))


def disable_rescue(id: str) -> Operation[ActionResult]:
    """``POST /servers/{id}/rescue/disable``: back to normal boot from the next reboot."""
    return Operation("disable_rescue", _args(id=id), _one(ActionResult))


def list_images(id: str) -> Operation[ImageList]:
    """``GET /servers/{id}/images``: images (Premium) or OS templates (Budget) for reinstall."""
    return Operation("list_images", _args(id=id), _one(ImageList))


def reinstall(id: str, *, image_id: Optional[str] = None, os_id: Union[str, int, None] = None, password: Optional[str] = None) -> Operation[ActionResult]:
    """``POST /servers/{id}/reinstall``: **erases the server**. Premium VPS: an image id; Budget VPS: an OS template id and a root password.

    :param image_id: Premium VPS image id.
    :param os_id: Budget VPS OS template id (digits).
    :param password: Budget VPS root password.
    """
    return Operation("reinstall", _args(id=id, image_id=image_id, os_id=_text(os_id), password=_secret(password)), _one(ActionResult))


def reset_password(id: str, *, password: Optional[str] = None) -> Operation[ActionResult]:
    """``POST /servers/{id}/reset-password``: no body (generated, Premium) or a custom password (Budget).

    :param password: The custom password (Budget VPS).
    """
    return Operation("reset_password", _args(id=id, password=_secret(password)), _one(ActionResult))


def list_credentials(id: str) -> Operation[List[Credential]]:
    """``GET /servers/{id}/credentials``: the login credentials (passwords are secrets)."""
    return Operation("list_credentials", _args(id=id), _many(Credential))


def get_credential(id: str, type: str, username: str) -> Operation[Credential]:
    """``GET /servers/{id}/credentials/{type}/{username}``: one credential."""
    return Operation("get_credential", _args(id=id, type=type, username=username), _one(Credential))


def get_traffic(id: str, *, period: Optional[str] = None, month: Union[str, int, None] = None) -> Operation[Traffic]:
    """``GET /servers/{id}/traffic``: traffic for a period (``?period=month``, Premium VPS) or a month (``?month=YYYYMM``, Budget VPS).

    :param period: ``month``, for Premium VPS.
    :param month: ``YYYYMM``, for Budget VPS.
    """
    return Operation("get_traffic", _args(id=id, period=period, month=_text(month)), _one(Traffic))


def list_ips(id: str) -> Operation[List[IpAddress]]:
    """``GET /servers/{id}/ips``: the server's IP addresses."""
    return Operation("list_ips", _args(id=id), _many(IpAddress))


def get_monitor(id: str) -> Operation[Monitor]:
    """``GET /servers/{id}/monitor``: CPU, memory, disk and uptime."""
    return Operation("get_monitor", _args(id=id), _one(Monitor))


def list_tasks(id: str) -> Operation[List[LogEntry]]:
    """``GET /servers/{id}/tasks``: recent tasks of the server, where its product keeps them."""
    return Operation("list_tasks", _args(id=id), _many(LogEntry))


def list_server_actions(id: str) -> Operation[List[LogEntry]]:
    """``GET /servers/{id}/actions``: the server's action log."""
    return Operation("list_server_actions", _args(id=id), _many(LogEntry))


def list_logs() -> Operation[List[LogEntry]]:
    """``GET /logs``: every API log of the account."""
    return Operation("list_logs", {}, _many(LogEntry))


def list_jobs() -> Operation[List[Job]]:
    """``GET /jobs``: the account's jobs."""
    return Operation("list_jobs", {}, _many(Job))


def get_job(job_id: str) -> Operation[Job]:
    """``GET /jobs/{job_id}``: one job (a client's ``wait_for_job`` waits for it)."""
    return Operation("get_job", _args(job_id=job_id), _one(Job))


def get_account() -> Operation[AccountInfo]:
    """``GET /account/me/``: the account and the token used (its permissions and expiry). The trailing slash is part of the path."""
    return Operation("get_account", {}, _one(AccountInfo), api="vpsorg")


# </generated>


def raw(
    method: str, path: str, *, query: Optional[Mapping[str, str]] = None, body: Any = None, api: str = "faithserver"
) -> Operation[RawResponse]:
    """Any method and path under the base URL, with the same auth, validation and error mapping."""
    args: Dict[str, Any] = {"method": method, "path": path}
    if query:
        args["query"] = dict(query)
    if body is not None:
        args["body"] = body
    return Operation("raw", args, _one(RawResponse), api=api)
