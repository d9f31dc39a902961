//! A result written straight to JSON text, in the member-name style a host wants.
//!
//! [`crate::Call::parse`] gives a `serde_json::Value`: handy, but every member is an allocation.
//! Hosts that hand the result to their own JSON parser (JavaScript's `JSON.parse`, a JVM JSON
//! library) only need text, so [`crate::Call::parse_json`] serializes the typed result directly,
//! renaming members on the way with a `serde_json` formatter instead of a second pass.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CharEscape, CompactFormatter, Formatter};

use crate::error::Error;
use crate::secret::SECRET_MARKER;

/// How member names are written.
///
/// ```
/// use vpskit::KeyCase;
/// assert_eq!(KeyCase::Camel.rename("allowed_actions"), "allowedActions");
/// assert_eq!(KeyCase::Snake.rename("allowed_actions"), "allowed_actions");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeyCase {
    /// As the core names them (`allowed_actions`): the conformance vectors' form.
    #[default]
    Snake,
    /// `allowedActions`: an `_` before a lower-case ASCII letter or a digit is dropped and the
    /// letter upper-cased; every other character is kept (`a__b` → `a_B`, `x_` → `x_`).
    Camel,
}

impl KeyCase {
    /// A member name in this style.
    pub fn rename(self, name: &str) -> String {
        let mut out = Vec::with_capacity(name.len());
        let mut writer = KeyWriter::new(self);
        // Writing into a Vec cannot fail.
        let _ = writer.fragment(&mut out, name.as_bytes());
        let _ = writer.finish(&mut out);
        String::from_utf8(out).unwrap_or_else(|_| name.to_string())
    }
}

/// A result as JSON text.
///
/// ```
/// use vpskit::{Call, HttpResponse, KeyCase};
/// let call = Call::from_json(r#"{"operation":"get_status","args":{"id":"fsrv_111"}}"#)?;
/// let body = br#"{"success":true,"data":{"status":"running","power_state":"on"}}"#;
/// let json = call.parse_json(&HttpResponse::new(200, vec![], body.to_vec()), KeyCase::Camel)?;
/// assert!(json.text.contains(r#""powerState":"on""#));
/// assert!(!json.has_secret);
/// # Ok::<(), vpskit::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ResultJson {
    /// The JSON text; secrets are marked `{"$secret": …}` and so are in it in clear.
    pub text: String,
    /// Whether a `$secret` member was written, so a host that finds none need not look.
    pub has_secret: bool,
}

impl std::fmt::Debug for ResultJson {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The text may hold secrets (marked, but in clear).
        f.debug_struct("ResultJson")
            .field("len", &self.text.len())
            .field("has_secret", &self.has_secret)
            .finish_non_exhaustive()
    }
}

/// Serializes `value` as compact JSON with member names in `case`.
pub(crate) fn to_result_json<T: Serialize + ?Sized>(
    value: &T,
    case: KeyCase,
    capacity: usize,
) -> Result<ResultJson, Error> {
    let mut out = Vec::with_capacity(capacity);
    let mut has_secret = false;
    let formatter = KeyCaseFormatter {
        keys: KeyWriter::new(case),
        in_key: false,
        has_secret: &mut has_secret,
    };
    value
        .serialize(&mut serde_json::Serializer::with_formatter(
            &mut out, formatter,
        ))
        .map_err(|e| Error::decode(format!("result: {e}")))?;
    let text = String::from_utf8(out)
        .map_err(|e| Error::internal(format!("result JSON is not UTF-8: {e}")))?;
    Ok(ResultJson { text, has_secret })
}

/// Renames one member name as it streams through, fragment by fragment.
struct KeyWriter {
    case: KeyCase,
    /// An `_` read but not yet written: it is dropped if a lower-case letter or digit follows.
    pending_underscore: bool,
}

impl KeyWriter {
    fn new(case: KeyCase) -> Self {
        KeyWriter {
            case,
            pending_underscore: false,
        }
    }

    fn fragment<W: ?Sized + Write>(&mut self, writer: &mut W, bytes: &[u8]) -> io::Result<()> {
        if self.case == KeyCase::Snake || (!self.pending_underscore && !bytes.contains(&b'_')) {
            return writer.write_all(bytes);
        }
        let mut start = 0;
        for (i, &byte) in bytes.iter().enumerate() {
            if self.pending_underscore {
                self.pending_underscore = false;
                if byte.is_ascii_lowercase() || byte.is_ascii_digit() {
                    writer.write_all(&[byte.to_ascii_uppercase()])?;
                    start = i + 1;
                    continue;
                }
                writer.write_all(b"_")?;
            }
            if byte == b'_' {
                writer.write_all(bytes.get(start..i).unwrap_or_default())?;
                self.pending_underscore = true;
                start = i + 1;
            }
        }
        writer.write_all(bytes.get(start..).unwrap_or_default())
    }

    /// Writes an `_` still pending (before an escape or at the end of the name).
    fn finish<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        if std::mem::take(&mut self.pending_underscore) {
            writer.write_all(b"_")?;
        }
        Ok(())
    }
}

/// `serde_json`'s compact formatter, renaming member names and noticing secret markers.
struct KeyCaseFormatter<'a> {
    keys: KeyWriter,
    in_key: bool,
    has_secret: &'a mut bool,
}

impl Formatter for KeyCaseFormatter<'_> {
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.in_key = true;
        CompactFormatter.begin_object_key(writer, first)
    }

    fn end_object_key<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.in_key = false;
        Ok(())
    }

    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        if !self.in_key {
            return writer.write_all(fragment.as_bytes());
        }
        // A marker may be reported where there is none (a name beginning `$secret` then an
        // escape); the host then looks and finds nothing. One is never missed.
        if fragment == SECRET_MARKER {
            *self.has_secret = true;
        }
        self.keys.fragment(writer, fragment.as_bytes())
    }

    fn write_char_escape<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        char_escape: CharEscape,
    ) -> io::Result<()> {
        if self.in_key {
            self.keys.finish(writer)?;
        }
        CompactFormatter.write_char_escape(writer, char_escape)
    }

    fn end_string<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        if self.in_key {
            self.keys.finish(writer)?;
        }
        writer.write_all(b"\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn camel_case_follows_the_documented_rule() {
        for (snake, camel) in [
            ("allowed_actions", "allowedActions"),
            ("ipv_4", "ipv4"),
            ("a__b", "a_B"),
            ("_x", "X"),
            ("x_", "x_"),
            ("x__", "x__"),
            ("$secret", "$secret"),
            ("_A", "_A"),
            ("é_é", "é_é"),
            ("", ""),
        ] {
            assert_eq!(KeyCase::Camel.rename(snake), camel, "{snake}");
        }
    }

    #[test]
    fn text_matches_the_value_form_with_names_renamed() {
        let value = json!({"server_id": "a\"b_c", "list": [1, 2.5, null, true, -3],
            "provider_response": {"url": {"$secret": "t0k"}}, "we\"ird_key": {"x_\ny": 1}});
        let snake = to_result_json(&value, KeyCase::Snake, 0).unwrap();
        assert!(snake.has_secret);
        assert_eq!(snake.text, serde_json::to_string(&value).unwrap());
        let camel = to_result_json(&value, KeyCase::Camel, 0).unwrap();
        let back: Value = serde_json::from_str(&camel.text).unwrap();
        assert_eq!(back["serverId"], "a\"b_c", "values are never renamed");
        assert_eq!(back["providerResponse"]["url"]["$secret"], "t0k");
        assert_eq!(back["we\"irdKey"]["x_\ny"], 1);
        assert!(
            !to_result_json(&json!({"a_b": "$secret"}), KeyCase::Camel, 0)
                .unwrap()
                .has_secret
        );
    }

    #[test]
    fn debug_never_shows_the_text() {
        let json = to_result_json(&json!({"password": {"$secret": "p4ss"}}), KeyCase::Snake, 0);
        assert!(!format!("{json:?}").contains("p4ss"));
    }
}
