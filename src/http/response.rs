//! Reading responses: the success envelope, error mapping, and decode errors that say what arrived.
//!
//! A successful body is read once, in one pass of the JSON reader: the envelope's members
//! (`success`, `message`, …) and the result (the `data` member, or the body's own members for
//! whole-body results) as they come. A result that does not fit is stepped over and the rest of
//! the body read on, so the body is judged from that same pass: a `success: false` or a syntax
//! error further on still wins over a result of the wrong shape. Error statuses are read as a
//! JSON value and judged by [`success_object`].

use serde_json::{Map, Value};

use crate::error::{clip, Error, ErrorCode, ErrorKind};
use crate::http::{HttpResponse, MAX_RESPONSE_BYTES};
use vpskit_json::path::Fault;
use vpskit_json::read::{read_member, Field, FromJson, Members, ReadObject, Slot};
use vpskit_json::reader::{self, Reader, Token};
use vpskit_json::write::{to_text, ToJson};
use vpskit_json::KeyCase;

use super::result::ResultJson;

/// The JSON object of a successful response, or the error the response stands for.
///
/// Order of judgement: size limit; then a body that is not JSON (an error status wins, else
/// `Decode`); then `success: false` or an error status (the gateway's message first, then the
/// status class); then `success` of the wrong type (`Decode`).
pub(crate) fn success_object(response: &HttpResponse) -> Result<Map<String, Value>, Error> {
    answered(response, object_of(response))
}

/// A reading of `response` whose error keeps the response's `X-Request-Id`: every entry point
/// of this module goes through here, so every error read from an answer names its exchange.
fn answered<T>(response: &HttpResponse, read: Result<T, Error>) -> Result<T, Error> {
    read.map_err(|e| keep_request_id(response, e))
}

/// `error`, keeping `response`'s request id (not generic: compiled once).
#[inline(never)]
fn keep_request_id(response: &HttpResponse, error: Error) -> Error {
    error.with_request_id(response.request_id())
}

/// [`success_object`] before the request id is kept.
fn object_of(response: &HttpResponse) -> Result<Map<String, Value>, Error> {
    if response.body.len() > MAX_RESPONSE_BYTES {
        return Err(too_large(response));
    }
    let status = response.status;
    let is_error_status = !(200..300).contains(&status);
    let parsed = match std::str::from_utf8(&response.body) {
        Ok(text) => reader::parse_value(text).map_err(|e| e.to_string()),
        Err(e) => Err(format!("invalid UTF-8 at byte {}", e.valid_up_to())),
    };
    let value = match parsed {
        Ok(value) => value,
        Err(e) => return Err(not_json(response, &e)),
    };
    let Value::Object(object) = value else {
        let what = format!("a JSON {}", json_type(&value));
        return Err(if is_error_status {
            status_error(response, format!("HTTP {status} with {what}"))
        } else {
            Error::decode(format!("expected a JSON object, got {what}")).with_status(status)
        });
    };
    judge_envelope(response, &object)?;
    Ok(object)
}

/// The error of a body over the size limit.
fn too_large(response: &HttpResponse) -> Error {
    Error::decode(format!(
        "the response body is {} bytes, over vpskit's limit of {} bytes",
        response.body.len(),
        MAX_RESPONSE_BYTES
    ))
}

/// The error of a body that is not JSON (`problem` says where it stopped being JSON).
fn not_json(response: &HttpResponse, problem: &str) -> Error {
    let status = response.status;
    let what = describe_body(response);
    if !(200..300).contains(&status) {
        status_error(response, format!("HTTP {status} with {what}"))
    } else if response.body.iter().all(u8::is_ascii_whitespace) {
        Error::decode(format!("expected a JSON body, got {what}")).with_status(status)
    } else {
        Error::decode(format!("expected a JSON body ({problem}), got {what}")).with_status(status)
    }
}

/// The error an envelope's `success` (and an error status) stand for, if any.
fn judge_envelope(response: &HttpResponse, envelope: &Map<String, Value>) -> Result<(), Error> {
    let is_error_status = !(200..300).contains(&response.status);
    match envelope.get("success") {
        Some(Value::Bool(false)) => Err(api_error(response, envelope)),
        Some(Value::Bool(true)) | None if is_error_status => Err(api_error(response, envelope)),
        Some(Value::Bool(true)) | None => Ok(()),
        Some(other) => Err(Error::decode(format!(
            "`success` must be true or false, got a JSON {}",
            json_type(other)
        ))
        .with_status(response.status)),
    }
}

/// Where a result sits in a successful body.
#[derive(Clone, Copy)]
enum Place {
    /// In the `data` member.
    Data,
    /// The body itself, less the envelope's `success`.
    Body,
}

/// The members of the envelope that judge a body, and the names of all its members (for a
/// message when `data` is missing).
#[derive(Default)]
struct Envelope {
    members: Map<String, Value>,
    names: Vec<String>,
    /// The first member that did not fit the result.
    fault: Option<Fault>,
}

impl Envelope {
    /// Whether the envelope keeps member `name` to judge the body.
    fn judges(name: &str) -> bool {
        matches!(name, "success" | "message" | "detail" | "error")
    }
}

/// How a result type is read from a response.
pub trait FromResponse: Sized + serde::Serialize + ToJson {
    /// Parses a response (error statuses included) into `Self` or an [`Error`]: the body is read
    /// once, by vpskit's one JSON reader (see `response.rs`).
    fn from_response(response: &HttpResponse) -> Result<Self, Error>;

    /// Parses a response into the JSON text `Self` is written as, member names in `case` and
    /// secrets marked, or the [`Error`] [`FromResponse::from_response`] gives: the typed result,
    /// written once by vpskit's one JSON writer.
    fn json_from_response(response: &HttpResponse, case: KeyCase) -> Result<ResultJson, Error> {
        let result = Self::from_response(response)?;
        let (text, has_secret) = to_text(&result, case, response.body.len() + 64);
        Ok(ResultJson::from_written(text, has_secret))
    }
}

/// A result read from the `data` member of a successful FaithServer body.
pub(crate) fn read_data<T: FromJson>(response: &HttpResponse) -> Result<T, Error> {
    let mut data = DataMember(Field::new(T::read));
    let names = read_success(response, Place::Data, &mut data)?;
    let read = data.0.into_value().ok_or_else(|| {
        Error::decode(format!(
            "the response has no `data` member (members: {})",
            member_names(names.iter().map(String::as_str))
        ))
    });
    answered(response, read)
}

/// The `data` member of a body, the one member [`read_data`] reads.
struct DataMember<T>(Field<T>);

impl<T> Members for DataMember<T> {
    fn slot(&mut self, name: &str) -> Option<&mut dyn Slot> {
        (name == "data").then_some(&mut self.0 as &mut dyn Slot)
    }

    fn rest(&mut self) -> Option<&mut Map<String, Value>> {
        None
    }
}

/// The error `response` stands for, if any, its result not read (see `HttpResponse::judge`).
pub(crate) fn judge(response: &HttpResponse) -> Result<(), Error> {
    read_success(response, Place::Data, &mut Nothing).map(drop)
}

/// Members that take nothing: every member of the body is stepped over.
struct Nothing;

impl Members for Nothing {
    fn slot(&mut self, _name: &str) -> Option<&mut dyn Slot> {
        None
    }

    fn rest(&mut self) -> Option<&mut Map<String, Value>> {
        None
    }
}

/// A result that is the whole successful body (less `success`).
pub(crate) fn read_body<T: ReadObject>(response: &HttpResponse) -> Result<T, Error> {
    let mut partial = T::start();
    read_success(response, Place::Body, &mut partial)?;
    answered(response, T::finish(partial).map_err(shape_error))
}

/// Reads a successful body in one pass into `members` (see the module doc): each member of the
/// body but `success` goes to `members`; a member that does not fit is stepped over from where
/// it began and the body read on, and its fault is the error once the body is judged a success.
/// Gives the names of the body's members. (Not generic: compiled once, not once per result.)
fn read_success(
    response: &HttpResponse,
    place: Place,
    members: &mut dyn Members,
) -> Result<Vec<String>, Error> {
    answered(response, read_envelope(response, place, members))
}

/// [`read_success`] before the request id is kept.
fn read_envelope(
    response: &HttpResponse,
    place: Place,
    members: &mut dyn Members,
) -> Result<Vec<String>, Error> {
    let is_error_status = !(200..300).contains(&response.status);
    let text = match std::str::from_utf8(&response.body) {
        Ok(text) if !is_error_status && response.body.len() <= MAX_RESPONSE_BYTES => text,
        // Errors, oversized and non-UTF-8 bodies are judged whole.
        _ => return object_of(response).map(|_| Vec::new()),
    };
    let mut reader = Reader::new(text);
    if !matches!(reader.peek(), Ok(Token::Object)) {
        // Not an object (or not JSON): judged whole, as above.
        return object_of(response).map(|_| Vec::new());
    }
    let mut envelope = Envelope::default();
    let read = envelope_pass(&mut reader, place, &mut envelope, members);
    if let Err(e) = read.and_then(|()| reader.finish()) {
        return Err(not_json(response, &e.to_string()));
    }
    judge_envelope(response, &envelope.members)?;
    match envelope.fault {
        Some(fault) => Err(shape_error(fault)),
        None => Ok(envelope.names),
    }
}

/// The members of the body object, read as [`read_success`] says.
fn envelope_pass(
    reader: &mut Reader<'_>,
    place: Place,
    envelope: &mut Envelope,
    members: &mut dyn Members,
) -> Result<(), reader::ReadError> {
    let mut object = reader.object()?;
    while let Some(name) = reader.next_key(&mut object)? {
        if envelope.names.len() < 12 {
            envelope.names.push(name.to_string());
        }
        if Envelope::judges(&name) {
            let mark = reader.mark();
            let value = reader.value()?;
            envelope.members.insert(name.to_string(), value);
            if name == "success" || matches!(place, Place::Data) {
                continue;
            }
            // A whole-body result may model `message` too.
            reader.reset(mark);
        }
        let mark = reader.mark();
        if envelope.fault.is_none() {
            match read_member(members, name, reader) {
                Ok(()) => continue,
                Err(fault) => envelope.fault = Some(fault),
            }
        }
        // Stepped over from where it began: a syntax error inside is found by the step.
        reader.reset(mark);
        reader.skip()?;
    }
    Ok(())
}

/// The `Decode` error of a result that did not fit: its path and what was wrong.
fn shape_error(fault: Fault) -> Error {
    let e = fault.into_path_error();
    let path = if e.path == "." {
        "the body".to_string()
    } else {
        format!("`{}`", e.path)
    };
    Error::decode(format!(
        "unexpected response shape at {path}: {}",
        clip(&e.message, 200)
    ))
}

/// Member names for messages (the first twelve).
pub(crate) fn member_names<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.take(12).collect();
    if names.is_empty() {
        return "none".to_string();
    }
    clip(&names.join(", "), 200)
}

/// The error an API error body stands for: the documented message first, then the status.
fn api_error(response: &HttpResponse, object: &Map<String, Value>) -> Error {
    let message = ["message", "detail", "error"]
        .iter()
        .find_map(|k| object.get(*k).and_then(Value::as_str))
        .map(|m| scrub(&clip(m, 500)));
    match message {
        Some(message) => {
            let code = ErrorCode::from_message(&message);
            let kind = code
                .map(ErrorCode::kind)
                .unwrap_or_else(|| kind_for_status(response.status));
            Error::api(kind, response.status, message)
                .with_code(code)
                .with_retry_after(retry_after(response, kind))
        }
        None => status_error(
            response,
            format!(
                "HTTP {} with an error body that has no message (members: {})",
                response.status,
                member_names(object.keys().map(String::as_str))
            ),
        ),
    }
}

/// An error judged by status alone.
fn status_error(response: &HttpResponse, message: String) -> Error {
    let kind = kind_for_status(response.status);
    Error::api(kind, response.status, message).with_retry_after(retry_after(response, kind))
}

/// `Retry-After` is kept where HTTP gives it meaning: on 429 and on a server error (503).
fn retry_after(response: &HttpResponse, kind: ErrorKind) -> Option<u64> {
    if matches!(kind, ErrorKind::RateLimited | ErrorKind::Server) {
        response.retry_after_seconds()
    } else {
        None
    }
}

/// The kind of an error known only by its HTTP status.
///
/// ```text
/// 401 → auth · 403, 409 → not_allowed · 404, 410 → not_found · 429 → rate_limited
/// other 4xx → validation · 5xx, and failures under other statuses → server
/// ```
pub(crate) fn kind_for_status(status: u16) -> ErrorKind {
    match status {
        401 => ErrorKind::Auth,
        403 | 409 => ErrorKind::NotAllowed,
        404 | 410 => ErrorKind::NotFound,
        429 => ErrorKind::RateLimited,
        400..=499 => ErrorKind::Validation,
        _ => ErrorKind::Server,
    }
}

/// The JSON type of `value` (`array`, `object`, …), for messages that must not show the value.
pub(crate) fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// "1532 bytes of text/html starting with "<!DOCTYPE html>…"", with anything that looks like a
/// key or bearer token removed.
pub(crate) fn describe_body(response: &HttpResponse) -> String {
    let content_type = response
        .content_type()
        .unwrap_or_else(|| "no content type".to_string());
    let n = response.body.len();
    if n == 0 {
        return format!("an empty body ({content_type})");
    }
    let text = String::from_utf8_lossy(response.body.get(..n.min(256)).unwrap_or_default());
    let printable: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let snippet = clip(scrub(printable.trim()).as_str(), 60);
    format!("{n} bytes of {content_type} starting with {snippet:?}")
}

/// Removes bearer tokens and FaithServer-looking keys from text that is about to be shown.
pub(crate) fn scrub(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let next = [
            rest.find("fs_live_"),
            rest.find("fs_test_"),
            find_ignore_case(rest, "bearer "),
        ]
        .into_iter()
        .flatten()
        .min();
        let Some(start) = next else {
            out.push_str(rest);
            return out;
        };
        let (before, from) = rest.split_at(start);
        out.push_str(before);
        let skip = if find_ignore_case(from, "bearer ") == Some(0) {
            out.push_str("Bearer ");
            7
        } else {
            0
        };
        let token_part = from.get(skip..).unwrap_or_default();
        let end = token_part
            .find(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == '<' || c == ',')
            .unwrap_or(token_part.len());
        out.push_str(crate::secret::REDACTED);
        rest = token_part.get(end..).unwrap_or_default();
    }
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .to_ascii_lowercase()
        .find(&needle.to_ascii_lowercase())
}

impl Error {
    pub(crate) fn with_status(mut self, status: u16) -> Self {
        if (200..300).contains(&status) {
            // A decode error under a success status keeps the status for the record.
            self.set_status(status);
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrub_removes_tokens() {
        let s = scrub("echo: Authorization: Bearer fs_live_SECRET123 and fs_live_OTHER<b>");
        assert!(!s.contains("SECRET123") && !s.contains("OTHER"), "{s}");
        assert!(s.contains("<b>"));
    }
}
