//! Temporary folders that live as long as the test binary: for what its
//! tests share (a site built once), which a `static` holds but never drops.

use std::path::PathBuf;
use std::sync::{Mutex, Once};

static DIRS: Mutex<Vec<tempfile::TempDir>> = Mutex::new(Vec::new());

/// A new empty temporary folder, removed when the test binary exits
/// (after its tests passed or failed; not when it is killed).
pub fn temp_dir() -> PathBuf {
    static AT_EXIT: Once = Once::new();
    AT_EXIT.call_once(|| {
        extern "C" fn remove_all() {
            let dirs = match DIRS.try_lock() {
                Ok(mut d) => std::mem::take(&mut *d),
                Err(std::sync::TryLockError::Poisoned(p)) => std::mem::take(&mut *p.into_inner()),
                Err(std::sync::TryLockError::WouldBlock) => return,
            };
            drop(dirs);
        }
        // SAFETY: registers a function without arguments that does not unwind.
        #[cfg(unix)]
        unsafe {
            libc::atexit(remove_all)
        };
        #[cfg(not(unix))]
        let _ = remove_all;
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().to_path_buf();
    DIRS.lock().unwrap_or_else(|e| e.into_inner()).push(dir);
    path
}
