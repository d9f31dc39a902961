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

pub use crate::model::schema::{Enum, Field, Kind, Model};

use crate::account::{Account, AccountInfo, Token};
use crate::gateway::{
    Action, ActionResult, BudgetOutput, Credential, Image, IpAddress, Job, JobStatus, LogEntry,
    Monitor, Overview, PowerStatus, Product, RescueStatus, Server, ServerStatus, Traffic,
};

/// Every result model, in the order the hosts declare them.
pub fn models() -> Vec<Model> {
    let field = |name, rust, kind| Field {
        name,
        field: name,
        rust,
        kind,
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
            fields: vec![
                field("message", "Option<String>", optional(Kind::Text)),
                field("server_id", "Option<String>", optional(Kind::Text)),
                field("url", "Secret", Kind::Secret),
                field("note", "Option<String>", optional(Kind::Text)),
                field(
                    "provider_status_code",
                    "Option<u16>",
                    optional(Kind::Integer),
                ),
            ],
            keeps_extra: true,
        },
        RescueStatus::schema(),
        Image::schema(),
        Model {
            name: "ImageList",
            fields: vec![
                field("server_id", "Option<String>", optional(Kind::Text)),
                field("provider", "Option<String>", optional(Kind::Text)),
                field(
                    "images",
                    "Vec<Image>",
                    Kind::List(Box::new(Kind::Model("Image"))),
                ),
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
            fields: vec![
                field("status", "u16", Kind::Integer),
                field("body", "Json", Kind::Json),
            ],
            keeps_extra: false,
        },
        Account::schema(),
        Token::schema(),
        AccountInfo::schema(),
    ]
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
