//! What a flow tells a host's log after each exchange: never a key, a password, a console URL,
//! a credential, a query string or a body; only what an operator needs to follow a call.

use super::Purpose;
use crate::error::{Error, ErrorKind};
use crate::http::{HttpRequest, HttpResponse};
use vpskit_json::key;
use vpskit_json::write::{JsonWriter, ToJson};
use vpskit_json::KeyCase;

/// One exchange, answered or failed, and what the flow decided next. The host adds how long
/// the exchange took.
///
/// ```
/// use vpskit::flow::{Decision, Flow, FlowOptions, Step, Steps};
/// use vpskit::{Call, Config, HttpResponse};
/// let call = Call::from_json(r#"{"operation":"list_servers"}"#)?;
/// let mut flow: Flow<()> = Flow::new(call, &Config::faithserver("fs_live_x")?, &FlowOptions::default(), Box::new(HttpResponse::judge));
/// let Step::Send(_) = flow.step() else { unreachable!() };
/// flow.received(&HttpResponse::new(503, vec![("X-Request-Id".into(), "req_1".into())], b"{}".to_vec()));
/// let event = flow.take_event().unwrap();
/// assert_eq!((event.method, event.path.as_str(), event.status), ("GET", "/api/v1/servers", Some(503)));
/// assert!(matches!(event.decision, Decision::Retry { .. }));
/// # Ok::<(), vpskit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The operation (`reboot`).
    pub operation: &'static str,
    /// `GET`, `POST`, …
    pub method: &'static str,
    /// The URL's path, without its query.
    pub path: String,
    /// Why the request was sent.
    pub purpose: Purpose,
    /// 1 for the first try.
    pub attempt: u32,
    /// The answer's status; `None` when the transport failed.
    pub status: Option<u16>,
    /// The answer's `X-Request-Id`.
    pub request_id: Option<String>,
    /// What the flow does next.
    pub decision: Decision,
}

/// What a flow decided after an exchange.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Send the next request of the call (the preflight is done, or the list is read instead).
    Continue,
    /// Send the same request again after this wait.
    Retry {
        /// Milliseconds.
        after_ms: u64,
    },
    /// The job is not finished: poll again after this wait.
    PollAgain {
        /// Milliseconds.
        after_ms: u64,
    },
    /// The call is over, with its result.
    Done,
    /// The call is over with an error of this kind.
    Failed(ErrorKind),
}

impl Decision {
    /// The decision's name, as hosts write it (`retry`, `poll_again`, …).
    pub fn as_str(&self) -> &'static str {
        match self {
            Decision::Continue => "continue",
            Decision::Retry { .. } => "retry",
            Decision::PollAgain { .. } => "poll_again",
            Decision::Done => "done",
            Decision::Failed(_) => "failed",
        }
    }

    /// The kind of the error the call ended with, for `Failed`.
    pub fn error_kind(&self) -> Option<ErrorKind> {
        match self {
            Decision::Failed(kind) => Some(*kind),
            _ => None,
        }
    }

    /// The wait before the next request, for `Retry` and `PollAgain`.
    pub fn after_ms(&self) -> Option<u64> {
        match self {
            Decision::Retry { after_ms } | Decision::PollAgain { after_ms } => Some(*after_ms),
            _ => None,
        }
    }
}

/// An event as hosts log it: `{operation, method, path, purpose, attempt, status, request_id,
/// decision, after_ms, error_kind}` (keys in the writer's case; absent values `null`).
impl ToJson for Event {
    fn write_json(&self, w: &mut JsonWriter) {
        w.object(
            &[
                (key!("operation"), &self.operation),
                (key!("method"), &self.method),
                (key!("path"), &self.path),
                (key!("purpose"), &self.purpose.as_str()),
                (key!("attempt"), &self.attempt),
                (key!("status"), &self.status),
                (key!("request_id"), &self.request_id),
                (key!("decision"), &self.decision.as_str()),
                (key!("after_ms"), &self.decision.after_ms()),
                (
                    key!("error_kind"),
                    &self.decision.error_kind().map(ErrorKind::as_str),
                ),
            ],
            None,
        );
    }
}

impl Event {
    /// The event as JSON text (see its [`ToJson`]), member names in `case`.
    pub fn to_json(&self, case: KeyCase) -> String {
        crate::http::result::ResultJson::write(self, case).text
    }
}

/// An exchange as far as its event goes, before the decision is known.
#[derive(Debug, Clone)]
pub(super) struct Exchanged {
    method: &'static str,
    path: String,
    purpose: Purpose,
    attempt: u32,
    status: Option<u16>,
    request_id: Option<String>,
}

impl Exchanged {
    /// `request` (sent for `purpose`, try `attempt`) and what came back.
    pub(super) fn new(
        request: &HttpRequest,
        purpose: Purpose,
        attempt: u32,
        answer: Result<&HttpResponse, &Error>,
    ) -> Exchanged {
        let after_host = request.url.splitn(4, '/').nth(3).unwrap_or_default();
        let path = after_host.split(['?', '#']).next().unwrap_or_default();
        let (status, request_id) = match answer {
            Ok(response) => (
                Some(response.status),
                response.request_id().map(str::to_string),
            ),
            Err(_) => (None, None),
        };
        Exchanged {
            method: request.method.as_str(),
            path: format!("/{path}"),
            purpose,
            attempt,
            status,
            request_id,
        }
    }

    /// The event, once the flow has decided.
    pub(super) fn decided(self, operation: &'static str, decision: Decision) -> Event {
        Event {
            operation,
            method: self.method,
            path: self.path,
            purpose: self.purpose,
            attempt: self.attempt,
            status: self.status,
            request_id: self.request_id,
            decision,
        }
    }
}
