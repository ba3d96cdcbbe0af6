//! Typed, serializable template contexts.
//!
//! Every template receives the same top-level variables:
//!
//! | variable       | type              | what it is                                            |
//! |----------------|-------------------|-------------------------------------------------------|
//! | `site`         | [`SiteCtx`]       | site-wide values for the page's language              |
//! | `page`         | [`PageCtx`]       | the page or section being rendered                    |
//! | `nav`          | `[NavEntry]`      | the sidebar of the page, a flat list (see [`NavEntry`]) |
//! | `translations` | `[TranslationLink]` | the page in every language (for the switcher)      |
//! | `lang`, `dir`  | string            | language code and text direction of the page          |
//! | `data`         | map               | `data/*.yaml`, by file stem                           |
//! | `layout_data`  | `crate::layouts::LayoutCtx` | data of the onboarding layouts (news, case studies…) |
//!
//! No struct here is filled in later: each is built whole by `render::build_contexts`.

use serde::Serialize;

/// Site-wide values, per language.
#[derive(Debug, Clone, Serialize)]
pub struct SiteCtx {
    /// Site title in the page's language.
    pub title: String,
    /// Site description in the page's language.
    pub description: String,
    /// Absolute base URL, ending in `/`.
    pub base_url: String,
    /// Path prefix of every URL (`/` or `/docs/`).
    pub base_path: String,
    /// URL of the home page in the page's language.
    pub home_url: String,
    /// The languages of the site.
    pub languages: Vec<LanguageCtx>,
    /// Header menu, labels in the page's language.
    pub menu: Vec<MenuItem>,
    /// True when the search index is built.
    pub search: bool,
    /// The translation status page in the page's language, when site.yaml asks for one.
    pub status_url: Option<String>,
    /// Stylesheets and scripts of the theme, with cache-busting URLs.
    pub assets: AssetsCtx,
    /// `extra:` from site.yaml.
    pub extra: serde_json::Value,
    /// onramp version, for the generator meta tag.
    pub generator: String,
}

/// One language of the site.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageCtx {
    /// BCP 47 code.
    pub code: String,
    /// Name in itself.
    pub name: String,
    /// `ltr` or `rtl`.
    pub dir: String,
    /// Home page URL in this language.
    pub home_url: String,
}

/// URLs of the theme's assets.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AssetsCtx {
    /// Main stylesheet.
    pub style: String,
    /// Syntax highlighting stylesheet (light and dark).
    pub syntax: String,
    /// Main script (theme toggle, sidebar, search UI).
    pub script: String,
    /// Stylesheet of the search dialog.
    pub search_style: String,
    /// Script of the search dialog.
    pub search_script: String,
    /// Script of the onboarding layouts (facet chips, directory filters).
    pub layouts_script: String,
    /// The vendored Mermaid (`mermaid.min.js`), for pages with a diagram.
    pub mermaid: String,
    /// The script that draws a page's diagrams with Mermaid, in the page's
    /// colour scheme.
    pub diagrams: String,
    /// Search index manifest for the page's language (empty when search is off).
    pub search_index: String,
    /// The search dialog's inside for the page's language, beside the
    /// manifest (`search/dialog.html`; empty when search is off).
    pub search_dialog: String,
}

/// A header menu entry.
#[derive(Debug, Clone, Serialize)]
pub struct MenuItem {
    /// Label in the page's language.
    pub label: String,
    /// Resolved URL.
    pub url: String,
    /// True when the current page is this entry or below it.
    pub active: bool,
}

/// A link to another page.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    /// Title of the target.
    pub title: String,
    /// URL of the target.
    pub url: String,
}

/// A summary of a page, for listings.
#[derive(Debug, Clone, Serialize)]
pub struct PageSummary {
    /// Title.
    pub title: String,
    /// URL.
    pub url: String,
    /// Description from front matter.
    pub description: String,
    /// Date (`YYYY-MM-DD`), if any.
    pub date: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// `extra:` from front matter.
    pub extra: serde_json::Value,
    /// True for sections.
    pub is_section: bool,
}

pub use crate::markdown::TocEntry;

/// One entry of the sidebar, which is a flat list rather than a tree: a
/// theme renders it with one loop, whatever the depth of the site (a
/// recursive template would hit Tera's recursion limit on deep sections).
///
/// `kind` says what the entry is:
///
/// - `item`: a page or section, at nesting level `depth` (0 for the top
///   level). When `has_children` is true, the entries that follow, up to the
///   matching `end`, are its children, one level deeper.
/// - `end`: closes the children of the last open `item` (its `depth` is that item's).
/// - `gap`: stands for `count` entries of a long list that the sidebar leaves
///   out (see `render::SIDEBAR_COLLAPSE_AT`); `url` and `title` are those of
///   the section whose page lists them all.
///
/// Every entry has every field, so a template never reads a missing one.
#[derive(Debug, Clone, Serialize)]
pub struct NavEntry {
    /// `item`, `end` or `gap`.
    pub kind: &'static str,
    /// Title (of the section, for a gap).
    pub title: String,
    /// URL (of the section, for a gap).
    pub url: String,
    /// Nesting level: 0 for the entries of the top-level list.
    pub depth: usize,
    /// True for the page being rendered.
    pub active: bool,
    /// True when the page being rendered is this item or inside it (render it expanded).
    pub open: bool,
    /// True for sections.
    pub is_section: bool,
    /// True when this item's children follow it (closed by an `end`); false for
    /// pages, empty sections, and sections left out of a large site's sidebar.
    pub has_children: bool,
    /// For a gap: how many entries it stands for; 0 otherwise.
    pub count: usize,
}

/// The current page in one language, for the language switcher.
#[derive(Debug, Clone, Serialize)]
pub struct TranslationLink {
    /// Language code.
    pub code: String,
    /// Language name in itself.
    pub name: String,
    /// Writing direction of that language, `ltr` or `rtl`.
    pub dir: &'static str,
    /// The code as Open Graph writes a locale (`zh_CN` for `zh-CN`).
    pub og_locale: String,
    /// URL of the page in that language (its translation or the fallback copy).
    pub url: String,
    /// Absolute URL of the same (for `hreflang` alternates).
    pub permalink: String,
    /// True when a real translation exists (false: the fallback copy).
    pub translated: bool,
    /// True for the page's own language.
    pub current: bool,
}

/// The page or section being rendered.
#[derive(Debug, Clone, Serialize)]
pub struct PageCtx {
    /// Title.
    pub title: String,
    /// Description (meta description; falls back to the site's).
    pub description: String,
    /// URL path with base path, e.g. `/docs/guide/install/`.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// `page` or `section`.
    pub kind: String,
    /// Layout name (the template is `<layout>.html`).
    pub layout: String,
    /// Rendered body HTML.
    pub content: String,
    /// Table of contents.
    pub toc: Vec<TocEntry>,
    /// Date from front matter (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// Last change from git, `YYYY-MM-DD`.
    pub updated: Option<String>,
    /// Last change formatted for the page's language.
    pub updated_display: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// `extra:` from front matter.
    pub extra: serde_json::Value,
    /// Language code of the page.
    pub lang: String,
    /// Language of the content itself: differs from `lang` on untranslated fallback copies.
    pub content_lang: String,
    /// Text direction of the content (`ltr`/`rtl`); differs from `dir` on fallback copies.
    pub content_dir: String,
    /// True when the content is the default language's because no translation exists.
    pub fallback: bool,
    /// True when this translation was made from an older version of its source.
    pub outdated: bool,
    /// URL of the page in the default language (set in the other languages).
    pub original_url: Option<String>,
    /// Edit link for the file the content comes from.
    pub edit_url: Option<String>,
    /// Where to create or edit this page's translation.
    pub translate_url: Option<String>,
    /// Ancestors, home first, not including the page.
    pub breadcrumbs: Vec<PageLink>,
    /// Previous page in reading order.
    pub prev: Option<PageLink>,
    /// Next page in reading order.
    pub next: Option<PageLink>,
    /// For sections: the pages directly inside, in order.
    pub pages: Vec<PageSummary>,
    /// For sections: the sections directly inside, in order.
    pub subsections: Vec<PageSummary>,
    /// Word count of the body.
    pub word_count: usize,
    /// Minutes to read, at 220 words a minute, at least 1.
    pub reading_minutes: usize,
    /// Whether the body has a Mermaid diagram: the page loads
    /// `site.assets.mermaid` and `site.assets.diagrams` only then.
    pub diagrams: bool,
}

/// The versions of a page of a versioned section (`versions:` in
/// site.yaml), for the version switcher, the banners and the canonical
/// link; the template variable `versions`, absent on other pages.
#[derive(Debug, Clone, Serialize)]
pub struct VersionsCtx {
    /// Every version, in site.yaml's order.
    pub list: Vec<VersionLink>,
    /// The page's version.
    pub current: VersionLink,
    /// The latest release.
    pub latest: VersionLink,
    /// Absolute URL of the page's canonical copy: the same page in the
    /// latest version when it has it, else the page itself.
    pub canonical: String,
    /// The manifest URL of the search index of the page's version in the
    /// page's language (empty when search is off): the search box searches it.
    pub search_index: String,
    /// The manifest URL of the latest version's search index in the page's
    /// language (empty when search is off), for searching it instead.
    pub latest_search_index: String,
}

/// The current page in one version.
#[derive(Debug, Clone, Serialize)]
pub struct VersionLink {
    /// Name (`1.x`).
    pub name: String,
    /// Label for readers.
    pub label: String,
    /// URL of the same page in that version, or of the version's section
    /// page when that version has no such page.
    pub url: String,
    /// True when `url` is the same page (false: the section page).
    pub same_page: bool,
    /// True for the page's own version.
    pub current: bool,
    /// True for the latest release.
    pub latest: bool,
    /// True for a version not released yet.
    pub unreleased: bool,
}
