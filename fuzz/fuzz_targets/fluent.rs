//! The fuzzer's bytes as a Fluent file that overrides theme strings.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    onramp_fuzz::check("tests/fixtures/i18n", "locales/fr/site.ftl", data.to_vec());
});
