//! Tab groups (`:::tabs` … `::: tab LABEL` … `:::`) and includes of
//! repository files into code blocks. Fixtures under `tests/fixtures/tabs-*`.

mod common;

use common::chrome::browser_or_skip;
use common::http::Server;
use common::{Site, attrs, built, select};
use std::time::Duration;

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
        "content/_index.md:48:1: warning: unknown container `:::note` left as text\n  = help: onramp knows `:::tabs` and `::: tab LABEL`; a callout is written `> [!NOTE]`\n"
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
    // A link to a heading inside a tab that is not chosen shows that tab,
    // without changing the stored choice.
    chrome.navigate(&server.url("/#in-powershell")).expect("open the heading in a tab");
    chrome.wait_for("document.querySelector('.tabs.tabs-ready')", wait).expect("tabs ready");
    assert_eq!(chrome.eval(state).unwrap(), "[[\"tabpanel.1.2\"]]");
    assert_eq!(chrome.eval("localStorage.getItem('onramp-tabs:os')").unwrap(), "macOS");
    chrome.eval("document.getElementById('tab.1.0').click(); location.hash = ''; true").unwrap();
    assert_eq!(chrome.eval("document.getElementById('tabpanel.1.2').hidden").unwrap(), true);
    chrome.eval("location.hash = '#in-powershell'; true").unwrap();
    chrome.wait_for("!document.getElementById('tabpanel.1.2').hidden", wait).expect("hashchange shows the tab");
}

/// The text of a code block without its line numbers.
fn code_text(el: scraper::ElementRef<'_>) -> String {
    let mut out = String::new();
    for node in el.descendants() {
        if let Some(t) = node.value().as_text() {
            let number = node
                .ancestors()
                .filter_map(scraper::ElementRef::wrap)
                .any(|a| a.value().classes().any(|c| c == "ln" || c == "dm"));
            if !number {
                out.push_str(t);
            }
        }
    }
    out
}

#[test]
fn included_file_is_a_highlighted_code_block_with_its_attributes() {
    let site = built("tabs-include");
    let doc = site.html("index.html");
    let pres = select(&doc, ".prose pre.code");
    assert_eq!(pres.len(), 5);
    // The whole file, with its title and marked line.
    assert_eq!(texts(&doc, "figure.code-figure > figcaption.code-title"), ["hello.rs"]);
    assert_eq!(pres[0].value().attr("data-lang"), Some("rust"));
    assert_eq!(code_text(pres[0]), std::fs::read_to_string(site.root().join("examples/hello.rs")).unwrap());
    assert_eq!(texts(&doc, "figure.code-figure mark.line.hl"), ["use std::io;"]);
    // A line range, its language from the file's extension, highlighted.
    assert_eq!(pres[1].value().attr("data-lang"), Some("rs"));
    assert_eq!(code_text(pres[1]), "fn main() {\n    println!(\"Hello!\");\n}\n");
    assert_eq!(texts(&doc, "pre[data-lang=rs] .ln"), ["5", "6", "7"]);
    assert!(!select(&doc, "pre[data-lang=rs] span[class^=l]").is_empty(), "highlighted");
    // A region from the repository's root: nested region markers left out, dedented.
    assert_eq!(code_text(pres[2]), "apt-get update\napt-get install -y onramp\n");
    // In a tab: an HTML comment region.
    assert_eq!(code_text(select(&doc, "#tabpanel\\.1\\.0 > pre[data-lang=html]")[0]), "<body><p>Hi</p></body>\n");
    assert_eq!(code_text(select(&doc, "#tabpanel\\.1\\.1 > pre[data-lang=sh]")[0]), "#!/bin/sh\nset -e\n");
}

#[test]
fn include_from_the_repository_root_with_repo_path_reads_above_the_site_folder() {
    let site = Site::copy("tabs-include");
    // The site folder is `site/` in a repository: `/README.md` is the repository's.
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}repo:\n  url: https://forge.example/o/p\n  path: site\n"));
    std::fs::write(site.dir.path().join("README.md"), "# The project\n\nRead me.\n").unwrap();
    // `/examples/…` is now the repository's `examples/`, which does not exist.
    site.write("content/_index.md", "---\ntitle: Home\n---\n\n``` include=\"/examples/setup.sh\"\n```\n");
    let run = site.build(&[]);
    assert_eq!(
        run.stderr.lines().next(),
        Some("content/_index.md:5:1: error: included file `/examples/setup.sh` not found")
    );
    site.write("content/_index.md", "---\ntitle: Home\n---\n\nHome.\n");
    site.write(
        "content/docs/readme.md",
        "---\ntitle: R\n---\n\n```md include=\"/README.md\"\n```\n\n```rust include=\"/site/examples/hello.rs\" lines=\"1\"\n```\n",
    );
    site.build(&[]).ok();
    let doc = site.html("docs/readme/index.html");
    let pres = select(&doc, ".prose pre.code");
    assert_eq!(code_text(pres[0]), "# The project\n\nRead me.\n");
    assert_eq!(code_text(pres[1]), "// A greeting.\n");
    // Above the repository is still refused.
    site.write("content/docs/readme.md", "---\ntitle: R\n---\n\n``` include=\"../../../../secret\"\n```\n");
    let run = site.build(&[]);
    assert_eq!(
        run.stderr,
        "content/docs/readme.md:5:1: error: include `../../../../secret` leaves the repository\n  = help: include a file of the repository: a path from this page's folder, or from the repository's root with a leading `/`\n\
         build failed: 1 error; the previous output was left untouched\n"
    );
}

#[test]
fn broken_includes_are_errors_at_the_including_fence_and_write_nothing() {
    let site = Site::copy("tabs-include-errors");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!site.out().exists());
    assert_eq!(
        run.stderr,
        "content/_index.md:5:1: error: included file `../examples/missing.rs` not found\n  = help: it points to `examples/missing.rs`; a path is relative to the page's own file, or to the repository's root when it starts with `/`\n\
         content/_index.md:8:1: error: lines `2-9` are past the end of `examples/three.txt`, which has 3 lines\n  = help: choose lines from 1 to 3\n\
         content/_index.md:11:1: error: no region `setup` in `examples/three.txt`\n  = help: mark the part in the file with a comment `#region NAME` before it and `#endregion` after it (`// #region setup`, `# region setup`, `<!-- #region setup -->`)\n\
         content/_index.md:14:1: error: a page cannot include itself\n  = help: an include shows a file as code; to show this page's markdown, copy it into a file of its own and include that\n\
         content/_index.md:17:1: error: include `../../outside.txt` leaves the site folder\n  = help: without `repo:` in site.yaml, includes come from the site folder; with `repo:` and its `path`, from the whole repository\n\
         content/_index.md:20:1: error: `lines` takes a line or a range of lines, not `two`\n  = help: write `lines=\"3-9\"`, `lines=\"3\"` or `lines=\"3-\"` (to the end); lines count from 1\n\
         content/_index.md:25:3: error: a code block takes `lines` or `region`, not both\n  = help: choose the part with one of them\n\
         content/_index.md:28:1: error: line range `2-1` ends before it starts\n  = help: write the first line first: `1-2`\n\
         build failed: 8 errors; the previous output was left untouched\n"
    );
}

#[test]
fn include_through_a_link_to_outside_the_site_is_refused() {
    let site = Site::copy("tabs-include");
    std::fs::write(site.dir.path().join("secret.txt"), "secret\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(site.dir.path().join("secret.txt"), site.root().join("examples/link.txt")).unwrap();
    site.write("content/docs/leak.md", "---\ntitle: L\n---\n\n``` include=\"../../examples/link.txt\"\n```\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "content/docs/leak.md:5:1: error: included file `../../examples/link.txt` is a link to outside the repository\n  = help: include a file of the repository itself\n\
         build failed: 1 error; the previous output was left untouched\n"
    );
    assert!(!run.stderr.contains("secret\n"));
}

/// The code text of the `n`th code block of a page served by `onramp serve`.
fn served_code(serve: &common::serve::Serve, path: &str, n: usize) -> String {
    let doc = scraper::Html::parse_document(&serve.get(path).text());
    select(&doc, ".prose pre.code").get(n).map(|pre| code_text(*pre)).unwrap_or_default()
}

#[test]
fn serve_rebuilds_the_pages_that_include_a_saved_file() {
    use common::serve::{Serve, eventually};
    let site = Site::copy("tabs-include");
    site.write("content/docs/snippet.md", "---\ntitle: Snippet\n---\n\nFirst words.\n");
    site.write("content/docs/shows.md", "---\ntitle: Shows\n---\n\n```md include=\"snippet.md\"\n```\n");
    let serve = Serve::start(&site, &[]);
    let mut ws = serve.socket();
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(served_code(&serve, "/", 1), "fn main() {\n    println!(\"Hello!\");\n}\n");

    // A file outside the watched folders (`examples/`, beside `content/`).
    let hello = std::fs::read_to_string(site.root().join("examples/hello.rs")).unwrap();
    site.write("examples/hello.rs", &hello.replace("Hello!", "Saved!"));
    assert_eq!(ws.next(), r#"{"type":"reload"}"#);
    assert_eq!(served_code(&serve, "/", 1), "fn main() {\n    println!(\"Saved!\");\n}\n");

    // A page of the site that another page includes: both change.
    site.write("content/docs/snippet.md", "---\ntitle: Snippet\n---\n\nSecond words.\n");
    assert_eq!(ws.next(), r#"{"type":"reload"}"#);
    eventually("the including page shows the saved page", || {
        served_code(&serve, "/docs/shows/", 0) == "---\ntitle: Snippet\n---\n\nSecond words.\n"
    });
    assert!(serve.get("/docs/snippet/").text().contains("Second words."));

    // An include added by an incremental update is read, and its file watched from then on.
    std::fs::write(site.root().join("examples/new.txt"), "new file\n").unwrap();
    site.write("content/docs/shows.md", "---\ntitle: Shows\n---\n\n``` include=\"../../examples/new.txt\"\n```\n");
    assert_eq!(ws.next(), r#"{"type":"reload"}"#);
    assert_eq!(served_code(&serve, "/docs/shows/", 0), "new file\n");
    std::fs::write(site.root().join("examples/new.txt"), "changed file\n").unwrap();
    assert_eq!(ws.next(), r#"{"type":"reload"}"#);
    assert_eq!(served_code(&serve, "/docs/shows/", 0), "changed file\n");
}

#[test]
fn markdown_copy_keeps_tab_lines_as_written_and_shows_included_files() {
    let site = Site::copy("tabs-include");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}outputs:\n  markdown: true\n"));
    site.write(
        "content/docs/tabbed.md",
        "---\ntitle: Tabbed\n---\n\n:::tabs key=os\n::: tab Linux\nSee [home](../_index.md).\n:::\n\n```rust include=\"../../examples/hello.rs\" region=\"main\"\n```\n",
    );
    site.build(&[]).ok();
    assert_eq!(
        site.read("docs/tabbed/index.md"),
        "# Tabbed\n\n:::tabs key=os\n\n::: tab Linux\n\nSee [home](https://example.org/).\n\n:::\n\n\
         ````rust\nfn main() {\n    println!(\"Hello!\");\n}\n````\n"
    );
}
