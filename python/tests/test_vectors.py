"""Every conformance vector, run through the Python package (which hands each one to the core)."""

from __future__ import annotations

import base64
import json
from typing import Any, Dict, List

import pytest

import vpskit
from vpskit import _native, operations

from conftest import load_vectors

REQUESTS = load_vectors("requests.json")["vectors"]
RESPONSES = load_vectors("responses.json")["vectors"]
CAPS = load_vectors("capabilities.json")
PERMS = load_vectors("permissions.json")
RETRY = load_vectors("retry.json")
JOBS = load_vectors("jobs.json")["vectors"]
FLOWS = load_vectors("flows.json")["vectors"]


def same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return bool(a == b)


def check_error(error: vpskit.VpskitError, expect: Dict[str, Any], key: str = "") -> None:
    want = expect["error"]
    assert isinstance(error, vpskit.VpskitError)
    assert error.kind == want["kind"], (error, want)
    assert type(error) is vpskit._errors.ERRORS_BY_KIND[want["kind"]]
    if "status" in want:
        assert error.status == want["status"]
    if "code" in want:
        assert error.code == want["code"]
    if "message" in want:
        assert error.message == want["message"]
    for part in want.get("message_contains", []):
        assert part in error.message, (error.message, part)
    for part in want.get("message_excludes", []):
        assert part not in str(error) and part not in repr(error)
    if "retry_after_seconds" in want:
        assert error.retry_after == want["retry_after_seconds"]
    if "request_id" in want:
        assert error.request_id == want["request_id"] and want["request_id"] in str(error)
    if key:
        assert key not in str(error) and key not in repr(error)


@pytest.mark.parametrize("vector", REQUESTS, ids=[v["name"] for v in REQUESTS])
def test_request_vector(vector: Dict[str, Any]) -> None:
    config = vector["config"]
    try:
        cfg = vpskit.Config(config["api"], config["key"], config.get("base_url"), user_agent_host="")
        method, url, headers, body, idempotent = _native.build_request(json.dumps(vector["call"]), cfg)
    except vpskit.VpskitError as error:
        assert "error" in vector["expect"], f"unexpected error {error!r}"
        check_error(error, vector["expect"], config["key"])
        return
    want = vector["expect"]["request"]
    assert method == want["method"]
    assert url == want["url"]
    assert [list(h) for h in headers] == [[k, v.replace("${VERSION}", vpskit.__version__)] for k, v in want["headers"]]
    assert (json.loads(body) if body is not None else None) == want["body"]
    assert idempotent == want["idempotent"]
    assert config["key"] is None or config["key"] not in url


def _response(spec: Dict[str, Any]) -> operations.Response:
    if "body" in spec:
        body = spec["body"].encode("utf-8")
    elif "body_json" in spec:
        body = json.dumps(spec["body_json"], separators=(",", ":")).encode()
    elif "body_fill" in spec:
        body = spec["body_fill"]["byte"].encode() * spec["body_fill"]["size"]
    else:
        body = base64.b64decode(spec["body_base64"])
    return operations.Response(spec["status"], [tuple(h) for h in spec["headers"]], body)


@pytest.mark.parametrize("vector", RESPONSES, ids=[v["name"] for v in RESPONSES])
def test_response_vector(vector: Dict[str, Any]) -> None:
    response = _response(vector["response"])
    try:
        result = _native.parse_response(json.dumps(vector["call"]), response.status, list(response.headers), response.body)
    except vpskit.VpskitError as error:
        assert "error" in vector["expect"], f"unexpected error {error!r}"
        check_error(error, vector["expect"])
        return
    assert "result" in vector["expect"], f"expected an error, got {result!r}"
    assert same(marked(result), vector["expect"]["result"])


LIST_RESPONSES = [v for v in RESPONSES if "result" in v["expect"] and isinstance(v["expect"]["result"], list)
                  and v["expect"]["result"]]


@pytest.mark.parametrize("vector", LIST_RESPONSES, ids=[v["name"] for v in LIST_RESPONSES])
def test_list_models_made_by_the_core_read_as_python_reads_them(vector: Dict[str, Any]) -> None:
    # The core makes each model of a list with every field set (enums looked up, `extra`
    # gathered); the same data given to the class reads each field in Python, on first use
    # (`Model.__getattr__`). Both must agree on every field, types included.
    call = vector["call"]
    op = getattr(operations, call["operation"])(**call.get("args", {}))
    models = operations.parse_response(op, _response(vector["response"]))
    cls = op.convert._cls  # type: ignore[attr-defined]
    assert len(models) == len(vector["expect"]["result"]) and all(type(m) is cls for m in models)
    for model in models:
        in_python = cls(model.raw)
        for name in cls._field_names + ("extra",):
            assert typed(getattr(model, name)) == typed(getattr(in_python, name)), name


def test_list_models_keep_unknown_words_and_missing_fields() -> None:
    body = json.dumps({"success": True, "data": [
        {"id": "fsrv_1", "product": "Quantum VPS", "status": None, "allowed_actions": ["reboot", "teleport"]},
    ]}).encode()
    [server] = operations.parse_response(operations.list_servers(), vpskit.Response(200, [], body))
    assert isinstance(server.product, vpskit.Product) and server.product.value == "Quantum VPS"
    assert server.status is None and server.name is None
    assert server.allowed_actions == [vpskit.Action.REBOOT, vpskit.Action("teleport")]
    assert server.extra == {}
    assert server == vpskit.Server(server.raw)


def typed(value: Any) -> Any:
    """``value`` with each scalar's type beside it, so ``1 == 1.0 == True`` cannot hide a slip."""
    if isinstance(value, vpskit.Secret):
        return ("Secret", value.expose())
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return (type(value).__name__, value)


def marked(value: Any) -> Any:
    """The vectors' form of a result: each :class:`vpskit.Secret` as ``{"$secret": value}``."""
    if isinstance(value, vpskit.Secret):
        return {"$secret": value.expose()}
    if isinstance(value, dict):
        return {k: marked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [marked(v) for v in value]
    return value


def test_every_operation_is_covered() -> None:
    names = set(_native.operations())
    assert names == {v["call"]["operation"] for v in REQUESTS} & names
    assert names == {v["call"]["operation"] for v in RESPONSES} & names


@pytest.mark.parametrize("vector", CAPS["support"], ids=[f'{v["product"]}/{v["action"]}' for v in CAPS["support"]])
def test_support_vector(vector: Dict[str, Any]) -> None:
    level = vpskit.product_support(vector["product"], vector["action"])
    assert (level.value if level else None) == vector["expect"]["support"]


@pytest.mark.parametrize("vector", CAPS["check"], ids=[v["name"] for v in CAPS["check"]])
def test_check_vector(vector: Dict[str, Any]) -> None:
    server = vpskit.Server(vector["server"])
    verdict = vpskit.check(server, vector["action"])
    assert verdict == server.can(vector["action"])
    want = vector["expect"]
    assert verdict.allowed == want["allowed"], verdict
    assert (verdict.support.value if verdict.support else None) == want["support"]
    if "reason" in want:
        assert verdict.reason == want["reason"]
    for part in want.get("reason_contains", []):
        assert part in verdict.reason


@pytest.mark.parametrize("vector", CAPS["preflight"], ids=[v["name"] for v in CAPS["preflight"]])
def test_preflight_vector(vector: Dict[str, Any]) -> None:
    try:
        _native.preflight(json.dumps(vector["call"]), json.dumps(vector["server"]))
    except vpskit.VpskitError as error:
        check_error(error, vector["expect"])
    else:
        assert vector["expect"].get("ok") is True


@pytest.mark.parametrize("vector", PERMS["allows"], ids=[v["name"] for v in PERMS["allows"]])
def test_permission_vector(vector: Dict[str, Any]) -> None:
    permissions = vpskit.PermissionSet(vector["permissions"])
    try:
        allowed = permissions.allows(vector["query"])
    except vpskit.VpskitError as error:
        check_error(error, vector["expect"])
    else:
        assert allowed == vector["expect"]["allowed"]


@pytest.mark.parametrize("vector", PERMS["expiry"], ids=[v["name"] for v in PERMS["expiry"]])
def test_expiry_vector(vector: Dict[str, Any]) -> None:
    token = vpskit.Token(vector["token"])
    try:
        within = token.expires_within(vector["days"], now=vector["now"])
        left = token.days_left(now=vector["now"])
    except vpskit.VpskitError as error:
        check_error(error, vector["expect"])
    else:
        assert (within, left) == (vector["expect"]["expires_within"], vector["expect"]["days_left"])


@pytest.mark.parametrize("vector", RETRY["vectors"], ids=[v["name"] for v in RETRY["vectors"]])
def test_retry_vector(vector: Dict[str, Any]) -> None:
    policy = RETRY["policy"]
    assert (policy["max_attempts"], policy["base_delay_ms"], policy["max_delay_ms"], policy["max_retry_after_ms"]) == _native.DEFAULT_RETRY_POLICY
    outcome = vector["outcome"]
    if outcome["type"] == "status":
        kind, status, retry_after, sent = "server", outcome["status"], outcome.get("retry_after_seconds"), None
    else:
        kind, status, retry_after, sent = "transport", None, None, outcome["sent"] == "maybe"
    wait = _native.retry_decide(vector["idempotent"], vector["attempt"], kind, status, retry_after, sent, vector["seed"])
    want = vector["expect"]
    assert wait == (want["after_ms"] if want["decision"] == "retry" else None)


@pytest.mark.parametrize("vector", JOBS, ids=[v["name"] for v in JOBS])
def test_job_vector(vector: Dict[str, Any]) -> None:
    state, after_ms, reason = _native.job_judge(json.dumps(vector["job"]), vector["polls"], vector["elapsed_ms"], vector["timeout_ms"])
    want: Dict[str, Any] = {"state": state}
    if after_ms is not None:
        want["after_ms"] = after_ms
    if reason is not None:
        want["reason"] = reason
    assert want == vector["expect"]


def _flow(vector: Dict[str, Any]) -> _native.Flow:
    config = vector["config"]
    cfg = vpskit.Config(config["api"], config["key"], config.get("base_url"), user_agent_host="")
    seed = vector["options"]["seed"]
    if "wait_for_jobs" in vector:
        waits = vector["wait_for_jobs"]
        ids = waits["job_ids"]
        op = operations.get_job(ids[0] if ids else "job")
        return op._jobs_flow(cfg, None, seed, (waits["timeout_ms"], 1000, 10000), ids)
    if "wait_for_job" in vector:
        wait = vector["wait_for_job"]
        return operations.get_job(wait["job_id"])._job_flow(cfg, None, seed, (wait["timeout_ms"], 1000, 10000))
    call = vector["call"]
    op = getattr(operations, call["operation"])(**call.get("args", {}))
    held = json.dumps(vector["server"]) if "server" in vector else None
    return op._flow(cfg, vector["options"]["preflight"], None, seed, held)


def _outcome(run: Any) -> Any:
    """A flow method's next step, or ``("error", e)`` when the flow ended in an error."""
    try:
        return run()
    except vpskit.VpskitError as error:
        return ("error", error)


@pytest.mark.parametrize("vector", FLOWS, ids=[v["name"] for v in FLOWS])
def test_flow_vector(vector: Dict[str, Any]) -> None:
    """Drives the core's flow (``_native.Flow``, as the clients do) through the vector's script."""
    flow: Any = None
    pending: Any = None  # the step the flow gave and the script has not matched yet
    events: List[Any] = []

    def stepped(run: Any) -> Any:
        outcome = _outcome(run)
        event = flow.take_event()
        if event is not None:
            events.append(json.loads(event))
        return outcome

    try:
        flow = _flow(vector)
    except vpskit.VpskitError as error:  # bad input is refused before the flow exists
        pending = ("error", error)
    for entry in vector["script"]:
        if "cancel" in entry and "send" not in entry and "sleep" not in entry:
            if pending is None:
                flow.cancel()
            continue
        step, value = pending if pending is not None else stepped(flow.step)
        pending = None
        if "send" in entry:
            assert step == "send", f"expected {entry}, got {step} {value!r}"
            purpose, attempt = flow.sent
            assert {"method": value.method, "url": value.url, "purpose": purpose, "attempt": attempt} == entry["send"]
            if "answer" in entry:
                response = _response(entry["answer"])
                pending = stepped(lambda: flow.received(response))
            elif "fail" in entry:
                fail = entry["fail"]
                pending = stepped(lambda: flow.failed(fail["message"], fail["sent"] == "maybe"))
            else:
                flow.cancel()
        elif "sleep" in entry:
            assert (step, value) == ("sleep", entry["sleep"])
            if entry.get("cancel"):
                flow.cancel()
        elif "progress" in entry:
            assert step == "progress", f"expected {entry}, got {step} {value!r}"
            assert str(value.status) == entry["progress"]["status"]
        else:
            want = entry["done"]
            if "error" in want:
                assert step == "error", f"expected an error, got {step} {value!r}"
                check_error(value, want, vector["config"]["key"])
            else:
                assert step == "done", f"expected done, got {step} {value!r}"
                if "status" in want:
                    assert str(value.status) == want["status"]
                if "outcomes" in want:
                    assert len(value) == len(want["outcomes"])
                    for (job, error), expected in zip(value, want["outcomes"]):
                        if "error" in expected:
                            check_error(error, expected, vector["config"]["key"])
                        else:
                            assert error is None and str(job.status) == expected["status"]
            assert vector["config"]["key"] not in json.dumps(events)
            if "events" in vector:
                assert events == vector["events"]
            return
    raise AssertionError("the script ended before the flow did")


THROTTLE = load_vectors("throttle.json")["vectors"]


@pytest.mark.parametrize("vector", THROTTLE, ids=[v["name"] for v in THROTTLE])
def test_throttle_vector(vector: Dict[str, Any]) -> None:
    try:
        pace = _native.Throttle(vector["max_requests_per_second"])
    except vpskit.VpskitError as error:
        check_error(error, vector["expect"])
        return
    assert "expect" not in vector
    for entry in vector["script"]:
        if "admit" in entry:
            assert pace.admit(entry["admit"]) == entry["wait"], entry
        else:
            answer = dict(entry["observe"], body="")
            pace.observe(_response(answer), entry["at"])
