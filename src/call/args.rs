//! The arguments of calls: one struct per shape of arguments, each declared once with
//! `call_args!` (the struct, the names and kinds its reader reads, and how it is built from what
//! was read), and what each gives the request ([`Params`]) once validated.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::config::Api;
use crate::error::Error;
use crate::gateway::{check_reset_password, Product, RawResponse, ReinstallRequest, TrafficQuery};
use crate::http::Method;
pub(crate) use crate::model::schema::ArgKind;
use crate::operation::{Operation, RequestSpec};
use crate::secret::Secret;
use crate::validate::{CredentialType, JobId, Password, ServiceId, Username};

/// An argument as read.
#[derive(Debug)]
pub(crate) enum Arg {
    Str(String),
    OptStr(Option<String>),
    OptSecret(Option<Secret>),
    Query(BTreeMap<String, String>),
    OptJson(Option<Value>),
}

/// The arguments of one shape: their JSON names, kinds and fields, in the struct's order.
#[derive(Debug)]
pub(crate) struct ArgsTable {
    pub(crate) names: &'static [&'static str],
    pub(crate) kinds: &'static [ArgKind],
    pub(crate) fields: &'static [&'static str],
    pub(crate) docs: &'static [&'static str],
}

impl ArgsTable {
    /// Its arguments as hosts see them.
    pub(crate) fn arguments(&self) -> Vec<crate::model::schema::Argument> {
        let each = self
            .names
            .iter()
            .zip(self.fields)
            .zip(self.kinds)
            .zip(self.docs);
        let argument = |(((&name, &field), &kind), &doc)| crate::model::schema::Argument {
            name,
            field,
            kind,
            doc: crate::model::schema::first_paragraph(doc),
        };
        each.map(argument).collect()
    }
}

/// Arguments built from what was read, in their table's order (`None`: missing).
pub(crate) trait FromValues: Sized {
    /// The arguments, or `None` when a value is not of its argument's kind.
    fn from_values(values: Vec<Option<Arg>>) -> Option<Self>;
}

/// Declares argument structs: each field is `name: Type = "json_name" Kind`.
macro_rules! call_args {
    ($(
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[doc = $field_doc:literal])* pub $field:ident : $ty:ty = $json:literal $kind:ident, )+
        }
    )+) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name {
            $( $(#[doc = $field_doc])* pub $field: $ty, )+
        }

        impl $name {
            /// The names and kinds its reader reads.
            pub(crate) const TABLE: ArgsTable = ArgsTable {
                names: &[$($json),+],
                kinds: &[$(ArgKind::$kind),+],
                fields: &[$(stringify!($field)),+],
                docs: &[$(concat!($($field_doc, "\n"),*)),+],
            };

        }

        impl ActsOn for $name {
            fn service_id(&self) -> Option<&str> {
                call_args!(@id self $( $field )+)
            }
        }

        impl FromValues for $name {
            fn from_values(values: Vec<Option<Arg>>) -> Option<Self> {
                let mut values = values.into_iter();
                Some($name {
                    $( $field: call_args!(@take $kind values.next()?), )+
                })
            }
        }
    )+};
    (@take Str $value:expr) => {
        match $value { Some(Arg::Str(s)) => s, _ => return None }
    };
    (@id $self:ident id $( $rest:ident )*) => { Some($self.id.as_str()) };
    (@id $self:ident $( $rest:ident )*) => { None };
    (@take OptStr $value:expr) => { call_args!(@take OptDigits $value) };
    (@take OptDigits $value:expr) => {
        match $value { Some(Arg::OptStr(s)) => s, None => None, _ => return None }
    };
    (@take OptSecret $value:expr) => {
        match $value { Some(Arg::OptSecret(s)) => s, None => None, _ => return None }
    };
    (@take Query $value:expr) => {
        match $value { Some(Arg::Query(q)) => q, None => BTreeMap::new(), _ => return None }
    };
    (@take OptJson $value:expr) => {
        match $value { Some(Arg::OptJson(v)) => v, None => None, _ => return None }
    };
}

call_args! {
    /// Arguments naming one server.
    pub struct IdArgs {
        /// The Service ID.
        pub id: String = "id" Str,
    }

    /// Arguments of `reinstall`: `image_id` (Premium), or `os_id` and `password` (Budget).
    pub struct ReinstallArgs {
        /// The Service ID.
        pub id: String = "id" Str,
        /// Premium VPS image id.
        pub image_id: Option<String> = "image_id" OptStr,
        /// Budget VPS OS template id (digits).
        pub os_id: Option<String> = "os_id" OptDigits,
        /// Budget VPS root password.
        pub password: Option<Secret> = "password" OptSecret,
    }

    /// Arguments of `reset_password`: no password (generated) or a custom one.
    pub struct ResetPasswordArgs {
        /// The Service ID.
        pub id: String = "id" Str,
        /// The custom password (Budget VPS).
        pub password: Option<Secret> = "password" OptSecret,
    }

    /// Arguments of `get_credential`.
    pub struct CredentialArgs {
        /// The Service ID.
        pub id: String = "id" Str,
        /// The credential type.
        pub kind: String = "type" Str,
        /// The username.
        pub username: String = "username" Str,
    }

    /// Arguments of `get_traffic`: `period` (Premium) or `month` (Budget).
    pub struct TrafficArgs {
        /// The Service ID.
        pub id: String = "id" Str,
        /// `month`, for Premium VPS.
        pub period: Option<String> = "period" OptStr,
        /// `YYYYMM`, for Budget VPS.
        pub month: Option<String> = "month" OptDigits,
    }

    /// Arguments of `get_job`.
    pub struct JobArgs {
        /// The job id.
        pub job_id: String = "job_id" Str,
    }

    /// Arguments of the raw escape hatch.
    pub struct RawArgs {
        /// `GET`, `POST`, …
        pub method: String = "method" Str,
        /// A path under the base URL, starting with `/`.
        pub path: String = "path" Str,
        /// Query parameters.
        pub query: BTreeMap<String, String> = "query" Query,
        /// A JSON body.
        pub body: Option<Value> = "body" OptJson,
    }
}

/// What a request takes from its validated arguments: the path's parameters, the query, the body.
#[derive(Debug, Default)]
pub(crate) struct Params {
    /// `{id}` in the path.
    pub(crate) server: Option<ServiceId>,
    /// Other `{name}` parameters of the path.
    pub(crate) values: Vec<(&'static str, String)>,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) body: Option<Value>,
}

/// Typed arguments (those of the typed operation functions) as [`Params`].
pub(crate) trait IntoParams {
    fn into_params(self) -> Params;
}

impl IntoParams for () {
    fn into_params(self) -> Params {
        Params::default()
    }
}

impl IntoParams for (&ServiceId,) {
    fn into_params(self) -> Params {
        Params {
            server: Some(self.0.clone()),
            ..Params::default()
        }
    }
}

impl IntoParams for (&ServiceId, &ReinstallRequest) {
    fn into_params(self) -> Params {
        Params {
            body: Some(self.1.body()),
            ..(self.0,).into_params()
        }
    }
}

impl IntoParams for (&ServiceId, Option<&Password>) {
    fn into_params(self) -> Params {
        Params {
            body: self.1.map(|p| json!({ "password": p.expose() })),
            ..(self.0,).into_params()
        }
    }
}

impl IntoParams for (&ServiceId, &CredentialType, &Username) {
    fn into_params(self) -> Params {
        Params {
            values: vec![
                ("type", self.1.as_str().to_string()),
                ("username", self.2.as_str().to_string()),
            ],
            ..(self.0,).into_params()
        }
    }
}

impl IntoParams for (&ServiceId, &TrafficQuery) {
    fn into_params(self) -> Params {
        let (name, value) = self.1.pair();
        Params {
            query: vec![(name.to_string(), value)],
            ..(self.0,).into_params()
        }
    }
}

impl IntoParams for (&JobId,) {
    fn into_params(self) -> Params {
        Params {
            values: vec![("job_id", self.0.as_str().to_string())],
            ..Params::default()
        }
    }
}

/// The Service ID a call acts on, unvalidated: its `id` argument (written by `call_args!`).
pub(crate) trait ActsOn {
    fn service_id(&self) -> Option<&str>;
}

/// What every argument struct does: validate into [`Params`] (through the same typed values
/// the typed operation functions take, so both build the same request).
pub(crate) trait CallArgs: ActsOn {
    /// The validated parameters of the request.
    fn params(&self) -> Result<Params, Error>;

    /// Checks the request's shape against a product (reinstall, traffic, reset-password).
    fn check_product(&self, _product: &Product) -> Result<(), Error> {
        Ok(())
    }
}

impl CallArgs for IdArgs {
    fn params(&self) -> Result<Params, Error> {
        Ok((&ServiceId::parse(&self.id)?,).into_params())
    }
}

impl CallArgs for ReinstallArgs {
    fn params(&self) -> Result<Params, Error> {
        Ok((&ServiceId::parse(&self.id)?, &self.request()?).into_params())
    }

    fn check_product(&self, product: &Product) -> Result<(), Error> {
        self.request()?.check_product(product)
    }
}

impl CallArgs for ResetPasswordArgs {
    fn params(&self) -> Result<Params, Error> {
        Ok((&ServiceId::parse(&self.id)?, self.password()?.as_ref()).into_params())
    }

    fn check_product(&self, product: &Product) -> Result<(), Error> {
        check_reset_password(product, self.password()?.as_ref())
    }
}

impl CallArgs for CredentialArgs {
    fn params(&self) -> Result<Params, Error> {
        Ok((
            &ServiceId::parse(&self.id)?,
            &CredentialType::parse(&self.kind)?,
            &Username::parse(&self.username)?,
        )
            .into_params())
    }
}

impl CallArgs for TrafficArgs {
    fn params(&self) -> Result<Params, Error> {
        Ok((&ServiceId::parse(&self.id)?, &self.query()?).into_params())
    }

    fn check_product(&self, product: &Product) -> Result<(), Error> {
        self.query()?.check_product(product)
    }
}

impl CallArgs for JobArgs {
    fn params(&self) -> Result<Params, Error> {
        Ok((&JobId::parse(&self.job_id)?,).into_params())
    }
}

impl CallArgs for RawArgs {
    /// A raw call's request is built by [`RawArgs::operation`]; it has no table parameters.
    fn params(&self) -> Result<Params, Error> {
        Ok(Params::default())
    }
}

// Arguments from what a blocking client's method takes (the table's host types: a string for a
// checked one, checked when the call is built).

impl From<(&str,)> for IdArgs {
    fn from((id,): (&str,)) -> Self {
        IdArgs { id: id.into() }
    }
}

impl From<(&str,)> for JobArgs {
    fn from((job_id,): (&str,)) -> Self {
        JobArgs {
            job_id: job_id.into(),
        }
    }
}

impl From<(&str, &ReinstallRequest)> for ReinstallArgs {
    fn from((id, request): (&str, &ReinstallRequest)) -> Self {
        let (image_id, os_id, password) = match request {
            ReinstallRequest::Image { image_id } => (Some(image_id.as_str().into()), None, None),
            ReinstallRequest::OsTemplate { os_id, password } => (
                None,
                Some(os_id.as_str().into()),
                Some(Secret::new(password.expose().to_string())),
            ),
        };
        let id = id.into();
        ReinstallArgs {
            id,
            image_id,
            os_id,
            password,
        }
    }
}

impl From<(&str, Option<&str>)> for ResetPasswordArgs {
    fn from((id, password): (&str, Option<&str>)) -> Self {
        let password = password.map(|p| Secret::new(p.to_string()));
        ResetPasswordArgs {
            id: id.into(),
            password,
        }
    }
}

impl From<(&str, &str, &str)> for CredentialArgs {
    fn from((id, kind, username): (&str, &str, &str)) -> Self {
        let (id, kind, username) = (id.into(), kind.into(), username.into());
        CredentialArgs { id, kind, username }
    }
}

impl From<(&str, &TrafficQuery)> for TrafficArgs {
    fn from((id, query): (&str, &TrafficQuery)) -> Self {
        let (period, month) = match query {
            TrafficQuery::Period(period) => (Some(period.as_str().into()), None),
            TrafficQuery::Month(month) => (None, Some(month.to_string())),
        };
        TrafficArgs {
            id: id.into(),
            period,
            month,
        }
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

impl RawArgs {
    /// The arguments of a raw call: `method` on `path` (under the base URL) with `query`.
    pub fn of(method: Method, path: &str, query: &[(&str, &str)], body: Option<Value>) -> Self {
        RawArgs {
            method: method.as_str().to_string(),
            path: path.to_string(),
            query: query
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body,
        }
    }

    /// The raw operation, to `api`.
    pub(crate) fn operation(&self, api: Api) -> Result<Operation<RawResponse>, Error> {
        let query: Vec<(&str, &str)> = self
            .query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        crate::call::raw::raw_for(
            api,
            Method::parse(&self.method)?,
            &self.path,
            &query,
            self.body.clone(),
        )
    }

    /// The raw request's spec, to `api`.
    pub(crate) fn spec(&self, api: Api) -> Result<RequestSpec, Error> {
        self.operation(api).map(Operation::into_spec)
    }
}
