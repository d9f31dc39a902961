"""Every public item of the package has a docstring: the API reference (pdoc, built in CI with
warnings as errors) documents each one."""

from __future__ import annotations

import inspect
from typing import List

import vpskit
import vpskit.operations
import vpskit.testing


def _undocumented() -> List[str]:
    missing: List[str] = []
    for module in (vpskit, vpskit.operations, vpskit.testing):
        names = getattr(module, "__all__", None) or [n for n in dir(module) if not n.startswith("_")]
        for name in names:
            obj = getattr(module, name)
            if inspect.ismodule(obj) or not (inspect.isclass(obj) or inspect.isroutine(obj)):
                continue  # constants and type aliases are documented where they are assigned
            where = f"{module.__name__}.{name}"
            if not (inspect.getdoc(obj) or "").strip():
                missing.append(where)
            if inspect.isclass(obj):
                for attr, value in vars(obj).items():
                    if attr.startswith("_"):
                        continue
                    if inspect.isroutine(value) or isinstance(value, (property, staticmethod, classmethod)):
                        if not (inspect.getdoc(value) or "").strip():
                            missing.append(f"{where}.{attr}")
    return missing


def test_every_public_item_has_a_docstring() -> None:
    assert _undocumented() == []
