//! Links to files of the repository that are not pages (a crate README's
//! `LICENSE-MIT`, `../../CONTRIBUTING.md`, `/LICENSE-APACHE`), and the one
//! level of broken links (`check.broken_links`) that the build and
//! `onramp check` both follow.

mod common;

use common::{Run, Site, attrs, onramp};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The `forge-repo` fixture is a whole repository; its site folder is `docs/`.
struct Repo {
    site: Site,
}

impl Repo {
    fn copy() -> Repo {
        Repo { site: Site::copy("forge-repo") }
    }

    fn docs(&self) -> PathBuf {
        self.site.root().join("docs")
    }

    fn write(&self, rel: &str, text: &str) {
        self.site.write(rel, text);
    }

    fn build(&self) -> Run {
        Run::from(onramp().arg("build").arg(self.docs()).arg("--out").arg(self.site.out()).output().expect("run"))
    }
}

fn prose_links(site: &Site, page: &str) -> Vec<String> {
    attrs(&site.html(page), "main .prose a:not(.anchor)", "href")
}

/// `path:line:col: level: message` of every diagnostic line of a run's stderr.
fn heads(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.contains(": error: ") || l.contains(": warning: ")).collect()
}

#[test]
fn links_to_repository_files_outside_content_become_forge_links() {
    let repo = Repo::copy();
    let run = repo.build();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(heads(&run.stderr), Vec::<&str>::new(), "{}", run.stderr);
    // A crate README mounted as a page: links from where it really is.
    assert_eq!(
        prose_links(&repo.site, "crates/parser/index.html"),
        [
            "https://forge.example/org/workspace/blob/main/crates/parser/LICENSE-MIT",
            "https://forge.example/org/workspace/blob/main/LICENSE-APACHE",
            "https://forge.example/org/workspace/blob/main/CONTRIBUTING.md#patches",
            "https://forge.example/org/workspace/tree/main/crates/parser/src",
        ]
    );
    // A README copied under `content/`: links that leave `content/` are read
    // from the page's place in the repository; a site-root link is the
    // site's when the site publishes something there, else the repository's.
    assert_eq!(
        prose_links(&repo.site, "guide/readme/index.html"),
        [
            "https://forge.example/org/workspace/blob/main/LICENSE-MIT#L1",
            "https://forge.example/org/workspace/blob/main/LICENSE-APACHE",
            "https://forge.example/org/workspace/tree/main/crates",
            "/docs/crates/parser/",
            "/docs/guide/",
            "/docs/logo.txt",
        ]
    );
}

#[test]
fn links_to_repository_files_that_do_not_exist_are_errors_at_the_link() {
    let repo = Repo::copy();
    repo.build().ok();
    let before = std::fs::read_to_string(repo.site.out().join("crates/parser/index.html")).unwrap();
    repo.write(
        "crates/parser/README.md",
        "# parser\n\nSee [the licence](./LICENSE) and [BSD][bsd].\n\n[bsd]: /LICENSE-BSD\n",
    );
    repo.write(
        "docs/content/guide/readme.md",
        "---\ntitle: README\n---\n\n[Changes](../../../CHANGELOG.md) and [secrets](../../../../outside.txt).\n",
    );
    std::fs::write(repo.site.dir.path().join("outside.txt"), "not in the repository").unwrap();
    let run = repo.build();
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.stderr.lines().collect::<Vec<_>>(),
        [
            "../crates/parser/README.md:3:5: error: link to a missing file `./LICENSE`",
            "  = help: it points to `crates/parser/LICENSE` in the repository, which has no such file or folder",
            "../crates/parser/README.md:3:34: error: link to a missing page or file `/LICENSE-BSD`",
            "  = help: nothing is published at that path, and the repository has no such file (a site-root link to a repository file is read from the repository's root)",
            "content/guide/readme.md:5:1: error: link to a missing page `../../../CHANGELOG.md`",
            "  = help: it points to `CHANGELOG.md` in the repository, which has no such file or folder",
            "content/guide/readme.md:5:38: error: link to a missing file `../../../../outside.txt`",
            "  = help: it points outside the repository; only files of the repository can be linked",
            "build failed: 4 errors; the previous output was left untouched",
        ],
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(repo.site.out().join("crates/parser/index.html")).unwrap(), before);
    // `onramp check` reports the same links at the same level.
    let checked = check_json(&repo.docs());
    assert_eq!(checked.code, 1, "{checked:?}");
    assert_eq!(check_findings(&checked.stdout), build_findings(&run.stderr), "{}", checked.stdout);
}

/// `(path, line, col, level, message)` of each diagnostic a build printed.
fn build_findings(stderr: &str) -> BTreeSet<(String, u64, u64, String, String)> {
    heads(stderr)
        .iter()
        .map(|l| {
            let (place, rest) = l.split_once(": ").expect("place");
            let (level, message) = rest.split_once(": ").expect("level");
            let mut parts = place.rsplitn(3, ':');
            let col = parts.next().unwrap().parse().expect("col");
            let line = parts.next().unwrap().parse().expect("line");
            (parts.next().unwrap().to_string(), line, col, level.to_string(), message.to_string())
        })
        .collect()
}

/// The same for the `broken_links` findings of `onramp check --format json`.
fn check_findings(stdout: &str) -> BTreeSet<(String, u64, u64, String, String)> {
    let json: serde_json::Value = serde_json::from_str(stdout).expect("json");
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["category"] == "broken_links")
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["level"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn check_json(root: &std::path::Path) -> Run {
    Run::from(onramp().arg("check").arg(root).args(["--format", "json"]).output().expect("run"))
}

#[test]
fn root_links_to_nothing_fail_the_build_as_they_fail_the_check() {
    let repo = Repo::copy();
    repo.write("docs/content/guide/more.md", "---\ntitle: More\n---\n\n[Notice](/NOTICE) and [logo](/logo.txt).\n");
    let run = repo.build();
    assert_eq!(run.code, 1, "{run:?}");
    let built = build_findings(&run.stderr);
    let expected: BTreeSet<_> = [(
        "content/guide/more.md".to_string(),
        5,
        1,
        "error".to_string(),
        "link to a missing page or file `/NOTICE`".to_string(),
    )]
    .into();
    assert_eq!(built, expected, "{}", run.stderr);
    let checked = check_json(&repo.docs());
    assert_eq!(checked.code, 1, "{checked:?}");
    assert_eq!(check_findings(&checked.stdout), expected, "{}", checked.stdout);
    // With the file in the repository, both make it a forge link.
    repo.write("NOTICE", "notice\n");
    repo.build().ok();
    assert_eq!(
        prose_links(&repo.site, "guide/more/index.html"),
        ["https://forge.example/org/workspace/blob/main/NOTICE", "/docs/logo.txt"]
    );
    let checked = check_json(&repo.docs());
    assert_eq!(check_findings(&checked.stdout), BTreeSet::new(), "{}", checked.stdout);
}

/// The warnings of the `forge-warn` fixture, whose `check.broken_links` is `warn`.
fn warn_findings() -> BTreeSet<(String, u64, u64, String, String)> {
    [
        (6, 3, "link to a missing page `gone.md`"),
        (7, 3, "link to a missing page or file `/NOTICE`"),
        (8, 3, "link to a missing file `../../LICENSE`"),
    ]
    .into_iter()
    .map(|(line, col, m)| ("content/_index.md".to_string(), line, col, "warning".to_string(), m.to_string()))
    .chain([(
        "content/setup.md".to_string(),
        7,
        6,
        "warning".to_string(),
        "link to a missing anchor `#nowhere` in `_index.md`".to_string(),
    )])
    .collect()
}

#[test]
fn broken_links_at_warn_build_with_a_warning_each_and_the_count() {
    let site = Site::copy("forge-warn");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(build_findings(&run.stderr), warn_findings(), "{}", run.stderr);
    let summary = run.stdout.lines().last().unwrap_or_default();
    let (_, tail) = summary.split_once(" s, ").unwrap_or_else(|| panic!("{summary}"));
    assert_eq!(tail, "4 warnings; 4 broken links reported as warnings (broken_links: warn)");
    assert!(summary.starts_with("built 2 pages (2 en) into "), "{summary}");
    // The broken links lead nowhere rather than to a wrong page.
    assert_eq!(attrs(&site.html("index.html"), "main .prose a", "href"), ["/docs/setup/", "#", "/docs/NOTICE", "#"]);
}

#[test]
fn broken_links_at_warn_are_the_same_warnings_in_the_check() {
    let site = Site::copy("forge-warn");
    let run = check_json(&site.root());
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(check_findings(&run.stdout), warn_findings(), "{}", run.stdout);
    // And both treat a file that appears in the repository alike.
    std::fs::write(site.dir.path().join("LICENSE"), "MIT\n").unwrap();
    let checked = check_findings(&check_json(&site.root()).stdout);
    let build = site.build(&[]);
    assert_eq!(build_findings(&build.stderr), checked, "{}", build.stderr);
    assert_eq!(checked.len(), 3, "{checked:?}");
    assert_eq!(
        attrs(&site.html("index.html"), "main .prose a", "href")[3],
        "https://forge.example/org/half/blob/main/LICENSE"
    );
}

#[test]
fn broken_links_off_build_without_them_and_say_how_many() {
    let site = Site::copy("forge-warn");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &yaml.replace("broken_links: warn", "broken_links: off"));
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stderr, "");
    let summary = run.stdout.lines().last().unwrap_or_default();
    assert!(summary.ends_with(" s; 4 broken links not reported (broken_links: off)"), "{summary}");
    let checked = check_json(&site.root());
    assert_eq!(check_findings(&checked.stdout), BTreeSet::new(), "{}", checked.stdout);
}

#[test]
fn build_broken_links_is_the_same_level_and_wins_over_the_checks() {
    let site = Site::copy("forge-warn");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let yaml = yaml.replace("broken_links: warn", "broken_links: error");
    site.write("site.yaml", &format!("{yaml}build:\n  broken_links: off\n"));
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stderr, "");
    let summary = run.stdout.lines().last().unwrap_or_default();
    assert!(summary.ends_with(" s; 4 broken links not reported (broken_links: off)"), "{summary}");
    let checked = check_json(&site.root());
    assert_eq!(check_findings(&checked.stdout), BTreeSet::new(), "{}", checked.stdout);
}

#[test]
fn serve_judges_an_edited_pages_root_links_as_the_build_does() {
    let site = Site::copy("forge-warn");
    site.write("site.yaml", "title: Half fixed\nrepo:\n  url: https://forge.example/org/half\n  path: site\n");
    site.write("content/_index.md", "---\ntitle: Half fixed\n---\n\n[Setup](setup.md)\n");
    site.write("content/setup.md", "---\ntitle: Setup\n---\n\n## Install\n");
    std::fs::write(site.dir.path().join("LICENSE"), "MIT\n").unwrap();
    let serve = common::serve::Serve::start(&site, &[]);
    let mut ws = serve.socket();
    std::thread::sleep(std::time::Duration::from_millis(200));
    // A body edit is an incremental update: its site-root links are judged too.
    site.write("content/setup.md", "---\ntitle: Setup\n---\n\n## Install\n\n[Notice](/NOTICE)\n");
    assert_eq!(ws.next(), r#"{"type":"reload"}"#);
    let page = scraper::Html::parse_document(&serve.get("/").text());
    assert_eq!(
        common::text_of(&page, "#onramp-error-overlay li"),
        "content/setup.md:7:1: error: link to a missing page or file `/NOTICE`\n  = help: nothing is published at that path, and the repository has no such file (a site-root link to a repository file is read from the repository's root)"
    );
    site.write("content/setup.md", "---\ntitle: Setup\n---\n\n## Install\n\n[Licence](/LICENSE)\n");
    assert_eq!(ws.next(), r#"{"type":"reload"}"#);
    let page = scraper::Html::parse_document(&serve.get("/setup/").text());
    assert!(common::select(&page, "#onramp-error-overlay").is_empty());
    assert_eq!(
        attrs(&page, "main .prose a:not(.anchor)", "href"),
        ["https://forge.example/org/half/blob/main/LICENSE"]
    );
}
