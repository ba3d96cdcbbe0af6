//! The fuzzer's bytes as `site.yaml`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    onramp_fuzz::check("tests/fixtures/i18n", "site.yaml", data.to_vec());
});
