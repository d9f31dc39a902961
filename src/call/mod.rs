//! Operations named by data: `{"operation": "reboot", "args": {"id": "fsrv_111"}}`.
//!
//! This is the surface every binding drives and every conformance vector names: a host passes the
//! operation's name and arguments, gets the `HttpRequest` back, sends it, and hands the response to
//! [`Call::parse_json`] (or [`Call::parse`]), which returns the result as JSON (secrets marked
//! `{"$secret": …}`) or an [`Error`]. No binding re-implements a request, a parse or a check.
//!
//! - `table.rs`: every operation, one row each ([`Call`], [`OPERATIONS`], the typed functions).
//! - `args.rs`: the argument structs and their validation.
//! - `reader.rs`: a call read from JSON text.

mod args;
pub(crate) mod raw;
mod reader;
mod table;

pub use args::{
    CredentialArgs, IdArgs, JobArgs, RawArgs, ReinstallArgs, ResetPasswordArgs, TrafficArgs,
};
pub use raw::{raw_faithserver, raw_vpsorg};
pub use table::{faithserver as faithserver_operations, vpsorg as vpsorg_operations};
pub(crate) use table::{operation_table, schemas};
pub use table::{Call, OPERATIONS};

use args::Params;

use crate::config::{Api, Config};
use crate::error::Error;
use crate::gateway::{self as fs, Action, Product, Server};
use crate::http::response::FromResponse;
use crate::http::result::ResultJson;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::operation::{parse_to_value, Operation, RequestSpec};
use vpskit_json::KeyCase;

/// One operation's row of the table: what it is called, where its request goes, what gates it,
/// and how its result is read.
#[derive(Debug)]
pub(crate) struct OperationRow {
    pub(crate) name: &'static str,
    pub(crate) api: Api,
    pub(crate) method: Method,
    /// The path below the base URL, `{name}` for a parameter (`/servers/{id}/reboot`).
    pub(crate) path: &'static str,
    /// The `allowed_actions` word that gates it.
    pub(crate) gate: Option<Action>,
    /// Whether a client checks the server before sending it: actions that change the server,
    /// the console, and the requests whose shape depends on the product.
    pub(crate) preflight: bool,
    /// Its result read as text (see [`FromResponse::json_from_response`]).
    pub(crate) parse_json: fn(&HttpResponse, KeyCase) -> Result<ResultJson, Error>,
}

impl OperationRow {
    /// The request of this row with `params` (validated arguments) in its path.
    pub(crate) fn spec(&self, params: Params) -> RequestSpec {
        let mut spec = RequestSpec::new(self.api, self.name, self.method);
        let mut segments = self.path.split('/').filter(|s| !s.is_empty());
        for segment in segments.by_ref() {
            spec = match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some("id") => match &params.server {
                    Some(id) => spec.server_param(id),
                    None => spec.param(""),
                },
                Some(name) => {
                    let value = params.values.iter().find(|(n, _)| *n == name);
                    spec.param(value.map_or("", |(_, v)| v.as_str()))
                }
                None => spec.fixed(segment),
            };
        }
        if self.path.len() > 1 && self.path.ends_with('/') {
            spec = spec.trailing_slash();
        }
        for (name, value) in &params.query {
            spec = spec.query(name, value);
        }
        if let Some(body) = params.body {
            spec = spec.body(body);
        }
        if let Some(gate) = &self.gate {
            spec = spec.gated_by(gate.clone());
        }
        spec
    }
}

impl Call {
    /// Reads a call from JSON text (`args` may be left out, or `{}`, for operations without
    /// arguments); a call that does not fit is a validation error that names the argument.
    pub fn from_json(text: &str) -> Result<Call, Error> {
        reader::read_call(text)
    }

    /// Reads a call from a JSON value `{"operation": …, "args": {…}}`.
    pub fn from_value(value: serde_json::Value) -> Result<Call, Error> {
        Call::from_json(&vpskit_json::text::value_text(&value))
    }

    /// The operation's name (`reboot`).
    pub fn name(&self) -> &'static str {
        self.row().name
    }

    /// The request, validated, to `api` (the API a raw call goes to).
    fn spec(&self, api: Api) -> Result<RequestSpec, Error> {
        match self {
            Call::Raw(args) => args.spec(api),
            _ => Ok(self.row().spec(self.params()?)),
        }
    }

    /// The validated arguments.
    fn params(&self) -> Result<Params, Error> {
        self.args()
            .map(|args| args.params())
            .transpose()
            .map(Option::unwrap_or_default)
    }

    /// Validates the arguments and builds the request.
    pub fn request(&self, config: &Config) -> Result<HttpRequest, Error> {
        self.spec(config.api())?.request(config)
    }

    /// Parses a response to this call into its JSON result (secrets marked), or an [`Error`].
    pub fn parse(&self, response: &HttpResponse) -> Result<serde_json::Value, Error> {
        self.visit_operation(self.response_api(), ParseValue(response))?
    }

    /// Parses a response to this call into its JSON result written as text, member names in
    /// `case`: what [`Call::parse`] gives, without building a `serde_json::Value` on the way.
    /// The arguments are not validated again (a response belongs to a request already built).
    pub fn parse_json(&self, response: &HttpResponse, case: KeyCase) -> Result<ResultJson, Error> {
        (self.row().parse_json)(response, case)
    }

    /// The reader [`Call::parse_json`] uses, on its own (it holds nothing of the call).
    pub fn json_reader(&self) -> fn(&HttpResponse, KeyCase) -> Result<ResultJson, Error> {
        self.row().parse_json
    }

    /// The API a response to this call came from (a raw call is read as FaithServer's).
    pub fn response_api(&self) -> Api {
        self.row().api
    }

    /// The Service ID this call acts on, if any (unvalidated).
    pub fn service_id(&self) -> Option<&str> {
        self.args().and_then(|args| args.service_id())
    }

    /// Whether a client should check the server before sending this call: actions that change
    /// the server, the console, and the requests whose shape depends on the product.
    pub fn needs_preflight(&self) -> bool {
        self.row().preflight
    }

    /// Checks this call against a server read just before: the capability check of its action,
    /// then the request's shape against the product.
    ///
    /// ```
    /// use vpskit::Call;
    /// let budget = vpskit::faithserver::Server::from_json(r#"{"id":"fsrv_158",
    ///   "product":"Budget VPS","status":"active","allowed_actions":["reinstall"]}"#)?;
    /// let call = Call::from_json(r#"{"operation":"reinstall","args":{"id":"fsrv_158","image_id":"UBUNTU_24_04_64BIT"}}"#)?;
    /// assert_eq!(call.preflight(&budget).unwrap_err().kind(), vpskit::ErrorKind::Validation);
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    pub fn preflight(&self, server: &Server) -> Result<(), Error> {
        self.params()?;
        if let Some(action) = &self.row().gate {
            fs::preflight(server, action)?;
        }
        self.check_product(&server.product)
    }

    /// Checks the request's shape against a product (reinstall, traffic, reset-password).
    pub fn check_product(&self, product: &Product) -> Result<(), Error> {
        match self.args() {
            Some(args) => args.check_product(product),
            None => Ok(()),
        }
    }

    /// The `allowed_actions` word that gates this call, if any.
    pub fn action(&self) -> Option<Action> {
        self.row().gate.clone()
    }
}

/// What to do with a call's typed operation, whatever its result type (see
/// [`Call::visit_operation`]).
///
/// ```
/// use vpskit::{Api, Call, FromResponse, Operation, OperationVisitor};
/// struct Name;
/// impl OperationVisitor for Name {
///     type Output = &'static str;
///     fn visit<T: FromResponse + serde::Serialize + 'static>(self, op: Operation<T>) -> &'static str {
///         op.spec().name()
///     }
/// }
/// let call = Call::from_json(r#"{"operation":"reboot","args":{"id":"fsrv_111"}}"#)?;
/// assert_eq!(call.visit_operation(Api::FaithServer, Name)?, "reboot");
/// # Ok::<(), vpskit::Error>(())
/// ```
pub trait OperationVisitor {
    /// What the visit gives.
    type Output;
    /// Does the work with the operation, its result type `T` known (every result type is `Send`,
    /// so a host may parse without holding a lock of its own).
    fn visit<T: FromResponse + serde::Serialize + Send + 'static>(
        self,
        operation: Operation<T>,
    ) -> Self::Output;
}

/// Erases the result type ([`Call::operation`]).
/// Parses into the JSON value form ([`Call::parse`]).
struct ParseValue<'a>(&'a HttpResponse);

impl OperationVisitor for ParseValue<'_> {
    type Output = Result<serde_json::Value, Error>;
    fn visit<T: FromResponse + serde::Serialize + 'static>(self, _: Operation<T>) -> Self::Output {
        parse_to_value::<T>(self.0)
    }
}
