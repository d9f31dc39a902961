//! The byte range of each item of a list result in the core's JSON text.
//!
//! `parse_models` hands a list to Python as lazy models, each holding its item until first read.
//! The core writes its typed result as text in one pass (`Call::parse_json`, no
//! `serde_json::Value` per item); each model keeps its item's range of that text, and an item is
//! read into Python data only when its model is.

use std::ops::Range;

/// The ranges of the items of a top-level array in compact JSON text written by serde_json, or
/// `None` if the text is not an array.
pub(crate) fn item_ranges(text: &[u8]) -> Option<Vec<Range<usize>>> {
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
