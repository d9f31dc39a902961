//! Reading responses: the success envelope, error mapping, and decode errors that say what arrived.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::{clip, Error, ErrorCode, ErrorKind};
use crate::http::{HttpResponse, MAX_RESPONSE_BYTES};
use crate::json_path;
use crate::json_reader;
use crate::json_writer;
use crate::result_json::KeyCase;
use crate::shape::ResultShape;
use crate::shape_reader;

/// The JSON object of a successful response, or the error the response stands for.
///
/// Order of judgement: size limit; then a body that is not JSON (an error status wins, else
/// `Decode`); then `success: false` or an error status (the gateway's message first, then the
/// status class); then `success` of the wrong type (`Decode`).
pub(crate) fn success_object(response: &HttpResponse) -> Result<Map<String, Value>, Error> {
    if response.body.len() > MAX_RESPONSE_BYTES {
        return Err(Error::decode(format!(
            "the response body is {} bytes, over vpskit's limit of {} bytes",
            response.body.len(),
            MAX_RESPONSE_BYTES
        )));
    }
    let status = response.status;
    let is_error_status = !(200..300).contains(&status);
    // vpskit's own reader (`json_reader`), so serde_json's is not compiled into the bindings.
    let parsed = match std::str::from_utf8(&response.body) {
        Ok(text) => json_reader::parse_value(text).map_err(|e| e.to_string()),
        Err(e) => Err(format!("invalid UTF-8 at byte {}", e.valid_up_to())),
    };
    let value = match parsed {
        Ok(value) => value,
        Err(e) => {
            let what = describe_body(response);
            return Err(if is_error_status {
                status_error(response, format!("HTTP {status} with {what}"))
            } else if response.body.iter().all(u8::is_ascii_whitespace) {
                Error::decode(format!("expected a JSON body, got {what}")).with_status(status)
            } else {
                Error::decode(format!("expected a JSON body ({e}), got {what}")).with_status(status)
            });
        }
    };
    let Value::Object(object) = value else {
        let what = format!("a JSON {}", json_type(&value));
        return Err(if is_error_status {
            status_error(response, format!("HTTP {status} with {what}"))
        } else {
            Error::decode(format!("expected a JSON object, got {what}")).with_status(status)
        });
    };
    let success = object.get("success");
    match success {
        Some(Value::Bool(false)) => return Err(api_error(response, &object)),
        Some(Value::Bool(true)) | None if is_error_status => {
            return Err(api_error(response, &object))
        }
        Some(Value::Bool(true)) | None => {}
        Some(other) => {
            return Err(Error::decode(format!(
                "`success` must be true or false, got a JSON {}",
                json_type(other)
            ))
            .with_status(status))
        }
    }
    Ok(object)
}

/// Deserializes `value` (the part of `response` at `prefix`) into `T`; a mismatch is a `Decode`
/// error naming the path.
///
/// The value is written back to text and read by the same deserializer as the fast path; this
/// runs only for documents the fast path refused. The error is the one the result's shape
/// walker gives (`shape`, read from `response`): one reporter of shape errors, so the typed
/// results and every binding name the same path in the same words.
pub(crate) fn typed<T: DeserializeOwned>(
    value: Value,
    prefix: &str,
    response: &HttpResponse,
    shape: &'static ResultShape,
) -> Result<T, Error> {
    let text = json_writer::value_text(&value);
    serde_json::from_str(&text).map_err(|e| {
        match shape_reader::read_result(response, shape, KeyCase::Snake) {
            Err(walked) => walked,
            // The walker and the typed models agree (tests/properties.rs); should they ever not,
            // serde's own message says what did not fit.
            Ok(_) => shape_error(
                &json_path::PathError {
                    path: ".".to_string(),
                    message: e.to_string(),
                },
                prefix,
            ),
        }
    })
}

/// The `Decode` error of a result that did not fit, at `prefix` then the error's path.
pub(crate) fn shape_error(e: &json_path::PathError, prefix: &str) -> Error {
    let inner = &e.path;
    let path = match (prefix.is_empty(), inner == ".") {
        (true, true) => "the body".to_string(),
        (true, false) => format!("`{inner}`"),
        (false, true) => format!("`{prefix}`"),
        (false, false) if inner.starts_with('[') => format!("`{prefix}{inner}`"),
        (false, false) => format!("`{prefix}.{inner}`"),
    };
    Error::decode(format!(
        "unexpected response shape at {path}: {}",
        clip(&e.message, 200)
    ))
}

/// Takes the `data` member out of a success body, or says which members it has instead.
pub(crate) fn data_member(body: &mut Map<String, Value>) -> Result<Value, Error> {
    body.remove("data").ok_or_else(|| {
        Error::decode(format!(
            "the response has no `data` member (members: {})",
            member_names(body)
        ))
    })
}

/// The member names of an object, for messages.
pub(crate) fn member_names(object: &Map<String, Value>) -> String {
    if object.is_empty() {
        return "none".to_string();
    }
    let names: Vec<&str> = object.keys().map(String::as_str).take(12).collect();
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
                member_names(object)
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
