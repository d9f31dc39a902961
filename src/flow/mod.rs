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

mod job_flow;
pub mod jobs;
pub mod retry;

pub use job_flow::JobFlow;

use crate::call::Call;
use crate::config::Config;
use crate::error::{Error, ErrorKind};
use crate::gateway::Server;
use crate::http::response::FromResponse;
use crate::http::{HttpRequest, HttpResponse};
use retry::{Outcome, RetryDecision, RetryPolicy};

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

/// Where a flow stands.
enum State<R> {
    /// The request at hand (the last sent, or the next to send).
    Sending(Exchange),
    /// Sleeping before sending `Exchange` again.
    Waiting(u64, Exchange),
    /// Over, the result not yet taken.
    Done(Result<R, Error>),
    /// Over, the result taken.
    Taken,
}

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
}

/// One call run to its end (see the module doc).
pub struct Flow<R> {
    name: &'static str,
    /// The call's request, while a preflight goes first.
    request: Option<HttpRequest>,
    /// What a preflight needs (only when one is due: most calls need none, and pay nothing).
    preflight: Option<Box<(Call, Config)>>,
    options: FlowOptions,
    parse: Parse<R>,
    state: State<R>,
}

impl<R> std::fmt::Debug for Flow<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Flow")
            .field("call", &self.name)
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
        let mut flow = Flow {
            name: call.name(),
            request: None,
            preflight: None,
            options: options.clone(),
            parse,
            state: State::Taken,
        };
        flow.state = match flow.first(call, config) {
            Ok(exchange) => State::Sending(exchange),
            Err(error) => State::Done(Err(error)),
        };
        flow
    }

    /// The first request: the server's detail when a preflight is due, else the call's.
    fn first(&mut self, call: Call, config: &Config) -> Result<Exchange, Error> {
        let request = call.request(config)?;
        let target = match call.service_id() {
            Some(id) if self.options.preflight && call.needs_preflight() => id.to_string(),
            _ => return Ok(exchange(request, Purpose::Call)),
        };
        let detail = Call::GetServer(crate::call::IdArgs { id: target });
        let detail = exchange(detail.request(config)?, Purpose::PreflightDetail);
        self.request = Some(request);
        self.preflight = Some(Box::new((call, config.clone())));
        Ok(detail)
    }

    /// After the server was read: the check, then the call's request.
    fn checked(&mut self, server: &Server) -> State<R> {
        let checked = match &self.preflight {
            Some(preflight) => preflight.0.preflight(server),
            None => Err(Error::internal("a preflight with no call")),
        };
        match (checked, self.request.take()) {
            (Ok(()), Some(request)) => State::Sending(exchange(request, Purpose::Call)),
            (Ok(()), None) => State::Done(Err(Error::internal("the call's request is gone"))),
            (Err(error), _) => State::Done(Err(error)),
        }
    }

    /// The server list, read when the detail lacks what a check needs.
    fn list_instead(&self) -> State<R> {
        let request = match &self.preflight {
            Some(preflight) => Call::ListServers.request(&preflight.1),
            None => Err(Error::internal("a preflight with no configuration")),
        };
        match request {
            Ok(request) => State::Sending(exchange(request, Purpose::PreflightList)),
            Err(error) => State::Done(Err(error)),
        }
    }

    /// The retry policy's decision after `exchange` ended in `error`.
    fn retry_or_end(&self, exchange: Exchange, error: Error) -> State<R> {
        let Some(outcome) = Outcome::from_error(&error) else {
            return State::Done(Err(error));
        };
        let seed = self.options.seed;
        match self.options.retry.decide(
            exchange.request.idempotent,
            exchange.attempt,
            &outcome,
            seed,
        ) {
            RetryDecision::Retry { after_ms } => State::Waiting(
                after_ms,
                Exchange {
                    attempt: exchange.attempt + 1,
                    ..exchange
                },
            ),
            RetryDecision::GiveUp => State::Done(Err(error)),
        }
    }
}

impl<R> Steps<R> for Flow<R> {
    fn step(&mut self) -> Step<R> {
        match std::mem::replace(&mut self.state, State::Taken) {
            State::Sending(exchange) => {
                self.state = State::Sending(exchange.clone());
                Step::Send(exchange)
            }
            State::Waiting(ms, exchange) => {
                self.state = State::Sending(exchange);
                Step::Sleep { ms }
            }
            State::Done(result) => Step::Done(result),
            State::Taken => Step::Done(Err(Error::internal("the flow is over"))),
        }
    }

    fn received(&mut self, response: &HttpResponse) {
        let State::Sending(exchange) = std::mem::replace(&mut self.state, State::Taken) else {
            self.state = State::Done(Err(Error::internal("an answer came with no request sent")));
            return;
        };
        self.state = match exchange.purpose {
            Purpose::Call => match (self.parse)(response) {
                Ok(result) => State::Done(Ok(result)),
                Err(error) => self.retry_or_end(exchange, error),
            },
            Purpose::PreflightDetail => match Server::from_response(response) {
                Ok(server) => self.checked(&server),
                // A detail without `product` or `allowed_actions`: the list has them.
                Err(error) if error.kind() == ErrorKind::Decode => self.list_instead(),
                Err(error) => self.retry_or_end(exchange, error),
            },
            Purpose::PreflightList => match Vec::<Server>::from_response(response) {
                Ok(servers) => {
                    let id = self
                        .preflight
                        .as_ref()
                        .and_then(|p| p.0.service_id())
                        .unwrap_or_default()
                        .to_string();
                    match servers.iter().find(|s| s.id == id) {
                        Some(server) => self.checked(server),
                        None => State::Done(Err(Error::new(
                            ErrorKind::NotFound,
                            format!("server {id} is not in the list of the key's active servers"),
                        ))),
                    }
                }
                Err(error) => self.retry_or_end(exchange, error),
            },
        };
    }

    fn failed(&mut self, error: Error) {
        let State::Sending(exchange) = std::mem::replace(&mut self.state, State::Taken) else {
            self.state = State::Done(Err(error));
            return;
        };
        self.state = self.retry_or_end(exchange, error);
    }

    fn cancel(&mut self) {
        if matches!(self.state, State::Sending(_) | State::Waiting(..)) {
            self.state = State::Done(Err(aborted(self.name)));
        }
    }
}

/// The error of a call the caller cancelled.
pub(crate) fn aborted(name: &str) -> Error {
    Error::new(
        ErrorKind::Aborted,
        format!("{name} was cancelled by the caller; nothing more was sent"),
    )
}

/// The first try of `request`.
fn exchange(request: HttpRequest, purpose: Purpose) -> Exchange {
    Exchange {
        request,
        purpose,
        attempt: 1,
    }
}
