//! The blocking clients: operations run through a host's [`Transport`], with retries and preflight.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

pub(crate) mod jobs;
pub(crate) mod retry;
#[cfg(feature = "ureq")]
pub(crate) mod ureq;

use crate::account::AccountInfo;
use crate::call::faithserver_operations as ops;
use crate::call::{raw_faithserver, raw_vpsorg, Call};
use crate::config::{Api, Config};
use crate::error::{Error, ErrorKind};
use crate::gateway::{
    self as fs, ActionResult, ConsoleSession, Credential, ImageList, IpAddress, Job, LogEntry,
    Monitor, Overview, PowerStatus, RawResponse, ReinstallRequest, RescueStatus, Server, Traffic,
    TrafficQuery,
};
use crate::http::response::FromResponse;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::operation::Operation;
use crate::validate::{CredentialType, JobId, Password, ServiceId, Username};
use jobs::{JobPoll, JobWaiter};
use retry::{Outcome, RetryDecision, RetryPolicy};

/// Sends one HTTP request. Hosts implement it with their own HTTP stack.
///
/// A transport must not follow a redirect to another host with the `Authorization` header, must
/// stop reading a body past [`crate::http::MAX_RESPONSE_BYTES`], and reports failures with
/// [`Error::transport`], saying whether the request may have reached the server.
///
/// ```
/// use vpskit::{Error, HttpRequest, HttpResponse, Transport};
/// struct Canned;
/// impl Transport for Canned {
///     fn send(&self, _request: &HttpRequest) -> Result<HttpResponse, Error> {
///         Ok(HttpResponse::new(200, vec![], br#"{"success":true,"data":[]}"#.to_vec()))
///     }
/// }
/// let client = vpskit::FaithServerClient::new(vpskit::Config::faithserver("fs_live_x")?, Canned);
/// assert!(client.list_servers()?.is_empty());
/// # Ok::<(), vpskit::Error>(())
/// ```
pub trait Transport {
    /// Sends `request` and returns what came back, whatever its status.
    fn send(&self, request: &HttpRequest) -> Result<HttpResponse, Error>;

    /// Waits before a retry or a job poll. Tests replace it to run without waiting.
    fn sleep(&self, duration: Duration) {
        std::thread::sleep(duration);
    }
}

impl<T: Transport + ?Sized> Transport for &T {
    fn send(&self, request: &HttpRequest) -> Result<HttpResponse, Error> {
        (**self).send(request)
    }
    fn sleep(&self, duration: Duration) {
        (**self).sleep(duration)
    }
}

/// What both clients share: configuration, transport, retry policy, jitter seed.
struct Engine<T> {
    config: Config,
    transport: T,
    retry: RetryPolicy,
    seed: AtomicU64,
}

impl<T: Transport> Engine<T> {
    fn execute<R: FromResponse>(&self, op: &Operation<R>) -> Result<R, Error> {
        let request = op.request(&self.config)?;
        self.send_parsed(&request, |response| op.parse(response))
    }

    fn send_parsed<R>(
        &self,
        request: &HttpRequest,
        parse: impl Fn(&HttpResponse) -> Result<R, Error>,
    ) -> Result<R, Error> {
        let seed = self.seed.fetch_add(1, Ordering::Relaxed);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let result = self.transport.send(request).and_then(|r| parse(&r));
            let error = match result {
                Ok(value) => return Ok(value),
                Err(error) => error,
            };
            let Some(outcome) = Outcome::from_error(&error) else {
                return Err(error);
            };
            match self
                .retry
                .decide(request.idempotent, attempt, &outcome, seed)
            {
                RetryDecision::Retry { after_ms } => {
                    self.transport.sleep(Duration::from_millis(after_ms))
                }
                RetryDecision::GiveUp => return Err(error),
            }
        }
    }
}

/// A blocking FaithServer Gateway client.
///
/// Every operation of the API is a method. Before an action (power, console, rescue, reinstall,
/// reset-password) and before traffic, the client reads the server and runs the capability
/// preflight; [`FaithServerClient::with_preflight`] switches that off. GET requests are retried
/// on 429/502/503/504 and connection failures; a POST is never re-sent once it may have reached
/// the server.
///
/// ```no_run
/// # #[cfg(feature = "ureq")] {
/// use vpskit::{Config, FaithServerClient, UreqTransport};
/// let client = FaithServerClient::new(Config::faithserver("fs_live_…")?, UreqTransport::new());
/// for server in client.list_servers()? {
///     println!("{} {}", server.id, server.product);
/// }
/// # }
/// # Ok::<(), vpskit::Error>(())
/// ```
pub struct FaithServerClient<T> {
    engine: Engine<T>,
    preflight: bool,
}

impl<T> fmt::Debug for FaithServerClient<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FaithServerClient")
            .field("config", &self.engine.config)
            .field("retry", &self.engine.retry)
            .field("preflight", &self.preflight)
            .finish_non_exhaustive()
    }
}

fn engine<T>(config: Config, transport: T) -> Engine<T> {
    Engine {
        config,
        transport,
        retry: RetryPolicy::default(),
        seed: AtomicU64::new(0x5EED),
    }
}

impl<T: Transport> FaithServerClient<T> {
    /// A client for `config` (which must be a FaithServer configuration) over `transport`.
    pub fn new(config: Config, transport: T) -> Self {
        FaithServerClient {
            engine: engine(config, transport),
            preflight: true,
        }
    }

    /// Switches the capability preflight on or off (on by default).
    pub fn with_preflight(mut self, enabled: bool) -> Self {
        self.preflight = enabled;
        self
    }

    /// Replaces the retry policy.
    pub fn with_retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.engine.retry = policy;
        self
    }

    /// Sets the seed the retry jitter is drawn from (for reproducible runs).
    pub fn with_jitter_seed(self, seed: u64) -> Self {
        self.engine.seed.store(seed, Ordering::Relaxed);
        self
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.engine.config
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.engine.transport
    }

    fn checked<R: FromResponse>(&self, call: &Call, op: Operation<R>) -> Result<R, Error> {
        if self.preflight && call.needs_preflight() {
            if let Some(id) = op.spec().service_id() {
                let server = self.get_server(id.as_str())?;
                call.preflight(&server)?;
            }
        }
        self.engine.execute(&op)
    }

    /// Runs any call by name, returning its JSON result (secrets marked); preflight applies.
    pub fn call(&self, call: &Call) -> Result<serde_json::Value, Error> {
        let op = call.operation(Api::FaithServer)?;
        if self.preflight && call.needs_preflight() {
            if let Some(id) = op.spec().service_id() {
                let server = self.get_server(id.as_str())?;
                call.preflight(&server)?;
            }
        }
        let request = op.request(&self.engine.config)?;
        self.engine.send_parsed(&request, |r| op.parse(r))
    }

    /// `GET /servers`.
    pub fn list_servers(&self) -> Result<Vec<Server>, Error> {
        self.engine.execute(&ops::list_servers())
    }

    /// `GET /servers/{id}`.
    pub fn get_server(&self, id: &str) -> Result<Server, Error> {
        self.engine
            .execute(&ops::get_server(&ServiceId::parse(id)?))
    }

    /// `GET /servers/{id}/status`.
    pub fn get_status(&self, id: &str) -> Result<PowerStatus, Error> {
        self.engine
            .execute(&ops::get_status(&ServiceId::parse(id)?))
    }

    /// `GET /servers/{id}/overview`.
    pub fn get_overview(&self, id: &str) -> Result<Overview, Error> {
        self.engine
            .execute(&ops::get_overview(&ServiceId::parse(id)?))
    }

    /// `POST /servers/{id}/start`.
    pub fn start(&self, id: &str) -> Result<ActionResult, Error> {
        let sid = ServiceId::parse(id)?;
        self.checked(&id_call(Call::Start, id), ops::start(&sid))
    }

    /// `POST /servers/{id}/stop`.
    pub fn stop(&self, id: &str) -> Result<ActionResult, Error> {
        let sid = ServiceId::parse(id)?;
        self.checked(&id_call(Call::Stop, id), ops::stop(&sid))
    }

    /// `POST /servers/{id}/reboot`.
    pub fn reboot(&self, id: &str) -> Result<ActionResult, Error> {
        let sid = ServiceId::parse(id)?;
        self.checked(&id_call(Call::Reboot, id), ops::reboot(&sid))
    }

    /// `POST /servers/{id}/wol`.
    pub fn wake_on_lan(&self, id: &str) -> Result<ActionResult, Error> {
        let sid = ServiceId::parse(id)?;
        self.checked(&id_call(Call::WakeOnLan, id), ops::wake_on_lan(&sid))
    }

    /// `GET /servers/{id}/console`.
    pub fn get_console(&self, id: &str) -> Result<ConsoleSession, Error> {
        let sid = ServiceId::parse(id)?;
        self.checked(&id_call(Call::GetConsole, id), ops::get_console(&sid))
    }

    /// `GET /servers/{id}/rescue/status`.
    pub fn get_rescue_status(&self, id: &str) -> Result<RescueStatus, Error> {
        self.engine
            .execute(&ops::get_rescue_status(&ServiceId::parse(id)?))
    }

    /// `POST /servers/{id}/rescue/enable`.
    pub fn enable_rescue(&self, id: &str) -> Result<ActionResult, Error> {
        let sid = ServiceId::parse(id)?;
        self.checked(&id_call(Call::EnableRescue, id), ops::enable_rescue(&sid))
    }

    /// `POST /servers/{id}/rescue/disable`.
    pub fn disable_rescue(&self, id: &str) -> Result<ActionResult, Error> {
        let sid = ServiceId::parse(id)?;
        self.checked(&id_call(Call::DisableRescue, id), ops::disable_rescue(&sid))
    }

    /// `GET /servers/{id}/images`.
    pub fn list_images(&self, id: &str) -> Result<ImageList, Error> {
        self.engine
            .execute(&ops::list_images(&ServiceId::parse(id)?))
    }

    /// `POST /servers/{id}/reinstall`: **erases the server**.
    pub fn reinstall(&self, id: &str, request: &ReinstallRequest) -> Result<ActionResult, Error> {
        let sid = ServiceId::parse(id)?;
        if self.preflight {
            let server = self.get_server(id)?;
            fs::preflight(&server, &fs::Action::Reinstall)?;
            request.check_product(&server.product)?;
        }
        self.engine.execute(&ops::reinstall(&sid, request))
    }

    /// `POST /servers/{id}/reset-password`, generated (`None`) or custom.
    pub fn reset_password(&self, id: &str, password: Option<&str>) -> Result<ActionResult, Error> {
        let sid = ServiceId::parse(id)?;
        let password = password.map(Password::parse).transpose()?;
        if self.preflight {
            let server = self.get_server(id)?;
            fs::preflight(&server, &fs::Action::ResetPassword)?;
            fs::check_reset_password(&server.product, password.as_ref())?;
        }
        self.engine
            .execute(&ops::reset_password(&sid, password.as_ref()))
    }

    /// `GET /servers/{id}/credentials`.
    pub fn list_credentials(&self, id: &str) -> Result<Vec<Credential>, Error> {
        self.engine
            .execute(&ops::list_credentials(&ServiceId::parse(id)?))
    }

    /// `GET /servers/{id}/credentials/{type}/{username}`.
    pub fn get_credential(
        &self,
        id: &str,
        kind: &str,
        username: &str,
    ) -> Result<Credential, Error> {
        self.engine.execute(&ops::get_credential(
            &ServiceId::parse(id)?,
            &CredentialType::parse(kind)?,
            &Username::parse(username)?,
        ))
    }

    /// `GET /servers/{id}/traffic` by period (Premium) or month (Budget).
    pub fn get_traffic(&self, id: &str, query: &TrafficQuery) -> Result<Traffic, Error> {
        let sid = ServiceId::parse(id)?;
        if self.preflight {
            let server = self.get_server(id)?;
            query.check_product(&server.product)?;
        }
        self.engine.execute(&ops::get_traffic(&sid, query))
    }

    /// `GET /servers/{id}/ips`.
    pub fn list_ips(&self, id: &str) -> Result<Vec<IpAddress>, Error> {
        self.engine.execute(&ops::list_ips(&ServiceId::parse(id)?))
    }

    /// `GET /servers/{id}/monitor`.
    pub fn get_monitor(&self, id: &str) -> Result<Monitor, Error> {
        self.engine
            .execute(&ops::get_monitor(&ServiceId::parse(id)?))
    }

    /// `GET /servers/{id}/tasks`.
    pub fn list_tasks(&self, id: &str) -> Result<Vec<LogEntry>, Error> {
        self.engine
            .execute(&ops::list_tasks(&ServiceId::parse(id)?))
    }

    /// `GET /servers/{id}/actions`.
    pub fn list_server_actions(&self, id: &str) -> Result<Vec<LogEntry>, Error> {
        self.engine
            .execute(&ops::list_server_actions(&ServiceId::parse(id)?))
    }

    /// `GET /logs`.
    pub fn list_logs(&self) -> Result<Vec<LogEntry>, Error> {
        self.engine.execute(&ops::list_logs())
    }

    /// `GET /jobs`.
    pub fn list_jobs(&self) -> Result<Vec<Job>, Error> {
        self.engine.execute(&ops::list_jobs())
    }

    /// `GET /jobs/{job_id}`.
    pub fn get_job(&self, job_id: &str) -> Result<Job, Error> {
        self.engine.execute(&ops::get_job(&JobId::parse(job_id)?))
    }

    /// Polls `/jobs/{job_id}` until the waiter says it is done. A failed job is a `Server` error;
    /// running out of time is a `Transport` error that says how long was waited. Elapsed time is
    /// counted from the waits, so a slow gateway makes the wait longer than `timeout_ms`.
    pub fn wait_for_job(&self, job_id: &str, waiter: &JobWaiter) -> Result<Job, Error> {
        let op = ops::get_job(&JobId::parse(job_id)?);
        let mut elapsed_ms: u64 = 0;
        let mut polls = 0;
        loop {
            polls += 1;
            let job = self.engine.execute(&op)?;
            match waiter.judge(&job, polls, elapsed_ms) {
                JobPoll::Done => return Ok(job),
                JobPoll::Failed { reason } => return Err(Error::new(ErrorKind::Server, reason)),
                JobPoll::TimedOut => {
                    return Err(Error::new(
                        ErrorKind::Transport,
                        format!(
                            "timed out after {} ms waiting for job {job_id} (last status: {})",
                            elapsed_ms,
                            job.status.as_ref().map(|s| s.as_str()).unwrap_or("none")
                        ),
                    ))
                }
                JobPoll::PollAfter { after_ms } => {
                    self.engine.transport.sleep(Duration::from_millis(after_ms));
                    elapsed_ms = elapsed_ms.saturating_add(after_ms);
                }
            }
        }
    }

    /// Any method and path under the base URL (see [`crate::faithserver::raw`]).
    pub fn raw(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<serde_json::Value>,
    ) -> Result<RawResponse, Error> {
        self.engine
            .execute(&raw_faithserver(method, path, query, body)?)
    }
}

fn id_call(make: fn(crate::call::IdArgs) -> Call, id: &str) -> Call {
    make(crate::call::IdArgs { id: id.to_string() })
}

/// A blocking VPS.org client.
///
/// ```
/// use vpskit::{Config, Error, HttpRequest, HttpResponse, Transport, VpsOrgClient};
/// struct Canned;
/// impl Transport for Canned {
///     fn send(&self, _: &HttpRequest) -> Result<HttpResponse, Error> {
///         Ok(HttpResponse::new(200, vec![], br#"{"account":{"email":"john@example.com"},
///           "token":{"name":"ci","permissions":["dns:*"],"is_expired":false}}"#.to_vec()))
///     }
/// }
/// let me = VpsOrgClient::new(Config::vpsorg("token")?, Canned).get_account()?;
/// assert!(me.token.permissions.allows("dns:create")?);
/// # Ok::<(), vpskit::Error>(())
/// ```
pub struct VpsOrgClient<T> {
    engine: Engine<T>,
}

impl<T> fmt::Debug for VpsOrgClient<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VpsOrgClient")
            .field("config", &self.engine.config)
            .field("retry", &self.engine.retry)
            .finish_non_exhaustive()
    }
}

impl<T: Transport> VpsOrgClient<T> {
    /// A client for `config` (which must be a VPS.org configuration) over `transport`.
    pub fn new(config: Config, transport: T) -> Self {
        VpsOrgClient {
            engine: engine(config, transport),
        }
    }

    /// Replaces the retry policy.
    pub fn with_retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.engine.retry = policy;
        self
    }

    /// `GET /account/me/`.
    pub fn get_account(&self) -> Result<AccountInfo, Error> {
        self.engine
            .execute(&crate::call::vpsorg_operations::get_account())
    }

    /// Any method and path under the base URL (see [`crate::vpsorg::raw`]).
    pub fn raw(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<serde_json::Value>,
    ) -> Result<RawResponse, Error> {
        self.engine.execute(&raw_vpsorg(method, path, query, body)?)
    }
}
