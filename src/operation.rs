//! The operation: a value that builds one HTTP request and parses its response.

use std::borrow::Cow;
use std::marker::PhantomData;

use crate::config::{Api, Config};
use crate::error::Error;
use crate::gateway::Action;
use crate::http::response::FromResponse;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::validate::ServiceId;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use vpskit_json::text as json_text;

/// Characters left as they are in a path segment: RFC 3986 unreserved only. Everything else,
/// `/`, `%`, `?`, `#`, `\` and every non-ASCII byte included, is percent-encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Characters left as they are in a query name or value: RFC 3986 unreserved only, so `&`, `=`,
/// `+`, `#` and spaces (as `%20`) can never change the query's meaning.
const QUERY_COMPONENT: &AsciiSet = SEGMENT;

/// One segment of a request path: a fixed word or a validated parameter, encoded when built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Segment {
    Fixed(&'static str),
    Param(String),
}

/// The request half of an operation: everything except how to parse the answer.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestSpec {
    pub(crate) api: Api,
    pub(crate) name: &'static str,
    pub(crate) method: Method,
    pub(crate) segments: Vec<Segment>,
    pub(crate) trailing_slash: bool,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) body: Option<serde_json::Value>,
    pub(crate) action: Option<Action>,
    pub(crate) service_id: Option<ServiceId>,
}

impl RequestSpec {
    pub(crate) fn new(api: Api, name: &'static str, method: Method) -> Self {
        RequestSpec {
            api,
            name,
            method,
            segments: Vec::new(),
            trailing_slash: false,
            query: Vec::new(),
            body: None,
            action: None,
            service_id: None,
        }
    }

    pub(crate) fn fixed(mut self, word: &'static str) -> Self {
        self.segments.push(Segment::Fixed(word));
        self
    }

    pub(crate) fn param(mut self, value: &str) -> Self {
        self.segments.push(Segment::Param(value.to_string()));
        self
    }

    /// The server's Service ID as the next segment (and the server the operation acts on).
    pub(crate) fn server_param(mut self, id: &ServiceId) -> Self {
        self.segments.push(Segment::Param(id.as_str().to_string()));
        self.service_id = Some(id.clone());
        self
    }

    pub(crate) fn gated_by(mut self, action: Action) -> Self {
        self.action = Some(action);
        self
    }

    pub(crate) fn query(mut self, name: &str, value: &str) -> Self {
        self.query.push((name.to_string(), value.to_string()));
        self
    }

    pub(crate) fn body(mut self, body: serde_json::Value) -> Self {
        self.body = Some(body);
        self
    }

    pub(crate) fn trailing_slash(mut self) -> Self {
        self.trailing_slash = true;
        self
    }

    /// The path below the base URL, percent-encoded (`/servers/fsrv_111/reboot`).
    pub fn path(&self) -> String {
        let mut path = String::new();
        self.write_path(&mut path);
        path
    }

    /// Appends [`RequestSpec::path`] to `out`.
    fn write_path(&self, out: &mut String) {
        let start = out.len();
        for segment in &self.segments {
            out.push('/');
            match segment {
                Segment::Fixed(word) => out.push_str(word),
                Segment::Param(value) => out.extend(utf8_percent_encode(value, SEGMENT)),
            }
        }
        if self.trailing_slash || out.len() == start {
            out.push('/');
        }
    }

    /// Builds the HTTP request for `config`.
    pub fn request(&self, config: &Config) -> Result<HttpRequest, Error> {
        if config.api() != self.api {
            return Err(Error::validation(format!(
                "{} is a {} operation, but the configuration is for {}",
                self.name,
                self.api.display_name(),
                config.api().display_name()
            )));
        }
        let base = config.base_url().as_str();
        let mut url = String::with_capacity(base.len() + 48);
        url.push_str(base);
        self.write_path(&mut url);
        if !self.query.is_empty() {
            for (i, (name, value)) in self.query.iter().enumerate() {
                url.push(if i == 0 { '?' } else { '&' });
                url.extend(utf8_percent_encode(name, QUERY_COMPONENT));
                url.push('=');
                url.extend(utf8_percent_encode(value, QUERY_COMPONENT));
            }
        }
        let mut headers = Vec::with_capacity(4);
        if let Some(key) = config.key() {
            headers.push((
                Cow::Borrowed("Authorization"),
                Cow::Owned(key.authorization().to_string()),
            ));
        }
        headers.push((Cow::Borrowed("Accept"), Cow::Borrowed("application/json")));
        // VPS.org documents Content-Type on every request; FaithServer only with a body.
        if self.body.is_some() || self.api == Api::VpsOrg {
            headers.push((
                Cow::Borrowed("Content-Type"),
                Cow::Borrowed("application/json"),
            ));
        }
        headers.push((
            Cow::Borrowed("User-Agent"),
            Cow::Owned(config.user_agent().to_string()),
        ));
        let body = self
            .body
            .as_ref()
            .map(|value| json_text::value_text(value).into_bytes());
        Ok(HttpRequest {
            method: self.method,
            url,
            headers,
            body,
            idempotent: self.method.is_idempotent(),
        })
    }

    /// The operation's name (`reboot`).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The HTTP method.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The API the operation belongs to.
    pub fn api(&self) -> Api {
        self.api
    }

    /// The `allowed_actions` word that gates this operation, if any.
    pub fn action(&self) -> Option<&Action> {
        self.action.as_ref()
    }

    /// The server this operation acts on, if any.
    pub fn service_id(&self) -> Option<&ServiceId> {
        self.service_id.as_ref()
    }
}

/// An operation: builds its request and parses its response into `T`.
///
/// ```
/// use vpskit::{faithserver, Config, HttpResponse, ServiceId};
/// let op = faithserver::get_server(&ServiceId::parse("fsrv_111")?);
/// let request = op.request(&Config::faithserver("fs_live_example")?)?;
/// assert_eq!(request.method.as_str(), "GET");
/// let body = br#"{"success":true,"data":{"id":"fsrv_111","name":"VPS AMD 1","region":"US-LA",
///   "product":"Premium VPS Multi-region","status":"active","allowed_actions":["reboot"]}}"#;
/// let server = op.parse(&HttpResponse::new(200, vec![], body.to_vec()))?;
/// assert_eq!(server.name.as_deref(), Some("VPS AMD 1"));
/// # Ok::<(), vpskit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Operation<T> {
    spec: RequestSpec,
    _result: PhantomData<fn() -> T>,
}

impl<T: FromResponse> Operation<T> {
    pub(crate) fn new(spec: RequestSpec) -> Self {
        Operation {
            spec,
            _result: PhantomData,
        }
    }

    /// Builds the HTTP request.
    pub fn request(&self, config: &Config) -> Result<HttpRequest, Error> {
        self.spec.request(config)
    }

    /// Parses the response into a typed result or an [`Error`].
    pub fn parse(&self, response: &HttpResponse) -> Result<T, Error> {
        T::from_response(response)
    }

    /// What the request is, without the parser.
    pub fn spec(&self) -> &RequestSpec {
        &self.spec
    }

    /// The request half, the operation dropped.
    pub(crate) fn into_spec(self) -> RequestSpec {
        self.spec
    }
}

/// Parses into the result's JSON value form (secrets marked).
pub(crate) fn parse_to_value<T: FromResponse + serde::Serialize>(
    response: &HttpResponse,
) -> Result<serde_json::Value, Error> {
    let result = T::from_response(response)?;
    serde_json::to_value(result).map_err(|e| Error::internal(format!("result: {e}")))
}
