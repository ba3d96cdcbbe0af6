use super::*;

fn labels() -> AlertLabels {
    AlertLabels {
        titles: ["Note", "Tip", "Important", "Warning", "Caution"].map(String::from),
        video: Default::default(),
    }
}

fn md(body: &str) -> Rendered {
    md_key(body, "docs/page.md")
}

fn md_key(body: &str, key: &str) -> Rendered {
    md_full(body, key, true).0
}

fn md_diags(body: &str) -> (Rendered, Vec<Diagnostic>) {
    md_full(body, "docs/page.md", true)
}

fn md_full(body: &str, key: &str, raw_html: bool) -> (Rendered, Vec<Diagnostic>) {
    let h = Highlighter::new();
    let l = labels();
    let input = RenderInput {
        file_text: body,
        body_offset: 0,
        path: Path::new("content/docs/page.md"),
        key,
        heading_ids: None,
        alerts: &l,
        highlighter: &h,
        raw_html,
        site_files: &Default::default(),
        includes: None,
    };
    render(body, &input)
}

#[test]
fn headings_get_unique_ids_anchors_and_toc() {
    let r = md("## Setup\n\ntext\n\n### Linux\n\n## Setup\n\n## Custom {#my-id}\n");
    assert_eq!(r.heading_ids, ["setup", "linux", "setup-1", "my-id"]);
    assert!(r.html.contains("<h2 id=\"setup\">Setup<a class=\"anchor\" href=\"#setup\""), "{}", r.html);
    assert_eq!(r.toc.len(), 3);
    assert_eq!(r.toc[0].children[0].id, "linux");
}

#[test]
fn leading_h1_becomes_the_title() {
    let r = md("# The title\n\nBody text.\n");
    assert_eq!(r.h1.as_deref(), Some("The title"));
    assert!(!r.html.contains("<h1"));
    let r = md("Intro.\n\n# Not a title\n");
    assert_eq!(r.h1, None);
    assert!(r.html.contains("<h1 id=\"not-a-title\""));
}

#[test]
fn comments_above_the_leading_h1_leave_it_the_title() {
    let r = md("<!-- markdownlint-disable MD041 -->\n<!-- generated -->\n\n# ls\n\nList files.\n");
    assert_eq!(r.h1.as_deref(), Some("ls"));
    assert!(!r.html.contains("<h1"), "{}", r.html);
    assert!(r.html.starts_with("<!-- markdownlint-disable MD041 -->"), "{}", r.html);
    let r = md("<div>badge</div>\n\n# Not a title\n");
    assert_eq!(r.h1, None);
    assert!(r.html.contains("<h1 id=\"not-a-title\""), "{}", r.html);
    let r = md("<!-- a --> <b>x</b>\n\n# Not a title\n");
    assert_eq!(r.h1, None);
}

#[test]
fn badges_on_the_title_line_open_the_body() {
    let r = md(
        "# Widgets [![CI](https://ci.example.org/badge.svg)](https://ci.example.org/) ![MIT](https://img.example.org/mit.svg)\n\nBody.\n",
    );
    assert_eq!(r.h1.as_deref(), Some("Widgets"));
    assert_eq!(
        r.html,
        "<p class=\"title-badges\"><a href=\"https://ci.example.org/\"><img src=\"https://ci.example.org/badge.svg\" alt=\"CI\" loading=\"lazy\"></a> <img src=\"https://img.example.org/mit.svg\" alt=\"MIT\" loading=\"lazy\"></p>\n<p>Body.</p>\n"
    );
    // A link with text stays in the title; a site file badge gets a slot.
    let r = md("# [Widgets](https://w.example.org/) ![logo](logo.svg)\n");
    assert_eq!(r.h1.as_deref(), Some("Widgets"));
    assert_eq!(r.links.len(), 1);
    assert_eq!(r.link_slots.len(), 1);
    assert_eq!(r.link_slots[0].link, 0);
    assert!(r.html.starts_with("<p class=\"title-badges\"><img src=\""), "{}", r.html);
    // A title line that is only an image is no title.
    let r = md("# ![logo](https://img.example.org/logo.svg)\n");
    assert_eq!(r.h1, None);
    // Images in other headings are checked like any image.
    let (r, d) = md_diags("## Setup ![x](javascript:alert(1))\n");
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(r.html.contains("<img alt=\"x\" loading=\"lazy\">"), "{}", r.html);
}

#[test]
fn alerts_become_callouts() {
    let r = md("> [!WARNING]\n> Be careful.\n");
    assert!(
        r.html
            .starts_with("<div class=\"callout callout-warning\" role=\"note\"><p class=\"callout-title\">Warning</p>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("Be careful."));
    assert!(r.html.trim_end().ends_with("</div>"));
}

#[test]
fn links_become_placeholders_with_positions() {
    let r = md("Intro\n\nSee [install](../guide/install.md#setup) and [here](#top).\n");
    assert_eq!(r.links.len(), 2);
    assert_eq!(r.links[0].target, LinkTarget::Page { key: "guide/install.md".into(), fragment: Some("setup".into()) });
    assert_eq!((r.links[0].line, r.links[0].col), (3, 5));
    assert_eq!(r.links[1].target, LinkTarget::Anchor("top".into()));
    assert!(r.html.contains("<a href=\"\">install</a>"), "{}", r.html);
    let at = r.html.find("<a href=\"").unwrap() + "<a href=\"".len();
    assert_eq!(r.link_slots[0], LinkSlot { at, link: 0 });
    assert_eq!(r.link_slots.len(), 2);
}

#[test]
fn nul_bytes_in_the_body_are_plain_text() {
    let r = md("a \0L0\0 b [x](#top) \0\0\n\n# T \0 [in heading](other.md)\n");
    // pulldown-cmark passes NUL through; no text stands for a link any more.
    assert!(r.html.starts_with("<p>a \0L0\0 b <a href=\"\">x</a> \0\0</p>"), "{:?}", r.html);
    assert_eq!(r.link_slots.len(), 2);
    assert_eq!(r.link_slots[1].link, 1);
    assert!(r.html[..r.link_slots[1].at].ends_with("<a href=\""), "{}", r.html);
}

#[test]
fn script_urls_lose_their_href_with_a_warning() {
    for url in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "\u{1}javascript:x",
        "java\tscript:x",
        "vbscript:x",
        "data:text/html,x",
    ] {
        let body = format!("[t](<{url}>)\n");
        let (r, diags) = md_diags(&body);
        assert_eq!(r.html, "<p><a>t</a></p>\n", "{url:?}");
        assert_eq!(diags.len(), 1, "{url:?}");
    }
    let (r, diags) = md_diags("![i](data:image/png;base64,AAAA)\n");
    assert!(diags.is_empty());
    assert!(r.html.contains("src=\"data:image/png;base64,AAAA\""), "{}", r.html);
}

#[test]
fn raw_html_is_omitted_when_turned_off() {
    let body = "<div>\n<script>x</script>\n</div>\n\nText <b>bold</b>.\n\n# H <i>i</i>\n";
    let (r, _) = md_full(body, "a.md", false);
    assert_eq!(
        r.html,
        "<!-- raw HTML omitted -->\n<p>Text <!-- raw HTML omitted -->bold<!-- raw HTML omitted -->.</p>\n<h1 id=\"h-i\">H <!-- raw HTML omitted -->i<!-- raw HTML omitted --><a class=\"anchor\" href=\"#h-i\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h1>\n"
    );
}

#[test]
fn external_links_are_left_alone() {
    let r = md("[a](https://example.org/x?a=1&b=2) [m](mailto:a@b.c)\n");
    assert!(r.links.is_empty());
    assert!(r.html.contains("href=\"https://example.org/x?a=1&amp;b=2\""), "{}", r.html);
}

#[test]
fn classify_and_join() {
    assert_eq!(join_key("a/b/c.md", "../d.md"), "a/d.md");
    assert_eq!(join_key("a.md", "../../x.md"), "../../x.md");
    assert_eq!(classify_link("/img/a.png", "x.md"), Some(LinkTarget::Root("img/a.png".into())));
    assert_eq!(classify_link("img%20x.png", "a/b.md"), Some(LinkTarget::Asset("a/img x.png".into())));
    assert_eq!(classify_link("http://x", "a.md"), None);
}

#[test]
fn gfm_extensions_render() {
    let r =
        md("| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~old~~ \"quoted\"[^1]\n\n[^1]: A note.\n");
    assert!(r.html.contains("<table>"));
    assert!(r.html.contains("type=\"checkbox\""));
    assert!(r.html.contains("<del>old</del>"));
    assert!(r.html.contains("\u{201c}quoted\u{201d}"));
    assert!(r.html.contains("footnote"));
}

#[test]
fn code_is_highlighted_and_kept_out_of_search_text() {
    let r = md("## Code\n\nRun it:\n\n```rust\nfn secret_name() {}\n```\n");
    assert!(r.html.contains("data-lang=\"rust\""));
    assert_eq!(r.sections.last().unwrap().text, "Run it:");
}

#[test]
fn search_sections_follow_headings() {
    let r = md("Intro text.\n\n## First\n\nAlpha *beta*.\n\n## Second\n\nGamma `delta`.\n");
    let s: Vec<(&str, &str, &str)> =
        r.sections.iter().map(|s| (s.heading.as_str(), s.id.as_str(), s.text.as_str())).collect();
    assert_eq!(s, [("", "", "Intro text."), ("First", "first", "Alpha beta."), ("Second", "second", "Gamma delta.")]);
}

#[test]
fn translations_follow_source_ids() {
    let h = Highlighter::new();
    let l = labels();
    let ids = vec!["setup".to_string(), "usage".to_string()];
    let body = "## Installation\n\n## Utilisation\n";
    let input = RenderInput {
        file_text: body,
        body_offset: 0,
        path: Path::new("a.fr.md"),
        key: "a.md",
        heading_ids: Some(&ids),
        alerts: &l,
        highlighter: &h,
        raw_html: true,
        site_files: &Default::default(),
        includes: None,
    };
    let (r, _) = render(body, &input);
    assert_eq!(r.heading_ids, ["setup", "usage"]);
    assert_eq!(r.alias_ids, ["installation", "utilisation"]);
    assert!(
        r.html.starts_with("<h2 id=\"setup\"><span id=\"installation\" class=\"anchor-alias\"></span>Installation"),
        "{}",
        r.html
    );
}

#[test]
fn images_get_resolvable_sources_and_escaped_alt() {
    let r = md("![a \"diagram\" <b>x</b>](img/d.svg \"T\") ![ext](https://x.org/a.png)\n");
    assert_eq!(r.links.len(), 1);
    assert_eq!(r.links[0].target, LinkTarget::Asset("docs/img/d.svg".into()));
    assert!(
        r.html.contains("<img src=\"\" alt=\"a \u{201c}diagram\u{201d} x\" title=\"T\" loading=\"lazy\">"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<img src=\"https://x.org/a.png\" alt=\"ext\" loading=\"lazy\">"), "{}", r.html);
}

#[test]
fn task_list_boxes_are_named_by_their_item() {
    let r = md("- [x] Install **the** `cli`\n- [ ] Write `<docs>` & more\n  - [ ] nested step\n\n1. [ ] \n");
    assert!(
        r.html.contains(r#"<input checked="" disabled="" type="checkbox" aria-label="Install the cli">"#),
        "{}",
        r.html
    );
    assert!(r.html.contains(r#"<input disabled="" type="checkbox" aria-label="Write &lt;docs&gt; &amp; more">"#));
    assert!(r.html.contains(r#"aria-label="nested step""#));
    // An item without text gets no empty name.
    assert!(r.html.contains("<input disabled=\"\" type=\"checkbox\">"), "{}", r.html);
    let loose = md("- [x] first\n\n  more\n\n- [ ] second\n");
    assert!(loose.html.contains(r#"aria-label="first""#), "{}", loose.html);
}

#[test]
fn percent_escapes_decode_and_odd_ones_stay() {
    assert_eq!(percent_decode("a%20b%C3%A9"), "a bé");
    // A `%` before a multi-byte character or at the end is kept as written.
    assert_eq!(percent_decode("%aé%"), "%aé%");
    assert_eq!(percent_decode("100%"), "100%");
}

#[test]
fn a_control_character_in_fence_attributes_is_quoted_escaped() {
    // Found by the fuzz test: a NUL after the fence's language broke the
    // one-line `path:line:col: warning:` format.
    let (_, d) = md_diags("```rust \u{0}\nx\n```\n");
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].message, "unknown code block attribute `\\u{0}` ignored");
}

#[test]
fn a_packed_body_reads_back_as_the_same_html_and_a_short_one_stays_plain() {
    let body = "# T\n\nSee [install](install.md) and ünïcode text.\n\n".repeat(20) + "```rust\nfn main() {}\n```\n";
    let plain = md(&body);
    let mut packed = plain.clone();
    packed.pack();
    assert!(packed.html.is_empty(), "the plain text is released once packed");
    assert_eq!(packed.html(), plain.html());
    assert_eq!(packed.html().len(), plain.html.len());
    packed.pack();
    assert_eq!(packed.html(), plain.html(), "packing twice changes nothing");
    let mut short = md("Hi.\n");
    short.pack();
    assert_eq!(short.html, "<p>Hi.</p>\n");
    packed.keep_search_text();
    assert_eq!(packed.html(), "");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 4000, ..Default::default() })]

    /// The table-driven word count and whitespace collapsing agree with
    /// `split_whitespace` on any text: ASCII control bytes, the vertical
    /// tab and form feed, non-ASCII spaces (next line, no-break, ogham,
    /// line separator, ideographic) and multi-byte letters.
    #[test]
    fn word_count_and_collapse_agree_with_split_whitespace(t in "[ \t\n\r\u{b}\u{c}\u{1c}a-c.\u{85}\u{a0}\u{1680}\u{2028}\u{3000}é€😀]{0,24}") {
        proptest::prop_assert_eq!(count_words(&t), t.split_whitespace().count());
        proptest::prop_assert_eq!(collapse_whitespace(&t), t.split_whitespace().collect::<Vec<_>>().join(" "));
    }
}
