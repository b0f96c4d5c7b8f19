//! Lowering: JSON Schema (loaded, references resolved on demand) to the IR.
//!
//! Two phases, as in typify: a named type's name is reserved when it is first reached (so
//! recursive references resolve to it), then its body is converted. Types are keyed by their
//! canonical location, so a definition reached through several `$ref`s is one type.
//!
//! Nothing here may depend on the order in which schemas are visited: names come from titles
//! and locations (`naming`), nullability from the schema at the use site (`nullability`),
//! and the whole lowering runs twice, the first time only to find the names that clash
//! (`naming::settle`).
//!
//! A problem does not stop the lowering: it is kept (`Lowering::problems`) and the lowering goes
//! on, so one run reports every problem of the set. Each named type recovers from a problem in
//! its own body (its visitors get its name either way); each property, event and base model
//! goes on alone; a problem of an unnamed schema belongs to the property or named type around
//! it, which stops there, as it does whichever visitor comes first. Clashes of names are judged
//! once every claim is in. So the problems found do not depend on the order of the visits
//! either.

mod composition;
mod enums;
mod events;
mod naming;
mod nullability;
mod objects;
mod unions;

#[cfg(feature = "validate")]
pub(crate) use enums::open_form;

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::error::{gathered, Error, Location, Problem, Problems, Result};
use crate::ir::*;
use crate::load::SchemaSet;
use crate::rust_idents;

/// Keywords that change what a value may be and that the generator cannot honour. Using one is
/// an error rather than a silently looser type.
const UNSUPPORTED: &[&str] = &[
    "not",
    "if",
    "then",
    "else",
    "dependentSchemas",
    "unevaluatedProperties",
    "unevaluatedItems",
    "$dynamicRef",
    "propertyNames",
];

/// How many `$ref`s may follow each other before the chain is refused (a cycle never ends).
const MAX_REFERENCE_CHAIN: usize = 32;

/// A `$ref` chain that passes [`MAX_REFERENCE_CHAIN`] references without reaching a schema:
/// a cycle of references, or a chain longer than the generator follows.
fn reference_chain_error(at: &Location) -> Error {
    Error::schema(
        at,
        format!("the `$ref` chain from here passes {MAX_REFERENCE_CHAIN} references without reaching a schema: a reference cycle, or a chain longer than the generator follows; point the `$ref` at a schema that is more than a `$ref`"),
    )
}

/// The finished model: lowered, gated (`gating`) and finalized (`finalize`), as every emitter
/// and `eventgen diff` reads it; or [`Error::Schemas`] with every problem of the set.
pub fn lower(set: &SchemaSet) -> Result<Model> {
    crate::deep_stack::run(|| gathered(lower_here(set)))
}

fn lower_here(set: &SchemaSet) -> Result<Model> {
    // First run: which locations want which names. Clashes are settled from the whole set, so
    // the outcome does not depend on which schema was reached first.
    let mut survey = Lowering::new(set, naming::Names::default());
    survey.surveying = true;
    events::lower_events(&mut survey)?;
    survey.base_models()?;
    let survey_problems = std::mem::take(&mut survey.problems);
    let settled = naming::settle(set, survey.wanted);

    let mut lowering = Lowering::new(set, settled);
    let events = events::lower_events(&mut lowering)?;
    let bases = lowering.base_models()?;
    lowering.name_clashes();
    // The survey meets the same problems as this run, but for name clashes (only settled
    // names show them). Its own are reported only if this run, unexpectedly, met none.
    match lowering.problems.is_empty() {
        true => survey_problems.or(())?,
        false => std::mem::take(&mut lowering.problems).or(())?,
    }
    let mut types: Vec<TypeDef> = lowering.types.into_values().collect();
    types.sort_by(|a, b| (&a.module, &a.name).cmp(&(&b.module, &b.name)));
    let mut model = Model {
        types,
        events,
        bases,
        output: crate::ir::Output::default(),
    };
    crate::gating::assign_features(&mut model);
    crate::finalize::finalize(&mut model);
    Ok(model)
}

struct Lowering<'a> {
    set: &'a SchemaSet,
    /// The settled names (empty while surveying).
    settled: naming::Names,
    /// Surveying: record wanted names instead of failing on clashes.
    surveying: bool,
    /// Key (a location, or the parts of a merged property) → the name each wants.
    wanted: BTreeMap<String, naming::Wanted>,
    /// Key → the name reserved for the type defined there.
    named: BTreeMap<String, String>,
    /// Name → every key that reserved it, with its location (clashes are reported at the end,
    /// from all of them, so the report does not depend on which came first).
    claims: BTreeMap<String, BTreeMap<String, Location>>,
    types: BTreeMap<String, TypeDef>,
    /// How many `$ref`s the current lookup has followed without reaching a named type.
    ref_depth: usize,
    /// Every `allOf` base reached: name → location.
    base_locations: BTreeMap<String, Location>,
    /// The problems met so far; the lowering goes on past each.
    problems: Problems,
}

impl<'a> Lowering<'a> {
    fn new(set: &'a SchemaSet, settled: naming::Names) -> Self {
        Lowering {
            set,
            settled,
            surveying: false,
            wanted: BTreeMap::new(),
            named: BTreeMap::new(),
            claims: BTreeMap::new(),
            types: BTreeMap::new(),
            ref_depth: 0,
            base_locations: BTreeMap::new(),
            problems: Problems::default(),
        }
    }

    /// The value of `result`, or `None` with its problem kept for the report (see the module
    /// documentation). Errors that are not schema problems are returned.
    fn recover<T>(&mut self, result: Result<T>) -> Result<Option<T>> {
        match result {
            Ok(value) => Ok(Some(value)),
            Err(error) => {
                self.problems.gather(error)?;
                Ok(None)
            }
        }
    }

    /// The schema object at `at` (or `None` for `true`), after checking for unsupported keywords.
    fn schema_object(&self, at: &Location) -> Result<Option<&'a Map<String, Value>>> {
        match self.set.node(at)? {
            Value::Bool(true) => Ok(None),
            Value::Object(object) => {
                for keyword in UNSUPPORTED {
                    if object.contains_key(*keyword) {
                        return Err(Error::schema(&at.join(keyword), unsupported_hint(keyword)));
                    }
                }
                // Draft-07's `dependencies`: a list of keys is `dependentRequired` (checked by a
                // validator only, as `minimum` is), a schema is `dependentSchemas`.
                if let Some(Value::Object(dependencies)) = object.get("dependencies") {
                    if let Some(key) = dependencies
                        .iter()
                        .find(|(_, v)| !v.is_array())
                        .map(|(k, _)| k)
                    {
                        return Err(Error::schema(
                            &at.join("dependencies").join(key),
                            unsupported_hint("dependentSchemas"),
                        ));
                    }
                }
                Ok(Some(object))
            }
            _ => Err(Error::schema(at, "a schema must be an object or `true`")),
        }
    }

    /// Follow `$ref` (if any) from the schema at `at` to the location it names.
    fn follow(&self, at: &Location, object: &Map<String, Value>) -> Result<Option<Location>> {
        let Some(reference) = object.get("$ref") else {
            return Ok(None);
        };
        let reference = reference
            .as_str()
            .ok_or_else(|| Error::schema(&at.join("$ref"), "must be a string"))?;
        let target = self.set.resolve(at, reference).map_err(|e| match e {
            Error::Schema { message, .. } => Error::schema(&at.join("$ref"), message),
            other => other,
        })?;
        if let Err(Error::Schema { message, .. }) = self.set.node(&target) {
            return Err(Error::schema(
                &at.join("$ref"),
                format!("`{reference}` does not resolve: {message}; point the `$ref` at a schema of the set (a typo, or a definition still to add)"),
            ));
        }
        Ok(Some(target))
    }

    /// The Rust type of the schema at `at`, and whether `null` is allowed there.
    fn type_of(&mut self, at: &Location) -> Result<(TypeRef, bool)> {
        let ty = self.type_at(at)?;
        let nullable = self.admits_null(at)?;
        Ok((ty, nullable))
    }

    /// The type of an array item or map value at `at`: [`TypeRef::Nullable`] when the schema
    /// there admits `null` (a field holds its own nullability instead).
    fn value_at(&mut self, at: &Location) -> Result<TypeRef> {
        let ty = self.type_at(at)?;
        if !holds_null(&ty) && self.admits_null(at)? {
            return Ok(TypeRef::Nullable(Box::new(ty)));
        }
        Ok(ty)
    }

    fn type_at(&mut self, at: &Location) -> Result<TypeRef> {
        let Some(object) = self.schema_object(at)? else {
            return Ok(TypeRef::Any);
        };
        let target = match self.follow(at, object)? {
            // Since 2019-09, keywords beside `$ref` apply too: an object's own properties or
            // choices are merged with the referenced schema's (`objects::collect` follows it).
            Some(_) if self.shapes_beside_reference(at, object)? => None,
            target => target,
        };
        if let Some(target) = target {
            // A chain of references that only points at other references never reaches a type.
            if self.ref_depth >= MAX_REFERENCE_CHAIN {
                return Err(reference_chain_error(at));
            }
            self.ref_depth += 1;
            let resolved = self.type_at(&target);
            self.ref_depth -= 1;
            return resolved;
        }
        let target = self.settled.canonical(at);
        if let Some(name) = self.named.get(&target.to_string()) {
            return Ok(TypeRef::Named(name.clone()));
        }
        let saved_depth = std::mem::replace(&mut self.ref_depth, 0);
        let result = match self.schema_object(&target)? {
            Some(object) => self.type_of_body(&target, object),
            None => Ok(TypeRef::Any),
        };
        self.ref_depth = saved_depth;
        match (result, self.named.get(&target.to_string()).cloned()) {
            // A named type whose body has a problem: kept, and its visitors get its name, as
            // every later one does.
            (Err(error), Some(name)) => {
                self.problems.gather(error)?;
                Ok(TypeRef::Named(name))
            }
            (result, _) => result,
        }
    }

    fn type_of_body(&mut self, at: &Location, object: &Map<String, Value>) -> Result<TypeRef> {
        let mut types = declared_types(object, at)?;
        if flag(object, "x-string-or-number", at)? {
            // The wire allows both; the Rust type is the number.
            types.retain(|t| t != "string");
        }
        if let Some(values) = object.get("enum") {
            return self.enumeration(at, object, values);
        }
        if let Some(constant) = object.get("const") {
            return self.constant(at, object, constant);
        }
        if let Some((listed_at, values)) = enums::open_enum(object, at)? {
            return self.open_enumeration(at, object, &listed_at, values);
        }
        if self.has_shared_choice(at, object)? {
            return self.shared_choice(at, object);
        }
        if let Some(value) = self.all_of_value(at, object, &types)? {
            return Ok(value);
        }
        for keyword in ["oneOf", "anyOf"] {
            if objects::required_alternatives(object, keyword).is_some() {
                continue; // which keys must be present, not which shapes the value may take
            }
            if let Some(options) = object.get(keyword) {
                return self.union(at, object, keyword, options);
            }
        }
        if unions::untyped_with_kind_keywords(object) {
            return self.kinds_union(at, object, unions::EVERY_KIND);
        }
        if types.len() > 1 {
            return self.multi_type(at, object, &types);
        }
        let is_object = types.iter().any(|t| t == "object")
            || (types.is_empty()
                && (object.contains_key("properties")
                    || object.contains_key("allOf")
                    || object.contains_key("patternProperties")));
        if is_object {
            return self.object(at, object);
        }
        self.scalar(at, object, types.first().map(String::as_str))
    }

    /// Whether the schema at `at` shapes an object beside its `$ref` (`properties`, `required`,
    /// `additionalProperties`, `patternProperties`, `allOf`, `oneOf`, `anyOf`) in a dialect where
    /// such keywords apply: 2019-09 and later. Draft-07 and older ignore every keyword beside
    /// `$ref`, and so does the generator for documents that declare them in `$schema`.
    fn shapes_beside_reference(&self, at: &Location, object: &Map<String, Value>) -> Result<bool> {
        let shaping = [
            "properties",
            "additionalProperties",
            "patternProperties",
            "allOf",
            "oneOf",
            "anyOf",
        ]
        .iter()
        .any(|k| object.contains_key(*k))
            || object.get("required").is_some_and(Value::is_array);
        if !shaping {
            return Ok(false);
        }
        let dialect = self
            .set
            .files
            .get(&at.file)
            .and_then(|document| document.get("$schema"))
            .and_then(Value::as_str)
            .unwrap_or_default();
        Ok(!["draft-04", "draft-06", "draft-07"]
            .iter()
            .any(|old| dialect.contains(old)))
    }

    /// Whether the document of `at` asserts `format` (`"x-format-assertion": true` at its root),
    /// as JSON Schema's format-assertion vocabulary does; otherwise a format only annotates.
    fn asserts_formats(&self, at: &Location) -> Result<bool> {
        let root = self
            .set
            .files
            .get(&at.file)
            .and_then(|document| document.as_object());
        match root.and_then(|root| root.get("x-format-assertion")) {
            None => Ok(false),
            Some(Value::Bool(asserted)) => Ok(*asserted),
            Some(_) => Err(Error::schema(
                &Location::new(at.file.clone(), "/x-format-assertion"),
                "must be true or false",
            )),
        }
    }

    /// A schema of one non-object JSON kind (or none: any value).
    fn scalar(
        &mut self,
        at: &Location,
        object: &Map<String, Value>,
        kind: Option<&str>,
    ) -> Result<TypeRef> {
        Ok(match kind {
            None => TypeRef::Any,
            Some("string") => match object.get("format").and_then(Value::as_str) {
                Some("date-time") if self.asserts_formats(at)? => TypeRef::DateTime,
                Some("date-time") => TypeRef::DateTimeText,
                _ => TypeRef::String,
            },
            Some("integer") => match object.get("format").and_then(Value::as_str) {
                Some("int32") => TypeRef::I32,
                // Other formats (`int8`, `uint64`, `unix-time`, …) are annotations here: i64 holds them.
                _ => TypeRef::I64,
            },
            Some("number") => TypeRef::F64,
            Some("boolean") => TypeRef::Bool,
            Some("array") => {
                if let Some(tuple) = self.tuple(at, object)? {
                    return Ok(tuple);
                }
                let items = match object.get("items") {
                    None | Some(Value::Bool(true)) => TypeRef::Any,
                    Some(_) => self.value_at(&at.join("items"))?,
                };
                if matches!(items.non_null(), TypeRef::DateTime) {
                    return Err(Error::schema(&at.join("items"), "date-time items are not supported; give the items a named schema with `oneOf`"));
                }
                TypeRef::Array(Box::new(items))
            }
            Some("null") => TypeRef::Unit,
            Some(other) => {
                return Err(Error::schema(
                    &at.join("type"),
                    format!("unknown type `{other}`"),
                ))
            }
        })
    }

    /// A tuple: `prefixItems` (or draft-07's array-form `items`) that the schema holds to exactly
    /// its length (`minItems` as long, and no more items: `items`/`additionalItems` false or
    /// `maxItems` as long). `None` when the array is not a tuple.
    fn tuple(&mut self, at: &Location, object: &Map<String, Value>) -> Result<Option<TypeRef>> {
        let (list_key, rest_key) = match (object.get("prefixItems"), object.get("items")) {
            (Some(_), _) => ("prefixItems", "items"),
            (None, Some(Value::Array(_))) => ("items", "additionalItems"),
            _ => return Ok(None),
        };
        let list_at = at.join(list_key);
        let length = object
            .get(list_key)
            .and_then(Value::as_array)
            .ok_or_else(|| Error::schema(&list_at, "must be an array of schemas"))?
            .len();
        let count = |key: &str| object.get(key).and_then(Value::as_u64);
        let closed = object.get(rest_key) == Some(&Value::Bool(false))
            || count("maxItems") == Some(length as u64);
        let complete = count("minItems").is_some_and(|min| min >= length as u64);
        if !(closed && complete && (1..=8).contains(&length)) {
            return Err(Error::schema(
                &list_at,
                format!("a tuple whose length may vary is not supported (only one of exactly 1 to 8 items is a Rust tuple); add `\"minItems\": {length}` and `\"maxItems\": {length}` so that it holds exactly its {length} items, or describe the items with one schema under `items`"),
            ));
        }
        let mut items = Vec::new();
        for i in 0..length {
            let item_at = list_at.join(&i.to_string());
            let ty = self.value_at(&item_at)?;
            if *ty.non_null() == TypeRef::DateTime {
                return Err(Error::schema(
                    &item_at,
                    "date-time items are not supported; give the items a named schema with `oneOf`",
                ));
            }
            items.push(ty);
        }
        Ok(Some(TypeRef::Tuple(items)))
    }

    /// An object schema: a model (struct) when it declares properties or bases, or when it is
    /// an event payload; a map when it only says what its values are; an empty struct when it
    /// allows no keys at all.
    fn object(&mut self, at: &Location, object: &Map<String, Value>) -> Result<TypeRef> {
        let declares = object
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|p| !p.is_empty())
            || object.contains_key("allOf")
            || object.get("required").is_some_and(Value::is_array);
        let patterns = object.contains_key("patternProperties");
        let closed =
            matches!(object.get("additionalProperties"), Some(Value::Bool(false))) && !patterns;
        if declares || closed || self.is_event_root(at) {
            let name = self.reserve(at)?;
            let def = self.struct_def(std::slice::from_ref(at))?;
            self.define(at, &name, object, TypeKind::Struct(def));
            return Ok(TypeRef::Named(name));
        }
        // `map_values` refuses date-time values.
        Ok(TypeRef::Map(Box::new(self.map_values(at, object)?)))
    }

    fn is_event_root(&self, at: &Location) -> bool {
        at.pointer.is_empty()
            && self
                .set
                .files
                .get(&at.file)
                .is_some_and(|d| d.get("x-event-type").is_some())
    }

    /// Reserve the type name for the schema at `at` before converting its body.
    fn reserve(&mut self, at: &Location) -> Result<String> {
        let key = at.to_string();
        let wanted = naming::wanted_name(self.set, at)?;
        self.reserve_key(key, wanted, at)
    }

    fn reserve_key(
        &mut self,
        key: String,
        wanted: naming::Wanted,
        at: &Location,
    ) -> Result<String> {
        let name = if self.surveying {
            let name = wanted.name.clone();
            self.wanted.insert(key.clone(), wanted);
            name
        } else {
            self.settled.name(&key).unwrap_or(&wanted.name).to_string()
        };
        if !self.surveying {
            let claims = self.claims.entry(name.clone()).or_default();
            claims.entry(key.clone()).or_insert_with(|| at.clone());
        }
        self.named.insert(key, name.clone());
        Ok(name)
    }

    /// A problem for every key that reserved a name another key reserved too (only explicit
    /// names can still clash once settled): each names the first of them in location order.
    fn name_clashes(&mut self) {
        let mut clashes = Vec::new();
        for (name, claims) in &self.claims {
            let mut claims = claims.iter();
            let Some((first, _)) = claims.next() else {
                continue;
            };
            for (_, at) in claims {
                clashes.push(Problem::new(at.clone(), &format!("type name `{name}` is also wanted by {first}; give one of them another `x-rust-name`")));
            }
        }
        for clash in clashes {
            self.problems.add(clash);
        }
    }

    fn define(&mut self, at: &Location, name: &str, object: &Map<String, Value>, kind: TypeKind) {
        let module = module_of(&at.file);
        let doc = object
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_string);
        let def = TypeDef {
            name: name.to_string(),
            module,
            doc,
            origin: at.clone(),
            features: Vec::new(),
            derives: Vec::new(),
            borrows: false,
            attributes: Vec::new(),
            extern_module: None,
            kind,
        };
        self.types.insert(name.to_string(), def);
    }
}

fn unsupported_hint(keyword: &str) -> String {
    match keyword {
        "if" | "then" | "else" => "`if`/`then`/`else` is not supported; state the shapes with `oneOf`".into(),
        other => format!("`{other}` is not supported: it constrains values in a way the generated types cannot keep; remove it or restate it with `oneOf`/`enum`"),
    }
}

/// `true`/`false` extension flags.
fn flag(object: &Map<String, Value>, key: &str, at: &Location) -> Result<bool> {
    match object.get(key) {
        None => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(Error::schema(&at.join(key), "must be true or false")),
    }
}

/// The `type` keyword as a list of the kinds besides `null` (which is nullability; a schema of
/// `null` alone keeps it).
fn declared_types(object: &Map<String, Value>, at: &Location) -> Result<Vec<String>> {
    let mut types = match object.get("type") {
        None => Vec::new(),
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(list)) => list
            .iter()
            .map(|t| {
                t.as_str().map(str::to_string).ok_or_else(|| {
                    Error::schema(&at.join("type"), "must be a string or an array of strings")
                })
            })
            .collect::<Result<_>>()?,
        Some(_) => {
            return Err(Error::schema(
                &at.join("type"),
                "must be a string or an array of strings",
            ))
        }
    };
    types.dedup();
    if types.len() > 1 {
        types.retain(|t| t != "null");
    }
    Ok(types)
}

/// The generated file (module) of a schema file: its top-level directory, or its stem.
fn module_of(file: &str) -> String {
    let first = file.split('/').next().unwrap_or(file);
    let first = if file.contains('/') {
        first
    } else {
        first.trim_end_matches(".json")
    };
    rust_idents::snake(first)
}
