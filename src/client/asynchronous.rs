//! The async client: the same flows, driven by an [`AsyncTransport`] (any runtime's HTTP, a
//! browser's `fetch` through gloo-net, a foreign language's coroutines). Dropping a call's future
//! cancels the call: nothing more is sent, and the transport's request future is dropped with it.

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;
use std::time::Duration;

use super::{bulk, engine, BulkOutcome, Engine, EventListener, Limits, Pace};
use crate::call::Call;
use crate::config::{Api, Config};
use crate::error::Error;
use crate::flow::jobs::JobWaiter;
use crate::flow::retry::RetryPolicy;
use crate::flow::{JobFlow, JobOutcomes, JobsFlow, Step, Steps};
use crate::gateway::{Job, Server};
use crate::http::response::FromResponse;
use crate::http::{HttpRequest, HttpResponse, RateLimit};

/// A future as an [`AsyncTransport`] returns it: boxed, so the trait stays object safe; `Send`
/// on native targets (so foreign runtimes, uniffi's among them, can hold a call), not `Send` in
/// WebAssembly (a browser's futures are single-threaded).
#[cfg(not(target_arch = "wasm32"))]
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;
/// A future as an [`AsyncTransport`] returns it (see the native definition).
#[cfg(target_arch = "wasm32")]
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// HTTP that awaits, and the runtime's timer and clock.
pub trait AsyncTransport {
    /// Sends `request` and returns what came back, whatever its status. Dropping the future
    /// cancels the request.
    fn send<'a>(&'a self, request: &'a HttpRequest) -> BoxFuture<'a, Result<HttpResponse, Error>>;
    /// Waits before a retry, a job poll or the throttle's turn.
    fn sleep(&self, duration: Duration) -> BoxFuture<'_, ()>;
    /// Milliseconds on a clock that never goes back (the throttle's and the events' time).
    fn now_ms(&self) -> u64;
}

/// An async client for either API: every call runs the core's flow (preflight, retries, job
/// waits) over an [`AsyncTransport`], with the blocking clients' options (limits, events,
/// rate-limit state). Dropping a call's future cancels the call.
///
/// ```
/// use std::time::Duration;
/// use vpskit::{AsyncClient, AsyncTransport, BoxFuture, Call, Config, Error, HttpRequest, HttpResponse};
/// struct Canned;
/// impl AsyncTransport for Canned {
///     fn send<'a>(&'a self, _: &'a HttpRequest) -> BoxFuture<'a, Result<HttpResponse, Error>> {
///         Box::pin(async { Ok(HttpResponse::new(200, vec![], br#"{"success":true,"data":[]}"#.to_vec())) })
///     }
///     fn sleep(&self, _: Duration) -> BoxFuture<'_, ()> {
///         Box::pin(async {})
///     }
///     fn now_ms(&self) -> u64 {
///         0
///     }
/// }
/// let client = AsyncClient::new(Config::faithserver("fs_live_x")?, Canned);
/// let servers = client.run::<Vec<vpskit::faithserver::Server>>(Call::ListServers);
/// # let _ = servers;
/// # Ok::<(), vpskit::Error>(())
/// ```
pub struct AsyncClient<T> {
    engine: Engine<T>,
}

impl<T: AsyncTransport> AsyncClient<T> {
    /// A client for `config` over `transport` (the preflight is on for FaithServer).
    pub fn new(config: Config, transport: T) -> Self {
        let preflight = config.api() == Api::FaithServer;
        AsyncClient {
            engine: engine(config, transport, preflight),
        }
    }

    /// Switches the capability preflight on or off.
    pub fn with_preflight(mut self, enabled: bool) -> Self {
        self.engine.preflight = enabled;
        self
    }

    shared_builders!();

    /// Runs `call` to its typed result `R` (its row's result type: `Vec<Server>` for
    /// `list_servers`, `ActionResult` for `reboot`, …).
    pub async fn run<R: FromResponse + 'static>(&self, call: Call) -> Result<R, Error> {
        self.run_held(call, None).await
    }

    /// [`AsyncClient::run`], the preflight checking `held` (a server the caller holds, from a
    /// `list_servers` result, say) instead of reading it: nothing extra is sent. A server with
    /// another id than the call's is not used.
    pub async fn run_held<R: FromResponse + 'static>(
        &self,
        call: Call,
        held: Option<&Server>,
    ) -> Result<R, Error> {
        let mut flow = self.engine.flow(call, held);
        self.engine.drive_async(&mut flow, |_| {}).await
    }

    /// Runs any call, returning its JSON result (secrets marked).
    pub async fn call(&self, call: &Call) -> Result<serde_json::Value, Error> {
        let mut flow = self.engine.json_flow(call);
        self.engine.drive_async(&mut flow, |_| {}).await
    }

    /// Polls `/jobs/{job_id}` until the waiter says it is done, `on_update` seeing each
    /// unfinished poll.
    pub async fn wait_for_job(
        &self,
        job_id: &str,
        waiter: &JobWaiter,
        on_update: impl FnMut(&Job),
    ) -> Result<Job, Error> {
        let engine = &self.engine;
        let mut flow = JobFlow::new(job_id, &engine.config, &engine.options(), waiter.clone());
        engine.drive_async(&mut flow, on_update).await
    }

    /// Waits for several jobs on one poll schedule: one outcome per job, in order; `on_update`
    /// sees each unfinished poll.
    pub async fn wait_for_jobs(
        &self,
        job_ids: &[&str],
        waiter: &JobWaiter,
        on_update: impl FnMut(&JobOutcomes),
    ) -> Result<JobOutcomes, Error> {
        let engine = &self.engine;
        let mut flow = JobsFlow::new(job_ids, &engine.config, &engine.options(), waiter.clone());
        engine.drive_async(&mut flow, on_update).await
    }

    /// Runs `action` on every server of `ids`, `concurrency` at a time: one outcome per id, in
    /// order (see [`crate::FaithServerClient::bulk`]).
    pub async fn bulk(
        &self,
        action: &str,
        ids: &[&str],
        concurrency: usize,
    ) -> Result<Vec<BulkOutcome>, Error> {
        let work = bulk::Work::new(action, ids, concurrency)?;
        let worker = || async {
            while let Some((call, slot)) = work.take() {
                bulk::settle(slot, self.call(call).await);
            }
        };
        join_all((0..concurrency.min(ids.len())).map(|_| worker()).collect()).await;
        Ok(work.finish(ids))
    }
}

/// Polls every future until all are done (a bulk run's workers: at most 64).
async fn join_all<F: Future<Output = ()>>(futures: Vec<F>) {
    let mut running: Vec<Option<Pin<Box<F>>>> =
        futures.into_iter().map(|f| Some(Box::pin(f))).collect();
    std::future::poll_fn(|cx| {
        for slot in running.iter_mut() {
            if slot
                .as_mut()
                .is_some_and(|f| f.as_mut().poll(cx).is_ready())
            {
                *slot = None;
            }
        }
        if running.iter().all(Option::is_none) {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await
}

impl<T: AsyncTransport> Engine<T> {
    /// The whole async loop: performs the flow's steps with the transport, its timer and clock,
    /// within the client's limits.
    async fn drive_async<R>(
        &self,
        flow: &mut impl Steps<R>,
        mut on_progress: impl FnMut(&R),
    ) -> Result<R, Error> {
        let clock = &self.transport;
        let mut started = clock.now_ms();
        loop {
            let step = flow.step();
            self.emit_from(flow, started, clock.now_ms());
            match step {
                Step::Send(exchange) => {
                    let wait = self.pace.admit(clock.now_ms());
                    if !wait.is_zero() {
                        self.transport.sleep(wait).await;
                    }
                    let slot = self.pace.entered().await;
                    started = clock.now_ms();
                    let sent = self.transport.send(&exchange.request).await;
                    drop(slot);
                    match sent {
                        Ok(response) => {
                            self.answered(&response, clock.now_ms());
                            flow.received(&response)
                        }
                        Err(error) => flow.failed(error),
                    }
                }
                Step::Sleep { ms } => self.transport.sleep(Duration::from_millis(ms)).await,
                Step::Progress(value) => on_progress(&value),
                Step::Done(result) => return result,
            }
        }
    }
}

impl<T: AsyncTransport + ?Sized> AsyncTransport for &T {
    fn send<'a>(&'a self, request: &'a HttpRequest) -> BoxFuture<'a, Result<HttpResponse, Error>> {
        (**self).send(request)
    }
    fn sleep(&self, duration: Duration) -> BoxFuture<'_, ()> {
        (**self).sleep(duration)
    }
    fn now_ms(&self) -> u64 {
        (**self).now_ms()
    }
}
