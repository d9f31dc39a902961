//! How models are declared and what they hold: the `model!` declaration (struct, reader and
//! writer from one field list), open enums, and the raw JSON a model keeps ([`raw::Json`],
//! [`raw::Extra`]).

pub(crate) mod declare;
pub(crate) mod open_enum;
pub(crate) mod raw;
pub(crate) mod schema;

pub(crate) use declare::model;

use crate::error::Error;
use vpskit_json::path::Fault;
use vpskit_json::reader::Reader;

/// The error of an input `what` (`Server`) that did not fit: its path and what was wrong.
#[cold]
fn input_error(what: &str, fault: Fault) -> Error {
    let e = fault.into_path_error();
    if e.path == "." {
        Error::validation(format!("{what}: {}", e.message))
    } else {
        Error::validation(format!("{what} `{}`: {}", e.path, e.message))
    }
}

/// Reads a whole text with `read`, then checks that nothing follows; `what` names the input in
/// the error.
pub(crate) fn read_text<T>(
    what: &str,
    text: &str,
    read: impl FnOnce(&mut Reader<'_>) -> Result<T, Fault>,
) -> Result<T, Error> {
    let mut reader = Reader::new(text);
    read(&mut reader)
        .and_then(|value| {
            reader.finish()?;
            Ok(value)
        })
        .map_err(|fault| input_error(what, fault))
}
