//! The onboarding layouts: the data behind `news`, `post`, `case-studies`,
//! `case-study`, `getting-started`, `directory`, `guide` and `community` pages.
//!
//! A layout is still just a template (`<layout>.html`); what this module adds
//! is the typed data those templates show, computed from front matter, the
//! site tree and `data/*.yaml`, and checked on the way (errors at the
//! `path:line:col` of the front matter or data file). The render stage calls
//! [`build`] for every page and passes the result to the template as
//! `layout_data` ([`LayoutCtx`]); a layout may also ask for more than one
//! output (a paginated listing) and for extra files (an Atom feed).
//!
//! One file per layout's data model: [`news`] (listing, posts, release notes,
//! feed), [`case_studies`], [`getting_started`] (steps and paths),
//! [`directory`], [`guide`], [`community`]; [`data_list`] reads data files that are lists,
//! entry by entry. [`Models`] holds what is computed once per render from the
//! whole site (which pages belong to which path, the git authors).

pub mod case_studies;
pub mod community;
pub mod data_list;
pub mod directory;
pub mod getting_started;
pub mod guide;
pub mod news;

use crate::content::{Doc, NodeKind};
use crate::diagnostics::Diagnostic;
use crate::i18n::Arg;
use crate::render::RenderEnv;
use serde::Serialize;

/// `layout_data` in templates: the data of the page's layout. Only the
/// fields of the page's own layout are set, and `path_progress` on any page
/// that is a step of a getting-started path.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LayoutCtx {
    /// `news` listing: one page of posts, pagination, feed.
    pub news: Option<news::NewsCtx>,
    /// `post`: date, release notes and the way back to the listing.
    pub post: Option<news::PostCtx>,
    /// `case-studies` listing: cards and facets.
    pub case_studies: Option<case_studies::CaseStudiesCtx>,
    /// `case-study`: one story.
    pub case_study: Option<case_studies::CaseStudyCtx>,
    /// `getting-started`: numbered steps and the paths that start here.
    pub getting_started: Option<getting_started::GettingStartedCtx>,
    /// On every page that is a step of a path, one per path: "step N of M", next and previous.
    pub path_progress: Vec<getting_started::PathProgressCtx>,
    /// `directory`: entries grouped by category.
    pub directory: Option<directory::DirectoryCtx>,
    /// `guide`: good first issues and ways to get in touch.
    pub guide: Option<guide::GuideCtx>,
    /// `community`: top contributors and the organizations' shares.
    pub community: Option<community::CommunityCtx>,
}

/// One output of a page: where it goes and what its layout shows.
#[derive(Debug, Clone)]
pub struct Output {
    /// Output folder relative to the base path, ending in `/` (`news/page/2/`).
    pub path: String,
    /// The layout data of this output.
    pub data: LayoutCtx,
}

/// What a layout asks the render stage to write for one page in one language.
#[derive(Debug, Default)]
pub struct Built {
    /// The page's outputs: one, or several for a paginated listing.
    pub outputs: Vec<Output>,
    /// Other files (relative to the output root) and their bytes.
    pub files: Vec<(String, Vec<u8>)>,
    /// Problems found in front matter or data.
    pub diags: Vec<Diagnostic>,
}

/// What is computed once per render from the whole site.
#[derive(Debug, Default)]
pub struct Models {
    paths: getting_started::PathIndex,
    /// The repository's commit authors, read on first use by a community page.
    git_authors: std::sync::OnceLock<Result<community::GitAuthors, String>>,
    /// Commit authors of git ranges, by range, read once each (release notes in every language).
    ranges: std::sync::Mutex<std::collections::HashMap<String, Result<news::RangeAuthors, String>>>,
}

impl Models {
    /// Indexes the site (the members of every getting-started path).
    pub fn new(env: &RenderEnv<'_>) -> Models {
        Models { paths: getting_started::PathIndex::new(env), ..Models::default() }
    }

    /// Commits per (name, email) in the site's repository: one `git log`
    /// per render, however many pages ask.
    pub fn git_authors(&self, env: &RenderEnv<'_>) -> Result<&community::GitAuthors, String> {
        self.git_authors.get_or_init(|| community::git_authors(&env.config.root)).as_ref().map_err(Clone::clone)
    }

    /// Authors and commit counts of a git revision range, run once per range.
    pub fn range_authors(&self, env: &RenderEnv<'_>, range: &str) -> Result<news::RangeAuthors, String> {
        if let Some(found) = self.ranges.lock().ok().and_then(|m| m.get(range).cloned()) {
            return found;
        }
        let result = news::git_authors(&env.config.root, range);
        if let Ok(mut m) = self.ranges.lock() {
            m.insert(range.to_string(), result.clone());
        }
        result
    }
}

/// The layout a page gets when its front matter names none, from its
/// parent section's layout: posts of a `news` section are `post`s, pages of
/// a `case-studies` section are `case-study` pages.
pub fn default_child_layout(env: &RenderEnv<'_>, node: usize, lang: usize) -> Option<&'static str> {
    let n = &env.site.nodes[node];
    if n.kind != NodeKind::Page {
        return None;
    }
    let parent = &env.site.nodes[n.parent?].variants[lang];
    match parent.fm.layout.as_deref()? {
        "news" => Some("post"),
        "case-studies" => Some("case-study"),
        _ => None,
    }
}

/// Computes the layout data of page `node` in language `lang`.
pub fn build(env: &RenderEnv<'_>, models: &Models, node: usize, lang: usize, layout: &str) -> Built {
    let path = env.site.nodes[node].variants[lang].path.clone();
    let mut built = match layout {
        "news" => news::build_listing(env, node, lang),
        "post" => one(path.clone(), news::build_post(env, models, node, lang)),
        "case-studies" => one(path.clone(), case_studies::build_listing(env, node, lang)),
        "case-study" => one(path.clone(), case_studies::build_page(env, node, lang)),
        "getting-started" => one(path.clone(), getting_started::build(env, node, lang)),
        "directory" => one(path.clone(), directory::build(env, node, lang)),
        "guide" => one(path.clone(), guide::build(env, node, lang)),
        "community" => one(path.clone(), community::build(env, models, node, lang)),
        _ => Built { outputs: vec![Output { path: path.clone(), data: LayoutCtx::default() }], ..Built::default() },
    };
    let progress = models.paths.progress(env, node, lang);
    for o in &mut built.outputs {
        o.data.path_progress = progress.clone();
    }
    // Problems in a document are reported from its own language only.
    let own = env.site.doc(&env.site.nodes[node].variants[lang]).is_none_or(|d| d.lang == env.site.languages[lang]);
    if !own {
        built.diags.clear();
    }
    built
}

/// A single output with the data of `f`.
fn one(path: String, (data, diags): (LayoutCtx, Vec<Diagnostic>)) -> Built {
    Built { outputs: vec![Output { path, data }], files: Vec::new(), diags }
}

/// A date (`YYYY-MM-DD…`) in the words of language `lang` ("3 May 2025").
pub fn format_date(env: &RenderEnv<'_>, lang: usize, date: &str) -> String {
    let code = &env.config.languages[lang].code;
    let parts: Vec<i64> = date.get(..10).unwrap_or(date).split('-').filter_map(|p| p.parse().ok()).collect();
    let [y, m, d] = parts[..] else { return date.to_string() };
    let month = env.locales.text(code, &format!("month-{m}"));
    env.locales
        .t(
            code,
            "date-format",
            &[("day", Arg::Num(d as f64)), ("month", Arg::Str(month)), ("year", Arg::Num(y as f64))],
        )
        .unwrap_or_else(|_| date.to_string())
}

/// Line and column (1-based) of the first line of `doc`'s front matter that
/// holds `needle` (a key such as `logo:`, or a value), at the needle; the
/// `layout:` line, then 1:1, when it is not found.
pub fn position_in(doc: &Doc, needle: &str) -> (usize, usize) {
    let front = &doc.text[..doc.body_offset];
    let find =
        |n: &str| front.lines().enumerate().find_map(|(i, l)| l.find(n).map(|at| (i + 1, l[..at].chars().count() + 1)));
    find(needle).or_else(|| find("layout:")).unwrap_or((1, 1))
}

/// An error in `doc` at the position of `needle`.
pub fn doc_error(doc: &Doc, needle: &str, message: impl Into<String>) -> Diagnostic {
    let (line, col) = position_in(doc, needle);
    Diagnostic::error(&doc.display, line, col, message)
}

/// Resolves a site file URL written in front matter or data (`/img/a.svg`,
/// or a path relative to the page's folder) to its URL under the base path,
/// or `Err` with a help line when the file does not exist. Web URLs
/// (`https://…`) and `data:image/…` are kept as they are; other schemes are
/// refused.
pub fn asset_url(env: &RenderEnv<'_>, page_key: &str, url: &str) -> Result<String, String> {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("data:image/") {
        return Ok(url.trim().to_string());
    }
    if url.starts_with("//") || url.split(['/', '?', '#']).next().is_some_and(|s| s.contains(':')) {
        return Err("use a web link (`https://…`) or a site file (`/img/logo.svg`)".into());
    }
    let root = &env.config.root;
    if let Some(rest) = url.strip_prefix('/') {
        let rest = rest.split(['?', '#']).next().unwrap_or(rest);
        let in_static = root.join("static").join(rest);
        let in_content = root.join(crate::discover::CONTENT_DIR).join(rest);
        if (in_static.is_file() || in_content.is_file()) && !rest.split('/').any(|s| s == "..") {
            return Ok(crate::content::paths::url(&env.config.base_path, rest));
        }
        return Err(format!("put the file at `static/{rest}`, or fix the path"));
    }
    let folder = page_key.rsplit_once('/').map_or("", |(f, _)| f);
    let key = if folder.is_empty() { url.to_string() } else { format!("{folder}/{url}") };
    if root.join(crate::discover::CONTENT_DIR).join(&key).is_file() && !key.split('/').any(|s| s == "..") {
        Ok(crate::content::paths::url(&env.config.base_path, &key))
    } else {
        Err(format!("put the file at `content/{key}`, or fix the path"))
    }
}

/// A site path written in front matter (`/news/`) resolved in the page's
/// language; absolute URLs and anchors are kept.
pub fn local_url(env: &RenderEnv<'_>, lang: usize, url: &str) -> String {
    match url.strip_prefix('/') {
        Some(rest) if !url.starts_with("//") => {
            format!("{}{}{rest}", env.config.base_path, env.config.languages[lang].prefix)
        }
        _ => url.to_string(),
    }
}

/// A link from front matter or data, if it is safe to put in `href`:
/// `http(s):`, `mailto:`, site paths and relative links; `javascript:` and
/// other schemes are dropped.
pub fn safe_link(url: &str) -> Option<String> {
    let u = url.trim();
    let before = u.split(['/', '?', '#']).next().unwrap_or("");
    let lower = u.to_ascii_lowercase();
    let ok = !u.is_empty()
        && (!before.contains(':')
            || lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("mailto:"));
    ok.then(|| u.to_string())
}

/// A site path (`/files/a.pdf`) under the base path, in no particular
/// language (static files are shared); anything else is kept.
pub fn site_url(env: &RenderEnv<'_>, url: &str) -> String {
    match url.strip_prefix('/') {
        Some(rest) if !url.starts_with("//") => format!("{}{rest}", env.config.base_path),
        _ => url.to_string(),
    }
}

/// Names of the site's data files (`data/*.yaml` stems), for suggestions.
pub fn data_names(root: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(root.join("data"))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let p = e.path();
            p.extension()
                .is_some_and(|x| x == "yaml" || x == "yml")
                .then(|| p.file_stem()?.to_str().map(str::to_string))?
        })
        .collect()
}
