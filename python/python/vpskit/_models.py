"""Typed views of the core's results. The core parses and validates; these classes give each field
a Python type, keep unknown fields in ``extra``, and keep secrets wrapped in :class:`Secret`."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Dict, List, Optional, Sequence, Tuple, Type, TypeVar, Union

from . import _json, _native
from ._immutable import Immutable, set_field
from ._enums import Action, E, JobStatus, Product, ServerStatus, Support
from ._secret import Secret, to_plain


def _list_of(convert: Callable[[Any], Any]) -> Callable[[Any], List[Any]]:
    return lambda values: [convert(v) for v in values]


class _EnumOf:
    """Converts a word (or, with ``many``, a list of words) into the open enum ``cls``: a
    documented word by a dictionary lookup (an ``Enum`` call is slow), any other by ``cls(word)``.
    The core reads ``members`` and ``many`` to convert a list's items without calling it."""

    __slots__ = ("cls", "members", "many")

    def __init__(self, cls: Type[E], many: bool) -> None:
        self.cls = cls
        self.members = cls._value2member_map_
        self.many = many

    def __call__(self, value: Any) -> Any:
        members, cls = self.members, self.cls
        if self.many:
            return [members.get(v) or cls(v) for v in value]
        return members.get(value) or cls(value)


def _enum(cls: Type[E]) -> Callable[[str], E]:
    return _EnumOf(cls, many=False)


def _enum_list(cls: Type[E]) -> Callable[[List[str]], List[E]]:
    return _EnumOf(cls, many=True)


def _model(name: str) -> Callable[[Any], Any]:
    """The model class ``name`` of this module, looked up when a value is converted (so a model
    may name one declared after it)."""
    return lambda value: globals()[name](value)


def _model_list(name: str) -> Callable[[List[Any]], List[Any]]:
    return lambda values: [globals()[name](v) for v in values]


M = TypeVar("M", bound="Model")


class Model:
    """Base of every result model: typed attributes, ``extra``, ``raw``, ``to_dict()``, equality."""

    _convert: ClassVar[Dict[str, Callable[[Any], Any]]] = {}
    extra: Dict[str, Any]
    _field_names: ClassVar[tuple[str, ...]] = ()
    _field_set: ClassVar[frozenset[str]] = frozenset()
    # The fields whose JSON value is their value: a single result has them set when it is made.
    _plain_fields: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        names: List[str] = []
        for klass in reversed(cls.__mro__):
            for name in getattr(klass, "__annotations__", {}):
                if not name.startswith("_") and name not in ("extra",) and name not in names:
                    names.append(name)
        cls._field_names = tuple(names)
        cls._field_set = frozenset(names)
        cls._plain_fields = tuple(name for name in names if name not in cls._convert)

    def __init__(self, raw: Dict[str, Any]) -> None:
        self._raw = raw

    if not TYPE_CHECKING:  # mypy reads the annotated fields; a typo stays a type error.

        def __getattr__(self, name: str) -> Any:
            """Converts a field (an enum, a list of them, a nested model) or ``extra`` on first use
            and keeps it: the core made the model with its plain fields already set."""
            state = self.__dict__
            if name == "_raw":
                raise AttributeError(name)
            if name in self._field_set:
                value = self._raw.get(name)
                if value is not None:
                    convert = self._convert.get(name)
                    if convert is not None:
                        value = convert(value)
            elif name == "extra":
                names = self._field_set
                value = {k: v for k, v in self._raw.items() if k not in names}
            else:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            state[name] = value
            return value

    @classmethod
    def _many(cls: Type[M], items: List[Dict[str, Any]]) -> List[M]:
        """Models for a list of JSON objects."""
        return [cls(item) for item in items]

    def __getstate__(self) -> Dict[str, Any]:
        return {"_raw": self._raw}

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self.__dict__.update(state)

    @property
    def raw(self) -> Dict[str, Any]:
        """The JSON as the core returned it, with secrets as :class:`Secret` objects."""
        return self._raw

    def to_dict(self, *, expose_secrets: bool = False) -> Dict[str, Any]:
        """The JSON as plain data; secrets stay ``{"$secret": "[redacted]"}`` unless ``expose_secrets``."""
        result: Dict[str, Any] = to_plain(self._raw, expose=expose_secrets)
        return result

    def __repr__(self) -> str:
        shown = [f"{name}={getattr(self, name)!r}" for name in self._field_names]
        if self.extra:
            shown.append(f"extra={self.extra!r}")
        return f"{type(self).__name__}({', '.join(shown)})"

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other._raw == self._raw

    def __hash__(self) -> int:
        return hash((type(self).__name__, _json.dumps(to_plain(self._raw), sort_keys=True)))


class PermissionSet:
    """A token's permissions, ``resource:action`` with ``*`` wildcards.

    >>> PermissionSet(["servers:list", "dns:*"]).allows("dns:create")
    True
    """

    def __init__(self, permissions: Sequence[str]) -> None:
        self._permissions = list(permissions)

    def allows(self, wanted: str) -> bool:
        """Whether the set grants ``wanted`` (``"servers:create"``); malformed ``wanted`` raises
        :class:`ValidationError`."""
        return _native.permissions_allow(self._permissions, wanted)

    def __iter__(self) -> Any:
        return iter(self._permissions)

    def __len__(self) -> int:
        return len(self._permissions)

    def __contains__(self, item: object) -> bool:
        return item in self._permissions

    def __repr__(self) -> str:
        return f"PermissionSet({self._permissions!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PermissionSet) and other._permissions == self._permissions


# <generated from the core's declarations (tests/generated.rs)>
class _ServerFields(Model):
    id: str
    name: Optional[str]
    region: Optional[str]
    product: Product
    status: Optional[ServerStatus]
    allowed_actions: List[Action]
    _convert = {"product": _enum(Product), "status": _enum(ServerStatus), "allowed_actions": _enum_list(Action)}


class _PowerStatusFields(Model):
    id: Optional[str]
    status: Optional[ServerStatus]
    _convert = {"status": _enum(ServerStatus)}


class _OverviewFields(Model):
    id: Optional[str]
    name: Optional[str]
    region: Optional[str]
    product: Optional[Product]
    ip_address: Optional[str]
    status: Optional[ServerStatus]
    plan: Optional[str]
    capabilities: Optional[List[Action]]
    _convert = {"product": _enum(Product), "status": _enum(ServerStatus), "capabilities": _enum_list(Action)}


class _ActionResultFields(Model):
    message: Optional[str]
    server_id: Optional[str]
    action: Optional[Action]
    provider: Optional[str]
    provider_status_code: Optional[int]
    provider_response: Any
    job_id: Optional[str]
    _convert = {"action": _enum(Action)}


class _BudgetOutputFields(Model):
    status: Optional[int]
    message: Optional[str]
    output: Optional[str]
    time_taken: Optional[str]


class _ConsoleSessionFields(Model):
    message: Optional[str]
    server_id: Optional[str]
    url: Secret
    note: Optional[str]
    provider_status_code: Optional[int]


class _RescueStatusFields(Model):
    enabled: Optional[bool]
    pending_reboot: Optional[bool]


class _ImageFields(Model):
    id: str
    name: Optional[str]
    family: Optional[str]
    flavour: Optional[str]


class _ImageListFields(Model):
    server_id: Optional[str]
    provider: Optional[str]
    images: List[Image]
    _convert = {"images": _model_list("Image")}


class _CredentialFields(Model):
    type: Optional[str]
    username: Optional[str]
    password: Optional[Secret]


class _TrafficFields(Model):
    period: Optional[str]
    month: Optional[str]
    incoming_bytes: Optional[int]
    outgoing_bytes: Optional[int]
    total_bytes: Optional[int]
    limit_bytes: Optional[int]


class _IpAddressFields(Model):
    address: str
    version: Optional[int]
    primary: Optional[bool]


class _MonitorFields(Model):
    cpu_percent: Optional[float]
    memory_used_bytes: Optional[int]
    memory_total_bytes: Optional[int]
    disk_used_bytes: Optional[int]
    disk_total_bytes: Optional[int]
    uptime_seconds: Optional[int]


class _LogEntryFields(Model):
    id: Optional[str]
    server_id: Optional[str]
    action: Optional[str]
    status: Optional[str]
    method: Optional[str]
    path: Optional[str]
    status_code: Optional[int]
    message: Optional[str]
    created_at: Optional[str]


class _JobFields(Model):
    id: str
    server_id: Optional[str]
    action: Optional[str]
    status: Optional[JobStatus]
    progress: Optional[float]
    message: Optional[str]
    created_at: Optional[str]
    updated_at: Optional[str]
    _convert = {"status": _enum(JobStatus)}


class _RawResponseFields(Model):
    status: int
    body: Any


class _AccountFields(Model):
    email: str
    first_name: Optional[str]
    last_name: Optional[str]
    company_name: Optional[str]
    created_at: Optional[str]


class _TokenFields(Model):
    name: str
    permissions: PermissionSet
    created_at: Optional[str]
    last_used_at: Optional[str]
    expires_at: Optional[str]
    is_expired: bool
    _convert = {"permissions": PermissionSet}


class _AccountInfoFields(Model):
    account: Account
    token: Token
    _convert = {"account": _model("Account"), "token": _model("Token")}


# </generated>


class Verdict(Immutable):
    """The answer of a capability check: truthy when allowed. Immutable; equal by value."""

    __slots__ = ("allowed", "reason", "support")

    allowed: bool
    reason: str
    support: Optional[Support]

    def __init__(self, allowed: bool, reason: str, support: Optional[Support]) -> None:
        set_field(self, "allowed", allowed)
        set_field(self, "reason", reason)
        set_field(self, "support", support)

    def __bool__(self) -> bool:
        return self.allowed

    def _key(self) -> Tuple[Any, ...]:
        return (self.allowed, self.reason, self.support)

    def __repr__(self) -> str:
        return f"Verdict(allowed={self.allowed!r}, reason={self.reason!r}, support={self.support!r})"


class Server(_ServerFields):
    """A server of ``list_servers`` / ``get_server``."""

    def can(self, action: Union[str, Action]) -> Verdict:
        """Whether this server may perform ``action`` now, and why (``allowed_actions`` first)."""
        allowed, reason, support = _native.check(_json.dumps(to_plain(self._raw)), str(action))
        return Verdict(allowed, reason, Support(support) if support else None)


class PowerStatus(_PowerStatusFields):
    """``get_status``: the state read live from the backend."""


class Overview(_OverviewFields):
    """``get_overview``: name, region, IP address, status, plan and capabilities."""


class BudgetOutput(_BudgetOutputFields):
    """The documented Budget VPS backend answer to a power action."""

    @property
    def succeeded(self) -> bool:
        """Whether the backend reported success (``status == 1``)."""
        return self.status == 1


class ActionResult(_ActionResultFields):
    """The answer to an action (power, rescue, reinstall, reset-password)."""

    @property
    def budget_output(self) -> Optional[BudgetOutput]:
        """The Budget VPS backend's answer, when ``provider_response`` has that shape."""
        pr = self.provider_response
        if isinstance(pr, dict) and ("output" in pr or "time_taken" in pr):
            return BudgetOutput(pr)
        return None

    @property
    def generated_password(self) -> Optional[Secret]:
        """The password the gateway generated (Premium reset-password), if the answer has one."""
        pr = self.provider_response if isinstance(self.provider_response, dict) else {}
        for key in ("password", "new_password", "root_password"):
            if isinstance(pr.get(key), Secret):
                found: Secret = pr[key]
                return found
        return None


class ConsoleSession(_ConsoleSessionFields):
    """``get_console``: a temporary noVNC URL, which is a secret."""


class RescueStatus(_RescueStatusFields):
    """``get_rescue_status``."""


class Image(_ImageFields):
    """An image (Premium) or OS template (Budget): send ``id`` as ``image_id`` or ``os_id``."""


class ImageList(_ImageListFields):
    """``list_images``."""


class Credential(_CredentialFields):
    """A credential; ``password`` (and any sensitive field in ``extra``) is a :class:`Secret`."""


class Traffic(_TrafficFields):
    """``get_traffic``."""


class IpAddress(_IpAddressFields):
    """An address of ``list_ips``."""


class Monitor(_MonitorFields):
    """``get_monitor``."""


class LogEntry(_LogEntryFields):
    """An entry of ``list_tasks``, ``list_server_actions`` or ``list_logs``."""


class Job(_JobFields):
    """A job of ``list_jobs`` / ``get_job``."""


class RawResponse(_RawResponseFields):
    """The raw escape hatch's answer: status and JSON body (secrets wrapped)."""



def _unix(now: Union[None, int, float, str, Any]) -> int:
    if now is None:
        return int(time.time())
    if isinstance(now, (int, float)):
        return int(now)
    if isinstance(now, str):
        return _native.parse_timestamp(now)
    timestamp = getattr(now, "timestamp", None)
    if callable(timestamp):
        return int(timestamp())
    raise TypeError("now must be None, Unix seconds, an ISO 8601 string or a datetime")


class Account(_AccountFields):
    """The VPS.org account a token belongs to."""


class Token(_TokenFields):
    """The VPS.org token used: name, permissions and life."""

    def expires_within(self, days: int = 7, now: Union[None, int, float, str, Any] = None) -> bool:
        """Whether the token has expired or expires within ``days`` of ``now`` (default: now)."""
        return _native.token_expiry(_json.dumps(to_plain(self._raw)), days, _unix(now))[0]

    def days_left(self, now: Union[None, int, float, str, Any] = None) -> Optional[int]:
        """Whole days before expiry (negative once expired); None when it never expires."""
        return _native.token_expiry(_json.dumps(to_plain(self._raw)), 0, _unix(now))[1]


class AccountInfo(_AccountInfoFields):
    """``get_account``: the account and the token."""