//! The change kinds `eventgen diff` reports, each with fixed verdicts under this generator's
//! policy: `#[non_exhaustive]` structs and enums, required properties as `T` and optional ones
//! as `Option<T>`, extensible enums unless closed, unknown members ignored, unknown event types
//! kept as `EventData::Unknown`, every `EventData` payload boxed, every base trait implemented for
//! `Box<T>` too, closed enums' `FromStr` failing with `ParseEnumError`. What varies with the schemas
//! (derives, base-trait impls, boxed fields, accessors, borrowed forms) is settled in the IR and
//! compared.
//!
//! "Reads" means: parses without error, and every value of a field the consumer's schema knows is
//! kept. `old_reads_new`: a consumer built from the old schemas reads payloads of the new ones
//! (Azure changed first). `new_reads_old`: a consumer built from the new schemas reads old
//! payloads still in flight (Event Grid retries for 24 hours; dead letters wait longer).

use std::fmt;

/// How far a change forces the version of the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Semver {
    /// No release needed: the generated code does not change.
    None,
    /// A patch release: the generated code changes, its API does not.
    Patch,
    /// A minor release: the API grows, existing code keeps compiling.
    Minor,
    /// A major release: existing code may stop compiling.
    Major,
}

impl Semver {
    /// `none`, `patch`, `minor` or `major`.
    pub fn as_str(self) -> &'static str {
        match self {
            Semver::None => "none",
            Semver::Patch => "patch",
            Semver::Minor => "minor",
            Semver::Major => "major",
        }
    }

    /// The level [`Semver::as_str`] names.
    pub fn parse(text: &str) -> Option<Semver> {
        [Semver::None, Semver::Patch, Semver::Minor, Semver::Major]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

impl fmt::Display for Semver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! kinds {
    ($($kind:ident = $name:literal, $semver:ident, $old_reads_new:literal, $new_reads_old:literal, $summary:literal;)*) => {
        /// One kind of schema change.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Kind {
            $(#[doc = concat!("`", $name, "`: `", $summary, "`.")] $kind,)*
        }

        impl Kind {
            /// Every kind, in the README table's order.
            pub const ALL: &'static [Kind] = &[$(Kind::$kind,)*];

            /// The kind's name in reports (`field_added`, …).
            pub fn name(self) -> &'static str {
                match self {
                    $(Kind::$kind => $name,)*
                }
            }

            /// (semver, old_reads_new, new_reads_old)
            pub fn verdicts(self) -> (Semver, bool, bool) {
                match self {
                    $(Kind::$kind => (Semver::$semver, $old_reads_new, $new_reads_old),)*
                }
            }

            /// What the change is, in a few words (the README table's description column).
            pub fn summary(self) -> &'static str {
                match self {
                    $(Kind::$kind => $summary,)*
                }
            }
        }
    };
}

kinds! {
    EventTypeAdded = "event_type_added", Minor, true, true, "a new event type (a new EventData variant, struct and constant)";
    EventTypeRemoved = "event_type_removed", Major, true, true, "an event type removed (its events now parse as Unknown)";
    EventTypeRenamed = "event_type_renamed", Major, false, false, "the event-type string of a payload model changed";
    EventFeatureChanged = "event_feature_changed", Major, true, true, "the cargo feature that compiles an event type changed (x-cargo-feature): builds that enable only the old one lose its variant";
    DataVersionChanged = "data_version_changed", Patch, true, true, "x-data-version changed (dispatch is by event type)";
    ModelRenamed = "model_renamed", Major, true, true, "a type's name (schema title) changed";
    PropertyAddedOptional = "property_added_optional", Minor, true, true, "an optional property added";
    PropertyAddedRequired = "property_added_required", Minor, true, false, "a required property added";
    PropertyRemovedOptional = "property_removed_optional", Major, true, true, "an optional property removed";
    PropertyRemovedRequired = "property_removed_required", Major, false, true, "a required property removed";
    PropertyBecameRequired = "property_became_required", Major, true, false, "optional to required (Option<T> to T)";
    PropertyBecameOptional = "property_became_optional", Major, false, true, "required to optional (T to Option<T>)";
    ValueBecameNullable = "value_became_nullable", Major, false, true, "array items or map values now allow null (T to Option<T>)";
    ValueNoLongerNullable = "value_no_longer_nullable", Major, true, false, "array items or map values no longer allow null (Option<T> to T)";
    ObjectClosed = "object_closed", Major, true, false, "an object now refuses undeclared keys (additionalProperties became false; its additional_properties field is removed)";
    ObjectOpened = "object_opened", Minor, false, true, "an object no longer refuses undeclared keys (it keeps them in an additional_properties field)";
    NullabilityChanged = "nullability_changed", Major, true, true, "null allowed or not on an optional property: Option<T> to Option<Option<T>> or back (an old consumer reads a null as absent)";
    PropertyRenamed = "property_renamed", Major, false, false, "a property's key changed (case-only renames included); the old key is not accepted";
    PropertyRenamedKeepingAlias = "property_renamed_keeping_alias", Major, false, true, "a property's key changed; the old key is kept as an alias";
    CanonicalKeySwapped = "canonical_key_swapped", Major, true, true, "the written key changed to one both versions accept";
    PropertyRenamedToAlias = "property_renamed_to_alias", Major, true, false, "the written key changed to one the old version accepted as an alias; the old key is no longer accepted";
    PropertyRenamedLikely = "property_renamed_likely", Major, false, false, "a property removed and one of the same type and presence added in the same object, paired as a likely rename (README's pairing rule): each side loses the value from the other's payloads (None, or a parse error where it is required)";
    AliasAdded = "alias_added", Patch, false, true, "x-aliases gained a key";
    AliasRemoved = "alias_removed", Patch, true, false, "x-aliases lost a key";
    StringOrNumberAdded = "string_or_number_added", Patch, false, true, "a number may now arrive as a string";
    StringOrNumberRemoved = "string_or_number_removed", Patch, true, false, "a number may no longer arrive as a string";
    LenientDateTimeAdded = "lenient_date_time_added", Patch, false, true, "a date-time may now also arrive in .NET's general form (x-lenient-date-time)";
    LenientDateTimeRemoved = "lenient_date_time_removed", Patch, true, false, "a date-time may no longer arrive in .NET's general form";
    TypeChanged = "type_changed", Major, false, false, "a property's type changed incompatibly";
    TypeWidened = "type_widened", Major, false, true, "a property's type now admits more values (integer to number)";
    TypeNarrowed = "type_narrowed", Major, true, false, "a property's type now admits fewer values (number to integer)";
    FormatWidened = "format_widened", Major, false, true, "a format change that changes the Rust type and admits more values (int32 to int64, asserted date-time to string or to a date-time kept as text)";
    FormatNarrowed = "format_narrowed", Major, true, false, "a format change that changes the Rust type and admits fewer values (int64 to int32, string to an asserted date-time)";
    FormatRetyped = "format_retyped", Major, true, true, "a format change that changes the Rust type but not the values admitted (string to a date-time kept as text, and back)";
    EnumValueAdded = "enum_value_added", Minor, true, true, "a value added to an extensible enum (it stops landing in the catch-all)";
    EnumValueRemoved = "enum_value_removed", Major, true, true, "a value removed from an extensible enum (it lands in the catch-all)";
    ClosedEnumValueAdded = "closed_enum_value_added", Minor, false, true, "a value added to a closed enum (no catch-all), or to a boolean or number `const`/`enum`: consumers of the old schemas reject payloads with it";
    ClosedEnumValueRemoved = "closed_enum_value_removed", Major, true, false, "a value removed from a closed enum, or from a boolean or number `const`/`enum`: consumers of the new schemas reject payloads with it";
    EnumAliasAdded = "enum_alias_added", Patch, true, true, "an extensible enum accepts another spelling of a value (x-enum-aliases; it stops landing in the catch-all)";
    EnumAliasRemoved = "enum_alias_removed", Patch, true, true, "an extensible enum no longer accepts a spelling of a value (it lands in the catch-all)";
    ClosedEnumAliasAdded = "closed_enum_alias_added", Patch, false, true, "a closed enum accepts another spelling of a value";
    ClosedEnumAliasRemoved = "closed_enum_alias_removed", Patch, true, false, "a closed enum no longer accepts a spelling of a value";
    EnumIntegerCodeAdded = "enum_integer_code_added", Patch, false, true, "an enum value may now arrive as an integer code (x-enum-integer-values)";
    EnumIntegerCodeRemoved = "enum_integer_code_removed", Patch, true, false, "an enum value may no longer arrive as an integer code";
    EnumBecameClosed = "enum_became_closed", Major, true, false, "an extensible enum became closed";
    EnumBecameExtensible = "enum_became_extensible", Minor, false, true, "a closed enum became extensible";
    DeriveAdded = "derive_added", Minor, true, true, "a type derives another standard trait (Default when every required field gained one)";
    DeriveRemoved = "derive_removed", Major, true, true, "a type no longer derives a standard trait (Default when a required field's type has none): code using it stops compiling";
    BaseTraitImplAdded = "base_trait_impl_added", Minor, true, true, "a struct now implements a base model's trait (it holds the base's fields unchanged again)";
    BaseTraitImplRemoved = "base_trait_impl_removed", Major, true, true, "a struct no longer implements a base model's trait (it refines a base field): code generic over the base loses it";
    FieldBoxed = "field_boxed", Major, true, true, "a field is now held as Box<T> (it closes a cycle of types, or its schema says x-boxed)";
    FieldUnboxed = "field_unboxed", Major, true, true, "a field is no longer held as Box<T> (the cycle it closed is gone, or x-boxed was removed)";
    BorrowedLifetimeAdded = "borrowed_lifetime_added", Major, true, true, "the borrowed form of a type gains a lifetime parameter (`borrowed::Name<'a>`: it now holds a string, an open value or a map; feature borrowed)";
    BorrowedLifetimeRemoved = "borrowed_lifetime_removed", Major, true, true, "the borrowed form of a type loses its lifetime parameter (`borrowed::Name<'a>` is gone, the owned type serves both forms; feature borrowed)";
    DefaultAccessorAdded = "default_accessor_added", Minor, true, true, "an optional field gained a `…_or_default` accessor (its schema declares a default)";
    DefaultAccessorRemoved = "default_accessor_removed", Major, true, true, "a `…_or_default` accessor is gone (the default was removed, or the field became required or boxed)";
    DefaultChanged = "default_changed", Patch, true, true, "a property's default changed";
    DescriptionChanged = "description_changed", Patch, true, true, "a description changed (doc comments only)";
}
