//! The first try at a `data` result: a hand-written scan of plain documents.
//!
//! Most success bodies are plain: strings without escapes, small integers, `true`, `false`,
//! `null`, and only the members the model names. This scan reads exactly those, a byte at a time
//! with no per-token dispatch through a general reader, and writes the result's text as it goes (strings
//! are copied as they are: a string without a backslash holds nothing that needs an escape).
//! Anything else (an escape, a float, a negative number, an unmodelled member, a member twice,
//! a missing required member, `success` not `true`, a whole-body result) makes it give up with
//! `None`, and the walker of `shape_reader` reads the body instead, so every error and
//! every unusual value is judged there. The scan therefore never needs to be right about an
//! error, only about plain documents, where the property tests hold it to the typed models.

use crate::json_writer::{first_escape, write_member_key, write_plain_str};
use crate::shape::{Member, MemberValue, Model, Shape};
use crate::shape_reader::{finish_object, Slots, Writer};

/// Deeper than this, the scan gives up (the walker's reader enforces the real limit).
const MAX_DEPTH: usize = 64;

/// Writes the `data` of `{"success": true, "data": …}` in `text` by `shape`, or `None` to let the
/// walker do it (what was written is then left for the caller to drop).
pub(crate) fn scan_envelope(text: &str, shape: &'static Shape, writer: &mut Writer) -> Option<()> {
    let mut scan = Scan { text, pos: 0 };
    scan.expect(b'{')?;
    let (mut success, mut data) = (false, false);
    loop {
        let key = scan.string()?;
        scan.expect(b':')?;
        match key {
            "success" if !success => {
                scan.literal("true")?;
                success = true;
            }
            "data" if !data => {
                scan.value(shape, writer, 0)?;
                data = true;
            }
            _ => return None,
        }
        if !scan.more(b'}')? {
            break;
        }
    }
    scan.whitespace();
    (data && scan.pos == text.len()).then_some(())
}

/// A position in the text.
struct Scan<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Scan<'a> {
    fn whitespace(&mut self) {
        let bytes = self.text.as_bytes();
        while matches!(bytes.get(self.pos), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.pos += 1;
        }
    }

    /// The next byte after whitespace, not consumed.
    fn peek(&mut self) -> Option<u8> {
        self.whitespace();
        self.text.as_bytes().get(self.pos).copied()
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.pos += 1)
    }

    /// After an item: `Some(true)` after a comma (another follows), `Some(false)` at `close`.
    fn more(&mut self, close: u8) -> Option<bool> {
        match self.peek()? {
            b',' => {
                self.pos += 1;
                Some(true)
            }
            b if b == close => {
                self.pos += 1;
                Some(false)
            }
            _ => None,
        }
    }

    fn literal(&mut self, word: &str) -> Option<()> {
        self.whitespace();
        let end = self.pos + word.len();
        (self.text.get(self.pos..end)? == word).then(|| self.pos = end)
    }

    /// A string without escapes or control characters (else `None`), without its quotes.
    fn string(&mut self) -> Option<&'a str> {
        self.expect(b'"')?;
        let start = self.pos;
        let bytes = self.text.as_bytes();
        // The closing quote is the first byte that would need an escape in JSON text.
        let end = start + first_escape(bytes.get(start..)?);
        if bytes.get(end) != Some(&b'"') {
            return None;
        }
        self.pos = end + 1;
        self.text.get(start..end)
    }

    /// Digits of an unsigned integer that fits `max` (no sign, fraction, exponent or leading
    /// zero), as written.
    fn unsigned(&mut self, max: u64) -> Option<&'a str> {
        self.whitespace();
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let length = bytes
            .get(start..)?
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let end = start + length;
        let digits = self.text.get(start..end)?;
        let leading_zero = length > 1 && digits.starts_with('0');
        let not_integer = matches!(bytes.get(end), Some(b'.' | b'e' | b'E'));
        if length == 0 || leading_zero || not_integer || digits.parse::<u64>().ok()? > max {
            return None;
        }
        self.pos = end;
        Some(digits)
    }

    /// Writes one value of `shape`.
    fn value(&mut self, shape: &'static Shape, writer: &mut Writer, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        match shape {
            Shape::Str => write_plain_str(&mut writer.out, self.string()?),
            Shape::Secret => writer.write_secret(self.string()?),
            Shape::Bool => {
                let word = if self.peek()? == b't' {
                    "true"
                } else {
                    "false"
                };
                self.literal(word)?;
                writer.out.extend_from_slice(word.as_bytes());
            }
            Shape::U8 => writer
                .out
                .extend_from_slice(self.unsigned(0xff)?.as_bytes()),
            Shape::U16 => writer
                .out
                .extend_from_slice(self.unsigned(0xffff)?.as_bytes()),
            Shape::U64 => writer
                .out
                .extend_from_slice(self.unsigned(u64::MAX)?.as_bytes()),
            Shape::Nullable(inner) => {
                if self.peek()? == b'n' {
                    self.literal("null")?;
                    writer.out.extend_from_slice(b"null");
                } else {
                    self.value(inner, writer, depth)?;
                }
            }
            Shape::List(item) => {
                self.expect(b'[')?;
                writer.out.push(b'[');
                if self.peek()? == b']' {
                    self.pos += 1;
                } else {
                    loop {
                        self.value(item, writer, depth + 1)?;
                        if !self.more(b']')? {
                            break;
                        }
                        writer.out.push(b',');
                    }
                }
                writer.out.push(b']');
            }
            Shape::Model(model) => self.object(model, writer, depth + 1)?,
            // Numbers that need converting, permissions and free JSON are the reader's.
            Shape::StrOrNum | Shape::F64 | Shape::Permissions | Shape::Json => return None,
        }
        Some(())
    }

    /// Writes an object of `model` whose members are all named by it, each once.
    fn object(&mut self, model: &'static Model, writer: &mut Writer, depth: usize) -> Option<()> {
        self.expect(b'{')?;
        let start = writer.out.len();
        writer.out.push(b'{');
        let mut slots = Slots::new();
        let mut seen = 0u32;
        if self.peek()? == b'}' {
            self.pos += 1;
        } else {
            let mut hint = 0;
            loop {
                let name = self.string()?;
                let index = model.member_index(name, hint)?;
                let member = model.members.get(index)?;
                let bit = 1u32.checked_shl(u32::try_from(index).ok()?)?;
                if seen & bit != 0 {
                    return None;
                }
                seen |= bit;
                hint = index + 1;
                self.expect(b':')?;
                self.member(member, writer, &mut slots, depth)?;
                if !self.more(b'}')? {
                    break;
                }
            }
        }
        if model.missing_required(seen).is_some() {
            return None;
        }
        finish_object(model, writer, start, &slots, None);
        Some(())
    }

    /// Writes a member into its slot (see `shape_reader::read_member`).
    fn member(
        &mut self,
        member: &'static Member,
        writer: &mut Writer,
        slots: &mut Slots,
        depth: usize,
    ) -> Option<()> {
        let MemberValue::Slot(slot, shape) = &member.value else {
            return None;
        };
        if slots.count > 0 {
            writer.out.push(b',');
        }
        let begin = writer.out.len();
        write_member_key(&mut writer.out, writer.case, member);
        self.value(shape, writer, depth)?;
        slots.record(*slot, begin, writer.out.len());
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::scan_envelope;
    use crate::faithserver::shapes::{JOB, LOG_ENTRY, SERVER, TRAFFIC};
    use crate::result_json::KeyCase;
    use crate::shape::Shape;
    use crate::shape_reader::{read_envelope_with_walker, Writer};

    static SHAPES: [Shape; 5] = [
        Shape::List(&Shape::Model(&SERVER)),
        Shape::Model(&SERVER),
        Shape::List(&Shape::Model(&JOB)),
        Shape::Model(&TRAFFIC),
        Shape::List(&Shape::Model(&LOG_ENTRY)),
    ];

    /// Values the scan must read as `serde_json` does, or leave to it.
    fn arb_value() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z _-]{0,8}".prop_map(|s| format!("{s:?}")),
            Just(r#""a\"b""#.to_string()),
            Just(r#""é€😀""#.to_string()),
            Just("\"\u{7f}\"".to_string()),
            prop_oneof![
                Just("0"),
                Just("00"),
                Just("01"),
                Just("7"),
                Just("255"),
                Just("256"),
                Just("65535"),
                Just("65536"),
                Just("18446744073709551615"),
                Just("18446744073709551616"),
                Just("-1"),
                Just("1.0"),
                Just("1e2"),
                Just("2E0"),
                Just("-0")
            ]
            .prop_map(String::from),
            prop_oneof![
                Just("true"),
                Just("false"),
                Just("null"),
                Just("truex"),
                Just("nul"),
                Just("[]"),
                Just("[\"reboot\",\"x\"]"),
                Just("[\"a\",]"),
                Just("{}")
            ]
            .prop_map(String::from),
        ]
    }

    fn arb_object() -> impl Strategy<Value = String> {
        let names = prop_oneof![
            Just("id"),
            Just("name"),
            Just("product"),
            Just("allowed_actions"),
            Just("status"),
            Just("status_code"),
            Just("total_bytes"),
            Just("server_id"),
            Just("region"),
            Just("x"),
        ];
        proptest::collection::vec(
            (
                names,
                arb_value(),
                prop_oneof![Just(""), Just(" "), Just("\n\t")],
            ),
            0..8,
        )
        .prop_map(|members| {
            let members: Vec<String> = members
                .iter()
                .map(|(n, v, ws)| format!("{ws}\"{n}\"{ws}:{ws}{v}"))
                .collect();
            format!("{{{}}}", members.join(","))
        })
    }

    /// The members of a server.
    const SERVER_NAMES: &[&str] = &[
        "id",
        "name",
        "region",
        "product",
        "status",
        "allowed_actions",
    ];

    /// Member names of each of [`SHAPES`]' models, and whether the shape is a list.
    const PLAIN: [(&[&str], bool); 5] = [
        (SERVER_NAMES, true),
        (SERVER_NAMES, false),
        (
            &[
                "server_id",
                "action",
                "status",
                "message",
                "created_at",
                "updated_at",
            ],
            true,
        ),
        (
            &[
                "period",
                "incoming_bytes",
                "outgoing_bytes",
                "total_bytes",
                "limit_bytes",
            ],
            false,
        ),
        (
            &["server_id", "method", "path", "status_code", "message"],
            true,
        ),
    ];

    /// A plain document for shape `which` (what the scan is for), now and then with a value
    /// from [`arb_value`] in one member.
    fn arb_plain_data(which: usize) -> impl Strategy<Value = String> {
        let (names, list) = PLAIN[which];
        let object = (
            proptest::collection::vec("[a-z _-]{0,8}", names.len()),
            any::<bool>(),
            proptest::option::weighted(0.3, (0..names.len(), arb_value())),
        )
            .prop_map(move |(texts, rotate, odd)| {
                let mut members: Vec<String> = names
                    .iter()
                    .zip(&texts)
                    .map(|(n, t)| match *n {
                        "allowed_actions" => format!("\"{n}\":[\"reboot\",{t:?}]"),
                        "status_code" => format!("\"{n}\":{}", t.len() * 50),
                        n if n.ends_with("_bytes") => format!("\"{n}\":{}", t.len() << 40),
                        _ => format!("\"{n}\":{t:?}"),
                    })
                    .collect();
                if let Some((i, value)) = odd {
                    members[i] = format!("\"{}\":{value}", names[i]);
                }
                if rotate {
                    members.rotate_left(1);
                }
                format!("{{{}}}", members.join(","))
            });
        proptest::collection::vec(object, if list { 0..4 } else { 1..2 }).prop_map(move |items| {
            if list {
                format!("[{}]", items.join(","))
            } else {
                items.concat()
            }
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// Whatever the scan writes is what the walker writes from the same text.
        #[test]
        fn the_scan_writes_what_the_walker_writes(
            which in 0..SHAPES.len(),
            items in proptest::collection::vec(arb_object(), 0..3),
            list in any::<bool>(),
            tail in prop_oneof![Just(""), Just(" "), Just("x"), Just(",\"y\":1")],
        ) {
            let data = if list { format!("[{}]", items.join(",")) } else { items.first().cloned().unwrap_or_default() };
            let text = format!("{{\"success\":true,\"data\":{data}}}{tail}");
            let shape = &SHAPES[which];
            for case in [KeyCase::Snake, KeyCase::Camel] {
                let mut scanned = Writer::new(case, 0);
                if scan_envelope(&text, shape, &mut scanned).is_some() {
                    let mut read = Writer::new(case, 0);
                    prop_assert!(read_envelope_with_walker(&text, shape, &mut read).is_ok(), "{}", text);
                    prop_assert_eq!(String::from_utf8_lossy(&scanned.out), String::from_utf8_lossy(&read.out), "{}", text);
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// The same on plain documents, which the scan mostly reads itself.
        #[test]
        fn plain_documents_are_scanned_as_serde_reads_them(
            (which, data) in (0..SHAPES.len()).prop_flat_map(|w| (Just(w), arb_plain_data(w))),
            camel in any::<bool>(),
        ) {
            let text = format!("{{\"success\": true, \"data\": {data}}}");
            let case = if camel { KeyCase::Camel } else { KeyCase::Snake };
            let mut scanned = Writer::new(case, 0);
            if scan_envelope(&text, &SHAPES[which], &mut scanned).is_some() {
                let mut read = Writer::new(case, 0);
                prop_assert!(read_envelope_with_walker(&text, &SHAPES[which], &mut read).is_ok(), "{}", text);
                prop_assert_eq!(String::from_utf8_lossy(&scanned.out), String::from_utf8_lossy(&read.out), "{}", text);
            }
        }
    }

    #[test]
    fn plain_documents_are_scanned_and_the_rest_left_to_the_walker() {
        let shape = &SHAPES[0];
        let scan = |text: &str| scan_envelope(text, shape, &mut Writer::new(KeyCase::Camel, 0));
        let server =
            r#"{"id":"a","name":null,"product":"Budget VPS","allowed_actions":["reboot"]}"#;
        assert!(scan(&format!(
            r#"{{"success": true, "data": [{server}, {server}]}}"#
        ))
        .is_some());
        for refused in [
            r#"{"success":true,"data":[{"id":"a\n","product":"p","allowed_actions":[]}]}"#,
            r#"{"success":true,"data":[{"id":"a","product":"p","allowed_actions":[],"extra":1}]}"#,
            r#"{"success":true,"data":[{"id":"a","id":"b","product":"p","allowed_actions":[]}]}"#,
            r#"{"success":true,"data":[{"product":"p","allowed_actions":[]}]}"#,
            r#"{"success":false,"data":[]}"#,
            r#"{"success":true,"data":[],"message":"ok"}"#,
            r#"{"success":true,"data":[]} x"#,
        ] {
            assert!(scan(refused).is_none(), "{refused}");
        }
    }
}
