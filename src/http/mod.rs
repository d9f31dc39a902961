//! Transport-neutral HTTP values: what the core asks a host to send, and what the host got back.

pub(crate) mod response;
pub(crate) mod result;

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::secret::{redacted_value, REDACTED};

/// The largest response body the core parses (16 MiB). Transports should stop reading past it;
/// a larger body is a [`crate::ErrorKind::Decode`] error.
pub const MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// An HTTP method.
///
/// ```
/// use vpskit::Method;
/// assert_eq!(Method::Post.as_str(), "POST");
/// assert!(Method::Get.is_idempotent());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
}

impl Method {
    /// The method as it goes on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Whether repeating the request cannot change the outcome (GET, PUT, DELETE).
    pub fn is_idempotent(self) -> bool {
        matches!(self, Method::Get | Method::Put | Method::Delete)
    }

    /// Parses a method name, case-insensitively.
    pub fn parse(name: &str) -> Result<Method, crate::error::Error> {
        match name.to_ascii_uppercase().as_str() {
            "GET" => Ok(Method::Get),
            "POST" => Ok(Method::Post),
            "PUT" => Ok(Method::Put),
            "PATCH" => Ok(Method::Patch),
            "DELETE" => Ok(Method::Delete),
            _ => Err(crate::error::Error::validation(format!(
                "unsupported HTTP method {:?}: expected GET, POST, PUT, PATCH or DELETE",
                crate::error::clip(name, 16)
            ))),
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A request for the host's transport to send, exactly as built by an operation.
///
/// `Debug` never shows the `Authorization` value, and shows a JSON body with its sensitive
/// fields redacted.
///
/// ```
/// use vpskit::{faithserver, Config, ServiceId};
/// let config = Config::faithserver("fs_live_example")?;
/// let request = faithserver::reboot(&ServiceId::parse("fsrv_111")?).request(&config)?;
/// assert_eq!(request.url, "https://api.faithserver.com/api/v1/servers/fsrv_111/reboot");
/// assert_eq!(request.header("authorization"), Some("Bearer fs_live_example"));
/// assert!(!format!("{request:?}").contains("fs_live_example"));
/// # Ok::<(), vpskit::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The full URL, query included.
    pub url: String,
    /// Headers in the order they should be sent: `(name, value)`, each borrowed when it is
    /// fixed text (`Accept: application/json`) and owned otherwise (the key, the user agent), so
    /// a request costs no allocation for what never changes.
    pub headers: Vec<(Cow<'static, str>, Cow<'static, str>)>,
    /// The body, if any (JSON when present).
    pub body: Option<Vec<u8>>,
    /// Whether the operation is safe to send again after it may have reached the server.
    pub idempotent: bool,
}

impl HttpRequest {
    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// The body as UTF-8 text, if there is a body and it is text.
    pub fn body_text(&self) -> Option<&str> {
        self.body
            .as_deref()
            .and_then(|b| std::str::from_utf8(b).ok())
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, String)> = self
            .headers
            .iter()
            .map(|(k, v)| (k.as_ref(), redact_header(k, v)))
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &BodyPreview(self.body.as_deref()))
            .field("idempotent", &self.idempotent)
            .finish()
    }
}

/// What the host's transport received.
///
/// ```
/// use vpskit::HttpResponse;
/// let response = HttpResponse::new(429, vec![("Retry-After".into(), "3".into())], b"{}".to_vec());
/// assert_eq!(response.header("retry-after"), Some("3"));
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpResponse {
    /// The HTTP status code.
    pub status: u16,
    /// The response headers.
    pub headers: Vec<(String, String)>,
    /// The raw body.
    pub body: Vec<u8>,
}

/// The rate-limit state a response reports: the requests allowed per window, those left, and
/// the seconds until the window resets (each as the gateway sent it, when it did).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct RateLimit {
    /// Requests allowed per window.
    pub limit: Option<u64>,
    /// Requests left in this window.
    pub remaining: Option<u64>,
    /// Seconds until the window resets.
    pub reset_seconds: Option<u64>,
}

impl HttpResponse {
    /// The error this response stands for, if any (an error status, `success: false`, a body
    /// that is not JSON or over the size limit), judged without reading its result: what a host
    /// that reads the result itself hands to a [`crate::flow::Flow`].
    ///
    /// ```
    /// use vpskit::HttpResponse;
    /// assert!(HttpResponse::new(200, vec![], br#"{"success":true,"data":[]}"#.to_vec()).judge().is_ok());
    /// let refused = HttpResponse::new(200, vec![], br#"{"success":false,"message":"Server not found."}"#.to_vec());
    /// assert_eq!(refused.judge().unwrap_err().kind(), vpskit::ErrorKind::NotFound);
    /// ```
    pub fn judge(&self) -> Result<(), crate::error::Error> {
        response::judge(self)
    }

    /// The gateway's id of this exchange (`X-Request-Id`), to quote to support.
    pub fn request_id(&self) -> Option<&str> {
        self.header("x-request-id").filter(|id| !id.is_empty())
    }

    /// The rate-limit state this response reports (`RateLimit-*` or `X-RateLimit-*` headers),
    /// if it reports one.
    ///
    /// ```
    /// use vpskit::{HttpResponse, RateLimit};
    /// let headers = vec![("X-RateLimit-Limit".into(), "600".into()), ("X-RateLimit-Remaining".into(), "12".into())];
    /// let state = HttpResponse::new(200, headers, vec![]).rate_limit();
    /// assert_eq!(state, Some(RateLimit { limit: Some(600), remaining: Some(12), reset_seconds: None }));
    /// ```
    pub fn rate_limit(&self) -> Option<RateLimit> {
        let read = |names: [&str; 2]| {
            names
                .iter()
                .find_map(|name| self.header(name))
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
        let state = RateLimit {
            limit: read(["ratelimit-limit", "x-ratelimit-limit"]),
            remaining: read(["ratelimit-remaining", "x-ratelimit-remaining"]),
            reset_seconds: read(["ratelimit-reset", "x-ratelimit-reset"]),
        };
        (state != RateLimit::default()).then_some(state)
    }

    /// Builds a response.
    pub fn new(status: u16, headers: Vec<(String, String)>, body: Vec<u8>) -> Self {
        HttpResponse {
            status,
            headers,
            body,
        }
    }

    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// The `Content-Type` header without parameters, lower-cased (`application/json`).
    pub fn content_type(&self) -> Option<String> {
        self.header("content-type").map(|v| {
            v.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
    }

    /// `Retry-After` in whole seconds, when it is given as a number of seconds.
    pub fn retry_after_seconds(&self) -> Option<u64> {
        self.header("retry-after")
            .and_then(|v| v.trim().parse::<u64>().ok())
    }
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, String)> = self
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), redact_header(k, v)))
            .collect();
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &headers)
            .field("body", &BodyPreview(Some(&self.body)))
            .finish()
    }
}

fn find_header<'a, K: AsRef<str>, V: AsRef<str>>(
    headers: &'a [(K, V)],
    name: &str,
) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.as_ref().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_ref())
}

fn redact_header(name: &str, value: &str) -> String {
    let lower = name.to_ascii_lowercase();
    if lower == "authorization" {
        match value.split_once(' ') {
            Some((scheme, _)) => format!("{scheme} {REDACTED}"),
            None => REDACTED.to_string(),
        }
    } else if lower == "cookie" || lower == "set-cookie" || crate::secret::is_sensitive_key(&lower)
    {
        REDACTED.to_string()
    } else {
        value.to_string()
    }
}

/// Shows a body as JSON with its sensitive fields redacted, or as a byte count.
struct BodyPreview<'a>(Option<&'a [u8]>);

impl fmt::Debug for BodyPreview<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            None => f.write_str("None"),
            Some(bytes) => match std::str::from_utf8(bytes)
                .ok()
                .and_then(|text| serde_json::from_str::<serde_json::Value>(text).ok())
            {
                Some(value) => write!(f, "{}", redacted_value(&value)),
                None => write!(f, "<{} bytes>", bytes.len()),
            },
        }
    }
}
