//! vpskit's JSON path: one reader, one way to read typed values, one writer. Nothing here knows
//! the APIs: the domain (models, responses, calls) builds on it, never the other way round.
//!
//! - [`reader`]: a pull reader of JSON text (tokens, numbers read to the bit as serde_json reads
//!   them, serde_json's syntax errors with line and column), used for every body and input.
//! - [`read`]: [`read::FromJson`] and [`read::ReadObject`], typed values read from the reader.
//! - [`path`]: where and why a read did not fit (`data[0].allowed_actions: expected an array,
//!   got a string`).
//! - [`write`]: [`ToJson`], typed values written as compact JSON text, member names in a
//!   [`KeyCase`], secrets marked `{"$secret": …}`; one loop writes every model.
//! - [`text`]: the text primitives (strings, names, numbers as serde_json writes them).

pub(crate) mod case;
pub(crate) mod path;
pub(crate) mod read;
pub(crate) mod reader;
pub(crate) mod text;
pub(crate) mod write;

pub use case::KeyCase;
pub use write::{JsonWriter, ToJson};

/// The member that marks a secret in written results: `{"$secret": "value"}`. A host turns each
/// marked value back into its own secret type.
pub const SECRET_MARKER: &str = "$secret";
