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
    let args = serde_json::json!({"id": a, "image_id": b, "os_id": c, "password": a, "period": b, "month": c,
                                  "type": b, "username": c, "job_id": a, "method": "GET", "path": format!("/{b}")});
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
