//! A ready blocking transport on `ureq` (feature `ureq`).

use std::io::Read;
use std::time::Duration;

use crate::client::Transport;
use crate::error::{Error, RequestSent};
use crate::http::{HttpRequest, HttpResponse, MAX_RESPONSE_BYTES};

/// Sends requests with `ureq`. Redirects are not followed (so the `Authorization` header never
/// travels to another host); bodies are read up to [`MAX_RESPONSE_BYTES`] plus one byte.
///
/// ```no_run
/// let transport = vpskit::UreqTransport::with_timeout(std::time::Duration::from_secs(10));
/// # let _ = transport;
/// ```
#[derive(Clone)]
pub struct UreqTransport {
    agent: ureq::Agent,
}

impl std::fmt::Debug for UreqTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UreqTransport")
    }
}

impl Default for UreqTransport {
    fn default() -> Self {
        UreqTransport::new()
    }
}

impl UreqTransport {
    /// A transport with a 30-second timeout.
    pub fn new() -> Self {
        UreqTransport::with_timeout(Duration::from_secs(30))
    }

    /// A transport whose whole request may take at most `timeout`.
    pub fn with_timeout(timeout: Duration) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .into();
        UreqTransport { agent }
    }
}

fn map_error(error: ureq::Error) -> Error {
    use ureq::Error as E;
    let sent = match &error {
        E::HostNotFound | E::ConnectionFailed | E::BadUri(_) | E::InvalidProxyUrl => {
            RequestSent::No
        }
        E::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => RequestSent::No,
        _ => RequestSent::Maybe,
    };
    let message = match &error {
        E::Timeout(_) => "the request timed out".to_string(),
        other => other.to_string(),
    };
    Error::transport(crate::http::response::scrub(&message), sent)
}

impl Transport for UreqTransport {
    fn send(&self, request: &HttpRequest) -> Result<HttpResponse, Error> {
        let mut builder = ureq::http::Request::builder()
            .method(request.method.as_str())
            .uri(request.url.as_str());
        for (name, value) in &request.headers {
            builder = builder.header(name.as_ref(), value.as_ref());
        }
        let body = request.body.clone().unwrap_or_default();
        let http_request = builder.body(body).map_err(|e| {
            Error::transport(format!("could not build the request: {e}"), RequestSent::No)
        })?;
        let mut response = self.agent.run(http_request).map_err(map_error)?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let mut body = Vec::new();
        response
            .body_mut()
            .as_reader()
            .take(MAX_RESPONSE_BYTES as u64 + 1)
            .read_to_end(&mut body)
            .map_err(|e| {
                Error::transport(
                    format!("reading the response body failed: {e}"),
                    RequestSent::Maybe,
                )
            })?;
        Ok(HttpResponse::new(status, headers, body))
    }
}
