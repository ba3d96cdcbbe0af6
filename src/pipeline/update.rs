//! Incremental updates for `onramp serve`: the pages of one changed
//! document rendered again from the state a build left ([`Build`]), and the
//! search index refreshed after the reload signal.
//!
//! A save of one markdown file takes one of three ways
//! ([`Build::update_page`]):
//! - its body alone changed (front matter, title and heading ids as they
//!   were): its own pages and fallback copies are rendered again, and
//!   nothing else, since no other page shows its body ([`Update::Done`]);
//! - its front matter, its `# title` or its heading ids changed, but no page
//!   moves: the same files, URLs, aliases, languages and layouts (the front
//!   matter differs only in title, description, weight, date, tags, `extra`,
//!   `search` or `translation_of`: `reach::same_structure`). The site
//!   model is built again in memory with `Site::build`, from the documents
//!   and markdown the build holds (a source's translations rendered again
//!   when its heading ids changed, as they take them by position; no other
//!   file is read), and compared with the old one (`reach::same_pages`).
//!   Its own pages are rendered at once; the pages that show it
//!   (`reach::stale_nodes`: sidebars, breadcrumbs, listings, previous and
//!   next links, getting-started paths) and those whose links lead to it
//!   (`Resolver::may_link_to`: anchors are checked against its heading
//!   ids) are returned stale ([`Update::Stale`]), for the dev server to
//!   render on request and in the background as after a template save;
//! - anything else (a slug, aliases, layout, draft, a layout's own front
//!   matter, a new or deleted file, a file other pages include, the site's
//!   first diagram): a full build ([`Update::NeedsFullBuild`]).

use super::{Build, io_error};
use crate::content::Site;
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
use std::collections::HashSet;
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

/// A translation whose markdown was rendered again: its index, the
/// result and its diagnostics.
type Retranslated = (usize, crate::markdown::Rendered, Vec<Diagnostic>);

/// What [`Build::update_model`] replaced, to put it back.
struct Undo {
    /// The site model before (its documents are taken out).
    old_site: Site,
    /// The changed document's index, and the document as it was.
    index: usize,
    previous: crate::content::Doc,
    /// The markdown that was replaced, by document index.
    old_rendered: Vec<(usize, crate::markdown::Rendered)>,
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
    /// The document's front matter, title or heading ids changed, which
    /// other pages show: the site model was built again, the document's own
    /// pages (every language) were re-rendered and written, and these other
    /// pages are stale until rendered again (`Build::render_stale`).
    Stale {
        /// Files written.
        written: usize,
        /// The other pages the change reaches (`reach::stale_nodes`).
        pages: Vec<super::PageJob>,
        /// Languages (indexes) whose search index needs a refresh.
        languages: Vec<usize>,
        /// All diagnostics of the site after the update (warnings only).
        warnings: Vec<Diagnostic>,
    },
    /// The change has errors: nothing was written, the last good output stays.
    Failed(Vec<Diagnostic>),
    /// The change moves pages (a slug, aliases, layout or draft, a layout's
    /// own front matter, a new or deleted file, a file other pages include,
    /// the site's first diagram): rebuild everything.
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
        let fm_changed = new.fm != old.fm;
        // A changed front matter moves no page only when the fields that
        // name URLs, layouts and layout inputs are the same; its warnings
        // are the load stage's, which a full build reports.
        if fm_changed
            && (!super::reach::same_structure(&new.fm, &old.fm)
                || !new.warnings.is_empty()
                || crate::translation::check_stamp(&new).is_some())
        {
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
        if first_diagram {
            return Update::NeedsFullBuild;
        }
        let ids_changed = rendered.heading_ids != old.heading_ids;
        let model_changed = fm_changed || rendered.h1 != old.h1 || ids_changed;
        if let Some(s) = source {
            diags.extend(stage::heading_structure_warning(
                &new,
                &rendered,
                &self.site.docs[s].display,
                &self.rendered[s],
            ));
        }
        if model_changed {
            // A source's translations take its heading ids by position.
            let translations: Vec<Retranslated> = if ids_changed && !is_translation {
                let same_key = |d: &&crate::content::Doc| d.key == new.key && d.lang != new.lang;
                (0..self.site.docs.len())
                    .filter(|&j| same_key(&&self.site.docs[j]))
                    .map(|j| {
                        let doc = &self.site.docs[j];
                        let (r, mut d) = stage::render_doc(doc, Some(&rendered.heading_ids), &md);
                        d.extend(stage::heading_structure_warning(doc, &r, &new.display, &rendered));
                        (j, r, d)
                    })
                    .collect()
            } else {
                Vec::new()
            };
            return self.update_model(index, new, rendered, diags, translations);
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

    /// The rest of [`Build::update_page`] when the document's front matter,
    /// title or heading ids changed (`translations`: its translations'
    /// markdown rendered again with its new heading ids). The site model is
    /// built again from the build's documents with the new one in place
    /// (nothing is read again); when its pages moved, a full build is asked
    /// for. The document's own pages are rendered now; the others it
    /// reaches (`reach`) are returned stale. The diagnostics of the
    /// document, its translations and the links that lead to it are
    /// recomputed; with an error nothing changes.
    fn update_model(
        &mut self,
        index: usize,
        new: crate::content::Doc,
        rendered: crate::markdown::Rendered,
        md_diags: Vec<Diagnostic>,
        translations: Vec<Retranslated>,
    ) -> Update {
        let Some(node) = self.site.node_by_key(&new.key) else { return Update::NeedsFullBuild };
        let lang_of = |site: &Site, d: usize| site.lang_index(&site.docs[d].lang).unwrap_or(0);
        // The documents whose links may lead to the node, and their link
        // diagnostics before the change.
        let (linking, old_links): (Vec<usize>, Vec<Vec<Diagnostic>>) = self.with_env(|env| {
            (0..env.site.docs.len())
                .filter(|&d| d != index && env.resolver.may_link_to(d, node))
                .map(|d| (d, env.resolver.resolve(d, lang_of(env.site, d), true).1))
                .unzip()
        });
        let mut old_rendered = vec![(index, std::mem::replace(&mut self.rendered[index], rendered))];
        let mut recomputed = vec![index];
        let mut fresh = md_diags;
        for (j, r, d) in translations {
            old_rendered.push((j, std::mem::replace(&mut self.rendered[j], r)));
            recomputed.push(j);
            fresh.extend(d);
        }
        let h1: Vec<Option<String>> = self.rendered.iter().map(|r| r.h1.clone()).collect();
        let mut docs = std::mem::take(&mut self.site.docs);
        let previous = std::mem::replace(&mut docs[index], new);
        let (site, site_diags) = Site::build(&self.config, docs, &h1);
        let old_site = std::mem::replace(&mut self.site, site);
        let undo = Undo { old_site, index, previous, old_rendered };
        if site_diags.has_errors() || !super::reach::same_pages(&undo.old_site, &self.site) {
            self.undo(undo);
            return Update::NeedsFullBuild;
        }
        let full_nav = self.site.nodes.len() <= render::FULL_NAV_LIMIT;
        let path_nodes = self.with_env(|env| crate::layouts::Models::new(env).path_nodes());
        let stale = super::reach::stale_nodes(&undo.old_site, &self.site, full_nav, &path_nodes);
        let linking_set: HashSet<usize> = linking.iter().copied().collect();
        let shows_linking =
            |n: usize| self.site.nodes[n].variants.iter().any(|v| v.doc.is_some_and(|d| linking_set.contains(&d)));
        let pages: Vec<super::PageJob> =
            self.all_page_jobs().into_iter().filter(|&(n, _)| n != node && (stale[n] || shows_linking(n))).collect();
        let own: Vec<super::PageJob> = (0..self.config.languages.len()).map(|l| (node, l)).collect();
        let memory = sink::MemorySink::default();
        let live = sink::LiveDir(self.out.clone());
        let (render_diags, new_links) = self.with_env(|env| {
            let mut diags = render::render_jobs(env, &own, &memory);
            diags.extend(render::status::write(env, &memory));
            diags.extend(render::machine::write(env, &memory));
            diags.extend(super::unpublished_root_links(env, &live, recomputed.iter().copied()));
            let links: Vec<Vec<Diagnostic>> =
                linking.iter().map(|&d| env.resolver.resolve(d, lang_of(env.site, d), true).1).collect();
            (diags, links)
        });
        fresh.extend(render_diags);
        // The recomputed documents' diagnostics replace theirs; what the
        // render says of other files (a data file's entries, shown by the
        // page) is there already, but its errors count.
        let mut body = self.body_diags.clone();
        let paths: HashSet<PathBuf> = recomputed.iter().map(|&d| self.site.docs[d].display.clone()).collect();
        for p in &paths {
            body.remove(p);
        }
        let mut elsewhere = Vec::new();
        for d in fresh {
            if paths.contains(&d.path) {
                body.entry(d.path.clone()).or_default().push(d);
            } else if d.is_error() {
                elsewhere.push(d);
            }
        }
        for ((d, old), new) in linking.iter().zip(old_links).zip(new_links) {
            let entry = body.entry(self.site.docs[*d].display.clone()).or_default();
            for o in &old {
                if let Some(i) = entry.iter().position(|e| e == o) {
                    entry.remove(i);
                }
            }
            entry.extend(new);
        }
        let mut all: Diagnostics = self.other_diags.iter().cloned().collect();
        all.extend(body.values().flatten().cloned());
        all.extend(elsewhere);
        let all = crate::links::apply_level(all.sorted(), self.config.check.broken_links).0;
        if all.iter().any(Diagnostic::is_error) {
            self.undo(undo);
            return Update::Failed(all);
        }
        body.retain(|_, d| !d.is_empty());
        self.body_diags = body;
        let languages = (0..self.config.languages.len()).collect();
        match memory.flush_into(&live) {
            Ok(written) => Update::Stale { written, pages, languages, warnings: all },
            Err(e) => Update::Failed(vec![io_error(&self.out, e)]),
        }
    }

    /// Puts back the site model and markdown an update replaced.
    fn undo(&mut self, undo: Undo) {
        let Undo { mut old_site, index, previous, old_rendered } = undo;
        let mut docs = std::mem::take(&mut self.site.docs);
        docs[index] = previous;
        old_site.docs = docs;
        self.site = old_site;
        for (j, r) in old_rendered {
            self.rendered[j] = r;
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
