//! The onboarding layouts (news, case studies, getting started, directory,
//! guide, community) and mounted files, on fixture sites
//! `tests/fixtures/layouts-*`: the HTML through a parser, the Atom feed
//! through an XML parser, bad input as diagnostics, git history from
//! repositories made on the fly, and the scripted parts (facet chips, path
//! navigation, directory filters, the sticky table of contents) in headless
//! Chromium.
//!
//! Browser tests need Chromium (`$CHROMIUM` or `/usr/bin/chromium`); without
//! it they fail, unless `ONRAMP_SKIP_BROWSER=1`.

mod common;

use common::chrome::{Chrome, browser_or_skip};
use common::http::Server;
use common::xml::parse_xml;
use common::{Run, Site, attrs, built, select, text_of, texts};
use std::process::Command;
use std::sync::Mutex;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(15);

/// Browser tests run one at a time: the machine may have two cores.
static BROWSER: Mutex<()> = Mutex::new(());

/// The diagnostics lines (`path:line:col: severity: …`) a run printed.
fn diagnostics(run: &Run) -> Vec<String> {
    format!("{}\n{}", run.stdout, run.stderr)
        .lines()
        .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
        .map(str::to_string)
        .collect()
}

// --------------------------------------------------------------------- news

#[test]
fn news_listing_is_paginated_newest_first() {
    let site = built("layouts-news");
    let page1 = site.html("news/index.html");
    assert_eq!(texts(&page1, "main .news-title"), ["Newsy 1.1", "Newsy 1.0 is out"]);
    assert_eq!(texts(&page1, "main .news-item .badge-release"), ["Release 1.1.0", "Release 1.0.0"]);
    assert_eq!(attrs(&page1, "main .news-item time", "datetime"), ["2025-04-01", "2025-03-05"]);
    assert_eq!(texts(&page1, "main .news-item time"), ["1 April 2025", "5 March 2025"]);
    assert_eq!(
        attrs(&page1, ".news-page-numbers a", "href"),
        ["/docs/news/", "/docs/news/page/2/", "/docs/news/page/3/"]
    );
    assert_eq!(attrs(&page1, ".news-page-numbers a[aria-current=page]", "href"), ["/docs/news/"]);
    assert_eq!(attrs(&page1, "a[rel=next].news-older", "href"), ["/docs/news/page/2/"]);
    assert!(select(&page1, "a.news-newer").is_empty());
    assert_eq!(text_of(&page1, "main .prose"), "The latest from the project.");
    assert_eq!(attrs(&page1, "link[type='application/atom+xml']", "href"), ["/docs/news/atom.xml"]);

    let page2 = site.html("news/page/2/index.html");
    assert_eq!(texts(&page2, "main .news-title"), ["A second post & more", "Hello, world"]);
    // Backticks in a description are code, and markup in it is text.
    assert_eq!(texts(&page2, "main .news-summary code"), ["second"]);
    assert!(select(&page2, "main .news-summary b").is_empty());
    assert_eq!(attrs(&page2, "link[rel=canonical]", "href"), ["https://example.org/docs/news/page/2/"]);
    assert_eq!(attrs(&page2, "a.news-newer", "href"), ["/docs/news/"]);
    assert_eq!(attrs(&page2, "a.news-older", "href"), ["/docs/news/page/3/"]);
    assert!(select(&page2, "main .prose").is_empty(), "the section's text is on the first page only");
    let page3 = site.html("news/page/3/index.html");
    assert_eq!(texts(&page3, "main .news-title"), ["Ancient history"]);
    assert_eq!(text_of(&page3, ".news-page-of"), "Page 3 of 3");

    // The French listing lists the same posts, translated where a translation exists.
    let fr = site.html("fr/news/page/2/index.html");
    assert_eq!(texts(&fr, "main .news-title"), ["Un deuxième billet", "Hello, world"]);
    assert_eq!(attrs(&fr, "main .news-title a", "href"), ["/docs/fr/news/second/", "/docs/fr/news/first/"]);
}

#[test]
fn atom_feed_per_language_parses_with_required_elements() {
    let site = built("layouts-news");
    for (prefix, lang, title) in [("", "en", "News · Newsy"), ("fr/", "fr", "Actualités · Newsy")] {
        let feed = parse_xml(&site.read(&format!("{prefix}news/atom.xml")));
        assert_eq!(feed.name, "feed");
        assert_eq!(feed.attrs["xmlns"], "http://www.w3.org/2005/Atom");
        assert_eq!(feed.attrs["xml:lang"], lang);
        assert_eq!(feed.one("id").text, format!("https://example.org/docs/{prefix}news/"));
        assert_eq!(feed.one("title").text, title);
        assert_eq!(feed.one("updated").text, "2025-04-01T00:00:00Z");
        assert!(!feed.one("author").one("name").text.is_empty());
        let links: Vec<(&str, &str)> =
            feed.all("link").iter().map(|l| (l.attrs["rel"].as_str(), l.attrs["href"].as_str())).collect();
        assert!(links.contains(&("self", &format!("https://example.org/docs/{prefix}news/atom.xml"))), "{links:?}");
        assert!(links.contains(&("alternate", &format!("https://example.org/docs/{prefix}news/"))), "{links:?}");
        let entries = feed.all("entry");
        assert_eq!(entries.len(), 5);
        for e in &entries {
            let id = &e.one("id").text;
            assert!(id.starts_with(&format!("https://example.org/docs/{prefix}news/")), "{id}");
            assert!(!e.one("title").text.is_empty());
            assert!(e.one("updated").text.ends_with("T00:00:00Z"));
            assert_eq!(&e.one("link").attrs["href"], id);
        }
        let updated: Vec<&str> = entries.iter().map(|e| e.one("updated").text.as_str()).collect();
        let mut sorted = updated.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(updated, sorted, "newest first");
    }
    let en = parse_xml(&site.read("news/atom.xml"));
    let second = en.all("entry").into_iter().find(|e| e.one("id").text.ends_with("/second/")).unwrap();
    assert_eq!(second.one("title").text, "A second post & more");
    assert_eq!(second.one("summary").text, "The `second` post <b>bold</b>.");
    let fr = parse_xml(&site.read("fr/news/atom.xml"));
    assert!(fr.all("entry").iter().any(|e| e.one("title").text == "Un deuxième billet"));
}

#[test]
fn release_notes_thank_contributors_from_front_matter() {
    let site = Site::copy("layouts-news");
    let run = site.build(&[]).ok();
    let doc = site.html("news/release-1-0/index.html");
    assert_eq!(text_of(&doc, "main .post-meta .badge-release"), "Release 1.0.0");
    assert_eq!(text_of(&doc, "main .post-meta time"), "5 March 2025");
    assert_eq!(text_of(&doc, ".release-thanks h2"), "Thank you");
    // Sorted by name; markup in a name is text; a `javascript:` link is dropped.
    assert_eq!(texts(&doc, ".contributor"), ["<script>alert(1)</script>", "Ada Lovelace", "Grace Hopper"]);
    assert_eq!(attrs(&doc, ".contributor a", "href"), ["https://example.org/ada"]);
    assert!(select(&doc, "main script").is_empty());
    assert_eq!(attrs(&doc, ".post-back a", "href"), ["/docs/news/", "/docs/news/atom.xml"]);
    // Neighbours by date: 1.1 (2025-04-01) is newer, the second post (2025-02-20) older.
    assert_eq!(attrs(&doc, "a.post-newer", "href"), ["/docs/news/release-1-1/"]);
    assert_eq!(attrs(&doc, "a.post-older", "href"), ["/docs/news/second/"]);
    assert!(select(&doc, "a[rel=prev], a[rel=next]").is_empty(), "no reading-order neighbours on a post");
    // Outside a git repository the git range falls back to the listed names, with a warning.
    let warnings = diagnostics(&run);
    assert!(
        warnings
            .iter()
            .any(|w| w
                .starts_with("content/news/release-1-1.md:7:3: warning: cannot read the git range `v1.0.0..v1.1.0`")),
        "{warnings:?}"
    );
    assert!(!warnings.iter().any(|w| w.contains("UI message")), "every layout string is translated: {warnings:?}");
    let doc = site.html("news/release-1-1/index.html");
    assert_eq!(texts(&doc, ".contributor"), ["Linus"]);
    assert!(select(&doc, ".release-thanks-source").is_empty());
}

fn git(dir: &std::path::Path, args: &[&str], author: (&str, &str)) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", author.0)
        .env("GIT_AUTHOR_EMAIL", author.1)
        .env("GIT_COMMITTER_NAME", "CI")
        .env("GIT_COMMITTER_EMAIL", "ci@example.org")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("run git");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn release_notes_read_a_git_range_with_mailmap() {
    let site = Site::copy("layouts-news");
    let root = site.root();
    let me = ("Linus", "linus@example.org");
    git(&root, &["init", "-q", "-b", "main"], me);
    git(&root, &["add", "."], me);
    git(&root, &["commit", "-q", "-m", "start"], me);
    git(&root, &["tag", "v1.0.0"], me);
    for (i, author) in [
        ("Margaret H.", "mh@old.example"),
        ("Margaret Hamilton", "margaret@example.org"),
        ("Katherine", "kj@example.org"),
    ]
    .into_iter()
    .enumerate()
    {
        site.write(&format!("notes-{i}.txt"), "x");
        git(&root, &["add", "."], author);
        git(&root, &["commit", "-q", "-m", "work"], author);
    }
    // The .mailmap joins Margaret's two identities under one name.
    site.write(".mailmap", "Margaret Hamilton <margaret@example.org> Margaret H. <mh@old.example>\n");
    git(&root, &["add", "."], me);
    git(&root, &["commit", "-q", "-m", "mailmap"], me);
    git(&root, &["tag", "v1.1.0"], me);
    let run = site.build(&[]).ok();
    assert!(!diagnostics(&run).iter().any(|w| w.contains("git range")), "{run:?}");
    let doc = site.html("news/release-1-1/index.html");
    assert_eq!(texts(&doc, ".contributor"), ["Katherine", "Linus", "Margaret Hamilton"]);
    assert_eq!(text_of(&doc, ".release-thanks-source"), "Authors of the commits in v1.0.0..v1.1.0.");
}

#[test]
fn news_bad_input_is_reported_at_its_position() {
    let site = Site::copy("layouts-news");
    site.write("content/news/undated.md", "---\ntitle: No date\n---\nText.\n");
    site.write("content/news/_index.md", "---\ntitle: News\nlayout: news\npaginate_by: 0\n---\n");
    site.write("content/news/bad-release.md", "---\ntitle: Bad\ndate: 2025-01-01\nrelease:\n  versoin: \"2\"\n---\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{run:?}");
    let d = diagnostics(&run);
    let has = |prefix: &str| d.iter().any(|l| l.starts_with(prefix));
    assert!(has("content/news/_index.md:4:1: error: `paginate_by` must be at least 1"), "{d:?}");
    assert!(has("content/news/undated.md:2:1: error: a news post needs a `date`"), "{d:?}");
    assert!(has("content/news/bad-release.md:5:3: error: unknown front matter field `release.versoin`"), "{d:?}");
    assert!(format!("{run:?}").contains("did you mean `release.version`?"), "{run:?}");
}

// ------------------------------------------------------------- browser kit

/// A built fixture served over HTTP under `/docs/` (its base path), and a
/// browser on `page`.
struct Session {
    chrome: Chrome,
    _server: Server,
    _site: Site,
    _www: tempfile::TempDir,
}

fn session(test: &str, fixture: &str, page: &str) -> Option<Session> {
    let site = built(fixture);
    let www = tempfile::tempdir().expect("tempdir");
    std::os::unix::fs::symlink(site.out(), www.path().join("docs")).expect("symlink");
    let mut chrome = browser_or_skip(test)?;
    let server = Server::start(www.path());
    chrome.navigate(&server.url(page)).expect("navigate");
    chrome.wait_for("document.readyState === 'complete'", WAIT).expect("page loaded");
    Some(Session { chrome, _server: server, _site: site, _www: www })
}

fn lock() -> std::sync::MutexGuard<'static, ()> {
    BROWSER.lock().unwrap_or_else(|e| e.into_inner())
}

impl Session {
    fn strings(&mut self, js: &str) -> Vec<String> {
        match self.chrome.eval(js).unwrap_or_else(|e| panic!("{js}: {e}")) {
            serde_json::Value::Array(a) => a.iter().map(|v| v.as_str().unwrap_or_default().to_string()).collect(),
            other => panic!("{js}: {other}"),
        }
    }

    fn string(&mut self, js: &str) -> String {
        self.chrome.eval(js).unwrap_or_else(|e| panic!("{js}: {e}")).as_str().unwrap_or_default().to_string()
    }
}

// ------------------------------------------------------------- case studies

#[test]
fn case_studies_listing_has_every_card_and_facets_without_js() {
    let site = built("layouts-cases");
    let doc = site.html("case-studies/index.html");
    let cards = select(&doc, "main .case-card");
    assert_eq!(cards.len(), 4);
    assert!(cards.iter().all(|c| c.value().attr("hidden").is_none()), "every card is visible without JavaScript");
    assert_eq!(texts(&doc, ".case-card-org"), ["Acme", "Globex", "Initech <Inc> & Co", "Umbrella"]);
    assert_eq!(
        texts(&doc, ".case-card-title"),
        ["How Acme ships twice as fast", "Globex scales out", "Initech's reports", "Umbrella keeps it safe"]
    );
    assert_eq!(attrs(&doc, ".case-card-logo img", "src"), ["/docs/img/acme.svg", "/docs/img/globex.svg"]);
    assert_eq!(attrs(&doc, ".case-card-logo img", "alt"), ["Acme logo", "Globex logo"]);
    assert_eq!(
        attrs(&doc, ".case-card-link", "href"),
        [
            "/docs/case-studies/acme/",
            "/docs/case-studies/globex/",
            "/docs/case-studies/initech/",
            "/docs/case-studies/umbrella/"
        ]
    );
    assert!(texts(&doc, ".case-card-link").iter().all(|t| t.starts_with("Read story")));
    // The chip bar waits for the script; its chips are computed from front matter.
    assert_eq!(attrs(&doc, "[data-facets]", "hidden"), [""]);
    assert_eq!(texts(&doc, ".facet-label"), ["Industry", "Region", "Product"]);
    let chips = texts(&doc, ".chip[data-token]");
    assert_eq!(
        chips,
        [
            "Finance 2",
            "Health 1",
            "Retail 1",
            "Asia 1",
            "Europe 2",
            "North & South America \"<Q>\" 1",
            "Gadgets 1",
            "Widgets 2"
        ]
    );
    // A value with odd characters is text, and chips and cards share safe tokens.
    assert!(select(&doc, ".chip q, .case-card q, main script").is_empty());
    assert_eq!(
        attrs(&doc, ".case-card", "data-tokens"),
        [
            "industry-0 region-1 product-1",
            "industry-2 region-0 product-0",
            "industry-0 region-2 product-1",
            "industry-1 region-1"
        ]
    );
    assert_eq!(attrs(&doc, "script[src*='layouts.js']", "defer"), [""]);
    // Localized: the French listing uses the translated headline and strings.
    let fr = site.html("fr/case-studies/index.html");
    assert_eq!(texts(&fr, ".case-card-title")[0], "Comment Acme livre deux fois plus vite");
    assert_eq!(texts(&fr, ".facet-label"), ["Secteur", "Région", "Produit"]);
    assert!(texts(&fr, ".case-card-link")[0].starts_with("Lire l’histoire"));
}

#[test]
fn case_study_page_shows_organization_quote_and_resources() {
    let site = built("layouts-cases");
    let doc = site.html("case-studies/acme/index.html");
    assert_eq!(text_of(&doc, "main h1"), "How Acme ships twice as fast");
    assert_eq!(text_of(&doc, ".case-study-org"), "Acme");
    assert_eq!(attrs(&doc, ".case-study-logo", "src"), ["/docs/img/acme.svg"]);
    assert_eq!(texts(&doc, ".case-study-facets dt"), ["Industry", "Region", "Product"]);
    assert_eq!(texts(&doc, ".case-study-facets dd"), ["Finance", "Europe", "Widgets"]);
    assert_eq!(text_of(&doc, ".case-study-quote blockquote"), "Casey changed how we work.");
    assert_eq!(text_of(&doc, ".case-study-quote figcaption"), "Jane Doe, CTO");
    assert_eq!(attrs(&doc, ".resource a", "href"), ["/docs/files/acme.pdf", "https://example.org/talk"]);
    assert_eq!(attrs(&doc, ".resource", "class"), ["resource resource-pdf", "resource resource-video"]);
    assert_eq!(texts(&doc, ".resource .badge"), ["PDF", "Video"]);
    assert_eq!(attrs(&doc, ".post-back a", "href"), ["/docs/case-studies/"]);
    let odd = site.html("case-studies/initech/index.html");
    assert_eq!(text_of(&odd, ".case-study-org"), "Initech <Inc> & Co");
    assert!(select(&odd, ".case-study-logo").is_empty());
    // The translation inherits the story's front matter.
    let fr = site.html("fr/case-studies/acme/index.html");
    assert_eq!(text_of(&fr, ".case-study-org"), "Acme");
    assert_eq!(texts(&fr, ".resource .badge"), ["PDF", "Vidéo"]);
}

#[test]
fn case_study_bad_input_is_reported_at_its_position() {
    let site = Site::copy("layouts-cases");
    site.write(
        "content/case-studies/broken.md",
        "---\ntitle: Broken\ncase_study:\n  organization: Broken\n  logo: /img/missing.png\n  resources:\n    - label: Evil\n      url: \"javascript:alert(1)\"\n      kind: pdf\n---\n",
    );
    site.write(
        "content/case-studies/kind.md",
        "---\ntitle: Kind\ncase_study:\n  organization: Kind\n  resources:\n    - {label: X, url: /x, kind: podcast}\n---\n",
    );
    site.write("content/case-studies/bare.md", "---\ntitle: Bare\nlayout: case-study\n---\n");
    site.write(
        "content/case-studies/scheme.md",
        "---\ntitle: Scheme\ncase_study:\n  organization: S\n  logo: \"javascript://x%0aalert(1)\"\n---\n",
    );
    site.write("content/case-studies/noorg.md", "---\ntitle: No org\ncase_study:\n  industry: Finance\n---\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{run:?}");
    let d = diagnostics(&run);
    let has = |prefix: &str| d.iter().any(|l| l.starts_with(prefix));
    assert!(has("content/case-studies/broken.md:5:3: error: logo `/img/missing.png` not found"), "{d:?}");
    assert!(format!("{run:?}").contains("put the file at `static/img/missing.png`"), "{run:?}");
    assert!(has("content/case-studies/broken.md:8:12: error: resource `Evil` has an unsafe link"), "{d:?}");
    assert!(has("content/case-studies/kind.md:6:"), "{d:?}");
    assert!(d.iter().any(|l| l.contains("kind.md") && l.contains("podcast")), "{d:?}");
    assert!(has("content/case-studies/bare.md:3:1: error: a case study needs `case_study:`"), "{d:?}");
    assert!(has("content/case-studies/scheme.md:5:3: error: logo `javascript://x%0aalert(1)` not found"), "{d:?}");
    assert!(format!("{run:?}").contains("use a web link (`https://…`) or a site file"), "{run:?}");
    assert!(has("content/case-studies/noorg.md:") && d.iter().any(|l| l.contains("case_study.organization")), "{d:?}");
}

#[test]
fn case_study_chips_filter_cards_in_chromium() {
    let _g = lock();
    let Some(mut t) = session("case_study_chips_filter_cards_in_chromium", "layouts-cases", "/docs/case-studies/")
    else {
        return;
    };
    const VISIBLE: &str = "[...document.querySelectorAll('.case-card')].filter(c => c.offsetParent !== null).map(c => c.querySelector('.case-card-org').textContent)";
    t.chrome.wait_for("!document.querySelector('[data-facets]').hidden", WAIT).expect("the script shows the chips");
    assert_eq!(t.strings(VISIBLE), ["Acme", "Globex", "Initech <Inc> & Co", "Umbrella"]);
    assert_eq!(t.string("document.querySelector('[data-facet-status]').textContent"), "4 case studies");
    let click = |token: &str| format!("document.querySelector('[data-token=\"{token}\"]').click()");
    t.chrome.eval(&click("industry-0")).unwrap();
    assert_eq!(t.strings(VISIBLE), ["Acme", "Initech <Inc> & Co"], "Finance only");
    assert_eq!(t.string("document.querySelector('[data-token=industry-0]').getAttribute('aria-pressed')"), "true");
    assert_eq!(t.string("document.querySelector('[data-facet-status]').textContent"), "2 case studies");
    // A second value of the same facet widens; a value of another facet narrows.
    t.chrome.eval(&click("industry-1")).unwrap();
    assert_eq!(t.strings(VISIBLE), ["Acme", "Initech <Inc> & Co", "Umbrella"]);
    t.chrome.eval(&click("region-1")).unwrap();
    assert_eq!(t.strings(VISIBLE), ["Acme", "Umbrella"], "(Finance or Health) and Europe");
    // The odd-character value filters like any other.
    t.chrome.eval(&click("region-1")).unwrap();
    t.chrome.eval(&click("region-2")).unwrap();
    assert_eq!(t.strings(VISIBLE), ["Initech <Inc> & Co"]);
    assert_eq!(t.string("document.querySelector('[data-facet-status]').textContent"), "1 case study");
    t.chrome.eval("document.querySelector('[data-facet-clear]').click()").unwrap();
    assert_eq!(t.strings(VISIBLE).len(), 4, "All shows every card again");
}

// ---------------------------------------------------------- getting started

#[test]
fn getting_started_steps_and_paths() {
    let site = built("layouts-start");
    let doc = site.html("start/index.html");
    assert_eq!(texts(&doc, ".step-number"), ["1", "2", "3"]);
    assert_eq!(texts(&doc, ".step-title"), ["Step 1: Install", "Step 2: Build a site", "Step 3: Say hello"]);
    assert_eq!(texts(&doc, ".step-card:first-child .step-text code"), ["cargo install starter"]);
    assert_eq!(texts(&doc, ".step-card:first-child .step-items li"), ["Rust 1.85 or newer", "<b>Git</b>"]);
    assert!(select(&doc, ".step-items b").is_empty(), "markup in front matter is text");
    assert_eq!(texts(&doc, ".step-action"), ["Installation guide", "Read the guide", "Chat with us"]);
    assert_eq!(
        attrs(&doc, ".step-action", "href"),
        ["/docs/start/install/", "/docs/guide/", "https://chat.example.org"]
    );
    assert_eq!(attrs(&doc, ".path-card", "id"), ["path-1", "contribute"]);
    assert_eq!(texts(&doc, ".path-title"), ["Use Starter", "Contribute to Starter"]);
    assert_eq!(texts(&doc, ".path-length"), ["3 steps", "2 steps"]);
    assert_eq!(
        attrs(&doc, "#path-1 .path-pages a", "href"),
        ["/docs/start/install/", "/docs/start/first/", "/docs/guide/write/"]
    );
    assert_eq!(attrs(&doc, ".path-start", "href"), ["/docs/start/install/", "/docs/start/install/"]);
    // The Arabic page: translated strings, links in the Arabic tree, right to left.
    let ar = site.html("ar/start/index.html");
    assert_eq!(attrs(&ar, "html", "dir"), ["rtl"]);
    assert_eq!(texts(&ar, ".path-length"), ["3 خطوات", "خطوتان"]);
    assert_eq!(attrs(&ar, ".step-action", "href")[0], "/docs/ar/start/install/");
}

#[test]
fn pages_of_a_path_show_step_n_of_m_and_neighbours() {
    let site = built("layouts-start");
    // A page in two paths shows both.
    let install = site.html("start/install/index.html");
    assert_eq!(texts(&install, ".path-progress-title"), ["Use Starter", "Contribute to Starter"]);
    assert_eq!(texts(&install, ".path-step-of"), ["Step 1 of 3", "Step 1 of 2"]);
    assert_eq!(attrs(&install, ".path-progress-title", "href"), ["/docs/start/#path-1", "/docs/start/#contribute"]);
    assert_eq!(attrs(&install, "[data-path-next]", "href"), ["/docs/start/first/", "/docs/contribute/setup/"]);
    assert!(select(&install, "[data-path-prev]").is_empty());
    let first = site.html("start/first/index.html");
    assert_eq!(texts(&first, ".path-step-of"), ["Step 2 of 3"]);
    assert_eq!(
        attrs(&first, ".path-progress-step", "class"),
        ["path-progress-step is-done", "path-progress-step is-current", "path-progress-step"]
    );
    assert_eq!(attrs(&first, "[aria-current=step]", "href"), ["/docs/start/first/"]);
    assert_eq!(attrs(&first, "[data-path-prev]", "href"), ["/docs/start/install/"]);
    assert_eq!(attrs(&first, "[data-path-next]", "href"), ["/docs/guide/write/"]);
    let last = site.html("guide/write/index.html");
    assert_eq!(texts(&last, ".path-step-of"), ["Step 3 of 3"]);
    assert!(select(&last, "[data-path-next]").is_empty());
    assert!(text_of(&last, ".path-done").starts_with("You reached the end of this path."));
    // Pages outside every path show nothing of the kind.
    let guide = site.html("guide/index.html");
    assert!(select(&guide, ".path-progress, .path-nav").is_empty());
    let ar = site.html("ar/start/first/index.html");
    assert_eq!(texts(&ar, ".path-step-of"), ["الخطوة 2 من 3"]);
    assert_eq!(attrs(&ar, "[data-path-next]", "href"), ["/docs/ar/guide/write/"]);
}

#[test]
fn getting_started_bad_input_is_reported_at_its_position() {
    let site = Site::copy("layouts-start");
    site.write(
        "content/start/broken.md",
        "---\ntitle: Broken\nlayout: getting-started\nsteps:\n  - title: A\n    action: {label: Go, url: start/instal.md}\n  - title: B\n    action: {label: Evil, url: \"javascript:alert(1)\"}\n  - text: no title\npaths:\n  - title: P\n    pages:\n      - guide/nope.md\n---\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{run:?}");
    let d = diagnostics(&run);
    // A missing field stops the front matter at the first problem: fix, rebuild, see the rest.
    assert!(d.iter().any(|l| l.starts_with("content/start/broken.md:9:") && l.contains("steps")), "{d:?}");
    site.write(
        "content/start/broken.md",
        "---\ntitle: Broken\nlayout: getting-started\nsteps:\n  - title: A\n    action: {label: Go, url: start/instal.md}\n  - title: B\n    action: {label: Evil, url: \"javascript:alert(1)\"}\npaths:\n  - title: P\n    pages:\n      - guide/nope.md\n---\n",
    );
    let run = site.build(&[]);
    let d = diagnostics(&run);
    let has = |prefix: &str| d.iter().any(|l| l.starts_with(prefix));
    assert!(has("content/start/broken.md:6:30: error: no page `start/instal.md`"), "{d:?}");
    assert!(format!("{run:?}").contains("did you mean `start/install.md`?"), "{run:?}");
    assert!(has("content/start/broken.md:8:32: error: unsafe link `javascript:alert(1)`"), "{d:?}");
    assert!(has("content/start/broken.md:12:9: error: no page `guide/nope.md`"), "{d:?}");
    site.write(
        "content/start/broken.md",
        "---\ntitle: Broken\nlayout: getting-started\npaths:\n  - id: setup\n    title: P\n    pages: [start/install.md]\n---\n## Setup\n",
    );
    let d = diagnostics(&site.build(&[]));
    assert!(has_line(&d, "content/start/broken.md:5:5: error: path id `setup` is already used on this page"), "{d:?}");
}

#[test]
fn path_next_link_walks_the_path_in_chromium() {
    let _g = lock();
    let Some(mut t) = session("path_next_link_walks_the_path_in_chromium", "layouts-start", "/docs/start/") else {
        return;
    };
    // Start from the path's card, then follow "Next step" of that path to its end.
    let mut visited = Vec::new();
    t.chrome.eval("document.querySelector('#path-1 .path-start').click()").unwrap();
    for _ in 0..5 {
        t.chrome
            .wait_for(
                "document.readyState === 'complete' && location.pathname !== '/docs/start/' && document.querySelector('.path-progress')",
                WAIT,
            )
            .expect("a page of the path");
        let path = t.string("location.pathname");
        if visited.last() == Some(&path) {
            continue;
        }
        visited.push(path.clone());
        let step = t.string(
            "[...document.querySelectorAll('.path-progress')].find(n => n.getAttribute('aria-label') === 'Use Starter').querySelector('.path-step-of').textContent",
        );
        assert_eq!(step, format!("Step {} of 3", visited.len()));
        let next = "[...document.querySelectorAll('.path-nav')].find(n => n.getAttribute('aria-label').startsWith('Use Starter')).querySelector('[data-path-next]')";
        if t.chrome.eval(&format!("!!{next}")).unwrap() != serde_json::Value::Bool(true) {
            break;
        }
        t.chrome.eval(&format!("{next}.click()")).unwrap();
        t.chrome
            .wait_for(&format!("location.pathname !== {}", serde_json::to_string(&path).unwrap()), WAIT)
            .expect("the next page loads");
    }
    assert_eq!(visited, ["/docs/start/install/", "/docs/start/first/", "/docs/guide/write/"]);
}

// ---------------------------------------------------------------- directory

#[test]
fn directory_groups_entries_by_category() {
    let site = built("layouts-directory");
    let doc = site.html("certified/index.html");
    assert_eq!(texts(&doc, ".directory-group h2"), ["Clients", "Servers"]);
    assert_eq!(attrs(&doc, ".directory-group", "data-directory-group"), ["Clients", "Servers"]);
    assert_eq!(texts(&doc, ".directory-name"), ["<Tiny> & Client", "Gadget Hub", "Widget Server"]);
    assert_eq!(attrs(&doc, ".directory-entry", "data-version"), ["2.10", "10.0", "2.1"]);
    assert_eq!(attrs(&doc, ".directory-logo", "src"), ["/docs/img/acme.svg"]);
    assert_eq!(attrs(&doc, ".directory-link", "href"), ["https://globex.example/hub", "https://acme.example/widget"]);
    assert_eq!(texts(&doc, ".directory-description code"), ["widgets"]);
    assert!(select(&doc, ".directory-entry[hidden], main tiny").is_empty(), "every entry shows without JavaScript");
    assert_eq!(attrs(&doc, "[data-directory-controls]", "hidden"), [""]);
    assert_eq!(texts(&doc, "[data-directory-category] option"), ["All categories", "Clients", "Servers"]);
    let de = site.html("de/certified/index.html");
    assert_eq!(texts(&de, "[data-directory-sort] option"), ["Name", "Anbieter", "Version"]);
}

#[test]
fn directory_data_errors_are_all_reported_at_their_positions() {
    let site = Site::copy("layouts-directory");
    site.write(
        "data/products.yaml",
        "- name: Good\n  category: A\n\n- name: Typo\n  categroy: B\n\n- name: Wrong type\n  category: C\n  version: [1, 2]\n\n- category: D\n\n- name: Links\n  category: E\n  url: \"javascript:alert(1)\"\n  logo: /img/nope.svg\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{run:?}");
    let d = diagnostics(&run);
    let has = |prefix: &str| d.iter().any(|l| l.starts_with(prefix));
    assert!(has("data/products.yaml:5:3: error: unknown field `categroy`"), "{d:?}");
    assert!(format!("{run:?}").contains("did you mean `category`?"), "{run:?}");
    assert!(has("data/products.yaml:9:") && d.iter().any(|l| l.contains("`version` must be a string")), "{d:?}");
    assert!(has("data/products.yaml:11:3: error: missing field `name`"), "{d:?}");
    assert!(has("data/products.yaml:15:3: error: unsafe link `javascript:alert(1)`"), "{d:?}");
    assert!(has("data/products.yaml:16:3: error: logo `/img/nope.svg` not found"), "{d:?}");
    assert_eq!(d.iter().filter(|l| l.contains(": error: ")).count(), 5, "{d:?}");

    site.write("data/products.yaml", "name: not a list\n");
    let d = diagnostics(&site.build(&[]));
    assert!(
        d.iter().any(|l| l.starts_with("data/products.yaml:1:1: error: a directory data file must be a list")),
        "{d:?}"
    );
    site.write("content/certified.md", "---\ntitle: C\nlayout: directory\ndirectory:\n  data: produtcs\n---\n");
    let run = site.build(&[]);
    let d = diagnostics(&run);
    assert!(
        d.iter().any(|l| l.starts_with("content/certified.md:5:3: error: no data file `data/produtcs.yaml`")),
        "{d:?}"
    );
    assert!(format!("{run:?}").contains("did you mean `products`?"), "{run:?}");
}

#[test]
fn directory_filters_and_sorts_in_chromium() {
    let _g = lock();
    let Some(mut t) = session("directory_filters_and_sorts_in_chromium", "layouts-directory", "/docs/certified/")
    else {
        return;
    };
    const VISIBLE: &str = "[...document.querySelectorAll('.directory-entry')].filter(e => e.offsetParent !== null).map(e => e.querySelector('.directory-name').textContent)";
    t.chrome.wait_for("!document.querySelector('[data-directory-controls]').hidden", WAIT).expect("controls shown");
    assert_eq!(t.strings(VISIBLE), ["<Tiny> & Client", "Gadget Hub", "Widget Server"]);
    assert_eq!(t.string("document.querySelector('[data-directory-status]').textContent"), "3 entries");
    t.chrome.eval("document.querySelector('[data-directory-text]').focus()").unwrap();
    t.chrome.type_text("acme").unwrap();
    t.chrome
        .wait_for("document.querySelector('[data-directory-status]').textContent === '1 entry'", WAIT)
        .expect("filtered");
    assert_eq!(t.strings(VISIBLE), ["Widget Server"]);
    assert_eq!(t.string("String(document.querySelector('[data-directory-group=Clients]').hidden)"), "true");
    let set = |sel: &str, value: &str| {
        format!(
            "{{ const s = document.querySelector('{sel}'); s.value = '{value}'; s.dispatchEvent(new Event('change')); }}"
        )
    };
    t.chrome.eval("{ const i = document.querySelector('[data-directory-text]'); i.value = ''; i.dispatchEvent(new Event('input')); }").unwrap();
    t.chrome.eval(&set("[data-directory-sort]", "version")).unwrap();
    assert_eq!(
        t.strings(VISIBLE),
        ["<Tiny> & Client", "Gadget Hub", "Widget Server"],
        "10.0 before 2.1 within Servers"
    );
    t.chrome.eval(&set("[data-directory-sort]", "vendor")).unwrap();
    assert_eq!(t.strings(VISIBLE), ["<Tiny> & Client", "Widget Server", "Gadget Hub"], "Acme before Globex");
    t.chrome.eval(&set("[data-directory-category]", "Servers")).unwrap();
    assert_eq!(t.strings(VISIBLE), ["Widget Server", "Gadget Hub"]);
}

// -------------------------------------------------------------------- guide

#[test]
fn guide_has_sticky_toc_issues_and_contacts() {
    let site = built("layouts-guide");
    let doc = site.html("contributing/index.html");
    assert_eq!(attrs(&doc, ".shell", "class"), ["shell has-sidebar has-toc"]);
    let toc = attrs(&doc, "aside.guide-toc a", "href");
    assert_eq!(toc, ["#set-up", "#build", "#send-a-change", "#good-first-issues", "#get-in-touch"]);
    assert_eq!(attrs(&doc, "details.guide-contents a", "href"), toc, "the same contents on narrow screens");
    assert_eq!(
        texts(&doc, ".issue-title"),
        ["Translate the theme into Korean", "Fix <b>bold</b> & co in titles", "Improve an error message"]
    );
    assert!(select(&doc, ".issue-title b").is_empty());
    assert_eq!(attrs(&doc, ".issue-title", "href")[0], "https://forge.example/guidey/issues/12");
    assert_eq!(texts(&doc, ".issue .difficulty"), ["Difficulty: Easy", "Difficulty: Hard"]);
    assert_eq!(
        attrs(&doc, ".issue .difficulty", "class"),
        ["badge difficulty difficulty-easy", "badge difficulty difficulty-hard"]
    );
    assert_eq!(texts(&doc, ".issue:first-child .issue-label"), ["translation", "good first issue"]);
    assert_eq!(texts(&doc, ".contact-group h3"), ["Meetings", "Chat", "Forum"]);
    assert_eq!(
        attrs(&doc, ".contact-group a", "href"),
        ["https://meet.example/guidey", "https://matrix.example/#guidey", "https://forge.example/guidey/discussions"]
    );
    assert_eq!(texts(&doc, ".contact-meetings .contact-text"), ["Every other Tuesday, 16:00 UTC"]);
    let ja = site.html("ja/contributing/index.html");
    assert_eq!(text_of(&ja, "#good-first-issues"), "初めての方向けの Issue");
    assert_eq!(texts(&ja, ".contact-group h3"), ["ミーティング", "チャット", "フォーラム"]);
}

#[test]
fn guide_data_errors_are_reported_at_their_positions() {
    let site = Site::copy("layouts-guide");
    site.write(
        "data/good-first-issues.yaml",
        "- title: A\n  url: https://x.example/1\n  difficulty: trivial\n- title: B\n- title: C\n  url: \"javascript:alert(1)\"\n",
    );
    site.write("data/contact.yaml", "chat:\n  - name: Matrix\n    link: https://x.example\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{run:?}");
    let d = diagnostics(&run);
    let has = |prefix: &str| d.iter().any(|l| l.starts_with(prefix));
    assert!(has("data/good-first-issues.yaml:3:") && d.iter().any(|l| l.contains("trivial")), "{d:?}");
    assert!(has("data/good-first-issues.yaml:4:3: error: missing field `url`"), "{d:?}");
    assert!(has("data/good-first-issues.yaml:6:3: error: unsafe link `javascript:alert(1)`"), "{d:?}");
    assert!(has("data/contact.yaml:3:5: error: unknown field `chat[0].link`"), "{d:?}");
    site.write("content/contributing.md", "---\ntitle: C\nlayout: guide\nguide:\n  issues: good-first-isues\n---\n");
    let run = site.build(&[]);
    let d = diagnostics(&run);
    assert!(has_line(&d, "content/contributing.md:5:3: error: no data file `data/good-first-isues.yaml`"), "{d:?}");
    assert!(format!("{run:?}").contains("did you mean `good-first-issues`?"), "{run:?}");
}

fn has_line(d: &[String], prefix: &str) -> bool {
    d.iter().any(|l| l.starts_with(prefix))
}

// ---------------------------------------------------------------- community

/// Shares (in tenths of a percent) of the community page's table, by organization.
fn shares(doc: &scraper::Html) -> Vec<(String, u64)> {
    select(doc, ".share-table tbody tr")
        .iter()
        .map(|row| {
            let name = row.select(&scraper::Selector::parse("th").unwrap()).next().unwrap().text().collect::<String>();
            let name = name.replace("Above threshold", "").trim().to_string();
            let td = row.select(&scraper::Selector::parse(".share-percent").unwrap()).next().unwrap();
            (name, td.value().attr("data-tenths").unwrap().parse().unwrap())
        })
        .collect()
}

fn chart_widths(doc: &scraper::Html) -> Vec<u64> {
    attrs(doc, ".share-chart rect", "width").iter().map(|w| w.parse().unwrap()).collect()
}

#[test]
fn community_falls_back_to_its_data_file_without_a_repository() {
    let site = Site::copy("layouts-community");
    let run = site.build(&[]).ok();
    let d = diagnostics(&run);
    assert!(
        has_line(
            &d,
            "site.yaml:10:3: warning: cannot read the git history for the community page (fatal: not a git repository"
        ),
        "{d:?}"
    );
    let doc = site.html("community/index.html");
    assert_eq!(text_of(&doc, ".community-source"), "Counted from the project's records.");
    assert_eq!(
        shares(&doc),
        [
            ("Acme".into(), 600),
            ("Globex".into(), 200),
            ("Independent or unknown".into(), 150),
            ("Initech & Co".into(), 50)
        ]
    );
    assert_eq!(shares(&doc).iter().map(|s| s.1).sum::<u64>(), 1000, "shares add up to 100 %");
    assert_eq!(chart_widths(&doc), [600, 200, 150, 50]);
    assert_eq!(attrs(&doc, ".share-chart rect", "x"), ["0", "600", "800", "950"]);
    assert_eq!(attrs(&doc, ".share-chart", "role"), ["img"]);
    assert!(text_of(&doc, ".share-chart title").starts_with("Share of contributions by organization: Acme 60.0%"));
    assert_eq!(attrs(&doc, ".share-chart", "aria-describedby"), ["share-table"]);
    assert_eq!(select(&doc, "#share-table").len(), 1);
    assert_eq!(texts(&doc, ".share-table tfoot td"), ["100", "100.0%"]);
    assert_eq!(
        texts(&doc, ".notice-flag p"),
        ["Acme made 60.0% of the contributions, more than 40%: the project depends heavily on one organization."]
    );
    assert_eq!(attrs(&doc, ".share-chart rect.is-flagged", "width"), ["600"]);
    assert_eq!(texts(&doc, ".ranking-name"), ["Ada", "Grace", "<Linus>"], "top 3, markup as text");
    assert_eq!(texts(&doc, ".ranking-count"), ["50 contributions", "20 contributions", "15 contributions"]);
    // Git not installed at all: the same fallback.
    let out = Command::new(env!("CARGO_BIN_EXE_onramp"))
        .args(["build"])
        .arg(site.root())
        .arg("--out")
        .arg(site.out())
        .env("PATH", "/nonexistent")
        .output()
        .unwrap();
    let run = Run::from(out).ok();
    assert!(
        diagnostics(&run).iter().any(|l| l.contains("cannot read the git history") && l.contains("git cannot be run")),
        "{run:?}"
    );
    let ar = site.html("ar/community/index.html");
    assert_eq!(attrs(&ar, "html", "dir"), ["rtl"]);
    assert_eq!(text_of(&ar, "#community-orgs"), "المساهمات حسب المؤسسة");
}

#[test]
fn community_reads_git_history_with_mailmap_and_domains() {
    let site = Site::copy("layouts-community");
    let root = site.root();
    // 3 commits by Acme (one person under two addresses, joined by .mailmap),
    // 3 by Globex, 3 by people without a known domain: thirds that must still add up to 100 %.
    let authors = [
        ("Ada", "ada@acme.example"),
        ("Ada L.", "ada@old-mail.example"),
        ("Ada", "ada@eu.acme.example"),
        ("Grace", "grace@globex.example"),
        ("Grace", "grace@globex.example"),
        ("Hedy", "hedy@globex.example"),
        ("Linus", "linus@mail.example"),
        ("Linus", "linus@mail.example"),
        ("Ken", "ken@unix.example"),
    ];
    git(&root, &["init", "-q", "-b", "main"], authors[0]);
    site.write(".mailmap", "Ada <ada@acme.example> Ada L. <ada@old-mail.example>\n");
    for (i, who) in authors.iter().enumerate() {
        site.write(&format!("work-{i}.txt"), "x");
        git(&root, &["add", "."], *who);
        git(&root, &["commit", "-q", "-m", "work"], *who);
    }
    let run = site.build(&[]).ok();
    assert!(!diagnostics(&run).iter().any(|l| l.contains("git history")), "{run:?}");
    let doc = site.html("community/index.html");
    assert_eq!(
        text_of(&doc, ".community-source"),
        "Counted from the repository's git history (merge commits left out)."
    );
    let s = shares(&doc);
    assert_eq!(s.iter().map(|x| x.1).sum::<u64>(), 1000, "shares add up to 100 %: {s:?}");
    assert_eq!(
        s,
        [("Acme".into(), 334), ("Globex".into(), 333), ("Independent or unknown".into(), 333)],
        "Ada's old address is Acme through .mailmap; eu.acme.example is Acme"
    );
    assert_eq!(chart_widths(&doc).iter().sum::<u64>(), 1000);
    assert!(select(&doc, ".notice-flag").is_empty(), "no organization above 40 %");
    assert_eq!(texts(&doc, ".ranking-name"), ["Ada", "Grace", "Linus"]);
    assert_eq!(texts(&doc, ".ranking-org"), ["Acme", "Globex"]);
    assert_eq!(text_of(&doc, ".community-summary").split('\n').next().unwrap(), "5 people made 9 contributions.");
    // A lower threshold flags every organization above it.
    site.write(
        "content/community.md",
        "---\ntitle: Community\nlayout: community\ncommunity:\n  data: contributors\n  threshold: 33.3\n---\n",
    );
    site.build(&[]).ok();
    let doc = site.html("community/index.html");
    assert_eq!(texts(&doc, ".share-table .badge-flag").len(), 2, "Acme and Globex, not the unaffiliated");
}

#[test]
fn community_bad_input_is_reported_at_its_position() {
    let site = Site::copy("layouts-community");
    site.write("site.yaml", &site_yaml_without_git());
    site.write(
        "data/contributors.yaml",
        "- name: A\n  commits: many\n- name: B\n  commits: -3\n- nam: C\n  commits: 1\n",
    );
    site.write(
        "content/community.md",
        "---\ntitle: Community\nlayout: community\ncommunity:\n  data: contributors\n  threshold: 140\n---\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{run:?}");
    let d = diagnostics(&run);
    assert!(has_line(&d, "content/community.md:6:3: error: `threshold` must be a percentage from 0 to 100"), "{d:?}");
    assert!(has_line(&d, "data/contributors.yaml:2:12: error: `commits` must be"), "{d:?}");
    assert!(has_line(&d, "data/contributors.yaml:4:12: error:"), "{d:?}");
    assert!(has_line(&d, "data/contributors.yaml:5:3: error: unknown field `nam`"), "{d:?}");
    site.write(
        "content/community.md",
        "---\ntitle: Community\nlayout: community\ncommunity:\n  data: contributers\n---\n",
    );
    let run = site.build(&[]);
    assert!(
        has_line(&diagnostics(&run), "content/community.md:5:3: error: no data file `data/contributers.yaml`"),
        "{run:?}"
    );
    assert!(format!("{run:?}").contains("did you mean `contributors`?"));
    // With git, a missing domain map and a domain map that is not a mapping.
    let site = Site::copy("layouts-community");
    git(&site.root(), &["init", "-q", "-b", "main"], ("Ada", "ada@acme.example"));
    git(&site.root(), &["add", "."], ("Ada", "ada@acme.example"));
    git(&site.root(), &["commit", "-q", "-m", "start"], ("Ada", "ada@acme.example"));
    std::fs::remove_file(site.root().join("data/organizations.yaml")).unwrap();
    let d = diagnostics(&site.build(&[]));
    assert!(
        has_line(&d, "site.yaml:11:3: error: no data file `data/organizations.yaml` for `community.domains`"),
        "{d:?}"
    );
    site.write("data/organizations.yaml", "- acme.example\n");
    let d = diagnostics(&site.build(&[]));
    assert!(has_line(&d, "data/organizations.yaml:1:1: error:"), "{d:?}");
}

fn site_yaml_without_git() -> String {
    "title: Commons\nbase_url: https://example.org/docs/\ncommunity:\n  git: false\n".into()
}

// ------------------------------------------------------------ mounted files

/// The layouts-mount fixture with its repository files beside the site folder.
fn mounted_site() -> Site {
    let site = Site::copy("layouts-mount");
    site.write(
        "../CONTRIBUTING.md",
        "# Contributing to Mounty\n\nRead the [code of conduct](CODE_OF_CONDUCT.md#enforcement) and the \
         [guide](site/content/docs/guide.md).\nBuild with [the build notes](docs/BUILD.md#linux); the code is in [src](src/).\n",
    );
    site.write("../CONTRIBUTING.fr.md", "# Contribuer à Mounty\n\nLisez le [code de conduite](CODE_OF_CONDUCT.md).\n");
    site.write("../CODE_OF_CONDUCT.md", "# Code of conduct\n\nBe kind.\n\n## Enforcement\n\nAsk the team.\n");
    site.write("../docs/BUILD.md", "# Build\n");
    site.write("../src/lib.rs", "\n");
    site
}

#[test]
fn mounted_files_are_pages_with_site_and_forge_links() {
    let site = mounted_site();
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}i18n:\n  status_page: true\n"));
    let run = site.build(&[]).ok();
    assert!(diagnostics(&run).iter().all(|l| !l.contains(": error: ")), "{run:?}");
    let doc = site.html("community/contributing/index.html");
    assert_eq!(text_of(&doc, "main h1"), "Contributing to Mounty");
    assert_eq!(
        attrs(&doc, "main .prose a:not(.anchor)", "href"),
        [
            "/docs/community/code-of-conduct/#enforcement",
            "/docs/docs/guide/",
            "https://forge.example/org/mounty/blob/main/docs/BUILD.md#linux",
            "https://forge.example/org/mounty/tree/main/src",
        ]
    );
    assert_eq!(attrs(&doc, "a.edit-link", "href"), ["https://forge.example/org/mounty/edit/main/CONTRIBUTING.md"]);
    // A translation beside the file is its French page; content pages link to mounted pages.
    let fr = site.html("fr/community/contributing/index.html");
    assert_eq!(text_of(&fr, "main h1"), "Contribuer à Mounty");
    assert_eq!(attrs(&fr, "main .prose a:not(.anchor)", "href"), ["/docs/fr/community/code-of-conduct/"]);
    assert_eq!(attrs(&site.html("index.html"), "main .prose a", "href"), ["/docs/community/contributing/"]);
    let guide = site.html("docs/guide/index.html");
    assert_eq!(attrs(&guide, "main .prose a", "href"), ["/docs/community/code-of-conduct/#enforcement"]);
    // The untranslated code of conduct falls back in French like any page, and
    // its translation is to be created beside the mounted file.
    let fr_conduct = site.html("fr/community/code-of-conduct/index.html");
    assert_eq!(
        attrs(&fr_conduct, ".notice-untranslated a", "href"),
        ["https://forge.example/org/mounty/new/main/?filename=CODE_OF_CONDUCT.fr.md"]
    );
    // So does the translation status page.
    let status = site.html("fr/translation-status/index.html");
    let missing: Vec<(String, String)> = select(&status, ".status-missing .status-item")
        .iter()
        .map(|li| {
            let frag = scraper::Html::parse_fragment(&li.html());
            (attrs(&frag, "a.status-page", "href").concat(), attrs(&frag, "a.status-action", "href").concat())
        })
        .collect();
    assert!(
        missing.contains(&(
            "/docs/fr/community/code-of-conduct/".to_string(),
            "https://forge.example/org/mounty/new/main/?filename=CODE_OF_CONDUCT.fr.md".to_string()
        )),
        "{missing:?}"
    );
}

#[test]
fn mount_bad_input_is_reported_at_its_position() {
    let site = mounted_site();
    site.write("../CONTRIBUTING.md", "# Contributing\n\n[Conduct](CODE_OF_CONDUCT.md#missing-anchor)\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{run:?}");
    let d = diagnostics(&run);
    assert!(
        has_line(
            &d,
            "../CONTRIBUTING.md:3:1: error: link to a missing anchor `#missing-anchor` in `community/code-of-conduct.md`"
        ),
        "{d:?}"
    );
    std::fs::remove_file(site.root().join("../CODE_OF_CONDUCT.md")).unwrap();
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{run:?}");
    let d = diagnostics(&run);
    assert!(has_line(&d, "site.yaml:16:3: error: mounted file `../CODE_OF_CONDUCT.md` not found"), "{d:?}");
    // Without `repo:`, a link to a repository file cannot be made.
    let site = mounted_site();
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let no_repo: String = yaml
        .lines()
        .filter(|l| {
            !l.starts_with("repo:")
                && !l.starts_with("  url:")
                && !l.starts_with("  branch:")
                && !l.starts_with("  path:")
        })
        .map(|l| format!("{l}\n"))
        .collect();
    site.write("site.yaml", &no_repo);
    let run = site.build(&[]);
    let d = diagnostics(&run);
    assert!(
        has_line(&d, "../CONTRIBUTING.md:4:12: error: link to `docs/BUILD.md#linux`, a file outside the site"),
        "{d:?}"
    );
}

#[test]
fn guide_toc_stays_in_view_in_chromium() {
    let _g = lock();
    let Some(mut t) = session("guide_toc_stays_in_view_in_chromium", "layouts-guide", "/docs/contributing/") else {
        return;
    };
    // Wide screen: the side table of contents is sticky and stays in view while the page scrolls.
    t.chrome
        .call(
            "Emulation.setDeviceMetricsOverride",
            serde_json::json!({"width": 1400, "height": 500, "deviceScaleFactor": 1, "mobile": false}),
        )
        .unwrap();
    t.chrome.wait_for("getComputedStyle(document.querySelector('aside.guide-toc')).display !== 'none'", WAIT).unwrap();
    assert_eq!(t.string("getComputedStyle(document.querySelector('aside.guide-toc')).position"), "sticky");
    assert_eq!(t.string("getComputedStyle(document.querySelector('details.guide-contents')).display"), "none");
    t.chrome.eval("document.querySelector('#get-in-touch').scrollIntoView()").unwrap();
    t.chrome.wait_for("window.scrollY > 100", WAIT).expect("the page scrolls");
    let top = t.chrome.eval("document.querySelector('aside.guide-toc a').getBoundingClientRect().top").unwrap();
    let top = top.as_f64().unwrap();
    assert!((0.0..500.0).contains(&top), "the contents stay in the viewport: top = {top}");
    // Narrow screen: the contents fold into a box above the text.
    t.chrome
        .call(
            "Emulation.setDeviceMetricsOverride",
            serde_json::json!({"width": 700, "height": 900, "deviceScaleFactor": 1, "mobile": false}),
        )
        .unwrap();
    t.chrome
        .wait_for("getComputedStyle(document.querySelector('details.guide-contents')).display !== 'none'", WAIT)
        .unwrap();
    assert_eq!(t.string("getComputedStyle(document.querySelector('aside.guide-toc')).display"), "none");
}
