#!/usr/bin/env python3
"""Writes the response bodies every host's parse benchmark reads, so each measures the same bytes.

    python3 benches/bodies.py OUT_DIR

- plain-1000.json: a 1,000-server list_servers body with only the members vpskit models.
- realistic-1000.json: the same fleet shaped like a real gateway's answer: members vpskit does
  not model (strings, integers, floats, nested objects and arrays, timestamps), escaped text
  (quotes, backslashes, newlines, tabs, \\u escapes) and non-ASCII text (accents, CJK, emoji).
"""
import json
import os
import sys

PRODUCTS = ["Premium VPS Multi-region", "Budget VPS", "Flexible Dedicated Server"]
ACTIONS = ["status", "start", "stop", "reboot", "reinstall", "console"]
REGIONS = ["US-LA", "EU-ZRH", "AP-TYO", "US"]
NAMES = ["web", "db \"primary\"", "cache\\edge", "Zürich-api", "東京-worker", "build 🚀"]


def plain(i):
    return {
        "id": f"fsrv_{i}",
        "name": f"server {i}",
        "region": "US-LA",
        "product": PRODUCTS[i % 3],
        "status": "active",
        "allowed_actions": list(ACTIONS),
    }


def realistic(i):
    server = plain(i)
    server["name"] = f"{NAMES[i % len(NAMES)]}-{i}"
    server["region"] = REGIONS[i % len(REGIONS)]
    server.update(
        {
            "created_at": f"2026-0{1 + i % 9}-{10 + i % 18}T08:{i % 60:02d}:00Z",
            "ipv4": f"203.0.{i % 256}.{(i * 7) % 256}",
            "ipv6": f"2001:db8::{i:x}",
            "cpu_cores": 1 << (i % 4),
            "memory_mb": 1024 * (1 + i % 16),
            "disk_gb": 20.5 * (1 + i % 8),
            "load": [round(0.01 * (i % 97), 2), 0.5, 1.25],
            "price": {"amount": 4.99 + (i % 10), "currency": "EUR", "period": "month"},
            "tags": ["prod" if i % 2 else "staging", "team-é", "\u2603", "bell\u0007"],
            "notes": "line one\nline two\twith a tab, a \\ and a \"quote\"",
            "labels": {"cost_center": str(1000 + i % 50), "owner": "ops@example.com"},
            "bandwidth": {"in_bytes": 123_456_789 + i, "out_bytes": 987_654_321, "ratio": 0.8125},
            "backup": None,
            "locked": i % 5 == 0,
        }
    )
    return server


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "target/bench-bodies"
    os.makedirs(out, exist_ok=True)
    for name, make in [("plain", plain), ("realistic", realistic)]:
        body = {"success": True, "data": [make(i) for i in range(1000)]}
        # As a server writes it: compact, non-ASCII as UTF-8, some characters escaped.
        text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
        with open(os.path.join(out, f"{name}-1000.json"), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
