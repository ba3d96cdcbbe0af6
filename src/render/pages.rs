//! Template rendering: builds the typed contexts of [`context`] for every page
//! in every language and renders them with Tera, in parallel, into the
//! staging folder.
//!
//! Entry point: [`render_pages`]. The 404 page, alias redirects, sitemap and
//! robots.txt are written by [`extras`].

use super::context::*;
use super::env::{RenderEnv, dir_of, repo_url, site_ctx, translate_url, translation_link};
use super::nav::*;
use crate::content::{Node, NodeKind, Variant};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::git;
use crate::sink::Sink;
use crate::theme::{THEME_PREFIX, template_error};
use crate::translation;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// The bytes a page holds besides its body (head, header, sidebar, footer):
/// about 13 KB with the default theme.
const PAGE_CHROME_BYTES: usize = 16 * 1024;

/// The theme's sidebar partial, which the shared sidebar renders.
const SIDEBAR_PARTIAL: &str = "partials/sidebar.html";

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
    /// The page's versions, on the pages of versioned sections.
    versions: Option<VersionsCtx>,
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
    render_jobs_until(env, jobs, sink, &|| false)
}

/// [`render_jobs`], but once `stop` returns true the pages not started yet
/// are skipped (the dev server's background work gives way to a save).
pub fn render_jobs_until(
    env: &RenderEnv<'_>,
    jobs: &[(usize, usize)],
    sink: &dyn Sink,
    stop: &(dyn Fn() -> bool + Sync),
) -> Diagnostics {
    let site_ctxs: Vec<SiteCtx> = env.config.languages.iter().map(|l| site_ctx(env, &l.code)).collect();
    let order_pos = positions(env.site.nodes.len(), env.site.order.iter().copied());
    let sibling_pos = sibling_positions(env.site);
    let layouts: HashSet<String> =
        env.tera.get_template_names().filter_map(|n| n.strip_suffix(".html")).map(str::to_string).collect();
    let models = crate::layouts::Models::new(env);
    let nav_cache = NavCache::default();
    let site_values = SiteValues::default();
    // The built-in sidebar partial marks the current page only with
    // `aria-current="page"` on its link, so a sidebar rendered once can be
    // shared by every page that lists the same entries. A theme or site
    // that brings its own partial gets it rendered per page.
    let sidebars = SidebarCache::default();
    let sidebars = env.origins.is_builtin(SIDEBAR_PARTIAL).then_some(&sidebars);
    // A page with a shared sidebar needs no `nav` of its own when only the
    // sidebar partial reads it and only the built-in frame includes it
    // (which it skips when given `sidebar_html`): computing the entries
    // was a tenth of the render stage.
    let own_nav = sidebars.is_none()
        || !(env.origins.is_builtin("base.html")
            && env.origins.deps.nav_only_in(
                &[SIDEBAR_PARTIAL, &format!("{THEME_PREFIX}{SIDEBAR_PARTIAL}")],
                &["base.html", &format!("{THEME_PREFIX}base.html")],
            ));
    let results: Vec<Vec<Diagnostic>> = jobs
        .par_iter()
        .map(|&(n, l)| {
            if stop() {
                return Vec::new();
            }
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
                sidebars,
                own_nav,
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

/// The layout of page `node` in language `lang`: its front matter's, or
/// the default for its place (`home`, `section`, a child of a `news` or
/// `case-studies` section, `docs`).
pub fn layout_of(site: &crate::content::Site, node: usize, lang: usize) -> String {
    let n = &site.nodes[node];
    match &n.variants[lang].fm.layout {
        Some(l) => l.clone(),
        None if node == 0 => "home".into(),
        None if n.kind == NodeKind::Section => "section".into(),
        None => crate::layouts::default_child_layout(site, node, lang).unwrap_or("docs").into(),
    }
}

/// The templates the render of a page of `layout` starts from: its layout
/// template, the sidebar partial (rendered apart and shared, see
/// [`SidebarCache`]), and the feed template of a news listing
/// (`layouts::news`). Everything else it renders is reached from these
/// (`crate::template_deps`).
pub fn page_templates(layout: &str) -> Vec<String> {
    let mut out = vec![format!("{layout}.html"), SIDEBAR_PARTIAL.to_string()];
    if layout == "news" {
        out.push("atom.xml".into());
    }
    out
}

/// Template names that are layouts a page can ask for (not the skeleton,
/// components, partials or the 404 page).
fn is_layout_name(name: &str) -> bool {
    !name.contains('/')
        && !name.starts_with('_')
        && !matches!(name, "base" | "components" | "404" | "translation-status")
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
    sidebars: Option<&'e SidebarCache>,
    /// Whether a page with a shared sidebar still gets its own `nav` (a
    /// template other than the sidebar partial may read it).
    own_nav: bool,
}

/// Sidebars rendered once and shared: by language, active header menu
/// entries and the entries listed (a [`NavSig`]), with no entry marked as
/// the current page. A page takes the one that lists its entries and adds
/// `aria-current="page"` to its own link. In a collapsed list the shown
/// window moves by blocks ([`SIDEBAR_BLOCK`]), so the pages of a block share
/// one; a command reference of 4,000 pages in a section renders 500
/// sidebars instead of 4,000.
#[derive(Default)]
struct SidebarCache(std::sync::RwLock<FxHashMap<SidebarKey, std::sync::Arc<str>>>);

/// Language, active header menu entries, entries listed, and on the pages
/// of a versioned section the versions listed (name, and whether it is the
/// page's).
type SidebarKey = (usize, Vec<bool>, NavSig, Option<Vec<(String, bool)>>);

/// Stands for the URL of the `i`th version link in a shared sidebar:
/// characters that escaping leaves alone and that no URL holds.
fn version_marker(i: usize) -> String {
    format!("\u{E000}onramp-version-{i}\u{E000}")
}

/// What a sidebar lists, as codes: an item off the page's path (its node),
/// an item on it ([`NAV_OPEN`] | node), a gap (its count after
/// [`NAV_GAP`]), the end of a list ([`NAV_END`]).
type NavSig = Vec<u32>;
const NAV_OPEN: u32 = 1 << 31;
const NAV_GAP: u32 = u32::MAX;
const NAV_END: u32 = u32::MAX - 1;

/// How a sidebar is built: for the page's `nav` (the page's item active and
/// open), or for the shared sidebar (no item active, a page without
/// children listed as it is on every other page).
#[derive(Clone, Copy, PartialEq, Eq)]
enum NavFor {
    Page,
    Shared,
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

/// Which entries of a list of `len` siblings the sidebar shows, as sorted,
/// disjoint, non-adjacent ranges (what lies between two ranges is a gap).
/// `current` is the index of the entry on the current page's path, if the
/// list holds one. A gap is never a single entry: that entry is shown
/// instead, as the link to it is no longer than the gap's.
// A list of one range (the whole list) is meant, not the range's numbers.
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
        let (content, link_diags) = match v.doc {
            Some(d) => env.resolver.resolve(d, self.lang, report),
            None => (String::new(), Vec::new()),
        };
        diags.extend(link_diags);
        let layout = self.layout();
        if !self.layouts.contains(&layout) {
            if report || doc.is_none() {
                let path = doc.map(|d| d.display.clone()).unwrap_or_default();
                let (line, col) = doc.and_then(|d| d.spans.value(&crate::yaml_path!["layout"])).unwrap_or((0, 0));
                let mut known: Vec<&String> = self.layouts.iter().filter(|l| is_layout_name(l)).collect();
                known.sort();
                diags.push(Diagnostic::error(path, line, col, format!("no template for layout `{layout}`")).with_help(
                    format!(
                        "available layouts: {}; or add `templates/{layout}.html`",
                        known.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                ));
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
        let built = crate::layouts::layout_data(env, self.models, self.node, self.lang, &layout);
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
        let translations = self.translations();
        let versions = super::versions::versions_ctx(env, self.node, self.lang);
        let sidebar =
            match self.sidebars.map(|cache| self.shared_sidebar(cache, &key.1, &site_value, versions.as_ref())) {
                Some(Ok(html)) => html,
                // The page's own render reports the partial's error.
                Some(Err(_)) | None => None,
            };
        let nav = (self.own_nav || sidebar.is_none()).then(|| self.nav());
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
                versions: versions.clone(),
            };
            let template = format!("{layout}.html");
            let mut html = Vec::with_capacity(capacity);
            let rendered = tera::Context::from_serialize(&ctx).and_then(|mut c| {
                if let Some(nav) = &nav {
                    c.insert_value("nav", nav.clone());
                }
                c.insert_value("site", site_value.clone());
                if let Some(html) = &sidebar {
                    c.insert("sidebar_html", html);
                }
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
        layout_of(self.env.site, self.node, self.lang)
    }

    fn page_ctx(&self, content: String) -> PageCtx {
        let env = self.env;
        let (v, n) = (self.v(), self.n());
        let doc = env.site.doc(v);
        let lang = &env.config.languages[self.lang];
        let url = self.url(self.node);
        let updated = doc.and_then(|d| env.history.updated.get(&d.display)).and_then(|&t| git::day_of(t));
        let body = v.doc.map(|d| &env.rendered[d]);
        let word_count = body.map_or(0, |r| r.word_count);
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
            toc: body.map(|r| r.toc.clone()).unwrap_or_default(),
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
            edit_url: doc
                .filter(|_| !self.read_from_ref())
                .and_then(|d| self.repo_url("edit", &d.display.to_string_lossy())),
            translate_url: self.translate_url(),
            breadcrumbs: self.ancestors().into_iter().map(|a| self.link(a)).collect(),
            prev: pos.checked_sub(1).map(|p| order[p]).filter(|&p| self.same_lane(p)).map(|p| self.link(p)),
            next: order.get(pos + 1).copied().filter(|&p| self.same_lane(p)).map(|p| self.link(p)),
            pages: summaries(NodeKind::Page),
            subsections: summaries(NodeKind::Section),
            word_count,
            reading_minutes: (word_count / 220).max(1),
            diagrams: body.is_some_and(|r| r.diagrams),
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

    fn format_date(&self, day: time::Date) -> String {
        crate::layouts::common::format_date(self.env, self.lang, day)
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

    /// True for a page of a version read from a git ref: its file is in
    /// no branch to edit.
    fn read_from_ref(&self) -> bool {
        let versions = &self.env.config.versions;
        self.n()
            .version
            .and_then(|v| versions.list.get(v))
            .is_some_and(|v| matches!(v.source, crate::schema::versions::VersionSource::Ref(_)))
    }

    /// Whether `other` is read with this page: both in the same older
    /// version, or both among the latest version's and the unversioned pages.
    fn same_lane(&self, other: usize) -> bool {
        let site = self.env.site;
        site.lane(self.env.config, other) == site.lane(self.env.config, self.node)
    }

    /// The page's ancestors, home first. An older version's root stands in
    /// for its section (`docs/1.x/` for `docs/`): a version is a tree of its own.
    fn ancestors(&self) -> Vec<usize> {
        let mut out = Vec::new();
        let mut p = self.n().parent;
        let mut child = self.node;
        while let Some(i) = p {
            if !self.env.site.version_roots.contains(&child) {
                out.push(i);
            }
            child = i;
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
            .map(|(i, (v, l))| translation_link(c, l, &v.path, v.translated || v.doc.is_none(), i == self.lang))
            .collect()
    }

    /// The sidebar of the page, as the template value of a `[NavEntry]`.
    /// Its size is bounded whatever the site's: the lists on the page's path
    /// are collapsed past [`SIDEBAR_COLLAPSE_AT`] entries, and the lists off
    /// it are listed only up to [`FULL_NAV_LIMIT`] nodes.
    fn nav(&self) -> tera::Value {
        self.nav_for(NavFor::Page).0
    }

    /// The sidebar entries, and what they list.
    fn nav_for(&self, mode: NavFor) -> (tera::Value, NavSig) {
        let mut out = Vec::new();
        let sig = self.nav_walk(mode, Some(&mut out));
        (out.into(), sig)
    }

    /// The codes of the page's sidebar entries, and the entries into `out`
    /// when given: a page whose shared sidebar is cached needs the codes
    /// alone.
    fn nav_walk(&self, mode: NavFor, out: Option<&mut Vec<tera::Value>>) -> NavSig {
        let mut path = self.ancestors();
        path.push(self.node);
        let full = self.env.site.nodes.len() <= FULL_NAV_LIMIT;
        let mut sig = Vec::new();
        // `path[0]` is the home page, whose children are the top level.
        let mut b = NavBuild { mode, full, out, sig: &mut sig };
        self.nav_list(0, path.get(1..).unwrap_or_default(), 0, &mut b);
        sig
    }

    /// The sidebar HTML of the page from the shared sidebars, with the
    /// page's own link marked; `None` when the page's link is not where the
    /// built-in partial puts it (then the page renders its own).
    fn shared_sidebar(
        &self,
        cache: &SidebarCache,
        active_menu: &[bool],
        site_value: &tera::Value,
        versions: Option<&VersionsCtx>,
    ) -> Result<Option<String>, tera::Error> {
        let sig = self.nav_walk(NavFor::Shared, None);
        // A page of a versioned section lists its versions, linking the same
        // page in each: the shared sidebar holds a marker for each link's
        // URL, replaced by the page's own. Which versions are listed, and
        // which is current, is part of the key.
        let listed = versions.map(|v| v.list.iter().map(|l| (l.name.clone(), l.current)).collect());
        let key = (self.lang, active_menu.to_vec(), sig, listed);
        let cached = cache.0.read().ok().and_then(|m| m.get(&key).cloned());
        let html = match cached {
            Some(html) => html,
            None => {
                let lang = &self.env.config.languages[self.lang];
                let (nav, _) = self.nav_for(NavFor::Shared);
                let mut c = tera::Context::new();
                c.insert_value("nav", nav);
                c.insert_value("site", site_value.clone());
                c.insert("lang", &lang.code);
                c.insert("dir", dir_of(lang.direction));
                if let Some(v) = versions {
                    let mut marked = v.clone();
                    for (i, link) in marked.list.iter_mut().enumerate() {
                        link.url = version_marker(i);
                    }
                    c.insert("versions", &marked);
                }
                let html: std::sync::Arc<str> = self.env.tera.render(SIDEBAR_PARTIAL, &c)?.into();
                if let Ok(mut m) = cache.0.write() {
                    m.insert(key, html.clone());
                }
                html
            }
        };
        let html: std::sync::Arc<str> = match versions {
            Some(v) => {
                let mut out = html.to_string();
                for (i, link) in v.list.iter().enumerate() {
                    let mut url = String::new();
                    crate::escape::escape_into(&mut url, &link.url);
                    out = out.replace(&version_marker(i), &url);
                }
                out.into()
            }
            None => html,
        };
        // The page's item link, as the built-in partial writes it, in the
        // entries' list (after the header menu, which may link the same URL).
        let Some(list) = html.find("<ul class=\"nav-list nav-depth-0\">") else {
            return Ok(Some(html.to_string()));
        };
        let mut link = String::from("<a href=\"");
        crate::escape::escape_pieces(&self.url(self.node), |p| link.push_str(p));
        link.push_str("\">");
        Ok(Some(match html[list..].find(&link) {
            Some(at) => {
                let at = list + at + link.len() - 1;
                let mut out = String::with_capacity(html.len() + 24);
                out.push_str(&html[..at]);
                out.push_str(" aria-current=\"page\"");
                out.push_str(&html[at..]);
                out
            }
            // A page the sidebar does not list (the home page).
            None => html.to_string(),
        }))
    }

    /// The children of `parent`, at `depth`, collapsed when they are many.
    /// `path` is the rest of the page's path below `parent`.
    fn nav_list(&self, parent: usize, path: &[usize], depth: usize, b: &mut NavBuild<'_>) {
        let mut children = sidebar_children(self.env.site, parent, self.lang);
        if parent == 0 {
            // The top level of a page of an older version lists that
            // version's sections where the latest version's are.
            let site = self.env.site;
            if let Some(v) = site.lane(self.env.config, self.node) {
                let roots: Vec<usize> =
                    site.version_roots.iter().copied().filter(|&r| site.nodes[r].version == Some(v)).collect();
                if !roots.is_empty() {
                    let swapped = children
                        .iter()
                        .map(|&c| roots.iter().copied().find(|&r| site.nodes[r].parent == Some(c)).unwrap_or(c))
                        .collect();
                    children = std::borrow::Cow::Owned(swapped);
                }
            }
        }
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
                self.nav_gap(parent, depth, range.start - shown, b);
            }
            shown = range.end;
            for &c in &children[range] {
                // The shared sidebar lists the page itself, when it has no
                // children, as every other page of its list does.
                let leaf_page = c == self.node && self.env.site.nodes[c].children.is_empty();
                if Some(c) == on_path && !(b.mode == NavFor::Shared && leaf_page) {
                    self.nav_on_path(c, &path[1..], depth, b);
                } else {
                    self.nav_off_path(c, depth, b);
                }
            }
        }
        if shown < children.len() {
            self.nav_gap(parent, depth, children.len() - shown, b);
        }
    }

    fn nav_gap(&self, section: usize, depth: usize, count: usize, b: &mut NavBuild<'_>) {
        let title = &self.env.site.nodes[section].variants[self.lang].title;
        if let Some(out) = b.out.as_mut() {
            out.push(NavEntry::gap(title, self.url(section), depth, count).value());
        }
        b.sig.extend([NAV_GAP, count as u32]);
    }

    /// An item on the page's path: open, its children listed.
    fn nav_on_path(&self, node: usize, path: &[usize], depth: usize, b: &mut NavBuild<'_>) {
        let n = &self.env.site.nodes[node];
        let has_children = !n.children.is_empty();
        if let Some(out) = b.out.as_mut() {
            let item = NavEntry {
                active: node == self.node && b.mode == NavFor::Page,
                open: true,
                has_children,
                ..NavEntry::item(&n.variants[self.lang].title, self.url(node), depth, n.kind == NodeKind::Section)
            };
            out.push(item.value());
        }
        b.sig.push(NAV_OPEN | node as u32);
        if has_children {
            self.nav_list(node, path, depth + 1, b);
            if let Some(out) = b.out.as_mut() {
                out.push(NavEntry::end(depth).value());
            }
            b.sig.push(NAV_END);
        }
    }

    /// An item off the page's path (and its children when the whole tree
    /// is listed), from the cache.
    fn nav_off_path(&self, node: usize, depth: usize, b: &mut NavBuild<'_>) {
        let key = (node, self.lang);
        b.sig.push(node as u32);
        let Some(out) = b.out.as_mut() else { return };
        if let Some(entries) = self.nav_cache.0.read().ok().as_ref().and_then(|m| m.get(&key)) {
            out.extend(entries.iter().cloned());
            return;
        }
        let full = b.full;
        let n = &self.env.site.nodes[node];
        let has_children = full && !n.children.is_empty();
        let item = NavEntry {
            has_children,
            ..NavEntry::item(&n.variants[self.lang].title, self.url(node), depth, n.kind == NodeKind::Section)
        };
        let mut entries = vec![item.value()];
        if has_children {
            // Its entries depend on the node alone: their codes are the node's.
            let mut sig = Vec::new();
            let mut inner = NavBuild { mode: b.mode, full, out: Some(&mut entries), sig: &mut sig };
            self.nav_list(node, &[], depth + 1, &mut inner);
            entries.push(NavEntry::end(depth).value());
        }
        out.extend(entries.iter().cloned());
        if let Ok(mut m) = self.nav_cache.0.write() {
            m.insert(key, entries);
        }
    }
}

/// The sidebar being built: entries (unless only the codes are wanted)
/// and their codes.
struct NavBuild<'o> {
    mode: NavFor,
    full: bool,
    out: Option<&'o mut Vec<tera::Value>>,
    sig: &'o mut NavSig,
}
