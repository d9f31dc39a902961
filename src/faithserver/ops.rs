//! One function per FaithServer endpoint, each returning an [`Operation`].

use serde_json::json;

use super::models::*;
use super::requests::{ReinstallRequest, TrafficQuery};
use crate::config::Api;
use crate::error::Error;
use crate::http::Method;
use crate::operation::{Operation, RequestSpec};
use crate::validate::{CredentialType, JobId, Password, ServiceId, Username};

fn get(name: &'static str) -> RequestSpec {
    RequestSpec::new(Api::FaithServer, name, Method::Get)
}

fn post(name: &'static str) -> RequestSpec {
    RequestSpec::new(Api::FaithServer, name, Method::Post)
}

/// `GET /servers`: every active server the key can reach.
///
/// ```
/// let op = vpskit::faithserver::list_servers();
/// let request = op.request(&vpskit::Config::faithserver("fs_live_x")?)?;
/// assert_eq!(request.url, "https://api.faithserver.com/api/v1/servers");
/// # Ok::<(), vpskit::Error>(())
/// ```
pub fn list_servers() -> Operation<Vec<Server>> {
    Operation::new(get("list_servers").fixed("servers"))
}

/// `GET /servers/{id}`: short detail of one server.
pub fn get_server(id: &ServiceId) -> Operation<Server> {
    Operation::new(get("get_server").server(id))
}

/// `GET /servers/{id}/status`: the state read live from the backend.
pub fn get_status(id: &ServiceId) -> Operation<PowerStatus> {
    Operation::new(
        get("get_status")
            .server(id)
            .fixed("status")
            .gated_by(Action::Status),
    )
}

/// `GET /servers/{id}/overview`: name, region, IP, status, plan, capabilities.
pub fn get_overview(id: &ServiceId) -> Operation<Overview> {
    Operation::new(
        get("get_overview")
            .server(id)
            .fixed("overview")
            .gated_by(Action::Overview),
    )
}

/// `POST /servers/{id}/start`: power on.
pub fn start(id: &ServiceId) -> Operation<ActionResult> {
    Operation::new(
        post("start")
            .server(id)
            .fixed("start")
            .gated_by(Action::Start),
    )
}

/// `POST /servers/{id}/stop`: power off.
pub fn stop(id: &ServiceId) -> Operation<ActionResult> {
    Operation::new(post("stop").server(id).fixed("stop").gated_by(Action::Stop))
}

/// `POST /servers/{id}/reboot`: reboot (a hardware reboot on dedicated servers).
pub fn reboot(id: &ServiceId) -> Operation<ActionResult> {
    Operation::new(
        post("reboot")
            .server(id)
            .fixed("reboot")
            .gated_by(Action::Reboot),
    )
}

/// `POST /servers/{id}/wol`: Wake-on-LAN (dedicated servers).
pub fn wake_on_lan(id: &ServiceId) -> Operation<ActionResult> {
    Operation::new(
        post("wake_on_lan")
            .server(id)
            .fixed("wol")
            .gated_by(Action::Wol),
    )
}

/// `GET /servers/{id}/console`: a temporary noVNC URL (Premium VPS, running servers only).
pub fn get_console(id: &ServiceId) -> Operation<ConsoleSession> {
    Operation::new(
        get("get_console")
            .server(id)
            .fixed("console")
            .gated_by(Action::Console),
    )
}

/// `GET /servers/{id}/rescue/status`.
pub fn get_rescue_status(id: &ServiceId) -> Operation<RescueStatus> {
    Operation::new(
        get("get_rescue_status")
            .server(id)
            .fixed("rescue")
            .fixed("status")
            .gated_by(Action::Rescue),
    )
}

/// `POST /servers/{id}/rescue/enable` (takes effect at the next reboot).
pub fn enable_rescue(id: &ServiceId) -> Operation<ActionResult> {
    Operation::new(
        post("enable_rescue")
            .server(id)
            .fixed("rescue")
            .fixed("enable")
            .gated_by(Action::Rescue),
    )
}

/// `POST /servers/{id}/rescue/disable` (takes effect at the next reboot).
pub fn disable_rescue(id: &ServiceId) -> Operation<ActionResult> {
    Operation::new(
        post("disable_rescue")
            .server(id)
            .fixed("rescue")
            .fixed("disable")
            .gated_by(Action::Rescue),
    )
}

/// `GET /servers/{id}/images`: images (Premium) or OS templates (Budget) for reinstall.
pub fn list_images(id: &ServiceId) -> Operation<ImageList> {
    Operation::new(
        get("list_images")
            .server(id)
            .fixed("images")
            .gated_by(Action::Images),
    )
}

/// `POST /servers/{id}/reinstall`: **erases the server**.
///
/// ```
/// use vpskit::{faithserver::{reinstall, ReinstallRequest}, Config, ServiceId};
/// let op = reinstall(&ServiceId::parse("fsrv_158")?, &ReinstallRequest::os_template("1109", "PasswordKuat123!")?);
/// let request = op.request(&Config::faithserver("fs_live_x")?)?;
/// assert_eq!(request.body_text(), Some(r#"{"osid":"1109","password":"PasswordKuat123!"}"#));
/// # Ok::<(), vpskit::Error>(())
/// ```
pub fn reinstall(id: &ServiceId, request: &ReinstallRequest) -> Operation<ActionResult> {
    Operation::new(
        post("reinstall")
            .server(id)
            .fixed("reinstall")
            .gated_by(Action::Reinstall)
            .body(request.body()),
    )
}

/// `POST /servers/{id}/reset-password`: no body (generated, Premium) or a custom password (Budget).
pub fn reset_password(id: &ServiceId, password: Option<&Password>) -> Operation<ActionResult> {
    let spec = post("reset_password")
        .server(id)
        .fixed("reset-password")
        .gated_by(Action::ResetPassword);
    Operation::new(match password {
        Some(p) => spec.body(json!({ "password": p.expose() })),
        None => spec,
    })
}

/// `GET /servers/{id}/credentials`.
pub fn list_credentials(id: &ServiceId) -> Operation<Vec<Credential>> {
    Operation::new(
        get("list_credentials")
            .server(id)
            .fixed("credentials")
            .gated_by(Action::Credentials),
    )
}

/// `GET /servers/{id}/credentials/{type}/{username}`.
pub fn get_credential(
    id: &ServiceId,
    kind: &CredentialType,
    username: &Username,
) -> Operation<Credential> {
    Operation::new(
        get("get_credential")
            .server(id)
            .fixed("credentials")
            .param(kind.as_str())
            .param(username.as_str())
            .gated_by(Action::Credentials),
    )
}

/// `GET /servers/{id}/traffic?period=…` (Premium) or `?month=YYYYMM` (Budget).
pub fn get_traffic(id: &ServiceId, query: &TrafficQuery) -> Operation<Traffic> {
    let (name, value) = query.pair();
    Operation::new(
        get("get_traffic")
            .server(id)
            .fixed("traffic")
            .query(name, &value)
            .gated_by(Action::Traffic),
    )
}

/// `GET /servers/{id}/ips`.
pub fn list_ips(id: &ServiceId) -> Operation<Vec<IpAddress>> {
    Operation::new(
        get("list_ips")
            .server(id)
            .fixed("ips")
            .gated_by(Action::Ips),
    )
}

/// `GET /servers/{id}/monitor`.
pub fn get_monitor(id: &ServiceId) -> Operation<Monitor> {
    Operation::new(
        get("get_monitor")
            .server(id)
            .fixed("monitor")
            .gated_by(Action::Monitor),
    )
}

/// `GET /servers/{id}/tasks`.
pub fn list_tasks(id: &ServiceId) -> Operation<Vec<LogEntry>> {
    Operation::new(
        get("list_tasks")
            .server(id)
            .fixed("tasks")
            .gated_by(Action::Tasks),
    )
}

/// `GET /servers/{id}/actions`: the server's action log.
pub fn list_server_actions(id: &ServiceId) -> Operation<Vec<LogEntry>> {
    Operation::new(get("list_server_actions").server(id).fixed("actions"))
}

/// `GET /logs`: every API log of the account.
pub fn list_logs() -> Operation<Vec<LogEntry>> {
    Operation::new(get("list_logs").fixed("logs"))
}

/// `GET /jobs`.
pub fn list_jobs() -> Operation<Vec<Job>> {
    Operation::new(get("list_jobs").fixed("jobs"))
}

/// `GET /jobs/{job_id}`.
pub fn get_job(job_id: &JobId) -> Operation<Job> {
    Operation::new(get("get_job").fixed("jobs").param(job_id.as_str()))
}

/// Any method and path under the base URL, with the same auth, validation and error mapping:
/// for endpoints the gateway adds before vpskit models them.
///
/// The path is split on `/` and each segment is checked and percent-encoded like an id, so a
/// path can never leave the base URL.
///
/// ```
/// use vpskit::{faithserver::raw, Config, Method};
/// let op = raw(Method::Get, "/servers/fsrv_111/snapshots", &[("page", "2")], None)?;
/// let request = op.request(&Config::faithserver("fs_live_x")?)?;
/// assert_eq!(request.url, "https://api.faithserver.com/api/v1/servers/fsrv_111/snapshots?page=2");
/// assert!(raw(Method::Get, "/servers/../logs", &[], None).is_err());
/// # Ok::<(), vpskit::Error>(())
/// ```
pub fn raw(
    method: Method,
    path: &str,
    query: &[(&str, &str)],
    body: Option<serde_json::Value>,
) -> Result<Operation<RawResponse>, Error> {
    raw_for(Api::FaithServer, method, path, query, body)
}

pub(crate) fn raw_for(
    api: Api,
    method: Method,
    path: &str,
    query: &[(&str, &str)],
    body: Option<serde_json::Value>,
) -> Result<Operation<RawResponse>, Error> {
    let mut spec = RequestSpec::new(api, "raw", method);
    let trimmed = path.strip_prefix('/').ok_or_else(|| {
        Error::validation(format!(
            "raw path {:?} must start with '/' (it is relative to the base URL)",
            crate::error::clip(path, 60)
        ))
    })?;
    let (inner, trailing) = match trimmed.strip_suffix('/') {
        Some(inner) => (inner, true),
        None => (trimmed, false),
    };
    if !inner.is_empty() {
        for segment in inner.split('/') {
            let checked = ServiceId::parse(segment).map_err(|e| {
                Error::validation(format!(
                    "raw path segment: {}",
                    e.message().replacen("service id", "segment", 1)
                ))
            })?;
            spec = spec.param(checked.as_str());
        }
    }
    if trailing {
        spec = spec.trailing_slash();
    }
    for (name, value) in query {
        if name.is_empty() {
            return Err(Error::validation(
                "raw query parameter names must not be empty",
            ));
        }
        if ["api_key", "apikey", "key", "token", "access_token"]
            .contains(&name.to_ascii_lowercase().as_str())
        {
            return Err(Error::validation(format!(
                "raw query parameter {name:?} looks like a credential: the key travels only in the Authorization header"
            )));
        }
        spec = spec.query(name, value);
    }
    if let Some(body) = body {
        if method == Method::Get {
            return Err(Error::validation("a GET request cannot carry a body"));
        }
        spec = spec.body(body);
    }
    Ok(Operation::new(spec))
}
