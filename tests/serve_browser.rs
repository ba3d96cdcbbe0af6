//! `onramp serve` in headless Chromium, against a real server process on
//! 127.0.0.1: a saved page reloads by itself and shows the new text, a saved
//! stylesheet applies without a reload, and a broken page shows the error
//! overlay until it is fixed.
//!
//! A reload is proven by a marker set on `window` before the save: a reload
//! starts a new window, so the marker is gone after it (and the navigation
//! type is `reload`); a stylesheet swap keeps it. Browser tests need Chromium
//! (`$CHROMIUM` or `/usr/bin/chromium`); without it they fail, unless
//! `ONRAMP_SKIP_BROWSER=1`, which skips them with a printed notice.

mod common;

use common::Site;
use common::chrome::{Chrome, browser_or_skip};
use common::serve::Serve;
use serde_json::Value;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

/// Browser tests run one at a time: the machine may have two cores.
static BROWSER: Mutex<()> = Mutex::new(());

fn truthy(v: &Value) -> bool {
    !matches!(v, Value::Null | Value::Bool(false)) && v.as_str() != Some("") && v.as_f64() != Some(0.0)
}

/// Polls `js` until it is truthy. Unlike [`Chrome::wait_for`], an error of
/// the evaluation is not fatal: the page may be between two documents.
fn wait_until(chrome: &mut Chrome, js: &str, what: &str) -> Value {
    let deadline = Instant::now() + WAIT;
    loop {
        let last = match chrome.eval(js) {
            Ok(v) if truthy(&v) => return v,
            Ok(v) => v.to_string(),
            Err(e) => e,
        };
        assert!(Instant::now() < deadline, "timed out after {WAIT:?} waiting for {what}; last: {last}");
        std::thread::sleep(Duration::from_millis(40));
    }
}

fn eval(chrome: &mut Chrome, js: &str) -> Value {
    chrome.eval(js).unwrap_or_else(|e| panic!("evaluating {js}: {e}"))
}

/// Opens `path` and waits until its reload client is connected (a save
/// before that could not reach the page).
fn open(chrome: &mut Chrome, serve: &Serve, path: &str) {
    chrome.navigate(&format!("http://{}{path}", serve.addr)).unwrap_or_else(|e| panic!("{e}"));
    wait_until(chrome, "document.documentElement.dataset.onrampLive === 'connected'", "the reload client to connect");
}

/// Marks the current window; [`marked`] tells whether it is still the same.
fn mark(chrome: &mut Chrome, value: &str) {
    eval(chrome, &format!("window.__marker = {value:?}; window.__marker"));
}

fn marker(chrome: &mut Chrome) -> Value {
    eval(chrome, "window.__marker === undefined ? null : window.__marker")
}

fn navigation_type(chrome: &mut Chrome) -> Value {
    eval(chrome, "performance.getEntriesByType('navigation')[0].type")
}

/// Texts of the elements matching `selector` inside `<main>`.
fn texts(chrome: &mut Chrome, selector: &str) -> Vec<String> {
    let js = format!(
        "Array.from(document.querySelectorAll({:?})).map(e => e.textContent.trim())",
        format!("main {selector}")
    );
    let v = eval(chrome, &js);
    v.as_array().expect("array").iter().map(|t| t.as_str().unwrap_or_default().to_string()).collect()
}

fn edit(site: &Site, rel: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(site.root().join(rel)).expect("read the page");
    assert!(text.contains(from), "{rel} has {from:?}");
    site.write(rel, &text.replacen(from, to, 1));
}

#[test]
fn a_saved_page_reloads_and_shows_the_new_text() {
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut chrome) = browser_or_skip("a_saved_page_reloads_and_shows_the_new_text") else { return };
    let site = Site::copy("basic");
    let serve = Serve::start(&site, &[]);
    open(&mut chrome, &serve, "/guide/install/");
    assert_eq!(texts(&mut chrome, "h1"), ["Install"]);
    assert!(texts(&mut chrome, "p").iter().any(|p| p == "You need a computer."));

    // A body edit: the page is updated on its own and the browser reloads.
    mark(&mut chrome, "before the body edit");
    edit(&site, "content/guide/install.md", "You need a computer.", "You need a freshly installed computer.");
    wait_until(
        &mut chrome,
        "window.__marker === undefined && document.readyState === 'complete' && \
         Array.from(document.querySelectorAll('main p')).some(p => p.textContent.trim() === 'You need a freshly installed computer.')",
        "the page to reload with the new paragraph",
    );
    assert_eq!(marker(&mut chrome), Value::Null, "a new window");
    assert_eq!(navigation_type(&mut chrome), "reload");
    let paragraphs = texts(&mut chrome, "p");
    assert!(!paragraphs.iter().any(|p| p == "You need a computer."), "the old text is gone: {paragraphs:?}");
    assert_eq!(texts(&mut chrome, "h1"), ["Install"]);

    // A title edit (front matter: the site model is rebuilt, the open page
    // rendered first, the pages that show it after) reloads too.
    wait_until(&mut chrome, "document.documentElement.dataset.onrampLive === 'connected'", "the client to reconnect");
    mark(&mut chrome, "before the title edit");
    edit(&site, "content/guide/install.md", "title: Install", "title: Installing Basic");
    wait_until(
        &mut chrome,
        "window.__marker === undefined && document.readyState === 'complete' && \
         document.querySelector('main h1')?.textContent.trim() === 'Installing Basic'",
        "the page to reload with the new title",
    );
    assert_eq!(eval(&mut chrome, "document.title.startsWith('Installing Basic')"), true);
    assert!(texts(&mut chrome, "p").iter().any(|p| p == "You need a freshly installed computer."));
}

#[test]
fn a_saved_stylesheet_applies_without_a_reload() {
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut chrome) = browser_or_skip("a_saved_stylesheet_applies_without_a_reload") else { return };
    let site = Site::copy("basic");
    // The site overrides the theme's stylesheet (static/theme/style.css
    // replaces the theme's file of the same name).
    let theme_css = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/theme/style.css"),
    )
    .expect("theme stylesheet");
    site.write("static/theme/style.css", &theme_css);
    let serve = Serve::start(&site, &[]);
    open(&mut chrome, &serve, "/guide/install/");
    let color = "getComputedStyle(document.querySelector('main h1')).color";
    let before = eval(&mut chrome, color);
    assert_ne!(before, "rgb(10, 20, 30)");
    let hrefs =
        "Array.from(document.querySelectorAll('link[rel=stylesheet]')).map(l => l.getAttribute('href')).join(' ')";
    assert!(!eval(&mut chrome, hrefs).as_str().unwrap_or_default().contains("onramp-reload"));

    mark(&mut chrome, "kept through the stylesheet swap");
    site.write("static/theme/style.css", &format!("{theme_css}\nmain h1 {{ color: rgb(10, 20, 30); }}\n"));
    wait_until(&mut chrome, &format!("{color} === 'rgb(10, 20, 30)'"), "the new rule to apply");
    assert_eq!(marker(&mut chrome), "kept through the stylesheet swap", "no navigation happened");
    assert_eq!(navigation_type(&mut chrome), "navigate");
    let links = eval(&mut chrome, hrefs);
    assert!(links.as_str().unwrap_or_default().contains("/theme/style.css?v="), "{links}");
    assert!(links.as_str().unwrap_or_default().contains("onramp-reload="), "the stylesheet was swapped: {links}");

    // A second save swaps again, still in the same window.
    site.write("static/theme/style.css", &format!("{theme_css}\nmain h1 {{ color: rgb(200, 0, 100); }}\n"));
    wait_until(&mut chrome, &format!("{color} === 'rgb(200, 0, 100)'"), "the second rule to apply");
    assert_eq!(marker(&mut chrome), "kept through the stylesheet swap");
    wait_until(
        &mut chrome,
        "document.querySelectorAll('link[rel=stylesheet][href*=\"theme/style.css\"]').length === 1",
        "the old stylesheet links to be removed once the new one loaded",
    );
    assert_eq!(marker(&mut chrome), "kept through the stylesheet swap");
}

#[test]
fn a_broken_page_shows_the_overlay_until_fixed() {
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut chrome) = browser_or_skip("a_broken_page_shows_the_overlay_until_fixed") else { return };
    let site = Site::copy("basic");
    let serve = Serve::start(&site, &[]);
    open(&mut chrome, &serve, "/reference/");
    assert_eq!(eval(&mut chrome, "document.getElementById('onramp-error-overlay') === null"), true);

    mark(&mut chrome, "before the error");
    site.write("content/guide/broken.md", "---\ntitle: [oops\n---\n");
    let overlay = wait_until(
        &mut chrome,
        "window.__marker === undefined && document.querySelector('#onramp-error-overlay li')?.textContent",
        "the error overlay",
    );
    assert!(overlay.as_str().unwrap_or_default().starts_with("content/guide/broken.md:2:8: error:"), "{overlay}");
    // The last good build is still what the page shows under the overlay.
    assert_eq!(texts(&mut chrome, "h1"), ["Reference"]);

    wait_until(&mut chrome, "document.documentElement.dataset.onrampLive === 'connected'", "the client to reconnect");
    mark(&mut chrome, "before the fix");
    std::fs::remove_file(site.root().join("content/guide/broken.md")).expect("remove the broken page");
    wait_until(
        &mut chrome,
        "window.__marker === undefined && document.readyState === 'complete' && \
         document.querySelector('main h1') !== null && document.getElementById('onramp-error-overlay') === null",
        "the overlay to go away",
    );
    assert_eq!(texts(&mut chrome, "h1"), ["Reference"]);
}
