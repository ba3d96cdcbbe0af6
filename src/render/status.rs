//! The translation status page: with `i18n: {status_page: true}` in
//! site.yaml, every language gets a page (at `<prefix><status_path>/`) that
//! shows contributors where help is needed — the share of pages translated
//! in every language, and for its own language the outdated, unchecked and
//! missing pages with links to the page, its original, and the forge form
//! that edits or creates the translation.
//!
//! The figures come from [`translation::status`], the same report as
//! `onramp i18n status`, so the page and the command always agree.

use super::context::*;
use super::env::{RenderEnv, dir_of, repo_url, site_ctx, translate_url, translation_link};
use super::extras::plain_page;
use super::nav::top_nav;
use crate::config::CONFIG_FILE;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::sink::Sink;
use crate::theme::template_error;
use crate::translation::{self, StatusReport};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// The template that renders the page.
pub const TEMPLATE: &str = "translation-status.html";

/// `status` in the template context.
#[derive(Debug, Clone, Serialize)]
pub struct StatusCtx {
    /// Default language code.
    pub default_language: String,
    /// Default language name.
    pub default_name: String,
    /// Pages (and section pages) in the default language.
    pub total: usize,
    /// One row per non-default language, in site order.
    pub languages: Vec<LanguageRow>,
    /// Details of the page's own language; `None` on the default language's page.
    pub current: Option<LanguageDetail>,
}

/// The summary of one language.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageRow {
    /// Language code.
    pub code: String,
    /// Language name in itself.
    pub name: String,
    /// This language's status page.
    pub url: String,
    /// Translations made from the current source.
    pub current: usize,
    /// Translations whose source changed since.
    pub outdated: usize,
    /// Translations without a `translation_of` record.
    pub unknown: usize,
    /// Pages not translated.
    pub missing: usize,
    /// Share translated and not known to be outdated, in percent.
    pub percent: f64,
    /// UI messages missing.
    pub ui_missing: usize,
    /// True for the page's own language.
    pub selected: bool,
}

/// The pages of one language that need work.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageDetail {
    /// Language code.
    pub code: String,
    /// Language name in itself.
    pub name: String,
    /// Translations whose source changed since they were made.
    pub outdated: Vec<StatusItem>,
    /// Translations without a `translation_of` record.
    pub unknown: Vec<StatusItem>,
    /// Pages with no translation.
    pub missing: Vec<StatusItem>,
    /// UI message ids missing in this language.
    pub ui_missing: Vec<String>,
}

/// One page in a list of [`LanguageDetail`].
#[derive(Debug, Clone, Serialize)]
pub struct StatusItem {
    /// Title in the language (the source's title for missing pages).
    pub title: String,
    /// The page in the language (the fallback copy for missing pages).
    pub url: String,
    /// The page in the default language.
    pub original_url: String,
    /// The file to work on: the translation, or the source for missing pages.
    pub path: String,
    /// The forge form that edits the translation, or creates it.
    pub action_url: Option<String>,
}

/// Writes the status page of every language, when site.yaml asks for it.
pub fn write(env: &RenderEnv<'_>, sink: &dyn Sink) -> Diagnostics {
    let mut diags = Diagnostics::new();
    if !env.config.i18n.status_page {
        return diags;
    }
    let dir = format!("{}/", env.config.i18n.status_path);
    if let Some(n) = env.site.nodes.iter().find(|n| n.variants.iter().any(|v| is_at(v, &dir))) {
        let spans = &env.config.spans;
        let (line, col) = spans
            .key(&crate::yaml_path!["i18n", "status_path"])
            .or_else(|| spans.key(&crate::yaml_path!["i18n", "status_page"]))
            .unwrap_or((1, 1));
        diags.push(
            Diagnostic::error(
                CONFIG_FILE,
                line,
                col,
                format!("the translation status page would replace the page `content/{}`", n.key),
            )
            .with_help("set `i18n: {status_path: …}` to a path no page uses"),
        );
        return diags;
    }
    let languages: Vec<(String, String)> =
        env.config.languages.iter().map(|l| (l.code.clone(), l.name.clone())).collect();
    let ui_ids = env.locales.ids_read_by(languages.iter().map(|l| l.0.as_str()));
    let report = translation::status(&env.site.docs, &languages, &ui_ids);
    for (li, lang) in env.config.languages.iter().enumerate() {
        let rel = format!("{}{dir}", lang.prefix);
        let result = render(env, &report, li).and_then(|html| {
            sink.write(&format!("{rel}index.html"), html.as_bytes())
                .map_err(|e| Diagnostic::error(format!("{rel}index.html"), 0, 0, format!("cannot write: {e}")))
        });
        if let Err(d) = result {
            diags.push(d);
            break;
        }
    }
    diags
}

/// True when the variant's output path is exactly `<prefix><dir>`.
fn is_at(v: &crate::content::Variant, dir: &str) -> bool {
    v.path.strip_suffix(dir).is_some_and(|prefix| prefix.is_empty() || prefix == format!("{}/", v.lang))
}

#[derive(Serialize)]
struct StatusPageCtx<'a> {
    site: &'a SiteCtx,
    page: PageCtx,
    nav: Vec<NavEntry>,
    translations: Vec<TranslationLink>,
    lang: &'a str,
    dir: &'a str,
    status: StatusCtx,
}

fn render(env: &RenderEnv<'_>, report: &StatusReport, li: usize) -> Result<String, Diagnostic> {
    let c = env.config;
    let lang = &c.languages[li];
    let page_url = |prefix: &str| format!("{prefix}{}/", c.i18n.status_path);
    let site = site_ctx(env, &lang.code);
    let title = env.locales.text(&lang.code, "translation-status-title");
    let page = plain_page(env, &lang.code, title, &page_url(&lang.prefix), "translation-status");
    let translations = c
        .languages
        .iter()
        .enumerate()
        .map(|(i, l)| translation_link(c, l, &page_url(&l.prefix), true, i == li))
        .collect();
    let rows = report
        .languages
        .iter()
        .map(|s| LanguageRow {
            code: s.code.clone(),
            name: s.name.clone(),
            url: crate::content::paths::url(
                &c.base_path,
                &page_url(&c.language(&s.code).map(|l| l.prefix.clone()).unwrap_or_default()),
            ),
            current: s.current,
            outdated: s.outdated,
            unknown: s.unknown,
            missing: s.missing,
            percent: s.percent,
            ui_missing: s.ui_missing.len(),
            selected: s.code == lang.code,
        })
        .collect();
    let current = report.languages.iter().find(|s| s.code == lang.code).map(|s| {
        let items = Items::new(env, li);
        LanguageDetail {
            code: s.code.clone(),
            name: s.name.clone(),
            outdated: s.pages.outdated.iter().filter_map(|p| items.item(p, true)).collect(),
            unknown: s.pages.unknown.iter().filter_map(|p| items.item(p, true)).collect(),
            missing: s.pages.missing.iter().filter_map(|p| items.item(p, false)).collect(),
            ui_missing: s.ui_missing.clone(),
        }
    });
    let status = StatusCtx {
        default_language: report.default_language.clone(),
        default_name: language_name(env, &lang.code, &report.default_language)
            .unwrap_or_else(|| c.default_language().name.clone()),
        total: env.site.docs.iter().filter(|d| d.lang == report.default_language).count(),
        languages: rows,
        current,
    };
    let ctx = StatusPageCtx {
        site: &site,
        page,
        nav: top_nav(env, li),
        translations,
        lang: &lang.code,
        dir: dir_of(lang.direction),
        status,
    };
    tera::Context::from_serialize(&ctx)
        .and_then(|ctx| env.tera.render(TEMPLATE, &ctx))
        .map_err(|e| template_error(&e, env.origins, None))
}

/// The name of language `code` in language `lang`: the theme's (or the
/// site's) Fluent message `language-name-<code>` in `lang` or a parent of it
/// (`fr` for `fr-CA`), never one from another language; `None` when there
/// is none, and the caller uses the site's own name for the language.
fn language_name(env: &RenderEnv<'_>, lang: &str, code: &str) -> Option<String> {
    let id = format!("language-name-{code}");
    let primary = lang.split('-').next().unwrap_or(lang);
    let ids = env.locales.ids();
    let own = env
        .locales
        .chain(lang)
        .into_iter()
        .any(|l| l.split('-').next() == Some(primary) && ids.get(&l).is_some_and(|set| set.contains(&id)));
    own.then(|| env.locales.text(lang, &id))
}

/// Maps the report's file paths back to the pages of one language.
struct Items<'e, 'a> {
    env: &'e RenderEnv<'a>,
    li: usize,
    /// Content key of every document, by its path.
    keys: HashMap<&'e Path, &'e str>,
    /// Node index by content key.
    nodes: HashMap<&'e str, usize>,
}

impl<'e, 'a> Items<'e, 'a> {
    fn new(env: &'e RenderEnv<'a>, li: usize) -> Self {
        let keys = env.site.docs.iter().map(|d| (d.display.as_path(), d.key.as_str())).collect();
        let nodes = env.site.nodes.iter().enumerate().map(|(i, n)| (n.key.as_str(), i)).collect();
        Items { env, li, keys, nodes }
    }

    /// The item for `path`: a translation (`translated`) or a source page.
    fn item(&self, path: &Path, translated: bool) -> Option<StatusItem> {
        let (c, base) = (self.env.config, &self.env.config.base_path);
        let key = *self.keys.get(path)?;
        let node = &self.env.site.nodes[*self.nodes.get(key)?];
        let v = &node.variants[self.li];
        let site_path = path.to_string_lossy().replace('\\', "/");
        Some(StatusItem {
            title: v.title.clone(),
            url: crate::content::paths::url(base, &v.path),
            original_url: crate::content::paths::url(base, &node.variants[0].path),
            action_url: if translated {
                repo_url(c, "edit", &site_path)
            } else {
                translate_url(c, self.env.site, node, &v.lang)
            },
            path: site_path,
        })
    }
}
