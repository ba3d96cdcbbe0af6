//! Writes the site into a staging folder, then swaps it into place.
//!
//! A failed or interrupted build leaves the previous output untouched: files
//! go to `<out>.staging-<pid>` beside the output folder, and only a complete
//! build is renamed over it. An output folder that is, or contains, the
//! site's sources is refused before anything is written.

use crate::diagnostics::Diagnostic;
use std::io;
use std::path::{Path, PathBuf};

/// Folders of a site that hold sources.
const SOURCE_DIRS: &[&str] = &["content", "templates", "static", "data", "locales", "themes"];

/// Refuses an output folder that would overwrite or nest inside sources.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let out = absolute(out);
    let refuse = |why: String| {
        Err(Diagnostic::error(out.display().to_string(), 0, 0, why)
            .with_help("choose another folder with `--out`, e.g. `public`"))
    };
    if root.starts_with(&out) {
        return refuse("the output folder is or contains the site's sources; building would delete them".into());
    }
    for dir in SOURCE_DIRS {
        if out.starts_with(root.join(dir)) {
            return refuse(format!("the output folder is inside the site's `{dir}/` folder"));
        }
    }
    Ok(())
}

fn absolute(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
    // Normalize `.` and `..` without touching the file system (the folder may not exist yet).
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    std::fs::canonicalize(&out).unwrap_or(out)
}

/// Where rendered files go: a staging folder during a build, the live
/// folder for the dev server's incremental updates.
pub trait Sink: Sync {
    /// Writes `bytes` at `rel`, a `/`-separated path under the output root.
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()>;
}

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        Staging::write(self, rel, bytes)
    }
}

/// An existing output folder updated in place, each file replaced
/// atomically (written beside, then renamed), so a reader never sees half a file.
#[derive(Debug)]
pub struct LiveDir(pub PathBuf);

impl Sink for LiveDir {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.0.join(rel.trim_start_matches('/'));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let tmp = path.with_extension(format!("onramp-tmp-{}", std::process::id()));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, &path)
    }
}

/// Files kept in memory, to be written only if a whole update succeeds.
#[derive(Debug, Default)]
pub struct MemorySink(pub std::sync::Mutex<Vec<(String, Vec<u8>)>>);

impl Sink for MemorySink {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.0.lock().map_err(|_| io::Error::other("poisoned"))?.push((rel.to_string(), bytes.to_vec()));
        Ok(())
    }
}

impl MemorySink {
    /// Writes every kept file into `sink`.
    pub fn flush_into(self, sink: &dyn Sink) -> io::Result<usize> {
        let files = self.0.into_inner().map_err(|_| io::Error::other("poisoned"))?;
        for (rel, bytes) in &files {
            sink.write(rel, bytes)?;
        }
        Ok(files.len())
    }
}

/// A folder being filled, swapped in by [`Staging::commit`].
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates an empty staging folder beside `out`.
    pub fn new(out: &Path) -> io::Result<Staging> {
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        Ok(Staging { dir, out: out.to_path_buf(), committed: false })
    }

    /// The staging folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes `bytes` at `rel` (a `/`-separated path) inside the staging folder.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.dir.join(rel.trim_start_matches('/'));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)
    }

    /// Copies a file into the staging folder.
    pub fn copy(&self, from: &Path, rel: &str) -> io::Result<()> {
        let path = self.dir.join(rel.trim_start_matches('/'));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(from, path).map(|_| ())
    }

    /// Replaces the output folder with the staging folder.
    pub fn commit(mut self) -> io::Result<()> {
        let old = self.out.with_file_name(format!(
            ".{}.old-{}",
            self.out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            std::process::id()
        ));
        let had_old = self.out.exists();
        if had_old {
            std::fs::rename(&self.out, &old)?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.out) {
            if had_old {
                let _ = std::fs::rename(&old, &self.out);
            }
            return Err(e);
        }
        self.committed = true;
        if had_old {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_sources() {
        let root = Path::new("/tmp/site");
        assert!(check_output_dir(root, Path::new("/tmp/site")).is_err());
        assert!(check_output_dir(root, Path::new("/tmp")).is_err());
        assert!(check_output_dir(root, Path::new("/tmp/site/content/out")).is_err());
        assert!(check_output_dir(root, Path::new("/tmp/site/public")).is_ok());
        assert!(check_output_dir(root, Path::new("/tmp/site/../out")).is_ok());
    }

    #[test]
    fn dropped_staging_leaves_output_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("index.html"), "old").unwrap();
        {
            let s = Staging::new(&out).unwrap();
            s.write("index.html", b"new").unwrap();
        }
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "old");
        let s = Staging::new(&out).unwrap();
        s.write("index.html", b"new").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "new");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
