//! The small JSON inputs a binding hands over as text (response headers, permission lists, the
//! members of a server or a token that a check reads), read by vpskit's own reader
//! (`json_reader`) with the walkers' messages, so no binding needs serde_json's reader for them.

use crate::error::Error;
use crate::faithserver::{Action, Product, Server, ServerStatus};
use crate::http::HttpResponse;
use crate::json_path::{boolean, list, missing_field, object, opt_string, string, strings, Fault};
use crate::json_reader::Reader;
use crate::vpsorg::{PermissionSet, Token as ApiToken};

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

impl Server {
    /// Reads what a capability check reads of a server's JSON (snake_case, as the API writes
    /// it): `id`, `product`, `status` and `allowed_actions`; other members are skipped. A
    /// smaller reader than the whole model's, for the bindings' `check` and `preflight`.
    ///
    /// ```
    /// use vpskit::faithserver::{check, Action, Server};
    /// let server = Server::for_check_from_json(r#"{"id":"fsrv_158","name":"VPS-B1",
    ///   "product":"Budget VPS","status":"active","allowed_actions":["reboot"]}"#)?;
    /// assert!(check(&server, &Action::Reboot).allowed);
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    pub fn for_check_from_json(text: &str) -> Result<Server, Error> {
        read_text("server", text, |reader| {
            let (mut id, mut product, mut status, mut actions) = (None, None, None, None);
            object(reader, "struct Server", |name, reader| {
                match name {
                    "id" => id = Some(string(reader)?),
                    "product" => product = Some(string(reader)?),
                    "status" => status = opt_string(reader)?,
                    "allowed_actions" => actions = Some(strings(reader)?),
                    _ => return Ok(false),
                }
                Ok(true)
            })?;
            Ok(Server {
                id: id.ok_or_else(|| missing_field("id"))?,
                name: None,
                region: None,
                product: Product::parse(&product.ok_or_else(|| missing_field("product"))?),
                status: status.as_deref().map(ServerStatus::parse),
                allowed_actions: actions
                    .ok_or_else(|| missing_field("allowed_actions"))?
                    .iter()
                    .map(|a| Action::parse(a))
                    .collect(),
                extra: Default::default(),
            })
        })
    }
}

impl ApiToken {
    /// Reads what an expiry check reads of a token's JSON (snake_case, as the API writes it):
    /// `expires_at` and `is_expired`; other members are skipped.
    ///
    /// ```
    /// use vpskit::vpsorg::{Timestamp, Token};
    /// let token = Token::for_expiry_from_json(r#"{"name":"ci","expires_at":"2026-06-01","is_expired":false}"#)?;
    /// assert_eq!(token.days_left(Timestamp::parse("2026-05-30")?)?, Some(2));
    /// # Ok::<(), vpskit::Error>(())
    /// ```
    pub fn for_expiry_from_json(text: &str) -> Result<ApiToken, Error> {
        read_text("token", text, |reader| {
            let (mut expires_at, mut is_expired) = (None, None);
            object(reader, "struct Token", |name, reader| {
                match name {
                    "expires_at" => expires_at = opt_string(reader)?,
                    "is_expired" => is_expired = Some(boolean(reader)?),
                    _ => return Ok(false),
                }
                Ok(true)
            })?;
            Ok(ApiToken {
                name: String::new(),
                permissions: PermissionSet::default(),
                created_at: None,
                last_used_at: None,
                expires_at,
                is_expired: is_expired.ok_or_else(|| missing_field("is_expired"))?,
                extra: Default::default(),
            })
        })
    }
}

/// The error of an input `what` (`server`) that did not fit: its path and serde's words.
#[cold]
fn input_error(what: &str, fault: Fault) -> Error {
    let e = fault.into_path_error();
    if e.path == "." {
        Error::validation(format!("{what}: {}", e.message))
    } else {
        Error::validation(format!("{what} `{}`: {}", e.path, e.message))
    }
}

/// Reads a whole text with `read`, then checks that nothing follows.
fn read_text<T>(
    what: &str,
    text: &str,
    read: impl FnOnce(&mut Reader<'_>) -> Result<T, Fault>,
) -> Result<T, Error> {
    let mut reader = Reader::new(text);
    read(&mut reader)
        .and_then(|value| {
            reader.finish()?;
            Ok(value)
        })
        .map_err(|fault| input_error(what, fault))
}

/// `[[name, value], …]`.
fn string_pairs(reader: &mut Reader<'_>) -> Result<Vec<(String, String)>, Fault> {
    list(reader, |reader| {
        let pair = strings(reader)?;
        match <[String; 2]>::try_from(pair) {
            Ok([name, value]) => Ok((name, value)),
            Err(pair) => Err(Fault::new(format!(
                "invalid length {}, expected a tuple of size 2",
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
            "headers `[1]`: invalid length 1, expected a tuple of size 2"
        );
        let err = read_text("permissions", r#"["servers:list", 5]"#, strings).unwrap_err();
        assert_eq!(
            err.message(),
            "permissions `[1]`: invalid type: integer `5`, expected a string"
        );
        let err = read_text("permissions", r#"["a"] x"#, strings).unwrap_err();
        assert_eq!(
            err.message(),
            "permissions: trailing characters at line 1 column 7"
        );
    }
}
