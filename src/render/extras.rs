//! The files beside the pages: 404 pages, alias redirects, `robots.txt`
//! and `sitemap.xml`, from the theme's `sitemap.xml` template; a site of
//! more than [`SITEMAP_MAX_URLS`] URLs gets `sitemap.xml` as a sitemap index
//! (`sitemap-index.xml`) of `sitemap-1.xml`, `sitemap-2.xml`, …

use super::context::*;
use super::env::{RenderEnv, dir_of, site_ctx};
use super::nav::top_nav;
use crate::content::tree_alias_path;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::escape::{self, escape};
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
    let mut write_errors = Vec::new();
    let mut write = |rel: &str, bytes: &[u8]| {
        if let Err(e) = staging.write(rel, bytes) {
            write_errors.push(Diagnostic::error(rel, 0, 0, format!("cannot write: {e}")));
        }
    };
    if let Err(d) = write_sitemaps(env, &mut write) {
        diags.push(d);
    }
    write("robots.txt", format!("User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n", env.config.base_url).as_bytes());
    for (rel, html) in aliases(env) {
        write(&rel, html.as_bytes());
    }
    diags.extend(write_errors);
    let mut diags2 = Diagnostics::new();
    for lang in &env.config.languages {
        if let Some(result) = search_dialog(env, &lang.code) {
            let rel = format!("{}search/{}", lang.prefix, super::env::SEARCH_DIALOG_FILE);
            match result {
                Ok(html) => {
                    if let Err(e) = staging.write(&rel, html.as_bytes()) {
                        diags2.push(Diagnostic::error(rel, 0, 0, format!("cannot write: {e}")));
                    }
                }
                Err(d) => diags2.push(d),
            }
        }
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

#[derive(Serialize)]
struct SearchDialogCtx<'a> {
    site: &'a SiteCtx,
    lang: &'a str,
    dir: &'a str,
}

/// The search button and dialog in one language, from the theme's
/// `partials/search-dialog.html`; `None` when search is off or the theme
/// has no such partial (its pages carry the button and the dialog).
fn search_dialog(env: &RenderEnv<'_>, code: &str) -> Option<Result<String, Diagnostic>> {
    const TEMPLATE: &str = "partials/search-dialog.html";
    if !env.config.search.enabled || !env.tera.get_template_names().any(|n| n == TEMPLATE) {
        return None;
    }
    let site = site_ctx(env, code);
    let lang = env.config.language(code).unwrap_or(env.config.default_language());
    let ctx = SearchDialogCtx { site: &site, lang: code, dir: dir_of(lang.direction) };
    Some(
        tera::Context::from_serialize(&ctx)
            .and_then(|c| env.tera.render(TEMPLATE, &c))
            .map_err(|e| template_error(&e, env.origins, None)),
    )
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
        url: crate::content::paths::url(&env.config.base_path, rel),
        permalink: crate::content::paths::url(&env.config.base_url, rel),
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
        diagrams: false,
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
                let target = escape(&crate::content::paths::url(&env.config.base_path, &v.path));
                let canonical = escape(&crate::content::paths::url(&env.config.base_url, &v.path));
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

/// Most URLs in one sitemap file (sitemaps.org protocol); a site with more
/// gets a sitemap index.
pub const SITEMAP_MAX_URLS: usize = 50_000;

/// The context of `sitemap.xml` (and of each `sitemap-N.xml` of a large
/// site): `urls`. Autoescaping is on for `.xml` templates: the template
/// must not mark these strings `| safe`.
#[derive(Debug, Clone, Serialize)]
pub struct SitemapCtx {
    /// The pages of this file.
    pub urls: Vec<SitemapUrl>,
}

/// One page in the sitemap.
#[derive(Debug, Clone, Serialize)]
pub struct SitemapUrl {
    /// Permalink.
    pub loc: String,
    /// Day of the last change (`YYYY-MM-DD`), from git.
    pub lastmod: Option<String>,
    /// The page in every language it is translated into, itself included;
    /// empty when it has no translation.
    pub alternates: Vec<SitemapAlternate>,
}

/// A translation of a page in the sitemap (`xhtml:link`).
#[derive(Debug, Clone, Serialize)]
pub struct SitemapAlternate {
    /// Language code (`hreflang`).
    pub lang: String,
    /// Permalink.
    pub href: String,
}

/// The context of `sitemap-index.xml`, written as `sitemap.xml` when a site
/// has more than [`SITEMAP_MAX_URLS`] pages: `sitemaps`.
#[derive(Debug, Clone, Serialize)]
pub struct SitemapIndexCtx {
    /// The sitemap files, in order.
    pub sitemaps: Vec<SitemapRef>,
}

/// One file of a sitemap index.
#[derive(Debug, Clone, Serialize)]
pub struct SitemapRef {
    /// Its URL.
    pub loc: String,
    /// The latest `lastmod` of its pages.
    pub lastmod: Option<String>,
}

/// Every real page (fallback copies are left out), with `xhtml:link`
/// alternates for its translations when `alternates` is set (the built-in
/// template does not write them: each page links its translations).
fn sitemap_urls(env: &RenderEnv<'_>, alternates: bool) -> Vec<SitemapUrl> {
    let base = &env.config.base_url;
    let mut urls = Vec::new();
    for (i, n) in env.site.nodes.iter().enumerate() {
        // An older version's copy of a page names the latest one as canonical.
        if super::versions::canonical_elsewhere(env, i) {
            continue;
        }
        let real: Vec<(&crate::content::Variant, &str)> = n
            .variants
            .iter()
            .zip(&env.config.languages)
            .filter(|(v, _)| v.translated || v.doc.is_none())
            .map(|(v, l)| (v, l.code.as_str()))
            .collect();
        let alternates: Vec<SitemapAlternate> = if alternates && real.len() > 1 {
            real.iter()
                .map(|(alt, code)| SitemapAlternate {
                    lang: code.to_string(),
                    href: crate::content::paths::url(base, &alt.path),
                })
                .collect()
        } else {
            Vec::new()
        };
        for (v, _) in &real {
            urls.push(SitemapUrl {
                loc: crate::content::paths::url(base, &v.path),
                lastmod: env
                    .site
                    .doc(v)
                    .and_then(|d| env.history.updated.get(&d.display))
                    .and_then(|date| crate::git::day_of(*date).map(crate::git::iso_date)),
                alternates: alternates.clone(),
            });
        }
    }
    urls
}

/// One sitemap file to write.
#[derive(Debug)]
enum SitemapFile {
    /// A list of pages (`sitemap.xml` template).
    Urls(SitemapCtx),
    /// A sitemap index (`sitemap-index.xml` template).
    Index(SitemapIndexCtx),
}

/// The sitemap files: `sitemap.xml` alone up to `max` URLs; above, a
/// sitemap index as `sitemap.xml` and the URLs split into `sitemap-1.xml`,
/// `sitemap-2.xml`, … of at most `max` each.
fn sitemap_files(base_url: &str, urls: Vec<SitemapUrl>, max: usize) -> Vec<(String, SitemapFile)> {
    if urls.len() <= max {
        return vec![("sitemap.xml".into(), SitemapFile::Urls(SitemapCtx { urls }))];
    }
    let mut files = vec![("sitemap.xml".to_string(), SitemapFile::Index(SitemapIndexCtx { sitemaps: Vec::new() }))];
    let mut sitemaps = Vec::new();
    let mut urls = urls.into_iter().peekable();
    while urls.peek().is_some() {
        let part: Vec<SitemapUrl> = urls.by_ref().take(max).collect();
        let name = crate::content::paths::sitemap_part(sitemaps.len() + 1);
        let lastmod = part.iter().filter_map(|u| u.lastmod.clone()).max();
        sitemaps.push(SitemapRef { loc: format!("{base_url}{name}"), lastmod });
        files.push((name, SitemapFile::Urls(SitemapCtx { urls: part })));
    }
    files[0].1 = SitemapFile::Index(SitemapIndexCtx { sitemaps });
    files
}

/// Renders the sitemap files through the `sitemap.xml` and
/// `sitemap-index.xml` templates: (output path, bytes).
/// Renders the sitemap files and writes each one as soon as it is
/// rendered, so that no more than one file's text is held at a time (a
/// site of 67,000 pages in nine languages has 60 MB of sitemap). With the
/// built-in `sitemap.xml` template, a file of URLs is written by
/// [`urlset_xml`], which writes the template's bytes without building its
/// template values (ten per page and language); a site or theme that
/// overrides the template gets it rendered.
fn write_sitemaps(env: &RenderEnv<'_>, write: &mut dyn FnMut(&str, &[u8])) -> Result<(), Diagnostic> {
    let builtin = env.origins.is_builtin("sitemap.xml");
    let files = sitemap_files(&env.config.base_url, sitemap_urls(env, !builtin), SITEMAP_MAX_URLS);
    for (rel, file) in files {
        let rendered = match file {
            SitemapFile::Urls(c) if builtin => Ok(urlset_xml(&c.urls)),
            SitemapFile::Urls(c) => tera::Context::from_serialize(&c).and_then(|ctx| {
                drop(c);
                env.tera.render("sitemap.xml", &ctx)
            }),
            SitemapFile::Index(c) => {
                tera::Context::from_serialize(&c).and_then(|ctx| env.tera.render("sitemap-index.xml", &ctx))
            }
        };
        let xml = rendered.map_err(|e| template_error(&e, env.origins, None))?;
        write(&rel, xml.as_bytes());
    }
    Ok(())
}

/// What the built-in `sitemap.xml` template writes for `urls`, byte for
/// byte (`tests/feeds_sitemap.rs` compares the two).
fn urlset_xml(urls: &[SitemapUrl]) -> String {
    let per_url: usize = urls.first().map_or(0, |u| 64 + u.loc.len());
    let mut out = String::with_capacity(160 + urls.len() * per_url);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">",
    );
    let esc = |out: &mut String, s: &str| escape::escape_pieces(s, |p| out.push_str(p));
    for url in urls {
        out.push_str("\n  <url>\n    <loc>");
        esc(&mut out, &url.loc);
        out.push_str("</loc>");
        if let Some(lastmod) = &url.lastmod {
            out.push_str("\n    <lastmod>");
            esc(&mut out, lastmod);
            out.push_str("</lastmod>");
        }
        out.push_str("\n  </url>");
    }
    out.push_str("\n</urlset>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(n: usize) -> Vec<SitemapUrl> {
        (0..n)
            .map(|i| SitemapUrl {
                loc: format!("https://example.org/p{i}/"),
                lastmod: Some(format!("2025-01-{:02}", i % 28 + 1)),
                alternates: Vec::new(),
            })
            .collect()
    }

    /// Every file through its template, as a site that overrides them gets.
    fn render_sitemaps(tera: &tera::Tera, files: Vec<(String, SitemapFile)>) -> Vec<(String, String)> {
        files
            .into_iter()
            .map(|(rel, file)| {
                let xml = match &file {
                    SitemapFile::Urls(c) => tera.render("sitemap.xml", &tera::Context::from_serialize(c).unwrap()),
                    SitemapFile::Index(c) => {
                        tera.render("sitemap-index.xml", &tera::Context::from_serialize(c).unwrap())
                    }
                };
                (rel, xml.unwrap())
            })
            .collect()
    }

    fn locs(file: &SitemapFile) -> Vec<String> {
        match file {
            SitemapFile::Urls(c) => c.urls.iter().map(|u| u.loc.clone()).collect(),
            SitemapFile::Index(c) => c.sitemaps.iter().map(|s| s.loc.clone()).collect(),
        }
    }

    #[test]
    fn a_sitemap_of_at_most_max_urls_is_one_file() {
        let files = sitemap_files("https://example.org/", urls(5), 5);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "sitemap.xml");
        assert!(matches!(files[0].1, SitemapFile::Urls(_)));
        assert_eq!(locs(&files[0].1).len(), 5);
    }

    #[test]
    fn a_sitemap_of_more_than_max_urls_is_an_index_of_parts_in_order() {
        let files = sitemap_files("https://example.org/docs/", urls(11), 5);
        let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(names, ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]);
        assert!(matches!(files[0].1, SitemapFile::Index(_)));
        assert_eq!(
            locs(&files[0].1),
            [
                "https://example.org/docs/sitemap-1.xml",
                "https://example.org/docs/sitemap-2.xml",
                "https://example.org/docs/sitemap-3.xml"
            ]
        );
        let parts: Vec<Vec<String>> = files[1..].iter().map(|f| locs(&f.1)).collect();
        assert_eq!(parts.iter().map(Vec::len).collect::<Vec<_>>(), [5, 5, 1]);
        let all: Vec<String> = parts.concat();
        assert_eq!(all, urls(11).into_iter().map(|u| u.loc).collect::<Vec<_>>());
        let SitemapFile::Index(index) = &files[0].1 else { unreachable!() };
        // p0..p4 have days 1..5; p10 has day 11.
        assert_eq!(index.sitemaps[0].lastmod.as_deref(), Some("2025-01-05"));
        assert_eq!(index.sitemaps[2].lastmod.as_deref(), Some("2025-01-11"));
    }

    #[test]
    fn the_theme_templates_write_a_sitemap_index_and_its_parts() {
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".xml"]);
        tera.add_raw_templates([
            ("sitemap.xml", include_str!("../../themes/default/templates/sitemap.xml")),
            ("sitemap-index.xml", include_str!("../../themes/default/templates/sitemap-index.xml")),
        ])
        .unwrap();
        let mut three = urls(3);
        three[2].loc = "https://example.org/a&b/".into();
        three[2].lastmod = None;
        // The built-in writer gives the template's bytes, escaping included;
        // neither writes the alternates (each page links its translations).
        let mut with_alternates = three.clone();
        with_alternates[0].alternates = vec![
            SitemapAlternate { lang: "en".into(), href: "https://example.org/p0/".into() },
            SitemapAlternate { lang: "pt-BR".into(), href: "https://example.org/pt-br/p0/?a=1&b=<2>".into() },
        ];
        let rendered = tera
            .render(
                "sitemap.xml",
                &tera::Context::from_serialize(&SitemapCtx { urls: with_alternates.clone() }).unwrap(),
            )
            .unwrap();
        assert_eq!(urlset_xml(&with_alternates), rendered);
        assert!(!rendered.contains("xhtml:link"), "{rendered}");
        let files = render_sitemaps(&tera, sitemap_files("https://example.org/", three, 2));
        let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(names, ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]);
        assert_eq!(
            files[0].1,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n\
             \x20 <sitemap>\n    <loc>https://example.org/sitemap-1.xml</loc>\n    <lastmod>2025-01-02</lastmod>\n  </sitemap>\n\
             \x20 <sitemap>\n    <loc>https://example.org/sitemap-2.xml</loc>\n  </sitemap>\n\
             </sitemapindex>\n"
        );
        assert_eq!(
            files[2].1,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n\
             \x20 <url>\n    <loc>https://example.org/a&amp;b/</loc>\n  </url>\n\
             </urlset>\n"
        );
    }
}
