//! Runs every conformance vector in `tests/vectors/` against the core.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use base64::Engine as _;
use serde_json::{json, Value};
use vpskit::faithserver::{check, product_support, Action, Job, Product, Server};
use vpskit::flow::{Flow, FlowOptions, JobFlow, JobOutcomes, JobsFlow, Step, Steps, Throttle};
use vpskit::vpsorg::{PermissionSet, Timestamp, Token};
use vpskit::{
    Api, Call, Config, Error, HttpResponse, JobWaiter, KeyCase, Outcome, RequestSent, RetryPolicy,
};

fn load(file: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn array<'a>(root: &'a Value, key: &str) -> &'a Vec<Value> {
    root[key]
        .as_array()
        .unwrap_or_else(|| panic!("missing array {key}"))
}

/// JSON equality where numbers compare by value (40 == 40.0) and objects ignore member order.
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_json(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

fn config(v: &Value) -> Result<Config, Error> {
    let api: Api = serde_json::from_value(v["api"].clone()).expect("api");
    Config::of(
        api,
        v["key"].as_str(),
        v.get("base_url").and_then(Value::as_str),
    )
}

fn check_error(name: &str, err: &Error, expect: &Value, key: Option<&str>) {
    let e = &expect["error"];
    assert_eq!(
        err.kind().as_str(),
        e["kind"].as_str().unwrap(),
        "{name}: kind ({err})"
    );
    if let Some(status) = e.get("status") {
        assert_eq!(
            err.status().map(u64::from),
            status.as_u64(),
            "{name}: status ({err})"
        );
    }
    if let Some(code) = e.get("code") {
        assert_eq!(
            serde_json::to_value(err.code()).unwrap(),
            *code,
            "{name}: code ({err})"
        );
    }
    if let Some(message) = e.get("message") {
        assert_eq!(err.message(), message.as_str().unwrap(), "{name}: message");
    }
    for part in e
        .get("message_contains")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let part = part.as_str().unwrap();
        assert!(
            err.message().contains(part),
            "{name}: message {:?} lacks {part:?}",
            err.message()
        );
    }
    for part in e
        .get("message_excludes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let part = part.as_str().unwrap();
        assert!(
            !err.to_string().contains(part),
            "{name}: message {err} shows {part:?}"
        );
    }
    if let Some(seconds) = e.get("retry_after_seconds") {
        assert_eq!(
            err.retry_after().map(|d| d.as_secs()),
            seconds.as_u64(),
            "{name}: retry_after"
        );
    }
    if let Some(key) = key.filter(|k| !k.is_empty()) {
        assert!(
            !err.to_string().contains(key),
            "{name}: error shows the key"
        );
        assert!(
            !format!("{err:?}").contains(key),
            "{name}: error Debug shows the key"
        );
    }
    if let Some(id) = e.get("request_id") {
        assert_eq!(err.request_id(), id.as_str(), "{name}: request id");
        assert!(
            err.to_string().contains(id.as_str().unwrap()),
            "{name}: request id printed"
        );
    }
}

#[test]
fn request_vectors() {
    let root = load("requests.json");
    let vectors = array(&root, "vectors");
    assert!(vectors.len() >= 28);
    for v in vectors {
        let name = v["name"].as_str().unwrap();
        let key = v["config"]["key"].as_str();
        let outcome = config(&v["config"]).and_then(|cfg| {
            Call::from_value(v["call"].clone()).and_then(|call| call.request(&cfg))
        });
        match (outcome, v["expect"].get("request")) {
            (Ok(req), Some(want)) => {
                assert_eq!(req.method.as_str(), want["method"], "{name}: method");
                assert_eq!(req.url, want["url"], "{name}: url");
                let headers: Vec<Value> = want["headers"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|h| {
                        json!([
                            h[0],
                            h[1].as_str()
                                .unwrap()
                                .replace("${VERSION}", vpskit::VERSION)
                        ])
                    })
                    .collect();
                let got: Vec<Value> = req.headers.iter().map(|(k, v)| json!([k, v])).collect();
                assert_eq!(got, headers, "{name}: headers");
                let body = req
                    .body
                    .as_ref()
                    .map(|b| serde_json::from_slice::<Value>(b).unwrap());
                assert_eq!(body.unwrap_or(Value::Null), want["body"], "{name}: body");
                assert_eq!(
                    req.idempotent,
                    want["idempotent"].as_bool().unwrap(),
                    "{name}: idempotent"
                );
                if let Some(key) = key {
                    assert!(
                        !format!("{req:?}").contains(key),
                        "{name}: Debug shows the key"
                    );
                    assert!(!req.url.contains(key), "{name}: key in the URL");
                }
            }
            (Err(err), None) => check_error(name, &err, &v["expect"], key),
            (Ok(req), None) => panic!("{name}: expected an error, got {req:?}"),
            (Err(err), Some(_)) => panic!("{name}: expected a request, got {err}"),
        }
    }
}

fn response(v: &Value) -> HttpResponse {
    let headers = v["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h[0].as_str().unwrap().to_string(),
                h[1].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let body = if let Some(text) = v.get("body") {
        text.as_str().unwrap().as_bytes().to_vec()
    } else if let Some(json) = v.get("body_json") {
        serde_json::to_vec(json).unwrap()
    } else if let Some(fill) = v.get("body_fill") {
        let byte = fill["byte"].as_str().unwrap().as_bytes()[0];
        vec![byte; fill["size"].as_u64().unwrap() as usize]
    } else {
        base64::engine::general_purpose::STANDARD
            .decode(v["body_base64"].as_str().unwrap())
            .unwrap()
    };
    HttpResponse::new(v["status"].as_u64().unwrap() as u16, headers, body)
}

#[test]
fn response_vectors() {
    let root = load("responses.json");
    let vectors = array(&root, "vectors");
    for v in vectors {
        let name = v["name"].as_str().unwrap();
        let call = Call::from_value(v["call"].clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let parsed = call.parse(&response(&v["response"]));
        assert_text_form_agrees(name, &call, &response(&v["response"]), &parsed);
        match (parsed, v["expect"].get("result")) {
            (Ok(got), Some(want)) => {
                assert!(same_json(&got, want), "{name}:\n got  {got}\n want {want}")
            }
            (Err(err), None) => check_error(name, &err, &v["expect"], None),
            (Ok(got), None) => panic!("{name}: expected an error, got {got}"),
            (Err(err), Some(_)) => panic!("{name}: expected a result, got {err}"),
        }
    }
}

/// `Call::parse_json` (text, snake or camel names) says what `Call::parse` says.
fn assert_text_form_agrees(
    name: &str,
    call: &Call,
    response: &HttpResponse,
    parsed: &Result<Value, Error>,
) {
    for case in [KeyCase::Snake, KeyCase::Camel] {
        match (call.parse_json(response, case), parsed) {
            (Ok(json), Ok(value)) => {
                let text: Value = serde_json::from_str(&json.text).unwrap();
                let want = renamed(value, case);
                assert_eq!(text, want, "{name} ({case:?})");
                assert_eq!(json.has_secret, json.text.contains("\"$secret\""), "{name}");
            }
            (Err(a), Err(b)) => {
                assert_eq!((a.kind(), a.message()), (b.kind(), b.message()), "{name}")
            }
            (a, b) => panic!("{name} ({case:?}): text form {a:?}, value form {b:?}"),
        }
    }
}

fn renamed(value: &Value, case: KeyCase) -> Value {
    match value {
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| (case.rename(k), renamed(v, case)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|v| renamed(v, case)).collect()),
        other => other.clone(),
    }
}

#[test]
fn every_operation_has_request_and_response_vectors() {
    let requests = load("requests.json");
    let responses = load("responses.json");
    let named = |root: &Value| -> Vec<String> {
        array(root, "vectors")
            .iter()
            .map(|v| v["call"]["operation"].as_str().unwrap().to_string())
            .collect()
    };
    let (req_ops, resp_ops) = (named(&requests), named(&responses));
    for op in vpskit::OPERATIONS {
        assert!(
            req_ops.iter().any(|o| o == op),
            "no request vector for {op}"
        );
        assert!(
            resp_ops.iter().any(|o| o == op),
            "no response vector for {op}"
        );
    }
}

fn server(v: &Value) -> Server {
    Server::from_json(&v.to_string()).expect("server")
}

#[test]
fn capability_vectors() {
    let root = load("capabilities.json");
    for v in array(&root, "support") {
        let got = product_support(
            &Product::parse(v["product"].as_str().unwrap()),
            &Action::parse(v["action"].as_str().unwrap()),
        );
        assert_eq!(
            serde_json::to_value(got).unwrap(),
            v["expect"]["support"],
            "{v}"
        );
    }
    // Every documented product x every documented action is covered.
    for product in Product::KNOWN {
        for action in Action::KNOWN {
            assert!(
                array(&root, "support")
                    .iter()
                    .any(|v| v["product"] == product.as_str() && v["action"] == action.as_str()),
                "no support vector for {product} / {action}"
            );
        }
    }
    for v in array(&root, "check") {
        let name = v["name"].as_str().unwrap();
        let (server, action) = (
            server(&v["server"]),
            Action::parse(v["action"].as_str().unwrap()),
        );
        let verdict = check(&server, &action);
        let e = &v["expect"];
        assert_eq!(
            verdict.allowed,
            e["allowed"].as_bool().unwrap(),
            "{name}: {}",
            verdict.reason()
        );
        assert_eq!(
            serde_json::to_value(verdict.support).unwrap(),
            e["support"],
            "{name}: support"
        );
        if let Some(reason) = e.get("reason") {
            assert_eq!(verdict.reason(), reason.as_str().unwrap(), "{name}: reason");
        }
        for part in e
            .get("reason_contains")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            assert!(
                verdict.reason().contains(part.as_str().unwrap()),
                "{name}: reason {:?}",
                verdict.reason()
            );
        }
    }
    for v in array(&root, "preflight") {
        let name = v["name"].as_str().unwrap();
        let call = Call::from_value(v["call"].clone()).unwrap();
        match call.preflight(&server(&v["server"])) {
            Ok(()) => assert_eq!(v["expect"]["ok"], true, "{name}: expected an error"),
            Err(err) => check_error(name, &err, &v["expect"], None),
        }
    }
}

#[test]
fn permission_vectors() {
    let root = load("permissions.json");
    for v in array(&root, "allows") {
        let name = v["name"].as_str().unwrap();
        let strings: Vec<String> = serde_json::from_value(v["permissions"].clone()).unwrap();
        let set = PermissionSet::from_strings(strings);
        match set.allows(v["query"].as_str().unwrap()) {
            Ok(allowed) => assert_eq!(Some(allowed), v["expect"]["allowed"].as_bool(), "{name}"),
            Err(err) => check_error(name, &err, &v["expect"], None),
        }
    }
    for v in array(&root, "expiry") {
        let name = v["name"].as_str().unwrap();
        let token = Token::from_json(&v["token"].to_string()).unwrap();
        let now = Timestamp::parse(v["now"].as_str().unwrap()).unwrap();
        let days = v["days"].as_u64().unwrap() as u32;
        match token
            .expires_within(days, now)
            .and_then(|w| token.days_left(now).map(|d| (w, d)))
        {
            Ok((within, left)) => {
                assert_eq!(
                    Some(within),
                    v["expect"]["expires_within"].as_bool(),
                    "{name}"
                );
                assert_eq!(
                    serde_json::to_value(left).unwrap(),
                    v["expect"]["days_left"],
                    "{name}: days_left"
                );
            }
            Err(err) => check_error(name, &err, &v["expect"], None),
        }
    }
}

#[test]
fn retry_vectors() {
    let root = load("retry.json");
    let policy: RetryPolicy = serde_json::from_value(root["policy"].clone()).unwrap();
    assert_eq!(
        policy,
        RetryPolicy::default(),
        "the vectors' policy is the default policy"
    );
    for v in array(&root, "vectors") {
        let outcome: Outcome = serde_json::from_value(v["outcome"].clone()).unwrap();
        let decision = policy.decide(
            v["idempotent"].as_bool().unwrap(),
            v["attempt"].as_u64().unwrap() as u32,
            &outcome,
            v["seed"].as_u64().unwrap(),
        );
        assert_eq!(
            serde_json::to_value(decision).unwrap(),
            v["expect"],
            "{}",
            v["name"]
        );
    }
}

#[test]
fn job_vectors() {
    let root = load("jobs.json");
    for v in array(&root, "vectors") {
        let waiter = JobWaiter::new(v["timeout_ms"].as_u64().unwrap());
        let job = Job::from_json(&v["job"].to_string()).unwrap();
        let poll = waiter.judge(
            &job,
            v["polls"].as_u64().unwrap() as u32,
            v["elapsed_ms"].as_u64().unwrap(),
        );
        assert_eq!(
            serde_json::to_value(poll).unwrap(),
            v["expect"],
            "{}",
            v["name"]
        );
    }
}

/// Drives a flow through a vector's script: each entry is the step the flow must give, and what
/// the host does then (answer, fail, cancel). `status` reads a result's job status, if any.
fn run_script<R>(
    name: &str,
    flow: &mut dyn Steps<R>,
    script: &[Value],
    key: &str,
    status: impl Fn(&R) -> Option<String>,
) -> (Vec<Value>, Option<R>) {
    let mut events = Vec::new();
    for entry in script {
        if entry.get("cancel").is_some()
            && entry.get("send").is_none()
            && entry.get("sleep").is_none()
        {
            flow.cancel();
            continue;
        }
        let step = flow.step();
        if let Some(event) = flow.take_event() {
            events.push(serde_json::from_str(&event.to_json(KeyCase::Snake)).unwrap());
        }
        match (step, entry) {
            (Step::Send(exchange), e) if e.get("send").is_some() => {
                let want = &e["send"];
                let got = json!({
                    "method": exchange.request.method.as_str(),
                    "url": exchange.request.url,
                    "purpose": exchange.purpose.as_str(),
                    "attempt": exchange.attempt,
                });
                assert_eq!(&got, want, "{name}: the request sent");
                if let Some(answer) = e.get("answer") {
                    flow.received(&response(answer));
                } else if let Some(fail) = e.get("fail") {
                    let sent = match fail["sent"].as_str().unwrap() {
                        "no" => RequestSent::No,
                        _ => RequestSent::Maybe,
                    };
                    flow.failed(Error::transport(fail["message"].as_str().unwrap(), sent));
                } else {
                    assert!(
                        e["cancel"].as_bool().unwrap(),
                        "{name}: a send needs an answer, a failure or a cancel"
                    );
                    flow.cancel();
                }
            }
            (Step::Sleep { ms }, e) if e.get("sleep").is_some() => {
                assert_eq!(Some(ms), e["sleep"].as_u64(), "{name}: the sleep");
                if e.get("cancel").is_some() {
                    flow.cancel();
                }
            }
            (Step::Progress(result), e) if e.get("progress").is_some() => {
                assert_eq!(
                    status(&result).as_deref(),
                    e["progress"]["status"].as_str(),
                    "{name}: the progress step"
                );
            }
            (Step::Done(result), e) if e.get("done").is_some() => {
                let want = &e["done"];
                match result {
                    Ok(result) => {
                        assert!(
                            want["ok"].as_bool().unwrap_or(false) || want.get("outcomes").is_some(),
                            "{name}: expected {want}, the flow succeeded"
                        );
                        if let Some(s) = want.get("status") {
                            assert_eq!(
                                status(&result).as_deref(),
                                s.as_str(),
                                "{name}: the job's status"
                            );
                        }
                        return (events, Some(result));
                    }
                    Err(error) => check_error(name, &error, want, Some(key)),
                }
                return (events, None);
            }
            (step, e) => panic!("{name}: expected {e}, the flow gave {}", describe(&step)),
        }
    }
    panic!("{name}: the script ended before the flow did");
}

/// The events a flow gave, against the vector's `events` (when it lists them); never a key.
fn check_events(name: &str, v: &Value, events: &[Value]) {
    let text = serde_json::to_string(events).unwrap();
    assert!(
        !text.contains(v["config"]["key"].as_str().unwrap()),
        "{name}: an event shows the key"
    );
    if let Some(want) = v.get("events") {
        assert_eq!(&Value::Array(events.to_vec()), want, "{name}: events");
    }
}

fn describe<R>(step: &Step<R>) -> String {
    match step {
        Step::Send(exchange) => format!(
            "send {} {}",
            exchange.request.method.as_str(),
            exchange.request.url
        ),
        Step::Sleep { ms } => format!("sleep {ms}"),
        Step::Progress(_) => "progress".into(),
        Step::Done(Ok(_)) => "done ok".into(),
        Step::Done(Err(error)) => format!("done with {error}"),
    }
}

#[test]
fn flow_vectors() {
    let root = load("flows.json");
    for v in array(&root, "vectors") {
        let name = v["name"].as_str().unwrap();
        let config = config(&v["config"]).unwrap();
        let options = FlowOptions {
            preflight: v["options"]["preflight"].as_bool().unwrap(),
            seed: v["options"]["seed"].as_u64().unwrap(),
            ..FlowOptions::default()
        };
        let key = v["config"]["key"].as_str().unwrap();
        let script = v["script"].as_array().unwrap();
        if let Some(waits) = v.get("wait_for_jobs") {
            let ids: Vec<&str> = waits["job_ids"]
                .as_array()
                .unwrap()
                .iter()
                .map(|id| id.as_str().unwrap())
                .collect();
            let waiter = JobWaiter::new(waits["timeout_ms"].as_u64().unwrap());
            let mut flow = JobsFlow::new(&ids, &config, &options, waiter);
            let (events, outcomes) =
                run_script(name, &mut flow, script, key, |jobs: &JobOutcomes| {
                    jobs.first()
                        .and_then(|o| o.as_ref().ok())
                        .and_then(|job| job.status.as_ref().map(|s| s.as_str().to_string()))
                });
            check_events(name, v, &events);
            if let (Some(outcomes), Some(want)) = (
                outcomes,
                script.last().and_then(|e| e["done"].get("outcomes")),
            ) {
                let want = want.as_array().unwrap();
                assert_eq!(outcomes.len(), want.len(), "{name}: one outcome per job");
                for (got, want) in outcomes.iter().zip(want) {
                    match got {
                        Ok(job) => assert_eq!(
                            job.status.as_ref().map(|s| s.as_str()),
                            want["status"].as_str(),
                            "{name}: a job's outcome"
                        ),
                        Err(error) => check_error(name, error, want, Some(key)),
                    }
                }
            }
        } else if let Some(wait) = v.get("wait_for_job") {
            let waiter = JobWaiter::new(wait["timeout_ms"].as_u64().unwrap());
            let mut flow =
                JobFlow::new(wait["job_id"].as_str().unwrap(), &config, &options, waiter);
            let (events, _) = run_script(name, &mut flow, script, key, |job: &Job| {
                job.status.as_ref().map(|s| s.as_str().to_string())
            });
            check_events(name, v, &events);
        } else {
            let call = Call::from_json(&v["call"].to_string()).unwrap();
            // The result is read as the hosts read it (a decode error ends the flow here too).
            let parse = call.json_reader();
            let read = Box::new(move |r: &HttpResponse| parse(r, KeyCase::Snake));
            let mut flow = Flow::new(call, &config, &options, read);
            if let Some(held) = v.get("server") {
                flow = flow.with_server(&Server::from_json(&held.to_string()).unwrap());
            }
            let (events, _) = run_script(name, &mut flow, script, key, |_| None);
            check_events(name, v, &events);
        }
    }
}

#[test]
fn throttle_vectors() {
    let root = load("throttle.json");
    for v in array(&root, "vectors") {
        let name = v["name"].as_str().unwrap();
        let mut pace = match Throttle::new(v["max_requests_per_second"].as_f64()) {
            Ok(pace) => pace,
            Err(err) => {
                check_error(name, &err, &v["expect"], None);
                continue;
            }
        };
        assert!(v.get("expect").is_none(), "{name}: expected an error");
        for entry in v["script"].as_array().unwrap() {
            if let Some(now) = entry.get("admit") {
                let wait = pace.admit(now.as_u64().unwrap());
                assert_eq!(Some(wait), entry["wait"].as_u64(), "{name}: {entry}");
            } else {
                let mut answer = entry["observe"].clone();
                answer["body"] = json!("");
                pace.observe(&response(&answer), entry["at"].as_u64().unwrap());
            }
        }
    }
}
