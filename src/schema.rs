//! The models' shapes as data, written by the `model!` and `open_enum!` declarations: what each
//! binding's generated declarations are written from (`tests/generated.rs` renders the TypeScript
//! interfaces and the Python model fields and enums, and fails when a checked-in file drifts).
//!
//! ```
//! use vpskit::schema::{self, Kind};
//! let server = schema::models().into_iter().find(|m| m.name == "Server").unwrap();
//! assert_eq!(server.fields[0].name, "id");
//! assert_eq!(server.fields[0].kind, Kind::Text);
//! assert!(server.keeps_extra);
//! ```

pub use crate::model::schema::{ArgKind, Argument, Enum, Field, Kind, Model, Operation};

use crate::account::{Account, AccountInfo, Token};
use crate::gateway::{
    Action, ActionResult, BudgetOutput, Credential, Image, IpAddress, Job, JobStatus, LogEntry,
    Monitor, Overview, PowerStatus, Product, RescueStatus, Server, ServerStatus, Traffic,
};

/// Every result model, in the order the hosts declare them. (The three read by hand,
/// `ConsoleSession`, `ImageList` and `RawResponse`, are described here: keep their docs in step
/// with their structs.)
pub fn models() -> Vec<Model> {
    let field = |name, rust, kind, doc: &str| Field {
        name,
        field: name,
        rust,
        kind,
        doc: doc.into(),
    };
    let optional = |kind| Kind::Optional(Box::new(kind));
    vec![
        Server::schema(),
        PowerStatus::schema(),
        Overview::schema(),
        ActionResult::schema(),
        BudgetOutput::schema(),
        Model {
            name: "ConsoleSession",
            summary: "`GET /servers/{id}/console`: a temporary noVNC URL. The URL carries an \
                      access token: a secret."
                .into(),
            fields: vec![
                field("message", "Option<String>", optional(Kind::Text), "The gateway's message."),
                field("server_id", "Option<String>", optional(Kind::Text), "The server."),
                field("url", "Secret", Kind::Secret, "The console URL (secret: it carries a temporary token)."),
                field("note", "Option<String>", optional(Kind::Text), "The gateway's note (`Open this URL in browser to access console.`)."),
                field("provider_status_code", "Option<u16>", optional(Kind::Integer), "The backend's HTTP status."),
            ],
            keeps_extra: true,
        },
        RescueStatus::schema(),
        Image::schema(),
        Model {
            name: "ImageList",
            summary: "`GET /servers/{id}/images`: read from the whole body, `data.images` brought up."
                .into(),
            fields: vec![
                field("server_id", "Option<String>", optional(Kind::Text), "The server."),
                field("provider", "Option<String>", optional(Kind::Text), "The backend (`premium_vps_multi_region`, `budget_vps`)."),
                field("images", "Vec<Image>", Kind::List(Box::new(Kind::Model("Image"))), "The images or OS templates."),
            ],
            keeps_extra: false,
        },
        Credential::schema(),
        Traffic::schema(),
        IpAddress::schema(),
        Monitor::schema(),
        LogEntry::schema(),
        Job::schema(),
        Model {
            name: "RawResponse",
            summary: "The answer to the raw escape hatch: status and JSON body, secrets redacted when printed."
                .into(),
            fields: vec![
                field("status", "u16", Kind::Integer, "The HTTP status."),
                field("body", "Json", Kind::Json, "The JSON body."),
            ],
            keeps_extra: false,
        },
        Account::schema(),
        Token::schema(),
        AccountInfo::schema(),
    ]
}

/// Every operation of the table, in its order (the raw escape hatch, not a row, is not listed).
pub fn operations() -> Vec<Operation> {
    crate::call::schemas()
}

/// Every open enum.
pub fn enums() -> Vec<Enum> {
    vec![
        Product::schema(),
        Action::schema(),
        ServerStatus::schema(),
        JobStatus::schema(),
    ]
}
