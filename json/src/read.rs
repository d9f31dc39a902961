//! Typed values read from JSON text: the one reader of every model and result.
//!
//! [`FromJson`] reads a value from a [`Reader`], the pull reader of this module, and says where
//! and why a value did not fit with a [`Fault`] (`data[0].allowed_actions: expected an array,
//! got a string`). Objects are read through [`ReadObject`]: a model gets each member's name and
//! reads the values it knows; [`read_object`] is the one loop over an object's members, so a
//! caller that owns the enclosing object (a response envelope whose members sit beside the
//! model's own) can feed the model members one by one.
//!
//! Models are declared once with the `model!` declaration (`src/model/`), which writes the struct, its
//! [`ReadObject`] and its `serde::Serialize` from one list of fields.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::path::{missing_field, refuse, Fault};
use super::reader::{Parsed, Reader, Token};

/// A value read from JSON text.
///
/// ```ignore
/// let mut reader = Reader::new(r#"["a", null]"#);
/// let items = Vec::<Option<String>>::read(&mut reader)?;
/// ```
pub trait FromJson: Sized {
    /// Reads the next value.
    fn read(reader: &mut Reader<'_>) -> Result<Self, Fault>;

    /// The value of a member that is missing: `None` when the member is required.
    fn missing() -> Option<Self> {
        None
    }
}

/// A place a member's value is read into (a model's [`Field`], through `&mut dyn Slot`: the
/// loop over an object's members is compiled once, not once per model).
pub trait Slot {
    /// Reads the value at the reader into this place.
    fn read_into(&mut self, reader: &mut Reader<'_>) -> Result<(), Fault>;
}

/// A model's member while its object is read: its value once read, and how it is read.
pub struct Field<T> {
    value: Option<T>,
    read: fn(&mut Reader<'_>) -> Result<T, Fault>,
}

impl<T> Field<T> {
    /// A member not read yet, read by `read`.
    pub fn new(read: fn(&mut Reader<'_>) -> Result<T, Fault>) -> Self {
        Field { value: None, read }
    }

    /// The member's value, if it was read.
    pub fn into_value(self) -> Option<T> {
        self.value
    }

    /// The member's value, or the fault of a missing member.
    pub fn required(self, name: &str) -> Result<T, Fault> {
        self.value.ok_or_else(|| missing_field(name))
    }
}

impl<T: FromJson> Field<T> {
    /// The member's value, its type's value when missing, or the fault of a missing member.
    pub fn take(self, name: &str) -> Result<T, Fault> {
        match self.value {
            Some(value) => Ok(value),
            None => T::missing().ok_or_else(|| missing_field(name)),
        }
    }
}

impl<T> Slot for Field<T> {
    /// A member given twice keeps its last value, as `JSON.parse`, Python's `json` and
    /// serde_json's values read it.
    fn read_into(&mut self, reader: &mut Reader<'_>) -> Result<(), Fault> {
        self.value = Some((self.read)(reader)?);
        Ok(())
    }
}

/// A member read and dropped (a member a model names but does not keep).
pub struct Skip;

impl Slot for Skip {
    fn read_into(&mut self, reader: &mut Reader<'_>) -> Result<(), Fault> {
        Ok(reader.skip()?)
    }
}

/// An object's members while it is read: the part of a model the reading loop sees.
pub trait Members {
    /// The place of member `name`, if the model reads it.
    fn slot(&mut self, name: &str) -> Option<&mut dyn Slot>;

    /// Where members the model does not read are kept, if it keeps them (else they are
    /// stepped over).
    fn rest(&mut self) -> Option<&mut Map<String, Value>>;
}

/// A model read from a JSON object.
pub trait ReadObject: Sized {
    /// The members while they are read.
    type Partial: Members;

    /// What a value of another kind is refused as expecting (`a server object`).
    const EXPECTING: &'static str;

    /// No member read yet.
    fn start() -> Self::Partial;

    /// The model from its members; a missing required member is a fault.
    fn finish(partial: Self::Partial) -> Result<Self, Fault>;
}

/// Reads the value of member `name` (the reader at it) into `members`: into its place, into the
/// kept members, or stepped over.
pub fn read_member(
    members: &mut dyn Members,
    name: Cow<'_, str>,
    reader: &mut Reader<'_>,
) -> Result<(), Fault> {
    if let Some(slot) = members.slot(&name) {
        return slot.read_into(reader).map_err(|f| f.in_member(&name));
    }
    match members.rest() {
        Some(rest) => {
            let value = reader
                .value()
                .map_err(|e| Fault::from(e).in_member(&name))?;
            rest.insert(name.into_owned(), value);
        }
        None => reader.skip().map_err(|e| Fault::from(e).in_member(&name))?,
    }
    Ok(())
}

/// Reads an object's members into `members`; `expecting` names the object when the value is of
/// another kind.
pub fn read_members(
    reader: &mut Reader<'_>,
    expecting: &str,
    members: &mut dyn Members,
) -> Result<(), Fault> {
    if reader.peek()? != Token::Object {
        return Err(refuse(reader, expecting));
    }
    let mut object = reader.object()?;
    while let Some(name) = reader.next_key(&mut object)? {
        read_member(members, name, reader)?;
    }
    Ok(())
}

/// Reads an object into `T`.
pub fn read_object<T: ReadObject>(reader: &mut Reader<'_>) -> Result<T, Fault> {
    let mut partial = T::start();
    read_members(reader, T::EXPECTING, &mut partial)?;
    T::finish(partial)
}

impl FromJson for String {
    fn read(reader: &mut Reader<'_>) -> Result<Self, Fault> {
        if reader.peek()? != Token::String {
            return Err(refuse(reader, "a string"));
        }
        Ok(reader.string_here()?.into_owned())
    }
}

impl FromJson for bool {
    fn read(reader: &mut Reader<'_>) -> Result<Self, Fault> {
        if reader.peek()? != Token::Bool {
            return Err(refuse(reader, "true or false"));
        }
        Ok(reader.bool()?)
    }
}

/// Reads a whole number and checks its range.
fn integer<T: TryFrom<u64> + TryFrom<i64>>(
    reader: &mut Reader<'_>,
    expected: &str,
) -> Result<T, Fault> {
    if reader.peek()? != Token::Number {
        return Err(refuse(reader, expected));
    }
    let parsed = reader.parsed_number()?;
    let fits = match parsed {
        Parsed::Unsigned(n) => T::try_from(n).ok(),
        Parsed::Signed(n) => T::try_from(n).ok(),
        Parsed::Float(_) => None,
    };
    fits.ok_or_else(|| super::path::out_of_range(parsed, expected))
}

macro_rules! integers {
    ($($ty:ty => $expected:literal),+ $(,)?) => {$(
        impl FromJson for $ty {
            fn read(reader: &mut Reader<'_>) -> Result<Self, Fault> {
                integer(reader, $expected)
            }
        }
    )+};
}

integers!(
    u8 => "a whole number from 0 to 255",
    u16 => "a whole number from 0 to 65535",
    u64 => "a whole number from 0 to 2^64-1",
    i64 => "a whole number from -2^63 to 2^63-1",
);

impl FromJson for f64 {
    fn read(reader: &mut Reader<'_>) -> Result<Self, Fault> {
        if reader.peek()? != Token::Number {
            return Err(refuse(reader, "a number"));
        }
        Ok(match reader.parsed_number()? {
            Parsed::Unsigned(n) => n as f64,
            Parsed::Signed(n) => n as f64,
            Parsed::Float(f) => f,
        })
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn read(reader: &mut Reader<'_>) -> Result<Self, Fault> {
        if reader.peek()? == Token::Null {
            reader.null()?;
            return Ok(None);
        }
        T::read(reader).map(Some)
    }

    fn missing() -> Option<Self> {
        Some(None)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn read(reader: &mut Reader<'_>) -> Result<Self, Fault> {
        if reader.peek()? != Token::Array {
            return Err(refuse(reader, "an array"));
        }
        let mut items = reader.array()?;
        // Room for a typical list (a server's actions) from the start, not grown from four.
        let mut list = Vec::with_capacity(8);
        while reader.next_item(&mut items)? {
            let index = list.len();
            list.push(T::read(reader).map_err(|f| f.in_item(index))?);
        }
        Ok(list)
    }
}

impl FromJson for Value {
    fn read(reader: &mut Reader<'_>) -> Result<Self, Fault> {
        Ok(reader.value()?)
    }

    fn missing() -> Option<Self> {
        Some(Value::Null)
    }
}

/// A string, or a number kept as its text (ids that some backends send as numbers).
pub fn text_or_number(reader: &mut Reader<'_>) -> Result<String, Fault> {
    match reader.peek()? {
        Token::String => Ok(reader.string()?.into_owned()),
        // As JSON writes the number: `5`, `36.78`, `5.0` for a float that is whole.
        Token::Number => Ok(match reader.parsed_number()? {
            Parsed::Unsigned(n) => n.to_string(),
            Parsed::Signed(n) => n.to_string(),
            Parsed::Float(f) => super::path::float_text(f),
        }),
        _ => Err(refuse(reader, "a string or a number")),
    }
}

/// [`text_or_number`], or `null`.
pub fn opt_text_or_number(reader: &mut Reader<'_>) -> Result<Option<String>, Fault> {
    if reader.peek()? == Token::Null {
        reader.null()?;
        return Ok(None);
    }
    text_or_number(reader).map(Some)
}
