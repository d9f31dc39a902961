//! Properties that hold for any input: no panic, no path escape, ids round-trip.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use vpskit::{Call, Config, HttpResponse, ServiceId};

const BASE: &str = "https://api.faithserver.com/api/v1";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever the id, a request either is refused or stays under `/servers/` with one segment.
    #[test]
    fn ids_never_leave_their_segment(id in any::<String>()) {
        let config = Config::faithserver("fs_live_prop").unwrap();
        let call = Call::from_value(serde_json::json!({"operation": "reboot", "args": {"id": id}})).unwrap();
        if let Ok(request) = call.request(&config) {
            let rest = request.url.strip_prefix(&format!("{BASE}/servers/")).expect("under /servers/");
            let (segment, tail) = rest.rsplit_once('/').expect("two segments");
            prop_assert_eq!(tail, "reboot");
            prop_assert!(!segment.contains('/') && !segment.contains('?') && !segment.contains('#'));
            prop_assert!(segment != "." && segment != "..");
            // The URL parser agrees: the path is exactly what was built.
            let parsed = url::Url::parse(&request.url).unwrap();
            prop_assert_eq!(parsed.path_segments().unwrap().count(), 5);
            // The id round-trips through percent-decoding.
            let decoded = percent_encoding::percent_decode_str(segment).decode_utf8().unwrap();
            prop_assert_eq!(decoded, id.as_str());
        }
    }

    /// Accepted ids round-trip unchanged.
    #[test]
    fn accepted_ids_round_trip(id in "[a-zA-Z0-9_.~-]{1,128}") {
        if let Ok(parsed) = ServiceId::parse(&id) {
            prop_assert_eq!(parsed.as_str(), id.as_str());
        } else {
            prop_assert!(id == "." || id == "..");
        }
    }

    /// No response body, status or header makes any parser panic.
    #[test]
    fn parsers_never_panic(status in 0u16..1000, body in proptest::collection::vec(any::<u8>(), 0..512),
                           retry in proptest::option::of(any::<String>())) {
        let headers = retry.map(|r| vec![("Retry-After".to_string(), r)]).unwrap_or_default();
        let response = HttpResponse::new(status, headers, body);
        for op in vpskit::OPERATIONS {
            let args = match op {
                "list_servers" | "list_logs" | "list_jobs" | "get_account" => serde_json::json!({}),
                "get_job" => serde_json::json!({"job_id": "j"}),
                "reinstall" => serde_json::json!({"id": "s", "image_id": "i"}),
                "get_traffic" => serde_json::json!({"id": "s", "period": "month"}),
                "get_credential" => serde_json::json!({"id": "s", "type": "ssh", "username": "root"}),
                "raw" => serde_json::json!({"method": "GET", "path": "/x"}),
                _ => serde_json::json!({"id": "s"}),
            };
            let call = Call::from_value(serde_json::json!({"operation": op, "args": args})).unwrap();
            let _ = call.parse(&response);
        }
    }

    /// JSON-shaped bodies with arbitrary values never panic the typed parsers either.
    #[test]
    fn json_bodies_never_panic(value in arb_json()) {
        let body = serde_json::to_vec(&serde_json::json!({"success": true, "data": value.clone(), "provider_response": value})).unwrap();
        let response = HttpResponse::new(200, vec![], body);
        for op in ["list_servers", "get_server", "get_status", "get_overview", "list_credentials", "get_traffic",
                   "list_ips", "get_monitor", "list_tasks", "list_logs", "list_jobs", "get_job", "get_console", "reboot"] {
            let args = match op {
                "list_servers" | "list_logs" | "list_jobs" => serde_json::json!({}),
                "get_job" => serde_json::json!({"job_id": "j"}),
                "get_traffic" => serde_json::json!({"id": "s", "period": "month"}),
                _ => serde_json::json!({"id": "s"}),
            };
            let call = Call::from_value(serde_json::json!({"operation": op, "args": args})).unwrap();
            // The text form agrees with the value form on every body.
            match (call.parse(&response), call.parse_json(&response, vpskit::KeyCase::Snake)) {
                (Ok(value), Ok(json)) => {
                    // Both read back through the same float parser, so they compare exactly.
                    let reread = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap();
                    prop_assert_eq!(reread(&json.text), reread(&value.to_string()))
                }
                (Err(a), Err(b)) => prop_assert_eq!(a.message(), b.message()),
                (a, b) => prop_assert!(false, "{op}: value form {a:?}, text form {b:?}"),
            }
        }
    }

    /// Arbitrary call arguments never panic request building.
    #[test]
    fn request_building_never_panics(op in proptest::sample::select(vpskit::OPERATIONS.to_vec()), second in any::<bool>(),
                                      a in any::<String>(), b in any::<String>(), c in any::<String>()) {
        let config = Config::faithserver("fs_live_prop").unwrap();
        let args = args_for(op, second, &a, &b, &c);
        if let Ok(request) = Call::from_value(serde_json::json!({"operation": op, "args": args})).and_then(|call| call.request(&config)) {
            prop_assert!(request.url.starts_with("https://api.faithserver.com/api/v1/"), "{}", request.url);
            prop_assert!(!request.url.contains("fs_live_prop"));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    /// vpskit's own base-URL check agrees with the WHATWG parser (the `url` crate) on everything it
    /// accepts: same scheme, host and port, same path, no user info, query or fragment, https
    /// unless the host is loopback. Text is drawn from URL-ish pieces so most cases get far.
    #[test]
    fn accepted_base_urls_agree_with_the_url_crate(raw in arb_base_url()) {
        if let Ok(base) = vpskit::BaseUrl::parse(&raw) {
            let ours = base.as_str();
            let theirs = url::Url::parse(ours).expect("an accepted base URL parses");
            prop_assert!(theirs.username().is_empty() && theirs.password().is_none());
            prop_assert!(theirs.query().is_none() && theirs.fragment().is_none());
            let theirs_text = theirs.as_str().trim_end_matches('/');
            prop_assert_eq!(ours, theirs_text, "from {:?}", raw);
            let loopback = match theirs.host() {
                Some(url::Host::Domain(d)) => d == "localhost" || d == "localhost.",
                Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
                Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
                None => false,
            };
            prop_assert!(theirs.scheme() == "https" || (theirs.scheme() == "http" && loopback), "{}", ours);
        }
    }
}

fn arb_base_url() -> impl Strategy<Value = String> {
    let scheme = prop_oneof!["https", "http", "HTTPS", "ftp", "", "h\\ttp"];
    let host = prop_oneof![
        "[a-zA-Z0-9-]{1,12}(\\.[a-z]{2,5}){0,2}",
        "127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}",
        "localhost",
        "LOCALHOST",
        "\\[::1\\]",
        "\\[[0-9a-f:]{2,12}\\]",
        "[a-z]{1,5}@[a-z]{1,5}",
        "[^/]{0,12}",
    ];
    let port = prop_oneof!["", ":[0-9]{1,6}", ":", ":[a-z]{1,3}"];
    let path = prop_oneof![
        "",
        "/",
        "/api/v1",
        "/api/v1/",
        "(/[a-zA-Z0-9._%~-]{0,6}){1,3}",
        "[/?#.%\\\\]{0,6}",
        "/[^ ]{0,10}"
    ];
    (scheme, host, port, path).prop_map(|(s, h, p, path)| format!("{s}://{h}{p}{path}"))
}

/// The arguments `name` takes, filled from arbitrary text (calls refuse unknown arguments, so a
/// shared map would only exercise that refusal). The fuzz target `build_request` does the same.
fn args_for(name: &str, second: bool, a: &str, b: &str, c: &str) -> serde_json::Value {
    use serde_json::json;
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

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(serde_json::Value::from),
        "[a-z_]{0,12}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("id".to_string()),
                    Just("status".to_string()),
                    Just("product".to_string()),
                    Just("allowed_actions".to_string()),
                    Just("url".to_string()),
                    Just("password".to_string()),
                    "[a-z_]{1,8}"
                ],
                inner,
                0..6
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}
