//! The build `onramp check` inspects: the pipeline's stages, in the order of
//! [`crate::pipeline`], with the rendered files kept in memory
//! ([`MemorySink`]) and nothing written. Stages go on after errors as far as
//! they can, so a site with build errors still gets checked.

use crate::config::SiteConfig;
use crate::content::{self, LoadOptions, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::discover::{self, FileKind, SourceFile};
use crate::highlight::Highlighter;
use crate::i18n::Locales;
use crate::links::Resolver;
use crate::pipeline::{self, BuildError};
use crate::render::{self, RenderEnv};
use crate::sink::MemorySink;
use crate::theme::Theme;
use crate::{data, git, translation};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

/// What the in-memory build produced.
pub struct Built {
    /// Site configuration.
    pub config: SiteConfig,
    /// The site model.
    pub site: Site,
    /// Discovered source files.
    pub files: Vec<SourceFile>,
    /// Rendered output files by path under the output root (empty when the
    /// templates could not be loaded).
    pub outputs: HashMap<String, Vec<u8>>,
    /// Output paths of copied files: theme and site static files, content assets.
    pub copied: HashSet<String>,
    /// Every diagnostic of the build.
    pub diagnostics: Vec<Diagnostic>,
    /// Translation status of every language but the default.
    pub translations: translation::StatusReport,
}

impl Built {
    /// Keys of the content assets (`docs/img.png`).
    pub fn asset_keys(&self) -> impl Iterator<Item = String> + '_ {
        self.files.iter().filter(|f| f.kind == FileKind::Asset).map(|f| f.key.clone())
    }
}

/// Runs the build stages without writing. `Err` only when there is no site
/// to check (no or invalid `site.yaml`, unloadable theme).
pub fn build(root: &Path) -> Result<Built, BuildError> {
    let config = SiteConfig::load(root, None).map_err(|d| {
        let missing = !root.join(crate::config::CONFIG_FILE).is_file();
        if missing { BuildError::Io(d.sorted()) } else { BuildError::Content(d.sorted()) }
    })?;
    let mut diags = Diagnostics::new();
    let theme = Theme::load(root, &config.theme).map_err(|d| BuildError::Content(d.sorted()))?;
    let default_lang = config.default_language().code.clone();
    let (locales, locale_diags) = Locales::load(&theme, root, &default_lang);
    diags.extend(locale_diags);
    let locales = Arc::new(locales);
    let tera = theme.tera(&|tera| locales.register(tera)).map_err(|d| diags.extend(d)).ok();
    let (data, data_diags) = data::read(root);
    diags.extend(data_diags);
    let highlighter = Highlighter::new();
    let css = highlighter
        .use_themes(&config.highlight.light, &config.highlight.dark)
        .map_err(|name| diags.push(pipeline::unknown_highlight_theme(&config, &name)))
        .ok();

    let (files, discover_diags) = discover::discover(&config);
    diags.extend(discover_diags);
    let (docs, load_diags) = content::load_docs(&files, LoadOptions { drafts: false, default_lang: &default_lang });
    diags.extend(load_diags);
    diags.extend(docs.iter().filter(|d| d.lang != default_lang).filter_map(translation::check_stamp));
    let alerts = pipeline::alert_labels(&config, &locales);
    let (docs, md_diags) = content::render_docs(docs, &default_lang, &alerts, &highlighter, config.markdown.raw_html);
    diags.extend(md_diags);
    let (site, site_diags) = Site::build(&config, docs);
    diags.extend(site_diags);

    let languages: Vec<(String, String)> = config.languages.iter().map(|l| (l.code.clone(), l.name.clone())).collect();
    let translations = translation::status(&site.docs, &languages, locales.ids());

    let mut copied: HashSet<String> = theme.files_under("static/").map(|(rel, _)| rel.to_string()).collect();
    copied.insert("theme/syntax.css".into());
    let (static_files, static_diags) = discover::static_files(root);
    diags.extend(static_diags);
    let inputs =
        crate::layouts::inputs::load(&config, &site, &data, &files, static_files.iter().map(|f| f.rel.clone()));
    copied.extend(static_files.into_iter().map(|f| f.rel));
    copied.extend(files.iter().filter(|f| f.kind == FileKind::Asset).map(|f| f.key.clone()));

    let mut outputs = HashMap::new();
    if let (Some((mut tera, origins)), Some(_)) = (tera, css) {
        tera.global_context().insert("data", &data.value);
        let (authors, ranges) = crate::layouts::git_wanted(&config, &site);
        let history = git::History::read(root, authors, ranges);
        let asset_keys = files.iter().filter(|f| f.kind == FileKind::Asset).map(|f| f.key.clone());
        let resolver = Resolver::new(&site, asset_keys, &config.base_path);
        let env = RenderEnv {
            config: &config,
            site: &site,
            tera: &tera,
            origins: &origins,
            locales: &locales,
            resolver: &resolver,
            history: &history,
            inputs: &inputs,
            assets: crate::pipeline::assets_ctx(&config.base_path, &HashMap::new()),
            search_manifests: HashMap::new(),
        };
        let sink = MemorySink::default();
        let (_, render_diags) = render::render_pages(&env, &sink);
        diags.extend(render_diags);
        diags.extend(render::write_extras(&env, &sink));
        diags.extend(env.locales.missing_warnings());
        outputs = sink.0.into_inner().unwrap_or_default().into_iter().collect();
    }
    Ok(Built { config, site, files, outputs, copied, diagnostics: diags.sorted(), translations })
}
