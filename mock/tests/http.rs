//! The mock's own tests, over raw HTTP: every endpoint, every documented error, state and faults.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Mock, KEY};
use serde_json::json;
use vpskit_mock::fleet;

#[test]
fn lists_only_active_servers_of_the_key() {
    let mock = Mock::start();
    let answer = mock.get("/servers");
    assert_eq!(answer.status, 200);
    let body = answer.json();
    assert_eq!(body["success"], true);
    let ids: Vec<&str> = body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["fsrv_111", "fsrv_112", "fsrv_158", "fsrv_159", "fsrv_220", "fsrv_221"]
    );
    let s111 = &body["data"][0];
    assert_eq!(s111["product"], "Premium VPS Multi-region");
    assert_eq!(s111["region"], "US-LA");
    assert_eq!(s111["status"], "active");
    let other = mock
        .send("GET", "/servers", Some(fleet::OTHER_ACCOUNT_KEY), None)
        .unwrap()
        .json();
    assert_eq!(other["data"].as_array().unwrap().len(), 1);
    assert_eq!(other["data"][0]["id"], "fsrv_900");
}

#[test]
fn allowed_actions_follow_the_product_matrix() {
    let mock = Mock::start();
    let body = mock.get("/servers").json();
    let actions = |id: &str| -> Vec<String> {
        body["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap()["allowed_actions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap().to_string())
            .collect()
    };
    assert!(actions("fsrv_111").contains(&"console".to_string()));
    assert!(
        !actions("fsrv_112").contains(&"console".to_string()),
        "stopped: no console"
    );
    assert!(!actions("fsrv_158").contains(&"console".to_string()));
    assert!(actions("fsrv_158").contains(&"rescue".to_string()));
    assert!(
        !actions("fsrv_159").contains(&"rescue".to_string()),
        "rescue if available: not on fsrv_159"
    );
    assert_eq!(actions("fsrv_220"), ["status", "overview", "reboot", "wol"]);
}

#[test]
fn auth_errors_are_the_documented_ones() {
    let mock = Mock::start();
    let cases: Vec<(Option<&str>, &str, u16, &str)> = vec![
        (None, "/servers", 401, "Missing API key."),
        (
            Some(fleet::REVOKED_KEY),
            "/servers",
            401,
            "Invalid API key.",
        ),
        (Some("fs_live_unknown"), "/servers", 401, "Invalid API key."),
        (
            Some(fleet::WHITELISTED_KEY),
            "/servers",
            403,
            "IP address is not whitelisted for this API key.",
        ),
        (
            Some(KEY),
            "/servers?api_key=fs_test_mock_valid_key_0001",
            401,
            "Missing API key.",
        ),
    ];
    for (key, path, status, message) in cases {
        let answer = mock.send("GET", path, key, None).unwrap();
        assert_eq!(
            (answer.status, answer.message().as_str()),
            (status, message),
            "{key:?} {path}"
        );
    }
    let malformed = mock.send("GET", "/servers", None, None).unwrap();
    assert_eq!(malformed.message(), "Missing API key.");
    // A key in the body is refused too.
    let answer = mock.post("/servers/fsrv_111/reboot", Some(r#"{"api_key":"x"}"#));
    assert_eq!(
        (answer.status, answer.message().as_str()),
        (401, "Missing API key.")
    );
    // The request log flags it and never shows the key.
    let log = mock.requests();
    assert!(log.iter().any(|r| r["key_in_query"] == true));
    assert!(log.iter().any(|r| r["key_in_body"] == true));
    let text = serde_json::to_string(&log).unwrap();
    assert!(!text.contains(KEY) && !text.contains(fleet::REVOKED_KEY));
}

#[test]
fn unknown_foreign_and_suspended_servers_are_not_found() {
    let mock = Mock::start();
    for id in ["fsrv_404", "fsrv_900", "fsrv_300"] {
        let answer = mock.get(&format!("/servers/{id}"));
        assert_eq!(
            (answer.status, answer.message().as_str()),
            (404, "Server not found."),
            "{id}"
        );
    }
    let answer = mock.get("/servers/fsrv_111/unknown-endpoint");
    assert_eq!(
        (answer.status, answer.message().as_str()),
        (404, "Endpoint not found.")
    );
}

#[test]
fn actions_not_allowed_and_console_on_budget() {
    let mock = Mock::start();
    let not_allowed = [
        ("POST", "/servers/fsrv_220/stop"),
        ("POST", "/servers/fsrv_220/start"),
        ("POST", "/servers/fsrv_111/wol"),
        ("GET", "/servers/fsrv_112/console"),
        ("POST", "/servers/fsrv_159/rescue/enable"),
        ("GET", "/servers/fsrv_220/traffic?period=month"),
    ];
    for (method, path) in not_allowed {
        let answer = mock.send(method, path, Some(KEY), None).unwrap();
        assert_eq!(
            (answer.status, answer.message().as_str()),
            (403, "Action not allowed for this server."),
            "{path}"
        );
    }
    let answer = mock.get("/servers/fsrv_158/console");
    assert_eq!(
        (answer.status, answer.message().as_str()),
        (400, "Console endpoint is not available for Budget VPS.")
    );
}

#[test]
fn power_state_changes_and_console_needs_a_running_server() {
    let mock = Mock::start();
    assert_eq!(
        mock.get("/servers/fsrv_111/status").json()["data"]["status"],
        "running"
    );
    let stop = mock.post("/servers/fsrv_111/stop", None).json();
    assert_eq!(stop["message"], "Stop command accepted.");
    assert_eq!(
        mock.get("/servers/fsrv_111/status").json()["data"]["status"],
        "stopped"
    );
    assert_eq!(mock.get("/servers/fsrv_111/console").status, 403);
    mock.post("/servers/fsrv_111/start", None);
    let first = mock.get("/servers/fsrv_111/console").json();
    let second = mock.get("/servers/fsrv_111/console").json();
    assert_eq!(first["message"], "Console request processed.");
    assert_ne!(
        first["provider_response"]["url"], second["provider_response"]["url"],
        "a fresh token each time"
    );
    // Dedicated: wake-on-LAN powers a stopped machine on; reboot works.
    assert_eq!(
        mock.get("/servers/fsrv_221/status").json()["data"]["status"],
        "stopped"
    );
    mock.post("/servers/fsrv_221/wol", None);
    assert_eq!(
        mock.get("/servers/fsrv_221/status").json()["data"]["status"],
        "running"
    );
    assert_eq!(
        mock.post("/servers/fsrv_220/reboot", None).json()["message"],
        "Reboot command accepted."
    );
    // Budget answers carry the documented backend shape.
    let budget = mock.post("/servers/fsrv_158/reboot", None).json();
    assert_eq!(budget["provider"], "budget_vps");
    assert_eq!(budget["provider_response"]["status"], 1);
    assert!(budget["provider_response"]["time_taken"].is_string());
}

#[test]
fn rescue_is_applied_by_a_reboot() {
    let mock = Mock::start();
    let status = || mock.get("/servers/fsrv_111/rescue/status").json()["data"].clone();
    assert_eq!(
        status(),
        json!({"enabled": false, "active": false, "pending_reboot": false})
    );
    mock.post("/servers/fsrv_111/rescue/enable", None);
    assert_eq!(
        status(),
        json!({"enabled": true, "active": false, "pending_reboot": true})
    );
    mock.post("/servers/fsrv_111/reboot", None);
    assert_eq!(
        status(),
        json!({"enabled": true, "active": true, "pending_reboot": false})
    );
    mock.post("/servers/fsrv_111/rescue/disable", None);
    assert_eq!(status()["pending_reboot"], true);
}

#[test]
fn images_and_reinstall_shapes_per_product() {
    let mock = Mock::start();
    let premium = mock.get("/servers/fsrv_111/images").json();
    assert_eq!(premium["provider"], "premium_vps_multi_region");
    assert_eq!(premium["data"]["images"][0]["id"], "UBUNTU_24_04_64BIT");
    let budget = mock.get("/servers/fsrv_158/images").json();
    let ids: Vec<&str> = budget["data"]["images"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["1109", "1024", "1056", "100001"]);

    let refused = [
        (
            "/servers/fsrv_111/reinstall",
            Some(r#"{"osid":"1109","password":"PasswordKuat123!"}"#),
            "Premium VPS Multi-region reinstall takes imageId, not osid.",
        ),
        (
            "/servers/fsrv_111/reinstall",
            None,
            "The imageId field is required.",
        ),
        (
            "/servers/fsrv_111/reinstall",
            Some(r#"{"imageId":"WINDOWS_95"}"#),
            "Unknown imageId: fetch the current list from /images.",
        ),
        (
            "/servers/fsrv_158/reinstall",
            Some(r#"{"imageId":"UBUNTU_24_04_64BIT"}"#),
            "Budget VPS reinstall takes osid and password, not imageId.",
        ),
        (
            "/servers/fsrv_158/reinstall",
            Some(r#"{"osid":"9999","password":"x"}"#),
            "Unknown osid: fetch the current list from /images.",
        ),
        (
            "/servers/fsrv_158/reinstall",
            Some(r#"{"osid":"1109"}"#),
            "The password field is required.",
        ),
        (
            "/servers/fsrv_158/reinstall",
            Some("not json"),
            "The request body must be JSON.",
        ),
    ];
    for (path, body, message) in refused {
        let answer = mock.post(path, body);
        assert_eq!(
            (answer.status, answer.message().as_str()),
            (422, message),
            "{body:?}"
        );
    }
    let started = mock
        .post(
            "/servers/fsrv_158/reinstall",
            Some(r#"{"osid":"1109","password":"PasswordKuat123!"}"#),
        )
        .json();
    let job_id = started["job_id"].as_str().unwrap().to_string();
    // Jobs advance each time they are read.
    let statuses: Vec<String> = (0..3)
        .map(|_| {
            mock.get(&format!("/jobs/{job_id}")).json()["data"]["status"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(statuses, ["running", "completed", "completed"]);
    assert_eq!(mock.get("/jobs").json()["data"][0]["id"], job_id.as_str());
    assert_eq!(mock.get("/jobs/job_nope").status, 404);
    // The action log masks the password.
    let log = mock.get("/servers/fsrv_158/actions").json();
    let entry = log["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "reinstall")
        .unwrap()
        .clone();
    assert_eq!(
        entry["request"],
        json!({"osid": "1109", "password": "********"})
    );
    assert!(!mock.get("/logs").text.contains("PasswordKuat123!"));
}

#[test]
fn reset_password_generated_and_custom() {
    let mock = Mock::start();
    let generated = mock.post("/servers/fsrv_111/reset-password", None).json();
    let password = generated["provider_response"]["password"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(password.starts_with("Gen-"));
    let creds = mock.get("/servers/fsrv_111/credentials/ssh/root").json();
    assert_eq!(creds["data"]["password"], password.as_str());
    assert_eq!(
        mock.post(
            "/servers/fsrv_111/reset-password",
            Some(r#"{"password":"x"}"#)
        )
        .status,
        422
    );
    assert_eq!(
        mock.post("/servers/fsrv_158/reset-password", None).status,
        422
    );
    let custom = mock.post(
        "/servers/fsrv_158/reset-password",
        Some(r#"{"password":"PasswordKuat123!"}"#),
    );
    assert_eq!(
        (custom.status, custom.message().as_str()),
        (200, "Password updated.")
    );
    assert!(!custom.text.contains("PasswordKuat123!"));
    assert_eq!(
        mock.get("/servers/fsrv_111/credentials/ssh/nobody").status,
        404
    );
    assert_eq!(
        mock.get("/servers/fsrv_111/credentials").json()["data"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn traffic_ips_monitor_tasks_overview() {
    let mock = Mock::start();
    assert_eq!(
        mock.get("/servers/fsrv_111/traffic?period=month").json()["data"]["period"],
        "month"
    );
    assert_eq!(
        mock.get("/servers/fsrv_158/traffic?month=202605").json()["data"]["month"],
        "202605"
    );
    for (path, message) in [
        (
            "/servers/fsrv_111/traffic",
            "The period parameter is required (for example period=month).",
        ),
        (
            "/servers/fsrv_111/traffic?month=202605",
            "Premium VPS Multi-region traffic takes period, not month.",
        ),
        (
            "/servers/fsrv_158/traffic?period=month",
            "Budget VPS traffic takes month=YYYYMM, not period.",
        ),
        (
            "/servers/fsrv_158/traffic?month=202613",
            "The month parameter must be YYYYMM.",
        ),
    ] {
        let answer = mock.get(path);
        assert_eq!(
            (answer.status, answer.message().as_str()),
            (422, message),
            "{path}"
        );
    }
    assert_eq!(
        mock.get("/servers/fsrv_158/ips").json()["data"][0]["primary"],
        true
    );
    assert!(mock.get("/servers/fsrv_158/monitor").json()["data"]["cpu_percent"].is_number());
    mock.post("/servers/fsrv_158/reboot", None);
    assert_eq!(
        mock.get("/servers/fsrv_158/tasks").json()["data"][0]["action"],
        "reboot"
    );
    let overview = mock.get("/servers/fsrv_220/overview").json()["data"].clone();
    assert_eq!(overview["plan"], "Flexible DS E3");
    assert_eq!(overview["ip_address"], "203.0.113.220");
    let logs = mock.get("/logs").json();
    assert!(logs["data"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["path"] == "/api/v1/servers/fsrv_158/reboot" && l["status_code"] == 200));
}

#[test]
fn vpsorg_tokens() {
    let mock = Mock::start();
    let me = mock
        .send("GET", "/account/me/", Some(fleet::DEPLOY_TOKEN), None)
        .unwrap()
        .json();
    assert_eq!(me["account"]["email"], "john@example.com");
    assert_eq!(
        me["token"]["permissions"],
        json!(["servers:list", "servers:create", "servers:power", "dns:*"])
    );
    assert_eq!(me["token"]["expires_at"], serde_json::Value::Null);
    let full = mock
        .send("GET", "/account/me/", Some(fleet::SAMPLE_TOKEN), None)
        .unwrap()
        .json();
    assert_eq!(full["token"]["permissions"], json!(["*:*"]));
    let expiring = mock
        .send("GET", "/account/me/", Some(fleet::EXPIRING_TOKEN), None)
        .unwrap()
        .json();
    assert!(expiring["token"]["expires_at"].is_string());
    for (token, detail) in [
        (Some(fleet::EXPIRED_TOKEN), "Token has expired."),
        (Some("nope"), "Invalid token."),
        (None, "Authentication credentials were not provided."),
    ] {
        let answer = mock.send("GET", "/account/me/", token, None).unwrap();
        assert_eq!(
            (answer.status, answer.json()["detail"].as_str().unwrap()),
            (401, detail)
        );
    }
    assert_eq!(
        mock.send("GET", "/account/me", Some(fleet::SAMPLE_TOKEN), None)
            .unwrap()
            .status,
        404,
        "the trailing slash is part of the path"
    );
}

#[test]
fn faults_each_behave_and_are_logged() {
    let mock = Mock::start();
    mock.fault(json!({"kind": "rate_limit", "retry_after": 3}));
    let limited = mock.get("/servers");
    assert_eq!(
        (limited.status, limited.header("retry-after")),
        (429, Some("3"))
    );
    mock.fault(json!({"kind": "status", "status": 503, "count": 2}));
    assert_eq!(mock.get("/servers").status, 503);
    assert_eq!(mock.get("/servers").status, 503);
    assert_eq!(mock.get("/servers").status, 200, "count ran out");
    mock.fault(json!({"kind": "html"}));
    let html = mock.get("/servers");
    assert_eq!(html.status, 502);
    assert!(html
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    assert!(html.text.starts_with("<!DOCTYPE html>"));
    mock.fault(json!({"kind": "slow", "delay_ms": 300}));
    let started = std::time::Instant::now();
    assert_eq!(mock.get("/servers").status, 200);
    assert!(started.elapsed() >= std::time::Duration::from_millis(300));
    mock.fault(json!({"kind": "drop"}));
    assert!(
        mock.send("GET", "/servers", Some(KEY), None).is_err(),
        "dropped: no answer"
    );
    mock.fault(json!({"kind": "truncate"}));
    assert!(
        mock.send("GET", "/servers", Some(KEY), None).is_err(),
        "truncated body"
    );
    // Faults can target a path and a method.
    mock.fault(json!({"kind": "status", "status": 500, "path_prefix": "/jobs", "method": "GET"}));
    assert_eq!(mock.get("/servers").status, 200);
    assert_eq!(mock.get("/jobs").status, 500);
    let faults: Vec<_> = mock
        .requests()
        .into_iter()
        .filter(|r| !r["fault"].is_null())
        .collect();
    assert_eq!(faults.len(), 8);
    let refused = mock.admin("POST", "/__mock/faults", Some(r#"{"kind":"meteor"}"#));
    assert_eq!(refused.status, 422);
    // The refusal lists the kinds the mock has, the newest included: the test helpers rely on it.
    assert!(refused.text.contains("short_detail"), "{}", refused.text);
}

#[test]
fn admin_surface_refuses_keys_and_resets_state() {
    let mock = Mock::start();
    let refused = mock.send("POST", "/__mock/reset", Some(KEY), None).unwrap();
    assert_eq!(refused.status, 403);
    mock.post("/servers/fsrv_111/stop", None);
    assert_eq!(
        mock.get("/servers/fsrv_111/status").json()["data"]["status"],
        "stopped"
    );
    assert_eq!(mock.admin("POST", "/__mock/reset", None).status, 200);
    assert_eq!(
        mock.get("/servers/fsrv_111/status").json()["data"]["status"],
        "running"
    );
    assert_eq!(mock.admin("DELETE", "/__mock/requests", None).status, 200);
    assert!(mock.requests().is_empty());
}

#[test]
fn cors_lets_a_page_on_another_origin_call() {
    let mock = Mock::start();
    let url = format!("{}/servers", mock.server.base_url());
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let request = ureq::http::Request::builder()
        .method("OPTIONS")
        .uri(url)
        .header("Origin", "http://127.0.0.1:9999")
        .header("Access-Control-Request-Method", "POST")
        .header(
            "Access-Control-Request-Headers",
            "authorization,content-type",
        )
        .body(Vec::new())
        .unwrap();
    let response = agent.run(request).unwrap();
    assert!(response.status().is_success());
    let allow = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_ascii_lowercase())
            .unwrap_or_default()
    };
    assert_eq!(allow("access-control-allow-origin"), "*");
    assert!(allow("access-control-allow-headers").contains("authorization"));
    let get = mock.send("GET", "/servers", Some(KEY), None).unwrap();
    assert!(get
        .header("access-control-expose-headers")
        .unwrap()
        .contains("retry-after"));
}
