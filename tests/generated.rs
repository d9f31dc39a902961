//! The hosts' declarations of the models, enums and operations are generated from the core's own
//! (`vpskit::schema`, written by `model!` and `open_enum!`): each test renders one block and
//! fails when the checked-in file holds another. Regenerate with
//! `VPSKIT_REGENERATE=1 cargo test --test generated -- --test-threads=1` (one thread: several tests
//! rewrite blocks of the same file).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::Path;

use vpskit::schema::{self, Kind};
use vpskit::KeyCase;

/// Replaces the block between `start` and `end` in `path` with `block`, or checks it is there.
fn check_block(path: &str, start: &str, end: &str, block: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let text = fs::read_to_string(&path).unwrap();
    let from = text.find(start).expect("start marker") + start.len();
    let to = from + text[from..].find(end).expect("end marker");
    let current = &text[from..to];
    let wanted = format!("\n{block}");
    if current == wanted {
        return;
    }
    if std::env::var_os("VPSKIT_REGENERATE").is_some() {
        fs::write(&path, format!("{}{wanted}{}", &text[..from], &text[to..])).unwrap();
    } else {
        panic!(
            "{} drifted from the core's declarations: run `VPSKIT_REGENERATE=1 cargo test --test generated -- --test-threads=1`\n--- wanted ---\n{wanted}",
            path.display()
        );
    }
}

fn typescript(kind: &Kind) -> String {
    match kind {
        Kind::Text => "string".into(),
        Kind::Integer | Kind::Number => "number".into(),
        Kind::Boolean => "boolean".into(),
        Kind::Secret => "Secret".into(),
        Kind::Json => "unknown".into(),
        Kind::Permissions => "string[]".into(),
        Kind::Enum(name) | Kind::Model(name) => (*name).into(),
        Kind::Optional(inner) => format!("{} | null", typescript(inner)),
        Kind::List(inner) => match **inner {
            Kind::Optional(_) => format!("({})[]", typescript(inner)),
            _ => format!("{}[]", typescript(inner)),
        },
    }
}

/// A doc line for a JSDoc comment: rustdoc links (`` [`Foo`](crate::bar) ``, `` [`Foo`] ``)
/// become code spans, so typedoc shows the words without broken links.
fn jsdoc(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find("[`") {
        out += &rest[..open];
        let after = &rest[open + 1..];
        let Some(close) = after.find("`]") else {
            out += &rest[open..];
            rest = "";
            break;
        };
        out += &after[..close + 1];
        rest = &after[close + 2..];
        if rest.starts_with('(') {
            rest = rest.find(')').map_or("", |end| &rest[end + 1..]);
        }
    }
    out += rest;
    out.replace("*/", "* /").replace("crate::", "")
}

#[test]
fn jsdoc_turns_rustdoc_links_into_code() {
    assert_eq!(
        jsdoc("See [`Server`](crate::gateway::Server) and [`Job`]."),
        "See `Server` and `Job`."
    );
}

#[test]
fn javascript_error_kinds_are_the_cores() {
    let words: Vec<String> = vpskit::ErrorKind::ALL
        .iter()
        .map(|k| format!("'{}'", k.as_str()))
        .collect();
    let (start, end) = (
        "// <generated error kinds (tests/generated.rs)>",
        "// </generated error kinds>",
    );
    let doc = "/** The kinds of error, the same words in every vpskit language. */\n";
    check_block(
        "wasm/index.d.ts",
        start,
        end,
        &format!("{doc}export type ErrorKind = {};\n", words.join(" | ")),
    );
    check_block(
        "wasm/js/errors.js",
        start,
        end,
        &format!(
            "{doc}export const ERROR_KINDS = Object.freeze([{}]);\n",
            words.join(", ")
        ),
    );
}

#[test]
fn typescript_declarations_are_the_cores() {
    let mut block = String::new();
    for e in schema::enums() {
        let words: Vec<String> = e.words.iter().map(|(_, w)| format!("'{w}'")).collect();
        block += &format!(
            "/** {} */\nexport type {} = {} | (string & {{}});\n",
            jsdoc(&e.summary),
            e.name,
            words.join(" | ")
        );
    }
    for m in schema::models() {
        // A view of the raw `providerResponse`, not a result: its members may be missing.
        if m.name == "BudgetOutput" {
            continue;
        }
        let extends = if m.keeps_extra {
            " extends Unmodelled"
        } else {
            ""
        };
        block += &format!(
            "/** {} */\nexport interface {}{extends} {{\n",
            jsdoc(&m.summary),
            m.name
        );
        for f in &m.fields {
            block += &format!(
                "  /** {} */\n  {}: {};\n",
                jsdoc(&f.doc),
                KeyCase::Camel.rename(f.name),
                typescript(&f.kind)
            );
        }
        block += "}\n";
    }
    check_block(
        "wasm/index.d.ts",
        "// <generated from the core's declarations (tests/generated.rs)>",
        "// </generated>",
        &block,
    );
}

fn python(kind: &Kind) -> String {
    match kind {
        Kind::Text => "str".into(),
        Kind::Integer => "int".into(),
        Kind::Number => "float".into(),
        Kind::Boolean => "bool".into(),
        Kind::Secret => "Secret".into(),
        Kind::Json => "Any".into(),
        Kind::Permissions => "PermissionSet".into(),
        Kind::Enum(name) | Kind::Model(name) => (*name).into(),
        Kind::Optional(inner) => format!("Optional[{}]", python(inner)),
        Kind::List(inner) => format!("List[{}]", python(inner)),
    }
}

/// How the Python model turns a member's JSON into its value, if it is not the JSON itself.
fn python_convert(kind: &Kind) -> Option<String> {
    match kind {
        Kind::Optional(inner) => python_convert(inner),
        Kind::Enum(name) => Some(format!("_enum({name})")),
        Kind::Model(name) => Some(format!("_model(\"{name}\")")),
        Kind::Permissions => Some("PermissionSet".into()),
        Kind::List(inner) => match &**inner {
            Kind::Enum(name) => Some(format!("_enum_list({name})")),
            Kind::Model(name) => Some(format!("_model_list(\"{name}\")")),
            _ => None,
        },
        _ => None,
    }
}

#[test]
fn python_model_fields_are_the_cores() {
    let mut block = String::new();
    for m in schema::models() {
        block += &format!("\n\nclass _{}Fields(Model):\n", m.name);
        for f in &m.fields {
            block += &format!("    {}: {}\n", f.name, python(&f.kind));
        }
        let converts: Vec<String> = m
            .fields
            .iter()
            .filter_map(|f| python_convert(&f.kind).map(|c| format!("\"{}\": {c}", f.name)))
            .collect();
        if !converts.is_empty() {
            block += &format!("    _convert = {{{}}}\n", converts.join(", "));
        }
    }
    check_block(
        "python/python/vpskit/_models.py",
        "# <generated from the core's declarations (tests/generated.rs)>",
        "\n\n# </generated>",
        block.trim_start_matches('\n'),
    );
}

#[test]
fn python_enums_are_the_cores() {
    let mut block = String::new();
    for e in schema::enums() {
        block += &format!(
            "\n\nclass {}(OpenEnum):\n    \"\"\"{}\"\"\"\n\n",
            e.name,
            e.summary
                .replace(['[', ']'], "")
                .replace("crate::", "")
                .replace('`', "``")
        );
        for (variant, word) in &e.words {
            let mut name = String::new();
            for (i, c) in variant.chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 {
                    name.push('_');
                }
                name.push(c.to_ascii_uppercase());
            }
            block += &format!("    {name} = \"{word}\"\n");
        }
    }
    check_block(
        "python/python/vpskit/_enums.py",
        "# <generated from the core's declarations (tests/generated.rs)>",
        "\n\n# </generated>",
        block.trim_start_matches('\n'),
    );
}

/// A Rust type as written in a model (`Option<Vec<Action>>`).
enum RustType {
    Base(String),
    Option(Box<RustType>),
    Vec(Box<RustType>),
}

fn rust_type(text: &str) -> RustType {
    let text = text.replace(' ', "");
    for (prefix, wrap) in [
        ("Option<", RustType::Option as fn(Box<RustType>) -> RustType),
        ("Vec<", RustType::Vec),
    ] {
        if let Some(inner) = text.strip_prefix(prefix).and_then(|t| t.strip_suffix('>')) {
            return wrap(Box::new(rust_type(inner)));
        }
    }
    RustType::Base(text)
}

const COPIED: &[&str] = &["u8", "u16", "u32", "u64", "i64", "f64", "bool"];

/// The uniffi record's type for a core type.
fn record_type(t: &RustType) -> String {
    match t {
        RustType::Option(inner) => format!("Option<{}>", record_type(inner)),
        RustType::Vec(inner) => format!("Vec<{}>", record_type(inner)),
        RustType::Base(name) => match name.as_str() {
            "Secret" => "Arc<Secret>".into(),
            "Json" => "Arc<RawJson>".into(),
            "PermissionSet" => "Vec<String>".into(),
            other => other.into(),
        },
    }
}

/// An expression converting the field `place` of the core's value into the record's value, or
/// (with `to_core`) the record's field into the core's.
/// A record's member from the core's owned member at `place` (moved; enums and secrets, small,
/// converted from a reference).
fn from_core(t: &RustType, place: &str, enums: &[&str]) -> String {
    let plain = |n: &str| COPIED.contains(&n) || n == "String";
    match t {
        RustType::Base(n) if plain(n) => place.to_string(),
        RustType::Base(n) if n == "Secret" => format!("secret(&{place})"),
        RustType::Base(n) if n == "Json" => format!("raw({place}.into_value())"),
        RustType::Base(n) if n == "PermissionSet" => format!("{place}.to_strings()"),
        RustType::Base(n) if enums.contains(&n.as_str()) => format!("(&{place}).into()"),
        RustType::Base(_) => format!("{place}.into()"),
        RustType::Option(inner) => match &**inner {
            RustType::Base(n) if plain(n) => place.to_string(),
            RustType::Base(n) if n == "Secret" => format!("{place}.as_ref().map(secret)"),
            RustType::Base(n) if enums.contains(&n.as_str()) => {
                format!("{place}.as_ref().map(Into::into)")
            }
            RustType::Base(n) if n != "Json" && n != "PermissionSet" => {
                format!("{place}.map(Into::into)")
            }
            _ => format!("{place}.map(|v| {})", from_core(inner, "v", enums)),
        },
        RustType::Vec(inner) => match &**inner {
            RustType::Base(n) if plain(n) => place.to_string(),
            RustType::Base(n) if enums.contains(&n.as_str()) => {
                format!("{place}.iter().map(Into::into).collect()")
            }
            RustType::Base(n) if n != "Secret" && n != "Json" && n != "PermissionSet" => {
                format!("{place}.into_iter().map(Into::into).collect()")
            }
            _ => format!(
                "{place}.into_iter().map(|v| {}).collect()",
                from_core(inner, "v", enums)
            ),
        },
    }
}

fn convert(t: &RustType, place: &str, to_core: bool) -> String {
    match t {
        RustType::Base(name) => match (name.as_str(), to_core) {
            (n, _) if COPIED.contains(&n) => place.to_string(),
            ("String", _) => format!("{place}.clone()"),
            ("Secret", false) => format!("secret(&{place})"),
            ("Secret", true) => format!("vpskit::Secret::new({place}.expose())"),
            ("Json", false) => format!("raw({place}.expose().clone())"),
            ("Json", true) => format!("{place}.to_core()"),
            ("PermissionSet", false) => format!("{place}.to_strings()"),
            ("PermissionSet", true) => format!("core::PermissionSet::from_strings(&{place})"),
            _ => format!("(&{place}).into()"),
        },
        RustType::Option(inner) => match &**inner {
            RustType::Base(name) if COPIED.contains(&name.as_str()) => place.to_string(),
            RustType::Base(name) if name == "String" => format!("{place}.clone()"),
            _ => format!("{place}.as_ref().map({})", element(inner, to_core)),
        },
        RustType::Vec(inner) => {
            format!("{place}.iter().map({}).collect()", element(inner, to_core))
        }
    }
}

/// A function of a reference to an element, converting it (for `map`).
fn element(t: &RustType, to_core: bool) -> String {
    match t {
        RustType::Base(name) => match (name.as_str(), to_core) {
            ("Secret", false) => "secret".into(),
            (n, _) if COPIED.contains(&n) => "|v| *v".into(),
            ("String", _) => "String::clone".into(),
            ("Secret", true) => "|v| vpskit::Secret::new(v.expose())".into(),
            ("Json", false) => "|v| raw(v.expose().clone())".into(),
            ("Json", true) => "|v| v.to_core()".into(),
            _ => "Into::into".into(),
        },
        RustType::Vec(inner) => format!("|v| v.iter().map({}).collect()", element(inner, to_core)),
        RustType::Option(inner) => format!("|v| v.as_ref().map({})", element(inner, to_core)),
    }
}

#[test]
fn uniffi_records_are_the_cores() {
    let mut out = String::from(
        "//! The uniffi records and open enums, generated by `tests/generated.rs` from the core's\n\
         //! declarations (`vpskit::schema`): do not edit by hand.\n\n\
         use std::sync::Arc;\n\n\
         use crate::models::{core_extra, extra, open_enum, raw, secret, RawJson, Secret};\n\n\
         /// The core's models and enums, both APIs'.\n\
         mod core {\n    pub use vpskit::faithserver::*;\n    pub use vpskit::vpsorg::*;\n}\n",
    );
    let enums = schema::enums();
    let enum_names: Vec<&str> = enums.iter().map(|e| e.name).collect();
    let aliases: Vec<String> = enums
        .iter()
        .map(|e| format!("{0} as Core{0}", e.name))
        .collect();
    out += &format!("\nuse self::core::{{{}}};\n", aliases.join(", "));
    for e in enums {
        let variants: Vec<&str> = e.words.iter().map(|(v, _)| *v).collect();
        out += &format!(
            "\nopen_enum!(\n    /// {}\n    {}, Core{} {{ {} }}\n);\n",
            e.summary.replace(['[', ']'], "").replace("crate::", ""),
            e.name,
            e.name,
            variants.join(", ")
        );
    }
    for m in schema::models() {
        let fields: Vec<(String, RustType)> = m
            .fields
            .iter()
            .map(|f| (f.field.to_string(), rust_type(f.rust)))
            .collect();
        // Computed members a record carries beside the model's own.
        let computed: &[(&str, &str, &str)] = match m.name {
            "ActionResult" => &[
                (
                    "budget_output",
                    "Option<BudgetOutput>",
                    "c.budget_output().map(Into::into)",
                ),
                (
                    "generated_password",
                    "Option<Arc<Secret>>",
                    "c.generated_password().as_ref().map(secret)",
                ),
            ],
            _ => &[],
        };
        out += &format!("\n/// `{}` (see the core's model).\n#[derive(Clone, uniffi::Record)]\npub struct {} {{\n", m.name, m.name);
        for (name, t) in &fields {
            out += &format!("    pub {name}: {},\n", record_type(t));
        }
        for (name, ty, _) in computed {
            out += &format!("    #[uniffi(default = None)]\n    pub {name}: {ty},\n");
        }
        if m.keeps_extra {
            out += "    #[uniffi(default = None)]\n    pub extra: Option<Arc<RawJson>>,\n";
        }
        out += "}\n";
        // From the core's result, which the binding owns: members are moved, not cloned.
        out += &format!(
            "\nimpl From<core::{0}> for {0} {{\n    fn from(c: core::{0}) -> Self {{\n",
            m.name
        );
        for (name, _, expr) in computed {
            out += &format!("        let {name} = {expr};\n");
        }
        out += &format!("        {} {{\n", m.name);
        for (name, t) in &fields {
            out += &format!(
                "            {name}: {},\n",
                from_core(t, &format!("c.{name}"), &enum_names)
            );
        }
        for (name, _, _) in computed {
            out += &format!("            {name},\n");
        }
        if m.keeps_extra {
            out += "            extra: extra(c.extra),\n";
        }
        out += "        }\n    }\n}\n";
        out += &format!("\nimpl From<&{0}> for core::{0} {{\n    fn from(c: &{0}) -> Self {{\n        core::{0} {{\n", m.name);
        for (name, t) in &fields {
            out += &format!(
                "            {name}: {},\n",
                convert(t, &format!("c.{name}"), true)
            );
        }
        if m.keeps_extra {
            out += "            extra: core_extra(c.extra.as_ref()),\n";
        }
        out += "        }\n    }\n}\n";
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("bindings/src/records.rs");
    let current = fs::read_to_string(&path).unwrap_or_default();
    if current != out {
        if std::env::var_os("VPSKIT_REGENERATE").is_some() {
            fs::write(&path, out).unwrap();
        } else {
            panic!(
                "{} drifted from the core's declarations: run `VPSKIT_REGENERATE=1 cargo test --test generated -- --test-threads=1`",
                path.display()
            );
        }
    }
}

// ---- The hosts' per-operation functions and methods, from the operation table ----

use vpskit::schema::{ArgKind, Argument, Operation};

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The result's model and whether it is a list (`Vec<Server>` → `("Server", true)`).
fn result_of(op: &Operation) -> (&str, bool) {
    match op
        .result
        .strip_prefix("Vec<")
        .and_then(|r| r.strip_suffix('>'))
    {
        Some(model) => (model, true),
        None => (op.result.as_str(), false),
    }
}

// Python and JavaScript name a parameter by its JSON name (`type`), Kotlin and Swift by the
// Rust field's (`kind`, as `type` is a keyword in Swift and Kotlin's soft one).

/// Whether the operation names a server by its first argument (hosts then take a server too).
fn on_server(op: &Operation) -> bool {
    op.args.first().is_some_and(|a| a.name == "id")
}

fn required(op: &Operation) -> impl Iterator<Item = &Argument> {
    op.args.iter().filter(|a| a.kind == ArgKind::Str)
}

fn optional(op: &Operation) -> impl Iterator<Item = &Argument> {
    op.args.iter().filter(|a| a.kind != ArgKind::Str)
}

fn table_operations() -> Vec<Operation> {
    let operations = schema::operations();
    for op in &operations {
        for a in &op.args {
            assert!(
                matches!(
                    a.kind,
                    ArgKind::Str | ArgKind::OptStr | ArgKind::OptDigits | ArgKind::OptSecret
                ),
                "{}: hosts take no {:?} argument but the raw escape hatch's",
                op.name,
                a.kind
            );
        }
    }
    operations
}

/// A doc line for a Python docstring: rustdoc links dropped, code spans doubled (reST).
fn pydoc(text: &str) -> String {
    jsdoc(text).replace('`', "``")
}

fn python_docstring(op: &Operation, indent: &str) -> String {
    let mut doc = pydoc(&op.summary);
    let params: Vec<String> = optional(op)
        .map(|a| format!("{indent}:param {}: {}", a.name, pydoc(&a.doc)))
        .collect();
    if !params.is_empty() {
        doc += &format!("\n\n{}\n{indent}", params.join("\n"));
    }
    format!("{indent}\"\"\"{doc}\"\"\"\n")
}

/// A Python signature's parameters: required positionally, the rest keyword-only.
fn python_params(op: &Operation, server_ref: bool) -> Vec<String> {
    let mut params: Vec<String> = required(op)
        .map(|a| {
            let ty = if server_ref && a.name == "id" {
                "ServerRef"
            } else {
                "str"
            };
            format!("{}: {ty}", a.name)
        })
        .collect();
    let keywords: Vec<String> = optional(op)
        .map(|a| match a.kind {
            ArgKind::OptDigits => format!("{}: Union[str, int, None] = None", a.name),
            _ => format!("{}: Optional[str] = None", a.name),
        })
        .collect();
    if !keywords.is_empty() {
        params.push("*".into());
        params.extend(keywords);
    }
    params
}

#[test]
fn python_operations_are_the_tables() {
    let mut block = String::new();
    for op in table_operations() {
        let (model, list) = result_of(&op);
        let ret = if list {
            format!("List[{model}]")
        } else {
            model.to_string()
        };
        let convert = if list { "_many" } else { "_one" };
        let args: Vec<String> = op
            .args
            .iter()
            .map(|a| match a.kind {
                ArgKind::OptDigits => format!("{}=_text({})", a.name, a.name),
                ArgKind::OptSecret => format!("{}=_secret({})", a.name, a.name),
                _ => format!("{}={}", a.name, a.name),
            })
            .collect();
        let args = if args.is_empty() {
            "{}".into()
        } else {
            format!("_args({})", args.join(", "))
        };
        let api = if op.api == "faithserver" {
            String::new()
        } else {
            format!(", api=\"{}\"", op.api)
        };
        block += &format!(
            "\n\ndef {}({}) -> Operation[{ret}]:\n{}    return Operation(\"{}\", {args}, {convert}({model}){api})\n",
            op.name,
            python_params(&op, false).join(", "),
            python_docstring(&op, "    "),
            op.name,
        );
    }
    // `vpskit.operations` re-exports each operation (`x as x`: an explicit export for type
    // checkers) and names it in `__all__`.
    let names: Vec<&str> = table_operations().iter().map(|op| op.name).collect();
    let (mut listed, mut quoted) = (String::new(), String::new());
    for chunk in names.chunks(6) {
        for n in chunk {
            listed += &format!("    {n} as {n},\n");
        }
        let words: Vec<String> = chunk.iter().map(|n| format!("\"{n}\"")).collect();
        quoted += &format!("    {},\n", words.join(", "));
    }
    check_block(
        "python/python/vpskit/operations.py",
        "# <generated from the core's operation table (tests/generated.rs)>",
        "# </generated>",
        &format!("from ._ops import (\n{listed})\n\n__all__ += [\n{quoted}]\n"),
    );
    check_block(
        "python/python/vpskit/_ops.py",
        "# <generated from the core's operation table (tests/generated.rs)>",
        "\n\n# </generated>",
        block.trim_start_matches('\n'),
    );
    for (api, class) in [("faithserver", "faithserver"), ("vpsorg", "vpsorg")] {
        for asynchronous in [false, true] {
            let mut block = String::new();
            for op in table_operations().iter().filter(|o| o.api == api) {
                let (model, list) = result_of(op);
                let ret = if list {
                    format!("List[{model}]")
                } else {
                    model.to_string()
                };
                let mut params = vec!["self".to_string()];
                params.extend(python_params(op, true));
                let mut given: Vec<String> = required(op)
                    .map(|a| {
                        if a.name == "id" {
                            "_id_of(id)".into()
                        } else {
                            a.name.to_string()
                        }
                    })
                    .collect();
                given.extend(optional(op).map(|a| format!("{0}={0}", a.name)));
                let held = if on_server(op) { ", _held(id)" } else { "" };
                let (def, wait) = if asynchronous {
                    ("async def", "await ")
                } else {
                    ("def", "")
                };
                block += &format!(
                    "\n    {def} {}({}) -> {ret}:\n        \"\"\"See :func:`vpskit.operations.{}`.\"\"\"\n        return {wait}self._execute(_ops.{}({}){held})\n",
                    op.name,
                    params.join(", "),
                    op.name,
                    op.name,
                    given.join(", "),
                );
            }
            let kind = if asynchronous { "async " } else { "" };
            check_block(
                "python/python/vpskit/_client.py",
                &format!("    # <generated {kind}{class} methods (tests/generated.rs)>"),
                &format!("\n    # </generated {kind}{class} methods>"),
                block.trim_start_matches('\n'),
            );
        }
    }
}

/// `items` with each `from` replaced by `to` (a client takes a server where a builder takes its id).
fn replaced(items: &[String], from: &str, to: &str) -> Vec<String> {
    let swap = |item: &String| {
        if item == from {
            to.to_string()
        } else {
            item.clone()
        }
    };
    items.iter().map(swap).collect()
}

fn typescript_args_type(op: &Operation) -> Option<String> {
    optional(op).next()?;
    op.args_struct.map(str::to_string)
}

#[test]
fn javascript_operations_are_the_tables() {
    let (mut functions, mut declarations, mut args_types) =
        (String::new(), String::new(), String::new());
    // Per API: the client's methods, and their declarations.
    let mut clients: std::collections::BTreeMap<&str, (String, String)> = Default::default();
    for op in table_operations() {
        let name = camel(op.name);
        let doc = jsdoc(&op.summary);
        let (model, list) = result_of(&op);
        let ret = if list {
            format!("{model}[]")
        } else {
            model.to_string()
        };
        let positional: Vec<String> = required(&op).map(|a| camel(a.name)).collect();
        let options: Vec<String> = optional(&op).map(|a| camel(a.name)).collect();
        let mut params = positional.clone();
        if !options.is_empty() {
            params.push(format!("{{ {}, ...rest }} = {{}}", options.join(", ")));
        }
        let entries: Vec<String> = op
            .args
            .iter()
            .map(|a| {
                let value = camel(a.name);
                match a.kind {
                    ArgKind::OptDigits => format!("{}: text({value})", a.name),
                    ArgKind::OptSecret => format!("{}: secret({value})", a.name),
                    _ if value == a.name => value,
                    _ => format!("{}: {value}", a.name),
                }
            })
            .collect();
        // What `op` checks besides: the API, and that the optional arguments' object has no
        // member the operation does not take (`rest`).
        let mut how = Vec::new();
        if op.api != "faithserver" {
            how.push(format!("api: '{}'", op.api));
        }
        if !options.is_empty() {
            how.push("rest".to_string());
        }
        let args = match (entries.is_empty(), how.is_empty()) {
            (true, true) => String::new(),
            (true, false) => format!(", {{}}, {{ {} }}", how.join(", ")),
            (false, true) => format!(", {{ {} }}", entries.join(", ")),
            (false, false) => format!(", {{ {} }}, {{ {} }}", entries.join(", "), how.join(", ")),
        };
        functions += &format!(
            "/** {doc} */\nexport const {name} = ({}) => op('{}'{args});\n",
            params.join(", "),
            op.name
        );
        let args_type = typescript_args_type(&op);
        if let Some(args_type) = &args_type {
            args_types += &format!(
                "/** The optional arguments of `{name}`. */\nexport interface {args_type} {{\n"
            );
            for a in optional(&op) {
                let ty = if a.kind == ArgKind::OptDigits {
                    "string | number"
                } else {
                    "string"
                };
                args_types += &format!("  /** {} */\n  {}?: {ty};\n", jsdoc(&a.doc), camel(a.name));
            }
            args_types += "}\n";
        }
        let mut typed: Vec<String> = required(&op)
            .map(|a| format!("{}: string", camel(a.name)))
            .collect();
        if let Some(args_type) = &args_type {
            typed.push(format!("args?: {args_type}"));
        }
        declarations += &format!(
            "  /** {doc} */\n  function {name}({}): Operation<{ret}>;\n",
            typed.join(", ")
        );
        let mut method_typed = replaced(&typed, "id: string", "id: ServerRef");
        method_typed.push("options?: CallOptions".into());
        let (methods, method_declarations) = clients.entry(op.api).or_default();
        *method_declarations += &format!(
            "  /** {doc} */\n  {name}({}): Promise<{ret}>;\n",
            method_typed.join(", ")
        );
        let mut given = replaced(&positional, "id", "idOf(id)");
        let mut taken = positional.clone();
        if args_type.is_some() {
            given.push("args".into());
            taken.push("args".into());
        }
        taken.push("options".into());
        let server = if on_server(&op) { ", id" } else { "" };
        *methods += &format!(
            "  /** {doc} */\n  async {name}({}) {{ return this.#engine.execute(ops.{name}({}), options{server}); }}\n",
            taken.join(", "),
            given.join(", ")
        );
    }
    let bulk: Vec<String> = table_operations()
        .iter()
        .filter(|op| vpskit::check_bulk(op.name, 1).is_ok())
        .map(|op| format!("'{}'", camel(op.name)))
        .collect();
    args_types += &format!(
        "/** What `bulk` runs: the operations that take one server (the core's rule). */\nexport type BulkAction = {};\n",
        bulk.join(" | ")
    );
    let start = "// <generated from the core's operation table (tests/generated.rs)>";
    check_block(
        "wasm/js/operations.js",
        start,
        "// </generated>",
        &functions,
    );
    check_block(
        "wasm/index.d.ts",
        start,
        "// </generated operations>",
        &args_types,
    );
    check_block(
        "wasm/index.d.ts",
        "  // <generated operation functions (tests/generated.rs)>",
        "  // </generated operation functions>",
        &declarations,
    );
    assert_eq!(clients.len(), 2, "one client per API");
    for (class, (methods, method_declarations)) in clients {
        let start = format!("  // <generated {class} methods (tests/generated.rs)>");
        let end = format!("  // </generated {class} methods>");
        check_block("wasm/js/client.js", &start, &end, &methods);
        check_block("wasm/index.d.ts", &start, &end, &method_declarations);
    }
}

#[test]
fn uniffi_methods_are_the_tables() {
    let mut block = String::new();
    for (api, class) in [
        ("faithserver", "FaithServerClient"),
        ("vpsorg", "VpsOrgClient"),
    ] {
        block += &format!("\n#[uniffi::export]\nimpl {class} {{\n");
        for op in table_operations().iter().filter(|o| o.api == api) {
            let (model, list) = result_of(op);
            let path = format!("vpskit::{api}::{model}");
            let (ret, read) = if list {
                (format!("Vec<{model}>"), format!("|r: Vec<{path}>| list(r)"))
            } else {
                (model.to_string(), format!("|r: {path}| r.into()"))
            };
            let mut params = vec!["&self".to_string()];
            let mut defaults = Vec::new();
            for a in &op.args {
                let ty = match a.kind {
                    ArgKind::Str => "String",
                    ArgKind::OptStr | ArgKind::OptDigits => "Option<String>",
                    _ => "Option<Arc<Secret>>",
                };
                params.push(format!("{}: {ty}", a.field));
                if a.kind != ArgKind::Str {
                    defaults.push(format!("{} = None", a.field));
                }
            }
            if op.preflight {
                params.push("held: Option<Server>".into());
                defaults.push("held = None".into());
            }
            let fields: Vec<String> = op
                .args
                .iter()
                .map(|a| match a.kind {
                    ArgKind::OptSecret => {
                        format!("{0}: {0}.map(|p| vpskit::Secret::new(p.expose()))", a.field)
                    }
                    _ => a.field.to_string(),
                })
                .collect();
            let call = match op.args_struct {
                Some(args) => format!(
                    "Call::{}(vpskit::{args} {{ {} }})",
                    op.variant,
                    fields.join(", ")
                ),
                None => format!("Call::{}", op.variant),
            };
            let run = if op.preflight {
                format!("act(&self.inner, \"{}\", {call}, held, {read})", op.name)
            } else {
                format!("run(&self.inner, \"{}\", {call}, {read})", op.name)
            };
            block += &format!("    /// {}\n", op.summary);
            if !defaults.is_empty() {
                block += &format!("    #[uniffi::method(default({}))]\n", defaults.join(", "));
            }
            block += &format!(
                "    pub async fn {}({}) -> Result<{ret}> {{\n        {run}.await\n    }}\n",
                op.name,
                params.join(", ")
            );
        }
        block += "}\n";
    }
    check_block(
        "bindings/src/operations.rs",
        "// <generated from the core's operation table (tests/generated.rs)>",
        "// </generated>",
        block.trim_start_matches('\n'),
    );
}
