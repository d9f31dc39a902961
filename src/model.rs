//! `deserialize_model!`: a fast `Deserialize` for models whose unmodelled members go to `extra`.
//!
//! serde's `#[serde(flatten)]` buffers every member of an object before it sorts them, which made
//! parsing a model about twice as slow as plain structs. This macro writes the visitor serde would
//! write for a plain struct (one pass, no buffering; member names matched without allocating) and
//! puts each member it does not know into the model's [`Extra`](crate::Extra).
//!
//! Each field is `name: rule = "json_name"`, where the rule is `required` (a missing member is an
//! error) or `optional` (missing means the field's `Default`), optionally followed by `via Wrapper`
//! to read the member through a wrapper type (for instance a string-or-number id), then the JSON
//! name and its aliases separated by `|`. A member that appears twice is an error, as in serde.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, Visitor};
use serde::Deserialize;

/// A member name of a model's object: one of its fields, or a name it does not model.
pub(crate) enum Key<F> {
    /// A modelled field.
    Known(F),
    /// Any other member, kept for `extra`.
    Other(String),
}

/// Reads a member name, matching it against a model's fields without allocating.
pub(crate) struct KeySeed<F>(pub(crate) fn(&str) -> Option<F>);

impl<'de, F> DeserializeSeed<'de> for KeySeed<F> {
    type Value = Key<F>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key<F>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<F> Visitor<'_> for KeySeed<F> {
    type Value = Key<F>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Key<F>, E> {
        Ok(match (self.0)(name) {
            Some(field) => Key::Known(field),
            None => Key::Other(name.to_owned()),
        })
    }

    fn visit_string<E: de::Error>(self, name: String) -> Result<Key<F>, E> {
        Ok(match (self.0)(&name) {
            Some(field) => Key::Known(field),
            None => Key::Other(name),
        })
    }
}

/// An id that some backends send as a number: kept as text.
pub(crate) struct StringOrNumber(pub(crate) String);

impl<'de> Deserialize<'de> for StringOrNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor)
            .and_then(|text: Option<String>| {
                text.map(StringOrNumber)
                    .ok_or_else(|| de::Error::custom("expected a string or a number, found null"))
            })
    }
}

/// [`StringOrNumber`] that may be missing or `null`.
pub(crate) struct OptStringOrNumber(pub(crate) Option<String>);

impl<'de> Deserialize<'de> for OptStringOrNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor).map(OptStringOrNumber)
    }
}

/// For `#[serde(deserialize_with)]`: [`OptStringOrNumber`] as an `Option<String>`.
pub(crate) fn opt_string_or_number<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    OptStringOrNumber::deserialize(d).map(|text| text.0)
}

/// Accepts a string, a number (written as text) or `null`; refuses the rest, naming what it was.
struct TextVisitor;

impl Visitor<'_> for TextVisitor {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or a number")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        // A finite number as JSON writes it. JSON text never yields another, but a host's own
        // deserializer might: named as Rust's `Display` names them, without that `Display`
        // (core's float printing is 20 KB of the WebAssembly package).
        let text = match serde_json::Number::from_f64(v) {
            Some(number) => number.to_string(),
            None if v.is_nan() => "NaN".to_owned(),
            None if v > 0.0 => "inf".to_owned(),
            None => "-inf".to_owned(),
        };
        Ok(Some(text))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// Implements `Deserialize` for a model struct with an `extra: Extra` field (see the module doc).
macro_rules! deserialize_model {
    (
        $model:ident {
            $( $field:ident : $rule:ident $( via $via:ty )? = $json:literal $( | $alias:literal )* ),+ $(,)?
        }
    ) => {
        impl<'de> serde::Deserialize<'de> for $model {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                #[allow(non_camel_case_types)]
                enum Field { $( $field ),+ }

                fn field(name: &str) -> Option<Field> {
                    match name {
                        $( $json $( | $alias )* => Some(Field::$field), )+
                        _ => None,
                    }
                }

                struct ModelVisitor;

                impl<'de> serde::de::Visitor<'de> for ModelVisitor {
                    type Value = $model;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("a ", stringify!($model), " object"))
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<$model, A::Error> {
                        use serde::de::Error as _;
                        $( let mut $field = None; )+
                        let mut extra = serde_json::Map::new();
                        while let Some(key) = map.next_key_seed($crate::model::KeySeed(field))? {
                            match key {
                                $(
                                    $crate::model::Key::Known(Field::$field) => {
                                        if $field.is_some() {
                                            return Err(A::Error::duplicate_field($json));
                                        }
                                        $field = Some(deserialize_model!(@value map $( $via )?));
                                    }
                                )+
                                $crate::model::Key::Other(name) => {
                                    extra.insert(name, map.next_value()?);
                                }
                            }
                        }
                        Ok($model {
                            $( $field: deserialize_model!(@finish $rule $field $json), )+
                            extra: $crate::json::Extra::from(extra),
                        })
                    }
                }

                d.deserialize_map(ModelVisitor)
            }
        }
    };
    (@value $map:ident) => { $map.next_value()? };
    (@value $map:ident $via:ty) => { $map.next_value::<$via>()?.0 };
    (@finish required $field:ident $json:literal) => {
        $field.ok_or_else(|| A::Error::missing_field($json))?
    };
    (@finish optional $field:ident $json:literal) => { $field.unwrap_or_default() };
}

pub(crate) use deserialize_model;

#[cfg(test)]
mod tests {
    use serde::de::value::{Error as ValueError, F64Deserializer};
    use serde::de::IntoDeserializer;
    use serde::Deserialize;

    use super::StringOrNumber;

    fn text_of(v: f64) -> String {
        let d: F64Deserializer<ValueError> = v.into_deserializer();
        StringOrNumber::deserialize(d)
            .map(|s| s.0)
            .unwrap_or_default()
    }

    #[test]
    fn a_float_is_written_as_json_writes_it_and_a_non_finite_one_as_rust_names_it() {
        assert_eq!(text_of(1.5), "1.5");
        assert_eq!(text_of(5.0), "5.0");
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(text_of(v), v.to_string());
        }
    }
}
