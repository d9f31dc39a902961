//! The mock gateway's throughput on loopback (issue 7): a small keep-alive HTTP/1.1 load generator,
//! bounded in time, in the spirit of `wrk -c C -d D`. Each connection sends `GET /api/v1/servers`
//! with a valid key, reads the whole answer (by `Content-Length`), checks it is a 200, and sends the
//! next. Prints the rate and writes it as JSON for `scripts/bench_report.py`.
//!
//! ```text
//! cargo bench -p vpskit-mock --bench throughput -- [--seconds 10] [--connections 32] [--path /api/v1/servers] [--out result.json]
//! ```
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use vpskit_mock::{fleet, MockServer, Settings};

/// The allocator the `vpskit-mock` binary uses (the mock runs in this process).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

/// One keep-alive connection: request, read the full response, repeat until `stop`.
async fn connection(
    addr: std::net::SocketAddr,
    path: Arc<str>,
    stop: Arc<AtomicBool>,
    done: Arc<AtomicU64>,
) {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.set_nodelay(true).expect("nodelay");
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {}\r\nAccept: application/json\r\n\r\n",
        fleet::SAMPLE_KEY
    );
    let mut buffer = Vec::with_capacity(64 * 1024);
    let mut chunk = vec![0u8; 64 * 1024];
    while !stop.load(Ordering::Relaxed) {
        stream.write_all(request.as_bytes()).await.expect("write");
        buffer.clear();
        let (head_end, length) = loop {
            let n = stream.read(&mut chunk).await.expect("read");
            assert!(n > 0, "the mock closed the connection");
            buffer.extend_from_slice(&chunk[..n]);
            if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = std::str::from_utf8(&buffer[..end]).expect("ascii head");
                assert!(
                    head.starts_with("HTTP/1.1 200"),
                    "unexpected answer: {head}"
                );
                let length = head
                    .lines()
                    .find_map(|l| {
                        let (name, value) = l.split_once(':')?;
                        name.eq_ignore_ascii_case("content-length")
                            .then(|| value.trim().parse::<usize>().ok())
                            .flatten()
                    })
                    .expect("content-length");
                break (end + 4, length);
            }
        };
        while buffer.len() < head_end + length {
            let n = stream.read(&mut chunk).await.expect("read body");
            assert!(n > 0, "the mock closed the connection mid-body");
            buffer.extend_from_slice(&chunk[..n]);
        }
        done.fetch_add(1, Ordering::Relaxed);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seconds: f64 = arg(&args, "--seconds").map_or(10.0, |s| s.parse().expect("--seconds"));
    let connections: usize =
        arg(&args, "--connections").map_or(32, |s| s.parse().expect("--connections"));
    let path: Arc<str> = arg(&args, "--path")
        .unwrap_or_else(|| "/api/v1/servers".to_string())
        .into();
    let mock = MockServer::start(Settings::default()).expect("start the mock");
    let addr = mock.addr();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicU64::new(0));
    let elapsed = runtime.block_on(async {
        let tasks: Vec<_> = (0..connections)
            .map(|_| tokio::spawn(connection(addr, path.clone(), stop.clone(), done.clone())))
            .collect();
        // Warm up one second, then count.
        tokio::time::sleep(Duration::from_secs_f64(seconds.min(1.0))).await;
        let start_count = done.load(Ordering::Relaxed);
        let start = Instant::now();
        tokio::time::sleep(Duration::from_secs_f64(seconds)).await;
        let counted = done.load(Ordering::Relaxed) - start_count;
        let elapsed = start.elapsed();
        stop.store(true, Ordering::Relaxed);
        for task in tasks {
            task.await.expect("connection task");
        }
        (counted, elapsed)
    });
    let (counted, elapsed) = elapsed;
    let rate = counted as f64 / elapsed.as_secs_f64();
    println!(
        "mock throughput: {rate:.0} requests/s (GET {path}, {connections} keep-alive connections, {:.1} s, {counted} requests)",
        elapsed.as_secs_f64()
    );
    if let Some(out) = arg(&args, "--out") {
        let json = serde_json::json!({
            "host": "mock",
            "figures": [{
                "id": "mock_throughput",
                "figure": format!("Mock gateway throughput on loopback (GET {path}, keep-alive)"),
                "baseline": null,
                "unit": "req/s",
                "value": rate,
                "connections": connections,
                "seconds": elapsed.as_secs_f64(),
                "target": ">= 20,000 req/s",
                "met": rate >= 20_000.0,
            }],
        });
        std::fs::write(out, serde_json::to_string_pretty(&json).expect("json"))
            .expect("write --out");
    }
}
