//! Markdown that writers know from Docusaurus, Starlight and MkDocs
//! Material: code block titles, marked lines, line numbers and diff lines.
//! Fixtures under `tests/fixtures/authoring-*`.

mod common;

use common::chrome::browser_or_skip;
use common::http::Server;
use common::{Site, select};
use std::time::Duration;

/// The text of an element without the line numbers and diff signs, as the
/// copy button takes it.
fn code_text(el: scraper::ElementRef<'_>) -> String {
    let mut out = String::new();
    for node in el.descendants() {
        if let Some(t) = node.value().as_text() {
            let hidden = node
                .ancestors()
                .filter_map(scraper::ElementRef::wrap)
                .any(|a| a.value().classes().any(|c| c == "ln" || c == "dm"));
            if !hidden {
                out.push_str(t);
            }
        }
    }
    out
}

fn built(name: &str) -> (Site, common::Run) {
    let site = Site::copy(name);
    let run = site.build(&[]).ok();
    (site, run)
}

#[test]
fn code_block_title_is_shown_as_a_caption_above_the_block() {
    let (site, _) = built("authoring-code");
    let doc = site.html("index.html");
    let figures = select(&doc, "figure.code-figure");
    assert_eq!(figures.len(), 1);
    let caption = select(&doc, "figure.code-figure > figcaption.code-title");
    assert_eq!(caption[0].text().collect::<String>(), "src/main.rs");
    assert_eq!(select(&doc, "figure.code-figure > figcaption + pre.code.numbered[data-lang=rust]").len(), 1);
}

#[test]
fn marked_lines_and_numbers_follow_the_fence_attributes() {
    let (site, _) = built("authoring-code");
    let doc = site.html("index.html");
    let pre = select(&doc, "figure.code-figure pre")[0];
    let lines: Vec<_> = pre.select(&scraper::Selector::parse(".line").unwrap()).collect();
    assert_eq!(lines.len(), 6);
    let marked: Vec<bool> = lines
        .iter()
        .map(|l| l.value().name() == "mark" && l.value().has_class("hl", scraper::CaseSensitivity::CaseSensitive))
        .collect();
    assert_eq!(marked, [false, true, false, true, true, false]);
    let numbers: Vec<String> =
        select(&doc, "figure.code-figure .ln[aria-hidden=true]").iter().map(|n| n.text().collect()).collect();
    assert_eq!(numbers, [" 9", "10", "11", "12", "13", "14"]);
    // A string over two lines keeps its colour on both, each line's spans closed.
    assert_eq!(lines[1].html().matches("<span").count(), lines[1].html().matches("</span>").count());
    assert_eq!(code_text(pre), "fn main() {\n    let s = \"two\nlines\";\n    let a = 1;\n    let b = 2;\n}\n");

    // MkDocs' spelling: hl_lines and linenostart.
    let py = select(&doc, "pre[data-lang=python]")[0];
    let numbers: Vec<String> =
        py.select(&scraper::Selector::parse(".ln").unwrap()).map(|n| n.text().collect()).collect();
    assert_eq!(numbers, ["3", "4", "5"]);
    assert_eq!(py.select(&scraper::Selector::parse("mark.line.hl").unwrap()).count(), 2);
    assert_eq!(code_text(py), "a = 1\nb = 2\nc = 3\n");
}

#[test]
fn diff_lines_are_added_and_removed_with_the_language_highlighted() {
    let (site, _) = built("authoring-code");
    let doc = site.html("index.html");
    let pre = select(&doc, "pre.code.diff")[0];
    assert_eq!(pre.value().attr("data-lang"), Some("rust"));
    let del = select(&doc, "pre.diff del.line.del");
    let ins = select(&doc, "pre.diff ins.line.add");
    assert_eq!((del.len(), ins.len()), (1, 1));
    assert_eq!(code_text(del[0]), "    old();\n");
    assert_eq!(code_text(ins[0]), "    new();\n");
    let signs: Vec<String> =
        select(&doc, "pre.diff .dm[aria-hidden=true]").iter().map(|n| n.text().collect()).collect();
    assert_eq!(signs, [" ", "-", "+", " "]);
    // Still Rust: `fn` has a colour class.
    assert!(!select(&doc, "pre.diff .line span[class^=l]").is_empty());
    assert_eq!(code_text(pre), "fn main() {\n    old();\n    new();\n}\n");
}

#[test]
fn fence_without_attributes_renders_as_before() {
    let (site, _) = built("authoring-code");
    let html = site.read("index.html");
    assert!(html.contains(
        "<pre class=\"code\" data-lang=\"rust\"><code class=\"language-rust\"><span class=\"l8 d8\">fn </span><span class=\"l6 d6\">main</span>() {}\n</code></pre>\n"
    ), "{html}");
}

#[test]
fn unknown_fence_attribute_is_a_warning_at_the_fence() {
    let (site, run) = built("authoring-code");
    assert_eq!(
        run.stderr.lines().take(2).collect::<Vec<_>>().join("\n"),
        "content/_index.md:33:1: warning: unknown code block attribute `colour` ignored\n  = help: known attributes: title=\"…\", {2,5-7}, hl_lines=\"2 5-7\", showLineNumbers, showLineNumbers=5, linenos, linenostart=5, diff, include=\"path\" (with lines=\"3-9\" or region=\"name\")"
    );
    // The block is still there, as a plain TOML block.
    assert_eq!(select(&site.html("index.html"), "pre.code[data-lang=toml]:not(.numbered)").len(), 1);
}

#[test]
fn malformed_line_ranges_are_errors_at_their_fences_and_write_nothing() {
    let site = Site::copy("authoring-code-errors");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!site.out().exists());
    assert_eq!(
        run.stderr,
        "content/_index.md:5:1: error: line range `3-1` ends before it starts\n  = help: write the first line first: `1-3`\n\
         content/_index.md:11:3: error: `x` is not a line number or a range of lines\n  = help: mark lines as `{2}`, `{2,5-7}` or `hl_lines=\"2 5-7\"` (lines count from 1 at the block's first line)\n\
         build failed: 2 errors; the previous output was left untouched\n"
    );
}

#[test]
fn dollar_formulas_become_mathml_without_a_script() {
    let (site, _) = built("authoring-extras");
    let doc = site.html("index.html");
    let inline = select(&doc, "p > math[display=inline]");
    assert_eq!(inline.len(), 2);
    // `\,` is a thin space, not a lost backslash.
    assert_eq!(select(&doc, "p > math[display=inline] mspace[width=\"0.16666667em\"]").len(), 1);
    let annotations: Vec<String> =
        select(&doc, "math annotation[encoding=\"application/x-tex\"]").iter().map(|a| a.text().collect()).collect();
    assert_eq!(annotations[..2], [r"e^{i\pi} + 1 = 0".to_string(), r"a\,b".to_string()]);
    assert_eq!(select(&doc, "math[display=block] mfrac").len(), 1);
    // No script and nothing from another host for formulas.
    let html = site.read("index.html");
    assert!(!html.contains("katex") && !html.contains("mathjax") && !html.contains("cdn."), "{html}");
}

#[test]
fn prices_with_dollar_signs_stay_text() {
    let (site, _) = built("authoring-extras");
    let doc = site.html("index.html");
    let p = select(&doc, "p").into_iter().find(|p| p.text().collect::<String>().starts_with("Prices")).unwrap();
    assert_eq!(p.inner_html(), "Prices: it costs $5 and $10 today.");
}

#[test]
fn broken_formula_is_a_warning_and_shows_its_source() {
    let (site, run) = built("authoring-extras");
    assert_eq!(
        run.stderr,
        "content/_index.md:13:9: warning: formula not rendered: expected a token\n  = help: it is shown as LaTeX source; `\\$` writes a dollar sign that starts no formula\n"
    );
    let doc = site.html("index.html");
    let code = select(&doc, "code.math-error");
    assert_eq!(code.len(), 1);
    assert_eq!(code[0].text().collect::<String>(), r"$\frac{1}$");
}

#[test]
fn definition_lists_sub_sup_mark_and_emoji_render_and_strikethrough_still_works() {
    let (site, _) = built("authoring-extras");
    let doc = site.html("index.html");
    assert_eq!(select(&doc, "dl > dt")[0].text().collect::<String>(), "Term");
    assert_eq!(select(&doc, "dl > dd")[0].text().collect::<String>(), "Its definition.");
    let p = select(&doc, "p").into_iter().find(|p| p.text().collect::<String>().starts_with("H2O")).unwrap();
    assert_eq!(
        p.inner_html(),
        "H<sub>2</sub>O and 2<sup>10</sup> and <del>gone</del> and <mark>look here</mark> and 🚀 and :nope:."
    );
    assert_eq!(select(&doc, "details > summary")[0].text().collect::<String>(), "More");
}

#[test]
fn copy_button_copies_code_without_line_numbers_or_diff_signs() {
    let test = "copy_button_copies_code_without_line_numbers_or_diff_signs";
    let (site, _) = built("authoring-code");
    let Some(mut chrome) = browser_or_skip(test) else { return };
    let server = Server::start(&site.out());
    chrome.navigate(&server.url("/")).expect("open the page");
    let wait = Duration::from_secs(15);
    chrome.wait_for("document.querySelectorAll('.copy-button').length === 5", wait).expect("copy buttons");
    // The clipboard is replaced by a recorder: what the button writes is kept.
    chrome
        .eval(
            "Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: t => { \
             (window.copied = window.copied || []).push(t); return Promise.resolve(); } } }); true",
        )
        .expect("clipboard recorder");
    let copied = |chrome: &mut common::chrome::Chrome, selector: &str| -> String {
        chrome
            .eval(&format!("window.copied = []; document.querySelector('{selector}').closest('.code-block').querySelector('.copy-button').click(); true"))
            .expect("click");
        let v = chrome.wait_for("window.copied.length === 1 && window.copied[0]", wait).expect("copied");
        v.as_str().unwrap_or_default().to_string()
    };
    assert_eq!(
        copied(&mut chrome, "figure.code-figure pre"),
        "fn main() {\n    let s = \"two\nlines\";\n    let a = 1;\n    let b = 2;\n}"
    );
    assert_eq!(copied(&mut chrome, "pre.diff"), "fn main() {\n    old();\n    new();\n}");
    assert_eq!(copied(&mut chrome, "pre[data-lang=python]"), "a = 1\nb = 2\nc = 3");
}

#[test]
fn heading_with_subscript_and_mark_keeps_their_text_in_its_id() {
    let (site, _) = built("authoring-extras");
    let doc = site.html("index.html");
    let h = select(&doc, "h2");
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].value().attr("id"), Some("h2o-is-wet-"));
    assert_eq!(select(&doc, "h2 > sub")[0].text().collect::<String>(), "2");
    assert_eq!(select(&doc, "h2 > mark")[0].text().collect::<String>(), "wet");
}

/// The example site's "Writing" page shows every authoring feature (code
/// block attributes, tabs, includes, diagrams, math, videos, callouts, the
/// rest of GitHub's markdown): its `<main>` is a reviewed snapshot. The
/// page's last-change date comes from git, so it is replaced by `DATE`.
#[test]
fn writing_page_main_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site");
    let out = dir.path().join("out");
    let run: common::Run = common::onramp().arg("build").arg(&src).arg("--out").arg(&out).output().unwrap().into();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(out.join("docs/writing/index.html")).unwrap();
    let doc = scraper::Html::parse_document(&text);
    let main = common::main_html(&doc);
    let dated = regex_lite::Regex::new(r#"<time datetime="[^"]*">[^<]*</time>"#).unwrap();
    insta::assert_snapshot!(dated.replace_all(&main, r#"<time datetime="DATE">DATE</time>"#));
}
