//! The rules for output paths: what a URL segment may hold so that the file
//! it becomes stays inside the output folder on every platform. Front
//! matter (`slug`, `aliases`) is checked with [`segment_problem`] when it is
//! loaded, so the error points at the value; [`checked_path`] checks every
//! path the site model computes before anything is written.

pub use crate::schema::values::{MAX_SEGMENT, segment_problem};

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
    fn markdown_copies_are_found_in_output_paths() {
        assert_eq!(markdown_copy_in("docs/index.md/index.html"), Some("docs/index.md".len()));
        assert_eq!(markdown_copy_in("index.md"), Some(8));
        assert_eq!(markdown_copy_in("docs/index.html"), None);
        assert_eq!(markdown_copy_in("docs/index.mdx/index.html"), None);
    }
}
