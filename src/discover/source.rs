//! What discovery finds: one [`SourceFile`] per file, from `content/` or
//! from a mount.

use super::repo::{RepoFiles, normalize};
use crate::config::Repo;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Name of the content folder.
pub const CONTENT_DIR: &str = "content";

/// What a content file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A markdown page.
    Page,
    /// A section's `_index.md`.
    Section,
    /// Any other file, copied next to its pages.
    Asset,
}

/// One file found under `content/`.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Absolute (or root-joined) path for reading.
    pub abs: PathBuf,
    /// Path relative to the site root, for messages (`content/docs/a.fr.md`).
    pub display: PathBuf,
    /// Language-neutral key relative to `content/`, with `/` separators
    /// (`docs/a.md`, `docs/_index.md`, `docs/img.png`).
    pub key: String,
    /// Language code.
    pub lang: String,
    /// Page, section or asset.
    pub kind: FileKind,
    /// Set for a file mounted from outside `content/` (`mount:` in site.yaml).
    pub mount: Option<std::sync::Arc<Mounted>>,
    /// The temporary folder a version read from git was written into,
    /// removed when the last of its files is dropped.
    pub held: Option<std::sync::Arc<tempfile::TempDir>>,
}

/// What a mounted document needs to resolve its links.
#[derive(Debug)]
pub struct Mounted {
    /// The file, relative to the site folder, normalized (`../CONTRIBUTING.md`).
    pub source: String,
    /// Every mounted file (normalized source of every language) → content key.
    pub table: HashMap<String, String>,
    /// The forge repository, for links to other files.
    pub repo: Option<Repo>,
    /// Its files, shared by every mounted document (each target is looked up once).
    pub files: Option<Arc<RepoFiles>>,
    /// The site folder.
    pub root: PathBuf,
}

/// Why a link of a mounted file to a file of the repository has no forge URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ForgeMiss {
    /// There is no `repo:` in site.yaml, or the path leaves the repository.
    NoRepo,
    /// The repository has no such file: the help line to show.
    Missing(String),
}

pub fn folder_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(f, _)| f)
}

impl Mounted {
    /// A path relative to the site folder, simplified when it leaves the
    /// folder and comes back in (`../site/content/a.md` → `content/a.md`).
    pub fn site_relative(&self, real: &str) -> String {
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
    /// (relative to the site folder), `tree` for a folder, when the
    /// repository has it ([`RepoFiles`]).
    pub fn forge_url(&self, real: &str, fragment: Option<&str>) -> Result<String, ForgeMiss> {
        let (Some(_), Some(files)) = (&self.repo, &self.files) else { return Err(ForgeMiss::NoRepo) };
        let Some(in_repo) = files.from_site(real) else { return Err(ForgeMiss::NoRepo) };
        match files.entry(&in_repo) {
            Some(entry) => Ok(files.url(&in_repo, entry, fragment)),
            None => Err(ForgeMiss::Missing(files.missing_help(&in_repo))),
        }
    }
}
