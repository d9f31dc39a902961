//! The FaithServer Gateway's domain: its models, its product-specific requests and the product
//! matrix with the capability check. Its operations are rows of `call/table.rs`; the public
//! `vpskit::faithserver` module (lib.rs) shows both together.

mod capability;
mod models;
mod requests;

pub use capability::{check, is_gated, product_support, Rule, Support, Verdict};
pub use models::*;
pub use requests::{check_reset_password, ReinstallRequest, TrafficQuery};

use crate::error::Error;

/// A capability check as a `Result`: `Err(NotAllowed)` with the check's reason when refused.
///
/// ```
/// use vpskit::faithserver::{preflight, Action, Server};
/// let dedicated = Server::from_json(r#"{"id":"fsrv_220","product":"Flexible Dedicated Server",
///   "status":"active","allowed_actions":["status","reboot","wol"]}"#).unwrap();
/// assert!(preflight(&dedicated, &Action::Wol).is_ok());
/// let err = preflight(&dedicated, &Action::Stop).unwrap_err();
/// assert!(err.message().contains("no start/stop"));
/// ```
pub fn preflight(server: &Server, action: &Action) -> Result<(), Error> {
    let verdict = check(server, action);
    if verdict.allowed {
        Ok(())
    } else {
        Err(Error::not_allowed(verdict.reason()))
    }
}
