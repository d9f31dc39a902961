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
    let field = |name, kind| Field { name, kind };
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
                field("message", optional(Kind::Text)),
                field("server_id", optional(Kind::Text)),
                field("url", Kind::Secret),
                field("note", optional(Kind::Text)),
                field("provider_status_code", optional(Kind::Integer)),
            ],
            keeps_extra: true,
        },
        RescueStatus::schema(),
        Image::schema(),
        Model {
            name: "ImageList",
            fields: vec![
                field("server_id", optional(Kind::Text)),
                field("provider", optional(Kind::Text)),
                field("images", Kind::List(Box::new(Kind::Model("Image")))),
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
            fields: vec![field("status", Kind::Integer), field("body", Kind::Json)],
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
