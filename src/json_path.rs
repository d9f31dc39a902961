//! Typed reads that name where a document did not fit (`data[0].allowed_actions`).
//!
//! A typed read of JSON text stops at the first member that does not fit, and `serde_json` says
//! where it stopped as a column. [`from_text`] turns that column back into the member's path by
//! walking the text once, on the error path only. Every model is therefore read by a single
//! deserializer (`serde_json`'s own over a `&str`): the fast path and the careful path share
//! their code instead of each model being compiled a second time for a path-tracking wrapper,
//! which matters in the WebAssembly package. Reading a `&str` rather than bytes checks UTF-8
//! once for the whole text instead of once per string (the bulk of a `list_servers` body).

use std::fmt::Write as _;

use serde::de::DeserializeOwned;

/// Where and why a typed read failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PathError {
    /// The path of the value that did not fit: `.` for the whole document, else members and
    /// indexes as in `data[0].allowed_actions` (the form `serde_path_to_error` prints).
    pub(crate) path: String,
    /// `serde_json`'s message, without its position.
    pub(crate) message: String,
}

/// Reads `T` from `text`; a mismatch says the path of the value that did not fit.
pub(crate) fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, PathError> {
    serde_json::from_str(text).map_err(|e| path_error(text, &e))
}

/// The path and message of `e`, an error `serde_json` gave reading `text`.
pub(crate) fn path_error(text: &str, e: &serde_json::Error) -> PathError {
    let message = without_position(e);
    // serde_json's column is the bytes read on the line: the end of a value it read and
    // refused, or the start of one it refused on sight (a map where a string belongs).
    let path = if e.line() == 1 {
        path_at(text.as_bytes(), e.column())
    } else {
        // Text written by serde_json is one line; another text gets no path.
        None
    };
    PathError {
        path: path.unwrap_or_else(|| ".".to_string()),
        message,
    }
}

/// The error's message without serde_json's ` at line L column C`.
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&suffix) {
        Some(message) => message.to_string(),
        None => text,
    }
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Member(String),
    Index(usize),
}

/// The path of the innermost value of `text` that starts at or before byte `offset` and ends at
/// or after it, or `None` if `text` is not JSON this walker reads.
fn path_at(text: &[u8], offset: usize) -> Option<String> {
    let mut walker = Walker {
        text,
        pos: 0,
        offset,
        steps: Vec::new(),
        found: None,
    };
    walker.value(0)?;
    Some(format_path(&walker.found?))
}

/// Steps from the document down, as `data[0].allowed_actions` (`.` for none).
fn format_path(steps: &[Step]) -> String {
    let mut path = String::new();
    for step in steps {
        match step {
            Step::Member(name) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(name);
            }
            Step::Index(i) => {
                let _ = write!(path, "[{i}]");
            }
        }
    }
    if path.is_empty() {
        ".".to_string()
    } else {
        path
    }
}

/// Where and why a walker's read failed (see `shape_reader` and `call_reader`), gathered as the
/// error goes back up: the message, and the steps from the value that did not fit out to the
/// document. Nothing is kept on the way down, so a read that succeeds pays nothing for it.
#[derive(Debug)]
pub(crate) struct Fault {
    message: String,
    /// Innermost first.
    steps: Vec<Step>,
}

impl Fault {
    /// A fault of the value being read.
    #[cold]
    pub(crate) fn new(message: String) -> Self {
        Fault {
            message,
            steps: Vec::new(),
        }
    }

    /// The fault, inside the member `name` of an object.
    #[cold]
    pub(crate) fn in_member(mut self, name: &str) -> Self {
        self.steps.push(Step::Member(name.to_owned()));
        self
    }

    /// The fault, inside item `index` of an array.
    #[cold]
    pub(crate) fn in_item(mut self, index: usize) -> Self {
        self.steps.push(Step::Index(index));
        self
    }

    /// The message alone (where the path is not wanted).
    pub(crate) fn message(&self) -> &str {
        &self.message
    }

    /// The path and message, as a typed read's [`path_error`] gives them.
    pub(crate) fn into_path_error(mut self) -> PathError {
        self.steps.reverse();
        PathError {
            path: format_path(&self.steps),
            message: self.message,
        }
    }
}

impl From<crate::json_reader::ReadError> for Fault {
    #[cold]
    fn from(e: crate::json_reader::ReadError) -> Self {
        Fault::new(e.to_string())
    }
}

/// Deeper than serde_json reads (128), so any text it read is walked.
const MAX_DEPTH: usize = 256;

struct Walker<'a> {
    text: &'a [u8],
    pos: usize,
    offset: usize,
    steps: Vec<Step>,
    found: Option<Vec<Step>>,
}

impl Walker<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.skip_whitespace();
        (self.peek()? == byte).then(|| self.pos += 1)
    }

    /// Walks one value; records the path if it is the innermost one holding the offset.
    fn value(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_whitespace();
        let start = self.pos;
        match self.peek()? {
            b'{' => self.object(depth)?,
            b'[' => self.array(depth)?,
            b'"' => {
                self.string()?;
            }
            _ => self.scalar(),
        }
        // Children finish first, so the first value to claim the offset is the innermost.
        self.claim(start);
        Some(())
    }

    /// Records the current path if nothing has yet and the text walked since `start` holds the
    /// offset.
    fn claim(&mut self, start: usize) {
        if self.found.is_none() && start <= self.offset && self.offset <= self.pos {
            self.found = Some(self.steps.clone());
        }
    }

    /// After a member or an item: `Some(true)` at the container's `close`, `Some(false)` after a
    /// comma (another follows), `None` on anything else.
    fn closed(&mut self, close: u8) -> Option<bool> {
        self.skip_whitespace();
        let byte = self.peek()?;
        self.pos += 1;
        match byte {
            b',' => Some(false),
            b if b == close => Some(true),
            _ => None,
        }
    }

    fn object(&mut self, depth: usize) -> Option<()> {
        self.pos += 1;
        self.skip_whitespace();
        if self.peek()? == b'}' {
            self.pos += 1;
            return Some(());
        }
        loop {
            self.skip_whitespace();
            let key_start = self.pos;
            let name = self.string()?;
            self.steps.push(Step::Member(name));
            // A member refused by its name (an unknown field) is placed at the member.
            self.claim(key_start);
            self.expect(b':')?;
            self.value(depth + 1)?;
            self.steps.pop();
            if self.closed(b'}')? {
                return Some(());
            }
        }
    }

    fn array(&mut self, depth: usize) -> Option<()> {
        self.pos += 1;
        self.skip_whitespace();
        if self.peek()? == b']' {
            self.pos += 1;
            return Some(());
        }
        let mut index = 0;
        loop {
            self.steps.push(Step::Index(index));
            self.value(depth + 1)?;
            self.steps.pop();
            index += 1;
            if self.closed(b']')? {
                return Some(());
            }
        }
    }

    /// Walks a string and returns its text.
    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        if self.peek()? != b'"' {
            return None;
        }
        self.pos += 1;
        loop {
            match self.peek()? {
                b'\\' => self.pos += 2,
                b'"' => break,
                _ => self.pos += 1,
            }
        }
        self.pos += 1;
        serde_json::from_str(std::str::from_utf8(self.text.get(start..self.pos)?).ok()?).ok()
    }

    /// Walks a number, `true`, `false` or `null`.
    fn scalar(&mut self) {
        while matches!(self.peek(), Some(b) if !matches!(b, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t'))
        {
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Item {
        id: String,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        port: Option<u16>,
        #[serde(default)]
        inner: Option<Box<Item>>,
    }

    fn path_of(value: serde_json::Value) -> PathError {
        let text = serde_json::to_string(&value).unwrap();
        from_text::<Vec<Item>>(&text).unwrap_err()
    }

    #[test]
    fn paths_name_the_value_that_did_not_fit() {
        for (value, path, message) in [
            (
                json!([{"id": "a", "tags": "x"}]),
                "[0].tags",
                "invalid type: string \"x\"",
            ),
            (
                json!([{"id": "a"}, {"tags": []}]),
                "[1]",
                "missing field `id`",
            ),
            (
                json!([{"id": "a", "tags": ["b", 3]}]),
                "[0].tags[1]",
                "invalid type: integer `3`",
            ),
            (
                json!([{"id": "a", "port": 70000}]),
                "[0].port",
                "invalid value: integer `70000`",
            ),
            (json!([{"id": {"x": 1}}]), "[0].id", "invalid type: map"),
            (
                json!([{"id": "a", "zzz": 1}]),
                "[0].zzz",
                "unknown field `zzz`",
            ),
            (
                json!([{"id": "a", "inner": {"id": "b", "tags": [[]]}}]),
                "[0].inner.tags[0]",
                "invalid type: sequence",
            ),
            (json!({"id": "a"}), ".", "invalid type: map"),
            (
                json!([{"id": "a", "we\"ird": 1}]),
                "[0].we\"ird",
                "unknown field `we\"ird`",
            ),
        ] {
            let err = path_of(value.clone());
            assert_eq!(err.path, path, "{value}");
            assert!(err.message.starts_with(message), "{value}: {}", err.message);
            assert!(!err.message.contains("column"), "{}", err.message);
        }
    }

    fn arb_json() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            (-1e6f64..1e6).prop_map(serde_json::Value::from),
            prop::sample::select(vec!["id", "tags", "port", "inner", "a\"b", "é"])
                .prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(5, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(serde_json::Value::from),
                prop::collection::btree_map(
                    prop::sample::select(vec!["id", "tags", "port", "inner", "x"])
                        .prop_map(String::from),
                    inner,
                    0..5
                )
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        /// On any document, the walker names the path serde_path_to_error names.
        #[test]
        fn paths_agree_with_serde_path_to_error_on_any_document(value in arb_json()) {
            let text = serde_json::to_string(&value).unwrap();
            let ours = from_text::<Vec<Item>>(&text);
            let theirs = serde_path_to_error::deserialize::<_, Vec<Item>>(&mut serde_json::Deserializer::from_str(&text));
            match (ours, theirs) {
                (Ok(_), Ok(_)) => {}
                (Err(ours), Err(theirs)) => {
                    proptest::prop_assert_eq!(ours.path, theirs.path().to_string());
                    proptest::prop_assert_eq!(ours.message, without_position(theirs.inner()));
                }
                (ours, theirs) => proptest::prop_assert!(false, "{:?} vs {:?}", ours.err(), theirs.err()),
            }
        }
    }

    #[test]
    fn paths_agree_with_serde_path_to_error() {
        // The oracle this walker replaced, on the same documents.
        for value in [
            json!([{"id": "a", "tags": ["b", {"c": 1}]}]),
            json!([{"id": "a"}, {"id": "b", "inner": {"id": 5}}]),
            json!([{"id": "a"}, {"id": "b", "inner": {"id": "c", "port": -1}}]),
            json!([{"id": "a", "tags": null}]),
        ] {
            let text = serde_json::to_string(&value).unwrap();
            let ours = from_text::<Vec<Item>>(&text).unwrap_err();
            let theirs = serde_path_to_error::deserialize::<_, Vec<Item>>(
                &mut serde_json::Deserializer::from_str(&text),
            )
            .unwrap_err();
            assert_eq!(ours.path, theirs.path().to_string(), "{value}");
        }
    }
}
