//! Where rendered files go: the [`Sink`] every stage that writes is given.
//! A build writes into the staging folder (`output::Staging`), the dev
//! server into the live folder ([`LiveDir`]) or into memory first
//! ([`MemorySink`]), `onramp check` into a sink that keeps what it checks.
//! Every sink refuses a path that would leave the output folder
//! ([`confined`]), whatever the stage above computed.

use std::io;
use std::path::{Path, PathBuf};

/// Checks that `rel`, a `/`-separated path a [`Sink`] is asked to write,
/// stays inside the output folder: no `.` or `..` segment, no empty segment
/// (but a trailing one), no backslash, NUL or drive. Leading `/` are
/// dropped. Returns the path without them.
pub fn confined(rel: &str) -> io::Result<&str> {
    let trimmed = rel.trim_start_matches('/');
    let refuse = |why: &str| {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "refusing to write `{}`: {why}; output paths must stay inside the output folder",
                rel.escape_debug()
            ),
        ))
    };
    if trimmed.is_empty() {
        return refuse("the path is empty");
    }
    if trimmed.contains('\0') {
        return refuse("the path contains a NUL character");
    }
    if trimmed.contains('\\') {
        return refuse("the path contains a backslash");
    }
    let bytes = trimmed.as_bytes();
    // `C:x` is a drive on Windows; elsewhere `x:y` is an ordinary name (a page `content/x:y.md`).
    let drive = cfg!(windows) && bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if drive || Path::new(trimmed).has_root() {
        return refuse("the path is absolute");
    }
    // Leading `/` are gone, so `//` is the only way to an empty segment but a trailing one.
    if trimmed.contains("//") {
        return refuse("the path has an empty segment");
    }
    if let Some(segment) = trimmed.split('/').find(|s| *s == "." || *s == "..") {
        return refuse(&format!("the path has a `{segment}` segment"));
    }
    Ok(trimmed)
}

/// Where rendered files go: a staging folder during a build, the live
/// folder for the dev server's incremental updates.
pub trait Sink: Sync {
    /// Writes `bytes` at `rel`, a `/`-separated path under the output root;
    /// a path that would leave it ([`confined`]) is an error.
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()>;

    /// Whether a file was written at `rel`, when the sink can tell (site-root
    /// links are judged by what was written).
    fn exists(&self, _rel: &str) -> Option<bool> {
        None
    }

    /// Copies the file at `from` to `rel` (by default, read and written).
    fn copy(&self, from: &Path, rel: &str) -> io::Result<()> {
        let bytes = std::fs::read(from)?;
        self.write(rel, &bytes)
    }
}

/// An existing output folder updated in place, each file replaced
/// atomically (written beside, then renamed), so a reader never sees half a file.
#[derive(Debug)]
pub struct LiveDir(pub PathBuf);

impl Sink for LiveDir {
    fn exists(&self, rel: &str) -> Option<bool> {
        Some(confined(rel).is_ok_and(|rel| self.0.join(rel).is_file()))
    }

    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let rel = confined(rel)?;
        let path = self.0.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let tmp = path.with_extension(format!("onramp-tmp-{}", std::process::id()));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, &path)
    }
}

/// A sink that keeps only the names of the files it is given: a build that
/// has already found errors still renders every page, for the errors only
/// rendering finds (broken links, templates, site-root links to files it
/// does not write), but writes nothing it would throw away.
#[derive(Debug, Default)]
pub struct Discard(std::sync::Mutex<std::collections::HashSet<String>>);

impl Discard {
    fn keep(&self, rel: &str) -> io::Result<()> {
        let rel = confined(rel)?;
        self.0.lock().map_err(|_| io::Error::other("poisoned"))?.insert(rel.to_string());
        Ok(())
    }
}

impl Sink for Discard {
    fn write(&self, rel: &str, _bytes: &[u8]) -> io::Result<()> {
        self.keep(rel)
    }

    fn copy(&self, _from: &Path, rel: &str) -> io::Result<()> {
        self.keep(rel)
    }

    fn exists(&self, rel: &str) -> Option<bool> {
        Some(self.0.lock().ok()?.contains(rel.trim_start_matches('/')))
    }
}

/// Files kept in memory, to be written only if a whole update succeeds.
#[derive(Debug, Default)]
pub struct MemorySink(pub std::sync::Mutex<Vec<(String, Vec<u8>)>>);

impl Sink for MemorySink {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        confined(rel)?;
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
