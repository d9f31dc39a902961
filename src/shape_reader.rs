//! Reads a response into its result's JSON text by the result's [`ResultShape`] (see
//! [`crate::shape`]): one pass over the body, the text written as the body is read.
//!
//! The reader walks the text with vpskit's own pull reader (`json_reader`; serde_json's reader and
//! what its messages pull in are left out of the WebAssembly package). It refuses what the typed
//! models refuse with the messages serde gives them (`invalid type: …, expected a string`,
//! `missing field `id``), and the careful path names the member that did not fit as the typed
//! path does (`json_path::Fault`, gathered as the error goes back up). What it writes is what the typed result serializes to:
//! members in the struct's order (a missing optional member as `null`), then unmodelled members
//! sorted by name, secrets marked `{"$secret": …}`.
//!
//! Order of judgement, as in [`crate::operation::FromResponse`]'s typed path: a 2xx
//! `{"success": true, "data": …}` body that reads in one pass is the result (plain documents are
//! read by the hand-written scan of `shape_scan`, the rest by the `serde` reader here); anything
//! else, and every whole-body result, is judged by the envelope (`success_object`: error statuses,
//! `success: false`, bodies that are not JSON), then the result is read again from the envelope's
//! member, which finds the error and its path.

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::error::Error;
use crate::http::{HttpResponse, MAX_RESPONSE_BYTES};
use crate::json_path::{
    describe_number, duplicate_field, float_text, invalid_type, invalid_value, missing_field,
    refuse, refuse_secret, strings, too_few_elements, trailing_items, Fault,
};
use crate::json_reader::{Parsed, Reader, Token};
use crate::json_writer::{
    value_text, write_key, write_marked, write_marked_members, write_member_key, write_number,
    write_plain_str, write_str,
};
use crate::response;
use crate::result_json::{KeyCase, ResultJson};
use crate::secret::SECRET_MARKER;
use crate::shape::{Member, MemberValue, Model, Rest, ResultShape, Shape, MAX_SLOTS};
use crate::shape_scan::scan_envelope;
use crate::vpsorg::PermissionSet;

/// Reads `response` into the JSON text of the result `shape` describes, names in `case`.
pub(crate) fn read_result(
    response: &HttpResponse,
    shape: &'static ResultShape,
    case: KeyCase,
) -> Result<ResultJson, Error> {
    let capacity = response.body.len() + 16;
    match shape {
        ResultShape::Raw => raw_result(response, case, capacity),
        ResultShape::Data(data) => {
            if let Some(json) = read_in_one_pass(response, data, case, capacity) {
                return Ok(json);
            }
            let mut body = response::success_object(response)?;
            let data_value = response::data_member(&mut body)?;
            read_carefully(
                &value_text(&data_value),
                Top::Shape(data),
                "data",
                case,
                capacity,
            )
        }
        // Read the careful way only, as the typed model is: the body read into a JSON value and
        // written back, so a float reads as the typed path reads it (twice: `serde_json`'s
        // default float reading does not always round-trip).
        ResultShape::Body(model) => {
            let mut body = response::success_object(response)?;
            body.remove("success");
            let text = value_text(&Value::Object(body));
            read_carefully(&text, Top::Model(model), "", case, capacity)
        }
    }
}

/// Reads text written back from the envelope's member; a mismatch names its path under `prefix`.
fn read_carefully(
    text: &str,
    top: Top,
    prefix: &str,
    case: KeyCase,
    capacity: usize,
) -> Result<ResultJson, Error> {
    let mut writer = Writer::new(case, capacity);
    read_text(text, top, &mut writer)
        .map_err(|fault| response::shape_error(&fault.into_path_error(), prefix))?;
    writer.finish()
}

/// The result of a 2xx `{"success": true, "data": …}` body read in one pass (by the scan for
/// plain documents, else by the walker), or `None` for the careful path.
fn read_in_one_pass(
    response: &HttpResponse,
    data: &'static Shape,
    case: KeyCase,
    capacity: usize,
) -> Option<ResultJson> {
    if !(200..300).contains(&response.status) || response.body.len() > MAX_RESPONSE_BYTES {
        return None;
    }
    // Invalid UTF-8 goes the careful way, which says where it is.
    let text = std::str::from_utf8(&response.body).ok()?;
    let mut writer = Writer::new(case, capacity);
    if scan_envelope(text, data, &mut writer).is_none() {
        writer.out.clear();
        writer.has_secret = false;
        read_text(text, Top::Envelope(data), &mut writer).ok()?;
    }
    writer.finish().ok()
}

/// The walker's take on `{"success": true, "data": …}` (the scan's reference in tests).
#[cfg(test)]
pub(crate) fn read_envelope_with_walker(
    text: &str,
    shape: &'static Shape,
    writer: &mut Writer,
) -> Result<(), Fault> {
    read_text(text, Top::Envelope(shape), writer)
}

/// `{"status": …, "body": …}` of any success body.
fn raw_result(
    response: &HttpResponse,
    case: KeyCase,
    capacity: usize,
) -> Result<ResultJson, Error> {
    let body = Value::Object(response::success_object(response)?);
    let mut writer = Writer::new(case, capacity);
    writer.out.push(b'{');
    write_key(&mut writer.out, case, "status");
    writer.out.push(b':');
    write_number(&mut writer.out, response.status);
    writer.out.push(b',');
    write_key(&mut writer.out, case, "body");
    writer.out.push(b':');
    writer.has_secret |= write_marked(&mut writer.out, case, &body);
    writer.out.push(b'}');
    writer.finish()
}

/// What the text holds at its top.
#[derive(Clone, Copy)]
enum Top {
    /// `{"success": true, "data": <shape>}` (fast path of a `data` result).
    Envelope(&'static Shape),
    /// A value of the shape (careful path of a `data` result).
    Shape(&'static Shape),
    /// An object of the model (a whole-body result).
    Model(&'static Model),
}

fn read_text(text: &str, top: Top, writer: &mut Writer) -> Result<(), Fault> {
    let mut walk = Walk {
        reader: Reader::new(text),
        writer,
    };
    match top {
        Top::Envelope(shape) => walk.envelope(shape)?,
        Top::Shape(shape) => walk.shape(shape)?,
        Top::Model(model) => walk.object(model)?,
    }
    Ok(walk.reader.finish()?)
}

/// The text being written.
pub(crate) struct Writer {
    pub(crate) out: Vec<u8>,
    pub(crate) case: KeyCase,
    has_secret: bool,
}

impl Writer {
    pub(crate) fn new(case: KeyCase, capacity: usize) -> Self {
        Writer {
            out: Vec::with_capacity(capacity),
            case,
            has_secret: false,
        }
    }

    fn finish(self) -> Result<ResultJson, Error> {
        ResultJson::from_written(self.out, self.has_secret)
    }

    pub(crate) fn write_secret(&mut self, secret: &str) {
        self.out.push(b'{');
        write_key(&mut self.out, self.case, SECRET_MARKER);
        self.out.push(b':');
        write_str(&mut self.out, secret);
        self.out.push(b'}');
        self.has_secret = true;
    }
}

/// The unmodelled members an object keeps (its `extra`), if any.
type Kept = Option<Map<String, Value>>;

/// One read of a text: the reader, and the text being written.
struct Walk<'a, 'w> {
    reader: Reader<'a>,
    writer: &'w mut Writer,
}

impl Walk<'_, '_> {
    /// The next value is not what a shape that `expected` reads.
    #[cold]
    fn refuse(&mut self, expected: &str) -> Fault {
        refuse(&mut self.reader, expected)
    }

    /// A string, written as it is read; `expected` names it in a message.
    fn string(&mut self, expected: &str) -> Result<(), Fault> {
        if self.reader.peek()? != Token::String {
            return Err(self.refuse(expected));
        }
        match self.reader.string()? {
            // A string borrowed from the text had no escape in it, and JSON text holds no raw
            // `"`, `\` or control character in a string: it needs no escape either.
            Cow::Borrowed(text) => write_plain_str(&mut self.writer.out, text),
            Cow::Owned(text) => write_str(&mut self.writer.out, &text),
        }
        Ok(())
    }

    /// A number for a shape that `expected` names; anything else is refused.
    fn number(&mut self, expected: &str) -> Result<Parsed, Fault> {
        if self.reader.peek()? != Token::Number {
            return Err(self.refuse(expected));
        }
        Ok(self.reader.parsed_number()?)
    }

    /// An unsigned integer of at most `max`, `expected` naming its type (`u8`).
    fn unsigned(&mut self, max: u64, expected: &str) -> Result<u64, Fault> {
        match self.number(expected)? {
            Parsed::Unsigned(n) if n <= max => Ok(n),
            number @ (Parsed::Unsigned(_) | Parsed::Signed(_)) => {
                Err(invalid_value(&describe_number(number), expected))
            }
            number @ Parsed::Float(_) => Err(invalid_type(&describe_number(number), expected)),
        }
    }

    /// One value of a shape, written.
    fn shape(&mut self, shape: &'static Shape) -> Result<(), Fault> {
        match shape {
            Shape::Str => self.string("a string")?,
            Shape::StrOrNum => self.string_or_number()?,
            Shape::Bool => {
                if self.reader.peek()? != Token::Bool {
                    return Err(self.refuse("a boolean"));
                }
                let word: &[u8] = if self.reader.bool()? {
                    b"true"
                } else {
                    b"false"
                };
                self.writer.out.extend_from_slice(word);
            }
            Shape::U8 => {
                let n = self.unsigned(u64::from(u8::MAX), "u8")?;
                write_number(&mut self.writer.out, n);
            }
            Shape::U16 => {
                let n = self.unsigned(u64::from(u16::MAX), "u16")?;
                write_number(&mut self.writer.out, n);
            }
            Shape::U64 => {
                let n = self.unsigned(u64::MAX, "u64")?;
                write_number(&mut self.writer.out, n);
            }
            Shape::F64 => {
                let f = match self.number("f64")? {
                    Parsed::Unsigned(n) => n as f64,
                    Parsed::Signed(n) => n as f64,
                    Parsed::Float(f) => f,
                };
                write_number(&mut self.writer.out, f);
            }
            Shape::Secret => self.secret()?,
            Shape::Permissions => self.permissions()?,
            Shape::Json => {
                let value = self.reader.value()?;
                self.writer.has_secret |=
                    write_marked(&mut self.writer.out, self.writer.case, &value);
            }
            Shape::Nullable(inner) => {
                if self.reader.peek()? == Token::Null {
                    self.reader.null()?;
                    self.writer.out.extend_from_slice(b"null");
                } else {
                    self.shape(inner)?;
                }
            }
            Shape::List(item) => self.list(item)?,
            Shape::Model(model) => self.model(model, Self::members_of)?,
        }
        Ok(())
    }

    /// A string, or a number kept as its text (`StringOrNumber`).
    fn string_or_number(&mut self) -> Result<(), Fault> {
        match self.reader.peek()? {
            Token::String => self.string("a string or a number"),
            Token::Number => {
                let text = match self.reader.parsed_number()? {
                    Parsed::Unsigned(n) => n.to_string(),
                    Parsed::Signed(n) => n.to_string(),
                    Parsed::Float(f) => float_text(f),
                };
                write_str(&mut self.writer.out, &text);
                Ok(())
            }
            Token::Null => {
                self.reader.null()?;
                Err(Fault::new(
                    "expected a string or a number, found null".to_string(),
                ))
            }
            _ => Err(self.refuse("a string or a number")),
        }
    }

    /// A secret string, marked; a value of another type is refused without echoing it.
    fn secret(&mut self) -> Result<(), Fault> {
        if self.reader.peek()? != Token::String {
            return Err(refuse_secret(&mut self.reader));
        }
        let secret = self.reader.string()?;
        self.writer.write_secret(&secret);
        Ok(())
    }

    /// A list of permission strings, written as `PermissionSet` writes them.
    fn permissions(&mut self) -> Result<(), Fault> {
        let strings = strings(&mut self.reader)?;
        let out = &mut self.writer.out;
        out.push(b'[');
        for (i, s) in PermissionSet::from_strings(strings)
            .to_strings()
            .iter()
            .enumerate()
        {
            if i > 0 {
                out.push(b',');
            }
            write_str(out, s);
        }
        out.push(b']');
        Ok(())
    }

    /// An array of the item shape.
    fn list(&mut self, item: &'static Shape) -> Result<(), Fault> {
        if self.reader.peek()? != Token::Array {
            return Err(self.refuse("a sequence"));
        }
        let mut items = self.reader.array()?;
        self.writer.out.push(b'[');
        let mut index = 0;
        while self.reader.next_item(&mut items)? {
            if index > 0 {
                self.writer.out.push(b',');
            }
            self.shape(item).map_err(|fault| fault.in_item(index))?;
            index += 1;
        }
        self.writer.out.push(b']');
        Ok(())
    }

    /// An object of a whole-body model (an object only, as `deserialize_map` reads it).
    fn object(&mut self, model: &'static Model) -> Result<(), Fault> {
        if self.reader.peek()? != Token::Object {
            return Err(self.refuse(model.expecting));
        }
        self.model(model, Self::members)
    }

    /// A model's object, its members read by `read` into their slots: `{`, the members in slot
    /// order, the kept `extra`, `}`.
    fn model(
        &mut self,
        model: &'static Model,
        read: fn(&mut Self, &'static Model, &mut Slots) -> Result<Kept, Fault>,
    ) -> Result<(), Fault> {
        let start = self.writer.out.len();
        self.writer.out.push(b'{');
        let mut slots = Slots::new();
        let extra = read(self, model, &mut slots)?;
        finish_object(model, self.writer, start, &slots, extra);
        Ok(())
    }

    /// The members of a model's value into `slots`: an object, or an array for a positional
    /// model (serde's derived structs read both). Gives back the members kept as `extra`.
    fn members_of(&mut self, model: &'static Model, slots: &mut Slots) -> Result<Kept, Fault> {
        match self.reader.peek()? {
            Token::Object => self.members(model, slots),
            Token::Array if model.positional => self.positional(model, slots).map(|()| None),
            _ => Err(self.refuse(model.expecting)),
        }
    }

    /// Reads the members of an object into `slots`; gives back the members kept as `extra`.
    fn members(&mut self, model: &'static Model, slots: &mut Slots) -> Result<Kept, Fault> {
        let mut object = self.reader.object()?;
        let mut seen = 0u32;
        let mut hint = 0;
        let mut extra: Option<Map<String, Value>> = None;
        while let Some(name) = self.reader.next_key(&mut object)? {
            let known = model
                .member_index(&name, hint)
                .and_then(|index| Some((index, model.members.get(index)?)));
            let Some((index, member)) = known else {
                let value = self
                    .reader
                    .value()
                    .map_err(|e| Fault::from(e).in_member(&name))?;
                if let Rest::Keep { drop } = model.rest {
                    if !drop.contains(&&*name) {
                        extra
                            .get_or_insert_with(Map::new)
                            .insert(name.into_owned(), value);
                    }
                }
                continue;
            };
            let bit = 1u32 << index;
            if seen & bit != 0 {
                return Err(duplicate_field(member.name()));
            }
            seen |= bit;
            hint = index + 1;
            self.member(member, slots)
                .map_err(|fault| fault.in_member(&name))?;
        }
        match model.missing_required(seen) {
            Some(member) => Err(missing_field(member.name())),
            None => Ok(extra),
        }
    }

    /// Reads the members of an array, in order (serde's derived structs read both forms).
    fn positional(&mut self, model: &'static Model, slots: &mut Slots) -> Result<(), Fault> {
        let mut items = self.reader.array()?;
        let count = model.members.len();
        for (index, member) in model.members.iter().enumerate() {
            if !self.reader.next_item(&mut items)? {
                return Err(too_few_elements(index, model.expecting, count));
            }
            self.member(member, slots)
                .map_err(|fault| fault.in_item(index))?;
        }
        if self.reader.next_item(&mut items)? {
            return Err(trailing_items());
        }
        Ok(())
    }

    /// One member's value, read where its [`MemberValue`] says.
    fn member(&mut self, member: &'static Member, slots: &mut Slots) -> Result<(), Fault> {
        match &member.value {
            MemberValue::Slot(slot, shape) => {
                if slots.count > 0 {
                    self.writer.out.push(b',');
                }
                let begin = self.writer.out.len();
                write_member_key(&mut self.writer.out, self.writer.case, member);
                self.shape(shape)?;
                slots.record(*slot, begin, self.writer.out.len());
                Ok(())
            }
            MemberValue::Hoist(model) => {
                // Its members go to their own slots, out of the enclosing object's order.
                slots.in_order = false;
                self.members_of(model, slots).map(drop)
            }
        }
    }

    /// `{"success": true, "data": …}`: only `data` is written; anything the careful path could
    /// judge differently (`success` not `true`, a member twice, no `data`) is refused.
    fn envelope(&mut self, shape: &'static Shape) -> Result<(), Fault> {
        let refused = || Fault::new("not a plain success envelope".to_string());
        if self.reader.peek()? != Token::Object {
            return Err(refused());
        }
        let mut object = self.reader.object()?;
        let mut success = false;
        let mut data = false;
        while let Some(name) = self.reader.next_key(&mut object)? {
            match &*name {
                "success" if !success => {
                    success = true;
                    if self.reader.peek()? != Token::Bool || !self.reader.bool()? {
                        return Err(refused());
                    }
                }
                "data" if !data => {
                    data = true;
                    self.shape(shape)?;
                }
                "success" | "data" => return Err(refused()),
                _ => {
                    self.reader.value()?;
                }
            }
        }
        if data {
            Ok(())
        } else {
            Err(refused())
        }
    }
}

/// The places of an object's written members, so they can be put in slot order at its end.
pub(crate) struct Slots {
    /// `(start, end)` in the output of each slot written (`end == 0`: not written).
    spans: [(usize, usize); MAX_SLOTS],
    /// Members written so far.
    pub(crate) count: usize,
    /// Whether every member so far was written in slot order (then nothing moves at the end).
    in_order: bool,
}

impl Slots {
    pub(crate) fn new() -> Self {
        Slots {
            spans: [(0, 0); MAX_SLOTS],
            count: 0,
            in_order: true,
        }
    }

    /// Records that slot `slot` was written at `begin..end` of the output.
    pub(crate) fn record(&mut self, slot: usize, begin: usize, end: usize) {
        self.in_order &= slot == self.count;
        self.count += 1;
        if let Some(span) = self.spans.get_mut(slot) {
            *span = (begin, end);
        }
    }
}

/// Closes an object: members put in slot order (missing ones as `null`) unless they already
/// are, then `extra`, then `}`.
pub(crate) fn finish_object(
    model: &Model,
    writer: &mut Writer,
    start: usize,
    slots: &Slots,
    extra: Option<Map<String, Value>>,
) {
    if !(slots.in_order && slots.count == model.slots.len()) {
        let written = writer.out.split_off(start + 1);
        for (index, name) in model.slots.iter().enumerate() {
            if index > 0 {
                writer.out.push(b',');
            }
            let span = slots.spans.get(index).copied().unwrap_or((0, 0));
            match written.get(span.0.wrapping_sub(start + 1)..span.1.wrapping_sub(start + 1)) {
                Some(member) if span.1 > 0 => writer.out.extend_from_slice(member),
                _ => {
                    write_key(&mut writer.out, writer.case, name);
                    writer.out.extend_from_slice(b":null");
                }
            }
        }
    }
    if let Some(extra) = extra {
        writer.has_secret |= write_marked_members(&mut writer.out, writer.case, &extra);
    }
    writer.out.push(b'}');
}
