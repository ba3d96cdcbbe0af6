//! The files copied beside the pages: the theme's static files, the site's
//! `static/` folder, content assets and the highlighting stylesheet, with a
//! cache-busting version for each theme asset URL.

use super::context::AssetsCtx;
use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::discover::{FileKind, SourceFile, StaticFile};
use crate::sink::Sink;
use crate::theme::{Theme, ThemeFile};
use std::collections::HashMap;
use std::path::Path;

/// The theme's files for drawing Mermaid diagrams: written only when a page
/// of the site has one (`mermaid.min.js` is 5.7 MB).
pub const DIAGRAM_FILES: [&str; 2] = ["theme/mermaid.min.js", "theme/diagrams.js"];

/// Copies theme and site static files and content assets; returns the
/// theme asset URLs with cache-busting versions. `diagrams`: whether a page
/// has a Mermaid diagram (else [`DIAGRAM_FILES`] are left out).
#[allow(clippy::too_many_arguments)]
pub fn copy_static(
    theme: &Theme,
    config: &SiteConfig,
    files: &[SourceFile],
    static_files: &[StaticFile],
    syntax_css: &str,
    diagrams: bool,
    staging: &dyn Sink,
    diags: &mut Diagnostics,
) -> AssetsCtx {
    let (root, base_path) = (config.root.as_path(), config.base_path.as_str());
    let mut versions: HashMap<String, String> = HashMap::new();
    // Errors name the source file, relative to the site folder.
    let mut push_err = |path: &Path, e: std::io::Error| {
        let reason = crate::source_file::io_reason(&e);
        diags.push(Diagnostic::error(path, 0, 0, format!("cannot copy: {reason}")))
    };
    for (rel, f) in theme.files_under("static/") {
        if !diagrams && DIAGRAM_FILES.contains(&rel) {
            continue;
        }
        versions.insert(rel.to_string(), theme_file_hash(f));
        if let Err(e) = staging.write(rel, &f.bytes) {
            push_err(&f.display, e);
        }
    }
    // Site files are copied, never read whole: only an override of a theme
    // asset is hashed, for its cache-busting version.
    for f in static_files {
        if f.rel.starts_with("theme/") {
            if let Ok(bytes) = crate::source_file::read_bytes(&f.abs, &f.display, crate::source_file::Place::Site(root))
            {
                versions.insert(f.rel.clone(), short_hash(&bytes));
            }
        }
        if let Err(e) = staging.copy(&f.abs, &f.rel) {
            push_err(&f.display, e);
        }
    }
    for f in files.iter().filter(|f| f.kind == FileKind::Asset) {
        if let Err(e) = staging.copy(&f.abs, &f.key) {
            push_err(&f.display, e);
        }
    }
    if let Err(e) = staging.write("theme/syntax.css", syntax_css.as_bytes()) {
        push_err(Path::new("theme/syntax.css"), e);
    }
    versions.insert("theme/syntax.css".into(), short_hash(syntax_css.as_bytes()));
    assets_ctx(base_path, &versions)
}

/// The theme asset URLs, with the cache-busting version of each file in
/// `versions` (none when it is empty, as in `onramp check`).
pub fn assets_ctx(base_path: &str, versions: &HashMap<String, String>) -> AssetsCtx {
    let url = |rel: &str| match versions.get(rel) {
        Some(v) => format!("{base_path}{rel}?v={v}"),
        None => format!("{base_path}{rel}"),
    };
    AssetsCtx {
        style: url("theme/style.css"),
        syntax: url("theme/syntax.css"),
        script: url("theme/onramp.js"),
        search_style: url("theme/search.css"),
        search_script: url("theme/search.js"),
        layouts_script: url("theme/layouts.js"),
        mermaid: url("theme/mermaid.min.js"),
        diagrams: url("theme/diagrams.js"),
        search_index: String::new(),
        search_dialog: String::new(),
    }
}

/// [`short_hash`] of a theme file; the embedded theme's are hashed once per
/// process (the dev server builds many times, and Mermaid alone is 5.7 MB).
fn theme_file_hash(file: &ThemeFile) -> String {
    use std::sync::{Mutex, OnceLock};
    static EMBEDDED: OnceLock<Mutex<HashMap<(usize, usize), String>>> = OnceLock::new();
    let std::borrow::Cow::Borrowed(embedded) = file.bytes else { return short_hash(&file.bytes) };
    let key = (embedded.as_ptr() as usize, embedded.len());
    let cache = EMBEDDED.get_or_init(Default::default);
    if let Some(hash) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return hash;
    }
    let hash = short_hash(embedded);
    if let Ok(mut c) = cache.lock() {
        c.insert(key, hash.clone());
    }
    hash
}

/// First 10 hex digits of the SHA-256 of `bytes`.
pub fn short_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().take(5).map(|b| format!("{b:02x}")).collect()
}
