//! YAML parsing with diagnostics that point into the file the YAML came from.
//!
//! Front matter, `site.yaml` and `data/*.yaml` all parse through
//! [`parse`], which turns a `serde_yaml` error into a [`Diagnostic`] at the
//! right `line:col` of the enclosing file (front matter starts a few lines
//! into its markdown file) and rewrites serde's wording into onramp's: an
//! unknown key names the closest known key, a wrong type says what was
//! expected.

use crate::diagnostics::{Diagnostic, closest};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Where a YAML text sits inside its file, and what to call its keys.
#[derive(Debug, Clone, Copy)]
pub struct YamlSource<'a> {
    /// File to report errors against.
    pub path: &'a Path,
    /// Line of the file on which the YAML text starts (1-based).
    pub first_line: usize,
    /// Word used in messages for the keys, e.g. "front matter field".
    pub key_noun: &'a str,
}

/// Parses `text` into `T`, or returns one diagnostic located in the file.
pub fn parse<T: DeserializeOwned>(text: &str, src: YamlSource<'_>) -> Result<T, Diagnostic> {
    serde_yaml::from_str::<T>(text).map_err(|e| to_diagnostic(&e, text, src))
}

fn to_diagnostic(err: &serde_yaml::Error, text: &str, src: YamlSource<'_>) -> Diagnostic {
    let full = err.to_string();
    let raw = full.split(" at line ").next().unwrap_or(&full).trim().to_string();
    let (mut line, mut col) = err.location().map_or((1, 1), |l| (l.line(), l.column()));
    let (key_path, msg) = split_key_path(&raw);
    let (message, help, key) = reword(key_path, msg, src.key_noun);
    if let Some(key) = &key {
        // serde points at the mapping, not the key: find the key itself.
        if let Some((l, c)) = find_key(text, key, line) {
            (line, col) = (l, c);
        }
    }
    let d = Diagnostic::error(src.path, line + src.first_line - 1, col, message);
    let help = help.or_else(|| context_help(&full, src.first_line));
    match help {
        Some(h) => d.with_help(h),
        None => d,
    }
}

/// libyaml adds where the construct it was reading began (", while scanning a
/// quoted scalar at line 2 column 8"): turn that into a help line, remapped.
fn context_help(full: &str, first_line: usize) -> Option<String> {
    let (_, ctx) = full.split_once(", while ")?;
    let (what, pos) = ctx.split_once(" at line ")?;
    let (line, col) = pos.split_once(" column ")?;
    let line: usize = line.trim().parse().ok()?;
    let col: usize = col.trim().parse().ok()?;
    Some(format!("while {what} that starts at line {}, column {col}", line + first_line - 1))
}

/// serde_yaml prefixes messages with the path of the key (`repo.branch: …`).
fn split_key_path(raw: &str) -> (Option<&str>, &str) {
    match raw.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') && !path.is_empty() && !raw.starts_with("unknown field") => {
            (Some(path), rest)
        }
        _ => (None, raw),
    }
}

fn backticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

fn reword(key_path: Option<&str>, msg: &str, noun: &str) -> (String, Option<String>, Option<String>) {
    let prefix = key_path.map(|p| format!("{p}.")).unwrap_or_default();
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let names = backticked(rest);
        let unknown = names.first().copied().unwrap_or("?");
        let known = names.iter().skip(1).copied();
        let help = match closest(unknown, known) {
            Some(c) => format!("did you mean `{prefix}{c}`?"),
            None => format!(
                "known keys are {}",
                names.iter().skip(1).map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
            ),
        };
        return (format!("unknown {noun} `{prefix}{unknown}`"), Some(help), Some(unknown.to_string()));
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "another type"));
        let expected = friendly_type(expected);
        let key = key_path.unwrap_or("value");
        return (format!("`{key}` must be {expected}, found {found}"), None, None);
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        let name = backticked(rest).first().copied().unwrap_or("?").to_string();
        return (format!("missing {noun} `{prefix}{name}`"), Some(format!("add `{name}: …`")), None);
    }
    let text = match key_path {
        Some(p) => format!("invalid YAML at `{p}`: {msg}"),
        None => format!("invalid YAML: {msg}"),
    };
    (text, None, None)
}

fn friendly_type(expected: &str) -> String {
    match expected {
        "i64" | "i32" | "u32" | "u64" | "usize" | "isize" | "u16" | "i16" => "an integer".into(),
        "f64" | "f32" => "a number".into(),
        "a boolean" | "bool" => "`true` or `false`".into(),
        "a string" => "a string".into(),
        "a sequence" => "a list".into(),
        "a map" => "a mapping".into(),
        other => other.into(),
    }
}

/// Line and column of `key:` at or after `from_line` (1-based) in `text`.
fn find_key(text: &str, key: &str, from_line: usize) -> Option<(usize, usize)> {
    let found = |start: usize| {
        text.lines().enumerate().skip(start.saturating_sub(1)).find_map(|(i, l)| {
            let trimmed = l.trim_start().trim_start_matches("- ");
            let rest = trimmed.strip_prefix(key)?;
            rest.trim_start().starts_with(':').then(|| {
                let col = l.chars().count() - trimmed.chars().count() + 1;
                (i + 1, col)
            })
        })
    };
    found(from_line).or_else(|| found(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Fm {
        title: String,
        weight: Option<i64>,
    }

    fn src() -> YamlSource<'static> {
        YamlSource { path: Path::new("a.md"), first_line: 2, key_noun: "front matter field" }
    }

    #[test]
    fn unknown_key_suggests_closest_at_its_position() {
        let e = parse::<Fm>("title: x\ntitel: y\n", src()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.md:3:1: error: unknown front matter field `titel`\n  = help: did you mean `title`?"
        );
    }

    #[test]
    fn wrong_type_says_what_was_expected() {
        let e = parse::<Fm>("title: x\nweight: ten\n", src()).unwrap_err();
        assert_eq!(e.to_string(), "a.md:3:9: error: `weight` must be an integer, found string \"ten\"");
    }

    #[test]
    fn syntax_error_is_remapped() {
        let e = parse::<Fm>("title: x\nweight: \"1\n", src()).unwrap_err();
        assert!(e.line >= 2, "{e}");
        assert!(e.message.starts_with("invalid YAML"), "{e}");
    }
}
