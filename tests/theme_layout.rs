//! Layout of the default theme, measured in headless Chromium on the example
//! site (built once per run of this binary): the header at every width, the
//! "On this page" disclosure, sideways scrolling on phones, code blocks,
//! Chinese and Japanese line breaking, the content column, the directory's
//! cards, the drawer and the search dialog's close button. Element boxes
//! come from `getBoundingClientRect` at widths set with
//! `Emulation.setDeviceMetricsOverride`.
//!
//! Some checks read the built HTML only (`scraper`): the path navigation's
//! heading, where the reading time shows, the status page's language names,
//! the sidebar's order of news posts.
//!
//! Chromium is found and skipped as in the other browser tests
//! (`tests/common/chrome.rs`); the browser tests run one at a time.

mod common;

use common::chrome::{Chrome, browser_or_skip};
use common::http::Server;
use common::{attrs, select};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(15);

/// Browser tests run one at a time: the machine may have two cores.
static BROWSER: Mutex<()> = Mutex::new(());

/// The example site, built once for every test of this binary.
static SITE: OnceLock<PathBuf> = OnceLock::new();

/// The example site's output folder (built on first use, removed when the
/// process ends).
fn site() -> &'static Path {
    SITE.get_or_init(|| {
        let dir = common::at_exit::temp_dir();
        let out = dir.join("out");
        common::onramp()
            .arg("build")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site"))
            .arg("--out")
            .arg(&out)
            .arg("--quiet")
            .output()
            .map(common::Run::from)
            .expect("run onramp")
            .ok();
        out
    })
}

/// A built page, parsed.
fn html(rel: &str) -> scraper::Html {
    let path = site().join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    scraper::Html::parse_document(&text)
}

/// Every page of the built site, as URL paths (`/docs/`, `/fr/`, `/404.html`).
fn all_pages() -> Vec<String> {
    let root = site();
    let mut pages: Vec<String> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .filter_map(|e| {
            let rel = e.path().strip_prefix(root).ok()?.to_string_lossy().replace('\\', "/");
            let text = std::fs::read_to_string(e.path()).ok()?;
            // Alias redirects are not pages of the theme.
            if text.contains("http-equiv=\"refresh\"") {
                return None;
            }
            Some(match rel.strip_suffix("index.html") {
                Some(dir) => format!("/{dir}"),
                None => format!("/{rel}"),
            })
        })
        .collect();
    pages.sort();
    pages
}

/// A browser on the served example site.
struct Browser {
    chrome: Chrome,
    server: Server,
    _lock: Option<std::sync::MutexGuard<'static, ()>>,
}

fn browser(test: &str) -> Option<Browser> {
    let lock = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let root = site();
    let chrome = browser_or_skip(test)?;
    Some(Browser { chrome, server: Server::start(root), _lock: Some(lock) })
}

/// Runs `check` on a page of its own for each of `items`, two at a time
/// (the machine may have two cores; the test holding the browser lock
/// calls this with its own page first), and returns what each found, in
/// order.
fn on_two_pages<T: Sync, R: Send>(
    b: &mut Browser,
    items: &[T; 2],
    check: impl Fn(&mut Browser, &T) -> R + Sync,
) -> [R; 2] {
    std::thread::scope(|scope| {
        let second = scope.spawn(|| {
            let chrome = Chrome::launch().expect("a second page");
            let mut other = Browser { chrome, server: Server::start(site()), _lock: None };
            check(&mut other, &items[1])
        });
        let first = check(b, &items[0]);
        [first, second.join().unwrap_or_else(|e| std::panic::resume_unwind(e))]
    })
}

impl Browser {
    /// Sets the viewport (a desktop browser window of that size).
    fn width(&mut self, width: u32, height: u32) {
        self.chrome
            .call(
                "Emulation.setDeviceMetricsOverride",
                json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }),
            )
            .expect("viewport");
        self.chrome.wait_for(&format!("window.innerWidth === {width}"), WAIT).expect("the viewport changes");
        self.settle();
    }

    /// Waits two frames: resize handlers and layout have run.
    fn settle(&mut self) {
        self.chrome
            .eval("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))")
            .expect("frames");
    }

    fn open(&mut self, path: &str) {
        let url = self.server.url(path);
        self.chrome.navigate(&url).unwrap_or_else(|e| panic!("{url}: {e}"));
        self.chrome.wait_for("document.readyState === 'complete'", WAIT).expect("page loaded");
        self.settle();
    }

    /// Waits for the search script to put its button into the header.
    fn wait_search_button(&mut self) {
        self.chrome.wait_for("!!document.querySelector('#search [data-search-open]')", WAIT).expect("search button");
        self.settle();
    }

    fn eval(&mut self, js: &str) -> Value {
        self.chrome.eval(js).unwrap_or_else(|e| panic!("{e}"))
    }

    fn f64(&mut self, js: &str) -> f64 {
        let v = self.eval(js);
        v.as_f64().unwrap_or_else(|| panic!("{js} is not a number: {v}"))
    }

    fn string(&mut self, js: &str) -> String {
        let v = self.eval(js);
        v.as_str().unwrap_or_else(|| panic!("{js} is not a string: {v}")).to_string()
    }

    /// Problems found by a script that returns a list of strings.
    fn problems(&mut self, js: &str) -> Vec<String> {
        let v = self.eval(js);
        v.as_array()
            .unwrap_or_else(|| panic!("not a list: {v}"))
            .iter()
            .map(|p| p.as_str().unwrap_or_default().to_string())
            .collect()
    }
}

/// The widths the header is checked at: every 40 px from 320 to 1920, and
/// every 10 px from 770 to 880, where it used to break.
fn header_widths() -> Vec<u32> {
    let mut w: Vec<u32> = (320..=1920).step_by(40).chain((770..=880).step_by(10)).collect();
    w.sort_unstable();
    w.dedup();
    w
}

/// What is cut in the header, as a list of sentences: the site title, the
/// search button, the language switcher, the theme button and every menu
/// item shown must be whole and inside the header. Also returns (as
/// `hidden:<href>`) the menu items the header does not show.
const HEADER_PROBLEMS: &str = r#"(() => {
  const out = [];
  const header = document.querySelector('.header-inner').getBoundingClientRect();
  const shown = el => el && getComputedStyle(el).display !== 'none' && getComputedStyle(el).visibility !== 'hidden' && el.getClientRects().length > 0;
  const inside = (what, el, box) => {
    const r = el.getBoundingClientRect();
    if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
      out.push(`${what} [${r.left.toFixed(1)}, ${r.right.toFixed(1)}] is outside [${box.left.toFixed(1)}, ${box.right.toFixed(1)}]`);
  };
  const whole = (what, el) => {
    if (el.scrollWidth > el.clientWidth + 0.5) out.push(`${what} is cut: scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`);
  };
  if (innerWidth < document.documentElement.scrollWidth) out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${innerWidth}`);
  const title = document.querySelector('.site-title');
  inside('the site title', title, header);
  whole('the site title', title.querySelector('span'));
  const search = document.querySelector('#search [data-search-open]');
  if (!shown(search)) out.push('the search button is not shown');
  else {
    inside('the search button', search, header);
    const r = search.getBoundingClientRect();
    const min = parseFloat(getComputedStyle(search).minBlockSize) || 36;
    if (r.width < min - 0.5) out.push(`the search button is ${r.width.toFixed(1)} px wide, less than its ${min} px`);
    const label = search.querySelector('.search-button-label');
    if (shown(label)) { whole('the search label', label); inside('the search label', label, r); }
  }
  for (const sel of ['.lang-switcher > summary', '.theme-toggle']) {
    const el = document.querySelector(sel);
    if (shown(el)) inside(sel, el, header);
  }
  const lang = document.querySelector('.lang-current');
  if (shown(lang)) whole('the language name', lang);
  const menu = document.querySelector('.site-menu');
  const menuShown = shown(menu) && menu.getBoundingClientRect().width > 0;
  for (const a of document.querySelectorAll('.site-menu a')) {
    if (!menuShown) { out.push('hidden:' + a.getAttribute('href')); continue; }
    inside(`menu item "${a.textContent}"`, a, menu.getBoundingClientRect());
    inside(`menu item "${a.textContent}"`, a, header);
    whole(`menu item "${a.textContent}"`, a);
  }
  if (menuShown) whole('the menu', menu);
  const toggle = document.querySelector('[data-sidebar-toggle]');
  if (!menuShown && !shown(toggle)) out.push('the menu is hidden and there is no menu button');
  if (shown(toggle)) inside('the menu button', toggle, header);
  return out;
})()"#;

/// Opens the drawer and returns the menu links (from `hrefs`) that are not
/// shown in it, then closes it.
fn missing_from_drawer(b: &mut Browser, hrefs: &[String]) -> Vec<String> {
    b.eval("document.querySelector('[data-sidebar-toggle]').click()");
    b.chrome
        .wait_for("getComputedStyle(document.getElementById('sidebar')).visibility === 'visible'", WAIT)
        .expect("the drawer opens");
    let js = format!(
        r#"(() => {{
  const want = {hrefs};
  const side = document.getElementById('sidebar');
  const visible = a => a.getClientRects().length > 0 && getComputedStyle(a).visibility === 'visible';
  const have = new Set([...side.querySelectorAll('a[href]')].filter(visible).map(a => a.getAttribute('href')));
  return want.filter(h => !have.has(h));
}})()"#,
        hrefs = serde_json::to_string(hrefs).expect("json")
    );
    let missing = b.problems(&js);
    b.eval("document.querySelector('[data-sidebar-toggle]').click()");
    b.chrome.wait_for("!document.body.classList.contains('sidebar-open')", WAIT).expect("the drawer closes");
    missing
}

#[test]
fn header_cuts_nothing_at_any_width_from_320_to_1920_px_in_english_and_german() {
    let Some(mut b) = browser("header_cuts_nothing_at_any_width_from_320_to_1920_px_in_english_and_german") else {
        return;
    };
    let found = on_two_pages(&mut b, &["", "/de"], |b, lang| {
        let mut failures = Vec::new();
        let mut collapsed = 0;
        for page in ["/docs/front-matter/", "/"] {
            b.width(1366, 800);
            b.open(&format!("{lang}{page}"));
            b.wait_search_button();
            for w in header_widths() {
                b.width(w, 800);
                let found = b.problems(HEADER_PROBLEMS);
                let (hidden, problems): (Vec<String>, Vec<String>) =
                    found.into_iter().partition(|p| p.starts_with("hidden:"));
                for p in problems {
                    failures.push(format!("{lang}{page} at {w} px: {p}"));
                }
                if !hidden.is_empty() {
                    collapsed += 1;
                    let hrefs: Vec<String> = hidden.iter().map(|h| h["hidden:".len()..].to_string()).collect();
                    for h in missing_from_drawer(b, &hrefs) {
                        failures.push(format!(
                            "{lang}{page} at {w} px: menu link {h} is in neither the header nor the drawer"
                        ));
                    }
                }
            }
        }
        (failures, collapsed)
    });
    let failures: Vec<String> = found.iter().flat_map(|(f, _)| f.iter().cloned()).collect();
    let collapsed: usize = found.iter().map(|(_, c)| c).sum();
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
    assert!(collapsed > 0, "the menu never moved into the drawer: the narrow widths were not checked");
}

#[test]
fn header_moves_a_menu_too_long_for_it_into_the_drawer_on_wide_screens() {
    let Some(mut b) = browser("header_moves_a_menu_too_long_for_it_into_the_drawer_on_wide_screens") else {
        return;
    };
    for page in ["/de/docs/front-matter/", "/de/"] {
        b.width(1366, 800);
        b.open(page);
        b.wait_search_button();
        // Menu labels as long as a site may write them; the header measures
        // itself again when the window's width changes.
        b.eval("document.querySelectorAll('.site-menu a').forEach(a => a.textContent += ' und noch viel mehr dazu')");
        for w in [1920, 1366, 1100, 900] {
            b.width(w + 1, 800);
            b.width(w, 800);
            let found = b.problems(HEADER_PROBLEMS);
            let (hidden, problems): (Vec<String>, Vec<String>) =
                found.into_iter().partition(|p| p.starts_with("hidden:"));
            assert!(problems.is_empty(), "{page} at {w} px:\n{}", problems.join("\n"));
            if w <= 1100 {
                assert_eq!(hidden.len(), 3, "{page} at {w} px: the menu is in the drawer");
                let hrefs: Vec<String> = hidden.iter().map(|h| h["hidden:".len()..].to_string()).collect();
                assert_eq!(missing_from_drawer(&mut b, &hrefs), Vec::<String>::new(), "{page} at {w} px");
                // The closed drawer covers nothing and leaves no empty column.
                b.chrome
                    .wait_for("getComputedStyle(document.getElementById('sidebar')).visibility === 'hidden'", WAIT)
                    .unwrap_or_else(|e| panic!("{page} at {w} px: the drawer hides when closed: {e}"));
                let left = b.f64("document.querySelector('main').getBoundingClientRect().left");
                assert!(left < 1.0, "{page} at {w} px: <main> starts at the left edge, not at {left}");
            }
        }
    }
}

#[test]
fn docs_pages_fold_on_this_page_into_a_disclosure_below_the_toc_column() {
    let Some(mut b) = browser("docs_pages_fold_on_this_page_into_a_disclosure_below_the_toc_column") else {
        return;
    };
    for page in ["/docs/front-matter/", "/fr/docs/front-matter/", "/contributing/", "/news/onramp-0-2/"] {
        b.width(1366, 900);
        b.open(page);
        let shown = "el => !!el && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0";
        let state = |b: &mut Browser| -> (bool, bool) {
            let v = b.eval(&format!(
                "(() => {{ const shown = {shown}; return [shown(document.querySelector('aside.toc')), shown(document.querySelector('details.toc-disclosure'))]; }})()"
            ));
            (v[0].as_bool().unwrap(), v[1].as_bool().unwrap())
        };
        assert_eq!(state(&mut b), (true, false), "{page} at 1366 px: the TOC column, no disclosure");
        for w in [1100, 800, 390] {
            b.width(w, 900);
            assert_eq!(state(&mut b), (false, true), "{page} at {w} px: the disclosure, no TOC column");
            // A proper disclosure icon, not the browser's triangle.
            assert_eq!(
                b.string("getComputedStyle(document.querySelector('details.toc-disclosure > summary')).display"),
                "flex",
                "{page}: the summary is not a list item (no ▶ marker)"
            );
            assert!(
                b.f64("document.querySelector('details.toc-disclosure > summary .toc-disclosure-icon').getBoundingClientRect().width") > 0.0,
                "{page}: the summary shows its chevron"
            );
            // It sits above the text.
            assert!(
                b.f64("document.querySelector('details.toc-disclosure').getBoundingClientRect().top - document.querySelector('.prose').getBoundingClientRect().top") < 0.0,
                "{page} at {w} px: the disclosure is above the text"
            );
        }
        // Opened, it lists what the column lists.
        b.eval("document.querySelector('details.toc-disclosure > summary').click()");
        assert_eq!(b.eval("document.querySelector('details.toc-disclosure').open"), json!(true));
        let links = b.eval(
            "[[...document.querySelectorAll('aside.toc a')].map(a => a.getAttribute('href')), \
             [...document.querySelectorAll('details.toc-disclosure a')].map(a => a.getAttribute('href'))]",
        );
        assert!(!links[0].as_array().unwrap().is_empty(), "{page}: the TOC has entries");
        assert_eq!(links[0], links[1], "{page}: the disclosure has the TOC's entries");
        // The column is built by the script: without JavaScript (no `js`
        // class, no column), the disclosure stays at every width. The
        // guide layout writes its own column, which stays.
        b.width(1366, 900);
        let guide = b.eval("!!document.querySelector('aside.guide-toc')").as_bool().unwrap();
        b.eval("document.documentElement.classList.remove('js'); document.querySelector('aside.toc:not(.guide-toc)')?.remove()");
        assert_eq!(state(&mut b), (guide, !guide), "{page} at 1366 px without JavaScript");
    }
}

#[test]
fn no_page_scrolls_sideways_at_320_and_390_px() {
    let pages = all_pages();
    assert!(pages.len() > 90, "the example site's pages: {pages:?}");
    let Some(mut b) = browser("no_page_scrolls_sideways_at_320_and_390_px") else { return };
    let found = on_two_pages(&mut b, &[320, 390], |b, &w| {
        let mut failures = Vec::new();
        b.width(w, 800);
        for page in &pages {
            b.open(page);
            let v = b.eval(
                "(() => { const d = document.documentElement; \
                 const wide = [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > innerWidth + 0.5 \
                 && !e.closest('pre, table, .table-scroll, .code-block')).slice(0, 3).map(e => e.tagName + '.' + e.className); \
                 return [d.scrollWidth, innerWidth, wide]; })()",
            );
            if v[0].as_f64() > v[1].as_f64() {
                failures.push(format!("{page} at {w} px: scrollWidth {} > innerWidth {} ({})", v[0], v[1], v[2]));
            }
        }
        failures
    });
    let failures = found.concat();
    assert!(failures.is_empty(), "{} pages scroll sideways:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn wide_tables_scroll_in_their_own_box_and_take_the_keyboard() {
    let Some(mut b) = browser("wide_tables_scroll_in_their_own_box_and_take_the_keyboard") else { return };
    b.width(320, 800);
    for (page, table) in [
        ("/fr/translation-status/", ".table-scroll"),
        ("/community/", ".table-scroll"),
        ("/docs/front-matter/", ".prose table"),
    ] {
        b.open(page);
        let v = b.eval(&format!(
            "(() => {{ const t = document.querySelector({sel}); const r = t.getBoundingClientRect(); \
             return [t.scrollWidth, t.clientWidth, r.right, innerWidth, t.getAttribute('tabindex'), getComputedStyle(t).overflowX]; }})()",
            sel = serde_json::to_string(table).unwrap()
        ));
        assert!(v[2].as_f64() <= v[3].as_f64(), "{page}: the {table} box ends inside the viewport: {v}");
        assert_eq!(v[5], json!("auto"), "{page}: {table} scrolls sideways on its own");
        if v[0].as_f64() > v[1].as_f64() {
            assert_eq!(v[4], json!("0"), "{page}: a {table} that scrolls can be focused to scroll it: {v}");
        }
    }
}

#[test]
fn code_block_copy_button_and_language_leave_the_first_line_clear_on_phones() {
    let Some(mut b) = browser("code_block_copy_button_and_language_leave_the_first_line_clear_on_phones") else {
        return;
    };
    for w in [390, 320] {
        b.width(w, 800);
        for page in ["/docs/front-matter/", "/getting-started/install/", "/ja/getting-started/install/"] {
            b.open(page);
            let problems = b.problems(
                r#"(() => {
  const out = [];
  const blocks = [...document.querySelectorAll('.code-block')];
  if (!blocks.length) out.push('no code blocks');
  for (const [i, block] of blocks.entries()) {
    // A block in a tab that is not chosen has no layout to measure.
    if (!block.getClientRects().length) continue;
    const code = block.querySelector('code') || block.querySelector('pre');
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT, { acceptNode: n => /\S/.test(n.data) ? 1 : 3 });
    const text = walker.nextNode();
    if (!text) continue;
    const range = document.createRange();
    const at = text.data.search(/\S/);
    range.setStart(text, at); range.setEnd(text, at + 1);
    const line = range.getBoundingClientRect();
    const button = block.querySelector('.copy-button');
    if (button) {
      const r = button.getBoundingClientRect();
      if (getComputedStyle(button).opacity !== '1') out.push(`block ${i}: the copy button is not shown`);
      if (r.bottom > line.top + 0.5) out.push(`block ${i}: the copy button (bottom ${r.bottom.toFixed(1)}) covers the first line (top ${line.top.toFixed(1)})`);
    }
    if (block.dataset.lang) {
      const after = getComputedStyle(block, '::after');
      if (after.display !== 'none' && after.opacity !== '0') {
        const bottom = block.getBoundingClientRect().top + parseFloat(after.top) + parseFloat(after.fontSize) * 1.5;
        if (bottom > line.top + 0.5) out.push(`block ${i}: the language label (bottom ${bottom.toFixed(1)}) covers the first line (top ${line.top.toFixed(1)})`);
      }
    }
  }
  // Inline code in table cells: a word is never split across lines.
  for (const c of document.querySelectorAll('.prose :is(td, th) code')) {
    if (!/\s/.test(c.textContent.trim()) && c.getClientRects().length > 1)
      out.push(`\`${c.textContent}\` in a table cell breaks over ${c.getClientRects().length} lines`);
  }
  return out;
})()"#,
            );
            assert!(problems.is_empty(), "{page} at {w} px:\n{}", problems.join("\n"));
        }
    }
}

#[test]
fn japanese_and_chinese_text_breaks_lines_by_the_strict_rules() {
    let Some(mut b) = browser("japanese_and_chinese_text_breaks_lines_by_the_strict_rules") else { return };
    b.width(390, 800);
    b.open("/ja/getting-started/install/");
    let v = b.eval(
        "(() => { const p = document.querySelector('.prose p'); const s = getComputedStyle(p); \
         const zh = document.createElement('p'); zh.lang = 'zh-CN'; zh.textContent = '中文'; document.body.append(zh); \
         const z = getComputedStyle(zh).lineBreak; zh.remove(); \
         return [p.closest('[lang]').lang, s.lineBreak, s.wordBreak, CSS.supports('word-break', 'auto-phrase'), z]; })()",
    );
    assert_eq!(v[0], json!("ja"), "the text is marked Japanese");
    assert_eq!(v[1], json!("strict"), "line-break: strict on Japanese text: {v}");
    let expected = if v[3] == json!(true) { "auto-phrase" } else { "normal" };
    assert_eq!(v[2], json!(expected), "word-break by phrase where supported, normal elsewhere: {v}");
    assert_eq!(v[4], json!("strict"), "line-break: strict on Chinese text: {v}");
    // Other languages keep the browser's default.
    b.open("/docs/front-matter/");
    assert_eq!(b.string("getComputedStyle(document.querySelector('.prose p')).lineBreak"), "auto");
    assert_eq!(b.string("getComputedStyle(document.querySelector('.prose p')).wordBreak"), "normal");
}

#[test]
fn content_column_stays_in_place_with_and_without_a_toc() {
    let Some(mut b) = browser("content_column_stays_in_place_with_and_without_a_toc") else { return };
    b.width(1366, 900);
    let mut edges = Vec::new();
    for page in ["/docs/front-matter/", "/partners/", "/translation-status/", "/news/", "/case-studies/", "/docs/"] {
        b.open(page);
        let v = b.eval(
            "[document.querySelector('main > article, main > *').getBoundingClientRect().left, \
             document.querySelector('main').getBoundingClientRect().left, !!document.querySelector('aside.toc')]",
        );
        edges.push((page, v[0].as_f64().unwrap(), v[1].as_f64().unwrap(), v[2].as_bool().unwrap()));
    }
    assert!(edges.iter().any(|e| e.3) && edges.iter().any(|e| !e.3), "pages with and without a TOC: {edges:?}");
    let (_, first, main, _) = edges[0];
    for (page, left, main_left, _) in &edges {
        assert!((left - first).abs() < 0.5, "{page}: the content column starts at {left}, not {first}: {edges:?}");
        assert!((main_left - main).abs() < 0.5, "{page}: <main> starts at {main_left}, not {main}");
    }
}

#[test]
fn directory_logos_keep_their_shape_on_a_light_plate_and_cards_line_up() {
    let Some(mut b) = browser("directory_logos_keep_their_shape_on_a_light_plate_and_cards_line_up") else { return };
    for scheme in ["light", "dark"] {
        b.chrome
            .call(
                "Emulation.setEmulatedMedia",
                json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
            )
            .expect("scheme");
        for w in [1366, 390] {
            b.width(w, 900);
            b.open("/partners/");
            b.chrome
                .wait_for(
                    "[...document.querySelectorAll('img.directory-logo')].every(i => i.complete && i.naturalWidth > 0)",
                    WAIT,
                )
                .expect("logos load");
            let problems = b.problems(
                r#"(() => {
  const out = [];
  const logos = [...document.querySelectorAll('img.directory-logo')];
  if (logos.length < 2) out.push('fewer than two logos');
  for (const img of logos) {
    const s = getComputedStyle(img);
    const box = img.getBoundingClientRect();
    const w = box.width - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) - parseFloat(s.borderLeftWidth) - parseFloat(s.borderRightWidth);
    const h = box.height - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom) - parseFloat(s.borderTopWidth) - parseFloat(s.borderBottomWidth);
    const want = img.naturalWidth / img.naturalHeight;
    if (Math.abs(w / h - want) > 0.05 * want) out.push(`${img.src}: shown at ${(w / h).toFixed(2)}:1, drawn at ${want.toFixed(2)}:1`);
    if (h < 32) out.push(`${img.src}: only ${h.toFixed(1)} px tall`);
    const [r, g, bl] = s.backgroundColor.match(/\d+(\.\d+)?/g).map(Number);
    if (r + g + bl < 3 * 240) out.push(`${img.src}: on ${s.backgroundColor}, not a light plate`);
  }
  // In every card the name starts at the same height, logo or not.
  const tops = [...document.querySelectorAll('.directory-entry')].map(e =>
    e.querySelector('.directory-name').getBoundingClientRect().top - e.getBoundingClientRect().top);
  if (tops.some(t => Math.abs(t - tops[0]) > 0.5)) out.push(`names start at ${tops.map(t => t.toFixed(1)).join(', ')} px in their cards`);
  if (!document.querySelector('.directory-logo-none')) out.push('no card without a logo in the example');
  return out;
})()"#,
            );
            assert!(problems.is_empty(), "{scheme}, {w} px:\n{}", problems.join("\n"));
        }
    }
}

#[test]
fn phone_drawer_lists_each_menu_link_once() {
    let Some(mut b) = browser("phone_drawer_lists_each_menu_link_once") else { return };
    b.width(390, 800);
    for page in ["/docs/front-matter/", "/", "/de/partners/"] {
        b.open(page);
        b.eval("document.querySelector('[data-sidebar-toggle]').click()");
        b.chrome
            .wait_for("getComputedStyle(document.getElementById('sidebar')).visibility === 'visible'", WAIT)
            .expect("the drawer opens");
        let v = b.eval(
            "(() => { const side = document.getElementById('sidebar'); \
             const links = [...side.querySelectorAll('a[href]')].filter(a => a.getClientRects().length > 0).map(a => a.getAttribute('href')); \
             const menu = [...document.querySelectorAll('.site-menu a')].map(a => a.getAttribute('href')); \
             return [links, menu]; })()",
        );
        let links: Vec<&str> = v[0].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        let menu: Vec<&str> = v[1].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        assert!(!menu.is_empty());
        for href in menu {
            let n = links.iter().filter(|&&l| l == href).count();
            assert_eq!(n, 1, "{page}: the drawer lists {href} {n} times: {links:?}");
        }
    }
}

#[test]
fn phone_search_dialog_has_a_visible_close_button_named_from_fluent() {
    let Some(mut b) = browser("phone_search_dialog_has_a_visible_close_button_named_from_fluent") else { return };
    b.width(390, 800);
    for (lang, label, name) in [
        ("", "Close", "Close search"),
        ("/fr", "Fermer", "Fermer la recherche"),
        ("/de", "Schließen", "Suche schließen"),
        ("/ja", "閉じる", "検索を閉じる"),
    ] {
        b.open(&format!("{lang}/docs/"));
        b.wait_search_button();
        b.eval("document.querySelector('#search [data-search-open]').click()");
        b.chrome.wait_for("document.querySelector('.search-dialog').open", WAIT).expect("the dialog opens");
        let v = b.eval(
            "(() => { const c = document.querySelector('.search-dialog [data-search-close]'); const r = c.getBoundingClientRect(); \
             return [c.innerText.trim(), c.getAttribute('aria-label'), r.width, r.height, r.right <= innerWidth, \
             getComputedStyle(c).visibility, !!c.querySelector('.icon')]; })()",
        );
        assert_eq!(v[0], json!(label), "{lang}: the button's visible word: {v}");
        assert_eq!(v[1], json!(name), "{lang}: the button's accessible name: {v}");
        assert!(
            v[2].as_f64().unwrap() >= 36.0 && v[3].as_f64().unwrap() >= 36.0,
            "{lang}: a fingertip-sized button: {v}"
        );
        assert_eq!(v[4], json!(true), "{lang}: inside the screen");
        assert_eq!(v[5], json!("visible"));
        assert_eq!(v[6], json!(true), "{lang}: with an X");
        b.eval("document.querySelector('.search-dialog [data-search-close]').click()");
        b.chrome.wait_for("!document.querySelector('.search-dialog').open", WAIT).expect("it closes the dialog");
    }
}

#[test]
fn path_navigation_is_headed_by_the_path_name_and_step() {
    let doc = html("getting-started/first-site/index.html");
    let heads: Vec<String> = select(&doc, ".path-nav .path-nav-head")
        .iter()
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect();
    assert_eq!(heads, ["Path: Build a site with onramp — step 2 of 5"]);
    assert_eq!(attrs(&doc, ".path-nav .path-nav-head a", "href"), ["/getting-started/#use"]);
    // The section's own previous and next pages stay, below and unlabelled by a path.
    assert_eq!(select(&doc, ".doc-footer .pagination").len(), 1);
    let fr = html("fr/getting-started/first-site/index.html");
    let head = select(&fr, ".path-nav-head")[0].text().collect::<String>();
    assert!(head.trim().starts_with("Parcours\u{a0}: ") && head.trim().ends_with("étape 2 sur 5"), "{head}");
}

#[test]
fn reading_time_shows_on_docs_and_posts_only() {
    for (page, shown) in [
        ("docs/front-matter/index.html", true),
        ("getting-started/install/index.html", true),
        ("news/onramp-0-2/index.html", true),
        ("partners/index.html", false),
        ("community/index.html", false),
        ("case-studies/northwind/index.html", false),
        ("fr/partners/index.html", false),
    ] {
        let doc = html(page);
        assert_eq!(select(&doc, ".doc-header .doc-meta").len(), usize::from(shown), "{page}");
    }
}

#[test]
fn translation_status_names_the_default_language_in_the_page_language() {
    for (page, text) in [
        ("translation-status/index.html", " pages in English"),
        ("fr/translation-status/index.html", " pages en anglais"),
        ("de/translation-status/index.html", "Englisch"),
        ("ja/translation-status/index.html", "英語"),
    ] {
        let doc = html(page);
        let intro = common::text_of(&doc, ".translation-status .doc-description");
        assert!(intro.contains(text), "{page}: {intro}");
    }
}

#[test]
fn theme_messages_of_the_layout_fixes_exist_in_every_theme_language() {
    let locales = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/locales");
    let langs = ["en", "fr", "de", "es", "ja", "zh-CN", "ar"];
    let mut ids = vec!["search-close-button".to_string(), "path-nav-heading".to_string()];
    ids.extend(langs.iter().map(|l| format!("language-name-{l}")));
    let mut english = std::collections::HashMap::new();
    for lang in langs {
        let text = std::fs::read_to_string(locales.join(lang).join("ui.ftl")).expect("ui.ftl");
        for id in &ids {
            let line = text
                .lines()
                .find(|l| l.starts_with(&format!("{id} = ")))
                .unwrap_or_else(|| panic!("{lang}/ui.ftl has no {id}"));
            let value = line[id.len() + 3..].to_string();
            if lang == "en" {
                english.insert(id.clone(), value);
            } else if id != "path-nav-heading" {
                assert_ne!(Some(&value), english.get(id), "{lang}/ui.ftl: {id} is the English text");
            }
        }
    }
}

#[test]
fn news_sidebar_lists_posts_newest_first_like_the_listing() {
    let doc = html("news/index.html");
    let listing = attrs(&doc, ".news-list .news-title a", "href");
    assert!(listing.len() >= 3, "{listing:?}");
    for page in ["news/index.html", "news/welcome/index.html", "docs/index.html"] {
        let doc = html(page);
        let sidebar: Vec<String> = attrs(&doc, "#sidebar .nav-list a", "href")
            .into_iter()
            .filter(|h| h.starts_with("/news/") && h != "/news/")
            .collect();
        assert_eq!(sidebar, listing, "{page}: the sidebar's news posts in the listing's order");
    }
}
