//! Template rendering: builds the typed contexts of [`context`] for every page
//! in every language and renders them with Tera, in parallel, into the
//! staging folder.
//!
//! The files, in the order they depend on each other: [`context`] (the
//! template contexts), [`env`] (what all of rendering shares), [`nav`] (the
//! sidebar), [`pages`] (every page, with its layout's data from
//! `crate::layouts`), [`extras`] (404 pages, alias redirects, sitemap,
//! robots.txt), [`status`] (the translation status pages), [`machine`]
//! (markdown copies of the pages, `llms.txt`). This file only
//! names them and writes everything that is not a page ([`write_extras`]).

pub mod assets;
pub mod context;
pub mod env;
pub mod extras;
pub mod machine;
pub mod nav;
pub mod pages;
pub mod status;
pub mod versions;

pub use env::{RenderEnv, SEARCH_DIALOG_FILE};
pub use nav::{
    FULL_NAV_LIMIT, SIDEBAR_AROUND, SIDEBAR_BLOCK, SIDEBAR_COLLAPSE_AT, SIDEBAR_HEAD, SIDEBAR_TAIL, shown_ranges,
};
pub use pages::{RenderReport, all_pages, render_jobs, render_jobs_until, render_pages};

use crate::diagnostics::Diagnostics;
use crate::sink::Sink;

/// Writes everything that is not a page: the files of [`extras`], the
/// translation status pages and the files for machines.
pub fn write_extras(env: &RenderEnv<'_>, sink: &dyn Sink) -> Diagnostics {
    let mut diags = extras::write_extras(env, sink);
    diags.extend(status::write(env, sink));
    diags.extend(machine::write(env, sink));
    diags
}
