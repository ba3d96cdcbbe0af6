//! Markdown written for other generators (Hugo, Jekyll, Docusaurus, Zola)
//! and READMEs, built as it is: their front matter fields, TOML front
//! matter, badges on a README's title line, and site languages whose UI
//! strings come from a close locale (`zh` reading the theme's `zh-CN`).

mod common;

use common::{Site, select, text_of};

#[test]
fn site_language_without_its_own_locale_reads_the_closest_one_before_english() {
    let site = Site::copy("importfm-langneg");
    site.build(&[]).ok();
    let ui = |rel: &str| {
        let doc = site.html(rel);
        // The search button comes from the language's search/dialog.html.
        let dialog = select(&doc, "#search")[0].value().attr("data-dialog").unwrap().to_string();
        (text_of(&doc, ".skip-link"), text_of(&site.html(dialog.trim_start_matches('/')), ".search-button-label"))
    };
    // `zh` has no locale files: the theme's `zh-CN` ones are the closest.
    assert_eq!(ui("zh/docs/page/index.html"), ("跳转到主要内容".to_string(), "搜索".to_string()));
    // `pt` reads the site's own `pt-BR` file, and English for what it lacks.
    assert_eq!(ui("pt/docs/page/index.html"), ("Pular para o conteúdo".to_string(), "Search".to_string()));
    // `en-GB` reads its parent, `en`.
    assert_eq!(ui("en-GB/docs/page/index.html"), ("Skip to content".to_string(), "Search".to_string()));
    let html_lang = |rel: &str| select(&site.html(rel), "html")[0].value().attr("lang").map(str::to_string);
    assert_eq!(html_lang("zh/docs/page/index.html").as_deref(), Some("zh"));
}

/// The lines of `stderr` that start a diagnostic, without help lines and summary.
fn diagnostics(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.starts_with("content/")).collect()
}

#[test]
fn every_unknown_front_matter_field_is_reported_in_one_build_at_its_key() {
    let site = Site::copy("importfm-unknown");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!site.out().exists());
    let known = "known keys are `title`, `description`, `weight`, `draft`, `date`, `slug`, `aliases`, `layout`, `tags`, `extra`, `search`, `translation_of`, `paginate_by`, `release`, `case_study`, `steps`, `paths`, `directory`, `guide`, `community`, `meetings`, `videos`";
    let expected = [
        "content/other.md:3:1: error: unknown front matter field `wieght`\n  = help: did you mean `weight`?"
            .to_string(),
        // `subtitel` is four edits from `title`: no suggestion.
        format!("content/page.md:3:1: error: unknown front matter field `subtitel`\n  = help: {known}"),
        format!("content/page.md:4:1: error: unknown front matter field `colour`\n  = help: {known}"),
        "content/page.md:7:1: error: unknown front matter field `descripton`\n  = help: did you mean `description`?"
            .into(),
        format!("content/page.md:8:1: error: unknown front matter field `odd key`\n  = help: {known}"),
        "build failed: 5 errors; the previous output was left untouched".into(),
    ];
    assert_eq!(run.stderr.trim_end(), expected.join("\n"));
}

#[test]
fn hugo_docusaurus_and_zola_fields_are_read_or_warned_about_once_each() {
    let site = Site::copy("importfm-hugo");
    let run = site.build(&[]).ok();
    assert_eq!(
        diagnostics(&run.stderr),
        [
            "content/docs/docusaurus.md:4:1: warning: front matter field `sidebar_label` is not used: the sidebar shows the page's `title`",
            "content/docs/hugo.md:4:1: warning: front matter field `categories` is not used: onramp has one list of labels, `tags`",
            "content/docs/hugo.md:5:1: warning: front matter field `author` is not used: the default theme names no authors on pages",
            "content/docs/hugo.md:7:1: warning: front matter field `permalink` is not used: a page's URL follows its file's place under `content/`",
            "content/docs/hugo.md:8:1: warning: front matter field `toc` is not used: the contents (\"On this page\") are shown on every page with headings",
            "content/docs/zola.md:5:1: warning: front matter field `updated` is not used: the \"last updated\" date comes from the file's git history",
        ]
    );
    // `sidebar_position` is the weight: the Docusaurus page (1) comes before
    // the Zola page (2), and both before the page without a weight.
    let doc = site.html("docs/hugo/index.html");
    let nav: Vec<String> = select(&doc, "#sidebar .nav-depth-1 a")
        .iter()
        .map(|a| a.text().collect::<String>().trim().to_string())
        .collect();
    assert_eq!(nav, ["First steps", "Zola page", "Deploying"]);
    // Hugo's `summary` is the description.
    let description: Vec<&str> =
        select(&doc, "meta[name=description]").iter().filter_map(|m| m.value().attr("content")).collect();
    assert_eq!(description, ["How to ship it."]);
}

#[test]
fn toml_front_matter_page_builds_with_its_title() {
    let site = Site::copy("importfm-hugo");
    site.build(&[]).ok();
    let doc = site.html("docs/zola/index.html");
    assert_eq!(text_of(&doc, "main h1"), "Zola page");
    assert_eq!(text_of(&doc, "title"), "Zola page · Imported");
    // The front matter is not in the body.
    let body: String = select(&doc, "main").iter().flat_map(|m| m.text()).collect();
    assert!(!body.contains("+++") && !body.contains("in_search_index"), "{body}");
}

#[test]
fn toml_syntax_error_is_reported_at_the_file_line_and_column() {
    let site = Site::copy("importfm-toml-error");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr.trim_end(),
        "content/page.md:4:28: error: invalid TOML: invalid basic string, expected `\"`\nbuild failed: 1 error; the previous output was left untouched"
    );
}

#[test]
fn badges_on_a_readme_title_line_are_kept_when_front_matter_has_a_title() {
    let site = Site::copy("importfm-readme");
    site.build(&[]).ok();
    let doc = site.html("project/index.html");
    // The front matter's title is the heading; the title line's text is not repeated.
    assert_eq!(select(&doc, "main h1").len(), 1);
    assert_eq!(text_of(&doc, "main h1"), "Widgets for everyone");
    // Its badges open the text, links and images resolved like any other.
    let first: Vec<String> = select(&doc, ".prose > :first-child").iter().map(|e| e.html()).collect();
    assert_eq!(
        first,
        [
            "<p class=\"title-badges\"><a href=\"https://ci.example.org/widgets\"><img alt=\"CI\" loading=\"lazy\" src=\"https://ci.example.org/widgets.svg\"></a> <a href=\"/guide/\"><img alt=\"Docs\" loading=\"lazy\" src=\"/badges/docs.svg\"></a></p>"
        ]
    );
    // Without a front matter title the line's text is the title, without the badges' alt text.
    let doc = site.html("guide/index.html");
    assert_eq!(text_of(&doc, "main h1"), "Guide");
    assert_eq!(text_of(&doc, "title"), "Guide · Imported");
    let badges: Vec<(String, String)> = select(&doc, ".prose > p.title-badges img")
        .iter()
        .map(|i| (i.value().attr("src").unwrap_or("").to_string(), i.value().attr("alt").unwrap_or("").to_string()))
        .collect();
    assert_eq!(badges, [("https://img.example.org/stable.svg".to_string(), "stable".to_string())]);
}

#[test]
fn translation_status_counts_the_ui_strings_a_language_reads_from_a_close_locale() {
    let site = Site::copy("importfm-langneg");
    let run = common::onramp().args(["i18n", "status"]).arg(site.root()).output().expect("run onramp");
    let out = String::from_utf8_lossy(&run.stdout);
    // language, pages, current, outdated, unknown, missing, done, ui missing
    let ui_missing: Vec<(&str, &str)> = out
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .take_while(|cols| cols.len() == 8)
        .map(|cols| (cols[0], cols[7]))
        .collect();
    let en_messages = out.lines().filter(|l| l.starts_with("pt: ui message missing: ")).count();
    assert!(en_messages > 100, "{out}");
    assert_eq!(ui_missing, [("zh", "0"), ("pt", en_messages.to_string().as_str()), ("en-GB", "0")], "{out}");
    // `pt` has the one message of the site's `pt-BR` file.
    assert!(!out.contains("pt: ui message missing: skip-to-content"), "{out}");
    assert!(out.contains("pt: ui message missing: search-button"), "{out}");
}
