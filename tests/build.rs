//! `onramp build` on fixture sites: the HTML it writes, checked through a
//! parser (scraper) and reviewed snapshots of `<main>`.

mod common;

use common::{Site, attrs, built, main_html, select, text_of};

#[test]
fn pages_get_clean_urls_and_sub_path_links() {
    let site = built("basic");
    for page in [
        "index.html",
        "guide/index.html",
        "guide/install/index.html",
        "guide/usage/index.html",
        "reference/index.html",
        "zebra/index.html",
    ] {
        assert!(site.out().join(page).is_file(), "{page} missing");
    }
    let doc = site.html("guide/install/index.html");
    // Every internal link and asset carries the base path of base_url.
    for attr in ["href", "src"] {
        for url in attrs(&doc, &format!("[{attr}]"), attr) {
            let internal = !(url.starts_with("http") || url.starts_with('#') || url.starts_with("mailto:"));
            assert!(!internal || url.starts_with("/docs/"), "{attr}={url} lacks the base path");
        }
    }
    let links = attrs(&doc, "main .prose a", "href");
    assert!(links.contains(&"/docs/guide/usage/".to_string()), "{links:?}");
    assert!(links.contains(&"/docs/reference/#options".to_string()), "{links:?}");
    assert!(links.contains(&"#requirements".to_string()));
    assert!(links.contains(&"https://example.com/x?a=1&b=2".to_string()));
    assert_eq!(attrs(&doc, "main .prose img", "src"), ["/docs/guide/diagram.svg"]);
    let usage = site.html("guide/usage/index.html");
    assert_eq!(attrs(&usage, "main .prose a", "href"), ["/docs/guide/install/#linux"]);
    assert_eq!(attrs(&usage, "main .prose img", "src"), ["/docs/img/logo.svg"]);
}

#[test]
fn headings_toc_alerts_and_code() {
    let site = built("basic");
    let doc = site.html("guide/install/index.html");
    assert_eq!(attrs(&doc, "main .prose h2, main .prose h3", "id"), ["requirements", "linux", "requirements-1"]);
    assert_eq!(attrs(&doc, "main h2 > a.anchor", "href"), ["#requirements", "#requirements-1"]);
    let toc: Vec<String> = select(&doc, "details.toc-disclosure a")
        .iter()
        .map(|a| a.value().attr("href").unwrap_or("").to_string())
        .collect();
    assert_eq!(toc, ["#requirements", "#linux", "#requirements-1"]);
    // The page carries its contents once: the theme's script builds the
    // column from the disclosure where it fits.
    assert_eq!(select(&doc, ".toc-list.toc-depth-0").len(), 1, "one list of contents in the page");
    assert!(select(&doc, "aside.toc").is_empty());
    assert_eq!(select(&doc, "main .callout.callout-note[role=note]").len(), 1);
    assert_eq!(select(&doc, "main .callout.callout-caution").len(), 1);
    assert_eq!(text_of(&doc, "main .callout-note .callout-title"), "Note");
    // Each token's span names its light and dark colours (`l3 d5`), in
    // spans that sit flat inside the code element.
    let rust = select(&doc, "main pre.code[data-lang=rust] > code > span[class]");
    assert!(!rust.is_empty(), "rust code is highlighted");
    for span in &rust {
        let classes: Vec<&str> = span.value().classes().collect();
        assert!(
            classes.iter().any(|c| c.starts_with('l')) && classes.iter().any(|c| c.starts_with('d')),
            "{classes:?}"
        );
    }
    assert!(select(&doc, "main pre.code span span").is_empty());
    assert_eq!(text_of(&doc, "main pre.code[data-lang=nosuchlang] code"), "<plain> & code");
    assert!(select(&doc, "main pre.code[data-lang=nosuchlang] span").is_empty());
    assert_eq!(select(&doc, "main table").len(), 1);
    assert_eq!(select(&doc, "main input[type=checkbox]").len(), 2);
}

#[test]
fn titles_order_breadcrumbs_and_neighbours() {
    let site = built("basic");
    let doc = site.html("guide/install/index.html");
    assert_eq!(text_of(&doc, "main h1"), "Install");
    let crumbs: Vec<String> =
        select(&doc, "nav.breadcrumbs li").iter().map(|l| l.text().collect::<String>().trim().to_string()).collect();
    assert_eq!(crumbs, ["Basic", "Guide", "Install"]);
    assert_eq!(attrs(&doc, "a[rel=prev]", "href"), ["/docs/guide/"]);
    assert_eq!(attrs(&doc, "a[rel=next]", "href"), ["/docs/guide/usage/"]);
    // Sidebar: sections and pages by weight then title; the current page marked.
    let nav: Vec<String> =
        select(&doc, "#sidebar .nav-list a").iter().map(|a| a.text().collect::<String>().trim().to_string()).collect();
    let order: Vec<&str> = nav.iter().map(String::as_str).collect();
    assert_eq!(order, ["Guide", "Install", "Usage", "Reference", "Zebra from heading"]);
    assert_eq!(attrs(&doc, "[aria-current=page]", "href").len(), 1);
    // A leading `# heading` is the title when front matter has none, and is not repeated.
    let usage = site.html("guide/usage/index.html");
    assert_eq!(text_of(&usage, "main h1"), "Usage");
    assert!(select(&usage, "main .prose h1").is_empty());
    let zebra = site.html("zebra/index.html");
    assert_eq!(text_of(&zebra, "main h1"), "Zebra from heading");
}

#[test]
fn head_meta_edit_link_and_home() {
    let site = built("basic");
    let doc = site.html("guide/install/index.html");
    assert_eq!(attrs(&doc, "link[rel=canonical]", "href"), ["https://example.org/docs/guide/install/"]);
    assert_eq!(attrs(&doc, "meta[name=description]", "content"), ["Installing Basic."]);
    assert_eq!(attrs(&doc, "meta[property='og:title']", "content"), ["Install"]);
    assert_eq!(attrs(&doc, "html", "lang"), ["en"]);
    assert_eq!(
        attrs(&doc, "a.edit-link", "href"),
        ["https://github.com/acme/basic/edit/main/site/content/guide/install.md"]
    );
    let home = site.html("index.html");
    assert_eq!(text_of(&home, "main h1"), "Welcome to Basic");
    assert!(attrs(&home, "main a", "href").contains(&"/docs/guide/install/".to_string()));
}

#[test]
fn sitemap_robots_404_aliases_and_assets() {
    let site = built("basic");
    let sitemap = site.read("sitemap.xml");
    let locs: Vec<&str> =
        sitemap.lines().filter_map(|l| l.trim().strip_prefix("<loc>")?.strip_suffix("</loc>")).collect();
    assert_eq!(
        locs,
        [
            "https://example.org/docs/",
            "https://example.org/docs/guide/",
            "https://example.org/docs/guide/install/",
            "https://example.org/docs/guide/usage/",
            "https://example.org/docs/reference/",
            "https://example.org/docs/zebra/",
        ]
    );
    assert_eq!(site.read("robots.txt"), "User-agent: *\nAllow: /\n\nSitemap: https://example.org/docs/sitemap.xml\n");
    let nf = site.html("404.html");
    assert_eq!(text_of(&nf, "main h1"), "Page not found");
    let alias = site.html("old-usage/index.html");
    assert_eq!(attrs(&alias, "meta[http-equiv=refresh]", "content"), ["0; url=/docs/guide/usage/"]);
    assert_eq!(attrs(&alias, "link[rel=canonical]", "href"), ["https://example.org/docs/guide/usage/"]);
    assert!(site.out().join("img/logo.svg").is_file());
    assert!(site.out().join("guide/diagram.svg").is_file());
    let css = site.read("theme/syntax.css");
    assert!(css.contains("@media (prefers-color-scheme: dark)"));
}

#[test]
fn drafts_only_with_flag() {
    let site = built("basic");
    assert!(!site.out().join("guide/draft/index.html").exists());
    site.build(&["--drafts"]).ok();
    assert!(site.out().join("guide/draft/index.html").is_file());
}

#[test]
fn base_url_flag_overrides_config() {
    let site = Site::copy("basic");
    site.build(&["--base-url", "http://127.0.0.1:8000/"]).ok();
    let doc = site.html("guide/install/index.html");
    assert_eq!(attrs(&doc, "link[rel=canonical]", "href"), ["http://127.0.0.1:8000/guide/install/"]);
    assert!(attrs(&doc, "main .prose a", "href").contains(&"/guide/usage/".to_string()));
}

#[test]
fn summary_line_counts_pages() {
    let site = Site::copy("basic");
    let run = site.build(&[]).ok();
    let line = run.stdout.trim();
    assert!(line.starts_with("built 6 pages (6 en) into "), "{line}");
    assert!(run.stderr.is_empty(), "no warnings expected: {}", run.stderr);
    let quiet = site.build(&["--quiet"]).ok();
    assert!(quiet.stdout.is_empty());
}

#[test]
fn verbose_prints_every_stage_with_its_cpu_time_and_peak_memory() {
    let site = Site::copy("basic");
    let run = site.build(&["--verbose"]).ok();
    let stages: Vec<Vec<&str>> = run.stderr.lines().map(|l| l.split_whitespace().collect()).collect();
    let names: Vec<&str> = stages.iter().map(|f| f[0]).collect();
    assert_eq!(
        names,
        ["config", "theme", "load", "markdown", "site", "static", "render", "search", "write"],
        "{}",
        run.stderr
    );
    let mut last_peak = 0;
    for f in &stages {
        assert_eq!(f[2], "ms", "{f:?}");
        assert!(f[1].parse::<f64>().is_ok(), "{f:?}");
        if cfg!(target_os = "linux") {
            assert_eq!((f[3], f[5], f[6], f[8]), ("cpu", "ms", "peak", "MiB"), "{f:?}");
            assert!(f[4].parse::<f64>().is_ok(), "{f:?}");
            let peak: u64 = f[7].parse().unwrap();
            assert!(peak >= last_peak && peak > 0, "peak memory only grows: {f:?}");
            last_peak = peak;
        }
    }
}

#[test]
fn verbose_prints_the_stages_of_a_failed_build_too() {
    let site = Site::copy("err-many");
    let run = site.build(&["--verbose"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let names: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("  ="))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    // Errors found before rendering: no search index is built, and static
    // files and pages are only named (for the errors rendering finds), not written.
    assert_eq!(names, ["config", "theme", "load", "markdown", "site", "static", "render"], "{}", run.stderr);
    assert!(run.stderr.ends_with("build failed: 3 errors; the previous output was left untouched\n"), "{}", run.stderr);
}

#[test]
fn site_templates_override_and_extend_theme() {
    let site = built("override");
    let page = site.html("page/index.html");
    assert_eq!(text_of(&page, "main .override-marker"), "overridden");
    // The theme's block still renders through super().
    assert_eq!(text_of(&page, "main h1"), "A page");
    let team = site.html("custom/index.html");
    let names: Vec<String> = select(&team, "main ul.team li").iter().map(|l| l.text().collect()).collect();
    // Data values are escaped, never interpreted as HTML.
    assert_eq!(names, ["Ada", "<b>Grace</b>"]);
    assert!(select(&team, "main ul.team b").is_empty());
}

#[test]
fn init_scaffolds_a_site_that_builds_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("my-site");
    let run: common::Run = common::onramp().arg("init").arg(&target).output().unwrap().into();
    assert_eq!(run.code, 0, "{}", run.stderr);
    // It says how to preview the site and what to edit first.
    let lines: Vec<&str> = run.stdout.lines().map(str::trim).collect();
    let d = target.display();
    assert_eq!(lines[0], format!("created 9 files in {d}"));
    assert!(lines.contains(&format!("onramp serve {d}").as_str()), "{}", run.stdout);
    assert!(lines.iter().any(|l| l.starts_with(&format!("{}:", target.join("site.yaml").display()))), "{}", run.stdout);
    let run: common::Run = common::onramp().arg("build").arg(&target).output().unwrap().into();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "warnings: {}", run.stderr);
    assert!(target.join("public/index.html").is_file());
    // A favicon of its own, so browsers do not ask for a missing /favicon.ico.
    let home = scraper::Html::parse_document(&std::fs::read_to_string(target.join("public/index.html")).unwrap());
    assert_eq!(attrs(&home, "link[rel=icon]", "href"), ["/favicon.svg"]);
    assert!(std::fs::read_to_string(target.join("public/favicon.svg")).unwrap().starts_with("<svg"));
    // The code colours are the pair that meets WCAG AA (tests/a11y.rs audits it).
    let config = std::fs::read_to_string(target.join("site.yaml")).unwrap();
    assert!(config.contains("  light: ColdarkCold\n  dark: ColdarkDark\n"), "{config}");
    // init refuses a folder that has files.
    let run: common::Run = common::onramp().arg("init").arg(&target).output().unwrap().into();
    assert_eq!(run.code, 2);
}

#[test]
fn example_site_builds_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site");
    let run: common::Run =
        common::onramp().arg("build").arg(&src).arg("--out").arg(dir.path().join("out")).output().unwrap().into();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "warnings: {}", run.stderr);
}

#[test]
fn main_snapshot_of_a_docs_page() {
    let site = built("basic");
    insta::assert_snapshot!(main_html(&site.html("guide/install/index.html")));
}

#[test]
fn main_snapshot_of_a_section() {
    let site = built("basic");
    insta::assert_snapshot!(main_html(&site.html("guide/index.html")));
}

#[test]
fn help_of_every_command_has_one_layout_and_only_its_own_flags() {
    let help = |args: &[&str]| {
        let run: common::Run = common::onramp().args(args).arg("--help").output().unwrap().into();
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
    };
    for args in [&["build"][..], &["serve"], &["check"], &["i18n", "status"], &["i18n", "stamp"], &["init"]] {
        let text = help(args);
        // clap's short layout: one line per option, no "Possible values" block.
        assert!(!text.contains("Possible values"), "{args:?}:\n{text}");
        assert!(!text.contains("\n\n  -"), "{args:?} uses the long layout:\n{text}");
        let has_verbose = text.lines().any(|l| l.trim_start().starts_with("-v, --verbose"));
        assert_eq!(has_verbose, args == ["build"], "{args:?}:\n{text}");
    }
}
