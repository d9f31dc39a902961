//! Reads a [`Call`] from JSON text: `{"operation": "reboot", "args": {"id": "fsrv_111"}}`.
//!
//! `Call`'s derived `Deserialize` stays the reference (the unit tests compare both on arbitrary
//! calls, paths by `serde_path_to_error`), but every host reads calls through this reader
//! instead: the derived reader of an enum of 27 variants, each with its argument struct, is
//! compiled once for streaming and once for buffered content, and was the largest single item
//! of the WebAssembly package. Here one table names each operation's arguments and one walker
//! over vpskit's JSON reader (`json_reader`) fills them, with serde's own messages (`unknown
//! variant`, `unknown field`, `missing field`, `duplicate field`).
//!
//! The reader wants `operation` before `args`; [`Call::from_json`] rewrites other calls in that
//! order before it reads them again (see `call.rs`).

use std::collections::BTreeMap;

use crate::call::{
    Call, CredentialArgs, IdArgs, JobArgs, RawArgs, ReinstallArgs, ResetPasswordArgs, TrafficArgs,
    OPERATIONS,
};
use crate::json::path::{
    duplicate_field, missing_field, object, one_of, opt_string, refuse, refuse_secret, string,
    too_few_elements, trailing_items, Fault,
};
use crate::json::reader::{Reader, Token};
use crate::secret::Secret;

/// Reads a call from text whose `operation` comes before its `args`.
pub(crate) fn read_call(text: &str) -> Result<Call, Fault> {
    let mut reader = Reader::new(text);
    let call = call(&mut reader)?;
    reader.finish()?;
    Ok(call)
}

/// The arguments an operation takes.
#[derive(Clone, Copy)]
enum ArgsKind {
    None,
    Id,
    Reinstall,
    ResetPassword,
    Credential,
    Traffic,
    Job,
    Raw,
}

/// What an argument holds.
#[derive(Clone, Copy)]
enum ArgKind {
    /// A string, required.
    Str,
    /// A string or `null`, may be missing.
    OptStr,
    /// A secret string or `null`, may be missing.
    OptSecret,
    /// An object of strings, may be missing.
    Query,
    /// Any JSON or `null`, may be missing.
    OptJson,
}

/// An argument read.
enum Arg {
    Str(String),
    OptStr(Option<String>),
    OptSecret(Option<Secret>),
    Query(BTreeMap<String, String>),
    OptJson(Option<serde_json::Value>),
}

/// The arguments of a kind: serde's struct name, the member names, what each holds.
struct ArgsTable {
    name: &'static str,
    names: &'static [&'static str],
    kinds: &'static [ArgKind],
}

use ArgKind::{OptJson, OptSecret, OptStr, Query, Str};

impl ArgsKind {
    /// The kind of arguments of operation `index` of [`OPERATIONS`].
    fn of(index: usize) -> ArgsKind {
        match OPERATIONS.get(index).copied().unwrap_or("") {
            "list_servers" | "list_logs" | "list_jobs" | "get_account" => ArgsKind::None,
            "reinstall" => ArgsKind::Reinstall,
            "reset_password" => ArgsKind::ResetPassword,
            "get_credential" => ArgsKind::Credential,
            "get_traffic" => ArgsKind::Traffic,
            "get_job" => ArgsKind::Job,
            "raw" => ArgsKind::Raw,
            _ => ArgsKind::Id,
        }
    }

    fn table(self) -> ArgsTable {
        let (name, names, kinds): (_, &'static [&'static str], &'static [ArgKind]) = match self {
            ArgsKind::None => ("unit", &[], &[]),
            ArgsKind::Id => ("struct IdArgs", &["id"], &[Str]),
            ArgsKind::Reinstall => (
                "struct ReinstallArgs",
                &["id", "image_id", "os_id", "password"],
                &[Str, OptStr, OptStr, OptSecret],
            ),
            ArgsKind::ResetPassword => (
                "struct ResetPasswordArgs",
                &["id", "password"],
                &[Str, OptSecret],
            ),
            ArgsKind::Credential => (
                "struct CredentialArgs",
                &["id", "type", "username"],
                &[Str, Str, Str],
            ),
            ArgsKind::Traffic => (
                "struct TrafficArgs",
                &["id", "period", "month"],
                &[Str, OptStr, OptStr],
            ),
            ArgsKind::Job => ("struct JobArgs", &["job_id"], &[Str]),
            ArgsKind::Raw => (
                "struct RawArgs",
                &["method", "path", "query", "body"],
                &[Str, Str, Query, OptJson],
            ),
        };
        ArgsTable { name, names, kinds }
    }
}

/// The call of operation `index` with its arguments.
fn build(index: usize, mut args: Vec<Option<Arg>>) -> Option<Call> {
    let mut take = |i: usize| args.get_mut(i).and_then(Option::take);
    let string = |arg: Option<Arg>| match arg {
        Some(Arg::Str(s)) => Some(s),
        _ => None,
    };
    let opt_string = |arg: Option<Arg>| match arg {
        Some(Arg::OptStr(s)) => s,
        _ => None,
    };
    let opt_secret = |arg: Option<Arg>| match arg {
        Some(Arg::OptSecret(s)) => s,
        _ => None,
    };
    let name = OPERATIONS.get(index).copied()?;
    Some(match ArgsKind::of(index) {
        ArgsKind::None => match name {
            "list_servers" => Call::ListServers,
            "list_logs" => Call::ListLogs,
            "list_jobs" => Call::ListJobs,
            "get_account" => Call::GetAccount,
            _ => return None,
        },
        ArgsKind::Id => {
            let a = IdArgs {
                id: string(take(0))?,
            };
            match name {
                "get_server" => Call::GetServer(a),
                "get_status" => Call::GetStatus(a),
                "get_overview" => Call::GetOverview(a),
                "start" => Call::Start(a),
                "stop" => Call::Stop(a),
                "reboot" => Call::Reboot(a),
                "wake_on_lan" => Call::WakeOnLan(a),
                "get_console" => Call::GetConsole(a),
                "get_rescue_status" => Call::GetRescueStatus(a),
                "enable_rescue" => Call::EnableRescue(a),
                "disable_rescue" => Call::DisableRescue(a),
                "list_images" => Call::ListImages(a),
                "list_credentials" => Call::ListCredentials(a),
                "list_ips" => Call::ListIps(a),
                "get_monitor" => Call::GetMonitor(a),
                "list_tasks" => Call::ListTasks(a),
                "list_server_actions" => Call::ListServerActions(a),
                _ => return None,
            }
        }
        ArgsKind::Reinstall => Call::Reinstall(ReinstallArgs {
            id: string(take(0))?,
            image_id: opt_string(take(1)),
            os_id: opt_string(take(2)),
            password: opt_secret(take(3)),
        }),
        ArgsKind::ResetPassword => Call::ResetPassword(ResetPasswordArgs {
            id: string(take(0))?,
            password: opt_secret(take(1)),
        }),
        ArgsKind::Credential => Call::GetCredential(CredentialArgs {
            id: string(take(0))?,
            kind: string(take(1))?,
            username: string(take(2))?,
        }),
        ArgsKind::Traffic => Call::GetTraffic(TrafficArgs {
            id: string(take(0))?,
            period: opt_string(take(1)),
            month: opt_string(take(2)),
        }),
        ArgsKind::Job => Call::GetJob(JobArgs {
            job_id: string(take(0))?,
        }),
        ArgsKind::Raw => Call::Raw(RawArgs {
            method: string(take(0))?,
            path: string(take(1))?,
            query: match take(2) {
                Some(Arg::Query(q)) => q,
                _ => BTreeMap::new(),
            },
            body: match take(3) {
                Some(Arg::OptJson(v)) => v,
                _ => None,
            },
        }),
    })
}

/// Reads the top of a call: `operation`, then `args`; other members are skipped.
fn call(reader: &mut Reader<'_>) -> Result<Call, Fault> {
    if reader.peek()? != Token::Object {
        return Err(refuse(
            reader,
            "an object {\"operation\": …, \"args\": {…}}",
        ));
    }
    let mut object = reader.object()?;
    let mut operation: Option<usize> = None;
    let mut call: Option<Call> = None;
    while let Some(name) = reader.next_key(&mut object)? {
        match &*name {
            "operation" if operation.is_some() => return Err(duplicate_field("operation")),
            "operation" => {
                operation = Some(operation_index(reader).map_err(|f| f.in_member("operation"))?)
            }
            "args" if call.is_some() => return Err(duplicate_field("args")),
            "args" => {
                let index =
                    operation.ok_or_else(|| Fault::new("`args` before `operation`".to_string()))?;
                call = Some(args(reader, index).map_err(|f| f.in_member("args"))?);
            }
            _ => {
                reader.value()?;
            }
        }
    }
    let index = operation.ok_or_else(|| missing_field("operation"))?;
    match call {
        Some(call) => Ok(call),
        None => match ArgsKind::of(index) {
            ArgsKind::None => build(index, Vec::new()).ok_or_else(unknown_operation),
            _ => Err(missing_field("args")),
        },
    }
}

#[cold]
fn unknown_operation() -> Fault {
    Fault::new("unknown operation".to_string())
}

/// The operation's name, as its index in [`OPERATIONS`].
fn operation_index(reader: &mut Reader<'_>) -> Result<usize, Fault> {
    if reader.peek()? != Token::String {
        return Err(refuse(reader, "an operation name"));
    }
    let name = reader.string()?;
    OPERATIONS.iter().position(|op| *op == name).ok_or_else(|| {
        Fault::new(format!(
            "unknown variant `{name}`, expected {}",
            one_of(&OPERATIONS)
        ))
    })
}

/// The `args` of operation `index`.
fn args(reader: &mut Reader<'_>, index: usize) -> Result<Call, Fault> {
    let kind = ArgsKind::of(index);
    let args = if let ArgsKind::None = kind {
        // serde's unit variant: `null` only.
        if reader.peek()? != Token::Null {
            let variant = match OPERATIONS.get(index).copied() {
                Some("list_logs") => "ListLogs",
                Some("list_jobs") => "ListJobs",
                Some("get_account") => "GetAccount",
                _ => "ListServers",
            };
            return Err(refuse(reader, &format!("unit variant Call::{variant}")));
        }
        reader.null()?;
        Vec::new()
    } else {
        let table = kind.table();
        match reader.peek()? {
            Token::Object => named_args(reader, &table)?,
            Token::Array => positional_args(reader, &table)?,
            _ => return Err(refuse(reader, table.name)),
        }
    };
    build(index, args).ok_or_else(unknown_operation)
}

/// An argument struct as an object of its members (others refused).
fn named_args(reader: &mut Reader<'_>, table: &ArgsTable) -> Result<Vec<Option<Arg>>, Fault> {
    let mut args: Vec<Option<Arg>> = table.kinds.iter().map(|_| None).collect();
    let mut object = reader.object()?;
    while let Some(name) = reader.next_key(&mut object)? {
        let Some(index) = table.names.iter().position(|n| *n == name) else {
            // serde_path_to_error places an unknown name at itself.
            return Err(Fault::new(if table.names.is_empty() {
                format!("unknown field `{name}`, there are no fields")
            } else {
                format!("unknown field `{name}`, expected {}", one_of(table.names))
            })
            .in_member(&name));
        };
        let (Some(slot), Some(&kind)) = (args.get_mut(index), table.kinds.get(index)) else {
            return Err(Fault::new("argument out of range".to_string()));
        };
        if slot.is_some() {
            return Err(duplicate_field(&name));
        }
        *slot = Some(arg(reader, kind).map_err(|f| f.in_member(&name))?);
    }
    for ((arg, kind), name) in args.iter().zip(table.kinds).zip(table.names) {
        if arg.is_none() && matches!(kind, ArgKind::Str) {
            return Err(missing_field(name));
        }
    }
    Ok(args)
}

/// An argument struct as an array of its members in order (serde's derived structs read both).
fn positional_args(reader: &mut Reader<'_>, table: &ArgsTable) -> Result<Vec<Option<Arg>>, Fault> {
    let mut items = reader.array()?;
    let mut args = Vec::with_capacity(table.kinds.len());
    let mut ended = false;
    for (index, &kind) in table.kinds.iter().enumerate() {
        if !ended && reader.next_item(&mut items)? {
            args.push(Some(arg(reader, kind).map_err(|f| f.in_item(index))?));
            continue;
        }
        ended = true;
        // An optional argument may be left out at the end, as `#[serde(default)]` says.
        if matches!(kind, ArgKind::Str) {
            return Err(too_few_elements(index, table.name, table.kinds.len()));
        }
        args.push(None);
    }
    if !ended && reader.next_item(&mut items)? {
        return Err(trailing_items());
    }
    Ok(args)
}

/// One argument of a kind.
fn arg(reader: &mut Reader<'_>, kind: ArgKind) -> Result<Arg, Fault> {
    Ok(match kind {
        ArgKind::Str => Arg::Str(string(reader)?),
        ArgKind::OptStr => Arg::OptStr(opt_string(reader)?),
        ArgKind::OptSecret => Arg::OptSecret(match reader.peek()? {
            Token::Null => {
                reader.null()?;
                None
            }
            Token::String => Some(Secret::new(reader.string()?.into_owned())),
            _ => return Err(refuse_secret(reader)),
        }),
        ArgKind::Query => {
            let mut query = BTreeMap::new();
            object(reader, "a map", |name, reader| {
                query.insert(name.to_owned(), string(reader)?);
                Ok(true)
            })?;
            Arg::Query(query)
        }
        ArgKind::OptJson => Arg::OptJson(match reader.peek()? {
            Token::Null => {
                reader.null()?;
                None
            }
            _ => Some(reader.value()?),
        }),
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::call::{Call, OPERATIONS};
    use crate::error::Error;
    use crate::json::path as json_path;

    /// How calls were read before this reader: `Call`'s derived `Deserialize`, in one pass,
    /// else the careful way with the derived reader, its path found by `serde_path_to_error`.
    pub(crate) fn reference(text: &str) -> Result<Call, Error> {
        if let Ok(call) = serde_json::from_str(text) {
            return Ok(call);
        }
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| Error::validation(format!("call is not JSON: {e}")))?;
        Call::read_carefully(value, |text| {
            let de = &mut serde_json::Deserializer::from_str(text);
            serde_path_to_error::deserialize(de).map_err(|e| {
                let message = e.inner().to_string();
                let message = match message.rfind(" at line ") {
                    Some(at) => message[..at].to_string(),
                    None => message,
                };
                json_path::PathError {
                    path: e.path().to_string(),
                    message,
                }
            })
        })
    }

    const NAMES: &[&str] = &[
        "id", "image_id", "os_id", "password", "type", "username", "period", "month", "job_id",
        "method", "path", "query", "body", "force", "",
    ];

    fn arb_value() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => "[a-z0-9_/]{0,6}".prop_map(|s| format!("{s:?}")),
            1 => Just("null".to_string()),
            1 => Just("12".to_string()),
            1 => Just("true".to_string()),
            1 => Just(r#"{"a":"b"}"#.to_string()),
            1 => Just(r#"{"a":1}"#.to_string()),
            1 => Just(r#"["x"]"#.to_string()),
            1 => Just("{}".to_string()),
        ]
    }

    fn arb_args() -> impl Strategy<Value = String> {
        let member =
            (proptest::sample::select(NAMES), arb_value()).prop_map(|(n, v)| format!("{n:?}:{v}"));
        prop_oneof![
            6 => proptest::collection::vec(member, 0..5).prop_map(|m| format!("{{{}}}", m.join(","))),
            1 => proptest::collection::vec(arb_value(), 0..5).prop_map(|m| format!("[{}]", m.join(","))),
            1 => arb_value(),
        ]
    }

    fn arb_call() -> impl Strategy<Value = String> {
        let operation = prop_oneof![
            8 => proptest::sample::select(OPERATIONS.to_vec()).prop_map(|o| format!("{o:?}")),
            1 => Just("\"format_disk\"".to_string()),
        ];
        let extra = prop_oneof![Just(None), Just(Some("\"x\":[1,{}]".to_string()))];
        (
            operation,
            proptest::option::weighted(0.9, arb_args()),
            extra,
            any::<u8>(),
        )
            .prop_map(|(operation, args, extra, shuffle)| {
                let mut members = vec![format!("\"operation\":{operation}")];
                if let Some(args) = args {
                    members.push(format!("\"args\":{args}"));
                }
                members.extend(extra);
                if shuffle % 4 == 0 {
                    members.reverse();
                }
                if shuffle % 9 == 0 {
                    let again = members[0].clone();
                    members.push(again);
                }
                format!("{{{}}}", members.join(","))
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// The reader reads every call as `Call`'s derived reader does: the same call, or an
        /// error at the same place (the words differ where serde names a type: vpskit says
        /// what was expected in JSON's words).
        #[test]
        fn reads_calls_as_the_derived_reader_does(text in arb_call()) {
            let place = |e: &Error| e.message().split(": ").next().unwrap_or_default().to_string();
            match (Call::from_json(&text), reference(&text)) {
                (Ok(ours), Ok(theirs)) => prop_assert_eq!(ours, theirs, "{}", text),
                (Err(ours), Err(theirs)) => {
                    prop_assert_eq!(place(&ours), place(&theirs), "{}", text)
                }
                (ours, theirs) => prop_assert!(false, "{text}: ours {ours:?}, derived {theirs:?}"),
            }
        }
    }

    /// Where the derived reader says only "expected value", this one says what was wrong.
    #[test]
    fn an_operation_that_is_not_a_string_is_named() {
        let err = Call::from_json(r#"{"operation": 5, "args": {"id": "x"}}"#).unwrap_err();
        assert_eq!(
            err.message(),
            "call argument `operation`: expected an operation name, got a number"
        );
    }

    #[test]
    fn an_array_is_not_a_call_and_its_secrets_stay_out_of_the_message() {
        let err = Call::from_json(r#"["reset_password", {"id": "s", "password": "hunter2"}]"#)
            .unwrap_err();
        assert!(
            err.message().contains("expected an object"),
            "{}",
            err.message()
        );
        assert!(!err.message().contains("hunter2"));
    }
}
