//! A parsed result as JSON text, with the byte range of each item when it is a list.
//!
//! `parse_models` hands a list to Python as lazy models, each holding its item until first read.
//! Writing the core's typed result as text (one pass, no `serde_json::Value` per item) and
//! keeping each item's range is cheaper than building a JSON value for every item up front; an
//! item is read into Python data only when its model is.

use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;
use vpskit::{Error, FromResponse, HttpResponse, Operation, OperationVisitor};

/// The result's text and, for a list, each item's range in it.
pub(crate) struct ResultText {
    /// Compact JSON, secrets marked `{"$secret": …}`.
    pub(crate) text: Arc<[u8]>,
    /// Each item's range when the result is a list, else `None`.
    pub(crate) items: Option<Vec<Range<usize>>>,
}

/// Parses a response and writes its result as [`ResultText`].
pub(crate) struct ParseToText<'a>(pub(crate) &'a HttpResponse);

impl OperationVisitor for ParseToText<'_> {
    type Output = Result<ResultText, Error>;

    fn visit<T: FromResponse + Serialize + 'static>(self, op: Operation<T>) -> Self::Output {
        let result = op.parse(self.0)?;
        // The text is about as long as the body it came from.
        let mut text = Vec::with_capacity(self.0.body.len() + 16);
        serde_json::to_writer(&mut text, &result)
            .map_err(|e| Error::decode(format!("result: {e}")))?;
        let items = item_ranges(&text);
        Ok(ResultText {
            text: text.into(),
            items,
        })
    }
}

/// The ranges of the items of a top-level array in compact JSON text written by serde_json, or
/// `None` if the text is not an array.
fn item_ranges(text: &[u8]) -> Option<Vec<Range<usize>>> {
    if text.first() != Some(&b'[') {
        return None;
    }
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut start = 1;
    for (i, &byte) in text.iter().enumerate() {
        if in_string {
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    // The closing bracket of the list: the last item ends here.
                    if i > start {
                        items.push(start..i);
                    }
                    return Some(items);
                }
            }
            b',' if depth == 1 => {
                items.push(start..i);
                start = i + 1;
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn items_are_found_in_any_list() {
        let value =
            serde_json::json!([{"a": [1, 2], "b": "x,]\"}"}, [], "s", 3, {"c": {"d": null}}]);
        let text = serde_json::to_vec(&value).unwrap();
        let items = item_ranges(&text).unwrap();
        let read: Vec<serde_json::Value> = items
            .iter()
            .map(|r| serde_json::from_slice(&text[r.clone()]).unwrap())
            .collect();
        assert_eq!(serde_json::Value::Array(read), value);
        assert_eq!(item_ranges(b"[]").unwrap(), Vec::<Range<usize>>::new());
        assert_eq!(item_ranges(br#"{"a":[1,2]}"#), None);
    }
}
