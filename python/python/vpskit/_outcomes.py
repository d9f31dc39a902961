"""The small records the clients return besides models: bulk and job-wait outcomes, and the
rate-limit state. Named tuples (they unpack), in a module without postponed annotations so their
field types stay real types for documentation tools and ``typing.get_type_hints``."""

from typing import Any, NamedTuple, Optional

from ._errors import VpskitError
from ._models import Job


class BulkOutcome(NamedTuple):
    """One server's outcome in :meth:`FaithServerClient.bulk`: its result, or the error it met."""

    server_id: str
    result: Any
    error: Optional[VpskitError]

    @property
    def ok(self) -> bool:
        """Whether the action succeeded on this server."""
        return self.error is None


class JobOutcome(NamedTuple):
    """One job's outcome in ``wait_for_jobs``: the finished job, or why its wait ended."""

    job_id: str
    job: Optional[Job]
    error: Optional[VpskitError]

    @property
    def ok(self) -> bool:
        """Whether the job finished well."""
        return self.error is None


class RateLimit(NamedTuple):
    """A rate-limit state a gateway reported: requests per window, those left, seconds until the
    window resets (each ``None`` when not sent)."""

    limit: Optional[int]
    remaining: Optional[int]
    reset_seconds: Optional[int]
