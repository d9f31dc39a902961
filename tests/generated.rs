//! The hosts' declarations of the models and open enums are generated from the core's own
//! (`vpskit::schema`, written by `model!` and `open_enum!`): each test renders one block and
//! fails when the checked-in file holds another. Regenerate with
//! `VPSKIT_REGENERATE=1 cargo test --test generated`.
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
            "{} drifted from the core's declarations: run `VPSKIT_REGENERATE=1 cargo test --test generated`\n--- wanted ---\n{wanted}",
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

#[test]
fn typescript_declarations_are_the_cores() {
    let mut block = String::new();
    for e in schema::enums() {
        let words: Vec<String> = e.words.iter().map(|(_, w)| format!("'{w}'")).collect();
        block += &format!(
            "/** {} */\nexport type {} = {} | (string & {{}});\n",
            e.summary
                .replace(['`', '[', ']'], "")
                .replace("crate::", ""),
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
        block += &format!("export interface {}{extends} {{\n", m.name);
        for f in &m.fields {
            block += &format!(
                "  {}: {};\n",
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
