//! The async client: the same flows, driven by an [`AsyncTransport`] (any runtime's HTTP, a
//! browser's `fetch` through gloo-net, a foreign language's coroutines). Dropping a call's future
//! cancels the call: nothing more is sent, and the transport's request future is dropped with it.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use crate::call::Call;
use crate::config::{Api, Config};
use crate::error::Error;
use crate::flow::jobs::JobWaiter;
use crate::flow::retry::RetryPolicy;
use crate::flow::{Flow, FlowOptions, JobFlow, Step, Steps};
use crate::gateway::Job;
use crate::http::response::FromResponse;
use crate::http::{HttpRequest, HttpResponse};

/// A future as an [`AsyncTransport`] returns it: boxed, so the trait stays object safe, and not
/// `Send`, so single-threaded runtimes (a browser's) fit.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// HTTP that awaits, and the runtime's timer.
pub trait AsyncTransport {
    /// Sends `request` and returns what came back, whatever its status.
    fn send<'a>(&'a self, request: &'a HttpRequest) -> BoxFuture<'a, Result<HttpResponse, Error>>;
    /// Waits before a retry or a job poll.
    fn sleep(&self, duration: Duration) -> BoxFuture<'_, ()>;
}

/// An async client for either API: every call runs the core's flow (preflight, retries, job
/// waits) over an [`AsyncTransport`].
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
/// }
/// let client = AsyncClient::new(Config::faithserver("fs_live_x")?, Canned);
/// let servers = client.run::<Vec<vpskit::faithserver::Server>>(Call::ListServers);
/// # let _ = servers;
/// # Ok::<(), vpskit::Error>(())
/// ```
pub struct AsyncClient<T> {
    config: Config,
    transport: T,
    retry: RetryPolicy,
    preflight: bool,
    seed: AtomicU64,
}

impl<T: AsyncTransport> AsyncClient<T> {
    /// A client for `config` over `transport` (the preflight is on for FaithServer).
    pub fn new(config: Config, transport: T) -> Self {
        AsyncClient {
            preflight: config.api() == Api::FaithServer,
            config,
            transport,
            retry: RetryPolicy::default(),
            seed: AtomicU64::new(0x5EED),
        }
    }

    /// Switches the capability preflight on or off.
    pub fn with_preflight(mut self, enabled: bool) -> Self {
        self.preflight = enabled;
        self
    }

    /// Replaces the retry policy.
    pub fn with_retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    fn options(&self) -> FlowOptions {
        FlowOptions {
            preflight: self.preflight,
            retry: self.retry,
            seed: self.seed.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// Runs `call` to its typed result `R` (its row's result type: `Vec<Server>` for
    /// `list_servers`, `ActionResult` for `reboot`, …).
    pub async fn run<R: FromResponse + 'static>(&self, call: Call) -> Result<R, Error> {
        let mut flow: Flow<R> = Flow::typed(call, &self.config, &self.options());
        self.drive(&mut flow, |_| {}).await
    }

    /// Runs any call, returning its JSON result (secrets marked).
    pub async fn call(&self, call: &Call) -> Result<serde_json::Value, Error> {
        let reader = call.clone();
        let parse = Box::new(move |response: &HttpResponse| reader.parse(response));
        let mut flow = Flow::new(call.clone(), &self.config, &self.options(), parse);
        self.drive(&mut flow, |_| {}).await
    }

    /// Polls `/jobs/{job_id}` until the waiter says it is done, `on_update` seeing each
    /// unfinished poll.
    pub async fn wait_for_job(
        &self,
        job_id: &str,
        waiter: &JobWaiter,
        on_update: impl FnMut(&Job),
    ) -> Result<Job, Error> {
        let mut flow = JobFlow::new(job_id, &self.config, &self.options(), waiter.clone());
        self.drive(&mut flow, on_update).await
    }

    /// The whole async loop: performs the flow's steps with the transport and its timer.
    async fn drive<R>(
        &self,
        flow: &mut impl Steps<R>,
        mut on_progress: impl FnMut(&R),
    ) -> Result<R, Error> {
        loop {
            match flow.step() {
                Step::Send(exchange) => match self.transport.send(&exchange.request).await {
                    Ok(response) => flow.received(&response),
                    Err(error) => flow.failed(error),
                },
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
}
