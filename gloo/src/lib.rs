//! A [gloo-net](https://docs.rs/gloo-net) transport for vpskit's [`AsyncClient`](vpskit::AsyncClient), so a Rust
//! frontend (Leptos, Yew, Dioxus, or plain `wasm-bindgen`) calls the FaithServer Gateway and
//! VPS.org APIs from the browser with the core's whole flow: the capability preflight, retries,
//! job waits, limits and redacted events.
//!
//! [`GlooTransport`] sends with the platform's `fetch` (through gloo-net, so in a page, a web
//! worker or Node 18+), sleeps with `setTimeout` (gloo-timers) and reads `performance.now()` as
//! its clock. Dropping a call's future aborts the request in flight (an `AbortController`), and
//! nothing more is sent.
//!
//! In a page, do not give the client a key: everyone who opens the page can read it. Point the
//! base URL at a route of your own backend that adds it ([`vpskit::Config::through_proxy`]).
//!
//! ```no_run
//! # async fn fleet() -> Result<(), vpskit::Error> {
//! use vpskit::{faithserver::Server, Api, AsyncClient, Call, Config};
//! use vpskit_gloo::GlooTransport;
//!
//! // The page's own backend adds the key (the proxy pattern): no key in the page.
//! let config = Config::through_proxy(Api::FaithServer, "https://dashboard.example/api/faithserver")?;
//! let client = AsyncClient::new(config, GlooTransport::new());
//! let servers: Vec<Server> = client.run(Call::ListServers).await?;
//! # let _ = servers;
//! # Ok(())
//! # }
//! ```
#![cfg(target_arch = "wasm32")]

use std::future::{poll_fn, Future};
use std::pin::pin;
use std::task::Poll;
use std::time::Duration;

use gloo_net::http::{Method as FetchMethod, RequestBuilder};
use gloo_timers::future::TimeoutFuture;
use vpskit::{
    AsyncTransport, BoxFuture, Error, HttpRequest, HttpResponse, Method, RequestSent,
    MAX_RESPONSE_BYTES,
};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestRedirect};

#[wasm_bindgen]
extern "C" {
    /// `performance.now()`: milliseconds on a clock that never goes back (pages, workers, Node).
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// HTTP over `fetch` (gloo-net), timers over `setTimeout` (gloo-timers): vpskit's
/// [`AsyncTransport`] for WebAssembly in browsers, workers and Node.
///
/// ```no_run
/// use std::time::Duration;
/// use vpskit_gloo::GlooTransport;
/// let transport = GlooTransport::new().with_timeout(Duration::from_secs(10));
/// # let _ = transport;
/// ```
#[derive(Debug, Clone)]
pub struct GlooTransport {
    timeout: Duration,
}

impl Default for GlooTransport {
    fn default() -> Self {
        Self::new()
    }
}

impl GlooTransport {
    /// A transport whose requests time out after 30 seconds.
    pub fn new() -> Self {
        GlooTransport {
            timeout: Duration::from_secs(30),
        }
    }

    /// The same transport with another per-request timeout (the request is aborted when it
    /// passes; a zero timeout is raised to one millisecond).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
}

impl AsyncTransport for GlooTransport {
    fn send<'a>(&'a self, request: &'a HttpRequest) -> BoxFuture<'a, Result<HttpResponse, Error>> {
        Box::pin(async move {
            let abort = AbortOnDrop::new()?;
            let exchange = pin!(exchange(request, &abort));
            let timer = pin!(TimeoutFuture::new(millis(self.timeout)));
            // A timeout drops the exchange, and `abort` then aborts the fetch.
            match first(exchange, timer).await {
                Some(answer) => answer,
                None => Err(Error::transport(
                    format!("the request timed out after {} ms", millis(self.timeout)),
                    RequestSent::Maybe,
                )),
            }
        })
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'_, ()> {
        Box::pin(TimeoutFuture::new(millis(duration)))
    }

    fn now_ms(&self) -> u64 {
        // `performance.now()` is a non-negative float; whole milliseconds are what the core reads.
        performance_now().max(0.0) as u64
    }
}

/// One fetch: the request as the core built it, the whole answer back whatever its status.
async fn exchange(request: &HttpRequest, abort: &AbortOnDrop) -> Result<HttpResponse, Error> {
    let signal = abort.0.signal();
    let mut builder = RequestBuilder::new(&request.url)
        .method(fetch_method(request.method))
        .redirect(RequestRedirect::Manual)
        .abort_signal(Some(&signal));
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let built = match &request.body {
        Some(body) => builder.body(js_sys_bytes(body)),
        None => builder.build(),
    }
    .map_err(|e| Error::transport(format!("could not build the request: {e}"), RequestSent::No))?;
    let response = built
        .send()
        .await
        .map_err(|e| Error::transport(format!("fetch failed: {e}"), RequestSent::Maybe))?;
    let status = response.status();
    let headers: Vec<(String, String)> = response.headers().entries().collect();
    let body = match response.body() {
        Some(stream) => capped_body(stream).await?,
        None => Vec::new(),
    };
    Ok(HttpResponse::new(status, headers, body))
}

/// Reads a body up to [`MAX_RESPONSE_BYTES`] + 1 bytes and stops there (the core refuses anything
/// longer), as every transport must: a huge answer is never held whole.
async fn capped_body(stream: web_sys::ReadableStream) -> Result<Vec<u8>, Error> {
    let unreadable =
        |_| Error::transport("the answer's body could not be read", RequestSent::Maybe);
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut body = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(unreadable)?;
        let done = js_sys::Reflect::get(&chunk, &"done".into()).map_err(unreadable)?;
        if done.is_truthy() {
            return Ok(body);
        }
        let value = js_sys::Reflect::get(&chunk, &"value".into()).map_err(unreadable)?;
        let bytes: js_sys::Uint8Array = value.unchecked_into();
        let room = (MAX_RESPONSE_BYTES + 1).saturating_sub(body.len());
        let take = (bytes.length() as usize).min(room);
        let start = body.len();
        body.resize(start + take, 0);
        if let Some(slot) = body.get_mut(start..) {
            bytes.subarray(0, take as u32).copy_to(slot);
        }
        if body.len() > MAX_RESPONSE_BYTES {
            let _ = reader.cancel();
            return Ok(body);
        }
    }
}

/// A request body as the `Uint8Array` fetch takes.
fn js_sys_bytes(body: &[u8]) -> wasm_bindgen::JsValue {
    js_sys::Uint8Array::from(body).into()
}

/// The fetch method for a vpskit method.
fn fetch_method(method: Method) -> FetchMethod {
    match method {
        Method::Get => FetchMethod::GET,
        Method::Post => FetchMethod::POST,
        Method::Put => FetchMethod::PUT,
        Method::Patch => FetchMethod::PATCH,
        Method::Delete => FetchMethod::DELETE,
    }
}

/// Whole milliseconds for a timer (at least 1, at most what `setTimeout` takes).
fn millis(duration: Duration) -> u32 {
    u32::try_from(duration.as_millis())
        .unwrap_or(u32::MAX)
        .clamp(1, i32::MAX as u32)
}

/// Aborts the fetch it signals when dropped: a cancelled or timed-out call aborts its request.
struct AbortOnDrop(AbortController);

impl AbortOnDrop {
    fn new() -> Result<Self, Error> {
        AbortController::new().map(AbortOnDrop).map_err(|_| {
            Error::transport(
                "this platform has no AbortController (fetch needs one)",
                RequestSent::No,
            )
        })
    }
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// The first of two futures to finish: `Some` of the work's output, or `None` when the timer
/// fired first.
async fn first<W: Future, T: Future>(
    mut work: std::pin::Pin<&mut W>,
    mut timer: std::pin::Pin<&mut T>,
) -> Option<W::Output> {
    poll_fn(|cx| {
        if let Poll::Ready(output) = work.as_mut().poll(cx) {
            return Poll::Ready(Some(output));
        }
        match timer.as_mut().poll(cx) {
            Poll::Ready(_) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    })
    .await
}
