//! Watching the site's sources with notify: debounced batches of changed
//! paths, with editor temp and swap files ignored. `--poll` uses notify's
//! polling watcher, for WSL and network drives where file events do not
//! arrive.

use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// Folders and files of a site whose changes matter.
const WATCHED: &[&str] = &["content", "templates", "themes", "static", "locales", "data", "site.yaml"];

/// How long the watcher waits for quiet before handing over a batch.
const QUIET: Duration = Duration::from_millis(25);
/// The longest a batch may keep growing under a stream of saves.
const MAX_WAIT: Duration = Duration::from_millis(1000);

/// A running watcher and the channel of its events.
pub struct SiteWatcher {
    _watcher: Box<dyn Watcher + Send>,
    rx: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
    extra: Vec<PathBuf>,
}

impl SiteWatcher {
    /// Watches `root` (and `extra` files outside it, such as mounted files).
    pub fn new(root: &Path, extra: &[PathBuf], poll: bool) -> notify::Result<SiteWatcher> {
        let (tx, rx) = channel();
        let mut watcher: Box<dyn Watcher + Send> = if poll {
            let config = notify::Config::default().with_poll_interval(Duration::from_millis(300));
            Box::new(notify::PollWatcher::new(tx, config)?)
        } else {
            Box::new(notify::recommended_watcher(tx)?)
        };
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        for name in WATCHED {
            let p = root.join(name);
            if p.exists() {
                let mode = if p.is_dir() { RecursiveMode::Recursive } else { RecursiveMode::NonRecursive };
                watcher.watch(&p, mode)?;
            }
        }
        // Watch the root itself (not recursively) to see watched folders appear.
        watcher.watch(&root, RecursiveMode::NonRecursive)?;
        for p in extra {
            if p.exists() {
                watcher.watch(p, RecursiveMode::NonRecursive)?;
            }
        }
        Ok(SiteWatcher { _watcher: watcher, rx, root, extra: extra.to_vec() })
    }

    /// Blocks until something relevant changed, then returns the batch of
    /// changed paths once saves have been quiet for a moment. `None` when the
    /// watcher stopped.
    pub fn next_batch(&self) -> Option<BTreeSet<PathBuf>> {
        let mut batch = BTreeSet::new();
        loop {
            let event = self.rx.recv().ok()?;
            self.collect(event, &mut batch);
            if !batch.is_empty() {
                break;
            }
        }
        let started = Instant::now();
        while started.elapsed() < MAX_WAIT {
            match self.rx.recv_timeout(QUIET) {
                Ok(event) => self.collect(event, &mut batch),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        Some(batch)
    }

    fn collect(&self, event: notify::Result<notify::Event>, batch: &mut BTreeSet<PathBuf>) {
        let Ok(event) = event else { return };
        if event.kind.is_access() {
            return;
        }
        for p in event.paths {
            if self.relevant(&p) {
                batch.insert(p);
            }
        }
    }

    fn relevant(&self, p: &Path) -> bool {
        if self.extra.iter().any(|e| e == p) {
            return true;
        }
        let Ok(rel) = p.strip_prefix(&self.root) else { return false };
        let top = rel.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned()).unwrap_or_default();
        WATCHED.contains(&top.as_str()) && !is_temp_file(p)
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
