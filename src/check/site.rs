//! The checks that need only the in-memory build: internal links in every
//! language (markdown links, and the URLs of raw HTML, which the build
//! publishes as written), links into another language, orphan pages,
//! translations, alt text, heading levels and duplicate ids.

use super::build::CheckedSite;
use super::source::{self, Pos, Scan};
use super::{Category, Findings};
use crate::content::{Doc, NodeKind, Site};
use crate::diagnostics::{Diagnostic, closest};
use crate::links::Resolver;
use crate::markdown::{LinkTarget, Rendered, classify_link};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Runs the checks; returns the link diagnostics the build itself reports
/// (each page's own language), so that they are not counted twice.
pub fn check(built: &CheckedSite, out: &mut Findings<'_>) -> HashSet<DiagKey> {
    let site = &built.site;
    let mut scans: Vec<Scan> = site.docs.iter().map(source::scan).collect();
    if !built.config.markdown.raw_html {
        // The build omits raw HTML: its links and ids are not on the pages.
        for s in &mut scans {
            s.html_links.clear();
            s.html_ids.clear();
        }
    }
    let resolver = Resolver::new(site, &built.rendered, built.asset_keys(), &built.config.base_path)
        .with_repo(&built.config, built.static_files.iter().cloned());
    let ctx = Ctx::new(built, &resolver);
    let own = broken_links(&ctx, out);
    if !built.page_ids.is_empty() {
        root_links(&ctx, out);
        html_links(&ctx, &scans, out);
    }
    cross_language(&ctx, &scans, out);
    orphans(&ctx, &scans, out);
    translations(built, out);
    for (i, (doc, scan)) in site.docs.iter().zip(&scans).enumerate() {
        missing_alt(doc, scan, out);
        heading_levels(doc, scan, out);
        duplicate_ids(&ctx, i, scan, out);
    }
    own
}

/// What identifies a diagnostic: path, line, column, message.
pub type DiagKey = (std::path::PathBuf, usize, usize, String);

/// The identity of `d`.
pub fn key_of(d: &Diagnostic) -> DiagKey {
    (d.path.clone(), d.line, d.col, d.message.clone())
}

/// Lookup tables shared by the checks.
struct Ctx<'a> {
    built: &'a CheckedSite,
    /// The build's link resolution, with `repo:`.
    resolver: &'a Resolver<'a>,
    site: &'a Site,
    /// Output path of every variant (`fr/docs/a/`) → (node, language index).
    paths: HashMap<&'a str, (usize, usize)>,
    /// Content key → node.
    keys: HashMap<&'a str, usize>,
}

impl<'a> Ctx<'a> {
    fn new(built: &'a CheckedSite, resolver: &'a Resolver<'a>) -> Self {
        let site = &built.site;
        let mut paths = HashMap::new();
        for (n, node) in site.nodes.iter().enumerate() {
            for (li, v) in node.variants.iter().enumerate() {
                paths.insert(v.path.as_str(), (n, li));
            }
        }
        let keys = site.nodes.iter().enumerate().map(|(i, n)| (n.key.as_str(), i)).collect();
        Ctx { built, resolver, site, paths, keys }
    }

    /// The rendered markdown of `doc`, one of the site's documents.
    fn body(&self, doc: &Doc) -> &'a Rendered {
        let docs = &self.site.docs;
        // `doc` is an element of `docs`: its index is its distance from the first.
        let index = (doc as *const Doc as usize - docs.as_ptr() as usize) / std::mem::size_of::<Doc>().max(1);
        debug_assert!(std::ptr::eq(&docs[index], doc));
        &self.built.rendered[index]
    }

    /// A site-root path (`docs/a/#x`, without the base path, percent-encoded
    /// or not) → its page, if it is one.
    fn page_at(&self, rest: &str) -> Option<(usize, usize)> {
        let path = crate::markdown::percent_decode(strip_query(rest));
        let path = path.strip_suffix("index.html").unwrap_or(&path);
        let with_slash = if path.is_empty() || path.ends_with('/') { path.to_string() } else { format!("{path}/") };
        self.paths.get(with_slash.as_str()).copied()
    }

    /// True when the build publishes a file at `rel` (under the output root).
    fn exists(&self, rel: &str) -> bool {
        self.built.page_ids.contains_key(rel) || self.built.copied.contains(rel)
    }

    /// What is published at `rest`, a path under the site root (`docs/a/#x`,
    /// without the base path), and whether its page has the anchor.
    fn lookup(&self, rest: &str) -> Lookup {
        if !crate::links::published(rest, &mut |rel| self.exists(rel)) {
            return Lookup::Missing;
        }
        let Some(frag) = rest.split_once('#').map(|(_, f)| f).filter(|f| !f.is_empty()) else { return Lookup::Found };
        let Some((n, li)) = self.page_at(rest) else { return Lookup::Found };
        let variant = &self.site.nodes[n].variants[li];
        let Some(target) = self.site.doc(variant) else { return Lookup::Found };
        if self.has_anchor(target, &variant.path, frag, &[]) {
            return Lookup::Found;
        }
        Lookup::MissingAnchor { frag: frag.to_string(), ids: self.body(target).heading_ids.clone() }
    }

    /// True when the page of `doc` at `path` (`docs/a/`) has the anchor
    /// `frag`: a heading's id or alias, a footnote, one of `more` (raw HTML
    /// ids), or an element of the rendered page (the template's too).
    fn has_anchor(&self, doc: &Doc, path: &str, frag: &str, more: &[(String, Pos)]) -> bool {
        let decoded = crate::markdown::percent_decode(frag);
        let is = |id: &String| id == frag || *id == decoded;
        let r = self.body(doc);
        if r.heading_ids.iter().chain(&r.alias_ids).any(is)
            || frag.starts_with("fn")
            || more.iter().any(|(id, _)| is(id))
        {
            return true;
        }
        // Only now: scanning the rendered page is the slow part.
        let in_page = |ids: &HashMap<String, usize>| ids.contains_key(frag) || ids.contains_key(&decoded);
        match self.built.page_ids.get(&format!("{path}index.html")) {
            Some(ids) => in_page(ids),
            None => in_page(&source::count_ids(&r.html())),
        }
    }

    /// `dest` as a path from the site root when it points into the site:
    /// `/docs/a/` and `https://site.example/docs/a/` (the site's base URL) → `docs/a/`.
    fn site_path<'d>(&self, dest: &'d str) -> Option<&'d str> {
        let base = &self.built.config.base_url;
        if base.contains("://") {
            if let Some(rest) = dest.strip_prefix(base.as_str()) {
                return Some(rest);
            }
        }
        dest.strip_prefix('/').filter(|r| !r.starts_with('/'))
    }

    /// The node a link of `doc` points at, if it is a page of the site.
    fn target_node(&self, doc: &Doc, target: &LinkTarget) -> Option<usize> {
        match target {
            LinkTarget::Page { key, .. } => self.keys.get(normalize_key(self.site, key).as_str()).copied(),
            LinkTarget::Asset(key) => {
                self.keys.get(format!("{}/_index.md", key.trim_end_matches('/')).as_str()).copied()
            }
            LinkTarget::Root(rest) => self.page_at(rest).map(|(n, _)| n),
            LinkTarget::Anchor(_) => self.keys.get(doc.key.as_str()).copied(),
            LinkTarget::External(_) => None,
        }
    }
}

/// What a path of the site leads to (see [`Ctx::lookup`]).
enum Lookup {
    /// A page or file, with the anchor if there is one.
    Found,
    /// Nothing is published there.
    Missing,
    /// A page without the anchor; its heading ids.
    MissingAnchor { frag: String, ids: Vec<String> },
}

fn strip_query(s: &str) -> &str {
    let s = s.split('#').next().unwrap_or(s);
    s.split('?').next().unwrap_or(s)
}

/// `guide/install.fr.md` and `fr/guide/install.md` → `guide/install.md` (as the resolver does).
fn normalize_key(site: &Site, key: &str) -> String {
    let langs = &site.languages;
    let key = match key.split_once('/') {
        Some((first, rest)) if langs.iter().any(|l| l == first) => rest,
        _ => key,
    };
    if let Some((base, suffix)) = key.strip_suffix(".md").and_then(|s| s.rsplit_once('.')) {
        if langs.iter().any(|l| l == suffix) {
            return format!("{base}.md");
        }
    }
    key.to_string()
}

/// Every link of every document, resolved in every language that shows the
/// document (its own, and the languages where it is a fallback copy).
fn broken_links(ctx: &Ctx<'_>, out: &mut Findings<'_>) -> HashSet<DiagKey> {
    let site = ctx.site;
    let resolver = ctx.resolver;
    // (document, line, column, message) → the diagnostic and the languages it shows in.
    type Seen = BTreeMap<(usize, usize, usize, String), (Diagnostic, Vec<usize>)>;
    let mut by_diag = Seen::new();
    for node in &site.nodes {
        for (li, v) in node.variants.iter().enumerate() {
            let Some(d) = v.doc else { continue };
            for diag in resolver.resolve(d, li, true).1 {
                let key = (d, diag.line, diag.col, diag.message.clone());
                by_diag.entry(key).or_insert_with(|| (diag, Vec::new())).1.push(li);
            }
        }
    }
    let mut own = HashSet::new();
    for ((d, ..), (diag, langs)) in by_diag {
        let doc = &site.docs[d];
        if langs.iter().any(|&li| site.languages[li] == doc.lang) {
            own.insert(key_of(&diag));
            out.push(Category::BrokenLinks, diag);
            continue;
        }
        let names: Vec<String> = langs.iter().map(|&li| format!("`{}`", site.languages[li])).collect();
        let mut diag = diag;
        diag.message = format!(
            "{} (on the {} page{}, which show{} this file untranslated)",
            diag.message,
            names.join(", "),
            if names.len() == 1 { "" } else { "s" },
            if names.len() == 1 { "s" } else { "" },
        );
        out.push(Category::BrokenLinks, diag);
    }
    own
}

/// Links written as site paths (`/docs/a/`): where nothing is published,
/// the error is the build's own (`pipeline::unpublished_root_links`, over
/// what the check keeps of the output, in the build category's
/// diagnostics); a forge link to a repository file is not a site path.
/// Anchors on site paths are checked here only.
fn root_links(ctx: &Ctx<'_>, out: &mut Findings<'_>) {
    for (d, doc) in ctx.site.docs.iter().enumerate() {
        for link in &ctx.built.rendered[d].links {
            let LinkTarget::Root(rest) = &link.target else { continue };
            if matches!(ctx.resolver.root_target(rest), crate::links::RootTarget::Forge(_)) {
                continue;
            }
            let err = |msg: String| Diagnostic::error(&doc.display, link.line, link.col, msg);
            match ctx.lookup(rest) {
                Lookup::Found | Lookup::Missing => {}
                Lookup::MissingAnchor { frag, ids } => {
                    let mut d = err(format!("link to a missing anchor `#{frag}` on `/{}`", strip_query(rest)));
                    if let Some(c) = closest(&frag, ids.iter().map(String::as_str)) {
                        d = d.with_help(format!("did you mean `#{c}`?"));
                    }
                    out.push(Category::BrokenLinks, ctx.resolver.in_version(doc, d));
                }
            }
        }
    }
}

/// The URLs of raw HTML (`<a href>`, `<img src>`, …), which the build
/// publishes as written: a site path must hold the base path itself, and a
/// relative path is resolved by the browser from the page's URL (in every
/// language that shows the file), not from the markdown file.
fn html_links(ctx: &Ctx<'_>, scans: &[Scan], out: &mut Findings<'_>) {
    let site = ctx.site;
    // The pages that show each file (language, path): its own language's first.
    let mut pages: Vec<Vec<(usize, &str)>> = vec![Vec::new(); site.docs.len()];
    for node in &site.nodes {
        for (li, v) in node.variants.iter().enumerate() {
            if let Some(shown) = v.doc.and_then(|d| pages.get_mut(d)) {
                shown.push((li, v.path.as_str()));
            }
        }
    }
    for (i, (doc, scan)) in site.docs.iter().zip(scans).enumerate() {
        let shown = &mut pages[i];
        shown.sort_by_key(|&(li, _)| (site.languages[li] != doc.lang, li));
        let Some(&(first_lang, first_path)) = shown.first() else { continue };
        // Positions the markdown pass has checked already.
        let markdown: HashSet<(usize, usize)> = ctx
            .body(doc)
            .links
            .iter()
            .map(|l| (l.line, l.col))
            .chain(scan.links.iter().map(|l| (l.pos.line, l.pos.col)))
            .collect();
        for link in &scan.html_links {
            if markdown.contains(&(link.pos.line, link.pos.col)) {
                continue;
            }
            // Web links, `mailto:`, `tel:`, `javascript:`, `data:`: not paths of the site.
            let Some(target) = classify_link(&link.dest, &doc.key) else { continue };
            let diag = match &target {
                LinkTarget::Anchor(frag) => same_page_anchor(ctx, doc, scan, first_path, link, frag),
                _ if link.dest.starts_with('/') => html_root_link(ctx, doc, link),
                _ => {
                    // Resolved from each page's URL: a fallback copy lives elsewhere.
                    let mut failed: Vec<(usize, Diagnostic)> = Vec::new();
                    for &(li, path) in shown.iter() {
                        if let Some(d) = html_relative_link(ctx, doc, link, path, &target) {
                            failed.push((li, d));
                        }
                    }
                    match failed.first() {
                        Some((li, _)) if *li == first_lang && site.languages[*li] == doc.lang => {
                            failed.into_iter().next().map(|(_, d)| d)
                        }
                        Some(_) => {
                            let names: Vec<String> =
                                failed.iter().map(|(li, _)| format!("`{}`", site.languages[*li])).collect();
                            failed.into_iter().next().map(|(_, mut d)| {
                                d.message = format!(
                                    "{} (on the {} page{}, which show{} this file untranslated)",
                                    d.message,
                                    names.join(", "),
                                    if names.len() == 1 { "" } else { "s" },
                                    if names.len() == 1 { "s" } else { "" },
                                );
                                d
                            })
                        }
                        None => None,
                    }
                }
            };
            if let Some(d) = diag {
                out.push(Category::BrokenLinks, ctx.resolver.in_version(doc, d));
            }
        }
    }
}

/// `href="#x"` in raw HTML: an id of the page.
fn same_page_anchor(
    ctx: &Ctx<'_>,
    doc: &Doc,
    scan: &Scan,
    path: &str,
    link: &source::Link,
    frag: &str,
) -> Option<Diagnostic> {
    // `#` and `#top` go to the top of the page.
    if frag.is_empty() || frag.eq_ignore_ascii_case("top") || ctx.has_anchor(doc, path, frag, &scan.html_ids) {
        return None;
    }
    let ids: Vec<&str> = ctx
        .body(doc)
        .heading_ids
        .iter()
        .map(String::as_str)
        .chain(scan.html_ids.iter().map(|(id, _)| id.as_str()))
        .collect();
    let d = at(doc, link.pos, format!("link to a missing anchor `#{frag}` on this page"));
    Some(anchor_help(d, frag, &ids, "ids", "this page has no headings or ids"))
}

/// `href="/site/docs/a/"` in raw HTML: published at that path, base path included.
fn html_root_link(ctx: &Ctx<'_>, doc: &Doc, link: &source::Link) -> Option<Diagnostic> {
    let base = ctx.built.config.base_path.as_str();
    let dest = link.dest.as_str();
    let written = strip_query(dest);
    let rest = dest.strip_prefix(base).or_else(|| {
        dest.strip_prefix(base.trim_end_matches('/')).filter(|r| r.is_empty() || r.starts_with(['?', '#']))
    });
    let Some(rest) = rest else {
        // Raw HTML does not get the base path.
        let d =
            at(doc, link.pos, format!("link to a missing page or file `{}`", crate::diagnostics::one_line(written)));
        let with_base = format!("{base}{}", &dest[1..]);
        let help = match ctx.lookup(&dest[1..]) {
            Lookup::Missing => {
                format!("the site is published under `{base}`, and raw HTML does not get that base path")
            }
            _ => format!(
                "the site is published under `{base}`, and raw HTML does not get that base path; did you mean `{}`?",
                strip_query(&with_base)
            ),
        };
        return Some(d.with_help(help));
    };
    match ctx.lookup(rest) {
        Lookup::Found => None,
        Lookup::Missing => Some(missing_file(ctx, doc, link, written, None)),
        Lookup::MissingAnchor { frag, ids } => {
            let d = at(doc, link.pos, format!("link to a missing anchor `#{frag}` on `{written}`"));
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            Some(anchor_help(d, &frag, &ids, "headings", "that page has no headings"))
        }
    }
}

/// `href="../guide/"`, `src="img/a.png"` in raw HTML, on the page at `page`
/// (`docs/a/`): resolved from the page's URL, as the browser does.
fn html_relative_link(
    ctx: &Ctx<'_>,
    doc: &Doc,
    link: &source::Link,
    page: &str,
    target: &LinkTarget,
) -> Option<Diagnostic> {
    let base = ctx.built.config.base_path.as_str();
    let page_url = format!("{base}{page}");
    let dest = link.dest.as_str();
    let (rel, frag) = match dest.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (dest, None),
    };
    let rel = rel.split('?').next().unwrap_or(rel);
    let url = join_url_path(&page_url, rel);
    let written = strip_query(dest);
    let Some(rest) = url.strip_prefix(base) else {
        return Some(missing_file(ctx, doc, link, written, Some((&page_url, &url, target))));
    };
    let rest = match frag {
        Some(f) => format!("{rest}#{f}"),
        None => rest.to_string(),
    };
    match ctx.lookup(&rest) {
        Lookup::Found => None,
        Lookup::Missing => Some(missing_file(ctx, doc, link, written, Some((&page_url, &url, target)))),
        Lookup::MissingAnchor { frag, ids } => {
            let d = at(doc, link.pos, format!("link to a missing anchor `#{frag}` on `{url}`"));
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            Some(anchor_help(d, &frag, &ids, "headings", "that page has no headings"))
        }
    }
}

/// "link to a missing page or file", with a suggestion: for a relative path
/// (`relative`: the page's URL, where it leads, and what a markdown link
/// written the same would point at), what the path means from the markdown
/// file when that exists, else the closest page or file of the site.
fn missing_file(
    ctx: &Ctx<'_>,
    doc: &Doc,
    link: &source::Link,
    written: &str,
    relative: Option<(&str, &str, &LinkTarget)>,
) -> Diagnostic {
    let base = ctx.built.config.base_path.as_str();
    let d = at(doc, link.pos, format!("link to a missing page or file `{}`", crate::diagnostics::one_line(written)));
    let Some((page_url, url, target)) = relative else {
        let pages: Vec<String> = ctx.paths.keys().map(|p| format!("{base}{p}")).collect();
        return match closest(written, pages.iter().map(String::as_str)) {
            Some(c) => d.with_help(format!("nothing is published at that path; did you mean `{c}`?")),
            None if is_file(written) => d.with_help(
                "nothing is published at that path; files under `static/` are published from the site root",
            ),
            None => d.with_help(
                "nothing is published at that path; a markdown link to the page's file (`docs/a.md`) is checked by the build",
            ),
        };
    };
    let mut help = format!(
        "raw HTML is published as written: from the page's URL `{page_url}` this is `{url}`, where nothing is published"
    );
    // What the same path means from the markdown file, as a markdown link would.
    let from_file = match target {
        LinkTarget::Asset(key) if ctx.exists(key) => Some(format!("{base}{key}")),
        LinkTarget::Page { key, .. } | LinkTarget::Asset(key) => {
            let key =
                if key.ends_with(".md") { key.clone() } else { format!("{}/_index.md", key.trim_end_matches('/')) };
            let own = ctx.site.lang_index(&doc.lang).unwrap_or(0);
            ctx.keys
                .get(normalize_key(ctx.site, &key).as_str())
                .map(|&n| format!("{base}{}", ctx.site.nodes[n].variants[own].path))
        }
        _ => None,
    };
    let suggestion = from_file.or_else(|| {
        let published: Vec<String> = ctx
            .paths
            .keys()
            .map(|p| format!("{base}{p}"))
            .chain(ctx.built.copied.iter().filter(|c| !c.starts_with("theme/")).map(|c| format!("{base}{c}")))
            .collect();
        closest(url, published.iter().map(String::as_str)).map(str::to_string)
    });
    if let Some(s) = suggestion {
        help.push_str(&format!("; did you mean `{s}`?"));
    }
    d.with_help(help)
}

/// True when `path`'s last segment has an extension (`a.png`, not `docs/a/`).
fn is_file(path: &str) -> bool {
    path.rsplit('/').next().is_some_and(|last| last.contains('.'))
}

/// `rel` (a relative URL path, no query or fragment) resolved from the page
/// URL `page` (`/site/docs/a/`), `.` and `..` removed as the browser does.
fn join_url_path(page: &str, rel: &str) -> String {
    if rel.is_empty() {
        return page.to_string();
    }
    let dir = &page[..page.rfind('/').map_or(0, |i| i + 1)];
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let segments: Vec<&str> = rel.split('/').collect();
    for (k, seg) in segments.iter().enumerate() {
        let last = k + 1 == segments.len();
        match *seg {
            "." => {}
            ".." => {
                parts.pop();
            }
            "" if !last => {}
            s => parts.push(s),
        }
    }
    let dir_like = matches!(segments.last(), Some(&"" | &"." | &".."));
    let mut url = format!("/{}", parts.join("/"));
    if dir_like && !url.ends_with('/') {
        url.push('/');
    }
    url
}

/// Help for a missing anchor: the closest id, else the page's `what` (ids or headings).
fn anchor_help(d: Diagnostic, frag: &str, ids: &[&str], what: &str, none: &str) -> Diagnostic {
    match closest(frag, ids.iter().copied()) {
        Some(c) => d.with_help(format!("did you mean `#{c}`?")),
        None if ids.is_empty() => d.with_help(none.to_string()),
        None => d.with_help(format!(
            "its {what} are {}",
            ids.iter().take(8).map(|i| format!("`#{i}`")).collect::<Vec<_>>().join(", ")
        )),
    }
}

/// A translation linking to another language's version of a page that is
/// translated into its own language.
fn cross_language(ctx: &Ctx<'_>, scans: &[Scan], out: &mut Findings<'_>) {
    if !out.enabled(Category::CrossLanguageLinks) {
        return;
    }
    let site = ctx.site;
    for (doc, scan) in site.docs.iter().zip(scans) {
        let Some(own) = site.lang_index(&doc.lang) else { continue };
        if own == 0 {
            continue;
        }
        // Raw HTML is published as written: its site paths hold the base path.
        let base = ctx.built.config.base_path.as_str();
        let raw = scan.html_links.iter().map(|l| (l, true));
        for (link, html) in scan.links.iter().map(|l| (l, false)).chain(raw) {
            let rest = match html {
                true if link.dest.starts_with('/') => link.dest.strip_prefix(base),
                _ => ctx.site_path(&link.dest),
            };
            let Some(rest) = rest else { continue };
            let Some((n, li)) = ctx.page_at(rest) else { continue };
            let mine = &site.nodes[n].variants[own];
            if li == own || !mine.translated {
                continue;
            }
            let key = &site.nodes[n].key;
            let or_file = if html {
                String::new()
            } else {
                format!(", or to the markdown file `{key}`, which resolves to the reader's language")
            };
            let d = Diagnostic::warning(
                &doc.display,
                link.pos.line,
                link.pos.col,
                format!(
                    "link to the `{}` version of a page that is translated into `{}`: `{}`",
                    site.languages[li], doc.lang, link.dest
                ),
            )
            .with_help(format!("link to `{}{}`{or_file}", ctx.built.config.base_path, mine.path));
            out.push(Category::CrossLanguageLinks, d);
        }
    }
}

/// Pages that nothing leads to but the sidebar (which lists every page, so
/// it does not count): not the home page or a section, not listed on their
/// section's page (pages directly under the home page are not), not in the
/// menu, not in a getting-started path and not linked from another page
/// (by a markdown link or raw HTML).
fn orphans(ctx: &Ctx<'_>, scans: &[Scan], out: &mut Findings<'_>) {
    if !out.enabled(Category::Orphans) {
        return;
    }
    let site = ctx.site;
    let mut reached: HashSet<usize> = HashSet::new();
    for (d, doc) in site.docs.iter().enumerate() {
        let from = ctx.keys.get(doc.key.as_str()).copied();
        for link in &ctx.body(doc).links {
            if let Some(n) = ctx.target_node(doc, &link.target).filter(|&n| Some(n) != from) {
                reached.insert(n);
            }
        }
        // Raw HTML links: site paths with the base path, relative ones from the page's URL.
        let base_path = ctx.built.config.base_path.as_str();
        let own_path = from.and_then(|n| {
            let li = site.lang_index(&doc.lang)?;
            site.nodes[n].variants.get(li).map(|v| v.path.as_str())
        });
        for link in &scans[d].html_links {
            let url = match classify_link(&link.dest, &doc.key) {
                Some(LinkTarget::Anchor(_)) | None => continue,
                Some(_) if link.dest.starts_with('/') => strip_query(&link.dest).to_string(),
                Some(_) => match own_path {
                    Some(p) => join_url_path(&format!("{base_path}{p}"), strip_query(&link.dest)),
                    None => continue,
                },
            };
            let n = url.strip_prefix(base_path).and_then(|rest| ctx.page_at(rest)).map(|(n, _)| n);
            if let Some(n) = n.filter(|&n| Some(n) != from) {
                reached.insert(n);
            }
        }
        // Web links to the site's own URLs.
        let base = &ctx.built.config.base_url;
        if base.contains("://") {
            for n in doc.text.match_indices(base.as_str()).filter_map(|(i, _)| {
                let rest = &doc.text[i + base.len()..];
                let end =
                    rest.find(|c: char| c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '>')).unwrap_or(rest.len());
                ctx.page_at(&rest[..end]).map(|(n, _)| n)
            }) {
                if Some(n) != from {
                    reached.insert(n);
                }
            }
        }
        // Front matter values that name a page: a layout's path pages, actions, cards.
        let fm_values = doc.text[..doc.body_offset.min(doc.text.len())].lines().filter_map(|l| {
            let v = l.split_once(':')?.1.trim().trim_matches(['"', '\'']);
            (v.starts_with('/') || v.ends_with(".md") || v.contains("://")).then(|| v.to_string())
        });
        let fm = &doc.fm;
        let keys = fm.paths.iter().flatten().flat_map(|p| p.pages.iter().cloned());
        for dest in keys.chain(fm_values) {
            let n = match ctx.site_path(&dest) {
                Some(rest) => ctx.page_at(rest).map(|(n, _)| n),
                None => classify_link(&dest, "_index.md").and_then(|t| ctx.target_node(doc, &t)),
            };
            if let Some(n) = n.filter(|&n| Some(n) != from) {
                reached.insert(n);
            }
        }
    }
    for entry in &ctx.built.config.menu {
        if let Some(rest) = ctx.site_path(&entry.url) {
            let rest = rest.strip_prefix(ctx.built.config.base_path.trim_start_matches('/')).unwrap_or(rest);
            if let Some((n, _)) = ctx.page_at(rest) {
                reached.insert(n);
            }
        }
    }
    for (n, node) in site.nodes.iter().enumerate() {
        let listed = node.parent.is_some_and(|p| p != 0);
        if n == 0 || node.kind == NodeKind::Section || listed || reached.contains(&n) {
            continue;
        }
        let Some(doc) = site.doc(&node.variants[0]) else { continue };
        let d = Diagnostic::warning(&doc.display, 1, 1, "no page links to this page, and it is not in the menu")
            .with_help("only the sidebar leads to it: link to it from a page, add it to `menu:` in site.yaml, or move it into a section");
        out.push(Category::Orphans, d);
    }
}

/// Outdated translations at their file; per language, a summary of what is
/// missing at the language's entry in site.yaml (from [`crate::translation::status`]).
fn translations(built: &CheckedSite, out: &mut Findings<'_>) {
    if !out.enabled(Category::Translations) {
        return;
    }
    for lang in &built.translations.languages {
        for path in &lang.pages.outdated {
            let doc = built.site.docs.iter().find(|d| &d.display == path);
            let line = doc.and_then(|d| d.spans.key(&crate::yaml_path!["translation_of"])).map_or(1, |(line, _)| line);
            let source = doc
                .and_then(|d| {
                    built.site.docs.iter().find(|s| s.key == d.key && s.lang == built.translations.default_language)
                })
                .map(|s| s.display.display().to_string().replace('\\', "/"))
                .unwrap_or_default();
            out.push(
                Category::Translations,
                Diagnostic::warning(
                    path,
                    line,
                    1,
                    format!("outdated translation: `{source}` changed since it was translated"),
                )
                .with_help(format!(
                    "update the translation, then run `onramp i18n stamp {}`",
                    path.display().to_string().replace('\\', "/")
                )),
            );
        }
        let ui = lang.ui_missing.len();
        if lang.missing + lang.outdated + lang.unknown + ui == 0 {
            continue;
        }
        let mut parts = Vec::new();
        if lang.missing > 0 {
            parts.push(format!("{} of {} pages untranslated", lang.missing, lang.total));
        }
        if lang.outdated > 0 {
            parts.push(format!("{} outdated", lang.outdated));
        }
        if lang.unknown > 0 {
            parts.push(format!("{} without a `translation_of` stamp", lang.unknown));
        }
        if ui > 0 {
            parts.push(format!("{ui} UI message{} missing", if ui == 1 { "" } else { "s" }));
        }
        let (line, col) = built
            .config
            .languages
            .iter()
            .position(|l| l.code == lang.code)
            .and_then(|i| built.config.spans.key(&crate::yaml_path!["languages", i, "code"]))
            .unwrap_or((1, 1));
        let missing: Vec<String> = lang
            .pages
            .missing
            .iter()
            .take(5)
            .map(|p| format!("`{}`", p.display().to_string().replace('\\', "/")))
            .collect();
        let help = if missing.is_empty() {
            format!("`onramp i18n status --lang {}` lists them", lang.code)
        } else {
            let more = lang.pages.missing.len().saturating_sub(missing.len());
            let more = if more > 0 { format!(" and {more} more") } else { String::new() };
            format!(
                "untranslated: {}{more}; `onramp i18n status --lang {}` lists everything",
                missing.join(", "),
                lang.code
            )
        };
        out.push(
            Category::Translations,
            Diagnostic::warning(
                crate::config::CONFIG_FILE,
                line,
                col,
                format!("language `{}`: {} ({:.1}% done)", lang.code, parts.join(", "), lang.percent),
            )
            .with_help(help),
        );
    }
}

fn at(doc: &Doc, pos: Pos, message: String) -> Diagnostic {
    Diagnostic::error(&doc.display, pos.line, pos.col, message)
}

fn missing_alt(doc: &Doc, scan: &Scan, out: &mut Findings<'_>) {
    for (pos, src) in &scan.missing_alt {
        let what = if src.is_empty() { "an image".to_string() } else { format!("`{src}`") };
        out.push(
            Category::MissingAlt,
            at(doc, *pos, format!("image without alt text: {what}")).with_help(
                "describe the image for readers who cannot see it: `![what it shows](…)` or `<img alt=\"…\">`",
            ),
        );
    }
}

/// The page title is the h1: the body's headings start at h2, and each one
/// is at most one level below the one before.
fn heading_levels(doc: &Doc, scan: &Scan, out: &mut Findings<'_>) {
    let mut prev = 1u8;
    for h in &scan.headings {
        if h.level > prev + 1 {
            let want = prev + 1;
            let d = at(doc, h.pos, format!("heading level skips from h{prev} to h{}", h.level)).with_help(format!(
                "make it an h{want} (`{} …`), or add the missing level above it",
                "#".repeat(want as usize)
            ));
            out.push(Category::HeadingLevels, d);
        }
        prev = h.level;
    }
}

/// Ids given twice in one page: two headings with the same `{#id}` (the
/// second silently gets `-1`), raw HTML ids that clash with a heading's or
/// with each other, and ids that clash with the page template's elements.
fn duplicate_ids(ctx: &Ctx<'_>, i: usize, scan: &Scan, out: &mut Findings<'_>) {
    if !out.enabled(Category::DuplicateIds) {
        return;
    }
    let doc = &ctx.site.docs[i];
    let r = &ctx.built.rendered[i];
    let mut written: HashMap<String, Pos> = HashMap::new();
    for (k, h) in scan.headings.iter().enumerate() {
        let rendered = r.heading_ids.get(k);
        if let Some(id) = &h.explicit {
            if rendered.is_some_and(|r| r != id) {
                let other = scan.headings[..k].iter().enumerate().find(|(j, _)| r.heading_ids.get(*j) == Some(id));
                let where_ = other.map_or(String::new(), |(_, o)| format!(" on line {}", o.pos.line));
                let d = at(doc, h.pos, format!("duplicate id `{id}`: the heading{where_} has it already")).with_help(
                    format!(
                        "this heading gets `#{}` instead; give one of them another id",
                        rendered.map_or("", |s| s.as_str())
                    ),
                );
                out.push(Category::DuplicateIds, d);
            }
        }
        if let Some(id) = rendered {
            written.entry(id.clone()).or_insert(h.pos);
        }
    }
    for (id, pos) in &scan.html_ids {
        match written.get(id) {
            Some(first) => {
                let d = at(doc, *pos, format!("duplicate id `{id}`: line {} has it already", first.line))
                    .with_help("ids must be unique in a page; rename one of them");
                out.push(Category::DuplicateIds, d);
            }
            None => {
                written.insert(id.clone(), *pos);
            }
        }
    }
    // Ids the page template uses too (the layout's own elements).
    let content = source::count_ids(&r.html());
    let node = ctx.keys.get(doc.key.as_str()).copied();
    let Some(li) = ctx.site.lang_index(&doc.lang) else { return };
    let Some(n) = node else { return };
    let v = &ctx.site.nodes[n].variants[li];
    if v.doc != Some(i) {
        return;
    }
    let Some(page) = ctx.built.page_ids.get(&format!("{}index.html", v.path)) else { return };
    let mut clashes: Vec<(&String, &Pos)> = written
        .iter()
        .filter(|(id, _)| page.get(*id).copied().unwrap_or(0) > content.get(*id).copied().unwrap_or(0))
        .collect();
    clashes.sort_by_key(|(_, p)| (p.line, p.col));
    for (id, pos) in clashes {
        let d = at(doc, *pos, format!("duplicate id `{id}`: the page's template has an element with this id"))
            .with_help("choose another id; the template's element and this one would share the anchor");
        out.push(Category::DuplicateIds, d);
    }
}
