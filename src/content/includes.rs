//! Files that pages show in code blocks: a fence's `include="…"`
//! (```` ```rust include="../examples/hello.rs" lines="3-9" ````), read
//! here, at the loading stage, so that the markdown stage opens no file.
//!
//! A path is relative to the page's own file (a mounted file's real place),
//! or to the repository's root when it starts with `/`. The repository is
//! the site folder up `repo.path` when site.yaml has `repo:` (found as
//! [`crate::discover::RepoFiles`] finds it), else the site folder. An
//! include may not leave it (by `..` or by a link) nor go into `.git`.
//! Each distinct file is read once per build and shared by the pages that
//! include it; what went wrong is kept instead of the text, for the
//! markdown stage to report at the including fence.

use super::Doc;
use crate::config::SiteConfig;
use crate::discover::normalize;
use crate::discover::repo::RepoFiles;
use crate::source_file::{self, Place};
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What an include found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Included {
    /// The file's text.
    File {
        /// The file, from the repository's root, for messages and titles.
        path: String,
        /// Its text.
        text: Arc<str>,
    },
    /// Why there is no text: a message and a help line.
    Problem(String, String),
}

/// The includes of one document, by the path as written.
pub type DocIncludes = HashMap<String, Included>;

/// Every document's includes, and the files they name.
#[derive(Debug, Default, Clone)]
pub struct Includes {
    by_doc: HashMap<PathBuf, DocIncludes>,
    /// Real paths of the files included (for the dev server to watch).
    files: BTreeSet<PathBuf>,
}

impl Includes {
    /// The includes of the document at `display` (its path from the site folder).
    pub fn of(&self, display: &Path) -> Option<&DocIncludes> {
        self.by_doc.get(display)
    }

    /// The real path of every file some page includes.
    pub fn files(&self) -> &BTreeSet<PathBuf> {
        &self.files
    }

    /// Replaces the includes of `doc` with those of its current text (an
    /// incremental update of one document), reading them again.
    pub fn refresh(&mut self, config: &SiteConfig, doc: &Doc) {
        let root = Root::of(config);
        let mut cache = HashMap::new();
        let found = doc_includes(&root, doc, &mut cache);
        self.files.extend(cache.into_values().filter_map(|(real, _)| real));
        self.by_doc.insert(doc.display.clone(), found);
    }
}

/// The repository's folder, where includes are looked for.
struct Root {
    /// The folder as the site names it (site folder, `..` as many times as `repo.path` has parts).
    path: PathBuf,
    /// Its real path, when it exists.
    real: Option<PathBuf>,
    /// Where the site folder is in it (`docs/site`, or empty).
    site: String,
    /// True when it is the repository of `repo:`, not the site folder alone.
    repo: bool,
}

impl Root {
    fn of(config: &SiteConfig) -> Root {
        let repo = RepoFiles::new(config);
        match repo.as_ref().and_then(|r| r.root().map(|(path, real)| (path, real, r.site_path()))) {
            Some((path, real, site)) => {
                Root { path: path.to_path_buf(), real: Some(real.to_path_buf()), site: site.to_string(), repo: true }
            }
            None => Root {
                path: config.root.clone(),
                real: std::fs::canonicalize(&config.root).ok(),
                site: String::new(),
                repo: false,
            },
        }
    }
}

/// Reads the files every document includes; each distinct file once.
pub fn read(config: &SiteConfig, docs: &[Doc]) -> Includes {
    let root = Root::of(config);
    // Most pages include nothing: one scan for the attribute finds them.
    let wanted: Vec<&Doc> = docs.par_iter().filter(|d| d.body().contains("include=")).collect();
    let mut cache: HashMap<String, Read> = HashMap::new();
    let mut by_doc = HashMap::new();
    for doc in wanted {
        let found = doc_includes(&root, doc, &mut cache);
        if !found.is_empty() {
            by_doc.insert(doc.display.clone(), found);
        }
    }
    let files = cache.into_values().filter_map(|(real, _)| real).collect();
    Includes { by_doc, files }
}

/// The includes of one document, read through `cache` (repository path →
/// real path and what was found).
fn doc_includes(root: &Root, doc: &Doc, cache: &mut HashMap<String, Read>) -> DocIncludes {
    let mut out = DocIncludes::new();
    let page = doc.display.to_string_lossy().replace('\\', "/");
    for written in references(doc.body()) {
        if out.contains_key(&written) {
            continue;
        }
        let found = match repository_path(root, &page, &written) {
            Err(problem) => problem,
            Ok(path) => {
                let (real, found) = cache.entry(path.clone()).or_insert_with(|| read_one(root, &path)).clone();
                let own = std::fs::canonicalize(root.path.join(site_file(root, &page)));
                match found {
                    _ if real.is_some() && real.as_ref() == own.as_ref().ok() => Included::Problem(
                        "a page cannot include itself".to_string(),
                        "an include shows a file as code; to show this page's markdown, copy it into a file of its own and include that".to_string(),
                    ),
                    Ok(text) => Included::File { path, text },
                    Err(e) => problem(&written, &path, e),
                }
            }
        };
        out.insert(written, found);
    }
    out
}

/// The path of a site file from the repository's root.
fn site_file(root: &Root, site_rel: &str) -> String {
    if root.site.is_empty() { normalize(site_rel) } else { normalize(&format!("{}/{site_rel}", root.site)) }
}

/// The repository path an include names, from the page at `page` (a path from the site folder).
fn repository_path(root: &Root, page: &str, written: &str) -> Result<String, Included> {
    let joined = match written.strip_prefix('/') {
        Some(from_root) => normalize(from_root),
        None => {
            let folder = page.rsplit_once('/').map_or("", |(f, _)| f);
            site_file(root, &format!("{folder}/{written}"))
        }
    };
    let leaves = joined.is_empty() || joined == ".." || joined.starts_with("../");
    if leaves || written.contains(['\\', '\0']) {
        let (what, help) = if root.repo {
            (
                "the repository",
                "include a file of the repository: a path from this page's folder, or from the repository's root with a leading `/`",
            )
        } else {
            (
                "the site folder",
                "without `repo:` in site.yaml, includes come from the site folder; with `repo:` and its `path`, from the whole repository",
            )
        };
        return Err(Included::Problem(format!("include `{written}` leaves {what}"), help.to_string()));
    }
    if joined.split('/').any(|s| s == ".git") {
        return Err(Included::Problem(
            format!("include `{written}` reads from `.git`"),
            "include a file of the repository's work tree".to_string(),
        ));
    }
    Ok(joined)
}

/// Why a file could not be read.
#[derive(Debug, Clone)]
enum ReadError {
    Missing,
    /// A link to outside the repository, or into `.git`.
    Outside,
    /// Not a regular file, not UTF-8, too large…: the reader's message and help.
    Other(String, String),
}

/// What reading one repository file found: its real path when it exists, and its text.
type Read = (Option<PathBuf>, Result<Arc<str>, ReadError>);

/// Reads one repository file.
fn read_one(root: &Root, path: &str) -> Read {
    let abs = root.path.join(path);
    let Some(real_root) = &root.real else { return (None, Err(ReadError::Missing)) };
    let Ok(real) = std::fs::canonicalize(&abs) else { return (None, Err(ReadError::Missing)) };
    if !real.starts_with(real_root) || real.strip_prefix(real_root).is_ok_and(|r| r.iter().any(|c| c == ".git")) {
        return (None, Err(ReadError::Outside));
    }
    match source_file::read_text(&abs, Path::new(path), Place::Site(real_root)) {
        Ok(text) => (Some(real), Ok(text.into())),
        Err(d) => (Some(real), Err(ReadError::Other(d.message, d.help.unwrap_or_default()))),
    }
}

/// What the markdown stage reports for an include `written` of the file `path` that could not be read.
fn problem(written: &str, path: &str, e: ReadError) -> Included {
    let (message, help) = match e {
        ReadError::Missing => (
            format!("included file `{written}` not found"),
            format!(
                "it points to `{path}`; a path is relative to the page's own file, or to the repository's root when it starts with `/`"
            ),
        ),
        ReadError::Outside => (
            format!("included file `{written}` is a link to outside the repository"),
            "include a file of the repository itself".to_string(),
        ),
        ReadError::Other(message, help) => (format!("included file `{written}` {message}"), help),
    };
    Included::Problem(message, help)
}

/// The options the markdown stage parses with (a test there checks that
/// they are the same), so that a fence found here is a fence there.
pub const PARSE_OPTIONS: pulldown_cmark::Options = pulldown_cmark::Options::ENABLE_TABLES
    .union(pulldown_cmark::Options::ENABLE_FOOTNOTES)
    .union(pulldown_cmark::Options::ENABLE_STRIKETHROUGH)
    .union(pulldown_cmark::Options::ENABLE_TASKLISTS)
    .union(pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION)
    .union(pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES)
    .union(pulldown_cmark::Options::ENABLE_GFM)
    .union(pulldown_cmark::Options::ENABLE_MATH)
    .union(pulldown_cmark::Options::ENABLE_DEFINITION_LIST)
    .union(pulldown_cmark::Options::ENABLE_SUPERSCRIPT)
    .union(pulldown_cmark::Options::ENABLE_SUBSCRIPT);

/// The `include` values of the fenced code blocks of `body`, in order.
pub fn references(body: &str) -> Vec<String> {
    Parser::new_ext(body, PARSE_OPTIONS)
        .filter_map(|e| match e {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                attribute(&info, "include").map(str::to_string)
            }
            _ => None,
        })
        .collect()
}

/// The value of attribute `key` in a fence's info string: `key="v"`,
/// `key='v'` or `key=v`, read as `crate::markdown`'s fence reader reads them.
pub fn attribute<'i>(info: &'i str, key: &str) -> Option<&'i str> {
    let mut rest = info;
    let mut last = None;
    while !rest.is_empty() {
        rest = rest.trim_start_matches([' ', '\t', ',']);
        if let Some(after) = rest.strip_prefix('{') {
            rest = after.find('}').map_or("", |c| &after[c + 1..]);
            continue;
        }
        let key_end = rest.find([' ', '\t', ',', '{', '=']).unwrap_or(rest.len());
        let name = &rest[..key_end];
        rest = &rest[key_end..];
        let Some(after) = rest.strip_prefix('=') else { continue };
        let value = match after.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let close = after[1..].find(q)?;
                rest = &after[close + 2..];
                &after[1..close + 1]
            }
            _ => {
                let end = after.find([' ', '\t', ',']).unwrap_or(after.len());
                rest = &after[end..];
                &after[..end]
            }
        };
        if name == key {
            last = Some(value);
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_include_attribute_as_written() {
        assert_eq!(attribute("rust include=\"../a b.rs\" lines=\"1-2\"", "include"), Some("../a b.rs"));
        assert_eq!(attribute("include='x.py' {2}", "include"), Some("x.py"));
        assert_eq!(attribute("rust {1,2} include=x.rs,title=\"t\"", "include"), Some("x.rs"));
        assert_eq!(attribute("rust title=\"include=no\"", "include"), None);
        assert_eq!(attribute("rust include=\"open", "include"), None);
        let body = "```rust include=\"a.rs\"\n```\n\n    indented include=\"b.rs\"\n\n~~~ include=c.rs\n~~~\n";
        assert_eq!(references(body), ["a.rs", "c.rs"]);
    }
}
