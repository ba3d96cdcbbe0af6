//! The rules for output paths: what a URL segment may hold so that the file
//! it becomes stays inside the output folder on every platform. Front
//! matter (`slug`, `aliases`) is checked with [`segment_problem`] when it is
//! loaded, so the error points at the value; [`checked_path`] checks every
//! path the site model computes before anything is written.

pub use crate::schema::values::{MAX_SEGMENT, segment_problem};
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use std::borrow::Cow;

/// What is percent-encoded when an output path is written as a URL path:
/// controls, space, the characters that end or delimit a path (`#`, `?`),
/// `%` itself, and those RFC 3986 does not allow in a path (`"`, `<`, `>`,
/// `[`, `\`, `]`, `^`, `` ` ``, `{`, `|`, `}`). Non-ASCII characters are
/// always encoded (as UTF-8). `/` stays the separator; the sub-delimiters
/// (`!$&'()*+,;=`), `:` and `@` are valid in a path and stay.
const URL_PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// An output path (`docs/50%/`, as on disk) as a URL path (`docs/50%25/`).
/// Paths in the site model are never encoded, so this is applied exactly
/// once, where a URL is written.
pub fn url_path(path: &str) -> Cow<'_, str> {
    utf8_percent_encode(path, URL_PATH).into()
}

/// What is percent-encoded in a query value: what [`URL_PATH`] encodes and
/// the characters that delimit query parameters (`&`, `+`, `=`).
const URL_QUERY_VALUE: &AsciiSet = &URL_PATH.add(b'&').add(b'+').add(b'=');

/// A file name as the value of a URL query parameter (`?filename=a%20b.fr.md`).
pub fn url_query_value(value: &str) -> Cow<'_, str> {
    utf8_percent_encode(value, URL_QUERY_VALUE).into()
}

/// `base` (the base path or URL, kept as configured) followed by the
/// percent-encoded output path `path`.
pub fn url(base: &str, path: &str) -> String {
    format!("{base}{}", url_path(path))
}

/// Checks an output path relative to the output folder (`docs/a/`,
/// `old/page.html`, `news/page/2/`): relative, with no empty, `.` or `..`
/// segment and every segment a valid file name. Returns it unchanged.
pub fn checked_path(path: &str) -> Result<&str, String> {
    if path.starts_with('/') {
        return Err(format!("`{path}` is not a relative path"));
    }
    let inner = path.strip_suffix('/').unwrap_or(path);
    if inner.is_empty() {
        return Ok(path);
    }
    for seg in inner.split('/') {
        if seg.is_empty() {
            return Err(format!("`{path}` has an empty segment"));
        }
        if let Some(p) = segment_problem(seg) {
            return Err(p);
        }
    }
    Ok(path)
}

/// The file a page or alias path is written to: `docs/a/` → `docs/a/index.html`.
pub fn file_of(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() }
}

/// The Atom feed of a news section at `path`.
pub fn feed_path(section: &str) -> String {
    format!("{section}atom.xml")
}

/// Sitemap file `n` (from 1) of a sitemap index, at the root of the output:
/// a site of more than 50,000 URLs writes `sitemap.xml` as an index of
/// `sitemap-1.xml`, `sitemap-2.xml`, …
pub fn sitemap_part(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

/// True for a name [`sitemap_part`] may write (`sitemap-` digits `.xml`).
/// Every such name is reserved, whatever the size of the site, so that a
/// page does not become an error when the site grows.
pub fn is_sitemap_part(name: &str) -> bool {
    name.strip_prefix("sitemap-")
        .and_then(|r| r.strip_suffix(".xml"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The file name of a page's markdown copy, beside its `index.html`.
pub const MARKDOWN_COPY: &str = "index.md";
/// Each language's `llms.txt` (llmstxt.org), under the language's root.
pub const LLMS_TXT: &str = "llms.txt";
/// Each language's pages' markdown, one after the other.
pub const LLMS_FULL_TXT: &str = "llms-full.txt";

/// The markdown copy of the page at `path` (`docs/a/` → `docs/a/index.md`).
pub fn markdown_copy_of(path: &str) -> String {
    format!("{path}{MARKDOWN_COPY}")
}

/// When output file `file` is, or lies in, a page's markdown copy
/// (`docs/index.md`, `docs/index.md/index.html`): the byte length of that
/// copy's path in `file`.
pub fn markdown_copy_in(file: &str) -> Option<usize> {
    let mut start = 0;
    for seg in file.split('/') {
        if seg == MARKDOWN_COPY {
            return Some(start + seg.len());
        }
        start += seg.len() + 1;
    }
    None
}

/// The iCalendar feed of a meetings page at `path`.
pub fn calendar_path(page: &str) -> String {
    format!("{page}meetings.ics")
}

/// Listing page `n` (from 1) of a paginated section at `path`.
pub fn pagination_path(section: &str, n: usize) -> String {
    if n == 1 { section.to_string() } else { format!("{section}page/{n}/") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_segments() {
        assert!(segment_problem("..").is_some());
        assert!(segment_problem(".").is_some());
        assert!(segment_problem("a\0b").is_some());
        assert!(segment_problem("a\\b").is_some());
        assert!(segment_problem("C:").is_some());
        assert!(segment_problem(&"x".repeat(256)).is_some());
        assert!(segment_problem(&"x".repeat(255)).is_none());
        assert!(segment_problem("install-on-windows").is_none());
        assert!(checked_path("docs/../x/").is_err());
        assert!(checked_path("/etc/").is_err());
        assert!(checked_path("a//b/").is_err());
        assert_eq!(checked_path("fr/docs/a/"), Ok("fr/docs/a/"));
        assert_eq!(checked_path(""), Ok(""));
    }

    #[test]
    fn url_paths_are_encoded_once() {
        assert_eq!(url_path("docs/a b/"), "docs/a%20b/");
        assert_eq!(url_path("50%/"), "50%25/");
        assert_eq!(url_path("50%25/"), "50%2525/");
        assert_eq!(url_path("[x]/{y}/c^d/"), "%5Bx%5D/%7By%7D/c%5Ed/");
        assert_eq!(url_path("a#b?c/"), "a%23b%3Fc/");
        assert_eq!(url_path("caf\u{e9}/"), "caf%C3%A9/");
        assert_eq!(url_path("a-b_c.d~e!$&'()*+,;=@/"), "a-b_c.d~e!$&'()*+,;=@/");
        assert!(matches!(url_path("docs/plain/"), Cow::Borrowed(_)));
        assert_eq!(url("/base/", "a b/"), "/base/a%20b/");
        assert_eq!(url_query_value("a&b=c+d e.fr.md"), "a%26b%3Dc%2Bd%20e.fr.md");
    }

    #[test]
    fn sitemap_parts() {
        assert_eq!(sitemap_part(12), "sitemap-12.xml");
        assert!(is_sitemap_part("sitemap-1.xml"));
        assert!(is_sitemap_part("sitemap-007.xml"));
        assert!(!is_sitemap_part("sitemap-.xml"));
        assert!(!is_sitemap_part("sitemap-1a.xml"));
        assert!(!is_sitemap_part("sitemap-1.xml.gz"));
        assert!(!is_sitemap_part("sitemap.xml"));
    }

    #[test]
    fn markdown_copies_are_found_in_output_paths() {
        assert_eq!(markdown_copy_in("docs/index.md/index.html"), Some("docs/index.md".len()));
        assert_eq!(markdown_copy_in("index.md"), Some(8));
        assert_eq!(markdown_copy_in("docs/index.html"), None);
        assert_eq!(markdown_copy_in("docs/index.mdx/index.html"), None);
    }
}
