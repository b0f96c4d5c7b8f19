//! `eventgen`: generate serde-ready Rust types and an event dispatch enum from JSON Schema
//! definitions of event payloads.
//!
//! The pipeline has one module per stage: [`load`] (read schema files) → `resolve` (`$ref`
//! across files) → `lower` (JSON Schema → the IR, `ir`) → `finalize` (derives, boxing,
//! accessors and builders settled in the IR) → `emit` (IR → tokens with `quote`,
//! then `prettyplease`) → `output` (write only what changed, or check for staleness). The
//! public API is [`Config`] (generate and check), [`diff`], [`validate`], [`load`] and
//! [`fixtures`] (for tests that read the same schemas and fixtures) and [`Error`].
//!
//! Used from a build script in the style of prost-build:
//!
//! ```no_run
//! // build.rs: generates into OUT_DIR, reruns when anything under schemas/ changes, and reports
//! // every problem of the schemas as a cargo error (`schemas/x.json#/pointer: message`).
//! eventgen::Config::new()
//!     .schemas("schemas")
//!     .generate_in_build_script();
//! ```

mod attributes;
mod build_script;
mod deep_stack;
pub mod diff;
mod emit;
pub mod error;
mod extern_paths;
mod finalize;
pub mod fixtures;
mod gating;
pub mod import;
pub(crate) mod ir;
pub mod load;
pub(crate) mod lower;
pub(crate) mod output;
mod package_metadata;
pub(crate) mod resolve;
pub(crate) mod rust_idents;
#[cfg(feature = "validate")]
pub mod validate;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use emit::{ENTRY_FILE, FIXTURE_TESTS_FILE};
pub use error::{Error, Location, Problem, Result};

/// What to generate from where.
#[derive(Debug, Clone, Default)]
pub struct Config {
    schemas: Option<PathBuf>,
    /// Other schema roots read as directories of the schema root: (prefix, directory).
    mounts: Vec<(String, PathBuf)>,
    out_dir: Option<PathBuf>,
    fixtures: Option<PathBuf>,
    output: ir::Output,
    /// The manifest whose `[package.metadata.eventgen]` was applied (rerun when it changes).
    manifest: Option<PathBuf>,
    /// A setting that could not be applied, reported by `render` (setters do not fail).
    setting_error: Option<String>,
}

impl Config {
    /// A configuration with nothing set: schemas from nowhere, output to `OUT_DIR`.
    pub fn new() -> Self {
        Config::default()
    }

    /// The schema root: every `*.json` below it except the `fixtures/` directory.
    pub fn schemas(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.schemas = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Also read the schemas below `dir` as the directory `prefix` of the schema root (`acs/`,
    /// ending in `/`), as if copied there; `dir`'s own `fixtures/` is left out. This is how
    /// another crate's schemas join the set, so that [`Config::extern_path`] can take their
    /// types from that crate (`mount_schemas("acs/", "../schemas")` with
    /// `extern_path("acs/", "::acs_events")`). A prefix the schema root already uses is an error.
    pub fn mount_schemas(&mut self, prefix: impl Into<String>, dir: impl AsRef<Path>) -> &mut Self {
        self.mounts
            .push((prefix.into(), dir.as_ref().to_path_buf()));
        self
    }

    /// Where the generated files go. Defaults to `OUT_DIR`, which cargo sets for build scripts.
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// A directory of fixture deliveries; when set, `fixture_tests.rs` is generated too.
    /// Defaults to `<schemas>/fixtures` when that directory exists.
    pub fn fixtures(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.fixtures = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Whether to generate the borrowed form (default `true`): the `borrowed` module, whose
    /// payloads borrow strings from the body, always compiled. With `false` there is no
    /// `borrowed.rs` and no such module.
    pub fn borrowed_form(&mut self, yes: bool) -> &mut Self {
        self.output.borrowed = if yes { ir::Part::On } else { ir::Part::Off };
        self
    }

    /// Generate the borrowed form, compiled only under this cargo feature of the crate
    /// (`#[cfg(feature = "…")]`): the crate declares the feature in its `[features]`.
    pub fn borrowed_form_feature(&mut self, feature: impl Into<String>) -> &mut Self {
        self.output.borrowed = ir::Part::Gated(feature.into());
        self
    }

    /// Whether the owned types derive `schemars::JsonSchema` and `EventKind` has
    /// `json_schema()` (default `false`). With `true` they always do, and the crate turns on
    /// `eventgen-runtime`'s `schemars` feature, through which the generated code reaches schemars.
    pub fn schemars(&mut self, yes: bool) -> &mut Self {
        self.output.schemars = if yes { ir::Part::On } else { ir::Part::Off };
        self
    }

    /// Derive `schemars::JsonSchema` only under this cargo feature of the crate, which should
    /// turn on `eventgen-runtime/schemars` (`schemars = ["eventgen-runtime/schemars"]`).
    pub fn schemars_feature(&mut self, feature: impl Into<String>) -> &mut Self {
        self.output.schemars = ir::Part::Gated(feature.into());
        self
    }

    /// The path by which the generated code reaches `eventgen-runtime` (default
    /// `::eventgen_runtime`): for a dependency renamed in `Cargo.toml`, or a crate that
    /// re-exports the runtime (`::my_events::runtime`). Any Rust path.
    pub fn runtime_crate(&mut self, path: impl Into<String>) -> &mut Self {
        self.output.runtime = path.into();
        self
    }

    /// Apply the output settings of a crate's `Cargo.toml` (`[package.metadata.eventgen]`:
    /// `borrowed-form`, `borrowed-feature`, `schemars`, `schemars-feature`, `runtime-crate`, `extern-paths`), so
    /// that the build script and `eventgen generate`/`check`, which read the same table, agree.
    /// Setters called after it override it. A manifest without the table changes nothing; an
    /// unreadable one, or an unknown key, is an error when generating.
    pub fn package_metadata(&mut self, manifest: impl AsRef<Path>) -> &mut Self {
        let manifest = manifest.as_ref();
        if let Err(message) = package_metadata::apply(self, manifest) {
            self.setting_error.get_or_insert(message);
        }
        self.manifest = Some(manifest.to_path_buf());
        self
    }

    /// Add `attribute` (outer attributes as Rust writes them, such as `#[derive(Hash)]`) to the
    /// generated types `path` names, in their owned form: `.` for every type, or a type's name
    /// (`OrderPlacedEventData`). A path that names no type is an error, as prost-build's
    /// `type_attribute` takes paths; call it again for more.
    pub fn type_attribute(
        &mut self,
        path: impl Into<String>,
        attribute: impl Into<String>,
    ) -> &mut Self {
        self.output
            .type_attributes
            .push((path.into(), attribute.into()));
        self
    }

    /// Add `attribute` to the fields `path` names, in the owned structs: `.` for every field,
    /// a struct's name for each of its fields, or `Type.field` (the field's Rust name) for one.
    pub fn field_attribute(
        &mut self,
        path: impl Into<String>,
        attribute: impl Into<String>,
    ) -> &mut Self {
        self.output
            .field_attributes
            .push((path.into(), attribute.into()));
        self
    }

    /// Take the types of the schemas under `schema` from another crate that eventgen generated
    /// from the same schemas, as prost-build's `extern_path` does for a protobuf package:
    /// `schema` is a directory ending in `/` (`sms/`), a file (`common.json`) or a location
    /// (`common.json#/$defs/Member`), relative to the schema directory; `module` is the Rust
    /// path of the module that holds that crate's generated types (`::acs_events`).
    ///
    /// Those types are re-exported under their names (`pub use ::acs_events::Name;`, and
    /// `::acs_events::borrowed::Name` in the borrowed form) instead of declared, so events of
    /// both crates share one `EventData`. The other crate must have the parts this one has (the
    /// borrowed form, schemars) turned on. The most specific entry wins; one that covers no type
    /// is an error.
    pub fn extern_path(
        &mut self,
        schema: impl Into<String>,
        module: impl Into<String>,
    ) -> &mut Self {
        self.output
            .extern_paths
            .push((schema.into(), module.into()));
        self
    }

    /// Generate every file in memory: file name → contents. Problems in the schemas are one
    /// [`Error::Schemas`] listing every one of them (a fixture's problem is one too).
    pub fn render(&self) -> Result<BTreeMap<String, String>> {
        let output = self.checked_output()?;
        let set = self.load_schemas()?;
        let schemas = &set.root;
        let mut model = lower::lower(&set)?;
        model.settle_output(output)?;
        let fixtures_dir = self
            .fixtures
            .clone()
            .or_else(|| Some(schemas.join("fixtures")).filter(|d| d.is_dir()));
        let fixtures = fixtures_dir
            .map(|dir| fixtures::load_fixtures(&dir))
            .transpose();
        let fixtures = error::gathered(fixtures)?;
        error::gathered(emit::emit(&model, fixtures.as_deref()))
    }

    /// The schema set this configuration reads: the schema root and its mounts
    /// ([`Config::mount_schemas`]), as generating reads it (for validating fixtures against it).
    pub fn load_schemas(&self) -> Result<load::SchemaSet> {
        if let Some(message) = &self.setting_error {
            return Err(Error::Config(message.clone()));
        }
        let schemas = self
            .schemas
            .as_ref()
            .ok_or_else(|| Error::Config("no schema directory set".into()))?;
        load::SchemaSet::load_mounted(schemas, &self.mounts)
    }

    /// The output settings, once checked: a runtime path that is a Rust path, feature names
    /// cargo accepts.
    fn checked_output(&self) -> Result<ir::Output> {
        if let Some(message) = &self.setting_error {
            return Err(Error::Config(message.clone()));
        }
        let output = self.output.clone();
        if syn::parse_str::<syn::Path>(&output.runtime).is_err() {
            return Err(Error::Config(format!(
                "runtime_crate: `{}` is not a Rust path; hint: write it as in a `use`, such as `::eventgen_runtime` or `::my_events::runtime`",
                output.runtime
            )));
        }
        for (setting, part) in [
            ("borrowed_form_feature", &output.borrowed),
            ("schemars_feature", &output.schemars),
        ] {
            if let ir::Part::Gated(feature) = part {
                if !is_feature_name(feature) {
                    return Err(Error::Config(format!(
                        "{setting}: `{feature}` is not a cargo feature name; hint: use letters, digits, `_`, `-` and `+`, starting with a letter or digit"
                    )));
                }
            }
        }
        Ok(output)
    }

    /// Generate into the output directory, writing only files whose contents changed and
    /// removing generated files that are no longer produced. Returns the files written.
    ///
    /// With no output directory set (a build script writing to cargo's `OUT_DIR`), also tells
    /// cargo to rerun it when anything under the schema or fixture directory changes.
    pub fn generate(&self) -> Result<Vec<String>> {
        let written = self.write()?;
        if self.out_dir.is_none() {
            for line in self.rerun_directives() {
                println!("{line}");
            }
        }
        Ok(written)
    }

    /// For a build script: generate as [`Config::generate`] does, and report to cargo. Prints
    /// `cargo::rerun-if-changed` for the schema (and fixture) directory and, on failure, one
    /// `cargo::error=` line per problem, such as
    /// `cargo::error=schemas/x.json#/properties/a/not: … is not supported; hint: …`.
    ///
    /// Cargo fails the build when the script has finished and shows each problem as an
    /// `error:` line of its own: no panic, no backtrace. The script itself ends normally, since a
    /// failing exit status would only make cargo print every line a second time.
    pub fn generate_in_build_script(&self) {
        for line in self.generate_for_cargo() {
            println!("{line}");
        }
    }

    /// The lines [`Config::generate_in_build_script`] prints, after generating as it does: the
    /// `cargo::rerun-if-changed` directives, then a `cargo::error` directive per problem, if any.
    pub fn generate_for_cargo(&self) -> Vec<String> {
        let mut lines = self.rerun_directives();
        if let Err(error) = self.write() {
            lines.extend(build_script::errors(&error, self.schemas.as_deref()));
        }
        lines
    }

    /// Render and write only the files that changed.
    fn write(&self) -> Result<Vec<String>> {
        let files = self.render()?;
        output::write_changed(&self.output_dir()?, &files)
    }

    /// Rerun when anything under the schema or the fixture directory changes.
    fn rerun_directives(&self) -> Vec<String> {
        build_script::rerun_if_changed(
            self.schemas
                .iter()
                .chain(self.mounts.iter().map(|(_, dir)| dir))
                .chain(&self.fixtures)
                .chain(&self.manifest)
                .map(PathBuf::as_path),
        )
    }

    /// Compare the output directory with what the schemas generate; `Error::Stale` names the
    /// files that differ, are missing, or should not be there.
    pub fn check(&self) -> Result<()> {
        let files = self.render()?;
        output::check(&self.output_dir()?, &files)
    }

    /// The configured directory, else cargo's `OUT_DIR`.
    fn output_dir(&self) -> Result<PathBuf> {
        match (&self.out_dir, std::env::var_os("OUT_DIR")) {
            (Some(dir), _) => Ok(dir.clone()),
            (None, Some(dir)) => Ok(PathBuf::from(dir)),
            (None, None) => Err(Error::Config("no output directory: call `out_dir`, or run from a build script (cargo sets OUT_DIR)".into())),
        }
    }
}

/// Lower and emit an in-memory schema set (no fixtures): the generator's output for tests and
/// tools that do not read from disk.
pub fn render_documents<I, S>(documents: I) -> Result<BTreeMap<String, String>>
where
    I: IntoIterator<Item = (S, serde_json::Value)>,
    S: Into<String>,
{
    let set = load::SchemaSet::from_documents(documents)?;
    let model = lower::lower(&set)?;
    error::gathered(emit::emit(&model, None))
}

/// A name cargo accepts for a feature: ASCII letters, digits, `_`, `-` and `+`, starting with a
/// letter, digit or `_` (cargo also allows Unicode letters; generated `cfg`s keep to ASCII).
fn is_feature_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+'))
}
