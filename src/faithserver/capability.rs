//! What a product can do (the matrix of API.md §1.6, as data) and what one server may do now.

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

/// The answer of a capability check: allowed or not, and why, in words a person can read.
///
/// ```
/// use vpskit::faithserver::{check, Action, Server};
/// let budget: Server = serde_json::from_str(r#"{"id":"fsrv_158","product":"Budget VPS",
///   "status":"active","allowed_actions":["reboot"]}"#).unwrap();
/// let verdict = check(&budget, &Action::Console);
/// assert!(!verdict.allowed);
/// assert_eq!(verdict.reason, "console is not available for Budget VPS");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// Whether the action may be tried.
    pub allowed: bool,
    /// Why, for people.
    pub reason: String,
    /// The matrix level for the server's product, when known.
    pub support: Option<Support>,
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
pub fn check(server: &Server, action: &Action) -> Verdict {
    let support = product_support(&server.product, action);
    let verdict = |allowed: bool, reason: String| Verdict {
        allowed,
        reason,
        support,
    };
    if action == &Action::Console && server.status.as_ref().is_some_and(|s| s.is_powered_off()) {
        return verdict(
            false,
            format!(
                "console needs a running server; {} is {} (start it first)",
                server.id,
                server.status.as_ref().map(|s| s.as_str()).unwrap_or("off")
            ),
        );
    }
    if server.allows(action) {
        return verdict(
            true,
            format!("{action} is listed in allowed_actions of {}", server.id),
        );
    }
    let product = server.product.as_str();
    if support == Some(No) {
        let why = match note(action) {
            "" => format!("{action} is not available for {product}"),
            note => format!("{action} is not available for {product}: {note}"),
        };
        return verdict(false, why);
    }
    if is_gated(action) {
        return verdict(
            false,
            format!("{action} is not in allowed_actions of {}", server.id),
        );
    }
    match support {
        Some(Planned) => verdict(
            false,
            format!("{action} is planned but not available yet for {product}"),
        ),
        Some(Yes) => verdict(true, format!("{product} supports {action}")),
        Some(level) => verdict(
            true,
            format!(
                "{product} supports {action} {} (the gateway decides for this server)",
                if level == IfAvailable {
                    "where available"
                } else {
                    "in a limited way"
                }
            ),
        ),
        None => verdict(
            true,
            format!("{product} is not a product vpskit knows; the gateway decides"),
        ),
    }
}
