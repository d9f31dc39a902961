//! What a product can do (the matrix of API.md §1.6, as data) and what one server may do now.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::models::{Action, Product, Server};

/// A level of the product matrix.
///
/// ```
/// use vpskit::faithserver::Support;
/// assert!(Support::IfAvailable.may_work());
/// assert!(!Support::Planned.may_work());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Support {
    /// The product has the feature.
    Yes,
    /// The product has it where the backend offers it ("if available", "if supported").
    IfAvailable,
    /// Partly, or through a separate flow.
    Limited,
    /// Announced, not available yet.
    Planned,
    /// The product does not have it.
    No,
}

impl Support {
    /// Whether a call may succeed on this level (yes, if available, limited).
    pub fn may_work(self) -> bool {
        matches!(self, Support::Yes | Support::IfAvailable | Support::Limited)
    }

    /// The level's name (`if_available`).
    pub fn as_str(self) -> &'static str {
        match self {
            Support::Yes => "yes",
            Support::IfAvailable => "if_available",
            Support::Limited => "limited",
            Support::Planned => "planned",
            Support::No => "no",
        }
    }
}

use Support::{IfAvailable, Limited, No, Planned, Yes};

/// One row of the matrix: a feature, its level per product, and a note for the levels that need one.
struct Row {
    action: Action,
    premium: Support,
    budget: Support,
    dedicated: Support,
    note: &'static str,
}

/// The product matrix of the FaithServer documentation (section 8), row by row.
const MATRIX: [Row; 16] = [
    Row { action: Action::Status, premium: Yes, budget: Yes, dedicated: Yes, note: "" },
    Row { action: Action::Overview, premium: Yes, budget: Yes, dedicated: Yes, note: "" },
    Row { action: Action::Start, premium: Yes, budget: Yes, dedicated: No, note: "dedicated servers have no start/stop (use reboot or wol)" },
    Row { action: Action::Stop, premium: Yes, budget: Yes, dedicated: No, note: "dedicated servers have no start/stop (use reboot or wol)" },
    Row { action: Action::Reboot, premium: Yes, budget: Yes, dedicated: Yes, note: "a hardware reboot on dedicated servers" },
    Row { action: Action::Console, premium: Yes, budget: No, dedicated: No, note: "" },
    Row { action: Action::Rescue, premium: Yes, budget: IfAvailable, dedicated: No, note: "" },
    Row { action: Action::Wol, premium: No, budget: No, dedicated: Yes, note: "Wake-on-LAN is for dedicated servers only" },
    Row { action: Action::Images, premium: Yes, budget: Yes, dedicated: Limited, note: "limited / planned on dedicated servers" },
    Row { action: Action::Reinstall, premium: Yes, budget: Yes, dedicated: Limited, note: "limited / a separate flow on dedicated servers" },
    Row { action: Action::ResetPassword, premium: IfAvailable, budget: IfAvailable, dedicated: Limited, note: "auto-generated on Premium VPS, a custom password on Budget VPS, where the service supports it; limited / via the rescue flow on dedicated servers" },
    Row { action: Action::Credentials, premium: Yes, budget: Limited, dedicated: Planned, note: "temporary credentials are planned for dedicated servers" },
    Row { action: Action::Traffic, premium: Yes, budget: Yes, dedicated: Planned, note: "" },
    Row { action: Action::Ips, premium: Yes, budget: Yes, dedicated: Limited, note: "" },
    Row { action: Action::Monitor, premium: Yes, budget: Yes, dedicated: Limited, note: "" },
    Row { action: Action::Tasks, premium: Yes, budget: Yes, dedicated: Limited, note: "" },
];

/// The matrix level of `action` for `product`; `None` for a product or action vpskit does not know.
///
/// ```
/// use vpskit::faithserver::{product_support, Action, Product, Support};
/// assert_eq!(product_support(&Product::BudgetVps, &Action::Console), Some(Support::No));
/// assert_eq!(product_support(&Product::FlexibleDedicated, &Action::Traffic), Some(Support::Planned));
/// assert_eq!(product_support(&Product::Other("GPU".into()), &Action::Reboot), None);
/// ```
pub fn product_support(product: &Product, action: &Action) -> Option<Support> {
    let row = MATRIX.iter().find(|r| &r.action == action)?;
    match product {
        Product::PremiumVps => Some(row.premium),
        Product::BudgetVps => Some(row.budget),
        Product::FlexibleDedicated => Some(row.dedicated),
        Product::Other(_) => None,
    }
}

/// The matrix's note for `action`, if it has one.
fn note(action: &Action) -> &'static str {
    MATRIX
        .iter()
        .find(|r| &r.action == action)
        .map(|r| r.note)
        .unwrap_or("")
}

/// The `allowed_actions` words the gateway gates actions by: an action of this set that a server
/// does not list is not available to it, whatever the matrix says. (The seeds show these words in
/// `allowed_actions`; the dedicated section names `wol` the same way.)
pub fn is_gated(action: &Action) -> bool {
    matches!(
        action,
        Action::Status
            | Action::Start
            | Action::Stop
            | Action::Reboot
            | Action::Console
            | Action::Reinstall
            | Action::ResetPassword
            | Action::Wol
    ) || !action.is_known()
}

/// Which rule of [`check`] decided a verdict.
///
/// ```
/// use vpskit::faithserver::{check, Action, Rule, Server};
/// let budget = Server::from_json(r#"{"id":"fsrv_158","product":"Budget VPS",
///   "allowed_actions":["reboot"]}"#).unwrap();
/// assert_eq!(check(&budget, &Action::Console).rule, Rule::ProductLacks);
/// assert_eq!(check(&budget, &Action::Reboot).rule, Rule::Listed);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The console needs a running server and this one is powered off.
    PoweredOff,
    /// The action is listed in `allowed_actions`.
    Listed,
    /// The product matrix says the product does not have the feature.
    ProductLacks,
    /// The gateway gates the action by `allowed_actions` and the server does not list it.
    NotListed,
    /// The feature is planned for the product, not available yet.
    Planned,
    /// The product has the feature (possibly where available, or in a limited way).
    ProductHas,
    /// vpskit does not know the product; the gateway decides.
    UnknownProduct,
}

/// The answer of a capability check: allowed or not, the rule that decided, and (on demand) why,
/// in words a person can read.
///
/// The verdict borrows the server and the action, so checking a whole fleet allocates nothing;
/// [`Verdict::reason`] writes the sentence when it is wanted.
///
/// ```
/// use vpskit::faithserver::{check, Action, Server};
/// let budget = Server::from_json(r#"{"id":"fsrv_158","product":"Budget VPS",
///   "status":"active","allowed_actions":["reboot"]}"#).unwrap();
/// let verdict = check(&budget, &Action::Console);
/// assert!(!verdict.allowed);
/// assert_eq!(verdict.reason(), "console is not available for Budget VPS");
/// ```
#[derive(Clone, Copy, PartialEq)]
pub struct Verdict<'a> {
    /// Whether the action may be tried.
    pub allowed: bool,
    /// The rule that decided.
    pub rule: Rule,
    /// The matrix level for the server's product, when known.
    pub support: Option<Support>,
    server: &'a Server,
    action: &'a Action,
}

impl Verdict<'_> {
    /// Why, for people (`console is not available for Budget VPS`).
    pub fn reason(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Verdict<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (server, action) = (self.server, self.action);
        let id = &server.id;
        let product = server.product.as_str();
        match self.rule {
            Rule::PoweredOff => write!(
                f,
                "console needs a running server; {id} is {} (start it first)",
                server.status.as_ref().map(|s| s.as_str()).unwrap_or("off")
            ),
            Rule::Listed => write!(f, "{action} is listed in allowed_actions of {id}"),
            Rule::ProductLacks => match note(action) {
                "" => write!(f, "{action} is not available for {product}"),
                note => write!(f, "{action} is not available for {product}: {note}"),
            },
            Rule::NotListed => write!(f, "{action} is not in allowed_actions of {id}"),
            Rule::Planned => write!(f, "{action} is planned but not available yet for {product}"),
            Rule::ProductHas => match self.support {
                Some(IfAvailable) => write!(
                    f,
                    "{product} supports {action} where available (the gateway decides for this server)"
                ),
                Some(Limited) => write!(
                    f,
                    "{product} supports {action} in a limited way (the gateway decides for this server)"
                ),
                _ => write!(f, "{product} supports {action}"),
            },
            Rule::UnknownProduct => {
                write!(f, "{product} is not a product vpskit knows; the gateway decides")
            }
        }
    }
}

impl fmt::Debug for Verdict<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verdict")
            .field("allowed", &self.allowed)
            .field("rule", &self.rule)
            .field("support", &self.support)
            .field("reason", &self.reason())
            .finish()
    }
}

impl Serialize for Verdict<'_> {
    /// `{"allowed", "reason", "support", "rule"}`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Verdict", 4)?;
        out.serialize_field("allowed", &self.allowed)?;
        out.serialize_field("reason", &self.reason())?;
        out.serialize_field("support", &self.support)?;
        out.serialize_field("rule", &self.rule)?;
        out.end()
    }
}

/// Whether `server` may perform `action` now: `allowed_actions` first, then the matrix.
///
/// Rules, in order:
/// 1. the console needs a running server (a powered-off `status` refuses it);
/// 2. an action listed in `allowed_actions` is allowed;
/// 3. an action the matrix says the product does not have is refused, with the matrix's reason;
/// 4. an unlisted action that the gateway gates by `allowed_actions` ([`is_gated`]) is refused;
/// 5. any other feature is answered by the matrix (planned → refused; yes, if available,
///    limited → allowed, the gateway deciding), or allowed for a product vpskit does not know.
pub fn check<'a>(server: &'a Server, action: &'a Action) -> Verdict<'a> {
    let support = product_support(&server.product, action);
    let (allowed, rule) = if action == &Action::Console
        && server.status.as_ref().is_some_and(|s| s.is_powered_off())
    {
        (false, Rule::PoweredOff)
    } else if server.allows(action) {
        (true, Rule::Listed)
    } else if support == Some(No) {
        (false, Rule::ProductLacks)
    } else if is_gated(action) {
        (false, Rule::NotListed)
    } else {
        match support {
            Some(Planned) => (false, Rule::Planned),
            Some(_) => (true, Rule::ProductHas),
            None => (true, Rule::UnknownProduct),
        }
    };
    Verdict {
        allowed,
        rule,
        support,
        server,
        action,
    }
}
