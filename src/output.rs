//! Writes the site into a staging folder, then swaps it into place.
//!
//! A failed or interrupted build leaves the previous output untouched: files
//! go to `.<out>.staging-<pid>` beside the output folder, and only a complete
//! build takes the output's place. On Linux the two folders are exchanged in
//! one step (`renameat2(RENAME_EXCHANGE)`), so some complete output is in
//! place at every moment; elsewhere, or on file systems without the exchange,
//! the output is renamed aside and the staging folder renamed in, and a build
//! that starts after an interruption between the two renames puts the
//! previous output back.
//!
//! onramp replaces only what it wrote: every output it creates carries a
//! marker file ([`MARKER`]), and an existing output folder is replaced only
//! when it has the marker or is empty (or `--force` says so). An output folder
//! that is, contains or lies inside the site's sources, the repository, a
//! mounted file, the home folder or `/` is refused before anything is written
//! ([`check_output_dir`]). Leftover staging folders of killed builds are
//! removed by the next build, and only when they carry the marker.

use crate::diagnostics::Diagnostic;
pub use crate::sink::{LiveDir, MemorySink, Sink, confined};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// The marker file onramp writes into every output folder it creates.
pub const MARKER: &str = ".onramp-output";

const MARKER_TEXT: &str = "This folder was written by onramp, the static site generator.\n\
Every `onramp build` replaces it whole: files added here are deleted by the next build.\n\
onramp replaces or deletes a folder only when it holds this file.\n";

/// Folders of a site that hold sources.
const SOURCE_DIRS: &[&str] = &["content", "templates", "static", "data", "locales", "themes"];

const CHOOSE_ANOTHER: &str = "choose another folder with `--out`, e.g. `public` (`--force` does not override this)";

/// Checks the output folder before a build writes anything, and returns its
/// real path (symbolic links resolved), where the build is to be swapped in.
///
/// `mounted` are the files `mount:` publishes (paths as written, relative to
/// `root` or absolute). Refused whatever `force` says: an output that is or
/// contains the site folder, the home folder or `/`; that is, contains or
/// lies inside a source folder, a mounted file or the repository's git
/// folder (compared by real path); a path that exists and is not a folder.
/// An existing folder is then replaced only if it carries [`MARKER`], is
/// empty, or `force` is set.
pub fn check_output_dir(root: &Path, out: &Path, mounted: &[PathBuf], force: bool) -> Result<PathBuf, Diagnostic> {
    let root = real_path(root);
    let real = real_path(out);
    let named = absolute(out);
    let refuse =
        |why: String, help: &str| Err(Diagnostic::error(named.display().to_string(), 0, 0, why).with_help(help));
    if real.parent().is_none() {
        return refuse("the output folder is the file system's root".into(), CHOOSE_ANOTHER);
    }
    if let Some(home) = home_dir()
        && home.starts_with(&real)
    {
        return refuse(
            format!("the output folder is or contains your home folder `{}`", home.display()),
            CHOOSE_ANOTHER,
        );
    }
    if root.starts_with(&real) {
        return refuse(
            format!(
                "the output folder is or contains the site's sources (`{}`); building would delete them",
                root.display()
            ),
            CHOOSE_ANOTHER,
        );
    }
    for git in git_dirs(&root) {
        if real.starts_with(&git) || git.starts_with(&real) {
            return refuse(
                format!(
                    "the output folder is, contains or lies inside the repository's git folder `{}`",
                    git.display()
                ),
                CHOOSE_ANOTHER,
            );
        }
    }
    for dir in SOURCE_DIRS {
        for source in [root.join(dir), real_path(&root.join(dir))] {
            if real.starts_with(&source) {
                return refuse(format!("the output folder is inside the site's `{dir}/` folder"), CHOOSE_ANOTHER);
            }
            if source.starts_with(&real) {
                return refuse(
                    format!("the output folder contains the site's `{dir}/` folder (`{}`)", source.display()),
                    CHOOSE_ANOTHER,
                );
            }
        }
    }
    for file in mounted {
        let source = real_path(&if file.is_absolute() { file.clone() } else { root.join(file) });
        if real.starts_with(&source) || source.starts_with(&real) {
            return refuse(
                format!("the output folder is or contains the mounted file `{}`", source.display()),
                "choose another folder with `--out`, outside the files `mount:` publishes (`--force` does not override this)",
            );
        }
    }
    match std::fs::metadata(&real) {
        Ok(m) if !m.is_dir() => {
            return refuse("the output path exists and is not a folder".into(), CHOOSE_ANOTHER);
        }
        Err(e) if e.kind() != io::ErrorKind::NotFound => {
            return refuse(format!("cannot read the output folder: {e}"), CHOOSE_ANOTHER);
        }
        Err(_) if real.symlink_metadata().is_ok() => {
            return refuse("the output path is a symbolic link to nothing, not a folder".into(), CHOOSE_ANOTHER);
        }
        Err(_) => {}
        Ok(_) => {
            if !force && !is_marked(&real) && !is_empty_dir(&real) {
                return refuse(
                    format!(
                        "the output folder is not empty and was not written by onramp (it has no `{MARKER}` file); \
                         building would delete what it holds"
                    ),
                    &format!(
                        "delete the folder yourself if nothing in it is needed (if it is the output of an earlier \
                         onramp, delete it once: onramp marks its outputs with `{MARKER}` from now on), choose \
                         another folder with `--out`, or pass `--force` to replace it"
                    ),
                );
            }
        }
    }
    Ok(real)
}

/// `p` made absolute from the current folder, `.` and `..` removed
/// lexically (the path may not exist).
fn absolute(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
    let mut out = PathBuf::new();
    for c in abs.components() {
        push_component(&mut out, c);
    }
    out
}

fn push_component(out: &mut PathBuf, c: Component) {
    match c {
        Component::ParentDir => {
            out.pop();
        }
        Component::CurDir => {}
        other => out.push(other),
    }
}

/// The real path of `p`: its longest existing part with symbolic links
/// resolved, followed by the rest (which does not exist yet).
fn real_path(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
    let parts: Vec<Component> = abs.components().collect();
    for existing in (1..=parts.len()).rev() {
        let prefix: PathBuf = parts[..existing].iter().collect();
        if let Ok(mut real) = std::fs::canonicalize(&prefix) {
            for c in &parts[existing..] {
                push_component(&mut real, *c);
            }
            return real;
        }
    }
    absolute(p)
}

fn home_dir() -> Option<PathBuf> {
    let home = std::env::var_os(if cfg!(windows) { "USERPROFILE" } else { "HOME" })?;
    let home = PathBuf::from(home);
    (home.is_absolute() && home.parent().is_some()).then(|| real_path(&home))
}

/// The git folders of the repository holding `root`, found by walking up to
/// the first `.git` (a folder, or a file naming the folder in a worktree or
/// submodule): the `.git` entry, the folder it names, and that folder's
/// common folder (a worktree's main `.git`).
fn git_dirs(root: &Path) -> Vec<PathBuf> {
    let Some(top) = root.ancestors().find(|a| a.join(".git").symlink_metadata().is_ok()) else {
        return Vec::new();
    };
    let dot_git = top.join(".git");
    let mut dirs = vec![real_path(&dot_git)];
    if dot_git.is_file() {
        let text = std::fs::read_to_string(&dot_git).unwrap_or_default();
        if let Some(dir) = text.lines().find_map(|l| l.strip_prefix("gitdir:")).map(str::trim) {
            let dir = real_path(&top.join(dir));
            if let Ok(common) = std::fs::read_to_string(dir.join("commondir")) {
                dirs.push(real_path(&dir.join(common.trim())));
            }
            dirs.push(dir);
        }
    }
    dirs
}

/// Whether `dir` carries onramp's marker.
pub fn is_marked(dir: &Path) -> bool {
    dir.join(MARKER).symlink_metadata().is_ok_and(|m| m.is_file())
}

fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

/// Deletes an output folder of onramp's, the marker last, so that a folder
/// whose deletion is interrupted still carries it (and the next build
/// finishes the job).
fn remove_output(dir: &Path) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == MARKER {
            continue;
        }
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())?;
        } else {
            std::fs::remove_file(entry.path())?;
        }
    }
    match std::fs::remove_file(dir.join(MARKER)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    std::fs::remove_dir(dir)
}

/// The name of `out`'s last component, and the folder that holds it.
fn name_and_parent(out: &Path) -> (String, PathBuf) {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
    (name, parent)
}

/// Removes what interrupted builds left beside `out` (its real path):
/// `.<name>.staging-<pid>` and `.<name>.old-<pid>` folders of processes that
/// no longer run and that carry the marker. An unmarked one is never
/// emptied; it is removed only when it is already empty (a build killed
/// between creating its staging folder and writing the marker in it). When
/// `out` itself is missing because a build was stopped between the two
/// renames of the fallback swap, the previous output is put back first.
pub fn clean_leftovers(out: &Path) {
    let (name, parent) = name_and_parent(out);
    let Ok(entries) = std::fs::read_dir(&parent) else { return };
    let busy = in_progress().clone();
    let mut found: Vec<(bool, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let file = e.file_name().to_string_lossy().into_owned();
            let rest = file.strip_prefix('.')?.strip_prefix(name.as_str())?;
            let (old, pid) = match rest.strip_prefix(".staging-") {
                Some(pid) => (false, pid),
                None => (true, rest.strip_prefix(".old-")?),
            };
            let pid: u32 = pid.parse().ok().filter(|_| pid.bytes().all(|b| b.is_ascii_digit()))?;
            let path = e.path();
            let ours = !busy.contains(&path) && !process_runs(pid) && e.file_type().is_ok_and(|t| t.is_dir());
            ours.then_some((old, path))
        })
        .collect();
    // Older outputs first, so the one put back is the one renamed aside last.
    found.sort_by_key(|(old, path)| (!old, path.symlink_metadata().and_then(|m| m.modified()).ok()));
    if out.symlink_metadata().is_err()
        && let Some(at) = found.iter().rposition(|(old, path)| *old && is_marked(path))
        && std::fs::rename(&found[at].1, out).is_ok()
    {
        found.remove(at);
    }
    for (_, path) in found {
        let _ = if is_marked(&path) { remove_output(&path) } else { std::fs::remove_dir(&path) };
    }
}

/// Whether a process with this id runs (a process we cannot signal runs too;
/// where this cannot be known, every process is taken to run).
fn process_runs(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else { return true };
        // SAFETY: signal 0 only checks that the process exists.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// Folders a signal must remove before the process exits: the staging
/// folder of the build under way, then the previous output being deleted.
/// A swap holds the lock, so a signal never lands between its renames.
static IN_PROGRESS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn in_progress() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    IN_PROGRESS.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// On SIGINT and SIGTERM, removes the staging folder of the build under way
/// (the previous output stays) and exits with 128 + the signal's number.
pub fn remove_staging_on_signals() -> io::Result<()> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])?;
        std::thread::Builder::new().name("onramp-signals".into()).spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let dirs = in_progress();
                for dir in dirs.iter() {
                    remove_interrupted(dir);
                }
                std::process::exit(128 + signal);
            }
        })?;
    }
    Ok(())
}

/// Set when a signal stops the process: staging writes fail from then on.
static STOPPING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

#[cfg_attr(not(unix), allow(dead_code))]
/// Removes a folder that other threads may still be writing into. New
/// writes fail once `STOPPING` is set, and a write never creates the staging
/// folder itself, so a few passes remove what writes already under way add.
fn remove_interrupted(dir: &Path) {
    STOPPING.store(true, std::sync::atomic::Ordering::SeqCst);
    for _ in 0..5 {
        if remove_output(dir).is_ok() || dir.symlink_metadata().is_err() {
            break;
        }
    }
}

/// Test hook: `ONRAMP_TEST_PAUSE=<point>` stops the process at that point of
/// the swap (`before-swap`, `between-renames`, `after-swap`) for a test to
/// kill it there.
fn pause(point: &str) {
    if std::env::var("ONRAMP_TEST_PAUSE").is_ok_and(|p| p == point) {
        eprintln!("onramp: paused {point}");
        loop {
            std::thread::sleep(std::time::Duration::from_secs(60));
        }
    }
}

/// Writes `bytes` at `root/rel`, creating the folders of `rel` below
/// `root` but never `root` itself (a removed staging folder stays removed).
///
/// A page's folder is usually the only one missing, so the nearest folder
/// is created first and its parents only when that fails: a page costs a
/// failed open, one `mkdir` and the write, not a `mkdir` per segment of its
/// path (each a path walk in the kernel; tens of thousands of pages). A
/// page's own `…/index.html` creates its folder before the open, which
/// saves the failed open: the folder is nearly always new.
fn write_below(root: &Path, rel: &str, write: impl Fn(&Path) -> io::Result<()>) -> io::Result<()> {
    let rel = confined(rel)?;
    if STOPPING.load(std::sync::atomic::Ordering::Relaxed) {
        return Err(io::Error::new(io::ErrorKind::Interrupted, "the build was interrupted"));
    }
    let path = root.join(rel);
    if let Some(folder) = rel.strip_suffix("/index.html") {
        match std::fs::create_dir(root.join(folder)) {
            Ok(()) => return write(&path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return write(&path),
            // A parent is missing too: the general case below.
            Err(_) => {}
        }
    }
    match write(&path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let folders: Vec<&str> = rel.match_indices('/').map(|(i, _)| &rel[..i]).collect();
            // The deepest folder that could be created: its parent exists.
            let mut made = folders.len();
            while made > 0 {
                match std::fs::create_dir(root.join(folders[made - 1])) {
                    Ok(()) => break,
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => break,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => made -= 1,
                    Err(e) => return Err(e),
                }
            }
            // `root` itself missing: the write below reports it.
            if made > 0 {
                for folder in &folders[made..] {
                    match std::fs::create_dir(root.join(folder)) {
                        Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
                        _ => {}
                    }
                }
            }
            write(&path)
        }
        other => other,
    }
}

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        Staging::write(self, rel, bytes)
    }

    fn copy(&self, from: &Path, rel: &str) -> io::Result<()> {
        Staging::copy(self, from, rel)
    }

    fn exists(&self, rel: &str) -> Option<bool> {
        Some(confined(rel).is_ok_and(|rel| self.dir.join(rel).is_file()))
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
    /// Creates an empty staging folder, with the marker, beside `out` (the
    /// real path [`check_output_dir`] returned).
    pub fn new(out: &Path) -> io::Result<Staging> {
        let (name, parent) = name_and_parent(out);
        std::fs::create_dir_all(&parent)?;
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.symlink_metadata().is_ok() {
            if !is_marked(&dir) {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!("`{}` exists and was not written by onramp; move it away", dir.display()),
                ));
            }
            remove_output(&dir)?;
        }
        pause("before-staging");
        // Created, marked and registered under the registry's lock: a signal
        // that arrives meanwhile waits for the lock, then finds the folder
        // to remove (it was left behind when it came between the two).
        let mut registry = in_progress();
        std::fs::create_dir(&dir)?;
        registry.push(dir.clone());
        if let Err(e) = std::fs::write(dir.join(MARKER), MARKER_TEXT) {
            registry.retain(|d| d != &dir);
            let _ = remove_output(&dir);
            return Err(e);
        }
        drop(registry);
        Ok(Staging { dir, out: out.to_path_buf(), committed: false })
    }

    /// The staging folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes `bytes` at `rel` (a `/`-separated path) inside the staging folder.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        write_below(&self.dir, rel, |path| std::fs::write(path, bytes))
    }

    /// Copies a file into the staging folder.
    pub fn copy(&self, from: &Path, rel: &str) -> io::Result<()> {
        write_below(&self.dir, rel, |path| std::fs::copy(from, path).map(|_| ()))
    }

    /// Puts the staging folder in the output's place, then deletes the
    /// previous output.
    pub fn commit(mut self) -> io::Result<()> {
        pause("before-swap");
        let (name, parent) = name_and_parent(&self.out);
        let mut registry = in_progress();
        let previous = if self.out.symlink_metadata().is_err() {
            std::fs::rename(&self.dir, &self.out)?;
            None
        } else if std::env::var_os("ONRAMP_TEST_NO_EXCHANGE").is_none() && exchange(&self.dir, &self.out)? {
            // The previous output is now at the staging path.
            Some(self.dir.clone())
        } else {
            let old = parent.join(format!(".{name}.old-{}", std::process::id()));
            std::fs::rename(&self.out, &old)?;
            pause("between-renames");
            if let Err(e) = std::fs::rename(&self.dir, &self.out) {
                let _ = std::fs::rename(&old, &self.out);
                return Err(e);
            }
            Some(old)
        };
        self.committed = true;
        registry.retain(|d| d != &self.dir);
        if let Some(old) = &previous {
            registry.push(old.clone());
        }
        drop(registry);
        pause("after-swap");
        if let Some(old) = previous {
            // A previous output without the marker was replaced on `--force`; it goes too.
            let _ = if is_marked(&old) { remove_output(&old) } else { std::fs::remove_dir_all(&old) };
            in_progress().retain(|d| d != &old);
        }
        Ok(())
    }
}

/// Exchanges two folders in one step; `Ok(false)` when the system or the
/// file system cannot (the caller falls back to two renames).
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use std::os::unix::ffi::OsStrExt;
    let a = std::ffi::CString::new(a.as_os_str().as_bytes())?;
    let b = std::ffi::CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are NUL-terminated strings that outlive the call.
    let r = unsafe { libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE) };
    if r == 0 {
        return Ok(true);
    }
    let e = io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::EINVAL | libc::ENOSYS | libc::ENOTSUP) => Ok(false),
        _ => Err(e),
    }
}

#[cfg(not(all(target_os = "linux", any(target_env = "gnu", target_env = "musl"))))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let mut registry = in_progress();
            let _ = remove_output(&self.dir);
            registry.retain(|d| d != &self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_sources() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        let check = |out: &Path| check_output_dir(&root, out, &[], false);
        assert!(check(&root).is_err());
        assert!(check(tmp.path()).is_err());
        assert!(check(&root.join("content/out")).is_err());
        assert!(check(&root.join("static/out")).is_err());
        assert_eq!(check(&root.join("public")).unwrap(), real_path(&root).join("public"));
        assert!(check(&root.join("../out")).is_ok());
        assert!(check(Path::new("/")).is_err());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(tmp.path().join("nowhere"), tmp.path().join("dangling")).unwrap();
            assert!(check(&tmp.path().join("dangling")).is_err());
            std::os::unix::fs::symlink(&root, tmp.path().join("to-site")).unwrap();
            assert!(check(&tmp.path().join("to-site")).is_err());
            std::fs::create_dir(tmp.path().join("target")).unwrap();
            std::os::unix::fs::symlink(tmp.path().join("target"), tmp.path().join("link")).unwrap();
            assert_eq!(check(&tmp.path().join("link")).unwrap(), real_path(&tmp.path().join("target")));
        }
    }

    #[test]
    fn confined_paths_stay_inside_the_output() {
        for ok in ["index.html", "/docs/index.html", "//a/b.css", "docs/", "a..b/c.d", ".well-known/x"] {
            assert!(confined(ok).is_ok(), "{ok}");
        }
        // A colon is a drive only on Windows.
        assert_eq!(confined("x:y/index.html").is_ok(), !cfg!(windows));
        assert_eq!(confined("/docs/index.html").unwrap(), "docs/index.html");
        for bad in ["", "/", "../x", "a/../../x", "a/./b", ".", "a//b", "a\\b", "..\\x", "a\0b", "docs/.."] {
            let e = confined(bad).unwrap_err();
            assert_eq!(e.kind(), io::ErrorKind::InvalidInput, "{bad}");
            assert!(e.to_string().starts_with(&format!("refusing to write `{}`", bad.escape_debug())), "{e}");
        }
        if cfg!(windows) {
            assert!(confined("C:/x").is_err() && confined("c:x").is_err());
        }
    }

    #[test]
    fn sinks_refuse_paths_that_leave_the_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let staging = Staging::new(&out).unwrap();
        let live = LiveDir(tmp.path().join("live"));
        let memory = MemorySink::default();
        let sinks: [&dyn Sink; 3] = [&staging, &live, &memory];
        for sink in sinks {
            for bad in ["../escape.html", "a/../../escape.html", "/../escape.html", "a\\..\\escape.html"] {
                let e = sink.write(bad, b"x").unwrap_err();
                assert!(e.to_string().contains(&format!("`{}`", bad.escape_debug())), "{e}");
            }
        }
        assert!(staging.copy(Path::new("Cargo.toml"), "../escape.toml").is_err());
        assert!(memory.0.lock().unwrap().is_empty());
        let names: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
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
        s.write("a/b/index.html", b"new").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a/b/index.html")).unwrap(), "new");
        assert!(is_marked(&out));
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_removed_staging_folder_is_not_created_again() {
        let tmp = tempfile::tempdir().unwrap();
        let s = Staging::new(&tmp.path().join("public")).unwrap();
        remove_output(s.dir()).unwrap();
        assert!(s.write("a/index.html", b"x").is_err());
        assert!(s.write("a/b/c/index.html", b"x").is_err());
        assert!(!s.dir().exists());
    }

    #[test]
    fn folders_are_made_at_any_depth_and_files_in_the_way_are_errors() {
        let tmp = tempfile::tempdir().unwrap();
        let s = Staging::new(&tmp.path().join("public")).unwrap();
        for (rel, text) in [
            ("a/b/c/index.html", "1"),
            ("a/b/d/index.html", "2"),
            ("a/x.html", "3"),
            ("e/index.html", "4"),
            ("a/b/index.html", "6"),
        ] {
            s.write(rel, text.as_bytes()).unwrap();
            assert_eq!(std::fs::read_to_string(s.dir().join(rel)).unwrap(), text, "{rel}");
        }
        s.write("a/x.html/y/index.html", b"5").unwrap_err();
        assert!(s.dir().join("a/x.html").is_file());
    }
}
