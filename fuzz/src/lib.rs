//! Shared by the fuzz targets: lays out a fixture site with the fuzzer's
//! bytes as one of its files and runs the checks of
//! `tests/common/fuzz_harness.rs` (no panic, no hang, well-formed
//! diagnostics, nothing written outside the output folder, a failed build
//! leaves the previous output untouched). A failed check panics, which
//! libFuzzer records as a crash with the input that caused it.

#[path = "../../tests/common/fuzz_harness.rs"]
mod harness;

pub use harness::{Case, Limits};
use std::time::Duration;

/// Writes `bytes` as `path` over the fixture `base` (relative to the
/// repository, `tests/fixtures/basic`) and runs every check on it.
pub fn check(base: &str, path: &str, bytes: Vec<u8>) {
    let case =
        Case { base: base.to_string(), files: vec![(path.to_string(), bytes)], specials: Vec::new(), binary: false };
    if let Err(e) = harness::run_case(&case, Limits { timeout: Duration::from_secs(10) }) {
        panic!("{e}\n\n{}", case.describe());
    }
}
