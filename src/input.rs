//! The JSON inputs a binding hands over as text (response headers, permission lists, and every
//! model's `from_json`), read by vpskit's one reader, so no binding needs a JSON reader of its own
//! for them and each says what did not fit in the same words.

use crate::account::PermissionSet;
use crate::error::Error;
use crate::http::HttpResponse;
use crate::model::read_text;
use vpskit_json::path::{list, strings, Fault};
use vpskit_json::reader::Reader;

impl HttpResponse {
    /// Builds a response whose headers come as JSON text `[[name, value], …]` (how the
    /// WebAssembly package hands them over: one `JSON.stringify` costs less than crossing an
    /// array of arrays).
    ///
    /// ```
    /// use vpskit::HttpResponse;
    /// let response = HttpResponse::with_json_headers(429, r#"[["Retry-After","3"]]"#, vec![])?;
    /// assert_eq!(response.header("retry-after"), Some("3"));
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    pub fn with_json_headers(
        status: u16,
        headers_json: &str,
        body: Vec<u8>,
    ) -> Result<HttpResponse, Error> {
        let headers = read_text("headers", headers_json, string_pairs)?;
        Ok(HttpResponse::new(status, headers, body))
    }
}

impl PermissionSet {
    /// Reads permission strings from a JSON array (malformed ones kept aside, as
    /// [`PermissionSet::from_strings`] keeps them).
    ///
    /// ```
    /// use vpskit::vpsorg::PermissionSet;
    /// let set = PermissionSet::from_json(r#"["servers:*"]"#)?;
    /// assert!(set.allows("servers:list")?);
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    pub fn from_json(text: &str) -> Result<PermissionSet, Error> {
        read_text("permissions", text, strings).map(PermissionSet::from_strings)
    }
}

/// `[[name, value], …]`.
fn string_pairs(reader: &mut Reader<'_>) -> Result<Vec<(String, String)>, Fault> {
    list(reader, |reader| {
        let pair = strings(reader)?;
        match <[String; 2]>::try_from(pair) {
            Ok([name, value]) => Ok((name, value)),
            Err(pair) => Err(Fault::new(format!(
                "expected a pair [name, value], got {} items",
                pair.len()
            ))),
        }
    })
}
