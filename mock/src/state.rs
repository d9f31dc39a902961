//! The mock's mutable world: servers, jobs, logs, queued faults and the request log.

use std::collections::hash_map::RandomState;
use std::collections::VecDeque;

/// How many request records the mock keeps; older ones are dropped, so a long run (a load test)
/// does not grow without bound.
pub const REQUEST_LOG_LIMIT: usize = 10_000;

/// How many API log entries (`GET /logs`) the mock keeps, for the same reason.
pub const API_LOG_LIMIT: usize = 1_000;
use std::hash::{BuildHasher, Hasher};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use vpskit::faithserver::{product_support, Action, Product, Support};
use vpskit::vpsorg::Timestamp;

use crate::fleet::{self, KeyRecord, ServerSeed, TokenRecord};

/// Credentials the mock accepts; the defaults are the documented sample ones.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The FaithServer key that reaches the main fleet.
    pub faithserver_key: String,
    /// The VPS.org token with `*:*`.
    pub vpsorg_token: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            faithserver_key: fleet::SAMPLE_KEY.to_string(),
            vpsorg_token: fleet::SAMPLE_TOKEN.to_string(),
        }
    }
}

/// A server as the mock tracks it.
#[derive(Debug, Clone)]
pub struct Server {
    pub seed: ServerSeed,
    pub running: bool,
    /// Rescue mode as requested (applied at the next reboot).
    pub rescue_requested: bool,
    /// Rescue mode in effect.
    pub rescue_active: bool,
    pub root_password: String,
    pub image: String,
    pub action_log: Vec<Value>,
}

impl Server {
    /// `allowed_actions` now: the product matrix's yes / if-available features this server has,
    /// without the console while it is stopped.
    pub fn allowed_actions(&self) -> Vec<&'static str> {
        const ORDER: [Action; 16] = [
            Action::Status,
            Action::Overview,
            Action::Start,
            Action::Stop,
            Action::Reboot,
            Action::Console,
            Action::Rescue,
            Action::Wol,
            Action::Images,
            Action::Reinstall,
            Action::ResetPassword,
            Action::Credentials,
            Action::Traffic,
            Action::Ips,
            Action::Monitor,
            Action::Tasks,
        ];
        let product = &self.seed.product;
        ORDER
            .iter()
            .filter(|action| {
                let level = product_support(product, action);
                let offered = match level {
                    Some(Support::Yes) => true,
                    Some(Support::IfAvailable) => {
                        **action != Action::Rescue || self.seed.rescue_available
                    }
                    Some(Support::Limited) => *product == Product::BudgetVps,
                    _ => false,
                };
                offered && (self.running || **action != Action::Console)
            })
            .map(|a| static_action(a))
            .collect()
    }

    pub fn allows(&self, action: &Action) -> bool {
        self.allowed_actions().contains(&action.as_str())
    }

    pub fn provider(&self) -> &'static str {
        match self.seed.product {
            Product::PremiumVps => "premium_vps_multi_region",
            Product::BudgetVps => "budget_vps",
            _ => "flexible_dedicated",
        }
    }

    pub fn power(&self) -> &'static str {
        if self.running {
            "running"
        } else {
            "stopped"
        }
    }

    pub fn summary(&self) -> Value {
        json!({
            "id": self.seed.id,
            "name": self.seed.name,
            "region": self.seed.region,
            "product": self.seed.product.as_str(),
            "status": "active",
            "allowed_actions": self.allowed_actions(),
        })
    }
}

fn static_action(action: &Action) -> &'static str {
    match action {
        Action::Status => "status",
        Action::Overview => "overview",
        Action::Start => "start",
        Action::Stop => "stop",
        Action::Reboot => "reboot",
        Action::Console => "console",
        Action::Rescue => "rescue",
        Action::Wol => "wol",
        Action::Images => "images",
        Action::Reinstall => "reinstall",
        Action::ResetPassword => "reset-password",
        Action::Credentials => "credentials",
        Action::Traffic => "traffic",
        Action::Ips => "ips",
        Action::Monitor => "monitor",
        Action::Tasks => "tasks",
        Action::Other(_) => "other",
    }
}

/// A job: advances one step each time it is read (running 50% → completed).
#[derive(Debug, Clone)]
pub struct Job {
    pub id: String,
    pub account: &'static str,
    pub server_id: String,
    pub action: String,
    pub reads: u32,
    pub steps: u32,
    pub fails: bool,
    pub created_at: String,
    pub updated_at: String,
}

impl Job {
    pub fn to_json(&self) -> Value {
        let done = self.reads >= self.steps;
        let status = match (done, self.fails, self.reads) {
            (true, true, _) => "failed",
            (true, false, _) => "completed",
            (false, _, 0) => "queued",
            _ => "running",
        };
        let progress = if done {
            100.0
        } else {
            f64::from(self.reads) * 100.0 / f64::from(self.steps)
        };
        json!({
            "id": self.id,
            "server_id": self.server_id,
            "action": self.action,
            "status": status,
            "progress": progress,
            "message": if done && self.fails { Some("Backend reported an error.") } else { None },
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        })
    }
}

/// A fault queued through `/__mock/faults`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fault {
    /// 429 with `Retry-After: seconds`.
    RateLimit {
        #[serde(default = "one")]
        /// Seconds for `Retry-After`.
        retry_after: u64,
    },
    /// A JSON error with this status (500, 503, …).
    Status {
        /// The HTTP status.
        status: u16,
    },
    /// A 502 HTML page, as a proxy sends.
    Html,
    /// Wait `delay_ms`, then answer normally.
    Slow {
        /// How long to wait before answering.
        delay_ms: u64,
    },
    /// Close the connection without an answer.
    Drop,
    /// Answer as usual, but a server's detail (`GET /servers/{id}`) keeps only `id`, `name` and
    /// `status`: the short detail the gateway's documentation leaves room for.
    ShortDetail,
    /// Answer 200 with a JSON body cut in the middle.
    Truncate,
    /// Answer 302 to another host (a transport must not follow it with the key).
    Redirect {
        /// Where to; by default a loopback address nothing listens on.
        #[serde(default = "other_host")]
        location: String,
    },
}

fn other_host() -> String {
    "http://127.0.0.2:9/api/v1/servers".to_string()
}

fn one() -> u64 {
    1
}

/// A queued fault and which requests it applies to.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QueuedFault {
    #[serde(flatten)]
    /// The fault.
    pub fault: Fault,
    /// How many matching requests it applies to.
    #[serde(default = "one_u32")]
    pub count: u32,
    /// Only requests whose path (below the base) starts with this.
    #[serde(default)]
    pub path_prefix: Option<String>,
    /// Only requests with this method.
    #[serde(default)]
    pub method: Option<String>,
}

fn one_u32() -> u32 {
    1
}

/// What the request log keeps of a request: never a key's value.
#[derive(Debug, Clone, Serialize)]
pub struct RequestRecord {
    /// Order of arrival, from 1.
    pub seq: u64,
    /// The HTTP method.
    pub method: String,
    /// The path, query excluded.
    pub path: String,
    /// The query with the values of key-like parameters masked.
    pub query: Option<String>,
    /// Whether a body was sent.
    pub has_body: bool,
    /// `bearer`, `none` or `malformed`.
    pub authorization: &'static str,
    /// Whether a key-like parameter travelled in the query string.
    pub key_in_query: bool,
    /// Whether a key-like field travelled in the body.
    pub key_in_body: bool,
    /// Whether a key the mock knows appears anywhere in the URL.
    pub known_key_in_url: bool,
    /// The fault.
    pub fault: Option<Fault>,
    /// The HTTP status.
    pub status: Option<u16>,
}

/// Everything the mock remembers.
pub struct World {
    /// The credentials in force.
    pub settings: Settings,
    /// When the mock started (Unix seconds).
    pub started_at: i64,
    /// FaithServer keys.
    pub keys: Vec<KeyRecord>,
    /// VPS.org tokens.
    pub tokens: Vec<TokenRecord>,
    /// Every server, suspended and foreign ones included.
    pub servers: Vec<Server>,
    /// Jobs, in creation order.
    pub jobs: Vec<Job>,
    /// API logs with the account they belong to: the most recent 1,000.
    pub api_logs: Vec<(&'static str, Value)>,
    /// Queued faults.
    pub faults: VecDeque<QueuedFault>,
    /// The request log: the most recent 10,000 requests (older ones are dropped).
    pub requests: Vec<RequestRecord>,
    /// How many API requests arrived since the last reset (numbers the log's records).
    pub request_count: u64,
    /// API requests being answered now (so tests can prove a client's concurrency cap holds).
    pub in_flight: u32,
    /// The most API requests answered at once since the last reset.
    pub max_in_flight: u32,
    next_id: u64,
    random: RandomState,
}

impl World {
    /// A world in the sample state.
    pub fn new(settings: Settings) -> Self {
        let keys = fleet::keys(&settings.faithserver_key);
        let tokens = fleet::tokens(&settings.vpsorg_token);
        let servers = fleet::servers()
            .into_iter()
            .map(|seed| Server {
                running: seed.running,
                rescue_requested: false,
                rescue_active: false,
                root_password: "InitialRootPw1!".to_string(),
                image: match seed.product {
                    Product::BudgetVps => "1109".to_string(),
                    _ => "UBUNTU_24_04_64BIT".to_string(),
                },
                action_log: Vec::new(),
                seed,
            })
            .collect();
        World {
            settings,
            started_at: unix_now(),
            keys,
            tokens,
            servers,
            jobs: Vec::new(),
            api_logs: Vec::new(),
            faults: VecDeque::new(),
            requests: Vec::new(),
            request_count: 0,
            in_flight: 0,
            max_in_flight: 0,
            next_id: 1,
            random: RandomState::new(),
        }
    }

    /// Back to the sample state (credentials kept).
    pub fn reset(&mut self) {
        *self = World::new(self.settings.clone());
    }

    /// A fresh sequence number.
    pub fn next_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// A fresh random token (hex), for console URLs and generated passwords.
    pub fn random_hex(&mut self, bytes: usize) -> String {
        let mut out = String::new();
        while out.len() < bytes * 2 {
            let mut hasher = self.random.build_hasher();
            hasher.write_u64(self.next_id());
            hasher.write_u64(nanos_now());
            out.push_str(&format!("{:016x}", hasher.finish()));
        }
        out.truncate(bytes * 2);
        out
    }

    /// An active server of `account`.
    pub fn server_mut(&mut self, account: &str, id: &str) -> Option<&mut Server> {
        self.servers
            .iter_mut()
            .find(|s| s.seed.id == id && s.seed.account == account && !s.seed.suspended)
    }

    /// The first queued fault that matches, counted down.
    pub fn take_fault(&mut self, method: &str, path: &str) -> Option<Fault> {
        let index = self.faults.iter().position(|f| {
            f.path_prefix.as_deref().is_none_or(|p| path.starts_with(p))
                && f.method
                    .as_deref()
                    .is_none_or(|m| m.eq_ignore_ascii_case(method))
        })?;
        let queued = self.faults.get_mut(index)?;
        let fault = queued.fault.clone();
        queued.count = queued.count.saturating_sub(1);
        if queued.count == 0 {
            self.faults.remove(index);
        }
        Some(fault)
    }
}

pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn nanos_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos() as u64 ^ d.as_secs())
        .unwrap_or(0)
}

/// Now as RFC 3339 UTC.
pub fn now_text() -> String {
    Timestamp::from_unix_seconds(unix_now()).to_string()
}

/// Masks sensitive fields the way the gateway documents (password, token, secret, API key,
/// session, cookie).
pub fn masked(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    if vpskit::secret::is_sensitive_key(k) && !v.is_null() {
                        (k.clone(), Value::String("********".into()))
                    } else {
                        (k.clone(), masked(v))
                    }
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(masked).collect()),
        other => other.clone(),
    }
}
