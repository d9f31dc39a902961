//! Every response parser on arbitrary statuses, headers and bodies: the typed one (`Call::parse`)
//! and the one bindings use (`Call::parse_json`, by shapes) must agree.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vpskit::{Call, HttpResponse, OPERATIONS};

fuzz_target!(|data: &[u8]| {
    let [op, s1, s2, rest @ ..] = data else { return };
    let name = OPERATIONS[*op as usize % OPERATIONS.len()];
    let args = match name {
        "list_servers" | "list_logs" | "list_jobs" | "get_account" => serde_json::json!({}),
        "get_job" => serde_json::json!({"job_id": "j"}),
        "reinstall" => serde_json::json!({"id": "s", "image_id": "i"}),
        "get_traffic" => serde_json::json!({"id": "s", "period": "month"}),
        "get_credential" => serde_json::json!({"id": "s", "type": "ssh", "username": "root"}),
        "raw" => serde_json::json!({"method": "GET", "path": "/x"}),
        _ => serde_json::json!({"id": "s"}),
    };
    let Ok(call) = Call::from_value(serde_json::json!({"operation": name, "args": args})) else { return };
    let status = u16::from_be_bytes([*s1, *s2]) % 1000;
    let headers = vec![("Retry-After".to_string(), String::from_utf8_lossy(rest.get(..rest.len().min(8)).unwrap_or_default()).into_owned())];
    let response = HttpResponse::new(status, headers, rest.to_vec());
    match (call.parse(&response), call.parse_json(&response, vpskit::KeyCase::Snake)) {
        (Ok(value), Ok(json)) => {
            // Both read back through the same float reader, so they compare exactly.
            let reread = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap();
            assert_eq!(reread(&json.text), reread(&value.to_string()), "{name}");
        }
        (Err(a), Err(b)) => assert_eq!(a.message(), b.message(), "{name}"),
        (a, b) => panic!("{name}: typed {a:?}, text {b:?}"),
    }
});
