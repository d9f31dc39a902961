//! vpskit's JSON path: one reader, one way to read typed values, one writer. Nothing here knows
//! the APIs: the domain (models, responses, calls) builds on it, never the other way round.
//!
//! - [`reader`]: a pull reader of JSON text (tokens, numbers read to the bit as serde_json reads
//!   them, serde_json's syntax errors with line and column), used for every body and input.
//! - [`read`]: [`read::FromJson`] and [`read::ReadObject`], typed values read from the reader.
//! - [`path`]: where and why a read did not fit (`data[0].allowed_actions: expected an array,
//!   got a string`).
//! - [`write`](mod@write): [`ToJson`], typed values written as compact JSON text, member names in a
//!   [`KeyCase`], secrets marked `{"$secret": …}`; one loop writes every model.
//! - [`text`]: the text primitives (strings, names, numbers as serde_json writes them).
//!
//! It is its own crate so that the compiler keeps it apart from the domain: it depends on
//! serde_json alone. Its items are public for the vpskit crate; they are not a stable API of their
//! own, and follow vpskit's version.
//!
//! ```
//! use vpskit_json::reader::{parse_value, Reader};
//! use vpskit_json::read::FromJson;
//!
//! let value = parse_value(r#"{"id": "fsrv_111", "ram_mb": 2048}"#)?;
//! assert_eq!(value["ram_mb"], 2048);
//! let mut reader = Reader::new(r#"["a", "b"]"#);
//! let names = Vec::<String>::read(&mut reader);
//! assert_eq!(names.ok(), Some(vec!["a".to_string(), "b".to_string()]));
//! let mut reader = Reader::new(r#"[1]"#);
//! let fault = Vec::<String>::read(&mut reader).err().map(|f| f.into_path_error());
//! assert_eq!(fault.map(|e| (e.path, e.message)), Some(("[0]".into(), "expected a string, got a number".into())));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod case;
pub mod path;
pub mod read;
pub mod reader;
pub mod text;
pub mod write;

pub use case::KeyCase;
pub use write::{JsonWriter, ToJson};

/// The member that marks a secret in written results: `{"$secret": "value"}`. A host turns each
/// marked value back into its own secret type.
pub const SECRET_MARKER: &str = "$secret";
