//! Operations named by data: `{"operation": "reboot", "args": {"id": "fsrv_111"}}`.
//!
//! This is the surface every binding drives and every conformance vector names: a host passes the
//! operation's name and arguments, gets the `HttpRequest` back, sends it, and hands the response to
//! [`Call::parse`], which returns the result as JSON (secrets marked `{"$secret": …}`) or an
//! [`Error`]. No binding re-implements a request, a parse or a check.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::call_reader;
use crate::config::{Api, Config};
use crate::error::Error;
use crate::faithserver::{self as fs, Action, Product, ReinstallRequest, Server, TrafficQuery};
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::json::path as json_path;
use crate::json::reader as json_reader;
use crate::json::writer as json_writer;
use crate::json::KeyCase;
use crate::operation::{parse_to_value, DynOperation, FromResponse, Operation, RequestSpec};
use crate::response;
use crate::result_json::ResultJson;
use crate::secret::Secret;
use crate::validate::{CredentialType, JobId, Password, ServiceId, Username};
use crate::vpsorg;

/// Arguments naming one server.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdArgs {
    /// The Service ID.
    pub id: String,
}

/// Arguments of `reinstall`: `image_id` (Premium), or `os_id` and `password` (Budget).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReinstallArgs {
    /// The Service ID.
    pub id: String,
    /// Premium VPS image id.
    #[serde(default)]
    pub image_id: Option<String>,
    /// Budget VPS OS template id (digits).
    #[serde(default)]
    pub os_id: Option<String>,
    /// Budget VPS root password.
    #[serde(default)]
    pub password: Option<Secret>,
}

/// Arguments of `reset_password`: no password (generated) or a custom one.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResetPasswordArgs {
    /// The Service ID.
    pub id: String,
    /// The custom password (Budget VPS).
    #[serde(default)]
    pub password: Option<Secret>,
}

/// Arguments of `get_credential`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredentialArgs {
    /// The Service ID.
    pub id: String,
    /// The credential type.
    #[serde(rename = "type")]
    pub kind: String,
    /// The username.
    pub username: String,
}

/// Arguments of `get_traffic`: `period` (Premium) or `month` (Budget).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrafficArgs {
    /// The Service ID.
    pub id: String,
    /// `month`, for Premium VPS.
    #[serde(default)]
    pub period: Option<String>,
    /// `YYYYMM`, for Budget VPS.
    #[serde(default)]
    pub month: Option<String>,
}

/// Arguments of `get_job`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobArgs {
    /// The job id.
    pub job_id: String,
}

/// Arguments of the raw escape hatch.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawArgs {
    /// `GET`, `POST`, …
    pub method: String,
    /// A path under the base URL, starting with `/`.
    pub path: String,
    /// Query parameters.
    #[serde(default)]
    pub query: BTreeMap<String, String>,
    /// A JSON body.
    #[serde(default)]
    pub body: Option<serde_json::Value>,
}

/// One operation with its arguments, named by data.
///
/// ```
/// use vpskit::{Call, Config};
/// let call = Call::from_json(r#"{"operation":"get_traffic","args":{"id":"fsrv_158","month":"202605"}}"#)?;
/// let request = call.request(&Config::faithserver("fs_live_x")?)?;
/// assert_eq!(request.url, "https://api.faithserver.com/api/v1/servers/fsrv_158/traffic?month=202605");
/// # Ok::<(), vpskit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "operation", content = "args", rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Call {
    ListServers,
    GetServer(IdArgs),
    GetStatus(IdArgs),
    GetOverview(IdArgs),
    Start(IdArgs),
    Stop(IdArgs),
    Reboot(IdArgs),
    WakeOnLan(IdArgs),
    GetConsole(IdArgs),
    GetRescueStatus(IdArgs),
    EnableRescue(IdArgs),
    DisableRescue(IdArgs),
    ListImages(IdArgs),
    Reinstall(ReinstallArgs),
    ResetPassword(ResetPasswordArgs),
    ListCredentials(IdArgs),
    GetCredential(CredentialArgs),
    GetTraffic(TrafficArgs),
    ListIps(IdArgs),
    GetMonitor(IdArgs),
    ListTasks(IdArgs),
    ListServerActions(IdArgs),
    ListLogs,
    ListJobs,
    GetJob(JobArgs),
    GetAccount,
    Raw(RawArgs),
}

/// Every operation name `Call` accepts, in the order of DESIGN.md §9.
pub const OPERATIONS: [&str; 27] = [
    "list_servers",
    "get_server",
    "get_status",
    "get_overview",
    "start",
    "stop",
    "reboot",
    "wake_on_lan",
    "get_console",
    "get_rescue_status",
    "enable_rescue",
    "disable_rescue",
    "list_images",
    "reinstall",
    "reset_password",
    "list_credentials",
    "get_credential",
    "get_traffic",
    "list_ips",
    "get_monitor",
    "list_tasks",
    "list_server_actions",
    "list_logs",
    "list_jobs",
    "get_job",
    "get_account",
    "raw",
];

impl Call {
    /// Reads a call from JSON text.
    pub fn from_json(text: &str) -> Result<Call, Error> {
        // A well-formed call is read in one pass; anything else goes the careful way, which
        // also accepts `"args": {}` for operations without arguments.
        if let Ok(call) = call_reader::read_call(text) {
            return Ok(call);
        }
        let value = json_reader::parse_value(text)
            .map_err(|e| Error::validation(format!("call is not JSON: {e}")))?;
        Call::from_value_carefully(value)
    }

    /// Reads a call from a JSON value `{"operation": …, "args": {…}}`.
    pub fn from_value(value: serde_json::Value) -> Result<Call, Error> {
        // The value is written back as text with `operation` first and read as `from_json`
        // reads (one reader for every call).
        Call::from_value_carefully(value)
    }

    /// Reads a call that did not read in one pass: accepts `"args": {}` for operations without
    /// arguments, and names the argument that did not fit.
    fn from_value_carefully(value: serde_json::Value) -> Result<Call, Error> {
        Call::read_carefully(value, |text| {
            call_reader::read_call(text).map_err(json_path::Fault::into_path_error)
        })
    }

    /// [`Call::from_value_carefully`] with the reader of the rewritten text given (the tests
    /// give `Call`'s derived reader, the reference).
    pub(crate) fn read_carefully(
        value: serde_json::Value,
        read: impl FnOnce(&str) -> Result<Call, json_path::PathError>,
    ) -> Result<Call, Error> {
        let serde_json::Value::Object(mut object) = value else {
            // Only the type: the value may hold a password.
            return Err(Error::validation(format!(
                "call: expected an object {{\"operation\": …, \"args\": {{…}}}}, got a JSON {}",
                response::json_type(&value)
            )));
        };
        // A call without arguments may omit `args` or give `{}`.
        let empty_args = object
            .get("args")
            .is_some_and(|a| a.as_object().is_some_and(|m| m.is_empty()));
        let unit = matches!(
            object.get("operation").and_then(|o| o.as_str()),
            Some("list_servers" | "list_logs" | "list_jobs" | "get_account")
        );
        if unit && empty_args {
            object.remove("args");
        }
        // Written back with `operation` first, as the walker (`call_reader`) needs it to read the
        // arguments as they stream by; a mismatch is placed at its member (`json_path::Fault`).
        let mut text = Vec::with_capacity(64);
        text.push(b'{');
        let mut first = true;
        for name in ["operation", "args"].into_iter().chain(
            object
                .keys()
                .map(String::as_str)
                .filter(|k| !matches!(*k, "operation" | "args")),
        ) {
            let Some(member) = object.get(name) else {
                continue;
            };
            if !first {
                text.push(b',');
            }
            first = false;
            json_writer::write_str(&mut text, name);
            text.push(b':');
            json_writer::write_value(&mut text, member);
        }
        text.push(b'}');
        let text = String::from_utf8(text)
            .map_err(|e| Error::internal(format!("re-reading the call: {e}")))?;
        read(&text).map_err(|e| {
            if e.path == "." {
                Error::validation(format!("call: {}", e.message))
            } else {
                Error::validation(format!("call argument `{}`: {}", e.path, e.message))
            }
        })
    }

    /// The operation's name (`reboot`).
    pub fn name(&self) -> &'static str {
        match self {
            Call::ListServers => "list_servers",
            Call::GetServer(_) => "get_server",
            Call::GetStatus(_) => "get_status",
            Call::GetOverview(_) => "get_overview",
            Call::Start(_) => "start",
            Call::Stop(_) => "stop",
            Call::Reboot(_) => "reboot",
            Call::WakeOnLan(_) => "wake_on_lan",
            Call::GetConsole(_) => "get_console",
            Call::GetRescueStatus(_) => "get_rescue_status",
            Call::EnableRescue(_) => "enable_rescue",
            Call::DisableRescue(_) => "disable_rescue",
            Call::ListImages(_) => "list_images",
            Call::Reinstall(_) => "reinstall",
            Call::ResetPassword(_) => "reset_password",
            Call::ListCredentials(_) => "list_credentials",
            Call::GetCredential(_) => "get_credential",
            Call::GetTraffic(_) => "get_traffic",
            Call::ListIps(_) => "list_ips",
            Call::GetMonitor(_) => "get_monitor",
            Call::ListTasks(_) => "list_tasks",
            Call::ListServerActions(_) => "list_server_actions",
            Call::ListLogs => "list_logs",
            Call::ListJobs => "list_jobs",
            Call::GetJob(_) => "get_job",
            Call::GetAccount => "get_account",
            Call::Raw(_) => "raw",
        }
    }

    /// Validates the arguments, builds the typed operation and hands it to `visitor`, its result
    /// type known: the way to drive a call without a JSON value in between (each visitor is
    /// compiled once per result type). `api` is the API a raw call goes to.
    pub fn visit_operation<V: OperationVisitor>(
        &self,
        api: Api,
        visitor: V,
    ) -> Result<V::Output, Error> {
        let id = |a: &IdArgs| ServiceId::parse(&a.id);
        Ok(match self {
            Call::ListServers => visitor.visit(fs::list_servers()),
            Call::GetServer(a) => visitor.visit(fs::get_server(&id(a)?)),
            Call::GetStatus(a) => visitor.visit(fs::get_status(&id(a)?)),
            Call::GetOverview(a) => visitor.visit(fs::get_overview(&id(a)?)),
            Call::Start(a) => visitor.visit(fs::start(&id(a)?)),
            Call::Stop(a) => visitor.visit(fs::stop(&id(a)?)),
            Call::Reboot(a) => visitor.visit(fs::reboot(&id(a)?)),
            Call::WakeOnLan(a) => visitor.visit(fs::wake_on_lan(&id(a)?)),
            Call::GetConsole(a) => visitor.visit(fs::get_console(&id(a)?)),
            Call::GetRescueStatus(a) => visitor.visit(fs::get_rescue_status(&id(a)?)),
            Call::EnableRescue(a) => visitor.visit(fs::enable_rescue(&id(a)?)),
            Call::DisableRescue(a) => visitor.visit(fs::disable_rescue(&id(a)?)),
            Call::ListImages(a) => visitor.visit(fs::list_images(&id(a)?)),
            Call::Reinstall(a) => {
                let sid = ServiceId::parse(&a.id)?;
                visitor.visit(fs::reinstall(&sid, &a.request()?))
            }
            Call::ResetPassword(a) => {
                let sid = ServiceId::parse(&a.id)?;
                visitor.visit(fs::reset_password(&sid, a.password()?.as_ref()))
            }
            Call::ListCredentials(a) => visitor.visit(fs::list_credentials(&id(a)?)),
            Call::GetCredential(a) => visitor.visit(fs::get_credential(
                &ServiceId::parse(&a.id)?,
                &CredentialType::parse(&a.kind)?,
                &Username::parse(&a.username)?,
            )),
            Call::GetTraffic(a) => {
                visitor.visit(fs::get_traffic(&ServiceId::parse(&a.id)?, &a.query()?))
            }
            Call::ListIps(a) => visitor.visit(fs::list_ips(&id(a)?)),
            Call::GetMonitor(a) => visitor.visit(fs::get_monitor(&id(a)?)),
            Call::ListTasks(a) => visitor.visit(fs::list_tasks(&id(a)?)),
            Call::ListServerActions(a) => visitor.visit(fs::list_server_actions(&id(a)?)),
            Call::ListLogs => visitor.visit(fs::list_logs()),
            Call::ListJobs => visitor.visit(fs::list_jobs()),
            Call::GetJob(a) => visitor.visit(fs::get_job(&JobId::parse(&a.job_id)?)),
            Call::GetAccount => visitor.visit(vpsorg::get_account()),
            Call::Raw(a) => {
                let query: Vec<(&str, &str)> = a
                    .query
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                visitor.visit(fs::ops_raw_for(
                    api,
                    Method::parse(&a.method)?,
                    &a.path,
                    &query,
                    a.body.clone(),
                )?)
            }
        })
    }

    /// Validates the arguments: the operation's request and its text parser.
    fn resolve(&self, api: Api) -> Result<Resolved, Error> {
        self.visit_operation(api, Resolve)
    }

    /// Validates the arguments and builds the typed operation, erased to JSON results.
    /// `api` is the API a raw call goes to.
    pub fn operation(&self, api: Api) -> Result<DynOperation, Error> {
        self.visit_operation(api, IntoDyn)
    }

    /// Validates the arguments and builds the request.
    pub fn request(&self, config: &Config) -> Result<HttpRequest, Error> {
        self.resolve(config.api())?.spec.request(config)
    }

    /// Parses a response to this call into its JSON result (secrets marked), or an [`Error`].
    pub fn parse(&self, response: &HttpResponse) -> Result<serde_json::Value, Error> {
        self.visit_operation(self.response_api(), ParseValue(response))?
    }

    /// Parses a response to this call into its JSON result written as text, member names in
    /// `case`: what [`Call::parse`] gives, without building a `serde_json::Value` on the way.
    pub fn parse_json(&self, response: &HttpResponse, case: KeyCase) -> Result<ResultJson, Error> {
        (self.resolve(self.response_api())?.parse_json)(response, case)
    }

    /// The API a response to this call came from (a raw call is read as FaithServer's).
    pub fn response_api(&self) -> Api {
        if matches!(self, Call::GetAccount) {
            Api::VpsOrg
        } else {
            Api::FaithServer
        }
    }

    /// The Service ID this call acts on, if any (unvalidated).
    pub fn service_id(&self) -> Option<&str> {
        match self {
            Call::GetServer(a)
            | Call::GetStatus(a)
            | Call::GetOverview(a)
            | Call::Start(a)
            | Call::Stop(a)
            | Call::Reboot(a)
            | Call::WakeOnLan(a)
            | Call::GetConsole(a)
            | Call::GetRescueStatus(a)
            | Call::EnableRescue(a)
            | Call::DisableRescue(a)
            | Call::ListImages(a)
            | Call::ListCredentials(a)
            | Call::ListIps(a)
            | Call::GetMonitor(a)
            | Call::ListTasks(a)
            | Call::ListServerActions(a) => Some(&a.id),
            Call::Reinstall(a) => Some(&a.id),
            Call::ResetPassword(a) => Some(&a.id),
            Call::GetCredential(a) => Some(&a.id),
            Call::GetTraffic(a) => Some(&a.id),
            _ => None,
        }
    }

    /// Whether a client should check the server before sending this call: actions that change
    /// the server, the console, and the requests whose shape depends on the product.
    pub fn needs_preflight(&self) -> bool {
        matches!(
            self,
            Call::Start(_)
                | Call::Stop(_)
                | Call::Reboot(_)
                | Call::WakeOnLan(_)
                | Call::GetConsole(_)
                | Call::EnableRescue(_)
                | Call::DisableRescue(_)
                | Call::Reinstall(_)
                | Call::ResetPassword(_)
                | Call::GetTraffic(_)
        )
    }

    /// Checks this call against a server read just before: the capability check of its action,
    /// then the request's shape against the product.
    ///
    /// ```
    /// use vpskit::Call;
    /// let budget = vpskit::faithserver::Server::from_json(r#"{"id":"fsrv_158",
    ///   "product":"Budget VPS","status":"active","allowed_actions":["reinstall"]}"#).unwrap();
    /// let call = Call::from_json(r#"{"operation":"reinstall","args":{"id":"fsrv_158","image_id":"UBUNTU_24_04_64BIT"}}"#)?;
    /// assert_eq!(call.preflight(&budget).unwrap_err().kind(), vpskit::ErrorKind::Validation);
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    pub fn preflight(&self, server: &Server) -> Result<(), Error> {
        if let Some(action) = self.resolve(Api::FaithServer)?.spec.action {
            fs::preflight(server, &action)?;
        }
        self.check_product(&server.product)
    }

    /// Checks the request's shape against a product (reinstall, traffic, reset-password).
    pub fn check_product(&self, product: &Product) -> Result<(), Error> {
        match self {
            Call::Reinstall(a) => a.request()?.check_product(product),
            Call::GetTraffic(a) => a.query()?.check_product(product),
            Call::ResetPassword(a) => fs::check_reset_password(product, a.password()?.as_ref()),
            _ => Ok(()),
        }
    }

    /// The `allowed_actions` word that gates this call, if any.
    pub fn action(&self) -> Option<Action> {
        self.resolve(Api::FaithServer).ok()?.spec.action
    }
}

impl ReinstallArgs {
    /// The typed request: exactly one of the two shapes.
    pub fn request(&self) -> Result<ReinstallRequest, Error> {
        match (&self.image_id, &self.os_id, &self.password) {
            (Some(image), None, None) => ReinstallRequest::image(image),
            (None, Some(os), Some(pw)) => ReinstallRequest::os_template(os, pw.expose().clone()),
            (None, Some(_), None) => Err(Error::validation(
                "reinstall with an OS id (Budget VPS) also needs a password",
            )),
            (Some(_), _, _) => Err(Error::validation(
                "reinstall takes either an image id (Premium VPS) or an OS id and a password (Budget VPS), not both",
            )),
            (None, None, _) => Err(Error::validation(
                "reinstall needs an image id (Premium VPS) or an OS id and a password (Budget VPS)",
            )),
        }
    }
}

impl ResetPasswordArgs {
    /// The validated custom password, if one was given.
    pub fn password(&self) -> Result<Option<Password>, Error> {
        self.password
            .as_ref()
            .map(|p| Password::parse(p.expose().clone()))
            .transpose()
    }
}

impl TrafficArgs {
    /// The typed query: exactly one of `period` and `month`.
    pub fn query(&self) -> Result<TrafficQuery, Error> {
        match (&self.period, &self.month) {
            (Some(p), None) => TrafficQuery::period(p),
            (None, Some(m)) => TrafficQuery::month(m),
            (Some(_), Some(_)) => Err(Error::validation(
                "traffic takes either period (Premium VPS) or month (Budget VPS), not both",
            )),
            (None, None) => Err(Error::validation(
                "traffic needs period=\"month\" (Premium VPS) or month=\"YYYYMM\" (Budget VPS)",
            )),
        }
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
struct IntoDyn;

impl OperationVisitor for IntoDyn {
    type Output = DynOperation;
    fn visit<T: FromResponse + serde::Serialize + 'static>(self, op: Operation<T>) -> DynOperation {
        op.into_dyn()
    }
}

/// Parses into the JSON value form ([`Call::parse`]).
struct ParseValue<'a>(&'a HttpResponse);

impl OperationVisitor for ParseValue<'_> {
    type Output = Result<serde_json::Value, Error>;
    fn visit<T: FromResponse + serde::Serialize + 'static>(self, _: Operation<T>) -> Self::Output {
        parse_to_value::<T>(self.0)
    }
}

/// An operation's request and its reader of results as text, its result type forgotten.
struct Resolved {
    spec: RequestSpec,
    parse_json: fn(&HttpResponse, KeyCase) -> Result<ResultJson, Error>,
}

/// Builds [`Resolved`]: the one visitor the request, the text parse and the gating action share,
/// so the match over every operation is compiled once for them.
struct Resolve;

impl OperationVisitor for Resolve {
    type Output = Resolved;
    fn visit<T: FromResponse + serde::Serialize + 'static>(self, op: Operation<T>) -> Resolved {
        Resolved {
            spec: op.into_spec(),
            parse_json: T::json_from_response,
        }
    }
}
