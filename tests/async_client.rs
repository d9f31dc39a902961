//! The async client drives the same flows: its calls finish over a ready transport, and dropping
//! a call's future mid-wait sends nothing more.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use vpskit::faithserver::{ActionResult, Job, Server};
use vpskit::{
    AsyncClient, AsyncTransport, BoxFuture, Call, Config, Error, ErrorKind, HttpRequest,
    HttpResponse, JobWaiter,
};

/// Answers in order and records what was sent; its sleeps never end when `stall` is set.
struct Script {
    answers: RefCell<Vec<HttpResponse>>,
    sent: RefCell<Vec<String>>,
    stall: bool,
}

impl Script {
    fn new(bodies: &[(u16, &str)], stall: bool) -> Script {
        let answers = bodies
            .iter()
            .rev()
            .map(|(status, body)| HttpResponse::new(*status, vec![], body.as_bytes().to_vec()))
            .collect();
        Script {
            answers: RefCell::new(answers),
            sent: RefCell::default(),
            stall,
        }
    }
}

impl AsyncTransport for Script {
    fn send<'a>(&'a self, request: &'a HttpRequest) -> BoxFuture<'a, Result<HttpResponse, Error>> {
        let path = request
            .url
            .trim_start_matches("https://api.faithserver.com/api/v1");
        self.sent
            .borrow_mut()
            .push(format!("{} {path}", request.method.as_str()));
        let answer = self
            .answers
            .borrow_mut()
            .pop()
            .unwrap_or_else(|| panic!("no answer left after {:?}", self.sent.borrow()));
        Box::pin(async move { Ok(answer) })
    }

    fn sleep(&self, _: Duration) -> BoxFuture<'_, ()> {
        let stall = self.stall;
        Box::pin(std::future::poll_fn(move |_| {
            if stall {
                Poll::Pending
            } else {
                Poll::Ready(())
            }
        }))
    }

    fn now_ms(&self) -> u64 {
        0
    }
}

/// Polls once: over a ready transport a call finishes, or it waits on a stalled sleep.
fn poll_once<F: Future>(future: &mut Pin<Box<F>>) -> Poll<F::Output> {
    future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
}

fn client(script: &Script) -> AsyncClient<&Script> {
    AsyncClient::new(Config::faithserver("fs_live_async").unwrap(), script)
}

const SERVER: &str = r#"{"success":true,"data":{"id":"fsrv_158","product":"Budget VPS","allowed_actions":["reboot"]}}"#;

#[test]
fn an_async_call_runs_the_flow_preflight_first() {
    let script = Script::new(
        &[
            (200, SERVER),
            (
                200,
                r#"{"success":true,"message":"Reboot command accepted."}"#,
            ),
        ],
        false,
    );
    let client = client(&script);
    let call = Call::from_json(r#"{"operation":"reboot","args":{"id":"fsrv_158"}}"#).unwrap();
    let mut run = Box::pin(client.run::<ActionResult>(call));
    let Poll::Ready(result) = poll_once(&mut run) else {
        panic!("a ready transport finishes at once")
    };
    assert_eq!(
        result.unwrap().message.as_deref(),
        Some("Reboot command accepted.")
    );
    assert_eq!(
        *script.sent.borrow(),
        ["GET /servers/fsrv_158", "POST /servers/fsrv_158/reboot"]
    );
}

#[test]
fn dropping_a_call_mid_retry_sends_nothing_more() {
    let script = Script::new(&[(503, r#"{"success":false,"message":"busy"}"#)], true);
    let client = client(&script);
    let mut run = Box::pin(client.run::<Vec<Server>>(Call::ListServers));
    assert!(poll_once(&mut run).is_pending(), "waiting before the retry");
    drop(run);
    assert_eq!(*script.sent.borrow(), ["GET /servers"]);
}

#[test]
fn an_async_job_wait_reports_progress() {
    let job =
        |status: &str| format!(r#"{{"success":true,"data":{{"id":"job_1","status":"{status}"}}}}"#);
    let (running, done) = (job("running"), job("completed"));
    let script = Script::new(&[(200, &running), (200, &done)], false);
    let client = client(&script);
    let mut seen = Vec::new();
    let waiter = JobWaiter::new(60_000);
    let mut wait = Box::pin(client.wait_for_job("job_1", &waiter, |j: &Job| {
        seen.push(j.status.as_ref().map(|s| s.as_str().to_string()))
    }));
    let Poll::Ready(result) = poll_once(&mut wait) else {
        panic!("a ready transport finishes at once")
    };
    drop(wait);
    assert_eq!(result.unwrap().status.unwrap().as_str(), "completed");
    assert_eq!(seen, [Some("running".to_string())]);
}

#[test]
fn an_async_call_ends_in_the_flows_error() {
    let script = Script::new(
        &[(200, r#"{"success":false,"message":"Server not found."}"#)],
        false,
    );
    let client = client(&script).with_preflight(false);
    let call = Call::from_json(r#"{"operation":"get_server","args":{"id":"fsrv_9"}}"#).unwrap();
    let mut run = Box::pin(client.call(&call));
    let Poll::Ready(Err(error)) = poll_once(&mut run) else {
        panic!("an error at once")
    };
    assert_eq!(error.kind(), ErrorKind::NotFound);
}

#[test]
fn an_async_bulk_run_gives_one_outcome_per_id_within_the_cap() {
    let accepted = r#"{"success":true,"message":"Reboot command accepted."}"#;
    let missing = r#"{"success":false,"message":"Server not found."}"#;
    let script = Script::new(&[(200, accepted), (404, missing)], false);
    let client = client(&script)
        .with_preflight(false)
        .with_limits(vpskit::Limits {
            max_concurrency: Some(1),
            max_requests_per_second: None,
        })
        .unwrap();
    let mut run = Box::pin(client.bulk("reboot", &["fsrv_1", "fsrv_2", ".."], 2));
    let Poll::Ready(outcomes) = poll_once(&mut run) else {
        panic!("a ready transport finishes at once")
    };
    let outcomes = outcomes.unwrap();
    let ids: Vec<&str> = outcomes.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["fsrv_1", "fsrv_2", ".."]);
    assert!(outcomes[0].1.is_ok());
    assert_eq!(
        outcomes[1].1.as_ref().unwrap_err().kind(),
        ErrorKind::NotFound
    );
    assert_eq!(
        outcomes[2].1.as_ref().unwrap_err().kind(),
        ErrorKind::Validation
    );
    assert_eq!(
        script.sent.borrow().len(),
        2,
        "a malformed id sends nothing"
    );
    let mut unknown = Box::pin(client.bulk("list_servers", &["fsrv_1"], 2));
    assert!(
        matches!(poll_once(&mut unknown), Poll::Ready(Err(e)) if e.kind() == ErrorKind::Validation)
    );
}

#[test]
fn an_async_client_reports_events_and_rate_limit_state() {
    let script = Script::new(&[(200, r#"{"success":true,"data":[]}"#)], false);
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let events = seen.clone();
    let client = client(&script).with_event_listener(std::sync::Arc::new(move |event, _| {
        events
            .lock()
            .unwrap()
            .push(event.decision.as_str().to_string())
    }));
    let mut run = Box::pin(client.run::<Vec<Server>>(Call::ListServers));
    assert!(matches!(poll_once(&mut run), Poll::Ready(Ok(_))));
    assert_eq!(*seen.lock().unwrap(), ["done"]);
    assert!(client.rate_limit().is_none());
}
