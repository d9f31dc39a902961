//! vpskit's JSON reader against serde_json on arbitrary text: the same documents accepted, the
//! same values read (numbers to the bit, strings unescaped alike, a repeated member keeping its
//! last value), the same documents refused.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let ours = vpskit_json::reader::parse_value(text).map_err(|e| e.to_string());
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (ours, theirs) {
        (Ok(ours), Ok(theirs)) => assert_eq!(ours, theirs, "{text:?}"),
        (Err(_), Err(_)) => {}
        (ours, theirs) => panic!("{text:?}: vpskit {ours:?}, serde_json {theirs:?}"),
    }
});
