//! The FaithServer Gateway API: models, one operation per endpoint, and capability checks.
//!
//! ```
//! use vpskit::faithserver::{self, Action, Server};
//! use vpskit::{Config, ServiceId};
//! let config = Config::faithserver("fs_live_example")?;
//! let id = ServiceId::parse("fsrv_111")?;
//! let request = faithserver::get_console(&id).request(&config)?;
//! assert_eq!(request.url, "https://api.faithserver.com/api/v1/servers/fsrv_111/console");
//! # Ok::<(), vpskit::Error>(())
//! ```

mod capability;
mod models;
mod ops;
mod requests;

pub use crate::call::faithserver_operations::*;
pub use capability::{check, is_gated, product_support, Rule, Support, Verdict};
pub use models::*;
pub use ops::raw;
pub(crate) use ops::raw_for;
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
