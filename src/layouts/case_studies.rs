//! `case-studies` and `case-study`.

use super::LayoutCtx;
use crate::diagnostics::Diagnostic;
use crate::render::RenderEnv;
use serde::Serialize;

/// `layout_data.case_studies`.
#[derive(Debug, Clone, Serialize)]
pub struct CaseStudiesCtx {}

/// `layout_data.case_study`.
#[derive(Debug, Clone, Serialize)]
pub struct CaseStudyCtx {}

/// The listing.
pub fn build_listing(_env: &RenderEnv<'_>, _node: usize, _lang: usize) -> (LayoutCtx, Vec<Diagnostic>) {
    (LayoutCtx::default(), Vec::new())
}

/// One story.
pub fn build_page(_env: &RenderEnv<'_>, _node: usize, _lang: usize) -> (LayoutCtx, Vec<Diagnostic>) {
    (LayoutCtx::default(), Vec::new())
}
