//! The words of a model's shape and of an operation's row as data ([`Kind`], [`Field`],
//! [`Model`], [`Enum`], [`ArgKind`], [`Argument`], [`Operation`]), and the `Describe` trait the
//! `model!` and `open_enum!` declarations implement; `crate::schema` lists them all. The structs
//! are `#[non_exhaustive]` (they may gain a member without breaking a reader); the enums are not,
//! so that a generator reading them must say what each new kind becomes.

use crate::model::raw::Json;
use crate::secret::Secret;

/// A member's type, in words every host maps to its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A string.
    Text,
    /// A whole number.
    Integer,
    /// A number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A secret string.
    Secret,
    /// Any JSON, as it arrived.
    Json,
    /// A list of permission strings.
    Permissions,
    /// An open enum (its words in `vpskit::schema::enums`).
    Enum(&'static str),
    /// Another model.
    Model(&'static str),
    /// `null`, or the inner kind.
    Optional(Box<Kind>),
    /// A list of the inner kind.
    List(Box<Kind>),
}

/// A model's member as hosts see it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Field {
    /// Its JSON name (`allowed_actions`).
    pub name: &'static str,
    /// The Rust struct's field (`kind` for the JSON name `type`).
    pub field: &'static str,
    /// The Rust field's type as written (`Option<u16>`), for hosts that keep Rust's widths.
    pub rust: &'static str,
    /// Its type.
    pub kind: Kind,
    /// The first paragraph of its documentation, on one line (what host declarations show).
    pub doc: String,
}

/// A model: its members, and whether it keeps the members it does not type.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Model {
    /// The model's name (`Server`).
    pub name: &'static str,
    /// The first paragraph of its documentation, on one line.
    pub summary: String,
    /// Its members, in order.
    pub fields: Vec<Field>,
    /// Whether unmodelled members are kept (`extra`).
    pub keeps_extra: bool,
}

/// An open enum: its documented words (any other word is kept as it came).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Enum {
    /// The enum's name (`Product`).
    pub name: &'static str,
    /// The first paragraph of its documentation, on one line.
    pub summary: String,
    /// Each documented value: the Rust variant's name and the word.
    pub words: Vec<(&'static str, &'static str)>,
}

/// What an operation's argument holds, and so how it is read and what hosts take for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    /// A string, required.
    Str,
    /// A string or `null`, may be missing.
    OptStr,
    /// A string of digits or `null`, may be missing (Python and JS take a whole number too).
    OptDigits,
    /// A secret string or `null`, may be missing.
    OptSecret,
    /// An object of strings, may be missing.
    Query,
    /// Any JSON or `null`, may be missing.
    OptJson,
}

/// An operation's argument as hosts see it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Argument {
    /// Its name in a call's `args` (`type`).
    pub name: &'static str,
    /// The Rust argument struct's field (`kind`): the parameter's name in Kotlin and Swift.
    pub field: &'static str,
    /// What it holds.
    pub kind: ArgKind,
    /// The first paragraph of its documentation, on one line.
    pub doc: String,
}

/// An operation of the table as hosts see it: what their generated methods are written from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Operation {
    /// Its name (`get_credential`).
    pub name: &'static str,
    /// Its API (`faithserver`, `vpsorg`).
    pub api: &'static str,
    /// Its `Call` variant (`GetCredential`).
    pub variant: &'static str,
    /// The first paragraph of its documentation, on one line.
    pub summary: String,
    /// The argument struct of its `Call` variant (`CredentialArgs`), if it takes arguments.
    pub args_struct: Option<&'static str>,
    /// Its arguments, in the struct's order.
    pub args: Vec<Argument>,
    /// Its result's Rust type as written (`Vec<Server>`).
    pub result: String,
    /// Whether its preflight checks the server first (so a host may pass the server it holds).
    pub preflight: bool,
}

/// The first paragraph of doc-comment text, its lines joined by spaces.
pub(crate) fn first_paragraph(doc: &str) -> String {
    doc.lines()
        .map(str::trim)
        .take_while(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A type's [`Kind`].
pub(crate) trait Describe {
    fn kind() -> Kind;
}

macro_rules! kinds {
    ($($ty:ty => $kind:expr),+ $(,)?) => {$(
        impl Describe for $ty {
            fn kind() -> Kind {
                $kind
            }
        }
    )+};
}

kinds!(
    String => Kind::Text,
    u8 => Kind::Integer,
    u16 => Kind::Integer,
    u64 => Kind::Integer,
    i64 => Kind::Integer,
    f64 => Kind::Number,
    bool => Kind::Boolean,
    Secret => Kind::Secret,
    Json => Kind::Json,
);

impl<T: Describe> Describe for Option<T> {
    fn kind() -> Kind {
        Kind::Optional(Box::new(T::kind()))
    }
}

impl<T: Describe> Describe for Vec<T> {
    fn kind() -> Kind {
        Kind::List(Box::new(T::kind()))
    }
}
