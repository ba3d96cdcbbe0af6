//! What every part of the render stage shares: [`RenderEnv`] (the site,
//! templates, strings and link resolution, read-only and shared by all
//! threads) and the small helpers that turn it into template values.

use super::context::*;
use crate::config::{Direction, Language, SiteConfig};
use crate::content::{Node, Site};
use crate::git::History;
use crate::i18n::Locales;
use crate::links::Resolver;
use crate::theme::TemplateOrigins;
use std::collections::HashMap;

/// Everything rendering needs, shared by all threads.
pub struct RenderEnv<'a> {
    /// Site configuration.
    pub config: &'a SiteConfig,
    /// The site model.
    pub site: &'a Site,
    /// Every document's rendered markdown, by document index.
    pub rendered: &'a [crate::markdown::Rendered],
    /// Loaded templates.
    pub tera: &'a tera::Tera,
    /// Template file names, for errors.
    pub origins: &'a TemplateOrigins,
    /// UI strings.
    pub locales: &'a Locales,
    /// Link resolution.
    pub resolver: &'a Resolver<'a>,
    /// What was read from git before rendering.
    pub history: &'a History,
    /// The layouts' data files and the site's files, read before rendering.
    pub inputs: &'a crate::layouts::inputs::LayoutInputs,
    /// Theme asset URLs.
    pub assets: AssetsCtx,
    /// Search manifest URL per language code.
    pub search_manifests: HashMap<String, String>,
}

pub fn site_ctx(env: &RenderEnv<'_>, code: &str) -> SiteCtx {
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
        status_url: c
            .i18n
            .status_page
            .then(|| crate::content::paths::url(&c.base_path, &format!("{}{}/", lang.prefix, c.i18n.status_path))),
        assets: {
            let search_index = env.search_manifests.get(code).cloned().unwrap_or_default();
            AssetsCtx { search_dialog: search_dialog_url(&search_index), search_index, ..env.assets.clone() }
        },
        extra: serde_json::to_value(&c.extra).unwrap_or_default(),
        generator: format!("onramp {}", env!("CARGO_PKG_VERSION")),
    }
}

/// The search dialog's file lives beside the language's index manifest:
/// `/fr/search/manifest.json` → `/fr/search/dialog.html`.
pub fn search_dialog_url(manifest: &str) -> String {
    match manifest.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/{SEARCH_DIALOG_FILE}"),
        None => String::new(),
    }
}

/// File name of the rendered `partials/search-dialog.html`.
pub const SEARCH_DIALOG_FILE: &str = "dialog.html";

/// A forge URL for a file of the site (`site_path` relative to the site
/// root): `kind` is `edit` or `new`. `None` without `repo:` in site.yaml.
pub fn repo_url(config: &SiteConfig, kind: &str, site_path: &str) -> Option<String> {
    let repo = config.repo.as_ref()?;
    let base = repo.url.trim_end_matches('/');
    let prefix = repo.path.trim_matches('/');
    let path = if prefix.is_empty() { site_path.to_string() } else { format!("{prefix}/{site_path}") };
    // A mounted file's path leaves the site folder (`site/../CONTRIBUTING.md`).
    let path = crate::discover::normalize(&path.replace('\\', "/"));
    Some(format!("{base}/{kind}/{}/{}", repo.branch, crate::content::paths::url_path(&path)))
}

/// Where a translator creates the translation of `node` into `lang`: the
/// forge's new-file form for `<file>.<lang>.md` beside a mounted file, else
/// for `content/<stem>.<lang>.md`, or `content/<lang>/<key>` when the
/// language's translations live in a folder of their own.
pub fn translate_url(config: &SiteConfig, site: &Site, node: &Node, lang: &str) -> Option<String> {
    // A version other than the working tree's is not where translators write.
    if node.version.is_some_and(|v| Some(v) != config.versions.working_tree()) {
        return None;
    }
    // A mounted file's translation goes beside it (`../CONTRIBUTING.fr.md`).
    if let Some(m) = site.doc(&node.variants[0]).and_then(|d| d.mount.as_ref()) {
        let path = format!("{}.{lang}.md", m.source.strip_suffix(".md")?);
        let (dir, file) = path.rsplit_once('/').unwrap_or(("", &path));
        let file = crate::content::paths::url_query_value(file);
        return Some(format!("{}?filename={file}", repo_url(config, "new", dir)?));
    }
    let key = &node.key;
    let stem = key.strip_suffix(".md")?;
    let folder = site.lang_index(lang).is_some_and(|i| site.folder_layout.get(i).copied().unwrap_or(false));
    let path = if folder { format!("content/{lang}/{key}") } else { format!("content/{stem}.{lang}.md") };
    let (dir, file) = path.rsplit_once('/').unwrap_or(("", &path));
    let url = repo_url(config, "new", dir)?;
    Some(format!("{url}?filename={}", crate::content::paths::url_query_value(file)))
}

/// The page at `path` (below the site's root, `docs/install/`) in
/// language `l`, for the language menu and the `hreflang` alternates.
pub fn translation_link(c: &SiteConfig, l: &Language, path: &str, translated: bool, current: bool) -> TranslationLink {
    TranslationLink {
        code: l.code.clone(),
        name: l.name.clone(),
        dir: dir_of(l.direction),
        og_locale: l.code.replace('-', "_"),
        url: crate::content::paths::url(&c.base_path, path),
        permalink: crate::content::paths::url(&c.base_url, path),
        translated,
        current,
    }
}

pub fn dir_of(d: Direction) -> &'static str {
    match d {
        Direction::Ltr => "ltr",
        Direction::Rtl => "rtl",
    }
}
