//! Template, UI-string, data and menu changes for the dev server: the
//! inputs every page's template reads are loaded again into the state a
//! build left ([`Build`]), the pages they invalidate are named, and the dev
//! server renders those pages when they are asked for, or in the background
//! ([`Build::render_stale`]), instead of rebuilding the site.
//!
//! What a page's render reads besides its own document, and how a reload
//! knows it ([`Build::stale_pages`]):
//! - its layout template, the sidebar partial and, for a news listing, the
//!   feed template (`render::pages::page_templates`), and every template
//!   these extend, include or import and every file defining a component
//!   they call: `crate::template_deps` reads the tags of the sources the
//!   theme stage registered (Tera 2 keeps a template's parents and includes
//!   to itself). A page is stale when one of its templates was added,
//!   removed or edited; a template that names another by anything but a
//!   string literal reaches every template.
//! - the keys of `data` those templates read (`data.team`): a page is stale
//!   when the file of one of them changed; a template that uses `data`
//!   otherwise (`data[x]`, passed whole) reads every file. The layouts that
//!   read data files themselves (`layouts::reads_data_files`: directory,
//!   guide, community, meetings, videos) read every file.
//! - the UI strings of its language's fallback chain (`fr-CA` → `fr` → the
//!   default): a page is stale when a language of the chain has other
//!   `.ftl` files, or the chain itself changed (a locale folder added); a
//!   template that calls `t()` with `lang=`, or binds the `lang` variable
//!   `t()` reads, reads every language.
//! - the menu: a `site.yaml` save makes every page stale.
//!
//! The map is never too small; when in doubt (a template whose layout does
//! not exist, no templates loaded before) every page is stale. The files
//! rendered beside the pages from templates (404 pages, sitemap, alias
//! redirects, status pages) are stale after every reload, and so are the
//! pages still stale from an earlier one or whose last render failed
//! (`serve::live`). The open pages are rendered first, so a save reloads a
//! browser in the time of one page either way; the map shortens the
//! catch-up to the pages that can change.

use super::{Build, io_error};
use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Locales;
use crate::render;
use crate::sink;
use crate::template_deps::Reach;
use crate::theme::Theme;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// A page: (node, language) indexes.
pub type PageJob = (usize, usize);

/// Outputs whose render failed: a page, or `None` for the extra files,
/// with the errors.
pub type RenderFailures = Vec<(Option<PageJob>, Vec<Diagnostic>)>;

/// What [`Build::reload_inputs`] did.
#[derive(Debug)]
pub enum Reload {
    /// The new templates, strings, data or menu are in place; these pages
    /// (those the change can reach, [`Build::stale_pages`]) and the extra
    /// files are stale until rendered again ([`Build::render_stale`]).
    Stale(Vec<PageJob>),
    /// The new inputs have errors: nothing changed, the last good output stays.
    Failed(Vec<Diagnostic>),
    /// The change reaches further than rendering (it moves pages, or changes
    /// the rendered markdown): rebuild everything. The text says why.
    NeedsFullBuild(String),
}

impl Build {
    /// Loads the templates, UI strings (`.ftl`) and data files again, and
    /// `site.yaml` when `config` is true. A `site.yaml` change that touches
    /// only the menu is taken in; any other needs a full build.
    pub fn reload_inputs(&mut self, config: bool) -> Reload {
        let root = self.opts.root.clone();
        let new_config = if config {
            match SiteConfig::load(&root, self.opts.base_url.as_deref()) {
                Ok(c) => match menu_only_change(&self.config, c) {
                    Ok(c) => Some(c),
                    Err(()) => {
                        return Reload::NeedsFullBuild(
                            "site.yaml changed more than the menu: rebuilding the whole site".into(),
                        );
                    }
                },
                Err(d) => return Reload::Failed(d.sorted()),
            }
        } else {
            None
        };
        let config = new_config.as_ref().unwrap_or(&self.config);
        let theme = match Theme::load(&root, &config.theme) {
            Ok(t) => t,
            Err(d) => return Reload::Failed(d.sorted()),
        };
        let mut diags = Diagnostics::new();
        let (locales, locale_diags) = Locales::load(&theme, &root, &config.default_language().code);
        diags.extend(locale_diags);
        let locales = Arc::new(locales);
        let templates = theme.tera(&|tera| locales.register(tera)).map_err(|d| diags.extend(d)).ok();
        let (data, data_diags) = crate::data::read(&root);
        diags.extend(data_diags);
        let Some((mut tera, origins)) = templates.filter(|_| !diags.has_errors()) else {
            return Reload::Failed(diags.sorted().into_iter().filter(Diagnostic::is_error).collect());
        };
        // Callout and video labels are part of the rendered markdown.
        let alerts = crate::markdown::stage::alert_labels(config, &locales);
        if !same_labels(&alerts, &self.alerts) {
            return Reload::NeedsFullBuild("the callout or video labels changed: rebuilding the whole site".into());
        }
        tera.global_context().insert("data", &data.value);
        let inputs =
            crate::layouts::inputs::load(config, &self.site, &data, &self.files, self.static_files.iter().cloned());
        let old_deps = self.templates.as_ref().map(|(_, o)| &o.deps);
        let ftl = locales.changed_since(&self.locales);
        let changes = Changes {
            everything: old_deps.is_none()
                || new_config.as_ref().is_some_and(|c| format!("{c:?}") != format!("{:?}", self.config)),
            templates: old_deps.map(|d| origins.deps.changed_since(d)).unwrap_or_default(),
            data: crate::data::changed_keys(&self.data_files, &data.files),
            languages: config.languages.iter().map(|l| locales.reads_changed(&self.locales, &l.code, &ftl)).collect(),
            any_language: !ftl.is_empty(),
        };
        if let Some(c) = new_config {
            self.config = c;
        }
        self.locales = locales;
        self.templates = Some((tera, origins));
        self.inputs = inputs;
        self.data_files = data.files;
        Reload::Stale(self.stale_pages(&changes))
    }

    /// The pages `changes` can change (see the module doc), in the order
    /// of [`Build::all_page_jobs`].
    pub fn stale_pages(&self, changes: &Changes) -> Vec<PageJob> {
        let Some((_, origins)) = &self.templates else { return self.all_page_jobs() };
        let deps = &origins.deps;
        let anything =
            changes.everything || !changes.templates.is_empty() || !changes.data.is_empty() || changes.any_language;
        // Per layout: what its templates reach, whether its template
        // exists, whether it reads data files itself.
        let mut layouts: HashMap<String, (Reach, bool, bool)> = HashMap::new();
        let mut stale = |n: usize, l: usize| -> bool {
            if changes.everything || changes.languages.get(l).is_none_or(|&c| c) {
                return true;
            }
            let layout = render::pages::layout_of(&self.site, n, l);
            let (reach, exists, reads_data) = layouts.entry(layout).or_insert_with_key(|layout| {
                let roots = render::pages::page_templates(layout);
                let roots: Vec<&str> = roots.iter().map(String::as_str).collect();
                (deps.reach(&roots), deps.contains(roots[0]), crate::layouts::reads_data_files(layout))
            });
            // A page without its layout template shows an error that lists the layouts.
            (!*exists && anything)
                || reach.touches_templates(&changes.templates)
                || reach.data.touches(&changes.data)
                || (*reads_data && !changes.data.is_empty())
                || (reach.any_language && changes.any_language)
        };
        self.all_page_jobs().into_iter().filter(|&(n, l)| stale(n, l)).collect()
    }

    /// Every page of the site, in reading order per language, the default
    /// language first.
    pub fn all_page_jobs(&self) -> Vec<PageJob> {
        let languages = self.config.languages.len();
        let order = self.site.order.iter().copied();
        let mut seen = vec![false; self.site.nodes.len()];
        let mut nodes: Vec<usize> = order.filter(|&n| !std::mem::replace(&mut seen[n], true)).collect();
        nodes.extend((0..self.site.nodes.len()).filter(|&n| !seen[n]));
        (0..languages).flat_map(|l| nodes.iter().map(move |&n| (n, l))).collect()
    }

    /// The output folder of each page (`guide/install/`, `fr/`), to find
    /// the page a URL shows.
    pub fn page_paths(&self) -> HashMap<String, PageJob> {
        let mut out = HashMap::new();
        for (n, node) in self.site.nodes.iter().enumerate() {
            for (l, v) in node.variants.iter().enumerate() {
                out.insert(v.path.clone(), (n, l));
            }
        }
        out
    }

    /// Renders `pages` (and, with `extras`, the files rendered beside the
    /// pages from templates: 404 pages, alias redirects, sitemap, status
    /// pages) with the current templates, and writes those that rendered
    /// without error into the output folder. Returns the number of files
    /// written and the pages (or `None` for the extras) that failed, with
    /// their errors; those keep their last good output. `None` when `stop`
    /// said to give way before the end: then some or none of the outputs
    /// were written.
    pub fn render_stale(
        &self,
        pages: &[PageJob],
        extras: bool,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Option<(usize, RenderFailures)> {
        match self.render_into_live(pages, extras, stop)? {
            Ok(written) => Some((written, Vec::new())),
            Err(errors) if pages.len() + usize::from(extras) <= 1 => {
                let what = if extras { None } else { pages.first().copied() };
                Some((0, vec![(what, errors)]))
            }
            // One at a time, to keep the good ones and name the bad ones.
            Err(_) => {
                let mut written = 0;
                let mut failed = Vec::new();
                let one_by_one = pages.iter().map(|&p| (Some(p), vec![p], false));
                for (what, jobs, extras) in one_by_one.chain(extras.then(|| (None, Vec::new(), true))) {
                    match self.render_into_live(&jobs, extras, stop)? {
                        Ok(n) => written += n,
                        Err(e) => failed.push((what, e)),
                    }
                }
                Some((written, failed))
            }
        }
    }

    /// `None` when stopped (nothing written).
    fn render_into_live(
        &self,
        pages: &[PageJob],
        extras: bool,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Option<Result<usize, Vec<Diagnostic>>> {
        let memory = sink::MemorySink::default();
        let diags = self.with_env(|env| {
            let mut diags = Diagnostics::new();
            if !pages.is_empty() {
                diags.extend(render::render_jobs_until(env, pages, &memory, stop));
            }
            if extras && !stop() {
                diags.extend(render::extras::write_extras(env, &memory));
                diags.extend(render::status::write(env, &memory));
            }
            diags
        });
        if stop() {
            return None;
        }
        let diags = crate::links::apply_level(diags.sorted(), self.config.check.broken_links).0;
        let errors: Vec<Diagnostic> = diags.into_iter().filter(Diagnostic::is_error).collect();
        if !errors.is_empty() {
            return Some(Err(errors));
        }
        Some(memory.flush_into(&sink::LiveDir(self.out.clone())).map_err(|e| vec![io_error(&self.out, e)]))
    }
}

/// What a reload changed, to find the pages it makes stale
/// ([`Build::stale_pages`]).
#[derive(Debug, Default)]
pub struct Changes {
    /// Every page is stale (the menu changed; nothing was rendered before).
    pub everything: bool,
    /// Templates added, removed or edited, by name.
    pub templates: BTreeSet<String>,
    /// Keys of `data` (data file stems) whose file was added, removed or edited.
    pub data: BTreeSet<String>,
    /// Per site language (index): its UI strings may read differently.
    pub languages: Vec<bool>,
    /// Some language's `.ftl` files changed.
    pub any_language: bool,
}

/// `new` when it differs from `old` in the menu only (its entries, or a
/// language's menu labels): what rendering alone can take in. Compared as
/// their `Debug` text with the menu and the positions set equal, so any
/// other difference, including one in a field added later, asks for a full
/// build.
fn menu_only_change(old: &SiteConfig, new: SiteConfig) -> Result<SiteConfig, ()> {
    let mut same = new.clone();
    same.menu = old.menu.clone();
    same.spans = old.spans.clone();
    if same.languages.len() != old.languages.len() {
        return Err(());
    }
    for (l, o) in same.languages.iter_mut().zip(&old.languages) {
        l.menu = o.menu.clone();
    }
    if format!("{same:?}") == format!("{old:?}") { Ok(new) } else { Err(()) }
}

fn same_labels(
    a: &HashMap<String, crate::markdown::AlertLabels>,
    b: &HashMap<String, crate::markdown::AlertLabels>,
) -> bool {
    a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| format!("{v:?}") == format!("{w:?}")))
}
