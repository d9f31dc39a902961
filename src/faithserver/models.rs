//! FaithServer response models. Documented fields are typed; everything else is kept in `extra`.
//!
//! Where API.md documents a shape (server list, images, console, budget reboot), the model follows it
//! to the letter. Where it does not (status, overview, rescue, credentials, traffic, IPs, monitor,
//! tasks, logs, jobs), vpskit reads the `data` member into a model whose fields are all optional
//! and keeps every other field in `extra`: a guess never breaks a parse.

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::http::HttpResponse;
use crate::json::{Extra, Json};
use crate::open_enum::open_enum;
use crate::operation::{from_body, from_data, FromResponse};
use crate::secret::Secret;

open_enum!(
    /// A FaithServer product.
    ///
    /// ```
    /// use vpskit::faithserver::Product;
    /// assert_eq!(Product::parse("Budget VPS"), Product::BudgetVps);
    /// assert_eq!(Product::parse("Cloud GPU"), Product::Other("Cloud GPU".into()));
    /// ```
    Product {
        /// `Premium VPS Multi-region`
        PremiumVps => "Premium VPS Multi-region",
        /// `Budget VPS`
        BudgetVps => "Budget VPS",
        /// `Flexible Dedicated Server`
        FlexibleDedicated => "Flexible Dedicated Server",
    }
);

open_enum!(
    /// An action word of `allowed_actions`, and the features of the product matrix.
    ///
    /// ```
    /// use vpskit::faithserver::Action;
    /// assert_eq!(Action::parse("reset-password"), Action::ResetPassword);
    /// assert_eq!(Action::ResetPassword.as_str(), "reset-password");
    /// ```
    Action {
        /// `status`
        Status => "status",
        /// `overview`
        Overview => "overview",
        /// `start`
        Start => "start",
        /// `stop`
        Stop => "stop",
        /// `reboot` (a hardware reboot on dedicated servers)
        Reboot => "reboot",
        /// `console` (noVNC)
        Console => "console",
        /// `rescue` (status, enable, disable)
        Rescue => "rescue",
        /// `wol` (Wake-on-LAN)
        Wol => "wol",
        /// `images` (images / OS templates)
        Images => "images",
        /// `reinstall`
        Reinstall => "reinstall",
        /// `reset-password`
        ResetPassword => "reset-password",
        /// `credentials`
        Credentials => "credentials",
        /// `traffic`
        Traffic => "traffic",
        /// `ips`
        Ips => "ips",
        /// `monitor`
        Monitor => "monitor",
        /// `tasks`
        Tasks => "tasks",
    }
);

open_enum!(
    /// A server's state as the gateway reports it: service state in `/servers` (`active`), power
    /// state in `/status` (`running`, `stopped`).
    ///
    /// ```
    /// use vpskit::faithserver::ServerStatus;
    /// assert!(ServerStatus::parse("stopped").is_powered_off());
    /// assert!(!ServerStatus::parse("active").is_powered_off());
    /// ```
    ServerStatus {
        /// `active`
        Active => "active",
        /// `running`
        Running => "running",
        /// `stopped`
        Stopped => "stopped",
        /// `off`
        Off => "off",
        /// `starting`
        Starting => "starting",
        /// `stopping`
        Stopping => "stopping",
        /// `rebooting`
        Rebooting => "rebooting",
        /// `suspended`
        Suspended => "suspended",
        /// `pending`
        Pending => "pending",
    }
);

impl ServerStatus {
    /// Whether the state says the machine is powered off.
    pub fn is_powered_off(&self) -> bool {
        match self {
            ServerStatus::Stopped | ServerStatus::Off => true,
            ServerStatus::Other(s) => matches!(
                s.to_ascii_lowercase().as_str(),
                "shutoff" | "shutdown" | "powered_off" | "poweroff" | "halted"
            ),
            _ => false,
        }
    }
}

open_enum!(
    /// A job's status. The words are not documented: these are the ones vpskit has seen or expects;
    /// [`crate::JobWaiter`] decides which are terminal.
    ///
    /// ```
    /// assert_eq!(vpskit::faithserver::JobStatus::parse("completed").as_str(), "completed");
    /// ```
    JobStatus {
        /// `pending`
        Pending => "pending",
        /// `queued`
        Queued => "queued",
        /// `running`
        Running => "running",
        /// `completed`
        Completed => "completed",
        /// `failed`
        Failed => "failed",
    }
);

/// Accepts a string or a number and keeps it as a string (ids that some backends send as numbers).
fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => Ok(s),
        serde_json::Value::Number(n) => Ok(n.to_string()),
        other => Err(de::Error::custom(format!(
            "expected a string or a number, found {}",
            match other {
                serde_json::Value::Null => "null",
                serde_json::Value::Bool(_) => "a boolean",
                serde_json::Value::Array(_) => "an array",
                _ => "an object",
            }
        ))),
    }
}

fn opt_string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match Option::<serde_json::Value>::deserialize(d)? {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(s)),
        Some(serde_json::Value::Number(n)) => Ok(Some(n.to_string())),
        Some(_) => Err(de::Error::custom("expected a string or a number")),
    }
}

/// A server of `GET /servers` and `GET /servers/{id}`.
///
/// ```
/// use vpskit::faithserver::{Action, Product, Server};
/// let s: Server = serde_json::from_str(r#"{"id":"fsrv_158","name":"VPS-B1","region":"US",
///   "product":"Budget VPS","status":"active","allowed_actions":["reboot","reset-password"]}"#).unwrap();
/// assert_eq!(s.product, Product::BudgetVps);
/// assert!(s.allows(&Action::ResetPassword));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Server {
    /// The public Service ID (`fsrv_111`).
    pub id: String,
    /// The server's name.
    #[serde(default)]
    pub name: Option<String>,
    /// The region (`US-LA`).
    #[serde(default)]
    pub region: Option<String>,
    /// The product.
    pub product: Product,
    /// The service state (`active`).
    #[serde(default)]
    pub status: Option<ServerStatus>,
    /// What this server may do now: the authority for capability checks.
    pub allowed_actions: Vec<Action>,
    /// Fields vpskit does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Server {
    /// Whether `allowed_actions` lists `action`.
    pub fn allows(&self, action: &Action) -> bool {
        self.allowed_actions.contains(action)
    }
}

/// `GET /servers/{id}/status`: the state read live from the product's backend.
///
/// ```
/// let s: vpskit::faithserver::PowerStatus = serde_json::from_str(r#"{"status":"running"}"#).unwrap();
/// assert!(!s.status.unwrap().is_powered_off());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PowerStatus {
    /// The Service ID, when the gateway repeats it.
    #[serde(default)]
    pub id: Option<String>,
    /// The state (`running`, `stopped`, …).
    #[serde(default)]
    pub status: Option<ServerStatus>,
    /// Fields vpskit does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /servers/{id}/overview`: name, region, IP address, status, plan and capabilities.
///
/// ```
/// let o: vpskit::faithserver::Overview = serde_json::from_str(r#"{"name":"db-1","plan":"DS-1"}"#).unwrap();
/// assert_eq!(o.plan.as_deref(), Some("DS-1"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    /// The Service ID.
    #[serde(default)]
    pub id: Option<String>,
    /// The server's name.
    #[serde(default)]
    pub name: Option<String>,
    /// The region.
    #[serde(default)]
    pub region: Option<String>,
    /// The product.
    #[serde(default)]
    pub product: Option<Product>,
    /// The main IP address.
    #[serde(default)]
    pub ip_address: Option<String>,
    /// The state.
    #[serde(default)]
    pub status: Option<ServerStatus>,
    /// The plan ("paket").
    #[serde(default)]
    pub plan: Option<String>,
    /// The capabilities the gateway lists.
    #[serde(default)]
    pub capabilities: Option<Vec<Action>>,
    /// Fields vpskit does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The answer to an action (start, stop, reboot, wol, rescue enable/disable, reinstall,
/// reset-password).
///
/// ```
/// let body = r#"{"message":"Reboot command accepted.","server_id":"fsrv_158","action":"reboot",
///   "provider":"budget_vps","provider_status_code":200,"provider_response":{"status":1,
///   "message":"The VPS was restarted successfully","output":"ok","time_taken":"36.78"}}"#;
/// let r: vpskit::faithserver::ActionResult = serde_json::from_str(body).unwrap();
/// assert_eq!(r.budget_output().unwrap().time_taken.as_deref(), Some("36.78"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionResult {
    /// The gateway's message (`Reboot command accepted.`).
    #[serde(default)]
    pub message: Option<String>,
    /// The server acted on.
    #[serde(default)]
    pub server_id: Option<String>,
    /// The action taken.
    #[serde(default)]
    pub action: Option<Action>,
    /// The backend (`budget_vps`, `premium_vps_multi_region`).
    #[serde(default)]
    pub provider: Option<String>,
    /// The backend's HTTP status.
    #[serde(default)]
    pub provider_status_code: Option<u16>,
    /// The backend's answer, raw: its shape differs per product and backend.
    #[serde(default)]
    pub provider_response: Json,
    /// The job this action started, when the gateway names one (reinstall).
    #[serde(default, deserialize_with = "opt_string_or_number")]
    pub job_id: Option<String>,
    /// Fields vpskit does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The documented Budget VPS backend answer to a power action.
///
/// ```
/// let o = vpskit::faithserver::BudgetOutput { status: Some(1), message: None, output: None, time_taken: None };
/// assert!(o.succeeded());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetOutput {
    /// `1` for success.
    #[serde(default)]
    pub status: Option<i64>,
    /// The backend's message.
    #[serde(default)]
    pub message: Option<String>,
    /// The backend's console output.
    #[serde(default)]
    pub output: Option<String>,
    /// Seconds taken, as the backend writes them (`"36.78"`).
    #[serde(default, deserialize_with = "opt_string_or_number")]
    pub time_taken: Option<String>,
}

impl BudgetOutput {
    /// Whether the backend reported success (`status == 1`).
    pub fn succeeded(&self) -> bool {
        self.status == Some(1)
    }
}

impl ActionResult {
    /// The Budget VPS backend's answer, when `provider_response` has that documented shape.
    pub fn budget_output(&self) -> Option<BudgetOutput> {
        let object = self.provider_response.expose().as_object()?;
        if !object.contains_key("output") && !object.contains_key("time_taken") {
            return None;
        }
        serde_json::from_value(self.provider_response.expose().clone()).ok()
    }

    /// A password the gateway generated (Premium reset-password), when the answer carries one.
    pub fn generated_password(&self) -> Option<Secret> {
        let pr = self.provider_response.expose();
        ["password", "new_password", "root_password"]
            .iter()
            .find_map(|k| pr.get(*k).and_then(|v| v.as_str()))
            .or_else(|| self.extra.get("password").and_then(|v| v.as_str()))
            .map(|p| Secret::new(p.to_string()))
    }
}

/// `GET /servers/{id}/console`: a temporary noVNC URL. The URL carries an access token: a secret.
///
/// ```
/// let body = r#"{"message":"Console request processed.","server_id":"fsrv_111","action":"console",
///   "provider_status_code":200,"provider_response":{"url":"https://c.example/vnc?token=t0k",
///   "note":"Open this URL in browser to access console."}}"#;
/// let c: vpskit::faithserver::ConsoleSession = serde_json::from_str(body).unwrap();
/// assert!(c.url.expose().contains("t0k"));
/// assert!(!format!("{c:?}").contains("t0k"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsoleSession {
    /// The gateway's message.
    pub message: Option<String>,
    /// The server.
    pub server_id: Option<String>,
    /// The console URL (secret: it carries a temporary token).
    pub url: Secret,
    /// The gateway's note (`Open this URL in browser to access console.`).
    pub note: Option<String>,
    /// The backend's HTTP status.
    pub provider_status_code: Option<u16>,
    /// Fields vpskit does not model (outside `provider_response`).
    #[serde(flatten)]
    pub extra: Extra,
}

impl<'de> Deserialize<'de> for ConsoleSession {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default)]
            message: Option<String>,
            #[serde(default)]
            server_id: Option<String>,
            #[serde(default)]
            provider_status_code: Option<u16>,
            provider_response: ConsoleWire,
            #[serde(flatten)]
            extra: Extra,
        }
        #[derive(Deserialize)]
        struct ConsoleWire {
            url: Secret,
            #[serde(default)]
            note: Option<String>,
        }
        let mut wire = Wire::deserialize(d)?;
        wire.extra.remove("action");
        Ok(ConsoleSession {
            message: wire.message,
            server_id: wire.server_id,
            url: wire.provider_response.url,
            note: wire.provider_response.note,
            provider_status_code: wire.provider_status_code,
            extra: wire.extra,
        })
    }
}

/// `GET /servers/{id}/rescue/status`.
///
/// ```
/// let r: vpskit::faithserver::RescueStatus = serde_json::from_str(r#"{"enabled":true,"pending_reboot":true}"#).unwrap();
/// assert_eq!(r.enabled, Some(true));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RescueStatus {
    /// Whether rescue mode is (or will be, after a reboot) enabled.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Whether a reboot is needed before the change takes effect.
    #[serde(default)]
    pub pending_reboot: Option<bool>,
    /// Fields vpskit does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An image (Premium) or OS template (Budget) from `/images`.
///
/// ```
/// let i: vpskit::faithserver::Image = serde_json::from_str(r#"{"id":"1109","name":"ubuntu-24.04-x86_64","family":"Ubuntu"}"#).unwrap();
/// assert_eq!(i.flavour, None);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Image {
    /// The id: send as `imageId` (Premium) or `osid` (Budget).
    #[serde(deserialize_with = "string_or_number")]
    pub id: String,
    /// The name, for people.
    #[serde(default)]
    pub name: Option<String>,
    /// The family (`linux`, `Ubuntu`, `Windows`): for grouping only.
    #[serde(default)]
    pub family: Option<String>,
    /// The flavour (`ubuntu`), Premium only.
    #[serde(default)]
    pub flavour: Option<String>,
    /// Fields vpskit does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /servers/{id}/images`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImageList {
    /// The server.
    pub server_id: Option<String>,
    /// The backend (`premium_vps_multi_region`, `budget_vps`).
    pub provider: Option<String>,
    /// The images or OS templates.
    pub images: Vec<Image>,
}

/// A credential from `/credentials`. The secret value is wrapped.
///
/// ```
/// let c: vpskit::faithserver::Credential = serde_json::from_str(r#"{"type":"ssh","username":"root","password":"s3cr3t"}"#).unwrap();
/// assert_eq!(c.password.as_ref().unwrap().expose(), "s3cr3t");
/// assert!(!format!("{c:?}").contains("s3cr3t"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Credential {
    /// The credential type (`ssh`, `panel`).
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// The username.
    #[serde(default)]
    pub username: Option<String>,
    /// The password, when the gateway returns it.
    #[serde(default)]
    pub password: Option<Secret>,
    /// Fields vpskit does not model (sensitive ones are redacted when printed).
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /servers/{id}/traffic`.
///
/// ```
/// let t: vpskit::faithserver::Traffic = serde_json::from_str(r#"{"month":"202605","total_bytes":10}"#).unwrap();
/// assert_eq!(t.total_bytes, Some(10));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Traffic {
    /// The period asked for (Premium).
    #[serde(default)]
    pub period: Option<String>,
    /// The month asked for, `YYYYMM` (Budget).
    #[serde(default, deserialize_with = "opt_string_or_number")]
    pub month: Option<String>,
    /// Bytes received.
    #[serde(default)]
    pub incoming_bytes: Option<u64>,
    /// Bytes sent.
    #[serde(default)]
    pub outgoing_bytes: Option<u64>,
    /// Bytes in all.
    #[serde(default)]
    pub total_bytes: Option<u64>,
    /// The allowance, in bytes.
    #[serde(default)]
    pub limit_bytes: Option<u64>,
    /// Fields vpskit does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An IP address of `/ips`.
///
/// ```
/// let ip: vpskit::faithserver::IpAddress = serde_json::from_str(r#"{"address":"203.0.113.7","version":4}"#).unwrap();
/// assert_eq!(ip.version, Some(4));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IpAddress {
    /// The address.
    #[serde(alias = "ip")]
    pub address: String,
    /// 4 or 6.
    #[serde(default)]
    pub version: Option<u8>,
    /// Whether it is the main address.
    #[serde(default)]
    pub primary: Option<bool>,
    /// Fields vpskit does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /servers/{id}/monitor`: basic monitoring data.
///
/// ```
/// let m: vpskit::faithserver::Monitor = serde_json::from_str(r#"{"cpu_percent":12.5}"#).unwrap();
/// assert_eq!(m.cpu_percent, Some(12.5));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Monitor {
    /// CPU use, percent.
    #[serde(default)]
    pub cpu_percent: Option<f64>,
    /// Memory in use, bytes.
    #[serde(default)]
    pub memory_used_bytes: Option<u64>,
    /// Memory in all, bytes.
    #[serde(default)]
    pub memory_total_bytes: Option<u64>,
    /// Disk in use, bytes.
    #[serde(default)]
    pub disk_used_bytes: Option<u64>,
    /// Disk in all, bytes.
    #[serde(default)]
    pub disk_total_bytes: Option<u64>,
    /// Seconds since boot.
    #[serde(default)]
    pub uptime_seconds: Option<u64>,
    /// Fields vpskit does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An entry of `/tasks`, `/actions` (action log) or `/logs` (API log).
///
/// ```
/// let e: vpskit::faithserver::LogEntry = serde_json::from_str(r#"{"id":7,"action":"reboot","status":"success"}"#).unwrap();
/// assert_eq!(e.id.as_deref(), Some("7"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    /// The entry's id (numbers are kept as text).
    #[serde(default, deserialize_with = "opt_string_or_number")]
    pub id: Option<String>,
    /// The server concerned.
    #[serde(default)]
    pub server_id: Option<String>,
    /// The action (`reboot`, `reinstall`, …).
    #[serde(default)]
    pub action: Option<String>,
    /// The outcome (`success`, `failed`, …).
    #[serde(default)]
    pub status: Option<String>,
    /// For API logs: the method.
    #[serde(default)]
    pub method: Option<String>,
    /// For API logs: the path.
    #[serde(default)]
    pub path: Option<String>,
    /// For API logs: the HTTP status.
    #[serde(default)]
    pub status_code: Option<u16>,
    /// A message.
    #[serde(default)]
    pub message: Option<String>,
    /// When (ISO 8601).
    #[serde(default)]
    pub created_at: Option<String>,
    /// Fields vpskit does not model (the gateway masks sensitive ones; vpskit redacts them too).
    #[serde(flatten)]
    pub extra: Extra,
}

/// A job of `/jobs`.
///
/// ```
/// let j: vpskit::faithserver::Job = serde_json::from_str(r#"{"id":"job_1","status":"running"}"#).unwrap();
/// assert_eq!(j.status, Some(vpskit::faithserver::JobStatus::Running));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    /// The job id.
    #[serde(deserialize_with = "string_or_number")]
    pub id: String,
    /// The server concerned.
    #[serde(default)]
    pub server_id: Option<String>,
    /// The action that started the job.
    #[serde(default)]
    pub action: Option<String>,
    /// The status (the words are not documented: open).
    #[serde(default)]
    pub status: Option<JobStatus>,
    /// Progress, percent.
    #[serde(default)]
    pub progress: Option<f64>,
    /// A message (an error for failed jobs).
    #[serde(default)]
    pub message: Option<String>,
    /// When it was created (ISO 8601).
    #[serde(default)]
    pub created_at: Option<String>,
    /// When it last changed (ISO 8601).
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Fields vpskit does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The answer to the raw escape hatch: status and JSON body, secrets redacted when printed.
///
/// ```
/// let r = vpskit::faithserver::RawResponse { status: 200, body: serde_json::json!({"ok": true}).into() };
/// assert_eq!(r.body.get("ok").unwrap(), true);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RawResponse {
    /// The HTTP status.
    pub status: u16,
    /// The JSON body.
    pub body: Json,
}

macro_rules! from_data {
    ($($t:ty),+) => {$(
        impl FromResponse for $t {
            fn from_response(response: &HttpResponse) -> Result<Self, Error> {
                from_data(response)
            }
        }
    )+};
}

macro_rules! from_body {
    ($($t:ty),+) => {$(
        impl FromResponse for $t {
            fn from_response(response: &HttpResponse) -> Result<Self, Error> {
                from_body(response)
            }
        }
    )+};
}

from_data!(
    Server,
    Vec<Server>,
    PowerStatus,
    Overview,
    RescueStatus,
    Credential,
    Vec<Credential>,
    Traffic,
    Vec<IpAddress>,
    Monitor,
    Vec<LogEntry>,
    Job,
    Vec<Job>
);
from_body!(ActionResult, ConsoleSession);

impl FromResponse for ImageList {
    fn from_response(response: &HttpResponse) -> Result<Self, Error> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default)]
            server_id: Option<String>,
            #[serde(default)]
            provider: Option<String>,
            data: WireData,
        }
        #[derive(Deserialize)]
        struct WireData {
            images: Vec<Image>,
        }
        let wire: Wire = from_body(response)?;
        Ok(ImageList {
            server_id: wire.server_id,
            provider: wire.provider,
            images: wire.data.images,
        })
    }
}

impl FromResponse for RawResponse {
    fn from_response(response: &HttpResponse) -> Result<Self, Error> {
        let object = crate::response::success_object(response)?;
        Ok(RawResponse {
            status: response.status,
            body: Json::new(serde_json::Value::Object(object)),
        })
    }
}
