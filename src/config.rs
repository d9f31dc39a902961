//! Configuration: which API, where it lives, and the key that opens it.

use std::fmt;
use std::net::IpAddr;

use crate::error::{clip, Error};
use crate::secret::Secret;

/// The version of vpskit, as sent in the `User-Agent`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

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
    /// The API's name as hosts and vectors give it: `faithserver` or `vpsorg`.
    ///
    /// ```
    /// use vpskit::Api;
    /// assert_eq!(Api::parse("vpsorg")?, Api::VpsOrg);
    /// assert_eq!(Api::FaithServer.name(), "faithserver");
    /// assert!(Api::parse("aws").is_err());
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    pub fn parse(name: &str) -> Result<Api, Error> {
        match name {
            "faithserver" => Ok(Api::FaithServer),
            "vpsorg" => Ok(Api::VpsOrg),
            other => Err(Error::validation(format!(
                "unknown api {:?}: expected \"faithserver\" or \"vpsorg\"",
                clip(other, 40)
            ))),
        }
    }

    /// The API's name as [`Api::parse`] reads it.
    pub fn name(self) -> &'static str {
        match self {
            Api::FaithServer => "faithserver",
            Api::VpsOrg => "vpsorg",
        }
    }

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

/// What [`ApiKey`] keeps: the whole `Authorization` value, so a request copies it in one piece.
const BEARER: &str = "Bearer ";

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
        Ok(ApiKey(Secret::new(format!("{BEARER}{key}"))))
    }

    /// The key itself.
    pub fn expose(&self) -> &str {
        let header = self.0.expose();
        header.get(BEARER.len()..).unwrap_or(header)
    }

    /// The `Authorization` header value, `Bearer <key>`.
    pub fn authorization(&self) -> &str {
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
    ///
    /// The check is strict rather than clever: the scheme and host are lower-cased, and anything
    /// a reader could misjudge (user info, a query or fragment, `.`/`..` path segments,
    /// backslashes, whitespace, non-ASCII text: write international hosts in punycode) is refused
    /// with a message that says what to change.
    pub fn parse(value: impl AsRef<str>) -> Result<Self, Error> {
        let raw = value.as_ref();
        let shown = clip(raw, 80);
        let not_a_url =
            |why: &str| Error::validation(format!("base URL {shown:?} is not a URL: {why}"));
        let (scheme, rest) = raw
            .split_once("://")
            .ok_or_else(|| not_a_url("it has no scheme (write https://host/path)"))?;
        if scheme.is_empty()
            || !scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
        {
            return Err(not_a_url("the scheme is not valid"));
        }
        if let Some(bad) = raw.chars().find(|c| !c.is_ascii_graphic()) {
            return Err(not_a_url(&format!(
                "it contains {bad:?} (write the URL in ASCII, international hosts in punycode)"
            )));
        }
        if raw.contains('\\') {
            return Err(not_a_url("it contains a backslash"));
        }
        let (authority, path) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
        if authority.contains('@') {
            return Err(Error::validation(
                "base URL must not contain user info (user:password@); the key goes in the Authorization header",
            ));
        }
        if raw.contains('?') || raw.contains('#') {
            return Err(Error::validation(format!(
                "base URL {:?} must not have a query or a fragment",
                clip(&format!("{scheme}://{authority}"), 80)
            )));
        }
        let host = Host::parse(authority).map_err(|why| not_a_url(&why))?;
        let scheme = scheme.to_ascii_lowercase();
        match scheme.as_str() {
            "https" => {}
            "http" if host.is_loopback() => {}
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
        let path = path.trim_end_matches('/');
        if let Some(bad) = path
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@%/".contains(*c)))
        {
            return Err(not_a_url(&format!(
                "its path contains {bad:?} (percent-encode it)"
            )));
        }
        let mut rest = path;
        while let Some(i) = rest.find('%') {
            let hex = rest.get(i + 1..i + 3).unwrap_or_default();
            if hex.len() != 2 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(not_a_url(
                    "its path has a `%` that is not followed by two hex digits",
                ));
            }
            rest = rest.get(i + 3..).unwrap_or_default();
        }
        if path.split('/').any(|segment| {
            let decoded = segment.to_ascii_lowercase().replace("%2e", ".");
            decoded == "." || decoded == ".."
        }) {
            return Err(not_a_url("its path has a `.` or `..` segment"));
        }
        if path.contains("//") {
            return Err(not_a_url("its path has an empty segment (`//`)"));
        }
        let default_port = if scheme == "https" { 443 } else { 80 };
        Ok(BaseUrl(match host.port {
            Some(port) if port != default_port => format!("{scheme}://{}:{port}{path}", host.name),
            _ => format!("{scheme}://{}{path}", host.name),
        }))
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

/// The host and port of a base URL, checked.
struct Host {
    /// The host, lower-cased (`[::1]` keeps its brackets).
    name: String,
    /// The port, when one is written.
    port: Option<u16>,
}

impl Host {
    /// Reads `host[:port]`: a DNS name (letters, digits, `-`, `.`), an IPv4 address, or an IPv6
    /// address in brackets; the port, if any, 1 to 65535.
    fn parse(authority: &str) -> Result<Host, String> {
        let (name, port) = if let Some(v6) = authority.strip_prefix('[') {
            let (inside, after) = v6
                .split_once(']')
                .ok_or_else(|| "the IPv6 address has no closing `]`".to_string())?;
            if inside.contains('.') {
                return Err("write the IPv6 address in hexadecimal groups only".to_string());
            }
            let address = inside
                .parse::<std::net::Ipv6Addr>()
                .map_err(|_| format!("{:?} is not an IPv6 address", clip(inside, 64)))?;
            let port = match after {
                "" => None,
                _ => Some(
                    after
                        .strip_prefix(':')
                        .ok_or_else(|| "only a port may follow the IPv6 address".to_string())?,
                ),
            };
            (format!("[{address}]"), port)
        } else {
            let (name, port) = match authority.split_once(':') {
                Some((name, port)) => (name, Some(port)),
                None => (authority, None),
            };
            if name.is_empty() {
                return Err("it has no host".to_string());
            }
            let valid = name.split('.').enumerate().all(|(i, label)| {
                (!label.is_empty() || (i > 0 && name.ends_with('.')))
                    && label.len() <= 63
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            });
            if !valid || name.len() > 253 {
                return Err(format!("{:?} is not a valid host name", clip(name, 64)));
            }
            // Readers disagree on punycode labels (WHATWG parsers decode and re-check them; an
            // invalid one is an error there, a plain name elsewhere), so vpskit takes none.
            if name.split('.').any(|label| {
                label
                    .get(..4)
                    .is_some_and(|p| p.eq_ignore_ascii_case("xn--"))
            }) {
                return Err(format!(
                    "{:?} has a punycode (xn--) label; international host names are not supported \
                     in a base URL: use an ASCII name or an IP address",
                    clip(name, 64)
                ));
            }
            // WHATWG parsers read a host whose last label is numeric as IPv4 (in octal or hex
            // too); accept only the plain dotted form, so every reader sees the same address.
            let last = name
                .trim_end_matches('.')
                .rsplit('.')
                .next()
                .unwrap_or_default();
            let numeric = last.bytes().all(|b| b.is_ascii_digit())
                || last.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("0x"));
            if numeric && name.parse::<std::net::Ipv4Addr>().is_err() {
                return Err(format!(
                    "{:?} looks like an IPv4 address but is not four decimal numbers (like 127.0.0.1)",
                    clip(name, 64)
                ));
            }
            (name.to_ascii_lowercase(), port)
        };
        let port = match port {
            None => None,
            Some(port) => match port.parse::<u16>() {
                Ok(n) if n > 0 && port.bytes().all(|b| b.is_ascii_digit()) => Some(n),
                _ => {
                    return Err(format!(
                        "the port {:?} is not a number from 1 to 65535",
                        clip(port, 16)
                    ))
                }
            },
        };
        Ok(Host { name, port })
    }

    /// `localhost`, `127.0.0.0/8` or `::1`.
    fn is_loopback(&self) -> bool {
        let bare = self.name.trim_start_matches('[').trim_end_matches(']');
        self.name == "localhost"
            || self.name == "localhost."
            || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
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
    /// `None` behind a proxy that adds the key (see [`Config::through_proxy`]).
    key: Option<ApiKey>,
    user_agent: String,
}

impl Config {
    /// A configuration for `api` with its production base URL.
    pub fn new(api: Api, key: impl Into<String>) -> Result<Self, Error> {
        let base_url = BaseUrl(api.default_base_url().to_string());
        Ok(Config::of_parts(api, base_url, Some(ApiKey::new(key)?)))
    }

    fn of_parts(api: Api, base_url: BaseUrl, key: Option<ApiKey>) -> Self {
        Config {
            api,
            base_url,
            key,
            user_agent: format!("vpskit/{}", crate::config::VERSION),
        }
    }

    /// The configuration the hosts build from their options: with `key` (and `base_url`, when
    /// given, instead of the API's own), or through the proxy at `base_url` when there is no key.
    ///
    /// ```
    /// use vpskit::{Api, Config};
    /// assert!(Config::of(Api::FaithServer, Some("fs_live_x"), None).is_ok());
    /// assert!(Config::of(Api::FaithServer, None, Some("https://dashboard.example/api/fs")).is_ok());
    /// assert!(Config::of(Api::FaithServer, None, None).is_err());
    /// ```
    pub fn of(api: Api, key: Option<&str>, base_url: Option<&str>) -> Result<Self, Error> {
        match (key, base_url) {
            (Some(key), None) => Config::new(api, key),
            (Some(key), Some(base)) => Config::new(api, key)?.with_base_url(base),
            (None, Some(base)) => Config::through_proxy(api, base),
            (None, None) => Err(Error::validation(
                "no key: pass one, or the base URL of a proxy that adds it",
            )),
        }
    }

    /// A configuration for `api` through a proxy at `base_url` that adds the key itself (a web
    /// page's own backend, say): requests carry no `Authorization` header, so no key reaches
    /// the page.
    ///
    /// ```
    /// use vpskit::{Api, Call, Config};
    /// let config = Config::through_proxy(Api::FaithServer, "https://dashboard.example/api/faithserver")?;
    /// let request = Call::ListServers.request(&config)?;
    /// assert!(request.headers.iter().all(|(name, _)| name != "Authorization"));
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    pub fn through_proxy(api: Api, base_url: impl AsRef<str>) -> Result<Self, Error> {
        Ok(Config::of_parts(api, BaseUrl::parse(base_url)?, None))
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
            format!("vpskit/{}", crate::config::VERSION)
        } else {
            format!("vpskit/{} ({})", crate::config::VERSION, host.trim())
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

    /// The key; `None` through a proxy that adds it.
    pub fn key(&self) -> Option<&ApiKey> {
        self.key.as_ref()
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
