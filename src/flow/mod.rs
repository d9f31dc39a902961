//! The client flow: one call run to its end, sans-IO. A [`Flow`] yields [`Step`]s (send this
//! request, sleep this long, done) and is fed what happened to each request; the host performs
//! the steps with its own HTTP and its own clock. The preflight (the server read first, and
//! checked), the retries (with their seeded jitter) and the judgement of each answer live here,
//! so every host's client is a short loop:
//!
//! ```
//! use vpskit::{Call, Config, HttpResponse};
//! use vpskit::flow::{Flow, FlowOptions, Step, Steps};
//! let call = Call::from_json(r#"{"operation":"reboot","args":{"id":"fsrv_158"}}"#)?;
//! let config = Config::faithserver("fs_live_example")?;
//! let mut flow: Flow<vpskit::faithserver::ActionResult> = Flow::typed(call, &config, &FlowOptions::default());
//! let server = br#"{"success":true,"data":{"id":"fsrv_158","product":"Budget VPS","allowed_actions":["reboot"]}}"#;
//! let reboot = br#"{"success":true,"message":"Reboot command accepted."}"#;
//! let result = loop {
//!     match flow.step() {
//!         // Any HTTP client sends the request; here, canned answers: the preflight's, then the call's.
//!         Step::Send(exchange) => {
//!             let body = if exchange.request.method.as_str() == "GET" { &server[..] } else { &reboot[..] };
//!             flow.received(&HttpResponse::new(200, vec![], body.to_vec()));
//!         }
//!         Step::Sleep { ms } => std::thread::sleep(std::time::Duration::from_millis(ms)),
//!         Step::Progress(_) => {} // job waits only
//!         Step::Done(result) => break result,
//!     }
//! };
//! assert_eq!(result?.message.as_deref(), Some("Reboot command accepted."));
//! # Ok::<(), vpskit::Error>(())
//! ```
//!
//! The preflight reads `GET /servers/{id}`. The gateway does not document that detail's shape
//! ("short detail"): when it lacks `product` or `allowed_actions`, the flow reads the server's
//! entry in `GET /servers` instead (the API's own advice is to read `allowed_actions` there).

mod any_flow;
mod event;
mod job_flow;
pub mod jobs;
mod jobs_flow;
pub mod retry;
mod run;
mod throttle;

pub use any_flow::{AnyFlow, Finished};
pub use event::{Decision, Event};
pub use job_flow::JobFlow;
pub use jobs_flow::{JobOutcomes, JobsFlow};
pub use throttle::{Throttle, MAX_PAUSE_MS};

use crate::call::Call;
use crate::config::Config;
use crate::error::Error;
use crate::gateway::Server;
use crate::http::response::FromResponse;
use crate::http::{HttpRequest, HttpResponse};
use retry::RetryPolicy;
use run::{Answer, Next, Run};

/// How a flow runs: whether it checks the server first, and how it retries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowOptions {
    /// Read and check the server before actions and product-specific requests (on by default).
    pub preflight: bool,
    /// The retry policy.
    pub retry: RetryPolicy,
    /// The seed the retry jitter is drawn from (a client gives each call its own).
    pub seed: u64,
}

impl Default for FlowOptions {
    fn default() -> Self {
        FlowOptions {
            preflight: true,
            retry: RetryPolicy::default(),
            seed: 0x5EED,
        }
    }
}

/// Why a request is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// The server's detail, read for the preflight.
    PreflightDetail,
    /// The server list, read for the preflight when the detail lacks what a check needs.
    PreflightList,
    /// The call itself.
    Call,
}

impl Purpose {
    /// The purpose's name, as the hosts and the flow vectors write it (`preflight_detail`).
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::PreflightDetail => "preflight_detail",
            Purpose::PreflightList => "preflight_list",
            Purpose::Call => "call",
        }
    }
}

/// One request to send.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// The request.
    pub request: HttpRequest,
    /// Why it is sent.
    pub purpose: Purpose,
    /// 1 for the first try of this request, 2 for its first retry, …
    pub attempt: u32,
}

/// What the host does next.
#[derive(Debug)]
pub enum Step<R> {
    /// Send the request, then hand what happened to [`Flow::received`] or [`Flow::failed`].
    Send(Exchange),
    /// Wait this long, then ask again.
    Sleep {
        /// Milliseconds.
        ms: u64,
    },
    /// A job polled and not finished yet (for progress callbacks); ask again. Only a
    /// [`JobFlow`] gives it.
    Progress(R),
    /// The call is over.
    Done(Result<R, Error>),
}

impl<R> Step<R> {
    /// The same step with its result (or progress) mapped by `f`.
    pub fn map<S>(self, f: impl FnOnce(R) -> S) -> Step<S> {
        match self {
            Step::Send(exchange) => Step::Send(exchange),
            Step::Sleep { ms } => Step::Sleep { ms },
            Step::Progress(r) => Step::Progress(f(r)),
            Step::Done(result) => Step::Done(result.map(f)),
        }
    }
}

/// How a flow reads the call's answer into its result.
pub type Parse<R> = Box<dyn Fn(&HttpResponse) -> Result<R, Error> + Send + Sync>;

/// A flow as a host's loop drives it: what to do next, and what happened to the request sent.
pub trait Steps<R> {
    /// What to do now.
    fn step(&mut self) -> Step<R>;
    /// The answer to the request last sent.
    fn received(&mut self, response: &HttpResponse);
    /// The request last sent failed in the transport.
    fn failed(&mut self, error: Error);
    /// The caller cancelled the call: the next step is `Done` with an `Aborted` error, and
    /// nothing more is sent (the host aborts a request in flight itself).
    fn cancel(&mut self);
    /// The event of the exchange last decided, once (a host's debug log): ask after each step.
    fn take_event(&mut self) -> Option<Event>;
}

/// One call run to its end (see the module doc). The run itself (requests, preflight, retries)
/// is not generic; only the reading of the call's answer is.
pub struct Flow<R> {
    run: Run,
    parse: Parse<R>,
    result: Option<R>,
}

impl<R> std::fmt::Debug for Flow<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Flow")
            .field("call", &self.run.name())
            .finish_non_exhaustive()
    }
}

impl<R: FromResponse + 'static> Flow<R> {
    /// A flow whose result is the call's typed result (`R` is its row's result type).
    pub fn typed(call: Call, config: &Config, options: &FlowOptions) -> Flow<R> {
        Flow::new(call, config, options, Box::new(R::from_response))
    }
}

impl<R> Flow<R> {
    /// A flow that reads the call's answer with `parse`. The flow keeps the call only while a
    /// preflight needs it.
    pub fn new(call: Call, config: &Config, options: &FlowOptions, parse: Parse<R>) -> Flow<R> {
        Flow {
            run: Run::new(call, config, options),
            parse,
            result: None,
        }
    }

    /// Checks the call against a server the caller already holds (from a `list_servers`
    /// result, say) instead of reading it: the preflight sends no request. A server with
    /// another id changes nothing.
    pub fn with_server(mut self, server: &Server) -> Self {
        self.run.hold(server);
        self
    }
}

impl<R> Steps<R> for Flow<R> {
    fn step(&mut self) -> Step<R> {
        match self.run.step() {
            Next::Send(exchange) => Step::Send(exchange),
            Next::Sleep(ms) => Step::Sleep { ms },
            Next::Failed(error) => Step::Done(Err(error)),
            Next::Succeeded => Step::Done(
                self.result
                    .take()
                    .ok_or_else(|| Error::internal("the flow is over")),
            ),
        }
    }

    fn received(&mut self, response: &HttpResponse) {
        if let Answer::Call = self.run.received(response) {
            match (self.parse)(response) {
                Ok(result) => {
                    self.result = Some(result);
                    self.run.succeeded();
                }
                Err(error) => self.run.failed(error),
            }
        }
    }

    fn failed(&mut self, error: Error) {
        self.run.transport_failed(error)
    }

    fn cancel(&mut self) {
        self.run.cancel()
    }

    fn take_event(&mut self) -> Option<Event> {
        self.run.take_event()
    }
}
