//! Resolves the links the markdown stage left as empty slots, now that the
//! whole site is known: `.md` paths become page URLs in the page's language
//! (the translation when it exists, else the fallback copy, which lives at the
//! same language's URL), anchors are checked against the target's heading ids,
//! and site-root paths get the base path. A missing page, asset or anchor is
//! an error at the link's `path:line:col`, marked as a broken link (its
//! level is `check.broken_links`).
//!
//! With `repo:` in site.yaml, links to files of the repository that the site
//! does not publish become forge links ([`crate::discover::repo`]): a relative
//! link that leaves `content/`, and a site-root link (`/LICENSE-APACHE`, from
//! the repository's root as forges read it) to a path where the site
//! publishes nothing known before rendering (a page, a content asset, a
//! `static/` file, the files the build writes itself) while the repository
//! has a file or folder there. Any other site-root link is checked against
//! the written output after rendering ([`Resolver::unpublished_root_links`],
//! which `onramp check` runs on its in-memory output too).
//!
//! Entry point: [`Resolver::resolve`].

use crate::config::SiteConfig;
use crate::content::{Doc, Site};
use crate::diagnostics::{Diagnostic, PathIndex, closest};
use crate::discover::repo::RepoFiles;
use crate::escape::escape_into;
use crate::markdown::{LinkTarget, PendingLink, Rendered, percent_decode};
use std::collections::{HashMap, HashSet};

use std::sync::Mutex;

/// Site-wide lookup tables for link resolution.
pub struct Resolver<'a> {
    site: &'a Site,
    rendered: &'a [Rendered],
    nodes: HashMap<&'a str, usize>,
    assets: HashSet<String>,
    base_path: &'a str,
    /// Output path of every page in every language (`fr/docs/a/`).
    pages: HashSet<&'a str>,
    /// The repository, when `repo:` is set ([`Resolver::with_repo`]).
    repo: Option<RepoFiles>,
    /// Mounted files (path relative to the site folder) → content key.
    mounts: HashMap<String, String>,
    /// Output paths of the site's `static/` files.
    static_files: HashSet<String>,
    /// [`Resolver::root_target`] of each site-root link seen, so that each
    /// distinct target is looked up once whatever the number of links.
    roots: Mutex<HashMap<String, RootTarget>>,
    /// The pages' content keys and output paths, for suggestions, made at
    /// the first broken link.
    suggest_keys: std::sync::OnceLock<PathIndex>,
    suggest_pages: std::sync::OnceLock<PathIndex>,
    /// The site's versions: a broken link of a version other than the
    /// working tree's names its version.
    versions: crate::schema::versions::Versions,
}

/// Where a site-root link (`/x`) leads, as far as it is known before rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RootTarget {
    /// Something the site publishes (a page, asset, static file, theme file…).
    Site,
    /// A file of the repository the site does not publish: its forge URL.
    Forge(String),
    /// Neither is known: the written output decides.
    Unverified,
}

impl<'a> Resolver<'a> {
    /// Indexes the site's nodes and asset keys.
    /// `rendered[i]` is the rendered markdown of `site.docs[i]`.
    pub fn new(
        site: &'a Site,
        rendered: &'a [Rendered],
        asset_keys: impl IntoIterator<Item = String>,
        base_path: &'a str,
    ) -> Self {
        let nodes = site.nodes.iter().enumerate().map(|(i, n)| (n.key.as_str(), i)).collect();
        let pages = site.nodes.iter().flat_map(|n| n.variants.iter().map(|v| v.path.as_str())).collect();
        Resolver {
            site,
            rendered,
            nodes,
            assets: asset_keys.into_iter().collect(),
            base_path,
            pages,
            repo: None,
            mounts: HashMap::new(),
            static_files: HashSet::new(),
            roots: Mutex::new(HashMap::new()),
            suggest_keys: std::sync::OnceLock::new(),
            suggest_pages: std::sync::OnceLock::new(),
            versions: Default::default(),
        }
    }

    /// Links to repository files become forge links (with `repo:`), and
    /// relative links that leave `content/` to a mounted file lead to its
    /// page. `static_files` are the output paths of the site's `static/`
    /// files, as discovery found them.
    pub fn with_repo(mut self, config: &SiteConfig, static_files: impl IntoIterator<Item = String>) -> Self {
        self.repo = RepoFiles::new(config);
        self.mounts = config
            .mount
            .iter()
            .map(|(source, key)| {
                (crate::discover::normalize(&source.replace('\\', "/")), key.trim_start_matches('/').to_string())
            })
            .collect();
        self.static_files = static_files.into_iter().collect();
        self.versions = config.versions.clone();
        self
    }

    /// Writes the HTML of document `d` for the variant in language `lang_idx`, with
    /// each link's URL spliced in at its slot (one pass, one allocation).
    /// Diagnostics are returned only when `report` is set (the document's
    /// own language), so a fallback copy does not repeat them.
    pub fn resolve(&self, d: usize, lang_idx: usize, report: bool) -> (String, Vec<Diagnostic>) {
        let (doc, r) = (&self.site.docs[d], &self.rendered[d]);
        let html = r.html();
        let html = html.as_ref();
        let mut diags = Vec::new();
        let mut out = String::with_capacity(html.len() + 48 * r.link_slots.len());
        let mut done = 0;
        for slot in &r.link_slots {
            // Slots are ascending and on character boundaries by construction;
            // `get` keeps a broken invariant from panicking.
            let Some(before) = html.get(done..slot.at) else { continue };
            out.push_str(before);
            done = slot.at;
            match r.links.get(slot.link).map(|link| self.url_of(link, doc, r, lang_idx)) {
                Some(Ok(url)) => escape_into(&mut out, &url),
                Some(Err(mut d)) => {
                    if report {
                        if let Some(name) = self.version_name(doc) {
                            d.message.push_str(&format!(" (version `{name}`)"));
                            d.help = d.help.map(|h| self.own_keys(&h, doc));
                        }
                        diags.push(d.as_broken_link());
                    }
                    out.push('#');
                }
                None => out.push('#'),
            }
        }
        out.push_str(&html[done..]);
        (out, diags)
    }

    /// The name of the version a document comes from, when it is not the
    /// working tree's (read from a folder or a git ref).
    fn version_name(&self, doc: &Doc) -> Option<&str> {
        let (v, _) = self.versions.version_of_key(&doc.key)?;
        (Some(v) != self.versions.working_tree()).then(|| self.versions.list[v].name.as_str())
    }

    /// `d`, a broken link of `doc`, naming the version `doc` comes from
    /// when it is not the working tree's (`onramp check`'s own link checks).
    pub fn in_version(&self, doc: &Doc, mut d: Diagnostic) -> Diagnostic {
        if let Some(name) = self.version_name(doc) {
            d.message.push_str(&format!(" (version `{name}`)"));
        }
        d
    }

    /// A help line of a versioned document with the content paths of its
    /// version as the version writes them (`content/docs/1.x/a.md` →
    /// `docs/a.md`): the version's files are not under `content/`.
    fn own_keys(&self, help: &str, doc: &Doc) -> String {
        let Some((v, _)) = self.versions.version_of_key(&doc.key) else { return help.to_string() };
        let segment = &self.versions.list[v].segment;
        self.versions.sections.iter().fold(help.to_string(), |h, section| {
            h.replace(&format!("`content/{section}/{segment}/"), &format!("`{section}/"))
        })
    }

    /// The URL of each of document `d`'s links ([`Rendered::links`], in
    /// order) in language `lang_idx`, as [`Resolver::resolve`] writes it;
    /// `None` for a broken link. For the markdown copies of the pages.
    pub fn link_urls(&self, d: usize, lang_idx: usize) -> Vec<Option<String>> {
        let (doc, r) = (&self.site.docs[d], &self.rendered[d]);
        r.links.iter().map(|link| self.url_of(link, doc, r, lang_idx).ok()).collect()
    }

    /// True when a link of document `d` may lead to node `node` (in any
    /// language): a page link to its key, a link to its section's folder,
    /// a link to a mounted file that is its page, or a link to a page or
    /// file that is not found (which a change may make found). The dev
    /// server re-renders those pages when the node's anchors or title change.
    pub fn may_link_to(&self, d: usize, node: usize) -> bool {
        let (doc, r) = (&self.site.docs[d], &self.rendered[d]);
        let key = self.site.nodes[node].key.as_str();
        r.links.iter().any(|link| match &link.target {
            LinkTarget::Page { key: k, .. } => {
                let k = self.normalize_key(k);
                match self.nodes.get(k.as_str()) {
                    Some(&i) => i == node,
                    None => match self.site_relative(doc, &k).and_then(|rel| self.mounts.get(&rel)) {
                        Some(page) => page.trim_start_matches('/') == key,
                        None => true,
                    },
                }
            }
            LinkTarget::Asset(k) => {
                !self.assets.contains(k) && {
                    let section = format!("{}/_index.md", k.trim_end_matches('/'));
                    self.nodes.get(section.as_str()).is_none_or(|&i| i == node)
                }
            }
            LinkTarget::Anchor(_) | LinkTarget::Root(_) | LinkTarget::External(_) => false,
        })
    }

    fn url_of(&self, link: &PendingLink, doc: &Doc, r: &Rendered, lang_idx: usize) -> Result<String, Diagnostic> {
        let err = |msg: String| Diagnostic::error(&doc.display, link.line, link.col, msg);
        match &link.target {
            LinkTarget::Root(rest) => match self.root_target(rest) {
                RootTarget::Forge(url) => Ok(url),
                RootTarget::Site | RootTarget::Unverified => Ok(format!("{}{rest}", self.base_path)),
            },
            LinkTarget::External(url) => Ok(url.clone()),
            LinkTarget::Anchor(frag) => {
                if frag.is_empty() || has_anchor(r, frag) || is_footnote(frag) {
                    Ok(format!("#{frag}"))
                } else {
                    Err(anchor_error(
                        err(format!("link to a missing anchor `#{frag}` on this page")),
                        frag,
                        &r.heading_ids,
                    ))
                }
            }
            LinkTarget::Asset(key) => {
                if self.assets.contains(key) {
                    return Ok(crate::content::paths::url(self.base_path, key));
                }
                let section = format!("{}/_index.md", key.trim_end_matches('/'));
                if let Some(&i) = self.nodes.get(section.as_str()) {
                    return Ok(crate::content::paths::url(self.base_path, &self.site.nodes[i].variants[lang_idx].path));
                }
                if let Some(found) = self.outside_content(link, doc, r, key, lang_idx) {
                    return found;
                }
                let help = match self.missing_in_repo(doc, key) {
                    Some(help) => help,
                    None => format!(
                        "it points to `content/{key}`; files outside `content/` are not published (use `static/` for shared files)"
                    ),
                };
                Err(err(format!("link to a missing file `{}`", link.written)).with_help(help))
            }
            LinkTarget::Page { key, fragment } => {
                let key = self.normalize_key(key);
                let Some(&i) = self.nodes.get(key.as_str()) else {
                    if let Some(found) = self.outside_content(link, doc, r, &key, lang_idx) {
                        return found;
                    }
                    let written = link.written.split('#').next().unwrap_or(&link.written);
                    let mut d = err(format!("link to a missing page `{written}`"));
                    if let Some(help) = self.missing_in_repo(doc, &key) {
                        return Err(d.with_help(help));
                    }
                    // Suggestions come from the link's own version (and the shared pages).
                    let version = |k: &str| self.versions.version_of_key(k).map(|(v, _)| v);
                    let own = version(&key);
                    let index =
                        self.suggest_keys.get_or_init(|| PathIndex::new(self.nodes.keys().map(|k| k.to_string())));
                    d = match index.closest(&key, |k| version(k).is_none_or(|v| Some(v) == own)) {
                        Some(c) => d.with_help(format!("it points to `content/{key}`; did you mean `content/{c}`?")),
                        None => d.with_help(format!("it points to `content/{key}`, which does not exist")),
                    };
                    return Err(d);
                };
                let variant = &self.site.nodes[i].variants[lang_idx];
                let url = crate::content::paths::url(self.base_path, &variant.path);
                let Some(frag) = fragment.as_deref().filter(|f| !f.is_empty()) else { return Ok(url) };
                let target = variant.doc.map(|d| &self.rendered[d]);
                let ids = target.map(|r| r.heading_ids.as_slice()).unwrap_or(&[]);
                if target.is_some_and(|r| has_anchor(r, frag)) {
                    Ok(format!("{url}#{frag}"))
                } else {
                    Err(anchor_error(err(format!("link to a missing anchor `#{frag}` in `{key}`")), frag, ids))
                }
            }
        }
    }

    /// A relative link of a page under `content/` (a mounted file's links
    /// are re-targeted by `crate::markdown::mounted`) whose target `key` leaves
    /// `content/`: the page of a mounted file, or a file of the repository on
    /// the forge. `None` when it is neither.
    fn outside_content(
        &self,
        link: &PendingLink,
        doc: &Doc,
        r: &Rendered,
        key: &str,
        lang_idx: usize,
    ) -> Option<Result<String, Diagnostic>> {
        let site_rel = self.site_relative(doc, key)?;
        let fragment = link.written.split_once('#').map(|(_, f)| f.to_string());
        if let Some(page) = self.mounts.get(&site_rel) {
            let target = LinkTarget::Page { key: page.clone(), fragment };
            return Some(self.url_of(&PendingLink { target, ..link.clone() }, doc, r, lang_idx));
        }
        let repo = self.repo.as_ref()?;
        let path = repo.from_site(&site_rel)?;
        let entry = repo.entry(&path)?;
        Some(Ok(repo.url(&path, entry, fragment.as_deref())))
    }

    /// `key` (relative to `content/`, `../LICENSE`) as a path relative to
    /// the site folder, when it is outside `content/` and `doc` is not a
    /// mounted file.
    fn site_relative(&self, doc: &Doc, key: &str) -> Option<String> {
        if doc.mount.is_some() {
            return None;
        }
        let site_rel = crate::discover::normalize(&format!("content/{key}"));
        (!site_rel.starts_with("content/") && site_rel != "content").then_some(site_rel)
    }

    /// The help line of a link outside `content/` to nothing (with `repo:` only).
    fn missing_in_repo(&self, doc: &Doc, key: &str) -> Option<String> {
        let repo = self.repo.as_ref()?;
        Some(match repo.from_site(&self.site_relative(doc, key)?) {
            Some(path) => repo.missing_help(&path),
            None => "it points outside the repository; only files of the repository can be linked".into(),
        })
    }

    /// Where the site-root link `/rest` leads (see [`RootTarget`]).
    pub fn root_target(&self, rest: &str) -> RootTarget {
        if self.repo.is_none() {
            return RootTarget::Unverified;
        }
        if let Some(known) = self.roots.lock().ok().and_then(|r| r.get(rest).cloned()) {
            return known;
        }
        let target = self.look_up_root(rest);
        if let Ok(mut roots) = self.roots.lock() {
            roots.insert(rest.to_string(), target.clone());
        }
        target
    }

    fn look_up_root(&self, rest: &str) -> RootTarget {
        let Some(repo) = &self.repo else { return RootTarget::Unverified };
        let (before, fragment) = rest.split_once('#').map_or((rest, None), |(p, f)| (p, Some(f)));
        let decoded = percent_decode(before.split('?').next().unwrap_or(before));
        let path = crate::discover::normalize(&decoded);
        if path.is_empty() || path.starts_with("..") {
            return RootTarget::Site;
        }
        // The repository first: its answer is cached, and most site-root
        // links name nothing there.
        match repo.entry(&path) {
            None => RootTarget::Unverified,
            Some(_) if self.publishes(&decoded) => RootTarget::Site,
            Some(entry) => RootTarget::Forge(repo.url(&path, entry, fragment)),
        }
    }

    /// True when the site publishes `path` (decoded, without query and
    /// fragment) in a way known before rendering.
    fn publishes(&self, path: &str) -> bool {
        let page = path.strip_suffix("index.html").unwrap_or(path);
        let page = if page.is_empty() || page.ends_with('/') { page.to_string() } else { format!("{page}/") };
        let file = path.trim_end_matches('/');
        let builds = file.starts_with("theme/")
            || file == "sitemap.xml"
            || file == "robots.txt"
            || file.ends_with("404.html")
            || file.split('/').any(|s| s == "search");
        let is_static = || self.static_files.contains(file);
        self.pages.contains(page.as_str()) || self.assets.contains(file) || builds || is_static()
    }

    /// The site-root links of `doc` that lead nowhere: neither a forge link
    /// ([`Resolver::root_target`]) nor a file of the written output, which
    /// `exists` tells (a path under the output root). The build and
    /// `onramp check` both judge site-root links with it.
    pub fn unpublished_root_links(&self, d: usize, exists: &mut dyn FnMut(&str) -> bool) -> Vec<Diagnostic> {
        let doc = &self.site.docs[d];
        let mut diags = Vec::new();
        for link in &self.rendered[d].links {
            let LinkTarget::Root(rest) = &link.target else { continue };
            if matches!(self.root_target(rest), RootTarget::Forge(_)) || published(rest, exists) {
                continue;
            }
            diags.push(self.missing_root_link(doc, link));
        }
        diags
    }

    /// The error for a site-root link under which nothing is published.
    fn missing_root_link(&self, doc: &Doc, link: &PendingLink) -> Diagnostic {
        let written = strip_query(&link.written);
        let d = Diagnostic::error(
            &doc.display,
            link.line,
            link.col,
            format!("link to a missing page or file `{}`", crate::diagnostics::one_line(written)),
        );
        let pages = self.suggest_pages.get_or_init(|| PathIndex::new(self.pages.iter().map(|p| format!("/{p}"))));
        let d = match pages.closest(written, |_| true) {
            Some(c) => d.with_help(format!("nothing is published at that path; did you mean `{c}`?")),
            None if self.repo.is_some() => d.with_help(
                "nothing is published at that path, and the repository has no such file (a site-root link to a repository file is read from the repository's root)",
            ),
            None => d.with_help(
                "nothing is published at that path; link pages by their markdown file (`docs/a.md`) so that the build checks them",
            ),
        };
        d.as_broken_link()
    }

    /// `guide/install.fr.md` and `fr/guide/install.md` → `guide/install.md`.
    fn normalize_key(&self, key: &str) -> String {
        let langs = &self.site.languages;
        let key = match key.split_once('/') {
            Some((first, rest)) if langs.iter().any(|l| l == first) => rest,
            _ => key,
        };
        if let Some(stem) = key.strip_suffix(".md") {
            if let Some((base, suffix)) = stem.rsplit_once('.') {
                if langs.iter().any(|l| l == suffix) {
                    return format!("{base}.md");
                }
            }
        }
        key.to_string()
    }
}

/// `a/b?x#y` → `a/b`.
fn strip_query(s: &str) -> &str {
    let s = s.split('#').next().unwrap_or(s);
    s.split('?').next().unwrap_or(s)
}

/// True when the output has something at `rest`, a site-root path without
/// the base path (`docs/a/#x`): the file, or the folder's `index.html`.
/// Paths under a `search/` folder are the search index's, whose files are
/// named by their content.
pub fn published(rest: &str, exists: &mut dyn FnMut(&str) -> bool) -> bool {
    let path = percent_decode(strip_query(rest));
    if path.split('/').any(|s| s == "search") {
        return true;
    }
    if path.is_empty() || path.ends_with('/') {
        exists(&format!("{path}index.html"))
    } else {
        exists(&path) || exists(&format!("{path}/index.html"))
    }
}

/// Applies `check.broken_links` to a build's diagnostics: at `warn` the
/// broken links are warnings, at `off` they are left out. Returns the
/// diagnostics and the number of broken links among them before that.
pub fn apply_level(diags: Vec<Diagnostic>, level: crate::schema::check::Level) -> (Vec<Diagnostic>, usize) {
    use crate::schema::check::Level;
    let broken = diags.iter().filter(|d| d.broken_link).count();
    let diags = match level {
        Level::Error => diags,
        Level::Warn => diags
            .into_iter()
            .map(|mut d| {
                if d.broken_link {
                    d.severity = crate::diagnostics::Severity::Warning;
                }
                d
            })
            .collect(),
        Level::Off => diags.into_iter().filter(|d| !d.broken_link).collect(),
    };
    (diags, broken)
}

fn has_anchor(r: &Rendered, frag: &str) -> bool {
    r.heading_ids.iter().chain(&r.alias_ids).any(|id| id == frag)
}

fn is_footnote(frag: &str) -> bool {
    frag.starts_with("fn-") || frag.starts_with("fnref")
}

fn anchor_error(d: Diagnostic, frag: &str, ids: &[String]) -> Diagnostic {
    match closest(frag, ids.iter().map(String::as_str)) {
        Some(c) => d.with_help(format!("did you mean `#{c}`?")),
        None if ids.is_empty() => d.with_help("that page has no headings"),
        None => d.with_help(format!(
            "its headings are {}",
            ids.iter().take(8).map(|i| format!("`#{i}`")).collect::<Vec<_>>().join(", ")
        )),
    }
}
