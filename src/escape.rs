//! HTML escaping, the one escaper of text written into HTML by onramp's
//! own code (markdown's extras, highlighted code, link URLs, the dev
//! server's pages). Templates use Tera's autoescape.
//!
//! Written here rather than taken from `pulldown-cmark-escape` because
//! onramp escapes `'` as well (attribute values in themes may be single
//! quoted) and streams pieces without allocating ([`escape_pieces`], used by
//! the template filters of `theme.rs`); it is twenty lines.

/// Escapes text for HTML text and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// Appends `s` to `out`, escaped for HTML text and attribute values.
pub fn escape_into(out: &mut String, s: &str) {
    escape_pieces(s, |piece| out.push_str(piece));
}

/// Passes `s` to `emit` in pieces, with `&`, `<`, `>`, `"` and `'` replaced
/// by entities: runs of ordinary text go out whole.
pub fn escape_pieces(s: &str, mut emit: impl FnMut(&str)) {
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        if start < i {
            emit(&s[start..i]);
        }
        emit(entity);
        start = i + 1;
    }
    if start < s.len() {
        emit(&s[start..]);
    }
}
