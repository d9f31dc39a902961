//! The bindings' JSON inputs (response headers, permission lists) read by the core's one reader,
//! each refusal saying where the text did not fit.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use vpskit::vpsorg::PermissionSet;
use vpskit::HttpResponse;

#[test]
fn inputs_read_or_say_where_they_did_not_fit() {
    let response =
        HttpResponse::with_json_headers(200, r#"[["Retry-After", "5"]]"#, vec![]).unwrap();
    assert_eq!(response.header("retry-after"), Some("5"));
    let err = HttpResponse::with_json_headers(200, r#"[["a", "b"], ["c"]]"#, vec![]).unwrap_err();
    assert_eq!(
        err.message(),
        "headers `[1]`: expected a pair [name, value], got 1 items"
    );
    let err = PermissionSet::from_json(r#"["servers:list", 5]"#).unwrap_err();
    assert_eq!(
        err.message(),
        "permissions `[1]`: expected a string, got a number"
    );
    let err = PermissionSet::from_json(r#"["a"] x"#).unwrap_err();
    assert_eq!(
        err.message(),
        "permissions: trailing characters at line 1 column 7"
    );
}
