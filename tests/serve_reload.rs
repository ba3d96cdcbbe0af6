//! `onramp serve` after a template, partial, data file, `.ftl`, section
//! index, stylesheet or `site.yaml` save, over real HTTP on 127.0.0.1: the
//! page a browser shows is current when its reload signal arrives, a page
//! asked for before the background work reached it is current too, and once
//! the background work has settled the server's folder equals a fresh
//! `onramp build` of the same sources, file for file and byte for byte.
//! Template errors show in the overlay with the template's position and
//! the page being rendered, over the last good page. On a site of two
//! layouts in three languages (and a directory page, whose layout reads
//! data files itself), a save of a partial or data file one layout reads,
//! or of one language's `.ftl`, writes again exactly the pages that read it (the others keep their files: their inodes are unchanged, as
//! the server writes a file by renaming a new one over it). A markdown save
//! that changes what other pages show (a section's or a page's title, a
//! weight that reorders siblings, a heading another page links to) is an
//! update of the site model, not a full build, and ends equal to a fresh
//! build; on a site too large for the whole tree in every sidebar, a title
//! save leaves the pages of another section alone. Chromium tests
//! check that the open page reloads by itself after a template save, and
//! that a page opened before the background work reached it is current.

mod common;

use common::serve::{Serve, eventually};
use common::{Site, tree};
use std::collections::BTreeMap;
use std::net::TcpStream;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const RELOAD: &str = r#"{"type":"reload"}"#;

/// A reload client that says which page it shows, as the browser client does.
struct Socket(tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<TcpStream>>);

impl Socket {
    fn open(serve: &Serve, page: &str) -> Socket {
        let url = format!("ws://{}/__onramp/ws?path={}", serve.addr, page.replace('/', "%2F"));
        let stream = TcpStream::connect_timeout(&serve.addr, Duration::from_secs(10)).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(60))).expect("timeout");
        let (ws, _) =
            tungstenite::client(url, tungstenite::stream::MaybeTlsStream::Plain(stream)).expect("websocket handshake");
        // The server registers the socket before it answers the handshake.
        Socket(ws)
    }

    /// The next text message, skipping pings.
    fn next(&mut self) -> String {
        loop {
            match self.0.read().expect("a message within 60 s") {
                tungstenite::Message::Text(t) => return t.to_string(),
                _ => continue,
            }
        }
    }

    /// The next message other than `building` notices.
    fn next_reload(&mut self) -> String {
        loop {
            let m = self.next();
            if !m.contains(r#""type":"building""#) {
                return m;
            }
        }
    }
}

/// Waits until the server says the background work after a change is done,
/// and returns every line it printed meanwhile.
fn settled(serve: &Serve) -> Vec<String> {
    let mut lines = Vec::new();
    eventually("the site to be current", || {
        lines.extend(serve.drain());
        lines.iter().any(|l| l.starts_with("site current"))
    });
    lines
}

fn edit(site: &Site, rel: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(site.root().join(rel)).expect("read");
    assert!(text.contains(from), "{rel} has {from:?}");
    site.write(rel, &text.replacen(from, to, 1));
}

fn page(serve: &Serve, path: &str) -> scraper::Html {
    let r = serve.get(path);
    assert_eq!(r.status, 200, "{path}");
    scraper::Html::parse_document(&r.text())
}

/// Every file under `dir`, by `/`-separated path, with its bytes.
/// The server's own folder (under the test's temp dir, which is `TMPDIR`).
fn served_dir(site: &Site) -> PathBuf {
    std::fs::read_dir(site.dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("onramp-serve-")))
        .expect("the server's folder")
}

/// The server's folder holds exactly what a fresh build of the same
/// sources writes (with the server's base URL), byte for byte; a few pages
/// are fetched over HTTP too, to check that what is served is that folder.
fn assert_equals_fresh_build(site: &Site, serve: &Serve) {
    assert_equals_fresh_build_at(site, serve, &["/docs/install/", "/fr/docs/install/", "/ar/"]);
}

/// [`assert_equals_fresh_build`], fetching `paths` over HTTP.
fn assert_equals_fresh_build_at(site: &Site, serve: &Serve, paths: &[&str]) {
    let fresh = Site::copy("reload-site");
    std::fs::remove_dir_all(fresh.root()).unwrap();
    common::copy_dir(&site.root(), &fresh.root());
    fresh.build(&["--base-url", &format!("http://{}/", serve.addr)]).ok();
    let expected = tree(&fresh.out());
    let served = tree(&served_dir(site));
    let missing: Vec<&String> = expected.keys().filter(|k| !served.contains_key(*k)).collect();
    let extra: Vec<&String> = served.keys().filter(|k| !expected.contains_key(*k)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing from the server: {missing:?}; not in the build: {extra:?}"
    );
    let differ: Vec<&String> = expected.iter().filter(|(k, v)| served[*k] != **v).map(|(k, _)| k).collect();
    assert!(differ.is_empty(), "differ from a fresh build: {differ:?}");
    assert!(expected.len() > 30, "compared {} files", expected.len());
    for path in paths {
        let rel = format!("{}index.html", path.trim_start_matches('/'));
        let body = serve.get(path).text().replace("<script src=\"/__onramp/livereload.js\"></script>", "");
        assert!(body.as_bytes() == expected[&rel].as_slice(), "{path} as served differs from a fresh build");
    }
}

fn texts(doc: &scraper::Html, css: &str) -> Vec<String> {
    common::select(doc, css).iter().map(|e| e.text().collect::<String>().trim().to_string()).collect()
}

/// A save of `rel` (from → to) reloads the browser showing `open` with the
/// change in place, and the whole site then equals a fresh build.
fn save_reloads_and_settles(rel: &str, from: &str, to: &str, open: &str, check: impl Fn(&scraper::Html)) {
    let site = Site::copy("reload-site");
    let serve = Serve::start(&site, &[]);
    let mut ws = Socket::open(&serve, open);
    std::thread::sleep(Duration::from_millis(200));
    serve.drain();
    edit(&site, rel, from, to);
    assert_eq!(ws.next_reload(), RELOAD);
    check(&page(&serve, open));
    settled(&serve);
    assert_equals_fresh_build(&site, &serve);
}

#[test]
fn a_template_save_reloads_the_open_page_and_the_site_equals_a_fresh_build() {
    save_reloads_and_settles(
        "templates/docs.html",
        "{% block content %}",
        "{% block content %}<p class=\"stamp\">stamped</p>",
        "/fr/docs/install/",
        |doc| assert_eq!(texts(doc, "main p.stamp"), ["stamped"]),
    );
}

#[test]
fn an_included_partial_save_reloads_and_the_site_equals_a_fresh_build() {
    save_reloads_and_settles(
        "templates/partials/tagline.html",
        "<p class=\"tagline\">",
        "<p class=\"tagline\">New: ",
        "/docs/install/",
        |doc| assert_eq!(texts(doc, "main p.tagline"), ["New: Docs in three languages: AdaGrace"]),
    );
}

#[test]
fn a_data_file_save_reloads_and_the_site_equals_a_fresh_build() {
    save_reloads_and_settles(
        "data/team.yaml",
        "  - name: Grace\n",
        "  - name: Grace\n  - name: Alan\n",
        "/docs/config/",
        |doc| assert_eq!(texts(doc, "main p.tagline span.member"), ["Ada", "Grace", "Alan"]),
    );
}

#[test]
fn an_ftl_save_reloads_and_the_site_equals_a_fresh_build() {
    save_reloads_and_settles(
        "locales/fr/site.ftl",
        "polyglot-tagline = Une documentation en trois langues",
        "polyglot-tagline = Trois langues, une documentation",
        "/fr/docs/install/",
        |doc| assert_eq!(texts(doc, "main p.tagline"), ["Trois langues, une documentation: AdaGrace"]),
    );
}

#[test]
fn a_site_yaml_menu_label_save_reloads_and_the_site_equals_a_fresh_build() {
    save_reloads_and_settles("site.yaml", "    label: Docs\n", "    label: Handbook\n", "/docs/install/", |doc| {
        assert!(texts(doc, "header a").iter().any(|t| t == "Handbook"), "{:?}", texts(doc, "header a"))
    });
}

/// Waits until the background work after a markdown save is done and the
/// search index is refreshed (on a thread of its own), and returns every
/// line the server printed meanwhile.
fn settled_with_search(serve: &Serve) -> Vec<String> {
    let mut lines = Vec::new();
    eventually("the site and its search index to be current", || {
        lines.extend(serve.drain());
        lines.iter().any(|l| l.starts_with("site current"))
            && lines.iter().any(|l| l.starts_with("search index updated"))
    });
    lines
}

/// A save of the markdown file `rel` (from → to) that changes what other
/// pages show of it but moves no page: the server updates the site model
/// without a full build, the browser showing `open` reloads with the change
/// (`check`), and once the background work and the search index are done
/// the folder equals a fresh build. Returns the server's lines.
fn markdown_save_settles(
    site: &Site,
    rel: &str,
    from: &str,
    to: &str,
    open: &str,
    check: impl Fn(&scraper::Html),
) -> Vec<String> {
    let serve = Serve::start(site, &[]);
    let mut ws = Socket::open(&serve, open);
    std::thread::sleep(Duration::from_millis(200));
    serve.drain();
    edit(site, rel, from, to);
    assert_eq!(ws.next_reload(), RELOAD);
    check(&page(&serve, open));
    let lines = settled_with_search(&serve);
    assert!(
        lines.iter().any(|l| l.starts_with(&format!("updated {rel} (")) && l.contains("other pages reached")),
        "an update of the site model, not a full build: {lines:?}"
    );
    assert!(!lines.iter().any(|l| l.starts_with("built ")), "no full build: {lines:?}");
    assert_equals_fresh_build_at(site, &serve, &["/docs/install/", "/fr/docs/install/", "/ar/", open]);
    lines
}

/// A section index's title feeds its children's sidebars and breadcrumbs:
/// the open child page shows the new title at once, the rest follows, and
/// the site equals a fresh build.
#[test]
fn a_section_index_save_reloads_and_the_site_equals_a_fresh_build() {
    let site = Site::copy("reload-site");
    markdown_save_settles(&site, "content/docs/_index.md", "title: Docs", "title: Manual", "/docs/install/", |doc| {
        assert!(texts(doc, "#sidebar a").iter().any(|t| t == "Manual"), "{:?}", texts(doc, "#sidebar a"));
        assert_eq!(texts(doc, "nav.breadcrumbs a"), ["Polyglot", "Manual"]);
    });
}

/// A page's front-matter title shows in its siblings' sidebars, its
/// section's listing and its neighbours' previous/next links.
#[test]
fn a_page_title_save_reloads_the_sibling_page_and_the_site_equals_a_fresh_build() {
    let site = Site::copy("reload-site");
    let open = "/ar/docs/install/";
    markdown_save_settles(&site, "content/docs/config.md", "title: Configuration", "title: Settings", open, |doc| {
        // The Arabic site shows the English page as a fallback.
        assert!(texts(doc, "#sidebar a").iter().any(|t| t == "Settings"), "{:?}", texts(doc, "#sidebar a"));
        assert_eq!(texts(doc, "nav.pagination a[rel=next] > span + span"), ["Settings"]);
    });
}

/// A weight that reorders siblings: the sidebar's order and the previous
/// and next links of the pages around both places change.
#[test]
fn a_weight_save_reorders_the_siblings_and_the_site_equals_a_fresh_build() {
    let site = Site::copy("reload-site");
    let order = |doc: &scraper::Html| -> Vec<String> { texts(doc, "#sidebar .nav-depth-1 a") };
    let before = {
        let fresh = Site::copy("reload-site");
        fresh.build(&[]).ok();
        order(&fresh.html("docs/config/index.html"))
    };
    assert_eq!(before[..3], ["Install", "Configuration", "FAQ"]);
    markdown_save_settles(&site, "content/docs/install.md", "weight: 1", "weight: 5", "/docs/config/", |doc| {
        assert_eq!(order(doc)[..3], ["Configuration", "FAQ", "Install"]);
        assert_eq!(texts(doc, "nav.pagination a > span + span"), ["Docs", "FAQ"]);
    });
}

/// A heading renamed in a page that another page links to by anchor: the
/// source's translations take the new heading ids, and the linking page's
/// link is now broken (a warning on this site), which the linking page
/// shows; the linking page is current when its browser reloads.
#[test]
fn a_heading_rename_reaches_the_pages_linking_to_it_and_the_site_equals_a_fresh_build() {
    let site = Site::copy("reload-site");
    edit(&site, "site.yaml", "i18n:\n", "build:\n  broken_links: warn\ni18n:\n");
    let hrefs = |doc: &scraper::Html| -> Vec<String> {
        common::select(doc, "main a").iter().filter_map(|a| a.value().attr("href").map(str::to_string)).collect()
    };
    let before = {
        let fresh = Site::copy("reload-site");
        fresh.build(&[]).ok();
        hrefs(&fresh.html("guide/intro/index.html"))
    };
    assert!(before.iter().any(|h| h == "/docs/install/#setup"), "{before:?}");
    markdown_save_settles(&site, "content/docs/install.md", "## Setup", "## Getting set up", "/guide/intro/", |doc| {
        let now = hrefs(doc);
        assert!(!now.iter().any(|h| h.contains("#setup")), "{now:?}");
    });
    let fr = page_of(&site, "fr/docs/install/index.html");
    assert!(common::select(&fr, "h2#getting-set-up").len() == 1, "the translation takes the source's new id");
}

/// A page of the server's folder, parsed.
fn page_of(site: &Site, rel: &str) -> scraper::Html {
    scraper::Html::parse_document(&std::fs::read_to_string(served_dir(site).join(rel)).unwrap())
}

/// On a site too large for the whole tree in every sidebar, a page title
/// save rewrites the pages of its own section and around it, never those
/// of another section.
#[test]
fn a_page_title_save_leaves_the_pages_of_other_sections_alone() {
    let site = Site::copy("reload-site");
    for i in 0..450 {
        site.write(&format!("content/docs/many/p{i:04}.md"), &format!("---\ntitle: Page {i}\n---\nText {i}.\n"));
    }
    let serve = Serve::start(&site, &[]);
    let mut ws = Socket::open(&serve, "/guide/");
    std::thread::sleep(Duration::from_millis(200));
    let before = page_inodes(&site);
    assert!(before.len() > 1350, "{} pages", before.len());
    serve.drain();
    edit(&site, "content/guide/intro.md", "title: Introduction", "title: Start here");
    assert_eq!(ws.next_reload(), RELOAD);
    let doc = page(&serve, "/guide/");
    assert!(texts(&doc, "main a, nav a").iter().any(|t| t == "Start here"), "{:?}", texts(&doc, "main a, nav a"));
    let lines = settled_with_search(&serve);
    assert!(lines.iter().any(|l| l.starts_with("updated content/guide/intro.md (")), "{lines:?}");
    let after = page_inodes(&site);
    let rewritten: Vec<&String> = before.keys().filter(|k| after.get(*k) != before.get(*k)).collect();
    for lang in ["", "fr/", "ar/"] {
        for own in ["guide/intro/", "guide/"] {
            assert!(rewritten.contains(&&format!("{lang}{own}")), "{lang}{own} in {rewritten:?}");
        }
    }
    let elsewhere: Vec<&&String> =
        rewritten.iter().filter(|k| k.contains("docs/many/") || k.ends_with("docs/config/")).collect();
    assert!(elsewhere.is_empty(), "pages of the docs section written again: {elsewhere:?}");
    assert!(rewritten.len() < 40, "{} pages written again: {rewritten:?}", rewritten.len());
    assert_equals_fresh_build_at(&site, &serve, &["/guide/intro/", "/fr/guide/", "/docs/many/p0000/"]);
}

#[test]
fn a_stylesheet_save_swaps_css_and_the_site_equals_a_fresh_build() {
    let site = Site::copy("reload-site");
    let serve = Serve::start(&site, &[]);
    let mut ws = Socket::open(&serve, "/docs/install/");
    std::thread::sleep(Duration::from_millis(200));
    site.write("static/extra.css", "body { color: red; }\n");
    assert_eq!(ws.next(), r#"{"type":"css","paths":["/extra.css"]}"#);
    assert_eq!(serve.get("/extra.css").text(), "body { color: red; }\n");
    assert_equals_fresh_build(&site, &serve);
}

/// A `site.yaml` change that moves pages (the base path) is a full build,
/// and the browsers are told so before it starts.
#[test]
fn a_site_yaml_change_that_moves_pages_says_so_and_rebuilds() {
    let site = Site::copy("reload-site");
    let serve = Serve::start(&site, &[]);
    let mut ws = Socket::open(&serve, "/docs/install/");
    std::thread::sleep(Duration::from_millis(200));
    edit(&site, "site.yaml", "title: Polyglot", "title: Polyglot handbook");
    let notice: serde_json::Value = serde_json::from_str(&ws.next()).unwrap();
    assert_eq!(notice["type"], "building");
    assert_eq!(notice["message"], "site.yaml changed more than the menu: rebuilding the whole site");
    assert_eq!(ws.next(), RELOAD);
    assert_equals_fresh_build(&site, &serve);
}

/// Several saves in a row while the background work is still going on:
/// the end state is the last save's.
#[test]
fn saves_during_the_background_work_end_in_the_last_state() {
    let site = Site::copy("reload-site");
    let serve = Serve::start(&site, &[]);
    let mut ws = Socket::open(&serve, "/docs/install/");
    std::thread::sleep(Duration::from_millis(200));
    for (i, name) in ["Alan", "Barbara", "Edsger"].iter().enumerate() {
        let before = if i == 0 { "Grace".to_string() } else { ["Alan", "Barbara"][i - 1].to_string() };
        edit(&site, "data/team.yaml", &format!("name: {before}\n"), &format!("name: {name}\n"));
        assert_eq!(ws.next_reload(), RELOAD);
        edit(&site, "templates/docs.html", "{% block content %}", &format!("{{% block content %}}<i>{i}</i>"));
        assert_eq!(ws.next_reload(), RELOAD);
    }
    let doc = page(&serve, "/ar/docs/install/");
    assert_eq!(texts(&doc, "main p.tagline span.member"), ["Ada", "Edsger"]);
    assert_eq!(texts(&doc, "main i"), ["2", "1", "0"]);
    settled(&serve);
    assert_equals_fresh_build(&site, &serve);
}

/// An error while rendering (an unknown variable in a template) names the
/// template's position and the page in the overlay; the page keeps its last
/// good version; fixing the template clears the overlay and the site equals
/// a fresh build.
#[test]
fn a_template_render_error_names_the_template_and_page_and_keeps_the_last_good_page() {
    let site = Site::copy("reload-site");
    let serve = Serve::start(&site, &[]);
    let mut ws = Socket::open(&serve, "/docs/install/");
    std::thread::sleep(Duration::from_millis(200));
    let good = page(&serve, "/docs/install/");
    edit(&site, "templates/partials/tagline.html", "<p class=\"tagline\">", "<p class=\"tagline\">{{ no_such.thing }}");
    assert_eq!(ws.next_reload(), RELOAD);
    let doc = page(&serve, "/docs/install/");
    let overlay = texts(&doc, "#onramp-error-overlay li");
    assert!(!overlay.is_empty(), "an overlay");
    assert!(overlay[0].starts_with("templates/partials/tagline.html:1:"), "the template's position first: {overlay:?}");
    assert!(overlay[0].contains("while rendering content/docs/"), "the page being rendered: {overlay:?}");
    assert_eq!(texts(&doc, "main p.tagline"), texts(&good, "main p.tagline"), "the last good page");
    settled(&serve);

    edit(&site, "templates/partials/tagline.html", "{{ no_such.thing }}", "");
    assert_eq!(ws.next_reload(), RELOAD);
    let doc = page(&serve, "/docs/install/");
    assert!(common::select(&doc, "#onramp-error-overlay").is_empty(), "the overlay is gone");
    settled(&serve);
    assert_equals_fresh_build(&site, &serve);
}

/// A template syntax error is shown at its `path:line:col`; the site keeps
/// its last good pages.
#[test]
fn a_template_syntax_error_is_shown_at_its_position_over_the_last_good_page() {
    let site = Site::copy("reload-site");
    let serve = Serve::start(&site, &[]);
    let mut ws = Socket::open(&serve, "/docs/install/");
    std::thread::sleep(Duration::from_millis(200));
    edit(&site, "templates/docs.html", "{% block content %}", "{% block content %}{% if %}");
    assert_eq!(ws.next_reload(), RELOAD);
    let doc = page(&serve, "/docs/install/");
    let overlay = texts(&doc, "#onramp-error-overlay li");
    assert!(overlay.first().is_some_and(|o| o.starts_with("templates/docs.html:2:")), "{overlay:?}");
    assert_eq!(texts(&doc, "main p.tagline").len(), 1, "the last good page");
}

/// On a site of a few thousand pages, a page far down the background
/// work's order, asked for right after the reload signal, is already
/// current: it is rendered on request.
#[test]
fn a_page_asked_for_before_the_background_work_reached_it_is_current() {
    let site = Site::copy("reload-site");
    for i in 0..500 {
        site.write(&format!("content/docs/many/p{i:04}.md"), &format!("---\ntitle: Page {i}\n---\nText {i}.\n"));
    }
    let serve = Serve::start(&site, &[]);
    let mut ws = Socket::open(&serve, "/docs/install/");
    std::thread::sleep(Duration::from_millis(200));
    serve.drain();
    let started = Instant::now();
    edit(&site, "templates/docs.html", "{% block content %}", "{% block content %}<p class=\"stamp\">stamped</p>");
    assert_eq!(ws.next_reload(), RELOAD);
    let signalled = started.elapsed();
    // The last page of the last language in the reading order.
    let doc = page(&serve, "/ar/docs/many/p0499/");
    assert_eq!(texts(&doc, "main p.stamp"), ["stamped"], "rendered on request");
    // A second save while the background work goes on: its chunk gives way,
    // and the end state is the second save's.
    edit(&site, "templates/docs.html", "stamped", "stamped twice");
    assert_eq!(ws.next_reload(), RELOAD);
    serve.drain();
    assert_eq!(texts(&page(&serve, "/fr/docs/many/p0250/"), "main p.stamp"), ["stamped twice"]);
    let lines = settled(&serve);
    let current = lines.iter().find(|l| l.starts_with("site current")).unwrap();
    eprintln!("reload signal after {} ms; {current}", signalled.as_millis());
    assert_equals_fresh_build(&site, &serve);
}

/// `--poll` notices a second save that keeps the file's modification time
/// and size (a file system that keeps whole seconds): the content is
/// compared for recently modified files.
#[test]
fn poll_notices_a_save_with_the_same_time_and_size() {
    let site = Site::copy("reload-site");
    let serve = Serve::start(&site, &["--poll"]);
    let mut ws = Socket::open(&serve, "/docs/install/");
    std::thread::sleep(Duration::from_millis(500));
    let file = site.root().join("templates/docs.html");
    let when = std::time::SystemTime::now();
    let save = |from: &str, to: &str| {
        edit(&site, "templates/docs.html", from, to);
        std::fs::File::options().write(true).open(&file).unwrap().set_modified(when).unwrap();
    };
    save("{% block content %}", "{% block content %}<b class=\"n\">1</b>");
    assert_eq!(ws.next_reload(), RELOAD);
    eventually("the first save to show", || texts(&page(&serve, "/docs/install/"), "main b.n") == ["1"]);
    let before = std::fs::metadata(&file).unwrap();
    save("<b class=\"n\">1</b>", "<b class=\"n\">2</b>");
    let after = std::fs::metadata(&file).unwrap();
    assert_eq!((after.modified().unwrap(), after.len()), (before.modified().unwrap(), before.len()));
    eventually("the second save to show", || texts(&page(&serve, "/docs/install/"), "main b.n") == ["2"]);
}

/// A content page at a URL that a paginated news listing writes
/// (`news/page/2/`) is an error at the page's file, and nothing is written.
#[test]
fn a_page_at_a_pagination_url_is_an_error_at_the_page() {
    let site = Site::copy("reload-pagination-clash");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "the build fails");
    let stderr = &run.stderr;
    assert!(
        stderr.lines().any(|l| l
            == "content/news/page/2.md: error: this page would be written to `/news/page/2/`, where the build writes news listing pages (`/news/page/`)"),
        "{stderr}"
    );
    assert!(!site.out().join("news").exists(), "nothing written");
}

/// Chromium: a template save reloads the open page, which shows the change.
#[test]
fn a_template_save_reloads_the_open_page_in_chromium() {
    let Some(mut chrome) = common::chrome::browser_or_skip("a_template_save_reloads_the_open_page_in_chromium") else {
        return;
    };
    let site = Site::copy("reload-site");
    let serve = Serve::start(&site, &[]);
    let wait = |chrome: &mut common::chrome::Chrome, js: &str, what: &str| {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if chrome.eval(js).is_ok_and(|v| v == serde_json::Value::Bool(true)) {
                return;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(40));
        }
    };
    chrome.navigate(&format!("http://{}/fr/docs/install/", serve.addr)).unwrap();
    wait(&mut chrome, "document.documentElement.dataset.onrampLive === 'connected'", "the reload client");
    chrome.eval("window.__marker = 'before'; true").unwrap();
    edit(&site, "templates/docs.html", "{% block content %}", "{% block content %}<p class=\"stamp\">stamped</p>");
    wait(
        &mut chrome,
        "window.__marker === undefined && document.readyState === 'complete' && \
         document.querySelector('main p.stamp')?.textContent === 'stamped'",
        "the page to reload with the template's change",
    );
    let nav = chrome.eval("performance.getEntriesByType('navigation')[0].type").unwrap();
    assert_eq!(nav, "reload");
}

/// The inode of each page's `index.html` in the server's folder, by its
/// folder (`fr/docs/install/`; the home page is ``). The server writes a
/// file by renaming a new one over it, so a page written again has another.
fn page_inodes(site: &Site) -> BTreeMap<String, u64> {
    use std::os::unix::fs::MetadataExt;
    let dir = served_dir(site);
    walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() == "index.html")
        .filter(|e| !e.path().starts_with(dir.join("search")))
        .map(|e| {
            let rel = e.path().parent().unwrap().strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/");
            let rel = if rel.is_empty() { rel } else { format!("{rel}/") };
            (rel, e.metadata().unwrap().ino())
        })
        .collect()
}

/// Every page folder of the `reload-layouts` fixture, in each language.
fn layouts_pages(filter: impl Fn(&str, &str) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    for lang in ["", "fr/", "de/"] {
        for page in
            ["", "docs/", "docs/install/", "docs/config/", "cases/", "cases/acme/", "cases/globex/", "partners/"]
        {
            if filter(lang, page) {
                out.push(format!("{lang}{page}"));
            }
        }
    }
    out.sort();
    out
}

/// On the `reload-layouts` fixture, a save of `rel` (from → to) reloads the
/// browser showing `open` with the change (`check`), writes again exactly
/// the pages `reached` and no other, says how many it reached, and leaves
/// the folder equal to a fresh build.
fn save_rewrites_only(rel: &str, from: &str, to: &str, open: &str, reached: &[String], check: impl Fn(&scraper::Html)) {
    let site = Site::copy("reload-layouts");
    let serve = Serve::start(&site, &[]);
    let mut ws = Socket::open(&serve, open);
    std::thread::sleep(Duration::from_millis(200));
    let before = page_inodes(&site);
    assert_eq!(before.keys().cloned().collect::<Vec<_>>(), layouts_pages(|_, _| true), "the fixture's pages");
    serve.drain();
    edit(&site, rel, from, to);
    assert_eq!(ws.next_reload(), RELOAD);
    check(&page(&serve, open));
    let lines = settled(&serve);
    let after = page_inodes(&site);
    let rewritten: Vec<String> =
        before.iter().filter(|(k, ino)| after.get(*k) != Some(ino)).map(|(k, _)| k.clone()).collect();
    assert_eq!(rewritten, reached, "the pages written again after saving {rel}");
    let said = format!("({} of 24 pages reached)", reached.len());
    assert!(lines.iter().any(|l| l.starts_with("reloaded templates") && l.contains(&said)), "{said} in {lines:?}");
    assert_equals_fresh_build_at(&site, &serve, &[open, "/docs/install/", "/fr/cases/acme/", "/de/"]);
}

#[test]
fn a_partial_of_one_layout_rewrites_that_layouts_pages_only() {
    save_rewrites_only(
        "templates/partials/docs-note.html",
        "<p class=\"docs-note\">",
        "<p class=\"docs-note\">New. ",
        "/de/docs/config/",
        &layouts_pages(|_, page| page.starts_with("docs/") && page != "docs/"),
        |doc| assert_eq!(texts(doc, "main p.docs-note"), ["New. Geschrieben von: AdaGrace"]),
    );
}

/// A data file one layout's template reads: that layout's pages, and the
/// directory page (its layout reads data files itself, any of them).
#[test]
fn a_data_file_of_one_layout_rewrites_that_layouts_pages_only() {
    save_rewrites_only(
        "data/clients.yaml",
        "  - Globex\n",
        "  - Globex\n  - Initech\n",
        "/cases/acme/",
        &layouts_pages(|_, page| (page.starts_with("cases/") && page != "cases/") || page == "partners/"),
        |doc| assert_eq!(texts(doc, "main p.case-note span.client"), ["Acme", "Globex", "Initech"]),
    );
}

#[test]
fn a_data_file_read_by_the_other_layout_rewrites_its_pages_only() {
    save_rewrites_only(
        "data/team.yaml",
        "  - Grace\n",
        "  - Grace\n  - Alan\n",
        "/fr/docs/install/",
        &layouts_pages(|_, page| (page.starts_with("docs/") && page != "docs/") || page == "partners/"),
        |doc| assert_eq!(texts(doc, "main p.docs-note span.member"), ["Ada", "Grace", "Alan"]),
    );
}

/// A data file no template reads but a layout does (`directory: data:`):
/// that layout's pages only.
#[test]
fn a_data_file_a_layout_reads_itself_rewrites_that_layouts_pages() {
    save_rewrites_only(
        "data/partners.yaml",
        "  url: https://globex.example/support\n",
        "  url: https://globex.example/support\n\n- name: Initech Training\n  category: Services\n  vendor: Initech\n",
        "/de/partners/",
        &layouts_pages(|_, page| page == "partners/"),
        |doc| assert_eq!(texts(doc, "h3.directory-name"), ["Acme Cloud", "Globex Support", "Initech Training"]),
    );
}

#[test]
fn an_ftl_of_one_language_rewrites_that_languages_pages_only() {
    save_rewrites_only(
        "locales/fr/site.ftl",
        "docs-note = Écrit par",
        "docs-note = Rédigé par",
        "/fr/docs/config/",
        &layouts_pages(|lang, _| lang == "fr/"),
        |doc| assert_eq!(texts(doc, "main p.docs-note"), ["Rédigé par: AdaGrace"]),
    );
}

/// Chromium: after a template save, a page the browser opens before the
/// background work reached it (the last page of the last language in its
/// order, on a site of 1,500 pages) shows the change as soon as it loads.
#[test]
fn a_page_opened_in_chromium_before_the_background_work_reached_it_is_current() {
    let Some(mut chrome) =
        common::chrome::browser_or_skip("a_page_opened_in_chromium_before_the_background_work_reached_it_is_current")
    else {
        return;
    };
    let site = Site::copy("reload-site");
    for i in 0..500 {
        site.write(&format!("content/docs/many/p{i:04}.md"), &format!("---\ntitle: Page {i}\n---\nText {i}.\n"));
    }
    let serve = Serve::start(&site, &[]);
    let mut ws = Socket::open(&serve, "/docs/install/");
    std::thread::sleep(Duration::from_millis(200));
    serve.drain();
    edit(&site, "templates/docs.html", "{% block content %}", "{% block content %}<p class=\"stamp\">stamped</p>");
    assert_eq!(ws.next_reload(), RELOAD);
    let before = serve.drain();
    chrome.navigate(&format!("http://{}/ar/docs/many/p0499/", serve.addr)).unwrap();
    // Read once, as loaded: no reload signal reaches a page opened after the save.
    let stamp = chrome.eval("document.querySelector('main p.stamp')?.textContent ?? null").unwrap();
    assert_eq!(stamp, "stamped", "the page as it loaded");
    let nav = chrome.eval("performance.getEntriesByType('navigation')[0].type").unwrap();
    assert_eq!(nav, "navigate");
    let caught_up = before.iter().chain(&serve.drain()).any(|l| l.starts_with("site current"));
    if caught_up {
        eprintln!("NOTICE: the background work was done before the page loaded; it was not rendered on request");
    }
    settled(&serve);
    assert_equals_fresh_build(&site, &serve);
}
