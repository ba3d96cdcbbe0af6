//! The onboarding layouts (news, case studies, getting started, directory)
//! on fixture sites `tests/fixtures/layouts-*`: the HTML through a parser,
//! the Atom feed through an XML parser, bad input as diagnostics, and the
//! scripted parts (facet chips, path navigation) in headless Chromium.
//!
//! Browser tests need Chromium (`$CHROMIUM` or `/usr/bin/chromium`); without
//! it they fail, unless `ONRAMP_SKIP_BROWSER=1`.

mod common;

use common::{Run, Site, attrs, select, text_of};
use quick_xml::events::Event;
use std::collections::BTreeMap;
use std::process::Command;

fn built(name: &str) -> Site {
    let site = Site::copy(name);
    site.build(&[]).ok();
    site
}

fn texts(doc: &scraper::Html, css: &str) -> Vec<String> {
    select(doc, css)
        .iter()
        .map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

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

/// An element of a parsed feed: its name, attributes, text and children.
#[derive(Debug, Default, Clone)]
struct Node {
    name: String,
    attrs: BTreeMap<String, String>,
    text: String,
    children: Vec<Node>,
}

impl Node {
    fn all(&self, name: &str) -> Vec<&Node> {
        self.children.iter().filter(|c| c.name == name).collect()
    }

    fn one(&self, name: &str) -> &Node {
        let found = self.all(name);
        assert_eq!(found.len(), 1, "one <{name}> in <{}>", self.name);
        found[0]
    }
}

/// Parses XML strictly (quick-xml checks that end tags match) into a tree.
fn parse_xml(text: &str) -> Node {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack = vec![Node::default()];
    let open = |e: &quick_xml::events::BytesStart<'_>| Node {
        name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("well-formed attribute");
                let v = a.unescape_value().expect("attribute value").into_owned();
                (String::from_utf8(a.key.as_ref().to_vec()).unwrap(), v)
            })
            .collect(),
        ..Node::default()
    };
    loop {
        match reader.read_event().unwrap_or_else(|e| panic!("feed is not well-formed XML: {e}")) {
            Event::Start(e) => stack.push(open(&e)),
            Event::Empty(e) => {
                let n = open(&e);
                stack.last_mut().unwrap().children.push(n);
            }
            Event::Text(t) => stack.last_mut().unwrap().text.push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) => {
                let name = String::from_utf8(r.to_vec()).unwrap();
                let c = match name.as_str() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" | "#39" => "'",
                    other => panic!("unexpected entity {other}"),
                };
                stack.last_mut().unwrap().text.push_str(c);
            }
            Event::End(_) => {
                let n = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(n);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "every element is closed");
    let mut root = stack.pop().unwrap();
    assert_eq!(root.children.len(), 1, "one root element");
    root.children.remove(0)
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
