//! One action over many servers, a few at a time: what fleet scripts do most, bounded.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::call::Call;
use crate::config::Config;
use crate::error::Error;
use crate::http::result::ResultJson;
use vpskit_json::KeyCase;

/// The outcome of one server's action in a bulk run: its JSON result (secrets marked) or its
/// error.
pub type BulkOutcome = (String, Result<serde_json::Value, Error>);

/// The largest `concurrency` a bulk run takes.
pub const MAX_BULK_CONCURRENCY: usize = 64;

/// A bulk run's shared work: each id's call, each one's outcome, and the next call to take.
/// A malformed id has its error for outcome from the start, and no call.
pub(crate) struct Work {
    calls: Vec<Option<Call>>,
    outcomes: Vec<Outcome>,
    next: AtomicUsize,
}

/// Where one id's outcome goes once its call has run.
pub(crate) type Outcome = Mutex<Option<Result<serde_json::Value, Error>>>;

impl Work {
    /// The work of `action` on each of `ids`, or a validation error when `action` is not an
    /// operation that takes one server id, or `concurrency` is out of range.
    pub(crate) fn new(action: &str, ids: &[&str], concurrency: usize) -> Result<Work, Error> {
        check(action, concurrency)?;
        let (calls, outcomes) = ids
            .iter()
            .map(|id| match call(action, id) {
                Ok(call) => (Some(call), Mutex::new(None)),
                Err(error) => (None, Mutex::new(Some(Err(error)))),
            })
            .unzip();
        let next = AtomicUsize::new(0);
        Ok(Work {
            calls,
            outcomes,
            next,
        })
    }

    /// The next call no worker has taken yet, and where its outcome goes; none when all are.
    pub(crate) fn take(&self) -> Option<(&Call, &Outcome)> {
        loop {
            let i = self.next.fetch_add(1, Ordering::Relaxed);
            if let (Some(call), outcome) = (self.calls.get(i)?, self.outcomes.get(i)?) {
                return Some((call, outcome));
            }
        }
    }

    /// Each id with its outcome, in order.
    pub(crate) fn finish(self, ids: &[&str]) -> Vec<BulkOutcome> {
        ids.iter()
            .zip(self.outcomes)
            .map(|(id, slot)| {
                let outcome = slot
                    .into_inner()
                    .unwrap_or_else(|e| e.into_inner())
                    .unwrap_or_else(|| Err(Error::internal("a bulk worker stopped")));
                (id.to_string(), outcome)
            })
            .collect()
    }
}

/// Keeps a call's outcome.
pub(crate) fn settle(slot: &Outcome, outcome: Result<serde_json::Value, Error>) {
    *super::pace::lock(slot) = Some(outcome);
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
    let runs = |probe: &Call| {
        Config::faithserver("probe")
            .and_then(|c| probe.request(&c))
            .is_ok()
    };
    match call(action, "fsrv_1") {
        Ok(probe) if probe.service_id().is_some() && runs(&probe) => Ok(()),
        _ => Err(Error::validation(format!(
            "bulk runs an operation that takes one server id and nothing else (reboot, start, stop, …); {action:?} is not one"
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
