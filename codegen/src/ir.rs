//! The intermediate model between JSON Schema and Rust: named types (structs, string enums,
//! unions) and events. Lowering fills it; the emitters read it and never look at JSON Schema.

use serde_json::Value;

use crate::error::Location;

#[derive(Debug, Default)]
pub struct Model {
    /// Every named type, sorted by (module, name).
    pub types: Vec<TypeDef>,
    /// Every event, sorted by event-type string.
    pub events: Vec<EventDef>,
    /// Every base model merged into structs through `allOf`, sorted by (module, name).
    pub bases: Vec<BaseDef>,
    /// The optional parts of the output and how the code reaches the runtime, settled once by
    /// [`Model::settle_output`] (an output option, not something the schemas say).
    pub output: Output,
}

/// A base model (`allOf` target). Its fields are copied into the structs that extend it; it is
/// emitted as a trait of accessors, so code can be generic over every model that extends it.
#[derive(Debug, Clone)]
pub struct BaseDef {
    pub name: String,
    pub module: String,
    pub doc: Option<String>,
    pub origin: Location,
    /// The cargo features that compile it (empty: always compiled).
    pub features: Vec<String>,
    /// Taken from another crate (`Config::extern_path`): the module path that holds it there.
    /// The trait is re-exported, not declared; implementations follow the orphan rule.
    pub extern_module: Option<String>,
    /// The bases this one extends directly (its supertraits).
    pub extends: Vec<String>,
    /// The fields it declares itself (not those of its own bases).
    pub own_fields: Vec<FieldDef>,
    /// The trait's accessor method for each of `own_fields`, in order (settled by `finalize`):
    /// the field's name, unless that reads like a std trait's method (`from`, `into`, …).
    pub accessors: Vec<String>,
}

/// The value of the entry an event-type string is dispatched to, as the runtime's
/// `EventKind::from_event_type` dispatches it: an exact match, else one that differs only in
/// ASCII case (Event Grid compares event types case-insensitively). The generator's fixture
/// tests and `eventgen validate` pick events by it, so neither disagrees with the crate.
pub(crate) fn dispatch_event_type<'t, V>(
    entries: impl Iterator<Item = (&'t str, V)> + Clone,
    event_type: &str,
) -> Option<V> {
    entries
        .clone()
        .find(|(candidate, _)| *candidate == event_type)
        .or_else(|| {
            entries
                .into_iter()
                .find(|(candidate, _)| candidate.eq_ignore_ascii_case(event_type))
        })
        .map(|(_, value)| value)
}

impl Model {
    pub fn type_named(&self, name: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.name == name)
    }

    /// The event an event-type string is dispatched to ([`dispatch_event_type`]).
    pub fn event_for(&self, event_type: &str) -> Option<&EventDef> {
        dispatch_event_type(
            self.events.iter().map(|e| (e.event_type.as_str(), e)),
            event_type,
        )
    }

    /// The names of the types that borrow (`TypeDef::borrows`).
    pub fn borrowing_types(&self) -> std::collections::BTreeSet<String> {
        self.types
            .iter()
            .filter(|t| t.borrows)
            .map(|t| t.name.clone())
            .collect()
    }

    /// Settle the model for `output`, once for the emitters and `eventgen diff`: without the
    /// borrowed form no type has one, so no `TypeDef::borrows` is left set.
    ///
    /// The `Config`'s attributes land on the types and fields their paths name; a path that
    /// names nothing, or an attribute that is not one, is an error.
    pub fn settle_output(&mut self, output: Output) -> crate::error::Result<()> {
        if output.borrowed == Part::Off {
            for def in &mut self.types {
                def.borrows = false;
            }
        }
        crate::extern_paths::apply(self, &output)?;
        crate::attributes::apply(self, &output)?;
        self.output = output;
        Ok(())
    }

    pub fn base_named(&self, name: &str) -> Option<&BaseDef> {
        self.bases.iter().find(|b| b.name == name)
    }

    /// The modules (one generated file each), in order.
    pub fn modules(&self) -> Vec<&str> {
        let mut modules: Vec<&str> = self
            .types
            .iter()
            .map(|t| t.module.as_str())
            .chain(self.bases.iter().map(|b| b.module.as_str()))
            .collect();
        modules.sort();
        modules.dedup();
        modules
    }
}

/// What the generated code has besides the owned types, and how it names the runtime: output
/// options (`Config`, `diff::Options`), not something the schemas say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// The `borrowed` module: payloads whose strings borrow from the body.
    pub borrowed: Part,
    /// `schemars::JsonSchema` for the owned types and `EventKind::json_schema`.
    pub schemars: Part,
    /// The path generated code reaches the runtime by (`::eventgen_runtime`, or a renamed
    /// dependency, or a re-export).
    pub runtime: String,
    /// Attributes to add to types and to struct fields, by path (`Config::type_attribute`,
    /// `Config::field_attribute`): settled onto `TypeDef`/`FieldDef::attributes`.
    pub type_attributes: Vec<(String, String)>,
    pub field_attributes: Vec<(String, String)>,
    /// Schema locations whose types come from another crate, and that crate's module path
    /// (`Config::extern_path`): settled onto `TypeDef`/`BaseDef::extern_module`.
    pub extern_paths: Vec<(String, String)>,
}

impl Default for Output {
    fn default() -> Self {
        Output {
            borrowed: Part::On,
            schemars: Part::Off,
            runtime: DEFAULT_RUNTIME_PATH.into(),
            type_attributes: Vec::new(),
            field_attributes: Vec::new(),
            extern_paths: Vec::new(),
        }
    }
}

/// The path of the runtime crate when the user's crate depends on it by its own name.
pub const DEFAULT_RUNTIME_PATH: &str = "::eventgen_runtime";

/// Whether an optional part of the output is generated, and whether a cargo feature of the
/// user's crate gates it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Not generated.
    Off,
    /// Generated and always compiled.
    On,
    /// Generated and compiled under this cargo feature of the user's crate.
    Gated(String),
}

#[derive(Debug, Clone)]
pub struct TypeDef {
    pub name: String,
    /// The generated file this type lives in (the schema's top-level directory).
    pub module: String,
    pub doc: Option<String>,
    pub origin: Location,
    /// The cargo features that compile it (empty: always compiled). A type is compiled when any
    /// event that reaches it is, so shared models follow the families that use them.
    pub features: Vec<String>,
    /// The standard traits it derives, in emission order (settled by `finalize`; serde's
    /// traits are implemented for every type and are not listed).
    pub derives: Vec<Derive>,
    /// Has a borrowed form with a lifetime (`Name<'a>` in the generated `borrowed` module): it
    /// holds a string, an open value or a map, directly or through a type that does (settled by
    /// `finalize`). Types that do not (enums, literals, structs of numbers) serve both forms.
    pub borrows: bool,
    /// Attributes the `Config` adds to the owned type (`Config::type_attribute`), as written.
    pub attributes: Vec<String>,
    /// Taken from another crate generated from the same schemas (`Config::extern_path`): the
    /// module path that holds it there (and its borrowed form in `<module>::borrowed`). It is
    /// re-exported under its name rather than declared; still lowered, so what this crate
    /// derives from it (derives, borrowing, boxing) is what that crate has.
    pub extern_module: Option<String>,
    pub kind: TypeKind,
}

/// A standard trait a generated type derives. Which ones follow from the types a type holds
/// (a struct has `Default` only when every required field's type has one), so the finalize pass
/// settles them and `eventgen diff` sees a type gain or lose one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Derive {
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
}

impl Derive {
    /// The trait's name as written in `#[derive]`.
    pub fn name(self) -> &'static str {
        match self {
            Derive::Debug => "Debug",
            Derive::Clone => "Clone",
            Derive::Copy => "Copy",
            Derive::PartialEq => "PartialEq",
            Derive::Eq => "Eq",
            Derive::Hash => "Hash",
            Derive::PartialOrd => "PartialOrd",
            Derive::Ord => "Ord",
            Derive::Default => "Default",
        }
    }
}

#[derive(Debug, Clone)]
pub enum TypeKind {
    Struct(StructDef),
    Enum(EnumDef),
    Union(UnionDef),
    /// Booleans or numbers limited to listed values (`const`/`enum` of non-strings).
    Literal(LiteralDef),
    /// An event payload that is not an object, enum or union (a string, a number, an array, any
    /// JSON value): `pub struct Name(pub T)`, read and written as `T` is.
    Newtype(TypeRef),
}

impl TypeKind {
    /// How the runtime reads and writes a type of this kind: decided here, once, for the
    /// emitters that print it and for `eventgen diff`, which names it when a type changes kind.
    pub fn codec(&self) -> Codec {
        match self {
            TypeKind::Struct(_) => Codec::Payload,
            TypeKind::Enum(_) => Codec::StringEnum,
            TypeKind::Union(_) => Codec::OneOf,
            TypeKind::Literal(_) => Codec::Literal,
            TypeKind::Newtype(_) => Codec::Newtype,
        }
    }
}

/// The runtime derive that writes a type's parsers (`Deserialize`, `DirectParse`, and
/// `into_owned` in the borrowed form) and, by kind, its other impls: which of `Serialize` and
/// `JsonSchema` serde's and schemars' derives write, and which the runtime derive writes with
/// the rest of what users call (a string enum's `as_str`, `FromStr` and `Display`, a literal's
/// constants' `VALUES`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    Payload,
    StringEnum,
    OneOf,
    Literal,
    Newtype,
}

impl Codec {
    /// The derive's name in `eventgen_runtime`.
    pub fn derive(self) -> &'static str {
        match self {
            Codec::Payload => "Payload",
            Codec::StringEnum => "StringEnum",
            Codec::OneOf => "OneOf",
            Codec::Literal => "Literal",
            Codec::Newtype => "Newtype",
        }
    }

    /// Whether serde's derive writes `Serialize` (from the `#[serde(…)]` attributes); the
    /// runtime derive writes it for string enums and literals, from their wire values.
    pub fn serde_serialize(self) -> bool {
        matches!(self, Codec::Payload | Codec::OneOf | Codec::Newtype)
    }

    /// Whether schemars' derive writes `JsonSchema`; the runtime derive writes it for the
    /// others (`#[eventgen(json_schema)]`), from what they declare.
    pub fn schemars_derive(self) -> bool {
        matches!(self, Codec::Payload | Codec::OneOf)
    }

    /// What a type read this way is, in words (`eventgen diff`'s `type_changed`).
    pub fn shape(self) -> &'static str {
        match self {
            Codec::Payload => "an object",
            Codec::StringEnum => "a string enum",
            Codec::OneOf => "a union",
            Codec::Literal => "a literal",
            Codec::Newtype => "a payload that is not an object",
        }
    }
}

/// A newtype over `bool`, `i64` or `f64` that parses only the listed values, which are its
/// associated constants.
#[derive(Debug, Clone)]
pub struct LiteralDef {
    pub kind: LiteralKind,
    pub values: Vec<LiteralValue>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiteralKind {
    Bool,
    Integer,
    Number,
}

#[derive(Debug, Clone)]
pub struct LiteralValue {
    /// The associated constant (`TRUE`, `N_200`, `MINUS_1`).
    pub ident: String,
    pub value: Value,
    pub doc: Option<String>,
}

#[derive(Debug, Clone)]
pub struct StructDef {
    /// Base models merged in through `allOf`, outermost first (documentation only: their
    /// fields are copied, because `#[serde(flatten)]` buffers every event on the hot path).
    pub bases: Vec<String>,
    pub fields: Vec<FieldDef>,
    /// Keys the schema allows beyond its properties (`additionalProperties` `true` or a
    /// schema, next to declared properties): kept in this field instead of being dropped.
    pub additional: Option<AdditionalDef>,
    /// Undeclared keys are an error (`additionalProperties: false`): the schema closes the
    /// object, as JSON Schema reads it; otherwise they are skipped or kept.
    pub closed: bool,
    /// The base traits it implements (settled by `finalize`): those of `bases` whose fields it
    /// holds unchanged, with their supertraits.
    pub implements: Vec<String>,
    /// `…_or_default` accessors for optional fields with a schema default (settled by `finalize`).
    pub default_accessors: Vec<DefaultAccessor>,
    /// How code builds one (settled by `finalize`): `new` from the required fields, a `with_…`
    /// setter per optional field.
    pub builder: Builder,
}

/// `fn new(<required fields>) -> Self` and `fn with_<field>(self, value) -> Self`: the way to
/// build a `#[non_exhaustive]` struct, which cannot produce an invalid required value.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Builder {
    /// The required fields `new` takes, in field order (Rust names).
    pub required: Vec<String>,
    /// (setter method, field's Rust name) for each optional field.
    pub setters: Vec<(String, String)>,
}

/// `fn <method>(&self) -> T`: an optional field's value, or its schema default when absent.
#[derive(Debug, Clone, PartialEq)]
pub struct DefaultAccessor {
    pub method: String,
    /// The field's Rust name.
    pub field: String,
    /// The field's wire name (for the documentation and `eventgen diff`).
    pub wire_name: String,
    pub value: DefaultValue,
}

/// A schema default of a scalar field, typed as the field is (strings are returned as `&str`).
#[derive(Debug, Clone, PartialEq)]
pub enum DefaultValue {
    Bool(bool),
    I32(i32),
    I64(i64),
    F64(f64),
    Str(String),
}

/// The field that keeps an object's undeclared keys, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct AdditionalDef {
    pub rust_name: String,
    /// The value type (`Any` for `true`).
    pub ty: TypeRef,
}

#[derive(Debug, Clone)]
pub struct FieldDef {
    pub rust_name: String,
    pub wire_name: String,
    /// Other keys the service sends for this field (`x-aliases`).
    pub aliases: Vec<String>,
    pub ty: TypeRef,
    /// The service always sends it (`required`).
    pub required: bool,
    /// `null` is a valid value (`type: [T, "null"]` or `oneOf [T, null]`) and not a value of
    /// `ty` itself (never set when [`holds_null`]).
    pub nullable: bool,
    /// Numbers that may arrive as JSON strings (`x-string-or-number`).
    pub string_or_number: bool,
    /// A date-time that may also arrive in .NET's invariant general form (`x-lenient-date-time`).
    pub lenient_date_time: bool,
    /// Held as `Box<T>`, and why (settled by `finalize`).
    pub boxed: Option<Boxing>,
    /// The schema asks for `Box<T>` (`x-boxed`): a large member that is usually absent.
    pub box_requested: bool,
    pub default: Option<Value>,
    pub deprecated: bool,
    pub doc: Option<String>,
    /// The base model the field comes from, if inherited.
    pub inherited_from: Option<String>,
    /// Where the property is declared (in its base, when inherited; for a key that only
    /// `required` lists, that entry), for `eventgen diff`'s report.
    pub origin: Location,
    /// Attributes the `Config` adds to the owned struct's field (`Config::field_attribute`).
    pub attributes: Vec<String>,
}

/// Why a field is held as `Box<T>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Boxing {
    /// Its type directly contains the struct that holds it: without the box the size is infinite.
    Cycle,
    /// The schema says so (`x-boxed`): a large member, usually absent, that its holder should not
    /// reserve room for.
    Requested,
}

impl FieldDef {
    /// Emitted in an `Option` (`Option<T>`, or `Option<Option<T>>`): the key may be absent, or
    /// it is always sent and may be null.
    pub fn is_optional(&self) -> bool {
        self.presence() != Presence::Required
    }

    /// How absence and `null` map onto the field's Rust type.
    pub fn presence(&self) -> Presence {
        match (self.required, self.nullable) {
            (true, false) => Presence::Required,
            (true, true) => Presence::RequiredNullable,
            (false, false) => Presence::Optional,
            (false, true) => Presence::OptionalNullable,
        }
    }

    /// How many `Option`s the field's type is in: one for a possible `null`, one for a possible
    /// absence (`Presence`).
    pub fn option_layers(&self) -> usize {
        usize::from(self.nullable) + usize::from(!self.required)
    }

    /// `null` is a value of the field's type itself (any JSON value, or `()` for `null` alone),
    /// so it is never folded into an `Option`'s `None`.
    pub fn holds_null(&self) -> bool {
        holds_null(&self.ty)
    }
}

/// Whether `null` is a value of `ty` itself: any JSON value (`RawJson` keeps `null`), or `()`.
/// A field of such a type is never `nullable`: lowering settles that, so one `null` is never
/// two Rust values.
pub fn holds_null(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Any | TypeRef::Unit)
}

/// How a field's key being absent and its value being `null` are told apart in Rust. Each
/// state reads back as it was received: no `null` is written for an absent key, and no
/// `null` that was sent is lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// `T`: always sent; never null, or null is a value of `T` itself ([`holds_null`]).
    Required,
    /// `Option<T>`: always sent; `None` is `null`.
    RequiredNullable,
    /// `Option<T>`: `None` is an absent key. A `null` the schema does not allow also reads as
    /// `None` (a documented leniency), unless `T` holds null itself.
    Optional,
    /// `Option<Option<T>>`: `None` is an absent key, `Some(None)` a `null`.
    OptionalNullable,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeRef {
    String,
    Bool,
    I32,
    I64,
    F64,
    /// `format: date-time` where the document asserts formats (`x-format-assertion`): an
    /// RFC 3339 instant, `time::OffsetDateTime`.
    DateTime,
    /// `format: date-time` as an annotation (JSON Schema's default): any string, kept as
    /// received, with its instant when it is RFC 3339 (`eventgen_runtime::DateTime`).
    DateTimeText,
    /// Any JSON value.
    Any,
    /// Only `null` (`type: "null"`); a field of it is always `Option<()>`.
    Unit,
    Named(String),
    Array(Box<TypeRef>),
    /// A JSON object with arbitrary keys (`additionalProperties`).
    Map(Box<TypeRef>),
    /// A fixed-length array whose items have types by position (`prefixItems`, or draft-07's
    /// array-form `items`, of exactly that many items): a Rust tuple.
    Tuple(Vec<TypeRef>),
    /// An array item or map value that may also be `null` (`Option<T>`; a field's own
    /// nullability is `FieldDef::nullable`). Never wraps a type that [`holds_null`].
    Nullable(Box<TypeRef>),
}

impl TypeRef {
    /// The type without its [`TypeRef::Nullable`].
    pub fn non_null(&self) -> &TypeRef {
        match self {
            TypeRef::Nullable(inner) => inner,
            other => other,
        }
    }

    pub fn is_integer(&self) -> bool {
        matches!(self, TypeRef::I32 | TypeRef::I64)
    }

    /// The type in words, for messages.
    pub fn describe(&self) -> String {
        match self {
            TypeRef::String => "string".into(),
            TypeRef::Bool => "boolean".into(),
            TypeRef::I32 => "integer (int32)".into(),
            TypeRef::I64 => "integer (int64)".into(),
            TypeRef::F64 => "number".into(),
            TypeRef::DateTime => "string (date-time)".into(),
            TypeRef::DateTimeText => "string (date-time, kept as text)".into(),
            TypeRef::Any => "any JSON value".into(),
            TypeRef::Unit => "null".into(),
            TypeRef::Named(name) => format!("`{name}`"),
            TypeRef::Array(item) => format!("array of {}", item.describe()),
            TypeRef::Map(value) => format!("map of {}", value.describe()),
            TypeRef::Nullable(inner) => format!("{} or null", inner.describe()),
            TypeRef::Tuple(items) => format!(
                "tuple of {}",
                items
                    .iter()
                    .map(TypeRef::describe)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

#[derive(Debug, Clone)]
pub struct EnumDef {
    pub variants: Vec<VariantDef>,
    /// Unknown values are kept in the catch-all variant instead of failing.
    pub extensible: bool,
    /// Values are matched ignoring ASCII case (`x-enum-case-insensitive`).
    pub case_insensitive: bool,
    /// Name of the catch-all variant (`Other` unless a value already takes it).
    pub catch_all: String,
    /// Other spellings of listed values (`x-enum-aliases`): (spelling, variant ident).
    pub aliases: Vec<(String, String)>,
    /// Integers that denote listed values (`x-enum-integer-values`): (integer, variant ident).
    pub integer_values: Vec<(i64, String)>,
}

#[derive(Debug, Clone)]
pub struct VariantDef {
    pub ident: String,
    pub value: String,
    pub doc: Option<String>,
    /// Where the value is listed (its `enum` entry), for `eventgen diff`'s report.
    pub origin: Location,
}

#[derive(Debug, Clone)]
pub struct UnionDef {
    /// The options, narrowest first.
    pub variants: Vec<UnionVariant>,
    /// How a value picks its option (settled by `finalize`).
    pub selection: UnionSelection,
}

/// How a union's value picks its option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnionSelection {
    /// The first option that parses, in order (serde's `untagged`).
    FirstFit,
    /// Several options are objects: an object goes to the one that declares most of its keys
    /// (ties in order), so no option drops keys another would keep; other values as `FirstFit`.
    MostKnownKeys,
}

#[derive(Debug, Clone)]
pub struct UnionVariant {
    pub ident: String,
    pub ty: TypeRef,
    pub doc: Option<String>,
    /// The keys an object option declares, aliases included (filled by `finalize` when the
    /// union selects by known keys; empty otherwise).
    pub known_keys: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct EventDef {
    /// The event-type string (`x-event-type`).
    pub event_type: String,
    /// The data version the schema describes (`x-data-version`).
    pub data_version: Option<String>,
    /// The `EventData` / `EventKind` variant.
    pub variant: String,
    /// The constant in `event_types`.
    pub constant: String,
    /// The payload struct.
    pub payload: String,
    pub doc: Option<String>,
    pub origin: Location,
    /// The cargo feature that compiles this event (`x-cargo-feature`); `None`: always compiled.
    pub feature: Option<String>,
}
