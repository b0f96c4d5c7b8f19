//! The `eventgen` command: `generate` rewrites `generated/` from `schemas/`; `check` exits
//! non-zero, naming the stale files, when `generated/` does not match.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: eventgen <command> [--schemas DIR] [--out DIR]

commands:
  generate   regenerate the Rust bindings from the schemas (writes only changed files)
  check      exit 1 when the generated files differ from what the schemas generate

options:
  --schemas DIR   schema root (default: schemas)
  --out DIR       generated code directory (default: generated)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let mut schemas = PathBuf::from("schemas");
    let mut out = PathBuf::from("generated");
    let mut rest = rest.iter();
    while let Some(arg) = rest.next() {
        let target = match arg.as_str() {
            "--schemas" => &mut schemas,
            "--out" => &mut out,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("eventgen: unknown argument `{other}`\n{USAGE}");
                return ExitCode::from(2);
            }
        };
        match rest.next() {
            Some(value) => *target = PathBuf::from(value),
            None => {
                eprintln!("eventgen: `{arg}` needs a value");
                return ExitCode::from(2);
            }
        }
    }
    let mut config = eventgen::Config::new();
    config.schemas(&schemas).out_dir(&out);
    match command.as_str() {
        "generate" => match config.generate() {
            Ok(written) if written.is_empty() => {
                println!("{}: up to date", out.display());
                ExitCode::SUCCESS
            }
            Ok(written) => {
                for name in written {
                    println!("wrote {}", out.join(name).display());
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("eventgen: {e}");
                ExitCode::from(2)
            }
        },
        "check" => match config.check() {
            Ok(()) => {
                println!("{}: up to date with {}", out.display(), schemas.display());
                ExitCode::SUCCESS
            }
            Err(e @ eventgen::Error::Stale { .. }) => {
                eprintln!("eventgen: {e}");
                ExitCode::from(1)
            }
            Err(e) => {
                eprintln!("eventgen: {e}");
                ExitCode::from(2)
            }
        },
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("eventgen: unknown command `{other}`\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
