//! A build whose sources already have errors writes nothing: no staging
//! folder, no static copies, no search index. It still renders every page
//! (into a sink that keeps nothing), so errors that only rendering finds,
//! such as broken links, are reported in the same run. `onramp check`, which
//! keeps only each page's element ids, finds the same problems.

mod common;

use common::{Site, onramp, run_with_deadline};
use std::time::Duration;

/// A site with a front matter error in one page and a broken link in another.
fn broken_site() -> Site {
    let site = Site::copy("basic");
    site.write("content/guide/bad.md", "---\ntitle: [unclosed\n---\nText.\n");
    site.write("content/guide/links.md", "---\ntitle: Links\n---\nSee [the missing page](missing.md).\n");
    site
}

fn build_paused_before_staging(site: &Site) -> std::process::Command {
    let mut cmd = onramp();
    cmd.arg("build").arg(site.root()).arg("--out").arg(site.out());
    // A build that creates its staging folder stops here for good: the
    // deadline below would fail the test.
    cmd.env("ONRAMP_TEST_PAUSE", "before-staging");
    cmd
}

#[test]
fn a_build_with_source_errors_creates_no_staging_folder_and_reports_render_errors_too() {
    let site = broken_site();
    let run = run_with_deadline(build_paused_before_staging(&site), Duration::from_secs(60));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("paused"), "the build started writing:\n{}", run.stderr);
    let errors: Vec<&str> = run.stderr.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 2, "{}", run.stderr);
    assert!(errors[0].starts_with("content/guide/bad.md:2:"), "{}", errors[0]);
    assert_eq!(errors[1], "content/guide/links.md:4:5: error: link to a missing page `missing.md`");
    assert!(!site.out().exists());
    let beside: Vec<String> = std::fs::read_dir(site.out().parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging"))
        .collect();
    assert_eq!(beside, Vec::<String>::new());
}

#[test]
fn a_build_without_errors_reaches_the_staging_folder() {
    // The control for the test above: the pause point is real.
    let site = Site::copy("basic");
    let mut child = build_paused_before_staging(&site)
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    std::io::BufRead::read_line(&mut stderr, &mut line).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(line.trim(), "onramp: paused before-staging");
}

#[test]
fn check_reports_the_same_errors_as_the_failed_build() {
    let site = broken_site();
    let mut cmd = onramp();
    cmd.arg("check").arg(site.root()).args(["--format", "json"]);
    let run = run_with_deadline(cmd, Duration::from_secs(60));
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut at: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["level"] == "error")
        .map(|f| format!("{}:{}", f["path"].as_str().unwrap(), f["line"]))
        .collect();
    at.sort();
    assert_eq!(at, ["content/guide/bad.md:2", "content/guide/links.md:4"]);
}
