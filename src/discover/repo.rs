//! Links to files of the repository that are not pages of the site.
//!
//! Markdown written for a forge (a crate's README, a `CONTRIBUTING.md`)
//! links to files beside it: `LICENSE-MIT`, `../../CONTRIBUTING.md`,
//! `/LICENSE-APACHE` (from the repository's root, as forges read it). With
//! `repo:` in site.yaml, such a link becomes a link to the file on the forge
//! (`repo.url/blob/branch/path`, `tree` for a folder, the `#fragment` kept)
//! when the file exists in the repository; a file that exists nowhere stays
//! a broken link.
//!
//! The repository's folder is found as [`crate::mount`] finds it: the site
//! folder is at `repo.path` inside it. Each distinct target is looked up
//! once (one `stat` through [`std::fs::canonicalize`], cached), never by
//! walking the repository, and nothing outside the repository's folder is
//! looked at: a path that leaves it, goes through `.git`, or resolves (by
//! symbolic links) to somewhere outside it counts as missing.

use crate::config::{Repo, SiteConfig};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

/// What a path of the repository is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A file: linked as `blob`.
    File,
    /// A folder: linked as `tree`.
    Folder,
}

/// The files of the site's repository, looked up on demand.
#[derive(Debug)]
pub struct RepoFiles {
    repo: Repo,
    /// The repository's folder (the site folder, up as many levels as `repo.path` has).
    root: PathBuf,
    /// Its real path; `None` when it does not exist (then nothing is found).
    real_root: Option<PathBuf>,
    /// Where the site folder is in the repository (`site`, or empty), normalized.
    site: String,
    /// Path in the repository → what is there (`None`: nothing).
    seen: Mutex<HashMap<String, Option<Entry>>>,
}

impl RepoFiles {
    /// The repository of `config`'s site, when `repo:` is set and its
    /// `path` stays inside the repository.
    pub fn new(config: &SiteConfig) -> Option<RepoFiles> {
        let repo = config.repo.clone()?;
        let site = normalize(&repo.path.replace('\\', "/"));
        if site.split('/').any(|s| s == "..") {
            return None;
        }
        let depth = site.split('/').filter(|s| !s.is_empty()).count();
        let mut root = config.root.clone();
        for _ in 0..depth {
            root.push("..");
        }
        // The site folder must really be at `repo.path`: otherwise the
        // folder found by going up is not the repository.
        let real_site = std::fs::canonicalize(&config.root).ok();
        let at_path = real_site.as_ref().is_some_and(|real| {
            let names: Vec<String> = real.iter().map(|c| c.to_string_lossy().into_owned()).collect();
            let wanted: Vec<&str> = site.split('/').filter(|s| !s.is_empty()).collect();
            names.len() > wanted.len() && names[names.len() - wanted.len()..].iter().zip(&wanted).all(|(a, b)| a == b)
        });
        let real_root = if at_path { std::fs::canonicalize(&root).ok() } else { None };
        Some(RepoFiles { repo, root, real_root, site, seen: Mutex::new(HashMap::new()) })
    }

    /// The repository path of `site_rel`, a `/`-separated path relative to
    /// the site folder (`../LICENSE`, `CONTRIBUTING.md`); `None` when it
    /// leaves the repository.
    pub fn from_site(&self, site_rel: &str) -> Option<String> {
        let joined = if self.site.is_empty() { site_rel.to_string() } else { format!("{}/{site_rel}", self.site) };
        let path = normalize(&joined);
        (!path.starts_with("..")).then_some(path)
    }

    /// The repository's folder as the site names it, and its real path,
    /// when the site folder really is at `repo.path` in it.
    pub fn root(&self) -> Option<(&std::path::Path, &std::path::Path)> {
        self.real_root.as_deref().map(|real| (self.root.as_path(), real))
    }

    /// Where the site folder is in the repository (`site`, or empty), normalized.
    pub fn site_path(&self) -> &str {
        &self.site
    }

    /// What is at `path` in the repository (a normalized path from its
    /// root), looked up once per distinct path.
    pub fn entry(&self, path: &str) -> Option<Entry> {
        if let Some(known) = self.seen.lock().ok().and_then(|s| s.get(path).copied()) {
            return known;
        }
        let found = self.look_up(path);
        if let Ok(mut seen) = self.seen.lock() {
            seen.insert(path.to_string(), found);
        }
        found
    }

    fn look_up(&self, path: &str) -> Option<Entry> {
        let real_root = self.real_root.as_ref()?;
        let inside = path.split('/').all(|s| !s.is_empty() && s != "." && s != ".." && s != ".git");
        if !inside || path.contains(['\\', '\0']) {
            return None;
        }
        let real = std::fs::canonicalize(self.root.join(path)).ok()?;
        if !real.starts_with(real_root) {
            return None;
        }
        let meta = std::fs::metadata(&real).ok()?;
        if meta.is_dir() {
            Some(Entry::Folder)
        } else if meta.is_file() {
            Some(Entry::File)
        } else {
            None
        }
    }

    /// The help line of a link to `path`, which [`RepoFiles::entry`] did not find.
    pub fn missing_help(&self, path: &str) -> String {
        if self.real_root.is_some() {
            format!("it points to `{path}` in the repository, which has no such file or folder")
        } else {
            format!(
                "the site folder is not at `repo.path` (`{}`) in its repository, so no repository file can be found; set `repo.path` to the site folder's path from the repository's root",
                self.site
            )
        }
    }

    /// The forge URL of `path` in the repository.
    pub fn url(&self, path: &str, entry: Entry, fragment: Option<&str>) -> String {
        forge_url(&self.repo, path, entry == Entry::Folder, fragment)
    }
}

/// `repo.url/blob/branch/path#fragment` (`tree` for a folder): the URL of a
/// repository file on the forge.
pub fn forge_url(repo: &Repo, path: &str, folder: bool, fragment: Option<&str>) -> String {
    let kind = if folder { "tree" } else { "blob" };
    let frag = fragment.filter(|f| !f.is_empty()).map(|f| format!("#{f}")).unwrap_or_default();
    format!("{}/{kind}/{}/{path}{frag}", repo.url.trim_end_matches('/'), repo.branch)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn config(root: PathBuf, path: &str) -> SiteConfig {
        let mut c = SiteConfig::parse(&root, "title: T\n", None).expect("config");
        c.repo = Some(Repo { url: "https://forge.example/o/p/".into(), branch: "dev".into(), path: path.into() });
        c
    }

    #[test]
    fn finds_files_and_folders_inside_the_repository_only() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join("site/content")).unwrap();
        std::fs::create_dir_all(repo.join("crates/a")).unwrap();
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::write(repo.join("LICENSE"), "MIT").unwrap();
        std::fs::write(repo.join(".git/config"), "").unwrap();
        std::fs::write(dir.path().join("secret"), "").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("secret"), repo.join("escape")).unwrap();
        let files = RepoFiles::new(&config(repo.join("site"), "site/")).unwrap();
        assert_eq!(files.from_site("../LICENSE").as_deref(), Some("LICENSE"));
        assert_eq!(files.from_site("content/../x").as_deref(), Some("site/x"));
        assert_eq!(files.from_site("../../secret"), None);
        assert_eq!(files.entry("LICENSE"), Some(Entry::File));
        assert_eq!(files.entry("crates/a"), Some(Entry::Folder));
        assert_eq!(files.entry("crates/b"), None);
        assert_eq!(files.entry(".git/config"), None);
        assert_eq!(files.entry("escape"), None);
        assert_eq!(files.entry("../secret"), None);
        assert_eq!(files.url("crates/a", Entry::Folder, Some("x")), "https://forge.example/o/p/tree/dev/crates/a#x");
        assert_eq!(files.url("LICENSE", Entry::File, None), "https://forge.example/o/p/blob/dev/LICENSE");
        // Looked up once: a file created afterwards is not seen by this build.
        std::fs::write(repo.join("crates/b"), "").unwrap();
        assert_eq!(files.entry("crates/b"), None);
    }

    #[test]
    fn a_repo_path_that_does_not_end_the_site_folder_finds_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/site")).unwrap();
        std::fs::write(dir.path().join("LICENSE"), "").unwrap();
        assert!(RepoFiles::new(&config(dir.path().to_path_buf(), "../x")).is_none());
        // `path: docs` while the site folder is `a/site`: going up one level
        // would not be the repository.
        let files = RepoFiles::new(&config(dir.path().join("a/site"), "docs")).unwrap();
        assert_eq!(files.entry("site"), None);
        let files = RepoFiles::new(&config(dir.path().join("a/site"), "a/site")).unwrap();
        assert_eq!(files.entry("LICENSE"), Some(Entry::File));
    }
}
