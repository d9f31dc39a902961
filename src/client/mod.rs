//! The blocking clients: operations run through a host's [`Transport`], with retries and preflight.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

mod bulk;
mod pace;
#[cfg(feature = "ureq")]
pub(crate) mod ureq;

use crate::account::AccountInfo;
use crate::call::{
    Call, CredentialArgs, IdArgs, JobArgs, RawArgs, ReinstallArgs, ResetPasswordArgs, TrafficArgs,
};
use crate::config::Config;
use crate::error::Error;
use crate::flow::jobs::JobWaiter;
use crate::flow::retry::RetryPolicy;
use crate::flow::{Event, Flow, FlowOptions, JobFlow, JobOutcomes, JobsFlow, Step, Steps};
use crate::gateway::{
    ActionResult, ConsoleSession, Credential, ImageList, IpAddress, Job, LogEntry, Monitor,
    Overview, PowerStatus, RawResponse, ReinstallRequest, RescueStatus, Server, Traffic,
    TrafficQuery,
};
use crate::http::response::FromResponse;
use crate::http::{HttpRequest, HttpResponse, Method, RateLimit};
pub use asynchronous::{AsyncClient, AsyncTransport, BoxFuture};
pub use bulk::{check as check_bulk, BulkOutcome, MAX_BULK_CONCURRENCY};
pub use pace::Limits;
use pace::{monotonic_ms, Pace};

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

/// What both clients share: configuration, transport, retry policy, jitter seed, preflight.
struct Engine<T> {
    config: Config,
    transport: T,
    retry: RetryPolicy,
    seed: AtomicU64,
    preflight: bool,
    /// The last rate-limit state an answer reported.
    rate_limit: Mutex<Option<RateLimit>>,
    /// Called after each exchange.
    listener: Option<EventListener>,
    /// The limits every call shares.
    pace: Pace,
}

impl<T: Transport> Engine<T> {
    /// Runs `call` to its end, its result read as `R` (the call's row's result type).
    fn run<R: FromResponse + 'static>(&self, call: Call) -> Result<R, Error> {
        self.drive(&mut self.flow(call, None), |_| {})
    }

    /// Performs a flow's steps with the transport and its sleep, each progress step handed to
    /// `on_progress`: the whole blocking client loop.
    fn drive<R>(
        &self,
        flow: &mut impl Steps<R>,
        mut on_progress: impl FnMut(&R),
    ) -> Result<R, Error> {
        let mut started = monotonic_ms();
        loop {
            let step = flow.step();
            self.emit_from(flow, started, monotonic_ms());
            match step {
                Step::Send(exchange) => {
                    let wait = self.pace.admit(monotonic_ms());
                    if !wait.is_zero() {
                        self.transport.sleep(wait);
                    }
                    let slot = self.pace.enter();
                    started = monotonic_ms();
                    let sent = self.transport.send(&exchange.request);
                    drop(slot);
                    match sent {
                        Ok(response) => {
                            self.answered(&response, monotonic_ms());
                            flow.received(&response)
                        }
                        Err(error) => flow.failed(error),
                    }
                }
                Step::Sleep { ms } => self.transport.sleep(Duration::from_millis(ms)),
                Step::Progress(value) => on_progress(&value),
                Step::Done(result) => return result,
            }
        }
    }
}

impl<T> Engine<T> {
    /// The options of the next call: each call draws its own jitter seed.
    fn options(&self) -> FlowOptions {
        FlowOptions {
            preflight: self.preflight,
            retry: self.retry,
            seed: self.seed.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// The flow of `call` read as its row's result `R`, checked against `held` if given.
    fn flow<R: FromResponse + 'static>(&self, call: Call, held: Option<&Server>) -> Flow<R> {
        let flow = Flow::typed(call, &self.config, &self.options());
        match held {
            Some(server) => flow.with_server(server),
            None => flow,
        }
    }

    /// The flow of any call to its JSON result (secrets marked).
    fn json_flow(&self, call: &Call) -> Flow<serde_json::Value> {
        let reader = call.clone();
        let parse = Box::new(move |response: &HttpResponse| reader.parse(response));
        Flow::new(call.clone(), &self.config, &self.options(), parse)
    }

    /// An answer arrived at `now_ms`: the pace sees a 429, the rate-limit state is kept.
    fn answered(&self, response: &HttpResponse, now_ms: u64) {
        self.pace.observe(response, now_ms);
        if let Some(state) = response.rate_limit() {
            *pace::lock(&self.rate_limit) = Some(state);
        }
    }

    /// Emits the event of the exchange the flow last decided, if any (sent at `started_ms`).
    fn emit_from<R>(&self, flow: &mut impl Steps<R>, started_ms: u64, now_ms: u64) {
        if let Some(event) = flow.take_event() {
            self.emit(
                &event,
                Duration::from_millis(now_ms.saturating_sub(started_ms)),
            );
        }
    }

    /// Hands an exchange's event to the listener, and to `tracing` at DEBUG (feature `tracing`).
    fn emit(&self, event: &Event, took: Duration) {
        #[cfg(feature = "tracing")]
        tracing::debug!(
            target: "vpskit",
            operation = event.operation,
            method = event.method,
            path = %event.path,
            purpose = event.purpose.as_str(),
            attempt = event.attempt,
            status = ?event.status,
            request_id = ?event.request_id,
            decision = event.decision.as_str(),
            after_ms = ?event.decision.after_ms(),
            duration_ms = took.as_millis() as u64,
            "vpskit exchange"
        );
        if let Some(listener) = &self.listener {
            listener(event, took);
        }
    }
}

/// What a client calls after each exchange (see [`FaithServerClient::with_event_listener`]).
pub type EventListener = Arc<dyn Fn(&Event, Duration) + Send + Sync>;

/// What both clients offer alike: their options and what they report (written once).
macro_rules! shared_builders {
    () => {
        /// Replaces the retry policy.
        pub fn with_retry_policy(mut self, policy: RetryPolicy) -> Self {
            self.engine.retry = policy;
            self
        }

        /// Sets the limits every call of this client shares (requests in flight, requests a
        /// second); a cap of 0 or a rate that is not positive is a validation error.
        pub fn with_limits(mut self, limits: Limits) -> Result<Self, Error> {
            self.engine.pace = Pace::new(limits)?;
            Ok(self)
        }

        /// Calls `listener` after each exchange with its redacted [`Event`](crate::flow::Event) (operation, method,
        /// path, status, attempt, request id, decision; never a secret, a query or a body) and
        /// how long it took. With the `tracing` feature the same events go to `tracing` at DEBUG.
        pub fn with_event_listener(mut self, listener: EventListener) -> Self {
            self.engine.listener = Some(listener);
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

        /// The last rate-limit state the API reported (`RateLimit-*` / `X-RateLimit-*`).
        pub fn rate_limit(&self) -> Option<RateLimit> {
            *crate::client::pace::lock(&self.engine.rate_limit)
        }
    };
}

// After the macros it uses.
mod asynchronous;

/// Every operation of the table as a blocking client's method (taking the table's host types).
macro_rules! client_methods {
    (faithserver: FaithServer { $($faithserver:tt)+ } vpsorg: VpsOrg { $($vpsorg:tt)+ }) => {
        client_methods!(@impl FaithServerClient faithserver $($faithserver)+);
        client_methods!(@impl VpsOrgClient vpsorg $($vpsorg)+);
    };
    (@impl $client:ident $api_mod:ident $(
        $(#[doc = $doc:literal])*
        fn $name:ident ( $( $param:ident : $param_ty:ty as $host:ty ),* ) -> $result:ty
            = $variant:ident $( ( $args:ty ) )? , $method:ident $path:literal
            $( , gated $gate:ident $( $preflight:ident )? )? ;
    )+) => {
        impl<T> fmt::Debug for $client<T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($client))
                    .field("config", &self.engine.config)
                    .field("retry", &self.engine.retry)
                    .field("preflight", &self.engine.preflight)
                    .finish_non_exhaustive()
            }
        }

        impl<T: Transport> $client<T> {
            $(
                #[doc = concat!(
                    "[`", stringify!($api_mod), "::", stringify!($name), "`](crate::",
                    stringify!($api_mod), "::", stringify!($name), "), run to its end by this ",
                    "client (preflight, retries, limits)."
                )]
                pub fn $name(&self, $( $param: $host ),*) -> Result<$result, Error> {
                    self.engine.run(client_methods!(@call $variant $( $args )? ; $( $param ),*))
                }
            )+

            /// Any method and path under the base URL (see `faithserver::raw`, `vpsorg::raw`).
            pub fn raw(
                &self,
                method: Method,
                path: &str,
                query: &[(&str, &str)],
                body: Option<serde_json::Value>,
            ) -> Result<RawResponse, Error> {
                self.engine.run(Call::Raw(RawArgs::of(method, path, query, body)))
            }
        }
    };
    (@call $variant:ident ; ) => { Call::$variant };
    (@call $variant:ident $args:ty ; $( $param:ident ),*) => {
        Call::$variant(<$args>::from(($( $param, )*)))
    };
}

crate::call::operation_table!(client_methods);

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
}

fn engine<T>(config: Config, transport: T, preflight: bool) -> Engine<T> {
    Engine {
        config,
        transport,
        retry: RetryPolicy::default(),
        seed: AtomicU64::new(0x5EED),
        preflight,
        rate_limit: Mutex::new(None),
        listener: None,
        pace: Pace::unlimited(),
    }
}

impl<T: Transport> FaithServerClient<T> {
    /// A client for `config` (which must be a FaithServer configuration) over `transport`.
    pub fn new(config: Config, transport: T) -> Self {
        FaithServerClient {
            engine: engine(config, transport, true),
        }
    }

    /// Switches the capability preflight on or off (on by default).
    pub fn with_preflight(mut self, enabled: bool) -> Self {
        self.engine.preflight = enabled;
        self
    }

    shared_builders!();

    /// Runs `action` (an operation that takes one server id: `reboot`, `start`, …) on every
    /// server of `ids`, `concurrency` at a time (the client's [`Limits`] apply too): one
    /// outcome per id, in order, its JSON result or its error. Each action is one flow, so a
    /// POST that may have arrived is never sent again. An unknown action or a `concurrency`
    /// outside 1..=64 is a validation error, before anything is sent.
    pub fn bulk(
        &self,
        action: &str,
        ids: &[&str],
        concurrency: usize,
    ) -> Result<Vec<BulkOutcome>, Error>
    where
        T: Sync,
    {
        let work = bulk::Work::new(action, ids, concurrency)?;
        std::thread::scope(|scope| {
            for _ in 0..concurrency.min(ids.len()) {
                scope.spawn(|| {
                    while let Some((call, slot)) = work.take() {
                        bulk::settle(slot, self.call(call));
                    }
                });
            }
        });
        Ok(work.finish(ids))
    }

    /// Runs any call by name, returning its JSON result (secrets marked); preflight applies.
    pub fn call(&self, call: &Call) -> Result<serde_json::Value, Error> {
        self.engine.drive(&mut self.engine.json_flow(call), |_| {})
    }

    /// Polls `/jobs/{job_id}` until the waiter says it is done (see [`JobFlow`]). A failed job is
    /// a `Server` error; running out of time is a `Transport` error that names the last status.
    pub fn wait_for_job(&self, job_id: &str, waiter: &JobWaiter) -> Result<Job, Error> {
        self.wait_for_job_with(job_id, waiter, |_| {})
    }

    /// [`FaithServerClient::wait_for_job`], calling `on_update` with every job polled that has
    /// not finished yet (progress).
    pub fn wait_for_job_with(
        &self,
        job_id: &str,
        waiter: &JobWaiter,
        on_update: impl FnMut(&Job),
    ) -> Result<Job, Error> {
        let mut flow = JobFlow::new(
            job_id,
            &self.engine.config,
            &self.engine.options(),
            waiter.clone(),
        );
        self.engine.drive(&mut flow, on_update)
    }

    /// Waits for several jobs on one poll schedule (each round polls every unfinished job, then
    /// sleeps once): one outcome per job, in order; `on_update` sees each unfinished poll.
    pub fn wait_for_jobs(
        &self,
        job_ids: &[&str],
        waiter: &JobWaiter,
        on_update: impl FnMut(&JobOutcomes),
    ) -> Result<JobOutcomes, Error> {
        let mut flow = JobsFlow::new(
            job_ids,
            &self.engine.config,
            &self.engine.options(),
            waiter.clone(),
        );
        self.engine.drive(&mut flow, on_update)
    }
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

impl<T: Transport> VpsOrgClient<T> {
    /// A client for `config` (which must be a VPS.org configuration) over `transport`.
    pub fn new(config: Config, transport: T) -> Self {
        VpsOrgClient {
            engine: engine(config, transport, false),
        }
    }

    shared_builders!();
}
