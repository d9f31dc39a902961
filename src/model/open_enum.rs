//! `open_enum!`: string enums with a variant per documented value and `Other(String)` for the rest.

/// Declares an open string enum: documented values as variants, anything else kept in `Other`.
macro_rules! open_enum {
    (
        #[doc = $summary:literal]
        $(#[doc = $doc:literal])*
        $name:ident { $( $(#[$vdoc:meta])* $variant:ident => $text:literal ),+ $(,)? }
    ) => {
        #[doc = $summary]
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vdoc])* $variant, )+
            /// A value vpskit does not know yet, kept as it arrived.
            Other(String),
        }

        impl $name {
            /// Every documented value.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// The value as it appears in JSON.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $text, )+
                    $name::Other(other) => other.as_str(),
                }
            }

            /// Reads a value; unknown text becomes `Other`.
            pub fn parse(text: &str) -> Self {
                match text {
                    $( $text => $name::$variant, )+
                    other => $name::Other(other.to_string()),
                }
            }

            /// Whether this is a documented value.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                $name::parse(text)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl $crate::model::schema::Describe for $name {
            fn kind() -> $crate::model::schema::Kind {
                $crate::model::schema::Kind::Enum(stringify!($name))
            }
        }

        impl $name {
            /// The enum's documented words as data (see `vpskit::schema`).
            pub(crate) fn schema() -> $crate::model::schema::Enum {
                $crate::model::schema::Enum {
                    name: stringify!($name),
                    summary: $crate::model::schema::first_paragraph(concat!(
                        $summary $(, "\n", $doc)*
                    )),
                    words: vec![$( (stringify!($variant), $text) ),+],
                }
            }
        }

        impl vpskit_json::write::ToJson for $name {
            fn write_json(&self, w: &mut vpskit_json::write::JsonWriter) {
                match self {
                    $name::Other(other) => w.str(other),
                    // The documented words need no escape: copied as they are.
                    known => w.clean_str(known.as_str()),
                }
            }
        }

        impl vpskit_json::read::FromJson for $name {
            fn read(
                reader: &mut vpskit_json::reader::Reader<'_>,
            ) -> Result<Self, vpskit_json::path::Fault> {
                // The word is matched where the reader holds it: no `String` unless the word is
                // unknown or escaped.
                if reader.peek()? != vpskit_json::reader::Token::String {
                    return Err(vpskit_json::path::refuse(reader, "a string"));
                }
                Ok($name::parse(&reader.string_here()?))
            }
        }
    };
}

pub(crate) use open_enum;
