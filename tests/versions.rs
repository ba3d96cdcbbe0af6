//! Versioned docs (`versions:` in site.yaml) on the `versions-*` fixtures:
//! the URLs of each version, the version switcher's targets, the banners and
//! canonical links through an HTML parser, versions read from git tags of a
//! repository made in the test (the working tree untouched), bad input as
//! exact diagnostics, and the switcher in headless Chromium.
//!
//! Browser tests need Chromium (`$CHROMIUM` or `/usr/bin/chromium`); without
//! it they fail, unless `ONRAMP_SKIP_BROWSER=1`.

mod common;

use common::chrome::browser_or_skip;
use common::http::Server;
use common::{Run, Site, attrs, built, select, text_of, texts};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(15);

/// The diagnostics lines (`path:line:col: severity: …` and their help lines) a run printed.
fn diagnostics(run: &Run) -> Vec<String> {
    let text = format!("{}\n{}", run.stdout, run.stderr);
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        if line.contains(": error: ") || line.contains(": warning: ") {
            out.push(line.to_string());
        } else if let (Some(help), Some(last)) = (line.trim_start().strip_prefix("= help: "), out.last_mut()) {
            last.push_str(&format!("\n  = help: {help}"));
        }
    }
    out
}

// ---------------------------------------------------------------- URLs

#[test]
fn every_version_is_published_in_every_language_under_its_name() {
    let site = built("versions-basic");
    for page in [
        "docs/index.html",
        "docs/install/index.html",
        "docs/configure/index.html",
        "docs/1.x/index.html",
        "docs/1.x/install/index.html",
        "docs/1.x/setup/index.html",
        "docs/next/install/index.html",
        "fr/docs/1.x/setup/index.html",
        "fr/docs/next/install/index.html",
    ] {
        assert!(site.out().join(page).is_file(), "{page} was not written");
    }
    // A page of an older version is not written at the latest version's path.
    assert!(!site.out().join("docs/setup").exists());
    // The French translation of 2.0's page; 1.x has none: its fallback copy.
    assert_eq!(text_of(&site.html("fr/docs/install/index.html"), "main h1"), "Installer");
    let fr_old = site.html("fr/docs/1.x/install/index.html");
    assert_eq!(text_of(&fr_old, "main h1"), "Install");
    assert_eq!(select(&fr_old, ".notice-untranslated").len(), 1);
}

#[test]
fn links_of_an_old_version_stay_in_it_and_reach_the_shared_pages() {
    let site = built("versions-basic");
    let old = site.html("docs/1.x/install/index.html");
    assert_eq!(attrs(&old, "main .prose a", "href"), ["/docs/1.x/setup/", "/guide/contributing/"]);
    let latest = site.html("docs/install/index.html");
    assert_eq!(attrs(&latest, "main .prose a", "href"), ["/docs/configure/", "/guide/contributing/"]);
    // And back: the shared pages link the latest version.
    let guide = site.html("guide/contributing/index.html");
    assert_eq!(attrs(&guide, "main .prose a", "href"), ["/docs/install/"]);
}

#[test]
fn the_sidebar_and_section_pages_of_each_version_hold_only_that_version() {
    let site = built("versions-basic");
    let latest = site.html("docs/install/index.html");
    assert_eq!(
        attrs(&latest, ".sidebar .nav-list a", "href"),
        ["/docs/", "/docs/install/", "/docs/configure/", "/guide/", "/guide/contributing/"]
    );
    let old = site.html("docs/1.x/install/index.html");
    assert_eq!(
        attrs(&old, ".sidebar .nav-list a", "href"),
        ["/docs/1.x/", "/docs/1.x/install/", "/docs/1.x/setup/", "/guide/", "/guide/contributing/"]
    );
    assert_eq!(attrs(&old, ".breadcrumbs a", "href"), ["/", "/docs/1.x/"]);
    // Previous and next stay inside the version.
    assert_eq!(
        attrs(&old, ".page-nav a, .pager a, a[rel=next], a[rel=prev]", "href"),
        ["/docs/1.x/", "/docs/1.x/setup/"]
    );
    let section = site.html("docs/index.html");
    let listed = attrs(&section, "main a", "href");
    assert!(!listed.iter().any(|h| h.contains("1.x") || h.contains("next")), "{listed:?}");
}

// ---------------------------------------------------------------- theme

/// The built-in sidebar is rendered once per list of entries and versions
/// and shared, each page putting its own version links in; with the
/// built-in partial copied as an override it is rendered per page. Every
/// file of the output must be the same.
#[test]
fn shared_sidebar_of_versioned_pages_is_the_one_rendered_per_page() {
    let shared = built("versions-basic");
    let per_page = Site::copy("versions-basic");
    let partial = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/partials/sidebar.html"),
    )
    .expect("the built-in partial");
    std::fs::create_dir_all(per_page.root().join("templates/partials")).expect("mkdir");
    std::fs::write(per_page.root().join("templates/partials/sidebar.html"), partial).expect("write");
    per_page.build(&[]).ok();
    // Meetings' calendars carry the time of the build.
    let files = |root: &Path| {
        let mut t = common::tree(root);
        t.retain(|rel, _| !rel.ends_with(".ics"));
        t
    };
    let (a, b) = (files(&shared.out()), files(&per_page.out()));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    let mut versioned = 0;
    for (rel, bytes) in &a {
        assert!(bytes == &b[rel], "{rel} differs between the shared sidebar and the per-page one");
        versioned += usize::from(rel.starts_with("docs/1.x/") && rel.ends_with("index.html"));
    }
    assert!(versioned >= 3, "{versioned} pages of 1.x compared");
    // The version links of a page of 1.x lead to its copies, 1.x marked.
    let page = shared.html("docs/1.x/install/index.html");
    assert_eq!(
        attrs(&page, ".sidebar-versions a", "href"),
        ["/docs/install/", "/docs/1.x/install/", "/docs/next/install/"]
    );
    assert_eq!(attrs(&page, ".sidebar-versions a[aria-current]", "href"), ["/docs/1.x/install/"]);
}

#[test]
fn switcher_leads_to_the_same_page_in_each_version() {
    let site = built("versions-basic");
    let doc = site.html("docs/1.x/install/index.html");
    assert_eq!(
        attrs(&doc, ".version-switcher a.version-link", "href"),
        ["/docs/install/", "/docs/1.x/install/", "/docs/next/install/"]
    );
    assert_eq!(attrs(&doc, ".version-switcher a[aria-current=true]", "data-version"), ["1.x"]);
    assert!(select(&doc, ".version-switcher a.missing").is_empty());
    assert_eq!(text_of(&doc, ".version-switcher .lang-current"), "1.x (old)");
    let fr = site.html("fr/docs/install/index.html");
    assert_eq!(
        attrs(&fr, ".version-switcher a.version-link", "href"),
        ["/fr/docs/install/", "/fr/docs/1.x/install/", "/fr/docs/next/install/"]
    );
}

#[test]
fn switcher_leads_to_the_section_page_of_a_version_without_the_page() {
    let site = built("versions-basic");
    // `setup` exists only in 1.x, `configure` only in 2.0.
    let setup = site.html("docs/1.x/setup/index.html");
    assert_eq!(
        attrs(&setup, ".version-switcher a.version-link", "href"),
        ["/docs/", "/docs/1.x/setup/", "/docs/next/"]
    );
    assert_eq!(attrs(&setup, ".version-switcher a.missing", "data-version"), ["2.0", "next"]);
    assert_eq!(
        texts(&setup, ".version-switcher a.missing"),
        ["2.0 latest not in this version", "Next unreleased not in this version"]
    );
    let configure = site.html("fr/docs/configure/index.html");
    assert_eq!(
        attrs(&configure, ".version-switcher a.version-link", "href"),
        ["/fr/docs/configure/", "/fr/docs/1.x/", "/fr/docs/next/"]
    );
    // Every target was written: the switcher never leads to a missing page.
    for page in ["docs/1.x/setup/index.html", "fr/docs/configure/index.html"] {
        for href in attrs(&site.html(page), ".version-switcher a", "href") {
            assert!(site.out().join(href.trim_start_matches('/')).join("index.html").is_file(), "{href}");
        }
    }
    // Pages outside the versioned sections have no switcher.
    assert!(select(&site.html("guide/contributing/index.html"), ".version-switcher").is_empty());
}

#[test]
fn older_and_unreleased_versions_have_a_banner_linking_the_latest() {
    let site = built("versions-basic");
    let old = site.html("docs/1.x/install/index.html");
    assert_eq!(
        texts(&old, ".notice-version"),
        ["You are reading the docs for 1.x (old). The latest release is 2.0. Read this page in 2.0"]
    );
    assert_eq!(attrs(&old, ".notice-version a", "href"), ["/docs/install/"]);
    let only_old = site.html("docs/1.x/setup/index.html");
    assert_eq!(texts(&only_old, ".notice-version a"), ["Go to the docs of 2.0"]);
    assert_eq!(attrs(&only_old, ".notice-version a", "href"), ["/docs/"]);
    let next = site.html("docs/next/install/index.html");
    assert_eq!(
        texts(&next, ".notice-version.notice-unreleased"),
        [
            "You are reading the docs for Next, which is not released yet. The latest release is 2.0. Read this page in 2.0"
        ]
    );
    let fr = site.html("fr/docs/1.x/install/index.html");
    assert_eq!(
        texts(&fr, ".notice-version"),
        [
            "Vous lisez la documentation de la version 1.x (old). La dernière version publiée est 2.0. Lire cette page dans la version 2.0"
        ]
    );
    assert!(select(&site.html("docs/install/index.html"), ".notice-version").is_empty());
}

#[test]
fn canonical_link_of_an_old_page_is_the_latest_copy_when_there_is_one() {
    let site = built("versions-basic");
    let canonical = |page: &str| attrs(&site.html(page), "link[rel=canonical]", "href");
    assert_eq!(canonical("docs/1.x/install/index.html"), ["https://versions.example/docs/install/"]);
    assert_eq!(canonical("fr/docs/next/install/index.html"), ["https://versions.example/fr/docs/install/"]);
    // No copy in the latest version: the page itself.
    assert_eq!(canonical("docs/1.x/setup/index.html"), ["https://versions.example/docs/1.x/setup/"]);
    assert_eq!(canonical("docs/install/index.html"), ["https://versions.example/docs/install/"]);
    assert_eq!(canonical("guide/index.html"), ["https://versions.example/guide/"]);
}

#[test]
fn sitemap_lists_an_old_page_only_when_the_latest_version_has_no_copy() {
    let site = built("versions-basic");
    let sitemap = scraper::Html::parse_document(&site.read("sitemap.xml"));
    let locs: Vec<String> = select(&sitemap, "loc").iter().map(|e| e.text().collect()).collect();
    let docs: Vec<&str> = locs.iter().map(String::as_str).filter(|l| l.contains("/docs/")).collect();
    assert_eq!(
        docs,
        [
            "https://versions.example/docs/1.x/setup/",
            "https://versions.example/docs/",
            "https://versions.example/docs/configure/",
            "https://versions.example/docs/install/",
            "https://versions.example/fr/docs/install/",
        ]
    );
}

// ---------------------------------------------------------------- git

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "A")
        .env("GIT_AUTHOR_EMAIL", "a@example.org")
        .env("GIT_COMMITTER_NAME", "CI")
        .env("GIT_COMMITTER_EMAIL", "ci@example.org")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("run git");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn git_output(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git").current_dir(dir).args(args).output().expect("run git");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The `versions-git` fixture in a repository (the site in `site/` of it)
/// with the tags `v1.0` and `v2.0`, and an uncommitted change on top.
fn tagged_repository() -> Site {
    let site = Site::copy("versions-git");
    let repo = site.dir.path();
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{config}repo:\n  url: https://forge.example/o/p\n  path: site\n"));
    git(repo, &["init", "-q", "-b", "main"]);
    site.write("content/docs/install.md", "---\ntitle: Install\n---\nInstall 1.0.\n");
    site.write("content/docs/legacy.md", "---\ntitle: Legacy\n---\nOnly in 1.0. See [install](install.md).\n");
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "1.0"]);
    git(repo, &["tag", "v1.0"]);
    std::fs::remove_file(site.root().join("content/docs/legacy.md")).unwrap();
    site.write("content/docs/install.md", "---\ntitle: Install\n---\nInstall 2.0.\n");
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "2.0"]);
    git(repo, &["tag", "v2.0"]);
    site.write("content/docs/install.md", "---\ntitle: Install\n---\nInstall 3.0, not committed yet.\n");
    site
}

#[test]
fn versions_are_read_from_git_tags_without_touching_the_working_tree() {
    let site = tagged_repository();
    let repo = site.dir.path();
    let status_before = git_output(repo, &["status", "--porcelain", "--", "site"]);
    let index_before = std::fs::read(repo.join(".git/index")).unwrap();
    let temp = repo.join("tmp");
    std::fs::create_dir(&temp).unwrap();
    let run = common::onramp()
        .arg("build")
        .arg(site.root())
        .arg("--out")
        .arg(site.out())
        .env("TMPDIR", &temp)
        .output()
        .expect("run onramp");
    Run::from(run).ok();
    let body = |page: &str| texts(&site.html(page), "main .prose p");
    assert_eq!(body("docs/install/index.html"), ["Install 3.0, not committed yet."]);
    assert_eq!(body("docs/2.x/install/index.html"), ["Install 2.0."]);
    assert_eq!(body("docs/1.x/install/index.html"), ["Install 1.0."]);
    assert_eq!(body("docs/1.x/legacy/index.html"), ["Only in 1.0. See install."]);
    assert_eq!(attrs(&site.html("docs/1.x/legacy/index.html"), "main .prose a", "href"), ["/docs/1.x/install/"]);
    assert!(!site.out().join("docs/2.x/legacy").exists());
    // A page read from a tag has no edit link: its file is in no branch.
    let edit = |page: &str| attrs(&site.html(page), "a[href*='/edit/']", "href");
    assert_eq!(edit("docs/install/index.html"), ["https://forge.example/o/p/edit/main/site/content/docs/install.md"]);
    assert_eq!(edit("docs/1.x/install/index.html"), Vec::<String>::new());
    assert_eq!(
        attrs(&site.html("docs/1.x/legacy/index.html"), ".version-switcher a", "href"),
        ["/docs/", "/docs/2.x/", "/docs/1.x/legacy/"]
    );
    // The working tree, the index and the temporary folders are as they were.
    assert_eq!(git_output(repo, &["status", "--porcelain", "--", "site"]), status_before);
    assert_eq!(std::fs::read(repo.join(".git/index")).unwrap(), index_before);
    assert_eq!(std::fs::read_dir(&temp).unwrap().count(), 0, "the versions' temporary folders are removed");
    assert_eq!(
        std::fs::read_to_string(site.root().join("content/docs/install.md")).unwrap(),
        "---\ntitle: Install\n---\nInstall 3.0, not committed yet.\n"
    );
}

// ---------------------------------------------------------------- bad input

fn versions_yaml(site: &Site, versions: &str) {
    site.write("site.yaml", &format!("title: Bad versions\nversions:\n{versions}"));
}

#[test]
fn unknown_git_ref_is_an_error_at_its_line_in_site_yaml() {
    let site = tagged_repository();
    site.write("site.yaml", "title: T\nversions:\n  - name: \"3.0\"\n  - name: 2.x\n    ref: v2.1\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        diagnostics(&run),
        [
            "site.yaml:5:10: error: unknown git ref `v2.1` (version `2.x`): no tag, branch or commit has that name\n  = help: did you mean `v2.0`?"
        ]
    );
    assert!(!site.out().exists(), "a failed build writes nothing");
}

#[test]
fn a_git_ref_outside_a_repository_is_an_error() {
    let site = Site::copy("versions-git");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        diagnostics(&run),
        [
            "site.yaml:6:10: error: version `2.x` is read from the git ref `v2.0`, but the site is not in a git repository\n  = help: build from a clone of the repository, or read the version from a `folder`",
            "site.yaml:8:10: error: version `1.x` is read from the git ref `v1.0`, but the site is not in a git repository\n  = help: build from a clone of the repository, or read the version from a `folder`",
        ]
    );
}

#[test]
fn a_git_ref_without_git_is_an_error() {
    let site = tagged_repository();
    let run = Run::from(
        common::onramp()
            .arg("build")
            .arg(site.root())
            .arg("--out")
            .arg(site.out())
            .env("PATH", site.dir.path().join("no-bin"))
            .output()
            .expect("run onramp"),
    );
    assert_eq!(run.code, 1);
    let d = diagnostics(&run);
    assert_eq!(d.len(), 2, "{d:?}");
    assert!(
        d[0].starts_with(
            "site.yaml:6:10: error: version `2.x` is read from the git ref `v2.0`, but git cannot be run ("
        ),
        "{d:?}"
    );
    assert!(d[0].ends_with(")\n  = help: install git, or read the version from a `folder`"), "{d:?}");
}

#[test]
fn a_missing_version_folder_is_an_error_at_its_line() {
    let site = Site::copy("versions-basic");
    std::fs::remove_dir_all(site.root().join("versions/next")).unwrap();
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        diagnostics(&run),
        [
            "site.yaml:19:13: error: version folder `versions/next` not found\n  = help: the folder is relative to the site folder and holds the version's sections as `content/` does (`versions/next/docs/…`)"
        ]
    );
}

#[test]
fn two_versions_with_one_name_or_one_path_are_errors() {
    let site = Site::copy("versions-basic");
    versions_yaml(
        &site,
        "  - name: \"2.0\"\n  - name: 1.x\n    folder: versions/1.x\n  - name: 1.x\n    folder: versions/next\n  - name: old\n    path: 1.x\n    folder: versions/old\n  - name: again\n    folder: versions/1.x/\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        diagnostics(&run),
        [
            "site.yaml:6:11: error: two versions are named `1.x`\n  = help: give each version a name of its own",
            "site.yaml:9:11: error: versions `1.x` and `old` would both be published at `/docs/1.x/`\n  = help: give one of them another `path`",
            "site.yaml:12:13: error: versions `1.x` and `again` are both read from the folder `versions/1.x`\n  = help: each version is read from a place of its own: a git `ref`, a `folder`, or `content/`",
        ]
    );
}

#[test]
fn a_version_without_a_versioned_section_is_an_error() {
    let site = Site::copy("versions-basic");
    site.write("versions/empty/guide/a.md", "---\ntitle: A\n---\nA guide page, not docs.\n");
    versions_yaml(&site, "  - name: \"2.0\"\n  - name: empty\n    folder: versions/empty\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        diagnostics(&run),
        [
            "site.yaml:4:11: error: version `empty` has no versioned section: `versions/empty` holds no `docs/`\n  = help: a version publishes the sections `versioned` lists (`docs` when not set)"
        ]
    );
}

#[test]
fn a_version_name_read_as_a_number_is_an_error() {
    let site = Site::copy("versions-basic");
    versions_yaml(&site, "  - name: 2.10\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        diagnostics(&run),
        [
            "site.yaml:3:11: error: the version name `2.1` is read as a number\n  = help: write it in quotes, such as `name: \"2.1\"`, so that `2.10` stays `2.10`"
        ]
    );
}

#[test]
fn a_folder_of_the_latest_version_named_like_another_version_is_an_error() {
    let site = Site::copy("versions-basic");
    site.write("content/docs/1.x/old.md", "---\ntitle: Old\n---\nOld.\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        diagnostics(&run),
        [
            "content/docs/1.x/old.md: error: the folder `docs/1.x/` takes the URLs of version `1.x` (`/docs/1.x/`)\n  = help: rename the folder, or give the version another `path` in site.yaml"
        ]
    );
}

#[test]
fn versioned_without_versions_is_an_error() {
    let site = Site::copy("versions-basic");
    site.write("site.yaml", "title: T\nversioned: [docs]\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        diagnostics(&run),
        [
            "site.yaml:2:12: error: `versioned` names the sections of `versions`, but the site lists no `versions`\n  = help: add `versions:` or remove `versioned:`"
        ]
    );
}

// ---------------------------------------------------------------- Chromium

#[test]
fn switcher_lands_on_the_same_page_in_1x_in_chromium() {
    let test = "switcher_lands_on_the_same_page_in_1x_in_chromium";
    let site = built("versions-basic");
    let Some(mut chrome) = browser_or_skip(test) else { return };
    let server = Server::start(&site.out());
    chrome.navigate(&server.url("/docs/install/")).expect("navigate");
    chrome.wait_for("document.readyState === 'complete'", WAIT).expect("page loaded");
    chrome.eval("document.querySelector('.version-switcher summary').click()").unwrap();
    chrome.wait_for("document.querySelector('.version-switcher').open", WAIT).expect("the switcher opens");
    chrome.eval("document.querySelector('.version-switcher a[data-version=\"1.x\"]').click()").unwrap();
    chrome.wait_for("location.pathname === '/docs/1.x/install/'", WAIT).expect("lands on the same page in 1.x");
    chrome.wait_for("document.readyState === 'complete'", WAIT).expect("page loaded");
    let h1 = chrome.eval("document.querySelector('main h1').textContent").unwrap();
    assert_eq!(h1, serde_json::json!("Install"));
    let banner =
        chrome.eval("document.querySelector('.notice-version p').textContent.trim().split(/\\s+/).join(' ')").unwrap();
    assert_eq!(
        banner,
        serde_json::json!("You are reading the docs for 1.x (old). The latest release is 2.0. Read this page in 2.0")
    );
}

/// The hrefs of the search results shown, once the query `q` is answered.
fn search_hrefs(chrome: &mut common::chrome::Chrome, q: &str) -> Vec<String> {
    let done = format!(
        "(() => {{ const u = onrampSearch.ui; return !u.pending && u.last && u.last.query === {q} && document.querySelectorAll('.search-result a').length > 0 }})()",
        q = serde_json::to_string(q).unwrap()
    );
    chrome.wait_for(&done, WAIT).unwrap_or_else(|e| panic!("query {q}: {e}"));
    let hrefs = chrome
        .eval("[...document.querySelectorAll('.search-result a')].map(a => a.getAttribute('href').split('#')[0])")
        .unwrap();
    serde_json::from_value(hrefs).unwrap()
}

#[test]
fn search_from_a_1x_page_finds_1x_pages_first_and_can_search_the_latest_in_chromium() {
    let test = "search_from_a_1x_page_finds_1x_pages_first_and_can_search_the_latest_in_chromium";
    let site = built("versions-basic");
    let Some(mut chrome) = browser_or_skip(test) else { return };
    let server = Server::start(&site.out());
    chrome.navigate(&server.url("/docs/1.x/setup/")).expect("navigate");
    chrome.wait_for("window.onrampSearch && window.onrampSearch.ui", WAIT).expect("search.js loaded");
    chrome.eval("onrampSearch.ui.open()").unwrap();
    chrome
        .eval("{ const i = document.querySelector('.search-input'); i.value = 'install'; onrampSearch.ui.run(false); }")
        .unwrap();
    let hrefs = search_hrefs(&mut chrome, "install");
    assert_eq!(hrefs.first().map(String::as_str), Some("/docs/1.x/install/"), "{hrefs:?}");
    assert!(hrefs.iter().all(|h| !h.starts_with("/docs/install") && !h.starts_with("/docs/next")), "{hrefs:?}");
    let note = chrome.eval("document.querySelector('.search-version').textContent.trim()").unwrap();
    assert_eq!(note, serde_json::json!("Searching 1.x (old) Search 2.0 instead"));
    // The page writes the note in the header's search slot; the script
    // shows it in the dialog, under the search box.
    assert_eq!(
        chrome.eval("(() => { const n = document.querySelector('.search-dialog .search-box + .search-version'); return !!n && !n.hidden && n.getClientRects().length > 0 })()").unwrap(),
        serde_json::json!(true)
    );
    chrome.eval("document.querySelector('.search-latest').click()").unwrap();
    chrome
        .wait_for("onrampSearch.ui.index && onrampSearch.ui.root.dataset.index === '/search/manifest.json'", WAIT)
        .expect("the latest index is searched");
    chrome
        .wait_for(
            "!onrampSearch.ui.pending && document.querySelector('.search-result a[href^=\"/docs/install/\"]')",
            WAIT,
        )
        .expect("results of 2.0");
    let hrefs = search_hrefs(&mut chrome, "install");
    assert_eq!(hrefs.first().map(String::as_str), Some("/docs/install/"), "{hrefs:?}");
    assert!(hrefs.iter().all(|h| !h.starts_with("/docs/1.x")), "{hrefs:?}");
}

// ---------------------------------------------------------------- check

fn check(site: &Site) -> Run {
    Run::from(common::onramp().arg("check").arg(site.root()).output().expect("run onramp check"))
}

#[test]
fn check_resolves_links_between_versioned_and_shared_pages_in_every_version() {
    let site = Site::copy("versions-basic");
    let run = check(&site);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(diagnostics(&run).iter().all(|d| !d.contains(": error: ")), "{:?}", diagnostics(&run));
    assert!(format!("{}{}", run.stdout, run.stderr).contains("broken_links          error        0"));
}

#[test]
fn check_reports_a_link_broken_only_in_an_old_version_with_the_version_name() {
    let site = Site::copy("versions-basic");
    // `configure.md` exists in 2.0 only: the same link breaks in 1.x alone.
    site.write(
        "versions/1.x/docs/setup.md",
        "---\ntitle: Setup\n---\nSee [configure](configure.md) and <a href=\"/docs/1.x/configure/\">the HTML way</a>.\n",
    );
    site.write("content/docs/install.md", "---\ntitle: Install\n---\nSee [configure](configure.md).\n");
    let run = check(&site);
    assert_eq!(run.code, 1);
    let errors: Vec<String> = diagnostics(&run).into_iter().filter(|d| d.contains(": error: ")).collect();
    assert_eq!(
        errors,
        [
            "versions/1.x/docs/setup.md:4:5: error: link to a missing page `configure.md` (version `1.x`)\n  = help: it points to `docs/configure.md`, which does not exist",
            "versions/1.x/docs/setup.md:4:44: error: link to a missing page or file `/docs/1.x/configure/` (version `1.x`)\n  = help: nothing is published at that path; did you mean `/docs/configure/`?",
        ]
    );
}

#[test]
fn a_broken_link_in_a_version_read_from_git_names_the_ref_and_the_version() {
    let site = tagged_repository();
    let repo = site.dir.path();
    site.write("content/docs/install.md", "---\ntitle: Install\n---\nSee [gone](gone.md).\n");
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "2.1"]);
    git(repo, &["tag", "v2.1"]);
    site.write("content/docs/install.md", "---\ntitle: Install\n---\nFixed in 3.0.\n");
    site.write("site.yaml", "title: T\nversions:\n  - name: \"3.0\"\n  - name: 2.x\n    ref: v2.1\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        diagnostics(&run),
        [
            "v2.1:content/docs/install.md:4:5: error: link to a missing page `gone.md` (version `2.x`)\n  = help: it points to `docs/gone.md`; did you mean `docs/_index.md`?"
        ]
    );
}

/// `onramp serve` watches the folders older versions are read from: a save
/// there rebuilds the site and reloads the browser, like a save in
/// `content/`.
#[test]
fn serve_rebuilds_when_a_file_of_a_version_folder_is_saved() {
    use common::serve::{Serve, eventually};
    let site = Site::copy("versions-basic");
    let serve = Serve::start(&site, &[]);
    let mut ws = serve.socket();
    std::thread::sleep(Duration::from_millis(200));
    let before = serve.get("/docs/1.x/setup/").text();
    assert!(!before.contains("Saved in the 1.x folder"), "{before}");
    let path = site.root().join("versions/1.x/docs/setup.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\nSaved in the 1.x folder.\n")).unwrap();
    assert_eq!(ws.next(), r#"{"type":"reload"}"#);
    eventually("the saved 1.x page is served", || {
        serve.get("/docs/1.x/setup/").text().contains("Saved in the 1.x folder")
    });
}
