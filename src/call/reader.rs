//! Reads a [`Call`] from JSON text: `{"operation": "reboot", "args": {"id": "fsrv_111"}}`.
//!
//! The text is checked whole first (a call that is not JSON says so), then read by the
//! operation's row: its arguments' names and kinds ([`ArgsTable`]). `args` may come before
//! `operation`: its text is kept aside and read once the operation is known. Members other than
//! `operation` and `args` are ignored; an argument the operation does not take is refused.

use std::collections::BTreeMap;

use super::args::{Arg, ArgKind, ArgsTable};
use super::table::{ARGS_TABLES, BUILDERS};
use super::{Call, OPERATIONS};
use crate::error::Error;
use crate::json::path::{
    duplicate_field, missing_field, one_of, opt_string, refuse, refuse_secret, string, Fault,
};
use crate::json::reader::{Reader, Token};
use crate::secret::Secret;

/// Reads a call from JSON text.
pub(crate) fn read_call(text: &str) -> Result<Call, Error> {
    let mut check = Reader::new(text);
    if let Err(e) = check.skip().and_then(|()| check.finish()) {
        return Err(Error::validation(format!("call is not JSON: {e}")));
    }
    call(&mut Reader::new(text)).map_err(|fault| {
        let e = fault.into_path_error();
        if e.path == "." {
            Error::validation(format!("call: {}", e.message))
        } else {
            Error::validation(format!("call argument `{}`: {}", e.path, e.message))
        }
    })
}

/// The call: `operation`, and `args` read by the operation's table.
fn call(reader: &mut Reader<'_>) -> Result<Call, Fault> {
    if reader.peek()? != Token::Object {
        // Only the kind: the value may hold a password.
        return Err(refuse(
            reader,
            "an object {\"operation\": …, \"args\": {…}}",
        ));
    }
    let mut object = reader.object()?;
    let (mut operation, mut args): (Option<String>, Option<&str>) = (None, None);
    while let Some(name) = reader.next_key(&mut object)? {
        match &*name {
            "operation" if operation.is_some() => return Err(duplicate_field("operation")),
            "operation" => {
                if reader.peek()? != Token::String {
                    return Err(refuse(reader, "an operation name").in_member("operation"));
                }
                operation = Some(reader.string()?.into_owned());
            }
            "args" if args.is_some() => return Err(duplicate_field("args")),
            "args" => {
                let mark = reader.mark();
                reader.skip()?;
                args = Some(reader.text_since(mark));
            }
            _ => reader.skip()?,
        }
    }
    let name = operation.ok_or_else(|| missing_field("operation"))?;
    let index = OPERATIONS.iter().position(|o| *o == name).ok_or_else(|| {
        Fault::new(format!(
            "unknown operation `{name}`, expected {}",
            one_of(OPERATIONS)
        ))
        .in_member("operation")
    })?;
    let table = ARGS_TABLES.get(index).copied().flatten();
    let values = match (table, args) {
        (None, None) => Vec::new(),
        (None, Some(text)) => {
            no_args(&mut Reader::new(text), &name).map_err(|f| f.in_member("args"))?;
            Vec::new()
        }
        (Some(_), None) => return Err(missing_field("args")),
        (Some(table), Some(text)) => {
            named_args(&mut Reader::new(text), table).map_err(|f| f.in_member("args"))?
        }
    };
    BUILDERS
        .get(index)
        .and_then(|build| build(values))
        .ok_or_else(|| Fault::new(format!("the arguments of `{name}` did not fit its table")))
}

/// The `args` of an operation that takes none: `null` or `{}`.
fn no_args(reader: &mut Reader<'_>, name: &str) -> Result<(), Fault> {
    match reader.peek()? {
        Token::Null => Ok(reader.null()?),
        Token::Object => {
            let mut object = reader.object()?;
            match reader.next_key(&mut object)? {
                None => Ok(()),
                Some(arg) => Err(Fault::new(format!(
                    "unknown argument `{arg}`: `{name}` takes no arguments"
                ))
                .in_member(&arg)),
            }
        }
        _ => Err(refuse(
            reader,
            "null or {} (the operation takes no arguments)",
        )),
    }
}

/// The arguments of `table`, as an object of its members (others refused).
fn named_args(reader: &mut Reader<'_>, table: &ArgsTable) -> Result<Vec<Option<Arg>>, Fault> {
    if reader.peek()? != Token::Object {
        return Err(refuse(reader, "an object of arguments"));
    }
    let mut values: Vec<Option<Arg>> = table.kinds.iter().map(|_| None).collect();
    let mut object = reader.object()?;
    while let Some(name) = reader.next_key(&mut object)? {
        let index = table.names.iter().position(|n| *n == name);
        let (Some(slot), Some(&kind)) = (
            index.and_then(|i| values.get_mut(i)),
            index.and_then(|i| table.kinds.get(i)),
        ) else {
            return Err(Fault::new(format!(
                "unknown argument `{name}`, expected {}",
                one_of(table.names)
            ))
            .in_member(&name));
        };
        if slot.is_some() {
            return Err(duplicate_field(&name));
        }
        *slot = Some(arg(reader, kind).map_err(|f| f.in_member(&name))?);
    }
    for ((value, kind), name) in values.iter().zip(table.kinds).zip(table.names) {
        if value.is_none() && *kind == ArgKind::Str {
            return Err(missing_field(name));
        }
    }
    Ok(values)
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
            crate::json::path::object(reader, "an object of strings", |name, reader| {
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
    use serde_json::Value;

    use super::super::{Call, OPERATIONS};

    /// Whether a call is well formed, judged from its JSON value alone (an oracle independent of
    /// the reader): an object with a known `operation`, and `args` that the operation's
    /// documented arguments fit.
    fn well_formed(value: &Value) -> bool {
        let Some(object) = value.as_object() else {
            return false;
        };
        let Some(name) = object.get("operation").and_then(Value::as_str) else {
            return false;
        };
        let args = object.get("args");
        let expected: &[(&str, &str)] = match name {
            "list_servers" | "list_logs" | "list_jobs" | "get_account" => {
                return match args {
                    None | Some(Value::Null) => true,
                    Some(Value::Object(m)) => m.is_empty(),
                    Some(_) => false,
                }
            }
            "reinstall" => &[
                ("id", "s"),
                ("image_id", "o"),
                ("os_id", "o"),
                ("password", "p"),
            ],
            "reset_password" => &[("id", "s"), ("password", "p")],
            "get_credential" => &[("id", "s"), ("type", "s"), ("username", "s")],
            "get_traffic" => &[("id", "s"), ("period", "o"), ("month", "o")],
            "get_job" => &[("job_id", "s")],
            "raw" => &[
                ("method", "s"),
                ("path", "s"),
                ("query", "q"),
                ("body", "j"),
            ],
            name if OPERATIONS.contains(&name) => &[("id", "s")],
            _ => return false,
        };
        let Some(Value::Object(args)) = args else {
            return false;
        };
        let fits = |kind: &str, v: &Value| match kind {
            "s" => v.is_string(),
            "o" | "p" => v.is_string() || v.is_null(),
            "q" => v
                .as_object()
                .is_some_and(|m| m.values().all(Value::is_string)),
            _ => true,
        };
        args.keys().all(|k| expected.iter().any(|(n, _)| n == k))
            && expected.iter().all(|(n, kind)| match args.get(*n) {
                Some(v) => fits(kind, v),
                None => *kind != "s",
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
        prop_oneof![
            6 => proptest::collection::btree_map(proptest::sample::select(NAMES), arb_value(), 0..5)
                .prop_map(|m| format!("{{{}}}", m.iter().map(|(n, v)| format!("{n:?}:{v}")).collect::<Vec<_>>().join(","))),
            1 => proptest::collection::vec(arb_value(), 0..3).prop_map(|m| format!("[{}]", m.join(","))),
            1 => arb_value(),
        ]
    }

    fn arb_call() -> impl Strategy<Value = String> {
        let operation = prop_oneof![
            8 => proptest::sample::select(OPERATIONS.to_vec()).prop_map(|o| format!("{o:?}")),
            1 => Just("\"format_disk\"".to_string()),
            1 => Just("5".to_string()),
        ];
        let extra = prop_oneof![Just(None), Just(Some("\"x\":[1,{}]".to_string()))];
        (
            operation,
            proptest::option::weighted(0.9, arb_args()),
            extra,
            any::<bool>(),
        )
            .prop_map(|(operation, args, extra, reverse)| {
                let mut members = vec![format!("\"operation\":{operation}")];
                members.extend(args.map(|a| format!("\"args\":{a}")));
                members.extend(extra);
                if reverse {
                    members.reverse();
                }
                format!("{{{}}}", members.join(","))
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// The reader takes exactly the calls the oracle finds well formed, whatever the order
        /// of `operation` and `args`, and reads the operation and server named.
        #[test]
        fn reads_exactly_the_well_formed_calls(text in arb_call()) {
            let value: Value = serde_json::from_str(&text).unwrap();
            match Call::from_json(&text) {
                Ok(call) => {
                    prop_assert!(well_formed(&value), "accepted {}", text);
                    prop_assert_eq!(call.name(), value["operation"].as_str().unwrap());
                    prop_assert_eq!(call.service_id(), value["args"].get("id").and_then(Value::as_str));
                }
                Err(e) => {
                    prop_assert!(!well_formed(&value), "refused {}: {}", text, e);
                    prop_assert!(e.message().starts_with("call"), "{}", e.message());
                }
            }
        }
    }

    #[test]
    fn an_operation_that_is_not_a_string_is_named() {
        let err = Call::from_json(r#"{"operation": 5, "args": {"id": "x"}}"#).unwrap_err();
        assert_eq!(
            err.message(),
            "call argument `operation`: expected an operation name, got a number"
        );
    }

    #[test]
    fn a_call_that_is_not_json_says_so() {
        let err = Call::from_json(r#"{"operation": "reboot""#).unwrap_err();
        assert!(
            err.message().starts_with("call is not JSON: EOF"),
            "{}",
            err.message()
        );
    }

    #[test]
    fn arguments_are_placed_at_their_name() {
        let err = Call::from_json(r#"{"args": {"id": 5}, "operation": "reboot"}"#).unwrap_err();
        assert_eq!(
            err.message(),
            "call argument `args.id`: expected a string, got a number"
        );
        let err = Call::from_json(r#"{"operation": "reboot", "args": {"idd": "x"}}"#).unwrap_err();
        assert_eq!(
            err.message(),
            "call argument `args.idd`: unknown argument `idd`, expected `id`"
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
