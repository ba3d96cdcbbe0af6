//! Walks `content/` and classifies every file: page, section index or asset,
//! with its language and its language-neutral key.
//!
//! Two layouts name a translation: a suffix (`install.fr.md` beside
//! `install.md`) or a language folder (`content/fr/install.md`). Both map to
//! the key `install.md` in language `fr`. Entry point: [`discover`].

pub mod mount;
pub mod repo;
mod source;
pub mod versions;

pub use crate::source_file::display_path;
pub use repo::normalize;
pub use source::{CONTENT_DIR, FileKind, ForgeMiss, Mounted, SourceFile, folder_of};

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source_file::{self, Place};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Walks the content folder. Reports files in undeclared languages and
/// pages given twice for one language.
pub fn discover(config: &SiteConfig) -> (Vec<SourceFile>, Diagnostics) {
    let root = &config.root;
    let content = root.join(CONTENT_DIR);
    let mut diags = Diagnostics::new();
    let mut files = Vec::new();
    if !content.is_dir() {
        diags.push(
            Diagnostic::error(CONTENT_DIR, 0, 0, "the site has no `content/` folder")
                .with_help("create `content/_index.md` for the home page"),
        );
        return (files, diags);
    }
    let codes = config.language_codes();
    walk(root, &content, &codes, &mut files, &mut diags);
    versions::add(config, &mut files, &mut diags);
    files.extend(mount::files(config, &mut diags));
    check_duplicates(&files, &mut diags);
    (files, diags)
}

/// Walks one content folder (`content/`, or a version's) into `files`:
/// `root` is the folder paths are shown relative to, and that files may
/// not leave.
pub(crate) fn walk(root: &Path, content: &Path, codes: &[&str], files: &mut Vec<SourceFile>, diags: &mut Diagnostics) {
    let default = codes[0];
    let mut hidden_pages: Vec<PathBuf> = Vec::new();
    let walker = WalkDir::new(content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()) || hidden_page(e));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let p = e.path().map(|p| display_path(root, p)).unwrap_or_else(|| PathBuf::from(CONTENT_DIR));
                diags.push(Diagnostic::error(p, 0, 0, format!("cannot read: {e}")));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry.path().strip_prefix(content).unwrap_or(entry.path());
        let display = display_path(root, entry.path());
        let classified = classify(rel, codes, default);
        let copied = matches!(classified, Classified::File { kind: FileKind::Asset, .. });
        if matches!(classified, Classified::Hidden) {
            hidden_pages.push(display);
            continue;
        }
        if !usable(&entry, root, &display, copied, diags) {
            continue;
        }
        match classified {
            Classified::File { key, lang, kind, near } => {
                if let Some((suffix, code)) = near {
                    diags.push(near_language_warning(&display, &key, &suffix, &code, default));
                }
                files.push(SourceFile { abs: entry.path().to_path_buf(), display, key, lang, kind, mount: None, held: None })
            }
            Classified::Conflict { folder, suffix } => diags.push(
                Diagnostic::error(
                    &display,
                    1,
                    1,
                    format!("file is in the folder of language `{folder}` but its name says language `{suffix}`"),
                )
                .with_help(format!(
                    "move it out of `content/{folder}/` (suffix layout) or drop `.{suffix}` from its name (folder layout)"
                )),
            ),
            Classified::Hidden | Classified::Skip => {}
        }
    }
    if let Some(first) = hidden_pages.first() {
        let others = match hidden_pages.len() - 1 {
            0 => String::new(),
            1 => " and 1 other markdown file".to_string(),
            n => format!(" and {n} other markdown files"),
        };
        diags.push(
            Diagnostic::warning(first, 0, 0, format!("is hidden (its name starts with `.`){others}: skipped"))
                .with_help("rename the file without the leading `.` to publish it as a page"),
        );
    }
}

impl SourceFile {
    /// Where the file may be read from: anywhere for a file `mount:`
    /// publishes, inside the site folder for the rest.
    pub fn place(&self) -> Place<'_> {
        if self.mount.is_some() {
            return Place::Mounted;
        }
        // `display` is `abs` relative to the site folder (`display_path`).
        let depth = self.display.components().count();
        match self.abs.ancestors().nth(depth) {
            Some(root) if self.abs.ends_with(&self.display) => Place::Site(root),
            _ => Place::Site(&self.abs),
        }
    }
}

/// Whether a walked entry that is not a folder can be used: a regular file,
/// or a link to one inside the site. Named pipes, sockets, devices and links
/// out of the site are errors; a link to a folder is not followed (a
/// warning). `copied` files (assets, static files) are also opened once, so
/// that an unreadable one is reported before anything is written.
fn usable(entry: &walkdir::DirEntry, root: &Path, display: &Path, copied: bool, diags: &mut Diagnostics) -> bool {
    let place = Place::Site(root);
    let result = if entry.file_type().is_symlink() && entry.path().is_dir() {
        diags.push(
            Diagnostic::warning(display, 0, 0, "is a link to a folder, which onramp does not follow")
                .with_help("move the folder into place, or link its files one by one"),
        );
        return false;
    } else if copied {
        source_file::check_copyable(entry.path(), display, place)
    } else if entry.file_type().is_file() {
        return true;
    } else {
        source_file::check(entry.path(), display, place)
    };
    result.map_err(|d| diags.push(d)).is_ok()
}

/// A file under `static/`, copied to the output as it is.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Path for copying.
    pub abs: PathBuf,
    /// Path relative to the site root, for messages (`static/img/a.png`).
    pub display: PathBuf,
    /// Path in the output, `/`-separated (`img/a.png`).
    pub rel: String,
}

/// Name of the static files folder.
pub const STATIC_DIR: &str = "static";

/// Lists `static/`: regular files (or links to them) inside the site, that
/// can be read. Everything else is reported at its path.
pub fn static_files(root: &Path) -> (Vec<StaticFile>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut files = Vec::new();
    let dir = root.join(STATIC_DIR);
    if std::fs::symlink_metadata(&dir).is_err() {
        return (files, diags);
    }
    match std::fs::metadata(&dir) {
        Ok(m) if m.is_dir() => {}
        Ok(m) => {
            let what = source_file::kind_of(&m);
            let what = if m.is_file() { "a file" } else { what };
            diags.push(
                Diagnostic::error(STATIC_DIR, 0, 0, format!("`static` is {what}, not a folder"))
                    .with_help("put the files to copy to the output as they are in a `static/` folder"),
            );
            return (files, diags);
        }
        Err(e) => {
            diags.push(Diagnostic::error(STATIC_DIR, 0, 0, format!("cannot read: {e}")));
            return (files, diags);
        }
    }
    for entry in WalkDir::new(&dir).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let p = e.path().map(|p| display_path(root, p)).unwrap_or_else(|| PathBuf::from(STATIC_DIR));
                diags.push(Diagnostic::error(p, 0, 0, format!("cannot read: {e}")));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let display = display_path(root, entry.path());
        if !usable(&entry, root, &display, true, &mut diags) {
            continue;
        }
        let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
        files.push(StaticFile { abs: entry.path().to_path_buf(), display, rel });
    }
    (files, diags)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.') || n.ends_with('~') || n.starts_with('#'))
}

/// The name without its markdown extension (`md` or `markdown`, in any
/// case: `README.MD`), or `None` for another file.
fn markdown_stem(name: &std::ffi::OsStr) -> Option<&str> {
    let name = name.to_str()?;
    let (stem, ext) = name.rsplit_once('.')?;
    (ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown")).then_some(stem)
}

/// A hidden markdown file that discovery reports instead of skipping in
/// silence: a file, not a folder, and not an editor's lock file (`.#a.md`).
fn hidden_page(e: &walkdir::DirEntry) -> bool {
    !e.file_type().is_dir()
        && e.file_name().to_str().is_some_and(|n| !n.starts_with(".#"))
        && markdown_stem(e.file_name()).is_some()
}

/// A markdown file onramp leaves out: a hidden name (`.draft.md`, the
/// file `.md`) but not a name made only of dots (`..md` is the page of
/// the shell command `.`).
fn hidden_markdown(stem: &str) -> bool {
    stem.is_empty() || (stem.starts_with('.') && !stem.bytes().all(|b| b == b'.'))
}

/// The warning for a suffix one edit away from a declared language code.
fn near_language_warning(display: &Path, key: &str, suffix: &str, code: &str, default: &str) -> Diagnostic {
    let name = key.rsplit('/').next().unwrap_or(key);
    let page = name.strip_suffix(".md").unwrap_or(name);
    let file = display.file_name().map_or_else(String::new, |f| f.to_string_lossy().into_owned());
    let renamed = file.replacen(&format!(".{suffix}."), &format!(".{code}."), 1);
    Diagnostic::warning(
        display,
        0,
        0,
        format!(
            "`{suffix}` is not a language of the site, so this is the page `{page}` in `{default}`, not a translation"
        ),
    )
    .with_help(format!("for a translation into `{code}`, rename the file `{renamed}`"))
}

/// What [`classify`] makes of a path.
#[derive(Debug, PartialEq)]
enum Classified {
    /// A page, section or asset; `near` is a suffix taken as part of the
    /// name though one edit away from a declared code: (suffix, code).
    File { key: String, lang: String, kind: FileKind, near: Option<(String, String)> },
    /// A suffix naming another declared language than the folder.
    Conflict { folder: String, suffix: String },
    /// A hidden markdown file, left out with a warning.
    Hidden,
    /// Nothing to classify.
    Skip,
}

/// Classifies a path relative to `content/`. A suffix (`a.fr.md`) is a
/// language only when it is a declared code; any other suffix is part of
/// the page's name (`node.js.md` is the page `node.js`).
fn classify(rel: &Path, codes: &[&str], default: &str) -> Classified {
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let (mut lang, parts) = match parts.split_first() {
        Some((first, rest)) if !rest.is_empty() && codes.contains(&first.as_str()) => {
            (Some(first.clone()), rest.to_vec())
        }
        _ => (None, parts),
    };
    let Some((name, dirs)) = parts.split_last() else { return Classified::Skip };
    let stem = markdown_stem(std::ffi::OsStr::new(name));
    let mut file = name.clone();
    let mut near = None;
    if let Some(stem) = stem {
        // The name without a declared language suffix decides whether the
        // file is hidden: `..fr.md` is the French page of `..md`.
        let split = stem.rsplit_once('.').filter(|(base, suffix)| !base.is_empty() && codes.contains(suffix));
        if hidden_markdown(split.map_or(stem, |(base, _)| base)) {
            return Classified::Hidden;
        }
        file = format!("{stem}.md");
        if let Some((base, suffix)) = split {
            if let Some(folder) = lang.as_deref().filter(|l| *l != suffix) {
                return Classified::Conflict { folder: folder.to_string(), suffix: suffix.to_string() };
            }
            lang = Some(suffix.to_string());
            file = format!("{base}.md");
        } else if let Some((_, suffix)) = stem.rsplit_once('.').filter(|(base, _)| !base.is_empty()) {
            if let Some(code) = codes.iter().find(|c| near_code(suffix, c)) {
                near = Some((suffix.to_string(), code.to_string()));
            }
        }
    }
    let kind = match (stem.is_some(), file.as_str()) {
        (true, "_index.md") => FileKind::Section,
        (true, _) => FileKind::Page,
        _ => FileKind::Asset,
    };
    let mut key = dirs.join("/");
    if !key.is_empty() {
        key.push('/');
    }
    key.push_str(&file);
    Classified::File { key, lang: lang.unwrap_or_else(|| default.to_string()), kind, near }
}

/// A suffix one edit away from a declared code (`fe` for `fr`, `FR`,
/// `pt-BT` for `pt-BR`): likely a typo, worth a warning.
fn near_code(suffix: &str, code: &str) -> bool {
    suffix.eq_ignore_ascii_case(code) || strsim::levenshtein(suffix, code) == 1
}

fn check_duplicates(files: &[SourceFile], diags: &mut Diagnostics) {
    let mut seen: HashMap<(&str, &str), &SourceFile> = HashMap::new();
    for f in files {
        if let Some(first) = seen.insert((&f.key, &f.lang), f) {
            let message = format!(
                "`{}` and `{}` are the same page in language `{}`",
                first.display.display(),
                f.display.display(),
                f.lang
            );
            let help = "keep one of the two files (suffix layout `page.fr.md` or folder layout `content/fr/page.md`)";
            // At both files, so that either can be fixed from its own diagnostic.
            for file in [first, f] {
                diags.push(Diagnostic::error(&file.display, 1, 1, message.clone()).with_help(help));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(p: &str) -> (String, String, FileKind) {
        match classify(Path::new(p), &["en", "fr", "pt-BR"], "en") {
            Classified::File { key, lang, kind, .. } => (key, lang, kind),
            other => panic!("{p}: {other:?}"),
        }
    }

    #[test]
    fn suffix_and_folder_layouts_share_keys() {
        assert_eq!(c("guide/install.md"), ("guide/install.md".into(), "en".into(), FileKind::Page));
        assert_eq!(c("guide/install.fr.md"), ("guide/install.md".into(), "fr".into(), FileKind::Page));
        assert_eq!(c("fr/guide/install.md"), ("guide/install.md".into(), "fr".into(), FileKind::Page));
        assert_eq!(c("guide/_index.pt-BR.md"), ("guide/_index.md".into(), "pt-BR".into(), FileKind::Section));
        assert_eq!(c("guide/img.png").2, FileKind::Asset);
        assert_eq!(c("README.MD"), ("README.md".into(), "en".into(), FileKind::Page));
    }

    #[test]
    fn a_suffix_is_a_language_only_when_declared() {
        // Undeclared codes and other suffixes are part of the name.
        assert_eq!(c("guide/install.de.md").0, "guide/install.de.md");
        assert_eq!(c("node.js.md").0, "node.js.md");
        assert_eq!(c("notes.v2.md").0, "notes.v2.md");
        // One edit from a declared code: a page, flagged for a warning.
        let near = classify(Path::new("setup.fe.md"), &["en", "fr"], "en");
        assert!(
            matches!(near, Classified::File { near: Some((ref s, ref c)), .. } if s == "fe" && c == "fr"),
            "{near:?}"
        );
        assert_eq!(
            classify(Path::new("fr/a.pt-BR.md"), &["en", "fr", "pt-BR"], "en"),
            Classified::Conflict { folder: "fr".into(), suffix: "pt-BR".into() }
        );
        assert_eq!(classify(Path::new(".draft.md"), &["en"], "en"), Classified::Hidden);
    }

    #[test]
    fn names_made_of_dots_are_pages_in_every_language() {
        assert_eq!(c("commands/..md"), ("commands/..md".into(), "en".into(), FileKind::Page));
        assert_eq!(c("commands/..fr.md"), ("commands/..md".into(), "fr".into(), FileKind::Page));
        assert_eq!(c("fr/commands/..md"), ("commands/..md".into(), "fr".into(), FileKind::Page));
        assert_eq!(c("commands/...md"), ("commands/...md".into(), "en".into(), FileKind::Page));
        assert_eq!(classify(Path::new(".draft.fr.md"), &["en", "fr"], "en"), Classified::Hidden);
        assert_eq!(classify(Path::new(".fr.md"), &["en", "fr"], "en"), Classified::Hidden);
    }
}
