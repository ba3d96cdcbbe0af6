//! The sidebar: which entries a page shows (a long list collapsed around
//! the current page), and the navigation of pages outside the tree.

use super::context::NavEntry;
use super::env::RenderEnv;
use crate::content::{NodeKind, Site};

/// Above this many nodes, the sidebar lists only the current page's branch
/// (its ancestors' children), so output does not grow with the square of the
/// page count.
pub const FULL_NAV_LIMIT: usize = 400;

/// Above this many entries, a list of the sidebar is collapsed: it shows its
/// first [`SIDEBAR_HEAD`] and last [`SIDEBAR_TAIL`] entries, the block of
/// [`SIDEBAR_BLOCK`] entries that holds the one on the current page's path
/// with [`SIDEBAR_AROUND`] more either side, and a gap link to the
/// section's page (which lists every entry) in place of the rest. Listing
/// every sibling on every page made a flat section's output grow with the
/// square of its size (2,000 pages in one folder: 150 KB of sidebar a page).
/// Fifty entries is about what a reader still scans in a sidebar; a command
/// reference of thousands is read through its section page and search
/// instead. The window moves by blocks, not by page, so the pages of a block
/// show the same sidebar, which is rendered once for all of them
/// (`render::pages`, the shared sidebar).
pub const SIDEBAR_COLLAPSE_AT: usize = 50;

/// Entries a collapsed list shows at its start.
pub const SIDEBAR_HEAD: usize = 3;

/// Entries a collapsed list shows at its end.
pub const SIDEBAR_TAIL: usize = 3;

/// Entries of a collapsed list that share one window.
pub const SIDEBAR_BLOCK: usize = 8;

/// Entries a collapsed list shows either side of the current page's block,
/// so the current page always has at least this many neighbours shown.
pub const SIDEBAR_AROUND: usize = 3;

/// `positions[node]`: the index of each node of `order` in it.
pub fn positions(len: usize, order: impl Iterator<Item = usize>) -> Vec<usize> {
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
pub fn sibling_positions(site: &Site) -> Vec<usize> {
    let mut pos = vec![0; site.nodes.len()];
    for n in &site.nodes {
        for (i, &c) in n.children.iter().enumerate() {
            pos[c] = i;
        }
    }
    pos
}

#[allow(clippy::single_range_in_vec_init)]
pub fn shown_ranges(len: usize, current: Option<usize>) -> Vec<std::ops::Range<usize>> {
    if len <= SIDEBAR_COLLAPSE_AT {
        return vec![0..len];
    }
    let mut wanted = vec![0..SIDEBAR_HEAD.min(len), len.saturating_sub(SIDEBAR_TAIL)..len];
    if let Some(c) = current.filter(|&c| c < len) {
        let block = c / SIDEBAR_BLOCK * SIDEBAR_BLOCK;
        wanted.push(block.saturating_sub(SIDEBAR_AROUND)..(block + SIDEBAR_BLOCK + SIDEBAR_AROUND).min(len));
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
    pub fn item(title: &str, url: String, depth: usize, is_section: bool) -> NavEntry {
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
    pub fn end(depth: usize) -> NavEntry {
        NavEntry { kind: "end", ..NavEntry::item("", String::new(), depth, false) }
    }

    /// A `gap` for `count` entries of the section `title` at `url`.
    pub fn gap(title: &str, url: String, depth: usize, count: usize) -> NavEntry {
        NavEntry { kind: "gap", count, ..NavEntry::item(title, url, depth, false) }
    }

    /// The entry as a template value (built by hand: this runs for every
    /// entry on a page's path, and is cheaper than serializing).
    pub fn value(self) -> tera::Value {
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
pub fn top_nav(env: &RenderEnv<'_>, li: usize) -> Vec<NavEntry> {
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

/// The children of `node` in the order the sidebar lists them: a news
/// section's posts newest first, as its listing shows them (undated ones
/// last, ties in reading order); reading order otherwise.
pub fn sidebar_children(site: &Site, node: usize, lang: usize) -> std::borrow::Cow<'_, [usize]> {
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
    fn long_sidebar_lists_keep_the_ends_and_the_current_block() {
        // 1000 is in the block 1000..1008, shown with three more either side.
        assert_eq!(shown_ranges(2000, Some(1000)), [0..3, 997..1011, 1997..2000]);
        // Every page of a block gets the same ranges.
        for c in 1000..1008 {
            assert_eq!(shown_ranges(2000, Some(c)), shown_ranges(2000, Some(1000)));
        }
        assert_eq!(shown_ranges(2000, Some(1007)), [0..3, 997..1011, 1997..2000]);
        assert_eq!(shown_ranges(2000, Some(1008)), [0..3, 1005..1019, 1997..2000]);
        assert_eq!(shown_ranges(2000, None), [0..3, 1997..2000]);
        // Windows that touch or overlap the ends merge with them.
        assert_eq!(shown_ranges(2000, Some(0)), [0..11, 1997..2000]);
        assert_eq!(shown_ranges(2000, Some(8)), [0..3, 5..19, 1997..2000]);
        assert_eq!(shown_ranges(2000, Some(1999)), [0..3, 1989..2000]);
    }

    #[test]
    fn a_sidebar_gap_never_stands_for_a_single_entry() {
        // Entry 99 lies between the window (85..99) and the tail (100..103): shown, not a gap.
        assert_eq!(shown_ranges(103, Some(88)), [0..3, 85..103]);
        // Two entries are a gap.
        assert_eq!(shown_ranges(100, Some(9)), [0..3, 5..19, 97..100]);
    }
}
