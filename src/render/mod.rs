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
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// Above this many nodes, the sidebar lists only the current page's branch
/// (its ancestors' children), so output does not grow with the square of the
/// page count.
pub const FULL_NAV_LIMIT: usize = 400;

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
/// template value built from [`NavCache`] (the same as a `[NavItem]`), and
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
    let order_pos: HashMap<usize, usize> = env.site.order.iter().enumerate().map(|(p, &n)| (n, p)).collect();
    let layouts: HashSet<String> =
        env.tera.get_template_names().map(|n| n.trim_end_matches(".html").to_string()).collect();
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
        status_url: c.i18n.status_page.then(|| format!("{}{}{}/", c.base_path, lang.prefix, c.i18n.status_path)),
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
    Some(format!("{base}/{kind}/{}/{}", repo.branch, crate::mount::normalize(&path.replace('\\', "/"))))
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
        return Some(format!("{}?filename={file}", repo_url(config, "new", dir)?));
    }
    let key = &node.key;
    let stem = key.strip_suffix(".md")?;
    let folder = site.lang_index(lang).is_some_and(|i| site.folder_layout.get(i).copied().unwrap_or(false));
    let path = if folder { format!("content/{lang}/{key}") } else { format!("content/{stem}.{lang}.md") };
    let (dir, file) = path.rsplit_once('/').unwrap_or(("", &path));
    let url = repo_url(config, "new", dir)?;
    Some(format!("{url}?filename={file}"))
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
    order_pos: &'e HashMap<usize, usize>,
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

/// Sidebar items as template values, built once per (node, language) and
/// shared by every page that shows them the same way. An item off the
/// current page's path (neither the page nor one of its ancestors) looks
/// the same on every page of a language: not active, not open, its
/// children listed only when the whole tree is. Only the few items on the
/// path are built per page; template values share their contents, so
/// reusing one costs a reference count. On a large site this was a fifth
/// of the render stage (building, then serializing, the tree per page).
#[derive(Default)]
struct NavCache(std::sync::RwLock<FxHashMap<(usize, usize), tera::Value>>);

/// A sidebar item as the template sees it: the fields of a [`NavItem`].
fn nav_value(
    title: &str,
    url: String,
    active: bool,
    open: bool,
    is_section: bool,
    children: Vec<tera::Value>,
) -> tera::Value {
    let mut m = tera::Map::with_capacity(6);
    m.insert("title".into(), title.into());
    m.insert("url".into(), url.into());
    m.insert("active".into(), active.into());
    m.insert("open".into(), open.into());
    m.insert("is_section".into(), is_section.into());
    m.insert("children".into(), children.into());
    m.into()
}

impl PageRender<'_, '_> {
    fn n(&self) -> &Node {
        &self.env.site.nodes[self.node]
    }

    fn v(&self) -> &Variant {
        &self.n().variants[self.lang]
    }

    fn url(&self, node: usize) -> String {
        format!("{}{}", self.env.config.base_path, self.env.site.nodes[node].variants[self.lang].path)
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
            page.url = format!("{}{}", env.config.base_path, output.path);
            page.permalink = format!("{}{}", env.config.base_url, output.path);
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
        let pos = self.order_pos.get(&self.node).copied().unwrap_or(0);
        let order = &env.site.order;
        PageCtx {
            title: v.title.clone(),
            description: v.fm.description.clone().unwrap_or_else(|| lang.description.clone()),
            permalink: format!("{}{}", env.config.base_url, v.path),
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
            original_url: (self.lang > 0).then(|| format!("{}{}", env.config.base_path, n.variants[0].path)),
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
                url: format!("{}{}", c.base_path, v.path),
                permalink: format!("{}{}", c.base_url, v.path),
                translated: v.translated || v.doc.is_none(),
                current: i == self.lang,
            })
            .collect()
    }

    /// The sidebar tree of the page, as the template value of a `[NavItem]`.
    fn nav(&self) -> tera::Value {
        let open: FxHashSet<usize> = self.ancestors().into_iter().chain([self.node]).collect();
        let full = self.env.site.nodes.len() <= FULL_NAV_LIMIT;
        let items: Vec<tera::Value> =
            self.env.site.nodes[0].children.iter().map(|&c| self.nav_item(c, &open, full)).collect();
        items.into()
    }

    fn nav_item(&self, node: usize, open: &FxHashSet<usize>, full: bool) -> tera::Value {
        if !open.contains(&node) {
            return self.nav_off_path(node, full);
        }
        let n = &self.env.site.nodes[node];
        let children =
            sidebar_children(self.env.site, node, self.lang).iter().map(|&c| self.nav_item(c, open, full)).collect();
        nav_value(
            &n.variants[self.lang].title,
            self.url(node),
            node == self.node,
            true,
            n.kind == NodeKind::Section,
            children,
        )
    }

    /// An item off the page's path, from the cache.
    fn nav_off_path(&self, node: usize, full: bool) -> tera::Value {
        let key = (node, self.lang);
        if let Some(v) = self.nav_cache.0.read().ok().and_then(|m| m.get(&key).cloned()) {
            return v;
        }
        let n = &self.env.site.nodes[node];
        let children = if full {
            sidebar_children(self.env.site, node, self.lang).iter().map(|&c| self.nav_off_path(c, full)).collect()
        } else {
            Vec::new()
        };
        let v = nav_value(
            &n.variants[self.lang].title,
            self.url(node),
            false,
            false,
            n.kind == NodeKind::Section,
            children,
        );
        if let Ok(mut m) = self.nav_cache.0.write() {
            m.insert(key, v.clone());
        }
        v
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
