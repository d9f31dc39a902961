"""Starts the mock gateway once per session on a free loopback port; each test gets a reset mock."""

from __future__ import annotations

import json
import os
import subprocess
import urllib.request
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"
KEY = "fs_test_mock_valid_key_0001"
TOKEN = "vps_test_mock_deploy_0002"


def _mock_binary() -> Path:
    explicit = os.environ.get("VPSKIT_MOCK_BIN")
    candidates = [Path(explicit)] if explicit else []
    candidates += [ROOT / "target" / "debug" / "vpskit-mock", ROOT / "target" / "release" / "vpskit-mock"]
    for path in candidates:
        if path.is_file():
            return path
    raise RuntimeError("vpskit-mock is not built: run `cargo build -p vpskit-mock` (or set VPSKIT_MOCK_BIN)")


class Mock:
    """The running mock: its base URL and its admin surface."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.base_url = origin + "/api/v1"

    def admin(self, method: str, path: str, body: Any = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.origin + path, data=data, method=method)
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.loads(answer.read())

    def reset(self) -> None:
        self.admin("POST", "/__mock/reset")
        self.admin("DELETE", "/__mock/faults")
        self.admin("DELETE", "/__mock/requests")

    def fault(self, **fault: Any) -> None:
        self.admin("POST", "/__mock/faults", fault)

    def requests(self) -> List[Dict[str, Any]]:
        result: List[Dict[str, Any]] = self.admin("GET", "/__mock/requests")["requests"]
        return result

    def sent(self, method: str, path: str) -> int:
        return sum(1 for r in self.requests() if r["method"] == method and r["path"] == "/api/v1" + path)


@pytest.fixture(scope="session")
def mock_process() -> Iterator[Mock]:
    process = subprocess.Popen(
        [str(_mock_binary()), "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    first = process.stdout.readline().strip()
    assert first.startswith("listening on http://127.0.0.1:"), first
    try:
        yield Mock(first.split("listening on ", 1)[1])
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture()
def mock(mock_process: Mock) -> Mock:
    mock_process.reset()
    return mock_process


def load_vectors(name: str) -> Dict[str, Any]:
    data: Dict[str, Any] = json.loads((VECTORS / name).read_text(encoding="utf-8"))
    return data
