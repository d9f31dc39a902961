//! The one error enum: Kotlin `VpskitException` (sealed), Swift `VpskitError`.

/// A vpskit error, one case per kind. `detail` is the gateway's message or vpskit's description
/// (named so it does not clash with Kotlin's `Throwable.message`); it never contains a secret.
#[derive(Debug, uniffi::Error)]
pub enum VpskitError {
    /// Missing, invalid or expired credentials, or a caller IP not on the whitelist.
    Auth {
        status: Option<u16>,
        code: Option<String>,
        request_id: Option<String>,
        detail: String,
    },
    /// The server or job does not exist for this key.
    NotFound {
        status: Option<u16>,
        code: Option<String>,
        request_id: Option<String>,
        detail: String,
    },
    /// The action is not allowed for this server (gateway answer or capability preflight).
    NotAllowed {
        status: Option<u16>,
        code: Option<String>,
        request_id: Option<String>,
        detail: String,
    },
    /// Too many requests; `retry_after_seconds` is the wait the gateway asked for.
    RateLimited {
        status: Option<u16>,
        retry_after_seconds: Option<u64>,
        request_id: Option<String>,
        detail: String,
    },
    /// The gateway or a proxy failed (5xx), or reported a failure vpskit does not recognise;
    /// `retry_after_seconds` when a 503 said when to come back.
    Server {
        status: Option<u16>,
        retry_after_seconds: Option<u64>,
        request_id: Option<String>,
        detail: String,
    },
    /// Bad input, found before any request was sent.
    Validation {
        status: Option<u16>,
        request_id: Option<String>,
        detail: String,
    },
    /// The response was not the JSON vpskit expects.
    Decode {
        status: Option<u16>,
        request_id: Option<String>,
        detail: String,
    },
    /// The host's transport failed; `request_sent` says whether the server may have seen it.
    Transport { request_sent: bool, detail: String },
    /// The caller cancelled the call; nothing more was sent.
    Aborted { detail: String },
    /// A bug in vpskit: the Rust core panicked and the binding caught it. Never retried.
    Internal { detail: String },
}

/// Runs core code and turns a Rust panic into [`VpskitError::Internal`], so a foreign caller
/// always gets a `VpskitException` (never uniffi's internal error, never an abort).
pub(crate) fn guard<T>(
    what: &str,
    run: impl FnOnce() -> Result<T, VpskitError>,
) -> Result<T, VpskitError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run))
        .unwrap_or_else(|_| Err(vpskit::Error::internal(format!("{what} panicked")).into()))
}

/// [`guard`] for a future: a panic while it is polled becomes `Internal`.
pub(crate) async fn guarded<T>(
    what: &str,
    future: impl std::future::Future<Output = Result<T, VpskitError>>,
) -> Result<T, VpskitError> {
    let mut future = std::pin::pin!(future);
    std::future::poll_fn(|cx| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| future.as_mut().poll(cx)))
            .unwrap_or_else(|_| {
                std::task::Poll::Ready(Err(
                    vpskit::Error::internal(format!("{what} panicked")).into()
                ))
            })
    })
    .await
}

impl std::fmt::Display for VpskitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (kind, detail) = match self {
            VpskitError::Auth { detail, .. } => ("auth", detail),
            VpskitError::NotFound { detail, .. } => ("not_found", detail),
            VpskitError::NotAllowed { detail, .. } => ("not_allowed", detail),
            VpskitError::RateLimited { detail, .. } => ("rate_limited", detail),
            VpskitError::Server { detail, .. } => ("server", detail),
            VpskitError::Validation { detail, .. } => ("validation", detail),
            VpskitError::Decode { detail, .. } => ("decode", detail),
            VpskitError::Transport { detail, .. } => ("transport", detail),
            VpskitError::Aborted { detail } => ("aborted", detail),
            VpskitError::Internal { detail } => ("internal", detail),
        };
        write!(f, "{kind}: {detail}")?;
        match self.request_id() {
            Some(id) => write!(f, " [request id {id}]"),
            None => Ok(()),
        }
    }
}

impl VpskitError {
    /// The gateway's `X-Request-Id` of the answer this error came from, if it sent one.
    fn request_id(&self) -> Option<&str> {
        match self {
            VpskitError::Auth { request_id, .. }
            | VpskitError::NotFound { request_id, .. }
            | VpskitError::NotAllowed { request_id, .. }
            | VpskitError::RateLimited { request_id, .. }
            | VpskitError::Server { request_id, .. }
            | VpskitError::Validation { request_id, .. }
            | VpskitError::Decode { request_id, .. } => request_id.as_deref(),
            VpskitError::Transport { .. }
            | VpskitError::Aborted { .. }
            | VpskitError::Internal { .. } => None,
        }
    }
}

impl From<vpskit::Error> for VpskitError {
    fn from(e: vpskit::Error) -> Self {
        let status = e.status();
        let code = e
            .code()
            .and_then(|c| serde_json::to_value(c).ok())
            .and_then(|v| v.as_str().map(str::to_string));
        let detail = e.message().to_string();
        let request_id = e.request_id().map(str::to_string);
        match e.kind() {
            vpskit::ErrorKind::Auth => VpskitError::Auth {
                status,
                code,
                request_id,
                detail,
            },
            vpskit::ErrorKind::NotFound => VpskitError::NotFound {
                status,
                code,
                request_id,
                detail,
            },
            vpskit::ErrorKind::NotAllowed => VpskitError::NotAllowed {
                status,
                code,
                request_id,
                detail,
            },
            vpskit::ErrorKind::RateLimited => VpskitError::RateLimited {
                status,
                retry_after_seconds: e.retry_after().map(|d| d.as_secs()),
                request_id,
                detail,
            },
            vpskit::ErrorKind::Server => VpskitError::Server {
                status,
                retry_after_seconds: e.retry_after().map(|d| d.as_secs()),
                request_id,
                detail,
            },
            vpskit::ErrorKind::Validation => VpskitError::Validation {
                status,
                request_id,
                detail,
            },
            vpskit::ErrorKind::Decode => VpskitError::Decode {
                status,
                request_id,
                detail,
            },
            vpskit::ErrorKind::Transport => VpskitError::Transport {
                request_sent: e
                    .request_sent()
                    .is_none_or(vpskit::RequestSent::may_have_arrived),
                detail,
            },
            vpskit::ErrorKind::Aborted => VpskitError::Aborted { detail },
            vpskit::ErrorKind::Internal => VpskitError::Internal { detail },
        }
    }
}

/// What a host transport raises when its HTTP fails. `request_sent` is false only when the
/// request certainly did not leave (connection refused, DNS failure).
#[derive(Debug, uniffi::Error)]
pub enum TransportFailure {
    /// The HTTP exchange failed.
    Failed { reason: String, request_sent: bool },
}

impl std::fmt::Display for TransportFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let TransportFailure::Failed { reason, .. } = self;
        f.write_str(reason)
    }
}

impl std::error::Error for TransportFailure {}

impl From<uniffi::UnexpectedUniFFICallbackError> for TransportFailure {
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> Self {
        TransportFailure::Failed {
            reason: format!("the transport raised an unexpected error: {}", e.reason),
            request_sent: true,
        }
    }
}

impl std::error::Error for VpskitError {}
