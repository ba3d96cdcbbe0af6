//! Real-shaped content: file names with dots, upper-case extensions and
//! hidden markdown files, as imported documentation has them.

mod common;

use common::{Site, select, text_of};

#[test]
fn dotted_file_names_are_pages_unless_the_suffix_is_a_declared_language() {
    let site = Site::copy("real-dotted");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // `node.js.md` is the page `node.js`, not a translation into `js`.
    assert_eq!(text_of(&site.html("node.js/index.html"), "main h1"), "node.js");
    // `install.fr.md` is a translation: `fr` is declared.
    assert_eq!(text_of(&site.html("fr/install/index.html"), "main h1"), "Installer");
    assert!(!site.out().join("install.fr").exists());
    // `setup.fe.md` is the page `setup.fe`, with a warning: `fe` is one edit from `fr`.
    assert_eq!(text_of(&site.html("setup.fe/index.html"), "main h1"), "Setup");
    let warnings: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        warnings,
        [
            "content/setup.fe.md: warning: `fe` is not a language of the site, so this is the page `setup.fe` in `en`, not a translation",
            "  = help: for a translation into `fr`, rename the file `setup.fr.md`",
        ],
        "{}",
        run.stderr
    );
}

#[test]
fn upper_case_markdown_extension_is_a_page_not_a_static_file() {
    let site = Site::copy("real-dotted");
    site.build(&[]).ok();
    assert!(!site.out().join("UPPER.MD").exists(), "copied as a static file");
    let home = site.html("UPPER/index.html");
    assert_eq!(select(&home, "main h1").len(), 1);
    assert_eq!(text_of(&home, "main h1"), "README");
}

#[test]
fn every_markdown_file_is_a_page_or_is_reported() {
    let site = Site::copy("real-dotted");
    // `.draft.md` is hidden: left out, with a warning. `..md` (the page of
    // the shell command `.`) is a page, at `dot/`.
    site.write("content/..md", "---\ntitle: dot\n---\nSource a file.\n");
    site.write("content/.draft.md", "---\ntitle: draft\n---\nNot yet.\n");
    // An editor's lock file and a hidden folder named like a page say nothing.
    site.write("content/.#install.md", "lock");
    site.write("content/.cache.md/x.md", "---\ntitle: cached\n---\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let heads: Vec<&str> = run.stderr.lines().filter(|l| !l.starts_with("  =")).collect();
    assert_eq!(
        heads,
        [
            "content/.draft.md: warning: is hidden (its name starts with `.`): skipped",
            "content/setup.fe.md: warning: `fe` is not a language of the site, so this is the page `setup.fe` in `en`, not a translation",
        ],
        "{}",
        run.stderr
    );
    assert_eq!(text_of(&site.html("dot/index.html"), "main h1"), "dot");
}
