//! `getting-started`.

use super::LayoutCtx;
use crate::diagnostics::Diagnostic;
use crate::render::RenderEnv;
use serde::Serialize;

/// `layout_data.getting_started`.
#[derive(Debug, Clone, Serialize)]
pub struct GettingStartedCtx {}

/// `layout_data.path`.
#[derive(Debug, Clone, Serialize)]
pub struct PathProgressCtx {}

/// Members of every path.
#[derive(Debug, Default)]
pub struct PathIndex {}

impl PathIndex {
    /// Indexes the site.
    pub fn new(_env: &RenderEnv<'_>) -> PathIndex {
        PathIndex {}
    }

    /// Progress of a page.
    pub fn progress(&self, _env: &RenderEnv<'_>, _node: usize, _lang: usize) -> Option<PathProgressCtx> {
        None
    }
}

/// The page.
pub fn build(_env: &RenderEnv<'_>, _node: usize, _lang: usize) -> (LayoutCtx, Vec<Diagnostic>) {
    (LayoutCtx::default(), Vec::new())
}
