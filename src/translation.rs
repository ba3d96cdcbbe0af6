//! Translation status: which pages of each language are translated, outdated,
//! missing, or of unknown freshness, and which UI messages are missing.
//!
//! A translation records the version of its source it was made from in front
//! matter (`translation_of: <hash>`, the short hash of the source file that
//! [`stamp`] writes). When the source changes, the hash no longer matches
//! and the translation is outdated. Entry points: [`status`], [`stamp`].

use crate::content::Doc;
use crate::diagnostics::{Diagnostic, Diagnostics};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Freshness of one translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Freshness {
    /// Made from the current version of its source.
    Current,
    /// Made from an older version of its source.
    Outdated,
    /// No `translation_of` record.
    Unknown,
}

/// Compares a translation's record with its source file's hash.
pub fn freshness(translation: &Doc, source: &Doc) -> Freshness {
    match &translation.fm.translation_of {
        None => Freshness::Unknown,
        Some(h) if source.source_hash().starts_with(h.as_str()) || h.starts_with(&source.source_hash()) => {
            Freshness::Current
        }
        Some(_) => Freshness::Outdated,
    }
}

/// Checks that a `translation_of` value looks like a hash.
pub fn check_stamp(doc: &Doc) -> Option<Diagnostic> {
    let h = doc.fm.translation_of.as_deref()?;
    let ok = (8..=64).contains(&h.len()) && h.bytes().all(|b| b.is_ascii_hexdigit());
    if ok {
        return None;
    }
    let (line, col) = doc.spans.value(&crate::yaml_path!["translation_of"]).unwrap_or((1, 17));
    Some(
        Diagnostic::error(
            &doc.display,
            line,
            col,
            format!("`translation_of` must be a hash like `3f2a9c1b7d0e`, found `{h}`"),
        )
        .with_help(format!("run `onramp i18n stamp {}` to record the current source version", doc.display.display())),
    )
}

/// Status of one language.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageStatus {
    /// Language code.
    pub code: String,
    /// Language name.
    pub name: String,
    /// Pages in the default language.
    pub total: usize,
    /// Translations made from the current source.
    pub current: usize,
    /// Translations whose source changed since.
    pub outdated: usize,
    /// Translations without a `translation_of` record.
    pub unknown: usize,
    /// Pages with no translation.
    pub missing: usize,
    /// Share of pages translated and not known to be outdated, in percent.
    pub percent: f64,
    /// Paths, by state.
    pub pages: PagesByState,
    /// UI message ids defined in the default language but not in this one.
    pub ui_missing: Vec<String>,
}

/// Paths of pages by translation state.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PagesByState {
    /// Outdated translations (paths of the translations).
    pub outdated: Vec<PathBuf>,
    /// Translations without a record.
    pub unknown: Vec<PathBuf>,
    /// Source pages with no translation (paths of the sources).
    pub missing: Vec<PathBuf>,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct StatusReport {
    /// Default language code.
    pub default_language: String,
    /// One entry per non-default language.
    pub languages: Vec<LanguageStatus>,
}

/// Computes the status of every non-default language.
/// `languages` is `(code, name)` in site order; `ui_ids` the message ids per language.
pub fn status(
    docs: &[Doc],
    languages: &[(String, String)],
    ui_ids: &HashMap<String, BTreeSet<String>>,
) -> StatusReport {
    let default = languages.first().map(|l| l.0.clone()).unwrap_or_default();
    let sources: BTreeMap<&str, &Doc> =
        docs.iter().filter(|d| d.lang == default).map(|d| (d.key.as_str(), d)).collect();
    let by_lang_key: HashMap<(&str, &str), &Doc> =
        docs.iter().map(|d| ((d.lang.as_str(), d.key.as_str()), d)).collect();
    let empty = BTreeSet::new();
    let default_ids = ui_ids.get(&default).unwrap_or(&empty);
    let languages = languages
        .iter()
        .skip(1)
        .map(|(code, name)| {
            let mut s = LanguageStatus {
                code: code.clone(),
                name: name.clone(),
                total: sources.len(),
                current: 0,
                outdated: 0,
                unknown: 0,
                missing: 0,
                percent: 0.0,
                pages: PagesByState::default(),
                ui_missing: Vec::new(),
            };
            for (key, src) in &sources {
                match by_lang_key.get(&(code.as_str(), key)) {
                    None => {
                        s.missing += 1;
                        s.pages.missing.push(src.display.clone());
                    }
                    Some(tr) => match freshness(tr, src) {
                        Freshness::Current => s.current += 1,
                        Freshness::Outdated => {
                            s.outdated += 1;
                            s.pages.outdated.push(tr.display.clone());
                        }
                        Freshness::Unknown => {
                            s.unknown += 1;
                            s.pages.unknown.push(tr.display.clone());
                        }
                    },
                }
            }
            let done = s.current + s.unknown;
            s.percent = if s.total == 0 { 100.0 } else { (done as f64 * 1000.0 / s.total as f64).round() / 10.0 };
            let own = ui_ids.get(code).unwrap_or(&empty);
            s.ui_missing = default_ids.difference(own).cloned().collect();
            s
        })
        .collect();
    StatusReport { default_language: default, languages }
}

impl StatusReport {
    /// Keeps only language `code`; `Err` with the message to print when
    /// it is not one of the site's translated languages.
    pub fn only(&mut self, code: &str) -> Result<(), String> {
        self.languages.retain(|l| l.code == code);
        if self.languages.is_empty() {
            return Err(format!("`{code}` is not one of the site's translated languages"));
        }
        Ok(())
    }

    /// `--fail-under`: the languages translated below `min` percent, as
    /// `code (percent%)`, and the message to print when there are any.
    pub fn below(&self, min: f64) -> Option<String> {
        let below: Vec<String> = self
            .languages
            .iter()
            .filter(|l| l.percent < min)
            .map(|l| format!("{} ({:.1}%)", l.code, l.percent))
            .collect();
        (!below.is_empty()).then(|| format!("below {min:.1}% translated: {}", below.join(", ")))
    }

    /// A plain-text table for terminals.
    pub fn table(&self) -> String {
        let mut out = format!(
            "{:<8} {:>6} {:>8} {:>9} {:>8} {:>8} {:>7} {:>11}\n",
            "language", "pages", "current", "outdated", "unknown", "missing", "done", "ui missing"
        );
        for l in &self.languages {
            out.push_str(&format!(
                "{:<8} {:>6} {:>8} {:>9} {:>8} {:>8} {:>6.1}% {:>11}\n",
                l.code,
                l.total,
                l.current,
                l.outdated,
                l.unknown,
                l.missing,
                l.percent,
                l.ui_missing.len()
            ));
        }
        for l in &self.languages {
            let lists = [("outdated", &l.pages.outdated), ("unknown", &l.pages.unknown), ("missing", &l.pages.missing)];
            for (what, paths) in lists {
                for p in paths {
                    out.push_str(&format!("{}: {what}: {}\n", l.code, p.display()));
                }
            }
            for id in &l.ui_missing {
                out.push_str(&format!("{}: ui message missing: {id}\n", l.code));
            }
        }
        out
    }
}

/// Writes or refreshes `translation_of:` in the front matter of `text`.
pub fn with_stamp(text: &str, hash: &str) -> String {
    let line = format!("translation_of: {hash}");
    let Some(rest) = text.strip_prefix("---\n") else {
        return format!("---\n{line}\n---\n{text}");
    };
    let mut out = String::from("---\n");
    let mut replaced = false;
    let mut lines = rest.split_inclusive('\n');
    for l in lines.by_ref() {
        if l.trim_end() == "---" {
            if !replaced {
                out.push_str(&line);
                out.push('\n');
            }
            out.push_str(l);
            break;
        }
        if l.starts_with("translation_of:") {
            out.push_str(&line);
            out.push('\n');
            replaced = true;
        } else {
            out.push_str(l);
        }
    }
    out.extend(lines);
    out
}

/// For each translation path, records the current hash of its source.
/// Returns the stamped paths and the problems found.
pub fn stamp(docs: &[Doc], default: &str, root: &Path, paths: &[PathBuf]) -> (Vec<(PathBuf, String)>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut done = Vec::new();
    for p in paths {
        let abs = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
        let Some(tr) = docs.iter().find(|d| std::fs::canonicalize(root.join(&d.display)).is_ok_and(|a| a == abs))
        else {
            diags.push(
                Diagnostic::error(p, 0, 0, "not a page of this site")
                    .with_help("give the path of a translated page, e.g. `content/install.fr.md`"),
            );
            continue;
        };
        if tr.lang == default {
            diags.push(Diagnostic::error(
                &tr.display,
                0,
                0,
                format!("this page is in the default language `{default}`; only translations are stamped"),
            ));
            continue;
        }
        let Some(src) = docs.iter().find(|d| d.lang == default && d.key == tr.key) else {
            diags.push(Diagnostic::error(&tr.display, 1, 1, "translation without a source page"));
            continue;
        };
        let hash = src.source_hash();
        match std::fs::write(root.join(&tr.display), with_stamp(&tr.text, &hash)) {
            Ok(()) => done.push((tr.display.clone(), hash)),
            Err(e) => diags.push(Diagnostic::error(&tr.display, 0, 0, format!("cannot write: {e}"))),
        }
    }
    (done, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamp_is_added_or_replaced() {
        assert_eq!(
            with_stamp("---\ntitle: T\n---\nBody\n", "abc123abc123"),
            "---\ntitle: T\ntranslation_of: abc123abc123\n---\nBody\n"
        );
        assert_eq!(
            with_stamp("---\ntitle: T\ntranslation_of: 000000000000\n---\nBody\n", "abc123abc123"),
            "---\ntitle: T\ntranslation_of: abc123abc123\n---\nBody\n"
        );
        assert_eq!(with_stamp("Body\n", "abc123abc123"), "---\ntranslation_of: abc123abc123\n---\nBody\n");
    }
}
