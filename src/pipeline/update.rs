//! Incremental updates for `onramp serve`: the pages of one changed
//! document rendered again from the state a build left ([`Build`]), and the
//! search index refreshed after the reload signal.

use super::{Build, io_error};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::discover::FileKind;
use crate::highlight::Highlighter;
use crate::links::Resolver;
use crate::markdown::stage::{self, MarkdownOptions};
use crate::render;
use crate::render::RenderEnv;
use crate::search;
use crate::search::site::{into_version_folder, search_records, write_search};
use crate::sink;
use std::path::{Path, PathBuf};

/// A search index refresh, detached from the [`Build`] it came from.
pub struct SearchRefresh {
    /// Per index: language code, the language's output prefix, the folder
    /// of a version other than the latest (`None`: the language's own
    /// index), and the records.
    jobs: Vec<(String, String, Option<String>, Vec<search::SearchRecord<'static>>)>,
    base_path: String,
    out: PathBuf,
}

impl SearchRefresh {
    /// Builds and writes the indexes; `still_current` is asked before
    /// writing, so an older refresh never overwrites a newer one. Every
    /// index of a language (one per version) is rebuilt together, and then
    /// the files none of them uses are removed from its `search/` folder.
    pub fn run(self, still_current: impl Fn() -> bool) -> Vec<Diagnostic> {
        let live = sink::LiveDir(self.out.clone());
        let mut diags = Vec::new();
        let mut built = Vec::new();
        for (code, prefix, version, records) in self.jobs {
            let mut out = search::build_index(&code, &records, &self.base_path, &prefix);
            if let Some(segment) = &version {
                into_version_folder(&mut out, &prefix, segment);
            }
            if !still_current() {
                return diags;
            }
            built.push((prefix, out));
        }
        let mut keep: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
        let mut folders: Vec<&str> = Vec::new();
        for (prefix, out) in &built {
            diags.extend(write_search(out, &live));
            keep.extend(out.files.iter().map(|(rel, _)| self.out.join(rel)));
            // The search dialog the render stage wrote beside the index (it
            // does not change with the pages).
            keep.insert(self.out.join(format!("{prefix}search/{}", crate::render::SEARCH_DIALOG_FILE)));
            if !folders.contains(&prefix.as_str()) {
                folders.push(prefix);
            }
        }
        for prefix in folders {
            let dir = self.out.join(format!("{prefix}search"));
            for entry in
                walkdir::WalkDir::new(&dir).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file())
            {
                if !keep.contains(entry.path()) {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        diags
    }
}

/// What an incremental update did.
#[derive(Debug)]
pub enum Update {
    /// The pages showing the document were re-rendered and written.
    Done {
        /// Files written.
        written: usize,
        /// Languages (indexes) whose search index needs a refresh ([`Build::refresh_search`]).
        languages: Vec<usize>,
        /// All diagnostics of the site after the update (warnings only).
        warnings: Vec<Diagnostic>,
    },
    /// The change has errors: nothing was written, the last good output stays.
    Failed(Vec<Diagnostic>),
    /// The change affects more than the document's own pages (front matter,
    /// title, headings, a new or deleted file): rebuild everything.
    NeedsFullBuild,
}

impl Build {
    /// Re-renders the pages of one changed markdown file, if the change is
    /// confined to its body. The output then equals what a full build would
    /// write: every page that shows the file (its own, and fallback copies in
    /// other languages) is rendered again; nothing else depends on a body
    /// whose front matter, title and heading ids are unchanged.
    pub fn update_page(&mut self, path: &Path, highlighter: &Highlighter) -> Update {
        let root = self.opts.root.clone();
        let canonical_root = std::fs::canonicalize(&root).unwrap_or_else(|_| root.clone());
        let changed = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let Some(rel) = changed.strip_prefix(&canonical_root).ok().map(Path::to_path_buf) else {
            return Update::NeedsFullBuild;
        };
        // A page that other pages include changes them too.
        if self.includes.files().contains(&changed) {
            return Update::NeedsFullBuild;
        }
        let Some(file) = self.files.iter().find(|f| f.display == rel).cloned() else {
            return Update::NeedsFullBuild;
        };
        let Some(index) = self.site.docs.iter().position(|d| d.display == file.display) else {
            return Update::NeedsFullBuild;
        };
        if !root.join(&file.display).is_file() {
            return Update::NeedsFullBuild;
        }
        let new = match crate::content::load_doc(&file) {
            Ok(d) => d,
            Err(e) => return Update::Failed(self.with_replaced(&file.display, e)),
        };
        let old = &self.site.docs[index];
        if new.fm != old.fm {
            return Update::NeedsFullBuild;
        }
        let is_translation = new.lang != self.site.languages[0];
        let source = self.source_of(&new.key).filter(|_| is_translation);
        let source_ids = source.map(|s| self.rendered[s].heading_ids.as_slice());
        let site_files =
            crate::markdown::video::SiteFiles::new(super::site_file_paths(&self.files, self.static_files.iter()));
        // Its includes as its text now names them, read again.
        self.includes.refresh(&self.config, &new);
        let md = MarkdownOptions {
            default_lang: &self.site.languages[0],
            alerts: &self.alerts,
            highlighter,
            raw_html: self.config.markdown.raw_html,
            site_files: &site_files,
            includes: &self.includes,
            versions: &self.config.versions,
        };
        let (rendered, mut diags) = stage::render_doc(&new, source_ids, &md);
        let old = &self.rendered[index];
        // The site's first diagram: the full build writes the diagram script.
        let first_diagram = rendered.diagrams && !self.rendered.iter().any(|r| r.diagrams);
        if rendered.h1 != old.h1 || rendered.heading_ids != old.heading_ids || first_diagram {
            return Update::NeedsFullBuild;
        }
        if let Some(s) = source {
            diags.extend(stage::heading_structure_warning(
                &new,
                &rendered,
                &self.site.docs[s].display,
                &self.rendered[s],
            ));
        }
        let previous = std::mem::replace(&mut self.site.docs[index], new);
        let previous_rendered = std::mem::replace(&mut self.rendered[index], rendered);
        let jobs: Vec<(usize, usize)> = self
            .site
            .nodes
            .iter()
            .enumerate()
            .flat_map(|(n, node)| {
                // A source's body decides whether its translations are outdated,
                // so every language of its node is rendered again.
                let source = node.variants[0].doc == Some(index);
                node.variants
                    .iter()
                    .enumerate()
                    .filter(move |(_, v)| source || v.doc == Some(index))
                    .map(move |(l, _)| (n, l))
            })
            .collect();
        let memory = sink::MemorySink::default();
        let live = sink::LiveDir(self.out.clone());
        let render_diags = self.with_env(|env| {
            let mut diags = render::render_jobs(env, &jobs, &memory);
            diags.extend(render::status::write(env, &memory));
            // The markdown copies and `llms-full.txt` hold the page's text.
            diags.extend(render::machine::write(env, &memory));
            // The page's site-root links, against the output folder as the
            // full build left it (a root link cannot lead to this page's own
            // new files: its output paths are unchanged).
            diags.extend(super::unpublished_root_links(env, &live, std::iter::once(index)));
            diags
        });
        diags.extend(render_diags);
        let all = self.with_replaced(&file.display, diags.clone());
        if all.iter().any(Diagnostic::is_error) {
            self.site.docs[index] = previous;
            self.rendered[index] = previous_rendered;
            return Update::Failed(all);
        }
        self.body_diags.insert(file.display.clone(), diags);
        let mut languages: Vec<usize> = jobs.iter().map(|&(_, l)| l).collect();
        languages.dedup();
        match memory.flush_into(&sink::LiveDir(self.out.clone())) {
            Ok(written) => Update::Done { written, languages, warnings: all },
            Err(e) => Update::Failed(vec![io_error(&self.out, e)]),
        }
    }

    /// Prepares the search index refresh of the given languages after an
    /// incremental update: the records are taken now, and the returned job
    /// (which the dev server runs on another thread, after the reload
    /// signal) builds the index, writes it and removes the files it no longer
    /// uses. Pages need no re-rendering: they name the manifest, whose URL
    /// does not change.
    pub fn search_refresh(&self, languages: &[usize]) -> SearchRefresh {
        let enabled = self.config.search.enabled;
        let jobs = languages
            .iter()
            .filter(|_| enabled)
            .flat_map(|&li| {
                let lang = &self.config.languages[li];
                let versions = &self.config.versions;
                // The language's own index, then one per older or unreleased version.
                let lanes =
                    std::iter::once(None).chain((0..versions.list.len()).filter(|&v| v != versions.latest).map(Some));
                lanes.map(move |lane| {
                    let records = search_records(&self.config, &self.site, &self.rendered, li, lane)
                        .into_iter()
                        .map(search::SearchRecord::into_owned)
                        .collect();
                    let folder = lane.map(|v| versions.list[v].segment.clone());
                    (lang.code.clone(), lang.prefix.clone(), folder, records)
                })
            })
            .collect();
        SearchRefresh { jobs, base_path: self.config.base_path.clone(), out: self.out.clone() }
    }

    /// Files the diagnostics of a render under their document.
    pub(crate) fn body_diags_extend(&mut self, diags: impl IntoIterator<Item = Diagnostic>) {
        for d in diags {
            self.body_diags.entry(d.path.clone()).or_default().push(d);
        }
    }

    /// All diagnostics, with those of `path`'s body replaced by `replacement`.
    fn with_replaced(&self, path: &Path, replacement: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let mut all: Diagnostics = self.other_diags.iter().cloned().collect();
        all.extend(self.body_diags.iter().filter(|(p, _)| p.as_path() != path).flat_map(|(_, d)| d.iter().cloned()));
        all.extend(replacement);
        crate::links::apply_level(all.sorted(), self.config.check.broken_links).0
    }

    /// The index of the default-language document of `key`.
    fn source_of(&self, key: &str) -> Option<usize> {
        self.site.docs.iter().position(|d| d.key == key && d.lang == self.site.languages[0])
    }

    /// Every diagnostic of the build, sorted, with broken links at the
    /// level of `check.broken_links`.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.diagnostics_and_broken_links().0
    }

    /// [`Build::diagnostics`], and the number of broken links found.
    pub(crate) fn diagnostics_and_broken_links(&self) -> (Vec<Diagnostic>, usize) {
        let mut all: Diagnostics = self.other_diags.iter().cloned().collect();
        all.extend(self.body_diags.values().flatten().cloned());
        crate::links::apply_level(all.sorted(), self.config.check.broken_links)
    }

    /// Runs `f` with the render environment of this build.
    /// Panics if the templates did not load: the stages render only when they did.
    pub(crate) fn with_env<R>(&self, f: impl FnOnce(&RenderEnv<'_>) -> R) -> R {
        let asset_keys = self.files.iter().filter(|f| f.kind == FileKind::Asset).map(|f| f.key.clone());
        let resolver = Resolver::new(&self.site, &self.rendered, asset_keys, &self.config.base_path)
            .with_repo(&self.config, self.static_files.iter().cloned());
        let (tera, origins) = self.templates.as_ref().expect("templates are loaded before rendering");
        let env = RenderEnv {
            config: &self.config,
            site: &self.site,
            rendered: &self.rendered,
            tera,
            origins,
            locales: &self.locales,
            resolver: &resolver,
            history: &self.history,
            inputs: &self.inputs,
            assets: self.assets.clone(),
            search_manifests: self.search_manifests.clone(),
        };
        f(&env)
    }
}
