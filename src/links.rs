//! Resolves the links the markdown stage left as empty slots, now that the
//! whole site is known: `.md` paths become page URLs in the page's language
//! (the translation when it exists, else the fallback copy, which lives at the
//! same language's URL), anchors are checked against the target's heading ids,
//! and site-root paths get the base path. A missing page, asset or anchor is
//! an error at the link's `path:line:col`.
//!
//! Entry point: [`Resolver::resolve`].

use crate::content::{Doc, Site};
use crate::diagnostics::{Diagnostic, closest};
use crate::markdown::{LinkTarget, PendingLink, escape_into};
use std::collections::{HashMap, HashSet};

/// Site-wide lookup tables for link resolution.
pub struct Resolver<'a> {
    site: &'a Site,
    nodes: HashMap<&'a str, usize>,
    assets: HashSet<String>,
    base_path: &'a str,
}

impl<'a> Resolver<'a> {
    /// Indexes the site's nodes and asset keys.
    pub fn new(site: &'a Site, asset_keys: impl IntoIterator<Item = String>, base_path: &'a str) -> Self {
        let nodes = site.nodes.iter().enumerate().map(|(i, n)| (n.key.as_str(), i)).collect();
        Resolver { site, nodes, assets: asset_keys.into_iter().collect(), base_path }
    }

    /// Writes `doc`'s HTML for the variant in language `lang_idx`, with
    /// each link's URL spliced in at its slot (one pass, one allocation).
    /// Diagnostics are returned only when `report` is set (the document's
    /// own language), so a fallback copy does not repeat them.
    pub fn resolve(&self, doc: &Doc, lang_idx: usize, report: bool) -> (String, Vec<Diagnostic>) {
        let r = &doc.rendered;
        let html = r.html.as_str();
        let mut diags = Vec::new();
        let mut out = String::with_capacity(html.len() + 48 * r.link_slots.len());
        let mut done = 0;
        for slot in &r.link_slots {
            // Slots are ascending and on character boundaries by construction;
            // `get` keeps a broken invariant from panicking.
            let Some(before) = html.get(done..slot.at) else { continue };
            out.push_str(before);
            done = slot.at;
            match r.links.get(slot.link).map(|link| self.url_of(link, doc, lang_idx)) {
                Some(Ok(url)) => escape_into(&mut out, &url),
                Some(Err(d)) => {
                    if report {
                        diags.push(d);
                    }
                    out.push('#');
                }
                None => out.push('#'),
            }
        }
        out.push_str(&html[done..]);
        (out, diags)
    }

    fn url_of(&self, link: &PendingLink, doc: &Doc, lang_idx: usize) -> Result<String, Diagnostic> {
        let err = |msg: String| Diagnostic::error(&doc.display, link.line, link.col, msg);
        match &link.target {
            LinkTarget::Root(rest) => Ok(format!("{}{rest}", self.base_path)),
            LinkTarget::External(url) => Ok(url.clone()),
            LinkTarget::Anchor(frag) => {
                if frag.is_empty() || has_anchor(doc, frag) || is_footnote(frag) {
                    Ok(format!("#{frag}"))
                } else {
                    Err(anchor_error(
                        err(format!("link to a missing anchor `#{frag}` on this page")),
                        frag,
                        &doc.rendered.heading_ids,
                    ))
                }
            }
            LinkTarget::Asset(key) => {
                if self.assets.contains(key) {
                    return Ok(crate::content::paths::url(self.base_path, key));
                }
                let section = format!("{}/_index.md", key.trim_end_matches('/'));
                match self.nodes.get(section.as_str()) {
                    Some(&i) => Ok(crate::content::paths::url(self.base_path, &self.site.nodes[i].variants[lang_idx].path)),
                    None => Err(err(format!("link to a missing file `{}`", link.written)).with_help(format!(
                        "it points to `content/{key}`; files outside `content/` are not published (use `static/` for shared files)"
                    ))),
                }
            }
            LinkTarget::Page { key, fragment } => {
                let key = self.normalize_key(key);
                let Some(&i) = self.nodes.get(key.as_str()) else {
                    let written = link.written.split('#').next().unwrap_or(&link.written);
                    let mut d = err(format!("link to a missing page `{written}`"));
                    d = match closest(&key, self.nodes.keys().copied()) {
                        Some(c) => d.with_help(format!("it points to `content/{key}`; did you mean `content/{c}`?")),
                        None => d.with_help(format!("it points to `content/{key}`, which does not exist")),
                    };
                    return Err(d);
                };
                let variant = &self.site.nodes[i].variants[lang_idx];
                let url = crate::content::paths::url(self.base_path, &variant.path);
                let Some(frag) = fragment.as_deref().filter(|f| !f.is_empty()) else { return Ok(url) };
                let target = self.site.doc(variant);
                let ids = target.map(|d| d.rendered.heading_ids.as_slice()).unwrap_or(&[]);
                if target.is_some_and(|d| has_anchor(d, frag)) {
                    Ok(format!("{url}#{frag}"))
                } else {
                    Err(anchor_error(err(format!("link to a missing anchor `#{frag}` in `{key}`")), frag, ids))
                }
            }
        }
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

fn has_anchor(doc: &Doc, frag: &str) -> bool {
    let r = &doc.rendered;
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
