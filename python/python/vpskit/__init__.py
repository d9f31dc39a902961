"""vpskit: a typed, secret-safe SDK for the FaithServer Gateway API and the VPS.org account API.

>>> import vpskit
>>> client = vpskit.FaithServerClient("fs_live_example", base_url="http://127.0.0.1:8080/api/v1")
>>> vpskit.product_support("Budget VPS", "console")
<Support.NO: 'no'>

The Rust core builds every request, parses every response, checks capabilities and decides
retries; this package gives it Python types, transports and asyncio.
"""

from typing import Optional, Union

from . import _native, operations
from ._client import AsyncFaithServerClient, AsyncVpsOrgClient, FaithServerClient, RetryPolicy, ServerRef, VpsOrgClient
from ._enums import Action, JobStatus, Product, ServerStatus, Support
from ._errors import (
    AbortedError, AuthError, DecodeError, InternalError, NotAllowedError, NotFoundError, RateLimitedError, ServerError,
    TransportError,
    ValidationError, VpskitError,
)
from ._outcomes import BulkOutcome, JobOutcome, RateLimit
from ._models import (
    Account, AccountInfo, ActionResult, BudgetOutput, ConsoleSession, Credential, Image, ImageList, IpAddress, Job,
    LogEntry, Model, Monitor, Overview, PermissionSet, PowerStatus, RawResponse, RescueStatus, Server, Token, Traffic,
    Verdict,
)
from ._native import Config
from ._secret import Secret
from ._transport import (
    AsyncHttpxTransport, AsyncTransport, HttpxTransport, Request, RequestsTransport, Response, Transport,
    UrllibTransport,
)

__version__: str = _native.VERSION


def check(server: Server, action: Union[str, Action]) -> Verdict:
    """Whether ``server`` may perform ``action`` now, and why: ``allowed_actions`` first, then the
    product matrix (the same as ``server.can(action)``)."""
    return server.can(action)


def product_support(product: Union[str, Product], feature: Union[str, Action]) -> Optional[Support]:
    """The product matrix level of ``feature`` for ``product``; None when either is unknown."""
    level = _native.product_support(str(product), str(feature))
    return Support(level) if level is not None else None


__all__ = [
    "AbortedError", "Account", "AccountInfo", "Action", "ActionResult", "AsyncFaithServerClient", "AsyncHttpxTransport",
    "AsyncTransport", "AsyncVpsOrgClient", "AuthError", "BulkOutcome", "BudgetOutput", "Config", "ConsoleSession", "Credential",
    "DecodeError", "FaithServerClient", "HttpxTransport", "Image", "ImageList", "IpAddress", "Job", "JobOutcome", "JobStatus",
    "LogEntry", "Model", "Monitor", "NotAllowedError", "NotFoundError", "Overview", "PermissionSet", "PowerStatus",
    "Product", "RateLimit", "RateLimitedError", "RawResponse", "Request", "RequestsTransport", "RescueStatus", "Response",
    "RetryPolicy", "ServerRef", "Secret", "Server", "ServerError", "ServerStatus", "Support", "Token", "Traffic", "Transport",
    "InternalError", "TransportError", "UrllibTransport", "ValidationError", "Verdict", "VpsOrgClient", "VpskitError", "check",
    "operations", "product_support", "__version__",
]
