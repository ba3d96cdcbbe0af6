//! Callouts: GitHub's alerts (`> [!NOTE]`) with a title of their own
//! (`> [!NOTE] Before you start`) and collapsible ones (`> [!NOTE]-`
//! closed, `> [!NOTE]+` open) as `<details>`, checked on the built HTML.

mod common;

use common::{attrs, select, text_of};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The fixture's output, built once for every test of this file.
fn out() -> &'static PathBuf {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = common::at_exit::temp_dir();
        common::copy_dir(&common::fixture("polish-callouts"), &dir.join("site"));
        let run = common::onramp().arg("build").arg(dir.join("site")).arg("--out").arg(dir.join("out")).output();
        common::Run::from(run.expect("run onramp")).ok();
        dir.join("out")
    })
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(out().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

fn page(rel: &str) -> scraper::Html {
    scraper::Html::parse_document(&read(rel))
}

/// Text of an element with its whitespace runs collapsed.
fn text(e: &scraper::ElementRef<'_>) -> String {
    e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn alert_without_a_title_keeps_the_translated_default_title() {
    let en = page("guide/index.html");
    assert_eq!(text_of(&en, "main div.callout.callout-note[role=note] > p.callout-title"), "Note");
    let fr = page("fr/guide/index.html");
    assert_eq!(text_of(&fr, "main div.callout.callout-note[role=note] > p.callout-title"), "Remarque");
}

#[test]
fn text_after_the_marker_is_the_title_instead_of_the_default() {
    let doc = page("guide/index.html");
    let tip = select(&doc, "main div.callout.callout-tip[role=note]");
    assert_eq!(tip.len(), 1);
    let titles: Vec<String> = tip[0].select(&sel("p.callout-title")).map(|t| text(&t)).collect();
    assert_eq!(titles, ["Before you start"]);
    // The line after the marker is the callout's first paragraph.
    let body: Vec<String> = tip[0].select(&sel("p:not(.callout-title)")).map(|p| text(&p)).collect();
    assert_eq!(body, ["Read the install page first."]);
    assert_eq!(tip[0].select(&sel("p strong")).map(|s| text(&s)).collect::<Vec<_>>(), ["install"]);
    let fr = page("fr/guide/index.html");
    assert_eq!(text_of(&fr, "main .callout-tip .callout-title"), "Avant de commencer");
    // The marker itself is written nowhere.
    for doc in [&doc, &fr] {
        let main = text(&select(doc, "main")[0]);
        for marker in ["[!TIP]", "[!warning]", "[!WARNING]", "[!CAUTION]", "[!IMPORTANT]", "[!NOTE]+", "[!NOTE] "] {
            assert!(!main.contains(marker), "{marker} in {main}");
        }
    }
}

#[test]
fn title_markup_is_rendered_and_its_text_escaped() {
    let doc = page("guide/index.html");
    assert_eq!(text_of(&doc, "main div.callout.callout-warning > p.callout-title"), "Mind <rm -rf> & co");
    assert_eq!(text_of(&doc, "main .callout-warning > .callout-title > code"), "<rm -rf>");
    let html = read("guide/index.html");
    assert!(html.contains("<code>&lt;rm -rf&gt;</code> &amp; co</p>"), "title not escaped as text");
}

#[test]
fn minus_makes_a_collapsed_details_with_the_body_rendered_inside() {
    let doc = page("guide/index.html");
    let caution = select(&doc, "main details.callout.callout-caution");
    assert_eq!(caution.len(), 1);
    let details = caution[0];
    assert_eq!(details.value().attr("open"), None, "collapsed callout is open");
    assert_eq!(details.value().attr("role"), None, "a <details> keeps its own role");
    let first = details.children().find_map(scraper::ElementRef::wrap).expect("summary");
    assert_eq!(first.value().name(), "summary");
    assert_eq!(first.value().attr("class"), Some("callout-title"));
    assert_eq!(text(&first), "Details you can skip");
    // The body is markdown: emphasis, a list with a resolved link, code.
    assert_eq!(details.select(&sel("p > em")).map(|e| text(&e)).collect::<Vec<_>>(), ["until"]);
    assert_eq!(details.select(&sel("ul > li")).count(), 2);
    assert_eq!(details.select(&sel("ul a")).filter_map(|a| a.value().attr("href")).collect::<Vec<_>>(), ["#plain"]);
    assert_eq!(details.select(&sel("pre code")).map(|c| text(&c)).collect::<Vec<_>>(), ["echo folded"]);
}

#[test]
fn collapsible_callout_without_a_title_gets_the_translated_default() {
    let doc = page("guide/index.html");
    assert_eq!(
        text_of(&doc, "main details.callout.callout-important:not([open]) > summary.callout-title"),
        "Important"
    );
    let fr = page("fr/guide/index.html");
    assert_eq!(
        text_of(&fr, "main details.callout.callout-warning:not([open]) > summary.callout-title"),
        "Avertissement"
    );
    assert_eq!(text_of(&fr, "main details.callout.callout-caution[open] > summary.callout-title"), "Attention");
    assert_eq!(text_of(&fr, "main details.callout-caution > p"), "Ouvert.");
}

#[test]
fn plus_makes_an_open_details() {
    let doc = page("guide/index.html");
    let open = select(&doc, "main .prose > details.callout.callout-note");
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].value().attr("open"), Some(""));
    assert_eq!(text_of(&doc, "main .prose > details.callout-note > summary.callout-title"), "Open by default");
    assert_eq!(text_of(&doc, "main .prose > details.callout-note > p"), "Shown at first.");
}

#[test]
fn links_in_a_title_keep_only_their_text() {
    let doc = page("guide/index.html");
    let summary = select(&doc, "main .prose > details.callout-tip > summary.callout-title");
    assert_eq!(summary.len(), 1);
    assert_eq!(text(&summary[0]), "Read the plain part first");
    assert!(summary[0].select(&sel("a")).next().is_none(), "a link inside <summary>");
}

#[test]
fn unknown_kinds_and_text_glued_to_the_marker_stay_blockquotes() {
    let doc = page("guide/index.html");
    let quotes: Vec<String> = select(&doc, "main .prose > blockquote:not(:has(.callout))").iter().map(text).collect();
    assert_eq!(quotes, ["[!INFO] An unknown kind stays a blockquote.", "[!NOTE]x not a marker", "Just a quote."]);
    // Every callout of the page, in order, and nothing else became one.
    let kinds = attrs(&doc, "main .callout", "class");
    assert_eq!(
        kinds,
        [
            "callout callout-note",
            "callout callout-tip",
            "callout callout-warning",
            "callout callout-caution",
            "callout callout-important",
            "callout callout-tip",
            "callout callout-note",
            "callout callout-note",
            "callout callout-tip",
        ]
    );
}

#[test]
fn callouts_nest_in_list_items_and_quotes() {
    let doc = page("guide/index.html");
    assert_eq!(text_of(&doc, "main li > details.callout-note:not([open]) > summary"), "In a list");
    assert_eq!(text_of(&doc, "main li > details.callout-note > p"), "Folded in a list item.");
    assert_eq!(text_of(&doc, "main blockquote > details.callout-tip[open] > summary"), "In a quote");
    assert_eq!(text_of(&doc, "main blockquote > details.callout-tip > p"), "Open in a quote.");
}

fn sel(css: &str) -> scraper::Selector {
    scraper::Selector::parse(css).expect("selector")
}

/// A collapsible callout is a control: it is reached with Tab, shows the
/// focus ring, and Enter and Space open and close it (a `<summary>` does
/// all that without script, as long as the theme keeps it focusable and
/// visible). Its title keeps the callout's icon.
#[test]
fn collapsible_callout_opens_and_closes_from_the_keyboard() {
    use common::chrome::browser_or_skip;
    use std::time::Duration;
    let Some(mut chrome) = browser_or_skip("collapsible_callout_opens_and_closes_from_the_keyboard") else { return };
    let server = common::http::Server::start(out());
    let wait = Duration::from_secs(15);
    chrome.navigate(&server.url("/guide/")).expect("open the guide");
    chrome.wait_for("document.readyState === 'complete'", wait).expect("loaded");
    let summary = "document.querySelector('.prose > details.callout-caution > summary')";
    let mut tabs = 0;
    while chrome.eval(&format!("document.activeElement === {summary}")).expect("focus") != serde_json::json!(true) {
        tabs += 1;
        assert!(tabs < 80, "Tab never reaches the collapsed callout's title");
        chrome.press_key("Tab").expect("Tab");
    }
    let style = chrome
        .eval(&format!(
            "[getComputedStyle({summary}).outlineStyle, getComputedStyle({summary}, '::before').maskImage !== 'none', \
             {summary}.closest('details').open]"
        ))
        .expect("style");
    assert_eq!(style[0], "solid", "no focus ring on the focused title");
    assert_eq!(style[1], true, "the title lost its icon");
    assert_eq!(style[2], false, "the callout starts closed");
    let open = format!("{summary}.closest('details').open");
    chrome.press_key("Enter").expect("Enter");
    chrome.wait_for(&open, wait).expect("Enter opens the callout");
    chrome.press_key(" ").expect("Space");
    chrome.wait_for(&format!("!{open}"), wait).expect("Space closes the callout");
}
