//! An offline walk through the vpskit core: build requests, parse the documented answers,
//! check capabilities, and see that secrets stay hidden. No network is used.
//!
//! Run with `cargo run --example walkthrough`.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // a demo: the errors shown are expected ones

use vpskit::faithserver::{self, check, Action, ReinstallRequest, Server};
use vpskit::vpsorg::{self, Timestamp};
use vpskit::{Config, Error, HttpResponse, ServiceId};

fn answer(status: u16, body: &str) -> HttpResponse {
    HttpResponse::new(
        status,
        vec![("Content-Type".into(), "application/json".into())],
        body.as_bytes().to_vec(),
    )
}

fn main() -> Result<(), Error> {
    let config = Config::faithserver("fs_live_DEMO_KEY_NOT_REAL")?;
    println!(
        "vpskit {} — sans-IO walkthrough (no network)\n",
        vpskit::VERSION
    );

    let list = faithserver::list_servers();
    println!("1. list_servers builds: {:?}\n", list.request(&config)?);
    let fleet = list.parse(&answer(200, r#"{"success":true,"data":[
        {"id":"fsrv_111","name":"VPS AMD 1","region":"US-LA","product":"Premium VPS Multi-region","status":"active","allowed_actions":["status","start","stop","reboot","reinstall","console"]},
        {"id":"fsrv_158","name":"VPS-B1","region":"US","product":"Budget VPS","status":"active","allowed_actions":["status","start","stop","reboot","reinstall","reset-password"]},
        {"id":"fsrv_220","name":"DS-1","region":"US","product":"Flexible Dedicated Server","status":"active","allowed_actions":["status","reboot","wol"]}]}"#))?;
    println!("2. the fleet:");
    println!(
        "   {:<10} {:<12} {:<7} {:<27} allowed_actions",
        "id", "name", "region", "product"
    );
    for s in &fleet {
        println!(
            "   {:<10} {:<12} {:<7} {:<27} {}",
            s.id,
            s.name.as_deref().unwrap_or("-"),
            s.region.as_deref().unwrap_or("-"),
            s.product.as_str(),
            s.allowed_actions
                .iter()
                .map(|a| a.as_str())
                .collect::<Vec<_>>()
                .join(",")
        );
    }

    println!("\n3. what each server can do, and why not:");
    for s in &fleet {
        for action in [
            Action::Console,
            Action::Stop,
            Action::Wol,
            Action::ResetPassword,
        ] {
            let verdict = check(s, &action);
            let mark = if verdict.allowed { "yes" } else { "no " };
            println!(
                "   {} {:<15} {mark}  {}",
                s.id,
                action.as_str(),
                verdict.reason()
            );
        }
    }

    let budget: &Server = fleet
        .iter()
        .find(|s| s.id == "fsrv_158")
        .ok_or_else(|| Error::validation("no fsrv_158"))?;
    let wrong = ReinstallRequest::image("UBUNTU_24_04_64BIT")?;
    println!(
        "\n4. reinstall {} with an image id: {}",
        budget.id,
        wrong.check_product(&budget.product).unwrap_err()
    );
    let right = ReinstallRequest::os_template("1109", "PasswordKuat123!")?;
    let request =
        faithserver::reinstall(&ServiceId::parse("fsrv_158")?, &right).request(&config)?;
    println!("   with an OS template: {request:?}");

    let console = faithserver::get_console(&ServiceId::parse("fsrv_111")?).parse(&answer(200, r#"{"success":true,
        "message":"Console request processed.","server_id":"fsrv_111","action":"console","provider_status_code":200,
        "provider_response":{"url":"https://example-console-url/noVNC/vnc.html?autoconnect=true&token=temporary_token_here",
        "note":"Open this URL in browser to access console."}}"#))?;
    println!("\n5. console session, printed: {console:?}");
    println!(
        "   the URL only through expose(): {} characters",
        console.url.expose().len()
    );

    let err = faithserver::get_console(&ServiceId::parse("fsrv_158")?)
        .parse(&answer(
            400,
            r#"{"success":false,"message":"Console endpoint is not available for Budget VPS."}"#,
        ))
        .unwrap_err();
    println!(
        "\n6. a documented error: kind={} code={:?} -> {err}",
        err.kind(),
        err.code()
    );
    let html = HttpResponse::new(
        502,
        vec![("Content-Type".into(), "text/html".into())],
        b"<!DOCTYPE html><h1>502 Bad Gateway</h1>".to_vec(),
    );
    println!(
        "   an HTML page from a proxy: {}",
        faithserver::list_servers().parse(&html).unwrap_err()
    );

    let me = vpsorg::get_account().parse(&answer(200, r#"{"account":{"email":"john@example.com","first_name":"John",
        "last_name":"Doe","company_name":"Acme Inc.","created_at":"2024-06-15"},"token":{"name":"Production Deploy Key",
        "permissions":["servers:list","servers:create","servers:power","dns:*"],"created_at":"2025-01-10T14:30:00Z",
        "last_used_at":"2025-02-11T08:45:12Z","expires_at":"2025-02-15T00:00:00Z","is_expired":false}}"#))?;
    let now = Timestamp::parse("2025-02-11T09:00:00Z")?;
    println!(
        "\n7. VPS.org token {:?} of {}:",
        me.token.name, me.account.email
    );
    for wanted in ["servers:create", "servers:delete", "dns:update"] {
        println!(
            "   {wanted:<15} {}",
            if me.token.permissions.allows(wanted)? {
                "allowed"
            } else {
                "not allowed"
            }
        );
    }
    println!(
        "   expires within 7 days of {now}: {}",
        me.token.expires_within(7, now)?
    );
    Ok(())
}
