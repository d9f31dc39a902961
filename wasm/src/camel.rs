//! The core's result JSON as JavaScript wants it: written as text with every member name in
//! camelCase (`allowed_actions` → `allowedActions`), ready for one native `JSON.parse`. Secret
//! markers (`{"$secret": …}`) are kept for the JS layer to wrap; the writer says whether it met one,
//! so a result without secrets needs no walk at all.

use serde_json::Value;

/// `value` as JSON text with camelCase member names, and whether it holds a secret marker.
pub(crate) fn to_camel_json(value: &Value) -> (String, bool) {
    let mut out = Vec::with_capacity(256);
    let secrets = write(value, &mut out);
    // Every byte written is valid JSON text (UTF-8 in, UTF-8 out).
    (String::from_utf8(out).unwrap_or_default(), secrets)
}

fn write(value: &Value, out: &mut Vec<u8>) -> bool {
    match value {
        Value::Array(items) => {
            out.push(b'[');
            let mut secrets = false;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                secrets |= write(item, out);
            }
            out.push(b']');
            secrets
        }
        Value::Object(members) => {
            let mut secrets = members.len() == 1 && members.contains_key("$secret");
            out.push(b'{');
            for (i, (key, member)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_str(&camel(key), out);
                out.push(b':');
                secrets |= write(member, out);
            }
            out.push(b'}');
            secrets
        }
        Value::String(text) => {
            write_str(text, out);
            false
        }
        scalar => {
            // null, booleans and numbers: serde_json's own text.
            out.extend_from_slice(scalar.to_string().as_bytes());
            false
        }
    }
}

fn write_str(text: &str, out: &mut Vec<u8>) {
    // Writing a str into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, text);
}

/// `snake_case` → `camelCase`: an `_` before a lower-case letter or digit is dropped and the
/// letter upper-cased (the JS layer's `camel`, so both agree); other names are kept.
pub(crate) fn camel(key: &str) -> std::borrow::Cow<'_, str> {
    if !key.contains('_') {
        return key.into();
    }
    let mut out = String::with_capacity(key.len());
    let mut chars = key.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('_', Some(&next)) if next.is_ascii_lowercase() || next.is_ascii_digit() => {
                out.push(next.to_ascii_uppercase());
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out.into()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn names_become_camel_case_like_the_js_layer() {
        assert_eq!(camel("allowed_actions"), "allowedActions");
        assert_eq!(camel("ipv_4"), "ipv4");
        assert_eq!(camel("a__b"), "a_B");
        assert_eq!(camel("_x"), "X");
        assert_eq!(camel("x_"), "x_");
        assert_eq!(camel("$secret"), "$secret");
    }

    #[test]
    fn text_is_json_and_secrets_are_reported() {
        let value = serde_json::json!({"server_id": "a\"b", "list": [1, 2.5, null, true],
            "provider_response": {"url": {"$secret": "t0k"}}});
        let (text, secrets) = to_camel_json(&value);
        assert!(secrets);
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["serverId"], "a\"b");
        assert_eq!(back["providerResponse"]["url"]["$secret"], "t0k");
        assert!(!to_camel_json(&serde_json::json!({"a_b": 1})).1);
    }
}
