//! `eventgen generate` and `eventgen check`.

use eventgen::Config;

use super::args::GenerateArgs;
use super::count::count;
use super::{Failure, Outcome, Verdict};

fn config(args: &GenerateArgs) -> Config {
    let mut config = Config::new();
    config.schemas(&args.schemas).out_dir(&args.out);
    config
}

/// Write the files whose contents changed, naming each.
pub fn generate(args: &GenerateArgs) -> Outcome {
    let written = config(args).generate()?;
    if written.is_empty() {
        println!("{}: up to date", args.out.display());
    } else {
        for name in &written {
            println!("wrote {}", args.out.join(name).display());
        }
        println!(
            "{}: {} written",
            args.out.display(),
            count(written.len(), "file")
        );
    }
    Ok(Verdict::Passed)
}

/// Fail, naming the stale files, when the output directory differs from what the schemas
/// generate.
pub fn check(args: &GenerateArgs) -> Outcome {
    match config(args).check() {
        Ok(()) => {
            println!(
                "{}: up to date with {}",
                args.out.display(),
                args.schemas.display()
            );
            Ok(Verdict::Passed)
        }
        Err(eventgen::Error::Stale { files }) => {
            eprintln!(
                "eventgen: {} is stale ({}): {}\n\
                 run `eventgen generate --schemas {} --out {}` to update it",
                args.out.display(),
                count(files.len(), "file"),
                files.join(", "),
                args.schemas.display(),
                args.out.display(),
            );
            Ok(Verdict::Failed)
        }
        Err(error) => Err(Failure::from(error)),
    }
}
