//! The build `onramp check` inspects: the pipeline's stages
//! ([`crate::pipeline::stages`], the same function `onramp build` runs)
//! into a sink that keeps the rendered pages in memory and only the names
//! of every other file, and writes nothing. Stages go on after errors as
//! far as they can, so a site with build errors still gets checked.

use crate::config::SiteConfig;
use crate::content::Site;
use crate::diagnostics::Diagnostic;
use crate::discover::{FileKind, SourceFile};
use crate::highlight::Highlighter;
use crate::markdown::Rendered;
use crate::pipeline::{self, BuildError, BuildOptions, Target};
use crate::sink::{Sink, confined};
use crate::timing::Timer;
use crate::translation;
use std::collections::{HashMap, HashSet};
use std::io;
use std::path::Path;
use std::sync::Mutex;

/// What the in-memory build produced.
pub struct CheckedSite {
    /// Site configuration.
    pub config: SiteConfig,
    /// The site model.
    pub site: Site,
    /// Every document's rendered markdown, by document index.
    pub rendered: Vec<Rendered>,
    /// Discovered source files.
    pub files: Vec<SourceFile>,
    /// Output paths of the site's `static/` files.
    pub static_files: Vec<String>,
    /// The ids of every rendered HTML file (how many elements carry each),
    /// by path under the output root; empty when the templates could not be
    /// loaded. The HTML itself is not kept.
    pub page_ids: HashMap<String, HashMap<String, usize>>,
    /// Output paths of every other file the build writes: theme and site
    /// static files, content assets, the search index, the sitemap.
    pub copied: HashSet<String>,
    /// Every diagnostic of the build.
    pub diagnostics: Vec<Diagnostic>,
    /// Translation status of every language but the default.
    pub translations: translation::StatusReport,
}

impl CheckedSite {
    /// Keys of the content assets (`docs/img.png`).
    pub fn asset_keys(&self) -> impl Iterator<Item = String> + '_ {
        self.files.iter().filter(|f| f.kind == FileKind::Asset).map(|f| f.key.clone())
    }
}

/// What `onramp check` keeps of the files a build writes: the ids of each
/// page's elements, counted as the page is written (its HTML is dropped at
/// once, so `check` holds no more than `build` does), and the names of the
/// other files. Copied files are not read.
#[derive(Debug, Default)]
pub struct Kept {
    pages: Mutex<HashMap<String, HashMap<String, usize>>>,
    names: Mutex<HashSet<String>>,
}

impl Sink for Kept {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let rel = confined(rel)?.to_string();
        if rel.ends_with(".html") {
            let ids = super::source::count_ids(&String::from_utf8_lossy(bytes));
            self.pages.lock().map_err(|_| io::Error::other("poisoned"))?.insert(rel, ids);
        } else {
            self.names.lock().map_err(|_| io::Error::other("poisoned"))?.insert(rel);
        }
        Ok(())
    }

    fn exists(&self, rel: &str) -> Option<bool> {
        let page = self.pages.lock().ok()?.contains_key(rel);
        Some(page || self.names.lock().ok()?.contains(rel))
    }

    fn copy(&self, _from: &Path, rel: &str) -> io::Result<()> {
        let rel = confined(rel)?.to_string();
        self.names.lock().map_err(|_| io::Error::other("poisoned"))?.insert(rel);
        Ok(())
    }
}

/// The target of `onramp check`: nothing is written.
struct InMemory;

impl Target for InMemory {
    type Sink = Kept;

    fn open(&mut self) -> Result<Kept, BuildError> {
        Ok(Kept::default())
    }
}

/// Runs the build stages without writing. `Err` only when there is no site
/// to check (no or invalid `site.yaml`, unloadable theme).
pub fn build_in_memory(root: &Path) -> Result<CheckedSite, BuildError> {
    let opts = BuildOptions { root: root.to_path_buf(), ..BuildOptions::default() };
    let highlighter = Highlighter::new();
    let mut timer = Timer::new(std::time::Instant::now());
    let (build, kept) = pipeline::stages(&opts, &highlighter, &mut InMemory, &mut timer)?;
    let diagnostics = build.diagnostics();
    let languages: Vec<(String, String)> =
        build.config.languages.iter().map(|l| (l.code.clone(), l.name.clone())).collect();
    let ui_ids = build.locales.ids_read_by(languages.iter().map(|l| l.0.as_str()));
    let translations = translation::status(&build.site.docs, &languages, &ui_ids);
    let (page_ids, copied) = match kept {
        Some(k) => (k.pages.into_inner().unwrap_or_default(), k.names.into_inner().unwrap_or_default()),
        None => Default::default(),
    };
    Ok(CheckedSite {
        config: build.config,
        site: build.site,
        rendered: build.rendered,
        files: build.files,
        static_files: build.static_files,
        page_ids,
        copied,
        diagnostics,
        translations,
    })
}
