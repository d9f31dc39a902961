//! Every response reader on arbitrary statuses, headers and bodies, against serde_json: a body
//! that is not JSON is never a result; a result reads back through serde_json as the value form
//! says (`Call::parse_json`'s text and `Call::parse`'s value agree); a server list keeps every
//! member of every server, the unmodelled ones as they arrived.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use vpskit::{Call, HttpResponse, KeyCase, OPERATIONS};

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
    let body: Option<Value> = serde_json::from_slice(rest).ok();
    match (call.parse(&response), call.parse_json(&response, KeyCase::Snake)) {
        (Ok(value), Ok(json)) => {
            let body = body.expect("a result from a body serde_json refuses");
            let reread = |text: &str| serde_json::from_str::<Value>(text).unwrap();
            assert_eq!(reread(&json.text), reread(&value.to_string()), "{name}");
            if name == "list_servers" {
                let servers = body["data"].as_array().expect("a list from data");
                let results = value.as_array().expect("a list result");
                assert_eq!(servers.len(), results.len());
                for (server, result) in servers.iter().zip(results) {
                    for (member, v) in server.as_object().expect("an object") {
                        let kept = &result[member.as_str()];
                        let sensitive = vpskit::secret::is_sensitive_key(member) && !v.is_null();
                        if !sensitive && !matches!(member.as_str(), "id" | "name" | "region" | "product" | "status" | "allowed_actions") {
                            assert_eq!(kept, v, "{member}");
                        }
                    }
                }
            }
        }
        (Err(a), Err(b)) => assert_eq!(a.message(), b.message(), "{name}"),
        (a, b) => panic!("{name}: value {a:?}, text {b:?}"),
    }
});
