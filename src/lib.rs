//! onramp: a static documentation and onboarding site generator.
//!
//! A site is a folder with `site.yaml`, `content/` (markdown with YAML front
//! matter), and optionally `data/`, `static/`, `templates/` and `locales/`.
//! [`build_site`] turns it into a static site, one tree per language.
//!
//! The modules are layers, each importing only from those below it
//! (ARCHITECTURE.md draws them): the foundation ([`diagnostics`], [`yaml`],
//! [`source_file`], [`escape`], [`sink`], [`git`], [`timing`]) →
//! [`schema`] → [`config`], [`frontmatter`], [`theme`] (with
//! [`template_deps`]), [`i18n`], [`data`]
//! → [`discover`] → [`content`] and [`translation`] → [`markdown`] (with
//! [`highlight`]) → [`links`] → [`render`] (with [`layouts`]) → [`search`]
//! → [`output`], with [`pipeline`] (the stages in order), [`serve`],
//! [`check`] and [`init`] on top.

pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod data;
pub mod diagnostics;
pub mod discover;
pub mod escape;
pub mod frontmatter;
pub mod git;
pub mod highlight;
pub mod i18n;
pub mod init;
pub mod layouts;
pub mod links;
pub mod markdown;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod schema;
pub mod search;

pub mod serve;
pub mod sink;
pub mod source_file;
pub mod template_deps;
pub mod theme;
pub mod timing;
pub mod translation;
pub mod yaml;

pub use pipeline::{BuildError, BuildOptions, BuildReport, Stage, build_site};
