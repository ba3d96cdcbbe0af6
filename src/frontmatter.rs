//! Splits a markdown file into its front matter and body, and parses the
//! front matter into [`FrontMatter`]: YAML between `---` lines, or TOML
//! between `+++` lines (Hugo's and Zola's other format).
//!
//! Errors point at the markdown file's own `line:col`: the parsers'
//! positions are shifted by the line the front matter starts on. Every
//! unknown field of a page is reported in one build, each at the position
//! the parser gives its key; the fields of other generators listed in
//! [`IMPORTED`] are read as their onramp equivalent or skipped with a
//! warning that names onramp's way.

use crate::diagnostics::Diagnostic;
pub use crate::schema::page::FrontMatter;
use crate::schema::page::ImportedFm;
use crate::schema::values::{shorten, value_error};
use crate::yaml::{self, Spans, YamlSource};
use serde::Deserialize;
use std::path::Path;

/// The language of a page's front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Between `---` lines.
    Yaml,
    /// Between `+++` lines (Hugo, Zola).
    Toml,
}

impl Format {
    fn fence(self) -> &'static str {
        match self {
            Format::Yaml => "---",
            Format::Toml => "+++",
        }
    }
}

/// A markdown file split into front matter and body.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    /// The text between the fences (empty when there is none).
    pub front: &'a str,
    /// Line on which that text starts (1-based).
    pub front_line: usize,
    /// YAML or TOML.
    pub format: Format,
    /// The markdown body.
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Splits `text` at its front matter fences: `---` for YAML, `+++` for TOML.
pub fn split<'a>(text: &'a str, path: &Path) -> Result<Split<'a>, Diagnostic> {
    let text_no_bom = text.strip_prefix('\u{feff}').unwrap_or(text);
    let opened = [Format::Yaml, Format::Toml].into_iter().find_map(|format| {
        let rest = text_no_bom.strip_prefix(format.fence())?;
        let after = rest.strip_prefix('\n').or_else(|| rest.strip_prefix("\r\n"))?;
        Some((format, after))
    });
    let Some((format, after_open)) = opened else {
        return Ok(Split { front: "", front_line: 1, format: Format::Yaml, body: text, body_offset: 0 });
    };
    let front_start = text.len() - after_open.len();
    let mut offset = front_start;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == format.fence() {
            let body_offset = offset + line.len();
            return Ok(Split {
                front: &text[front_start..offset],
                front_line: 2,
                format,
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(path, 1, 1, "front matter is not closed")
        .with_help(format!("add a line with `{}` after the last front matter field", format.fence())))
}

/// Front matter parsed, with the warnings about other generators' fields.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// The fields onramp reads.
    pub fm: FrontMatter,
    /// Fields of other generators that onramp skips or could not use.
    pub warnings: Vec<Diagnostic>,
    /// Where each key and value is, in the markdown file (YAML front
    /// matter; empty for TOML, whose errors carry their own spans).
    pub spans: Spans,
}

/// What onramp does with a field of another generator's front matter.
#[derive(Debug, Clone, Copy)]
pub enum Imported {
    /// Read as this onramp field, which has the same meaning.
    Reads(&'static str),
    /// Skipped with a warning: the message's reason and the help line.
    Skips(&'static str, &'static str),
}

/// Fields of Hugo, Jekyll, Docusaurus and Zola front matter that onramp
/// knows (the example site's front matter page documents this table).
/// Their own fields that onramp shares (`title`, `description`, `date`,
/// `weight`, `draft`, `slug`, `aliases`, `tags`, `layout`, `extra`) need
/// no entry.
pub const IMPORTED: &[(&str, Imported)] = &[
    ("sidebar_position", Imported::Reads("weight")),
    ("summary", Imported::Reads("description")),
    ("in_search_index", Imported::Reads("search")),
    ("categories", Imported::Skips("onramp has one list of labels, `tags`", "move the values into `tags: [...]`")),
    ("author", Imported::Skips(AUTHOR, AUTHOR_HELP)),
    ("authors", Imported::Skips(AUTHOR, AUTHOR_HELP)),
    ("permalink", Imported::Skips(URL, URL_HELP)),
    ("url", Imported::Skips(URL, URL_HELP)),
    ("id", Imported::Skips("links name a page by its file (`../guide/install.md`)", "remove it")),
    ("toc", Imported::Skips(TOC, "remove it")),
    ("hide_table_of_contents", Imported::Skips(TOC, "remove it")),
    ("lastmod", Imported::Skips(UPDATED, "remove it")),
    ("updated", Imported::Skips(UPDATED, "remove it")),
    ("last_update", Imported::Skips(UPDATED, "remove it")),
    ("sidebar_label", Imported::Skips(LABEL, LABEL_HELP)),
    ("linkTitle", Imported::Skips(LABEL, LABEL_HELP)),
    (
        "keywords",
        Imported::Skips(
            "search reads the page's text, and search engines ignore keywords",
            "remove it, or move reader-facing labels into `tags`",
        ),
    ),
    (
        "template",
        Imported::Skips(
            "templates are chosen by `layout`",
            "`layout: name` renders the page with `templates/name.html`",
        ),
    ),
];

const AUTHOR: &str = "the default theme names no authors on pages";
const AUTHOR_HELP: &str = "to show it with a template of your own, move it under `extra:` (`extra: {author: …}`)";
const URL: &str = "a page's URL follows its file's place under `content/`";
const URL_HELP: &str = "move the file to change its folder, set `slug` to rename the last segment, and list the old URL in `aliases` so that it redirects here";
const TOC: &str = "the contents (\"On this page\") are shown on every page with headings";
const UPDATED: &str = "the \"last updated\" date comes from the file's git history";
const LABEL: &str = "the sidebar shows the page's `title`";
const LABEL_HELP: &str = "shorten the `title`, or remove it";

/// The field names of `FrontMatter`, as serde's derive lists them.
fn known_fields() -> &'static [&'static str] {
    static FIELDS: std::sync::OnceLock<&'static [&'static str]> = std::sync::OnceLock::new();
    FIELDS.get_or_init(|| {
        // A deserializer that records the field list serde hands to `deserialize_struct`.
        struct Fields(std::cell::Cell<&'static [&'static str]>);
        impl<'de> serde::Deserializer<'de> for &Fields {
            type Error = serde::de::value::Error;
            fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
                Err(serde::de::Error::custom("only the field names are read"))
            }
            fn deserialize_struct<V: serde::de::Visitor<'de>>(
                self,
                _: &'static str,
                fields: &'static [&'static str],
                v: V,
            ) -> Result<V::Value, Self::Error> {
                self.0.set(fields);
                self.deserialize_any(v)
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
                unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
            }
        }
        let fields = Fields(std::cell::Cell::new(&[]));
        let _ = FrontMatter::deserialize(&fields);
        fields.0.get()
    })
}

/// How many unknown or skipped fields of one page are reported one by one;
/// the others are counted in one more error.
const MAX_LISTED_FIELDS: usize = 20;

/// Parses the front matter of a [`Split`]. Every unknown field is an error
/// at its key, with the closest known field; the fields of [`IMPORTED`] are
/// read or skipped with a warning. A value error (wrong type, bad slug…)
/// is reported with them.
pub fn parse(split: &Split<'_>, path: &Path) -> Result<Parsed, Vec<Diagnostic>> {
    if split.front.trim().is_empty() {
        return Ok(Parsed::default());
    }
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut reads = Vec::new();
    let mut not_listed = Vec::new();
    let mut listed = 0;
    let known = known_fields();
    // Where each key is, from the parser: YAML's from one pass of the event
    // parser (kept for the layouts' positions too), TOML's from its spans.
    let spans = match split.format {
        // Past the nesting limit the full parse below reports the error.
        Format::Yaml if yaml::nesting_limit(split.front).is_none() => Spans::read(split.front, split.front_line),
        _ => Spans::default(),
    };
    let position = |_: usize, at: Option<(usize, usize)>| at.unwrap_or((split.front_line, 1));
    // A text that does not parse, or is not a mapping, gets its error from
    // the full parse below.
    for (index, (key, at)) in top_keys(split, &spans).into_iter().flatten().enumerate() {
        if known.contains(&key.as_str()) {
            continue;
        }
        let imported = IMPORTED.iter().find(|(name, _)| *name == key).map(|(_, i)| *i);
        if let Some(Imported::Reads(field)) = imported {
            reads.push((key, field, index, at));
            continue;
        }
        // Past a bound the rest are counted, so that a page of many keys
        // meant for another tool gets a readable report.
        if listed == MAX_LISTED_FIELDS {
            if imported.is_none() {
                not_listed.push((key, index, at));
            }
            continue;
        }
        listed += 1;
        let (line, col) = position(index, at);
        let key = crate::diagnostics::one_line(&shorten(&key)).into_owned();
        match imported {
            Some(Imported::Skips(why, help)) => warnings.push(
                Diagnostic::warning(path, line, col, format!("front matter field `{key}` is not used: {why}"))
                    .with_help(help),
            ),
            _ => {
                let help = match crate::diagnostics::closest(&key, known.iter().copied()) {
                    Some(c) => format!("did you mean `{c}`?"),
                    None => format!(
                        "known keys are {}",
                        known.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
                    ),
                };
                errors.push(
                    Diagnostic::error(path, line, col, format!("unknown front matter field `{key}`")).with_help(help),
                );
            }
        }
    }
    if let Some((key, index, at)) = not_listed.first() {
        let (line, col) = position(*index, *at);
        let key = crate::diagnostics::one_line(&shorten(key)).into_owned();
        errors.push(
            Diagnostic::error(
                path,
                line,
                col,
                format!("unknown front matter field `{key}`, and {} more after it", not_listed.len() - 1),
            )
            .with_help(format!(
                "the first {MAX_LISTED_FIELDS} fields onramp does not read are listed one by one; is this front matter meant for another tool?"
            )),
        );
    }
    let mut fm = match parse_as::<FrontMatter>(split, path) {
        Ok(fm) => fm,
        Err(e) => {
            errors.push(e);
            return Err(errors);
        }
    };
    if !reads.is_empty() {
        match parse_as::<ImportedFm>(split, path) {
            Ok(imported) => {
                let mut taken = |key: &str, field: &str, line: usize, col: usize| {
                    warnings.push(
                        Diagnostic::warning(
                            path,
                            line,
                            col,
                            format!("front matter field `{key}` is not used: `{field}` is set"),
                        )
                        .with_help(format!("`{key}` is read as `{field}`: remove one of the two")),
                    );
                };
                for (key, field, index, at) in &reads {
                    let set = match key.as_str() {
                        "sidebar_position" => fm.weight.is_some(),
                        "summary" => fm.description.is_some(),
                        _ => fm.search.is_some(),
                    };
                    if set {
                        let (line, col) = position(*index, *at);
                        taken(key, field, line, col);
                        continue;
                    }
                    match key.as_str() {
                        "sidebar_position" => fm.weight = imported.sidebar_position,
                        "summary" => fm.description = imported.summary.clone(),
                        _ => fm.search = imported.in_search_index,
                    }
                }
            }
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Parsed { fm, warnings, spans })
}

/// Parses the front matter into `T` with the parser of its format; the
/// error is at the file's `line:col`.
pub(crate) fn parse_as<T: serde::de::DeserializeOwned>(split: &Split<'_>, path: &Path) -> Result<T, Diagnostic> {
    match split.format {
        Format::Yaml => {
            let src = YamlSource { path, first_line: split.front_line, key_noun: "front matter field" };
            yaml::parse(split.front, src).map_err(value_error)
        }
        Format::Toml => toml::from_str(split.front).map_err(|e| value_error(toml_error(&e, split, path))),
    }
}

/// The top-level keys of the front matter in the order the parser gives
/// them, with their file `line:col` when the parser keeps it (TOML), or
/// `None` when the text does not parse into a mapping.
fn top_keys(split: &Split<'_>, spans: &Spans) -> Option<Vec<(String, Option<LineCol>)>> {
    match split.format {
        Format::Yaml => Some(spans.top_keys().into_iter().map(|(k, at)| (k, Some(at))).collect()),
        Format::Toml => {
            let table = toml::de::DeTable::parse(split.front).ok()?;
            let lines = crate::diagnostics::LineIndex::new(split.front);
            let at = |offset: usize| {
                let (line, col) = lines.line_col(split.front, offset);
                (line + split.front_line - 1, col)
            };
            // The table's keys are sorted by name: put them in the file's order.
            let mut keys: Vec<_> = table.get_ref().keys().map(|k| (k.span().start, k.get_ref().to_string())).collect();
            keys.sort_unstable();
            Some(keys.into_iter().map(|(offset, k)| (k, Some(at(offset)))).collect())
        }
    }
}

/// A 1-based line and column in the markdown file.
type LineCol = (usize, usize);

/// The file's line and column of a byte offset in the front matter.
fn front_line_col(split: &Split<'_>, offset: usize) -> (usize, usize) {
    let (line, col) = crate::diagnostics::LineIndex::new(split.front).line_col(split.front, offset);
    (line + split.front_line - 1, col)
}

/// A TOML error at the file's `line:col`, worded like the YAML ones: the
/// key whose value it is in is found by the spans of the parsed table.
fn toml_error(e: &toml::de::Error, split: &Split<'_>, path: &Path) -> Diagnostic {
    let offset = e.span().map_or(0, |s| s.start);
    let (line, col) = front_line_col(split, offset);
    let message = e.message().trim();
    let table = toml::de::DeTable::parse(split.front).ok();
    let Some(table) = table else {
        let message = crate::diagnostics::one_line(message);
        return Diagnostic::error(path, line, col, format!("invalid TOML: {message}"));
    };
    let key_path = toml_key_path(table.get_ref(), offset);
    let (message, help, _) = yaml::reword(key_path.as_deref(), message, "front matter field");
    let message = match message.strip_prefix("invalid YAML") {
        Some(rest) => format!("invalid TOML{rest}"),
        None => message,
    };
    // onramp's own value checks mark their message and help (`value_error`
    // splits them); what is left of the message is quoted on one line.
    let d = Diagnostic::error(path, line, col, message);
    let mut d = match help {
        Some(h) => d.with_help(h),
        None => d,
    };
    d = value_error(d);
    d.message = crate::diagnostics::one_line(&d.message).into_owned();
    d
}

/// The dotted path of the deepest key whose value holds byte `offset`.
fn toml_key_path(table: &toml::de::DeTable<'_>, offset: usize) -> Option<String> {
    table.iter().find_map(|(k, v)| {
        let span = v.span();
        (span.contains(&offset) || k.span().contains(&offset)).then(|| {
            let inner = v.get_ref().as_table().and_then(|t| toml_key_path(t, offset));
            match inner {
                Some(rest) => format!("{}.{rest}", k.get_ref()),
                None => k.get_ref().to_string(),
            }
        })
    })
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
    let home: HomeFm = parse_as(split, path)?;
    let Some(extra) = home.extra else { return Ok(Vec::new()) };
    let hero_actions: Vec<(usize, &str)> =
        extra.hero.iter().flat_map(|h| h.actions.iter().flatten()).map(|a| a.url.as_str()).enumerate().collect();
    let cards: Vec<(usize, &str)> = extra.cards.iter().flatten().map(|c| c.url.as_str()).enumerate().collect();
    let urls = hero_actions.iter().map(|&(i, u)| (crate::yaml_path!["extra", "hero", "actions", i, "url"].to_vec(), u));
    let urls = urls.chain(cards.iter().map(|&(i, u)| (crate::yaml_path!["extra", "cards", i, "url"].to_vec(), u)));
    let warnings = urls
        .filter_map(|(at, url)| {
            let scheme = crate::schema::values::unsafe_scheme(url)?;
            let (line, col) = spans.value(&at).unwrap_or((split.front_line, 1));
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

    fn messages(ds: Vec<Diagnostic>) -> Vec<String> {
        ds.iter().map(ToString::to_string).collect()
    }

    fn parse_text(text: &str) -> Result<Parsed, Vec<String>> {
        parse(&split(text, p()).unwrap(), p()).map_err(messages)
    }

    const KNOWN: &str = "known keys are `title`, `description`, `weight`, `draft`, `date`, `slug`, `aliases`, `layout`, `tags`, `extra`, `search`, `translation_of`, `paginate_by`, `release`, `case_study`, `steps`, `paths`, `directory`, `guide`, `community`, `meetings`, `videos`";

    #[test]
    fn every_unknown_field_is_reported_at_its_key() {
        let text = "---\ntitle: A\ncolour: red\nweight: 2\n  # a comment\nsubtitle: x\n\"quoted key\": 1\n---\n";
        assert_eq!(
            parse_text(text).unwrap_err(),
            [
                format!("content/a.md:3:1: error: unknown front matter field `colour`\n  = help: {KNOWN}"),
                // Three letters more than `title` is no typo of it.
                format!("content/a.md:6:1: error: unknown front matter field `subtitle`\n  = help: {KNOWN}"),
                format!("content/a.md:7:1: error: unknown front matter field `quoted key`\n  = help: {KNOWN}"),
            ]
        );
        // A value error is reported with them.
        let text = "---\nauthr: x\nweight: ten\ntitel: y\n---\n";
        let e = parse_text(text).unwrap_err();
        assert_eq!(e.len(), 3, "{e:?}");
        assert!(e[2].starts_with("content/a.md:3:9: error: `weight` must be an integer"), "{e:?}");
    }

    #[test]
    fn many_unknown_fields_are_listed_up_to_a_bound_then_counted() {
        for (open, close, sep) in [("---", "---", ": "), ("+++", "+++", " = ")] {
            let keys: String = (0..200).map(|i| format!("key{i}{sep}1\n")).collect();
            let e = parse_text(&format!("{open}\n{keys}{close}\n")).unwrap_err();
            assert_eq!(e.len(), 21, "{e:?}");
            assert!(e[19].starts_with("content/a.md:21:1: error: unknown front matter field `key19`"), "{e:?}");
            assert_eq!(
                e[20],
                "content/a.md:22:1: error: unknown front matter field `key20`, and 179 more after it\n  = help: the first 20 fields onramp does not read are listed one by one; is this front matter meant for another tool?"
            );
        }
    }

    #[test]
    fn other_generators_fields_are_read_or_skipped_with_a_warning() {
        let text = "---\ntitle: A\nsidebar_position: 3\nsummary: Short.\ncategories: [x]\nauthor: Ada\npermalink: /a/b/\ntoc: false\n---\n";
        let parsed = parse_text(text).unwrap();
        assert_eq!(parsed.fm.weight, Some(3));
        assert_eq!(parsed.fm.description.as_deref(), Some("Short."));
        let w: Vec<(usize, usize, String)> =
            parsed.warnings.iter().map(|d| (d.line, d.col, d.message.clone())).collect();
        let not_used = |key: &str, why: &str| format!("front matter field `{key}` is not used: {why}");
        assert_eq!(
            w,
            [
                (5, 1, not_used("categories", "onramp has one list of labels, `tags`")),
                (6, 1, not_used("author", "the default theme names no authors on pages")),
                (7, 1, not_used("permalink", "a page's URL follows its file's place under `content/`")),
                (8, 1, not_used("toc", "the contents (\"On this page\") are shown on every page with headings")),
            ]
        );
        // onramp's own field wins, with a warning at the other one.
        let parsed = parse_text("---\nweight: 1\nsidebar_position: 3\n---\n").unwrap();
        assert_eq!(parsed.fm.weight, Some(1));
        assert_eq!(
            messages(parsed.warnings),
            [
                "content/a.md:3:1: warning: front matter field `sidebar_position` is not used: `weight` is set\n  = help: `sidebar_position` is read as `weight`: remove one of the two"
            ]
        );
        // A mapped field's value is checked at its position.
        assert_eq!(
            parse_text("---\nsidebar_position: first\n---\n").unwrap_err(),
            ["content/a.md:2:19: error: `sidebar_position` must be an integer, found string \"first\""]
        );
    }

    #[test]
    fn toml_front_matter_is_parsed() {
        let text =
            "+++\ntitle = \"A\"\nweight = 2\ndate = 2024-05-31\ntags = [\"x\"]\n[extra]\nk = \"v\"\n+++\n# Body\n";
        let s = split(text, p()).unwrap();
        assert_eq!(s.format, Format::Toml);
        assert_eq!(s.body, "# Body\n");
        let fm = parse(&s, p()).unwrap().fm;
        assert_eq!(fm.title.as_deref(), Some("A"));
        assert_eq!(fm.weight, Some(2));
        assert_eq!(fm.date.as_ref().map(|d| d.written.as_str()), Some("2024-05-31"));
        assert_eq!(fm.extra.unwrap()["k"], "v");
        let dt = parse_text("+++\ndate = 2024-05-31T10:00:00+02:00\n+++\n").unwrap().fm;
        assert_eq!(dt.date.as_ref().map(|d| d.written.as_str()), Some("2024-05-31T10:00:00+02:00"));
    }

    #[test]
    fn toml_errors_are_at_the_file_line() {
        assert_eq!(
            parse_text("+++\ntitle = \"A\"\nweight = \"ten\"\n+++\n").unwrap_err(),
            ["content/a.md:3:10: error: `weight` must be an integer, found string \"ten\""]
        );
        let e = parse_text("+++\ntitle = \"A\"\ncolour = 1\nslug = \"..\"\n+++\n").unwrap_err();
        assert_eq!(e[0], format!("content/a.md:3:1: error: unknown front matter field `colour`\n  = help: {KNOWN}"));
        assert!(e[1].starts_with("content/a.md:4:8: error: `slug` `..` cannot be used"), "{e:?}");
        assert_eq!(
            parse_text("+++\ntitle = \"A\"\nweight = 2 3\n+++\n").unwrap_err(),
            ["content/a.md:3:10: error: invalid TOML: string values must be quoted, expected literal string"]
        );
        let e = split("+++\ntitle = \"A\"\n", p()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "content/a.md:1:1: error: front matter is not closed\n  = help: add a line with `+++` after the last front matter field"
        );
    }

    #[test]
    fn splits_front_matter_and_body() {
        let s = split("---\ntitle: A\n---\n# Body\n", p()).unwrap();
        assert_eq!(s.front, "title: A\n");
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_offset, 17);
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let s = split("# Title\n", p()).unwrap();
        assert_eq!(s.front, "");
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
        assert_eq!(messages(e), ["content/a.md:3:9: error: `weight` must be an integer, found string \"ten\""]);
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
            messages(parse(&split(&text, p()).unwrap(), p()).unwrap_err()).join("\n")
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
        let fm = parse(&split(ok, p()).unwrap(), p()).unwrap().fm;
        assert_eq!(fm.slug.as_deref(), Some("/windows/"));
        assert_eq!(fm.aliases.unwrap(), ["/old/page.html", "old/dir"]);
    }

    #[test]
    fn dates_are_calendar_days_checked_at_their_value() {
        let parse_date = |d: &str| {
            let text = format!("---\ntitle: A\ndate: {d}\n---\n");
            parse(&split(&text, p()).unwrap(), p()).map(|parsed| parsed.fm.day()).map_err(|e| messages(e).join("\n"))
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
