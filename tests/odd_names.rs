//! Content imported as it is: a command reference whose file names are
//! command names (`..md`, `[[.md`, `%.md`), pages titled by their first
//! `# heading` instead of front matter, and files written on Windows (CRLF
//! line endings, tabs) with template placeholders in their text.

mod common;

use common::{Site, select, text_of};
use std::collections::BTreeSet;
use std::path::Path;

/// The commands of `names-commands`: file stem, URL segment.
const COMMANDS: [(&str, &str); 10] = [
    (".", "dot"),
    ("!", "!"),
    ("[[", "[["),
    ("{", "{"),
    ("%", "%"),
    (",", ","),
    ("-", "-"),
    ("_", "_"),
    ("@", "@"),
    ("~", "~"),
];

/// Every `index.html` of the output, as its folder relative to it (`commands/dot/`).
fn written_pages(out: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .map(|e| e.expect("walk output"))
        .filter(|e| e.file_name() == "index.html")
        .map(|e| {
            let dir = e.path().parent().expect("parent").strip_prefix(out).expect("inside the output");
            let dir = dir.to_string_lossy().into_owned();
            if dir.is_empty() { dir } else { format!("{dir}/") }
        })
        .collect()
}

/// An href as the path it names (hrefs may be percent-encoded).
fn decoded(href: &str) -> String {
    percent_encoding::percent_decode_str(href).decode_utf8().expect("UTF-8 href").into_owned()
}

fn error_lines(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| !l.starts_with("  =")).collect()
}

#[test]
fn punctuation_file_names_each_become_a_page_with_its_own_url_in_every_language() {
    let site = Site::copy("names-commands");
    let run = site.build(&[]).ok();
    // 12 sources (home, section, 10 commands) in 2 languages.
    assert!(run.stdout.starts_with("built 24 pages (12 en, 12 fr) into "), "{}", run.stdout);
    let mut want: BTreeSet<String> = ["", "commands/"].into_iter().map(String::from).collect();
    want.extend(COMMANDS.iter().map(|(_, seg)| format!("commands/{seg}/")));
    want.extend(want.clone().iter().map(|p| format!("fr/{p}")));
    assert_eq!(written_pages(&site.out()), want);
    for (name, seg) in COMMANDS {
        let page = site.html(&format!("commands/{seg}/index.html"));
        assert_eq!(text_of(&page, "main h1"), name, "commands/{seg}/");
        assert_eq!(text_of(&page, ".prose p"), format!("The {name} command."), "commands/{seg}/");
    }
    // `..fr.md` is the French page of `..md`, not a hidden file.
    let dot_fr = site.html("fr/commands/dot/index.html");
    assert_eq!(text_of(&dot_fr, ".prose p"), "Lire un fichier dans le shell courant.");
    assert_eq!(text_of(&site.html("fr/commands/!/index.html"), ".prose p"), "Inverser le code de sortie.");
    // The section's links to every command name ten distinct pages, in order.
    let section = site.html("commands/index.html");
    let hrefs: Vec<String> =
        select(&section, ".prose a").iter().map(|a| decoded(a.value().attr("href").expect("href"))).collect();
    let expected: Vec<String> = COMMANDS.iter().map(|(_, seg)| format!("/commands/{seg}/")).collect();
    assert_eq!(hrefs, expected);
}

#[test]
fn a_page_named_with_dots_is_written_inside_the_output_not_above_it() {
    let site = Site::copy("names-commands");
    // At the top of `content/`, `.` and `..` would be the output folder and its parent.
    site.write("content/..md", "# .\n\nSource a file.\n");
    site.write("content/...md", "# ..\n\nThe parent folder.\n");
    site.build(&[]).ok();
    assert_eq!(text_of(&site.html("dot/index.html"), "main h1"), ".");
    assert_eq!(text_of(&site.html("dot-dot/index.html"), "main h1"), "..");
    assert_eq!(text_of(&site.html("fr/dot-dot/index.html"), "main h1"), "..");
    // The home page is still the home page, and nothing is written beside the output.
    assert_eq!(text_of(&site.html("index.html"), "main h1"), "Shell commands");
    let beside: BTreeSet<String> = std::fs::read_dir(site.dir.path())
        .expect("read temp dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, BTreeSet::from(["out".to_string(), "site".to_string()]));
}

#[test]
fn a_dot_page_and_a_page_named_dot_are_reported_at_both_files() {
    let site = Site::copy("names-commands");
    site.write("content/commands/dot.md", "# dot\n\nDraw graphs.\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // Once per file, not again for the French copies of the same two pages.
    let message =
        "error: `content/commands/..md` and `content/commands/dot.md` would both be written to `/commands/dot/`";
    assert_eq!(
        run.stderr,
        format!(
            "content/commands/..md:1:1: {message}\n  = help: give one of them a different `slug` or file name\n\
             content/commands/dot.md:1:1: {message}\n  = help: give one of them a different `slug` or file name\n\
             build failed: 2 errors; the previous output was left untouched\n"
        )
    );
    assert!(!site.out().exists());
}

#[test]
fn a_slug_taking_a_punctuation_page_url_is_reported_at_both_files() {
    let site = Site::copy("names-commands");
    site.write("content/commands/bang.md", "---\nslug: \"!\"\n---\n# bang\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        error_lines(&run.stderr),
        [
            "content/commands/!.md:1:1: error: `content/commands/!.md` and `content/commands/bang.md` would both be written to `/commands/!/`",
            "content/commands/bang.md:2:7: error: `content/commands/!.md` and `content/commands/bang.md` would both be written to `/commands/!/`",
            "build failed: 2 errors; the previous output was left untouched",
        ]
    );
}

#[test]
fn a_page_given_twice_for_one_language_is_reported_at_both_files() {
    let site = Site::copy("names-commands");
    site.write("content/fr/commands/!.md", "# !\n\nEncore.\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let message = "error: `content/commands/!.fr.md` and `content/fr/commands/!.md` are the same page in language `fr`";
    assert_eq!(
        error_lines(&run.stderr),
        [
            format!("content/commands/!.fr.md:1:1: {message}").as_str(),
            format!("content/fr/commands/!.md:1:1: {message}").as_str(),
            "build failed: 2 errors; the previous output was left untouched",
        ]
    );
}

#[test]
fn a_page_without_a_title_takes_its_first_heading_and_does_not_repeat_it() {
    let site = Site::copy("names-titles");
    site.build(&[]).ok();
    for (page, title) in [
        ("no-front-matter", "Real title"),
        ("untitled-front-matter", "From the heading"),
        // Comments above the heading (lint settings, a generator's note) do not count.
        ("comment-first", "ls"),
    ] {
        let html = site.html(&format!("{page}/index.html"));
        let h1s: Vec<String> = select(&html, "main h1").iter().map(|h| h.text().collect()).collect();
        assert_eq!(h1s, [title], "{page}");
        assert_eq!(text_of(&html, "title"), format!("{title} · Titles"), "{page}");
        // The sidebar names the page by the same title.
        let nav: Vec<String> = select(&html, "nav a[aria-current=page]").iter().map(|a| a.text().collect()).collect();
        assert!(nav.iter().any(|t| t.trim() == title), "{page}: {nav:?}");
    }
    let ls = site.html("comment-first/index.html");
    assert_eq!(text_of(&ls, ".prose p"), "List directory contents.");
}

#[test]
fn a_front_matter_title_replaces_the_opening_heading_instead_of_doubling_it() {
    let site = Site::copy("names-titles");
    site.build(&[]).ok();
    for (page, title, text) in [
        ("same-heading", "Install", "Same words."),
        // The front matter wins; the heading is not shown as a second h1.
        ("other-heading", "Install on Linux", "The heading differs."),
    ] {
        let html = site.html(&format!("{page}/index.html"));
        let h1s: Vec<String> = select(&html, "main h1").iter().map(|h| h.text().collect()).collect();
        assert_eq!(h1s, [title], "{page}");
        assert_eq!(text_of(&html, ".prose"), text, "{page}");
    }
}

#[test]
fn a_heading_below_the_first_paragraph_stays_in_the_body_and_the_file_names_the_page() {
    let site = Site::copy("names-titles");
    site.build(&[]).ok();
    let html = site.html("intro-first/index.html");
    assert_eq!(text_of(&html, "main header h1"), "Intro first");
    let body: Vec<String> = select(&html, ".prose h1").iter().map(|h| h.text().collect()).collect();
    assert_eq!(body, ["A heading further down#"]);
    // A name that would be blank as words (`-.md`) is kept as it is.
    assert_eq!(text_of(&site.html("-/index.html"), "main h1"), "-");
}

#[test]
fn a_translation_without_a_heading_takes_its_source_heading_not_its_file_name() {
    let site = Site::copy("names-titles");
    site.build(&[]).ok();
    assert_eq!(text_of(&site.html("fr/translated/index.html"), "main h1"), "Source heading");
    assert_eq!(text_of(&site.html("fr/own-heading/index.html"), "main h1"), "Titre traduit");
    assert_eq!(select(&site.html("fr/own-heading/index.html"), ".prose h1").len(), 0);
}

/// Text of every element matching `css`.
fn texts(doc: &scraper::Html, css: &str) -> Vec<String> {
    select(doc, css).iter().map(|e| e.text().collect()).collect()
}

#[test]
fn crlf_files_with_tabs_and_template_placeholders_build_with_placeholders_verbatim() {
    let site = Site::copy("names-crlf");
    let raw = std::fs::read_to_string(site.root().join("content/helm.md")).expect("read fixture");
    assert_eq!(raw.matches("\r\n").count(), raw.matches('\n').count(), "the fixture must keep CRLF");
    site.build(&[]).ok();
    let html = site.html("helm/index.html");
    assert_eq!(text_of(&html, "main h1"), "Helm values");
    let description = select(&html, "meta[name=description]")[0].value().attr("content").map(str::to_string);
    assert_eq!(description.as_deref(), Some("Values with {{ .Values.image }} in them"));
    assert_eq!(
        texts(&html, ".prose > p"),
        ["Set {{ .Values.image.tag }} and keep {% raw %}{{ literal }}{% endraw %} as it is.", "Indented with a tab:"]
    );
    assert_eq!(
        texts(&html, ".prose pre code"),
        [
            "image: \"{{ .Values.image }}\"\n{% if enabled %}\nreplicas: {{ replicas | default(1) }}\n{% endif %}\n",
            "code {{ in_tab }}\n{% block %}\n",
        ]
    );
    assert_eq!(texts(&html, ".prose td"), ["{{ name }}", "{{ value }}", "tag", "latest"]);
    assert_eq!(texts(&html, ".prose li li"), ["nested item"]);
    assert_eq!(texts(&html, ".prose > ul > li").len(), 2);
    assert!(texts(&html, ".prose > ul > li")[1].starts_with("second item with {{ item }}"));
    // The title of a CRLF page without front matter has no stray `\r`.
    let plain = site.html("no-front-matter/index.html");
    assert_eq!(text_of(&plain, "main h1"), "Heading from a CRLF file");
    assert_eq!(texts(&plain, ".prose p"), ["Text below the heading {{ x }}."]);
    for page in ["helm/index.html", "no-front-matter/index.html", "index.html"] {
        assert!(!site.read(page).contains('\r'), "{page} has a carriage return");
    }
}

#[test]
fn diagnostics_in_crlf_files_point_at_the_right_line_and_column() {
    let site = Site::copy("names-crlf-errors");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        error_lines(&run.stderr),
        [
            "content/field.md:3:1: error: unknown front matter field `titel`",
            // `Été\tsee [the page](missing.md)`: the link starts at the ninth character.
            "content/link.md:7:9: error: link to a missing page `missing.md`",
            "content/link.md:15:3: error: link to a missing page `gone.md`",
            // With a byte order mark before the CRLF front matter.
            "content/slug.md:3:7: error: `slug` `a/b` cannot be used: it is one URL segment and cannot hold `/`",
            "build failed: 4 errors; the previous output was left untouched",
        ]
    );
}

#[test]
fn check_takes_a_heading_below_comments_as_the_title_like_the_build() {
    // Were the title counted among the body's headings, each explicit id
    // would be compared with the next heading's and reported as a duplicate.
    let site = Site::copy("names-titles");
    let out = common::onramp().arg("check").arg(site.root()).output().expect("run onramp check");
    let run = common::Run::from(out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let errors: Vec<&str> = run.stderr.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors, Vec::<&str>::new());
    let html = {
        site.build(&[]).ok();
        site.html("comment-ids/index.html")
    };
    let ids: Vec<&str> = select(&html, ".prose h2").iter().filter_map(|h| h.value().attr("id")).collect();
    assert_eq!(ids, ["options", "commands"]);
}

#[test]
fn a_command_name_that_cannot_be_a_file_name_is_an_error_that_says_how_to_fix_it() {
    let site = Site::copy("names-commands");
    // `:` is not a file name character on Windows: the page needs a slug.
    site.write("content/commands/:.md", "# :\n\nDo nothing.\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "content/commands/:.md: error: cannot write this page: `:` is not allowed (it is not a file name character on Windows)\n  \
         = help: give it a `slug` that can be a file name (`slug: colon` for `:.md`)\n\
         build failed: 1 error; the previous output was left untouched\n"
    );
    site.write("content/commands/:.md", "---\nslug: colon\n---\n# :\n\nDo nothing.\n");
    site.build(&[]).ok();
    assert_eq!(text_of(&site.html("commands/colon/index.html"), "main h1"), ":");
    assert_eq!(text_of(&site.html("fr/commands/colon/index.html"), "main h1"), ":");
}
