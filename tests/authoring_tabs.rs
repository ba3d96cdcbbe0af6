//! Tab groups (`:::tabs` … `::: tab LABEL` … `:::`) and includes of
//! repository files into code blocks. Fixtures under `tests/fixtures/tabs-*`.

mod common;

use common::chrome::browser_or_skip;
use common::http::Server;
use common::{Site, attrs, select};
use std::time::Duration;

fn built(name: &str) -> Site {
    let site = Site::copy(name);
    site.build(&[]).ok();
    site
}

fn texts(doc: &scraper::Html, css: &str) -> Vec<String> {
    select(doc, css).iter().map(|e| e.text().collect::<String>().trim().to_string()).collect()
}

#[test]
fn tab_group_is_a_tablist_with_one_panel_per_tab() {
    let site = built("tabs-site");
    let doc = site.html("index.html");
    let groups = select(&doc, ".prose > .tabs");
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0].value().attr("data-tabs-key"), Some("os"));
    assert_eq!(groups[1].value().attr("data-tabs-key"), None);
    // Tabs, in order, each controlling its panel; only the first in the Tab order.
    let first = ".prose > .tabs:first-of-type";
    assert_eq!(
        texts(&doc, &format!("{first} > .tab-list[role=tablist][hidden] > button[role=tab]")),
        ["Linux", "macOS", "Windows"]
    );
    assert_eq!(attrs(&doc, &format!("{first} > .tab-list > [role=tab]"), "aria-selected"), ["true", "false", "false"]);
    assert_eq!(attrs(&doc, &format!("{first} > .tab-list > [role=tab]"), "tabindex"), ["0", "-1", "-1"]);
    let controls = attrs(&doc, &format!("{first} > .tab-list > [role=tab]"), "aria-controls");
    let panels = attrs(&doc, &format!("{first} > .tab-panel[role=tabpanel]"), "id");
    assert_eq!(controls, panels);
    let tab_ids = attrs(&doc, &format!("{first} > .tab-list > [role=tab]"), "id");
    assert_eq!(attrs(&doc, &format!("{first} > .tab-panel"), "aria-labelledby"), tab_ids);
    // Every id of the page is unique (three groups, one nested).
    let ids = attrs(&doc, "[id]", "id");
    let unique: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
}

#[test]
fn without_script_every_panel_is_shown_in_order_under_its_label() {
    let site = built("tabs-site");
    let doc = site.html("index.html");
    // No panel is hidden in the HTML: the script hides them.
    assert!(select(&doc, ".tab-panel[hidden]").is_empty());
    assert_eq!(texts(&doc, ".prose > .tabs:first-of-type > .tab-panel > .tab-label"), ["Linux", "macOS", "Windows"]);
    // Full markdown in a tab: a highlighted code block, a list, a callout.
    assert_eq!(select(&doc, "#tabpanel\\.1\\.0 > pre.code[data-lang=sh]").len(), 1);
    assert_eq!(texts(&doc, "#tabpanel\\.1\\.1 > ul > li"), ["Install Homebrew.", "Run brew install onramp."]);
    assert_eq!(texts(&doc, "#tabpanel\\.1\\.2 > .callout.callout-note > p:not(.callout-title)"), ["Use WSL."]);
    // Links in a tab are resolved like any other.
    assert_eq!(attrs(&doc, "#tabpanel\\.2\\.0 a", "href"), ["/docs/other/"]);
    // A label is text, escaped.
    assert_eq!(texts(&doc, "#tab\\.2\\.1"), ["Two & <three>"]);
    assert_eq!(attrs(&doc, "#tab\\.2\\.1", "data-tab"), ["Two & <three>"]);
    // A group inside a tab.
    assert_eq!(texts(&doc, "#tabpanel\\.2\\.1 > .tabs > .tab-list > [role=tab]"), ["Inner A", "Inner B"]);
    assert_eq!(texts(&doc, "#tabpanel\\.3\\.1 > p:not(.tab-label)"), ["Nested B."]);
    // The paragraph after the groups is outside them.
    assert_eq!(texts(&doc, ".prose > p").last().map(String::as_str), Some("After."));
}

#[test]
fn directive_lines_inside_code_blocks_stay_code() {
    let site = built("tabs-site");
    let doc = site.html("index.html");
    assert_eq!(texts(&doc, "pre[data-lang=md]"), [":::tabs\nnot a group inside code\n:::"]);
}

#[test]
fn unknown_container_is_a_warning_and_its_lines_stay_text() {
    let site = Site::copy("tabs-site");
    let run = site.build(&[]).ok();
    assert_eq!(
        run.stderr,
        "content/_index.md:44:1: warning: unknown container `:::note` left as text\n  = help: onramp knows `:::tabs` and `::: tab LABEL`; a callout is written `> [!NOTE]`\n"
    );
    // Its closing line did not close anything else: the page ends outside every group.
    assert!(
        select(&site.html("index.html"), ".tabs p").iter().all(|p| !p.text().collect::<String>().contains("After"))
    );
}

#[test]
fn broken_tab_groups_are_errors_at_their_lines_and_write_nothing() {
    let site = Site::copy("tabs-errors");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!site.out().exists());
    assert_eq!(
        run.stderr,
        "content/_index.md:5:1: error: `::: tab` outside a tab group\n  = help: open the group with `:::tabs` first; the `:::` line closes the whole group, so a tab after it needs a new `:::tabs`\n\
         content/_index.md:8:1: error: unknown tab group attribute `colour=red`\n  = help: write `:::tabs`, or `:::tabs key=os` to sync every group with the key `os`\n\
         content/_index.md:13:1: error: text in a tab group before its first `::: tab`\n  = help: start the first tab right after `:::tabs` with a line `::: tab LABEL`\n\
         content/_index.md:23:1: error: this line of a tab group is not nested like its `:::tabs` line\n  = help: write every line of a group at the same place: all inside the same list item, or all outside lists and quotes (the group opens at line 20)\n\
         content/_index.md:25:1: error: tab group not closed\n  = help: end the group with a line `:::` after its last tab\n\
         content/_index.md:26:1: error: a tab needs a label\n  = help: write the label after `tab`: `::: tab Linux`\n\
         build failed: 6 errors; the previous output was left untouched\n"
    );
}

#[test]
fn positions_after_tab_lines_are_the_file_positions() {
    let site = Site::copy("tabs-site");
    // A short `:::` line is replaced by a longer comment before parsing:
    // the broken link after it must still be reported where it is written.
    site.write(
        "content/docs/broken.md",
        "---\ntitle: B\n---\n\n:::tabs\n::: tab A\nA.\n:::\n\nSee [gone](gone.md) and [also](also.md).\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    let errors: Vec<&str> = run.stderr.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(
        errors,
        [
            "content/docs/broken.md:10:5: error: link to a missing page `gone.md`",
            "content/docs/broken.md:10:25: error: link to a missing page `also.md`"
        ],
        "{}",
        run.stderr
    );
}

#[test]
fn choosing_a_tab_switches_its_synced_groups_and_survives_reload_and_other_pages() {
    let test = "choosing_a_tab_switches_its_synced_groups_and_survives_reload_and_other_pages";
    let site = built("tabs-site");
    let Some(mut chrome) = browser_or_skip(test) else { return };
    let server = Server::start(&site.out());
    let wait = Duration::from_secs(15);
    chrome.navigate(&server.url("/")).expect("open the page");
    chrome.wait_for("document.querySelectorAll('.tabs.tabs-ready').length === 3", wait).expect("tabs ready");
    // With the script: the tab lists show, labels hide, one panel per group shows.
    let state = "JSON.stringify([...document.querySelectorAll('.tabs[data-tabs-key=os]')].map(g => \
                 [...g.querySelectorAll(':scope > .tab-panel')].filter(p => !p.hidden && p.offsetHeight > 0).map(p => p.id)))";
    assert_eq!(chrome.eval(state).unwrap(), "[[\"tabpanel.1.0\"]]");
    assert_eq!(chrome.eval("getComputedStyle(document.querySelector('.tab-label')).display").unwrap(), "none");
    assert_eq!(chrome.eval("document.querySelector('.tab-list').hidden").unwrap(), false);
    // Keyboard: focus the selected tab, ArrowRight chooses macOS, End chooses Windows, Home Linux.
    chrome.eval("document.getElementById('tab.1.0').focus(); true").unwrap();
    chrome.press_key("ArrowRight").unwrap();
    let focused = "document.activeElement.id + ' ' + document.activeElement.getAttribute('aria-selected') + ' ' + document.activeElement.tabIndex";
    assert_eq!(chrome.eval(focused).unwrap(), "tab.1.1 true 0");
    assert_eq!(chrome.eval("document.getElementById('tab.1.0').tabIndex").unwrap(), -1);
    chrome.press_key("End").unwrap();
    assert_eq!(chrome.eval(focused).unwrap(), "tab.1.2 true 0");
    chrome.press_key("Home").unwrap();
    assert_eq!(chrome.eval(focused).unwrap(), "tab.1.0 true 0");
    // A group without a key is not touched by the keyed one, and keeps its own choice.
    chrome.eval("document.getElementById('tab.2.1').click(); true").unwrap();
    assert_eq!(chrome.eval("document.getElementById('tabpanel.2.0').hidden").unwrap(), true);
    // Clicking macOS (a pointer click at the tab).
    let click = |chrome: &mut common::chrome::Chrome, id: &str| {
        let rect = chrome
            .eval(&format!("(() => {{ const r = document.getElementById('{id}').getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()"))
            .unwrap();
        let (x, y) = (rect[0].as_f64().unwrap(), rect[1].as_f64().unwrap());
        for kind in ["mousePressed", "mouseReleased"] {
            chrome
                .call(
                    "Input.dispatchMouseEvent",
                    serde_json::json!({ "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1 }),
                )
                .unwrap();
        }
    };
    click(&mut chrome, "tab.1.1");
    assert_eq!(chrome.eval(state).unwrap(), "[[\"tabpanel.1.1\"]]");
    assert_eq!(chrome.eval("localStorage.getItem('onramp-tabs:os')").unwrap(), "macOS");
    // After a reload the page opens on macOS.
    chrome.navigate(&server.url("/")).expect("reload");
    chrome.wait_for("document.querySelector('.tabs.tabs-ready')", wait).expect("tabs ready");
    assert_eq!(chrome.eval(state).unwrap(), "[[\"tabpanel.1.1\"]]");
    assert_eq!(chrome.eval("document.getElementById('tab.1.1').getAttribute('aria-selected')").unwrap(), "true");
    // Another page with a group of the same key shows macOS too.
    chrome.navigate(&server.url("/docs/other/")).expect("open the other page");
    chrome.wait_for("document.querySelector('.tabs.tabs-ready')", wait).expect("tabs ready");
    assert_eq!(chrome.eval(state).unwrap(), "[[\"tabpanel.1.1\"]]");
    assert_eq!(
        chrome.eval("document.querySelector('[role=tabpanel]:not([hidden])').textContent.trim()").unwrap(),
        "macOS\nmacOS again."
    );
}
