//! Functions without I/O: build a request, parse a response, check capabilities and permissions.

use std::sync::Arc;

use vpskit::faithserver as fs;
use vpskit::vpsorg::{PermissionSet, Timestamp};
use vpskit::{Api, Call, Config, KeyCase};

use crate::errors::{guard, VpskitError};
use crate::http::{HttpRequest, HttpResponse};
use crate::models::*;
use crate::records::*;

type Result<T> = std::result::Result<T, VpskitError>;

pub(crate) fn config(api: &str, key: Option<String>, base_url: Option<String>) -> Result<Config> {
    Ok(Config::of(
        Api::parse(api)?,
        key.as_deref(),
        base_url.as_deref(),
    )?)
}

/// The request a call makes. `call_json` is `{"operation": …, "args": {…}}` (see the vectors'
/// README); `api` is `"faithserver"` or `"vpsorg"`; a null `key` goes through the proxy at
/// `base_url`, which adds it.
#[uniffi::export(default(base_url = None, user_agent_host = None))]
pub fn build_request(
    call_json: String,
    api: String,
    key: Option<String>,
    base_url: Option<String>,
    user_agent_host: Option<String>,
) -> Result<Arc<HttpRequest>> {
    guard("build_request", || {
        let mut cfg = config(&api, key, base_url)?;
        if let Some(host) = user_agent_host {
            cfg = cfg.with_user_agent_host(&host);
        }
        let inner = Call::from_json(&call_json)?.request(&cfg)?;
        Ok(Arc::new(HttpRequest { inner }))
    })
}

/// The result JSON of a call's response (secrets marked `{"$secret": …}`), or the error.
#[uniffi::export]
pub fn parse_response(call_json: String, response: HttpResponse) -> Result<String> {
    guard("parse_response", || {
        let json = Call::from_json(&call_json)?.parse_json(&response.into(), KeyCase::Snake)?;
        Ok(json.text)
    })
}

/// Checks a call against a server read just before (capability, then request shape).
#[uniffi::export]
pub fn preflight(call_json: String, server: Server) -> Result<()> {
    guard("preflight", || {
        Ok(Call::from_json(&call_json)?.preflight(&(&server).into())?)
    })
}

/// Whether `server` may perform `action` now, and why: `allowedActions` first, then the matrix.
#[uniffi::export]
pub fn check(server: Server, action: Action) -> Verdict {
    let (server, action) = ((&server).into(), (&action).into());
    let verdict = fs::check(&server, &action);
    Verdict {
        allowed: verdict.allowed,
        reason: verdict.reason(),
        support: verdict.support.map(Into::into),
    }
}

/// The product-matrix level of `feature` for `product`, or null when unknown.
#[uniffi::export]
pub fn product_support(product: Product, feature: Action) -> Option<Support> {
    fs::product_support(&(&product).into(), &(&feature).into()).map(Into::into)
}

/// Whether `permissions` grant `wanted` (`"servers:create"`); a malformed `wanted` is a
/// `Validation` error.
#[uniffi::export]
pub fn permissions_allow(permissions: Vec<String>, wanted: String) -> Result<bool> {
    guard("permissions_allow", || {
        Ok(PermissionSet::from_strings(permissions).allows(&wanted)?)
    })
}

/// Whether the token has expired or expires within `days` of `now_epoch_seconds`.
#[uniffi::export]
pub fn token_expires_within(token: Token, days: u32, now_epoch_seconds: i64) -> Result<bool> {
    guard("token_expires_within", || {
        let core = vpskit::vpsorg::Token::from(&token);
        Ok(core.expires_within(days, Timestamp::from_unix_seconds(now_epoch_seconds))?)
    })
}

/// Every operation name the sans-IO functions accept.
#[uniffi::export]
pub fn operations() -> Vec<String> {
    vpskit::OPERATIONS.iter().map(|s| s.to_string()).collect()
}

/// The vpskit version.
#[uniffi::export]
pub fn vpskit_version() -> String {
    vpskit::VERSION.to_string()
}

/// A product from its name as the API writes it (unknown names become `Other`).
#[uniffi::export]
pub fn parse_product(name: String) -> Product {
    (&fs::Product::parse(&name)).into()
}

/// The product's name as the API writes it.
#[uniffi::export]
pub fn product_name(product: Product) -> String {
    fs::Product::from(&product).as_str().to_string()
}

/// An action from its `allowed_actions` word (unknown words become `Other`).
#[uniffi::export]
pub fn parse_action(word: String) -> Action {
    (&fs::Action::parse(&word)).into()
}

/// The action's `allowed_actions` word.
#[uniffi::export]
pub fn action_word(action: Action) -> String {
    fs::Action::from(&action).as_str().to_string()
}

/// A server status from its word (unknown words become `Other`).
#[uniffi::export]
pub fn parse_server_status(word: String) -> ServerStatus {
    (&fs::ServerStatus::parse(&word)).into()
}

/// The retry decision the clients take after attempt `attempt` failed with `error`:
/// milliseconds to wait, or null to give up (default policy; `seed` drives the jitter).
#[uniffi::export]
pub fn retry_decision(
    idempotent: bool,
    attempt: u32,
    error: &VpskitError,
    seed: u64,
) -> Option<u64> {
    use vpskit::ErrorKind as K;
    let (kind, status, retry_after) = match error {
        VpskitError::Transport { request_sent, .. } => {
            let sent = if *request_sent {
                vpskit::RequestSent::Maybe
            } else {
                vpskit::RequestSent::No
            };
            return decide(
                idempotent,
                attempt,
                vpskit::Outcome::from_parts(K::Transport, None, None, Some(sent))?,
                seed,
            );
        }
        VpskitError::RateLimited {
            status,
            retry_after_seconds,
            ..
        } => (K::RateLimited, *status, *retry_after_seconds),
        VpskitError::Server {
            status,
            retry_after_seconds,
            ..
        } => (K::Server, *status, *retry_after_seconds),
        VpskitError::Auth { status, .. } => (K::Auth, *status, None),
        VpskitError::NotFound { status, .. } => (K::NotFound, *status, None),
        VpskitError::NotAllowed { status, .. } => (K::NotAllowed, *status, None),
        VpskitError::Validation { status, .. } => (K::Validation, *status, None),
        VpskitError::Decode { status, .. } => (K::Decode, *status, None),
        VpskitError::Aborted { .. } => (K::Aborted, None, None),
        VpskitError::Internal { .. } => (K::Internal, None, None),
    };
    decide(
        idempotent,
        attempt,
        vpskit::Outcome::from_parts(kind, status, retry_after, None)?,
        seed,
    )
}

fn decide(idempotent: bool, attempt: u32, outcome: vpskit::Outcome, seed: u64) -> Option<u64> {
    match vpskit::RetryPolicy::default().decide(idempotent, attempt, &outcome, seed) {
        vpskit::RetryDecision::Retry { after_ms } => Some(after_ms),
        vpskit::RetryDecision::GiveUp => None,
    }
}

/// The job waiter's judgement for a job read on poll `polls` after `elapsed_ms`.
#[derive(Debug, Clone, uniffi::Enum)]
pub enum JobPoll {
    Done,
    Failed { reason: String },
    PollAfter { after_ms: u64 },
    TimedOut,
}

/// Judges a job JSON (as the API writes it) with the default waiter for `timeout_ms`.
#[uniffi::export]
pub fn judge_job(
    job_json: String,
    polls: u32,
    elapsed_ms: u64,
    timeout_ms: u64,
) -> Result<JobPoll> {
    guard("judge_job", || {
        let job = fs::Job::from_json(&job_json)?;
        Ok(
            match vpskit::JobWaiter::new(timeout_ms).judge(&job, polls, elapsed_ms) {
                vpskit::JobPoll::Done => JobPoll::Done,
                vpskit::JobPoll::Failed { reason } => JobPoll::Failed { reason },
                vpskit::JobPoll::PollAfter { after_ms } => JobPoll::PollAfter { after_ms },
                vpskit::JobPoll::TimedOut => JobPoll::TimedOut,
            },
        )
    })
}

/// Panics inside the binding's guard, so the Kotlin and Swift tests can prove a Rust panic arrives
/// as `VpskitException.Internal` / `VpskitError.Internal`. Never call it otherwise.
#[uniffi::export]
#[allow(clippy::panic)]
pub fn vpskit_panic_for_tests() -> Result<()> {
    guard("vpskit_panic_for_tests", || {
        panic!("a deliberate panic for vpskit's tests")
    })
}
