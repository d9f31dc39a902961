//! Validated inputs: every value that becomes part of a URL or a body is checked here first.
//!
//! Path parameters are checked (non-empty, bounded, no control characters, not `.` or `..`) and
//! later percent-encoded as whole segments, so `../logs`, `a/b` or `%2e%2e` can never change the
//! path a request goes to.

use std::fmt;

use serde::Serialize;

use crate::error::{clip, Error};
use crate::secret::Secret;

const MAX_ID_CHARS: usize = 128;
const MAX_TEXT_CHARS: usize = 256;
const MAX_PASSWORD_CHARS: usize = 1024;

/// Checks a value that will become one URL path segment.
fn check_segment(what: &str, value: &str, max: usize) -> Result<(), Error> {
    if value.is_empty() {
        return Err(Error::validation(format!("{what} must not be empty")));
    }
    let chars = value.chars().count();
    if chars > max {
        return Err(Error::validation(format!(
            "{what} is {chars} characters long; at most {max} are allowed"
        )));
    }
    if let Some(c) = value.chars().find(|c| c.is_control()) {
        return Err(Error::validation(format!(
            "{what} {:?} contains the control character U+{:04X}",
            clip(&value.replace(|c: char| c.is_control(), "?"), 40),
            c as u32
        )));
    }
    if value.chars().all(char::is_whitespace) {
        return Err(Error::validation(format!("{what} must not be blank")));
    }
    if value == "." || value == ".." {
        return Err(Error::validation(format!(
            "{what} {value:?} is not allowed: it would change the request path"
        )));
    }
    Ok(())
}

macro_rules! path_param {
    ($(#[$doc:meta])* $name:ident, $what:literal, $max:expr) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Checks and wraps the value.
            pub fn parse(value: impl AsRef<str>) -> Result<Self, Error> {
                let value = value.as_ref();
                check_segment($what, value, $max)?;
                Ok($name(value.to_string()))
            }

            /// The value as given.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = Error;
            fn try_from(value: &str) -> Result<Self, Error> {
                $name::parse(value)
            }
        }
    };
}

path_param!(
    /// A public FaithServer Service ID such as `fsrv_111`.
    ///
    /// ```
    /// use vpskit::ServiceId;
    /// assert_eq!(ServiceId::parse("fsrv_111")?.as_str(), "fsrv_111");
    /// assert!(ServiceId::parse("").is_err());
    /// assert!(ServiceId::parse("..").is_err());
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    ServiceId,
    "service id",
    MAX_ID_CHARS
);

path_param!(
    /// A job id from `/jobs`.
    ///
    /// ```
    /// use vpskit::JobId;
    /// assert!(JobId::parse("job_42").is_ok());
    /// assert!(JobId::parse("a\nb").is_err());
    /// ```
    JobId,
    "job id",
    MAX_ID_CHARS
);

path_param!(
    /// A credential type, as listed by `/credentials` (for example `ssh` or `panel`).
    ///
    /// ```
    /// assert!(vpskit::CredentialType::parse("ssh").is_ok());
    /// ```
    CredentialType,
    "credential type",
    MAX_TEXT_CHARS
);

path_param!(
    /// A credential username, as listed by `/credentials` (for example `root`).
    ///
    /// ```
    /// assert!(vpskit::Username::parse("root").is_ok());
    /// ```
    Username,
    "username",
    MAX_TEXT_CHARS
);

/// A password to send (reinstall, custom reset): non-empty, no control characters.
///
/// ```
/// use vpskit::Password;
/// let p = Password::parse("PasswordKuat123!")?;
/// assert_eq!(format!("{p:?}"), "Password([redacted])");
/// assert!(Password::parse("").is_err());
/// # Ok::<(), vpskit::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Password(Secret<String>);

impl Password {
    /// Checks and wraps a password. The error never repeats the password.
    pub fn parse(value: impl Into<String>) -> Result<Self, Error> {
        let value = value.into();
        if value.is_empty() {
            return Err(Error::validation("password must not be empty"));
        }
        if value.chars().count() > MAX_PASSWORD_CHARS {
            return Err(Error::validation(format!(
                "password is longer than {MAX_PASSWORD_CHARS} characters"
            )));
        }
        if value.chars().any(char::is_control) {
            return Err(Error::validation(
                "password contains a control character (CR, LF, NUL, tab or similar)",
            ));
        }
        Ok(Password(Secret::new(value)))
    }

    /// The password itself.
    pub fn expose(&self) -> &str {
        self.0.expose()
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password([redacted])")
    }
}

/// A Premium VPS image id from `/images`, such as `UBUNTU_24_04_64BIT`.
///
/// ```
/// assert!(vpskit::ImageId::parse("UBUNTU_24_04_64BIT").is_ok());
/// assert!(vpskit::ImageId::parse(" ").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct ImageId(String);

impl ImageId {
    /// Checks and wraps an image id.
    pub fn parse(value: impl AsRef<str>) -> Result<Self, Error> {
        let value = value.as_ref();
        check_segment("image id", value, MAX_TEXT_CHARS)?;
        Ok(ImageId(value.to_string()))
    }

    /// The id as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A Budget VPS OS template id from `/images`: a number, sent as a string (`"1109"`).
///
/// ```
/// assert_eq!(vpskit::OsId::parse("1109")?.as_str(), "1109");
/// assert!(vpskit::OsId::parse("ubuntu").is_err());
/// # Ok::<(), vpskit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct OsId(String);

impl OsId {
    /// Checks that the id is all ASCII digits (at most 20) and wraps it.
    pub fn parse(value: impl AsRef<str>) -> Result<Self, Error> {
        let value = value.as_ref();
        if value.is_empty() {
            return Err(Error::validation("OS id must not be empty"));
        }
        if value.len() > 20 || !value.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::validation(format!(
                "OS id {:?} must be the numeric id of an OS template from list_images (for example \"1109\")",
                clip(value, 40)
            )));
        }
        Ok(OsId(value.to_string()))
    }

    /// The id as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A Budget VPS traffic month, `YYYYMM` (for example `202605`).
///
/// ```
/// use vpskit::Month;
/// assert_eq!(Month::parse("202605")?.to_string(), "202605");
/// assert!(Month::parse("202613").is_err());
/// assert!(Month::parse("2026-05").is_err());
/// # Ok::<(), vpskit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Month {
    year: u16,
    month: u8,
}

impl Month {
    /// Parses `YYYYMM` with a month from 01 to 12 and a year from 2000 to 2999.
    pub fn parse(value: impl AsRef<str>) -> Result<Self, Error> {
        let value = value.as_ref();
        let bad = || {
            Error::validation(format!(
                "month {:?} must be YYYYMM with a real month, for example \"202605\"",
                clip(value, 20)
            ))
        };
        if value.len() != 6 || !value.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: u16 = value
            .get(0..4)
            .and_then(|s| s.parse().ok())
            .ok_or_else(bad)?;
        let month: u8 = value
            .get(4..6)
            .and_then(|s| s.parse().ok())
            .ok_or_else(bad)?;
        if !(2000..=2999).contains(&year) || !(1..=12).contains(&month) {
            return Err(bad());
        }
        Ok(Month { year, month })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}{:02}", self.year, self.month)
    }
}

/// A Premium VPS traffic period, such as `month`: letters, digits, `_` or `-`, at most 32.
///
/// ```
/// assert!(vpskit::Period::parse("month").is_ok());
/// assert!(vpskit::Period::parse("month&x=1").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Period(String);

impl Period {
    /// Checks and wraps a period.
    pub fn parse(value: impl AsRef<str>) -> Result<Self, Error> {
        let value = value.as_ref();
        let ok = !value.is_empty()
            && value.len() <= 32
            && value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if ok {
            Ok(Period(value.to_string()))
        } else {
            Err(Error::validation(format!(
                "period {:?} must be a word such as \"month\" (letters, digits, _ or -)",
                clip(value, 40)
            )))
        }
    }

    /// The period as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
