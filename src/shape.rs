//! Shapes: each result type's JSON form, held as data.
//!
//! [`crate::Call::parse_json`] (what every binding calls) reads a response straight into the
//! result's JSON text, driven by the result's [`ResultShape`], instead of building the typed
//! result and writing it out again. One reader (`shape_reader`) then serves every result type,
//! where the typed path compiles a reader and a writer per type: that is most of the
//! WebAssembly package's size. The typed models stay the authority: each shape is declared next
//! to its model, and the conformance vectors and property tests check that both paths agree
//! (`tests/vectors.rs`, `tests/properties.rs`).
//!
//! ```text
//! Server    = Model { id: Str (required), name: Nullable(Str), …, allowed_actions: List(Str) }
//! list_servers → ResultShape::Data(List(Model(Server)))
//! ```

use crate::result_json::drops_underscore;

/// A value's JSON form, and how it is read.
#[derive(Debug)]
pub(crate) enum Shape {
    /// A string (`String` and the open enums: `Product`, `Action`, `ServerStatus`, …).
    Str,
    /// A string, or a number written as text (ids that some backends send as numbers).
    StrOrNum,
    /// `true` or `false`.
    Bool,
    /// An unsigned integer that fits `u8`.
    U8,
    /// An unsigned integer that fits `u16`.
    U16,
    /// An unsigned integer that fits `u64`.
    U64,
    /// A number, written as `f64` is (`5` becomes `5.0`).
    F64,
    /// A secret string, written `{"$secret": …}`.
    Secret,
    /// A list of permission strings, written as `PermissionSet` orders them.
    Permissions,
    /// Any JSON, kept as it arrived (objects sorted by name), sensitive members marked.
    Json,
    /// `null`, or the inner shape (`Option<T>`).
    Nullable(&'static Shape),
    /// An array of the inner shape (`Vec<T>`).
    List(&'static Shape),
    /// An object with named members.
    Model(&'static Model),
}

/// An object with named members: a model struct.
#[derive(Debug)]
pub(crate) struct Model {
    /// What a mismatch says was expected (`a Server object`, `struct AccountInfo`).
    pub(crate) expecting: &'static str,
    /// The members read, in the struct's order.
    pub(crate) members: &'static [Member],
    /// The output member names, in the order they are written (the struct's field order).
    /// Empty for a model whose members are hoisted into the enclosing object.
    pub(crate) slots: &'static [&'static str],
    /// What happens to members the model does not name.
    pub(crate) rest: Rest,
    /// Whether an array of the members in order is read too (serde's derived structs).
    pub(crate) positional: bool,
}

/// A member of a [`Model`].
#[derive(Debug)]
pub(crate) struct Member {
    /// The JSON name, then its aliases.
    pub(crate) keys: &'static [&'static str],
    /// The JSON name in camelCase, quoted and followed by `:` (`"allowedActions":`), as a result
    /// in [`KeyCase::Camel`] writes it: worked out at compile time by [`camel_key!`] from the first
    /// of `keys`, so writing a member's name is one copy, not a rename per member per object.
    ///
    /// [`KeyCase::Camel`]: crate::KeyCase::Camel
    pub(crate) camel_key: &'static [u8],
    /// Whether a missing member is an error (else its output is `null`).
    pub(crate) required: bool,
    /// Where the member's value goes.
    pub(crate) value: MemberValue,
}

impl Member {
    /// The JSON name (the first of `keys`), as a result writes it.
    pub(crate) fn name(&self) -> &'static str {
        self.keys.first().copied().unwrap_or("")
    }
}

/// The length of `name` in camelCase, quoted and followed by `:` (for [`camel_key!`]).
// Evaluated in constants only (see `camel_key!`): an index out of range fails the build.
#[allow(clippy::indexing_slicing)]
pub(crate) const fn camel_key_len(name: &str) -> usize {
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

/// `name` in camelCase, quoted and followed by `:`, in `N` bytes ([`camel_key_len`]).
// Evaluated in constants only (see `camel_key!`): an index out of range fails the build.
#[allow(clippy::indexing_slicing)]
pub(crate) const fn camel_key_bytes<const N: usize>(name: &str) -> [u8; N] {
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

/// [`Member::camel_key`] of a JSON member name (a literal that needs no escape).
macro_rules! camel_key {
    ($name:literal) => {{
        const CAMEL_LEN: usize = $crate::shape::camel_key_len($name);
        const CAMEL: [u8; CAMEL_LEN] = $crate::shape::camel_key_bytes::<CAMEL_LEN>($name);
        &CAMEL
    }};
}

pub(crate) use camel_key;

/// Where a member's value goes.
#[derive(Debug)]
pub(crate) enum MemberValue {
    /// Into output slot `index` of the enclosing object, read as `shape`.
    Slot(usize, Shape),
    /// An object whose members fill slots of the enclosing object (a wire wrapper the result
    /// flattens: `provider_response.url` becomes the console session's `url`).
    Hoist(&'static Model),
}

/// Members a model does not name.
#[derive(Debug)]
pub(crate) enum Rest {
    /// Kept as JSON after the named members (`extra`), sorted by name; `drop` names are not.
    Keep {
        /// Names removed from `extra`.
        drop: &'static [&'static str],
    },
    /// Read (so a malformed value still fails) and dropped.
    Ignore,
}

/// Where a result is found in the response, and its shape.
#[derive(Debug)]
pub(crate) enum ResultShape {
    /// The `data` member of a FaithServer success body.
    Data(Shape),
    /// The whole success body, without `success`.
    Body(&'static Model),
    /// `{status, body}`: the status and the whole body as JSON.
    Raw,
}

/// The most output slots a model has (the reader keeps their places on the stack).
pub(crate) const MAX_SLOTS: usize = 16;

impl Model {
    /// The first required member whose bit (`1 << index`) is not in `seen`, if any.
    pub(crate) fn missing_required(&self, seen: u32) -> Option<&'static Member> {
        let members: &'static [Member] = self.members;
        members
            .iter()
            .enumerate()
            .find(|(index, member)| member.required && seen & (1 << index) == 0)
            .map(|(_, member)| member)
    }

    /// The index of the member `name` names, looked up from `hint` on (members usually arrive
    /// in order, so the first comparison mostly matches).
    pub(crate) fn member_index(&self, name: &str, hint: usize) -> Option<usize> {
        let n = self.members.len();
        (0..n)
            .map(|k| (hint + k) % n)
            .find(|&i| self.members.get(i).is_some_and(|m| m.keys.contains(&name)))
    }
}

/// Declares a model whose members fill its slots in order, each slot named by the member's JSON
/// name: `static NAME = "a Server object", keep [dropped names] { "id" | "alias": required Str, … }`.
/// `optional` members read `null` too (`Option<T>`); `ignore` instead of `keep [..]` drops
/// unnamed members; a trailing `positional` reads an array of the members in order too (serde's
/// derived structs).
macro_rules! model {
    (@rest keep [$($drop:literal),*]) => { $crate::shape::Rest::Keep { drop: &[$($drop),*] } };
    (@rest ignore) => { $crate::shape::Rest::Ignore };
    (@required required) => { true };
    (@required optional) => { false };
    (@shape required $shape:expr) => { $shape };
    (@shape optional $shape:expr) => { $crate::shape::Shape::Nullable(&$shape) };
    (@positional) => { false };
    (@positional positional) => { true };
    (
        $(#[$doc:meta])*
        static $name:ident = $expecting:literal, $rest:ident $([$($drop:literal),*])? $($positional:ident)? {
            $( $key:literal $(| $alias:literal)* : $rule:ident $shape:expr ),+ $(,)?
        }
    ) => {
        $(#[$doc])*
        pub(crate) static $name: $crate::shape::Model = $crate::shape::Model {
            expecting: $expecting,
            members: &model!(@members 0usize; []; $( [$key $(| $alias)*] $rule ($shape) ),+),
            slots: &[$($key),+],
            rest: model!(@rest $rest $([$($drop),*])?),
            positional: model!(@positional $($positional)?),
        };
    };
    (@members $i:expr; [$($done:expr),*]; [$key:literal $(| $alias:literal)*] $rule:ident ($shape:expr) $(, $($more:tt)+)?) => {
        model!(@members $i + 1; [$($done,)* $crate::shape::Member {
            keys: &[$key $(, $alias)*],
            camel_key: $crate::shape::camel_key!($key),
            required: model!(@required $rule),
            value: $crate::shape::MemberValue::Slot($i, model!(@shape $rule $shape)),
        }]; $($($more)+)?)
    };
    (@members $i:expr; [$($done:expr),*];) => { [$($done),*] };
}

pub(crate) use model;

/// `Option<String>`.
pub(crate) const OPT_STR: Shape = Shape::Nullable(&Shape::Str);

#[cfg(test)]
mod tests {
    use super::{MemberValue, Model, MAX_SLOTS};
    use crate::faithserver::shapes as fs;
    use crate::json_writer::{write_key, write_member_key};
    use crate::result_json::KeyCase;
    use crate::vpsorg;

    /// Every model with the models hoisted into it.
    fn models() -> Vec<(&'static Model, Vec<&'static Model>)> {
        let plain = [
            &fs::SERVER,
            &fs::POWER_STATUS,
            &fs::OVERVIEW,
            &fs::ACTION_RESULT,
            &fs::RESCUE_STATUS,
            &fs::IMAGE,
            &fs::CREDENTIAL,
            &fs::TRAFFIC,
            &fs::IP_ADDRESS,
            &fs::MONITOR,
            &fs::LOG_ENTRY,
            &fs::JOB,
            &vpsorg::ACCOUNT,
            &vpsorg::TOKEN,
            &vpsorg::ACCOUNT_INFO,
        ];
        let mut all: Vec<_> = plain.into_iter().map(|m| (m, Vec::new())).collect();
        all.push((&fs::CONSOLE_SESSION, vec![&fs::CONSOLE_WIRE]));
        all.push((&fs::IMAGE_LIST, vec![&fs::IMAGE_LIST_DATA]));
        all
    }

    /// Each member's precomputed name is what the writer makes of its JSON name, in both cases.
    #[test]
    fn every_key_is_written_as_write_key_writes_the_name() {
        for (model, hoisted) in models() {
            for m in std::iter::once(model).chain(hoisted) {
                for member in m.members {
                    let name = member.name();
                    for case in [KeyCase::Snake, KeyCase::Camel] {
                        let mut written = Vec::new();
                        write_key(&mut written, case, name);
                        written.push(b':');
                        let mut precomputed = Vec::new();
                        write_member_key(&mut precomputed, case, member);
                        assert_eq!(precomputed, written, "{name} {case:?}");
                    }
                }
            }
        }
    }

    /// The reader keeps slots on the stack and seen members in a `u32`: every model fits, and
    /// each of its slots is filled by exactly one member (its own or a hoisted model's).
    #[test]
    fn every_slot_is_filled_by_one_member() {
        for (model, hoisted) in models() {
            assert!(model.slots.len() <= MAX_SLOTS, "{}", model.expecting);
            let mut filled = vec![0; model.slots.len()];
            for m in std::iter::once(model).chain(hoisted.iter().copied()) {
                assert!(m.members.len() <= 32, "{}", m.expecting);
                for member in m.members {
                    match &member.value {
                        MemberValue::Slot(slot, _) => filled[*slot] += 1,
                        MemberValue::Hoist(inner) => {
                            assert!(
                                hoisted.iter().any(|h| std::ptr::eq(*h, *inner)),
                                "{}",
                                m.expecting
                            )
                        }
                    }
                }
            }
            assert!(
                filled.iter().all(|&n| n == 1),
                "{}: {filled:?}",
                model.expecting
            );
        }
    }
}
