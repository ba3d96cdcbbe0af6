//! Raw `site.yaml`: the shape serde reads (unknown keys are errors), before
//! [`crate::config`] validates what serde cannot (language codes, menu
//! labels, theme names).

use super::values::checked_string;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `site.yaml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default, deserialize_with = "base_url_value")]
    pub base_url: Option<String>,
    #[serde(default)]
    pub languages: Vec<RawLanguage>,
    #[serde(default)]
    pub markdown: Option<MarkdownConfig>,
    #[serde(default)]
    pub theme: Option<String>,
    #[serde(default)]
    pub repo: Option<Repo>,
    #[serde(default)]
    pub menu: Vec<MenuEntry>,
    #[serde(default)]
    pub highlight: Option<HighlightConfig>,
    #[serde(default)]
    pub search: Option<SearchConfig>,
    #[serde(default)]
    pub i18n: Option<I18nConfig>,
    #[serde(default)]
    pub community: Option<super::community::CommunityConfig>,
    #[serde(default)]
    pub mount: MountMap,
    #[serde(default)]
    pub check: Option<super::check::CheckConfig>,
    /// Build options.
    #[serde(default)]
    pub build: Option<BuildConfig>,
    /// Machine-readable copies of the pages (markdown, `llms.txt`).
    #[serde(default)]
    pub outputs: Option<super::outputs::OutputsConfig>,
    /// Releases published side by side (`schema::versions`).
    #[serde(default)]
    pub versions: Vec<super::versions::RawVersion>,
    /// The top-level sections `versions` applies to (`[docs]` when not set).
    #[serde(default)]
    pub versioned: Option<Vec<String>>,
    #[serde(default)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// One entry of `languages:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLanguage {
    pub code: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub direction: Option<Direction>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub menu: BTreeMap<String, String>,
}

/// Text direction of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left (Arabic, Hebrew, Persian, Urdu…).
    Rtl,
}

/// The forge repository the site's sources live in, for edit links.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repo {
    /// Web URL of the repository, e.g. `https://github.com/org/project`.
    pub url: String,
    /// Branch edit links point at.
    #[serde(default = "default_branch")]
    pub branch: String,
    /// Path of the site folder inside the repository (empty for the root).
    #[serde(default)]
    pub path: String,
}

fn default_branch() -> String {
    "main".into()
}

/// One entry of the header menu.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MenuEntry {
    /// Label in the default language.
    pub label: String,
    /// Site path (`/docs/`) or absolute URL.
    pub url: String,
    /// Key used by `languages[].menu` to translate the label (defaults to `url`).
    #[serde(default)]
    pub id: Option<String>,
}

/// Syntax highlighting themes.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HighlightConfig {
    /// Theme for the light colour scheme.
    #[serde(default = "default_light")]
    pub light: String,
    /// Theme for the dark colour scheme.
    #[serde(default = "default_dark")]
    pub dark: String,
}

// The Coldark pair: every colour of both reaches WCAG AA contrast (4.5:1)
// on the default theme's code background (tests/a11y.rs measures it).
fn default_light() -> String {
    DEFAULT_HIGHLIGHT_THEMES.0.into()
}

fn default_dark() -> String {
    DEFAULT_HIGHLIGHT_THEMES.1.into()
}

impl Default for HighlightConfig {
    fn default() -> Self {
        HighlightConfig { light: default_light(), dark: default_dark() }
    }
}

/// Search options.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    /// Build a search index and show the search box.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Top-level sections (folder names under `content/`) left out of the index.
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// How markdown is rendered.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Raw HTML in markdown passes through as written (`true`, the default),
    /// or is replaced with `<!-- raw HTML omitted -->` (`false`).
    #[serde(default = "yes")]
    pub raw_html: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig { raw_html: true }
    }
}

/// Translation options.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct I18nConfig {
    /// Write a translation status page in every language.
    #[serde(default)]
    pub status_page: bool,
    /// Where the status page lives, under each language's root.
    #[serde(default = "default_status_path")]
    pub status_path: String,
}

fn default_status_path() -> String {
    "translation-status".into()
}

impl Default for I18nConfig {
    fn default() -> Self {
        I18nConfig { status_page: false, status_path: default_status_path() }
    }
}

fn yes() -> bool {
    true
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig { enabled: true, exclude: Vec::new() }
    }
}

/// `base_url` must be an absolute `http://` or `https://` URL with a host:
/// it is what links in feeds, the sitemap and canonical tags start with.
/// `Err` holds the message and the help line.
pub fn check_base_url(url: &str) -> Result<(), (String, String)> {
    let lower = url.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
    let host_ok = host.is_some_and(|h| {
        !h.is_empty()
            && !h.starts_with(':')
            && !h.contains('@')
            && h.chars().all(|c| c.is_ascii_alphanumeric() || "-.:[]_".contains(c))
    });
    let clean = !url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'));
    if host_ok && clean {
        Ok(())
    } else {
        Err((
            format!("`base_url` must be an absolute http(s) URL, found `{}`", url.escape_debug()),
            "write the address the site is published at, such as `https://docs.example.org/` or `https://example.org/project/`".into(),
        ))
    }
}

pub(crate) fn base_url_value<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct Url(String);
    impl<'de> Deserialize<'de> for Url {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            checked_string(d, |u| check_base_url(u).err()).map(Url)
        }
    }
    Ok(Option::<Url>::deserialize(d)?.map(|u| u.0))
}

/// Mounts as written in site.yaml, for [`SiteConfig`].
pub type MountMap = BTreeMap<String, String>;

/// Light and dark highlighting themes when a site names none.
pub const DEFAULT_HIGHLIGHT_THEMES: (&str, &str) = ("ColdarkCold", "ColdarkDark");

/// `build:` in site.yaml.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuildConfig {
    /// The level of broken links (missing pages, files and anchors) in the
    /// build and in `onramp check` alike; `check.broken_links` when not set.
    #[serde(default)]
    pub broken_links: Option<super::check::Level>,
}
