"""Open string enums: a member per documented value, and any other value accepted as it is."""

from __future__ import annotations

from enum import Enum
from typing import Any, Optional, TypeVar


E = TypeVar("E", bound="OpenEnum")


class OpenEnum(str, Enum):
    """A ``str`` enum that accepts values it does not list (``is_known`` tells them apart).

    >>> Product("Budget VPS") is Product.BUDGET_VPS
    True
    >>> Product("Cloud GPU").value, Product("Cloud GPU").is_known
    ('Cloud GPU', False)
    """

    @classmethod
    def _missing_(cls, value: object) -> Optional["OpenEnum"]:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member

    @property
    def is_known(self) -> bool:
        """Whether this is a documented value."""
        return self._name_ in type(self).__members__

    def __str__(self) -> str:
        return str(self.value)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.value!r})"

    def __reduce_ex__(self, protocol: Any) -> Any:
        return (type(self), (self.value,))


# <generated from the core's declarations (tests/generated.rs)>
class Product(OpenEnum):
    """A FaithServer product."""

    PREMIUM_VPS = "Premium VPS Multi-region"
    BUDGET_VPS = "Budget VPS"
    FLEXIBLE_DEDICATED = "Flexible Dedicated Server"


class Action(OpenEnum):
    """An action word of ``allowed_actions``, and the features of the product matrix."""

    STATUS = "status"
    OVERVIEW = "overview"
    START = "start"
    STOP = "stop"
    REBOOT = "reboot"
    CONSOLE = "console"
    RESCUE = "rescue"
    WOL = "wol"
    IMAGES = "images"
    REINSTALL = "reinstall"
    RESET_PASSWORD = "reset-password"
    CREDENTIALS = "credentials"
    TRAFFIC = "traffic"
    IPS = "ips"
    MONITOR = "monitor"
    TASKS = "tasks"


class ServerStatus(OpenEnum):
    """A server's state as the gateway reports it: service state in ``/servers`` (``active``), power state in ``/status`` (``running``, ``stopped``)."""

    ACTIVE = "active"
    RUNNING = "running"
    STOPPED = "stopped"
    OFF = "off"
    STARTING = "starting"
    STOPPING = "stopping"
    REBOOTING = "rebooting"
    SUSPENDED = "suspended"
    PENDING = "pending"


class JobStatus(OpenEnum):
    """A job's status. The words are not documented: these are the ones vpskit has seen or expects; ``JobWaiter`` decides which are terminal."""

    PENDING = "pending"
    QUEUED = "queued"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"


# </generated>


class Support(str, Enum):
    """A level of the product matrix."""

    YES = "yes"
    IF_AVAILABLE = "if_available"
    LIMITED = "limited"
    PLANNED = "planned"
    NO = "no"
