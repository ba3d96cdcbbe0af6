//! Template rendering: builds the typed contexts of [`context`] for every page
//! in every language and renders them with Tera, in parallel, into the
//! staging folder.
//!
//! Entry point: [`render_pages`]. The 404 page, alias redirects, sitemap and
//! robots.txt are written by [`extras`].

pub mod context;
pub mod extras;
pub mod status;

use crate::config::{Direction, SiteConfig};
use crate::content::{Node, NodeKind, Site, Variant};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::git;
use crate::i18n::{Arg, Locales};
use crate::links::Resolver;
use crate::output::Sink;
use crate::theme::{TemplateOrigins, template_error};
use crate::translation;
use context::*;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// Above this many nodes, the sidebar lists only the current page's branch
/// (its ancestors' children), so output does not grow with the square of the
/// page count.
pub const FULL_NAV_LIMIT: usize = 400;

/// Above this many entries, a list of the sidebar is collapsed: it shows its
/// first [`SIDEBAR_HEAD`] and last [`SIDEBAR_TAIL`] entries, the
/// [`SIDEBAR_AROUND`] entries either side of the one on the current page's
/// path, and a gap link to the section's page (which lists every entry) in
/// place of the rest. Listing every sibling on every page made a flat
/// section's output grow with the square of its size (2,000 pages in one
/// folder: 150 KB of sidebar a page). Fifty entries is about what a reader
/// still scans in a sidebar; a command reference of thousands is read
/// through its section page and search instead.
pub const SIDEBAR_COLLAPSE_AT: usize = 50;
/// Entries a collapsed list shows at its start.
pub const SIDEBAR_HEAD: usize = 3;
/// Entries a collapsed list shows at its end.
pub const SIDEBAR_TAIL: usize = 3;
/// Entries a collapsed list shows either side of the current page's.
pub const SIDEBAR_AROUND: usize = 5;

/// The bytes a page holds besides its body (head, header, sidebar, footer,
/// search dialog): about 17 KB with the default theme.
const PAGE_CHROME_BYTES: usize = 24 * 1024;

/// Everything rendering needs, shared by all threads.
pub struct RenderEnv<'a> {
    /// Site configuration.
    pub config: &'a SiteConfig,
    /// The site model.
    pub site: &'a Site,
    /// Loaded templates.
    pub tera: &'a tera::Tera,
    /// Template file names, for errors.
    pub origins: &'a TemplateOrigins,
    /// UI strings.
    pub locales: &'a Locales,
    /// Link resolution.
    pub resolver: &'a Resolver<'a>,
    /// Last-change times from git.
    pub updated: &'a HashMap<PathBuf, i64>,
    /// Theme asset URLs.
    pub assets: AssetsCtx,
    /// Search manifest URL per language code.
    pub search_manifests: HashMap<String, String>,
}

/// What rendering produced.
#[derive(Debug, Default)]
pub struct RenderReport {
    /// Pages written per language code.
    pub pages: Vec<(String, usize)>,
}

/// The template context of a page, but for `nav`, which is inserted as a
/// template value built from [`NavCache`] (the same as a `[NavEntry]`), and
/// `site`, a [`SiteCtx`] inserted from [`SiteValues`].
#[derive(Serialize)]
struct TemplateCtx<'a> {
    page: PageCtx,
    translations: Vec<TranslationLink>,
    lang: &'a str,
    dir: &'a str,
    /// The data of the page's onboarding layout (`crate::layouts`).
    layout_data: crate::layouts::LayoutCtx,
}

/// Every (node, language) pair of the site: the jobs of a full render.
pub fn all_pages(env: &RenderEnv<'_>) -> Vec<(usize, usize)> {
    (0..env.site.nodes.len()).flat_map(|n| (0..env.config.languages.len()).map(move |l| (n, l))).collect()
}

/// Renders every page in every language into `sink`.
pub fn render_pages(env: &RenderEnv<'_>, sink: &dyn Sink) -> (RenderReport, Diagnostics) {
    let jobs = all_pages(env);
    let diags = render_jobs(env, &jobs, sink);
    let pages = env.config.languages.iter().map(|l| (l.code.clone(), env.site.nodes.len())).collect();
    (RenderReport { pages }, diags)
}

/// Renders the given (node, language) pages into `sink`, in parallel.
pub fn render_jobs(env: &RenderEnv<'_>, jobs: &[(usize, usize)], sink: &dyn Sink) -> Diagnostics {
    let site_ctxs: Vec<SiteCtx> = env.config.languages.iter().map(|l| site_ctx(env, &l.code)).collect();
    let order_pos = positions(env.site.nodes.len(), env.site.order.iter().copied());
    let sibling_pos = sibling_positions(env.site);
    let layouts: HashSet<String> =
        env.tera.get_template_names().filter_map(|n| n.strip_suffix(".html")).map(str::to_string).collect();
    let models = crate::layouts::Models::new(env);
    let nav_cache = NavCache::default();
    let site_values = SiteValues::default();
    let results: Vec<Vec<Diagnostic>> = jobs
        .par_iter()
        .map(|&(n, l)| {
            let page = PageRender {
                env,
                node: n,
                lang: l,
                order_pos: &order_pos,
                sibling_pos: &sibling_pos,
                layouts: &layouts,
                models: &models,
                nav_cache: &nav_cache,
                site_values: &site_values,
            };
            page.render(&site_ctxs[l], sink)
        })
        .collect();
    merge_repeats(results.into_iter().flatten())
}

/// One broken template fails every page that uses it: report each template
/// error once, naming the first page and how many others it broke.
fn merge_repeats(diags: impl Iterator<Item = Diagnostic>) -> Diagnostics {
    let mut out: Vec<Diagnostic> = Vec::new();
    let mut repeats: HashMap<(PathBuf, usize, usize, String), (usize, usize)> = HashMap::new();
    for d in diags {
        let rendering = d.help.as_deref().is_some_and(|h| h.starts_with("while rendering "));
        if !rendering {
            out.push(d);
            continue;
        }
        let key = (d.path.clone(), d.line, d.col, d.message.clone());
        match repeats.get_mut(&key) {
            Some((_, count)) => *count += 1,
            None => {
                repeats.insert(key, (out.len(), 0));
                out.push(d);
            }
        }
    }
    for (index, others) in repeats.into_values().filter(|(_, n)| *n > 0) {
        if let Some(help) = out[index].help.as_mut() {
            let pages = if others == 1 { "page" } else { "pages" };
            help.push_str(&format!(" (and {others} other {pages})"));
        }
    }
    out.into_iter().collect()
}

fn site_ctx(env: &RenderEnv<'_>, code: &str) -> SiteCtx {
    let c = env.config;
    let lang = c.language(code).unwrap_or(c.default_language());
    let home_url = format!("{}{}", c.base_path, lang.prefix);
    let menu = c
        .menu
        .iter()
        .map(|m| {
            let id = m.id.clone().unwrap_or_else(|| m.url.clone());
            let label = lang.menu.get(&id).cloned().unwrap_or_else(|| m.label.clone());
            let url = if m.url.contains("://") {
                m.url.clone()
            } else {
                format!("{home_url}{}", m.url.trim_start_matches('/'))
            };
            MenuItem { label, url, active: false }
        })
        .collect();
    SiteCtx {
        title: lang.title.clone(),
        description: lang.description.clone(),
        base_url: c.base_url.clone(),
        base_path: c.base_path.clone(),
        home_url,
        languages: c
            .languages
            .iter()
            .map(|l| LanguageCtx {
                code: l.code.clone(),
                name: l.name.clone(),
                dir: dir_of(l.direction).into(),
                home_url: format!("{}{}", c.base_path, l.prefix),
            })
            .collect(),
        menu,
        search: c.search.enabled,
        status_url: c
            .i18n
            .status_page
            .then(|| crate::content::paths::url(&c.base_path, &format!("{}{}/", lang.prefix, c.i18n.status_path))),
        assets: AssetsCtx {
            search_index: env.search_manifests.get(code).cloned().unwrap_or_default(),
            ..env.assets.clone()
        },
        extra: serde_json::to_value(&c.extra).unwrap_or_default(),
        generator: format!("onramp {}", env!("CARGO_PKG_VERSION")),
    }
}

/// Template names that are layouts a page can ask for (not the skeleton,
/// components, partials or the 404 page).
fn is_layout_name(name: &str) -> bool {
    !name.contains('/')
        && !name.starts_with('_')
        && !matches!(name, "base" | "components" | "404" | "translation-status")
}

/// A forge URL for a file of the site (`site_path` relative to the site
/// root): `kind` is `edit` or `new`. `None` without `repo:` in site.yaml.
fn repo_url(config: &SiteConfig, kind: &str, site_path: &str) -> Option<String> {
    let repo = config.repo.as_ref()?;
    let base = repo.url.trim_end_matches('/');
    let prefix = repo.path.trim_matches('/');
    let path = if prefix.is_empty() { site_path.to_string() } else { format!("{prefix}/{site_path}") };
    // A mounted file's path leaves the site folder (`site/../CONTRIBUTING.md`).
    let path = crate::mount::normalize(&path.replace('\\', "/"));
    Some(format!("{base}/{kind}/{}/{}", repo.branch, crate::content::paths::url_path(&path)))
}

/// Where a translator creates the translation of `node` into `lang`: the
/// forge's new-file form for `<file>.<lang>.md` beside a mounted file, else
/// for `content/<stem>.<lang>.md`, or `content/<lang>/<key>` when the
/// language's translations live in a folder of their own.
fn translate_url(config: &SiteConfig, site: &Site, node: &Node, lang: &str) -> Option<String> {
    // A mounted file's translation goes beside it (`../CONTRIBUTING.fr.md`).
    if let Some(m) = site.doc(&node.variants[0]).and_then(|d| d.mount.as_ref()) {
        let path = format!("{}.{lang}.md", m.source.strip_suffix(".md")?);
        let (dir, file) = path.rsplit_once('/').unwrap_or(("", &path));
        let file = crate::content::paths::url_query_value(file);
        return Some(format!("{}?filename={file}", repo_url(config, "new", dir)?));
    }
    let key = &node.key;
    let stem = key.strip_suffix(".md")?;
    let folder = site.lang_index(lang).is_some_and(|i| site.folder_layout.get(i).copied().unwrap_or(false));
    let path = if folder { format!("content/{lang}/{key}") } else { format!("content/{stem}.{lang}.md") };
    let (dir, file) = path.rsplit_once('/').unwrap_or(("", &path));
    let url = repo_url(config, "new", dir)?;
    Some(format!("{url}?filename={}", crate::content::paths::url_query_value(file)))
}

fn dir_of(d: Direction) -> &'static str {
    match d {
        Direction::Ltr => "ltr",
        Direction::Rtl => "rtl",
    }
}

/// One page in one language being rendered.
struct PageRender<'e, 'a> {
    env: &'e RenderEnv<'a>,
    node: usize,
    lang: usize,
    /// Position of each node in the site's reading order.
    order_pos: &'e [usize],
    /// Position of each node among its parent's children.
    sibling_pos: &'e [usize],
    layouts: &'e HashSet<String>,
    models: &'e crate::layouts::Models,
    nav_cache: &'e NavCache,
    site_values: &'e SiteValues,
}

/// The `site` template value per language and active header menu entry:
/// the same for every page that shares both, so it is serialized once
/// rather than per page.
#[derive(Default)]
struct SiteValues(std::sync::RwLock<FxHashMap<(usize, Vec<bool>), tera::Value>>);

/// Sidebar entries as template values, built once per (node, language) and
/// shared by every page that shows them the same way. An item off the
/// current page's path (neither the page nor one of its ancestors) looks
/// the same on every page of a language: not active, not open, its
/// children listed only when the whole tree is. The entries of such an item
/// (itself, then its children's up to its `end`) are cached together; only
/// the few items on the path are built per page. Template values share
/// their contents, so reusing one costs a reference count. On a large site
/// this was a fifth of the render stage (building, then serializing, the
/// tree per page).
#[derive(Default)]
struct NavCache(std::sync::RwLock<FxHashMap<(usize, usize), Vec<tera::Value>>>);

/// `positions[node]`: the index of each node of `order` in it.
fn positions(len: usize, order: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut pos = vec![0; len];
    for (p, n) in order.enumerate() {
        if let Some(slot) = pos.get_mut(n) {
            *slot = p;
        }
    }
    pos
}

/// The index of every node among its parent's children, computed once per
/// render so that no page looks for itself in a list of its siblings.
fn sibling_positions(site: &Site) -> Vec<usize> {
    let mut pos = vec![0; site.nodes.len()];
    for n in &site.nodes {
        for (i, &c) in n.children.iter().enumerate() {
            pos[c] = i;
        }
    }
    pos
}

/// Which entries of a list of `len` siblings the sidebar shows, as sorted,
/// disjoint, non-adjacent ranges (what lies between two ranges is a gap).
/// `current` is the index of the entry on the current page's path, if the
/// list holds one. A gap is never a single entry: that entry is shown
/// instead, as the link to it is no longer than the gap's.
// A list of one range (the whole list) is meant, not the range's numbers.
#[allow(clippy::single_range_in_vec_init)]
pub fn shown_ranges(len: usize, current: Option<usize>) -> Vec<std::ops::Range<usize>> {
    if len <= SIDEBAR_COLLAPSE_AT {
        return vec![0..len];
    }
    let mut wanted = vec![0..SIDEBAR_HEAD.min(len), len.saturating_sub(SIDEBAR_TAIL)..len];
    if let Some(c) = current.filter(|&c| c < len) {
        wanted.push(c.saturating_sub(SIDEBAR_AROUND)..(c + SIDEBAR_AROUND + 1).min(len));
    }
    wanted.sort_by_key(|r| r.start);
    let mut out: Vec<std::ops::Range<usize>> = Vec::with_capacity(3);
    for r in wanted {
        match out.last_mut() {
            Some(last) if r.start <= last.end + 1 => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

impl NavEntry {
    /// An `item` entry.
    fn item(title: &str, url: String, depth: usize, is_section: bool) -> NavEntry {
        NavEntry {
            kind: "item",
            title: title.to_string(),
            url,
            depth,
            active: false,
            open: false,
            is_section,
            has_children: false,
            count: 0,
        }
    }

    /// The `end` of the children of an item at `depth`.
    fn end(depth: usize) -> NavEntry {
        NavEntry { kind: "end", ..NavEntry::item("", String::new(), depth, false) }
    }

    /// A `gap` for `count` entries of the section `title` at `url`.
    fn gap(title: &str, url: String, depth: usize, count: usize) -> NavEntry {
        NavEntry { kind: "gap", count, ..NavEntry::item(title, url, depth, false) }
    }

    /// The entry as a template value (built by hand: this runs for every
    /// entry on a page's path, and is cheaper than serializing).
    fn value(self) -> tera::Value {
        let mut m = tera::Map::with_capacity(9);
        m.insert("kind".into(), self.kind.into());
        m.insert("title".into(), self.title.into());
        m.insert("url".into(), self.url.into());
        m.insert("depth".into(), self.depth.into());
        m.insert("active".into(), self.active.into());
        m.insert("open".into(), self.open.into());
        m.insert("is_section".into(), self.is_section.into());
        m.insert("has_children".into(), self.has_children.into());
        m.insert("count".into(), self.count.into());
        m.into()
    }
}

/// The sidebar of a page outside the tree (the 404 and translation status
/// pages): the top-level sections and pages, none of them open.
pub(super) fn top_nav(env: &RenderEnv<'_>, li: usize) -> Vec<NavEntry> {
    let root = &env.site.nodes[0];
    let url = |n: usize| crate::content::paths::url(&env.config.base_path, &env.site.nodes[n].variants[li].path);
    let mut out = Vec::new();
    let mut shown = 0;
    for range in shown_ranges(root.children.len(), None) {
        if range.start > shown {
            out.push(NavEntry::gap(&root.variants[li].title, url(0), 0, range.start - shown));
        }
        shown = range.end;
        for &c in &root.children[range] {
            let n = &env.site.nodes[c];
            out.push(NavEntry::item(&n.variants[li].title, url(c), 0, n.kind == NodeKind::Section));
        }
    }
    out
}

impl PageRender<'_, '_> {
    fn n(&self) -> &Node {
        &self.env.site.nodes[self.node]
    }

    fn v(&self) -> &Variant {
        &self.n().variants[self.lang]
    }

    fn url(&self, node: usize) -> String {
        crate::content::paths::url(&self.env.config.base_path, &self.env.site.nodes[node].variants[self.lang].path)
    }

    fn link(&self, node: usize) -> PageLink {
        PageLink { title: self.env.site.nodes[node].variants[self.lang].title.clone(), url: self.url(node) }
    }

    fn render(&self, site_ctx: &SiteCtx, sink: &dyn Sink) -> Vec<Diagnostic> {
        let env = self.env;
        let v = self.v();
        let doc = env.site.doc(v);
        // Problems in a document are reported once, from its own language.
        let report = doc.is_some_and(|d| d.lang == v.lang);
        let mut diags = Vec::new();
        let (content, link_diags) = match doc {
            Some(d) => env.resolver.resolve(d, self.lang, report),
            None => (String::new(), Vec::new()),
        };
        diags.extend(link_diags);
        let layout = self.layout();
        if !self.layouts.contains(&layout) {
            if report || doc.is_none() {
                let path = doc.map(|d| d.display.clone()).unwrap_or_default();
                let line = doc.and_then(|d| d.text.lines().position(|l| l.starts_with("layout:"))).map_or(0, |i| i + 1);
                let mut known: Vec<&String> = self.layouts.iter().filter(|l| is_layout_name(l)).collect();
                known.sort();
                diags.push(
                    Diagnostic::error(
                        path,
                        line,
                        if line > 0 { 9 } else { 0 },
                        format!("no template for layout `{layout}`"),
                    )
                    .with_help(format!(
                        "available layouts: {}; or add `templates/{layout}.html`",
                        known.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                    )),
                );
            }
            return diags;
        }
        let lang = &env.config.languages[self.lang];
        let active: Vec<bool> = env
            .config
            .menu
            .iter()
            .map(|entry| {
                !entry.url.contains("://") && {
                    let path = format!("{}{}", lang.prefix, entry.url.trim_start_matches('/'));
                    !entry.url.trim_matches('/').is_empty() && v.path.starts_with(&path)
                }
            })
            .collect();
        let key = (self.lang, active);
        let cached = self.site_values.0.read().ok().and_then(|m| m.get(&key).cloned());
        let site_value = cached.unwrap_or_else(|| {
            let mut site_ctx = site_ctx.clone();
            for (item, active) in site_ctx.menu.iter_mut().zip(&key.1) {
                item.active = *active;
            }
            let value = tera::Value::from_serializable(&site_ctx);
            if let Ok(mut m) = self.site_values.0.write() {
                m.insert(key.clone(), value.clone());
            }
            value
        });
        // A layout may write more than one page (a paginated listing) and other files (a feed).
        let built = crate::layouts::build(env, self.models, self.node, self.lang, &layout);
        diags.extend(built.diags);
        for (rel, bytes) in &built.files {
            if let Err(e) = sink.write(rel, bytes) {
                diags.push(Diagnostic::error(rel, 0, 0, format!("cannot write: {e}")));
            }
        }
        // Pages are rendered into a buffer sized for the body plus the
        // theme's chrome: growing it by doubling copied each page several times.
        let capacity = content.len() + PAGE_CHROME_BYTES;
        let page = self.page_ctx(content);
        let (nav, translations) = (self.nav(), self.translations());
        let outputs = built.outputs.len();
        let mut page = Some(page);
        for (i, output) in built.outputs.into_iter().enumerate() {
            // The last output takes the page context; earlier ones (pages of
            // a paginated listing) copy it.
            let Some(mut page) = (if i + 1 == outputs { page.take() } else { page.clone() }) else { break };
            page.url = crate::content::paths::url(&env.config.base_path, &output.path);
            page.permalink = crate::content::paths::url(&env.config.base_url, &output.path);
            let ctx = TemplateCtx {
                page,
                translations: translations.clone(),
                lang: &lang.code,
                dir: dir_of(lang.direction),
                layout_data: output.data,
            };
            let template = format!("{layout}.html");
            let mut html = Vec::with_capacity(capacity);
            let rendered = tera::Context::from_serialize(&ctx).and_then(|mut c| {
                c.insert_value("nav", nav.clone());
                c.insert_value("site", site_value.clone());
                env.tera.render_to(&template, &c, &mut html)
            });
            match rendered {
                // Its path is an error already (site model); writing it would only add another.
                Ok(()) if env.site.unwritable.contains(&output.path) => {}
                Ok(()) => {
                    let rel = format!("{}index.html", output.path);
                    if let Err(e) = sink.write(&rel, &html) {
                        diags.push(Diagnostic::error(rel, 0, 0, format!("cannot write: {e}")));
                    }
                }
                Err(e) => {
                    if report || doc.is_none() || self.lang == 0 {
                        diags.push(template_error(&e, env.origins, doc.map(|d| d.display.as_path())));
                    }
                    break;
                }
            }
        }
        diags
    }

    fn layout(&self) -> String {
        match &self.v().fm.layout {
            Some(l) => l.clone(),
            None if self.node == 0 => "home".into(),
            None if self.n().kind == NodeKind::Section => "section".into(),
            None => crate::layouts::default_child_layout(self.env, self.node, self.lang).unwrap_or("docs").into(),
        }
    }

    fn page_ctx(&self, content: String) -> PageCtx {
        let env = self.env;
        let (v, n) = (self.v(), self.n());
        let doc = env.site.doc(v);
        let lang = &env.config.languages[self.lang];
        let url = self.url(self.node);
        let updated = doc.and_then(|d| env.updated.get(&d.display)).map(|&t| git::civil_date(t));
        let word_count = doc.map_or(0, |d| d.rendered.word_count);
        let summaries = |want: NodeKind| -> Vec<PageSummary> {
            n.children.iter().filter(|&&c| env.site.nodes[c].kind == want).map(|&c| self.summary(c)).collect()
        };
        let pos = self.order_pos.get(self.node).copied().unwrap_or(0);
        let order = &env.site.order;
        PageCtx {
            title: v.title.clone(),
            description: v.fm.description.clone().unwrap_or_else(|| lang.description.clone()),
            permalink: crate::content::paths::url(&env.config.base_url, &v.path),
            url,
            kind: if n.kind == NodeKind::Section { "section" } else { "page" }.into(),
            layout: self.layout(),
            content,
            toc: doc.map(|d| d.rendered.toc.clone()).unwrap_or_default(),
            date: v.fm.day(),
            updated: updated.map(git::iso_date),
            updated_display: updated.map(|date| self.format_date(date)),
            tags: v.fm.tags.clone().unwrap_or_default(),
            extra: v.fm.extra_value(),
            lang: lang.code.clone(),
            content_lang: doc.map_or(lang.code.clone(), |d| d.lang.clone()),
            content_dir: dir_of(doc.and_then(|d| env.config.language(&d.lang)).unwrap_or(lang).direction).into(),
            fallback: doc.is_some_and(|d| d.lang != lang.code),
            outdated: self.outdated(),
            original_url: (self.lang > 0)
                .then(|| crate::content::paths::url(&env.config.base_path, &n.variants[0].path)),
            edit_url: doc.and_then(|d| self.repo_url("edit", &d.display.to_string_lossy())),
            translate_url: self.translate_url(),
            breadcrumbs: self.ancestors().into_iter().map(|a| self.link(a)).collect(),
            prev: pos.checked_sub(1).map(|p| self.link(order[p])),
            next: order.get(pos + 1).map(|&p| self.link(p)),
            pages: summaries(NodeKind::Page),
            subsections: summaries(NodeKind::Section),
            word_count,
            reading_minutes: (word_count / 220).max(1),
        }
    }

    /// A translation whose source changed since it was made.
    fn outdated(&self) -> bool {
        let site = self.env.site;
        let (v, source) = (self.v(), &self.n().variants[0]);
        match (v.translated && self.lang > 0, site.doc(v), site.doc(source)) {
            (true, Some(tr), Some(src)) => translation::freshness(tr, src) == translation::Freshness::Outdated,
            _ => false,
        }
    }

    fn summary(&self, node: usize) -> PageSummary {
        let n = &self.env.site.nodes[node];
        let v = &n.variants[self.lang];
        PageSummary {
            title: v.title.clone(),
            url: self.url(node),
            description: v.fm.description.clone().unwrap_or_default(),
            date: v.fm.day(),
            tags: v.fm.tags.clone().unwrap_or_default(),
            extra: v.fm.extra_value(),
            is_section: n.kind == NodeKind::Section,
        }
    }

    fn format_date(&self, (y, m, d): (i64, u32, u32)) -> String {
        let l = self.env.locales;
        let code = &self.env.config.languages[self.lang].code;
        let month = l.text(code, &format!("month-{m}"));
        l.t(
            code,
            "date-format",
            &[("day", Arg::Num(f64::from(d))), ("month", Arg::Str(month)), ("year", Arg::Num(y as f64))],
        )
        .unwrap_or_else(|_| git::iso_date((y, m, d)))
    }

    /// A forge URL for a file of the site: `kind` is `edit` or `new`.
    fn repo_url(&self, kind: &str, site_path: &str) -> Option<String> {
        repo_url(self.env.config, kind, site_path)
    }

    /// Where a translator creates this page's missing translation.
    fn translate_url(&self) -> Option<String> {
        let v = self.v();
        if v.translated {
            return None;
        }
        translate_url(self.env.config, self.env.site, self.n(), &v.lang)
    }

    fn ancestors(&self) -> Vec<usize> {
        let mut out = Vec::new();
        let mut p = self.n().parent;
        while let Some(i) = p {
            out.push(i);
            p = self.env.site.nodes[i].parent;
        }
        out.reverse();
        out
    }

    fn translations(&self) -> Vec<TranslationLink> {
        let c = self.env.config;
        self.n()
            .variants
            .iter()
            .zip(&c.languages)
            .enumerate()
            .map(|(i, (v, l))| TranslationLink {
                code: l.code.clone(),
                name: l.name.clone(),
                url: crate::content::paths::url(&c.base_path, &v.path),
                permalink: crate::content::paths::url(&c.base_url, &v.path),
                translated: v.translated || v.doc.is_none(),
                current: i == self.lang,
            })
            .collect()
    }

    /// The sidebar of the page, as the template value of a `[NavEntry]`.
    /// Its size is bounded whatever the site's: the lists on the page's path
    /// are collapsed past [`SIDEBAR_COLLAPSE_AT`] entries, and the lists off
    /// it are listed only up to [`FULL_NAV_LIMIT`] nodes.
    fn nav(&self) -> tera::Value {
        let mut path = self.ancestors();
        path.push(self.node);
        let full = self.env.site.nodes.len() <= FULL_NAV_LIMIT;
        let mut out = Vec::new();
        // `path[0]` is the home page, whose children are the top level.
        self.nav_list(0, path.get(1..).unwrap_or_default(), 0, full, &mut out);
        out.into()
    }

    /// The children of `parent`, at `depth`, collapsed when they are many.
    /// `path` is the rest of the page's path below `parent`.
    fn nav_list(&self, parent: usize, path: &[usize], depth: usize, full: bool, out: &mut Vec<tera::Value>) {
        let children = sidebar_children(self.env.site, parent, self.lang);
        let on_path = path.first().copied();
        let current = on_path.map(|c| match &children {
            // The children in reading order: their positions are precomputed.
            std::borrow::Cow::Borrowed(_) => self.sibling_pos[c],
            // A news section's, newest first: found in the list.
            std::borrow::Cow::Owned(list) => list.iter().position(|&x| x == c).unwrap_or(0),
        });
        let mut shown = 0;
        for range in shown_ranges(children.len(), current) {
            if range.start > shown {
                out.push(self.nav_gap(parent, depth, range.start - shown));
            }
            shown = range.end;
            for &c in &children[range] {
                if Some(c) == on_path {
                    self.nav_on_path(c, &path[1..], depth, full, out);
                } else {
                    self.nav_off_path(c, depth, full, out);
                }
            }
        }
        if shown < children.len() {
            out.push(self.nav_gap(parent, depth, children.len() - shown));
        }
    }

    fn nav_gap(&self, section: usize, depth: usize, count: usize) -> tera::Value {
        let title = &self.env.site.nodes[section].variants[self.lang].title;
        NavEntry::gap(title, self.url(section), depth, count).value()
    }

    /// An item on the page's path: open, its children listed.
    fn nav_on_path(&self, node: usize, path: &[usize], depth: usize, full: bool, out: &mut Vec<tera::Value>) {
        let n = &self.env.site.nodes[node];
        let has_children = !n.children.is_empty();
        let item = NavEntry {
            active: node == self.node,
            open: true,
            has_children,
            ..NavEntry::item(&n.variants[self.lang].title, self.url(node), depth, n.kind == NodeKind::Section)
        };
        out.push(item.value());
        if has_children {
            self.nav_list(node, path, depth + 1, full, out);
            out.push(NavEntry::end(depth).value());
        }
    }

    /// An item off the page's path (and its children when the whole tree
    /// is listed), from the cache.
    fn nav_off_path(&self, node: usize, depth: usize, full: bool, out: &mut Vec<tera::Value>) {
        let key = (node, self.lang);
        if let Some(entries) = self.nav_cache.0.read().ok().as_ref().and_then(|m| m.get(&key)) {
            out.extend(entries.iter().cloned());
            return;
        }
        let n = &self.env.site.nodes[node];
        let has_children = full && !n.children.is_empty();
        let item = NavEntry {
            has_children,
            ..NavEntry::item(&n.variants[self.lang].title, self.url(node), depth, n.kind == NodeKind::Section)
        };
        let mut entries = vec![item.value()];
        if has_children {
            self.nav_list(node, &[], depth + 1, full, &mut entries);
            entries.push(NavEntry::end(depth).value());
        }
        out.extend(entries.iter().cloned());
        if let Ok(mut m) = self.nav_cache.0.write() {
            m.insert(key, entries);
        }
    }
}

/// The children of `node` in the order the sidebar lists them: a news
/// section's posts newest first, as its listing shows them (undated ones
/// last, ties in reading order); reading order otherwise.
fn sidebar_children(site: &Site, node: usize, lang: usize) -> std::borrow::Cow<'_, [usize]> {
    let n = &site.nodes[node];
    if n.kind != NodeKind::Section || n.variants[lang].fm.layout.as_deref() != Some("news") {
        return std::borrow::Cow::Borrowed(&n.children);
    }
    let mut children = n.children.clone();
    children.sort_by_key(|&c| std::cmp::Reverse(site.nodes[c].variants[lang].fm.day()));
    std::borrow::Cow::Owned(children)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::single_range_in_vec_init)]
    fn short_sidebar_lists_are_shown_whole() {
        assert_eq!(shown_ranges(0, None), [0..0]);
        assert_eq!(shown_ranges(SIDEBAR_COLLAPSE_AT, Some(25)), [0..SIDEBAR_COLLAPSE_AT]);
    }

    #[test]
    fn long_sidebar_lists_keep_the_ends_and_the_current_window() {
        assert_eq!(shown_ranges(2000, Some(1000)), [0..3, 995..1006, 1997..2000]);
        assert_eq!(shown_ranges(2000, None), [0..3, 1997..2000]);
        // Windows that touch or overlap the ends merge with them.
        assert_eq!(shown_ranges(2000, Some(0)), [0..6, 1997..2000]);
        assert_eq!(shown_ranges(2000, Some(8)), [0..14, 1997..2000]);
        assert_eq!(shown_ranges(2000, Some(1999)), [0..3, 1994..2000]);
        assert_eq!(shown_ranges(2000, Some(1991)), [0..3, 1986..2000]);
    }

    #[test]
    fn a_sidebar_gap_never_stands_for_a_single_entry() {
        // Entry 3 lies between the head (0..3) and the window (4..15): shown, not a gap.
        assert_eq!(shown_ranges(100, Some(9)), [0..15, 97..100]);
        assert_eq!(shown_ranges(100, Some(10)), [0..3, 5..16, 97..100]);
    }
}
