//! `getting-started`: numbered steps from front matter, each a card with a
//! title, text, sub-items and a call to action; and paths, each an ordered
//! series of pages ("Use the project", "Contribute to it"). Every page of a
//! path, whatever its layout, shows "step N of M", the path's progress and
//! links to the previous and next pages of the path ([`PathIndex`]).
//!
//! ```yaml
//! layout: getting-started
//! steps:
//!   - title: Install
//!     text: Install the command line tool.
//!     items: [Rust 1.85 or newer, Git]
//!     action: {label: Install guide, url: getting-started/install.md}
//! paths:
//!   - title: Use the project
//!     description: From install to a published site.
//!     pages: [getting-started/install.md, docs/writing.md]
//! ```
//!
//! Pages of a path and `.md` links of actions are content keys (the path
//! under `content/`, as in markdown links, in any language's spelling); a
//! missing page is an error at its line in front matter.

use super::common::{key_error, local_url, safe_link, value_error};
use crate::content::Doc;
use crate::diagnostics::{Diagnostic, closest};
use crate::render::RenderEnv;
use crate::render::context::PageLink;
pub use crate::schema::getting_started::{ActionFm, PathFm, StepFm};
use crate::yaml::Seg;
use crate::yaml_path;
use serde::Serialize;
use std::collections::HashMap;

/// `layout_data.getting_started`.
#[derive(Debug, Clone, Serialize)]
pub struct GettingStartedCtx {
    /// The numbered steps.
    pub steps: Vec<StepCtx>,
    /// The paths that start here.
    pub paths: Vec<PathCtx>,
}

/// A numbered step.
#[derive(Debug, Clone, Serialize)]
pub struct StepCtx {
    /// From 1.
    pub number: usize,
    /// Title.
    pub title: String,
    /// Text.
    pub text: String,
    /// Sub-items.
    pub items: Vec<String>,
    /// Call to action, resolved.
    pub action: Option<PageLink>,
}

/// A path on the getting-started page.
#[derive(Debug, Clone, Serialize)]
pub struct PathCtx {
    /// Anchor.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// The pages, in order.
    pub pages: Vec<PageLink>,
}

/// `layout_data.path_progress[]`: where a page stands in one path.
#[derive(Debug, Clone, Serialize)]
pub struct PathProgressCtx {
    /// The path's title.
    pub title: String,
    /// The path on its getting-started page.
    pub url: String,
    /// This page's position, from 1.
    pub current: usize,
    /// Pages in the path.
    pub total: usize,
    /// Every page of the path, for the progress list.
    pub steps: Vec<PathStepCtx>,
    /// The previous page of the path.
    pub prev: Option<PageLink>,
    /// The next page of the path.
    pub next: Option<PageLink>,
}

/// One page in a path's progress list.
#[derive(Debug, Clone, Serialize)]
pub struct PathStepCtx {
    /// Title.
    pub title: String,
    /// URL.
    pub url: String,
    /// True for the page being rendered.
    pub current: bool,
    /// True for the pages before it.
    pub done: bool,
}

/// A path, resolved: its owner page, position on it, and member nodes.
#[derive(Debug, Clone)]
struct ResolvedPath {
    owner: usize,
    id: String,
    title: String,
    nodes: Vec<usize>,
}

/// The paths of the site, per language, and which pages are in them.
#[derive(Debug, Default)]
pub struct PathIndex {
    /// Per language: the resolved paths.
    paths: Vec<Vec<ResolvedPath>>,
    /// Per language: node → (path, position) for every member.
    members: Vec<HashMap<usize, Vec<(usize, usize)>>>,
}

/// The node of a content key written in front matter (`docs/a.md`,
/// `/docs/a.md`, `content/docs/a.md`, `docs/a.fr.md`, `fr/docs/a.md`).
fn node_of(env: &RenderEnv<'_>, written: &str) -> Option<usize> {
    let key = normalize_key(env, written);
    env.site.node_by_key(&key)
}

fn normalize_key(env: &RenderEnv<'_>, written: &str) -> String {
    let key = written.split('#').next().unwrap_or(written).trim();
    let key = key.trim_start_matches('/');
    let key = key.strip_prefix("content/").unwrap_or(key);
    let langs = &env.site.languages;
    let key = match key.split_once('/') {
        Some((first, rest)) if langs.iter().any(|l| l == first) => rest,
        _ => key,
    };
    let key = if key.ends_with('/') || key.is_empty() { format!("{key}_index.md") } else { key.to_string() };
    if let Some((base, suffix)) = key.strip_suffix(".md").and_then(|s| s.rsplit_once('.')) {
        if langs.iter().any(|l| l == suffix) {
            return format!("{base}.md");
        }
    }
    key
}

impl PathIndex {
    /// Resolves every path of every getting-started page, in every language.
    pub fn new(env: &RenderEnv<'_>) -> PathIndex {
        let mut index = PathIndex::default();
        for lang in 0..env.config.languages.len() {
            let mut paths = Vec::new();
            for (owner, n) in env.site.nodes.iter().enumerate() {
                let v = &n.variants[lang];
                if v.fm.layout.as_deref() != Some("getting-started") {
                    continue;
                }
                for (i, p) in v.fm.paths.iter().flatten().enumerate() {
                    let nodes = p.pages.iter().filter_map(|k| node_of(env, k)).collect();
                    let id = p.id.clone().unwrap_or_else(|| format!("path-{}", i + 1));
                    paths.push(ResolvedPath { owner, id, title: p.title.clone(), nodes });
                }
            }
            let mut members: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
            for (pi, p) in paths.iter().enumerate() {
                for (pos, &node) in p.nodes.iter().enumerate() {
                    members.entry(node).or_default().push((pi, pos));
                }
            }
            index.paths.push(paths);
            index.members.push(members);
        }
        index
    }

    /// Every page that shows a path (its owner and its members), in any
    /// language: what a change of one of their titles reaches.
    pub fn nodes(&self) -> std::collections::HashSet<usize> {
        let owners = self.paths.iter().flatten().map(|p| p.owner);
        owners.chain(self.members.iter().flat_map(|m| m.keys().copied())).collect()
    }

    /// Where page `node` stands in each path it belongs to.
    pub fn progress(&self, env: &RenderEnv<'_>, node: usize, lang: usize) -> Vec<PathProgressCtx> {
        let Some(members) = self.members.get(lang).and_then(|m| m.get(&node)) else { return Vec::new() };
        let link = |n: usize| {
            let v = &env.site.nodes[n].variants[lang];
            PageLink { title: v.title.clone(), url: crate::content::paths::url(&env.config.base_path, &v.path) }
        };
        members
            .iter()
            .map(|&(pi, pos)| {
                let p = &self.paths[lang][pi];
                let owner = link(p.owner);
                PathProgressCtx {
                    title: p.title.clone(),
                    url: format!("{}#{}", owner.url, p.id),
                    current: pos + 1,
                    total: p.nodes.len(),
                    steps: p
                        .nodes
                        .iter()
                        .enumerate()
                        .map(|(i, &n)| {
                            let l = link(n);
                            PathStepCtx { title: l.title, url: l.url, current: i == pos, done: i < pos }
                        })
                        .collect(),
                    prev: pos.checked_sub(1).map(|i| link(p.nodes[i])),
                    next: p.nodes.get(pos + 1).map(|&n| link(n)),
                }
            })
            .collect()
    }
}

/// The getting-started page: its steps and paths, links checked.
pub fn data(env: &RenderEnv<'_>, node: usize, lang: usize) -> (Option<GettingStartedCtx>, Vec<Diagnostic>) {
    let v = &env.site.nodes[node].variants[lang];
    let doc = env.site.doc(v);
    let heading_ids: &[String] = v.doc.map_or(&[], |d| &env.rendered[d].heading_ids);
    let mut diags = Vec::new();
    let link_to = |written: &str, at: &[Seg], diags: &mut Vec<Diagnostic>| -> Option<String> {
        let is_page = written.split('#').next().is_some_and(|k| k.ends_with(".md"));
        if !is_page {
            return safe_link(written).map(|u| local_url(env, lang, &u)).or_else(|| {
                if let Some(doc) = doc {
                    diags.push(
                        value_error(doc, at, format!("unsafe link `{written}`"))
                            .with_help("use a content path (`docs/install.md`), a site path or a web link"),
                    );
                }
                None
            });
        }
        match node_of(env, written) {
            Some(n) => {
                let frag = written.split_once('#').map(|(_, f)| format!("#{f}")).unwrap_or_default();
                Some(format!(
                    "{}{frag}",
                    crate::content::paths::url(&env.config.base_path, &env.site.nodes[n].variants[lang].path)
                ))
            }
            None => {
                if let Some(doc) = doc {
                    diags.push(missing_page(env, doc, at, written));
                }
                None
            }
        }
    };
    let steps =
        v.fm.steps
            .iter()
            .flatten()
            .enumerate()
            .map(|(i, s)| StepCtx {
                number: i + 1,
                title: s.title.clone(),
                text: s.text.clone().unwrap_or_default(),
                items: s.items.clone(),
                action: s.action.as_ref().and_then(|a| {
                    let at = yaml_path!["steps", i, "action", "url"];
                    link_to(&a.url, &at, &mut diags).map(|url| PageLink { title: a.label.clone(), url })
                }),
            })
            .collect();
    let mut paths = Vec::new();
    for (i, p) in v.fm.paths.iter().flatten().enumerate() {
        let mut pages = Vec::new();
        for (j, written) in p.pages.iter().enumerate() {
            match node_of(env, written) {
                Some(n) => {
                    let pv = &env.site.nodes[n].variants[lang];
                    pages.push(PageLink {
                        title: pv.title.clone(),
                        url: crate::content::paths::url(&env.config.base_path, &pv.path),
                    });
                }
                None => {
                    if let Some(doc) = doc {
                        diags.push(missing_page(env, doc, &yaml_path!["paths", i, "pages", j], written));
                    }
                }
            }
        }
        if p.pages.is_empty() {
            if let Some(doc) = doc {
                diags.push(key_error(
                    doc,
                    &yaml_path!["paths", i, "pages"],
                    format!("path `{}` has no pages", p.title),
                ));
            }
        }
        let id = p.id.clone().unwrap_or_else(|| format!("path-{}", i + 1));
        if let Some(doc) = doc.filter(|_| heading_ids.contains(&id) || paths.iter().any(|q: &PathCtx| q.id == id)) {
            diags.push(
                key_error(doc, &yaml_path!["paths", i, "id"], format!("path id `{id}` is already used on this page"))
                    .with_help("give the path another `id`: it is the anchor of its card"),
            );
        }
        paths.push(PathCtx {
            id,
            title: p.title.clone(),
            description: p.description.clone().unwrap_or_default(),
            pages,
        });
    }
    let ctx = GettingStartedCtx { steps, paths };
    (Some(ctx), diags)
}

fn missing_page(env: &RenderEnv<'_>, doc: &Doc, at: &[Seg], written: &str) -> Diagnostic {
    let key = normalize_key(env, written);
    let d = value_error(doc, at, format!("no page `{written}`"));
    match closest(&key, env.site.nodes.iter().map(|n| n.key.as_str())) {
        Some(c) => d.with_help(format!("it points to `content/{key}`; did you mean `{c}`?")),
        None => d.with_help(format!("it points to `content/{key}`, which does not exist")),
    }
}
