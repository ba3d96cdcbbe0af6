//! Diagnostics: every problem a build can report, in one shape and one format.
//!
//! A [`Diagnostic`] carries a path (relative to the site root when it lies
//! inside it), a 1-based line and column, a severity, a message and an
//! optional help line. [`Diagnostics`] collects them from every stage so that a
//! build reports all of its problems at once, sorted, with a count.
//! [`LineIndex`] turns byte offsets into line:col, in one place.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails the build.
    Error,
    /// Printed, but the build goes on and succeeds.
    Warning,
}

/// One problem, located in a file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// File the problem is in, relative to the site root when possible.
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub help: Option<String>,
    /// A link to a missing page, file or anchor: its level is
    /// `check.broken_links` of site.yaml, in the build and in `onramp check`.
    #[serde(skip)]
    pub broken_link: bool,
}

impl Diagnostic {
    /// An error at `path:line:col`.
    pub fn error(path: impl Into<PathBuf>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            col,
            severity: Severity::Error,
            message: message.into(),
            help: None,
            broken_link: false,
        }
    }

    /// A warning at `path:line:col`.
    pub fn warning(path: impl Into<PathBuf>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(path, line, col, message) }
    }

    /// Adds a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Marks a broken link (see [`Diagnostic::broken_link`]).
    pub fn as_broken_link(mut self) -> Self {
        self.broken_link = true;
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&Path, usize, usize, Severity, &str) {
        (&self.path, self.line, self.col, self.severity, &self.message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // Paths are printed with `/` on every system; on Unix a `\\` is an
        // ordinary character of a file name and stays as it is.
        let path = self.path.display().to_string();
        let path = if cfg!(windows) { path.replace('\\', "/") } else { path };
        if self.line == 0 {
            write!(f, "{path}: {severity}: {}", self.message)?;
        } else {
            write!(f, "{path}:{}:{}: {severity}: {}", self.line, self.col, self.message)?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// A collection of diagnostics gathered across stages.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Adds many diagnostics.
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    /// True when at least one diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// True when nothing was reported.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The diagnostics sorted by path, line, column; duplicates removed.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items.dedup();
        self.items
    }

    /// Iterates in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics { items: iter.into_iter().collect() }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// Maps byte offsets in a text to 1-based line and column (columns in chars).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        // Counted first (a vectorized pass), so the vector is allocated once.
        let lines = text.as_bytes().iter().filter(|&&b| b == b'\n').count();
        let mut starts = Vec::with_capacity(lines + 1);
        starts.push(0);
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The 1-based (line, column) of byte `offset` in `text`.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let col = text.get(start..offset).map_or(offset - start, |s| s.chars().count());
        (line + 1, col + 1)
    }
}

/// `text` for a one-line message: line breaks and tabs written as `\n`,
/// `\r` and `\t`, other control characters as `\u{…}`, so that a quoted
/// value cannot break the `path:line:col: error:` format.
pub fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The closest candidate to `word`, if it is close enough to be a useful
/// suggestion: a candidate that differs only in case, else the one with the
/// fewest edits (insertions, deletions, substitutions and swaps of two
/// neighbouring characters), when there are at most a third of the longer
/// word's length (at least one) and fewer than the length of either (a
/// replaced word is not a typo). rustc and cargo bound their suggestions
/// the same way (rustc by the typed word's length, which misses a plural:
/// `alias` → `aliases`). Ties go to the candidate with the same start
/// (Jaro-Winkler), then to the first. A similarity score alone suggested
/// unrelated short words (`lang` → `layout`, `/nowhere/` → `/other/`).
/// Failing all that, a path whose last segment is the word's file name is
/// suggested (`install.md` → `start/install.md`).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let len = word.chars().count();
    let lower = word.to_lowercase();
    // A path (`install.md`) whose file is elsewhere (`start/install.md`):
    // the same last segment is the suggestion, whatever the folders.
    let file = word.rsplit('/').next().filter(|f| word.contains('.') && !f.is_empty());
    // Several files may share the name (`_index.md`): the nearest path,
    // then the first in byte order, whatever order the candidates come in.
    let mut same_file: Option<(usize, &'a str)> = None;
    let mut best: Option<(usize, f64, &'a str)> = None;
    for c in candidates {
        if c.to_lowercase() == lower {
            return Some(c);
        }
        if file.is_some() && c.rsplit('/').next() == file {
            let d = strsim::osa_distance(word, c);
            if same_file.is_none_or(|(bd, bc)| (d, c) < (bd, bc)) {
                same_file = Some((d, c));
            }
        }
        let c_len = c.chars().count();
        let limit = len.max(c_len).max(3) / 3;
        if c_len.abs_diff(len) > limit {
            continue;
        }
        let d = strsim::osa_distance(word, c);
        if d > limit || d >= len.min(c_len) {
            continue;
        }
        let jw = strsim::jaro_winkler(word, c);
        if best.is_none_or(|(bd, bjw, bc)| d < bd || (d == bd && (jw > bjw || (jw == bjw && c < bc)))) {
            best = Some((d, jw, c));
        }
    }
    best.map(|(_, _, c)| c).or(same_file.map(|(_, c)| c))
}

/// Paths to suggest from with [`closest`] when they are many (every page
/// of a site). [`closest`] compares the word with every candidate: a site
/// of 100,000 pages with thousands of broken links spent minutes on the
/// suggestions alone. Above [`PathIndex::SCAN_ALL`] paths, a word is
/// compared with the paths in its own folder and those with its file name
/// only: the suggestions a typo in a file name or a moved file needs.
pub struct PathIndex {
    paths: Vec<String>,
    by_dir: HashMap<String, Vec<usize>>,
    by_file: HashMap<String, Vec<usize>>,
}

impl PathIndex {
    /// Up to this many paths, every one is a candidate.
    pub const SCAN_ALL: usize = 4096;

    pub fn new(paths: impl IntoIterator<Item = String>) -> PathIndex {
        let mut paths: Vec<String> = paths.into_iter().collect();
        paths.sort_unstable();
        paths.dedup();
        let (mut by_dir, mut by_file) = (HashMap::<String, Vec<usize>>::new(), HashMap::<String, Vec<usize>>::new());
        if paths.len() > Self::SCAN_ALL {
            for (i, p) in paths.iter().enumerate() {
                let (dir, file) = split_dir(p);
                by_dir.entry(dir.to_string()).or_default().push(i);
                by_file.entry(file.to_string()).or_default().push(i);
            }
        }
        PathIndex { paths, by_dir, by_file }
    }

    /// [`closest`] among the candidates of `word` that `keep` keeps.
    pub fn closest<'s>(&'s self, word: &str, keep: impl Fn(&str) -> bool) -> Option<&'s str> {
        if self.paths.len() <= Self::SCAN_ALL {
            return closest(word, self.paths.iter().map(String::as_str).filter(|p| keep(p)));
        }
        let (dir, file) = split_dir(word);
        let near = self.by_dir.get(dir).into_iter().chain(self.by_file.get(file)).flatten();
        closest(word, near.map(|&i| self.paths[i].as_str()).filter(|p| keep(p)))
    }
}

/// A path's folder (with its `/`) and file name.
fn split_dir(path: &str) -> (&str, &str) {
    let trimmed = path.trim_end_matches('/');
    match trimmed.rfind('/') {
        Some(i) => (&path[..=i], &trimmed[i + 1..]),
        None => ("", trimmed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_path_index_suggests_from_the_folder_and_the_file_name() {
        let mut paths: Vec<String> = (0..5000).map(|i| format!("ref/cmd{i:05}.md")).collect();
        paths.push("guide/install.md".into());
        paths.push("guide/_index.md".into());
        let index = PathIndex::new(paths.clone());
        // A typo in the file name: the folder's files.
        assert_eq!(index.closest("ref/cmd00017.mdd", |_| true), Some("ref/cmd00017.md"));
        // A file in another folder: the paths with its name.
        assert_eq!(index.closest("start/install.md", |_| true), Some("guide/install.md"));
        assert_eq!(index.closest("guide/instal.md", |_| true), Some("guide/install.md"));
        // What `keep` leaves out is never suggested.
        assert_eq!(index.closest("guide/instal.md", |p| !p.starts_with("guide/")), None);
        // A small index compares with every path, as `closest` does.
        let small = PathIndex::new(paths.into_iter().skip(4990));
        assert_eq!(small.closest("gide/install.md", |_| true), Some("guide/install.md"));
        assert_eq!(split_dir("/docs/a/"), ("/docs/", "a"));
        assert_eq!(split_dir("a.md"), ("", "a.md"));
    }

    #[test]
    fn line_col_counts_chars_from_one() {
        let text = "ab\ncdé\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        assert_eq!(idx.line_col(text, text.find('x').unwrap()), (3, 1));
        assert_eq!(idx.line_col(text, "ab\ncdé".len()), (2, 4));
    }

    #[test]
    fn display_has_help_line() {
        let d = Diagnostic::error("content/a.md", 4, 8, "unknown front matter field `titel`")
            .with_help("did you mean `title`?");
        assert_eq!(
            d.to_string(),
            "content/a.md:4:8: error: unknown front matter field `titel`\n  = help: did you mean `title`?"
        );
    }

    #[test]
    fn closest_gives_the_same_answer_whatever_the_order_of_the_candidates() {
        let a = ["_index.md", "guide/_index.md", "docs/_index.md", "guide/install.md"];
        let mut b = a;
        b.reverse();
        let word = "contributing/_index.md";
        assert_eq!(closest(word, a), closest(word, b));
        assert_eq!(closest(word, a), Some("guide/_index.md"));
    }

    #[test]
    fn closest_suggests_near_words_only() {
        assert_eq!(closest("titel", ["title", "weight"]), Some("title"));
        assert_eq!(closest("zzz", ["title", "weight"]), None);
    }

    /// The front matter fields of a page (`frontmatter::FrontMatter`).
    const FIELDS: [&str; 20] = [
        "title",
        "description",
        "weight",
        "draft",
        "date",
        "slug",
        "aliases",
        "layout",
        "tags",
        "extra",
        "search",
        "translation_of",
        "paginate_by",
        "release",
        "case_study",
        "steps",
        "paths",
        "directory",
        "guide",
        "community",
    ];

    #[test]
    fn closest_corrects_swapped_letters() {
        assert_eq!(closest("titel", FIELDS), Some("title"));
        assert_eq!(closest("wieght", FIELDS), Some("weight"));
        assert_eq!(closest("descripton", FIELDS), Some("description"));
        assert_eq!(closest("alias", FIELDS), Some("aliases"));
    }

    #[test]
    fn closest_suggests_nothing_unrelated_for_short_words() {
        // Jaro-Winkler scored `lang` 0.78 against `layout` and `x` 0 but
        // short words close to nothing got suggestions.
        assert_eq!(closest("lang", FIELDS), None);
        assert_eq!(closest("x", FIELDS), None);
        assert_eq!(closest("x", ["y", "xy", "id"]), None);
        assert_eq!(closest("nowhere", ["other", "guide"]), None);
    }

    #[test]
    fn closest_takes_a_plural_or_singular() {
        assert_eq!(closest("layouts", FIELDS), Some("layout"));
        assert_eq!(closest("layout", ["layouts", "languages"]), Some("layouts"));
        assert_eq!(closest("lang", ["langs", "languages"]), Some("langs"));
        assert_eq!(closest("tag", FIELDS), Some("tags"));
    }

    #[test]
    fn closest_prefers_a_case_difference_then_fewer_edits() {
        assert_eq!(closest("BASE_URL", ["base_path", "base_url"]), Some("base_url"));
        assert_eq!(closest("Title", FIELDS), Some("title"));
        assert_eq!(closest("draf", ["date", "draft"]), Some("draft"));
        // Same number of edits: the candidate with the same start.
        assert_eq!(closest("dat", ["tat", "date"]), Some("date"));
    }

    #[test]
    fn closest_allows_more_edits_in_longer_words() {
        assert_eq!(closest("docs/instal.md", ["docs/install.md", "docs/index.md"]), Some("docs/install.md"));
        assert_eq!(closest("/site/fr/img/logo.png", ["/site/img/logo.png"]), Some("/site/img/logo.png"));
        assert_eq!(closest("getting-startd", ["getting-started", "guides"]), Some("getting-started"));
    }

    #[test]
    fn sorted_orders_by_position() {
        let ds: Diagnostics = [
            Diagnostic::error("b.md", 1, 1, "x"),
            Diagnostic::error("a.md", 9, 1, "y"),
            Diagnostic::error("a.md", 2, 5, "z"),
        ]
        .into_iter()
        .collect();
        let lines: Vec<_> = ds.sorted().iter().map(|d| format!("{}:{}", d.path.display(), d.line)).collect();
        assert_eq!(lines, ["a.md:2", "a.md:9", "b.md:1"]);
    }
}
