//! Member-name styles: results are written with the API's names (`allowed_actions`) or in
//! camelCase (`allowedActions`) for JavaScript and Kotlin.

/// How member names are written.
///
/// ```
/// use vpskit_json::KeyCase;
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
        if self == KeyCase::Snake {
            return name.to_string();
        }
        let mut out = Vec::with_capacity(name.len());
        camel_case_bytes(name.as_bytes(), |byte| out.push(byte));
        // Only ASCII letters change, so the bytes stay UTF-8.
        String::from_utf8(out).unwrap_or_else(|_| name.to_string())
    }
}

/// Whether byte `i` of `name` is an `_` that camelCase drops: one before a lower-case ASCII
/// letter or a digit, which is then upper-cased (see [`KeyCase::Camel`]). `const` for
/// `key!`, which renames the models' member names at compile time.
// `const` rules out `get`; both indexes are checked against the length first.
#[allow(clippy::indexing_slicing)]
pub const fn drops_underscore(name: &[u8], i: usize) -> bool {
    i + 1 < name.len()
        && name[i] == b'_'
        && (name[i + 1].is_ascii_lowercase() || name[i + 1].is_ascii_digit())
}

/// Hands the bytes of `name` in camelCase to `emit`, one by one (see [`KeyCase::Camel`]).
pub fn camel_case_bytes(name: &[u8], mut emit: impl FnMut(u8)) {
    let mut upper_next = false;
    for (i, &byte) in name.iter().enumerate() {
        if upper_next {
            upper_next = false;
            emit(byte.to_ascii_uppercase());
        } else if drops_underscore(name, i) {
            upper_next = true;
        } else {
            emit(byte);
        }
    }
}
