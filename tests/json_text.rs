//! The one JSON writer, through its public face (`ResultJson::write`): what serde_json writes,
//! byte for byte, in snake case; the renamed value in camel case; secret markers noticed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use serde_json::{json, Value};
use vpskit::{KeyCase, ResultJson};

#[test]
fn camel_case_follows_the_documented_rule() {
    for (snake, camel) in [
        ("allowed_actions", "allowedActions"),
        ("ipv_4", "ipv4"),
        ("a__b", "a_B"),
        ("_x", "X"),
        ("x_", "x_"),
        ("x__", "x__"),
        ("$secret", "$secret"),
        ("_A", "_A"),
        ("é_é", "é_é"),
        ("", ""),
    ] {
        assert_eq!(KeyCase::Camel.rename(snake), camel, "{snake}");
    }
}

#[test]
fn text_matches_the_value_form_with_names_renamed() {
    let value = json!({"server_id": "a\"b_c", "list": [1, 2.5, null, true, -3],
        "provider_response": {"url": {"$secret": "t0k"}}, "we\"ird_key": {"x_\ny": 1}});
    let snake = ResultJson::write(&value, KeyCase::Snake);
    assert!(snake.has_secret);
    assert_eq!(snake.text, serde_json::to_string(&value).unwrap());
    let camel = ResultJson::write(&value, KeyCase::Camel);
    let back: Value = serde_json::from_str(&camel.text).unwrap();
    assert_eq!(back["serverId"], "a\"b_c", "values are never renamed");
    assert_eq!(back["providerResponse"]["url"]["$secret"], "t0k");
    assert_eq!(back["we\"irdKey"]["x_\ny"], 1);
    assert!(!ResultJson::write(&json!({"a_b": "$secret"}), KeyCase::Camel).has_secret);
}

#[test]
fn debug_never_shows_the_text() {
    let json = ResultJson::write(&json!({"password": {"$secret": "p4ss"}}), KeyCase::Snake);
    assert!(!format!("{json:?}").contains("p4ss"));
}

fn write(value: &Value, case: KeyCase) -> (String, bool) {
    let json = ResultJson::write(value, case);
    (json.text, json.has_secret)
}

/// `value` with every member name renamed as `KeyCase::rename` says.
fn renamed(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (KeyCase::Camel.rename(k), renamed(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(renamed).collect()),
        other => other.clone(),
    }
}

fn arb_text() -> impl Strategy<Value = String> {
    // Names with underscores, escapes, control characters and non-ASCII text.
    prop::string::string_regex("[a-z_0-9\"\\\\\u{0}-\u{1f}\u{7f}é€😀A-Z$]{0,12}").unwrap()
}

/// Documents; `floats` is the float strategy (serde_json's reader rounds some floats, so a
/// test that reads the text back keeps to ones it reads exactly).
fn arb_json(floats: impl Strategy<Value = f64> + 'static) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        floats.prop_map(Value::from),
        arb_text().prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::from),
            prop::collection::btree_map(arb_text(), inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    /// In snake case the text is byte for byte what serde_json writes.
    #[test]
    fn snake_case_text_is_serde_jsons(value in arb_json(any::<f64>())) {
        prop_assert_eq!(write(&value, KeyCase::Snake).0, serde_json::to_string(&value).unwrap());
    }

    /// In camel case the text reads back as the value with its member names renamed.
    #[test]
    fn camel_case_text_is_the_renamed_value(value in arb_json((-1e6f64..1e6).prop_map(|f| (f * 64.0).round() / 64.0))) {
        let (text, _) = write(&value, KeyCase::Camel);
        let back: Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(back, renamed(&value));
    }
}

#[test]
fn a_secret_marker_is_noticed_only_as_a_member_name() {
    assert!(write(&json!({"a": {"$secret": "x"}}), KeyCase::Camel).1);
    assert!(!write(&json!({"a_b": "$secret", "$secre\"t": 1}), KeyCase::Camel).1);
}
