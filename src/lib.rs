//! onramp: a static documentation and onboarding site generator.
//!
//! A site is a folder with `site.yaml`, `content/` (markdown with YAML front
//! matter), and optionally `data/`, `static/`, `templates/` and `locales/`.
//! [`build_site`] turns it into a static site, one tree per language.
//!
//! The modules follow the pipeline, in order: [`config`] → [`theme`] and
//! [`i18n`] → [`discover`] → [`frontmatter`] → [`markdown`] (with
//! [`highlight`]) → [`content`] → [`links`] → [`render`] → [`output`].
//! [`pipeline`] calls them in that order; [`diagnostics`] is the one error
//! shape they all report with.

pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod data;
pub mod diagnostics;
pub mod discover;
pub mod frontmatter;
pub mod git;
pub mod highlight;
pub mod i18n;
pub mod init;
pub mod layouts;
pub mod links;
pub mod markdown;
pub mod mount;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod repo_links;
pub mod search;

pub mod serve;
pub mod source_file;
pub mod theme;
pub mod translation;
pub mod yaml;

pub use pipeline::{BuildError, BuildOptions, BuildReport, Stage, build_site};
