//! What an onboarding site publishes besides its pages: the markdown copies
//! and `llms.txt` files of `outputs:` (fixtures `community-machine`,
//! `community-err-*`).

mod common;

use common::Site;
use pulldown_cmark::{Event, Parser, Tag};
use std::collections::BTreeSet;
use std::path::Path;

/// Builds a fixture that must fail; its stderr without the summary line.
fn fails(name: &str) -> String {
    let site = Site::copy(name);
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{name} should fail:\n{}", run.stderr);
    assert!(!site.out().exists(), "{name}: a failed build must not create the output folder");
    let mut lines: Vec<&str> = run.stderr.lines().collect();
    let summary = lines.pop().unwrap_or_default();
    assert!(summary.starts_with("build failed: "), "{name}: {summary}");
    lines.join("\n")
}

/// Every link and image destination of a markdown text.
fn destinations(md: &str) -> Vec<String> {
    Parser::new(md)
        .filter_map(|ev| match ev {
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
                Some(dest_url.to_string())
            }
            _ => None,
        })
        .collect()
}

/// The `(text, url)` of each `- [text](url)` line of an `llms.txt`.
fn llms_entries(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| {
            let rest = l.strip_prefix("- [")?;
            let (title, rest) = rest.split_once("](")?;
            let (url, _) = rest.split_once(')')?;
            Some((title.to_string(), url.to_string()))
        })
        .collect()
}

/// Output paths (`docs/a/`) of every page written in the language whose
/// URLs start with `prefix`, found by their `index.html`.
fn html_pages(out: &Path, prefix: &str, other_prefixes: &[&str]) -> BTreeSet<String> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name() == "index.html")
        .map(|e| {
            let rel = e.path().strip_prefix(out).unwrap().to_str().unwrap().replace('\\', "/");
            rel.strip_suffix("index.html").unwrap().to_string()
        })
        .filter(|p| p.starts_with(prefix) && !other_prefixes.iter().any(|o| p.starts_with(o)))
        .collect()
}

#[test]
fn llms_txt_lists_every_page_of_its_language_and_each_linked_markdown_copy_exists() {
    let site = Site::copy("community-machine");
    site.build(&[]).ok();
    let out = site.out();
    for (prefix, others) in [("", &["fr/"][..]), ("fr/", &[][..])] {
        let llms = site.read(&format!("{prefix}llms.txt"));
        let entries = llms_entries(&llms);
        let base = format!("https://example.org/sub/{prefix}");
        let listed: BTreeSet<String> = entries
            .iter()
            .map(|(_, url)| {
                let rel = url.strip_prefix("https://example.org/sub/").unwrap_or_else(|| panic!("{url} not absolute"));
                assert!(url.starts_with(&base), "{url} is not in the language of {prefix}llms.txt");
                let page = rel.strip_suffix("index.md").unwrap_or_else(|| panic!("{url} is not a markdown copy"));
                assert!(out.join(rel).is_file(), "{url} is linked from {prefix}llms.txt but {rel} was not written");
                page.to_string()
            })
            .collect();
        assert_eq!(listed.len(), entries.len(), "a page is listed twice in {prefix}llms.txt:\n{llms}");
        assert_eq!(listed, html_pages(&out, prefix, others), "{prefix}llms.txt:\n{llms}");
    }
}

#[test]
fn llms_txt_has_title_description_and_a_group_per_top_level_section() {
    let site = Site::copy("community-machine");
    site.build(&[]).ok();
    assert_eq!(
        site.read("llms.txt"),
        "# Machines

> A site read by people and by programs.

- [Home](https://example.org/sub/index.md): Where it starts.
- [About us](https://example.org/sub/about/index.md)

## Docs

- [Docs](https://example.org/sub/docs/index.md)
- [Alpha](https://example.org/sub/docs/alpha/index.md): The first page.
- [Beta](https://example.org/sub/docs/beta/index.md)

## Guides

- [Guides](https://example.org/sub/guides/index.md)
- [A walk](https://example.org/sub/guides/walk/index.md)
"
    );
    let fr = site.read("fr/llms.txt");
    assert!(fr.starts_with("# Machines FR\n\n> Un site lu par des gens et des programmes.\n"), "{fr}");
    assert!(
        fr.lines().any(|l| l == "- [Alpha FR](https://example.org/sub/fr/docs/alpha/index.md): La première page."),
        "{fr}"
    );
}

#[test]
fn markdown_copy_has_the_title_line_and_only_absolute_links() {
    let site = Site::copy("community-machine");
    site.build(&[]).ok();
    let md = site.read("docs/alpha/index.md");
    assert!(md.starts_with("# Alpha\n\nSee "), "the front matter becomes the title line:\n{md}");
    assert!(!md.contains("Alpha heading"), "the page's own `# heading` is replaced by its title:\n{md}");
    assert_eq!(
        destinations(&md),
        [
            "https://example.org/sub/docs/beta/#setup",
            "https://example.org/sub/docs/alpha/#usage",
            "https://example.org/sub/logo.svg",
            "https://example.org/sub/files/notes.txt",
            "https://www.rust-lang.org/",
            "mailto:team@example.org",
            "https://example.org/sub/docs/beta/",
            "https://example.org/sub/logo.svg",
        ]
    );
    assert!(md.contains("and a bad one."), "a script link keeps its text only:\n{md}");
    assert!(!md.contains("javascript:"), "{md}");
    assert!(md.contains("> [!NOTE]\n > Notes keep their kind."), "{md}");
    for page in ["index.md", "about/index.md", "docs/index.md", "guides/walk/index.md", "fr/docs/alpha/index.md"] {
        for dest in destinations(&site.read(page)) {
            assert!(
                dest.starts_with("https://") || dest.starts_with("mailto:"),
                "{page}: `{dest}` is not an absolute URL"
            );
        }
    }
}

#[test]
fn markdown_copy_of_a_fallback_page_links_in_its_own_language() {
    let site = Site::copy("community-machine");
    site.build(&[]).ok();
    assert_eq!(
        site.read("fr/docs/beta/index.md"),
        "# Beta\n\n## Setup\n\nBack to [Alpha](https://example.org/sub/fr/docs/alpha/#usage).\n"
    );
    assert_eq!(
        destinations(&site.read("fr/docs/alpha/index.md")),
        ["https://example.org/sub/fr/docs/beta/#setup", "https://example.org/sub/fr/docs/alpha/#usage"]
    );
    // A folder without `_index.md` lists its children, as its page does.
    assert_eq!(site.read("fr/guides/index.md"), "# Guides\n\n- [A walk](https://example.org/sub/fr/guides/walk/)\n");
}

#[test]
fn llms_full_txt_holds_every_page_markdown_in_reading_order() {
    let site = Site::copy("community-machine");
    site.build(&[]).ok();
    let full = site.read("llms-full.txt");
    let titles: Vec<&str> = full.lines().filter(|l| l.starts_with("# ")).collect();
    assert_eq!(titles, ["# Home", "# Docs", "# Alpha", "# Beta", "# About us", "# Guides", "# A walk"]);
    assert!(full.contains(&site.read("docs/beta/index.md")), "{full}");
    assert!(!full.contains("][ref]"), "reference links are written inline so that pages cannot share labels");
}

#[test]
fn raw_html_left_out_of_the_page_is_left_out_of_its_markdown_copy() {
    let site = Site::copy("community-machine");
    site.build(&[]).ok();
    assert!(site.read("docs/alpha/index.md").contains("<div class=\"raw\">raw HTML</div>"));
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}markdown:\n  raw_html: false\n"));
    site.build(&[]).ok();
    let md = site.read("docs/alpha/index.md");
    assert!(!md.contains("raw HTML"), "{md}");
}

#[test]
fn no_outputs_key_writes_no_markdown_copies() {
    let site = Site::copy("community-machine");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", yaml.split("outputs:").next().unwrap());
    site.build(&[]).ok();
    assert!(site.out().join("docs/alpha/index.html").is_file());
    for f in ["docs/alpha/index.md", "index.md", "llms.txt", "llms-full.txt", "fr/llms.txt"] {
        assert!(!site.out().join(f).exists(), "{f} written without `outputs:`");
    }
}

#[test]
fn outputs_without_base_url_is_an_error() {
    assert_eq!(
        fails("community-err-outputs-base"),
        "site.yaml:4:1: error: `outputs` needs `base_url`: the markdown copies and `llms.txt` link pages by absolute URL\n  = help: set `base_url` to the address the site is published at, such as `https://docs.example.org/`"
    );
}

#[test]
fn page_at_the_path_of_a_markdown_copy_is_an_error() {
    assert_eq!(
        fails("community-err-markdown-copy"),
        "content/docs/index.md.md: error: this page would be written to `/docs/index.md/`, where the build writes the markdown copy of a page (`/docs/index.md`)\n  = help: rename the file or give it a `slug`"
    );
}
