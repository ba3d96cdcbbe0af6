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
//! link to it on the forge (`repo.url/blob/branch/path`, `tree` for a
//! folder) when it exists there ([`crate::repo_links`]), and is a broken link
//! when it does not. A mounted file that does not exist is an error at its
//! line in `site.yaml`.

use crate::config::{Repo, SiteConfig};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::discover::{FileKind, SourceFile};
use crate::markdown::{LinkTarget, PendingLink};
use crate::repo_links::RepoFiles;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a mounted document needs to resolve its links.
#[derive(Debug)]
pub struct Mounted {
    /// The file, relative to the site folder, normalized (`../CONTRIBUTING.md`).
    pub source: String,
    /// Every mounted file (normalized source of every language) → content key.
    table: HashMap<String, String>,
    /// The forge repository, for links to other files.
    repo: Option<Repo>,
    /// Its files, shared by every mounted document (each target is looked up once).
    files: Option<Arc<RepoFiles>>,
    /// The site folder.
    root: PathBuf,
}

/// Joins and normalizes `/`-separated path parts, keeping leading `..`.
pub fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn folder_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(f, _)| f)
}

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
    let text = std::fs::read_to_string(root.join(crate::config::CONFIG_FILE)).unwrap_or_default();
    let position = |needle: &str| {
        text.lines()
            .enumerate()
            .find_map(|(i, l)| l.find(needle).map(|at| (i + 1, l[..at].chars().count() + 1)))
            .unwrap_or((1, 1))
    };
    let mut ok: Vec<(String, String)> = Vec::new();
    for (written, key) in &config.mount {
        let source = normalize(&written.replace('\\', "/"));
        let (line, col) = position(written);
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
    let files = RepoFiles::new(config).map(Arc::new);
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
            });
        }
    }
    out
}

impl Mounted {
    /// Re-targets the relative links of a mounted document from its real
    /// place: site pages for mounted and content files, forge links for the
    /// rest. Returns an error for each link that cannot be made.
    pub fn rewrite_links(&self, links: &mut [PendingLink], display: &Path) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        for link in links.iter_mut() {
            if !matches!(link.target, LinkTarget::Page { .. } | LinkTarget::Asset(_)) {
                continue;
            }
            let (path, fragment) = match link.written.split_once('#') {
                Some((p, f)) => (p, Some(f.to_string())),
                None => (link.written.as_str(), None),
            };
            let path = path.split('?').next().unwrap_or(path);
            let real = self.site_relative(&normalize(&format!("{}/{path}", folder_of(&self.source))));
            let content_key = real.strip_prefix("content/").map(str::to_string);
            link.target = if let Some(key) = self.table.get(&real) {
                LinkTarget::Page { key: key.clone(), fragment }
            } else if let Some(key) = content_key {
                if key.ends_with(".md") { LinkTarget::Page { key, fragment } } else { LinkTarget::Asset(key) }
            } else {
                match self.forge_url(&real, fragment.as_deref(), display, link) {
                    Ok(url) => LinkTarget::External(url),
                    Err(d) => {
                        diags.push(d.as_broken_link());
                        LinkTarget::External("#".into())
                    }
                }
            };
        }
        diags
    }

    /// A path relative to the site folder, simplified when it leaves the
    /// folder and comes back in (`../site/content/a.md` → `content/a.md`).
    fn site_relative(&self, real: &str) -> String {
        if !real.starts_with("..") {
            return real.to_string();
        }
        if let (Ok(target), Ok(root)) = (std::fs::canonicalize(self.root.join(real)), std::fs::canonicalize(&self.root))
        {
            if let Ok(rel) = target.strip_prefix(&root) {
                return rel.to_string_lossy().replace('\\', "/");
            }
        }
        if let Some(repo) = &self.repo {
            let site = normalize(repo.path.trim_matches('/'));
            let in_repo = normalize(&format!("{site}/{real}"));
            if let Some(rel) = in_repo.strip_prefix(&format!("{site}/")).filter(|_| !site.is_empty()) {
                return rel.to_string();
            }
        }
        real.to_string()
    }

    /// `repo.url/blob/branch/<path in the repository>` for a file at `real`
    /// (relative to the site folder), `tree` for a folder; an error at the
    /// link when there is no `repo:` or no such file in the repository.
    fn forge_url(
        &self,
        real: &str,
        fragment: Option<&str>,
        display: &Path,
        link: &PendingLink,
    ) -> Result<String, Diagnostic> {
        let err = |msg: String| Diagnostic::error(display, link.line, link.col, msg);
        let outside = || {
            err(format!("link to `{}`, a file outside the site", link.written)).with_help(
                "add `repo:` to site.yaml (url, branch, path of the site in the repository) so that it links to the forge",
            )
        };
        let (Some(_), Some(files)) = (&self.repo, &self.files) else { return Err(outside()) };
        let Some(in_repo) = files.from_site(real) else { return Err(outside()) };
        match files.entry(&in_repo) {
            Some(entry) => Ok(files.url(&in_repo, entry, fragment)),
            None => {
                Err(err(format!("link to a missing file `{}`", link.written)).with_help(files.missing_help(&in_repo)))
            }
        }
    }
}

/// Mounts as written in site.yaml, for [`SiteConfig`].
pub type MountMap = BTreeMap<String, String>;

#[cfg(test)]
mod tests {
    use super::*;

    /// A mounted `CONTRIBUTING.md` of a repository in `dir` whose site folder is `site`.
    fn mounted(dir: &Path) -> Mounted {
        let root = dir.join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::create_dir_all(dir.join("docs")).unwrap();
        std::fs::write(dir.join("docs/BUILD.md"), "# Build\n").unwrap();
        let table = [
            ("../CONTRIBUTING.md".to_string(), "community/contributing.md".to_string()),
            ("../CODE_OF_CONDUCT.md".to_string(), "community/conduct.md".to_string()),
        ]
        .into_iter()
        .collect();
        let repo = Repo { url: "https://forge.example/org/p/".into(), branch: "main".into(), path: "site".into() };
        let mut config = SiteConfig::parse(&root, "title: T\n", None).unwrap();
        config.repo = Some(repo.clone());
        Mounted {
            source: "../CONTRIBUTING.md".into(),
            table,
            repo: Some(repo),
            files: RepoFiles::new(&config).map(Arc::new),
            root,
        }
    }

    fn link(written: &str) -> PendingLink {
        let target = crate::markdown::classify_link(written, "community/contributing.md").unwrap();
        PendingLink { target, written: written.into(), line: 3, col: 5 }
    }

    #[test]
    fn normalizes_paths() {
        assert_eq!(normalize("site/../CONTRIBUTING.md"), "CONTRIBUTING.md");
        assert_eq!(normalize("../a/./b/../c.md"), "../a/c.md");
        assert_eq!(normalize("../../x"), "../../x");
    }

    #[test]
    fn links_become_site_or_forge_links() {
        let dir = tempfile::tempdir().unwrap();
        let m = mounted(dir.path());
        let mut links = vec![
            link("CODE_OF_CONDUCT.md#enforcement"),
            link("site/content/docs/a.md"),
            link("docs/BUILD.md#linux"),
            link("src/"),
            link("#top"),
        ];
        let diags = m.rewrite_links(&mut links, Path::new("../CONTRIBUTING.md"));
        assert!(diags.is_empty(), "{diags:?}");
        let targets: Vec<&LinkTarget> = links.iter().map(|l| &l.target).collect();
        assert_eq!(
            targets,
            [
                &LinkTarget::Page { key: "community/conduct.md".into(), fragment: Some("enforcement".into()) },
                &LinkTarget::Page { key: "docs/a.md".into(), fragment: None },
                &LinkTarget::External("https://forge.example/org/p/blob/main/docs/BUILD.md#linux".into()),
                &LinkTarget::External("https://forge.example/org/p/tree/main/src".into()),
                &LinkTarget::Anchor("top".into()),
            ]
        );
    }

    #[test]
    fn links_to_files_the_repository_does_not_have_are_broken_links() {
        let dir = tempfile::tempdir().unwrap();
        let m = mounted(dir.path());
        let mut links = vec![link("LICENSE-MIT#L3"), link("docs/BUILD.md")];
        let diags = m.rewrite_links(&mut links, Path::new("../CONTRIBUTING.md"));
        assert_eq!(diags.len(), 1);
        assert!(diags[0].broken_link);
        assert_eq!(
            diags[0].to_string(),
            "../CONTRIBUTING.md:3:5: error: link to a missing file `LICENSE-MIT#L3`\n  = help: it points to `LICENSE-MIT` in the repository, which has no such file or folder"
        );
        assert_eq!(links[0].target, LinkTarget::External("#".into()));
    }

    #[test]
    fn without_a_repo_outside_links_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let m = Mounted { repo: None, ..mounted(dir.path()) };
        let mut links = vec![link("docs/BUILD.md")];
        let diags = m.rewrite_links(&mut links, Path::new("../CONTRIBUTING.md"));
        assert_eq!(diags.len(), 1);
        assert_eq!(
            diags[0].to_string().lines().next().unwrap(),
            "../CONTRIBUTING.md:3:5: error: link to `docs/BUILD.md`, a file outside the site"
        );
    }
}
