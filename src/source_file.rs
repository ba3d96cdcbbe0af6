//! The one way onramp opens a source file (site.yaml, markdown, data,
//! `.ftl`, templates, static files).
//!
//! Before anything is opened, the path is resolved through its links and
//! must be a regular file: a named pipe would block the build forever and a
//! link to `/dev/zero` would read until memory runs out. The resolved path
//! must stay inside the site folder (a link to `/etc/passwd` is refused, so
//! its text never reaches a message), except for the files `mount:` in
//! site.yaml publishes from outside it, which the caller allows
//! ([`Place::Mounted`]). Text sources are read up to [`MAX_TEXT_BYTES`];
//! static files are copied, never read whole, and have no size limit.
//! Errors are diagnostics at the file's path, without its contents.

use crate::diagnostics::Diagnostic;
use std::fs::Metadata;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest text source (markdown, YAML, Fluent, template) onramp reads:
/// 16 MiB, a thousand times a long page.
pub const MAX_TEXT_BYTES: u64 = 16 * 1024 * 1024;

/// Where a source may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place<'a> {
    /// Inside this site folder.
    Site(&'a Path),
    /// Anywhere: a file `mount:` in site.yaml names explicitly.
    Mounted,
}

/// A source that passed the checks.
#[derive(Debug)]
pub struct Checked {
    /// The path with every link resolved.
    pub real: PathBuf,
    /// Size in bytes.
    pub len: u64,
}

/// Checks that `path` is a regular file (after links) in `place`, without
/// opening it. `display` names the file in the error.
pub fn check(path: &Path, display: &Path, place: Place<'_>) -> Result<Checked, Diagnostic> {
    let err = |msg: String, help: &str| Diagnostic::error(display, 0, 0, msg).with_help(help);
    let meta = std::fs::metadata(path).map_err(|e| {
        let dangling = e.kind() == std::io::ErrorKind::NotFound && std::fs::symlink_metadata(path).is_ok();
        match std::fs::read_link(path) {
            Ok(target) if dangling => {
                err(format!("is a link to `{}`, which does not exist", target.display()), "fix or remove the link")
            }
            _ => err(format!("cannot read: {}", io_reason(&e)), READ_HELP),
        }
    })?;
    let linked = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let real = if linked { std::fs::canonicalize(path) } else { real_path(path) }
        .map_err(|e| err(format!("cannot read: {}", io_reason(&e)), READ_HELP))?;
    if !meta.is_file() {
        let what = kind_of(&meta);
        let msg = if linked {
            format!("is a link to `{}`, {what}, not a regular file", real.display())
        } else {
            format!("is {what}, not a regular file")
        };
        return Err(err(msg, "onramp reads only regular files here; remove it or replace it with a file"));
    }
    if let Place::Site(root) = place {
        if !real.starts_with(real_root(root)) {
            return Err(err(
                format!("is a link to `{}`, outside the site folder", real.display()),
                "onramp reads sources only from inside the site folder; copy the file in, or publish a markdown file from elsewhere with `mount:` in site.yaml",
            ));
        }
    }
    Ok(Checked { real, len: meta.len() })
}

/// `root` with its links resolved.
fn real_root(root: &Path) -> PathBuf {
    real_dir(root).unwrap_or_else(|_| root.to_path_buf())
}

/// The resolved path of `path`, which is not a link itself: its folder,
/// resolved, and its name.
fn real_path(path: &Path) -> std::io::Result<PathBuf> {
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) if !dir.as_os_str().is_empty() => Ok(real_dir(dir)?.join(name)),
        _ => std::fs::canonicalize(path),
    }
}

/// A folder with its links resolved. Resolving costs a system call per
/// path component, and a build reads thousands of files from a few hundred
/// folders, so the answer is remembered per thread; it is used again only
/// while the path still leads to the same folder (device and inode), so a
/// folder replaced by a link is resolved anew.
fn real_dir(dir: &Path) -> std::io::Result<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        type Cache = std::collections::HashMap<PathBuf, ((u64, u64), PathBuf)>;
        thread_local! {
            static CACHE: std::cell::RefCell<Cache> = std::cell::RefCell::new(Cache::new());
        }
        let meta = std::fs::metadata(dir)?;
        let id = (meta.dev(), meta.ino());
        if let Some(real) = CACHE.with(|c| c.borrow().get(dir).filter(|(i, _)| *i == id).map(|(_, r)| r.clone())) {
            return Ok(real);
        }
        let real = std::fs::canonicalize(dir)?;
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if c.len() > 4096 {
                c.clear();
            }
            c.insert(dir.to_path_buf(), (id, real.clone()));
        });
        Ok(real)
    }
    #[cfg(not(unix))]
    std::fs::canonicalize(dir)
}

/// Reads a text source: checked, at most [`MAX_TEXT_BYTES`], UTF-8 (an
/// error at the first invalid byte's `line:col` otherwise).
pub fn read_text(path: &Path, display: &Path, place: Place<'_>) -> Result<String, Diagnostic> {
    let bytes = read_bytes(path, display, place)?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or("");
        let line = valid.matches('\n').count() + 1;
        let col = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Diagnostic::error(display, line, col, "file is not valid UTF-8").with_help("save the file with UTF-8 encoding")
    })
}

/// [`read_text`] of `root/rel` inside the site, for callers that report
/// an `io::Error` themselves: the error's text is the diagnostic's message.
pub fn read_in_site(root: &Path, rel: &Path) -> std::io::Result<String> {
    read_text(&root.join(rel), rel, Place::Site(root)).map_err(|d| std::io::Error::other(d.message))
}

/// Reads a text source as bytes: checked, at most [`MAX_TEXT_BYTES`].
pub fn read_bytes(path: &Path, display: &Path, place: Place<'_>) -> Result<Vec<u8>, Diagnostic> {
    let checked = check(path, display, place)?;
    let too_large = || {
        Diagnostic::error(
            display,
            0,
            0,
            format!("file is larger than {} MiB, the limit for a text source", MAX_TEXT_BYTES >> 20),
        )
        .with_help("split it into smaller files")
    };
    if checked.len > MAX_TEXT_BYTES {
        return Err(too_large());
    }
    let cannot = |e: std::io::Error| {
        Diagnostic::error(display, 0, 0, format!("cannot read: {}", io_reason(&e))).with_help(READ_HELP)
    };
    let file = std::fs::File::open(&checked.real).map_err(cannot)?;
    let mut bytes = Vec::with_capacity(checked.len as usize);
    // The file may have grown since `check`.
    file.take(MAX_TEXT_BYTES + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Checks a file that will be copied (a static file, a content asset):
/// checked like a text source, without size limit, and opened once so that
/// an unreadable file is reported before anything is written.
pub fn check_copyable(path: &Path, display: &Path, place: Place<'_>) -> Result<Checked, Diagnostic> {
    let checked = check(path, display, place)?;
    std::fs::File::open(&checked.real).map_err(|e| {
        Diagnostic::error(display, 0, 0, format!("cannot read: {}", io_reason(&e))).with_help(READ_HELP)
    })?;
    Ok(checked)
}

const READ_HELP: &str = "check that the file exists and that you may read it";

/// "a folder", "a named pipe (FIFO)"… for a file that is not a regular file.
pub fn kind_of(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
    }
    "a special file"
}

/// The OS error without the "(os error 13)" suffix.
pub fn io_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(at) => s[..at].to_string(),
        None => s,
    }
}

/// The path relative to the site root, for messages.
pub fn display_path(root: &Path, p: &Path) -> PathBuf {
    p.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| p.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_files_are_refused_without_opening() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let d = check(Path::new("/dev/zero"), Path::new("z"), Place::Mounted).unwrap_err();
        assert_eq!(d.to_string().lines().next().unwrap(), "z: error: is a character device, not a regular file");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/etc/passwd", root.join("h")).unwrap();
            let d = read_text(&root.join("h"), Path::new("h"), Place::Site(root)).unwrap_err();
            let real = std::fs::canonicalize("/etc/passwd").unwrap();
            assert_eq!(d.message, format!("is a link to `{}`, outside the site folder", real.display()));
        }
        std::fs::write(root.join("a.txt"), "text").unwrap();
        assert_eq!(read_text(&root.join("a.txt"), Path::new("a.txt"), Place::Site(root)).unwrap(), "text");
        let d = read_text(root, Path::new("dir"), Place::Site(root)).unwrap_err();
        assert_eq!(d.message, "is a folder, not a regular file");
    }
}
