//! The permission parser, permission sets and timestamps on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vpskit::vpsorg::{Permission, PermissionSet, Timestamp};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let lines: Vec<&str> = text.split('\n').collect();
    let set = PermissionSet::from_strings(&lines);
    for line in &lines {
        if let Ok(p) = Permission::parse(line) {
            // A well-formed permission round-trips and grants itself.
            assert_eq!(Permission::parse(&p.to_string()).ok().as_ref(), Some(&p));
            assert!(set.allows_permission(&p));
        }
        let _ = Timestamp::parse(line);
    }
});
