//! Where and why a read did not fit (`data[0].allowed_actions: expected an array, got a
//! string`), and the reads of single values (a string, a list, an object) that refuse in those
//! words, shared by every reader of typed values.
//!
//! Messages say what was expected in JSON's words and what came instead, by its kind only: a
//! value is never echoed (it may be a secret the model does not know as one). A [`Fault`]
//! gathers the path as the error goes back up, so a read that succeeds pays nothing for it.

use std::fmt::Write as _;

use super::reader::{Parsed, ReadError, Reader, Token};
use super::text::write_number;

/// Where and why a read failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    /// The path of the value that did not fit: `.` for the whole document, else members and
    /// indexes as in `data[0].allowed_actions` (the form `serde_path_to_error` prints).
    pub path: String,
    /// What did not fit, without a position.
    pub message: String,
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Member(String),
    Index(usize),
}

/// Steps from the document down, as `data[0].allowed_actions` (`.` for none).
fn format_path(steps: &[Step]) -> String {
    let mut path = String::new();
    for step in steps {
        match step {
            Step::Member(name) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(name);
            }
            Step::Index(i) => {
                let _ = write!(path, "[{i}]");
            }
        }
    }
    if path.is_empty() {
        ".".to_string()
    } else {
        path
    }
}

/// Why a read failed, and the steps from the value that did not fit out to the
/// document, gathered as the error goes back up.
///
/// ```text
/// Fault::new("missing field `id`").in_item(0).in_member("data")  →  data[0]: missing field `id`
/// ```
#[derive(Debug)]
pub struct Fault {
    message: String,
    /// Innermost first.
    steps: Vec<Step>,
}

impl Fault {
    /// A fault of the value being read.
    #[cold]
    pub fn new(message: String) -> Self {
        Fault {
            message,
            steps: Vec::new(),
        }
    }

    /// The fault, inside the member `name` of an object.
    #[cold]
    pub fn in_member(mut self, name: &str) -> Self {
        self.steps.push(Step::Member(name.to_owned()));
        self
    }

    /// The fault, inside item `index` of an array.
    #[cold]
    pub fn in_item(mut self, index: usize) -> Self {
        self.steps.push(Step::Index(index));
        self
    }

    /// The path and message.
    pub fn into_path_error(mut self) -> PathError {
        self.steps.reverse();
        PathError {
            path: format_path(&self.steps),
            message: self.message,
        }
    }
}

impl From<ReadError> for Fault {
    #[cold]
    fn from(e: ReadError) -> Self {
        Fault::new(e.to_string())
    }
}

/// The message for a value of the wrong kind.
#[cold]
pub fn invalid_type(found: &str, expected: &str) -> Fault {
    Fault::new(format!("expected {expected}, got {found}"))
}

/// The message for a number out of a member's range.
#[cold]
pub fn out_of_range(found: Parsed, expected: &str) -> Fault {
    Fault::new(format!(
        "expected {expected}, got {}",
        describe_number(found)
    ))
}

/// A number in a message: `the number 300`.
#[cold]
pub fn describe_number(number: Parsed) -> String {
    match number {
        Parsed::Unsigned(n) => format!("the number {n}"),
        Parsed::Signed(n) => format!("the number {n}"),
        Parsed::Float(f) => format!("the number {}", float_text(f)),
    }
}

/// A float as serde_json writes it (`5.0`, `1e20`).
pub fn float_text(f: f64) -> String {
    let mut out = Vec::with_capacity(24);
    write_number(&mut out, f);
    String::from_utf8(out).unwrap_or_default()
}

/// What the next value is, by its kind (never its text), not consumed.
#[cold]
fn unexpected(reader: &mut Reader<'_>) -> Result<&'static str, ReadError> {
    Ok(match reader.peek()? {
        Token::Null => "null",
        Token::Bool => "true or false",
        Token::Number => "a number",
        Token::String => "a string",
        Token::Array => "an array",
        Token::Object => "an object",
    })
}

/// The next value is not what a reader of `expected` (`a string`, `u16`) takes.
#[cold]
pub fn refuse(reader: &mut Reader<'_>, expected: &str) -> Fault {
    match unexpected(reader) {
        Ok(found) => invalid_type(found, expected),
        Err(e) => e.into(),
    }
}

/// The next value is not a secret string: said by its kind, as every refusal is, and saying so.
#[cold]
pub fn refuse_secret(reader: &mut Reader<'_>) -> Fault {
    match unexpected(reader) {
        Ok(found) => Fault::new(format!(
            "expected a secret string, got {found} (value withheld)"
        )),
        Err(e) => e.into(),
    }
}

/// The message for a member an object must have.
#[cold]
pub fn missing_field(name: &str) -> Fault {
    Fault::new(format!("missing field `{name}`"))
}

/// The message for a member given twice.
#[cold]
pub fn duplicate_field(name: &str) -> Fault {
    Fault::new(format!("duplicate field `{name}`"))
}

/// A string.
pub fn string(reader: &mut Reader<'_>) -> Result<String, Fault> {
    if reader.peek()? != Token::String {
        return Err(refuse(reader, "a string"));
    }
    Ok(reader.string()?.into_owned())
}

/// A string or `null`.
pub fn opt_string(reader: &mut Reader<'_>) -> Result<Option<String>, Fault> {
    if reader.peek()? == Token::Null {
        reader.null()?;
        return Ok(None);
    }
    string(reader).map(Some)
}

/// An array of items read by `item`.
pub fn list<T>(
    reader: &mut Reader<'_>,
    mut item: impl FnMut(&mut Reader<'_>) -> Result<T, Fault>,
) -> Result<Vec<T>, Fault> {
    if reader.peek()? != Token::Array {
        return Err(refuse(reader, "an array"));
    }
    let mut items = reader.array()?;
    let mut list = Vec::new();
    while reader.next_item(&mut items)? {
        let index = list.len();
        list.push(item(reader).map_err(|f| f.in_item(index))?);
    }
    Ok(list)
}

/// An array of strings.
pub fn strings(reader: &mut Reader<'_>) -> Result<Vec<String>, Fault> {
    list(reader, string)
}

/// An object whose members `member` reads: it is given each name and reads the value of the
/// names it takes (returning `true`); the other values are skipped. `expecting` names the object
/// in a message.
pub fn object(
    reader: &mut Reader<'_>,
    expecting: &str,
    mut member: impl FnMut(&str, &mut Reader<'_>) -> Result<bool, Fault>,
) -> Result<(), Fault> {
    if reader.peek()? != Token::Object {
        return Err(refuse(reader, expecting));
    }
    let mut object = reader.object()?;
    while let Some(name) = reader.next_key(&mut object)? {
        if !member(&name, reader).map_err(|f| f.in_member(&name))? {
            reader
                .value()
                .map_err(|e| Fault::from(e).in_member(&name))?;
        }
    }
    Ok(())
}

/// serde's list of names in a message: `` `a` ``, `` `a` or `b` ``, `` one of `a`, `b`, `c` ``.
pub fn one_of(names: &[&str]) -> String {
    match names {
        [one] => format!("`{one}`"),
        [a, b] => format!("`{a}` or `{b}`"),
        _ => {
            let mut text = "one of ".to_string();
            for (i, name) in names.iter().enumerate() {
                if i > 0 {
                    text.push_str(", ");
                }
                let _ = write!(text, "`{name}`");
            }
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{one_of, refuse, refuse_secret, Fault};
    use crate::reader::Reader;

    #[test]
    fn paths_are_written_from_the_document_down() {
        let fault = Fault::new("missing field `id`".to_string())
            .in_item(0)
            .in_member("data")
            .into_path_error();
        assert_eq!(fault.path, "data[0]");
        let fault = Fault::new("x".to_string())
            .in_member("allowed_actions")
            .in_item(3)
            .into_path_error();
        assert_eq!(fault.path, "[3].allowed_actions");
        assert_eq!(Fault::new("x".to_string()).into_path_error().path, ".");
    }

    #[test]
    fn values_of_the_wrong_type_are_named_by_their_kind_only() {
        for (text, found) in [
            ("null", "null"),
            ("true", "true or false"),
            ("5", "a number"),
            ("-0", "a number"),
            (r#""a\"b""#, "a string"),
            ("[1]", "an array"),
            ("{}", "an object"),
        ] {
            let fault = refuse(&mut Reader::new(text), "a list").into_path_error();
            assert_eq!(fault.message, format!("expected a list, got {found}"));
        }
    }

    #[test]
    fn a_secret_of_the_wrong_type_is_not_echoed() {
        for text in ["1234", "true", "[\"pw\"]", "{\"pw\":1}"] {
            let message = refuse_secret(&mut Reader::new(text))
                .into_path_error()
                .message;
            assert!(
                message.starts_with("expected a secret string, got "),
                "{message}"
            );
            assert!(
                !message.contains("1234") && !message.contains("pw"),
                "{message}"
            );
        }
    }

    #[test]
    fn names_are_listed_as_serde_lists_them() {
        assert_eq!(one_of(&["id"]), "`id`");
        assert_eq!(one_of(&["id", "job_id"]), "`id` or `job_id`");
        assert_eq!(one_of(&["a", "b", "c"]), "one of `a`, `b`, `c`");
    }
}
