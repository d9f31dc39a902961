//! Core figures, each next to its baseline measured in the same run: `list_servers` build and
//! parse (1, 100, 10,000 servers) against `serde_json::from_slice` into plain structs; the same on
//! the realistic 1,000-server body of `benches/bodies.py` (members vpskit does not model, escaped
//! and non-ASCII text) against plain structs that keep the other members in a map; the capability
//! check of every action over a 10,000-server fleet.
#![allow(clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use serde::Deserialize;
use vpskit::faithserver::{self, check, Action, Server};
use vpskit::{Config, HttpResponse};

/// The baseline: the same JSON into plain structs, by hand.
#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainBody {
    success: bool,
    data: Vec<PlainServer>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainServer {
    id: String,
    name: Option<String>,
    region: Option<String>,
    product: String,
    status: Option<String>,
    allowed_actions: Vec<String>,
}

/// The realistic baseline: the same plain structs, every other member kept in a map (a client that
/// dropped them would do less work than vpskit, which keeps them).
#[derive(Deserialize)]
#[allow(dead_code)]
struct ExtraBody {
    success: bool,
    data: Vec<ExtraServer>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct ExtraServer {
    id: String,
    name: Option<String>,
    region: Option<String>,
    product: String,
    status: Option<String>,
    allowed_actions: Vec<String>,
    #[serde(flatten)]
    extra: std::collections::BTreeMap<String, serde_json::Value>,
}

/// The body `benches/bodies.py` wrote as `NAME-1000.json` into `VPSKIT_BENCH_BODIES` (by
/// default `target/bench-bodies`, written there first when missing).
fn body_file(name: &str) -> Vec<u8> {
    let dir = std::env::var("VPSKIT_BENCH_BODIES").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/target/bench-bodies").to_string()
    });
    let path = std::path::Path::new(&dir).join(format!("{name}-1000.json"));
    if !path.exists() {
        let status = std::process::Command::new("python3")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/benches/bodies.py"))
            .arg(&dir)
            .status()
            .expect("python3 benches/bodies.py");
        assert!(status.success(), "benches/bodies.py failed");
    }
    std::fs::read(&path).expect("bench body")
}

fn body(n: usize) -> Vec<u8> {
    let products = [
        "Premium VPS Multi-region",
        "Budget VPS",
        "Flexible Dedicated Server",
    ];
    let servers: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            serde_json::json!({"id": format!("fsrv_{i}"), "name": format!("server {i}"), "region": "US-LA",
                "product": products[i % 3], "status": "active",
                "allowed_actions": ["status", "start", "stop", "reboot", "reinstall", "console"]})
        })
        .collect();
    serde_json::to_vec(&serde_json::json!({"success": true, "data": servers})).expect("json")
}

fn list_servers(c: &mut Criterion) {
    let mut group = c.benchmark_group("list_servers");
    for n in [1usize, 100, 10_000] {
        let bytes = body(n);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("baseline_serde_plain_structs", n),
            &bytes,
            |b, bytes| {
                b.iter(|| black_box(serde_json::from_slice::<PlainBody>(bytes).expect("parse")))
            },
        );
        let response = HttpResponse::new(200, vec![], bytes.clone());
        let op = faithserver::list_servers();
        group.bench_with_input(
            BenchmarkId::new("vpskit_parse", n),
            &response,
            |b, response| b.iter(|| black_box(op.parse(response).expect("parse"))),
        );
        build_and_parse(&mut group, n, &response);
    }
    group.finish();
}

/// vpskit's side: the request built, then the response parsed, as a client does per call.
fn build_and_parse(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    n: usize,
    response: &HttpResponse,
) {
    let config = Config::faithserver("fs_live_bench_key").expect("config");
    group.bench_with_input(
        BenchmarkId::new("vpskit_build_and_parse", n),
        response,
        |b, response| {
            b.iter(|| {
                let op = faithserver::list_servers();
                black_box(op.request(&config).expect("request"));
                black_box(op.parse(response).expect("parse"))
            })
        },
    );
}

fn list_servers_realistic(c: &mut Criterion) {
    let mut group = c.benchmark_group("list_servers_realistic");
    let bytes = body_file("realistic");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_with_input(
        BenchmarkId::new("baseline_serde_plain_structs_extra_map", 1000),
        &bytes,
        |b, bytes| b.iter(|| black_box(serde_json::from_slice::<ExtraBody>(bytes).expect("parse"))),
    );
    let response = HttpResponse::new(200, vec![], bytes.clone());
    build_and_parse(&mut group, 1000, &response);
    group.finish();
}

fn request_build(c: &mut Criterion) {
    let config = Config::faithserver("fs_live_bench_key").expect("config");
    c.bench_function("request_build_list_servers", |b| {
        b.iter(|| {
            black_box(
                faithserver::list_servers()
                    .request(&config)
                    .expect("request"),
            )
        })
    });
}

fn capability_check(c: &mut Criterion) {
    let fleet: Vec<Server> = faithserver::list_servers()
        .parse(&HttpResponse::new(200, vec![], body(10_000)))
        .expect("fleet");
    let actions: Vec<Action> = Action::KNOWN.to_vec();
    c.bench_function("check_every_action_10000_servers", |b| {
        b.iter(|| {
            let mut allowed = 0usize;
            for server in &fleet {
                for action in &actions {
                    allowed += usize::from(check(server, action).allowed);
                }
            }
            black_box(allowed)
        })
    });
}

criterion_group!(
    benches,
    list_servers,
    list_servers_realistic,
    request_build,
    capability_check
);
criterion_main!(benches);
