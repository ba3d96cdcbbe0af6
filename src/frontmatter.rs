//! Splits a markdown file into its YAML front matter and body, and parses the
//! front matter into [`FrontMatter`].
//!
//! Errors point at the markdown file's own `line:col`: the YAML parser's
//! positions are shifted by the line the front matter starts on.

use crate::diagnostics::Diagnostic;
pub use crate::schema::page::FrontMatter;
use crate::schema::values::value_error;
use crate::yaml::{self, Spans, YamlSource};
use serde::Deserialize;
use std::path::Path;

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

/// Parses the YAML part of a [`Split`], with the positions of its keys and
/// values in the markdown file.
pub fn parse(split: &Split<'_>, path: &Path) -> Result<(FrontMatter, Spans), Diagnostic> {
    if split.yaml.trim().is_empty() {
        return Ok((FrontMatter::default(), Spans::default()));
    }
    let src = YamlSource { path, first_line: split.yaml_line, key_noun: "front matter field" };
    let (fm, spans): (FrontMatter, Spans) = yaml::parse_spanned(split.yaml, src).map_err(value_error)?;
    Ok((fm, spans))
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
    url: String,
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
pub fn check_home(
    split: &Split<'_>,
    path: &Path,
    spans: &Spans,
    fm: &mut FrontMatter,
) -> Result<Vec<Diagnostic>, Diagnostic> {
    let src = YamlSource { path, first_line: split.yaml_line, key_noun: "front matter field" };
    let home: HomeFm = yaml::parse(split.yaml, src).map_err(value_error)?;
    let Some(extra) = home.extra else { return Ok(Vec::new()) };
    let hero_actions: Vec<(usize, &str)> =
        extra.hero.iter().flat_map(|h| h.actions.iter().flatten()).map(|a| a.url.as_str()).enumerate().collect();
    let cards: Vec<(usize, &str)> = extra.cards.iter().flatten().map(|c| c.url.as_str()).enumerate().collect();
    let urls = hero_actions.iter().map(|&(i, u)| (crate::yaml_path!["extra", "hero", "actions", i, "url"].to_vec(), u));
    let urls = urls.chain(cards.iter().map(|&(i, u)| (crate::yaml_path!["extra", "cards", i, "url"].to_vec(), u)));
    let warnings = urls
        .filter_map(|(at, url)| {
            let scheme = crate::schema::values::unsafe_scheme(url)?;
            let (line, col) = spans.value(&at).unwrap_or((split.yaml_line, 1));
            Some(
                Diagnostic::warning(path, line, col, format!("link with a `{scheme}` URL left out"))
                    .with_help("it is replaced with `#`: use a site path (`/docs/`), a page, or an `https://` URL"),
            )
        })
        .collect();
    let neutralise = |v: Option<&mut serde_json::Value>| {
        if let Some(serde_json::Value::String(u)) = v {
            if crate::schema::values::unsafe_scheme(u).is_some() {
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
        let (fm, _) = parse(&split(ok, p()).unwrap(), p()).unwrap();
        assert_eq!(fm.slug.as_deref(), Some("/windows/"));
        assert_eq!(fm.aliases.unwrap(), ["/old/page.html", "old/dir"]);
    }

    #[test]
    fn dates_are_calendar_days_checked_at_their_value() {
        let parse_date = |d: &str| {
            let text = format!("---\ntitle: A\ndate: {d}\n---\n");
            parse(&split(&text, p()).unwrap(), p()).map(|(fm, _)| fm.day()).map_err(|e| e.to_string())
        };
        assert_eq!(parse_date("2024-05-31"), Ok(Some("2024-05-31".into())));
        assert_eq!(parse_date("2024-02-29T10:00:00Z"), Ok(Some("2024-02-29".into())));
        assert_eq!(
            parse_date("2024-02-31"),
            Err("content/a.md:3:7: error: `date` `2024-02-31` is not a day of the calendar\n  = help: February 2024 has 29 days".into())
        );
        assert_eq!(
            parse_date("2023-13-01"),
            Err("content/a.md:3:7: error: `date` `2023-13-01` is not a day of the calendar\n  = help: months go from 01 to 12".into())
        );
        assert!(parse_date("May 5").unwrap_err().starts_with(
            "content/a.md:3:7: error: `date` must be a date like 2024-05-31, found `May 5`\n  = help: write the day as"
        ));
        assert!(parse_date("2024-05-31x").is_err());
    }
}
