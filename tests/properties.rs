//! Properties that hold for any input: no panic, no path escape, ids round-trip.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
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
            let call = sample_call(op);
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
            let call = sample_call(op);
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

/// A valid call of operation `op` on a fixed server, with the arguments it needs.
fn sample_call(op: &str) -> Call {
    let args = match op {
        "list_servers" | "list_logs" | "list_jobs" | "get_account" => serde_json::json!({}),
        "get_job" => serde_json::json!({"job_id": "j"}),
        "reinstall" => serde_json::json!({"id": "s", "image_id": "i"}),
        "get_traffic" => serde_json::json!({"id": "s", "period": "month"}),
        "get_credential" => serde_json::json!({"id": "s", "type": "ssh", "username": "root"}),
        "raw" => serde_json::json!({"method": "GET", "path": "/x"}),
        _ => serde_json::json!({"id": "s"}),
    };
    Call::from_value(serde_json::json!({"operation": op, "args": args})).unwrap()
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

/// Member names the result models read, a few that differ by case or alias, and others.
const MEMBER_NAMES: &[&str] = &[
    "id",
    "name",
    "region",
    "product",
    "status",
    "allowed_actions",
    "ip_address",
    "plan",
    "capabilities",
    "message",
    "server_id",
    "action",
    "provider",
    "provider_status_code",
    "provider_response",
    "job_id",
    "url",
    "note",
    "enabled",
    "pending_reboot",
    "images",
    "type",
    "username",
    "password",
    "period",
    "month",
    "incoming_bytes",
    "total_bytes",
    "address",
    "ip",
    "version",
    "primary",
    "cpu_percent",
    "uptime_seconds",
    "status_code",
    "created_at",
    "progress",
    "email",
    "first_name",
    "account",
    "token",
    "permissions",
    "is_expired",
    "data",
    "Token",
    "api-key",
    "$secret",
    "x_y",
    "é",
];

/// JSON text (not a value: members may repeat) shaped like the gateway's: objects with the
/// models' member names, values of every type, sometimes the right one.
fn arb_json_text() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        Just("true".to_string()),
        Just("false".to_string()),
        (0u64..70_000).prop_map(|n| n.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        Just("18446744073709551616".to_string()),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| f.to_string()),
        Just("1e3".to_string()),
        Just("-0.0".to_string()),
        "[a-z_ \\-]{0,10}".prop_map(|s| format!("{s:?}")),
        Just(r#""a\u00e9\n\"b""#.to_string()),
        Just(r#"["status","reboot"]"#.to_string()),
        Just(r#"["servers:*","dns:list","nope"]"#.to_string()),
        Just(r#"{"$secret":"s"}"#.to_string()),
    ];
    leaf.prop_recursive(4, 48, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4)
                .prop_map(|items| format!("[{}]", items.join(","))),
            proptest::collection::vec((proptest::sample::select(MEMBER_NAMES), inner), 0..9)
                .prop_map(|members| {
                    let members: Vec<String> = members
                        .iter()
                        .map(|(name, value)| format!("{name:?}:{value}"))
                        .collect();
                    format!("{{{}}}", members.join(","))
                }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// Every result read as text (`parse_json`, by shapes) says what the typed result says
    /// (`parse`): same JSON, or the same error, on bodies near the documented ones.
    #[test]
    fn shaped_text_agrees_with_typed_results(
        data in prop_oneof![1 => arb_json_text(), 4 => arb_model_text()],
        list in proptest::collection::vec(arb_json_text(), 0..3),
        top in proptest::collection::vec((proptest::sample::select(MEMBER_NAMES), arb_json_text()), 0..5),
        success in prop_oneof![6 => Just("true"), 1 => Just("false"), 1 => Just("null"), 1 => Just("\"yes\""), 3 => Just("")],
        status in prop_oneof![Just(200u16), Just(201), Just(404), Just(500)],
    ) {
        let mut members = Vec::new();
        if !success.is_empty() {
            members.push(format!("\"success\":{success}"));
        }
        members.push(format!("\"data\":{data}"));
        members.push(format!("\"data_list\":[{}]", list.join(",")));
        members.extend(top.iter().map(|(name, value)| format!("{name:?}:{value}")));
        let text = format!("{{{}}}", members.join(","));
        let mut bodies = vec![text.replacen("\"data_list\"", "\"data\"", 1).replacen("\"data\":", "\"dat\":", 1), text];
        // A model's members at the top too (results that are the whole body).
        if let Some(rest) = data.strip_prefix('{').filter(|rest| *rest != "}") {
            bodies.push(if success.is_empty() { data.clone() } else { format!("{{\"success\":{success},{rest}") });
        }
        for body in bodies {
            let response = HttpResponse::new(status, vec![], body.clone().into_bytes());
            for op in vpskit::OPERATIONS {
                let call = sample_call(op);
                agree(&call, op, &response, &body)?;
            }
        }
    }

    /// As above, each body drawn for one result (a server, a list of jobs, a console session,
    /// the account), so most of them read.
    #[test]
    fn shaped_text_agrees_on_model_bodies((op, body) in arb_result_body()) {
        let call = sample_call(op);
        let response = HttpResponse::new(200, vec![], body.clone().into_bytes());
        agree(&call, op, &response, &body)?;
    }
}

/// Checks that `parse_json` says what `parse` says about `response`, in both name styles.
fn agree(call: &Call, op: &str, response: &HttpResponse, body: &str) -> Result<(), TestCaseError> {
    for case in [vpskit::KeyCase::Snake, vpskit::KeyCase::Camel] {
        match (call.parse(response), call.parse_json(response, case)) {
            (Ok(value), Ok(json)) => {
                // Both read back through the same float reader, so they compare exactly.
                let reread = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap();
                let renamed = reread(&rename_members(&value, case).to_string());
                prop_assert_eq!(&reread(&json.text), &renamed, "{} on {}", op, body);
                if case == vpskit::KeyCase::Snake {
                    // Same text as the typed result serializes to: member order and number forms.
                    let typed = call
                        .visit_operation(vpskit::Api::FaithServer, TypedText(response))
                        .unwrap()
                        .unwrap();
                    prop_assert_eq!(&json.text, &typed, "{} on {}", op, body);
                }
                prop_assert!(json.has_secret || !json.text.contains("\"$secret\""));
            }
            (Err(a), Err(b)) => {
                prop_assert_eq!(a.kind(), b.kind(), "{} on {}", op, body);
                prop_assert_eq!(a.message(), b.message(), "{} on {}", op, body);
                prop_assert_eq!(a.status(), b.status());
            }
            (a, b) => prop_assert!(false, "{op} on {body}: typed {a:?}, text {b:?}"),
        }
    }
    Ok(())
}

/// An operation and a body drawn for its result.
fn arb_result_body() -> impl Strategy<Value = (&'static str, String)> {
    const CONSOLE_BODY: &[(&str, Kind)] = &[
        ("message", Str),
        ("server_id", Str),
        ("action", Str),
        ("provider_status_code", Small),
        ("provider_response", Kind::Object(CONSOLE)),
    ];
    const ACCOUNT_INFO: &[(&str, Kind)] = &[
        ("account", Kind::Object(ACCOUNT)),
        ("token", Kind::Object(TOKEN)),
    ];
    const IMAGE_LIST: &[(&str, Kind)] = &[
        ("server_id", Str),
        ("provider", Str),
        ("data", Kind::Object(IMAGES)),
    ];
    let data = |op: &'static str, fields: &'static [(&'static str, Kind)]| {
        arb_object(fields).prop_map(move |o| (op, format!("{{\"success\":true,\"data\":{o}}}")))
    };
    let list = |op: &'static str, fields: &'static [(&'static str, Kind)]| {
        proptest::collection::vec(arb_object(fields), 0..4).prop_map(move |items| {
            (
                op,
                format!("{{\"success\":true,\"data\":[{}]}}", items.join(",")),
            )
        })
    };
    let body = |op: &'static str, fields: &'static [(&'static str, Kind)]| {
        arb_object(fields).prop_map(move |o| match o.strip_prefix('{') {
            Some(rest) if rest != "}" => (op, format!("{{\"success\":true,{rest}")),
            _ => (op, o),
        })
    };
    prop_oneof![
        data("get_server", SERVER),
        list("list_servers", SERVER),
        data("get_job", JOB),
        list("list_jobs", JOB),
        body("get_console", CONSOLE_BODY),
        body("get_account", ACCOUNT_INFO),
        body("list_images", IMAGE_LIST),
    ]
}

/// `value` with its member names in `case`, as `parse_json` writes them.
fn rename_members(value: &serde_json::Value, case: vpskit::KeyCase) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => serde_json::Value::Object(
            map.iter()
                .map(|(k, v)| (case.rename(k), rename_members(v, case)))
                .collect(),
        ),
        serde_json::Value::Array(items) => {
            serde_json::Value::Array(items.iter().map(|v| rename_members(v, case)).collect())
        }
        other => other.clone(),
    }
}

/// The typed result serialized by `serde_json`: the text `parse_json` must write.
struct TypedText<'a>(&'a HttpResponse);

impl vpskit::OperationVisitor for TypedText<'_> {
    type Output = Result<String, vpskit::Error>;
    fn visit<T: vpskit::FromResponse + serde::Serialize + Send + 'static>(
        self,
        op: vpskit::Operation<T>,
    ) -> Self::Output {
        op.parse(self.0)
            .map(|result| serde_json::to_string(&result).unwrap())
    }
}

/// What a member of a model holds, for [`arb_model_text`].
#[derive(Clone, Copy, Debug)]
enum Kind {
    Str,
    StrOrNum,
    Bool,
    Small,
    Big,
    Float,
    Words,
    Object(&'static [(&'static str, Kind)]),
    List(&'static [(&'static str, Kind)]),
}

use Kind::{Big, Bool, Float, Small, Str, StrOrNum, Words};

const SERVER: &[(&str, Kind)] = &[
    ("id", Str),
    ("name", Str),
    ("region", Str),
    ("product", Str),
    ("status", Str),
    ("allowed_actions", Words),
];
const JOB: &[(&str, Kind)] = &[
    ("id", StrOrNum),
    ("server_id", Str),
    ("action", Str),
    ("status", Str),
    ("progress", Float),
    ("message", Str),
    ("created_at", Str),
    ("updated_at", Str),
];
const CONSOLE: &[(&str, Kind)] = &[("url", Str), ("note", Str)];
const IMAGE: &[(&str, Kind)] = &[
    ("id", StrOrNum),
    ("name", Str),
    ("family", Str),
    ("flavour", Str),
];
const IMAGES: &[(&str, Kind)] = &[("images", Kind::List(IMAGE))];
const ACCOUNT: &[(&str, Kind)] = &[("email", Str), ("first_name", Str), ("created_at", Str)];
const TOKEN: &[(&str, Kind)] = &[
    ("name", Str),
    ("permissions", Words),
    ("expires_at", Str),
    ("is_expired", Bool),
];
const MODELS: &[&[(&str, Kind)]] = &[
    SERVER,
    JOB,
    &[("id", Str), ("status", Str), ("power_state", Str)],
    &[
        ("id", Str),
        ("product", Str),
        ("ip_address", Str),
        ("plan", Str),
        ("capabilities", Words),
    ],
    &[
        ("message", Str),
        ("server_id", Str),
        ("action", Str),
        ("provider_status_code", Small),
        ("provider_response", Kind::Object(CONSOLE)),
        ("job_id", StrOrNum),
    ],
    &[("enabled", Bool), ("pending_reboot", Bool)],
    &[
        ("server_id", Str),
        ("provider", Str),
        ("data", Kind::Object(IMAGES)),
    ],
    &[("type", Str), ("username", Str), ("password", Str)],
    &[
        ("period", Str),
        ("month", StrOrNum),
        ("incoming_bytes", Big),
        ("limit_bytes", Big),
    ],
    &[
        ("address", Str),
        ("ip", Str),
        ("version", Small),
        ("primary", Bool),
    ],
    &[
        ("cpu_percent", Float),
        ("memory_used_bytes", Big),
        ("uptime_seconds", Big),
    ],
    &[
        ("id", StrOrNum),
        ("method", Str),
        ("status_code", Small),
        ("created_at", Str),
    ],
    &[
        ("account", Kind::Object(ACCOUNT)),
        ("token", Kind::Object(TOKEN)),
    ],
];

/// A value of `kind`: mostly the right type, sometimes `null` or anything.
fn arb_kind(kind: Kind) -> BoxedStrategy<String> {
    let right = match kind {
        Str => "[a-z_ ]{0,8}".prop_map(|s| format!("{s:?}")).boxed(),
        StrOrNum => prop_oneof![
            "[a-z0-9]{1,6}".prop_map(|s| format!("{s:?}")),
            any::<u32>().prop_map(|n| n.to_string()),
            Just("1.5".to_string())
        ]
        .boxed(),
        Bool => any::<bool>().prop_map(|b| b.to_string()).boxed(),
        Small => prop_oneof![0u32..300, Just(65_535), Just(65_536)]
            .prop_map(|n| n.to_string())
            .boxed(),
        Big => prop_oneof![
            any::<u64>().prop_map(|n| n.to_string()),
            Just("-1".to_string()),
            Just("1e2".to_string())
        ]
        .boxed(),
        Float => prop_oneof![
            (0u32..100).prop_map(|n| n.to_string()),
            (0.0f64..100.0).prop_map(|f| f.to_string())
        ]
        .boxed(),
        Words => proptest::collection::vec(
            prop_oneof![
                Just("reboot"),
                Just("dns:*"),
                Just("servers:list"),
                Just("x")
            ],
            0..4,
        )
        .prop_map(|w| format!("{w:?}"))
        .boxed(),
        Kind::Object(fields) => arb_object(fields).boxed(),
        Kind::List(fields) => proptest::collection::vec(arb_object(fields), 0..3)
            .prop_map(|items| format!("[{}]", items.join(",")))
            .boxed(),
    };
    prop_oneof![16 => right, 1 => Just("null".to_string()), 1 => arb_json_text()].boxed()
}

/// An object with `fields` (each mostly there, in any order, now and then twice) and extras.
fn arb_object(fields: &'static [(&'static str, Kind)]) -> impl Strategy<Value = String> {
    let members: Vec<BoxedStrategy<Option<String>>> = fields
        .iter()
        .map(|&(name, kind)| {
            proptest::option::weighted(
                0.9,
                arb_kind(kind).prop_map(move |v| format!("{name:?}:{v}")),
            )
            .boxed()
        })
        .collect();
    let extras = proptest::collection::vec(
        (proptest::sample::select(MEMBER_NAMES), arb_json_text()),
        0..3,
    );
    (
        members,
        extras,
        any::<proptest::sample::Index>(),
        any::<bool>(),
        any::<u8>(),
    )
        .prop_map(|(members, extras, twice, rotate, turn)| {
            let mut members: Vec<String> = members.into_iter().flatten().collect();
            members.extend(
                extras
                    .iter()
                    .map(|(name, value)| format!("{name:?}:{value}")),
            );
            if !members.is_empty() {
                if turn % 7 == 0 {
                    let again = twice.get(&members).clone();
                    members.push(again);
                }
                if rotate {
                    let by = usize::from(turn) % members.len();
                    members.rotate_left(by);
                }
            }
            format!("{{{}}}", members.join(","))
        })
}

/// A model's object, or a list of them.
fn arb_model_text() -> impl Strategy<Value = String> {
    proptest::sample::select(MODELS).prop_flat_map(|fields| {
        prop_oneof![
            arb_object(fields).boxed(),
            proptest::collection::vec(arb_object(fields), 0..3)
                .prop_map(|items| format!("[{}]", items.join(",")))
                .boxed(),
        ]
    })
}
