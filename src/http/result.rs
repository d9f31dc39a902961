//! A result written straight to JSON text, in the member-name style a host wants.
//!
//! `Call::parse` gives a `serde_json::Value`: handy, but every member is an allocation. Hosts
//! that hand the result to their own JSON parser (JavaScript's `JSON.parse`, a JVM JSON library)
//! only need text, so `Call::parse_json` writes the typed result once with `ToJson`, member names
//! in the host's style.

use vpskit_json::write::{to_text, ToJson};
use vpskit_json::KeyCase;

/// A result as JSON text.
///
/// ```
/// use vpskit::{Call, HttpResponse, KeyCase};
/// let call = Call::from_json(r#"{"operation":"get_status","args":{"id":"fsrv_111"}}"#)?;
/// let body = br#"{"success":true,"data":{"status":"running","power_state":"on"}}"#;
/// let json = call.parse_json(&HttpResponse::new(200, vec![], body.to_vec()), KeyCase::Camel)?;
/// assert!(json.text.contains(r#""powerState":"on""#));
/// assert!(!json.has_secret);
/// # Ok::<(), vpskit::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ResultJson {
    /// The JSON text; secrets are marked `{"$secret": …}` and so are in it in clear.
    pub text: String,
    /// Whether a `$secret` member was written, so a host that finds none need not look.
    pub has_secret: bool,
}

impl ResultJson {
    /// Writes a value the way results are written (compact, member names in `case`, secrets
    /// marked): for a host's own small answers, so it needs no JSON writer of its own.
    ///
    /// ```
    /// use vpskit::{JsonWriter, KeyCase, ResultJson, ToJson};
    /// struct Verdict { allowed: bool }
    /// impl ToJson for Verdict {
    ///     fn write_json(&self, w: &mut JsonWriter) {
    ///         w.members(&[("allowed", &self.allowed)]);
    ///     }
    /// }
    /// assert_eq!(ResultJson::write(&Verdict { allowed: true }, KeyCase::Snake).text, r#"{"allowed":true}"#);
    /// ```
    pub fn write(value: &dyn ToJson, case: KeyCase) -> Self {
        let (bytes, has_secret) = to_text(value, case, 64);
        ResultJson::from_written(bytes, has_secret)
    }

    /// The text the writer wrote (whole UTF-8 strings and ASCII punctuation only).
    pub(crate) fn from_written(bytes: Vec<u8>, has_secret: bool) -> Self {
        let text = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        ResultJson { text, has_secret }
    }
}

impl std::fmt::Debug for ResultJson {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The text may hold secrets (marked, but in clear).
        f.debug_struct("ResultJson")
            .field("len", &self.text.len())
            .field("has_secret", &self.has_secret)
            .finish_non_exhaustive()
    }
}
