//! The VPS.org account API: `GET /account/me/`, permissions and token expiry.
//!
//! ```
//! use vpskit::{vpsorg, Config};
//! let request = vpsorg::get_account().request(&Config::vpsorg("vps_token")?)?;
//! assert_eq!(request.url, "https://admin.vps.org/api/v1/account/me/");
//! # Ok::<(), vpskit::Error>(())
//! ```

mod permission;
mod time;

pub use permission::{Permission, PermissionSet, DOCUMENTED};
pub use time::Timestamp;

use serde::{Deserialize, Serialize};

use crate::config::Api;
use crate::error::Error;
use crate::faithserver::RawResponse;
use crate::http::{HttpResponse, Method};
use crate::json::Extra;
use crate::model::deserialize_model;
use crate::operation::{from_body, FromResponse, Operation, RequestSpec};
use crate::result_json::{KeyCase, ResultJson};
use crate::shape::{model, ResultShape, Shape};
use crate::shape_reader::read_result;

/// The account a token belongs to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Account {
    /// The account's email address.
    pub email: String,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Company name.
    pub company_name: Option<String>,
    /// Creation date, `YYYY-MM-DD`.
    pub created_at: Option<String>,
    /// Fields vpskit does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The token used for the request: its name, permissions and life.
///
/// ```
/// use vpskit::vpsorg::{Timestamp, Token};
/// let token: Token = serde_json::from_str(r#"{"name":"ci","permissions":["*:*"],
///   "created_at":"2025-01-10T14:30:00Z","last_used_at":null,
///   "expires_at":"2025-01-15T00:00:00Z","is_expired":false}"#).unwrap();
/// let now = Timestamp::parse("2025-01-10T00:00:00Z")?;
/// assert!(token.expires_within(7, now)?);
/// assert!(token.permissions.allows("billing:list")?);
/// # Ok::<(), vpskit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Token {
    /// The token's name.
    pub name: String,
    /// What the token may do.
    pub permissions: PermissionSet,
    /// When it was created (ISO 8601).
    pub created_at: Option<String>,
    /// When it was last used (ISO 8601), if ever.
    pub last_used_at: Option<String>,
    /// When it expires (ISO 8601); `None` never expires.
    pub expires_at: Option<String>,
    /// Whether VPS.org considers it expired.
    pub is_expired: bool,
    /// Fields vpskit does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Token {
    /// The expiry as a timestamp; `None` when the token never expires.
    pub fn expiry(&self) -> Result<Option<Timestamp>, Error> {
        self.expires_at.as_deref().map(Timestamp::parse).transpose()
    }

    /// Whether the token has expired or expires within `days` days of `now`.
    pub fn expires_within(&self, days: u32, now: Timestamp) -> Result<bool, Error> {
        if self.is_expired {
            return Ok(true);
        }
        Ok(match self.expiry()? {
            None => false,
            Some(at) => at.unix_seconds() - now.unix_seconds() <= i64::from(days) * 86_400,
        })
    }

    /// Whole days left before expiry (negative once expired); `None` when it never expires.
    pub fn days_left(&self, now: Timestamp) -> Result<Option<i64>, Error> {
        Ok(self
            .expiry()?
            .map(|at| (at.unix_seconds() - now.unix_seconds()).div_euclid(86_400)))
    }
}

/// `GET /account/me/`: the account and the token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountInfo {
    /// The account.
    pub account: Account,
    /// The token used.
    pub token: Token,
}

deserialize_model!(Account {
    email: required = "email",
    first_name: optional = "first_name",
    last_name: optional = "last_name",
    company_name: optional = "company_name",
    created_at: optional = "created_at",
});
deserialize_model!(Token {
    name: required = "name",
    permissions: required = "permissions",
    created_at: optional = "created_at",
    last_used_at: optional = "last_used_at",
    expires_at: optional = "expires_at",
    is_expired: required = "is_expired",
});

impl FromResponse for AccountInfo {
    fn from_response(response: &HttpResponse) -> Result<Self, Error> {
        static SHAPE: ResultShape = ResultShape::Body(&ACCOUNT_INFO);
        from_body(response, &SHAPE)
    }

    fn json_from_response(response: &HttpResponse, case: KeyCase) -> Result<ResultJson, Error> {
        static SHAPE: ResultShape = ResultShape::Body(&ACCOUNT_INFO);
        read_result(response, &SHAPE, case)
    }
}

model! {
    /// The shape of [`Account`] (see [`crate::shape`]).
    static ACCOUNT = "a Account object", keep [] {
        "email": required Shape::Str,
        "first_name": optional Shape::Str,
        "last_name": optional Shape::Str,
        "company_name": optional Shape::Str,
        "created_at": optional Shape::Str,
    }
}

model! {
    /// The shape of [`Token`].
    static TOKEN = "a Token object", keep [] {
        "name": required Shape::Str,
        "permissions": required Shape::Permissions,
        "created_at": optional Shape::Str,
        "last_used_at": optional Shape::Str,
        "expires_at": optional Shape::Str,
        "is_expired": required Shape::Bool,
    }
}

model! {
    /// The shape of [`AccountInfo`] (a derived struct: an array of its members reads too).
    static ACCOUNT_INFO = "struct AccountInfo", ignore positional {
        "account": required Shape::Model(&ACCOUNT),
        "token": required Shape::Model(&TOKEN),
    }
}

/// `GET /account/me/` (the trailing slash is part of the path).
pub fn get_account() -> Operation<AccountInfo> {
    Operation::new(
        RequestSpec::new(Api::VpsOrg, "get_account", Method::Get)
            .fixed("account")
            .fixed("me")
            .trailing_slash(),
    )
}

/// Any method and path under the VPS.org base URL, for endpoints vpskit does not model.
///
/// ```
/// use vpskit::{vpsorg, Config, Method};
/// let op = vpsorg::raw(Method::Get, "/servers/", &[], None)?;
/// assert_eq!(op.request(&Config::vpsorg("t")?)?.url, "https://admin.vps.org/api/v1/servers/");
/// # Ok::<(), vpskit::Error>(())
/// ```
pub fn raw(
    method: Method,
    path: &str,
    query: &[(&str, &str)],
    body: Option<serde_json::Value>,
) -> Result<Operation<RawResponse>, Error> {
    crate::faithserver::ops_raw_for(Api::VpsOrg, method, path, query, body)
}
