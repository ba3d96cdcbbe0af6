//! The stages up to loading, for the commands that need the sources and
//! not a rendered site: `onramp i18n status` and `onramp i18n stamp`.

use super::BuildError;
use crate::config::SiteConfig;
use crate::content::{self, LoadOptions};
use crate::diagnostics::Diagnostic;
use crate::discover;
use crate::i18n::Locales;
use crate::theme::Theme;
use crate::translation;
use std::path::{Path, PathBuf};

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
    let ui_ids = locales.ids_read_by(languages.iter().map(|l| l.0.as_str()));
    Ok(translation::status(&docs, &languages, &ui_ids))
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
