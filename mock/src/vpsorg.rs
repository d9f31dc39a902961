//! VPS.org `GET /api/v1/account/me/`: 401 for a missing, unknown or expired token.

use serde_json::{json, Value};
use vpskit::vpsorg::Timestamp;

use crate::faithserver::Reply;
use crate::state::{now_text, World};

fn unauthorized(detail: &str) -> Reply {
    Reply {
        status: 401,
        body: json!({ "detail": detail }),
    }
}

/// Answers `account/me/` for the token in `authorization`.
pub fn account_me(world: &World, authorization: Option<&str>) -> Reply {
    let Some(token) = authorization
        .and_then(|h| h.strip_prefix("Bearer "))
        .map(str::trim)
    else {
        return unauthorized("Authentication credentials were not provided.");
    };
    let Some(record) = world.tokens.iter().find(|t| t.value == token) else {
        return unauthorized("Invalid token.");
    };
    let expires_at = record
        .expires_in_seconds
        .map(|s| Timestamp::from_unix_seconds(world.started_at + s));
    if record.expires_in_seconds.is_some_and(|s| s < 0) {
        return unauthorized("Token has expired.");
    }
    Reply::ok(json!({
        "account": {
            "email": "john@example.com", "first_name": "John", "last_name": "Doe",
            "company_name": "Acme Inc.", "created_at": "2024-06-15",
        },
        "token": {
            "name": record.name,
            "permissions": record.permissions,
            "created_at": record.created_at,
            "last_used_at": now_text(),
            "expires_at": expires_at.map(|t| Value::String(t.to_string())).unwrap_or(Value::Null),
            "is_expired": false,
        },
    }))
}
