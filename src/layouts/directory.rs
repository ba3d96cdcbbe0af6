//! `directory`.

use super::LayoutCtx;
use crate::diagnostics::Diagnostic;
use crate::render::RenderEnv;
use serde::Serialize;

/// `layout_data.directory`.
#[derive(Debug, Clone, Serialize)]
pub struct DirectoryCtx {}

/// The directory.
pub fn build(_env: &RenderEnv<'_>, _node: usize, _lang: usize) -> (LayoutCtx, Vec<Diagnostic>) {
    (LayoutCtx::default(), Vec::new())
}
