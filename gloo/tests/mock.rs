//! The gloo-net transport against the mock gateway, with wasm-bindgen-test: in Node by default,
//! in headless Chromium with `WASM_BINDGEN_USE_BROWSER=1` (gloo/test.sh runs both). The mock's
//! base URL is compiled in from `VPSKIT_MOCK_URL` (the script starts the mock first).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::option_env_unwrap
)]

use std::cell::Cell;
use std::future::{poll_fn, Future};
use std::pin::pin;
use std::task::Poll;
use std::time::Duration;

use gloo_net::http::Request;
use gloo_timers::future::TimeoutFuture;
use serde_json::{json, Value};
use vpskit::faithserver::{ActionResult, Job, ReinstallRequest, Server};
use vpskit::{AsyncClient, Call, Config, ErrorKind, JobWaiter, ReinstallArgs, RetryPolicy};
use vpskit_gloo::GlooTransport;
use wasm_bindgen_test::wasm_bindgen_test;

const KEY: &str = "fs_test_mock_valid_key_0001";

/// The mock's origin (`http://127.0.0.1:PORT`), from the build's `VPSKIT_MOCK_URL`.
fn origin() -> &'static str {
    option_env!("VPSKIT_MOCK_URL")
        .expect("build the tests with VPSKIT_MOCK_URL set to the mock's origin (gloo/test.sh does)")
        .trim_end_matches('/')
}

/// A client for the mock; retries wait 10–40 ms.
fn client(transport: GlooTransport) -> AsyncClient<GlooTransport> {
    let config = Config::faithserver(KEY)
        .unwrap()
        .with_base_url(format!("{}/api/v1", origin()))
        .unwrap();
    AsyncClient::new(config, transport).with_retry_policy(RetryPolicy {
        base_delay_ms: 10,
        max_delay_ms: 40,
        ..RetryPolicy::default()
    })
}

/// Calls the mock's admin surface.
async fn admin(method: &str, path: &str, body: Option<Value>) -> Value {
    let url = format!("{}{path}", origin());
    let builder = match method {
        "POST" => Request::post(&url),
        "DELETE" => Request::delete(&url),
        _ => Request::get(&url),
    };
    let request = match body {
        Some(body) => builder.body(body.to_string()).unwrap(),
        None => builder.build().unwrap(),
    };
    let text = request.send().await.unwrap().text().await.unwrap();
    serde_json::from_str(&text).unwrap()
}

async fn reset() {
    admin("POST", "/__mock/reset", None).await;
    admin("DELETE", "/__mock/faults", None).await;
    admin("DELETE", "/__mock/requests", None).await;
}

/// How many requests with this method and API path the mock logged.
async fn sent(method: &str, path: &str) -> usize {
    let log = admin("GET", "/__mock/requests", None).await;
    let wanted = format!("/api/v1{path}");
    log["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["method"] == method && r["path"] == wanted.as_str())
        .count()
}

/// The mock's requests in flight, once they have settled (an aborted fetch closes its connection).
async fn in_flight_after_settling() -> u64 {
    for _ in 0..40 {
        let stats = admin("GET", "/__mock/stats", None).await;
        if stats["in_flight"] == 0 {
            return 0;
        }
        TimeoutFuture::new(50).await;
    }
    admin("GET", "/__mock/stats", None).await["in_flight"]
        .as_u64()
        .unwrap()
}

#[wasm_bindgen_test]
async fn lists_the_fleet_reboots_and_waits_for_a_reinstall() {
    reset().await;
    let client = client(GlooTransport::new());
    let servers: Vec<Server> = client.run(Call::ListServers).await.unwrap();
    assert_eq!(servers.len(), 6);
    let held = servers.iter().find(|s| s.id == "fsrv_111").unwrap();
    assert!(vpskit::faithserver::check(held, &vpskit::faithserver::Action::Reboot).allowed);

    let reboot = Call::from_json(r#"{"operation":"reboot","args":{"id":"fsrv_111"}}"#).unwrap();
    let result: ActionResult = client.run_held(reboot, Some(held)).await.unwrap();
    assert!(result.message.is_some());
    assert_eq!(
        sent("GET", "/servers/fsrv_111").await,
        0,
        "the held server was not read again"
    );
    assert_eq!(sent("POST", "/servers/fsrv_111/reboot").await, 1);

    let request = ReinstallRequest::os_template("1109", "PasswordKuat123!").unwrap();
    let queued: ActionResult = client
        .run(Call::Reinstall(ReinstallArgs::from(("fsrv_158", &request))))
        .await
        .unwrap();
    let job_id = queued.job_id.expect("the reinstall queued a job");
    let updates = Cell::new(0);
    let waiter = JobWaiter::with_intervals(20_000, 20, 100);
    let job: Job = client
        .wait_for_job(&job_id, &waiter, |_| updates.set(updates.get() + 1))
        .await
        .unwrap();
    assert_eq!(job.status.as_ref().map(|s| s.as_str()), Some("completed"));
    assert!(updates.get() >= 1, "onUpdate saw the running job");
}

#[wasm_bindgen_test]
async fn typed_errors_and_retries_come_from_the_core() {
    reset().await;
    let client = client(GlooTransport::new());
    let missing =
        Call::from_json(r#"{"operation":"get_server","args":{"id":"fsrv_900"}}"#).unwrap();
    let error = client.run::<Server>(missing).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotFound, "{error}");
    assert_eq!(error.status(), Some(404));
    assert!(!error.to_string().contains(KEY));

    admin(
        "POST",
        "/__mock/faults",
        Some(json!({"kind": "status", "status": 503, "path_prefix": "/servers", "method": "GET"})),
    )
    .await;
    let servers: Vec<Server> = client.run(Call::ListServers).await.unwrap();
    assert_eq!(servers.len(), 6);
    assert_eq!(sent("GET", "/servers").await, 2, "the 503 was retried once");
}

#[wasm_bindgen_test]
async fn a_timeout_aborts_the_request() {
    reset().await;
    admin(
        "POST",
        "/__mock/faults",
        Some(json!({"kind": "slow", "delay_ms": 3000})),
    )
    .await;
    let client = client(GlooTransport::new().with_timeout(Duration::from_millis(200)))
        .with_retry_policy(RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        });
    let error = client
        .run::<Vec<Server>>(Call::ListServers)
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Transport, "{error}");
    assert!(error.to_string().contains("timed out"), "{error}");
    assert_eq!(in_flight_after_settling().await, 0, "the fetch was aborted");
}

#[wasm_bindgen_test]
async fn dropping_a_call_aborts_its_request_and_sends_nothing_more() {
    reset().await;
    admin(
        "POST",
        "/__mock/faults",
        Some(json!({"kind": "slow", "delay_ms": 3000, "method": "POST"})),
    )
    .await;
    let client = client(GlooTransport::new());
    let reboot = Call::from_json(r#"{"operation":"reboot","args":{"id":"fsrv_111"}}"#).unwrap();
    let mut call = Box::pin(client.run::<ActionResult>(reboot));
    let mut deadline = pin!(TimeoutFuture::new(300));
    // Race the call against a 300 ms timer; the timer wins and the call's future is dropped.
    let finished = poll_fn(|cx| {
        if call.as_mut().poll(cx).is_ready() {
            return Poll::Ready(true);
        }
        deadline.as_mut().poll(cx).map(|_| false)
    })
    .await;
    assert!(!finished, "the slow reboot could not have finished");
    drop(call);
    assert_eq!(in_flight_after_settling().await, 0, "the fetch was aborted");
    assert_eq!(sent("POST", "/servers/fsrv_111/reboot").await, 1);
    TimeoutFuture::new(200).await;
    assert_eq!(
        sent("POST", "/servers/fsrv_111/reboot").await,
        1,
        "nothing more was sent"
    );
}
