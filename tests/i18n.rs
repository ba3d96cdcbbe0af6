//! Languages: the `i18n` fixture (English, French in the suffix layout,
//! Arabic in the per-language folder layout) built by the real binary and
//! checked through a parser; `onramp i18n status` as a reviewed snapshot;
//! the language switcher and the right-to-left layout in headless Chromium.
//!
//! The fixture's translations: `docs/install` is translated and current in
//! fr and ar; `docs/config` is outdated in fr (its stamp names an older
//! source) and missing in ar; `docs/faq` has an unstamped fr translation
//! (unknown freshness); the `guide` section is in English only.

mod common;

use common::chrome::{Chrome, browser_or_skip};
use common::http::Server;
use common::{Site, attrs, onramp, select, text_of};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

fn built() -> Site {
    let site = Site::copy("i18n");
    site.build(&[]).ok();
    site
}

/// `(lang, href)` of the language switcher's links.
fn switcher(doc: &scraper::Html) -> Vec<(String, String)> {
    select(doc, ".lang-switcher .lang-menu a")
        .iter()
        .map(|a| (a.value().attr("lang").unwrap().to_string(), a.value().attr("href").unwrap().to_string()))
        .collect()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn every_page_exists_in_every_language_with_lang_and_dir() {
    let site = built();
    for prefix in ["", "fr/", "ar/"] {
        for page in ["", "docs/", "docs/install/", "docs/config/", "docs/faq/", "guide/", "guide/intro/"] {
            assert!(site.out().join(format!("{prefix}{page}index.html")).is_file(), "{prefix}{page} missing");
        }
    }
    for (page, lang, dir) in [
        ("index.html", "en", "ltr"),
        ("fr/docs/install/index.html", "fr", "ltr"),
        ("ar/docs/install/index.html", "ar", "rtl"),
    ] {
        let doc = site.html(page);
        assert_eq!(attrs(&doc, "html", "lang"), [lang], "{page}");
        assert_eq!(attrs(&doc, "html", "dir"), [dir], "{page}");
    }
    // Per-language site title and menu labels.
    let fr = site.html("fr/docs/install/index.html");
    assert_eq!(text_of(&fr, ".site-title"), "Polyglotte");
    assert_eq!(text_of(&fr, ".site-menu a"), "Documentation");
    assert_eq!(attrs(&fr, ".site-menu a", "href"), ["/fr/docs/"]);
    assert_eq!(text_of(&fr, "main h1"), "Installation");
    // The Arabic translation of the home page comes from the folder layout.
    assert_eq!(text_of(&site.html("ar/index.html"), "main h1"), "متعدد اللغات");
}

#[test]
fn switcher_links_the_same_page_in_every_language_and_marks_fallbacks() {
    let site = built();
    let doc = site.html("fr/docs/config/index.html");
    assert_eq!(
        switcher(&doc),
        pairs(&[("en", "/docs/config/"), ("fr", "/fr/docs/config/"), ("ar", "/ar/docs/config/")])
    );
    assert_eq!(attrs(&doc, ".lang-switcher a[aria-current]", "lang"), ["fr"]);
    // Arabic has no translation of docs/config: the link goes to the fallback copy, marked.
    assert_eq!(attrs(&doc, ".lang-switcher a.untranslated", "lang"), ["ar"]);
    let intro = site.html("ar/guide/intro/index.html");
    assert_eq!(attrs(&intro, ".lang-switcher a.untranslated", "lang"), ["fr", "ar"]);
}

#[test]
fn hreflang_alternates_name_real_translations_and_x_default() {
    let site = built();
    let alternates = |page: &str| -> Vec<(String, String)> {
        select(&site.html(page), "link[rel=alternate][hreflang]")
            .iter()
            .map(|l| (l.value().attr("hreflang").unwrap().to_string(), l.value().attr("href").unwrap().to_string()))
            .collect()
    };
    let all = pairs(&[
        ("en", "https://example.org/docs/install/"),
        ("fr", "https://example.org/fr/docs/install/"),
        ("ar", "https://example.org/ar/docs/install/"),
        ("x-default", "https://example.org/docs/install/"),
    ]);
    assert_eq!(alternates("docs/install/index.html"), all);
    assert_eq!(alternates("ar/docs/install/index.html"), all);
    // docs/config has no Arabic translation: no alternate for the fallback copy.
    assert_eq!(
        alternates("fr/docs/config/index.html"),
        pairs(&[
            ("en", "https://example.org/docs/config/"),
            ("fr", "https://example.org/fr/docs/config/"),
            ("x-default", "https://example.org/docs/config/"),
        ])
    );
    // The sitemap lists real pages only; their head links the translations.
    let sitemap = site.read("sitemap.xml");
    assert!(!sitemap.contains("<loc>https://example.org/ar/docs/config/</loc>"), "fallback copy in the sitemap");
    let doc = scraper::Html::parse_fragment(&sitemap);
    let urls: Vec<String> = select(&doc, "loc").iter().map(|l| l.text().collect()).collect();
    assert!(urls.contains(&"https://example.org/ar/docs/install/".to_string()), "{urls:?}");
    assert!(!sitemap.contains("xhtml:link"), "{sitemap}");
}

/// Open Graph names the page's locale with an underscore (`pt_BR` for
/// `pt-BR`); the `hreflang` links, not Open Graph alternates, name the real
/// translations; and the switcher gives each language its own direction,
/// whatever the page's.
#[test]
fn open_graph_locales_and_switcher_directions_come_from_each_language() {
    let site = Site::copy("i18n");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let yaml = yaml.replace("repo:", "  - code: pt-BR\n    name: Português\nrepo:");
    site.write("site.yaml", &yaml);
    site.write("content/docs/install.pt-BR.md", "---\ntitle: Instalação\n---\n\nTexto.\n");
    site.build(&[]).ok();
    let og = |doc: &scraper::Html, property: &str| attrs(doc, &format!("meta[property=\"{property}\"]"), "content");
    let install = site.html("ar/docs/install/index.html");
    assert_eq!(og(&install, "og:locale"), ["ar"]);
    // hreflang_alternates_name_real_translations_and_x_default covers those.
    assert!(og(&install, "og:locale:alternate").is_empty(), "the hreflang links name the translations");
    let pt = site.html("pt-BR/docs/install/index.html");
    assert_eq!(og(&pt, "og:locale"), ["pt_BR"]);
    // An entry names its direction where it differs from the page's.
    let dirs = |doc: &scraper::Html| -> Vec<(String, String)> {
        select(doc, ".lang-switcher .lang-menu a")
            .iter()
            .map(|a| {
                let dir = a.value().attr("dir").unwrap_or("page's");
                (a.value().attr("lang").unwrap().to_string(), dir.to_string())
            })
            .collect()
    };
    assert_eq!(dirs(&install), pairs(&[("en", "ltr"), ("fr", "ltr"), ("ar", "page's"), ("pt-BR", "ltr")]));
    assert_eq!(
        dirs(&site.html("docs/install/index.html")),
        pairs(&[("en", "page's"), ("fr", "page's"), ("ar", "rtl"), ("pt-BR", "page's")])
    );
}

#[test]
fn untranslated_pages_carry_the_source_and_a_localized_notice() {
    let site = built();
    let doc = site.html("ar/docs/config/index.html");
    assert_eq!(attrs(&doc, "html", "lang"), ["ar"]);
    // The content is the English source, marked as such.
    assert_eq!(attrs(&doc, "main .prose", "lang"), ["en"]);
    assert_eq!(attrs(&doc, "main .prose", "dir"), ["ltr"]);
    assert_eq!(attrs(&doc, "main h1", "lang"), ["en"]);
    assert_eq!(text_of(&doc, "main h1"), "Configuration");
    assert_eq!(text_of(&doc, ".notice-untranslated p"), "لم تُترجَم هذه الصفحة إلى العربية بعد. ساعد في ترجمتها");
    assert_eq!(
        attrs(&doc, ".notice-untranslated a", "href"),
        // Arabic translations live in content/ar/: the new file goes there too.
        ["https://github.com/acme/polyglot/new/main/content/ar/docs?filename=config.md"]
    );
    // A translated page has no notice; its links stay in its language and
    // go to the fallback copy when the target is untranslated.
    let fr = site.html("fr/docs/install/index.html");
    assert!(select(&fr, ".notice-untranslated").is_empty());
    assert_eq!(attrs(&fr, "main .prose p a", "href"), ["/fr/docs/config/#options", "/fr/guide/intro/"]);
    let ar = site.html("ar/docs/install/index.html");
    assert_eq!(attrs(&ar, "main .prose p a", "href"), ["/ar/docs/config/#options"]);
    // Headings keep their source's ids, so /fr/docs/install/#setup works.
    assert_eq!(attrs(&fr, "main .prose h2", "id"), ["setup", "check"]);
    assert_eq!(attrs(&ar, "main .prose h2", "id"), ["setup", "check"]);
}

#[test]
fn outdated_translations_show_a_banner_linking_the_original() {
    let site = built();
    let doc = site.html("fr/docs/config/index.html");
    assert_eq!(text_of(&doc, ".notice-outdated p").split(" Lire").next().unwrap(), {
        "La page originale a été modifiée depuis la réalisation de cette traduction."
    });
    assert_eq!(attrs(&doc, ".notice-outdated a", "href"), ["/docs/config/"]);
    assert_eq!(attrs(&doc, ".notice-outdated a", "hreflang"), ["en"]);
    // Current and unstamped translations get no banner.
    for page in ["fr/docs/install/index.html", "fr/docs/faq/index.html", "ar/docs/install/index.html"] {
        assert!(select(&site.html(page), ".notice-outdated, .notice-untranslated").is_empty(), "{page}");
    }
}

#[test]
fn status_json_snapshot() {
    let site = Site::copy("i18n");
    let run = common::Run::from(
        onramp().args(["i18n", "status"]).arg(site.root()).args(["--format", "json"]).output().expect("run"),
    )
    .ok();
    let value: Value = serde_json::from_str(&run.stdout).expect("status --format json is JSON");
    insta::assert_snapshot!("i18n_status_json", serde_json::to_string_pretty(&value).unwrap());
    // --fail-under fails the run when a language is below the threshold.
    let below = onramp().args(["i18n", "status"]).arg(site.root()).args(["--fail-under", "50"]).output().expect("run");
    assert_eq!(below.status.code(), Some(1), "{}", String::from_utf8_lossy(&below.stderr));
    let fr_only = onramp()
        .args(["i18n", "status"])
        .arg(site.root())
        .args(["--lang", "fr", "--fail-under", "50"])
        .output()
        .expect("run");
    assert_eq!(fr_only.status.code(), Some(0), "{}", String::from_utf8_lossy(&fr_only.stderr));
}

#[test]
fn status_page_agrees_with_the_status_command() {
    let site = built();
    let json: Value = serde_json::from_slice(
        &onramp().args(["i18n", "status"]).arg(site.root()).args(["--format", "json"]).output().expect("run").stdout,
    )
    .expect("json");
    let doc = site.html("fr/translation-status/index.html");
    assert_eq!(attrs(&doc, "html", "lang"), ["fr"]);
    assert_eq!(text_of(&doc, "main h1"), "État des traductions");
    // The summary row of each language matches the command's figures.
    for lang in json["languages"].as_array().unwrap() {
        let code = lang["code"].as_str().unwrap();
        let row: Vec<String> = select(&doc, &format!(".status-table tr[data-lang=\"{code}\"] td"))
            .iter()
            .map(|td| td.text().collect::<String>().trim().to_string())
            .collect();
        let want: Vec<String> = std::iter::once(format!("{} % {} %", lang["percent"], lang["percent"]))
            .chain(["current", "outdated", "unknown", "missing"].map(|k| lang[k].to_string()))
            .chain([lang["ui_missing"].as_array().unwrap().len().to_string()])
            .collect();
        assert_eq!(row, want, "{code}");
    }
    assert_eq!(attrs(&doc, ".status-table tr[aria-current]", "data-lang"), ["fr"]);
    let list = |kind: &str| -> Vec<(String, String, String)> {
        select(&doc, &format!(".status-{kind} .status-item"))
            .iter()
            .map(|li| {
                let frag = scraper::Html::parse_fragment(&li.html());
                (
                    attrs(&frag, "a.status-page", "href").concat(),
                    text_of(&frag, ".status-path"),
                    attrs(&frag, "a.status-action", "href").concat(),
                )
            })
            .collect()
    };
    let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        list("outdated"),
        [s(
            "/fr/docs/config/",
            "content/docs/config.fr.md",
            "https://github.com/acme/polyglot/edit/main/content/docs/config.fr.md"
        )]
    );
    assert_eq!(
        list("unknown"),
        [s(
            "/fr/docs/faq/",
            "content/docs/faq.fr.md",
            "https://github.com/acme/polyglot/edit/main/content/docs/faq.fr.md"
        )]
    );
    assert_eq!(
        list("missing"),
        [
            s(
                "/fr/guide/",
                "content/guide/_index.md",
                "https://github.com/acme/polyglot/new/main/content/guide?filename=_index.fr.md"
            ),
            s(
                "/fr/guide/intro/",
                "content/guide/intro.md",
                "https://github.com/acme/polyglot/new/main/content/guide?filename=intro.fr.md"
            ),
        ]
    );
    // The default language's page has the summary only; every page links it.
    let en = site.html("translation-status/index.html");
    assert_eq!(attrs(&en, ".status-table tr", "data-lang"), ["fr", "ar"]);
    assert!(select(&en, ".status-group").is_empty());
    assert_eq!(attrs(&site.html("ar/docs/index.html"), ".footer-status a", "href"), ["/ar/translation-status/"]);
    // The switcher of the status page goes to the status page of each language.
    assert_eq!(
        switcher(&doc),
        pairs(&[("en", "/translation-status/"), ("fr", "/fr/translation-status/"), ("ar", "/ar/translation-status/")])
    );
}

#[test]
fn status_page_is_off_unless_asked_and_may_not_replace_a_page() {
    let site = Site::copy("i18n");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &yaml.replace("  status_page: true\n", "  status_page: false\n"));
    site.build(&[]).ok();
    assert!(!site.out().join("translation-status").exists());
    assert!(select(&site.html("index.html"), ".footer-status").is_empty());

    site.write("site.yaml", &yaml.replace("  status_page: true\n", "  status_page: true\n  status_path: docs/faq\n"));
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "site.yaml:25:3: error: the translation status page would replace the page `content/docs/faq.md`"
        ),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------- browser

/// Browser tests run one at a time: the machine may have two cores.
static BROWSER: Mutex<()> = Mutex::new(());
const WAIT: Duration = Duration::from_secs(15);

struct Browser {
    chrome: Chrome,
    server: Server,
    _site: Site,
}

fn browser(test: &str) -> Option<Browser> {
    let site = built();
    let mut chrome = browser_or_skip(test)?;
    chrome
        .call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": 1400, "height": 900, "deviceScaleFactor": 1, "mobile": false }),
        )
        .expect("viewport");
    let server = Server::start(&site.out());
    Some(Browser { chrome, server, _site: site })
}

impl Browser {
    fn open(&mut self, path: &str) {
        self.chrome.navigate(&self.server.url(path)).expect("navigate");
    }

    /// Clicks the centre of the first element matching `css` with real mouse events.
    fn click(&mut self, css: &str) {
        let js = format!(
            "(() => {{ const e = document.querySelector({q}); if (!e) return null; e.scrollIntoView({{block: 'center'}}); \
             const r = e.getBoundingClientRect(); return r.width > 0 ? [r.x + r.width / 2, r.y + r.height / 2] : null; }})()",
            q = serde_json::to_string(css).unwrap()
        );
        let at = self.chrome.wait_for(&js, WAIT).unwrap_or_else(|e| panic!("{css} is not visible: {e}"));
        let (x, y) = (at[0].as_f64().unwrap(), at[1].as_f64().unwrap());
        for kind in ["mousePressed", "mouseReleased"] {
            self.chrome
                .call(
                    "Input.dispatchMouseEvent",
                    json!({ "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1 }),
                )
                .expect("click");
        }
    }

    fn eval_str(&mut self, js: &str) -> String {
        self.chrome.eval(js).unwrap().as_str().unwrap_or_default().to_string()
    }

    /// Opens the switcher and picks a language; waits for the new page.
    fn switch_to(&mut self, code: &str, want_path: &str) {
        self.click(".lang-switcher summary");
        self.click(&format!(".lang-switcher a[lang=\"{code}\"]"));
        let done = format!(
            "location.pathname === {p} && document.readyState === 'complete'",
            p = serde_json::to_string(want_path).unwrap()
        );
        self.chrome.wait_for(&done, WAIT).unwrap_or_else(|e| panic!("switch to {code}: {e}"));
    }

    /// `{left, right}` of an element's box.
    fn rect(&mut self, css: &str) -> BTreeMap<String, f64> {
        let js = format!(
            "(() => {{ const r = document.querySelector({q}).getBoundingClientRect(); return {{left: r.left, right: r.right, width: r.width}}; }})()",
            q = serde_json::to_string(css).unwrap()
        );
        serde_json::from_value(self.chrome.eval(&js).unwrap()).expect("rect")
    }
}

#[test]
fn switcher_lands_on_the_same_page_in_the_chosen_language() {
    let _g = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser("switcher_lands_on_the_same_page_in_the_chosen_language") else { return };
    b.open("/docs/install/");
    b.switch_to("fr", "/fr/docs/install/");
    assert_eq!(b.eval_str("document.documentElement.lang"), "fr");
    assert_eq!(b.eval_str("document.querySelector('main h1').textContent.trim()"), "Installation");
    b.switch_to("ar", "/ar/docs/install/");
    assert_eq!(b.eval_str("document.documentElement.dir"), "rtl");
    assert_eq!(b.eval_str("document.querySelector('main h1').textContent.trim()"), "التثبيت");
    // An untranslated page: the switcher goes to the fallback copy, whose
    // notice says so, and back to the original.
    b.open("/fr/guide/intro/");
    b.switch_to("ar", "/ar/guide/intro/");
    assert_eq!(b.eval_str("document.documentElement.lang"), "ar");
    assert_eq!(b.eval_str("document.querySelector('main .prose').lang"), "en");
    assert!(!b.eval_str("document.querySelector('.notice-untranslated')?.textContent ?? ''").is_empty());
    b.switch_to("en", "/guide/intro/");
    assert_eq!(b.eval_str("document.querySelector('main h1').textContent.trim()"), "Introduction");
}

#[test]
fn right_to_left_pages_put_the_sidebar_on_the_right() {
    let _g = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser("right_to_left_pages_put_the_sidebar_on_the_right") else { return };
    b.open("/docs/install/");
    let (sidebar, main) = (b.rect(".sidebar"), b.rect("main"));
    assert!(sidebar["width"] > 100.0, "the sidebar is shown at this width: {sidebar:?}");
    assert!(sidebar["right"] <= main["left"] + 1.0, "ltr: sidebar {sidebar:?} left of main {main:?}");
    b.open("/ar/docs/install/");
    let (sidebar, main) = (b.rect(".sidebar"), b.rect("main"));
    assert!(sidebar["width"] > 100.0, "the sidebar is shown at this width: {sidebar:?}");
    assert!(sidebar["left"] >= main["right"] - 1.0, "rtl: sidebar {sidebar:?} right of main {main:?}");
    // The table of contents mirrors too: on the left in Arabic.
    let toc = b.rect(".toc");
    assert!(toc["right"] <= main["left"] + 1.0, "rtl: toc {toc:?} left of main {main:?}");
}

// ------------------------------------------------------------ incremental

/// Every file under `dir`, by relative path.
fn tree(dir: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}

#[test]
fn editing_a_source_body_updates_its_translations_banners_and_the_status_page() {
    use onramp::highlight::Highlighter;
    use onramp::pipeline::{BuildOptions, Update, full_build};
    let site = Site::copy("i18n");
    let hl = Highlighter::new();
    let opts = BuildOptions { root: site.root(), out: Some(site.out()), base_url: None, drafts: false, force: false };
    let (result, build) = full_build(&opts, &hl);
    result.expect("first build");
    let mut build = build.expect("build state");
    assert!(select(&site.html("fr/docs/install/index.html"), ".notice-outdated").is_empty());

    let path = site.root().join("content/docs/install.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("Download the archive", "Download the signed archive")).unwrap();
    match build.update_page(&path, &hl) {
        // The dev server refreshes the search index after the reload signal.
        Update::Done { languages, .. } => assert!(build.search_refresh(&languages).run(|| true).is_empty()),
        other => panic!("a body edit is an incremental update: {other:?}"),
    }
    // Both translations were made from the old body: both are outdated now.
    for page in ["fr/docs/install/index.html", "ar/docs/install/index.html"] {
        assert_eq!(select(&site.html(page), ".notice-outdated").len(), 1, "{page}");
    }
    let status = site.html("ar/translation-status/index.html");
    assert_eq!(attrs(&status, ".status-outdated a.status-page", "href"), ["/ar/docs/install/"]);

    // And the result equals a fresh build.
    let fresh = tempfile::tempdir().unwrap();
    let opts = BuildOptions { out: Some(fresh.path().join("out")), ..opts };
    full_build(&opts, &hl).0.expect("fresh build");
    let (a, b) = (tree(&site.out()), tree(&fresh.path().join("out")));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (rel, bytes) in &a {
        assert!(bytes == &b[rel], "{rel} differs from a fresh build");
    }
}
