//! Reads a response into its result's JSON text by the result's [`ResultShape`] (see
//! [`crate::shape`]): one pass over the body, the text written as the body is read.
//!
//! The reader is a `serde` seed over `serde_json`'s own reader, so it refuses what the typed
//! models refuse with the same messages at the same places (`invalid type: …, expected a
//! string`, `missing field `id``), and the careful path names the member that did not fit as
//! the typed path does (see `json_path`). What it writes is what the typed result serializes to:
//! members in the struct's order (a missing optional member as `null`), then unmodelled members
//! sorted by name, secrets marked `{"$secret": …}`.
//!
//! Order of judgement, as in [`crate::operation::FromResponse`]'s typed path: a 2xx
//! `{"success": true, "data": …}` body that reads in one pass is the result (plain documents are
//! read by the hand-written scan of `shape_scan`, the rest by the `serde` reader here); anything
//! else, and every whole-body result, is judged by the envelope (`success_object`: error statuses,
//! `success: false`, bodies that are not JSON), then the result is read again from the envelope's
//! member, which finds the error and its path.

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::error::Error;
use crate::http::{HttpResponse, MAX_RESPONSE_BYTES};
use crate::json_path;
use crate::json_writer::{
    value_text, write_key, write_marked, write_marked_members, write_member_key, write_number,
    write_plain_str, write_str,
};
use crate::model::{too_few_elements, StringOrNumber};
use crate::response;
use crate::result_json::{KeyCase, ResultJson};
use crate::secret::{Secret, SECRET_MARKER};
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
        .map_err(|e| response::shape_error(&json_path::path_error(text, &e), prefix))?;
    writer.finish()
}

/// The result of a 2xx `{"success": true, "data": …}` body read in one pass (by the scan for
/// plain documents, else by the `serde` reader), or `None` for the careful path.
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

/// The `serde` reader's take on `{"success": true, "data": …}` (the scan's reference in tests).
#[cfg(test)]
pub(crate) fn read_envelope_with_serde(
    text: &str,
    shape: &'static Shape,
    writer: &mut Writer,
) -> Result<(), serde_json::Error> {
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

fn read_text(text: &str, top: Top, writer: &mut Writer) -> Result<(), serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    match top {
        Top::Envelope(shape) => de.deserialize_map(EnvelopeVisitor { shape, writer })?,
        Top::Shape(shape) => ShapeSeed { shape, writer }.deserialize(&mut de)?,
        Top::Model(model) => de.deserialize_map(ObjectVisitor { model, writer })?,
    }
    de.end()
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

/// Reads one value of a shape, writing its text.
struct ShapeSeed<'w> {
    shape: &'static Shape,
    writer: &'w mut Writer,
}

impl<'de> DeserializeSeed<'de> for ShapeSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let writer = self.writer;
        let out = &mut writer.out;
        match self.shape {
            Shape::Str => return d.deserialize_str(StrVisitor(out)),
            Shape::StrOrNum => write_str(out, &StringOrNumber::deserialize(d)?.0),
            Shape::Bool => out.extend_from_slice(if bool::deserialize(d)? {
                b"true"
            } else {
                b"false"
            }),
            Shape::U8 => write_number(out, u8::deserialize(d)?),
            Shape::U16 => write_number(out, u16::deserialize(d)?),
            Shape::U64 => write_number(out, u64::deserialize(d)?),
            Shape::F64 => write_number(out, f64::deserialize(d)?),
            Shape::Secret => writer.write_secret(Secret::deserialize(d)?.expose()),
            Shape::Permissions => {
                let strings = PermissionSet::deserialize(d)?.to_strings();
                out.push(b'[');
                for (i, s) in strings.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    write_str(out, s);
                }
                out.push(b']');
            }
            Shape::Json => {
                let value = Value::deserialize(d)?;
                writer.has_secret |= write_marked(out, writer.case, &value);
            }
            Shape::Nullable(inner) => {
                return d.deserialize_option(NullableVisitor { inner, writer })
            }
            Shape::List(item) => return d.deserialize_seq(ListVisitor { item, writer }),
            Shape::Model(model) => {
                let visitor = ObjectVisitor { model, writer };
                return if model.positional {
                    d.deserialize_struct("", &[], visitor)
                } else {
                    d.deserialize_map(visitor)
                };
            }
        }
        Ok(())
    }
}

/// A string, written as it is read (no `String` in between).
struct StrVisitor<'w>(&'w mut Vec<u8>);

impl<'de> Visitor<'de> for StrVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        write_str(self.0, v);
        Ok(())
    }

    /// A string borrowed from the text had no escape in it, and JSON text holds no raw `"`, `\`
    /// or control character in a string: it needs no escape either, so it is copied unscanned.
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<(), E> {
        write_plain_str(self.0, v);
        Ok(())
    }
}

/// `null`, or a value of the inner shape.
struct NullableVisitor<'w> {
    inner: &'static Shape,
    writer: &'w mut Writer,
}

impl<'de> Visitor<'de> for NullableVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("option")
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.writer.out.extend_from_slice(b"null");
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        ShapeSeed {
            shape: self.inner,
            writer: self.writer,
        }
        .deserialize(d)
    }
}

/// An array of the item shape.
struct ListVisitor<'w> {
    item: &'static Shape,
    writer: &'w mut Writer,
}

impl<'de> Visitor<'de> for ListVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let writer = self.writer;
        writer.out.push(b'[');
        let mut first = true;
        loop {
            let mark = writer.out.len();
            if !first {
                writer.out.push(b',');
            }
            let seed = ShapeSeed {
                shape: self.item,
                writer: &mut *writer,
            };
            if seq.next_element_seed(seed)?.is_none() {
                writer.out.truncate(mark);
                break;
            }
            first = false;
        }
        writer.out.push(b']');
        Ok(())
    }
}

/// `{"success": true, "data": …}`: only `data` is written; anything the careful path could judge
/// differently (`success` not `true`, a member twice, no `data`) is refused.
struct EnvelopeVisitor<'w> {
    shape: &'static Shape,
    writer: &'w mut Writer,
}

impl<'de> Visitor<'de> for EnvelopeVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a response object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut success = false;
        let mut data = false;
        while let Some(key) = map.next_key_seed(EnvelopeKey::Other)? {
            match key {
                EnvelopeKey::Success if !success => {
                    success = true;
                    if !map.next_value::<bool>()? {
                        return Err(de::Error::custom("success is false"));
                    }
                }
                EnvelopeKey::Data if !data => {
                    data = true;
                    map.next_value_seed(ShapeSeed {
                        shape: self.shape,
                        writer: &mut *self.writer,
                    })?;
                }
                EnvelopeKey::Success | EnvelopeKey::Data => {
                    return Err(de::Error::custom("duplicate member"))
                }
                EnvelopeKey::Other => {
                    map.next_value::<Value>()?;
                }
            }
        }
        if data {
            Ok(())
        } else {
            Err(de::Error::custom("no data"))
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

/// An object of a model, written with its members in slot order.
struct ObjectVisitor<'w> {
    model: &'static Model,
    writer: &'w mut Writer,
}

impl<'de> Visitor<'de> for ObjectVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.model.expecting)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let writer = self.writer;
        let start = writer.out.len();
        writer.out.push(b'{');
        let mut slots = Slots::new();
        let extra = read_members(self.model, &mut map, writer, &mut slots)?;
        finish_object(self.model, writer, start, &slots, extra);
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let writer = self.writer;
        let start = writer.out.len();
        writer.out.push(b'{');
        let mut slots = Slots::new();
        read_positional(self.model, &mut seq, writer, &mut slots)?;
        finish_object(self.model, writer, start, &slots, None);
        Ok(())
    }
}

/// A model whose members are written into the enclosing object's slots.
struct HoistSeed<'w> {
    model: &'static Model,
    writer: &'w mut Writer,
    slots: &'w mut Slots,
}

impl<'de> DeserializeSeed<'de> for HoistSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        if self.model.positional {
            d.deserialize_struct("", &[], self)
        } else {
            d.deserialize_map(self)
        }
    }
}

impl<'de> Visitor<'de> for HoistSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.model.expecting)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        read_members(self.model, &mut map, self.writer, self.slots).map(drop)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        read_positional(self.model, &mut seq, self.writer, self.slots)
    }
}

/// Reads the members of an object into `slots`; gives back the members kept as `extra`.
fn read_members<'de, A: MapAccess<'de>>(
    model: &'static Model,
    map: &mut A,
    writer: &mut Writer,
    slots: &mut Slots,
) -> Result<Option<Map<String, Value>>, A::Error> {
    let mut seen = 0u32;
    let mut hint = 0;
    let mut extra: Option<Map<String, Value>> = None;
    while let Some(key) = map.next_key_seed(MemberSeed { model, hint })? {
        let (index, member) = match key {
            MemberKey::Known(index, member) => (index, member),
            MemberKey::Other(name) => {
                let value: Value = map.next_value()?;
                if let Rest::Keep { drop } = model.rest {
                    if !drop.contains(&name.as_str()) {
                        extra.get_or_insert_with(Map::new).insert(name, value);
                    }
                }
                continue;
            }
        };
        let bit = 1u32 << index;
        if seen & bit != 0 {
            return Err(de::Error::duplicate_field(member.name()));
        }
        seen |= bit;
        hint = index + 1;
        map.next_value_seed(MemberSeedValue {
            member,
            writer: &mut *writer,
            slots: &mut *slots,
        })?;
    }
    match model.missing_required(seen) {
        Some(member) => Err(de::Error::missing_field(member.name())),
        None => Ok(extra),
    }
}

/// Reads the members of an array, in order (serde's derived structs read both forms).
fn read_positional<'de, A: SeqAccess<'de>>(
    model: &'static Model,
    seq: &mut A,
    writer: &mut Writer,
    slots: &mut Slots,
) -> Result<(), A::Error> {
    for (index, member) in model.members.iter().enumerate() {
        let read = seq.next_element_seed(MemberSeedValue {
            member,
            writer: &mut *writer,
            slots: &mut *slots,
        })?;
        if read.is_none() {
            return Err(too_few_elements(
                index,
                model.expecting,
                model.members.len(),
            ));
        }
    }
    Ok(())
}

/// One member's value, read where its [`MemberValue`] says.
struct MemberSeedValue<'w> {
    member: &'static Member,
    writer: &'w mut Writer,
    slots: &'w mut Slots,
}

impl<'de> DeserializeSeed<'de> for MemberSeedValue<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        read_member(self.member, d, self.writer, self.slots)
    }
}

fn read_member<'de, D: Deserializer<'de>>(
    member: &'static Member,
    d: D,
    writer: &mut Writer,
    slots: &mut Slots,
) -> Result<(), D::Error> {
    match &member.value {
        MemberValue::Slot(slot, shape) => {
            if slots.count > 0 {
                writer.out.push(b',');
            }
            let begin = writer.out.len();
            write_member_key(&mut writer.out, writer.case, member);
            ShapeSeed {
                shape,
                writer: &mut *writer,
            }
            .deserialize(d)?;
            slots.record(*slot, begin, writer.out.len());
            Ok(())
        }
        MemberValue::Hoist(model) => {
            // Its members go to their own slots, out of the enclosing object's order.
            slots.in_order = false;
            HoistSeed {
                model,
                writer,
                slots,
            }
            .deserialize(d)
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

/// A member name: one the model names, or another (kept for `extra`).
enum MemberKey {
    Known(usize, &'static Member),
    Other(String),
}

/// Reads a member name, matched against the model's members without allocating.
struct MemberSeed {
    model: &'static Model,
    hint: usize,
}

impl<'de> DeserializeSeed<'de> for MemberSeed {
    type Value = MemberKey;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<MemberKey, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl Visitor<'_> for MemberSeed {
    type Value = MemberKey;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<MemberKey, E> {
        Ok(match self.model.member_index(name, self.hint) {
            Some(index) => match self.model.members.get(index) {
                Some(member) => MemberKey::Known(index, member),
                None => MemberKey::Other(name.to_owned()),
            },
            None => MemberKey::Other(name.to_owned()),
        })
    }
}

/// A member name of the envelope.
#[derive(Clone, Copy)]
enum EnvelopeKey {
    Success,
    Data,
    Other,
}

impl<'de> DeserializeSeed<'de> for EnvelopeKey {
    type Value = EnvelopeKey;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<EnvelopeKey, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl Visitor<'_> for EnvelopeKey {
    type Value = EnvelopeKey;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<EnvelopeKey, E> {
        Ok(match name {
            "success" => EnvelopeKey::Success,
            "data" => EnvelopeKey::Data,
            _ => EnvelopeKey::Other,
        })
    }
}
