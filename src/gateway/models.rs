//! FaithServer response models. Documented fields are typed; everything else is kept in `extra`.
//!
//! Where API.md documents a shape (server list, images, console, budget reboot), the model follows it
//! to the letter. Where it does not (status, overview, rescue, credentials, traffic, IPs, monitor,
//! tasks, logs, jobs), vpskit reads the `data` member into a model whose fields are all optional
//! and keeps every other field in `extra`: a guess never breaks a parse.

use crate::error::Error;
use crate::http::response::FromResponse;
use crate::http::response::{read_body, read_data};
use crate::http::HttpResponse;
use crate::model::model;
use crate::model::open_enum::open_enum;
use crate::model::raw::Json;
use crate::secret::Secret;
use vpskit_json::path::Fault;
use vpskit_json::read::{
    opt_text_or_number, read_members, read_object, text_or_number, Field, FromJson, Members,
    ReadObject, Skip, Slot,
};
use vpskit_json::reader::Reader;

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

model! {
    /// A server of `GET /servers` and `GET /servers/{id}`.
    ///
    /// ```
    /// use vpskit::faithserver::{Action, Product, Server};
    /// let s = Server::from_json(r#"{"id":"fsrv_158","name":"VPS-B1","region":"US",
    ///   "product":"Budget VPS","status":"active","allowed_actions":["reboot","reset-password"]}"#)?;
    /// assert_eq!(s.product, Product::BudgetVps);
    /// assert!(s.allows(&Action::ResetPassword));
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    pub struct Server: "a server object" {
        /// The public Service ID (`fsrv_111`).
        pub id: String = "id",
        /// The server's name.
        pub name: Option<String> = "name",
        /// The region (`US-LA`).
        pub region: Option<String> = "region",
        /// The product.
        pub product: Product = "product",
        /// The service state (`active`).
        pub status: Option<ServerStatus> = "status",
        /// What this server may do now: the authority for capability checks.
        pub allowed_actions: Vec<Action> = "allowed_actions",
    }
    keep extra
}

impl Server {
    /// Whether `allowed_actions` lists `action`.
    pub fn allows(&self, action: &Action) -> bool {
        self.allowed_actions.contains(action)
    }
}

model! {
    /// `GET /servers/{id}/status`: the state read live from the product's backend.
    ///
    /// ```
    /// let s = vpskit::faithserver::PowerStatus::from_json(r#"{"status":"running"}"#)?;
    /// assert!(!s.status.unwrap().is_powered_off());
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    pub struct PowerStatus: "a status object" {
        /// The Service ID, when the gateway repeats it.
        pub id: Option<String> = "id",
        /// The state (`running`, `stopped`, …).
        pub status: Option<ServerStatus> = "status",
    }
    keep extra
}

model! {
    /// `GET /servers/{id}/overview`: name, region, IP address, status, plan and capabilities.
    ///
    /// ```
    /// let o = vpskit::faithserver::Overview::from_json(r#"{"name":"db-1","plan":"DS-1"}"#)?;
    /// assert_eq!(o.plan.as_deref(), Some("DS-1"));
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    pub struct Overview: "an overview object" {
        /// The Service ID.
        pub id: Option<String> = "id",
        /// The server's name.
        pub name: Option<String> = "name",
        /// The region.
        pub region: Option<String> = "region",
        /// The product.
        pub product: Option<Product> = "product",
        /// The main IP address.
        pub ip_address: Option<String> = "ip_address",
        /// The state.
        pub status: Option<ServerStatus> = "status",
        /// The plan ("paket").
        pub plan: Option<String> = "plan",
        /// The capabilities the gateway lists.
        pub capabilities: Option<Vec<Action>> = "capabilities",
    }
    keep extra
}

model! {
    /// The answer to an action (start, stop, reboot, wol, rescue enable/disable, reinstall,
    /// reset-password).
    ///
    /// ```
    /// let body = r#"{"message":"Reboot command accepted.","server_id":"fsrv_158","action":"reboot",
    ///   "provider":"budget_vps","provider_status_code":200,"provider_response":{"status":1,
    ///   "message":"The VPS was restarted successfully","output":"ok","time_taken":"36.78"}}"#;
    /// let r = vpskit::faithserver::ActionResult::from_json(body)?;
    /// assert_eq!(r.budget_output().unwrap().time_taken.as_deref(), Some("36.78"));
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    pub struct ActionResult: "an action result object" {
        /// The gateway's message (`Reboot command accepted.`).
        pub message: Option<String> = "message",
        /// The server acted on.
        pub server_id: Option<String> = "server_id",
        /// The action taken.
        pub action: Option<Action> = "action",
        /// The backend (`budget_vps`, `premium_vps_multi_region`).
        pub provider: Option<String> = "provider",
        /// The backend's HTTP status.
        pub provider_status_code: Option<u16> = "provider_status_code",
        /// The backend's answer, raw: its shape differs per product and backend.
        pub provider_response: Json = "provider_response",
        /// The job this action started, when the gateway names one (reinstall).
        pub job_id: Option<String> = "job_id" via opt_text_or_number,
    }
    keep extra
}

model! {
    /// The documented Budget VPS backend answer to a power action.
    ///
    /// ```
    /// let o = vpskit::faithserver::BudgetOutput { status: Some(1), message: None, output: None, time_taken: None };
    /// assert!(o.succeeded());
    /// ```
    pub struct BudgetOutput: "a Budget VPS backend answer" {
        /// `1` for success.
        pub status: Option<i64> = "status",
        /// The backend's message.
        pub message: Option<String> = "message",
        /// The backend's console output.
        pub output: Option<String> = "output",
        /// Seconds taken, as the backend writes them (`"36.78"`).
        pub time_taken: Option<String> = "time_taken" via opt_text_or_number,
    }
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
        BudgetOutput::from_json(&vpskit_json::text::value_text(
            self.provider_response.expose(),
        ))
        .ok()
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

model! {
    /// `GET /servers/{id}/console`: a temporary noVNC URL. The URL carries an access token: a secret.
    ///
    /// Read from the body as the gateway sends it: `provider_response.url` and `.note` are brought
    /// up among the session's members and `action` (always `console`) is dropped.
    ///
    /// ```
    /// let body = r#"{"message":"Console request processed.","server_id":"fsrv_111","action":"console",
    ///   "provider_status_code":200,"provider_response":{"url":"https://c.example/vnc?token=t0k",
    ///   "note":"Open this URL in browser to access console."}}"#;
    /// let c = vpskit::faithserver::ConsoleSession::from_json(body)?;
    /// assert!(c.url.expose().contains("t0k"));
    /// assert!(!format!("{c:?}").contains("t0k"));
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    pub struct ConsoleSession {
        /// The gateway's message.
        pub message: Option<String> = "message",
        /// The server.
        pub server_id: Option<String> = "server_id",
        /// The console URL (secret: it carries a temporary token).
        pub url: Secret = "url",
        /// The gateway's note (`Open this URL in browser to access console.`).
        pub note: Option<String> = "note",
        /// The backend's HTTP status.
        pub provider_status_code: Option<u16> = "provider_status_code",
    }
    keep extra
    read by hand
}

// Its reader: the API's form is not the written one.
const _: () = {
    /// A console session's members while they are read.
    pub struct ConsolePartial {
        message: Field<Option<String>>,
        server_id: Field<Option<String>>,
        console: Field<(Secret, Option<String>)>,
        provider_status_code: Field<Option<u16>>,
        action: Skip,
        extra: serde_json::Map<String, serde_json::Value>,
    }

    impl Members for ConsolePartial {
        fn slot(&mut self, name: &str) -> Option<&mut dyn Slot> {
            match name {
                "message" => Some(&mut self.message),
                "server_id" => Some(&mut self.server_id),
                "provider_status_code" => Some(&mut self.provider_status_code),
                "provider_response" => Some(&mut self.console),
                // Always `console`: the type says it.
                "action" => Some(&mut self.action),
                _ => None,
            }
        }

        fn rest(&mut self) -> Option<&mut serde_json::Map<String, serde_json::Value>> {
            Some(&mut self.extra)
        }
    }

    impl ReadObject for ConsoleSession {
        type Partial = ConsolePartial;
        const EXPECTING: &'static str = "a console object";

        fn start() -> ConsolePartial {
            ConsolePartial {
                message: Field::new(FromJson::read),
                server_id: Field::new(FromJson::read),
                console: Field::new(console_url),
                provider_status_code: Field::new(FromJson::read),
                action: Skip,
                extra: serde_json::Map::new(),
            }
        }

        fn finish(p: ConsolePartial) -> Result<Self, Fault> {
            let (url, note) = p.console.required("provider_response")?;
            Ok(ConsoleSession {
                message: p.message.take("message")?,
                server_id: p.server_id.take("server_id")?,
                url,
                note,
                provider_status_code: p.provider_status_code.take("provider_status_code")?,
                extra: p.extra.into(),
            })
        }
    }
};

impl ConsoleSession {
    /// Reads a [`ConsoleSession`] from the body JSON text as the gateway sends it; a value that
    /// does not fit is a validation error that names its path.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        crate::model::read_text("ConsoleSession", text, read_object)
    }
}

/// `provider_response` of a console session: `url` (required, secret) and `note`.
fn console_url(reader: &mut Reader<'_>) -> Result<(Secret, Option<String>), Fault> {
    struct Console {
        url: Field<Secret>,
        note: Field<Option<String>>,
    }
    impl Members for Console {
        fn slot(&mut self, name: &str) -> Option<&mut dyn Slot> {
            match name {
                "url" => Some(&mut self.url),
                "note" => Some(&mut self.note),
                _ => None,
            }
        }
        fn rest(&mut self) -> Option<&mut serde_json::Map<String, serde_json::Value>> {
            None
        }
    }
    let mut console = Console {
        url: Field::new(FromJson::read),
        note: Field::new(FromJson::read),
    };
    read_members(reader, "an object with the console `url`", &mut console)?;
    Ok((console.url.take("url")?, console.note.take("note")?))
}

model! {
    /// `GET /servers/{id}/rescue/status`.
    ///
    /// ```
    /// let r = vpskit::faithserver::RescueStatus::from_json(r#"{"enabled":true,"pending_reboot":true}"#)?;
    /// assert_eq!(r.enabled, Some(true));
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    pub struct RescueStatus: "a rescue status object" {
        /// Whether rescue mode is (or will be, after a reboot) enabled.
        pub enabled: Option<bool> = "enabled",
        /// Whether a reboot is needed before the change takes effect.
        pub pending_reboot: Option<bool> = "pending_reboot",
    }
    keep extra
}

model! {
    /// An image (Premium) or OS template (Budget) from `/images`.
    ///
    /// ```
    /// let i = vpskit::faithserver::Image::from_json(r#"{"id":1109,"name":"ubuntu-24.04-x86_64","family":"Ubuntu"}"#)?;
    /// assert_eq!(i.id, "1109");
    /// assert_eq!(i.flavour, None);
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    pub struct Image: "an image object" {
        /// The id: send as `imageId` (Premium) or `osid` (Budget).
        pub id: String = "id" via text_or_number,
        /// The name, for people.
        pub name: Option<String> = "name",
        /// The family (`linux`, `Ubuntu`, `Windows`): for grouping only.
        pub family: Option<String> = "family",
        /// The flavour (`ubuntu`), Premium only.
        pub flavour: Option<String> = "flavour",
    }
    keep extra
}

model! {
    /// `GET /servers/{id}/images`: read from the whole body, `data.images` brought up.
    ///
    /// ```
    /// use vpskit::{faithserver, HttpResponse, ServiceId};
    /// let body = br#"{"success":true,"server_id":"fsrv_158","provider":"budget_vps",
    ///   "data":{"images":[{"id":"1109","name":"ubuntu-24.04-x86_64","family":"Ubuntu"}]}}"#;
    /// let op = faithserver::list_images(&ServiceId::parse("fsrv_158")?);
    /// let list = op.parse(&HttpResponse::new(200, vec![], body.to_vec()))?;
    /// assert_eq!(list.images[0].id, "1109");
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    pub struct ImageList {
        /// The server.
        pub server_id: Option<String> = "server_id",
        /// The backend (`premium_vps_multi_region`, `budget_vps`).
        pub provider: Option<String> = "provider",
        /// The images or OS templates.
        pub images: Vec<Image> = "images",
    }
    read by hand
}

// Its reader: the API's form is not the written one.
const _: () = {
    /// An image list's members while they are read.
    pub struct ImageListPartial {
        server_id: Field<Option<String>>,
        provider: Field<Option<String>>,
        images: Field<Vec<Image>>,
    }

    impl Members for ImageListPartial {
        fn slot(&mut self, name: &str) -> Option<&mut dyn Slot> {
            match name {
                "server_id" => Some(&mut self.server_id),
                "provider" => Some(&mut self.provider),
                "data" => Some(&mut self.images),
                _ => None,
            }
        }

        fn rest(&mut self) -> Option<&mut serde_json::Map<String, serde_json::Value>> {
            None
        }
    }

    impl ReadObject for ImageList {
        type Partial = ImageListPartial;
        const EXPECTING: &'static str = "an image list object";

        fn start() -> ImageListPartial {
            ImageListPartial {
                server_id: Field::new(FromJson::read),
                provider: Field::new(FromJson::read),
                images: Field::new(images),
            }
        }

        fn finish(p: ImageListPartial) -> Result<Self, Fault> {
            Ok(ImageList {
                server_id: p.server_id.take("server_id")?,
                provider: p.provider.take("provider")?,
                images: p.images.required("data")?,
            })
        }
    }
};

/// `data` of an image list: `{"images": […]}`.
fn images(reader: &mut Reader<'_>) -> Result<Vec<Image>, Fault> {
    struct Data {
        images: Field<Vec<Image>>,
    }
    impl Members for Data {
        fn slot(&mut self, name: &str) -> Option<&mut dyn Slot> {
            (name == "images").then_some(&mut self.images as &mut dyn Slot)
        }
        fn rest(&mut self) -> Option<&mut serde_json::Map<String, serde_json::Value>> {
            None
        }
    }
    let mut data = Data {
        images: Field::new(FromJson::read),
    };
    read_members(reader, "an object with `images`", &mut data)?;
    data.images.required("images")
}

model! {
    /// A credential from `/credentials`. The secret value is wrapped.
    ///
    /// ```
    /// let c = vpskit::faithserver::Credential::from_json(r#"{"type":"ssh","username":"root","password":"s3cr3t"}"#)?;
    /// assert_eq!(c.password.as_ref().unwrap().expose(), "s3cr3t");
    /// assert!(!format!("{c:?}").contains("s3cr3t"));
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    pub struct Credential: "a credential object" {
        /// The credential type (`ssh`, `panel`).
        pub kind: Option<String> = "type",
        /// The username.
        pub username: Option<String> = "username",
        /// The password, when the gateway returns it.
        pub password: Option<Secret> = "password",
    }
    keep extra
}

model! {
    /// `GET /servers/{id}/traffic`.
    ///
    /// ```
    /// let t = vpskit::faithserver::Traffic::from_json(r#"{"month":202605,"total_bytes":10}"#)?;
    /// assert_eq!(t.total_bytes, Some(10));
    /// assert_eq!(t.month.as_deref(), Some("202605"));
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    pub struct Traffic: "a traffic object" {
        /// The period asked for (Premium).
        pub period: Option<String> = "period",
        /// The month asked for, `YYYYMM` (Budget).
        pub month: Option<String> = "month" via opt_text_or_number,
        /// Bytes received.
        pub incoming_bytes: Option<u64> = "incoming_bytes",
        /// Bytes sent.
        pub outgoing_bytes: Option<u64> = "outgoing_bytes",
        /// Bytes in all.
        pub total_bytes: Option<u64> = "total_bytes",
        /// The allowance, in bytes.
        pub limit_bytes: Option<u64> = "limit_bytes",
    }
    keep extra
}

model! {
    /// An IP address of `/ips`.
    ///
    /// ```
    /// let ip = vpskit::faithserver::IpAddress::from_json(r#"{"ip":"203.0.113.7","version":4}"#)?;
    /// assert_eq!(ip.address, "203.0.113.7");
    /// assert_eq!(ip.version, Some(4));
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    pub struct IpAddress: "an IP address object" {
        /// The address.
        pub address: String = "address" | "ip",
        /// 4 or 6.
        pub version: Option<u8> = "version",
        /// Whether it is the main address.
        pub primary: Option<bool> = "primary",
    }
    keep extra
}

model! {
    /// `GET /servers/{id}/monitor`: basic monitoring data.
    ///
    /// ```
    /// let m = vpskit::faithserver::Monitor::from_json(r#"{"cpu_percent":12.5}"#)?;
    /// assert_eq!(m.cpu_percent, Some(12.5));
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    pub struct Monitor: "a monitor object" {
        /// CPU use, percent.
        pub cpu_percent: Option<f64> = "cpu_percent",
        /// Memory in use, bytes.
        pub memory_used_bytes: Option<u64> = "memory_used_bytes",
        /// Memory in all, bytes.
        pub memory_total_bytes: Option<u64> = "memory_total_bytes",
        /// Disk in use, bytes.
        pub disk_used_bytes: Option<u64> = "disk_used_bytes",
        /// Disk in all, bytes.
        pub disk_total_bytes: Option<u64> = "disk_total_bytes",
        /// Seconds since boot.
        pub uptime_seconds: Option<u64> = "uptime_seconds",
    }
    keep extra
}

model! {
    /// An entry of `/tasks`, `/actions` (action log) or `/logs` (API log).
    ///
    /// ```
    /// let e = vpskit::faithserver::LogEntry::from_json(r#"{"id":7,"action":"reboot","status":"success"}"#)?;
    /// assert_eq!(e.id.as_deref(), Some("7"));
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    pub struct LogEntry: "a log entry object" {
        /// The entry's id (numbers are kept as text).
        pub id: Option<String> = "id" via opt_text_or_number,
        /// The server concerned.
        pub server_id: Option<String> = "server_id",
        /// The action (`reboot`, `reinstall`, …).
        pub action: Option<String> = "action",
        /// The outcome (`success`, `failed`, …).
        pub status: Option<String> = "status",
        /// For API logs: the method.
        pub method: Option<String> = "method",
        /// For API logs: the path.
        pub path: Option<String> = "path",
        /// For API logs: the HTTP status.
        pub status_code: Option<u16> = "status_code",
        /// A message.
        pub message: Option<String> = "message",
        /// When (ISO 8601).
        pub created_at: Option<String> = "created_at",
    }
    keep extra
}

model! {
    /// A job of `/jobs`.
    ///
    /// ```
    /// let j = vpskit::faithserver::Job::from_json(r#"{"id":"job_1","status":"running"}"#)?;
    /// assert_eq!(j.status, Some(vpskit::faithserver::JobStatus::Running));
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    pub struct Job: "a job object" {
        /// The job id.
        pub id: String = "id" via text_or_number,
        /// The server concerned.
        pub server_id: Option<String> = "server_id",
        /// The action that started the job.
        pub action: Option<String> = "action",
        /// The status (the words are not documented: open).
        pub status: Option<JobStatus> = "status",
        /// Progress, percent.
        pub progress: Option<f64> = "progress",
        /// A message (an error for failed jobs).
        pub message: Option<String> = "message",
        /// When it was created (ISO 8601).
        pub created_at: Option<String> = "created_at",
        /// When it last changed (ISO 8601).
        pub updated_at: Option<String> = "updated_at",
    }
    keep extra
}

model! {
    /// The answer to the raw escape hatch: status and JSON body, secrets redacted when printed.
    ///
    /// ```
    /// let r = vpskit::faithserver::RawResponse { status: 200, body: serde_json::json!({"ok": true}).into() };
    /// assert_eq!(r.body.get("ok").unwrap(), true);
    /// ```
    pub struct RawResponse {
        /// The HTTP status.
        pub status: u16 = "status",
        /// The JSON body.
        pub body: Json = "body",
    }
    read by hand
}

/// `FromResponse` for results in the `data` member.
macro_rules! in_data {
    ($($t:ty),+ $(,)?) => {$(
        impl FromResponse for $t {
            fn from_response(response: &HttpResponse) -> Result<Self, Error> {
                read_data(response)
            }
        }
    )+};
}

/// `FromResponse` for results that are the whole body.
macro_rules! in_body {
    ($($t:ty),+ $(,)?) => {$(
        impl FromResponse for $t {
            fn from_response(response: &HttpResponse) -> Result<Self, Error> {
                read_body(response)
            }
        }
    )+};
}

in_data!(
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
    Vec<Job>,
);
in_body!(ActionResult, ConsoleSession, ImageList);

impl FromResponse for RawResponse {
    fn from_response(response: &HttpResponse) -> Result<Self, Error> {
        let object = crate::http::response::success_object(response)?;
        Ok(RawResponse {
            status: response.status,
            body: Json::new(serde_json::Value::Object(object)),
        })
    }
}
