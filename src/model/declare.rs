//! `model!`: one declaration per model. From one list of fields it writes the struct, its reader
//! ([`ReadObject`](vpskit_json::read::ReadObject) and [`FromJson`](vpskit_json::read::FromJson)),
//! its writer ([`ToJson`](vpskit_json::write::ToJson), member names precomputed in both styles)
//! and its `serde::Serialize` (for Rust users and the Python binding's converter), so a model and
//! its JSON form cannot disagree: there is nothing else to keep in step.
//!
//! ```text
//! model! {
//!     /// A server of `GET /servers`.
//!     pub struct Server: "a server object" {
//!         /// The public Service ID.
//!         pub id: String = "id",                      // required: its type has no missing value
//!         pub name: Option<String> = "name",          // optional: missing reads as None
//!         pub address: String = "address" | "ip",     // a JSON name, then aliases
//!         pub job_id: Option<String> = "job_id" via opt_text_or_number,  // a reader of its own
//!     }
//!     keep extra                                      // members it does not type go to `extra`
//! }
//! ```
//!
//! A model whose API form is not its written one ends with `read by hand`, without `"…"` words.
//!
//! Whether a member is required follows from its type
//! ([`FromJson::missing`](vpskit_json::read::FromJson::missing)):
//! `Option<T>` and raw JSON may be missing, everything else must be there. A member given twice
//! keeps its last value. Without `keep extra`, members the model does not type are skipped.

/// Declares a model (see the module doc).
macro_rules! model {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident $( : $expecting:literal )? {
            $(
                $(#[doc = $field_doc:literal])*
                pub $field:ident : $ty:ty = $json:literal $( | $alias:literal )* $( via $via:path )?
            ),+ $(,)?
        }
        $( keep $extra:ident )?
        $( read by $hand:ident )?
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        pub struct $name {
            $(
                $(#[doc = $field_doc])*
                #[serde(rename = $json)]
                pub $field: $ty,
            )+
            $(
                /// Members vpskit does not model, kept as they arrived (sensitive ones are
                /// redacted when printed and marked when written).
                #[serde(flatten)]
                pub $extra: $crate::model::raw::Extra,
            )?
        }

        $crate::model::model!(@read [$( $hand )?] $name [$( $expecting )?] {
            $( $field: $ty = $json $( | $alias )* $( via $via )? ),+
        } $( $extra )?);

        impl vpskit_json::write::ToJson for $name {
            fn write_json(&self, w: &mut vpskit_json::write::JsonWriter) {
                use vpskit_json::write::ToJson;
                w.object(
                    &[ $( (vpskit_json::key!($json), &self.$field as &dyn ToJson), )+ ],
                    $crate::model::model!(@members self $( $extra )?),
                );
            }
        }

        impl $crate::model::schema::Describe for $name {
            fn kind() -> $crate::model::schema::Kind {
                $crate::model::schema::Kind::Model(stringify!($name))
            }
        }

        impl $name {
            /// The model's shape as data (see `vpskit::schema`).
            pub(crate) fn schema() -> $crate::model::schema::Model {
                use $crate::model::schema::Describe as _;
                use $crate::model::schema::first_paragraph as first;
                $crate::model::schema::Model {
                    name: stringify!($name),
                    summary: first(concat!($($doc, "\n"),*)),
                    fields: vec![$(
                        $crate::model::schema::Field {
                            name: $json,
                            field: stringify!($field),
                            rust: stringify!($ty),
                            kind: <$ty>::kind(),
                            doc: first(concat!($($field_doc, "\n"),*)),
                        },
                    )+],
                    keeps_extra: $crate::model::model!(@keeps $( $extra )?),
                }
            }
        }
    };
    // `read by hand`: its own `ReadObject` reads it (with its own words for what was expected).
    (@read [$hand:ident] $($rest:tt)*) => {};
    (@read [] $name:ident [$expecting:literal] {
        $( $field:ident : $ty:ty = $json:literal $( | $alias:literal )* $( via $via:path )? ),+
    } $( $extra:ident )?) => {
        const _: () = {
            use vpskit_json::read::{self as read, Field, FromJson as _};

            /// The members while they are read.
            pub struct Partial {
                $( $field: Field<$ty>, )+
                $( $extra: serde_json::Map<String, serde_json::Value>, )?
            }

            impl read::Members for Partial {
                fn slot(&mut self, name: &str) -> Option<&mut dyn read::Slot> {
                    match name {
                        $( $json $( | $alias )* => Some(&mut self.$field), )+
                        _ => None,
                    }
                }

                fn rest(&mut self) -> Option<&mut serde_json::Map<String, serde_json::Value>> {
                    $crate::model::model!(@rest self $( $extra )?)
                }
            }

            impl read::ReadObject for $name {
                type Partial = Partial;
                const EXPECTING: &'static str = $expecting;

                fn start() -> Partial {
                    Partial {
                        $( $field: Field::new($crate::model::model!(@reader $ty $(, $via)?)), )+
                        $( $extra: serde_json::Map::new(), )?
                    }
                }

                fn finish(partial: Partial) -> Result<Self, vpskit_json::path::Fault> {
                    Ok($name {
                        $( $field: partial.$field.take($json)?, )+
                        $( $extra: $crate::model::raw::Extra::from(partial.$extra), )?
                    })
                }
            }

            impl read::FromJson for $name {
                fn read(
                    reader: &mut vpskit_json::reader::Reader<'_>,
                ) -> Result<Self, vpskit_json::path::Fault> {
                    read::read_object(reader)
                }
            }
        };

        impl $name {
            #[doc = concat!(
                "Reads a [`", stringify!($name), "`] from JSON text as the API writes it ",
                "(member names in snake_case); a value that does not fit is a validation error ",
                "that names its path."
            )]
            pub fn from_json(text: &str) -> Result<Self, $crate::error::Error> {
                $crate::model::read_text(stringify!($name), text, |reader| {
                    <Self as vpskit_json::read::FromJson>::read(reader)
                })
            }
        }
    };
    (@reader $ty:ty) => { <$ty>::read };
    (@reader $ty:ty, $via:path) => { $via };
    (@rest $self:ident) => { None };
    (@rest $self:ident $extra:ident) => { Some(&mut $self.$extra) };
    (@keeps) => { false };
    (@keeps $extra:ident) => { true };
    (@members $self:ident) => { None };
    (@members $self:ident $extra:ident) => {
        Some(&$self.$extra as &dyn vpskit_json::write::ToJsonMembers)
    };
}

pub(crate) use model;
