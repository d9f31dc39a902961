//! The house rules of `src/` (ARCHITECTURE.md), checked on the source text: each top-level module
//! is a room; no two rooms import each other, directly or round a loop; `src/` stays small
//! enough to walk. The JSON path is its own crate (`json/`, `vpskit-json`), so the compiler keeps
//! it from the domain: it cannot name `vpskit`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// The room of a file: its top-level module under `src/` (`lib` for `lib.rs`).
fn room_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap();
    let first = relative
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// The rooms a file's code names through `crate::` (in `use` lines and paths alike), outside
/// its tests and doc comments.
fn rooms_named(text: &str) -> BTreeSet<String> {
    let code = match text.find("#[cfg(test)]") {
        Some(at) => &text[..at],
        None => text,
    };
    let mut rooms = BTreeSet::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `$crate::` in a macro names the invoking crate too. An item re-exported at the
            // root (`crate::Error`) would hide its room: it is named here and refused below.
            if !name.is_empty() {
                rooms.insert(name);
            }
            rest = after;
        }
    }
    rooms
}

/// Which room names which (lib.rs, the front door, re-exports every room and is left out).
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in sources(&src) {
        let room = room_of(&src, &file);
        if room == "lib" {
            continue;
        }
        let named = rooms_named(&fs::read_to_string(&file).unwrap());
        let entry = edges.entry(room.clone()).or_default();
        entry.extend(named.into_iter().filter(|r| *r != room));
    }
    edges
}

#[test]
fn rooms_import_each_other_in_one_direction_only() {
    let edges = graph();
    // Depth-first search for a loop, reporting it room by room.
    fn visit(
        room: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if let Some(at) = path.iter().position(|r| r == room) {
            let mut cycle = path[at..].to_vec();
            cycle.push(room.to_string());
            panic!("import cycle: {}", cycle.join(" -> "));
        }
        if done.contains(room) {
            return;
        }
        path.push(room.to_string());
        for next in edges.get(room).into_iter().flatten() {
            visit(next, edges, path, done);
        }
        path.pop();
        done.insert(room.to_string());
    }
    let mut done = BTreeSet::new();
    for room in edges.keys() {
        visit(room, &edges, &mut Vec::new(), &mut done);
    }
}

#[test]
fn rooms_name_rooms_not_the_front_doors_re_exports() {
    let edges = graph();
    let rooms: BTreeSet<&String> = edges.keys().collect();
    for (room, named) in &edges {
        for name in named {
            assert!(
                rooms.contains(name),
                "{room} names crate::{name}: name the room it lives in, not lib.rs's re-export"
            );
        }
    }
}

#[test]
fn src_stays_small_enough_to_walk() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (mut flow, mut rest) = (0, 0);
    for file in sources(&src) {
        let lines = fs::read_to_string(&file).unwrap().lines().count();
        if file.starts_with(src.join("flow")) {
            flow += lines;
        } else {
            rest += lines;
        }
    }
    // Ratchets, each may only go down. Issue 18 aimed at about 9,000 lines for `src/` (its
    // "Done when"; ARCHITECTURE.md), first read here as `src/` outside `flow/`. The flow (issue 19: steps, retries, preflight,
    // cancellation, job waits, events) has its own budget, so a feature's lines are counted
    // where they live and never hide a stacked path elsewhere.
    // 9,350 → 9,750 for the clients' shared limits and bulk runs (client/pace.rs, bulk.rs), the
    // keyless configuration behind a proxy (`Config::through_proxy`, `Config::of`) and the async
    // client (client/asynchronous.rs), net of the two clients' builders written once.
    // 9,750 → 9,900 when Kotlin and Swift moved onto the async client: it gained the blocking
    // clients' limits (an async place in flight: client/pace.rs), events, rate-limit state,
    // several-job waits and bulk runs (client/asynchronous.rs), sharing their `Engine`.
    // 9,900 → 9,910 for each model's and member's documentation in the schema (`Model::summary`,
    // `Field::doc`), so the hosts' generated declarations carry the core's docs.
    // 9,910 → 9,830 when every host's per-operation code came from the operation table (the
    // blocking clients' methods expanded from it, a test on its paths moved to tests/), net of
    // the table's rows as data (`schema::operations`), and `model!` declared the three results
    // read by hand (their fields were written three times: struct, writer, schema), and
    // `call_args!` gave each argument struct its Service ID (six hand copies went).
    // 9,830 → 7,565 when the JSON path became its own crate, `vpskit-json` (json/, counted below),
    // so that the compiler, not this file, keeps it apart from the domain: moved, not cut (the
    // issue offered the crate). 7,565 → 7,519 when the marked writing of raw JSON moved there
    // too (secret.rs keeps the rule; the writer's internals became private). 7,519 → 7,526 for
    // `#[non_exhaustive]` on the schema's five structs and the module doc saying why.
    assert!(rest <= 7_526, "src/ outside flow/ has {rest} lines");
    // 1,300 → 1,520 for waiting for several jobs on one schedule (flow/jobs_flow.rs) and the one
    // driver type every binding holds (flow/any_flow.rs: three copies of its dispatch went).
    assert!(flow <= 1_520, "src/flow/ has {flow} lines");
    // `src/` as a whole, the aim read as the "Done when" words it: about 9,000. With json/src/
    // the core is about 11,400 lines.
    assert!(rest + flow <= 9_046, "src/ has {} lines", rest + flow);
}

#[test]
fn the_json_crate_stays_its_own_size() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("json/src");
    let lines: usize = sources(&src)
        .iter()
        .map(|file| fs::read_to_string(file).unwrap().lines().count())
        .sum();
    // The reader (kept for the `.wasm` budget and fuzzed), typed reads with paths, the writer.
    // 2,291 → 2,361 with the marked writing of raw JSON (from secret.rs, the rule left there).
    // 2,361 → 2,347 when `JsonWriter::value` became the marked walk with a rule naming nothing
    // (its own array and object loops were twins of the marked ones).
    assert!(lines <= 2_347, "json/src/ has {lines} lines");
}
