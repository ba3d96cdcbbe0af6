//! `onramp init DIR`: writes the starter site embedded from `scaffold/`.

use include_dir::{Dir, include_dir};
use std::io;
use std::path::Path;

static SCAFFOLD: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/scaffold");

/// Writes the starter site into `dir`, which must not exist or be empty.
pub fn init_site(dir: &Path) -> io::Result<usize> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("`{}` exists and is not empty", dir.display()),
        ));
    }
    let mut count = 0;
    write_dir(&SCAFFOLD, dir, &mut count)?;
    Ok(count)
}

fn write_dir(d: &Dir<'_>, dest: &Path, count: &mut usize) -> io::Result<()> {
    for f in d.files() {
        let path = dest.join(f.path());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, f.contents())?;
        *count += 1;
    }
    for sub in d.dirs() {
        write_dir(sub, dest, count)?;
    }
    Ok(())
}
