//! eventgen against the official JSON Schema Test Suite (`suite/`, vendored): each group whose
//! schema generates is compiled here as an event set of its own, its schema the payload of one
//! event type; `tests/suite.rs` runs the suite's instances through the generated types.

// The suite's values include Greek and other scripts, which become enum variant names.
#![allow(mixed_script_confusables, confusable_idents, uncommon_codepoints)]

/// A group of the suite that generates: its payload parsed from text and written back.
pub struct Generated {
    /// The suite's draft directory (`draft2020-12`, `draft7`).
    pub draft: &'static str,
    /// The file of the draft's tests, without `.json`.
    pub file: &'static str,
    /// The group's index in its file.
    pub group: usize,
    /// The instance read as the group's payload and serialized again, or the parse error.
    pub parse: fn(&str) -> Result<String, String>,
}

/// A group the generator refuses, with its message.
pub struct Refused {
    /// The suite's draft directory (`draft2020-12`, `draft7`).
    pub draft: &'static str,
    /// The file of the draft's tests, without `.json`.
    pub file: &'static str,
    /// The group's index in its file.
    pub group: usize,
    /// The generator's message.
    pub message: &'static str,
}

/// `text` read as the payload of the set's one event type (the whole text, nothing after it),
/// and that payload serialized again: the `parse` of a generated group.
macro_rules! round_trip {
    ($module:ident) => {
        |text: &str| -> ::std::result::Result<::std::string::String, ::std::string::String> {
            let mut deserializer = ::serde_json::Deserializer::from_str(text);
            let data = $module::EventKind::ALL[0]
                .deserialize_data(&mut deserializer)
                .map_err(|e| e.to_string())?;
            deserializer.end().map_err(|e| e.to_string())?;
            ::serde_json::to_string(&data).map_err(|e| e.to_string())
        }
    };
}

include!(concat!(env!("OUT_DIR"), "/groups.rs"));
