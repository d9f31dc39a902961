//! The client flow's step sequences: preflight from the detail, or from the list when the detail
//! is short; a refused check sends nothing more; retries sleep as the policy says; a POST that
//! may have arrived is never sent again.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use vpskit::faithserver::ActionResult;
use vpskit::flow::{Flow, FlowOptions, JobFlow, Purpose, Step};
use vpskit::{Call, Config, Error, ErrorKind, HttpResponse, JobWaiter, RequestSent};

/// What the host did, step by step: `send GET /servers/…`, `sleep 250`, `done ok` …
fn run(
    call: &str,
    answers: Vec<Result<HttpResponse, Error>>,
) -> (Vec<String>, Result<ActionResult, Error>) {
    let call = Call::from_json(call).unwrap();
    let config = Config::faithserver("fs_live_flow").unwrap();
    let mut flow: Flow<ActionResult> = Flow::typed(&call, &config, &FlowOptions::default());
    let mut answers = answers.into_iter();
    let mut log = Vec::new();
    loop {
        match flow.step() {
            Step::Send(exchange) => {
                let path = exchange
                    .request
                    .url
                    .trim_start_matches("https://api.faithserver.com/api/v1");
                log.push(format!(
                    "send {} {path} ({:?}, attempt {})",
                    exchange.request.method.as_str(),
                    exchange.purpose,
                    exchange.attempt
                ));
                match answers.next().expect("an answer for every request") {
                    Ok(response) => flow.received(&response),
                    Err(error) => flow.failed(error),
                }
            }
            Step::Sleep { ms } => log.push(format!("sleep {ms}")),
            Step::Progress(_) => log.push("progress".to_string()),
            Step::Done(result) => return (log, result),
        }
    }
}

fn ok(body: &str) -> Result<HttpResponse, Error> {
    Ok(HttpResponse::new(200, vec![], body.as_bytes().to_vec()))
}

const REBOOT: &str = r#"{"operation":"reboot","args":{"id":"fsrv_158"}}"#;
const ACCEPTED: &str = r#"{"success":true,"message":"Reboot command accepted."}"#;

#[test]
fn an_action_reads_the_server_checks_it_then_sends() {
    let (log, result) = run(
        REBOOT,
        vec![
            ok(
                r#"{"success":true,"data":{"id":"fsrv_158","product":"Budget VPS","allowed_actions":["reboot"]}}"#,
            ),
            ok(ACCEPTED),
        ],
    );
    assert_eq!(
        log,
        [
            "send GET /servers/fsrv_158 (PreflightDetail, attempt 1)",
            "send POST /servers/fsrv_158/reboot (Call, attempt 1)"
        ]
    );
    assert_eq!(
        result.unwrap().message.as_deref(),
        Some("Reboot command accepted.")
    );
}

#[test]
fn a_short_detail_is_checked_from_the_list() {
    let (log, result) = run(
        REBOOT,
        vec![
            ok(r#"{"success":true,"data":{"id":"fsrv_158","name":"VPS-B1","status":"active"}}"#),
            ok(
                r#"{"success":true,"data":[{"id":"fsrv_111","product":"Premium VPS Multi-region","allowed_actions":[]},
                {"id":"fsrv_158","product":"Budget VPS","allowed_actions":["reboot"]}]}"#,
            ),
            ok(ACCEPTED),
        ],
    );
    assert_eq!(log[1], "send GET /servers (PreflightList, attempt 1)");
    assert_eq!(log.len(), 3);
    assert!(result.is_ok());
}

#[test]
fn a_server_missing_from_the_list_is_not_found_and_nothing_is_sent() {
    let (log, result) = run(
        REBOOT,
        vec![
            ok(r#"{"success":true,"data":{"id":"fsrv_158"}}"#),
            ok(r#"{"success":true,"data":[]}"#),
        ],
    );
    assert_eq!(log.len(), 2);
    assert_eq!(result.unwrap_err().kind(), ErrorKind::NotFound);
}

#[test]
fn a_refused_check_sends_nothing_more() {
    let (log, result) = run(
        REBOOT,
        vec![ok(
            r#"{"success":true,"data":{"id":"fsrv_158","product":"Budget VPS","allowed_actions":["status"]}}"#,
        )],
    );
    assert_eq!(log.len(), 1);
    assert_eq!(result.unwrap_err().kind(), ErrorKind::NotAllowed);
}

#[test]
fn a_get_is_retried_after_a_502_and_a_post_that_may_have_arrived_is_not() {
    let bad_gateway = || {
        Ok(HttpResponse::new(
            502,
            vec![],
            b"<html>bad gateway</html>".to_vec(),
        ))
    };
    let (log, result) = run(
        REBOOT,
        vec![
            bad_gateway(),
            ok(
                r#"{"success":true,"data":{"id":"fsrv_158","product":"Budget VPS","allowed_actions":["reboot"]}}"#,
            ),
            Err(Error::transport("connection reset", RequestSent::Maybe)),
        ],
    );
    assert!(log[1].starts_with("sleep "), "{log:?}");
    assert_eq!(
        log[2],
        "send GET /servers/fsrv_158 (PreflightDetail, attempt 2)"
    );
    assert_eq!(log.len(), 4, "the POST is sent once: {log:?}");
    assert_eq!(result.unwrap_err().kind(), ErrorKind::Transport);
}

#[test]
fn without_preflight_the_call_goes_first_and_bad_arguments_send_nothing() {
    let call = Call::from_json(REBOOT).unwrap();
    let config = Config::faithserver("fs_live_flow").unwrap();
    let options = FlowOptions {
        preflight: false,
        ..FlowOptions::default()
    };
    let mut flow: Flow<ActionResult> = Flow::typed(&call, &config, &options);
    match flow.step() {
        Step::Send(exchange) => assert_eq!(exchange.purpose, Purpose::Call),
        other => panic!("{other:?}"),
    }
    let bad = Call::from_json(r#"{"operation":"reboot","args":{"id":".."}}"#).unwrap();
    let mut flow: Flow<ActionResult> = Flow::typed(&bad, &config, &options);
    match flow.step() {
        Step::Done(Err(e)) => assert_eq!(e.kind(), ErrorKind::Validation),
        other => panic!("{other:?}"),
    }
}

/// A job wait: each unfinished job is progress, then a sleep, then the next poll; the timeout
/// names the last status seen.
#[test]
fn a_job_wait_reports_each_poll_and_names_the_last_status_when_time_runs_out() {
    let config = Config::faithserver("fs_live_flow").unwrap();
    let waiter = JobWaiter::new(2_500);
    let mut flow = JobFlow::new("job_1", &config, &FlowOptions::default(), waiter);
    let mut log = Vec::new();
    let result = loop {
        match flow.step() {
            Step::Send(exchange) => {
                assert!(exchange.request.url.ends_with("/jobs/job_1"));
                log.push("send".to_string());
                let body =
                    br#"{"success":true,"data":{"id":"job_1","status":"running","progress":40}}"#;
                flow.received(&HttpResponse::new(200, vec![], body.to_vec()));
            }
            Step::Progress(job) => log.push(format!("progress {}", job.progress.unwrap())),
            Step::Sleep { ms } => log.push(format!("sleep {ms}")),
            Step::Done(result) => break result,
        }
    };
    assert_eq!(&log[..3], ["send", "progress 40", "sleep 1000"]);
    let error = result.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Transport);
    assert!(
        error.message().contains("last status: running"),
        "{}",
        error.message()
    );
}
