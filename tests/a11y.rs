//! Accessibility of the default theme, measured: axe-core runs in headless
//! Chromium over the example site's pages in every language, in the light
//! and the dark scheme as the system asks for them and as the header's theme
//! toggle stores them, and the test requires zero `serious` or `critical`
//! violations.
//! The failure lists every violation (rule, impact, page, scheme, elements,
//! axe's summary) and counts the `moderate` and `minor` ones.
//!
//! axe-core comes from npm: `$AXE_CORE_JS`, else
//! `node_modules/axe-core/axe.min.js` at the top of the repository (`npm ci`
//! installs it from `package.json`; `.ci/run` does). Without it the test
//! fails when `CI` is set and otherwise prints a notice and returns.
//! Chromium is found and skipped as in the other browser tests
//! (`tests/common/chrome.rs`).

mod common;

use common::chrome::{Chrome, browser_or_skip};
use common::http::Server;
use serde_json::json;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(15);

/// Browser tests run one at a time: the machine may have two cores.
static BROWSER: Mutex<()> = Mutex::new(());

/// The example site's languages, as URL prefixes.
const LANGS: &[&str] = &["", "/fr", "/de", "/ja"];

/// One page of every kind the default theme renders, by path under a
/// language's prefix.
const PAGES: &[(&str, &str)] = &[
    ("home", "/"),
    ("docs page (code, contents)", "/docs/front-matter/"),
    ("docs page (writing: every markdown feature, a diagram)", "/docs/writing/"),
    ("docs section", "/docs/"),
    ("getting-started step", "/getting-started/install/"),
    ("getting-started path", "/getting-started/"),
    ("guide", "/contributing/"),
    ("news list", "/news/"),
    ("news post (release note)", "/news/onramp-0-2/"),
    ("case studies", "/case-studies/"),
    ("case study", "/case-studies/northwind/"),
    ("directory", "/partners/"),
    ("community", "/community/"),
    ("meetings", "/meetings/"),
    ("videos", "/videos/"),
    ("translation status", "/translation-status/"),
    ("404", "/404.html"),
];

/// The name of the page that checks the harness itself (no theme on it).
const PROBE: &str = "probe";

/// The query typed into the search dialog: a word of every language's pages.
const QUERY: &str = "onramp";

/// The pages of the site `onramp init` writes, one of each kind.
const STARTER_PAGES: &[(&str, &str)] = &[
    ("home", "/"),
    ("docs section", "/docs/"),
    ("docs page", "/docs/overview/"),
    ("getting-started path", "/getting-started/"),
    ("getting-started step", "/getting-started/install/"),
    ("guide", "/contributing/"),
    ("404", "/404.html"),
];

/// A site to audit: where its sources are, which pages to open, and a word
/// that search finds in every language.
struct Site<'a> {
    src: PathBuf,
    pages: &'a [(&'a str, &'a str)],
    query: &'a str,
}

impl Site<'static> {
    fn example() -> Self {
        Site { src: Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site"), pages: PAGES, query: QUERY }
    }
}

/// How the colour scheme is chosen.
#[derive(Clone, Copy, Debug)]
enum Scheme {
    /// The system asks for light, no stored choice.
    SystemLight,
    /// The system asks for dark, no stored choice.
    SystemDark,
    /// The system asks for light; the toggle stored dark.
    ToggledDark,
    /// The system asks for dark; the toggle stored light.
    ToggledLight,
}

impl Scheme {
    fn name(self) -> &'static str {
        match self {
            Scheme::SystemLight => "light (system)",
            Scheme::SystemDark => "dark (system)",
            Scheme::ToggledDark => "dark (toggle, system light)",
            Scheme::ToggledLight => "light (toggle, system dark)",
        }
    }

    /// What `prefers-color-scheme` says.
    fn system(self) -> &'static str {
        match self {
            Scheme::SystemLight | Scheme::ToggledDark => "light",
            Scheme::SystemDark | Scheme::ToggledLight => "dark",
        }
    }

    /// The scheme the page must show.
    fn shown(self) -> &'static str {
        match self {
            Scheme::SystemLight | Scheme::ToggledLight => "light",
            Scheme::SystemDark | Scheme::ToggledDark => "dark",
        }
    }

    fn toggled(self) -> bool {
        matches!(self, Scheme::ToggledDark | Scheme::ToggledLight)
    }
}

/// axe-core's browser script: `$AXE_CORE_JS`, else the repository's
/// `node_modules/axe-core/axe.min.js`.
fn axe_path() -> PathBuf {
    std::env::var_os("AXE_CORE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js"))
}

/// True when the environment says this is a CI run (`.ci/run` sets `CI=1`).
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// axe-core's source, or `None` (with a printed notice) when it is missing
/// outside CI. Panics when it is missing under CI.
fn axe_or_skip(test: &str) -> Option<String> {
    let path = axe_path();
    match std::fs::read_to_string(&path) {
        Ok(js) => Some(js),
        Err(e) if in_ci() => panic!(
            "{test}: axe-core not found at {} ({e}); run `npm ci` at the top of the repository (as .ci/run does) \
             or set AXE_CORE_JS to axe.min.js",
            path.display()
        ),
        Err(_) => {
            eprintln!(
                "NOTICE: {test}: skipped, axe-core not found at {} (run `npm ci` at the top of the repository, \
                 or set AXE_CORE_JS); under CI=1 this is a failure",
                path.display()
            );
            None
        }
    }
}

/// One violation found on one page.
#[derive(Clone)]
struct Found {
    rule: String,
    impact: String,
    help: String,
    url: String,
    what: String,
    scheme: &'static str,
    nodes: Vec<(String, String)>,
}

impl Found {
    fn grave(&self) -> bool {
        matches!(self.impact.as_str(), "serious" | "critical")
    }
}

/// The script that runs axe on the page and returns its violations.
const RUN_AXE: &str = r#"(async () => {
  const r = await axe.run(document, { resultTypes: ['violations'] });
  return r.violations.map(v => ({
    id: v.id, impact: v.impact || 'unknown', help: v.help,
    nodes: v.nodes.map(n => ({ target: JSON.stringify(n.target), summary: n.failureSummary || '' })),
  }));
})()"#;

struct Run<'s> {
    chrome: Chrome,
    server: &'s Server,
    axe: String,
    found: Vec<Found>,
    pages: usize,
}

impl Run<'_> {
    fn open(&mut self, path: &str) {
        let url = self.server.url(path);
        self.chrome.navigate(&url).unwrap_or_else(|e| panic!("{url}: {e}"));
        self.chrome.wait_for("document.readyState === 'complete'", WAIT).expect("page loaded");
        // Diagrams are drawn after the load: axe checks the drawings.
        let drawn = "[...document.querySelectorAll('figure.diagram')].every(f => \
                     f.hasAttribute('data-diagram-theme') || f.classList.contains('diagram-failed'))";
        self.chrome.wait_for(drawn, WAIT).unwrap_or_else(|e| panic!("{url}: diagrams drawn: {e}"));
    }

    /// Runs axe on the page as it is now and records what it finds.
    /// The page must show `scheme` (the theme sets `color-scheme` on the root).
    fn check(&mut self, what: &str, scheme: Scheme) {
        let url = self.chrome.eval("location.pathname").expect("location").as_str().unwrap_or_default().to_string();
        if what != PROBE {
            let shown = self
                .chrome
                .eval("getComputedStyle(document.documentElement).colorScheme")
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(
                shown.as_str(),
                Some(scheme.shown()),
                "{url} ({what}) in {} shows the wrong scheme",
                scheme.name()
            );
        }
        if self.chrome.eval("typeof axe").expect("typeof axe").as_str() != Some("object") {
            let axe = std::mem::take(&mut self.axe);
            self.chrome.eval(&format!("{axe};void 0")).unwrap_or_else(|e| panic!("inject axe-core: {e:.200}"));
            self.axe = axe;
        }
        let violations = self.chrome.eval(RUN_AXE).unwrap_or_else(|e| panic!("axe on {url}: {e}"));
        self.pages += 1;
        for v in violations.as_array().cloned().unwrap_or_default() {
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            let nodes = v["nodes"]
                .as_array()
                .map(|ns| {
                    ns.iter()
                        .map(|n| {
                            (
                                n["target"].as_str().unwrap_or_default().to_string(),
                                n["summary"].as_str().unwrap_or_default().to_string(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            self.found.push(Found {
                rule: s("id"),
                impact: s("impact"),
                help: s("help"),
                url: url.clone(),
                what: what.to_string(),
                scheme: scheme.name(),
                nodes,
            });
        }
    }

    /// Opens the search dialog with `/`, types the query, waits for results.
    fn open_search(&mut self, query: &str) {
        let c = &mut self.chrome;
        c.wait_for("window.onrampSearch && window.onrampSearch.ui", WAIT).expect("search.js loaded");
        c.eval("document.activeElement && document.activeElement.blur()").expect("blur");
        c.press_key("/").expect("press /");
        c.wait_for("document.querySelector('.search-dialog').open", WAIT).expect("/ opens the search dialog");
        c.type_text(query).expect("type");
        let done = format!(
            "(() => {{ const u = onrampSearch.ui; return !u.pending && u.last && u.last.query === {q} \
             && document.querySelectorAll('.search-result').length > 0 }})()",
            q = serde_json::to_string(query).expect("json")
        );
        c.wait_for(&done, WAIT).unwrap_or_else(|e| panic!("search results for {query}: {e}"));
    }

    /// Sets the emulated system scheme and the stored choice for `scheme`:
    /// a toggled scheme is chosen by clicking the header's toggle, which
    /// stores the choice for every page after.
    fn set_scheme(&mut self, scheme: Scheme) {
        self.chrome
            .call(
                "Emulation.setEmulatedMedia",
                json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme.system() }] }),
            )
            .expect("emulate prefers-color-scheme");
        self.open("/");
        self.chrome.eval("localStorage.clear()").expect("clear storage");
        if scheme.toggled() {
            self.chrome.eval("document.querySelector('[data-theme-toggle]').click()").expect("click the toggle");
            let stored = self.chrome.eval("localStorage.getItem('onramp-theme')").expect("storage");
            assert_eq!(stored.as_str(), Some(scheme.shown()), "the theme toggle stores the choice");
        }
    }
}

/// Builds `site` (the example site once for every test), serves it, and
/// runs axe over each of its pages in each of `langs` and `schemes`, then
/// on the search dialog with results. Each scheme gets a page of its own,
/// all at once: axe runs on one core, and the machine may have two.
/// Panics with the report on any serious or critical violation.
fn audit(test: &str, site: &Site, schemes: &[Scheme], langs: &[&str]) {
    let _lock = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let Some(axe) = axe_or_skip(test) else { return };
    if browser_or_skip(test).is_none() {
        return;
    }
    let out = built(&site.src);
    let server = Server::start(&out);
    let runs: Vec<Run> = std::thread::scope(|scope| {
        let threads: Vec<_> = schemes
            .iter()
            .map(|&scheme| {
                let (server, axe) = (&server, axe.clone());
                scope.spawn(move || {
                    let mut chrome = browser_or_skip(test).expect("Chromium");
                    chrome
                        .call(
                            "Emulation.setDeviceMetricsOverride",
                            json!({ "width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false }),
                        )
                        .expect("viewport");
                    let mut run = Run { chrome, server, axe, found: Vec::new(), pages: 0 };
                    run.set_scheme(scheme);
                    for lang in langs {
                        for (what, path) in site.pages {
                            run.open(&format!("{lang}{path}"));
                            run.check(what, scheme);
                        }
                        run.open(&format!("{lang}/docs/"));
                        run.open_search(site.query);
                        run.check("search dialog with results", scheme);
                    }
                    run
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    let found: Vec<Found> = runs.iter().flat_map(|r| r.found.iter().cloned()).collect();
    let pages = runs.iter().map(|r| r.pages).sum();
    let report = report(&found, pages);
    let failing: usize = found.iter().filter(|f| f.grave()).map(|f| f.nodes.len()).sum();
    assert!(failing == 0, "{test}: {failing} elements with serious or critical accessibility violations\n{report}");
    eprintln!("{test}: {pages} page checks, no serious or critical violation\n{report}");
}

/// The output of `onramp build` on `src`, built once per run of this binary
/// for each source (the example site serves two tests).
fn built(src: &Path) -> PathBuf {
    static BUILT: Mutex<BTreeMap<PathBuf, PathBuf>> = Mutex::new(BTreeMap::new());
    let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(out) = built.get(src) {
        return out.clone();
    }
    let out = common::at_exit::temp_dir().join("out");
    common::onramp()
        .arg("build")
        .arg(src)
        .arg("--out")
        .arg(&out)
        .arg("--quiet")
        .output()
        .map(common::Run::from)
        .expect("run onramp")
        .ok();
    built.insert(src.to_path_buf(), out.clone());
    out
}

/// The violations: elements counted per impact and rule, then every serious
/// or critical one by rule and element, with the pages and schemes it is
/// found on (the theme repeats an element on many pages).
fn report(found: &[Found], pages: usize) -> String {
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for f in found {
        *counts.entry((f.impact.as_str(), f.rule.as_str())).or_default() += f.nodes.len();
    }
    let mut s = format!("{pages} page checks; elements per impact and rule:\n");
    for ((impact, rule), n) in &counts {
        let _ = writeln!(s, "  {impact:<9} {rule}: {n}");
    }
    /// Rule, impact and help → element and summary → pages and schemes.
    type ByElement<'a> = BTreeMap<(&'a str, &'a str), Vec<String>>;
    let mut grave: BTreeMap<(&str, &str, &str), ByElement> = BTreeMap::new();
    for f in found.iter().filter(|f| f.grave()) {
        for (target, summary) in &f.nodes {
            let rule = grave.entry((f.rule.as_str(), f.impact.as_str(), f.help.as_str())).or_default();
            rule.entry((target.as_str(), summary.as_str()))
                .or_default()
                .push(format!("{} ({}) [{}]", f.url, f.what, f.scheme));
        }
    }
    for ((rule, impact, help), nodes) in &grave {
        let _ = writeln!(s, "\n{rule} ({impact}): {help}");
        for ((target, summary), at) in nodes {
            let more = if at.len() > 4 { format!(" and {} more", at.len() - 4) } else { String::new() };
            let at: Vec<&str> = at.iter().take(4).map(String::as_str).collect();
            let _ = writeln!(s, "  {target}\n    on {}{more}", at.join(", "));
            for line in summary.lines() {
                let _ = writeln!(s, "    | {line}");
            }
        }
    }
    s
}

#[test]
fn pages_in_the_system_schemes_have_no_serious_violations() {
    let test = "pages_in_the_system_schemes_have_no_serious_violations";
    audit(test, &Site::example(), &[Scheme::SystemLight, Scheme::SystemDark], LANGS);
}

/// The toggle's choice is applied by the other copy of the palette (and of
/// the code colours); English and French (which has the translation notices
/// and banners) cover it without doubling the test's time.
#[test]
fn pages_in_the_toggled_schemes_have_no_serious_violations() {
    let test = "pages_in_the_toggled_schemes_have_no_serious_violations";
    audit(test, &Site::example(), &[Scheme::ToggledDark, Scheme::ToggledLight], &["", "/fr"]);
}

/// The site `onramp init` writes is where a new site starts: its code colours
/// and pages must meet the same bar as the example site's.
#[test]
fn a_fresh_starter_site_has_no_serious_violations() {
    let test = "a_fresh_starter_site_has_no_serious_violations";
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("my-site");
    let run = common::onramp().arg("init").arg(&src).output().map(common::Run::from).expect("run onramp init");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let site = Site { src, pages: STARTER_PAGES, query: "project" };
    audit(test, &site, &[Scheme::SystemLight, Scheme::SystemDark], &[""]);
}

#[test]
fn the_test_finds_a_contrast_fault() {
    // A page with grey-on-white text must fail: the harness really runs axe.
    let _lock = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let test = "the_test_finds_a_contrast_fault";
    let Some(axe) = axe_or_skip(test) else { return };
    let Some(chrome) = browser_or_skip(test) else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><html lang=en><title>t</title><main><p style='color:#bbb;background:#fff'>faint</p>\
         <button></button></main></html>",
    )
    .expect("write");
    let server = Server::start(dir.path());
    let mut run = Run { chrome, server: &server, axe, found: Vec::new(), pages: 0 };
    run.open("/");
    run.check(PROBE, Scheme::SystemLight);
    let rules: Vec<(&str, &str)> = run.found.iter().map(|f| (f.rule.as_str(), f.impact.as_str())).collect();
    assert!(rules.contains(&("color-contrast", "serious")), "{rules:?}");
    assert!(rules.contains(&("button-name", "critical")), "{rules:?}");
}
