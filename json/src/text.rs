//! JSON text primitives: strings quoted and escaped as serde_json escapes them, member names in
//! a [`KeyCase`], numbers as serde_json's formatter writes them. [`super::write`] writes values
//! with them; the reader uses [`first_escape`] to find a string's end.
//!
//! Strings are copied eight bytes at a time (a string here is mostly shorter than sixteen bytes,
//! and a copy of unknown length is a call to `memcpy`, in WebAssembly a call out of the module).

use serde_json::ser::{CompactFormatter, Formatter};

use super::case::{camel_case_bytes, KeyCase};

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
pub fn first_escape(bytes: &[u8]) -> usize {
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
pub fn write_str(out: &mut Vec<u8>, text: &str) {
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
pub fn write_clean_str(out: &mut Vec<u8>, text: &str) {
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
pub fn write_key(out: &mut Vec<u8>, case: KeyCase, key: &str) {
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
pub fn write_number<N: JsonNumber>(out: &mut Vec<u8>, n: N) {
    n.write(out);
}

/// The numbers [`write_number`] writes.
pub trait JsonNumber {
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

json_number!(u8 => write_u8, u16 => write_u16, u32 => write_u32, u64 => write_u64, i64 => write_i64);

impl JsonNumber for f64 {
    fn write(self, out: &mut Vec<u8>) {
        if self.is_finite() {
            let _ = CompactFormatter.write_f64(out, self);
        } else {
            out.extend_from_slice(b"null");
        }
    }
}

/// `value` as compact JSON text, as `serde_json::to_string` writes it (names as they are,
/// nothing marked).
pub fn value_text(value: &serde_json::Value) -> String {
    let mut writer = super::write::JsonWriter::new(KeyCase::Snake, 64);
    writer.value(value);
    // The writer writes whole UTF-8 strings and ASCII punctuation only.
    String::from_utf8(writer.out).unwrap_or_default()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

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
}
