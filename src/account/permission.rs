//! VPS.org permissions: `resource:action`, with `*` wildcards.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::model::schema::{Describe, Kind};
use vpskit_json::path::Fault;
use vpskit_json::read::FromJson;
use vpskit_json::reader::Reader;
use vpskit_json::write::{JsonWriter, ToJson};

use crate::error::{clip, Error};

/// The resources and actions VPS.org documents, for [`Permission::is_documented`].
pub const DOCUMENTED: [(&str, &[&str]); 10] = [
    (
        "servers",
        &[
            "list", "create", "update", "delete", "power", "backup", "snapshot", "resize",
        ],
    ),
    ("domains", &["list", "search", "update", "renew"]),
    ("dns", &["list", "create", "update", "delete"]),
    ("snapshots", &["list", "delete"]),
    ("backups", &["list"]),
    ("ssh-keys", &["list", "create", "delete"]),
    ("plans", &["list"]),
    ("locations", &["list"]),
    ("deployments", &["list", "create", "delete"]),
    ("billing", &["list"]),
];

/// One permission, `resource:action`; either part may be `*`.
///
/// ```
/// use vpskit::vpsorg::Permission;
/// let granted = Permission::parse("dns:*")?;
/// assert!(granted.covers(&Permission::parse("dns:create")?));
/// assert!(!granted.covers(&Permission::parse("servers:create")?));
/// assert!(Permission::parse("dns").is_err());
/// # Ok::<(), vpskit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Permission {
    resource: String,
    action: String,
}

fn valid_part(part: &str) -> bool {
    part == "*"
        || (!part.is_empty()
            && part.len() <= 64
            && part
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'))
}

impl Permission {
    /// Parses `resource:action` (lower-case letters, digits, `-`, `_`, or a lone `*`).
    pub fn parse(text: &str) -> Result<Self, Error> {
        let bad = |why: &str| {
            Error::validation(format!(
                "permission {:?} is malformed: {why}; expected resource:action such as \"servers:create\" or \"dns:*\"",
                clip(text, 60)
            ))
        };
        let (resource, action) = text.split_once(':').ok_or_else(|| bad("no ':'"))?;
        if action.contains(':') {
            return Err(bad("more than one ':'"));
        }
        if !valid_part(resource) {
            return Err(bad(
                "the resource is empty or has characters other than a-z, 0-9, - and _",
            ));
        }
        if !valid_part(action) {
            return Err(bad(
                "the action is empty or has characters other than a-z, 0-9, - and _",
            ));
        }
        Ok(Permission {
            resource: resource.to_string(),
            action: action.to_string(),
        })
    }

    /// The resource (`servers`), or `*`.
    pub fn resource(&self) -> &str {
        &self.resource
    }

    /// The action (`create`), or `*`.
    pub fn action(&self) -> &str {
        &self.action
    }

    /// Whether this granted permission covers `wanted`. A `*` in `wanted` is covered only by `*`.
    pub fn covers(&self, wanted: &Permission) -> bool {
        (self.resource == "*" || self.resource == wanted.resource)
            && (self.action == "*" || self.action == wanted.action)
    }

    /// Whether the resource and action are ones VPS.org documents (wildcards count as documented).
    pub fn is_documented(&self) -> bool {
        if self.resource == "*" {
            return self.action == "*";
        }
        DOCUMENTED.iter().any(|(resource, actions)| {
            *resource == self.resource
                && (self.action == "*" || actions.contains(&self.action.as_str()))
        })
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.resource, self.action)
    }
}

/// A token's permissions. Strings that are not `resource:action` are kept in
/// [`PermissionSet::unparsed`] (they grant nothing) rather than failing the parse.
///
/// ```
/// use vpskit::vpsorg::PermissionSet;
/// let set = PermissionSet::from_strings(["servers:list", "servers:create", "dns:*"]);
/// assert!(set.allows("dns:delete")?);
/// assert!(!set.allows("servers:delete")?);
/// assert!(set.allows("not a permission").is_err());
/// # Ok::<(), vpskit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PermissionSet {
    granted: Vec<Permission>,
    unparsed: Vec<String>,
}

impl PermissionSet {
    /// Reads permission strings, keeping the malformed ones aside.
    pub fn from_strings<I, S>(strings: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut set = PermissionSet::default();
        for s in strings {
            match Permission::parse(s.as_ref()) {
                Ok(p) => set.granted.push(p),
                Err(_) => set.unparsed.push(s.as_ref().to_string()),
            }
        }
        set
    }

    /// Whether the set grants `wanted` (`"servers:create"`). A malformed `wanted` is an error.
    pub fn allows(&self, wanted: &str) -> Result<bool, Error> {
        let wanted = Permission::parse(wanted)?;
        Ok(self.allows_permission(&wanted))
    }

    /// Whether the set grants `wanted`.
    pub fn allows_permission(&self, wanted: &Permission) -> bool {
        self.granted.iter().any(|g| g.covers(wanted))
    }

    /// The well-formed permissions.
    pub fn granted(&self) -> &[Permission] {
        &self.granted
    }

    /// The strings that were not `resource:action`.
    pub fn unparsed(&self) -> &[String] {
        &self.unparsed
    }

    /// Every string as it arrived, well-formed first.
    pub fn to_strings(&self) -> Vec<String> {
        self.granted
            .iter()
            .map(Permission::to_string)
            .chain(self.unparsed.iter().cloned())
            .collect()
    }
}

impl Serialize for PermissionSet {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.to_strings())
    }
}

impl Describe for PermissionSet {
    fn kind() -> Kind {
        Kind::Permissions
    }
}

impl ToJson for PermissionSet {
    fn write_json(&self, w: &mut JsonWriter) {
        let strings = self.to_strings();
        w.array(strings.iter().map(|s| s as &dyn ToJson));
    }
}

impl FromJson for PermissionSet {
    fn read(reader: &mut Reader<'_>) -> Result<Self, Fault> {
        Vec::<String>::read(reader).map(PermissionSet::from_strings)
    }
}
