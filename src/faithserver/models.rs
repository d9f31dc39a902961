//! FaithServer response models. Documented fields are typed; everything else is kept in `extra`.
//!
//! Where API.md documents a shape (server list, images, console, budget reboot), the model follows it
//! to the letter. Where it does not (status, overview, rescue, credentials, traffic, IPs, monitor,
//! tasks, logs, jobs), vpskit reads the `data` member into a model whose fields are all optional
//! and keeps every other field in `extra`: a guess never breaks a parse.

use serde::de::Deserializer;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::http::HttpResponse;
use crate::json::{Extra, Json};
use crate::model::{deserialize_model, opt_string_or_number, OptStringOrNumber, StringOrNumber};
use crate::open_enum::open_enum;
use crate::operation::{from_body, from_data, FromResponse};
use crate::result_json::{KeyCase, ResultJson};
use crate::shape::{ResultShape, Shape};
use crate::shape_reader::read_result;

use super::shapes;
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

/// A server of `GET /servers` and `GET /servers/{id}`.
///
/// ```
/// use vpskit::faithserver::{Action, Product, Server};
/// let s: Server = serde_json::from_str(r#"{"id":"fsrv_158","name":"VPS-B1","region":"US",
///   "product":"Budget VPS","status":"active","allowed_actions":["reboot","reset-password"]}"#).unwrap();
/// assert_eq!(s.product, Product::BudgetVps);
/// assert!(s.allows(&Action::ResetPassword));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Server {
    /// The public Service ID (`fsrv_111`).
    pub id: String,
    /// The server's name.
    pub name: Option<String>,
    /// The region (`US-LA`).
    pub region: Option<String>,
    /// The product.
    pub product: Product,
    /// The service state (`active`).
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PowerStatus {
    /// The Service ID, when the gateway repeats it.
    pub id: Option<String>,
    /// The state (`running`, `stopped`, …).
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overview {
    /// The Service ID.
    pub id: Option<String>,
    /// The server's name.
    pub name: Option<String>,
    /// The region.
    pub region: Option<String>,
    /// The product.
    pub product: Option<Product>,
    /// The main IP address.
    pub ip_address: Option<String>,
    /// The state.
    pub status: Option<ServerStatus>,
    /// The plan ("paket").
    pub plan: Option<String>,
    /// The capabilities the gateway lists.
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionResult {
    /// The gateway's message (`Reboot command accepted.`).
    pub message: Option<String>,
    /// The server acted on.
    pub server_id: Option<String>,
    /// The action taken.
    pub action: Option<Action>,
    /// The backend (`budget_vps`, `premium_vps_multi_region`).
    pub provider: Option<String>,
    /// The backend's HTTP status.
    pub provider_status_code: Option<u16>,
    /// The backend's answer, raw: its shape differs per product and backend.
    pub provider_response: Json,
    /// The job this action started, when the gateway names one (reinstall).
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
    pub status: Option<i64>,
    /// The backend's message.
    pub message: Option<String>,
    /// The backend's console output.
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
        struct Wire {
            message: Option<String>,
            server_id: Option<String>,
            provider_status_code: Option<u16>,
            provider_response: ConsoleWire,
            extra: Extra,
        }
        deserialize_model!(Wire {
            message: optional = "message",
            server_id: optional = "server_id",
            provider_status_code: optional = "provider_status_code",
            provider_response: required = "provider_response",
        });
        #[derive(Deserialize)]
        struct ConsoleWire {
            url: Secret,
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RescueStatus {
    /// Whether rescue mode is (or will be, after a reboot) enabled.
    pub enabled: Option<bool>,
    /// Whether a reboot is needed before the change takes effect.
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Image {
    /// The id: send as `imageId` (Premium) or `osid` (Budget).
    pub id: String,
    /// The name, for people.
    pub name: Option<String>,
    /// The family (`linux`, `Ubuntu`, `Windows`): for grouping only.
    pub family: Option<String>,
    /// The flavour (`ubuntu`), Premium only.
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Credential {
    /// The credential type (`ssh`, `panel`).
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// The username.
    pub username: Option<String>,
    /// The password, when the gateway returns it.
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Traffic {
    /// The period asked for (Premium).
    pub period: Option<String>,
    /// The month asked for, `YYYYMM` (Budget).
    pub month: Option<String>,
    /// Bytes received.
    pub incoming_bytes: Option<u64>,
    /// Bytes sent.
    pub outgoing_bytes: Option<u64>,
    /// Bytes in all.
    pub total_bytes: Option<u64>,
    /// The allowance, in bytes.
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IpAddress {
    /// The address.
    pub address: String,
    /// 4 or 6.
    pub version: Option<u8>,
    /// Whether it is the main address.
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Monitor {
    /// CPU use, percent.
    pub cpu_percent: Option<f64>,
    /// Memory in use, bytes.
    pub memory_used_bytes: Option<u64>,
    /// Memory in all, bytes.
    pub memory_total_bytes: Option<u64>,
    /// Disk in use, bytes.
    pub disk_used_bytes: Option<u64>,
    /// Disk in all, bytes.
    pub disk_total_bytes: Option<u64>,
    /// Seconds since boot.
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogEntry {
    /// The entry's id (numbers are kept as text).
    pub id: Option<String>,
    /// The server concerned.
    pub server_id: Option<String>,
    /// The action (`reboot`, `reinstall`, …).
    pub action: Option<String>,
    /// The outcome (`success`, `failed`, …).
    pub status: Option<String>,
    /// For API logs: the method.
    pub method: Option<String>,
    /// For API logs: the path.
    pub path: Option<String>,
    /// For API logs: the HTTP status.
    pub status_code: Option<u16>,
    /// A message.
    pub message: Option<String>,
    /// When (ISO 8601).
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Job {
    /// The job id.
    pub id: String,
    /// The server concerned.
    pub server_id: Option<String>,
    /// The action that started the job.
    pub action: Option<String>,
    /// The status (the words are not documented: open).
    pub status: Option<JobStatus>,
    /// Progress, percent.
    pub progress: Option<f64>,
    /// A message (an error for failed jobs).
    pub message: Option<String>,
    /// When it was created (ISO 8601).
    pub created_at: Option<String>,
    /// When it last changed (ISO 8601).
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

deserialize_model!(Server {
    id: required = "id",
    name: optional = "name",
    region: optional = "region",
    product: required = "product",
    status: optional = "status",
    allowed_actions: required via ActionList = "allowed_actions",
});

/// `allowed_actions` read into a list sized for a typical server from the start: serde starts a
/// JSON array (whose length it cannot know) at four items and grows it by copying, and a server
/// lists five to sixteen actions.
struct ActionList(Vec<Action>);

impl<'de> Deserialize<'de> for ActionList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ListVisitor;
        impl<'de> serde::de::Visitor<'de> for ListVisitor {
            type Value = ActionList;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<ActionList, A::Error> {
                let mut actions = Vec::with_capacity(seq.size_hint().unwrap_or(8).min(32));
                while let Some(action) = seq.next_element()? {
                    actions.push(action);
                }
                Ok(ActionList(actions))
            }
        }
        d.deserialize_seq(ListVisitor)
    }
}
deserialize_model!(PowerStatus {
    id: optional = "id",
    status: optional = "status",
});
deserialize_model!(Overview {
    id: optional = "id",
    name: optional = "name",
    region: optional = "region",
    product: optional = "product",
    ip_address: optional = "ip_address",
    status: optional = "status",
    plan: optional = "plan",
    capabilities: optional = "capabilities",
});
deserialize_model!(ActionResult {
    message: optional = "message",
    server_id: optional = "server_id",
    action: optional = "action",
    provider: optional = "provider",
    provider_status_code: optional = "provider_status_code",
    provider_response: optional = "provider_response",
    job_id: optional via OptStringOrNumber = "job_id",
});
deserialize_model!(RescueStatus {
    enabled: optional = "enabled",
    pending_reboot: optional = "pending_reboot",
});
deserialize_model!(Image {
    id: required via StringOrNumber = "id",
    name: optional = "name",
    family: optional = "family",
    flavour: optional = "flavour",
});
deserialize_model!(Credential {
    kind: optional = "type",
    username: optional = "username",
    password: optional = "password",
});
deserialize_model!(Traffic {
    period: optional = "period",
    month: optional via OptStringOrNumber = "month",
    incoming_bytes: optional = "incoming_bytes",
    outgoing_bytes: optional = "outgoing_bytes",
    total_bytes: optional = "total_bytes",
    limit_bytes: optional = "limit_bytes",
});
deserialize_model!(IpAddress {
    address: required = "address" | "ip",
    version: optional = "version",
    primary: optional = "primary",
});
deserialize_model!(Monitor {
    cpu_percent: optional = "cpu_percent",
    memory_used_bytes: optional = "memory_used_bytes",
    memory_total_bytes: optional = "memory_total_bytes",
    disk_used_bytes: optional = "disk_used_bytes",
    disk_total_bytes: optional = "disk_total_bytes",
    uptime_seconds: optional = "uptime_seconds",
});
deserialize_model!(LogEntry {
    id: optional via OptStringOrNumber = "id",
    server_id: optional = "server_id",
    action: optional = "action",
    status: optional = "status",
    method: optional = "method",
    path: optional = "path",
    status_code: optional = "status_code",
    message: optional = "message",
    created_at: optional = "created_at",
});
deserialize_model!(Job {
    id: required via StringOrNumber = "id",
    server_id: optional = "server_id",
    action: optional = "action",
    status: optional = "status",
    progress: optional = "progress",
    message: optional = "message",
    created_at: optional = "created_at",
    updated_at: optional = "updated_at",
});

/// `FromResponse` for results in the `data` member, each with its shape (see `shapes.rs`).
macro_rules! from_data {
    ($($t:ty => $shape:expr),+ $(,)?) => {$(
        impl FromResponse for $t {
            fn from_response(response: &HttpResponse) -> Result<Self, Error> {
                static SHAPE: ResultShape = ResultShape::Data($shape);
                from_data(response, &SHAPE)
            }

            fn json_from_response(response: &HttpResponse, case: KeyCase) -> Result<ResultJson, Error> {
                static SHAPE: ResultShape = ResultShape::Data($shape);
                read_result(response, &SHAPE, case)
            }
        }
    )+};
}

/// `FromResponse` for results that are the whole body, each with its model's shape.
macro_rules! from_body {
    ($($t:ty => $model:expr),+ $(,)?) => {$(
        impl FromResponse for $t {
            fn from_response(response: &HttpResponse) -> Result<Self, Error> {
                static SHAPE: ResultShape = ResultShape::Body(&$model);
                from_body(response, &SHAPE)
            }

            fn json_from_response(response: &HttpResponse, case: KeyCase) -> Result<ResultJson, Error> {
                static SHAPE: ResultShape = ResultShape::Body(&$model);
                read_result(response, &SHAPE, case)
            }
        }
    )+};
}

from_data!(
    Server => Shape::Model(&shapes::SERVER),
    Vec<Server> => Shape::List(&Shape::Model(&shapes::SERVER)),
    PowerStatus => Shape::Model(&shapes::POWER_STATUS),
    Overview => Shape::Model(&shapes::OVERVIEW),
    RescueStatus => Shape::Model(&shapes::RESCUE_STATUS),
    Credential => Shape::Model(&shapes::CREDENTIAL),
    Vec<Credential> => Shape::List(&Shape::Model(&shapes::CREDENTIAL)),
    Traffic => Shape::Model(&shapes::TRAFFIC),
    Vec<IpAddress> => Shape::List(&Shape::Model(&shapes::IP_ADDRESS)),
    Monitor => Shape::Model(&shapes::MONITOR),
    Vec<LogEntry> => Shape::List(&Shape::Model(&shapes::LOG_ENTRY)),
    Job => Shape::Model(&shapes::JOB),
    Vec<Job> => Shape::List(&Shape::Model(&shapes::JOB)),
);
from_body!(
    ActionResult => shapes::ACTION_RESULT,
    ConsoleSession => shapes::CONSOLE_SESSION,
);

impl FromResponse for ImageList {
    fn from_response(response: &HttpResponse) -> Result<Self, Error> {
        #[derive(Deserialize)]
        struct Wire {
            server_id: Option<String>,
            provider: Option<String>,
            data: WireData,
        }
        #[derive(Deserialize)]
        struct WireData {
            images: Vec<Image>,
        }
        static SHAPE: ResultShape = ResultShape::Body(&shapes::IMAGE_LIST);
        let wire: Wire = from_body(response, &SHAPE)?;
        Ok(ImageList {
            server_id: wire.server_id,
            provider: wire.provider,
            images: wire.data.images,
        })
    }

    fn json_from_response(response: &HttpResponse, case: KeyCase) -> Result<ResultJson, Error> {
        static SHAPE: ResultShape = ResultShape::Body(&shapes::IMAGE_LIST);
        read_result(response, &SHAPE, case)
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

    fn json_from_response(response: &HttpResponse, case: KeyCase) -> Result<ResultJson, Error> {
        read_result(response, &ResultShape::Raw, case)
    }
}
