//! vpskit for Kotlin and Swift, through uniffi (proc-macros, no UDL).
//!
//! Every request, parse, check and retry is the core's; this crate converts values to records
//! the generated code understands. Secrets (the key inside requests, console URLs, passwords,
//! credential values) travel as the `Secret` and `HttpRequest` objects, whose generated
//! `toString`/`description` cannot show them.

uniffi::setup_scaffolding!();

mod clients;
mod errors;
mod http;
mod models;
mod sansio;

pub use clients::{FaithServerClient, VpsOrgClient};
pub use errors::{TransportFailure, VpskitError};
pub use http::{HttpHeader, HttpRequest, HttpResponse, HttpTransport};
pub use models::*;
pub use sansio::*;
