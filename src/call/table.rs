//! Every operation, one row each. A row is written once and gives: the typed function
//! (`faithserver::reboot(&ServiceId) -> Operation<ActionResult>`), the [`Call`] variant and its
//! name, its request (method, path, gate, preflight rule), its arguments' reader, its result's
//! reader, the blocking clients' method (`client/`) and the row as data for the hosts' generated
//! methods (`vpskit::schema::operations`). Adding an operation is one row here.
//!
//! ```text
//! /// docs of the typed function
//! fn reboot(id: &ServiceId as &str) -> ActionResult = Reboot(IdArgs), Post "/servers/{id}/reboot", gated Reboot preflight;
//!    ^ typed function, then   ^ result        ^ Call variant   ^ request                  ^ allowed_actions word, then
//!      the clients' host type                   and arguments                                 "check the server first"
//! ```
//!
//! The raw escape hatch (any method and path) is the one operation outside the table: its
//! request is built from its arguments (`RawArgs`), not from a row.

use super::args::{
    Arg, ArgsTable, CallArgs, CredentialArgs, FromValues, IdArgs, IntoParams, JobArgs, RawArgs,
    ReinstallArgs, ResetPasswordArgs, TrafficArgs,
};
use super::{OperationRow, OperationVisitor};
use crate::account::AccountInfo;
use crate::config::Api;
use crate::error::Error;
use crate::gateway::{
    Action, ActionResult, ConsoleSession, Credential, ImageList, IpAddress, Job, LogEntry, Monitor,
    Overview, PowerStatus, RawResponse, ReinstallRequest, RescueStatus, Server, Traffic,
    TrafficQuery,
};
use crate::http::response::FromResponse;
use crate::http::Method;
use crate::model::schema;
use crate::operation::Operation;
use crate::validate::{CredentialType, JobId, Password, ServiceId, Username};

/// A call of arguments `A` made by `make` from the arguments as read (one copy per kind of
/// arguments, not one per operation).
#[inline(never)]
fn build<A: FromValues>(values: Vec<Option<Arg>>, make: fn(A) -> Call) -> Option<Call> {
    A::from_values(values).map(make)
}

/// Declares every operation (see the module doc).
macro_rules! operations {
    (
        $(
            $api_mod:ident: $api:ident {
                $(
                    $(#[doc = $doc:literal])*
                    fn $name:ident ( $( $param:ident : $param_ty:ty as $loose:ty ),* ) -> $result:ty
                        = $variant:ident $( ( $args:ty ) )? , $method:ident $path:literal
                        $( , gated $gate:ident $( $preflight:ident )? )? ;
                )+
            }
        )+
    ) => {
        /// One operation with its arguments, named by data: what every binding drives and every
        /// conformance vector names.
        ///
        /// ```
        /// use vpskit::{Call, Config};
        /// let call = Call::from_json(r#"{"operation":"get_traffic","args":{"id":"fsrv_158","month":"202605"}}"#)?;
        /// let request = call.request(&Config::faithserver("fs_live_x")?)?;
        /// assert_eq!(request.url, "https://api.faithserver.com/api/v1/servers/fsrv_158/traffic?month=202605");
        /// # Ok::<(), vpskit::Error>(())
        /// ```
        #[derive(Debug, Clone, PartialEq)]
        pub enum Call {
            $( $(
                #[doc = concat!("`", stringify!($name), "`")]
                $variant $( ($args) )?,
            )+ )+
            /// `raw`: any method and path under the base URL.
            Raw(RawArgs),
        }

        /// Every operation name a [`Call`] takes, in the table's order (DESIGN.md §9).
        pub const OPERATIONS: &[&str] = &[ $( $( stringify!($name), )+ )+ "raw" ];

        /// The rows, one static each.
        #[allow(non_upper_case_globals)]
        mod rows {
            use super::*;

            $( $(
                pub(super) static $variant: OperationRow = OperationRow {
                    name: stringify!($name),
                    api: Api::$api,
                    method: Method::$method,
                    path: $path,
                    gate: operations!(@gate $( $gate )?),
                    preflight: operations!(@preflight $( $( $preflight )? )?),
                    parse_json: <$result as FromResponse>::json_from_response,
                };
            )+ )+

            /// The raw escape hatch: read as FaithServer's; its request comes from its arguments.
            pub(super) static Raw: OperationRow = OperationRow {
                name: "raw",
                api: Api::FaithServer,
                method: Method::Get,
                path: "",
                gate: None,
                preflight: false,
                parse_json: <RawResponse as FromResponse>::json_from_response,
            };
        }

        $(
            /// The typed operations of this API, one function per row of the table.
            pub mod $api_mod {
                #[allow(unused_imports)]
                use super::*;

                $(
                    $(#[doc = $doc])*
                    pub fn $name($( $param: $param_ty ),*) -> Operation<$result> {
                        Operation::new(rows::$variant.spec(IntoParams::into_params(($( $param, )*))))
                    }
                )+
            }
        )+

        impl Call {
            /// The call's row.
            pub(crate) fn row(&self) -> &'static OperationRow {
                match self {
                    $( $( Call::$variant { .. } => &rows::$variant, )+ )+
                    Call::Raw(_) => &rows::Raw,
                }
            }

            /// The call's arguments, if it takes any.
            pub(crate) fn args(&self) -> Option<&dyn CallArgs> {
                match self {
                    $( $(
                        operations!(@pattern args $variant $(, $args)?) => operations!(@dyn args $(, $args)?),
                    )+ )+
                    Call::Raw(args) => Some(args),
                }
            }

            /// Validates the arguments, builds the typed operation and hands it to `visitor`, its
            /// result type known. `api` is the API a raw call goes to.
            pub fn visit_operation<V: OperationVisitor>(
                &self,
                api: Api,
                visitor: V,
            ) -> Result<V::Output, Error> {
                Ok(match self {
                    $( $(
                        Call::$variant { .. } => visitor.visit(Operation::<$result>::new(self.spec(api)?)),
                    )+ )+
                    Call::Raw(args) => visitor.visit(args.operation(api)?),
                })
            }

        }

        /// The arguments each operation takes, in [`OPERATIONS`]' order (`None`: no arguments).
        pub(crate) static ARGS_TABLES: &[Option<&ArgsTable>] = &[
            $( $( operations!(@table $( $args )?), )+ )+
            Some(&RawArgs::TABLE),
        ];

        /// Every row as hosts see it (`vpskit::schema::operations`); the raw escape hatch is not
        /// a row, so not listed.
        pub(crate) fn schemas() -> Vec<schema::Operation> {
            vec![ $( $(
                schema::Operation {
                    name: stringify!($name),
                    api: stringify!($api_mod),
                    variant: stringify!($variant),
                    summary: schema::first_paragraph(concat!($($doc, "\n"),*)),
                    args_struct: operations!(@struct $( $args )?),
                    args: operations!(@arguments $( $args )?),
                    result: stringify!($result).replace(' ', ""),
                    preflight: operations!(@preflight $( $( $preflight )? )?),
                },
            )+ )+ ]
        }

        /// Builds each operation's call from its arguments as read, in [`OPERATIONS`]' order.
        pub(crate) static BUILDERS: &[fn(Vec<Option<Arg>>) -> Option<Call>] = &[
            $( $( operations!(@builder $variant $(, $args)?), )+ )+
            |values| build(values, Call::Raw),
        ];
    };
    (@gate) => { None };
    (@gate $gate:ident) => { Some(Action::$gate) };
    (@preflight) => { false };
    (@preflight preflight) => { true };
    (@pattern $a:ident $variant:ident) => { Call::$variant };
    (@pattern $a:ident $variant:ident, $args:ty) => { Call::$variant($a) };
    (@dyn $a:ident) => { None };
    (@dyn $a:ident, $args:ty) => { Some($a as &dyn CallArgs) };
    (@builder $variant:ident) => { |_| Some(Call::$variant) };
    (@builder $variant:ident, $args:ty) => { |values| build(values, Call::$variant) };
    (@struct) => { None };
    (@struct $args:ty) => { Some(stringify!($args)) };
    (@arguments) => { Vec::new() };
    (@arguments $args:ty) => { <$args>::TABLE.arguments() };
    (@table) => { None };
    (@table $args:ty) => { Some(&<$args>::TABLE) };
}

/// The table itself, handed to `$then` (`operations` here; the blocking clients' methods in
/// `client/`). Each parameter is `name: TypedType as HostType`: the typed function takes the
/// first, a client method the second (checked when the call is built).
macro_rules! operation_table {
    ($then:ident) => {
        $then! {
            faithserver: FaithServer {
                /// `GET /servers`: every active server the key can reach.
                ///
                /// ```
                /// let op = vpskit::faithserver::list_servers();
                /// let request = op.request(&vpskit::Config::faithserver("fs_live_x")?)?;
                /// assert_eq!(request.url, "https://api.faithserver.com/api/v1/servers");
                /// # Ok::<(), vpskit::Error>(())
                /// ```
                fn list_servers() -> Vec<Server> = ListServers, Get "/servers";
                /// `GET /servers/{id}`: one server (its short detail).
                fn get_server(id: &ServiceId as &str) -> Server
                    = GetServer(IdArgs), Get "/servers/{id}";
                /// `GET /servers/{id}/status`: the power state, read live from the backend.
                fn get_status(id: &ServiceId as &str) -> PowerStatus
                    = GetStatus(IdArgs), Get "/servers/{id}/status", gated Status;
                /// `GET /servers/{id}/overview`: name, region, IP address, status, plan and
                /// capabilities.
                fn get_overview(id: &ServiceId as &str) -> Overview
                    = GetOverview(IdArgs), Get "/servers/{id}/overview", gated Overview;
                /// `POST /servers/{id}/start`: powers the server on (checked by the preflight).
                fn start(id: &ServiceId as &str) -> ActionResult
                    = Start(IdArgs), Post "/servers/{id}/start", gated Start preflight;
                /// `POST /servers/{id}/stop`: powers the server off (checked by the preflight).
                fn stop(id: &ServiceId as &str) -> ActionResult
                    = Stop(IdArgs), Post "/servers/{id}/stop", gated Stop preflight;
                /// `POST /servers/{id}/reboot`: reboots the server (a hardware reboot on dedicated
                /// servers; checked by the preflight).
                fn reboot(id: &ServiceId as &str) -> ActionResult
                    = Reboot(IdArgs), Post "/servers/{id}/reboot", gated Reboot preflight;
                /// `POST /servers/{id}/wol`: Wake-on-LAN (Flexible Dedicated Servers).
                fn wake_on_lan(id: &ServiceId as &str) -> ActionResult
                    = WakeOnLan(IdArgs), Post "/servers/{id}/wol", gated Wol preflight;
                /// `GET /servers/{id}/console`: a temporary noVNC URL, a secret (it carries a
                /// token; Premium VPS, running servers only).
                fn get_console(id: &ServiceId as &str) -> ConsoleSession
                    = GetConsole(IdArgs), Get "/servers/{id}/console", gated Console preflight;
                /// `GET /servers/{id}/rescue/status`: whether rescue mode is on or waits for a
                /// reboot.
                fn get_rescue_status(id: &ServiceId as &str) -> RescueStatus
                    = GetRescueStatus(IdArgs), Get "/servers/{id}/rescue/status", gated Rescue;
                /// `POST /servers/{id}/rescue/enable`: rescue mode from the next reboot.
                fn enable_rescue(id: &ServiceId as &str) -> ActionResult
                    = EnableRescue(IdArgs), Post "/servers/{id}/rescue/enable",
                      gated Rescue preflight;
                /// `POST /servers/{id}/rescue/disable`: back to normal boot from the next reboot.
                fn disable_rescue(id: &ServiceId as &str) -> ActionResult
                    = DisableRescue(IdArgs), Post "/servers/{id}/rescue/disable", gated Rescue preflight;
                /// `GET /servers/{id}/images`: images (Premium) or OS templates (Budget) for
                /// reinstall.
                fn list_images(id: &ServiceId as &str) -> ImageList
                    = ListImages(IdArgs), Get "/servers/{id}/images", gated Images;
                /// `POST /servers/{id}/reinstall`: **erases the server**. Premium VPS: an image id;
                /// Budget VPS: an OS template id and a root password.
                ///
                /// ```
                /// use vpskit::{faithserver::{reinstall, ReinstallRequest}, Config, ServiceId};
                /// let id = ServiceId::parse("fsrv_158")?;
                /// let op = reinstall(&id, &ReinstallRequest::os_template("1109", "PasswordKuat123!")?);
                /// let request = op.request(&Config::faithserver("fs_live_x")?)?;
                /// let body = r#"{"osid":"1109","password":"PasswordKuat123!"}"#;
                /// assert_eq!(request.body_text(), Some(body));
                /// # Ok::<(), vpskit::Error>(())
                /// ```
                fn reinstall(id: &ServiceId as &str, request: &ReinstallRequest as &ReinstallRequest)
                    -> ActionResult
                    = Reinstall(ReinstallArgs), Post "/servers/{id}/reinstall", gated Reinstall preflight;
                /// `POST /servers/{id}/reset-password`: no body (generated, Premium) or a custom
                /// password (Budget).
                fn reset_password(id: &ServiceId as &str, password: Option<&Password> as Option<&str>)
                    -> ActionResult
                    = ResetPassword(ResetPasswordArgs), Post "/servers/{id}/reset-password",
                      gated ResetPassword preflight;
                /// `GET /servers/{id}/credentials`: the login credentials (passwords are secrets).
                fn list_credentials(id: &ServiceId as &str) -> Vec<Credential>
                    = ListCredentials(IdArgs), Get "/servers/{id}/credentials", gated Credentials;
                /// `GET /servers/{id}/credentials/{type}/{username}`: one credential.
                fn get_credential(
                    id: &ServiceId as &str, kind: &CredentialType as &str, username: &Username as &str
                ) -> Credential
                    = GetCredential(CredentialArgs), Get "/servers/{id}/credentials/{type}/{username}",
                      gated Credentials;
                /// `GET /servers/{id}/traffic`: traffic for a period (`?period=month`, Premium VPS)
                /// or a month (`?month=YYYYMM`, Budget VPS).
                fn get_traffic(id: &ServiceId as &str, query: &TrafficQuery as &TrafficQuery) -> Traffic
                    = GetTraffic(TrafficArgs), Get "/servers/{id}/traffic", gated Traffic preflight;
                /// `GET /servers/{id}/ips`: the server's IP addresses.
                fn list_ips(id: &ServiceId as &str) -> Vec<IpAddress>
                    = ListIps(IdArgs), Get "/servers/{id}/ips", gated Ips;
                /// `GET /servers/{id}/monitor`: CPU, memory, disk and uptime.
                fn get_monitor(id: &ServiceId as &str) -> Monitor
                    = GetMonitor(IdArgs), Get "/servers/{id}/monitor", gated Monitor;
                /// `GET /servers/{id}/tasks`: recent tasks of the server, where its product keeps
                /// them.
                fn list_tasks(id: &ServiceId as &str) -> Vec<LogEntry>
                    = ListTasks(IdArgs), Get "/servers/{id}/tasks", gated Tasks;
                /// `GET /servers/{id}/actions`: the server's action log.
                fn list_server_actions(id: &ServiceId as &str) -> Vec<LogEntry>
                    = ListServerActions(IdArgs), Get "/servers/{id}/actions";
                /// `GET /logs`: every API log of the account.
                fn list_logs() -> Vec<LogEntry> = ListLogs, Get "/logs";
                /// `GET /jobs`: the account's jobs.
                fn list_jobs() -> Vec<Job> = ListJobs, Get "/jobs";
                /// `GET /jobs/{job_id}`: one job (a client's `wait_for_job` waits for it).
                fn get_job(job_id: &JobId as &str) -> Job = GetJob(JobArgs), Get "/jobs/{job_id}";
            }
            vpsorg: VpsOrg {
                /// `GET /account/me/`: the account and the token used (its permissions and expiry).
                /// The trailing slash is part of the path.
                ///
                /// ```
                /// use vpskit::{vpsorg, Config};
                /// let request = vpsorg::get_account().request(&Config::vpsorg("vps_token")?)?;
                /// assert_eq!(request.url, "https://admin.vps.org/api/v1/account/me/");
                /// # Ok::<(), vpskit::Error>(())
                /// ```
                fn get_account() -> AccountInfo = GetAccount, Get "/account/me/";
            }
        }
    };
}

pub(crate) use operation_table;

operation_table!(operations);
