//! `vpskit-mock --listen 127.0.0.1:0 [--faithserver-key KEY] [--vpsorg-token TOKEN]`
//!
//! Prints `listening on http://127.0.0.1:PORT` as its first line, then the credentials it accepts,
//! then serves until killed.

use std::io::Write;

use vpskit_mock::{fleet, Settings};

/// mimalloc: the server's worker threads allocate per request (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn usage() -> ! {
    eprintln!("usage: vpskit-mock [--listen ADDR] [--faithserver-key KEY] [--vpsorg-token TOKEN]");
    std::process::exit(2)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> std::io::Result<()> {
    let mut listen = "127.0.0.1:0".to_string();
    let mut settings = Settings::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match arg.as_str() {
            "--listen" => listen = value(),
            "--faithserver-key" => settings.faithserver_key = value(),
            "--vpsorg-token" => settings.vpsorg_token = value(),
            "-h" | "--help" => usage(),
            _ => usage(),
        }
    }
    let listener = tokio::net::TcpListener::bind(&listen).await?;
    let addr = listener.local_addr()?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "listening on http://{addr}")?;
    writeln!(out, "base URL (both APIs): http://{addr}/api/v1")?;
    writeln!(out, "FaithServer key: {}", settings.faithserver_key)?;
    writeln!(out, "VPS.org token: {}", settings.vpsorg_token)?;
    writeln!(
        out,
        "other sample credentials: revoked {}, IP-whitelisted {}, other account {}, tokens {} (seed permissions), {} (expiring), {} (expired)",
        fleet::REVOKED_KEY, fleet::WHITELISTED_KEY, fleet::OTHER_ACCOUNT_KEY, fleet::DEPLOY_TOKEN, fleet::EXPIRING_TOKEN, fleet::EXPIRED_TOKEN
    )?;
    out.flush()?;
    drop(out);
    vpskit_mock::serve(listener, settings).await
}
