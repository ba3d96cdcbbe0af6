//! The site model: source documents, the section tree, and every page in
//! every language.
//!
//! Stages, each a function of the previous one's output:
//! 1. [`load_docs`]: read and split every markdown file, parse front matter.
//! 2. (the markdown stage, `crate::markdown::stage`, renders every body)
//! 3. [`Site::build`]: the language-neutral tree of sections and pages, and
//!    for each node one [`Variant`] per language — the translation when one
//!    exists, else the default language's document as a fallback — with
//!    titles, URLs and order resolved.

mod docs;
pub mod includes;
pub mod paths;
mod tree;

pub use docs::{Doc, LoadOptions, load_doc, load_docs};
pub use includes::Includes;
pub use tree::{Node, NodeKind, Site, Variant, alias_path as tree_alias_path};
