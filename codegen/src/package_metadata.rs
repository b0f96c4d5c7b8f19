//! `[package.metadata.eventgen]` in a crate's `Cargo.toml`: the crate's output settings written
//! once, read by its build script (`Config::package_metadata`) and by `eventgen generate` and
//! `check` run in the crate's directory, so the two cannot drift apart.
//!
//! ```toml
//! [package.metadata.eventgen]
//! borrowed-feature = "borrowed"   # or borrowed-form = false
//! schemars-feature = "schemars"   # or schemars = true
//! runtime-crate = "::eventgen_runtime"
//! extern-paths = { "sms/" = "::acs_events" }   # schema path = module path
//! schema-mounts = { "acs/" = "../schemas" }     # prefix = directory, from the manifest's
//! ```

use std::path::Path;

use crate::Config;

/// The keys the table may hold; any other is an error (a typo would otherwise be ignored).
const KEYS: &[&str] = &[
    "borrowed-form",
    "borrowed-feature",
    "schemars",
    "schemars-feature",
    "runtime-crate",
    "extern-paths",
    "schema-mounts",
];

/// Apply the manifest's settings to `config`. A manifest without the table changes nothing.
pub fn apply(config: &mut Config, manifest: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(manifest)
        .map_err(|e| format!("{}: cannot be read: {e}", manifest.display()))?;
    let table: toml::Table = text
        .parse()
        .map_err(|e| format!("{}: not TOML: {e}", manifest.display()))?;
    let Some(settings) = table
        .get("package")
        .and_then(|p| p.get("metadata"))
        .and_then(|m| m.get("eventgen"))
    else {
        return Ok(());
    };
    let at = |key: &str| format!("{}: [package.metadata.eventgen] {key}", manifest.display());
    let settings = settings
        .as_table()
        .ok_or_else(|| format!("{}: is not a table", at("")))?;
    for (key, value) in settings {
        let text = || {
            value
                .as_str()
                .ok_or_else(|| format!("{} must be a string", at(key)))
        };
        let flag = || {
            value
                .as_bool()
                .ok_or_else(|| format!("{} must be true or false", at(key)))
        };
        match key.as_str() {
            "borrowed-form" => drop(config.borrowed_form(flag()?)),
            "borrowed-feature" => drop(config.borrowed_form_feature(text()?)),
            "schemars" => drop(config.schemars(flag()?)),
            "schemars-feature" => drop(config.schemars_feature(text()?)),
            "runtime-crate" => drop(config.runtime_crate(text()?)),
            "extern-paths" => {
                let entries = value.as_table().ok_or_else(|| {
                    format!("{} must be a table of schema path = module path", at(key))
                })?;
                for (schema, module) in entries {
                    let module = module.as_str().ok_or_else(|| {
                        format!("{} `{schema}` must be a module path string", at(key))
                    })?;
                    config.extern_path(schema.as_str(), module);
                }
            }
            "schema-mounts" => {
                let entries = value
                    .as_table()
                    .ok_or_else(|| format!("{} must be a table of prefix = directory", at(key)))?;
                // Relative to the manifest, so the build script and the command agree.
                let base = manifest.parent().unwrap_or(Path::new(""));
                for (prefix, dir) in entries {
                    let dir = dir.as_str().ok_or_else(|| {
                        format!("{} `{prefix}` must be a directory path string", at(key))
                    })?;
                    config.mount_schemas(prefix.as_str(), base.join(dir));
                }
            }
            _ => {
                return Err(format!(
                    "{} is not a setting; hint: use one of {}",
                    at(key),
                    KEYS.join(", ")
                ))
            }
        }
    }
    Ok(())
}
