//! Compare two lowered models event by event. Events are matched by their event-type string;
//! each payload is walked through every named type it reaches, so a change in a shared model is
//! reported on every event (and path) it affects. Each change records where it is: the schema
//! locations the IR keeps (`origin` of types, fields, enum values and events) and the Rust item.

use std::collections::{BTreeMap, BTreeSet};

use super::markdown::code;
use super::renames::{is_rename, likely_renames};
use super::rules::Kind;
use super::Change;
use crate::error::Location;
use crate::ir::{
    Boxing, EnumDef, EventDef, FieldDef, LiteralDef, Model, Presence, StructDef, TypeDef, TypeKind,
    TypeRef,
};

/// Where a change is: in each schema set (`None` on the side where the thing does not exist),
/// and the Rust item of the generated code it concerns.
#[derive(Debug, Clone)]
struct Site {
    old: Option<Location>,
    new: Option<Location>,
    item: String,
}

impl Site {
    fn both(old: &Location, new: &Location, item: String) -> Self {
        Site {
            old: Some(old.clone()),
            new: Some(new.clone()),
            item,
        }
    }

    fn added(new: &Location, item: String) -> Self {
        Site {
            old: None,
            new: Some(new.clone()),
            item,
        }
    }

    fn removed(old: &Location, item: String) -> Self {
        Site {
            old: Some(old.clone()),
            new: None,
            item,
        }
    }

    /// The same places, another Rust item.
    fn item(&self, item: String) -> Self {
        Site {
            item,
            ..self.clone()
        }
    }
}

fn change(event_type: &str, path: &str, site: &Site, kind: Kind, message: String) -> Change {
    Change {
        event_type: event_type.to_string(),
        path: path.to_string(),
        kind,
        message,
        old: site.old.clone(),
        new: site.new.clone(),
        rust_item: site.item.clone(),
    }
}

fn event_item(event: &EventDef) -> String {
    format!("EventData::{}", event.variant)
}

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
            let site = Site::both(&before.origin, &event.origin, event_item(event));
            walk.push("data", &site, Kind::EventTypeRenamed, format!(
                "event type {} is now {}: consumers on either side see the other's events as Unknown. Suggestion: keep a schema for the old event type until its events are gone",
                code(&before.event_type), code(&event.event_type)
            ));
            walk.event(before, event);
            changes.extend(walk.changes);
        } else {
            changes.push(change(
                &event.event_type,
                "",
                &Site::added(&event.origin, event_item(event)),
                Kind::EventTypeAdded,
                format!(
                    "new event type {} ({}): events that parsed as Unknown now parse as {}",
                    code(&event.event_type),
                    code(&event.payload),
                    code(&event.variant)
                ),
            ));
        }
    }
    for event in removed
        .iter()
        .filter(|r| !renamed_from.contains(r.event_type.as_str()))
    {
        changes.push(change(&event.event_type, "", &Site::removed(&event.origin, event_item(event)), Kind::EventTypeRemoved, format!(
            "event type {} removed: its events now parse as Unknown. Suggestion: keep the schema and deprecate it rather than delete it",
            code(&event.event_type)
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

    fn push(&mut self, path: &str, site: &Site, kind: Kind, message: String) {
        self.changes
            .push(change(&self.event_type, path, site, kind, message));
    }

    fn event(&mut self, before: &EventDef, after: &EventDef) {
        let site = Site::both(&before.origin, &after.origin, event_item(after));
        if before.data_version != after.data_version {
            self.push(
                "",
                &site,
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
                &site,
                Kind::DescriptionChanged,
                "the event's description changed".into(),
            );
        }
        if before.feature != after.feature {
            let name =
                |f: &Option<String>| f.as_deref().map_or("(always compiled)".to_string(), code);
            self.push(
                "",
                &site,
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
        let site = Site::both(&old_def.origin, &new_def.origin, new_name.to_string());
        if old_name != new_name
            && self
                .reported_types
                .insert((old_name.to_string(), Kind::ModelRenamed))
        {
            self.push(
                path,
                &site,
                Kind::ModelRenamed,
                format!("type {} is now {}", code(old_name), code(new_name)),
            );
        }
        if old_def.doc != new_def.doc
            && self
                .reported_types
                .insert((new_name.to_string(), Kind::DescriptionChanged))
        {
            self.push(
                path,
                &site,
                Kind::DescriptionChanged,
                format!("the description of {} changed", code(new_name)),
            );
        }
        if std::mem::discriminant(&old_def.kind) == std::mem::discriminant(&new_def.kind) {
            self.api(path, &site, old_def, new_def);
        }
        match (&old_def.kind, &new_def.kind) {
            (TypeKind::Struct(a), TypeKind::Struct(b)) => {
                self.undeclared_keys(path, &site, a, b);
                self.fields(path, old_def, new_def, &a.fields, &b.fields)
            }
            (TypeKind::Enum(a), TypeKind::Enum(b)) => {
                self.enum_values(path, &site, old_def, new_def, a, b)
            }
            (TypeKind::Union(a), TypeKind::Union(b)) => {
                let old_options: BTreeSet<&str> =
                    a.variants.iter().map(|v| v.ident.as_str()).collect();
                let new_options: BTreeSet<&str> =
                    b.variants.iter().map(|v| v.ident.as_str()).collect();
                for added in new_options.difference(&old_options) {
                    self.push(
                        path,
                        &site.item(format!("{new_name}::{added}")),
                        Kind::TypeWidened,
                        format!("{} gained the option {}", code(new_name), code(added)),
                    );
                }
                for removed in old_options.difference(&new_options) {
                    self.push(
                        path,
                        &site.item(format!("{old_name}::{removed}")),
                        Kind::TypeNarrowed,
                        format!("{} lost the option {}", code(new_name), code(removed)),
                    );
                }
            }
            (TypeKind::Literal(a), TypeKind::Literal(b)) if a.kind == b.kind => {
                self.literal_values(path, &site, new_name, a, b)
            }
            (TypeKind::Newtype(a), TypeKind::Newtype(b)) => self.types(path, &site, a, b),
            _ => self.push(
                path,
                &site,
                Kind::TypeChanged,
                format!(
                    "{} ({}) is now {} ({})",
                    code(old_name),
                    shape(old_def),
                    code(new_name),
                    shape(new_def)
                ),
            ),
        }
        self.stack.pop();
    }

    /// What the finalize pass settled for a type: derives, whether its borrowed form has a
    /// lifetime, and for structs the base traits it implements and its `…_or_default` accessors.
    /// Reported once per type and event.
    fn api(&mut self, path: &str, site: &Site, before: &TypeDef, after: &TypeDef) {
        let name = &after.name;
        let report = |walk: &mut Self, kind: Kind, item: &str, rust: String, message: String| {
            if walk.reported_types.insert((format!("{name}/{item}"), kind)) {
                walk.push(path, &site.item(rust), kind, message);
            }
        };
        let quoted = code(name);
        for derive in after.derives.iter().filter(|d| !before.derives.contains(d)) {
            report(
                self,
                Kind::DeriveAdded,
                derive.name(),
                name.clone(),
                format!("{quoted} now derives {}", code(derive.name())),
            );
        }
        for derive in before.derives.iter().filter(|d| !after.derives.contains(d)) {
            report(
                self,
                Kind::DeriveRemoved,
                derive.name(),
                name.clone(),
                format!("{quoted} no longer derives {}", code(derive.name())),
            );
        }
        let borrowed = format!("borrowed::{name}");
        let (borrowed_form, borrowed_ref) = (
            code(format!("{borrowed}<'a>")),
            code(format!("{borrowed}<'_>")),
        );
        match (before.borrows, after.borrows) {
            (false, true) => report(self, Kind::BorrowedLifetimeAdded, "borrowed", borrowed, format!(
                "{quoted} now borrows from the body (feature borrowed): its borrowed form is the new {borrowed_form}, no longer the owned {quoted}. Code that names the owned {quoted} where a borrowed payload holds it must name {borrowed_ref} (or call {})",
                code("into_owned()")
            )),
            (true, false) => report(self, Kind::BorrowedLifetimeRemoved, "borrowed", borrowed, format!(
                "{quoted} no longer borrows from the body (feature borrowed): {borrowed_form} is gone and borrowed payloads hold the owned {quoted}. Code that names {borrowed_ref} must name {quoted} instead"
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
                name.clone(),
                format!("{quoted} now implements the base trait {}", code(base)),
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
                name.clone(),
                format!(
                    "{quoted} no longer implements the base trait {}: {why}",
                    code(base)
                ),
            );
        }
        let (old_methods, new_methods) = (accessor_names(old), accessor_names(new));
        for method in new_methods.difference(&old_methods) {
            report(
                self,
                Kind::DefaultAccessorAdded,
                method,
                format!("{name}::{method}"),
                format!(
                    "{quoted} gained the accessor {}",
                    code(format!("{method}()"))
                ),
            );
        }
        for method in old_methods.difference(&new_methods) {
            report(
                self,
                Kind::DefaultAccessorRemoved,
                method,
                format!("{}::{method}", before.name),
                format!("{quoted} lost the accessor {}", code(format!("{method}()"))),
            );
        }
    }

    /// What a struct does with keys it does not declare: refuses them (closed), or keeps them
    /// (in `additional_properties`, whose value type compares as a map's).
    fn undeclared_keys(&mut self, path: &str, site: &Site, before: &StructDef, after: &StructDef) {
        let name = code(&site.item);
        match (before.closed, after.closed) {
            (false, true) => self.push(path, site, Kind::ObjectClosed, format!(
                "{name} now refuses keys it does not declare (additionalProperties: false): payloads with one fail to parse, and the field that kept them is removed"
            )),
            (true, false) => self.push(path, site, Kind::ObjectOpened, format!(
                "{name} no longer refuses keys it does not declare and keeps them in a field: consumers of the old schemas fail on payloads with one"
            )),
            _ => {}
        }
        // Undeclared keys kept on both sides: their values compare as a map's.
        if let (Some(b), Some(a)) = (&before.additional, &after.additional) {
            let site = site.item(format!("{}::{}", site.item, a.rust_name));
            self.types(&format!("{path}{{}}"), &site, &b.ty, &a.ty);
        }
    }

    fn fields(
        &mut self,
        path: &str,
        old_owner: &TypeDef,
        new_owner: &TypeDef,
        old_fields: &[FieldDef],
        new_fields: &[FieldDef],
    ) {
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
        let owner = &new_owner.name;

        // Renames: the same property under another key (case-only, listed as an alias, or a
        // near-identical name of the same type), reported as one change, not a removal plus an
        // addition. Then likely renames, by the stricter rule of `renames`.
        for before in unmatched_old.clone() {
            let Some(position) = unmatched_new
                .iter()
                .position(|after| is_rename(before, after))
            else {
                continue;
            };
            let after = unmatched_new.remove(position);
            unmatched_old.retain(|f| f.wire_name != before.wire_name);
            self.rename(path, owner, before, after);
            matched.push((before, after));
        }
        let likely = likely_renames(&unmatched_old, &unmatched_new);
        for &(i, j) in &likely {
            let (before, after) = (unmatched_old[i], unmatched_new[j]);
            self.likely_rename(path, &old_owner.name, owner, before, after);
            // Compared as one property too, so changes inside its type are not lost.
            matched.push((before, after));
        }
        let (paired_old, paired_new): (BTreeSet<usize>, BTreeSet<usize>) =
            likely.iter().copied().unzip();
        for (_, before) in unmatched_old
            .iter()
            .enumerate()
            .filter(|(i, _)| !paired_old.contains(i))
        {
            let at = child(path, &before.wire_name);
            let site = Site::removed(
                &before.origin,
                format!("{}::{}", old_owner.name, before.rust_name),
            );
            let (kind, what) = if before.is_optional() {
                (Kind::PropertyRemovedOptional, "optional")
            } else {
                (Kind::PropertyRemovedRequired, "required")
            };
            self.push(&at, &site, kind, format!(
                "{what} property {} removed. Suggestion: keep it as an optional property marked deprecated until no payload carries it",
                code(&before.wire_name)
            ));
        }
        for (_, after) in unmatched_new
            .iter()
            .enumerate()
            .filter(|(j, _)| !paired_new.contains(j))
        {
            let at = child(path, &after.wire_name);
            let site = Site::added(&after.origin, format!("{owner}::{}", after.rust_name));
            if after.is_optional() {
                self.push(
                    &at,
                    &site,
                    Kind::PropertyAddedOptional,
                    format!("optional property {} added", code(&after.wire_name)),
                );
            } else {
                self.push(&at, &site, Kind::PropertyAddedRequired, format!(
                    "required property {} added: payloads without it (older ones) fail to parse. Suggestion: make it optional until old payloads are gone",
                    code(&after.wire_name)
                ));
            }
        }
        for (before, after) in matched {
            self.field(&child(path, &after.wire_name), owner, before, after);
        }
    }

    fn rename(&mut self, path: &str, owner: &str, before: &FieldDef, after: &FieldDef) {
        let at = child(path, &after.wire_name);
        let site = Site::both(
            &before.origin,
            &after.origin,
            format!("{owner}::{}", after.rust_name),
        );
        let keeps_old_key = after.aliases.contains(&before.wire_name);
        let old_accepts_new_key = before.aliases.contains(&after.wire_name);
        let case_only = if before.wire_name.eq_ignore_ascii_case(&after.wire_name) {
            " (case-only)"
        } else {
            ""
        };
        let rust = rust_field_renamed(before, after);
        let (from, to) = (code(&before.wire_name), code(&after.wire_name));
        let (kind, message) = match (keeps_old_key, old_accepts_new_key) {
            (true, true) => (Kind::CanonicalKeySwapped, format!("{from} is now written as {to}{case_only}; both versions accept both keys{rust}")),
            (true, false) => (Kind::PropertyRenamedKeepingAlias, format!(
                "{from} renamed to {to}{case_only}, keeping {from} as an alias{rust}; consumers of the old schemas miss {to}"
            )),
            (false, true) => (Kind::PropertyRenamedToAlias, format!(
                "{from} renamed to {to}{case_only}, which the old schemas accepted as an alias; {from} is no longer accepted{rust}. Suggestion: keep {from} in x-aliases"
            )),
            (false, false) => (Kind::PropertyRenamed, format!(
                "{from} renamed to {to}{case_only}{rust}. Suggestion: keep {from} in x-aliases so payloads of both versions parse"
            )),
        };
        self.push(&at, &site, kind, message);
    }

    /// A removed and an added property the schemas do not link but `renames` pairs: one
    /// change, saying what each side loses.
    fn likely_rename(
        &mut self,
        path: &str,
        old_owner: &str,
        new_owner: &str,
        before: &FieldDef,
        after: &FieldDef,
    ) {
        let at = child(path, &after.wire_name);
        let site = Site::both(
            &before.origin,
            &after.origin,
            format!("{new_owner}::{}", after.rust_name),
        );
        let (from, to) = (code(&before.wire_name), code(&after.wire_name));
        let presence = match after.presence() {
            Presence::Required => "required",
            Presence::RequiredNullable => "required and nullable",
            Presence::Optional => "optional",
            Presence::OptionalNullable => "optional and nullable",
        };
        // What a consumer whose field is `field` (of presence `presence`) does with a payload
        // that carries the value under the other key.
        let loses = |field: &FieldDef, owner: &str| -> String {
            let rust = code(format!("{owner}::{}", field.rust_name));
            if field.required {
                format!("they fail to parse ({rust} is required)")
            } else {
                format!("{rust} reads None and the value is lost")
            }
        };
        let rust = rust_field_renamed(before, after);
        self.push(&at, &site, Kind::PropertyRenamedLikely, format!(
            "{from} removed and {to} added, both {presence} {}: likely a rename{rust}. Consumers of the old schemas lose the value from new payloads: {}. Consumers of the new schemas lose it from old payloads: {}. Suggestion: if it is a rename, keep {from} in x-aliases of {to}",
            after.ty.describe(),
            loses(before, old_owner),
            loses(after, new_owner),
        ));
    }

    fn field(&mut self, path: &str, owner: &str, before: &FieldDef, after: &FieldDef) {
        let site = Site::both(
            &before.origin,
            &after.origin,
            format!("{owner}::{}", after.rust_name),
        );
        let key = code(&after.wire_name);
        match (before.is_optional(), after.is_optional()) {
            (true, false) => self.push(path, &site, Kind::PropertyBecameRequired, format!(
                "{key} became required (Option<T> to T): older payloads without it fail to parse"
            )),
            (false, true) => self.push(path, &site, Kind::PropertyBecameOptional, format!(
                "{key} became optional (T to Option<T>): consumers of the old schemas fail on payloads without it"
            )),
            _ if before.nullable != after.nullable => self.push(path, &site, Kind::NullabilityChanged, format!(
                "{key} {}",
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
                &site,
                Kind::AliasAdded,
                format!("{key} now also accepts the key {}", code(alias)),
            );
        }
        for alias in before.aliases.iter().filter(|a| !new_keys.contains(*a)) {
            self.push(path, &site, Kind::AliasRemoved, format!(
                "{key} no longer accepts the key {}. Suggestion: keep the alias while payloads using it may be in flight",
                code(alias)
            ));
        }
        match (before.string_or_number, after.string_or_number) {
            (false, true) => self.push(path, &site, Kind::StringOrNumberAdded, format!("{key} may now arrive as a string")),
            (true, false) => self.push(path, &site, Kind::StringOrNumberRemoved, format!(
                "{key} no longer accepts a string. Suggestion: keep x-string-or-number while old payloads may be in flight"
            )),
            _ => {}
        }
        match (before.lenient_date_time, after.lenient_date_time) {
            (false, true) => self.push(path, &site, Kind::LenientDateTimeAdded, format!("{key} may now arrive as {}", code("M/d/yyyy h:mm:ss AM +hh:mm"))),
            (true, false) => self.push(path, &site, Kind::LenientDateTimeRemoved, format!(
                "{key} only accepts RFC 3339 now. Suggestion: keep x-lenient-date-time while old payloads may be in flight"
            )),
            _ => {}
        }
        let rust_name = code(&after.rust_name);
        match (before.boxed, after.boxed) {
            (None, Some(now)) => {
                let why = match now {
                    Boxing::Cycle => "it closes a cycle of types".to_string(),
                    Boxing::Requested => format!("its schema says {}", code("x-boxed")),
                };
                self.push(
                    path,
                    &site,
                    Kind::FieldBoxed,
                    format!("{rust_name} is now held as Box<T>: {why}"),
                );
            }
            (Some(was), None) => {
                let why = match was {
                    Boxing::Cycle => "the cycle it closed is gone".to_string(),
                    Boxing::Requested => format!("its schema no longer says {}", code("x-boxed")),
                };
                self.push(
                    path,
                    &site,
                    Kind::FieldUnboxed,
                    format!("{rust_name} is no longer held as Box<T>: {why}"),
                );
            }
            _ => {}
        }
        if before.default != after.default {
            self.push(
                path,
                &site,
                Kind::DefaultChanged,
                format!("the default of {key} changed"),
            );
        }
        if before.doc != after.doc {
            self.push(
                path,
                &site,
                Kind::DescriptionChanged,
                format!("the description of {key} changed"),
            );
        }
        self.types(path, &site, &before.ty, &after.ty);
    }

    /// The values at `path` (a field's, an item's, a map value's), whose changes are reported
    /// at `site`; named types report at their own.
    fn types(&mut self, path: &str, site: &Site, before: &TypeRef, after: &TypeRef) {
        use TypeRef::*;
        let change = match (before, after) {
            (a, b)
                if a == b
                    && !matches!(a, Named(_) | Array(_) | Map(_) | Nullable(_) | Tuple(_)) =>
            {
                return
            }
            (Named(a), Named(b)) => return self.named(path, a, b),
            (Array(a), Array(b)) => return self.types(&format!("{path}[]"), site, a, b),
            (Map(a), Map(b)) => return self.types(&format!("{path}{{}}"), site, a, b),
            (Nullable(a), Nullable(b)) => return self.types(path, site, a, b),
            (Tuple(a), Tuple(b)) if a.len() == b.len() => {
                for (i, (a, b)) in a.iter().zip(b).enumerate() {
                    self.types(&format!("{path}[{i}]"), site, a, b);
                }
                return;
            }
            (Nullable(a), b) => {
                self.push(path, site, Kind::ValueNoLongerNullable, format!(
                    "{} no longer allows null (Option<T> to T): payloads with a null here fail to parse",
                    describe(a)
                ));
                return self.types(path, site, a, b);
            }
            (a, Nullable(b)) => {
                self.push(path, site, Kind::ValueBecameNullable, format!(
                    "{} now allows null (T to Option<T>): consumers of the old schemas fail on a null here",
                    describe(before)
                ));
                return self.types(path, site, a, b);
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
            site,
            change,
            format!("type {} is now {}", describe(before), describe(after)),
        );
    }

    /// A literal is a closed set of booleans or numbers: its values (associated constants)
    /// compare as a closed enum's do.
    fn literal_values(
        &mut self,
        path: &str,
        site: &Site,
        name: &str,
        before: &LiteralDef,
        after: &LiteralDef,
    ) {
        let values = |l: &LiteralDef| -> BTreeMap<String, String> {
            l.values
                .iter()
                .map(|v| (v.ident.clone(), v.value.to_string()))
                .collect()
        };
        let (old_values, new_values) = (values(before), values(after));
        let quoted = code(name);
        for (ident, value) in new_values
            .iter()
            .filter(|(i, _)| !old_values.contains_key(*i))
        {
            let item = format!("{name}::{ident}");
            self.push(path, &site.item(item.clone()), Kind::ClosedEnumValueAdded, format!(
                "{quoted} gained {} ({}): consumers of the old schemas reject payloads with it; consumers of the new ones read it",
                code(value), code(&item)
            ));
        }
        for (ident, value) in old_values
            .iter()
            .filter(|(i, _)| !new_values.contains_key(*i))
        {
            let item = format!("{name}::{ident}");
            self.push(path, &site.item(item.clone()), Kind::ClosedEnumValueRemoved, format!(
                "{quoted} lost {} ({}): consumers of the new schemas reject payloads with it. Suggestion: keep the value rather than remove it",
                code(value), code(&item)
            ));
        }
    }

    fn enum_values(
        &mut self,
        path: &str,
        site: &Site,
        old_def: &TypeDef,
        new_def: &TypeDef,
        before: &EnumDef,
        after: &EnumDef,
    ) {
        let name = code(&new_def.name);
        match (before.extensible, after.extensible) {
            (true, false) => self.push(
                path,
                site,
                Kind::EnumBecameClosed,
                format!("{name} became closed: unlisted values are now errors"),
            ),
            (false, true) => self.push(
                path,
                site,
                Kind::EnumBecameExtensible,
                format!("{name} became extensible"),
            ),
            _ => {}
        }
        // A value added is read by old consumers only if their enum had a catch-all; a value
        // removed is read by new consumers only if theirs has one.
        for variant in &after.variants {
            if before.variants.iter().any(|v| v.value == variant.value) {
                continue;
            }
            let item = format!("{}::{}", new_def.name, variant.ident);
            let site = Site::added(&variant.origin, item.clone());
            let value = code(&variant.value);
            if before.extensible {
                self.push(
                    path,
                    &site,
                    Kind::EnumValueAdded,
                    format!(
                        "{name} gained {value}: payloads with it that parsed as {} now parse as {}",
                        code(&before.catch_all),
                        code(&item)
                    ),
                );
            } else {
                self.push(path, &site, Kind::ClosedEnumValueAdded, format!(
                    "{name} gained {value} ({}): consumers of the old schemas reject payloads with it (their {name} is closed, with no catch-all variant); consumers of the new ones read it",
                    code(&item)
                ));
            }
        }
        for variant in &before.variants {
            if after.variants.iter().any(|v| v.value == variant.value) {
                continue;
            }
            let item = format!("{}::{}", old_def.name, variant.ident);
            let site = Site::removed(&variant.origin, item.clone());
            let value = code(&variant.value);
            if after.extensible {
                self.push(path, &site, Kind::EnumValueRemoved, format!(
                    "{name} lost {value} ({} is gone): payloads with it now parse as {}. Suggestion: keep the value (documented as deprecated) rather than remove it",
                    code(&item), code(&after.catch_all)
                ));
            } else {
                self.push(path, &site, Kind::ClosedEnumValueRemoved, format!(
                    "{name} lost {value} ({} is gone): consumers of the new schemas reject payloads with it (their {name} is closed). Suggestion: keep the value (documented as deprecated) rather than remove it",
                    code(&item)
                ));
            }
        }
        let spellings =
            |e: &EnumDef| -> BTreeMap<String, String> { e.aliases.iter().cloned().collect() };
        let (old_aliases, new_aliases) = (spellings(before), spellings(after));
        // As for values: a spelling added is read by old consumers only through a catch-all.
        for (alias, ident) in new_aliases
            .iter()
            .filter(|(a, _)| !old_aliases.contains_key(*a))
        {
            let kind = if before.extensible {
                Kind::EnumAliasAdded
            } else {
                Kind::ClosedEnumAliasAdded
            };
            self.push(
                path,
                &site.item(format!("{}::{ident}", new_def.name)),
                kind,
                format!("{name} now reads {} as a listed value", code(alias)),
            );
        }
        for (alias, ident) in old_aliases
            .iter()
            .filter(|(a, _)| !new_aliases.contains_key(*a))
        {
            let kind = if after.extensible {
                Kind::EnumAliasRemoved
            } else {
                Kind::ClosedEnumAliasRemoved
            };
            self.push(
                path,
                &site.item(format!("{}::{ident}", old_def.name)),
                kind,
                format!("{name} no longer reads {} as a listed value", code(alias)),
            );
        }
        let codes =
            |e: &EnumDef| -> BTreeMap<i64, String> { e.integer_values.iter().cloned().collect() };
        let (old_codes, new_codes) = (codes(before), codes(after));
        for (number, ident) in new_codes
            .iter()
            .filter(|(n, _)| !old_codes.contains_key(*n))
        {
            self.push(
                path,
                &site.item(format!("{}::{ident}", new_def.name)),
                Kind::EnumIntegerCodeAdded,
                format!("{name} now accepts the integer {number}"),
            );
        }
        for (number, ident) in old_codes
            .iter()
            .filter(|(n, _)| !new_codes.contains_key(*n))
        {
            self.push(path, &site.item(format!("{}::{ident}", old_def.name)), Kind::EnumIntegerCodeRemoved, format!(
                "{name} no longer accepts the integer {number}. Suggestion: keep it while old payloads may be in flight"
            ));
        }
    }
}

/// `; the Rust field `a` becomes `b``, when it does.
fn rust_field_renamed(before: &FieldDef, after: &FieldDef) -> String {
    if before.rust_name == after.rust_name {
        return String::new();
    }
    format!(
        "; the Rust field {} becomes {}",
        code(&before.rust_name),
        code(&after.rust_name)
    )
}

fn accessor_names(s: &StructDef) -> BTreeSet<String> {
    s.default_accessors
        .iter()
        .map(|a| a.method.clone())
        .collect()
}

fn child(path: &str, key: &str) -> String {
    format!("{path}.{key}")
}

/// The type's codec in words: a change of kind is a change of the runtime derive that reads the
/// type and of the impls it writes, which `type_changed` reports with both.
fn shape(def: &TypeDef) -> &'static str {
    def.kind.codec().shape()
}

fn describe(ty: &TypeRef) -> String {
    ty.describe()
}
