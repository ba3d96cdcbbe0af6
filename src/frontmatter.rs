//! Splits a markdown file into its YAML front matter and body, and parses the
//! front matter into [`FrontMatter`].
//!
//! Errors point at the markdown file's own `line:col`: the YAML parser's
//! positions are shifted by the line the front matter starts on.

use crate::diagnostics::Diagnostic;
use crate::yaml::{self, YamlSource};
use serde::Deserialize;
use std::path::Path;

/// Front matter fields. Every field is optional so that a translation can
/// inherit what it does not set from its source page ([`FrontMatter::inherit`]).
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Page title.
    pub title: Option<String>,
    /// One-sentence description.
    pub description: Option<String>,
    /// Sort key: lower comes first.
    pub weight: Option<i64>,
    /// Drafts are built only with `--drafts`.
    pub draft: Option<bool>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Last URL segment.
    #[serde(default, deserialize_with = "slug_value")]
    pub slug: Option<String>,
    /// Old paths that redirect here.
    #[serde(default, deserialize_with = "aliases_value")]
    pub aliases: Option<Vec<String>>,
    /// Template name without `.html`.
    pub layout: Option<String>,
    /// Tags.
    pub tags: Option<Vec<String>>,
    /// Free-form values for templates.
    pub extra: Option<serde_json::Map<String, serde_json::Value>>,
    /// `false` leaves the page out of the search index.
    pub search: Option<bool>,
    /// For translations: short hash of the source body this translation was made from.
    pub translation_of: Option<String>,
    /// Onboarding layouts (`src/layouts/`): posts per page of a `news` listing.
    pub paginate_by: Option<usize>,
    /// A `post` that announces a release and thanks its contributors.
    pub release: Option<crate::layouts::news::ReleaseFm>,
    /// A `case-study` page: organization, logo, facets, quote, resources.
    pub case_study: Option<crate::layouts::case_studies::CaseStudyFm>,
    /// A `getting-started` page: its numbered steps.
    pub steps: Option<Vec<crate::layouts::getting_started::StepFm>>,
    /// A `getting-started` page: its paths, each an ordered series of pages.
    pub paths: Option<Vec<crate::layouts::getting_started::PathFm>>,
    /// A `directory` page: the data file its entries come from.
    pub directory: Option<crate::layouts::directory::DirectoryFm>,
    /// A `guide` page: the data files of its good first issues and contacts.
    pub guide: Option<crate::layouts::guide::GuideFm>,
    /// A `community` page: its data file, threshold and number of contributors listed.
    pub community: Option<crate::layouts::community::CommunityFm>,
}

impl FrontMatter {
    /// The date's day part, `YYYY-MM-DD`.
    pub fn day(&self) -> Option<String> {
        self.date.as_ref().map(|d| d.chars().take(10).collect())
    }

    /// `extra:` as a JSON object (empty when not set), for templates.
    pub fn extra_value(&self) -> serde_json::Value {
        serde_json::Value::Object(self.extra.clone().unwrap_or_default())
    }

    /// Fills every field this one does not set from `source` (a translation
    /// inheriting from the page it translates). `slug`, `title`,
    /// `description` and `translation_of` are the translation's own.
    pub fn inherit(&self, source: &FrontMatter) -> FrontMatter {
        FrontMatter {
            title: self.title.clone().or_else(|| source.title.clone()),
            description: self.description.clone().or_else(|| source.description.clone()),
            weight: self.weight.or(source.weight),
            draft: self.draft.or(source.draft),
            date: self.date.clone().or_else(|| source.date.clone()),
            slug: self.slug.clone(),
            aliases: self.aliases.clone().or_else(|| source.aliases.clone()),
            layout: self.layout.clone().or_else(|| source.layout.clone()),
            tags: self.tags.clone().or_else(|| source.tags.clone()),
            extra: self.extra.clone().or_else(|| source.extra.clone()),
            search: self.search.or(source.search),
            translation_of: self.translation_of.clone(),
            paginate_by: self.paginate_by.or(source.paginate_by),
            release: self.release.clone().or_else(|| source.release.clone()),
            case_study: self.case_study.clone().or_else(|| source.case_study.clone()),
            steps: self.steps.clone().or_else(|| source.steps.clone()),
            paths: self.paths.clone().or_else(|| source.paths.clone()),
            directory: self.directory.clone().or_else(|| source.directory.clone()),
            guide: self.guide.clone().or_else(|| source.guide.clone()),
            community: self.community.clone().or_else(|| source.community.clone()),
        }
    }
}

/// Marks a message from onramp's own value checks inside a YAML error, so
/// that [`value_error`] can give it its own words and help line while the
/// position stays the one the YAML parser gives the value.
const VALUE_MARK: char = '\u{1e}';
const HELP_MARK: char = '\u{1f}';

/// A deserialization error for a value that has the right type but is not
/// allowed; the YAML parser places it at the value's `line:col`.
pub(crate) fn invalid_value<E: serde::de::Error>(message: &str, help: &str) -> E {
    E::custom(format!("{VALUE_MARK}{message}{HELP_MARK}{help}"))
}

/// Gives a YAML diagnostic that came from [`invalid_value`] its message and
/// help line; any other diagnostic is returned as it is.
pub(crate) fn value_error(mut d: Diagnostic) -> Diagnostic {
    let Some((_, ours)) = d.message.split_once(VALUE_MARK) else { return d };
    let (message, help) = ours.split_once(HELP_MARK).unwrap_or((ours, ""));
    (d.message, d.help) = (message.to_string(), (!help.is_empty()).then(|| help.to_string()));
    d
}

/// A string checked while the YAML parser is on it, so that an error
/// carries the value's own `line:col`: `check` returns the message and help.
pub(crate) fn checked_string<'de, D: serde::Deserializer<'de>>(
    d: D,
    check: fn(&str) -> Option<(String, String)>,
) -> Result<String, D::Error> {
    struct Visitor(fn(&str) -> Option<(String, String)>);
    impl serde::de::Visitor<'_> for Visitor {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
            match (self.0)(v) {
                Some((message, help)) => Err(invalid_value(&message, &help)),
                None => Ok(v.to_string()),
            }
        }
    }
    d.deserialize_str(Visitor(check))
}

/// `slug`: one URL segment that is a valid file name.
fn slug_problem(slug: &str) -> Option<(String, String)> {
    let seg = slug.trim_matches('/');
    let problem = seg
        .split('/')
        .find_map(crate::content::paths::segment_problem)
        .or_else(|| seg.contains('/').then(|| "it is one URL segment and cannot hold `/`".to_string()))?;
    Some((
        format!("`slug` `{}` cannot be used: {problem}", shorten(slug)),
        "a slug replaces the last segment of the page's URL: use letters, digits and `-`, such as `slug: install-windows`; move the file to change its folder".into(),
    ))
}

/// `aliases`: site paths whose segments are valid file names.
fn alias_problem(a: &str) -> Option<(String, String)> {
    let inner = a.trim_matches('/');
    let problem = if inner.is_empty() {
        Some("it is the site's root".to_string())
    } else if a.starts_with("//") || inner.split('/').any(str::is_empty) {
        Some("it has an empty segment (`//`)".to_string())
    } else if a.contains(['?', '#']) {
        Some("a redirect page cannot have a query or an anchor".to_string())
    } else {
        inner.split('/').find_map(crate::content::paths::segment_problem)
    }?;
    Some((
        format!("alias `{}` cannot be used: {problem}", shorten(a)),
        "write an old URL of this page as a site path, such as `/docs/old-name/` or `/old/page.html`".into(),
    ))
}

fn slug_value<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct Slug(String);
    impl<'de> Deserialize<'de> for Slug {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            checked_string(d, slug_problem).map(Slug)
        }
    }
    Ok(Option::<Slug>::deserialize(d)?.map(|s| s.0))
}

fn aliases_value<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    struct Alias(String);
    impl<'de> Deserialize<'de> for Alias {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            checked_string(d, alias_problem).map(Alias)
        }
    }
    let list = Option::<Vec<Alias>>::deserialize(d)?;
    Ok(list.map(|l| l.into_iter().map(|a| a.0).collect()))
}

/// A value for a message: control characters escaped, at most 60 characters.
fn shorten(s: &str) -> String {
    let escaped: String =
        s.chars().map(|c| if c.is_control() { c.escape_unicode().to_string() } else { c.to_string() }).collect();
    if escaped.chars().count() > 60 { format!("{}…", escaped.chars().take(60).collect::<String>()) } else { escaped }
}

/// A markdown file split into front matter and body.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    /// The YAML text between the `---` lines (empty when there is none).
    pub yaml: &'a str,
    /// Line on which the YAML starts (1-based).
    pub yaml_line: usize,
    /// The markdown body.
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Splits `text` at its front matter fences.
pub fn split<'a>(text: &'a str, path: &Path) -> Result<Split<'a>, Diagnostic> {
    let text_no_bom = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - text_no_bom.len();
    let Some(after_open) = text_no_bom.strip_prefix("---\n").or_else(|| text_no_bom.strip_prefix("---\r\n")) else {
        return Ok(Split { yaml: "", yaml_line: 1, body: text, body_offset: 0 });
    };
    let yaml_start = text.len() - after_open.len();
    let mut offset = yaml_start;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let body_offset = offset + line.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    let _ = bom;
    Err(Diagnostic::error(path, 1, 1, "front matter is not closed")
        .with_help("add a line with `---` after the last front matter field"))
}

/// Parses the YAML part of a [`Split`].
pub fn parse(split: &Split<'_>, path: &Path) -> Result<FrontMatter, Diagnostic> {
    if split.yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    let src = YamlSource { path, first_line: split.yaml_line, key_noun: "front matter field" };
    let fm: FrontMatter = yaml::parse(split.yaml, src).map_err(value_error)?;
    if let Some(date) = &fm.date {
        if !valid_date(date) {
            let line = split.yaml.lines().position(|l| l.starts_with("date:")).map_or(0, |i| i + split.yaml_line);
            return Err(Diagnostic::error(
                path,
                line,
                7,
                format!("`date` must be a date like 2024-05-31, found `{date}`"),
            ));
        }
    }
    Ok(fm)
}

/// The home layout's `extra.hero` and `extra.cards`, as `home.html` reads
/// them. Unknown keys are allowed (a site's own `home.html` may read more).
#[derive(Deserialize)]
struct HomeFm {
    #[serde(default)]
    extra: Option<HomeExtra>,
}

#[derive(Deserialize)]
#[serde(expecting = "a map")]
struct HomeExtra {
    #[serde(default)]
    hero: Option<Hero>,
    #[serde(default)]
    cards: Option<Vec<Card>>,
}

#[derive(Deserialize)]
#[serde(expecting = "a map")]
struct Hero {
    #[serde(default)]
    #[allow(dead_code)]
    title: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    text: Option<String>,
    #[serde(default)]
    actions: Option<Vec<Action>>,
}

#[derive(Deserialize)]
#[serde(expecting = "a map")]
struct Action {
    #[allow(dead_code)]
    label: String,
    #[serde(deserialize_with = "home_url")]
    url: String,
    #[serde(default)]
    #[allow(dead_code)]
    primary: Option<bool>,
}

#[derive(Deserialize)]
#[serde(expecting = "a map")]
struct Card {
    #[allow(dead_code)]
    title: String,
    #[serde(default)]
    #[allow(dead_code)]
    text: Option<String>,
    #[serde(deserialize_with = "home_url")]
    url: String,
}

thread_local! {
    /// While locating unsafe URLs ([`check_home`]): how many to let pass
    /// before failing on the next one (`None`: let all pass).
    static URLS_TO_PASS: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

fn home_url<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    checked_string(d, |url| {
        let scheme = crate::markdown::unsafe_scheme(url)?;
        match URLS_TO_PASS.get() {
            Some(0) => Some((
                format!("link with a `{scheme}` URL left out"),
                "it is replaced with `#`: use a site path (`/docs/`), a page, or an `https://` URL".into(),
            )),
            Some(n) => {
                URLS_TO_PASS.set(Some(n - 1));
                None
            }
            None => None,
        }
    })
}

/// True when a page gets the `home` layout: it says so, or it is the home
/// page and names no layout.
pub fn is_home(fm: &FrontMatter, key: &str) -> bool {
    match fm.layout.as_deref() {
        Some(l) => l == "home",
        None => key == "_index.md",
    }
}

/// Checks the shape of a home page's `extra.hero` and `extra.cards` (an
/// error at the value), and replaces their script URLs (`javascript:`…)
/// with `#`, with a warning at each.
pub fn check_home(split: &Split<'_>, path: &Path, fm: &mut FrontMatter) -> Result<Vec<Diagnostic>, Diagnostic> {
    let src = YamlSource { path, first_line: split.yaml_line, key_noun: "front matter field" };
    let home: HomeFm = yaml::parse(split.yaml, src).map_err(value_error)?;
    let Some(extra) = home.extra else { return Ok(Vec::new()) };
    let actions = extra.hero.iter().flat_map(|h| h.actions.iter().flatten()).map(|a| &a.url);
    let unsafe_urls = actions
        .chain(extra.cards.iter().flatten().map(|c| &c.url))
        .filter(|u| crate::markdown::unsafe_scheme(u).is_some());
    let count = unsafe_urls.count();
    if count == 0 {
        return Ok(Vec::new());
    }
    // The YAML parser knows where each value is but reports it only with an
    // error: one more parse per unsafe URL, failing on the n-th, places it.
    let mut warnings = Vec::with_capacity(count);
    for n in 0..count {
        URLS_TO_PASS.set(Some(n));
        if let Err(d) = yaml::parse::<HomeFm>(split.yaml, src) {
            let d = value_error(d);
            warnings.push(Diagnostic { severity: crate::diagnostics::Severity::Warning, ..d });
        }
    }
    URLS_TO_PASS.set(None);
    let neutralise = |v: Option<&mut serde_json::Value>| {
        if let Some(serde_json::Value::String(u)) = v {
            if crate::markdown::unsafe_scheme(u).is_some() {
                *u = "#".into();
            }
        }
    };
    if let Some(extra) = fm.extra.as_mut() {
        if let Some(actions) = extra.get_mut("hero").and_then(|h| h.get_mut("actions")).and_then(|a| a.as_array_mut()) {
            actions.iter_mut().for_each(|a| neutralise(a.get_mut("url")));
        }
        if let Some(cards) = extra.get_mut("cards").and_then(|c| c.as_array_mut()) {
            cards.iter_mut().for_each(|c| neutralise(c.get_mut("url")));
        }
    }
    Ok(warnings)
}

/// True for `YYYY-MM-DD`, optionally followed by a time (`T…` or ` …`).
pub fn valid_date(s: &str) -> bool {
    let d = s.get(..10).unwrap_or("");
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    let ok = b.len() == 10 && digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10);
    let month: u32 = d.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(0);
    let day: u32 = d.get(8..10).and_then(|m| m.parse().ok()).unwrap_or(0);
    ok && (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && matches!(s.as_bytes().get(10), None | Some(b'T' | b' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("content/a.md")
    }

    #[test]
    fn splits_front_matter_and_body() {
        let s = split("---\ntitle: A\n---\n# Body\n", p()).unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_offset, 17);
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let s = split("# Title\n", p()).unwrap();
        assert_eq!(s.yaml, "");
        assert_eq!(s.body, "# Title\n");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let e = split("---\ntitle: A\n# Body\n", p()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "content/a.md:1:1: error: front matter is not closed\n  = help: add a line with `---` after the last front matter field"
        );
    }

    #[test]
    fn errors_are_at_the_file_line() {
        let text = "---\ntitle: A\nweight: ten\n---\n";
        let s = split(text, p()).unwrap();
        let e = parse(&s, p()).unwrap_err();
        assert_eq!(e.to_string(), "content/a.md:3:9: error: `weight` must be an integer, found string \"ten\"");
    }

    #[test]
    fn translation_inherits_unset_fields() {
        let src =
            FrontMatter { weight: Some(3), slug: Some("s".into()), title: Some("T".into()), ..Default::default() };
        let tr = FrontMatter { title: Some("Titre".into()), ..Default::default() };
        let m = tr.inherit(&src);
        assert_eq!(m.weight, Some(3));
        assert_eq!(m.title.as_deref(), Some("Titre"));
        assert_eq!(m.slug, None);
    }

    #[test]
    fn slugs_and_aliases_are_checked_at_their_values() {
        let err = |yaml: &str| {
            let text = format!("---\ntitle: A\n{yaml}---\n");
            parse(&split(&text, p()).unwrap(), p()).unwrap_err().to_string()
        };
        assert!(err("slug: ..\n").starts_with("content/a.md:3:7: error: `slug` `..` cannot be used: `..` is not"));
        assert!(
            err("aliases:\n  - /ok/\n  - /\n")
                .starts_with("content/a.md:5:5: error: alias `/` cannot be used: it is the site's root")
        );
        assert!(
            err("aliases: [//evil.org/x]\n").contains("alias `//evil.org/x` cannot be used: it has an empty segment")
        );
        assert!(err("aliases: [/a/?x=1]\n").contains("cannot have a query or an anchor"));
        assert!(err("aliases: [/C:/x/]\n").contains("`:` is not allowed"));
        let ok = "---\nslug: /windows/\naliases: [/old/page.html, old/dir]\n---\n";
        let fm = parse(&split(ok, p()).unwrap(), p()).unwrap();
        assert_eq!(fm.slug.as_deref(), Some("/windows/"));
        assert_eq!(fm.aliases.unwrap(), ["/old/page.html", "old/dir"]);
    }

    #[test]
    fn dates_are_checked() {
        assert!(valid_date("2024-05-31"));
        assert!(valid_date("2024-05-31T10:00:00Z"));
        assert!(!valid_date("2024-13-01"));
        assert!(!valid_date("May 5"));
    }
}
