//! The sample data the mock starts from: keys, tokens, servers, images.

use std::net::IpAddr;

use vpskit::faithserver::Product;

/// The sample FaithServer key that reaches the main account's fleet.
pub const SAMPLE_KEY: &str = "fs_test_mock_valid_key_0001";
/// A revoked key: `Invalid API key.`
pub const REVOKED_KEY: &str = "fs_test_mock_revoked_key_0002";
/// A key whose IP whitelist excludes loopback: `IP address is not whitelisted for this API key.`
pub const WHITELISTED_KEY: &str = "fs_test_mock_whitelisted_0003";
/// A valid key of another account (its servers are foreign to the main key, and the other way round).
pub const OTHER_ACCOUNT_KEY: &str = "fs_test_mock_other_account_0004";

/// The sample VPS.org token with `*:*`.
pub const SAMPLE_TOKEN: &str = "vps_test_mock_full_0001";
/// The seed's token: `servers:list`, `servers:create`, `servers:power`, `dns:*`.
pub const DEPLOY_TOKEN: &str = "vps_test_mock_deploy_0002";
/// A token that expires within 7 days of the mock's start.
pub const EXPIRING_TOKEN: &str = "vps_test_mock_expiring_0003";
/// An expired token: 401.
pub const EXPIRED_TOKEN: &str = "vps_test_mock_expired_0004";

/// The main account.
pub const MAIN_ACCOUNT: &str = "acct_main";
/// The other account.
pub const OTHER_ACCOUNT: &str = "acct_other";

/// A FaithServer API key the mock knows.
#[derive(Debug, Clone)]
pub struct KeyRecord {
    /// The key or token itself.
    pub value: String,
    /// The account it belongs to.
    pub account: &'static str,
    /// Whether it was revoked.
    pub revoked: bool,
    /// Empty: any IP.
    pub whitelist: Vec<IpAddr>,
}

/// A VPS.org token the mock knows.
#[derive(Debug, Clone)]
pub struct TokenRecord {
    /// The key or token itself.
    pub value: String,
    /// Its name.
    pub name: &'static str,
    /// Its permission strings.
    pub permissions: Vec<&'static str>,
    /// When it was created (RFC 3339).
    pub created_at: &'static str,
    /// Seconds from the mock's start; `None` never expires.
    pub expires_in_seconds: Option<i64>,
}

/// The FaithServer keys, with `main_key` as the main account's valid key.
pub fn keys(main_key: &str) -> Vec<KeyRecord> {
    let key = |value: &str, account, revoked, whitelist: Vec<IpAddr>| KeyRecord {
        value: value.to_string(),
        account,
        revoked,
        whitelist,
    };
    vec![
        key(main_key, MAIN_ACCOUNT, false, vec![]),
        key(REVOKED_KEY, MAIN_ACCOUNT, true, vec![]),
        key(
            WHITELISTED_KEY,
            MAIN_ACCOUNT,
            false,
            vec![IpAddr::from([203, 0, 113, 10])],
        ),
        key(OTHER_ACCOUNT_KEY, OTHER_ACCOUNT, false, vec![]),
    ]
}

/// The VPS.org tokens, with `main_token` as the `*:*` token.
pub fn tokens(main_token: &str) -> Vec<TokenRecord> {
    vec![
        TokenRecord {
            value: main_token.to_string(),
            name: "Mock Full Access",
            permissions: vec!["*:*"],
            created_at: "2025-01-01T00:00:00Z",
            expires_in_seconds: None,
        },
        TokenRecord {
            value: DEPLOY_TOKEN.to_string(),
            name: "Production Deploy Key",
            permissions: vec!["servers:list", "servers:create", "servers:power", "dns:*"],
            created_at: "2025-01-10T14:30:00Z",
            expires_in_seconds: None,
        },
        TokenRecord {
            value: EXPIRING_TOKEN.to_string(),
            name: "CI Token (expiring)",
            permissions: vec!["servers:list", "servers:power"],
            created_at: "2025-03-01T09:00:00Z",
            expires_in_seconds: Some(3 * 86_400),
        },
        TokenRecord {
            value: EXPIRED_TOKEN.to_string(),
            name: "Old Token",
            permissions: vec!["servers:list"],
            created_at: "2024-01-01T00:00:00Z",
            expires_in_seconds: Some(-86_400),
        },
    ]
}

/// One server of the sample fleet.
#[derive(Debug, Clone)]
pub struct ServerSeed {
    /// The Service ID.
    pub id: &'static str,
    /// Its name.
    pub name: &'static str,
    /// The region.
    pub region: &'static str,
    /// The product.
    pub product: Product,
    /// The account it belongs to.
    pub account: &'static str,
    /// Suspended: not listed, and `Server not found.`
    pub suspended: bool,
    /// Powered on at the start.
    pub running: bool,
    /// Budget VPS: whether the backend offers rescue ("if available").
    pub rescue_available: bool,
    /// The main IPv4 address.
    pub ip: &'static str,
    /// The plan ("paket").
    pub plan: &'static str,
}

/// The sample fleet: the seeds' servers, more per product, one stopped per product, one suspended, one of another account.
pub fn servers() -> Vec<ServerSeed> {
    let s = |id, name, region, product, running, rescue_available, ip, plan| ServerSeed {
        id,
        name,
        region,
        product,
        account: MAIN_ACCOUNT,
        suspended: false,
        running,
        rescue_available,
        ip,
        plan,
    };
    let premium = Product::PremiumVps;
    let budget = Product::BudgetVps;
    let dedicated = Product::FlexibleDedicated;
    vec![
        s(
            "fsrv_111",
            "VPS AMD 1",
            "US-LA",
            premium.clone(),
            true,
            true,
            "203.0.113.111",
            "Premium AMD 2GB",
        ),
        s(
            "fsrv_112",
            "VPS AMD 2",
            "EU-FRA",
            premium.clone(),
            false,
            true,
            "203.0.113.112",
            "Premium AMD 4GB",
        ),
        s(
            "fsrv_158",
            "VPS-B1",
            "US",
            budget.clone(),
            true,
            true,
            "203.0.113.158",
            "Budget 1GB",
        ),
        s(
            "fsrv_159",
            "VPS-B2",
            "SG",
            budget,
            true,
            false,
            "203.0.113.159",
            "Budget 2GB",
        ),
        s(
            "fsrv_220",
            "DS-1",
            "US",
            dedicated.clone(),
            true,
            false,
            "203.0.113.220",
            "Flexible DS E3",
        ),
        s(
            "fsrv_221",
            "DS-2",
            "EU-AMS",
            dedicated,
            false,
            false,
            "203.0.113.221",
            "Flexible DS E5",
        ),
        ServerSeed {
            suspended: true,
            ..s(
                "fsrv_300",
                "VPS Suspended",
                "US-LA",
                premium.clone(),
                false,
                true,
                "203.0.113.30",
                "Premium AMD 2GB",
            )
        },
        ServerSeed {
            account: OTHER_ACCOUNT,
            ..s(
                "fsrv_900",
                "Someone Else",
                "US-LA",
                premium,
                true,
                true,
                "203.0.113.90",
                "Premium AMD 2GB",
            )
        },
    ]
}

/// Premium VPS images: `(id, name, family, flavour)`.
pub const PREMIUM_IMAGES: [(&str, &str, &str, &str); 3] = [
    (
        "UBUNTU_24_04_64BIT",
        "Ubuntu 24.04 LTS (x86_64)",
        "linux",
        "ubuntu",
    ),
    (
        "UBUNTU_22_04_64BIT",
        "Ubuntu 22.04 LTS (x86_64)",
        "linux",
        "ubuntu",
    ),
    ("DEBIAN_12_64BIT", "Debian 12 (x86_64)", "linux", "debian"),
];

/// Budget VPS OS templates: `(id, name, family)`.
pub const BUDGET_TEMPLATES: [(&str, &str, &str); 4] = [
    ("1109", "ubuntu-24.04-x86_64", "Ubuntu"),
    ("1024", "ubuntu-22.04-x86_64", "Ubuntu"),
    ("1056", "debian-12-x86_64", "Debian"),
    ("100001", "windows-2022", "Windows"),
];
