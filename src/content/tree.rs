//! The section tree and the per-language variants of every node.

use super::{Doc, paths};
use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::discover::FileKind;
use crate::frontmatter::FrontMatter;
use std::collections::{BTreeMap, HashMap};

/// Section or page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// A folder (with or without `_index.md`).
    Section,
    /// A markdown page.
    Page,
}

/// A language-neutral node of the tree.
#[derive(Debug, Clone)]
pub struct Node {
    /// Content key: `docs/a.md`, `docs/_index.md`, `_index.md` for the home page.
    pub key: String,
    /// Section or page.
    pub kind: NodeKind,
    /// Parent section; `None` for the home page.
    pub parent: Option<usize>,
    /// Children in order (weight, then title).
    pub children: Vec<usize>,
    /// One variant per site language, in `config.languages` order.
    pub variants: Vec<Variant>,
    /// The version the node belongs to (index in `config.versions.list`),
    /// for the nodes of versioned sections; `None` elsewhere.
    pub version: Option<usize>,
}

/// A node in one language.
#[derive(Debug, Clone)]
pub struct Variant {
    /// Language code.
    pub lang: String,
    /// Index in [`Site::docs`] of the document shown: the translation, or
    /// the source as a fallback. `None` for a folder without `_index.md`.
    pub doc: Option<usize>,
    /// True when `doc` is in this variant's language.
    pub translated: bool,
    /// Front matter, a translation's merged over its source's.
    pub fm: FrontMatter,
    /// Title.
    pub title: String,
    /// Output path relative to the base path, ending in `/` (`fr/docs/a/`; empty for the default home).
    pub path: String,
}

/// The whole site, in every language.
#[derive(Debug)]
pub struct Site {
    /// Source documents.
    pub docs: Vec<Doc>,
    /// Tree nodes; `nodes[0]` is the home page.
    pub nodes: Vec<Node>,
    /// Nodes in reading order (depth-first), for prev/next.
    pub order: Vec<usize>,
    /// Language codes, default first.
    pub languages: Vec<String>,
    /// Per language: true when its translations live in `content/<code>/`
    /// (the per-language folder layout) rather than beside their sources.
    pub folder_layout: Vec<bool>,
    /// Output paths of pages that are not written because their path is
    /// an error (see `check_paths`).
    pub unwritable: rustc_hash::FxHashSet<String>,
    /// The root of each version other than the latest in each versioned
    /// section (`docs/1.x/_index.md`): a child of the section's node by
    /// its `parent`, but not among its `children`, so that the latest
    /// version's sidebar, listings and reading order do not hold the older
    /// versions (each version is a tree of its own, read after the site's).
    pub version_roots: Vec<usize>,
    /// Node index by content key.
    pub by_key: HashMap<String, usize>,
}

impl Site {
    /// Builds the tree from the loaded documents; `h1[i]` is the first
    /// `# heading` of `docs[i]` (from the markdown stage), the title of a
    /// page whose front matter has none.
    pub fn build(config: &SiteConfig, docs: Vec<Doc>, h1: &[Option<String>]) -> (Site, Diagnostics) {
        let mut diags = Diagnostics::new();
        let languages: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
        let default = languages[0].clone();
        let by_key_lang: HashMap<(&str, &str), usize> =
            docs.iter().enumerate().map(|(i, d)| ((d.key.as_str(), d.lang.as_str()), i)).collect();
        for d in &docs {
            if d.lang != default && !by_key_lang.contains_key(&(d.key.as_str(), default.as_str())) {
                diags.push(
                    Diagnostic::error(
                        &d.display,
                        1,
                        1,
                        format!(
                            "translation without a source page: there is no `{}` in the default language `{default}`",
                            d.key
                        ),
                    )
                    .with_help("rename the file to match its source page, or add the source page"),
                );
            }
        }
        let mut keys: BTreeMap<String, NodeKind> = BTreeMap::new();
        keys.insert("_index.md".into(), NodeKind::Section);
        for d in docs.iter().filter(|d| d.lang == default) {
            let kind = if d.kind == FileKind::Section { NodeKind::Section } else { NodeKind::Page };
            keys.insert(d.key.clone(), kind);
            let mut folder = parent_folder(&d.key);
            while let Some(f) = folder {
                keys.insert(format!("{f}/_index.md"), NodeKind::Section);
                folder = f.rsplit_once('/').map(|(p, _)| p.to_string());
            }
        }
        // Home first, then sorted keys, so that parents precede children.
        let mut nodes: Vec<Node> = Vec::with_capacity(keys.len());
        let mut index: HashMap<String, usize> = HashMap::new();
        for (key, kind) in std::iter::once(("_index.md".to_string(), NodeKind::Section))
            .chain(keys.into_iter().filter(|(k, _)| k != "_index.md"))
        {
            let variants = languages
                .iter()
                .map(|lang| make_variant(&key, kind, lang, &default, &docs, h1, &by_key_lang))
                .collect();
            index.insert(key.clone(), nodes.len());
            let version = config.versions.version_of_key(&key).map(|(v, _)| v);
            nodes.push(Node { key, kind, parent: None, children: Vec::new(), variants, version });
        }
        for i in 1..nodes.len() {
            let parent_key = parent_section_key(&nodes[i].key);
            let p = index.get(&parent_key).copied().unwrap_or(0);
            nodes[i].parent = Some(p);
            nodes[p].children.push(i);
        }
        for i in 0..nodes.len() {
            let mut children = std::mem::take(&mut nodes[i].children);
            children.sort_by(|&a, &b| sort_key(&nodes[a]).cmp(&sort_key(&nodes[b])));
            nodes[i].children = children;
        }
        let versions = &config.versions;
        let version_roots: Vec<usize> = (0..nodes.len())
            .filter(|&i| {
                let n = &nodes[i];
                n.version.is_some_and(|v| v != versions.latest)
                    && n.parent.is_some_and(|p| nodes[p].version.is_none_or(|pv| pv == versions.latest))
            })
            .collect();
        for &r in &version_roots {
            if let Some(p) = nodes[r].parent {
                nodes[p].children.retain(|&c| c != r);
            }
        }
        let folder_layout = languages
            .iter()
            .map(|code| {
                let folder = std::path::Path::new("content").join(code);
                let (inside, beside) = docs
                    .iter()
                    .filter(|d| &d.lang == code)
                    .fold((0, 0), |(i, b), d| if d.display.starts_with(&folder) { (i + 1, b) } else { (i, b + 1) });
                inside > beside
            })
            .collect();
        let mut site = Site {
            docs,
            nodes,
            order: Vec::new(),
            languages,
            folder_layout,
            unwritable: Default::default(),
            version_roots,
            by_key: index,
        };
        site.assign_paths(config);
        site.order = site.reading_order();
        site.unwritable = site.check_paths(config, &mut diags);
        (site, diags)
    }

    /// The document a variant shows.
    pub fn doc(&self, v: &Variant) -> Option<&Doc> {
        v.doc.map(|i| &self.docs[i])
    }

    /// Index of a language code.
    pub fn lang_index(&self, code: &str) -> Option<usize> {
        self.languages.iter().position(|l| l == code)
    }

    /// Looks a node up by content key.
    pub fn node_by_key(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    /// The version lane of a node: its version when it is not the latest
    /// (whose pages share the plain paths, the sidebar and the reading
    /// order with the unversioned pages), `None` otherwise.
    pub fn lane(&self, config: &SiteConfig, node: usize) -> Option<usize> {
        self.nodes[node].version.filter(|&v| v != config.versions.latest)
    }

    fn assign_paths(&mut self, config: &SiteConfig) {
        for (li, lang) in config.languages.iter().enumerate() {
            self.nodes[0].variants[li].path = lang.prefix.clone();
            let mut stack: Vec<usize> = self.nodes[0].children.clone();
            // The older versions' trees hang under their sections' nodes,
            // which the first pass gives their paths.
            let mut detached = self.version_roots.clone();
            while let Some(i) = stack.pop().or_else(|| detached.pop()) {
                let parent = self.nodes[i].parent.unwrap_or(0);
                let base = self.nodes[parent].variants[li].path.clone();
                let segment = match &self.nodes[i].variants[li].fm.slug {
                    // A version's root is at its version's segment, whatever its section's slug.
                    _ if self.version_roots.contains(&i) => default_segment(&self.nodes[i].key),
                    Some(s) if !s.trim_matches('/').is_empty() => s.trim_matches('/').to_string(),
                    _ => default_segment(&self.nodes[i].key),
                };
                self.nodes[i].variants[li].path = format!("{base}{segment}/");
                stack.extend(self.nodes[i].children.iter().copied());
            }
        }
    }

    fn reading_order(&self) -> Vec<usize> {
        let mut order = Vec::with_capacity(self.nodes.len());
        let mut stack = vec![0];
        let mut detached: Vec<usize> = self.version_roots.iter().rev().copied().collect();
        while let Some(i) = stack.pop().or_else(|| detached.pop()) {
            order.push(i);
            stack.extend(self.nodes[i].children.iter().rev().copied());
        }
        order
    }

    /// Every output path the site model computes (pages, aliases, the
    /// feeds and listing pages of news sections) goes through
    /// [`paths::checked_path`]; a path that another page, an alias or a file
    /// the build writes itself (`sitemap.xml`, `sitemap-N.xml`, `robots.txt`, `404.html`,
    /// `search/`, `theme/`, the translation status page) already takes is an
    /// error, before anything is written.
    /// Returns the paths of the pages that must not be written: each is an
    /// error already, and writing it would add a follow-on error at an
    /// output path (or block a file the build writes itself).
    fn check_paths(&self, config: &SiteConfig, diags: &mut Diagnostics) -> rustc_hash::FxHashSet<String> {
        let mut unwritable = rustc_hash::FxHashSet::default();
        let mut reserved: Vec<(String, &str)> = vec![
            ("sitemap.xml".into(), "the sitemap"),
            ("robots.txt".into(), "robots.txt"),
            ("theme/".into(), "the theme's files"),
        ];
        for lang in &config.languages {
            reserved.push((format!("{}404.html", lang.prefix), "the 404 page"));
            if config.search.enabled {
                reserved.push((format!("{}search/", lang.prefix), "the search index"));
            }
            if config.i18n.status_page {
                reserved.push((format!("{}{}/", lang.prefix, config.i18n.status_path), "the translation status page"));
            }
            if config.outputs.llms_txt {
                reserved.push((format!("{}{}", lang.prefix, paths::LLMS_TXT), "llms.txt"));
                reserved.push((format!("{}{}", lang.prefix, paths::LLMS_FULL_TXT), "llms-full.txt"));
            }
        }
        let describe = |n: &Node, v: &Variant| match self.doc(v) {
            Some(d) if v.translated => d.display.display().to_string(),
            Some(d) => format!("{} ({} fallback)", d.display.display(), v.lang),
            None => format!("content/{}", n.key.trim_end_matches("_index.md")),
        };
        let file_of_node = |n: &Node, v: &Variant| -> std::path::PathBuf {
            self.doc(v).map(|d| d.display.clone()).unwrap_or_else(|| describe(n, v).into())
        };
        // A news section writes its feed and listing pages beside its page.
        for n in &self.nodes {
            for v in n.variants.iter().filter(|v| v.fm.layout.as_deref() == Some("meetings")) {
                reserved.push((paths::calendar_path(&v.path), "a meetings calendar"));
            }
            for v in n.variants.iter().filter(|v| v.fm.layout.as_deref() == Some("news")) {
                reserved.push((paths::feed_path(&v.path), "a news feed"));
                reserved.push((
                    paths::pagination_path(&v.path, 2).trim_end_matches("2/").to_string(),
                    "news listing pages",
                ));
            }
        }
        let markdown_copies = config.outputs.markdown;
        let sitemap_parts = "sitemap-N.xml".to_string();
        let taken = |file: &str| -> Option<(String, &str)> {
            if paths::is_sitemap_part(file.split('/').next().unwrap_or(file)) {
                return Some((sitemap_parts.clone(), "the files of a sitemap index"));
            }
            let found = reserved.iter().find(|(r, _)| {
                if r.ends_with('/') {
                    file.starts_with(r.as_str())
                } else {
                    file == r || file.starts_with(&format!("{r}/"))
                }
            });
            found.map(|(r, name)| (r.clone(), *name)).or_else(|| {
                // With `outputs.markdown`, every page folder holds its markdown copy.
                let at = markdown_copies.then(|| paths::markdown_copy_in(file)).flatten()?;
                Some((file[..at].to_string(), "the markdown copy of a page"))
            })
        };
        // Every output file taken so far: who takes it, and for a page,
        // where to report a second page on it.
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut page_at: HashMap<String, (std::path::PathBuf, (usize, usize), usize)> = HashMap::new();
        for (ni, n) in self.nodes.iter().enumerate() {
            for v in &n.variants {
                let what = describe(n, v);
                if let Err(problem) = paths::checked_path(&v.path) {
                    diags.push(
                        Diagnostic::error(file_of_node(n, v), 0, 0, format!("cannot write this page: {problem}"))
                            .with_help("give it a `slug` that can be a file name (`slug: colon` for `:.md`)"),
                    );
                    unwritable.insert(v.path.clone());
                    continue;
                }
                let file = paths::file_of(&v.path);
                if let Some((r, name)) = taken(&file) {
                    // A fallback copy repeats its source's problem: report the source only.
                    if v.translated || v.lang == self.languages[0] {
                        diags.push(
                            Diagnostic::error(
                                file_of_node(n, v),
                                0,
                                0,
                                format!(
                                    "this page would be written to `/{}`, where the build writes {name} (`/{r}`)",
                                    v.path
                                ),
                            )
                            .with_help("rename the file or give it a `slug`"),
                        );
                    }
                    unwritable.insert(v.path.clone());
                    continue;
                }
                let path = file_of_node(n, v);
                let pos =
                    self.doc(v).map_or((0, 0), |d| d.spans.value_or_key(&crate::yaml_path!["slug"]).unwrap_or((1, 1)));
                if let Some(first) = seen.get(&file) {
                    let message = format!("`{first}` and `{what}` would both be written to `/{}`", v.path);
                    let help = "give one of them a different `slug` or file name";
                    // Each file is reported, so that either can be fixed from
                    // its own diagnostic; the same two pages meeting again in
                    // another language repeat the default language's error.
                    match page_at.get(&file) {
                        Some((_, _, other))
                            if v.lang != self.languages[0]
                                && self.nodes[*other].variants[0].path == n.variants[0].path => {}
                        Some((first_path, (l, c), _)) => {
                            diags.push(Diagnostic::error(first_path, *l, *c, message.clone()).with_help(help));
                            diags.push(Diagnostic::error(path, pos.0, pos.1, message).with_help(help));
                        }
                        None => diags.push(Diagnostic::error(path, pos.0, pos.1, message).with_help(help)),
                    }
                } else {
                    seen.insert(file.clone(), what);
                    page_at.insert(file, (path, pos, ni));
                }
            }
        }
        for n in &self.nodes {
            for v in n.variants.iter().filter(|v| v.translated || v.lang == self.languages[0]) {
                let prefix = if v.lang == self.languages[0] { String::new() } else { format!("{}/", v.lang) };
                for alias in v.fm.aliases.iter().flatten() {
                    let p = format!("{prefix}{}", alias_path(alias));
                    let what = format!("alias `{alias}` of {}", describe(n, v));
                    let path = file_of_node(n, v);
                    if let Err(problem) = paths::checked_path(&p) {
                        diags.push(Diagnostic::error(path, 0, 0, format!("cannot write {what}: {problem}")));
                        continue;
                    }
                    let file = paths::file_of(&p);
                    if let Some((r, name)) = taken(&file) {
                        diags.push(
                            Diagnostic::error(
                                path,
                                0,
                                0,
                                format!("{what} would be written to `/{p}`, where the build writes {name} (`/{r}`)"),
                            )
                            .with_help("remove the alias"),
                        );
                        continue;
                    }
                    if let Some(first) = seen.insert(file, what.clone()) {
                        let (line, col) = self
                            .doc(v)
                            .map_or((0, 0), |d| d.spans.value_or_key(&crate::yaml_path!["aliases"]).unwrap_or((1, 1)));
                        diags.push(
                            Diagnostic::error(
                                path,
                                line,
                                col,
                                format!("`{first}` and {what} would both be written to `/{p}`"),
                            )
                            .with_help("remove the alias or change the other page's URL"),
                        );
                    }
                }
            }
        }
        unwritable
    }
}

/// Normalizes an alias into an output path: `/old/page` → `old/page/` (a folder
/// with `index.html`), `/old/page.html` → `old/page.html` (that file).
pub fn alias_path(alias: &str) -> String {
    let a = alias.trim_matches('/');
    if a.ends_with(".html") {
        return a.to_string();
    }
    if a.is_empty() { String::new() } else { format!("{a}/") }
}

fn make_variant(
    key: &str,
    kind: NodeKind,
    lang: &str,
    default: &str,
    docs: &[Doc],
    h1: &[Option<String>],
    by_key_lang: &HashMap<(&str, &str), usize>,
) -> Variant {
    let source = by_key_lang.get(&(key, default)).copied();
    let own = by_key_lang.get(&(key, lang)).copied();
    let doc = own.or(source);
    let fm = match (own, source) {
        (Some(o), Some(s)) if o != s => docs[o].fm.inherit(&docs[s].fm),
        (Some(o), _) => docs[o].fm.clone(),
        (None, Some(s)) => docs[s].fm.clone(),
        (None, None) => FrontMatter::default(),
    };
    // A translation without a `# heading` of its own takes its source's,
    // as it takes its source's front matter.
    let title = fm
        .title
        .clone()
        .or_else(|| doc.and_then(|d| heading_title(h1, d)))
        .or_else(|| source.and_then(|s| heading_title(h1, s)))
        .unwrap_or_else(|| pretty_name(key, kind));
    Variant { lang: lang.to_string(), doc, translated: own.is_some(), fm, title, path: String::new() }
}

/// The text of the `# heading` that opens document `d`, when it has any.
fn heading_title(h1: &[Option<String>], d: usize) -> Option<String> {
    h1.get(d)?.clone().filter(|h| !h.is_empty())
}

fn parent_folder(key: &str) -> Option<String> {
    let (folder, _) = key.rsplit_once('/')?;
    Some(folder.to_string())
}

fn parent_section_key(key: &str) -> String {
    // The folder holding the node: for a section `a/b/_index.md`, the folder above `a/b`.
    let holder = match key.strip_suffix("/_index.md") {
        Some(folder) => folder.rsplit_once('/').map(|(p, _)| p.to_string()),
        None => parent_folder(key),
    };
    match holder {
        Some(f) if !f.is_empty() => format!("{f}/_index.md"),
        _ => "_index.md".into(),
    }
}

/// The file or folder name of a node, without `.md` (`install`, `docs`, `.`).
fn file_name(key: &str) -> &str {
    let trimmed = key.strip_suffix("/_index.md").unwrap_or(key);
    let last = trimmed.rsplit('/').next().unwrap_or(trimmed);
    last.strip_suffix(".md").unwrap_or(last)
}

/// The URL segment of a node without a `slug`: its file name as it is
/// (`!`, `[[`, `%`, `node.js`: hrefs are percent-encoded when written),
/// except a name made only of dots, which as a path segment would mean
/// "this folder" or "the folder above": each dot is spelled `dot`, joined
/// by `-` (`..md`, the page of the shell command `.`, is `dot/`; `...md`
/// is `dot-dot/`). A file really named `dot.md` beside `..md` takes the
/// same URL, which is reported at both files like any other collision.
fn default_segment(key: &str) -> String {
    let name = file_name(key);
    if !name.is_empty() && name.bytes().all(|b| b == b'.') {
        return vec!["dot"; name.len()].join("-");
    }
    name.to_string()
}

/// The title of a page without a `title` or a `# heading`: its file name
/// with dashes and underscores as spaces and a capital first letter
/// (`first-steps.md` → "First steps"); a name that would be left blank
/// (`-.md`, `_.md`) is kept as it is.
fn pretty_name(key: &str, kind: NodeKind) -> String {
    let name = if kind == NodeKind::Section && key == "_index.md" { "Home" } else { file_name(key) };
    let words = name.replace(['-', '_'], " ");
    if words.trim().is_empty() {
        return name.to_string();
    }
    let mut c = words.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => words,
    }
}

fn sort_key(n: &Node) -> (i64, String, String) {
    let v = &n.variants[0];
    (v.fm.weight.unwrap_or(i64::MAX), v.title.to_lowercase(), n.key.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents() {
        assert_eq!(parent_section_key("a.md"), "_index.md");
        assert_eq!(parent_section_key("a/b.md"), "a/_index.md");
        assert_eq!(parent_section_key("a/_index.md"), "_index.md");
        assert_eq!(parent_section_key("a/b/_index.md"), "a/_index.md");
        assert_eq!(parent_section_key("a/b/c.md"), "a/b/_index.md");
    }

    #[test]
    fn segments_and_names() {
        assert_eq!(default_segment("docs/install.md"), "install");
        assert_eq!(default_segment("docs/_index.md"), "docs");
        assert_eq!(default_segment("commands/..md"), "dot");
        assert_eq!(default_segment("commands/...md"), "dot-dot");
        assert_eq!(default_segment("commands/[[.md"), "[[");
        assert_eq!(default_segment("commands/.x.md"), ".x");
        assert_eq!(pretty_name("commands/..md", NodeKind::Page), ".");
        assert_eq!(pretty_name("commands/-.md", NodeKind::Page), "-");
        assert_eq!(pretty_name("commands/__.md", NodeKind::Page), "__");
        assert_eq!(pretty_name("getting-started/_index.md", NodeKind::Section), "Getting started");
        assert_eq!(alias_path("/old/page.html"), "old/page.html");
        assert_eq!(alias_path("/old/install/"), "old/install/");
    }
}
