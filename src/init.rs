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

/// What `onramp init` prints: what it wrote, how to preview it, and the
/// files a new site edits first.
pub fn next_steps(files: usize, dir: &Path) -> String {
    let d = dir.display();
    let sep = std::path::MAIN_SEPARATOR;
    format!(
        "created {files} files in {d}\n\
         \n\
         Preview it, with live reload on every save:\n\
         \x20 onramp serve {d}\n\
         \n\
         Then edit, in this order:\n\
         \x20 {d}{sep}site.yaml: your project's name, description and address (base_url)\n\
         \x20 {d}{sep}content{sep}_index.md: the home page, its hero text and cards\n\
         \x20 {d}{sep}content{sep}getting-started{sep}: a newcomer's first steps\n\
         \n\
         Publish with `onramp build {d}` (writes {d}{sep}public{sep}).\n"
    )
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
