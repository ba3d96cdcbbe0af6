//! The fuzzer's bytes as the markdown body of a page.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let page = [b"---\ntitle: Fuzz\n---\n".as_slice(), data].concat();
    onramp_fuzz::check("tests/fixtures/basic", "content/guide/fuzz.md", page);
});
