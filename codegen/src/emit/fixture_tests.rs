//! Fixture tests: for every fixture event, a test that checks the exact `EventData` variant, the
//! envelope, every data value the IR can name (recursively), and the serde round trip.
//! A data key that no field of the payload accepts is a generation error: it would be lost.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote, ToTokens};
use serde_json::Value;

use super::gate;
use super::rust_types::doc_attrs;
use crate::error::{Error, Location, Result};
use crate::fixtures::{dotnet_general_unix_nanos, rfc3339_unix_nanos, Fixture};
use crate::ir::{FieldDef, Model, Presence, TypeKind, TypeRef};
use crate::rust_idents;

/// Nested objects deeper than this are covered by the round-trip comparison only.
const MAX_DEPTH: usize = 4;

pub fn emit_fixture_tests(model: &Model, fixtures: &[Fixture]) -> Result<TokenStream> {
    let mut tests = wire_spellings(model);
    tests.extend(helpers(model));
    let mut used_names = std::collections::BTreeSet::new();
    for fixture in fixtures {
        let stem = fixture.path.trim_end_matches(".json");
        let mut name = rust_idents::snake(stem.rsplit('/').next().unwrap_or(stem));
        if !used_names.insert(name.clone()) {
            name = rust_idents::snake(stem);
            used_names.insert(name.clone());
        }
        let test_name = format_ident!("{}", name);
        let text = raw_string(&fixture.text);
        let doc = doc_attrs(Some(&format!("`{}`", fixture.path)));
        let count = fixture.events.len();
        let mut checks = Vec::new();
        for (index, event) in fixture.events.iter().enumerate() {
            let at = Location::new(format!("fixtures/{}", fixture.path), format!("/{index}"));
            checks.push(event_checks(model, event, index, &at)?);
        }
        tests.extend(quote! {
            #doc
            #[test]
            fn #test_name() {
                let body: &[u8] = #text.as_bytes();
                let events = parse_fixture(body);
                assert_eq!(events.len(), #count, "number of events");
                #(#checks)*
            }
        });
    }
    Ok(tests)
}

fn event_checks(model: &Model, event: &Value, index: usize, at: &Location) -> Result<TokenStream> {
    let event_type = event
        .get("eventType")
        .or_else(|| event.get("type"))
        .and_then(Value::as_str)
        .ok_or_else(|| Error::schema(at, "fixture event has no event type"))?;
    let id = event.get("id").and_then(Value::as_str).unwrap_or_default();
    let envelope = quote! {
        let event = &events[#index];
        assert_eq!(event.index, #index);
        assert_eq!(event.envelope.id(), #id);
        assert_eq!(event.envelope.event_type(), #event_type);
    };
    let unknown = quote! {{
        #envelope
        let EventData::Unknown(unknown) = &event.data else {
            panic!("event {} should be Unknown, got {}", #index, event.data.variant_name());
        };
        assert_eq!(unknown.data.as_ref().map(|d| d.get()), raw_data(body, #index).as_deref());
    }};
    let Some(def) = model.event_for(event_type) else {
        return Ok(unknown);
    };
    let variant = format_ident!("{}", def.variant);
    let data = event
        .get("data")
        .ok_or_else(|| Error::schema(at, "fixture event has no data"))?;
    // A struct's fields are checked one by one; any other payload by its round trip below.
    let value_checks = match model.type_named(&def.payload).map(|t| &t.kind) {
        Some(TypeKind::Struct(_)) => struct_checks(
            model,
            &def.payload,
            &quote!(data),
            data,
            &at.join("data"),
            0,
        )?,
        _ => TokenStream::new(),
    };
    let typed = quote! {{
        #envelope
        let EventData::#variant(data) = &event.data else {
            panic!("event {} should be {}, got {}", #index, stringify!(#variant), event.data.variant_name());
        };
        #value_checks
        assert_data_round_trips(body, #index, &event.data);
    }};
    // With its feature off, the event type has no variant: it must arrive as Unknown, intact.
    let features = def.feature.as_slice();
    let (on, off) = (gate::cfg_attr(features), gate::cfg_not_attr(features));
    Ok(if features.is_empty() {
        typed
    } else {
        quote!(#on #typed #off #unknown)
    })
}

fn struct_checks(
    model: &Model,
    type_name: &str,
    access: &TokenStream,
    value: &Value,
    at: &Location,
    depth: usize,
) -> Result<TokenStream> {
    let Some(TypeKind::Struct(def)) = model.type_named(type_name).map(|t| &t.kind) else {
        return Err(Error::schema(at, format!("`{type_name}` is not a struct")));
    };
    let object = value
        .as_object()
        .ok_or_else(|| Error::schema(at, format!("expected an object for `{type_name}`")))?;
    let mut checks = TokenStream::new();
    for (key, item) in object {
        let field = def
            .fields
            .iter()
            .find(|f| f.wire_name == *key || f.aliases.iter().any(|a| a == key));
        match (field, &def.additional) {
            (Some(field), _) => checks.extend(field_checks(
                model,
                field,
                access,
                item,
                &at.join(key),
                depth,
            )?),
            // A key beyond the properties is kept in the open object's map, value for value.
            (None, Some(additional)) => {
                let map = format_ident!("{}", additional.rust_name);
                let json = item.to_string();
                checks.extend(quote! {
                    assert_eq!(
                        #access.#map.get(#key).map(|value| ::eventgen_runtime::__private::serde_json::to_value(value).expect("serializes")),
                        ::std::option::Option::Some(::eventgen_runtime::__private::serde_json::from_str::<::eventgen_runtime::__private::serde_json::Value>(#json).expect("fixture JSON")),
                        #key
                    );
                });
            }
            (None, None) => {
                return Err(Error::schema(
                    &at.join(key),
                    format!(
                        "no field of `{type_name}` accepts key `{key}`; its value would be lost"
                    ),
                ));
            }
        }
    }
    Ok(checks)
}

fn field_checks(
    model: &Model,
    field: &FieldDef,
    access: &TokenStream,
    value: &Value,
    at: &Location,
    depth: usize,
) -> Result<TokenStream> {
    let ident = format_ident!("{}", field.rust_name);
    let wire = &field.wire_name;
    let place = quote!(#access.#ident);
    if value.is_null() {
        return Ok(null_check(field, &place));
    }
    if field.presence() == Presence::OptionalNullable {
        // A value was sent: the field is `Some(Some(_))`; its content is checked as an optional
        // field's would be.
        let sent = format_ident!("sent{}", depth);
        let as_optional = FieldDef {
            nullable: false,
            ..field.clone()
        };
        let inner = value_checks(model, &as_optional, &quote!(#sent), value, at, depth)?;
        return Ok(quote!({
            assert!(!matches!(#place, ::std::option::Option::Some(::std::option::Option::None)), "{} is not null", #wire);
            let #sent = ::std::clone::Clone::clone(&#place).flatten();
            #inner
        }));
    }
    value_checks(model, field, &place, value, at, depth)
}

/// The check of a `null` the fixture sends for `field`, by how the field holds it.
fn null_check(field: &FieldDef, place: &TokenStream) -> TokenStream {
    let wire = &field.wire_name;
    let null = quote!(::eventgen_runtime::__private::serde_json::Value::Null);
    match (field.presence(), &field.ty) {
        (Presence::Required, TypeRef::Any) => quote!(assert_eq!(#place.to_value(), #null, #wire);),
        (Presence::Optional, TypeRef::Any) => quote!(
            assert_eq!(#place.as_ref().map(|raw| raw.to_value()), ::std::option::Option::Some(#null), #wire);
        ),
        (Presence::Optional, TypeRef::Unit) => {
            quote!(assert!(#place.is_some(), "{} is null", #wire);)
        }
        (Presence::Required, _) => quote!(),
        (Presence::OptionalNullable, _) => quote!(
            assert!(matches!(#place, ::std::option::Option::Some(::std::option::Option::None)), "{} is null", #wire);
        ),
        // `None` is the null (or, for an optional key the schema does not make nullable, the
        // null read as absent).
        (Presence::RequiredNullable | Presence::Optional, _) => {
            quote!(assert!(#place.is_none(), "{} is null", #wire);)
        }
    }
}

/// The checks of one non-null value of `field`, held at `place` as the field holds it.
fn value_checks(
    model: &Model,
    field: &FieldDef,
    place: &TokenStream,
    value: &Value,
    at: &Location,
    depth: usize,
) -> Result<TokenStream> {
    let wire = &field.wire_name;
    let expected_present = |expected: TokenStream| -> TokenStream {
        if field.is_optional() {
            quote!(::std::option::Option::Some(#expected))
        } else {
            expected
        }
    };
    let bad = |what: &str| Error::schema(at, format!("fixture value does not fit {what}"));
    let check = match &field.ty {
        TypeRef::Unit => return Err(bad("null")),
        // Only items and map values are `Nullable`, and those are checked by count.
        TypeRef::Nullable(_) => quote!(),
        // Checked by the round trip of the whole payload.
        TypeRef::Tuple(_) => quote!(),
        TypeRef::String => {
            let text = value.as_str().ok_or_else(|| bad("a string"))?;
            if field.is_optional() {
                quote!(assert_eq!(#place.as_deref(), ::std::option::Option::Some(#text), #wire);)
            } else {
                quote!(assert_eq!(#place, #text, #wire);)
            }
        }
        TypeRef::Bool => {
            let b = value.as_bool().ok_or_else(|| bad("a boolean"))?;
            // A required bool is asserted as itself (clippy's `bool_assert_comparison`).
            match (field.is_optional(), b) {
                (false, true) => quote!(assert!(#place, #wire);),
                (false, false) => quote!(assert!(!#place, #wire);),
                (true, _) => {
                    let expected = expected_present(quote!(#b));
                    quote!(assert_eq!(#place, #expected, #wire);)
                }
            }
        }
        TypeRef::I32 | TypeRef::I64 => {
            let n = match value {
                Value::Number(n) => n.as_i64(),
                Value::String(s) if field.string_or_number => s.parse().ok(),
                _ => None,
            }
            .ok_or_else(|| bad("an integer"))?;
            let literal = if field.ty == TypeRef::I32 {
                Literal::i32_suffixed(i32::try_from(n).map_err(|_| bad("an int32"))?)
            } else {
                Literal::i64_suffixed(n)
            };
            let expected = expected_present(quote!(#literal));
            quote!(assert_eq!(#place, #expected, #wire);)
        }
        TypeRef::F64 => {
            let n = match value {
                Value::String(s) if field.string_or_number => s.parse::<f64>().ok(),
                _ => value.as_f64(),
            }
            .ok_or_else(|| bad("a number"))?;
            let expected = expected_present(quote!(#n));
            quote!(assert_eq!(#place, #expected, #wire);)
        }
        TypeRef::DateTime => {
            let text = value.as_str().ok_or_else(|| bad("a date-time string"))?;
            let nanos = rfc3339_unix_nanos(text).or_else(|| {
                if field.lenient_date_time {
                    dotnet_general_unix_nanos(text)
                } else {
                    None
                }
            });
            let nanos = Literal::i128_suffixed(nanos.ok_or_else(|| bad("an RFC 3339 date-time"))?);
            if field.is_optional() {
                quote!(assert_eq!(#place.map(|t| t.unix_timestamp_nanos()), ::std::option::Option::Some(#nanos), #wire);)
            } else {
                quote!(assert_eq!(#place.unix_timestamp_nanos(), #nanos, #wire);)
            }
        }
        // Kept as text: the text is the value; its instant is checked too when it has one.
        TypeRef::DateTimeText => {
            let text = value.as_str().ok_or_else(|| bad("a date-time string"))?;
            // `time` reads RFC 3339 with `T` between date and time (the RFC's space variant is not an instant there).
            let instant = match rfc3339_unix_nanos(text)
                .filter(|_| matches!(text.as_bytes().get(10), Some(b'T' | b't')))
            {
                Some(nanos) => {
                    let nanos = Literal::i128_suffixed(nanos);
                    quote!(::std::option::Option::Some(#nanos))
                }
                None => quote!(::std::option::Option::None),
            };
            if field.is_optional() {
                quote! {{
                    let value = #place.as_ref().expect(#wire);
                    assert_eq!((value.as_str(), value.instant().map(|t| t.unix_timestamp_nanos())), (#text, #instant), #wire);
                }}
            } else {
                quote!(assert_eq!((#place.as_str(), #place.instant().map(|t| t.unix_timestamp_nanos())), (#text, #instant), #wire);)
            }
        }
        // Kept as raw text: compared as JSON values.
        TypeRef::Any => {
            let json = json_tokens(value);
            if field.is_optional() {
                quote!(assert_eq!(#place.as_ref().map(|raw| raw.to_value()), ::std::option::Option::Some(#json), #wire);)
            } else {
                quote!(assert_eq!(#place.to_value(), #json, #wire);)
            }
        }
        TypeRef::Named(name) => {
            match model.type_named(name).map(|t| &t.kind) {
                Some(TypeKind::Enum(e)) => {
                    let ty = format_ident!("{}", name);
                    // Every spelling the schema gives a variant: its value, aliases, integer code.
                    let spellings: Vec<(Value, &str)> =
                        e.variants
                            .iter()
                            .map(|v| (Value::String(v.value.clone()), v.ident.as_str()))
                            .chain(e.aliases.iter().map(|(alias, ident)| {
                                (Value::String(alias.clone()), ident.as_str())
                            }))
                            .chain(
                                e.integer_values
                                    .iter()
                                    .map(|(code, ident)| (Value::from(*code), ident.as_str())),
                            )
                            .collect();
                    let known = spellings
                        .iter()
                        .find(|(spelling, _)| spelling == value)
                        .or_else(|| {
                            let text = value.as_str()?;
                            spellings.iter().find(|(spelling, _)| {
                                e.case_insensitive
                                    && spelling
                                        .as_str()
                                        .is_some_and(|s| s.eq_ignore_ascii_case(text))
                            })
                        });
                    match known {
                        Some((_, ident)) => {
                            let variant = format_ident!("{}", ident);
                            let expected = expected_present(quote!(#ty::#variant));
                            quote!(assert_eq!(#place, #expected, #wire);)
                        }
                        None => {
                            let text = value.as_str().ok_or_else(|| bad("a string enum"))?;
                            let catch_all = format_ident!("{}", e.catch_all);
                            let unwrap = if field.is_optional() {
                                quote!(.as_ref().expect(#wire))
                            } else {
                                quote!()
                            };
                            quote! {
                                assert!(matches!(&#place #unwrap, #ty::#catch_all(_)), "{} is not a listed value", #wire);
                                assert_eq!(#place #unwrap.as_str(), #text, #wire);
                            }
                        }
                    }
                }
                Some(TypeKind::Struct(_)) if depth < MAX_DEPTH => {
                    let nested = format_ident!("v{}", depth + 1);
                    let binding = if field.is_optional() {
                        quote!(let #nested = #place.as_ref().expect(#wire);)
                    } else {
                        quote!(let #nested = &#place;)
                    };
                    let inner = struct_checks(model, name, &quote!(#nested), value, at, depth + 1)?;
                    quote!({ #binding #inner })
                }
                _ => quote!(),
            }
        }
        TypeRef::Array(item) => {
            let items = value.as_array().ok_or_else(|| bad("an array"))?;
            let len = items.len();
            let binding = if field.is_optional() {
                quote!(let list = #place.as_ref().expect(#wire);)
            } else {
                quote!(let list = &#place;)
            };
            let mut per_item = TokenStream::new();
            if let TypeRef::Named(name) = &**item {
                if matches!(
                    model.type_named(name).map(|t| &t.kind),
                    Some(TypeKind::Struct(_))
                ) && depth < MAX_DEPTH
                {
                    for (i, element) in items.iter().enumerate() {
                        let nested = format_ident!("v{}", depth + 1);
                        let inner = struct_checks(
                            model,
                            name,
                            &quote!(#nested),
                            element,
                            &at.join(&i.to_string()),
                            depth + 1,
                        )?;
                        per_item.extend(quote!({ let #nested = &list[#i]; #inner }));
                    }
                }
            }
            quote!({ #binding assert_eq!(list.len(), #len, #wire); #per_item })
        }
        TypeRef::Map(inner) => {
            let entries = value.as_object().ok_or_else(|| bad("an object"))?;
            let binding = if field.is_optional() {
                quote!(let map = #place.as_ref().expect(#wire);)
            } else {
                quote!(let map = &#place;)
            };
            let len = entries.len();
            let mut per_entry = TokenStream::new();
            for (k, v) in entries {
                match (&**inner, v) {
                    (TypeRef::String, Value::String(s)) => {
                        per_entry.extend(quote!(assert_eq!(map.get(#k).map(|s| s.as_str()), ::std::option::Option::Some(#s));))
                    }
                    (TypeRef::Any, _) => {
                        let json = json_tokens(v);
                        per_entry.extend(quote!(assert_eq!(map.get(#k).map(|raw| raw.to_value()), ::std::option::Option::Some(#json));))
                    }
                    _ => {}
                }
            }
            quote!({ #binding assert_eq!(map.len(), #len, #wire); #per_entry })
        }
    };
    Ok(check)
}

/// `::eventgen_runtime::__private::serde_json::json!(…)` for a value, built from its canonical text.
fn json_tokens(value: &Value) -> TokenStream {
    let text = value.to_string();
    quote!(::eventgen_runtime::__private::serde_json::from_str::<::eventgen_runtime::__private::serde_json::Value>(#text).expect("valid JSON"))
}

/// The spellings the schemas declare equivalent, for the round-trip comparison: other keys of
/// a property (`x-aliases`), other spellings of enum values (`x-enum-aliases`, case-insensitive
/// enums) and integer codes of enum values (`x-enum-integer-values`).
/// The assertions, from the runtime's `testing` module.
fn helpers(model: &Model) -> TokenStream {
    let borrowed_check = gate::part_cfg(&model.output.borrowed).map(|cfg| {
        quote! {
            #cfg
            ::eventgen_runtime::testing::assert_borrowed_matches::<borrowed::EventData<'_>>(body, &events);
        }
    });
    quote! {
        /// Parse a fixture body; every event must parse, and parse the same in the borrowed form.
        #[allow(dead_code)]
        fn parse_fixture(body: &[u8]) -> ::std::vec::Vec<::eventgen_runtime::Event<EventData>> {
            let events = ::eventgen_runtime::testing::parse_fixture(body);
            #borrowed_check
            events
        }

        /// The raw `data` text of event `index`, for comparing unknown events byte for byte.
        #[allow(dead_code)]
        fn raw_data(body: &[u8], index: usize) -> ::std::option::Option<::std::string::String> {
            ::eventgen_runtime::testing::raw_data(body, index)
        }

        /// Serialize the typed data and compare it with the fixture's data.
        #[allow(dead_code)]
        fn assert_data_round_trips(body: &[u8], index: usize, data: &EventData) {
            let spellings = ::eventgen_runtime::testing::Spellings {
                key_aliases: KEY_ALIASES,
                value_aliases: VALUE_ALIASES,
                case_insensitive_values: CASE_INSENSITIVE_VALUES,
                integer_codes: INTEGER_CODES,
            };
            ::eventgen_runtime::testing::assert_data_round_trips(body, index, data, &spellings);
        }
    }
}

/// `text` as a raw string literal (`r#"…"#` with as many `#` as it needs), so the fixture reads
/// as written in the generated file and the tests need no file at run time.
fn raw_string(text: &str) -> TokenStream {
    let hashes = (0..)
        .map(|n| "#".repeat(n))
        .find(|h| !text.contains(&format!("\"{h}")))
        .unwrap_or_default();
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| Literal::string(text).into_token_stream())
}

fn wire_spellings(model: &Model) -> TokenStream {
    let mut key_aliases = std::collections::BTreeSet::new();
    let mut value_aliases = std::collections::BTreeSet::new();
    let mut case_insensitive = std::collections::BTreeSet::new();
    let mut integer_codes = std::collections::BTreeSet::new();
    for def in &model.types {
        match &def.kind {
            TypeKind::Struct(s) => {
                for field in &s.fields {
                    key_aliases.extend(
                        field
                            .aliases
                            .iter()
                            .map(|alias| (alias.clone(), field.wire_name.clone())),
                    );
                }
            }
            TypeKind::Enum(e) => {
                let value_of = |ident: &str| {
                    e.variants
                        .iter()
                        .find(|v| v.ident == ident)
                        .map(|v| v.value.clone())
                        .unwrap_or_default()
                };
                value_aliases.extend(
                    e.aliases
                        .iter()
                        .map(|(alias, ident)| (alias.clone(), value_of(ident))),
                );
                integer_codes.extend(
                    e.integer_values
                        .iter()
                        .map(|(code, ident)| (*code, value_of(ident))),
                );
                if e.case_insensitive {
                    case_insensitive.extend(e.variants.iter().map(|v| v.value.clone()));
                }
            }
            TypeKind::Union(_) | TypeKind::Literal(_) | TypeKind::Newtype(_) => {}
        }
    }
    let (alias_keys, alias_wires): (Vec<_>, Vec<_>) = key_aliases.into_iter().unzip();
    let (value_alias, value_canonical): (Vec<_>, Vec<_>) = value_aliases.into_iter().unzip();
    let (codes, code_values): (Vec<_>, Vec<_>) = integer_codes.into_iter().unzip();
    let case_insensitive = case_insensitive.into_iter();
    quote! {
        /// Keys the schemas accept for a property: (alias, the key serialization writes).
        #[allow(dead_code)]
        const KEY_ALIASES: &[(&str, &str)] = &[#((#alias_keys, #alias_wires)),*];
        /// Other spellings of enum values: (spelling, the value serialization writes).
        #[allow(dead_code)]
        const VALUE_ALIASES: &[(&str, &str)] = &[#((#value_alias, #value_canonical)),*];
        /// Enum values recognised ignoring ASCII case.
        #[allow(dead_code)]
        const CASE_INSENSITIVE_VALUES: &[&str] = &[#(#case_insensitive),*];
        /// Integer codes of enum values: (code, the value serialization writes).
        #[allow(dead_code)]
        const INTEGER_CODES: &[(i64, &str)] = &[#((#codes, #code_values)),*];
    }
}
