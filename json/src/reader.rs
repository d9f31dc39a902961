//! A pull reader of JSON text: the typed readers (`read.rs`), the call reader and the response
//! envelope ask it for the token they expect next, and it says where the text did not fit.
//!
//! It is vpskit's only JSON reader: every body, call and input of every host is read with it.
//! That keeps serde_json's reader, serde's visitors and what their messages pull in (core's float
//! formatting) out of the WebAssembly package (they were 15 KB gzipped). Numbers are read to the
//! bit as serde_json reads them by default, its syntax messages are serde_json's (`EOF while
//! parsing a value at line 1 column 12`), and the fuzz target `json_reader` holds it to
//! serde_json (same documents accepted, same values).
//!
//! ```text
//! {"success": true, "data": [ … ]}
//! reader.object()  → next_key(&mut o) = "success" → bool() → next_key(&mut o) = "data" → array() …
//! ```

use std::borrow::Cow;
use std::fmt;

use serde_json::{Map, Number as JsonNumber, Value};

use super::text::first_escape;

/// Objects and arrays nested deeper than this are refused (the deepest serde_json reads).
pub const MAX_DEPTH: usize = 127;

/// The kind of the next value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    /// `null`
    Null,
    /// `true` or `false`
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// `[`
    Array,
    /// `{`
    Object,
}

impl Token {
    /// The token's name in a message ("a string").
    pub fn describe(self) -> &'static str {
        match self {
            Token::Null => "null",
            Token::Bool => "a boolean",
            Token::Number => "a number",
            Token::String => "a string",
            Token::Array => "an array",
            Token::Object => "an object",
        }
    }
}

/// What was wrong with the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// The text ends before the value does.
    EndOfText,
    /// Something that cannot start a value.
    ExpectedValue,
    /// Not the punctuation the grammar needs here (`expected` names it).
    Expected(&'static str),
    /// A `\` escape JSON does not have.
    InvalidEscape,
    /// A control character (U+0000 to U+001F) inside a string.
    ControlCharacter,
    /// `\u` not followed by four hex digits.
    InvalidUnicodeEscape,
    /// A UTF-16 surrogate escape without its pair.
    LoneSurrogate,
    /// A number that breaks JSON's grammar (`01`, `1.`, `-`, `1e`).
    InvalidNumber,
    /// A number too large for a 64-bit float.
    NumberOutOfRange,
    /// Objects and arrays nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// Text after the document.
    TrailingCharacters,
    /// A value of another kind than the reader was asked for.
    WrongToken {
        /// What the reader was asked for.
        expected: Token,
        /// What the text has.
        found: Token,
    },
}

/// Where and why the text did not fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadError {
    /// The byte offset of the problem in the text.
    pub offset: usize,
    /// What was wrong.
    pub problem: Problem,
    /// The line of the problem, from 1.
    pub line: usize,
    /// The byte of the problem in its line, from 1.
    pub column: usize,
}

impl fmt::Display for Problem {
    /// In serde_json's words, so a body refused here reads as one the typed path refuses.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::EndOfText => f.write_str("EOF while parsing a value"),
            Problem::ExpectedValue => f.write_str("expected value"),
            Problem::Expected(what) => write!(f, "expected {what}"),
            Problem::InvalidEscape => f.write_str("invalid escape"),
            Problem::ControlCharacter => {
                f.write_str("control character (\\u0000-\\u001F) found while parsing a string")
            }
            Problem::InvalidUnicodeEscape => {
                f.write_str("invalid \\u escape (four hex digits expected)")
            }
            Problem::LoneSurrogate => f.write_str("lone surrogate in hex escape"),
            Problem::InvalidNumber => f.write_str("invalid number"),
            Problem::NumberOutOfRange => f.write_str("number out of range"),
            Problem::TooDeep => f.write_str("recursion limit exceeded"),
            Problem::TrailingCharacters => f.write_str("trailing characters"),
            Problem::WrongToken { expected, found } => write!(
                f,
                "invalid type: {}, expected {}",
                found.describe(),
                expected.describe()
            ),
        }
    }
}

impl std::error::Error for ReadError {}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.problem, self.line, self.column
        )
    }
}

/// A number as written, checked against JSON's grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number<'a> {
    /// The text of the number.
    pub text: &'a str,
    /// Whether it has no fraction and no exponent.
    pub integer: bool,
}

/// A number's value as serde_json reads it: an integer that fits 64 bits (unsigned when it is
/// not negative), else a float (`-0` is the float `-0.0`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Parsed {
    /// A non-negative integer.
    Unsigned(u64),
    /// A negative integer.
    Signed(i64),
    /// Any other number.
    Float(f64),
}

impl Number<'_> {
    /// The number's value, or `None` when it is beyond `f64`.
    pub fn parsed(&self) -> Option<Parsed> {
        if let Some(n) = self.as_u64() {
            Some(Parsed::Unsigned(n))
        } else if let Some(n) = self.as_i64().filter(|&n| n != 0) {
            Some(Parsed::Signed(n))
        } else {
            self.as_f64().map(Parsed::Float)
        }
    }

    /// The number as `u64`, if it is an integer that fits.
    pub fn as_u64(&self) -> Option<u64> {
        self.integer.then(|| self.text.parse().ok()).flatten()
    }

    /// The number as `i64`, if it is an integer that fits.
    pub fn as_i64(&self) -> Option<i64> {
        self.integer.then(|| self.text.parse().ok()).flatten()
    }

    /// The number as `f64`, or `None` when it is too large.
    ///
    /// Read as serde_json reads it by default, so vpskit and serde_json agree to the
    /// last bit: the digits as a `u64` significand (digits that no longer fit are dropped, an
    /// integer digit then counting as a power of ten), times or divided by a power of ten from
    /// `POWERS_OF_TEN`. That is not always correctly rounded (the last bit can differ), but a
    /// correctly rounded reading (core's `str::parse`) is 16 KB of the WebAssembly package.
    pub fn as_f64(&self) -> Option<f64> {
        let (negative, digits) = match self.text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, self.text),
        };
        let (mantissa, exponent_part) = match digits.find(['e', 'E']) {
            Some(at) => (digits.get(..at)?, digits.get(at + 1..)),
            None => (digits, None),
        };
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let mut significand = 0u64;
        let mut exponent: i32 = 0;
        let mut full = false;
        for digit in whole.bytes().map(|b| u64::from(b - b'0')) {
            match significand
                .checked_mul(10)
                .and_then(|s| s.checked_add(digit))
            {
                Some(next) if !full => significand = next,
                _ => {
                    full = true;
                    exponent = exponent.saturating_add(1);
                }
            }
        }
        for digit in fraction.bytes().map(|b| u64::from(b - b'0')) {
            match significand
                .checked_mul(10)
                .and_then(|s| s.checked_add(digit))
            {
                Some(next) => {
                    significand = next;
                    exponent -= 1;
                }
                None => break,
            }
        }
        if let Some(written) = exponent_part {
            let (positive, digits) = match written.as_bytes().first() {
                Some(b'-') => (false, written.get(1..)?),
                Some(b'+') => (true, written.get(1..)?),
                _ => (true, written),
            };
            match digits.parse::<i32>() {
                Ok(e) if positive => exponent = exponent.saturating_add(e),
                Ok(e) => exponent = exponent.saturating_sub(e),
                // An exponent beyond `i32`: zero, unless it makes a non-zero number too large.
                Err(_) if positive && significand != 0 => return None,
                Err(_) => return Some(if negative { -0.0 } else { 0.0 }),
            }
        }
        let magnitude = scale(significand as f64, exponent)?;
        Some(if negative { -magnitude } else { magnitude })
    }
}

/// `f` times ten to the `exponent`, by the powers in [`POWERS_OF_TEN`]; `None` when too large.
fn scale(mut f: f64, mut exponent: i32) -> Option<f64> {
    loop {
        match POWERS_OF_TEN.get(exponent.unsigned_abs() as usize) {
            Some(&power) if exponent >= 0 => {
                f *= power;
                return f.is_finite().then_some(f);
            }
            Some(&power) => return Some(f / power),
            None if f == 0.0 => return Some(f),
            None if exponent >= 0 => return None,
            None => {
                f /= 1e308;
                exponent += 308;
            }
        }
    }
}

/// `1e0` to `1e308`, each the `f64` nearest its power of ten.
#[rustfmt::skip]
const POWERS_OF_TEN: [f64; 309] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
    1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
    1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29,
    1e30, 1e31, 1e32, 1e33, 1e34, 1e35, 1e36, 1e37, 1e38, 1e39,
    1e40, 1e41, 1e42, 1e43, 1e44, 1e45, 1e46, 1e47, 1e48, 1e49,
    1e50, 1e51, 1e52, 1e53, 1e54, 1e55, 1e56, 1e57, 1e58, 1e59,
    1e60, 1e61, 1e62, 1e63, 1e64, 1e65, 1e66, 1e67, 1e68, 1e69,
    1e70, 1e71, 1e72, 1e73, 1e74, 1e75, 1e76, 1e77, 1e78, 1e79,
    1e80, 1e81, 1e82, 1e83, 1e84, 1e85, 1e86, 1e87, 1e88, 1e89,
    1e90, 1e91, 1e92, 1e93, 1e94, 1e95, 1e96, 1e97, 1e98, 1e99,
    1e100, 1e101, 1e102, 1e103, 1e104, 1e105, 1e106, 1e107, 1e108, 1e109,
    1e110, 1e111, 1e112, 1e113, 1e114, 1e115, 1e116, 1e117, 1e118, 1e119,
    1e120, 1e121, 1e122, 1e123, 1e124, 1e125, 1e126, 1e127, 1e128, 1e129,
    1e130, 1e131, 1e132, 1e133, 1e134, 1e135, 1e136, 1e137, 1e138, 1e139,
    1e140, 1e141, 1e142, 1e143, 1e144, 1e145, 1e146, 1e147, 1e148, 1e149,
    1e150, 1e151, 1e152, 1e153, 1e154, 1e155, 1e156, 1e157, 1e158, 1e159,
    1e160, 1e161, 1e162, 1e163, 1e164, 1e165, 1e166, 1e167, 1e168, 1e169,
    1e170, 1e171, 1e172, 1e173, 1e174, 1e175, 1e176, 1e177, 1e178, 1e179,
    1e180, 1e181, 1e182, 1e183, 1e184, 1e185, 1e186, 1e187, 1e188, 1e189,
    1e190, 1e191, 1e192, 1e193, 1e194, 1e195, 1e196, 1e197, 1e198, 1e199,
    1e200, 1e201, 1e202, 1e203, 1e204, 1e205, 1e206, 1e207, 1e208, 1e209,
    1e210, 1e211, 1e212, 1e213, 1e214, 1e215, 1e216, 1e217, 1e218, 1e219,
    1e220, 1e221, 1e222, 1e223, 1e224, 1e225, 1e226, 1e227, 1e228, 1e229,
    1e230, 1e231, 1e232, 1e233, 1e234, 1e235, 1e236, 1e237, 1e238, 1e239,
    1e240, 1e241, 1e242, 1e243, 1e244, 1e245, 1e246, 1e247, 1e248, 1e249,
    1e250, 1e251, 1e252, 1e253, 1e254, 1e255, 1e256, 1e257, 1e258, 1e259,
    1e260, 1e261, 1e262, 1e263, 1e264, 1e265, 1e266, 1e267, 1e268, 1e269,
    1e270, 1e271, 1e272, 1e273, 1e274, 1e275, 1e276, 1e277, 1e278, 1e279,
    1e280, 1e281, 1e282, 1e283, 1e284, 1e285, 1e286, 1e287, 1e288, 1e289,
    1e290, 1e291, 1e292, 1e293, 1e294, 1e295, 1e296, 1e297, 1e298, 1e299,
    1e300, 1e301, 1e302, 1e303, 1e304, 1e305, 1e306, 1e307, 1e308,
];

/// Where an object's members stand: before the first, or after one.
#[derive(Debug)]
pub struct ObjectState {
    first: bool,
}

/// Where an array's items stand: before the first, or after one.
#[derive(Debug)]
pub struct ArrayState {
    first: bool,
}

/// A place in the text saved by [`Reader::mark`].
#[derive(Debug, Clone, Copy)]
pub struct Mark {
    pos: usize,
    depth: usize,
}

/// A position in JSON text.
pub struct Reader<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        Reader {
            text,
            pos: 0,
            depth: 0,
        }
    }

    fn error<T>(&self, problem: Problem) -> Result<T, ReadError> {
        self.error_at(self.pos, problem)
    }

    #[cold]
    fn error_at<T>(&self, offset: usize, problem: Problem) -> Result<T, ReadError> {
        let before = self.text.as_bytes().get(..offset).unwrap_or_default();
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |newline| newline + 1);
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        Err(ReadError {
            offset,
            problem,
            line,
            column: offset - line_start + 1,
        })
    }

    fn byte(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn whitespace(&mut self) {
        while matches!(self.byte(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.pos += 1;
        }
    }

    /// The kind of the next value (after whitespace), not consumed.
    pub fn peek(&mut self) -> Result<Token, ReadError> {
        self.whitespace();
        match self.byte() {
            None => self.error(Problem::EndOfText),
            Some(b'n') => Ok(Token::Null),
            Some(b't' | b'f') => Ok(Token::Bool),
            Some(b'"') => Ok(Token::String),
            Some(b'[') => Ok(Token::Array),
            Some(b'{') => Ok(Token::Object),
            Some(b'-' | b'0'..=b'9') => Ok(Token::Number),
            Some(_) => self.error(Problem::ExpectedValue),
        }
    }

    /// Checks that the next value is of kind `expected`.
    fn expect(&mut self, expected: Token) -> Result<(), ReadError> {
        let found = self.peek()?;
        if found == expected {
            Ok(())
        } else {
            self.error(Problem::WrongToken { expected, found })
        }
    }

    fn literal(&mut self, word: &str) -> Result<(), ReadError> {
        let rest = self.text.get(self.pos..).unwrap_or_default();
        if rest.starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else if word.starts_with(rest) {
            self.error_at(self.text.len(), Problem::EndOfText)
        } else {
            self.error(Problem::ExpectedValue)
        }
    }

    /// `null`.
    pub fn null(&mut self) -> Result<(), ReadError> {
        self.expect(Token::Null)?;
        self.literal("null")
    }

    /// `true` or `false`.
    pub fn bool(&mut self) -> Result<bool, ReadError> {
        self.expect(Token::Bool)?;
        if self.byte() == Some(b't') {
            self.literal("true").map(|()| true)
        } else {
            self.literal("false").map(|()| false)
        }
    }

    /// A string, unescaped (borrowed from the text when it has no escape).
    pub fn string(&mut self) -> Result<Cow<'a, str>, ReadError> {
        self.expect(Token::String)?;
        self.string_here()
    }

    /// [`Reader::string`] right after [`Reader::peek`] gave [`Token::String`]: the reader is at
    /// the opening quote (checked, not looked for again past whitespace).
    pub fn string_here(&mut self) -> Result<Cow<'a, str>, ReadError> {
        if self.byte() != Some(b'"') {
            return self.string();
        }
        self.pos += 1;
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let mut owned: Option<String> = None;
        let mut clean_from = start;
        loop {
            let rest = bytes.get(self.pos..).unwrap_or_default();
            let at = self.pos + first_escape(rest);
            self.pos = at;
            match bytes.get(at) {
                None => return self.error_at(self.text.len(), Problem::EndOfText),
                Some(b'"') => {
                    let clean = self.text.get(clean_from..at).unwrap_or_default();
                    self.pos = at + 1;
                    return Ok(match owned {
                        None => Cow::Borrowed(clean),
                        Some(mut text) => {
                            text.push_str(clean);
                            Cow::Owned(text)
                        }
                    });
                }
                Some(b'\\') => {
                    let text = owned.get_or_insert_with(String::new);
                    text.push_str(self.text.get(clean_from..at).unwrap_or_default());
                    self.pos = at + 1;
                    let c = self.escape()?;
                    owned.get_or_insert_with(String::new).push(c);
                    clean_from = self.pos;
                }
                Some(_) => return self.error(Problem::ControlCharacter),
            }
        }
    }

    /// The character of the escape after a `\` (the reader is past the `\`).
    fn escape(&mut self) -> Result<char, ReadError> {
        let Some(byte) = self.byte() else {
            return self.error(Problem::EndOfText);
        };
        self.pos += 1;
        Ok(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(),
            _ => return self.error_at(self.pos - 1, Problem::InvalidEscape),
        })
    }

    /// Four hex digits, and for a leading surrogate the `\uXXXX` of its pair.
    fn unicode_escape(&mut self) -> Result<char, ReadError> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                let at = self.pos;
                if self.text.get(self.pos..self.pos + 2) != Some("\\u") {
                    return self.error_at(at, Problem::LoneSurrogate);
                }
                self.pos += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return self.error_at(at, Problem::LoneSurrogate);
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return self.error_at(self.pos - 6, Problem::LoneSurrogate),
            code => code,
        };
        char::from_u32(code).map_or_else(|| self.error(Problem::LoneSurrogate), Ok)
    }

    fn hex4(&mut self) -> Result<u32, ReadError> {
        let mut code = 0;
        for _ in 0..4 {
            let Some(byte) = self.byte() else {
                return self.error(Problem::EndOfText);
            };
            let digit = match byte {
                b'0'..=b'9' => byte - b'0',
                b'a'..=b'f' => byte - b'a' + 10,
                b'A'..=b'F' => byte - b'A' + 10,
                _ => return self.error(Problem::InvalidUnicodeEscape),
            };
            code = code * 16 + u32::from(digit);
            self.pos += 1;
        }
        Ok(code)
    }

    /// A number's value; a number beyond `f64` is refused.
    pub fn parsed_number(&mut self) -> Result<Parsed, ReadError> {
        self.whitespace();
        let start = self.pos;
        match self.number()?.parsed() {
            Some(parsed) => Ok(parsed),
            None => self.error_at(start, Problem::NumberOutOfRange),
        }
    }

    /// A number, checked against JSON's grammar (its value is read by [`Number`]'s methods).
    pub fn number(&mut self) -> Result<Number<'a>, ReadError> {
        self.expect(Token::Number)?;
        let start = self.pos;
        if self.byte() == Some(b'-') {
            self.pos += 1;
        }
        match self.byte() {
            Some(b'0') => {
                self.pos += 1;
                if matches!(self.byte(), Some(b'0'..=b'9')) {
                    return self.error(Problem::InvalidNumber);
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            None => return self.error(Problem::EndOfText),
            Some(_) => return self.error(Problem::InvalidNumber),
        }
        let mut integer = true;
        if self.byte() == Some(b'.') {
            integer = false;
            self.pos += 1;
            self.required_digits()?;
        }
        if matches!(self.byte(), Some(b'e' | b'E')) {
            integer = false;
            self.pos += 1;
            if matches!(self.byte(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            self.required_digits()?;
        }
        let text = self.text.get(start..self.pos).unwrap_or_default();
        Ok(Number { text, integer })
    }

    fn digits(&mut self) {
        while matches!(self.byte(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }

    fn required_digits(&mut self) -> Result<(), ReadError> {
        match self.byte() {
            Some(b'0'..=b'9') => {
                self.digits();
                Ok(())
            }
            None => self.error(Problem::EndOfText),
            Some(_) => self.error(Problem::InvalidNumber),
        }
    }

    fn nest(&mut self) -> Result<(), ReadError> {
        if self.depth == MAX_DEPTH {
            return self.error(Problem::TooDeep);
        }
        self.depth += 1;
        self.pos += 1;
        Ok(())
    }

    /// `{`: then [`Reader::next_key`] until it gives `None`.
    pub fn object(&mut self) -> Result<ObjectState, ReadError> {
        self.expect(Token::Object)?;
        self.nest()?;
        Ok(ObjectState { first: true })
    }

    /// The next member's name (the reader is then at its value), or `None` at the closing `}`.
    pub fn next_key(&mut self, state: &mut ObjectState) -> Result<Option<Cow<'a, str>>, ReadError> {
        self.whitespace();
        if !state.first {
            match self.byte() {
                Some(b',') => {
                    self.pos += 1;
                    self.whitespace();
                }
                Some(b'}') => return Ok(self.close()),
                None => return self.error(Problem::EndOfText),
                Some(_) => return self.error(Problem::Expected("`,` or `}`")),
            }
        }
        match self.byte() {
            Some(b'"') => {}
            Some(b'}') if state.first => return Ok(self.close()),
            None => return self.error(Problem::EndOfText),
            Some(_) => return self.error(Problem::Expected("a member name (a string)")),
        }
        let key = self.string()?;
        self.whitespace();
        match self.byte() {
            Some(b':') => self.pos += 1,
            None => return self.error(Problem::EndOfText),
            Some(_) => return self.error(Problem::Expected("`:`")),
        }
        state.first = false;
        Ok(Some(key))
    }

    /// Steps over a closing `}` or `]`.
    fn close<T>(&mut self) -> Option<T> {
        self.pos += 1;
        self.depth -= 1;
        None
    }

    /// `[`: then [`Reader::next_item`] until it gives `false`.
    pub fn array(&mut self) -> Result<ArrayState, ReadError> {
        self.expect(Token::Array)?;
        self.nest()?;
        Ok(ArrayState { first: true })
    }

    /// Whether another item follows (the reader is then at it), or `false` at the closing `]`.
    pub fn next_item(&mut self, state: &mut ArrayState) -> Result<bool, ReadError> {
        self.whitespace();
        match self.byte() {
            Some(b']') if state.first => return Ok(self.close::<()>().is_some()),
            _ if state.first => {}
            Some(b',') => self.pos += 1,
            Some(b']') => return Ok(self.close::<()>().is_some()),
            None => return self.error(Problem::EndOfText),
            Some(_) => return self.error(Problem::Expected("`,` or `]`")),
        }
        // A value follows (`[1,]` is refused by the value's reader: `]` starts none).
        state.first = false;
        Ok(true)
    }

    /// The next value as a `serde_json::Value` (members in an object kept as serde_json keeps
    /// them: a name given twice keeps its last value).
    pub fn value(&mut self) -> Result<Value, ReadError> {
        Ok(match self.peek()? {
            Token::Null => {
                self.null()?;
                Value::Null
            }
            Token::Bool => Value::Bool(self.bool()?),
            Token::String => Value::String(self.string()?.into_owned()),
            Token::Number => {
                let start = self.pos;
                let number = self.number()?;
                // As serde_json reads them: `-0` is the float -0.0, an integer too large for 64
                // bits a float.
                let json = match number.parsed() {
                    Some(Parsed::Unsigned(n)) => JsonNumber::from(n),
                    Some(Parsed::Signed(n)) => JsonNumber::from(n),
                    Some(Parsed::Float(f)) => match JsonNumber::from_f64(f) {
                        Some(n) => n,
                        None => return self.error_at(start, Problem::NumberOutOfRange),
                    },
                    None => return self.error_at(start, Problem::NumberOutOfRange),
                };
                Value::Number(json)
            }
            Token::Array => {
                let mut state = self.array()?;
                let mut items = Vec::new();
                while self.next_item(&mut state)? {
                    items.push(self.value()?);
                }
                Value::Array(items)
            }
            Token::Object => {
                let mut state = self.object()?;
                let mut members = Map::new();
                while let Some(key) = self.next_key(&mut state)? {
                    let value = self.value()?;
                    members.insert(key.into_owned(), value);
                }
                Value::Object(members)
            }
        })
    }

    /// Steps over the next value, checking its syntax, building nothing.
    pub fn skip(&mut self) -> Result<(), ReadError> {
        match self.peek()? {
            Token::Null => self.null(),
            Token::Bool => self.bool().map(drop),
            Token::String => self.string().map(drop),
            Token::Number => self.parsed_number().map(drop),
            Token::Array => {
                let mut state = self.array()?;
                while self.next_item(&mut state)? {
                    self.skip()?;
                }
                Ok(())
            }
            Token::Object => {
                let mut state = self.object()?;
                while self.next_key(&mut state)?.is_some() {
                    self.skip()?;
                }
                Ok(())
            }
        }
    }

    /// Where the reader is, to come back to with [`Reader::reset`].
    pub fn mark(&mut self) -> Mark {
        self.whitespace();
        Mark {
            pos: self.pos,
            depth: self.depth,
        }
    }

    /// The text from `mark` to where the reader is (a value just stepped over, as it was written).
    pub fn text_since(&self, mark: Mark) -> &'a str {
        self.text.get(mark.pos..self.pos).unwrap_or_default()
    }

    /// Goes back to `mark`: after a typed read of a value failed half-way, the value can be
    /// stepped over ([`Reader::skip`]) and the enclosing object read on.
    pub fn reset(&mut self, mark: Mark) {
        self.pos = mark.pos;
        self.depth = mark.depth;
    }

    /// Checks that nothing but whitespace follows the document.
    pub fn finish(&mut self) -> Result<(), ReadError> {
        self.whitespace();
        if self.pos < self.text.len() {
            return self.error(Problem::TrailingCharacters);
        }
        Ok(())
    }
}

/// A whole document as a `serde_json::Value`.
pub fn parse_value(text: &str) -> Result<Value, ReadError> {
    let mut reader = Reader::new(text);
    let value = reader.value()?;
    reader.finish()?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::Value;

    use super::{parse_value, Problem, ReadError, Reader, Token, MAX_DEPTH};

    fn problem(text: &str) -> (usize, Problem) {
        match parse_value(text) {
            Ok(v) => panic!("{text} read as {v}"),
            Err(ReadError {
                offset, problem, ..
            }) => (offset, problem),
        }
    }

    #[test]
    fn each_problem_is_named_where_it_is() {
        assert_eq!(problem(""), (0, Problem::EndOfText));
        assert_eq!(problem("  x"), (2, Problem::ExpectedValue));
        assert_eq!(problem("[1,]"), (3, Problem::ExpectedValue));
        assert_eq!(
            problem("{\"a\":1,}"),
            (7, Problem::Expected("a member name (a string)"))
        );
        assert_eq!(problem("{\"a\" 1}"), (5, Problem::Expected("`:`")));
        assert_eq!(
            problem("{\"a\":1 \"b\":2}"),
            (7, Problem::Expected("`,` or `}`"))
        );
        assert_eq!(problem("[1 2]"), (3, Problem::Expected("`,` or `]`")));
        assert_eq!(problem("\"a\\qb\""), (3, Problem::InvalidEscape));
        assert_eq!(problem("\"a\u{1}\""), (2, Problem::ControlCharacter));
        assert_eq!(problem("\"\\u12g4\""), (5, Problem::InvalidUnicodeEscape));
        assert_eq!(problem("\"\\ud800\""), (7, Problem::LoneSurrogate));
        assert_eq!(problem("\"\\udc00\""), (1, Problem::LoneSurrogate));
        assert_eq!(problem("01"), (1, Problem::InvalidNumber));
        assert_eq!(problem("1."), (2, Problem::EndOfText));
        assert_eq!(problem("-x"), (1, Problem::InvalidNumber));
        assert_eq!(problem("1e400"), (0, Problem::NumberOutOfRange));
        assert_eq!(problem("nul"), (3, Problem::EndOfText));
        assert_eq!(problem("nulx"), (0, Problem::ExpectedValue));
        assert_eq!(problem("{} {}"), (3, Problem::TrailingCharacters));
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(problem(&deep), (MAX_DEPTH, Problem::TooDeep));
        let fine = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse_value(&fine).is_ok());
    }

    #[test]
    fn a_read_of_another_kind_is_told_what_it_found() {
        let mut reader = Reader::new(" [1]");
        let err = reader.string().map(|_| ()).unwrap_err();
        assert_eq!(
            err.problem,
            Problem::WrongToken {
                expected: Token::String,
                found: Token::Array
            }
        );
        assert_eq!(
            err.to_string(),
            "invalid type: an array, expected a string at line 1 column 2"
        );
    }

    #[test]
    fn strings_are_borrowed_unless_they_hold_an_escape() {
        let mut reader = Reader::new(r#"["plain", "a\"b\u00e9\ud83d\ude00"]"#);
        let mut items = reader.array().unwrap();
        assert!(reader.next_item(&mut items).unwrap());
        assert!(matches!(
            reader.string().unwrap(),
            std::borrow::Cow::Borrowed("plain")
        ));
        assert!(reader.next_item(&mut items).unwrap());
        assert_eq!(reader.string().unwrap(), "a\"b\u{e9}\u{1f600}");
        assert!(!reader.next_item(&mut items).unwrap());
        reader.finish().unwrap();
    }

    /// JSON values with any numbers, and any characters in strings and member names.
    fn arb_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            (-1_000_000i64..1_000_000).prop_map(|n| Value::from(n as f64 / 64.0)),
            any::<f64>().prop_map(Value::from),
            any::<String>().prop_map(Value::String),
        ];
        leaf.prop_recursive(6, 64, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                prop::collection::btree_map(any::<String>(), inner, 0..8)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// Numbers read to the same bit as serde_json reads them, on the edges of its reading.
    #[test]
    fn numbers_read_as_serde_json_reads_them() {
        for text in [
            "0",
            "-0",
            "-0.0",
            "1",
            "-1",
            "1.5",
            "1e2",
            "1E+2",
            "1e-2",
            "0.1",
            "0.30000000000000004",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "76148293196648733985",
            "1844674407370955161.65",
            "1844674407370955161651",
            "0.000000000000000000000000000001234567890123456789012",
            "123456789012345678901234567890e-10",
            "1e308",
            "1.7976931348623157e308",
            "1e-308",
            "5e-324",
            "2e-324",
            "1e-400",
            "-1e-400",
            "1e-2147483648",
            "1e2147483647",
            "0e2147483648",
            "1e-99999999999",
            "-1e-99999999999",
            "9007199254740993",
            "2.2250738585072011e-308",
            "4.9406564584124654e-324",
        ] {
            let ours = parse_value(text).map(|v| v.to_string());
            let theirs = serde_json::from_str::<Value>(text).map(|v| v.to_string());
            match (&ours, &theirs) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{text}"),
                (Err(e), Err(_)) => assert_eq!(e.problem, Problem::NumberOutOfRange, "{text}"),
                _ => panic!("{text}: ours {ours:?}, serde_json {theirs:?}"),
            }
        }
    }

    /// Edits that make near-JSON: a byte dropped, doubled or replaced by one JSON cares about.
    fn mutate(text: &str, at: usize, edit: u8) -> String {
        let mut bytes = text.as_bytes().to_vec();
        if bytes.is_empty() {
            return text.to_string();
        }
        let at = at % bytes.len();
        let significant = b"{}[]:,\"\\ -0.e+1nu";
        match edit % 3 {
            0 => {
                bytes.remove(at);
            }
            1 => bytes.insert(at, bytes[at]),
            _ => bytes[at] = significant[usize::from(edit) % significant.len()],
        }
        String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
    }

    /// A value proptest once shrank a failure to (its seed file was written for an older
    /// layout and no longer replayed).
    #[test]
    fn an_array_of_an_object_with_a_null_member_reads_as_serde_json_reads_it() {
        let text = r#"[{"x":null}]"#;
        let theirs: Value = serde_json::from_str(text).unwrap();
        assert_eq!(parse_value(text).unwrap(), theirs);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// Every value serde_json writes, compact or pretty, reads back as serde_json reads it.
        #[test]
        fn reads_what_serde_json_reads(value in arb_value()) {
            for text in [serde_json::to_string(&value).unwrap(), serde_json::to_string_pretty(&value).unwrap()] {
                let theirs: Value = serde_json::from_str(&text).unwrap();
                prop_assert_eq!(parse_value(&text).unwrap().to_string(), theirs.to_string());
            }
        }

        /// Any number JSON's grammar allows reads to the same bit as serde_json reads it.
        #[test]
        fn any_number_reads_as_serde_json_reads_it(text in "-?(0|[1-9][0-9]{0,25})(\\.[0-9]{1,25})?([eE][+-]?[0-9]{1,4})?") {
            let ours = parse_value(&text).map(|v| v.to_string());
            let theirs = serde_json::from_str::<Value>(&text).map(|v| v.to_string());
            match (&ours, &theirs) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a, b, "{}", text),
                (Err(e), Err(_)) => prop_assert_eq!(e.problem, Problem::NumberOutOfRange, "{}", text),
                _ => prop_assert!(false, "{}: ours {:?}, serde_json {:?}", text, ours, theirs),
            }
        }

        /// Near-JSON is refused exactly when serde_json refuses it, and read alike otherwise.
        #[test]
        fn refuses_what_serde_json_refuses(value in arb_value(), edits in prop::collection::vec((any::<usize>(), any::<u8>()), 1..4)) {
            let mut text = serde_json::to_string(&value).unwrap();
            for (at, edit) in edits {
                text = mutate(&text, at, edit);
            }
            let theirs = serde_json::from_str::<Value>(&text);
            let ours = parse_value(&text);
            match (&ours, &theirs) {
                // Compared as written, so floats compare to the bit (and -0.0 is not 0.0).
                (Ok(a), Ok(b)) => prop_assert_eq!(a.to_string(), b.to_string(), "{}", text),
                (Err(_), Err(_)) => {}
                _ => prop_assert!(false, "{}: ours {:?}, serde_json {:?}", text, ours, theirs),
            }
        }
    }
}
