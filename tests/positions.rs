//! Diagnostics take their `line:col` from the YAML parser, not from a search
//! of the text: when the same text is written twice in a file, the error
//! points at the place that is wrong.

mod common;

use common::Site;

/// Builds a fixture that must fail; returns its stderr without the summary line.
fn fails(site: &Site) -> String {
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "the build should fail:\n{}", run.stderr);
    assert!(!site.out().exists(), "a failed build must not create the output folder");
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let mut lines: Vec<&str> = run.stderr.lines().collect();
    let summary = lines.pop().unwrap_or_default();
    assert!(summary.starts_with("build failed: "), "{summary}");
    lines.join("\n")
}

#[test]
fn missing_logo_points_at_the_logo_key_not_at_earlier_logo_text() {
    let site = Site::copy("positions-case-logo");
    assert_eq!(
        fails(&site),
        "content/case-studies/acme.md:7:3: error: logo `/img/acme.svg` not found\n  = help: put the file at `static/img/acme.svg`, or fix the path"
    );
}

#[test]
fn missing_second_mount_points_at_its_own_line() {
    let site = Site::copy("positions-mounts");
    let missing = site.root().join("CONTRIBUTING.md");
    assert_eq!(
        fails(&site),
        format!(
            "site.yaml:5:3: error: mounted file `CONTRIBUTING.md` not found\n  = help: the path is relative to the site folder: `{}`",
            missing.display()
        )
    );
}

#[test]
fn broken_step_link_points_at_its_step_and_empty_path_at_its_pages() {
    let site = Site::copy("positions-start");
    assert_eq!(
        fails(&site),
        [
            "content/start/_index.md:15:12: error: no page `install.md`",
            "  = help: it points to `content/install.md`; did you mean `start/install.md`?",
            "content/start/_index.md:21:5: error: path `Contribute` has no pages",
        ]
        .join("\n")
    );
}

#[test]
fn each_script_url_on_the_home_page_is_warned_at_its_own_value() {
    let site = Site::copy("positions-home");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let help = "  = help: it is replaced with `#`: use a site path (`/docs/`), a page, or an `https://` URL";
    let expected: Vec<String> = [(10, 14), (13, 12), (17, 12)]
        .iter()
        .flat_map(|(l, c)| {
            [format!("content/_index.md:{l}:{c}: warning: link with a `javascript:` URL left out"), help.to_string()]
        })
        .collect();
    let lines: Vec<&str> = run.stderr.lines().filter(|l| !l.starts_with("built ")).collect();
    assert_eq!(lines, expected);
    let html = site.html("index.html");
    let sel = scraper::Selector::parse("a[href^='javascript']").unwrap();
    assert_eq!(html.select(&sel).count(), 0);
}

#[test]
fn impossible_date_is_an_error_at_its_value_with_the_month_length() {
    let site = Site::copy("positions-date");
    assert_eq!(
        fails(&site),
        "content/news/leap.md:4:7: error: `date` `2024-02-31` is not a day of the calendar\n  = help: February 2024 has 29 days"
    );
}

#[test]
fn leap_day_with_a_time_is_a_date() {
    let site = Site::copy("positions-date");
    std::fs::remove_file(site.root().join("content/news/leap.md")).unwrap();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.html("news/ok/index.html");
    let sel = scraper::Selector::parse("time[datetime]").unwrap();
    let times: Vec<(String, String)> = html
        .select(&sel)
        .map(|t| (t.value().attr("datetime").unwrap_or_default().to_string(), t.text().collect::<String>()))
        .collect();
    assert_eq!(times, [("2024-02-29".to_string(), "29 February 2024".to_string())]);
}

#[test]
fn data_file_shared_by_two_pages_is_checked_once_at_its_entries() {
    let site = Site::copy("positions-data");
    assert_eq!(
        fails(&site),
        [
            "data/tools.yaml:7:3: error: unsafe link `javascript:alert(1)`",
            "  = help: use a web link (`https://…`) or a site path",
            "data/tools.yaml:10:3: error: logo `/img/drill.svg` not found",
            "  = help: put the file at `static/img/drill.svg`, or fix the path",
        ]
        .join("\n")
    );
}

#[test]
fn logo_in_a_data_file_is_found_among_the_discovered_content_files() {
    let site = Site::copy("positions-data");
    site.write("data/tools.yaml", "- name: Hammer\n  category: Hand\n  logo: /img/local.svg\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sel = scraper::Selector::parse("main img").unwrap();
    for page in ["tools/index.html", "more-tools/index.html"] {
        let html = site.html(page);
        let srcs: Vec<&str> = html.select(&sel).filter_map(|i| i.value().attr("src")).collect();
        assert_eq!(srcs, ["/img/local.svg"], "{page}");
    }
    assert!(site.out().join("img/local.svg").is_file());
}

#[test]
fn unknown_highlight_theme_points_at_its_value_not_at_earlier_text() {
    let site = Site::copy("positions-highlight");
    let stderr = fails(&site);
    let first = stderr.lines().next().unwrap_or_default();
    assert_eq!(first, "site.yaml:4:9: error: unknown highlighting theme `Nightglow`");
    assert!(stderr.lines().nth(1).is_some_and(|l| l.starts_with("  = help: available themes: ")), "{stderr}");
}

#[test]
fn invalid_skip_pattern_points_at_its_own_list_item() {
    let site = Site::copy("positions-skip");
    let out = common::onramp().arg("check").arg(site.root()).arg("--external").output().expect("run onramp");
    let run = common::Run::from(out);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let first = [
        "site.yaml:7:9: error: invalid `skip` pattern `^https://example\\.com/(`: found open group without closing ')'",
        "  = help: patterns are regular expressions, e.g. `^https://example\\.com/`",
    ];
    let all = format!("{}\n{}", run.stdout, run.stderr);
    let skip_errors: Vec<&str> = all.lines().filter(|l| l.contains("`skip`") || l.contains("patterns are")).collect();
    assert_eq!(skip_errors, first, "{all}");
}

#[test]
fn positions_in_a_site_yaml_with_lone_carriage_returns_stay_on_its_one_line() {
    // YAML reads a lone `\r` as a line break; onramp counts lines by `\n`,
    // as editors and the rest of its messages do: the file is one line.
    let site = common::Site::copy("basic");
    site.write(
        "site.yaml",
        "title: Basic\rbase_url: https://example.org/docs/\rlanguages:\r  - code: en\r  - code: ar\r",
    );
    let mut cmd = common::onramp();
    cmd.arg("check").arg(site.root()).args(["--format", "json"]);
    let run: common::Run = cmd.output().unwrap().into();
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect(&run.stderr);
    let on_site_yaml: Vec<(u64, u64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == "site.yaml")
        .map(|f| (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap()))
        .collect();
    assert!(!on_site_yaml.is_empty(), "{}", run.stdout);
    assert!(on_site_yaml.iter().all(|&(line, _)| line == 1), "{on_site_yaml:?}");
}
