//! # vpskit-mock
//!
//! A mock of the FaithServer Gateway API and the VPS.org account API on loopback, with state
//! (power, rescue, jobs, logs), the documented errors, fault injection and a request log, so that
//! vpskit's demo and every host's end-to-end tests run without a real account.
//!
//! ```no_run
//! let mock = vpskit_mock::MockServer::start(Default::default())?;
//! println!("{}", mock.base_url()); // http://127.0.0.1:PORT/api/v1
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! Admin surface (never reachable with an `Authorization` header):
//!
//! | request | effect |
//! |---|---|
//! | `POST /__mock/reset` | back to the sample state |
//! | `POST /__mock/faults` `{"kind": …, "count": N, "path_prefix": "/servers", "method": "GET"}` | queue a fault for the next N matching API requests; kinds: `rate_limit` (`retry_after` seconds), `status` (`status`), `html` (502 page), `slow` (`delay_ms`), `drop` (no answer), `truncate` (a cut JSON body), `redirect` (302 to another host, `location`) |
//! | `GET`/`DELETE /__mock/faults` | list / clear queued faults |
//! | `GET`/`DELETE /__mock/requests` | the request log: method, path, masked query, whether a body and a key travelled — never a key's value |

mod faithserver;
pub mod fleet;
mod server;
mod state;
mod vpsorg;

use std::net::SocketAddr;

pub use faithserver::Reply;
pub use server::{router, AppState};
pub use state::{Fault, QueuedFault, RequestRecord, Settings, World};

/// Serves the mock on `listener` until the future is dropped.
pub async fn serve(listener: tokio::net::TcpListener, settings: Settings) -> std::io::Result<()> {
    let app = router(AppState::new(World::new(settings)));
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .await
}

/// A mock running on its own thread, for tests and the demo. Stops when dropped.
pub struct MockServer {
    addr: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl MockServer {
    /// Starts the mock on `127.0.0.1` with a free port.
    pub fn start(settings: Settings) -> std::io::Result<MockServer> {
        MockServer::start_on("127.0.0.1:0", settings)
    }

    /// Starts the mock on `listen` (`127.0.0.1:0` for a free port).
    pub fn start_on(listen: &str, settings: Settings) -> std::io::Result<MockServer> {
        let std_listener = std::net::TcpListener::bind(listen)?;
        std_listener.set_nonblocking(true)?;
        let addr = std_listener.local_addr()?;
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let thread = std::thread::Builder::new()
            .name("vpskit-mock".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(std_listener) else {
                        return;
                    };
                    let app = router(AppState::new(World::new(settings)));
                    let server = axum::serve(
                        listener,
                        app.into_make_service_with_connect_info::<SocketAddr>(),
                    )
                    .with_graceful_shutdown(async {
                        let _ = rx.await;
                    });
                    let _ = server.await;
                });
            })?;
        Ok(MockServer {
            addr,
            shutdown: Some(tx),
            thread: Some(thread),
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://127.0.0.1:PORT/api/v1`: the base URL of both APIs.
    pub fn base_url(&self) -> String {
        format!("http://{}/api/v1", self.addr)
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
