//! The build, as an ordered list of stages. Each stage takes the previous
//! stages' outputs and returns its own plus diagnostics; problems are
//! collected across stages and the build fails, before anything is swapped
//! into place, if any of them is an error.

use crate::config::SiteConfig;
use crate::content::{self, LoadOptions, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::discover::{self, FileKind, SourceFile};
use crate::highlight::Highlighter;
use crate::i18n::Locales;
use crate::links::Resolver;
use crate::markdown::AlertLabels;
use crate::output::{self, Staging};
use crate::render::context::AssetsCtx;
use crate::render::{self, RenderEnv};
use crate::sink;
use crate::theme::{TemplateOrigins, Theme};
use crate::{data, git, search, translation};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What to build, and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Site root (holds `site.yaml`).
    pub root: PathBuf,
    /// Output folder; `root/public` when not set.
    pub out: Option<PathBuf>,
    /// Overrides `base_url` from site.yaml.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Replace an existing output folder even if onramp did not write it.
    pub force: bool,
}

/// A successful build.
#[derive(Debug)]
pub struct BuildReport {
    /// Pages written, per language code.
    pub pages: Vec<(String, usize)>,
    /// Warnings (the build succeeded anyway).
    pub warnings: Vec<Diagnostic>,
    /// Time and resources per stage.
    pub stages: Vec<Stage>,
    /// Total time.
    pub elapsed: Duration,
    /// Where the site was written.
    pub out: PathBuf,
}

/// Why a build failed.
#[derive(Debug)]
pub enum BuildError {
    /// Problems in the site's files (exit code 1).
    Content(Vec<Diagnostic>),
    /// The output could not be written (exit code 2).
    Io(Vec<Diagnostic>),
}

impl BuildError {
    /// The diagnostics, sorted.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            BuildError::Content(d) | BuildError::Io(d) => d,
        }
    }
}

/// What one stage of a build took (`onramp build -v` prints these).
#[derive(Debug, Clone)]
pub struct Stage {
    /// Stage name.
    pub name: &'static str,
    /// Wall-clock time.
    pub wall: Duration,
    /// CPU time of the whole process (all threads, user + system) during
    /// the stage, where the system tells it (Linux).
    pub cpu: Option<Duration>,
    /// Peak resident memory of the process so far, in MiB (Linux).
    pub peak_mib: Option<u64>,
}

struct Timer {
    stages: Vec<Stage>,
    last: Instant,
    last_cpu: Option<Duration>,
}

impl Timer {
    fn new(started: Instant) -> Timer {
        Timer { stages: Vec::new(), last: started, last_cpu: process_cpu() }
    }

    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        let cpu = process_cpu();
        let spent = cpu.zip(self.last_cpu).map(|(now, before)| now.saturating_sub(before));
        self.stages.push(Stage { name, wall: now - self.last, cpu: spent, peak_mib: peak_memory_mib() });
        self.last = now;
        self.last_cpu = cpu;
    }
}

/// User + system CPU time of this process, from `/proc/self/stat` (fields
/// 14 and 15, in the kernel's fixed 100 Hz clock ticks).
fn process_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let mut fields = stat.rsplit_once(')')?.1.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis((user + system) * 10))
}

/// Peak resident memory (`VmHWM` of `/proc/self/status`), in MiB.
fn peak_memory_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

/// The state a successful build leaves behind. The dev server keeps it to
/// update one page without rebuilding the rest ([`Build::update_page`]).
pub struct Build {
    /// Options the build ran with.
    pub opts: BuildOptions,
    /// Output folder.
    pub out: PathBuf,
    /// Site configuration.
    pub config: SiteConfig,
    locales: Arc<Locales>,
    tera: tera::Tera,
    origins: TemplateOrigins,
    alerts: HashMap<String, AlertLabels>,
    files: Vec<SourceFile>,
    /// The site model.
    pub site: Site,
    history: git::History,
    inputs: crate::layouts::inputs::LayoutInputs,
    assets: AssetsCtx,
    search_manifests: HashMap<String, String>,
    /// Diagnostics of the markdown and render stages, by document path:
    /// what an incremental update recomputes.
    body_diags: HashMap<PathBuf, Vec<Diagnostic>>,
    /// All other diagnostics (warnings only, since the build succeeded).
    other_diags: Vec<Diagnostic>,
}

/// Builds the site described by `opts`.
pub fn build_site(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    full_build(opts, &Highlighter::new()).0
}

/// Builds the site described by `opts`, and returns the time of each stage
/// that ran, whether the build succeeded or not (`onramp build --verbose`).
pub fn build_site_timed(opts: &BuildOptions) -> (Result<BuildReport, BuildError>, Vec<Stage>) {
    let mut t = Timer::new(Instant::now());
    let result = run_full(opts, &Highlighter::new(), &mut t).map(|(report, _)| report);
    (result, t.stages)
}

/// Builds the whole site; on success also returns the state for incremental
/// updates. `highlighter` is passed in so a long-running server loads the
/// syntax set once.
pub fn full_build(opts: &BuildOptions, highlighter: &Highlighter) -> (Result<BuildReport, BuildError>, Option<Build>) {
    match run_full(opts, highlighter, &mut Timer::new(Instant::now())) {
        Ok((report, build)) => (Ok(report), Some(build)),
        Err(e) => (Err(e), None),
    }
}

/// The stages of a build, in order, timed by `t`.
fn run_full(opts: &BuildOptions, highlighter: &Highlighter, t: &mut Timer) -> Result<(BuildReport, Build), BuildError> {
    let started = t.last;
    let root = opts.root.as_path();
    let config = SiteConfig::load(root, opts.base_url.as_deref()).map_err(|d| {
        // No site.yaml at all is a usage problem (wrong folder), not a content error.
        let missing = !root.join(crate::config::CONFIG_FILE).is_file();
        if missing { BuildError::Io(d.sorted()) } else { BuildError::Content(d.sorted()) }
    })?;
    let out = opts.out.clone().unwrap_or_else(|| root.join("public"));
    let mounted: Vec<PathBuf> = config.mount.keys().map(PathBuf::from).collect();
    let real_out = output::check_output_dir(root, &out, &mounted, opts.force).map_err(|d| BuildError::Io(vec![d]))?;
    output::clean_leftovers(&real_out);
    let mut diags = Diagnostics::new();
    t.lap("config");

    let theme = Theme::load(root, &config.theme).map_err(|d| BuildError::Content(d.sorted()))?;
    let (locales, locale_diags) = Locales::load(&theme, root, &config.default_language().code);
    diags.extend(locale_diags);
    let locales = Arc::new(locales);
    let tera = theme.tera(&|tera| locales.register(tera)).map_err(|d| diags.extend(d)).ok();
    let (data, data_diags) = data::read(root);
    diags.extend(data_diags);
    let syntax_css = highlighter
        .use_themes(&config.highlight.light, &config.highlight.dark)
        .map_err(|name| diags.push(unknown_highlight_theme(&config, &name)))
        .ok();
    t.lap("theme");

    let (files, discover_diags) = discover::discover(&config);
    diags.extend(discover_diags);
    let default_lang = config.default_language().code.clone();
    let (docs, load_diags) =
        content::load_docs(&files, LoadOptions { drafts: opts.drafts, default_lang: &default_lang });
    diags.extend(load_diags);
    diags.extend(docs.iter().filter(|d| d.lang != default_lang).filter_map(translation::check_stamp));
    t.lap("load");

    let alerts = alert_labels(&config, &locales);
    let (docs, md_diags) = content::render_docs(docs, &default_lang, &alerts, highlighter, config.markdown.raw_html);
    highlighter.end_of_build();
    let mut body_diags: HashMap<PathBuf, Vec<Diagnostic>> = HashMap::new();
    for d in md_diags {
        body_diags.entry(d.path.clone()).or_default().push(d);
    }
    t.lap("markdown");

    let (site, site_diags) = Site::build(&config, docs);
    diags.extend(site_diags);
    let (authors, ranges) = crate::layouts::git_wanted(&config, &site);
    let history = git::History::read(root, authors, ranges);
    let (static_files, static_diags) = discover::static_files(root);
    diags.extend(static_diags);
    let inputs =
        crate::layouts::inputs::load(&config, &site, &data, &files, static_files.iter().map(|f| f.rel.clone()));
    t.lap("site");

    let (Some((mut tera, origins)), Some(css)) = (tera, syntax_css) else {
        diags.extend(body_diags.into_values().flatten());
        return Err(BuildError::Content(diags.sorted()));
    };
    let staging = Staging::new(&real_out).map_err(|e| BuildError::Io(vec![io_error(&out, e)]))?;
    let assets = copy_static(&theme, root, (&files, &static_files), &css, &config.base_path, &staging, &mut diags);
    t.lap("static");
    let search_manifests = build_search(&config, &site, &staging, &mut diags);
    t.lap("search");
    tera.global_context().insert("data", &data.value);
    let mut build = Build {
        opts: opts.clone(),
        out: out.clone(),
        config,
        locales,
        tera,
        origins,
        alerts,
        files,
        site,
        history,
        inputs,
        assets,
        search_manifests,
        body_diags,
        other_diags: Vec::new(),
    };
    let (pages, render_diags) = build.with_env(|env| {
        let (report, render_diags) = render::render_pages(env, &staging);
        diags.extend(render::write_extras(env, &staging));
        diags.extend(env.locales.missing_warnings());
        (report.pages, render_diags)
    });
    for d in render_diags {
        build.body_diags.entry(d.path.clone()).or_default().push(d);
    }
    t.lap("render");

    build.other_diags = diags.sorted();
    let all = build.diagnostics();
    if all.iter().any(Diagnostic::is_error) {
        return Err(BuildError::Content(all));
    }
    staging.commit().map_err(|e| BuildError::Io(vec![io_error(&out, e)]))?;
    t.lap("write");
    let report = BuildReport { pages, warnings: all, stages: t.stages.clone(), elapsed: started.elapsed(), out };
    Ok((report, build))
}

/// A search index refresh, detached from the [`Build`] it came from.
pub struct SearchRefresh {
    jobs: Vec<(String, String, Vec<search::SearchRecord<'static>>)>,
    base_path: String,
    out: PathBuf,
}

impl SearchRefresh {
    /// Builds and writes the indexes; `still_current` is asked before
    /// writing, so an older refresh never overwrites a newer one.
    pub fn run(self, still_current: impl Fn() -> bool) -> Vec<Diagnostic> {
        let live = sink::LiveDir(self.out.clone());
        let mut diags = Vec::new();
        for (code, prefix, records) in self.jobs {
            let out = search::build_index(&code, &records, &self.base_path, &prefix);
            if !still_current() {
                return diags;
            }
            let keep: std::collections::HashSet<PathBuf> =
                out.files.iter().map(|(rel, _)| self.out.join(rel)).collect();
            diags.extend(write_search(&out, &live));
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
        let Some(file) = self.files.iter().find(|f| f.display == rel).cloned() else {
            return Update::NeedsFullBuild;
        };
        let Some(index) = self.site.docs.iter().position(|d| d.display == file.display) else {
            return Update::NeedsFullBuild;
        };
        if !root.join(&file.display).is_file() {
            return Update::NeedsFullBuild;
        }
        let new = match content::load_doc(&file) {
            Ok(d) => d,
            Err(e) => return Update::Failed(self.with_replaced(&file.display, vec![e])),
        };
        let old = &self.site.docs[index];
        if new.fm != old.fm {
            return Update::NeedsFullBuild;
        }
        let source_ids = (new.lang != self.site.languages[0])
            .then(|| self.source_of(&new.key).map(|s| s.rendered.heading_ids.clone()))
            .flatten();
        let labels = self.alerts.get(&new.lang).cloned().unwrap_or(AlertLabels { titles: Default::default() });
        let (new, mut diags) =
            content::render_doc(new, source_ids.as_deref(), &labels, highlighter, self.config.markdown.raw_html);
        let old = &self.site.docs[index];
        if new.rendered.h1 != old.rendered.h1 || new.rendered.heading_ids != old.rendered.heading_ids {
            return Update::NeedsFullBuild;
        }
        if let Some(src) = self.source_of(&new.key).filter(|_| new.lang != self.site.languages[0]) {
            diags.extend(content::heading_structure_warning(&new, src));
        }
        let previous = std::mem::replace(&mut self.site.docs[index], new);
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
        let render_diags = self.with_env(|env| {
            let mut diags = render::render_jobs(env, &jobs, &memory);
            diags.extend(render::status::write(env, &memory));
            diags
        });
        diags.extend(render_diags);
        let all = self.with_replaced(&file.display, diags.clone());
        if all.iter().any(Diagnostic::is_error) {
            self.site.docs[index] = previous;
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
            .map(|&li| {
                let lang = &self.config.languages[li];
                let records = search_records(&self.config, &self.site, li)
                    .into_iter()
                    .map(search::SearchRecord::into_owned)
                    .collect();
                (lang.code.clone(), lang.prefix.clone(), records)
            })
            .collect();
        SearchRefresh { jobs, base_path: self.config.base_path.clone(), out: self.out.clone() }
    }

    /// All diagnostics, with those of `path`'s body replaced by `replacement`.
    fn with_replaced(&self, path: &Path, replacement: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let mut all: Diagnostics = self.other_diags.iter().cloned().collect();
        all.extend(self.body_diags.iter().filter(|(p, _)| p.as_path() != path).flat_map(|(_, d)| d.iter().cloned()));
        all.extend(replacement);
        all.sorted()
    }

    fn source_of(&self, key: &str) -> Option<&content::Doc> {
        self.site.docs.iter().find(|d| d.key == key && d.lang == self.site.languages[0])
    }

    /// Every diagnostic of the build, sorted.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all: Diagnostics = self.other_diags.iter().cloned().collect();
        all.extend(self.body_diags.values().flatten().cloned());
        all.sorted()
    }

    /// Runs `f` with the render environment of this build.
    fn with_env<R>(&self, f: impl FnOnce(&RenderEnv<'_>) -> R) -> R {
        let asset_keys = self.files.iter().filter(|f| f.kind == FileKind::Asset).map(|f| f.key.clone());
        let resolver = Resolver::new(&self.site, asset_keys, &self.config.base_path);
        let env = RenderEnv {
            config: &self.config,
            site: &self.site,
            tera: &self.tera,
            origins: &self.origins,
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

/// Builds and writes the search index of every language; returns the
/// manifest URL of each. One language after the other, each index built on
/// all cores, its files written and dropped before the next: three
/// languages at once held three sets of token lists, and raised a 10k-page
/// build's peak memory by a sixth for no gain in time.
fn build_search(
    config: &SiteConfig,
    site: &Site,
    sink: &dyn sink::Sink,
    diags: &mut Diagnostics,
) -> HashMap<String, String> {
    let mut manifests = HashMap::new();
    if !config.search.enabled {
        return manifests;
    }
    for (li, lang) in config.languages.iter().enumerate() {
        let records = search_records(config, site, li);
        let out = search::build_index(&lang.code, &records, &config.base_path, &lang.prefix);
        drop(records);
        diags.extend(write_search(&out, sink));
        manifests.insert(lang.code.clone(), out.manifest_url);
    }
    manifests
}

fn write_search(search: &search::SearchOutput, sink: &dyn sink::Sink) -> Vec<Diagnostic> {
    search
        .files
        .par_iter()
        .filter_map(|(rel, b)| sink.write(rel, b).err().map(|e| (rel, e)))
        .map(|(rel, e)| Diagnostic::error(rel.clone(), 0, 0, format!("cannot write the search index: {e}")))
        .collect()
}

/// The search records of one language: every page's text by heading,
/// fallback copies included; pages with `search: false` and excluded
/// top-level sections left out. A page without text still gets one record,
/// so its title can be found.
fn search_records<'s>(config: &SiteConfig, site: &'s Site, li: usize) -> Vec<search::SearchRecord<'s>> {
    let mut out = Vec::new();
    for &n in &site.order {
        let v = &site.nodes[n].variants[li];
        let Some(doc) = site.doc(v) else { continue };
        let top = top_level(site, n);
        let top_key = top.map(|t| site.nodes[t].key.trim_end_matches("/_index.md"));
        if v.fm.search == Some(false) || top_key.is_some_and(|k| config.search.exclude.iter().any(|e| e == k)) {
            continue;
        }
        let section = top.map_or("", |t| site.nodes[t].variants[li].title.as_str());
        let url = format!("{}{}", config.base_path, v.path);
        let record = |id: &'s str, heading: &'s str, text: &'s str| search::SearchRecord {
            url: Cow::Owned(url.clone()),
            anchor: Cow::Borrowed(id),
            title: Cow::Borrowed(&v.title),
            heading: Cow::Borrowed(heading),
            text: Cow::Borrowed(text),
            section: Cow::Borrowed(section),
        };
        if doc.rendered.sections.is_empty() {
            out.push(record("", "", ""));
        }
        out.extend(doc.rendered.sections.iter().map(|s| record(&s.id, &s.heading, &s.text)));
    }
    out
}

/// The top-level section a node belongs to (`None` for the home page and
/// pages directly under it).
fn top_level(site: &Site, mut n: usize) -> Option<usize> {
    loop {
        match site.nodes[n].parent {
            None => return None,
            Some(0) => return (site.nodes[n].kind == content::NodeKind::Section).then_some(n),
            Some(p) => n = p,
        }
    }
}

pub(crate) fn unknown_highlight_theme(config: &SiteConfig, name: &str) -> Diagnostic {
    let key = if config.highlight.light == name { "light" } else { "dark" };
    let (line, col) = config.spans.value(&crate::yaml_path!["highlight", key]).unwrap_or((0, 0));
    Diagnostic::error("site.yaml", line, col, format!("unknown highlighting theme `{name}`"))
        .with_help(format!("available themes: {}", Highlighter::theme_names().join(", ")))
}

fn io_error(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(path.display().to_string(), 0, 0, format!("cannot write the output: {e}"))
}

/// Alert titles (`> [!NOTE]`…) in every language, from the UI strings.
pub(crate) fn alert_labels(config: &SiteConfig, locales: &Locales) -> HashMap<String, AlertLabels> {
    let ids = ["alert-note", "alert-tip", "alert-important", "alert-warning", "alert-caution"];
    config
        .languages
        .iter()
        .map(|l| (l.code.clone(), AlertLabels { titles: ids.map(|id| locales.text(&l.code, id)) }))
        .collect()
}

/// Copies theme and site static files and content assets; returns the
/// theme asset URLs with cache-busting versions.
fn copy_static(
    theme: &Theme,
    root: &Path,
    (files, static_files): (&[SourceFile], &[discover::StaticFile]),
    syntax_css: &str,
    base_path: &str,
    staging: &Staging,
    diags: &mut Diagnostics,
) -> AssetsCtx {
    let mut versions: HashMap<String, String> = HashMap::new();
    // Errors name the source file, relative to the site folder.
    let mut push_err = |path: &Path, e: std::io::Error| {
        let reason = crate::source_file::io_reason(&e);
        diags.push(Diagnostic::error(path, 0, 0, format!("cannot copy: {reason}")))
    };
    for (rel, f) in theme.files_under("static/") {
        versions.insert(rel.to_string(), short_hash(&f.bytes));
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
pub(crate) fn assets_ctx(base_path: &str, versions: &HashMap<String, String>) -> AssetsCtx {
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
        search_index: String::new(),
    }
}

/// First 10 hex digits of the SHA-256 of `bytes`.
pub fn short_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().take(5).map(|b| format!("{b:02x}")).collect()
}

/// The site's configuration and source documents, without rendering: what
/// the translation commands need.
fn load_sources(root: &Path) -> Result<(SiteConfig, Vec<content::Doc>), BuildError> {
    let config = SiteConfig::load(root, None).map_err(|d| BuildError::Content(d.sorted()))?;
    let (files, mut diags) = discover::discover(&config);
    let default_lang = config.default_language().code.clone();
    let (docs, load_diags) = content::load_docs(&files, LoadOptions { drafts: false, default_lang: &default_lang });
    diags.extend(load_diags);
    if diags.has_errors() {
        return Err(BuildError::Content(diags.sorted()));
    }
    Ok((config, docs))
}

/// `onramp i18n status`: translation state of every non-default language.
pub fn translation_status(root: &Path) -> Result<translation::StatusReport, BuildError> {
    let (config, docs) = load_sources(root)?;
    let theme = Theme::load(root, &config.theme).map_err(|d| BuildError::Content(d.sorted()))?;
    let (locales, _) = Locales::load(&theme, root, &config.default_language().code);
    let languages: Vec<(String, String)> = config.languages.iter().map(|l| (l.code.clone(), l.name.clone())).collect();
    Ok(translation::status(&docs, &languages, locales.ids()))
}

/// `onramp i18n stamp PATH…`: records the current source hash in each
/// translation. The site root is the nearest folder above the first path
/// holding `site.yaml`.
pub fn stamp_translations(paths: &[PathBuf]) -> Result<Vec<(PathBuf, String)>, BuildError> {
    let first = paths.first().map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())).unwrap_or_default();
    let Some(root) = first.ancestors().find(|a| a.join(crate::config::CONFIG_FILE).is_file()) else {
        let d = Diagnostic::error(first.display().to_string(), 0, 0, "no site.yaml found above this file")
            .with_help("give paths of translated pages inside an onramp site");
        return Err(BuildError::Io(vec![d]));
    };
    let (config, docs) = load_sources(root)?;
    let (done, diags) = translation::stamp(&docs, &config.default_language().code, root, paths);
    if diags.has_errors() {
        return Err(BuildError::Content(diags.sorted()));
    }
    Ok(done)
}
