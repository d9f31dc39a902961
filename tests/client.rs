//! The blocking client over a scripted transport: retries, preflight, job waiting, secrets.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::cell::RefCell;
use std::collections::VecDeque;
use std::time::Duration;

use vpskit::faithserver::{ReinstallRequest, TrafficQuery};
use vpskit::{
    Config, Error, ErrorKind, FaithServerClient, HttpRequest, HttpResponse, JobWaiter, RequestSent,
    Transport, VpsOrgClient,
};

const KEY: &str = "fs_live_CLIENTTESTKEY_123456";

/// Answers from a script and records what was sent and how long it slept.
#[derive(Default)]
struct Script {
    answers: RefCell<VecDeque<Result<HttpResponse, Error>>>,
    sent: RefCell<Vec<HttpRequest>>,
    slept: RefCell<Vec<Duration>>,
}

impl Script {
    fn new(answers: Vec<Result<HttpResponse, Error>>) -> Self {
        Script {
            answers: RefCell::new(answers.into()),
            ..Script::default()
        }
    }
    fn paths(&self) -> Vec<String> {
        self.sent
            .borrow()
            .iter()
            .map(|r| {
                format!(
                    "{} {}",
                    r.method,
                    r.url.trim_start_matches("http://127.0.0.1:1/api/v1")
                )
            })
            .collect()
    }
}

impl Transport for Script {
    fn send(&self, request: &HttpRequest) -> Result<HttpResponse, Error> {
        self.sent.borrow_mut().push(request.clone());
        self.answers
            .borrow_mut()
            .pop_front()
            .unwrap_or_else(|| panic!("unscripted request {request:?}"))
    }
    fn sleep(&self, duration: Duration) {
        self.slept.borrow_mut().push(duration);
    }
}

fn json(status: u16, body: serde_json::Value) -> Result<HttpResponse, Error> {
    Ok(HttpResponse::new(
        status,
        vec![],
        serde_json::to_vec(&body).unwrap(),
    ))
}

fn server(id: &str, product: &str, actions: &[&str]) -> Result<HttpResponse, Error> {
    json(
        200,
        serde_json::json!({"success": true, "data": {"id": id, "name": "n", "region": "US",
        "product": product, "status": "active", "allowed_actions": actions}}),
    )
}

fn ok_action() -> Result<HttpResponse, Error> {
    json(
        200,
        serde_json::json!({"success": true, "message": "accepted"}),
    )
}

fn client(script: &Script) -> FaithServerClient<&Script> {
    let config = Config::faithserver(KEY)
        .unwrap()
        .with_base_url("http://127.0.0.1:1/api/v1")
        .unwrap();
    FaithServerClient::new(config, script)
}

#[test]
fn get_is_retried_on_502_then_succeeds() {
    let script = Script::new(vec![
        Ok(HttpResponse::new(
            502,
            vec![],
            b"<html>bad gateway</html>".to_vec(),
        )),
        json(
            503,
            serde_json::json!({"success": false, "message": "busy"}),
        ),
        json(200, serde_json::json!({"success": true, "data": []})),
    ]);
    assert!(client(&script).list_servers().unwrap().is_empty());
    assert_eq!(script.sent.borrow().len(), 3);
    assert_eq!(script.slept.borrow().len(), 2);
}

#[test]
fn get_gives_up_after_max_attempts() {
    let script = Script::new(
        (0..4)
            .map(|_| {
                json(
                    503,
                    serde_json::json!({"success": false, "message": "busy"}),
                )
            })
            .collect(),
    );
    let err = client(&script).list_servers().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert_eq!(script.sent.borrow().len(), 4);
}

#[test]
fn post_is_never_resent_after_it_may_have_arrived() {
    let script = Script::new(vec![
        server("fsrv_1", "Premium VPS Multi-region", &["reboot"]),
        Err(Error::transport("timed out", RequestSent::Maybe)),
    ]);
    let err = client(&script).reboot("fsrv_1").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport);
    assert_eq!(
        script.paths(),
        ["GET /servers/fsrv_1", "POST /servers/fsrv_1/reboot"]
    );

    let script = Script::new(vec![
        server("fsrv_1", "Premium VPS Multi-region", &["reboot"]),
        json(
            502,
            serde_json::json!({"success": false, "message": "bad gateway"}),
        ),
    ]);
    assert_eq!(
        client(&script).reboot("fsrv_1").unwrap_err().status(),
        Some(502)
    );
    assert_eq!(
        script.sent.borrow().len(),
        2,
        "a POST that met a 502 is not re-sent"
    );
}

#[test]
fn post_is_resent_after_429_with_retry_after_and_after_refused_connection() {
    let script = Script::new(vec![
        server("fsrv_1", "Premium VPS Multi-region", &["reboot"]),
        Ok(HttpResponse::new(
            429,
            vec![("Retry-After".into(), "2".into())],
            b"{\"success\":false,\"message\":\"slow\"}".to_vec(),
        )),
        Err(Error::transport("connection refused", RequestSent::No)),
        ok_action(),
    ]);
    client(&script).reboot("fsrv_1").unwrap();
    assert_eq!(
        script
            .paths()
            .iter()
            .filter(|p| p.starts_with("POST"))
            .count(),
        3
    );
    assert_eq!(script.slept.borrow()[0], Duration::from_secs(2));
}

#[test]
fn preflight_refuses_before_sending_and_can_be_switched_off() {
    let script = Script::new(vec![server("fsrv_158", "Budget VPS", &["reboot"])]);
    let err = client(&script).get_console("fsrv_158").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotAllowed);
    assert_eq!(err.message(), "console is not available for Budget VPS");
    assert_eq!(script.paths(), ["GET /servers/fsrv_158"]);

    let script = Script::new(vec![json(
        400,
        serde_json::json!({"success": false,
        "message": "Console endpoint is not available for Budget VPS."}),
    )]);
    let err = client(&script)
        .with_preflight(false)
        .get_console("fsrv_158")
        .unwrap_err();
    assert_eq!(err.code(), Some(vpskit::ErrorCode::ConsoleNotAvailable));
    assert_eq!(script.paths(), ["GET /servers/fsrv_158/console"]);
}

#[test]
fn reinstall_shape_is_checked_against_the_product() {
    let script = Script::new(vec![server("fsrv_158", "Budget VPS", &["reinstall"])]);
    let err = client(&script)
        .reinstall(
            "fsrv_158",
            &ReinstallRequest::image("UBUNTU_24_04_64BIT").unwrap(),
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert_eq!(
        script.sent.borrow().len(),
        1,
        "only the preflight read was sent"
    );

    let script = Script::new(vec![
        server("fsrv_158", "Budget VPS", &["reinstall"]),
        ok_action(),
    ]);
    client(&script)
        .reinstall(
            "fsrv_158",
            &ReinstallRequest::os_template("1109", "PasswordKuat123!").unwrap(),
        )
        .unwrap();
    let sent = script.sent.borrow();
    assert_eq!(
        sent[1].body_text(),
        Some(r#"{"osid":"1109","password":"PasswordKuat123!"}"#)
    );
    assert!(!format!("{:?}", sent[1]).contains("PasswordKuat123!"));
}

#[test]
fn traffic_and_reset_password_shapes() {
    let script = Script::new(vec![server("fsrv_111", "Premium VPS Multi-region", &[])]);
    let err = client(&script)
        .get_traffic("fsrv_111", &TrafficQuery::month("202605").unwrap())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);

    let script = Script::new(vec![
        server("fsrv_158", "Budget VPS", &["reset-password"]),
        ok_action(),
    ]);
    client(&script)
        .reset_password("fsrv_158", Some("PasswordKuat123!"))
        .unwrap();
    assert_eq!(
        script.sent.borrow()[1].body_text(),
        Some(r#"{"password":"PasswordKuat123!"}"#)
    );
}

#[test]
fn bad_input_is_refused_before_any_request() {
    let script = Script::new(vec![]);
    let c = client(&script);
    assert_eq!(c.get_server("").unwrap_err().kind(), ErrorKind::Validation);
    assert_eq!(c.reboot("..").unwrap_err().kind(), ErrorKind::Validation);
    assert_eq!(
        c.reset_password("fsrv_1", Some("a\r\nb"))
            .unwrap_err()
            .kind(),
        ErrorKind::Validation
    );
    assert_eq!(c.get_job("").unwrap_err().kind(), ErrorKind::Validation);
    assert!(script.sent.borrow().is_empty());
}

#[test]
fn wait_for_job_polls_until_done_and_reports_failure_and_timeout() {
    let job = |status: &str| {
        json(
            200,
            serde_json::json!({"success": true, "data": {"id": "job_1", "status": status, "message": "disk full"}}),
        )
    };
    let script = Script::new(vec![job("queued"), job("running"), job("completed")]);
    let done = client(&script)
        .wait_for_job("job_1", &JobWaiter::new(60_000))
        .unwrap();
    assert_eq!(done.id, "job_1");
    assert_eq!(
        *script.slept.borrow(),
        [Duration::from_millis(1000), Duration::from_millis(1500)]
    );

    let script = Script::new(vec![job("running"), job("failed")]);
    let err = client(&script)
        .wait_for_job("job_1", &JobWaiter::new(60_000))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert_eq!(err.message(), "job job_1 failed: disk full");

    let script = Script::new(vec![job("running"), job("running"), job("running")]);
    let err = client(&script)
        .wait_for_job("job_1", &JobWaiter::new(2_000))
        .unwrap_err();
    assert!(err.message().contains("timed out after 2000 ms"), "{err}");
}

#[test]
fn no_secret_is_printed_by_any_public_type() {
    let console = r#"{"success":true,"message":"Console request processed.","server_id":"fsrv_111","action":"console",
        "provider_status_code":200,"provider_response":{"url":"https://c.example/vnc?token=CONSOLE_TOKEN_1","note":"n"}}"#;
    let script = Script::new(vec![
        server("fsrv_111", "Premium VPS Multi-region", &["console"]),
        Ok(HttpResponse::new(200, vec![], console.as_bytes().to_vec())),
        json(
            200,
            serde_json::json!({"success": true, "data": [{"type": "ssh", "username": "root",
            "password": "CRED_PASSWORD_1", "api_token": "CRED_TOKEN_1"}]}),
        ),
        json(
            200,
            serde_json::json!({"success": true, "provider_response": {"password": "GEN_PASSWORD_1"}}),
        ),
    ]);
    let c = client(&script);
    let session = c.get_console("fsrv_111").unwrap();
    let creds = c.list_credentials("fsrv_111").unwrap();
    let reset = c
        .with_preflight(false)
        .reset_password("fsrv_111", None)
        .unwrap();
    assert_eq!(
        session.url.expose(),
        "https://c.example/vnc?token=CONSOLE_TOKEN_1"
    );
    assert_eq!(
        reset.generated_password().unwrap().expose(),
        "GEN_PASSWORD_1"
    );
    let secrets = [
        KEY,
        "CONSOLE_TOKEN_1",
        "CRED_PASSWORD_1",
        "CRED_TOKEN_1",
        "GEN_PASSWORD_1",
    ];
    let printed = [
        format!("{session:?}"),
        format!("{session:#?}"),
        format!("{creds:?}"),
        format!("{reset:?}"),
        format!("{:?}", reset.generated_password()),
        format!("{:?}", script.sent.borrow()),
        format!("{:?}", Config::faithserver(KEY).unwrap()),
    ];
    for text in &printed {
        for secret in secrets {
            assert!(!text.contains(secret), "{secret} printed in {text}");
        }
    }
}

#[test]
fn vpsorg_client_reads_the_account() {
    let script = Script::new(vec![json(
        200,
        serde_json::json!({
        "account": {"email": "john@example.com", "first_name": "John", "last_name": "Doe", "company_name": "Acme Inc.", "created_at": "2024-06-15"},
        "token": {"name": "Production Deploy Key", "permissions": ["servers:list", "servers:create", "servers:power", "dns:*"],
                  "created_at": "2025-01-10T14:30:00Z", "last_used_at": "2025-02-11T08:45:12Z", "expires_at": null, "is_expired": false}}),
    )]);
    let config = Config::vpsorg("vps_TOKEN_1")
        .unwrap()
        .with_base_url("http://127.0.0.1:1/api/v1")
        .unwrap();
    let me = VpsOrgClient::new(config, &script).get_account().unwrap();
    assert_eq!(me.account.email, "john@example.com");
    assert!(me.token.permissions.allows("servers:create").unwrap());
    assert!(!me.token.permissions.allows("servers:delete").unwrap());
    let sent = script.sent.borrow();
    assert_eq!(sent[0].url, "http://127.0.0.1:1/api/v1/account/me/");
    assert_eq!(sent[0].header("content-type"), Some("application/json"));
}
