//! Typed values written as JSON text: the one writer of every result and of the bindings' own
//! small answers.
//!
//! [`ToJson`] is object safe and [`JsonWriter::object`] is one loop for every model, so a model's
//! own code is a list of its members (written by the `model!` declaration in `src/model/`); the writing itself is
//! compiled once. Member names known at compile time come as a [`Key`], quoted and in both styles
//! already, so writing a name in camelCase costs one copy, not a rename per member per object.

use serde_json::{Map, Value};

use super::case::{drops_underscore, KeyCase};
use super::text::{write_clean_str, write_key, write_number, write_str};
use super::SECRET_MARKER;

/// JSON text being written: the bytes, the member-name style, and whether a secret was marked.
///
/// ```
/// use vpskit_json::write::to_text;
/// use vpskit_json::{JsonWriter, KeyCase, ToJson};
/// struct Verdict { allowed: bool, days_left: Option<i64> }
/// impl ToJson for Verdict {
///     fn write_json(&self, w: &mut JsonWriter) {
///         w.members(&[("allowed", &self.allowed), ("days_left", &self.days_left)]);
///     }
/// }
/// let (text, has_secret) = to_text(&Verdict { allowed: true, days_left: None }, KeyCase::Camel, 64);
/// assert_eq!(text, br#"{"allowed":true,"daysLeft":null}"#);
/// assert!(!has_secret);
/// ```
///
/// A `ToJson` of your own writes with [`JsonWriter::members`]; the other methods are the
/// models' (hidden from the docs: used out of order they write text that is not JSON).
pub struct JsonWriter {
    /// The text so far.
    pub(crate) out: Vec<u8>,
    /// How member names are written.
    case: KeyCase,
    /// Whether a `{"$secret": …}` marker was written.
    has_secret: bool,
}

/// Whether a member is written as a secret (`{"$secret": value}`), given its name and value:
/// the caller's rule (vpskit's sensitive names), so this crate knows none.
pub type SecretRule = fn(&str, &Value) -> bool;

/// A value that can be written as JSON by vpskit's one writer (see [`JsonWriter`]).
pub trait ToJson {
    /// Appends the value's JSON text.
    fn write_json(&self, w: &mut JsonWriter);
}

/// Members written after a model's own (its `extra`): each as `,"name":value`.
pub trait ToJsonMembers {
    /// Appends `,"name":value` for each member.
    fn write_members(&self, w: &mut JsonWriter);
}

/// A member name known at compile time: `"name":` as the API writes it and in camelCase.
#[derive(Debug)]
pub struct Key {
    /// `"allowed_actions":`
    pub snake: &'static [u8],
    /// `"allowedActions":`
    pub camel: &'static [u8],
}

impl JsonWriter {
    /// An object of `members`, their names given at run time (in the writer's style).
    pub fn members(&mut self, members: &[(&str, &dyn ToJson)]) {
        self.out.push(b'{');
        for (i, (name, value)) in members.iter().enumerate() {
            if i > 0 {
                self.out.push(b',');
            }
            self.name(name);
            value.write_json(self);
        }
        self.out.push(b'}');
    }

    /// A writer of text in `case`, with room for `capacity` bytes.
    pub(crate) fn new(case: KeyCase, capacity: usize) -> Self {
        JsonWriter {
            out: Vec::with_capacity(capacity),
            case,
            has_secret: false,
        }
    }

    /// `null`.
    #[doc(hidden)]
    pub fn null(&mut self) {
        self.out.extend_from_slice(b"null");
    }

    /// A string, quoted and escaped.
    #[doc(hidden)]
    pub fn str(&mut self, text: &str) {
        write_str(&mut self.out, text);
    }

    /// A string known to need no escape (no `"`, `\\` or control character), quoted.
    #[doc(hidden)]
    pub fn clean_str(&mut self, text: &str) {
        write_clean_str(&mut self.out, text);
    }

    /// A member name given at run time, quoted, in the writer's style, and `:`.
    #[doc(hidden)]
    pub fn name(&mut self, name: &str) {
        if name == SECRET_MARKER {
            self.has_secret = true;
        }
        write_key(&mut self.out, self.case, name);
        self.out.push(b':');
    }

    /// `{"$secret": value}`.
    #[doc(hidden)]
    pub fn secret(&mut self, value: &dyn ToJson) {
        self.has_secret = true;
        self.out.extend_from_slice(b"{\"$secret\":");
        value.write_json(self);
        self.out.push(b'}');
    }

    /// An object of `members` in order, then the `rest` (a model's `extra`).
    #[doc(hidden)]
    pub fn object(&mut self, members: &[(&Key, &dyn ToJson)], rest: Option<&dyn ToJsonMembers>) {
        self.out.push(b'{');
        for (i, (key, value)) in members.iter().enumerate() {
            if i > 0 {
                self.out.push(b',');
            }
            self.out.extend_from_slice(match self.case {
                KeyCase::Snake => key.snake,
                KeyCase::Camel => key.camel,
            });
            value.write_json(self);
        }
        if let Some(rest) = rest {
            rest.write_members(self);
        }
        self.out.push(b'}');
    }

    /// An array of `items`.
    #[doc(hidden)]
    pub fn array<'a>(&mut self, items: impl IntoIterator<Item = &'a dyn ToJson>) {
        self.out.push(b'[');
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                self.out.push(b',');
            }
            item.write_json(self);
        }
        self.out.push(b']');
    }

    /// A JSON value as it is (member names in the writer's style).
    #[doc(hidden)]
    pub fn value(&mut self, value: &Value) {
        self.marked_value(value, |_, _| false);
    }

    /// A JSON value as it is, every member `is_secret` names (at any depth) written as
    /// `{"$secret": value}`.
    #[doc(hidden)]
    pub fn marked_value(&mut self, value: &Value, is_secret: SecretRule) {
        match value {
            Value::Null => self.null(),
            Value::Bool(b) => b.write_json(self),
            Value::Number(n) => {
                if let Some(n) = n.as_u64() {
                    write_number(&mut self.out, n);
                } else if let Some(n) = n.as_i64() {
                    write_number(&mut self.out, n);
                } else {
                    write_number(&mut self.out, n.as_f64().unwrap_or(f64::NAN));
                }
            }
            Value::String(s) => self.str(s),
            Value::Array(items) => {
                self.out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push(b',');
                    }
                    self.marked_value(item, is_secret);
                }
                self.out.push(b']');
            }
            Value::Object(members) => {
                self.out.push(b'{');
                self.marked_members(members, true, is_secret);
                self.out.push(b'}');
            }
        }
    }

    /// The members of an object as `"name":value`, comma-separated (`first`: no comma before
    /// the first), those `is_secret` names marked (see [`JsonWriter::marked_value`]).
    #[doc(hidden)]
    pub fn marked_members(
        &mut self,
        members: &Map<String, Value>,
        first: bool,
        is_secret: SecretRule,
    ) {
        for (i, (name, value)) in members.iter().enumerate() {
            if i > 0 || !first {
                self.out.push(b',');
            }
            self.name(name);
            if is_secret(name, value) {
                self.secret(value);
            } else {
                self.marked_value(value, is_secret);
            }
        }
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, w: &mut JsonWriter) {
        (**self).write_json(w);
    }
}

impl ToJson for std::borrow::Cow<'_, str> {
    fn write_json(&self, w: &mut JsonWriter) {
        w.str(self);
    }
}

/// A pair, as a two-item array (`[name, value]`).
impl<A: ToJson, B: ToJson> ToJson for (A, B) {
    fn write_json(&self, w: &mut JsonWriter) {
        w.array([&self.0 as &dyn ToJson, &self.1]);
    }
}

impl ToJson for str {
    fn write_json(&self, w: &mut JsonWriter) {
        w.str(self);
    }
}

impl ToJson for String {
    fn write_json(&self, w: &mut JsonWriter) {
        w.str(self);
    }
}

impl ToJson for bool {
    fn write_json(&self, w: &mut JsonWriter) {
        w.out
            .extend_from_slice(if *self { b"true" } else { b"false" });
    }
}

macro_rules! numbers {
    ($($ty:ty),+) => {$(
        impl ToJson for $ty {
            fn write_json(&self, w: &mut JsonWriter) {
                write_number(&mut w.out, *self);
            }
        }
    )+};
}

numbers!(u8, u16, u32, u64, i64, f64);

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, w: &mut JsonWriter) {
        match self {
            Some(value) => value.write_json(w),
            None => w.null(),
        }
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, w: &mut JsonWriter) {
        w.array(self.iter().map(|item| item as &dyn ToJson));
    }
}

impl ToJson for Value {
    fn write_json(&self, w: &mut JsonWriter) {
        w.value(self);
    }
}

/// Writes `value` as JSON text in `case`: the text and whether a secret was marked. `capacity`
/// is the room to start with (a result is about as long as the body it was read from).
pub fn to_text(value: &dyn ToJson, case: KeyCase, capacity: usize) -> (Vec<u8>, bool) {
    let mut writer = JsonWriter::new(case, capacity);
    value.write_json(&mut writer);
    (writer.out, writer.has_secret)
}

/// The length of `"name":` with `name` in camelCase (for [`key!`](crate::key!)).
// Evaluated in constants only (see `key!`): an index out of range fails the build.
#[allow(clippy::indexing_slicing)]
pub const fn camel_key_len(name: &str) -> usize {
    let bytes = name.as_bytes();
    let mut len = bytes.len() + 3;
    let mut i = 0;
    while i < bytes.len() {
        if drops_underscore(bytes, i) {
            len -= 1;
            i += 1;
        }
        i += 1;
    }
    len
}

/// `"name":` with `name` in camelCase, in `N` bytes ([`camel_key_len`]).
// Evaluated in constants only (see `key!`): an index out of range fails the build.
#[allow(clippy::indexing_slicing)]
pub const fn camel_key_bytes<const N: usize>(name: &str) -> [u8; N] {
    let bytes = name.as_bytes();
    let mut out = [0u8; N];
    out[0] = b'"';
    let (mut i, mut o) = (0, 1);
    while i < bytes.len() {
        if drops_underscore(bytes, i) {
            out[o] = bytes[i + 1].to_ascii_uppercase();
            i += 2;
        } else {
            out[o] = bytes[i];
            i += 1;
        }
        o += 1;
    }
    out[o] = b'"';
    out[o + 1] = b':';
    out
}

/// The [`Key`] of a member name (a literal that needs no escape), worked out at compile time.
///
/// ```
/// let key = vpskit_json::key!("allowed_actions");
/// assert_eq!(key.snake, b"\"allowed_actions\":");
/// assert_eq!(key.camel, b"\"allowedActions\":");
/// ```
#[macro_export]
macro_rules! key {
    ($name:literal) => {{
        const CAMEL_LEN: usize = $crate::write::camel_key_len($name);
        const CAMEL: [u8; CAMEL_LEN] = $crate::write::camel_key_bytes::<CAMEL_LEN>($name);
        const KEY: $crate::write::Key = $crate::write::Key {
            snake: concat!("\"", $name, "\":").as_bytes(),
            camel: &CAMEL,
        };
        &KEY
    }};
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// `"name":` in `case`, as names given at run time are written.
    fn runtime(name: &str, case: KeyCase) -> Vec<u8> {
        let mut out = Vec::new();
        write_key(&mut out, case, name);
        out.push(b':');
        out
    }

    #[test]
    fn keys_worked_out_at_compile_time_are_the_runtime_names() {
        for (key, name) in [
            (key!("allowed_actions"), "allowed_actions"),
            (key!("ipv_4"), "ipv_4"),
            (key!("a__b"), "a__b"),
            (key!("x_"), "x_"),
            (key!("id"), "id"),
            (key!("provider_status_code"), "provider_status_code"),
        ] {
            assert_eq!(key.snake, runtime(name, KeyCase::Snake), "{name}");
            assert_eq!(key.camel, runtime(name, KeyCase::Camel), "{name}");
        }
    }

    #[test]
    fn small_answers_are_written_with_names_in_the_writers_style() {
        let mut w = JsonWriter::new(KeyCase::Camel, 0);
        let pair = ("Retry-After", std::borrow::Cow::Borrowed("3"));
        w.members(&[
            ("days_left", &Some(2i64)),
            ("headers", &vec![pair]),
            ("ok", &true),
        ]);
        assert_eq!(
            String::from_utf8(w.out).unwrap(),
            r#"{"daysLeft":2,"headers":[["Retry-After","3"]],"ok":true}"#
        );
    }
}
