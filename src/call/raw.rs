//! The raw escape hatch: any method and path under the base URL. Every other operation is a row
//! of the table in `call/table.rs`.

use crate::config::Api;
use crate::error::Error;
use crate::gateway::RawResponse;
use crate::http::Method;
use crate::operation::{Operation, RequestSpec};
use crate::validate::ServiceId;

/// Any method and path under the FaithServer base URL (`vpskit::faithserver::raw`), with the same auth, validation and error mapping:
/// for endpoints the gateway adds before vpskit models them.
///
/// The path is split on `/` and each segment is checked and percent-encoded like an id, so a
/// path can never leave the base URL.
///
/// ```
/// use vpskit::{faithserver::raw, Config, Method};
/// let op = raw(Method::Get, "/servers/fsrv_111/snapshots", &[("page", "2")], None)?;
/// let request = op.request(&Config::faithserver("fs_live_x")?)?;
/// assert_eq!(request.url, "https://api.faithserver.com/api/v1/servers/fsrv_111/snapshots?page=2");
/// assert!(raw(Method::Get, "/servers/../logs", &[], None).is_err());
/// # Ok::<(), vpskit::Error>(())
/// ```
pub fn raw_faithserver(
    method: Method,
    path: &str,
    query: &[(&str, &str)],
    body: Option<serde_json::Value>,
) -> Result<Operation<RawResponse>, Error> {
    raw_for(Api::FaithServer, method, path, query, body)
}

/// Any method and path under the VPS.org base URL (`vpskit::vpsorg::raw`), for endpoints vpskit
/// does not model.
///
/// ```
/// use vpskit::{vpsorg, Config, Method};
/// let op = vpsorg::raw(Method::Get, "/servers/", &[], None)?;
/// assert_eq!(op.request(&Config::vpsorg("t")?)?.url, "https://admin.vps.org/api/v1/servers/");
/// # Ok::<(), vpskit::Error>(())
/// ```
pub fn raw_vpsorg(
    method: Method,
    path: &str,
    query: &[(&str, &str)],
    body: Option<serde_json::Value>,
) -> Result<Operation<RawResponse>, Error> {
    raw_for(Api::VpsOrg, method, path, query, body)
}

/// The raw operation to `api`.
pub(crate) fn raw_for(
    api: Api,
    method: Method,
    path: &str,
    query: &[(&str, &str)],
    body: Option<serde_json::Value>,
) -> Result<Operation<RawResponse>, Error> {
    let mut spec = RequestSpec::new(api, "raw", method);
    let trimmed = path.strip_prefix('/').ok_or_else(|| {
        Error::validation(format!(
            "raw path {:?} must start with '/' (it is relative to the base URL)",
            crate::error::clip(path, 60)
        ))
    })?;
    let (inner, trailing) = match trimmed.strip_suffix('/') {
        Some(inner) => (inner, true),
        None => (trimmed, false),
    };
    if !inner.is_empty() {
        for segment in inner.split('/') {
            let checked = ServiceId::parse(segment).map_err(|e| {
                Error::validation(format!(
                    "raw path segment: {}",
                    e.message().replacen("service id", "segment", 1)
                ))
            })?;
            spec = spec.param(checked.as_str());
        }
    }
    if trailing {
        spec = spec.trailing_slash();
    }
    for (name, value) in query {
        if name.is_empty() {
            return Err(Error::validation(
                "raw query parameter names must not be empty",
            ));
        }
        if ["api_key", "apikey", "key", "token", "access_token"]
            .contains(&name.to_ascii_lowercase().as_str())
        {
            return Err(Error::validation(format!(
                "raw query parameter {name:?} looks like a credential: the key travels only in the Authorization header"
            )));
        }
        spec = spec.query(name, value);
    }
    if let Some(body) = body {
        if method == Method::Get {
            return Err(Error::validation("a GET request cannot carry a body"));
        }
        spec = spec.body(body);
    }
    Ok(Operation::new(spec))
}
