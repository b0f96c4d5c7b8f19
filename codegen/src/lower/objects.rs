//! Models: the fields of an object schema and of its `allOf` bases and overlays.
//!
//! `allOf` merges. A property that several members declare is one field whose schema is the
//! conjunction of theirs: an overlay adds properties, `required` keys or a description to the
//! base property, or narrows it (a string to an `enum` of strings), and never replaces it.
//! Two declarations that cannot both hold (a string and an integer) are an error naming both.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::{flag, Lowering};
use crate::error::{Error, Location, Result};
use crate::ir::*;
use crate::rust_idents;

/// Keywords that only annotate a property: an overlay made of these refines nothing but docs.
const ANNOTATIONS: &[&str] = &[
    "description",
    "title",
    "default",
    "examples",
    "example",
    "deprecated",
    "readOnly",
    "writeOnly",
    "$comment",
    "x-aliases",
    "x-rust-name",
    "x-string-or-number",
    "x-lenient-date-time",
    "x-boxed",
    "$schema",
    "$id",
];

/// One declaration of a property: where its schema is, and which base declared it.
#[derive(Debug, Clone)]
struct Part {
    at: Location,
    inherited_from: Option<String>,
}

/// What `collect` gathers across an `allOf` tree.
#[derive(Default)]
struct Collected {
    /// Properties in first-declared order, each with every declaration.
    properties: Vec<(String, Vec<Part>)>,
    required: BTreeSet<String>,
    /// Each key of `required` lists with where it was first listed, in the order listed.
    required_at: Vec<(String, Location)>,
    /// Each `anyOf`/`oneOf` whose members only list `required` keys: their key lists.
    alternatives: Vec<Vec<Vec<String>>>,
    bases: Vec<String>,
    /// Every `additionalProperties` declared, with where.
    additional: Vec<(Location, Value)>,
    /// Every object schema declaring `patternProperties`.
    patterns: Vec<Location>,
}

impl Lowering<'_> {
    /// The fields of the object described by all of `parts` together (one part for a plain
    /// schema, several for a property refined through `allOf`).
    pub(super) fn struct_def(&mut self, parts: &[Location]) -> Result<StructDef> {
        let mut collected = Collected::default();
        for part in parts {
            let mut visiting = BTreeSet::new();
            self.collect(part, None, &mut collected, &mut visiting)?;
        }
        let mut fields = Vec::new();
        let mut explicit = Vec::new();
        // A property with a problem is left out and its problem kept, so the other properties
        // are read and their problems reported too.
        let mut failed = BTreeSet::new();
        for (wire_name, declarations) in &collected.properties {
            let merged = self.merged_field(wire_name, declarations);
            let Some((field, named)) = self.recover(merged)? else {
                failed.insert(wire_name.as_str());
                continue;
            };
            fields.push(field);
            explicit.push(named);
        }
        for field in &mut fields {
            // Required when listed, or when every alternative of some `anyOf` of `required`
            // lists names the field or one of its aliases (camelCase or PascalCase payloads).
            let named_in = |branch: &Vec<String>| {
                branch
                    .iter()
                    .any(|key| *key == field.wire_name || field.aliases.contains(key))
            };
            field.required = collected.required.contains(&field.wire_name)
                || collected
                    .alternatives
                    .iter()
                    .any(|branches| branches.iter().all(&named_in));
        }
        let at = parts
            .last()
            .cloned()
            .unwrap_or_else(|| Location::new("", ""));
        for (wire_name, where_listed) in &collected.required_at {
            let declared = failed.contains(wire_name.as_str())
                || fields
                    .iter()
                    .any(|f| f.wire_name == *wire_name || f.aliases.contains(wire_name));
            if !declared {
                fields.push(self.undeclared_required(wire_name, where_listed, &collected)?);
                explicit.push(false);
            }
        }
        assign_rust_names(&mut fields, &explicit, &at)?;
        let additional = self.additional(&collected, &fields)?;
        let closed = collected.patterns.is_empty()
            && collected
                .additional
                .iter()
                .any(|(_, v)| *v == Value::Bool(false));
        let mut bases = collected.bases;
        bases.dedup();
        Ok(StructDef {
            bases,
            fields,
            additional,
            closed,
            implements: Vec::new(),
            default_accessors: Vec::new(),
            builder: Default::default(),
        })
    }

    /// A key `required` lists without a property declaring it: by JSON Schema it must be present
    /// and its value is whatever `additionalProperties` allows, so it is a required field of that
    /// type (any JSON value when `additionalProperties` is absent or `true`), never dropped.
    fn undeclared_required(
        &mut self,
        wire_name: &str,
        listed_at: &Location,
        collected: &Collected,
    ) -> Result<FieldDef> {
        let (ty, nullable) = match collected.additional.last() {
            _ if collected
                .additional
                .iter()
                .any(|(_, v)| *v == Value::Bool(false)) =>
            {
                return Err(Error::schema(
                    listed_at,
                    format!("`{wire_name}` is required, but no property declares it and `additionalProperties` is false, so no value can have it; declare it under `properties`, or remove it from `required`"),
                ))
            }
            None | Some((_, Value::Bool(true))) => (TypeRef::Any, false),
            Some((at, _)) => self.type_of(at)?,
        };
        if ty == TypeRef::DateTime {
            return Err(Error::schema(
                listed_at,
                format!("`{wire_name}` is required with the date-time values of `additionalProperties`, which are not supported there; declare it under `properties`"),
            ));
        }
        let nullable = nullable && !holds_null(&ty);
        Ok(FieldDef {
            rust_name: rust_idents::snake(wire_name),
            wire_name: wire_name.to_string(),
            aliases: Vec::new(),
            ty,
            required: true,
            nullable,
            string_or_number: false,
            lenient_date_time: false,
            boxed: None,
            box_requested: false,
            default: None,
            deprecated: false,
            doc: Some(format!(
                "The required `{wire_name}` key, which no property declares: any value `additionalProperties` allows."
            )),
            inherited_from: None,
            origin: listed_at.clone(),
            attributes: Vec::new(),
        })
    }

    /// Undeclared keys are kept unless the schema forbids them (`additionalProperties: false`):
    /// with the values `additionalProperties` and `patternProperties` describe, or as received
    /// when they say nothing. A key only `required` names is a field, and not also kept in the
    /// map.
    fn additional(
        &mut self,
        collected: &Collected,
        fields: &[FieldDef],
    ) -> Result<Option<AdditionalDef>> {
        // Keys matching a pattern are kept, whatever `additionalProperties` says of others.
        if let Some(schema) = collected.patterns.last() {
            if let Some(object) = self.schema_object(schema)? {
                let ty = self.map_values(schema, object)?;
                return Ok(Some(AdditionalDef {
                    rust_name: additional_name(fields),
                    ty,
                }));
            }
        }
        if collected
            .additional
            .iter()
            .any(|(_, v)| *v == Value::Bool(false))
        {
            return Ok(None);
        }
        let ty = match collected.additional.last() {
            Some((_, Value::Bool(true))) => TypeRef::Any,
            Some((at, _)) => {
                let ty = self.value_at(at)?;
                if *ty.non_null() == TypeRef::DateTime {
                    return Err(Error::schema(
                        at,
                        "date-time values of `additionalProperties` are not supported",
                    ));
                }
                ty
            }
            // JSON Schema allows any undeclared key unless the schema says otherwise: it is
            // kept, as received, never dropped.
            None => TypeRef::Any,
        };
        Ok(Some(AdditionalDef {
            rust_name: additional_name(fields),
            ty,
        }))
    }

    /// The type of the values of undeclared keys of the object schema at `at`: those of
    /// `additionalProperties` and of each `patternProperties` schema. Which pattern a key
    /// matches is not checked (as `pattern` is not), so a value is any of their types: that type
    /// when they agree, a union of them otherwise, any JSON value when `additionalProperties`
    /// allows anything.
    pub(super) fn map_values(
        &mut self,
        at: &Location,
        object: &Map<String, Value>,
    ) -> Result<TypeRef> {
        let mut sources: Vec<Location> = Vec::new();
        if let Some(patterns) = object.get("patternProperties") {
            let patterns = patterns
                .as_object()
                .ok_or_else(|| Error::schema(&at.join("patternProperties"), "must be an object"))?;
            sources.extend(
                patterns
                    .keys()
                    .map(|p| at.join("patternProperties").join(p)),
            );
        }
        match object.get("additionalProperties") {
            Some(Value::Bool(false)) => {}
            None | Some(Value::Bool(true)) => return Ok(TypeRef::Any),
            Some(_) => sources.push(at.join("additionalProperties")),
        }
        let mut types: Vec<(Location, TypeRef)> = Vec::new();
        for source in sources {
            let ty = self.value_at(&source)?;
            if *ty.non_null() == TypeRef::DateTime {
                return Err(Error::schema(
                    &source,
                    "date-time map values are not supported",
                ));
            }
            if !types.iter().any(|(_, t)| *t == ty) {
                types.push((source, ty));
            }
        }
        match types.len() {
            0 => Err(Error::schema(
                &at.join("patternProperties"),
                "no `patternProperties` schema and `additionalProperties` false: no key is allowed; remove `patternProperties`, or allow the keys it names",
            )),
            1 => Ok(types.remove(0).1),
            _ if types.iter().any(|(_, t)| *t == TypeRef::Any) => Ok(TypeRef::Any),
            _ => {
                let key = format!("{at}#values");
                if let Some(name) = self.named.get(&key) {
                    return Ok(TypeRef::Named(name.clone()));
                }
                let owner = super::naming::wanted_name(self.set, at)?.name;
                let wanted = super::naming::Wanted {
                    name: format!("{}Value", owner.trim_end_matches('_')),
                    explicit: false,
                    at: at.clone(),
                };
                let name = self.reserve_key(key, wanted, at)?;
                let mut variants: Vec<UnionVariant> = Vec::new();
                for (source, ty) in types {
                    let format = self
                        .set
                        .node(&source)?
                        .get("format")
                        .and_then(Value::as_str)
                        .map(str::to_string);
                    let ident = super::unions::variant_ident(&ty, format.as_deref());
                    let ident = if variants.iter().any(|v| v.ident == ident) {
                        format!("{ident}{}", variants.len())
                    } else {
                        ident
                    };
                    variants.push(UnionVariant {
                        ident,
                        ty,
                        doc: None,
                        known_keys: Vec::new(),
                    });
                }
                Ok(self.define_union(at, name, &Map::new(), variants))
            }
        }
    }

    fn collect(
        &mut self,
        at: &Location,
        inherited_from: Option<&str>,
        out: &mut Collected,
        visiting: &mut BTreeSet<Location>,
    ) -> Result<()> {
        if !visiting.insert(at.clone()) {
            return Err(Error::schema(
                at,
                "allOf cycle: a model cannot extend itself",
            ));
        }
        let object = self
            .schema_object(at)?
            .ok_or_else(|| Error::schema(at, "an allOf member must be an object schema"))?;
        if let Some(target) = self.follow(at, object)? {
            // `{"$ref": …}` as a whole schema of an object: its fields, as if written here.
            self.collect(&target, inherited_from, out, visiting)?;
        }
        if let Some(all_of) = object.get("allOf") {
            let list = all_of
                .as_array()
                .ok_or_else(|| Error::schema(&at.join("allOf"), "must be an array"))?;
            for i in 0..list.len() {
                let member_at = at.join("allOf").join(&i.to_string());
                let member = self
                    .schema_object(&member_at)?
                    .ok_or_else(|| Error::schema(&member_at, "must be an object schema"))?;
                match self.follow(&member_at, member)? {
                    Some(target) if member.len() == 1 => {
                        let base_name = self.base_name(&target)?;
                        out.bases.push(base_name.clone());
                        if let Some(other) = self
                            .base_locations
                            .insert(base_name.clone(), target.clone())
                        {
                            if other != target {
                                // The later location names the first, whichever was reached first.
                                let (first, later) = match other < target {
                                    true => (&other, &target),
                                    false => (&target, &other),
                                };
                                return Err(Error::schema(
                                    later,
                                    format!("base model name `{base_name}` is also used by {first}; give one of them an `x-rust-name`"),
                                ));
                            }
                        }
                        self.collect(&target, Some(&base_name), out, visiting)?;
                    }
                    _ => self.collect(&member_at, inherited_from, out, visiting)?,
                }
            }
        }
        // `true`/`false` is draft-03's form, read where the property is declared (below).
        if let Some(list) = object.get("required").filter(|list| !list.is_boolean()) {
            let list = list.as_array().ok_or_else(|| {
                Error::schema(&at.join("required"), "must be an array of property names")
            })?;
            for (i, item) in list.iter().enumerate() {
                let name = item.as_str().ok_or_else(|| {
                    Error::schema(&at.join("required"), "must be an array of property names")
                })?;
                if out.required.insert(name.to_string()) {
                    out.required_at
                        .push((name.to_string(), at.join("required").join(&i.to_string())));
                }
            }
        }
        out.alternatives.extend(
            ["anyOf", "oneOf"]
                .iter()
                .filter_map(|k| required_alternatives(object, k)),
        );
        if let Some(additional) = object.get("additionalProperties") {
            out.additional
                .push((at.join("additionalProperties"), additional.clone()));
        }
        if object.contains_key("patternProperties") {
            out.patterns.push(at.clone());
        }
        if let Some(properties) = object.get("properties") {
            let properties = properties
                .as_object()
                .ok_or_else(|| Error::schema(&at.join("properties"), "must be an object"))?;
            for (wire_name, property) in properties {
                // Draft-03 marks a required property on the property itself.
                match property.get("required") {
                    Some(Value::Bool(true)) => {
                        out.required.insert(wire_name.clone());
                    }
                    None | Some(Value::Bool(false)) => {}
                    Some(Value::Array(_)) => {} // the property's own object's keys
                    Some(_) => {
                        return Err(Error::schema(
                            &at.join("properties").join(wire_name).join("required"),
                            "must be an array of property names (or draft-03's `true`/`false`)",
                        ))
                    }
                }
                let part = Part {
                    at: at.join("properties").join(wire_name),
                    inherited_from: inherited_from.map(str::to_string),
                };
                match out
                    .properties
                    .iter_mut()
                    .find(|(name, _)| name == wire_name)
                {
                    Some((_, parts)) => parts.push(part),
                    None => out.properties.push((wire_name.clone(), vec![part])),
                }
            }
        }
        visiting.remove(at);
        Ok(())
    }

    /// The name of an `allOf` base model: the name its schema wants as a type.
    fn base_name(&self, target: &Location) -> Result<String> {
        Ok(super::naming::wanted_name(self.set, target)?.name)
    }

    /// One field from every declaration of a property. Returns whether its Rust name is explicit.
    fn merged_field(&mut self, wire_name: &str, parts: &[Part]) -> Result<(FieldDef, bool)> {
        if let [only] = parts {
            return self.field(&only.at, only.inherited_from.as_deref(), wire_name, None);
        }
        // Declarations that constrain the value (not only annotate it).
        let mut constraining: Vec<&Part> = Vec::new();
        for part in parts {
            if let Some(object) = self.schema_object(&part.at)? {
                if object.keys().any(|k| !ANNOTATIONS.contains(&k.as_str())) {
                    constraining.push(part);
                }
            }
        }
        let typed = match constraining.as_slice() {
            [] => None,
            [one] => Some(((*one).clone(), None)),
            several => Some((
                several[several.len() - 1].clone(),
                Some(self.conjunction(wire_name, several)?),
            )),
        };
        let (lead, merged) = typed.unwrap_or_else(|| (parts[0].clone(), None));
        let (mut field, explicit) =
            self.field(&lead.at, lead.inherited_from.as_deref(), wire_name, merged)?;
        // Annotations: the last declaration that says something wins; flags hold if any sets them.
        for part in parts {
            let Some(object) = self.schema_object(&part.at)? else {
                continue;
            };
            if let Some(doc) = object.get("description").and_then(Value::as_str) {
                field.doc = Some(doc.to_string());
            }
            if let Some(default) = object.get("default") {
                field.default = Some(default.clone());
            }
            field.deprecated |= object
                .get("deprecated")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            field.box_requested |= boxing_requested(object, &field.ty, &part.at)?;
            for alias in object
                .get("x-aliases")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                if !field.aliases.iter().any(|a| a == alias) {
                    field.aliases.push(alias.to_string());
                }
            }
        }
        Ok((field, explicit))
    }

    /// The type of a property declared by several constraining schemas, and whether it admits
    /// `null` (only when every declaration does).
    fn conjunction(&mut self, wire_name: &str, parts: &[&Part]) -> Result<(TypeRef, bool)> {
        let mut nullable = true;
        let mut finals = Vec::new();
        for part in parts {
            nullable &= self.admits_null(&part.at)?;
            finals.push(self.final_target(&part.at)?);
        }
        if finals.iter().all(|f| *f == finals[0]) {
            return Ok((self.type_at(&parts[0].at)?, nullable));
        }
        let objects: Vec<bool> = finals
            .iter()
            .map(|f| self.is_object_schema(f))
            .collect::<Result<_>>()?;
        if objects.iter().all(|o| *o) {
            let key = finals
                .iter()
                .map(Location::to_string)
                .collect::<Vec<_>>()
                .join(" & ");
            let last = parts[parts.len() - 1].at.clone();
            // Named after the last declaration's place (`Derived` + property), wherever it is reached.
            let wanted = super::naming::wanted_name(self.set, &last)?;
            if let Some(name) = self.named.get(&key) {
                return Ok((TypeRef::Named(name.clone()), nullable));
            }
            let name = self.reserve_key(key, wanted, &last)?;
            // A problem stays with the type, as for every named type (`lower`'s documentation).
            let def = self.struct_def(&finals);
            if let Some(def) = self.recover(def)? {
                let object = self.schema_object(&last)?.cloned().unwrap_or_default();
                self.define(&last, &name, &object, TypeKind::Struct(def));
            }
            return Ok((TypeRef::Named(name), nullable));
        }
        let mut merged: Option<(TypeRef, &Part)> = None;
        for part in parts {
            let ty = self.type_at(&part.at)?;
            merged = Some(match merged {
                None => (ty, part),
                Some((current, from)) => match self.narrower(&current, &ty) {
                    Some(narrow) if narrow == current => (current, from),
                    Some(narrow) => (narrow, part),
                    None => {
                        return Err(Error::schema(
                            &part.at,
                            format!(
                                "property `{wire_name}` is {} here but {} at {}: an `allOf` member can refine a property (add properties, `required` keys, a description, or narrow it to an `enum`), not change its type",
                                ty.describe(),
                                current.describe(),
                                from.at
                            ),
                        ))
                    }
                },
            });
        }
        let (ty, from) = merged.ok_or_else(|| Error::schema(&parts[0].at, "no declaration"))?;
        if ty == TypeRef::Unit && !nullable {
            return Err(Error::schema(
                &from.at,
                format!("property `{wire_name}` may only be null here, but another `allOf` member does not allow null"),
            ));
        }
        Ok((ty, nullable))
    }

    /// The type of an `allOf` whose members are not objects (`minimum` in one, `maximum` in
    /// another; a string and an `enum` of strings): the conjunction of the members, as for a
    /// property several members declare. `None` when the value is an object: the schema has
    /// object keywords of its own, says `type: object`, or a member is an object schema.
    pub(super) fn all_of_value(
        &mut self,
        at: &Location,
        object: &Map<String, Value>,
        types: &[String],
    ) -> Result<Option<TypeRef>> {
        let Some(Value::Array(members)) = object.get("allOf") else {
            return Ok(None);
        };
        let own_object_keywords = object
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|p| !p.is_empty())
            || object.get("required").is_some_and(Value::is_array)
            || object.contains_key("additionalProperties");
        if own_object_keywords || types.iter().any(|t| t == "object") || types.len() > 1 {
            return Ok(None);
        }
        let mut parts = Vec::new();
        for i in 0..members.len() {
            let member = at.join("allOf").join(&i.to_string());
            let target = self.final_target(&member)?;
            if self.is_object_schema(&target)? {
                return Ok(None);
            }
            if let Some(schema) = self.schema_object(&member)? {
                if schema.keys().any(|k| !ANNOTATIONS.contains(&k.as_str())) {
                    parts.push(Part {
                        at: member,
                        inherited_from: None,
                    });
                }
            }
        }
        let parts: Vec<&Part> = parts.iter().collect();
        let merged = match parts.as_slice() {
            [] => TypeRef::Any,
            [one] => self.type_at(&one.at)?,
            several => self.conjunction("allOf", several)?.0,
        };
        // The schema's own `type` constrains the value too.
        let Some(kind) = types.first() else {
            return Ok(Some(merged));
        };
        let own = self.scalar(at, object, Some(kind))?;
        match self.narrower(&own, &merged) {
            Some(ty) => Ok(Some(ty)),
            None => Err(Error::schema(
                &at.join("type"),
                format!(
                    "the value is {} here but {} by its `allOf` members: no value is both; make them agree",
                    own.describe(),
                    merged.describe()
                ),
            )),
        }
    }

    /// Of two types that both constrain one value, the one that satisfies both, if either does.
    fn narrower(&self, a: &TypeRef, b: &TypeRef) -> Option<TypeRef> {
        let is_string_like = |t: &TypeRef| match t {
            TypeRef::Named(n) => {
                matches!(self.types.get(n).map(|d| &d.kind), Some(TypeKind::Enum(_)))
            }
            TypeRef::DateTime | TypeRef::DateTimeText => true,
            _ => false,
        };
        let is_number_literal = |t: &TypeRef| match t {
            TypeRef::Named(n) => {
                matches!(self.types.get(n).map(|d| &d.kind), Some(TypeKind::Literal(l)) if l.kind != LiteralKind::Bool)
            }
            _ => false,
        };
        let enum_values = |t: &TypeRef| -> Option<BTreeSet<String>> {
            match t {
                TypeRef::Named(n) => match self.types.get(n).map(|d| &d.kind) {
                    Some(TypeKind::Enum(e)) => {
                        Some(e.variants.iter().map(|v| v.value.clone()).collect())
                    }
                    Some(TypeKind::Literal(l)) => {
                        Some(l.values.iter().map(|v| v.value.to_string()).collect())
                    }
                    _ => None,
                },
                _ => None,
            }
        };
        if let (Some(x), Some(y)) = (enum_values(a), enum_values(b)) {
            // Both list values: the one whose values the other also lists is the refinement.
            return if y.is_subset(&x) {
                Some(b.clone())
            } else if x.is_subset(&y) {
                Some(a.clone())
            } else {
                None
            };
        }
        let is_bool_literal = |t: &TypeRef| match t {
            TypeRef::Named(n) => {
                matches!(self.types.get(n).map(|d| &d.kind), Some(TypeKind::Literal(l)) if l.kind == LiteralKind::Bool)
            }
            _ => false,
        };
        match (a, b) {
            _ if a == b => Some(a.clone()),
            // Narrowed to `null` alone: holds when every declaration admits null (checked by the caller).
            (TypeRef::Unit, _) | (_, TypeRef::Unit) => Some(TypeRef::Unit),
            (TypeRef::Any, other) | (other, TypeRef::Any) => Some(other.clone()),
            (TypeRef::String, other) | (other, TypeRef::String) if is_string_like(other) => {
                Some(other.clone())
            }
            (TypeRef::I64 | TypeRef::F64, TypeRef::I32)
            | (TypeRef::I32, TypeRef::I64 | TypeRef::F64) => Some(TypeRef::I32),
            (TypeRef::F64, TypeRef::I64) | (TypeRef::I64, TypeRef::F64) => Some(TypeRef::I64),
            (TypeRef::I64 | TypeRef::F64, other) | (other, TypeRef::I64 | TypeRef::F64)
                if is_number_literal(other) =>
            {
                Some(other.clone())
            }
            (TypeRef::Bool, other) | (other, TypeRef::Bool) if is_bool_literal(other) => {
                Some(other.clone())
            }
            (TypeRef::Map(_), TypeRef::Named(n)) | (TypeRef::Named(n), TypeRef::Map(_))
                if matches!(
                    self.types.get(n).map(|d| &d.kind),
                    Some(TypeKind::Struct(_))
                ) =>
            {
                Some(TypeRef::Named(n.clone()))
            }
            (TypeRef::Array(x), TypeRef::Array(y)) => {
                self.narrower(x, y).map(|t| TypeRef::Array(Box::new(t)))
            }
            // Null passes only where both allow it.
            (TypeRef::Nullable(x), TypeRef::Nullable(y)) => {
                self.narrower(x, y).map(|t| TypeRef::Nullable(Box::new(t)))
            }
            (TypeRef::Nullable(x), other) | (other, TypeRef::Nullable(x)) => {
                self.narrower(x, other)
            }
            // One option of a union: the value is that option.
            (TypeRef::Named(n), other) | (other, TypeRef::Named(n))
                if matches!(self.types.get(n).map(|d| &d.kind), Some(TypeKind::Union(_))) =>
            {
                let Some(TypeKind::Union(u)) = self.types.get(n).map(|d| &d.kind) else {
                    return None;
                };
                u.variants.iter().find_map(|v| self.narrower(&v.ty, other))
            }
            _ => None,
        }
    }

    /// The location a chain of bare `$ref`s ends at.
    pub(super) fn final_target(&self, at: &Location) -> Result<Location> {
        let mut current = at.clone();
        for _ in 0..super::MAX_REFERENCE_CHAIN {
            let Some(object) = self.schema_object(&current)? else {
                return Ok(current);
            };
            match self.follow(&current, object)? {
                Some(target)
                    if object
                        .keys()
                        .all(|k| k == "$ref" || ANNOTATIONS.contains(&k.as_str())) =>
                {
                    current = target
                }
                _ => return Ok(current),
            }
        }
        Err(super::reference_chain_error(at))
    }

    pub(super) fn is_object_schema(&self, at: &Location) -> Result<bool> {
        self.is_object_schema_within(at, &mut BTreeSet::new())
    }

    /// [`Self::is_object_schema`], each `allOf` member looked at once (`seen`), so shared or
    /// cyclic members cost nothing more.
    fn is_object_schema_within(
        &self,
        at: &Location,
        seen: &mut BTreeSet<Location>,
    ) -> Result<bool> {
        if !seen.insert(at.clone()) {
            return Ok(false);
        }
        let Some(object) = self.schema_object(at)? else {
            return Ok(false);
        };
        Ok(match object.get("type") {
            Some(Value::String(t)) => t == "object",
            Some(Value::Array(ts)) => {
                ts.iter().any(|t| t == "object") && ts.iter().all(|t| t == "object" || t == "null")
            }
            _ if object.contains_key("properties") => true,
            // An `allOf` is an object when one of its members is.
            _ => match object.get("allOf") {
                Some(Value::Array(members)) => {
                    let mut any = false;
                    for i in 0..members.len() {
                        let member = self.final_target(&at.join("allOf").join(&i.to_string()))?;
                        any = any || self.is_object_schema_within(&member, seen)?;
                    }
                    any
                }
                _ => false,
            },
        })
    }

    /// A field from the declaration at `at`; `merged` overrides its type and nullability.
    fn field(
        &mut self,
        at: &Location,
        inherited_from: Option<&str>,
        wire_name: &str,
        merged: Option<(TypeRef, bool)>,
    ) -> Result<(FieldDef, bool)> {
        let (ty, nullable) = match merged {
            Some(merged) => merged,
            None => self.type_of(at)?,
        };
        // A type that holds `null` itself keeps it as its own value, not as an `Option`'s `None`.
        let nullable = nullable && !holds_null(&ty);
        let object = self.schema_object(at)?;
        let get = |key: &str| object.and_then(|o| o.get(key));
        let aliases = match get("x-aliases") {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .map(|i| {
                    i.as_str().map(str::to_string).ok_or_else(|| {
                        Error::schema(&at.join("x-aliases"), "must be an array of strings")
                    })
                })
                .collect::<Result<_>>()?,
            Some(_) => {
                return Err(Error::schema(
                    &at.join("x-aliases"),
                    "must be an array of strings",
                ))
            }
        };
        let string_or_number = match object {
            Some(o) => flag(o, "x-string-or-number", at)?,
            None => false,
        };
        if string_or_number && !(ty.is_integer() || ty == TypeRef::F64) {
            return Err(Error::schema(
                &at.join("x-string-or-number"),
                "only applies to integer and number properties",
            ));
        }
        let lenient_date_time = match object {
            Some(o) => flag(o, "x-lenient-date-time", at)?,
            None => false,
        };
        if lenient_date_time && !matches!(ty, TypeRef::DateTime | TypeRef::DateTimeText) {
            return Err(Error::schema(
                &at.join("x-lenient-date-time"),
                "only applies to `format: date-time` properties",
            ));
        }
        // A date-time kept as text already accepts every spelling.
        let lenient_date_time = lenient_date_time && ty == TypeRef::DateTime;
        if matches!(&ty, TypeRef::Array(inner) | TypeRef::Map(inner) if *inner.non_null() == TypeRef::DateTime)
        {
            return Err(Error::schema(
                at,
                "date-time values inside arrays or maps are not supported",
            ));
        }
        let box_requested = match object {
            Some(o) => boxing_requested(o, &ty, at)?,
            None => false,
        };
        let explicit = match get("x-rust-name") {
            None => None,
            Some(Value::String(name)) if rust_idents::is_identifier(name) => Some(name.clone()),
            Some(_) => {
                return Err(Error::schema(
                    &at.join("x-rust-name"),
                    "must be a string that is a Rust identifier",
                ))
            }
        };
        let deprecated = get("deprecated").and_then(Value::as_bool).unwrap_or(false);
        let field = FieldDef {
            rust_name: explicit
                .clone()
                .unwrap_or_else(|| rust_idents::snake(wire_name)),
            wire_name: wire_name.to_string(),
            aliases,
            ty,
            required: false,
            nullable,
            string_or_number,
            lenient_date_time,
            boxed: None,
            box_requested,
            default: get("default").cloned(),
            deprecated,
            doc: get("description")
                .and_then(Value::as_str)
                .map(str::to_string),
            inherited_from: inherited_from.map(str::to_string),
            origin: at.clone(),
            attributes: Vec::new(),
        };
        Ok((field, explicit.is_some()))
    }

    /// The base models reached through `allOf`, each with the fields it declares itself.
    pub(super) fn base_models(&mut self) -> Result<Vec<BaseDef>> {
        let mut bases = Vec::new();
        let pending: Vec<(String, Location)> = self.base_locations.clone().into_iter().collect();
        for (name, at) in pending {
            if self.types.contains_key(&name) {
                // Also used as a value: its struct already carries the name; no trait.
                continue;
            }
            // A base with a problem is left out, its problem kept with the others.
            let def = self.struct_def(std::slice::from_ref(&at));
            let Some(def) = self.recover(def)? else {
                continue;
            };
            let own_fields = def
                .fields
                .into_iter()
                .filter(|f| f.inherited_from.is_none())
                .collect();
            let object = self.set.node(&at)?;
            let mut extends = Vec::new();
            for (i, member) in object
                .get("allOf")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                if let Some(reference) = member.get("$ref").and_then(Value::as_str) {
                    let target = self
                        .set
                        .resolve(&at.join("allOf").join(&i.to_string()), reference)?;
                    extends.extend(
                        self.base_locations
                            .iter()
                            .find(|(_, l)| **l == target)
                            .map(|(n, _)| n.clone()),
                    );
                }
            }
            bases.push(BaseDef {
                doc: object
                    .get("description")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                module: super::module_of(&at.file),
                origin: at,
                features: Vec::new(),
                extern_module: None,
                name,
                extends,
                own_fields,
                accessors: Vec::new(),
            });
        }
        bases.sort_by(|a, b| (&a.module, &a.name).cmp(&(&b.module, &b.name)));
        Ok(bases)
    }
}

/// The name of the field that keeps undeclared keys: `additional_properties`, with `_`s until
/// no property has it.
fn additional_name(fields: &[FieldDef]) -> String {
    let mut rust_name = "additional_properties".to_string();
    while fields.iter().any(|f| f.rust_name == rust_name) {
        rust_name.push('_');
    }
    rust_name
}

/// Distinct Rust names for every field. Keys that collide after snake_case (`+1`, `-1`) spell
/// their symbols out (`plus_1`, `minus_1`), then take a number in wire-name order; a name given
/// by `x-rust-name` is kept, and two of those colliding is an error.
fn assign_rust_names(fields: &mut [FieldDef], explicit: &[bool], at: &Location) -> Result<()> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for field in fields.iter() {
        *counts.entry(field.rust_name.clone()).or_default() += 1;
    }
    for (i, field) in fields.iter_mut().enumerate() {
        if !explicit[i] && counts[&field.rust_name] > 1 {
            field.rust_name = rust_idents::snake_spelled(&field.wire_name);
        }
    }
    let mut order: Vec<usize> = (0..fields.len()).collect();
    order.sort_by(|a, b| {
        (!explicit[*a], &fields[*a].wire_name).cmp(&(!explicit[*b], &fields[*b].wire_name))
    });
    let mut taken: BTreeMap<String, String> = BTreeMap::new();
    for i in order {
        let field = &mut fields[i];
        if let Some(other) = taken.get(&field.rust_name) {
            if explicit[i] {
                return Err(Error::schema(
                    &at.join("properties")
                        .join(&field.wire_name)
                        .join("x-rust-name"),
                    format!(
                        "`{}` is also the name of property `{other}`; choose another `x-rust-name`",
                        field.rust_name
                    ),
                ));
            }
            // `self_` and a number is `self_2`.
            let base = field.rust_name.trim_end_matches('_').to_string();
            let mut n = 2;
            while taken.contains_key(&format!("{base}_{n}")) {
                n += 1;
            }
            field.rust_name = format!("{base}_{n}");
        }
        taken.insert(field.rust_name.clone(), field.wire_name.clone());
    }
    Ok(())
}

/// `anyOf`/`oneOf: [{"required": [...]}, …]` with nothing else in the branches: alternative
/// key sets of which one must be present (how the schemas state "camelCase or PascalCase").
pub(super) fn required_alternatives(
    object: &Map<String, Value>,
    keyword: &str,
) -> Option<Vec<Vec<String>>> {
    let branches = object.get(keyword)?.as_array()?;
    if branches.is_empty() {
        return None;
    }
    branches
        .iter()
        .map(|branch| {
            let branch = branch.as_object().filter(|b| b.len() == 1)?;
            branch
                .get("required")?
                .as_array()?
                .iter()
                .map(|k| k.as_str().map(str::to_string))
                .collect()
        })
        .collect()
}

/// `x-boxed` on the property declared at `at`, checked against the type it boxes.
fn boxing_requested(object: &Map<String, Value>, ty: &TypeRef, at: &Location) -> Result<bool> {
    let requested = flag(object, "x-boxed", at)?;
    if requested && !matches!(ty, TypeRef::Named(_)) {
        return Err(Error::schema(
            &at.join("x-boxed"),
            "only applies to a property whose value is a named schema (an object or a union): strings, arrays and maps already keep their contents behind a pointer. Remove `x-boxed` here",
        ));
    }
    Ok(requested)
}
