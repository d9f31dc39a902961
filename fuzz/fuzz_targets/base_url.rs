//! vpskit's own base-URL check on arbitrary text: never a panic, and whatever it accepts the WHATWG
//! parser (the `url` crate) reads the same way: same text, https (or http on loopback), no user
//! info, query or fragment. Then a request built on it stays under it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vpskit::{faithserver, BaseUrl, Config};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(base) = BaseUrl::parse(&text) else { return };
    let ours = base.as_str();
    let theirs = url::Url::parse(ours).expect("an accepted base URL parses");
    assert_eq!(ours, theirs.as_str().trim_end_matches('/'), "from {text:?}");
    assert!(theirs.username().is_empty() && theirs.password().is_none());
    assert!(theirs.query().is_none() && theirs.fragment().is_none());
    let loopback = match theirs.host() {
        Some(url::Host::Domain(d)) => d == "localhost" || d == "localhost.",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    assert!(theirs.scheme() == "https" || (theirs.scheme() == "http" && loopback), "{ours}");
    let config = Config::faithserver("fs_live_fuzz").unwrap().with_base_url(ours).unwrap();
    let request = faithserver::list_servers().request(&config).unwrap();
    assert!(request.url.starts_with(ours), "{} not under {ours}", request.url);
});
