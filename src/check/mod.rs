//! `onramp check`: builds the site in memory and reports what a reader would
//! trip over, each finding at its source file's `path:line:col`, with a level
//! per category from `check:` in `site.yaml` ([`CheckConfig`]).
//!
//! - [`build`] runs the pipeline's stages into a [`crate::sink::MemorySink`];
//!   its own diagnostics are reported as the `build` category.
//! - [`source`] scans each document's markdown once (links, images, headings,
//!   raw HTML tags) with pulldown-cmark's offsets.
//! - [`site`] checks links in every language (through [`crate::links::Resolver`],
//!   so the build and the check cannot disagree; the URLs of raw HTML as the
//!   browser reads them), links into another language, orphan pages,
//!   translations, alt text, heading levels and ids.
//! - [`external`] checks web links (`--external`), with a cache file.
//!
//! Entry point: [`run`]; [`Report::text`] and [`Report::json`] print it.

pub mod build;
pub use crate::schema::check as config;
pub mod external;
pub mod site;
pub mod source;

pub use config::{CheckConfig, ExternalOptions, Level};

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::pipeline::BuildError;
use serde::Serialize;
use std::path::PathBuf;

/// What a finding is about; each has its own level in `check:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// A problem the build itself reports (its level is the build's).
    Build,
    /// Links to missing pages, files or anchors.
    BrokenLinks,
    /// A translation linking to another language's version of a translated page.
    CrossLanguageLinks,
    /// Pages nothing leads to but the sidebar.
    Orphans,
    /// Missing and outdated translations.
    Translations,
    /// Images without alt text.
    MissingAlt,
    /// Headings that skip a level.
    HeadingLevels,
    /// Ids given to two elements of a page.
    DuplicateIds,
    /// Web links that fail.
    External,
    /// Web links that redirect.
    Redirects,
}

impl Category {
    /// Every category, in report order.
    pub const ALL: [Category; 10] = [
        Category::Build,
        Category::BrokenLinks,
        Category::CrossLanguageLinks,
        Category::Orphans,
        Category::Translations,
        Category::MissingAlt,
        Category::HeadingLevels,
        Category::DuplicateIds,
        Category::External,
        Category::Redirects,
    ];

    /// The key in `check:` (and in the JSON report).
    pub fn name(self) -> &'static str {
        match self {
            Category::Build => "build",
            Category::BrokenLinks => "broken_links",
            Category::CrossLanguageLinks => "cross_language_links",
            Category::Orphans => "orphans",
            Category::Translations => "translations",
            Category::MissingAlt => "missing_alt",
            Category::HeadingLevels => "heading_levels",
            Category::DuplicateIds => "duplicate_ids",
            Category::External => "external",
            Category::Redirects => "redirects",
        }
    }

    /// The configured level; the build's own problems keep their severity.
    pub fn level(self, c: &CheckConfig) -> Option<Level> {
        match self {
            Category::Build => None,
            Category::BrokenLinks => Some(c.broken_links),
            Category::CrossLanguageLinks => Some(c.cross_language_links),
            Category::Orphans => Some(c.orphans),
            Category::Translations => Some(c.translations),
            Category::MissingAlt => Some(c.missing_alt),
            Category::HeadingLevels => Some(c.heading_levels),
            Category::DuplicateIds => Some(c.duplicate_ids),
            Category::External => Some(c.external),
            Category::Redirects => Some(c.redirects),
        }
    }
}

/// One finding: a diagnostic (severity from the category's level) and its category.
#[derive(Debug, Clone)]
pub struct Finding {
    /// What it is about.
    pub category: Category,
    /// Where and what.
    pub diagnostic: Diagnostic,
}

/// What to check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Site root (holds `site.yaml`).
    pub root: PathBuf,
    /// Check web links too.
    pub external: bool,
}

/// The state of one category in the summary.
#[derive(Debug, Clone, Serialize)]
pub struct CategorySummary {
    /// Category key.
    pub category: Category,
    /// `error`, `warning`, `off`, `build` (the build's own diagnostics, at
    /// their own severity), or `not checked` (external links without
    /// `--external`). `warning` is spelled as in the findings, whether
    /// site.yaml says `warn` or `warning`.
    pub level: String,
    /// Number of findings.
    pub count: usize,
}

/// The result of `onramp check`.
#[derive(Debug, Clone)]
pub struct Report {
    /// Findings, sorted by path and position.
    pub findings: Vec<Finding>,
    /// One entry per category.
    pub summary: Vec<CategorySummary>,
    /// Web links checked, and how many of them came from the cache.
    pub external: Option<(usize, usize)>,
}

impl Report {
    /// Number of error-level findings.
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.diagnostic.is_error()).count()
    }

    /// Number of warning-level findings.
    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }

    /// The diagnostics, then a summary line per category and a total.
    /// `quiet` leaves out warnings.
    pub fn text(&self, quiet: bool) -> String {
        let mut out = String::new();
        for f in self.findings.iter().filter(|f| !quiet || f.diagnostic.is_error()) {
            out.push_str(&f.diagnostic.to_string());
            out.push('\n');
        }
        if !self.findings.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("{:<21} {:<12} findings\n", "category", "level"));
        for s in &self.summary {
            let count = match s.level.as_str() {
                "off" | "not checked" => "-".to_string(),
                _ => s.count.to_string(),
            };
            out.push_str(&format!("{:<21} {:<12} {count}\n", s.category.name(), s.level));
        }
        if let Some((checked, cached)) = self.external {
            out.push_str(&format!("web links: {checked} checked, {cached} of them from the cache\n"));
        }
        let (e, w) = (self.errors(), self.warnings());
        let verdict = if e > 0 { "check failed" } else { "check passed" };
        out.push_str(&format!("{verdict}: {}, {}\n", plural(e, "error"), plural(w, "warning")));
        out
    }

    /// A JSON report for tools and CI annotations.
    pub fn json(&self) -> String {
        #[derive(Serialize)]
        struct JsonFinding<'a> {
            category: Category,
            level: &'static str,
            path: String,
            line: usize,
            column: usize,
            message: &'a str,
            help: Option<&'a str>,
        }
        #[derive(Serialize)]
        struct Json<'a> {
            findings: Vec<JsonFinding<'a>>,
            summary: JsonSummary<'a>,
        }
        #[derive(Serialize)]
        struct JsonSummary<'a> {
            errors: usize,
            warnings: usize,
            categories: &'a [CategorySummary],
            #[serde(skip_serializing_if = "Option::is_none")]
            external_links: Option<serde_json::Value>,
        }
        let findings = self
            .findings
            .iter()
            .map(|f| {
                let d = &f.diagnostic;
                JsonFinding {
                    category: f.category,
                    level: if d.is_error() { "error" } else { "warning" },
                    path: d.path.display().to_string().replace('\\', "/"),
                    line: d.line,
                    column: d.col,
                    message: &d.message,
                    help: d.help.as_deref(),
                }
            })
            .collect();
        let json = Json {
            findings,
            summary: JsonSummary {
                errors: self.errors(),
                warnings: self.warnings(),
                categories: &self.summary,
                external_links: self
                    .external
                    .map(|(checked, cached)| serde_json::json!({"checked": checked, "cached": cached})),
            },
        };
        format!("{}\n", serde_json::to_string_pretty(&json).unwrap_or_default())
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

/// Collects findings, applying the levels of `check:`.
pub struct Findings<'c> {
    config: &'c CheckConfig,
    items: Vec<Finding>,
}

impl<'c> Findings<'c> {
    /// An empty collection under `config`'s levels.
    pub fn new(config: &'c CheckConfig) -> Self {
        Findings { config, items: Vec::new() }
    }

    /// True when the category is checked at all.
    pub fn enabled(&self, category: Category) -> bool {
        category.level(self.config) != Some(Level::Off)
    }

    /// Adds a finding; its severity comes from the category's level (a
    /// category that is off drops it).
    pub fn push(&mut self, category: Category, mut d: Diagnostic) {
        d.severity = match category.level(self.config) {
            None => d.severity,
            Some(Level::Error) => Severity::Error,
            Some(Level::Warn) => Severity::Warning,
            Some(Level::Off) => return,
        };
        self.items.push(Finding { category, diagnostic: d });
    }
}

/// Builds the site in memory and runs every check. `Err` when there is no
/// site to check (then the diagnostics say why).
pub fn run(opts: &CheckOptions) -> Result<Report, BuildError> {
    let built = match build::build_in_memory(&opts.root) {
        Ok(b) => b,
        Err(BuildError::Content(diags)) => {
            // Invalid site.yaml or theme: the build's errors are the report.
            let config = CheckConfig::default();
            let mut f = Findings::new(&config);
            for d in diags {
                f.push(Category::Build, d);
            }
            return Ok(finish(f, opts, None));
        }
        Err(e) => return Err(e),
    };
    let config = built.config.check.clone();
    let mut findings = Findings::new(&config);
    let link_diags = site::check(&built, &mut findings);
    // The build reports broken links too (in each page's own language):
    // they belong to `broken_links`, whose level decides about them, as it
    // does in the build.
    for d in built.diagnostics.iter().filter(|d| !link_diags.contains(&site::key_of(d))) {
        let category = if d.broken_link { Category::BrokenLinks } else { Category::Build };
        findings.push(category, d.clone());
    }
    let mut external = None;
    if opts.external && findings.enabled(Category::External) {
        let checked = external::check(&built, &mut findings);
        external = Some(checked);
    }
    Ok(finish(findings, opts, external))
}

fn finish(f: Findings<'_>, opts: &CheckOptions, external: Option<(usize, usize)>) -> Report {
    let mut items = f.items;
    items.sort_by(|a, b| {
        let (x, y) = (&a.diagnostic, &b.diagnostic);
        (&x.path, x.line, x.col, x.severity, &x.message, a.category)
            .cmp(&(&y.path, y.line, y.col, y.severity, &y.message, b.category))
    });
    items.dedup_by(|a, b| a.category == b.category && a.diagnostic == b.diagnostic);
    let summary = Category::ALL
        .iter()
        .map(|&c| {
            let level = match c.level(f.config) {
                _ if matches!(c, Category::External | Category::Redirects) && !opts.external => "not checked",
                None => "build",
                Some(Level::Error) => "error",
                Some(Level::Warn) => "warning",
                Some(Level::Off) => "off",
            };
            CategorySummary {
                category: c,
                level: level.into(),
                count: items.iter().filter(|i| i.category == c).count(),
            }
        })
        .collect();
    Report { findings: items, summary, external }
}

/// Sorted diagnostics, for callers that only need them.
pub fn diagnostics(report: &Report) -> Vec<Diagnostic> {
    let all: Diagnostics = report.findings.iter().map(|f| f.diagnostic.clone()).collect();
    all.sorted()
}
