"""``mypy --strict`` passes on the usage example and on the package itself (py.typed and stubs)."""

from __future__ import annotations

from pathlib import Path

import pytest

mypy_api = pytest.importorskip("mypy.api")


def test_mypy_strict_on_usage_example() -> None:
    example = Path(__file__).with_name("usage_example.py")
    stdout, stderr, status = mypy_api.run(["--strict", "--no-incremental", str(example)])
    assert status == 0, stdout + stderr


def test_mypy_strict_on_the_package_itself() -> None:
    # The installed package, as a user's mypy reads it (sources, stubs of the native module).
    stdout, stderr, status = mypy_api.run(["--strict", "--no-incremental", "-p", "vpskit"])
    assert status == 0, stdout + stderr
