//! Mermaid diagrams (```` ```mermaid ````): the figure with its escaped
//! source, the vendored script written and linked only where a diagram
//! is, the drawing in the light and the dark scheme (Chromium), and the code
//! blocks' copy button with the browser's real clipboard. Fixtures under
//! `tests/fixtures/diagrams-*`.

mod common;

use common::chrome::{Chrome, browser_or_skip};
use common::http::Server;
use common::{Site, select};
use serde_json::{Value, json};
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(30);

/// Drawing diagrams is heavy: browser tests run one at a time (the
/// machine may have two cores).
static BROWSER: Mutex<()> = Mutex::new(());

/// The diagram sources of `diagrams-mermaid/content/docs/flow.md`, in order.
const FLOW: &str = "flowchart LR\n  A[Write] -->|save & build| B(Render)\n  B --> C{\"a < b?\"}\n";
const SEQUENCE: &str = "sequenceDiagram\n  accTitle: The reader asks the server\n  Reader->>Server: GET /docs/\n  Server-->>Reader: 200 OK\n";
const PIE: &str = "pie\n  \"Docs\" : 3\n  \"Code\" : 1\n";
const BROKEN: &str = "flowchart LR\n  A -->\n";

fn built(name: &str) -> (Site, common::Run) {
    let site = Site::copy(name);
    let run = site.build(&[]).ok();
    (site, run)
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `src` of every script element of a page, without the cache-busting
/// version.
fn script_srcs(doc: &scraper::Html) -> Vec<String> {
    common::attrs(doc, "script[src]", "src")
        .into_iter()
        .map(|s| s.split('?').next().unwrap_or_default().into())
        .collect()
}

#[test]
fn mermaid_fence_is_a_figure_with_its_escaped_source_and_caption() {
    let (site, run) = built("diagrams-mermaid");
    assert_eq!(run.stderr, "");
    let doc = site.html("docs/flow/index.html");
    let sources: Vec<String> =
        select(&doc, ".prose > figure.diagram > pre.mermaid").iter().map(|p| p.text().collect()).collect();
    assert_eq!(sources, [FLOW, SEQUENCE, PIE, BROKEN]);
    // Text, not highlighted code: no element inside, every `<` and `&` escaped.
    assert!(select(&doc, "pre.mermaid *").is_empty());
    assert!(select(&doc, "pre.code, pre[data-lang]").is_empty());
    let html = site.read("docs/flow/index.html");
    assert!(
        html.contains("<pre class=\"mermaid\">flowchart LR\n  A[Write] --&gt;|save &amp; build| B(Render)\n  B --&gt; C{&quot;a &lt; b?&quot;}\n</pre>"),
        "{html}"
    );
    // The fence's title is the caption, after the source; only that figure has one.
    let captions: Vec<String> =
        select(&doc, "figure.diagram > pre.mermaid + figcaption").iter().map(|c| c.text().collect()).collect();
    assert_eq!(captions, ["How a page is built"]);
    assert_eq!(select(&doc, "figure.diagram figcaption").len(), 1);
}

#[test]
fn diagram_scripts_are_linked_only_from_pages_with_a_diagram() {
    let (site, _) = built("diagrams-mermaid");
    let flow = site.html("docs/flow/index.html");
    assert_eq!(
        script_srcs(&flow),
        ["/theme/onramp.js", "/theme/search.js", "/theme/mermaid.min.js", "/theme/diagrams.js"]
    );
    assert_eq!(common::attrs(&flow, "script[src^='/theme/diagrams.js']", "data-label"), ["Diagram"]);
    // Versioned by content, like the theme's other assets.
    for src in common::attrs(&flow, "script[src^='/theme/mermaid.min.js'], script[src^='/theme/diagrams.js']", "src") {
        assert!(src.contains("?v=") && src.len() == src.find("?v=").unwrap() + 13, "{src}");
    }
    for page in ["index.html", "docs/index.html", "docs/plain/index.html", "404.html"] {
        assert_eq!(script_srcs(&site.html(page)), ["/theme/onramp.js", "/theme/search.js"], "{page}");
    }
    // The code block that reads like a diagram on the plain page stays code.
    assert_eq!(select(&site.html("docs/plain/index.html"), "pre.code[data-lang=text]").len(), 1);
    // The script is the vendored file, served from the site itself.
    let vendored = std::fs::read(repo().join("themes/default/static/theme/mermaid.min.js")).expect("vendored");
    assert!(std::fs::read(site.out().join("theme/mermaid.min.js")).expect("mermaid.min.js written") == vendored);
    assert!(site.out().join("theme/diagrams.js").is_file());
}

#[test]
fn site_without_a_diagram_gets_no_diagram_scripts() {
    let (site, _) = built("diagrams-copy");
    assert!(site.out().join("theme/onramp.js").is_file());
    assert!(!site.out().join("theme/mermaid.min.js").exists());
    assert!(!site.out().join("theme/diagrams.js").exists());
    assert_eq!(script_srcs(&site.html("index.html")), ["/theme/onramp.js", "/theme/search.js"]);
}

#[test]
fn code_attributes_on_a_diagram_are_a_warning_and_diff_mermaid_stays_code() {
    let (site, run) = built("diagrams-attributes");
    assert_eq!(
        run.stderr,
        "content/_index.md:5:1: warning: a Mermaid diagram has no line highlights or line numbers: ignored\n  \
         = help: only `title=\"…\"` applies to a diagram (its caption); to show the source as code, give the fence the language `text`\n"
    );
    let doc = site.html("index.html");
    let figures = select(&doc, "figure.diagram");
    assert_eq!(figures.len(), 2);
    assert_eq!(select(&doc, "figure.diagram > figcaption")[0].text().collect::<String>(), "Steps");
    // A diff of a diagram's source is a diff block.
    let diff = select(&doc, "pre.code.diff[data-lang=mermaid]");
    assert_eq!(diff.len(), 1);
    assert_eq!(select(&doc, "pre.diff del.line.del").len(), 1);
    assert_eq!(select(&doc, "pre.diff ins.line.add").len(), 1);
}

#[test]
fn vendored_mermaid_is_the_standalone_build_package_json_pins() {
    let package: Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("package.json")).expect("package.json")).unwrap();
    let pinned = package["dependencies"]["mermaid"].as_str().expect("mermaid in dependencies");
    assert!(pinned.chars().all(|c| c.is_ascii_digit() || c == '.'), "not an exact version: {pinned}");
    let lock: Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("package-lock.json")).expect("lock")).unwrap();
    assert_eq!(lock["packages"]["node_modules/mermaid"]["version"].as_str(), Some(pinned));
    let vendored = std::fs::read(repo().join("themes/default/static/theme/mermaid.min.js")).expect("vendored");
    // One file: no module loading, no chunk or source map to fetch.
    let text = String::from_utf8_lossy(&vendored);
    for what in ["import(", "sourceMappingURL", "importScripts("] {
        assert!(!text.contains(what), "mermaid.min.js has `{what}`");
    }
    assert!(
        text.trim_end()
            .ends_with("globalThis[\"mermaid\"] = globalThis.__esbuild_esm_mermaid_nm[\"mermaid\"].default;")
    );
    let installed = repo().join("node_modules/mermaid");
    let Ok(meta) = std::fs::read_to_string(installed.join("package.json")) else {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false");
        assert!(!ci, "node_modules/mermaid is missing: run `npm ci`");
        eprintln!("NOTICE: node_modules/mermaid missing (`npm ci` installs it): the vendored file is not compared");
        return;
    };
    let meta: Value = serde_json::from_str(&meta).unwrap();
    assert_eq!(meta["version"].as_str(), Some(pinned), "node_modules is not at the pinned version: run `npm ci`");
    let dist = std::fs::read(installed.join("dist/mermaid.min.js")).expect("dist/mermaid.min.js");
    assert!(
        dist == vendored,
        "themes/default/static/theme/mermaid.min.js is not mermaid {pinned}'s: run `npm run vendor-mermaid`"
    );
}

/// Sets the scheme the system asks for.
fn emulate_scheme(chrome: &mut Chrome, scheme: &str) {
    chrome
        .call(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
        )
        .expect("emulate prefers-color-scheme");
}

/// Waits until every diagram of the page is drawn in `theme` (Mermaid's
/// theme name) or failed, and returns, per drawn diagram, its theme, the
/// fill of its first shape, and its accessible name.
fn drawn(chrome: &mut Chrome, theme: &str) -> Vec<(String, String, String)> {
    let done = format!(
        "[...document.querySelectorAll('figure.diagram')].every(f => \
         f.getAttribute('data-diagram-theme') === '{theme}' || f.classList.contains('diagram-failed'))"
    );
    chrome.wait_for(&done, WAIT).unwrap_or_else(|e| panic!("diagrams drawn in {theme}: {e}"));
    let v = chrome
        .eval(
            "[...document.querySelectorAll('figure.diagram:not(.diagram-failed)')].map(f => { \
               const svg = f.querySelector('.diagram-drawing > svg'); \
               const shape = svg.querySelector('.node rect, rect.actor, path.pieCircle'); \
               const by = svg.getAttribute('aria-labelledby'); \
               const name = by ? document.getElementById(by).textContent : svg.getAttribute('aria-label'); \
               return [f.getAttribute('data-diagram-theme'), getComputedStyle(shape).fill, name, \
                 f.querySelector('pre.mermaid').hidden && !f.querySelector('.diagram-drawing').hidden]; })",
        )
        .expect("diagrams");
    v.as_array()
        .expect("array")
        .iter()
        .map(|d| {
            assert_eq!(d[3], json!(true), "the drawing replaces the source: {d}");
            let s = |i: usize| d[i].as_str().unwrap_or_default().to_string();
            (s(0), s(1), s(2))
        })
        .collect()
}

#[test]
fn mermaid_diagrams_are_drawn_as_svg_in_light_and_dark_and_again_on_toggle() {
    let test = "mermaid_diagrams_are_drawn_as_svg_in_light_and_dark_and_again_on_toggle";
    let _lock = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let (site, _) = built("diagrams-mermaid");
    let Some(mut chrome) = browser_or_skip(test) else { return };
    let server = Server::start(&site.out());
    emulate_scheme(&mut chrome, "light");
    chrome.navigate(&server.url("/docs/flow/")).expect("open");
    let light = drawn(&mut chrome, "default");
    let names: Vec<&str> = light.iter().map(|d| d.2.as_str()).collect();
    // The caption, Mermaid's accTitle, else the theme's "Diagram".
    assert_eq!(names, ["How a page is built", "The reader asks the server", "Diagram"]);
    assert!(light.iter().all(|d| d.0 == "default"));
    assert_eq!(light[0].1, "rgb(236, 236, 255)");
    // What Mermaid cannot read keeps its source shown.
    let failed = chrome
        .eval(
            "(() => { const f = document.querySelector('figure.diagram-failed'); \
             return f && !f.querySelector('pre.mermaid').hidden && !f.querySelector('svg') && f.querySelector('pre.mermaid').textContent })()",
        )
        .expect("failed diagram");
    assert_eq!(failed.as_str(), Some(BROKEN));

    // The header's toggle draws them again in the dark theme.
    chrome.eval("document.querySelector('[data-theme-toggle]').click()").expect("toggle");
    let dark = drawn(&mut chrome, "dark");
    assert_eq!(dark.len(), 3);
    assert_eq!(dark[0].1, "rgb(31, 32, 32)");
    for (l, d) in light.iter().zip(&dark) {
        assert_ne!(l.1, d.1, "a shape keeps its light fill in the dark theme");
        assert_eq!(l.2, d.2, "the accessible name stays");
    }
    // One drawing per figure: the light one was replaced.
    assert_eq!(chrome.eval("document.querySelectorAll('figure.diagram svg').length").unwrap(), json!(3));

    // A page opened in the dark system scheme is drawn dark from the start.
    let mut fresh = browser_or_skip(test).expect("Chromium");
    emulate_scheme(&mut fresh, "dark");
    fresh.navigate(&server.url("/docs/flow/")).expect("open");
    assert_eq!(drawn(&mut fresh, "dark")[0].1, "rgb(31, 32, 32)");
}

#[test]
fn page_without_a_diagram_loads_no_mermaid_and_nothing_leaves_the_site() {
    let test = "page_without_a_diagram_loads_no_mermaid_and_nothing_leaves_the_site";
    let _lock = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let (site, _) = built("diagrams-mermaid");
    let Some(mut chrome) = browser_or_skip(test) else { return };
    let server = Server::start(&site.out());
    let resources = "performance.getEntriesByType('resource').map(e => e.name)";
    chrome.navigate(&server.url("/docs/plain/")).expect("open");
    chrome.wait_for("document.readyState === 'complete'", WAIT).expect("loaded");
    let loaded = chrome.eval(resources).expect("resources");
    let loaded: Vec<&str> = loaded.as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(loaded.iter().any(|r| r.contains("/theme/onramp.js")), "{loaded:?}");
    assert!(!loaded.iter().any(|r| r.contains("mermaid") || r.contains("diagrams.js")), "{loaded:?}");
    assert_eq!(chrome.eval("typeof window.mermaid").unwrap(), json!("undefined"));

    chrome.navigate(&server.url("/docs/flow/")).expect("open");
    drawn(&mut chrome, "default");
    let loaded = chrome.eval(resources).expect("resources");
    let loaded: Vec<&str> = loaded.as_array().unwrap().iter().filter_map(Value::as_str).collect();
    let origin = server.url("/");
    assert!(loaded.iter().any(|r| r.starts_with(&format!("{origin}theme/mermaid.min.js?v="))), "{loaded:?}");
    assert!(loaded.iter().all(|r| r.starts_with(&origin)), "a request left the site: {loaded:?}");
}

#[test]
fn without_scripts_the_diagram_source_is_shown() {
    let test = "without_scripts_the_diagram_source_is_shown";
    let _lock = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let (site, _) = built("diagrams-mermaid");
    let Some(mut chrome) = browser_or_skip(test) else { return };
    let server = Server::start(&site.out());
    chrome.call("Emulation.setScriptExecutionDisabled", json!({ "value": true })).expect("scripts off");
    chrome.navigate(&server.url("/docs/flow/")).expect("open");
    chrome.call("Emulation.setScriptExecutionDisabled", json!({ "value": false })).expect("scripts on");
    // Scripts are evaluated by DevTools even so; the page's own did not run.
    let shown = chrome
        .eval(
            "[...document.querySelectorAll('figure.diagram')].map(f => { const p = f.querySelector('pre.mermaid'); \
             return [!!f.querySelector('svg'), p.getBoundingClientRect().height > 0, p.innerText]; })",
        )
        .expect("figures");
    let shown: Vec<(bool, bool, String)> = shown
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f[0].as_bool().unwrap(), f[1].as_bool().unwrap(), f[2].as_str().unwrap().to_string()))
        .collect();
    let sources = [FLOW, SEQUENCE, PIE, BROKEN];
    assert_eq!(shown.len(), sources.len());
    for (f, source) in shown.iter().zip(sources) {
        assert_eq!((f.0, f.1, f.2.trim_end()), (false, true, source.trim_end()));
    }
}

#[test]
fn copy_button_puts_code_without_line_numbers_or_diff_signs_on_the_real_clipboard() {
    let test = "copy_button_puts_code_without_line_numbers_or_diff_signs_on_the_real_clipboard";
    let _lock = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let (site, _) = built("diagrams-copy");
    let Some(mut chrome) = browser_or_skip(test) else { return };
    let server = Server::start(&site.out());
    let url = server.url("/");
    chrome.navigate(&url).expect("open");
    // The page's browser context may read and write the clipboard.
    let info = chrome.call("Target.getTargetInfo", json!({})).expect("target info");
    chrome
        .call(
            "Browser.grantPermissions",
            json!({
                "browserContextId": info["targetInfo"]["browserContextId"],
                "origin": url.trim_end_matches('/'),
                "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"],
            }),
        )
        .expect("clipboard permissions");
    chrome.wait_for("document.querySelectorAll('.copy-button').length === 2", WAIT).expect("copy buttons");
    let mut copied = |i: usize| -> String {
        chrome.eval("navigator.clipboard.writeText('nothing copied yet')").expect("clear the clipboard");
        // A real click (a user gesture), in the middle of the button.
        let at = chrome
            .eval(&format!(
                "(() => {{ const b = document.querySelectorAll('.copy-button')[{i}]; b.scrollIntoView({{ block: 'center' }}); \
                 const r = b.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()"
            ))
            .expect("button");
        for kind in ["mousePressed", "mouseReleased"] {
            chrome
                .call(
                    "Input.dispatchMouseEvent",
                    json!({ "type": kind, "x": at[0], "y": at[1], "button": "left", "clickCount": 1 }),
                )
                .expect("click");
        }
        let text = chrome
            .wait_for(
                &format!(
                    "document.querySelectorAll('.copy-button')[{i}].classList.contains('is-copied') && \
                     navigator.clipboard.readText().then(t => t !== 'nothing copied yet' && t)"
                ),
                WAIT,
            )
            .expect("copied");
        text.as_str().unwrap_or_default().to_string()
    };
    assert_eq!(copied(0), "fn main() {\n    println!(\"+1 -1\");\n}");
    assert_eq!(copied(1), "fn main() {\n    old();\n    new();\n}");
}

#[test]
fn serve_writes_the_diagram_scripts_when_a_page_gets_the_sites_first_diagram() {
    let site = Site::copy("diagrams-copy");
    let serve = common::serve::Serve::start(&site, &[]);
    let mut ws = serve.socket();
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(serve.get("/theme/mermaid.min.js").status, 404);
    let page = std::fs::read_to_string(site.root().join("content/_index.md")).unwrap();
    site.write("content/_index.md", &format!("{page}\n```mermaid\nflowchart LR\n  A --> B\n```\n"));
    assert_eq!(ws.next(), r#"{"type":"reload"}"#);
    let doc = scraper::Html::parse_document(&serve.get("/").text());
    assert_eq!(
        script_srcs(&doc).into_iter().filter(|s| !s.starts_with("/__onramp")).collect::<Vec<_>>(),
        ["/theme/onramp.js", "/theme/search.js", "/theme/mermaid.min.js", "/theme/diagrams.js"]
    );
    let vendored = std::fs::read(repo().join("themes/default/static/theme/mermaid.min.js")).expect("vendored");
    let served = serve.get("/theme/mermaid.min.js");
    assert_eq!(served.status, 200);
    assert!(served.body == vendored, "the served mermaid.min.js is not the vendored file");
    assert_eq!(serve.get("/theme/diagrams.js").status, 200);
}
