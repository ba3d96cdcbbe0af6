//! Output paths, link slots and URLs from content: `slug` and `aliases`
//! stay inside the output folder, pages cannot take the files the build
//! writes itself, content bytes cannot forge or break links, script URLs
//! are neutralised, raw HTML can be turned off, and `base_url` is checked.
//! Fixtures: `tests/fixtures/paths-*`.

mod common;

use common::{Run, Site, attrs, onramp, select, text_of};

/// Diagnostics of a run: stderr without the summary line.
fn diagnostics(run: &Run) -> String {
    let mut lines: Vec<&str> = run.stderr.lines().collect();
    lines.pop();
    lines.join("\n")
}

/// Builds a fixture that must fail; returns its diagnostics.
fn fails(site: &Site) -> String {
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "the build should fail:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "panicked:\n{}", run.stderr);
    assert!(!site.out().exists(), "a failed build must not create the output folder");
    assert!(run.stderr.lines().last().unwrap_or("").starts_with("build failed: "), "{}", run.stderr);
    diagnostics(&run)
}

/// Runs `onramp check`; returns its exit code and standard output.
fn check(site: &Site) -> (i32, String) {
    let run = Run::from(onramp().arg("check").arg(site.root()).output().expect("run onramp"));
    assert!(!run.stderr.contains("panicked"), "panicked:\n{}", run.stderr);
    (run.code, run.stdout)
}

const SLUG_HELP: &str = "  = help: a slug replaces the last segment of the page's URL: use letters, digits and `-`, such as `slug: install-windows`; move the file to change its folder";

#[test]
fn slug_and_alias_with_parent_segments_are_errors_and_write_nothing() {
    let site = Site::copy("paths-escape");
    let expected = [
        "content/abs.md:3:7: error: `slug` `/etc/cron.d/` cannot be used: it is one URL segment and cannot hold `/`",
        SLUG_HELP,
        "content/alias.md:3:19: error: alias `/../../onramp-paths-escaped/` cannot be used: `..` is not allowed as a path segment",
        "  = help: write an old URL of this page as a site path, such as `/docs/old-name/` or `/old/page.html`",
        "content/back.md:3:7: error: `slug` `a\\b` cannot be used: `\\` is not allowed",
        SLUG_HELP,
        "content/ctrl.md:3:7: error: `slug` `a\\u{1}b` cannot be used: control character U+0001 is not allowed",
        SLUG_HELP,
        &format!(
            "content/long.md:3:7: error: `slug` `{}…` cannot be used: a path segment is 5000 bytes long, more than 255",
            "x".repeat(60)
        ),
        SLUG_HELP,
        "content/slug.md:3:7: error: `slug` `../../../../onramp-paths-escaped` cannot be used: `..` is not allowed as a path segment",
        SLUG_HELP,
    ]
    .join("\n");
    assert_eq!(fails(&site), expected);
    // Nothing was written above the output folder, at any depth the slug reaches.
    for dir in site.out().ancestors() {
        let escaped = dir.join("onramp-paths-escaped");
        assert!(!escaped.exists(), "{} was written", escaped.display());
    }
    // `onramp check` runs the same load stage and reports the same errors.
    let (code, stdout) = check(&site);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.starts_with(&format!("{expected}\n")), "{stdout}");
    assert!(stdout.contains("check failed: 6 errors"), "{stdout}");
}

#[test]
fn pages_and_aliases_that_take_build_files_or_other_pages_are_errors() {
    let site = Site::copy("paths-reserved");
    let out = fails(&site);
    let ours = [
        "content/404.html.md: error: this page would be written to `/404.html/`, where the build writes the 404 page (`/404.html`)\n  = help: rename the file or give it a `slug`",
        "content/page.md: error: alias `/404.html` of content/page.md would be written to `/404.html`, where the build writes the 404 page (`/404.html`)\n  = help: remove the alias",
        "content/page.md:3:1: error: `content/other.md` and alias `/other/` of content/page.md would both be written to `/other/`\n  = help: remove the alias or change the other page's URL",
        "content/robots.txt.md: error: this page would be written to `/robots.txt/`, where the build writes robots.txt (`/robots.txt`)\n  = help: rename the file or give it a `slug`",
        "content/search/found.md: error: this page would be written to `/search/found/`, where the build writes the search index (`/search/`)\n  = help: rename the file or give it a `slug`",
        "content/sitemap.xml.md: error: this page would be written to `/sitemap.xml/`, where the build writes the sitemap (`/sitemap.xml`)\n  = help: rename the file or give it a `slug`",
    ];
    for d in ours {
        assert!(out.contains(d), "missing:\n{d}\nin:\n{out}");
    }
    // `onramp check` reports them too (it writes nothing, so only these).
    let (code, stdout) = check(&site);
    assert_eq!(code, 1, "{stdout}");
    for d in ours {
        assert!(stdout.contains(d), "check is missing:\n{d}\nin:\n{stdout}");
    }
}

#[test]
fn nul_bytes_and_forged_placeholders_in_content_are_plain_text() {
    let site = Site::copy("paths-nul");
    let run = site.build(&[]).ok();
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let home = site.html("index.html");
    let p = select(&home, ".home-content p");
    assert_eq!(p.len(), 1);
    // The text that looks like the old placeholder stays text (HTML parsers
    // drop the NULs, as browsers do); the one link is resolved.
    let text: String = p[0].text().collect();
    assert_eq!(text, "Text x L0 here, first and  two NULs and L9.");
    assert!(site.read("index.html").contains("<p>Text x \0L0\0 here, <a href=\"/page/\">first</a> and \0\0 two NULs"));
    assert_eq!(attrs(&home, ".home-content p a", "href"), ["/page/"]);
    assert_eq!(attrs(&home, ".home-content h2 a:not(.anchor)", "href"), ["/page/#part"]);
    assert_eq!(text_of(&home, "h1.hero-title"), "Home  \u{7} bell");
    let page = site.html("page/index.html");
    assert_eq!(attrs(&page, "main p a", "href"), ["/"]);
    let (code, stdout) = check(&site);
    assert_eq!(code, 0, "{stdout}");
}

#[test]
fn script_urls_in_markdown_and_home_links_are_neutralised_with_warnings() {
    let site = Site::copy("paths-script");
    let run = site.build(&[]).ok();
    let md_help = "  = help: the text is kept without its link: use a page, an `https://` or a `mailto:` URL";
    let fm_help = "  = help: it is replaced with `#`: use a site path (`/docs/`), a page, or an `https://` URL";
    assert_eq!(
        run.stderr.trim_end(),
        [
            "content/_index.md:8:14: warning: link with a `javascript:` URL left out",
            fm_help,
            "content/_index.md:14:12: warning: link with a `vbscript:` URL left out",
            fm_help,
            "content/_index.md:18:8: warning: link with a `javascript:` URL left out",
            md_help,
            "content/_index.md:18:34: warning: link with a `javascript:` URL left out",
            md_help,
            "content/_index.md:18:63: warning: link with a `data:` URL left out",
            md_help,
        ]
        .join("\n")
    );
    let home = site.html("index.html");
    assert_eq!(attrs(&home, ".hero-actions a", "href"), ["#", "/page/"]);
    assert_eq!(attrs(&home, ".card-title a", "href"), ["#", "https://example.org/"]);
    let links = select(&home, ".home-content a");
    let shown: Vec<(String, Option<&str>)> =
        links.iter().map(|a| (a.text().collect(), a.value().attr("href"))).collect();
    assert_eq!(
        shown,
        [
            ("a".into(), None),
            ("b".into(), None),
            ("c".into(), None),
            ("ok".into(), Some("/page/")),
            ("mail".into(), Some("mailto:a@example.org")),
        ]
    );
    assert_eq!(attrs(&home, ".home-content img", "src"), ["data:image/png;base64,iVBORw0KGgo="]);
    // No attribute anywhere on the page starts a script.
    for el in select(&home, "*") {
        for (name, value) in el.value().attrs() {
            let v = value.trim_start().to_ascii_lowercase();
            assert!(!v.starts_with("javascript:") && !v.starts_with("vbscript:"), "{name}={value}");
        }
    }
}

#[test]
fn home_hero_of_the_wrong_type_is_an_error_at_its_value() {
    let site = Site::copy("paths-hero");
    assert_eq!(
        fails(&site),
        "content/_index.md:4:9: error: `extra.hero` must be a mapping, found string \"Welcome to the project\""
    );
}

#[test]
fn raw_html_is_omitted_when_markdown_raw_html_is_false() {
    let site = Site::copy("paths-raw-html");
    site.build(&[]).ok();
    let home = site.html("index.html");
    assert!(select(&home, ".home-content script, .home-content b, .home-content div").is_empty());
    let prose = select(&home, ".home-content");
    assert_eq!(
        prose[0].inner_html().trim(),
        "<p>Text with <!-- raw HTML omitted -->inline<!-- raw HTML omitted --> HTML.</p>\n<!-- raw HTML omitted -->\n<p>After.</p>"
    );
    // `onramp check` agrees: the omitted HTML's broken link is not on the page.
    let (code, stdout) = check(&site);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.ends_with("check passed: 0 errors, 0 warnings\n"), "{stdout}");
}

#[test]
fn base_url_that_is_not_an_absolute_http_url_is_an_error() {
    let site = Site::copy("paths-base-url");
    assert_eq!(
        fails(&site),
        "site.yaml:2:11: error: `base_url` must be an absolute http(s) URL, found `example.org/docs`\n  = help: write the address the site is published at, such as `https://docs.example.org/` or `https://example.org/project/`"
    );
    // On the command line it is a usage error, with the same rule.
    let site = Site::copy("paths-nul");
    let run = site.build(&["--base-url", "notaurl"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error: invalid value 'notaurl' for '--base-url <BASE_URL>': `base_url` must be an absolute http(s) URL, found `notaurl`\n"),
        "{}",
        run.stderr
    );
    assert!(!site.out().exists());
    site.build(&["--base-url", "https://example.org/docs"]).ok();
}
