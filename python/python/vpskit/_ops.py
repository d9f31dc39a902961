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

    The core parses; a single model is made in Rust with its plain fields set, a list of models
    holds each item until it is first read, and any other result is ``operation.convert`` applied
    to the core's Python data.
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


def _id_op(name: str, id: str, convert: Callable[[Any], T]) -> Operation[T]:
    return Operation(name, {"id": id}, convert)


def list_servers() -> Operation[List[Server]]:
    """``GET /servers``."""
    return Operation("list_servers", {}, _many(Server))


def get_server(id: str) -> Operation[Server]:
    """``GET /servers/{id}``."""
    return _id_op("get_server", id, _one(Server))


def get_status(id: str) -> Operation[PowerStatus]:
    """``GET /servers/{id}/status``."""
    return _id_op("get_status", id, _one(PowerStatus))


def get_overview(id: str) -> Operation[Overview]:
    """``GET /servers/{id}/overview``."""
    return _id_op("get_overview", id, _one(Overview))


def start(id: str) -> Operation[ActionResult]:
    """``POST /servers/{id}/start``."""
    return _id_op("start", id, _one(ActionResult))


def stop(id: str) -> Operation[ActionResult]:
    """``POST /servers/{id}/stop``."""
    return _id_op("stop", id, _one(ActionResult))


def reboot(id: str) -> Operation[ActionResult]:
    """``POST /servers/{id}/reboot`` (a hardware reboot on dedicated servers)."""
    return _id_op("reboot", id, _one(ActionResult))


def wake_on_lan(id: str) -> Operation[ActionResult]:
    """``POST /servers/{id}/wol``."""
    return _id_op("wake_on_lan", id, _one(ActionResult))


def get_console(id: str) -> Operation[ConsoleSession]:
    """``GET /servers/{id}/console``: a temporary noVNC URL (a secret)."""
    return _id_op("get_console", id, _one(ConsoleSession))


def get_rescue_status(id: str) -> Operation[RescueStatus]:
    """``GET /servers/{id}/rescue/status``."""
    return _id_op("get_rescue_status", id, _one(RescueStatus))


def enable_rescue(id: str) -> Operation[ActionResult]:
    """``POST /servers/{id}/rescue/enable`` (applied at the next reboot)."""
    return _id_op("enable_rescue", id, _one(ActionResult))


def disable_rescue(id: str) -> Operation[ActionResult]:
    """``POST /servers/{id}/rescue/disable`` (applied at the next reboot)."""
    return _id_op("disable_rescue", id, _one(ActionResult))


def list_images(id: str) -> Operation[ImageList]:
    """``GET /servers/{id}/images``."""
    return _id_op("list_images", id, _one(ImageList))


def reinstall(
    id: str, *, image_id: Optional[str] = None, os_id: Union[str, int, None] = None, password: Optional[str] = None
) -> Operation[ActionResult]:
    """``POST /servers/{id}/reinstall`` — **erases the server**. Premium: ``image_id``;
    Budget: ``os_id`` and ``password``."""
    args: Dict[str, Any] = {"id": id}
    if image_id is not None:
        args["image_id"] = image_id
    if os_id is not None:
        args["os_id"] = str(os_id)
    if password is not None:
        args["password"] = Secret(password)
    return Operation("reinstall", args, _one(ActionResult))


def reset_password(id: str, password: Optional[str] = None) -> Operation[ActionResult]:
    """``POST /servers/{id}/reset-password``: generated (no password) or custom."""
    args: Dict[str, Any] = {"id": id}
    if password is not None:
        args["password"] = Secret(password)
    return Operation("reset_password", args, _one(ActionResult))


def list_credentials(id: str) -> Operation[List[Credential]]:
    """``GET /servers/{id}/credentials``."""
    return _id_op("list_credentials", id, _many(Credential))


def get_credential(id: str, type: str, username: str) -> Operation[Credential]:
    """``GET /servers/{id}/credentials/{type}/{username}``."""
    return Operation("get_credential", {"id": id, "type": type, "username": username}, _one(Credential))


def get_traffic(id: str, *, period: Optional[str] = None, month: Optional[str] = None) -> Operation[Traffic]:
    """``GET /servers/{id}/traffic``: ``period="month"`` (Premium) or ``month="YYYYMM"`` (Budget)."""
    args: Dict[str, Any] = {"id": id}
    if period is not None:
        args["period"] = period
    if month is not None:
        args["month"] = str(month)
    return Operation("get_traffic", args, _one(Traffic))


def list_ips(id: str) -> Operation[List[IpAddress]]:
    """``GET /servers/{id}/ips``."""
    return _id_op("list_ips", id, _many(IpAddress))


def get_monitor(id: str) -> Operation[Monitor]:
    """``GET /servers/{id}/monitor``."""
    return _id_op("get_monitor", id, _one(Monitor))


def list_tasks(id: str) -> Operation[List[LogEntry]]:
    """``GET /servers/{id}/tasks``."""
    return _id_op("list_tasks", id, _many(LogEntry))


def list_server_actions(id: str) -> Operation[List[LogEntry]]:
    """``GET /servers/{id}/actions``."""
    return _id_op("list_server_actions", id, _many(LogEntry))


def list_logs() -> Operation[List[LogEntry]]:
    """``GET /logs``."""
    return Operation("list_logs", {}, _many(LogEntry))


def list_jobs() -> Operation[List[Job]]:
    """``GET /jobs``."""
    return Operation("list_jobs", {}, _many(Job))


def get_job(job_id: str) -> Operation[Job]:
    """``GET /jobs/{job_id}``."""
    return Operation("get_job", {"job_id": job_id}, _one(Job))


def get_account() -> Operation[AccountInfo]:
    """VPS.org ``GET /account/me/``."""
    return Operation("get_account", {}, _one(AccountInfo), api="vpsorg")


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
