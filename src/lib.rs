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
//! Layout: [`faithserver`] (models, one function per endpoint, the product matrix and capability
//! checks), [`vpsorg`] (account, permissions, token expiry), [`Call`] (operations named by data,
//! the surface bindings drive), [`RetryPolicy`] and [`JobWaiter`] (sans-IO retries and job polling),
//! [`FaithServerClient`] / [`VpsOrgClient`] (blocking clients over a [`Transport`]).

#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod call;
mod client;
mod config;
mod error;
mod http;
mod jobs;
mod json;
mod json_input;
mod open_enum;
mod operation;
mod raw_json;
mod response;
mod result_json;
mod retry;
pub mod secret;
#[cfg(feature = "ureq")]
mod transport_ureq;
mod validate;

pub mod faithserver;
pub mod vpsorg;

pub use call::{
    Call, CredentialArgs, IdArgs, JobArgs, OperationVisitor, RawArgs, ReinstallArgs,
    ResetPasswordArgs, TrafficArgs, OPERATIONS,
};
pub use client::{FaithServerClient, Transport, VpsOrgClient};
pub use config::{
    Api, ApiKey, BaseUrl, Config, FAITHSERVER_BASE_URL, FAITHSERVER_KEY_ENV, VPSORG_BASE_URL,
    VPSORG_TOKEN_ENV,
};
pub use error::{Error, ErrorCode, ErrorKind, RequestSent};
pub use http::{HttpRequest, HttpResponse, Method, MAX_RESPONSE_BYTES};
pub use jobs::{JobPoll, JobWaiter};
pub use json::{JsonWriter, KeyCase, ToJson, SECRET_MARKER};
pub use operation::{DynOperation, FromResponse, Operation, RequestSpec};
pub use raw_json::{Extra, Json};
pub use result_json::ResultJson;
pub use retry::{splitmix64, Outcome, RetryDecision, RetryPolicy};
pub use secret::Secret;
#[cfg(feature = "ureq")]
pub use transport_ureq::UreqTransport;
pub use validate::{
    CredentialType, ImageId, JobId, Month, OsId, Password, Period, ServiceId, Username,
};

/// The version of vpskit, as sent in the `User-Agent`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
