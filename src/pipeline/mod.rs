//! The build, as an ordered list of stages ([`stages`]): configuration,
//! theme, discovery, loading, markdown, site model, static files, render,
//! search. Each stage takes the previous stages' outputs and returns its own
//! plus diagnostics; problems are collected across stages. `onramp build`
//! and `onramp serve` run the stages into a staging folder and swap it in
//! only when no stage found an error ([`build_site`]); `onramp check` runs
//! the same stages into a sink that keeps what it inspects
//! (`crate::check::build`). [`update`] re-renders one document's pages for
//! the dev server.

mod reach;
mod reload;
mod sources;
mod update;

pub use crate::timing::Stage;
pub use reload::{PageJob, Reload};
pub use sources::{stamp_translations, translation_status};
pub use update::{SearchRefresh, Update};

use crate::config::SiteConfig;
use crate::content::{self, LoadOptions, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::discover::{self, SourceFile};
use crate::highlight::{self, Highlighter};
use crate::i18n::Locales;
use crate::markdown::stage::MarkdownOptions;
use crate::markdown::{self, AlertLabels, Rendered};
use crate::output::{self, Staging};
use crate::render::context::AssetsCtx;
use crate::render::{self, assets};
use crate::sink::{Discard, Sink};
use crate::theme::{TemplateOrigins, Theme};
use crate::timing::Timer;
use crate::{data, git, search, translation};
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
    /// Broken links the build found, and the level (`check.broken_links`)
    /// that let it succeed anyway: reported as warnings (`warn`) or not
    /// reported (`off`).
    pub broken_links: (usize, crate::schema::check::Level),
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

/// The state the stages leave behind: everything the render stage read,
/// kept by the dev server to update one page without rebuilding the rest
/// ([`Build::update_page`]) and by `onramp check` to inspect the site.
pub struct Build {
    /// Options the build ran with.
    pub opts: BuildOptions,
    /// Output folder.
    pub out: PathBuf,
    /// Site configuration.
    pub config: SiteConfig,
    pub(crate) locales: Arc<Locales>,
    /// Templates, and their file names for errors; `None` when they failed
    /// to load (nothing was rendered).
    pub(crate) templates: Option<(tera::Tera, TemplateOrigins)>,
    pub(crate) alerts: HashMap<String, AlertLabels>,
    /// Discovered source files.
    pub files: Vec<SourceFile>,
    /// The files pages include into code blocks, read at the loading stage.
    pub includes: content::Includes,
    /// Output paths of the site's `static/` files.
    pub static_files: Vec<String>,
    /// The site model.
    pub site: Site,
    /// Every document's rendered markdown, by document index.
    pub rendered: Vec<Rendered>,
    pub(crate) history: git::History,
    /// What the layouts read besides the site model, read at load.
    pub(crate) inputs: crate::layouts::inputs::LayoutInputs,
    /// The data files as read (`data` in templates is made of them): what
    /// a reload compares to know which keys of `data` changed.
    pub(crate) data_files: Vec<crate::data::DataFile>,
    pub(crate) assets: AssetsCtx,
    pub(crate) search_manifests: HashMap<String, String>,
    /// Pages rendered per language code.
    pub pages: Vec<(String, usize)>,
    /// Diagnostics of the markdown and render stages, by document path:
    /// what an incremental update recomputes.
    pub(crate) body_diags: HashMap<PathBuf, Vec<Diagnostic>>,
    /// All other diagnostics.
    pub(crate) other_diags: Vec<Diagnostic>,
}

/// Where a run of the stages writes: `onramp build` and `onramp serve` into
/// a staging folder beside the output ([`Folder`]), `onramp check` into a
/// sink that keeps what it inspects.
pub trait Target {
    /// What the stages write into.
    type Sink: Sink;
    /// Called once `site.yaml` is read, before any other stage (the output
    /// folder is checked before anything is read or written).
    fn prepare(&mut self, _config: &SiteConfig) -> Result<(), BuildError> {
        Ok(())
    }
    /// Opens the sink, once the templates have loaded.
    fn open(&mut self) -> Result<Self::Sink, BuildError>;
    /// True when an error means the output is thrown away (a build), so
    /// that once the stages before rendering have found one, nothing is
    /// copied, indexed or written: pages are still rendered, into
    /// [`Discard`], for the errors only rendering finds.
    fn discards_after_errors(&self) -> bool {
        false
    }
    /// True when the state is kept after the stages ([`Build`]: the dev
    /// server updates pages from it, `onramp check` inspects it). A build
    /// that keeps nothing drops what no later stage reads as soon as it can
    /// (each document's body once rendered, each rendered body once every
    /// page is written), which lowers its peak memory.
    fn keeps_state(&self) -> bool {
        true
    }
}

/// The output folder of a build: checked first, written through a staging
/// folder swapped in by [`Staging::commit`].
pub struct Folder {
    out: PathBuf,
    force: bool,
    root: PathBuf,
    real: Option<PathBuf>,
    keep: bool,
}

impl Folder {
    /// The output folder `opts` names (`root/public` when none).
    pub fn new(opts: &BuildOptions) -> Folder {
        let out = opts.out.clone().unwrap_or_else(|| opts.root.join("public"));
        Folder { out, force: opts.force, root: opts.root.clone(), real: None, keep: true }
    }

    /// The same folder, for a build whose state is not kept afterwards
    /// (`onramp build`): see [`Target::keeps_state`].
    pub fn once(opts: &BuildOptions) -> Folder {
        Folder { keep: false, ..Folder::new(opts) }
    }
}

impl Target for Folder {
    type Sink = Staging;

    fn prepare(&mut self, config: &SiteConfig) -> Result<(), BuildError> {
        let mounted: Vec<PathBuf> = config.mount.keys().map(PathBuf::from).collect();
        let real = output::check_output_dir(&self.root, &self.out, &mounted, self.force)
            .map_err(|d| BuildError::Io(vec![d]))?;
        output::clean_leftovers(&real);
        self.real = Some(real);
        Ok(())
    }

    fn discards_after_errors(&self) -> bool {
        true
    }

    fn keeps_state(&self) -> bool {
        self.keep
    }

    fn open(&mut self) -> Result<Staging, BuildError> {
        let real = self.real.as_deref().unwrap_or(&self.out);
        Staging::new(real).map_err(|e| BuildError::Io(vec![io_error(&self.out, e)]))
    }
}

/// Every stage, in order: what `onramp build`, `onramp serve` and
/// `onramp check` all run. Content problems do not stop it: each stage goes
/// on with what the previous ones could make, and the diagnostics are in the
/// returned [`Build`] ([`Build::diagnostics`]); the caller decides what an
/// error means. `Err` only when there is nothing to go on with (no valid
/// `site.yaml`, no theme, an output folder that is refused). The sink is
/// returned only when the templates loaded and pages were rendered into it.
pub fn stages<T: Target>(
    opts: &BuildOptions,
    highlighter: &Highlighter,
    target: &mut T,
    t: &mut Timer,
) -> Result<(Build, Option<T::Sink>), BuildError> {
    let root = opts.root.as_path();
    let config = SiteConfig::load(root, opts.base_url.as_deref()).map_err(|d| {
        // No site.yaml at all is a usage problem (wrong folder), not a content error.
        let missing = !root.join(crate::config::CONFIG_FILE).is_file();
        if missing { BuildError::Io(d.sorted()) } else { BuildError::Content(d.sorted()) }
    })?;
    target.prepare(&config)?;
    let mut diags = Diagnostics::new();
    t.lap("config");

    let theme = Theme::load(root, &config.theme).map_err(|d| BuildError::Content(d.sorted()))?;
    let (locales, locale_diags) = Locales::load(&theme, root, &config.default_language().code);
    diags.extend(locale_diags);
    let locales = Arc::new(locales);
    let templates = theme.tera(&|tera| locales.register(tera)).map_err(|d| diags.extend(d)).ok();
    let (data, data_diags) = data::read(root);
    diags.extend(data_diags);
    let syntax_css = highlighter
        .use_themes(&config.highlight.light, &config.highlight.dark)
        .map_err(|name| diags.push(highlight::unknown_highlight_theme(&config, &name)))
        .ok();
    t.lap("theme");

    let (files, discover_diags) = discover::discover(&config);
    diags.extend(discover_diags);
    let (static_files, static_diags) = discover::static_files(root);
    let static_found = !static_diags.has_errors();
    diags.extend(static_diags);
    let default_lang = config.default_language().code.clone();
    let (docs, load_diags) =
        content::load_docs(&files, LoadOptions { drafts: opts.drafts, default_lang: &default_lang });
    diags.extend(load_diags);
    diags.extend(docs.iter().filter(|d| d.lang != default_lang).filter_map(translation::check_stamp));
    let includes = content::includes::read(&config, &docs);
    t.lap("load");

    let alerts = markdown::stage::alert_labels(&config, &locales);
    let site_files = markdown::video::SiteFiles::new(site_file_paths(&files, static_files.iter().map(|f| &f.rel)));
    let md = MarkdownOptions {
        default_lang: &default_lang,
        alerts: &alerts,
        highlighter,
        raw_html: config.markdown.raw_html,
        site_files: &site_files,
        includes: &includes,
        versions: &config.versions,
    };
    let mut docs = docs;
    // The markdown copies of `outputs:` are written from each body when its
    // pages are rendered: those builds keep the bodies.
    let keep_bodies = target.keeps_state() || config.outputs.any();
    let (rendered, md_diags) = markdown::stage::render_docs(&mut docs, &md, keep_bodies);
    highlighter.end_of_build();
    let mut body_diags: HashMap<PathBuf, Vec<Diagnostic>> = HashMap::new();
    for d in md_diags {
        body_diags.entry(d.path.clone()).or_default().push(d);
    }
    t.lap("markdown");

    let h1: Vec<Option<String>> = rendered.iter().map(|r| r.h1.clone()).collect();
    let (site, site_diags) = Site::build(&config, docs, &h1);
    diags.extend(site_diags);
    let inputs =
        crate::layouts::inputs::load(&config, &site, &data, &files, static_files.iter().map(|f| f.rel.clone()));
    let (authors, ranges) = crate::layouts::git_wanted(&config, &site);
    let history = git::History::read(root, authors, ranges);
    t.lap("site");

    let mut build = Build {
        opts: opts.clone(),
        out: opts.out.clone().unwrap_or_else(|| root.join("public")),
        config,
        locales,
        templates: None,
        alerts,
        files,
        includes,
        static_files: static_files.iter().map(|f| f.rel.clone()).collect(),
        site,
        rendered,
        history,
        inputs,
        data_files: data.files.clone(),
        assets: AssetsCtx::default(),
        search_manifests: HashMap::new(),
        pages: Vec::new(),
        body_diags,
        other_diags: Vec::new(),
    };
    let (Some((mut tera, origins)), Some(css)) = (templates, syntax_css) else {
        build.other_diags = diags.sorted();
        return Ok((build, None));
    };
    tera.global_context().insert("data", &data.value);
    build.templates = Some((tera, origins));
    let failed = diags.has_errors() || build.body_diags.values().flatten().any(Diagnostic::is_error);
    if failed && target.discards_after_errors() {
        // Nothing will be kept: the files are only named, not written, and
        // no search index is built.
        let pass = Pass { with_search: false, keep: true };
        write_site(&mut build, &theme, &static_files, static_found, &css, &Discard::default(), pass, &mut diags, t);
        build.other_diags = diags.sorted();
        return Ok((build, None));
    }
    let sink = target.open()?;
    let pass = Pass { with_search: true, keep: target.keeps_state() };
    write_site(&mut build, &theme, &static_files, static_found, &css, &sink, pass, &mut diags, t);
    build.other_diags = diags.sorted();
    Ok((build, Some(sink)))
}

/// The output paths of the site's files that discovery found: content
/// assets by key, `static/` files by their path under it.
pub(crate) fn site_file_paths<'f>(
    files: &'f [SourceFile],
    static_files: impl Iterator<Item = &'f String> + 'f,
) -> impl Iterator<Item = String> + 'f {
    let assets = files.iter().filter(|f| f.kind == discover::FileKind::Asset).map(|f| f.key.clone());
    assets.chain(static_files.cloned())
}

/// What [`write_site`] does besides the pages.
#[derive(Clone, Copy)]
struct Pass {
    /// Build the search index (unless `search.enabled` is off).
    with_search: bool,
    /// Keep every rendered body (see [`Target::keeps_state`]).
    keep: bool,
}

/// The stages that write: static files, every page and the files beside
/// them, the check of site-root links against what was written, and the
/// search index (unless it is left out). Pages only need the index's
/// manifest URLs, which do not depend on its content, so the index is built
/// after them: a build that keeps no state drops the rendered bodies first,
/// and the index, which reads only the text by heading, is built without
/// every page's HTML held beside it.
#[allow(clippy::too_many_arguments)]
fn write_site(
    build: &mut Build,
    theme: &Theme,
    static_files: &[discover::StaticFile],
    static_found: bool,
    css: &str,
    sink: &dyn Sink,
    pass: Pass,
    diags: &mut Diagnostics,
    t: &mut Timer,
) {
    let config = &build.config;
    let errors_before = diags.error_count();
    let diagrams = build.rendered.iter().any(|r| r.diagrams);
    build.assets = assets::copy_static(theme, config, &build.files, static_files, css, diagrams, sink, diags);
    // Files that could not be found or copied are errors already: site-root
    // links to them would only repeat those.
    let copied_all = static_found && diags.error_count() == errors_before;
    t.lap("static");
    if pass.with_search {
        build.search_manifests = search::site::manifest_urls(&build.config);
    }
    let render_diags = render_all(build, sink, diags);
    build.body_diags_extend(render_diags);
    if copied_all {
        let root_diags = build.with_env(|env| unpublished_root_links(env, sink, 0..env.site.docs.len()));
        build.body_diags_extend(root_diags);
    }
    t.lap("render");
    if pass.with_search {
        if !pass.keep {
            build.rendered.iter_mut().for_each(markdown::Rendered::keep_search_text);
        }
        search::site::build_search(&build.config, &build.site, &build.rendered, sink, diags);
        t.lap("search");
    }
}

/// The render stage: every page, and the files beside them, into `sink`.
/// Returns the diagnostics of the pages (kept by document for incremental
/// updates); the others go into `diags`.
fn render_all(build: &mut Build, sink: &dyn Sink, diags: &mut Diagnostics) -> Vec<Diagnostic> {
    let (pages, render_diags) = build.with_env(|env| {
        let (report, render_diags) = render::render_pages(env, sink);
        diags.extend(render::write_extras(env, sink));
        diags.extend(env.locales.missing_warnings());
        (report.pages, render_diags)
    });
    build.pages = pages;
    render_diags.into_iter().collect()
}

/// Site-root links (`/docs/a/`) of documents `docs` under which nothing was
/// written into `sink` (and that are not forge links): judged by what was
/// written, each path looked up once. `onramp check` judges them with the
/// same function over what it keeps.
pub(crate) fn unpublished_root_links(
    env: &render::RenderEnv<'_>,
    sink: &dyn Sink,
    docs: impl Iterator<Item = usize>,
) -> Vec<Diagnostic> {
    let mut seen: HashMap<String, bool> = HashMap::new();
    let mut exists = |rel: &str| *seen.entry(rel.to_string()).or_insert_with(|| sink.exists(rel).unwrap_or(true));
    docs.flat_map(|d| env.resolver.unpublished_root_links(d, &mut exists)).collect()
}

/// Builds the site described by `opts`.
pub fn build_site(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let mut t = Timer::new(Instant::now());
    build_into_folder(Folder::once(opts), opts, &Highlighter::new(), &mut t).map(|(report, _)| report)
}

/// Builds the site described by `opts`, and returns the time of each stage
/// that ran, whether the build succeeded or not (`onramp build --verbose`).
pub fn build_site_timed(opts: &BuildOptions) -> (Result<BuildReport, BuildError>, Vec<Stage>) {
    let mut t = Timer::new(Instant::now());
    let result = build_into_folder(Folder::once(opts), opts, &Highlighter::new(), &mut t).map(|(report, _)| report);
    (result, t.stages)
}

/// Builds the whole site; on success also returns the state for incremental
/// updates. `highlighter` is passed in so a long-running server loads the
/// syntax set once.
pub fn full_build(opts: &BuildOptions, highlighter: &Highlighter) -> (Result<BuildReport, BuildError>, Option<Build>) {
    match build_into_folder(Folder::new(opts), opts, highlighter, &mut Timer::new(Instant::now())) {
        Ok((report, build)) => (Ok(report), Some(build)),
        Err(e) => (Err(e), None),
    }
}

/// [`stages`] into the output folder, which the staging folder replaces
/// only when no stage found an error.
fn build_into_folder(
    mut folder: Folder,
    opts: &BuildOptions,
    highlighter: &Highlighter,
    t: &mut Timer,
) -> Result<(BuildReport, Build), BuildError> {
    let started = t.last;
    let (build, staging) = stages(opts, highlighter, &mut folder, t)?;
    let (all, broken) = build.diagnostics_and_broken_links();
    let Some(staging) = staging.filter(|_| !all.iter().any(Diagnostic::is_error)) else {
        return Err(BuildError::Content(all));
    };
    staging.commit().map_err(|e| BuildError::Io(vec![io_error(&folder.out, e)]))?;
    t.lap("write");
    let report = BuildReport {
        pages: build.pages.clone(),
        warnings: all,
        stages: t.stages.clone(),
        elapsed: started.elapsed(),
        out: folder.out.clone(),
        broken_links: (broken, build.config.check.broken_links),
    };
    Ok((report, build))
}

pub(crate) fn io_error(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(path.display().to_string(), 0, 0, format!("cannot write the output: {e}"))
}
