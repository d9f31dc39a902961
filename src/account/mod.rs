//! The VPS.org account API's domain: the account and token models, permissions and token expiry.
//! Its operation is a row of `call/table.rs`; the public `vpskit::vpsorg` module (lib.rs) shows
//! both together.

mod permission;
mod time;

pub use permission::{Permission, PermissionSet, DOCUMENTED};
pub use time::Timestamp;

use crate::error::Error;
use crate::http::response::read_body;
use crate::http::response::FromResponse;
use crate::http::HttpResponse;
use crate::model::model;

model! {
    /// The account a token belongs to.
    ///
    /// ```
    /// let a = vpskit::vpsorg::Account::from_json(r#"{"email":"john@example.com","first_name":"John"}"#)?;
    /// assert_eq!(a.first_name.as_deref(), Some("John"));
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    pub struct Account: "an account object" {
        /// The account's email address.
        pub email: String = "email",
        /// First name.
        pub first_name: Option<String> = "first_name",
        /// Last name.
        pub last_name: Option<String> = "last_name",
        /// Company name.
        pub company_name: Option<String> = "company_name",
        /// Creation date, `YYYY-MM-DD`.
        pub created_at: Option<String> = "created_at",
    }
    keep extra
}

model! {
    /// The token used for the request: its name, permissions and life.
    ///
    /// ```
    /// use vpskit::vpsorg::{Timestamp, Token};
    /// let token = Token::from_json(r#"{"name":"ci","permissions":["*:*"],
    ///   "created_at":"2025-01-10T14:30:00Z","last_used_at":null,
    ///   "expires_at":"2025-01-15T00:00:00Z","is_expired":false}"#)?;
    /// let now = Timestamp::parse("2025-01-10T00:00:00Z")?;
    /// assert!(token.expires_within(7, now)?);
    /// assert!(token.permissions.allows("billing:list")?);
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    pub struct Token: "a token object" {
        /// The token's name.
        pub name: String = "name",
        /// What the token may do.
        pub permissions: PermissionSet = "permissions",
        /// When it was created (ISO 8601).
        pub created_at: Option<String> = "created_at",
        /// When it was last used (ISO 8601), if ever.
        pub last_used_at: Option<String> = "last_used_at",
        /// When it expires (ISO 8601); `None` never expires.
        pub expires_at: Option<String> = "expires_at",
        /// Whether VPS.org considers it expired.
        pub is_expired: bool = "is_expired",
    }
    keep extra
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

model! {
    /// `GET /account/me/`: the account and the token.
    ///
    /// ```
    /// let info = vpskit::vpsorg::AccountInfo::from_json(r#"{"account":{"email":"a@example.com"},
    ///   "token":{"name":"ci","permissions":[],"is_expired":false}}"#)?;
    /// assert_eq!(info.token.name, "ci");
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    pub struct AccountInfo: "an account and token object" {
        /// The account.
        pub account: Account = "account",
        /// The token used.
        pub token: Token = "token",
    }
}

impl FromResponse for AccountInfo {
    fn from_response(response: &HttpResponse) -> Result<Self, Error> {
        read_body(response)
    }
}
