//! The fuzzer's bytes as a data file that a directory page lists.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    onramp_fuzz::check("tests/fixtures/layouts-directory", "data/products.yaml", data.to_vec());
});
