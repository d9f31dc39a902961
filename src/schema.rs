//! The models' shapes and the operations' rows as data, written by the `model!` and `open_enum!`
//! declarations and the operation table: what each binding's generated declarations and
//! per-operation methods are written from (`tests/generated.rs` renders them, and fails when a
//! checked-in file drifts).
//!
//! ```
//! use vpskit::schema::{self, Kind};
//! let server = schema::models().into_iter().find(|m| m.name == "Server").unwrap();
//! assert_eq!(server.fields[0].name, "id");
//! assert_eq!(server.fields[0].kind, Kind::Text);
//! assert!(server.keeps_extra);
//! let reboot = schema::operations().into_iter().find(|o| o.name == "reboot").unwrap();
//! assert!(reboot.preflight && reboot.args[0].kind == schema::ArgKind::Str);
//! ```

pub use crate::model::schema::{ArgKind, Argument, Enum, Field, Kind, Model, Operation};

use crate::account::{Account, AccountInfo, Token};
use crate::gateway::{
    Action, ActionResult, BudgetOutput, ConsoleSession, Credential, Image, ImageList, IpAddress,
    Job, JobStatus, LogEntry, Monitor, Overview, PowerStatus, Product, RawResponse, RescueStatus,
    Server, ServerStatus, Traffic,
};

/// Every result model, in the order the hosts declare them.
pub fn models() -> Vec<Model> {
    vec![
        Server::schema(),
        PowerStatus::schema(),
        Overview::schema(),
        ActionResult::schema(),
        BudgetOutput::schema(),
        ConsoleSession::schema(),
        RescueStatus::schema(),
        Image::schema(),
        ImageList::schema(),
        Credential::schema(),
        Traffic::schema(),
        IpAddress::schema(),
        Monitor::schema(),
        LogEntry::schema(),
        Job::schema(),
        RawResponse::schema(),
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
