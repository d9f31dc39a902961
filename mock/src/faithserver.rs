//! The FaithServer Gateway endpoints, as pure functions of the world and the request.
//!
//! HTTP statuses the mock uses for the documented errors (the API does not document them):
//!
//! | message | status |
//! |---|---|
//! | `Missing API key.` | 401 |
//! | `Invalid API key.` | 401 |
//! | `IP address is not whitelisted for this API key.` | 403 |
//! | `Server not found.` | 404 |
//! | `Action not allowed for this server.` | 403 |
//! | `Console endpoint is not available for Budget VPS.` | 400 |
//! | a body or query of the wrong shape (reinstall, reset-password, traffic) | 422 |
//! | an unknown endpoint | 404 `Endpoint not found.` |

use std::net::IpAddr;

use serde_json::{json, Map, Value};
use vpskit::faithserver::{Action, Product};
use vpskit::ErrorCode;

use crate::fleet::{BUDGET_TEMPLATES, PREMIUM_IMAGES};
use crate::state::{masked, now_text, Job, Server, World};

/// An answer: status and JSON body.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The JSON body.
    pub body: Value,
}

impl Reply {
    /// A 200 answer with this body.
    pub fn ok(body: Value) -> Reply {
        Reply { status: 200, body }
    }

    /// A 200 answer `{"success": true, "data": …}`.
    pub fn data(data: Value) -> Reply {
        Reply::ok(json!({"success": true, "data": data}))
    }

    /// An error answer `{"success": false, "message": …}`.
    pub fn error(status: u16, message: &str) -> Reply {
        Reply {
            status,
            body: json!({"success": false, "message": message}),
        }
    }

    /// The answer for a documented error, with the mock's status for it.
    pub fn code(code: ErrorCode) -> Reply {
        let status = match code {
            ErrorCode::MissingApiKey | ErrorCode::InvalidApiKey => 401,
            ErrorCode::IpNotWhitelisted | ErrorCode::ActionNotAllowed => 403,
            ErrorCode::ServerNotFound => 404,
            ErrorCode::ConsoleNotAvailable => 400,
        };
        Reply::error(status, code.message())
    }
}

/// What the handler needs of a request.
pub struct Request<'a> {
    pub method: &'a str,
    /// Path segments below `/api/v1`.
    pub segments: Vec<&'a str>,
    pub query: Vec<(String, String)>,
    pub authorization: Option<&'a str>,
    pub body: Option<Value>,
    /// Whether a body was sent that is not JSON.
    pub body_unreadable: bool,
    pub peer: IpAddr,
}

impl Request<'_> {
    fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Query parameter or body field names that carry a key (refused: the header is the only way).
pub fn is_key_name(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "api_key" | "apikey" | "key" | "token" | "access_token" | "authorization"
    )
}

/// Authenticates a FaithServer request: the account the key reaches, or the documented error.
pub fn authenticate(world: &World, request: &Request<'_>) -> Result<&'static str, Reply> {
    let key_in_query = request.query.iter().any(|(k, _)| is_key_name(k));
    let key_in_body = request
        .body
        .as_ref()
        .and_then(Value::as_object)
        .is_some_and(|m| m.keys().any(|k| is_key_name(k)));
    if key_in_query || key_in_body {
        return Err(Reply::code(ErrorCode::MissingApiKey));
    }
    let key = request
        .authorization
        .and_then(|h| h.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|k| !k.is_empty() && !k.contains(' '))
        .ok_or_else(|| Reply::code(ErrorCode::MissingApiKey))?;
    let record = world
        .keys
        .iter()
        .find(|k| k.value == key && !k.revoked)
        .ok_or_else(|| Reply::code(ErrorCode::InvalidApiKey))?;
    if !record.whitelist.is_empty() && !record.whitelist.contains(&request.peer) {
        return Err(Reply::code(ErrorCode::IpNotWhitelisted));
    }
    Ok(record.account)
}

/// Routes an authenticated FaithServer request.
pub fn handle(world: &mut World, account: &'static str, request: &Request<'_>) -> Reply {
    let segments = request.segments.as_slice();
    match (request.method, segments) {
        ("GET", ["servers"]) => Reply::data(Value::Array(
            world
                .servers
                .iter()
                .filter(|s| s.seed.account == account && !s.seed.suspended)
                .map(Server::summary)
                .collect(),
        )),
        ("GET", ["logs"]) => Reply::data(Value::Array(
            world
                .api_logs
                .iter()
                .filter(|(a, _)| *a == account)
                .map(|(_, v)| v.clone())
                .collect(),
        )),
        ("GET", ["jobs"]) => Reply::data(Value::Array(
            world
                .jobs
                .iter()
                .filter(|j| j.account == account)
                .map(Job::to_json)
                .collect(),
        )),
        ("GET", ["jobs", id]) => match world
            .jobs
            .iter_mut()
            .find(|j| j.id == *id && j.account == account)
        {
            Some(job) => {
                job.reads += 1;
                job.updated_at = now_text();
                Reply::data(job.to_json())
            }
            None => Reply::error(404, "Job not found."),
        },
        (_, ["servers", id, rest @ ..]) => {
            let id = id.to_string();
            let rest: Vec<&str> = rest.to_vec();
            server_endpoint(world, account, &id, &rest, request)
        }
        _ => Reply::error(404, "Endpoint not found."),
    }
}

fn server_endpoint(
    world: &mut World,
    account: &'static str,
    id: &str,
    rest: &[&str],
    request: &Request<'_>,
) -> Reply {
    let method = request.method;
    let known = matches!(
        (method, rest),
        (
            "GET",
            [] | ["status"]
                | ["overview"]
                | ["actions"]
                | ["console"]
                | ["rescue", "status"]
                | ["images"]
                | ["credentials"]
                | ["credentials", _, _]
                | ["traffic"]
                | ["ips"]
                | ["monitor"]
                | ["tasks"]
        ) | (
            "POST",
            ["start"]
                | ["stop"]
                | ["reboot"]
                | ["wol"]
                | ["rescue", "enable"]
                | ["rescue", "disable"]
                | ["reinstall"]
                | ["reset-password"]
        )
    );
    if !known {
        return Reply::error(404, "Endpoint not found.");
    }
    let Some(server) = world.server_mut(account, id) else {
        return Reply::code(ErrorCode::ServerNotFound);
    };
    let product = server.seed.product.clone();
    let gate = |server: &Server, action: Action| -> Result<(), Reply> {
        if action == Action::Console && product == Product::BudgetVps {
            return Err(Reply::code(ErrorCode::ConsoleNotAvailable));
        }
        if server.allows(&action) {
            Ok(())
        } else {
            Err(Reply::code(ErrorCode::ActionNotAllowed))
        }
    };
    let result: Result<Step, Reply> = (|| match (method, rest) {
        ("GET", []) => Ok(Step::Done(Reply::data(server.summary()))),
        ("GET", ["status"]) => {
            gate(server, Action::Status)?;
            Ok(Step::Done(Reply::data(
                json!({"id": server.seed.id, "status": server.power(), "rescue_active": server.rescue_active}),
            )))
        }
        ("GET", ["overview"]) => {
            gate(server, Action::Overview)?;
            Ok(Step::Done(Reply::data(json!({
                "id": server.seed.id, "name": server.seed.name, "region": server.seed.region,
                "product": server.seed.product.as_str(), "ip_address": server.seed.ip, "status": server.power(),
                "plan": server.seed.plan, "capabilities": server.allowed_actions(),
            }))))
        }
        ("GET", ["actions"]) => Ok(Step::Done(Reply::data(Value::Array(
            server.action_log.clone(),
        )))),
        ("POST", ["start"]) => {
            gate(server, Action::Start)?;
            server.running = true;
            Ok(Step::Done(action_reply(
                server,
                "start",
                "Start command accepted.",
            )))
        }
        ("POST", ["stop"]) => {
            gate(server, Action::Stop)?;
            server.running = false;
            Ok(Step::Done(action_reply(
                server,
                "stop",
                "Stop command accepted.",
            )))
        }
        ("POST", ["reboot"]) => {
            gate(server, Action::Reboot)?;
            server.running = true;
            server.rescue_active = server.rescue_requested;
            Ok(Step::Done(action_reply(
                server,
                "reboot",
                "Reboot command accepted.",
            )))
        }
        ("POST", ["wol"]) => {
            gate(server, Action::Wol)?;
            server.running = true;
            Ok(Step::Done(action_reply(
                server,
                "wol",
                "Wake-on-LAN packet sent.",
            )))
        }
        ("GET", ["console"]) => {
            gate(server, Action::Console)?;
            Ok(Step::Console)
        }
        ("GET", ["rescue", "status"]) => {
            gate(server, Action::Rescue)?;
            Ok(Step::Done(Reply::data(json!({
                "enabled": server.rescue_requested, "active": server.rescue_active,
                "pending_reboot": server.rescue_requested != server.rescue_active,
            }))))
        }
        ("POST", ["rescue", which]) => {
            gate(server, Action::Rescue)?;
            server.rescue_requested = *which == "enable";
            let message = if server.rescue_requested {
                "Rescue mode enabled. Reboot the server to apply it."
            } else {
                "Rescue mode disabled. Reboot the server to apply it."
            };
            Ok(Step::Done(action_reply(
                server,
                if server.rescue_requested {
                    "rescue-enable"
                } else {
                    "rescue-disable"
                },
                message,
            )))
        }
        ("GET", ["images"]) => {
            gate(server, Action::Images)?;
            Ok(Step::Done(Reply::ok(
                json!({"success": true, "server_id": server.seed.id, "provider": server.provider(),
                                "data": {"images": images(&product)}}),
            )))
        }
        ("POST", ["reinstall"]) => {
            gate(server, Action::Reinstall)?;
            reinstall_body(&product, request.body.as_ref(), request.body_unreadable)?;
            Ok(Step::Reinstall)
        }
        ("POST", ["reset-password"]) => {
            gate(server, Action::ResetPassword)?;
            let custom = password_body(&product, request.body.as_ref(), request.body_unreadable)?;
            match custom {
                Some(password) => {
                    server.root_password = password;
                    Ok(Step::Done(action_reply(
                        server,
                        "reset-password",
                        "Password updated.",
                    )))
                }
                None => Ok(Step::GeneratedPassword),
            }
        }
        ("GET", ["credentials"]) => {
            gate(server, Action::Credentials)?;
            Ok(Step::Done(Reply::data(json!(credentials(server)))))
        }
        ("GET", ["credentials", kind, username]) => {
            gate(server, Action::Credentials)?;
            credentials(server)
                .into_iter()
                .find(|c| c["type"] == *kind && c["username"] == *username)
                .map(|c| Step::Done(Reply::data(c)))
                .ok_or_else(|| Reply::error(404, "Credential not found."))
        }
        ("GET", ["traffic"]) => {
            gate(server, Action::Traffic)?;
            traffic(&product, request).map(Step::Done)
        }
        ("GET", ["ips"]) => {
            gate(server, Action::Ips)?;
            Ok(Step::Done(Reply::data(json!([
                {"address": server.seed.ip, "version": 4, "primary": true},
                {"address": format!("2001:db8::{}", server.seed.id.trim_start_matches("fsrv_")), "version": 6, "primary": false},
            ]))))
        }
        ("GET", ["monitor"]) => {
            gate(server, Action::Monitor)?;
            Ok(Step::Done(Reply::data(json!({
                "cpu_percent": if server.running { 12.5 } else { 0.0 },
                "memory_used_bytes": if server.running { 734_003_200u64 } else { 0 },
                "memory_total_bytes": 2_147_483_648u64,
                "disk_used_bytes": 8_589_934_592u64, "disk_total_bytes": 42_949_672_960u64,
                "uptime_seconds": if server.running { 86_400 } else { 0 },
            }))))
        }
        ("GET", ["tasks"]) => {
            gate(server, Action::Tasks)?;
            let tasks: Vec<Value> = server.action_log.iter().rev().take(20).map(|e| {
                json!({"id": e["id"], "action": e["action"], "status": e["status"], "created_at": e["created_at"]})
            }).collect();
            Ok(Step::Done(Reply::data(Value::Array(tasks))))
        }
        _ => Err(Reply::error(404, "Endpoint not found.")),
    })();
    match result {
        Ok(Step::Done(reply)) | Err(reply) => reply,
        Ok(step) => finish_with_world(world, account, id, step, request),
    }
}

/// What a server endpoint still has to do once the server's borrow ends.
enum Step {
    /// The answer is ready.
    Done(Reply),
    /// Mint a console token.
    Console,
    /// Create the reinstall job.
    Reinstall,
    /// Generate a password.
    GeneratedPassword,
}

/// The endpoints that need the world itself (random tokens, jobs).
fn finish_with_world(
    world: &mut World,
    account: &'static str,
    id: &str,
    step: Step,
    request: &Request<'_>,
) -> Reply {
    match step {
        Step::Done(reply) => reply,
        Step::Console => {
            let token = world.random_hex(16);
            let Some(server) = world.server_mut(account, id) else {
                return Reply::code(ErrorCode::ServerNotFound);
            };
            log_action(server, "console", json!(null));
            Reply::ok(json!({
                "success": true, "message": "Console request processed.", "server_id": server.seed.id,
                "action": "console", "provider_status_code": 200,
                "provider_response": {
                    "url": format!("https://console.mock.invalid/noVNC/vnc.html?autoconnect=true&token={token}"),
                    "note": "Open this URL in browser to access console.",
                },
            }))
        }
        Step::Reinstall => {
            let job_id = format!("job_{}", world.next_id());
            let now = now_text();
            let Some(server) = world.server_mut(account, id) else {
                return Reply::code(ErrorCode::ServerNotFound);
            };
            let body = request.body.clone().unwrap_or(Value::Null);
            if let Some(image) = body
                .get("imageId")
                .or_else(|| body.get("osid"))
                .and_then(Value::as_str)
            {
                server.image = image.to_string();
            }
            if let Some(password) = body.get("password").and_then(Value::as_str) {
                server.root_password = password.to_string();
            }
            server.running = true;
            let mut reply = action_reply(server, "reinstall", "Reinstall started.");
            if let Some(map) = reply.body.as_object_mut() {
                map.insert("job_id".into(), json!(job_id));
            }
            if let Some(entry) = server.action_log.last_mut().and_then(Value::as_object_mut) {
                entry.insert("request".into(), masked(&body));
                entry.insert("job_id".into(), json!(job_id));
            }
            let server_id = server.seed.id.to_string();
            world.jobs.push(Job {
                id: job_id,
                account,
                server_id,
                action: "reinstall".into(),
                reads: 0,
                steps: 2,
                fails: false,
                created_at: now.clone(),
                updated_at: now,
            });
            reply
        }
        Step::GeneratedPassword => {
            let password = format!("Gen-{}!", world.random_hex(8));
            let Some(server) = world.server_mut(account, id) else {
                return Reply::code(ErrorCode::ServerNotFound);
            };
            server.root_password = password.clone();
            let mut reply = action_reply(server, "reset-password", "Password reset.");
            if let Some(map) = reply.body.as_object_mut() {
                map.insert(
                    "provider_response".into(),
                    json!({"password": password, "username": "root"}),
                );
            }
            reply
        }
    }
}

fn action_reply(server: &mut Server, action: &str, message: &str) -> Reply {
    let provider_response = match server.seed.product {
        Product::BudgetVps => json!({
            "status": 1,
            "message": format!("The VPS {action} completed successfully"),
            "output": if server.running { "Starting the VM...\n\nThe VM has been successfully started." } else { "Stopping the VM...\n\nThe VM has been stopped." },
            "time_taken": "1.42",
        }),
        _ => {
            json!({"result": "accepted", "power": server.power(), "rescue_active": server.rescue_active})
        }
    };
    log_action(server, action, json!(null));
    Reply::ok(json!({
        "success": true, "message": message, "server_id": server.seed.id, "action": action,
        "provider": server.provider(), "provider_status_code": 200, "provider_response": provider_response,
    }))
}

fn log_action(server: &mut Server, action: &str, request: Value) {
    let id = server.action_log.len() + 1;
    server.action_log.push(json!({
        "id": id, "server_id": server.seed.id, "action": action, "status": "success",
        "created_at": now_text(), "request": request,
    }));
}

fn images(product: &Product) -> Vec<Value> {
    match product {
        Product::PremiumVps => PREMIUM_IMAGES
            .iter()
            .map(|(id, name, family, flavour)| json!({"id": id, "name": name, "family": family, "flavour": flavour}))
            .collect(),
        _ => BUDGET_TEMPLATES
            .iter()
            .map(|(id, name, family)| json!({"id": id, "name": name, "family": family}))
            .collect(),
    }
}

fn body_object(
    body: Option<&Value>,
    unreadable: bool,
) -> Result<Option<&Map<String, Value>>, Reply> {
    if unreadable {
        return Err(Reply::error(422, "The request body must be JSON."));
    }
    match body {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(map)) => Ok(Some(map)),
        Some(_) => Err(Reply::error(422, "The request body must be a JSON object.")),
    }
}

fn reinstall_body(product: &Product, body: Option<&Value>, unreadable: bool) -> Result<(), Reply> {
    let map = body_object(body, unreadable)?;
    let field = |name: &str| map.and_then(|m| m.get(name));
    match product {
        Product::PremiumVps => {
            if field("osid").is_some() {
                return Err(Reply::error(
                    422,
                    "Premium VPS Multi-region reinstall takes imageId, not osid.",
                ));
            }
            let image = field("imageId")
                .and_then(Value::as_str)
                .ok_or_else(|| Reply::error(422, "The imageId field is required."))?;
            if !PREMIUM_IMAGES.iter().any(|(id, ..)| *id == image) {
                return Err(Reply::error(
                    422,
                    "Unknown imageId: fetch the current list from /images.",
                ));
            }
            Ok(())
        }
        _ => {
            if field("imageId").is_some() {
                return Err(Reply::error(
                    422,
                    "Budget VPS reinstall takes osid and password, not imageId.",
                ));
            }
            let osid = field("osid")
                .and_then(Value::as_str)
                .ok_or_else(|| Reply::error(422, "The osid field is required (a string)."))?;
            if !BUDGET_TEMPLATES.iter().any(|(id, ..)| *id == osid) {
                return Err(Reply::error(
                    422,
                    "Unknown osid: fetch the current list from /images.",
                ));
            }
            match field("password").and_then(Value::as_str) {
                Some(p) if !p.is_empty() => Ok(()),
                _ => Err(Reply::error(422, "The password field is required.")),
            }
        }
    }
}

/// `Some(password)` for a custom reset, `None` for a generated one.
fn password_body(
    product: &Product,
    body: Option<&Value>,
    unreadable: bool,
) -> Result<Option<String>, Reply> {
    let map = body_object(body, unreadable)?;
    let password = map.and_then(|m| m.get("password"));
    match (product, password) {
        (Product::BudgetVps, Some(Value::String(p))) if !p.is_empty() => Ok(Some(p.clone())),
        (Product::BudgetVps, _) => Err(Reply::error(
            422,
            "The password field is required for Budget VPS.",
        )),
        (_, None) => Ok(None),
        (_, Some(_)) => Err(Reply::error(
            422,
            "This service generates the password: send no body.",
        )),
    }
}

fn credentials(server: &Server) -> Vec<Value> {
    vec![
        json!({"type": "ssh", "username": "root", "password": server.root_password}),
        json!({"type": "panel", "username": "admin", "password": format!("panel-{}", server.seed.id)}),
    ]
}

fn traffic(product: &Product, request: &Request<'_>) -> Result<Reply, Reply> {
    let usage = |label: (&str, &str)| {
        json!({label.0: label.1, "incoming_bytes": 1_234_567_890u64, "outgoing_bytes": 987_654_321u64,
               "total_bytes": 2_222_222_211u64, "limit_bytes": 1_099_511_627_776u64})
    };
    match product {
        Product::BudgetVps => {
            if request.query("period").is_some() {
                return Err(Reply::error(
                    422,
                    "Budget VPS traffic takes month=YYYYMM, not period.",
                ));
            }
            let month = request
                .query("month")
                .ok_or_else(|| Reply::error(422, "The month parameter is required (YYYYMM)."))?;
            vpskit::Month::parse(month)
                .map_err(|_| Reply::error(422, "The month parameter must be YYYYMM."))?;
            Ok(Reply::data(usage(("month", month))))
        }
        _ => {
            if request.query("month").is_some() {
                return Err(Reply::error(
                    422,
                    "Premium VPS Multi-region traffic takes period, not month.",
                ));
            }
            match request.query("period") {
                Some(p @ ("month" | "week" | "day")) => Ok(Reply::data(usage(("period", p)))),
                Some(_) => Err(Reply::error(
                    422,
                    "The period parameter must be day, week or month.",
                )),
                None => Err(Reply::error(
                    422,
                    "The period parameter is required (for example period=month).",
                )),
            }
        }
    }
}
