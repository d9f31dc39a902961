//! Every row of the operation table builds its documented path from its arguments.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use vpskit::{Api, Call, Config, OPERATIONS};

/// Every row's `{name}` parameters are ones its arguments give, and a call on a server goes to
/// that server's path.
#[test]
fn every_row_builds_its_documented_path() {
    let config = Config::faithserver("fs_live_x").unwrap();
    let vps = Config::vpsorg("vps_x").unwrap();
    let rows = vpskit::schema::operations();
    assert_eq!(rows.len() + 1, OPERATIONS.len(), "every row, and raw");
    for name in OPERATIONS {
        let args = match *name {
            "get_job" => r#"{"job_id":"j1"}"#,
            "reinstall" => r#"{"id":"s1","image_id":"UBUNTU_24_04_64BIT"}"#,
            "get_traffic" => r#"{"id":"s1","period":"month"}"#,
            "get_credential" => r#"{"id":"s1","type":"ssh","username":"root"}"#,
            "raw" => r#"{"method":"GET","path":"/x"}"#,
            _ => r#"{"id":"s1"}"#,
        };
        let unit = rows.iter().any(|r| r.name == *name && r.args.is_empty());
        let text = if unit {
            format!(r#"{{"operation":"{name}"}}"#)
        } else {
            format!(r#"{{"operation":"{name}","args":{args}}}"#)
        };
        let call = Call::from_json(&text).unwrap();
        assert_eq!(call.name(), *name);
        let config = if call.response_api() == Api::VpsOrg {
            &vps
        } else {
            &config
        };
        let url = call.request(config).unwrap().url;
        assert!(
            !url.contains('{') && !url.contains("//servers"),
            "{name}: {url}"
        );
        if call.service_id().is_some() {
            assert!(url.contains("/servers/s1"), "{name}: {url}");
        }
    }
}
