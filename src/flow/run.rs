//! The run of one call, without its result type: which request goes next (the preflight's, the
//! call's, a retry), what each answer to a preflight request decides, and when to give up.
//! [`super::Flow`] adds only the reading of the call's answer, so this code is compiled once
//! whatever the result type.

use super::event::{Decision, Event, Exchanged};
use super::retry::{Outcome, RetryDecision};
use super::{Exchange, FlowOptions, Purpose};
use crate::call::{Call, IdArgs};
use crate::config::Config;
use crate::error::{Error, ErrorKind};
use crate::gateway::Server;
use crate::http::response::FromResponse;
use crate::http::{HttpRequest, HttpResponse};

/// What the run says next.
pub(super) enum Next {
    Send(Exchange),
    Sleep(u64),
    Succeeded,
    Failed(Error),
}

/// Whose answer arrived: the call's (the flow reads it) or a preflight's (the run did).
pub(super) enum Answer {
    Call,
    Preflight,
}

/// Where a run stands.
enum State {
    /// The request at hand (the last sent, or the next to send).
    Sending(Exchange),
    /// Sleeping before sending `Exchange` again.
    Waiting(u64, Exchange),
    /// Over: the flow holds the result.
    Succeeded,
    /// Over with this error, not yet given.
    Failed(Error),
    /// Over, its end given.
    Over,
}

/// A call's run (see the module doc).
pub(super) struct Run {
    name: &'static str,
    /// The call's request, while a preflight goes first.
    request: Option<HttpRequest>,
    /// What a preflight needs (only when one is due: most calls need none, and pay nothing).
    preflight: Option<Box<(Call, Config)>>,
    options: FlowOptions,
    state: State,
    /// The exchange last answered or failed, until the run has decided what follows.
    exchanged: Option<Exchanged>,
    /// The event of the exchange last decided, until the host takes it.
    event: Option<Event>,
}

impl Run {
    pub(super) fn new(call: Call, config: &Config, options: &FlowOptions) -> Run {
        let mut run = Run {
            name: call.name(),
            request: None,
            preflight: None,
            options: options.clone(),
            state: State::Over,
            exchanged: None,
            event: None,
        };
        run.state = match run.first(call, config) {
            Ok(exchange) => State::Sending(exchange),
            Err(error) => State::Failed(error),
        };
        run
    }

    pub(super) fn name(&self) -> &'static str {
        self.name
    }

    /// The first request: the server's detail when a preflight is due, else the call's.
    fn first(&mut self, call: Call, config: &Config) -> Result<Exchange, Error> {
        let request = call.request(config)?;
        let target = match call.service_id() {
            Some(id) if self.options.preflight && call.needs_preflight() => id.to_string(),
            _ => return Ok(exchange(request, Purpose::Call)),
        };
        let detail = Call::GetServer(IdArgs { id: target });
        let detail = exchange(detail.request(config)?, Purpose::PreflightDetail);
        self.request = Some(request);
        self.preflight = Some(Box::new((call, config.clone())));
        Ok(detail)
    }

    /// Checks against a server the caller holds, when the preflight has not begun.
    pub(super) fn hold(&mut self, server: &Server) {
        let due = matches!(&self.state, State::Sending(e) if e.purpose == Purpose::PreflightDetail);
        let same = self.target().is_some_and(|id| id == server.id);
        if due && same {
            self.state = self.checked(server);
        }
    }

    /// The Service ID the preflight reads.
    fn target(&self) -> Option<&str> {
        self.preflight.as_ref().and_then(|p| p.0.service_id())
    }

    pub(super) fn step(&mut self) -> Next {
        match std::mem::replace(&mut self.state, State::Over) {
            State::Sending(exchange) => {
                self.state = State::Sending(exchange.clone());
                Next::Send(exchange)
            }
            State::Waiting(ms, exchange) => {
                self.state = State::Sending(exchange);
                Next::Sleep(ms)
            }
            State::Succeeded => Next::Succeeded,
            State::Failed(error) => Next::Failed(error),
            State::Over => Next::Failed(Error::internal("the flow is over")),
        }
    }

    /// An answer arrived: a preflight's is judged here; the call's is the flow's to read.
    pub(super) fn received(&mut self, response: &HttpResponse) -> Answer {
        let purpose = match &self.state {
            State::Sending(exchange) => {
                self.exchanged = Some(Exchanged::new(
                    &exchange.request,
                    exchange.purpose,
                    exchange.attempt,
                    Ok(response),
                ));
                exchange.purpose
            }
            _ => {
                self.state = State::Failed(Error::internal("an answer came with no request sent"));
                return Answer::Preflight;
            }
        };
        self.state = match purpose {
            Purpose::Call => return Answer::Call,
            Purpose::PreflightDetail => match Server::from_response(response) {
                Ok(server) => self.checked(&server),
                // A detail without `product` or `allowed_actions`: the list has them.
                Err(error) if error.kind() == ErrorKind::Decode => self.list_instead(),
                Err(error) => self.retry_or_end(error),
            },
            Purpose::PreflightList => match Vec::<Server>::from_response(response) {
                Ok(servers) => {
                    let id = self.target().unwrap_or_default().to_string();
                    match servers.iter().find(|s| s.id == id) {
                        Some(server) => self.checked(server),
                        None => State::Failed(Error::new(
                            ErrorKind::NotFound,
                            format!("server {id} is not in the list of the key's active servers"),
                        )),
                    }
                }
                Err(error) => self.retry_or_end(error),
            },
        };
        self.settle();
        Answer::Preflight
    }

    /// The call's answer was read.
    pub(super) fn succeeded(&mut self) {
        self.state = State::Succeeded;
        self.settle();
    }

    /// The request last sent failed in the transport.
    pub(super) fn transport_failed(&mut self, error: Error) {
        if let State::Sending(exchange) = &self.state {
            self.exchanged = Some(Exchanged::new(
                &exchange.request,
                exchange.purpose,
                exchange.attempt,
                Err(&error),
            ));
        }
        self.failed(error);
    }

    /// The request last sent failed (in the transport, or its answer was an error).
    pub(super) fn failed(&mut self, error: Error) {
        self.state = match &self.state {
            State::Sending(_) => self.retry_or_end(error),
            _ => State::Failed(error),
        };
        self.settle();
    }

    /// The exchange last answered is decided: its event waits for the host.
    fn settle(&mut self) {
        let Some(exchanged) = self.exchanged.take() else {
            return;
        };
        let decision = match &self.state {
            State::Sending(_) => Decision::Continue,
            State::Waiting(after_ms, _) => Decision::Retry {
                after_ms: *after_ms,
            },
            State::Succeeded | State::Over => Decision::Done,
            State::Failed(error) => Decision::Failed(error.kind()),
        };
        self.event = Some(exchanged.decided(self.name, decision));
    }

    /// The event of the exchange last decided, once.
    pub(super) fn take_event(&mut self) -> Option<Event> {
        self.event.take()
    }

    /// The caller cancelled: the run ends with an `Aborted` error (a run already over keeps
    /// its end).
    pub(super) fn cancel(&mut self) {
        if matches!(self.state, State::Sending(_) | State::Waiting(..)) {
            self.state = State::Failed(Error::new(
                ErrorKind::Aborted,
                format!(
                    "{} was cancelled by the caller; nothing more was sent",
                    self.name
                ),
            ));
        }
    }

    /// After the server was read: the check, then the call's request.
    fn checked(&mut self, server: &Server) -> State {
        let checked = match &self.preflight {
            Some(preflight) => preflight.0.preflight(server),
            None => Err(Error::internal("a preflight with no call")),
        };
        match (checked, self.request.take()) {
            (Ok(()), Some(request)) => State::Sending(exchange(request, Purpose::Call)),
            (Ok(()), None) => State::Failed(Error::internal("the call's request is gone")),
            (Err(error), _) => State::Failed(error),
        }
    }

    /// The server list, read when the detail lacks what a check needs.
    fn list_instead(&self) -> State {
        let request = match &self.preflight {
            Some(preflight) => Call::ListServers.request(&preflight.1),
            None => Err(Error::internal("a preflight with no configuration")),
        };
        match request {
            Ok(request) => State::Sending(exchange(request, Purpose::PreflightList)),
            Err(error) => State::Failed(error),
        }
    }

    /// The retry policy's decision after the request at hand ended in `error`.
    fn retry_or_end(&self, error: Error) -> State {
        let State::Sending(exchange) = &self.state else {
            return State::Failed(error);
        };
        let Some(outcome) = Outcome::from_error(&error) else {
            return State::Failed(error);
        };
        let decision = self.options.retry.decide(
            exchange.request.idempotent,
            exchange.attempt,
            &outcome,
            self.options.seed,
        );
        match decision {
            RetryDecision::Retry { after_ms } => State::Waiting(
                after_ms,
                Exchange {
                    attempt: exchange.attempt + 1,
                    ..exchange.clone()
                },
            ),
            RetryDecision::GiveUp => State::Failed(error),
        }
    }
}

/// The first try of `request`.
fn exchange(request: HttpRequest, purpose: Purpose) -> Exchange {
    Exchange {
        request,
        purpose,
        attempt: 1,
    }
}
