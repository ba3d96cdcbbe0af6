//! Which pages a change of the site model reaches, for the dev server's
//! update of a markdown file whose front matter, title or headings changed
//! (`Build::update_page`) but whose pages did not move.
//!
//! A page of the site model shows other nodes in these places, and a change
//! of a node (its title or front matter in any language, or its place among
//! its siblings) makes these pages stale ([`stale_nodes`]):
//! - the sidebar: with the whole tree listed (at most
//!   [`crate::render::FULL_NAV_LIMIT`] nodes) every page shows every node;
//!   otherwise a page lists the children of each node on its path, so a
//!   node is shown by the pages under its parent (every page, for a
//!   top-level node or the home page). The 404 and status pages list the
//!   top level (the extra files, stale after every change anyway);
//! - the breadcrumbs of every page under the node, and gap links in the
//!   lists of its children (both pages under its parent too);
//! - the listings of its parent: `pages` and `subsections`, a news
//!   section's listing pages and feed, a case-study index (its parent's
//!   page); the parent's ancestors are taken in as well;
//! - previous and next links: the pages beside it in the reading order,
//!   before and after the change, and every page whose neighbours changed;
//! - getting-started paths: the owner and members of every path, when the
//!   node is one of them (each lists the titles of the others).
//!
//! The pages linking to the node (`Resolver::may_link_to`: their anchors
//! are checked against its heading ids, and a link that breaks or mends is
//! written differently) and the node's own pages in every language are
//! added by the caller. When in doubt a page is stale: the set is never
//! too small, only the catch-up longer.

use crate::content::Site;
use crate::frontmatter::FrontMatter;

/// The front matter with the fields a page can change without moving
/// pages or changing what its layout reads left out: title, description,
/// weight, date, tags, `extra`, `search` and `translation_of`. Two front
/// matters whose other fields are equal (slug, aliases, layout, draft, the
/// layouts' own fields) give the same URLs, pages and layout inputs.
pub(crate) fn same_structure(a: &FrontMatter, b: &FrontMatter) -> bool {
    let strip = |fm: &FrontMatter| FrontMatter {
        title: None,
        description: None,
        weight: None,
        date: None,
        tags: None,
        extra: None,
        search: None,
        translation_of: None,
        ..fm.clone()
    };
    strip(a) == strip(b)
}

/// True when `new` has the same pages as `old`: the same nodes (keys,
/// kinds, parents, versions), each showing the same documents at the same
/// output paths in every language, with the same aliases and the same
/// unwritable paths. Only the order of siblings, titles and front matter
/// may differ.
pub(crate) fn same_pages(old: &Site, new: &Site) -> bool {
    old.nodes.len() == new.nodes.len()
        && old.languages == new.languages
        && old.folder_layout == new.folder_layout
        && old.version_roots == new.version_roots
        && old.unwritable == new.unwritable
        && old.nodes.iter().zip(&new.nodes).all(|(a, b)| {
            a.key == b.key
                && a.kind == b.kind
                && a.parent == b.parent
                && a.version == b.version
                && a.variants.len() == b.variants.len()
                && a.variants.iter().zip(&b.variants).all(|(x, y)| {
                    x.path == y.path
                        && x.doc == y.doc
                        && x.translated == y.translated
                        && x.fm.aliases == y.fm.aliases
                        && x.fm.layout == y.fm.layout
                })
        })
}

/// The nodes whose pages (in every language) show something that differs
/// between `old` and `new`, two models with the same pages
/// ([`same_pages`]; `old`'s documents may have been taken out). `full_nav`
/// says the sidebar lists the whole tree; `path_nodes` are the owners and
/// members of getting-started paths.
pub(crate) fn stale_nodes(
    old: &Site,
    new: &Site,
    full_nav: bool,
    path_nodes: &std::collections::HashSet<usize>,
) -> Vec<bool> {
    let len = new.nodes.len();
    let mut stale = vec![false; len];
    let changed: Vec<usize> = (0..len)
        .filter(|&n| {
            let (a, b) = (&old.nodes[n], &new.nodes[n]);
            a.variants.iter().zip(&b.variants).any(|(x, y)| x.title != y.title || x.fm != y.fm)
        })
        .collect();
    let reordered: Vec<usize> = (0..len).filter(|&n| old.nodes[n].children != new.nodes[n].children).collect();
    // Sections whose lists changed: a changed node's parent (its entry, its
    // summary), a section whose children were reordered. A changed home
    // page is in every page's breadcrumbs.
    let mut lists: Vec<usize> = Vec::new();
    let mut everything = false;
    for &x in &changed {
        stale[x] = true;
        match new.nodes[x].parent {
            None | Some(0) => everything = true,
            Some(p) => lists.push(p),
        }
    }
    for &p in &reordered {
        if p == 0 { everything = true } else { lists.push(p) }
    }
    if everything || (full_nav && (!changed.is_empty() || !reordered.is_empty())) {
        return vec![true; len];
    }
    // Under a listed section, and its ancestors.
    let mut under = vec![false; len];
    for &p in &lists {
        under[p] = true;
        let mut a = new.nodes[p].parent;
        while let Some(i) = a {
            stale[i] = true;
            a = new.nodes[i].parent;
        }
    }
    if !lists.is_empty() {
        for (n, s) in stale.iter_mut().enumerate() {
            let mut a = Some(n);
            while let Some(i) = a {
                if under[i] {
                    *s = true;
                    break;
                }
                a = new.nodes[i].parent;
            }
        }
    }
    // Previous and next links.
    let neighbours = |site: &Site| -> Vec<(Option<usize>, Option<usize>)> {
        let mut out = vec![(None, None); len];
        for (i, &n) in site.order.iter().enumerate() {
            let prev = i.checked_sub(1).map(|p| site.order[p]);
            out[n] = (prev, site.order.get(i + 1).copied());
        }
        out
    };
    let (before, after) = (neighbours(old), neighbours(new));
    for n in 0..len {
        if before[n] != after[n] {
            stale[n] = true;
        }
    }
    for &x in &changed {
        for (p, q) in [before[x], after[x]] {
            for i in p.into_iter().chain(q) {
                stale[i] = true;
            }
        }
    }
    if changed.iter().any(|x| path_nodes.contains(x)) {
        for &n in path_nodes {
            stale[n] = true;
        }
    }
    stale
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;
    use crate::content::Doc;
    use crate::discover::FileKind;

    /// A one-language site of these (key, title, weight) documents.
    fn site(pages: &[(&str, &str, i64)]) -> Site {
        let config = SiteConfig::parse(std::path::Path::new("."), "title: T\n", None).expect("config");
        let docs: Vec<Doc> = pages
            .iter()
            .map(|&(key, title, weight)| Doc {
                display: format!("content/{key}").into(),
                key: key.to_string(),
                lang: "en".into(),
                kind: if key.ends_with("_index.md") { FileKind::Section } else { FileKind::Page },
                fm: FrontMatter { title: Some(title.into()), weight: Some(weight), ..FrontMatter::default() },
                spans: Default::default(),
                text: String::new(),
                body_offset: 0,
                mount: None,
                warnings: Vec::new(),
                hash: None,
            })
            .collect();
        let h1 = vec![None; docs.len()];
        Site::build(&config, docs, &h1).0
    }

    const PAGES: &[(&str, &str, i64)] = &[
        ("_index.md", "Home", 0),
        ("a/_index.md", "A", 1),
        ("a/x.md", "X", 1),
        ("a/y.md", "Y", 2),
        ("a/deep/_index.md", "Deep", 3),
        ("a/deep/z.md", "Z", 1),
        ("b/_index.md", "B", 2),
        ("b/u.md", "U", 1),
        ("b/v.md", "V", 2),
    ];

    fn with(change: impl Fn(&mut (&str, &str, i64))) -> Site {
        let mut pages = PAGES.to_vec();
        pages.iter_mut().for_each(change);
        site(&pages)
    }

    fn stale_keys(old: &Site, new: &Site, full_nav: bool) -> Vec<String> {
        assert!(same_pages(old, new));
        let stale = stale_nodes(old, new, full_nav, &Default::default());
        let mut keys: Vec<String> =
            stale.iter().enumerate().filter(|(_, s)| **s).map(|(n, _)| new.nodes[n].key.clone()).collect();
        keys.sort();
        keys
    }

    #[test]
    fn a_page_title_reaches_its_section_its_ancestors_and_its_neighbours() {
        let old = site(PAGES);
        let new = with(|p| {
            if p.0 == "a/y.md" {
                p.1 = "Why";
            }
        });
        // Y is between X and the section `deep`; the pages under `b/` do not show it.
        assert_eq!(
            stale_keys(&old, &new, false),
            ["_index.md", "a/_index.md", "a/deep/_index.md", "a/deep/z.md", "a/x.md", "a/y.md"]
        );
        assert_eq!(stale_keys(&old, &new, true).len(), PAGES.len(), "the whole tree in every sidebar");
    }

    #[test]
    fn a_weight_that_reorders_reaches_the_old_and_new_neighbours() {
        let old = site(PAGES);
        let new = with(|p| {
            if p.0 == "b/u.md" {
                p.2 = 9;
            }
        });
        // Reading order before: … Z, B, U, V; after: … Z, B, V, U.
        assert_eq!(stale_keys(&old, &new, false), ["_index.md", "b/_index.md", "b/u.md", "b/v.md"]);
    }

    #[test]
    fn a_top_level_section_or_the_home_page_reaches_every_page() {
        let old = site(PAGES);
        for key in ["b/_index.md", "_index.md"] {
            let new = with(|p| {
                if p.0 == key {
                    p.1 = "New";
                }
            });
            assert_eq!(stale_keys(&old, &new, false).len(), PAGES.len(), "{key}");
        }
    }

    #[test]
    fn a_path_member_reaches_every_path_page() {
        let old = site(PAGES);
        let new = with(|p| {
            if p.0 == "a/deep/z.md" {
                p.1 = "Zed";
            }
        });
        let u = new.node_by_key("b/u.md").unwrap();
        let z = new.node_by_key("a/deep/z.md").unwrap();
        let stale = stale_nodes(&old, &new, false, &[u, z].into_iter().collect());
        assert!(stale[u], "a member of the same path");
        assert!(!stale[new.node_by_key("b/v.md").unwrap()]);
    }

    #[test]
    fn front_matter_that_moves_pages_is_not_a_structure_change_the_model_takes() {
        let a = FrontMatter { title: Some("A".into()), ..FrontMatter::default() };
        let b = FrontMatter { title: Some("B".into()), weight: Some(3), description: Some("d".into()), ..a.clone() };
        assert!(same_structure(&a, &b));
        assert!(!same_structure(&a, &FrontMatter { slug: Some("s".into()), ..a.clone() }));
        assert!(!same_structure(&a, &FrontMatter { layout: Some("news".into()), ..a.clone() }));
        assert!(!same_structure(&a, &FrontMatter { aliases: Some(vec!["/old/".into()]), ..a.clone() }));
    }
}
