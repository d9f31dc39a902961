"""JSON text for the core, with the standard library's ``json`` imported on first use.

``import vpskit`` does not need ``json``, and it is a tenth of the package's import time; the first
call pays for it once (a later import is a dictionary lookup).
"""

from __future__ import annotations

from typing import Any


def dumps(value: Any, **options: Any) -> str:
    """``json.dumps``."""
    import json

    return json.dumps(value, **options)


def loads(text: Any) -> Any:
    """``json.loads``."""
    import json

    return json.loads(text)
