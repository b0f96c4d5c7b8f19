//! `eventgen generate` and `eventgen check`.

use std::path::{Path, PathBuf};

use eventgen::Config;

use super::args::GenerateArgs;
use super::count::count;
use super::stdout::outln;
use super::{Failure, Outcome, Verdict};

/// The schemas in `schemas` with the crate's settings (`[package.metadata.eventgen]` of
/// `manifest`, or of `./Cargo.toml` when there is one) and the `--mount`s given: what `generate`,
/// `check` and `validate` read alike.
pub(super) fn crate_config(
    schemas: &Path,
    manifest: Option<&Path>,
    mounts: &[(String, PathBuf)],
) -> Config {
    let mut config = Config::new();
    config.schemas(schemas);
    let here = Path::new("Cargo.toml");
    if let Some(manifest) = manifest.or_else(|| here.is_file().then_some(here)) {
        config.package_metadata(manifest);
    }
    for (prefix, dir) in mounts {
        config.mount_schemas(prefix, dir);
    }
    config
}

/// The crate's settings ([`crate_config`]), then the flags given, which override them.
fn config(args: &GenerateArgs) -> Config {
    let mut config = crate_config(&args.schemas, args.manifest.as_deref(), &args.mounts);
    config.out_dir(&args.out);
    if args.no_borrowed {
        config.borrowed_form(false);
    }
    if args.schemars {
        config.schemars(true);
    }
    if let Some(feature) = &args.borrowed_feature {
        config.borrowed_form_feature(feature);
    }
    if let Some(feature) = &args.schemars_feature {
        config.schemars_feature(feature);
    }
    if let Some(path) = &args.runtime {
        config.runtime_crate(path);
    }
    for (schema, module) in &args.extern_paths {
        config.extern_path(schema, module);
    }
    config
}

/// Write the files whose contents changed and remove those no longer generated, naming each.
pub fn generate(args: &GenerateArgs) -> Outcome {
    let changed = config(args).generate()?;
    if changed.is_empty() {
        outln!("{}: up to date", args.out.display());
        return Ok(Verdict::Passed);
    }
    // The library lists written and removed files together; a removed one is gone.
    let (written, removed): (Vec<_>, Vec<_>) = changed
        .iter()
        .map(|name| args.out.join(name))
        .partition(|path| path.exists());
    for path in &written {
        outln!("wrote {}", path.display());
    }
    for path in &removed {
        outln!("removed {}", path.display());
    }
    let mut summary = format!(
        "{}: {} written",
        args.out.display(),
        count(written.len(), "file")
    );
    if !removed.is_empty() {
        summary.push_str(&format!(", {} removed", removed.len()));
    }
    outln!("{summary}");
    Ok(Verdict::Passed)
}

/// Fail, naming the stale files, when the output directory differs from what the schemas
/// generate.
pub fn check(args: &GenerateArgs) -> Outcome {
    match config(args).check() {
        Ok(()) => {
            outln!(
                "{}: up to date with {}",
                args.out.display(),
                args.schemas.display()
            );
            Ok(Verdict::Passed)
        }
        Err(eventgen::Error::Stale { files }) => {
            eprintln!(
                "eventgen: {} is stale ({}): {}\nrun `{}` to update it",
                args.out.display(),
                count(files.len(), "file"),
                files.join(", "),
                generate_command(args),
            );
            Ok(Verdict::Failed)
        }
        Err(error) => Err(Failure::from(error)),
    }
}

/// The `eventgen generate` command that writes what `check` expects: the same options.
fn generate_command(args: &GenerateArgs) -> String {
    let mut command = format!(
        "eventgen generate --schemas {} --out {}",
        args.schemas.display(),
        args.out.display(),
    );
    if args.no_borrowed {
        command.push_str(" --no-borrowed");
    }
    if let Some(feature) = &args.borrowed_feature {
        command.push_str(&format!(" --borrowed-feature {feature}"));
    }
    if args.schemars {
        command.push_str(" --schemars");
    }
    if let Some(feature) = &args.schemars_feature {
        command.push_str(&format!(" --schemars-feature {feature}"));
    }
    if let Some(path) = &args.runtime {
        command.push_str(&format!(" --runtime {path}"));
    }
    for (schema, module) in &args.extern_paths {
        command.push_str(&format!(" --extern-path {schema}={module}"));
    }
    for (prefix, dir) in &args.mounts {
        command.push_str(&format!(" --mount {prefix}={}", dir.display()));
    }
    if let Some(manifest) = &args.manifest {
        command.push_str(&format!(" --manifest {}", manifest.display()));
    }
    command
}
