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
use crate::secret::Secret;
use vpskit_json::path::{
    duplicate_field, missing_field, one_of, opt_string, refuse, refuse_secret, string, Fault,
};
use vpskit_json::reader::{Reader, Token};

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
        ArgKind::OptStr | ArgKind::OptDigits => Arg::OptStr(opt_string(reader)?),
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
            vpskit_json::path::object(reader, "an object of strings", |name, reader| {
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
