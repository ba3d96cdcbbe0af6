//! Hostile and broken input: deeply nested YAML, alias bombs, named pipes,
//! links to devices and to files outside the site, huge files, and the
//! messages of static-file and template errors. Every run of the binary has a
//! deadline, so a regression fails instead of hanging. Special files are made
//! by the tests at run time, never committed.

mod common;

use common::{Run, Site, onramp, run_with_deadline};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(20);

/// `onramp build` of `site` with a deadline.
fn build(site: &Site) -> Run {
    let mut cmd = onramp();
    cmd.arg("build").arg(site.root()).arg("--out").arg(site.out());
    run_with_deadline(cmd, LIMIT)
}

/// `onramp check` of `site` with a deadline.
fn check(site: &Site) -> Run {
    let mut cmd = onramp();
    cmd.arg("check").arg(site.root());
    run_with_deadline(cmd, LIMIT)
}

/// The diagnostics of a failed build (stderr without the summary line),
/// after checking that it failed cleanly and wrote nothing.
fn fails(site: &Site) -> String {
    let run = build(site);
    assert_eq!(run.code, 1, "the build should fail:\n{}", run.stderr);
    assert!(!site.out().exists(), "a failed build must not create the output folder");
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let mut lines: Vec<&str> = run.stderr.lines().collect();
    let summary = lines.pop().unwrap_or_default();
    assert!(summary.starts_with("build failed: "), "{summary}");
    lines.join("\n")
}

/// The fixture site with one more file.
fn site_with(rel: &str, text: &str) -> Site {
    let site = Site::copy("basic");
    site.write(rel, text);
    site
}

fn deep_flow(levels: usize) -> String {
    format!("{{x: {}1{}}}", "[".repeat(levels), "]".repeat(levels))
}

const DEPTH_HELP: &str =
    "  = help: onramp reads at most 64 levels of lists and mappings inside one another; flatten the structure";

#[test]
fn deeply_nested_front_matter_is_refused_quickly() {
    let site = site_with("content/deep.md", &format!("---\ntitle: Deep\nextra: {}\n---\nText.\n", deep_flow(40_000)));
    let started = Instant::now();
    // `extra` is level 1, `{` level 2, the 63rd `[` (column 74) level 65.
    assert_eq!(
        fails(&site),
        format!("content/deep.md:3:74: error: YAML nested more than 64 levels deep\n{DEPTH_HELP}")
    );
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
}

#[test]
fn deeply_nested_section_index_is_refused_quickly() {
    let site = site_with("content/deep/_index.md", &format!("---\ntitle: Deep\nextra: {}\n---\n", deep_flow(40_000)));
    assert_eq!(
        fails(&site),
        format!("content/deep/_index.md:3:74: error: YAML nested more than 64 levels deep\n{DEPTH_HELP}")
    );
}

#[test]
fn deeply_nested_site_yaml_is_refused_quickly() {
    let site = Site::copy("basic");
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let lines = config.lines().count();
    site.write("site.yaml", &format!("{config}extra: {}\n", deep_flow(40_000)));
    assert_eq!(
        fails(&site),
        format!("site.yaml:{}:74: error: YAML nested more than 64 levels deep\n{DEPTH_HELP}", lines + 1)
    );
}

#[test]
fn deeply_nested_data_file_is_refused_quickly() {
    // Block nesting: compact sequences, one level per `- `.
    let site = site_with("data/deep.yaml", &format!("{}x\n", "- ".repeat(40_000)));
    assert_eq!(
        fails(&site),
        format!("data/deep.yaml:1:129: error: YAML nested more than 64 levels deep\n{DEPTH_HELP}")
    );
}

#[test]
fn deeply_nested_fluent_placeables_are_an_error_not_a_stack_overflow() {
    let site = site_with("locales/en/deep.ftl", &format!("deep = {}x{}\n", "{ ".repeat(3000), " }".repeat(3000)));
    assert_eq!(
        fails(&site),
        "locales/en/deep.ftl:1:72: error: placeables nested more than 32 deep; the file is not read\n  = help: a message needs a few levels of `{ … }` at most; check for unclosed braces"
    );
}

const ALIAS_HELP: &str = "  = help: each `*alias` copies its anchored value, and onramp reads at most 1000000 values; reference smaller values or write them out";

#[test]
fn wide_alias_expansion_in_a_data_file_is_bounded() {
    // 50 KB that serde_yaml alone expands to 100 million values (gigabytes).
    let items = vec!["1"; 10_000].join(",");
    let refs = vec!["*a"; 10_000].join(",");
    let site = site_with("data/bomb.yaml", &format!("a: &a [{items}]\nb: [{refs}]\n"));
    assert_eq!(
        fails(&site),
        format!("data/bomb.yaml:2:5: error: YAML aliases expand to too many values\n{ALIAS_HELP}")
    );
}

#[test]
fn nested_alias_expansion_billion_laughs_in_front_matter_is_bounded() {
    let mut fm = vec!["title: Laughs".to_string(), "extra:".to_string(), "  l0: &l0 lol".to_string()];
    fm.extend((1..10).map(|i| format!("  l{i}: &l{i} [{}]", vec![format!("*l{}", i - 1); 9].join(", "))));
    let site = site_with("content/laughs.md", &format!("---\n{}\n---\nText.\n", fm.join("\n")));
    assert_eq!(
        fails(&site),
        format!("content/laughs.md:5:12: error: YAML aliases expand to too many values\n{ALIAS_HELP}")
    );
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let ok = Command::new("mkfifo").arg(path).status().expect("mkfifo").success();
    assert!(ok, "mkfifo {}", path.display());
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, link).unwrap();
}

const REGULAR_HELP: &str = "  = help: onramp reads only regular files here; remove it or replace it with a file";

#[cfg(unix)]
#[test]
fn fifo_data_file_is_an_error_not_a_hang() {
    let site = Site::copy("basic");
    mkfifo(&site.root().join("data/x.yaml"));
    assert_eq!(fails(&site), format!("data/x.yaml: error: is a named pipe (FIFO), not a regular file\n{REGULAR_HELP}"));
}

#[cfg(unix)]
#[test]
fn fifo_locale_file_is_an_error_not_a_hang() {
    let site = Site::copy("basic");
    mkfifo(&site.root().join("locales/en/x.ftl"));
    assert_eq!(
        fails(&site),
        format!("locales/en/x.ftl: error: is a named pipe (FIFO), not a regular file\n{REGULAR_HELP}")
    );
}

#[cfg(unix)]
#[test]
fn fifo_in_content_static_and_templates_is_reported_at_its_path() {
    for rel in ["content/pipe.md", "content/guide/pipe.png", "static/pipe.css", "templates/pipe.html"] {
        let site = Site::copy("basic");
        mkfifo(&site.root().join(rel));
        assert_eq!(fails(&site), format!("{rel}: error: is a named pipe (FIFO), not a regular file\n{REGULAR_HELP}"));
    }
}

#[cfg(unix)]
#[test]
fn link_to_dev_zero_is_refused_not_read_forever() {
    for rel in ["content/zero.md", "content/guide/zero.bin", "data/zero.yaml", "locales/en/zero.ftl", "static/zero.txt"]
    {
        let site = Site::copy("basic");
        symlink(Path::new("/dev/zero"), &site.root().join(rel));
        assert_eq!(
            fails(&site),
            format!("{rel}: error: is a link to `/dev/zero`, a character device, not a regular file\n{REGULAR_HELP}")
        );
    }
}

#[cfg(unix)]
#[test]
fn site_yaml_linked_to_etc_passwd_is_refused_without_echoing_it() {
    let site = Site::copy("basic");
    std::fs::remove_file(site.root().join("site.yaml")).unwrap();
    symlink(Path::new("/etc/passwd"), &site.root().join("site.yaml"));
    let real = std::fs::canonicalize("/etc/passwd").unwrap();
    assert_eq!(
        fails(&site),
        format!(
            "site.yaml: error: is a link to `{}`, outside the site folder\n  = help: onramp reads sources only from inside the site folder; copy the file in, or publish a markdown file from elsewhere with `mount:` in site.yaml",
            real.display()
        )
    );
}

#[cfg(unix)]
#[test]
fn link_out_of_the_site_in_content_and_data_is_refused() {
    for rel in ["content/outside.md", "data/outside.yaml"] {
        let site = Site::copy("basic");
        let outside = site.dir.path().join("outside.txt");
        std::fs::write(&outside, "secret: do not print\n").unwrap();
        symlink(&outside, &site.root().join(rel));
        let real = std::fs::canonicalize(&outside).unwrap();
        let errors = fails(&site);
        assert_eq!(
            errors.lines().next().unwrap(),
            format!("{rel}: error: is a link to `{}`, outside the site folder", real.display())
        );
        assert!(!errors.contains("secret"), "{errors}");
    }
}

#[cfg(unix)]
#[test]
fn links_inside_the_site_and_mounted_files_outside_it_are_read() {
    let site = Site::copy("basic");
    site.write("shared/page.md", "---\ntitle: Shared page\n---\nShared text.\n");
    symlink(Path::new("../shared/page.md"), &site.root().join("content/linked.md"));
    std::fs::write(site.dir.path().join("CONTRIBUTING.md"), "---\ntitle: Contributing\n---\nHow to help.\n").unwrap();
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{config}mount:\n  ../CONTRIBUTING.md: contributing.md\n"));
    let run = build(&site).ok();
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert_eq!(common::text_of(&site.html("linked/index.html"), "main h1"), "Shared page");
    assert_eq!(common::text_of(&site.html("contributing/index.html"), "main h1"), "Contributing");
}

#[cfg(unix)]
#[test]
fn link_to_a_folder_is_a_warning_and_not_followed() {
    let site = Site::copy("basic");
    symlink(Path::new("/"), &site.root().join("content/root"));
    let run = build(&site).ok();
    assert_eq!(
        run.stderr.lines().next().unwrap(),
        "content/root: warning: is a link to a folder, which onramp does not follow"
    );
    assert!(!site.out().join("root").exists());
}

#[test]
fn markdown_larger_than_16_mib_is_refused() {
    let site = Site::copy("basic");
    let mut text = String::from("---\ntitle: Huge\n---\n");
    text.push_str(&"word ".repeat(17 * 1024 * 1024 / 5));
    site.write("content/huge.md", &text);
    assert_eq!(
        fails(&site),
        "content/huge.md: error: file is larger than 16 MiB, the limit for a text source\n  = help: split it into smaller files"
    );
}

#[test]
fn static_that_is_a_file_is_an_error_at_static() {
    let site = Site::copy("basic");
    std::fs::remove_dir_all(site.root().join("static")).unwrap();
    site.write("static", "not a folder");
    assert_eq!(
        fails(&site),
        "static: error: `static` is a file, not a folder\n  = help: put the files to copy to the output as they are in a `static/` folder"
    );
}

#[test]
fn static_copy_error_names_the_file_under_static() {
    // A file `static/theme` cannot be copied over the theme's `theme/` folder.
    let site = site_with("static/theme", "not a folder");
    assert_eq!(fails(&site), "static/theme: error: cannot copy: Is a directory");
}

#[test]
fn site_template_error_names_the_template_file_and_line() {
    let site = site_with("templates/extra.html", "<p>\n{% include \"nope.html\" %}\n{{ nope() }}</p>\n");
    assert_eq!(
        fails(&site),
        "templates/extra.html:2:12: error: template error: Unknown template `nope.html`\ntemplates/extra.html:3:4: error: template error: Unknown function `nope`"
    );
}

#[test]
fn site_template_circular_include_names_the_template() {
    let site = site_with("templates/partials/loop.html", "{% include \"partials/loop.html\" %}\n");
    assert_eq!(
        fails(&site),
        "templates/partials/loop.html: error: template `partials/loop.html` includes itself: partials/loop.html → partials/loop.html"
    );
}

#[cfg(unix)]
#[test]
fn unreadable_static_file_is_reported_by_check_before_writing() {
    use std::os::unix::fs::PermissionsExt;
    let site = site_with("static/secret.txt", "x");
    let path = site.root().join("static/secret.txt");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::File::open(&path).is_ok() {
        // Running as root: permissions do not stop reads, nothing to test.
        eprintln!("skipped: this user can read a file with mode 000");
        return;
    }
    let run = check(&site);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(all.lines().any(|l| l == "static/secret.txt: error: cannot read: Permission denied"), "{all}");
    assert_eq!(
        fails(&site),
        "static/secret.txt: error: cannot read: Permission denied\n  = help: check that the file exists and that you may read it"
    );
}

#[cfg(unix)]
#[test]
fn fifo_in_static_is_reported_by_check() {
    let site = Site::copy("basic");
    mkfifo(&site.root().join("static/pipe.txt"));
    let run = check(&site);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(all.lines().any(|l| l == "static/pipe.txt: error: is a named pipe (FIFO), not a regular file"), "{all}");
}

#[cfg(unix)]
#[test]
fn layout_data_file_linked_out_of_the_site_is_refused_without_echoing_it() {
    let site = Site::copy("layouts-directory");
    let outside = site.dir.path().join("outside.yaml");
    std::fs::write(&outside, "- name: SECRET-NAME\n  nonsense: SECRET-VALUE\n").unwrap();
    std::fs::remove_file(site.root().join("data/products.yaml")).unwrap();
    symlink(&outside, &site.root().join("data/products.yaml"));
    let real = std::fs::canonicalize(&outside).unwrap();
    let errors = fails(&site);
    assert_eq!(
        errors.lines().next().unwrap(),
        format!(
            "data/products.yaml: error: cannot read data file: is a link to `{}`, outside the site folder",
            real.display()
        )
    );
    assert!(!errors.contains("SECRET"), "{errors}");
}

#[cfg(unix)]
#[test]
fn socket_in_content_is_reported_at_its_path() {
    let site = Site::copy("basic");
    let _listener = std::os::unix::net::UnixListener::bind(site.root().join("content/guide/app.sock")).unwrap();
    assert_eq!(fails(&site), format!("content/guide/app.sock: error: is a socket, not a regular file\n{REGULAR_HELP}"));
}
