"""Starts the mock gateway once per session on a free loopback port (through `vpskit.testing`, as
users do, with this tree's binary); each test gets a reset mock."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Dict, Iterator

import pytest

from vpskit.testing import MockGateway

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"
KEY = "fs_test_mock_valid_key_0001"
TOKEN = "vps_test_mock_deploy_0002"


def _mock_binary() -> str:
    explicit = os.environ.get("VPSKIT_MOCK_BIN")
    candidates = [Path(explicit)] if explicit else []
    candidates += [ROOT / "target" / "debug" / "vpskit-mock", ROOT / "target" / "release" / "vpskit-mock"]
    for path in candidates:
        if path.is_file():
            return str(path)
    raise RuntimeError("vpskit-mock is not built: run `cargo build -p vpskit-mock` (or set VPSKIT_MOCK_BIN)")


#: The suite's mock is the one users get (`vpskit.testing`), started from this tree's build.
Mock = MockGateway


@pytest.fixture(scope="session")
def mock_process() -> Iterator[Mock]:
    with MockGateway.start(_mock_binary()) as gateway:
        yield gateway


@pytest.fixture()
def mock(mock_process: Mock) -> Mock:
    mock_process.reset()
    return mock_process


def load_vectors(name: str) -> Dict[str, Any]:
    data: Dict[str, Any] = json.loads((VECTORS / name).read_text(encoding="utf-8"))
    return data
