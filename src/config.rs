//! Configuration: which API, where it lives, and the key that opens it.

use std::fmt;
use std::net::IpAddr;

use crate::error::{clip, Error};
use crate::secret::Secret;

/// The real FaithServer Gateway base URL.
pub const FAITHSERVER_BASE_URL: &str = "https://api.faithserver.com/api/v1";
/// The real VPS.org API base URL.
pub const VPSORG_BASE_URL: &str = "https://admin.vps.org/api/v1";
/// The environment variable hosts read the FaithServer key from when none is given.
pub const FAITHSERVER_KEY_ENV: &str = "FAITHSERVER_API_KEY";
/// The environment variable hosts read the VPS.org token from when none is given.
pub const VPSORG_TOKEN_ENV: &str = "VPSORG_API_TOKEN";

/// Which API a configuration or an operation belongs to.
///
/// ```
/// assert_eq!(vpskit::Api::VpsOrg.default_base_url(), "https://admin.vps.org/api/v1");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Api {
    /// The FaithServer Gateway API.
    FaithServer,
    /// The VPS.org account API.
    VpsOrg,
}

impl Api {
    /// The production base URL.
    pub fn default_base_url(self) -> &'static str {
        match self {
            Api::FaithServer => FAITHSERVER_BASE_URL,
            Api::VpsOrg => VPSORG_BASE_URL,
        }
    }

    /// The API's name for people.
    pub fn display_name(self) -> &'static str {
        match self {
            Api::FaithServer => "FaithServer",
            Api::VpsOrg => "VPS.org",
        }
    }

    /// The environment variable that holds this API's key.
    pub fn key_env_var(self) -> &'static str {
        match self {
            Api::FaithServer => FAITHSERVER_KEY_ENV,
            Api::VpsOrg => VPSORG_TOKEN_ENV,
        }
    }
}

/// An API key or token: non-empty, printable ASCII without whitespace. Never printed.
///
/// ```
/// use vpskit::ApiKey;
/// let key = ApiKey::new("fs_live_abc")?;
/// assert_eq!(format!("{key:?}"), "ApiKey([redacted])");
/// assert!(ApiKey::new("fs_live_abc\r\nX-Evil: 1").is_err());
/// # Ok::<(), vpskit::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(Secret<String>);

impl ApiKey {
    /// Checks and wraps a key. The error never repeats the key.
    pub fn new(key: impl Into<String>) -> Result<Self, Error> {
        let key = key.into();
        if key.is_empty() {
            return Err(Error::validation("API key must not be empty"));
        }
        if key.len() > 4096 {
            return Err(Error::validation("API key is longer than 4096 bytes"));
        }
        if key.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(Error::validation(
                "API key must not contain whitespace, CR, LF or other control characters",
            ));
        }
        if !key.is_ascii() {
            return Err(Error::validation(
                "API key must be printable ASCII (it travels in an HTTP header)",
            ));
        }
        Ok(ApiKey(Secret::new(key)))
    }

    /// The key itself.
    pub fn expose(&self) -> &str {
        self.0.expose()
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey([redacted])")
    }
}

/// A base URL: `https://`, or `http://` on a loopback host; no user info, query or fragment.
///
/// ```
/// use vpskit::BaseUrl;
/// assert!(BaseUrl::parse("https://api.faithserver.com/api/v1").is_ok());
/// assert!(BaseUrl::parse("http://127.0.0.1:8080/api/v1").is_ok());
/// assert!(BaseUrl::parse("http://api.faithserver.com/api/v1").is_err());
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// Checks a base URL. A trailing `/` is dropped.
    pub fn parse(value: impl AsRef<str>) -> Result<Self, Error> {
        let raw = value.as_ref();
        let shown = clip(raw, 80);
        let url = url::Url::parse(raw)
            .map_err(|e| Error::validation(format!("base URL {shown:?} is not a URL: {e}")))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Error::validation(
                "base URL must not contain user info (user:password@); the key goes in the Authorization header",
            ));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(Error::validation(format!(
                "base URL {:?} must not have a query or a fragment",
                clip(url.origin().ascii_serialization().as_str(), 80)
            )));
        }
        let host = url.host();
        let loopback = match &host {
            Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
            Some(url::Host::Ipv4(ip)) => IpAddr::V4(*ip).is_loopback(),
            Some(url::Host::Ipv6(ip)) => IpAddr::V6(*ip).is_loopback(),
            None => false,
        };
        if host.is_none() {
            return Err(Error::validation(format!("base URL {shown:?} has no host")));
        }
        match url.scheme() {
            "https" => {}
            "http" if loopback => {}
            "http" => {
                return Err(Error::validation(format!(
                    "base URL {shown:?} must use https:// (plain http is allowed only for loopback hosts)"
                )))
            }
            other => {
                return Err(Error::validation(format!(
                    "base URL scheme {other:?} is not supported: use https://"
                )))
            }
        }
        let text = url.as_str().trim_end_matches('/').to_string();
        Ok(BaseUrl(text))
    }

    /// The URL without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BaseUrl({:?})", self.0)
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Everything an operation needs to build a request: the API, the base URL, the key, the user agent.
///
/// ```
/// use vpskit::Config;
/// let config = Config::faithserver("fs_live_example")?
///     .with_base_url("http://127.0.0.1:8080/api/v1")?
///     .with_user_agent_host("python");
/// assert_eq!(config.user_agent(), format!("vpskit/{} (python)", vpskit::VERSION));
/// assert!(!format!("{config:?}").contains("fs_live_example"));
/// # Ok::<(), vpskit::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Config {
    api: Api,
    base_url: BaseUrl,
    key: ApiKey,
    user_agent: String,
}

impl Config {
    /// A configuration for `api` with its production base URL.
    pub fn new(api: Api, key: impl Into<String>) -> Result<Self, Error> {
        Ok(Config {
            api,
            base_url: BaseUrl(api.default_base_url().to_string()),
            key: ApiKey::new(key)?,
            user_agent: format!("vpskit/{}", crate::VERSION),
        })
    }

    /// A FaithServer Gateway configuration.
    pub fn faithserver(key: impl Into<String>) -> Result<Self, Error> {
        Config::new(Api::FaithServer, key)
    }

    /// A VPS.org configuration.
    pub fn vpsorg(token: impl Into<String>) -> Result<Self, Error> {
        Config::new(Api::VpsOrg, token)
    }

    /// The same configuration with another base URL (the mock gateway's, for instance).
    pub fn with_base_url(mut self, base_url: impl AsRef<str>) -> Result<Self, Error> {
        self.base_url = BaseUrl::parse(base_url)?;
        Ok(self)
    }

    /// Names the host language in the user agent: `vpskit/0.1.0 (python)`.
    pub fn with_user_agent_host(mut self, host: &str) -> Self {
        let host: String = host
            .chars()
            .filter(|c| c.is_ascii_graphic() || *c == ' ')
            .take(64)
            .collect();
        self.user_agent = if host.trim().is_empty() {
            format!("vpskit/{}", crate::VERSION)
        } else {
            format!("vpskit/{} ({})", crate::VERSION, host.trim())
        };
        self
    }

    /// The API this configuration talks to.
    pub fn api(&self) -> Api {
        self.api
    }

    /// The base URL.
    pub fn base_url(&self) -> &BaseUrl {
        &self.base_url
    }

    /// The key.
    pub fn key(&self) -> &ApiKey {
        &self.key
    }

    /// The `User-Agent` header value.
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("api", &self.api)
            .field("base_url", &self.base_url)
            .field("key", &self.key)
            .field("user_agent", &self.user_agent)
            .finish()
    }
}
