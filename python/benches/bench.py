"""vpskit's Python figures, each next to a hand-written baseline timed in the same run.

Run with the vpskit wheel installed: ``python benches/bench.py --bodies DIR --out result.json [--smoke]``
(DIR holds the bodies of ``benches/bodies.py``: the same bytes every host's benchmark reads).
Prints a table and writes the figures as JSON for ``scripts/bench_report.py``. Timing: each side
runs in alternating rounds and the median round is kept, so a noisy neighbour hurts both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Tuple

import vpskit
from vpskit import operations

PRODUCTS = ["Premium VPS Multi-region", "Budget VPS", "Flexible Dedicated Server"]


def fleet_body(n: int) -> bytes:
    servers = [
        {"id": f"fsrv_{i}", "name": f"server {i}", "region": "US-LA", "product": PRODUCTS[i % 3],
         "status": "active", "allowed_actions": ["status", "start", "stop", "reboot", "reinstall", "console"]}
        for i in range(n)
    ]
    return json.dumps({"success": True, "data": servers}).encode()


# --- The baseline: what a user would write by hand with the standard library. ---------------------

@dataclass
class PlainServer:
    id: str
    name: Optional[str]
    region: Optional[str]
    product: str
    status: Optional[str]
    allowed_actions: List[str]
    extra: Dict[str, Any]


KNOWN = frozenset(("id", "name", "region", "product", "status", "allowed_actions"))


def plain_parse(body: bytes) -> List[PlainServer]:
    """Every other member is kept in ``extra``, as vpskit keeps it (dropping it would be less work)."""
    document = json.loads(body)
    if document.get("success") is not True:
        raise RuntimeError(document.get("message"))
    return [
        PlainServer(d["id"], d.get("name"), d.get("region"), d["product"], d.get("status"), list(d["allowed_actions"]),
                    {k: v for k, v in d.items() if k not in KNOWN})
        for d in document["data"]
    ]


class PlainClient:
    """A minimal hand-written client: build the request, send it, check and map the answer."""

    def __init__(self, key: str, base_url: str, transport: Any) -> None:
        self._headers = [("Authorization", f"Bearer {key}"), ("Accept", "application/json"),
                         ("User-Agent", "hand-written/1.0")]
        self._base_url = base_url.rstrip("/")
        self._transport = transport

    def get_server(self, id: str) -> PlainServer:
        from urllib.parse import quote
        request = vpskit.Request("GET", f"{self._base_url}/servers/{quote(id, safe='')}", list(self._headers), None, True)
        response = self._transport.send(request)
        document = json.loads(response.body)
        if response.status != 200 or document.get("success") is not True:
            raise RuntimeError(document.get("message"))
        d = document["data"]
        return PlainServer(d["id"], d.get("name"), d.get("region"), d["product"], d.get("status"),
                           list(d["allowed_actions"]), {k: v for k, v in d.items() if k not in KNOWN})


class MemoryTransport:
    """Answers every request with the same response, in memory."""

    def __init__(self, body: bytes) -> None:
        self._response = vpskit.Response(200, [("Content-Type", "application/json")], body)

    def send(self, request: Any) -> Any:
        return self._response


# --- Timing ----------------------------------------------------------------------------------------

def paired(baseline: Callable[[], Any], subject: Callable[[], Any], loops: int, rounds: int) -> Tuple[float, float, float]:
    """Median seconds per call of each side, and the median of the per-round ratios (each round
    times both sides back to back, so a slow patch of the machine hurts a round's two sides alike)."""
    base_times: List[float] = []
    subject_times: List[float] = []
    for _ in range(rounds):
        for fn, times in ((baseline, base_times), (subject, subject_times)):
            start = time.perf_counter()
            for _ in range(loops):
                fn()
            times.append((time.perf_counter() - start) / loops)
    ratios = [s / b for s, b in zip(subject_times, base_times)]
    return statistics.median(base_times), statistics.median(subject_times), statistics.median(ratios)


def import_time_ms(runs: int) -> Tuple[float, float]:
    """Fastest wall time of ``python -c pass`` (the baseline) and of ``python -c 'import vpskit'``.

    The two run alternately, and the fastest run of each is kept (as ``timeit`` advises): a
    start-up is short and reads files, so a noisy neighbour only ever adds to it, and the fastest
    run is the one it spared.
    """
    def once(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    base, ours = [], []
    for _ in range(runs):
        base.append(once("pass"))
        ours.append(once("import vpskit"))
    return min(base) * 1000, min(ours) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--bodies", required=True, help="the directory benches/bodies.py wrote")
    parser.add_argument("--wheel", help="the wheel file, for its size")
    parser.add_argument("--smoke", action="store_true", help="a few loops: checks the benchmarks run, judges nothing")
    args = parser.parse_args()
    loops, rounds = (2, 3) if args.smoke else (20, 31)

    figures: List[Dict[str, Any]] = []

    op = operations.list_servers()

    def read_all(servers: Any) -> int:
        return sum(len((s.id, s.name, s.region, s.product, s.status, s.allowed_actions, s.extra)) for s in servers)

    for kind in ("plain", "realistic"):
        with open(os.path.join(args.bodies, f"{kind}-1000.json"), "rb") as f:
            body = f.read()
        response = vpskit.Response(200, [("Content-Type", "application/json")], body)
        ours_parsed = operations.parse_response(op, response)
        assert [s.extra for s in plain_parse(body)] == [s.extra for s in ours_parsed]
        base, ours, ratio = paired(lambda: plain_parse(body), lambda: operations.parse_response(op, response),
                                   loops, rounds)
        figures.append({"id": f"python_parse_1000_{kind}",
                        "figure": f"Python: parse of a 1,000-server list_servers body ({kind})",
                        "baseline": "json.loads + dataclasses by hand, unmodelled members kept", "unit": "ms",
                        "baseline_value": base * 1e3, "value": ours * 1e3, "ratio": ratio, "target": "report",
                        "met": None})
        base, ours, ratio = paired(lambda: read_all(plain_parse(body)),
                                   lambda: read_all(operations.parse_response(op, response)), loops, rounds)
        figures.append({"id": f"python_parse_read_1000_{kind}",
                        "figure": f"Python: parse of 1,000 servers, then every field of every model read ({kind})",
                        "baseline": "the same over json.loads + dataclasses", "unit": "ms",
                        "baseline_value": base * 1e3, "value": ours * 1e3, "ratio": ratio, "target": "<= 1.0x",
                        "met": ratio <= 1.0})

    one = json.dumps({"success": True, "data": json.loads(fleet_body(1))["data"][0]}).encode()
    transport = MemoryTransport(one)
    client = vpskit.FaithServerClient("fs_live_bench_key", base_url="http://127.0.0.1:9/api/v1", transport=transport)
    plain = PlainClient("fs_live_bench_key", "http://127.0.0.1:9/api/v1", transport)
    assert client.get_server("fsrv_0").id == plain.get_server("fsrv_0").id == "fsrv_0"
    call_loops = loops * 50
    # Each side reads a field of the result it made.
    base, ours, ratio = paired(lambda: plain.get_server("fsrv_0").id, lambda: client.get_server("fsrv_0").id, call_loops, rounds)
    figures.append({"id": "python_call_overhead", "figure": "Python: per-call overhead of get_server over an in-memory transport",
                    "baseline": "hand-written pure-Python client (build, send, json.loads, check, dataclass)",
                    "unit": "us", "baseline_value": base * 1e6, "value": ours * 1e6, "ratio": ratio,
                    "target": "<= 1.0x", "met": ratio <= 1.0})

    python_ms, import_ms = import_time_ms(3 if args.smoke else 15)
    cost = import_ms - python_ms
    figures.append({"id": "python_import", "figure": "Python: `import vpskit` time (interpreter start-up subtracted)",
                    "baseline": f"`python -c pass` ({python_ms:.1f} ms)", "unit": "ms", "value": cost,
                    "target": "<= 30 ms", "met": cost <= 30})
    if args.wheel:
        size = os.path.getsize(args.wheel)
        figures.append({"id": "python_wheel", "figure": "Python: wheel size", "baseline": None, "unit": "KB",
                        "value": size / 1024, "target": "<= 1.5 MB", "met": size <= 1.5 * 1024 * 1024})

    for f in figures:
        ratio = f" ratio {f['ratio']:.2f}x" if "ratio" in f else ""
        print(f"{f['figure']}: {f['value']:.2f} {f['unit']}{ratio} (target {f['target']})")
    with open(args.out, "w") as out:
        json.dump({"host": "python", "smoke": args.smoke, "python": sys.version.split()[0], "figures": figures}, out, indent=1)


if __name__ == "__main__":
    main()
