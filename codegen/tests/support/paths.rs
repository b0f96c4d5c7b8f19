//! Where the tests find the workspace's `schemas/` and `generated/`, and run the command from.

use std::path::{Path, PathBuf};

/// The workspace's root: the directory above this package.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}
