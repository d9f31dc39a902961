//! One action over many servers, a few at a time: what fleet scripts do most, bounded.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::call::Call;
use crate::error::Error;
use crate::http::result::ResultJson;
use crate::json::KeyCase;

/// The outcome of one server's action in a bulk run: its JSON result (secrets marked) or its
/// error.
pub type BulkOutcome = (String, Result<serde_json::Value, Error>);

/// The largest `concurrency` a bulk run takes.
pub const MAX_BULK_CONCURRENCY: usize = 64;

/// The calls of `action` on each of `ids`, or a validation error when `action` is not an
/// operation that takes one server id, or `concurrency` is out of range. A call whose id is
/// malformed stays an error for that id alone.
pub(crate) fn calls(
    action: &str,
    ids: &[&str],
    concurrency: usize,
) -> Result<Vec<Result<Call, Error>>, Error> {
    check(action, concurrency)?;
    Ok(ids.iter().map(|id| call(action, id)).collect())
}

/// A validation error when `action` is not an operation that takes one server id, or
/// `concurrency` is outside 1..=[`MAX_BULK_CONCURRENCY`]: what every host's `bulk` checks first.
///
/// ```
/// assert!(vpskit::check_bulk("reboot", 4).is_ok());
/// assert!(vpskit::check_bulk("list_servers", 4).is_err());
/// assert!(vpskit::check_bulk("reboot", 0).is_err());
/// ```
pub fn check(action: &str, concurrency: usize) -> Result<(), Error> {
    if !(1..=MAX_BULK_CONCURRENCY).contains(&concurrency) {
        return Err(Error::validation(format!(
            "bulk concurrency must be between 1 and {MAX_BULK_CONCURRENCY}, got {concurrency}"
        )));
    }
    match call(action, "fsrv_1") {
        Ok(probe) if probe.service_id().is_some() => Ok(()),
        _ => Err(Error::validation(format!(
            "bulk runs an operation that takes one server id (reboot, start, stop, …); {action:?} is not one"
        ))),
    }
}

/// The call of `action` on server `id`, read as every host's calls are (the text written by the
/// core's writer: no serde serializer reaches the .wasm).
fn call(action: &str, id: &str) -> Result<Call, Error> {
    let text = |s: &str| ResultJson::write(&s, KeyCase::Snake).text;
    let json = format!(
        r#"{{"operation":{},"args":{{"id":{}}}}}"#,
        text(action),
        text(id)
    );
    Call::from_json(&json)
}

/// Runs `run` on every call, `concurrency` at a time on scoped threads; outcomes in `ids` order.
pub(crate) fn run(
    ids: &[&str],
    calls: Vec<Result<Call, Error>>,
    concurrency: usize,
    run: impl Fn(&Call) -> Result<serde_json::Value, Error> + Sync,
) -> Vec<BulkOutcome> {
    let slots: Vec<Mutex<Option<Result<serde_json::Value, Error>>>> =
        calls.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..concurrency.min(calls.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let (Some(call), Some(slot)) = (calls.get(i), slots.get(i)) else {
                    break;
                };
                let outcome = match call {
                    Ok(call) => run(call),
                    Err(error) => Err(error.clone()),
                };
                *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(outcome);
            });
        }
    });
    collect(ids, slots)
}

/// Each id with its outcome, in order.
pub(crate) fn collect(
    ids: &[&str],
    outcomes: Vec<Mutex<Option<Result<serde_json::Value, Error>>>>,
) -> Vec<BulkOutcome> {
    ids.iter()
        .zip(outcomes)
        .map(|(id, slot)| {
            let outcome = slot
                .into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .unwrap_or_else(|| Err(Error::internal("a bulk worker stopped")));
            (id.to_string(), outcome)
        })
        .collect()
}
