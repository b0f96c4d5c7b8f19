//! Finalize: settle everything about the public API that follows from the model as a whole
//! rather than from one schema, as typify's finalize pass does before output. The results are
//! stored in the IR, so the emitters only print them and `eventgen diff` compares them:
//! - `boxing` — which fields are `Box<T>` (they break a cycle of directly contained types, or the
//!   schema asks for it with `x-boxed`);
//! - `derives` — which standard traits each type derives (`Default` depends on field types);
//! - `bases` — which base traits each struct implements (it must hold the base's fields unchanged);
//! - `accessors` — which `…_or_default` accessors a struct has;
//! - `unions` — how a union's value picks its option (by known keys when several are objects);
//! - `borrows` — which types have a borrowed form with a lifetime.
//!
//! Fixed policies (every struct and enum `#[non_exhaustive]`, every `EventData` payload boxed)
//! are not decided per schema and stay with the emitters.

mod accessors;
mod bases;
mod borrows;
mod boxing;
mod derives;
mod unions;

use crate::ir::Model;

pub(crate) use borrows::ty_borrows;

/// Settle boxing, derives, base-trait impls, accessors, union selection and borrowing, in that order (each
/// may read the ones before it: a boxed field has no default accessor, and base impls compare boxing).
pub fn finalize(model: &mut Model) {
    boxing::mark_boxed_fields(&mut model.types);
    derives::settle_derives(model);
    bases::settle_implementations(model);
    bases::settle_accessor_names(model);
    accessors::settle_default_accessors(model);
    accessors::settle_builders(model);
    unions::settle_union_selection(model);
    borrows::settle_borrowing(model);
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::ir::{Derive, Model, StructDef, TypeKind};

    fn model(documents: Vec<(&str, serde_json::Value)>) -> Model {
        let set = crate::load::SchemaSet::from_documents(documents).unwrap();
        crate::lower::lower(&set).unwrap()
    }

    fn struct_named<'m>(model: &'m Model, name: &str) -> &'m StructDef {
        match &model.type_named(name).unwrap().kind {
            TypeKind::Struct(s) => s,
            other => panic!("{name} is {other:?}"),
        }
    }

    #[test]
    fn default_needs_every_required_field_to_have_one_and_never_closes_a_required_cycle() {
        let model = model(vec![(
            "e.json",
            json!({
                "title": "EEventData", "x-event-type": "Test.E", "type": "object",
                "required": ["a", "loose"],
                "properties": {"a": {"$ref": "#/$defs/A"}, "loose": {"$ref": "#/$defs/Loose"}},
                "$defs": {
                    "A": {"title": "A", "type": "object", "required": ["b"], "properties": {"b": {"$ref": "#/$defs/B"}}},
                    "B": {"title": "B", "type": "object", "required": ["a"], "properties": {"a": {"$ref": "#/$defs/A"}}},
                    "Loose": {"title": "Loose", "type": "object", "properties": {"again": {"$ref": "#/$defs/Loose"}}}
                }
            }),
        )]);
        let has_default = |name: &str| {
            model
                .type_named(name)
                .unwrap()
                .derives
                .contains(&Derive::Default)
        };
        assert!(
            !has_default("A") && !has_default("B"),
            "a cycle of required fields has no finite default"
        );
        assert!(
            has_default("Loose"),
            "a cycle through an optional field has one"
        );
        assert!(
            !has_default("EEventData"),
            "a required field without a default takes it away"
        );
        for (holder, field) in [("A", 0), ("B", 0), ("Loose", 0)] {
            assert_eq!(
                struct_named(&model, holder).fields[field].boxed,
                Some(crate::ir::Boxing::Cycle),
                "{holder}"
            );
        }
    }

    #[test]
    fn a_type_borrows_when_it_holds_a_string_an_open_value_or_a_map_at_any_depth() {
        let model = model(vec![(
            "e.json",
            json!({
                "title": "EEventData", "x-event-type": "Test.E", "type": "object",
                "properties": {
                    "numbers": {"$ref": "#/$defs/Numbers"}, "outer": {"$ref": "#/$defs/Outer"},
                    "state": {"$ref": "#/$defs/State"}, "open": {"$ref": "#/$defs/Open"}
                },
                "$defs": {
                    "Numbers": {"title": "Numbers", "type": "object", "properties": {"n": {"type": "integer"}, "s": {"$ref": "#/$defs/State"}}, "additionalProperties": false},
                    "State": {"title": "State", "enum": ["a", "b"]},
                    "Inner": {"title": "Inner", "type": "object", "properties": {"text": {"type": "string"}}},
                    "Outer": {"title": "Outer", "type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/$defs/Inner"}}}},
                    "Open": {"title": "Open", "type": "object", "properties": {"n": {"type": "integer"}}, "additionalProperties": {"type": "integer"}}
                }
            }),
        )]);
        let borrows = |name: &str| model.type_named(name).unwrap().borrows;
        assert!(
            !borrows("Numbers") && !borrows("State"),
            "numbers and enums, in a closed object, serve both forms (an open one keeps its undeclared keys)"
        );
        assert!(
            borrows("Inner") && borrows("Outer"),
            "a string borrows, through an array of structs too"
        );
        assert!(
            borrows("Open"),
            "the keys of undeclared members are strings"
        );
        assert!(borrows("EEventData"));
    }

    #[test]
    fn a_struct_refining_a_base_field_does_not_implement_the_base_trait() {
        let base = json!({"title": "Labelled", "type": "object", "properties": {"label": {"type": "string"}, "size": {"type": "integer", "default": 3}}});
        let keeps = json!({"title": "KeepsEventData", "x-event-type": "Test.Keeps", "allOf": [{"$ref": "labelled.json"}]});
        let narrows = json!({"title": "NarrowsEventData", "x-event-type": "Test.Narrows", "allOf": [
            {"$ref": "labelled.json"}, {"properties": {"label": {"enum": ["a"], "title": "OnlyA"}}}
        ]});
        let model = model(vec![
            ("labelled.json", base),
            ("keeps.json", keeps),
            ("narrows.json", narrows),
        ]);
        assert_eq!(
            struct_named(&model, "KeepsEventData").implements,
            ["Labelled"]
        );
        assert!(struct_named(&model, "NarrowsEventData")
            .implements
            .is_empty());
        let methods: Vec<&str> = struct_named(&model, "NarrowsEventData")
            .default_accessors
            .iter()
            .map(|a| a.method.as_str())
            .collect();
        assert_eq!(methods, ["size_or_default"]);
    }
}
