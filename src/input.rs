//! The JSON inputs a binding hands over as text (response headers, permission lists, and every
//! model's `from_json`), read by vpskit's one reader, so no binding needs a JSON reader of its own
//! for them and each says what did not fit in the same words.

use crate::account::PermissionSet;
use crate::error::Error;
use crate::http::HttpResponse;
use crate::json::path::{list, strings, Fault};
use crate::json::reader::Reader;
use crate::model::read_text;

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

#[cfg(test)]
mod tests {
    use super::{read_text, string_pairs, strings};

    #[test]
    fn inputs_read_or_say_where_they_did_not_fit() {
        assert_eq!(
            read_text("headers", r#"[["Retry-After", "5"]]"#, string_pairs).unwrap(),
            vec![("Retry-After".to_string(), "5".to_string())]
        );
        let err = read_text("headers", r#"[["a", "b"], ["c"]]"#, string_pairs).unwrap_err();
        assert_eq!(
            err.message(),
            "headers `[1]`: expected a pair [name, value], got 1 items"
        );
        let err = read_text("permissions", r#"["servers:list", 5]"#, strings).unwrap_err();
        assert_eq!(
            err.message(),
            "permissions `[1]`: expected a string, got a number"
        );
        let err = read_text("permissions", r#"["a"] x"#, strings).unwrap_err();
        assert_eq!(
            err.message(),
            "permissions: trailing characters at line 1 column 7"
        );
    }
}
