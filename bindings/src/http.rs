//! HTTP values across the boundary, and the transport each app brings.

use std::sync::Arc;
use std::time::{Duration, Instant};

use vpskit::BoxFuture;

use crate::errors::TransportFailure;

/// A request built by the core. An object, not a record: its generated `toString` cannot show
/// the `Authorization` header, which carries the key.
#[derive(uniffi::Object)]
#[uniffi::export(Display)]
pub struct HttpRequest {
    pub(crate) inner: vpskit::HttpRequest,
}

impl std::fmt::Display for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.inner)
    }
}

/// One header.
#[derive(Debug, Clone, uniffi::Record)]
pub struct HttpHeader {
    pub name: String,
    pub value: String,
}

#[uniffi::export]
impl HttpRequest {
    /// `GET`, `POST`, …
    pub fn method(&self) -> String {
        self.inner.method.as_str().to_string()
    }

    /// The full URL.
    pub fn url(&self) -> String {
        self.inner.url.clone()
    }

    /// The headers to send (the `Authorization` value is the key).
    pub fn headers(&self) -> Vec<HttpHeader> {
        self.inner
            .headers
            .iter()
            .map(|(name, value)| HttpHeader {
                name: name.to_string(),
                value: value.to_string(),
            })
            .collect()
    }

    /// The JSON body, if any.
    pub fn body(&self) -> Option<Vec<u8>> {
        self.inner.body.clone()
    }

    /// Whether the request may be sent again after it may have reached the server.
    pub fn idempotent(&self) -> bool {
        self.inner.idempotent
    }
}

/// What the transport received.
#[derive(Debug, Clone, uniffi::Record)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<HttpHeader>,
    pub body: Vec<u8>,
}

impl From<HttpResponse> for vpskit::HttpResponse {
    fn from(r: HttpResponse) -> Self {
        vpskit::HttpResponse::new(
            r.status,
            r.headers.into_iter().map(|h| (h.name, h.value)).collect(),
            r.body,
        )
    }
}

/// The app's HTTP stack and timer, both suspending (Kotlin) or `async` (Swift). Cancelling the
/// call that awaits `send` cancels the request in flight; cancelling one in `sleep` ends the
/// wait. It must not follow redirects to another host with the `Authorization` header, and
/// should stop reading a body past 16 MiB.
#[uniffi::export(with_foreign)]
#[async_trait::async_trait]
pub trait HttpTransport: Send + Sync {
    /// Sends the request and returns whatever came back, any status.
    async fn send(&self, request: Arc<HttpRequest>) -> Result<HttpResponse, TransportFailure>;
    /// Waits `ms` milliseconds (before a retry, a job poll or the throttle's turn).
    async fn sleep(&self, ms: u64);
}

/// The core's `AsyncTransport` over a foreign `HttpTransport`, on the process's clock.
pub(crate) struct ForeignTransport {
    inner: Arc<dyn HttpTransport>,
    origin: Instant,
}

impl ForeignTransport {
    pub(crate) fn new(inner: Arc<dyn HttpTransport>) -> ForeignTransport {
        ForeignTransport {
            inner,
            origin: Instant::now(),
        }
    }
}

impl vpskit::AsyncTransport for ForeignTransport {
    fn send<'a>(
        &'a self,
        request: &'a vpskit::HttpRequest,
    ) -> BoxFuture<'a, Result<vpskit::HttpResponse, vpskit::Error>> {
        let wrapped = Arc::new(HttpRequest {
            inner: request.clone(),
        });
        Box::pin(async move {
            match self.inner.send(wrapped).await {
                Ok(response) => Ok(response.into()),
                Err(TransportFailure::Failed {
                    reason,
                    request_sent,
                }) => Err(vpskit::Error::transport(
                    reason,
                    if request_sent {
                        vpskit::RequestSent::Maybe
                    } else {
                        vpskit::RequestSent::No
                    },
                )),
            }
        })
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'_, ()> {
        self.inner.sleep(duration.as_millis() as u64)
    }

    fn now_ms(&self) -> u64 {
        self.origin.elapsed().as_millis() as u64
    }
}
