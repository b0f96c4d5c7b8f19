//! `oneOf`/`anyOf` that share an object with other keywords: beside its own `properties` and
//! `required`, or as a member of its `allOf`. JSON Schema applies every keyword to the value, so
//! the value satisfies the object's own keywords *and* one option: the choice is distributed
//! over the rest (`{P, oneOf: [A, B]}` is `oneOf: [{P, A}, {P, B}]`), and each option becomes a
//! struct merging the object's parts with it. Several choices multiply. Nothing beside a choice
//! is dropped, and nothing a choice requires goes unchecked.

use serde_json::{Map, Value};

use super::nullability::is_null_only;
use super::{objects, Lowering};
use crate::error::{Error, Location, Result};
use crate::ir::*;
use crate::rust_idents;

/// How many structs one object's choices may multiply into before it is refused.
const MAX_COMBINATIONS: usize = 32;

/// One `oneOf`/`anyOf` of an object: the locations of its options besides `null`-only ones.
struct Choice {
    options: Vec<Location>,
}

impl Lowering<'_> {
    /// Whether the schema at `at` has a choice that shares the object with other keywords, so
    /// that it is lowered here rather than as a plain union or a plain struct.
    pub(super) fn has_shared_choice(
        &self,
        at: &Location,
        object: &Map<String, Value>,
    ) -> Result<bool> {
        let own_choice = ["oneOf", "anyOf"].iter().any(|k| {
            object.contains_key(*k) && objects::required_alternatives(object, k).is_none()
        });
        let all_of = object.get("allOf").and_then(Value::as_array);
        if !own_choice && all_of.is_none() {
            return Ok(false);
        }
        // Only where the value is an object: its own object keywords, or an `allOf` member
        // that is an object schema. Otherwise choices and members are a conjunction of values
        // (`objects::all_of_value`), or a plain union.
        let mut is_object = object
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|p| !p.is_empty())
            || object.get("required").is_some_and(Value::is_array)
            || object.contains_key("additionalProperties")
            || object.contains_key("patternProperties");
        for i in 0..all_of.map_or(0, Vec::len) {
            let member = at.join("allOf").join(&i.to_string());
            is_object = is_object || self.is_object_schema(&self.final_target(&member)?)?;
        }
        Ok(is_object && !self.choices(at)?.is_empty())
    }

    /// The type of an object whose choices share it with other keywords: one merged struct
    /// per combination of options, in a union when there are several.
    pub(super) fn shared_choice(
        &mut self,
        at: &Location,
        object: &Map<String, Value>,
    ) -> Result<TypeRef> {
        let choices = self.choices(at)?;
        let combinations = choices
            .iter()
            .try_fold(1usize, |n, c| n.checked_mul(c.options.len().max(1)))
            .filter(|n| *n <= MAX_COMBINATIONS)
            .ok_or_else(|| {
                Error::schema(
                    at,
                    format!("the `oneOf`/`anyOf` choices of this object multiply into more than {MAX_COMBINATIONS} shapes; state the shapes as one `oneOf` of complete objects"),
                )
            })?;
        let only_object = super::declared_types(object, at)?
            .iter()
            .all(|t| t == "object");
        let owner = super::naming::wanted_name(self.set, at)?.name;
        let owner = owner.trim_end_matches('_');
        let mut variants: Vec<UnionVariant> = Vec::new();
        for index in 0..combinations {
            let picked = pick(&choices, index);
            // An option that cannot be an object is not distributed: the object's keywords
            // only constrain objects, so it stands as it is, or is impossible when the object
            // says `type: object`.
            if let Some(scalar) = self.first_non_object(&picked)? {
                if only_object && object.contains_key("type") {
                    continue;
                }
                if picked.len() > 1 {
                    return Err(Error::schema(&scalar, "an option that is not an object, combined with the options of another `oneOf`/`anyOf` of the same object, is not supported; state the shapes as one `oneOf`"));
                }
                let ty = self.type_at(&scalar)?;
                let ident = self.option_ident(&scalar, &ty)?;
                variants.push(UnionVariant {
                    ident: unique(&variants, ident, index),
                    ty,
                    doc: None,
                    known_keys: Vec::new(),
                });
                continue;
            }
            let ident = picked
                .iter()
                .map(|option| self.option_name(option))
                .collect::<Result<Vec<_>>>()?
                .concat();
            let key = std::iter::once(at)
                .chain(&picked)
                .map(Location::to_string)
                .collect::<Vec<_>>()
                .join(" & ");
            let name = match self.named.get(&key) {
                Some(name) => name.clone(),
                None => {
                    let wanted = super::naming::Wanted {
                        name: format!("{owner}{ident}"),
                        explicit: false,
                        at: picked.last().unwrap_or(at).clone(),
                    };
                    let name = self.reserve_key(key, wanted, at)?;
                    let parts: Vec<Location> = std::iter::once(at.clone())
                        .chain(picked.iter().cloned())
                        .collect();
                    // A problem stays with the type, as for every named type (see `lower`).
                    let def = self.struct_def(&parts);
                    if let Some(def) = self.recover(def)? {
                        let doc = picked
                            .last()
                            .and_then(|option| self.set.node(option).ok())
                            .and_then(|option| option.get("description"))
                            .cloned();
                        let mut described = object.clone();
                        match doc {
                            Some(doc) => described.insert("description".into(), doc),
                            None => described.remove("description"),
                        };
                        self.define(at, &name, &described, TypeKind::Struct(def));
                    }
                    name
                }
            };
            variants.push(UnionVariant {
                ident: unique(&variants, ident, index),
                ty: TypeRef::Named(name),
                doc: None,
                known_keys: Vec::new(),
            });
        }
        match variants.len() {
            0 => Err(Error::schema(
                at,
                "no option of this object's `oneOf`/`anyOf` can hold an object, yet `type` is `object`: no value is valid; remove the options that are not objects, or the `type`",
            )),
            1 => Ok(variants.remove(0).ty),
            _ => {
                let name = self.reserve(at)?;
                Ok(self.define_union(at, name, object, variants))
            }
        }
    }

    /// Every choice of the object at `at`: its own `oneOf`/`anyOf` and those of its `allOf`
    /// members, through `$ref`s, in document order. `anyOf`s that only list `required` keys are
    /// which keys must be present, not choices.
    fn choices(&self, at: &Location) -> Result<Vec<Choice>> {
        let mut found = Vec::new();
        let mut pending = vec![at.clone()];
        let mut seen = std::collections::BTreeSet::new();
        while let Some(current) = pending.pop() {
            if !seen.insert(current.clone()) {
                continue; // an `allOf` cycle is reported where the struct is collected
            }
            let Some(object) = self.schema_object(&current)? else {
                continue;
            };
            for keyword in ["oneOf", "anyOf"] {
                if objects::required_alternatives(object, keyword).is_some() {
                    continue;
                }
                if let Some(options) = object.get(keyword) {
                    let keyword_at = current.join(keyword);
                    let options = options
                        .as_array()
                        .ok_or_else(|| Error::schema(&keyword_at, "must be an array"))?;
                    let options = (0..options.len())
                        .filter(|&i| !is_null_only(&options[i]))
                        .map(|i| keyword_at.join(&i.to_string()))
                        .collect();
                    found.push(Choice { options });
                }
            }
            let mut members = Vec::new();
            if let Some(target) = self.follow(&current, object)? {
                if current != *at {
                    members.push(target);
                }
            }
            if let Some(Value::Array(all_of)) = object.get("allOf") {
                members
                    .extend((0..all_of.len()).map(|i| current.join("allOf").join(&i.to_string())));
            }
            // Depth first, in document order.
            pending.extend(members.into_iter().rev());
        }
        found.retain(|choice| !choice.options.is_empty());
        Ok(found)
    }

    /// The first of `picked` whose schema cannot be an object (a `type` without `object`).
    fn first_non_object(&self, picked: &[Location]) -> Result<Option<Location>> {
        for option in picked {
            let Some(object) = self.schema_object(option)? else {
                continue;
            };
            let target = match self.follow(option, object)? {
                Some(target) => target,
                None => option.clone(),
            };
            let Some(schema) = self.schema_object(&target)? else {
                continue;
            };
            let types = super::declared_types(schema, &target)?;
            if !types.is_empty() && !types.iter().any(|t| t == "object") {
                return Ok(Some(option.clone()));
            }
        }
        Ok(None)
    }

    /// The part of a merged struct's name an option gives: its title, the name of the schema
    /// its `$ref` names, or its place (`Variant1`).
    fn option_name(&self, option: &Location) -> Result<String> {
        let node = self.set.node(option)?;
        if let Some(title) = node
            .get("title")
            .and_then(Value::as_str)
            .filter(|t| !t.trim().is_empty())
        {
            return Ok(rust_idents::type_name(title));
        }
        if let Some(object) = self.schema_object(option)? {
            if let Some(target) = self.follow(option, object)? {
                return Ok(super::naming::wanted_name(self.set, &target)?.name);
            }
        }
        let index = option.pointer.rsplit('/').next().unwrap_or("0");
        Ok(format!("Variant{index}"))
    }

    /// A union variant's name for an option kept as it is (not merged).
    fn option_ident(&self, option: &Location, ty: &TypeRef) -> Result<String> {
        let node = self.set.node(option)?;
        Ok(match node.get("title").and_then(Value::as_str) {
            Some(title) if !title.trim().is_empty() => rust_idents::type_name(title),
            _ => super::unions::variant_ident(ty, node.get("format").and_then(Value::as_str)),
        })
    }
}

/// The options combination `index` picks, one per choice (the last choice varies fastest).
fn pick(choices: &[Choice], mut index: usize) -> Vec<Location> {
    let mut picked = vec![Location::new("", ""); choices.len()];
    for (slot, choice) in picked.iter_mut().zip(choices).rev() {
        let n = choice.options.len();
        *slot = choice.options[index % n].clone();
        index /= n;
    }
    picked
}

/// `ident`, or `ident` and the combination's index when another variant has it.
fn unique(variants: &[UnionVariant], ident: String, index: usize) -> String {
    if variants.iter().any(|v| v.ident == ident) {
        format!("{ident}{index}")
    } else {
        ident
    }
}
