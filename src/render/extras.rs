//! The files beside the pages: 404 pages, alias redirects, `sitemap.xml`
//! and `robots.txt`.

use super::context::*;
use super::env::{RenderEnv, dir_of, site_ctx};
use super::nav::top_nav;
use crate::content::tree_alias_path;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::escape::escape;
use crate::sink::Sink;
use crate::theme::template_error;
use serde::Serialize;

#[derive(Serialize)]
struct NotFoundCtx<'a> {
    site: &'a SiteCtx,
    page: PageCtx,
    nav: Vec<NavEntry>,
    translations: Vec<TranslationLink>,
    lang: &'a str,
    dir: &'a str,
}

/// Writes everything that is not a page.
pub fn write_extras(env: &RenderEnv<'_>, staging: &dyn Sink) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let mut write = |rel: &str, bytes: &[u8]| {
        if let Err(e) = staging.write(rel, bytes) {
            diags.push(Diagnostic::error(rel, 0, 0, format!("cannot write: {e}")));
        }
    };
    write("sitemap.xml", sitemap(env).as_bytes());
    write("robots.txt", format!("User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n", env.config.base_url).as_bytes());
    for (rel, html) in aliases(env) {
        write(&rel, html.as_bytes());
    }
    let mut diags2 = Diagnostics::new();
    for lang in &env.config.languages {
        match not_found(env, &lang.code) {
            Ok(html) => {
                if let Err(e) = staging.write(&format!("{}404.html", lang.prefix), html.as_bytes()) {
                    diags2.push(Diagnostic::error("404.html", 0, 0, format!("cannot write: {e}")));
                }
            }
            Err(d) => diags2.push(d),
        }
    }
    diags.extend(diags2);
    diags
}

fn not_found(env: &RenderEnv<'_>, code: &str) -> Result<String, Diagnostic> {
    let site = site_ctx(env, code);
    let lang = env.config.language(code).unwrap_or(env.config.default_language());
    let title = env.locales.text(code, "page-not-found-title");
    let page = plain_page(env, code, title, &format!("{}404.html", lang.prefix), "404");
    let li = env.site.lang_index(code).unwrap_or(0);
    let ctx = NotFoundCtx {
        site: &site,
        page,
        nav: top_nav(env, li),
        translations: Vec::new(),
        lang: code,
        dir: dir_of(lang.direction),
    };
    tera::Context::from_serialize(&ctx)
        .and_then(|c| env.tera.render("404.html", &c))
        .map_err(|e| template_error(&e, env.origins, None))
}

/// The context of a generated page that has no source document: `rel` is its
/// output path under the base path (`fr/404.html`, `fr/translation-status/`).
pub(super) fn plain_page(env: &RenderEnv<'_>, code: &str, title: String, rel: &str, layout: &str) -> PageCtx {
    let lang = env.config.language(code).unwrap_or(env.config.default_language());
    PageCtx {
        title,
        description: lang.description.clone(),
        url: format!("{}{rel}", env.config.base_path),
        permalink: format!("{}{rel}", env.config.base_url),
        kind: "page".into(),
        layout: layout.into(),
        content: String::new(),
        toc: Vec::new(),
        date: None,
        updated: None,
        updated_display: None,
        tags: Vec::new(),
        extra: serde_json::Value::Object(Default::default()),
        lang: code.into(),
        content_lang: code.into(),
        content_dir: dir_of(lang.direction).into(),
        fallback: false,
        outdated: false,
        original_url: None,
        edit_url: None,
        translate_url: None,
        breadcrumbs: Vec::new(),
        prev: None,
        next: None,
        pages: Vec::new(),
        subsections: Vec::new(),
        word_count: 0,
        reading_minutes: 1,
    }
}

/// Redirect pages for every alias: `(output path, html)`.
fn aliases(env: &RenderEnv<'_>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for n in &env.site.nodes {
        for (v, lang) in n.variants.iter().zip(&env.config.languages) {
            if !(v.translated || lang.prefix.is_empty()) {
                continue;
            }
            for alias in v.fm.aliases.iter().flatten() {
                let rel = format!("{}{}", lang.prefix, tree_alias_path(alias));
                let rel = if rel.ends_with('/') || rel.is_empty() { format!("{rel}index.html") } else { rel };
                let target = escape(&format!("{}{}", env.config.base_path, v.path));
                let canonical = escape(&format!("{}{}", env.config.base_url, v.path));
                out.push((
                    rel,
                    format!(
                        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><link rel=\"canonical\" href=\"{canonical}\"><meta name=\"robots\" content=\"noindex\"><meta http-equiv=\"refresh\" content=\"0; url={target}\"></head><body><a href=\"{target}\">{target}</a></body></html>\n",
                        escape(&lang.code),
                        escape(&v.title)
                    ),
                ));
            }
        }
    }
    out
}

/// `sitemap.xml`: every real page (fallback copies are left out) with
/// `xhtml:link` alternates for its translations.
fn sitemap(env: &RenderEnv<'_>) -> String {
    let base = &env.config.base_url;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for n in &env.site.nodes {
        let real: Vec<(&crate::content::Variant, &str)> = n
            .variants
            .iter()
            .zip(&env.config.languages)
            .filter(|(v, _)| v.translated || v.doc.is_none())
            .map(|(v, l)| (v, l.code.as_str()))
            .collect();
        for (v, _) in &real {
            xml.push_str(&format!("  <url>\n    <loc>{}</loc>\n", escape(&format!("{base}{}", v.path))));
            if let Some(date) = env.site.doc(v).and_then(|d| env.history.updated.get(&d.display)) {
                if let Some(day) = crate::git::day_of(*date).map(crate::git::iso_date) {
                    xml.push_str(&format!("    <lastmod>{day}</lastmod>\n"));
                }
            }
            if real.len() > 1 {
                for (alt, code) in &real {
                    xml.push_str(&format!(
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                        escape(code),
                        escape(&format!("{base}{}", alt.path))
                    ));
                }
            }
            xml.push_str("  </url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    xml
}
