//! The JSON form of each FaithServer result, as data (see [`crate::shape`]): one entry per model
//! of `models.rs`, members in the struct's order. `tests/vectors.rs` and `tests/properties.rs`
//! check that reading by these shapes gives what the typed models serialize to.

use crate::shape::{camel_key, model, Member, MemberValue, Model, Rest, Shape, OPT_STR};

use Shape::{Bool, Json, List, Secret, Str, StrOrNum, F64, U16, U64, U8};

model! {
    /// [`super::Server`].
    static SERVER = "a Server object", keep [] {
        "id": required Str,
        "name": optional Str,
        "region": optional Str,
        "product": required Str,
        "status": optional Str,
        "allowed_actions": required List(&Str),
    }
}

model! {
    /// [`super::PowerStatus`].
    static POWER_STATUS = "a PowerStatus object", keep [] {
        "id": optional Str,
        "status": optional Str,
    }
}

model! {
    /// [`super::Overview`].
    static OVERVIEW = "a Overview object", keep [] {
        "id": optional Str,
        "name": optional Str,
        "region": optional Str,
        "product": optional Str,
        "ip_address": optional Str,
        "status": optional Str,
        "plan": optional Str,
        "capabilities": optional List(&Str),
    }
}

model! {
    /// [`super::ActionResult`].
    static ACTION_RESULT = "a ActionResult object", keep [] {
        "message": optional Str,
        "server_id": optional Str,
        "action": optional Str,
        "provider": optional Str,
        "provider_status_code": optional U16,
        "provider_response": optional Json,
        "job_id": optional StrOrNum,
    }
}

/// [`super::ConsoleSession`]: read from its wire form, `provider_response.url` and `.note`
/// brought up among the session's members, `action` dropped.
pub(crate) static CONSOLE_SESSION: Model = Model {
    expecting: "a Wire object",
    members: &[
        Member {
            keys: &["message"],
            camel_key: camel_key!("message"),
            required: false,
            value: MemberValue::Slot(0, OPT_STR),
        },
        Member {
            keys: &["server_id"],
            camel_key: camel_key!("server_id"),
            required: false,
            value: MemberValue::Slot(1, OPT_STR),
        },
        Member {
            keys: &["provider_status_code"],
            camel_key: camel_key!("provider_status_code"),
            required: false,
            value: MemberValue::Slot(4, Shape::Nullable(&U16)),
        },
        Member {
            keys: &["provider_response"],
            camel_key: camel_key!("provider_response"),
            required: true,
            value: MemberValue::Hoist(&CONSOLE_WIRE),
        },
    ],
    slots: &[
        "message",
        "server_id",
        "url",
        "note",
        "provider_status_code",
    ],
    rest: Rest::Keep { drop: &["action"] },
    positional: false,
};

/// `provider_response` of a console session.
pub(crate) static CONSOLE_WIRE: Model = Model {
    expecting: "struct ConsoleWire",
    members: &[
        Member {
            keys: &["url"],
            camel_key: camel_key!("url"),
            required: true,
            value: MemberValue::Slot(2, Secret),
        },
        Member {
            keys: &["note"],
            camel_key: camel_key!("note"),
            required: false,
            value: MemberValue::Slot(3, OPT_STR),
        },
    ],
    slots: &[],
    rest: Rest::Ignore,
    positional: true,
};

model! {
    /// [`super::RescueStatus`].
    static RESCUE_STATUS = "a RescueStatus object", keep [] {
        "enabled": optional Bool,
        "pending_reboot": optional Bool,
    }
}

model! {
    /// [`super::Image`].
    static IMAGE = "a Image object", keep [] {
        "id": required StrOrNum,
        "name": optional Str,
        "family": optional Str,
        "flavour": optional Str,
    }
}

/// [`super::ImageList`]: read from the whole body, `data.images` brought up.
pub(crate) static IMAGE_LIST: Model = Model {
    expecting: "struct Wire",
    members: &[
        Member {
            keys: &["server_id"],
            camel_key: camel_key!("server_id"),
            required: false,
            value: MemberValue::Slot(0, OPT_STR),
        },
        Member {
            keys: &["provider"],
            camel_key: camel_key!("provider"),
            required: false,
            value: MemberValue::Slot(1, OPT_STR),
        },
        Member {
            keys: &["data"],
            camel_key: camel_key!("data"),
            required: true,
            value: MemberValue::Hoist(&IMAGE_LIST_DATA),
        },
    ],
    slots: &["server_id", "provider", "images"],
    rest: Rest::Ignore,
    positional: true,
};

/// `data` of an image list.
pub(crate) static IMAGE_LIST_DATA: Model = Model {
    expecting: "struct WireData",
    members: &[Member {
        keys: &["images"],
        camel_key: camel_key!("images"),
        required: true,
        value: MemberValue::Slot(2, List(&Shape::Model(&IMAGE))),
    }],
    slots: &[],
    rest: Rest::Ignore,
    positional: true,
};

model! {
    /// [`super::Credential`].
    static CREDENTIAL = "a Credential object", keep [] {
        "type": optional Str,
        "username": optional Str,
        "password": optional Secret,
    }
}

model! {
    /// [`super::Traffic`].
    static TRAFFIC = "a Traffic object", keep [] {
        "period": optional Str,
        "month": optional StrOrNum,
        "incoming_bytes": optional U64,
        "outgoing_bytes": optional U64,
        "total_bytes": optional U64,
        "limit_bytes": optional U64,
    }
}

model! {
    /// [`super::IpAddress`].
    static IP_ADDRESS = "a IpAddress object", keep [] {
        "address" | "ip": required Str,
        "version": optional U8,
        "primary": optional Bool,
    }
}

model! {
    /// [`super::Monitor`].
    static MONITOR = "a Monitor object", keep [] {
        "cpu_percent": optional F64,
        "memory_used_bytes": optional U64,
        "memory_total_bytes": optional U64,
        "disk_used_bytes": optional U64,
        "disk_total_bytes": optional U64,
        "uptime_seconds": optional U64,
    }
}

model! {
    /// [`super::LogEntry`].
    static LOG_ENTRY = "a LogEntry object", keep [] {
        "id": optional StrOrNum,
        "server_id": optional Str,
        "action": optional Str,
        "status": optional Str,
        "method": optional Str,
        "path": optional Str,
        "status_code": optional U16,
        "message": optional Str,
        "created_at": optional Str,
    }
}

model! {
    /// [`super::Job`].
    static JOB = "a Job object", keep [] {
        "id": required StrOrNum,
        "server_id": optional Str,
        "action": optional Str,
        "status": optional Str,
        "progress": optional F64,
        "message": optional Str,
        "created_at": optional Str,
        "updated_at": optional Str,
    }
}
