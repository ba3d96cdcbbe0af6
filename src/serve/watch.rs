//! Watching the site's sources with notify: batches of changed paths, with
//! editor temp and swap files ignored. `--poll` uses notify's polling
//! watcher, for WSL and network drives where file events do not arrive.
//!
//! A batch is handed over once saves have paused. How long the pause must
//! be depends on what the events tell: with inotify a write ends with a
//! close event, so a batch whose files are all written, closed and still
//! there waits only [`SETTLED`] for companion saves. A file still open for
//! writing, a deleted or renamed file (an editor may be about to put it back),
//! a second save of the same file within the batch (a burst), and every batch
//! of the polling watcher or of platforms without close events wait
//! [`QUIET`]. A file created and gone again within one batch (an editor's
//! temporary copy) is left out. A watched folder that appears while the
//! server runs (`templates/`, say) is watched from then on.
//!
//! The polling watcher is onramp's own ([`poll`]): notify's `PollWatcher`
//! compares modification times in whole seconds, so a second save within
//! the same second went unseen, and its option to compare contents reads
//! every file on every pass. This one compares the modification time in
//! full and the size, and, for files modified in the last few seconds only,
//! a hash of the content, so a save is seen even when the time and size are
//! unchanged (file systems that keep whole seconds).

use notify::event::{AccessKind, AccessMode, CreateKind, EventKind, ModifyKind};
use notify::{RecursiveMode, Watcher};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// Folders and files of a site whose changes matter.
const WATCHED: &[&str] = &["content", "templates", "themes", "static", "locales", "data", "site.yaml"];

/// How long the watcher waits for quiet before handing over a batch whose
/// writes may not be complete.
pub const QUIET: Duration = Duration::from_millis(25);
/// How long it waits for companion saves once every write is complete.
pub const SETTLED: Duration = Duration::from_millis(10);
/// The longest a batch may keep growing under a stream of saves.
const MAX_WAIT: Duration = Duration::from_millis(1000);
/// How often `--poll` looks at the files.
const POLL_INTERVAL: Duration = Duration::from_millis(300);

/// A running watcher and the channel of its events.
pub struct SiteWatcher {
    watcher: Mutex<Box<dyn Watcher + Send>>,
    rx: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
    /// Files outside the watched folders whose changes matter (mounted or
    /// included files), and the folders watched for them.
    extra: Mutex<(HashSet<PathBuf>, HashSet<PathBuf>)>,
    /// Folders outside the watched ones watched with all they hold (the
    /// folders older versions are read from).
    trees: Mutex<Vec<PathBuf>>,
    poll: bool,
}

/// A batch being collected.
#[derive(Default)]
struct Batch {
    paths: BTreeSet<PathBuf>,
    /// Files written to and not closed yet.
    open: HashSet<PathBuf>,
    /// Completed writes (close events) per file.
    closed: HashMap<PathBuf, u32>,
    /// Files whose first event in this batch was their creation.
    created: HashSet<PathBuf>,
}

impl Batch {
    /// Every write is complete, each file was saved once, and every path
    /// still exists.
    fn settled(&self) -> bool {
        self.open.is_empty() && self.closed.values().all(|&n| n <= 1) && self.paths.iter().all(|p| p.exists())
    }

    /// The changed paths, without files that came and went within the batch.
    fn finish(mut self) -> BTreeSet<PathBuf> {
        let transient: Vec<PathBuf> = self.created.into_iter().filter(|p| !p.exists()).collect();
        for p in transient {
            self.paths.remove(&p);
        }
        self.paths
    }
}

impl SiteWatcher {
    /// Watches `root` (and `extra` files outside it, such as mounted files).
    pub fn new(root: &Path, extra: &[PathBuf], poll: bool) -> notify::Result<SiteWatcher> {
        let (tx, rx) = channel();
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let extra: Vec<PathBuf> =
            extra.iter().map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())).collect();
        let mut watcher: Box<dyn Watcher + Send> = if poll {
            let (root, extra) = (root.clone(), extra.clone());
            let first = poll::snapshot(&root, &extra);
            std::thread::spawn(move || poll::run(&root, &extra, first, &tx, POLL_INTERVAL));
            Box::new(notify::NullWatcher)
        } else {
            Box::new(notify::recommended_watcher(tx)?)
        };
        for name in WATCHED {
            let p = root.join(name);
            if p.exists() {
                let mode = if p.is_dir() { RecursiveMode::Recursive } else { RecursiveMode::NonRecursive };
                watcher.watch(&p, mode)?;
            }
        }
        // Watch the root itself (not recursively) to see watched folders appear.
        watcher.watch(&root, RecursiveMode::NonRecursive)?;
        // A file's folder, not the file: an editor that saves by renaming a
        // new file over the old one would end a watch on the file itself.
        for dir in extra.iter().filter_map(|p| p.parent()).collect::<BTreeSet<_>>() {
            if dir.is_dir() && dir != root {
                watcher.watch(dir, RecursiveMode::NonRecursive)?;
            }
        }
        let extra = Mutex::new((extra.iter().cloned().collect(), HashSet::new()));
        Ok(SiteWatcher { watcher: Mutex::new(watcher), rx, root, extra, trees: Mutex::new(Vec::new()), poll })
    }

    /// Watches `files` too (real paths: the files pages include), when they
    /// are outside the watched folders. Each file's folder is watched, not
    /// the file, so that an editor that saves by replacing the file is seen.
    pub fn watch_files<'p>(&self, files: impl IntoIterator<Item = &'p PathBuf>) {
        let (Ok(mut extra), Ok(mut watcher)) = (self.extra.lock(), self.watcher.lock()) else { return };
        let (known, folders) = &mut *extra;
        for file in files {
            if known.contains(file) || self.in_watched_folder(file) {
                continue;
            }
            known.insert(file.clone());
            if let Some(folder) = file.parent().filter(|f| !folders.contains(*f)) {
                if watcher.watch(folder, RecursiveMode::NonRecursive).is_ok() {
                    folders.insert(folder.to_path_buf());
                }
            }
        }
    }

    /// Watches `folders` too, with everything under them (the folders
    /// older versions are read from), when they are outside the watched
    /// folders.
    pub fn watch_folders(&self, folders: &[PathBuf]) {
        let (Ok(mut trees), Ok(mut watcher)) = (self.trees.lock(), self.watcher.lock()) else { return };
        for folder in folders {
            let folder = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.clone());
            if trees.contains(&folder) || self.in_watched_folder(&folder) || !folder.is_dir() {
                continue;
            }
            if watcher.watch(&folder, RecursiveMode::Recursive).is_ok() {
                trees.push(folder);
            }
        }
    }

    fn in_watched_folder(&self, p: &Path) -> bool {
        let Ok(rel) = p.strip_prefix(&self.root) else { return false };
        let top = rel.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned()).unwrap_or_default();
        WATCHED.contains(&top.as_str())
    }

    /// Blocks until something relevant changed, then returns the batch of
    /// changed paths once saves have paused (see the module docs). `None`
    /// when the watcher stopped.
    pub fn next_batch(&self) -> Option<BTreeSet<PathBuf>> {
        let mut batch = Batch::default();
        loop {
            let event = self.rx.recv().ok()?;
            self.collect(event, &mut batch);
            if !batch.paths.is_empty() {
                break;
            }
        }
        let started = Instant::now();
        while started.elapsed() < MAX_WAIT {
            let wait = if !self.poll && batch.settled() { SETTLED } else { QUIET };
            match self.rx.recv_timeout(wait) {
                Ok(event) => self.collect(event, &mut batch),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        Some(batch.finish())
    }

    fn collect(&self, event: notify::Result<notify::Event>, batch: &mut Batch) {
        let Ok(event) = event else { return };
        for p in event.paths {
            if !self.relevant(&p) {
                continue;
            }
            match event.kind {
                EventKind::Access(AccessKind::Close(AccessMode::Write)) => {
                    if batch.open.remove(&p) || batch.paths.contains(&p) {
                        *batch.closed.entry(p).or_default() += 1;
                    }
                }
                EventKind::Access(_) => {}
                kind => {
                    if matches!(kind, EventKind::Create(_)) && !batch.paths.contains(&p) {
                        batch.created.insert(p.clone());
                    }
                    if matches!(kind, EventKind::Create(CreateKind::File) | EventKind::Modify(ModifyKind::Data(_))) {
                        batch.open.insert(p.clone());
                    }
                    if matches!(kind, EventKind::Create(_) | EventKind::Modify(ModifyKind::Name(_))) {
                        self.watch_new_folder(&p);
                    }
                    batch.paths.insert(p);
                }
            }
        }
    }

    /// Starts watching a top-level watched folder that appeared (created, or
    /// moved in). Files written into it before the watch starts are covered
    /// by the full build that the folder's own event causes.
    fn watch_new_folder(&self, p: &Path) {
        if p.parent() != Some(self.root.as_path()) || !p.is_dir() {
            return;
        }
        if let Ok(mut watcher) = self.watcher.lock() {
            let _ = watcher.watch(p, RecursiveMode::Recursive);
        }
    }

    fn relevant(&self, p: &Path) -> bool {
        if self.extra.lock().is_ok_and(|e| e.0.contains(p)) {
            return true;
        }
        if self.trees.lock().is_ok_and(|t| t.iter().any(|f| p.starts_with(f))) {
            return !is_temp_file(p);
        }
        self.in_watched_folder(p) && !is_temp_file(p)
    }
}

/// The polling watcher of `--poll`.
mod poll {
    use super::WATCHED;
    use notify::event::{CreateKind, DataChange, EventKind, ModifyKind, RemoveKind};
    use std::collections::HashMap;
    use std::hash::Hasher;
    use std::path::{Path, PathBuf};
    use std::sync::mpsc::Sender;
    use std::time::{Duration, SystemTime};

    /// Files modified this recently also have their content compared: a
    /// file system that keeps whole seconds shows two saves within one
    /// second with the same time (and often the same size).
    const RECENT: Duration = Duration::from_secs(10);

    /// What is compared of a file between two passes.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Stamp {
        modified: Option<SystemTime>,
        len: u64,
        /// The content's hash, for recently modified files.
        hash: Option<u64>,
    }

    impl Stamp {
        fn changed_from(&self, old: &Stamp) -> bool {
            self.modified != old.modified
                || self.len != old.len
                || matches!((self.hash, old.hash), (Some(a), Some(b)) if a != b)
        }
    }

    /// Every file of the watched folders of `root`, and `extra` files.
    pub fn snapshot(root: &Path, extra: &[PathBuf]) -> HashMap<PathBuf, Stamp> {
        let now = SystemTime::now();
        let files = WATCHED
            .iter()
            .flat_map(|name| walkdir::WalkDir::new(root.join(name)).into_iter().filter_map(Result::ok))
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .chain(extra.iter().filter(|p| p.is_file()).cloned());
        files.filter_map(|p| Some((stamp(&p, now)?, p))).map(|(s, p)| (p, s)).collect()
    }

    fn stamp(p: &Path, now: SystemTime) -> Option<Stamp> {
        let meta = std::fs::metadata(p).ok()?;
        let modified = meta.modified().ok();
        let recent = modified.is_none_or(|m| now.duration_since(m).map_or(true, |age| age < RECENT));
        let hash = recent.then(|| content_hash(p)).flatten();
        Some(Stamp { modified, len: meta.len(), hash })
    }

    fn content_hash(p: &Path) -> Option<u64> {
        let bytes = std::fs::read(p).ok()?;
        let mut h = std::hash::DefaultHasher::new();
        h.write(&bytes);
        Some(h.finish())
    }

    /// Compares the files every `interval` and sends an event per changed,
    /// created or removed file, until the receiver is gone.
    pub fn run(
        root: &Path,
        extra: &[PathBuf],
        mut before: HashMap<PathBuf, Stamp>,
        tx: &Sender<notify::Result<notify::Event>>,
        interval: Duration,
    ) {
        loop {
            std::thread::sleep(interval);
            let now = snapshot(root, extra);
            for (kind, p) in changes(&before, &now) {
                if tx.send(Ok(notify::Event::new(kind).add_path(p))).is_err() {
                    return;
                }
            }
            before = now;
        }
    }

    /// The events that turn `before` into `now`.
    pub fn changes(before: &HashMap<PathBuf, Stamp>, now: &HashMap<PathBuf, Stamp>) -> Vec<(EventKind, PathBuf)> {
        let mut out = Vec::new();
        for (p, stamp) in now {
            match before.get(p) {
                None => out.push((EventKind::Create(CreateKind::File), p.clone())),
                Some(old) if stamp.changed_from(old) => {
                    out.push((EventKind::Modify(ModifyKind::Data(DataChange::Any)), p.clone()))
                }
                Some(_) => {}
            }
        }
        for p in before.keys().filter(|p| !now.contains_key(*p)) {
            out.push((EventKind::Remove(RemoveKind::File), p.clone()));
        }
        out.sort_by(|a, b| a.1.cmp(&b.1));
        out
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_save_with_the_same_time_and_size_is_a_change() {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path();
            std::fs::create_dir(root.join("templates")).unwrap();
            let file = root.join("templates/docs.html");
            std::fs::write(&file, "first").unwrap();
            let when = SystemTime::now();
            std::fs::File::options().write(true).open(&file).unwrap().set_modified(when).unwrap();
            let before = snapshot(root, &[]);
            std::fs::write(&file, "again").unwrap();
            std::fs::File::options().write(true).open(&file).unwrap().set_modified(when).unwrap();
            let now = snapshot(root, &[]);
            assert_eq!(changes(&before, &now), [(EventKind::Modify(ModifyKind::Data(DataChange::Any)), file.clone())]);
            assert!(changes(&now, &snapshot(root, &[])).is_empty(), "no change, no event");
            std::fs::remove_file(&file).unwrap();
            assert_eq!(changes(&now, &snapshot(root, &[])), [(EventKind::Remove(RemoveKind::File), file)]);
        }
    }
}

/// Editor temp, swap and backup files, which never change the site.
pub fn is_temp_file(p: &Path) -> bool {
    let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with('~')
        || name == "4913"
        || [".swp", ".swx", ".swo", ".tmp", ".bak", ".crdownload", "___jb_tmp___", "___jb_old___"]
            .iter()
            .any(|s| name.ends_with(s))
        || name.starts_with(".goutputstream")
        || name.contains(".onramp-tmp-")
        || name == ".DS_Store"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_files_are_ignored() {
        for name in [".#page.md", "#page.md#", "page.md~", "4913", ".page.md.swp", "x.tmp", "page.md___jb_tmp___"] {
            assert!(is_temp_file(Path::new(name)), "{name}");
        }
        for name in ["page.md", "style.css", "ui.ftl"] {
            assert!(!is_temp_file(Path::new(name)), "{name}");
        }
    }
}
