//! `site.yaml` → validated [`SiteConfig`].
//!
//! The raw YAML shape ([`RawConfig`]) rejects unknown keys (with a
//! suggestion of the closest known key); [`SiteConfig::load`] then validates
//! what serde cannot: language codes, the base URL, theme names.

use crate::diagnostics::{Diagnostic, Diagnostics};
pub use crate::schema::site::{
    Direction, HighlightConfig, I18nConfig, MarkdownConfig, MenuEntry, MountMap, Repo, SearchConfig, check_base_url,
};
use crate::schema::site::{RawConfig, RawLanguage};
use crate::yaml::{self, Spans, YamlSource};
use crate::yaml_path;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Name of the configuration file at the site root.
pub const CONFIG_FILE: &str = "site.yaml";

/// A language the site is published in.
#[derive(Debug, Clone, Serialize)]
pub struct Language {
    /// BCP 47 code, e.g. `en`, `fr`, `zh-CN`.
    pub code: String,
    /// Name of the language in itself (`Français`).
    pub name: String,
    /// Text direction.
    pub direction: Direction,
    /// Site title in this language.
    pub title: String,
    /// Site description in this language.
    pub description: String,
    /// Menu labels by menu id.
    pub menu: BTreeMap<String, String>,
    /// URL prefix: empty for the default language, `fr/` for the others.
    pub prefix: String,
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// Site root folder.
    pub root: PathBuf,
    /// Site title.
    pub title: String,
    /// One-sentence description, used in meta tags.
    pub description: String,
    /// Absolute base URL, always ending in `/`; `/` when not set.
    pub base_url: String,
    /// The path part of `base_url` (`/` or `/docs/`), prefixed to every link.
    pub base_path: String,
    /// Languages; the first is the default.
    pub languages: Vec<Language>,
    /// Theme name (`default` or a folder under `themes/`).
    pub theme: String,
    /// Repository for edit links.
    pub repo: Option<Repo>,
    /// Header menu.
    pub menu: Vec<MenuEntry>,
    /// Highlighting themes.
    pub highlight: HighlightConfig,
    /// Search options.
    pub search: SearchConfig,
    /// Translation options.
    pub i18n: I18nConfig,
    /// Markdown options.
    pub markdown: MarkdownConfig,
    /// Where the community page's contributors come from.
    pub community: crate::schema::community::CommunityConfig,
    /// Files from outside `content/` published as pages: source (relative to the site folder) → content key.
    pub mount: MountMap,
    /// Levels and options of `onramp check`.
    pub check: crate::schema::check::CheckConfig,
    /// Markdown copies of the pages and `llms.txt`.
    pub outputs: crate::schema::outputs::OutputsConfig,
    /// Versions of the versioned sections published side by side.
    pub versions: crate::schema::versions::Versions,
    /// Free-form values for templates.
    pub extra: BTreeMap<String, serde_json::Value>,
    /// Where each key and value of `site.yaml` is written.
    pub spans: Spans,
}

impl SiteConfig {
    /// Reads and validates `root/site.yaml`. `base_url` overrides the file's.
    pub fn load(root: &Path, base_url: Option<&str>) -> Result<SiteConfig, Diagnostics> {
        let path = root.join(CONFIG_FILE);
        if std::fs::symlink_metadata(&path).is_err() {
            let d = Diagnostic::error(CONFIG_FILE, 0, 0, "cannot read site configuration: No such file or directory")
                .with_help(format!("is `{}` an onramp site? `onramp init DIR` creates one", root.display()));
            return Err(Diagnostics::from_iter([d]));
        }
        let place = crate::source_file::Place::Site(root);
        let text = crate::source_file::read_text(&path, Path::new(CONFIG_FILE), place)
            .map_err(|d| Diagnostics::from_iter([d]))?;
        Self::parse(root, &text, base_url)
    }

    /// Validates configuration text (exposed for tests).
    pub fn parse(root: &Path, text: &str, base_url: Option<&str>) -> Result<SiteConfig, Diagnostics> {
        let src = YamlSource { path: Path::new(CONFIG_FILE), first_line: 1, key_noun: "key" };
        let (raw, spans): (RawConfig, Spans) = yaml::parse_spanned(text, src)
            .map_err(|d| Diagnostics::from_iter([crate::schema::values::value_error(d)]))?;
        let mut diags = Diagnostics::new();
        let base_url = normalize_base_url(base_url.map(str::to_string).or(raw.base_url));
        let base_path = base_path_of(&base_url);
        check_menu_labels(&raw.menu, &raw.languages, &spans, &mut diags);
        let languages = validate_languages(raw.languages, &raw.title, &raw.description, &spans, &mut diags);
        let i18n = raw.i18n.unwrap_or_default();
        let status_path = i18n.status_path.trim_matches('/');
        let path_ok = !status_path.is_empty()
            && status_path.split('/').all(|seg| {
                !seg.is_empty()
                    && seg != "."
                    && seg != ".."
                    && seg.chars().all(|c| c.is_alphanumeric() || "-_.".contains(c))
            });
        if !path_ok {
            let (line, col) = spans.key(&yaml_path!["i18n", "status_path"]).unwrap_or((1, 1));
            diags.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    line,
                    col,
                    format!(
                        "`status_path` must be a URL path such as `translation-status`, found `{}`",
                        i18n.status_path
                    ),
                )
                .with_help("use letters, digits, `-`, `_` and `/` between segments"),
            );
        }
        let i18n = I18nConfig { status_path: status_path.to_string(), ..i18n };
        let outputs = raw.outputs.unwrap_or_default();
        if outputs.any() && base_url == "/" {
            diags.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    spans.key(&yaml_path!["outputs"]).map_or(1, |(line, _)| line),
                    1,
                    "`outputs` needs `base_url`: the markdown copies and `llms.txt` link pages by absolute URL",
                )
                .with_help(
                    "set `base_url` to the address the site is published at, such as `https://docs.example.org/`",
                ),
            );
        }
        let versions = crate::schema::versions::validate(raw.versions, raw.versioned, &spans, &mut diags);
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(SiteConfig {
            root: root.to_path_buf(),
            title: raw.title,
            description: raw.description,
            base_url,
            base_path,
            languages,
            theme: raw.theme.unwrap_or_else(|| "default".into()),
            repo: raw.repo,
            menu: raw.menu,
            highlight: raw.highlight.unwrap_or_default(),
            search: raw.search.unwrap_or_default(),
            i18n,
            markdown: raw.markdown.unwrap_or_default(),
            community: raw.community.unwrap_or_default(),
            mount: raw.mount,
            check: {
                // One level for broken links, which the build and `onramp check` share.
                let mut check = raw.check.unwrap_or_default();
                if let Some(level) = raw.build.and_then(|b| b.broken_links) {
                    check.broken_links = level;
                }
                check
            },
            outputs,
            versions,
            extra: raw.extra,
            spans,
        })
    }

    /// The default language.
    pub fn default_language(&self) -> &Language {
        &self.languages[0]
    }

    /// Looks a language up by code.
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// Codes of all languages, default first.
    pub fn language_codes(&self) -> Vec<&str> {
        self.languages.iter().map(|l| l.code.as_str()).collect()
    }
}

/// `--base-url` on the command line: the same rule, as a usage error.
pub fn parse_base_url(url: &str) -> Result<String, String> {
    check_base_url(url).map(|()| url.to_string()).map_err(|(message, help)| format!("{message}\n  = help: {help}"))
}

fn normalize_base_url(url: Option<String>) -> String {
    match url {
        None => "/".into(),
        Some(u) if u.ends_with('/') => u,
        Some(u) => format!("{u}/"),
    }
}

fn base_path_of(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    let path = if base_url.contains("://") {
        after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
    } else {
        after_scheme
    };
    if path.starts_with('/') { path.to_string() } else { format!("/{path}") }
}

/// A `languages[].menu` key must name a menu entry (its `id`, else its `url`).
fn check_menu_labels(menu: &[MenuEntry], languages: &[RawLanguage], spans: &Spans, diags: &mut Diagnostics) {
    let ids: Vec<&str> = menu.iter().map(|m| m.id.as_deref().unwrap_or(&m.url)).collect();
    for (i, lang) in languages.iter().enumerate() {
        for key in lang.menu.keys().filter(|k| !ids.contains(&k.as_str())) {
            let (line, col) = spans.key(&yaml_path!["languages", i, "menu", key]).unwrap_or((1, 1));
            let mut d = Diagnostic::error(
                CONFIG_FILE,
                line,
                col,
                format!("menu label for `{key}` in language `{}` matches no menu entry", lang.code),
            );
            d = match crate::diagnostics::closest(key, ids.iter().copied()) {
                Some(c) => d.with_help(format!("did you mean `{c}`?")),
                None => d.with_help(format!(
                    "labels are keyed by a menu entry's `id`, or its `url` when it has none: {}",
                    ids.join(", ")
                )),
            };
            diags.push(d);
        }
    }
}

fn validate_languages(
    raw: Vec<RawLanguage>,
    title: &str,
    description: &str,
    spans: &Spans,
    diags: &mut Diagnostics,
) -> Vec<Language> {
    let raw = if raw.is_empty() {
        vec![RawLanguage {
            code: "en".into(),
            name: None,
            direction: None,
            title: None,
            description: None,
            menu: BTreeMap::new(),
        }]
    } else {
        raw
    };
    let mut seen = std::collections::HashSet::new();
    raw.into_iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let (line, col) = spans.value(&yaml_path!["languages", i, "code"]).unwrap_or((1, 1));
            if l.code.parse::<unic_langid::LanguageIdentifier>().is_err() || l.code.contains('_') {
                diags.push(
                    Diagnostic::error(
                        CONFIG_FILE,
                        line,
                        col,
                        format!("`{}` is not a valid BCP 47 language code", l.code),
                    )
                    .with_help("use codes such as `en`, `fr`, `pt-BR`, `zh-CN`"),
                );
                return None;
            }
            if !seen.insert(l.code.clone()) {
                diags.push(Diagnostic::error(CONFIG_FILE, line, col, format!("language `{}` is listed twice", l.code)));
                return None;
            }
            let rtl = matches!(l.code.split('-').next(), Some("ar" | "he" | "fa" | "ur"));
            Some(Language {
                name: l.name.unwrap_or_else(|| l.code.clone()),
                direction: l.direction.unwrap_or(if rtl { Direction::Rtl } else { Direction::Ltr }),
                title: l.title.unwrap_or_else(|| title.to_string()),
                description: l.description.unwrap_or_else(|| description.to_string()),
                menu: l.menu,
                prefix: if i == 0 { String::new() } else { format!("{}/", l.code) },
                code: l.code,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<SiteConfig, Vec<String>> {
        SiteConfig::parse(Path::new("."), text, None).map_err(|d| d.sorted().iter().map(ToString::to_string).collect())
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let c = parse("title: T\n").unwrap();
        assert_eq!(c.base_path, "/");
        assert_eq!(c.language_codes(), ["en"]);
        assert_eq!(c.theme, "default");
    }

    #[test]
    fn base_url_sub_path_is_kept() {
        let c = parse("title: T\nbase_url: https://example.org/docs\n").unwrap();
        assert_eq!(c.base_url, "https://example.org/docs/");
        assert_eq!(c.base_path, "/docs/");
    }

    #[test]
    fn base_url_must_be_an_absolute_http_url() {
        for ok in ["https://example.org", "http://localhost:1313/", "https://[::1]:8080/docs/", "HTTPS://A.ORG/x"] {
            assert!(check_base_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "notaurl",
            "/docs/",
            "example.org",
            "ftp://x.org/",
            "https://",
            "https:///x",
            "https://a b/",
            "javascript://x.org/%0aalert(1)",
        ] {
            assert!(check_base_url(bad).is_err(), "{bad}");
        }
        let e = parse("title: T\nbase_url: \"  /docs/\"\n").unwrap_err();
        assert_eq!(
            e,
            [
                "site.yaml:2:11: error: `base_url` must be an absolute http(s) URL, found `  /docs/`\n  = help: write the address the site is published at, such as `https://docs.example.org/` or `https://example.org/project/`"
            ]
        );
    }

    #[test]
    fn markdown_raw_html_defaults_to_true_and_rejects_unknown_keys() {
        assert!(parse("title: T\n").unwrap().markdown.raw_html);
        assert!(!parse("title: T\nmarkdown:\n  raw_html: false\n").unwrap().markdown.raw_html);
        let e = parse("title: T\nmarkdown:\n  raw_htm: false\n").unwrap_err();
        assert_eq!(
            e,
            ["site.yaml:3:3: error: unknown key `markdown.raw_htm`\n  = help: did you mean `markdown.raw_html`?"]
        );
    }

    #[test]
    fn unknown_key_names_closest() {
        let e = parse("title: T\ndescripton: x\n").unwrap_err();
        assert_eq!(e, ["site.yaml:2:1: error: unknown key `descripton`\n  = help: did you mean `description`?"]);
    }

    #[test]
    fn languages_get_direction_and_prefix() {
        let c = parse("title: T\nlanguages:\n  - code: en\n  - code: ar\n    name: العربية\n").unwrap();
        assert_eq!(c.languages[1].direction, Direction::Rtl);
        assert_eq!(c.languages[1].prefix, "ar/");
        assert_eq!(c.languages[0].prefix, "");
    }

    #[test]
    fn menu_labels_must_name_a_menu_entry() {
        let text = "title: T\nmenu:\n  - label: Docs\n    url: /docs/\n  - label: Blog\n    url: /blog/\n    id: blog\nlanguages:\n  - code: en\n  - code: fr\n    menu:\n      /docs/: Documentation\n      blgo: Carnet\n      /blog/: Carnet\n      zzz: Z\n";
        let e = parse(text).unwrap_err();
        assert_eq!(
            e,
            [
                "site.yaml:13:7: error: menu label for `blgo` in language `fr` matches no menu entry\n  = help: did you mean `blog`?",
                // An entry with an `id` is keyed by it, not by its url.
                "site.yaml:14:7: error: menu label for `/blog/` in language `fr` matches no menu entry\n  = help: did you mean `blog`?",
                "site.yaml:15:7: error: menu label for `zzz` in language `fr` matches no menu entry\n  = help: labels are keyed by a menu entry's `id`, or its `url` when it has none: /docs/, blog",
            ]
        );
    }

    #[test]
    fn invalid_language_code_is_an_error() {
        let e = parse("title: T\nlanguages:\n  - code: en\n  - code: not a code\n").unwrap_err();
        assert_eq!(e.len(), 1);
        assert!(e[0].starts_with("site.yaml:4:11: error: `not a code` is not a valid BCP 47"), "{e:?}");
    }
}
