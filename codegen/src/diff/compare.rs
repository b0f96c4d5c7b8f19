//! Compare two lowered models event by event. Events are matched by their event-type string;
//! each payload is walked through every named type it reaches, so a change in a shared model is
//! reported on every event (and path) it affects.

use std::collections::{BTreeMap, BTreeSet};

use super::rules::Kind;
use super::Change;
use crate::ir::{
    Boxing, EnumDef, EventDef, FieldDef, LiteralDef, Model, StructDef, TypeDef, TypeKind, TypeRef,
};

pub fn compare(old: &Model, new: &Model) -> Vec<Change> {
    let mut changes = Vec::new();
    let old_events: BTreeMap<&str, &EventDef> = old
        .events
        .iter()
        .map(|e| (e.event_type.as_str(), e))
        .collect();
    let new_events: BTreeMap<&str, &EventDef> = new
        .events
        .iter()
        .map(|e| (e.event_type.as_str(), e))
        .collect();
    let removed: Vec<&EventDef> = old
        .events
        .iter()
        .filter(|e| !new_events.contains_key(e.event_type.as_str()))
        .collect();
    let added: Vec<&EventDef> = new
        .events
        .iter()
        .filter(|e| !old_events.contains_key(e.event_type.as_str()))
        .collect();
    let mut renamed_from: BTreeSet<&str> = BTreeSet::new();

    for event in &added {
        // Same payload model under another event-type string: a renamed event type.
        if let Some(before) = removed
            .iter()
            .find(|r| r.payload == event.payload && !renamed_from.contains(r.event_type.as_str()))
        {
            renamed_from.insert(&before.event_type);
            let mut walk = Walk::new(old, new, &event.event_type);
            walk.push("data", Kind::EventTypeRenamed, format!(
                "event type `{}` is now `{}`: consumers on either side see the other's events as Unknown. Suggestion: keep a schema for the old event type until its events are gone",
                before.event_type, event.event_type
            ));
            walk.event(before, event);
            changes.extend(walk.changes);
        } else {
            changes.push(Change::new(
                &event.event_type,
                "",
                Kind::EventTypeAdded,
                format!(
                    "new event type `{}` ({}): events that parsed as Unknown now parse as {}",
                    event.event_type, event.payload, event.variant
                ),
            ));
        }
    }
    for event in removed
        .iter()
        .filter(|r| !renamed_from.contains(r.event_type.as_str()))
    {
        changes.push(Change::new(&event.event_type, "", Kind::EventTypeRemoved, format!(
            "event type `{}` removed: its events now parse as Unknown. Suggestion: keep the schema and deprecate it rather than delete it",
            event.event_type
        )));
    }
    for (event_type, before) in &old_events {
        if let Some(after) = new_events.get(event_type) {
            let mut walk = Walk::new(old, new, event_type);
            walk.event(before, after);
            changes.extend(walk.changes);
        }
    }
    changes.sort_by(|a, b| (&a.event_type, &a.path, a.kind).cmp(&(&b.event_type, &b.path, b.kind)));
    changes
}

struct Walk<'m> {
    old: &'m Model,
    new: &'m Model,
    event_type: String,
    changes: Vec<Change>,
    /// Type pairs being compared (recursion guard).
    stack: Vec<(String, String)>,
    /// Type-level changes already reported for this event (a shared type reached twice).
    reported_types: BTreeSet<(String, Kind)>,
}

impl<'m> Walk<'m> {
    fn new(old: &'m Model, new: &'m Model, event_type: &str) -> Self {
        Walk {
            old,
            new,
            event_type: event_type.to_string(),
            changes: Vec::new(),
            stack: Vec::new(),
            reported_types: BTreeSet::new(),
        }
    }

    fn push(&mut self, path: &str, kind: Kind, message: String) {
        self.changes
            .push(Change::new(&self.event_type, path, kind, message));
    }

    fn event(&mut self, before: &EventDef, after: &EventDef) {
        if before.data_version != after.data_version {
            self.push(
                "",
                Kind::DataVersionChanged,
                format!(
                    "data version {} is now {}; the payload changes are reported separately",
                    before.data_version.as_deref().unwrap_or("(none)"),
                    after.data_version.as_deref().unwrap_or("(none)")
                ),
            );
        }
        if before.doc != after.doc {
            self.push(
                "",
                Kind::DescriptionChanged,
                "the event's description changed".into(),
            );
        }
        if before.feature != after.feature {
            let name = |f: &Option<String>| {
                f.as_deref()
                    .map_or("(always compiled)".to_string(), |f| format!("`{f}`"))
            };
            self.push(
                "",
                Kind::EventFeatureChanged,
                format!(
                    "compiled by feature {} instead of {}",
                    name(&after.feature),
                    name(&before.feature)
                ),
            );
        }
        self.named("data", &before.payload, &after.payload);
    }

    fn named(&mut self, path: &str, old_name: &str, new_name: &str) {
        let pair = (old_name.to_string(), new_name.to_string());
        if self.stack.contains(&pair) {
            return;
        }
        let (Some(old_def), Some(new_def)) =
            (self.old.type_named(old_name), self.new.type_named(new_name))
        else {
            return;
        };
        self.stack.push(pair);
        if old_name != new_name
            && self
                .reported_types
                .insert((old_name.to_string(), Kind::ModelRenamed))
        {
            self.push(
                path,
                Kind::ModelRenamed,
                format!("type `{old_name}` is now `{new_name}`"),
            );
        }
        if old_def.doc != new_def.doc
            && self
                .reported_types
                .insert((new_name.to_string(), Kind::DescriptionChanged))
        {
            self.push(
                path,
                Kind::DescriptionChanged,
                format!("the description of `{new_name}` changed"),
            );
        }
        if std::mem::discriminant(&old_def.kind) == std::mem::discriminant(&new_def.kind) {
            self.api(path, old_def, new_def);
        }
        match (&old_def.kind, &new_def.kind) {
            (TypeKind::Struct(a), TypeKind::Struct(b)) => {
                self.undeclared_keys(path, new_name, a, b);
                self.fields(path, &a.fields, &b.fields)
            }
            (TypeKind::Enum(a), TypeKind::Enum(b)) => self.enum_values(path, new_def, a, b),
            (TypeKind::Union(a), TypeKind::Union(b)) => {
                let old_options: BTreeSet<&str> =
                    a.variants.iter().map(|v| v.ident.as_str()).collect();
                let new_options: BTreeSet<&str> =
                    b.variants.iter().map(|v| v.ident.as_str()).collect();
                for added in new_options.difference(&old_options) {
                    self.push(
                        path,
                        Kind::TypeWidened,
                        format!("`{new_name}` gained the option `{added}`"),
                    );
                }
                for removed in old_options.difference(&new_options) {
                    self.push(
                        path,
                        Kind::TypeNarrowed,
                        format!("`{new_name}` lost the option `{removed}`"),
                    );
                }
            }
            (TypeKind::Literal(a), TypeKind::Literal(b)) if a.kind == b.kind => {
                self.literal_values(path, new_name, a, b)
            }
            (TypeKind::Newtype(a), TypeKind::Newtype(b)) => self.types(path, a, b),
            _ => self.push(
                path,
                Kind::TypeChanged,
                format!(
                    "`{old_name}` ({}) is now `{new_name}` ({})",
                    shape(old_def),
                    shape(new_def)
                ),
            ),
        }
        self.stack.pop();
    }

    /// What the finalize pass settled for a type: derives, whether its borrowed form has a
    /// lifetime, and for structs the base traits it implements and its `…_or_default` accessors.
    /// Reported once per type and event.
    fn api(&mut self, path: &str, before: &TypeDef, after: &TypeDef) {
        let name = &after.name;
        let report = |walk: &mut Self, kind: Kind, item: &str, message: String| {
            if walk.reported_types.insert((format!("{name}/{item}"), kind)) {
                walk.push(path, kind, message);
            }
        };
        for derive in after.derives.iter().filter(|d| !before.derives.contains(d)) {
            report(
                self,
                Kind::DeriveAdded,
                derive.name(),
                format!("`{name}` now derives `{}`", derive.name()),
            );
        }
        for derive in before.derives.iter().filter(|d| !after.derives.contains(d)) {
            report(
                self,
                Kind::DeriveRemoved,
                derive.name(),
                format!("`{name}` no longer derives `{}`", derive.name()),
            );
        }
        match (before.borrows, after.borrows) {
            (false, true) => report(self, Kind::BorrowedLifetimeAdded, "borrowed", format!(
                "`{name}` now borrows from the body (feature borrowed): its borrowed form is the new `borrowed::{name}<'a>`, no longer the owned `{name}`. Code that names the owned `{name}` where a borrowed payload holds it must name `borrowed::{name}<'_>` (or call `into_owned()`)"
            )),
            (true, false) => report(self, Kind::BorrowedLifetimeRemoved, "borrowed", format!(
                "`{name}` no longer borrows from the body (feature borrowed): `borrowed::{name}<'a>` is gone and borrowed payloads hold the owned `{name}`. Code that names `borrowed::{name}<'_>` must name `{name}` instead"
            )),
            _ => {}
        }
        let (TypeKind::Struct(old), TypeKind::Struct(new)) = (&before.kind, &after.kind) else {
            return;
        };
        for base in new
            .implements
            .iter()
            .filter(|b| !old.implements.contains(b))
        {
            report(
                self,
                Kind::BaseTraitImplAdded,
                base,
                format!("`{name}` now implements the base trait `{base}`"),
            );
        }
        for base in old
            .implements
            .iter()
            .filter(|b| !new.implements.contains(b))
        {
            let why = if new.bases.contains(base) {
                "it no longer holds the base's fields unchanged"
            } else {
                "it no longer extends the base"
            };
            report(
                self,
                Kind::BaseTraitImplRemoved,
                base,
                format!("`{name}` no longer implements the base trait `{base}`: {why}"),
            );
        }
        let (old_methods, new_methods) = (accessor_names(old), accessor_names(new));
        for method in new_methods.difference(&old_methods) {
            report(
                self,
                Kind::DefaultAccessorAdded,
                method,
                format!("`{name}` gained the accessor `{method}()`"),
            );
        }
        for method in old_methods.difference(&new_methods) {
            report(
                self,
                Kind::DefaultAccessorRemoved,
                method,
                format!("`{name}` lost the accessor `{method}()`"),
            );
        }
    }

    /// What a struct does with keys it does not declare: refuses them (closed), or keeps them
    /// (in `additional_properties`, whose value type compares as a map's).
    fn undeclared_keys(&mut self, path: &str, name: &str, before: &StructDef, after: &StructDef) {
        match (before.closed, after.closed) {
            (false, true) => self.push(path, Kind::ObjectClosed, format!(
                "`{name}` now refuses keys it does not declare (additionalProperties: false): payloads with one fail to parse, and the field that kept them is removed"
            )),
            (true, false) => self.push(path, Kind::ObjectOpened, format!(
                "`{name}` no longer refuses keys it does not declare and keeps them in a field: consumers of the old schemas fail on payloads with one"
            )),
            _ => {}
        }
        // Undeclared keys kept on both sides: their values compare as a map's.
        if let (Some(b), Some(a)) = (&before.additional, &after.additional) {
            self.types(&format!("{path}{{}}"), &b.ty, &a.ty);
        }
    }

    fn fields(&mut self, path: &str, old_fields: &[FieldDef], new_fields: &[FieldDef]) {
        let mut unmatched_old: Vec<&FieldDef> = Vec::new();
        let mut matched: Vec<(&FieldDef, &FieldDef)> = Vec::new();
        for before in old_fields {
            match new_fields.iter().find(|f| f.wire_name == before.wire_name) {
                Some(after) => matched.push((before, after)),
                None => unmatched_old.push(before),
            }
        }
        let mut unmatched_new: Vec<&FieldDef> = new_fields
            .iter()
            .filter(|f| !old_fields.iter().any(|o| o.wire_name == f.wire_name))
            .collect();

        // Renames: the same property under another key (case-only, listed as an alias, or a
        // near-identical name of the same type), reported as one change, not a removal plus an addition.
        for before in unmatched_old.clone() {
            let Some(position) = unmatched_new
                .iter()
                .position(|after| is_rename(before, after))
            else {
                continue;
            };
            let after = unmatched_new.remove(position);
            unmatched_old.retain(|f| f.wire_name != before.wire_name);
            self.rename(path, before, after);
            matched.push((before, after));
        }
        for before in unmatched_old {
            let at = child(path, &before.wire_name);
            let (kind, what) = if before.is_optional() {
                (Kind::PropertyRemovedOptional, "optional")
            } else {
                (Kind::PropertyRemovedRequired, "required")
            };
            self.push(&at, kind, format!(
                "{what} property `{}` removed. Suggestion: keep it as an optional property marked deprecated until no payload carries it",
                before.wire_name
            ));
        }
        for after in unmatched_new {
            let at = child(path, &after.wire_name);
            if after.is_optional() {
                self.push(
                    &at,
                    Kind::PropertyAddedOptional,
                    format!("optional property `{}` added", after.wire_name),
                );
            } else {
                self.push(&at, Kind::PropertyAddedRequired, format!(
                    "required property `{}` added: payloads without it (older ones) fail to parse. Suggestion: make it optional until old payloads are gone",
                    after.wire_name
                ));
            }
        }
        for (before, after) in matched {
            self.field(&child(path, &after.wire_name), before, after);
        }
    }

    fn rename(&mut self, path: &str, before: &FieldDef, after: &FieldDef) {
        let at = child(path, &after.wire_name);
        let keeps_old_key = after.aliases.contains(&before.wire_name);
        let old_accepts_new_key = before.aliases.contains(&after.wire_name);
        let case_only = if before.wire_name.eq_ignore_ascii_case(&after.wire_name) {
            " (case-only)"
        } else {
            ""
        };
        let rust = if before.rust_name != after.rust_name {
            format!(
                "; the Rust field `{}` becomes `{}`",
                before.rust_name, after.rust_name
            )
        } else {
            String::new()
        };
        let (from, to) = (&before.wire_name, &after.wire_name);
        let (kind, message) = match (keeps_old_key, old_accepts_new_key) {
            (true, true) => (Kind::CanonicalKeySwapped, format!("`{from}` is now written as `{to}`{case_only}; both versions accept both keys{rust}")),
            (true, false) => (Kind::PropertyRenamedKeepingAlias, format!(
                "`{from}` renamed to `{to}`{case_only}, keeping `{from}` as an alias{rust}; consumers of the old schemas miss `{to}`"
            )),
            (false, true) => (Kind::PropertyRenamedToAlias, format!(
                "`{from}` renamed to `{to}`{case_only}, which the old schemas accepted as an alias; `{from}` is no longer accepted{rust}. Suggestion: keep `{from}` in x-aliases"
            )),
            (false, false) => (Kind::PropertyRenamed, format!(
                "`{from}` renamed to `{to}`{case_only}{rust}. Suggestion: keep `{from}` in x-aliases so payloads of both versions parse"
            )),
        };
        self.push(&at, kind, message);
    }

    fn field(&mut self, path: &str, before: &FieldDef, after: &FieldDef) {
        match (before.is_optional(), after.is_optional()) {
            (true, false) => self.push(path, Kind::PropertyBecameRequired, format!(
                "`{}` became required (Option<T> to T): older payloads without it fail to parse",
                after.wire_name
            )),
            (false, true) => self.push(path, Kind::PropertyBecameOptional, format!(
                "`{}` became optional (T to Option<T>): consumers of the old schemas fail on payloads without it",
                after.wire_name
            )),
            _ if before.nullable != after.nullable => self.push(path, Kind::NullabilityChanged, format!(
                "`{}` {}",
                after.wire_name,
                if after.nullable {
                    "now allows null (Option<T> to Option<Option<T>>, Some(None) for a null): consumers of the old schemas read a null as absent"
                } else {
                    "no longer allows null (Option<Option<T>> to Option<T>): a null now reads as absent"
                }
            )),
            _ => {}
        }
        let keys = |f: &FieldDef| -> BTreeSet<String> {
            f.aliases
                .iter()
                .cloned()
                .chain([f.wire_name.clone()])
                .collect()
        };
        let (old_keys, new_keys) = (keys(before), keys(after));
        for alias in after.aliases.iter().filter(|a| !old_keys.contains(*a)) {
            self.push(
                path,
                Kind::AliasAdded,
                format!("`{}` now also accepts the key `{alias}`", after.wire_name),
            );
        }
        for alias in before.aliases.iter().filter(|a| !new_keys.contains(*a)) {
            self.push(path, Kind::AliasRemoved, format!(
                "`{}` no longer accepts the key `{alias}`. Suggestion: keep the alias while payloads using it may be in flight",
                after.wire_name
            ));
        }
        match (before.string_or_number, after.string_or_number) {
            (false, true) => self.push(path, Kind::StringOrNumberAdded, format!("`{}` may now arrive as a string", after.wire_name)),
            (true, false) => self.push(path, Kind::StringOrNumberRemoved, format!(
                "`{}` no longer accepts a string. Suggestion: keep x-string-or-number while old payloads may be in flight",
                after.wire_name
            )),
            _ => {}
        }
        match (before.lenient_date_time, after.lenient_date_time) {
            (false, true) => self.push(path, Kind::LenientDateTimeAdded, format!("`{}` may now arrive as `M/d/yyyy h:mm:ss AM +hh:mm`", after.wire_name)),
            (true, false) => self.push(path, Kind::LenientDateTimeRemoved, format!(
                "`{}` only accepts RFC 3339 now. Suggestion: keep x-lenient-date-time while old payloads may be in flight",
                after.wire_name
            )),
            _ => {}
        }
        match (before.boxed, after.boxed) {
            (None, Some(now)) => {
                let why = match now {
                    Boxing::Cycle => "it closes a cycle of types",
                    Boxing::Requested => "its schema says `x-boxed`",
                };
                self.push(
                    path,
                    Kind::FieldBoxed,
                    format!("`{}` is now held as Box<T>: {why}", after.rust_name),
                );
            }
            (Some(was), None) => {
                let why = match was {
                    Boxing::Cycle => "the cycle it closed is gone",
                    Boxing::Requested => "its schema no longer says `x-boxed`",
                };
                self.push(
                    path,
                    Kind::FieldUnboxed,
                    format!("`{}` is no longer held as Box<T>: {why}", after.rust_name),
                );
            }
            _ => {}
        }
        if before.default != after.default {
            self.push(
                path,
                Kind::DefaultChanged,
                format!("the default of `{}` changed", after.wire_name),
            );
        }
        if before.doc != after.doc {
            self.push(
                path,
                Kind::DescriptionChanged,
                format!("the description of `{}` changed", after.wire_name),
            );
        }
        self.types(path, &before.ty, &after.ty);
    }

    fn types(&mut self, path: &str, before: &TypeRef, after: &TypeRef) {
        use TypeRef::*;
        let change = match (before, after) {
            (a, b)
                if a == b
                    && !matches!(a, Named(_) | Array(_) | Map(_) | Nullable(_) | Tuple(_)) =>
            {
                return
            }
            (Named(a), Named(b)) => return self.named(path, a, b),
            (Array(a), Array(b)) => return self.types(&format!("{path}[]"), a, b),
            (Map(a), Map(b)) => return self.types(&format!("{path}{{}}"), a, b),
            (Nullable(a), Nullable(b)) => return self.types(path, a, b),
            (Tuple(a), Tuple(b)) if a.len() == b.len() => {
                for (i, (a, b)) in a.iter().zip(b).enumerate() {
                    self.types(&format!("{path}[{i}]"), a, b);
                }
                return;
            }
            (Nullable(a), b) => {
                self.push(path, Kind::ValueNoLongerNullable, format!(
                    "{} no longer allows null (Option<T> to T): payloads with a null here fail to parse",
                    describe(a)
                ));
                return self.types(path, a, b);
            }
            (a, Nullable(b)) => {
                self.push(path, Kind::ValueBecameNullable, format!(
                    "{} now allows null (T to Option<T>): consumers of the old schemas fail on a null here",
                    describe(before)
                ));
                return self.types(path, a, b);
            }
            (I32, I64) | (DateTime, String | DateTimeText) => Kind::FormatWidened,
            (I64, I32) | (String | DateTimeText, DateTime) => Kind::FormatNarrowed,
            (String, DateTimeText) | (DateTimeText, String) => Kind::FormatRetyped,
            (I32 | I64, F64) | (_, Any) => Kind::TypeWidened,
            (F64, I32 | I64) | (Any, _) => Kind::TypeNarrowed,
            _ => Kind::TypeChanged,
        };
        self.push(
            path,
            change,
            format!("type {} is now {}", describe(before), describe(after)),
        );
    }

    /// A literal is a closed set of booleans or numbers: its values (associated constants)
    /// compare as a closed enum's do.
    fn literal_values(&mut self, path: &str, name: &str, before: &LiteralDef, after: &LiteralDef) {
        let values = |l: &LiteralDef| -> BTreeMap<String, String> {
            l.values
                .iter()
                .map(|v| (v.ident.clone(), v.value.to_string()))
                .collect()
        };
        let (old_values, new_values) = (values(before), values(after));
        for (ident, value) in new_values
            .iter()
            .filter(|(i, _)| !old_values.contains_key(*i))
        {
            self.push(path, Kind::ClosedEnumValueAdded, format!(
                "`{name}` gained `{value}` (`{name}::{ident}`): payloads with it that failed to parse now parse"
            ));
        }
        for (ident, value) in old_values
            .iter()
            .filter(|(i, _)| !new_values.contains_key(*i))
        {
            self.push(path, Kind::ClosedEnumValueRemoved, format!(
                "`{name}` lost `{value}` (`{name}::{ident}`): payloads with it now fail to parse. Suggestion: keep the value rather than remove it"
            ));
        }
    }

    fn enum_values(&mut self, path: &str, def: &TypeDef, before: &EnumDef, after: &EnumDef) {
        let name = &def.name;
        match (before.extensible, after.extensible) {
            (true, false) => self.push(
                path,
                Kind::EnumBecameClosed,
                format!("`{name}` became closed: unlisted values are now errors"),
            ),
            (false, true) => self.push(
                path,
                Kind::EnumBecameExtensible,
                format!("`{name}` became extensible"),
            ),
            _ => {}
        }
        let old_values: BTreeSet<&str> = before.variants.iter().map(|v| v.value.as_str()).collect();
        let new_values: BTreeSet<&str> = after.variants.iter().map(|v| v.value.as_str()).collect();
        for value in new_values.difference(&old_values) {
            let kind = if after.extensible {
                Kind::EnumValueAdded
            } else {
                Kind::ClosedEnumValueAdded
            };
            self.push(path, kind, format!("`{name}` gained `{value}`: payloads with it that parsed as {} now parse as the new variant", after.catch_all));
        }
        for value in old_values.difference(&new_values) {
            let kind = if after.extensible {
                Kind::EnumValueRemoved
            } else {
                Kind::ClosedEnumValueRemoved
            };
            self.push(path, kind, format!("`{name}` lost `{value}`. Suggestion: keep the value (documented as deprecated) rather than remove it"));
        }
        let spellings = |e: &EnumDef| -> BTreeSet<String> {
            e.aliases.iter().map(|(alias, _)| alias.clone()).collect()
        };
        let (old_aliases, new_aliases) = (spellings(before), spellings(after));
        for alias in new_aliases.difference(&old_aliases) {
            let kind = if after.extensible {
                Kind::EnumAliasAdded
            } else {
                Kind::ClosedEnumAliasAdded
            };
            self.push(
                path,
                kind,
                format!("`{name}` now reads `{alias}` as a listed value"),
            );
        }
        for alias in old_aliases.difference(&new_aliases) {
            let kind = if after.extensible {
                Kind::EnumAliasRemoved
            } else {
                Kind::ClosedEnumAliasRemoved
            };
            self.push(
                path,
                kind,
                format!("`{name}` no longer reads `{alias}` as a listed value"),
            );
        }
        let codes = |e: &EnumDef| -> BTreeSet<i64> {
            e.integer_values.iter().map(|(code, _)| *code).collect()
        };
        let (old_codes, new_codes) = (codes(before), codes(after));
        for code in new_codes.difference(&old_codes) {
            self.push(
                path,
                Kind::EnumIntegerCodeAdded,
                format!("`{name}` now accepts the integer {code}"),
            );
        }
        for code in old_codes.difference(&new_codes) {
            self.push(path, Kind::EnumIntegerCodeRemoved, format!(
                "`{name}` no longer accepts the integer {code}. Suggestion: keep it while old payloads may be in flight"
            ));
        }
    }
}

fn accessor_names(s: &StructDef) -> BTreeSet<String> {
    s.default_accessors
        .iter()
        .map(|a| a.method.clone())
        .collect()
}

fn is_rename(before: &FieldDef, after: &FieldDef) -> bool {
    before.wire_name.eq_ignore_ascii_case(&after.wire_name)
        || after.aliases.contains(&before.wire_name)
        || before.aliases.contains(&after.wire_name)
        || (before.ty == after.ty && normalized(&before.wire_name) == normalized(&after.wire_name))
}

/// A key without case and separators: `delivery_status` and `deliveryStatus` compare equal.
fn normalized(key: &str) -> String {
    key.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn child(path: &str, key: &str) -> String {
    format!("{path}.{key}")
}

fn shape(def: &TypeDef) -> &'static str {
    match def.kind {
        TypeKind::Struct(_) => "an object",
        TypeKind::Enum(_) => "a string enum",
        TypeKind::Union(_) => "a union",
        TypeKind::Literal(_) => "a literal",
        TypeKind::Newtype(_) => "a payload that is not an object",
    }
}

fn describe(ty: &TypeRef) -> String {
    ty.describe()
}
