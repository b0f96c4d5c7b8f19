//! Lowering: JSON Schema (already loaded, references resolved on demand) to the IR.
//!
//! Two phases, as in typify: a named type's name is reserved when it is first reached (so
//! recursive references resolve to it), then its body is converted. Types are keyed by their
//! canonical location, so a definition reached through several `$ref`s is one type.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::error::{Error, Location, Result};
use crate::ir::*;
use crate::load::SchemaSet;
use crate::names;
use crate::resolve::resolve_ref;

/// Keywords that change what a value may be and that the generator cannot honour. Using one is
/// an error rather than a silently looser type.
const UNSUPPORTED: &[&str] = &[
    "not", "if", "then", "else", "patternProperties", "prefixItems", "dependentSchemas", "unevaluatedProperties",
    "$dynamicRef", "propertyNames",
];

/// How many `$ref`s may follow each other before the chain counts as a cycle.
const MAX_REFERENCE_CHAIN: usize = 32;

pub fn lower(set: &SchemaSet) -> Result<Model> {
    let mut lowering = Lowering { set, named: BTreeMap::new(), names: BTreeMap::new(), types: BTreeMap::new(), ref_depth: 0, base_locations: BTreeMap::new() };
    let mut events: Vec<EventDef> = Vec::new();
    for (file, document) in &set.files {
        let Some(event_type) = document.get("x-event-type") else { continue };
        let at = Location::new(file.clone(), "");
        let event_type = event_type
            .as_str()
            .ok_or_else(|| Error::schema(&at.join("x-event-type"), "must be a string"))?
            .to_string();
        let data_version = match document.get("x-data-version") {
            None => None,
            Some(Value::String(v)) => Some(v.clone()),
            Some(_) => return Err(Error::schema(&at.join("x-data-version"), "must be a string")),
        };
        let title = document
            .get("title")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::schema(&at, "an event schema needs a `title` naming its payload model"))?;
        let (payload, _) = lowering.type_of(&at, title)?;
        let TypeRef::Named(payload) = payload else {
            return Err(Error::schema(&at, "an event schema must describe an object"));
        };
        if !matches!(lowering.types.get(&payload).map(|t| &t.kind), Some(TypeKind::Struct(_))) {
            return Err(Error::schema(&at, "an event schema must describe an object"));
        }
        let feature = match document.get("x-cargo-feature") {
            None => None,
            Some(Value::String(name)) if is_feature_name(name) => Some(name.clone()),
            Some(_) => {
                return Err(Error::schema(
                    &at.join("x-cargo-feature"),
                    "must be a cargo feature name (letters, digits, `-` and `_`), declared in the crate's Cargo.toml",
                ))
            }
        };
        let suffix = event_type.rsplit('.').next().unwrap_or(&event_type);
        let variant = match document.get("x-variant-name") {
            Some(Value::String(name)) if names::is_identifier(name) => name.clone(),
            Some(_) => return Err(Error::schema(&at.join("x-variant-name"), "must be a string that is a Rust identifier")),
            None => names::upper_camel(suffix),
        };
        if let Some(other) = events.iter().find(|e| e.event_type.eq_ignore_ascii_case(&event_type) || e.variant == variant) {
            return Err(Error::schema(
                &at.join("x-event-type"),
                format!("event `{event_type}` (variant `{variant}`) clashes with `{}` declared in {}", other.event_type, other.origin.file),
            ));
        }
        events.push(EventDef {
            constant: names::screaming(&variant),
            event_type,
            data_version,
            variant,
            payload,
            doc: document.get("description").and_then(Value::as_str).map(str::to_string),
            origin: at,
            feature,
        });
    }
    events.sort_by(|a, b| a.event_type.cmp(&b.event_type));

    let bases = lowering.base_models()?;
    let mut types: Vec<TypeDef> = lowering.types.into_values().collect();
    mark_boxed_fields(&mut types);
    types.sort_by(|a, b| (&a.module, &a.name).cmp(&(&b.module, &b.name)));
    let mut model = Model { types, events, bases };
    crate::gating::assign_features(&mut model);
    Ok(model)
}

fn is_feature_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

struct Lowering<'a> {
    set: &'a SchemaSet,
    /// Canonical location → the name reserved for the type defined there.
    named: BTreeMap<Location, String>,
    /// Name → the location that owns it (to report clashes).
    names: BTreeMap<String, Location>,
    types: BTreeMap<String, TypeDef>,
    /// How many `$ref`s the current lookup has followed without reaching a named type.
    ref_depth: usize,
    /// Every `allOf` base reached: name → location.
    base_locations: BTreeMap<String, Location>,
}

impl<'a> Lowering<'a> {
    /// The Rust type of the schema at `at`, and whether `null` is allowed. `hint` names the type
    /// if the schema needs a named type and has no `title`.
    fn type_of(&mut self, at: &Location, hint: &str) -> Result<(TypeRef, bool)> {
        let node = self.set.node(at)?;
        let object = match node {
            Value::Bool(true) => return Ok((TypeRef::Any, false)),
            Value::Object(object) => object,
            _ => return Err(Error::schema(at, "a schema must be an object or `true`")),
        };
        for keyword in UNSUPPORTED {
            if object.contains_key(*keyword) {
                return Err(Error::schema(&at.join(keyword), format!("`{keyword}` is not supported")));
            }
        }
        if let Some(reference) = object.get("$ref") {
            let reference = reference.as_str().ok_or_else(|| Error::schema(&at.join("$ref"), "must be a string"))?;
            let target = resolve_ref(at, reference)?;
            if let Err(Error::Schema { message, .. }) = self.set.node(&target) {
                return Err(Error::schema(&at.join("$ref"), format!("`{reference}` does not resolve: {message}")));
            }
            let target_hint = target.pointer.rsplit('/').next().filter(|s| !s.is_empty()).unwrap_or(hint).to_string();
            // A chain of references that only points at other references never reaches a type.
            if self.ref_depth >= MAX_REFERENCE_CHAIN {
                return Err(Error::schema(at, "reference cycle: the `$ref` chain never reaches a schema"));
            }
            self.ref_depth += 1;
            let resolved = self.type_of(&target, &target_hint);
            self.ref_depth -= 1;
            return resolved;
        }
        if let Some(name) = self.named.get(at) {
            return Ok((TypeRef::Named(name.clone()), false));
        }
        let saved_depth = std::mem::replace(&mut self.ref_depth, 0);
        let result = self.type_of_body(at, object, hint);
        self.ref_depth = saved_depth;
        result
    }

    fn type_of_body(&mut self, at: &Location, object: &Map<String, Value>, hint: &str) -> Result<(TypeRef, bool)> {

        let (mut types, nullable) = declared_types(object, at)?;
        if flag(object, "x-string-or-number", at)? {
            // The wire allows both; the Rust type is the integer.
            types.retain(|t| t != "string");
        }
        if let Some(values) = object.get("enum") {
            let name = self.reserve(at, object, hint)?;
            let def = self.enum_def(at, object, values)?;
            self.define(at, &name, object, TypeKind::Enum(def));
            return Ok((TypeRef::Named(name), nullable || values.as_array().is_some_and(|v| v.contains(&Value::Null))));
        }
        if let Some(constant) = object.get("const") {
            let Value::String(_) = constant else {
                return Err(Error::schema(&at.join("const"), "only string constants are supported"));
            };
            let name = self.reserve(at, object, hint)?;
            let mut def = self.enum_def(at, object, &Value::Array(vec![constant.clone()]))?;
            def.extensible = false;
            self.define(at, &name, object, TypeKind::Enum(def));
            return Ok((TypeRef::Named(name), nullable));
        }
        for keyword in ["oneOf", "anyOf"] {
            if keyword == "anyOf" && required_alternatives(object).is_some() {
                continue; // which keys must be present, not which shapes the value may take
            }
            if let Some(options) = object.get(keyword) {
                return self.union(at, object, keyword, options, hint, nullable);
            }
        }
        let is_object = types.iter().any(|t| t == "object")
            || (types.is_empty() && (object.contains_key("properties") || object.contains_key("allOf")));
        if is_object {
            // A model: declared fields, bases, or a titled object that is not a map of values.
            let is_model = object.contains_key("properties")
                || object.contains_key("allOf")
                || (object.contains_key("title") && !matches!(object.get("additionalProperties"), Some(Value::Object(_))));
            if is_model {
                if matches!(object.get("additionalProperties"), Some(Value::Object(_))) {
                    return Err(Error::schema(
                        &at.join("additionalProperties"),
                        "an object with both `properties` and an `additionalProperties` schema is not supported",
                    ));
                }
                let name = self.reserve(at, object, hint)?;
                let def = self.struct_def(at, &name)?;
                self.define(at, &name, object, TypeKind::Struct(def));
                return Ok((TypeRef::Named(name), nullable));
            }
            let values = match object.get("additionalProperties") {
                None | Some(Value::Bool(true)) => TypeRef::Any,
                Some(Value::Bool(false)) => {
                    return Err(Error::schema(at, "an object with no properties and `additionalProperties: false` has no values"))
                }
                Some(_) => {
                    let (values, _) = self.type_of(&at.join("additionalProperties"), &format!("{hint}Value"))?;
                    values
                }
            };
            return Ok((TypeRef::Map(Box::new(values)), nullable));
        }
        let ty = match types.as_slice() {
            [] => TypeRef::Any,
            [single] => match single.as_str() {
                "string" => match object.get("format").and_then(Value::as_str) {
                    Some("date-time") => TypeRef::DateTime,
                    _ => TypeRef::String,
                },
                "integer" => match object.get("format").and_then(Value::as_str) {
                    Some("int32") => TypeRef::I32,
                    None | Some("int64") => TypeRef::I64,
                    Some(other) => {
                        return Err(Error::schema(&at.join("format"), format!("integer format `{other}` is not supported (use int32 or int64)")))
                    }
                },
                "number" => TypeRef::F64,
                "boolean" => TypeRef::Bool,
                "array" => {
                    let items = match object.get("items") {
                        None => TypeRef::Any,
                        Some(_) => self.type_of(&at.join("items"), &format!("{hint}Item"))?.0,
                    };
                    TypeRef::Array(Box::new(items))
                }
                "null" => return Err(Error::schema(&at.join("type"), "a schema that only allows `null` is not supported")),
                other => return Err(Error::schema(&at.join("type"), format!("unknown type `{other}`"))),
            },
            _ => {
                return Err(Error::schema(
                    &at.join("type"),
                    format!("values of several types ({}) are not supported; use oneOf with named types", types.join(", ")),
                ))
            }
        };
        Ok((ty, nullable))
    }

    /// Reserve the type name for the schema at `at` before converting its body.
    fn reserve(&mut self, at: &Location, object: &Map<String, Value>, hint: &str) -> Result<String> {
        let name = match object.get("title").and_then(Value::as_str) {
            Some(title) => names::type_name(title),
            None => names::type_name(hint),
        };
        if let Some(owner) = self.names.get(&name) {
            if owner != at {
                return Err(Error::schema(at, format!("type name `{name}` is already used by the schema at {owner}; give one of them another `title`")));
            }
        }
        self.names.insert(name.clone(), at.clone());
        self.named.insert(at.clone(), name.clone());
        Ok(name)
    }

    fn define(&mut self, at: &Location, name: &str, object: &Map<String, Value>, kind: TypeKind) {
        let module = module_of(&at.file);
        let doc = object.get("description").and_then(Value::as_str).map(str::to_string);
        let def = TypeDef { name: name.to_string(), module, doc, origin: at.clone(), features: Vec::new(), kind };
        self.types.insert(name.to_string(), def);
    }

    fn enum_def(&self, at: &Location, object: &Map<String, Value>, values: &Value) -> Result<EnumDef> {
        let values = values.as_array().ok_or_else(|| Error::schema(&at.join("enum"), "must be an array"))?;
        let descriptions = object.get("x-enum-descriptions").and_then(Value::as_array);
        let varnames = object.get("x-enum-varnames").and_then(Value::as_array);
        let case_insensitive = flag(object, "x-enum-case-insensitive", at)?;
        let extensible = !flag(object, "x-enum-closed", at)?;
        let aliases = string_map(object, "x-enum-aliases", at)?;
        let integers = string_map(object, "x-enum-integer-values", at)?;
        let mut variants: Vec<VariantDef> = Vec::new();
        for (i, value) in values.iter().enumerate() {
            let value = match value {
                // Another spelling of a listed value: resolved below, not a variant of its own.
                Value::String(s) if aliases.iter().any(|(alias, _)| alias == s) => continue,
                Value::String(s) => s.clone(),
                Value::Null => continue,
                Value::Number(n) if integers.iter().any(|(code, _)| *code == n.to_string()) => continue,
                _ => {
                    return Err(Error::schema(
                        &at.join("enum").join(&i.to_string()),
                        "only string enum values are supported; an integer that stands for a listed value belongs in `x-enum-integer-values`",
                    ))
                }
            };
            let ident = match varnames.and_then(|v| v.get(i)) {
                Some(Value::String(name)) if names::is_identifier(name) => name.clone(),
                Some(_) => {
                    return Err(Error::schema(&at.join("x-enum-varnames").join(&i.to_string()), "must be a string that is a Rust identifier"))
                }
                None => names::upper_camel(&value),
            };
            if let Some(clash) = variants.iter().find(|v| {
                v.ident == ident || v.value == value || (case_insensitive && v.value.eq_ignore_ascii_case(&value))
            }) {
                return Err(Error::schema(
                    &at.join("enum").join(&i.to_string()),
                    format!("value `{value}` clashes with `{}` (variant `{}`)", clash.value, clash.ident),
                ));
            }
            let doc = descriptions.and_then(|d| d.get(i)).and_then(Value::as_str).map(str::to_string);
            variants.push(VariantDef { ident, value, doc });
        }
        if variants.is_empty() {
            return Err(Error::schema(&at.join("enum"), "an enum needs at least one string value"));
        }
        let catch_all = ["Other", "UnrecognizedValue"]
            .into_iter()
            .find(|candidate| variants.iter().all(|v| v.ident != *candidate))
            .unwrap_or("UnrecognizedValue")
            .to_string();
        let variant_of = |keyword: &str, key: &str, value: &str| -> Result<String> {
            variants.iter().find(|v| v.value == value).map(|v| v.ident.clone()).ok_or_else(|| {
                Error::schema(&at.join(keyword).join(key), format!("`{value}` is not a value listed in `enum`"))
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
            let number: i64 = code.parse().map_err(|_| Error::schema(&at_code, "keys must be integers"))?;
            if !values.iter().any(|v| v.as_i64() == Some(number)) {
                return Err(Error::schema(&at_code, format!("list {number} in `enum` too, so that standard validators accept it")));
            }
            integer_values.push((number, variant_of("x-enum-integer-values", code, value)?));
        }
        Ok(EnumDef { variants, extensible, case_insensitive, catch_all, aliases: alias_variants, integer_values })
    }

    fn union(&mut self, at: &Location, object: &Map<String, Value>, keyword: &str, options: &Value, hint: &str, nullable: bool) -> Result<(TypeRef, bool)> {
        let at_options = at.join(keyword);
        let options = options.as_array().ok_or_else(|| Error::schema(&at_options, "must be an array"))?;
        let is_null = |v: &Value| v.get("type").and_then(Value::as_str) == Some("null");
        let non_null: Vec<usize> = (0..options.len()).filter(|&i| !is_null(&options[i])).collect();
        let nullable = nullable || non_null.len() < options.len();
        if let [only] = non_null.as_slice() {
            let (ty, inner_nullable) = self.type_of(&at_options.join(&only.to_string()), hint)?;
            return Ok((ty, nullable || inner_nullable));
        }
        if non_null.is_empty() {
            return Err(Error::schema(&at_options, "needs at least one non-null schema"));
        }
        let name = self.reserve(at, object, hint)?;
        let mut variants: Vec<UnionVariant> = Vec::new();
        for i in non_null {
            let option_at = at_options.join(&i.to_string());
            let (ty, _) = self.type_of(&option_at, &format!("{name}Variant{i}"))?;
            let ident = match &ty {
                TypeRef::Named(n) => n.clone(),
                TypeRef::String => "String".into(),
                TypeRef::Bool => "Bool".into(),
                TypeRef::I32 | TypeRef::I64 => "Integer".into(),
                TypeRef::F64 => "Number".into(),
                TypeRef::DateTime => {
                    return Err(Error::schema(&option_at, "a date-time inside oneOf/anyOf is not supported; give it a named wrapper"))
                }
                TypeRef::Any => "Value".into(),
                TypeRef::Array(_) => "Array".into(),
                TypeRef::Map(_) => "Map".into(),
            };
            if variants.iter().any(|v| v.ident == ident) {
                return Err(Error::schema(&option_at, format!("two options of `{name}` would both be variant `{ident}`; give them titles")));
            }
            let doc = self.set.node(&option_at)?.get("description").and_then(Value::as_str).map(str::to_string);
            variants.push(UnionVariant { ident, ty, doc });
        }
        self.define(at, &name, object, TypeKind::Union(UnionDef { variants }));
        Ok((TypeRef::Named(name), nullable))
    }

    /// The base models reached through `allOf`, each with the fields it declares itself.
    fn base_models(&mut self) -> Result<Vec<BaseDef>> {
        let mut bases = Vec::new();
        let mut pending: Vec<(String, Location)> = self.base_locations.clone().into_iter().collect();
        while let Some((name, at)) = pending.pop() {
            if self.types.contains_key(&name) {
                // Also used as a value: its struct already carries the name; no trait.
                continue;
            }
            let def = self.struct_def(&at, &name)?;
            let own_fields = def.fields.into_iter().filter(|f| f.inherited_from.is_none()).collect();
            let object = self.set.node(&at)?;
            let mut extends = Vec::new();
            for (i, member) in object.get("allOf").and_then(Value::as_array).into_iter().flatten().enumerate() {
                if let Some(reference) = member.get("$ref").and_then(Value::as_str) {
                    let target = resolve_ref(&at.join("allOf").join(&i.to_string()), reference)?;
                    extends.extend(self.base_locations.iter().find(|(_, l)| **l == target).map(|(n, _)| n.clone()));
                }
            }
            bases.push(BaseDef {
                doc: object.get("description").and_then(Value::as_str).map(str::to_string),
                module: module_of(&at.file),
                origin: at,
                features: Vec::new(),
                name,
                extends,
                own_fields,
            });
        }
        bases.sort_by(|a, b| (&a.module, &a.name).cmp(&(&b.module, &b.name)));
        Ok(bases)
    }

    /// Fields of an object schema: those of its `allOf` bases first, then its own, in order.
    fn struct_def(&mut self, at: &Location, name: &str) -> Result<StructDef> {
        let mut fields: Vec<FieldDef> = Vec::new();
        let mut required: BTreeSet<String> = BTreeSet::new();
        let mut bases: Vec<String> = Vec::new();
        let mut visiting = BTreeSet::new();
        let mut alternatives: Vec<Vec<Vec<String>>> = Vec::new();
        let mut collected = Collected { fields: &mut fields, required: &mut required, alternatives: &mut alternatives, bases: &mut bases };
        self.collect_fields(at, name, None, &mut collected, &mut visiting)?;
        for field in &mut fields {
            // Required when listed, or when every alternative of some `anyOf` of `required`
            // lists names the field or one of its aliases (camelCase or PascalCase payloads).
            let named_in = |branch: &Vec<String>| branch.iter().any(|key| *key == field.wire_name || field.aliases.contains(key));
            field.required = required.contains(&field.wire_name)
                || alternatives.iter().any(|branches| branches.iter().all(&named_in));
        }
        let mut seen = BTreeMap::new();
        for field in &fields {
            if let Some(other) = seen.insert(field.rust_name.clone(), field.wire_name.clone()) {
                return Err(Error::schema(
                    &at.join("properties"),
                    format!("properties `{other}` and `{}` both become field `{}`", field.wire_name, field.rust_name),
                ));
            }
        }
        Ok(StructDef { bases, fields })
    }

    fn collect_fields(
        &mut self,
        at: &Location,
        owner: &str,
        inherited_from: Option<&str>,
        out: &mut Collected<'_>,
        visiting: &mut BTreeSet<Location>,
    ) -> Result<()> {
        if !visiting.insert(at.clone()) {
            return Err(Error::schema(at, "allOf cycle: a model cannot extend itself"));
        }
        let object = self.set.node(at)?.as_object().ok_or_else(|| Error::schema(at, "an allOf member must be an object schema"))?.clone();
        if let Some(all_of) = object.get("allOf") {
            let list = all_of.as_array().ok_or_else(|| Error::schema(&at.join("allOf"), "must be an array"))?;
            for (i, member) in list.iter().enumerate() {
                let member_at = at.join("allOf").join(&i.to_string());
                let member = member.as_object().ok_or_else(|| Error::schema(&member_at, "must be an object schema"))?;
                match member.get("$ref").and_then(Value::as_str) {
                    Some(reference) => {
                        let target = resolve_ref(&member_at, reference)?;
                        let target_node = self.set.node(&target).map_err(|e| match e {
                            Error::Schema { message, .. } => {
                                Error::schema(&member_at.join("$ref"), format!("`{reference}` does not resolve: {message}"))
                            }
                            other => other,
                        })?;
                        let base_name = target_node
                            .get("title")
                            .and_then(Value::as_str)
                            .map(names::type_name)
                            .unwrap_or_else(|| names::type_name(target.pointer.rsplit('/').next().unwrap_or(owner)));
                        out.bases.push(base_name.clone());
                        if let Some(other) = self.base_locations.insert(base_name.clone(), target.clone()) {
                            if other != target {
                                return Err(Error::schema(&target, format!("base model name `{base_name}` is also used by {other}")));
                            }
                        }
                        self.collect_fields(&target, &base_name, Some(&base_name), out, visiting)?;
                    }
                    None => self.collect_fields(&member_at, owner, inherited_from, out, visiting)?,
                }
            }
        }
        if let Some(list) = object.get("required") {
            let list = list.as_array().ok_or_else(|| Error::schema(&at.join("required"), "must be an array of property names"))?;
            for item in list {
                let name = item.as_str().ok_or_else(|| Error::schema(&at.join("required"), "must be an array of property names"))?;
                out.required.insert(name.to_string());
            }
        }
        if let Some(alternatives) = required_alternatives(&object) {
            out.alternatives.push(alternatives);
        }
        if let Some(properties) = object.get("properties") {
            let properties = properties.as_object().ok_or_else(|| Error::schema(&at.join("properties"), "must be an object"))?;
            for (wire_name, schema) in properties {
                let field_at = at.join("properties").join(wire_name);
                let field = self.field(&field_at, owner, inherited_from, wire_name, schema)?;
                match out.fields.iter_mut().find(|f| f.wire_name == *wire_name) {
                    Some(existing) => *existing = field, // a derived model refines a base property
                    None => out.fields.push(field),
                }
            }
        }
        visiting.remove(at);
        Ok(())
    }

    fn field(&mut self, at: &Location, owner: &str, inherited_from: Option<&str>, wire_name: &str, schema: &Value) -> Result<FieldDef> {
        let hint = format!("{owner}{}", names::upper_camel(wire_name));
        let (ty, nullable) = self.type_of(at, &hint)?;
        let object = schema.as_object();
        let get = |key: &str| object.and_then(|o| o.get(key));
        let aliases = match get("x-aliases") {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .map(|i| i.as_str().map(str::to_string).ok_or_else(|| Error::schema(&at.join("x-aliases"), "must be an array of strings")))
                .collect::<Result<_>>()?,
            Some(_) => return Err(Error::schema(&at.join("x-aliases"), "must be an array of strings")),
        };
        let string_or_number = match object {
            Some(o) => flag(o, "x-string-or-number", at)?,
            None => false,
        };
        if string_or_number && !(ty.is_integer() || ty == TypeRef::F64) {
            return Err(Error::schema(&at.join("x-string-or-number"), "only applies to integer and number properties"));
        }
        let lenient_date_time = match object {
            Some(o) => flag(o, "x-lenient-date-time", at)?,
            None => false,
        };
        if lenient_date_time && ty != TypeRef::DateTime {
            return Err(Error::schema(&at.join("x-lenient-date-time"), "only applies to `format: date-time` properties"));
        }
        if matches!(&ty, TypeRef::Array(inner) | TypeRef::Map(inner) if **inner == TypeRef::DateTime) {
            return Err(Error::schema(at, "date-time values inside arrays or maps are not supported"));
        }
        let deprecated = get("deprecated").and_then(Value::as_bool).unwrap_or(false);
        Ok(FieldDef {
            rust_name: names::snake(wire_name),
            wire_name: wire_name.to_string(),
            aliases,
            ty,
            required: false,
            nullable,
            string_or_number,
            lenient_date_time,
            boxed: false,
            default: get("default").cloned(),
            deprecated,
            doc: get("description").and_then(Value::as_str).map(str::to_string),
            inherited_from: inherited_from.map(str::to_string),
        })
    }
}

/// What `collect_fields` gathers across an `allOf` tree.
struct Collected<'c> {
    fields: &'c mut Vec<FieldDef>,
    required: &'c mut BTreeSet<String>,
    /// Each `anyOf` whose members only list `required` keys: the key lists of its branches.
    alternatives: &'c mut Vec<Vec<Vec<String>>>,
    bases: &'c mut Vec<String>,
}

/// `anyOf: [{"required": [...]}, …]` with nothing else in the branches: alternative key sets
/// of which one must be present (how the schemas state "camelCase or PascalCase").
fn required_alternatives(object: &Map<String, Value>) -> Option<Vec<Vec<String>>> {
    let branches = object.get("anyOf")?.as_array()?;
    if branches.is_empty() {
        return None;
    }
    branches
        .iter()
        .map(|branch| {
            let branch = branch.as_object().filter(|b| b.len() == 1)?;
            branch.get("required")?.as_array()?.iter().map(|k| k.as_str().map(str::to_string)).collect()
        })
        .collect()
}

/// An object of string values (`x-enum-aliases`, `x-enum-integer-values`), in key order.
fn string_map(object: &Map<String, Value>, key: &str, at: &Location) -> Result<Vec<(String, String)>> {
    let Some(value) = object.get(key) else { return Ok(Vec::new()) };
    let entries = value.as_object().ok_or_else(|| Error::schema(&at.join(key), "must be an object of strings"))?;
    entries
        .iter()
        .map(|(k, v)| match v {
            Value::String(v) => Ok((k.clone(), v.clone())),
            _ => Err(Error::schema(&at.join(key).join(k), "must be a string")),
        })
        .collect()
}

fn flag(object: &Map<String, Value>, key: &str, at: &Location) -> Result<bool> {
    match object.get(key) {
        None => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(Error::schema(&at.join(key), "must be true or false")),
    }
}

/// The `type` keyword as a list, with `null` split off as nullability.
fn declared_types(object: &Map<String, Value>, at: &Location) -> Result<(Vec<String>, bool)> {
    let mut types = match object.get("type") {
        None => Vec::new(),
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(list)) => list
            .iter()
            .map(|t| t.as_str().map(str::to_string).ok_or_else(|| Error::schema(&at.join("type"), "must be a string or an array of strings")))
            .collect::<Result<_>>()?,
        Some(_) => return Err(Error::schema(&at.join("type"), "must be a string or an array of strings")),
    };
    let nullable = types.iter().any(|t| t == "null") && types.len() > 1;
    if nullable {
        types.retain(|t| t != "null");
    }
    Ok((types, nullable))
}

/// The generated file (module) of a schema file: its top-level directory, or its stem.
fn module_of(file: &str) -> String {
    let first = file.split('/').next().unwrap_or(file);
    let first = if file.contains('/') { first } else { first.trim_end_matches(".json") };
    names::snake(first)
}

/// Box every field whose type directly contains (not through a Vec or map) the struct itself.
fn mark_boxed_fields(types: &mut [TypeDef]) {
    let direct: BTreeMap<String, Vec<String>> = types
        .iter()
        .map(|t| {
            let targets = match &t.kind {
                TypeKind::Struct(s) => s.fields.iter().filter_map(|f| named(&f.ty)).collect(),
                TypeKind::Union(u) => u.variants.iter().filter_map(|v| named(&v.ty)).collect(),
                TypeKind::Enum(_) => Vec::new(),
            };
            (t.name.clone(), targets)
        })
        .collect();
    let reaches = |from: &str, to: &str| -> bool {
        let mut stack = vec![from.to_string()];
        let mut seen = BTreeSet::new();
        while let Some(current) = stack.pop() {
            if current == to {
                return true;
            }
            if seen.insert(current.clone()) {
                stack.extend(direct.get(&current).into_iter().flatten().cloned());
            }
        }
        false
    };
    for t in types.iter_mut() {
        let owner = t.name.clone();
        if let TypeKind::Struct(s) = &mut t.kind {
            for field in &mut s.fields {
                if let Some(target) = named(&field.ty) {
                    field.boxed = reaches(&target, &owner);
                }
            }
        }
    }
}

fn named(ty: &TypeRef) -> Option<String> {
    match ty {
        TypeRef::Named(n) => Some(n.clone()),
        _ => None,
    }
}
