//! JSON Schemas (for `schemars`) of the values generated parsers accept where they differ from
//! what the field's Rust type would derive: a timestamp is a `date-time` string, a number that
//! may arrive as text is either, and an extensible enum is any string, its values listed.
//! Generated types name these in `#[schemars(schema_with = …)]`.

use schemars::{json_schema, Schema, SchemaGenerator};

/// An RFC 3339 timestamp.
pub fn date_time(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "format": "date-time" })
}

/// An RFC 3339 timestamp or `null`.
pub fn optional_date_time(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": ["string", "null"], "format": "date-time" })
}

/// A number, or a string holding one.
pub fn string_or_number(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": ["number", "string"], "pattern": "^-?[0-9]+(\\.[0-9]+)?$" })
}

/// A number, a string holding one, or `null`.
pub fn optional_string_or_number(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": ["number", "string", "null"], "pattern": "^-?[0-9]+(\\.[0-9]+)?$" })
}

/// An integer, or a string holding one.
pub fn string_or_integer(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": ["integer", "string"], "pattern": "^-?[0-9]+$" })
}

/// An integer, a string holding one, or `null`.
pub fn optional_string_or_integer(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": ["integer", "string", "null"], "pattern": "^-?[0-9]+$" })
}

/// A string enum: its values, or, when it is extensible, the open form generated code reads
/// back: any string, its values listed.
pub fn string_enum(values: &[&str], extensible: bool) -> Schema {
    if extensible {
        json_schema!({ "anyOf": [{ "enum": values }, { "type": "string" }] })
    } else {
        json_schema!({ "type": "string", "enum": values })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(schema: Schema) -> serde_json::Value {
        schema.to_value()
    }

    #[test]
    fn each_schema_says_what_the_parser_accepts() {
        let mut generator = SchemaGenerator::default();
        assert_eq!(
            value(date_time(&mut generator)),
            serde_json::json!({ "type": "string", "format": "date-time" })
        );
        assert_eq!(
            value(optional_date_time(&mut generator))["type"],
            serde_json::json!(["string", "null"])
        );
        assert_eq!(
            value(string_or_integer(&mut generator))["pattern"],
            "^-?[0-9]+$"
        );
        assert_eq!(
            value(optional_string_or_number(&mut generator))["type"],
            serde_json::json!(["number", "string", "null"])
        );
        assert_eq!(
            value(string_enum(&["A", "B"], false)),
            serde_json::json!({ "type": "string", "enum": ["A", "B"] })
        );
        assert_eq!(
            value(string_enum(&["A"], true)),
            serde_json::json!({ "anyOf": [{ "enum": ["A"] }, { "type": "string" }] })
        );
    }
}
