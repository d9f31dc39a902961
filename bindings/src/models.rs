//! Records for every model, open enums with an `Other` case, and the secret-carrying objects.

use std::sync::Arc;

use vpskit::faithserver as fs;
use vpskit::faithserver::{
    Action as CoreAction, JobStatus as CoreJobStatus, Product as CoreProduct,
    ServerStatus as CoreServerStatus,
};

/// A secret value (console URL, password, credential). Its generated `toString`/`description`
/// shows `[redacted]`; read it with `expose()`.
#[derive(uniffi::Object)]
#[uniffi::export(Display, Eq)]
pub struct Secret {
    value: String,
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(vpskit::secret::REDACTED)
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl Eq for Secret {}

#[uniffi::export]
impl Secret {
    /// Wraps a value (for passwords you send).
    #[uniffi::constructor]
    pub fn new(value: String) -> Arc<Self> {
        Arc::new(Secret { value })
    }

    /// The secret value itself.
    pub fn expose(&self) -> String {
        self.value.clone()
    }
}

fn secret(value: &vpskit::Secret) -> Arc<Secret> {
    Arc::new(Secret {
        value: value.expose().clone(),
    })
}

/// Raw JSON as the gateway sent it (unmodelled fields, `provider_response`). `toString` shows it
/// with sensitive fields redacted; `json()` returns it whole.
#[derive(uniffi::Object)]
#[uniffi::export(Display)]
pub struct RawJson {
    value: serde_json::Value,
}

impl std::fmt::Display for RawJson {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", vpskit::Json::new(self.value.clone()))
    }
}

#[uniffi::export]
impl RawJson {
    /// Raw JSON from text (for building records yourself, such as a `Server` to `check`).
    #[uniffi::constructor]
    pub fn new(json: String) -> Result<Arc<Self>, crate::errors::VpskitError> {
        let value = serde_json::from_str(&json)
            .map_err(|e| vpskit::Error::validation(format!("not JSON: {e}")))?;
        Ok(Arc::new(RawJson { value }))
    }

    /// The JSON text, secrets included.
    pub fn json(&self) -> String {
        self.value.to_string()
    }

    /// The member `key` as JSON text, if this is an object that has it.
    pub fn get(&self, key: String) -> Option<String> {
        self.value.get(&key).map(|v| v.to_string())
    }

    /// Whether this is JSON `null` or an empty object.
    pub fn is_empty(&self) -> bool {
        self.value.is_null() || self.value.as_object().is_some_and(|m| m.is_empty())
    }
}

fn raw(value: serde_json::Value) -> Arc<RawJson> {
    Arc::new(RawJson { value })
}

/// The members a record does not model, or `None` when there are none. Most records have none,
/// and each `RawJson` is an object on the foreign side (a handle and a cleaner), so records
/// without unmodelled members cost no object at all (a 1,000-server list: 6.8 ms -> 2.1 ms).
fn extra(e: &vpskit::Extra) -> Option<Arc<RawJson>> {
    (!e.expose().is_empty()).then(|| raw(serde_json::Value::Object(e.expose().clone())))
}

macro_rules! open_enum {
    ($(#[$doc:meta])* $name:ident, $core:ident { $($variant:ident),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Enum)]
        pub enum $name {
            $($variant,)+
            /// A value vpskit does not know yet.
            Other { value: String },
        }

        impl From<&$core> for $name {
            fn from(v: &$core) -> Self {
                match v {
                    $($core::$variant => $name::$variant,)+
                    $core::Other(value) => $name::Other { value: value.clone() },
                }
            }
        }

        impl From<&$name> for $core {
            fn from(v: &$name) -> Self {
                match v {
                    $($name::$variant => $core::$variant,)+
                    $name::Other { value } => $core::parse(value),
                }
            }
        }
    };
}

open_enum!(
    /// A FaithServer product.
    Product, CoreProduct { PremiumVps, BudgetVps, FlexibleDedicated }
);
open_enum!(
    /// An `allowed_actions` word and product-matrix feature.
    Action, CoreAction { Status, Overview, Start, Stop, Reboot, Console, Rescue, Wol, Images, Reinstall, ResetPassword, Credentials, Traffic, Ips, Monitor, Tasks }
);
open_enum!(
    /// A server's state.
    ServerStatus, CoreServerStatus { Active, Running, Stopped, Off, Starting, Stopping, Rebooting, Suspended, Pending }
);
open_enum!(
    /// A job's status (open: the words are not documented).
    JobStatus, CoreJobStatus { Pending, Queued, Running, Completed, Failed }
);

/// A product-matrix level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Support {
    Yes,
    IfAvailable,
    Limited,
    Planned,
    No,
}

impl From<fs::Support> for Support {
    fn from(s: fs::Support) -> Self {
        match s {
            fs::Support::Yes => Support::Yes,
            fs::Support::IfAvailable => Support::IfAvailable,
            fs::Support::Limited => Support::Limited,
            fs::Support::Planned => Support::Planned,
            fs::Support::No => Support::No,
        }
    }
}

/// A server of `listServers` / `getServer`.
#[derive(Clone, uniffi::Record)]
pub struct Server {
    pub id: String,
    pub name: Option<String>,
    pub region: Option<String>,
    pub product: Product,
    pub status: Option<ServerStatus>,
    pub allowed_actions: Vec<Action>,
    pub extra: Option<Arc<RawJson>>,
}

impl From<&fs::Server> for Server {
    fn from(s: &fs::Server) -> Self {
        Server {
            id: s.id.clone(),
            name: s.name.clone(),
            region: s.region.clone(),
            product: (&s.product).into(),
            status: s.status.as_ref().map(Into::into),
            allowed_actions: s.allowed_actions.iter().map(Into::into).collect(),
            extra: extra(&s.extra),
        }
    }
}

impl From<&Server> for fs::Server {
    fn from(s: &Server) -> Self {
        fs::Server {
            id: s.id.clone(),
            name: s.name.clone(),
            region: s.region.clone(),
            product: (&s.product).into(),
            status: s.status.as_ref().map(Into::into),
            allowed_actions: s.allowed_actions.iter().map(Into::into).collect(),
            extra: s
                .extra
                .as_ref()
                .and_then(|raw| raw.value.as_object().cloned())
                .map(vpskit::Extra::from)
                .unwrap_or_default(),
        }
    }
}

/// `getStatus`.
#[derive(Clone, uniffi::Record)]
pub struct PowerStatus {
    pub id: Option<String>,
    pub status: Option<ServerStatus>,
    pub extra: Option<Arc<RawJson>>,
}

impl From<&fs::PowerStatus> for PowerStatus {
    fn from(s: &fs::PowerStatus) -> Self {
        PowerStatus {
            id: s.id.clone(),
            status: s.status.as_ref().map(Into::into),
            extra: extra(&s.extra),
        }
    }
}

/// `getOverview`.
#[derive(Clone, uniffi::Record)]
pub struct Overview {
    pub id: Option<String>,
    pub name: Option<String>,
    pub region: Option<String>,
    pub product: Option<Product>,
    pub ip_address: Option<String>,
    pub status: Option<ServerStatus>,
    pub plan: Option<String>,
    pub capabilities: Option<Vec<Action>>,
    pub extra: Option<Arc<RawJson>>,
}

impl From<&fs::Overview> for Overview {
    fn from(o: &fs::Overview) -> Self {
        Overview {
            id: o.id.clone(),
            name: o.name.clone(),
            region: o.region.clone(),
            product: o.product.as_ref().map(Into::into),
            ip_address: o.ip_address.clone(),
            status: o.status.as_ref().map(Into::into),
            plan: o.plan.clone(),
            capabilities: o
                .capabilities
                .as_ref()
                .map(|c| c.iter().map(Into::into).collect()),
            extra: extra(&o.extra),
        }
    }
}

/// The documented Budget VPS backend answer.
#[derive(Debug, Clone, uniffi::Record)]
pub struct BudgetOutput {
    pub status: Option<i64>,
    pub message: Option<String>,
    pub output: Option<String>,
    pub time_taken: Option<String>,
}

/// The answer to an action.
#[derive(Clone, uniffi::Record)]
pub struct ActionResult {
    pub message: Option<String>,
    pub server_id: Option<String>,
    pub action: Option<Action>,
    pub provider: Option<String>,
    pub provider_status_code: Option<u16>,
    pub provider_response: Arc<RawJson>,
    /// Typed when `provider_response` has the documented Budget VPS shape.
    pub budget_output: Option<BudgetOutput>,
    /// The password the gateway generated (Premium reset-password), if any.
    pub generated_password: Option<Arc<Secret>>,
    pub job_id: Option<String>,
    pub extra: Option<Arc<RawJson>>,
}

impl From<&fs::ActionResult> for ActionResult {
    fn from(r: &fs::ActionResult) -> Self {
        ActionResult {
            message: r.message.clone(),
            server_id: r.server_id.clone(),
            action: r.action.as_ref().map(Into::into),
            provider: r.provider.clone(),
            provider_status_code: r.provider_status_code,
            provider_response: raw(r.provider_response.expose().clone()),
            budget_output: r.budget_output().map(|b| BudgetOutput {
                status: b.status,
                message: b.message,
                output: b.output,
                time_taken: b.time_taken,
            }),
            generated_password: r.generated_password().map(|p| secret(&p)),
            job_id: r.job_id.clone(),
            extra: extra(&r.extra),
        }
    }
}

/// `getConsole`: the URL is a secret.
#[derive(Clone, uniffi::Record)]
pub struct ConsoleSession {
    pub message: Option<String>,
    pub server_id: Option<String>,
    pub url: Arc<Secret>,
    pub note: Option<String>,
    pub provider_status_code: Option<u16>,
}

impl From<&fs::ConsoleSession> for ConsoleSession {
    fn from(c: &fs::ConsoleSession) -> Self {
        ConsoleSession {
            message: c.message.clone(),
            server_id: c.server_id.clone(),
            url: secret(&c.url),
            note: c.note.clone(),
            provider_status_code: c.provider_status_code,
        }
    }
}

/// `getRescueStatus`.
#[derive(Clone, uniffi::Record)]
pub struct RescueStatus {
    pub enabled: Option<bool>,
    pub pending_reboot: Option<bool>,
    pub extra: Option<Arc<RawJson>>,
}

impl From<&fs::RescueStatus> for RescueStatus {
    fn from(r: &fs::RescueStatus) -> Self {
        RescueStatus {
            enabled: r.enabled,
            pending_reboot: r.pending_reboot,
            extra: extra(&r.extra),
        }
    }
}

/// An image or OS template.
#[derive(Debug, Clone, uniffi::Record)]
pub struct Image {
    pub id: String,
    pub name: Option<String>,
    pub family: Option<String>,
    pub flavour: Option<String>,
}

/// `listImages`.
#[derive(Debug, Clone, uniffi::Record)]
pub struct ImageList {
    pub server_id: Option<String>,
    pub provider: Option<String>,
    pub images: Vec<Image>,
}

impl From<&fs::ImageList> for ImageList {
    fn from(l: &fs::ImageList) -> Self {
        ImageList {
            server_id: l.server_id.clone(),
            provider: l.provider.clone(),
            images: l
                .images
                .iter()
                .map(|i| Image {
                    id: i.id.clone(),
                    name: i.name.clone(),
                    family: i.family.clone(),
                    flavour: i.flavour.clone(),
                })
                .collect(),
        }
    }
}

/// A credential; the password is a secret.
#[derive(Clone, uniffi::Record)]
pub struct Credential {
    pub kind: Option<String>,
    pub username: Option<String>,
    pub password: Option<Arc<Secret>>,
    pub extra: Option<Arc<RawJson>>,
}

impl From<&fs::Credential> for Credential {
    fn from(c: &fs::Credential) -> Self {
        Credential {
            kind: c.kind.clone(),
            username: c.username.clone(),
            password: c.password.as_ref().map(secret),
            extra: extra(&c.extra),
        }
    }
}

/// `getTraffic`.
#[derive(Clone, uniffi::Record)]
pub struct Traffic {
    pub period: Option<String>,
    pub month: Option<String>,
    pub incoming_bytes: Option<u64>,
    pub outgoing_bytes: Option<u64>,
    pub total_bytes: Option<u64>,
    pub limit_bytes: Option<u64>,
    pub extra: Option<Arc<RawJson>>,
}

impl From<&fs::Traffic> for Traffic {
    fn from(t: &fs::Traffic) -> Self {
        Traffic {
            period: t.period.clone(),
            month: t.month.clone(),
            incoming_bytes: t.incoming_bytes,
            outgoing_bytes: t.outgoing_bytes,
            total_bytes: t.total_bytes,
            limit_bytes: t.limit_bytes,
            extra: extra(&t.extra),
        }
    }
}

/// An IP address.
#[derive(Debug, Clone, uniffi::Record)]
pub struct IpAddress {
    pub address: String,
    pub version: Option<u8>,
    pub primary: Option<bool>,
}

impl From<&fs::IpAddress> for IpAddress {
    fn from(i: &fs::IpAddress) -> Self {
        IpAddress {
            address: i.address.clone(),
            version: i.version,
            primary: i.primary,
        }
    }
}

/// `getMonitor`.
#[derive(Clone, uniffi::Record)]
pub struct Monitor {
    pub cpu_percent: Option<f64>,
    pub memory_used_bytes: Option<u64>,
    pub memory_total_bytes: Option<u64>,
    pub disk_used_bytes: Option<u64>,
    pub disk_total_bytes: Option<u64>,
    pub uptime_seconds: Option<u64>,
    pub extra: Option<Arc<RawJson>>,
}

impl From<&fs::Monitor> for Monitor {
    fn from(m: &fs::Monitor) -> Self {
        Monitor {
            cpu_percent: m.cpu_percent,
            memory_used_bytes: m.memory_used_bytes,
            memory_total_bytes: m.memory_total_bytes,
            disk_used_bytes: m.disk_used_bytes,
            disk_total_bytes: m.disk_total_bytes,
            uptime_seconds: m.uptime_seconds,
            extra: extra(&m.extra),
        }
    }
}

/// A task, action-log or API-log entry.
#[derive(Clone, uniffi::Record)]
pub struct LogEntry {
    pub id: Option<String>,
    pub server_id: Option<String>,
    pub action: Option<String>,
    pub status: Option<String>,
    pub method: Option<String>,
    pub path: Option<String>,
    pub status_code: Option<u16>,
    pub message: Option<String>,
    pub created_at: Option<String>,
    pub extra: Option<Arc<RawJson>>,
}

impl From<&fs::LogEntry> for LogEntry {
    fn from(e: &fs::LogEntry) -> Self {
        LogEntry {
            id: e.id.clone(),
            server_id: e.server_id.clone(),
            action: e.action.clone(),
            status: e.status.clone(),
            method: e.method.clone(),
            path: e.path.clone(),
            status_code: e.status_code,
            message: e.message.clone(),
            created_at: e.created_at.clone(),
            extra: extra(&e.extra),
        }
    }
}

/// A job.
#[derive(Clone, uniffi::Record)]
pub struct Job {
    pub id: String,
    pub server_id: Option<String>,
    pub action: Option<String>,
    pub status: Option<JobStatus>,
    pub progress: Option<f64>,
    pub message: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub extra: Option<Arc<RawJson>>,
}

impl From<&fs::Job> for Job {
    fn from(j: &fs::Job) -> Self {
        Job {
            id: j.id.clone(),
            server_id: j.server_id.clone(),
            action: j.action.clone(),
            status: j.status.as_ref().map(Into::into),
            progress: j.progress,
            message: j.message.clone(),
            created_at: j.created_at.clone(),
            updated_at: j.updated_at.clone(),
            extra: extra(&j.extra),
        }
    }
}

/// The raw escape hatch's answer.
#[derive(Clone, uniffi::Record)]
pub struct RawResponse {
    pub status: u16,
    pub body: Arc<RawJson>,
}

impl From<&fs::RawResponse> for RawResponse {
    fn from(r: &fs::RawResponse) -> Self {
        RawResponse {
            status: r.status,
            body: raw(r.body.expose().clone()),
        }
    }
}

/// The VPS.org account.
#[derive(Debug, Clone, uniffi::Record)]
pub struct Account {
    pub email: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub company_name: Option<String>,
    pub created_at: Option<String>,
}

/// The VPS.org token: check permissions with `permissionsAllow`, expiry with `tokenExpiresWithin`.
#[derive(Debug, Clone, uniffi::Record)]
pub struct Token {
    pub name: String,
    pub permissions: Vec<String>,
    pub created_at: Option<String>,
    pub last_used_at: Option<String>,
    pub expires_at: Option<String>,
    pub is_expired: bool,
}

/// `getAccount`.
#[derive(Debug, Clone, uniffi::Record)]
pub struct AccountInfo {
    pub account: Account,
    pub token: Token,
}

impl From<&vpskit::vpsorg::AccountInfo> for AccountInfo {
    fn from(a: &vpskit::vpsorg::AccountInfo) -> Self {
        AccountInfo {
            account: Account {
                email: a.account.email.clone(),
                first_name: a.account.first_name.clone(),
                last_name: a.account.last_name.clone(),
                company_name: a.account.company_name.clone(),
                created_at: a.account.created_at.clone(),
            },
            token: Token {
                name: a.token.name.clone(),
                permissions: a.token.permissions.to_strings(),
                created_at: a.token.created_at.clone(),
                last_used_at: a.token.last_used_at.clone(),
                expires_at: a.token.expires_at.clone(),
                is_expired: a.token.is_expired,
            },
        }
    }
}

/// A capability verdict.
#[derive(Debug, Clone, uniffi::Record)]
pub struct Verdict {
    pub allowed: bool,
    pub reason: String,
    pub support: Option<Support>,
}

/// What to reinstall: `Image` (Premium VPS) or `OsTemplate` (Budget VPS, with a password).
#[derive(Clone, uniffi::Enum)]
pub enum ReinstallRequest {
    Image {
        image_id: String,
    },
    OsTemplate {
        os_id: String,
        password: Arc<Secret>,
    },
}

impl ReinstallRequest {
    pub(crate) fn to_core(&self) -> Result<fs::ReinstallRequest, vpskit::Error> {
        match self {
            ReinstallRequest::Image { image_id } => fs::ReinstallRequest::image(image_id),
            ReinstallRequest::OsTemplate { os_id, password } => {
                fs::ReinstallRequest::os_template(os_id, password.expose())
            }
        }
    }
}

/// Which traffic to read: `Period` (Premium VPS) or `Month` (Budget VPS, `YYYYMM`).
#[derive(Debug, Clone, uniffi::Enum)]
pub enum TrafficQuery {
    Period { period: String },
    Month { month: String },
}

impl TrafficQuery {
    pub(crate) fn to_core(&self) -> Result<fs::TrafficQuery, vpskit::Error> {
        match self {
            TrafficQuery::Period { period } => fs::TrafficQuery::period(period),
            TrafficQuery::Month { month } => fs::TrafficQuery::month(month),
        }
    }
}
