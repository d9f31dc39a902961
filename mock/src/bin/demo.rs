//! `vpskit-demo`: a guided tour of vpskit on the mock gateway it starts itself.
//!
//! `vpskit-demo --real` instead runs only read-only calls against the real APIs, with the keys in
//! `FAITHSERVER_API_KEY` and/or `VPSORG_API_TOKEN`.

use std::time::Duration;

use vpskit::faithserver::{check, Action, ReinstallRequest, Server};
use vpskit::vpsorg::Timestamp;
use vpskit::{Config, Error, FaithServerClient, JobWaiter, UreqTransport, VpsOrgClient};
use vpskit_mock::{fleet, MockServer, Settings};

/// The mock's allocator (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let real = std::env::args().any(|a| a == "--real");
    let outcome = if real { real_apis() } else { tour() };
    if let Err(err) = outcome {
        eprintln!("demo failed: {err}");
        std::process::exit(1);
    }
}

fn heading(n: u32, title: &str) {
    println!("\n{n}. {title}\n{}", "-".repeat(title.len() + 3));
}

fn table(servers: &[Server]) {
    println!(
        "   {:<9} {:<13} {:<7} {:<26} allowed_actions",
        "id", "name", "region", "product"
    );
    for s in servers {
        println!(
            "   {:<9} {:<13} {:<7} {:<26} {}",
            s.id,
            s.name.as_deref().unwrap_or("-"),
            s.region.as_deref().unwrap_or("-"),
            s.product.as_str(),
            s.allowed_actions
                .iter()
                .map(|a| a.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
}

fn tour() -> Result<(), Error> {
    let io = |e: std::io::Error| {
        Error::transport(
            format!("could not start the mock: {e}"),
            vpskit::RequestSent::No,
        )
    };
    let mock = MockServer::start(Settings::default()).map_err(io)?;
    println!(
        "vpskit {} demo on the mock gateway at {}",
        vpskit::VERSION,
        mock.base_url()
    );
    println!("(the mock's sample key and token are used; nothing leaves this machine)");

    let transport = UreqTransport::with_timeout(Duration::from_secs(10));
    let config = Config::faithserver(fleet::SAMPLE_KEY)?
        .with_base_url(mock.base_url())?
        .with_user_agent_host("demo");
    let client = FaithServerClient::new(config, transport.clone());

    heading(1, "The fleet");
    let fleet = client.list_servers()?;
    table(&fleet);

    heading(2, "What each server can and cannot do, and why");
    for s in &fleet {
        for action in [
            Action::Console,
            Action::Stop,
            Action::Wol,
            Action::Rescue,
            Action::Traffic,
        ] {
            let verdict = check(s, &action);
            println!(
                "   {:<9} {:<8} {}  {}",
                s.id,
                action.as_str(),
                if verdict.allowed { "yes" } else { "no " },
                verdict.reason()
            );
        }
    }

    heading(3, "A reboot");
    let reboot = client.reboot("fsrv_158")?;
    println!(
        "   {} -> {}",
        reboot.server_id.as_deref().unwrap_or("?"),
        reboot.message.as_deref().unwrap_or("")
    );
    if let Some(out) = reboot.budget_output() {
        println!(
            "   backend: status {:?}, {:?}, took {}s",
            out.status,
            out.message.unwrap_or_default(),
            out.time_taken.unwrap_or_default()
        );
    }
    match client.stop("fsrv_220") {
        Err(err) => println!("   stop fsrv_220 refused before sending: {err}"),
        Ok(_) => println!("   stop fsrv_220 unexpectedly accepted"),
    }

    heading(4, "A console URL, which is a secret");
    let console = client.get_console("fsrv_111")?;
    println!("   printed: {console:?}");
    println!(
        "   url via expose(): {}… ({} characters; open it in a browser)",
        console.url.expose().chars().take(28).collect::<String>(),
        console.url.expose().len()
    );
    match client.get_console("fsrv_158") {
        Err(err) => println!("   console on the Budget VPS: {err}"),
        Ok(_) => println!("   console on the Budget VPS unexpectedly worked"),
    }

    heading(5, "Rescue mode (takes effect at the next reboot)");
    client.enable_rescue("fsrv_111")?;
    let pending = client.get_rescue_status("fsrv_111")?;
    println!(
        "   after enable: enabled={:?} pending_reboot={:?}",
        pending.enabled, pending.pending_reboot
    );
    client.reboot("fsrv_111")?;
    let applied = client.get_rescue_status("fsrv_111")?;
    println!(
        "   after reboot: enabled={:?} pending_reboot={:?}",
        applied.enabled, applied.pending_reboot
    );
    client.disable_rescue("fsrv_111")?;
    client.reboot("fsrv_111")?;
    println!("   disabled again and rebooted");

    heading(
        6,
        "A reinstall: the wrong shape is refused, the right one runs as a job",
    );
    let wrong = ReinstallRequest::image("UBUNTU_24_04_64BIT")?;
    match client.reinstall("fsrv_158", &wrong) {
        Err(err) => println!("   with an image id: {err}"),
        Ok(_) => println!("   with an image id: unexpectedly accepted"),
    }
    let templates = client.list_images("fsrv_158")?;
    let names: Vec<String> = templates
        .images
        .iter()
        .map(|i| format!("{} {}", i.id, i.name.as_deref().unwrap_or("")))
        .collect();
    println!("   OS templates: {}", names.join(", "));
    let ubuntu = templates
        .images
        .first()
        .map(|i| i.id.clone())
        .unwrap_or_else(|| "1109".into());
    let started = client.reinstall(
        "fsrv_158",
        &ReinstallRequest::os_template(&ubuntu, "PasswordKuat123!")?,
    )?;
    let job_id = started.job_id.clone().unwrap_or_default();
    println!(
        "   with OS template {ubuntu}: {} (job {job_id})",
        started.message.as_deref().unwrap_or("")
    );
    let waiter = JobWaiter {
        initial_interval_ms: 200,
        max_interval_ms: 1_000,
        ..JobWaiter::new(30_000)
    };
    let job = client.wait_for_job(&job_id, &waiter)?;
    println!(
        "   job {} finished: {}",
        job.id,
        job.status.map(|s| s.to_string()).unwrap_or_default()
    );
    let log = client.list_server_actions("fsrv_158")?;
    if let Some(entry) = log
        .iter()
        .rev()
        .find(|e| e.action.as_deref() == Some("reinstall"))
    {
        println!(
            "   action log (the gateway masks the password): {}",
            entry
                .extra
                .get("request")
                .map(|r| r.to_string())
                .unwrap_or_default()
        );
    }

    heading(7, "The VPS.org token: permissions and expiry");
    let now = Timestamp::from_unix_seconds(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0),
    );
    for token in [
        fleet::DEPLOY_TOKEN,
        fleet::EXPIRING_TOKEN,
        fleet::EXPIRED_TOKEN,
    ] {
        let config = Config::vpsorg(token)?.with_base_url(mock.base_url())?;
        match VpsOrgClient::new(config, transport.clone()).get_account() {
            Ok(me) => {
                println!("   token {:?} of {}", me.token.name, me.account.email);
                for wanted in ["servers:create", "servers:delete", "dns:update"] {
                    println!(
                        "     {wanted:<15} {}",
                        if me.token.permissions.allows(wanted)? {
                            "allowed"
                        } else {
                            "not allowed"
                        }
                    );
                }
                match me.token.days_left(now)? {
                    None => println!("     never expires"),
                    Some(days) if me.token.expires_within(7, now)? => {
                        println!("     WARNING: expires within 7 days ({days} days left)")
                    }
                    Some(days) => println!("     expires in {days} days"),
                }
            }
            Err(err) => println!("   another token: {err}"),
        }
    }
    println!(
        "\nDone. Everything above ran against the mock; run with --real to read your own account."
    );
    Ok(())
}

fn real_apis() -> Result<(), Error> {
    let transport = UreqTransport::new();
    let key = std::env::var(vpskit::FAITHSERVER_KEY_ENV).ok();
    let token = std::env::var(vpskit::VPSORG_TOKEN_ENV).ok();
    if key.is_none() && token.is_none() {
        return Err(Error::validation(format!(
            "--real needs {} and/or {} in the environment",
            vpskit::FAITHSERVER_KEY_ENV,
            vpskit::VPSORG_TOKEN_ENV
        )));
    }
    println!(
        "vpskit {} demo, read-only, against the real APIs",
        vpskit::VERSION
    );
    if let Some(key) = key {
        let client = FaithServerClient::new(Config::faithserver(key)?, transport.clone());
        let servers = client.list_servers()?;
        table(&servers);
        for s in &servers {
            for action in [Action::Reboot, Action::Console, Action::Reinstall] {
                let verdict = check(s, &action);
                println!(
                    "   {:<9} {:<9} {}  {}",
                    s.id,
                    action.as_str(),
                    if verdict.allowed { "yes" } else { "no " },
                    verdict.reason()
                );
            }
        }
    }
    if let Some(token) = token {
        let me = VpsOrgClient::new(Config::vpsorg(token)?, transport).get_account()?;
        println!(
            "VPS.org token {:?} of {}: {}",
            me.token.name,
            me.account.email,
            me.token.permissions.to_strings().join(", ")
        );
    }
    Ok(())
}
