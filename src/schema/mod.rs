//! The schema layer: the raw, serde-facing types of everything a user
//! writes (`site.yaml`, front matter, layout data files), at the bottom of
//! the pipeline. Each type says what a key accepts and how it is spelled;
//! the checks that need the rest of the site (does this page exist, is this
//! data file there) happen in the stages above, which turn these types into
//! validated ones.
//!
//! This module imports nothing from a later stage, so `config`,
//! `frontmatter` and every layout can share these types without leaning on
//! each other.
pub mod case_studies;
pub mod check;
pub mod community;
pub mod directory;
pub mod getting_started;
pub mod guide;
pub mod meetings;
pub mod news;
pub mod outputs;
pub mod page;
pub mod site;
pub mod values;
pub mod versions;
pub mod videos;
