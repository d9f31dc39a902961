//! The HTTP server: routing, the request log, queued faults, CORS and the admin surface.

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use tower_http::cors::{Any, CorsLayer};

use crate::faithserver::{self, is_key_name, Reply, Request};
use crate::state::{now_text, Fault, QueuedFault, RequestRecord, World};
use crate::vpsorg;

/// The mock's shared world.
#[derive(Clone)]
pub struct AppState(Arc<Mutex<World>>);

impl AppState {
    /// A fresh world.
    pub fn new(world: World) -> Self {
        AppState(Arc::new(Mutex::new(world)))
    }

    fn lock(&self) -> MutexGuard<'_, World> {
        // A handler never panics while holding the lock; recover the data if one ever did.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The router: the admin surface under `/__mock/`, both APIs under `/api/v1`, CORS for browsers.
pub fn router(state: AppState) -> Router {
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods(Any)
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT])
        .expose_headers([
            header::RETRY_AFTER,
            header::CONTENT_TYPE,
            HeaderName::from_static("x-request-id"),
            HeaderName::from_static("ratelimit-limit"),
            HeaderName::from_static("ratelimit-remaining"),
            HeaderName::from_static("ratelimit-reset"),
        ])
        .max_age(Duration::from_secs(600));
    let admin = Router::new()
        .route("/__mock/reset", post(admin_reset))
        .route(
            "/__mock/faults",
            post(admin_queue_fault)
                .get(admin_list_faults)
                .delete(admin_clear_faults),
        )
        .route(
            "/__mock/requests",
            get(admin_requests).delete(admin_clear_requests),
        )
        .route("/__mock/stats", get(admin_stats))
        .route(
            "/__mock/health",
            get(|| async { Json(json!({"ok": true})) }),
        )
        .layer(axum::middleware::from_fn(refuse_api_keys));
    Router::new()
        .merge(admin)
        .fallback(api)
        .layer(axum::middleware::from_fn_with_state(state.clone(), stamp))
        .layer(cors)
        .with_state(state)
}

/// The window the mock reports in its rate-limit headers: this many requests per minute.
const RATE_LIMIT: u64 = 600;

/// Stamps every API answer as real gateways do: an `X-Request-Id` (`req_` and a sequence
/// number) and the rate-limit state (`RateLimit-Limit`, `-Remaining`, `-Reset`; nothing
/// remaining on a 429).
/// A request in flight, counted until its answer is ready or its client hung up (hyper then
/// drops the handler, and this with it): what proves that a cancelled call cancels its request.
struct InFlight(AppState);

impl InFlight {
    fn enter(state: &AppState) -> InFlight {
        let mut world = state.lock();
        world.in_flight += 1;
        world.max_in_flight = world.max_in_flight.max(world.in_flight);
        drop(world);
        InFlight(state.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut world = self.0.lock();
        world.in_flight = world.in_flight.saturating_sub(1);
    }
}

async fn stamp(
    State(state): State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    static SEQUENCE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let flight = InFlight::enter(&state);
    let mut response = next.run(request).await;
    drop(flight);
    let n = SEQUENCE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let remaining = if response.status() == StatusCode::TOO_MANY_REQUESTS {
        0
    } else {
        RATE_LIMIT - 1 - (n % RATE_LIMIT)
    };
    let headers = response.headers_mut();
    for (name, value) in [
        ("x-request-id", format!("req_{n:06}")),
        ("ratelimit-limit", RATE_LIMIT.to_string()),
        ("ratelimit-remaining", remaining.to_string()),
        ("ratelimit-reset", "60".to_string()),
    ] {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(HeaderName::from_static(name), value);
        }
    }
    response
}

/// The admin surface is never reachable with an API key.
async fn refuse_api_keys(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if request.headers().contains_key(header::AUTHORIZATION) {
        return (
            StatusCode::FORBIDDEN,
            Json(json!({"error": "the mock's admin surface does not take API keys"})),
        )
            .into_response();
    }
    next.run(request).await
}

/// Requests in flight now, and the most at once since the last reset.
async fn admin_stats(State(state): State<AppState>) -> Json<Value> {
    let world = state.lock();
    Json(json!({"in_flight": world.in_flight, "max_in_flight": world.max_in_flight}))
}

async fn admin_reset(State(state): State<AppState>) -> Json<Value> {
    state.lock().reset();
    Json(json!({"ok": true}))
}

async fn admin_queue_fault(State(state): State<AppState>, body: Bytes) -> Response {
    match serde_json::from_slice::<QueuedFault>(&body) {
        Ok(fault) if fault.count > 0 => {
            state.lock().faults.push_back(fault);
            Json(json!({"ok": true})).into_response()
        }
        Ok(_) => (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({"error": "count must be at least 1"}))).into_response(),
        Err(e) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            // serde's message names every kind the mock has (`unknown variant …, expected one of …`).
            Json(json!({"error": format!("expected {{\"kind\": …, \"count\", \"path_prefix\", \"method\", and the kind's members}}: {e}")})),
        )
            .into_response(),
    }
}

async fn admin_list_faults(State(state): State<AppState>) -> Json<Value> {
    let faults: Vec<QueuedFault> = state.lock().faults.iter().cloned().collect();
    Json(json!({ "faults": faults }))
}

async fn admin_clear_faults(State(state): State<AppState>) -> Json<Value> {
    state.lock().faults.clear();
    Json(json!({"ok": true}))
}

async fn admin_requests(State(state): State<AppState>) -> Json<Value> {
    Json(json!({ "requests": state.lock().requests }))
}

async fn admin_clear_requests(State(state): State<AppState>) -> Json<Value> {
    state.lock().requests.clear();
    Json(json!({"ok": true}))
}

/// Both APIs.
async fn api(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_string();
    let raw_query = uri.query().map(str::to_string);
    let query: Vec<(String, String)> = raw_query
        .as_deref()
        .map(|q| {
            q.split('&')
                .filter(|p| !p.is_empty())
                .map(|pair| {
                    let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                    (decode(k), decode(v))
                })
                .collect()
        })
        .unwrap_or_default();
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let json_body: Option<Value> = if body.is_empty() {
        None
    } else {
        serde_json::from_slice(&body).ok()
    };
    let body_unreadable = !body.is_empty() && json_body.is_none();

    // Record the request (never a key's value) and take a fault.
    let (seq, fault) = {
        let uri_text = uri.to_string();
        let mut world = state.lock();
        let known_key_in_url = world
            .keys
            .iter()
            .map(|k| k.value.as_str())
            .chain(world.tokens.iter().map(|t| t.value.as_str()))
            .any(|k| uri_text.contains(k));
        world.request_count += 1;
        let seq = world.request_count;
        if world.requests.len() >= crate::state::REQUEST_LOG_LIMIT {
            world.requests.drain(..crate::state::REQUEST_LOG_LIMIT / 10);
        }
        let below = path.strip_prefix("/api/v1").unwrap_or(&path).to_string();
        let fault = world.take_fault(method.as_str(), &below);
        world.requests.push(RequestRecord {
            seq,
            method: method.to_string(),
            path: path.clone(),
            query: raw_query.as_ref().map(|_| masked_query(&query)),
            has_body: !body.is_empty(),
            authorization: match authorization.as_deref() {
                None => "none",
                Some(a) if a.starts_with("Bearer ") && a.len() > 7 => "bearer",
                Some(_) => "malformed",
            },
            key_in_query: query.iter().any(|(k, _)| is_key_name(k)),
            key_in_body: json_body
                .as_ref()
                .and_then(Value::as_object)
                .is_some_and(|m| m.keys().any(|k| is_key_name(k))),
            known_key_in_url,
            fault: fault.clone(),
            status: None,
        });
        (seq, fault)
    };

    let short_detail = fault == Some(Fault::ShortDetail);
    match fault {
        Some(Fault::Slow { delay_ms }) => tokio::time::sleep(Duration::from_millis(delay_ms)).await,
        Some(Fault::ShortDetail) | None => {}
        Some(other) => return fault_response(&state, seq, other),
    }

    let mut world = state.lock();
    let reply = match path.strip_prefix("/api/v1") {
        Some("/account/me/") if method == Method::GET => {
            vpsorg::account_me(&world, authorization.as_deref())
        }
        Some("/account/me/") => Reply {
            status: 405,
            body: json!({"detail": "Method not allowed."}),
        },
        Some(rest) if rest.starts_with("/account") => Reply {
            status: 404,
            body: json!({"detail": "Not found."}),
        },
        Some(rest) => {
            let segments: Vec<&str> = rest.trim_start_matches('/').split('/').collect();
            let request = Request {
                method: method.as_str(),
                segments,
                query,
                authorization: authorization.as_deref(),
                body: json_body,
                body_unreadable,
                peer: canonical(peer.ip()),
            };
            match faithserver::authenticate(&world, &request) {
                Ok(account) => {
                    let reply = faithserver::handle(&mut world, account, &request);
                    let id = world.next_id();
                    if world.api_logs.len() >= crate::state::API_LOG_LIMIT {
                        world.api_logs.drain(..crate::state::API_LOG_LIMIT / 10);
                    }
                    world.api_logs.push((
                        account,
                        json!({"id": id, "method": method.as_str(), "path": path, "status_code": reply.status,
                               "ip": peer.ip().to_string(), "created_at": now_text()}),
                    ));
                    reply
                }
                Err(reply) => reply,
            }
        }
        None => Reply::error(404, "Endpoint not found."),
    };
    // The newest record is last: search from the end (the log holds up to 10,000).
    if let Some(record) = world.requests.iter_mut().rev().find(|r| r.seq == seq) {
        record.status = Some(reply.status);
    }
    drop(world);
    let mut body = reply.body;
    if short_detail {
        if let Some(data) = body.get_mut("data").and_then(Value::as_object_mut) {
            data.retain(|name, _| matches!(name.as_str(), "id" | "name" | "status"));
        }
    }
    json_response(reply.status, body)
}

fn json_response(status: u16, body: Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, Json(body)).into_response()
}

fn fault_response(state: &AppState, seq: u64, fault: Fault) -> Response {
    let status = match &fault {
        Fault::RateLimit { .. } => 429,
        Fault::Status { status } => *status,
        Fault::Html => 502,
        Fault::Truncate => 200,
        Fault::Redirect { .. } => 302,
        Fault::Drop | Fault::Slow { .. } | Fault::ShortDetail => 0,
    };
    if let Some(record) = state
        .lock()
        .requests
        .iter_mut()
        .rev()
        .find(|r| r.seq == seq)
    {
        record.status = (status != 0).then_some(status);
    }
    match fault {
        Fault::RateLimit { retry_after } => {
            let mut response = json_response(429, json!({"success": false, "message": "Too many requests."}));
            if let Ok(value) = HeaderValue::from_str(&retry_after.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            response
        }
        Fault::Status { status } => json_response(
            status,
            json!({"success": false, "message": if status >= 500 { "Internal server error." } else { "Injected failure." }}),
        ),
        Fault::Html => (
            StatusCode::BAD_GATEWAY,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n",
        )
            .into_response(),
        Fault::Truncate => {
            let full = br#"{"success":true,"data":[{"id":"fsrv_111","name":"VPS AMD 1","region":"US-LA","product":"Premium VPS Multi-region"}]}"#;
            let cut = Bytes::from_static(full.get(..40).unwrap_or(full));
            // The pause lets the head and the first part reach the client before the connection dies.
            let stream = futures_util::stream::unfold(0u8, move |step| {
                let cut = cut.clone();
                async move {
                    match step {
                        0 => Some((Ok::<Bytes, std::io::Error>(cut), 1)),
                        1 => {
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            Some((Err(std::io::Error::other("truncated by the mock")), 2))
                        }
                        _ => None,
                    }
                }
            });
            let mut response = Response::new(Body::from_stream(stream));
            response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
            response.headers_mut().insert(header::CONTENT_LENGTH, HeaderValue::from(full.len()));
            response
        }
        Fault::Redirect { location } => {
            let mut response = (StatusCode::FOUND, "").into_response();
            if let Ok(value) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            response
        }
        Fault::Drop | Fault::Slow { .. } | Fault::ShortDetail => {
            let stream = futures_util::stream::once(async { Err::<Bytes, std::io::Error>(std::io::Error::other("dropped by the mock")) });
            Response::new(Body::from_stream(stream))
        }
    }
}

fn masked_query(query: &[(String, String)]) -> String {
    query
        .iter()
        .map(|(k, v)| {
            if is_key_name(k) || vpskit::secret::is_sensitive_key(k) {
                format!("{k}=********")
            } else {
                format!("{k}={v}")
            }
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn decode(text: &str) -> String {
    let plus = text.replace('+', " ");
    let bytes = plus.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (bytes.get(i), bytes.get(i + 1..i + 3)) {
            (Some(b'%'), Some(hex)) => match std::str::from_utf8(hex)
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                Some(b) => {
                    out.push(b);
                    i += 3;
                    continue;
                }
                None => out.push(b'%'),
            },
            (Some(b), _) => out.push(*b),
            (None, _) => break,
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .map(IpAddr::V4)
            .unwrap_or(IpAddr::V6(v6)),
        v4 => v4,
    }
}
