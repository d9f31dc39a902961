//! Request building from arbitrary arguments: never a panic, never a URL outside the base path.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vpskit::{Call, Config, OPERATIONS};

const BASE: &str = "https://api.faithserver.com/api/v1";

fuzz_target!(|data: &[u8]| {
    let [op, rest @ ..] = data else { return };
    let text = String::from_utf8_lossy(rest);
    let mut parts = text.split('\u{0}');
    let mut next = || parts.next().unwrap_or("").to_string();
    let (a, b, c) = (next(), next(), next());
    let name = OPERATIONS[*op as usize % OPERATIONS.len()];
    let args = args_for(name, *op, &a, &b, &c);
    let Ok(config) = Config::faithserver("fs_live_fuzz") else { return };
    let built = Call::from_value(serde_json::json!({"operation": name, "args": args})).and_then(|call| call.request(&config));
    if let Ok(request) = built {
        assert!(request.url.starts_with(&format!("{BASE}/")), "{}", request.url);
        let url = url::Url::parse(&request.url).expect("a URL the core builds parses");
        assert!(url.path().starts_with("/api/v1/"), "{}", url.path());
        assert!(!url.path().split('/').any(|s| s == ".." || s == "."), "{}", url.path());
        assert!(!request.url.contains("fs_live_fuzz"));
    }
});

/// The arguments `name` takes, filled from the fuzzer's text (every call refuses unknown
/// arguments, so one shared map would exercise only that refusal).
fn args_for(name: &str, op: u8, a: &str, b: &str, c: &str) -> serde_json::Value {
    use serde_json::json;
    let second = op / 64 % 2 == 1;
    match name {
        "list_servers" | "list_logs" | "list_jobs" | "get_account" => json!({}),
        "get_job" => json!({"job_id": a}),
        "reinstall" if second => json!({"id": a, "os_id": c, "password": b}),
        "reinstall" => json!({"id": a, "image_id": b}),
        "reset_password" if second => json!({"id": a, "password": b}),
        "get_credential" => json!({"id": a, "type": b, "username": c}),
        "get_traffic" if second => json!({"id": a, "month": c}),
        "get_traffic" => json!({"id": a, "period": b}),
        "raw" => json!({"method": if second { "POST" } else { "GET" }, "path": b, "query": {c: a}}),
        _ => json!({"id": a}),
    }
}
