//! Search: the index the real binary writes (read back and checked), and the
//! search dialog in headless Chromium against a local static server.
//!
//! Browser tests need Chromium (`$CHROMIUM` or `/usr/bin/chromium`); without
//! it they fail, unless `ONRAMP_SKIP_BROWSER=1`, which skips them with a
//! printed notice.

mod common;

use common::chrome::{Chrome, browser_or_skip};
use common::http::Server;
use common::{Site, attrs, select};
use onramp::search::format::{hash5, hex};
use onramp::search::read::{ReadIndex, read_index};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// The fixture's base path (its base_url is https://example.org/docs/).
const BASE: &str = "/docs/";
const WAIT: Duration = Duration::from_secs(15);

/// Browser tests run one at a time: the machine may have two cores.
static BROWSER: Mutex<()> = Mutex::new(());

fn built() -> Site {
    let site = Site::copy("search-basic");
    site.build(&[]).ok();
    site
}

/// The manifest URL a page embeds for the search script.
fn manifest_url(site: &Site, page: &str) -> String {
    let urls = attrs(&site.html(page), "[data-search-ui]", "data-index");
    assert_eq!(urls.len(), 1, "one search dialog on {page}");
    urls[0].clone()
}

/// Reads the index whose manifest `url` names, from the output folder.
fn read(site: &Site, url: &str) -> ReadIndex {
    let rel = url.strip_prefix(BASE).unwrap_or_else(|| panic!("{url} starts with the base path"));
    let rel = rel.split('?').next().unwrap_or(rel);
    let (dir, name) = rel.rsplit_once('/').expect("manifest in a folder");
    let folder = site.out().join(dir);
    let load = move |p: &str| std::fs::read(folder.join(p)).ok();
    read_index(name, &load).unwrap_or_else(|e| panic!("read {url}: {e:?}"))
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

fn urls_of(idx: &ReadIndex, pages: &[u32]) -> Vec<String> {
    pages.iter().filter_map(|&p| idx.url(p)).map(str::to_string).collect()
}

#[test]
fn index_files_round_trip() {
    let site = built();
    let en = manifest_url(&site, "index.html");
    assert_eq!(en, "/docs/search/manifest.json");
    assert_eq!(manifest_url(&site, "guides/deploy/index.html"), en, "every page embeds the same manifest");
    let ja = manifest_url(&site, "ja/index.html");
    assert_eq!(ja, "/docs/ja/search/manifest.json");

    let idx = read(&site, &en);
    assert_eq!(idx.manifest.lang, "en");
    assert_eq!(idx.manifest.stemmer.as_deref(), Some("english"));
    let labels: Vec<&str> = idx.manifest.sections.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["", "Docs", "Guides"]);
    assert_eq!(idx.docs.len(), idx.manifest.pages);
    for (page, chunks) in idx.docs.iter().enumerate() {
        let passages: usize = chunks.iter().map(|c| c.passages.len()).sum();
        assert!(
            chunks.iter().all(|c| c.url.starts_with(BASE) && !c.url.contains('#')),
            "page {page}: {:?}",
            chunks[0].url
        );
        for stem in idx.stems.values() {
            for p in stem.postings.iter().filter(|p| p.page as usize == page) {
                assert!((p.sec as usize) < passages, "posting past the page's passages");
            }
        }
    }
    // Stemmed lookups: the vocabulary maps every form found to one stem.
    let install = idx.lookup("installation").expect("installation is indexed");
    assert_eq!(Some(install), idx.lookup("Installer"));
    let top = urls_of(&idx, &idx.search("installation"));
    assert_eq!(top.first().map(String::as_str), Some("/docs/docs/install/"));
    // Headings are records: `windows` is in the install page's `On Windows` section.
    let windows = idx.lookup("windows").expect("windows");
    let page = top_page(&idx, "/docs/docs/install/");
    let anchors: Vec<&str> = windows
        .postings
        .iter()
        .filter(|p| p.page == page)
        .filter_map(|p| idx.passage(p.page, p.sec))
        .map(|x| x.0.as_str())
        .collect();
    assert_eq!(anchors, ["on-windows"]);

    let jidx = read(&site, &ja);
    assert_eq!(jidx.manifest.stemmer, None);
    assert_eq!(
        urls_of(&jidx, &jidx.search("検索エンジン")).first().map(String::as_str),
        Some("/docs/ja/docs/install/")
    );
}

fn top_page(idx: &ReadIndex, url: &str) -> u32 {
    (0..idx.docs.len() as u32).find(|&p| idx.url(p) == Some(url)).unwrap_or_else(|| panic!("no page {url}"))
}

#[test]
fn index_file_names_are_content_hashes() {
    let site = built();
    let search = site.out().join("search");
    for f in files_under(&search) {
        let rel = f.strip_prefix(&search).unwrap().to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(&f).unwrap();
        if rel == "manifest.json" {
            // The manifest keeps one name (pages embed it); the script revalidates it.
            assert_eq!(manifest_url(&site, "index.html"), "/docs/search/manifest.json");
        } else if rel == "dialog.html" {
            // The dialog's inside, which pages name beside the manifest.
            let page = site.html("index.html");
            assert_eq!(attrs(&page, "[data-search-ui]", "data-dialog"), ["/docs/search/dialog.html"]);
            let dialog = scraper::Html::parse_fragment(&String::from_utf8(bytes).unwrap());
            let input = scraper::Selector::parse("input.search-input").unwrap();
            assert_eq!(dialog.select(&input).count(), 1, "the dialog has its search box");
        } else {
            let (folder, name) = rel.split_once('/').unwrap();
            assert!(["v", "p", "d"].contains(&folder), "unexpected file {rel}");
            assert_eq!(name, format!("{}.bin", hex(&hash5(&bytes))), "{rel} is named by its content");
        }
    }
    // The same sources give the same names; changed text gives new ones.
    let again = Site::copy("search-basic");
    again.build(&[]).ok();
    assert_eq!(manifest_url(&again, "index.html"), manifest_url(&site, "index.html"));
    again.write("content/guides/deploy.md", "---\ntitle: Deploying\n---\nNew text.\n");
    again.build(&[]).ok();
    let manifest = |s: &Site| std::fs::read(s.out().join("search/manifest.json")).unwrap();
    assert_ne!(manifest(&again), manifest(&site), "changed text gives a new manifest");
}

#[test]
fn bad_input_is_indexed_safely() {
    let site = Site::copy("search-basic");
    let mut huge = String::from("---\ntitle: Huge page\n---\n");
    let mut i = 0;
    while huge.len() < 1_000_000 {
        if i % 2000 == 0 {
            huge.push_str(&format!("\n\n## Part {i}\n\n"));
        }
        huge.push_str(&format!("filler{} text ", i % 3000));
        i += 1;
    }
    huge.push_str("\n\nThe zanzibar needle is at the very end.\n");
    site.write("content/docs/huge.md", &huge);
    site.build(&[]).ok();
    let idx = read(&site, &manifest_url(&site, "index.html"));
    let huge_page = top_page(&idx, "/docs/docs/huge/");
    let passages: usize = idx.docs[huge_page as usize].iter().map(|c| c.passages.len()).sum();
    assert!(passages > 400, "a 1 MB page is cut into passages ({passages})");
    assert_eq!(urls_of(&idx, &idx.search("zanzibar")), ["/docs/docs/huge/"]);
    // What a shown result costs stays small: its group's blob, and the
    // later chunk its passage is in.
    let docs = &idx.manifest.docs;
    let groups = (0..idx.manifest.pages.div_ceil(idx.manifest.group)).map(|g| docs.group(g).unwrap().len);
    let later = idx.docs.iter().flat_map(|d| d[0].more.iter().map(|l| l.2));
    let biggest = groups.chain(later).max().unwrap();
    assert!(biggest < 64 * 1024, "no part of the store a result needs is large ({biggest} bytes)");
    // A page without text is found by its title.
    assert_eq!(urls_of(&idx, &idx.search("placeholder")), ["/docs/docs/empty/"]);
    // HTML in titles, headings and text is stored as text, as written.
    let hostile = top_page(&idx, "/docs/guides/unsafe/");
    let chunk = &idx.docs[hostile as usize][0];
    assert!(chunk.title.starts_with("<script>window.__pwned=1</script>"), "{}", chunk.title);
    assert!(idx.docs[hostile as usize].iter().flat_map(|c| &c.passages).any(|p| p.1.contains("<svg onload")));
}

// ------------------------------------------------------------------ browser

/// A built fixture, served over HTTP with its base path, and a browser.
struct Session {
    chrome: Chrome,
    server: Server,
    _site: Site,
    _www: tempfile::TempDir,
}

fn session(test: &str, page: &str) -> Option<Session> {
    session_on(test, page, Server::start)
}

/// A session whose server is made by `serve` (with or without ranges).
fn session_on(test: &str, page: &str, serve: fn(&Path) -> Server) -> Option<Session> {
    let site = built();
    let www = tempfile::tempdir().expect("tempdir");
    std::os::unix::fs::symlink(site.out(), www.path().join("docs")).expect("symlink");
    let mut chrome = browser_or_skip(test)?;
    let server = serve(www.path());
    chrome.navigate(&server.url(page)).expect("navigate");
    chrome.wait_for("window.onrampSearch && window.onrampSearch.ui", WAIT).expect("search.js loaded");
    Some(Session { chrome, server, _site: site, _www: www })
}

fn lock() -> std::sync::MutexGuard<'static, ()> {
    BROWSER.lock().unwrap_or_else(|e| e.into_inner())
}

const RESULTS_JS: &str = r#"[...document.querySelectorAll('.search-result')].map(li => ({
  title: li.querySelector('.search-result-title')?.textContent ?? '',
  href: li.querySelector('a')?.getAttribute('href') ?? '',
  heading: li.querySelector('.search-result-heading')?.textContent ?? '',
  excerpt: li.querySelector('.search-result-excerpt')?.textContent ?? '',
  marks: [...li.querySelectorAll('.search-result-excerpt mark')].map(m => m.textContent),
  selected: li.querySelector('[role=option]')?.getAttribute('aria-selected') === 'true',
}))"#;

impl Session {
    /// Opens the dialog with `/` if needed, replaces the query, waits for results.
    fn query(&mut self, q: &str) -> Vec<Value> {
        let c = &mut self.chrome;
        if c.eval("document.querySelector('.search-dialog').open").unwrap() != Value::Bool(true) {
            c.eval("document.activeElement && document.activeElement.blur()").unwrap();
            c.press_key("/").unwrap();
            c.wait_for("document.activeElement === document.querySelector('.search-input')", WAIT)
                .expect("/ focuses the search box");
        }
        c.eval(
            "{ const i = document.querySelector('.search-input'); i.value = ''; i.dispatchEvent(new Event('input')); }",
        )
        .unwrap();
        c.type_text(q).unwrap();
        let done = format!(
            "(() => {{ const u = onrampSearch.ui; return !u.pending && (u.last ? u.last.query === {q} : {q}.trim() === '') }})()",
            q = serde_json::to_string(q).unwrap()
        );
        c.wait_for(&done, WAIT).unwrap_or_else(|e| panic!("query {q}: {e}"));
        self.results()
    }

    fn results(&mut self) -> Vec<Value> {
        match self.chrome.eval(RESULTS_JS).unwrap() {
            Value::Array(a) => a,
            other => panic!("results: {other}"),
        }
    }

    fn status(&mut self) -> String {
        self.chrome
            .eval("document.querySelector('.search-status').textContent")
            .unwrap()
            .as_str()
            .unwrap_or("")
            .to_string()
    }
}

fn s(v: &Value, k: &str) -> String {
    v[k].as_str().unwrap_or_default().to_string()
}

#[test]
fn query_puts_expected_page_first_with_highlight() {
    let _g = lock();
    let Some(mut t) = session("query_puts_expected_page_first_with_highlight", "/docs/") else { return };
    let r = t.query("installation windows");
    assert!(!r.is_empty(), "results for `installation windows`");
    assert_eq!(s(&r[0], "title"), "Installing the toolkit");
    assert_eq!(s(&r[0], "href"), "/docs/docs/install/#on-windows");
    assert_eq!(s(&r[0], "heading"), "On Windows");
    let marks: Vec<String> =
        r[0]["marks"].as_array().unwrap().iter().map(|m| m.as_str().unwrap().to_lowercase()).collect();
    assert!(
        marks.contains(&"installer".to_string()) && marks.contains(&"installation".to_string()),
        "stems highlighted: {marks:?}"
    );
    assert_eq!(t.status(), format!("{} results", r.len()).replace("1 results", "1 result"));
    // Search as you type: a prefix, then one typo.
    assert_eq!(s(&t.query("configur")[0], "title"), "Configuration reference");
    assert_eq!(s(&t.query("configuraton")[0], "title"), "Configuration reference");
    let bytes = t.chrome.eval("onrampSearch.ui.index.bytes").unwrap().as_u64().unwrap();
    assert!(bytes > 0 && bytes <= t.server.bytes_sent(), "the index is fetched from the server");
}

/// A server that ignores `Range` (as `python3 -m http.server` does) sends
/// whole packs: search still works, each pack fetched once.
#[test]
fn search_works_without_range_requests() {
    let _g = lock();
    let Some(mut t) = session_on("search_works_without_range_requests", "/docs/", Server::without_ranges) else {
        return;
    };
    let r = t.query("installation windows");
    assert_eq!(s(&r[0], "title"), "Installing the toolkit");
    assert_eq!(s(&r[0], "heading"), "On Windows");
    assert!(!r[0]["marks"].as_array().unwrap().is_empty(), "excerpt highlighted");
    let files = t.server.files_sent();
    assert_eq!(s(&t.query("configuration")[0], "title"), "Configuration reference");
    let packs: Vec<String> = std::fs::read_dir(t._site.out().join("search/d"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(packs.len(), 1, "a small site's store is one pack");
    let again = t.server.files_sent() - files;
    assert!(again <= 2, "a pack is fetched once per page view ({again} more files)");
}

#[test]
fn keyboard_navigation_and_enter() {
    let _g = lock();
    let Some(mut t) = session("keyboard_navigation_and_enter", "/docs/") else { return };
    t.chrome.press_key_with("k", 2).unwrap();
    t.chrome.wait_for("document.querySelector('.search-dialog').open", WAIT).expect("Ctrl+K opens the dialog");
    t.chrome.press_key("Escape").unwrap();
    t.chrome.wait_for("!document.querySelector('.search-dialog').open", WAIT).expect("Escape closes it");
    let r = t.query("install");
    assert!(r.len() >= 3, "several results: {r:?}");
    assert!(r.iter().all(|x| x["selected"] == false));
    t.chrome.press_key("ArrowDown").unwrap();
    t.chrome.press_key("ArrowDown").unwrap();
    t.chrome.press_key("ArrowDown").unwrap();
    t.chrome.press_key("ArrowUp").unwrap();
    let r = t.results();
    let selected: Vec<usize> = r.iter().enumerate().filter(|(_, x)| x["selected"] == true).map(|(i, _)| i).collect();
    assert_eq!(selected, [1]);
    let active =
        t.chrome.eval("document.querySelector('.search-input').getAttribute('aria-activedescendant')").unwrap();
    assert_eq!(active, "search-option-1");
    let target = s(&r[1], "href");
    t.chrome.press_key("Enter").unwrap();
    let want = target.split('#').next().unwrap().to_string();
    t.chrome
        .wait_for(&format!("location.pathname === {}", serde_json::to_string(&want).unwrap()), WAIT)
        .expect("Enter opens the result");
}

#[test]
fn japanese_query_finds_japanese_page() {
    let _g = lock();
    let Some(mut t) = session("japanese_query_finds_japanese_page", "/docs/ja/") else { return };
    let r = t.query("検索エンジン");
    assert_eq!(s(&r[0], "href"), "/docs/ja/docs/install/");
    assert_eq!(s(&r[0], "title"), "ツールキットのインストール");
    let marks: Vec<&str> = r[0]["marks"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert_eq!(marks, ["検索エンジン"], "the matched run is highlighted");
    // One character: completions of the bigrams that start with it (説明).
    assert_eq!(s(&t.query("説")[0], "href"), "/docs/ja/docs/install/");
    // 検索 is in the home page's title: that page comes first.
    assert_eq!(s(&t.query("検索")[0], "href"), "/docs/ja/");
}

#[test]
fn hostile_titles_show_as_text() {
    let _g = lock();
    let Some(mut t) = session("hostile_titles_show_as_text", "/docs/") else { return };
    let r = t.query("hostile");
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(
        s(&r[0], "title").starts_with("<script>window.__pwned=1</script> Hostile title <img"),
        "{}",
        s(&r[0], "title")
    );
    let elements = t.chrome.eval("document.querySelectorAll('.search-results script, .search-results img, .search-results svg, .search-results b').length").unwrap();
    assert_eq!(elements, 0, "no element from content strings");
    let r = t.query("pwned");
    assert!(!r.is_empty());
    t.chrome.eval("new Promise(r => setTimeout(r, 300))").unwrap();
    assert_eq!(t.chrome.eval("window.__pwned === undefined").unwrap(), true, "no script ran");
}

#[test]
fn odd_queries_and_empty_state() {
    let _g = lock();
    let Some(mut t) = session("odd_queries_and_empty_state", "/docs/") else { return };
    assert!(t.query("").is_empty());
    assert_eq!(t.status(), "Type to search titles, headings and text.");
    for q in [".*", "[(", "\\", "<b>", "a|b)", "$^", "'\"", "   ", "🙂"] {
        t.query(q);
    }
    let r = t.query("<b>bold</b>");
    assert_eq!(s(&r[0], "href"), "/docs/guides/unsafe/");
    assert!(t.query("zzqxv").is_empty());
    assert_eq!(t.status(), "No results for “zzqxv”");
    assert_eq!(t.chrome.eval("window.__pwned === undefined").unwrap(), true);
}

#[test]
fn section_filters() {
    let _g = lock();
    let Some(mut t) = session("section_filters", "/docs/") else { return };
    let r = t.query("installation");
    assert!(r.len() >= 2);
    let chips =
        t.chrome.eval("[...document.querySelectorAll('.search-filter')].map(b => b.firstChild.textContent)").unwrap();
    assert_eq!(chips, serde_json::json!(["All", "Docs", "Guides"]));
    t.chrome
        .eval(
            "[...document.querySelectorAll('.search-filter')].find(b => b.firstChild.textContent === 'Guides').click()",
        )
        .unwrap();
    t.chrome.wait_for("!onrampSearch.ui.pending", WAIT).unwrap();
    let r = t.results();
    assert!(!r.is_empty() && r.iter().all(|x| s(x, "href").starts_with("/docs/guides/")), "{r:?}");
}

#[test]
fn tokenizer_agrees_with_rust() {
    let _g = lock();
    let Some(mut t) = session("tokenizer_agrees_with_rust", "/docs/") else { return };
    let samples = [
        "Hello, World! Don't e.g. 3.14 foo_bar C++ x² ½",
        "Élève CAFÉ naïve Ångström e\u{301}le\u{300}ve",
        "ΟΔΟΣ Straße ﬁle ＡＢＣ İstanbul",
        "Привет, мир! Ёлка и йогурт.",
        "مَرْحَبًا بالعالم שָׁלוֹם",
        "नमस्ते दुनिया",
        "検索エンジン Rustで書く 字 ｶﾞｲﾄﾞ 한국어 문서 ภาษาไทย",
        "emoji 🙂 👍🏽 tag\u{200d}s",
        &"a".repeat(41),
        "x\u{0301}\u{0301} \u{0301}lone 1⁄2",
    ];
    for text in samples {
        let rust: Vec<String> =
            onramp::search::tokenize::tokenize(text).into_iter().map(|t| t.key.into_owned()).collect();
        let js = t
            .chrome
            .eval(&format!("onrampSearch.tokenize({}).map(t => t.key)", serde_json::to_string(text).unwrap()))
            .unwrap();
        assert_eq!(js, serde_json::json!(rust), "tokens of {text:?}");
    }
}

// -------------------------------------------------------------------- bench

/// Figures for `bench/search.py` (ignored by default): serves the built site
/// in `ONRAMP_BENCH_OUT` (base path `/`) and prints one JSON object with the
/// bytes and time of each query in `ONRAMP_BENCH_QUERIES` (one per line)
/// from a cold index, the time again with cached files, the bytes of typing
/// it one character at a time, and for each `title<TAB>url` line of
/// `ONRAMP_BENCH_TITLES` the rank of `url` when searching for `title`.
///
/// With `ONRAMP_BENCH_PAGEFIND=1`, the same for Pagefind's index in
/// `<out>/pagefind/`, through its JavaScript API: each query runs in a fresh
/// page, and its bytes are the response bodies the server sent meanwhile
/// (the server sends `no-cache` without validators, so every file counts).
#[test]
#[ignore]
fn bench_queries() {
    let out = std::env::var("ONRAMP_BENCH_OUT").expect("ONRAMP_BENCH_OUT");
    let read_lines = |var: &str| -> Vec<String> {
        std::env::var(var)
            .ok()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    };
    let queries = read_lines("ONRAMP_BENCH_QUERIES");
    let titles: Vec<(String, String)> = read_lines("ONRAMP_BENCH_TITLES")
        .iter()
        .filter_map(|l| l.split_once('\t'))
        .map(|(t, u)| (t.to_string(), u.to_string()))
        .collect();
    let server = Server::start(Path::new(&out));
    let mut c = Chrome::launch().expect("Chromium");
    c.navigate(&server.url("/")).expect("home");
    c.wait_for("window.onrampSearch && window.onrampSearch.ui", WAIT).expect("search.js");
    let mut report = serde_json::Map::new();
    let mut results = Vec::new();
    for q in &queries {
        results
            .push(c.eval(&format!("onrampSearch.bench({})", serde_json::to_string(q).unwrap())).expect("bench query"));
    }
    report.insert("queries".into(), Value::Array(results));
    let mut ranks = Vec::new();
    for (title, url) in &titles {
        let js = format!(
            "onrampSearch.rankOf({}, {})",
            serde_json::to_string(title).unwrap(),
            serde_json::to_string(url).unwrap()
        );
        ranks.push(serde_json::json!({ "title": title, "url": url, "rank": c.eval(&js).expect("rank") }));
    }
    report.insert("titles".into(), Value::Array(ranks));
    if std::env::var("ONRAMP_BENCH_PAGEFIND").as_deref() == Ok("1") {
        let fresh = |c: &mut Chrome| {
            c.navigate(&server.url("/404.html")).expect("blank page");
            // Let the page's own requests finish before counting.
            c.eval("new Promise(r => setTimeout(r, 300))").expect("wait");
            (server.bytes_sent(), server.files_sent())
        };
        let mut pf = Vec::new();
        for q in &queries {
            let quoted = serde_json::to_string(q).unwrap();
            let (bytes, files) = fresh(&mut c);
            let mut r = c.eval(&PAGEFIND_QUERY_JS.replace("QUERY", &quoted)).expect("pagefind query");
            r["bytes"] = (server.bytes_sent() - bytes).into();
            r["files"] = (server.files_sent() - files).into();
            let (bytes, _) = fresh(&mut c);
            c.eval(&PAGEFIND_TYPED_JS.replace("QUERY", &quoted)).expect("pagefind typed");
            r["typedBytes"] = (server.bytes_sent() - bytes).into();
            pf.push(r);
        }
        report.insert("pagefind".into(), Value::Array(pf));
        fresh(&mut c);
        let list = serde_json::to_string(&titles).unwrap();
        let ranks = c.eval(&PAGEFIND_RANKS_JS.replace("TITLES", &list)).expect("pagefind ranks");
        report.insert("pagefindTitles".into(), ranks);
    }
    println!("BENCH {}", Value::Object(report));
}

/// Pagefind's first query in a fresh page, with the data (URL, excerpt) of
/// the first 6 results, as many as onramp loads before showing its list.
const PAGEFIND_QUERY_JS: &str = r#"(async () => {
  const t0 = performance.now();
  const pf = await import('/pagefind/pagefind.js');
  const r = await pf.search(QUERY);
  const top = await Promise.all(r.results.slice(0, 6).map(x => x.data()));
  return { query: QUERY, results: r.results.length, coldMs: performance.now() - t0, top: top.map(d => d.url) };
})()"#;

/// Pagefind, typing the query one character at a time (each prefix searched,
/// with the data of its first 6 results).
const PAGEFIND_TYPED_JS: &str = r#"(async () => {
  const pf = await import('/pagefind/pagefind.js');
  const chars = Array.from(QUERY);
  for (let i = 1; i <= chars.length; i++) {
    const r = await pf.search(chars.slice(0, i).join(''));
    await Promise.all(r.results.slice(0, 6).map(x => x.data()));
  }
  return true;
})()"#;

/// Pagefind: the rank (1-based, 0 if not in the top 10) of each title's page.
const PAGEFIND_RANKS_JS: &str = r#"(async () => {
  const pf = await import('/pagefind/pagefind.js');
  const out = [];
  for (const [title, url] of TITLES) {
    const r = await pf.search(title);
    const top = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
    out.push({ title, url, rank: top.findIndex(d => d.url === url) + 1 });
  }
  return out;
})()"#;

/// A theme whose page still holds the whole search block (its own button
/// and an empty dialog, where the header's slot was) keeps working: the
/// script fills that dialog from `search/dialog.html` and adds no second
/// button.
#[test]
fn a_page_with_its_own_button_and_empty_dialog_still_searches() {
    let _g = lock();
    let test = "a_page_with_its_own_button_and_empty_dialog_still_searches";
    let site = Site::copy("search-basic");
    site.write(
        "templates/partials/search.html",
        r#"<div class="search-ui" data-search-ui data-index="{{ site.assets.search_index }}" data-dialog="{{ site.assets.search_dialog }}">
<button type="button" class="search-button" data-search-open hidden>Find</button>
<dialog class="search-dialog" aria-label="Search"></dialog>
</div>"#,
    );
    site.build(&[]).ok();
    assert_eq!(select(&site.html("index.html"), "[data-search-open]").len(), 1, "the theme's button in the page");
    let www = tempfile::tempdir().expect("tempdir");
    std::os::unix::fs::symlink(site.out(), www.path().join("docs")).expect("symlink");
    let Some(mut chrome) = browser_or_skip(test) else { return };
    let server = Server::start(www.path());
    chrome.navigate(&server.url("/docs/")).expect("navigate");
    chrome.wait_for("window.onrampSearch && window.onrampSearch.ui", WAIT).expect("search.js loaded");
    let counts = chrome
        .eval("[document.querySelectorAll('[data-search-open]').length, document.querySelectorAll('.search-dialog').length, document.querySelector('[data-search-open]').textContent, document.querySelector('[data-search-open]').hidden]")
        .unwrap();
    assert_eq!(counts, serde_json::json!([1, 1, "Find", false]), "one button (the theme's, shown) and one dialog");
    let mut t = Session { chrome, server, _site: site, _www: www };
    let r = t.query("installation windows");
    assert_eq!(s(&r[0], "title"), "Installing the toolkit");
}
