//! Reading source documents: each markdown file read, split and its front
//! matter parsed. Their markdown is rendered by the next stage
//! (`crate::markdown::stage`).

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::discover::{FileKind, SourceFile};
use crate::frontmatter::{self, FrontMatter};
use rayon::prelude::*;
use std::path::PathBuf;

/// One markdown file, read and split, with its front matter parsed.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Path relative to the site root, for messages and edit links.
    pub display: PathBuf,
    /// Language-neutral key (`docs/a.md`).
    pub key: String,
    /// Language of the file.
    pub lang: String,
    /// Page or section index.
    pub kind: FileKind,
    /// Front matter as written in the file.
    pub fm: FrontMatter,
    /// Where each front matter key and value is written, in the file's lines.
    pub spans: crate::yaml::Spans,
    /// Whole file text; only its front matter once the markdown stage of a
    /// build that keeps no state has run ([`Doc::drop_body`]).
    pub text: String,
    /// Byte offset of the body in `text`.
    pub body_offset: usize,
    /// Set for a file mounted from outside `content/`: its links are resolved from its real place.
    pub mount: Option<std::sync::Arc<crate::discover::Mounted>>,
    /// Warnings found while loading (script URLs of a home page's links),
    /// handed to the build's diagnostics by [`load_docs`].
    pub warnings: Vec<Diagnostic>,
    /// [`Doc::source_hash`], kept by [`Doc::drop_body`] when asked to.
    pub hash: Option<String>,
}

impl Doc {
    /// The markdown body.
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }

    /// Drops the body from [`Doc::text`], keeping the front matter (which
    /// later stages quote in messages); [`Doc::body`] is empty afterwards.
    /// With `keep_hash` (a source that a translation records the version
    /// of), [`Doc::source_hash`] is computed first and kept.
    pub fn drop_body(&mut self, keep_hash: bool) {
        if keep_hash && self.hash.is_none() {
            self.hash = Some(self.source_hash());
        }
        self.text.truncate(self.body_offset);
        self.text.shrink_to_fit();
    }

    /// Short hash of the whole file, front matter included (a changed
    /// title, description or `extra` text needs translating as much as a
    /// changed paragraph): what a translation records in `translation_of`.
    pub fn source_hash(&self) -> String {
        if let Some(h) = &self.hash {
            return h.clone();
        }
        use sha2::{Digest, Sha256};
        let text = self.text.replace("\r\n", "\n");
        let digest = Sha256::digest(text.trim().as_bytes());
        digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
    }

    /// True when front matter says `draft: true`.
    pub fn is_draft(&self) -> bool {
        self.fm.draft == Some(true)
    }
}

/// Options of the loading stage.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions<'a> {
    /// Keep drafts.
    pub drafts: bool,
    /// The default language: its drafts hide their translations too.
    pub default_lang: &'a str,
}

/// Reads every markdown file in parallel. Files that fail (not UTF-8,
/// broken front matter…) are reported and left out.
pub fn load_docs(files: &[SourceFile], opts: LoadOptions<'_>) -> (Vec<Doc>, Diagnostics) {
    let results: Vec<Result<Doc, Vec<Diagnostic>>> =
        files.par_iter().filter(|f| f.kind != FileKind::Asset).map(load_doc).collect();
    let mut diags = Diagnostics::new();
    let mut docs = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(mut d) => {
                diags.extend(std::mem::take(&mut d.warnings));
                docs.push(d)
            }
            Err(e) => diags.extend(e),
        }
    }
    // A draft source takes its translations with it.
    if !opts.drafts {
        let draft_sources: std::collections::HashSet<String> =
            docs.iter().filter(|d| d.is_draft() && d.lang == opts.default_lang).map(|d| d.key.clone()).collect();
        docs.retain(|d| !d.is_draft() && !draft_sources.contains(&d.key));
    }
    // Sources first, then translations (each in discovery order): the
    // markdown stage renders sources before the translations that take
    // their heading ids, and the site model is built in this order.
    let (mut docs, translations): (Vec<Doc>, Vec<Doc>) = docs.into_iter().partition(|d| d.lang == opts.default_lang);
    docs.extend(translations);
    (docs, diags)
}

/// Reads one markdown file; `Err` holds all its errors (every unknown
/// front matter field, say).
pub fn load_doc(f: &SourceFile) -> Result<Doc, Vec<Diagnostic>> {
    let text = crate::source_file::read_text(&f.abs, &f.display, f.place()).map_err(|d| vec![d])?;
    if text.trim().is_empty() {
        return Err(vec![
            Diagnostic::error(&f.display, 1, 1, "file is empty").with_help(
                "add front matter with a title (`---`, `title: …`, `---`) and some text, or delete the file",
            ),
        ]);
    }
    let split = frontmatter::split(&text, &f.display).map_err(|d| vec![d])?;
    let frontmatter::Parsed { mut fm, mut warnings, spans } = frontmatter::parse(&split, &f.display)?;
    if frontmatter::is_home(&fm, &f.key) {
        warnings.extend(frontmatter::check_home(&split, &f.display, &spans, &mut fm).map_err(|d| vec![d])?);
    }
    let body_offset = split.body_offset;
    Ok(Doc {
        display: f.display.clone(),
        key: f.key.clone(),
        lang: f.lang.clone(),
        kind: f.kind,
        fm,
        spans,
        text,
        body_offset,
        mount: f.mount.clone(),
        warnings,
        hash: None,
    })
}
