//! Atom feeds and the sitemap as theme templates, the sitemap index of
//! large sites, and percent-encoded page URLs (`feeds-*` fixtures).

mod common;

use common::xml::parse_xml;
use common::{Site, attrs, built};
use percent_encoding::percent_decode_str;
use std::path::Path;

/// The file a site path under `/docs/` is served from, decoded.
fn file_at(out: &Path, href: &str) -> std::path::PathBuf {
    let rest = href.strip_prefix("/docs/").unwrap_or_else(|| panic!("{href} is not under /docs/"));
    let rest = rest.split('#').next().unwrap();
    let decoded = percent_decode_str(rest).decode_utf8().expect("UTF-8 path").into_owned();
    let path = out.join(&decoded);
    if decoded.is_empty() || decoded.ends_with('/') { path.join("index.html") } else { path }
}

#[test]
fn page_urls_from_file_names_with_reserved_characters_are_percent_encoded_once() {
    let site = built("feeds-encoding");
    let home = site.html("index.html");
    let hrefs = attrs(&home, ".home-content a", "href");
    let expected = [
        "/docs/a%20b/",
        "/docs/50%25/",
        "/docs/%5Bx%5D/",
        "/docs/%7By%7D/",
        "/docs/c%5Ed/",
        "/docs/q%23r/",
        "/docs/caf%C3%A9/",
        "/docs/a%20b/#the-heading",
        "/docs/files/report%201.txt",
    ];
    assert_eq!(hrefs, expected);
    // Each link leads to a file the build wrote, at the decoded path; the
    // folders on disk keep the file names as they are.
    for href in &hrefs {
        let file = file_at(&site.out(), href);
        assert!(file.is_file(), "{href} → {} was not written", file.display());
    }
    for folder in ["a b", "50%", "[x]", "{y}", "c^d", "q#r", "café", "fr/[x]"] {
        assert!(site.out().join(folder).join("index.html").is_file(), "{folder}/index.html");
    }
    // The theme's links are encoded too: the sidebar, the page's own
    // canonical URL and its translations.
    let page = site.html("[x]/index.html");
    assert_eq!(attrs(&page, "link[rel=canonical]", "href"), ["https://example.org/docs/%5Bx%5D/"]);
    let alternates = attrs(&page, "link[rel=alternate][hreflang]", "href");
    assert!(alternates.contains(&"https://example.org/docs/fr/%5Bx%5D/".to_string()), "{alternates:?}");
    let nav = attrs(&page, "nav a", "href");
    for url in ["/docs/50%25/", "/docs/%7By%7D/", "/docs/q%23r/"] {
        assert!(nav.iter().any(|h| h == url), "{url} not in the page's navigation: {nav:?}");
    }
    for href in nav.iter().filter(|h| h.starts_with("/docs/")) {
        assert!(file_at(&site.out(), href).is_file(), "navigation link {href} leads nowhere");
        assert!(!href.contains(' ') && !href.contains('[') && !href.contains('^'), "{href} is not encoded");
    }
}

#[test]
fn edit_and_translate_links_encode_the_file_name() {
    let site = built("feeds-encoding");
    let en = site.html("a b/index.html");
    assert_eq!(
        attrs(&en, "a.edit-link", "href"),
        ["https://forge.example/org/project/edit/main/site/content/a%20b.md"]
    );
    let fr = site.html("fr/a b/index.html");
    let hrefs = attrs(&fr, "a", "href");
    let new_file = "https://forge.example/org/project/new/main/site/content?filename=a%20b.fr.md";
    assert!(hrefs.iter().any(|h| h == new_file), "{new_file} not in {hrefs:?}");
}

#[test]
fn alias_redirects_point_at_the_encoded_page_url() {
    let site = built("feeds-encoding");
    // The alias `/old x/` is written at its decoded path.
    let doc = site.html("old x/index.html");
    assert_eq!(attrs(&doc, "meta[http-equiv=refresh]", "content"), ["0; url=/docs/%5Bx%5D/"]);
    assert_eq!(attrs(&doc, "link[rel=canonical]", "href"), ["https://example.org/docs/%5Bx%5D/"]);
    assert_eq!(attrs(&doc, "a", "href"), ["/docs/%5Bx%5D/"]);
}

#[test]
fn sitemap_entries_are_percent_encoded() {
    let site = built("feeds-encoding");
    let sitemap = parse_xml(&site.read("sitemap.xml"));
    assert_eq!(sitemap.name, "urlset");
    let locs = sitemap.texts("url", "loc");
    // Fallback copies are left out: only `[x]` is translated.
    let expected = [
        "https://example.org/docs/",
        "https://example.org/docs/50%25/",
        "https://example.org/docs/%5Bx%5D/",
        "https://example.org/docs/fr/%5Bx%5D/",
        "https://example.org/docs/a%20b/",
        "https://example.org/docs/c%5Ed/",
        "https://example.org/docs/caf%C3%A9/",
        "https://example.org/docs/news/",
        "https://example.org/docs/news/hello%20world/",
        "https://example.org/docs/q%23r/",
        "https://example.org/docs/%7By%7D/",
    ];
    let mut sorted_locs = locs.clone();
    sorted_locs.sort();
    let mut sorted_expected = expected.map(str::to_string).to_vec();
    sorted_expected.sort();
    assert_eq!(sorted_locs, sorted_expected);
    // Translations are linked by each page's head, not repeated here.
    assert!(sitemap.all("url").iter().all(|u| u.all("xhtml:link").is_empty()));
    // Each URL of the sitemap was written, at its decoded path.
    for loc in &locs {
        let href = loc.strip_prefix("https://example.org").unwrap();
        assert!(file_at(&site.out(), href).is_file(), "{loc} was not written");
    }
    // A small site has no sitemap index.
    assert!(!site.out().join("sitemap-1.xml").exists());
    assert_eq!(site.read("robots.txt"), "User-agent: *\nAllow: /\n\nSitemap: https://example.org/docs/sitemap.xml\n");
    // A site's own template still has each page's translations, encoded.
    site.write(
        "templates/sitemap.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
{%- for url in urls %}
<url><loc>{{ url.loc }}</loc>
{%- for alt in url.alternates %}<xhtml:link rel="alternate" hreflang="{{ alt.lang }}" href="{{ alt.href }}"/>{% endfor -%}
</url>
{%- endfor %}
</urlset>
"#,
    );
    site.build(&[]).ok();
    let sitemap = parse_xml(&site.read("sitemap.xml"));
    let x = sitemap.all("url").into_iter().find(|u| u.one("loc").text.ends_with("/docs/%5Bx%5D/")).unwrap();
    let alternates: Vec<(&str, &str)> =
        x.all("xhtml:link").iter().map(|l| (l.attrs["hreflang"].as_str(), l.attrs["href"].as_str())).collect();
    assert_eq!(
        alternates,
        [("en", "https://example.org/docs/%5Bx%5D/"), ("fr", "https://example.org/docs/fr/%5Bx%5D/")]
    );
    let untranslated = sitemap.all("url").into_iter().find(|u| u.one("loc").text.ends_with("/docs/a%20b/")).unwrap();
    assert!(untranslated.all("xhtml:link").is_empty());
}

#[test]
fn atom_feed_text_is_escaped_exactly_once_and_urls_are_encoded() {
    let site = built("feeds-encoding");
    let text = site.read("news/atom.xml");
    let feed = parse_xml(&text);
    // Parsed once, the text is what front matter says: escaped once, not twice.
    assert_eq!(feed.one("title").text, "News & <notes> · Odd names");
    assert_eq!(feed.one("subtitle").text, "Quotes \" and ' and <tags> & ampersands");
    let entry = feed.one("entry");
    assert_eq!(entry.one("title").text, "Hello <world> & \"friends\" 'all'");
    assert_eq!(entry.one("summary").text, "A <b>post</b> & more");
    let terms: Vec<&str> = entry.all("category").iter().map(|c| c.attrs["term"].as_str()).collect();
    assert_eq!(terms, ["a&b", "<c>", "\"d\""]);
    assert_eq!(entry.one("id").text, "https://example.org/docs/news/hello%20world/");
    assert_eq!(entry.one("link").attrs["href"], "https://example.org/docs/news/hello%20world/");
    assert_eq!(entry.one("published").text, "2025-03-01T00:00:00Z");
    // No entity is escaped a second time.
    assert!(!text.contains("&amp;amp;") && !text.contains("&amp;lt;") && !text.contains("&amp;quot;"), "{text}");
    // The listing links to the post at its encoded URL.
    let listing = site.html("news/index.html");
    let hrefs = attrs(&listing, "main .news-title a", "href");
    assert_eq!(hrefs, ["/docs/news/hello%20world/"]);
    assert!(file_at(&site.out(), &hrefs[0]).is_file());
}

#[test]
fn a_site_template_replaces_the_theme_feed_and_sitemap() {
    let site = built("feeds-override");
    let feed = parse_xml(&site.read("news/atom.xml"));
    assert_eq!(feed.one("rights").text, "Written by the site's own template");
    // Autoescaping applies to the site's `.xml` templates too.
    assert_eq!(feed.one("entry").one("title").text, "Fish & <chips>");
    let sitemap = parse_xml(&site.read("sitemap.xml"));
    let priorities = sitemap.texts("url", "priority");
    assert_eq!(priorities, ["0.5", "0.5", "0.5"]);
    assert_eq!(
        sitemap.texts("url", "loc"),
        ["https://example.org/", "https://example.org/news/", "https://example.org/news/first/"]
    );
}

#[test]
fn pages_and_aliases_cannot_take_the_file_names_of_a_sitemap_index() {
    let site = Site::copy("feeds-reserved");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let out = format!("{}{}", run.stdout, run.stderr);
    let expected = [
        "content/page.md: error: alias `/sitemap-2.xml` of content/page.md would be written to `/sitemap-2.xml/`, where the build writes the files of a sitemap index (`/sitemap-N.xml`)\n  = help: remove the alias",
        "content/sitemap-1.xml.md: error: this page would be written to `/sitemap-1.xml/`, where the build writes the files of a sitemap index (`/sitemap-N.xml`)\n  = help: rename the file or give it a `slug`",
    ];
    for d in expected {
        assert!(out.contains(d), "missing:\n{d}\nin:\n{out}");
    }
    // Only those two: the name is reserved at the site root only.
    assert!(out.contains("build failed: 2 errors"), "{out}");
    assert!(!site.out().exists());
}

/// Writes a site of `sections` sections of `pages` pages each, plus the
/// home page: `1 + sections * (pages + 1)` URLs.
fn write_large_site(root: &Path, sections: usize, pages: usize) -> Vec<String> {
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("site.yaml"), "title: Large\nbase_url: https://example.org/\nsearch:\n  enabled: false\n")
        .unwrap();
    std::fs::write(root.join("content/_index.md"), "---\ntitle: Home\n---\nx\n").unwrap();
    let mut urls = vec!["https://example.org/".to_string()];
    for s in 0..sections {
        let dir = root.join(format!("content/s{s}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("_index.md"), "---\ntitle: S\n---\nx\n").unwrap();
        urls.push(format!("https://example.org/s{s}/"));
        for p in 0..pages {
            std::fs::write(dir.join(format!("p{p}.md")), "---\ntitle: P\n---\nx\n").unwrap();
            urls.push(format!("https://example.org/s{s}/p{p}/"));
        }
    }
    urls
}

/// 50,001 URLs, one more than a sitemap may hold. Writing and rendering
/// 50,001 pages takes about 36 s of CPU in a debug build (minutes of wall
/// time on a busy machine), so it runs on request; the split and the
/// templates are unit-tested in `render::extras`.
#[test]
#[ignore = "50,001 pages: about 36 s of CPU in a debug build; run with --ignored"]
fn a_site_of_50001_urls_gets_a_sitemap_index_of_two_sitemaps() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let out = dir.path().join("out");
    let mut expected = write_large_site(&root, 100, 499);
    assert_eq!(expected.len(), 50_001);
    let run = common::onramp().arg("build").arg(&root).arg("--out").arg(&out).output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();
    let index = parse_xml(&read("sitemap.xml"));
    assert_eq!(index.name, "sitemapindex");
    assert_eq!(index.attrs["xmlns"], "http://www.sitemaps.org/schemas/sitemap/0.9");
    assert_eq!(
        index.texts("sitemap", "loc"),
        ["https://example.org/sitemap-1.xml", "https://example.org/sitemap-2.xml"]
    );
    let first = parse_xml(&read("sitemap-1.xml"));
    let second = parse_xml(&read("sitemap-2.xml"));
    assert_eq!(first.name, "urlset");
    assert_eq!(first.all("url").len(), 50_000);
    assert_eq!(second.all("url").len(), 1);
    assert!(!out.join("sitemap-3.xml").exists());
    // Together they list every page once.
    let mut locs = first.texts("url", "loc");
    locs.extend(second.texts("url", "loc"));
    locs.sort();
    expected.sort();
    assert_eq!(locs, expected);
    // robots.txt names the index.
    assert_eq!(read("robots.txt"), "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n");
}

/// With the built-in `sitemap.xml` template, onramp writes the sitemap
/// itself, without the template's values (ten per page and language on a
/// multilingual site); a site that overrides the template gets it
/// rendered. Both must give the same bytes: the site below has reserved
/// characters in its URLs, translations and, in git, a date of last change
/// for every page.
#[test]
fn built_in_sitemap_is_the_bytes_its_template_renders() {
    let written = Site::copy("feeds-encoding");
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(written.root())
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "site"]);
    written.build(&[]).ok();
    let template =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/sitemap.xml"))
            .expect("the built-in template");
    written.write("templates/sitemap.xml", &template);
    let from_built_in = written.read("sitemap.xml");
    assert!(from_built_in.contains("<lastmod>"), "the pages have dates: {from_built_in}");
    assert!(!from_built_in.contains("<xhtml:link"), "each page links its translations, not the sitemap");
    written.build(&[]).ok();
    assert_eq!(written.read("sitemap.xml"), from_built_in);
}
