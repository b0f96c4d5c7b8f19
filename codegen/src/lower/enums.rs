//! `enum` and `const`: string values become an enum, closed as JSON Schema says, or
//! extensible when written in the open form (`anyOf` of the listed values and any string, which
//! standard validators read as "any string"); booleans and numbers a literal newtype that parses
//! only the listed values; `null` alone is the unit type.

use serde_json::{Map, Value};

use super::{flag, Lowering};
use crate::error::{Error, Location, Result};
use crate::ir::*;
use crate::rust_idents;

impl Lowering<'_> {
    pub(super) fn enumeration(
        &mut self,
        at: &Location,
        object: &Map<String, Value>,
        values: &Value,
    ) -> Result<TypeRef> {
        let list = values
            .as_array()
            .ok_or_else(|| Error::schema(&at.join("enum"), "must be an array"))?;
        let integer_codes = object.contains_key("x-enum-integer-values");
        // A value `type` rules out can never be valid: it is not a value of the type.
        let kinds = type_keyword(object, at)?;
        let admitted = |v: &Value| match &kinds {
            None => true,
            Some(kinds) => kinds.iter().any(|k| is_of_kind(v, k)),
        };
        if !list.iter().any(admitted) {
            return Err(Error::schema(
                &at.join("enum"),
                "no value of `enum` is of the schema's `type`, so no value is valid; make them agree",
            ));
        }
        // Values of one JSON kind, in place (others are `null`, which the enum builders skip),
        // so `x-enum-descriptions` and `x-enum-varnames` stay aligned with `enum`.
        let only = |keep: &dyn Fn(&Value) -> bool| -> Vec<Value> {
            list.iter()
                .map(|v| {
                    if admitted(v) && keep(v) {
                        v.clone()
                    } else {
                        Value::Null
                    }
                })
                .collect()
        };
        let strings = only(&|v| v.is_string() || (integer_codes && v.is_number()));
        let numbers = only(&|v| v.is_number() && !integer_codes);
        let booleans = only(&Value::is_boolean);
        if let Some(i) = list
            .iter()
            .position(|v| admitted(v) && (v.is_object() || v.is_array()))
        {
            return Err(Error::schema(
                &at.join("enum").join(&i.to_string()),
                "objects and arrays as `enum` values are not supported; describe their shape with `properties` or `items`",
            ));
        }
        let groups: Vec<(&str, Vec<Value>)> =
            [("String", strings), ("Number", numbers), ("Bool", booleans)]
                .into_iter()
                .filter(|(_, values)| values.iter().any(|v| !v.is_null()))
                .collect();
        match groups.len() {
            0 => Ok(TypeRef::Unit), // `null` alone
            1 => {
                let name = self.reserve(at)?;
                self.enum_group(at, object, &groups[0].1, name)
            }
            _ => self.mixed_enumeration(at, object, groups),
        }
    }

    /// The enum (strings) or literal (booleans, numbers) named `name` of one kind's values, in
    /// place.
    fn enum_group(
        &mut self,
        at: &Location,
        object: &Map<String, Value>,
        values: &[Value],
        name: String,
    ) -> Result<TypeRef> {
        if values.iter().any(Value::is_string) || object.contains_key("x-enum-integer-values") {
            let def = self.enum_def(
                at,
                &at.join("enum"),
                object,
                &Value::Array(values.to_vec()),
                false,
            )?;
            self.define(at, &name, object, TypeKind::Enum(def));
            return Ok(TypeRef::Named(name));
        }
        let listed: Vec<(usize, &Value)> = values
            .iter()
            .enumerate()
            .filter(|(_, v)| !v.is_null())
            .collect();
        self.literal_named(at, object, &listed, "enum", name)
    }

    /// An `enum` of several JSON kinds (`["a", 1, true]`): a union of one enum or literal per
    /// kind, each parsing only its listed values.
    fn mixed_enumeration(
        &mut self,
        at: &Location,
        object: &Map<String, Value>,
        groups: Vec<(&str, Vec<Value>)>,
    ) -> Result<TypeRef> {
        let name = self.reserve(at)?;
        // The kinds' types carry only what applies to their values, not the schema's own names.
        let mut kind_object = object.clone();
        for keyword in ["title", "x-rust-name", "description"] {
            kind_object.remove(keyword);
        }
        let mut variants = Vec::new();
        for (kind, values) in groups {
            // A key of its own per kind (`…/enum` and `#String`: never a pointer of the schema),
            // named after the schema and the kind (`ModeString`).
            let key = format!("{at}/enum#{kind}");
            let wanted = super::naming::Wanted {
                name: format!("{}{kind}", name.trim_end_matches('_')),
                explicit: false,
                at: at.clone(),
            };
            let kind_name = self.reserve_key(key, wanted, at)?;
            let ty = self.enum_group(at, &kind_object, &values, kind_name)?;
            variants.push(UnionVariant {
                ident: kind.to_string(),
                ty,
                doc: None,
                known_keys: Vec::new(),
            });
        }
        Ok(self.define_union(at, name, object, variants))
    }

    pub(super) fn constant(
        &mut self,
        at: &Location,
        object: &Map<String, Value>,
        constant: &Value,
    ) -> Result<TypeRef> {
        match constant {
            Value::Null => Ok(TypeRef::Unit),
            Value::String(_) => {
                let name = self.reserve(at)?;
                let values = Value::Array(vec![constant.clone()]);
                let def = self.enum_def(at, &at.join("const"), object, &values, false)?;
                self.define(at, &name, object, TypeKind::Enum(def));
                Ok(TypeRef::Named(name))
            }
            other => {
                let name = self.reserve(at)?;
                self.literal_named(at, object, &[(0, other)], "const", name)
            }
        }
    }

    /// Booleans or numbers of one kind, each with its index in the keyword's list: a newtype
    /// named `name` whose constants are the listed values.
    fn literal_named(
        &mut self,
        at: &Location,
        object: &Map<String, Value>,
        values: &[(usize, &Value)],
        keyword: &str,
        name: String,
    ) -> Result<TypeRef> {
        let kind_of = |v: &Value| match v {
            Value::Bool(_) => Some(LiteralKind::Bool),
            Value::Number(n) if n.is_i64() => Some(LiteralKind::Integer),
            Value::Number(n) if n.is_u64() => None,
            Value::Number(_) => Some(LiteralKind::Number),
            _ => None,
        };
        let mut kind = None;
        for (i, value) in values {
            let this = kind_of(value).ok_or_else(|| {
                Error::schema(&at.join(keyword).join(&i.to_string()), "objects and arrays as `enum`/`const` values are not supported; describe their shape with `properties`")
            })?;
            kind = Some(match (kind, this) {
                (None, k) => k,
                (Some(a), b) if a == b => a,
                (Some(LiteralKind::Integer), LiteralKind::Number) | (Some(LiteralKind::Number), LiteralKind::Integer) => LiteralKind::Number,
                _ => {
                    return Err(Error::schema(
                        &at.join(keyword),
                        "an `enum` that mixes booleans, numbers and strings is not supported; split it into a `oneOf` with one `enum` per JSON type",
                    ))
                }
            });
        }
        let kind =
            kind.ok_or_else(|| Error::schema(&at.join(keyword), "needs at least one value"))?;
        let descriptions = object.get("x-enum-descriptions").and_then(Value::as_array);
        let mut literal_values: Vec<LiteralValue> = Vec::new();
        for (i, value) in values.iter().copied() {
            let ident = literal_ident(value);
            if literal_values.iter().any(|v| v.ident == ident) {
                continue; // a repeated value
            }
            let doc = descriptions
                .and_then(|d| d.get(i))
                .and_then(Value::as_str)
                .map(str::to_string);
            literal_values.push(LiteralValue {
                ident,
                value: (*value).clone(),
                doc,
            });
        }
        self.define(
            at,
            &name,
            object,
            TypeKind::Literal(LiteralDef {
                kind,
                values: literal_values,
            }),
        );
        Ok(TypeRef::Named(name))
    }

    /// An extensible enum in the open form: its values listed in the first option of `anyOf`.
    pub(super) fn open_enumeration(
        &mut self,
        at: &Location,
        object: &Map<String, Value>,
        listed_at: &Location,
        values: &Value,
    ) -> Result<TypeRef> {
        let name = self.reserve(at)?;
        let def = self.enum_def(at, listed_at, object, values, true)?;
        self.define(at, &name, object, TypeKind::Enum(def));
        Ok(TypeRef::Named(name))
    }

    /// The enum of the schema at `at` (its `x-enum-…` keywords in `object`), whose values are
    /// `values`, found at `listed_at`.
    fn enum_def(
        &self,
        at: &Location,
        listed_at: &Location,
        object: &Map<String, Value>,
        values: &Value,
        extensible: bool,
    ) -> Result<EnumDef> {
        let values = values
            .as_array()
            .ok_or_else(|| Error::schema(listed_at, "must be an array"))?;
        let descriptions = object.get("x-enum-descriptions").and_then(Value::as_array);
        let varnames = object.get("x-enum-varnames").and_then(Value::as_array);
        let case_insensitive = flag(object, "x-enum-case-insensitive", at)?;
        if object.contains_key("x-enum-closed") {
            return Err(Error::schema(
                &at.join("x-enum-closed"),
                "`x-enum-closed` is no longer read: a plain `enum` is closed, as JSON Schema says; remove the keyword (for an extensible enum write `\"anyOf\": [{\"enum\": [...]}, {\"type\": \"string\"}]`)",
            ));
        }
        if case_insensitive && !extensible {
            return Err(Error::schema(
                &at.join("x-enum-case-insensitive"),
                "a closed enum cannot ignore case: standard validators compare `enum` values exactly and would reject what the parser accepts; write it open (`\"anyOf\": [{\"enum\": [...]}, {\"type\": \"string\"}]`), or list each spelling in `enum` and map it in `x-enum-aliases`",
            ));
        }
        let aliases = string_map(object, "x-enum-aliases", at)?;
        let integers = string_map(object, "x-enum-integer-values", at)?;
        let mut variants: Vec<VariantDef> = Vec::new();
        // Whether each variant's name was given (`x-enum-varnames`) rather than derived.
        let mut given: Vec<bool> = Vec::new();
        for (i, value) in values.iter().enumerate() {
            let value = match value {
                // Another spelling of a listed value: resolved below, not a variant of its own.
                Value::String(s) if aliases.iter().any(|(alias, _)| alias == s) => continue,
                Value::String(s) => s.clone(),
                Value::Null => continue,
                Value::Number(n) if integers.iter().any(|(code, _)| *code == n.to_string()) => continue,
                _ => {
                    return Err(Error::schema(
                        &listed_at.join(&i.to_string()),
                        "this `enum` mixes strings with other values: split it into a `oneOf` with one `enum` per JSON type, or, when the number stands for a listed string, map it in `x-enum-integer-values`",
                    ))
                }
            };
            let (ident, named) = match varnames.and_then(|v| v.get(i)) {
                Some(Value::String(name)) if rust_idents::is_identifier(name) => {
                    (name.clone(), true)
                }
                Some(_) => {
                    return Err(Error::schema(
                        &at.join("x-enum-varnames").join(&i.to_string()),
                        "must be a string that is a Rust identifier",
                    ))
                }
                None => (rust_idents::upper_camel(&value), false),
            };
            if variants.iter().any(|v| v.value == value) {
                continue; // listed twice: one value
            }
            if let Some(clash) = variants
                .iter()
                .zip(&given)
                .find(|(v, v_named)| {
                    (v.ident == ident && named && **v_named)
                        || (case_insensitive && v.value.eq_ignore_ascii_case(&value))
                })
                .map(|(v, _)| v)
            {
                return Err(Error::schema(
                    &listed_at.join(&i.to_string()),
                    if case_insensitive && clash.value.eq_ignore_ascii_case(&value) {
                        format!(
                            "value `{value}` is `{}` ignoring case, as this enum compares values: list one spelling, and the other in `x-enum-aliases`",
                            clash.value
                        )
                    } else {
                        format!(
                            "value `{value}` is given the variant name `{}` of `{}` in `x-enum-varnames`; give it another name there",
                            clash.ident, clash.value
                        )
                    },
                ));
            }
            let doc = descriptions
                .and_then(|d| d.get(i))
                .and_then(Value::as_str)
                .map(str::to_string);
            variants.push(VariantDef {
                ident,
                value,
                doc,
                origin: listed_at.join(&i.to_string()),
            });
            given.push(named);
        }
        distinct_variant_idents(&mut variants, &given);
        if variants.is_empty() {
            return Err(Error::schema(
                listed_at,
                "an enum needs at least one string value",
            ));
        }
        let catch_all = ["Other", "UnrecognizedValue"]
            .into_iter()
            .find(|candidate| variants.iter().all(|v| v.ident != *candidate))
            .unwrap_or("UnrecognizedValue")
            .to_string();
        let variant_of = |keyword: &str, key: &str, value: &str| -> Result<String> {
            variants
                .iter()
                .find(|v| v.value == value)
                .map(|v| v.ident.clone())
                .ok_or_else(|| {
                    Error::schema(
                        &at.join(keyword).join(key),
                        format!("`{value}` is not a value listed in `enum`"),
                    )
                })
        };
        let mut alias_variants = Vec::new();
        for (alias, value) in &aliases {
            if !values.contains(&Value::String(alias.clone())) {
                return Err(Error::schema(
                    &at.join("x-enum-aliases").join(alias),
                    format!("list `{alias}` in `enum` too, so that standard validators accept it"),
                ));
            }
            alias_variants.push((alias.clone(), variant_of("x-enum-aliases", alias, value)?));
        }
        let mut integer_values = Vec::new();
        for (code, value) in &integers {
            let at_code = at.join("x-enum-integer-values").join(code);
            let number: i64 = code
                .parse()
                .map_err(|_| Error::schema(&at_code, "keys must be integers"))?;
            if !values.iter().any(|v| v.as_i64() == Some(number)) {
                return Err(Error::schema(
                    &at_code,
                    format!("list {number} in `enum` too, so that standard validators accept it"),
                ));
            }
            integer_values.push((number, variant_of("x-enum-integer-values", code, value)?));
        }
        Ok(EnumDef {
            variants,
            extensible,
            case_insensitive,
            catch_all,
            aliases: alias_variants,
            integer_values,
        })
    }
}

/// The constant naming a literal value: `TRUE`, `N_200`, `MINUS_1`, `N_2_5`.
fn literal_ident(value: &Value) -> String {
    let text = value.to_string();
    match text.strip_prefix('-') {
        Some(rest) => format!(
            "MINUS_{}",
            rust_idents::screaming(rest).trim_start_matches("N_")
        ),
        None => rust_idents::screaming(&text),
    }
}

/// An object of string values (`x-enum-aliases`, `x-enum-integer-values`), in key order.
fn string_map(
    object: &Map<String, Value>,
    key: &str,
    at: &Location,
) -> Result<Vec<(String, String)>> {
    let Some(value) = object.get(key) else {
        return Ok(Vec::new());
    };
    let entries = value
        .as_object()
        .ok_or_else(|| Error::schema(&at.join(key), "must be an object of strings"))?;
    entries
        .iter()
        .map(|(k, v)| match v {
            Value::String(v) => Ok((k.clone(), v.clone())),
            _ => Err(Error::schema(&at.join(key).join(k), "must be a string")),
        })
        .collect()
}

/// The listed values' schema when `options` (of `anyOf` or `oneOf`) has the open form of an
/// extensible enum, `[{"enum": [...]}, {"type": "string"}]`. The one definition of that shape:
/// lowering reads it, and `eventgen validate` narrows it to the listed values.
pub(crate) fn open_form(options: &[Value]) -> Option<&Map<String, Value>> {
    let [listed, open] = options else {
        return None;
    };
    let any_string = open
        .as_object()
        .is_some_and(|o| o.len() == 1 && o.get("type") == Some(&Value::from("string")));
    listed
        .as_object()
        .filter(|l| any_string && l.contains_key("enum"))
}

/// The open form of an extensible enum under `anyOf` ([`open_form`]): standard validators
/// accept any string, the generator and the docs keep the listed values. Returns where the
/// values are listed and the list. The same shape under `oneOf` is an error, since a validator
/// rejects every listed value there (it matches both options).
pub(super) fn open_enum<'s>(
    object: &'s Map<String, Value>,
    at: &Location,
) -> Result<Option<(Location, &'s Value)>> {
    for keyword in ["anyOf", "oneOf"] {
        let Some(Value::Array(options)) = object.get(keyword) else {
            continue;
        };
        let Some(listed_object) = open_form(options) else {
            continue;
        };
        let listed_at = at.join(keyword).join("0");
        if keyword == "oneOf" {
            return Err(Error::schema(
                &at.join("oneOf"),
                "every listed value matches both options of this `oneOf`, so a standard validator rejects it; write the open enum with `anyOf`",
            ));
        }
        if let Some(other) = listed_object
            .keys()
            .find(|k| !matches!(k.as_str(), "enum" | "type"))
        {
            return Err(Error::schema(
                &listed_at.join(other),
                "the listed values of an open enum carry only `enum` (and `type`); put `title`, `description` and the `x-enum-…` keywords beside `anyOf`",
            ));
        }
        match object.get("type") {
            None => {}
            Some(Value::String(t)) if t == "string" => {}
            Some(Value::Array(ts)) if ts.iter().any(|t| t == "string") => {}
            Some(_) => {
                return Err(Error::schema(
                    &at.join("type"),
                    "an open enum is a string: its `type`, when given, must admit \"string\"",
                ))
            }
        }
        return Ok(Some((listed_at.join("enum"), &listed_object["enum"])));
    }
    Ok(None)
}

/// Derived variant names that coincide (`Any` and `any`) are told apart deterministically: the
/// first value in `enum` order keeps the name, the others take the lowest free number after it
/// (`Any2`), never a name another value has or is given (`x-enum-varnames` names it instead).
fn distinct_variant_idents(variants: &mut [VariantDef], given: &[bool]) {
    let mut taken: std::collections::BTreeSet<String> =
        variants.iter().map(|v| v.ident.clone()).collect();
    for i in 0..variants.len() {
        let clashes = variants[..i]
            .iter()
            .any(|earlier| earlier.ident == variants[i].ident);
        // A given name never changes; a derived one clashing with a given one moves instead.
        let clashes_given = !given[i]
            && variants
                .iter()
                .zip(given)
                .enumerate()
                .any(|(j, (v, named))| j != i && *named && v.ident == variants[i].ident);
        if given[i] || !(clashes || clashes_given) {
            continue;
        }
        let base = variants[i].ident.clone();
        let mut n = 2;
        while taken.contains(&format!("{base}{n}")) {
            n += 1;
        }
        variants[i].ident = format!("{base}{n}");
        taken.insert(variants[i].ident.clone());
    }
}

/// The kinds the `type` keyword admits, `null` included; `None` when it is absent.
fn type_keyword(object: &Map<String, Value>, at: &Location) -> Result<Option<Vec<String>>> {
    match object.get("type") {
        None => Ok(None),
        Some(Value::String(kind)) => Ok(Some(vec![kind.clone()])),
        Some(Value::Array(kinds)) => kinds
            .iter()
            .map(|k| {
                k.as_str().map(str::to_string).ok_or_else(|| {
                    Error::schema(&at.join("type"), "must be a string or an array of strings")
                })
            })
            .collect::<Result<_>>()
            .map(Some),
        Some(_) => Err(Error::schema(
            &at.join("type"),
            "must be a string or an array of strings",
        )),
    }
}

/// Whether `value` is of the JSON Schema kind `kind` (an integer is any number without a
/// fractional part, `1.0` included).
fn is_of_kind(value: &Value, kind: &str) -> bool {
    match kind {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        "number" => value.is_number(),
        "integer" => {
            value.as_f64().is_some_and(|n| n.fract() == 0.0) || value.is_i64() || value.is_u64()
        }
        "object" => value.is_object(),
        "array" => value.is_array(),
        _ => false,
    }
}
