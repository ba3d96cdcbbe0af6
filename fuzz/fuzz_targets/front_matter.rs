//! The fuzzer's bytes as the front matter of a page.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let page = [b"---\n".as_slice(), data, b"\n---\nSee [the guide](guide/install.md).\n"].concat();
    onramp_fuzz::check("tests/fixtures/basic", "content/fuzz.md", page);
});
