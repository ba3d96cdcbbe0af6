//! Bad input: every error kind has a fixture under `tests/fixtures/err-*`,
//! and the test checks the exact message, the exit code, and that nothing
//! was written.

mod common;

use common::Site;

/// Builds a fixture that must fail; returns its stderr without the summary line.
fn fails(name: &str) -> String {
    let site = Site::copy(name);
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{name} should fail with exit code 1:\n{}", run.stderr);
    assert!(!site.out().exists(), "{name}: a failed build must not create the output folder");
    let mut lines: Vec<&str> = run.stderr.lines().collect();
    let summary = lines.pop().unwrap_or_default();
    assert!(summary.starts_with("build failed: "), "{name}: {summary}");
    assert!(!run.stderr.contains("panicked"), "{name} panicked: {}", run.stderr);
    lines.join("\n")
}

#[test]
fn malformed_yaml_front_matter() {
    assert_eq!(
        fails("err-yaml"),
        "content/page.md:4:1: error: invalid YAML: found unexpected end of stream\n  = help: while scanning a quoted scalar that starts at line 2, column 8"
    );
}

#[test]
fn unknown_front_matter_field_suggests_closest() {
    assert_eq!(
        fails("err-unknown-field"),
        "content/page.md:3:1: error: unknown front matter field `titel`\n  = help: did you mean `title`?"
    );
}

#[test]
fn wrong_type() {
    assert_eq!(
        fails("err-wrong-type"),
        "content/page.md:3:9: error: `weight` must be an integer, found string \"ten\""
    );
}

#[test]
fn missing_closing_fence() {
    assert_eq!(
        fails("err-unclosed"),
        "content/page.md:1:1: error: front matter is not closed\n  = help: add a line with `---` after the last front matter field"
    );
}

#[test]
fn empty_file() {
    assert_eq!(
        fails("err-empty"),
        "content/page.md:1:1: error: file is empty\n  = help: add front matter with a title (`---`, `title: …`, `---`) and some text, or delete the file"
    );
}

#[test]
fn file_not_utf8() {
    assert_eq!(
        fails("err-not-utf8"),
        "content/page.md:4:4: error: file is not valid UTF-8\n  = help: save the file with UTF-8 encoding"
    );
}

#[test]
fn broken_link() {
    assert_eq!(
        fails("err-broken-link"),
        "content/page.md:6:5: error: link to a missing page `guide/missing.md`\n  = help: it points to `content/guide/missing.md`, which does not exist"
    );
}

#[test]
fn broken_anchor_suggests_closest() {
    assert_eq!(
        fails("err-broken-anchor"),
        "content/page.md:6:5: error: link to a missing anchor `#instal` in `other.md`\n  = help: did you mean `#install`?"
    );
}

#[test]
fn two_pages_same_url() {
    assert_eq!(
        fails("err-duplicate-url"),
        "content/a.md:3:7: error: `content/a.md` and `content/b.md` would both be written to `/same/`\n  = help: give one of them a different `slug` or file name\n\
         content/b.md:3:7: error: `content/a.md` and `content/b.md` would both be written to `/same/`\n  = help: give one of them a different `slug` or file name"
    );
}

#[test]
fn template_syntax_error() {
    assert_eq!(
        fails("err-template-syntax"),
        "templates/docs.html:4:1: error: template syntax error: Found `{` but expected }}.\n  = help: see the Tera 2 template syntax; the theme's own templates are examples"
    );
}

#[test]
fn missing_template() {
    let err = fails("err-missing-template");
    let (head, help) = err.split_once("\n  = help: ").expect("a help line");
    assert_eq!(head, "content/page.md:3:9: error: no template for layout `landing`");
    // The help lists the theme's layouts (sorted; not the skeleton, partials or 404).
    let list =
        help.strip_prefix("available layouts: ").and_then(|h| h.strip_suffix("; or add `templates/landing.html`"));
    let layouts: Vec<&str> = list.expect(help).split(", ").collect();
    assert!(layouts.is_sorted(), "{layouts:?}");
    for want in ["docs", "home", "section"] {
        assert!(layouts.contains(&want), "{layouts:?}");
    }
    for never in ["base", "404", "components", "translation-status"] {
        assert!(!layouts.contains(&never), "{layouts:?}");
    }
}

#[test]
fn unknown_site_yaml_key() {
    assert_eq!(
        fails("err-unknown-key"),
        "site.yaml:2:1: error: unknown key `descripton`\n  = help: did you mean `description`?"
    );
}

#[test]
fn all_errors_reported_sorted_with_count() {
    let site = Site::copy("err-many");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    let heads: Vec<&str> = run.stderr.lines().filter(|l| !l.starts_with("  =")).collect();
    assert_eq!(
        heads,
        [
            "content/a.md:3:1: error: unknown front matter field `titel`",
            "content/b.md:4:5: error: link to a missing page `nowhere.md`",
            "content/c.md:3:9: error: `weight` must be an integer, found string \"ten\"",
            "build failed: 3 errors; the previous output was left untouched",
        ]
    );
}

#[test]
fn output_inside_content_is_refused() {
    let site = Site::copy("basic");
    let out = site.root().join("content/public");
    let run: common::Run =
        common::onramp().arg("build").arg(site.root()).arg("--out").arg(&out).output().unwrap().into();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("error: the output folder is inside the site's `content/` folder"), "{}", run.stderr);
    assert!(!out.exists());
    // The site root itself is refused too.
    let run: common::Run =
        common::onramp().arg("build").arg(site.root()).arg("--out").arg(site.root()).output().unwrap().into();
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("the output folder is or contains the site's sources"), "{}", run.stderr);
    assert!(site.root().join("content/_index.md").exists());
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let site = Site::copy("basic");
    site.build(&[]).ok();
    let before = site.read("guide/install/index.html");
    site.write("content/guide/install.md", "---\ntitle: [broken\n---\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert_eq!(site.read("guide/install/index.html"), before);
    let leftovers: Vec<_> =
        std::fs::read_dir(site.dir.path()).unwrap().filter_map(Result::ok).map(|e| e.file_name()).collect();
    assert_eq!(leftovers.len(), 2, "no staging folder may remain: {leftovers:?}");
}

#[test]
fn usage_errors_exit_2() {
    let run: common::Run = common::onramp().arg("build").arg("--no-such-flag").output().unwrap().into();
    assert_eq!(run.code, 2);
    let run: common::Run = common::onramp().arg("build").arg("/nonexistent/site").output().unwrap().into();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.starts_with("site.yaml: error: cannot read site configuration"), "{}", run.stderr);
}

#[test]
fn translation_errors_are_all_reported() {
    assert_eq!(
        fails("err-i18n"),
        [
            "content/docs/guide.fr.md:3:17: error: `translation_of` must be a hash like `3f2a9c1b7d0e`, found `latest`",
            "  = help: run `onramp i18n stamp content/docs/guide.fr.md` to record the current source version",
            "content/docs/orphan.fr.md:1:1: error: translation without a source page: there is no `docs/orphan.md` in the default language `en`",
            "  = help: rename the file to match its source page, or add the source page",
            "locales/fr/broken.ftl:2:1: error: Fluent syntax error: Expected a token starting with \"}\"",
            "  = help: see https://projectfluent.org/fluent/guide/ for the syntax",
            "locales/fr/broken.ftl:4:1: error: message `greeting` is defined twice (first on line 1)",
            "  = help: remove or rename one of the two; the first definition is used",
            "templates/docs.html:2:21: error: template error: UI message `no-such-message` is not defined in the default language `en`",
            "  = help: while rendering content/docs/guide.md (and 1 other page)",
        ]
        .join("\n")
    );
}

#[test]
fn invalid_language_codes() {
    assert_eq!(
        fails("err-i18n-code"),
        [
            "site.yaml:4:11: error: `en_US` is not a valid BCP 47 language code",
            "  = help: use codes such as `en`, `fr`, `pt-BR`, `zh-CN`",
            "site.yaml:5:11: error: `fr-` is not a valid BCP 47 language code",
            "  = help: use codes such as `en`, `fr`, `pt-BR`, `zh-CN`",
        ]
        .join("\n")
    );
}

#[test]
fn a_broken_ftl_file_keeps_its_other_messages() {
    // `i18n status` still reads the file: the messages around the broken
    // one are defined, so only the broken one counts as missing.
    let site = Site::copy("i18n");
    site.write("locales/fr/site.ftl", "polyglot-tagline = { $broken\npolyglot-footer = Fait par des polyglottes\n");
    let run: common::Run = common::onramp()
        .args(["i18n", "status"])
        .arg(site.root())
        .args(["--format", "json", "--lang", "fr"])
        .output()
        .unwrap()
        .into();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect(&run.stderr);
    let missing: Vec<&str> =
        json["languages"][0]["ui_missing"].as_array().unwrap().iter().filter_map(|v| v.as_str()).collect();
    let ours: Vec<&str> = missing.into_iter().filter(|id| id.starts_with("polyglot-")).collect();
    assert_eq!(ours, ["polyglot-tagline"]);
    let build = site.build(&[]);
    assert_eq!(build.code, 1);
    assert!(build.stderr.starts_with("locales/fr/site.ftl:1:1: error: Fluent syntax error"), "{}", build.stderr);
}
