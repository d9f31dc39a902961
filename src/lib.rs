//! # vpskit
//!
//! The sans-IO core of vpskit, the SDK for the **FaithServer Gateway API** and the **VPS.org
//! account API**. Every endpoint is an [`Operation`]: it builds an [`HttpRequest`] and parses an
//! [`HttpResponse`] into a typed result or an [`Error`]. The core never touches a socket, a clock
//! or a thread; hosts (and the blocking [`FaithServerClient`]) bring the HTTP.
//!
//! ```
//! use vpskit::{faithserver, Config, HttpResponse, ServiceId};
//!
//! let config = Config::faithserver("fs_live_example")?;
//! let op = faithserver::reboot(&ServiceId::parse("fsrv_158")?);
//! let request = op.request(&config)?;
//! assert_eq!(request.method.as_str(), "POST");
//! assert_eq!(request.url, "https://api.faithserver.com/api/v1/servers/fsrv_158/reboot");
//!
//! // … the host sends `request` and gets back:
//! let response = HttpResponse::new(404, vec![], br#"{"success":false,"message":"Server not found."}"#.to_vec());
//! let err = op.parse(&response).unwrap_err();
//! assert_eq!(err.kind(), vpskit::ErrorKind::NotFound);
//! assert_eq!(err.message(), "Server not found.");
//! # Ok::<(), vpskit::Error>(())
//! ```
//!
//! Layout (ARCHITECTURE.md walks it): [`faithserver`] (models, one function per endpoint, the
//! product matrix and capability checks), [`vpsorg`] (account, permissions, token expiry), [`Call`]
//! (operations named by data, the surface bindings drive), [`RetryPolicy`] and [`JobWaiter`]
//! (sans-IO retries and job polling), [`FaithServerClient`] / [`VpsOrgClient`] (blocking clients
//! over a [`Transport`]).

#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod account;
mod call;
mod client;
mod config;
mod error;
pub mod flow;
mod gateway;
mod http;
mod input;
mod model;
mod operation;
pub mod schema;
pub mod secret;
mod validate;

/// The FaithServer Gateway API: models, one operation per endpoint, and capability checks.
///
/// ```
/// use vpskit::faithserver::{self, Action, Server};
/// use vpskit::{Config, ServiceId};
/// let config = Config::faithserver("fs_live_example")?;
/// let id = ServiceId::parse("fsrv_111")?;
/// let request = faithserver::get_console(&id).request(&config)?;
/// assert_eq!(request.url, "https://api.faithserver.com/api/v1/servers/fsrv_111/console");
/// # Ok::<(), vpskit::Error>(())
/// ```
pub mod faithserver {
    pub use crate::call::faithserver_operations::*;
    pub use crate::call::raw_faithserver as raw;
    pub use crate::gateway::*;
}

/// The VPS.org account API: `GET /account/me/`, permissions and token expiry.
///
/// ```
/// use vpskit::{vpsorg, Config};
/// let request = vpsorg::get_account().request(&Config::vpsorg("vps_token")?)?;
/// assert_eq!(request.url, "https://admin.vps.org/api/v1/account/me/");
/// # Ok::<(), vpskit::Error>(())
/// ```
pub mod vpsorg {
    pub use crate::account::*;
    pub use crate::call::raw_vpsorg as raw;
    pub use crate::call::vpsorg_operations::*;
}

pub use call::{
    Call, CredentialArgs, IdArgs, JobArgs, OperationVisitor, RawArgs, ReinstallArgs,
    ResetPasswordArgs, TrafficArgs, OPERATIONS,
};
#[cfg(feature = "ureq")]
pub use client::ureq::UreqTransport;
pub use client::{
    check_bulk, AsyncClient, AsyncTransport, BoxFuture, BulkOutcome, EventListener,
    FaithServerClient, Limits, Transport, VpsOrgClient, MAX_BULK_CONCURRENCY,
};
pub use config::{
    Api, ApiKey, BaseUrl, Config, FAITHSERVER_BASE_URL, FAITHSERVER_KEY_ENV, VERSION,
    VPSORG_BASE_URL, VPSORG_TOKEN_ENV,
};
pub use error::{Error, ErrorCode, ErrorKind, RequestSent};
pub use flow::jobs::{JobPoll, JobWaiter};
pub use flow::retry::{splitmix64, Outcome, RetryDecision, RetryPolicy};
pub use http::response::FromResponse;
pub use http::result::ResultJson;
pub use http::{HttpRequest, HttpResponse, Method, RateLimit, MAX_RESPONSE_BYTES};
pub use model::raw::{Extra, Json};
pub use operation::{Operation, RequestSpec};
pub use secret::Secret;
pub use vpskit_json::{JsonWriter, KeyCase, ToJson, SECRET_MARKER};

pub use validate::{
    CredentialType, ImageId, JobId, Month, OsId, Password, Period, ServiceId, Username,
};
