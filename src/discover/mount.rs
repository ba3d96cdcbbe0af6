//! Mounted files: markdown files from outside `content/` (a repository's
//! `CONTRIBUTING.md`, `CODE_OF_CONDUCT.md`, `GOVERNANCE.md`) published as
//! pages of the site, so that they are written once, where forges show them.
//!
//! ```yaml
//! # site.yaml: source (relative to the site folder) → content key
//! mount:
//!   ../CONTRIBUTING.md: community/contributing.md
//!   ../CODE_OF_CONDUCT.md: community/code-of-conduct.md
//! ```
//!
//! A mounted file is a page like any other at its content key; a file named
//! like a translation beside it (`../CONTRIBUTING.fr.md`) is its French
//! translation. Relative links in a mounted file are written for the
//! repository, so they are resolved from the file's real place: a link to
//! another mounted file or to a file under `content/` becomes a link to that
//! page of the site; a link to any other file of the repository becomes a
//! link to it on the forge (`repo.url/blob/branch/path`). A mounted file
//! that does not exist is an error at its line in `site.yaml`.

use super::repo::normalize;
use super::source::{FileKind, Mounted, SourceFile};
use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The translations of `source` that exist beside it: `(code, path)` for
/// `NAME.<code>.md`.
fn translations(root: &Path, source: &str, codes: &[&str]) -> Vec<(String, String)> {
    let Some(stem) = source.strip_suffix(".md") else { return Vec::new() };
    codes
        .iter()
        .skip(1)
        .map(|code| (code.to_string(), format!("{stem}.{code}.md")))
        .filter(|(_, p)| root.join(p).is_file())
        .collect()
}

/// The source files of every mount, in every language that has one.
pub fn files(config: &SiteConfig, diags: &mut Diagnostics) -> Vec<SourceFile> {
    let root = &config.root;
    let codes = config.language_codes();
    let mut ok: Vec<(String, String)> = Vec::new();
    for (written, key) in &config.mount {
        let source = normalize(&written.replace('\\', "/"));
        let (line, col) = config.spans.key(&crate::yaml_path!["mount", written]).unwrap_or((1, 1));
        let key = key.trim_start_matches('/').to_string();
        if !source.ends_with(".md") || !key.ends_with(".md") || key.starts_with("..") || key.contains("/../") {
            diags.push(
                Diagnostic::error(
                    crate::config::CONFIG_FILE,
                    line,
                    col,
                    format!("cannot mount `{written}` at `{key}`"),
                )
                .with_help(
                    "mount a markdown file at a content path ending in `.md`: `../CONTRIBUTING.md: contributing.md`",
                ),
            );
            continue;
        }
        if !root.join(&source).is_file() {
            diags.push(
                Diagnostic::error(crate::config::CONFIG_FILE, line, col, format!("mounted file `{written}` not found"))
                    .with_help(format!("the path is relative to the site folder: `{}`", root.join(&source).display())),
            );
            continue;
        }
        ok.push((source, key));
    }
    let mut table = HashMap::new();
    for (source, key) in &ok {
        table.insert(source.clone(), key.clone());
        for (_, path) in translations(root, source, &codes) {
            table.insert(normalize(&path), key.clone());
        }
    }
    let files = super::repo::RepoFiles::new(config).map(Arc::new);
    let mut out = Vec::new();
    for (source, key) in ok {
        let default = codes.first().map(|c| c.to_string()).unwrap_or_default();
        let kind = if key.ends_with("_index.md") { FileKind::Section } else { FileKind::Page };
        for (lang, path) in std::iter::once((default, source.clone())).chain(translations(root, &source, &codes)) {
            let mounted = Mounted {
                source: normalize(&path),
                table: table.clone(),
                repo: config.repo.clone(),
                files: files.clone(),
                root: root.clone(),
            };
            out.push(SourceFile {
                abs: root.join(&path),
                display: PathBuf::from(&path),
                key: key.clone(),
                lang,
                kind,
                mount: Some(Arc::new(mounted)),
                held: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::repo::normalize;

    #[test]
    fn normalizes_paths() {
        assert_eq!(normalize("site/../CONTRIBUTING.md"), "CONTRIBUTING.md");
        assert_eq!(normalize("../a/./b/../c.md"), "../a/c.md");
        assert_eq!(normalize("../../x"), "../../x");
    }
}
