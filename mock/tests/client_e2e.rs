//! The core's blocking client, over `UreqTransport`, against the mock: every operation, the
//! documented errors, and every fault (checked against the mock's request log).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::{Mock, KEY};
use serde_json::json;
use vpskit::faithserver::{ReinstallRequest, TrafficQuery};
use vpskit::{
    Call, Config, ErrorCode, ErrorKind, FaithServerClient, JobWaiter, Method, RetryPolicy,
    UreqTransport, VpsOrgClient,
};
use vpskit_mock::fleet;

fn client(mock: &Mock) -> FaithServerClient<UreqTransport> {
    client_with(mock, KEY, Duration::from_secs(10))
}

fn client_with(mock: &Mock, key: &str, timeout: Duration) -> FaithServerClient<UreqTransport> {
    let config = Config::faithserver(key)
        .unwrap()
        .with_base_url(mock.server.base_url())
        .unwrap();
    // Fast retries keep the suite quick; the policy's rules are the default ones.
    let policy = RetryPolicy {
        base_delay_ms: 10,
        max_delay_ms: 50,
        ..RetryPolicy::default()
    };
    FaithServerClient::new(config, UreqTransport::with_timeout(timeout)).with_retry_policy(policy)
}

#[test]
fn every_faithserver_operation_end_to_end() {
    let mock = Mock::start();
    let c = client(&mock);
    assert_eq!(c.list_servers().unwrap().len(), 6);
    assert_eq!(
        c.get_server("fsrv_111").unwrap().name.as_deref(),
        Some("VPS AMD 1")
    );
    assert_eq!(
        c.get_status("fsrv_111").unwrap().status.unwrap().as_str(),
        "running"
    );
    assert_eq!(
        c.get_overview("fsrv_220").unwrap().plan.as_deref(),
        Some("Flexible DS E3")
    );
    assert_eq!(
        c.stop("fsrv_111").unwrap().message.as_deref(),
        Some("Stop command accepted.")
    );
    assert!(c
        .get_status("fsrv_111")
        .unwrap()
        .status
        .unwrap()
        .is_powered_off());
    assert_eq!(
        c.start("fsrv_111").unwrap().message.as_deref(),
        Some("Start command accepted.")
    );
    assert!(c
        .reboot("fsrv_158")
        .unwrap()
        .budget_output()
        .unwrap()
        .succeeded());
    assert_eq!(
        c.wake_on_lan("fsrv_221").unwrap().action.unwrap().as_str(),
        "wol"
    );
    let console = c.get_console("fsrv_111").unwrap();
    assert!(console.url.expose().contains("token="));
    assert!(!format!("{console:?}").contains("token="));
    assert_eq!(
        c.enable_rescue("fsrv_111").unwrap().server_id.as_deref(),
        Some("fsrv_111")
    );
    assert_eq!(
        c.get_rescue_status("fsrv_111").unwrap().pending_reboot,
        Some(true)
    );
    c.disable_rescue("fsrv_111").unwrap();
    assert_eq!(c.list_images("fsrv_158").unwrap().images.len(), 4);
    let job = c
        .reinstall(
            "fsrv_111",
            &ReinstallRequest::image("UBUNTU_24_04_64BIT").unwrap(),
        )
        .unwrap()
        .job_id
        .unwrap();
    let waiter = JobWaiter {
        initial_interval_ms: 10,
        max_interval_ms: 20,
        ..JobWaiter::new(5_000)
    };
    assert_eq!(
        c.wait_for_job(&job, &waiter)
            .unwrap()
            .status
            .unwrap()
            .as_str(),
        "completed"
    );
    c.reinstall(
        "fsrv_158",
        &ReinstallRequest::os_template("1109", "PasswordKuat123!").unwrap(),
    )
    .unwrap();
    let generated = c
        .reset_password("fsrv_111", None)
        .unwrap()
        .generated_password()
        .unwrap();
    assert!(generated.expose().starts_with("Gen-"));
    c.reset_password("fsrv_158", Some("PasswordKuat123!"))
        .unwrap();
    let creds = c.list_credentials("fsrv_111").unwrap();
    assert_eq!(
        creds[0].password.as_ref().unwrap().expose(),
        generated.expose()
    );
    assert_eq!(
        c.get_credential("fsrv_111", "panel", "admin")
            .unwrap()
            .username
            .as_deref(),
        Some("admin")
    );
    assert_eq!(
        c.get_traffic("fsrv_111", &TrafficQuery::period("month").unwrap())
            .unwrap()
            .period
            .as_deref(),
        Some("month")
    );
    assert_eq!(
        c.get_traffic("fsrv_158", &TrafficQuery::month("202605").unwrap())
            .unwrap()
            .month
            .as_deref(),
        Some("202605")
    );
    assert_eq!(c.list_ips("fsrv_158").unwrap()[0].version, Some(4));
    assert!(c.get_monitor("fsrv_158").unwrap().cpu_percent.is_some());
    assert!(!c.list_tasks("fsrv_158").unwrap().is_empty());
    assert!(c
        .list_server_actions("fsrv_111")
        .unwrap()
        .iter()
        .any(|e| e.action.as_deref() == Some("reinstall")));
    assert!(!c.list_logs().unwrap().is_empty());
    assert_eq!(c.list_jobs().unwrap().len(), 2);
    assert_eq!(c.get_job(&job).unwrap().id, job);
    let raw = c.raw(Method::Get, "/servers/fsrv_111", &[], None).unwrap();
    assert_eq!(raw.body.expose()["data"]["id"], "fsrv_111");
    let via_call = c
        .call(
            &Call::from_json(
                r#"{"operation":"get_traffic","args":{"id":"fsrv_158","month":"202605"}}"#,
            )
            .unwrap(),
        )
        .unwrap();
    assert_eq!(via_call["month"], "202605");
    // No key ever travelled in a URL or a body.
    for r in mock.requests() {
        assert_eq!(r["key_in_query"], false);
        assert_eq!(r["key_in_body"], false);
        assert_eq!(r["known_key_in_url"], false);
        assert_eq!(r["authorization"], "bearer");
    }
}

#[test]
fn vpsorg_get_account_end_to_end() {
    let mock = Mock::start();
    let config = Config::vpsorg(fleet::DEPLOY_TOKEN)
        .unwrap()
        .with_base_url(mock.server.base_url())
        .unwrap();
    let me = VpsOrgClient::new(config, UreqTransport::new())
        .get_account()
        .unwrap();
    assert_eq!(me.token.name, "Production Deploy Key");
    assert!(me.token.permissions.allows("servers:power").unwrap());
    assert!(!me.token.permissions.allows("billing:list").unwrap());
    let expired = Config::vpsorg(fleet::EXPIRED_TOKEN)
        .unwrap()
        .with_base_url(mock.server.base_url())
        .unwrap();
    let err = VpsOrgClient::new(expired, UreqTransport::new())
        .get_account()
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.status(), err.message()),
        (ErrorKind::Auth, Some(401), "Token has expired.")
    );
}

#[test]
fn documented_errors_end_to_end() {
    let mock = Mock::start();
    let err = client_with(&mock, fleet::REVOKED_KEY, Duration::from_secs(5))
        .list_servers()
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::InvalidApiKey));
    let err = client_with(&mock, fleet::WHITELISTED_KEY, Duration::from_secs(5))
        .list_servers()
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::IpNotWhitelisted));
    let c = client(&mock);
    assert_eq!(
        c.get_server("fsrv_900").unwrap_err().code(),
        Some(ErrorCode::ServerNotFound)
    );
    assert_eq!(
        c.get_server("fsrv_300").unwrap_err().kind(),
        ErrorKind::NotFound
    );
    let no_preflight = client(&mock).with_preflight(false);
    assert_eq!(
        no_preflight.get_console("fsrv_158").unwrap_err().code(),
        Some(ErrorCode::ConsoleNotAvailable)
    );
    assert_eq!(
        no_preflight.stop("fsrv_220").unwrap_err().code(),
        Some(ErrorCode::ActionNotAllowed)
    );
    // With preflight the same mistakes never reach the gateway.
    let before = mock.requests().len();
    assert_eq!(
        c.stop("fsrv_220").unwrap_err().kind(),
        ErrorKind::NotAllowed
    );
    let sent: Vec<_> = mock
        .requests()
        .into_iter()
        .skip(before)
        .map(|r| r["method"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(sent, ["GET"], "only the preflight read");
    // A wrong shape refused by the gateway when the client does not check it.
    let err = no_preflight
        .reinstall(
            "fsrv_158",
            &ReinstallRequest::image("UBUNTU_24_04_64BIT").unwrap(),
        )
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.status()),
        (ErrorKind::Validation, Some(422))
    );
}

fn posts_to(mock: &Mock, path: &str) -> usize {
    mock.requests()
        .iter()
        .filter(|r| r["method"] == "POST" && r["path"] == path)
        .count()
}

#[test]
fn get_is_retried_after_429_and_5xx_and_html() {
    let mock = Mock::start();
    mock.fault(json!({"kind": "rate_limit", "retry_after": 1, "path_prefix": "/servers"}));
    mock.fault(json!({"kind": "status", "status": 503, "path_prefix": "/servers"}));
    mock.fault(json!({"kind": "html", "path_prefix": "/servers"}));
    let started = std::time::Instant::now();
    assert_eq!(client(&mock).list_servers().unwrap().len(), 6);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After was honoured"
    );
    assert_eq!(mock.requests().len(), 4);
}

#[test]
fn post_is_not_resent_after_5xx_but_is_after_429_with_retry_after() {
    let mock = Mock::start();
    let c = client(&mock).with_preflight(false);
    mock.fault(json!({"kind": "status", "status": 502, "method": "POST"}));
    let err = c.reboot("fsrv_111").unwrap_err();
    assert_eq!((err.kind(), err.status()), (ErrorKind::Server, Some(502)));
    assert_eq!(
        posts_to(&mock, "/api/v1/servers/fsrv_111/reboot"),
        1,
        "never sent twice"
    );

    mock.fault(json!({"kind": "rate_limit", "retry_after": 1, "method": "POST"}));
    c.reboot("fsrv_111").unwrap();
    assert_eq!(
        posts_to(&mock, "/api/v1/servers/fsrv_111/reboot"),
        3,
        "429 refused it, so it was sent again"
    );
}

#[test]
fn post_is_not_resent_after_a_dropped_connection_or_truncated_answer() {
    let mock = Mock::start();
    let c = client(&mock).with_preflight(false);
    mock.fault(json!({"kind": "drop", "method": "POST"}));
    let err = c.start("fsrv_112").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport);
    assert_eq!(posts_to(&mock, "/api/v1/servers/fsrv_112/start"), 1);
    mock.fault(json!({"kind": "truncate", "method": "POST"}));
    let err = c.start("fsrv_112").unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::Transport | ErrorKind::Decode),
        "{err}"
    );
    assert_eq!(posts_to(&mock, "/api/v1/servers/fsrv_112/start"), 2);
}

#[test]
fn get_recovers_from_drop_and_truncate() {
    let mock = Mock::start();
    mock.fault(json!({"kind": "drop", "path_prefix": "/jobs"}));
    mock.fault(json!({"kind": "truncate", "path_prefix": "/jobs"}));
    assert!(client(&mock).list_jobs().unwrap().is_empty());
    assert_eq!(mock.requests().len(), 3);
}

#[test]
fn slow_answers_time_out_as_transport_errors() {
    let mock = Mock::start();
    mock.fault(json!({"kind": "slow", "delay_ms": 1500, "count": 4}));
    let c =
        client_with(&mock, KEY, Duration::from_millis(300)).with_retry_policy(RetryPolicy::never());
    let err = c.list_servers().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport);
    assert!(err.message().contains("timed out"), "{err}");
}

#[test]
fn retries_give_up_with_the_last_error() {
    let mock = Mock::start();
    mock.fault(json!({"kind": "status", "status": 500, "count": 10}));
    let err = client(&mock).list_servers().unwrap_err();
    assert_eq!((err.kind(), err.status()), (ErrorKind::Server, Some(500)));
    assert_eq!(mock.requests().len(), 1, "500 is not retried");
    mock.admin("DELETE", "/__mock/faults", None);
    mock.fault(json!({"kind": "status", "status": 503, "count": 10}));
    client(&mock).list_servers().unwrap_err();
    assert_eq!(
        mock.requests().len(),
        1 + 4,
        "503 is retried up to max_attempts"
    );
}

#[test]
fn redirects_to_another_host_are_not_followed() {
    let mock = Mock::start();
    mock.fault(json!({"kind": "redirect", "count": 10}));
    let err = client(&mock).list_servers().unwrap_err();
    // Followed, the request would have gone to 127.0.0.2 with the key (and failed to connect).
    assert_eq!(
        (err.kind(), err.status()),
        (ErrorKind::Server, Some(302)),
        "{err}"
    );
    assert_eq!(mock.requests().len(), 1);
}

#[test]
fn the_preflight_reads_the_list_when_the_detail_is_short() {
    let mock = Mock::start();
    mock.fault(
        json!({"kind": "short_detail", "path_prefix": "/servers/fsrv_111", "method": "GET"}),
    );
    let result = client(&mock).reboot("fsrv_111").unwrap();
    assert_eq!(result.server_id.as_deref(), Some("fsrv_111"));
    let sent: Vec<String> = mock
        .requests()
        .iter()
        .map(|r| {
            format!(
                "{} {}",
                r["method"].as_str().unwrap(),
                r["path"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        sent,
        [
            "GET /api/v1/servers/fsrv_111",
            "GET /api/v1/servers",
            "POST /api/v1/servers/fsrv_111/reboot"
        ]
    );
}

#[test]
fn request_ids_and_rate_limit_state_surface() {
    let mock = Mock::start();
    let c = client(&mock);
    assert_eq!(c.rate_limit(), None);
    c.list_servers().unwrap();
    let state = c.rate_limit().expect("the mock reports its rate limit");
    assert_eq!(state.limit, Some(600));
    assert!(state.remaining.is_some_and(|r| r < 600));
    assert_eq!(state.reset_seconds, Some(60));
    let err = c.get_server("fsrv_900").unwrap_err();
    let id = err
        .request_id()
        .expect("the mock sends X-Request-Id")
        .to_string();
    assert!(id.starts_with("req_"), "{id}");
    assert!(err.to_string().contains(&id), "{err}");
    mock.fault(json!({"kind": "rate_limit", "retry_after": 3600, "path_prefix": "/servers"}));
    assert_eq!(c.list_servers().unwrap_err().kind(), ErrorKind::RateLimited);
    assert_eq!(c.rate_limit().and_then(|s| s.remaining), Some(0));
}

#[test]
fn the_event_listener_sees_each_exchange_and_no_secret() {
    let mock = Mock::start();
    let seen: std::sync::Arc<std::sync::Mutex<Vec<String>>> = Default::default();
    let sink = seen.clone();
    let c = client(&mock).with_event_listener(std::sync::Arc::new(move |event, took| {
        let mut line = event.to_json(vpskit::KeyCase::Snake);
        line.push_str(&format!(" {} ms", took.as_millis()));
        sink.lock().unwrap().push(line);
    }));
    c.reboot("fsrv_111").unwrap();
    let console = c.get_console("fsrv_111").unwrap().url.expose().clone();
    c.reset_password("fsrv_158", Some("AnotherPass456!"))
        .unwrap();
    let events = seen.lock().unwrap().clone();
    assert!(
        events[0].contains(r#""purpose":"preflight_detail""#),
        "{events:?}"
    );
    assert!(
        events[1].contains(r#""path":"/api/v1/servers/fsrv_111/reboot""#)
            && events[1].contains(r#""decision":"done""#)
    );
    assert!(events.iter().all(|e| e.contains(r#""request_id":"req_"#)));
    let text = events.join("\n");
    for secret in [KEY, console.as_str(), "AnotherPass456!"] {
        assert!(!text.contains(secret), "an event shows a secret");
    }
}

#[test]
fn bulk_runs_one_action_over_many_servers_within_the_caps() {
    let mock = Mock::start();
    mock.fault(json!({"kind": "slow", "delay_ms": 150, "count": 100}));
    let ids = [
        "fsrv_111", "fsrv_112", "fsrv_158", "fsrv_900", "..", "fsrv_220",
    ];
    let c = client(&mock).with_preflight(false);
    let outcomes = c.bulk("reboot", &ids, 2).unwrap();
    assert_eq!(
        outcomes
            .iter()
            .map(|(id, _)| id.as_str())
            .collect::<Vec<_>>(),
        ids
    );
    assert!(outcomes[0].1.is_ok() && outcomes[2].1.is_ok());
    assert_eq!(
        outcomes[3].1.as_ref().unwrap_err().kind(),
        ErrorKind::NotFound
    );
    assert_eq!(
        outcomes[4].1.as_ref().unwrap_err().kind(),
        ErrorKind::Validation
    );
    let stats = mock.admin("GET", "/__mock/stats", None).json();
    assert!(stats["max_in_flight"].as_u64().unwrap() <= 2, "{stats}");
    mock.admin("POST", "/__mock/reset", None);
    mock.fault(json!({"kind": "slow", "delay_ms": 100, "count": 100}));
    let capped = client(&mock)
        .with_preflight(false)
        .with_limits(vpskit::Limits {
            max_concurrency: Some(1),
            max_requests_per_second: None,
        })
        .unwrap();
    capped.bulk("get_status", &ids[..3], 3).unwrap();
    assert_eq!(
        mock.admin("GET", "/__mock/stats", None).json()["max_in_flight"],
        1
    );
    assert_eq!(
        c.bulk("list_servers", &ids, 2).unwrap_err().kind(),
        ErrorKind::Validation
    );
    assert_eq!(
        c.bulk("reboot", &ids, 0).unwrap_err().kind(),
        ErrorKind::Validation
    );
    assert!(client(&mock)
        .with_limits(vpskit::Limits {
            max_concurrency: Some(0),
            max_requests_per_second: None
        })
        .is_err());
}

#[test]
fn a_429_slows_every_call_of_the_client() {
    let mock = Mock::start();
    let c = std::sync::Arc::new(client(&mock).with_preflight(false));
    mock.fault(
        json!({"kind": "rate_limit", "retry_after": 1, "path_prefix": "/servers/fsrv_111/status"}),
    );
    let started = std::time::Instant::now();
    c.get_status("fsrv_111").unwrap(); // met the 429, waited 1 s, retried
    let other = std::thread::spawn({
        let c = c.clone();
        move || c.get_status("fsrv_112").unwrap()
    });
    other.join().unwrap();
    assert!(started.elapsed() >= Duration::from_millis(1000));
    // A second 429 pauses a call that never met one.
    mock.fault(
        json!({"kind": "rate_limit", "retry_after": 1, "path_prefix": "/servers/fsrv_111/status"}),
    );
    let first = std::thread::spawn({
        let c = c.clone();
        move || c.get_status("fsrv_111").unwrap()
    });
    std::thread::sleep(Duration::from_millis(200));
    let paused = std::time::Instant::now();
    c.get_status("fsrv_112").unwrap();
    assert!(
        paused.elapsed() >= Duration::from_millis(600),
        "the 429 did not slow the other call: {:?}",
        paused.elapsed()
    );
    first.join().unwrap();
}

#[test]
fn wait_for_jobs_shares_one_schedule() {
    let mock = Mock::start();
    let c = client(&mock);
    let image = vpskit::faithserver::ReinstallRequest::image("UBUNTU_24_04_64BIT").unwrap();
    let first = c.reinstall("fsrv_111", &image).unwrap().job_id.unwrap();
    let waiter = vpskit::JobWaiter {
        initial_interval_ms: 10,
        ..vpskit::JobWaiter::new(10_000)
    };
    let mut polls = 0;
    let outcomes = c
        .wait_for_jobs(&[first.as_str(), "job_missing"], &waiter, |_| polls += 1)
        .unwrap();
    assert_eq!(
        outcomes[0]
            .as_ref()
            .unwrap()
            .status
            .as_ref()
            .unwrap()
            .as_str(),
        "completed"
    );
    assert_eq!(
        outcomes[1].as_ref().unwrap_err().kind(),
        ErrorKind::NotFound
    );
    assert_eq!(polls, 1);
}
