//! A compact JSON writer for typed results: a `serde::Serializer` straight into a byte buffer,
//! renaming member names on the way and noticing secret markers.
//!
//! It writes what `serde_json::to_string` writes (same escapes, same number forms: the numbers are
//! formatted by `serde_json`'s own formatter), with member names in a [`KeyCase`]. It exists for
//! speed: a result the JavaScript package hands to `JSON.parse` is written once per call, and
//! `serde_json`'s serializer reaches the buffer through `io::Write` and a formatter hook per
//! string fragment, where this writer copies each string with one scan.

use std::fmt::{self, Display};

use serde::ser::{self, Impossible, Serialize};
use serde_json::ser::{CompactFormatter, Formatter};

use super::case::{camel_case_bytes, KeyCase};
use super::SECRET_MARKER;

/// Why a value could not be written (a map key that is not a string, or a type's own error).
#[derive(Debug)]
pub(crate) struct WriteError(String);

impl Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WriteError {}

impl ser::Error for WriteError {
    fn custom<T: Display>(msg: T) -> Self {
        WriteError(msg.to_string())
    }
}

/// Writes `value` as compact JSON with member names in `case` after what `out` holds; gives the
/// text back with whether a secret marker was written.
pub(crate) fn write_json<T: Serialize + ?Sized>(
    value: &T,
    case: KeyCase,
    out: Vec<u8>,
) -> Result<(Vec<u8>, bool), WriteError> {
    let mut writer = JsonWriter {
        out,
        case,
        has_secret: false,
    };
    value.serialize(&mut writer)?;
    Ok((writer.out, writer.has_secret))
}

/// JSON text being written.
struct JsonWriter {
    out: Vec<u8>,
    case: KeyCase,
    has_secret: bool,
}

impl JsonWriter {
    fn write_member_name(&mut self, name: &str) {
        if name == SECRET_MARKER {
            self.has_secret = true;
        }
        write_key(&mut self.out, self.case, name);
    }
}

fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// Writes the escape of a byte that [`needs_escape`], as `serde_json` writes it: the short forms,
/// else `\u00XX`.
fn write_escape(out: &mut Vec<u8>, byte: u8) {
    let short = match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x0c => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        _ => {
            let hex = |n: u8| if n < 10 { b'0' + n } else { b'a' + n - 10 };
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', hex(byte >> 4), hex(byte & 0xf)]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

/// The index of the first byte of `bytes` that needs an escape, or `bytes.len()`.
///
/// Eight bytes at a time: a byte needs an escape if it is below 0x20, `"` or `\\`. The
/// word tests below can also flag bytes after a flagged one (a borrow runs on), never before
/// it, so the lowest flag is exact.
pub(crate) fn first_escape(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGHS;
        let flags = below_space
            | has_zero(x ^ (ONES * u64::from(b'"')))
            | has_zero(x ^ (ONES * u64::from(b'\\')));
        if flags != 0 {
            return offset + (flags.trailing_zeros() / 8) as usize;
        }
        offset += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&byte| needs_escape(byte))
        .map_or(bytes.len(), |i| offset + i)
}

/// Writes `text` quoted and escaped.
pub(crate) fn write_str(out: &mut Vec<u8>, text: &str) {
    let mut rest = text.as_bytes();
    // Room for the quotes and for a whole word past the end (see `copy_clean`).
    make_room(out, rest.len() + 2 + 8);
    out.push(b'"');
    loop {
        let at = first_escape(rest);
        let (clean, escaped) = rest.split_at(at.min(rest.len()));
        copy_clean(out, clean);
        let Some((&byte, after)) = escaped.split_first() else {
            break;
        };
        write_escape(out, byte);
        rest = after;
    }
    out.push(b'"');
}

/// Writes `text` quoted, as it is: for text known to need no escape (no `"`, `\\` or control
/// character), such as an open enum's documented word.
pub(crate) fn write_clean_str(out: &mut Vec<u8>, text: &str) {
    make_room(out, text.len() + 2 + 8);
    out.push(b'"');
    copy_clean(out, text.as_bytes());
    out.push(b'"');
}

/// Reserves room for `additional` bytes when there is not enough: the check inlined, the call
/// (`Vec::reserve`, not inlined in the size-tuned WebAssembly build) only when it grows.
#[inline]
fn make_room(out: &mut Vec<u8>, additional: usize) {
    if out.capacity() - out.len() < additional {
        out.reserve(additional);
    }
}

/// Appends `bytes` eight at a time, the tail as one word too (then cut back to its length).
///
/// Strings here are mostly shorter than sixteen bytes, and a copy of unknown length is a call to
/// `memcpy` (in WebAssembly, `memory.copy`: a call out of the module in V8), dear for a few bytes.
/// A word of known size is a plain store. The caller leaves eight bytes of room beyond `bytes`
/// (else the store grows the buffer, as any `extend` does).
fn copy_clean(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut buffer = [0; 8];
        buffer.copy_from_slice(word);
        out.extend_from_slice(&buffer);
    }
    let tail = words.remainder();
    if !tail.is_empty() {
        let mut word = 0u64;
        for (i, &byte) in tail.iter().enumerate() {
            word |= u64::from(byte) << (8 * i);
        }
        let end = out.len() + tail.len();
        out.extend_from_slice(&word.to_le_bytes());
        out.truncate(end);
    }
}

/// Writes a member name quoted and escaped, renamed to `case` (see [`KeyCase::Camel`]).
pub(crate) fn write_key(out: &mut Vec<u8>, case: KeyCase, key: &str) {
    let bytes = key.as_bytes();
    if case == KeyCase::Snake || !bytes.contains(&b'_') {
        return write_str(out, key);
    }
    make_room(out, bytes.len() + 2);
    out.push(b'"');
    camel_case_bytes(bytes, |byte| {
        if needs_escape(byte) {
            write_escape(out, byte);
        } else {
            out.push(byte);
        }
    });
    out.push(b'"');
}

/// A number as `serde_json` writes it (`f64` by its shortest round trip, `5.0` for five; a
/// non-finite `f64` as `null`).
pub(crate) fn write_number<N: JsonNumber>(out: &mut Vec<u8>, n: N) {
    n.write(out);
}

/// The numbers [`write_number`] writes.
pub(crate) trait JsonNumber {
    /// Appends the number's JSON text.
    fn write(self, out: &mut Vec<u8>);
}

macro_rules! json_number {
    ($($ty:ty => $write:ident),+) => {$(
        impl JsonNumber for $ty {
            fn write(self, out: &mut Vec<u8>) {
                let _ = CompactFormatter.$write(out, self);
            }
        }
    )+};
}

json_number!(u8 => write_u8, u16 => write_u16, u64 => write_u64, i64 => write_i64);

impl JsonNumber for f64 {
    fn write(self, out: &mut Vec<u8>) {
        if self.is_finite() {
            let _ = CompactFormatter.write_f64(out, self);
        } else {
            out.extend_from_slice(b"null");
        }
    }
}

/// Writes `value` as compact JSON after `out`, as `serde_json::to_writer` does (names as they are,
/// nothing marked). The one JSON writer vpskit compiles, so `serde_json`'s is left out of the
/// WebAssembly package.
pub(crate) fn write_value(out: &mut Vec<u8>, value: &serde_json::Value) {
    with_writer(out, KeyCase::Snake, |writer| value.serialize(writer));
}

/// `value` as compact JSON text (see [`write_value`]).
pub(crate) fn value_text(value: &serde_json::Value) -> String {
    let mut out = Vec::new();
    write_value(&mut out, value);
    // The writer writes UTF-8 only.
    String::from_utf8(out).unwrap_or_default()
}

/// Runs `write` with a writer over `out`'s buffer.
fn with_writer(
    out: &mut Vec<u8>,
    case: KeyCase,
    write: impl FnOnce(&mut JsonWriter) -> Result<(), WriteError>,
) -> bool {
    let mut writer = JsonWriter {
        out: std::mem::take(out),
        case,
        has_secret: false,
    };
    // A JSON value has string keys only, so writing it cannot fail.
    let _ = write(&mut writer);
    *out = writer.out;
    writer.has_secret
}

/// Numbers are written by `serde_json`'s formatter; writing into a `Vec` cannot fail.
macro_rules! number {
    ($($method:ident($ty:ty) => $write:ident;)+) => {
        $(fn $method(self, v: $ty) -> Result<(), WriteError> {
            let _ = CompactFormatter.$write(&mut self.out, v);
            Ok(())
        })+
    };
}

impl<'w> ser::Serializer for &'w mut JsonWriter {
    type Ok = ();
    type Error = WriteError;
    type SerializeSeq = Compound<'w>;
    type SerializeTuple = Compound<'w>;
    type SerializeTupleStruct = Compound<'w>;
    type SerializeTupleVariant = Compound<'w>;
    type SerializeMap = Compound<'w>;
    type SerializeStruct = Compound<'w>;
    type SerializeStructVariant = Compound<'w>;

    fn serialize_bool(self, v: bool) -> Result<(), WriteError> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }

    number! {
        serialize_i8(i8) => write_i8;
        serialize_i16(i16) => write_i16;
        serialize_i32(i32) => write_i32;
        serialize_i64(i64) => write_i64;
        serialize_i128(i128) => write_i128;
        serialize_u8(u8) => write_u8;
        serialize_u16(u16) => write_u16;
        serialize_u32(u32) => write_u32;
        serialize_u64(u64) => write_u64;
        serialize_u128(u128) => write_u128;
    }

    fn serialize_f32(self, v: f32) -> Result<(), WriteError> {
        if v.is_finite() {
            let _ = CompactFormatter.write_f32(&mut self.out, v);
        } else {
            self.out.extend_from_slice(b"null");
        }
        Ok(())
    }

    fn serialize_f64(self, v: f64) -> Result<(), WriteError> {
        if v.is_finite() {
            let _ = CompactFormatter.write_f64(&mut self.out, v);
        } else {
            self.out.extend_from_slice(b"null");
        }
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), WriteError> {
        write_str(&mut self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), WriteError> {
        write_str(&mut self.out, v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), WriteError> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for byte in v {
            seq.serialize_element(byte)?;
        }
        seq.end()
    }

    fn serialize_none(self) -> Result<(), WriteError> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), WriteError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), WriteError> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), WriteError> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), WriteError> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        self.out.push(b'{');
        write_key(&mut self.out, self.case, variant);
        self.out.push(b':');
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'w>, WriteError> {
        self.out.push(b'[');
        Ok(Compound::new(self, b"]"))
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'w>, WriteError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'w>, WriteError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'w>, WriteError> {
        self.out.push(b'{');
        write_key(&mut self.out, self.case, variant);
        self.out.extend_from_slice(b":[");
        Ok(Compound::new(self, b"]}"))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'w>, WriteError> {
        self.out.push(b'{');
        Ok(Compound::new(self, b"}"))
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'w>, WriteError> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'w>, WriteError> {
        self.out.push(b'{');
        write_key(&mut self.out, self.case, variant);
        self.out.extend_from_slice(b":{");
        Ok(Compound::new(self, b"}}"))
    }
}

/// An array or object being written: its writer, whether an item was written, and its closing.
pub(crate) struct Compound<'w> {
    writer: &'w mut JsonWriter,
    first: bool,
    close: &'static [u8],
}

impl<'w> Compound<'w> {
    fn new(writer: &'w mut JsonWriter, close: &'static [u8]) -> Self {
        Compound {
            writer,
            first: true,
            close,
        }
    }

    fn separator(&mut self) {
        if !std::mem::take(&mut self.first) {
            self.writer.out.push(b',');
        }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        self.separator();
        value.serialize(&mut *self.writer)
    }

    fn key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), WriteError> {
        self.separator();
        key.serialize(KeyWriter(&mut *self.writer))?;
        self.writer.out.push(b':');
        Ok(())
    }

    fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        self.separator();
        self.writer.write_member_name(key);
        self.writer.out.push(b':');
        value.serialize(&mut *self.writer)
    }

    fn finish(self) -> Result<(), WriteError> {
        self.writer.out.extend_from_slice(self.close);
        Ok(())
    }
}

/// The serde traits of a [`Compound`] whose items are values alone (arrays, tuples).
macro_rules! element_compound {
    ($($trait:ident :: $method:ident),+) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = WriteError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
                self.element(value)
            }
            fn end(self) -> Result<(), WriteError> {
                self.finish()
            }
        }
    )+};
}

element_compound!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// The serde traits of a [`Compound`] whose items are named by static member names (structs).
macro_rules! field_compound {
    ($($trait:ident),+) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = WriteError;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), WriteError> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), WriteError> {
                self.finish()
            }
        }
    )+};
}

field_compound!(SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), WriteError> {
        self.key(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), WriteError> {
        self.finish()
    }
}

/// Writes a map key: strings (renamed), and what `serde_json` accepts as keys (integers, `bool`,
/// `char`, unit variants) as quoted text; anything else is an error, as in `serde_json`.
struct KeyWriter<'a>(&'a mut JsonWriter);

fn key_must_be_a_string() -> WriteError {
    WriteError("key must be a string".to_string())
}

macro_rules! quoted_number_key {
    ($($method:ident($ty:ty) => $write:ident;)+) => {
        $(fn $method(self, v: $ty) -> Result<(), WriteError> {
            self.0.out.push(b'"');
            let _ = CompactFormatter.$write(&mut self.0.out, v);
            self.0.out.push(b'"');
            Ok(())
        })+
    };
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = WriteError;
    type SerializeSeq = Impossible<(), WriteError>;
    type SerializeTuple = Impossible<(), WriteError>;
    type SerializeTupleStruct = Impossible<(), WriteError>;
    type SerializeTupleVariant = Impossible<(), WriteError>;
    type SerializeMap = Impossible<(), WriteError>;
    type SerializeStruct = Impossible<(), WriteError>;
    type SerializeStructVariant = Impossible<(), WriteError>;

    fn serialize_str(self, v: &str) -> Result<(), WriteError> {
        self.0.write_member_name(v);
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), WriteError> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_bool(self, v: bool) -> Result<(), WriteError> {
        self.0
            .out
            .extend_from_slice(if v { b"\"true\"" } else { b"\"false\"" });
        Ok(())
    }

    quoted_number_key! {
        serialize_i8(i8) => write_i8;
        serialize_i16(i16) => write_i16;
        serialize_i32(i32) => write_i32;
        serialize_i64(i64) => write_i64;
        serialize_i128(i128) => write_i128;
        serialize_u8(u8) => write_u8;
        serialize_u16(u16) => write_u16;
        serialize_u32(u32) => write_u32;
        serialize_u64(u64) => write_u64;
        serialize_u128(u128) => write_u128;
    }

    fn serialize_f32(self, _v: f32) -> Result<(), WriteError> {
        Err(key_must_be_a_string())
    }

    fn serialize_f64(self, _v: f64) -> Result<(), WriteError> {
        Err(key_must_be_a_string())
    }

    fn serialize_bytes(self, _v: &[u8]) -> Result<(), WriteError> {
        Err(key_must_be_a_string())
    }

    fn serialize_none(self) -> Result<(), WriteError> {
        Err(key_must_be_a_string())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), WriteError> {
        Err(key_must_be_a_string())
    }

    fn serialize_unit(self) -> Result<(), WriteError> {
        Err(key_must_be_a_string())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), WriteError> {
        Err(key_must_be_a_string())
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), WriteError> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), WriteError> {
        Err(key_must_be_a_string())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, WriteError> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, WriteError> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, WriteError> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, WriteError> {
        Err(key_must_be_a_string())
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, WriteError> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, WriteError> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, WriteError> {
        Err(key_must_be_a_string())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{json, Value};

    fn write(value: &impl Serialize, case: KeyCase) -> (String, bool) {
        let (out, has_secret) = write_json(value, case, Vec::new()).unwrap();
        (String::from_utf8(out).unwrap(), has_secret)
    }

    /// `value` with every member name renamed as `KeyCase::rename` says.
    fn renamed(value: &Value) -> Value {
        match value {
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| (KeyCase::Camel.rename(k), renamed(v)))
                    .collect(),
            ),
            Value::Array(items) => Value::Array(items.iter().map(renamed).collect()),
            other => other.clone(),
        }
    }

    fn arb_text() -> impl Strategy<Value = String> {
        // Names with underscores, escapes, control characters and non-ASCII text.
        prop::string::string_regex("[a-z_0-9\"\\\\\u{0}-\u{1f}\u{7f}é€😀A-Z$]{0,12}").unwrap()
    }

    /// Documents; `floats` is the float strategy (serde_json's reader rounds some floats, so a
    /// test that reads the text back keeps to ones it reads exactly).
    fn arb_json(floats: impl Strategy<Value = f64> + 'static) -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            floats.prop_map(Value::from),
            arb_text().prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::from),
                prop::collection::btree_map(arb_text(), inner, 0..5)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// In snake case the text is byte for byte what serde_json writes.
        #[test]
        fn snake_case_text_is_serde_jsons(value in arb_json(any::<f64>())) {
            prop_assert_eq!(write(&value, KeyCase::Snake).0, serde_json::to_string(&value).unwrap());
        }

        /// In camel case the text reads back as the value with its member names renamed.
        #[test]
        fn camel_case_text_is_the_renamed_value(value in arb_json((-1e6f64..1e6).prop_map(|f| (f * 64.0).round() / 64.0))) {
            let (text, _) = write(&value, KeyCase::Camel);
            let back: Value = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(back, renamed(&value));
        }
    }

    #[test]
    fn the_first_escape_is_found_at_every_position() {
        for len in 0..20 {
            for at in 0..=len {
                for special in [0u8, 0x1f, b'"', b'\\'] {
                    let mut bytes = vec![b'a'; len];
                    // Bytes after the escape that the word test could flag on their own.
                    for byte in bytes.iter_mut().skip(at + 1) {
                        *byte = 0x21;
                    }
                    if let Some(byte) = bytes.get_mut(at) {
                        *byte = special;
                    }
                    assert_eq!(first_escape(&bytes), at.min(len), "{bytes:?}");
                }
            }
        }
        assert_eq!(
            first_escape("é€😀 ~\u{7f}".as_bytes()),
            "é€😀 ~\u{7f}".len()
        );
    }

    #[test]
    fn a_secret_marker_is_noticed_only_as_a_member_name() {
        assert!(write(&json!({"a": {"$secret": "x"}}), KeyCase::Camel).1);
        assert!(!write(&json!({"a_b": "$secret", "$secre\"t": 1}), KeyCase::Camel).1);
    }

    #[derive(serde::Serialize)]
    enum Shape {
        Unit,
        Newtype(u8),
        Tuple(u8, char),
        Struct { side_len: f32 },
    }

    #[derive(serde::Serialize)]
    struct Every {
        unit: (),
        small: (i8, i16, i32, u8, u16, u32, i128, u128),
        bytes: serde_bytes_like::Bytes,
        shapes: Vec<Shape>,
        nan: f64,
        by_number: std::collections::BTreeMap<u32, bool>,
        by_bool: std::collections::BTreeMap<bool, ()>,
    }

    mod serde_bytes_like {
        /// Bytes serialized with `serialize_bytes`.
        pub struct Bytes(pub Vec<u8>);
        impl serde::Serialize for Bytes {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(&self.0)
            }
        }
    }

    #[test]
    fn every_serde_shape_is_written_as_serde_json_writes_it() {
        let value = Every {
            unit: (),
            small: (-1, -2, -3, 4, 5, 6, -7, 8),
            bytes: serde_bytes_like::Bytes(vec![0, 255]),
            shapes: vec![
                Shape::Unit,
                Shape::Newtype(1),
                Shape::Tuple(2, '"'),
                Shape::Struct { side_len: 1.5 },
            ],
            nan: f64::NAN,
            by_number: [(1, true)].into(),
            by_bool: [(false, ())].into(),
        };
        assert_eq!(
            write(&value, KeyCase::Snake).0,
            serde_json::to_string(&value).unwrap()
        );
        let camel = write(&value, KeyCase::Camel).0;
        assert!(camel.contains(r#"{"Struct":{"sideLen":1.5}}"#), "{camel}");
    }

    #[test]
    fn a_key_that_is_not_a_string_is_refused_as_serde_json_refuses_it() {
        let map: std::collections::BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into();
        let ours = write_json(&map, KeyCase::Snake, Vec::new()).unwrap_err();
        assert_eq!(
            ours.to_string(),
            serde_json::to_string(&map).unwrap_err().to_string()
        );
    }
}
