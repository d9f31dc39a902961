#!/usr/bin/env python3
"""The README's examples that CI runs: each file's block between `README:start` and `README:end`
comments must appear in README.md, line by line (indentation aside), so the README shows exactly
what CI ran. Prints one line per example; exits non-zero when one drifted."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = [
    "examples/pytest/test_my_automation.py",
    "wasm/consumers/node-testing/fleet.test.js",
    "bindings/kotlin/consumer/src/test/kotlin/example/consumer/ConsumerTest.kt",
]


def block(path: Path) -> list:
    text = path.read_text(encoding="utf-8")
    found = re.search(r"README:start[^\n]*\n(.*?)\n[^\n]*README:end", text, re.S)
    if not found:
        sys.exit(f"{path}: no README:start / README:end block")
    return [line.strip() for line in found.group(1).splitlines()]


def main() -> None:
    readme = [line.strip() for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()]
    failed = False
    for name in EXAMPLES:
        lines = block(ROOT / name)
        at = [i for i in range(len(readme) - len(lines) + 1) if readme[i:i + len(lines)] == lines]
        print(f"README example {'found' if at else 'MISSING'}: {name} ({len(lines)} lines)")
        failed |= not at
    if failed:
        sys.exit("README.md drifted from the examples CI runs: copy the blocks above into it")


if __name__ == "__main__":
    main()
