//! The one error type of vpskit, with kinds a program can branch on.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// What went wrong, coarsely: the kind a program branches on.
///
/// ```
/// use vpskit::ErrorKind;
/// assert_eq!(ErrorKind::RateLimited.as_str(), "rate_limited");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Missing, invalid or expired credentials, or a caller IP not on the key's whitelist.
    Auth,
    /// The server (or job) does not exist for this key.
    NotFound,
    /// The action is not allowed for this server (gateway answer or capability preflight).
    NotAllowed,
    /// Too many requests; see [`Error::retry_after`].
    RateLimited,
    /// The gateway or a proxy failed (5xx), or reported a failure vpskit does not recognise.
    Server,
    /// Bad input, found before any request was sent (or refused by the gateway as invalid).
    Validation,
    /// The response was not the JSON vpskit expects.
    Decode,
    /// The host's HTTP transport failed.
    Transport,
    /// The caller cancelled the call (an abort signal, a cancelled task): nothing more was sent.
    /// Never retried.
    Aborted,
    /// A bug in vpskit: a binding caught a Rust panic at its boundary. Never retried; please
    /// report it (see SECURITY.md).
    Internal,
}

impl ErrorKind {
    /// Every kind, in the order of DESIGN.md §4 (then `Aborted` and `Internal`).
    pub const ALL: [ErrorKind; 10] = [
        ErrorKind::Auth,
        ErrorKind::NotFound,
        ErrorKind::NotAllowed,
        ErrorKind::RateLimited,
        ErrorKind::Server,
        ErrorKind::Validation,
        ErrorKind::Decode,
        ErrorKind::Transport,
        ErrorKind::Aborted,
        ErrorKind::Internal,
    ];

    /// The kind with this name (`"not_found"`), as hosts write it.
    ///
    /// ```
    /// assert_eq!(vpskit::ErrorKind::parse("rate_limited"), Some(vpskit::ErrorKind::RateLimited));
    /// assert_eq!(vpskit::ErrorKind::parse("RateLimited"), None);
    /// ```
    pub fn parse(name: &str) -> Option<ErrorKind> {
        ErrorKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The kind's name, the same in every language (`not_found`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Auth => "auth",
            ErrorKind::NotFound => "not_found",
            ErrorKind::NotAllowed => "not_allowed",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::Server => "server",
            ErrorKind::Validation => "validation",
            ErrorKind::Decode => "decode",
            ErrorKind::Transport => "transport",
            ErrorKind::Aborted => "aborted",
            ErrorKind::Internal => "internal",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The six error messages the FaithServer gateway documents, recognised exactly.
///
/// ```
/// use vpskit::ErrorCode;
/// assert_eq!(ErrorCode::from_message("Server not found."), Some(ErrorCode::ServerNotFound));
/// assert_eq!(ErrorCode::from_message("server not found"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// `Missing API key.`
    MissingApiKey,
    /// `Invalid API key.`
    InvalidApiKey,
    /// `IP address is not whitelisted for this API key.`
    IpNotWhitelisted,
    /// `Server not found.`
    ServerNotFound,
    /// `Action not allowed for this server.`
    ActionNotAllowed,
    /// `Console endpoint is not available for Budget VPS.`
    ConsoleNotAvailable,
}

impl ErrorCode {
    /// Every documented code, in the order of the API reference.
    pub const ALL: [ErrorCode; 6] = [
        ErrorCode::MissingApiKey,
        ErrorCode::InvalidApiKey,
        ErrorCode::IpNotWhitelisted,
        ErrorCode::ServerNotFound,
        ErrorCode::ActionNotAllowed,
        ErrorCode::ConsoleNotAvailable,
    ];

    /// The code's name, as errors carry it to the hosts (`server_not_found`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::MissingApiKey => "missing_api_key",
            ErrorCode::InvalidApiKey => "invalid_api_key",
            ErrorCode::IpNotWhitelisted => "ip_not_whitelisted",
            ErrorCode::ServerNotFound => "server_not_found",
            ErrorCode::ActionNotAllowed => "action_not_allowed",
            ErrorCode::ConsoleNotAvailable => "console_not_available",
        }
    }

    /// The gateway's message for this code, to the letter.
    pub fn message(self) -> &'static str {
        match self {
            ErrorCode::MissingApiKey => "Missing API key.",
            ErrorCode::InvalidApiKey => "Invalid API key.",
            ErrorCode::IpNotWhitelisted => "IP address is not whitelisted for this API key.",
            ErrorCode::ServerNotFound => "Server not found.",
            ErrorCode::ActionNotAllowed => "Action not allowed for this server.",
            ErrorCode::ConsoleNotAvailable => "Console endpoint is not available for Budget VPS.",
        }
    }

    /// The kind this code belongs to.
    pub fn kind(self) -> ErrorKind {
        match self {
            ErrorCode::MissingApiKey | ErrorCode::InvalidApiKey | ErrorCode::IpNotWhitelisted => {
                ErrorKind::Auth
            }
            ErrorCode::ServerNotFound => ErrorKind::NotFound,
            ErrorCode::ActionNotAllowed | ErrorCode::ConsoleNotAvailable => ErrorKind::NotAllowed,
        }
    }

    /// The code whose message is exactly `message`.
    pub fn from_message(message: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.into_iter().find(|c| c.message() == message)
    }
}

/// Whether a failed request may have reached the server: decides whether a POST may be re-sent.
///
/// ```
/// use vpskit::RequestSent;
/// assert!(!RequestSent::No.may_have_arrived());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestSent {
    /// The request certainly did not leave (DNS failure, connection refused, TLS failure).
    No,
    /// The request may have reached the server (timeout, connection reset, truncated answer).
    Maybe,
}

impl RequestSent {
    /// Whether the server may have seen the request.
    pub fn may_have_arrived(self) -> bool {
        matches!(self, RequestSent::Maybe)
    }
}

/// A vpskit error: a kind, the HTTP status and the gateway's message where there was an answer.
///
/// Messages never contain the API key, a password, a console URL or a credential value.
///
/// ```
/// use vpskit::{Error, ErrorKind};
/// let err = Error::validation("service id must not be empty");
/// assert_eq!(err.kind(), ErrorKind::Validation);
/// assert_eq!(err.to_string(), "validation error: service id must not be empty");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
pub struct Error {
    kind: ErrorKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<ErrorCode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    retry_after_seconds: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_sent: Option<RequestSent>,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_id: Option<String>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            ErrorKind::Auth => "authentication error",
            ErrorKind::NotFound => "not found",
            ErrorKind::NotAllowed => "not allowed",
            ErrorKind::RateLimited => "rate limited",
            ErrorKind::Server => "server error",
            ErrorKind::Validation => "validation error",
            ErrorKind::Decode => "unexpected response",
            ErrorKind::Transport => "transport error",
            ErrorKind::Aborted => "aborted",
            ErrorKind::Internal => "internal error",
        };
        match self.status {
            Some(status) => write!(f, "{kind} (HTTP {status}): {}", self.message)?,
            None => write!(f, "{kind}: {}", self.message)?,
        }
        if let Some(seconds) = self.retry_after_seconds {
            write!(f, " (retry after {seconds}s)")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

impl Error {
    /// An error of any kind with a message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            code: None,
            status: None,
            message: message.into(),
            retry_after_seconds: None,
            request_sent: None,
            request_id: None,
        }
    }

    /// Bad input found before any request was sent.
    pub fn validation(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Validation, message)
    }

    /// A response that is not what vpskit expects.
    pub fn decode(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Decode, message)
    }

    /// A bug in vpskit caught at a binding's boundary (a Rust panic), described by `what`.
    ///
    /// ```
    /// let err = vpskit::Error::internal("parse_response panicked: index out of bounds");
    /// assert_eq!(err.kind(), vpskit::ErrorKind::Internal);
    /// ```
    pub fn internal(what: impl Into<String>) -> Self {
        Error::new(
            ErrorKind::Internal,
            format!(
                "internal error in vpskit ({}); this is a bug, please report it",
                what.into()
            ),
        )
    }

    /// A capability preflight refusal.
    pub fn not_allowed(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::NotAllowed, message)
    }

    /// A failure of the host's transport, saying whether the request may have reached the server.
    pub fn transport(message: impl Into<String>, sent: RequestSent) -> Self {
        let mut err = Error::new(ErrorKind::Transport, message);
        err.request_sent = Some(sent);
        err
    }

    /// An error answered by the API, with its HTTP status.
    pub fn api(kind: ErrorKind, status: u16, message: impl Into<String>) -> Self {
        let mut err = Error::new(kind, message);
        err.status = Some(status);
        err
    }

    /// The `X-Request-Id` of the answer this error came from, when the gateway sent one (quote
    /// it to support).
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Keeps the request id of the answer this error came from (a first one stays).
    pub(crate) fn with_request_id(mut self, id: Option<&str>) -> Self {
        if self.request_id.is_none() {
            self.request_id = id.map(str::to_string);
        }
        self
    }

    pub(crate) fn with_code(mut self, code: Option<ErrorCode>) -> Self {
        self.code = code;
        self
    }

    pub(crate) fn set_status(&mut self, status: u16) {
        self.status = Some(status);
    }

    /// The same error with a `Retry-After` wait in seconds (for hosts that rebuild an error).
    pub fn with_retry_after(mut self, seconds: Option<u64>) -> Self {
        self.retry_after_seconds = seconds;
        self
    }

    /// The kind to branch on.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The documented gateway error this is, if it is one.
    pub fn code(&self) -> Option<ErrorCode> {
        self.code
    }

    /// The HTTP status, when the error came from a response.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The gateway's message, or vpskit's description of what went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// How long the gateway asked the caller to wait (429 with `Retry-After`).
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after_seconds.map(Duration::from_secs)
    }

    /// For transport errors: whether the request may have reached the server.
    pub fn request_sent(&self) -> Option<RequestSent> {
        self.request_sent
    }
}

/// `text` cut to at most `max` characters, with an ellipsis when cut.
pub(crate) fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut out: String = text.chars().take(max).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    #[test]
    fn each_code_is_named_as_serde_names_it() {
        for code in ErrorCode::ALL {
            assert_eq!(
                serde_json::to_value(code).unwrap(),
                serde_json::Value::from(code.as_str())
            );
        }
    }
}
